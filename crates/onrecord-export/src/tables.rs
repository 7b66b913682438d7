//! The five tables: their columns (names, types, nullability) and their rows from the store.

use std::ops::ControlFlow;

use onrecord_store::{
    EventParty, EventQuery, EventRow, FigureQuery, FigureRow, RecordStore, SpeakerQuery,
    StatementQuery, StatementRow,
};

use crate::{Cell, Filters, Table};

/// A column's type: text, a whole number, a real number or a calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Str,
    Int,
    Float,
    Date,
}

/// One column of an exported table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub nullable: bool,
}

const fn col(name: &'static str, kind: Kind, nullable: bool) -> Column {
    Column {
        name,
        kind,
        nullable,
    }
}

use Kind::{Date, Float, Int, Str};

const STATEMENTS: &[Column] = &[
    col("id", Int, false),
    col("article_id", Str, false),
    col("title", Str, true),
    col("outlet", Str, true),
    col("url", Str, true),
    col("published", Date, true),
    col("position", Int, false),
    col("speaker", Str, true),
    col("speaker_key", Str, true),
    col("speaker_kind", Str, true),
    col("role", Str, true),
    col("affiliation", Str, true),
    col("day", Date, true),
    col("day_from", Str, true),
    col("effective_day", Date, true),
    col("kind", Str, false),
    col("content", Str, false),
    col("cue", Str, true),
    col("source", Str, true),
    col("audience", Str, true),
    col("restates", Int, true),
    col("speaker_via", Str, true),
    col("speaker_confidence", Float, true),
];

const FIGURES: &[Column] = &[
    col("id", Int, false),
    col("article_id", Str, false),
    col("title", Str, true),
    col("outlet", Str, true),
    col("published", Date, true),
    col("position", Int, false),
    col("text", Str, false),
    col("value", Float, false),
    col("value_high", Float, true),
    col("unit", Str, false),
    col("bound", Str, false),
    col("subject", Str, true),
    col("source", Str, true),
    col("source_name", Str, true),
    col("source_key", Str, true),
    col("statement_id", Int, true),
    col("day", Date, true),
    col("effective_day", Date, true),
];

const EVENTS: &[Column] = &[
    col("id", Int, false),
    col("article_id", Str, false),
    col("title", Str, true),
    col("outlet", Str, true),
    col("published", Date, true),
    col("position", Int, false),
    col("type", Str, false),
    col("mode", Str, true),
    col("trigger", Str, false),
    col("actor", Str, true),
    col("actor_country", Str, true),
    col("actor_sector", Str, true),
    col("recipient", Str, true),
    col("recipient_country", Str, true),
    col("recipient_sector", Str, true),
    col("location", Str, true),
    col("location_country", Str, true),
    col("standing", Str, false),
    col("source_name", Str, true),
    col("source_key", Str, true),
    col("statement_id", Int, true),
    col("day", Date, true),
    col("effective_day", Date, true),
    col("sentence", Str, false),
];

const SPEAKERS: &[Column] = &[
    col("id", Int, false),
    col("key", Str, false),
    col("name", Str, false),
    col("kind", Str, false),
    col("role", Str, true),
    col("affiliation", Str, true),
    col("variants", Str, false),
    col("statements", Int, false),
    col("first_day", Date, true),
    col("last_day", Date, true),
];

const ARTICLES: &[Column] = &[
    col("id", Int, false),
    col("article_id", Str, false),
    col("title", Str, true),
    col("outlet", Str, true),
    col("url", Str, true),
    col("published", Date, true),
    col("published_confidence", Float, true),
    col("language", Str, true),
    col("bylines", Str, true),
    col("version", Int, false),
    col("statements", Int, false),
    col("text", Str, false),
];

/// The columns of `table`, in order.
pub fn columns(table: Table) -> Vec<Column> {
    match table {
        Table::Statements => STATEMENTS,
        Table::Figures => FIGURES,
        Table::Events => EVENTS,
        Table::Speakers => SPEAKERS,
        Table::Articles => ARTICLES,
    }
    .to_vec()
}

fn statement_cells(r: StatementRow) -> Vec<Cell> {
    let sp = r.speaker.as_ref();
    vec![
        Cell::Int(r.id),
        r.article.id.into(),
        r.article.title.into(),
        r.article.outlet.into(),
        r.article.url.into(),
        r.article.published.into(),
        Cell::Int(r.position as i64),
        sp.map(|s| s.name.clone()).into(),
        sp.map(|s| s.key.clone()).into(),
        sp.map(|s| kind_name(s.kind).to_string()).into(),
        sp.and_then(|s| s.role.clone()).into(),
        sp.and_then(|s| s.affiliation.clone()).into(),
        r.day.into(),
        r.day_from.into(),
        r.effective_day.into(),
        Cell::Str(r.kind.as_str().into()),
        r.content.into(),
        r.cue.into(),
        r.source.into(),
        r.audience.into(),
        r.restates.into(),
        r.speaker_via.into(),
        r.speaker_confidence
            .map(onrecord_core::confidence_json)
            .into(),
    ]
}

fn figure_cells(r: FigureRow) -> Vec<Cell> {
    let sp = r.speaker.as_ref();
    vec![
        Cell::Int(r.id),
        r.article.id.into(),
        r.article.title.into(),
        r.article.outlet.into(),
        r.article.published.into(),
        Cell::Int(r.position as i64),
        r.text.into(),
        Cell::Float(r.value),
        r.value_high.into(),
        r.unit.into(),
        Cell::Str(r.bound.as_str().into()),
        r.subject.into(),
        r.source.into(),
        sp.map(|s| s.name.clone()).into(),
        sp.map(|s| s.key.clone()).into(),
        r.statement.into(),
        r.day.into(),
        r.effective_day.into(),
    ]
}

/// Several parties in one cell, " | " between them; `None` when there are none, and
/// empty pieces for parties without the value.
fn joined(v: &[EventParty], f: impl Fn(&EventParty) -> Option<&str>) -> Cell {
    if v.is_empty() || v.iter().all(|p| f(p).is_none()) {
        return Cell::Null;
    }
    Cell::Str(
        v.iter()
            .map(|p| f(p).unwrap_or(""))
            .collect::<Vec<_>>()
            .join(" | "),
    )
}

fn event_cells(r: EventRow) -> Vec<Cell> {
    let sp = r.speaker.as_ref();
    vec![
        Cell::Int(r.id),
        r.article.id.into(),
        r.article.title.into(),
        r.article.outlet.into(),
        r.article.published.into(),
        Cell::Int(r.position as i64),
        Cell::Str(r.kind.as_str().into()),
        r.mode.into(),
        r.trigger.into(),
        joined(&r.actors, |p| Some(p.text.as_str())),
        joined(&r.actors, |p| p.country.as_deref()),
        joined(&r.actors, |p| p.sector.as_deref()),
        joined(&r.recipients, |p| Some(p.text.as_str())),
        joined(&r.recipients, |p| p.country.as_deref()),
        joined(&r.recipients, |p| p.sector.as_deref()),
        r.location.as_ref().map(|p| p.text.clone()).into(),
        r.location.as_ref().and_then(|p| p.country.clone()).into(),
        Cell::Str(r.standing.as_str().into()),
        sp.map(|s| s.name.clone()).into(),
        sp.map(|s| s.key.clone()).into(),
        r.statement.into(),
        r.day.into(),
        r.effective_day.into(),
        r.sentence.into(),
    ]
}

fn kind_name(k: onrecord_core::SpeakerKind) -> &'static str {
    match k {
        onrecord_core::SpeakerKind::Person => "person",
        onrecord_core::SpeakerKind::Body => "body",
    }
}

/// Hand every row of `table` matching `filters` to `f`, in the table's order.
pub(crate) fn rows<S: RecordStore>(
    store: &mut S,
    table: Table,
    filters: &Filters,
    f: &mut dyn FnMut(Vec<Cell>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    // a writer's error is kept aside and stops the reading
    let mut failed: Option<anyhow::Error> = None;
    let mut feed = |cells: Vec<Cell>| match f(cells) {
        Ok(()) => ControlFlow::Continue(()),
        Err(e) => {
            failed = Some(e);
            ControlFlow::Break(())
        }
    };
    let read = match table {
        Table::Statements => {
            let q = StatementQuery {
                speaker: filters.speaker.clone(),
                words: filters.words.clone(),
                from: filters.from,
                to: filters.to,
                outlet: filters.outlet.clone(),
                ..StatementQuery::default()
            };
            store.each_statement(&q, &mut |r| feed(statement_cells(r)))
        }
        Table::Figures => {
            let q = FigureQuery {
                speaker: filters.speaker.clone(),
                subject: filters.words.clone(),
                from: filters.from,
                to: filters.to,
                outlet: filters.outlet.clone(),
                ..FigureQuery::default()
            };
            store.each_figure(&q, &mut |r| feed(figure_cells(r)))
        }
        Table::Events => {
            let q = EventQuery {
                speaker: filters.speaker.clone(),
                from: filters.from,
                to: filters.to,
                outlet: filters.outlet.clone(),
                ..EventQuery::default()
            };
            store.each_event(&q, &mut |r| feed(event_cells(r)))
        }
        Table::Speakers => {
            let q = SpeakerQuery {
                name: filters.speaker.clone(),
                ..SpeakerQuery::default()
            };
            store.speakers(&q).map(|all| {
                for s in all {
                    let variants: Vec<&str> = s.variants.iter().map(|v| v.text.as_str()).collect();
                    let row = vec![
                        Cell::Int(s.id),
                        s.key.into(),
                        s.name.into(),
                        Cell::Str(kind_name(s.kind).into()),
                        s.role.into(),
                        s.affiliation.into(),
                        Cell::Str(variants.join(" | ")),
                        Cell::Int(s.statements as i64),
                        s.first_day.into(),
                        s.last_day.into(),
                    ];
                    if feed(row).is_break() {
                        break;
                    }
                }
            })
        }
        Table::Articles => store.each_article(&mut |a| {
            if a.superseded_by.is_some() {
                return ControlFlow::Continue(());
            }
            let outlet_ok = filters.outlet.as_deref().is_none_or(|o| {
                a.article.outlet.as_deref().map(onrecord_core::fold) == Some(onrecord_core::fold(o))
            });
            let day_ok = filters
                .from
                .is_none_or(|f| a.published.is_some_and(|d| d >= f))
                && filters
                    .to
                    .is_none_or(|t| a.published.is_some_and(|d| d <= t));
            if !outlet_ok || !day_ok {
                return ControlFlow::Continue(());
            }
            feed(vec![
                Cell::Int(a.row),
                a.article.id.into(),
                a.article.title.into(),
                a.article.outlet.into(),
                a.article.url.into(),
                a.published.into(),
                a.published_confidence.map(f64::from).into(),
                a.article.language.into(),
                (!a.article.bylines.is_empty())
                    .then(|| a.article.bylines.join(" | "))
                    .into(),
                Cell::Int(i64::from(a.version)),
                Cell::Int(a.statements as i64),
                a.article.text.into(),
            ])
        }),
    };
    match (read, failed) {
        (_, Some(e)) => Err(e),
        (Err(e), None) => Err(e.into()),
        (Ok(()), None) => Ok(()),
    }
}
