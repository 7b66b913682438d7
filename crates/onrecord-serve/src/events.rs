//! `GET /api/v1/events` (who did what to whom, with who says so and the day, oldest first)
//! and `GET /api/v1/events/months` (the same filters counted by month and type: a dyad's
//! timeline, such as Türkiye ↔ Russia).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use onrecord_core::EventType;
use onrecord_store::{standing_from_str, EventParty, EventQuery, EventRow, Party};
use serde::{Deserialize, Serialize};

use crate::api::{ok, query, ApiResult};
use crate::error::AppError;
use crate::json::ArticleRefJson;
use crate::params::{self, Mode};
use crate::state::AppState;

/// The event filters as they arrive.
#[derive(Debug, Default, Deserialize)]
pub struct RawEvents {
    pub actor: Option<String>,
    pub recipient: Option<String>,
    pub both_ways: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub standing: Option<String>,
    pub speaker: Option<String>,
    pub outlet: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub article_id: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct PartyJson {
    text: String,
    span: Vec<[usize; 2]>,
    country: Option<String>,
    sector: Option<String>,
}

fn parties(v: &[EventParty]) -> Vec<PartyJson> {
    v.iter()
        .map(|p| PartyJson {
            text: p.text.clone(),
            span: p.spans.clone(),
            country: p.country.clone(),
            sector: p.sector.clone(),
        })
        .collect()
}

#[derive(Serialize)]
struct EventJson {
    id: i64,
    article: ArticleRefJson,
    #[serde(rename = "type")]
    kind: &'static str,
    mode: Option<String>,
    context: Vec<String>,
    trigger: String,
    span: [usize; 2],
    actor: Vec<PartyJson>,
    recipient: Vec<PartyJson>,
    location: Option<PartyJson>,
    standing: &'static str,
    source_name: Option<String>,
    speaker_id: Option<i64>,
    statement_id: Option<i64>,
    day: Option<String>,
    effective_day: Option<String>,
    sentence: String,
    sentence_span: [usize; 2],
}

impl EventJson {
    fn from(r: &EventRow) -> EventJson {
        EventJson {
            id: r.id,
            article: ArticleRefJson::from_statement_article(&r.article),
            kind: r.kind.as_str(),
            mode: r.mode.clone(),
            context: r.context.clone(),
            trigger: r.trigger.clone(),
            span: r.span,
            actor: parties(&r.actors),
            recipient: parties(&r.recipients),
            location: r
                .location
                .as_ref()
                .and_then(|p| parties(std::slice::from_ref(p)).pop()),
            standing: r.standing.as_str(),
            source_name: r.speaker.as_ref().map(|s| s.name.clone()),
            speaker_id: r.speaker.as_ref().map(|s| s.id),
            statement_id: r.statement,
            day: r.day.map(|d| d.to_string()),
            effective_day: r.effective_day.map(|d| d.to_string()),
            sentence: r.sentence.clone(),
            sentence_span: r.sentence_span,
        }
    }
}

#[derive(Serialize)]
struct EventList {
    events: Vec<EventJson>,
    total: u64,
    /// The `offset` of the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    next_offset: Option<usize>,
}

#[derive(Serialize)]
struct MonthJson {
    month: String,
    #[serde(rename = "type")]
    kind: &'static str,
    count: u64,
}

#[derive(Serialize)]
struct EventMonths {
    months: Vec<MonthJson>,
}

/// A party as typed: words, and the country the gazetteer gives the name, or a code.
pub(crate) fn party(typed: &str) -> Party {
    Party::new(typed, onrecord_analysis::events::country_code(typed))
}

pub(crate) fn event_query(raw: &RawEvents, mode: Mode) -> Result<EventQuery, AppError> {
    let from = params::day(&raw.from, "from", mode)?;
    let to = params::day(&raw.to, "to", mode)?;
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(AppError::bad_request(format!(
                "parameter 'from' ({f}) is after 'to' ({t})"
            )));
        }
    }
    let kind = match params::name(&raw.kind, "type")? {
        Some(k) => Some(EventType::parse(&k).ok_or_else(|| {
            AppError::bad_request(format!(
                "parameter 'type': '{k}' is not a PLOVER type (AGREE, CONSULT, SUPPORT, \
                 CONCEDE, COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, \
                 PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT)"
            ))
        })?),
        None => None,
    };
    let standing = match params::name(&raw.standing, "standing")? {
        Some(s) => Some(standing_from_str(&s.to_lowercase()).ok_or_else(|| {
            AppError::bad_request(format!(
                "parameter 'standing': '{s}' is not one of happened, planned, requested, \
                 offered, claimed, hypothetical, denied"
            ))
        })?),
        None => None,
    };
    let side = |v: &Option<String>, name: &str| -> Result<Option<Party>, AppError> {
        match params::name(v, name)? {
            Some(t) if onrecord_core::fold(&t).is_empty() => Err(AppError::bad_request(format!(
                "parameter '{name}': '{t}' names no party"
            ))),
            t => Ok(t.as_deref().map(party)),
        }
    };
    let actor = side(&raw.actor, "actor")?;
    let recipient = side(&raw.recipient, "recipient")?;
    let both_ways = params::flag(&raw.both_ways, "both_ways", mode)?;
    if both_ways && (actor.is_none() || recipient.is_none()) {
        return Err(AppError::bad_request(
            "parameter 'both_ways' needs both 'actor' and 'recipient'".to_string(),
        ));
    }
    let offset = match raw.offset.as_deref().map(str::trim) {
        None | Some("") => 0,
        Some(s) => s.parse::<usize>().map_err(|_| {
            AppError::bad_request(format!("parameter 'offset': '{s}' is not a whole number"))
        })?,
    };
    Ok(EventQuery {
        actor,
        recipient,
        both_ways,
        kind,
        standing,
        speaker: params::name(&raw.speaker, "speaker")?,
        outlet: params::name(&raw.outlet, "outlet")?,
        from,
        to,
        article: params::name(&raw.article_id, "article_id")?,
        limit: Some(params::limit(&raw.limit, mode)?),
        offset,
    })
}

pub(crate) async fn events(
    State(state): State<AppState>,
    q: Result<Query<RawEvents>, QueryRejection>,
) -> ApiResult {
    let q = event_query(&query(q)?, Mode::Strict)?;
    let list = state
        .read(move |store| {
            let rows = store.events(&q)?;
            let total = store.count_events(&q)?;
            let next = q.offset + rows.len();
            Ok(EventList {
                events: rows.iter().map(EventJson::from).collect(),
                total,
                next_offset: ((next as u64) < total).then_some(next),
            })
        })
        .await?;
    ok(StatusCode::OK, &list)
}

pub(crate) async fn months(
    State(state): State<AppState>,
    q: Result<Query<RawEvents>, QueryRejection>,
) -> ApiResult {
    let raw = query(q)?;
    if raw.limit.is_some() || raw.offset.is_some() {
        return Err(AppError::bad_request(
            "parameters 'limit' and 'offset' do not apply to month counts".to_string(),
        ));
    }
    let q = event_query(&raw, Mode::Strict)?;
    let months = state
        .read(move |store| {
            Ok(EventMonths {
                months: store
                    .event_months(&q)?
                    .into_iter()
                    .map(|c| MonthJson {
                        month: c.month,
                        kind: c.kind.as_str(),
                        count: c.count,
                    })
                    .collect(),
            })
        })
        .await?;
    ok(StatusCode::OK, &months)
}
