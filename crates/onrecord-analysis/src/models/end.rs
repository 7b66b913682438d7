//! Where a reported content stops: a learned ranking of the possible ends.
//!
//! The rules in [`crate::attrib`] propose an end for the words after a cue (a clause with
//! its own subject, a relative clause, the next report). PolNeAR's annotators end the
//! content of a stance verb early ("endorsed Trump", not "…, who says he is honored") and
//! let a `that` clause run through its coordinations; no short list of rules holds all of
//! that. This model ranks every possible end, from the token after the content's start to
//! the end of the sentence, on the words either side of the cut, the shape of the content
//! (a `that` clause, a quotation, an infinitive, a noun phrase), the cue, the length, and
//! the rules' own proposal as one more feature, so it departs from the rules only where
//! training data says they are wrong.
//!
//! A ranking perceptron, averaged, over hashed features; learned by `onrecord learn-cues`
//! from the same training file as the cue model (the cues given, so that every training
//! example is a real decision), weights in `data/end-model.tsv`.

use onrecord_core::Span;

use super::features::{cue_class, start_class, tok_class, trim_end, verbish};
use super::rank::{Ranked, Weights};
use super::Rules;
use crate::lexicon::{GoldDoc, Lexicon};
use crate::text::{Doc, TokKind};

const BITS: u32 = 18;
const SIZE: usize = 1 << BITS;

pub(crate) const BUILTIN: &str = include_str!("../../data/end-model.tsv");

/// Training passes over the examples.
pub const EPOCHS: usize = 10;

/// One decision: the content after a cue starts at token `start` and may run up to token
/// `limit` (the end of its sentence); the rules chose `rule`. All are token indices, ends
/// exclusive and without trailing punctuation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EndPoint {
    pub cue_tok: usize,
    pub start: usize,
    pub limit: usize,
    pub rule: usize,
}

/// Weights of the hashed features (all zero: the rules decide alone).
#[derive(Clone, Debug)]
pub struct EndModel {
    w: Weights,
}

fn hash(parts: &[&[u8]]) -> u32 {
    crate::models::rank::hash(BITS, parts)
}

/// The possible ends of a content from `start` to at most `limit`: after every token that
/// is not punctuation (a cut before punctuation keeps the same words as one after it).
fn candidates<'a>(doc: &'a Doc, p: &EndPoint) -> impl Iterator<Item = usize> + 'a {
    let (start, limit) = (p.start, p.limit);
    (start + 1..=limit).filter(move |&e| doc.tokens[e - 1].kind != TokKind::Punct)
}

fn len_bucket(n: usize) -> &'static [u8] {
    match n {
        0..=1 => b"1",
        2 => b"2",
        3 => b"3",
        4..=6 => b"4",
        7..=10 => b"7",
        11..=16 => b"11",
        17..=25 => b"17",
        _ => b"26",
    }
}

/// One decision's tokens, looked at once: every candidate end then costs a few hashes.
struct View<'a, 'd> {
    doc: &'a Doc<'d>,
    p: EndPoint,
    st: &'static [u8],
    ck: &'static [u8],
    cue_word: String,
    /// Lower-cased words from the start to two past the limit ("</s>" from the limit on).
    words: Vec<std::borrow::Cow<'a, str>>,
    /// Per token from the start: a word the lexicon has mostly seen as a cue.
    cueish: Vec<bool>,
    /// The first token after the start that looks like a verb, and the first cue-like word
    /// other than the cue itself (`usize::MAX` when none).
    first_verb: usize,
    first_cue: usize,
    /// Prefix counts from the start: quotation marks, and opening minus closing brackets.
    marks: Vec<u32>,
    parens: Vec<i32>,
}

/// A word the lexicon has mostly seen as a cue, outside quotation marks.
fn cueish(doc: &Doc, lex: &Lexicon, j: usize) -> bool {
    let t = &doc.tokens[j];
    t.kind == TokKind::Word
        && !t.in_quote
        && lex
            .stats(&doc.lower(j))
            .is_some_and(|s| s.total >= 3 && s.ratio() >= 0.3)
}

impl<'a, 'd> View<'a, 'd> {
    fn new(doc: &'a Doc<'d>, lex: &Lexicon, p: EndPoint) -> View<'a, 'd> {
        let (s, limit) = (p.start, p.limit);
        let words = (s..limit + 2)
            .map(|i| {
                if i >= limit {
                    "</s>".into()
                } else {
                    doc.lower(i)
                }
            })
            .collect();
        let cueish: Vec<bool> = (s..limit).map(|j| cueish(doc, lex, j)).collect();
        let first_verb = (s + 1..limit)
            .find(|&j| verbish(doc, j))
            .unwrap_or(usize::MAX);
        let first_cue = (s + 1..limit)
            .find(|&j| j != p.cue_tok && cueish[j - s])
            .unwrap_or(usize::MAX);
        let mut marks = vec![0];
        let mut parens = vec![0];
        for i in s..limit {
            let q = (doc.tokens[i].kind == TokKind::Quote) as u32;
            marks.push(marks[i - s] + q);
            let b = match doc.tok(i) {
                "(" => 1,
                ")" => -1,
                _ => 0,
            };
            parens.push(parens[i - s] + b);
        }
        View {
            doc,
            p,
            st: start_class(doc, s),
            ck: cue_class(doc, lex, p.cue_tok),
            cue_word: crate::lexicon::stem(&doc.lower(p.cue_tok)).to_string(),
            words,
            cueish,
            first_verb,
            first_cue,
            marks,
            parens,
        }
    }

    fn word(&self, i: usize) -> &str {
        &self.words[i.min(self.p.limit + 1) - self.p.start]
    }

    /// Feature indices of the content ending at `e` (`start < e <= limit`).
    fn features(&self, e: usize, out: &mut Vec<u32>) {
        out.clear();
        let doc = self.doc;
        let (s, limit, rule) = (self.p.start, self.p.limit, self.p.rule);
        // the first token left out: past punctuation, the cut's own mark
        let nx = self.word(e);
        let nx2 = self.word(e + 1);
        let last = self.word(e - 1);
        let nc = tok_class(doc, e, limit);
        let (st, ck) = (self.st, self.ck);
        let rel: &[u8] = match e.cmp(&rule) {
            std::cmp::Ordering::Less => b"<",
            std::cmp::Ordering::Equal => b"=",
            std::cmp::Ordering::Greater => b">",
        };
        let len = len_bucket(e - s);
        out.push(hash(&[b"rule", rel]));
        out.push(hash(&[b"rule-st", rel, st, ck]));
        out.push(hash(&[b"rule-nx", rel, nx.as_bytes()]));
        out.push(hash(&[b"nx", nx.as_bytes()]));
        out.push(hash(&[b"nx-st", nx.as_bytes(), st]));
        out.push(hash(&[b"nx-ck", nx.as_bytes(), ck]));
        out.push(hash(&[b"last", last.as_bytes()]));
        out.push(hash(&[b"nc-st-ck", nc, st, ck]));
        out.push(hash(&[b"nc-len", nc, len, st]));
        out.push(hash(&[b"len", len, st, ck]));
        out.push(hash(&[b"cue-nc", self.cue_word.as_bytes(), nc]));
        if nc == b"," {
            out.push(hash(&[b"comma-nx2", nx2.as_bytes(), st]));
        }
        // cutting inside a quotation, or leaving one open
        let mid_quote = e < limit && doc.tokens[e - 1].in_quote && doc.tokens[e].in_quote;
        let marks = self.marks[e - s];
        out.push(hash(&[
            b"quote",
            if mid_quote { b"mid" } else { b"out" },
            if marks % 2 == 1 { b"odd" } else { b"even" },
        ]));
        // another report's cue a few words after the cut, or one inside the content (by the
        // lexicon, the same in training and in use, where the cue model's flags are not)
        let ahead = (e..(e + 4).min(limit)).any(|j| self.cueish[j - s]);
        let inside = self.first_cue < e;
        out.push(hash(&[
            b"cues",
            if ahead { b"ahead" } else { b"-" },
            if inside { b"inside" } else { b"-" },
            nc,
        ]));
        // a clause needs its verb: "that the Commission" is not yet a content
        let verb = self.first_verb < e;
        out.push(hash(&[b"verb", if verb { b"1" } else { b"0" }, st, nc]));
        if self.parens[e - s] != 0 {
            out.push(hash(&[b"paren"]));
        }
    }
}

impl EndModel {
    /// The model compiled into the binary.
    pub fn builtin() -> &'static EndModel {
        &crate::Models::builtin().ends
    }

    pub fn parse(tsv: &str) -> EndModel {
        EndModel {
            w: Weights::parse(tsv, SIZE),
        }
    }

    /// Sparse table: index and weight, rounded to 3 decimals, zeros left out.
    pub fn to_tsv(&self) -> String {
        self.w.to_tsv()
    }

    /// The best end for the content of `p` (the rules' end when no candidate scores
    /// higher, so an untrained model changes nothing).
    pub fn choose(&self, doc: &Doc, lex: &Lexicon, p: EndPoint) -> usize {
        if p.start >= p.limit {
            return p.rule;
        }
        let v = View::new(doc, lex, p);
        let mut feats = Vec::with_capacity(24);
        v.features(p.rule.max(p.start + 1), &mut feats);
        let mut best = (p.rule, self.score(&feats));
        for e in candidates(doc, &p) {
            v.features(e, &mut feats);
            let s = self.score(&feats);
            if s > best.1 {
                best = (e, s);
            }
        }
        best.0
    }

    fn score(&self, feats: &[u32]) -> f32 {
        self.w.score(feats)
    }

    /// Learn from annotated documents: the gold cues drive the attribution rules, and every
    /// content after a cue whose start agrees with the gold content's is one example, its
    /// gold end the answer.
    pub fn train(
        docs: &[GoldDoc],
        lex: &Lexicon,
        epochs: usize,
        rules: Rules<EndPoint>,
    ) -> EndModel {
        // (features of every candidate, which candidates are right)
        let mut ranked: Vec<Ranked> = Vec::new();
        for gd in docs {
            let doc = Doc::new(&gd.text);
            let points = examples(&doc, gd, lex, rules);
            for (p, gold_end) in points {
                let v = View::new(&doc, lex, p);
                ranked.extend(crate::models::rank::decision(
                    candidates(&doc, &p),
                    gold_end,
                    |e, f| v.features(e, f),
                ));
            }
        }
        EndModel {
            w: Weights::train(&ranked, SIZE, epochs),
        }
    }
}

/// The decisions the rules make in a gold document given its gold cues, each with the
/// gold end where the gold content starts where the rules start it.
pub fn examples(
    doc: &Doc,
    gd: &GoldDoc,
    lex: &Lexicon,
    rules: Rules<EndPoint>,
) -> Vec<(EndPoint, usize)> {
    let (cues, heads) = crate::lexicon::gold_cue_heads(doc, gd);
    rules(doc, lex, cues)
        .into_iter()
        .filter_map(|p| {
            let g = crate::lexicon::gold_contents(&heads, p.cue_tok)
                .find_map(|c| gold_end(doc, p.start, c))?;
            (g <= p.limit).then_some((p, g))
        })
        .collect()
}

/// The gold content `c` as an end token, when it starts at token `start`; its trailing
/// punctuation and white space left out as the rules leave them out.
fn gold_end(doc: &Doc, start: usize, c: &Span) -> Option<usize> {
    let text = doc.text;
    let body = &text[c.start..c.end];
    let lead = body.len() - body.trim_start().len();
    if doc.token_at(c.start + lead) != start {
        return None;
    }
    let end = c.start + body.trim_end().len();
    // the first token that starts at or after the gold end
    let e = doc.tokens.partition_point(|t| t.span.start < end);
    if e <= start || doc.tokens[e - 1].span.end != end {
        return None;
    }
    Some(trim_end(doc, start, e))
}
