//! JSON Lines: one article per line, read one line at a time so a file of any size costs
//! memory for one line only.
//!
//! Fields: `id`, `text` (required), `published`, `outlet`, `title`, `url`, `language`.
//! Anything else (`attributions`, `timexes`, … as in the annotated-corpus format) is ignored,
//! so gold files can be read as input directly.
//!
//! A crawl line carries a raw page instead of `text`: `{"id", "url", "html", "fetched"}`
//! (`fetched` optional, RFC 3339). The page goes through the page extractor; fields the line
//! states itself (`title`, `published`, `outlet`) win over what the page says.

use std::collections::VecDeque;
use std::io::{self, BufRead, Read};

use onrecord_core::{Article, Origin};
use serde_json::{Map, Value};

use crate::decode::{self, human_size};
use crate::txt::{shorten, Parsed};
use crate::{date, Pending, Problem};

/// Reads a JSONL source line by line, turning each line into items.
pub(crate) struct JsonlStream {
    reader: Box<dyn BufRead + Send>,
    path: String,
    stem: String,
    max_line: u64,
    line: usize,
    records: usize,
    buf: Vec<u8>,
}

enum Line {
    Eof,
    Text,
    TooLong(u64),
}

impl JsonlStream {
    pub(crate) fn new(
        reader: Box<dyn BufRead + Send>,
        path: String,
        stem: String,
        max_line: u64,
    ) -> JsonlStream {
        JsonlStream {
            reader,
            path,
            stem,
            max_line,
            line: 0,
            records: 0,
            buf: Vec::new(),
        }
    }

    fn origin(&self, line: Option<usize>) -> Origin {
        Origin {
            path: self.path.clone(),
            line,
            offset: None,
        }
    }

    /// Reads lines until one produces steps (pushed onto `out`). Returns false when the
    /// stream is finished.
    pub(crate) fn fill(&mut self, out: &mut VecDeque<Pending>) -> bool {
        loop {
            let line = match self.read_line() {
                Ok(l) => l,
                Err(e) => {
                    out.push_back(Pending::from(Problem::error(
                        self.origin(Some(self.line + 1)),
                        format!(
                            "read failed: {}; rest of the file skipped",
                            decode::os_reason(&e)
                        ),
                    )));
                    return false;
                }
            };
            match line {
                Line::Eof => {
                    if self.records == 0 {
                        let what = if self.line == 0 {
                            "file is empty"
                        } else {
                            "file holds only blank lines, no articles"
                        };
                        let what = if self.path == "-" {
                            what.replacen("file", "input", 1)
                        } else {
                            what.to_string()
                        };
                        out.push_back(Pending::from(Problem::error(self.origin(None), what)));
                    }
                    return false;
                }
                Line::TooLong(n) => {
                    self.line += 1;
                    self.records += 1;
                    out.push_back(Pending::from(Problem::error(
                        self.origin(Some(self.line)),
                        format!(
                            "line is {}, larger than the {} limit for one article; skipped",
                            human_size(n),
                            human_size(self.max_line)
                        ),
                    )));
                    return true;
                }
                Line::Text => {
                    self.line += 1;
                    let mut bytes = &self.buf[..];
                    if self.line == 1 {
                        bytes = bytes.strip_prefix(decode::UTF8_BOM).unwrap_or(bytes);
                    }
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    self.records += 1;
                    let origin = self.origin(Some(self.line));
                    let (text, bad_utf8) = decode::decode(bytes);
                    if let Some(w) = bad_utf8 {
                        out.push_back(Pending::from(Problem::warning(origin.clone(), w)));
                    }
                    // parsed (and a crawl line's page extracted) by `Pending::extract`, on
                    // whichever thread the caller runs it
                    out.push_back(Pending::json_line(
                        text.into_owned(),
                        self.stem.clone(),
                        origin,
                    ));
                    return true;
                }
            }
        }
    }

    /// Reads one line into `self.buf` (without its line ending), never holding more than
    /// `max_line` bytes of it.
    fn read_line(&mut self) -> io::Result<Line> {
        self.buf.clear();
        let n = (&mut self.reader)
            .take(self.max_line.saturating_add(1))
            .read_until(b'\n', &mut self.buf)?;
        if n == 0 {
            return Ok(Line::Eof);
        }
        if self.buf.last() == Some(&b'\n') {
            self.buf.pop();
            if self.buf.last() == Some(&b'\r') {
                self.buf.pop();
            }
            return Ok(Line::Text);
        }
        if (self.buf.len() as u64) <= self.max_line {
            return Ok(Line::Text); // last line, without a newline
        }
        // Too long: skip to the end of the line without keeping it.
        let mut total = self.buf.len() as u64;
        self.buf = Vec::new();
        loop {
            let avail = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                return Ok(Line::TooLong(total));
            }
            match avail.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    total += i as u64;
                    self.reader.consume(i + 1);
                    return Ok(Line::TooLong(total));
                }
                None => {
                    let len = avail.len();
                    total += len as u64;
                    self.reader.consume(len);
                }
            }
        }
    }
}

/// One JSONL line (already known not to be blank) into an article and its problems.
pub(crate) fn parse_line(line: &str, stem: &str, origin: &Origin) -> Parsed {
    let mut out = Parsed::default();
    let value: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => {
            out.problems.push(Problem::error(
                origin.clone(),
                format!("invalid JSON: {}", json_error(&e)),
            ));
            return out;
        }
    };
    let Value::Object(obj) = value else {
        out.problems.push(Problem::error(
            origin.clone(),
            format!(
                "expected a JSON object with a \"text\" field, found {}",
                type_name(&value)
            ),
        ));
        return out;
    };
    let text = match obj.get("text") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::String(_)) => {
            out.problems.push(Problem::error(
                origin.clone(),
                "field \"text\" is empty; no article",
            ));
            return out;
        }
        Some(other) => {
            out.problems.push(Problem::error(
                origin.clone(),
                format!(
                    "field \"text\" must be a string, found {}",
                    type_name(other)
                ),
            ));
            return out;
        }
        None => match obj.get("html") {
            Some(Value::String(html)) if !html.trim().is_empty() => {
                return crawl_line(&obj, html, stem, origin);
            }
            Some(Value::String(_)) => {
                out.problems.push(Problem::error(
                    origin.clone(),
                    "field \"html\" is empty; no article",
                ));
                return out;
            }
            Some(other) => {
                out.problems.push(Problem::error(
                    origin.clone(),
                    format!(
                        "field \"html\" must be a string, found {}",
                        type_name(other)
                    ),
                ));
                return out;
            }
            None => {
                out.problems.push(Problem::error(
                    origin.clone(),
                    "missing field \"text\" (the article text) or \"html\" (a crawled page); no article",
                ));
                return out;
            }
        },
    };
    let id = line_id(&obj, stem, origin, &mut out.problems);
    let published = published_field(&obj, origin, &mut out.problems);
    let mut opt = |field: &str| optional_string(&obj, field, origin, &mut out.problems);
    let outlet = opt("outlet");
    let title = opt("title");
    let url = opt("url");
    let language = opt("language");
    out.article = Some(Article {
        id,
        text,
        title,
        published,
        outlet,
        url,
        origin: origin.clone(),
        language,
        ..Article::default()
    });
    out
}

/// A crawl line: the page through the extractor, the line's own fields over the page's.
fn crawl_line(obj: &Map<String, Value>, html: &str, stem: &str, origin: &Origin) -> Parsed {
    let mut problems = Vec::new();
    let id = line_id(obj, stem, origin, &mut problems);
    let published = published_field(obj, origin, &mut problems);
    let mut opt = |field: &str| optional_string(obj, field, origin, &mut problems);
    let url = opt("url");
    let fetched = opt("fetched");
    let title = opt("title");
    let outlet = opt("outlet");
    let content_type = opt("content_type");
    let info = crate::html::PageInfo {
        url: url.as_deref(),
        fetched: fetched.as_deref(),
        content_type: content_type.as_deref(),
    };
    let mut parsed = crate::html::parse_text(html, &id, origin, info);
    problems.append(&mut parsed.problems);
    parsed.problems = problems;
    if let Some(a) = parsed.article.as_mut() {
        if let Some(t) = title {
            if let Some(old) = a.title.replace(t.clone()) {
                if let Some(rest) = a.text.strip_prefix(old.as_str()) {
                    a.text = format!("{t}{rest}");
                }
            }
        }
        a.published = published.or(a.published);
        a.outlet = outlet.or(a.outlet.take());
    }
    parsed
}

/// The line's `id`, else `stem:line` with a warning.
fn line_id(
    obj: &Map<String, Value>,
    stem: &str,
    origin: &Origin,
    problems: &mut Vec<Problem>,
) -> String {
    let line = origin.line.unwrap_or(0);
    match obj.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        // Numeric ids are common in exported data sets and are unambiguous as text.
        Some(Value::Number(n)) => n.to_string(),
        other => {
            let id = format!("{stem}:{line}");
            let why = match other {
                None => "no \"id\" field".to_string(),
                Some(Value::String(_)) => "field \"id\" is empty".to_string(),
                Some(v) => format!("field \"id\" is {}, not a string", type_name(v)),
            };
            problems.push(Problem::warning(
                origin.clone(),
                format!("{why}; using id '{id}'"),
            ));
            id
        }
    }
}

/// The line's `published` day, with a warning when it cannot be read.
fn published_field(
    obj: &Map<String, Value>,
    origin: &Origin,
    problems: &mut Vec<Problem>,
) -> Option<onrecord_core::Day> {
    match obj.get("published") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.trim().is_empty() => None,
        Some(Value::String(s)) => {
            let d = date::parse_day(s);
            if d.is_none() {
                problems.push(Problem::warning(
                    origin.clone(),
                    format!(
                        "field \"published\" value '{}' is not a date (use YYYY-MM-DD or an \
                         RFC 3339 date-time); publication day unknown",
                        shorten(s)
                    ),
                ));
            }
            d
        }
        Some(other) => {
            problems.push(Problem::warning(
                origin.clone(),
                format!(
                    "field \"published\" must be a date string or null, found {}; publication day unknown",
                    type_name(other)
                ),
            ));
            None
        }
    }
}

fn optional_string(
    obj: &Map<String, Value>,
    field: &str,
    origin: &Origin,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    match obj.get(field) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => (!s.trim().is_empty()).then(|| s.trim().to_string()),
        Some(other) => {
            problems.push(Problem::warning(
                origin.clone(),
                format!(
                    "field \"{field}\" must be a string, found {}; ignored",
                    type_name(other)
                ),
            ));
            None
        }
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde_json's message with its position given as a column: the line is ours to name.
fn json_error(e: &serde_json::Error) -> String {
    let s = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match s.strip_suffix(&suffix) {
        Some(msg) => format!("{msg} at column {}", e.column()),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Item, Severity};

    fn origin(line: usize) -> Origin {
        Origin {
            path: "in/batch.jsonl".into(),
            line: Some(line),
            offset: None,
        }
    }

    fn stream(src: &'static [u8], max: u64) -> Vec<Item> {
        let mut s = JsonlStream::new(
            Box::new(io::BufReader::with_capacity(16, src)),
            "in/batch.jsonl".into(),
            "batch".into(),
            max,
        );
        let mut out = VecDeque::new();
        while s.fill(&mut out) {}
        crate::pending::resolve(out.into_iter()).collect()
    }

    #[test]
    fn a_full_record() {
        let p = parse_line(
            r#"{"id":"x1","text":"Head\n\nBody.","published":"2024-03-03","outlet":"K","title":"Head","url":"u","attributions":[]}"#,
            "batch",
            &origin(4),
        );
        assert!(p.problems.is_empty());
        let a = p.article.unwrap();
        assert_eq!(a.id, "x1");
        assert_eq!(a.text, "Head\n\nBody.");
        assert_eq!(a.published.unwrap().to_string(), "2024-03-03");
        assert_eq!(a.origin.line, Some(4));
        assert_eq!(
            (a.outlet.as_deref(), a.title.as_deref(), a.url.as_deref()),
            (Some("K"), Some("Head"), Some("u"))
        );
    }

    #[test]
    fn missing_id_is_derived_with_a_warning() {
        let p = parse_line(r#"{"text":"t","published":null}"#, "batch", &origin(7));
        assert_eq!(p.article.unwrap().id, "batch:7");
        assert_eq!(p.problems.len(), 1);
        assert_eq!(p.problems[0].severity, Severity::Warning);
        assert_eq!(
            p.problems[0].to_string(),
            "in/batch.jsonl:7: no \"id\" field; using id 'batch:7'"
        );
    }

    #[test]
    fn text_missing_or_wrong_type_is_an_error() {
        for (src, needle) in [
            (r#"{"id":"a"}"#, "missing field \"text\""),
            (
                r#"{"id":"a","text":5}"#,
                "\"text\" must be a string, found a number",
            ),
            (r#"[1,2]"#, "expected a JSON object"),
        ] {
            let p = parse_line(src, "batch", &origin(2));
            assert!(p.article.is_none());
            assert!(p.problems[0].is_error());
            let msg = p.problems[0].to_string();
            assert!(
                msg.starts_with("in/batch.jsonl:2: ") && msg.contains(needle),
                "{msg}"
            );
        }
    }

    #[test]
    fn bad_published_warns_and_is_unknown() {
        let p = parse_line(
            r#"{"id":"a","text":"t","published":"last week"}"#,
            "b",
            &origin(1),
        );
        assert_eq!(p.article.unwrap().published, None);
        assert!(p.problems[0].message.contains("\"published\""));
        let p = parse_line(
            r#"{"id":"a","text":"t","published":20240303}"#,
            "b",
            &origin(1),
        );
        assert_eq!(p.article.unwrap().published, None);
        assert_eq!(p.problems.len(), 1);
    }

    #[test]
    fn malformed_line_does_not_stop_the_next_ones() {
        let items = stream(
            b"{\"id\":\"a\",\"text\":\"one\"}\n\n{\"id\":\"b\",\"text\":\n\r\n{\"id\":\"c\",\"text\":\"three\"}",
            1 << 20,
        );
        assert_eq!(items.len(), 3, "{items:?}");
        assert_eq!(items[0].article().unwrap().id, "a");
        let p = items[1].problem().unwrap();
        assert!(
            p.to_string()
                .starts_with("in/batch.jsonl:3: invalid JSON: "),
            "{p}"
        );
        assert!(!p.message.contains("line 1"), "{p}");
        let c = items[2].article().unwrap();
        assert_eq!((c.id.as_str(), c.origin.line), ("c", Some(5)));
    }

    #[test]
    fn an_overlong_line_is_refused_and_reading_goes_on() {
        let items = stream(
            b"{\"id\":\"a\",\"text\":\"short\"}\n{\"id\":\"b\",\"text\":\"far too long for the limit\"}\n{\"id\":\"c\",\"text\":\"ok\"}\n",
            30,
        );
        assert_eq!(items.len(), 3, "{items:?}");
        let p = items[1].problem().unwrap();
        assert_eq!(p.origin.line, Some(2));
        assert!(p.message.contains("larger than the 30 bytes limit"), "{p}");
        assert_eq!(items[2].article().unwrap().origin.line, Some(3));
    }

    #[test]
    fn a_line_of_exactly_the_limit_is_fine() {
        let items = stream(
            b"{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"y\"}",
            22,
        );
        assert!(items.iter().all(|i| i.article().is_some()), "{items:?}");
    }

    #[test]
    fn empty_and_blank_files_are_errors() {
        let items = stream(b"", 100);
        assert_eq!(items[0].problem().unwrap().message, "file is empty");
        let items = stream(b"\n  \n\n", 100);
        assert!(items[0]
            .problem()
            .unwrap()
            .message
            .contains("only blank lines"));
    }

    #[test]
    fn invalid_utf8_in_a_line_warns_and_keeps_the_record() {
        let items = stream(b"{\"id\":\"a\",\"text\":\"caf\xE9\"}\n", 100);
        assert_eq!(items.len(), 2);
        assert!(items[0]
            .problem()
            .unwrap()
            .message
            .contains("invalid UTF-8"));
        assert_eq!(items[1].article().unwrap().text, "caf\u{FFFD}");
    }
}
