//! Where a reported content starts: a learned choice among the first few tokens after a cue.
//!
//! The rules in [`crate::attrib`] start the content right after the cue and its adjuncts
//! ("said on Sunday that …"). PolNeAR's annotators start it later wherever the verb is the
//! head of a longer phrase: "declined to comment on | the report", "laid out plans for | a
//! tax cut", "stopped short of fully endorsing | the plan", "called on | Congress to act";
//! no short list of rules holds all of those. This model ranks the rules' start and each of
//! the next [`MAX_SKIP`] tokens on the words skipped, the word the content would open with,
//! and the cue, the rules' start being the default: a blank model changes nothing.
//!
//! An averaged ranking perceptron ([`crate::models::rank`]) learned by `onrecord learn-cues` from the
//! same training file as the cue and end models (the gold cues given), weights in
//! `data/start-model.tsv`.

use super::features::{cue_class, start_class, tok_class, verbish};
use super::rank::{Ranked, Weights};
use super::Rules;
use crate::lexicon::{GoldDoc, Lexicon};
use crate::text::{Doc, TokKind};

const BITS: u32 = 17;
const SIZE: usize = 1 << BITS;

pub(crate) const BUILTIN: &str = include_str!("../../data/start-model.tsv");

/// Training passes over the examples.
pub const EPOCHS: usize = 10;

/// How many tokens past the rules' start the content may start.
pub const MAX_SKIP: usize = 8;

/// One decision: the rules start the content after cue `cue_tok` at token `rule`; it may
/// start at any word or quotation mark from there up to, not including, `limit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StartPoint {
    pub cue_tok: usize,
    pub rule: usize,
    pub limit: usize,
}

impl StartPoint {
    /// The decision for a content the rules start at `rule` in a unit ending at `unit_end`:
    /// the content keeps at least one token, and no start lies past the end of a clause.
    pub fn new(doc: &Doc, cue_tok: usize, rule: usize, unit_end: usize) -> StartPoint {
        let mut limit = rule + 1;
        while limit < (rule + MAX_SKIP + 1).min(unit_end.saturating_sub(1))
            && !matches!(doc.tok(limit - 1), "." | ";" | "?" | "!")
        {
            limit += 1;
        }
        StartPoint {
            cue_tok,
            rule,
            limit,
        }
    }
}

/// The possible starts: the rules' own, then every later word, number or quotation mark.
fn candidates<'a>(doc: &'a Doc, p: &StartPoint) -> impl Iterator<Item = usize> + 'a {
    let rule = p.rule;
    (rule..p.limit).filter(move |&s| s == rule || doc.tokens[s].kind != TokKind::Punct)
}

fn skip_bucket(n: usize) -> &'static [u8] {
    match n {
        0 => b"0",
        1 => b"1",
        2 => b"2",
        3 => b"3",
        4 => b"4",
        _ => b"5",
    }
}

/// Weights of the hashed features (all zero: the rules decide alone).
#[derive(Clone, Debug)]
pub struct StartModel {
    w: Weights,
}

/// One decision's words, looked at once: every candidate start then costs a few hashes.
struct View<'a> {
    p: StartPoint,
    /// The cue head, lower-cased, and the length of its stem (a prefix; the feature).
    cue: std::borrow::Cow<'a, str>,
    cue_stem: usize,
    ck: &'static [u8],
    /// Lower-cased words from one before the rules' start to the limit.
    words: Vec<std::borrow::Cow<'a, str>>,
    /// Per token from the rules' start: its class as the end model sees it, and whether it
    /// looks like a verb.
    cls: Vec<&'static [u8]>,
    verb: Vec<bool>,
}

impl<'a> View<'a> {
    fn new(doc: &'a Doc, lex: &Lexicon, p: StartPoint) -> View<'a> {
        let cue = doc.lower(p.cue_tok);
        View {
            p,
            cue_stem: crate::lexicon::stem(&cue).len(),
            cue,
            ck: cue_class(doc, lex, p.cue_tok),
            words: (p.rule - 1..p.limit).map(|i| doc.lower(i)).collect(),
            cls: (p.rule - 1..p.limit)
                .map(|i| tok_class(doc, i, p.limit))
                .collect(),
            verb: (p.rule..p.limit).map(|i| verbish(doc, i)).collect(),
        }
    }

    fn word(&self, i: usize) -> &[u8] {
        self.words[i + 1 - self.p.rule].as_bytes()
    }

    /// Feature indices of the content starting at `s`.
    fn features(&self, doc: &Doc, s: usize, out: &mut Vec<u32>) {
        let hash = |parts: &[&[u8]]| crate::models::rank::hash(BITS, parts);
        out.clear();
        let (p, cue, ck) = (&self.p, self.cue[..self.cue_stem].as_bytes(), self.ck);
        let skip = skip_bucket(s - p.rule);
        let (at, prev, rule_word) = (self.word(s), self.word(s - 1), self.word(p.rule));
        let st = start_class(doc, s);
        out.push(hash(&[b"skip", skip]));
        out.push(hash(&[b"skip-ck", skip, ck]));
        out.push(hash(&[b"skip-rule", skip, rule_word]));
        out.push(hash(&[b"skip-st", skip, st]));
        out.push(hash(&[b"cue-skip", cue, skip]));
        out.push(hash(&[b"at", at, skip]));
        out.push(hash(&[b"prev", prev, skip]));
        out.push(hash(&[b"cue-at", cue, st]));
        let cls = |i: usize| self.cls[i + 1 - p.rule];
        out.push(hash(&[b"cls", cls(s - 1), cls(s)]));
        if s > p.rule {
            let mut verb = false;
            let mut comma = false;
            let mut quote = false;
            for j in p.rule..s {
                out.push(hash(&[b"skipped", self.word(j)]));
                verb |= j > p.rule && self.verb[j - p.rule];
                comma |= self.word(j) == b",";
                quote |= doc.tokens[j].kind == TokKind::Quote;
            }
            out.push(hash(&[
                b"skipped-shape",
                if verb { b"v" } else { b"-" },
                if comma { b"," } else { b"-" },
                if quote { b"q" } else { b"-" },
            ]));
            // the skipped words are a phrase of the cue: "to comment on", "plans for"
            out.push(hash(&[b"cue-first", cue, rule_word]));
        } else {
            out.push(hash(&[b"keep-rule", rule_word]));
        }
    }
}

impl StartModel {
    /// The model compiled into the binary.
    pub fn builtin() -> &'static StartModel {
        &crate::Models::builtin().starts
    }

    pub fn parse(tsv: &str) -> StartModel {
        StartModel {
            w: Weights::parse(tsv, SIZE),
        }
    }

    /// Sparse table: index and weight, rounded to 3 decimals, zeros left out.
    pub fn to_tsv(&self) -> String {
        self.w.to_tsv()
    }

    /// The best start for the content of `p` (the rules' start when no candidate scores
    /// higher, so a blank model changes nothing).
    pub fn choose(&self, doc: &Doc, lex: &Lexicon, p: StartPoint) -> usize {
        let v = View::new(doc, lex, p);
        let mut feats = Vec::with_capacity(24);
        v.features(doc, p.rule, &mut feats);
        let mut best = (p.rule, self.w.score(&feats));
        for s in candidates(doc, &p).skip(1) {
            v.features(doc, s, &mut feats);
            let score = self.w.score(&feats);
            if score > best.1 {
                best = (s, score);
            }
        }
        best.0
    }

    /// Learn from annotated documents: the gold cues drive the attribution rules, and every
    /// content after a cue whose gold start is among the candidates is one example.
    pub fn train(
        docs: &[GoldDoc],
        lex: &Lexicon,
        epochs: usize,
        rules: Rules<StartPoint>,
    ) -> StartModel {
        let mut ranked: Vec<Ranked> = Vec::new();
        for gd in docs {
            let doc = Doc::new(&gd.text);
            for (p, gold) in examples(&doc, gd, lex, rules) {
                let v = View::new(&doc, lex, p);
                ranked.extend(crate::models::rank::decision(
                    candidates(&doc, &p),
                    gold,
                    |s, f| v.features(&doc, s, f),
                ));
            }
        }
        StartModel {
            w: Weights::train(&ranked, SIZE, epochs),
        }
    }
}

/// The start decisions the rules make in a gold document given its gold cues, each with
/// the gold start: the first token of a content span of the same cue that starts among the
/// candidates.
pub fn examples(
    doc: &Doc,
    gd: &GoldDoc,
    lex: &Lexicon,
    rules: Rules<StartPoint>,
) -> Vec<(StartPoint, usize)> {
    let (cues, heads) = crate::lexicon::gold_cue_heads(doc, gd);
    rules(doc, lex, cues)
        .into_iter()
        .filter_map(|p| {
            let g = crate::lexicon::gold_contents(&heads, p.cue_tok).find_map(|c| {
                let body = c.text(doc.text);
                let lead = body.len() - body.trim_start().len();
                let s = doc.token_at(c.start + lead);
                (s >= p.rule && s < p.limit && doc.tokens[s].span.start == c.start + lead)
                    .then_some(s)
            })?;
            Some((p, g))
        })
        .collect()
}
