//! The streaming record reader: one record in memory at a time, errors as items, resync after
//! damage.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use crate::error::{ReadError, ReadErrorKind};
use crate::headers::{shorten, text, Headers};
use crate::input::Input;
use crate::record::Record;
use crate::stream::{probe_member, Stream};

/// Default [`ReaderOptions::max_block_size`]: 64 MiB, far above any news page (Common Crawl
/// cuts payloads at 1 MiB) yet small enough that one bad `Content-Length` cannot take the
/// machine's memory.
pub const DEFAULT_MAX_BLOCK_SIZE: u64 = 64 << 20;
/// Default [`ReaderOptions::max_header_size`]: 256 KiB (real WARC headers are under 4 KiB).
pub const DEFAULT_MAX_HEADER_SIZE: usize = 256 << 10;

/// Limits and the starting offset of a [`Reader`].
#[derive(Clone, Debug)]
pub struct ReaderOptions {
    /// Records whose block is larger are read past, not kept, and reported as a warning
    /// ([`ReadErrorKind::TooLarge`]).
    pub max_block_size: u64,
    /// A record header larger than this is corrupt.
    pub max_header_size: usize,
    /// The file offset of the first byte the reader is given, for a reader opened on a file
    /// that was seeked (offsets in records and errors are then file offsets).
    pub start_offset: u64,
}

impl Default for ReaderOptions {
    fn default() -> Self {
        ReaderOptions {
            max_block_size: DEFAULT_MAX_BLOCK_SIZE,
            max_header_size: DEFAULT_MAX_HEADER_SIZE,
            start_offset: 0,
        }
    }
}

/// What the reader does next.
#[derive(Clone, Copy, Debug)]
enum State {
    /// Reads the record at the current position.
    Records,
    /// Scans the raw input from this offset for the next record: a gzip member whose data
    /// starts with `WARC/`, or in a plain file a line starting with `WARC/1.`.
    ResyncRaw(u64),
    /// Scans forward in the decompressed data of a gzip member for a line starting with
    /// `WARC/1.` (or a member starting with `WARC/`), for damage inside a multi-record member.
    /// Skips one byte first when still at the failed record's position `(member, inner)`.
    ResyncText {
        members: u64,
        inner: u64,
    },
    Done,
}

/// A record that failed, and how to go on.
struct Failure {
    err: ReadError,
    next: State,
}

/// Reads WARC records from a plain `.warc` or a `.warc.gz` stream, one at a time.
///
/// An iterator of `Result<Record, ReadError>`: damaged records come as errors and reading goes
/// on after them (see the crate docs); it ends at the end of the input or after an I/O error.
pub struct Reader<R> {
    options: ReaderOptions,
    /// The input until its first bytes have told plain from gzip.
    input: Option<Input<R>>,
    stream: Option<Stream<R>>,
    state: State,
    /// The last offset a resync started from, so that resyncs only move forward.
    floor: Option<u64>,
    /// The offset of the last error given out, so one damage is not reported twice.
    last_error: Option<u64>,
}

impl Reader<File> {
    /// Opens a `.warc` or `.warc.gz` file (told apart by its first bytes, not its name).
    pub fn open(path: impl AsRef<Path>) -> io::Result<Reader<File>> {
        Ok(Reader::new(File::open(path)?))
    }
}

impl<R: Read> Reader<R> {
    /// A reader with the default options. The reader buffers by itself: give it a `File`, not
    /// a `BufReader`.
    pub fn new(inner: R) -> Reader<R> {
        Reader::with_options(inner, ReaderOptions::default())
    }

    pub fn with_options(inner: R, options: ReaderOptions) -> Reader<R> {
        Reader {
            input: Some(Input::new(inner, options.start_offset)),
            options,
            stream: None,
            state: State::Records,
            floor: None,
            last_error: None,
        }
    }

    /// Whether the input is gzip-compressed; `None` until the first record is asked for.
    pub fn is_gzip(&self) -> Option<bool> {
        self.stream.as_ref().map(Stream::is_gzip)
    }

    /// Tells plain from gzip by the first two bytes (`1f 8b`).
    fn start(&mut self) -> Result<(), ReadError> {
        if self.stream.is_some() {
            return Ok(());
        }
        let Some(mut input) = self.input.take() else {
            return Ok(());
        };
        let at = input.offset();
        let gzip = match input.peek(2) {
            Ok(head) => head.starts_with(&[0x1f, 0x8b]),
            Err(e) => return Err(ReadError::from_io(at, e)),
        };
        self.stream = Some(Stream::new(input, gzip));
        Ok(())
    }

    fn stream(&mut self) -> &mut Stream<R> {
        self.stream.as_mut().expect("started")
    }

    /// Reads the record at the current position. `Ok(None)` at the end of the input.
    fn read_record(&mut self) -> Result<Option<Record>, Failure> {
        let max_header = self.options.max_header_size;
        let max_block = self.options.max_block_size;
        let stream = self.stream.as_mut().expect("started");
        let gzip = stream.is_gzip();
        // Errors of the gzip layer carry their member's offset; resync after that member.
        let layer = |err: ReadError| {
            let next = match err.kind {
                ReadErrorKind::Io(_) => State::Done,
                _ => State::ResyncRaw(err.offset + 1),
            };
            Failure { err, next }
        };

        // Blank lines between records (some writers add extra CRLFs) are skipped.
        loop {
            let data = stream.fill(true).map_err(layer)?;
            if data.is_empty() {
                return Ok(None);
            }
            let blank = data
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
            if blank == 0 {
                break;
            }
            stream.consume(blank);
        }
        let (offset, inner) = stream.position();
        let member = stream.members();
        stream.mark_record_start();
        let damaged = |kind| Failure {
            err: ReadError { offset, kind },
            next: if gzip && inner > 0 {
                State::ResyncText {
                    members: member,
                    inner,
                }
            } else {
                State::ResyncRaw(offset + 1)
            },
        };

        let head = stream.peek(5).map_err(layer)?;
        if !head.starts_with(b"WARC/") {
            let kind = if head.len() < 5 && b"WARC/".starts_with(head) {
                ReadErrorKind::Truncated("record header")
            } else {
                let head = stream.peek(40).map_err(layer)?;
                let head = &head[..head.len().min(40)];
                ReadErrorKind::NotWarc(format!("starts with {:?}", shorten(head)))
            };
            return Err(damaged(kind));
        }

        // Header: the version line, fields, a blank line.
        let mut budget = max_header;
        let version = read_line(stream, &mut budget).map_err(|e| match e {
            LineError::Stream(e) => layer(e),
            LineError::Record(kind) => damaged(kind),
        })?;
        let version = text(&version).trim().to_string();
        let mut headers = Headers::new();
        loop {
            let line = read_line(stream, &mut budget).map_err(|e| match e {
                LineError::Stream(e) => layer(e),
                LineError::Record(kind) => damaged(kind),
            })?;
            if line.is_empty() {
                break;
            }
            headers
                .push_line(&line)
                .map_err(|why| damaged(ReadErrorKind::BadHeader(why)))?;
        }
        let length =
            content_length(&headers).map_err(|why| damaged(ReadErrorKind::BadHeader(why)))?;

        // Block: kept, or read past when over the limit.
        let keep = length <= max_block;
        let mut block = Vec::new();
        if keep {
            block.reserve(length.min(1 << 20) as usize);
        }
        let mut left = length;
        while left > 0 {
            let data = stream.fill(true).map_err(layer)?;
            if data.is_empty() {
                return Err(damaged(ReadErrorKind::Truncated("record block")));
            }
            let n = data.len().min(usize::try_from(left).unwrap_or(usize::MAX));
            if keep {
                block.extend_from_slice(&data[..n]);
            }
            stream.consume(n);
            left -= n as u64;
        }

        // End of record: CRLF CRLF (LF LF tolerated).
        let mut want: &[u8] = b"\r\n\r\n";
        while !want.is_empty() {
            let data = stream.fill(true).map_err(layer)?;
            if data.is_empty() {
                return Err(damaged(ReadErrorKind::Truncated("end-of-record CRLF CRLF")));
            }
            if want.len() == 4 && data.starts_with(b"\n\n") {
                stream.consume(2);
                break;
            }
            let same = data.iter().zip(want).take_while(|(a, b)| a == b).count();
            if same == 0 {
                return Err(damaged(ReadErrorKind::MissingRecordEnd));
            }
            stream.consume(same);
            want = &want[same..];
        }

        // In a .warc.gz, finish the member if the record was its last data, so a bad CRC or a
        // cut trailer is this record's error, not the next one's.
        let length_in_file = if gzip {
            stream.fill(false).map_err(layer)?;
            (inner == 0 && stream.member_done() && stream.members() == member)
                .then(|| stream.raw_offset() - offset)
        } else {
            Some(stream.raw_offset() - offset)
        };

        if !keep {
            return Err(Failure {
                err: ReadError {
                    offset,
                    kind: ReadErrorKind::TooLarge {
                        length,
                        limit: max_block,
                    },
                },
                next: State::Records,
            });
        }
        Ok(Some(Record {
            offset,
            inner_offset: inner,
            length: length_in_file,
            version,
            headers,
            block,
        }))
    }

    /// Scans the raw input from `from` for the next record start. `Ok(false)` at the end.
    fn resync_raw(&mut self, from: u64) -> io::Result<bool> {
        let from = match self.floor {
            Some(floor) => from.max(floor + 1),
            None => from,
        };
        self.floor = Some(from);
        let stream = self.stream.as_mut().expect("started");
        stream.restart_at(from)?;
        let gzip = stream.is_gzip();
        let input = stream.input_mut();
        input.clear_mark();
        let (pattern, skip): (&[u8], usize) = if gzip {
            (&[0x1f, 0x8b, 0x08], 0)
        } else {
            (b"\nWARC/1.", 1)
        };
        loop {
            let data = input.peek(pattern.len())?;
            if data.len() < pattern.len() {
                let n = data.len();
                input.consume(n);
                return Ok(false);
            }
            match find(data, pattern) {
                Some(i) => {
                    input.consume(i + skip);
                    if !gzip || probe_member(input)? {
                        return Ok(true);
                    }
                    input.consume(1);
                }
                None => {
                    let n = data.len() - (pattern.len() - 1);
                    input.consume(n);
                }
            }
        }
    }

    /// Scans forward in the decompressed data for the next record start. `Ok(false)` at the
    /// end; `Err` when the gzip layer fails on the way.
    fn resync_text(&mut self, members: u64, inner: u64) -> Result<bool, ReadError> {
        let stream = self.stream.as_mut().expect("started");
        if stream.fill(true)?.is_empty() {
            return Ok(false);
        }
        if stream.members() == members && stream.position().1 == inner {
            stream.consume(1);
        }
        loop {
            if stream.fill(true)?.is_empty() {
                return Ok(false);
            }
            if stream.position().1 == 0 && stream.peek(5)?.starts_with(b"WARC/") {
                return Ok(true);
            }
            let data = stream.fill(true)?;
            match data.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    stream.consume(i + 1);
                    if stream.position().1 != 0 && stream.peek(7)?.starts_with(b"WARC/1.") {
                        return Ok(true);
                    }
                }
                None => {
                    let n = data.len();
                    stream.consume(n);
                }
            }
        }
    }

    /// Reports `err` unless the same damage was just reported.
    fn report(&mut self, err: ReadError) -> Option<Result<Record, ReadError>> {
        let repeat =
            self.last_error == Some(err.offset) && !matches!(err.kind, ReadErrorKind::Io(_));
        self.last_error = Some(err.offset);
        (!repeat).then_some(Err(err))
    }
}

impl<R: Read> Iterator for Reader<R> {
    type Item = Result<Record, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if matches!(self.state, State::Done) {
            return None;
        }
        if let Err(e) = self.start() {
            self.state = State::Done;
            return Some(Err(e));
        }
        loop {
            match self.state {
                State::Done => return None,
                State::Records => match self.read_record() {
                    Ok(Some(record)) => return Some(Ok(record)),
                    Ok(None) => {
                        self.state = State::Done;
                        return None;
                    }
                    Err(failure) => {
                        self.state = failure.next;
                        if let Some(item) = self.report(failure.err) {
                            return Some(item);
                        }
                    }
                },
                State::ResyncRaw(from) => match self.resync_raw(from) {
                    Ok(true) => self.state = State::Records,
                    Ok(false) => self.state = State::Done,
                    Err(e) => {
                        let at = self.stream().raw_offset();
                        self.state = State::Done;
                        return Some(Err(ReadError::from_io(at, e)));
                    }
                },
                State::ResyncText { members, inner } => match self.resync_text(members, inner) {
                    Ok(true) => self.state = State::Records,
                    Ok(false) => self.state = State::Done,
                    Err(err) => {
                        self.state = match err.kind {
                            ReadErrorKind::Io(_) => State::Done,
                            _ => State::ResyncRaw(err.offset + 1),
                        };
                        if let Some(item) = self.report(err) {
                            return Some(item);
                        }
                    }
                },
            }
        }
    }
}

/// Reads the record that starts at `offset` of the file at `path` (a [`Record::offset`] or a
/// [`crate::RecordRef`]'s), plain or gzip, with the default limits.
pub fn read_record_at(path: impl AsRef<Path>, offset: u64) -> Result<Record, ReadError> {
    read_record_at_with(path, offset, ReaderOptions::default())
}

/// [`read_record_at`] with other limits (`options.start_offset` is replaced by `offset`).
pub fn read_record_at_with(
    path: impl AsRef<Path>,
    offset: u64,
    options: ReaderOptions,
) -> Result<Record, ReadError> {
    let mut file = File::open(path).map_err(|e| ReadError::from_io(offset, e))?;
    file.seek(SeekFrom::Start(offset))
        .map_err(|e| ReadError::from_io(offset, e))?;
    let options = ReaderOptions {
        start_offset: offset,
        ..options
    };
    Reader::with_options(file, options)
        .next()
        .unwrap_or(Err(ReadError {
            offset,
            kind: ReadErrorKind::NoRecord,
        }))
}

enum LineError {
    Stream(ReadError),
    Record(ReadErrorKind),
}

/// One header line without its line ending (CRLF, or a bare LF), counted against `budget`.
fn read_line<R: Read>(stream: &mut Stream<R>, budget: &mut usize) -> Result<Vec<u8>, LineError> {
    let mut line = Vec::new();
    loop {
        let data = stream.fill(true).map_err(LineError::Stream)?;
        if data.is_empty() {
            return Err(LineError::Record(ReadErrorKind::Truncated("record header")));
        }
        let (take, done) = match data.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (data.len(), false),
        };
        if take > *budget {
            return Err(LineError::Record(ReadErrorKind::BadHeader(
                "header larger than the limit (max_header_size)".into(),
            )));
        }
        *budget -= take;
        line.extend_from_slice(&data[..take]);
        stream.consume(take);
        if done {
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok(line);
        }
    }
}

/// The block length from `Content-Length`, which must be present, a plain decimal number,
/// and the same wherever repeated.
fn content_length(headers: &Headers) -> Result<u64, String> {
    let mut found: Option<u64> = None;
    for value in headers.get_all("Content-Length") {
        let value = value.trim();
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("Content-Length {value:?} is not a number"));
        }
        let n: u64 = value
            .parse()
            .map_err(|_| format!("Content-Length {value:?} is too large"))?;
        if found.is_some_and(|f| f != n) {
            return Err("Content-Length given twice with different values".into());
        }
        found = Some(n);
    }
    found.ok_or_else(|| "no Content-Length".to_string())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut from = 0;
    while let Some(i) = haystack[from..].iter().position(|&b| b == first) {
        let at = from + i;
        if haystack[at..].starts_with(needle) {
            return Some(at);
        }
        if haystack.len() - at < needle.len() {
            return None;
        }
        from = at + 1;
    }
    None
}

impl ReadError {
    pub(crate) fn from_io(offset: u64, e: io::Error) -> ReadError {
        ReadError {
            offset,
            kind: ReadErrorKind::Io(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::RecordType;
    use crate::testutil::{gz, read_all, read_all_with, record, sample_records, Rng};

    fn plain(records: &[Vec<u8>]) -> (Vec<u8>, Vec<u64>) {
        let mut file = Vec::new();
        let mut offsets = Vec::new();
        for r in records {
            offsets.push(file.len() as u64);
            file.extend_from_slice(r);
        }
        (file, offsets)
    }

    fn gzipped(records: &[Vec<u8>]) -> (Vec<u8>, Vec<u64>) {
        let members: Vec<Vec<u8>> = records.iter().map(|r| gz(r)).collect();
        plain(&members)
    }

    fn check_samples(records: &[Record], offsets: &[u64]) {
        let types: Vec<RecordType> = records.iter().map(Record::record_type).collect();
        assert_eq!(
            types,
            [
                RecordType::Warcinfo,
                RecordType::Request,
                RecordType::Response,
                RecordType::Metadata,
                RecordType::Revisit
            ]
        );
        let found: Vec<u64> = records.iter().map(Record::offset).collect();
        assert_eq!(found, offsets);
        let response = &records[2];
        assert_eq!(response.version(), "WARC/1.0");
        assert_eq!(response.target_uri(), Some("https://news.example/story-1"));
        assert_eq!(response.date_str(), Some("2026-12-06T19:55:02Z"));
        assert_eq!(
            response.record_id(),
            Some("<urn:uuid:00000000-0000-4000-8000-000000000002>")
        );
        assert_eq!(response.headers().get_all("warc-concurrent-to").count(), 2);
        assert_eq!(response.block(), crate::testutil::http_page(1));
        assert!(response.is_html_response());
        assert!(!records[4].is_html_response());
        assert_eq!(records[3].block(), b"fetchTimeMs: 120\r\n");
    }

    #[test]
    fn plain_file() {
        let samples = sample_records();
        let (file, offsets) = plain(&samples);
        let (records, errors) = read_all(&file);
        assert!(errors.is_empty(), "{errors:?}");
        check_samples(&records, &offsets);
        for (r, raw) in records.iter().zip(&samples) {
            assert_eq!(r.length(), Some(raw.len() as u64));
            assert_eq!(r.inner_offset(), 0);
        }
        let mut reader = Reader::new(&file[..]);
        assert_eq!(reader.is_gzip(), None);
        reader.next();
        assert_eq!(reader.is_gzip(), Some(false));
    }

    #[test]
    fn gzip_members_with_offsets() {
        let samples = sample_records();
        let (file, offsets) = gzipped(&samples);
        let (records, errors) = read_all(&file);
        assert!(errors.is_empty(), "{errors:?}");
        check_samples(&records, &offsets);
        for (i, r) in records.iter().enumerate() {
            let end = offsets.get(i + 1).copied().unwrap_or(file.len() as u64);
            assert_eq!(r.length(), Some(end - r.offset()));
        }
    }

    #[test]
    fn whole_file_as_one_gzip_stream() {
        let samples = sample_records();
        let (file, offsets) = plain(&samples);
        let (records, errors) = read_all(&gz(&file));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(records.len(), 5);
        for (r, inner) in records.iter().zip(&offsets) {
            assert_eq!(r.offset(), 0);
            assert_eq!(r.inner_offset(), *inner);
            assert_eq!(r.length(), None);
        }
        // Two such files concatenated (cat a.warc.gz b.warc.gz).
        let one = gz(&file);
        let mut two = one.clone();
        two.extend_from_slice(&one);
        let (records, errors) = read_all(&two);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(records.len(), 10);
        assert_eq!(records[5].offset(), one.len() as u64);
        assert_eq!(records[5].inner_offset(), 0);
    }

    #[test]
    fn record_split_over_members_still_reads() {
        let samples = sample_records();
        let (file, _) = plain(&samples);
        // bgzip-like: members cut at arbitrary points.
        let mut split = Vec::new();
        for part in file.chunks(97) {
            split.extend_from_slice(&gz(part));
        }
        let (records, errors) = read_all(&split);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(records.len(), 5);
        assert_eq!(records[2].block(), crate::testutil::http_page(1));
    }

    #[test]
    fn read_record_at_offsets() {
        let dir = tempfile::tempdir().unwrap();
        let samples = sample_records();
        for (name, (file, offsets)) in [
            ("a.warc", plain(&samples)),
            ("a.warc.gz", gzipped(&samples)),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, &file).unwrap();
            let all: Vec<Record> = Reader::open(&path).unwrap().map(Result::unwrap).collect();
            for (r, &offset) in all.iter().zip(&offsets) {
                assert_eq!(&read_record_at(&path, offset).unwrap(), r);
            }
            let end = read_record_at(&path, file.len() as u64).unwrap_err();
            assert!(matches!(end.kind, ReadErrorKind::NoRecord), "{end}");
            let mid = read_record_at(&path, offsets[1] + 3).unwrap_err();
            assert_eq!(mid.offset, offsets[1] + 3);
        }
    }

    #[test]
    fn tolerates_blank_lines_and_bare_lf() {
        let mut file = b"\r\n\r\n".to_vec();
        file.extend_from_slice(&record("resource", 1, &[], b"one"));
        file.extend_from_slice(b"\r\n");
        file.extend_from_slice(b"WARC/1.1\nWARC-Type: resource\nContent-Length: 3\n\ntwo\n\n");
        let (records, errors) = read_all(&file);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].offset(), 4);
        assert_eq!(records[1].version(), "WARC/1.1");
        assert_eq!(records[1].block(), b"two");
    }

    #[test]
    fn truncated_last_record_is_one_error() {
        let samples = sample_records();
        for (file, offsets) in [plain(&samples), gzipped(&samples)] {
            let last = offsets[4] as usize;
            let cut = &file[..last + (file.len() - last) / 2];
            let (records, errors) = read_all(cut);
            assert_eq!(records.len(), 4);
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(errors[0].offset, last as u64);
            assert!(
                matches!(errors[0].kind, ReadErrorKind::Truncated(_)),
                "{}",
                errors[0]
            );
        }
    }

    /// Cuts at every offset: never a panic or a loop; the records wholly before the cut are
    /// read and the cut record is at most one error.
    #[test]
    fn truncation_at_every_offset() {
        let samples = sample_records();
        for (file, offsets) in [plain(&samples), gzipped(&samples)] {
            for cut in 0..=file.len() {
                let (records, errors) = read_all(&file[..cut]);
                let whole = offsets
                    .iter()
                    .enumerate()
                    .filter(|&(i, _)| {
                        offsets.get(i + 1).copied().unwrap_or(file.len() as u64) <= cut as u64
                    })
                    .count();
                assert_eq!(records.len(), whole, "cut at {cut}");
                let on_boundary = cut == file.len() || offsets.contains(&(cut as u64));
                assert_eq!(
                    errors.len(),
                    usize::from(!on_boundary),
                    "cut at {cut}: {errors:?}"
                );
            }
        }
    }

    #[test]
    fn garbage_between_gzip_members() {
        let samples = sample_records();
        let members: Vec<Vec<u8>> = samples.iter().map(|r| gz(r)).collect();
        let mut file = Vec::new();
        file.extend_from_slice(&members[0]);
        file.extend_from_slice(&members[1]);
        let garbage_at = file.len() as u64;
        file.extend_from_slice(b"\x00\x01junk \x1f\x8b\x08 more junk\xff");
        let third = file.len() as u64;
        for m in &members[2..] {
            file.extend_from_slice(m);
        }
        let (records, errors) = read_all(&file);
        assert_eq!(records.len(), 5);
        assert_eq!(records[2].offset(), third);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].offset, garbage_at);
        assert!(matches!(errors[0].kind, ReadErrorKind::NotGzip(_)));
    }

    #[test]
    fn corrupt_gzip_member_in_the_middle() {
        let samples = sample_records();
        let members: Vec<Vec<u8>> = samples.iter().map(|r| gz(r)).collect();
        let mut file = Vec::new();
        let mut offsets = Vec::new();
        for (i, m) in members.iter().enumerate() {
            offsets.push(file.len());
            let mut m = m.clone();
            if i == 2 {
                // Damage the deflate data in the middle of the response's member.
                let mid = m.len() / 2;
                for b in &mut m[mid..mid + 8] {
                    *b ^= 0x5a;
                }
            }
            file.extend_from_slice(&m);
        }
        let (records, errors) = read_all(&file);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].offset, offsets[2] as u64);
        let types: Vec<&str> = records.iter().filter_map(Record::warc_type).collect();
        assert_eq!(types, ["warcinfo", "request", "metadata", "revisit"]);
    }

    #[test]
    fn truncated_member_followed_by_good_ones() {
        // A writer crashed mid-member and another appended later: the truncated member's
        // inflater runs into the next member, and the rewind finds that member again.
        let samples = sample_records();
        let members: Vec<Vec<u8>> = samples.iter().map(|r| gz(r)).collect();
        let mut file = members[0].clone();
        let broken = file.len() as u64;
        file.extend_from_slice(&members[2][..members[2].len() / 2]);
        let next = file.len() as u64;
        file.extend_from_slice(&members[3]);
        file.extend_from_slice(&members[4]);
        let (records, errors) = read_all(&file);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].offset, broken);
        let types: Vec<&str> = records.iter().filter_map(Record::warc_type).collect();
        assert_eq!(types, ["warcinfo", "metadata", "revisit"]);
        assert_eq!(records[1].offset(), next);
    }

    #[test]
    fn overlong_content_length_across_big_members() {
        // Members far larger than the read buffer: the bytes a wrong Content-Length swallowed
        // are still kept from the record's start, so the rewind finds the members after it.
        let mut rng = Rng(7);
        let blocks: Vec<Vec<u8>> = (0..8).map(|_| rng.bytes(100_000)).collect();
        let mut records: Vec<Vec<u8>> = blocks
            .iter()
            .enumerate()
            .map(|(i, b)| record("resource", i as u32, &[], b))
            .collect();
        // Record 1 claims to run through records 2 to 6 and into 7.
        records[1] = String::from_utf8_lossy(&records[1][..200])
            .replace("Content-Length: 100000", "Content-Length: 700000")
            .into_bytes()
            .into_iter()
            .chain(records[1][200..].iter().copied())
            .collect();
        for (file, offsets) in [gzipped(&records), plain(&records)] {
            let (found, errors) = read_all(&file);
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(errors[0].offset, offsets[1]);
            let found: Vec<u64> = found.iter().map(Record::offset).collect();
            let mut want = offsets.clone();
            want.remove(1);
            assert_eq!(found, want);
        }
    }

    #[test]
    fn plain_damage_resyncs_on_the_next_warc_line() {
        let samples = sample_records();
        // A Content-Length too long swallows the next record; the rewind finds it.
        let bad = String::from_utf8(samples[1].clone())
            .unwrap()
            .replace("Content-Length: 45", "Content-Length: 300");
        assert_ne!(bad.as_bytes(), &samples[1][..]);
        let mut file = samples[0].clone();
        let bad_at = file.len() as u64;
        file.extend_from_slice(bad.as_bytes());
        let next_at = file.len() as u64;
        file.extend_from_slice(&samples[2]);
        let junk_at = file.len() as u64;
        file.extend_from_slice(b"stray bytes\r\n");
        let after_junk = file.len() as u64;
        file.extend_from_slice(&samples[3]);
        let (records, errors) = read_all(&file);
        let offsets: Vec<u64> = records.iter().map(Record::offset).collect();
        assert_eq!(offsets, [0, next_at, after_junk]);
        let error_offsets: Vec<u64> = errors.iter().map(|e| e.offset).collect();
        assert_eq!(error_offsets, [bad_at, junk_at], "{errors:?}");
    }

    #[test]
    fn header_problems_are_errors() {
        let good = record("resource", 9, &[], b"fine");
        for bad in [
            &b"WARC/1.0\r\nWARC-Type: resource\r\n\r\nbody\r\n\r\n"[..],
            b"WARC/1.0\r\nContent-Length: 12x\r\n\r\n",
            b"WARC/1.0\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nbody\r\n\r\n",
            b"WARC/1.0\r\nno colon line\r\nContent-Length: 4\r\n\r\nbody\r\n\r\n",
            b"WARC/1.0\r\nContent-Length: 4\r\n\r\nbodyXX\r\n\r\n",
        ] {
            let mut file = bad.to_vec();
            file.extend_from_slice(&good);
            let (records, errors) = read_all(&file);
            assert_eq!(
                errors.len(),
                1,
                "{}: {errors:?}",
                String::from_utf8_lossy(bad)
            );
            assert_eq!(errors[0].offset, 0);
            assert_eq!(records.len(), 1);
            assert_eq!(records[0].block(), b"fine");
        }
        // Header over the limit.
        let mut file = b"WARC/1.0\r\nX-Big: ".to_vec();
        file.extend(std::iter::repeat_n(b'a', 300_000));
        file.extend_from_slice(b"\r\nContent-Length: 0\r\n\r\n\r\n\r\n");
        file.extend_from_slice(&good);
        let (records, errors) = read_all(&file);
        assert_eq!(records.len(), 1);
        assert!(matches!(errors[0].kind, ReadErrorKind::BadHeader(_)));
    }

    #[test]
    fn damage_inside_a_single_stream_skips_to_the_next_line() {
        let samples = sample_records();
        let mut text = Vec::new();
        for (i, r) in samples.iter().enumerate() {
            if i == 1 {
                text.extend_from_slice(b"WARC/1.0\r\nbroken header\r\n\r\n");
            }
            text.extend_from_slice(r);
        }
        let (records, errors) = read_all(&gz(&text));
        assert_eq!(records.len(), 5, "{errors:?}");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].offset, 0);
    }

    #[test]
    fn oversize_records_are_skipped_with_a_warning() {
        let big = record("resource", 1, &[], &vec![b'x'; 5000]);
        let small = record("resource", 2, &[], b"small");
        for compress in [false, true] {
            let parts = [big.clone(), small.clone()];
            let (file, offsets) = if compress {
                gzipped(&parts)
            } else {
                plain(&parts)
            };
            let options = ReaderOptions {
                max_block_size: 1000,
                ..ReaderOptions::default()
            };
            let (records, errors) = read_all_with(&file, options);
            assert_eq!(records.len(), 1);
            assert_eq!(records[0].block(), b"small");
            assert_eq!(records[0].offset(), offsets[1]);
            assert_eq!(errors.len(), 1);
            assert!(errors[0].is_warning());
            assert_eq!(errors[0].offset, 0);
            assert!(matches!(
                errors[0].kind,
                ReadErrorKind::TooLarge {
                    length: 5000,
                    limit: 1000
                }
            ));
        }
    }

    #[test]
    fn crc_mismatch_is_the_records_error() {
        let samples = sample_records();
        let mut members: Vec<Vec<u8>> = samples.iter().map(|r| gz(r)).collect();
        let m = &mut members[1];
        let n = m.len();
        m[n - 6] ^= 0xff; // inside the CRC-32
        let (file, offsets) = plain(&members);
        let (records, errors) = read_all(&file);
        assert_eq!(records.len(), 4);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].offset, offsets[1]);
        assert!(
            matches!(errors[0].kind, ReadErrorKind::Gzip(_)),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn start_offset_shifts_every_offset() {
        let samples = sample_records();
        let (file, offsets) = gzipped(&samples);
        let options = ReaderOptions {
            start_offset: 1000,
            ..ReaderOptions::default()
        };
        let (records, _) = read_all_with(&file, options);
        let found: Vec<u64> = records.iter().map(Record::offset).collect();
        let want: Vec<u64> = offsets.iter().map(|o| o + 1000).collect();
        assert_eq!(found, want);
    }

    #[test]
    fn empty_input() {
        let (records, errors) = read_all(b"");
        assert!(records.is_empty() && errors.is_empty());
        let (records, errors) = read_all(b"\r\n\r\n");
        assert!(records.is_empty() && errors.is_empty());
    }

    /// Random bytes, random bytes behind a gzip magic or a WARC line, and every single-byte
    /// corruption of small files: no panic, no endless loop (the item bound in read_all).
    #[test]
    fn garbage_never_panics() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for round in 0..300 {
            let len = rng.below(3000);
            let mut bytes = rng.bytes(len);
            match round % 3 {
                0 => bytes
                    .splice(0..0, [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff])
                    .for_each(drop),
                1 => bytes
                    .splice(
                        0..0,
                        b"WARC/1.0\r\nContent-Length: 10\r\n\r\n".iter().copied(),
                    )
                    .for_each(drop),
                _ => {}
            }
            // Sprinkle magic and record lines so resync scans have candidates to reject.
            for _ in 0..rng.below(5) {
                let at = rng.below(bytes.len() + 1);
                let piece: &[u8] = if rng.below(2) == 0 {
                    &[0x1f, 0x8b, 0x08]
                } else {
                    b"\nWARC/1.0\r\n"
                };
                bytes.splice(at..at, piece.iter().copied()).for_each(drop);
            }
            let _ = read_all(&bytes);
        }
        let samples = sample_records();
        for (file, _) in [
            plain(&samples[..3]),
            gzipped(&samples[..3]),
            (gz(&plain(&samples[..3]).0), vec![]),
        ] {
            for i in 0..file.len() {
                let mut damaged = file.clone();
                damaged[i] ^= 1 << (i % 8);
                let (records, _) = read_all(&damaged);
                assert!(records.len() <= 3);
            }
        }
    }
}
