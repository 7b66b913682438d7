//! Queries: statements, speakers, counts, stored articles.

use onrecord_core::{fold, identity_key, Article, AttributionKind, Day, Origin, SpeakerKind};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Row};

use crate::{attribution_kind_from_sql, day_from_sql, day_to_sql, kind_from_sql, Result, Store};

/// Filters for [`Store::statements`]. Every filter that is set must match.
#[derive(Clone, Debug, Default)]
pub struct StatementQuery {
    /// A speaker name, any spelling: matches speakers whose identity key or any stored
    /// spelling contains it as whole words, after folding (`kalin` finds `Ibrahim Kalın`,
    /// `Turkey` finds `Türkiye`). A name that folds to nothing matches nobody.
    pub speaker: Option<String>,
    /// Words that must all appear in the statement, as whole words after folding (case,
    /// diacritics and punctuation are ignored), in any of their forms (`talk` finds
    /// `talked`). `resum*` matches words that start with `resum` as written (`negotiat*`
    /// finds `negotiations`); `"talks would resume"` in double quotes must appear as a
    /// phrase.
    pub words: Option<String>,
    /// First day, inclusive, of the statement's effective day (its day, else the article's
    /// publication day; see the crate docs).
    pub from: Option<Day>,
    /// Last day, inclusive.
    pub to: Option<Day>,
    /// The outlet, compared folded (`le monde` = `Le Monde`).
    pub outlet: Option<String>,
    /// Only statements of the article with this `Article::id`.
    pub article: Option<String>,
    /// At most this many rows (None: all).
    pub limit: Option<usize>,
    /// Skip this many rows first.
    pub offset: usize,
}

/// The article a statement comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct StatementArticle {
    /// Row id in the store.
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
}

/// The stored identity a statement is attributed to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpeakerRef {
    /// Row id in the store.
    pub id: i64,
    pub key: String,
    /// Display name (see the crate docs on identities).
    pub name: String,
    pub kind: SpeakerKind,
    pub role: Option<String>,
    pub affiliation: Option<String>,
}

/// One stored statement.
#[derive(Clone, Debug, PartialEq)]
pub struct StatementRow {
    /// Row id in the store.
    pub id: i64,
    pub article: StatementArticle,
    /// Index of the statement among its article's attributions.
    pub position: usize,
    /// None when the analysis could not name the speaker.
    pub speaker: Option<SpeakerRef>,
    pub kind: AttributionKind,
    /// The content's text; the pieces of a split quotation are joined with ` … `.
    pub content: String,
    /// The content spans, `[start, end)` in code points of the article text.
    pub content_spans: Vec<[usize; 2]>,
    pub cue: Option<String>,
    /// The local mention of the speaker ("he", "the spokesman", "Kalın").
    pub source: Option<String>,
    pub audience: Option<String>,
    /// The day the statement was made, when the analysis could tell.
    pub day: Option<Day>,
    /// How the day was decided: `expression`, `context`, `published` or
    /// `published_inferred` (the article's day, inferred from its text or name).
    pub day_from: Option<String>,
    /// `day`, else the article's publication day: what filters and ordering use.
    pub effective_day: Option<Day>,
    /// The statement of the same article that says this headline or subheadline in full
    /// (see `onrecord_analysis::echo`).
    pub restates: Option<i64>,
    /// How the speaker was found from the source mention: `name`, `surname`, `pronoun`,
    /// `role` or `nominal`; and the measured share of such resolutions that are right.
    pub speaker_via: Option<String>,
    pub speaker_confidence: Option<f32>,
}

/// Filters for [`Store::speakers`].
#[derive(Clone, Debug, Default)]
pub struct SpeakerQuery {
    /// Matches like [`StatementQuery::speaker`].
    pub name: Option<String>,
    pub limit: Option<usize>,
    pub offset: usize,
}

impl SpeakerQuery {
    /// The fingerprint of this listing's filter (the name, folded), as the cursors of a
    /// listing of speakers carry it (see [`crate::Cursor`]).
    pub fn fingerprint(&self) -> u32 {
        crate::search::fingerprint(
            "speakers",
            &[self.name.as_deref().map(fold).unwrap_or_default()],
        )
    }
}

/// A spelling of a speaker's name and the number of articles that used it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    pub text: String,
    pub count: u64,
}

/// One stored speaker with its record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpeakerRow {
    pub id: i64,
    pub key: String,
    pub name: String,
    pub kind: SpeakerKind,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    /// Most used first.
    pub variants: Vec<Variant>,
    pub statements: u64,
    /// Earliest and latest effective day of the speaker's statements.
    pub first_day: Option<Day>,
    pub last_day: Option<Day>,
}

/// How much the store holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub articles: u64,
    pub statements: u64,
    pub speakers: u64,
}

/// A stored article, as it was read, with its number of stored statements.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleRow {
    pub row: i64,
    pub fingerprint: String,
    /// The article as read: `article.published` is the input's day only.
    pub article: Article,
    /// The day the article is filed under: the input's, else the one inferred from its
    /// text and names.
    pub published: Option<Day>,
    /// Set when `published` was inferred: the inference's confidence, 0 to 1.
    pub published_confidence: Option<f32>,
    pub statements: u64,
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub ingested_at: String,
    /// 1 for the first version of a page, 2 for the next, …
    pub version: u32,
    /// The row of the version that replaced this one; None for a current article.
    pub superseded_by: Option<i64>,
}

/// One version of a page's article, for the list of versions.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleVersion {
    pub row: i64,
    pub version: u32,
    pub fingerprint: String,
    /// When the page was fetched (RFC 3339), for fetched pages.
    pub fetched: Option<String>,
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub ingested_at: String,
    pub superseded_by: Option<i64>,
    pub statements: u64,
}

/// The row ids of superseded article versions, answered from the partial index
/// `articles_superseded` (which holds only those): "current" conditions are written as
/// `NOT IN` this set, so that no query has to read an article row (text and all) to know.
pub(crate) const SUPERSEDED: &str = "SELECT id FROM articles WHERE superseded_by IS NOT NULL";

/// The condition that `column` (an article row id) is a current version; `1` when the
/// store holds no superseded version (`versions` false), so that a record without versions
/// is queried exactly as before versions existed, with the same plans.
pub(crate) fn current_statement(column: &str, versions: bool) -> String {
    if versions {
        format!("{column} NOT IN ({SUPERSEDED})")
    } else {
        "1".into()
    }
}

/// The columns [`article_row`] reads, over `articles a`.
pub(crate) const ARTICLE_COLUMNS: &str =
    "a.id, a.fingerprint, a.external_id, a.title, a.outlet, a.url, a.published,
     a.text, a.origin, a.origin_line, a.ingested_at,
     (SELECT count(*) FROM statements s WHERE s.article = a.id), a.published_confidence,
     a.bylines, a.modified, a.language, a.page, a.version, a.superseded_by";

/// One [`ArticleRow`] from a row of [`ARTICLE_COLUMNS`].
pub(crate) fn article_row(r: &rusqlite::Row) -> rusqlite::Result<ArticleRow> {
    let published = day_from_sql(r.get(6)?);
    let published_confidence: Option<f64> = r.get(12)?;
    Ok(ArticleRow {
        row: r.get(0)?,
        fingerprint: r.get(1)?,
        article: Article {
            id: r.get(2)?,
            title: r.get(3)?,
            outlet: r.get(4)?,
            url: r.get(5)?,
            published: published.filter(|_| published_confidence.is_none()),
            text: r.get(7)?,
            origin: Origin {
                path: r.get(8)?,
                line: r.get::<_, Option<i64>>(9)?.map(|l| l as usize),
                // Not a column: a WARC record's offset is kept in `page.archive`.
                offset: None,
            },
            bylines: bylines_from_sql(r.get(13)?),
            modified: r.get(14)?,
            language: r.get(15)?,
            page: r
                .get::<_, Option<String>>(16)?
                .and_then(|j| serde_json::from_str(&j).ok()),
        },
        published,
        published_confidence: published_confidence.map(|c| c as f32),
        ingested_at: r.get(10)?,
        statements: r.get::<_, i64>(11)? as u64,
        version: r.get(17)?,
        superseded_by: r.get(18)?,
    })
}

/// The `bylines` column (a JSON array of names) as names; anything unreadable as none, so
/// that one odd row never fails a listing.
pub(crate) fn bylines_from_sql(json: Option<String>) -> Vec<String> {
    json.and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default()
}

/// The columns [`statement_row`] reads, over `statements s`, `articles a` and
/// `speakers p` (left-joined).
pub(crate) const STATEMENT_COLUMNS: &str =
    "s.id, s.position, s.kind, s.content, s.content_spans, s.cue, s.source,
     s.audience, s.day, s.day_from, s.effective_day,
     a.id, a.external_id, a.title, a.outlet, a.url, a.published, a.published_confidence,
     p.id, p.key, p.name, p.kind, p.role, p.affiliation,
     (SELECT e.id FROM statements e WHERE e.article = s.article AND e.position = s.restates),
     s.speaker_via, s.speaker_confidence";

impl Store {
    /// Statements of current article versions matching `q`, ordered by effective day
    /// (unknown last), then article (in ingest order), then position in the article.
    pub fn statements(&self, q: &StatementQuery) -> Result<Vec<StatementRow>> {
        let mut rows = Vec::new();
        self.each_statement(q, |r| {
            rows.push(r);
            Ok(())
        })?;
        Ok(rows)
    }

    /// Every statement matching `q`, in the order of [`Store::statements`], handed to `f` one
    /// at a time as SQLite reads it: memory stays flat however many there are (exports).
    pub fn each_statement(
        &self,
        q: &StatementQuery,
        mut f: impl FnMut(StatementRow) -> Result<()>,
    ) -> Result<()> {
        let words = q.words.as_deref().and_then(words_match).is_some();
        let (filter, mut args) = statement_filter(q, !words && self.has_versions()?);
        let mut sql = format!(
            "SELECT {STATEMENT_COLUMNS}
             FROM statements s
             JOIN articles a ON a.id = s.article
             LEFT JOIN speakers p ON p.id = s.speaker
             WHERE {filter}
             ORDER BY s.effective_day IS NULL, s.effective_day, s.article, s.position"
        );
        push_limit(&mut sql, &mut args, q.limit, q.offset);
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st.query(params_from_iter(args))?;
        while let Some(r) = rows.next()? {
            f(statement_row(r)?)?;
        }
        Ok(())
    }

    /// How many statements (of current versions) match `q`, ignoring its limit and offset.
    pub fn count_statements(&self, q: &StatementQuery) -> Result<u64> {
        // All matches, less those in superseded versions (driven by the superseded articles)
        let (filter, args) = statement_filter(q, false);
        let all = format!(
            "SELECT count(*) FROM statements s JOIN articles a ON a.id = s.article
             WHERE {filter}"
        );
        let words = q.words.as_deref().and_then(words_match).is_some();
        let (sql, args) = if !words && self.has_versions()? {
            (
                format!(
                    "SELECT ({all}) - (SELECT count(*) FROM articles v
                         CROSS JOIN statements s ON s.article = v.id
                         JOIN articles a ON a.id = s.article
                         WHERE v.superseded_by IS NOT NULL AND {filter})"
                ),
                args.iter().chain(&args).cloned().collect(),
            )
        } else {
            (all, args)
        };
        let n: i64 = self
            .conn
            .query_row(&sql, params_from_iter(args), |r| r.get(0))?;
        Ok(n as u64)
    }

    /// Speakers matching `q`, most statements first (then by key). Statements of superseded
    /// article versions do not count, and a speaker heard only in those is not listed.
    pub fn speakers(&self, q: &SpeakerQuery) -> Result<Vec<SpeakerRow>> {
        let (filter, mut args) = match &q.name {
            Some(name) => speaker_match("p.id", name),
            None => ("1".to_string(), Vec::new()),
        };
        let versions = self.has_versions()?;
        let visible = if versions { VISIBLE_SPEAKER } else { "1" };
        let mut sql = format!(
            "SELECT p.id, p.key, p.name, p.kind, p.role, p.affiliation,
                    coalesce(st.n, 0), st.first, st.last
             FROM speakers p
             LEFT JOIN (SELECT speaker, count(*) AS n, min(effective_day) AS first,
                               max(effective_day) AS last
                        FROM statements WHERE speaker IS NOT NULL AND {current}
                        GROUP BY speaker) st
                    ON st.speaker = p.id
             WHERE {filter} AND (st.n IS NOT NULL OR {visible})
             ORDER BY coalesce(st.n, 0) DESC, p.key",
            current = current_statement("article", versions),
        );
        push_limit(&mut sql, &mut args, q.limit, q.offset);
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st
            .query_map(params_from_iter(args), |r| {
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
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut variants = self.conn.prepare_cached(
            "SELECT variant, count FROM speaker_variants WHERE speaker = ?1
             ORDER BY count DESC, variant",
        )?;
        for row in &mut rows {
            row.variants = variants
                .query_map([row.id], |r| {
                    Ok(Variant {
                        text: r.get(0)?,
                        count: r.get::<_, i64>(1)? as u64,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
        }
        Ok(rows)
    }

    /// Numbers of articles, statements and speakers on record (one consistent snapshot):
    /// current versions only, as [`Store::statements`] and [`Store::speakers`] list them.
    pub fn counts(&self) -> Result<Counts> {
        let sql = if self.has_versions()? {
            format!(
                "SELECT (SELECT count(*) FROM articles)
                          - (SELECT count(*) FROM articles WHERE superseded_by IS NOT NULL),
                        (SELECT count(*) FROM statements)
                          - (SELECT count(*) FROM statements WHERE article IN ({SUPERSEDED})),
                        (SELECT count(*) FROM speakers p
                         WHERE EXISTS (SELECT 1 FROM statements
                                       WHERE speaker = p.id AND {current})
                            OR {VISIBLE_SPEAKER})",
                current = current_statement("article", true),
            )
        } else {
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM statements),
                    (SELECT count(*) FROM speakers)"
                .to_string()
        };
        let counts = self.conn.query_row(&sql, [], |r| {
            Ok(Counts {
                articles: r.get::<_, i64>(0)? as u64,
                statements: r.get::<_, i64>(1)? as u64,
                speakers: r.get::<_, i64>(2)? as u64,
            })
        })?;
        Ok(counts)
    }

    /// Whether any article is a superseded version. Without one, every query runs as it
    /// did before versions existed (one probe of the partial index `articles_superseded`).
    pub(crate) fn has_versions(&self) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM articles WHERE superseded_by IS NOT NULL)",
            )?
            .query_row([], |r| r.get(0))?)
    }

    /// Call `f` with every stored article (every version), in ingest order, without loading
    /// them all at once.
    pub fn each_article(&self, mut f: impl FnMut(ArticleRow) -> Result<()>) -> Result<()> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles a ORDER BY a.id"
        ))?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            f(article_row(r)?)?;
        }
        Ok(())
    }
}

/// A speaker without any statement (named in an article, quoted nowhere) is listed as it
/// always was; one whose every statement belongs to a superseded version is not (over `p`).
pub(crate) const VISIBLE_SPEAKER: &str =
    "NOT EXISTS (SELECT 1 FROM statements WHERE speaker = p.id)";

/// The WHERE clause and its arguments for a statement query (tables `s` and `a`); with
/// `current_only`, statements of superseded article versions are left out.
pub(crate) fn statement_filter(q: &StatementQuery, current_only: bool) -> (String, Vec<Value>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    if current_only {
        clauses.push(current_statement("s.article", true));
    }
    if let Some(speaker) = &q.speaker {
        let (clause, a) = speaker_match("s.speaker", speaker);
        clauses.push(clause);
        args.extend(a);
    }
    if let Some(m) = q.words.as_deref().and_then(words_match) {
        let (ids, a) = m.rowids();
        clauses.push(format!("s.id IN ({ids})"));
        args.extend(a);
    }
    if let Some(from) = q.from {
        clauses.push("s.effective_day >= ?".into());
        args.push(Value::Text(day_to_sql(Some(from)).unwrap_or_default()));
    }
    if let Some(to) = q.to {
        clauses.push("s.effective_day <= ?".into());
        args.push(Value::Text(day_to_sql(Some(to)).unwrap_or_default()));
    }
    if let Some(outlet) = &q.outlet {
        clauses.push("a.outlet_folded = ?".into());
        args.push(Value::Text(fold(outlet)));
    }
    if let Some(article) = &q.article {
        clauses.push("a.external_id = ?".into());
        args.push(Value::Text(article.clone()));
    }
    if clauses.is_empty() {
        ("1".into(), args)
    } else {
        (clauses.join(" AND "), args)
    }
}

/// `column IN (speakers matching name)`: by identity key (aliases applied) or by any
/// spelling, folded, as whole words. Folded text holds only `[a-z0-9 ]`, so the LIKE
/// patterns need no escaping.
pub(crate) fn speaker_match(column: &str, name: &str) -> (String, Vec<Value>) {
    let key = identity_key(name);
    let folded = fold(name);
    if key.is_empty() && folded.is_empty() {
        return ("0".into(), Vec::new());
    }
    let pattern = |s: &str| {
        if s.is_empty() {
            // matches nothing: folded text never contains a tab
            Value::Text("\t".into())
        } else {
            Value::Text(format!("% {s} %"))
        }
    };
    (
        format!(
            "{column} IN (SELECT id FROM speakers WHERE (' ' || key || ' ') LIKE ?
                          UNION
                          SELECT speaker FROM speaker_variants
                          WHERE (' ' || folded || ' ') LIKE ?)"
        ),
        vec![pattern(&key), pattern(&folded)],
    )
}

/// One term of a words filter: a folded word or phrase, perhaps a prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchTerm {
    /// Folded words (`[a-z0-9]` separated by single spaces); several for a phrase.
    pub folded: String,
    /// A trailing `*`: the last word is a prefix.
    pub prefix: bool,
}

/// The terms of a words filter: each word or double-quoted phrase, folded; a trailing `*`
/// makes it a prefix. Terms that fold to nothing are dropped.
pub fn search_terms(words: &str) -> Vec<SearchTerm> {
    let mut terms = Vec::new();
    let mut push = |raw: &str| {
        let prefix = raw.trim_end().ends_with('*');
        let folded = fold(raw);
        if !folded.is_empty() {
            terms.push(SearchTerm { folded, prefix });
        }
    };
    for (i, part) in words.split('"').enumerate() {
        if i % 2 == 1 {
            push(part); // inside quotes: one phrase
        } else {
            part.split_whitespace().for_each(&mut push);
        }
    }
    terms
}

/// What a words filter asks of the two full-text indexes (all terms required): whole words
/// and phrases, matched in any of their forms, go to the stemmed index `statements_fts`;
/// prefix terms go to the word-form index `statements_words` (schema step 7), since a
/// prefix is typed as the start of a word as written and may run past the word's stem
/// (`negotiat*` must find "negotiations", stored in the stemmed index as "negoti").
/// A statement matches when it matches both queries.
///
/// Folded text holds only `[a-z0-9 ]`, so every term can be quoted as an FTS5 string as it
/// is: no user input reaches the FTS5 query syntax.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct WordsMatch {
    /// The FTS5 query over `statements_fts`, if the filter has whole words or phrases.
    pub stemmed: Option<String>,
    /// The FTS5 query over `statements_words`, if the filter has prefix terms.
    pub forms: Option<String>,
}

/// The stemmed full-text index.
const STEMMED: &str = "statements_fts";
/// The word-form full-text index.
const FORMS: &str = "statements_words";

impl WordsMatch {
    /// The index that ranks (bm25) and drives a search, with its query: the stemmed one
    /// when there are whole words (their forms are what ranking should weigh), else the
    /// word-form one.
    pub(crate) fn primary(&self) -> (&'static str, &str) {
        match (&self.stemmed, &self.forms) {
            (Some(s), _) => (STEMMED, s),
            (None, Some(f)) => (FORMS, f),
            (None, None) => unreachable!("a words match has at least one query"),
        }
    }

    /// The condition (on the primary index's `rowid`) that the other index matches too,
    /// with its argument; None when only one index is asked. The `+` keeps SQLite from
    /// seeking the primary index once per id of the set.
    pub(crate) fn secondary(&self) -> Option<(String, Value)> {
        match (&self.stemmed, &self.forms) {
            (Some(_), Some(f)) => Some((
                format!("+rowid IN (SELECT rowid FROM {FORMS} WHERE {FORMS} MATCH ?)"),
                Value::Text(f.clone()),
            )),
            _ => None,
        }
    }

    /// `SELECT rowid FROM …`: the ids of every matching statement, with its arguments.
    pub(crate) fn rowids(&self) -> (String, Vec<Value>) {
        let (table, fts) = self.primary();
        let mut sql = format!("SELECT rowid FROM {table} WHERE {table} MATCH ?");
        let mut args = vec![Value::Text(fts.to_string())];
        if let Some((clause, arg)) = self.secondary() {
            sql.push_str(" AND ");
            sql.push_str(&clause);
            args.push(arg);
        }
        (sql, args)
    }

    /// A condition that the statement with id `column` matches, asking each index about
    /// that one id (for walks in day order over common words).
    pub(crate) fn probe(&self, column: &str) -> (String, Vec<Value>) {
        let mut clauses = Vec::new();
        let mut args = Vec::new();
        for (table, fts) in [(STEMMED, &self.stemmed), (FORMS, &self.forms)] {
            if let Some(fts) = fts {
                clauses.push(format!(
                    "EXISTS (SELECT 1 FROM {table} WHERE {table} MATCH ? AND rowid = {column})"
                ));
                args.push(Value::Text(fts.clone()));
            }
        }
        (clauses.join(" AND "), args)
    }
}

/// The [`WordsMatch`] of a words filter, or None when no term is left.
pub(crate) fn words_match(words: &str) -> Option<WordsMatch> {
    let terms = search_terms(words);
    let query = |prefix: bool| {
        let parts: Vec<String> = terms
            .iter()
            .filter(|t| t.prefix == prefix)
            .map(|t| {
                debug_assert!(t
                    .folded
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b' '));
                if t.prefix {
                    format!("\"{}\" *", t.folded)
                } else {
                    format!("\"{}\"", t.folded)
                }
            })
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    };
    let m = WordsMatch {
        stemmed: query(false),
        forms: query(true),
    };
    (m.stemmed.is_some() || m.forms.is_some()).then_some(m)
}

pub(crate) fn push_limit(
    sql: &mut String,
    args: &mut Vec<Value>,
    limit: Option<usize>,
    offset: usize,
) {
    if limit.is_some() || offset > 0 {
        sql.push_str(" LIMIT ? OFFSET ?");
        args.push(Value::Integer(limit.map(|l| l as i64).unwrap_or(-1)));
        args.push(Value::Integer(offset as i64));
    }
}

/// A [`StatementRow`] from the columns of [`STATEMENT_COLUMNS`] (in that order, first).
pub(crate) fn statement_row(r: &Row<'_>) -> rusqlite::Result<StatementRow> {
    let spans: String = r.get(4)?;
    let speaker = match r.get::<_, Option<i64>>(18)? {
        Some(id) => Some(SpeakerRef {
            id,
            key: r.get(19)?,
            name: r.get(20)?,
            kind: kind_from_sql(&r.get::<_, String>(21)?),
            role: r.get(22)?,
            affiliation: r.get(23)?,
        }),
        None => None,
    };
    Ok(StatementRow {
        id: r.get(0)?,
        position: r.get::<_, i64>(1)? as usize,
        kind: attribution_kind_from_sql(&r.get::<_, String>(2)?),
        content: r.get(3)?,
        content_spans: serde_json::from_str(&spans).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, e.into())
        })?,
        cue: r.get(5)?,
        source: r.get(6)?,
        audience: r.get(7)?,
        day: day_from_sql(r.get(8)?),
        day_from: r.get(9)?,
        effective_day: day_from_sql(r.get(10)?),
        restates: r.get(24)?,
        speaker_via: r.get(25)?,
        speaker_confidence: r.get::<_, Option<f64>>(26)?.map(|c| c as f32),
        article: StatementArticle {
            row: r.get(11)?,
            id: r.get(12)?,
            title: r.get(13)?,
            outlet: r.get(14)?,
            url: r.get(15)?,
            published: day_from_sql(r.get(16)?),
            published_confidence: r.get::<_, Option<f64>>(17)?.map(|c| c as f32),
        },
        speaker,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{day, store, Doc};

    /// Three articles: Kalın (two spellings) and Lopes, on three days, two outlets; one
    /// statement without a day of its own and one article without a publication day.
    fn fixture() -> (tempfile::TempDir, Store) {
        let (dir, mut store) = store();
        let docs = [
            Doc::new(
                "1",
                "İbrahim Kalın said Ankara was in contact with both sides.",
            )
            .published("2024-03-01")
            .outlet("Daily Planet")
            .person("İbrahim Kalın", &[])
            .says(Some(0), "Ankara was in contact with both sides", None),
            Doc::new(
                "2",
                "Kalin said talks would resume. Ana Lopes said the TALKS had stalled.",
            )
            .published("2024-03-05")
            .outlet("Le Monde Diplomatique")
            .person("Kalin", &[])
            .person("Ana Lopes", &[])
            .says(Some(0), "talks would resume", Some("2024-03-04"))
            .says(Some(1), "the TALKS had stalled", None),
            Doc::new("3", "Officials said the négociations were over.")
                .outlet("daily planet")
                .says(None, "the négociations were over", None),
        ];
        for d in docs {
            let (a, an) = d.build();
            store.insert(&a, &an).unwrap();
        }
        (dir, store)
    }

    fn contents(store: &Store, q: &StatementQuery) -> Vec<String> {
        let rows = store.statements(q).unwrap();
        if q.limit.is_none() && q.offset == 0 {
            assert_eq!(store.count_statements(q).unwrap() as usize, rows.len());
        }
        rows.into_iter().map(|r| r.content).collect()
    }

    fn q() -> StatementQuery {
        StatementQuery::default()
    }

    #[test]
    fn all_statements_in_day_order_undated_last() {
        let (_d, store) = fixture();
        assert_eq!(
            contents(&store, &q()),
            [
                "Ankara was in contact with both sides",
                "talks would resume",
                "the TALKS had stalled",
                "the négociations were over"
            ]
        );
        let rows = store.statements(&q()).unwrap();
        assert_eq!(rows[1].day, Some(day("2024-03-04")));
        assert_eq!(rows[2].day, None);
        assert_eq!(rows[2].effective_day, Some(day("2024-03-05")));
        assert_eq!(rows[3].effective_day, None);
        assert!(rows[3].speaker.is_none());
        assert_eq!(
            store.counts().unwrap(),
            Counts {
                articles: 3,
                statements: 4,
                speakers: 2
            }
        );
    }

    #[test]
    fn speaker_filter_matches_any_spelling_as_whole_words() {
        let (_d, store) = fixture();
        let by = |s: &str| {
            contents(
                &store,
                &StatementQuery {
                    speaker: Some(s.into()),
                    ..q()
                },
            )
        };
        let kalin = [
            "Ankara was in contact with both sides",
            "talks would resume",
        ];
        assert_eq!(by("kalin"), kalin);
        assert_eq!(by("KALIN"), kalin);
        assert_eq!(by("Kalın"), kalin);
        assert_eq!(by("ibrahim kalin"), kalin);
        assert_eq!(by("İbrahim"), kalin);
        assert_eq!(by("lopes"), ["the TALKS had stalled"]);
        assert!(by("kal").is_empty(), "whole words only");
        assert!(by("...").is_empty(), "nothing to match");
        assert!(by("nobody").is_empty());
    }

    #[test]
    fn speaker_filter_goes_through_aliases() {
        let (_d, mut store) = store();
        let (a, an) = Doc::new("t", "Turkey said it was ready.")
            .body("Turkey", &[])
            .says(Some(0), "it was ready", None)
            .build();
        store.insert(&a, &an).unwrap();
        for s in ["Türkiye", "turkiye", "Turkey", "Ankara"] {
            let n = store
                .statements(&StatementQuery {
                    speaker: Some(s.into()),
                    ..q()
                })
                .unwrap()
                .len();
            assert_eq!(n, 1, "{s}");
        }
    }

    #[test]
    fn words_filter_is_folded_stemmed_whole_words_all_required() {
        let (_d, store) = fixture();
        let with = |w: &str| {
            contents(
                &store,
                &StatementQuery {
                    words: Some(w.into()),
                    ..q()
                },
            )
        };
        assert_eq!(
            with("talks"),
            ["talks would resume", "the TALKS had stalled"]
        );
        assert_eq!(with("TALKS resume"), ["talks would resume"]);
        assert_eq!(with("negociations"), ["the négociations were over"]);
        assert_eq!(with("Négociations"), ["the négociations were over"]);
        // words match in any form (Porter stemming), never inside other words
        assert_eq!(with("talk").len(), 2, "word forms");
        assert!(with("tal").is_empty(), "whole words");
        assert_eq!(with("talk*").len(), 2, "prefix");
        assert_eq!(with("\"would resume\""), ["talks would resume"]);
        assert!(with("\"resume would\"").is_empty(), "phrase order");
        assert_eq!(with("").len(), 4, "no words, no filter");
    }

    #[test]
    fn turkish_dotless_i_folds_in_word_search() {
        let (_d, mut store) = store();
        let (a, an) = Doc::new("t", "Kalın said KALIN yazıldı.")
            .says(None, "KALIN yazıldı", None)
            .build();
        store.insert(&a, &an).unwrap();
        for w in ["kalin", "yazildi", "YAZILDI", "yazıldı"] {
            let n = store
                .statements(&StatementQuery {
                    words: Some(w.into()),
                    ..q()
                })
                .unwrap()
                .len();
            assert_eq!(n, 1, "{w}");
        }
    }

    #[test]
    fn day_range_uses_the_effective_day() {
        let (_d, store) = fixture();
        let range = |from: Option<&str>, to: Option<&str>| {
            contents(
                &store,
                &StatementQuery {
                    from: from.map(day),
                    to: to.map(day),
                    ..q()
                },
            )
        };
        assert_eq!(
            range(Some("2024-03-04"), Some("2024-03-04")),
            ["talks would resume"]
        );
        // the undated statement counts on its article's publication day
        assert_eq!(range(Some("2024-03-05"), None), ["the TALKS had stalled"]);
        assert_eq!(
            range(None, Some("2024-03-01")),
            ["Ankara was in contact with both sides"]
        );
        assert_eq!(
            range(Some("2024-03-01"), Some("2024-12-31")).len(),
            3,
            "no day, no match"
        );
        assert!(range(Some("2024-03-06"), Some("2024-03-02")).is_empty());
    }

    #[test]
    fn outlet_filter_is_folded_equality() {
        let (_d, store) = fixture();
        let at = |o: &str| {
            contents(
                &store,
                &StatementQuery {
                    outlet: Some(o.into()),
                    ..q()
                },
            )
        };
        assert_eq!(at("Daily Planet").len(), 2);
        assert_eq!(at("DAILY  PLANET").len(), 2);
        assert_eq!(at("le monde diplomatique").len(), 2);
        assert!(at("Le Monde").is_empty(), "equality, not substring");
    }

    #[test]
    fn filters_combine_and_paginate() {
        let (_d, store) = fixture();
        let both = StatementQuery {
            speaker: Some("kalin".into()),
            words: Some("talks".into()),
            outlet: Some("le monde diplomatique".into()),
            ..q()
        };
        assert_eq!(contents(&store, &both), ["talks would resume"]);
        let page = StatementQuery {
            limit: Some(2),
            offset: 1,
            ..q()
        };
        assert_eq!(
            contents(&store, &page),
            ["talks would resume", "the TALKS had stalled"]
        );
        assert_eq!(store.count_statements(&page).unwrap(), 4);
        let tail = StatementQuery { offset: 3, ..q() };
        assert_eq!(contents(&store, &tail), ["the négociations were over"]);
        let one = StatementQuery {
            article: Some("2".into()),
            ..q()
        };
        assert_eq!(contents(&store, &one).len(), 2);
    }

    #[test]
    fn speakers_most_quoted_first_with_days_and_variants() {
        let (_d, store) = fixture();
        let all = store.speakers(&SpeakerQuery::default()).unwrap();
        let summary: Vec<_> = all
            .iter()
            .map(|s| (s.name.as_str(), s.statements, s.first_day, s.last_day))
            .collect();
        assert_eq!(
            summary,
            [
                (
                    "İbrahim Kalın",
                    2,
                    Some(day("2024-03-01")),
                    Some(day("2024-03-04"))
                ),
                (
                    "Ana Lopes",
                    1,
                    Some(day("2024-03-05")),
                    Some(day("2024-03-05"))
                ),
            ]
        );
        let variants: Vec<_> = all[0].variants.iter().map(|v| v.text.as_str()).collect();
        assert_eq!(variants, ["Kalin", "İbrahim Kalın"]);
        let named = |n: &str| {
            store
                .speakers(&SpeakerQuery {
                    name: Some(n.into()),
                    ..SpeakerQuery::default()
                })
                .unwrap()
                .into_iter()
                .map(|s| s.name)
                .collect::<Vec<_>>()
        };
        assert_eq!(named("kalin"), ["İbrahim Kalın"]);
        assert_eq!(named("ana"), ["Ana Lopes"]);
        assert!(named("zzz").is_empty());
        let first = store
            .speakers(&SpeakerQuery {
                limit: Some(1),
                ..SpeakerQuery::default()
            })
            .unwrap();
        assert_eq!(first.len(), 1);
    }

    #[test]
    fn search_terms_fold_words_phrases_and_prefixes() {
        let m = |w: &str| words_match(w).map(|m| (m.stemmed, m.forms));
        assert_eq!(
            m("Talks  RESUME"),
            Some((Some("\"talks\" \"resume\"".into()), None))
        );
        // prefixes go to the word-form index, whole words and phrases to the stemmed one
        assert_eq!(
            m("\"U.S. talks\" négo*"),
            Some((Some("\"u s talks\"".into()), Some("\"nego\" *".into())))
        );
        assert_eq!(m("negotiat*"), Some((None, Some("\"negotiat\" *".into()))));
        assert_eq!(m(" ... "), None);
        assert_eq!(
            m("OR AND NOT"),
            Some((Some("\"or\" \"and\" \"not\"".into()), None))
        );
        assert!(search_terms(" ... ").is_empty());
    }

    /// A prefix is the start of a word as written, even past the word's stem: the Porter
    /// stem of "negotiations" is "negoti", which `negotiat*` does not start.
    #[test]
    fn prefixes_match_words_as_written() {
        let (_d, mut store) = store();
        let docs = [
            Doc::new("n1", "Ana Lopes said negotiations would go on.")
                .published("2024-03-01")
                .person("Ana Lopes", &[])
                .says(Some(0), "negotiations would go on", None),
            Doc::new("n2", "Ana Lopes said they were negotiating talks.")
                .published("2024-03-02")
                .person("Ana Lopes", &[])
                .says(Some(0), "they were negotiating talks", None),
            Doc::new("n3", "Rui Costa said the price was negotiable.")
                .published("2024-03-03")
                .person("Rui Costa", &[])
                .says(Some(0), "the price was negotiable", None),
            Doc::new("n4", "Rui Costa said renegotiation talked of nothing.")
                .published("2024-03-04")
                .person("Rui Costa", &[])
                .says(Some(0), "renegotiation talked of nothing", None),
        ];
        for d in docs {
            let (a, an) = d.build();
            store.insert(&a, &an).unwrap();
        }
        let with = |w: &str| {
            contents(
                &store,
                &StatementQuery {
                    words: Some(w.into()),
                    ..q()
                },
            )
        };
        let both = ["negotiations would go on", "they were negotiating talks"];
        assert_eq!(with("negotiat*"), both);
        assert_eq!(with("NEGOTIAT*"), both);
        assert_eq!(with("negoti*").len(), 3, "and negotiable");
        assert!(with("egotiat*").is_empty(), "the start of a word only");
        // with whole words (stemmed: "talk" finds "talks" and "talked")
        assert_eq!(with("talk negotiat*"), ["they were negotiating talks"]);
        assert_eq!(with("negotiat* talk"), ["they were negotiating talks"]);
        assert!(with("nothing negotiat*").is_empty());
        // a phrase ending in a prefix
        assert_eq!(with("\"were negot*\""), ["they were negotiating talks"]);
        assert!(with("\"was negotiat*\"").is_empty());
    }
}
