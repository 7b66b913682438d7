//! `onrecord eval`: score the extraction (or a prediction file) against annotated gold with
//! the ports of the reference scorers in `onrecord-eval`: attributions as `score_quotes.py`,
//! time expressions and publication days as `score_timex.py`.

use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;

use onrecord_core::{annotated_record, AnnotatedOptions};
use onrecord_eval::{Corpus, Document, TimexCorpus, TimexDoc};
use onrecord_ingest::{read_inputs, Item, Pending, ReadOptions};

use super::extract::{analyze_in_order, report_problem, Flow};
use crate::Cli;

const EXAMPLES: &str = "\
Examples:
  onrecord eval ../shared/gold/seeds.jsonl              extract from the gold texts and score
  onrecord eval gold.jsonl --pred out.jsonl             score predictions made elsewhere
  onrecord eval gold.jsonl --json > scores.json
  onrecord eval ../shared/gold/tbaq-dev.jsonl           time expressions (the gold has timexes)
  onrecord eval fold-a.jsonl --models DIR               with tables `learn-cues --out DIR` learned
                                                        on other documents
  onrecord eval ../shared/gold/tbaq-dev.jsonl --blind --docdate
                                                        publication days inferred from the text

The figures are exactly those of the reference scorers: `onrecord eval GOLD --pred PRED`
prints what `python3 score_quotes.py GOLD PRED` prints, when the gold has `figures` what
`python3 score_figures.py GOLD PRED` prints, or, when the gold has `timexes`, what
`python3 score_timex.py GOLD PRED` prints (with --docdate, what `score_timex.py --docdate`
prints). `onrecord eval GOLD` scores PRED = `onrecord extract` run on the gold documents
stripped of their annotations (id, text, published, outlet, title; with --blind, without
published, which the extraction then infers, as `score_timex.py --blind` makes the input).

Attribution rows: track (all attributions, or direct ones whose content holds a quotation
mark) @ content match (exact after trimming, or overlap of at least 0.8 / 0.3 of both spans);
columns: P, R, F1, then over matched pairs the accuracy of source, cue, speaker name and date,
and end-to-end F1 (right content, source and speaker). Time rows: strict and relaxed span
match P/R/F1 (TempEval-3 Task A), type and value accuracy, value F1; --docdate: exact day,
within a day, same year over the gold documents with a publication day.";

#[derive(clap::Args, Debug)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Annotated-corpus gold file (JSONL with attributions, or with timexes)
    #[arg(value_name = "GOLD.jsonl")]
    pub gold: PathBuf,

    /// Score this prediction file instead of running the extraction on the gold documents
    #[arg(long, value_name = "PRED.jsonl")]
    pub pred: Option<PathBuf>,

    /// Print the figures as JSON (as the scripts' --json)
    #[arg(long)]
    pub json: bool,

    /// Score publication days (`published`) as `score_timex.py --docdate`
    #[arg(long)]
    pub docdate: bool,

    /// Withhold the publication day from the extraction, which then infers it from the text
    #[arg(long, conflicts_with = "pred")]
    pub blind: bool,

    /// Threads for the extraction [default: one per core]
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<NonZeroUsize>,

    /// Extract with the tables `onrecord learn-cues --out DIR` wrote (learned on other
    /// documents than GOLD's), instead of the built-in ones
    #[arg(long, value_name = "DIR", conflicts_with = "pred")]
    pub models: Option<PathBuf>,
}

/// The gold documents as the extraction sees them (gold annotations ignored by the reader;
/// `published` withheld when blind), analysed in order; `map` turns each annotated record
/// into a scorer document.
fn extract<T>(
    cli: &Cli,
    args: &Args,
    map: impl Fn(serde_json::Value) -> Result<T, String> + Sync,
    mut insert: impl FnMut(T),
) -> anyhow::Result<bool>
where
    T: Send,
{
    let mut failed = false;
    let blind = args.blind;
    let items = read_inputs(std::slice::from_ref(&args.gold), &ReadOptions::default())
        .map(move |item| match item {
            Item::Article(mut a) if blind => {
                a.published = None;
                Item::Article(a)
            }
            other => other,
        })
        .map(Pending::from);
    let text = AnnotatedOptions { text: false };
    let models = super::models(args.models.as_deref())?;
    analyze_in_order(
        items,
        args.jobs,
        &models,
        |article, analysis| map(annotated_record(article, analysis, text)),
        |result| {
            match result {
                Ok(doc) => insert(doc.map_err(anyhow::Error::msg)?),
                Err(problem) => failed |= report_problem(cli, &problem),
            }
            Ok(Flow::Continue)
        },
    )?;
    Ok(failed)
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let gold = onrecord_eval::load(&args.gold)?;
    let time_gold = onrecord_eval::load_timex(&args.gold)?;
    if onrecord_eval::has_figures(&time_gold) && !args.docdate {
        return run_figures(cli, args, time_gold);
    }
    if args.docdate || time_gold.has_timexes() {
        return run_time(cli, args, time_gold);
    }
    let mut failed = false;
    let pred = match &args.pred {
        Some(path) => onrecord_eval::load(path)?,
        None => {
            let mut pred = Corpus::new();
            failed = extract(cli, args, |v| Document::from_json(&v), |d| pred.insert(d))?;
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

/// The predictions as raw JSON documents (figures and time gold files): `--pred`, else the
/// extraction of the gold texts; and whether an article failed.
fn raw_predictions(cli: &Cli, args: &Args) -> anyhow::Result<(TimexCorpus, bool)> {
    Ok(match &args.pred {
        Some(path) => (onrecord_eval::load_timex(path)?, false),
        None => {
            let mut pred = TimexCorpus::new();
            let failed = extract(cli, args, TimexDoc::from_json, |d| pred.insert(d))?;
            (pred, failed)
        }
    })
}

/// Figures as `score_figures.py`.
fn run_figures(cli: &Cli, args: &Args, gold: TimexCorpus) -> anyhow::Result<ExitCode> {
    let (pred, failed) = raw_predictions(cli, args)?;
    let report = onrecord_eval::score_figures(&gold, &pred);
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

/// Time expressions (or, with --docdate, publication days) as `score_timex.py`.
fn run_time(cli: &Cli, args: &Args, gold: TimexCorpus) -> anyhow::Result<ExitCode> {
    let (pred, failed) = raw_predictions(cli, args)?;
    if args.docdate {
        let report = onrecord_eval::score_docdate(&gold, &pred);
        if args.json {
            println!("{}", report.to_json());
        } else {
            print!("{}", report.to_table());
        }
    } else {
        let report = onrecord_eval::score_timexes(&gold, &pred)?;
        if args.json {
            println!("{}", report.to_json());
        } else {
            print!("{}", report.to_table());
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
