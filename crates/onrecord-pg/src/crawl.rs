//! Crawl state on PostgreSQL (schema step 4): `onrecord_store::CrawlStore` with the
//! semantics of the SQLite store's `crawl.rs` (an entry is marked stored in the transaction
//! that stores its page's article), plus leases, so that many `watch` workers share one
//! watch list: a claim takes the due sources nobody holds (`FOR UPDATE SKIP LOCKED`, so
//! two claims at once never take the same one) or whose holder's lease ran out (a worker
//! killed mid-poll), and leases them to the claimant.
//!
//! Times are bound and read as whole seconds since 1970 (the SQLite store keeps seconds
//! too); URLs are ordered byte-wise (`COLLATE "C"`), as SQLite orders them.

use std::time::Duration;

use chrono::{DateTime, Utc};
use onrecord_core::{Analysis, Article};
use onrecord_store::{
    Claim, CrawlStore, EntriesRecorded, EntryRef, EntrySeen, EntryStatus, PageFetch, PageRow,
    PendingEntry, Poll, SourceKind, SourceRow, Time, Versioned,
};

use crate::write::{write_version, Tx};
use crate::{PgStore, Result};

type StoreResult<T> = onrecord_store::Result<T>;

fn secs(t: Option<Time>) -> Option<i64> {
    t.map(|t| t.timestamp())
}

fn time(s: Option<i64>) -> Option<Time> {
    s.and_then(|s| DateTime::<Utc>::from_timestamp(s, 0))
}

fn kind_from(s: Option<&str>) -> Option<SourceKind> {
    match s {
        Some("feed") => Some(SourceKind::Feed),
        Some("sitemap") => Some(SourceKind::Sitemap),
        Some("page") => Some(SourceKind::Page),
        _ => None,
    }
}

/// The columns of [`source_row`], of table alias `t`.
fn source_columns(t: &str) -> String {
    format!(
        "{t}.id, {t}.url, {t}.kind, {t}.watched, {t}.parent,
         to_char({t}.added_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), {t}.every,
         {t}.etag, {t}.last_modified, extract(epoch FROM {t}.last_polled)::int8,
         {t}.last_status, {t}.last_error, extract(epoch FROM {t}.next_poll)::int8,
         {t}.lease_holder, extract(epoch FROM {t}.lease_until)::int8"
    )
}

fn source_row(r: &postgres::Row) -> SourceRow {
    let lease = match (r.get::<_, Option<String>>(13), time(r.get(14))) {
        (Some(holder), Some(until)) => Some((holder, until)),
        _ => None,
    };
    SourceRow {
        id: r.get(0),
        url: r.get(1),
        kind: kind_from(r.get(2)),
        watched: r.get(3),
        parent: r.get(4),
        added_at: r.get(5),
        every: r.get::<_, Option<i64>>(6).map(|s| s.max(0) as u64),
        etag: r.get(7),
        last_modified: r.get(8),
        last_polled: time(r.get(9)),
        last_status: r.get::<_, Option<i32>>(10).map(|s| s as u16),
        last_error: r.get(11),
        next_poll: time(r.get(12)),
        entries: 0,
        stored: 0,
        lease,
    }
}

fn status(s: Option<u16>) -> Option<i32> {
    s.map(i32::from)
}

impl PgStore {
    fn sources_where(
        &mut self,
        clause: &str,
        param: &(dyn postgres::types::ToSql + Sync),
    ) -> Result<Vec<SourceRow>> {
        let sql = format!(
            "SELECT {} FROM sources s WHERE {clause} ORDER BY s.id",
            source_columns("s")
        );
        let rows = self.client.query(&sql, &[param])?;
        let mut out: Vec<SourceRow> = rows.iter().map(source_row).collect();
        for row in &mut out {
            (row.entries, row.stored) = self.entry_counts(row.id)?;
        }
        Ok(out)
    }

    /// Entries listed by source `id` and the sitemaps under it, and how many are stored
    /// (an index's sitemaps, which it lists as entries too, are not counted).
    fn entry_counts(&mut self, id: i64) -> Result<(u64, u64)> {
        let r = self.client.query_one(
            "WITH RECURSIVE tree(id) AS (
                 SELECT $1::int8 UNION SELECT s.id FROM sources s JOIN tree ON s.parent = tree.id)
             SELECT count(*), count(*) FILTER (WHERE e.stored) FROM source_entries e
             WHERE e.source IN (SELECT id FROM tree)
               AND NOT EXISTS (SELECT 1 FROM sources c
                               WHERE c.url = e.url AND c.parent = e.source)",
            &[&id],
        )?;
        Ok((r.get::<_, i64>(0) as u64, r.get::<_, i64>(1) as u64))
    }

    fn source_by_url(&mut self, url: &str) -> Result<Option<SourceRow>> {
        Ok(self.sources_where("s.url = $1", &url)?.pop())
    }
}

fn mark_stored(tx: &mut Tx, entries: &[EntryRef]) -> Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let (sources, urls): (Vec<i64>, Vec<&str>) =
        entries.iter().map(|e| (e.source, e.url.as_str())).unzip();
    tx.execute(
        "UPDATE source_entries e SET stored = true, refetch = false, last_error = NULL
         FROM unnest($1::int8[], $2::text[]) AS t(s, u)
         WHERE e.source = t.s AND e.url = t.u",
        &[&sources, &urls],
    )?;
    Ok(())
}

fn failed(tx: &mut Tx, entries: &[EntryRef], error: &str) -> Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let (sources, urls): (Vec<i64>, Vec<&str>) =
        entries.iter().map(|e| (e.source, e.url.as_str())).unzip();
    tx.execute(
        "UPDATE source_entries e SET attempts = attempts + 1, last_error = $3
         FROM unnest($1::int8[], $2::text[]) AS t(s, u)
         WHERE e.source = t.s AND e.url = t.u",
        &[&sources, &urls, &error],
    )?;
    Ok(())
}

impl CrawlStore for PgStore {
    fn add_source(&mut self, url: &str, every: Option<u64>) -> StoreResult<bool> {
        let every = every.map(|e| e as i64);
        Ok(self.in_transaction(|tx| {
            let was: Option<bool> = tx
                .query_opt("SELECT watched FROM sources WHERE url = $1", &[&url])?
                .map(|r| r.get(0));
            tx.execute(
                "INSERT INTO sources (url, watched, every) VALUES ($1, true, $2::int8)
                 ON CONFLICT (url) DO UPDATE SET watched = true, parent = NULL,
                     every = coalesce(excluded.every, sources.every)",
                &[&url, &every],
            )?;
            Ok(was != Some(true))
        })?)
    }

    fn remove_source(&mut self, url: &str) -> StoreResult<bool> {
        let n = self
            .client
            .execute("DELETE FROM sources WHERE url = $1 AND watched", &[&url])
            .map_err(crate::Error::from)?;
        Ok(n > 0)
    }

    fn watched_sources(&mut self) -> StoreResult<Vec<SourceRow>> {
        Ok(self.sources_where("s.watched = $1", &true)?)
    }

    fn source(&mut self, url: &str) -> StoreResult<Option<SourceRow>> {
        Ok(self.source_by_url(url)?)
    }

    fn ensure_source(&mut self, url: &str, parent: Option<i64>) -> StoreResult<SourceRow> {
        self.client
            .execute(
                "INSERT INTO sources (url, parent) VALUES ($1, $2::int8)
                 ON CONFLICT (url) DO UPDATE SET parent = excluded.parent
                 WHERE NOT sources.watched AND excluded.parent IS NOT NULL",
                &[&url, &parent],
            )
            .map_err(crate::Error::from)?;
        Ok(self.source_by_url(url)?.expect("just inserted"))
    }

    fn child_sources(&mut self, parent: i64) -> StoreResult<Vec<SourceRow>> {
        let sql = format!(
            "SELECT {} FROM sources s WHERE s.parent = $1 ORDER BY s.id",
            source_columns("s")
        );
        let rows = self
            .client
            .query(&sql, &[&parent])
            .map_err(crate::Error::from)?;
        Ok(rows.iter().map(source_row).collect())
    }

    fn record_poll(&mut self, id: i64, poll: &Poll) -> StoreResult<()> {
        let (set, etag, last_modified) = match &poll.validators {
            Some((e, l)) => (true, e.clone(), l.clone()),
            None => (false, None, None),
        };
        self.client
            .execute(
                "UPDATE sources SET
                     kind = coalesce($2, kind),
                     last_polled = coalesce(to_timestamp($3::int8), last_polled),
                     last_status = $4::int4,
                     last_error = $5,
                     next_poll = coalesce(to_timestamp($6::int8), next_poll),
                     etag = CASE WHEN $7::bool THEN $8 ELSE etag END,
                     last_modified = CASE WHEN $7::bool THEN $9 ELSE last_modified END
                 WHERE id = $1",
                &[
                    &id,
                    &poll.kind.map(SourceKind::as_str),
                    &secs(poll.at),
                    &status(poll.status),
                    &poll.error,
                    &secs(poll.next_poll),
                    &set,
                    &etag,
                    &last_modified,
                ],
            )
            .map_err(crate::Error::from)?;
        Ok(())
    }

    fn record_entries(
        &mut self,
        source: i64,
        entries: &[EntrySeen],
        at: Time,
    ) -> StoreResult<EntriesRecorded> {
        let at = at.timestamp();
        Ok(self.in_transaction(|tx| {
            let mut out = EntriesRecorded::default();
            for e in entries {
                let (published, updated) = (secs(e.published), secs(e.updated));
                let known: Option<Option<i64>> = tx
                    .query_opt(
                        "SELECT extract(epoch FROM coalesce(updated, published))::int8
                         FROM source_entries WHERE source = $1 AND url = $2",
                        &[&source, &e.url],
                    )?
                    .map(|r| r.get(0));
                match known {
                    None => {
                        out.new += tx.execute(
                            "INSERT INTO source_entries (source, url, first_seen, last_seen,
                                                         published, updated)
                             VALUES ($1, $2, to_timestamp($3::int8), to_timestamp($3::int8),
                                     to_timestamp($4::int8), to_timestamp($5::int8))
                             ON CONFLICT DO NOTHING",
                            &[&source, &e.url, &at, &published, &updated],
                        )? as usize;
                    }
                    Some(old) => {
                        let stamp = updated.or(published);
                        let changed = stamp.is_some() && old.is_some() && stamp != old;
                        tx.execute(
                            "UPDATE source_entries SET last_seen = to_timestamp($3::int8),
                                 published = coalesce(to_timestamp($4::int8), published),
                                 updated = coalesce(to_timestamp($5::int8), updated),
                                 stored = CASE WHEN $6::bool THEN false ELSE stored END,
                                 refetch = CASE WHEN $6::bool THEN true ELSE refetch END,
                                 attempts = CASE WHEN $6::bool THEN 0 ELSE attempts END
                             WHERE source = $1 AND url = $2",
                            &[&source, &e.url, &at, &published, &updated, &changed],
                        )?;
                        out.changed += changed as usize;
                    }
                }
            }
            Ok(out)
        })?)
    }

    fn pending_entries(
        &mut self,
        source: i64,
        max_attempts: u32,
    ) -> StoreResult<Vec<PendingEntry>> {
        let rows = self
            .client
            .query(
                "SELECT source, url, extract(epoch FROM published)::int8,
                        extract(epoch FROM updated)::int8, attempts, refetch
                 FROM source_entries
                 WHERE source = $1 AND NOT stored AND attempts < $2::int4
                 ORDER BY coalesce(updated, published) IS NULL,
                          coalesce(updated, published) DESC, first_seen, url COLLATE \"C\"",
                &[&source, &(max_attempts.min(i32::MAX as u32) as i32)],
            )
            .map_err(crate::Error::from)?;
        Ok(rows
            .iter()
            .map(|r| PendingEntry {
                source: r.get(0),
                url: r.get(1),
                published: time(r.get(2)),
                updated: time(r.get(3)),
                attempts: r.get::<_, i32>(4) as u32,
                refetch: r.get(5),
            })
            .collect())
    }

    fn source_entries(&mut self, source: i64) -> StoreResult<Vec<EntryStatus>> {
        let rows = self
            .client
            .query(
                "SELECT url, extract(epoch FROM published)::int8,
                        extract(epoch FROM updated)::int8, stored, attempts, last_error
                 FROM source_entries WHERE source = $1 ORDER BY first_seen, url COLLATE \"C\"",
                &[&source],
            )
            .map_err(crate::Error::from)?;
        Ok(rows
            .iter()
            .map(|r| EntryStatus {
                url: r.get(0),
                published: time(r.get(1)),
                updated: time(r.get(2)),
                stored: r.get(3),
                attempts: r.get::<_, i32>(4) as u32,
                last_error: r.get(5),
            })
            .collect())
    }

    fn entries_failed(&mut self, entries: &[EntryRef], error: &str) -> StoreResult<()> {
        Ok(self.in_transaction(|tx| failed(tx, entries, error))?)
    }

    fn page(&mut self, url: &str) -> StoreResult<Option<PageRow>> {
        let row = self
            .client
            .query_opt(
                "SELECT url, etag, last_modified, extract(epoch FROM last_fetched)::int8,
                        last_status, last_error, article
                 FROM pages WHERE url = $1",
                &[&url],
            )
            .map_err(crate::Error::from)?;
        Ok(row.map(|r| PageRow {
            url: r.get(0),
            etag: r.get(1),
            last_modified: r.get(2),
            last_fetched: time(r.get(3)),
            last_status: r.get::<_, Option<i32>>(4).map(|s| s as u16),
            last_error: r.get(5),
            article: r.get(6),
        }))
    }

    fn store_page(
        &mut self,
        fetch: &PageFetch,
        article: &Article,
        analysis: &Analysis,
        entries: &[EntryRef],
    ) -> StoreResult<Versioned> {
        Ok(self.in_transaction(|tx| {
            let v = write_version(tx, article, analysis)?;
            tx.execute(
                "INSERT INTO pages (url, etag, last_modified, last_fetched, last_status,
                                    last_error, article)
                 VALUES ($1, $2, $3, to_timestamp($4::int8), $5::int4, NULL, $6::int8)
                 ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,
                     last_modified = excluded.last_modified,
                     last_fetched = excluded.last_fetched, last_status = excluded.last_status,
                     last_error = NULL, article = excluded.article",
                &[
                    &fetch.url,
                    &fetch.etag,
                    &fetch.last_modified,
                    &fetch.at.timestamp(),
                    &i32::from(fetch.status),
                    &v.row(),
                ],
            )?;
            mark_stored(tx, entries)?;
            Ok(v)
        })?)
    }

    fn page_not_modified(
        &mut self,
        fetch: &PageFetch,
        entries: &[EntryRef],
    ) -> StoreResult<Option<i64>> {
        Ok(self.in_transaction(|tx| {
            let article: Option<i64> = tx
                .query_opt("SELECT article FROM pages WHERE url = $1", &[&fetch.url])?
                .and_then(|r| r.get(0));
            if article.is_some() {
                tx.execute(
                    "UPDATE pages SET last_fetched = to_timestamp($2::int8),
                         last_status = $3::int4, last_error = NULL,
                         etag = coalesce($4, etag),
                         last_modified = coalesce($5, last_modified)
                     WHERE url = $1",
                    &[
                        &fetch.url,
                        &fetch.at.timestamp(),
                        &i32::from(fetch.status),
                        &fetch.etag,
                        &fetch.last_modified,
                    ],
                )?;
                mark_stored(tx, entries)?;
            }
            Ok(article)
        })?)
    }

    fn page_failed(
        &mut self,
        url: &str,
        at: Time,
        status_code: Option<u16>,
        error: &str,
        entries: &[EntryRef],
    ) -> StoreResult<()> {
        Ok(self.in_transaction(|tx| {
            tx.execute(
                "INSERT INTO pages (url, last_fetched, last_status, last_error)
                 VALUES ($1, to_timestamp($2::int8), $3::int4, $4)
                 ON CONFLICT (url) DO UPDATE SET last_fetched = excluded.last_fetched,
                     last_status = excluded.last_status, last_error = excluded.last_error",
                &[&url, &at.timestamp(), &status(status_code), &error],
            )?;
            failed(tx, entries, error)
        })?)
    }

    fn mark_entries_stored(&mut self, entries: &[EntryRef]) -> StoreResult<()> {
        Ok(self.in_transaction(|tx| mark_stored(tx, entries))?)
    }

    fn claim_sources(&mut self, claim: &Claim) -> StoreResult<Vec<SourceRow>> {
        let sql = format!(
            "WITH free AS (
                 SELECT id FROM sources
                 WHERE watched
                   AND (NOT $3::bool OR url = ANY($4::text[]) OR next_poll IS NULL
                        OR next_poll <= to_timestamp($2::int8))
                   AND (lease_holder IS NULL OR lease_holder = $1
                        OR lease_until <= to_timestamp($2::int8))
                 ORDER BY id
                 FOR UPDATE SKIP LOCKED)
             UPDATE sources s SET lease_holder = $1,
                                  lease_until = to_timestamp($2::int8 + $5::int8)
             FROM free WHERE s.id = free.id
             RETURNING {}",
            source_columns("s")
        );
        let rows = self
            .client
            .query(
                &sql,
                &[
                    &claim.holder,
                    &claim.now.timestamp(),
                    &claim.due_only,
                    &claim.named,
                    &lease_secs(claim.lease),
                ],
            )
            .map_err(crate::Error::from)?;
        let mut out: Vec<SourceRow> = rows.iter().map(source_row).collect();
        out.sort_by_key(|s| s.id);
        Ok(out)
    }

    fn renew_leases(&mut self, holder: &str, now: Time, lease: Duration) -> StoreResult<()> {
        self.client
            .execute(
                "UPDATE sources SET lease_until = to_timestamp($2::int8 + $3::int8)
                 WHERE lease_holder = $1",
                &[&holder, &now.timestamp(), &lease_secs(lease)],
            )
            .map_err(crate::Error::from)?;
        Ok(())
    }

    fn release_leases(&mut self, holder: &str) -> StoreResult<()> {
        self.client
            .execute(
                "UPDATE sources SET lease_holder = NULL, lease_until = NULL
                 WHERE lease_holder = $1",
                &[&holder],
            )
            .map_err(crate::Error::from)?;
        Ok(())
    }
}

/// A lease in whole seconds, at least one.
fn lease_secs(lease: Duration) -> i64 {
    lease.as_secs().clamp(1, i64::MAX as u64) as i64
}
