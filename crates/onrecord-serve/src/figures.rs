//! `GET /api/v1/figures`: the figures articles state, with who gives them, filtered; oldest
//! first, so that one speaker's figures for one thing read as its history.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use onrecord_store::{bound_from_str, FigureQuery, FigureRow};
use serde::{Deserialize, Serialize};

use crate::api::{ok, query, ApiResult};
use crate::error::AppError;
use crate::json::ArticleRefJson;
use crate::params::{self, Mode};
use crate::state::AppState;

/// The figure filters as they arrive.
#[derive(Debug, Default, Deserialize)]
pub struct RawFigures {
    pub speaker: Option<String>,
    pub unit: Option<String>,
    pub subject: Option<String>,
    pub bound: Option<String>,
    pub sourced: Option<String>,
    pub outlet: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub article_id: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
}

#[derive(Serialize)]
struct FigureJson {
    id: i64,
    article: ArticleRefJson,
    text: String,
    span: [usize; 2],
    /// A number, or `[low, high]` for a range.
    value: serde_json::Value,
    unit: String,
    bound: &'static str,
    subject: Option<String>,
    source: Option<String>,
    source_name: Option<String>,
    speaker_id: Option<i64>,
    statement_id: Option<i64>,
    day: Option<String>,
    effective_day: Option<String>,
}

impl FigureJson {
    fn from(r: &FigureRow) -> FigureJson {
        FigureJson {
            id: r.id,
            article: ArticleRefJson::from_statement_article(&r.article),
            text: r.text.clone(),
            span: r.span,
            value: match r.value_high {
                Some(h) => serde_json::json!([r.value, h]),
                None => serde_json::json!(r.value),
            },
            unit: r.unit.clone(),
            bound: r.bound.as_str(),
            subject: r.subject.clone(),
            source: r.source.clone(),
            source_name: r.speaker.as_ref().map(|s| s.name.clone()),
            speaker_id: r.speaker.as_ref().map(|s| s.id),
            statement_id: r.statement,
            day: r.day.map(|d| d.to_string()),
            effective_day: r.effective_day.map(|d| d.to_string()),
        }
    }
}

#[derive(Serialize)]
struct FigureList {
    figures: Vec<FigureJson>,
    total: u64,
    /// The `offset` of the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    next_offset: Option<usize>,
}

pub(crate) fn figure_query(raw: &RawFigures, mode: Mode) -> Result<FigureQuery, AppError> {
    let from = params::day(&raw.from, "from", mode)?;
    let to = params::day(&raw.to, "to", mode)?;
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(AppError::bad_request(format!(
                "parameter 'from' ({f}) is after 'to' ({t})"
            )));
        }
    }
    let bound = match params::name(&raw.bound, "bound")? {
        Some(b) => Some(bound_from_str(&b).ok_or_else(|| {
            AppError::bad_request(format!(
                "parameter 'bound': '{b}' is not one of exact, at_least, more_than, at_most, \
                 less_than, about, range"
            ))
        })?),
        None => None,
    };
    let offset = match raw.offset.as_deref().map(str::trim) {
        None | Some("") => 0,
        Some(s) => s.parse::<usize>().map_err(|_| {
            AppError::bad_request(format!("parameter 'offset': '{s}' is not a whole number"))
        })?,
    };
    Ok(FigureQuery {
        speaker: params::name(&raw.speaker, "speaker")?,
        unit: params::name(&raw.unit, "unit")?,
        subject: params::name(&raw.subject, "subject")?,
        bound,
        sourced: params::flag(&raw.sourced, "sourced", mode)?,
        outlet: params::name(&raw.outlet, "outlet")?,
        from,
        to,
        article: params::name(&raw.article_id, "article_id")?,
        limit: Some(params::limit(&raw.limit, mode)?),
        offset,
    })
}

pub(crate) async fn figures(
    State(state): State<AppState>,
    q: Result<Query<RawFigures>, QueryRejection>,
) -> ApiResult {
    let q = figure_query(&query(q)?, Mode::Strict)?;
    let list = state
        .read(move |store| {
            let rows = store.figures(&q)?;
            let total = store.count_figures(&q)?;
            let next = q.offset + rows.len();
            Ok(FigureList {
                figures: rows.iter().map(FigureJson::from).collect(),
                total,
                next_offset: ((next as u64) < total).then_some(next),
            })
        })
        .await?;
    ok(StatusCode::OK, &list)
}
