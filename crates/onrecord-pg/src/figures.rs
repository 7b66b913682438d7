//! The figure queries of `onrecord figures` and `export --table figures` on PostgreSQL,
//! with the filters of `onrecord_store::FigureQuery` read as the SQLite store reads them.

use std::ops::ControlFlow;

use onrecord_core::fold;
use onrecord_store::{FigureQuery, FigureRow};

use crate::read::{speaker_match, Args};
use crate::rows::{figure_row, FIGURE_COLUMNS};
use crate::{PgStore, Result};

/// The conditions of a figure query over `figures f` and `articles a`: current articles
/// only.
fn figure_filter(q: &FigureQuery, args: &mut Args) -> String {
    let mut clauses = vec!["a.superseded_by IS NULL".to_string()];
    if let Some(speaker) = &q.speaker {
        clauses.push(speaker_match("f.speaker", speaker, args));
    }
    if let Some(unit) = &q.unit {
        clauses.push(format!(
            "f.unit = {}",
            args.push(unit.trim().to_lowercase())
        ));
    }
    if let Some(words) = &q.subject {
        // whole folded words of the subject or the unit; folded text holds only
        // `[a-z0-9 ]`, so the patterns need no escaping
        for w in fold(words).split_whitespace() {
            let p = args.push(format!("% {w} %"));
            clauses.push(format!(
                "(' ' || coalesce(f.subject_folded, '') || ' ' || f.unit || ' ') LIKE {p}"
            ));
        }
    }
    if let Some(b) = q.bound {
        clauses.push(format!("f.bound = {}", args.push(b.as_str().to_string())));
    }
    if let Some(from) = q.from {
        let d = args.push(from.to_string());
        clauses.push(format!("f.effective_day >= {d}::text::date"));
    }
    if let Some(to) = q.to {
        let d = args.push(to.to_string());
        clauses.push(format!("f.effective_day <= {d}::text::date"));
    }
    if let Some(outlet) = &q.outlet {
        clauses.push(format!("a.outlet_folded = {}", args.push(fold(outlet))));
    }
    if let Some(article) = &q.article {
        clauses.push(format!("a.external_id = {}", args.push(article.clone())));
    }
    if q.sourced {
        clauses.push("f.speaker IS NOT NULL".into());
    }
    clauses.join(" AND ")
}

fn figure_select(q: &FigureQuery) -> (String, Args) {
    let mut args = Args::default();
    let filter = figure_filter(q, &mut args);
    let mut sql = format!(
        "SELECT {FIGURE_COLUMNS}
         FROM figures f
         JOIN articles a ON a.id = f.article
         LEFT JOIN speakers p ON p.id = f.speaker
         WHERE {filter}
         ORDER BY f.effective_day IS NULL, f.effective_day, f.article, f.position"
    );
    args.limit(&mut sql, q.limit, q.offset);
    (sql, args)
}

impl PgStore {
    /// Figures of current articles matching `q`, oldest first (unknown days last), then by
    /// article and position; as `onrecord_store::Store::figures`.
    pub fn figures(&mut self, q: &FigureQuery) -> Result<Vec<FigureRow>> {
        let (sql, args) = figure_select(q);
        let rows = self.client.query(&sql, &args.refs())?;
        Ok(rows.iter().map(figure_row).collect())
    }

    /// Every figure matching `q`, in the order of [`PgStore::figures`], a batch at a time.
    pub fn each_figure(
        &mut self,
        q: &FigureQuery,
        f: &mut dyn FnMut(FigureRow) -> ControlFlow<()>,
    ) -> Result<()> {
        let (sql, args) = figure_select(q);
        self.stream(&sql, &args.refs(), &mut |r| f(figure_row(r)))
    }

    /// The figures of stored article `row` (any version), in text order.
    pub fn article_figures(&mut self, row: i64) -> Result<Vec<FigureRow>> {
        let sql = format!(
            "SELECT {FIGURE_COLUMNS}
             FROM figures f
             JOIN articles a ON a.id = f.article
             LEFT JOIN speakers p ON p.id = f.speaker
             WHERE f.article = $1
             ORDER BY f.position"
        );
        let rows = self.client.query(&sql, &[&row])?;
        Ok(rows.iter().map(figure_row).collect())
    }

    /// How many figures match `q`, ignoring its limit and offset.
    pub fn count_figures(&mut self, q: &FigureQuery) -> Result<u64> {
        let mut args = Args::default();
        let filter = figure_filter(q, &mut args);
        let sql = format!(
            "SELECT count(*) FROM figures f JOIN articles a ON a.id = f.article WHERE {filter}"
        );
        let n: i64 = self.client.query_one(&sql, &args.refs())?.get(0);
        Ok(n as u64)
    }
}
