//! The cue lexicon: which words report speech or stance, learned from an annotated corpus.
//!
//! `learn` counts, for every word form, how often it heads a gold cue and how often it occurs
//! at all; the ratio is the word's cue probability. The committed table
//! (`data/cues.tsv`, made by `onrecord learn-cues polnear-train.jsonl`) is compiled into the
//! binary, so nothing is loaded at run time.

use std::collections::HashMap;

use onrecord_core::Span;

use crate::text::{Doc, TokKind};

/// Weekday names, lower case.
pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Month names and their abbreviations, lower case; not "may", which is as often a name or
/// a verb ("Theresa May", "she may").
pub const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sept",
    "sep",
    "oct",
    "nov",
    "dec",
];

/// Words that may stand before the head of a cue without being it ("has said", "also told").
pub const AUXILIARIES: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "also",
    "would",
    "will",
    "did",
    "does",
    "do",
    "'s",
    "\u{2019}s",
    "not",
    "n't",
    "just",
    "still",
    "then",
    "later",
    "recently",
    "often",
    "now",
    "even",
    "first",
    "may",
    "might",
    "can",
    "could",
    "should",
    "must",
    "repeatedly",
    "previously",
    "frequently",
    "initially",
    "already",
    "again",
    "never",
    "always",
    "long",
    "publicly",
    "once",
    "separately",
    "privately",
    "earlier",
    "further",
    "reportedly",
    "explicitly",
    "openly",
    "quickly",
    "simply",
    "specifically",
    "flatly",
    "has long",
    "to",
    "all",
    "both",
    "too",
    "only",
    "ultimately",
    "subsequently",
    "finally",
    "last",
];

/// How often a word form heads a cue, and how often it occurs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CueStats {
    pub cue: u32,
    pub total: u32,
}

impl CueStats {
    pub fn ratio(&self) -> f32 {
        if self.total == 0 {
            0.0
        } else {
            self.cue as f32 / self.total as f32
        }
    }
}

/// FNV-1a, the lexicon's hash: its keys are short words, looked up a few times for every
/// token of every article, and SipHash (the default, a defence against keys chosen to
/// collide, which a table built from training data does not need) cost more than the
/// lookups themselves.
#[derive(Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Word form → statistics, hashed with [`Fnv`].
type Table = HashMap<String, CueStats, std::hash::BuildHasherDefault<Fnv>>;

/// Word form (lower case) → statistics.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    words: Table,
    /// The same pooled by [`stem`], so an inflection rare in training ("accusing") borrows
    /// the evidence of its siblings ("accused", "accuses").
    stems: Table,
    /// Words after a cue head that belong to the cue ("respond to", "made it clear"): keyed
    /// by the head and the following words joined with spaces; `cue` counts the times the
    /// last word was inside the gold cue, `total` the times the head was followed so.
    phrases: Table,
}

/// How many words a learned phrasal cue may take after its head.
pub const MAX_PHRASE: usize = 3;

/// A crude English stem: the word without `-ing`, `-ed`, `-es`, `-s` or `-e` (at least three
/// letters kept).
pub fn stem(w: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s", "e"] {
        if let Some(s) = w.strip_suffix(suffix) {
            if s.len() >= 3 {
                return s;
            }
        }
    }
    w
}

fn pool(words: &Table) -> Table {
    let mut stems = Table::default();
    for (w, s) in words {
        let e = stems.entry(stem(w).to_string()).or_default();
        e.cue += s.cue;
        e.total += s.total;
    }
    stems
}

pub(crate) const BUILTIN: &str = include_str!("../data/cues.tsv");

/// Thresholds for calling a word a cue: seen as a cue at least this often…
pub const MIN_CUE_COUNT: u32 = 2;
/// …and heading a cue at least this share of the times it occurs.
pub const MIN_RATIO: f32 = 0.25;

impl Lexicon {
    /// The lexicon compiled into the binary.
    pub fn builtin() -> &'static Lexicon {
        &crate::Models::builtin().lexicon
    }

    /// Parse the TSV written by [`Lexicon::to_tsv`]; malformed lines are skipped.
    pub fn parse(tsv: &str) -> Lexicon {
        let mut words = Table::default();
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let mut f = line.split('\t');
            let (Some(w), Some(c), Some(t)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            let (Ok(cue), Ok(total)) = (c.parse(), t.parse()) else {
                continue;
            };
            words.insert(w.to_string(), CueStats { cue, total });
        }
        let (phrases, words): (Table, Table) =
            words.into_iter().partition(|(w, _)| w.contains(' '));
        let stems = pool(&words);
        Lexicon {
            words,
            stems,
            phrases,
        }
    }

    /// Does it hold no word at all (an empty or foreign table)?
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// How often `key` (a head and the words after it, space-joined) continued a gold cue.
    pub fn phrase_stats(&self, key: &str) -> Option<CueStats> {
        self.phrases.get(key).copied()
    }

    pub fn stats(&self, word: &str) -> Option<CueStats> {
        self.words.get(word).copied()
    }

    /// The statistics of all word forms sharing the stem of `word`.
    pub fn stem_stats(&self, word: &str) -> Option<CueStats> {
        self.stems.get(stem(word)).copied()
    }

    /// Is this (lower-case) word form a cue often enough to act on?
    pub fn is_cue(&self, word: &str) -> bool {
        self.words
            .get(word)
            .is_some_and(|s| s.cue >= MIN_CUE_COUNT && s.ratio() >= MIN_RATIO)
    }

    /// Count cue heads and word occurrences over annotated documents: `(text, cue spans)`
    /// with byte spans, one entry per gold attribution's cue.
    pub fn learn<'a>(docs: impl IntoIterator<Item = (&'a str, Vec<Vec<Span>>)>) -> Lexicon {
        let mut words = Table::default();
        let mut phrases = Table::default();
        for (text, cues) in docs {
            let doc = Doc::new(text);
            for i in 0..doc.tokens.len() {
                if doc.tokens[i].kind == TokKind::Word {
                    words.entry(doc.lower(i).into_owned()).or_default().total += 1;
                }
            }
            for cue in cues {
                let Some(h) = cue_head_token(&doc, &cue) else {
                    continue;
                };
                let mut key = doc.lower(h).into_owned();
                words.entry(key.clone()).or_default().cue += 1;
                for j in h + 1..(h + 1 + MAX_PHRASE).min(doc.tokens.len()) {
                    let t = &doc.tokens[j];
                    if t.kind != TokKind::Word || t.para != doc.tokens[h].para {
                        break;
                    }
                    key.push(' ');
                    key.push_str(&doc.lower(j));
                    let e = phrases.entry(key.clone()).or_default();
                    e.total += 1;
                    if !cue
                        .iter()
                        .any(|c| c.start <= t.span.start && t.span.end <= c.end)
                    {
                        break;
                    }
                    e.cue += 1;
                }
            }
        }
        words.retain(|_, s| s.cue > 0);
        // a phrase is kept when it continued a cue at least twice
        phrases.retain(|_, s| s.cue >= 2);
        let stems = pool(&words);
        Lexicon {
            words,
            stems,
            phrases,
        }
    }

    /// Learn from annotated-corpus JSONL (gold `cue` spans in code points). Errors name the line.
    pub fn learn_jsonl(input: impl std::io::BufRead) -> Result<Lexicon, String> {
        let docs = read_annotated(input)?;
        Ok(Lexicon::learn(
            docs.iter().map(|(t, c)| (t.as_str(), c.clone())),
        ))
    }

    /// The table, most frequent cues first.
    pub fn to_tsv(&self) -> String {
        let mut rows: Vec<_> = self.words.iter().chain(&self.phrases).collect();
        rows.sort_by(|a, b| b.1.cue.cmp(&a.1.cue).then(a.0.cmp(b.0)));
        let mut out = String::from("# word\tas cue\toccurrences (made by `onrecord learn-cues`)\n");
        for (w, s) in rows {
            out.push_str(&format!("{w}\t{}\t{}\n", s.cue, s.total));
        }
        out
    }
}

/// The head word of a gold cue: its first word that is not an auxiliary or adverb.
/// Token index of the head word of a gold cue: its first word that is not an auxiliary or
/// adverb.
pub(crate) fn cue_head_token(doc: &Doc, cue: &[Span]) -> Option<usize> {
    let first = cue.first()?;
    let last = cue.last()?;
    let mut i = doc.token_at(first.start);
    while i < doc.tokens.len() && doc.tokens[i].span.start < last.end {
        if doc.tokens[i].kind == TokKind::Word && !AUXILIARIES.contains(&doc.lower(i).as_ref()) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The gold cues of a document as per-token head flags, and each head with its attribution:
/// what the content models learn from, the cues given.
pub(crate) fn gold_cue_heads<'g>(
    doc: &Doc,
    gd: &'g GoldDoc,
) -> (Vec<bool>, Vec<(usize, &'g GoldAttribution)>) {
    let mut cues = vec![false; doc.tokens.len()];
    let mut heads = Vec::new();
    for a in &gd.attributions {
        if let Some(h) = cue_head_token(doc, &a.cue) {
            cues[h] = true;
            heads.push((h, a));
        }
    }
    (cues, heads)
}

/// The gold content spans of the attributions whose cue heads at token `cue_tok` (from
/// [`gold_cue_heads`]): what the start and end models learn a content after that cue from.
pub(crate) fn gold_contents<'g>(
    heads: &'g [(usize, &'g GoldAttribution)],
    cue_tok: usize,
) -> impl Iterator<Item = &'g Span> + 'g {
    heads
        .iter()
        .filter(move |(h, _)| *h == cue_tok)
        .flat_map(|(_, a)| &a.content)
}

/// Per gold attribution of a document, its cue spans.
pub type CueSpans = Vec<Vec<Span>>;

/// One gold attribution's spans (bytes), as learning needs them.
#[derive(Clone, Debug, Default)]
pub struct GoldAttribution {
    pub cue: Vec<Span>,
    pub content: Vec<Span>,
}

/// One annotated document: its text and gold attributions.
#[derive(Clone, Debug, Default)]
pub struct GoldDoc {
    pub text: String,
    pub attributions: Vec<GoldAttribution>,
}

/// Read annotated-corpus JSONL into `(text, cue spans in bytes)` per document. Errors name
/// the line.
pub fn read_annotated(input: impl std::io::BufRead) -> Result<Vec<(String, CueSpans)>, String> {
    Ok(read_gold(input)?
        .into_iter()
        .map(|d| {
            let cues = d.attributions.into_iter().map(|a| a.cue).collect();
            (d.text, cues)
        })
        .collect())
}

/// Read annotated-corpus JSONL into documents with their gold cue and content spans, in
/// bytes. Errors name the line.
pub fn read_gold(input: impl std::io::BufRead) -> Result<Vec<GoldDoc>, String> {
    let mut docs = Vec::new();
    for (n, line) in input.lines().enumerate() {
        let line = line.map_err(|e| format!("line {}: {e}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)
            .map_err(|e| format!("line {}: invalid JSON: {e}", n + 1))?;
        let text = v["text"]
            .as_str()
            .ok_or_else(|| format!("line {}: no `text`", n + 1))?;
        let bytes: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        let at = |cp: &serde_json::Value| {
            cp.as_u64()
                .and_then(|c| bytes.get(c as usize).copied())
                .unwrap_or(text.len())
        };
        let spans = |a: &serde_json::Value| -> Vec<Span> {
            a.as_array()
                .into_iter()
                .flatten()
                .map(|s| Span::new(at(&s[0]), at(&s[1])))
                .filter(|s| !s.is_empty())
                .collect()
        };
        let attributions = v["attributions"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|a| GoldAttribution {
                cue: spans(&a["cue"]),
                content: spans(&a["content"]),
            })
            .collect();
        docs.push(GoldDoc {
            text: text.to_string(),
            attributions,
        });
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_heads_past_auxiliaries_and_round_trips() {
        let text = "Kaya has said no. Kaya said yes. The said man left.";
        let cue1 = vec![Span::new(5, 13)]; // "has said"
        let cue2 = vec![Span::new(23, 27)]; // "said"
        let lex = Lexicon::learn([(text, vec![cue1, cue2])]);
        assert_eq!(lex.stats("said"), Some(CueStats { cue: 2, total: 3 }));
        let back = Lexicon::parse(&lex.to_tsv());
        assert_eq!(back.stats("said"), lex.stats("said"));
    }

    #[test]
    fn learns_phrasal_cues_and_pools_stems() {
        let text = "Kaya spoke out about the dam. Lopes spoke out about the port. Ivo spoke to us.";
        let cue = |needle: &str| {
            let s = text.find(needle).unwrap();
            vec![Span::new(s, s + needle.len())]
        };
        let (c1, c2) = (cue("Kaya spoke out about"), cue("Lopes spoke out about"));
        let cues = vec![
            vec![Span::new(c1[0].start + 5, c1[0].end)],
            vec![Span::new(c2[0].start + 6, c2[0].end)],
            cue("spoke to"),
        ];
        let lex = Lexicon::learn([(text, cues)]);
        // "out" continued "spoke" twice in three; "to" once (dropped: fewer than two)
        assert_eq!(
            lex.phrase_stats("spoke out"),
            Some(CueStats { cue: 2, total: 2 })
        );
        assert_eq!(
            lex.phrase_stats("spoke out about"),
            Some(CueStats { cue: 2, total: 2 })
        );
        assert_eq!(lex.phrase_stats("spoke to"), None);
        let back = Lexicon::parse(&lex.to_tsv());
        assert_eq!(
            back.phrase_stats("spoke out"),
            lex.phrase_stats("spoke out")
        );
        assert_eq!(back.stats("spoke out"), None);
        // inflections share a stem
        assert_eq!(stem("accused"), stem("accusing"));
        assert_eq!(back.stem_stats("speaks"), None);
        assert_eq!(back.stem_stats("spoke"), back.stats("spoke"));
    }

    #[test]
    fn builtin_knows_the_common_cues() {
        let lex = Lexicon::builtin();
        for w in ["said", "says", "told", "added"] {
            assert!(lex.is_cue(w), "{w}");
        }
        assert!(!lex.is_cue("the"));
    }
}
