//! Polite fetching for onrecord: an HTTP fetcher that keeps to each site's rules, and parsers
//! that tell a feed from a sitemap from a page and list what they point to.
//!
//! # Fetching
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use onrecord_fetch::{Conditional, FetchConfig, Fetcher};
//!
//! let fetcher = Fetcher::new(FetchConfig {
//!     contact: Some("https://newsroom.example/crawler".into()),
//!     ..FetchConfig::default()
//! })?;
//! let page = fetcher.get("https://gazette.example/news/1", &Conditional::none()).await?;
//! // Later: only fetch again if it changed.
//! let again = fetcher.get(&page.final_url, &Conditional::from_fetched(&page)).await?;
//! assert!(again.not_modified || !again.body.is_empty());
//! # Ok(()) }
//! ```
//!
//! [`Fetcher::get`] returns a [`Fetched`]: the decoded body for the extractor, plus everything
//! a WARC archive needs — each [`Exchange`] (redirect hops and the final response) with the
//! request headers sent, the response head and the body bytes exactly as received — and the
//! validators for the next conditional GET. Failures are [`FetchError`]s whose messages name
//! the URL; [`FetchError::is_retriable`] says which may pass.
//!
//! # Politeness policy
//!
//! - **Identity.** `User-Agent: onrecord/<version> (+<contact>)`; robots.txt is matched on the
//!   token `onrecord`.
//! - **robots.txt** (RFC 9309), on by default: fetched once per origin (scheme, host, port) and
//!   kept 24 h; a disallowed URL is never requested ([`FetchError::Robots`]). A robots.txt
//!   answering 4xx allows everything; 5xx, 429 or no answer closes the site until we can read
//!   it (asked again after 10 min). Its `Crawl-delay` for us is honoured.
//! - **One request at a time per host**, and after each a pause of `per_host_interval`
//!   (default 1 s) or the `Crawl-delay` if longer, counted from the end of the response. A
//!   "host" is host name and port: `localhost:8080`, `127.0.0.1:8080` and `localhost:8081` are
//!   three hosts (names are not resolved). Different hosts are fetched in parallel. The pacing
//!   is shared by every clone of a `Fetcher`, so concurrent tasks cannot add up to more.
//! - **Every redirect hop** is a request like any other: checked against its site's
//!   robots.txt, paced, and recorded.
//! - **Retries** on 429, 500, 502, 503, 504, timeouts and connection failures, at most
//!   `max_retries` (3), waiting what `Retry-After` asks (seconds or a date), else an
//!   exponential back-off with jitter from `retry_base` (1 s). The wait holds back every task
//!   fetching from that host, not only the one that was refused. A `Retry-After` beyond
//!   `max_retry_wait` (120 s) is returned as [`FetchError::RetryAfterTooLong`] rather than
//!   slept through.
//! - **Limits**: bodies stop at `max_bytes` (16 MiB) as received and `max_decoded_bytes`
//!   (32 MiB) once decompressed, so a compression bomb costs at most that much memory.
//!   We ask for `gzip, deflate, br` and decode them ourselves; the HTTP client never
//!   decompresses, so the archived bytes are the server's.
//!
//! # Cancellation
//!
//! Every future here may be dropped at any await (Ctrl-C): a host's turn is released with its
//! pause applied, a robots.txt fetch cut short is redone by the next caller, and results exist
//! only once complete, so nothing is left half-done.
//!
//! # Sources
//!
//! [`parse_source`] reads a fetched document without I/O: RSS 0.9x/1.0/2.0, Atom and JSON Feed
//! ([`Source::Feed`]), XML sitemaps with their Google News extension ([`Source::Sitemap`]),
//! sitemap indexes ([`Source::SitemapIndex`]), gzip-compressed or not, and HTML
//! ([`Source::Page`]); [`discover_feeds`] lists the feeds a page links to, and [`parse_date`]
//! reads dates in the many shapes feeds use.

mod config;
mod decode;
mod error;
mod fetcher;
mod pace;
mod robots;
pub mod sources;

pub use config::{FetchConfig, ROBOTS_TOKEN};
pub use error::FetchError;
pub use fetcher::{Conditional, Exchange, Fetched, Fetcher, SetupError};
pub use sources::{
    discover_feeds, parse_date, parse_source, Entry, FeedKind, NewsInfo, SitemapEntry, Source,
    SourceError,
};
