//! Readers that turn user inputs (`.txt`, `.jsonl`, `.html` files, folders, standard input)
//! into [`Article`]s.
//!
//! Reading is lazy and streaming so that a large corpus costs memory for one article at a
//! time, and every problem with one input is reported as an [`Item::Problem`] instead of
//! stopping the batch: one bad file in ten thousand must not lose the other 9,999.
//! The formats and every message are described in `docs/INPUTS.md`.

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
mod txt;

/// An input format. Files are told apart by extension; standard input by
/// [`ReadOptions::stdin_format`] or by sniffing its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Txt,
    Jsonl,
    Html,
}

impl Format {
    /// The format for a file extension (without the dot), case-insensitive.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" => Some(Format::Txt),
            "jsonl" => Some(Format::Jsonl),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }

    /// The format of a path, from its extension.
    pub fn of_path(path: &std::path::Path) -> Option<Format> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension)
    }

    /// Guesses the format of unnamed input from its first non-space character:
    /// `{` is JSONL, `<` is HTML, anything else plain text.
    pub fn sniff(bytes: &[u8]) -> Format {
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

    /// Accepts `txt`, `jsonl`, `html`, `htm` (any case, with or without a leading dot), so a
    /// command-line flag can take the same words as the extensions.
    fn from_str(s: &str) -> Result<Format, String> {
        let s = s.trim();
        Format::from_extension(s.strip_prefix('.').unwrap_or(s))
            .ok_or_else(|| format!("unknown format '{s}': expected txt, jsonl or html"))
    }
}

/// The default for [`ReadOptions::max_file_bytes`]: 64 MiB, far beyond any real article.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How to read inputs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    /// Format of standard input (`-`); `None` sniffs it.
    pub stdin_format: Option<Format>,
    /// Largest single article: a `.txt`/`.html` file, standard input read as one article, or
    /// one JSONL line. Guards memory against a wrong file (a disk image named `.txt`).
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

/// How bad a [`Problem`] is: a warning still yields the article (perhaps with less
/// metadata); an error means the input, or that JSONL line, yielded nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// Something wrong with one input, reported in place and never fatal to the batch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file (and line, for JSONL records and `.txt` front matter) the problem is about.
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

/// `path:line: message`, the form editors and terminals turn into links.
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
/// Nothing is opened before the iterator is advanced, at most one file is open at a time, and
/// JSONL is read line by line. The iterator is `Send` so the caller can move it into a thread
/// feeding a rayon pool.
pub fn read_inputs(paths: &[PathBuf], opts: &ReadOptions) -> impl Iterator<Item = Item> + Send {
    inputs::Inputs::new(paths, opts.clone(), Box::new(std::io::stdin()))
}

#[cfg(test)]
mod tests;
