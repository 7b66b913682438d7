//! The time layer's own tokens: runs of letters, runs of digits (with thousands commas and
//! decimals), and single punctuation characters, each with its byte span, whether white space
//! precedes it, and the sentence it belongs to.
//!
//! Words are looked up in an ASCII-lower-cased copy of the text, which keeps every byte
//! offset of the original, so no token allocates.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// White space (or the start of the text) precedes the token.
    pub space: bool,
    /// A line break precedes the token (or it is the first token).
    pub newline: bool,
    /// The first character is an upper-case letter.
    pub cap: bool,
    /// Sentence index.
    pub sent: u32,
    /// Numeric value of a `Num` token.
    pub num: f64,
    /// Number of digits of a `Num` token written without separators ("1990": 4).
    pub digits: u8,
}

pub(crate) struct Toks<'a> {
    pub text: &'a str,
    pub lower: String,
    pub toks: Vec<Tok>,
}

/// Abbreviations after which a period does not end a sentence.
const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gov", "sen", "rep", "gen", "lt", "col", "maj", "capt", "sgt",
    "st", "jr", "sr", "rev", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "no",
    "vs", "inc", "co", "corp", "ltd", "u", "s", "a", "p", "m", "n", "e", "w",
];

impl<'a> Toks<'a> {
    pub fn new(text: &'a str) -> Toks<'a> {
        let lower = text.to_ascii_lowercase();
        let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 5 + 1);
        let bytes = text.as_bytes();
        let mut space = true;
        let mut newline = true;
        let mut it = text.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if c.is_whitespace() {
                space = true;
                if c == '\n' || c == '\r' {
                    newline = true;
                }
                continue;
            }
            let mut end = i + c.len_utf8();
            let kind = if c.is_ascii_digit() {
                // digits, then ",ddd" groups and one ".d+" decimal part
                while end < bytes.len() && bytes[end].is_ascii_digit() {
                    end += 1;
                }
                loop {
                    if end + 3 < bytes.len()
                        && bytes[end] == b','
                        && bytes[end + 1..end + 4].iter().all(u8::is_ascii_digit)
                        && !bytes.get(end + 4).is_some_and(u8::is_ascii_digit)
                    {
                        end += 4;
                    } else {
                        break;
                    }
                }
                if end + 1 < bytes.len() && bytes[end] == b'.' && bytes[end + 1].is_ascii_digit() {
                    end += 1;
                    while end < bytes.len() && bytes[end].is_ascii_digit() {
                        end += 1;
                    }
                }
                Kind::Num
            } else if c.is_alphabetic() {
                while let Some(&(j, d)) = it.peek() {
                    if d.is_alphabetic() || d == '\u{0301}' || d == '\u{0308}' {
                        end = j + d.len_utf8();
                        it.next();
                    } else {
                        break;
                    }
                }
                Kind::Word
            } else {
                Kind::Punct
            };
            // skip the chars consumed by byte scanning (numbers)
            while it.peek().is_some_and(|&(j, _)| j < end) {
                it.next();
            }
            let (num, digits) = if kind == Kind::Num {
                let s: String = text[i..end].chars().filter(|&c| c != ',').collect();
                let digits = if s.contains('.') || text[i..end].contains(',') {
                    0
                } else {
                    s.len().min(255) as u8
                };
                (s.parse::<f64>().unwrap_or(f64::NAN), digits)
            } else {
                (0.0, 0)
            };
            toks.push(Tok {
                start: i,
                end,
                kind,
                space,
                newline,
                cap: c.is_uppercase(),
                sent: 0,
                num,
                digits,
            });
            space = false;
            newline = false;
        }
        let mut t = Toks { text, lower, toks };
        t.sentences();
        t
    }

    /// Lower-cased text of token `i`.
    #[inline]
    pub fn low(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.lower[t.start..t.end],
            None => "",
        }
    }

    /// Original text of token `i`.
    #[cfg(test)]
    pub fn raw(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.text[t.start..t.end],
            None => "",
        }
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// Token `i` is the word `w` (lower case).
    #[inline]
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.low(i) == w
    }

    /// Token `i` follows token `i - 1` with no space between.
    #[inline]
    pub fn glued(&self, i: usize) -> bool {
        i > 0 && i < self.toks.len() && !self.toks[i].space
    }

    /// A `Num` token holding a non-negative integer.
    pub fn int(&self, i: usize) -> Option<u32> {
        let t = self.toks.get(i)?;
        (t.kind == Kind::Num && t.digits > 0 && t.digits <= 9).then_some(t.num as u32)
    }

    fn sentences(&mut self) {
        let mut sent = 0u32;
        // a sentence just ended: a line break after it starts no further one
        let mut fresh = true;
        let n = self.toks.len();
        for i in 0..n {
            if i > 0 && self.toks[i].newline && !fresh {
                sent += 1;
            }
            fresh = false;
            self.toks[i].sent = sent;
            let l = self.low(i);
            if matches!(l, "." | "!" | "?" | ";") {
                let Some(next) = self.toks.get(i + 1) else {
                    continue;
                };
                if l == ";" {
                    // a clause boundary, for tense purposes
                    sent += 1;
                    fresh = true;
                    continue;
                }
                if !next.space {
                    continue;
                }
                let prev_abbrev = i > 0
                    && self.glued(i)
                    && self.toks[i - 1].kind == Kind::Word
                    && ABBREV.contains(&self.low(i - 1));
                let next_starts = next.cap
                    || next.kind == Kind::Num
                    || matches!(self.low(i + 1), "\"" | "\u{201c}" | "`" | "'" | "(");
                if next_starts && !prev_abbrev {
                    sent += 1;
                    fresh = true;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_words_and_punctuation() {
        let t = Toks::new("On Feb. 24, 1,399 people paid $3.5 at 10:30 p.m. in the 1990s.");
        let words: Vec<&str> = (0..t.len()).map(|i| t.raw(i)).collect();
        assert_eq!(
            words,
            vec![
                "On", "Feb", ".", "24", ",", "1,399", "people", "paid", "$", "3.5", "at", "10",
                ":", "30", "p", ".", "m", ".", "in", "the", "1990", "s", "."
            ]
        );
        assert_eq!(t.toks[5].num, 1399.0);
        assert_eq!(t.toks[5].digits, 0);
        assert_eq!(t.toks[20].digits, 4);
        assert!(t.glued(21));
        assert_eq!(t.int(3), Some(24));
    }

    #[test]
    fn sentences_split_on_periods_not_abbreviations() {
        let t = Toks::new("He left on Sept. 4. Then he said so.\nNew line");
        let sents: Vec<u32> = t.toks.iter().map(|t| t.sent).collect();
        assert_eq!(sents, vec![0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2]);
    }

    #[test]
    fn multibyte_text_keeps_offsets() {
        let t = Toks::new("Kalın said “Sunday”");
        assert_eq!(t.raw(0), "Kalın");
        assert_eq!(t.low(3), "sunday");
    }
}
