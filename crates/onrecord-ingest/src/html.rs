//! Saved web pages (`.html`, `.htm`): metadata from the usual meta tags, the body from the
//! article's paragraphs.
//!
//! The text is rebuilt as plain text the analysis can read like a `.txt` file: the headline,
//! a blank line, then one block per paragraph, list item, quotation or subheading, separated
//! by blank lines, with white space collapsed inside each. Navigation, asides, footers,
//! scripts and figure captions are left out: they are not what the article says.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use onrecord_core::{Article, Day, Origin};

use crate::txt::{shorten, Parsed};
use crate::{date, Problem};

/// Elements whose text becomes one block of the article text.
const BLOCKS: &[&str] = &["p", "h2", "h3", "blockquote", "li"];

/// Elements never part of the article text.
const SKIP: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "aside",
    "footer",
    "figcaption",
    "form",
    "button",
    "select",
    "textarea",
    "svg",
    "iframe",
    "object",
    "head",
];

pub(crate) fn parse(text: &str, stem: &str, origin: &Origin) -> Parsed {
    let mut out = Parsed::default();
    let doc = Html::parse_document(text);

    let outlet = meta(&doc, "og:site_name").or_else(|| json_ld(&doc, publisher_name));
    let title = meta(&doc, "og:title")
        .or_else(|| first_text(&doc, "title").map(|t| strip_site_suffix(&t, outlet.as_deref())))
        .or_else(|| first_text(&doc, "h1"));
    let url = select(&doc, r#"link[rel~="canonical" i]"#)
        .find_map(|e| non_empty(e.attr("href")))
        .or_else(|| meta(&doc, "og:url"));
    let container = body_container(&doc);
    let published = published(&doc, container, origin, &mut out.problems);

    let blocks = container.map(blocks).unwrap_or_default();
    if blocks.is_empty() {
        out.problems.push(Problem::error(
            origin.clone(),
            "no article text found in the page (no <p>, <li> or <blockquote> text)",
        ));
        return out;
    }
    let mut parts: Vec<&str> = Vec::with_capacity(blocks.len() + 1);
    if let Some(t) = &title {
        parts.push(t);
    }
    for b in &blocks {
        // A page that repeats its headline as the first subheading should not say it twice.
        if parts.len() == 1 && Some(b) == title.as_ref() {
            continue;
        }
        parts.push(b);
    }
    out.article = Some(Article {
        id: stem.to_string(),
        text: parts.join("\n\n"),
        title,
        published,
        outlet,
        url,
        origin: origin.clone(),
    });
    out
}

fn selector(css: &str) -> Option<Selector> {
    Selector::parse(css).ok()
}

/// Elements matching `css` (none if the selector were somehow invalid: never panic).
fn select<'a>(doc: &'a Html, css: &str) -> impl Iterator<Item = ElementRef<'a>> + 'a {
    let sel = selector(css);
    let found: Vec<ElementRef<'a>> = match &sel {
        Some(s) => doc.select(s).collect(),
        None => Vec::new(),
    };
    found.into_iter()
}

fn select_in<'a>(root: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    match selector(css) {
        Some(s) => root.select(&s).collect(),
        None => Vec::new(),
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(collapse).filter(|s| !s.is_empty())
}

/// The content of `<meta property=name>` (or `name=name`, which some sites use for Open Graph).
fn meta(doc: &Html, name: &str) -> Option<String> {
    let css = format!(r#"meta[property="{name}" i], meta[name="{name}" i]"#);
    select(doc, &css).find_map(|e| non_empty(e.attr("content")))
}

fn first_text(doc: &Html, css: &str) -> Option<String> {
    select(doc, css).find_map(|e| non_empty(Some(&e.text().collect::<String>())))
}

/// `<title>` often ends with ` | Site` or ` - Site`; the headline is what comes before.
fn strip_site_suffix(title: &str, outlet: Option<&str>) -> String {
    if let Some(site) = outlet {
        for sep in [" | ", " - ", " – ", " — "] {
            if let Some(head) = title.strip_suffix(site).and_then(|t| t.strip_suffix(sep)) {
                if !head.trim().is_empty() {
                    return head.trim().to_string();
                }
            }
        }
    }
    title.to_string()
}

/// Amount of paragraph text under an element: how much article it holds.
fn paragraph_weight(el: ElementRef<'_>) -> usize {
    select_in(el, "p")
        .iter()
        .map(|p| p.text().map(|t| t.trim().len()).sum::<usize>())
        .sum()
}

/// `<article>` (the one with most paragraph text, as pages list related stories as articles
/// too), else `<main>`, else the element holding the most `<p>` text, else `<body>`.
fn body_container(doc: &Html) -> Option<ElementRef<'_>> {
    for css in ["article", "main"] {
        let best = select(doc, css)
            .map(|e| (paragraph_weight(e), e))
            .filter(|(w, _)| *w > 0)
            .fold(None::<(usize, ElementRef<'_>)>, |best, (w, e)| match best {
                Some((bw, _)) if bw >= w => best,
                _ => Some((w, e)),
            });
        if let Some((_, e)) = best {
            return Some(e);
        }
    }
    let mut weights: Vec<(ego_tree::NodeId, usize)> = Vec::new();
    for p in select(doc, "p") {
        let Some(parent) = p.parent() else { continue };
        let w: usize = p.text().map(|t| t.trim().len()).sum();
        match weights.iter_mut().find(|(id, _)| *id == parent.id()) {
            Some((_, total)) => *total += w,
            None => weights.push((parent.id(), w)),
        }
    }
    let best = weights.iter().filter(|(_, w)| *w > 0).fold(
        None::<(ego_tree::NodeId, usize)>,
        |best, &(id, w)| match best {
            Some((_, bw)) if bw >= w => best,
            _ => Some((id, w)),
        },
    );
    if let Some((id, _)) = best {
        if let Some(e) = doc.tree.get(id).and_then(ElementRef::wrap) {
            return Some(e);
        }
    }
    select(doc, "body").next().or(Some(doc.root_element()))
}

/// The blocks of article text under `root`, in document order. Walks the tree iteratively:
/// a hostile page nested a million deep must not overflow the stack.
fn blocks(root: ElementRef<'_>) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_block = 0usize;
    let mut skipping = 0usize;
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        let b = collapse(cur);
        if !b.is_empty() {
            out.push(b);
        }
        cur.clear();
    };
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    let hidden =
                        el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true");
                    if skipping > 0 || SKIP.contains(&name) || hidden {
                        skipping += 1;
                    } else if BLOCKS.contains(&name) {
                        flush(&mut cur, &mut out);
                        in_block += 1;
                    } else if name == "br" {
                        cur.push(' ');
                    }
                }
                Node::Text(t) if skipping == 0 && in_block > 0 => cur.push_str(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if skipping > 0 {
                        skipping -= 1;
                    } else if BLOCKS.contains(&el.name()) {
                        flush(&mut cur, &mut out);
                        in_block = in_block.saturating_sub(1);
                    }
                }
            }
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// The publication day from the first source that gives a readable one, in order of
/// reliability. If sources exist but none can be read, a warning says what was found.
fn published(
    doc: &Html,
    container: Option<ElementRef<'_>>,
    origin: &Origin,
    problems: &mut Vec<Problem>,
) -> Option<Day> {
    let mut candidates: Vec<(String, &str)> = Vec::new();
    for key in ["article:published_time", "og:published_time"] {
        if let Some(v) = meta(doc, key) {
            candidates.push((v, key));
        }
    }
    for e in select(doc, r#"[itemprop="datePublished" i]"#) {
        let v = non_empty(e.attr("content"))
            .or_else(|| non_empty(e.attr("datetime")))
            .or_else(|| non_empty(Some(&e.text().collect::<String>())));
        if let Some(v) = v {
            candidates.push((v, "itemprop datePublished"));
        }
    }
    if let Some(v) = json_ld(doc, |v| find_key(v, "datePublished", 0)) {
        candidates.push((v, "JSON-LD datePublished"));
    }
    for name in ["date", "pubdate", "publish-date", "dc.date", "dcterms.date"] {
        let css = format!(r#"meta[name="{name}" i]"#);
        if let Some(v) = select(doc, &css).find_map(|e| non_empty(e.attr("content"))) {
            candidates.push((v, "meta date"));
        }
    }
    if let Some(c) = container {
        if let Some(v) = select_in(c, "time[datetime]")
            .iter()
            .find_map(|e| non_empty(e.attr("datetime")))
        {
            candidates.push((v, "<time datetime>"));
        }
    }
    if let Some(day) = candidates
        .iter()
        .find_map(|(v, _)| date::parse_day_lenient(v))
    {
        return Some(day);
    }
    if let Some((v, source)) = candidates.first() {
        problems.push(Problem::warning(
            origin.clone(),
            format!(
                "publication date '{}' ({source}) is not a date onrecord can read; \
                 publication day unknown",
                shorten(v)
            ),
        ));
    }
    None
}

/// The first answer `f` gives for any JSON-LD block of the page.
fn json_ld(doc: &Html, f: impl Fn(&Value) -> Option<String>) -> Option<String> {
    select(doc, r#"script[type="application/ld+json" i]"#).find_map(|s| {
        let src: String = s.text().collect();
        serde_json::from_str::<Value>(&src).ok().and_then(|v| f(&v))
    })
}

/// The first string or number under `key` anywhere in a JSON value (JSON-LD nests freely:
/// `@graph` arrays, `mainEntity` objects). Depth is bounded by serde_json's own limit.
fn find_key(v: &Value, key: &str, depth: usize) -> Option<String> {
    if depth > 64 {
        return None;
    }
    match v {
        Value::Object(m) => {
            if let Some(found) = m.get(key).and_then(|x| match x {
                Value::String(s) => non_empty(Some(s)),
                _ => None,
            }) {
                return Some(found);
            }
            m.values().find_map(|x| find_key(x, key, depth + 1))
        }
        Value::Array(a) => a.iter().find_map(|x| find_key(x, key, depth + 1)),
        _ => None,
    }
}

fn publisher_name(v: &Value) -> Option<String> {
    match v {
        Value::Object(m) => match m.get("publisher") {
            Some(Value::Object(p)) => p.get("name").and_then(|n| non_empty(n.as_str())),
            Some(Value::String(s)) => non_empty(Some(s)),
            _ => m.get("@graph").and_then(publisher_name),
        },
        Value::Array(a) => a.iter().find_map(publisher_name),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> Origin {
        Origin {
            path: "page.html".into(),
            line: None,
        }
    }

    const PAGE: &str = r#"<!doctype html>
<html><head>
<title>Ignored title | Kestrel News</title>
<meta property="og:title" content="Talks must resume: Y&#305;ld&#305;r&#305;m">
<meta property="og:site_name" content="Kestrel News">
<meta property="article:published_time" content="2024-03-03T21:15:00-05:00">
<link rel="canonical" href="https://kestrel.example/talks">
<style>p { color: red }</style>
</head><body>
<nav><ul><li>Home</li><li>World</li></ul></nav>
<article>
  <h1>Talks must resume: Yıldırım</h1>
  <p>The   minister
     said &ldquo;talks&rdquo; &amp; more.</p>
  <figure><img src="x.jpg"><figcaption>A caption</figcaption></figure>
  <h2>Background</h2>
  <blockquote><p>First quoted.</p><p>Second quoted.</p></blockquote>
  <ul><li>One point</li></ul>
  <aside><p>Read also: something else</p></aside>
  <script>var x = "<p>no</p>";</script>
</article>
<footer><p>Copyright</p></footer>
</body></html>"#;

    #[test]
    fn page_with_meta_tags() {
        let p = parse(PAGE, "page", &origin());
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        let a = p.article.unwrap();
        assert_eq!(a.title.as_deref(), Some("Talks must resume: Yıldırım"));
        assert_eq!(a.outlet.as_deref(), Some("Kestrel News"));
        assert_eq!(a.url.as_deref(), Some("https://kestrel.example/talks"));
        assert_eq!(a.published.unwrap().to_string(), "2024-03-03");
        assert_eq!(a.id, "page");
        assert_eq!(
            a.text,
            "Talks must resume: Yıldırım\n\nThe minister said \u{201c}talks\u{201d} & more.\n\n\
             Background\n\nFirst quoted.\n\nSecond quoted.\n\nOne point"
        );
    }

    #[test]
    fn fallbacks_title_jsonld_and_densest_paragraphs() {
        let page = r#"<html><head><title>Plain title - Site</title>
<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2023-09-12T08:00:00Z","publisher":{"name":"The Ledger"}}]}</script>
</head><body><div class="menu"><p>x</p></div>
<div class="story"><p>First paragraph of the story.</p><p>Second one.</p></div></body></html>"#;
        let a = parse(page, "p", &origin()).article.unwrap();
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
        let a = parse(page, "p", &origin()).article.unwrap();
        assert_eq!(a.title.as_deref(), Some("Main head"));
        assert_eq!(a.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(a.published.unwrap().to_string(), "2022-03-05");
        assert_eq!(a.text, "Main head\n\nBody.");
    }

    #[test]
    fn unreadable_date_warns() {
        let page = r#"<meta name="date" content="the other day"><p>Body.</p>"#;
        let p = parse(page, "p", &origin());
        assert_eq!(p.problems.len(), 1);
        assert!(p.problems[0].message.contains("'the other day'"));
        assert_eq!(p.article.unwrap().published, None);
    }

    #[test]
    fn page_without_text_is_an_error() {
        let p = parse(
            "<html><body><div><img src=x></div></body></html>",
            "p",
            &origin(),
        );
        assert!(p.article.is_none());
        assert!(p.problems[0].is_error());
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        // Deep enough to overflow a recursive walk on a 2 MiB test thread; not deeper, as
        // html5ever's own parsing time grows with the square of the nesting depth.
        let page = format!("{}<p>deep</p>", "<div>".repeat(10_000));
        let p = parse(&page, "p", &origin());
        assert!(p.article.unwrap().text.contains("deep"));
    }
}
