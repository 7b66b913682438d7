//! What `ingest URL…` and `watch` share: the politeness flags, the problem counters and
//! progress bar on stderr, and running a crawl until it ends or Ctrl-C stops it.

use std::future::Future;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use onrecord_crawl::{parse_duration, CrawlConfig, Crawler, Event, FetchConfig, PageOutcome};
use onrecord_ingest::Severity;

use onrecord_pg::workers::Heartbeat;
use onrecord_pg::PgStore;
use onrecord_store::{CrawlStore, Store};

use crate::output::{self, Database};
use crate::Cli;

/// How requests go out: identity, pace, limits, and where responses are archived.
#[derive(clap::Args, Debug, Clone)]
pub struct FetchArgs {
    /// Where site operators can reach you (a URL or mailto:), sent in the User-Agent as
    /// `onrecord/VERSION (+CONTACT)`
    #[arg(long, value_name = "URL", help_heading = "Fetching")]
    pub contact: Option<String>,

    /// The whole User-Agent header instead (keep `onrecord` in it: robots.txt rules are
    /// read for that name whatever is sent)
    #[arg(long, value_name = "TEXT", help_heading = "Fetching")]
    pub user_agent: Option<String>,

    /// Least time between two requests to one host (a longer robots.txt Crawl-delay wins)
    #[arg(long, value_name = "DURATION", default_value = "1s", value_parser = parse_duration,
          help_heading = "Fetching")]
    pub delay: Duration,

    /// Time limit on one request, body included
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_duration,
          help_heading = "Fetching")]
    pub timeout: Duration,

    /// Folder of the WARC archive of every response [default: the database path + .warc,
    /// e.g. news.db.warc/; on PostgreSQL onrecord.warc/ in the current directory]
    #[arg(long, value_name = "DIR", help_heading = "Fetching")]
    pub archive: Option<PathBuf>,

    /// Pages fetched at most in one run (one poll for watch); the rest wait for the next
    #[arg(
        long,
        value_name = "N",
        default_value_t = 1000,
        help_heading = "Fetching"
    )]
    pub max_pages: usize,
}

impl FetchArgs {
    /// The crawl settings for the record at `db`: archives go beside an SQLite file, and
    /// for PostgreSQL into `onrecord.warc/` in the current directory (each worker keeps its
    /// own archive on its own machine).
    pub fn config(&self, db: &Database) -> CrawlConfig {
        let archive = self.archive.clone().unwrap_or_else(|| match db {
            Database::Sqlite(path) => onrecord_crawl::default_archive_dir(path),
            Database::Postgres(_) => PathBuf::from("onrecord.warc"),
        });
        let mut config = CrawlConfig::new(archive);
        config.max_pages = self.max_pages;
        config.fetch = FetchConfig {
            contact: self.contact.clone(),
            user_agent: self.user_agent.clone(),
            per_host_interval: self.delay,
            timeout: self.timeout,
            ..FetchConfig::default()
        };
        config
    }
}

/// Problems and progress on stderr, shared by reading, analysing, storing and fetching.
pub struct Report {
    pub bar: ProgressBar,
    pub quiet: bool,
    pub warnings: AtomicU64,
    pub errors: AtomicU64,
    /// On PostgreSQL: this worker's row in `workers`, told the errors (see `status`).
    pub heartbeat: OnceLock<Arc<Heartbeat>>,
}

impl Report {
    /// A spinner counting stored articles (hidden on a pipe or with --quiet).
    pub fn new(quiet: bool) -> Report {
        Report::with_template(
            quiet,
            "{spinner} {elapsed} {human_pos} articles stored, {msg} ({per_sec})",
        )
    }

    /// A bar for pages fetched out of those queued.
    pub fn for_fetching(quiet: bool) -> Report {
        Report::with_template(quiet, "{spinner} {elapsed} {pos}/{len} pages {msg}")
    }

    /// A bar with a known length.
    pub fn with_template(quiet: bool, template: &str) -> Report {
        use std::io::IsTerminal;
        let bar = if quiet || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(ProgressStyle::with_template(template).expect("valid template"));
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        };
        Report {
            bar,
            quiet,
            warnings: AtomicU64::new(0),
            errors: AtomicU64::new(0),
            heartbeat: OnceLock::new(),
        }
    }

    pub fn problem(&self, severity: Severity, p: &impl std::fmt::Display) {
        match severity {
            Severity::Note => self.note(p),
            Severity::Warning => self.warning(p),
            Severity::Error => self.error(p),
        }
    }

    /// Not counted (nothing is wrong); printed unless --quiet.
    pub fn note(&self, msg: impl std::fmt::Display) {
        if !self.quiet {
            self.bar.suspend(|| eprintln!("onrecord: note: {msg}"));
        }
    }

    /// Counted always; printed unless --quiet.
    pub fn warning(&self, msg: impl std::fmt::Display) {
        self.warnings.fetch_add(1, Ordering::Relaxed);
        if !self.quiet {
            self.bar.suspend(|| eprintln!("onrecord: warning: {msg}"));
        }
    }

    /// Counted and printed always.
    pub fn error(&self, msg: impl std::fmt::Display) {
        self.errors.fetch_add(1, Ordering::Relaxed);
        if let Some(heartbeat) = self.heartbeat.get() {
            heartbeat.error(msg.to_string());
        }
        self.bar.suspend(|| eprintln!("onrecord: error: {msg}"));
    }

    /// A line for the user unless --quiet (summaries).
    pub fn say(&self, msg: impl std::fmt::Display) {
        if !self.quiet {
            self.bar.suspend(|| eprintln!("onrecord: {msg}"));
        }
    }

    /// Tell `status` what this worker does now (PostgreSQL only).
    pub fn doing(&self, what: impl Into<String>) {
        if let Some(heartbeat) = self.heartbeat.get() {
            heartbeat.doing(what);
        }
    }

    pub fn errors(&self) -> u64 {
        self.errors.load(Ordering::Relaxed)
    }

    pub fn warnings(&self) -> u64 {
        self.warnings.load(Ordering::Relaxed)
    }

    /// What a crawl's events do here: problems printed and counted, the bar moved.
    pub fn on_event(&self, event: Event) {
        match event {
            Event::Warning(m) => self.warning(m),
            Event::Error(m) => self.error(m),
            Event::Queued(n) => self.bar.inc_length(n as u64),
            Event::Page { outcome, .. } => {
                self.bar.inc(1);
                let what = match outcome {
                    PageOutcome::New { .. } => "new",
                    PageOutcome::Version { .. } => "changed",
                    PageOutcome::Unchanged | PageOutcome::NotModified => "unchanged",
                    PageOutcome::Failed => "failed",
                };
                self.bar.set_message(format!("(last: {what})"));
            }
            Event::Source { .. } => {}
        }
    }
}

/// Opens the crawler on the database (SQLite or PostgreSQL), reporting its events to
/// `report`.
pub fn open_crawler(cli: &Cli, args: &FetchArgs, report: &Arc<Report>) -> anyhow::Result<Crawler> {
    let database = output::database(cli);
    let sink = report.clone();
    let config = args.config(&database);
    let crawler = match &database {
        Database::Sqlite(path) => Crawler::open(path, config, move |e| sink.on_event(e)),
        Database::Postgres(url) => {
            Crawler::with_store(Box::new(PgStore::connect(url)?), config, move |e| {
                sink.on_event(e)
            })
        }
    };
    crawler.with_context(|| format!("cannot start fetching into {}", database.display()))
}

/// On PostgreSQL, this process's heartbeat as a worker running `command` (None on SQLite).
pub fn heartbeat(cli: &Cli, command: &str) -> anyhow::Result<Option<Arc<Heartbeat>>> {
    Ok(match output::database(cli) {
        Database::Sqlite(_) => None,
        Database::Postgres(url) => Some(Arc::new(Heartbeat::start(
            &url,
            &onrecord_crawl::worker_id(),
            command,
        )?)),
    })
}

/// The crawl state of the database (the watch list), for `watch add`, `list`, `remove`;
/// an SQLite file is opened read-only unless `write`.
pub fn crawl_store(cli: &Cli, write: bool) -> anyhow::Result<Box<dyn CrawlStore>> {
    Ok(match output::database(cli) {
        Database::Sqlite(path) if write => Box::new(Store::open(path)?),
        Database::Sqlite(path) => Box::new(Store::open_read_only(path)?),
        Database::Postgres(url) => Box::new(PgStore::connect(&url)?),
    })
}

/// A runtime for fetching: two workers are plenty (the fetches wait on the network, the
/// analysis runs on the blocking pool).
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("onrecord-fetch")
        .enable_all()
        .build()
        .context("cannot start the fetching runtime")
}

/// The exit status of a run stopped by Ctrl-C.
pub const INTERRUPTED: u8 = 130;

/// Runs `work` to its end, or until Ctrl-C: then the work is dropped where it stands (a
/// page in hand is not stored, never half-stored) and None is returned. Either way the
/// crawler is closed afterwards: the store's queued writes are finished and the archive is
/// flushed to disk. A second Ctrl-C exits at once with status 130.
pub fn until_interrupted<T>(
    rt: &tokio::runtime::Runtime,
    crawler: &Crawler,
    report: &Report,
    work: impl Future<Output = T>,
) -> anyhow::Result<Option<T>> {
    let out = rt.block_on(async {
        tokio::select! {
            out = work => Some(out),
            _ = tokio::signal::ctrl_c() => None,
        }
    });
    if out.is_none() {
        report.bar.suspend(|| {
            eprintln!("onrecord: interrupted; closing the store and the archive (Ctrl-C again to quit at once)")
        });
        rt.spawn(async {
            if tokio::signal::ctrl_c().await.is_ok() {
                std::process::exit(i32::from(INTERRUPTED));
            }
        });
    }
    crawler.close().context("closing the crawl")?;
    Ok(out)
}

/// `1 article`, `2 articles`.
pub fn plural(n: impl Into<u64>, what: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// `1 entry`, `2 entries`.
pub fn entries(n: usize) -> String {
    if n == 1 {
        "1 entry".into()
    } else {
        format!("{n} entries")
    }
}
