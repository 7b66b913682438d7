//! The row types of `onrecord-store` read back from PostgreSQL: which columns each query
//! selects, how a row becomes a [`StatementRow`], [`FigureRow`], [`EventRow`] or
//! [`ArticleRow`], and [`PgStore::stream`], which hands rows over a batch at a time so
//! that exports stay flat in memory on a record of any size.
//!
//! Dates, JSON and timestamps are selected as text and parsed here, as the SQLite store
//! stores them, so both backends fill the rows alike.

use std::ops::ControlFlow;

use onrecord_core::{Article, EventType, Origin, Standing};
use onrecord_store::records::{attribution_kind_from_name, speaker_kind_from_name};
use onrecord_store::{
    bound_from_str, standing_from_str, ArticleRow, EventParty, EventRow, FigureRow, SpeakerRef,
    StatementArticle, StatementRow,
};
use postgres::types::ToSql;
use postgres::Row;

use crate::{day_from_sql, PgStore, Result};

/// Rows fetched per round trip by [`PgStore::stream`].
const FETCH: i32 = 2048;

/// The article columns every statement, figure and event row carries (`articles a`: id,
/// external id, title, outlet, url, published, published_confidence), from column `at`.
fn article_ref(r: &Row, at: usize) -> StatementArticle {
    StatementArticle {
        row: r.get(at),
        id: r.get(at + 1),
        title: r.get(at + 2),
        outlet: r.get(at + 3),
        url: r.get(at + 4),
        published: day_from_sql(r.get(at + 5)),
        published_confidence: r.get::<_, Option<f64>>(at + 6).map(|c| c as f32),
    }
}

/// The speaker columns (`speakers p`, left-joined: id, key, name, kind, role,
/// affiliation), from column `at`.
fn speaker_ref(r: &Row, at: usize) -> Option<SpeakerRef> {
    r.get::<_, Option<i64>>(at).map(|id| SpeakerRef {
        id,
        key: r.get(at + 1),
        name: r.get(at + 2),
        kind: speaker_kind_from_name(r.get(at + 3)),
        role: r.get(at + 4),
        affiliation: r.get(at + 5),
    })
}

/// The columns [`statement_row`] reads, over `statements s`, `articles a` and
/// `speakers p`.
pub(crate) const STATEMENT_COLUMNS: &str =
    "s.id, s.position, s.kind, s.content, s.content_spans::text, s.cue, s.source,
     s.audience, s.day::text, s.day_from, s.effective_day::text,
     a.id, a.external_id, a.title, a.outlet, a.url, a.published::text,
     a.published_confidence::float8,
     p.id, p.key, p.name, p.kind, p.role, p.affiliation,
     (SELECT e.id FROM statements e WHERE e.article = s.article AND e.position = s.restates),
     s.speaker_via, s.speaker_confidence::float8";

pub(crate) fn statement_row(r: &Row) -> StatementRow {
    StatementRow {
        id: r.get(0),
        position: r.get::<_, i32>(1) as usize,
        kind: attribution_kind_from_name(r.get(2)),
        content: r.get(3),
        content_spans: serde_json::from_str(r.get(4)).unwrap_or_default(),
        cue: r.get(5),
        source: r.get(6),
        audience: r.get(7),
        day: day_from_sql(r.get(8)),
        day_from: r.get(9),
        effective_day: day_from_sql(r.get(10)),
        article: article_ref(r, 11),
        speaker: speaker_ref(r, 18),
        restates: r.get(24),
        speaker_via: r.get(25),
        speaker_confidence: r.get::<_, Option<f64>>(26).map(|c| c as f32),
    }
}

/// The columns [`figure_row`] reads, over `figures f`, `articles a` and `speakers p`.
pub(crate) const FIGURE_COLUMNS: &str =
    "f.id, f.position, f.text, f.span::text, f.value, f.value_high, f.unit, f.bound,
     f.subject, f.source, f.day::text, f.effective_day::text,
     a.id, a.external_id, a.title, a.outlet, a.url, a.published::text,
     a.published_confidence::float8,
     p.id, p.key, p.name, p.kind, p.role, p.affiliation,
     (SELECT s.id FROM statements s WHERE s.article = f.article AND s.position = f.statement)";

pub(crate) fn figure_row(r: &Row) -> FigureRow {
    FigureRow {
        id: r.get(0),
        position: r.get::<_, i32>(1) as usize,
        text: r.get(2),
        span: serde_json::from_str(r.get(3)).unwrap_or_default(),
        value: r.get(4),
        value_high: r.get(5),
        unit: r.get(6),
        bound: bound_from_str(r.get(7)).unwrap_or(onrecord_core::Bound::Exact),
        subject: r.get(8),
        source: r.get(9),
        day: day_from_sql(r.get(10)),
        effective_day: day_from_sql(r.get(11)),
        article: article_ref(r, 12),
        speaker: speaker_ref(r, 19),
        statement: r.get(25),
    }
}

/// The columns [`event_row`] reads, over `events e`, `articles a` and `speakers p`.
pub(crate) const EVENT_COLUMNS: &str =
    "e.id, e.position, e.type, e.mode, e.context, e.trigger, e.span::text,
     e.sentence_start, e.sentence_end,
     substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start),
     e.actors::text, e.recipients::text, e.standing, e.day::text, e.effective_day::text,
     e.location::text,
     a.id, a.external_id, a.title, a.outlet, a.url, a.published::text,
     a.published_confidence::float8,
     p.id, p.key, p.name, p.kind, p.role, p.affiliation,
     (SELECT s.id FROM statements s WHERE s.article = e.article AND s.position = e.statement)";

/// Parties as stored (a JSON array of `{text, spans, country, sector}`); anything
/// unreadable as none, so that one odd row never fails a listing.
fn parties(json: Option<&str>) -> Vec<EventParty> {
    let v: Vec<serde_json::Value> = json
        .and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default();
    v.into_iter()
        .map(|p| EventParty {
            text: p["text"].as_str().unwrap_or_default().to_string(),
            spans: serde_json::from_value(p["spans"].clone()).unwrap_or_default(),
            country: p["country"].as_str().map(str::to_string),
            sector: p["sector"].as_str().map(str::to_string),
        })
        .collect()
}

pub(crate) fn event_row(r: &Row) -> EventRow {
    EventRow {
        id: r.get(0),
        position: r.get::<_, i32>(1) as usize,
        kind: EventType::parse(r.get(2)).unwrap_or(EventType::Consult),
        mode: r.get(3),
        context: r
            .get::<_, Option<String>>(4)
            .map(|c| c.split(' ').map(str::to_string).collect())
            .unwrap_or_default(),
        trigger: r.get(5),
        span: serde_json::from_str(r.get(6)).unwrap_or_default(),
        sentence_span: [r.get::<_, i32>(7) as usize, r.get::<_, i32>(8) as usize],
        sentence: r.get::<_, Option<String>>(9).unwrap_or_default(),
        actors: parties(r.get(10)),
        recipients: parties(r.get(11)),
        standing: standing_from_str(r.get(12)).unwrap_or(Standing::Happened),
        day: day_from_sql(r.get(13)),
        effective_day: day_from_sql(r.get(14)),
        location: parties(r.get(15)).into_iter().next(),
        article: article_ref(r, 16),
        speaker: speaker_ref(r, 23),
        statement: r.get(29),
    }
}

/// The columns [`article_row`] reads, over `articles a`.
pub(crate) const ARTICLE_COLUMNS: &str =
    "a.id, a.fingerprint, a.external_id, a.title, a.outlet, a.url, a.published::text,
     a.text, a.origin, a.origin_line,
     to_char(a.ingested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),
     (SELECT count(*) FROM statements s WHERE s.article = a.id),
     a.published_confidence::float8, a.bylines::text, a.modified, a.language, a.page::text,
     a.version, a.superseded_by";

pub(crate) fn article_row(r: &Row) -> ArticleRow {
    let published = day_from_sql(r.get(6));
    let published_confidence: Option<f64> = r.get(12);
    ArticleRow {
        row: r.get(0),
        fingerprint: r.get(1),
        article: Article {
            id: r.get(2),
            title: r.get(3),
            outlet: r.get(4),
            url: r.get(5),
            // the input's day only: an inferred one has a confidence
            published: published.filter(|_| published_confidence.is_none()),
            text: r.get(7),
            origin: Origin {
                path: r.get(8),
                line: r.get::<_, Option<i64>>(9).map(|l| l as usize),
                offset: None,
            },
            bylines: bylines(r.get(13)),
            modified: r.get(14),
            language: r.get(15),
            page: r
                .get::<_, Option<&str>>(16)
                .and_then(|j| serde_json::from_str(j).ok()),
        },
        published,
        published_confidence: published_confidence.map(|c| c as f32),
        ingested_at: r.get(10),
        statements: r.get::<_, i64>(11) as u64,
        version: r.get::<_, i32>(17) as u32,
        superseded_by: r.get(18),
    }
}

/// The `bylines` column (a JSON array of names); anything unreadable as none, as in SQLite.
pub(crate) fn bylines(json: Option<String>) -> Vec<String> {
    json.and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default()
}

impl PgStore {
    /// Every stored article, every version, in ingest order, a batch at a time.
    pub fn each_article(&mut self, f: &mut dyn FnMut(ArticleRow) -> ControlFlow<()>) -> Result<()> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles a ORDER BY a.id");
        self.stream(&sql, &[], &mut |r| f(article_row(r)))
    }

    /// Run `sql` in a read-only transaction through a portal and hand its rows to `f`,
    /// [`FETCH`] rows per round trip: memory stays flat however many rows there are. A
    /// break from `f` ends the reading early.
    pub(crate) fn stream(
        &mut self,
        sql: &str,
        args: &[&(dyn ToSql + Sync)],
        f: &mut dyn FnMut(&Row) -> ControlFlow<()>,
    ) -> Result<()> {
        let mut tx = self.client.build_transaction().read_only(true).start()?;
        let portal = tx.bind(sql, args)?;
        loop {
            let rows = tx.query_portal(&portal, FETCH)?;
            for r in &rows {
                if f(r).is_break() {
                    return Ok(()); // the transaction rolls back when dropped
                }
            }
            if rows.len() < FETCH as usize {
                break;
            }
        }
        tx.commit()?;
        Ok(())
    }
}
