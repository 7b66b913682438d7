//! Character sets of spans and the one-to-one matching of content spans
//! (`charset`, `trimmed`, `is_direct` and `match` in `score_quotes.py`).

/// The quotation marks that make content direct.
pub const QUOTES: &[char] = &[
    '"', '\u{201c}', '\u{201d}', '\u{201e}', '\u{ab}', '\u{bb}', '\u{2018}',
];

/// What `exact` matching trims at both ends: white space, quotation marks, apostrophes and
/// final punctuation.
pub fn is_trimmed(c: char) -> bool {
    QUOTES.contains(&c)
        || matches!(
            c,
            ' ' | '\t'
                | '\n'
                | '\r'
                | '\''
                | '\u{2018}'
                | '\u{2019}'
                | '.'
                | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | '\u{2014}'
                | '\u{2013}'
                | '-'
        )
}

/// The set of code-point offsets covered by a list of spans, kept as sorted, disjoint,
/// non-adjacent half-open intervals, so equal sets have equal representations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CharSet {
    intervals: Vec<(i64, i64)>,
}

impl CharSet {
    pub fn new(spans: &[(i64, i64)]) -> CharSet {
        let mut spans: Vec<(i64, i64)> = spans.iter().copied().filter(|(a, b)| a < b).collect();
        spans.sort_unstable();
        let mut intervals: Vec<(i64, i64)> = Vec::with_capacity(spans.len());
        for (a, b) in spans {
            match intervals.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => intervals.push((a, b)),
            }
        }
        CharSet { intervals }
    }

    pub fn len(&self) -> usize {
        self.intervals.iter().map(|(a, b)| (b - a) as usize).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.intervals.is_empty()
    }

    /// The size of the intersection of two sets.
    pub fn intersection_len(&self, other: &CharSet) -> usize {
        let (mut i, mut j, mut n) = (0, 0, 0);
        while i < self.intervals.len() && j < other.intervals.len() {
            let (a0, a1) = self.intervals[i];
            let (b0, b1) = other.intervals[j];
            let (lo, hi) = (a0.max(b0), a1.min(b1));
            if lo < hi {
                n += (hi - lo) as usize;
            }
            if a1 < b1 {
                i += 1;
            } else {
                j += 1;
            }
        }
        n
    }

    /// The offsets in increasing order.
    fn offsets(&self) -> impl DoubleEndedIterator<Item = i64> + '_ {
        self.intervals.iter().flat_map(|&(a, b)| a..b)
    }

    /// The set without the trimmed characters at either end (`trimmed`).
    pub fn trimmed(&self, text: &Text) -> CharSet {
        let keep = |i: i64| !matches!(text.at(i), Some(c) if is_trimmed(c));
        let (Some(lo), Some(hi)) = (
            self.offsets().find(|&i| keep(i)),
            self.offsets().rev().find(|&i| keep(i)),
        ) else {
            return CharSet::default();
        };
        CharSet {
            intervals: self
                .intervals
                .iter()
                .map(|&(a, b)| (a.max(lo), b.min(hi + 1)))
                .filter(|(a, b)| a < b)
                .collect(),
        }
    }

    /// Whether any covered character below the text's length is a quotation mark
    /// (`is_direct`).
    pub fn has_quote(&self, text: &Text) -> bool {
        let len = text.len();
        self.intervals.iter().any(|&(a, b)| {
            // Python indexes negative offsets from the end; offsets below -len raise there.
            (a.max(-len)..b.min(len)).any(|i| text.at(i).is_some_and(|c| QUOTES.contains(&c)))
        })
    }
}

/// A document text indexed by code point.
pub struct Text {
    chars: Vec<char>,
}

impl Text {
    pub fn new(text: &str) -> Text {
        Text {
            chars: text.chars().collect(),
        }
    }

    pub fn len(&self) -> i64 {
        self.chars.len() as i64
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The character at a code-point offset, negative offsets counting from the end as in
    /// Python; `None` outside the text (where the Python scorer would raise `IndexError`).
    pub fn at(&self, i: i64) -> Option<char> {
        let i = if i < 0 { i + self.len() } else { i };
        usize::try_from(i)
            .ok()
            .and_then(|i| self.chars.get(i))
            .copied()
    }
}

/// How two content spans must overlap to match.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Threshold {
    /// The same characters after trimming (`exact`).
    Exact,
    /// The overlap covers at least this share of both spans.
    Overlap(f64),
}

impl std::fmt::Display for Threshold {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Threshold::Exact => f.write_str("exact"),
            Threshold::Overlap(t) => write!(f, "{t}"),
        }
    }
}

/// The content of one attribution, ready for matching.
pub struct Content {
    pub set: CharSet,
    /// The trimmed set, needed for [`Threshold::Exact`] only.
    pub trimmed: CharSet,
}

impl Content {
    pub fn new(set: CharSet, text: &Text) -> Content {
        let trimmed = set.trimmed(text);
        Content { set, trimmed }
    }
}

/// One-to-one greedy matching: every acceptable (gold, predicted) pair is a candidate;
/// candidates are taken largest overlap first, ties broken as Python's
/// `sort(reverse=True)` on `(overlap, gold index, predicted index)` does. Returns the
/// `(gold index, predicted index)` pairs in the order they were taken.
pub fn match_contents(golds: &[&Content], preds: &[&Content], t: Threshold) -> Vec<(usize, usize)> {
    let mut cands = Vec::new();
    for (gi, g) in golds.iter().enumerate() {
        for (pi, p) in preds.iter().enumerate() {
            let inter = g.set.intersection_len(&p.set);
            if inter == 0 {
                continue;
            }
            let ok = match t {
                Threshold::Exact => g.trimmed == p.trimmed,
                Threshold::Overlap(t) => {
                    inter as f64 >= t * g.set.len() as f64 && inter as f64 >= t * p.set.len() as f64
                }
            };
            if ok {
                cands.push((inter, gi, pi));
            }
        }
    }
    cands.sort_unstable_by(|a, b| b.cmp(a));
    let mut used_g = vec![false; golds.len()];
    let mut used_p = vec![false; preds.len()];
    let mut pairs = Vec::new();
    for (_, gi, pi) in cands {
        if used_g[gi] || used_p[pi] {
            continue;
        }
        used_g[gi] = true;
        used_p[pi] = true;
        pairs.push((gi, pi));
    }
    pairs
}
