//! The fetcher against small HTTP servers started inside each test on 127.0.0.1:0. Nothing
//! leaves the machine. Pages are invented (the Dunmore Gazette does not exist).
//!
//! Timing assertions are lower bounds only ("waited at least X", measured on the server as
//! arrival times) or orderings; the test configuration shortens every wait.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::time::Instant;

use super::*;
use crate::decode::tests::{brotli, gzip, gzip_zeros, raw_deflate, zlib};

/// One request as the server saw it.
#[derive(Debug, Clone)]
struct Hit {
    path: String,
    at: Instant,
    headers: HeaderMap,
}

struct Server {
    addr: SocketAddr,
    hits: Arc<Mutex<Vec<Hit>>>,
}

impl Server {
    async fn start(router: Router) -> Server {
        let hits: Arc<Mutex<Vec<Hit>>> = Arc::default();
        let log = hits.clone();
        let router = router.layer(middleware::from_fn(move |req: Request, next: Next| {
            let log = log.clone();
            async move {
                log.lock().unwrap().push(Hit {
                    path: req
                        .uri()
                        .path_and_query()
                        .map(|p| p.to_string())
                        .unwrap_or_default(),
                    at: Instant::now(),
                    headers: req.headers().clone(),
                });
                next.run(req).await
            }
        }));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            axum::serve(listener, router).await.unwrap();
        });
        Server { addr, hits }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn hits(&self, path: &str) -> Vec<Hit> {
        self.hits
            .lock()
            .unwrap()
            .iter()
            .filter(|h| h.path == path)
            .cloned()
            .collect()
    }

    fn all_hits(&self) -> Vec<Hit> {
        self.hits.lock().unwrap().clone()
    }
}

/// Short waits everywhere; robots.txt respected (a router without /robots.txt answers 404,
/// which allows everything).
fn config() -> FetchConfig {
    FetchConfig {
        contact: Some("https://newsroom.example/crawler".into()),
        per_host_interval: Duration::from_millis(10),
        timeout: Duration::from_secs(10),
        connect_timeout: Duration::from_secs(2),
        retry_base: Duration::from_millis(10),
        max_retry_wait: Duration::from_secs(5),
        use_env_proxy: false,
        ..FetchConfig::default()
    }
}

fn fetcher(config: FetchConfig) -> Fetcher {
    Fetcher::new(config).unwrap()
}

fn gap(a: &Hit, b: &Hit) -> Duration {
    b.at.duration_since(a.at)
}

const PAGE: &str = "<!DOCTYPE html><html><head><title>Bridge reopens</title></head>\
<body><p>\u{201c}The bridge reopens Tuesday,\u{201d} Mayor Ilse Varn of Dunmore said.</p></body></html>";

#[tokio::test]
async fn a_page_with_everything_the_archive_needs() {
    let server = Server::start(Router::new().route(
        "/news/bridge",
        get(|| async {
            (
                [
                    (header::CONTENT_TYPE, "text/html; charset=UTF-8"),
                    (header::ETAG, "\"b-1\""),
                    (header::LAST_MODIFIED, "Tue, 05 Mar 2024 19:30:00 GMT"),
                ],
                PAGE,
            )
        }),
    ))
    .await;
    let f = fetcher(config());
    let before = Utc::now();
    let page = f
        .get(&server.url("/news/bridge#top"), &Conditional::none())
        .await
        .unwrap();

    assert_eq!(page.status(), 200);
    assert!(!page.not_modified);
    assert_eq!(page.requested_url, server.url("/news/bridge"));
    assert_eq!(page.final_url, server.url("/news/bridge"));
    assert!(page.redirects.is_empty());
    assert_eq!(page.body, PAGE.as_bytes());
    assert_eq!(page.response.raw_body, PAGE.as_bytes());
    assert_eq!(page.content_type.as_deref(), Some("text/html"));
    assert_eq!(page.charset.as_deref(), Some("utf-8"));
    assert_eq!(page.etag.as_deref(), Some("\"b-1\""));
    assert_eq!(
        page.last_modified.as_deref(),
        Some("Tue, 05 Mar 2024 19:30:00 GMT")
    );
    assert!(page.fetched_at() >= before && page.fetched_at() <= Utc::now());
    assert_eq!(page.response.remote_ip, Some(server.addr.ip()));

    let head = String::from_utf8(page.response.raw_head.clone()).unwrap();
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    assert!(head.contains("\r\netag: \"b-1\"\r\n"), "{head}");
    assert!(head.ends_with("\r\n\r\n"));
    assert_eq!(
        page.response.header("Content-Type"),
        Some("text/html; charset=UTF-8")
    );

    // The request as recorded is the request as received.
    let ua = format!(
        "onrecord/{} (+https://newsroom.example/crawler)",
        env!("CARGO_PKG_VERSION")
    );
    let request_head = String::from_utf8(page.response.request_head.clone()).unwrap();
    assert!(
        request_head.starts_with(&format!(
            "GET /news/bridge HTTP/1.1\r\nHost: {}\r\n",
            server.addr
        )),
        "{request_head}"
    );
    let hit = &server.hits("/news/bridge")[0];
    for (name, value) in &page.response.request_headers {
        assert_eq!(
            hit.headers.get(name.as_str()).and_then(|v| v.to_str().ok()),
            Some(value.as_str()),
            "{name}"
        );
    }
    assert_eq!(hit.headers.get("user-agent").unwrap(), ua.as_str());
    assert_eq!(
        hit.headers.get("accept-encoding").unwrap(),
        "gzip, deflate, br"
    );
    assert!(hit.headers.get("if-none-match").is_none());
}

async fn validator_server() -> Server {
    Server::start(Router::new().route(
        "/feed.xml",
        get(|headers: HeaderMap| async move {
            let etag_match = headers
                .get(header::IF_NONE_MATCH)
                .is_some_and(|v| v == "\"f-7\"");
            let date_match = headers
                .get(header::IF_MODIFIED_SINCE)
                .is_some_and(|v| v == "Wed, 06 Mar 2024 08:00:00 GMT");
            if etag_match || date_match {
                return StatusCode::NOT_MODIFIED.into_response();
            }
            (
                [
                    (header::ETAG, "\"f-7\""),
                    (header::LAST_MODIFIED, "Wed, 06 Mar 2024 08:00:00 GMT"),
                ],
                "<rss version=\"2.0\"><channel><title>Dunmore</title></channel></rss>",
            )
                .into_response()
        }),
    ))
    .await
}

#[tokio::test]
async fn not_modified_on_if_none_match() {
    let server = validator_server().await;
    let f = fetcher(config());
    let first = f
        .get(&server.url("/feed.xml"), &Conditional::none())
        .await
        .unwrap();
    assert!(!first.not_modified);
    let cond = Conditional {
        etag: first.etag.clone(),
        last_modified: None,
    };
    let second = f.get(&server.url("/feed.xml"), &cond).await.unwrap();
    assert!(second.not_modified);
    assert_eq!(second.status(), 304);
    assert!(second.body.is_empty());
    assert_eq!(
        second.etag.as_deref(),
        Some("\"f-7\""),
        "validators carry over a bare 304"
    );
    let hits = server.hits("/feed.xml");
    assert_eq!(hits[1].headers.get("if-none-match").unwrap(), "\"f-7\"");
}

#[tokio::test]
async fn not_modified_on_if_modified_since() {
    let server = validator_server().await;
    let f = fetcher(config());
    let cond = Conditional {
        etag: None,
        last_modified: Some("Wed, 06 Mar 2024 08:00:00 GMT".into()),
    };
    let fetched = f.get(&server.url("/feed.xml"), &cond).await.unwrap();
    assert!(fetched.not_modified);
    assert_eq!(
        fetched.last_modified.as_deref(),
        Some("Wed, 06 Mar 2024 08:00:00 GMT")
    );
    let stale = Conditional {
        etag: None,
        last_modified: Some("Mon, 01 Jan 2024 00:00:00 GMT".into()),
    };
    assert!(
        !f.get(&server.url("/feed.xml"), &stale)
            .await
            .unwrap()
            .not_modified
    );
}

/// Answers `first` for the first `n` requests, then 200.
fn flaky(n: usize, first: Response<Body>) -> Router {
    let count = Arc::new(AtomicUsize::new(0));
    let first = Arc::new(Mutex::new(Some(first)));
    let (status, headers) = {
        let r = first.lock().unwrap();
        let r = r.as_ref().unwrap();
        (r.status(), r.headers().clone())
    };
    Router::new().route(
        "/story",
        get(move || {
            let count = count.clone();
            let headers = headers.clone();
            async move {
                if count.fetch_add(1, Ordering::SeqCst) < n {
                    (status, headers, "busy").into_response()
                } else {
                    PAGE.into_response()
                }
            }
        }),
    )
}

fn response(status: StatusCode, retry_after: Option<&str>) -> Response<Body> {
    let mut r = Response::builder().status(status);
    if let Some(v) = retry_after {
        r = r.header(header::RETRY_AFTER, v);
    }
    r.body(Body::empty()).unwrap()
}

#[tokio::test]
async fn waits_out_retry_after_then_succeeds() {
    let server = Server::start(flaky(1, response(StatusCode::TOO_MANY_REQUESTS, Some("1")))).await;
    let f = fetcher(config());
    let page = f
        .get(&server.url("/story"), &Conditional::none())
        .await
        .unwrap();
    assert_eq!(page.body, PAGE.as_bytes());
    let hits = server.hits("/story");
    assert_eq!(hits.len(), 2);
    assert!(
        gap(&hits[0], &hits[1]) >= Duration::from_secs(1),
        "{:?}",
        gap(&hits[0], &hits[1])
    );
}

#[tokio::test]
async fn retries_503_then_gives_up() {
    let server = Server::start(flaky(
        usize::MAX,
        response(StatusCode::SERVICE_UNAVAILABLE, None),
    ))
    .await;
    let f = fetcher(FetchConfig {
        max_retries: 2,
        ..config()
    });
    let e = f
        .get(&server.url("/story"), &Conditional::none())
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            FetchError::Status {
                status: 503,
                attempts: 3,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.is_retriable());
    assert!(e.to_string().contains(&server.url("/story")), "{e}");
    assert_eq!(server.hits("/story").len(), 3);
}

#[tokio::test]
async fn retries_each_failing_status_the_same_way() {
    for status in [
        StatusCode::INTERNAL_SERVER_ERROR,
        StatusCode::BAD_GATEWAY,
        StatusCode::GATEWAY_TIMEOUT,
    ] {
        let server = Server::start(flaky(1, response(status, None))).await;
        let page = fetcher(config())
            .get(&server.url("/story"), &Conditional::none())
            .await
            .unwrap();
        assert_eq!(page.status(), 200, "{status}");
        assert_eq!(server.hits("/story").len(), 2, "{status}");
    }
    // A 404 is final at once.
    let server = Server::start(flaky(usize::MAX, response(StatusCode::NOT_FOUND, None))).await;
    let e = fetcher(config())
        .get(&server.url("/story"), &Conditional::none())
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            FetchError::Status {
                status: 404,
                attempts: 1,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(!e.is_retriable());
    assert_eq!(server.hits("/story").len(), 1);
}

#[tokio::test]
async fn a_retry_after_beyond_the_cap_is_an_error_not_a_nap() {
    let server = Server::start(flaky(
        usize::MAX,
        response(StatusCode::SERVICE_UNAVAILABLE, Some("3600")),
    ))
    .await;
    let f = fetcher(config());
    let e = f
        .get(&server.url("/story"), &Conditional::none())
        .await
        .unwrap_err();
    let FetchError::RetryAfterTooLong {
        retry_after, cap, ..
    } = &e
    else {
        panic!("{e:?}")
    };
    assert_eq!(*retry_after, Duration::from_secs(3600));
    assert_eq!(*cap, Duration::from_secs(5));
    assert!(e.is_retriable());

    // The same as an HTTP date.
    let date = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(7200));
    let server = Server::start(flaky(
        usize::MAX,
        response(StatusCode::TOO_MANY_REQUESTS, Some(&date)),
    ))
    .await;
    let e = f
        .get(&server.url("/story"), &Conditional::none())
        .await
        .unwrap_err();
    assert!(matches!(e, FetchError::RetryAfterTooLong { .. }), "{e:?}");
    assert_eq!(server.hits("/story").len(), 1);
}

fn redirect(status: StatusCode, to: &str) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(header::LOCATION, to)
        .body(Body::from("moved"))
        .unwrap()
}

#[tokio::test]
async fn follows_a_redirect_chain_and_records_each_hop() {
    let router = Router::new()
        .route(
            "/old",
            get(|| async { redirect(StatusCode::MOVED_PERMANENTLY, "/older-still?x=1") }),
        )
        .route(
            "/older-still",
            get(|| async { redirect(StatusCode::FOUND, "new#frag") }),
        )
        .route("/new", get(|| async { PAGE }));
    let server = Server::start(router).await;
    let page = fetcher(config())
        .get(&server.url("/old"), &Conditional::none())
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(page.final_url, server.url("/new"));
    assert_eq!(
        page.redirect_chain(),
        vec![
            server.url("/old"),
            server.url("/older-still?x=1"),
            server.url("/new")
        ]
    );
    let statuses: Vec<u16> = page.redirects.iter().map(|e| e.status).collect();
    assert_eq!(statuses, vec![301, 302]);
    assert_eq!(page.redirects[0].raw_body, "moved".as_bytes());
    assert!(page.redirects[1]
        .raw_head
        .starts_with(b"HTTP/1.1 302 Found\r\n"));
    for path in ["/old", "/older-still?x=1", "/new"] {
        assert_eq!(server.hits(path).len(), 1, "{path}");
    }
}

#[tokio::test]
async fn a_redirect_loop_is_an_error() {
    let router = Router::new()
        .route("/a", get(|| async { redirect(StatusCode::FOUND, "/b") }))
        .route(
            "/b",
            get(|| async { redirect(StatusCode::TEMPORARY_REDIRECT, "/a") }),
        );
    let server = Server::start(router).await;
    let e = fetcher(config())
        .get(&server.url("/a"), &Conditional::none())
        .await
        .unwrap_err();
    let FetchError::RedirectLoop { chain, .. } = &e else {
        panic!("{e:?}")
    };
    assert_eq!(
        chain,
        &vec![server.url("/a"), server.url("/b"), server.url("/a")]
    );
    assert_eq!(
        server.hits("/a").len(),
        1,
        "the loop is seen before going round again"
    );
}

#[tokio::test]
async fn too_many_redirects_is_an_error() {
    let router = Router::new().route(
        "/hop/{n}",
        get(
            |axum::extract::Path(n): axum::extract::Path<u32>| async move {
                redirect(StatusCode::FOUND, &format!("/hop/{}", n + 1))
            },
        ),
    );
    let server = Server::start(router).await;
    let f = fetcher(FetchConfig {
        max_redirects: 3,
        ..config()
    });
    let e = f
        .get(&server.url("/hop/0"), &Conditional::none())
        .await
        .unwrap_err();
    assert!(
        matches!(e, FetchError::TooManyRedirects { limit: 3, .. }),
        "{e:?}"
    );
    assert!(!e.is_retriable());
    let pages = server
        .all_hits()
        .into_iter()
        .filter(|h| h.path.starts_with("/hop/"))
        .count();
    assert_eq!(pages, 4, "the first request and three redirects followed");
}

#[tokio::test]
async fn a_body_past_max_bytes_is_refused_while_streaming() {
    let router = Router::new()
        .route(
            "/endless",
            get(|| async {
                // No Content-Length: 64 KiB chunks, far more than the limit.
                let chunks = (0..64).map(|_| Ok::<_, std::io::Error>(vec![b'a'; 64 * 1024]));
                Body::from_stream(futures_util::stream::iter(chunks))
            }),
        )
        .route("/declared", get(|| async { vec![b'b'; 300 * 1024] }));
    let server = Server::start(router).await;
    let f = fetcher(FetchConfig {
        max_bytes: 256 * 1024,
        ..config()
    });
    let e = f
        .get(&server.url("/endless"), &Conditional::none())
        .await
        .unwrap_err();
    assert!(
        matches!(e, FetchError::TooLarge { limit: 262_144, .. }),
        "{e:?}"
    );
    let e = f
        .get(&server.url("/declared"), &Conditional::none())
        .await
        .unwrap_err();
    assert!(matches!(e, FetchError::TooLarge { .. }), "{e:?}");
}

fn bomb() -> &'static [u8] {
    static BOMB: OnceLock<Vec<u8>> = OnceLock::new();
    BOMB.get_or_init(|| gzip_zeros(100 << 20))
}

#[tokio::test]
async fn a_gzip_bomb_stops_at_the_decoded_limit() {
    let payload = bomb();
    assert!(payload.len() < 200 << 10, "{} bytes", payload.len());
    let router = Router::new().route(
        "/bomb",
        get(move || async move { ([(header::CONTENT_ENCODING, "gzip")], payload.to_vec()) }),
    );
    let server = Server::start(router).await;
    // Default limits: 16 MiB as received lets the ~100 KB in; 32 MiB decoded stops it.
    let f = fetcher(config());
    let e = f
        .get(&server.url("/bomb"), &Conditional::none())
        .await
        .unwrap_err();
    assert!(
        matches!(e, FetchError::DecodedTooLarge { limit, .. } if limit == 32 << 20),
        "{e:?}"
    );
    assert!(e.to_string().contains("/bomb"), "{e}");
}

#[tokio::test]
async fn gzip_deflate_and_brotli_bodies_are_decoded() {
    let text = PAGE.as_bytes();
    let bodies: Vec<(&'static str, &'static str, Vec<u8>)> = vec![
        ("/gzip", "gzip", gzip(text)),
        ("/zlib", "deflate", zlib(text)),
        ("/raw-deflate", "deflate", raw_deflate(text)),
        ("/br", "br", brotli(text)),
        ("/plain", "identity", text.to_vec()),
    ];
    let mut router = Router::new();
    for (path, coding, body) in bodies.clone() {
        router = router.route(
            path,
            get(move || async move { ([(header::CONTENT_ENCODING, coding)], body) }),
        );
    }
    let server = Server::start(router).await;
    let f = fetcher(config());
    for (path, coding, body) in bodies {
        let page = f
            .get(&server.url(path), &Conditional::none())
            .await
            .unwrap();
        assert_eq!(page.body, text, "{path}");
        assert_eq!(
            page.response.raw_body, body,
            "{path}: the raw body stays as sent"
        );
        assert_eq!(page.response.header("content-encoding"), Some(coding));
    }
}

fn with_robots(robots: &'static str) -> Router {
    Router::new()
        .route("/robots.txt", get(move || async move { robots }))
        .route("/news/{id}", get(|| async { PAGE }))
        .route("/private/{id}", get(|| async { PAGE }))
}

#[tokio::test]
async fn robots_disallow_means_the_page_is_never_requested() {
    let server = Server::start(with_robots(
        "User-agent: *\nDisallow:\n\nUser-agent: onrecord\nDisallow: /private/\n\nSitemap: https://dunmore-gazette.example/sitemap-news.xml\n",
    ))
    .await;
    let f = fetcher(config());
    let e = f
        .get(&server.url("/private/1"), &Conditional::none())
        .await
        .unwrap_err();
    let FetchError::Robots { robots_url, .. } = &e else {
        panic!("{e:?}")
    };
    assert_eq!(robots_url, &server.url("/robots.txt"));
    assert!(!e.is_retriable());
    assert!(server.hits("/private/1").is_empty());
    f.get(&server.url("/news/1"), &Conditional::none())
        .await
        .unwrap();
    assert_eq!(
        f.robots_sitemaps(&server.url("/")).await.unwrap(),
        vec!["https://dunmore-gazette.example/sitemap-news.xml"]
    );
    assert_eq!(
        server.hits("/robots.txt").len(),
        1,
        "robots.txt is fetched once and kept"
    );

    // Turned off (a URL fetched by hand), robots.txt is neither read nor obeyed.
    let server = Server::start(with_robots("User-agent: *\nDisallow: /\n")).await;
    let f = fetcher(FetchConfig {
        respect_robots: false,
        ..config()
    });
    f.get(&server.url("/private/1"), &Conditional::none())
        .await
        .unwrap();
    assert!(server.hits("/robots.txt").is_empty());
}

#[tokio::test]
async fn a_redirect_into_a_disallowed_path_is_stopped() {
    let router = with_robots("User-agent: onrecord\nDisallow: /private/\n").route(
        "/go",
        get(|| async { redirect(StatusCode::FOUND, "/private/2") }),
    );
    let server = Server::start(router).await;
    let e = fetcher(config())
        .get(&server.url("/go"), &Conditional::none())
        .await
        .unwrap_err();
    assert!(
        matches!(e, FetchError::Robots { ref url, .. } if url == &server.url("/private/2")),
        "{e:?}"
    );
    assert!(server.hits("/private/2").is_empty());
}

#[tokio::test]
async fn crawl_delay_spaces_requests_to_the_host() {
    let server = Server::start(with_robots("User-agent: onrecord\nCrawl-delay: 2\n")).await;
    let f = fetcher(config());
    assert_eq!(
        f.crawl_delay(&server.url("/")).await.unwrap(),
        Some(Duration::from_secs(2))
    );
    f.get(&server.url("/news/1"), &Conditional::none())
        .await
        .unwrap();
    f.get(&server.url("/news/2"), &Conditional::none())
        .await
        .unwrap();
    let (a, b) = (&server.hits("/news/1")[0], &server.hits("/news/2")[0]);
    assert!(gap(a, b) >= Duration::from_secs(2), "{:?}", gap(a, b));
    let robots = &server.hits("/robots.txt")[0];
    assert!(
        gap(robots, a) >= Duration::from_secs(2),
        "the robots.txt request counts too"
    );
}

#[tokio::test]
async fn robots_404_allows_and_robots_5xx_closes_the_site() {
    let server = Server::start(Router::new().route("/news/{id}", get(|| async { PAGE }))).await;
    let f = fetcher(config());
    f.get(&server.url("/news/1"), &Conditional::none())
        .await
        .unwrap();
    assert_eq!(server.hits("/robots.txt").len(), 1);
    assert_eq!(server.hits("/news/1").len(), 1);

    let router = Router::new()
        .route(
            "/robots.txt",
            get(|| async { StatusCode::SERVICE_UNAVAILABLE }),
        )
        .route("/news/{id}", get(|| async { PAGE }));
    let server = Server::start(router).await;
    let f = fetcher(FetchConfig {
        max_retries: 1,
        ..config()
    });
    let e = f
        .get(&server.url("/news/1"), &Conditional::none())
        .await
        .unwrap_err();
    assert!(matches!(e, FetchError::RobotsUnavailable { .. }), "{e:?}");
    assert!(e.is_retriable());
    assert!(server.hits("/news/1").is_empty());
    assert_eq!(
        server.hits("/robots.txt").len(),
        2,
        "robots.txt is retried like any request"
    );
    // The verdict is kept for a while: no new robots.txt request on the next page.
    assert!(f
        .get(&server.url("/news/2"), &Conditional::none())
        .await
        .is_err());
    assert_eq!(server.hits("/robots.txt").len(), 2);
}

#[tokio::test]
async fn concurrent_requests_to_one_host_are_spaced() {
    let server = Server::start(Router::new().route("/news/{id}", get(|| async { PAGE }))).await;
    let interval = Duration::from_millis(300);
    let f = fetcher(FetchConfig {
        per_host_interval: interval,
        respect_robots: false,
        ..config()
    });
    let tasks: Vec<_> = (0..3)
        .map(|i| {
            let f = f.clone();
            let url = server.url(&format!("/news/{i}"));
            tokio::spawn(async move { f.get(&url, &Conditional::none()).await })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let hits = server.all_hits();
    assert_eq!(hits.len(), 3);
    for pair in hits.windows(2) {
        assert!(
            gap(&pair[0], &pair[1]) >= interval,
            "{:?}",
            gap(&pair[0], &pair[1])
        );
    }
}

#[tokio::test]
async fn two_hosts_are_not_held_up_by_each_other() {
    // Two servers on two ports are two hosts.
    let a = Server::start(Router::new().route("/news/{id}", get(|| async { PAGE }))).await;
    let b = Server::start(Router::new().route("/news/{id}", get(|| async { PAGE }))).await;
    let f = fetcher(FetchConfig {
        per_host_interval: Duration::from_secs(1),
        respect_robots: false,
        ..config()
    });
    f.get(&a.url("/news/1"), &Conditional::none())
        .await
        .unwrap();
    let a2 = {
        let f = f.clone();
        let url = a.url("/news/2");
        tokio::spawn(async move { f.get(&url, &Conditional::none()).await })
    };
    f.get(&b.url("/news/1"), &Conditional::none())
        .await
        .unwrap();
    a2.await.unwrap().unwrap();
    let (a1, a2, b1) = (
        &a.hits("/news/1")[0],
        &a.hits("/news/2")[0],
        &b.hits("/news/1")[0],
    );
    assert!(gap(a1, a2) >= Duration::from_secs(1));
    assert!(
        b1.at < a2.at,
        "host b was served while host a was still pausing"
    );
}

#[tokio::test]
async fn transport_failures_are_named_and_retried() {
    // A port nobody listens on: refused at once.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = closed.local_addr().unwrap();
    drop(closed);
    let f = fetcher(FetchConfig {
        max_retries: 1,
        respect_robots: false,
        ..config()
    });
    let e = f
        .get(&format!("http://{addr}/news/1"), &Conditional::none())
        .await
        .unwrap_err();
    assert!(
        matches!(e, FetchError::Connect { attempts: 2, .. }),
        "{e:?}"
    );
    assert!(e.is_retriable());
    assert!(e.to_string().contains(&addr.to_string()), "{e}");

    let server = Server::start(Router::new().route(
        "/slow",
        get(|| async {
            tokio::time::sleep(Duration::from_secs(3)).await;
            PAGE
        }),
    ))
    .await;
    let f = fetcher(FetchConfig {
        timeout: Duration::from_millis(200),
        max_retries: 0,
        respect_robots: false,
        ..config()
    });
    let e = f
        .get(&server.url("/slow"), &Conditional::none())
        .await
        .unwrap_err();
    assert!(
        matches!(e, FetchError::Timeout { attempts: 1, .. }),
        "{e:?}"
    );

    let e = f
        .get("file:///etc/passwd", &Conditional::none())
        .await
        .unwrap_err();
    assert!(matches!(e, FetchError::InvalidUrl { .. }), "{e:?}");
}

#[tokio::test]
async fn a_cancelled_fetch_leaves_the_fetcher_usable() {
    let server = Server::start(with_robots("User-agent: *\nAllow: /\n").route(
        "/slow",
        get(|| async {
            tokio::time::sleep(Duration::from_secs(2)).await;
            PAGE
        }),
    ))
    .await;
    let f = fetcher(config());
    let cut = tokio::time::timeout(
        Duration::from_millis(300),
        f.get(&server.url("/slow"), &Conditional::none()),
    )
    .await;
    assert!(cut.is_err(), "dropped mid-request");
    let page = f
        .get(&server.url("/news/1"), &Conditional::none())
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
}
