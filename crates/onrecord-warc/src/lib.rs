//! Streaming WARC (ISO 28500, WARC/1.0 and 1.1) reading and writing: bytes in, records out.
//!
//! onrecord reads news pages from web archives (the model is Common Crawl's CC-NEWS
//! `.warc.gz` files) and archives every page it fetches itself, so that a statement in the
//! store can point at the exact bytes it was read from. This crate is the leaf that does both;
//! it knows nothing of articles.
//!
//! # Reading
//!
//! ```no_run
//! use onrecord_warc::{Reader, RecordType};
//!
//! # fn main() -> std::io::Result<()> {
//! for item in Reader::open("CC-NEWS-20261206195512-00000.warc.gz")? {
//!     match item {
//!         Ok(record) if record.is_html_response() => {
//!             let response = record.http_response().unwrap();
//!             let body = response.body(onrecord_warc::http::DEFAULT_BODY_LIMIT);
//!             println!("{} {:?} {}", record.offset(), record.target_uri(), response.status);
//!         }
//!         Ok(record) => { /* warcinfo, request, metadata, revisit…: count and skip */ }
//!         Err(e) if e.is_warning() => eprintln!("skipped: {e}"),
//!         Err(e) => eprintln!("damaged: {e}"),
//!     }
//! }
//! # Ok(()) }
//! ```
//!
//! [`Reader`] takes any `Read` (or a path with [`Reader::open`]) holding a plain `.warc` or a
//! `.warc.gz`, told apart by the gzip magic bytes, not the name. A `.warc.gz` is a sequence of
//! gzip members, normally one record each; a file compressed as a single gzip stream reads too.
//! It yields `Result<Record, ReadError>` and holds one record at a time (plus at most 8 MiB of
//! raw input kept for resync, below).
//!
//! A [`Record`] has its [`offset`](Record::offset) in the file (for `.warc.gz` where its gzip
//! member starts, the offset CDX indexes use), its ordered header fields
//! ([`Headers`], case-insensitive lookup, repeats kept), accessors for the usual fields
//! ([`warc_type`](Record::warc_type), [`target_uri`](Record::target_uri),
//! [`date`](Record::date) parsed to UTC and [`date_str`](Record::date_str) as written,
//! [`record_id`](Record::record_id), [`content_type`](Record::content_type),
//! [`payload_digest`](Record::payload_digest)) and its block. [`read_record_at`] reads one
//! record again from a path and offset.
//!
//! The [`http`] module parses the block of a `response` record (status, headers, body) and
//! undoes `Transfer-Encoding: chunked` and `Content-Encoding: gzip, deflate, br` within a limit
//! on decoded bytes; see its docs for the fallback to stored bytes that Common Crawl needs.
//! [`Record::is_html_response`] tells the records worth extracting.
//!
//! # Damage, resync and limits
//!
//! Archives get cut by crashes and downloads and damaged on disk, and one bad record must not
//! cost the rest of a 1 GiB file. So the reader never panics and never stops at damage:
//!
//! - A truncated or corrupt record is one error item, [`ReadError`], naming the byte offset
//!   where the record (its gzip member, or the stray bytes) starts and what is wrong. The
//!   reader then **resynchronises**: in a `.warc.gz` it scans forward from just after that
//!   member for the next gzip header (`1f 8b 08`) whose data decodes to a line starting
//!   `WARC/`; in a plain `.warc` for the next line starting `WARC/1.`. The scan restarts from
//!   just after the damaged record's start (kept in memory for up to 8 MiB), so records that a
//!   wrong `Content-Length` or a truncated member swallowed are found again.
//! - Inside a file compressed as one gzip stream, damage to a record's header is skipped by
//!   scanning the decompressed data for the next `WARC/1.` line; damage to the compressed data
//!   itself ends what can be read of that stream.
//! - A truncated last record gives one error, then the iterator ends. Resyncs only move
//!   forward and every scan consumes input, so garbage cannot make the reader loop.
//! - A record whose block is larger than [`ReaderOptions::max_block_size`] (default 64 MiB)
//!   is read past without being kept and reported as a warning
//!   ([`ReadError::is_warning`]); reading goes on normally. A header over
//!   [`ReaderOptions::max_header_size`] (256 KiB) is damage.
//! - A gzip member's CRC-32 and length are checked; a mismatch is that record's error.
//! - I/O errors end the iteration after being reported.
//!
//! # Writing
//!
//! ```no_run
//! use onrecord_warc::Writer;
//!
//! # fn main() -> Result<(), onrecord_warc::WriteError> {
//! let mut writer = Writer::create("archive")?;
//! let response = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>...</html>";
//! let at = writer.write_response("https://news.example/a", chrono::Utc::now(), response, None)?;
//! // Store (at.file, at.offset, at.length, at.record_id) with the article.
//! writer.finish()?;
//! # Ok(()) }
//! ```
//!
//! [`Writer`] writes `.warc.gz` files into a directory, named
//! `onrecord-20261206T195512Z-00000.warc.gz`, one gzip member per record (what warcio, pywb and
//! CDX indexers expect), each file starting with a `warcinfo` record. A file is closed when it
//! passes [`WriterOptions::max_file_size`] (1 GiB) or on [`Writer::rotate`]; a writer opened
//! on a directory that has files goes on with the next serial and never overwrites one. Each
//! record gets a random `WARC-Record-ID` (UUID v4: two fetches of the same page in the same
//! second must still get two ids, which ids derived from content would not), `WARC-Date` at
//! second precision, `WARC-Block-Digest` and for responses `WARC-Payload-Digest` (`sha1:` +
//! base32). Every write returns a [`RecordRef`] (file, offset, member length, record id).
//! Each record is compressed in memory and written whole with one write, so a crash leaves
//! at worst a truncated last member, which the reader reports and skips.

mod error;
mod headers;
pub mod http;
mod input;
mod reader;
mod record;
mod stream;
mod writer;

#[cfg(test)]
mod testutil;

pub use error::{ReadError, ReadErrorKind};
pub use headers::Headers;
pub use reader::{
    read_record_at, read_record_at_with, Reader, ReaderOptions, DEFAULT_MAX_BLOCK_SIZE,
    DEFAULT_MAX_HEADER_SIZE,
};
pub use record::{parse_warc_date, Record, RecordId, RecordType};
pub use writer::{
    RecordRef, WarcVersion, WriteError, Writer, WriterOptions, DEFAULT_MAX_FILE_SIZE,
};
