//! One WARC record as read: where it is, its header fields and its block.

use std::fmt;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

use crate::headers::{media_type, Headers};
use crate::http::{self, HttpError};

/// The `WARC-Type` of a record. Types this crate does not know are [`RecordType::Other`];
/// [`Record::warc_type`] still gives their name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecordType {
    Warcinfo,
    Response,
    Resource,
    Request,
    Metadata,
    Revisit,
    Conversion,
    Continuation,
    Other,
}

impl RecordType {
    /// The type named by a `WARC-Type` value (any case).
    pub fn parse(name: &str) -> RecordType {
        const TYPES: [(&str, RecordType); 8] = [
            ("warcinfo", RecordType::Warcinfo),
            ("response", RecordType::Response),
            ("resource", RecordType::Resource),
            ("request", RecordType::Request),
            ("metadata", RecordType::Metadata),
            ("revisit", RecordType::Revisit),
            ("conversion", RecordType::Conversion),
            ("continuation", RecordType::Continuation),
        ];
        let name = name.trim();
        TYPES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map_or(RecordType::Other, |&(_, t)| t)
    }

    /// The `WARC-Type` value, lower case as the standard writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordType::Warcinfo => "warcinfo",
            RecordType::Response => "response",
            RecordType::Resource => "resource",
            RecordType::Request => "request",
            RecordType::Metadata => "metadata",
            RecordType::Revisit => "revisit",
            RecordType::Conversion => "conversion",
            RecordType::Continuation => "continuation",
            RecordType::Other => "other",
        }
    }
}

/// A `WARC-Record-ID`: a URI in angle brackets, `<urn:uuid:…>` for the records this crate
/// writes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordId(String);

impl RecordId {
    /// An id from a URI, with or without its angle brackets.
    pub fn new(uri: &str) -> RecordId {
        let uri = uri.trim();
        let bare = uri
            .strip_prefix('<')
            .and_then(|u| u.strip_suffix('>'))
            .unwrap_or(uri);
        RecordId(format!("<{bare}>"))
    }

    /// A fresh random `<urn:uuid:…>` (UUID version 4).
    pub fn random() -> RecordId {
        RecordId(format!("<urn:uuid:{}>", uuid::Uuid::new_v4()))
    }

    /// The id as written in a header, with angle brackets.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URI without angle brackets.
    pub fn uri(&self) -> &str {
        &self.0[1..self.0.len() - 1]
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A WARC record as read: position, version, header fields and block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub(crate) offset: u64,
    pub(crate) inner_offset: u64,
    pub(crate) length: Option<u64>,
    pub(crate) version: String,
    pub(crate) headers: Headers,
    pub(crate) block: Vec<u8>,
}

impl Record {
    /// Where the record starts in the file: for `.warc.gz` the offset of the gzip member it
    /// starts in (what CDX indexes call the offset), for plain `.warc` its first byte. With
    /// [`crate::read_record_at`] this reads the record again when
    /// [`Record::inner_offset`] is 0.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// How far into its gzip member's decompressed data the record starts: 0 for plain files
    /// and for the usual one-record-per-member `.warc.gz`; more for later records of a file
    /// compressed as one gzip stream, which cannot be reached by offset alone.
    pub fn inner_offset(&self) -> u64 {
        self.inner_offset
    }

    /// Bytes the record takes in the file, from [`Record::offset`]: its whole gzip member when
    /// it has one to itself, else `None`; for plain files header, block and the closing
    /// CRLF CRLF.
    pub fn length(&self) -> Option<u64> {
        self.length
    }

    /// The version line, `WARC/1.0` or `WARC/1.1`.
    pub fn version(&self) -> &str {
        &self.version
    }

    pub fn headers(&self) -> &Headers {
        &self.headers
    }

    /// The first value of a header field (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)
    }

    /// `WARC-Type` as written.
    pub fn warc_type(&self) -> Option<&str> {
        self.header("WARC-Type")
    }

    /// `WARC-Type` as an enum; a missing type is [`RecordType::Other`].
    pub fn record_type(&self) -> RecordType {
        self.warc_type()
            .map_or(RecordType::Other, RecordType::parse)
    }

    /// `WARC-Target-URI`, without the angle brackets some WARC/1.0 writers put around it.
    pub fn target_uri(&self) -> Option<&str> {
        self.header("WARC-Target-URI").map(strip_brackets)
    }

    /// `WARC-Date` as written.
    pub fn date_str(&self) -> Option<&str> {
        self.header("WARC-Date")
    }

    /// `WARC-Date` parsed (ISO 8601 / W3C-DTF: `2026-12-06T19:55:12Z`, with fractions of a
    /// second, or cut down to minutes, a day, a month or a year); `None` when missing or
    /// unreadable, [`Record::date_str`] then still has the text.
    pub fn date(&self) -> Option<DateTime<Utc>> {
        self.date_str().and_then(parse_warc_date)
    }

    /// `WARC-Record-ID` as written, angle brackets included (`<urn:uuid:…>`).
    pub fn record_id(&self) -> Option<&str> {
        self.header("WARC-Record-ID")
    }

    /// `Content-Type` of the block (for a response `application/http; msgtype=response`).
    pub fn content_type(&self) -> Option<&str> {
        self.header("Content-Type")
    }

    /// `WARC-Payload-Digest` as written (`sha1:BASE32…`).
    pub fn payload_digest(&self) -> Option<&str> {
        self.header("WARC-Payload-Digest")
    }

    /// `WARC-Block-Digest` as written.
    pub fn block_digest(&self) -> Option<&str> {
        self.header("WARC-Block-Digest")
    }

    /// The record block: `Content-Length` bytes after the header (for a response, the HTTP
    /// message as received).
    pub fn block(&self) -> &[u8] {
        &self.block
    }

    pub fn into_block(self) -> Vec<u8> {
        self.block
    }

    /// Checks `WARC-Block-Digest` against the block: `Some(true)` or `Some(false)` for a
    /// `sha1:` digest in base32 or hex, `None` when there is none or it uses another
    /// algorithm.
    pub fn verify_block_digest(&self) -> Option<bool> {
        let digest = self.block_digest()?;
        let (algo, value) = digest.split_once(':')?;
        if !algo.trim().eq_ignore_ascii_case("sha1") {
            return None;
        }
        let actual = sha1_smol::Sha1::from(&self.block).digest().bytes();
        let value = value.trim();
        let expected = data_encoding::BASE32
            .decode(value.to_ascii_uppercase().as_bytes())
            .or_else(|_| data_encoding::HEXLOWER_PERMISSIVE.decode(value.as_bytes()))
            .ok()?;
        Some(expected == actual)
    }

    /// The block parsed as an HTTP response message (status, headers, body as stored).
    pub fn http_response(&self) -> Result<http::Response<'_>, HttpError> {
        http::Response::parse(&self.block)
    }

    /// Whether this is a `response` record holding an HTTP response whose payload is HTML:
    /// `Content-Type` `text/html` or `application/xhtml+xml`; when the response has no
    /// `Content-Type`, Common Crawl's `WARC-Identified-Payload-Type` if present, else a body
    /// that sniffs as HTML.
    pub fn is_html_response(&self) -> bool {
        if self.record_type() != RecordType::Response {
            return false;
        }
        let block_type = self.content_type().map(media_type).unwrap_or("");
        if !block_type.eq_ignore_ascii_case("application/http") {
            return false;
        }
        let Ok(response) = self.http_response() else {
            return false;
        };
        match response.media_type() {
            Some(_) => response.is_html(),
            None => match self.header("WARC-Identified-Payload-Type").map(media_type) {
                Some(t) if !t.is_empty() => http::is_html_type(t),
                _ => response.is_html(),
            },
        }
    }
}

fn strip_brackets(s: &str) -> &str {
    let s = s.trim();
    s.strip_prefix('<')
        .and_then(|u| u.strip_suffix('>'))
        .unwrap_or(s)
}

/// Parses a WARC-Date: W3C-DTF as WARC/1.1 allows it, from a year alone to nanoseconds, with
/// `Z` or a numeric offset; also the 14-digit `YYYYMMDDhhmmss` of ARC files and CDX lines.
pub fn parse_warc_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    if let Some(rest) = s.strip_suffix('Z') {
        if let Ok(d) = NaiveDateTime::parse_from_str(rest, "%Y-%m-%dT%H:%M") {
            return Some(Utc.from_utc_datetime(&d));
        }
    }
    if s.len() == 14 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDateTime::parse_from_str(s, "%Y%m%d%H%M%S")
            .ok()
            .map(|d| Utc.from_utc_datetime(&d));
    }
    let day = match s.len() {
        10 => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
        7 => NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").ok(),
        4 if s.bytes().all(|b| b.is_ascii_digit()) => {
            NaiveDate::parse_from_str(&format!("{s}-01-01"), "%Y-%m-%d").ok()
        }
        _ => None,
    }?;
    Some(Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(fields: &[(&str, &str)], block: &[u8]) -> Record {
        let mut headers = Headers::new();
        for (n, v) in fields {
            headers.push(*n, *v);
        }
        Record {
            offset: 0,
            inner_offset: 0,
            length: None,
            version: "WARC/1.0".into(),
            headers,
            block: block.to_vec(),
        }
    }

    #[test]
    fn dates() {
        let d = |s| parse_warc_date(s).map(|d| d.to_rfc3339());
        assert_eq!(
            d("2026-12-06T19:55:12Z").as_deref(),
            Some("2026-12-06T19:55:12+00:00")
        );
        assert_eq!(
            d("2026-12-06T19:55:12.250Z").as_deref(),
            Some("2026-12-06T19:55:12.250+00:00")
        );
        assert_eq!(
            d("2026-12-06T20:55:12+01:00").as_deref(),
            Some("2026-12-06T19:55:12+00:00")
        );
        assert_eq!(
            d("2026-12-06T19:55Z").as_deref(),
            Some("2026-12-06T19:55:00+00:00")
        );
        assert_eq!(
            d("2026-12-06").as_deref(),
            Some("2026-12-06T00:00:00+00:00")
        );
        assert_eq!(d("2026-12").as_deref(), Some("2026-12-01T00:00:00+00:00"));
        assert_eq!(d("2026").as_deref(), Some("2026-01-01T00:00:00+00:00"));
        assert_eq!(
            d("20261206195512").as_deref(),
            Some("2026-12-06T19:55:12+00:00")
        );
        assert_eq!(d("yesterday"), None);
        assert_eq!(d("2026-13-01"), None);
    }

    #[test]
    fn accessors() {
        let r = record(
            &[
                ("WARC-Type", "Response"),
                ("warc-target-uri", "<https://news.example/a>"),
                ("WARC-Date", "2026-12-06T19:55:12Z"),
                (
                    "WARC-Record-ID",
                    "<urn:uuid:0b0b0b0b-0000-4000-8000-000000000001>",
                ),
                ("Content-Type", "application/http; msgtype=response"),
                ("WARC-Payload-Digest", "sha1:AAAA"),
            ],
            b"",
        );
        assert_eq!(r.record_type(), RecordType::Response);
        assert_eq!(r.warc_type(), Some("Response"));
        assert_eq!(r.target_uri(), Some("https://news.example/a"));
        assert_eq!(r.date_str(), Some("2026-12-06T19:55:12Z"));
        assert!(r.date().is_some());
        assert_eq!(
            r.record_id(),
            Some("<urn:uuid:0b0b0b0b-0000-4000-8000-000000000001>")
        );
        assert_eq!(r.payload_digest(), Some("sha1:AAAA"));
        assert_eq!(r.block_digest(), None);
        assert_eq!(RecordType::parse("x-custom"), RecordType::Other);
    }

    #[test]
    fn record_ids() {
        let id = RecordId::random();
        assert!(id.as_str().starts_with("<urn:uuid:") && id.as_str().ends_with('>'));
        assert_eq!(id.as_str().len(), "<urn:uuid:>".len() + 36);
        assert_ne!(id, RecordId::random());
        assert_eq!(RecordId::new("urn:x:1").as_str(), "<urn:x:1>");
        assert_eq!(RecordId::new("<urn:x:1>").uri(), "urn:x:1");
    }

    #[test]
    fn block_digest_check() {
        // sha1("abc") = a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d
        let b32 = "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5";
        assert_eq!(
            record(&[("WARC-Block-Digest", b32)], b"abc").verify_block_digest(),
            Some(true)
        );
        let hex = "sha1:a9993e364706816aba3e25717850c26c9cd0d89d";
        assert_eq!(
            record(&[("WARC-Block-Digest", hex)], b"abc").verify_block_digest(),
            Some(true)
        );
        assert_eq!(
            record(&[("WARC-Block-Digest", b32)], b"abd").verify_block_digest(),
            Some(false)
        );
        assert_eq!(
            record(&[("WARC-Block-Digest", "md5:xyz")], b"abc").verify_block_digest(),
            None
        );
    }

    #[test]
    fn html_responses() {
        let fields = |ty: &str| {
            vec![
                ("WARC-Type".to_string(), ty.to_string()),
                (
                    "Content-Type".to_string(),
                    "application/http; msgtype=response".to_string(),
                ),
            ]
        };
        let make = |ty: &str, extra: &[(&str, &str)], block: &[u8]| {
            let mut f: Vec<(String, String)> = fields(ty);
            f.extend(extra.iter().map(|(a, b)| (a.to_string(), b.to_string())));
            let refs: Vec<(&str, &str)> = f.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
            record(&refs, block)
        };
        let html = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>hi";
        assert!(make("response", &[], html).is_html_response());
        assert!(!make("request", &[], html).is_html_response());
        let xhtml = b"HTTP/1.1 200 OK\r\nContent-Type: application/xhtml+xml\r\n\r\n<html/>";
        assert!(make("response", &[], xhtml).is_html_response());
        let json = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n<html>";
        assert!(!make("response", &[], json).is_html_response());
        let untyped = b"HTTP/1.1 200 OK\r\nServer: x\r\n\r\n  <!DOCTYPE html><html>";
        assert!(make("response", &[], untyped).is_html_response());
        let untyped_text = b"HTTP/1.1 200 OK\r\n\r\nplain words";
        assert!(!make("response", &[], untyped_text).is_html_response());
        assert!(make(
            "response",
            &[("WARC-Identified-Payload-Type", "text/html")],
            untyped_text
        )
        .is_html_response());
        let mut dns = make("response", &[], html);
        dns.headers = Headers::new();
        dns.headers.push("WARC-Type", "response");
        dns.headers.push("Content-Type", "text/dns");
        assert!(!dns.is_html_response());
    }
}
