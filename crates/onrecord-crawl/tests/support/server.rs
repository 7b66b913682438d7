//! A small invented news site for tests, served on 127.0.0.1 by axum on a thread of its own
//! (so synchronous and async tests can both use it), with a log of every request.
//!
//! Everything on it is made up: the Harbour Gazette of Port Selmar, Mayor Ana Brel,
//! Councillor Jon Vessa, harbour master Ilse Marrow. Shared by the crawl crate's tests and
//! the binary's end-to-end tests (included there by path).

#![allow(dead_code)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::{Request, StatusCode};
use axum::response::Response;
use axum::Router;

/// What the site answers at one path.
#[derive(Clone, Debug)]
pub struct Resource {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Send an ETag (from the body) and a Last-Modified, and answer 304 to a request whose
    /// validators match.
    pub validators: bool,
    /// Wait this long before answering.
    pub delay: Duration,
    /// Answer the first this-many requests with 429 and `Retry-After: 1`.
    pub throttle: u32,
}

impl Resource {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Resource {
        Resource {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            body: body.into(),
            validators: true,
            delay: Duration::ZERO,
            throttle: 0,
        }
    }

    pub fn html(body: impl Into<Vec<u8>>) -> Resource {
        Resource::new(200, "text/html; charset=utf-8", body)
    }

    pub fn xml(content_type: &str, body: impl Into<Vec<u8>>) -> Resource {
        Resource::new(200, content_type, body)
    }

    pub fn redirect(to: &str) -> Resource {
        let mut r = Resource::new(301, "text/html", "moved");
        r.headers.push(("location".into(), to.into()));
        r.validators = false;
        r
    }

    pub fn header(mut self, name: &str, value: &str) -> Resource {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn delay(mut self, d: Duration) -> Resource {
        self.delay = d;
        self
    }

    pub fn throttle(mut self, n: u32) -> Resource {
        self.throttle = n;
        self
    }

    pub fn no_validators(mut self) -> Resource {
        self.validators = false;
        self
    }
}

/// One request the site answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logged {
    pub path: String,
    pub if_none_match: Option<String>,
    pub if_modified_since: Option<String>,
    pub user_agent: Option<String>,
    pub status: u16,
}

#[derive(Default)]
struct SiteState {
    resources: HashMap<String, Resource>,
    log: Vec<Logged>,
    served: HashMap<String, u32>,
}

/// The running site; stops when dropped.
pub struct Site {
    pub addr: SocketAddr,
    state: Arc<Mutex<SiteState>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

const LAST_MODIFIED: &str = "Wed, 05 Mar 2025 10:00:00 GMT";

impl Site {
    pub fn start() -> Site {
        let state = Arc::new(Mutex::new(SiteState::default()));
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let shared = state.clone();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                addr_tx.send(listener.local_addr().unwrap()).unwrap();
                let app = Router::new().fallback(answer).with_state(shared);
                axum::serve(listener, app)
                    .with_graceful_shutdown(async {
                        let _ = stop_rx.await;
                    })
                    .await
                    .unwrap();
            });
        });
        let addr = addr_rx.recv().unwrap();
        let site = Site {
            addr,
            state,
            stop: Some(stop_tx),
            thread: Some(thread),
        };
        site.put(
            "/robots.txt",
            Resource::new(200, "text/plain", "User-agent: *\nAllow: /\n"),
        );
        site
    }

    /// `http://127.0.0.1:PORT/path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn put(&self, path: &str, resource: Resource) {
        let mut s = self.state.lock().unwrap();
        s.resources.insert(path.to_string(), resource);
        s.served.remove(path);
    }

    pub fn page(&self, path: &str, html: &str) {
        self.put(path, Resource::html(html));
    }

    pub fn log(&self) -> Vec<Logged> {
        self.state.lock().unwrap().log.clone()
    }

    /// The requests for one path, in order.
    pub fn requests(&self, path: &str) -> Vec<Logged> {
        self.log().into_iter().filter(|l| l.path == path).collect()
    }

    pub fn clear_log(&self) {
        self.state.lock().unwrap().log.clear();
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn etag_of(body: &[u8]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in body {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("\"{h:016x}\"")
}

async fn answer(State(state): State<Arc<Mutex<SiteState>>>, req: Request<Body>) -> Response {
    let path = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".into());
    let (if_none_match, if_modified_since, user_agent) = {
        let header = |name: &str| {
            req.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        (
            header("if-none-match"),
            header("if-modified-since"),
            header("user-agent"),
        )
    };
    drop(req);
    let (resource, served) = {
        let mut s = state.lock().unwrap();
        let resource = s.resources.get(&path).cloned();
        let served = s.served.entry(path.clone()).or_default();
        *served += 1;
        (resource, *served)
    };
    let (status, response) = match resource {
        None => (
            404,
            Response::builder()
                .status(404)
                .body(Body::from("not found"))
                .unwrap(),
        ),
        Some(r) => {
            if !r.delay.is_zero() {
                tokio::time::sleep(r.delay).await;
            }
            if served <= r.throttle {
                (
                    429,
                    Response::builder()
                        .status(429)
                        .header("retry-after", "1")
                        .body(Body::from("slow down"))
                        .unwrap(),
                )
            } else {
                let etag = etag_of(&r.body);
                let matches = r.validators
                    && match &if_none_match {
                        Some(inm) => inm.split(',').any(|t| t.trim() == etag),
                        None => if_modified_since.as_deref() == Some(LAST_MODIFIED),
                    };
                let status = if matches { 304 } else { r.status };
                let mut b = Response::builder().status(StatusCode::from_u16(status).unwrap());
                for (n, v) in &r.headers {
                    if matches && n == "content-type" {
                        continue;
                    }
                    b = b.header(n.as_str(), v.as_str());
                }
                if r.validators {
                    b = b
                        .header("etag", &etag)
                        .header("last-modified", LAST_MODIFIED);
                }
                let body = if matches {
                    Body::empty()
                } else {
                    Body::from(r.body.clone())
                };
                (status, b.body(body).unwrap())
            }
        }
    };
    state.lock().unwrap().log.push(Logged {
        path,
        if_none_match,
        if_modified_since,
        user_agent,
        status,
    });
    response
}

// ---- invented content -----------------------------------------------------------------

/// A news article page of the Harbour Gazette.
pub fn article(title: &str, published: &str, paragraphs: &[String]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        r#"<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>{title} | Harbour Gazette</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="{published}">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>{title}</h1>
{body}</article>
<footer>Harbour Gazette, Port Selmar</footer>
</body></html>"#
    )
}

/// Story number `i`: a title and paragraphs with quotes by invented people; every story's
/// text differs.
pub fn story(i: usize) -> (String, Vec<String>) {
    let berths = 10 + i;
    let title = format!("Port Selmar council debates berth {berths}");
    let paragraphs = vec![
        format!(
            "PORT SELMAR — The council met on Monday to decide the future of berth {berths}, \
             which has stood empty since the autumn storms."
        ),
        format!(
            "&ldquo;The harbour stays open, and berth {berths} will be repaired by spring,&rdquo; \
             Mayor Ana Brel said on Monday."
        ),
        format!(
            "Councillor Jon Vessa said the repairs to berth {berths} would cost more than the \
             town could afford this year."
        ),
        format!(
            "&ldquo;We have waited long enough for berth {berths},&rdquo; harbour master Ilse \
             Marrow told reporters after the meeting."
        ),
    ];
    (title, paragraphs)
}

/// The page of story `i`, published on a day of March 2025.
pub fn story_page(i: usize) -> String {
    let (title, paragraphs) = story(i);
    article(
        &title,
        &format!("2025-03-{:02}T09:00:00Z", 1 + i % 28),
        &paragraphs,
    )
}

/// An RSS 2.0 feed listing `items` (absolute URL, title, RFC 2822 date).
pub fn rss(items: &[(String, String, String)]) -> String {
    let items: String = items
        .iter()
        .map(|(link, title, date)| {
            format!(
                "<item><title>{title}</title><link>{link}</link><guid>{link}</guid>\
                 <pubDate>{date}</pubDate></item>\n"
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Harbour Gazette: Port Selmar</title>
<link>http://harbour.example/</link>
<description>News from Port Selmar</description>
{items}</channel></rss>"#
    )
}

/// An Atom feed listing `entries` (absolute URL, title, RFC 3339 `updated`).
pub fn atom(entries: &[(String, String, String)]) -> String {
    let entries: String = entries
        .iter()
        .map(|(link, title, updated)| {
            format!(
                "<entry><title>{title}</title><link href=\"{link}\"/><id>{link}</id>\
                 <updated>{updated}</updated></entry>\n"
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Harbour Gazette: council</title>
<id>urn:harbour-gazette:council</id>
<updated>2025-03-07T10:00:00Z</updated>
{entries}</feed>"#
    )
}

/// A Google News sitemap listing `urls` (absolute URL, RFC 3339 publication date).
pub fn news_sitemap(urls: &[(String, String)]) -> String {
    let urls: String = urls
        .iter()
        .map(|(loc, date)| {
            format!(
                "<url><loc>{loc}</loc><news:news><news:publication><news:name>Harbour Gazette\
                 </news:name><news:language>en</news:language></news:publication>\
                 <news:publication_date>{date}</news:publication_date>\
                 <news:title>Council news</news:title></news:news></url>\n"
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
{urls}</urlset>"#
    )
}

/// A sitemap index listing `sitemaps` (absolute URL, RFC 3339 lastmod).
pub fn sitemap_index(sitemaps: &[(String, String)]) -> String {
    let items: String = sitemaps
        .iter()
        .map(|(loc, lastmod)| {
            format!("<sitemap><loc>{loc}</loc><lastmod>{lastmod}</lastmod></sitemap>\n")
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{items}</sitemapindex>"#
    )
}

/// RFC 2822 date for story `i`.
pub fn rfc2822(i: usize) -> String {
    chrono::NaiveDate::from_ymd_opt(2025, 3, 1 + (i % 28) as u32)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
        .and_utc()
        .to_rfc2822()
}
