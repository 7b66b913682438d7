//! robots.txt: what the fetcher keeps per origin, and how an answer becomes rules (RFC 9309).
//!
//! The fetching itself is in [`crate::fetcher`], which owns the HTTP client and the pacing; this
//! module holds the cache and the decisions that do not need the network.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use texting_robots::Robot;
use tokio::sync::Mutex as AsyncMutex;
use tokio::time::Instant;

use crate::config::ROBOTS_TOKEN;

/// RFC 9309 §2.5: a crawler must read at least the first 500 KiB; what follows may be ignored.
pub(crate) const ROBOTS_MAX_BYTES: u64 = 500 * 1024;

/// RFC 9309 §2.3.1.2: follow at least five redirects for robots.txt.
pub(crate) const ROBOTS_MAX_REDIRECTS: usize = 5;

/// The rules in force for one origin.
#[derive(Debug)]
pub(crate) enum Rules {
    /// No robots.txt (4xx) or an empty one: everything is allowed.
    AllowAll,
    /// A parsed robots.txt.
    Parsed(Box<Robot>),
    /// robots.txt could not be read (5xx, unreachable): everything is disallowed for now.
    Unavailable(String),
}

impl Rules {
    /// Rules from a 2xx robots.txt body. A body the parser rejects outright is treated as
    /// absent (allow), as RFC 9309 asks parsers to use what they can and ignore the rest.
    pub(crate) fn from_body(body: &[u8]) -> Rules {
        match Robot::new(ROBOTS_TOKEN, body) {
            Ok(robot) => Rules::Parsed(Box::new(robot)),
            Err(_) => Rules::AllowAll,
        }
    }

    pub(crate) fn crawl_delay(&self) -> Option<Duration> {
        match self {
            Rules::Parsed(robot) => robot
                .delay
                .filter(|d| d.is_finite() && *d > 0.0)
                .map(|d| Duration::from_secs_f64(f64::from(d).min(86_400.0))),
            _ => None,
        }
    }

    pub(crate) fn sitemaps(&self) -> Vec<String> {
        match self {
            Rules::Parsed(robot) => robot.sitemaps.clone(),
            _ => Vec::new(),
        }
    }
}

/// One origin's cached robots.txt.
#[derive(Debug)]
pub(crate) struct Entry {
    pub rules: Arc<Rules>,
    pub expires: Instant,
}

/// Per-origin robots.txt cache. Each origin has an async mutex so that, when many tasks hit a
/// new site at once, one fetches robots.txt and the others wait for its answer instead of
/// fetching it too. A fetch that is cancelled leaves the entry empty, and the next caller
/// fetches again.
#[derive(Debug, Default)]
pub(crate) struct Cache {
    origins: Mutex<HashMap<String, Arc<AsyncMutex<Option<Entry>>>>>,
}

impl Cache {
    pub(crate) fn slot(&self, origin: &str) -> Arc<AsyncMutex<Option<Entry>>> {
        let mut origins = self.origins.lock().unwrap_or_else(|p| p.into_inner());
        origins.entry(origin.to_string()).or_default().clone()
    }
}

/// What the rules say about one URL.
pub(crate) enum Verdict {
    Allowed,
    Disallowed,
    Unavailable(String),
}

pub(crate) fn verdict(rules: &Rules, url: &str) -> Verdict {
    match rules {
        Rules::AllowAll => Verdict::Allowed,
        Rules::Parsed(robot) if robot.allowed(url) => Verdict::Allowed,
        Rules::Parsed(_) => Verdict::Disallowed,
        Rules::Unavailable(reason) => Verdict::Unavailable(reason.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_group_is_used_and_crawl_delay_read() {
        let txt = b"User-agent: *\nDisallow: /\n\nUser-agent: onrecord\nDisallow: /drafts/\nCrawl-delay: 2\nSitemap: https://gazette.example/sitemap.xml\n";
        let rules = Rules::from_body(txt);
        assert!(matches!(
            verdict(&rules, "https://gazette.example/news/1"),
            Verdict::Allowed
        ));
        assert!(matches!(
            verdict(&rules, "https://gazette.example/drafts/1"),
            Verdict::Disallowed
        ));
        assert_eq!(rules.crawl_delay(), Some(Duration::from_secs(2)));
        assert_eq!(
            rules.sitemaps(),
            vec!["https://gazette.example/sitemap.xml"]
        );
    }

    #[test]
    fn the_star_group_applies_when_we_are_not_named() {
        let rules = Rules::from_body(b"User-agent: *\nDisallow: /private\n");
        assert!(matches!(
            verdict(&rules, "http://h.example/private/x"),
            Verdict::Disallowed
        ));
        assert!(matches!(
            verdict(&rules, "http://h.example/public"),
            Verdict::Allowed
        ));
        assert_eq!(rules.crawl_delay(), None);
    }
}
