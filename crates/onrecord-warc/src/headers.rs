//! Named header fields as WARC and HTTP both write them: `Name: value` lines, kept in order,
//! looked up without regard to case, repeated names kept (a response can have several
//! `Set-Cookie`, a WARC record several `WARC-Concurrent-To`).

use std::fmt;

/// Ordered header fields with case-insensitive lookup.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Headers {
    fields: Vec<(String, String)>,
}

impl Headers {
    pub fn new() -> Self {
        Headers::default()
    }

    /// The first value of the field `name` (any case).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of the field `name` (any case), in order.
    pub fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.fields
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// All fields in order, names as written.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.fields.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    pub fn len(&self) -> usize {
        self.fields.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Adds a field at the end.
    pub fn push(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.fields.push((name.into(), value.into()));
    }

    /// Adds one raw header line (without its line ending). A line starting with a space or
    /// tab continues the previous field (obsolete folding, still met in old archives).
    pub(crate) fn push_line(&mut self, line: &[u8]) -> Result<(), String> {
        if matches!(line.first(), Some(b' ' | b'\t')) {
            let Some((_, value)) = self.fields.last_mut() else {
                return Err("continuation line before any field".into());
            };
            let more = text(line);
            let more = more.trim();
            if !more.is_empty() {
                if !value.is_empty() {
                    value.push(' ');
                }
                value.push_str(more);
            }
            return Ok(());
        }
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            return Err(format!("no colon in header line {:?}", shorten(line)));
        };
        let name = &line[..colon];
        if name.is_empty() || !name.iter().all(|&b| is_token_byte(b)) {
            return Err(format!("bad field name in header line {:?}", shorten(line)));
        }
        let name = text(name).into_owned();
        let value = text(&line[colon + 1..]).trim().to_string();
        self.fields.push((name, value));
        Ok(())
    }
}

impl fmt::Debug for Headers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'a> IntoIterator for &'a Headers {
    type Item = (&'a str, &'a str);
    type IntoIter = Box<dyn Iterator<Item = (&'a str, &'a str)> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

/// Header bytes as text: UTF-8 when they are (WARC/1.1 says UTF-8), else ISO-8859-1, byte for
/// character, which is what HTTP/1.x field values historically are and which loses nothing.
pub(crate) fn text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.into(),
        Err(_) => bytes
            .iter()
            .map(|&b| char::from(b))
            .collect::<String>()
            .into(),
    }
}

/// RFC 9110 token characters.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

pub(crate) fn shorten(line: &[u8]) -> String {
    let s = text(&line[..line.len().min(80)]).into_owned();
    if line.len() > 80 {
        s + "…"
    } else {
        s
    }
}

/// A parameter of a `Content-Type`-like value (`text/html; charset="utf-8"` → `utf-8`), by
/// name in any case, quotes removed.
pub(crate) fn parameter<'a>(value: &'a str, name: &str) -> Option<&'a str> {
    value.split(';').skip(1).find_map(|param| {
        let (k, v) = param.split_once('=')?;
        if !k.trim().eq_ignore_ascii_case(name) {
            return None;
        }
        let v = v.trim();
        let v = v
            .strip_prefix('"')
            .map(|v| v.strip_suffix('"').unwrap_or(v))
            .unwrap_or(v);
        (!v.is_empty()).then_some(v)
    })
}

/// The media type of a `Content-Type`-like value, without parameters, trimmed.
pub(crate) fn media_type(value: &str) -> &str {
    value.split(';').next().unwrap_or("").trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_is_case_insensitive_and_keeps_repeats() {
        let mut h = Headers::new();
        h.push_line(b"Set-Cookie: a=1").unwrap();
        h.push_line(b"Content-Type:text/html").unwrap();
        h.push_line(b"set-cookie: b=2 ").unwrap();
        h.push_line(b"\t; Path=/").unwrap();
        assert_eq!(h.get("content-type"), Some("text/html"));
        assert_eq!(
            h.get_all("SET-COOKIE").collect::<Vec<_>>(),
            ["a=1", "b=2 ; Path=/"]
        );
        let names: Vec<&str> = h.iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["Set-Cookie", "Content-Type", "set-cookie"]);
        assert!(h.push_line(b"no colon here").is_err());
        assert!(h.push_line(b"bad name: x").is_err());
        assert!(Headers::new().push_line(b" folded").is_err());
    }

    #[test]
    fn latin1_values_survive() {
        let mut h = Headers::new();
        h.push_line(b"X-Name: Jos\xe9").unwrap();
        assert_eq!(h.get("x-name"), Some("José"));
    }

    #[test]
    fn parameters() {
        let ct = "text/html; Charset=\"ISO-8859-1\"; foo=bar";
        assert_eq!(parameter(ct, "charset"), Some("ISO-8859-1"));
        assert_eq!(parameter(ct, "foo"), Some("bar"));
        assert_eq!(parameter(ct, "x"), None);
        assert_eq!(parameter("text/html;charset=", "charset"), None);
        assert_eq!(media_type(" Text/HTML ; charset=utf-8"), "Text/HTML");
    }
}
