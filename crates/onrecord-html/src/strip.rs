//! Page bytes no stage reads, cut before parsing: the insides of `<script>` (but JSON-LD),
//! `<style>` and `<svg>`, and the long values of attributes no stage reads (image sources
//! and `srcset`s, `data-*` blobs, `alt` texts, event handlers, link addresses that lead to no
//! author page: only a link's having one is read). On today's pages they are
//! often most of the bytes — bundled scripts, inline style sheets, icon paths, lazy-loading
//! image lists — and the HTML parser would otherwise tokenize every one of them (attribute
//! values a character at a time) only for the extractor to skip them. The cut keeps the
//! elements and the attributes' names, so the tree is the same but for what was cut.
//!
//! The ends are found as the HTML standard's tokenizer finds them: a script's or a style's
//! content ends at the first `</script` or `</style` followed by white space, `/` or `>`,
//! whatever precedes it; an SVG element ends at the `</svg` that balances it.

use std::borrow::Cow;

use memchr::memmem;

/// The page with the contents of scripts, style sheets and inline SVG removed.
pub(crate) fn strip(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    // Bytes before `copied` are in `out` (or need no copy while `out` is None).
    let mut copied = 0;
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[at..]).map(|p| at + p) {
        at = lt + 1;
        if bytes.get(lt + 1).is_some_and(u8::is_ascii_alphabetic) {
            let (cuts, end) = unread_values(bytes, lt + 1);
            for (from, to) in cuts {
                let out = out.get_or_insert_with(|| String::with_capacity(html.len() / 2));
                out.push_str(&html[copied..from]);
                copied = to;
            }
            // A `<` inside an attribute value (`class="<b data-x=…>"`) opens no tag.
            at = end.max(at);
        }
        let Some((name, tag_end)) = open_tag(bytes, lt) else {
            continue;
        };
        let content_end = match name {
            Heavy::Script => {
                if is_json_ld(&bytes[lt..tag_end]) {
                    at = tag_end;
                    continue;
                }
                close_of(bytes, tag_end, b"</script")
            }
            Heavy::Style => close_of(bytes, tag_end, b"</style"),
            Heavy::Svg => balanced_svg_end(bytes, tag_end),
        };
        let out = out.get_or_insert_with(|| String::with_capacity(html.len() / 2));
        out.push_str(&html[copied..tag_end]);
        copied = content_end;
        at = content_end.max(tag_end);
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut s) => {
            s.push_str(&html[copied..]);
            Cow::Owned(s)
        }
    }
}

/// Values shorter than this are left alone: cutting them saves less than it costs.
const MIN_CUT_VALUE: usize = 24;

/// Whether no stage reads an attribute of this name (see `dom::Attrs` for those read).
fn unread(name: &[u8]) -> bool {
    let starts = |p: &[u8]| name.len() > p.len() && name[..p.len()].eq_ignore_ascii_case(p);
    starts(b"data-")
        || starts(b"on")
        || [
            &b"src"[..],
            b"srcset",
            b"sizes",
            b"alt",
            b"title",
            b"aria-label",
            b"aria-describedby",
            b"aria-controls",
            b"x-data",
            b"poster",
        ]
        .iter()
        .any(|n| name.eq_ignore_ascii_case(n))
}

/// Whether a link's `href` value is read: only whether the link has one, and whether it
/// leads to an author's page (`dom::record_marked`), so any other address can go. A value
/// with character references is kept: `&#47;` could spell an author path.
fn unread_link(name: &[u8], value: &[u8]) -> bool {
    static AUTHOR: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(crate::dom::AUTHOR_PATHS.iter().chain(&["&#", "&sol"]))
                .expect("valid patterns")
        });
    name.eq_ignore_ascii_case(b"href") && !AUTHOR.is_match(value)
}

/// The byte ranges of the long quoted values of unread attributes (quotes kept) in the start
/// tag whose name starts at `from`, and where the tag ends (its `>`), as the HTML tokenizer
/// reads attributes: a name runs to white space, `/`, `=` or `>`; a value is quoted, or runs
/// to white space or `>`. An unquoted value is never cut: the next attribute would become it.
fn unread_values(bytes: &[u8], from: usize) -> (Vec<(usize, usize)>, usize) {
    let mut cuts = Vec::new();
    let n = bytes.len();
    let mut i = from;
    // The tag's name.
    while i < n && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' && bytes[i] != b'/' {
        i += 1;
    }
    let link = bytes[from..i].eq_ignore_ascii_case(b"a");
    loop {
        while i < n && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= n || bytes[i] == b'>' {
            return (cuts, i);
        }
        let name_start = i;
        i += 1; // a name may start with `=`
        while i < n && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'/' | b'=' | b'>') {
            i += 1;
        }
        let name = &bytes[name_start..i];
        while i < n && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= n || bytes[i] != b'=' {
            continue; // no value
        }
        i += 1;
        while i < n && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let Some(p) = memchr::memchr(q, &bytes[i + 1..]) else {
                    return (cuts, n); // unclosed: the tokenizer reads to the end
                };
                let (start, end) = (i + 1, i + 1 + p);
                if end - start >= MIN_CUT_VALUE
                    && (unread(name) || link && unread_link(name, &bytes[start..end]))
                {
                    cuts.push((start, end));
                }
                i = end + 1;
            }
            _ => {
                while i < n && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Heavy {
    Script,
    Style,
    Svg,
}

/// A `<script>`, `<style>` or `<svg>` start tag at `lt`: which, and the byte after its `>`.
fn open_tag(bytes: &[u8], lt: usize) -> Option<(Heavy, usize)> {
    let rest = &bytes[lt + 1..];
    let (name, len) = if starts_ci(rest, b"script") {
        (Heavy::Script, 6)
    } else if starts_ci(rest, b"style") {
        (Heavy::Style, 5)
    } else if starts_ci(rest, b"svg") {
        (Heavy::Svg, 3)
    } else {
        return None;
    };
    // The name must end there: `<scripts>` or `<svgfoo>` are other elements.
    match rest.get(len) {
        Some(b) if b.is_ascii_whitespace() || *b == b'>' || *b == b'/' => {}
        _ => return None,
    }
    let gt = tag_end(bytes, lt + 1 + len)?;
    // A self-closing `<svg/>` has no content.
    if name == Heavy::Svg && bytes[gt - 2] == b'/' {
        return None;
    }
    Some((name, gt))
}

/// The byte after the `>` closing a tag whose attributes start at `from`, quotes respected.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

fn starts_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

/// Where the content that started at `from` ends: at the closing tag (kept), or at the end of
/// the page when there is none.
fn close_of(bytes: &[u8], from: usize, close: &[u8]) -> usize {
    let mut at = from;
    while let Some(p) = memmem::find(&bytes[at..], b"</").map(|p| at + p) {
        let rest = &bytes[p..];
        if starts_ci(rest, close) {
            match rest.get(close.len()) {
                None => return p,
                Some(b) if b.is_ascii_whitespace() || *b == b'>' || *b == b'/' => return p,
                _ => {}
            }
        }
        at = p + 2;
    }
    bytes.len()
}

/// The start of the `</svg>` that closes the SVG element whose content starts at `from`.
fn balanced_svg_end(bytes: &[u8], from: usize) -> usize {
    let mut depth = 1usize;
    let mut at = from;
    while let Some(lt) = memchr::memchr(b'<', &bytes[at..]).map(|p| at + p) {
        let rest = &bytes[lt + 1..];
        if starts_ci(rest, b"/svg") {
            depth -= 1;
            if depth == 0 {
                return lt;
            }
        } else if open_tag(bytes, lt).is_some_and(|(n, _)| n == Heavy::Svg) {
            depth += 1;
        }
        at = lt + 1;
    }
    bytes.len()
}

fn is_json_ld(tag: &[u8]) -> bool {
    memmem::find(&tag.to_ascii_lowercase(), b"ld+json").is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contents_go_elements_stay() {
        let page =
            "<head><STYLE>p{a:b}</style><script type=\"application/ld+json\">{\"a\":1}</script>\
            <script src=x.js></script><script>if (a<b) { s = '</scriptx>'; }</SCRIPT ></head>\
            <body><svg viewBox='0 0 1 1'><svg><path d='M0'/></svg><title>Icon</title></svg>\
            <p>Text <svg/> more</p><scripts>kept</scripts></body>";
        assert_eq!(
            strip(page),
            "<head><STYLE></style><script type=\"application/ld+json\">{\"a\":1}</script>\
            <script src=x.js></script><script></SCRIPT ></head>\
            <body><svg viewBox='0 0 1 1'></svg>\
            <p>Text <svg/> more</p><scripts>kept</scripts></body>"
        );
    }

    #[test]
    fn long_values_of_unread_attributes_go_names_stay() {
        let long = "x".repeat(30);
        let page = format!(
            "<p class='{long}' data-blob=\"{long}\" alt={long} title='short'>\
             <img srcset=\"{long}\" src='{long}'><a class=\"<b data-x='{long}'>\" href=/a>A</a>"
        );
        assert_eq!(
            strip(&page),
            format!(
                "<p class='{long}' data-blob=\"\" alt={long} title='short'>\
                 <img srcset=\"\" src=''><a class=\"<b data-x='{long}'>\" href=/a>A</a>"
            )
        );
        // An unclosed quote runs to the end of the page: nothing is cut.
        let page = format!("<img src=\"{long}");
        assert_eq!(strip(&page), page);
    }

    #[test]
    fn link_addresses_go_but_those_of_author_pages() {
        let page = "<a href=\"https://news.example.org/world/2031/03/07/ferries.html\">F</a>\
                    <A class=x HREF='https://news.example.org/Author/ana-brel'>Ana</A>\
                    <a href=\"https://news.example.org/x&#47;by&#47;ana-brel\">Ana</a>\
                    <link rel=canonical href=\"https://news.example.org/world/2031/ferries\">";
        assert_eq!(
            strip(page),
            "<a href=\"\">F</a>\
             <A class=x HREF='https://news.example.org/Author/ana-brel'>Ana</A>\
             <a href=\"https://news.example.org/x&#47;by&#47;ana-brel\">Ana</a>\
             <link rel=canonical href=\"https://news.example.org/world/2031/ferries\">"
        );
    }

    #[test]
    fn unclosed_and_quoted() {
        assert_eq!(strip("<p>a</p><script>never closed"), "<p>a</p><script>");
        assert_eq!(
            strip("<style data-x='>'>x</style>y"),
            "<style data-x='>'></style>y"
        );
        assert!(matches!(strip("<p>nothing heavy</p>"), Cow::Borrowed(_)));
        assert_eq!(strip("<script"), "<script");
    }
}
