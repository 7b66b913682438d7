//! Stored figures (schema step 9): the quantities articles state, with who gives them, and
//! the queries behind `onrecord figures`, the API and a figure's history across articles
//! ("the UN's civilian death toll over time" is one query: speaker, unit and subject words).

use onrecord_core::{fold, Bound, Day};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Row};

use crate::read::{current_statement, push_limit, speaker_match, SpeakerRef, StatementArticle};
use crate::{day_from_sql, day_to_sql, kind_from_sql, Result, Store};

/// Filters for [`Store::figures`]. Every filter that is set must match.
#[derive(Clone, Debug, Default)]
pub struct FigureQuery {
    /// Who gives the figure: matches like [`crate::StatementQuery::speaker`].
    pub speaker: Option<String>,
    /// The unit, as stored (`usd`, `percent`, `civilians`), compared lower-case.
    pub unit: Option<String>,
    /// Words that must all appear in what is counted (the subject) or the unit, as whole
    /// words after folding: `killed`, `civilians killed`.
    pub subject: Option<String>,
    /// The bound: `exact`, `at_least`, `more_than`, `at_most`, `less_than`, `about`,
    /// `range`.
    pub bound: Option<Bound>,
    /// First day, inclusive, of the figure's effective day (the day it refers to, else the
    /// day of the statement it is part of, else the article's publication day).
    pub from: Option<Day>,
    /// Last day, inclusive.
    pub to: Option<Day>,
    /// The outlet, compared folded.
    pub outlet: Option<String>,
    /// Only figures of the article with this `Article::id`.
    pub article: Option<String>,
    /// Only figures someone gives (a statement's speaker), not the article's own.
    pub sourced: bool,
    pub limit: Option<usize>,
    pub offset: usize,
}

/// One stored figure.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureRow {
    pub id: i64,
    pub article: StatementArticle,
    /// Index of the figure among its article's figures.
    pub position: usize,
    /// As written: "At least 2,899".
    pub text: String,
    /// `[start, end)` in code points of the article text.
    pub span: [usize; 2],
    /// The value, or a range's lower end; `value_high` is a range's upper end.
    pub value: f64,
    pub value_high: Option<f64>,
    pub unit: String,
    pub bound: Bound,
    pub subject: Option<String>,
    /// The source mention as written ("the UN", "he").
    pub source: Option<String>,
    /// Who gives it, when the figure is part of a statement with a named speaker.
    pub speaker: Option<SpeakerRef>,
    /// The id of the stored statement the figure is part of.
    pub statement: Option<i64>,
    pub day: Option<Day>,
    pub effective_day: Option<Day>,
}

impl FigureRow {
    /// The figure as a reader takes it in: "≥ 2,899 civilians", "100–200 people",
    /// "~7,700,000 people".
    pub fn reading(&self) -> String {
        let value = match self.value_high {
            Some(h) => format!("{}\u{2013}{}", format_number(self.value), format_number(h)),
            None => format_number(self.value),
        };
        let sign = match self.bound {
            Bound::Exact | Bound::Range => "",
            Bound::AtLeast => "\u{2265} ",
            Bound::MoreThan => "> ",
            Bound::AtMost => "\u{2264} ",
            Bound::LessThan => "< ",
            Bound::About => "~",
        };
        format!("{sign}{value} {}", self.unit)
            .trim_end()
            .to_string()
    }
}

/// A value as people write it: thousands separated, no trailing zeros ("2,899", "33.33").
pub fn format_number(v: f64) -> String {
    if v.fract() != 0.0 || v.abs() >= 1e15 {
        return format!("{v}");
    }
    let digits = format!("{}", v.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// The bound from its stored name.
pub fn bound_from_str(s: &str) -> Option<Bound> {
    [
        Bound::Exact,
        Bound::AtLeast,
        Bound::MoreThan,
        Bound::AtMost,
        Bound::LessThan,
        Bound::About,
        Bound::Range,
    ]
    .into_iter()
    .find(|b| b.as_str() == s)
}

const FIGURE_COLUMNS: &str = "f.id, f.position, f.text, f.span, f.value, f.value_high, f.unit,
     f.bound, f.subject, f.source, f.day, f.effective_day,
     a.id, a.external_id, a.title, a.outlet, a.url, a.published, a.published_confidence,
     p.id, p.key, p.name, p.kind, p.role, p.affiliation,
     (SELECT s.id FROM statements s WHERE s.article = f.article AND s.position = f.statement)";

fn figure_row(r: &Row<'_>) -> rusqlite::Result<FigureRow> {
    let span: String = r.get(3)?;
    let speaker = match r.get::<_, Option<i64>>(19)? {
        Some(id) => Some(SpeakerRef {
            id,
            key: r.get(20)?,
            name: r.get(21)?,
            kind: kind_from_sql(&r.get::<_, String>(22)?),
            role: r.get(23)?,
            affiliation: r.get(24)?,
        }),
        None => None,
    };
    Ok(FigureRow {
        id: r.get(0)?,
        position: r.get::<_, i64>(1)? as usize,
        text: r.get(2)?,
        span: serde_json::from_str(&span).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, e.into())
        })?,
        value: r.get(4)?,
        value_high: r.get(5)?,
        unit: r.get(6)?,
        bound: bound_from_str(&r.get::<_, String>(7)?).unwrap_or(Bound::Exact),
        subject: r.get(8)?,
        source: r.get(9)?,
        day: day_from_sql(r.get(10)?),
        effective_day: day_from_sql(r.get(11)?),
        article: StatementArticle {
            row: r.get(12)?,
            id: r.get(13)?,
            title: r.get(14)?,
            outlet: r.get(15)?,
            url: r.get(16)?,
            published: day_from_sql(r.get(17)?),
            published_confidence: r.get::<_, Option<f64>>(18)?.map(|c| c as f32),
        },
        speaker,
        statement: r.get(25)?,
    })
}

fn figure_filter(q: &FigureQuery, versions: bool) -> (String, Vec<Value>) {
    let mut clauses: Vec<String> = vec![current_statement("f.article", versions)];
    let mut args: Vec<Value> = Vec::new();
    if let Some(speaker) = &q.speaker {
        let (clause, a) = speaker_match("f.speaker", speaker);
        clauses.push(clause);
        args.extend(a);
    }
    if let Some(unit) = &q.unit {
        clauses.push("f.unit = ?".into());
        args.push(Value::Text(unit.trim().to_lowercase()));
    }
    if let Some(words) = &q.subject {
        // whole folded words of the subject or the unit; folded text holds only
        // `[a-z0-9 ]`, so the patterns need no escaping
        for w in fold(words).split_whitespace() {
            clauses.push(
                "(' ' || coalesce(f.subject_folded, '') || ' ' || f.unit || ' ') LIKE ?".into(),
            );
            args.push(Value::Text(format!("% {w} %")));
        }
    }
    if let Some(b) = q.bound {
        clauses.push("f.bound = ?".into());
        args.push(Value::Text(b.as_str().into()));
    }
    if let Some(from) = q.from {
        clauses.push("f.effective_day >= ?".into());
        args.push(Value::Text(day_to_sql(Some(from)).unwrap_or_default()));
    }
    if let Some(to) = q.to {
        clauses.push("f.effective_day <= ?".into());
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
    if q.sourced {
        clauses.push("f.speaker IS NOT NULL".into());
    }
    (clauses.join(" AND "), args)
}

impl Store {
    /// Figures of current article versions matching `q`, oldest first (unknown days last),
    /// then by article and position: a history reads top to bottom.
    pub fn figures(&self, q: &FigureQuery) -> Result<Vec<FigureRow>> {
        let mut rows = Vec::new();
        self.each_figure(q, |r| {
            rows.push(r);
            Ok(())
        })?;
        Ok(rows)
    }

    /// Every figure matching `q`, in the order of [`Store::figures`], handed to `f` one at a
    /// time as SQLite reads it (exports).
    pub fn each_figure(
        &self,
        q: &FigureQuery,
        mut f: impl FnMut(FigureRow) -> Result<()>,
    ) -> Result<()> {
        let (filter, mut args) = figure_filter(q, self.has_versions()?);
        let mut sql = format!(
            "SELECT {FIGURE_COLUMNS}
             FROM figures f
             JOIN articles a ON a.id = f.article
             LEFT JOIN speakers p ON p.id = f.speaker
             WHERE {filter}
             ORDER BY f.effective_day IS NULL, f.effective_day, f.article, f.position"
        );
        push_limit(&mut sql, &mut args, q.limit, q.offset);
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st.query(params_from_iter(args))?;
        while let Some(r) = rows.next()? {
            f(figure_row(r)?)?;
        }
        Ok(())
    }

    /// The figures of stored article `row` (any version), in text order.
    pub fn article_figures(&self, row: i64) -> Result<Vec<FigureRow>> {
        let sql = format!(
            "SELECT {FIGURE_COLUMNS}
             FROM figures f
             JOIN articles a ON a.id = f.article
             LEFT JOIN speakers p ON p.id = f.speaker
             WHERE f.article = ?1
             ORDER BY f.position"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st
            .query_map([row], figure_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// How many figures match `q`, ignoring its limit and offset.
    pub fn count_figures(&self, q: &FigureQuery) -> Result<u64> {
        let (filter, args) = figure_filter(q, self.has_versions()?);
        let sql = format!(
            "SELECT count(*) FROM figures f JOIN articles a ON a.id = f.article WHERE {filter}"
        );
        let n: i64 = self
            .conn
            .query_row(&sql, params_from_iter(args), |r| r.get(0))?;
        Ok(n as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{day, store, Doc};

    #[test]
    fn figures_are_stored_with_their_speaker_and_read_back_as_a_history() {
        let (_dir, mut store) = store();
        let one = Doc::new(
            "1",
            "At least 847 civilians have been killed, the Harbour Council said. Fares rose 12 percent.",
        )
        .published("2031-03-02")
        .body("Harbour Council", &[])
        .says(Some(0), "At least 847 civilians have been killed", Some("2031-03-01"))
        .figure("847", 847.0, "civilians", Some(0))
        .figure("12 percent", 12.0, "percent", None)
        .build();
        let two = Doc::new(
            "2",
            "At least 2,899 civilians have been killed, the council said.",
        )
        .published("2031-05-10")
        .body("Harbour Council", &["the council"])
        .says(Some(0), "At least 2,899 civilians have been killed", None)
        .figure("2,899", 2899.0, "civilians", Some(0))
        .build();
        store.insert(&one.0, &one.1).unwrap();
        store.insert(&two.0, &two.1).unwrap();
        // a re-run adds nothing
        store.insert(&two.0, &two.1).unwrap();

        let q = FigureQuery {
            speaker: Some("harbour council".into()),
            unit: Some("civilians".into()),
            ..FigureQuery::default()
        };
        let rows = store.figures(&q).unwrap();
        let history: Vec<(f64, Option<Day>)> =
            rows.iter().map(|r| (r.value, r.effective_day)).collect();
        // the statement's day, else the article's
        assert_eq!(
            history,
            [
                (847.0, Some(day("2031-03-01"))),
                (2899.0, Some(day("2031-05-10")))
            ]
        );
        assert_eq!(store.count_figures(&q).unwrap(), 2);
        assert!(rows.iter().all(|r| r.statement.is_some()));
        assert_eq!(rows[0].speaker.as_ref().unwrap().name, "Harbour Council");
        assert_eq!(rows[0].text, "847");

        let all = store.figures(&FigureQuery::default()).unwrap();
        assert_eq!(all.len(), 3);
        let sourced = FigureQuery {
            sourced: true,
            ..FigureQuery::default()
        };
        assert_eq!(store.count_figures(&sourced).unwrap(), 2);
        let by_unit = FigureQuery {
            subject: Some("percent".into()),
            ..FigureQuery::default()
        };
        assert_eq!(store.figures(&by_unit).unwrap()[0].value, 12.0);
        let first = rows[0].article.row;
        let of_first: Vec<String> = store
            .article_figures(first)
            .unwrap()
            .into_iter()
            .map(|f| f.text)
            .collect();
        assert_eq!(of_first, ["847", "12 percent"]);
    }
}
