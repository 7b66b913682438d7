//! Fixture builders for the tests: invented records, gzip members, a small random generator.

use std::io::Write;

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::{ReadError, Reader, ReaderOptions, Record};

/// One plain WARC/1.0 record with the given type, extra fields and block.
pub(crate) fn record(warc_type: &str, n: u32, fields: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{n:012}>\r\nWARC-Date: 2026-12-06T19:55:{:02}Z\r\n",
        n % 60
    );
    for (name, value) in fields {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!("Content-Length: {}\r\n\r\n", block.len()));
    let mut out = out.into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

pub(crate) fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// An invented HTTP response with an HTML body.
pub(crate) fn http_page(n: u32) -> Vec<u8> {
    let body = format!(
        "<!DOCTYPE html><html><head><title>Story {n}</title></head><body><p>\"The harbour \
         will reopen on Tuesday,\" said Mara Quell, the invented port director, in story {n}.</p>\
         </body></html>"
    );
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Five records of every common type: warcinfo, request, response, metadata, revisit.
pub(crate) fn sample_records() -> Vec<Vec<u8>> {
    vec![
        record(
            "warcinfo",
            0,
            &[("Content-Type", "application/warc-fields")],
            b"software: test\r\nformat: WARC File Format 1.0\r\n",
        ),
        record(
            "request",
            1,
            &[
                ("WARC-Target-URI", "https://news.example/story-1"),
                ("Content-Type", "application/http; msgtype=request"),
            ],
            b"GET /story-1 HTTP/1.1\r\nHost: news.example\r\n\r\n",
        ),
        record(
            "response",
            2,
            &[
                ("WARC-Target-URI", "https://news.example/story-1"),
                ("Content-Type", "application/http; msgtype=response"),
                (
                    "WARC-Concurrent-To",
                    "<urn:uuid:00000000-0000-4000-8000-000000000001>",
                ),
                (
                    "WARC-Concurrent-To",
                    "<urn:uuid:00000000-0000-4000-8000-000000000009>",
                ),
            ],
            &http_page(1),
        ),
        record(
            "metadata",
            3,
            &[
                ("WARC-Target-URI", "https://news.example/story-1"),
                ("Content-Type", "application/warc-fields"),
            ],
            b"fetchTimeMs: 120\r\n",
        ),
        record(
            "revisit",
            4,
            &[
                ("WARC-Target-URI", "https://news.example/story-1"),
                (
                    "WARC-Profile",
                    "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest",
                ),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
        ),
    ]
}

/// Reads everything, with a bound on items so a looping reader fails the test instead of
/// hanging it.
pub(crate) fn read_all_with(bytes: &[u8], options: ReaderOptions) -> (Vec<Record>, Vec<ReadError>) {
    let mut records = Vec::new();
    let mut errors = Vec::new();
    let bound = bytes.len() + 16;
    for (i, item) in Reader::with_options(bytes, options).enumerate() {
        assert!(i <= bound, "reader gave more items than bytes");
        match item {
            Ok(r) => records.push(r),
            Err(e) => errors.push(e),
        }
    }
    (records, errors)
}

pub(crate) fn read_all(bytes: &[u8]) -> (Vec<Record>, Vec<ReadError>) {
    read_all_with(bytes, ReaderOptions::default())
}

/// xorshift64*: deterministic pseudo-random bytes without a dependency.
pub(crate) struct Rng(pub u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub(crate) fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}
