//! `onrecord learn-cues`: rebuild the learned data of the attribution stage (the cue lexicon
//! and the weights of the cue detector and of the content-start and content-end models) from an annotated corpus.

use std::io::BufReader;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

use crate::Cli;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  onrecord learn-cues ../shared/gold/polnear-train.jsonl \\\n      --out crates/onrecord-analysis/data\n  cargo build --release   # the tables are compiled into the binary\n\n  onrecord learn-cues our-newsroom-gold.jsonl --out our-models\n  onrecord extract --models our-models articles/   # or eval --models: no rebuild\n\nLearn only from training data: evaluation files must stay unseen."
)]
pub struct Args {
    /// Annotated-corpus JSONL with gold attributions (their `cue` spans are the labels)
    pub gold: PathBuf,
    /// Folder to write `cues.tsv`, `cue-model.tsv`, `start-model.tsv` and `end-model.tsv` into
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let file = std::fs::File::open(&args.gold)
        .with_context(|| format!("cannot open {}", args.gold.display()))?;
    let learned = onrecord_analysis::learn::learn(BufReader::new(file))
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.gold.display()))?;
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    for (name, table) in onrecord_analysis::Models::FILES
        .into_iter()
        .zip(learned.tables())
    {
        let path = args.out.join(name);
        std::fs::write(&path, table).with_context(|| format!("cannot write {}", path.display()))?;
        if !cli.quiet {
            eprintln!("onrecord: wrote {}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}
