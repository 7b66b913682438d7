//! Web pages: `.html` files, the `html` of crawl lines and the HTML responses of WARC files,
//! through `onrecord-html`.
//!
//! The article's text is the headline, a blank line, then the main text the extractor found
//! (one block per paragraph, subheading, quotation, list item or table row), so that the
//! analysis reads a page as it reads a `.txt` file. Bylines, the modification time, the
//! language and the evidence behind each date go with the article as metadata, never into
//! its text; so do captions.

use onrecord_core::{Article, Origin, PageFacts};
use onrecord_html::{Extracted, Page};

use crate::txt::Parsed;
use crate::Problem;

/// What is known of a page besides its bytes.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct PageInfo<'a> {
    pub url: Option<&'a str>,
    /// RFC 3339.
    pub fetched: Option<&'a str>,
    pub content_type: Option<&'a str>,
}

/// A page as received (any charset).
pub(crate) fn parse_bytes(bytes: &[u8], id: &str, origin: &Origin, info: PageInfo<'_>) -> Parsed {
    let fetched = info
        .fetched
        .and_then(|f| chrono::DateTime::parse_from_rfc3339(f).ok())
        .map(|d| d.with_timezone(&chrono::Utc));
    let page = Page {
        bytes,
        url: info.url,
        content_type: info.content_type,
        fetched,
    };
    article_of(onrecord_html::extract(&page), id, origin, info)
}

/// A page already decoded to text (the `html` field of a JSONL crawl line).
pub(crate) fn parse_text(html: &str, id: &str, origin: &Origin, info: PageInfo<'_>) -> Parsed {
    let fetched = info
        .fetched
        .and_then(|f| chrono::DateTime::parse_from_rfc3339(f).ok())
        .map(|d| d.with_timezone(&chrono::Utc));
    let page = Page {
        bytes: &[],
        url: info.url,
        content_type: None,
        fetched,
    };
    article_of(onrecord_html::extract_text(html, &page), id, origin, info)
}

fn article_of(x: Extracted, id: &str, origin: &Origin, info: PageInfo<'_>) -> Parsed {
    let mut out = Parsed::default();
    for w in &x.warnings {
        if x.text.is_empty() && w.starts_with("no article text") {
            continue;
        }
        out.problems
            .push(Problem::warning(origin.clone(), w.clone()));
    }
    if x.text.is_empty() {
        out.problems.push(Problem::error(
            origin.clone(),
            "no article text found in the page (no paragraphs outside navigation and boilerplate)",
        ));
        return out;
    }
    let text = match &x.title {
        Some(t) => format!("{t}\n\n{}", x.text),
        None => x.text.clone(),
    };
    let page = PageFacts {
        published_time: x.published.as_ref().map(|s| s.datetime.clone()),
        published_from: x.published.as_ref().map(|s| s.evidence.clone()),
        modified_from: x.modified.as_ref().map(|s| s.evidence.clone()),
        language_from: x.language.as_ref().map(|l| {
            match l.from {
                onrecord_html::LanguageSource::Text => "text",
                onrecord_html::LanguageSource::Declared => "declared",
            }
            .to_string()
        }),
        captions: x.captions,
        charset: Some(format!("{} ({})", x.charset.name, charset_from(&x.charset))),
        fetched: info.fetched.map(str::to_string),
        archive: None,
    };
    out.article = Some(Article {
        id: id.to_string(),
        text,
        title: x.title,
        published: x.published.as_ref().map(|s| s.day),
        outlet: x.outlet,
        url: x.canonical_url.or_else(|| info.url.map(str::to_string)),
        origin: origin.clone(),
        bylines: x.bylines,
        modified: x.modified.map(|s| s.datetime),
        language: x.language.map(|l| l.code),
        page: Some(Box::new(page)),
    });
    out
}

fn charset_from(c: &onrecord_html::Charset) -> &'static str {
    match c.from {
        onrecord_html::CharsetSource::Bom => "byte-order mark",
        onrecord_html::CharsetSource::Header => "HTTP header",
        onrecord_html::CharsetSource::Meta => "meta charset",
        onrecord_html::CharsetSource::Sniffed => "detected",
        onrecord_html::CharsetSource::Corrected => "detected; the declared charset was wrong",
        onrecord_html::CharsetSource::Given => "given as text",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> Origin {
        Origin {
            path: "page.html".into(),
            line: None,
            offset: None,
        }
    }

    fn parse(page: &str) -> Parsed {
        parse_bytes(page.as_bytes(), "page", &origin(), PageInfo::default())
    }

    const PAGE: &str = r#"<!doctype html>
<html lang="en"><head>
<title>Ignored title | Kestrel News</title>
<meta property="og:title" content="Talks must resume: Y&#305;ld&#305;r&#305;m">
<meta property="og:site_name" content="Kestrel News">
<meta property="article:published_time" content="2024-03-03T21:15:00-05:00">
<meta name="author" content="Mira Holt">
<link rel="canonical" href="https://kestrel.example/talks">
<style>p { color: red }</style>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/w">World</a></li></ul></nav>
<article>
  <h1>Talks must resume: Yıldırım</h1>
  <p class="byline">By Mira Holt</p>
  <p>The   minister
     said &ldquo;talks&rdquo; &amp; more, and the envoy agreed with him on every point.</p>
  <figure><img src="x.jpg"><figcaption>A caption dated Monday</figcaption></figure>
  <p>Talks in Vardania broke off in February after the harbour dispute, and neither side has
     set a date for a new round.</p>
  <h2>Background</h2>
  <blockquote><p>We will not sign a paper that closes the harbour.</p><p>Not now, not later.</p></blockquote>
  <ul><li>The first round was held in Kestrel in January.</li></ul>
  <aside><p>Read also: something else</p></aside>
  <script>var x = "<p>no</p>";</script>
</article>
<footer><p>Copyright</p></footer>
</body></html>"#;

    #[test]
    fn page_with_meta_tags() {
        let p = parse(PAGE);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        let a = p.article.unwrap();
        assert_eq!(a.title.as_deref(), Some("Talks must resume: Yıldırım"));
        assert_eq!(a.outlet.as_deref(), Some("Kestrel News"));
        assert_eq!(a.url.as_deref(), Some("https://kestrel.example/talks"));
        assert_eq!(a.published.unwrap().to_string(), "2024-03-03");
        assert_eq!(a.bylines, vec!["Mira Holt"]);
        assert_eq!(a.id, "page");
        assert_eq!(
            a.text,
            "Talks must resume: Yıldırım\n\nThe minister said \u{201c}talks\u{201d} & more, and the envoy \
             agreed with him on every point.\n\nTalks in Vardania broke off in February after the \
             harbour dispute, and neither side has set a date for a new round.\n\nBackground\n\n\
             We will not sign a paper that closes the harbour.\n\nNot now, not later.\n\n\
             The first round was held in Kestrel in January."
        );
        let page = a.page.unwrap();
        assert_eq!(page.captions, vec!["A caption dated Monday"]);
        assert_eq!(
            page.published_time.as_deref(),
            Some("2024-03-03T21:15:00-05:00")
        );
        assert!(page
            .published_from
            .unwrap()
            .starts_with("article:published_time"));
    }

    #[test]
    fn fallbacks_title_jsonld() {
        let page = r#"<html><head><title>Plain title - Site</title>
<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2023-09-12T08:00:00Z","publisher":{"name":"The Ledger"}}]}</script>
</head><body><div class="menu"><p>x</p></div>
<div class="story"><p>First paragraph of the story.</p><p>Second one.</p></div></body></html>"#;
        let a = parse(page).article.unwrap();
        assert_eq!(a.title.as_deref(), Some("Plain title - Site"));
        assert_eq!(a.outlet.as_deref(), Some("The Ledger"));
        assert_eq!(a.published.unwrap().to_string(), "2023-09-12");
        assert_eq!(
            a.text,
            "Plain title - Site\n\nFirst paragraph of the story.\n\nSecond one."
        );
    }

    #[test]
    fn h1_title_time_element_and_og_url() {
        let page = r#"<html><head><meta property="og:url" content="https://x.example/a"></head>
<body><main><h1>Main head</h1><time datetime="2022-03-05">Saturday</time><p>Body.</p></main></body></html>"#;
        let a = parse(page).article.unwrap();
        assert_eq!(a.title.as_deref(), Some("Main head"));
        assert_eq!(a.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(a.published.unwrap().to_string(), "2022-03-05");
        assert_eq!(a.text, "Main head\n\nBody.");
    }

    #[test]
    fn unreadable_date_warns() {
        let page =
            r#"<meta name="date" content="the other day"><p>Body of the page, with words.</p>"#;
        let p = parse(page);
        assert_eq!(p.problems.len(), 1, "{:?}", p.problems);
        assert!(p.problems[0].message.contains("'the other day'"));
        assert_eq!(p.article.unwrap().published, None);
    }

    #[test]
    fn page_without_text_is_an_error() {
        let p = parse("<html><body><div><img src=x></div></body></html>");
        assert!(p.article.is_none());
        assert_eq!(p.problems.len(), 1);
        assert!(p.problems[0].is_error());
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        // Deep enough to overflow a recursive walk on a 2 MiB test thread; not deeper, as
        // html5ever's own parsing time grows with the square of the nesting depth.
        let page = format!("{}<p>deep</p>", "<div>".repeat(10_000));
        assert!(parse(&page).article.unwrap().text.contains("deep"));
    }

    #[test]
    fn foreign_language_is_recorded() {
        let body = "<p>Der Hafenrat teilte am Montag mit, dass die Fährgebühren im Frühjahr steigen \
            würden, und die Bürgermeisterin sagte, sie werde den Plan in der nächsten Sitzung ablehnen.</p>\
            <p>Die Fährleute wollen am Freitag vor dem Rathaus demonstrieren, wie ihr Verband mitteilte.</p>";
        let page = format!("<html lang=en><body><article>{body}</article></body></html>");
        let a = parse(&page).article.unwrap();
        assert_eq!(a.language.as_deref(), Some("de"));
        assert!(!a.is_english());
        assert!(a.text.contains("Fährgebühren"));
    }
}
