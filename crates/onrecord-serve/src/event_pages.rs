//! Events on the web pages: the `/events` list with its filters and, when the list is a
//! dyad, its timeline by type (months down, types across, each
//! cell shaded by its count: a table, so it reads at phone width and to screen readers);
//! and the events of one article, their trigger words marked in its text beside the
//! figures and listed under it.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use maud::{html, Markup};
use onrecord_core::EventType;
use onrecord_store::{EventCount, EventRow, FigureRow};

use crate::days::with_weekday;
use crate::events::{event_query, RawEvents};
use crate::pages::{enc, layout, page_query, PageResult};
use crate::params::Mode;
use crate::state::AppState;

/// Events on one page of the list.
const PAGE_SIZE: usize = 50;

/// `/events`: events oldest first, filtered like the API, with the timeline of the matches.
pub(crate) async fn events(
    State(state): State<AppState>,
    q: Result<Query<RawEvents>, QueryRejection>,
) -> PageResult {
    let mut raw = page_query(q)?;
    // a checkbox without both parties means nothing: drop it rather than refuse the page
    if raw.actor.as_deref().is_none_or(|a| a.trim().is_empty())
        || raw.recipient.as_deref().is_none_or(|r| r.trim().is_empty())
    {
        raw.both_ways = None;
    }
    let mut query = event_query(&raw, Mode::Lenient)?;
    let filters = query.clone();
    let (rows, total, months) = state
        .read(move |store| {
            query.limit = Some(PAGE_SIZE);
            let rows = store.events(&query)?;
            let total = store.count_events(&query)?;
            let months = store.event_months(&query)?;
            Ok((rows, total, months))
        })
        .await?;
    let link = |offset: usize| {
        let mut params: Vec<String> = Vec::new();
        let mut push = |k: &str, v: &Option<String>| {
            if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
                params.push(format!("{k}={}", enc(v)));
            }
        };
        push("actor", &raw.actor);
        push("recipient", &raw.recipient);
        push("both_ways", &raw.both_ways);
        push("type", &raw.kind);
        push("standing", &raw.standing);
        push("speaker", &raw.speaker);
        push("outlet", &raw.outlet);
        push("from", &raw.from);
        push("to", &raw.to);
        push("article_id", &raw.article_id);
        params.push(format!("offset={offset}"));
        format!("/events?{}", params.join("&"))
    };
    let next = filters.offset + rows.len();
    let chosen =
        |v: &Option<String>, x: &str| v.as_deref().is_some_and(|v| v.eq_ignore_ascii_case(x));
    Ok(layout(
        "Events",
        None,
        html! {
            h1 { "Events" }
            p.muted {
                "Who did what to whom, in PLOVER's sixteen types, oldest first, each with where it stands and who says so. "
                "Give two parties and “either way” for a dyad: Türkiye and Russia, say, month by month."
            }
            form.filters method="get" action="/events" {
                label { "Actor " input type="search" name="actor" value=[raw.actor.as_deref()] placeholder="Türkiye, Ankara, TUR"; }
                label { "Recipient " input type="search" name="recipient" value=[raw.recipient.as_deref()] placeholder="Russia, RUS"; }
                label { input type="checkbox" name="both_ways" value="true" checked[raw.both_ways.as_deref() == Some("true")]; " either way" }
                label { "Type "
                    select name="type" {
                        option value="" { "any" }
                        @for t in EventType::ALL {
                            option value=(t.as_str()) selected[chosen(&raw.kind, t.as_str())] { (t.as_str().to_lowercase()) }
                        }
                    }
                }
                label { "Standing "
                    select name="standing" {
                        option value="" { "any but denied" }
                        @for s in ["happened", "planned", "requested", "offered", "claimed", "hypothetical", "denied"] {
                            option value=(s) selected[chosen(&raw.standing, s)] { (s) }
                        }
                    }
                }
                label { "Said by " input type="search" name="speaker" value=[raw.speaker.as_deref()] placeholder="any spelling"; }
                button type="submit" { "Show" }
            }
            p { (total) " " @if total == 1 { "event" } @else { "events" } }
            @if let Some(t) = timeline(&months) { (t) }
            @if !rows.is_empty() {
                table.events {
                    thead { tr { th { "Day" } th { "Type" } th { "Who → whom" } th { "Standing" } th { "Said by" } th { "Sentence" } } }
                    tbody {
                        @for r in &rows {
                            tr {
                                td { (event_day(r)) }
                                td { strong { (r.kind.as_str()) } @if let Some(m) = &r.mode { br; span.muted { (m) } } }
                                td {
                                    (r.dyad())
                                    @if let Some(p) = &r.location { br; span.muted { "in " (p.text) } }
                                }
                                td { (r.standing.as_str()) }
                                td { (said_by(r)) }
                                td {
                                    (sentence(r))
                                    br;
                                    a href=(format!("/articles/{}#e{}", r.article.row, r.id)) {
                                        (r.article.title.as_deref().unwrap_or(&r.article.id))
                                    }
                                    @if let Some(o) = &r.article.outlet { span.muted { " · " (o) } }
                                }
                            }
                        }
                    }
                }
            }
            nav.pages aria-label="Pages of events" {
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

fn event_day(r: &EventRow) -> Markup {
    html! {
        @match (r.day, r.effective_day) {
            (Some(d), _) => time datetime=(d.to_string()) { (with_weekday(d)) },
            (None, Some(d)) => {
                time datetime=(d.to_string()) { (with_weekday(d)) } " "
                span.muted title="The day it was reported: the text names no day for the event itself." { "(reported)" }
            },
            (None, None) => span.muted { "day unknown" },
        }
    }
}

fn said_by(r: &EventRow) -> Markup {
    html! {
        @match &r.speaker {
            Some(s) => a href=(format!("/speakers/{}", s.id)) { (s.name) },
            None => span.muted title="Reported by the article itself, or by a speaker without a name." { "—" },
        }
    }
}

/// The sentence with the trigger words in bold.
fn sentence(r: &EventRow) -> Markup {
    let chars: Vec<char> = r.sentence.chars().collect();
    let a = r.span[0]
        .saturating_sub(r.sentence_span[0])
        .min(chars.len());
    let b = r.span[1]
        .saturating_sub(r.sentence_span[0])
        .clamp(a, chars.len());
    let piece = |x: usize, y: usize| chars[x..y].iter().collect::<String>();
    html! { (piece(0, a)) strong { (piece(a, b)) } (piece(b, chars.len())) }
}

/// The timeline of the matches: months down, the types that occur across, each cell
/// shaded by its share of the busiest cell.
fn timeline(counts: &[EventCount]) -> Option<Markup> {
    let mut months: Vec<&str> = counts.iter().map(|c| c.month.as_str()).collect();
    months.dedup();
    if months.is_empty() {
        return None;
    }
    let mut types: Vec<EventType> = counts.iter().map(|c| c.kind).collect();
    types.sort();
    types.dedup();
    let top = counts.iter().map(|c| c.count).max().unwrap_or(1).max(1);
    let count = |m: &str, t: EventType| {
        counts
            .iter()
            .find(|c| c.month == m && c.kind == t)
            .map_or(0, |c| c.count)
    };
    Some(html! {
        figure.dyad {
            figcaption { "Events by month and type (by their own day, else the day they were reported)" }
            div.dyad-scroll {
                table.dyad {
                    thead { tr { th scope="col" { "Month" } @for t in &types { th scope="col" { (t.as_str().to_lowercase()) } } } }
                    tbody {
                        @for m in &months {
                            tr {
                                th scope="row" { (m) }
                                @for t in &types {
                                    @let n = count(m, *t);
                                    @if n == 0 {
                                        td.zero { "·" }
                                    } @else {
                                        td style=(format!("--share: {:.2}", n as f64 / top as f64)) { (n) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    })
}

/// What a stretch of an article's text is marked as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Mark {
    /// Index into the article's figures.
    Figure(usize),
    /// Index into the article's events.
    Event(usize),
}

/// The article's figures and event triggers as byte spans into `text`, in text order
/// (a figure wins where the two overlap: it comes first at the same start).
pub(crate) fn text_marks(
    text: &str,
    figures: &[FigureRow],
    events: &[EventRow],
) -> Vec<(usize, usize, Mark)> {
    let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    bytes.push(text.len());
    let to_byte = |cp: usize| bytes[cp.min(bytes.len() - 1)];
    let mut out: Vec<(usize, usize, Mark)> = figures
        .iter()
        .enumerate()
        .map(|(i, r)| (to_byte(r.span[0]), to_byte(r.span[1]), Mark::Figure(i)))
        .chain(
            events
                .iter()
                .enumerate()
                .map(|(i, r)| (to_byte(r.span[0]), to_byte(r.span[1]), Mark::Event(i))),
        )
        .filter(|(a, b, _)| a < b)
        .collect();
    out.sort_unstable();
    out
}

/// A piece of an article's text with its figures and events marked, the piece starting at
/// byte `at` of the text; `marks` from [`text_marks`].
pub(crate) fn marked(
    piece: &str,
    at: usize,
    marks: &[(usize, usize, Mark)],
    figures: &[FigureRow],
    events: &[EventRow],
) -> Markup {
    let end = at + piece.len();
    let mut cuts: Vec<(usize, usize, Option<Mark>)> = Vec::new();
    let mut pos = at;
    for &(a, b, m) in marks.iter().filter(|(a, b, _)| *a < end && *b > at) {
        let (a, b) = (a.max(pos), b.min(end));
        if a < pos || a >= b {
            continue;
        }
        if a > pos {
            cuts.push((pos, a, None));
        }
        cuts.push((a, b, Some(m)));
        pos = b;
    }
    if pos < end {
        cuts.push((pos, end, None));
    }
    html! {
        @for (a, b, m) in cuts {
            @let text = &piece[a - at..b - at];
            @match m {
                Some(Mark::Figure(i)) => {
                    @let r = &figures[i];
                    mark.fig id=(format!("f{}", r.id)) title=(format!("{} · given by {}", r.reading(), crate::figure_pages::giver(r))) { (text) }
                },
                Some(Mark::Event(i)) => {
                    @let r = &events[i];
                    mark.ev id=(format!("e{}", r.id)) title=(event_title(r)) { (text) }
                },
                None => (text),
            }
        }
    }
}

/// "CONSULT · Halvaria → Vardania · planned · per Ana Roe", for tooltips.
fn event_title(r: &EventRow) -> String {
    let mut t = format!(
        "{} · {} · {}",
        r.kind.as_str(),
        r.dyad(),
        r.standing.as_str()
    );
    if let Some(s) = &r.speaker {
        t.push_str(" · per ");
        t.push_str(&s.name);
    }
    t
}

/// The list of an article's events, under its figures. Denied events are listed as such.
pub(crate) fn article_events(rows: &[EventRow]) -> Markup {
    html! {
        @if !rows.is_empty() {
            section aria-labelledby="events-h" {
                h2 #events-h { "Events in this article" }
                ol.article-events {
                    @for r in rows {
                        li {
                            strong { (r.kind.as_str()) } " " (r.dyad())
                            @if let Some(p) = &r.location { " in " (p.text) }
                            span.muted { " · " (r.standing.as_str()) }
                            @if let Some(s) = &r.speaker {
                                " · per " a href=(format!("/speakers/{}", s.id)) { (s.name) }
                            }
                            @if let Some(d) = r.day { " · " time datetime=(d.to_string()) { (with_weekday(d)) } }
                            " · " a href=(format!("#e{}", r.id)) { "show in text" }
                        }
                    }
                }
            }
        }
    }
}
