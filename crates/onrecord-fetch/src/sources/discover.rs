//! Feeds a page advertises with `<link rel="alternate" type="…">`.

use scraper::{Html, Selector};
use url::Url;

/// Media types of feeds we can read. Plain `application/json` is left out on purpose: sites
/// (WordPress above all) use it for their REST API links, not for feeds.
const FEED_TYPES: [&str; 3] = [
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
];

/// The feed URLs a page links to, absolute, in page order, without repeats. Relative links are
/// resolved against the page's `<base href>` if it has one, else `base_url`.
pub fn discover_feeds(html: &str, base_url: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let Ok(mut base) = Url::parse(base_url) else {
        return Vec::new();
    };
    if let Some(href) = Selector::parse("base[href]")
        .ok()
        .and_then(|s| doc.select(&s).next().and_then(|b| b.value().attr("href")))
    {
        if let Ok(b) = base.join(href.trim()) {
            base = b;
        }
    }
    let Ok(links) = Selector::parse("link[href][rel][type]") else {
        return Vec::new();
    };
    let mut found: Vec<String> = Vec::new();
    for link in doc.select(&links) {
        let el = link.value();
        let rel = el.attr("rel").unwrap_or_default();
        if !rel
            .split_ascii_whitespace()
            .any(|r| r.eq_ignore_ascii_case("alternate"))
        {
            continue;
        }
        let media = el
            .attr("type")
            .unwrap_or_default()
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        if !FEED_TYPES.contains(&media.as_str()) {
            continue;
        }
        let href = el.attr("href").unwrap_or_default().trim();
        if href.is_empty() {
            continue;
        }
        if let Ok(url) = base.join(href) {
            if matches!(url.scheme(), "http" | "https") {
                let url = url.to_string();
                if !found.contains(&url) {
                    found.push(url);
                }
            }
        }
    }
    found
}
