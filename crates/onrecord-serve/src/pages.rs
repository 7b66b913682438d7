//! The HTML pages: home, search, speakers, one speaker with a timeline, articles, one
//! article with its statements highlighted, where it came from and its versions, and the
//! article's archived copy.
//!
//! Rendered with maud, which escapes every value it is given: article text, titles,
//! speaker names and URLs from the database are untrusted and only ever reach the page as
//! escaped text or attribute values. Links to an article's original URL are made only for
//! `http`/`https` URLs. The pages work without JavaScript; `app.js` adds keyboard
//! shortcuts only. An archived copy is the one page whose bytes are not ours: it is served
//! apart (`/articles/{id}/archived/raw`) under a sandboxing policy, and shown framed in a
//! sandbox by a page of ours that says where it comes from.

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup, DOCTYPE};
use onrecord_core::{Day, PageFacts};
use onrecord_store::{
    search_terms, ArticleQuery, ArticleRow, ArticleVersion, Bucket, FigureRow, SearchOrder,
    SearchQuery, SearchTerm, SpeakerQuery, StatementRow, RANK_CANDIDATES,
};

use crate::archive::{self, Shown};
use crate::changes::Paragraph;
use crate::days::with_weekday;
use crate::error::AppError;
use crate::highlight::{article_pieces, carries_own_marks, term_pieces, Piece};
use crate::params::{self, Mode, RawList, RawSearch};
use crate::state::AppState;
use crate::timeline;
use crate::versions::{self, Compared};

pub const STYLE: &str = include_str!("../assets/style.css");
pub const SCRIPT: &str = include_str!("../assets/app.js");
const STYLE_URL: &str = concat!("/static/style.css?v=", env!("CARGO_PKG_VERSION"));
const SCRIPT_URL: &str = concat!("/static/app.js?v=", env!("CARGO_PKG_VERSION"));

/// Statements on one page of search results.
const PAGE_SIZE: usize = 20;
/// Speakers on one page of the speaker list.
const SPEAKERS_PAGE: usize = 50;
/// Speakers a search may name at most (see [`may_be_a_name`]).
const NAMED_SPEAKERS: usize = 3;
/// Statements listed on a speaker's page (the rest are a search away).
const SPEAKER_STATEMENTS: usize = 100;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/search", get(search))
        .route("/speakers", get(speakers))
        .route("/speakers/{id}", get(speaker))
        .route("/figures", get(crate::figure_pages::figures))
        .route("/events", get(crate::event_pages::events))
        .route("/articles", get(articles))
        .route("/articles/{id}", get(article))
        .route("/articles/{id}/archived", get(archived))
        .route("/articles/{id}/archived/raw", get(archived_raw))
        .route("/static/style.css", get(style))
        .route("/static/app.js", get(script))
}

/// An error shown as a page.
pub struct PageError(pub AppError);

impl From<AppError> for PageError {
    fn from(e: AppError) -> Self {
        PageError(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let AppError { status, message } = self.0;
        (status, error_page(status, &message)).into_response()
    }
}

/// The page that says why a request was refused.
pub(crate) fn error_page(status: StatusCode, message: &str) -> Markup {
    let title = match status {
        StatusCode::NOT_FOUND => "Not found",
        StatusCode::BAD_REQUEST => "Bad request",
        StatusCode::URI_TOO_LONG => "Address too long",
        _ => "Error",
    };
    layout(
        title,
        None,
        html! {
            h1 { (title) }
            p.error { (message) }
            p { a href="/" { "Back to the start page" } }
        },
    )
}

pub async fn not_found() -> PageError {
    PageError(AppError::not_found("There is no page at this address."))
}

pub(crate) type PageResult = Result<Markup, PageError>;

async fn style() -> Response {
    asset(STYLE, "text/css; charset=utf-8")
}

async fn script() -> Response {
    asset(SCRIPT, "text/javascript; charset=utf-8")
}

fn asset(body: &'static str, kind: &'static str) -> Response {
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    res
}

pub(crate) fn page_query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, PageError> {
    q.map(|Query(t)| t).map_err(|e| {
        PageError(AppError::bad_request(format!(
            "The address has an invalid query: {}",
            e.body_text()
        )))
    })
}

fn path_id(p: Result<Path<String>, PathRejection>, what: &str) -> Result<i64, PageError> {
    let not_found = || PageError(AppError::not_found(format!("There is no such {what}.")));
    let Path(raw) = p.map_err(|_| not_found())?;
    raw.parse::<i64>()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(not_found)
}

// ---------------------------------------------------------------------------------------
// Pages

async fn home(State(state): State<AppState>) -> PageResult {
    struct Home {
        summary: std::sync::Arc<crate::state::Summary>,
        latest: Vec<StatementRow>,
    }
    let st = std::sync::Arc::clone(&state);
    let h = state
        .read(move |store| {
            Ok(Home {
                summary: st.summary(store)?,
                latest: store
                    .search(&SearchQuery {
                        order: SearchOrder::Newest,
                        limit: 8,
                        ..SearchQuery::default()
                    })?
                    .hits
                    .into_iter()
                    .map(|h| h.statement)
                    .collect(),
            })
        })
        .await?;
    let c = h.summary.counts;
    Ok(layout(
        "Who said what, when",
        None,
        html! {
            h1 { "On the record" }
            p.counts {
                strong { (c.statements) } " statements by "
                strong { (c.speakers) } " speakers in "
                strong { (c.articles) } " articles"
            }
            @if c.articles == 0 {
                p.notice { "Nothing is on record yet. Fill the database with "
                    code { "onrecord ingest PATH" } " and reload this page." }
            }
            (search_form(&SearchQuery::default(), None))
            div.columns {
                section aria-labelledby="latest-h" {
                    h2 #latest-h { "Latest statements" }
                    ol.statements {
                        @for r in &h.latest { (statement_item(r, &[], true, true)) }
                    }
                    p { a href="/search?sort=newest" { "All statements, newest first" } }
                }
                div {
                    section aria-labelledby="speakers-h" {
                        h2 #speakers-h { "Most quoted" }
                        ol.ranked {
                            @for s in &h.summary.top_speakers {
                                li {
                                    a href=(format!("/speakers/{}", s.id)) { (s.name) }
                                    @if let Some(role) = &s.role { span.muted { " · " (role) } }
                                    " " span.count { (s.statements) }
                                }
                            }
                        }
                        p { a href="/speakers" { "All speakers" } }
                    }
                    section aria-labelledby="outlets-h" {
                        h2 #outlets-h { "Outlets" }
                        ul.ranked {
                            @for o in &h.summary.outlets {
                                li {
                                    a href=(format!("/search?outlet={}&sort=newest", enc(&o.name))) { (o.name) }
                                    " " span.muted { (plural(o.articles, "article")) ", " (plural(o.statements, "statement")) }
                                }
                            }
                        }
                        p { a href="/articles" { "All articles" } }
                    }
                }
            }
        },
    ))
}

async fn search(
    State(state): State<AppState>,
    q: Result<Query<RawSearch>, QueryRejection>,
) -> PageResult {
    let mut raw = page_query(q)?;
    raw.cursor = None; // pages are numbered here; cursors are the API's
    let page = params::page(&raw.page)?;
    let mut sq = params::search(&raw, Mode::Lenient)?;
    sq.limit = PAGE_SIZE;
    sq.after = None;
    sq.offset = (page - 1) * PAGE_SIZE;
    let terms = sq.words.as_deref().map(search_terms).unwrap_or_default();
    // words that may be someone's name: the first page says whose, before the statements
    // that hold those words
    let name = sq
        .words
        .clone()
        .filter(|w| page == 1 && sq.speaker_id.is_none() && may_be_a_name(w));
    let q2 = sq.clone();
    let (hits, total, speaker_name, named) = state
        .read(move |store| {
            let page = store.search(&q2)?;
            let total = store.search_total(&page, &q2)?;
            let speaker_name = match q2.speaker_id {
                Some(id) => store.speaker(id)?.map(|s| s.name),
                None => None,
            };
            let named = match name {
                Some(n) => store.speakers_named(&n, NAMED_SPEAKERS)?,
                None => Vec::new(),
            };
            Ok((page.hits, total, speaker_name, named))
        })
        .await?;
    // a ranked search lists at most RANK_CANDIDATES matches (see the store)
    let ranked = sq.order.effective(!terms.is_empty()) == SearchOrder::Rank;
    let listed = if ranked {
        (total as usize).min(RANK_CANDIDATES)
    } else {
        total as usize
    };
    let pages = listed.div_ceil(PAGE_SIZE).max(1);
    let title = match &sq.words {
        Some(w) => format!("“{w}”"),
        None => "Search".into(),
    };
    let link = |p: usize| search_url(&sq, Some(p));
    Ok(layout(
        &title,
        sq.words.as_deref(),
        html! {
            h1 { "Search statements" }
            (search_form(&sq, speaker_name.as_deref()))
            @if !named.is_empty() {
                div.speaker-hint role="note" {
                    @for s in &named {
                        p {
                            strong { (s.name) }
                            " — " (plural(s.statements, "statement"))
                            @if let Some(r) = &s.role { " · " span.muted { (r) } }
                            ", " a href=(format!("/speakers/{}", s.id)) { "see the speaker's page" }
                        }
                    }
                }
            }
            p.result-count role="status" {
                @if total == 0 { "No statements match." }
                @else if total == 1 { "1 statement" }
                @else { (total) " statements" }
                @if sq.undated && total > 0 { " without a day" }
                @if sq.words.is_some() && total > 0 {
                    ", " (match sq.order.effective(true) {
                        SearchOrder::Rank => "best match first",
                        SearchOrder::Newest => "newest first",
                        SearchOrder::Oldest => "oldest first",
                    })
                }
                @if ranked && listed < total as usize {
                    " among the " (RANK_CANDIDATES) " most recent ("
                    a href=(search_url(&SearchQuery { order: SearchOrder::Newest, ..sq.clone() }, None)) {
                        "list all of them, newest first"
                    }
                    ")"
                }
            }
            @if total > 0 {
                (downloads(&sq, &if total == 1 { "this statement".to_string() } else { format!("all {total} statements") }))
            }
            ol.statements start=(sq.offset + 1) {
                @for h in &hits { (statement_item(&h.statement, &terms, true, true)) }
            }
            @if pages > 1 {
                nav.pages aria-label="Pages of results" {
                    @if page > 1 { a rel="prev" href=(link(page - 1)) { "← Previous" } }
                    span { "Page " (page) " of " (pages) }
                    @if page < pages.min(1000) { a rel="next" href=(link(page + 1)) { "Next →" } }
                }
            }
        },
    ))
}

async fn speakers(
    State(state): State<AppState>,
    q: Result<Query<RawList>, QueryRejection>,
) -> PageResult {
    let raw = page_query(q)?;
    let page = params::page(&raw.page)?;
    let name = params::name(&raw.name, "name")?;
    let name2 = name.clone();
    let mut rows = state
        .read(move |store| {
            Ok(store.speakers(&SpeakerQuery {
                name: name2,
                limit: Some(SPEAKERS_PAGE + 1),
                offset: (page - 1) * SPEAKERS_PAGE,
            })?)
        })
        .await?;
    let more = rows.len() > SPEAKERS_PAGE;
    rows.truncate(SPEAKERS_PAGE);
    let link = |p: usize| {
        let mut u = format!("/speakers?page={p}");
        if let Some(n) = &name {
            u.push_str(&format!("&name={}", enc(n)));
        }
        u
    };
    Ok(layout(
        "Speakers",
        None,
        html! {
            h1 { "Speakers" }
            form.inline role="search" action="/speakers" method="get" {
                label for="speaker-name" { "Name, any spelling" }
                input #speaker-name type="search" name="name" value=[name.as_deref()];
                button type="submit" { "Find" }
            }
            @if rows.is_empty() { p { "No speakers match." } }
            @else {
                div.table-wrap {
                    table.speakers {
                        thead { tr {
                            th scope="col" { "Name" } th scope="col" { "Role" }
                            th scope="col" { "Affiliation" } th scope="col" .num { "Statements" }
                            th scope="col" { "First" } th scope="col" { "Last" }
                        } }
                        tbody {
                            @for s in &rows {
                                tr {
                                    th scope="row" { a href=(format!("/speakers/{}", s.id)) { (s.name) } }
                                    td { (s.role.as_deref().unwrap_or("")) }
                                    td { (s.affiliation.as_deref().unwrap_or("")) }
                                    td.num { (s.statements) }
                                    td { (day_opt(s.first_day)) }
                                    td { (day_opt(s.last_day)) }
                                }
                            }
                        }
                    }
                }
            }
            @if page > 1 || more {
                nav.pages aria-label="Pages of speakers" {
                    @if page > 1 { a rel="prev" href=(link(page - 1)) { "← Previous" } }
                    span { "Page " (page) }
                    @if more { a rel="next" href=(link(page + 1)) { "Next →" } }
                }
            }
        },
    ))
}

async fn speaker(
    State(state): State<AppState>,
    p: Result<Path<String>, PathRejection>,
    q: Result<Query<RawList>, QueryRejection>,
) -> PageResult {
    let id = path_id(p, "speaker")?;
    let raw = page_query(q)?;
    let asked = params::bucket(&raw.by, Mode::Lenient)?;
    let (row, points, bucket, statements) = state
        .read(move |store| {
            let Some(row) = store.speaker(id)? else {
                return Err(AppError::not_found("There is no such speaker."));
            };
            let bucket =
                asked.unwrap_or_else(|| timeline::auto_bucket(row.first_day, row.last_day));
            let points = store.speaker_timeline(id, bucket)?;
            let statements = store
                .search(&SearchQuery {
                    speaker_id: Some(id),
                    order: SearchOrder::Newest,
                    limit: SPEAKER_STATEMENTS,
                    ..SearchQuery::default()
                })?
                .hits
                .into_iter()
                .map(|h| h.statement)
                .collect::<Vec<_>>();
            Ok((row, points, bucket, statements))
        })
        .await?;
    let sid = row.id;
    let bar_link =
        move |a: Day, b: Day| format!("/search?speaker_id={sid}&from={a}&to={b}&sort=oldest");
    // group by effective day, newest first (the order they come in)
    let mut groups: Vec<(Option<Day>, Vec<&StatementRow>)> = Vec::new();
    for s in &statements {
        match groups.last_mut() {
            Some((d, v)) if *d == s.effective_day => v.push(s),
            _ => groups.push((s.effective_day, vec![s])),
        }
    }
    let by_link = |b: &str| format!("/speakers/{sid}?by={b}");
    // statements the timeline cannot place: neither they nor their article have a day
    let dated: u64 = points.iter().map(|p| p.statements).sum();
    let undated = row.statements.saturating_sub(dated);
    Ok(layout(
        &row.name,
        None,
        html! {
            header.speaker-head {
                h1 { (row.name) }
                p.role {
                    @if let Some(r) = &row.role { (r) }
                    @if row.role.is_some() && row.affiliation.is_some() { ", " }
                    @if let Some(a) = &row.affiliation { (a) }
                    @if row.role.is_none() && row.affiliation.is_none() {
                        span.muted { "No role or affiliation on record" }
                    }
                    " " span.kind { (crate::days::kind(row.kind)) }
                }
                dl.facts {
                    dt { "Statements" } dd { (row.statements) }
                    dt { "Figures" }
                    dd { a href=(format!("/figures?speaker={}", enc(&row.name))) { "the figures " (row.name) " gives" } }
                    dt { "Events" }
                    dd {
                        a href=(format!("/events?speaker={}", enc(&row.name))) { "the events " (row.name) " reports" }
                        " · "
                        a href=(format!("/events?actor={}", enc(&row.name))) { "what " (row.name) " did" }
                    }
                    dt { "First" } dd { (day_opt(row.first_day)) }
                    dt { "Last" } dd { (day_opt(row.last_day)) }
                    dt { "Written as" }
                    dd {
                        @for (i, v) in row.variants.iter().enumerate() {
                            @if i > 0 { ", " }
                            span.variant { (v.text) } " " span.muted { "(" (v.count) ")" }
                        }
                    }
                }
            }
            section aria-labelledby="timeline-h" {
                h2 #timeline-h { "Timeline" }
                nav.toggle aria-label="Timeline scale" {
                    "By: "
                    @if bucket == Bucket::Day { strong aria-current="true" { "day" } }
                    @else { a href=(by_link("day")) { "day" } }
                    " · "
                    @if bucket == Bucket::Week { strong aria-current="true" { "week" } }
                    @else { a href=(by_link("week")) { "week" } }
                }
                (timeline::svg(&points, bucket, &row.name, bar_link))
                @if undated > 0 {
                    p.undated {
                        strong { (plural(undated, "statement")) }
                        @if undated == 1 { " has no day: neither the statement nor its article says when it was made, so it is not on the timeline. " }
                        @else { " have no day: neither the statements nor their articles say when they were made, so they are not on the timeline. " }
                        a href=(format!("/search?speaker_id={sid}&undated=true&sort=newest")) {
                            @if undated == 1 { "Show the statement without a day" }
                            @else { "Show the " (undated) " statements without a day" }
                        }
                    }
                }
                @if !points.is_empty() {
                    details.counts-table {
                        summary { "Counts as a table" }
                        table {
                            thead { tr { th scope="col" { @if bucket == Bucket::Week { "Week of" } @else { "Day" } } th scope="col" .num { "Statements" } } }
                            tbody {
                                @for p in &points {
                                    tr {
                                        td { a href=(bar_link(p.day, p.day + chrono::Duration::days(if bucket == Bucket::Week { 6 } else { 0 }))) { (day_html(p.day)) } }
                                        td.num { (p.statements) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="statements-h" {
                h2 #statements-h { "Statements by day" }
                @if row.statements > 0 {
                    (downloads(&SearchQuery { speaker_id: Some(sid), ..SearchQuery::default() },
                        &if row.statements == 1 { "the statement".to_string() } else { format!("all {} statements", row.statements) }))
                }
                @if row.statements as usize > statements.len() {
                    p.muted { "The latest " (statements.len()) " of " (row.statements) ". "
                        a href=(format!("/search?speaker_id={sid}&sort=newest")) { "Search all of them" } "." }
                }
                @for (d, items) in &groups {
                    section.day {
                        h3 { @match d { Some(d) => (day_html(*d)), None => "Day unknown" } }
                        ul.statements {
                            @for s in items { (statement_item(s, &[], false, false)) }
                        }
                    }
                }
            }
        },
    ))
}

async fn articles(
    State(state): State<AppState>,
    q: Result<Query<RawList>, QueryRejection>,
) -> PageResult {
    let raw = page_query(q)?;
    let outlet = params::name(&raw.outlet, "outlet")?;
    let after = params::cursor(&raw.cursor)?;
    let aq = ArticleQuery {
        outlet: outlet.clone(),
        limit: 50,
        after: after.clone(),
        ..ArticleQuery::default()
    };
    if let Some(c) = &aq.after {
        params::bound(c, aq.fingerprint())?;
    }
    let page = state.read(move |store| Ok(store.articles(&aq)?)).await?;
    let with_outlet = |mut u: String| {
        if let Some(o) = &outlet {
            u.push_str(&format!(
                "{}outlet={}",
                if u.contains('?') { "&" } else { "?" },
                enc(o)
            ));
        }
        u
    };
    Ok(layout(
        "Articles",
        None,
        html! {
            h1 { "Articles" @if let Some(o) = &outlet { " from " (o) } }
            @if page.articles.is_empty() { p { "No articles." } }
            ol.articles {
                @for a in &page.articles {
                    li {
                        a href=(format!("/articles/{}", a.row)) { (a.title.as_deref().unwrap_or(&a.id)) }
                        p.meta {
                            @if let Some(o) = &a.outlet { (o) " · " }
                            @if !a.bylines.is_empty() { (byline(&a.bylines)) " · " }
                            (day_opt(a.published))
                            @if a.published_confidence.is_some() { " " span.muted title="Inferred from the text" { "(inferred)" } }
                            " · " (plural(a.statements, "statement"))
                            @if a.version > 1 { " · " span.chip { "version " (a.version) } }
                        }
                    }
                }
            }
            nav.pages aria-label="Pages of articles" {
                @if after.is_some() { a href=(with_outlet("/articles".into())) { "← Newest" } }
                @if let Some(next) = &page.next {
                    a rel="next" href=(with_outlet(format!("/articles?cursor={}", enc(&next.to_string())))) { "Older →" }
                }
            }
        },
    ))
}

/// Everything the article page shows, read in one go on the blocking pool.
struct ArticleView {
    a: ArticleRow,
    statements: Vec<StatementRow>,
    figures: Vec<FigureRow>,
    events: Vec<onrecord_store::EventRow>,
    versions: Vec<ArticleVersion>,
    /// Each later version's changes against the one before, by the version's row.
    compared: Vec<(i64, Compared)>,
    skipped: Option<String>,
    /// What this backend cannot show yet (figures, events, versions on PostgreSQL), said on
    /// the page rather than shown as none.
    missing: Vec<String>,
    /// The archived copy's file as found, or the places looked (the file is missing).
    archive_file: Option<Result<std::path::PathBuf, Vec<std::path::PathBuf>>>,
}

/// `result`, or the default (none) when the backend does not answer this yet, with its
/// message kept in `missing` for the page to say so.
fn or_missing<T: Default>(
    result: onrecord_store::Result<T>,
    missing: &mut Vec<String>,
) -> Result<T, AppError> {
    match result {
        Err(onrecord_store::Error::NotAvailable(m)) => {
            missing.push(m);
            Ok(T::default())
        }
        other => Ok(other?),
    }
}

async fn article(
    State(state): State<AppState>,
    p: Result<Path<String>, PathRejection>,
) -> PageResult {
    let id = path_id(p, "article")?;
    let archive_dir = state.archive.clone();
    let v = state
        .read(move |store| {
            let Some(a) = store.article(id)? else {
                return Err(AppError::not_found("There is no such article."));
            };
            let statements = store.article_statements(id)?;
            let mut missing = Vec::new();
            let figures = or_missing(store.article_figures(id), &mut missing)?;
            let events = or_missing(store.article_events(id), &mut missing)?;
            let mut versions = or_missing(store.article_versions(&a.article.id), &mut missing)?;
            if !versions::are_versions(&versions) {
                versions.clear();
            }
            let compared = if versions.len() > 1 {
                versions::compare_all(store, &versions)?
            } else {
                Vec::new()
            };
            let archive_file = a
                .article
                .page
                .as_ref()
                .and_then(|p| p.archive.as_ref())
                .filter(|r| r.file != "-")
                .map(|r| archive::locate(&r.file, &archive_dir));
            Ok(ArticleView {
                skipped: crate::skipped(&a.article),
                a,
                statements,
                figures,
                events,
                versions,
                compared,
                missing,
                archive_file,
            })
        })
        .await?;
    let ArticleView {
        a,
        statements,
        figures,
        events,
        versions,
        compared,
        skipped,
        missing,
        archive_file,
    } = &v;
    let art = &a.article;
    let page = art.page.as_deref();
    let title = art.title.clone().unwrap_or_else(|| art.id.clone());
    let pieces = article_pieces(&art.text, statements);
    let marks = crate::event_pages::text_marks(&art.text, figures, events);
    // where a piece starts in the text, to mark the figures and events in it
    let at = |piece: &str| piece.as_ptr() as usize - art.text.as_ptr() as usize;
    let marked =
        |piece: &str| crate::event_pages::marked(piece, at(piece), &marks, figures, events);
    // a superseded version links to the current one (else to the one that replaced it)
    let current = a.superseded_by.map(|next| {
        versions::current(versions)
            .filter(|c| c.row != a.row)
            .map_or((next, None), |c| (c.row, Some(c.version)))
    });
    let text_lang = art.language.as_deref().filter(|l| is_language_tag(l));
    Ok(layout(
        &title,
        None,
        html! {
            article.article {
                header {
                    h1 { (title) }
                    @for m in missing {
                        p.notice role="note" { (m) "." }
                    }
                    @if let Some((row, version)) = current {
                        p.notice role="note" {
                            "This is version " (a.version) " of " (versions.len().max(1)) " of this page, replaced since by a later text. "
                            a href=(format!("/articles/{row}")) {
                                "Read the current version"
                                @if let Some(v) = version { " (version " (v) ")" }
                            } "."
                        }
                    }
                    p.meta {
                        @if let Some(o) = &art.outlet {
                            a href=(format!("/articles?outlet={}", enc(o))) { (o) } " · "
                        }
                        @if !art.bylines.is_empty() { (byline(&art.bylines)) " · " }
                        (published_html(a, page))
                        @if let Some(m) = &art.modified {
                            " · Updated " (moment_html(m, page.and_then(|p| p.modified_from.as_deref())))
                        }
                        " · " (plural(statements.len() as u64, "statement"))
                        @if let Some(url) = art.url.as_deref() {
                            " · "
                            @if let Some(safe) = safe_url(url) {
                                a href=(safe) rel="noopener noreferrer nofollow" { "Original" }
                            } @else {
                                span.muted { "Source: " (url) }
                            }
                        }
                        @if let Some(Ok(_)) = archive_file {
                            " · " a href=(format!("/articles/{}/archived", a.row)) { "Archived copy" }
                        }
                    }
                    (provenance_html(a, page, archive_file.as_ref()))
                    @if let Some(why) = skipped {
                        p.notice role="note" {
                            strong { "Stored without statements." } " "
                            (sentence(why)) " The text is shown as it was stored."
                        }
                    } @else if !statements.is_empty() {
                        p.hint.muted { "Each highlighted passage is a statement: hover over it or move to it with Tab (or j and k) to see who said it, when and to whom." }
                    }
                }
                div.article-text lang=[text_lang] {
                    @for piece in &pieces {
                        @match piece {
                            Piece::Plain(t) => (marked(t)),
                            Piece::Statement { text, statement, first } => {
                                @let s = &statements[*statement];
                                a.st.(color_class(s)) id=[first.then(|| format!("s{}", s.id))]
                                    href=(format!("#i{}", s.id)) data-tip=(tip(s))
                                    aria-describedby=(format!("i{}", s.id)) { (marked(text)) }
                            }
                        }
                    }
                }
                @if let Some(p) = page.filter(|p| !p.captions.is_empty()) {
                    section.captions aria-labelledby="captions-h" {
                        h2 #captions-h { "Captions" }
                        p.muted { "Photo captions on the page, kept apart from the text: never read as statements or as the article's day." }
                        ul lang=[text_lang] {
                            @for c in &p.captions { li { (c) } }
                        }
                    }
                }
            }
            @if !statements.is_empty() {
                section aria-labelledby="list-h" {
                    h2 #list-h { "Statements in this article" }
                    ol.article-statements {
                        @for s in statements {
                            li id=(format!("i{}", s.id)) {
                                span.swatch.(color_class(s)) aria-hidden="true" {}
                                strong { (speaker_html(s)) }
                                @if let Some(cue) = &s.cue { " " span.cue { (cue) } }
                                ": " (said(&s.content, &[]))
                                p.meta {
                                    (statement_day(s))
                                    @if let Some(aud) = &s.audience { " · to " (aud) }
                                    " · " span.kind { (s.kind.as_str()) }
                                    @if let Some(full) = s.restates {
                                        " · " a.restates href=(format!("#i{full}")) { "headline of a statement below" }
                                    }
                                    " · " a href=(format!("#s{}", s.id)) { "show in text" }
                                }
                            }
                        }
                    }
                }
            }
            (crate::figure_pages::article_figures(figures))
            (crate::event_pages::article_events(events))
            @if versions.len() > 1 {
                (versions_html(a, versions, compared))
            }
        },
    ))
}

/// A clause as a sentence: its first letter in capitals, a full stop at its end.
fn sentence(clause: &str) -> String {
    let clause = clause.trim();
    let mut chars = clause.chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// "By Mira Holt", "By Mira Holt and Ivo Lind", "By A, B and C".
fn byline(names: &[String]) -> Markup {
    html! {
        "By "
        @for (i, n) in names.iter().enumerate() {
            @if i > 0 { @if i + 1 == names.len() { " and " } @else { ", " } }
            span.byline { (n) }
        }
    }
}

/// The publication day, with the time and its evidence when the page gave them.
fn published_html(a: &ArticleRow, page: Option<&PageFacts>) -> Markup {
    let time = page.and_then(|p| p.published_time.as_deref());
    let from = page.and_then(|p| p.published_from.as_deref());
    html! {
        @match (a.published, a.published_confidence, time) {
            (_, None, Some(t)) if parse_moment(t).is_some() => { "Published " (moment_html(t, from)) },
            (Some(d), None, _) => { "Published " (day_html(d)) },
            (Some(d), Some(c), _) => {
                "Published " (day_html(d)) " "
                span.muted title=(format!("The input gave no publication day; onrecord inferred this one from the text and the article's name (confidence {c:.2}).")) { "(inferred)" }
            },
            (None, _, _) => "Publication day unknown",
        }
    }
}

/// The second line of an article's header: language, fetch time, encoding, and the archived
/// copy's reference (or why it cannot be shown).
fn provenance_html(
    a: &ArticleRow,
    page: Option<&PageFacts>,
    archive_file: Option<&Result<std::path::PathBuf, Vec<std::path::PathBuf>>>,
) -> Markup {
    let art = &a.article;
    let archive = page.and_then(|p| p.archive.as_ref());
    if art.language.is_none() && page.is_none() {
        return html! {};
    }
    let mut parts: Vec<Markup> = Vec::new();
    if let Some(l) = &art.language {
        let how = match page.and_then(|p| p.language_from.as_deref()) {
            Some("text") => Some("detected from the text"),
            Some("declared") => Some("as the page declares it"),
            _ => None,
        };
        parts.push(html! {
            "Language " code { (l) }
            @if let Some(h) = how { " (" (h) ")" }
        });
    }
    if let Some(f) = page.and_then(|p| p.fetched.as_deref()) {
        parts.push(html! { "Fetched " (moment_html(f, None)) });
    }
    if let Some(c) = page.and_then(|p| p.charset.as_deref()) {
        parts.push(html! { "Read as " (c) });
    }
    if let Some(r) = archive {
        parts.push(html! {
            "Archived in " code { (r.file) } " at offset " (r.offset)
            @match archive_file {
                Some(Err(_)) => { " " span.muted { "(the file is not there)" } },
                None => { " " span.muted { "(read from standard input)" } },
                Some(Ok(_)) => {},
            }
        });
    }
    if parts.is_empty() {
        return html! {};
    }
    html! {
        p.meta.provenance {
            @for (i, part) in parts.iter().enumerate() {
                @if i > 0 { " · " }
                (part)
            }
        }
    }
}

/// A time as the page gave it (ISO 8601): `2031-03-07 Fri 09:15 +01:00`, in a `<time>`
/// element with the evidence for it as its title. Text that is not a time is shown as it is.
fn moment_html(iso: &str, evidence: Option<&str>) -> Markup {
    let title = evidence.map(|e| format!("From the page: {e}"));
    match parse_moment(iso) {
        Some(shown) => html! { time datetime=(iso.trim()) title=[title] { (shown) } },
        None => html! { span title=[title] { (iso) } },
    }
}

/// `2031-03-07 Fri 09:15 +01:00` (`UTC` for a zero offset), or the day alone for a date.
fn parse_moment(iso: &str) -> Option<String> {
    let s = iso.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        let offset = match t.offset().local_minus_utc() {
            0 => "UTC".to_string(),
            _ => t.format("%:z").to_string(),
        };
        return Some(format!(
            "{} {} {offset}",
            with_weekday(t.date_naive()),
            t.format("%H:%M")
        ));
    }
    if let Ok(t) = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S") {
        return Some(format!("{} {}", with_weekday(t.date()), t.format("%H:%M")));
    }
    params::parse_iso_day(s).map(with_weekday)
}

/// Whether a language code is fit for a `lang` attribute (`en`, `pt-BR`).
fn is_language_tag(l: &str) -> bool {
    !l.is_empty() && l.len() <= 35 && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// The list of a page's versions, each later one with what changed against the one before.
fn versions_html(
    a: &ArticleRow,
    versions: &[ArticleVersion],
    compared: &[(i64, Compared)],
) -> Markup {
    let n = versions.len();
    html! {
        section.versions aria-labelledby="versions-h" {
            h2 #versions-h { "Versions" }
            p.muted {
                "This page was fetched with " (n) " different texts. Each version keeps its own statements; "
                "search, speakers and counts read the current one."
            }
            ol.versions {
                @for v in versions {
                    @let this = v.row == a.row;
                    @let changed = compared.iter().find(|(row, _)| *row == v.row).map(|(_, c)| c);
                    li aria-current=[this.then_some("page")] {
                        @if this { strong { "Version " (v.version) " of " (n) } }
                        @else { a href=(format!("/articles/{}", v.row)) { "Version " (v.version) " of " (n) } }
                        " ("
                        @match &v.fetched {
                            Some(f) => { "fetched " (moment_html(f, None)) },
                            None => { "stored " (moment_html(&v.ingested_at, None)) },
                        }
                        ", " (plural(v.statements, "statement")) ")"
                        @if v.superseded_by.is_none() { " " span.chip { "current" } }
                        @if this { " " span.chip { "shown" } }
                        @if let Some(c) = changed {
                            " · " (change_summary(c))
                            details open[this] {
                                summary { "What changed from version " (c.from.version) }
                                (changes_html(c))
                            }
                        } @else if v.version > 1 {
                            " · " span.muted { "changes not compared here" }
                        } @else {
                            " · " span.muted { "first version" }
                        }
                    }
                }
            }
        }
    }
}

/// `2 statements added, 1 reworded; correction appended`.
fn change_summary(c: &Compared) -> String {
    let ch = &c.changes;
    let mut parts = Vec::new();
    let count = |n: usize, what: &str| format!("{} {what}", plural(n as u64, "statement"));
    if !ch.added.is_empty() {
        parts.push(count(ch.added.len(), "added"));
    }
    if !ch.removed.is_empty() {
        parts.push(count(ch.removed.len(), "removed"));
    }
    if !ch.reworded.is_empty() {
        parts.push(count(ch.reworded.len(), "reworded"));
    }
    if !ch.reattributed.is_empty() {
        parts.push(count(ch.reattributed.len(), "given to another speaker"));
    }
    let mut out = parts.join(", ");
    let paragraphs = ch.appended.len() + ch.notes.len();
    if paragraphs > 0 {
        if !out.is_empty() {
            out.push_str("; ");
        }
        out.push_str(&match ch.label() {
            Some(l) => format!("{} added", l.title().to_lowercase()),
            None => plural(paragraphs as u64, "paragraph") + " added at the end",
        });
    }
    if out.is_empty() {
        out.push_str("statements unchanged; other wording only");
    }
    out
}

/// What changed in a version, statement by statement and paragraph by paragraph.
fn changes_html(c: &Compared) -> Markup {
    let ch = &c.changes;
    let who_said =
        |s: &StatementRow| html! { strong { (speaker_html(s)) } ": " (said(&s.content, &[])) };
    html! {
        div.changes {
            @if ch.is_empty() {
                p { "No statement was added, removed or reworded." }
            }
            @if !ch.reworded.is_empty() {
                h3 { "Reworded" }
                ul {
                    @for p in &ch.reworded {
                        @let (old, new) = (&c.old[p.old], &c.new[p.new]);
                        li.reworded {
                            strong { (speaker_html(new)) } ": "
                            del { span.visually-hidden { "Before: " } (said(&old.content, &[])) }
                            " → "
                            ins { span.visually-hidden { "After: " } (said(&new.content, &[])) }
                        }
                    }
                }
            }
            @if !ch.added.is_empty() {
                h3 { "Added" }
                ul { @for &i in &ch.added { li.added { (who_said(&c.new[i])) } } }
            }
            @if !ch.removed.is_empty() {
                h3 { "Removed" }
                ul { @for &i in &ch.removed { li.removed { (who_said(&c.old[i])) } } }
            }
            @if !ch.reattributed.is_empty() {
                h3 { "Given to another speaker" }
                ul {
                    @for p in &ch.reattributed {
                        @let (old, new) = (&c.old[p.old], &c.new[p.new]);
                        li.reattributed {
                            del { span.visually-hidden { "Before: " } (speaker_html(old)) }
                            " → "
                            ins { span.visually-hidden { "After: " } (speaker_html(new)) }
                            ": " (said(&new.content, &[]))
                        }
                    }
                }
            }
            @if !ch.appended.is_empty() {
                h3 { "Added at the end" }
                ul { @for p in &ch.appended { li.appended { (paragraph_html(p)) } } }
            }
            @if !ch.notes.is_empty() {
                h3 { "Notes added" }
                ul { @for p in &ch.notes { li.appended { (paragraph_html(p)) } } }
            }
            @if !ch.unchanged.is_empty() {
                p.muted { (plural(ch.unchanged.len() as u64, "statement")) " unchanged." }
            }
        }
    }
}

fn paragraph_html(p: &Paragraph) -> Markup {
    html! {
        @if let Some(l) = p.label { span.chip.label { (l.title()) } " " }
        (p.text)
    }
}

/// Stored article `id` and the archived response it was read from, as both archived-copy
/// routes need them: a 404 for no such article, the archive's own error for a missing or
/// unreadable record.
async fn read_archived(
    state: &AppState,
    id: i64,
) -> Result<(ArticleRow, archive::Archived), AppError> {
    let archive_dir = state.archive.clone();
    let (a, found) = state
        .read(move |store| {
            let Some(a) = store.article(id)? else {
                return Err(AppError::not_found("There is no such article."));
            };
            let found = archive::read(
                a.article.page.as_ref().and_then(|p| p.archive.as_ref()),
                &archive_dir,
            );
            Ok((a, found))
        })
        .await?;
    Ok((a, found?))
}

/// `/articles/{id}/archived`: the archived copy inside a page that says where it comes from.
/// The copy itself is a sandboxed frame holding `/articles/{id}/archived/raw`.
async fn archived(
    State(state): State<AppState>,
    p: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
) -> Response {
    let wants_json = wants_json(&headers);
    let id = match path_id(p, "article") {
        Ok(id) => id,
        Err(e) => return error_response(e.0, wants_json),
    };
    let (a, found) = match read_archived(&state, id).await {
        Ok(read) => read,
        Err(e) => return error_response(e, wants_json),
    };
    let art = &a.article;
    let title = art.title.clone().unwrap_or_else(|| art.id.clone());
    let raw = format!("/articles/{}/archived/raw", a.row);
    let url = found.target_uri.as_deref().or(art.url.as_deref());
    let body = layout(
        &format!("Archived copy: {title}"),
        None,
        html! {
            h1 { "Archived copy" }
            p.provenance {
                "Archived copy of "
                @match url {
                    Some(u) => @if let Some(safe) = safe_url(u) {
                        a href=(safe) rel="noopener noreferrer nofollow" { (u) }
                    } @else { code { (u) } },
                    None => "a page without an address",
                }
                @if let Some(d) = &found.date { " fetched " (moment_html(d, None)) }
                ", WARC file " code { (found.path.display().to_string()) }
                " at offset " code { (found.offset) }
                @if !found.record_id.is_empty() { ", record id " code { (found.record_id) } }
                "."
            }
            p.meta {
                "HTTP " (found.status)
                @if let Some(ct) = &found.content_type { " · " (ct) }
                " · " (human_bytes(found.body.len())) " decoded"
                @if found.truncated { " · " strong { "cut short in the archive" } }
                " · " a href=(format!("/articles/{}", a.row)) { "Back to the article" }
            }
            @match found.shown {
                Shown::Html | Shown::Text => {
                    p.hint.muted {
                        "Shown as the archive holds it, in a sandbox: no script runs and nothing is loaded from the network, "
                        "so pictures and styles kept elsewhere are missing. "
                        a href=(raw) target="_blank" rel="noopener noreferrer" { "Open it alone" } "."
                    }
                    iframe.archived sandbox="" src=(raw) title=(format!("Archived copy of {title}"))
                        referrerpolicy="no-referrer" {}
                },
                Shown::Download => {
                    p.notice {
                        "The archived response is not a web page; it is not shown here. "
                        a href=(raw) download { "Download it" } "."
                    }
                },
            }
        },
    );
    let mut res = body.into_response();
    res.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(crate::CSP_WITH_FRAME),
    );
    res
}

/// `/articles/{id}/archived/raw`: the archived response's body as the archive holds it,
/// under a sandboxing Content-Security-Policy (see [`crate::CSP_ARCHIVED`]): HTML as HTML,
/// other text as plain text, anything else as a download.
async fn archived_raw(
    State(state): State<AppState>,
    p: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
) -> Response {
    let wants_json = wants_json(&headers);
    let id = match path_id(p, "article") {
        Ok(id) => id,
        Err(e) => return error_response(e.0, wants_json),
    };
    let found = match read_archived(&state, id).await {
        Ok((_, found)) => found,
        Err(e) => return error_response(e, wants_json),
    };
    let content_type = match found.shown {
        Shown::Html => found
            .content_type
            .as_deref()
            .filter(|ct| {
                let media = ct.split(';').next().unwrap_or("").trim();
                onrecord_warc::http::is_html_type(media)
            })
            .and_then(|ct| HeaderValue::from_str(ct).ok())
            .unwrap_or_else(|| with_charset("text/html", found.charset.as_deref())),
        Shown::Text => with_charset("text/plain", found.charset.as_deref()),
        Shown::Download => HeaderValue::from_static("application/octet-stream"),
    };
    let from = format!(
        "{} {}",
        archive::header_safe(found.target_uri.as_deref().unwrap_or("-")),
        archive::header_safe(found.date.as_deref().unwrap_or("-"))
    );
    let mut res = found.body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, content_type);
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(crate::CSP_ARCHIVED),
    );
    h.insert(
        header::X_FRAME_OPTIONS,
        HeaderValue::from_static("SAMEORIGIN"),
    );
    if let Ok(v) = HeaderValue::from_str(&from) {
        h.insert(HeaderName::from_static("x-onrecord-archived-from"), v);
    }
    if found.shown == Shown::Download {
        if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"archived-{id}\"")) {
            h.insert(header::CONTENT_DISPOSITION, v);
        }
    }
    res
}

/// `type; charset=X` when the charset is a plain token, else the type alone.
fn with_charset(media: &'static str, charset: Option<&str>) -> HeaderValue {
    charset
        .filter(|c| {
            !c.is_empty()
                && c.len() <= 40
                && c.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b))
        })
        .and_then(|c| HeaderValue::from_str(&format!("{media}; charset={c}")).ok())
        .unwrap_or(HeaderValue::from_static(media))
}

/// Whether the client asked for JSON (`Accept: application/json`): a program following an
/// archive link from the API then gets its errors as the API gives them.
fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json") && !v.contains("text/html"))
}

fn error_response(e: AppError, json: bool) -> Response {
    if json {
        e.json()
    } else {
        PageError(e).into_response()
    }
}

/// `1.2 MB`, `830 bytes`.
fn human_bytes(n: usize) -> String {
    match n {
        0..=9_999 => plural(n as u64, "byte"),
        10_000..=999_999 => format!("{:.0} kB", n as f64 / 1e3),
        _ => format!("{:.1} MB", n as f64 / 1e6),
    }
}

// ---------------------------------------------------------------------------------------
// Pieces

pub(crate) fn layout(title: &str, q: Option<&str>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (title) " · onrecord" }
                link rel="icon" href="data:,";
                link rel="stylesheet" href=(STYLE_URL);
                script src=(SCRIPT_URL) defer {}
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header.site {
                    a.brand href="/" { "onrecord" }
                    nav aria-label="Main" {
                        a href="/search" { "Search" }
                        a href="/speakers" { "Speakers" }
                        a href="/articles" { "Articles" }
                        a href="/figures" { "Figures" }
                        a href="/events" { "Events" }
                    }
                    form.quick role="search" action="/search" method="get" {
                        label.visually-hidden for="site-q" { "Search statements" }
                        input #site-q type="search" name="q" value=[q]
                            placeholder="Search what was said…  ( / )" autocomplete="off";
                        button type="submit" { "Search" }
                    }
                }
                main #main tabindex="-1" { (body) }
                footer.site {
                    "onrecord — who said what, when · "
                    a href="/api/openapi.json" { "JSON API" }
                }
            }
        }
    }
}

fn search_form(q: &SearchQuery, speaker_name: Option<&str>) -> Markup {
    let day = |d: Option<Day>| d.map(|d| d.to_string());
    html! {
        form.search role="search" action="/search" method="get" {
            div.field.wide {
                label for="q" { "Words" }
                input #q type="search" name="q" value=[q.words.as_deref()]
                    aria-describedby="q-hint";
                small #q-hint { "Whole words, any case or accents; " code { "\"a phrase\"" } " in quotes; " code { "resum*" } " for a prefix." }
            }
            @if let Some(id) = q.speaker_id {
                div.field {
                    span.label { "Speaker" }
                    input type="hidden" name="speaker_id" value=(id);
                    span.chip { (speaker_name.unwrap_or("unknown speaker")) }
                    " " a href=(search_url(&SearchQuery { speaker_id: None, ..q.clone() }, None)) { "any speaker" }
                }
            } @else {
                div.field {
                    label for="speaker" { "Speaker" }
                    input #speaker type="text" name="speaker" value=[q.speaker.as_deref()] placeholder="any spelling";
                }
            }
            @if q.undated {
                div.field {
                    span.label { "Day" }
                    input type="hidden" name="undated" value="true";
                    span.chip { "none known" }
                    " " a href=(search_url(&SearchQuery { undated: false, ..q.clone() }, None)) { "any day" }
                }
            }
            div.field {
                label for="outlet" { "Outlet" }
                input #outlet type="text" name="outlet" value=[q.outlet.as_deref()];
            }
            div.field {
                label for="from" { "From" }
                input #from type="date" name="from" value=[day(q.from)];
            }
            div.field {
                label for="to" { "To" }
                input #to type="date" name="to" value=[day(q.to)];
            }
            div.field {
                label for="sort" { "Order" }
                select #sort name="sort" {
                    @for (v, label) in [(SearchOrder::Rank, "best match"), (SearchOrder::Newest, "newest first"), (SearchOrder::Oldest, "oldest first")] {
                        option value=(v.as_str()) selected[q.order == v] { (label) }
                    }
                }
            }
            div.field.submit { button type="submit" { "Search" } }
        }
    }
}

/// Whether searched words may be a speaker's name, to look up: a few plain words, without
/// the search syntax (a `"phrase"` or a `prefix*` is a search for words).
fn may_be_a_name(words: &str) -> bool {
    let n = words.split_whitespace().count();
    (1..=6).contains(&n) && words.len() <= 120 && !words.contains(['"', '*'])
}

/// A search's words and filters as query-string pairs (`q=…`, `speaker_id=…`, …).
fn filter_params(q: &SearchQuery) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut add = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            parts.push(format!("{k}={}", enc(&v)));
        }
    };
    add("q", q.words.clone());
    add("speaker", q.speaker.clone());
    add("speaker_id", q.speaker_id.map(|i| i.to_string()));
    add("outlet", q.outlet.clone());
    add("from", q.from.map(|d| d.to_string()));
    add("to", q.to.map(|d| d.to_string()));
    add("article_id", q.article.map(|i| i.to_string()));
    add("undated", q.undated.then(|| "true".to_string()));
    parts
}

/// `/search?…` for a query, at a page.
fn search_url(q: &SearchQuery, page: Option<usize>) -> String {
    let mut parts = filter_params(q);
    if q.order != SearchOrder::Rank {
        parts.push(format!("sort={}", q.order.as_str()));
    }
    if let Some(p) = page.filter(|p| *p > 1) {
        parts.push(format!("page={p}"));
    }
    if parts.is_empty() {
        "/search".into()
    } else {
        format!("/search?{}", parts.join("&"))
    }
}

/// The download of every statement of a search (`csv` or `jsonl`), in day order: oldest
/// first when the search is, else newest (an export is never ranked; see `export.rs`).
fn export_url(q: &SearchQuery, format: &str) -> String {
    let mut parts = filter_params(q);
    if q.order == SearchOrder::Oldest {
        parts.push("sort=oldest".into());
    }
    parts.push(format!("format={format}"));
    format!("/api/v1/statements/export?{}", parts.join("&"))
}

/// Links to download a search's statements.
fn downloads(q: &SearchQuery, what: &str) -> Markup {
    html! {
        p.downloads {
            "Download " (what) ": "
            a href=(export_url(q, "csv")) download { "CSV" }
            " · "
            a href=(export_url(q, "jsonl")) download { "JSON lines" }
        }
    }
}

fn statement_item(
    r: &StatementRow,
    terms: &[SearchTerm],
    show_speaker: bool,
    show_day: bool,
) -> Markup {
    let article_title = r.article.title.as_deref().unwrap_or(&r.article.id);
    let mut parts: Vec<Markup> = Vec::new();
    let mut who = html! {};
    if show_speaker {
        who = html! { strong { (speaker_html(r)) } };
    }
    let cue = html! {
        (who)
        @if show_speaker && r.cue.is_some() { " " }
        @if let Some(cue) = &r.cue { span.cue { (cue) } }
        @if let Some(aud) = &r.audience { " to " (aud) }
    };
    if show_speaker || r.cue.is_some() || r.audience.is_some() {
        parts.push(cue);
    }
    if show_day {
        parts.push(statement_day(r));
    }
    if let Some(full) = r.restates {
        parts.push(html! {
            a.restates href=(format!("/articles/{}#i{full}", r.article.row)) { "headline; said in full in the article" }
        });
    }
    parts.push(html! {
        "in "
        a href=(format!("/articles/{}#s{}", r.article.row, r.id)) { (article_title) }
        @if let Some(o) = &r.article.outlet { " " span.muted { "(" (o) ")" } }
    });
    html! {
        li.statement {
            blockquote.content { (said(&r.content, terms)) }
            p.meta {
                @for (i, part) in parts.iter().enumerate() {
                    @if i > 0 { " · " }
                    (part)
                }
            }
        }
    }
}

/// What a statement says, in quotation marks once, on every page that lists statements:
/// content that carries its own marks (a direct quotation as the article prints it,
/// `"We will…,"`) as it is, other content in a `<q>`, whose marks the browser adds; words
/// searched for are marked.
fn said(content: &str, terms: &[SearchTerm]) -> Markup {
    let words = html! {
        @for (piece, hit) in term_pieces(content, terms) {
            @if hit { mark { (piece) } } @else { (piece) }
        }
    };
    if carries_own_marks(content) {
        html! { span.said { (words) } }
    } else {
        html! { q { (words) } }
    }
}

fn speaker_html(r: &StatementRow) -> Markup {
    html! {
        @match (&r.speaker, &r.source) {
            (Some(s), _) => a href=(format!("/speakers/{}", s.id)) title=[resolution_note(r)] { (s.name) },
            (None, Some(src)) => span.muted { "(" (src) ")" },
            (None, None) => span.muted { "unknown speaker" },
        }
    }
}

/// How the speaker was found, for the speaker link's tooltip: "found by the pronoun "he"
/// (85 % of such are right)".
fn resolution_note(r: &StatementRow) -> Option<String> {
    let via = r.speaker_via.as_deref()?;
    let what = match via {
        "name" => "by name",
        "surname" => "by a part of the name",
        "pronoun" => "through a pronoun",
        "role" => "through a role",
        "nominal" => "through a description",
        other => other,
    };
    let source = r
        .source
        .as_deref()
        .map(|s| format!(" \u{201c}{s}\u{201d}"))
        .unwrap_or_default();
    let sure = r
        .speaker_confidence
        .map(|c| format!(" ({:.0} % of such are right)", c * 100.0))
        .unwrap_or_default();
    Some(format!("Speaker found {what}{source}{sure}"))
}

/// The statement's day, marked when it is only the article's publication day.
fn statement_day(r: &StatementRow) -> Markup {
    html! {
        @match (r.day, r.effective_day) {
            (Some(d), _) => (day_html(d)),
            (None, Some(d)) => { (day_html(d)) " " span.muted title="The statement's own day is not known; this is the article's publication day." { "(published)" } },
            (None, None) if r.day_from.as_deref() == Some("habitual") => span.muted title="A habitual or long-standing claim: said on many days, so on none in particular." { "said repeatedly" },
            (None, None) => span.muted { "day unknown" },
        }
    }
}

fn day_html(d: Day) -> Markup {
    html! { time datetime=(d.to_string()) { (with_weekday(d)) } }
}

fn day_opt(d: Option<Day>) -> Markup {
    match d {
        Some(d) => day_html(d),
        None => html! { span.muted { "—" } },
    }
}

fn plural(n: u64, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// What hovering or focusing a highlighted statement shows.
fn tip(s: &StatementRow) -> String {
    let who = match (&s.speaker, &s.source) {
        (Some(sp), _) => sp.name.clone(),
        (None, Some(src)) => format!("({src})"),
        (None, None) => "unknown speaker".into(),
    };
    let mut parts = vec![who];
    if let Some(cue) = &s.cue {
        parts.push(format!("cue: {cue}"));
    }
    parts.push(match (s.day, s.effective_day) {
        (Some(d), _) => with_weekday(d),
        (None, Some(d)) => format!("{} (published)", with_weekday(d)),
        (None, None) => "day unknown".into(),
    });
    if let Some(a) = &s.audience {
        parts.push(format!("to {a}"));
    }
    parts.join(" · ")
}

fn color_class(s: &StatementRow) -> String {
    match &s.speaker {
        Some(sp) => format!("c{}", sp.id.rem_euclid(6)),
        None => "cx".into(),
    }
}

/// The URL if it is a plain web link; anything else (`javascript:`, `data:`…) is not linked.
pub fn safe_url(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    let ok = (lower.starts_with("http://") || lower.starts_with("https://"))
        && !u.chars().any(|c| c.is_control() || c.is_whitespace());
    ok.then_some(u)
}

/// Percent-encoding for a query-string value.
pub fn enc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_urls_are_linked() {
        assert_eq!(
            safe_url(" https://example.org/a?b=1 "),
            Some("https://example.org/a?b=1")
        );
        assert_eq!(safe_url("HTTP://x.example"), Some("HTTP://x.example"));
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,x",
            "//evil.example",
            "http://a b",
            "https",
        ] {
            assert_eq!(safe_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn times_as_the_page_gave_them() {
        assert_eq!(
            parse_moment("2031-03-07T09:15:00+01:00").as_deref(),
            Some("2031-03-07 Fri 09:15 +01:00")
        );
        assert_eq!(
            parse_moment(" 2031-03-07T09:15:00Z ").as_deref(),
            Some("2031-03-07 Fri 09:15 UTC")
        );
        assert_eq!(
            parse_moment("2031-03-07T09:15:00").as_deref(),
            Some("2031-03-07 Fri 09:15")
        );
        assert_eq!(
            parse_moment("2031-03-07").as_deref(),
            Some("2031-03-07 Fri")
        );
        assert_eq!(parse_moment("last Tuesday"), None);
        // text that is no time is shown as text, escaped, without a datetime attribute
        let m = moment_html("<b>soon</b>", Some("\"><x>")).into_string();
        assert_eq!(
            m,
            "<span title=\"From the page: &quot;&gt;&lt;x&gt;\">&lt;b&gt;soon&lt;/b&gt;</span>"
        );
    }

    #[test]
    fn small_wordings() {
        assert_eq!(
            sentence("the text is in 'de': no"),
            "The text is in 'de': no."
        );
        assert_eq!(sentence("done."), "Done.");
        assert_eq!(sentence(" "), "");
        assert_eq!(human_bytes(1), "1 byte");
        assert_eq!(human_bytes(438), "438 bytes");
        assert_eq!(human_bytes(48_200), "48 kB");
        assert_eq!(human_bytes(3_400_000), "3.4 MB");
        assert_eq!(
            byline(&["A".into(), "B".into(), "C".into()]).into_string(),
            "By <span class=\"byline\">A</span>, <span class=\"byline\">B</span> and <span class=\"byline\">C</span>"
        );
        assert!(is_language_tag("pt-BR") && !is_language_tag("en\" x") && !is_language_tag(""));
    }

    #[test]
    fn archived_types_keep_only_plain_charsets() {
        assert_eq!(
            with_charset("text/plain", Some("ISO-8859-1")),
            "text/plain; charset=ISO-8859-1"
        );
        assert_eq!(with_charset("text/html", Some("x\r\ny")), "text/html");
        assert_eq!(with_charset("text/html", None), "text/html");
        let accept = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::ACCEPT, HeaderValue::from_str(v).unwrap());
            wants_json(&h)
        };
        assert!(accept("application/json"));
        assert!(!accept("text/html,application/xhtml+xml,*/*;q=0.8"));
        assert!(!wants_json(&HeaderMap::new()));
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(enc("a b&c=d/é\"<"), "a%20b%26c%3Dd%2F%C3%A9%22%3C");
    }

    #[test]
    fn search_urls_round_trip_the_filters() {
        let q = SearchQuery {
            words: Some("cease fire".into()),
            speaker_id: Some(3),
            order: SearchOrder::Oldest,
            ..SearchQuery::default()
        };
        assert_eq!(
            search_url(&q, Some(2)),
            "/search?q=cease%20fire&speaker_id=3&sort=oldest&page=2"
        );
        assert_eq!(search_url(&SearchQuery::default(), Some(1)), "/search");
    }
}
