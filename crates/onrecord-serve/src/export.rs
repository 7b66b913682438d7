//! `GET /api/v1/statements/export?format=csv|jsonl&…`: every statement a search matches, as
//! a download, with the filters of `/api/v1/statements` (the pages link to it from search
//! results and a speaker's page).
//!
//! Exports list every match, so they go in day order (`sort=newest`, the default, or
//! `oldest`): a ranked search ranks only the most recent matches (see the store's
//! `RANK_CANDIDATES`). The rows are read a page at a time ([`PAGE`] statements, through the
//! store's keyset cursors) and each page is written out before the next is read, so memory
//! stays bounded whatever the size of the export, and no store connection is held while
//! the client reads. The first page is read before answering, so that a bad query is a
//! plain 400.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use onrecord_store::{Cursor, SearchHit, SearchOrder, SearchQuery};

use crate::error::AppError;
use crate::json::StatementJson;
use crate::params::{self, Mode, RawSearch};
use crate::state::AppState;

/// Statements read from the store at a time.
const PAGE: usize = 500;

/// What an export is written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Jsonl,
}

impl Format {
    fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8; header=present",
            Format::Jsonl => "application/x-ndjson",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
        }
    }
}

/// The columns of a CSV export, in order (documented in docs/API.md and openapi.json).
pub const CSV_COLUMNS: [&str; 27] = [
    "id",
    "effective_day",
    "weekday",
    "day",
    "day_from",
    "speaker_id",
    "speaker",
    "speaker_key",
    "speaker_kind",
    "speaker_role",
    "speaker_affiliation",
    "speaker_via",
    "speaker_confidence",
    "source",
    "cue",
    "kind",
    "content",
    "content_spans",
    "audience",
    "restates",
    "article_id",
    "article_external_id",
    "article_title",
    "outlet",
    "url",
    "published",
    "published_inferred",
];

/// The export's parameters: the search's, `format`, and no paging (an export lists all).
fn export_query(raw: &RawSearch) -> Result<(SearchQuery, Format), AppError> {
    for (name, v) in [
        ("limit", &raw.limit),
        ("cursor", &raw.cursor),
        ("page", &raw.page),
    ] {
        if v.is_some() {
            return Err(AppError::bad_request(format!(
                "parameter '{name}': an export lists every match; \
                 /api/v1/statements lists them a page at a time"
            )));
        }
    }
    let format = match raw.format.as_deref().map(str::trim) {
        Some("csv") => Format::Csv,
        Some("jsonl") => Format::Jsonl,
        Some(other) => {
            return Err(AppError::bad_request(format!(
                "parameter 'format': '{}' is not csv or jsonl",
                other.chars().take(60).collect::<String>()
            )))
        }
        None => {
            return Err(AppError::bad_request(
                "parameter 'format' is required: csv or jsonl",
            ))
        }
    };
    let mut q = params::search(raw, Mode::Strict)?;
    q.order = match raw.sort.as_deref().map(str::trim) {
        None | Some("newest") => SearchOrder::Newest,
        Some("oldest") => SearchOrder::Oldest,
        Some(_) => {
            return Err(AppError::bad_request(
                "parameter 'sort': an export is in day order, newest or oldest first \
                 (ranking weighs only the most recent matches)",
            ))
        }
    };
    q.limit = PAGE;
    Ok((q, format))
}

/// A cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, a tab or a
/// carriage return first) gets a `'` in front: article text is untrusted, and CSV files are
/// opened in spreadsheets. JSONL keeps every value as it is.
fn cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// An optional text as a [`cell`] (empty when absent).
fn opt(v: &Option<String>) -> std::borrow::Cow<'_, str> {
    v.as_deref().map(cell).unwrap_or_default()
}

/// One page of rows, written out (with the CSV header first when `header`).
fn write_rows(format: Format, hits: &[SearchHit], header: bool) -> Result<Bytes, AppError> {
    match format {
        Format::Jsonl => {
            let mut out = Vec::with_capacity(hits.len() * 600);
            for h in hits {
                serde_json::to_writer(&mut out, &StatementJson::hit(h))
                    .map_err(AppError::internal)?;
                out.push(b'\n');
            }
            Ok(out.into())
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::with_capacity(hits.len() * 400));
            if header {
                w.write_record(CSV_COLUMNS).map_err(AppError::internal)?;
            }
            for h in hits {
                let s = StatementJson::hit(h);
                let speaker = s.speaker.as_ref();
                let article = s.article.as_ref();
                let spans = serde_json::to_string(&s.content_spans).map_err(AppError::internal)?;
                let row: [std::borrow::Cow<'_, str>; 27] = [
                    s.id.to_string().into(),
                    s.effective_day.clone().unwrap_or_default().into(),
                    s.weekday.unwrap_or_default().into(),
                    s.day.clone().unwrap_or_default().into(),
                    opt(&s.day_from),
                    speaker.map(|p| p.id.to_string()).unwrap_or_default().into(),
                    speaker.map(|p| cell(&p.name)).unwrap_or_default(),
                    speaker.map(|p| cell(&p.key)).unwrap_or_default(),
                    speaker.map(|p| p.kind).unwrap_or_default().into(),
                    speaker.map(|p| opt(&p.role)).unwrap_or_default(),
                    speaker.map(|p| opt(&p.affiliation)).unwrap_or_default(),
                    opt(&s.speaker_via),
                    s.speaker_confidence
                        .map(|c| c.to_string())
                        .unwrap_or_default()
                        .into(),
                    opt(&s.source),
                    opt(&s.cue),
                    s.kind.into(),
                    cell(&s.content),
                    spans.into(),
                    opt(&s.audience),
                    s.restates.map(|r| r.to_string()).unwrap_or_default().into(),
                    article.map(|a| a.id.to_string()).unwrap_or_default().into(),
                    article.map(|a| cell(&a.external_id)).unwrap_or_default(),
                    article.map(|a| opt(&a.title)).unwrap_or_default(),
                    article.map(|a| opt(&a.outlet)).unwrap_or_default(),
                    article.map(|a| opt(&a.url)).unwrap_or_default(),
                    article
                        .and_then(|a| a.published.clone())
                        .unwrap_or_default()
                        .into(),
                    article
                        .and_then(|a| a.published_inferred)
                        .map(|c| c.to_string())
                        .unwrap_or_default()
                        .into(),
                ];
                w.write_record(row.iter().map(|c| c.as_ref()))
                    .map_err(AppError::internal)?;
            }
            w.into_inner()
                .map(Bytes::from)
                .map_err(|e| AppError::internal(e.error()))
        }
    }
}

/// The rest of an export after its first page: the next page is read when the client has
/// taken the one before.
struct Rest {
    state: AppState,
    query: SearchQuery,
    /// Where the next page starts; None when the export is done.
    after: Option<Cursor>,
    format: Format,
}

async fn next_chunk(mut rest: Rest) -> Option<(Result<Bytes, std::io::Error>, Rest)> {
    let q = SearchQuery {
        after: Some(rest.after.take()?),
        ..rest.query.clone()
    };
    let format = rest.format;
    let read = rest
        .state
        .read(move |store| {
            let page = store.search(&q)?;
            Ok((write_rows(format, &page.hits, false)?, page.next))
        })
        .await;
    match read {
        Ok((bytes, next)) => {
            rest.after = next;
            Some((Ok(bytes), rest))
        }
        // the status has gone out: a failure can only cut the download short
        Err(e) => Some((
            Err(std::io::Error::other(format!(
                "export stopped: {}",
                e.message
            ))),
            rest,
        )),
    }
}

/// `GET /api/v1/statements/export`.
pub async fn export(
    State(state): State<AppState>,
    q: Result<Query<RawSearch>, QueryRejection>,
) -> Result<Response, AppError> {
    let raw = q
        .map(|Query(t)| t)
        .map_err(|e| AppError::bad_request(format!("invalid query string: {}", e.body_text())))?;
    let (query, format) = export_query(&raw)?;
    let first = query.clone();
    let (head, after) = state
        .read(move |store| {
            let page = store.search(&first)?;
            Ok((write_rows(format, &page.hits, true)?, page.next))
        })
        .await?;
    let rest = Rest {
        state: Arc::clone(&state),
        query,
        after,
        format,
    };
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(head) })
        .chain(futures_util::stream::unfold(rest, next_chunk));
    let mut res = (StatusCode::OK, Body::from_stream(stream)).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"onrecord-statements.{}\"",
        format.extension()
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}
