//! `onrecord eval`: score the extraction (or a prediction file) against annotated gold with
//! the port of the reference scorer in `onrecord-eval`.

use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;

use onrecord_core::{annotated_record, AnnotatedOptions};
use onrecord_eval::{Corpus, Document};
use onrecord_ingest::{read_inputs, ReadOptions};

use super::extract::{analyze_in_order, report_problem, Flow};
use crate::Cli;

const EXAMPLES: &str = "\
Examples:
  onrecord eval ../shared/gold/seeds.jsonl              extract from the gold texts and score
  onrecord eval gold.jsonl --pred out.jsonl             score predictions made elsewhere
  onrecord eval gold.jsonl --json > scores.json

The figures are exactly those of the reference scorer: `onrecord eval GOLD --pred PRED` prints
what `python3 score_quotes.py GOLD PRED` prints, and `onrecord eval GOLD` what it prints for
PRED = `onrecord extract` run on the gold documents stripped of their annotations. Rows: track
(all attributions, or direct ones whose content holds a quotation mark) @ content match
(exact after trimming, or overlap of at least 0.8 / 0.3 of both spans); columns: P, R, F1,
then over matched pairs the accuracy of source, cue, speaker name and date, and end-to-end F1
(right content, source and speaker).";

#[derive(clap::Args, Debug)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Annotated-corpus gold file (JSONL with attributions)
    #[arg(value_name = "GOLD.jsonl")]
    pub gold: PathBuf,

    /// Score this prediction file instead of running the extraction on the gold documents
    #[arg(long, value_name = "PRED.jsonl")]
    pub pred: Option<PathBuf>,

    /// Print the figures as JSON (as `score_quotes.py --json`)
    #[arg(long)]
    pub json: bool,

    /// Threads for the extraction [default: one per core]
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<NonZeroUsize>,
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let gold = onrecord_eval::load(&args.gold)?;
    let mut failed = false;
    let pred = match &args.pred {
        Some(path) => onrecord_eval::load(path)?,
        None => {
            // Only id, text, published, outlet and title reach the analysis: the reader
            // ignores the gold annotations.
            let mut pred = Corpus::new();
            let items = read_inputs(std::slice::from_ref(&args.gold), &ReadOptions::default());
            let text = AnnotatedOptions { text: false };
            analyze_in_order(
                items,
                args.jobs,
                |article, analysis| Document::from_json(&annotated_record(article, analysis, text)),
                |result| {
                    match result {
                        Ok(doc) => pred.insert(doc.map_err(anyhow::Error::msg)?),
                        Err(problem) => failed |= report_problem(cli, &problem),
                    }
                    Ok(Flow::Continue)
                },
            )?;
            pred
        }
    };
    let report = onrecord_eval::score(&gold, &pred);
    if args.json {
        println!("{}", report.to_json());
    } else {
        print!("{}", report.to_table());
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
