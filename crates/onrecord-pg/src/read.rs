//! The queries of `onrecord quotes`, `speakers` and `status` on PostgreSQL, answered with
//! the row types of `onrecord-store` and its filter semantics (see `StatementQuery`).

use std::ops::ControlFlow;

use onrecord_core::{fold, identity_key};
use onrecord_store::records::speaker_kind_from_name;
use onrecord_store::{
    search_terms, ArticleRow, Counts, EventCount, EventQuery, EventRow, FigureQuery, FigureRow,
    SpeakerQuery, SpeakerRow, StatementQuery, StatementRow, Variant,
};
use postgres::types::ToSql;

use crate::rows::{statement_row, STATEMENT_COLUMNS};
use crate::words::term_query;
use crate::{day_from_sql, PgStore, Result};

/// Query arguments, numbered as they are pushed.
#[derive(Default)]
pub(crate) struct Args(Vec<Box<dyn ToSql + Sync>>);

impl Args {
    /// Push `value`; its placeholder (`$n`).
    pub(crate) fn push(&mut self, value: impl ToSql + Sync + 'static) -> String {
        self.0.push(Box::new(value));
        format!("${}", self.0.len())
    }

    /// Append `LIMIT` (if any) and `OFFSET` (if not 0) to `sql`.
    pub(crate) fn limit(&mut self, sql: &mut String, limit: Option<usize>, offset: usize) {
        if let Some(limit) = limit {
            sql.push_str(&format!(" LIMIT {}", self.push(limit as i64)));
        }
        if offset > 0 {
            sql.push_str(&format!(" OFFSET {}", self.push(offset as i64)));
        }
    }

    pub(crate) fn refs(&self) -> Vec<&(dyn ToSql + Sync)> {
        self.0.iter().map(|b| b.as_ref()).collect()
    }
}

/// `column IN (speakers matching name)`: by identity key or by any spelling, folded, as
/// whole words (as in the SQLite store).
pub(crate) fn speaker_match(column: &str, name: &str, args: &mut Args) -> String {
    let key = identity_key(name);
    let folded = fold(name);
    if key.is_empty() && folded.is_empty() {
        return "false".into();
    }
    // folded text never holds a tab: an empty side matches nothing
    let pattern = |s: &str| {
        if s.is_empty() {
            "\t".to_string()
        } else {
            format!("% {s} %")
        }
    };
    let k = args.push(pattern(&key));
    let f = args.push(pattern(&folded));
    format!(
        "{column} IN (SELECT id FROM speakers WHERE (' ' || key || ' ') LIKE {k}
                      UNION
                      SELECT speaker FROM speaker_variants WHERE (' ' || folded || ' ') LIKE {f})"
    )
}

/// The conditions of a words filter: whole words and phrases in any of their forms (by
/// stem), prefixes on the words as written; all on the one words vector (`words.rs`).
pub(crate) fn words_match(words: &str, args: &mut Args) -> Vec<String> {
    search_terms(words)
        .into_iter()
        .map(|t| {
            let q = args.push(term_query(&t.folded, t.prefix));
            format!("s.words @@ {q}::text::tsquery")
        })
        .collect()
}

/// The conditions of a statement query over `statements s` and `articles a`: current
/// articles only.
fn statement_filter(q: &StatementQuery, args: &mut Args) -> String {
    let mut clauses = vec!["a.superseded_by IS NULL".to_string()];
    if let Some(speaker) = &q.speaker {
        clauses.push(speaker_match("s.speaker", speaker, args));
    }
    if let Some(words) = &q.words {
        clauses.extend(words_match(words, args));
    }
    if let Some(from) = q.from {
        let d = args.push(from.to_string());
        clauses.push(format!("s.effective_day >= {d}::text::date"));
    }
    if let Some(to) = q.to {
        let d = args.push(to.to_string());
        clauses.push(format!("s.effective_day <= {d}::text::date"));
    }
    if let Some(outlet) = &q.outlet {
        clauses.push(format!("a.outlet_folded = {}", args.push(fold(outlet))));
    }
    if let Some(article) = &q.article {
        clauses.push(format!("a.external_id = {}", args.push(article.clone())));
    }
    clauses.join(" AND ")
}

/// The query of [`PgStore::statements`] and its arguments.
fn statement_select(q: &StatementQuery) -> (String, Args) {
    let mut args = Args::default();
    let filter = statement_filter(q, &mut args);
    let mut sql = format!(
        "SELECT {STATEMENT_COLUMNS}
         FROM statements s
         JOIN articles a ON a.id = s.article
         LEFT JOIN speakers p ON p.id = s.speaker
         WHERE {filter}
         ORDER BY s.effective_day IS NULL, s.effective_day, s.article, s.position"
    );
    args.limit(&mut sql, q.limit, q.offset);
    (sql, args)
}

impl PgStore {
    /// Statements of current articles matching `q`, ordered by effective day (unknown
    /// last), then article, then position; as `onrecord_store::Store::statements`.
    pub fn statements(&mut self, q: &StatementQuery) -> Result<Vec<StatementRow>> {
        let (sql, args) = statement_select(q);
        let rows = self.client.query(&sql, &args.refs())?;
        Ok(rows.iter().map(statement_row).collect())
    }

    /// Every statement matching `q`, in the order of [`PgStore::statements`], a batch at a
    /// time (exports).
    pub fn each_statement(
        &mut self,
        q: &StatementQuery,
        f: &mut dyn FnMut(StatementRow) -> ControlFlow<()>,
    ) -> Result<()> {
        let (sql, args) = statement_select(q);
        self.stream(&sql, &args.refs(), &mut |r| f(statement_row(r)))
    }

    /// How many statements match `q`, ignoring its limit and offset.
    pub fn count_statements(&mut self, q: &StatementQuery) -> Result<u64> {
        let mut args = Args::default();
        let filter = statement_filter(q, &mut args);
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

    /// Speakers matching `q`, most statements first (then by key), with their spellings,
    /// most used first; as `onrecord_store::Store::speakers`.
    pub fn speakers(&mut self, q: &SpeakerQuery) -> Result<Vec<SpeakerRow>> {
        let mut args = Args::default();
        let filter = match &q.name {
            Some(name) => speaker_match("p.id", name, &mut args),
            None => "true".to_string(),
        };
        let mut sql = format!(
            "SELECT p.id, p.key, p.name, p.kind, p.role, p.affiliation,
                    coalesce(st.n, 0), st.first::text, st.last::text,
                    coalesce((SELECT json_agg(json_build_array(v.variant, v.count)
                                              ORDER BY v.count DESC, v.variant)
                              FROM speaker_variants v WHERE v.speaker = p.id)::text, '[]')
             FROM speakers p
             LEFT JOIN (SELECT s.speaker, count(*) AS n, min(s.effective_day) AS first,
                               max(s.effective_day) AS last
                        FROM statements s JOIN articles a ON a.id = s.article
                        WHERE s.speaker IS NOT NULL AND a.superseded_by IS NULL
                        GROUP BY s.speaker) st
                    ON st.speaker = p.id
             WHERE {filter}
             ORDER BY coalesce(st.n, 0) DESC, p.key COLLATE \"C\""
        );
        args.limit(&mut sql, q.limit, q.offset);
        let rows = self.client.query(&sql, &args.refs())?;
        Ok(rows
            .iter()
            .map(|r| {
                let variants: Vec<(String, u64)> =
                    serde_json::from_str(r.get(9)).unwrap_or_default();
                SpeakerRow {
                    id: r.get(0),
                    key: r.get(1),
                    name: r.get(2),
                    kind: speaker_kind_from_name(r.get(3)),
                    role: r.get(4),
                    affiliation: r.get(5),
                    variants: variants
                        .into_iter()
                        .map(|(text, count)| Variant { text, count })
                        .collect(),
                    statements: r.get::<_, i64>(6) as u64,
                    first_day: day_from_sql(r.get(7)),
                    last_day: day_from_sql(r.get(8)),
                }
            })
            .collect())
    }

    /// Numbers of current articles, their statements, and speakers, in one snapshot.
    pub fn counts(&mut self) -> Result<Counts> {
        let r = self.client.query_one(
            "SELECT (SELECT count(*) FROM articles WHERE superseded_by IS NULL),
                    (SELECT count(*) FROM statements s JOIN articles a ON a.id = s.article
                     WHERE a.superseded_by IS NULL),
                    (SELECT count(*) FROM speakers)",
            &[],
        )?;
        Ok(Counts {
            articles: r.get::<_, i64>(0) as u64,
            statements: r.get::<_, i64>(1) as u64,
            speakers: r.get::<_, i64>(2) as u64,
        })
    }
}

impl onrecord_store::RecordStore for PgStore {
    type Error = crate::Error;

    fn insert(
        &mut self,
        article: &onrecord_core::Article,
        analysis: &onrecord_core::Analysis,
    ) -> Result<onrecord_store::Inserted> {
        PgStore::insert(self, article, analysis)
    }

    fn insert_batch(
        &mut self,
        items: &[(onrecord_core::Article, onrecord_core::Analysis)],
    ) -> Result<Vec<onrecord_store::Inserted>> {
        PgStore::insert_batch(self, items)
    }

    fn refused(error: &crate::Error) -> bool {
        error.is_invalid_analysis()
    }

    fn statements(&mut self, q: &StatementQuery) -> Result<Vec<StatementRow>> {
        PgStore::statements(self, q)
    }

    fn count_statements(&mut self, q: &StatementQuery) -> Result<u64> {
        PgStore::count_statements(self, q)
    }

    fn speakers(&mut self, q: &SpeakerQuery) -> Result<Vec<SpeakerRow>> {
        PgStore::speakers(self, q)
    }

    fn counts(&mut self) -> Result<Counts> {
        PgStore::counts(self)
    }

    fn figures(&mut self, q: &FigureQuery) -> Result<Vec<FigureRow>> {
        PgStore::figures(self, q)
    }

    fn count_figures(&mut self, q: &FigureQuery) -> Result<u64> {
        PgStore::count_figures(self, q)
    }

    fn events(&mut self, q: &EventQuery) -> Result<Vec<EventRow>> {
        PgStore::events(self, q)
    }

    fn count_events(&mut self, q: &EventQuery) -> Result<u64> {
        PgStore::count_events(self, q)
    }

    fn event_months(&mut self, q: &EventQuery) -> Result<Vec<EventCount>> {
        PgStore::event_months(self, q)
    }

    fn each_statement(
        &mut self,
        q: &StatementQuery,
        f: &mut dyn FnMut(StatementRow) -> ControlFlow<()>,
    ) -> Result<()> {
        PgStore::each_statement(self, q, f)
    }

    fn each_figure(
        &mut self,
        q: &FigureQuery,
        f: &mut dyn FnMut(FigureRow) -> ControlFlow<()>,
    ) -> Result<()> {
        PgStore::each_figure(self, q, f)
    }

    fn each_event(
        &mut self,
        q: &EventQuery,
        f: &mut dyn FnMut(EventRow) -> ControlFlow<()>,
    ) -> Result<()> {
        PgStore::each_event(self, q, f)
    }

    fn each_article(&mut self, f: &mut dyn FnMut(ArticleRow) -> ControlFlow<()>) -> Result<()> {
        PgStore::each_article(self, f)
    }
}
