//! The record bytes under the parser: the raw input for a plain `.warc`, or the output of its
//! gzip members for a `.warc.gz`.
//!
//! Gzip members are walked here rather than by `flate2::read::MultiGzDecoder` because the
//! reader must know where each member starts in the compressed file (the offset a CDX index
//! or a database keeps) and must be able to stop at one member, check its CRC, and rescan
//! for the next member after damage. Members are concatenated transparently, so a whole file
//! compressed as one member, or a record split over members, still reads.

use std::io::{self, Read};

use flate2::{Crc, Decompress, FlushDecompress, Status};

use crate::error::{ReadError, ReadErrorKind};
use crate::input::Input;

/// Decompressed bytes produced per inflate call.
const OUT_CHUNK: usize = 32 << 10;
/// A gzip header longer than this (FEXTRA, FNAME, FCOMMENT) is taken as corrupt.
const MAX_GZIP_HEADER: usize = 128 << 10;
/// Compressed bytes a resync candidate may need to show its first decompressed bytes.
const PROBE_INPUT: usize = 16 << 10;

const FHCRC: u8 = 0x02;
const FEXTRA: u8 = 0x04;
const FNAME: u8 = 0x08;
const FCOMMENT: u8 = 0x10;

/// What the first bytes at a position say about a gzip header there.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum GzHeader {
    /// A valid header of this many bytes.
    Len(usize),
    /// More bytes are needed to tell.
    Incomplete,
    /// Not a gzip header, and why.
    Invalid(String),
}

/// Parses a gzip member header (RFC 1952 §2.3) at the start of `b`.
pub(crate) fn gzip_header(b: &[u8]) -> GzHeader {
    let expect = [0x1f, 0x8b, 0x08];
    for (i, &e) in expect.iter().enumerate() {
        match b.get(i) {
            None => return GzHeader::Incomplete,
            Some(&x) if x != e => {
                let shown: Vec<String> = b.iter().take(3).map(|x| format!("{x:02x}")).collect();
                return GzHeader::Invalid(format!(
                    "expected the bytes 1f 8b 08, found {}",
                    shown.join(" ")
                ));
            }
            Some(_) => {}
        }
    }
    let Some(&flags) = b.get(3) else {
        return GzHeader::Incomplete;
    };
    if flags & 0xe0 != 0 {
        return GzHeader::Invalid(format!("reserved gzip flag bits set ({flags:#04x})"));
    }
    let mut i = 10;
    if b.len() < i {
        return GzHeader::Incomplete;
    }
    if flags & FEXTRA != 0 {
        let (Some(&lo), Some(&hi)) = (b.get(i), b.get(i + 1)) else {
            return GzHeader::Incomplete;
        };
        i += 2 + usize::from(u16::from_le_bytes([lo, hi]));
    }
    for flag in [FNAME, FCOMMENT] {
        if flags & flag != 0 {
            match b
                .get(i..)
                .and_then(|rest| rest.iter().position(|&c| c == 0))
            {
                Some(nul) => i += nul + 1,
                None => return GzHeader::Incomplete,
            }
        }
    }
    if flags & FHCRC != 0 {
        i += 2;
    }
    if b.len() < i {
        GzHeader::Incomplete
    } else {
        GzHeader::Len(i)
    }
}

/// Peeks at the input until the gzip header at its position is complete or known bad.
/// `Ok(Err(kind))` is a header problem (not gzip, or cut short); `Err` an I/O error.
fn peek_gzip_header<R: Read>(input: &mut Input<R>) -> io::Result<Result<usize, ReadErrorKind>> {
    let mut want = 16;
    loop {
        let data = input.peek(want)?;
        match gzip_header(data) {
            GzHeader::Len(n) => return Ok(Ok(n)),
            GzHeader::Invalid(why) => return Ok(Err(ReadErrorKind::NotGzip(why))),
            GzHeader::Incomplete if data.len() < want => {
                return Ok(Err(ReadErrorKind::Truncated("gzip header")))
            }
            GzHeader::Incomplete if want >= MAX_GZIP_HEADER => {
                return Ok(Err(ReadErrorKind::Gzip(format!(
                    "gzip header longer than {MAX_GZIP_HEADER} bytes"
                ))))
            }
            GzHeader::Incomplete => want = (want * 4).min(MAX_GZIP_HEADER),
        }
    }
}

/// Whether the input at its position holds a gzip member whose data starts with `WARC/`:
/// the test a resync applies to each `1f 8b 08` it finds, without consuming anything.
pub(crate) fn probe_member<R: Read>(input: &mut Input<R>) -> io::Result<bool> {
    let Ok(header) = peek_gzip_header(input)? else {
        return Ok(false);
    };
    let data = input.peek(header + PROBE_INPUT)?;
    let data = &data[header..data.len().min(header + PROBE_INPUT)];
    let mut inflate = Decompress::new(false);
    let mut out = [0u8; 8];
    if inflate
        .decompress(data, &mut out, FlushDecompress::None)
        .is_err()
    {
        return Ok(false);
    }
    let n = inflate.total_out() as usize;
    Ok(out[..n].starts_with(b"WARC/"))
}

/// Where the gzip walker is.
enum GzState {
    /// Between members: the next byte starts a member, or the input ends.
    Between,
    /// Inside a member's deflate data.
    Inside,
}

struct Gzip {
    state: GzState,
    /// Absolute offset of the current (or last) member's first byte.
    member_start: u64,
    /// How many members have been started; tells records apart from their members.
    members: u64,
    inflate: Decompress,
    crc: Crc,
    /// Decompressed bytes, `out[pos..end]` unread.
    out: Vec<u8>,
    pos: usize,
    end: usize,
    /// Offset inside the member's decompressed data of `out[0]`.
    out_base: u64,
}

enum Codec {
    Plain,
    Gzip(Box<Gzip>),
}

/// Record bytes, with their position. `fill(true)` crosses gzip members; `fill(false)` and
/// `peek` stay inside the current one (a member boundary is where records normally start).
pub(crate) struct Stream<R> {
    input: Input<R>,
    codec: Codec,
}

impl<R: Read> Stream<R> {
    pub(crate) fn new(input: Input<R>, gzip: bool) -> Self {
        let codec = if gzip {
            Codec::Gzip(Box::new(Gzip {
                state: GzState::Between,
                member_start: input.offset(),
                members: 0,
                inflate: Decompress::new(false),
                crc: Crc::new(),
                out: vec![0; OUT_CHUNK],
                pos: 0,
                end: 0,
                out_base: 0,
            }))
        } else {
            Codec::Plain
        };
        Stream { input, codec }
    }

    pub(crate) fn is_gzip(&self) -> bool {
        matches!(self.codec, Codec::Gzip(_))
    }

    pub(crate) fn input_mut(&mut self) -> &mut Input<R> {
        &mut self.input
    }

    /// Where the next byte is: `(offset, inner)`. Plain: the byte's offset and 0. Gzip: the
    /// offset where its member starts and how far into the member's data it is.
    pub(crate) fn position(&self) -> (u64, u64) {
        match &self.codec {
            Codec::Plain => (self.input.offset(), 0),
            Codec::Gzip(gz) => (gz.member_start, gz.out_base + gz.pos as u64),
        }
    }

    /// Keeps the raw bytes from where the record at the current position starts (its gzip
    /// member's start) for a rewind, should the record turn out damaged.
    pub(crate) fn mark_record_start(&mut self) {
        let (offset, _) = self.position();
        self.input.set_mark_at(offset);
    }

    /// The number of gzip members started so far (0 for plain).
    pub(crate) fn members(&self) -> u64 {
        match &self.codec {
            Codec::Plain => 0,
            Codec::Gzip(gz) => gz.members,
        }
    }

    /// Whether the last member has ended (its trailer checked), all its data has been read,
    /// and no other member has started.
    pub(crate) fn member_done(&self) -> bool {
        matches!(&self.codec, Codec::Gzip(gz) if matches!(gz.state, GzState::Between) && gz.pos == gz.end)
    }

    /// Raw offset of the next unread input byte.
    pub(crate) fn raw_offset(&self) -> u64 {
        self.input.offset()
    }

    /// Drops the gzip state and goes on from `offset` (or the earliest byte still kept after
    /// it) as if a member started there. Returns the offset reached.
    pub(crate) fn restart_at(&mut self, offset: u64) -> io::Result<u64> {
        let reached = self.input.rewind(offset)?;
        if let Codec::Gzip(gz) = &mut self.codec {
            gz.state = GzState::Between;
            gz.pos = 0;
            gz.end = 0;
        }
        Ok(reached)
    }

    /// Unread record bytes: at least one unless the data ends (the stream with `cross`,
    /// else the current gzip member).
    pub(crate) fn fill(&mut self, cross: bool) -> Result<&[u8], ReadError> {
        match &mut self.codec {
            Codec::Plain => {
                let at = self.input.offset();
                self.input.fill().map_err(|e| io_error(at, e))
            }
            Codec::Gzip(gz) => {
                loop {
                    if gz.pos < gz.end {
                        break;
                    }
                    match gz.state {
                        GzState::Between => {
                            if !cross {
                                break;
                            }
                            if !gz.start_member(&mut self.input)? {
                                break;
                            }
                        }
                        GzState::Inside => {
                            gz.out_base += gz.end as u64;
                            gz.pos = 0;
                            gz.end = 0;
                            gz.inflate_more(&mut self.input)?;
                            if matches!(gz.state, GzState::Between) && !cross {
                                break;
                            }
                        }
                    }
                }
                Ok(&gz.out[gz.pos..gz.end])
            }
        }
    }

    /// At least `n` unread bytes of the current member (moving to the next member first when
    /// the current one has none left), fewer only where the member or the input ends.
    pub(crate) fn peek(&mut self, n: usize) -> Result<&[u8], ReadError> {
        if self.fill(true)?.is_empty() {
            return Ok(&[]);
        }
        match &mut self.codec {
            Codec::Plain => {
                let at = self.input.offset();
                self.input.peek(n).map_err(|e| io_error(at, e))
            }
            Codec::Gzip(gz) => {
                while gz.end - gz.pos < n && matches!(gz.state, GzState::Inside) {
                    if gz.pos > 0 {
                        gz.out.copy_within(gz.pos..gz.end, 0);
                        gz.out_base += gz.pos as u64;
                        gz.end -= gz.pos;
                        gz.pos = 0;
                    }
                    if gz.out.len() - gz.end < OUT_CHUNK / 2 {
                        let len = gz.out.len() + OUT_CHUNK;
                        gz.out.resize(len, 0);
                    }
                    gz.inflate_more(&mut self.input)?;
                }
                Ok(&gz.out[gz.pos..gz.end])
            }
        }
    }

    pub(crate) fn consume(&mut self, n: usize) {
        match &mut self.codec {
            Codec::Plain => self.input.consume(n),
            Codec::Gzip(gz) => {
                debug_assert!(gz.pos + n <= gz.end);
                gz.pos = (gz.pos + n).min(gz.end);
            }
        }
    }
}

impl Gzip {
    /// Starts the member at the input's position. `Ok(false)` at the end of the input.
    fn start_member<R: Read>(&mut self, input: &mut Input<R>) -> Result<bool, ReadError> {
        let at = input.offset();
        if input.fill().map_err(|e| io_error(at, e))?.is_empty() {
            return Ok(false);
        }
        let header = match peek_gzip_header(input).map_err(|e| io_error(at, e))? {
            Ok(n) => n,
            Err(kind) => return Err(ReadError { offset: at, kind }),
        };
        input.consume(header);
        self.state = GzState::Inside;
        self.member_start = at;
        self.members += 1;
        self.inflate.reset(false);
        self.crc.reset();
        self.pos = 0;
        self.end = 0;
        self.out_base = 0;
        Ok(true)
    }

    /// Inflates into `out[end..]` until some output comes or the member ends (its trailer
    /// then checked and consumed).
    fn inflate_more<R: Read>(&mut self, input: &mut Input<R>) -> Result<(), ReadError> {
        let member = self.member_start;
        let fail = |kind| ReadError {
            offset: member,
            kind,
        };
        loop {
            let data = input.fill().map_err(|e| io_error(member, e))?;
            if data.is_empty() {
                return Err(fail(ReadErrorKind::Truncated("gzip member")));
            }
            let (in_before, out_before) = (self.inflate.total_in(), self.inflate.total_out());
            let room = &mut self.out[self.end..];
            let status = self
                .inflate
                .decompress(data, room, FlushDecompress::None)
                .map_err(|e| {
                    fail(ReadErrorKind::Gzip(format!(
                        "invalid deflate data after {} compressed bytes: {e}",
                        self.inflate.total_in()
                    )))
                })?;
            let used = (self.inflate.total_in() - in_before) as usize;
            let made = (self.inflate.total_out() - out_before) as usize;
            input.consume(used);
            self.crc.update(&self.out[self.end..self.end + made]);
            self.end += made;
            match status {
                Status::StreamEnd => return self.finish_member(input),
                _ if made > 0 => return Ok(()),
                _ if used == 0 => {
                    // No progress with input at hand and room for output: cannot happen with a
                    // sound inflater, but must not loop.
                    return Err(fail(ReadErrorKind::Gzip(
                        "deflate decoder made no progress".into(),
                    )));
                }
                _ => {}
            }
        }
    }

    /// Checks and consumes the 8-byte trailer: CRC-32 and length of the member's data.
    fn finish_member<R: Read>(&mut self, input: &mut Input<R>) -> Result<(), ReadError> {
        let member = self.member_start;
        let trailer = input.peek(8).map_err(|e| io_error(member, e))?;
        if trailer.len() < 8 {
            return Err(ReadError {
                offset: member,
                kind: ReadErrorKind::Truncated("gzip trailer"),
            });
        }
        let crc = u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
        let size = u32::from_le_bytes([trailer[4], trailer[5], trailer[6], trailer[7]]);
        input.consume(8);
        self.state = GzState::Between;
        if crc != self.crc.sum() {
            return Err(ReadError {
                offset: member,
                kind: ReadErrorKind::Gzip(format!(
                    "CRC-32 mismatch (trailer {crc:08x}, data {:08x})",
                    self.crc.sum()
                )),
            });
        }
        if size != self.inflate.total_out() as u32 {
            return Err(ReadError {
                offset: member,
                kind: ReadErrorKind::Gzip(format!(
                    "length mismatch (trailer {size}, data {})",
                    self.inflate.total_out() as u32
                )),
            });
        }
        Ok(())
    }
}

fn io_error(offset: u64, e: io::Error) -> ReadError {
    ReadError {
        offset,
        kind: ReadErrorKind::Io(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;

    pub(crate) fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn header_forms() {
        assert_eq!(gzip_header(&[]), GzHeader::Incomplete);
        assert_eq!(gzip_header(&[0x1f, 0x8b]), GzHeader::Incomplete);
        assert!(matches!(gzip_header(b"WARC/1.0"), GzHeader::Invalid(_)));
        assert!(matches!(
            gzip_header(&[0x1f, 0x8b, 0x08, 0xe0, 0, 0, 0, 0, 0, 0]),
            GzHeader::Invalid(_)
        ));
        assert_eq!(gzip_header(&gz(b"x")), GzHeader::Len(10));
        // FNAME + FEXTRA
        let mut h = vec![
            0x1f,
            0x8b,
            0x08,
            FNAME | FEXTRA,
            0,
            0,
            0,
            0,
            0,
            0xff,
            2,
            0,
            9,
            9,
        ];
        assert_eq!(gzip_header(&h), GzHeader::Incomplete);
        h.extend_from_slice(b"name\0");
        assert_eq!(gzip_header(&h), GzHeader::Len(19));
    }

    #[test]
    fn members_are_walked_with_offsets() {
        let a = gz(b"WARC/first");
        let b = gz(b"WARC/second");
        let mut file = a.clone();
        file.extend_from_slice(&b);
        let mut s = Stream::new(Input::new(&file[..], 0), true);
        assert_eq!(s.peek(5).unwrap(), b"WARC/first");
        assert_eq!(s.position(), (0, 0));
        s.consume(10);
        assert!(s.fill(false).unwrap().is_empty());
        assert!(s.member_done());
        assert_eq!(s.fill(true).unwrap(), b"WARC/second");
        assert_eq!(s.position(), (a.len() as u64, 0));
        s.consume(11);
        assert!(s.fill(true).unwrap().is_empty());
        assert_eq!(s.raw_offset(), file.len() as u64);
    }

    #[test]
    fn crc_mismatch_and_truncation_are_errors() {
        let mut bad = gz(b"WARC/1.0 some data");
        let n = bad.len();
        bad[n - 8] ^= 1;
        let mut s = Stream::new(Input::new(&bad[..], 0), true);
        let err = loop {
            match s.fill(true) {
                Ok([]) => panic!("no error"),
                Ok(d) => {
                    let n = d.len();
                    s.consume(n)
                }
                Err(e) => break e,
            }
        };
        assert!(matches!(err.kind, ReadErrorKind::Gzip(_)), "{err}");

        let good = gz(b"WARC/1.0 some data");
        for cut in 1..good.len() {
            let mut s = Stream::new(Input::new(&good[..cut], 0), true);
            let mut failed = false;
            for _ in 0..100 {
                match s.fill(true) {
                    Ok([]) => break,
                    Ok(d) => {
                        let n = d.len();
                        s.consume(n)
                    }
                    Err(e) => {
                        assert_eq!(e.offset, 0);
                        failed = true;
                        break;
                    }
                }
            }
            assert!(failed, "cut at {cut} not reported");
        }
    }

    #[test]
    fn probe_needs_warc_data() {
        let warc = gz(b"WARC/1.1\r\n");
        let mut input = Input::new(&warc[..], 0);
        assert!(probe_member(&mut input).unwrap());
        assert_eq!(input.offset(), 0);
        let html = gz(b"<html>");
        let mut input = Input::new(&html[..], 0);
        assert!(!probe_member(&mut input).unwrap());
    }
}
