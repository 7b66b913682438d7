//! The raw byte source under the reader: a buffer over any `Read` that knows the absolute
//! offset of every byte, can peek ahead (gzip headers, resync candidates) and can step back a
//! bounded distance after damage.
//!
//! Stepping back is what lets the reader find records that a damaged record swallowed: a
//! truncated gzip member, or a plain record whose `Content-Length` is too long, has consumed
//! bytes of the records after it before the damage shows. The buffer keeps the bytes from a
//! *mark* (the start of the current record or member) so the resync can scan them again, but
//! never more than [`KEEP`] bytes: past that the mark is dropped and resync scans forward only,
//! so memory stays bounded whatever the input.

use std::io::{self, Read};

/// Most bytes kept behind the read position for a rewind.
pub(crate) const KEEP: usize = 8 << 20;
/// Bytes asked of the inner reader at a time.
const CHUNK: usize = 64 << 10;

pub(crate) struct Input<R> {
    inner: R,
    buf: Vec<u8>,
    /// Read position in `buf`.
    pos: usize,
    /// End of the valid bytes in `buf`.
    end: usize,
    /// Absolute offset of `buf[0]`.
    base: u64,
    /// Absolute offset from which bytes are kept for a rewind.
    mark: Option<u64>,
    eof: bool,
}

impl<R: Read> Input<R> {
    pub(crate) fn new(inner: R, start_offset: u64) -> Self {
        Input {
            inner,
            buf: Vec::new(),
            pos: 0,
            end: 0,
            base: start_offset,
            mark: None,
            eof: false,
        }
    }

    /// Absolute offset of the next unread byte.
    pub(crate) fn offset(&self) -> u64 {
        self.base + self.pos as u64
    }

    /// Keeps the bytes from `offset` (at most the current position) for a later rewind, as
    /// far as they are still in the buffer.
    pub(crate) fn set_mark_at(&mut self, offset: u64) {
        self.mark = Some(offset.clamp(self.base, self.offset()));
    }

    pub(crate) fn clear_mark(&mut self) {
        self.mark = None;
    }

    /// The unread bytes in the buffer, reading more only when there are none.
    /// Empty means end of input.
    pub(crate) fn fill(&mut self) -> io::Result<&[u8]> {
        if self.pos == self.end {
            self.read_more(1)?;
        }
        Ok(&self.buf[self.pos..self.end])
    }

    /// All unread bytes in the buffer, at least `n` of them unless the input ends first.
    pub(crate) fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        if self.end - self.pos < n {
            self.read_more(n)?;
        }
        Ok(&self.buf[self.pos..self.end])
    }

    pub(crate) fn consume(&mut self, n: usize) {
        debug_assert!(self.pos + n <= self.end);
        self.pos = (self.pos + n).min(self.end);
    }

    /// Goes back to `to`, or as near after it as the kept bytes allow, and returns the offset
    /// reached. Never goes forward past bytes not yet read: an offset ahead is reached by
    /// reading and dropping.
    pub(crate) fn rewind(&mut self, to: u64) -> io::Result<u64> {
        if to <= self.offset() {
            let target = to.max(self.base);
            self.pos = (target - self.base) as usize;
            return Ok(target);
        }
        while self.offset() < to {
            let want = to - self.offset();
            let have = self.fill()?.len();
            if have == 0 {
                break;
            }
            self.consume(have.min(usize::try_from(want).unwrap_or(usize::MAX)));
        }
        Ok(self.offset())
    }

    /// Reads until at least `want` bytes are unread or the input ends.
    fn read_more(&mut self, want: usize) -> io::Result<()> {
        while self.end - self.pos < want && !self.eof {
            if self.buf.len() - self.end < CHUNK / 2 {
                self.make_room();
            }
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(0) => self.eof = true,
                Ok(n) => self.end += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Drops the bytes no longer needed (before the read position, or before the mark while
    /// it is within [`KEEP`]) and grows the buffer when that frees too little. The buffer
    /// grows past [`KEEP`] only for unread bytes a peek asked for, never to keep a mark.
    fn make_room(&mut self) {
        let keep_from = match self.mark {
            Some(m) if m >= self.base && self.offset() - m <= KEEP as u64 => {
                (m - self.base) as usize
            }
            _ => {
                self.mark = None;
                self.pos
            }
        };
        self.drop_before(keep_from);
        if self.roomy() {
            return;
        }
        if self.mark.is_some() && self.buf.len() >= KEEP {
            self.mark = None;
            self.drop_before(self.pos);
            if self.roomy() {
                return;
            }
        }
        let new_len = (self.buf.len() * 2).max(self.end + CHUNK);
        self.buf.resize(new_len, 0);
    }

    /// Whether enough of the buffer is free for a refill (a quarter at least, so refills
    /// stay amortised).
    fn roomy(&self) -> bool {
        let free = self.buf.len() - self.end;
        free >= CHUNK / 2 && free >= self.buf.len() / 4
    }

    fn drop_before(&mut self, from: usize) {
        if from > 0 {
            self.buf.copy_within(from..self.end, 0);
            self.base += from as u64;
            self.pos -= from;
            self.end -= from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader handing out at most three bytes per call, to exercise refills.
    struct Trickle<'a>(&'a [u8]);
    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.0.len().min(out.len()).min(3);
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn offsets_peek_and_rewind() {
        let data: Vec<u8> = (0..=255u8).cycle().take(300_000).collect();
        let mut input = Input::new(Trickle(&data), 1000);
        assert_eq!(input.offset(), 1000);
        assert_eq!(&input.peek(10).unwrap()[..10], &data[..10]);
        input.consume(5);
        input.set_mark_at(input.offset());
        // Read far past the mark: the mark keeps everything from offset 1005.
        let mut read = 0;
        while read < 200_000 {
            let n = input.fill().unwrap().len().min(200_000 - read);
            input.consume(n);
            read += n;
        }
        assert_eq!(input.offset(), 1000 + 5 + 200_000);
        assert_eq!(input.rewind(1006).unwrap(), 1006);
        assert_eq!(input.fill().unwrap()[0], data[6]);
        // Forward rewind reads and drops.
        assert_eq!(input.rewind(1000 + 250_000).unwrap(), 1000 + 250_000);
        assert_eq!(input.fill().unwrap()[0], data[250_000]);
        // A rewind never goes before the oldest byte kept, and lands on the right byte.
        input.clear_mark();
        let reached = input.rewind(1000).unwrap();
        assert!(reached >= 1000);
        assert_eq!(input.fill().unwrap()[0], data[(reached - 1000) as usize]);
    }

    #[test]
    fn the_mark_keeps_at_most_keep_bytes() {
        let mut input = Input::new(io::repeat(7).take(KEEP as u64 * 2), 0);
        input.set_mark_at(input.offset());
        let mut read = 0;
        while read < KEEP + (1 << 20) {
            let n = input.fill().unwrap().len();
            input.consume(n);
            read += n;
        }
        let reached = input.rewind(0).unwrap();
        assert!(reached > 0, "mark kept past KEEP");
        assert!(input.buf.len() <= KEEP + 2 * CHUNK, "{}", input.buf.len());
    }

    #[test]
    fn peek_at_end_returns_what_is_left() {
        let mut input = Input::new(&b"abc"[..], 0);
        assert_eq!(input.peek(10).unwrap(), b"abc");
        input.consume(3);
        assert!(input.fill().unwrap().is_empty());
        assert!(input.peek(1).unwrap().is_empty());
    }
}
