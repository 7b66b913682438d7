//! Who acts and on whom: the noun phrase before a trigger (its subject, or the `by` agent of
//! a passive) and the one after it (its object, or the phrase after `with`, `on`,
//! `against`), split into compound members ("X and Y"), each given a country and a sector.

use onrecord_core::{EventEntity, Speaker};

use super::gazetteer::{key, push_key};

use super::gazetteer::Gazetteer;
use crate::text::{strip_possessive, Doc, TokKind};

/// Words between a subject and its verb: auxiliaries, modals, adverbs.
const BETWEEN: &[&str] = &[
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "being",
    "will",
    "would",
    "shall",
    "should",
    "could",
    "can",
    "may",
    "might",
    "must",
    "also",
    "reportedly",
    "allegedly",
    "already",
    "again",
    "then",
    "now",
    "recently",
    "later",
    "previously",
    "still",
    "jointly",
    "formally",
    "officially",
    "publicly",
    "strongly",
    "repeatedly",
    "initially",
    "finally",
    "did",
    "does",
    "do",
    "not",
    "never",
    "just",
    "once",
    "first",
    "twice",
    "quickly",
    "immediately",
    "briefly",
    "further",
    "reluctantly",
    "swiftly",
    "separately",
    "all",
    "both",
    "openly",
    "sharply",
    "fiercely",
    "heavily",
    "yesterday",
    "today",
    "tonight",
    "unilaterally",
    "secretly",
    "effectively",
    "eventually",
    "subsequently",
    "apparently",
    "personally",
    "directly",
    "indirectly",
    "ever",
    "long",
    "since",
    "soon",
    "only",
    "even",
    "to",
    "not",
    "got",
    "get",
    "gets",
    "it'll",
    "'ll",
    "n't",
];

/// Verbs and adjectives that take an infinitive before an act: "plans to withdraw".
const CHAIN: &[&str] = &[
    "plans",
    "planned",
    "plan",
    "planning",
    "decided",
    "decides",
    "decide",
    "wants",
    "wanted",
    "want",
    "intends",
    "intended",
    "intend",
    "expected",
    "set",
    "due",
    "going",
    "about",
    "tried",
    "tries",
    "try",
    "sought",
    "seeks",
    "seek",
    "seeking",
    "began",
    "begun",
    "begins",
    "started",
    "starts",
    "continued",
    "continues",
    "moved",
    "moves",
    "able",
    "likely",
    "ready",
    "poised",
    "prepared",
    "preparing",
    "scheduled",
    "aims",
    "aimed",
    "hopes",
    "hoped",
    "agreed",
    "vowed",
    "offered",
    "promised",
    "pledged",
    "refused",
    "threatened",
    "considering",
    "considers",
    "considered",
    "appears",
    "appeared",
    "seems",
    "seemed",
    "willing",
    "unwilling",
    "reluctant",
    "failed",
    "fails",
    "managed",
    "helped",
    "help",
    "helps",
    "needs",
    "need",
    "needed",
    "has",
    "had",
    "have",
    "used",
    "is",
    "are",
    "was",
    "were",
];

/// Words that end a noun phrase read backwards from its verb.
const STOP_BACK: &[&str] = &[
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "when",
    "while",
    "after",
    "before",
    "as",
    "because",
    "since",
    "if",
    "although",
    "though",
    "where",
    "but",
    "said",
    "says",
    "say",
    "told",
    "tells",
    "say",
    "than",
    "whether",
    "where",
    "until",
    "unless",
    "so",
    "then",
    "saying",
    "adding",
    "according",
    "meanwhile",
    "however",
    "also",
    "and",
    "or",
];

/// Words that end a noun phrase read forwards from its verb.
const STOP_FWD: &[&str] = &[
    "in",
    "on",
    "at",
    "for",
    "after",
    "over",
    "from",
    "by",
    "during",
    "since",
    "as",
    "with",
    "because",
    "while",
    "when",
    "near",
    "amid",
    "despite",
    "following",
    "into",
    "about",
    "against",
    "between",
    "under",
    "until",
    "within",
    "without",
    "across",
    "toward",
    "towards",
    "through",
    "outside",
    "inside",
    "along",
    "than",
    "via",
    "per",
    "to",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "where",
    "if",
    "but",
    "or",
    "said",
    "says",
    "saying",
    "adding",
    "earlier",
    "later",
    "yesterday",
    "today",
    "tonight",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "before",
    "and",
    "is",
    "was",
    "were",
    "are",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "can",
    "should",
    "not",
    "so",
    "unless",
    "upon",
    "off",
    "out",
];

/// Words of time after "last", "next", "this": the phrase is a time, not an entity.
const TIME_WORDS: &[&str] = &[
    "week",
    "month",
    "year",
    "night",
    "weekend",
    "morning",
    "evening",
    "afternoon",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "summer",
    "winter",
    "spring",
    "autumn",
    "fall",
    "time",
    "decade",
    "century",
];

/// Particles and prepositions a trigger's recipient comes after.
const PARTICLES: &[&str] = &[
    "with", "on", "upon", "against", "at", "into", "off", "out", "up", "down", "back", "over",
    "from", "to", "in",
];

/// Pronouns and words that are no entity on their own.
const EMPTY: &[&str] = &[
    "the", "a", "an", "it", "its", "this", "these", "those", "there", "here", "which", "what",
];

pub(crate) fn word<'a>(doc: &'a Doc, j: usize, end: usize) -> &'a str {
    if j < end {
        match doc.lower(j) {
            std::borrow::Cow::Borrowed(b) => b,
            std::borrow::Cow::Owned(_) => "",
        }
    } else {
        ""
    }
}

fn is_word(doc: &Doc, j: usize) -> bool {
    matches!(doc.tokens[j].kind, TokKind::Word | TokKind::Number)
}

/// The index before `at`, skipping auxiliaries, adverbs and `to` chains ("has also been",
/// "plans to"), within `[floor, at)`.
pub(crate) fn before_verb(doc: &Doc, floor: usize, at: usize) -> usize {
    let mut j = at;
    while j > floor {
        let w = word(doc, j - 1, at);
        let weekday = matches!(
            w,
            "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
        );
        if BETWEEN.contains(&w) || w.ends_with("n't") || w.ends_with("n\u{2019}t") {
            j -= 1;
        } else if weekday && j >= floor + 2 && word(doc, j - 2, at) == "on" {
            j -= 2;
        } else if (CHAIN.contains(&w) && j < at && word(doc, j, at) == "to")
            || (w.ends_with("ly") && w.len() > 4 && !doc.tokens[j - 1].is_capitalized(doc.text))
        {
            j -= 1;
        } else {
            break;
        }
    }
    j
}

/// Verbs that cannot go without an object: after a noun and before a preposition they are a
/// passive participle ("activists detained while investigating", "soldiers killed in the
/// attack"), never an active past ("rebels attacked on Friday" may be either, so it is not
/// here).
const OBJECT_VERBS: &[&str] = &[
    "detained",
    "arrested",
    "released",
    "freed",
    "jailed",
    "imprisoned",
    "abducted",
    "kidnapped",
    "killed",
    "wounded",
    "injured",
    "captured",
    "expelled",
    "deported",
    "imposed",
    "seized",
    "executed",
    "sentenced",
    "banned",
    "sanctioned",
    "extradited",
    "convicted",
    "displaced",
];

/// Words a reduced passive relative is followed by: a preposition, a conjunction of time.
const AFTER_PARTICIPLE: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "while",
    "after",
    "since",
    "for",
    "from",
    "near",
    "over",
    "by",
    "without",
    "last",
    "this",
    "earlier",
    "under",
    "as",
    "when",
    "following",
];

/// Is the verb at `at` a participle that describes the phrase next to it rather than a
/// verb with its own subject: after a noun and before a preposition ("three activists
/// detained while …": the activists are detained), or between a determiner or number and
/// a noun ("the eleven detained fishermen")? The first is [`Participle::After`], whose
/// recipient is the phrase before; the second [`Participle::Before`], the phrase after.
pub(crate) fn participle(doc: &Doc, floor: usize, at: usize, end: usize) -> Option<Participle> {
    let w = word(doc, at, at + 1);
    if !OBJECT_VERBS.contains(&w) || at == floor || at + 1 >= end {
        return None;
    }
    let prev = &doc.tokens[at - 1];
    let before = word(doc, at - 1, at);
    let next = word(doc, at + 1, end);
    if !is_word(doc, at - 1) {
        return None;
    }
    let determiner = matches!(
        before,
        "the" | "a" | "an" | "its" | "their" | "his" | "her" | "our" | "several" | "many"
    ) || prev.kind == TokKind::Number
        || matches!(
            before,
            "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "eleven"
                | "twelve"
                | "dozens"
                | "hundreds"
        );
    let noun_next = is_word(doc, at + 1)
        && !doc.tokens[at + 1].is_capitalized(doc.text)
        && !STOP_FWD.contains(&next)
        && !AFTER_PARTICIPLE.contains(&next);
    if determiner && noun_next {
        return Some(Participle::Before);
    }
    // a noun before it, not a pronoun or an auxiliary ("he detained", "had detained")
    let subject_word = matches!(
        before,
        "he" | "she" | "they" | "it" | "we" | "i" | "you" | "who" | "which" | "that"
    ) || BETWEEN.contains(&before)
        || determiner;
    // "killed at least 75", "killed over 100 people": a count follows, so an object does
    let next2 = word(doc, at + 2, end);
    let count = (at + 2 < end && doc.tokens[at + 2].kind == TokKind::Number)
        || matches!(next2, "least" | "than" | "many" | "much" | "to");
    let after = (AFTER_PARTICIPLE.contains(&next) && !count) || !is_word(doc, at + 1);
    (!subject_word && after && doc.tok(at + 1) != "(").then_some(Participle::After)
}

/// Nouns that name an act or a measure rather than a party: what is imposed, agreed,
/// refused or sent ("sanctions", "a ban", "an agreement", "accusations").
const ACT_NOUNS: &[&str] = &[
    "sanctions",
    "sanction",
    "ban",
    "bans",
    "restrictions",
    "embargo",
    "tariffs",
    "agreement",
    "deal",
    "accord",
    "treaty",
    "request",
    "requests",
    "call",
    "calls",
    "demand",
    "demands",
    "appeal",
    "accusations",
    "accusation",
    "charges",
    "allegations",
    "warning",
    "warnings",
    "threats",
    "threat",
    "aid",
    "assistance",
    "pressure",
    "offer",
    "proposal",
    "invitation",
    "ultimatum",
    "strikes",
    "airstrikes",
    "attacks",
];

/// The party behind an object that names an act: "imposed sanctions on Vardania",
/// "rejected accusations by Halvaria", "signed an agreement with the Union" — PLOVER's
/// recipient is the party (a name, or "the" before one), not the sanctions.
pub(crate) fn party_behind(
    doc: &Doc,
    (a, b): (usize, usize),
    end: usize,
) -> Option<(usize, usize)> {
    if !(a..b).any(|j| ACT_NOUNS.contains(&word(doc, j, end))) {
        return None;
    }
    if !matches!(
        word(doc, b, end),
        "on" | "against" | "with" | "to" | "for" | "by" | "from" | "over"
    ) {
        return None;
    }
    let q = phrase_after(doc, b + 1, end)?;
    let named = doc.tokens[q.0].is_capitalized(doc.text)
        || (matches!(word(doc, q.0, end), "the" | "its" | "their")
            && q.1 > q.0 + 1
            && doc.tokens[q.0 + 1].is_capitalized(doc.text));
    named.then_some(q)
}

/// Where the phrase a participle describes stands: see [`participle`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Participle {
    After,
    Before,
}

/// Was the verb at `at` used in the passive ("were killed", "has been arrested")?
pub(crate) fn passive(doc: &Doc, floor: usize, at: usize) -> bool {
    let w = word(doc, at, at + 1);
    if !(w.ends_with("ed")
        || matches!(
            w,
            "shot"
                | "held"
                | "struck"
                | "fought"
                | "met"
                | "freed"
                | "blown"
                | "withdrawn"
                | "frozen"
                | "sent"
        ))
    {
        return false;
    }
    let mut j = at;
    while j > floor {
        let b = word(doc, j - 1, at);
        if matches!(
            b,
            "was" | "were" | "been" | "be" | "being" | "is" | "are" | "got" | "get"
        ) {
            return true;
        }
        if matches!(
            b,
            "reportedly" | "allegedly" | "also" | "later" | "not" | "never" | "all"
        ) || (b.ends_with("ly") && b.len() > 4)
        {
            j -= 1;
            continue;
        }
        return false;
    }
    false
}

/// The subject ending just before `end`: [`phrase_before`], past a bracket the writer put
/// in. A name in brackets after a pronoun says who the pronoun is ("he (Vesk) will call"),
/// and anything else in brackets is passed over ("Vesk (pictured) will call").
pub(crate) fn subject_before(doc: &Doc, floor: usize, end: usize) -> Option<(usize, usize)> {
    if end > floor + 2 && doc.tok(end - 1) == ")" {
        let open = (floor.max(end.saturating_sub(8))..end - 1)
            .rev()
            .find(|&k| doc.tok(k) == "(");
        if let Some(o) = open {
            let named =
                o + 1 < end - 1 && (o + 1..end - 1).all(|k| doc.tokens[k].is_capitalized(doc.text));
            let pronoun = o > floor
                && matches!(
                    word(doc, o - 1, o),
                    "he" | "she" | "they" | "it" | "him" | "her"
                );
            if named && pronoun {
                return Some((o + 1, end - 1));
            }
            return phrase_before(doc, floor, o);
        }
    }
    phrase_before(doc, floor, end)
}

/// The noun phrase ending just before `end` (exclusive), read backwards, within `floor`.
pub(crate) fn phrase_before(doc: &Doc, floor: usize, end: usize) -> Option<(usize, usize)> {
    // past an apposition or a relative clause between commas: "Estonia, a small country in
    // Northern Europe, has launched", "The ministry, which runs the prisons, refused"
    let mut end = end;
    if end > floor + 1 && doc.tok(end - 1) == "," {
        let open = (floor.max(end.saturating_sub(16))..end - 1)
            .rev()
            .find(|&k| doc.tok(k) == ",");
        if let Some(o) = open {
            let first = word(doc, o + 1, end);
            let inserted = matches!(
                first,
                "which"
                    | "who"
                    | "a"
                    | "an"
                    | "the"
                    | "thus"
                    | "however"
                    | "meanwhile"
                    | "too"
                    | "also"
                    | "in"
                    | "on"
                    | "for"
                    | "its"
                    | "his"
                    | "her"
                    | "their"
            ) || first.ends_with("ly");
            if inserted && o > floor {
                end = o;
            }
        }
    }
    let mut j = end;
    let mut words = 0;
    while j > floor && words < 12 {
        let t = j - 1;
        if !is_word(doc, t) {
            break;
        }
        let w = word(doc, t, end);
        // a verb ends the phrase too: an auxiliary, or a word that names an act
        let verb = matches!(
            w,
            "is" | "was"
                | "were"
                | "are"
                | "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "could"
                | "should"
                | "can"
                | "may"
                | "might"
                | "must"
                | "did"
                | "does"
                | "do"
                | "been"
                | "be"
                | "to"
        ) || super::lexicon::Lexicon::builtin()
            .at(&|k| word(doc, k, end), t)
            .is_some_and(|h| !h.entry.noun && !doc.tokens[t].is_capitalized(doc.text));
        if verb {
            break;
        }
        if STOP_BACK.contains(&w)
            && !(w == "and"
                && j < end
                && doc.tokens[j].is_capitalized(doc.text)
                && t > floor
                && doc.tokens[t - 1].is_capitalized(doc.text))
        {
            break;
        }
        j -= 1;
        words += 1;
    }
    // a leading preposition and what it governs is a time or place, not the actor: "On
    // Tuesday the army", "In 2019 rebels"
    let mut s = j;
    while s < end
        && matches!(
            word(doc, s, end),
            "on" | "in" | "at" | "during" | "last" | "early" | "late" | "earlier" | "this"
        )
    {
        s += 1;
        while s < end
            && (doc.tokens[s].kind == TokKind::Number
                || matches!(
                    word(doc, s, end),
                    "monday"
                        | "tuesday"
                        | "wednesday"
                        | "thursday"
                        | "friday"
                        | "saturday"
                        | "sunday"
                        | "week"
                        | "month"
                        | "year"
                        | "night"
                        | "morning"
                        | "evening"
                        | "afternoon"
                        | "weekend"
                ))
        {
            s += 1;
        }
    }
    if s >= end {
        return None;
    }
    if end - s == 1 && EMPTY.contains(&word(doc, s, end)) && word(doc, s, end) != "it" {
        return None;
    }
    Some((s, end))
}

/// The noun phrase starting at `from`, read forwards within `end`.
pub(crate) fn phrase_after(doc: &Doc, from: usize, end: usize) -> Option<(usize, usize)> {
    let mut j = from;
    // "at least 75 people", "more than 20 soldiers"
    if matches!(word(doc, j, end), "at" | "more" | "up" | "as")
        && matches!(
            word(doc, j + 1, end),
            "least" | "than" | "to" | "many" | "much"
        )
    {
        j += 2;
    }
    while j < end && j - from < 8 {
        if !is_word(doc, j) {
            break;
        }
        let w = word(doc, j, end);
        let inner_and = w == "and"
            && j > from
            && doc.tokens[j - 1].is_capitalized(doc.text)
            && j + 1 < end
            && doc.tokens[j + 1].is_capitalized(doc.text);
        // "the port of Velora", not "accused Neresia of stalling"
        let of = w == "of" && j > from && !word(doc, j + 1, end).ends_with("ing");
        if matches!(w, "last" | "next" | "this") && TIME_WORDS.contains(&word(doc, j + 1, end)) {
            break;
        }
        if (STOP_FWD.contains(&w) || w == "of") && !inner_and && !of {
            break;
        }
        // "three reporters detained while filming": a reduced relative ends the phrase
        if j > from && participle(doc, from, j, end) == Some(Participle::After) {
            break;
        }
        j += 1;
    }
    // an "of" at the end belongs to what follows, not to this phrase
    while j > from && matches!(word(doc, j - 1, end), "of" | "and" | "the" | "a" | "an") {
        j -= 1;
    }
    if j == from {
        return None;
    }
    if j - from == 1 && EMPTY.contains(&word(doc, from, end)) {
        return None;
    }
    Some((from, j))
}

/// The recipient after a trigger ending at `after`: its object, or the phrase after a
/// particle ("met with X", "fired on X"); none before an infinitive or a clause.
pub(crate) fn recipient_after(
    doc: &Doc,
    after: usize,
    end: usize,
    transfer: bool,
) -> Option<(usize, usize)> {
    let mut j = skip_time(doc, after, end);
    let w = word(doc, j, end);
    if PARTICLES.contains(&w) {
        if w == "to" || w == "in" {
            // "to" an infinitive is no recipient; "in" only before a capital ("in Halvaria")
            let next = j + 1;
            let ok = next < end
                && (doc.tokens[next].is_capitalized(doc.text)
                    || (w == "to"
                        && matches!(
                            word(doc, next, end),
                            "the" | "its" | "their" | "his" | "her"
                        )));
            if !ok || w == "in" {
                return None;
            }
        }
        j += 1;
    }
    let object = phrase_after(doc, j, end)?;
    // after a particle ("sanctions on Vardania") the object is already the party
    if !transfer || j > skip_time(doc, after, end) {
        return Some(object);
    }
    // what is given, lifted or imposed is the object; whom it goes to is the phrase after
    // "to", "on", "against", "for" or "with" ("sent aid to Neresia", "lifted a ban on Y"),
    // or the named place after "in" or "from" ("deployed observers in Vardania")
    let mut k = object.1;
    let limit = (k + 12).min(end);
    while k < limit {
        let t = &doc.tokens[k];
        let list_comma = doc.tok(k) == "," && k + 1 < end && is_word(doc, k + 1);
        if t.kind != TokKind::Word && t.kind != TokKind::Number && !list_comma && doc.tok(k) != "%"
        {
            break;
        }
        let p = word(doc, k, end);
        if matches!(p, "to" | "on" | "against" | "with" | "for" | "in" | "from") {
            let next = skip_time(doc, k + 1, end);
            let ok = next < end
                && if matches!(p, "in" | "from") {
                    doc.tokens[next].is_capitalized(doc.text)
                        && !TIME_WORDS.contains(&word(doc, next, end))
                } else {
                    party_ahead(doc, next, end, p == "to" || p == "for")
                };
            if ok {
                if let Some(r) = phrase_after(doc, next, end) {
                    return Some(r);
                }
            }
            if !matches!(p, "for" | "in" | "from") {
                break;
            }
        }
        k += 1;
    }
    Some(object)
}

/// Nouns for groups of people that receive or suffer an act with no article before them
/// ("aid to refugees", "a ban on civilians").
const PEOPLE: &[&str] = &[
    "people",
    "civilians",
    "refugees",
    "children",
    "households",
    "families",
    "communities",
    "residents",
    "victims",
    "workers",
    "farmers",
    "migrants",
    "women",
    "men",
    "citizens",
    "troops",
    "forces",
    "rebels",
    "militants",
    "protesters",
    "students",
    "journalists",
    "prisoners",
    "police",
];

/// Can a party start at `j`, after a preposition? A name, an article or number, a quantity
/// ("about 550 households", "both Halvaria and Neresia"), or a noun for people. After `to`
/// or `for` a bare lower-case word is more often a verb ("to help", "for"), so there it must
/// look like a plural or a noun for people; after `on`, `against`, `with` any noun phrase.
fn party_ahead(doc: &Doc, j: usize, end: usize, infinitive_risk: bool) -> bool {
    let t = &doc.tokens[j];
    if t.is_capitalized(doc.text) || t.kind == TokKind::Number {
        return true;
    }
    if t.kind != TokKind::Word {
        return false;
    }
    let w = word(doc, j, end);
    if matches!(
        w,
        "the"
            | "its"
            | "their"
            | "his"
            | "her"
            | "those"
            | "these"
            | "a"
            | "an"
            | "about"
            | "some"
            | "both"
            | "all"
            | "more"
            | "several"
            | "many"
            | "thousands"
            | "hundreds"
            | "dozens"
            | "tens"
            | "millions"
            | "other"
            | "local"
            | "vulnerable"
            | "displaced"
    ) || PEOPLE.contains(&w)
    {
        return true;
    }
    if TIME_WORDS.contains(&w) || w.ends_with("ing") {
        return false;
    }
    if !infinitive_risk {
        return true;
    }
    // "to refugees": a plural noun, maybe after one modifier ("to flood victims")
    let plural =
        |x: &str| x.len() > 3 && x.ends_with('s') && !x.ends_with("ss") && !x.ends_with("us");
    plural(w)
        || (is_word(doc, j + 1)
            && (plural(word(doc, j + 1, end)) || PEOPLE.contains(&word(doc, j + 1, end))))
}

/// Past a time right after a verb: "rejected on Monday an offer", "imposed sanctions today".
fn skip_time(doc: &Doc, mut j: usize, end: usize) -> usize {
    loop {
        let w = word(doc, j, end);
        if matches!(
            w,
            "also"
                | "again"
                | "jointly"
                | "reportedly"
                | "briefly"
                | "today"
                | "yesterday"
                | "tonight"
                | "formally"
                | "officially"
                | "now"
                | "quickly"
                | "immediately"
        ) {
            j += 1;
        } else if matches!(w, "on" | "last" | "this" | "next")
            && TIME_WORDS.contains(&word(doc, j + 1, end))
        {
            j += 2;
        } else {
            return j;
        }
    }
}

/// The `by X` agent after a passive verb ending at `after`.
pub(crate) fn by_agent(doc: &Doc, after: usize, end: usize) -> Option<(usize, usize)> {
    let mut j = after;
    let limit = (after + 6).min(end);
    while j < limit {
        let w = word(doc, j, end);
        if w == "by" {
            return phrase_after(doc, j + 1, end);
        }
        if !is_word(doc, j) {
            return None;
        }
        j += 1;
    }
    None
}

/// People the article places in a country: a speaker with an affiliation ("Türkiye"), or a
/// name written after a country word and a role ("Turkish President Recep Tayyip Erdoğan"
/// puts "Erdoğan" in TUR). Asked per name, read lazily: most events take their countries
/// from their own words.
pub(crate) struct Known<'d, 't> {
    doc: &'d Doc<'t>,
    gaz: &'d Gazetteer,
    speakers: &'d [Speaker],
    /// The speakers' folded names and variants with their countries, made when first asked.
    affiliated: std::cell::OnceCell<Vec<(String, &'static str)>>,
    /// Names already looked for, with what was found.
    asked: std::cell::RefCell<Vec<(&'d str, Option<&'static str>)>>,
}

impl<'d, 't> Known<'d, 't> {
    pub(crate) fn new(doc: &'d Doc<'t>, gaz: &'d Gazetteer, speakers: &'d [Speaker]) -> Self {
        Known {
            doc,
            gaz,
            speakers,
            affiliated: std::cell::OnceCell::new(),
            asked: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// The country of the person named by token `j` (a capitalised word), if the article
    /// says it.
    fn country(&self, j: usize) -> Option<&'static str> {
        let name: &'d str = strip_possessive(self.doc.tokens[j].text(self.doc.text));
        if let Some((_, c)) = self.asked.borrow().iter().find(|(n, _)| *n == name) {
            return *c;
        }
        let c = self.look(name);
        self.asked.borrow_mut().push((name, c));
        c
    }

    fn look(&self, name: &str) -> Option<&'static str> {
        let doc = self.doc;
        let affiliated = self.affiliated.get_or_init(|| {
            let mut out = Vec::new();
            for sp in self.speakers {
                let Some(c) = sp
                    .affiliation
                    .as_deref()
                    .and_then(|a| self.gaz.country(&onrecord_core::fold(a)))
                else {
                    continue;
                };
                let full = onrecord_core::fold(&sp.name);
                if let Some(last) = full.split(' ').next_back() {
                    out.push((last.to_string(), c));
                }
                for v in &sp.variants {
                    out.push((onrecord_core::fold(v), c));
                }
            }
            out
        });
        if !affiliated.is_empty() {
            let k = key(name);
            if let Some((_, c)) = affiliated.iter().find(|(n, _)| *n == k) {
                return Some(c);
            }
        }
        // the same word elsewhere, after a country word and role words
        for (k, t) in doc.tokens.iter().enumerate() {
            // the length first: the whole scan is a few instructions a token
            let l = t.span.len();
            if l < name.len() || l > name.len() + 3 || t.kind != TokKind::Word {
                continue;
            }
            if strip_possessive(t.text(doc.text)) != name {
                continue;
            }
            let para = t.para;
            let mut p = k;
            let mut steps = 0;
            while p > 0 && steps < 7 {
                p -= 1;
                steps += 1;
                let tp = &doc.tokens[p];
                if tp.kind != TokKind::Word || tp.para != para {
                    break;
                }
                if let Some((c, len)) = country_at(doc, p, k, self.gaz) {
                    if p + len < k {
                        return Some(c);
                    }
                }
            }
        }
        None
    }
}

/// A country name starting at token `i` (capitalised), with the number of tokens it takes.
pub(crate) fn country_at(
    doc: &Doc,
    i: usize,
    end: usize,
    gaz: &Gazetteer,
) -> Option<(&'static str, usize)> {
    let t = &doc.tokens[i];
    if t.kind != TokKind::Word || !t.is_capitalized(doc.text) {
        return None;
    }
    let max = gaz.longest().min(end - i);
    let mut key = String::new();
    let mut best = None;
    for n in 1..=max {
        let tok = &doc.tokens[i + n - 1];
        if tok.kind != TokKind::Word {
            break;
        }
        let t = doc.tok(i + n - 1);
        if n > 1 && !tok.is_capitalized(doc.text) && !matches!(t, "of" | "the" | "and") {
            break;
        }
        if !push_key(&mut key, strip_possessive(t)) {
            break;
        }
        if n == 1 && !gaz.starts(&key) {
            return None;
        }
        if let Some(c) = gaz.country(&key) {
            best = Some((c, n));
        }
        if text_ends_possessive(doc, i + n - 1) {
            break;
        }
    }
    best
}

fn text_ends_possessive(doc: &Doc, j: usize) -> bool {
    crate::text::is_possessive(doc.tok(j))
}

/// The entities of a phrase: one, or the members of a compound ("X and Y", "X, Y and Z"),
/// each with its country and sector.
pub(crate) fn entities(
    doc: &Doc,
    (s, e): (usize, usize),
    gaz: &Gazetteer,
    known: &Known<'_, '_>,
) -> Vec<EventEntity> {
    // split at "and" and commas when every member names a country or a sector
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut start = s;
    for j in s..e {
        let w = word(doc, j, e);
        if w == "and" || w == "," {
            if j > start {
                parts.push((start, j));
            }
            start = j + 1;
        }
    }
    if start < e {
        parts.push((start, e));
    }
    if parts.len() < 2 {
        return vec![entity(doc, (s, e), gaz, known)];
    }
    let members: Vec<EventEntity> = parts.iter().map(|&p| entity(doc, p, gaz, known)).collect();
    if members.len() > 1
        && members
            .iter()
            .all(|m| m.country.is_some() || m.sector.is_some())
    {
        return members;
    }
    vec![entity(doc, (s, e), gaz, known)]
}

fn entity(
    doc: &Doc,
    (s, e): (usize, usize),
    gaz: &Gazetteer,
    known: &Known<'_, '_>,
) -> EventEntity {
    let span = doc.tokens[s].span.cover(&doc.tokens[e - 1].span);
    let mut country = None;
    let mut i = s;
    while i < e && country.is_none() {
        if let Some((c, _)) = country_at(doc, i, e, gaz) {
            country = Some(c.to_string());
        }
        i += 1;
    }
    if country.is_none() {
        // a person the article placed in a country, or a speaker with an affiliation
        for j in (s..e)
            .rev()
            .filter(|&j| doc.tokens[j].is_capitalized(doc.text))
            .take(2)
        {
            if let Some(c) = known.country(j) {
                country = Some(c.to_string());
                break;
            }
        }
    }
    // the sector of the head: the last agent noun in the phrase, before any "of"
    let mut sector = None;
    let head_end = (s..e)
        .find(|&j| matches!(word(doc, j, e), "of" | "from" | "in"))
        .unwrap_or(e);
    let mut j = s;
    while j < head_end {
        let mut phrase = String::new();
        let mut found = None;
        for n in 1..=gaz.longest_agent().min(head_end - j) {
            if !push_key(&mut phrase, strip_possessive(doc.tok(j + n - 1))) {
                break;
            }
            if let Some(sec) = gaz.sector(&phrase) {
                found = Some((sec, n));
            }
        }
        match found {
            Some((sec, n)) => {
                sector = Some(sec.to_string());
                j += n;
            }
            None => j += 1,
        }
    }
    EventEntity {
        span: vec![span],
        country,
        sector,
    }
}
