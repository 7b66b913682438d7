//! Features and boundaries shared by the start and end models, and by the rules that feed
//! them: the class of a token, of a content's first word and of a cue, a verb-like word, and
//! a content end without its trailing punctuation.
//!
//! Kept apart so that the models share them without importing each other, and so that
//! [`crate::attrib`] trims an end exactly as the end model does without the model knowing
//! the rules.

use crate::lexicon::Lexicon;
use crate::text::{Doc, TokKind};

/// `e` without the punctuation before it: the span a content ending at `e` keeps.
pub(crate) fn trim_end(doc: &Doc, start: usize, mut e: usize) -> usize {
    while e > start && doc.tokens[e - 1].kind == TokKind::Punct {
        e -= 1;
    }
    e
}

pub(crate) fn start_class(doc: &Doc, i: usize) -> &'static [u8] {
    let t = &doc.tokens[i];
    if t.kind == TokKind::Quote {
        return b"quote";
    }
    let lower = doc.lower(i);
    // (a pronoun's contraction is the pronoun: "he'd", "they're")
    match crate::text::before_apostrophe(&lower) {
        "that" => b"that",
        "to" => b"to",
        "what" | "how" | "why" | "whether" | "if" | "when" | "where" | "who" => b"wh",
        "he" | "she" | "they" | "we" | "i" | "it" | "you" | "there" => b"pron",
        "the" | "a" | "an" | "his" | "her" | "their" | "its" | "this" | "these" => b"det",
        _ if t.is_capitalized(doc.text) => b"cap",
        w if w.ends_with("ing") => b"ing",
        _ => b"other",
    }
}

pub(crate) fn tok_class(doc: &Doc, i: usize, limit: usize) -> &'static [u8] {
    if i >= limit {
        return b"end";
    }
    let t = &doc.tokens[i];
    match t.kind {
        TokKind::Quote => b"Q",
        TokKind::Number => b"N",
        TokKind::Punct => match doc.tok(i) {
            "," => b",",
            ";" | ":" => b";",
            "(" | ")" => b"(",
            _ => b"-",
        },
        TokKind::Word if t.is_capitalized(doc.text) => b"C",
        TokKind::Word => b"w",
    }
}

/// Is the cue a verb of saying (most of its uses in training are cues)? Its content then
/// tends to be a clause; a stance verb's, a noun phrase.
pub(crate) fn cue_class(doc: &Doc, lex: &Lexicon, cue_tok: usize) -> &'static [u8] {
    let w = doc.lower(cue_tok);
    match lex.stats(&w).map(|s| s.ratio()).unwrap_or(0.0) {
        r if r >= 0.6 => b"say",
        r if r >= 0.2 => b"mid",
        _ => b"low",
    }
}

/// An auxiliary, a modal or a lower-case past form: a clause has its verb.
pub(crate) fn verbish(doc: &Doc, j: usize) -> bool {
    let t = &doc.tokens[j];
    if t.kind != TokKind::Word || t.is_capitalized(doc.text) {
        return false;
    }
    let w = doc.lower(j);
    crate::lexicon::AUXILIARIES.contains(&w.as_ref())
        || matches!(
            w.as_ref(),
            "will" | "would" | "can" | "could" | "should" | "may" | "might" | "must"
        )
        || w.len() > 3 && w.ends_with("ed")
}
