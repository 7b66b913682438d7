//! One walk over the parsed page that records everything the later stages ask about.
//!
//! The walk keeps the visible text of the whole page in one string (`Scan::text`, white space
//! collapsed as a browser would, a line break at every `<br>` and block boundary). Every
//! element then knows its text as a range of that string, and every *block* — a run of text
//! between two block-level boundaries, such as a paragraph, a list item or the loose text of
//! a `<div>` — is a range too, with the element that owns it and its link text counted. The
//! stages after the walk never touch the tree again. The walk is iterative: a page nested a
//! million deep must not overflow the stack.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use crate::hints::{self, Flags};

/// What an element is, as far as extraction cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tag {
    Html,
    Body,
    Heading(u8),
    P,
    Div,
    Article,
    Main,
    Section,
    Header,
    Footer,
    Nav,
    Aside,
    Form,
    Li,
    List,
    Dt,
    Dd,
    Blockquote,
    Pre,
    Table,
    Tr,
    Cell,
    Figure,
    Figcaption,
    Caption,
    A,
    Time,
    Address,
    /// Another block-level element (`center`, `details`, `fieldset`, …).
    OtherBlock,
    /// Any inline element (`span`, `em`, `b`, `font`, …).
    Inline,
}

impl Tag {
    fn of(name: &str) -> Tag {
        match name {
            "html" => Tag::Html,
            "body" => Tag::Body,
            "h1" => Tag::Heading(1),
            "h2" => Tag::Heading(2),
            "h3" => Tag::Heading(3),
            "h4" => Tag::Heading(4),
            "h5" => Tag::Heading(5),
            "h6" => Tag::Heading(6),
            "p" => Tag::P,
            "div" => Tag::Div,
            "article" => Tag::Article,
            "main" => Tag::Main,
            "section" => Tag::Section,
            "header" | "hgroup" => Tag::Header,
            "footer" => Tag::Footer,
            "nav" | "menu" => Tag::Nav,
            "aside" => Tag::Aside,
            "form" => Tag::Form,
            "li" => Tag::Li,
            "ul" | "ol" | "dl" => Tag::List,
            "dt" => Tag::Dt,
            "dd" => Tag::Dd,
            "blockquote" => Tag::Blockquote,
            "pre" => Tag::Pre,
            "table" | "tbody" | "thead" | "tfoot" => Tag::Table,
            "tr" => Tag::Tr,
            "td" | "th" => Tag::Cell,
            "figure" => Tag::Figure,
            "figcaption" => Tag::Figcaption,
            "caption" => Tag::Caption,
            "a" => Tag::A,
            "time" => Tag::Time,
            "address" => Tag::Address,
            "center" | "details" | "summary" | "dialog" | "fieldset" | "legend" | "hr"
            | "noframes" | "frameset" | "search" => Tag::OtherBlock,
            _ => Tag::Inline,
        }
    }

    pub(crate) fn is_block(self) -> bool {
        !matches!(self, Tag::Inline | Tag::A | Tag::Time)
    }
}

/// Elements whose content is never text a reader sees.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "canvas"
            | "iframe"
            | "object"
            | "embed"
            | "select"
            | "option"
            | "datalist"
            | "button"
            | "input"
            | "textarea"
            | "title"
            | "audio"
            | "video"
            | "map"
            | "dialog"
    )
}

/// One element the walk kept (skipped and hidden ones are not kept, nor their content).
#[derive(Clone, Debug)]
pub(crate) struct El {
    /// Index of the parent element; `NONE` for the root.
    pub parent: u32,
    pub tag: Tag,
    pub flags: Flags,
    /// Depth below the root element.
    pub depth: u32,
    /// The element's text: `Scan::text[text.0..text.1]`.
    pub text: (u32, u32),
    /// The blocks inside the element: `Scan::blocks[blocks.0..blocks.1]`.
    pub blocks: (u32, u32),
    /// One past the element's last descendant: its subtree is `els[index..end]`.
    pub end: u32,
    /// The element in the parsed tree, for explanations.
    pub node: ego_tree::NodeId,
}

pub(crate) const NONE: u32 = u32::MAX;

/// What a block is, from the element that holds it and the elements around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Paragraph,
    Heading(u8),
    Item,
    Quote,
    Cell,
    Pre,
    Caption,
}

/// A run of text between block boundaries.
#[derive(Clone, Debug)]
pub(crate) struct TextBlock {
    /// The nearest block-level element around the run.
    pub owner: u32,
    pub kind: Kind,
    pub range: (u32, u32),
    /// Characters (not bytes) of text, spaces not counted.
    pub chars: u32,
    /// … of which inside links.
    pub link_chars: u32,
    /// The table row a cell belongs to, so a row can be read as one line.
    pub row: u32,
}

/// An element with an `itemprop`, or a `<time>`, or a `<meta>`: places dates and names live.
#[derive(Clone, Debug)]
pub(crate) struct Marked {
    pub el: u32,
    /// `itemprop` (lower case), or `time` for a `<time>` element.
    pub what: String,
    /// The machine-readable value: `content`, `datetime` or `href`.
    pub value: Option<String>,
    /// `<time pubdate>`.
    pub pubdate: bool,
    /// A `<time>` whose class names it the time of a change and not of publication
    /// (`class="updated"`, `last-modified`: the hAtom and WordPress names).
    pub updated: bool,
}

/// Everything the extraction stages read.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    pub text: String,
    pub els: Vec<El>,
    pub blocks: Vec<TextBlock>,
    /// `<meta>` keys (`property`, `name`, `itemprop` or `http-equiv`, lower case) and content.
    pub metas: Vec<(String, String)>,
    /// Which of `metas` are microdata (`<meta itemprop=… content=…>`), by index.
    pub itemprop_metas: Vec<u32>,
    pub title_tag: Option<String>,
    pub canonical: Option<String>,
    pub html_lang: Option<String>,
    /// The texts of `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    pub marked: Vec<Marked>,
    /// Elements that are author links (`rel=author`, `/author/` addresses).
    pub author_links: Vec<u32>,
    /// White space seen and not yet written (see `push_text`).
    pending_space: bool,
}

impl Scan {
    pub(crate) fn el_text(&self, el: u32) -> &str {
        let (a, b) = self.els[el as usize].text;
        self.text[a as usize..b as usize].trim()
    }

    pub(crate) fn block_text(&self, b: &TextBlock) -> &str {
        self.text[b.range.0 as usize..b.range.1 as usize].trim()
    }

    /// The first `<meta>` with this key (lower case), non-empty.
    pub(crate) fn meta(&self, key: &str) -> Option<&str> {
        self.metas
            .iter()
            .find(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }

    /// The first `<meta>` with this key (lower case), non-empty, that is not microdata: a tag
    /// of the kind a CMS writes into the page's head.
    pub(crate) fn head_meta(&self, key: &str) -> Option<&str> {
        self.metas
            .iter()
            .enumerate()
            .find(|(i, (k, v))| {
                k == key && !v.trim().is_empty() && !self.itemprop_metas.contains(&(*i as u32))
            })
            .map(|(_, (_, v))| v.trim())
    }

    /// Whether `anc` is `el` or one of its ancestors.
    pub(crate) fn contains(&self, anc: u32, el: u32) -> bool {
        let mut e = el;
        while e != NONE {
            if e == anc {
                return true;
            }
            if self.els[e as usize].depth <= self.els[anc as usize].depth {
                return false;
            }
            e = self.els[e as usize].parent;
        }
        false
    }
}

struct Frame {
    el: u32,
    block: bool,
    /// An `<a href>`: its text is link text.
    link: bool,
}

/// The attributes extraction reads, gathered in one pass over an element's attributes
/// (looking each up by name would intern the name every time: most of the walk's cost).
#[derive(Default)]
pub(crate) struct Attrs<'a> {
    pub class: Option<&'a str>,
    pub id: Option<&'a str>,
    pub role: Option<&'a str>,
    pub itemprop: Option<&'a str>,
    pub hidden: bool,
    pub aria_hidden: Option<&'a str>,
    pub style: Option<&'a str>,
    pub href: Option<&'a str>,
    pub rel: Option<&'a str>,
    pub content: Option<&'a str>,
    pub datetime: Option<&'a str>,
    pub pubdate: bool,
    pub value: Option<&'a str>,
    pub start: Option<&'a str>,
}

impl<'a> Attrs<'a> {
    fn of(e: &'a scraper::node::Element) -> Attrs<'a> {
        let mut a = Attrs::default();
        for (name, value) in e.attrs() {
            match name {
                "class" => a.class = Some(value),
                "id" => a.id = Some(value),
                "role" => a.role = Some(value),
                "itemprop" => a.itemprop = Some(value),
                "hidden" => a.hidden = true,
                "aria-hidden" => a.aria_hidden = Some(value),
                "style" => a.style = Some(value),
                "href" => a.href = Some(value),
                "rel" => a.rel = Some(value),
                "content" => a.content = Some(value),
                "datetime" => a.datetime = Some(value),
                "pubdate" => a.pubdate = true,
                "value" => a.value = Some(value),
                "start" => a.start = Some(value),
                _ => {}
            }
        }
        a
    }
}

/// Walks the parsed page once (see the module comment).
pub(crate) fn scan(doc: &Html) -> Scan {
    let mut w = Walker::default();
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => w.open(node.id(), e),
                Node::Text(t) => w.text(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    w.close(e);
                }
            }
        }
    }
    w.s
}

/// How many of each context a run of text is inside, for the kind of its block.
#[derive(Default)]
struct Inside {
    links: usize,
    quotes: usize,
    captions: usize,
    items: usize,
    cells: usize,
}

/// The run of text since the last block boundary.
#[derive(Default)]
struct Run {
    start: usize,
    chars: u32,
    links: u32,
}

/// The walk's state between two edges of the tree.
#[derive(Default)]
struct Walker {
    s: Scan,
    /// The flags of the class and id tokens seen so far.
    tokens: hints::TokenFlags,
    stack: Vec<Frame>,
    /// Depth inside a skipped element; 0 = reading.
    skip: usize,
    /// The text of the JSON-LD script or `<title>` being read, while skipping it.
    json_ld: Option<String>,
    title: Option<String>,
    in_body: bool,
    inside: Inside,
    /// Open table rows, innermost last.
    rows: Vec<u32>,
    /// Open lists: for an `<ol>`, the number of its next item; `None` for other lists.
    lists: Vec<Option<i64>>,
    run: Run,
}

impl Walker {
    fn open(&mut self, node: ego_tree::NodeId, e: &scraper::node::Element) {
        let name = e.name();
        if self.skip > 0 {
            self.skip += 1;
            return;
        }
        match name {
            "meta" => return record_meta(&mut self.s, e),
            "link" => {
                let rel = e.attr("rel").unwrap_or("");
                if self.s.canonical.is_none()
                    && rel
                        .split_ascii_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                {
                    self.s.canonical = e.attr("href").map(|h| h.trim().to_string());
                }
                return;
            }
            "html" if self.s.html_lang.is_none() => {
                self.s.html_lang = e
                    .attr("lang")
                    .or_else(|| e.attr("xml:lang"))
                    .map(|l| l.trim().to_string())
                    .filter(|l| !l.is_empty());
            }
            "title" if self.s.title_tag.is_none() && !self.in_body => {
                self.title = Some(String::new());
                self.skip = 1;
                return;
            }
            "body" => self.in_body = true,
            "script" => {
                let ty = e.attr("type").unwrap_or("");
                if ty.trim().eq_ignore_ascii_case("application/ld+json") {
                    self.json_ld = Some(String::new());
                }
                self.skip = 1;
                return;
            }
            _ => {}
        }
        if is_skipped(name) {
            self.skip = 1;
            return;
        }
        let tag = Tag::of(name);
        let block = tag.is_block();
        let attrs = Attrs::of(e);
        if block {
            self.flush();
        }
        let s = &mut self.s;
        let flags = hints::classify(tag, &attrs, &mut self.tokens);
        let idx = s.els.len() as u32;
        s.els.push(El {
            parent: self.stack.last().map_or(NONE, |f| f.el),
            tag,
            flags,
            depth: self.stack.len() as u32,
            text: (s.text.len() as u32, 0),
            blocks: (s.blocks.len() as u32, 0),
            end: 0,
            node,
        });
        record_marked(s, idx, tag, &attrs);
        let link = tag == Tag::A && attrs.href.is_some();
        self.count(tag, flags, link, true);
        match tag {
            Tag::Li | Tag::Dd | Tag::Dt => {
                // An ordered list's item shows its number, as a browser draws it.
                if let Some(Some(next)) = self.lists.last_mut() {
                    if let Some(v) = attrs.value.and_then(|v| v.trim().parse().ok()) {
                        *next = v;
                    }
                    let marker = format!("{next}. ");
                    *next += 1;
                    push_text(&mut self.s, &marker);
                }
            }
            Tag::List => self.lists.push(
                (name == "ol")
                    .then(|| attrs.start.and_then(|v| v.trim().parse().ok()).unwrap_or(1)),
            ),
            Tag::Tr => self.rows.push(idx),
            _ => {}
        }
        if name == "br" {
            push_break(&mut self.s);
        }
        self.stack.push(Frame {
            el: idx,
            block,
            link,
        });
    }

    fn text(&mut self, t: &str) {
        if self.skip > 0 {
            if let Some(buf) = self.json_ld.as_mut().or(self.title.as_mut()) {
                buf.push_str(t);
            }
            return;
        }
        if self.stack.is_empty() {
            return;
        }
        let n = push_text(&mut self.s, t);
        self.run.chars += n;
        if self.inside.links > 0 {
            self.run.links += n;
        }
    }

    fn close(&mut self, e: &scraper::node::Element) {
        if self.skip > 0 {
            self.skip -= 1;
            if self.skip == 0 {
                if let Some(buf) = self.json_ld.take() {
                    self.s.json_ld.push(buf);
                }
                if let Some(buf) = self.title.take() {
                    self.s.title_tag = Some(collapse(&buf)).filter(|t| !t.is_empty());
                }
            }
            return;
        }
        if matches!(e.name(), "meta" | "link") {
            return;
        }
        let Some(&Frame {
            el: idx,
            block,
            link,
        }) = self.stack.last()
        else {
            return;
        };
        if block {
            self.flush();
        }
        let (tag, flags) = {
            let el = &self.s.els[idx as usize];
            (el.tag, el.flags)
        };
        self.count(tag, flags, link, false);
        match tag {
            Tag::List => {
                self.lists.pop();
            }
            Tag::Tr => {
                self.rows.pop();
            }
            _ => {}
        }
        let (text_end, blocks_end) = (self.s.text.len() as u32, self.s.blocks.len() as u32);
        self.stack.pop();
        let end = self.s.els.len() as u32;
        let el = &mut self.s.els[idx as usize];
        el.text.1 = text_end;
        el.blocks.1 = blocks_end;
        el.end = end;
    }

    /// Counts an element in or out of the contexts that decide a block's kind.
    fn count(&mut self, tag: Tag, flags: Flags, link: bool, entering: bool) {
        let step = |n: &mut usize| {
            *n = if entering {
                *n + 1
            } else {
                n.saturating_sub(1)
            };
        };
        let inside = &mut self.inside;
        match tag {
            Tag::A if link => step(&mut inside.links),
            Tag::Blockquote => step(&mut inside.quotes),
            Tag::Figcaption | Tag::Caption => step(&mut inside.captions),
            Tag::Li | Tag::Dd | Tag::Dt => step(&mut inside.items),
            Tag::Cell => step(&mut inside.cells),
            _ => {}
        }
        if flags.contains(Flags::CAPTION) {
            step(&mut inside.captions);
        }
    }

    /// Ends the current run of text as a block owned by the innermost open block element.
    fn flush(&mut self) {
        let s = &mut self.s;
        if self.run.chars > 0 {
            let owner = self
                .stack
                .iter()
                .rev()
                .find(|f| f.block)
                .map_or(NONE, |f| f.el);
            if owner != NONE {
                let inside = &self.inside;
                let kind = match s.els[owner as usize].tag {
                    Tag::Heading(l) => Kind::Heading(l),
                    _ if inside.captions > 0 => Kind::Caption,
                    Tag::Pre => Kind::Pre,
                    _ if inside.quotes > 0 => Kind::Quote,
                    _ if inside.cells > 0 => Kind::Cell,
                    _ if inside.items > 0 => Kind::Item,
                    _ => Kind::Paragraph,
                };
                let row = match kind {
                    Kind::Cell => self.rows.last().copied().unwrap_or(NONE),
                    _ => NONE,
                };
                s.blocks.push(TextBlock {
                    owner,
                    kind,
                    range: (self.run.start as u32, s.text.len() as u32),
                    chars: self.run.chars,
                    link_chars: self.run.links,
                    row,
                });
            }
        }
        push_break(s);
        self.run = Run {
            start: s.text.len(),
            ..Run::default()
        };
    }
}

/// A line break, unless the text already ends with one (or is empty). A pending space is
/// dropped: no line ends with a space, so a range recorded now stays valid.
fn push_break(s: &mut Scan) {
    s.pending_space = false;
    if !s.text.is_empty() && !s.text.ends_with('\n') {
        s.text.push('\n');
    }
}

/// Appends a text node with white space collapsed as a browser does; returns the number of
/// non-space characters appended. A space is written only when a word follows it.
fn push_text(s: &mut Scan, t: &str) -> u32 {
    let mut n = 0;
    for c in t.chars() {
        if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
            s.pending_space = true;
        } else {
            if s.pending_space && !s.text.is_empty() && !s.text.ends_with('\n') {
                s.text.push(' ');
            }
            s.pending_space = false;
            s.text.push(c);
            n += 1;
        }
    }
    n
}

pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn record_meta(s: &mut Scan, e: &scraper::node::Element) {
    let Some(content) = e.attr("content") else {
        return;
    };
    for key in ["property", "name", "itemprop", "http-equiv"] {
        if let Some(k) = e.attr(key) {
            let k = k.trim().to_ascii_lowercase();
            if !k.is_empty() {
                if key == "itemprop" {
                    s.itemprop_metas.push(s.metas.len() as u32);
                }
                s.metas.push((k, content.to_string()));
            }
        }
    }
}

/// Whether class names call an element the time of a change (`updated`, `date-modified`)
/// and not that of publication (WordPress writes `entry-date published updated` on a post
/// never changed).
fn names_an_update(class: &str) -> bool {
    let words = || {
        class
            .split(|c: char| !c.is_ascii_alphanumeric())
            .map(|w| w.to_ascii_lowercase())
    };
    words().any(|w| matches!(w.as_str(), "updated" | "modified" | "update" | "lastmod"))
        && !words().any(|w| matches!(w.as_str(), "published" | "publish" | "pubdate" | "posted"))
}

/// Paths of the pages about a writer: a link to one is an author link.
pub(crate) const AUTHOR_PATHS: &[&str] = &[
    "/author/",
    "/authors/",
    "/by/",
    "/profile/",
    "/people/",
    "/staff/",
];

fn record_marked(s: &mut Scan, idx: u32, tag: Tag, a: &Attrs<'_>) {
    if let Some(prop) = a.itemprop {
        for p in prop.split_ascii_whitespace() {
            s.marked.push(Marked {
                el: idx,
                what: p.to_ascii_lowercase(),
                value: a.content.or(a.datetime).map(str::to_string),
                pubdate: false,
                updated: false,
            });
        }
    }
    if tag == Tag::Time {
        s.marked.push(Marked {
            el: idx,
            what: "time".to_string(),
            value: a.datetime.map(str::to_string),
            pubdate: a.pubdate,
            updated: a.class.is_some_and(names_an_update),
        });
    }
    if tag == Tag::A {
        let rel_author = a.rel.is_some_and(|r| {
            r.split_ascii_whitespace()
                .any(|x| x.eq_ignore_ascii_case("author"))
        });
        let href_author = a.href.is_some_and(|h| {
            let h = h.to_ascii_lowercase();
            AUTHOR_PATHS.iter().any(|p| h.contains(p))
        });
        if rel_author || href_author {
            s.author_links.push(idx);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_of(html: &str) -> Scan {
        scan(&Html::parse_document(html))
    }

    #[test]
    fn blocks_and_kinds() {
        let s = scan_of(
            "<html><head><title>T | Site</title><meta property=og:title content=' OG '></head>\
             <body><div>Loose <b>text</b><p>A <a href=/x>link</a> here.</p>tail\
             <ul><li>one</li></ul><blockquote><p>quoted</p></blockquote>\
             <figure><img src=x><figcaption>A caption</figcaption></figure>\
             <script>var x = 1;</script><h2>Sub</h2></div></body></html>",
        );
        let got: Vec<(&str, Kind)> = s.blocks.iter().map(|b| (s.block_text(b), b.kind)).collect();
        assert_eq!(
            got,
            vec![
                ("Loose text", Kind::Paragraph),
                ("A link here.", Kind::Paragraph),
                ("tail", Kind::Paragraph),
                ("one", Kind::Item),
                ("quoted", Kind::Quote),
                ("A caption", Kind::Caption),
                ("Sub", Kind::Heading(2)),
            ]
        );
        assert_eq!(s.blocks[1].link_chars, 4);
        assert_eq!(s.title_tag.as_deref(), Some("T | Site"));
        assert_eq!(s.meta("og:title"), Some("OG"));
        assert!(!s.text.contains("var x"));
    }

    #[test]
    fn hidden_and_json_ld() {
        let s = scan_of(
            "<body><p hidden>secret</p><p style='display: none'>gone</p>\
             <script type='application/ld+json'>{\"a\":1}</script><p>seen</p></body>",
        );
        assert_eq!(s.json_ld, vec!["{\"a\":1}".to_string()]);
        // Hidden parts are kept, marked: a streamed page hides its article until a script runs.
        let hidden: Vec<&str> = s
            .blocks
            .iter()
            .filter(|b| s.els[b.owner as usize].flags.contains(Flags::HIDDEN))
            .map(|b| s.block_text(b))
            .collect();
        assert_eq!(hidden, vec!["secret", "gone"]);
    }

    #[test]
    fn deep_nesting_is_fine() {
        let html = "<div>".repeat(10_000) + "deep text" + &"</div>".repeat(10_000);
        let s = scan_of(&html);
        assert_eq!(s.text.trim(), "deep text");
    }
}
