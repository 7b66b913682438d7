//! The queries of `onrecord serve` on PostgreSQL ([`onrecord_store::ReadStore`]), with the
//! SQLite store's semantics: the same filters, the same word folding and prefix rules (the
//! one words vector, see `words.rs`), the same orders and the same
//! cursors (bound to their query by its fingerprint, so one reused with another query is
//! refused).
//!
//! Ranked search differs in its score only: `ts_rank` over the vector the words are matched
//! on, divided by one plus the log of the statement's length (normalization 1: like bm25, a
//! word counts for more in a short statement), negated so that lower is better as with
//! SQLite's bm25, among the
//! [`RANK_CANDIDATES`] most recently stored matches, then by statement id. The two backends
//! find the same statements; best-first order is each one's own measure.
//!
//! Page versions are read as on SQLite (`PgStore::article_versions`). Figures and events
//! are the queries of `figures.rs` and `events.rs`.

use std::cell::RefCell;

use onrecord_core::{fold, identity_key};
use onrecord_store::{
    search_terms, ArticlePage, ArticleQuery, ArticleRow, ArticleSummary, ArticleVersion, Bucket,
    Counts, Cursor, EventCount, EventQuery, EventRow, FigureQuery, FigureRow, OutletRow, Position,
    ReadStore, SearchHit, SearchOrder, SearchPage, SearchQuery, SpeakerQuery, SpeakerRow,
    StatementRow, TimelinePoint, Variant, RANK_CANDIDATES,
};

use crate::read::{speaker_match, words_match, Args};
use crate::rows::{article_row, bylines, statement_row, ARTICLE_COLUMNS, STATEMENT_COLUMNS};
use crate::words::rank_query;
use crate::{day_from_sql, PgStore, Result};

/// A cursor that does not belong to the order it is used with.
fn bad_cursor() -> crate::Error {
    onrecord_store::Error::InvalidQuery(onrecord_store::BadCursor.to_string()).into()
}

/// The rank expression of a words search and its score's sense (see the module docs):
/// over the whole words and phrases when there are any (on the stems vector), else over
/// the prefixes (on the words vector, whose extra stem lexemes must not count in the
/// statement's length: normalization 1 is applied here, by the number of words), as SQLite
/// ranks on its primary index.
fn rank_expr(words: &str, args: &mut Args) -> Option<String> {
    let terms = search_terms(words);
    let whole: Vec<(String, bool)> = terms
        .iter()
        .filter(|t| !t.prefix)
        .map(|t| (t.folded.clone(), false))
        .collect();
    if !whole.is_empty() {
        let q = args.push(rank_query(&whole)?);
        return Some(format!(
            "-(ts_rank(s.stems, {q}::text::tsquery, 1))::float8"
        ));
    }
    let prefixes: Vec<(String, bool)> = terms.iter().map(|t| (t.folded.clone(), true)).collect();
    let q = args.push(rank_query(&prefixes)?);
    Some(format!(
        "-((ts_rank(s.words, {q}::text::tsquery, 0)::float8
            / (ln(length(s.content_folded) - length(replace(s.content_folded, ' ', '')) + 2)
               / ln(2)))::float4)::float8"
    ))
}

/// The conditions of a search over `statements s` and `articles a`. Current versions only,
/// except when asking for one article by row (any version can be read whole); words match
/// current versions only, as SQLite's full-text index holds only those.
fn search_filter(q: &SearchQuery, words: bool, args: &mut Args) -> String {
    let mut clauses = Vec::new();
    if words || q.article.is_none() {
        clauses.push("a.superseded_by IS NULL".to_string());
    }
    if let Some(speaker) = &q.speaker {
        clauses.push(speaker_match("s.speaker", speaker, args));
    }
    if words {
        if let Some(w) = &q.words {
            clauses.extend(words_match(w, args));
        }
    }
    if let Some(id) = q.speaker_id {
        clauses.push(format!("s.speaker = {}", args.push(id)));
    }
    if let Some(outlet) = &q.outlet {
        clauses.push(format!("a.outlet_folded = {}", args.push(fold(outlet))));
    }
    if let Some(from) = q.from {
        let d = args.push(from.to_string());
        clauses.push(format!("s.effective_day >= {d}::text::date"));
    }
    if let Some(to) = q.to {
        let d = args.push(to.to_string());
        clauses.push(format!("s.effective_day <= {d}::text::date"));
    }
    if let Some(row) = q.article {
        clauses.push(format!("s.article = {}", args.push(row)));
    }
    if q.undated {
        clauses.push("s.effective_day IS NULL".into());
    }
    if clauses.is_empty() {
        "true".into()
    } else {
        clauses.join(" AND ")
    }
}

/// Whether `words` hold any term (words that fold to nothing are no words filter).
fn has_words(q: &SearchQuery) -> bool {
    q.words
        .as_deref()
        .is_some_and(|w| !search_terms(w).is_empty())
}

/// A day for a keyset comparison: unknown days sort after every day in oldest-first order
/// and before every day in newest-first order (so last in both), as in SQLite.
fn day_key(column: &str, infinity: &str) -> String {
    format!("coalesce({column}, '{infinity}'::date)")
}

impl PgStore {
    /// One page of statements matching `q`, in `q.order`; as `Store::search`.
    pub fn search(&mut self, q: &SearchQuery) -> Result<SearchPage> {
        let query = q.fingerprint();
        if let Some(c) = &q.after {
            c.check(query)?;
        }
        let words = has_words(q);
        let order = q.order.effective(words);
        let limit = q.limit.max(1);
        let mut args = Args::default();
        let filter = search_filter(q, words, &mut args);
        let sql = if order == SearchOrder::Rank {
            let rank = rank_expr(q.words.as_deref().unwrap_or_default(), &mut args)
                .expect("words were found");
            let after = match q.after.as_ref().map(|c| &c.at) {
                None => "true".to_string(),
                Some(Position::Rank { score, id }) => {
                    let sc = args.push(*score);
                    let i = args.push(*id);
                    format!("(score, id) > ({sc}, {i})")
                }
                Some(_) => return Err(bad_cursor()),
            };
            let l = args.push(limit as i64 + 1);
            let o = args.push(q.offset as i64);
            format!(
                "SELECT {STATEMENT_COLUMNS}, f.score
                 FROM (SELECT id, score
                       FROM (SELECT s.id, {rank} AS score
                             FROM statements s JOIN articles a ON a.id = s.article
                             WHERE {filter}
                             ORDER BY s.id DESC LIMIT {RANK_CANDIDATES}) c
                       WHERE {after}
                       ORDER BY score, id LIMIT {l} OFFSET {o}) f
                 JOIN statements s ON s.id = f.id
                 JOIN articles a ON a.id = s.article
                 LEFT JOIN speakers p ON p.id = s.speaker
                 ORDER BY f.score, s.id"
            )
        } else {
            let (key, dir, cmp, infinity) = match order {
                SearchOrder::Oldest => {
                    (day_key("s.effective_day", "infinity"), "", ">", "infinity")
                }
                _ => (
                    day_key("s.effective_day", "-infinity"),
                    " DESC",
                    "<",
                    "-infinity",
                ),
            };
            let mut clauses = vec![filter];
            if let Some(c) = &q.after {
                let ((Position::Oldest { day, id }, SearchOrder::Oldest)
                | (Position::Newest { day, id }, SearchOrder::Newest)) = (&c.at, order)
                else {
                    return Err(bad_cursor());
                };
                let d = args.push(day.map(|d| d.to_string()));
                let i = args.push(*id);
                clauses.push(format!(
                    "({key}, s.id) {cmp} ({}, {i})",
                    day_key(&format!("{d}::text::date"), infinity)
                ));
            }
            let l = args.push(limit as i64 + 1);
            let o = args.push(q.offset as i64);
            format!(
                "SELECT {STATEMENT_COLUMNS}, NULL::float8
                 FROM statements s
                 JOIN articles a ON a.id = s.article
                 LEFT JOIN speakers p ON p.id = s.speaker
                 WHERE {}
                 ORDER BY {key}{dir}, s.id{dir} LIMIT {l} OFFSET {o}",
                clauses.join(" AND ")
            )
        };
        let rows = self.client.query(&sql, &args.refs())?;
        let hits: Vec<SearchHit> = rows
            .iter()
            .map(|r| SearchHit {
                statement: statement_row(r),
                rank: r.get(27),
            })
            .collect();
        Ok(SearchPage::from_hits(hits, limit, order, query))
    }

    /// How many statements match `q`, ignoring its order, cursor, limit and offset.
    pub fn count_search(&mut self, q: &SearchQuery) -> Result<u64> {
        let mut args = Args::default();
        let filter = search_filter(q, has_words(q), &mut args);
        let n: i64 = self
            .client
            .query_one(
                &format!(
                    "SELECT count(*) FROM statements s JOIN articles a ON a.id = s.article
                     WHERE {filter}"
                ),
                &args.refs(),
            )?
            .get(0);
        Ok(n as u64)
    }

    /// One speaker by row id, with spellings (most used first), statement count and
    /// first/last day of current article versions.
    pub fn speaker(&mut self, id: i64) -> Result<Option<SpeakerRow>> {
        let Some(r) = self.client.query_opt(
            "SELECT p.id, p.key, p.name, p.kind, p.role, p.affiliation,
                    count(s.id), min(s.effective_day)::text, max(s.effective_day)::text
             FROM speakers p
             LEFT JOIN (statements s JOIN articles a
                        ON a.id = s.article AND a.superseded_by IS NULL)
                    ON s.speaker = p.id
             WHERE p.id = $1
             GROUP BY p.id",
            &[&id],
        )?
        else {
            return Ok(None);
        };
        let variants = self
            .client
            .query(
                "SELECT variant, count FROM speaker_variants WHERE speaker = $1
                 ORDER BY count DESC, variant COLLATE \"C\"",
                &[&id],
            )?
            .iter()
            .map(|v| Variant {
                text: v.get(0),
                count: v.get::<_, i64>(1) as u64,
            })
            .collect();
        Ok(Some(SpeakerRow {
            id: r.get(0),
            key: r.get(1),
            name: r.get(2),
            kind: onrecord_store::records::speaker_kind_from_name(r.get(3)),
            role: r.get(4),
            affiliation: r.get(5),
            variants,
            statements: r.get::<_, i64>(6) as u64,
            first_day: day_from_sql(r.get(7)),
            last_day: day_from_sql(r.get(8)),
        }))
    }

    /// Speakers whose whole name is `text` in a spelling the store knows (identity key,
    /// a folded spelling, or a person's surname); as `Store::speakers_named`.
    pub fn speakers_named(&mut self, text: &str, limit: usize) -> Result<Vec<SpeakerRow>> {
        let key = identity_key(text);
        let folded = fold(text);
        if key.is_empty() && folded.is_empty() {
            return Ok(Vec::new());
        }
        let surname = if key.contains(' ') { "\t" } else { &key };
        let ids: Vec<i64> = self
            .client
            .query(
                "SELECT id FROM speakers WHERE key = $1
                 UNION SELECT id FROM speakers
                       WHERE surname = $2 AND words > 1 AND kind = 'person'
                 UNION SELECT speaker FROM speaker_variants WHERE folded = $3
                 LIMIT 50",
                &[&key, &surname, &folded],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect();
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

    /// A speaker's statements of current versions counted by effective day or ISO week
    /// (keyed by its Monday), in day order; undated statements are not counted.
    pub fn speaker_timeline(&mut self, id: i64, bucket: Bucket) -> Result<Vec<TimelinePoint>> {
        let key = match bucket {
            Bucket::Day => "s.effective_day",
            Bucket::Week => "date_trunc('week', s.effective_day)::date",
        };
        let rows = self.client.query(
            &format!(
                "SELECT d::text, n
                 FROM (SELECT {key} AS d, count(*) AS n FROM statements s
                       JOIN articles a ON a.id = s.article AND a.superseded_by IS NULL
                       WHERE s.speaker = $1 AND s.effective_day IS NOT NULL
                       GROUP BY d) t
                 ORDER BY d"
            ),
            &[&id],
        )?;
        Ok(rows
            .iter()
            .filter_map(|r| {
                day_from_sql(r.get(0)).map(|day| TimelinePoint {
                    day,
                    statements: r.get::<_, i64>(1) as u64,
                })
            })
            .collect())
    }

    /// One stored article by row id, with its text.
    pub fn article(&mut self, row: i64) -> Result<Option<ArticleRow>> {
        Ok(self
            .client
            .query_opt(
                &format!("SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id = $1"),
                &[&row],
            )?
            .map(|r| article_row(&r)))
    }

    /// Every version of the page with external id `external_id` (a fetched page's URL),
    /// oldest first, as `onrecord_store::Store::article_versions` gives them.
    pub fn article_versions(&mut self, external_id: &str) -> Result<Vec<ArticleVersion>> {
        let rows = self.client.query(
            "SELECT a.id, a.version, a.fingerprint, a.page->>'fetched',
                    to_char(a.ingested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),
                    a.superseded_by,
                    (SELECT count(*) FROM statements s WHERE s.article = a.id)
             FROM articles a WHERE a.external_id = $1
             ORDER BY a.version, a.id",
            &[&external_id],
        )?;
        Ok(rows
            .iter()
            .map(|r| ArticleVersion {
                row: r.get(0),
                version: r.get::<_, i32>(1) as u32,
                fingerprint: r.get(2),
                fetched: r.get(3),
                ingested_at: r.get(4),
                superseded_by: r.get(5),
                statements: r.get::<_, i64>(6) as u64,
            })
            .collect())
    }

    /// The statements of the article with row id `row`, in their order in the article.
    pub fn article_statements(&mut self, row: i64) -> Result<Vec<StatementRow>> {
        let rows = self.client.query(
            &format!(
                "SELECT {STATEMENT_COLUMNS}
                 FROM statements s
                 JOIN articles a ON a.id = s.article
                 LEFT JOIN speakers p ON p.id = s.speaker
                 WHERE s.article = $1
                 ORDER BY s.position"
            ),
            &[&row],
        )?;
        Ok(rows.iter().map(statement_row).collect())
    }

    /// Current articles, newest publication day first (undated last), one page at a time;
    /// as `Store::articles`.
    pub fn articles(&mut self, q: &ArticleQuery) -> Result<ArticlePage> {
        let mut args = Args::default();
        let mut clauses = vec!["a.superseded_by IS NULL".to_string()];
        if let Some(outlet) = &q.outlet {
            clauses.push(format!("a.outlet_folded = {}", args.push(fold(outlet))));
        }
        if let Some(from) = q.from {
            let d = args.push(from.to_string());
            clauses.push(format!("a.published >= {d}::text::date"));
        }
        if let Some(to) = q.to {
            let d = args.push(to.to_string());
            clauses.push(format!("a.published <= {d}::text::date"));
        }
        let query = q.fingerprint();
        let key = day_key("a.published", "-infinity");
        if let Some(c) = &q.after {
            c.check(query)?;
            let Position::Newest { day, id } = &c.at else {
                return Err(bad_cursor());
            };
            let d = args.push(day.map(|d| d.to_string()));
            let i = args.push(*id);
            clauses.push(format!(
                "({key}, a.id) < ({}, {i})",
                day_key(&format!("{d}::text::date"), "-infinity")
            ));
        }
        let limit = q.limit.max(1);
        let l = args.push(limit as i64 + 1);
        let rows = self.client.query(
            &format!(
                "SELECT a.id, a.external_id, a.title, a.outlet, a.url, a.published::text,
                        (SELECT count(*) FROM statements s WHERE s.article = a.id),
                        a.published_confidence::float8, a.bylines::text, a.version
                 FROM articles a
                 WHERE {}
                 ORDER BY {key} DESC, a.id DESC
                 LIMIT {l}",
                clauses.join(" AND ")
            ),
            &args.refs(),
        )?;
        let mut articles: Vec<ArticleSummary> = rows
            .iter()
            .map(|r| ArticleSummary {
                row: r.get(0),
                id: r.get(1),
                title: r.get(2),
                outlet: r.get(3),
                url: r.get(4),
                published: day_from_sql(r.get(5)),
                statements: r.get::<_, i64>(6) as u64,
                published_confidence: r.get::<_, Option<f64>>(7).map(|c| c as f32),
                bylines: bylines(r.get(8)),
                version: r.get::<_, i32>(9) as u32,
            })
            .collect();
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

    /// Outlets, most statements first (current versions); names compared folded, shown
    /// as their byte-wise first spelling, as in SQLite.
    pub fn outlets(&mut self) -> Result<Vec<OutletRow>> {
        let rows = self.client.query(
            "SELECT min(a.outlet COLLATE \"C\"), count(*),
                    sum((SELECT count(*) FROM statements s WHERE s.article = a.id))::int8 AS n
             FROM articles a
             WHERE a.outlet_folded IS NOT NULL AND a.outlet_folded != ''
               AND a.superseded_by IS NULL
             GROUP BY a.outlet_folded
             ORDER BY n DESC, min(a.outlet COLLATE \"C\")",
            &[],
        )?;
        Ok(rows
            .iter()
            .map(|r| OutletRow {
                name: r.get(0),
                articles: r.get::<_, i64>(1) as u64,
                statements: r.get::<_, i64>(2) as u64,
            })
            .collect())
    }

    /// A mark that changes whenever articles or statements are added (the highest ids).
    pub fn change_mark(&mut self) -> Result<(i64, i64)> {
        let r = self.client.query_one(
            "SELECT (SELECT coalesce(max(id), 0) FROM articles)::int8,
                    (SELECT coalesce(max(id), 0) FROM statements)::int8",
            &[],
        )?;
        Ok((r.get(0), r.get(1)))
    }
}

/// What the server reads of a PostgreSQL record: one connection, in a read-only session
/// (every transaction is `READ ONLY`, so no query of the server can write), used by one
/// request at a time.
pub struct PgReader {
    store: RefCell<PgStore>,
}

impl std::fmt::Debug for PgReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.store.borrow().fmt(f)
    }
}

impl PgReader {
    /// Connect to `url` for reading. The schema must be this binary's (run `onrecord
    /// migrate` first); nothing is created or upgraded.
    pub fn connect(url: &str) -> Result<PgReader> {
        let mut store = PgStore::connect_existing(url)?;
        store
            .client
            .batch_execute("SET default_transaction_read_only = on")?;
        Ok(PgReader {
            store: RefCell::new(store),
        })
    }

    /// Whether the session refuses writes (`transaction_read_only`), as it always should.
    pub fn is_read_only(&self) -> Result<bool> {
        let row = self
            .store
            .borrow_mut()
            .client
            .query_one("SHOW transaction_read_only", &[])?;
        Ok(row.get::<_, String>(0) == "on")
    }

    /// Run `f` on the connection; its error as the store's, so that the server answers a
    /// cursor of another query with a 400 as on SQLite.
    fn with<T>(&self, f: impl FnOnce(&mut PgStore) -> Result<T>) -> onrecord_store::Result<T> {
        f(&mut self.store.borrow_mut()).map_err(Into::into)
    }
}

impl From<crate::Error> for onrecord_store::Error {
    fn from(e: crate::Error) -> onrecord_store::Error {
        match e {
            crate::Error::Store(e) => e,
            other => onrecord_store::Error::Backend(Box::new(other)),
        }
    }
}

impl ReadStore for PgReader {
    fn backend(&self) -> &'static str {
        "PostgreSQL"
    }
    fn broken(&self) -> bool {
        self.store.borrow().client.is_closed()
    }
    fn search(&self, q: &SearchQuery) -> onrecord_store::Result<SearchPage> {
        self.with(|s| s.search(q))
    }
    fn count_search(&self, q: &SearchQuery) -> onrecord_store::Result<u64> {
        self.with(|s| s.count_search(q))
    }
    fn speaker(&self, id: i64) -> onrecord_store::Result<Option<SpeakerRow>> {
        self.with(|s| s.speaker(id))
    }
    fn speakers(&self, q: &SpeakerQuery) -> onrecord_store::Result<Vec<SpeakerRow>> {
        self.with(|s| s.speakers(q))
    }
    fn speakers_named(&self, text: &str, limit: usize) -> onrecord_store::Result<Vec<SpeakerRow>> {
        self.with(|s| s.speakers_named(text, limit))
    }
    fn speaker_timeline(
        &self,
        id: i64,
        bucket: Bucket,
    ) -> onrecord_store::Result<Vec<TimelinePoint>> {
        self.with(|s| s.speaker_timeline(id, bucket))
    }
    fn article(&self, row: i64) -> onrecord_store::Result<Option<ArticleRow>> {
        self.with(|s| s.article(row))
    }
    fn article_statements(&self, row: i64) -> onrecord_store::Result<Vec<StatementRow>> {
        self.with(|s| s.article_statements(row))
    }
    fn article_versions(&self, external_id: &str) -> onrecord_store::Result<Vec<ArticleVersion>> {
        self.with(|s| s.article_versions(external_id))
    }
    fn articles(&self, q: &ArticleQuery) -> onrecord_store::Result<ArticlePage> {
        self.with(|s| s.articles(q))
    }
    fn outlets(&self) -> onrecord_store::Result<Vec<OutletRow>> {
        self.with(|s| s.outlets())
    }
    fn counts(&self) -> onrecord_store::Result<Counts> {
        self.with(|s| s.counts())
    }
    fn change_mark(&self) -> onrecord_store::Result<(i64, i64)> {
        self.with(|s| s.change_mark())
    }
    fn figures(&self, q: &FigureQuery) -> onrecord_store::Result<Vec<FigureRow>> {
        self.with(|s| s.figures(q))
    }
    fn count_figures(&self, q: &FigureQuery) -> onrecord_store::Result<u64> {
        self.with(|s| s.count_figures(q))
    }
    fn article_figures(&self, row: i64) -> onrecord_store::Result<Vec<FigureRow>> {
        self.with(|s| s.article_figures(row))
    }
    fn events(&self, q: &EventQuery) -> onrecord_store::Result<Vec<EventRow>> {
        self.with(|s| s.events(q))
    }
    fn count_events(&self, q: &EventQuery) -> onrecord_store::Result<u64> {
        self.with(|s| s.count_events(q))
    }
    fn event_months(&self, q: &EventQuery) -> onrecord_store::Result<Vec<EventCount>> {
        self.with(|s| s.event_months(q))
    }
    fn article_events(&self, row: i64) -> onrecord_store::Result<Vec<EventRow>> {
        self.with(|s| s.article_events(row))
    }
}
