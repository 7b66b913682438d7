//! The embedded SQLite store: articles, the speakers they quote (one identity across
//! articles, whatever the spelling), and every statement with its day.
//!
//! * [`Store::open`] creates or opens a database for writing: WAL journal (readers never
//!   wait for a writer), a busy timeout, foreign keys, and the numbered schema
//!   migrations (`schema.rs`, tracked by `PRAGMA user_version`) applied in order, each in
//!   its own transaction; a database written by a newer onrecord is refused.
//! * [`Store::open_read_only`] is what query commands use.
//! * [`Store::insert`] / [`Store::insert_batch`] store an article with its [`Analysis`]:
//!   idempotent by [`Article::fingerprint`], and never half an article, even if the process
//!   is killed mid-write (each call is one transaction).
//! * [`Store::statements`], [`Store::speakers`] and [`Store::counts`] answer the queries;
//!   [`Store::search`] (ranked full-text search over an FTS5 index, cursor pagination),
//!   [`Store::speaker`], [`Store::speaker_timeline`], [`Store::article`] and
//!   [`Store::articles`] those of the web pages and the JSON API.
//! * [`Store::insert_version`] stores a page fetched again as a new version of its article
//!   (see "Versions"); [`Store::store_page`] and the other crawl-state methods keep what
//!   `onrecord watch` needs between runs (sources, their entries, pages; see `crawl.rs`).
//! * [`Store::rebuild`] replaces every article's statements and the speaker identities
//!   with a new analysis, in one transaction (`onrecord reanalyze`).
//!
//! # Versions
//!
//! Articles with the same external id ([`Article::id`]; a fetched page's URL) stored with
//! [`Store::insert_version`] are versions of one page: each changed text is a new row with
//! the next `version`, and the row it replaces is `superseded_by` it. Everything that lists
//! or counts the record (statements, search, speakers, timelines, articles, outlets,
//! [`Store::counts`]) reads current versions only; [`Store::article`],
//! [`Store::article_statements`] and [`Store::article_versions`] read any version by row.
//! [`Store::insert`] keeps its old meaning (idempotent by fingerprint, no versions), so
//! files that happen to share ids are never hidden behind each other.
//!
//! # Days
//!
//! A statement's *day* is the day the analysis gave it (`Attribution::date`). When that is
//! unknown, filtering and ordering use the article's publication day instead (its
//! *effective day*, [`StatementRow::effective_day`]): news reports recent statements, so this
//! keeps undated statements findable by date, and the rows still say which day was stated
//! ([`StatementRow::day`]). Statements with neither day never match a day range and sort last.
//!
//! # Identities
//!
//! Speakers are stored once per identity key ([`onrecord_core::identity_key`]): `Kalın`,
//! `Kalin` and `KALIN` are one speaker, `Türkiye` and `Turkey` one body. Beyond equal keys,
//! for persons only:
//!
//! * a surname-only key (one word, e.g. `kalin`) joins the multi-word person whose surname
//!   ([`onrecord_core::surname_key`]) it is, if exactly one such person is stored; with none
//!   or several it stays (or becomes) a surname-only identity of its own;
//! * when a new multi-word person arrives and it is now the only one with its surname, a
//!   surname-only identity with that surname is merged into it (statements and spellings
//!   move over). Once two full names share a surname, later surname-only mentions are
//!   ambiguous and stay apart.
//!
//! The display name is the most frequent full-name spelling, counted in the articles that
//! gave it as the speaker's name (`Speaker::name`, so a surface form such as `Minister Ana
//! Lopes` does not become the name); ties go to the spelling with more non-ASCII letters (the
//! native spelling: `Kalın` over `Kalin`), then to the longer one. Bodies, and persons never
//! named in full, use their most frequent spelling. Role and affiliation are the most recent
//! non-empty ones, by the publication day of the article that gave them (an article without a
//! day counts as older than any dated one; among equals the later ingest wins).
//!
//! [`Analysis`]: onrecord_core::Analysis
//! [`Article::fingerprint`]: onrecord_core::Article::fingerprint
//! [`Article::id`]: onrecord_core::Article::id

mod backend;
mod crawl;
mod crawl_store;
mod events;
mod figures;
mod read;
mod read_store;
mod rebuild;
pub mod records;
mod schema;
mod search;
mod write;

use std::path::{Path, PathBuf};
use std::time::Duration;

use onrecord_core::Day;
use rusqlite::{Connection, OpenFlags};

pub use backend::RecordStore;
pub use crawl::{
    EntriesRecorded, EntryRef, EntrySeen, EntryStatus, PageFetch, PageRow, PendingEntry, Poll,
    SourceKind, SourceRow, Time,
};
pub use crawl_store::{Claim, CrawlStore};
pub use events::{standing_from_str, EventCount, EventParty, EventQuery, EventRow, Party};
pub use figures::{bound_from_str, format_number, FigureQuery, FigureRow};
pub use read::{
    search_terms, ArticleRow, ArticleVersion, Counts, SearchTerm, SpeakerQuery, SpeakerRef,
    SpeakerRow, StatementArticle, StatementQuery, StatementRow, Variant,
};
pub use read_store::ReadStore;
pub use rebuild::{Rebuild, Replaced};
pub use schema::SCHEMA_VERSION;
pub use search::{
    ArticlePage, ArticleQuery, ArticleSummary, BadCursor, Bucket, Cursor, OutletRow, Position,
    SearchHit, SearchOrder, SearchPage, SearchQuery, TimelinePoint, OTHER_QUERY, RANK_CANDIDATES,
};
pub use write::{Inserted, Versioned};

/// How long a connection waits for another one's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no database at {}; run `onrecord ingest` first", .0.display())]
    NoDatabase(PathBuf),
    #[error("cannot open database {}", .path.display())]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{} is not an onrecord database", .0.display())]
    Foreign(PathBuf),
    #[error(
        "database {} has schema version {found}, newer than this onrecord supports \
         ({supported}); use a newer onrecord",
        .path.display()
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error(
        "database {} has schema version {found}, older than this onrecord needs \
         ({supported}); open it for writing once (e.g. with `onrecord ingest`) to upgrade it",
        .path.display()
    )]
    TooOld {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("upgrading database {} to schema version {version}", .path.display())]
    Migration {
        path: PathBuf,
        version: i64,
        #[source]
        source: rusqlite::Error,
    },
    /// The analysis does not fit its article (a span out of range or inside a character, a
    /// speaker index out of range). Nothing of the article (or of its batch) was stored.
    #[error("article {article} ({origin}): {message}")]
    InvalidAnalysis {
        article: String,
        origin: String,
        message: String,
    },
    /// A query the store cannot answer as asked (e.g. a cursor from another order).
    #[error("{0}")]
    InvalidQuery(String),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    /// A query another backend does not answer yet (the whole message, e.g. "events are not
    /// available on PostgreSQL yet"); the web server answers it with 501, never an empty
    /// result.
    #[error("{0}")]
    NotAvailable(String),
    /// An error of another backend behind [`ReadStore`] (PostgreSQL), kept whole.
    #[error(transparent)]
    Backend(Box<dyn std::error::Error + Send + Sync>),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An open onrecord database.
///
/// One `Store` is one SQLite connection: use it from one thread at a time (it is `Send`),
/// and open another `Store` for another thread or process. Readers see the last committed
/// state and are never blocked by a writer.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Create the database at `path` if needed, open it for writing and bring its schema up
    /// to date. Errors if the database was written by a newer onrecord, or is some other
    /// SQLite file.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        let open_err = |source| open_error(&path, source);
        let conn = Connection::open(&path).map_err(open_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        // WAL: readers and one writer at a time never block each other; a crash (even
        // kill -9) loses at most the open transaction. NORMAL sync is safe with WAL against
        // process crashes, and only an OS crash could lose the last commits.
        // (Where a file system cannot do WAL, SQLite keeps its rollback journal: the store
        // still works, only with less concurrency.)
        let _mode: String = conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
            .map_err(open_err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(open_err)?;
        // Room for every statement an ingest prepares (the default 16 is fewer than that,
        // and an evicted statement is prepared again for each article).
        conn.set_prepared_statement_cache_capacity(64);
        let mut store = Store { conn, path };
        schema::migrate(&mut store.conn, &store.path)?;
        Ok(store)
    }

    /// Open an existing database for queries only. Errors clearly if there is no file at
    /// `path` (the usual mistake: querying before ingesting) or if its schema is not the
    /// one this binary knows.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        if !path.is_file() {
            return Err(Error::NoDatabase(path));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let open_err = |source| open_error(&path, source);
        let conn = Connection::open_with_flags(&path, flags).map_err(open_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        schema::check_current(&conn, &path)?;
        Ok(Store { conn, path })
    }

    /// The file this store was opened from.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// An error while opening `path`: "not a database" means some other file.
fn open_error(path: &Path, source: rusqlite::Error) -> Error {
    match source.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Error::Foreign(path.to_path_buf()),
        _ => Error::Open {
            path: path.to_path_buf(),
            source,
        },
    }
}

/// Days are stored as ISO `YYYY-MM-DD` text, which sorts and compares correctly.
fn day_to_sql(day: Option<Day>) -> Option<String> {
    day.map(|d| d.to_string())
}

fn day_from_sql(text: Option<String>) -> Option<Day> {
    text.and_then(|t| t.parse().ok())
}

/// Speaker and attribution kinds are stored under the names the record's JSON uses.
use records::{
    attribution_kind_from_name as attribution_kind_from_sql,
    speaker_kind_from_name as kind_from_sql, speaker_kind_name as kind_to_sql,
};

#[cfg(test)]
mod testutil;
