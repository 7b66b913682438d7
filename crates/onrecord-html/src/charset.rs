//! Bytes to text: which character encoding a page is in, and from what evidence.
//!
//! The order is the HTML standard's: a byte-order mark, then the HTTP header, then a
//! `<meta charset>` near the top, then sniffing. One exception, because it is the most common
//! fault on the web: a page labelled with a single-byte encoding (ISO-8859-1, windows-1252)
//! whose bytes are valid UTF-8 with multi-byte characters in them is UTF-8 mislabelled, and
//! reading it as labelled would turn every "é" into "Ã©".

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};
use serde::Serialize;

/// Where the encoding came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CharsetSource {
    Bom,
    Header,
    Meta,
    /// No usable declaration: guessed from the bytes.
    Sniffed,
    /// A declaration contradicted by the bytes (see the module comment).
    Corrected,
    /// The page arrived as text already (a JSONL crawl line).
    Given,
}

/// The encoding a page was read with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Charset {
    /// The WHATWG name (`UTF-8`, `windows-1252`, `Shift_JIS`, …).
    pub name: &'static str,
    pub from: CharsetSource,
    /// Bytes that were invalid in that encoding and became U+FFFD.
    pub replaced: bool,
    /// The label the page or header declared, when it was not followed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared: Option<String>,
}

impl Default for Charset {
    fn default() -> Self {
        Charset::utf8_given()
    }
}

impl Charset {
    pub(crate) fn utf8_given() -> Charset {
        Charset {
            name: "UTF-8",
            from: CharsetSource::Given,
            replaced: false,
            declared: None,
        }
    }

    /// A sentence for the user when the text may not be what the publisher wrote.
    pub(crate) fn warning(&self) -> Option<String> {
        if self.replaced {
            return Some(format!(
                "invalid {} bytes in the page, replaced with U+FFFD",
                self.name
            ));
        }
        match (&self.from, &self.declared) {
            (CharsetSource::Corrected, Some(d)) => Some(format!(
                "the page declares charset '{d}' but its bytes are {}; read as {}",
                self.name, self.name
            )),
            (CharsetSource::Sniffed, Some(d)) => Some(format!(
                "unknown charset '{d}' declared; guessed {} from the bytes",
                self.name
            )),
            _ => None,
        }
    }
}

/// How far into the page a `<meta charset>` is looked for. The standard says 1024 bytes;
/// real pages put a long `<head>` first, so we look further.
const PRESCAN_BYTES: usize = 8 * 1024;

/// Decodes `bytes` to text, choosing the encoding as the module comment says.
pub(crate) fn decode<'a>(bytes: &'a [u8], content_type: Option<&str>) -> (Cow<'a, str>, Charset) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return finish(enc, &bytes[bom_len..], CharsetSource::Bom, None);
    }
    let header = content_type.and_then(charset_param);
    let meta = if header.is_none() {
        meta_charset(&bytes[..bytes.len().min(PRESCAN_BYTES)])
    } else {
        None
    };
    let (label, from) = match (header, meta) {
        (Some(h), _) => (Some(h), CharsetSource::Header),
        (None, Some(m)) => (Some(m), CharsetSource::Meta),
        (None, None) => (None, CharsetSource::Sniffed),
    };
    let declared = label.as_deref().map(|l| {
        // A page in UTF-16 cannot contain an ASCII <meta> saying so: the label is wrong.
        Encoding::for_label(l.as_bytes()).map(Encoding::output_encoding)
    });
    match declared {
        Some(Some(enc)) => {
            if enc != UTF_8 && enc.is_single_byte() && is_utf8_with_multibyte(bytes) {
                return finish(UTF_8, bytes, CharsetSource::Corrected, label);
            }
            if enc == UTF_8 && std::str::from_utf8(bytes).is_err() {
                let guess = sniff(bytes);
                if guess != UTF_8 {
                    return finish(guess, bytes, CharsetSource::Corrected, label);
                }
            }
            finish(enc, bytes, from, None)
        }
        // An unknown label, or none: trust valid UTF-8, else ask the detector.
        Some(None) | None => {
            let enc = if std::str::from_utf8(bytes).is_ok() {
                UTF_8
            } else {
                sniff(bytes)
            };
            finish(enc, bytes, CharsetSource::Sniffed, label)
        }
    }
}

fn finish<'a>(
    enc: &'static Encoding,
    bytes: &'a [u8],
    from: CharsetSource,
    declared: Option<String>,
) -> (Cow<'a, str>, Charset) {
    let (text, replaced) = enc.decode_without_bom_handling(bytes);
    let charset = Charset {
        name: enc.name(),
        from,
        replaced,
        declared,
    };
    (text, charset)
}

fn sniff(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    det.guess(None, true)
}

/// Valid UTF-8 that uses characters beyond ASCII: no single-byte text looks like this by
/// chance, because its high bytes would have to fall into UTF-8's exact sequences.
fn is_utf8_with_multibyte(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

/// `charset` of a `Content-Type` value (`text/html; charset="ISO-8859-1"`).
pub(crate) fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
            .filter(|v| !v.is_empty())
    })
}

/// The charset a `<meta charset=…>` or `<meta http-equiv=Content-Type content=…>` declares
/// in the first bytes of the page.
fn meta_charset(head: &[u8]) -> Option<String> {
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = trim_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_start(rest);
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let len = rest
                    .iter()
                    .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'/' | b' ' | b'>'))
                    .unwrap_or(rest.len());
                if len > 0 {
                    return std::str::from_utf8(&rest[..len]).ok().map(str::to_string);
                }
            }
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_wins_over_meta() {
        let page = "<meta charset=\"utf-8\"><p>caf\u{e9}</p>";
        let bytes = encoding_rs::WINDOWS_1252.encode(page).0;
        let (text, cs) = decode(&bytes, Some("text/html; charset=ISO-8859-1"));
        assert!(text.contains("café"), "{text}");
        assert_eq!(cs.from, CharsetSource::Header);
        assert_eq!(cs.name, "windows-1252");
    }

    #[test]
    fn meta_charset_in_either_form() {
        let bytes = encoding_rs::WINDOWS_1251.encode("<meta http-equiv='Content-Type' content='text/html; charset=windows-1251'><p>Привет, мир</p>").0;
        let (text, cs) = decode(&bytes, None);
        assert!(text.contains("Привет"), "{text}");
        assert_eq!(cs.from, CharsetSource::Meta);
    }

    #[test]
    fn utf8_labelled_latin1_is_read_as_utf8() {
        let page = "<meta charset=iso-8859-1><p>Kalın said the café was open</p>";
        let (text, cs) = decode(page.as_bytes(), None);
        assert!(text.contains("Kalın") && text.contains("café"), "{text}");
        assert_eq!(cs.from, CharsetSource::Corrected);
        assert!(cs.warning().unwrap().contains("iso-8859-1"));
    }

    #[test]
    fn latin1_labelled_utf8_is_sniffed() {
        let page = "<meta charset=utf-8><p>Le ministre a déclaré que la réunion était terminée à Genève.</p>";
        let bytes = encoding_rs::WINDOWS_1252.encode(page).0;
        let (text, cs) = decode(&bytes, None);
        assert!(
            text.contains("déclaré") && text.contains("Genève"),
            "{text}"
        );
        assert_eq!(cs.from, CharsetSource::Corrected);
    }

    #[test]
    fn no_label_sniffs_and_bom_wins() {
        let bytes = encoding_rs::WINDOWS_1252
            .encode("<p>Ce qu'il a déclaré à la presse était très clair, a-t-il ajouté.</p>")
            .0;
        let (text, cs) = decode(&bytes, None);
        assert!(text.contains("déclaré"), "{text}");
        assert_eq!(cs.from, CharsetSource::Sniffed);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice("<meta charset=latin1><p>naïve</p>".as_bytes());
        let (text, cs) = decode(&bom, Some("text/html; charset=latin1"));
        assert!(text.contains("naïve") && !text.starts_with('\u{feff}'));
        assert_eq!(cs.from, CharsetSource::Bom);
    }

    #[test]
    fn unknown_label_falls_back() {
        let (text, cs) = decode(
            "<p>plain</p>".as_bytes(),
            Some("text/html; charset=x-nonsense"),
        );
        assert_eq!(text, "<p>plain</p>");
        assert_eq!(cs.name, "UTF-8");
        assert!(cs.warning().unwrap().contains("x-nonsense"));
    }
}
