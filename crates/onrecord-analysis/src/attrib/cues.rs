//! Cues: which word heads a report, and how far its cue runs.
//!
//! The cue model flags candidate heads per token ([`Ctx::cues`]); here a flag becomes a cue
//! only where the word is used as a report (not a plural noun, an infinitive or an
//! adjective), and the cue takes in the auxiliaries and adverbs before its head ("has long
//! said") and the particles or learned phrase words after it ("called for", "spoke out
//! about"). Kept apart because every other part asks the same question, "is this a cue?",
//! when it decides where a source or a content stops.

use super::sources::PRONOUNS;
use super::Ctx;
use crate::lexicon::AUXILIARIES;
use crate::text::{is_possessive, TokKind};

/// Cue words that are also plural nouns ("peace talks between …"): a cue only when no
/// preposition follows.
const NOUNISH: &[&str] = &[
    "talks",
    "calls",
    "claims",
    "reports",
    "plans",
    "comments",
    "remarks",
    "demands",
    "promises",
    "concerns",
    "questions",
    "threats",
    "warnings",
    "hopes",
    "views",
    "efforts",
    "statements",
];

impl Ctx<'_, '_> {
    /// Is token `i` a cue head?
    pub(super) fn is_cue(&self, i: usize, unit: (usize, usize)) -> bool {
        let t = &self.doc.tokens[i];
        if t.kind != TokKind::Word || t.in_quote {
            return false;
        }
        let w = self.low(i);
        if w == "according" {
            return i + 1 < unit.1 && self.low(i + 1) == "to";
        }
        if !self.cues[i] && !self.says_after_quotation(i, unit) {
            return false;
        }
        if self.asks_anonymity(i, unit) {
            return false;
        }
        // an adverb before a cue ("generally supported", "pointedly refused") leaves the head
        // to the verb; `cue_start` takes the adverb in
        if w.len() > 4 && w.ends_with("ly") && i + 1 < unit.1 && self.cues[i + 1] {
            return false;
        }
        // `…, The Wall Street Journal reports.`, `she hopes …`: after a subject, a verb
        let after_subject = i > unit.0 && {
            let p = self.low(i - 1);
            PRONOUNS.contains(&p.as_ref())
                || self.doc.tokens[i - 1].is_capitalized(self.doc.text)
                    && i - 1 > unit.0
                    && !is_possessive(&p)
                    && !matches!(
                        self.low(i - 2).as_ref(),
                        "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our"
                    )
        };
        if NOUNISH.contains(&w.as_ref()) && !after_subject {
            let n = (i + 1 < unit.1).then(|| self.low(i + 1));
            let particle =
                matches!(n.as_deref(), Some("for") | Some("on")) && w.starts_with("call");
            let prep = n.as_deref().is_none_or(|n| {
                matches!(
                    n,
                    "between"
                        | "with"
                        | "on"
                        | "of"
                        | "for"
                        | "in"
                        | "at"
                        | "to"
                        | "from"
                        | "about"
                        | "over"
                        | ","
                        | "."
                        | "and"
                )
            });
            if prep && !particle {
                return false;
            }
        }
        if i > unit.0 {
            let p = self.low(i - 1);
            // a participle after a possessive is an adjective: "Ankara's repeated efforts"
            if w.ends_with("ed") && is_possessive(&p) {
                return false;
            }
            // infinitives and noun phrases ("to say", "the report") are not reports here
            if matches!(
                p.as_ref(),
                "to" | "the" | "a" | "an" | "this" | "that" | "his" | "her" | "their" | "its"
            ) {
                return false;
            }
        }
        true
    }

    /// `who declined to be named`, `asked not to be identified`: the formula of an anonymous
    /// source describes the speaker; it reports nothing.
    fn asks_anonymity(&self, i: usize, unit: (usize, usize)) -> bool {
        let mut j = i + 1;
        if j < unit.1 && self.low(j) == "not" {
            j += 1;
        }
        j + 2 < unit.1
            && self.low(j) == "to"
            && self.low(j + 1) == "be"
            && matches!(self.low(j + 2).as_ref(), "named" | "identified" | "quoted")
    }

    /// `"…," he adds.`, `"…?" asked Roe`: a verb of saying right after a closed quotation
    /// (ending in `,` `?` or `!`), with at most its subject between, is a cue whatever the
    /// detector made of it. The commonest shape of direct speech in news copy, so the
    /// statement never rests on a learned weight.
    fn says_after_quotation(&self, i: usize, unit: (usize, usize)) -> bool {
        // (`according` never reaches here: `is_cue` decides it first)
        if !super::report::INVERTING.contains(&self.low(i).as_ref()) {
            return false;
        }
        let doc = self.doc;
        // the subject between: a pronoun, or up to four capitalised words
        let mut j = i;
        if j > unit.0 && PRONOUNS.contains(&self.low(j - 1).as_ref()) {
            j -= 1;
        } else {
            let mut n = 0;
            while n < 4 && j > unit.0 && doc.tokens[j - 1].is_capitalized(doc.text) {
                j -= 1;
                n += 1;
            }
        }
        if j < unit.0 + 2 {
            return false;
        }
        let mark = &doc.tokens[j - 1];
        let closes = mark.kind == TokKind::Quote
            && doc.quote_at(mark.span.start).is_some_and(|qi| {
                doc.quotes[qi].closed && doc.quotes[qi].span.end == mark.span.end
            });
        closes && matches!(self.tok(j - 2), "," | "?" | "!")
    }

    /// Start of the cue including auxiliaries before the head ("has long said").
    pub(super) fn cue_start(&self, head: usize, unit: (usize, usize)) -> usize {
        let mut s = head;
        while s > unit.0 {
            let p = self.low(s - 1);
            let adverb = p.len() > 4
                && p.ends_with("ly")
                && self.doc.tokens[s - 1].kind == TokKind::Word
                && !self.doc.tokens[s - 1].is_capitalized(self.doc.text);
            if (AUXILIARIES.contains(&p.as_ref()) && !self.name_word(s - 1) || adverb) && p != "to"
            {
                s -= 1;
            } else {
                break;
            }
        }
        s
    }

    /// Is the auxiliary-looking word at `i` part of a name: capitalized inside a sentence,
    /// right after another capitalized word ("Theresa May said", "Hal Will added"), in
    /// text that is neither all capitals ("HE'S BEEN CALLED") nor title case?
    pub(super) fn name_word(&self, i: usize) -> bool {
        let t = &self.doc.tokens;
        let titled = |j: usize| {
            t[j].kind == TokKind::Word
                && t[j].is_capitalized(self.doc.text)
                && self.tok(j).chars().any(char::is_lowercase)
        };
        // (in a title-case headline the next word is capitalized too: "Roe May Run")
        let next_lower = t
            .get(i + 1)
            .is_none_or(|n| !n.is_capitalized(self.doc.text));
        i > 0 && titled(i) && titled(i - 1) && next_lower
    }

    /// End (exclusive) of the cue: particles of phrasal cues.
    pub(super) fn cue_end(&self, head: usize, unit: (usize, usize)) -> usize {
        let w = self.low(head);
        if head + 1 < unit.1 {
            let n = self.low(head + 1);
            let phrasal = match w.as_ref() {
                "according" => n == "to",
                "called" | "calling" | "calls" | "call" => n == "for" || n == "on",
                "pointed" | "pointing" | "points" | "point" => n == "to" || n == "out",
                "warned" | "warning" | "warns" | "warn" => n == "of" || n == "against",
                "spoke" | "speaking" | "speaks" | "talked" => n == "of" || n == "about",
                "expressed" | "expressing" | "expresses" | "voiced" | "voicing" | "voices" => {
                    matches!(
                        n.as_ref(),
                        "hope"
                            | "concern"
                            | "concerns"
                            | "support"
                            | "optimism"
                            | "confidence"
                            | "regret"
                            | "doubt"
                            | "doubts"
                            | "interest"
                            | "openness"
                            | "frustration"
                            | "disappointment"
                            | "surprise"
                            | "readiness"
                            | "willingness"
                            | "gratitude"
                            | "solidarity"
                    )
                }
                _ => false,
            };
            if phrasal {
                return head + 2;
            }
        }
        self.learned_phrase_end(head, unit)
    }

    /// The end of a phrasal cue as PolNeAR train marks them ("respond to", "made it clear",
    /// "spoke out about"): extend while the head with the words so far continued a gold cue
    /// at least half the time (and at least three times).
    fn learned_phrase_end(&self, head: usize, unit: (usize, usize)) -> usize {
        let mut key = self.low(head).into_owned();
        let mut e = head + 1;
        for j in head + 1..(head + 1 + crate::lexicon::MAX_PHRASE).min(unit.1) {
            if self.doc.tokens[j].kind != TokKind::Word || self.doc.tokens[j].in_quote {
                break;
            }
            key.push(' ');
            key.push_str(&self.low(j));
            match self.lex.phrase_stats(&key) {
                Some(st) if st.cue >= 3 && st.ratio() >= 0.5 => e = j + 1,
                _ => break,
            }
        }
        e
    }
}
