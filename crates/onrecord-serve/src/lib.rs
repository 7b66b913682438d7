//! `onrecord serve`: web pages and a JSON API over an onrecord database.
//!
//! * Pages (`pages.rs`): home, search, speakers, one speaker with a server-rendered SVG
//!   timeline, articles, one article with every statement highlighted. HTML from maud
//!   templates (every value escaped), one small stylesheet and script embedded in the binary;
//!   no JavaScript is needed to read anything.
//! * API (`api.rs`) under `/api/v1`, described by the OpenAPI document at
//!   `/api/openapi.json`; errors are `{"status": …, "message": …}`.
//! * Provenance (`archive.rs`, `versions.rs`, `changes.rs`): an article page shows where the
//!   article came from (bylines, dates with their evidence, language, the original, the
//!   archived copy read back from its WARC record and shown in a sandbox) and, for a page
//!   fetched several times, its versions and what changed between them.
//! * Limits (`limits.rs`): an address longer than 4 KiB is refused with a 414 as JSON or
//!   as a page; so is one too long for the HTTP parser itself, whose bare answer is
//!   replaced on the connection.
//! * Read-only unless an ingest token is configured, which enables `POST /api/v1/articles`
//!   behind `Authorization: Bearer TOKEN`. Request bodies are size-limited; CORS is off
//!   unless origins are given; every response carries a strict Content-Security-Policy.
//!
//! The store does the querying (`onrecord-store`: FTS5 search with cursors, speaker
//! timelines); this crate parses parameters, calls it on the blocking pool, and renders.

mod api;
mod archive;
mod changes;
mod days;
mod error;
mod event_pages;
mod events;
mod export;
mod figure_pages;
mod figures;
mod highlight;
mod json;
mod limits;
mod pages;
mod params;
mod state;
mod timeline;
mod versions;

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::Router;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;

pub use api::OPENAPI;
pub use error::AppError;
pub use state::{Opener, State};

/// The default largest request body: 1 MiB, far more than any article.
pub const DEFAULT_MAX_BODY: usize = 1024 * 1024;

/// How to serve.
#[derive(Clone, Debug)]
pub struct Config {
    /// The database `onrecord ingest` fills.
    pub db: PathBuf,
    /// Enables `POST /api/v1/articles` with this bearer token (and opens the database for
    /// writing). None: read-only.
    pub ingest_token: Option<String>,
    /// Origins allowed to call the API from a browser (CORS). Empty: no CORS headers.
    pub cors_origins: Vec<String>,
    /// Largest request body accepted, in bytes.
    pub max_body: usize,
    /// The folder of the WARC files onrecord wrote while fetching (`onrecord ingest URL`,
    /// `watch`), where archived copies of fetched pages are read from.
    pub archive: PathBuf,
}

impl Config {
    pub fn new(db: impl Into<PathBuf>) -> Config {
        let db = db.into();
        Config {
            archive: default_archive_dir(&db),
            db,
            ingest_token: None,
            cors_origins: Vec::new(),
            max_body: DEFAULT_MAX_BODY,
        }
    }
}

/// The archive folder of a database when none is given: its path with `.warc` added
/// (`news.db.warc/`), as `onrecord ingest` and `watch` choose it (`onrecord-crawl`, which
/// this crate does not depend on).
pub fn default_archive_dir(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(".warc");
    PathBuf::from(name)
}

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The headers every response carries unless it sets its own (an archived copy's page and
/// bytes set their own policy and framing), besides its content type: added by the
/// router's layers, and written out by hand where hyper refused a request before the
/// router saw it (`limits.rs`).
pub(crate) const COMMON_HEADERS: [(&str, &str); 5] = [
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
    ("cache-control", "no-cache"),
];

/// The policy of the page around an archived copy: [`CSP`], and frames from this server
/// only (the sandboxed copy itself).
pub(crate) const CSP_WITH_FRAME: &str =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The policy of an archived page's own bytes: a sandbox (a unique origin, no scripts, no
/// forms, no pop-ups), nothing fetched but inline styles and `data:` images, and framed only
/// by this server's page around it.
pub(crate) const CSP_ARCHIVED: &str = "sandbox; default-src 'none'; img-src data:; \
     style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'; frame-ancestors 'self'";

/// Why an article was stored without statements, in the analysis's own words
/// (`Analysis::skipped`, which the store does not keep): asked of the analysis only for an
/// article it does not read, where it answers at once without analysing anything.
pub(crate) fn skipped(article: &onrecord_core::Article) -> Option<String> {
    if article.is_english() {
        return None;
    }
    onrecord_analysis::analyze(article).skipped
}

/// Open the database and build the whole application.
pub fn app(config: &Config) -> anyhow::Result<Router> {
    if let Some(t) = &config.ingest_token {
        anyhow::ensure!(
            t.len() >= 16 && !t.chars().any(char::is_whitespace),
            "the ingest token must be at least 16 characters, without spaces"
        );
    }
    let state = Arc::new(
        State::open(config.db.clone(), config.ingest_token.clone())?
            .with_archive(config.archive.clone()),
    );
    router(state, config)
}

/// The application over an already opened state.
pub fn router(state: Arc<State>, config: &Config) -> anyhow::Result<Router> {
    let mut api = Router::new();
    for (path, _methods, handler) in api::routes() {
        let inner = path
            .strip_prefix("/api")
            .expect("API routes start with /api");
        api = api.route(inner, handler);
    }
    let mut api = api
        .fallback(|| async { AppError::not_found("no such route; see /api/openapi.json") })
        .layer(DefaultBodyLimit::max(config.max_body))
        .layer(RequestBodyLimitLayer::new(config.max_body))
        .layer(axum::middleware::from_fn(error::json_errors));
    if !config.cors_origins.is_empty() {
        let origins = config
            .cors_origins
            .iter()
            .map(|o| HeaderValue::from_str(o.trim_end_matches('/')))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| anyhow::anyhow!("invalid --cors-origin value"))?;
        api = api.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE]),
        );
    }
    let [csp, nosniff, frame, referrer, cache] = COMMON_HEADERS.map(|(_, v)| v);
    let app = Router::new()
        .merge(pages::routes())
        .fallback(pages::not_found)
        .nest_service("/api", api.with_state(Arc::clone(&state)))
        .with_state(state)
        // before routing: an address too long to read is refused whatever it names
        .layer(axum::middleware::from_fn(limits::long_targets))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(csp),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static(nosniff),
        ))
        // (an archived copy sets SAMEORIGIN, to be shown in its page's frame)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static(frame),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static(referrer),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("cache-control"),
            HeaderValue::from_static(cache),
        ));
    Ok(app)
}

/// Serve `app` on `listener` until `shutdown` completes. Each connection is
/// [`limits::Guarded`]: a request head too long for the HTTP parser is answered by the
/// server as any refused request is (JSON under `/api`, else a page, with the usual
/// headers), not with the parser's bare status line.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(limits::GuardedListener(listener), app)
        .with_graceful_shutdown(shutdown)
        .await
}

#[doc(hidden)]
/// For tests: the API routes and their methods, to compare with the OpenAPI document.
pub fn api_routes() -> Vec<(&'static str, Vec<String>)> {
    api::routes()
        .into_iter()
        .map(|(p, m, _)| (p, m.iter().map(|m| m.as_str().to_lowercase()).collect()))
        .collect()
}
