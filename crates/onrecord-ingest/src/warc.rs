//! WARC files (ISO 28500, `.warc` and `.warc.gz`): web archives such as Common Crawl's
//! CC-NEWS, read record by record through `onrecord-warc`.
//!
//! Only HTML `response` records with a 2xx status are pages; everything else a crawl holds
//! (`warcinfo`, requests, metadata, revisits, redirects, PDFs…) is skipped and counted, and
//! the counts reach the user as one note at the end of the file. A page's id is its
//! `WARC-Target-URI`, so reading the same archive twice stores nothing new and a later capture
//! of the same URL with other text is a new version. Every article points at its record
//! ([`ArchiveRef`]), and every message names the record's byte offset.
//!
//! Damage is local: a truncated or corrupt record is a warning naming its offset and reading
//! goes on after it (the reader resynchronises); only a file in which no record at all can be
//! read is an error.

use std::collections::VecDeque;
use std::io::Read;
use std::sync::Arc;

use chrono::SecondsFormat;
use onrecord_core::{ArchiveRef, Article, Origin};
use onrecord_warc::http::HttpError;
use onrecord_warc::{ReadError, ReadErrorKind, Reader, ReaderOptions, Record, RecordType};

use crate::decode::{human_size, os_reason};
use crate::html::{self, PageInfo};
use crate::{Pending, Problem};

/// At most this many errors are held while no record has been read yet (see
/// [`WarcStream::early`]); more are counted but not reported.
const MAX_EARLY: usize = 100;

/// Reads one WARC source record by record, turning it into pending steps.
pub(crate) struct WarcStream {
    reader: Reader<Box<dyn Read + Send>>,
    /// The path as given (`-` for standard input): messages use it.
    path: Arc<str>,
    /// The file as archive references name it: absolute when it is a real file, so that the
    /// reference still leads to it from another working directory; else the path as given.
    archive_file: Arc<str>,
    max: u64,
    known_len: Option<u64>,
    counts: Counts,
    /// Records read, whole or skipped for their size: as soon as there is one, the source is
    /// a WARC file and damage is a warning about one record.
    records: u64,
    /// Damage met before the first record, held back: if no record ever comes, the source is
    /// no WARC file at all and one error says so instead.
    early: Vec<ReadError>,
    /// Reading failed (an I/O error) and the failure was reported.
    failed: bool,
}

impl WarcStream {
    pub(crate) fn new(
        reader: Box<dyn Read + Send>,
        path: String,
        archive_file: Option<String>,
        max: u64,
        known_len: Option<u64>,
    ) -> WarcStream {
        let path: Arc<str> = path.into();
        let options = ReaderOptions {
            max_block_size: max,
            ..ReaderOptions::default()
        };
        WarcStream {
            reader: Reader::with_options(reader, options),
            archive_file: archive_file.map_or_else(|| Arc::clone(&path), Into::into),
            path,
            max,
            known_len,
            counts: Counts::default(),
            records: 0,
            early: Vec::new(),
            failed: false,
        }
    }

    fn origin(&self, offset: Option<u64>) -> Origin {
        Origin {
            path: self.path.to_string(),
            line: None,
            offset,
        }
    }

    /// Reads records until one produces a step (pushed onto `out`). Returns false when the
    /// source is finished (its summary or its error pushed).
    pub(crate) fn fill(&mut self, out: &mut VecDeque<Pending>) -> bool {
        loop {
            match self.reader.next() {
                None => {
                    self.finish(out);
                    return false;
                }
                Some(Err(e)) => {
                    if let ReadErrorKind::Io(io) = &e.kind {
                        let msg = format!(
                            "cannot read: {}; the rest of the file is skipped",
                            os_reason(io)
                        );
                        out.push_back(Problem::error(self.origin(Some(e.offset)), msg).into());
                        self.failed = true;
                        continue; // the reader ends after an I/O error
                    }
                    if e.is_warning() {
                        // Over the size limit: a whole record, only too big to keep.
                        self.first_record(out);
                        self.counts.oversize += 1;
                        let msg = match e.kind {
                            ReadErrorKind::TooLarge { length, .. } => format!(
                                "record is {}, larger than the {} limit for one article; skipped",
                                human_size(length),
                                human_size(self.max)
                            ),
                            other => format!("{other}; record skipped"),
                        };
                        out.push_back(Problem::warning(self.origin(Some(e.offset)), msg).into());
                        return true;
                    }
                    self.counts.damaged += 1;
                    if self.records == 0 {
                        if self.early.len() < MAX_EARLY {
                            self.early.push(e);
                        }
                        continue;
                    }
                    out.push_back(self.damaged(&e).into());
                    return true;
                }
                Some(Ok(record)) => {
                    let before = out.len();
                    self.first_record(out);
                    if let Some(page) = self.classify(record, out) {
                        out.push_back(Pending::warc_page(page));
                    }
                    if out.len() > before {
                        return true;
                    }
                }
            }
        }
    }

    /// A record was read: the source is a WARC file, and the damage held back until now is
    /// reported as what it is, damage to single records.
    fn first_record(&mut self, out: &mut VecDeque<Pending>) {
        self.records += 1;
        for e in std::mem::take(&mut self.early) {
            out.push_back(self.damaged(&e).into());
        }
    }

    fn damaged(&self, e: &ReadError) -> Problem {
        Problem::warning(
            self.origin(Some(e.offset)),
            format!("damaged record skipped: {}", e.kind),
        )
    }

    /// Counts a record that is no page and returns the page of one that is.
    fn classify(&mut self, record: Record, out: &mut VecDeque<Pending>) -> Option<WarcPage> {
        let c = &mut self.counts;
        match record.record_type() {
            RecordType::Warcinfo => c.warcinfo += 1,
            RecordType::Request => c.requests += 1,
            RecordType::Metadata => c.metadata += 1,
            RecordType::Revisit => c.revisits += 1,
            RecordType::Resource => c.resources += 1,
            RecordType::Response => {
                // Redirects and error pages are often HTML, but never the article.
                let status = record.http_response().ok().map(|r| r.status);
                if status.is_some_and(|s| !(200..300).contains(&s)) {
                    c.non_2xx += 1;
                } else if !record.is_html_response() {
                    c.non_html += 1;
                } else if record.target_uri().is_none_or(str::is_empty) {
                    c.no_uri += 1;
                    out.push_back(
                        Problem::warning(
                            self.origin(Some(record.offset())),
                            "HTML response without a WARC-Target-URI (the page's id); skipped",
                        )
                        .into(),
                    );
                } else {
                    return Some(WarcPage {
                        record,
                        path: self.path.clone(),
                        archive_file: self.archive_file.clone(),
                        max: self.max,
                    });
                }
            }
            _ => c.other += 1,
        }
        None
    }

    /// The end of the source: its summary, or the error that it held no WARC record.
    fn finish(&mut self, out: &mut VecDeque<Pending>) {
        if self.records > 0 {
            let counts = std::mem::take(&mut self.counts);
            out.push_back(Pending::warc_end(self.origin(None), counts));
            return;
        }
        if self.failed {
            return; // the read error said it all
        }
        let noun = if &*self.path == "-" { "input" } else { "file" };
        let msg = match self.early.first() {
            None if self.known_len == Some(0) => format!("{noun} is empty"),
            None => format!("no WARC record in the {noun}"),
            Some(ReadError {
                offset: 0,
                kind: ReadErrorKind::NotWarc(detail),
            }) => {
                let what = if self.reader.is_gzip() == Some(true) {
                    "its decompressed data"
                } else {
                    "it"
                };
                format!("not a WARC file: {what} {detail}, not a WARC/1.0 or WARC/1.1 record")
            }
            Some(first) => format!("no readable WARC record: {first}"),
        };
        out.push_back(Problem::error(self.origin(None), msg).into());
    }
}

/// An HTML 2xx response, its article still to extract (on any thread).
#[derive(Debug)]
pub(crate) struct WarcPage {
    record: Record,
    path: Arc<str>,
    archive_file: Arc<str>,
    max: u64,
}

/// What became of a page, for the file's summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PageOutcome {
    Article,
    NoText,
    Oversize,
    Undecodable,
}

impl WarcPage {
    /// Decodes the HTTP body within the size limit and extracts the article. Problems are
    /// warnings: a crawl is full of pages that are no article (indexes, tag pages), and
    /// one of them must not fail the batch.
    pub(crate) fn extract(self) -> (Vec<Problem>, Option<Article>, PageOutcome) {
        let record = &self.record;
        let offset = record.offset();
        let origin = Origin {
            path: self.path.to_string(),
            line: None,
            offset: Some(offset),
        };
        let skip =
            |msg: String, outcome| (vec![Problem::warning(origin.clone(), msg)], None, outcome);
        let response = match record.http_response() {
            Ok(r) => r,
            // Not reached: the record was told HTML by this very parse.
            Err(e) => return skip(format!("{e}; skipped"), PageOutcome::Undecodable),
        };
        let limit = usize::try_from(self.max).unwrap_or(usize::MAX);
        let body = match response.body(limit) {
            Ok(b) => b,
            Err(HttpError::TooLarge { .. }) => {
                let msg = format!(
                    "page is larger than the {} limit for one article once decoded; skipped",
                    human_size(self.max)
                );
                return skip(msg, PageOutcome::Oversize);
            }
            Err(e) => {
                let msg = format!("cannot decode the page: {e}; skipped");
                return skip(msg, PageOutcome::Undecodable);
            }
        };
        let uri = record.target_uri().unwrap_or_default();
        let fetched = record
            .date()
            .map(|d| d.to_rfc3339_opts(SecondsFormat::AutoSi, true));
        let info = PageInfo {
            url: Some(uri),
            fetched: fetched.as_deref(),
            content_type: response.content_type(),
        };
        let mut parsed = html::parse_bytes(&body.bytes, uri, &origin, info);
        let Some(mut article) = parsed.article.take() else {
            // "No article text" is an error for a page the user chose; in a crawl it is the
            // common fate of index pages, counted in the summary.
            for p in &mut parsed.problems {
                p.severity = p.severity.min(crate::Severity::Warning);
            }
            return (parsed.problems, None, PageOutcome::NoText);
        };
        if let Some(page) = article.page.as_mut() {
            page.archive = Some(ArchiveRef {
                file: self.archive_file.to_string(),
                offset,
                record_id: record.record_id().unwrap_or_default().to_string(),
            });
        }
        (parsed.problems, Some(article), PageOutcome::Article)
    }
}

/// What a WARC file held, by kind: records skipped as the stream reads them, pages by what
/// became of them as the collector gets them back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    pub pages: u64,
    pub warcinfo: u64,
    pub requests: u64,
    pub metadata: u64,
    pub revisits: u64,
    pub resources: u64,
    pub other: u64,
    pub non_html: u64,
    pub non_2xx: u64,
    pub no_uri: u64,
    pub no_text: u64,
    pub undecodable: u64,
    pub oversize: u64,
    pub damaged: u64,
}

impl Counts {
    pub(crate) fn add_page(&mut self, outcome: PageOutcome) {
        match outcome {
            PageOutcome::Article => self.pages += 1,
            PageOutcome::NoText => self.no_text += 1,
            PageOutcome::Oversize => self.oversize += 1,
            PageOutcome::Undecodable => self.undecodable += 1,
        }
    }

    pub(crate) fn merge(&mut self, o: &Counts) {
        self.pages += o.pages;
        self.warcinfo += o.warcinfo;
        self.requests += o.requests;
        self.metadata += o.metadata;
        self.revisits += o.revisits;
        self.resources += o.resources;
        self.other += o.other;
        self.non_html += o.non_html;
        self.non_2xx += o.non_2xx;
        self.no_uri += o.no_uri;
        self.no_text += o.no_text;
        self.undecodable += o.undecodable;
        self.oversize += o.oversize;
        self.damaged += o.damaged;
    }

    /// `812 pages read; skipped 1 warcinfo, 812 requests, 37 non-HTML responses, …`: only the
    /// kinds the file had.
    pub(crate) fn summary(&self) -> String {
        let kinds: [(u64, &str, &str); 13] = [
            (self.warcinfo, "warcinfo", "warcinfo"),
            (self.requests, "request", "requests"),
            (self.metadata, "metadata", "metadata"),
            (self.revisits, "revisit", "revisits"),
            (self.resources, "resource", "resources"),
            (self.other, "other record", "other records"),
            (self.non_html, "non-HTML response", "non-HTML responses"),
            (self.non_2xx, "non-2xx", "non-2xx"),
            (
                self.no_uri,
                "response without a target URI",
                "responses without a target URI",
            ),
            (
                self.no_text,
                "page with no article text",
                "pages with no article text",
            ),
            (self.undecodable, "undecodable page", "undecodable pages"),
            (self.oversize, "oversize record", "oversize records"),
            (self.damaged, "damaged record", "damaged records"),
        ];
        let count =
            |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut s = format!("{} read", count(self.pages, "page", "pages"));
        let skipped: Vec<String> = kinds
            .iter()
            .filter(|(n, _, _)| *n > 0)
            .map(|&(n, one, many)| count(n, one, many))
            .collect();
        if !skipped.is_empty() {
            s.push_str("; skipped ");
            s.push_str(&skipped.join(", "));
        }
        s
    }
}

#[cfg(test)]
#[path = "warc_tests.rs"]
mod reading;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_names_only_what_the_file_had() {
        let mut c = Counts {
            pages: 812,
            warcinfo: 1,
            requests: 812,
            metadata: 812,
            non_html: 37,
            non_2xx: 12,
            damaged: 3,
            ..Counts::default()
        };
        assert_eq!(
            c.summary(),
            "812 pages read; skipped 1 warcinfo, 812 requests, 812 metadata, \
             37 non-HTML responses, 12 non-2xx, 3 damaged records"
        );
        c.add_page(PageOutcome::NoText);
        c.add_page(PageOutcome::Article);
        assert!(c.summary().starts_with("813 pages read;"));
        assert!(c.summary().contains(", 1 page with no article text, "));
        assert_eq!(Counts::default().summary(), "0 pages read");
    }
}
