//! HTTP/1.x response messages as a `response` record stores them (`Content-Type:
//! application/http; msgtype=response`): status line, header fields, and the body with its
//! transfer and content codings undone.
//!
//! # Decoding policy
//!
//! [`Response::body`] undoes, in reverse order of application, `Transfer-Encoding: chunked`
//! (and any transfer coding listed with it) and then each `Content-Encoding` (`gzip`,
//! `x-gzip`, `deflate` as zlib or raw deflate, `br`; `identity` is nothing to undo). Every
//! decompression is bounded: more decoded bytes than the limit stop it with
//! [`HttpError::TooLarge`], so a decompression bomb costs at most the limit in memory.
//!
//! Archives do not always hold what the headers announce. Common Crawl often stores bodies
//! already decoded while keeping the original `Content-Encoding` (newer crawls rename it
//! `X-Crawler-Content-Encoding`, which is not a coding of the stored bytes and is ignored),
//! and crawlers store de-chunked bodies under `Transfer-Encoding: chunked`. So when a coding
//! cannot be undone from its very first bytes and the bytes look like an undecoded body
//! (no gzip magic, almost no control characters), they are returned as stored, flagged
//! [`Body::as_stored`]. A body cut short (a capture truncated at a size limit, a stream
//! that stops) gives the bytes decoded before the cut, flagged [`Body::truncated`].

use std::borrow::Cow;
use std::io::Read;

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

use crate::headers::{media_type, parameter, shorten, text, Headers};

/// Default decoded-body limit for callers without one of their own: 64 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 64 << 20;

/// What can go wrong with an HTTP message.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HttpError {
    /// The bytes are not an HTTP/1.x response message.
    #[error("not an HTTP response: {0}")]
    Malformed(String),
    /// Decoding would produce more than `limit` bytes (a decompression bomb, or just big).
    #[error("decoded body over the limit of {limit} bytes")]
    TooLarge { limit: usize },
    /// A coding could not be undone and the bytes do not look like a decoded body.
    #[error("cannot undo {coding}: {detail}")]
    Decode { coding: String, detail: String },
    /// A coding this crate does not decode (`compress`, `zstd`, …), on bytes that do not look
    /// like a decoded body.
    #[error("unsupported coding {0:?}")]
    Unsupported(String),
}

/// A parsed HTTP response; the body borrows from the record block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response<'a> {
    /// `HTTP/1.1`, `HTTP/1.0`, as written.
    pub version: String,
    pub status: u16,
    /// The reason phrase, possibly empty.
    pub reason: String,
    pub headers: Headers,
    /// The body exactly as stored: still chunked or compressed if it was.
    pub raw_body: &'a [u8],
}

/// A decoded body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Body<'a> {
    pub bytes: Cow<'a, [u8]>,
    /// The body ended before its codings said it should (chunked without the last chunk, a
    /// compressed stream cut off): `bytes` is what was decoded up to there.
    pub truncated: bool,
    /// A declared coding was not undone because the bytes looked already decoded (see the
    /// module docs): `bytes` is the body as stored from that coding on.
    pub as_stored: bool,
}

impl<'a> Response<'a> {
    /// Parses a response message: status line, header fields up to the blank line, body.
    /// Lenient where real servers are sloppy: bare LF line ends, a missing reason phrase,
    /// header lines without a colon (skipped), blank lines before the status line.
    pub fn parse(message: &'a [u8]) -> Result<Response<'a>, HttpError> {
        let start = message
            .iter()
            .position(|&b| b != b'\r' && b != b'\n')
            .unwrap_or(message.len());
        let message = &message[start..];
        let (head, raw_body) = match head_end(message) {
            Some((head_len, body_start)) => (&message[..head_len], &message[body_start..]),
            None if message.ends_with(b"\n") => (message, &message[message.len()..]),
            None => {
                return Err(HttpError::Malformed(
                    "no blank line after the header fields".into(),
                ))
            }
        };
        let mut lines = head
            .split(|&b| b == b'\n')
            .map(|l| l.strip_suffix(b"\r").unwrap_or(l));
        let status_line = lines.next().unwrap_or_default();
        let status_text = text(status_line);
        let mut parts = status_text.trim().splitn(3, [' ', '\t']);
        let version = parts.next().unwrap_or_default();
        if !version.starts_with("HTTP/") {
            return Err(HttpError::Malformed(format!(
                "status line {:?}",
                shorten(status_line)
            )));
        }
        let code = parts.next().unwrap_or_default();
        let status = code
            .parse::<u16>()
            .ok()
            .filter(|s| code.len() == 3 && (100..=999).contains(s))
            .ok_or_else(|| HttpError::Malformed(format!("status code {code:?}")))?;
        let reason = parts.next().unwrap_or_default().trim().to_string();
        let mut headers = Headers::new();
        for line in lines {
            if !line.is_empty() {
                // Lines that are not fields are skipped, as browsers do.
                let _ = headers.push_line(line);
            }
        }
        Ok(Response {
            version: version.to_string(),
            status,
            reason,
            headers,
            raw_body,
        })
    }

    /// The `Content-Type` field as written.
    pub fn content_type(&self) -> Option<&str> {
        self.headers.get("Content-Type")
    }

    /// The media type of `Content-Type` without parameters (`text/html`), `None` when the
    /// field is missing or empty.
    pub fn media_type(&self) -> Option<&str> {
        self.content_type()
            .map(media_type)
            .filter(|t| !t.is_empty())
    }

    /// The `charset` parameter of `Content-Type`, as written (`utf-8`, `ISO-8859-1`).
    pub fn charset(&self) -> Option<&str> {
        self.content_type().and_then(|ct| parameter(ct, "charset"))
    }

    /// Whether the payload is HTML: by `Content-Type` when there is one, else by sniffing the
    /// first bytes of the decoded body.
    pub fn is_html(&self) -> bool {
        match self.media_type() {
            Some(t) => is_html_type(t),
            None => {
                let prefix = self.decode(SNIFF_LEN, Overflow::Cut);
                let bytes = prefix.as_ref().map_or(self.raw_body, |b| &b.bytes[..]);
                sniff_html(bytes)
            }
        }
    }

    /// The body with its codings undone, at most `limit` decoded bytes (see the module docs
    /// for the fallbacks).
    pub fn body(&self, limit: usize) -> Result<Body<'a>, HttpError> {
        self.decode(limit, Overflow::Fail)
    }

    /// The codings to undo, last applied first.
    fn codings(&self) -> Vec<String> {
        let listed = |name| {
            self.headers
                .get_all(name)
                .flat_map(|v| v.split(','))
                .map(|c| c.trim().to_ascii_lowercase())
                .filter(|c| !c.is_empty() && c != "identity")
                .collect::<Vec<_>>()
        };
        let mut codings = listed("Content-Encoding");
        codings.extend(listed("Transfer-Encoding"));
        codings.reverse();
        codings
    }

    fn decode(&self, limit: usize, overflow: Overflow) -> Result<Body<'a>, HttpError> {
        let mut body = Body {
            bytes: Cow::Borrowed(self.raw_body),
            truncated: false,
            as_stored: false,
        };
        for coding in self.codings() {
            if body.bytes.is_empty() {
                break;
            }
            let step = match coding.as_str() {
                "chunked" => dechunk(&body.bytes, limit, overflow),
                "gzip" | "x-gzip" => {
                    read_limited(MultiGzDecoder::new(&body.bytes[..]), limit, overflow)
                }
                "deflate" if is_zlib(&body.bytes) => {
                    read_limited(ZlibDecoder::new(&body.bytes[..]), limit, overflow)
                }
                "deflate" => read_limited(DeflateDecoder::new(&body.bytes[..]), limit, overflow),
                "br" => read_limited(
                    brotli_decompressor::Decompressor::new(&body.bytes[..], 4096),
                    limit,
                    overflow,
                ),
                _ => Err(Step::Failed(None)),
            };
            match step {
                Ok((bytes, cut)) => {
                    body.bytes = Cow::Owned(bytes);
                    body.truncated |= cut;
                }
                Err(Step::TooLarge) => return Err(HttpError::TooLarge { limit }),
                Err(Step::Failed(detail)) => {
                    if looks_decoded(&body.bytes) {
                        body.as_stored = true;
                        break;
                    }
                    return Err(match detail {
                        None => HttpError::Unsupported(coding),
                        Some(detail) => HttpError::Decode { coding, detail },
                    });
                }
            }
            if overflow == Overflow::Cut && body.bytes.len() >= limit {
                break;
            }
        }
        Ok(body)
    }
}

/// Whether a media type (without parameters) is HTML.
pub fn is_html_type(media_type: &str) -> bool {
    media_type.eq_ignore_ascii_case("text/html")
        || media_type.eq_ignore_ascii_case("application/xhtml+xml")
}

/// Bytes looked at when sniffing.
const SNIFF_LEN: usize = 1024;

/// Whether bytes start like an HTML document: after a byte-order mark and white space, one of
/// the tags the WHATWG MIME sniffing standard lists for `text/html` (`<!DOCTYPE HTML`,
/// `<html`, `<head`, `<body`, `<script`, `<p`, `<!--`, …) followed by a space or `>`.
pub fn sniff_html(bytes: &[u8]) -> bool {
    const TAGS: [&[u8]; 17] = [
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<script",
        b"<iframe",
        b"<h1",
        b"<div",
        b"<font",
        b"<table",
        b"<a",
        b"<style",
        b"<title",
        b"<b",
        b"<body",
        b"<br",
        b"<p",
        b"<!--",
    ];
    let bytes = &bytes[..bytes.len().min(SNIFF_LEN)];
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
        .unwrap_or(bytes.len());
    let bytes = &bytes[start..];
    TAGS.iter().any(|tag| {
        bytes.len() > tag.len()
            && bytes[..tag.len()].eq_ignore_ascii_case(tag)
            && (tag == b"<!--" || matches!(bytes[tag.len()], b' ' | b'>'))
    })
}

/// Where the header block ends: `(end of the last header line, start of the body)`.
fn head_end(message: &[u8]) -> Option<(usize, usize)> {
    let mut i = 0;
    while let Some(nl) = message[i..].iter().position(|&b| b == b'\n') {
        let at = i + nl;
        let rest = &message[at + 1..];
        if rest.starts_with(b"\r\n") {
            return Some((at, at + 3));
        }
        if rest.starts_with(b"\n") {
            return Some((at, at + 2));
        }
        i = at + 1;
    }
    None
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Overflow {
    /// More than the limit is an error.
    Fail,
    /// Stop at the limit and keep what was decoded (for sniffing).
    Cut,
}

enum Step {
    TooLarge,
    /// Nothing could be decoded; the detail, or `None` for an unknown coding.
    Failed(Option<String>),
}

/// Reads a decoder to its end, holding at most `limit` bytes (plus one read buffer).
fn read_limited(
    mut reader: impl Read,
    limit: usize,
    overflow: Overflow,
) -> Result<(Vec<u8>, bool), Step> {
    let mut out = Vec::new();
    let mut buf = vec![0u8; 32 << 10];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return Ok((out, false)),
            Ok(n) => {
                if out.len() + n > limit {
                    return match overflow {
                        Overflow::Fail => Err(Step::TooLarge),
                        Overflow::Cut => {
                            let keep = limit - out.len();
                            out.extend_from_slice(&buf[..keep]);
                            Ok((out, false))
                        }
                    };
                }
                out.extend_from_slice(&buf[..n]);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            // What was decoded before a cut or damaged stream is right: keep it.
            Err(_) if !out.is_empty() => return Ok((out, true)),
            Err(e) => return Err(Step::Failed(Some(e.to_string()))),
        }
    }
}

/// Undoes `Transfer-Encoding: chunked`. Bytes whose first line is not a chunk size fail, so
/// an already de-chunked body is kept as stored; a body cut inside the chunks is truncated.
fn dechunk(body: &[u8], limit: usize, overflow: Overflow) -> Result<(Vec<u8>, bool), Step> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut first = true;
    loop {
        let Some(nl) = body[i..].iter().position(|&b| b == b'\n') else {
            return if first {
                Err(Step::Failed(Some("no chunk-size line".into())))
            } else {
                Ok((out, true))
            };
        };
        let line = &body[i..i + nl];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let size = text(line);
        let size = size.split(';').next().unwrap_or_default().trim();
        let parsed = (!size.is_empty() && size.len() <= 16)
            .then(|| usize::from_str_radix(size, 16).ok())
            .flatten();
        let Some(size) = parsed else {
            return if first {
                Err(Step::Failed(Some(format!(
                    "first line {:?} is not a chunk size",
                    shorten(line)
                ))))
            } else {
                Ok((out, true))
            };
        };
        first = false;
        i += nl + 1;
        if size == 0 {
            // Trailer fields, if any, are dropped.
            return Ok((out, false));
        }
        if out.len().saturating_add(size) > limit {
            return match overflow {
                Overflow::Fail => Err(Step::TooLarge),
                Overflow::Cut => {
                    let keep = (limit - out.len()).min(body.len() - i);
                    out.extend_from_slice(&body[i..i + keep]);
                    Ok((out, false))
                }
            };
        }
        let available = body.len() - i;
        if available < size {
            out.extend_from_slice(&body[i..]);
            return Ok((out, true));
        }
        out.extend_from_slice(&body[i..i + size]);
        i += size;
        let rest = &body[i..];
        if rest.starts_with(b"\r\n") {
            i += 2;
        } else if rest.starts_with(b"\n") {
            i += 1;
        } else {
            return Ok((out, true));
        }
    }
}

/// Whether bytes start with a zlib header (RFC 1950: deflate method, check bits).
fn is_zlib(b: &[u8]) -> bool {
    b.len() >= 2 && b[0] & 0x0f == 8 && (u16::from(b[0]) << 8 | u16::from(b[1])) % 31 == 0
}

/// Whether bytes look like a body that is not compressed: no gzip magic and at most 2% control
/// characters in the first KiB (compressed data has about 12%).
fn looks_decoded(b: &[u8]) -> bool {
    let head = &b[..b.len().min(1024)];
    if head.starts_with(&[0x1f, 0x8b]) {
        return false;
    }
    let controls = head
        .iter()
        .filter(|&&c| (c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r' | 0x0c)) || c == 0x7f)
        .count();
    controls * 50 <= head.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::{DeflateEncoder, GzEncoder, ZlibEncoder};
    use flate2::Compression;
    use std::io::Write;

    const PAGE: &[u8] = b"<!DOCTYPE html><html><head><title>Invented</title></head>\
        <body><p>The minister of lighthouses said the lamps would stay lit.</p></body></html>";

    fn response(headers: &str, body: &[u8]) -> Vec<u8> {
        let mut m = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
        m.extend_from_slice(body);
        m
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn chunk(data: &[u8], size: usize) -> Vec<u8> {
        let mut out = Vec::new();
        for c in data.chunks(size) {
            out.extend_from_slice(format!("{:x};ext=1\r\n", c.len()).as_bytes());
            out.extend_from_slice(c);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"0\r\nX-Trailer: t\r\n\r\n");
        out
    }

    #[test]
    fn parse_status_headers_body() {
        let m = response(
            "Content-Type: text/html; charset=\"ISO-8859-1\"\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\nbroken line\r\n",
            PAGE,
        );
        let r = Response::parse(&m).unwrap();
        assert_eq!(r.version, "HTTP/1.1");
        assert_eq!(r.status, 200);
        assert_eq!(r.reason, "OK");
        assert_eq!(r.charset(), Some("ISO-8859-1"));
        assert_eq!(r.media_type(), Some("text/html"));
        assert_eq!(r.headers.get_all("set-cookie").count(), 2);
        assert_eq!(r.headers.len(), 3);
        assert_eq!(r.raw_body, PAGE);
        assert!(r.is_html());

        let r = Response::parse(b"\r\nHTTP/1.0 404\nServer: x\n\nnope").unwrap();
        assert_eq!(
            (r.status, r.reason.as_str(), r.raw_body),
            (404, "", &b"nope"[..])
        );
        let r = Response::parse(b"HTTP/1.1 204 No Content\r\n").unwrap();
        assert_eq!(r.status, 204);
        assert!(r.raw_body.is_empty());
        assert!(Response::parse(b"GET / HTTP/1.1\r\n\r\n").is_err());
        assert!(Response::parse(b"HTTP/1.1 2000 OK\r\n\r\n").is_err());
        assert!(Response::parse(b"HTTP/1.1 200 OK\r\nServer: cut").is_err());
    }

    #[test]
    fn chunked_and_gzip() {
        let body = chunk(&gzip(PAGE), 7);
        let m = response(
            "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
            &body,
        );
        let r = Response::parse(&m).unwrap();
        let b = r.body(1 << 20).unwrap();
        assert_eq!(&b.bytes[..], PAGE);
        assert!(!b.truncated && !b.as_stored);
    }

    #[test]
    fn deflate_zlib_and_raw() {
        let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
        z.write_all(PAGE).unwrap();
        let mut d = DeflateEncoder::new(Vec::new(), Compression::default());
        d.write_all(PAGE).unwrap();
        for body in [z.finish().unwrap(), d.finish().unwrap()] {
            let m = response("Content-Encoding: deflate\r\n", &body);
            let b = Response::parse(&m).unwrap().body(1 << 20).unwrap();
            assert_eq!(&b.bytes[..], PAGE);
        }
    }

    #[test]
    fn brotli() {
        let mut compressed = Vec::new();
        {
            let mut w = ::brotli::CompressorWriter::new(&mut compressed, 4096, 9, 22);
            w.write_all(PAGE).unwrap();
        }
        let m = response("Content-Encoding: br\r\n", &compressed);
        let b = Response::parse(&m).unwrap().body(1 << 20).unwrap();
        assert_eq!(&b.bytes[..], PAGE);
        assert!(!b.as_stored);
    }

    #[test]
    fn stored_decoded_bodies_fall_back() {
        // Common Crawl: body already decoded, original headers kept.
        for headers in [
            "Content-Encoding: gzip\r\n",
            "Content-Encoding: br\r\n",
            "Content-Encoding: deflate\r\n",
            "Transfer-Encoding: chunked\r\n",
            "Content-Encoding: zstd\r\n",
        ] {
            let m = response(headers, PAGE);
            let b = Response::parse(&m).unwrap().body(1 << 20).unwrap();
            assert_eq!(&b.bytes[..], PAGE, "{headers}");
            assert!(b.as_stored, "{headers}");
        }
        // X-Crawler-Content-Encoding names no coding of the stored bytes.
        let m = response("X-Crawler-Content-Encoding: gzip\r\n", PAGE);
        let b = Response::parse(&m).unwrap().body(1 << 20).unwrap();
        assert!(!b.as_stored && &b.bytes[..] == PAGE);
        // Binary garbage under a coding is an error, not a fallback.
        let garbage: Vec<u8> = (0..400u32).map(|i| (i * 7 % 251) as u8).collect();
        let m = response("Content-Encoding: gzip\r\n", &garbage);
        assert!(matches!(
            Response::parse(&m).unwrap().body(1 << 20),
            Err(HttpError::Decode { .. })
        ));
        let m = response("Content-Encoding: zstd\r\n", &garbage);
        assert!(matches!(
            Response::parse(&m).unwrap().body(1 << 20),
            Err(HttpError::Unsupported(_))
        ));
    }

    #[test]
    fn truncated_bodies_keep_what_decoded() {
        let z = gzip(&PAGE.repeat(50));
        let m = response("Content-Encoding: gzip\r\n", &z[..z.len() / 2]);
        let b = Response::parse(&m).unwrap().body(1 << 20).unwrap();
        assert!(b.truncated);
        assert!(!b.bytes.is_empty() && PAGE.repeat(50).starts_with(&b.bytes));

        let c = chunk(PAGE, 10);
        let m = response("Transfer-Encoding: chunked\r\n", &c[..c.len() - 30]);
        let b = Response::parse(&m).unwrap().body(1 << 20).unwrap();
        assert!(b.truncated && PAGE.starts_with(&b.bytes));
    }

    #[test]
    fn gzip_bomb_stops_at_the_limit() {
        // 50 MB of zeros compresses to ~50 KB.
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..50 {
            e.write_all(&zeros).unwrap();
        }
        let bomb = e.finish().unwrap();
        assert!(bomb.len() < 200_000);
        let m = response("Content-Encoding: gzip\r\n", &bomb);
        let r = Response::parse(&m).unwrap();
        match r.body(1 << 20) {
            Err(HttpError::TooLarge { limit }) => assert_eq!(limit, 1 << 20),
            other => panic!("{other:?}"),
        }
        // The same through chunked, and a chunk size that claims too much.
        let m = response(
            "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
            &chunk(&bomb, 4096),
        );
        assert!(matches!(
            Response::parse(&m).unwrap().body(1 << 20),
            Err(HttpError::TooLarge { .. })
        ));
        let m = response("Transfer-Encoding: chunked\r\n", b"ffffffffffffff\r\nabc");
        assert!(matches!(
            Response::parse(&m).unwrap().body(1 << 20),
            Err(HttpError::TooLarge { .. })
        ));
    }

    /// The decoder is read in bounded steps: an endless stream stops just past the limit, so
    /// memory stays at the limit plus one buffer whatever the compression ratio.
    #[test]
    fn endless_output_stops_at_the_limit() {
        struct Counting<'a, R>(R, &'a mut usize);
        impl<R: Read> Read for Counting<'_, R> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.read(buf)?;
                *self.1 += n;
                Ok(n)
            }
        }
        let mut produced = 0;
        let limit = 1 << 20;
        let result = read_limited(
            Counting(std::io::repeat(0), &mut produced),
            limit,
            Overflow::Fail,
        );
        assert!(matches!(result, Err(Step::TooLarge)));
        assert!(produced <= limit + (32 << 10), "{produced}");
        let (cut, truncated) = match read_limited(std::io::repeat(1), 1000, Overflow::Cut) {
            Ok(x) => x,
            Err(_) => panic!("cut mode fails"),
        };
        assert_eq!((cut.len(), truncated), (1000, false));
    }

    #[test]
    fn sniffing() {
        assert!(sniff_html(b"\xef\xbb\xbf \n<!doctype HTML>"));
        assert!(sniff_html(b"<HTML lang=en>"));
        assert!(sniff_html(b"<!-- c --><html>"));
        assert!(sniff_html(b"<p>hi"));
        assert!(!sniff_html(b"<pre>"));
        assert!(!sniff_html(b"<?xml version=\"1.0\"?><rss>"));
        assert!(!sniff_html(b"{\"a\":1}"));
        // Untyped, gzip-encoded HTML sniffs after decoding.
        let m = response("Content-Encoding: gzip\r\n", &gzip(PAGE));
        assert!(Response::parse(&m).unwrap().is_html());
    }
}
