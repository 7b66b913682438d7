//! The archived copy of an article: the WARC record it was read from (`page.archive`), found
//! on disk and read back, its HTTP body decoded within a limit.
//!
//! Where the file is: [`ArchiveRef::file`] is relative to the archive folder for pages
//! onrecord fetched itself (`<db>.warc/`, or `onrecord serve --archive DIR`), and absolute
//! for pages read from a `.warc` file the user ingested (older databases may hold the path
//! as it was given, relative to wherever the ingest ran). So an absolute path is taken as
//! it is; a relative one is looked for under the archive folder, then in the working
//! directory. Everything that can go wrong — no reference, no file, an offset that holds no
//! record or another record, a body that cannot be decoded or is too large — is an
//! [`ArchiveError`] that names the file and offset, shown as a 404 or 410, never a 500.
//!
//! Reading is blocking file I/O: callers run it on the blocking pool.

use std::path::{Path, PathBuf};

use axum::http::StatusCode;
use onrecord_core::ArchiveRef;
use onrecord_warc::http::HttpError;
use onrecord_warc::{read_record_at_with, ReaderOptions, RecordType};

use crate::error::AppError;

/// Largest record block read back, and largest body once decoded: the fetcher's own limit
/// on decompressed bodies, far above any article page.
pub const MAX_ARCHIVED: usize = 32 << 20;

/// The WARC file a reference names, if it can be found (see the module docs); else the
/// places looked at.
pub fn locate(file: &str, archive_dir: &Path) -> Result<PathBuf, Vec<PathBuf>> {
    let path = Path::new(file);
    if file.is_empty() || file == "-" {
        return Err(Vec::new());
    }
    if path.is_absolute() {
        return if path.is_file() {
            Ok(path.to_path_buf())
        } else {
            Err(vec![path.to_path_buf()])
        };
    }
    let under = archive_dir.join(path);
    if under.is_file() {
        return Ok(under);
    }
    if path.is_file() {
        return Ok(path.to_path_buf());
    }
    Err(vec![under, path.to_path_buf()])
}

/// How an archived response is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    /// HTML, shown in a sandbox.
    Html,
    /// Text, shown as plain text.
    Text,
    /// Anything else: offered as a download, never rendered.
    Download,
}

/// An archived HTTP response, read back.
#[derive(Clone, Debug)]
pub struct Archived {
    /// The file it was read from, as found.
    pub path: PathBuf,
    pub offset: u64,
    pub record_id: String,
    /// `WARC-Target-URI`.
    pub target_uri: Option<String>,
    /// `WARC-Date` as written.
    pub date: Option<String>,
    pub status: u16,
    /// The response's `Content-Type` as archived.
    pub content_type: Option<String>,
    /// The response's charset, when its `Content-Type` names one.
    pub charset: Option<String>,
    pub shown: Shown,
    /// The body with its transfer and content codings undone.
    pub body: Vec<u8>,
    /// The body ended before its codings said it should (a cut capture).
    pub truncated: bool,
}

/// Why an archived copy cannot be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArchiveError {
    /// The article has no archive reference (not read from a web archive nor fetched).
    None,
    /// Read from standard input: there is no file to read again.
    StandardInput { offset: u64 },
    /// The file is not where the reference says (moved, deleted, another machine).
    Missing {
        file: String,
        offset: u64,
        looked: Vec<PathBuf>,
    },
    /// The file is there, but no readable record of the reference is at the offset.
    Unreadable {
        file: String,
        offset: u64,
        why: String,
    },
}

impl ArchiveError {
    pub fn status(&self) -> StatusCode {
        match self {
            ArchiveError::None | ArchiveError::StandardInput { .. } => StatusCode::NOT_FOUND,
            ArchiveError::Missing { .. } => StatusCode::NOT_FOUND,
            // the file is there but the record is not (any more): gone
            ArchiveError::Unreadable { .. } => StatusCode::GONE,
        }
    }

    pub fn message(&self) -> String {
        match self {
            ArchiveError::None => {
                "This article has no archived copy: it was not read from a web archive \
                 or fetched by onrecord."
                    .into()
            }
            ArchiveError::StandardInput { offset } => format!(
                "This article was read from a WARC archive on standard input (record at \
                 offset {offset}); there is no file to read it from again."
            ),
            ArchiveError::Missing {
                file,
                offset,
                looked,
            } => {
                let places: Vec<String> = looked.iter().map(|p| p.display().to_string()).collect();
                format!(
                    "The archived copy is in WARC file {file} at offset {offset}, but that file \
                     is not there (looked for {}). Start onrecord serve with --archive DIR if \
                     the archive folder moved.",
                    places.join(" and ")
                )
            }
            ArchiveError::Unreadable { file, offset, why } => format!(
                "The archived copy in WARC file {file} at offset {offset} cannot be read: {why}."
            ),
        }
    }
}

impl From<ArchiveError> for AppError {
    fn from(e: ArchiveError) -> AppError {
        AppError::new(e.status(), e.message())
    }
}

/// Read the record `archive` points at and decode its HTTP body (see the module docs).
pub fn read(archive: Option<&ArchiveRef>, archive_dir: &Path) -> Result<Archived, ArchiveError> {
    let Some(r) = archive else {
        return Err(ArchiveError::None);
    };
    if r.file == "-" {
        return Err(ArchiveError::StandardInput { offset: r.offset });
    }
    let path = locate(&r.file, archive_dir).map_err(|looked| ArchiveError::Missing {
        file: r.file.clone(),
        offset: r.offset,
        looked,
    })?;
    let unreadable = |why: String| ArchiveError::Unreadable {
        file: r.file.clone(),
        offset: r.offset,
        why,
    };
    let options = ReaderOptions {
        max_block_size: MAX_ARCHIVED as u64,
        ..ReaderOptions::default()
    };
    let record = read_record_at_with(&path, r.offset, options).map_err(|e| {
        unreadable(match e.kind {
            onrecord_warc::ReadErrorKind::TooLarge { length, limit } => {
                format!("the record is {length} bytes, more than the {limit} bytes shown at most")
            }
            kind => format!("no record there ({kind})"),
        })
    })?;
    // A wrong offset can land on another record (in a file compressed as one gzip stream,
    // every record has the stream's offset): the id tells.
    let found_id = record.record_id().unwrap_or_default();
    if !r.record_id.is_empty() && found_id != r.record_id {
        return Err(unreadable(format!(
            "the record there is {}, not {}",
            if found_id.is_empty() {
                "one without an id"
            } else {
                found_id
            },
            r.record_id
        )));
    }
    if record.record_type() != RecordType::Response {
        return Err(unreadable(format!(
            "the record there is a {} record, not a response",
            record.warc_type().unwrap_or("typeless")
        )));
    }
    let response = record
        .http_response()
        .map_err(|e| unreadable(format!("the record holds no HTTP response ({e})")))?;
    let body = response.body(MAX_ARCHIVED).map_err(|e| {
        unreadable(match e {
            HttpError::TooLarge { limit } => {
                format!("its body is larger than the {limit} bytes shown at most once decoded")
            }
            e => format!("its body cannot be decoded ({e})"),
        })
    })?;
    let shown = if record.is_html_response() {
        Shown::Html
    } else if response
        .media_type()
        .is_some_and(|t| t.to_ascii_lowercase().starts_with("text/"))
    {
        Shown::Text
    } else {
        Shown::Download
    };
    Ok(Archived {
        offset: r.offset,
        record_id: found_id.to_string(),
        target_uri: record.target_uri().map(str::to_string),
        date: record.date_str().map(str::to_string),
        status: response.status,
        content_type: response.content_type().map(str::to_string),
        charset: response.charset().map(str::to_string),
        shown,
        truncated: body.truncated,
        body: body.bytes.into_owned(),
        path,
    })
}

/// A header value from text that may hold anything: visible ASCII kept, the rest (spaces,
/// control characters, non-ASCII) percent-encoded, so that it is always a valid, single
/// header value.
pub fn header_safe(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_graphic() && b != b'%' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn response(content_type: &str, body: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        out.extend_from_slice(body);
        out
    }

    #[test]
    fn relative_files_are_looked_for_in_the_archive_folder() {
        let dir = tempfile::tempdir().unwrap();
        let archive = dir.path().join("db.warc");
        std::fs::create_dir_all(&archive).unwrap();
        std::fs::write(archive.join("a.warc.gz"), b"x").unwrap();
        assert_eq!(
            locate("a.warc.gz", &archive).unwrap(),
            archive.join("a.warc.gz")
        );
        let abs = archive.join("a.warc.gz").display().to_string();
        assert_eq!(
            locate(&abs, Path::new("/nowhere")).unwrap(),
            Path::new(&abs)
        );
        let missing = locate("b.warc.gz", &archive).unwrap_err();
        assert_eq!(
            missing,
            [archive.join("b.warc.gz"), PathBuf::from("b.warc.gz")]
        );
        assert!(locate("-", &archive).unwrap_err().is_empty());
    }

    #[test]
    fn a_record_is_read_back_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = onrecord_warc::Writer::create(dir.path()).unwrap();
        let at = chrono::Utc.with_ymd_and_hms(2031, 3, 7, 9, 0, 0).unwrap();
        let page = w
            .write_response(
                "https://harbour.example/a",
                at,
                &response("text/html; charset=utf-8", b"<p>Ferries</p>"),
                None,
            )
            .unwrap();
        let pdf = w
            .write_response(
                "https://harbour.example/a.pdf",
                at,
                &response("application/pdf", b"%PDF-1.4"),
                None,
            )
            .unwrap();
        w.finish().unwrap();
        let name = page.file.file_name().unwrap().to_str().unwrap().to_string();
        let r = |offset, id: &str| ArchiveRef {
            file: name.clone(),
            offset,
            record_id: id.into(),
        };
        let got = read(Some(&r(page.offset, page.record_id.as_str())), dir.path()).unwrap();
        assert_eq!(got.body, b"<p>Ferries</p>");
        assert_eq!(got.shown, Shown::Html);
        assert_eq!(got.status, 200);
        assert_eq!(got.charset.as_deref(), Some("utf-8"));
        assert_eq!(got.date.as_deref(), Some("2031-03-07T09:00:00Z"));
        assert_eq!(got.target_uri.as_deref(), Some("https://harbour.example/a"));
        let other = read(Some(&r(pdf.offset, pdf.record_id.as_str())), dir.path()).unwrap();
        assert_eq!(other.shown, Shown::Download);

        // another record's id, a bad offset, a missing file, none at all
        let e = read(Some(&r(pdf.offset, page.record_id.as_str())), dir.path()).unwrap_err();
        assert!(matches!(e, ArchiveError::Unreadable { .. }), "{e:?}");
        assert_eq!(e.status(), StatusCode::GONE);
        assert!(e.message().contains(&format!("at offset {}", pdf.offset)));
        let e = read(Some(&r(page.offset + 3, "")), dir.path()).unwrap_err();
        assert!(matches!(e, ArchiveError::Unreadable { .. }), "{e:?}");
        let e = read(Some(&r(1 << 40, "")), dir.path()).unwrap_err();
        assert!(matches!(e, ArchiveError::Unreadable { .. }), "{e:?}");
        let gone = ArchiveRef {
            file: "gone.warc.gz".into(),
            offset: 7,
            record_id: String::new(),
        };
        let e = read(Some(&gone), dir.path()).unwrap_err();
        assert_eq!(e.status(), StatusCode::NOT_FOUND);
        assert!(
            e.message().contains("gone.warc.gz at offset 7"),
            "{}",
            e.message()
        );
        assert_eq!(read(None, dir.path()).unwrap_err(), ArchiveError::None);
        let stdin = ArchiveRef {
            file: "-".into(),
            ..gone
        };
        assert_eq!(
            read(Some(&stdin), dir.path()).unwrap_err().status(),
            StatusCode::NOT_FOUND
        );
    }

    #[test]
    fn header_values_are_always_valid() {
        assert_eq!(
            header_safe("https://a.example/é b\r\nX: y%"),
            "https://a.example/%C3%A9%20b%0D%0AX:%20y%25"
        );
        assert!(axum::http::HeaderValue::from_str(&header_safe("\u{0}\n\u{7f}ü")).is_ok());
    }
}
