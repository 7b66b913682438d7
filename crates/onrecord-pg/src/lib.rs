//! The PostgreSQL store: the same record as the embedded SQLite store (`onrecord-store`),
//! in a database server that many workers write at once and many people read.
//!
//! * [`PgStore::connect`] opens a connection and brings the schema up to date (numbered
//!   migrations in `schema.rs`, applied under an advisory lock, so that workers starting
//!   together apply each step once).
//! * [`PgStore::insert_batch`] stores articles with their analyses in one transaction per
//!   batch: idempotent by [`onrecord_core::Article::fingerprint`] (a unique index, so two
//!   workers storing the same article store it once), with the speaker identities of the
//!   SQLite store (the same keys, surname rules and display names, see `write.rs`), taken
//!   under per-surname advisory locks so that concurrent workers never split an identity.
//! * [`PgStore::statements`], [`PgStore::speakers`], [`PgStore::figures`],
//!   [`PgStore::events`] and [`PgStore::counts`] answer the queries of `onrecord quotes`,
//!   `speakers`, `figures`, `events` and `status`, with the row types and filter semantics
//!   of `onrecord-store`, so output code serves both backends. Words are matched with
//!   PostgreSQL full-text search (`tsvector` + GIN) over the same folded text. The `each_*`
//!   readers stream rows through a portal, a batch per round trip, for `onrecord export`.
//!
//! The rows themselves are built by `onrecord_store::records`, shared with SQLite: both
//! backends store the same record of the same analysis.
//!
//! * [`PgReader`] is what `onrecord serve` reads (`serve_read.rs`, the
//!   `onrecord_store::ReadStore` queries): ranked search with cursors, speakers with
//!   timelines, articles and outlets, in a read-only session; one per pooled connection.
//!
//! * Crawl state (`crawl.rs`, schema step 4): `onrecord_store::CrawlStore`, so `watch` and
//!   `ingest URL` (crate `onrecord-crawl`) run on PostgreSQL as on SQLite, with page
//!   versions (`write::write_version`, under a lock per page URL). Many workers share the
//!   watch list by leases: a worker claims the due sources nobody holds with
//!   `FOR UPDATE SKIP LOCKED`, in its name and until an expiry; it renews them while it
//!   polls and releases them after; a killed worker's sources are taken when its lease
//!   expires.
//! * [`workers::Heartbeat`] keeps each worker's row in `workers` (heartbeat, what it does,
//!   its errors) for `onrecord status`, with the crawl queue and the last errors.
//!
//! Not yet on PostgreSQL (the CLI and the server say so): `reanalyze`, and the server's
//! list of a page's versions.

mod crawl;
mod events;
mod figures;
mod read;
mod rows;
mod schema;
pub mod scratch;
mod serve_read;
mod words;
pub mod workers;
mod write;

pub use schema::SCHEMA_VERSION;
pub use serve_read::PgReader;

/// Everything that can go wrong in the PostgreSQL store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot connect to PostgreSQL at {target}")]
    Connect {
        target: String,
        #[source]
        source: postgres::Error,
    },
    #[error(
        "the PostgreSQL database at {target} has onrecord schema version {found}, newer than \
         this onrecord supports ({supported}); use a newer onrecord"
    )]
    TooNew {
        target: String,
        found: i32,
        supported: i32,
    },
    #[error(
        "the PostgreSQL database at {target} has onrecord schema version {found}, not \
         {supported}; run `onrecord migrate` (or an ingest) first"
    )]
    NotMigrated {
        target: String,
        found: i32,
        supported: i32,
    },
    #[error("upgrading the PostgreSQL database at {target} to schema version {version}")]
    Migration {
        target: String,
        version: i32,
        #[source]
        source: postgres::Error,
    },
    /// The analysis does not fit its article; nothing of it (or of its batch) was stored.
    #[error(transparent)]
    Store(#[from] onrecord_store::Error),
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] postgres::Error),
}

impl Error {
    /// Whether the analysis was refused (the rest of a batch may be stored one by one).
    pub fn is_invalid_analysis(&self) -> bool {
        matches!(
            self,
            Error::Store(onrecord_store::Error::InvalidAnalysis { .. })
        )
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Whether `db` names a PostgreSQL database (`postgres://…` or `postgresql://…`) rather
/// than an SQLite file.
pub fn is_postgres_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// `url` with its password replaced by `***`, for messages and logs.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _password)) => format!("{scheme}://{user}:***@{host}{path}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

/// An open onrecord database on a PostgreSQL server: one connection, used from one thread at
/// a time. Open one per worker thread or process.
pub struct PgStore {
    client: postgres::Client,
    /// Statements of the write path, prepared once (see `write::Tx`).
    prepared: std::collections::HashMap<String, postgres::Statement>,
    /// The URL without its password.
    target: String,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("target", &self.target)
            .finish()
    }
}

impl PgStore {
    /// Connect to `url` (`postgres://user[:password]@host[:port]/database`) and bring the
    /// schema up to date. The database must exist; its tables are created on first use.
    pub fn connect(url: &str) -> Result<PgStore> {
        let mut store = PgStore::open(url)?;
        schema::migrate(&mut store.client, &store.target)?;
        Ok(store)
    }

    /// A connection to `url`, its schema unchecked.
    fn open(url: &str) -> Result<PgStore> {
        let target = redact(url);
        let client =
            postgres::Client::connect(url, postgres::NoTls).map_err(|source| Error::Connect {
                target: target.clone(),
                source,
            })?;
        Ok(PgStore {
            client,
            prepared: Default::default(),
            target,
        })
    }

    /// Connect to `url` without creating or upgrading anything (a reader, which may have
    /// no right to): the schema must be this binary's.
    pub fn connect_existing(url: &str) -> Result<PgStore> {
        let mut store = PgStore::open(url)?;
        let has_schema: bool = store
            .client
            .query_one("SELECT to_regclass('onrecord_schema') IS NOT NULL", &[])?
            .get(0);
        let found = if has_schema {
            store.schema_version()?
        } else {
            0
        };
        if found > SCHEMA_VERSION {
            return Err(Error::TooNew {
                target: store.target,
                found,
                supported: SCHEMA_VERSION,
            });
        }
        if found < SCHEMA_VERSION {
            return Err(Error::NotMigrated {
                target: store.target,
                found,
                supported: SCHEMA_VERSION,
            });
        }
        Ok(store)
    }

    /// The database's URL, without its password.
    pub fn target(&self) -> &str {
        &self.target
    }

    /// The schema version of the database (equal to [`SCHEMA_VERSION`] once connected).
    pub fn schema_version(&mut self) -> Result<i32> {
        schema::version(&mut self.client)
    }
}

/// Days are bound as ISO text and cast to `date` in SQL (`$1::text::date`), and read back
/// as text (`day::text`).
fn day_to_sql(day: Option<onrecord_core::Day>) -> Option<String> {
    day.map(|d| d.to_string())
}

fn day_from_sql(text: Option<String>) -> Option<onrecord_core::Day> {
    text.and_then(|t| t.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_show() {
        assert_eq!(
            redact("postgres://ana:s3cret@db.example:5432/record"),
            "postgres://ana:***@db.example:5432/record"
        );
        assert_eq!(
            redact("postgresql://ana@db.example/record"),
            "postgresql://ana@db.example/record"
        );
        assert_eq!(redact("postgres://db.example"), "postgres://db.example");
        assert!(is_postgres_url("postgresql://x/y"));
        assert!(!is_postgres_url("./onrecord.db"));
    }
}
