//! `onrecord ingest`: read articles, analyse them in parallel, store them.
//!
//! Three stages connected by bounded channels, so memory stays bounded whatever the input
//! size: a reader thread streams [`Pending`] steps from the inputs; the main thread gathers
//! them into chunks, extracts web pages and analyses articles of each chunk on a rayon pool
//! (a WARC file's thousands of pages would keep one reader thread busy while the pool
//! waits), then takes the results back in input order, so the store's content and the
//! messages do not depend on `--jobs`; one writer thread stores each analysed chunk in one
//! transaction. Killing the process at any point loses at most the batch being
//! written, and running the same ingest again completes it (storage is idempotent).

use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver};
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use onrecord_core::{Analysis, Article};
use onrecord_ingest::{Collector, Extracted, Item, Pending, ReadOptions, Severity};
use onrecord_store::{Inserted, Store};
use rayon::prelude::*;

use crate::output;
use crate::Cli;

/// Steps (articles, pages, problems) handled together; their articles are stored in one
/// transaction.
const CHUNK: usize = 256;

const AFTER_HELP: &str = "\
Examples:
  onrecord ingest examples/corpus                 every .txt, .jsonl and .html file in a folder
  onrecord ingest --db news.db feed-*.jsonl       into another database
  onrecord ingest CC-NEWS-20310309-00000.warc.gz  every HTML page of a web archive (.warc too)
  curl -s https://example.org/a.html | onrecord ingest --stdin-format html -

Re-ingesting is safe: an article already stored (same id and text) is skipped, so an
interrupted ingest is completed by running it again. A WARC page's id is its URL: the same
archive adds nothing the second time, a later capture with new text is a new version.
Problems with single inputs are reported as `onrecord: warning|error: path:line: message`
(`path@offset` for a WARC record) and never stop the others; each WARC file ends with
`onrecord: note: path: N pages read; skipped …`. The exit status is 1 if any input had an
error (a damaged WARC record or a page without article text is a warning).

The database is --db PATH, else $ONRECORD_DB, else ./onrecord.db in the current directory.";

#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// Files and folders to read (.txt, .jsonl, .html, .warc, .warc.gz; folders recursively);
    /// `-` reads standard input
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// Format of standard input [default: guessed from its first bytes]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub stdin_format: Option<InputFormat>,

    /// Analyse with N threads [default: all cores]
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<NonZeroUsize>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    Txt,
    Jsonl,
    Html,
    Warc,
}

impl From<InputFormat> for onrecord_ingest::Format {
    fn from(f: InputFormat) -> Self {
        match f {
            InputFormat::Txt => onrecord_ingest::Format::Txt,
            InputFormat::Jsonl => onrecord_ingest::Format::Jsonl,
            InputFormat::Html => onrecord_ingest::Format::Html,
            InputFormat::Warc => onrecord_ingest::Format::Warc,
        }
    }
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let db = output::db_path(cli);
    let mut store = Store::open(&db)?;
    let jobs = args
        .jobs
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("onrecord-analysis-{i}"))
        .build()
        .context("cannot start the analysis threads")?;
    let report = Report::new(cli.quiet);
    let opts = ReadOptions {
        stdin_format: args.stdin_format.map(Into::into),
        ..ReadOptions::default()
    };

    // Reader: detached, so that a writer failure does not wait on a blocked stdin read.
    let (step_tx, step_rx) = sync_channel::<Pending>(CHUNK);
    let steps = onrecord_ingest::read_pending(&args.paths, &opts);
    std::thread::Builder::new()
        .name("onrecord-reader".into())
        .spawn(move || {
            for step in steps {
                if step_tx.send(step).is_err() {
                    break; // the ingest stopped
                }
            }
        })
        .context("cannot start the reader thread")?;

    let (batch_tx, batch_rx) = sync_channel::<Vec<(Article, Analysis)>>(2);
    let mut read = 0u64;
    let written = std::thread::scope(|s| -> anyhow::Result<Written> {
        let writer = s.spawn(|| write_all(&mut store, batch_rx, &report));
        let mut collector = Collector::default();
        let mut chunk = Vec::with_capacity(CHUNK);
        for step in step_rx {
            chunk.push(step);
            if chunk.len() == CHUNK {
                let chunk = std::mem::take(&mut chunk);
                let batch = analyse(&pool, chunk, &mut collector, &report, &mut read);
                if batch_tx.send(batch).is_err() {
                    break; // the writer failed; its error is reported below
                }
            }
        }
        if !chunk.is_empty() {
            let _ = batch_tx.send(analyse(&pool, chunk, &mut collector, &report, &mut read));
        }
        drop(batch_tx);
        writer.join().expect("the writer thread panicked")
    })?;
    report.bar.finish_and_clear();

    let counts = store.counts()?;
    if !cli.quiet {
        let warnings = report.warnings.load(Ordering::Relaxed);
        let errors = report.errors.load(Ordering::Relaxed);
        let not_stored = read - written.new - written.duplicate;
        eprintln!(
            "onrecord: {} read: {} new, {} already stored{}; {} added",
            plural(read, "article"),
            written.new,
            written.duplicate,
            if not_stored > 0 {
                format!(", {not_stored} not stored")
            } else {
                String::new()
            },
            plural(written.statements, "statement"),
        );
        eprintln!(
            "onrecord: {} now holds {}, {}, {}",
            db.display(),
            plural(counts.articles, "article"),
            plural(counts.statements, "statement"),
            plural(counts.speakers, "speaker"),
        );
        eprintln!(
            "onrecord: {}, {} in {:.1} s",
            plural(warnings, "warning"),
            plural(errors, "error"),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if report.errors.load(Ordering::Relaxed) > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn plural(n: u64, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Extract the pages and analyse the articles of a chunk in parallel, then report its
/// problems and count its articles in input order. An article whose analysis panics is
/// reported and left out (so a later ingest retries it).
fn analyse(
    pool: &rayon::ThreadPool,
    chunk: Vec<Pending>,
    collector: &mut Collector,
    report: &Report,
    read: &mut u64,
) -> Vec<(Article, Analysis)> {
    type Done = (Extracted, Option<Result<Analysis, String>>);
    let results: Vec<Done> = pool.install(|| {
        chunk
            .into_par_iter()
            .map(|step| {
                let extracted = step.extract();
                let analysis = extracted.article().map(onrecord_analysis::try_analyze);
                (extracted, analysis)
            })
            .collect()
    });
    let mut batch = Vec::new();
    for (extracted, mut analysis) in results {
        for item in collector.collect(extracted) {
            match item {
                Item::Problem(p) => report.problem(p.severity, &p),
                Item::Article(a) => {
                    *read += 1;
                    match analysis.take().expect("one analysis per article") {
                        Ok(analysis) => batch.push((a, analysis)),
                        Err(why) => report.error(format_args!(
                            "{}: analysis failed, article {} not stored: {why}",
                            a.origin, a.id
                        )),
                    }
                }
            }
        }
    }
    batch
}

/// What the writer stored.
#[derive(Default)]
struct Written {
    new: u64,
    duplicate: u64,
    statements: u64,
}

impl Written {
    fn add(&mut self, inserted: Inserted) {
        match inserted {
            Inserted::New { statements } => {
                self.new += 1;
                self.statements += statements as u64;
            }
            Inserted::Duplicate => self.duplicate += 1,
        }
    }
}

/// The writer: one transaction per batch. If a batch holds an analysis the store refuses,
/// its articles are stored one by one so that only that article is lost.
fn write_all(
    store: &mut Store,
    batches: Receiver<Vec<(Article, Analysis)>>,
    report: &Report,
) -> anyhow::Result<Written> {
    let mut written = Written::default();
    for batch in batches {
        match store.insert_batch(&batch) {
            Ok(results) => results.into_iter().for_each(|r| written.add(r)),
            Err(onrecord_store::Error::InvalidAnalysis { .. }) => {
                for (article, analysis) in &batch {
                    match store.insert(article, analysis) {
                        Ok(r) => written.add(r),
                        Err(e @ onrecord_store::Error::InvalidAnalysis { .. }) => {
                            report.error(format_args!("cannot store {e}"));
                        }
                        Err(e) => return Err(e).context("cannot store articles"),
                    }
                }
            }
            Err(e) => return Err(e).context("cannot store articles"),
        }
        report.bar.inc(batch.len() as u64);
        report.bar.set_message(format!("{} new", written.new));
    }
    Ok(written)
}

/// Problems and progress on stderr, shared by the three stages.
struct Report {
    bar: ProgressBar,
    quiet: bool,
    warnings: AtomicU64,
    errors: AtomicU64,
}

impl Report {
    fn new(quiet: bool) -> Report {
        use std::io::IsTerminal;
        let bar = if quiet || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {elapsed} {human_pos} articles stored, {msg} ({per_sec})",
                )
                .expect("valid template"),
            );
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        };
        Report {
            bar,
            quiet,
            warnings: AtomicU64::new(0),
            errors: AtomicU64::new(0),
        }
    }

    fn problem(&self, severity: Severity, p: &impl std::fmt::Display) {
        match severity {
            Severity::Note => self.note(p),
            Severity::Warning => self.warning(p),
            Severity::Error => self.error(p),
        }
    }

    /// Not counted (nothing is wrong); printed unless --quiet.
    fn note(&self, msg: impl std::fmt::Display) {
        if !self.quiet {
            self.bar.suspend(|| eprintln!("onrecord: note: {msg}"));
        }
    }

    /// Counted always; printed unless --quiet.
    fn warning(&self, msg: impl std::fmt::Display) {
        self.warnings.fetch_add(1, Ordering::Relaxed);
        if !self.quiet {
            self.bar.suspend(|| eprintln!("onrecord: warning: {msg}"));
        }
    }

    /// Counted and printed always.
    fn error(&self, msg: impl std::fmt::Display) {
        self.errors.fetch_add(1, Ordering::Relaxed);
        self.bar.suspend(|| eprintln!("onrecord: error: {msg}"));
    }
}
