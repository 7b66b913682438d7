//! What can go wrong reading a WARC file. Every error names the byte offset where the damaged
//! record (or gzip member, or stray bytes) starts, so a person can look at it with `dd` or
//! `xxd -s` and a program can tell which record was lost.

use std::io;

/// A record that could not be read, or a warning about one that was skipped.
///
/// The reader goes on after every kind but [`ReadErrorKind::Io`]: see the crate docs for how
/// it resynchronises.
#[derive(Debug, thiserror::Error)]
#[error("at byte {offset}: {kind}")]
pub struct ReadError {
    /// Where the damaged record, gzip member or stray data starts. For `.warc.gz` this is a
    /// compressed offset (the start of a gzip member, or of bytes that are not one).
    pub offset: u64,
    pub kind: ReadErrorKind,
}

impl ReadError {
    /// A skipped oversize record: nothing is damaged, reading went on normally.
    pub fn is_warning(&self) -> bool {
        matches!(self.kind, ReadErrorKind::TooLarge { .. })
    }
}

/// The ways a record can fail.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadErrorKind {
    /// The input ends inside the named part (a crash mid-write, a cut download).
    #[error("truncated: the input ends inside the {0}")]
    Truncated(&'static str),
    /// The bytes where a record should start are not a `WARC/` version line.
    #[error("not a WARC record: {0}")]
    NotWarc(String),
    /// A header line, `Content-Length` or the header's size is wrong.
    #[error("malformed WARC header: {0}")]
    BadHeader(String),
    /// The block is not followed by the CRLF CRLF that ends every record: `Content-Length`
    /// is wrong or bytes were damaged.
    #[error("the record block is not followed by CRLF CRLF (wrong Content-Length?)")]
    MissingRecordEnd,
    /// In a `.warc.gz`, bytes where a gzip member should start are not one.
    #[error("not a gzip member: {0}")]
    NotGzip(String),
    /// A gzip member is damaged: bad deflate data, CRC or length mismatch.
    #[error("corrupt gzip member: {0}")]
    Gzip(String),
    /// A warning: the record's block is over [`crate::ReaderOptions::max_block_size`], so it
    /// was read past (not kept) and the reader went on with the next record.
    #[error("record block of {length} bytes is over the limit of {limit} bytes; skipped")]
    TooLarge { length: u64, limit: u64 },
    /// [`crate::read_record_at`] found no record at the offset (end of file).
    #[error("no record at this offset")]
    NoRecord,
    /// Reading the input failed; the reader stops.
    #[error("I/O error: {0}")]
    Io(#[from] io::Error),
}
