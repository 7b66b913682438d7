//! What a crawl keeps between runs (schema step 6): the watched sources and the state of
//! their last poll, what each source listed, and per page the validators for a conditional
//! GET and the article now current.
//!
//! The rule that makes an interrupted crawl safe: an entry is marked `stored` in the same
//! transaction that commits its page's article ([`Store::store_page`]). A crawl killed at any
//! point therefore refetches exactly the entries whose articles are not in the store, and
//! fingerprints make storing one again a no-op.

use chrono::{DateTime, SecondsFormat, Utc};
use onrecord_core::{Analysis, Article};
use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};

use crate::write::{insert_version, Versioned};
use crate::{Result, Store};

/// A point in time as the crawl tables store it (UTC, to the second).
pub type Time = DateTime<Utc>;

fn time_to_sql(t: Time) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn time_from_sql(s: Option<String>) -> Option<Time> {
    s.and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
        .map(|t| t.with_timezone(&Utc))
}

/// What a source turned out to be on its first poll.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// RSS, Atom or JSON Feed.
    Feed,
    /// A sitemap or a sitemap index (whose sitemaps are sources with it as `parent`).
    Sitemap,
    /// A single page, refetched on each poll.
    Page,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Feed => "feed",
            SourceKind::Sitemap => "sitemap",
            SourceKind::Page => "page",
        }
    }

    fn from_sql(s: Option<String>) -> Option<SourceKind> {
        match s.as_deref() {
            Some("feed") => Some(SourceKind::Feed),
            Some("sitemap") => Some(SourceKind::Sitemap),
            Some("page") => Some(SourceKind::Page),
            _ => None,
        }
    }
}

/// A source: on the watch list, or read once by an ingest (or a sitemap of an index).
#[derive(Clone, Debug, PartialEq)]
pub struct SourceRow {
    pub id: i64,
    pub url: String,
    /// None until the first successful poll.
    pub kind: Option<SourceKind>,
    /// On the watch list.
    pub watched: bool,
    /// The sitemap index that lists this sitemap.
    pub parent: Option<i64>,
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub added_at: String,
    /// Poll interval in seconds; None: the watching command's default.
    pub every: Option<u64>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub last_polled: Option<Time>,
    pub last_status: Option<u16>,
    /// None when the last poll went well.
    pub last_error: Option<String>,
    pub next_poll: Option<Time>,
    /// Entries listed by this source and its sitemaps.
    pub entries: u64,
    /// Of those, the entries whose article is stored.
    pub stored: u64,
    /// The worker polling it now and until when (PostgreSQL only: see
    /// [`crate::CrawlStore::claim_sources`]); None when nobody holds it.
    pub lease: Option<(String, Time)>,
}

const SOURCE_COLUMNS: &str = "id, url, kind, watched, parent, added_at, every, etag,
     last_modified, last_polled, last_status, last_error, next_poll";

fn source_row(r: &Row) -> rusqlite::Result<SourceRow> {
    Ok(SourceRow {
        id: r.get(0)?,
        url: r.get(1)?,
        kind: SourceKind::from_sql(r.get(2)?),
        watched: r.get::<_, i64>(3)? != 0,
        parent: r.get(4)?,
        added_at: r.get(5)?,
        every: r.get::<_, Option<i64>>(6)?.map(|s| s.max(0) as u64),
        etag: r.get(7)?,
        last_modified: r.get(8)?,
        last_polled: time_from_sql(r.get(9)?),
        last_status: r.get::<_, Option<i64>>(10)?.map(|s| s as u16),
        last_error: r.get(11)?,
        next_poll: time_from_sql(r.get(12)?),
        entries: 0,
        stored: 0,
        lease: None,
    })
}

/// The outcome of one poll of a source, for [`Store::record_poll`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Poll {
    pub at: Option<Time>,
    /// What the source is, when this poll could tell.
    pub kind: Option<SourceKind>,
    /// The HTTP status of the answer, if there was one.
    pub status: Option<u16>,
    /// The validators to send next time: `Some` after an answer (200 or 304), `None` after a
    /// failure (the previous ones are kept).
    pub validators: Option<(Option<String>, Option<String>)>,
    pub error: Option<String>,
    /// When to poll next; None keeps the time set before (a source read by an ingest).
    pub next_poll: Option<Time>,
}

/// An entry as a feed or sitemap lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntrySeen {
    pub url: String,
    pub published: Option<Time>,
    /// The feed's `updated`, the sitemap's `lastmod`.
    pub updated: Option<Time>,
}

/// A listed entry whose article is not stored yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingEntry {
    pub source: i64,
    pub url: String,
    pub published: Option<Time>,
    pub updated: Option<Time>,
    /// Failed fetches since it was listed (or changed).
    pub attempts: u32,
    /// Listed again with another stamp: to fetch even if its page is stored since.
    pub refetch: bool,
}

/// An entry with its state, as [`Store::source_entries`] lists them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryStatus {
    pub url: String,
    pub published: Option<Time>,
    pub updated: Option<Time>,
    pub stored: bool,
    pub attempts: u32,
    pub last_error: Option<String>,
}

/// What [`Store::record_entries`] found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EntriesRecorded {
    /// Listed for the first time by this source.
    pub new: usize,
    /// Listed before, and now with another `updated` (or `published`) stamp: to be
    /// fetched again.
    pub changed: usize,
}

/// Fetch state of one page (by final URL).
#[derive(Clone, Debug, PartialEq)]
pub struct PageRow {
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub last_fetched: Option<Time>,
    pub last_status: Option<u16>,
    pub last_error: Option<String>,
    /// The current version's article row, once one is stored.
    pub article: Option<i64>,
}

/// A page answer to record with [`Store::store_page`] or [`Store::page_not_modified`].
#[derive(Clone, Debug, PartialEq)]
pub struct PageFetch {
    /// The final URL (after redirects).
    pub url: String,
    pub at: Time,
    pub status: u16,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// An entry of a source, to mark.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EntryRef {
    pub source: i64,
    pub url: String,
}

impl Store {
    /// Put `url` on the watch list (every `every` seconds; None: the watching command's
    /// default). A source already known keeps its state; `every`, when given, replaces its
    /// interval. Returns whether it was not on the watch list before.
    pub fn add_source(&mut self, url: &str, every: Option<u64>) -> Result<bool> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let was: Option<i64> = tx
            .query_row("SELECT watched FROM sources WHERE url = ?1", [url], |r| {
                r.get(0)
            })
            .optional()?;
        tx.execute(
            "INSERT INTO sources (url, watched, every) VALUES (?1, 1, ?2)
             ON CONFLICT (url) DO UPDATE SET watched = 1, parent = NULL,
                 every = coalesce(excluded.every, every)",
            params![url, every.map(|e| e as i64)],
        )?;
        tx.commit()?;
        Ok(was != Some(1))
    }

    /// Take `url` off the watch list and forget its state and entries (its articles stay).
    /// Returns whether it was watched.
    pub fn remove_source(&mut self, url: &str) -> Result<bool> {
        let n = self
            .conn
            .execute("DELETE FROM sources WHERE url = ?1 AND watched = 1", [url])?;
        Ok(n > 0)
    }

    /// The watch list, in the order sources were added, with entry counts.
    pub fn watched_sources(&self) -> Result<Vec<SourceRow>> {
        let mut rows = self
            .conn
            .prepare_cached(&format!(
                "SELECT {SOURCE_COLUMNS} FROM sources WHERE watched = 1 ORDER BY id"
            ))?
            .query_map([], source_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for row in &mut rows {
            (row.entries, row.stored) = entry_counts(&self.conn, row.id)?;
        }
        Ok(rows)
    }

    /// A source by URL, with entry counts.
    pub fn source(&self, url: &str) -> Result<Option<SourceRow>> {
        let row = self
            .conn
            .prepare_cached(&format!(
                "SELECT {SOURCE_COLUMNS} FROM sources WHERE url = ?1"
            ))?
            .query_row([url], source_row)
            .optional()?;
        let Some(mut row) = row else { return Ok(None) };
        (row.entries, row.stored) = entry_counts(&self.conn, row.id)?;
        Ok(Some(row))
    }

    /// The source for `url`, created (not watched) if unknown. A sitemap of an index gets
    /// the index as `parent` unless it is on the watch list itself.
    pub fn ensure_source(&mut self, url: &str, parent: Option<i64>) -> Result<SourceRow> {
        self.conn.execute(
            "INSERT INTO sources (url, parent) VALUES (?1, ?2)
             ON CONFLICT (url) DO UPDATE SET parent = excluded.parent
             WHERE watched = 0 AND excluded.parent IS NOT NULL",
            params![url, parent],
        )?;
        Ok(self.source(url)?.expect("just inserted"))
    }

    /// The sitemaps an index listed (as sources with `parent`), in the order first seen.
    pub fn child_sources(&self, parent: i64) -> Result<Vec<SourceRow>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {SOURCE_COLUMNS} FROM sources WHERE parent = ?1 ORDER BY id"
            ))?
            .query_map([parent], source_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Record how a poll of source `id` went.
    pub fn record_poll(&mut self, id: i64, poll: &Poll) -> Result<()> {
        let (set_validators, etag, last_modified) = match &poll.validators {
            Some((e, l)) => (true, e.clone(), l.clone()),
            None => (false, None, None),
        };
        self.conn
            .prepare_cached(
                "UPDATE sources SET
                     kind = coalesce(?2, kind),
                     last_polled = coalesce(?3, last_polled),
                     last_status = ?4,
                     last_error = ?5,
                     next_poll = coalesce(?6, next_poll),
                     etag = CASE WHEN ?7 THEN ?8 ELSE etag END,
                     last_modified = CASE WHEN ?7 THEN ?9 ELSE last_modified END
                 WHERE id = ?1",
            )?
            .execute(params![
                id,
                poll.kind.map(SourceKind::as_str),
                poll.at.map(time_to_sql),
                poll.status,
                poll.error,
                poll.next_poll.map(time_to_sql),
                set_validators,
                etag,
                last_modified,
            ])?;
        Ok(())
    }

    /// Record what source `source` lists now (one transaction). An entry seen before whose
    /// `updated` stamp (else `published`) changed is due again: no longer `stored`, marked
    /// `refetch`, its failed attempts forgotten.
    pub fn record_entries(
        &mut self,
        source: i64,
        entries: &[EntrySeen],
        at: Time,
    ) -> Result<EntriesRecorded> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut out = EntriesRecorded::default();
        {
            let mut find = tx.prepare_cached(
                "SELECT coalesce(updated, published) FROM source_entries
                 WHERE source = ?1 AND url = ?2",
            )?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO source_entries (source, url, first_seen, last_seen, published,
                                             updated)
                 VALUES (?1, ?2, ?3, ?3, ?4, ?5)",
            )?;
            let mut update = tx.prepare_cached(
                "UPDATE source_entries SET last_seen = ?3,
                     published = coalesce(?4, published), updated = coalesce(?5, updated),
                     stored = CASE WHEN ?6 THEN 0 ELSE stored END,
                     refetch = CASE WHEN ?6 THEN 1 ELSE refetch END,
                     attempts = CASE WHEN ?6 THEN 0 ELSE attempts END
                 WHERE source = ?1 AND url = ?2",
            )?;
            let at = time_to_sql(at);
            for e in entries {
                let published = e.published.map(time_to_sql);
                let updated = e.updated.map(time_to_sql);
                let known: Option<Option<String>> = find
                    .query_row(params![source, e.url], |r| r.get(0))
                    .optional()?;
                match known {
                    None => {
                        insert.execute(params![source, e.url, at, published, updated])?;
                        out.new += 1;
                    }
                    Some(old) => {
                        let stamp = updated.clone().or_else(|| published.clone());
                        let changed = stamp.is_some() && old.is_some() && stamp != old;
                        update.execute(params![source, e.url, at, published, updated, changed])?;
                        out.changed += changed as usize;
                    }
                }
            }
        }
        tx.commit()?;
        Ok(out)
    }

    /// The entries of source `source` whose articles are not stored, that failed fewer than
    /// `max_attempts` times: newest first (by `updated`, else `published`; undated last, in
    /// the order first seen).
    pub fn pending_entries(&self, source: i64, max_attempts: u32) -> Result<Vec<PendingEntry>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT source, url, published, updated, attempts, refetch FROM source_entries
                 WHERE source = ?1 AND stored = 0 AND attempts < ?2
                 ORDER BY coalesce(updated, published) IS NULL,
                          coalesce(updated, published) DESC, first_seen, url",
            )?
            .query_map(params![source, max_attempts], |r| {
                Ok(PendingEntry {
                    source: r.get(0)?,
                    url: r.get(1)?,
                    published: time_from_sql(r.get(2)?),
                    updated: time_from_sql(r.get(3)?),
                    attempts: r.get::<_, i64>(4)? as u32,
                    refetch: r.get::<_, i64>(5)? != 0,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every entry source `source` listed, in the order first seen.
    pub fn source_entries(&self, source: i64) -> Result<Vec<EntryStatus>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT url, published, updated, stored, attempts, last_error
                 FROM source_entries WHERE source = ?1 ORDER BY first_seen, url",
            )?
            .query_map([source], |r| {
                Ok(EntryStatus {
                    url: r.get(0)?,
                    published: time_from_sql(r.get(1)?),
                    updated: time_from_sql(r.get(2)?),
                    stored: r.get::<_, i64>(3)? != 0,
                    attempts: r.get::<_, i64>(4)? as u32,
                    last_error: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Count a failed attempt on `entries` (an entry that is not a page: a sitemap of an
    /// index that could not be read).
    pub fn entries_failed(&mut self, entries: &[EntryRef], error: &str) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        failed(&tx, entries, error)?;
        tx.commit()?;
        Ok(())
    }

    /// Fetch state of the page at `url` (a final URL).
    pub fn page(&self, url: &str) -> Result<Option<PageRow>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT url, etag, last_modified, last_fetched, last_status, last_error, article
                 FROM pages WHERE url = ?1",
            )?
            .query_row([url], |r| {
                Ok(PageRow {
                    url: r.get(0)?,
                    etag: r.get(1)?,
                    last_modified: r.get(2)?,
                    last_fetched: time_from_sql(r.get(3)?),
                    last_status: r.get::<_, Option<i64>>(4)?.map(|s| s as u16),
                    last_error: r.get(5)?,
                    article: r.get(6)?,
                })
            })
            .optional()?)
    }

    /// Store a fetched page's article as the newest version of the page
    /// ([`Store::insert_version`]), record the page's fetch state, and mark `entries` stored:
    /// all in one transaction, so an entry is never marked without its article.
    pub fn store_page(
        &mut self,
        fetch: &PageFetch,
        article: &Article,
        analysis: &Analysis,
        entries: &[EntryRef],
    ) -> Result<Versioned> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let v = insert_version(&tx, article, analysis)?;
        tx.prepare_cached(
            "INSERT INTO pages (url, etag, last_modified, last_fetched, last_status, last_error,
                                article)
             VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6)
             ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,
                 last_modified = excluded.last_modified, last_fetched = excluded.last_fetched,
                 last_status = excluded.last_status, last_error = NULL,
                 article = excluded.article",
        )?
        .execute(params![
            fetch.url,
            fetch.etag,
            fetch.last_modified,
            time_to_sql(fetch.at),
            fetch.status,
            v.row(),
        ])?;
        mark_stored(&tx, entries)?;
        tx.commit()?;
        Ok(v)
    }

    /// A conditional GET of a stored page answered 304: record it and mark `entries`
    /// stored. Returns the page's current article row; None (and nothing marked) when no
    /// article of the page is stored.
    pub fn page_not_modified(
        &mut self,
        fetch: &PageFetch,
        entries: &[EntryRef],
    ) -> Result<Option<i64>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let article: Option<i64> = tx
            .query_row(
                "SELECT article FROM pages WHERE url = ?1",
                [&fetch.url],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        if article.is_some() {
            tx.execute(
                "UPDATE pages SET last_fetched = ?2, last_status = ?3, last_error = NULL,
                     etag = coalesce(?4, etag), last_modified = coalesce(?5, last_modified)
                 WHERE url = ?1",
                params![
                    fetch.url,
                    time_to_sql(fetch.at),
                    fetch.status,
                    fetch.etag,
                    fetch.last_modified
                ],
            )?;
            mark_stored(&tx, entries)?;
        }
        tx.commit()?;
        Ok(article)
    }

    /// A page could not be fetched or read: record why on the page (by the URL asked for)
    /// and count a failed attempt on `entries`.
    pub fn page_failed(
        &mut self,
        url: &str,
        at: Time,
        status: Option<u16>,
        error: &str,
        entries: &[EntryRef],
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO pages (url, last_fetched, last_status, last_error) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (url) DO UPDATE SET last_fetched = excluded.last_fetched,
                 last_status = excluded.last_status, last_error = excluded.last_error",
            params![url, time_to_sql(at), status, error],
        )?;
        failed(&tx, entries, error)?;
        tx.commit()?;
        Ok(())
    }

    /// Mark entries stored whose page's article is stored already (found without fetching).
    pub fn mark_entries_stored(&mut self, entries: &[EntryRef]) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        mark_stored(&tx, entries)?;
        tx.commit()?;
        Ok(())
    }
}

fn failed(conn: &Connection, entries: &[EntryRef], error: &str) -> Result<()> {
    let mut st = conn.prepare_cached(
        "UPDATE source_entries SET attempts = attempts + 1, last_error = ?3
         WHERE source = ?1 AND url = ?2",
    )?;
    for e in entries {
        st.execute(params![e.source, e.url, error])?;
    }
    Ok(())
}

fn mark_stored(conn: &Connection, entries: &[EntryRef]) -> Result<()> {
    let mut st = conn.prepare_cached(
        "UPDATE source_entries SET stored = 1, refetch = 0, last_error = NULL
         WHERE source = ?1 AND url = ?2",
    )?;
    for e in entries {
        st.execute(params![e.source, e.url])?;
    }
    Ok(())
}

/// Entries listed by source `id` and the sitemaps under it, and how many are stored (an
/// index's sitemaps, which it lists as entries too, are not counted).
fn entry_counts(conn: &Connection, id: i64) -> Result<(u64, u64)> {
    Ok(conn
        .prepare_cached(
            "WITH RECURSIVE tree(id) AS (
                 SELECT ?1 UNION SELECT s.id FROM sources s JOIN tree ON s.parent = tree.id)
             SELECT count(*), coalesce(sum(e.stored), 0) FROM source_entries e
             WHERE e.source IN tree
               AND NOT EXISTS (SELECT 1 FROM sources c
                               WHERE c.url = e.url AND c.parent = e.source)",
        )?
        .query_row([id], |r| {
            Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64))
        })?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{store, Doc};

    fn t(s: &str) -> Time {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn seen(url: &str, updated: Option<&str>) -> EntrySeen {
        EntrySeen {
            url: url.into(),
            published: None,
            updated: updated.map(t),
        }
    }

    #[test]
    fn the_watch_list_adds_lists_and_removes() {
        let (_d, mut store) = store();
        assert!(store
            .add_source("https://a.example/feed.xml", None)
            .unwrap());
        assert!(!store
            .add_source("https://a.example/feed.xml", Some(600))
            .unwrap());
        assert!(store
            .add_source("https://b.example/sitemap.xml", None)
            .unwrap());
        let list = store.watched_sources().unwrap();
        let urls: Vec<_> = list.iter().map(|s| (s.url.as_str(), s.every)).collect();
        assert_eq!(
            urls,
            [
                ("https://a.example/feed.xml", Some(600)),
                ("https://b.example/sitemap.xml", None)
            ]
        );
        // a source read by an ingest is known but not watched
        let read = store.ensure_source("https://c.example/rss", None).unwrap();
        assert!(!read.watched);
        assert_eq!(store.watched_sources().unwrap().len(), 2);
        assert!(!store.remove_source("https://c.example/rss").unwrap());
        assert!(store.remove_source("https://a.example/feed.xml").unwrap());
        assert!(!store.remove_source("https://a.example/feed.xml").unwrap());
        assert_eq!(store.watched_sources().unwrap().len(), 1);
    }

    #[test]
    fn polls_keep_validators_until_the_next_answer() {
        let (_d, mut store) = store();
        store
            .add_source("https://a.example/feed.xml", None)
            .unwrap();
        let id = store
            .source("https://a.example/feed.xml")
            .unwrap()
            .unwrap()
            .id;
        store
            .record_poll(
                id,
                &Poll {
                    at: Some(t("2031-03-07T10:00:00Z")),
                    kind: Some(SourceKind::Feed),
                    status: Some(200),
                    validators: Some((Some("\"v1\"".into()), None)),
                    error: None,
                    next_poll: Some(t("2031-03-07T10:15:00Z")),
                },
            )
            .unwrap();
        store
            .record_poll(
                id,
                &Poll {
                    at: Some(t("2031-03-07T10:15:00Z")),
                    status: Some(503),
                    error: Some("the server answered 503".into()),
                    ..Poll::default()
                },
            )
            .unwrap();
        let s = store.source("https://a.example/feed.xml").unwrap().unwrap();
        assert_eq!(s.kind, Some(SourceKind::Feed));
        assert_eq!(s.etag.as_deref(), Some("\"v1\""));
        assert_eq!(s.last_status, Some(503));
        assert_eq!(s.last_polled, Some(t("2031-03-07T10:15:00Z")));
        assert!(s.last_error.unwrap().contains("503"));
    }

    #[test]
    fn entries_are_pending_until_their_article_is_committed() {
        let (_d, mut store) = store();
        let src = store
            .ensure_source("https://a.example/feed.xml", None)
            .unwrap()
            .id;
        let at = t("2031-03-07T10:00:00Z");
        let r = store
            .record_entries(
                src,
                &[
                    seen("https://a.example/1", Some("2031-03-07T09:00:00Z")),
                    seen("https://a.example/2", Some("2031-03-07T08:00:00Z")),
                    seen("https://a.example/3", None),
                ],
                at,
            )
            .unwrap();
        assert_eq!(r, EntriesRecorded { new: 3, changed: 0 });
        let urls = |store: &Store| -> Vec<String> {
            store
                .pending_entries(src, 3)
                .unwrap()
                .into_iter()
                .map(|e| e.url)
                .collect()
        };
        assert_eq!(
            urls(&store),
            [
                "https://a.example/1",
                "https://a.example/2",
                "https://a.example/3"
            ]
        );

        let (a, an) = Doc::new(
            "https://a.example/1",
            "Ana Brel said the harbour stays open.",
        )
        .person("Ana Brel", &[])
        .says(Some(0), "the harbour stays open", None)
        .build();
        let fetch = PageFetch {
            url: "https://a.example/1".into(),
            at,
            status: 200,
            etag: Some("\"p1\"".into()),
            last_modified: None,
        };
        let entry = EntryRef {
            source: src,
            url: "https://a.example/1".into(),
        };
        let v = store
            .store_page(&fetch, &a, &an, std::slice::from_ref(&entry))
            .unwrap();
        assert!(matches!(v, Versioned::New { statements: 1, .. }));
        assert_eq!(urls(&store), ["https://a.example/2", "https://a.example/3"]);
        let page = store.page("https://a.example/1").unwrap().unwrap();
        assert_eq!(page.article, Some(v.row()));
        assert_eq!(page.etag.as_deref(), Some("\"p1\""));

        // a failing entry is retried until it failed max_attempts times
        let two = EntryRef {
            source: src,
            url: "https://a.example/2".into(),
        };
        for _ in 0..3 {
            store
                .page_failed(
                    &two.url,
                    at,
                    Some(503),
                    "the server answered 503",
                    std::slice::from_ref(&two),
                )
                .unwrap();
        }
        assert_eq!(urls(&store), ["https://a.example/3"]);
        // ... and due again when the source says it changed
        let r = store
            .record_entries(
                src,
                &[
                    seen("https://a.example/1", Some("2031-03-07T11:00:00Z")),
                    seen("https://a.example/2", Some("2031-03-07T08:00:00Z")),
                ],
                at,
            )
            .unwrap();
        assert_eq!(r, EntriesRecorded { new: 0, changed: 1 });
        assert_eq!(urls(&store), ["https://a.example/1", "https://a.example/3"]);
        let pending = store.pending_entries(src, 3).unwrap();
        assert!(pending[0].refetch && !pending[1].refetch);

        // 304 for the stored page marks it again; a page never stored is not marked
        let got = store.page_not_modified(&fetch, &[entry]).unwrap();
        assert_eq!(got, Some(v.row()));
        let three = EntryRef {
            source: src,
            url: "https://a.example/3".into(),
        };
        let none = PageFetch {
            url: three.url.clone(),
            ..fetch.clone()
        };
        assert_eq!(store.page_not_modified(&none, &[three]).unwrap(), None);
        assert_eq!(urls(&store), ["https://a.example/3"]);
        let s = store.source("https://a.example/feed.xml").unwrap().unwrap();
        assert_eq!((s.entries, s.stored), (3, 1));
    }

    #[test]
    fn an_index_counts_the_entries_of_its_sitemaps() {
        let (_d, mut store) = store();
        store
            .add_source("https://a.example/index.xml", None)
            .unwrap();
        let index = store
            .source("https://a.example/index.xml")
            .unwrap()
            .unwrap()
            .id;
        let child = store
            .ensure_source("https://a.example/news-1.xml", Some(index))
            .unwrap();
        assert_eq!(child.parent, Some(index));
        let at = t("2031-03-07T10:00:00Z");
        // the index lists its sitemap as an entry, the sitemap lists a page
        store
            .record_entries(index, &[seen("https://a.example/news-1.xml", None)], at)
            .unwrap();
        store
            .record_entries(child.id, &[seen("https://a.example/1", None)], at)
            .unwrap();
        let failing = EntryRef {
            source: index,
            url: "https://a.example/news-1.xml".into(),
        };
        store.entries_failed(&[failing], "HTTP 503").unwrap();
        let listed = store.source_entries(index).unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!((listed[0].attempts, listed[0].stored), (1, false));
        assert_eq!(store.child_sources(index).unwrap().len(), 1);
        let s = store
            .source("https://a.example/index.xml")
            .unwrap()
            .unwrap();
        assert_eq!((s.entries, s.stored), (1, 0));
        // removing the index forgets its sitemaps and their entries
        store.remove_source("https://a.example/index.xml").unwrap();
        assert!(store
            .source("https://a.example/news-1.xml")
            .unwrap()
            .is_none());
    }
}
