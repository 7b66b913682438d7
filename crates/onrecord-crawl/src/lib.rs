//! Real news in: sources on the web become stored articles.
//!
//! ```text
//! poll ──► fetch ──► archive ──► extract ──► analyse ──► store
//! (feeds,   (polite,  (WARC beside (onrecord-  (onrecord-   (one transaction per
//!  sitemaps, per host) the database) ingest)    analysis)     article, versions)
//!  pages)
//! ```
//!
//! A [`Crawler`] reads URLs given to it ([`Crawler::ingest`]) or the database's watch list
//! ([`Crawler::poll`]). A URL is fetched and recognised by content: a page is stored as an
//! article; a feed or sitemap is read for its entries, and the entries' pages are fetched
//! and stored; a sitemap index is followed to its sitemaps (three levels at most). Every
//! response is archived (request and response records, redirect hops included) before it
//! is read, and a stored article's `page.archive` points at its response record.
//!
//! # State, and why a killed crawl loses nothing
//!
//! Everything a crawl knows lives in the database (schema step 6): per source the
//! validators and result of its last poll, what it listed (`source_entries`), and per page
//! its validators and current article (`pages`). An entry is marked stored in the same
//! transaction that stores its article, so a crawl killed at any point refetches exactly
//! the entries not stored, and the store's fingerprints make the rest idempotent.
//!
//! Sources are polled with conditional GETs (304: nothing to read, yet entries still
//! pending from an earlier poll are fetched). An entry whose `updated` (`lastmod`) stamp
//! changes is fetched again, with the page's validators; a page whose text changed is
//! stored as a new version of its article (the external id is the page's final URL). An
//! entry whose page keeps failing is left alone after [`CrawlConfig::max_attempts`]
//! failures, until its source lists it with a new stamp.
//!
//! # Concurrency
//!
//! Sources, then pages, are fetched concurrently ([`CrawlConfig::concurrency`] at once);
//! the fetcher still asks each host one request at a time, paced. Extraction, analysis and
//! archiving run on tokio's blocking pool, and every database access goes to one store
//! thread. Dropping a crawl future (Ctrl-C) at any await is safe: a page in hand is dropped,
//! never half-stored; call [`Crawler::close`] to flush the archive and close the store.

mod archive;
mod db;
mod duration;

use std::collections::HashMap;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{SecondsFormat, Utc};
use onrecord_core::{ArchiveRef, Origin};
use onrecord_fetch::{Conditional, FetchError, Fetched, Fetcher, Source};
use onrecord_ingest::Severity;
use onrecord_store::{
    Claim, CrawlStore, EntryRef, EntrySeen, PageFetch, Poll, SourceKind, SourceRow, Time, Versioned,
};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

pub use archive::Archived;
pub use duration::{format_duration, parse_duration};
pub use onrecord_fetch::FetchConfig;

use db::{Backend, Db};

/// How a [`Crawler`] crawls.
#[derive(Debug, Clone)]
pub struct CrawlConfig {
    /// Identity, pacing, limits and retries of every request.
    pub fetch: FetchConfig,
    /// Where the WARC files go (see [`default_archive_dir`]).
    pub archive_dir: PathBuf,
    /// Pages fetched at most in one ingest or one poll (default 1000); entries left over
    /// stay pending for the next.
    pub max_pages: usize,
    /// How deep sitemap indexes are followed (default 3: an index of indexes of indexes).
    pub max_depth: usize,
    /// Fetches in flight at once, across hosts (default 8).
    pub concurrency: usize,
    /// Failed fetches after which an entry waits for its source to list it anew (default 3).
    pub max_attempts: u32,
    /// Who polls (see [`worker_id`]): the name watched sources are leased in.
    pub worker: String,
    /// How long a watched source is leased to this worker for a poll (default 5 minutes):
    /// renewed every third of it while the poll runs, released when it ends, so another
    /// worker takes it over this long after a crash.
    pub lease: Duration,
}

impl CrawlConfig {
    /// The defaults, archiving into `archive_dir`.
    pub fn new(archive_dir: impl Into<PathBuf>) -> CrawlConfig {
        CrawlConfig {
            fetch: FetchConfig::default(),
            archive_dir: archive_dir.into(),
            max_pages: 1000,
            max_depth: 3,
            concurrency: 8,
            max_attempts: 3,
            worker: worker_id(),
            lease: Duration::from_secs(300),
        }
    }
}

/// This process as a worker: `host:pid:start` (start in seconds since 1970), unique
/// across machines and restarts.
pub fn worker_id() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".into());
    format!(
        "{host}:{}:{}",
        std::process::id(),
        START.get_or_init(|| Utc::now().timestamp())
    )
}

static START: std::sync::OnceLock<i64> = std::sync::OnceLock::new();

/// The archive folder for a database: `news.db` → `news.db.warc/`.
pub fn default_archive_dir(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(".warc");
    PathBuf::from(name)
}

/// Whether a command-line input is a URL (rather than a path).
pub fn is_url(input: &str) -> bool {
    let lower = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// A crawl could not start, or its store failed.
#[derive(Debug, thiserror::Error)]
pub enum CrawlError {
    #[error(transparent)]
    Store(#[from] onrecord_store::Error),
    #[error("{0}")]
    Setup(String),
    #[error("the store was closed")]
    Closed,
}

impl From<db::Closed> for CrawlError {
    fn from(_: db::Closed) -> Self {
        CrawlError::Closed
    }
}

/// What happened to one page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageOutcome {
    /// Stored: a page not stored before.
    New { statements: usize },
    /// Stored as a new version of a page whose text changed (or went back to an earlier
    /// text: then `statements` is 0).
    Version { version: u32, statements: usize },
    /// Fetched; the text is the one stored.
    Unchanged,
    /// The server answered 304 to our validators.
    NotModified,
    /// Not stored; an [`Event::Error`] said why.
    Failed,
}

/// Progress, as it happens (for progress bars and messages).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// Something to know; the article (or source) was still read.
    Warning(String),
    /// A source or page that could not be read, and why (the message names the URL).
    Error(String),
    /// A source (or a page named directly) was read, well or not.
    Source { url: String },
    /// This many more pages are queued to be fetched.
    Queued(usize),
    /// A queued page is done.
    Page { url: String, outcome: PageOutcome },
}

/// What one ingest or one poll did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Sources (and single pages) read.
    pub sources: usize,
    /// Of those, answering 304: nothing new.
    pub not_modified: usize,
    /// Entries the feeds and sitemaps read list.
    pub entries: usize,
    /// Of those, listed for the first time.
    pub new_entries: usize,
    /// Pages fetched: those named directly and those of entries (not feeds or sitemaps).
    pub pages: usize,
    pub new_articles: usize,
    pub new_versions: usize,
    /// Pages fetched whose text was already stored, and pages answering 304.
    pub unchanged: usize,
    /// Statements stored with new articles and versions.
    pub statements: usize,
    pub warnings: usize,
    /// Every error message, in the order they happened.
    pub errors: Vec<String>,
    /// Pending entries left for the next run (over [`CrawlConfig::max_pages`]).
    pub left: usize,
}

/// Turns sources on the web into stored articles. Cheap to clone (clones share the store
/// thread, the archive and the fetcher's per-host pacing).
#[derive(Clone)]
pub struct Crawler {
    inner: Arc<Inner>,
}

type Sink = Box<dyn Fn(Event) + Send + Sync>;

struct Inner {
    fetcher: Fetcher,
    db: Db,
    archive: archive::Archive,
    config: CrawlConfig,
    events: Sink,
}

/// One URL to read, with what is known of it.
#[derive(Debug, Clone)]
struct Target {
    url: String,
    source: Option<SourceRow>,
    /// For watched sources: when to poll next.
    next_poll: Option<Time>,
    depth: usize,
}

/// A page to fetch for the entries that list it.
#[derive(Debug, Clone)]
struct Todo {
    url: String,
    entries: Vec<EntryRef>,
    /// The entries' newest `updated` (else `published`) stamp.
    stamp: Option<Time>,
    /// An entry's stamp changed: fetch even if the page was stored since.
    refetch: bool,
}

/// The state of one ingest or poll.
struct Run {
    report: Mutex<Report>,
    budget: AtomicUsize,
}

impl Crawler {
    /// Opens the database at `db_path` (creating or upgrading it) on a store thread of its
    /// own, the archive in `config.archive_dir`, and the fetcher. `events` hears about
    /// progress and problems as they happen.
    pub fn open(
        db_path: &Path,
        config: CrawlConfig,
        events: impl Fn(Event) + Send + Sync + 'static,
    ) -> Result<Crawler, CrawlError> {
        let db = Db::open(db_path)?;
        Crawler::start(db, config, events)
    }

    /// Like [`Crawler::open`], on a store opened by the caller (a PostgreSQL store shared
    /// by many workers: see [`CrawlConfig::worker`] and [`CrawlConfig::lease`]).
    pub fn with_store(
        store: Box<dyn CrawlStore>,
        config: CrawlConfig,
        events: impl Fn(Event) + Send + Sync + 'static,
    ) -> Result<Crawler, CrawlError> {
        let db = Db::start(store)?;
        Crawler::start(db, config, events)
    }

    fn start(
        db: Db,
        config: CrawlConfig,
        events: impl Fn(Event) + Send + Sync + 'static,
    ) -> Result<Crawler, CrawlError> {
        let fetcher =
            Fetcher::new(config.fetch.clone()).map_err(|e| CrawlError::Setup(e.to_string()))?;
        let archive = archive::Archive::open(&config.archive_dir).map_err(CrawlError::Setup)?;
        Ok(Crawler {
            inner: Arc::new(Inner {
                fetcher,
                db,
                archive,
                config,
                events: Box::new(events),
            }),
        })
    }

    pub fn config(&self) -> &CrawlConfig {
        &self.inner.config
    }

    /// Where the WARC files go.
    pub fn archive_dir(&self) -> &Path {
        self.inner.archive.dir()
    }

    /// Reads each URL once: a page is fetched and stored; a feed's or sitemap's entries not
    /// stored yet are fetched and stored (a sitemap index is followed). Feeds and sitemaps
    /// read are remembered (with their entries) but not put on the watch list.
    pub async fn ingest(&self, urls: &[String]) -> Result<Report, CrawlError> {
        let mut targets = Vec::new();
        for url in dedup(urls) {
            let u = url.clone();
            let source = self.call(move |s| s.source(&u)).await??;
            targets.push(Target {
                url,
                source,
                next_poll: None,
                depth: 0,
            });
        }
        Ok(self.run(targets).await)
    }

    /// Puts `urls` on the watch list (`every`: their own interval; None: the watching
    /// command's default). Returns, per URL, whether it is new on the list.
    pub async fn watch(
        &self,
        urls: &[String],
        every: Option<Duration>,
    ) -> Result<Vec<bool>, CrawlError> {
        let urls = dedup(urls);
        let every = every.map(|d| d.as_secs().max(1));
        Ok(self
            .call(move |s| {
                urls.iter()
                    .map(|u| s.add_source(u, every))
                    .collect::<Result<Vec<_>, _>>()
            })
            .await??)
    }

    /// One poll of the watch list: the sources due (next poll time passed, or never
    /// polled), or all of them unless `due_only`, and always those in `named`; on a store
    /// shared by many workers, only those no other worker holds, each leased to this one
    /// for the poll ([`CrawlStore::claim_sources`]). Each is given its next poll time: now
    /// plus its interval, else `default_every`.
    pub async fn poll(
        &self,
        named: &[String],
        default_every: Duration,
        due_only: bool,
    ) -> Result<Report, CrawlError> {
        let now = Utc::now();
        let claim = Claim {
            holder: self.inner.config.worker.clone(),
            now,
            lease: self.inner.config.lease,
            named: dedup(named),
            due_only,
        };
        let sources = self.call(move |s| s.claim_sources(&claim)).await??;
        let _renewing = self.renew_leases();
        let targets = sources
            .into_iter()
            .map(|s| {
                let every = s.every.map_or(default_every, Duration::from_secs);
                Target {
                    url: s.url.clone(),
                    next_poll: Some(now + chrono::Duration::from_std(every).unwrap_or_default()),
                    source: Some(s),
                    depth: 0,
                }
            })
            .collect();
        let report = self.run(targets).await;
        let holder = self.inner.config.worker.clone();
        self.call(move |s| s.release_leases(&holder)).await??;
        Ok(report)
    }

    /// Renews this worker's leases every third of their length until dropped.
    fn renew_leases(&self) -> AbortOnDrop {
        let me = self.clone();
        let lease = self.inner.config.lease;
        AbortOnDrop(tokio::spawn(async move {
            loop {
                tokio::time::sleep(lease / 3).await;
                let holder = me.inner.config.worker.clone();
                let renewed = me
                    .call(move |s| s.renew_leases(&holder, Utc::now(), lease))
                    .await;
                if let Ok(Err(e)) = renewed {
                    me.emit(Event::Warning(format!("cannot renew the leases: {e}")));
                }
            }
        }))
    }

    /// When the next watched source is due (None: nothing is watched): its next poll time,
    /// or when another worker's lease on it ends.
    pub async fn next_due(&self) -> Result<Option<Time>, CrawlError> {
        let sources = self.call(|s| s.watched_sources()).await??;
        let now = Utc::now();
        let me = &self.inner.config.worker;
        Ok(sources
            .iter()
            .map(|s| {
                let due = s.next_poll.unwrap_or(now);
                match &s.lease {
                    Some((holder, until)) if holder != me => due.max(*until),
                    _ => due,
                }
            })
            .min())
    }

    /// Finishes the store jobs queued (giving up this worker's leases), closes the store
    /// and flushes the archive to disk. Fetches still running are refused storage from
    /// then on.
    pub fn close(&self) -> Result<(), CrawlError> {
        let holder = self.inner.config.worker.clone();
        self.inner.db.send(move |s| {
            let _ = s.release_leases(&holder);
        });
        self.inner.db.close();
        self.inner.archive.close().map_err(CrawlError::Setup)
    }

    async fn call<R: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Backend) -> R + Send + 'static,
    ) -> Result<R, CrawlError> {
        Ok(self.inner.db.call(f).await?)
    }

    fn emit(&self, event: Event) {
        (self.inner.events)(event);
    }

    /// Reads the targets (concurrently), then fetches the pages their entries need.
    async fn run(&self, targets: Vec<Target>) -> Report {
        let run = Arc::new(Run {
            report: Mutex::new(Report::default()),
            budget: AtomicUsize::new(self.inner.config.max_pages),
        });
        let mut tasks = JoinSet::new();
        let limit = Arc::new(Semaphore::new(self.inner.config.concurrency.max(1)));
        for target in targets {
            let me = self.clone();
            let run = run.clone();
            let limit = limit.clone();
            tasks.spawn(async move {
                let _permit = limit.acquire_owned().await;
                me.read_target(target, &run).await.0
            });
        }
        let mut todos = Vec::new();
        while let Some(done) = tasks.join_next().await {
            match done {
                Ok(t) => todos.extend(t),
                Err(e) => self.error(&run, format!("a source task failed: {e}")),
            }
        }
        self.fetch_pages(todos, &run, &limit).await;
        let report = run.report.lock().unwrap_or_else(|p| p.into_inner()).clone();
        report
    }

    /// Reads one source (or page); returns the pages to fetch for it, and whether it could
    /// be read.
    fn read_target<'a>(
        &'a self,
        t: Target,
        run: &'a Run,
    ) -> Pin<Box<dyn Future<Output = (Vec<Todo>, bool)> + Send + 'a>> {
        Box::pin(async move {
            let out = match self.try_read_target(&t, run).await {
                Ok(r) => r,
                Err(e) => {
                    self.error(run, format!("{}: {e}", t.url));
                    (Vec::new(), false)
                }
            };
            if t.depth == 0 {
                self.emit(Event::Source { url: t.url });
            }
            out
        })
    }

    async fn try_read_target(
        &self,
        t: &Target,
        run: &Run,
    ) -> Result<(Vec<Todo>, bool), CrawlError> {
        if t.depth == 0 {
            update(run, |r| r.sources += 1);
        }
        let url = t.url.clone();
        let page = self.call(move |s| s.page(&url)).await??;
        // A feed or sitemap is asked with its own validators; a page (or a URL not read
        // before) with those of the stored page, if there is one.
        let polled_before = t.source.as_ref().is_some_and(|s| s.kind.is_some());
        let (conditional, known_page) = match &t.source {
            Some(s) if polled_before && s.kind != Some(SourceKind::Page) => (
                Conditional {
                    etag: s.etag.clone(),
                    last_modified: s.last_modified.clone(),
                },
                false,
            ),
            _ => match &page {
                Some(p) if p.article.is_some() => (
                    Conditional {
                        etag: p.etag.clone(),
                        last_modified: p.last_modified.clone(),
                    },
                    true,
                ),
                _ => (Conditional::none(), false),
            },
        };
        let now = Utc::now();
        let (fetched, archived) = match self.fetch(&t.url, &conditional).await {
            Ok(f) => f,
            Err(e) => {
                let message = e.to_string();
                self.error(run, message.clone());
                let mut todos = Vec::new();
                if let Some(s) = &t.source {
                    self.record_poll(
                        s.id,
                        Poll {
                            at: Some(now),
                            status: e.status(),
                            error: Some(message),
                            next_poll: t.next_poll,
                            ..Poll::default()
                        },
                    )
                    .await?;
                    todos = self.pending(s, t.depth, run).await?;
                }
                return Ok((todos, false));
            }
        };
        let validators = Some((fetched.etag.clone(), fetched.last_modified.clone()));
        let status = Some(fetched.status());

        if fetched.not_modified {
            if t.depth == 0 {
                update(run, |r| r.not_modified += 1);
            }
            // 304 to a stored page's validators: the source is that page
            let is_page = known_page;
            if let Some(s) = &t.source {
                self.record_poll(
                    s.id,
                    Poll {
                        at: Some(now),
                        kind: is_page.then_some(SourceKind::Page),
                        status,
                        validators,
                        next_poll: t.next_poll,
                        ..Poll::default()
                    },
                )
                .await?;
            }
            if is_page {
                let fetch = page_fetch(&fetched);
                self.call(move |s| s.page_not_modified(&fetch, &[]))
                    .await??;
                update(run, |r| {
                    r.pages += 1;
                    r.unchanged += 1;
                });
                return Ok((Vec::new(), true));
            }
            let s = t.source.as_ref().expect("a source");
            return Ok((self.pending(s, t.depth, run).await?, true));
        }

        let content_type = fetched.response.header("content-type").map(str::to_string);
        let body = fetched.body.clone();
        let base = fetched.final_url.clone();
        let parsed = tokio::task::spawn_blocking(move || {
            onrecord_fetch::parse_source(&body, content_type.as_deref(), &base)
        })
        .await
        .map_err(|e| CrawlError::Setup(format!("reading the source failed: {e}")))?;
        let parsed = match parsed {
            Ok(p) => p,
            Err(e) => {
                let message = e.to_string();
                self.error(run, message.clone());
                let mut todos = Vec::new();
                if let Some(s) = &t.source {
                    self.record_poll(
                        s.id,
                        Poll {
                            at: Some(now),
                            status,
                            error: Some(message),
                            next_poll: t.next_poll,
                            ..Poll::default()
                        },
                    )
                    .await?;
                    todos = self.pending(s, t.depth, run).await?;
                }
                return Ok((todos, false));
            }
        };

        let (kind, seen, sitemaps) = match parsed {
            Source::Page => {
                if let Some(s) = &t.source {
                    self.record_poll(
                        s.id,
                        Poll {
                            at: Some(now),
                            kind: Some(SourceKind::Page),
                            status,
                            validators,
                            next_poll: t.next_poll,
                            ..Poll::default()
                        },
                    )
                    .await?;
                }
                update(run, |r| r.pages += 1);
                let outcome = self.store_fetched(fetched, archived, Vec::new(), run).await;
                return Ok((Vec::new(), outcome != PageOutcome::Failed));
            }
            Source::Feed { entries, .. } => {
                let seen: Vec<EntrySeen> = entries
                    .into_iter()
                    .filter_map(|e| {
                        Some(EntrySeen {
                            url: e.url?,
                            published: e.published,
                            updated: e.updated,
                        })
                    })
                    .collect();
                (SourceKind::Feed, seen, None)
            }
            Source::Sitemap { entries } => {
                let seen = entries
                    .into_iter()
                    .map(|e| EntrySeen {
                        url: e.url,
                        published: e.news.and_then(|n| n.publication_date),
                        updated: e.lastmod,
                    })
                    .collect();
                (SourceKind::Sitemap, seen, None)
            }
            Source::SitemapIndex { sitemaps } => {
                let seen = sitemaps
                    .into_iter()
                    .map(|(url, lastmod)| EntrySeen {
                        url,
                        published: None,
                        updated: lastmod,
                    })
                    .collect();
                (SourceKind::Sitemap, Vec::new(), Some(seen))
            }
        };

        let source = match &t.source {
            Some(s) => s.clone(),
            None => {
                let url = t.url.clone();
                self.call(move |s| s.ensure_source(&url, None)).await??
            }
        };
        let index = sitemaps.is_some();
        let listed: Vec<EntrySeen> = sitemaps.unwrap_or_else(|| seen.clone());
        let id = source.id;
        let recorded = self
            .call(move |s| {
                let recorded = s.record_entries(id, &listed, now)?;
                if index {
                    // an index's sitemaps are sources under it from the start
                    for e in &listed {
                        s.ensure_source(&e.url, Some(id))?;
                    }
                }
                Ok::<_, onrecord_store::Error>(recorded)
            })
            .await??;
        if !index {
            update(run, |r| {
                r.entries += seen.len();
                r.new_entries += recorded.new;
            });
        }
        self.record_poll(
            source.id,
            Poll {
                at: Some(now),
                kind: Some(kind),
                status,
                validators,
                next_poll: t.next_poll,
                ..Poll::default()
            },
        )
        .await?;
        Ok((self.pending(&source, t.depth, run).await?, true))
    }

    /// The pages to fetch for a source: its pending entries; for a sitemap index, what its
    /// sitemaps (read now) list.
    async fn pending(
        &self,
        source: &SourceRow,
        depth: usize,
        run: &Run,
    ) -> Result<Vec<Todo>, CrawlError> {
        let id = source.id;
        let is_index = !self.call(move |s| s.child_sources(id)).await??.is_empty();
        if !is_index {
            let max = self.inner.config.max_attempts;
            let pending = self.call(move |s| s.pending_entries(id, max)).await??;
            return Ok(pending
                .into_iter()
                .map(|e| Todo {
                    stamp: e.updated.or(e.published),
                    refetch: e.refetch,
                    entries: vec![EntryRef {
                        source: e.source,
                        url: e.url.clone(),
                    }],
                    url: e.url,
                })
                .collect());
        }
        if depth + 1 > self.inner.config.max_depth {
            self.warning(
                run,
                format!(
                    "{}: sitemap index nested more than {} deep; its sitemaps are not read",
                    source.url, self.inner.config.max_depth
                ),
            );
            return Ok(Vec::new());
        }
        // An index lists its sitemaps as entries: a sitemap is read again when its lastmod
        // changed, when it has none, or when it could not be read last time.
        let entries = self.call(move |s| s.source_entries(id)).await??;
        let mut todos = Vec::new();
        for e in entries {
            let due = !e.stored || e.updated.is_none();
            if !due || e.attempts >= self.inner.config.max_attempts {
                continue;
            }
            let url = e.url.clone();
            let child = self
                .call(move |s| s.ensure_source(&url, Some(id)))
                .await??;
            let target = Target {
                url: e.url.clone(),
                next_poll: None,
                source: Some(child),
                depth: depth + 1,
            };
            let (child_todos, ok) = self.read_target(target, run).await;
            todos.extend(child_todos);
            let entry = vec![EntryRef {
                source: id,
                url: e.url.clone(),
            }];
            if ok {
                self.call(move |s| s.mark_entries_stored(&entry)).await??;
            } else {
                self.call(move |s| s.entries_failed(&entry, "could not be read"))
                    .await??;
            }
        }
        Ok(todos)
    }

    /// Fetches the pages, skipping those stored since their entries' stamp, within the
    /// run's budget.
    async fn fetch_pages(&self, todos: Vec<Todo>, run: &Arc<Run>, limit: &Arc<Semaphore>) {
        // One fetch per URL, for every entry that lists it.
        let mut order: Vec<String> = Vec::new();
        let mut by_url: HashMap<String, Todo> = HashMap::new();
        for todo in todos {
            match by_url.get_mut(&todo.url) {
                Some(t) => {
                    t.entries.extend(todo.entries);
                    t.stamp = t.stamp.max(todo.stamp);
                    t.refetch |= todo.refetch;
                }
                None => {
                    order.push(todo.url.clone());
                    by_url.insert(todo.url.clone(), todo);
                }
            }
        }
        let mut queue = Vec::new();
        for url in order {
            let todo = by_url.remove(&url).expect("listed");
            // A page stored since the entry's stamp (from another source, or before the
            // entry was seen) needs no fetch.
            let u = todo.url.clone();
            let page = match self.call(move |s| s.page(&u)).await {
                Ok(Ok(p)) => p,
                Ok(Err(e)) => {
                    self.error(run, format!("{}: {e}", todo.url));
                    continue;
                }
                Err(_) => return,
            };
            let fresh = !todo.refetch
                && page.is_some_and(|p| {
                    p.article.is_some()
                        && todo
                            .stamp
                            .is_none_or(|s| p.last_fetched.is_some_and(|f| f >= s))
                });
            if fresh {
                let entries = todo.entries.clone();
                match self.call(move |s| s.mark_entries_stored(&entries)).await {
                    Ok(Ok(())) => {}
                    Ok(Err(e)) => self.error(run, format!("{}: {e}", todo.url)),
                    Err(_) => return,
                }
                continue;
            }
            queue.push(todo);
        }
        let budget = run.budget.load(Ordering::Relaxed);
        let take = queue.len().min(budget);
        run.budget.fetch_sub(take, Ordering::Relaxed);
        update(run, |r| r.left += queue.len() - take);
        queue.truncate(take);
        if queue.is_empty() {
            return;
        }
        self.emit(Event::Queued(queue.len()));
        let mut tasks = JoinSet::new();
        for todo in queue {
            let me = self.clone();
            let run = run.clone();
            let limit = limit.clone();
            tasks.spawn(async move {
                let _permit = limit.acquire_owned().await;
                let url = todo.url.clone();
                let outcome = me.fetch_page(todo, &run).await;
                me.emit(Event::Page { url, outcome });
            });
        }
        while let Some(done) = tasks.join_next().await {
            if let Err(e) = done {
                self.error(run, format!("a page task failed: {e}"));
            }
        }
    }

    /// Fetches one page for its entries and stores its article.
    async fn fetch_page(&self, todo: Todo, run: &Run) -> PageOutcome {
        update(run, |r| r.pages += 1);
        let url = todo.url.clone();
        let page = match self.call(move |s| s.page(&url)).await {
            Ok(Ok(p)) => p,
            _ => None,
        };
        let conditional = match page {
            Some(p) if p.article.is_some() => Conditional {
                etag: p.etag,
                last_modified: p.last_modified,
            },
            _ => Conditional::none(),
        };
        let now = Utc::now();
        match self.fetch(&todo.url, &conditional).await {
            Err(e) => {
                let message = e.to_string();
                self.error(run, message.clone());
                let (url, status, entries) = (todo.url.clone(), e.status(), todo.entries);
                let _ = self
                    .call(move |s| s.page_failed(&url, now, status, &message, &entries))
                    .await;
                PageOutcome::Failed
            }
            Ok((fetched, _)) if fetched.not_modified => {
                let fetch = page_fetch(&fetched);
                let entries = todo.entries;
                match self
                    .call(move |s| s.page_not_modified(&fetch, &entries))
                    .await
                {
                    Ok(Ok(Some(_))) => {
                        update(run, |r| r.unchanged += 1);
                        PageOutcome::NotModified
                    }
                    Ok(Ok(None)) => {
                        self.error(
                            run,
                            format!("{}: answered 304 for a page not stored", fetched.final_url),
                        );
                        PageOutcome::Failed
                    }
                    Ok(Err(e)) => {
                        self.error(run, format!("{}: {e}", fetched.final_url));
                        PageOutcome::Failed
                    }
                    Err(_) => PageOutcome::Failed,
                }
            }
            Ok((fetched, archived)) => {
                self.store_fetched(fetched, archived, todo.entries, run)
                    .await
            }
        }
    }

    /// Fetches `url` and archives every exchange.
    async fn fetch(
        &self,
        url: &str,
        conditional: &Conditional,
    ) -> Result<(Fetched, ArchiveRef), Failure> {
        let fetched = self
            .inner
            .fetcher
            .get(url, conditional)
            .await
            .map_err(Failure::Fetch)?;
        let me = self.clone();
        let (fetched, archived) = tokio::task::spawn_blocking(move || {
            let archived = me.inner.archive.record(&fetched);
            (fetched, archived)
        })
        .await
        .map_err(|e| Failure::Other(format!("{url}: archiving failed: {e}")))?;
        let archived = archived.map_err(|e| Failure::Other(format!("{url}: {e}")))?;
        Ok((fetched, archived.response))
    }

    /// Extracts, analyses and stores a fetched page (the entries listing it are marked in
    /// the same transaction).
    async fn store_fetched(
        &self,
        fetched: Fetched,
        archived: ArchiveRef,
        entries: Vec<EntryRef>,
        run: &Run,
    ) -> PageOutcome {
        let url = fetched.final_url.clone();
        let now = fetched.fetched_at();
        let status = Some(fetched.status());
        let fail = |message: String, entries: Vec<EntryRef>| async move {
            self.error(run, message.clone());
            let url = url.clone();
            let _ = self
                .call(move |s| s.page_failed(&url, now, status, &message, &entries))
                .await;
            PageOutcome::Failed
        };
        if let Some(media) = fetched.content_type.as_deref() {
            if !is_page_type(media) {
                return fail(
                    format!("{}: not an HTML page ({media})", fetched.final_url),
                    entries,
                )
                .await;
            }
        }
        let body = fetched.body.clone();
        let content_type = fetched.response.header("content-type").map(str::to_string);
        let final_url = fetched.final_url.clone();
        let stamp = fetched
            .fetched_at()
            .to_rfc3339_opts(SecondsFormat::Secs, true);
        let read = tokio::task::spawn_blocking(move || {
            let origin = Origin {
                path: final_url.clone(),
                line: None,
                offset: None,
            };
            let (article, problems) = onrecord_ingest::read_page(
                &body,
                &final_url,
                &origin,
                Some(&final_url),
                Some(&stamp),
                content_type.as_deref(),
            );
            let analysed = article.map(|mut a| {
                if let Some(page) = a.page.as_mut() {
                    page.archive = Some(archived);
                }
                let analysis = onrecord_analysis::try_analyze(&a);
                (a, analysis)
            });
            (analysed, problems)
        })
        .await;
        let (analysed, problems) = match read {
            Ok(r) => r,
            Err(e) => {
                return fail(
                    format!("{}: reading failed: {e}", fetched.final_url),
                    entries,
                )
                .await
            }
        };
        let mut first_error = None;
        for p in problems {
            match p.severity {
                // A page gives no notes (they summarise whole files).
                Severity::Note => {}
                Severity::Warning => self.warning(run, p.to_string()),
                Severity::Error => {
                    first_error.get_or_insert(p.to_string());
                }
            }
        }
        let (article, analysis) = match analysed {
            Some((a, Ok(analysis))) => (a, analysis),
            Some((a, Err(why))) => {
                return fail(
                    format!(
                        "{}: analysis failed, article {} not stored: {why}",
                        a.origin, a.id
                    ),
                    entries,
                )
                .await
            }
            None => {
                let message = first_error
                    .unwrap_or_else(|| format!("{}: no article in the page", fetched.final_url));
                return fail(message, entries).await;
            }
        };
        let fetch = page_fetch(&fetched);
        let stored = self
            .call(move |s| s.store_page(&fetch, &article, &analysis, &entries))
            .await;
        match stored {
            Ok(Ok(v)) => {
                let outcome = match v {
                    Versioned::New { statements, .. } => PageOutcome::New { statements },
                    Versioned::Changed {
                        version,
                        statements,
                        ..
                    } => PageOutcome::Version {
                        version,
                        statements,
                    },
                    Versioned::Restored { version, .. } => PageOutcome::Version {
                        version,
                        statements: 0,
                    },
                    Versioned::Unchanged { .. } => PageOutcome::Unchanged,
                };
                update(run, |r| match outcome {
                    PageOutcome::New { statements } => {
                        r.new_articles += 1;
                        r.statements += statements;
                    }
                    PageOutcome::Version { statements, .. } => {
                        r.new_versions += 1;
                        r.statements += statements;
                    }
                    _ => r.unchanged += 1,
                });
                outcome
            }
            Ok(Err(e)) => {
                self.error(run, format!("{}: cannot store: {e}", fetched.final_url));
                PageOutcome::Failed
            }
            Err(_) => PageOutcome::Failed,
        }
    }

    async fn record_poll(&self, id: i64, poll: Poll) -> Result<(), CrawlError> {
        self.call(move |s| s.record_poll(id, &poll)).await??;
        Ok(())
    }

    fn error(&self, run: &Run, message: String) {
        update(run, |r| r.errors.push(message.clone()));
        self.emit(Event::Error(message));
    }

    fn warning(&self, run: &Run, message: String) {
        update(run, |r| r.warnings += 1);
        self.emit(Event::Warning(message));
    }
}

/// A task stopped when this is dropped.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Why a fetch gave nothing to read.
#[derive(Debug)]
enum Failure {
    Fetch(FetchError),
    Other(String),
}

impl Failure {
    fn status(&self) -> Option<u16> {
        match self {
            Failure::Fetch(FetchError::Status { status, .. }) => Some(*status),
            _ => None,
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Fetch(e) => write!(f, "{e}"),
            Failure::Other(e) => f.write_str(e),
        }
    }
}

fn update(run: &Run, f: impl FnOnce(&mut Report)) {
    f(&mut run.report.lock().unwrap_or_else(|p| p.into_inner()));
}

fn page_fetch(fetched: &Fetched) -> PageFetch {
    PageFetch {
        url: fetched.final_url.clone(),
        at: fetched.fetched_at(),
        status: fetched.status(),
        etag: fetched.etag.clone(),
        last_modified: fetched.last_modified.clone(),
    }
}

/// Media types an article page can come as.
fn is_page_type(media: &str) -> bool {
    matches!(
        media,
        "text/html" | "application/xhtml+xml" | "text/plain" | "application/octet-stream"
    )
}

/// URLs trimmed, in order, each once.
fn dedup(urls: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for u in urls {
        let u = u.trim().to_string();
        if !u.is_empty() && !out.contains(&u) {
            out.push(u);
        }
    }
    out
}
