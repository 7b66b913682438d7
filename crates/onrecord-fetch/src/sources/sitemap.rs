//! XML sitemaps (sitemaps.org 0.9) and their Google News extension.
//!
//! Elements are recognised by namespace URI, whatever prefix the document binds to it. Sitemap
//! elements without any namespace are accepted too (a common slip that every search engine
//! forgives); News elements must be in the News namespace, as there is no other way to tell
//! `<news:title>` from some other `<title>`.

use chrono::{DateTime, Utc};
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use url::Url;

use super::date::parse_date;
use super::xml::{resolve_reference, XmlProblem};
use super::{NewsInfo, SitemapEntry};

pub(crate) const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
/// The namespace some older sitemaps still declare.
const SITEMAP_NS_GOOGLE_084: &str = "http://www.google.com/schemas/sitemap/0.84";
const NEWS_NS: &str = "http://www.google.com/schemas/sitemap-news/0.9";

/// Which vocabulary an element belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vocab {
    Sitemap,
    News,
    Other,
}

fn vocab(ns: &ResolveResult<'_>) -> Vocab {
    match ns {
        ResolveResult::Unbound => Vocab::Sitemap,
        ResolveResult::Bound(n) => match n.into_inner() {
            SITEMAP_NS | SITEMAP_NS_GOOGLE_084 => Vocab::Sitemap,
            NEWS_NS => Vocab::News,
            _ => Vocab::Other,
        },
        ResolveResult::Unknown(_) => Vocab::Other,
    }
}

pub(crate) fn is_sitemap_namespace(ns: Option<&str>) -> bool {
    matches!(ns, None | Some(SITEMAP_NS) | Some(SITEMAP_NS_GOOGLE_084))
}

/// What a sitemap document holds.
pub(crate) enum Parsed {
    Urls(Vec<SitemapEntry>),
    Index(Vec<(String, Option<DateTime<Utc>>)>),
}

#[derive(Default)]
struct Item {
    loc: Option<String>,
    lastmod: Option<DateTime<Utc>>,
    news: Option<NewsInfo>,
}

/// Reads a `<urlset>` or `<sitemapindex>`. Locations are resolved against `base` (the protocol
/// wants them absolute already; resolving costs nothing and rescues the sloppy). A `<url>`
/// without a `<loc>` is skipped, as search engines do. Any XML error fails the whole document:
/// no entries are returned from a sitemap that breaks off.
pub(crate) fn parse(bytes: &[u8], base: &Url) -> Result<Parsed, XmlProblem> {
    let mut reader = NsReader::from_reader(bytes);
    // Path of open elements: (vocabulary, local name).
    let mut path: Vec<(Vocab, String)> = Vec::new();
    let mut text = String::new();
    let mut item: Option<Item> = None;
    let mut urls = Vec::new();
    let mut sitemaps = Vec::new();
    let mut index = false;
    loop {
        let at = reader.buffer_position();
        let (ns, event) = match reader.read_resolved_event() {
            Ok(x) => x,
            Err(e) => return Err(XmlProblem::from_error(bytes, reader.error_position(), &e)),
        };
        let v = vocab(&ns);
        let (start, end) = match &event {
            Event::Start(e) => (Some(e.local_name().into_inner().to_string()), false),
            Event::Empty(e) => (Some(e.local_name().into_inner().to_string()), true),
            Event::End(_) => (None, true),
            Event::Text(t) => {
                text.push_str(&t.xml10_content());
                continue;
            }
            Event::CData(t) => {
                text.push_str(&t.xml10_content());
                continue;
            }
            Event::GeneralRef(r) => {
                text.push_str(
                    &resolve_reference(r).map_err(|what| XmlProblem::at(bytes, at, what))?,
                );
                continue;
            }
            Event::Eof => {
                if let Some((_, name)) = path.last() {
                    return Err(XmlProblem::at(
                        bytes,
                        bytes.len() as u64,
                        format!("the document ends before <{name}> is closed"),
                    ));
                }
                break;
            }
            _ => continue,
        };
        if let Some(local) = start {
            if path.is_empty() {
                match (v, local.as_str()) {
                    (Vocab::Sitemap, "urlset") => index = false,
                    (Vocab::Sitemap, "sitemapindex") => index = true,
                    _ => {
                        return Err(XmlProblem::at(
                            bytes,
                            at,
                            format!("<{local}> is not a sitemap root (urlset or sitemapindex)"),
                        ))
                    }
                }
            }
            let depth = path.len();
            if depth == 1 && v == Vocab::Sitemap && (local == "url" || local == "sitemap") {
                item = Some(Item::default());
            }
            if v == Vocab::News && local == "news" {
                if let Some(item) = item.as_mut() {
                    item.news.get_or_insert_with(NewsInfo::default);
                }
            }
            path.push((v, local));
            text.clear();
            if !end {
                continue;
            }
        }
        // An end tag (or the end of an empty element).
        let Some((v, local)) = path.pop() else {
            break;
        };
        let value = text.trim().to_string();
        text.clear();
        let parent = path.last().map(|(pv, pl)| (*pv, pl.as_str()));
        if let Some(item) = item.as_mut() {
            match (v, local.as_str(), parent) {
                (Vocab::Sitemap, "loc", Some((Vocab::Sitemap, "url" | "sitemap")))
                    if !value.is_empty() =>
                {
                    item.loc = Some(base.join(&value).map(|u| u.to_string()).unwrap_or(value));
                }
                (Vocab::Sitemap, "lastmod", Some((Vocab::Sitemap, "url" | "sitemap"))) => {
                    item.lastmod = parse_date(&value);
                }
                (Vocab::News, "publication_date", _) => {
                    if let Some(news) = item.news.as_mut() {
                        news.publication_date = parse_date(&value);
                    }
                }
                (Vocab::News, "title", Some((Vocab::News, "news"))) => {
                    if let Some(news) = item.news.as_mut() {
                        news.title = Some(value).filter(|v| !v.is_empty());
                    }
                }
                (Vocab::News, "name", Some((Vocab::News, "publication"))) => {
                    if let Some(news) = item.news.as_mut() {
                        news.publication_name = Some(value).filter(|v| !v.is_empty());
                    }
                }
                (Vocab::News, "language", Some((Vocab::News, "publication"))) => {
                    if let Some(news) = item.news.as_mut() {
                        news.language = Some(value).filter(|v| !v.is_empty());
                    }
                }
                (Vocab::News, "keywords", Some((Vocab::News, "news"))) => {
                    if let Some(news) = item.news.as_mut() {
                        news.keywords = value
                            .split(',')
                            .map(str::trim)
                            .filter(|k| !k.is_empty())
                            .map(str::to_string)
                            .collect();
                    }
                }
                _ => {}
            }
        }
        if path.len() == 1 && v == Vocab::Sitemap && (local == "url" || local == "sitemap") {
            if let Some(done) = item.take() {
                if let Some(loc) = done.loc {
                    if index {
                        sitemaps.push((loc, done.lastmod));
                    } else {
                        urls.push(SitemapEntry {
                            url: loc,
                            lastmod: done.lastmod,
                            news: done.news,
                        });
                    }
                }
            }
        }
    }
    Ok(if index {
        Parsed::Index(sitemaps)
    } else {
        Parsed::Urls(urls)
    })
}
