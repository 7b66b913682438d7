//! The fetcher: one polite GET, with robots.txt, pacing, retries, redirects and bounded decoding.

use std::error::Error as StdError;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use chrono::{DateTime, Utc};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use tokio::time::Instant;
use url::{Position, Url};

use crate::config::FetchConfig;
use crate::decode::{self, DecodeError};
use crate::error::{is_retriable_status, FetchError};
use crate::pace::Pacer;
use crate::robots::{self, Rules, Verdict};

/// What we accept: pages and feeds first, anything else after. Sent on every request so that
/// what is archived as the request record is exactly what went out.
const ACCEPT: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml;q=0.9,application/atom+xml;q=0.9,application/feed+json;q=0.9,*/*;q=0.8";

/// The codings we decode ourselves (see [`crate::decode`]).
const ACCEPT_ENCODING: &str = "gzip, deflate, br";

/// Validators from an earlier fetch, for a conditional GET (`If-None-Match`,
/// `If-Modified-Since`). A server that has nothing newer answers 304 and no body is sent.
///
/// They are sent on every hop of a redirect chain, since we cannot know in advance which hop
/// produced them; a redirecting server that answers 304 to them is taken at its word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conditional {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl Conditional {
    /// No validators: an ordinary GET.
    pub fn none() -> Conditional {
        Conditional::default()
    }

    /// The validators of an earlier result, for fetching the same URL again.
    pub fn from_fetched(fetched: &Fetched) -> Conditional {
        Conditional {
            etag: fetched.etag.clone(),
            last_modified: fetched.last_modified.clone(),
        }
    }
}

/// One request and its response as they went over the wire: what a WARC `request` and
/// `response` record pair needs.
///
/// Fidelity: the request head is exactly what was sent (we set every header ourselves over
/// HTTP/1.1). The response head is rebuilt from the parsed response: status line with the
/// server's reason phrase (the standard one when the server's matched it), header values byte
/// for byte, but header names lower-cased and repeated headers grouped under their first
/// occurrence (that is how the HTTP library keeps them). The raw body is the body after
/// transfer decoding (no chunk framing) and before content decoding: exactly the bytes of the
/// representation as the server encoded it. A `Transfer-Encoding: chunked` header is therefore
/// kept in `raw_head` but does not describe `raw_body`; a WARC writer should account for that
/// (most drop or rename that header).
#[derive(Debug, Clone)]
pub struct Exchange {
    /// The URL requested in this exchange.
    pub url: String,
    /// When the request was sent.
    pub fetched_at: DateTime<Utc>,
    /// The server's address (WARC-IP-Address), when the connection reports it.
    pub remote_ip: Option<IpAddr>,
    /// Request headers in the order sent, `Host` first.
    pub request_headers: Vec<(String, String)>,
    /// `GET /path?query HTTP/1.1\r\n` + headers + `\r\n`.
    pub request_head: Vec<u8>,
    pub status: u16,
    /// Response headers in order (names lower-case; values lossily as UTF-8, exactly in
    /// `raw_head`).
    pub headers: Vec<(String, String)>,
    /// Status line and headers, CRLF-terminated, ending with the blank line.
    pub raw_head: Vec<u8>,
    /// The body as received (still content-encoded).
    pub raw_body: Bytes,
}

impl Exchange {
    /// The first value of a response header (name case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A successful fetch: a 2xx with its decoded body, or a 304 (`not_modified`).
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL asked for (normalised: parsed, fragment removed).
    pub requested_url: String,
    /// The URL of the final response, after redirects.
    pub final_url: String,
    /// The redirect responses followed, in order, each with its own request (for the archive).
    pub redirects: Vec<Exchange>,
    /// The final exchange.
    pub response: Exchange,
    /// The server answered 304 to our validators: nothing new, `body` is empty.
    pub not_modified: bool,
    /// The body after content decoding (the same buffer as `response.raw_body` when the server
    /// sent it unencoded).
    pub body: Bytes,
    /// The media type of `Content-Type`, lower-case, without parameters.
    pub content_type: Option<String>,
    /// The `charset` parameter of `Content-Type`, lower-case, as declared (not sniffed).
    pub charset: Option<String>,
    /// Validators for the next conditional GET (those of the 304 answer, else those sent).
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl Fetched {
    pub fn status(&self) -> u16 {
        self.response.status
    }

    /// When the final request was sent.
    pub fn fetched_at(&self) -> DateTime<Utc> {
        self.response.fetched_at
    }

    /// Every URL visited, from the one requested to the final one.
    pub fn redirect_chain(&self) -> Vec<&str> {
        self.redirects
            .iter()
            .map(|e| e.url.as_str())
            .chain(std::iter::once(self.final_url.as_str()))
            .collect()
    }
}

/// The client could not be set up (TLS, proxy configuration).
#[derive(Debug, thiserror::Error)]
#[error("cannot set up the HTTP client: {0}")]
pub struct SetupError(String);

/// A polite HTTP fetcher. Clones share one connection pool, one robots.txt cache and one
/// per-host pacing table, so any number of tasks may fetch at once and still stay within each
/// host's limits.
#[derive(Clone)]
pub struct Fetcher {
    inner: Arc<Inner>,
}

struct Inner {
    client: reqwest::Client,
    config: FetchConfig,
    user_agent: String,
    pacer: Pacer,
    robots: robots::Cache,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher")
            .field("user_agent", &self.inner.user_agent)
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

/// How a body is bounded: cut at the limit (robots.txt) or refused past it (everything else).
#[derive(Clone, Copy)]
struct BodyLimit {
    max_bytes: u64,
    truncate: bool,
}

/// A failure below HTTP, kept apart until we know how many attempts were made.
enum Transport {
    Timeout,
    Connect(String),
    Other(String),
}

impl Fetcher {
    /// Builds the client. Installs `ring` as the process's rustls crypto provider when none is
    /// installed yet (the HTTP client is built without one so that the heavier aws-lc backend,
    /// which needs cmake, stays out of the build).
    pub fn new(config: FetchConfig) -> Result<Fetcher, SetupError> {
        if rustls::crypto::CryptoProvider::get_default().is_none() {
            // Err means another thread installed one meanwhile, which is just as good.
            // rustls deprecates ring's provider for lacking post-quantum key exchange; for
            // fetching public pages that is no loss, and it spares the aws-lc C build.
            #[allow(deprecated)]
            let _ = rustls::crypto::ring::default_provider().install_default();
        }
        let mut builder = reqwest::Client::builder()
            // We follow redirects ourselves so that each hop is paced, checked against
            // robots.txt and recorded.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(config.timeout)
            .connect_timeout(config.connect_timeout)
            // HTTP/1.1 only: what is archived is then what went over the wire, head for head.
            .http1_only()
            // Our own retry loop decides about retries.
            .retry(reqwest::retry::never());
        if !config.use_env_proxy {
            builder = builder.no_proxy();
        }
        let client = builder.build().map_err(|e| SetupError(error_chain(&e)))?;
        Ok(Fetcher {
            inner: Arc::new(Inner {
                client,
                user_agent: config.user_agent(),
                pacer: Pacer::new(config.per_host_interval),
                robots: robots::Cache::default(),
                config,
            }),
        })
    }

    pub fn config(&self) -> &FetchConfig {
        &self.inner.config
    }

    /// Fetches `url`: robots.txt permitting, in the host's turn, retrying passing failures,
    /// following redirects (each hop paced and checked the same way) and decoding the body.
    ///
    /// A 2xx gives `Fetched`; a 304 to `conditional`'s validators gives `Fetched` with
    /// `not_modified`; every other status is [`FetchError::Status`].
    ///
    /// Cancel-safe: dropping the future (Ctrl-C) at any await leaves the shared state sound. A
    /// host whose request was in flight gets its usual pause, a robots.txt fetch cut short is
    /// simply fetched again by the next caller, and nothing is half-written anywhere because
    /// the result exists only when the future completes.
    pub async fn get(&self, url: &str, conditional: &Conditional) -> Result<Fetched, FetchError> {
        let requested = parse_fetch_url(url)?;
        let config = &self.inner.config;
        let limit = BodyLimit {
            max_bytes: config.max_bytes,
            truncate: false,
        };
        let mut current = requested.clone();
        let mut chain = vec![requested.to_string()];
        let mut redirects = Vec::new();
        loop {
            if config.respect_robots {
                self.check_robots(&current).await?;
            }
            let exchange = self
                .exchange_with_retries(&current, conditional, config.max_retries, limit)
                .await?;
            let Some(next) = redirect_target(&exchange, &current)? else {
                return self
                    .finish(&requested, current, redirects, exchange, conditional)
                    .await;
            };
            redirects.push(exchange);
            if chain.iter().any(|u| u == next.as_str()) {
                chain.push(next.to_string());
                return Err(FetchError::RedirectLoop {
                    url: requested.to_string(),
                    chain,
                });
            }
            chain.push(next.to_string());
            if redirects.len() > config.max_redirects {
                return Err(FetchError::TooManyRedirects {
                    url: requested.to_string(),
                    limit: config.max_redirects,
                    last: next.to_string(),
                });
            }
            current = next;
        }
    }

    /// The `Crawl-delay` robots.txt sets for us on `url`'s site (fetching robots.txt if it is
    /// not cached). `None` when there is none, or when robots.txt is not respected.
    pub async fn crawl_delay(&self, url: &str) -> Result<Option<Duration>, FetchError> {
        let url = parse_fetch_url(url)?;
        if !self.inner.config.respect_robots {
            return Ok(None);
        }
        Ok(self.rules_for(&url).await.crawl_delay())
    }

    /// The `Sitemap:` lines of `url`'s site's robots.txt (fetching it if it is not cached).
    pub async fn robots_sitemaps(&self, url: &str) -> Result<Vec<String>, FetchError> {
        let url = parse_fetch_url(url)?;
        Ok(self.rules_for(&url).await.sitemaps())
    }

    async fn finish(
        &self,
        requested: &Url,
        final_url: Url,
        redirects: Vec<Exchange>,
        response: Exchange,
        conditional: &Conditional,
    ) -> Result<Fetched, FetchError> {
        let status = response.status;
        let (content_type, charset) = split_content_type(response.header("content-type"));
        let etag = response.header("etag").map(str::to_string);
        let last_modified = response.header("last-modified").map(str::to_string);
        if status == 304 {
            return Ok(Fetched {
                requested_url: requested.to_string(),
                final_url: final_url.to_string(),
                redirects,
                not_modified: true,
                body: Bytes::new(),
                content_type,
                charset,
                etag: etag.or_else(|| conditional.etag.clone()),
                last_modified: last_modified.or_else(|| conditional.last_modified.clone()),
                response,
            });
        }
        if !(200..300).contains(&status) {
            return Err(FetchError::Status {
                url: final_url.to_string(),
                status,
                attempts: 1,
            });
        }
        let body = self.decode_body(&final_url, &response).await?;
        Ok(Fetched {
            requested_url: requested.to_string(),
            final_url: final_url.to_string(),
            redirects,
            not_modified: false,
            body,
            content_type,
            charset,
            etag,
            last_modified,
            response,
        })
    }

    /// Undoes the `Content-Encoding` within `max_decoded_bytes`. Large bodies are inflated on
    /// the blocking pool so that one big page does not stall the other fetches' tasks.
    async fn decode_body(&self, url: &Url, response: &Exchange) -> Result<Bytes, FetchError> {
        let codings = decode::codings(response.header("content-encoding"));
        let limit = self.inner.config.max_decoded_bytes;
        let raw = response.raw_body.clone();
        if codings.is_empty() && raw.len() as u64 <= limit {
            return Ok(raw);
        }
        let named = codings.join(", ");
        let result = if raw.len() > 64 * 1024 {
            tokio::task::spawn_blocking(move || decode::decode(&raw, &codings, limit, false))
                .await
                .map_err(|e| FetchError::Http {
                    url: url.to_string(),
                    reason: format!("decoding task failed: {e}"),
                })?
        } else {
            decode::decode(&raw, &codings, limit, false)
        };
        match result {
            Ok(decoded) => Ok(Bytes::from(decoded.bytes)),
            Err(DecodeError::TooLarge) => Err(FetchError::DecodedTooLarge {
                url: url.to_string(),
                limit,
            }),
            Err(DecodeError::Unsupported(coding)) => Err(FetchError::Decode {
                url: url.to_string(),
                encoding: coding,
                reason: "unsupported content-encoding".into(),
            }),
            Err(DecodeError::Corrupt { encoding, reason }) => Err(FetchError::Decode {
                url: url.to_string(),
                encoding: if encoding.is_empty() { named } else { encoding },
                reason,
            }),
        }
    }

    async fn check_robots(&self, url: &Url) -> Result<(), FetchError> {
        let rules = self.rules_for(url).await;
        match robots::verdict(&rules, url.as_str()) {
            Verdict::Allowed => Ok(()),
            Verdict::Disallowed => Err(FetchError::Robots {
                url: url.to_string(),
                robots_url: robots_url(url),
            }),
            Verdict::Unavailable(reason) => Err(FetchError::RobotsUnavailable {
                url: url.to_string(),
                robots_url: robots_url(url),
                reason,
            }),
        }
    }

    /// The cached rules for `url`'s origin, fetched when missing or stale.
    async fn rules_for(&self, url: &Url) -> Arc<Rules> {
        let slot = self.inner.robots.slot(&origin(url));
        let mut entry = slot.lock().await;
        if let Some(e) = entry.as_ref() {
            if e.expires > Instant::now() {
                return e.rules.clone();
            }
        }
        let rules = Arc::new(self.fetch_robots(url).await);
        let ttl = match *rules {
            Rules::Unavailable(_) => self.inner.config.robots_retry_after,
            _ => self.inner.config.robots_ttl,
        };
        self.inner
            .pacer
            .set_crawl_delay(&host_key(url), rules.crawl_delay())
            .await;
        *entry = Some(robots::Entry {
            rules: rules.clone(),
            expires: Instant::now() + ttl,
        });
        rules
    }

    /// RFC 9309 §2.3.1: 2xx parse; redirects followed (five at most, then "unavailable", which
    /// like 4xx allows everything); 4xx allow everything, except 429 which like 5xx and network
    /// failures disallows everything for now. The robots.txt request is paced like any other.
    async fn fetch_robots(&self, page: &Url) -> Rules {
        let Ok(mut current) = Url::parse(&robots_url(page)) else {
            return Rules::AllowAll;
        };
        let limit = BodyLimit {
            max_bytes: robots::ROBOTS_MAX_BYTES,
            truncate: true,
        };
        for _ in 0..=robots::ROBOTS_MAX_REDIRECTS {
            let exchange = match self
                .exchange_with_retries(
                    &current,
                    &Conditional::none(),
                    self.inner.config.max_retries,
                    limit,
                )
                .await
            {
                Ok(exchange) => exchange,
                Err(e) => return Rules::Unavailable(e.to_string()),
            };
            match exchange.status {
                200..=299 => {
                    let codings = decode::codings(exchange.header("content-encoding"));
                    return match decode::decode(
                        &exchange.raw_body,
                        &codings,
                        robots::ROBOTS_MAX_BYTES,
                        true,
                    ) {
                        Ok(decoded) => Rules::from_body(&decoded.bytes),
                        Err(e) => {
                            Rules::Unavailable(format!("{current}: undecodable body ({e:?})"))
                        }
                    };
                }
                429 | 500..=599 => {
                    return Rules::Unavailable(format!("{current} answered {}", exchange.status));
                }
                300..=399 => match redirect_target(&exchange, &current) {
                    Ok(Some(next)) => current = next,
                    _ => return Rules::AllowAll,
                },
                _ => return Rules::AllowAll,
            }
        }
        Rules::AllowAll
    }

    /// One URL, retried on 429/5xx-that-pass, timeouts and connection failures, each attempt in
    /// the host's turn. A `Retry-After` (seconds or HTTP date) sets the wait, for every task
    /// fetching from that host; otherwise the wait doubles from `retry_base`, with jitter.
    async fn exchange_with_retries(
        &self,
        url: &Url,
        conditional: &Conditional,
        max_retries: u32,
        limit: BodyLimit,
    ) -> Result<Exchange, FetchError> {
        let config = &self.inner.config;
        let host = host_key(url);
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            let mut permit = self.inner.pacer.acquire(&host).await;
            match self.exchange_once(url, conditional, limit).await {
                Ok(exchange) if is_retriable_status(exchange.status) => {
                    let asked = exchange
                        .header("retry-after")
                        .and_then(|v| parse_retry_after(v, SystemTime::now()));
                    if let Some(wait) = asked {
                        if wait > config.max_retry_wait {
                            return Err(FetchError::RetryAfterTooLong {
                                url: url.to_string(),
                                retry_after: wait,
                                cap: config.max_retry_wait,
                            });
                        }
                    }
                    if attempt > max_retries {
                        return Err(FetchError::Status {
                            url: url.to_string(),
                            status: exchange.status,
                            attempts: attempt,
                        });
                    }
                    let wait = asked.unwrap_or_else(|| self.backoff(attempt));
                    permit.defer_until(Instant::now() + wait);
                }
                Ok(exchange) => return Ok(exchange),
                Err(Err(e)) => return Err(e),
                Err(Ok(Transport::Timeout)) if attempt <= max_retries => {
                    permit.defer_until(Instant::now() + self.backoff(attempt));
                }
                Err(Ok(Transport::Connect(_))) if attempt <= max_retries => {
                    permit.defer_until(Instant::now() + self.backoff(attempt));
                }
                Err(Ok(Transport::Timeout)) => {
                    return Err(FetchError::Timeout {
                        url: url.to_string(),
                        attempts: attempt,
                    })
                }
                Err(Ok(Transport::Connect(reason))) => {
                    return Err(FetchError::Connect {
                        url: url.to_string(),
                        reason,
                        attempts: attempt,
                    })
                }
                Err(Ok(Transport::Other(reason))) => {
                    return Err(FetchError::Http {
                        url: url.to_string(),
                        reason,
                    })
                }
            }
            drop(permit);
        }
    }

    /// Exponential back-off with "equal jitter": half the doubled wait fixed, half random, so
    /// that tasks that failed together do not come back together. Never above `max_retry_wait`.
    fn backoff(&self, attempt: u32) -> Duration {
        let config = &self.inner.config;
        let full = config
            .retry_base
            .saturating_mul(1u32 << (attempt - 1).min(16))
            .min(config.max_retry_wait);
        let half = full / 2;
        half + half.mul_f64(random_unit())
    }

    /// One request and its bounded body. The outer error is final (`Err(Err)`), the inner one
    /// a transport failure the caller may retry (`Err(Ok)`).
    async fn exchange_once(
        &self,
        url: &Url,
        conditional: &Conditional,
        limit: BodyLimit,
    ) -> Result<Exchange, Result<Transport, FetchError>> {
        let request_headers = self.request_headers(url, conditional);
        let mut header_map = HeaderMap::new();
        for (name, value) in &request_headers {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|e| Ok(Transport::Other(e.to_string())))?;
            let value =
                HeaderValue::from_str(value).map_err(|e| Ok(Transport::Other(e.to_string())))?;
            header_map.append(name, value);
        }
        let request_head = build_request_head(url, &request_headers);
        let fetched_at = Utc::now();
        let mut response = self
            .inner
            .client
            .get(url.as_str())
            .headers(header_map)
            .send()
            .await
            .map_err(|e| Ok(classify(e)))?;

        let status = response.status();
        let reason = response
            .extensions()
            .get::<hyper::ext::ReasonPhrase>()
            .map(|r| r.as_bytes().to_vec())
            .or_else(|| status.canonical_reason().map(|r| r.as_bytes().to_vec()))
            .unwrap_or_default();
        let raw_head = build_response_head(
            response.version(),
            status.as_u16(),
            &reason,
            response.headers(),
        );
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let remote_ip = response.remote_addr().map(|a| a.ip());

        let too_large = || {
            Err(FetchError::TooLarge {
                url: url.to_string(),
                limit: limit.max_bytes,
            })
        };
        if !limit.truncate
            && response
                .content_length()
                .is_some_and(|n| n > limit.max_bytes)
        {
            return Err(too_large());
        }
        let mut body: Vec<u8> = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    let room = (limit.max_bytes as usize).saturating_sub(body.len());
                    if chunk.len() > room {
                        if !limit.truncate {
                            return Err(too_large());
                        }
                        body.extend_from_slice(&chunk[..room]);
                        break;
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => return Err(Ok(classify(e))),
            }
        }
        Ok(Exchange {
            url: url.to_string(),
            fetched_at,
            remote_ip,
            request_headers,
            request_head,
            status: status.as_u16(),
            headers,
            raw_head,
            raw_body: Bytes::from(body),
        })
    }

    fn request_headers(&self, url: &Url, conditional: &Conditional) -> Vec<(String, String)> {
        let mut host = url.host_str().unwrap_or_default().to_string();
        if let Some(port) = url.port() {
            host = format!("{host}:{port}");
        }
        let mut headers = vec![
            ("Host".to_string(), host),
            ("User-Agent".to_string(), self.inner.user_agent.clone()),
            ("Accept".to_string(), ACCEPT.to_string()),
            ("Accept-Encoding".to_string(), ACCEPT_ENCODING.to_string()),
        ];
        // Validators come from a server's own headers; one that is not a valid header value
        // any more is dropped rather than failing the fetch.
        let valid = |v: &&String| HeaderValue::from_str(v).is_ok();
        if let Some(etag) = conditional.etag.as_ref().filter(valid) {
            headers.push(("If-None-Match".to_string(), etag.clone()));
        }
        if let Some(date) = conditional.last_modified.as_ref().filter(valid) {
            headers.push(("If-Modified-Since".to_string(), date.clone()));
        }
        headers
    }
}

/// Parses and checks a URL we are asked to fetch. The fragment is dropped: it is never sent,
/// and two URLs differing only by it are the same resource (and must not fool loop detection).
fn parse_fetch_url(input: &str) -> Result<Url, FetchError> {
    let invalid = |reason: String| FetchError::InvalidUrl {
        url: input.to_string(),
        reason,
    };
    let mut url = Url::parse(input.trim()).map_err(|e| invalid(e.to_string()))?;
    check_scheme(&url).map_err(invalid)?;
    url.set_fragment(None);
    Ok(url)
}

fn check_scheme(url: &Url) -> Result<(), String> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("scheme {:?} is not http or https", url.scheme()));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("no host".into());
    }
    Ok(())
}

/// Where a redirect response points, resolved against the URL that produced it; `None` when the
/// response is not a redirect.
fn redirect_target(exchange: &Exchange, current: &Url) -> Result<Option<Url>, FetchError> {
    if !matches!(exchange.status, 301 | 302 | 303 | 307 | 308) {
        return Ok(None);
    }
    let bad = |reason: String| FetchError::BadRedirect {
        url: current.to_string(),
        status: exchange.status,
        reason,
    };
    let location = exchange
        .header("location")
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .ok_or_else(|| bad("no Location header".into()))?;
    let mut next = current
        .join(location)
        .map_err(|e| bad(format!("{location:?}: {e}")))?;
    check_scheme(&next).map_err(|e| bad(format!("{location:?}: {e}")))?;
    next.set_fragment(None);
    Ok(Some(next))
}

/// The pacing key: host and port (explicit or the scheme's default). Two ports of one machine
/// are two hosts here, and so are a name and its address (`localhost`, `127.0.0.1`): we do not
/// resolve names to decide, because virtual hosts on one address are usually different sites
/// with their own limits, and the origin (scheme, host, port) is also what robots.txt governs.
pub(crate) fn host_key(url: &Url) -> String {
    format!(
        "{}:{}",
        url.host_str().unwrap_or_default(),
        url.port_or_known_default().unwrap_or(0)
    )
}

/// The robots.txt key: scheme, host, port (RFC 9309 §2.3).
fn origin(url: &Url) -> String {
    format!("{}://{}", url.scheme(), host_key(url))
}

fn robots_url(url: &Url) -> String {
    let mut robots = url.clone();
    robots.set_path("/robots.txt");
    robots.set_query(None);
    robots.set_fragment(None);
    robots.to_string()
}

fn build_request_head(url: &Url, headers: &[(String, String)]) -> Vec<u8> {
    let target = &url[Position::BeforePath..Position::AfterQuery];
    let target = if target.is_empty() { "/" } else { target };
    let mut head = format!("GET {target} HTTP/1.1\r\n").into_bytes();
    for (name, value) in headers {
        head.extend_from_slice(name.as_bytes());
        head.extend_from_slice(b": ");
        head.extend_from_slice(value.as_bytes());
        head.extend_from_slice(b"\r\n");
    }
    head.extend_from_slice(b"\r\n");
    head
}

fn build_response_head(
    version: reqwest::Version,
    status: u16,
    reason: &[u8],
    headers: &HeaderMap,
) -> Vec<u8> {
    let version = match version {
        reqwest::Version::HTTP_09 => "HTTP/0.9",
        reqwest::Version::HTTP_10 => "HTTP/1.0",
        reqwest::Version::HTTP_2 => "HTTP/2",
        reqwest::Version::HTTP_3 => "HTTP/3",
        _ => "HTTP/1.1",
    };
    let mut head = format!("{version} {status}").into_bytes();
    if !reason.is_empty() {
        head.push(b' ');
        head.extend_from_slice(reason);
    }
    head.extend_from_slice(b"\r\n");
    for (name, value) in headers {
        head.extend_from_slice(name.as_str().as_bytes());
        head.extend_from_slice(b": ");
        head.extend_from_slice(value.as_bytes());
        head.extend_from_slice(b"\r\n");
    }
    head.extend_from_slice(b"\r\n");
    head
}

/// `text/html; charset="UTF-8"` → (`text/html`, `utf-8`).
fn split_content_type(value: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(value) = value else {
        return (None, None);
    };
    let mut parts = value.split(';');
    let media = parts
        .next()
        .map(|m| m.trim().to_ascii_lowercase())
        .filter(|m| !m.is_empty());
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches('"').to_ascii_lowercase())
            .filter(|v| !v.is_empty())
    });
    (media, charset)
}

/// `Retry-After` as a wait from `now`: delay-seconds, or an HTTP date (a date in the past is no
/// wait). Anything else is ignored and the back-off applies.
fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or_default())
}

fn classify(e: reqwest::Error) -> Transport {
    if e.is_timeout() {
        Transport::Timeout
    } else if e.is_connect() {
        Transport::Connect(error_chain(&e.without_url()))
    } else {
        Transport::Other(error_chain(&e.without_url()))
    }
}

/// An error and its causes, `outer: inner: innermost`, skipping repeats.
fn error_chain(e: &dyn StdError) -> String {
    let mut parts: Vec<String> = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = s.source();
    }
    parts.join(": ")
}

/// A number in [0, 1) for jitter. `RandomState` is seeded per instance from the OS, which is
/// random enough to spread retries, without a dependency for it.
fn random_unit() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos(),
    );
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn urls_are_checked_and_fragments_dropped() {
        assert_eq!(
            parse_fetch_url(" https://gazette.example/a?b=1#top ")
                .unwrap()
                .as_str(),
            "https://gazette.example/a?b=1"
        );
        for bad in [
            "ftp://gazette.example/",
            "/relative",
            "mailto:desk@gazette.example",
            "not a url",
        ] {
            let e = parse_fetch_url(bad).unwrap_err();
            assert!(matches!(e, FetchError::InvalidUrl { .. }), "{bad}: {e}");
            assert!(e.to_string().starts_with(bad), "{e}");
        }
    }

    #[test]
    fn host_means_host_and_port() {
        let key = |u: &str| host_key(&Url::parse(u).unwrap());
        assert_eq!(key("http://gazette.example/x"), "gazette.example:80");
        assert_eq!(key("https://gazette.example/x"), "gazette.example:443");
        assert_eq!(key("http://127.0.0.1:8080/"), "127.0.0.1:8080");
        assert_ne!(key("http://localhost:8080/"), key("http://127.0.0.1:8080/"));
        assert_eq!(
            robots_url(&Url::parse("http://gazette.example:81/a/b?c#d").unwrap()),
            "http://gazette.example:81/robots.txt"
        );
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(parse_retry_after("1", now), Some(Duration::from_secs(1)));
        assert_eq!(
            parse_retry_after(" 120 ", now),
            Some(Duration::from_secs(120))
        );
        let later = httpdate::fmt_http_date(now + Duration::from_secs(90));
        assert_eq!(
            parse_retry_after(&later, now),
            Some(Duration::from_secs(90))
        );
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(90));
        assert_eq!(parse_retry_after(&earlier, now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-5", now), None);
    }

    #[test]
    fn content_type_and_charset() {
        assert_eq!(
            split_content_type(Some("Text/HTML; Charset=\"ISO-8859-1\"")),
            (Some("text/html".into()), Some("iso-8859-1".into()))
        );
        assert_eq!(
            split_content_type(Some("application/rss+xml")),
            (Some("application/rss+xml".into()), None)
        );
        assert_eq!(split_content_type(None), (None, None));
    }

    #[test]
    fn heads_are_built_as_on_the_wire() {
        let url = Url::parse("http://gazette.example:8080/news/a?id=7").unwrap();
        let head = build_request_head(&url, &[("Host".into(), "gazette.example:8080".into())]);
        assert_eq!(
            head,
            b"GET /news/a?id=7 HTTP/1.1\r\nHost: gazette.example:8080\r\n\r\n"
        );
        let mut map = HeaderMap::new();
        map.append("content-type", HeaderValue::from_static("text/html"));
        map.append("set-cookie", HeaderValue::from_static("a=1"));
        map.append("set-cookie", HeaderValue::from_static("b=2"));
        let head = build_response_head(reqwest::Version::HTTP_11, 404, b"Not Found", &map);
        assert_eq!(
            String::from_utf8(head).unwrap(),
            "HTTP/1.1 404 Not Found\r\ncontent-type: text/html\r\nset-cookie: a=1\r\nset-cookie: b=2\r\n\r\n"
        );
    }

    #[test]
    fn backoff_doubles_with_jitter_and_stays_under_the_cap() {
        let config = FetchConfig {
            retry_base: Duration::from_secs(1),
            max_retry_wait: Duration::from_secs(5),
            ..FetchConfig::default()
        };
        let f = Fetcher::new(config).unwrap();
        for _ in 0..20 {
            let b1 = f.backoff(1);
            assert!(
                b1 >= Duration::from_millis(500) && b1 <= Duration::from_secs(1),
                "{b1:?}"
            );
            let b2 = f.backoff(2);
            assert!(
                b2 >= Duration::from_secs(1) && b2 <= Duration::from_secs(2),
                "{b2:?}"
            );
            assert!(f.backoff(10) <= Duration::from_secs(5));
        }
    }
}
#[cfg(test)]
mod tests;
