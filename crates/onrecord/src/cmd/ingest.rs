//! `onrecord ingest`: read articles, analyse them in parallel, store them.
//!
//! Arguments that are URLs (and the lines of `--urls FILE`) are fetched through
//! `onrecord-crawl` after the files: a page is stored, a feed's or sitemap's pages are.
//!
//! For files, three stages connected by bounded channels, so memory stays bounded whatever
//! the input size: a reader thread streams [`Pending`] steps from the inputs; the main thread
//! gathers them into chunks, extracts web pages and analyses articles of each chunk on a
//! rayon pool (a WARC file's thousands of pages would keep one reader thread busy while the
//! pool waits), then takes the results back in input order, so the store's content and the
//! messages do not depend on `--jobs`; one writer thread stores each analysed chunk in one
//! transaction. Killing the process at any point loses at most the batch being
//! written, and running the same ingest again completes it (storage is idempotent).

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use onrecord_core::{Analysis, Article};
use onrecord_ingest::{Collector, Extracted, Item, Pending, ReadOptions};
use onrecord_pg::PgStore;
use onrecord_store::{Inserted, RecordStore, Store};
use rayon::prelude::*;

use crate::cmd::fetching::{self, plural, FetchArgs, Report};
use crate::output::{self, Database};
use crate::Cli;

/// Articles analysed together and stored in one transaction.
const CHUNK: usize = 256;

const AFTER_HELP: &str = "\
Examples:
  onrecord ingest examples/corpus                 every .txt, .jsonl and .html file in a folder
  onrecord ingest --db news.db feed-*.jsonl       into another database
  onrecord ingest CC-NEWS-20310309-00000.warc.gz  every HTML page of a web archive (.warc too)
  curl -s https://example.org/a.html | onrecord ingest --stdin-format html -
  onrecord ingest https://www.example-news.org/world/2031/03/07/ferries.html
  onrecord ingest https://www.example-news.org/rss/world.xml     every page the feed lists
  onrecord ingest https://www.example-news.org/sitemap-news.xml --contact mailto:me@example.org
  onrecord ingest --urls reading-list.txt                        one URL a line, # comments

Arguments starting with http:// or https:// are fetched (files and URLs mix freely): a
page is stored as an article; a feed (RSS, Atom, JSON Feed) or a sitemap is read and each
page it lists fetched and stored; a sitemap index is followed to its sitemaps (3 levels at
most). At most --max-pages pages are fetched in a run; the rest are fetched by the next
run. Requests are polite: robots.txt is obeyed, one request at a time per host with
--delay between them, and every response (redirects included) is archived as WARC in
--archive DIR (default: the database path + .warc). Feeds and sitemaps read are
remembered, so running the same ingest again fetches only what is new; to follow them
over time, use `onrecord watch`. Ctrl-C stops cleanly (exit status 130).

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
    /// Files and folders to read (.txt, .jsonl, .html, .warc, .warc.gz; folders
    /// recursively); `-` reads standard input; http:// and https:// URLs of pages, feeds and
    /// sitemaps are fetched
    #[arg(value_name = "PATH|URL", required_unless_present = "urls")]
    pub paths: Vec<PathBuf>,

    /// Also fetch the URLs in FILE, one a line (blank lines and lines starting with # are
    /// skipped)
    #[arg(long, value_name = "FILE")]
    pub urls: Option<PathBuf>,

    /// Format of standard input [default: guessed from its first bytes]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub stdin_format: Option<InputFormat>,

    /// Analyse with N threads [default: all cores]
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<NonZeroUsize>,

    #[command(flatten)]
    pub fetch: FetchArgs,
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

/// The URLs among the arguments and in `--urls FILE`, and the paths.
fn split_inputs(args: &Args) -> anyhow::Result<(Vec<PathBuf>, Vec<String>)> {
    let mut paths = Vec::new();
    let mut urls = Vec::new();
    for p in &args.paths {
        match p.to_str() {
            Some(s) if onrecord_crawl::is_url(s) => urls.push(s.to_string()),
            _ => paths.push(p.clone()),
        }
    }
    if let Some(file) = &args.urls {
        urls.extend(read_url_list(file)?);
    }
    Ok((paths, urls))
}

/// One URL a line; blank lines and `#` comments skipped; anything else must be a URL.
fn read_url_list(file: &Path) -> anyhow::Result<Vec<String>> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read the URL list {}", file.display()))?;
    let mut urls = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        anyhow::ensure!(
            onrecord_crawl::is_url(line),
            "{}:{}: not an http:// or https:// URL: {line}",
            file.display(),
            i + 1
        );
        urls.push(line.to_string());
    }
    Ok(urls)
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let (paths, urls) = split_inputs(args)?;
    let database = output::database(cli);
    let report = Arc::new(Report::new(cli.quiet));
    let heartbeat = crate::cmd::fetching::heartbeat(cli, "ingest")?;
    if let Some(h) = &heartbeat {
        let _ = report.heartbeat.set(h.clone());
    }
    let mut totals = Totals::default();
    if !paths.is_empty() {
        report.doing(format!("reading {}", plural(paths.len() as u64, "path")));
        match &database {
            Database::Sqlite(db) => {
                ingest_files(args, &paths, &mut Store::open(db)?, &report, &mut totals)?
            }
            Database::Postgres(url) => ingest_files(
                args,
                &paths,
                &mut PgStore::connect(url)?,
                &report,
                &mut totals,
            )?,
        }
    }
    let mut interrupted = false;
    if !urls.is_empty() {
        report.bar.finish_and_clear();
        let fetch_report = Arc::new(Report::for_fetching(cli.quiet));
        if let Some(h) = &heartbeat {
            let _ = fetch_report.heartbeat.set(h.clone());
        }
        fetch_report.doing(format!("fetching {}", plural(urls.len() as u64, "URL")));
        interrupted = !ingest_urls(cli, args, &urls, &fetch_report, &mut totals)?;
        fetch_report.bar.finish_and_clear();
        report.warnings.fetch_add(
            fetch_report.warnings(),
            std::sync::atomic::Ordering::Relaxed,
        );
        report
            .errors
            .fetch_add(fetch_report.errors(), std::sync::atomic::Ordering::Relaxed);
    }
    report.bar.finish_and_clear();

    let counts = match &database {
        Database::Sqlite(db) => Store::open_read_only(db)?.counts()?,
        Database::Postgres(url) => PgStore::connect(url)?.counts()?,
    };
    if !cli.quiet {
        let Totals {
            read,
            written,
            versions,
            ..
        } = &totals;
        let not_stored = read - written.new - written.duplicate - versions;
        let mut parts = vec![format!("{} new", written.new)];
        if *versions > 0 {
            parts.push(plural(*versions, "new version"));
        }
        parts.push(format!("{} already stored", written.duplicate));
        if not_stored > 0 {
            parts.push(format!("{not_stored} not stored"));
        }
        eprintln!(
            "onrecord: {} read: {}; {} added",
            plural(*read, "article"),
            parts.join(", "),
            plural(written.statements, "statement"),
        );
        if let Some(line) = &totals.fetched {
            eprintln!("onrecord: {line}");
        }
        eprintln!(
            "onrecord: {} now holds {}, {}, {}",
            database.display(),
            plural(counts.articles, "article"),
            plural(counts.statements, "statement"),
            plural(counts.speakers, "speaker"),
        );
        eprintln!(
            "onrecord: {}, {} in {:.1} s",
            plural(report.warnings(), "warning"),
            plural(report.errors(), "error"),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if interrupted {
        ExitCode::from(fetching::INTERRUPTED)
    } else if report.errors() > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// What an ingest did, files and URLs together.
#[derive(Default)]
struct Totals {
    /// Articles read (files) and pages read as articles (URLs).
    read: u64,
    written: Written,
    /// Pages stored as a new version of an article.
    versions: u64,
    /// The line about fetching, when URLs were given.
    fetched: Option<String>,
}

/// Fetches the URLs; false when interrupted.
fn ingest_urls(
    cli: &Cli,
    args: &Args,
    urls: &[String],
    report: &Arc<Report>,
    totals: &mut Totals,
) -> anyhow::Result<bool> {
    let rt = fetching::runtime()?;
    let crawler = fetching::open_crawler(cli, &args.fetch, report)?;
    let archive = crawler.archive_dir().to_path_buf();
    let done = fetching::until_interrupted(&rt, &crawler, report, crawler.ingest(urls))?;
    let Some(r) = done else {
        totals.fetched = Some(
            "interrupted: what was stored stays; run the same ingest again to complete it".into(),
        );
        return Ok(false);
    };
    let r = r?;
    let read = (r.new_articles + r.new_versions + r.unchanged) as u64;
    totals.read += read;
    totals.written.new += r.new_articles as u64;
    totals.written.duplicate += r.unchanged as u64;
    totals.written.statements += r.statements as u64;
    totals.versions += r.new_versions as u64;
    totals.fetched = Some(format!(
        "{}, {}, {} fetched{}; responses archived in {}",
        plural(r.sources as u64, "URL"),
        fetching::entries(r.entries),
        plural(r.pages as u64, "page"),
        if r.left > 0 {
            format!(
                " ({} left for the next run, --max-pages {})",
                r.left, args.fetch.max_pages
            )
        } else {
            String::new()
        },
        archive.display(),
    ));
    Ok(true)
}

/// Reads, analyses and stores the files.
fn ingest_files<S: RecordStore + Send>(
    args: &Args,
    paths: &[PathBuf],
    store: &mut S,
    report: &Report,
    totals: &mut Totals,
) -> anyhow::Result<()> {
    let pool = output::analysis_pool(args.jobs)?;
    let opts = ReadOptions {
        stdin_format: args.stdin_format.map(Into::into),
        ..ReadOptions::default()
    };

    // Reader: detached, so that a writer failure does not wait on a blocked stdin read.
    let (step_tx, step_rx) = sync_channel::<Pending>(CHUNK);
    let steps = onrecord_ingest::read_pending(paths, &opts);
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
        let writer = s.spawn(|| write_all(store, batch_rx, report));
        let mut collector = Collector::default();
        let mut chunk = Vec::with_capacity(CHUNK);
        for step in step_rx {
            chunk.push(step);
            if chunk.len() == CHUNK {
                let chunk = std::mem::take(&mut chunk);
                let batch = analyse(&pool, chunk, &mut collector, report, &mut read);
                if batch_tx.send(batch).is_err() {
                    break; // the writer failed; its error is reported below
                }
            }
        }
        if !chunk.is_empty() {
            let _ = batch_tx.send(analyse(&pool, chunk, &mut collector, report, &mut read));
        }
        drop(batch_tx);
        writer.join().expect("the writer thread panicked")
    })?;
    totals.read += read;
    totals.written.new += written.new;
    totals.written.duplicate += written.duplicate;
    totals.written.statements += written.statements;
    Ok(())
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
fn write_all<S: RecordStore>(
    store: &mut S,
    batches: Receiver<Vec<(Article, Analysis)>>,
    report: &Report,
) -> anyhow::Result<Written> {
    let mut written = Written::default();
    for batch in batches {
        match store.insert_batch(&batch) {
            Ok(results) => results.into_iter().for_each(|r| written.add(r)),
            Err(e) if S::refused(&e) => {
                for (article, analysis) in &batch {
                    match store.insert(article, analysis) {
                        Ok(r) => written.add(r),
                        Err(e) if S::refused(&e) => {
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
