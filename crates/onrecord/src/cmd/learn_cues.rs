//! `onrecord learn-cues`: rebuild the cue lexicon from an annotated corpus.

use std::io::{BufReader, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use onrecord_analysis::lexicon::Lexicon;

use crate::Cli;

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Example:\n  onrecord learn-cues ../shared/gold/polnear-train.jsonl \\\n      > crates/onrecord-analysis/data/cues.tsv\n\nLearn only from training data: the table is compiled into the binary."
)]
pub struct Args {
    /// Annotated-corpus JSONL with gold attributions (their `cue` spans are counted)
    pub gold: PathBuf,
}

pub fn run(_cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let file = std::fs::File::open(&args.gold)
        .with_context(|| format!("cannot open {}", args.gold.display()))?;
    let lex = Lexicon::learn_jsonl(BufReader::new(file))
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.gold.display()))?;
    std::io::stdout()
        .lock()
        .write_all(lex.to_tsv().as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
