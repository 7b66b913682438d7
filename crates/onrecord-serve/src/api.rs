//! The JSON API under `/api/v1` (described by `/api/openapi.json`).

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, MethodRouter};
use axum::Json;
use onrecord_core::{Article, Origin};
use onrecord_store::{ArticleQuery, Bucket, Cursor, Inserted, Position, SpeakerQuery};
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;

use crate::error::AppError;
use crate::json::*;
use crate::params::{self, Mode, RawList, RawSearch};
use crate::state::AppState;
use crate::versions;

/// The OpenAPI document, served at `/api/openapi.json`.
pub const OPENAPI: &str = include_str!("openapi.json");

/// Every API route: path, methods, handler. The router is built from this list, and a test
/// checks it against the paths and methods of the OpenAPI document.
pub fn routes() -> Vec<(&'static str, &'static [Method], MethodRouter<AppState>)> {
    vec![
        ("/api/openapi.json", &[Method::GET], get(openapi)),
        ("/api/v1/stats", &[Method::GET], get(stats)),
        ("/api/v1/statements", &[Method::GET], get(statements)),
        (
            "/api/v1/statements/export",
            &[Method::GET],
            get(crate::export::export),
        ),
        (
            "/api/v1/figures",
            &[Method::GET],
            get(crate::figures::figures),
        ),
        ("/api/v1/events", &[Method::GET], get(crate::events::events)),
        (
            "/api/v1/events/months",
            &[Method::GET],
            get(crate::events::months),
        ),
        ("/api/v1/speakers", &[Method::GET], get(speakers)),
        ("/api/v1/speakers/{id}", &[Method::GET], get(speaker)),
        (
            "/api/v1/articles",
            &[Method::GET, Method::POST],
            get(articles).post(ingest),
        ),
        ("/api/v1/articles/{id}", &[Method::GET], get(article)),
        (
            "/api/v1/articles/{id}/versions",
            &[Method::GET],
            get(article_versions),
        ),
        (
            "/api/v1/articles/{id}/changes",
            &[Method::GET],
            get(article_changes),
        ),
    ]
}

pub(crate) type ApiResult = Result<Response, AppError>;

pub(crate) fn ok<T: Serialize>(status: StatusCode, body: &T) -> ApiResult {
    let bytes = serde_json::to_vec(body).map_err(AppError::internal)?;
    let mut res = (status, bytes).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Ok(res)
}

pub(crate) fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, AppError> {
    q.map(|Query(t)| t)
        .map_err(|e| AppError::bad_request(format!("invalid query string: {}", e.body_text())))
}

fn path_id(p: Result<Path<String>, PathRejection>, what: &str) -> Result<i64, AppError> {
    let Path(raw) = p.map_err(|e| AppError::bad_request(e.body_text()))?;
    match raw.parse::<i64>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(AppError::bad_request(format!(
            "{what} id must be a positive integer"
        ))),
    }
}

async fn openapi() -> Response {
    let mut res = OPENAPI.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res
}

async fn stats(State(state): State<AppState>) -> ApiResult {
    let read_only = state.read_only();
    let st = Arc::clone(&state);
    let stats = state
        .read(move |store| {
            let sum = st.summary(store)?;
            let c = sum.counts;
            Ok(Stats {
                articles: c.articles,
                statements: c.statements,
                speakers: c.speakers,
                outlets: sum.outlets.iter().map(OutletJson::from).collect(),
                read_only,
            })
        })
        .await?;
    ok(StatusCode::OK, &stats)
}

async fn statements(
    State(state): State<AppState>,
    q: Result<Query<RawSearch>, QueryRejection>,
) -> ApiResult {
    let raw = query(q)?;
    if raw.page.is_some() {
        return Err(AppError::bad_request(
            "parameter 'page' is for the web pages; the API pages with 'cursor'",
        ));
    }
    let search = params::search(&raw, Mode::Strict)?;
    let list = state
        .read(move |store| {
            let page = store.search(&search)?;
            let total = store.search_total(&page, &search)?;
            Ok(StatementList {
                statements: page.hits.iter().map(StatementJson::hit).collect(),
                total,
                next: page.next.map(|c| c.to_string()),
            })
        })
        .await?;
    ok(StatusCode::OK, &list)
}

async fn speakers(
    State(state): State<AppState>,
    q: Result<Query<RawList>, QueryRejection>,
) -> ApiResult {
    let raw = query(q)?;
    let name = params::name(&raw.name, "name")?;
    let limit = params::limit(&raw.limit, Mode::Strict)?;
    let query = SpeakerQuery {
        name: name.clone(),
        ..SpeakerQuery::default()
    }
    .fingerprint();
    let offset = match params::cursor(&raw.cursor)? {
        None => 0,
        Some(c) => match c.at {
            Position::Offset(n) => {
                params::bound(&c, query)?;
                n as usize
            }
            _ => {
                return Err(AppError::bad_request(
                    "parameter 'cursor': not a cursor of this listing",
                ))
            }
        },
    };
    let list = state
        .read(move |store| {
            let mut rows = store.speakers(&SpeakerQuery {
                name,
                limit: Some(limit + 1),
                offset,
            })?;
            let next = (rows.len() > limit).then(|| {
                rows.truncate(limit);
                Cursor {
                    at: Position::Offset((offset + limit) as u64),
                    query,
                }
                .to_string()
            });
            Ok(SpeakerList {
                speakers: rows.iter().map(SpeakerJson::from).collect(),
                next,
            })
        })
        .await?;
    ok(StatusCode::OK, &list)
}

async fn speaker(
    State(state): State<AppState>,
    p: Result<Path<String>, PathRejection>,
    q: Result<Query<RawList>, QueryRejection>,
) -> ApiResult {
    let id = path_id(p, "speaker")?;
    let raw = query(q)?;
    let bucket = params::bucket(&raw.by, Mode::Strict)?.unwrap_or(Bucket::Day);
    let detail = state
        .read(move |store| {
            let Some(row) = store.speaker(id)? else {
                return Err(AppError::not_found(format!("no speaker {id}")));
            };
            let points = store.speaker_timeline(id, bucket)?;
            let dated: u64 = points.iter().map(|p| p.statements).sum();
            Ok(SpeakerDetail {
                speaker: SpeakerJson::from(&row),
                timeline: TimelineJson {
                    by: match bucket {
                        Bucket::Day => "day",
                        Bucket::Week => "week",
                    },
                    points: points.iter().map(PointJson::from).collect(),
                    undated: row.statements.saturating_sub(dated),
                },
            })
        })
        .await?;
    ok(StatusCode::OK, &detail)
}

async fn articles(
    State(state): State<AppState>,
    q: Result<Query<RawList>, QueryRejection>,
) -> ApiResult {
    let raw = query(q)?;
    let from = params::day(&raw.from, "from", Mode::Strict)?;
    let to = params::day(&raw.to, "to", Mode::Strict)?;
    let q = ArticleQuery {
        outlet: params::name(&raw.outlet, "outlet")?,
        from,
        to,
        limit: params::limit(&raw.limit, Mode::Strict)?,
        after: params::cursor(&raw.cursor)?,
    };
    if let Some(c) = &q.after {
        params::bound(c, q.fingerprint())?;
    }
    let list = state
        .read(move |store| {
            let page = store.articles(&q)?;
            Ok(ArticleList {
                articles: page.articles.iter().map(ArticleSummaryJson::from).collect(),
                next: page.next.map(|c| c.to_string()),
            })
        })
        .await?;
    ok(StatusCode::OK, &list)
}

async fn article(
    State(state): State<AppState>,
    p: Result<Path<String>, PathRejection>,
) -> ApiResult {
    let id = path_id(p, "article")?;
    let detail = state
        .read(move |store| {
            let Some(a) = store.article(id)? else {
                return Err(AppError::not_found(format!("no article {id}")));
            };
            let statements = store.article_statements(id)?;
            let skipped = crate::skipped(&a.article);
            Ok(ArticleDetail::new(&a, &statements, skipped))
        })
        .await?;
    ok(StatusCode::OK, &detail)
}

/// `GET /api/v1/articles/{id}/versions`: every version of the article's page, oldest first.
async fn article_versions(
    State(state): State<AppState>,
    p: Result<Path<String>, PathRejection>,
) -> ApiResult {
    let id = path_id(p, "article")?;
    let list = state
        .read(move |store| {
            let Some(a) = store.article(id)? else {
                return Err(AppError::not_found(format!("no article {id}")));
            };
            let versions = store.article_versions(&a.article.id)?;
            Ok(ArticleVersions {
                id,
                current: versions::current(&versions).map(|v| v.row),
                external_id: a.article.id,
                versions: versions.iter().map(VersionJson::from).collect(),
            })
        })
        .await?;
    ok(StatusCode::OK, &list)
}

/// `GET /api/v1/articles/{id}/changes[?from=ROW]`: what changed against the version before
/// it, or against version `from` of the same page.
async fn article_changes(
    State(state): State<AppState>,
    p: Result<Path<String>, PathRejection>,
    q: Result<Query<RawChanges>, QueryRejection>,
) -> ApiResult {
    let id = path_id(p, "article")?;
    let raw = query(q)?;
    let from = params::id(&raw.from, "from", Mode::Strict)?;
    let changes = state
        .read(move |store| {
            let Some(a) = store.article(id)? else {
                return Err(AppError::not_found(format!("no article {id}")));
            };
            let versions = store.article_versions(&a.article.id)?;
            let base = match from {
                None => versions::previous(&versions, id).cloned(),
                Some(f) => Some(versions.iter().find(|v| v.row == f).cloned().ok_or_else(
                    || {
                        AppError::bad_request(format!(
                            "parameter 'from': article {f} is not a version of the page of                              article {id}; see /api/v1/articles/{id}/versions"
                        ))
                    },
                )?),
            };
            let compared = match base {
                Some(b) => {
                    let statements = store.article_statements(id)?;
                    Some(versions::compare_stored(store, &b, &a, &statements)?)
                }
                None => None,
            };
            Ok(ArticleChanges::new(&a, compared.as_ref()))
        })
        .await?;
    ok(StatusCode::OK, &changes)
}

/// The parameters of `/api/v1/articles/{id}/changes`.
#[derive(Debug, Default, serde::Deserialize)]
struct RawChanges {
    from: Option<String>,
}

/// `POST /api/v1/articles`: analyse and store one article (annotated-corpus fields `id`,
/// `text`, `title`, `published`, `outlet`, `url`; others are ignored). Needs the bearer
/// token given to `onrecord serve --ingest-token`.
async fn ingest(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Json<Value>, JsonRejection>,
) -> ApiResult {
    if let Some(backend) = state.foreign {
        return Err(AppError::new(
            StatusCode::NOT_IMPLEMENTED,
            format!("POST /api/v1/articles is not available on {backend} yet"),
        ));
    }
    let Some(token) = state.ingest_token.as_deref() else {
        return Err(AppError::new(
            StatusCode::FORBIDDEN,
            "this server is read-only; start it with --ingest-token to accept articles",
        ));
    };
    if !authorized(&headers, token) {
        let mut res = AppError::new(
            StatusCode::UNAUTHORIZED,
            "missing or wrong bearer token (Authorization: Bearer TOKEN)",
        )
        .json();
        res.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"onrecord\""),
        );
        return Ok(res);
    }
    let Json(value) = body.map_err(|e| match e {
        JsonRejection::MissingJsonContentType(_) => AppError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the article as JSON with Content-Type: application/json",
        ),
        JsonRejection::BytesRejection(b) if b.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            AppError::new(StatusCode::PAYLOAD_TOO_LARGE, "request body too large")
        }
        other => AppError::bad_request(format!("invalid JSON body: {}", other.body_text())),
    })?;
    let (article, warnings) = article_from_json(&value)?;
    let result = state
        .write(move |store| {
            let analysis = onrecord_analysis::try_analyze(&article).map_err(|panic| {
                AppError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    format!(
                        "the analysis failed on this article (a bug; please report it): {panic}"
                    ),
                )
            })?;
            let inserted = store.insert(&article, &analysis)?;
            let row = store
                .article_by_fingerprint(&article.fingerprint())?
                .ok_or_else(|| AppError::internal("stored article not found"))?;
            let statements = match inserted {
                Inserted::New { statements } => statements as u64,
                Inserted::Duplicate => store.article_statements(row)?.len() as u64,
            };
            Ok(Ingested {
                id: row,
                external_id: article.id.clone(),
                created: matches!(inserted, Inserted::New { .. }),
                statements,
                warnings,
            })
        })
        .await
        .expect("a token implies a writer")?;
    let status = if result.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    ok(status, &result)
}

/// Constant-time comparison of the bearer token.
fn authorized(headers: &HeaderMap, token: &str) -> bool {
    let Some(given) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, rest) = v.trim().split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
        })
    else {
        return false;
    };
    let (a, b) = (given.as_bytes(), token.as_bytes());
    let mut diff = a.len() ^ b.len();
    for (i, tb) in b.iter().enumerate() {
        diff |= (a.get(i).copied().unwrap_or(0) ^ tb) as usize;
    }
    diff == 0
}

/// Longest article id accepted.
const MAX_ID: usize = 500;

/// An article from an annotated-corpus record, with warnings about what was left out.
/// Missing or mistyped required fields are a 400.
fn article_from_json(v: &Value) -> Result<(Article, Vec<String>), AppError> {
    let bad = |m: String| AppError::bad_request(m);
    let Value::Object(obj) = v else {
        return Err(bad(
            "expected a JSON object with at least \"id\" and \"text\"".into(),
        ));
    };
    let text = match obj.get("text") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::String(_)) => return Err(bad("field \"text\" is empty".into())),
        Some(_) => return Err(bad("field \"text\" must be a string".into())),
        None => return Err(bad("missing field \"text\" (the article text)".into())),
    };
    let id = match obj.get("id") {
        Some(Value::String(s)) if s.chars().count() > MAX_ID => {
            return Err(bad(format!(
                "field \"id\" is longer than {MAX_ID} characters"
            )))
        }
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Number(n)) if n.is_i64() => n.to_string(),
        // JSON Schema counts 3.0 as an integer
        Some(Value::Number(n))
            if n.as_f64()
                .is_some_and(|f| f.fract() == 0.0 && f.abs() < 1e15) =>
        {
            format!("{}", n.as_f64().unwrap_or_default() as i64)
        }
        Some(Value::String(_)) => return Err(bad("field \"id\" is empty".into())),
        Some(_) => return Err(bad("field \"id\" must be a string or an integer".into())),
        None => return Err(bad("missing field \"id\"".into())),
    };
    let opt = |field: &str| -> Result<Option<String>, AppError> {
        match obj.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok((!s.trim().is_empty()).then(|| s.trim().to_string())),
            Some(_) => Err(bad(format!("field \"{field}\" must be a string or null"))),
        }
    };
    // As `onrecord ingest` does: a publication day that is not a date is a warning, and the
    // article is stored with its day unknown.
    let mut warnings = Vec::new();
    let published = match opt("published")? {
        None => None,
        Some(s) => {
            let day = params::parse_iso_day(&s).or_else(|| {
                chrono::DateTime::parse_from_rfc3339(&s)
                    .ok()
                    .map(|d| d.date_naive())
            });
            if day.is_none() {
                warnings.push(
                    "field \"published\" is not YYYY-MM-DD or an RFC 3339 date-time; \
                     publication day unknown"
                        .to_string(),
                );
            }
            day
        }
    };
    let article = Article {
        id,
        text,
        title: opt("title")?,
        published,
        outlet: opt("outlet")?,
        url: opt("url")?,
        origin: Origin {
            path: "api".into(),
            line: None,
            offset: None,
        },
        ..Article::default()
    };
    Ok((article, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bearer_tokens_compare_exactly() {
        let h = |v: &str| {
            let mut m = HeaderMap::new();
            m.insert(header::AUTHORIZATION, HeaderValue::from_str(v).unwrap());
            m
        };
        assert!(authorized(&h("Bearer s3cret"), "s3cret"));
        assert!(authorized(&h("bearer  s3cret "), "s3cret"));
        assert!(!authorized(&h("Bearer s3cre"), "s3cret"));
        assert!(!authorized(&h("Bearer s3cretx"), "s3cret"));
        assert!(!authorized(&h("Basic s3cret"), "s3cret"));
        assert!(!authorized(&h("Bearer"), "s3cret"));
        assert!(!authorized(&HeaderMap::new(), "s3cret"));
    }

    #[test]
    fn articles_from_records() {
        let (a, warnings) = article_from_json(&json!({
            "id": 7, "text": "Ana Lopes said yes.", "published": "2024-03-04T10:00:00+01:00",
            "outlet": " Daily Planet ", "title": null, "attributions": []
        }))
        .unwrap();
        assert!(warnings.is_empty());
        assert_eq!(a.id, "7");
        assert_eq!(a.published.unwrap().to_string(), "2024-03-04");
        assert_eq!(a.outlet.as_deref(), Some("Daily Planet"));
        for bad in [
            json!([]),
            json!({"id": "x"}),
            json!({"id": "x", "text": " "}),
            json!({"id": "x", "text": 3}),
            json!({"text": "t"}),
            json!({"id": true, "text": "t"}),
            json!({"id": 1.5, "text": "t"}),
            json!({"id": "x", "text": "t", "url": 5}),
        ] {
            assert!(article_from_json(&bad).is_err(), "{bad}");
        }
        let (a, warnings) =
            article_from_json(&json!({"id": 3.0, "text": "t", "published": "March 4"})).unwrap();
        assert_eq!((a.id.as_str(), a.published), ("3", None));
        assert_eq!(warnings.len(), 1);
    }
}
