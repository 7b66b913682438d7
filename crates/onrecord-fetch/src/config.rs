//! What a [`crate::Fetcher`] may do: identity, pace, limits, retries.

use std::time::Duration;

/// The token we look for in robots.txt `User-agent` lines, and the product name we send.
pub const ROBOTS_TOKEN: &str = "onrecord";

/// Settings for a [`crate::Fetcher`]. `FetchConfig::default()` is the polite setting for crawling
/// news sites; tests shorten the waits.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// A URL (or `mailto:`) where site operators can reach whoever runs the crawl; it goes into
    /// the `User-Agent` as `onrecord/<version> (+<contact>)`. Optional, but operators are far
    /// more patient with a crawler they can write to.
    pub contact: Option<String>,
    /// Replaces the whole `User-Agent` when set (keep `onrecord` in it: robots.txt rules are
    /// matched on that token whatever is sent).
    pub user_agent: Option<String>,
    /// The least time between the end of one request to a host and the start of the next
    /// (default 1 s). A robots.txt `Crawl-delay` larger than this wins.
    pub per_host_interval: Duration,
    /// Whole-request time limit: connect, send, headers and body (default 30 s).
    pub timeout: Duration,
    /// Time limit on opening the connection (TCP and TLS; default 10 s).
    pub connect_timeout: Duration,
    /// Redirects followed before giving up (default 10).
    pub max_redirects: usize,
    /// Ceiling on a body as received, before content decoding (default 16 MiB). Reading stops
    /// there: a larger body is an error, not a truncated page.
    pub max_bytes: u64,
    /// Ceiling on a body after gzip/deflate/br decoding (default 32 MiB), so a compression bomb
    /// stops at this size while inflating.
    pub max_decoded_bytes: u64,
    /// Retries after the first attempt on 429, 500, 502, 503, 504, timeouts and connection
    /// failures (default 3).
    pub max_retries: u32,
    /// The first retry's back-off; each next one doubles, with jitter (default 1 s).
    pub retry_base: Duration,
    /// The longest we wait before a retry (default 120 s). A `Retry-After` asking for more is
    /// reported as [`crate::FetchError::RetryAfterTooLong`] rather than slept through, so that a
    /// crawl is not silently stalled for an hour by one host.
    pub max_retry_wait: Duration,
    /// Obey robots.txt (default true). Off only for fetching a URL a person asked for by hand.
    pub respect_robots: bool,
    /// How long a host's robots.txt is trusted before it is fetched again (default 24 h,
    /// RFC 9309's suggested maximum).
    pub robots_ttl: Duration,
    /// How long a robots.txt that could not be read (5xx, unreachable) keeps its host closed
    /// before we ask again (default 10 min).
    pub robots_retry_after: Duration,
    /// Use `HTTP_PROXY` / `HTTPS_PROXY` / `NO_PROXY` from the environment (default true).
    pub use_env_proxy: bool,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            contact: None,
            user_agent: None,
            per_host_interval: Duration::from_secs(1),
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_redirects: 10,
            max_bytes: 16 << 20,
            max_decoded_bytes: 32 << 20,
            max_retries: 3,
            retry_base: Duration::from_secs(1),
            max_retry_wait: Duration::from_secs(120),
            respect_robots: true,
            robots_ttl: Duration::from_secs(24 * 3600),
            robots_retry_after: Duration::from_secs(600),
            use_env_proxy: true,
        }
    }
}

impl FetchConfig {
    /// The `User-Agent` header value: `onrecord/<version>`, with `(+contact)` when one is given.
    pub fn user_agent(&self) -> String {
        if let Some(ua) = &self.user_agent {
            return ua.clone();
        }
        let version = env!("CARGO_PKG_VERSION");
        match self
            .contact
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            Some(contact) => format!("{ROBOTS_TOKEN}/{version} (+{contact})"),
            None => format!("{ROBOTS_TOKEN}/{version}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_agent_names_us_and_the_contact() {
        let mut c = FetchConfig::default();
        let v = env!("CARGO_PKG_VERSION");
        assert_eq!(c.user_agent(), format!("onrecord/{v}"));
        c.contact = Some("https://newsroom.example/crawler".into());
        assert_eq!(
            c.user_agent(),
            format!("onrecord/{v} (+https://newsroom.example/crawler)")
        );
        c.user_agent = Some("onrecord-test".into());
        assert_eq!(c.user_agent(), "onrecord-test");
    }
}
