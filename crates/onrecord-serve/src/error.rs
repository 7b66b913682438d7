//! Errors as the API and the pages show them: a status and a message, as JSON
//! (`{"status": 404, "message": "…"}`) under `/api`, as an HTML page elsewhere.

use axum::body::Body;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// A request that could not be answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppError {
    pub status: StatusCode,
    pub message: String,
}

/// The JSON body of every API error.
#[derive(Serialize)]
pub struct ErrorBody<'a> {
    pub status: u16,
    pub message: &'a str,
}

impl AppError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> AppError {
        AppError {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::NOT_FOUND, message)
    }

    pub fn unavailable(message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::SERVICE_UNAVAILABLE, message)
    }

    /// A fault of the server: logged in full, answered without details.
    pub fn internal(detail: impl std::fmt::Display) -> AppError {
        eprintln!("onrecord serve: internal error: {detail}");
        AppError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error; the server log has the details",
        )
    }

    /// The JSON response.
    pub fn json(&self) -> Response {
        json_error(self.status, &self.message)
    }
}

impl From<onrecord_store::Error> for AppError {
    fn from(e: onrecord_store::Error) -> AppError {
        use onrecord_store::Error as E;
        match e {
            E::InvalidQuery(m) => AppError::bad_request(m),
            // a backend without this query yet (PostgreSQL): say so, never an empty answer
            E::NotAvailable(m) => AppError::new(StatusCode::NOT_IMPLEMENTED, m),
            E::InvalidAnalysis { .. } => {
                AppError::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string())
            }
            E::Sqlite(ref s)
                if matches!(
                    s.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
                ) =>
            {
                AppError::unavailable("the database is busy; try again")
            }
            other => AppError::internal(format!("{other:#}")),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.json()
    }
}

pub fn json_error(status: StatusCode, message: &str) -> Response {
    let body = serde_json::to_vec(&ErrorBody {
        status: status.as_u16(),
        message,
    })
    .expect("error body serializes");
    let mut res = (status, body).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res
}

/// Middleware for `/api`: any error response that is not already JSON (axum's 405, the body
/// limit's 413, a 404 from the fallback…) becomes `{"status", "message"}`.
pub async fn json_errors(req: Request<Body>, next: Next) -> Response {
    let res = next.run(req).await;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        return res;
    }
    let message = match status {
        StatusCode::NOT_FOUND => "no such route; see /api/openapi.json".to_string(),
        StatusCode::METHOD_NOT_ALLOWED => "method not allowed on this route".to_string(),
        StatusCode::PAYLOAD_TOO_LARGE => "request body too large".to_string(),
        s => s.canonical_reason().unwrap_or("error").to_lowercase(),
    };
    let (parts, _) = res.into_parts();
    let mut out = json_error(status, &message);
    // keep headers such as Allow and WWW-Authenticate
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut().insert(name.clone(), value.clone());
        }
    }
    out
}
