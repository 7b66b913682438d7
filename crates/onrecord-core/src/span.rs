use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into an article's text.
///
/// Byte offsets keep slicing free inside the analysis; convert with [`CodePoints`] before
/// anything leaves the process.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The text this span covers.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    pub fn contains(&self, byte: usize) -> bool {
        self.start <= byte && byte < self.end
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: &Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Shrink the span so it neither starts nor ends with a character in `trim`
    /// (white space is always trimmed).
    pub fn trim_by(&self, text: &str, trim: impl Fn(char) -> bool) -> Span {
        let s = &text[self.start..self.end];
        let left = s.len()
            - s.trim_start_matches(|c: char| c.is_whitespace() || trim(c))
                .len();
        let rest = &s[left..];
        let right = rest
            .trim_end_matches(|c: char| c.is_whitespace() || trim(c))
            .len();
        Span::new(self.start + left, self.start + left + right)
    }

    /// Shrink the span to drop surrounding white space only.
    pub fn trim(&self, text: &str) -> Span {
        self.trim_by(text, |_| false)
    }
}

/// Maps byte offsets of one text to Unicode code-point offsets.
///
/// Built once per article in O(n); each lookup is a binary search over the positions of
/// multi-byte characters, so ASCII-heavy news text costs almost nothing.
pub struct CodePoints {
    /// Byte offset of every character that is wider than one byte, with the number of extra
    /// bytes seen up to and including it.
    wide: Vec<(usize, usize)>,
    len: usize,
}

impl CodePoints {
    pub fn new(text: &str) -> Self {
        let mut wide = Vec::new();
        let mut extra = 0;
        for (i, c) in text.char_indices() {
            let w = c.len_utf8();
            if w > 1 {
                extra += w - 1;
                wide.push((i, extra));
            }
        }
        CodePoints {
            wide,
            len: text.len(),
        }
    }

    /// Code-point offset of byte offset `byte` (which must lie on a char boundary or at the end).
    pub fn of(&self, byte: usize) -> usize {
        let byte = byte.min(self.len);
        // number of wide characters starting strictly before `byte`
        let n = self.wide.partition_point(|&(pos, _)| pos < byte);
        if n == 0 {
            byte
        } else {
            byte - self.wide[n - 1].1
        }
    }

    /// `[start, end]` pair in code points, as the JSON formats want it.
    pub fn span(&self, span: Span) -> [usize; 2] {
        [self.of(span.start), self.of(span.end)]
    }

    /// Byte offset of code-point offset `cp` in `text` (for reading gold files).
    pub fn byte_of(text: &str, cp: usize) -> usize {
        text.char_indices()
            .nth(cp)
            .map(|(b, _)| b)
            .unwrap_or(text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_skip_multibyte_characters() {
        let text = "Kalın said “yes” — ok";
        let cp = CodePoints::new(text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(cp.of(bi), ci, "byte {bi}");
        }
        assert_eq!(cp.of(text.len()), text.chars().count());
    }

    #[test]
    fn trim_drops_quotes_and_space() {
        let text = "  “Hello.”  ";
        let s = Span::new(0, text.len()).trim_by(text, |c| "“”.".contains(c));
        assert_eq!(s.text(text), "Hello");
    }
}
