//! Why a fetch failed, in words a person running a crawl can act on. Every message names the URL.

use std::time::Duration;

/// A failed [`crate::Fetcher::get`]. [`FetchError::is_retriable`] says whether the same request
/// may succeed later (the fetcher has already retried what it was allowed to).
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    /// Not an absolute `http`/`https` URL.
    #[error("{url}: not a fetchable URL ({reason})")]
    InvalidUrl { url: String, reason: String },

    /// The site's robots.txt disallows this URL for `onrecord`.
    #[error("{url}: disallowed for onrecord by {robots_url}")]
    Robots { url: String, robots_url: String },

    /// robots.txt answered 5xx or could not be reached; RFC 9309 says to treat the site as
    /// fully disallowed until it can be read.
    #[error("{url}: {robots_url} could not be read ({reason}), so the site is off limits for now")]
    RobotsUnavailable {
        url: String,
        robots_url: String,
        reason: String,
    },

    /// The server answered with an error status (after `attempts` tries for statuses worth
    /// retrying: 429, 500, 502, 503, 504).
    #[error("{url}: the server answered {status}{}", attempts_note(*.attempts))]
    Status {
        url: String,
        status: u16,
        attempts: u32,
    },

    /// The body as received passed `max_bytes`; reading stopped there.
    #[error("{url}: the response body is larger than the {limit}-byte limit")]
    TooLarge { url: String, limit: u64 },

    /// The decompressed body passed `max_decoded_bytes`; decoding stopped there (a compression
    /// bomb, or a page far larger than any article).
    #[error("{url}: the body decompresses to more than the {limit}-byte limit")]
    DecodedTooLarge { url: String, limit: u64 },

    /// More than `max_redirects` redirects in a row.
    #[error("{url}: gave up after {limit} redirects (last to {last})")]
    TooManyRedirects {
        url: String,
        limit: usize,
        last: String,
    },

    /// A redirect led back to a URL already visited in this fetch.
    #[error("{url}: redirect loop: {}", .chain.join(" -> "))]
    RedirectLoop { url: String, chain: Vec<String> },

    /// A 3xx without a `Location` we can follow (missing, unparsable, or not http/https).
    #[error("{url}: redirect ({status}) to an unusable location: {reason}")]
    BadRedirect {
        url: String,
        status: u16,
        reason: String,
    },

    /// No complete answer within `timeout` (or `connect_timeout`).
    #[error("{url}: timed out{}", attempts_note(*.attempts))]
    Timeout { url: String, attempts: u32 },

    /// The connection could not be made (DNS, refused, reset, TLS).
    #[error("{url}: could not connect: {reason}{}", attempts_note(*.attempts))]
    Connect {
        url: String,
        reason: String,
        attempts: u32,
    },

    /// The server asked (`Retry-After`) for a longer wait than `max_retry_wait`; come back after
    /// `retry_after`.
    #[error(
        "{url}: the server asks to wait {} s before retrying, more than the {} s we wait",
        .retry_after.as_secs(), .cap.as_secs()
    )]
    RetryAfterTooLong {
        url: String,
        retry_after: Duration,
        cap: Duration,
    },

    /// The body's `Content-Encoding` is corrupt or one we do not speak.
    #[error("{url}: cannot decode the {encoding} body: {reason}")]
    Decode {
        url: String,
        encoding: String,
        reason: String,
    },

    /// Any other failure of the HTTP exchange (a malformed response, the connection closed
    /// mid-body, a client set-up problem).
    #[error("{url}: HTTP failure: {reason}")]
    Http { url: String, reason: String },
}

fn attempts_note(attempts: u32) -> String {
    if attempts > 1 {
        format!(" (after {attempts} attempts)")
    } else {
        String::new()
    }
}

/// Statuses worth asking again for: rate limited, or a server-side failure that is usually
/// passing.
pub(crate) fn is_retriable_status(status: u16) -> bool {
    matches!(status, 429 | 500 | 502 | 503 | 504)
}

impl FetchError {
    /// Whether the same request may succeed later without anything changing on our side: a
    /// rate limit, a passing server or network failure, an unreadable robots.txt. Robots
    /// refusals, 4xx statuses, size limits, redirect trouble and bad URLs are final.
    pub fn is_retriable(&self) -> bool {
        match self {
            FetchError::Status { status, .. } => is_retriable_status(*status),
            FetchError::Timeout { .. }
            | FetchError::Connect { .. }
            | FetchError::RetryAfterTooLong { .. }
            | FetchError::RobotsUnavailable { .. } => true,
            FetchError::InvalidUrl { .. }
            | FetchError::Robots { .. }
            | FetchError::TooLarge { .. }
            | FetchError::DecodedTooLarge { .. }
            | FetchError::TooManyRedirects { .. }
            | FetchError::RedirectLoop { .. }
            | FetchError::BadRedirect { .. }
            | FetchError::Decode { .. }
            | FetchError::Http { .. } => false,
        }
    }

    /// The URL the failure is about (the hop that failed, for failures after a redirect).
    pub fn url(&self) -> &str {
        match self {
            FetchError::InvalidUrl { url, .. }
            | FetchError::Robots { url, .. }
            | FetchError::RobotsUnavailable { url, .. }
            | FetchError::Status { url, .. }
            | FetchError::TooLarge { url, .. }
            | FetchError::DecodedTooLarge { url, .. }
            | FetchError::TooManyRedirects { url, .. }
            | FetchError::RedirectLoop { url, .. }
            | FetchError::BadRedirect { url, .. }
            | FetchError::Timeout { url, .. }
            | FetchError::Connect { url, .. }
            | FetchError::RetryAfterTooLong { url, .. }
            | FetchError::Decode { url, .. }
            | FetchError::Http { url, .. } => url,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_url_and_say_what_happened() {
        let e = FetchError::Status {
            url: "http://gazette.example/a".into(),
            status: 503,
            attempts: 4,
        };
        assert_eq!(
            e.to_string(),
            "http://gazette.example/a: the server answered 503 (after 4 attempts)"
        );
        assert!(e.is_retriable());
        let e = FetchError::Status {
            url: "http://gazette.example/a".into(),
            status: 404,
            attempts: 1,
        };
        assert_eq!(
            e.to_string(),
            "http://gazette.example/a: the server answered 404"
        );
        assert!(!e.is_retriable());
        let e = FetchError::RedirectLoop {
            url: "http://a.example/1".into(),
            chain: vec![
                "http://a.example/1".into(),
                "http://a.example/2".into(),
                "http://a.example/1".into(),
            ],
        };
        assert!(
            e.to_string().contains("/1 -> http://a.example/2 -> "),
            "{e}"
        );
        assert_eq!(e.url(), "http://a.example/1");
    }
}
