//! Figures on the web pages: the `/figures` list with its filters and, when the list is one
//! thing measured over time, a small plot of its history; and the figures of one article,
//! marked in its text and listed under it.
//!
//! The plot is an inline SVG drawn on the server, in a viewBox stretched to the page's width;
//! its points are round line caps with strokes that do not scale, so they stay round, and
//! its labels are HTML beside it (see `timeline.rs` for why text stays out of a stretched
//! SVG).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use maud::{html, Markup};
use onrecord_core::Day;
use onrecord_store::{format_number, FigureRow};

use crate::days::with_weekday;
use crate::figures::{figure_query, RawFigures};
use crate::pages::{enc, layout, page_query, PageResult};
use crate::params::Mode;
use crate::state::AppState;

/// Figures on one page of the list.
const PAGE_SIZE: usize = 50;

/// `/figures`: the figures articles state, oldest first, filtered like the API.
pub(crate) async fn figures(
    State(state): State<AppState>,
    q: Result<Query<RawFigures>, QueryRejection>,
) -> PageResult {
    let raw = page_query(q)?;
    let mut query = figure_query(&raw, Mode::Lenient)?;
    let filters = query.clone();
    let (rows, total) = state
        .read(move |store| {
            query.limit = Some(PAGE_SIZE);
            let rows = store.figures(&query)?;
            let total = store.count_figures(&query)?;
            Ok((rows, total))
        })
        .await?;
    let link = |offset: usize| {
        let mut params: Vec<String> = Vec::new();
        let mut push = |k: &str, v: &Option<String>| {
            if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
                params.push(format!("{k}={}", enc(v)));
            }
        };
        push("speaker", &raw.speaker);
        push("unit", &raw.unit);
        push("subject", &raw.subject);
        push("bound", &raw.bound);
        push("sourced", &raw.sourced);
        push("outlet", &raw.outlet);
        push("from", &raw.from);
        push("to", &raw.to);
        push("article_id", &raw.article_id);
        params.push(format!("offset={offset}"));
        format!("/figures?{}", params.join("&"))
    };
    let next = filters.offset + rows.len();
    Ok(layout(
        "Figures",
        None,
        html! {
            h1 { "Figures" }
            p.muted {
                "Counts, sums, shares and durations the articles state, oldest first, each with who gives it. "
                "One source's figures for one thing read as that figure's history: give a speaker and a unit or the words of what is counted."
            }
            form.filters method="get" action="/figures" {
                label { "Given by " input type="search" name="speaker" value=[raw.speaker.as_deref()] placeholder="any spelling"; }
                label { "Unit " input type="search" name="unit" value=[raw.unit.as_deref()] placeholder="usd, percent, civilians…"; }
                label { "Counting " input type="search" name="subject" value=[raw.subject.as_deref()] placeholder="killed"; }
                label { input type="checkbox" name="sourced" value="true" checked[raw.sourced.as_deref() == Some("true")]; " only figures someone gives" }
                button type="submit" { "Show" }
            }
            p { (total) " " @if total == 1 { "figure" } @else { "figures" } }
            @if let Some(plot) = history(&rows) { (plot) }
            @if !rows.is_empty() {
                table.figures {
                    thead { tr { th { "Day" } th { "Figure" } th { "Given by" } th { "Counting" } th { "Article" } } }
                    tbody {
                        @for r in &rows {
                            tr {
                                td { (figure_day(r)) }
                                td { strong { (r.reading()) } br; span.muted { "“" (r.text) "”" } }
                                td { (given_by(r)) }
                                td { (r.subject.as_deref().unwrap_or("—")) }
                                td {
                                    a href=(format!("/articles/{}#f{}", r.article.row, r.id)) {
                                        (r.article.title.as_deref().unwrap_or(&r.article.id))
                                    }
                                    @if let Some(o) = &r.article.outlet { br; span.muted { (o) } }
                                }
                            }
                        }
                    }
                }
            }
            nav.pages aria-label="Pages of figures" {
                @if filters.offset > 0 {
                    a href=(link(filters.offset.saturating_sub(PAGE_SIZE))) rel="prev" { "← Earlier" }
                }
                @if (next as u64) < total {
                    a href=(link(next)) rel="next" { "Later →" }
                }
            }
        },
    ))
}

fn figure_day(r: &FigureRow) -> Markup {
    html! {
        @match (r.day, r.effective_day) {
            (Some(d), _) => time datetime=(d.to_string()) { (with_weekday(d)) },
            (None, Some(d)) if r.statement.is_some() => time datetime=(d.to_string()) { (with_weekday(d)) },
            (None, Some(d)) => {
                time datetime=(d.to_string()) { (with_weekday(d)) } " "
                span.muted title="The article's publication day: the text does not say which day the figure refers to." { "(published)" }
            },
            (None, None) => span.muted { "day unknown" },
        }
    }
}

/// Who gives a figure: the speaker's page, the unresolved mention, or the article itself.
pub(crate) fn given_by(r: &FigureRow) -> Markup {
    html! {
        @match (&r.speaker, &r.source) {
            (Some(s), _) => a href=(format!("/speakers/{}", s.id)) { (s.name) },
            (None, Some(src)) => span.muted title="The source mention could not be resolved to a named speaker." { "(" (src) ")" },
            (None, None) => span.muted title="No one is credited: the article states it." { "the article" },
        }
    }
}

/// Who gives a figure, as plain text for tooltips: the speaker, else the source mention, else
/// the article itself.
pub(crate) fn giver(r: &FigureRow) -> &str {
    r.speaker
        .as_ref()
        .map(|s| s.name.as_str())
        .or(r.source.as_deref())
        .unwrap_or("the article")
}

/// The plot of a figure's history: drawn when the list is one unit over at least two days.
fn history(rows: &[FigureRow]) -> Option<Markup> {
    let points: Vec<(Day, f64, f64, &FigureRow)> = rows
        .iter()
        .filter_map(|r| {
            let d = r.effective_day?;
            Some((d, r.value, r.value_high.unwrap_or(r.value), r))
        })
        .collect();
    let unit = &points.first()?.3.unit;
    let days: std::collections::BTreeSet<Day> = points.iter().map(|p| p.0).collect();
    if points.len() < 2 || days.len() < 2 || points.iter().any(|p| &p.3.unit != unit) {
        return None;
    }
    let (first, last) = (*days.first()?, *days.last()?);
    let top = points.iter().map(|p| p.2).fold(f64::MIN, f64::max);
    let bottom = points.iter().map(|p| p.1).fold(f64::MAX, f64::min).min(0.0);
    let span_days = (last - first).num_days().max(1) as f64;
    let (w, h, pad) = (720.0, 160.0, 8.0);
    let x = |d: Day| pad + (d - first).num_days() as f64 / span_days * (w - 2.0 * pad);
    let y = |v: f64| {
        let range = (top - bottom).max(f64::EPSILON);
        h - pad - (v - bottom) / range * (h - 2.0 * pad)
    };
    let summary = format!(
        "{} figures in {unit} from {} to {}, between {} and {}",
        points.len(),
        first,
        last,
        format_number(bottom.max(points.iter().map(|p| p.1).fold(f64::MAX, f64::min))),
        format_number(top)
    );
    Some(html! {
        figure.history {
            div.history-plot {
                div.history-values aria-hidden="true" {
                    span { (format_number(top)) }
                    span { (format_number(bottom)) }
                }
                svg viewBox=(format!("0 0 {w} {h}")) preserveAspectRatio="none" role="img" aria-label=(summary) {
                    line.axis x1="0" y1=(y(bottom)) x2=(w) y2=(y(bottom)) vector-effect="non-scaling-stroke" {}
                    @for (d, lo, hi, r) in &points {
                        g {
                            title { (d.to_string()) ": " (r.reading()) " — " (giver(r)) }
                            @if hi > lo {
                                line.range x1=(x(*d)) y1=(y(*lo)) x2=(x(*d)) y2=(y(*hi)) vector-effect="non-scaling-stroke" {}
                            }
                            line.point x1=(x(*d)) y1=(y(*hi)) x2=(x(*d)) y2=(y(*hi)) vector-effect="non-scaling-stroke" {}
                        }
                    }
                }
            }
            figcaption.history-days {
                span { (with_weekday(first)) }
                span.muted { (unit) }
                span { (with_weekday(last)) }
            }
        }
    })
}

/// The list of an article's figures, under its statements.
pub(crate) fn article_figures(rows: &[FigureRow]) -> Markup {
    html! {
        @if !rows.is_empty() {
            section aria-labelledby="figures-h" {
                h2 #figures-h { "Figures in this article" }
                ol.article-figures {
                    @for r in rows {
                        li {
                            strong { (r.reading()) }
                            " — " (given_by(r))
                            @if let Some(s) = &r.subject { span.muted { " · counting: " (s) } }
                            " · " a href=(format!("#f{}", r.id)) { "show in text" }
                        }
                    }
                }
            }
        }
    }
}
