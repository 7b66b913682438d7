//! Article extraction from web pages: page bytes and URL in, article out.
//!
//! ```text
//! bytes ─► charset (header, BOM, <meta>, sniffing) ─► html5ever tree ─► one scan ─► Scan
//!            Scan ─► body   (blocks scored, the best subtree, boilerplate dropped)
//!                 ─► meta   (headline, bylines, outlet, canonical URL, language)
//!                 ─► dates  (published / modified, each with the evidence that gave it)
//! ```
//!
//! The rules describe how pages are built, not how one site is built: the main text is the
//! part of the tree whose blocks read as prose (long, punctuated, few links), navigation and
//! link lists count against a region, and the class and id words web authors use for the
//! parts around an article (`sidebar`, `comments`, `share`, `related`, …) mark boilerplate.
//! Everything here is pure: no I/O, deterministic, safe to run on many threads.

mod body;
mod charset;
mod dates;
mod dom;
mod hints;
mod jsonld;
mod lang;
mod meta;
mod strip;

use chrono::{DateTime, Utc};
use serde::Serialize;

pub use charset::{Charset, CharsetSource};
pub use dates::{parse_date, DateSource, Order, ParsedDate, Seen, Stamp};
pub use lang::{Language, LanguageSource};

/// One page to extract: its bytes as received, and what the transport said about it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Page<'a> {
    pub bytes: &'a [u8],
    /// The page's address (after redirects): resolves relative links and can carry its day.
    pub url: Option<&'a str>,
    /// The HTTP `Content-Type` header, for its charset.
    pub content_type: Option<&'a str>,
    /// When the page was fetched: a publication date after it is not believed. Default: now.
    pub fetched: Option<DateTime<Utc>>,
}

/// What a block of the main text is, so that readers and the analysis can treat headings,
/// quotations and list items as what they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Paragraph,
    Heading,
    Quote,
    Item,
    Cell,
    Pre,
}

/// One block of [`Extracted::text`]: its kind and byte range.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    pub start: usize,
    pub end: usize,
}

/// The article a page holds.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Extracted {
    /// The headline, without a ` | Site` suffix.
    pub title: Option<String>,
    /// The main text in reading order: one block per paragraph, subheading, quotation, list
    /// item or table row, blocks separated by a blank line. No headline, byline or captions.
    pub text: String,
    pub blocks: Vec<Block>,
    /// Photo and figure captions, kept apart so that a caption's date never dates a statement.
    pub captions: Vec<String>,
    /// Bylines as names ("Jane Roe", "Ivo Lind"), not body text.
    pub bylines: Vec<String>,
    pub published: Option<Stamp>,
    pub modified: Option<Stamp>,
    /// Every date the page states, with its evidence; `published` and `modified` are chosen
    /// from these.
    pub dates_seen: Vec<Seen>,
    /// The outlet or site name.
    pub outlet: Option<String>,
    /// The canonical address (`<link rel=canonical>`, `og:url`), absolute.
    pub canonical_url: Option<String>,
    pub language: Option<Language>,
    pub charset: Charset,
    /// Things a user should know about this page (a charset guessed, no article found, …).
    pub warnings: Vec<String>,
}

/// Extracts the article from one page. Never fails: a page with no article gives an empty
/// `text` and a warning.
pub fn extract(page: &Page<'_>) -> Extracted {
    let (html, charset) = charset::decode(page.bytes, page.content_type);
    extract_str(&html, charset, page)
}

/// How the main text of a page was chosen (the best element by class names and by
/// structure, with their scores): for a person checking why an extraction went wrong.
pub fn explain(page: &Page<'_>) -> String {
    let (html, _) = charset::decode(page.bytes, page.content_type);
    let doc = scraper::Html::parse_document(&strip::strip(&html));
    let scan = dom::scan(&doc);
    body::explain(&scan, &doc)
}

/// [`extract`] for a page already decoded to text (a JSONL crawl line's `html`).
pub fn extract_text(html: &str, page: &Page<'_>) -> Extracted {
    extract_str(html, Charset::utf8_given(), page)
}

fn extract_str(html: &str, charset: Charset, page: &Page<'_>) -> Extracted {
    let doc = scraper::Html::parse_document(&strip::strip(html));
    let scan = dom::scan(&doc);
    let base = page.url.and_then(|u| url::Url::parse(u).ok());
    let meta = meta::Meta::new(&scan, base.as_ref());
    let title = meta.title();
    let body = body::extract(&scan, title.as_deref(), &meta.byline_names());
    let now = page.fetched.unwrap_or_else(Utc::now);
    let canonical_url = meta.canonical();
    let url_for_dates = page.url.or(canonical_url.as_deref());
    let script = dates::script_dates(html);
    let dates = dates::find(&scan, &meta, &body, url_for_dates, &script, now);
    let mut warnings = Vec::new();
    warnings.extend(dates.warning);
    if let Some(w) = charset.warning() {
        warnings.push(w);
    }
    if body.text.is_empty() {
        warnings.push("no article text found in the page".to_string());
    }
    let language = lang::detect(&body.text, meta.declared_language());
    Extracted {
        title,
        text: body.text,
        blocks: body.blocks,
        captions: body.captions,
        bylines: meta.bylines(&body.byline_texts),
        published: dates.published,
        modified: dates.modified,
        dates_seen: dates.seen,
        outlet: meta.outlet(),
        canonical_url,
        language,
        charset,
        warnings,
    }
}

#[cfg(test)]
mod tests;
