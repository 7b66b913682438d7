//! XML helpers shared by the sitemap reader and the feed check: what the root element is,
//! whether a document is well-formed, and where (line, column) a problem sits.

use quick_xml::errors::Error as XmlError;
use quick_xml::events::{BytesRef, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use quick_xml::Reader;

/// A problem in an XML document, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct XmlProblem {
    pub what: String,
    pub offset: u64,
    pub line: usize,
    pub column: usize,
    /// The reader could not decode the text (not UTF-8); a decoder that honours the declared
    /// encoding may still read it.
    pub encoding: bool,
}

impl XmlProblem {
    pub(crate) fn at(bytes: &[u8], offset: u64, what: String) -> XmlProblem {
        let (line, column) = line_column(bytes, offset);
        XmlProblem {
            what,
            offset,
            line,
            column,
            encoding: false,
        }
    }

    pub(crate) fn from_error(bytes: &[u8], offset: u64, error: &XmlError) -> XmlProblem {
        let mut problem = XmlProblem::at(bytes, offset, error.to_string());
        problem.encoding = matches!(error, XmlError::Encoding(_));
        problem
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_column(bytes: &[u8], offset: u64) -> (usize, usize) {
    let offset = (offset as usize).min(bytes.len());
    let before = &bytes[..offset];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// The document's first element: its namespace URI (if bound) and local name. `html` means an
/// HTML doctype or `<html>` root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Root {
    Html,
    Element {
        namespace: Option<String>,
        local: String,
    },
    /// No element before the end or a syntax error.
    None(Option<XmlProblem>),
}

pub(crate) fn sniff_root(bytes: &[u8]) -> Root {
    let mut reader = NsReader::from_reader(bytes);
    loop {
        match reader.read_resolved_event() {
            Ok((ns, Event::Start(e))) | Ok((ns, Event::Empty(e))) => {
                let namespace = match ns {
                    ResolveResult::Bound(n) => Some(n.into_inner().to_string()),
                    _ => None,
                };
                let local = e.local_name().into_inner().to_string();
                if local.eq_ignore_ascii_case("html") {
                    return Root::Html;
                }
                return Root::Element { namespace, local };
            }
            Ok((_, Event::DocType(d))) => {
                if d.trim_start()
                    .get(..4)
                    .is_some_and(|w| w.eq_ignore_ascii_case("html"))
                {
                    return Root::Html;
                }
            }
            Ok((_, Event::Eof)) => return Root::None(None),
            Ok(_) => {}
            Err(e) => {
                let problem = XmlProblem::from_error(bytes, reader.error_position(), &e);
                return Root::None(Some(problem));
            }
        }
    }
}

/// Checks that the document is well-formed: tags balanced and properly nested, the root closed
/// before the end, markup and references valid. The first problem is reported with its
/// position, so a truncated or hand-broken feed is an error rather than a shorter feed.
pub(crate) fn check_well_formed(bytes: &[u8]) -> Result<(), XmlProblem> {
    let mut reader = Reader::from_reader(bytes);
    let mut open: Vec<(String, u64)> = Vec::new();
    let mut seen_root = false;
    loop {
        let before = reader.buffer_position();
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                if open.is_empty() && seen_root {
                    return Err(XmlProblem::at(
                        bytes,
                        before,
                        "a second root element".into(),
                    ));
                }
                seen_root = true;
                open.push((e.name().into_inner().to_string(), before));
            }
            Ok(Event::Empty(_)) => {
                if open.is_empty() && seen_root {
                    return Err(XmlProblem::at(
                        bytes,
                        before,
                        "a second root element".into(),
                    ));
                }
                seen_root = true;
            }
            Ok(Event::End(_)) => {
                // quick-xml has already checked that the name matches the open tag.
                open.pop();
            }
            Ok(Event::GeneralRef(r)) => {
                if let Err(what) = resolve_reference(&r) {
                    return Err(XmlProblem::at(bytes, before, what));
                }
            }
            Ok(Event::Eof) => {
                return match open.last() {
                    Some((name, at)) => {
                        let (line, column) = line_column(bytes, *at);
                        Err(XmlProblem::at(
                            bytes,
                            bytes.len() as u64,
                            format!("the document ends before <{name}> (opened at line {line}, column {column}) is closed"),
                        ))
                    }
                    None if !seen_root => Err(XmlProblem::at(bytes, 0, "no root element".into())),
                    None => Ok(()),
                };
            }
            Ok(_) => {}
            Err(e) => return Err(XmlProblem::from_error(bytes, reader.error_position(), &e)),
        }
    }
}

/// The text of a character or predefined entity reference. Other named entities (HTML's
/// `&nbsp;`, declared ones) are kept as written: we read no DTDs.
pub(crate) fn resolve_reference(r: &BytesRef<'_>) -> Result<String, String> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => return Ok(c.to_string()),
        Ok(None) => {}
        Err(e) => return Err(format!("bad character reference &{};: {e}", &**r)),
    }
    Ok(match &**r {
        "amp" => "&".into(),
        "lt" => "<".into(),
        "gt" => ">".into(),
        "quot" => "\"".into(),
        "apos" => "'".into(),
        other => format!("&{other};"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_lines_and_character_columns() {
        let text = "ab\ncdé\nf".as_bytes();
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, 7), (2, 4), "é is one column");
    }

    #[test]
    fn roots_are_sniffed_by_namespace() {
        let root = sniff_root(b"<?xml version='1.0'?><!-- c --><s:urlset xmlns:s='http://www.sitemaps.org/schemas/sitemap/0.9'/>");
        assert_eq!(
            root,
            Root::Element {
                namespace: Some("http://www.sitemaps.org/schemas/sitemap/0.9".into()),
                local: "urlset".into()
            }
        );
        assert_eq!(sniff_root(b"<!DOCTYPE html><html><head>"), Root::Html);
        assert_eq!(sniff_root(b"\n<HTML lang=en>"), Root::Html);
    }

    #[test]
    fn broken_documents_are_located() {
        let e = check_well_formed(b"<rss>\n<channel>\n<item></channel>\n</rss>").unwrap_err();
        assert_eq!(e.line, 3, "{e:?}");
        let e = check_well_formed(b"<rss>\n<channel>\n<item>").unwrap_err();
        assert!(
            e.what.contains("<item>") && e.what.contains("line 3"),
            "{e:?}"
        );
        assert!(check_well_formed(b"<a>x &amp; y &#233;</a>").is_ok());
        assert!(check_well_formed(b"").is_err());
    }
}
