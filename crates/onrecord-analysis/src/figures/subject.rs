//! What a figure counts: the noun after the number ("2,899 civilians" → civilians) and the
//! subject, the short span saying what is counted or measured ("civilians have been
//! killed", "of Republicans agreed", or, with no noun after, the clause before:
//! "Wells Fargo was fined $185 million").

use onrecord_core::Span;

use super::read::Read;
use crate::text::{Doc, TokKind};

pub(crate) struct Counted {
    /// The counted noun as a plural unit, when the figure has no unit of its own.
    pub noun: Option<String>,
    pub subject: Option<Span>,
}

/// Words that end a noun phrase after a number.
fn ends_phrase(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "from"
            | "by"
            | "with"
            | "and"
            | "or"
            | "but"
            | "nor"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "were"
            | "was"
            | "is"
            | "are"
            | "be"
            | "been"
            | "being"
            | "have"
            | "has"
            | "had"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "can"
            | "must"
            | "do"
            | "did"
            | "does"
            | "not"
            | "as"
            | "than"
            | "per"
            | "each"
            | "this"
            | "these"
            | "those"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "my"
            | "your"
            | "it"
            | "they"
            | "he"
            | "she"
            | "we"
            | "i"
            | "you"
            | "said"
            | "says"
            | "say"
            | "according"
            | "since"
            | "after"
            | "before"
            | "during"
            | "while"
            | "when"
            | "where"
            | "if"
            | "because"
            | "so"
            | "also"
            | "just"
            | "only"
            | "about"
            | "over"
            | "under"
            | "into"
            | "out"
            | "up"
            | "down"
            | "more"
            | "less"
            | "ago"
            | "later"
            | "earlier"
            | "now"
            | "then"
            | "there"
            | "here"
            | "against"
            | "between"
            | "among"
            | "through"
            | "across"
            | "toward"
            | "towards"
            | "until"
            | "within"
            | "without"
            | "told"
            | "a.m"
            | "p.m"
            | "old"
            | "last"
            | "next"
            | "every"
    )
}

/// A lower-case word that reads as a verb or adverb: it ends a noun phrase ("civilians
/// killed", "people internally displaced", "fishermen held").
fn verb_like(w: &str) -> bool {
    let n = w.chars().count();
    IRREGULAR_PARTICIPLES.contains(&w)
        || (n > 4 && w.ends_with("ed") && !matches!(w, "hundred" | "indeed"))
        || (n > 5 && w.ends_with("ing") && !w.ends_with("ings"))
        || (n > 4 && w.ends_with("ly") && !matches!(w, "family" | "supply" | "ally"))
}

/// Past forms without "-ed" that follow counted nouns ("11 fishermen held since …").
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "held", "made", "kept", "left", "lost", "paid", "sent", "spent", "built", "brought", "bought",
    "caught", "taught", "fought", "sold", "told", "won", "hit", "cut", "put", "shot", "struck",
    "hurt", "fled", "led", "fed", "met", "seen", "taken", "given", "known", "shown", "grown",
    "thrown", "drawn", "driven", "written", "stolen", "fallen", "born", "slain", "found", "got",
    "gotten", "ran", "went", "gone", "came", "became", "fell", "rose", "were",
];

/// A plural noun: the counted noun of a figure is the first one after it ("four
/// plain-clothes officers", "11 Neresian fishermen", "40 kilometres below …").
fn plural_noun(w: &str) -> bool {
    let n = w.chars().count();
    (n > 2 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is"))
        || (n > 4 && w.ends_with("men"))
        || matches!(
            w,
            "people"
                | "men"
                | "women"
                | "children"
                | "police"
                | "staff"
                | "personnel"
                | "feet"
                | "teeth"
                | "cattle"
                | "livestock"
                | "troops"
                | "data"
        )
}

/// The plural of a counted noun, as units are written.
pub(crate) fn plural(w: &str) -> String {
    match w {
        "person" => "people".into(),
        "man" => "men".into(),
        "woman" => "women".into(),
        "child" => "children".into(),
        "foot" => "feet".into(),
        _ if plural_noun(w) => w.into(),
        _ if w.ends_with('y') && !w.ends_with("ey") && !w.ends_with("ay") => {
            format!("{}ies", &w[..w.len() - 1])
        }
        _ => format!("{w}s"),
    }
}

pub(crate) fn counted(doc: &Doc, r: &Read, end: usize) -> Counted {
    let text = doc.text;
    let mut j = r.end;
    // "percent of Republicans", "a quarter of the cost": the subject is the of-phrase
    let of_phrase = r.unit.is_some() && j < end && doc.lower(j) == "of";
    let np_start = j;
    let mut noun = None;
    if !of_phrase && r.unit.is_none() {
        let mut last = None;
        while j < end && j - np_start < 4 {
            let t = &doc.tokens[j];
            if t.kind != TokKind::Word {
                break;
            }
            let w = doc.lower(j);
            // a participle before a noun is an adjective: "11 detained fishermen"
            let adjective = j == np_start
                && j + 1 < end
                && doc.tokens[j + 1].kind == TokKind::Word
                && !ends_phrase(&doc.lower(j + 1))
                && !verb_like(&doc.lower(j + 1));
            if ends_phrase(&w) || (verb_like(&w) && !adjective && !t.is_capitalized(text)) {
                break;
            }
            last = Some(j);
            j += 1;
            if plural_noun(&w) && !t.is_capitalized(text) {
                break;
            }
        }
        if let Some(l) = last {
            let w = crate::text::strip_possessive(&doc.lower(l)).to_string();
            noun = Some(plural(&w));
        }
    }
    // the subject: from the counted noun (or the of-phrase) to the end of the clause, at
    // most eight words; with neither, the clause before the figure
    let clause_end = |from: usize| -> usize {
        let mut k = from;
        while k < end && k - from < 8 {
            let t = &doc.tokens[k];
            if t.kind == TokKind::Quote
                || (t.kind == TokKind::Punct
                    && matches!(
                        doc.tok(k),
                        "," | ";" | ":" | "." | "?" | "!" | "(" | ")" | "\u{2014}"
                    ))
                || (k > from + 1
                    && matches!(doc.lower(k).as_ref(), "and" | "but" | "while" | "according"))
            {
                break;
            }
            k += 1;
        }
        k
    };
    // with no noun, words that go on after the figure say what it counts ("1,399 injured");
    // a figure that ends its clause ("was fined $185 million.") is said of the words before
    let goes_on = np_start < end
        && doc.tokens[np_start].kind == TokKind::Word
        && !doc.tokens[np_start].is_capitalized(text)
        && !ends_phrase(&doc.lower(np_start));
    let subject = if noun.is_some() || of_phrase || goes_on {
        let e = clause_end(np_start);
        (e > np_start).then(|| doc.tokens[np_start].span.cover(&doc.tokens[e - 1].span))
    } else {
        let mut k = r.start;
        let floor = r.start.saturating_sub(8);
        while k > floor {
            let t = &doc.tokens[k - 1];
            if t.kind == TokKind::Quote
                || (t.kind == TokKind::Punct
                    && matches!(
                        doc.tok(k - 1),
                        "," | ";" | ":" | "." | "(" | ")" | "\u{2014}"
                    ))
                || t.para != doc.tokens[r.start].para
            {
                break;
            }
            k -= 1;
        }
        (k < r.start).then(|| doc.tokens[k].span.cover(&doc.tokens[r.start - 1].span))
    };
    Counted { noun, subject }
}
