//! What a crawl asks of the database, whichever holds it: this crate's SQLite [`Store`]
//! (one process) or PostgreSQL (`onrecord-pg`, many workers at once). `onrecord-crawl`
//! drives a `Box<dyn CrawlStore>`, so the crawl logic is written once for both.
//!
//! Many workers share a watch list through leases: [`CrawlStore::claim_sources`] hands each
//! due source to one worker until its lease expires or is released. SQLite has one writer
//! and no leases: a claim there is the due sources.

use std::time::Duration;

use onrecord_core::{Analysis, Article};

use crate::{
    EntriesRecorded, EntryRef, EntrySeen, EntryStatus, PageFetch, PageRow, PendingEntry, Poll,
    Result, SourceRow, Store, Time, Versioned,
};

/// Which watched sources a worker asks for in one poll.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// The worker asking (`host:pid:start`); the leases taken are in its name.
    pub holder: String,
    pub now: Time,
    /// How long the worker may hold a source before another may take it over.
    pub lease: Duration,
    /// Sources named by the user: claimed even when not due (if nobody else holds them).
    pub named: Vec<String>,
    /// Only sources due (next poll passed, or never polled); else every watched one.
    pub due_only: bool,
}

/// The crawl state of a record (see `crawl.rs` for what each operation means on SQLite; the
/// PostgreSQL store does the same).
pub trait CrawlStore: Send {
    fn add_source(&mut self, url: &str, every: Option<u64>) -> Result<bool>;
    fn remove_source(&mut self, url: &str) -> Result<bool>;
    fn watched_sources(&mut self) -> Result<Vec<SourceRow>>;
    fn source(&mut self, url: &str) -> Result<Option<SourceRow>>;
    fn ensure_source(&mut self, url: &str, parent: Option<i64>) -> Result<SourceRow>;
    fn child_sources(&mut self, parent: i64) -> Result<Vec<SourceRow>>;
    fn record_poll(&mut self, id: i64, poll: &Poll) -> Result<()>;
    fn record_entries(
        &mut self,
        source: i64,
        entries: &[EntrySeen],
        at: Time,
    ) -> Result<EntriesRecorded>;
    fn pending_entries(&mut self, source: i64, max_attempts: u32) -> Result<Vec<PendingEntry>>;
    fn source_entries(&mut self, source: i64) -> Result<Vec<EntryStatus>>;
    fn entries_failed(&mut self, entries: &[EntryRef], error: &str) -> Result<()>;
    fn page(&mut self, url: &str) -> Result<Option<PageRow>>;
    fn store_page(
        &mut self,
        fetch: &PageFetch,
        article: &Article,
        analysis: &Analysis,
        entries: &[EntryRef],
    ) -> Result<Versioned>;
    fn page_not_modified(&mut self, fetch: &PageFetch, entries: &[EntryRef])
        -> Result<Option<i64>>;
    fn page_failed(
        &mut self,
        url: &str,
        at: Time,
        status: Option<u16>,
        error: &str,
        entries: &[EntryRef],
    ) -> Result<()>;
    fn mark_entries_stored(&mut self, entries: &[EntryRef]) -> Result<()>;

    /// The watched sources this worker polls now: due (or all, or named) and held by nobody
    /// else, or held by someone whose lease expired. Each is leased to `claim.holder` until
    /// `claim.now + claim.lease`, so no other worker polls it meanwhile.
    fn claim_sources(&mut self, claim: &Claim) -> Result<Vec<SourceRow>>;

    /// Extend every lease `holder` holds to `now + lease` (a long poll's heartbeat).
    fn renew_leases(&mut self, holder: &str, now: Time, lease: Duration) -> Result<()>;

    /// Give up every lease `holder` holds (its poll is done, or it is stopping).
    fn release_leases(&mut self, holder: &str) -> Result<()>;
}

impl CrawlStore for Store {
    fn add_source(&mut self, url: &str, every: Option<u64>) -> Result<bool> {
        Store::add_source(self, url, every)
    }
    fn remove_source(&mut self, url: &str) -> Result<bool> {
        Store::remove_source(self, url)
    }
    fn watched_sources(&mut self) -> Result<Vec<SourceRow>> {
        Store::watched_sources(self)
    }
    fn source(&mut self, url: &str) -> Result<Option<SourceRow>> {
        Store::source(self, url)
    }
    fn ensure_source(&mut self, url: &str, parent: Option<i64>) -> Result<SourceRow> {
        Store::ensure_source(self, url, parent)
    }
    fn child_sources(&mut self, parent: i64) -> Result<Vec<SourceRow>> {
        Store::child_sources(self, parent)
    }
    fn record_poll(&mut self, id: i64, poll: &Poll) -> Result<()> {
        Store::record_poll(self, id, poll)
    }
    fn record_entries(
        &mut self,
        source: i64,
        entries: &[EntrySeen],
        at: Time,
    ) -> Result<EntriesRecorded> {
        Store::record_entries(self, source, entries, at)
    }
    fn pending_entries(&mut self, source: i64, max_attempts: u32) -> Result<Vec<PendingEntry>> {
        Store::pending_entries(self, source, max_attempts)
    }
    fn source_entries(&mut self, source: i64) -> Result<Vec<EntryStatus>> {
        Store::source_entries(self, source)
    }
    fn entries_failed(&mut self, entries: &[EntryRef], error: &str) -> Result<()> {
        Store::entries_failed(self, entries, error)
    }
    fn page(&mut self, url: &str) -> Result<Option<PageRow>> {
        Store::page(self, url)
    }
    fn store_page(
        &mut self,
        fetch: &PageFetch,
        article: &Article,
        analysis: &Analysis,
        entries: &[EntryRef],
    ) -> Result<Versioned> {
        Store::store_page(self, fetch, article, analysis, entries)
    }
    fn page_not_modified(
        &mut self,
        fetch: &PageFetch,
        entries: &[EntryRef],
    ) -> Result<Option<i64>> {
        Store::page_not_modified(self, fetch, entries)
    }
    fn page_failed(
        &mut self,
        url: &str,
        at: Time,
        status: Option<u16>,
        error: &str,
        entries: &[EntryRef],
    ) -> Result<()> {
        Store::page_failed(self, url, at, status, error, entries)
    }
    fn mark_entries_stored(&mut self, entries: &[EntryRef]) -> Result<()> {
        Store::mark_entries_stored(self, entries)
    }

    /// One process writes an SQLite record: no leases, the due sources.
    fn claim_sources(&mut self, claim: &Claim) -> Result<Vec<SourceRow>> {
        Ok(Store::watched_sources(self)?
            .into_iter()
            .filter(|s| {
                !claim.due_only
                    || claim.named.contains(&s.url)
                    || s.next_poll.is_none_or(|t| t <= claim.now)
            })
            .collect())
    }
    fn renew_leases(&mut self, _holder: &str, _now: Time, _lease: Duration) -> Result<()> {
        Ok(())
    }
    fn release_leases(&mut self, _holder: &str) -> Result<()> {
        Ok(())
    }
}
