//! What a fetched document is — feed, sitemap, sitemap index or page — and what it lists.
//! Pure parsing: bytes in, values out, no I/O.
//!
//! [`parse_source`] decides by content, not by URL: gzip is undone first (a `.xml.gz` sitemap),
//! then a JSON object is read as a JSON Feed, and an XML document by its root element
//! (`urlset` / `sitemapindex` in the sitemap namespace, `rss`, `RDF`, `feed`); HTML and anything
//! served as HTML is a [`Source::Page`] for the article extractor.
//!
//! Errors are all-or-nothing. An XML feed is checked for well-formedness before it is read, so
//! a truncated or broken document is a [`SourceError::Xml`] naming the line and column, never
//! a feed quietly missing its last entries; a sitemap is read in one pass that fails the same
//! way. Entries that are merely incomplete (no link, no date) are kept with what they have.

mod date;
mod discover;
mod sitemap;
mod xml;

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use url::Url;

pub use date::parse_date;
pub use discover::discover_feeds;

use crate::decode;
use xml::{Root, XmlProblem};

/// The most a compressed source may inflate to: the sitemap protocol's 50 MB limit, with room.
pub const MAX_SOURCE_BYTES: u64 = 64 << 20;

/// A parsed source document.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// An RSS, Atom or JSON feed.
    Feed {
        kind: FeedKind,
        title: Option<String>,
        entries: Vec<Entry>,
    },
    /// A `<urlset>`: pages, with their dates and News details when given.
    Sitemap { entries: Vec<SitemapEntry> },
    /// A `<sitemapindex>`: further sitemaps (absolute URL, `<lastmod>`).
    SitemapIndex {
        sitemaps: Vec<(String, Option<DateTime<Utc>>)>,
    },
    /// An HTML page (or anything served as `text/html`): an article or a section front, for
    /// the extractor; [`discover_feeds`] finds the feeds it advertises.
    Page,
}

/// Which feed format a [`Source::Feed`] was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedKind {
    /// RSS 0.9x.
    Rss0,
    /// RSS 1.0 (RDF).
    Rss1,
    Rss2,
    Atom,
    JsonFeed,
}

/// One feed item.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The item's page, absolute (resolved against the feed's URL). `None` when the item has
    /// no usable link at all (rare; the `id` may still say what it is).
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    /// The feed's own identifier (RSS `guid`, Atom `id`, JSON Feed `id`), when it gives one.
    pub id: Option<String>,
    /// Author names (or addresses, when only an address is given), in feed order.
    pub authors: Vec<String>,
}

/// One `<url>` of a sitemap.
#[derive(Debug, Clone, PartialEq)]
pub struct SitemapEntry {
    pub url: String,
    pub lastmod: Option<DateTime<Utc>>,
    /// Google News details (`<news:news>`), when present.
    pub news: Option<NewsInfo>,
}

/// The `<news:news>` block of a News sitemap entry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewsInfo {
    /// `<news:publication><news:name>`.
    pub publication_name: Option<String>,
    /// `<news:publication><news:language>`.
    pub language: Option<String>,
    pub publication_date: Option<DateTime<Utc>>,
    pub title: Option<String>,
    pub keywords: Vec<String>,
}

/// Why a document could not be read. Every message names the document's URL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SourceError {
    /// Not well-formed XML; nothing of it is returned.
    #[error("{url}: not well-formed XML at line {line}, column {column} (byte {offset}): {what}")]
    Xml {
        url: String,
        what: String,
        line: usize,
        column: usize,
        offset: u64,
    },
    /// A JSON document that does not parse, or is not a JSON Feed.
    #[error("{url}: not a readable JSON Feed: {what}")]
    Json { url: String, what: String },
    /// Well-formed, but the feed parser could not make a feed of it.
    #[error("{url}: not a readable feed: {what}")]
    Feed { url: String, what: String },
    /// Neither a feed, a sitemap nor a page.
    #[error("{url}: not a feed, sitemap or HTML page ({what})")]
    Unrecognized { url: String, what: String },
    /// A gzip-compressed document that is corrupt or inflates past [`MAX_SOURCE_BYTES`].
    #[error("{url}: cannot decompress: {what}")]
    Compressed { url: String, what: String },
    /// The base URL is not an absolute URL, so links cannot be resolved.
    #[error("{url}: not an absolute base URL: {what}")]
    InvalidBase { url: String, what: String },
}

impl SourceError {
    fn xml(url: &str, p: XmlProblem) -> SourceError {
        SourceError::Xml {
            url: url.to_string(),
            what: p.what,
            line: p.line,
            column: p.column,
            offset: p.offset,
        }
    }
}

/// Recognises and parses a fetched document. `content_type` is the response's media type (a
/// hint: HTML served as such is a page whatever it looks like); `base_url` is the document's own
/// (final) URL, against which relative links are resolved.
pub fn parse_source(
    bytes: &[u8],
    content_type: Option<&str>,
    base_url: &str,
) -> Result<Source, SourceError> {
    let base = Url::parse(base_url).map_err(|e| SourceError::InvalidBase {
        url: base_url.to_string(),
        what: e.to_string(),
    })?;
    let media = content_type
        .and_then(|c| c.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let html_media = matches!(media.as_str(), "text/html" | "application/xhtml+xml");

    let data: Cow<[u8]> = if bytes.starts_with(&[0x1f, 0x8b]) {
        let decoded = decode::decode(bytes, &["gzip".to_string()], MAX_SOURCE_BYTES, false)
            .map_err(|e| SourceError::Compressed {
                url: base_url.to_string(),
                what: match e {
                    decode::DecodeError::TooLarge => {
                        format!("inflates to more than {MAX_SOURCE_BYTES} bytes")
                    }
                    other => format!("{other:?}"),
                },
            })?;
        Cow::Owned(decoded.bytes)
    } else {
        Cow::Borrowed(bytes)
    };
    let data = strip_bom(&data);
    let start = data
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(data.len());
    let trimmed = &data[start..];

    match trimmed.first() {
        Some(b'{') if !html_media => parse_json_feed(trimmed, &base, base_url),
        Some(b'<') => match xml::sniff_root(trimmed) {
            Root::Html => Ok(Source::Page),
            Root::Element { namespace, local } => match local.as_str() {
                "urlset" | "sitemapindex"
                    if sitemap::is_sitemap_namespace(namespace.as_deref()) =>
                {
                    match sitemap::parse(trimmed, &base)
                        .map_err(|p| SourceError::xml(base_url, p))?
                    {
                        sitemap::Parsed::Urls(entries) => Ok(Source::Sitemap { entries }),
                        sitemap::Parsed::Index(sitemaps) => Ok(Source::SitemapIndex { sitemaps }),
                    }
                }
                "rss" | "RDF" | "feed" if !html_media => parse_xml_feed(trimmed, &base, base_url),
                _ if html_media || looks_like_html_element(&local) => Ok(Source::Page),
                _ => Err(SourceError::Unrecognized {
                    url: base_url.to_string(),
                    what: format!("XML with root <{local}>"),
                }),
            },
            Root::None(_) if html_media => Ok(Source::Page),
            Root::None(Some(problem)) => Err(SourceError::xml(base_url, problem)),
            Root::None(None) => Err(SourceError::Unrecognized {
                url: base_url.to_string(),
                what: "no element in the document".into(),
            }),
        },
        _ if html_media => Ok(Source::Page),
        None => Err(SourceError::Unrecognized {
            url: base_url.to_string(),
            what: "empty document".into(),
        }),
        Some(_) => Err(SourceError::Unrecognized {
            url: base_url.to_string(),
            what: format!(
                "starts with {:?}",
                String::from_utf8_lossy(&trimmed[..trimmed.len().min(16)])
            ),
        }),
    }
}

fn strip_bom(data: &[u8]) -> &[u8] {
    data.strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(data)
}

/// Elements an HTML fragment served without a content type might open with.
fn looks_like_html_element(local: &str) -> bool {
    matches!(
        local.to_ascii_lowercase().as_str(),
        "head"
            | "body"
            | "meta"
            | "title"
            | "link"
            | "script"
            | "style"
            | "div"
            | "p"
            | "article"
            | "main"
            | "header"
    )
}

fn parser(base_url: &str) -> feed_rs::parser::Parser {
    feed_rs::parser::Builder::new()
        .base_uri(Some(base_url))
        // Only the feed's own identifiers: feed-rs would otherwise make one up (a hash, or a
        // random UUID), which would not be the same on the next fetch.
        .id_generator(|_, _, _| String::new())
        .timestamp_parser(parse_date)
        .sanitize_content(false)
        .build()
}

fn parse_xml_feed(bytes: &[u8], base: &Url, base_url: &str) -> Result<Source, SourceError> {
    if let Err(problem) = xml::check_well_formed(bytes) {
        // Text in a declared non-UTF-8 encoding (ISO-8859-1 and the like) trips the check but
        // not the feed parser, which honours the declaration: let that one decide.
        if !problem.encoding {
            return Err(SourceError::xml(base_url, problem));
        }
    }
    let feed = parser(base_url)
        .parse(bytes)
        .map_err(|e| SourceError::Feed {
            url: base_url.to_string(),
            what: e.to_string(),
        })?;
    Ok(convert(feed, base))
}

fn parse_json_feed(bytes: &[u8], base: &Url, base_url: &str) -> Result<Source, SourceError> {
    let feed = parser(base_url)
        .parse(bytes)
        .map_err(|e| SourceError::Json {
            url: base_url.to_string(),
            what: e.to_string(),
        })?;
    Ok(convert(feed, base))
}

fn convert(feed: feed_rs::model::Feed, base: &Url) -> Source {
    use feed_rs::model::FeedType;
    let kind = match feed.feed_type {
        FeedType::Atom => FeedKind::Atom,
        FeedType::JSON => FeedKind::JsonFeed,
        FeedType::RSS0 => FeedKind::Rss0,
        FeedType::RSS1 => FeedKind::Rss1,
        FeedType::RSS2 => FeedKind::Rss2,
    };
    let entries = feed
        .entries
        .into_iter()
        .map(|e| {
            let id = Some(e.id.trim().to_string()).filter(|i| !i.is_empty());
            let url = entry_link(&e.links)
                .or_else(|| {
                    id.as_deref()
                        .filter(|i| i.starts_with("http://") || i.starts_with("https://"))
                })
                .and_then(|href| base.join(href.trim()).ok())
                .map(|u| u.to_string());
            Entry {
                url,
                title: text(e.title),
                published: e.published,
                updated: e.updated,
                id,
                authors: e
                    .authors
                    .into_iter()
                    .filter_map(|p| {
                        p.name
                            .map(|n| n.trim().to_string())
                            .filter(|n| !n.is_empty())
                            .or(p.email)
                    })
                    .collect(),
            }
        })
        .collect();
    Source::Feed {
        kind,
        title: text(feed.title),
        entries,
    }
}

fn text(t: Option<feed_rs::model::Text>) -> Option<String> {
    t.map(|t| t.content.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// The item's own page: the `alternate` link (or one without `rel`), else the first link that
/// is not an enclosure, the feed itself, or a comments link.
fn entry_link(links: &[feed_rs::model::Link]) -> Option<&str> {
    let usable = |l: &&feed_rs::model::Link| !l.href.trim().is_empty();
    links
        .iter()
        .filter(usable)
        .find(|l| {
            l.rel
                .as_deref()
                .is_none_or(|r| r.eq_ignore_ascii_case("alternate"))
        })
        .or_else(|| {
            links.iter().filter(usable).find(|l| {
                !matches!(
                    l.rel.as_deref().map(str::to_ascii_lowercase).as_deref(),
                    Some("enclosure" | "self" | "edit" | "replies" | "via" | "related")
                )
            })
        })
        .map(|l| l.href.as_str())
}

#[cfg(test)]
mod tests;
