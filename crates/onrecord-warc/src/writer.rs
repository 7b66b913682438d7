//! The `.warc.gz` writer: one gzip member per record, files rotated by size, a `warcinfo`
//! record first in each file, every record written whole.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use flate2::write::GzEncoder;
use flate2::Compression;

use crate::headers::media_type;
use crate::record::RecordId;

/// Default [`WriterOptions::max_file_size`]: 1 GiB, Common Crawl's size.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 1 << 30;

/// The WARC version the writer declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WarcVersion {
    /// `WARC/1.0`: what Common Crawl writes and every reader knows.
    V1_0,
    /// `WARC/1.1`.
    V1_1,
}

impl WarcVersion {
    fn line(self) -> &'static str {
        match self {
            WarcVersion::V1_0 => "WARC/1.0",
            WarcVersion::V1_1 => "WARC/1.1",
        }
    }
}

/// How a [`Writer`] names, sizes and describes its files.
#[derive(Clone, Debug)]
pub struct WriterOptions {
    /// File names are `{prefix}-{UTC time}-{serial:05}.warc.gz`.
    pub prefix: String,
    /// A file that reaches this size is closed; the next record starts a new one. A single
    /// record larger than this still goes whole into one file.
    pub max_file_size: u64,
    /// The `software` field of the `warcinfo` records.
    pub software: String,
    /// More `warcinfo` fields (`operator`, `description`, `isPartOf`, `robots`, …).
    pub warcinfo_fields: Vec<(String, String)>,
    pub version: WarcVersion,
    /// `fsync` the file after every record (slow; off by default: each record is handed to
    /// the operating system whole, which survives a crash of the process but not of the
    /// machine). Files are always synced when closed.
    pub sync_each_record: bool,
    /// gzip level, 0–9.
    pub compression_level: u32,
}

impl Default for WriterOptions {
    fn default() -> Self {
        WriterOptions {
            prefix: "onrecord".into(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            software: format!("onrecord/{}", env!("CARGO_PKG_VERSION")),
            warcinfo_fields: Vec::new(),
            version: WarcVersion::V1_0,
            sync_each_record: false,
            compression_level: 6,
        }
    }
}

/// Where a written record is: enough for a database to point at the exact bytes and read
/// them back with [`crate::read_record_at`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RecordRef {
    /// The `.warc.gz` file (directory joined with the file name).
    pub file: PathBuf,
    /// Where the record's gzip member starts.
    pub offset: u64,
    /// The gzip member's length in bytes.
    pub length: u64,
    pub record_id: RecordId,
}

/// What can go wrong writing.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    /// A value that would break the record header (a line break, a space in a URI, …).
    #[error("invalid {field}: {why}")]
    Invalid { field: String, why: String },
}

struct Current {
    path: PathBuf,
    file: File,
    size: u64,
    warcinfo_id: RecordId,
}

/// Writes records into rotating `.warc.gz` files in a directory.
///
/// Files are created only when a record is written, never over an existing file: a writer
/// opened on a directory that already has files goes on with the next serial number.
pub struct Writer {
    dir: PathBuf,
    options: WriterOptions,
    current: Option<Current>,
    next_serial: u64,
}

impl Writer {
    /// A writer into `dir` (created if missing) with the default options.
    pub fn create(dir: impl AsRef<Path>) -> Result<Writer, WriteError> {
        Writer::with_options(dir, WriterOptions::default())
    }

    pub fn with_options(
        dir: impl AsRef<Path>,
        options: WriterOptions,
    ) -> Result<Writer, WriteError> {
        let dir = dir.as_ref().to_path_buf();
        let io_err = |source| WriteError::Io {
            path: dir.clone(),
            source,
        };
        if options.prefix.is_empty() || options.prefix.contains(['/', '\\']) {
            return Err(WriteError::Invalid {
                field: "prefix".into(),
                why: "must be a non-empty file name part".into(),
            });
        }
        for (name, value) in &options.warcinfo_fields {
            check_name(name)?;
            check_value(name, value)?;
        }
        check_value("software", &options.software)?;
        fs::create_dir_all(&dir).map_err(io_err)?;
        let mut next_serial = 0;
        for entry in fs::read_dir(&dir).map_err(io_err)? {
            let entry = entry.map_err(io_err)?;
            if let Some(serial) = entry
                .file_name()
                .to_str()
                .and_then(|n| serial_of(n, &options.prefix))
            {
                next_serial = next_serial.max(serial + 1);
            }
        }
        Ok(Writer {
            dir,
            options,
            current: None,
            next_serial,
        })
    }

    /// The file records go to now, if one is open.
    pub fn current_file(&self) -> Option<&Path> {
        self.current.as_ref().map(|c| c.path.as_path())
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes a `response` record: `http_response` is the message as received (status line,
    /// header fields, blank line, body), stored unchanged. Adds `WARC-Payload-Digest` over the
    /// body as received (still chunked or compressed if it was), as Common Crawl and warcio do.
    pub fn write_response(
        &mut self,
        target_uri: &str,
        date: DateTime<Utc>,
        http_response: &[u8],
        concurrent_to: Option<&RecordId>,
    ) -> Result<RecordRef, WriteError> {
        self.write_record(
            "response",
            Some(target_uri),
            date,
            "application/http; msgtype=response",
            concurrent_to,
            &[],
            http_response,
        )
    }

    /// Writes a `request` record: the HTTP request message as sent.
    pub fn write_request(
        &mut self,
        target_uri: &str,
        date: DateTime<Utc>,
        http_request: &[u8],
        concurrent_to: Option<&RecordId>,
    ) -> Result<RecordRef, WriteError> {
        self.write_record(
            "request",
            Some(target_uri),
            date,
            "application/http; msgtype=request",
            concurrent_to,
            &[],
            http_request,
        )
    }

    /// Writes a `metadata` record whose block is `name: value` lines
    /// (`application/warc-fields`), about the record `concurrent_to` if given (fetch time,
    /// redirects, the extractor's verdict…).
    pub fn write_metadata(
        &mut self,
        target_uri: &str,
        date: DateTime<Utc>,
        fields: &[(&str, &str)],
        concurrent_to: Option<&RecordId>,
    ) -> Result<RecordRef, WriteError> {
        let mut block = String::new();
        for (name, value) in fields {
            check_name(name)?;
            check_value(name, value)?;
            block.push_str(&format!("{name}: {value}\r\n"));
        }
        self.write_record(
            "metadata",
            Some(target_uri),
            date,
            "application/warc-fields",
            concurrent_to,
            &[],
            block.as_bytes(),
        )
    }

    /// Writes a `resource` record: content without an HTTP envelope (a file read from disk, a
    /// page as a browser rendered it).
    pub fn write_resource(
        &mut self,
        target_uri: &str,
        date: DateTime<Utc>,
        content_type: &str,
        content: &[u8],
        concurrent_to: Option<&RecordId>,
    ) -> Result<RecordRef, WriteError> {
        self.write_record(
            "resource",
            Some(target_uri),
            date,
            content_type,
            concurrent_to,
            &[],
            content,
        )
    }

    /// Writes any record. The writer supplies `WARC-Record-ID`, `WARC-Date`,
    /// `WARC-Warcinfo-ID`, `Content-Length`, `WARC-Block-Digest` and, for an HTTP response,
    /// `WARC-Payload-Digest`; `extra` adds more fields (for a `revisit`:
    /// `WARC-Refers-To`, `WARC-Profile`, `WARC-Payload-Digest`…).
    #[allow(clippy::too_many_arguments)]
    pub fn write_record(
        &mut self,
        warc_type: &str,
        target_uri: Option<&str>,
        date: DateTime<Utc>,
        content_type: &str,
        concurrent_to: Option<&RecordId>,
        extra: &[(&str, &str)],
        block: &[u8],
    ) -> Result<RecordRef, WriteError> {
        check_name(warc_type)?;
        check_value("Content-Type", content_type)?;
        if let Some(uri) = target_uri {
            check_uri(uri)?;
        }
        for (name, value) in extra {
            check_name(name)?;
            check_value(name, value)?;
            if WRITER_FIELDS.iter().any(|f| f.eq_ignore_ascii_case(name)) {
                return Err(WriteError::Invalid {
                    field: name.to_string(),
                    why: "is written by the writer".into(),
                });
            }
        }
        if self.current.is_none() {
            self.open_file()?;
        }
        let current = self.current.as_ref().expect("opened");
        let id = RecordId::random();
        let mut fields: Vec<(&str, String)> = vec![
            ("WARC-Type", warc_type.to_string()),
            ("WARC-Record-ID", id.to_string()),
            ("WARC-Date", warc_date(date)),
        ];
        if let Some(uri) = target_uri {
            fields.push(("WARC-Target-URI", uri.to_string()));
        }
        if let Some(other) = concurrent_to {
            fields.push(("WARC-Concurrent-To", other.to_string()));
        }
        fields.push(("WARC-Warcinfo-ID", current.warcinfo_id.to_string()));
        for (name, value) in extra {
            fields.push((name, value.to_string()));
        }
        fields.push(("Content-Type", content_type.to_string()));
        fields.push(("WARC-Block-Digest", sha1_digest(block)));
        if is_http_response(content_type)
            && !extra
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case("WARC-Payload-Digest"))
        {
            if let Some(body) = http_body(block) {
                fields.push(("WARC-Payload-Digest", sha1_digest(body)));
            }
        }
        self.append(id, &fields, block)
    }

    /// Closes the current file (synced to disk); the next record starts a new file.
    pub fn rotate(&mut self) -> Result<(), WriteError> {
        if let Some(current) = self.current.take() {
            current.file.sync_all().map_err(|source| WriteError::Io {
                path: current.path.clone(),
                source,
            })?;
        }
        Ok(())
    }

    /// Closes the current file, synced to disk.
    pub fn finish(mut self) -> Result<(), WriteError> {
        self.rotate()
    }

    /// Opens the next file and writes its `warcinfo` record.
    fn open_file(&mut self) -> Result<(), WriteError> {
        let stamp = Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
        let (path, file) = loop {
            let name = format!(
                "{}-{stamp}-{:05}.warc.gz",
                self.options.prefix, self.next_serial
            );
            let path = self.dir.join(&name);
            self.next_serial += 1;
            // create_new: never truncate or append to a file someone else made meanwhile.
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(file) => break (path, file),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(source) => return Err(WriteError::Io { path, source }),
            }
        };
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let id = RecordId::random();
        self.current = Some(Current {
            path,
            file,
            size: 0,
            warcinfo_id: id.clone(),
        });
        let format = match self.options.version {
            WarcVersion::V1_0 => "WARC File Format 1.0",
            WarcVersion::V1_1 => "WARC File Format 1.1",
        };
        let mut block = format!(
            "software: {}\r\nformat: {format}\r\nconformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-{}/\r\n",
            self.options.software,
            &self.options.version.line()[5..],
        );
        for (name, value) in &self.options.warcinfo_fields {
            block.push_str(&format!("{name}: {value}\r\n"));
        }
        let fields: Vec<(&str, String)> = vec![
            ("WARC-Type", "warcinfo".into()),
            ("WARC-Record-ID", id.to_string()),
            ("WARC-Date", warc_date(Utc::now())),
            ("WARC-Filename", name),
            ("Content-Type", "application/warc-fields".into()),
            ("WARC-Block-Digest", sha1_digest(block.as_bytes())),
        ];
        self.append(id, &fields, block.as_bytes()).map(drop)
    }

    /// Writes one record as one gzip member, whole, to the current file.
    fn append(
        &mut self,
        id: RecordId,
        fields: &[(&str, String)],
        block: &[u8],
    ) -> Result<RecordRef, WriteError> {
        let mut head = String::with_capacity(512);
        head.push_str(self.options.version.line());
        head.push_str("\r\n");
        for (name, value) in fields {
            head.push_str(name);
            head.push_str(": ");
            head.push_str(value);
            head.push_str("\r\n");
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", block.len()));

        let level = Compression::new(self.options.compression_level.min(9));
        let mut gz = GzEncoder::new(Vec::with_capacity(block.len() / 3 + 1024), level);
        let member = gz
            .write_all(head.as_bytes())
            .and_then(|()| gz.write_all(block))
            .and_then(|()| gz.write_all(b"\r\n\r\n"))
            .and_then(|()| gz.finish());
        let current = self.current.as_mut().expect("opened");
        let io_err = |source| WriteError::Io {
            path: current.path.clone(),
            source,
        };
        let member = member.map_err(io_err)?;
        if let Err(e) = current.file.write_all(&member) {
            // Take back a partial member so the file stays a sequence of whole records.
            let _ = current.file.set_len(current.size);
            return Err(io_err(e));
        }
        if self.options.sync_each_record {
            current.file.sync_data().map_err(io_err)?;
        }
        let reference = RecordRef {
            file: current.path.clone(),
            offset: current.size,
            length: member.len() as u64,
            record_id: id,
        };
        current.size += member.len() as u64;
        if current.size >= self.options.max_file_size {
            self.rotate()?;
        }
        Ok(reference)
    }
}

/// Fields the writer sets itself and `extra` must not repeat.
const WRITER_FIELDS: [&str; 7] = [
    "WARC-Type",
    "WARC-Record-ID",
    "WARC-Date",
    "WARC-Target-URI",
    "Content-Length",
    "Content-Type",
    "WARC-Block-Digest",
];

/// `WARC-Date` at second precision, `Z`: valid in WARC/1.0 and 1.1 and what Common Crawl writes.
fn warc_date(date: DateTime<Utc>) -> String {
    date.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `sha1:` + RFC 4648 base32, the digest form of Common Crawl, Heritrix and warcio.
pub(crate) fn sha1_digest(bytes: &[u8]) -> String {
    let digest = sha1_smol::Sha1::from(bytes).digest().bytes();
    format!("sha1:{}", data_encoding::BASE32.encode(&digest))
}

fn is_http_response(content_type: &str) -> bool {
    media_type(content_type).eq_ignore_ascii_case("application/http")
        && crate::headers::parameter(content_type, "msgtype")
            .is_some_and(|m| m.eq_ignore_ascii_case("response"))
}

/// The body of an HTTP message: what follows the first blank line.
fn http_body(message: &[u8]) -> Option<&[u8]> {
    let crlf = message
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| i + 4);
    let lf = message.windows(2).position(|w| w == b"\n\n").map(|i| i + 2);
    let start = match (crlf, lf) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    Some(&message[start..])
}

/// The serial number of a file this writer (with this prefix) names.
fn serial_of(name: &str, prefix: &str) -> Option<u64> {
    let rest = name.strip_prefix(prefix)?.strip_prefix('-')?;
    let stem = rest.strip_suffix(".warc.gz")?;
    let (_, serial) = stem.rsplit_once('-')?;
    if serial.is_empty() || !serial.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    serial.parse().ok()
}

fn check_name(name: &str) -> Result<(), WriteError> {
    let ok = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(WriteError::Invalid {
            field: name.to_string(),
            why: "not a valid field name".into(),
        })
    }
}

fn check_value(field: &str, value: &str) -> Result<(), WriteError> {
    if value.chars().any(|c| c.is_control()) {
        return Err(WriteError::Invalid {
            field: field.to_string(),
            why: "contains a line break or control character".into(),
        });
    }
    Ok(())
}

fn check_uri(uri: &str) -> Result<(), WriteError> {
    check_value("WARC-Target-URI", uri)?;
    if uri.is_empty() || uri.chars().any(char::is_whitespace) {
        return Err(WriteError::Invalid {
            field: "WARC-Target-URI".into(),
            why: "must be a non-empty URI without spaces".into(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::http_page;
    use crate::{read_record_at, ReadErrorKind, Reader, Record, RecordType};
    use chrono::TimeZone;

    fn date() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 6, 19, 55, 12).unwrap()
    }

    fn files(dir: &Path) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files
    }

    fn read(path: &Path) -> Vec<Record> {
        Reader::open(path).unwrap().map(Result::unwrap).collect()
    }

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = Writer::create(dir.path()).unwrap();
        assert!(
            w.current_file().is_none(),
            "no file before the first record"
        );
        let uri = "https://news.example/2026/12/06/harbour";
        let request = b"GET /2026/12/06/harbour HTTP/1.1\r\nHost: news.example\r\n\r\n";
        let page = http_page(7);
        let req = w.write_request(uri, date(), request, None).unwrap();
        let resp = w
            .write_response(uri, date(), &page, Some(&req.record_id))
            .unwrap();
        let meta = w
            .write_metadata(
                uri,
                date(),
                &[("fetchTimeMs", "85"), ("via", "onrecord fetch")],
                Some(&resp.record_id),
            )
            .unwrap();
        let res = w
            .write_resource(
                "urn:onrecord:note:1",
                date(),
                "text/plain; charset=utf-8",
                b"an invented note",
                None,
            )
            .unwrap();
        let digest =
            sha1_digest(&page[page.windows(4).position(|x| x == b"\r\n\r\n").unwrap() + 4..]);
        let revisit = w
            .write_record(
                "revisit",
                Some(uri),
                date(),
                "application/http; msgtype=response",
                None,
                &[
                    ("WARC-Refers-To", resp.record_id.as_str()),
                    (
                        "WARC-Profile",
                        "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest",
                    ),
                    ("WARC-Payload-Digest", &digest),
                ],
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
            )
            .unwrap();
        let path = w.current_file().unwrap().to_path_buf();
        w.finish().unwrap();

        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(
            name.starts_with("onrecord-") && name.ends_with("-00000.warc.gz"),
            "{name}"
        );
        assert_eq!(name.len(), "onrecord-20261206T195512Z-00000.warc.gz".len());

        let records = read(&path);
        assert_eq!(records.len(), 6);
        let info = &records[0];
        assert_eq!(info.record_type(), RecordType::Warcinfo);
        assert_eq!(info.offset(), 0);
        assert_eq!(info.header("WARC-Filename"), Some(name));
        let info_block = String::from_utf8(info.block().to_vec()).unwrap();
        assert!(info_block.contains(&format!(
            "software: onrecord/{}\r\n",
            env!("CARGO_PKG_VERSION")
        )));
        assert!(info_block.contains("format: WARC File Format 1.0\r\n"));

        let refs = [&req, &resp, &meta, &res, &revisit];
        for (r, reference) in records[1..].iter().zip(refs) {
            assert_eq!(reference.file, path);
            assert_eq!(r.offset(), reference.offset);
            assert_eq!(r.length(), Some(reference.length));
            assert_eq!(r.record_id(), Some(reference.record_id.as_str()));
            assert_eq!(r.version(), "WARC/1.0");
            assert_eq!(r.date_str(), Some("2026-12-06T19:55:12Z"));
            assert_eq!(r.date(), Some(date()));
            assert_eq!(r.header("WARC-Warcinfo-ID"), info.record_id());
            assert_eq!(r.verify_block_digest(), Some(true));
            assert_eq!(
                &read_record_at(&reference.file, reference.offset).unwrap(),
                r
            );
        }
        assert_eq!(
            records[5].offset() + records[5].length().unwrap(),
            fs::metadata(&path).unwrap().len()
        );

        let response = &records[2];
        assert_eq!(response.record_type(), RecordType::Response);
        assert_eq!(response.target_uri(), Some(uri));
        assert_eq!(
            response.content_type(),
            Some("application/http; msgtype=response")
        );
        assert_eq!(
            response.header("WARC-Concurrent-To"),
            Some(req.record_id.as_str())
        );
        assert_eq!(response.block(), &page[..]);
        assert_eq!(response.payload_digest(), Some(digest.as_str()));
        assert!(response.is_html_response());
        let http = response.http_response().unwrap();
        assert_eq!(http.status, 200);
        assert_eq!(http.charset(), Some("utf-8"));
        assert!(
            records[1].payload_digest().is_none(),
            "requests have no payload digest"
        );
        assert_eq!(records[1].block(), request);
        assert_eq!(
            records[3].block(),
            b"fetchTimeMs: 85\r\nvia: onrecord fetch\r\n"
        );
        assert_eq!(records[4].content_type(), Some("text/plain; charset=utf-8"));
        assert_eq!(records[5].payload_digest(), Some(digest.as_str()));
        assert_eq!(
            records[5].header("WARC-Refers-To"),
            Some(resp.record_id.as_str())
        );
    }

    #[test]
    fn digests_match_the_common_crawl_form() {
        // sha1("") in base32, as in countless CC revisit records.
        assert_eq!(sha1_digest(b""), "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
    }

    #[test]
    fn rotation_by_size_and_by_hand() {
        let dir = tempfile::tempdir().unwrap();
        let options = WriterOptions {
            max_file_size: 1500,
            warcinfo_fields: vec![("operator".into(), "tests".into())],
            ..WriterOptions::default()
        };
        let mut w = Writer::with_options(dir.path(), options).unwrap();
        let mut refs = Vec::new();
        for n in 0..6 {
            refs.push(
                w.write_response("https://news.example/r", date(), &http_page(n), None)
                    .unwrap(),
            );
        }
        w.rotate().unwrap();
        assert!(w.current_file().is_none());
        refs.push(
            w.write_response("https://news.example/r", date(), &http_page(9), None)
                .unwrap(),
        );
        w.finish().unwrap();

        let files = files(dir.path());
        assert!(files.len() >= 3, "{files:?}");
        let mut total = 0;
        for (i, f) in files.iter().enumerate() {
            let name = f.file_name().unwrap().to_str().unwrap();
            assert!(name.ends_with(&format!("-{i:05}.warc.gz")), "{name}");
            let records = read(f);
            assert_eq!(records[0].record_type(), RecordType::Warcinfo);
            assert!(String::from_utf8_lossy(records[0].block()).contains("operator: tests"));
            assert!(records[1..]
                .iter()
                .all(|r| r.record_type() == RecordType::Response));
            total += records.len() - 1;
        }
        assert_eq!(total, 7);
        assert_eq!(refs.last().unwrap().file, *files.last().unwrap());
        for r in &refs {
            let back = read_record_at(&r.file, r.offset).unwrap();
            assert_eq!(back.record_id(), Some(r.record_id.as_str()));
        }
    }

    #[test]
    fn reopening_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("unrelated.warc.gz"), b"x").unwrap();
        fs::write(dir.path().join("onrecord-notes.txt"), b"x").unwrap();
        let mut w = Writer::create(dir.path()).unwrap();
        w.write_response("https://news.example/a", date(), &http_page(1), None)
            .unwrap();
        let first = w.current_file().unwrap().to_path_buf();
        w.finish().unwrap();
        let before = fs::read(&first).unwrap();

        let mut w = Writer::create(dir.path()).unwrap();
        let r = w
            .write_response("https://news.example/b", date(), &http_page(2), None)
            .unwrap();
        w.finish().unwrap();
        assert_ne!(r.file, first);
        assert!(r.file.to_str().unwrap().ends_with("-00001.warc.gz"));
        assert_eq!(fs::read(&first).unwrap(), before);
        assert_eq!(files(dir.path()).len(), 4);
    }

    #[test]
    fn crash_mid_record_leaves_a_readable_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = Writer::create(dir.path()).unwrap();
        let refs: Vec<RecordRef> = (0..3)
            .map(|n| {
                w.write_response("https://news.example/c", date(), &http_page(n), None)
                    .unwrap()
            })
            .collect();
        w.finish().unwrap();
        let path = &refs[2].file;
        let cut = refs[2].offset + refs[2].length / 2;
        let file = OpenOptions::new().write(true).open(path).unwrap();
        file.set_len(cut).unwrap();
        drop(file);

        let items: Vec<_> = Reader::open(path).unwrap().collect();
        let responses: Vec<&Record> = items
            .iter()
            .filter_map(|i| i.as_ref().ok())
            .filter(|r| r.record_type() == RecordType::Response)
            .collect();
        let errors: Vec<_> = items.iter().filter_map(|i| i.as_ref().err()).collect();
        assert_eq!(responses.len(), 2);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].offset, refs[2].offset);
        assert!(matches!(errors[0].kind, ReadErrorKind::Truncated(_)));
        assert!(errors[0].to_string().contains(&refs[2].offset.to_string()));
    }

    #[test]
    fn header_injection_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = Writer::create(dir.path()).unwrap();
        let page = http_page(1);
        for uri in [
            "https://x.example/a b",
            "https://x.example/\r\nWARC-Type: evil",
            "",
        ] {
            assert!(matches!(
                w.write_response(uri, date(), &page, None),
                Err(WriteError::Invalid { .. })
            ));
        }
        assert!(w
            .write_metadata("https://x.example/", date(), &[("a\nb", "c")], None)
            .is_err());
        assert!(w
            .write_metadata("https://x.example/", date(), &[("a", "c\r\n")], None)
            .is_err());
        assert!(w
            .write_record(
                "resource",
                None,
                date(),
                "text/plain",
                None,
                &[("Content-Length", "1")],
                b"x"
            )
            .is_err());
        assert!(w.current_file().is_none(), "nothing written");
        assert!(Writer::with_options(
            dir.path(),
            WriterOptions {
                prefix: "a/b".into(),
                ..WriterOptions::default()
            }
        )
        .is_err());
    }

    #[test]
    fn serials_from_names() {
        assert_eq!(
            serial_of("onrecord-20261206T195512Z-00042.warc.gz", "onrecord"),
            Some(42)
        );
        assert_eq!(
            serial_of("onrecord-20261206T195512Z-123456.warc.gz", "onrecord"),
            Some(123_456)
        );
        assert_eq!(
            serial_of("other-20261206T195512Z-00042.warc.gz", "onrecord"),
            None
        );
        assert_eq!(
            serial_of("onrecord-20261206T195512Z-00042.warc", "onrecord"),
            None
        );
        assert_eq!(serial_of("onrecord-x-y.warc.gz", "onrecord"), None);
    }

    #[test]
    fn warc_1_1_files() {
        let dir = tempfile::tempdir().unwrap();
        let options = WriterOptions {
            version: WarcVersion::V1_1,
            ..WriterOptions::default()
        };
        let mut w = Writer::with_options(dir.path(), options).unwrap();
        let r = w
            .write_response("https://news.example/v", date(), &http_page(3), None)
            .unwrap();
        w.finish().unwrap();
        let back = read_record_at(&r.file, r.offset).unwrap();
        assert_eq!(back.version(), "WARC/1.1");
    }
}
