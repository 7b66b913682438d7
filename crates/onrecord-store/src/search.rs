//! The queries behind the web pages and the JSON API: ranked full-text search with keyset
//! (cursor) pagination, one speaker with a timeline of counts, one article with its
//! statements, article and outlet listings.
//!
//! Full-text search runs on FTS5 indexes over the folded statement text, so case,
//! diacritics and punctuation never matter (`kalin` finds `Kalın`): whole words and phrases
//! on `statements_fts`, which holds Porter stems (any form of a word finds the others),
//! prefixes on `statements_words`, which holds the words as written (schema step 7), so that
//! a prefix running past a stem still matches (`negotiat*` finds "negotiations"); see
//! `read::WordsMatch`. Every value reaches SQL as a bound parameter; the only SQL text
//! assembled here is fixed clauses chosen by code.

use std::fmt;
use std::str::FromStr;

use onrecord_core::{fold, identity_key, Day};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, OptionalExtension};

use crate::read::{
    article_row, bylines_from_sql, current_statement, statement_filter, statement_row, words_match,
    WordsMatch, ARTICLE_COLUMNS, STATEMENT_COLUMNS,
};
use crate::{
    day_from_sql, day_to_sql, kind_from_sql, ArticleRow, ArticleVersion, Result, SpeakerRow,
};
use crate::{StatementQuery, StatementRow, Store, Variant};

/// How many matches a ranked search ranks at most: the most recently stored ones. Ranking
/// costs a few microseconds per match, so a word found in most statements ("the") would
/// otherwise take a second; the day orders list every match, and counts are never capped.
pub const RANK_CANDIDATES: usize = 10_000;

/// How search results are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SearchOrder {
    /// Best match first (FTS5 bm25), then by statement id, among the
    /// [`RANK_CANDIDATES`] most recently stored matches. Without words to rank by, the same
    /// as [`SearchOrder::Newest`].
    #[default]
    Rank,
    /// Latest effective day first, then the most recently stored; unknown days last.
    Newest,
    /// Earliest effective day first; unknown days last.
    Oldest,
}

impl SearchOrder {
    /// The order actually used for a query with or without words.
    pub fn effective(self, has_words: bool) -> SearchOrder {
        match self {
            SearchOrder::Rank if !has_words => SearchOrder::Newest,
            other => other,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SearchOrder::Rank => "rank",
            SearchOrder::Newest => "newest",
            SearchOrder::Oldest => "oldest",
        }
    }
}

impl FromStr for SearchOrder {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "rank" => Ok(SearchOrder::Rank),
            "newest" => Ok(SearchOrder::Newest),
            "oldest" => Ok(SearchOrder::Oldest),
            _ => Err(format!(
                "unknown order '{s}': expected rank, newest or oldest"
            )),
        }
    }
}

/// Where a page of results ends, within the listing ([`Cursor`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Position {
    /// After the hit with this bm25 score and statement id ([`SearchOrder::Rank`]).
    Rank { score: f64, id: i64 },
    /// After this (day, id) in newest-first order (statements, or articles by publication
    /// day).
    Newest { day: Option<Day>, id: i64 },
    /// After this (day, id) in oldest-first order.
    Oldest { day: Option<Day>, id: i64 },
    /// After this many rows (listings ordered by counts).
    Offset(u64),
}

/// Where a page of results ends, to continue after it, and the listing it belongs to:
/// opaque to clients, stable while the data does not change. Its text form (`Display` /
/// `FromStr`) is what the API hands out (`r.<score bits>.<id>.<query>`, `n.<day>.<id>.<query>`,
/// `o.…`, `k.<offset>.<query>`).
///
/// `query` is the fingerprint of the filters the listing was made with
/// ([`SearchQuery::fingerprint`], [`ArticleQuery::fingerprint`],
/// [`crate::SpeakerQuery::fingerprint`]): a position means something only in its own
/// listing, and continuing another search from it would skip or repeat rows without any
/// sign, so a cursor given with other filters is refused ([`Cursor::check`]). The page size
/// may change from page to page.
#[derive(Clone, Debug, PartialEq)]
pub struct Cursor {
    pub at: Position,
    pub query: u32,
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let day = |d: &Option<Day>| d.map(|d| d.to_string()).unwrap_or_default();
        let q = self.query;
        match &self.at {
            Position::Rank { score, id } => write!(f, "r.{:016x}.{id}.{q:08x}", score.to_bits()),
            Position::Newest { day: d, id } => write!(f, "n.{}.{id}.{q:08x}", day(d)),
            Position::Oldest { day: d, id } => write!(f, "o.{}.{id}.{q:08x}", day(d)),
            Position::Offset(n) => write!(f, "k.{n}.{q:08x}"),
        }
    }
}

/// A cursor that is not one this store handed out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadCursor;

impl fmt::Display for BadCursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid cursor: pass the `next` value of a previous page unchanged")
    }
}

impl std::error::Error for BadCursor {}

/// What [`Cursor::check`] says of a cursor given with other filters than its listing's.
pub const OTHER_QUERY: &str = "this cursor was made for another query (other words or \
    filters): pass it with the parameters of the page that gave it, or leave it out to \
    start from the first page";

impl Cursor {
    /// Whether this cursor was made for a listing with the fingerprint `query`; else
    /// [`crate::Error::InvalidQuery`] with [`OTHER_QUERY`].
    pub fn check(&self, query: u32) -> Result<()> {
        if self.query == query {
            Ok(())
        } else {
            Err(crate::Error::InvalidQuery(OTHER_QUERY.into()))
        }
    }
}

impl FromStr for Cursor {
    type Err = BadCursor;

    fn from_str(s: &str) -> std::result::Result<Self, BadCursor> {
        let parts: Vec<&str> = s.split('.').collect();
        let id = |t: &str| t.parse::<i64>().map_err(|_| BadCursor);
        let day = |t: &str| -> std::result::Result<Option<Day>, BadCursor> {
            if t.is_empty() {
                Ok(None)
            } else {
                t.parse::<Day>().map(Some).map_err(|_| BadCursor)
            }
        };
        let query = |t: &str| {
            if t.len() == 8 {
                u32::from_str_radix(t, 16).map_err(|_| BadCursor)
            } else {
                Err(BadCursor)
            }
        };
        let (at, q) = match parts[..] {
            ["r", bits, i, q] if bits.len() == 16 => {
                // any bits: a score no hit has (NaN, infinities) just ends the listing
                let score = f64::from_bits(u64::from_str_radix(bits, 16).map_err(|_| BadCursor)?);
                (Position::Rank { score, id: id(i)? }, q)
            }
            ["n", d, i, q] => (
                Position::Newest {
                    day: day(d)?,
                    id: id(i)?,
                },
                q,
            ),
            ["o", d, i, q] => (
                Position::Oldest {
                    day: day(d)?,
                    id: id(i)?,
                },
                q,
            ),
            ["k", n, q] => (Position::Offset(n.parse().map_err(|_| BadCursor)?), q),
            _ => return Err(BadCursor),
        };
        Ok(Cursor {
            at,
            query: query(q)?,
        })
    }
}

/// The fingerprint of a listing's filters: FNV-1a (32 bits) over its kind and its values,
/// normalised as the store compares them (see [`Cursor`]). Stable across builds and
/// versions, unlike the standard hasher's.
pub(crate) fn fingerprint(kind: &str, values: &[String]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= u32::from(*b);
            h = h.wrapping_mul(0x0100_0193);
        }
    };
    eat(kind.as_bytes());
    for v in values {
        eat(&[0x1f]);
        eat(v.as_bytes());
    }
    h
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(T::to_string).unwrap_or_default()
}

/// A search over statements. Every filter that is set must match.
#[derive(Clone, Debug, Default)]
pub struct SearchQuery {
    /// Words, all required, as [`StatementQuery::words`]: whole words after folding,
    /// `"a phrase"`, `prefix*`.
    pub words: Option<String>,
    /// A speaker name in any spelling, as [`StatementQuery::speaker`].
    pub speaker: Option<String>,
    /// Exactly this stored speaker.
    pub speaker_id: Option<i64>,
    /// The outlet, compared folded.
    pub outlet: Option<String>,
    /// Effective day range, inclusive.
    pub from: Option<Day>,
    pub to: Option<Day>,
    /// Only statements of the article with this row id.
    pub article: Option<i64>,
    /// Only statements without any day: neither their own nor their article's publication
    /// day (the ones a timeline cannot place; none of them is in a day range).
    pub undated: bool,
    pub order: SearchOrder,
    /// Page size (at least 1).
    pub limit: usize,
    /// Continue after this cursor (from [`SearchPage::next`]).
    pub after: Option<Cursor>,
    /// Skip this many rows (for numbered pages; combine with `after` only if you mean it).
    pub offset: usize,
}

impl SearchQuery {
    /// The fingerprint of this search's words and filters, as its cursors carry it: the
    /// words as their folded terms, names and outlets folded (`Kalın` and `kalin` are one
    /// search); not the order (a cursor holds its own) nor the page size.
    pub fn fingerprint(&self) -> u32 {
        let words = self
            .words
            .as_deref()
            .map(crate::search_terms)
            .unwrap_or_default()
            .iter()
            .map(|t| format!("{}{}", t.folded, if t.prefix { "*" } else { "" }))
            .collect::<Vec<_>>()
            .join("\u{1e}");
        fingerprint(
            "statements",
            &[
                words,
                opt(&self.speaker.as_deref().map(fold)),
                opt(&self.speaker_id),
                opt(&self.outlet.as_deref().map(fold)),
                opt(&self.from),
                opt(&self.to),
                opt(&self.article),
                self.undated.to_string(),
            ],
        )
    }
}

/// One search result.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchHit {
    pub statement: StatementRow,
    /// bm25 score when ranked by words: lower is better (SQLite FTS5 convention).
    pub rank: Option<f64>,
}

/// One page of results.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchPage {
    pub hits: Vec<SearchHit>,
    /// Where the next page starts; None on the last page.
    pub next: Option<Cursor>,
}

impl SearchPage {
    /// The page of a query read one hit past `limit` (in `order`, for the query of
    /// fingerprint `query`): the extra hit only tells that there is a next page, whose
    /// cursor starts after the page's last hit. Both backends build their pages so.
    pub fn from_hits(
        mut hits: Vec<SearchHit>,
        limit: usize,
        order: SearchOrder,
        query: u32,
    ) -> SearchPage {
        let next = if hits.len() > limit {
            hits.truncate(limit);
            hits.last().map(|h| {
                let id = h.statement.id;
                let day = h.statement.effective_day;
                let at = match order {
                    SearchOrder::Rank => Position::Rank {
                        score: h.rank.unwrap_or_default(),
                        id,
                    },
                    SearchOrder::Newest => Position::Newest { day, id },
                    SearchOrder::Oldest => Position::Oldest { day, id },
                };
                Cursor { at, query }
            })
        } else {
            None
        };
        SearchPage { hits, next }
    }

    /// The number of matches of `q` when this page, read from the start, holds them all:
    /// the server then needs no count query, which costs more than the page itself on a
    /// large record.
    pub fn total_when_whole(&self, q: &SearchQuery) -> Option<u64> {
        (q.after.is_none() && q.offset == 0 && self.next.is_none())
            .then_some(self.hits.len() as u64)
    }
}

/// Counting statements by day or by week.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Bucket {
    #[default]
    Day,
    /// ISO weeks, keyed by their Monday.
    Week,
}

/// Statements in one day or week.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimelinePoint {
    /// The day, or the Monday of the week.
    pub day: Day,
    pub statements: u64,
}

/// An article without its text, for listings.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleSummary {
    pub row: i64,
    /// `Article::id`.
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    /// The input's publication day, else the inferred one.
    pub published: Option<Day>,
    /// Set when `published` was inferred: its confidence.
    pub published_confidence: Option<f32>,
    pub statements: u64,
    /// The authors, as the input names them (empty when unknown).
    pub bylines: Vec<String>,
    /// The version of its page (1 unless the page was fetched again and changed).
    pub version: u32,
}

/// Filters for [`Store::articles`]: newest publication day first, undated last.
#[derive(Clone, Debug, Default)]
pub struct ArticleQuery {
    pub outlet: Option<String>,
    pub from: Option<Day>,
    pub to: Option<Day>,
    pub limit: usize,
    /// A cursor ([`Position::Newest`]) from a previous page of the same listing.
    pub after: Option<Cursor>,
}

impl ArticleQuery {
    /// The fingerprint of this listing's filters, as its cursors carry it (outlet folded).
    pub fn fingerprint(&self) -> u32 {
        fingerprint(
            "articles",
            &[
                opt(&self.outlet.as_deref().map(fold)),
                opt(&self.from),
                opt(&self.to),
            ],
        )
    }
}

/// A page of articles.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticlePage {
    pub articles: Vec<ArticleSummary>,
    pub next: Option<Cursor>,
}

/// An outlet with how much of the record it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutletRow {
    /// The name as stored (the alphabetically first spelling among those that fold alike).
    pub name: String,
    pub articles: u64,
    pub statements: u64,
}

impl Store {
    /// One page of statements matching `q`, in `q.order`.
    ///
    /// Errors with [`crate::Error::InvalidQuery`] when `q.after` is a cursor of another
    /// order or of another search ([`Cursor::check`]).
    pub fn search(&self, q: &SearchQuery) -> Result<SearchPage> {
        let query = q.fingerprint();
        if let Some(c) = &q.after {
            c.check(query)?;
        }
        let fts = q.words.as_deref().and_then(words_match);
        let order = q.order.effective(fts.is_some());
        let limit = q.limit.max(1);
        let (sql, args) = match (order, fts) {
            // words: the full-text index holds current versions only
            (SearchOrder::Rank, Some(fts)) => ranked_sql(q, fts, limit)?,
            (_, Some(fts)) => {
                let how = self.words_strategy(&fts)?;
                by_day_sql(q, order, limit, Some((fts, how)), false)?
            }
            (_, None) => by_day_sql(q, order, limit, None, self.has_versions()?)?,
        };
        let mut st = self.conn.prepare_cached(&sql)?;
        let hits = st
            .query_map(params_from_iter(args), |r| {
                Ok(SearchHit {
                    statement: statement_row(r)?,
                    rank: r.get(27)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(SearchPage::from_hits(hits, limit, order, query))
    }

    /// How many statements match `q` (ignoring its order, cursor, limit and offset; not
    /// capped by [`RANK_CANDIDATES`]).
    pub fn count_search(&self, q: &SearchQuery) -> Result<u64> {
        let fts = q.words.as_deref().and_then(words_match);
        let join = if q.outlet.is_some() {
            "JOIN articles a ON a.id = s.article"
        } else {
            ""
        };
        let (sql, args) = match fts {
            // words alone: the index counts its own matches, without reading statements
            // (it holds current versions only)
            Some(fts) if !has_filters(q) => {
                let (ids, args) = fts.rowids();
                (format!("SELECT count(*) FROM ({ids})"), args)
            }
            Some(_) => {
                let (clauses, args) = filters(q, true, false);
                (
                    format!(
                        "SELECT count(*) FROM statements s {join} WHERE {}",
                        clauses.join(" AND ")
                    ),
                    args,
                )
            }
            // No words, and superseded versions in the store: all matches less those in
            // superseded versions. The first count keeps the plan it has without versions,
            // the second is driven by the (few) superseded articles. (Asking for one article
            // by row counts that version, whatever it is.)
            None => {
                let (clauses, mut args) = filters(q, false, false);
                let filter = clauses.join(" AND ");
                let all = format!("SELECT count(*) FROM statements s {join} WHERE {filter}");
                if self.has_versions()? && q.article.is_none() {
                    args.extend(args.clone());
                    (
                        format!(
                            "SELECT ({all}) - (SELECT count(*) FROM articles v
                                 CROSS JOIN statements s ON s.article = v.id {join}
                                 WHERE v.superseded_by IS NOT NULL AND {filter})"
                        ),
                        args,
                    )
                } else {
                    (all, args)
                }
            }
        };
        let n: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params_from_iter(args), |r| r.get(0))?;
        Ok(n as u64)
    }

    /// How to apply a words filter when listing by day: from how common the words are.
    fn words_strategy(&self, fts: &WordsMatch) -> Result<WordsFilter> {
        let statements: i64 = self
            .conn
            .prepare_cached("SELECT coalesce(max(id), 0) FROM statements")?
            .query_row([], |r| r.get(0))?;
        let common = (statements / 4).max(1);
        let (ids, mut args) = fts.rowids();
        args.push(Value::Integer(common));
        let matches: i64 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM ({ids} LIMIT ?)"))?
            .query_row(params_from_iter(args), |r| r.get(0))?;
        Ok(if matches >= common {
            WordsFilter::Probe
        } else if matches <= statements / 50 {
            WordsFilter::Drive
        } else {
            WordsFilter::Set
        })
    }

    /// Settings for a long-running reader such as the web server: a larger page cache and
    /// memory-mapped reads (no effect on what queries return).
    pub fn tune_for_reading(&self) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -32_000)?; // 32 MB
        self.conn.pragma_update(None, "mmap_size", 1_i64 << 30)?; // up to 1 GB
        Ok(())
    }

    /// One speaker by row id, with spellings, statement count and first/last day (of
    /// current article versions).
    pub fn speaker(&self, id: i64) -> Result<Option<SpeakerRow>> {
        let versions = self.has_versions()?;
        let row = self
            .conn
            .prepare_cached(&format!(
                "SELECT p.id, p.key, p.name, p.kind, p.role, p.affiliation,
                        count(s.id), min(s.effective_day), max(s.effective_day)
                 FROM speakers p
                 LEFT JOIN statements s ON s.speaker = p.id AND {}
                 WHERE p.id = ?1
                 GROUP BY p.id",
                current_statement("s.article", versions)
            ))?
            .query_row([id], |r| {
                Ok(SpeakerRow {
                    id: r.get(0)?,
                    key: r.get(1)?,
                    name: r.get(2)?,
                    kind: kind_from_sql(&r.get::<_, String>(3)?),
                    role: r.get(4)?,
                    affiliation: r.get(5)?,
                    variants: Vec::new(),
                    statements: r.get::<_, i64>(6)? as u64,
                    first_day: day_from_sql(r.get(7)?),
                    last_day: day_from_sql(r.get(8)?),
                })
            })
            .optional()?;
        let Some(mut row) = row else {
            return Ok(None);
        };
        row.variants = self
            .conn
            .prepare_cached(
                "SELECT variant, count FROM speaker_variants WHERE speaker = ?1
                 ORDER BY count DESC, variant",
            )?
            .query_map([id], |r| {
                Ok(Variant {
                    text: r.get(0)?,
                    count: r.get::<_, i64>(1)? as u64,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Some(row))
    }

    /// Speakers whose name, as a whole, is `text` in a spelling the store knows: their
    /// identity key (aliases applied: `Turkey` names `Türkiye`), any spelling they were
    /// written with, folded (`KALIN` and `Kalın` name whoever was written `Kalin`), or, for
    /// one word, a person's surname (`kalin` names `İbrahim Kalın`). Most quoted first, at
    /// most `limit`, only speakers with statements on record.
    ///
    /// Unlike [`Store::speakers`] with a name (any whole words of any spelling, over every
    /// speaker's counts), this reads only indexes (the unique keys, the folded spellings,
    /// the surnames) and counts the few speakers found, so that a search page can ask it of
    /// every query it is given: words typed in the search box may be someone's name.
    pub fn speakers_named(&self, text: &str, limit: usize) -> Result<Vec<SpeakerRow>> {
        let key = identity_key(text);
        let folded = fold(text);
        if key.is_empty() && folded.is_empty() {
            return Ok(Vec::new());
        }
        // a surname is one word; anything else finds no surname (folded text has no tab)
        let surname = if key.contains(' ') {
            "\t"
        } else {
            key.as_str()
        };
        let ids = self
            .conn
            .prepare_cached(
                "SELECT id FROM speakers WHERE key = ?1
                 UNION SELECT id FROM speakers
                       WHERE surname = ?2 AND words > 1 AND kind = 'person'
                 UNION SELECT speaker FROM speaker_variants WHERE folded = ?3
                 LIMIT 50",
            )?
            .query_map(params_from_iter([&key, surname, &folded]), |r| {
                r.get::<_, i64>(0)
            })?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        let mut found = Vec::new();
        for id in ids {
            if let Some(row) = self.speaker(id)?.filter(|r| r.statements > 0) {
                found.push(row);
            }
        }
        found.sort_by(|a, b| b.statements.cmp(&a.statements).then(a.key.cmp(&b.key)));
        found.truncate(limit);
        Ok(found)
    }

    /// A speaker's statements counted by effective day or week, in day order (statements
    /// without any day, and those of superseded versions, are not counted). Empty for an
    /// unknown speaker.
    pub fn speaker_timeline(&self, id: i64, bucket: Bucket) -> Result<Vec<TimelinePoint>> {
        let key = match bucket {
            Bucket::Day => "effective_day",
            // the Monday on or before the day
            Bucket::Week => "date(effective_day, '-6 days', 'weekday 1')",
        };
        let sql = format!(
            "SELECT {key} AS d, count(*) FROM statements
             WHERE speaker = ?1 AND effective_day IS NOT NULL AND {current}
             GROUP BY d ORDER BY d",
            current = current_statement("article", self.has_versions()?),
        );
        let points = self
            .conn
            .prepare_cached(&sql)?
            .query_map([id], |r| {
                Ok((r.get::<_, Option<String>>(0)?, r.get::<_, i64>(1)?))
            })?
            .filter_map(|r| match r {
                Ok((d, n)) => day_from_sql(d).map(|day| {
                    Ok(TimelinePoint {
                        day,
                        statements: n as u64,
                    })
                }),
                Err(e) => Some(Err(e)),
            })
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(points)
    }

    /// One stored article by row id, with its text: any version, current or superseded.
    pub fn article(&self, row: i64) -> Result<Option<ArticleRow>> {
        let found = self
            .conn
            .prepare_cached(&format!(
                "SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?1"
            ))?
            .query_row([row], article_row)
            .optional()?;
        Ok(found)
    }

    /// Every version of the page with external id `external_id` ([`onrecord_core::Article::id`],
    /// a fetched page's URL), oldest first. Empty when there is none.
    pub fn article_versions(&self, external_id: &str) -> Result<Vec<ArticleVersion>> {
        let rows = self
            .conn
            .prepare_cached(
                "SELECT a.id, a.version, a.fingerprint, json_extract(a.page, '$.fetched'),
                        a.ingested_at, a.superseded_by,
                        (SELECT count(*) FROM statements s WHERE s.article = a.id)
                 FROM articles a WHERE a.external_id = ?1
                 ORDER BY a.version, a.id",
            )?
            .query_map([external_id], |r| {
                Ok(ArticleVersion {
                    row: r.get(0)?,
                    version: r.get(1)?,
                    fingerprint: r.get(2)?,
                    fetched: r.get(3)?,
                    ingested_at: r.get(4)?,
                    superseded_by: r.get(5)?,
                    statements: r.get::<_, i64>(6)? as u64,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Every version of the page that the article with row id `row` is a version of (see
    /// [`Store::article_versions`]). Empty for an unknown row.
    pub fn article_versions_of(&self, row: i64) -> Result<Vec<ArticleVersion>> {
        let id: Option<String> = self
            .conn
            .prepare_cached("SELECT external_id FROM articles WHERE id = ?1")?
            .query_row([row], |r| r.get(0))
            .optional()?;
        match id {
            Some(id) => self.article_versions(&id),
            None => Ok(Vec::new()),
        }
    }

    /// The row id of the stored article with this fingerprint.
    pub fn article_by_fingerprint(&self, fingerprint: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM articles WHERE fingerprint = ?1")?
            .query_row([fingerprint], |r| r.get(0))
            .optional()?)
    }

    /// The statements of the article with row id `row` (any version), in their order in the
    /// article.
    pub fn article_statements(&self, row: i64) -> Result<Vec<StatementRow>> {
        let sql = format!(
            "SELECT {STATEMENT_COLUMNS}
             FROM statements s
             JOIN articles a ON a.id = s.article
             LEFT JOIN speakers p ON p.id = s.speaker
             WHERE s.article = ?1
             ORDER BY s.position"
        );
        let rows = self
            .conn
            .prepare_cached(&sql)?
            .query_map([row], statement_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Articles (current versions), newest publication day first (undated last), one page
    /// at a time.
    pub fn articles(&self, q: &ArticleQuery) -> Result<ArticlePage> {
        let current = current_statement("a.id", self.has_versions()?);
        let mut clauses: Vec<&str> = vec![&current];
        let mut args: Vec<Value> = Vec::new();
        if let Some(outlet) = &q.outlet {
            clauses.push("a.outlet_folded = ?");
            args.push(Value::Text(fold(outlet)));
        }
        if let Some(from) = q.from {
            clauses.push("a.published >= ?");
            args.push(Value::Text(from.to_string()));
        }
        if let Some(to) = q.to {
            clauses.push("a.published <= ?");
            args.push(Value::Text(to.to_string()));
        }
        let query = q.fingerprint();
        if let Some(c) = &q.after {
            c.check(query)?;
            let Position::Newest { day, id } = &c.at else {
                return Err(bad_cursor());
            };
            clauses.push("(coalesce(a.published, ''), a.id) < (?, ?)");
            args.push(Value::Text(day_to_sql(*day).unwrap_or_default()));
            args.push(Value::Integer(*id));
        }
        let filter = clauses.join(" AND ");
        let limit = q.limit.max(1);
        let sql = format!(
            "SELECT a.id, a.external_id, a.title, a.outlet, a.url, a.published,
                    (SELECT count(*) FROM statements s WHERE s.article = a.id),
                    a.published_confidence, a.bylines, a.version
             FROM articles a
             WHERE {filter}
             ORDER BY coalesce(a.published, '') DESC, a.id DESC
             LIMIT ?"
        );
        args.push(Value::Integer(limit as i64 + 1));
        let mut articles = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params_from_iter(args), |r| {
                Ok(ArticleSummary {
                    row: r.get(0)?,
                    id: r.get(1)?,
                    title: r.get(2)?,
                    outlet: r.get(3)?,
                    url: r.get(4)?,
                    published: day_from_sql(r.get(5)?),
                    published_confidence: r.get::<_, Option<f64>>(7)?.map(|c| c as f32),
                    statements: r.get::<_, i64>(6)? as u64,
                    bylines: bylines_from_sql(r.get(8)?),
                    version: r.get(9)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let next = if articles.len() > limit {
            articles.truncate(limit);
            articles.last().map(|a| Cursor {
                at: Position::Newest {
                    day: a.published,
                    id: a.row,
                },
                query,
            })
        } else {
            None
        };
        Ok(ArticlePage { articles, next })
    }

    /// A mark that changes whenever articles or statements are added (the highest ids), for
    /// caching summaries such as [`Store::outlets`] between ingests.
    pub fn change_mark(&self) -> Result<(i64, i64)> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT (SELECT coalesce(max(id), 0) FROM articles),
                    (SELECT coalesce(max(id), 0) FROM statements)",
            )?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?)
    }

    /// Outlets, most statements first (current article versions).
    pub fn outlets(&self) -> Result<Vec<OutletRow>> {
        let rows = self
            .conn
            .prepare_cached(&format!(
                "SELECT min(a.outlet), count(*),
                        sum((SELECT count(*) FROM statements s WHERE s.article = a.id)) AS n
                 FROM articles a
                 WHERE a.outlet_folded IS NOT NULL AND a.outlet_folded != ''
                   AND {}
                 GROUP BY a.outlet_folded
                 ORDER BY n DESC, min(a.outlet)",
                current_statement("a.id", self.has_versions()?)
            ))?
            .query_map([], |r| {
                Ok(OutletRow {
                    name: r.get(0)?,
                    articles: r.get::<_, i64>(1)? as u64,
                    statements: r.get::<_, i64>(2)? as u64,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

fn bad_cursor() -> crate::Error {
    crate::Error::InvalidQuery(BadCursor.to_string())
}

/// Whether `q` has filters besides its words.
fn has_filters(q: &SearchQuery) -> bool {
    q.speaker.is_some()
        || q.speaker_id.is_some()
        || q.outlet.is_some()
        || q.from.is_some()
        || q.to.is_some()
        || q.article.is_some()
        || q.undated
}

/// Ranked search: bm25 over the most recently stored [`RANK_CANDIDATES`] matches (that pass
/// the filters), then one page of them joined with their article and speaker.
fn ranked_sql(q: &SearchQuery, fts: WordsMatch, limit: usize) -> Result<(String, Vec<Value>)> {
    let (table, query) = fts.primary();
    let mut args = vec![Value::Text(query.to_string())];
    let mut conditions = String::new();
    if let Some((clause, arg)) = fts.secondary() {
        conditions.push_str(" AND ");
        conditions.push_str(&clause);
        args.push(arg);
    }
    if has_filters(q) {
        // The filters first, as a set of ids (mostly from indexes alone), then each match
        // of the index checked against it: no statement row is read for a match that the
        // filters drop. (The `+` keeps SQLite from using the set to seek the FTS index.)
        let (clauses, fargs) = filters(q, false, false);
        args.extend(fargs);
        let join = if q.outlet.is_some() {
            "JOIN articles a ON a.id = s.article"
        } else {
            ""
        };
        conditions.push_str(&format!(
            " AND +rowid IN (SELECT s.id FROM statements s {join} WHERE {})",
            clauses.join(" AND ")
        ));
    }
    let candidates = format!(
        "SELECT rowid AS id, bm25({table}) AS score FROM {table}
         WHERE {table} MATCH ?{conditions}
         ORDER BY rowid DESC LIMIT {RANK_CANDIDATES}"
    );
    let after = match q.after.as_ref().map(|c| &c.at) {
        None => "1",
        Some(Position::Rank { score, id }) => {
            args.push(Value::Real(*score));
            args.push(Value::Integer(*id));
            "(score, id) > (?, ?)"
        }
        Some(_) => return Err(bad_cursor()),
    };
    args.push(Value::Integer(limit as i64 + 1));
    args.push(Value::Integer(q.offset as i64));
    let sql = format!(
        "SELECT {STATEMENT_COLUMNS}, f.score
         FROM (SELECT id, score FROM ({candidates}) WHERE {after}
               ORDER BY score, id LIMIT ? OFFSET ?) f
         JOIN statements s ON s.id = f.id
         JOIN articles a ON a.id = s.article
         LEFT JOIN speakers p ON p.id = s.speaker
         ORDER BY f.score, s.id"
    );
    Ok((sql, args))
}

/// How a words filter joins a listing by day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WordsFilter {
    /// Rare words: the index's matches drive the query (few rows to sort).
    Drive,
    /// The matches as a set, checked while walking the statements in day order.
    Set,
    /// Words in a quarter or more of the statements: walk in day order and ask the index
    /// about each statement; a page is found after a few dozen.
    Probe,
}

/// Search in day order (newest or oldest first), words (if any) as a filter. The inner
/// query finds the page's ids from indexes where it can; only those rows are then read.
fn by_day_sql(
    q: &SearchQuery,
    order: SearchOrder,
    limit: usize,
    words: Option<(WordsMatch, WordsFilter)>,
    current: bool,
) -> Result<(String, Vec<Value>)> {
    let (mut clauses, mut args) = filters(q, false, current);
    if let Some((fts, how)) = words {
        let (clause, wargs) = match how {
            WordsFilter::Drive => {
                let (ids, a) = fts.rowids();
                (format!("s.id IN ({ids})"), a)
            }
            WordsFilter::Set => {
                let (ids, a) = fts.rowids();
                (format!("+s.id IN ({ids})"), a)
            }
            WordsFilter::Probe => fts.probe("s.id"),
        };
        clauses.push(clause);
        args.extend(wargs);
    }
    let (key, dir) = match order {
        SearchOrder::Oldest => {
            if let Some(c) = &q.after {
                let Position::Oldest { day, id } = &c.at else {
                    return Err(bad_cursor());
                };
                clauses.push("(coalesce(s.effective_day, '~'), s.id) > (?, ?)".into());
                args.push(Value::Text(day_to_sql(*day).unwrap_or_else(|| "~".into())));
                args.push(Value::Integer(*id));
            }
            ("coalesce(s.effective_day, '~')", "")
        }
        _ => {
            if let Some(c) = &q.after {
                let Position::Newest { day, id } = &c.at else {
                    return Err(bad_cursor());
                };
                clauses.push("(coalesce(s.effective_day, ''), s.id) < (?, ?)".into());
                args.push(Value::Text(day_to_sql(*day).unwrap_or_default()));
                args.push(Value::Integer(*id));
            }
            ("coalesce(s.effective_day, '')", " DESC")
        }
    };
    let join = if q.outlet.is_some() {
        "JOIN articles a ON a.id = s.article"
    } else {
        ""
    };
    args.push(Value::Integer(limit as i64 + 1));
    args.push(Value::Integer(q.offset as i64));
    let sql = format!(
        "SELECT {STATEMENT_COLUMNS}, NULL
         FROM (SELECT s.id AS id, {key} AS k FROM statements s {join}
               WHERE {}
               ORDER BY {key}{dir}, s.id{dir} LIMIT ? OFFSET ?) f
         JOIN statements s ON s.id = f.id
         JOIN articles a ON a.id = s.article
         LEFT JOIN speakers p ON p.id = s.speaker
         ORDER BY f.k{dir}, f.id{dir}",
        clauses.join(" AND ")
    );
    Ok((sql, args))
}

/// The WHERE clauses (over `s` and `a`) and arguments for a search's filters; the words
/// filter only if `with_words` (ranked search joins the FTS table instead). With `current`,
/// statements of superseded versions are left out, except when asking for one article by
/// row id (any version can be read whole); a words filter needs no such clause, since the
/// full-text index holds current statements only.
fn filters(q: &SearchQuery, with_words: bool, current: bool) -> (Vec<String>, Vec<Value>) {
    let base = StatementQuery {
        speaker: q.speaker.clone(),
        words: if with_words { q.words.clone() } else { None },
        from: q.from,
        to: q.to,
        outlet: q.outlet.clone(),
        ..StatementQuery::default()
    };
    let (filter, mut args) = statement_filter(&base, current && q.article.is_none());
    let mut clauses = vec![filter];
    if let Some(id) = q.speaker_id {
        clauses.push("s.speaker = ?".into());
        args.push(Value::Integer(id));
    }
    if let Some(row) = q.article {
        clauses.push("s.article = ?".into());
        args.push(Value::Integer(row));
    }
    if q.undated {
        clauses.push("s.effective_day IS NULL".into());
    }
    (clauses, args)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{day, store, Doc};
    use crate::Versioned;

    fn fixture() -> (tempfile::TempDir, Store) {
        let (dir, mut store) = store();
        let docs = [
            Doc::new(
                "1",
                "İbrahim Kalın said the ceasefire talks would resume in Ankara.",
            )
            .published("2024-03-01")
            .outlet("Daily Planet")
            .person("İbrahim Kalın", &[])
            .says(Some(0), "the ceasefire talks would resume in Ankara", None),
            Doc::new(
                "2",
                "Kalin said a ceasefire was close. Ana Lopes said the ceasefire, the ceasefire, was a ceasefire in name only.",
            )
            .published("2024-03-05")
            .outlet("Le Monde")
            .person("Kalin", &[])
            .person("Ana Lopes", &[])
            .says(Some(0), "a ceasefire was close", Some("2024-03-04"))
            .says(
                Some(1),
                "the ceasefire, the ceasefire, was a ceasefire in name only",
                None,
            ),
            Doc::new("3", "Officials said the talks were over.")
                .outlet("daily planet")
                .says(None, "the talks were over", None),
            Doc::new("4", "Ana Lopes said nothing new on Sunday.")
                .published("2024-03-10")
                .person("Ana Lopes", &[])
                .says(Some(0), "nothing new", None),
        ];
        for d in docs {
            let (a, an) = d.build();
            store.insert(&a, &an).unwrap();
        }
        (dir, store)
    }

    fn named(store: &Store, name: &str) -> SpeakerRow {
        let all = store.speakers(&Default::default()).unwrap();
        all.into_iter().find(|s| s.name == name).unwrap()
    }

    fn q() -> SearchQuery {
        SearchQuery {
            limit: 10,
            ..SearchQuery::default()
        }
    }

    fn contents(page: &SearchPage) -> Vec<&str> {
        page.hits
            .iter()
            .map(|h| h.statement.content.as_str())
            .collect()
    }

    #[test]
    fn ranked_search_puts_the_best_match_first() {
        let (_d, store) = fixture();
        let page = store
            .search(&SearchQuery {
                words: Some("Ceasefire".into()),
                ..q()
            })
            .unwrap();
        assert_eq!(page.hits.len(), 3);
        assert_eq!(
            page.hits[0].statement.content,
            "the ceasefire, the ceasefire, was a ceasefire in name only"
        );
        assert!(page.hits.iter().all(|h| h.rank.is_some()));
        assert!(page.next.is_none());
        assert_eq!(
            store
                .count_search(&SearchQuery {
                    words: Some("ceasefire".into()),
                    ..q()
                })
                .unwrap(),
            3
        );
    }

    /// A first page that holds every match gives the total without a count; a page with a
    /// next page, or one read after a cursor, does not.
    #[test]
    fn a_whole_first_page_is_its_own_total() {
        let (_d, store) = fixture();
        for limit in [1, 2, 3, 10] {
            for order in [SearchOrder::Rank, SearchOrder::Newest, SearchOrder::Oldest] {
                let query = SearchQuery {
                    words: Some("ceasefire".into()),
                    order,
                    limit,
                    ..q()
                };
                let page = store.search(&query).unwrap();
                let total = store.count_search(&query).unwrap();
                match page.total_when_whole(&query) {
                    Some(n) => assert_eq!(n, total, "{limit} {order:?}"),
                    None => assert!(page.next.is_some(), "{limit} {order:?}"),
                }
                if let Some(next) = page.next.clone() {
                    let after = SearchQuery {
                        after: Some(next),
                        ..query.clone()
                    };
                    let rest = store.search(&after).unwrap();
                    assert_eq!(rest.total_when_whole(&after), None);
                }
            }
        }
    }

    /// Prefix terms match the words as written (the word-form index), ranked by it alone or
    /// with the whole words, and counted alike with and without filters.
    #[test]
    fn ranked_prefix_search_reads_words_as_written() {
        let (_d, store) = fixture();
        let search = |w: &str, speaker: Option<&str>| {
            let q = SearchQuery {
                words: Some(w.into()),
                speaker: speaker.map(String::from),
                ..q()
            };
            let page = store.search(&q).unwrap();
            assert_eq!(
                store.count_search(&q).unwrap() as usize,
                page.hits.len(),
                "{w}"
            );
            assert!(page.hits.iter().all(|h| h.rank.is_some()), "{w}");
            contents(&page)
                .into_iter()
                .map(String::from)
                .collect::<Vec<_>>()
        };
        // "ceasefire" is stemmed to "ceasefir": a longer prefix still finds it
        let all = search("ceasefire*", None);
        assert_eq!(all.len(), 3);
        assert_eq!(
            all[0], "the ceasefire, the ceasefire, was a ceasefire in name only",
            "best match first"
        );
        assert_eq!(search("ceasef*", Some("kalin")).len(), 2);
        assert_eq!(
            search("resum* ceasefire", None),
            ["the ceasefire talks would resume in Ankara"]
        );
        assert_eq!(
            search("talks ankar*", Some("ibrahim kalin")),
            ["the ceasefire talks would resume in Ankara"]
        );
        assert!(search("ceasefires*", None).is_empty());
    }

    #[test]
    fn search_folds_dotless_i_and_phrases() {
        let (_d, store) = fixture();
        let found = |store: &Store, w: &str| {
            store
                .count_search(&SearchQuery {
                    words: Some(w.into()),
                    ..q()
                })
                .unwrap()
        };
        assert_eq!(found(&store, "ankara"), 1);
        assert_eq!(found(&store, "\"talks would resume\""), 1);
        assert_eq!(found(&store, "\"resume would\""), 0);
        assert_eq!(found(&store, "talk*"), 2);
        // word forms match (Porter stemming): "talk" finds "talks"
        assert_eq!(found(&store, "talk"), 2);
        assert_eq!(found(&store, "\"talk would resumed\""), 1);
        assert_eq!(
            found(&store, "\"\" ..."),
            5,
            "nothing to search is no filter"
        );
    }

    #[test]
    fn cursor_pages_through_every_order_without_gaps_or_repeats() {
        let (_d, store) = fixture();
        for (words, order) in [
            (Some("the"), SearchOrder::Rank),
            (Some("ceasefire"), SearchOrder::Rank),
            (None, SearchOrder::Newest),
            (None, SearchOrder::Oldest),
            (Some("the"), SearchOrder::Oldest),
        ] {
            let base = SearchQuery {
                words: words.map(String::from),
                order,
                ..q()
            };
            let all = store.search(&base).unwrap();
            let mut paged = Vec::new();
            let mut after = None;
            loop {
                let page = store
                    .search(&SearchQuery {
                        limit: 1,
                        after: after.clone(),
                        ..base.clone()
                    })
                    .unwrap();
                paged.extend(page.hits.iter().map(|h| h.statement.id));
                // cursors survive their text form
                after = page.next.map(|c| c.to_string().parse::<Cursor>().unwrap());
                if after.is_none() {
                    break;
                }
            }
            let ids: Vec<i64> = all.hits.iter().map(|h| h.statement.id).collect();
            assert_eq!(paged, ids, "{words:?} {order:?}");
        }
    }

    #[test]
    fn every_words_strategy_lists_the_same_statements() {
        let (_d, store) = fixture();
        let run = |q: &SearchQuery, order, how| -> Vec<i64> {
            let fts = words_match(q.words.as_deref().unwrap()).unwrap();
            let (sql, args) = by_day_sql(q, order, 100, Some((fts, how)), true).unwrap();
            let mut st = store.conn.prepare(&sql).unwrap();
            st.query_map(params_from_iter(args), |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<Vec<i64>>>()
                .unwrap()
        };
        for words in [
            "the",
            "ceasefire",
            "talks",
            "nothing",
            "zzz",
            "ceasefir*",
            "the talk*",
            "zz*",
        ] {
            for order in [SearchOrder::Newest, SearchOrder::Oldest] {
                for speaker in [None, Some("lopes".to_string())] {
                    let q = SearchQuery {
                        words: Some(words.into()),
                        speaker,
                        ..q()
                    };
                    let drive = run(&q, order, WordsFilter::Drive);
                    assert_eq!(drive, run(&q, order, WordsFilter::Set), "{words}");
                    assert_eq!(drive, run(&q, order, WordsFilter::Probe), "{words}");
                    let listed: Vec<i64> = store
                        .search(&SearchQuery { order, ..q.clone() })
                        .unwrap()
                        .hits
                        .iter()
                        .map(|h| h.statement.id)
                        .collect();
                    assert_eq!(drive, listed);
                    assert_eq!(store.count_search(&q).unwrap() as usize, listed.len());
                }
            }
        }
    }

    #[test]
    fn undated_lists_the_statements_without_any_day() {
        let (_d, store) = fixture();
        for (words, order) in [
            (None, SearchOrder::Newest),
            (None, SearchOrder::Oldest),
            (Some("talks"), SearchOrder::Rank),
            (Some("talk*"), SearchOrder::Newest),
        ] {
            let q = SearchQuery {
                words: words.map(String::from),
                undated: true,
                order,
                ..q()
            };
            let page = store.search(&q).unwrap();
            assert_eq!(contents(&page), ["the talks were over"], "{words:?}");
            assert!(page.hits[0].statement.effective_day.is_none());
            assert_eq!(store.count_search(&q).unwrap(), 1);
        }
        // a statement without a day is in no day range
        let none = SearchQuery {
            undated: true,
            from: Some(day("2024-01-01")),
            ..q()
        };
        assert!(store.search(&none).unwrap().hits.is_empty());
        assert_eq!(store.count_search(&none).unwrap(), 0);
        let lopes = named(&store, "Ana Lopes");
        let q = SearchQuery {
            undated: true,
            speaker_id: Some(lopes.id),
            ..q()
        };
        assert_eq!(store.count_search(&q).unwrap(), 0, "her days are known");
    }

    #[test]
    fn speakers_named_by_any_known_spelling_key_or_surname() {
        let (_d, mut store) = fixture();
        let (a, an) = Doc::new("t", "Turkey said it was ready.")
            .published("2024-03-06")
            .body("Turkey", &[])
            .says(Some(0), "it was ready", None)
            .build();
        store.insert(&a, &an).unwrap();
        let named = |t: &str| {
            store
                .speakers_named(t, 3)
                .unwrap()
                .into_iter()
                .map(|s| (s.name, s.statements))
                .collect::<Vec<_>>()
        };
        let kalin = vec![("İbrahim Kalın".to_string(), 2)];
        for t in [
            "Kalın",
            "kalin",
            "KALIN",
            "İbrahim Kalın",
            "ibrahim kalin",
            " Kalin. ",
        ] {
            assert_eq!(named(t), kalin, "{t}");
        }
        assert_eq!(named("Lopes"), [("Ana Lopes".to_string(), 2)]);
        assert_eq!(named("Türkiye"), [("Turkey".to_string(), 1)], "by key");
        // whole names only: a first name, a part of a name or words are no one's name
        for t in ["Ana", "Ibrahim", "kal", "ceasefire", "talks", "...", ""] {
            assert!(named(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn day_orders_put_unknown_days_last() {
        let (_d, store) = fixture();
        let by = |order| {
            store
                .search(&SearchQuery { order, ..q() })
                .unwrap()
                .hits
                .into_iter()
                .map(|h| h.statement.effective_day.map(|d| d.to_string()))
                .collect::<Vec<_>>()
        };
        let newest = by(SearchOrder::Newest);
        assert_eq!(newest[0].as_deref(), Some("2024-03-10"));
        assert_eq!(newest.last().unwrap(), &None);
        let oldest = by(SearchOrder::Oldest);
        assert_eq!(oldest[0].as_deref(), Some("2024-03-01"));
        assert_eq!(oldest.last().unwrap(), &None);
        // rank without words is newest
        assert_eq!(by(SearchOrder::Rank), newest);
    }

    #[test]
    fn filters_combine_with_words() {
        let (_d, store) = fixture();
        let page = store
            .search(&SearchQuery {
                words: Some("ceasefire".into()),
                speaker: Some("kalin".into()),
                from: Some(day("2024-03-02")),
                ..q()
            })
            .unwrap();
        assert_eq!(contents(&page), ["a ceasefire was close"]);
        let lopes = named(&store, "Ana Lopes");
        let page = store
            .search(&SearchQuery {
                speaker_id: Some(lopes.id),
                order: SearchOrder::Oldest,
                ..q()
            })
            .unwrap();
        assert_eq!(page.hits.len(), 2);
        let page = store
            .search(&SearchQuery {
                outlet: Some("DAILY planet".into()),
                ..q()
            })
            .unwrap();
        assert_eq!(page.hits.len(), 2);
        let article = page.hits[0].statement.article.row;
        let page = store
            .search(&SearchQuery {
                article: Some(article),
                ..q()
            })
            .unwrap();
        assert_eq!(page.hits.len(), 1);
    }

    #[test]
    fn a_cursor_of_another_order_or_garbage_is_refused() {
        let (_d, store) = fixture();
        let ceasefire = SearchQuery {
            words: Some("ceasefire".into()),
            ..q()
        };
        let err = store
            .search(&SearchQuery {
                after: Some(Cursor {
                    at: Position::Newest { day: None, id: 1 },
                    query: ceasefire.fingerprint(),
                }),
                ..ceasefire.clone()
            })
            .unwrap_err();
        assert!(matches!(err, crate::Error::InvalidQuery(_)), "{err:?}");
        for bad in [
            "",
            "x",
            "r.zz.1.00000000",
            "n.2024-13-01.1.00000000",
            "n..x.00000000",
            "k.-1.00000000",
            "r.7ff0.1.00000000",
            // without the query, or with a short one
            "n..3",
            "k.40",
            "n..3.abc",
            "n..3.0000000g",
        ] {
            assert!(bad.parse::<Cursor>().is_err(), "{bad}");
        }
        for at in [
            Position::Rank { score: -1.5, id: 3 },
            Position::Newest { day: None, id: 3 },
            Position::Oldest {
                day: Some(day("2024-03-04")),
                id: 9,
            },
            Position::Offset(40),
        ] {
            let good = Cursor {
                at,
                query: 0x0a1b_2c3d,
            };
            assert_eq!(good.to_string().parse::<Cursor>().unwrap(), good);
        }
    }

    /// A cursor continues only the listing it was made for: with other words or filters it
    /// is refused, not read as a position in another listing.
    #[test]
    fn a_cursor_of_another_query_is_refused() {
        let (_d, store) = fixture();
        let base = SearchQuery {
            words: Some("ceasefire".into()),
            limit: 1,
            ..q()
        };
        let next = store.search(&base).unwrap().next.unwrap();
        // the same search, written otherwise, or with another page size: fine
        for same in [
            SearchQuery {
                words: Some("  CEASEFIRE ".into()),
                ..base.clone()
            },
            SearchQuery {
                limit: 5,
                ..base.clone()
            },
        ] {
            let q = SearchQuery {
                after: Some(next.clone()),
                ..same
            };
            assert!(store.search(&q).is_ok());
        }
        for other in [
            SearchQuery {
                words: Some("talks".into()),
                ..base.clone()
            },
            SearchQuery {
                words: Some("ceasefire*".into()),
                ..base.clone()
            },
            SearchQuery {
                speaker: Some("kalin".into()),
                ..base.clone()
            },
            SearchQuery {
                outlet: Some("Le Monde".into()),
                ..base.clone()
            },
            SearchQuery {
                from: Some(day("2024-03-02")),
                ..base.clone()
            },
            SearchQuery {
                undated: true,
                ..base.clone()
            },
            SearchQuery {
                speaker_id: Some(1),
                ..base.clone()
            },
        ] {
            let q = SearchQuery {
                after: Some(next.clone()),
                ..other
            };
            let err = store.search(&q).unwrap_err();
            assert!(err.to_string().contains("another query"), "{q:?}: {err}");
        }
        // articles too
        let listed = store
            .articles(&ArticleQuery {
                limit: 1,
                ..Default::default()
            })
            .unwrap();
        let err = store
            .articles(&ArticleQuery {
                limit: 1,
                outlet: Some("le monde".into()),
                after: listed.next,
                ..Default::default()
            })
            .unwrap_err();
        assert!(err.to_string().contains("another query"), "{err}");
        assert_ne!(
            SearchQuery::default().fingerprint(),
            ArticleQuery::default().fingerprint(),
            "listings of different kinds never share a cursor"
        );
    }

    #[test]
    fn speaker_detail_and_timeline_by_day_and_week() {
        let (_d, store) = fixture();
        let kalin = &named(&store, "İbrahim Kalın");
        let one = store.speaker(kalin.id).unwrap().unwrap();
        assert_eq!(&one, kalin);
        assert!(store.speaker(9999).unwrap().is_none());
        let days = store.speaker_timeline(kalin.id, Bucket::Day).unwrap();
        assert_eq!(
            days,
            [
                TimelinePoint {
                    day: day("2024-03-01"),
                    statements: 1
                },
                TimelinePoint {
                    day: day("2024-03-04"),
                    statements: 1
                }
            ]
        );
        // 2024-03-01 is a Friday (week of Monday 02-26); 2024-03-04 a Monday
        let weeks = store.speaker_timeline(kalin.id, Bucket::Week).unwrap();
        let mondays: Vec<String> = weeks.iter().map(|p| p.day.to_string()).collect();
        assert_eq!(mondays, ["2024-02-26", "2024-03-04"]);
        let lopes = &named(&store, "Ana Lopes");
        // 2024-03-05 (Tue) and 2024-03-10 (Sun) share the week of 03-04
        let weeks = store.speaker_timeline(lopes.id, Bucket::Week).unwrap();
        assert_eq!(
            weeks,
            [TimelinePoint {
                day: day("2024-03-04"),
                statements: 2
            }]
        );
    }

    #[test]
    fn article_detail_listing_and_outlets() {
        let (_d, store) = fixture();
        let page = store
            .articles(&ArticleQuery {
                limit: 2,
                ..Default::default()
            })
            .unwrap();
        let ids: Vec<&str> = page.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["4", "2"]);
        assert!(page
            .articles
            .iter()
            .all(|a| a.bylines.is_empty() && a.version == 1));
        let rest = store
            .articles(&ArticleQuery {
                limit: 2,
                after: page.next.clone(),
                ..Default::default()
            })
            .unwrap();
        let ids: Vec<&str> = rest.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["1", "3"], "undated last");
        assert!(rest.next.is_none());
        let row = page.articles[1].row;
        let a = store.article(row).unwrap().unwrap();
        assert_eq!(a.article.id, "2");
        assert_eq!(a.statements, 2);
        assert_eq!(
            store.article_by_fingerprint(&a.fingerprint).unwrap(),
            Some(row)
        );
        let st = store.article_statements(row).unwrap();
        assert_eq!(st.len(), 2);
        assert_eq!(st[0].position, 0);
        assert!(store.article(9999).unwrap().is_none());
        let mark = store.change_mark().unwrap();
        assert_eq!(mark.0, 4);
        let outlets = store.outlets().unwrap();
        assert_eq!(
            outlets,
            [
                OutletRow {
                    name: "Daily Planet".into(),
                    articles: 2,
                    statements: 2
                },
                OutletRow {
                    name: "Le Monde".into(),
                    articles: 1,
                    statements: 2
                },
            ]
        );
        let planet = store
            .articles(&ArticleQuery {
                outlet: Some("daily planet".into()),
                limit: 10,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(planet.articles.len(), 2);
    }

    #[test]
    fn listings_carry_the_bylines() {
        let (_d, mut store) = store();
        let (mut a, an) = Doc::new("by", "Ana Brel said yes.").build();
        a.bylines = vec!["Mira Holt".into(), "Ivo Lind".into()];
        store.insert(&a, &an).unwrap();
        let listed = store
            .articles(&ArticleQuery {
                limit: 10,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(listed.articles[0].bylines, ["Mira Holt", "Ivo Lind"]);
    }

    /// A page fetched three times, its text changed twice: the record shows the newest
    /// wording only, and every version stays readable by row.
    #[test]
    fn only_current_versions_are_on_record() {
        let (_d, mut store) = fixture();
        let url = "https://harbour.example/news/ferries";
        let version = |text: &str, content: &str| {
            Doc::new(url, text)
                .published("2024-03-12")
                .outlet("Harbour Gazette")
                .person("Ana Brel", &[])
                .says(Some(0), content, None)
                .build()
        };
        let texts = [
            (
                "Ana Brel said the harbour stays open.",
                "the harbour stays open",
            ),
            (
                "Ana Brel said the harbour stays open until May.",
                "the harbour stays open until May",
            ),
            (
                "Ana Brel said the harbour closes in June.",
                "the harbour closes in June",
            ),
        ];
        let mut rows = Vec::new();
        for (i, (text, content)) in texts.iter().enumerate() {
            let (a, an) = version(text, content);
            let v = store.insert_version(&a, &an).unwrap();
            match (i, v) {
                (0, Versioned::New { statements: 1, .. }) => {}
                (
                    _,
                    Versioned::Changed {
                        version, previous, ..
                    },
                ) => {
                    assert_eq!(version as usize, i + 1);
                    assert_eq!(previous, *rows.last().unwrap());
                }
                other => panic!("{other:?}"),
            }
            rows.push(v.row());
            // the same text again adds nothing
            assert_eq!(
                store.insert_version(&a, &an).unwrap(),
                Versioned::Unchanged {
                    row: v.row(),
                    version: i as u32 + 1
                }
            );
        }
        let found = |store: &Store, w: &str| {
            let q = SearchQuery {
                words: Some(w.into()),
                ..q()
            };
            let hits = contents(&store.search(&q).unwrap())
                .into_iter()
                .map(String::from)
                .collect::<Vec<_>>();
            let newest = SearchQuery {
                order: SearchOrder::Newest,
                ..q.clone()
            };
            assert_eq!(store.search(&newest).unwrap().hits.len(), hits.len(), "{w}");
            let filtered = SearchQuery {
                speaker: Some("brel".into()),
                ..q.clone()
            };
            assert_eq!(
                store.search(&filtered).unwrap().hits.len(),
                hits.len(),
                "{w}"
            );
            assert_eq!(store.count_search(&q).unwrap() as usize, hits.len(), "{w}");
            assert_eq!(
                store.count_search(&filtered).unwrap() as usize,
                hits.len(),
                "{w}"
            );
            let outlet = SearchQuery {
                outlet: Some("harbour gazette".into()),
                from: Some(day("2024-01-01")),
                ..q.clone()
            };
            assert_eq!(
                store.count_search(&outlet).unwrap() as usize,
                hits.len(),
                "{w}"
            );
            assert_eq!(store.search(&outlet).unwrap().hits.len(), hits.len(), "{w}");
            let no_words = SearchQuery {
                words: None,
                ..outlet.clone()
            };
            assert_eq!(
                store.count_search(&no_words).unwrap() as usize,
                store.search(&no_words).unwrap().hits.len()
            );
            hits
        };
        assert_eq!(found(&store, "harbour"), ["the harbour closes in June"]);
        assert_eq!(found(&store, "harb*"), ["the harbour closes in June"]);
        assert_eq!(found(&store, "jun*"), ["the harbour closes in June"]);
        assert!(found(&store, "open").is_empty());
        assert!(found(&store, "ope*").is_empty());
        assert!(found(&store, "May").is_empty());
        let by_words = crate::StatementQuery {
            words: Some("harbour".into()),
            ..Default::default()
        };
        assert_eq!(store.statements(&by_words).unwrap().len(), 1);
        assert_eq!(store.count_statements(&by_words).unwrap(), 1);
        let by_id = crate::StatementQuery {
            article: Some(url.into()),
            ..Default::default()
        };
        assert_eq!(
            store.statements(&by_id).unwrap()[0].content,
            "the harbour closes in June"
        );

        // speakers, timelines, counts, listings, outlets: one page, one statement
        let brel = named(&store, "Ana Brel");
        assert_eq!(brel.statements, 1);
        assert_eq!(store.speaker(brel.id).unwrap().unwrap().statements, 1);
        assert_eq!(
            store.speaker_timeline(brel.id, Bucket::Day).unwrap(),
            [TimelinePoint {
                day: day("2024-03-12"),
                statements: 1
            }]
        );
        let c = store.counts().unwrap();
        assert_eq!(
            (c.articles, c.statements),
            (5, 6),
            "4 fixture articles + 1 page"
        );
        let listed = store
            .articles(&ArticleQuery {
                limit: 10,
                ..Default::default()
            })
            .unwrap();
        let pages: Vec<i64> = listed
            .articles
            .iter()
            .filter(|a| a.id == url)
            .map(|a| a.row)
            .collect();
        assert_eq!(pages, [rows[2]]);
        let page = listed.articles.iter().find(|a| a.id == url).unwrap();
        assert_eq!(page.version, 3, "the listing says which version is current");
        let gazette = store.outlets().unwrap();
        let gazette = gazette
            .iter()
            .find(|o| o.name == "Harbour Gazette")
            .unwrap();
        assert_eq!((gazette.articles, gazette.statements), (1, 1));

        // every version stays readable by row, with its own statements
        let versions = store.article_versions(url).unwrap();
        let summary: Vec<_> = versions
            .iter()
            .map(|v| (v.row, v.version, v.superseded_by, v.statements))
            .collect();
        assert_eq!(
            summary,
            [
                (rows[0], 1, Some(rows[1]), 1),
                (rows[1], 2, Some(rows[2]), 1),
                (rows[2], 3, None, 1),
            ]
        );
        assert_eq!(store.article_versions_of(rows[0]).unwrap(), versions);
        let first = store.article(rows[0]).unwrap().unwrap();
        assert_eq!((first.version, first.superseded_by), (1, Some(rows[1])));
        assert_eq!(
            store.article_statements(rows[0]).unwrap()[0].content,
            "the harbour stays open"
        );
        let in_first = SearchQuery {
            article: Some(rows[0]),
            ..q()
        };
        assert_eq!(
            contents(&store.search(&in_first).unwrap()),
            ["the harbour stays open"]
        );

        // the page going back to its first text makes that version current again
        let (a, an) = version(texts[0].0, texts[0].1);
        assert_eq!(
            store.insert_version(&a, &an).unwrap(),
            Versioned::Restored {
                row: rows[0],
                version: 1,
                previous: rows[2]
            }
        );
        assert_eq!(found(&store, "harbour"), ["the harbour stays open"]);
        assert_eq!(found(&store, "ope*"), ["the harbour stays open"]);
        assert!(found(&store, "jun*").is_empty());
        assert_eq!(store.counts().unwrap(), c);

        // the full-text index holds exactly the current statements, through every change
        // (and so does the word-form index)
        let check = |store: &Store| {
            for table in ["statements_fts", "statements_words"] {
                store
                    .conn
                    .execute(
                        &format!(
                            "INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)"
                        ),
                        [],
                    )
                    .unwrap();
                let indexed: i64 = store
                    .conn
                    .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                    .unwrap();
                assert_eq!(
                    indexed as u64,
                    store.counts().unwrap().statements,
                    "{table}"
                );
            }
        };
        check(&store);
        // deleting a superseded version by hand (the cascade takes its statements)
        store
            .conn
            .execute("DELETE FROM articles WHERE id = ?1", [rows[1]])
            .unwrap();
        check(&store);
        // and the version the restored first one superseded
        store
            .conn
            .execute("DELETE FROM articles WHERE id = ?1", [rows[2]])
            .unwrap();
        check(&store);
        assert_eq!(found(&store, "harbour"), ["the harbour stays open"]);
        // a rebuild of the index gives the same
        store
            .conn
            .execute(
                "INSERT INTO statements_fts (statements_fts) VALUES ('rebuild')",
                [],
            )
            .unwrap();
        check(&store);
    }

    #[test]
    fn a_speaker_heard_only_in_superseded_versions_is_not_listed() {
        let (_d, mut store) = store();
        let url = "https://harbour.example/news/quay";
        let (a, an) = Doc::new(url, "Olek Varn said the quay is safe.")
            .person("Olek Varn", &[])
            .says(Some(0), "the quay is safe", None)
            .build();
        store.insert_version(&a, &an).unwrap();
        let (a, an) = Doc::new(url, "Mira Tosk said the quay is safe.")
            .person("Mira Tosk", &[])
            .says(Some(0), "the quay is safe", None)
            .build();
        store.insert_version(&a, &an).unwrap();
        let names: Vec<String> = store
            .speakers(&Default::default())
            .unwrap()
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(names, ["Mira Tosk"]);
        assert_eq!(store.counts().unwrap().speakers, 1);
    }

    #[test]
    fn the_index_follows_inserts_merges_and_deletes() {
        let (_d, mut store) = fixture();
        let n = |store: &Store, w: &str| {
            store
                .count_search(&SearchQuery {
                    words: Some(w.into()),
                    ..q()
                })
                .unwrap()
        };
        // a full name arriving merges the surname-only speaker: statements keep their text
        let (a, an) = Doc::new("5", "Rui Costa said the armistice holds.")
            .person("Costa", &[])
            .says(Some(0), "the armistice holds", None)
            .build();
        store.insert(&a, &an).unwrap();
        let (a, an) = Doc::new("6", "Rui Costa said the armistice is fragile.")
            .person("Rui Costa", &[])
            .says(Some(0), "the armistice is fragile", None)
            .build();
        store.insert(&a, &an).unwrap();
        assert_eq!(n(&store, "armistice"), 2);
        let page = store
            .search(&SearchQuery {
                words: Some("armistice".into()),
                speaker: Some("rui costa".into()),
                ..q()
            })
            .unwrap();
        assert_eq!(page.hits.len(), 2, "merged speaker found by words");
        store
            .conn
            .execute("DELETE FROM articles WHERE external_id = '6'", [])
            .unwrap();
        assert_eq!(n(&store, "armistice"), 1);
        store
            .conn
            .execute(
                "UPDATE statements SET content_folded = 'truce' WHERE content = 'the armistice holds'",
                [],
            )
            .unwrap();
        assert_eq!(n(&store, "armistice"), 0);
        assert_eq!(n(&store, "truce"), 1);
        let check: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH 'truce'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(check, 1);
        store
            .conn
            .execute(
                "INSERT INTO statements_fts (statements_fts, rank) VALUES ('integrity-check', 1)",
                [],
            )
            .unwrap();
    }
}
