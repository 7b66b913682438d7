//! `onrecord extract`: analyse articles and print one annotated-corpus JSON line each, in
//! input order, with no database.

use std::io::{self, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use onrecord_core::{annotated_record, Analysis, AnnotatedOptions, Article};
use onrecord_ingest::{
    read_pending, Collector, Extracted, Format, Item, Pending, Problem, ReadOptions,
};
use rayon::prelude::*;

use crate::{output, Cli};

const EXAMPLES: &str = "\
Examples:
  onrecord extract article.txt                 one JSON line for one article
  onrecord extract corpus/ > out.jsonl         every .txt, .jsonl and .html file under corpus/
  onrecord extract news.warc.gz > out.jsonl    every article page of a web archive
  onrecord extract - --stdin-format html < page.html
  onrecord extract --no-text --jobs 1 news.jsonl

Each line holds id, published, outlet, title, attributions (content, cue and source as
[start, end) Unicode code-point spans into the text, speaker, date, direct, kind), speakers and
timexes: the annotated-corpus format that `onrecord eval --pred` and score_quotes.py read.
Problems go to stderr as 'onrecord: warning: …' or 'onrecord: error: …', a WARC file's summary
as 'onrecord: note: …'; the exit status is 1 when any input could not be read.";

#[derive(clap::Args, Debug)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Files or folders to read (.txt, .jsonl, .html, .warc, .warc.gz; folders recursively);
    /// `-` reads standard input
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Leave the article text out of each line (offsets still refer to it)
    #[arg(long)]
    pub no_text: bool,

    /// Threads for the analysis [default: one per core]
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<NonZeroUsize>,

    /// Format of standard input: txt, jsonl, html or warc [default: guessed from its first
    /// bytes]
    #[arg(long, value_name = "FORMAT")]
    pub stdin_format: Option<Format>,

    /// Analyse with the tables `onrecord learn-cues --out DIR` wrote, instead of the built-in ones
    #[arg(long, value_name = "DIR")]
    pub models: Option<PathBuf>,
}

/// Articles analysed per batch: large enough to keep every thread busy, small enough that
/// memory stays bounded however large the input.
const BATCH: usize = 256;

/// What to do after handing one result on.
pub(crate) enum Flow {
    Continue,
    /// The consumer has gone (a closed pipe): stop reading.
    Stop,
}

/// Extracts every web page and analyses every article of `steps` on a pool of `jobs` threads
/// (all cores when `None`) and hands each result, mapped by `map` on the pool, or each problem
/// to `sink` in input order. An article whose analysis panics becomes an error problem; the
/// others go on.
pub(crate) fn analyze_in_order<T: Send>(
    steps: impl Iterator<Item = Pending>,
    jobs: Option<NonZeroUsize>,
    models: &onrecord_analysis::Models,
    map: impl Fn(&Article, &Analysis) -> T + Sync,
    mut sink: impl FnMut(Result<T, Problem>) -> anyhow::Result<Flow>,
) -> anyhow::Result<()> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.map_or(0, NonZeroUsize::get))
        .thread_name(|i| format!("onrecord-analysis-{i}"))
        .build()
        .context("cannot start the analysis threads")?;
    let one = |article: &Article| match onrecord_analysis::try_analyze_with(article, models) {
        Ok(analysis) => Ok(map(article, &analysis)),
        Err(why) => {
            let message = format!("analysis of article '{}' failed: {why}", article.id);
            Err(Problem::error(article.origin.clone(), message))
        }
    };
    let mut collector = Collector::default();
    let mut steps = steps.peekable();
    while steps.peek().is_some() {
        let batch: Vec<Pending> = steps.by_ref().take(BATCH).collect();
        type Done<T> = (Extracted, Option<Result<T, Problem>>);
        let results: Vec<Done<T>> = pool.install(|| {
            batch
                .into_par_iter()
                .map(|step| {
                    let extracted = step.extract();
                    let result = extracted.article().map(one);
                    (extracted, result)
                })
                .collect()
        });
        for (extracted, mut result) in results {
            for item in collector.collect(extracted) {
                let result = match item {
                    Item::Article(_) => result.take().expect("one result per article"),
                    Item::Problem(problem) => Err(problem),
                };
                if let Flow::Stop = sink(result)? {
                    return Ok(());
                }
            }
        }
    }
    Ok(())
}

/// Prints an input problem on stderr (notes and warnings only when not `--quiet`); returns
/// whether it was an error.
pub(crate) fn report_problem(cli: &Cli, problem: &Problem) -> bool {
    let error = problem.is_error();
    if error || !cli.quiet {
        eprintln!("onrecord: {}: {problem}", problem.severity);
    }
    error
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let opts = ReadOptions {
        stdin_format: args.stdin_format,
        ..ReadOptions::default()
    };
    let record = AnnotatedOptions {
        text: !args.no_text,
    };
    let models = super::models(args.models.as_deref())?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut failed = false;
    analyze_in_order(
        read_pending(&args.paths, &opts),
        args.jobs,
        &models,
        |article, analysis| {
            let mut line = annotated_record(article, analysis, record).to_string();
            line.push('\n');
            line
        },
        |result| {
            let io = match result {
                Ok(line) => out.write_all(line.as_bytes()),
                Err(problem) => {
                    // Keep stdout and stderr in step on a terminal.
                    let flushed = out.flush();
                    failed |= report_problem(cli, &problem);
                    flushed
                }
            };
            match io {
                Ok(()) => Ok(Flow::Continue),
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Flow::Stop),
                Err(e) => Err(anyhow::Error::new(e).context("cannot write to standard output")),
            }
        },
    )?;
    output::finish(out.flush()).context("cannot write to standard output")?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
