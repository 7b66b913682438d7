//! Readers that turn user inputs (`.txt`, `.jsonl`, `.html`, `.warc`/`.warc.gz` files,
//! folders, standard input) into [`Article`]s.
//!
//! Reading is lazy and streaming so that a large corpus costs memory for one article at a
//! time, and every problem with one input is reported as an [`Item::Problem`] instead of
//! stopping the batch: one bad file in ten thousand must not lose the other 9,999.
//! The formats and every message are described in `docs/INPUTS.md`.
//!
//! [`read_inputs`] does everything on the thread that iterates. A caller with a thread pool
//! uses [`read_pending`] instead: the iterator then only reads, and the costly part of a web
//! page (decoding and extracting the article, most of the time spent on a WARC file) is left
//! to [`Pending::extract`], which the caller runs in parallel, handing the results back to a
//! [`Collector`] in input order.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use onrecord_core::{Article, Origin};
use serde::Serialize;

mod date;
mod decode;
mod html;
mod inputs;
mod jsonl;
mod pending;
mod txt;
mod warc;

pub use pending::{Collector, Extracted, Pending};

/// An input format. Files are told apart by extension; standard input by
/// [`ReadOptions::stdin_format`] or by sniffing its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Txt,
    Jsonl,
    Html,
    /// A web archive (ISO 28500), plain or gzip-compressed: many pages, read record by record.
    Warc,
}

impl Format {
    /// The format for a file extension (without the dot), case-insensitive. `warc.gz` counts
    /// as one extension.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" => Some(Format::Txt),
            "jsonl" => Some(Format::Jsonl),
            "html" | "htm" => Some(Format::Html),
            "warc" | "warc.gz" => Some(Format::Warc),
            _ => None,
        }
    }

    /// The format of a path, from its extension; for `.warc.gz` the end of the whole name,
    /// since `.gz` alone says nothing of what was compressed.
    pub fn of_path(path: &std::path::Path) -> Option<Format> {
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        if name.ends_with(".warc.gz") {
            return Some(Format::Warc);
        }
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension)
    }

    /// Guesses the format of unnamed input from its first bytes: a `WARC/` version line or
    /// the gzip magic number is a WARC (the only compressed input onrecord reads); otherwise
    /// the first non-space character decides: `{` is JSONL, `<` is HTML, anything else plain
    /// text.
    pub fn sniff(bytes: &[u8]) -> Format {
        if bytes.starts_with(b"WARC/") || bytes.starts_with(&[0x1f, 0x8b]) {
            return Format::Warc;
        }
        let bytes = bytes.strip_prefix(decode::UTF8_BOM).unwrap_or(bytes);
        match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => Format::Jsonl,
            Some(b'<') => Format::Html,
            _ => Format::Txt,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Jsonl => "jsonl",
            Format::Html => "html",
            Format::Warc => "warc",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;

    /// Accepts `txt`, `jsonl`, `html`, `htm`, `warc`, `warc.gz` (any case, with or without a
    /// leading dot), so a command-line flag can take the same words as the extensions.
    fn from_str(s: &str) -> Result<Format, String> {
        let s = s.trim();
        Format::from_extension(s.strip_prefix('.').unwrap_or(s))
            .ok_or_else(|| format!("unknown format '{s}': expected txt, jsonl, html or warc"))
    }
}

/// The default for [`ReadOptions::max_file_bytes`]: 64 MiB, far beyond any real article.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How to read inputs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    /// Format of standard input (`-`); `None` sniffs it.
    pub stdin_format: Option<Format>,
    /// Largest single article: a `.txt`/`.html` file, standard input read as one article, one
    /// JSONL line, or one WARC record (and its page once decompressed). Guards memory against
    /// a wrong file (a disk image named `.txt`) and a decompression bomb.
    pub max_file_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            stdin_format: None,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
        }
    }
}

/// How bad a [`Problem`] is: a note is information, nothing wrong (the summary of a WARC
/// file); a warning still yields the article (perhaps with less metadata), or skips a
/// part of a many-article input that was never going to be one (a damaged WARC record, a page
/// without article text); an error means the input, or that JSONL line, yielded nothing.
/// Only errors should make a command fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// Something wrong with one input, reported in place and never fatal to the batch; or, as a
/// [`Severity::Note`], something the user should know about one (what a WARC file held).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file (and line, for JSONL records and `.txt` front matter, or byte offset, for WARC
    /// records) the problem is about.
    pub origin: Origin,
    pub severity: Severity,
    pub message: String,
}

impl Problem {
    pub fn warning(origin: Origin, message: impl Into<String>) -> Problem {
        Problem {
            origin,
            severity: Severity::Warning,
            message: message.into(),
        }
    }

    pub fn note(origin: Origin, message: impl Into<String>) -> Problem {
        Problem {
            origin,
            severity: Severity::Note,
            message: message.into(),
        }
    }

    pub fn error(origin: Origin, message: impl Into<String>) -> Problem {
        Problem {
            origin,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `path:line: message`, the form editors and terminals turn into links (`path@offset:
/// message` for a WARC record).
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

impl std::error::Error for Problem {}

/// One thing read from the inputs, in input order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Article(Article),
    Problem(Problem),
}

impl Item {
    pub fn article(&self) -> Option<&Article> {
        match self {
            Item::Article(a) => Some(a),
            Item::Problem(_) => None,
        }
    }

    pub fn problem(&self) -> Option<&Problem> {
        match self {
            Item::Article(_) => None,
            Item::Problem(p) => Some(p),
        }
    }
}

/// Reads one fetched web page (bytes as received, any charset) into an article, through the
/// same extractor as `.html` files: `id` becomes the article id, `url` is where it was
/// fetched from (the article's URL unless the page names a canonical one), `fetched` the
/// fetch time (RFC 3339) and `content_type` the response's `Content-Type` header (its
/// charset is weighed against the page's own). Problems name `origin`; an error means no
/// article.
pub fn read_page(
    bytes: &[u8],
    id: &str,
    origin: &Origin,
    url: Option<&str>,
    fetched: Option<&str>,
    content_type: Option<&str>,
) -> (Option<Article>, Vec<Problem>) {
    let info = html::PageInfo {
        url,
        fetched,
        content_type,
    };
    let parsed = html::parse_bytes(bytes, id, origin, info);
    (parsed.article, parsed.problems)
}

/// Lazily walks the paths (files, folders recursively in sorted order, `-` = standard input)
/// and yields articles and problems in input order.
///
/// Nothing is opened before the iterator is advanced, at most one file is open at a time,
/// JSONL is read line by line and WARC record by record. The iterator is `Send` so the caller
/// can move it into a thread feeding a rayon pool. Web pages are extracted on the iterating
/// thread; see [`read_pending`] to extract them elsewhere.
pub fn read_inputs(paths: &[PathBuf], opts: &ReadOptions) -> impl Iterator<Item = Item> + Send {
    pending::resolve(read_pending(paths, opts))
}

/// [`read_inputs`] without the page extraction: yields [`Pending`] steps in input order, each
/// to be [extracted](Pending::extract) on any thread and handed, in the same order, to one
/// [`Collector`], which gives the items `read_inputs` would have given:
///
/// ```no_run
/// # use onrecord_ingest::*;
/// # let paths = vec![std::path::PathBuf::from("news.warc.gz")];
/// let mut collector = Collector::default();
/// let steps: Vec<Pending> = read_pending(&paths, &ReadOptions::default()).take(256).collect();
/// // e.g. `steps.into_par_iter().map(Pending::extract).collect()` with rayon
/// let extracted: Vec<Extracted> = steps.into_iter().map(Pending::extract).collect();
/// for e in extracted {
///     for item in collector.collect(e) { /* an Item, in input order */ }
/// }
/// ```
pub fn read_pending(paths: &[PathBuf], opts: &ReadOptions) -> impl Iterator<Item = Pending> + Send {
    inputs::Inputs::new(paths, opts.clone(), Box::new(std::io::stdin()))
}

#[cfg(test)]
mod tests;
