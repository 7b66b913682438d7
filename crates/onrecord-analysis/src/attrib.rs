//! Attribution: find cues, then the source and content each cue governs.
//!
//! Rules over the text layer, in the shapes news copy uses:
//! - `SOURCE CUE (that) CONTENT.` and `SOURCE CUE: "…"` (content after the cue);
//! - `"CONTENT," SOURCE CUE.` and `CONTENT, CUE SOURCE.` (content before);
//! - `"…," SOURCE CUE, "…"` and `"…," he said. "…"` (content split around the cue);
//! - `CONTENT, according to SOURCE.` / `According to SOURCE, CONTENT.`;
//! - `…, adding/saying …` and `… and added …` (the cue shares the main clause's source);
//! - `Citing …, SOURCE said …` (a leading participle shares the following source);
//! - `SOURCE had harsh words …, telling …` (no reporting verb before: the clause's subject);
//! - `He said:` closing a paragraph (the next paragraph's quotation), `Said SOURCE: "…"`,
//!   transcript turns `NAME: …`, `"…" ― Name`;
//! - headlines `CLAIM: Source` and `Source: claim`.
//!
//! Cue words come from the learned [`Lexicon`] and cue model, phrasal cue ends ("respond
//! to", "spoke out about") from the lexicon's learned phrases; source and content boundaries
//! from punctuation, quotation marks and a few closed word classes. Where PolNeAR's
//! conventions were unclear, the choice follows counts over its training split (noted at
//! the rule).

use onrecord_core::{AttributionKind, Span};

use crate::cuemodel::CueModel;
use crate::endmodel::{EndModel, EndPoint};
use crate::lexicon::{Lexicon, AUXILIARIES, WEEKDAYS};
use crate::startmodel::{StartModel, StartPoint};
use crate::text::{before_apostrophe, is_possessive, Doc, TokKind};

/// An attribution as found, before speakers and days are resolved.
#[derive(Clone, Debug)]
pub struct Found {
    pub kind: AttributionKind,
    pub content: Vec<Span>,
    pub cue: Vec<Span>,
    /// Token range `[start, end)` of the source mention.
    pub source: Option<(usize, usize)>,
    pub audience: Option<Span>,
    /// Token index of the cue's head word.
    pub cue_tok: usize,
    /// The source is the same mention as that of the attribution whose cue head is this
    /// token (", adding …", "Citing …, Kalin said").
    pub shares_source_of: Option<usize>,
}

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

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "who", "you"];

/// Common irregular past forms: where a clause's verb begins after its subject.
const IRREGULAR_PAST: &[&str] = &[
    "spoke", "said", "told", "wrote", "took", "made", "gave", "went", "came", "met", "held",
    "sent", "led", "won", "lost", "began", "left", "found", "thought", "brought", "ran", "saw",
    "knew", "became", "kept", "got", "felt", "heard", "paid", "fought", "stood", "sought",
];

/// Verbs of saying that may come before their subject (`"…," said Roe`, `…, according to`,
/// `"…," reads the memo`); after a comma, any other verb continues a clause.
const INVERTING: &[&str] = &[
    "said",
    "says",
    "say",
    "added",
    "adds",
    "asked",
    "asks",
    "wrote",
    "writes",
    "explained",
    "explains",
    "continued",
    "continues",
    "noted",
    "notes",
    "argued",
    "argues",
    "recalled",
    "recalls",
    "insisted",
    "insists",
    "tweeted",
    "tweets",
    "told",
    "tells",
    "according",
    "stated",
    "states",
    "declared",
    "declares",
    "replied",
    "replies",
    "responded",
    "remarked",
    "answered",
    "observed",
    "warned",
    "warns",
    "acknowledged",
    "admitted",
    "admits",
    "complained",
    "conceded",
    "emphasized",
    "stressed",
    "suggested",
    "suggests",
    "maintained",
    "joked",
    "jokes",
    "predicted",
    "predicts",
    "quipped",
    "concluded",
    "concludes",
    "cautioned",
    "claimed",
    "claims",
    "reads",
    "read",
    "begins",
    "began",
    "reported",
    "reports",
    "announced",
    "announces",
    "countered",
    "counters",
    "offered",
    "opined",
    "boasted",
    "mused",
    "agreed",
    "went",
    "goes",
    "echoed",
    "shouted",
    "yelled",
    "exclaimed",
    "chanted",
    "posted",
    "wondered",
    "asserted",
    "contended",
    "contends",
    "observes",
    "laments",
    "lamented",
    "sighed",
    "recounted",
    "testified",
    "confirmed",
    "confirms",
    "pointed",
    "points",
    "commented",
    "comments",
    "urged",
    "urges",
    "summarized",
    "put",
    "puts",
    "advised",
    "advises",
    "acknowledges",
    "believes",
    "believed",
    "thinks",
    "thought",
];

/// Prepositions and subordinators that open a fronted adverbial ("On Tuesday, …", "After
/// the vote, …"): what follows them is no subject.
const SUBORDINATORS: &[&str] = &[
    "on",
    "in",
    "at",
    "after",
    "before",
    "during",
    "while",
    "when",
    "since",
    "as",
    "with",
    "without",
    "despite",
    "for",
    "from",
    "by",
    "if",
    "although",
    "though",
    "until",
    "because",
    "following",
    "amid",
    "under",
    "over",
    "to",
];

/// Determiners that open a nominal subject ("a lawyer for …", "the group's director").
const STARTS_NOMINAL: &[&str] = &["a", "an", "the", "one", "another", "his", "her", "their"];

/// Words at which a subject noun phrase, read leftwards from its verb, must have begun.
const CLAUSE_WORDS: &[&str] = &[
    "that", "and", "but", "while", "as", "because", "when", "after", "before", "if", "which",
    "where", "although", "though", "since", "so", "whether", "than", "or", "whom", "whose",
    "until", "unless", "once", "what", "how", "why", "nor", "yet", "where", "said", "says",
    "despite",
];

/// Nouns that end an "in a statement" style adjunct after a cue.
const CHANNEL_NOUNS: &[&str] = &[
    "statement",
    "interview",
    "speech",
    "tweet",
    "post",
    "letter",
    "email",
    "op-ed",
    "release",
    "remarks",
    "conference",
    "call",
    "message",
    "video",
    "address",
    "briefing",
    "report",
    "column",
    "essay",
    "blog",
    "filing",
    "memo",
    "broadcast",
    "appearance",
    "rally",
];

struct Ctx<'a, 'd> {
    doc: &'a Doc<'d>,
    /// Per token: the cue model says it heads a cue.
    cues: Vec<bool>,
    lex: &'a Lexicon,
    /// Rank the starts and the ends of a content after its cue; without them, the rules'
    /// start and end stand.
    models: Option<(&'a StartModel, &'a EndModel)>,
    /// Every content start and end decided, for learning the models.
    trace: std::cell::RefCell<(Vec<StartPoint>, Vec<EndPoint>)>,
}

impl Ctx<'_, '_> {
    fn low(&self, i: usize) -> std::borrow::Cow<'_, str> {
        self.doc.lower(i)
    }
    fn tok(&self, i: usize) -> &str {
        self.doc.tok(i)
    }
    fn span(&self, a: usize, b: usize) -> Span {
        self.doc.tokens[a].span.cover(&self.doc.tokens[b - 1].span)
    }
    fn is_quote_mark(&self, i: usize) -> bool {
        self.doc.tokens[i].kind == TokKind::Quote
    }

    /// Is token `i` a cue head?
    fn is_cue(&self, i: usize, unit: (usize, usize)) -> bool {
        let t = &self.doc.tokens[i];
        if t.kind != TokKind::Word || t.in_quote {
            return false;
        }
        let w = self.low(i);
        if w == "according" {
            return i + 1 < unit.1 && self.low(i + 1) == "to";
        }
        if !self.cues[i] {
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

    /// Start of the cue including auxiliaries before the head ("has long said").
    fn cue_start(&self, head: usize, unit: (usize, usize)) -> usize {
        let mut s = head;
        while s > unit.0 {
            let p = self.low(s - 1);
            let adverb = p.len() > 4
                && p.ends_with("ly")
                && self.doc.tokens[s - 1].kind == TokKind::Word
                && !self.doc.tokens[s - 1].is_capitalized(self.doc.text);
            if (AUXILIARIES.contains(&p.as_ref()) || adverb) && p != "to" {
                s -= 1;
            } else {
                break;
            }
        }
        s
    }

    /// End (exclusive) of the cue: particles of phrasal cues.
    fn cue_end(&self, head: usize, unit: (usize, usize)) -> usize {
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

    /// The subject read leftwards from `end` (exclusive), not crossing `floor`.
    fn source_left(&self, end: usize, floor: usize) -> Option<(usize, usize)> {
        if end <= floor {
            return None;
        }
        let last = end - 1;
        let lw = self.low(last);
        if PRONOUNS.contains(&lw.as_ref()) {
            return Some((last, end));
        }
        // a relative subject: "the department, which reported …", "many of whom say …"
        if lw == "which" {
            return Some((last, end));
        }
        if lw == "whom" && last >= floor + 2 && self.low(last - 1) == "of" {
            return Some((last - 2, end));
        }
        // appositive: "Kalin, the spokesman for …, said"
        // "Many speakers — including Ana Brel — said": an appositive between dashes
        if matches!(self.tok(last), "\u{2014}" | "\u{2015}" | "--") && last > floor {
            let open = (last.saturating_sub(25).max(floor)..last)
                .rev()
                .find(|&j| self.tok(j) == self.tok(last))?;
            let head = self.source_left(open, floor)?;
            return Some((head.0, end));
        }
        if self.tok(last) == "," {
            if let Some(s) = self.appositive_left(last, end, floor) {
                return Some(s);
            }
            // `After the vote, Gov. Ann Roe (R-Ohio), said`: a stray comma after a name that
            // opens its clause
            let name = self.source_left(last, floor)?;
            let opens = name.0 == floor || self.tok(name.0 - 1) == ",";
            let named = (name.0..name.1).all(|i| {
                self.doc.tokens[i].is_capitalized(self.doc.text)
                    || matches!(self.tok(i), "." | "(" | ")" | "-")
            });
            // (not a sentence adverb: "However, said", "Seriously, please")
            let w = self.low(name.0);
            let adverb = name.1 == name.0 + 1
                && (w.ends_with("ly")
                    || WEEKDAYS.contains(&w.as_ref())
                    || matches!(
                        w.as_ref(),
                        "however"
                            | "meanwhile"
                            | "still"
                            | "instead"
                            | "indeed"
                            | "yet"
                            | "now"
                            | "then"
                            | "today"
                            | "yesterday"
                            | "also"
                            | "but"
                            | "and"
                            | "so"
                    ));
            return (opens && named && !adverb && name.1 - name.0 <= 8).then_some((name.0, end));
        }
        let mut s = end;
        while s > floor {
            let i = s - 1;
            let t = &self.doc.tokens[i];
            let txt = self.tok(i);
            // a parenthetical inside the name: "Rep. Gwen Moore (D-Wis.) said"
            if txt == ")" {
                if let Some(open) = (i.saturating_sub(8).max(floor)..i)
                    .rev()
                    .find(|&j| self.tok(j) == "(")
                {
                    if open > floor && self.doc.tokens[open - 1].is_capitalized(self.doc.text) {
                        s = open;
                        continue;
                    }
                }
                break;
            }
            if t.kind == TokKind::Quote
                || (t.kind == TokKind::Punct
                    && txt != "."
                    && txt != "-"
                    && txt != "&"
                    && txt != "'")
            {
                break;
            }
            if txt == "." && !(i > 0 && self.doc.tokens[i - 1].span.end == t.span.start) {
                break;
            }
            let w = self.low(i);
            // coordinated subjects: "he and Mr. Allen said", "Ann Roe and Ivo Lind wrote",
            // when the first conjunct (a pronoun or a name) opens its clause
            if w == "and" && i != last && s == i + 1 && i > floor {
                let p = self.low(i - 1);
                let mut l = i;
                if matches!(p.as_ref(), "he" | "she" | "they" | "i" | "we") {
                    l = i - 1;
                } else {
                    while l > floor
                        && i - l < 6
                        && (self.doc.tokens[l - 1].is_capitalized(self.doc.text)
                            || self.tok(l - 1) == ".")
                    {
                        l -= 1;
                    }
                }
                let opens = l == floor
                    || matches!(self.tok(l - 1), "," | ":" | ";" | "\u{2014}")
                    || self.is_quote_mark(l - 1);
                if l < i && opens {
                    s = l;
                }
                break;
            }
            if CLAUSE_WORDS.contains(&w.as_ref())
                || (i != last
                    && matches!(
                        w.as_ref(),
                        "had"
                            | "has"
                            | "have"
                            | "is"
                            | "was"
                            | "were"
                            | "are"
                            | "be"
                            | "been"
                            | "will"
                            | "would"
                            | "can"
                            | "could"
                    ))
            {
                break;
            }
            if PRONOUNS.contains(&w.as_ref()) && i != last {
                break;
            }
            if t.kind == TokKind::Word
                && i != last
                && self.is_cue(i, (floor, end))
                && !t.is_capitalized(self.doc.text)
            {
                break;
            }
            s = i;
            if end - s >= 14 {
                break;
            }
        }
        // a subject does not end in a preposition, determiner or degree word
        // ("at the forefront of questioning", "such expected backers")
        if matches!(
            lw.as_ref(),
            "of" | "at"
                | "in"
                | "on"
                | "for"
                | "to"
                | "by"
                | "with"
                | "from"
                | "about"
                | "into"
                | "such"
                | "more"
                | "most"
                | "very"
                | "so"
                | "as"
                | "the"
                | "a"
                | "an"
                | "than"
                | "almost"
                | "not"
                | "no"
                | "its"
                | "their"
                | "his"
                | "her"
                | "our"
                | "my"
                | "your"
                | "this"
                | "these"
                | "those"
        ) {
            return None;
        }
        (s < end).then_some((s, end))
    }

    /// A subject with an appositive before the comma at `last`: "Kalin, the spokesman for
    /// …, said", "Ann Roe, 25, said".
    fn appositive_left(&self, last: usize, end: usize, floor: usize) -> Option<(usize, usize)> {
        let mut j = last;
        let mut steps = 0;
        // an appositive may hold commas of its own ("…, assistant secretary for
        // population, refugees, and migration, said"): past a comma where no name stands,
        // the next one to the left is tried, twice at most
        let mut commas = 0;
        while j > floor && steps < 32 {
            j -= 1;
            steps += 1;
            if self.tok(j) == "," {
                commas += 1;
                let appositive_start = j + 1;
                // the head before the first comma must be a name
                let Some(head) = self.source_left(j, floor) else {
                    if commas < 3 {
                        continue;
                    }
                    return None;
                };
                let relative = matches!(
                    self.low(appositive_start).as_ref(),
                    "which" | "who" | "whose" | "whom"
                );
                // "Rep. Ann Roe (R-Ohio), …": the name is before the parenthetical
                let mut h = head.1 - 1;
                if self.tok(h) == ")" {
                    while h > head.0 && self.tok(h) != "(" {
                        h -= 1;
                    }
                    h = h.saturating_sub(1).max(head.0);
                }
                // "After winning Ohio, Gov. Ann Roe, said": a participle phrase is no subject
                let hw0 = self.low(head.0);
                if hw0.ends_with("ing")
                    && hw0.len() > 5
                    && !self.doc.tokens[head.0].is_capitalized(self.doc.text)
                {
                    return None;
                }
                // "Roe, though, said": a discourse adverb between the commas
                if last == appositive_start + 1
                    && matches!(
                        self.low(appositive_start).as_ref(),
                        "though"
                            | "however"
                            | "meanwhile"
                            | "too"
                            | "instead"
                            | "also"
                            | "then"
                            | "now"
                            | "still"
                            | "likewise"
                            | "similarly"
                            | "moreover"
                            | "separately"
                    )
                {
                    return Some(head);
                }
                // "Blunt, after a long pause, said", "The agency, in a statement, has said": an
                // adverbial between the commas, after a name or a determined noun phrase
                if matches!(
                    self.low(appositive_start).as_ref(),
                    "after"
                        | "before"
                        | "in"
                        | "on"
                        | "at"
                        | "during"
                        | "with"
                        | "without"
                        | "despite"
                        | "while"
                        | "when"
                        | "since"
                        | "for"
                        | "following"
                        | "amid"
                        | "through"
                        | "over"
                        | "under"
                ) && commas == 1
                    && (self.doc.tokens[head.0].is_capitalized(self.doc.text)
                        && !SUBORDINATORS.contains(&self.low(head.0).as_ref())
                        || STARTS_NOMINAL.contains(&self.low(head.0).as_ref()))
                {
                    return Some(head);
                }
                // "…, and the talks stalled, said …" is a clause, not an appositive
                let clause = !relative
                    && (CLAUSE_WORDS.contains(&self.low(appositive_start).as_ref())
                        || PRONOUNS.contains(&self.low(appositive_start).as_ref()));
                // "Ann Roe, 25, said" / "Ann Roe, R-Ky., said": an age or a party also
                // makes an appositive
                let appositive = !clause
                    && matches!(
                        self.doc.tokens[appositive_start].kind,
                        TokKind::Word | TokKind::Number
                    );
                // "Ann Roe, the attorney general, one of the officials suing, said": the
                // head was itself an appositive of the name before its comma
                let lower_head = !self.doc.tokens[head.0].is_capitalized(self.doc.text);
                if appositive && lower_head && head.0 > floor + 1 && self.tok(head.0 - 1) == "," {
                    if let Some(name) = self.source_left(head.0 - 1, floor) {
                        if self.doc.tokens[name.1 - 1].is_capitalized(self.doc.text) {
                            return Some((name.0, end));
                        }
                    }
                }
                // "Some observers, including Ann Roe, said", "A third of voters, 33
                // percent, say": examples or a figure make an appositive of any head
                let examples = matches!(
                    self.low(appositive_start).as_ref(),
                    "including" | "like" | "such" | "especially" | "notably" | "among"
                ) || self.doc.tokens[appositive_start].kind == TokKind::Number;
                if appositive
                    && (self.doc.tokens[h].is_capitalized(self.doc.text) || relative || examples)
                {
                    return Some((head.0, end));
                }
                // "A lawyer for the outlets, Ann Roe, said": the name is the appositive
                let name_after = appositive
                    && last - appositive_start <= 5
                    && (appositive_start..last).all(|i| {
                        self.doc.tokens[i].is_capitalized(self.doc.text) || self.tok(i) == "."
                    });
                let head_word = self.low(head.0);
                if name_after
                    && (STARTS_NOMINAL.contains(&head_word.as_ref()) || is_possessive(&head_word))
                {
                    return Some((head.0, end));
                }
                // (", roads, and ferries,": the last item of a list, not a clause)
                let list_item = self.low(appositive_start) == "and" && last - j <= 3;
                if (!clause || list_item) && commas < 3 {
                    continue;
                }
                return None;
            }
            // the period of an abbreviation ("R-Ky.", "Jr.") does not end the appositive
            let abbrev = self.tok(j) == "."
                && j > floor
                && self.doc.tokens[j - 1].span.end == self.doc.tokens[j].span.start
                && self.doc.tokens[j - 1].kind == TokKind::Word;
            if self.is_quote_mark(j)
                || matches!(self.tok(j), ";" | ":")
                || self.tok(j) == "." && !abbrev
            {
                return None;
            }
        }
        None
    }

    /// An inverted subject after the cue: `…," said Kalın.` / `said the UN refugee agency`.
    fn source_right(&self, start: usize, unit_end: usize) -> Option<(usize, usize)> {
        if start >= unit_end {
            return None;
        }
        let w = self.low(start);
        let t = &self.doc.tokens[start];
        // "said one Democratic source", "said his spokeswoman", "said 9/11 widow Ann Roe"
        let ok = PRONOUNS.contains(&w.as_ref()) && w != "it" && w != "who"
            || t.is_capitalized(self.doc.text)
            || t.kind == TokKind::Number
            || matches!(
                w.as_ref(),
                "the"
                    | "a"
                    | "an"
                    | "one"
                    | "another"
                    | "two"
                    | "three"
                    | "several"
                    | "some"
                    | "many"
                    | "his"
                    | "her"
                    | "their"
                    | "its"
                    | "our"
                    // "said former Sen. Evan Bayh", "said retired Gen. Ann Roe"
                    | "former"
                    | "retired"
                    | "outgoing"
                    | "longtime"
                    | "veteran"
                    | "senior"
                    | "top"
                    | "acting"
            );
        if !ok {
            return None;
        }
        if PRONOUNS.contains(&w.as_ref()) {
            return Some((start, start + 1));
        }
        let mut e = start;
        while e < unit_end && e - start < 14 {
            let t = &self.doc.tokens[e];
            let txt = self.tok(e);
            // the period of an abbreviation inside a name: "Mr. McGinley", "Rep. G.K. Butterfield"
            if txt == "."
                && e > start
                && self.doc.tokens[e - 1].span.end == t.span.start
                && self
                    .doc
                    .tokens
                    .get(e + 1)
                    .is_some_and(|n| n.is_capitalized(self.doc.text))
                && e + 1 < unit_end
            {
                e += 1;
                continue;
            }
            if t.kind == TokKind::Quote
                || (t.kind == TokKind::Punct && !matches!(txt, "-" | "&" | "'" | "(" | ")"))
            {
                break;
            }
            let lw = self.low(e);
            if e > start
                && (CLAUSE_WORDS.contains(&lw.as_ref())
                    || WEEKDAYS.contains(&lw.as_ref())
                    || lw == "on"
                    || lw == "in"
                        && !self.doc.tokens[e + 1..unit_end]
                            .first()
                            .is_some_and(|n| n.is_capitalized(self.doc.text)))
            {
                break;
            }
            e += 1;
        }
        (e > start).then_some((start, e))
    }

    /// The subject opening the unit's main clause, before `limit`: past a fronted adverbial
    /// or participle clause (`In a column, two writers …`, `Chastened by X, Kaya …`), up to
    /// its verb. A name, a pronoun or a determined noun phrase of at most eight words.
    fn unit_subject(&self, unit: (usize, usize), limit: usize) -> Option<(usize, usize)> {
        let mut s = self.skip_opener(unit.0, limit);
        if s + 1 < limit && self.low(s) == "meanwhile" {
            s += 1;
        }
        if s >= limit {
            return None;
        }
        let w0 = self.low(s);
        let fronted = matches!(
            w0.as_ref(),
            "in" | "on"
                | "at"
                | "after"
                | "before"
                | "during"
                | "when"
                | "while"
                | "as"
                | "for"
                | "with"
                | "since"
                | "despite"
                | "following"
                | "to"
                | "by"
                | "from"
                | "although"
                | "though"
                | "if"
                | "because"
                | "once"
                | "amid"
        ) || w0.ends_with("ed") && !self.doc.tokens[s].is_capitalized(self.doc.text)
            || w0.ends_with("ed") && s + 1 < limit && self.low(s + 1) == "by"
            || w0.ends_with("ing") && w0.len() > 5;
        if fronted {
            s = (s..limit).find(|&j| self.tok(j) == ",")? + 1;
        }
        if s >= limit {
            return None;
        }
        let t = &self.doc.tokens[s];
        let w = self.low(s);
        // "it" opens a clause as a dummy subject ("it is expected …") unless a verb of
        // its own follows ("it attacked Trump, saying …")
        let it_acts =
            w == "it" && s + 1 < limit && (self.low(s + 1).ends_with("ed") || self.cues[s + 1]);
        let np_start = t.is_capitalized(self.doc.text)
            || PRONOUNS.contains(&w.as_ref()) && (w != "it" || it_acts)
            || matches!(
                w.as_ref(),
                "the"
                    | "a"
                    | "an"
                    | "two"
                    | "three"
                    | "several"
                    | "some"
                    | "many"
                    | "his"
                    | "her"
                    | "their"
                    | "its"
            );
        if !np_start || t.kind != TokKind::Word {
            return None;
        }
        if PRONOUNS.contains(&w.as_ref()) {
            return Some((s, s + 1));
        }
        let mut e = s + 1;
        while e < limit && e - s <= 10 {
            let t = &self.doc.tokens[e];
            if self.verb_at(e, limit)
                || t.kind != TokKind::Word && !matches!(self.tok(e), "." | "-" | "'")
            {
                break;
            }
            e += 1;
        }
        (e - s <= 10 && e < limit).then_some((s, e))
    }

    /// Does a verb (or an adverb before one) begin at `e`, right after a subject? An
    /// auxiliary, a past form, a cue, or a present form before its object.
    fn verb_at(&self, e: usize, limit: usize) -> bool {
        let t = &self.doc.tokens[e];
        let w = self.low(e);
        let lower = !t.is_capitalized(self.doc.text);
        w.ends_with("ly") && lower
            || AUXILIARIES.contains(&w.as_ref())
                && !matches!(
                    w.as_ref(),
                    "all" | "both" | "first" | "once" | "long" | "last"
                )
            || lower
                && (w.ends_with("ed")
                    || IRREGULAR_PAST.contains(&w.as_ref())
                    || self.cues[e]
                    || w.ends_with('s')
                        && e + 1 < limit
                        && matches!(
                            self.low(e + 1).as_ref(),
                            "the" | "a" | "an" | "its" | "his" | "her" | "their" | "to" | "that"
                        ))
    }

    /// Past a conjunction or discourse adverb opening a content that ends at `e`.
    fn skip_opener(&self, start: usize, e: usize) -> usize {
        if start + 2 >= e || self.doc.tokens[start].in_quote {
            return start;
        }
        let w = self.low(start);
        if matches!(w.as_ref(), "but" | "and") {
            start + 1
        } else if matches!(
            w.as_ref(),
            "however" | "still" | "indeed" | "meanwhile" | "moreover" | "also"
        ) && self.tok(start + 1) == ","
        {
            start + 2
        } else if w == "in" && self.low(start + 1) == "fact" && self.tok(start + 2) == "," {
            start + 3
        } else {
            start
        }
    }

    /// Where a quotation split by its cue resumes in the same sentence, looking from `p`
    /// (just after the cue, its source and adjuncts): `, "…"`, `, but "…"`, `, and "…"`, or
    /// after an aside ending in a comma (`said during a rally in Dunmere, "…"`, `said,
    /// referring to the plan, "…"`). Not past another cue or the end of the sentence.
    fn resumed_quote(&self, p: usize, unit: (usize, usize)) -> Option<usize> {
        let mut j = p;
        while j < unit.1 && j < p + 20 {
            let t = &self.doc.tokens[j];
            if t.kind == TokKind::Quote {
                let opens = self
                    .doc
                    .quote_at(t.span.start)
                    .is_some_and(|qi| self.doc.quotes[qi].span.start == t.span.start);
                // `, but "…"`, `, and still "…"`
                let conj = |c: usize| {
                    c >= 1
                        && matches!(self.low(c).as_ref(), "but" | "and")
                        && self.tok(c - 1) == ","
                };
                let lead = j > p
                    && (self.tok(j - 1) == ","
                        || self.tok(j - 1) == ":"
                        || conj(j - 1)
                        || j >= 3
                            && matches!(self.low(j - 1).as_ref(), "still" | "also" | "then")
                            && conj(j - 2));
                return (opens && (lead || j == p && j > unit.0 && self.tok(j - 1) == ","))
                    .then_some(j);
            }
            // a sentence end, but not the period of an abbreviation ("Raleigh, N.C., …")
            let abbreviation = j > 0
                && self.doc.tokens[j - 1].span.end == t.span.start
                && j + 1 < unit.1
                && self.tok(j + 1) == ",";
            if matches!(self.tok(j), "." | "?" | "!" | ";")
                && !self.doc.tokens[j].in_quote
                && !abbreviation
            {
                return None;
            }
            // another cue before the quotation takes it, a participle too (PolNeAR train:
            // `…," he said, adding, "…"` gives "adding" its own quotation 46 times to 6)
            if t.kind == TokKind::Word && self.is_cue(j, unit) {
                return None;
            }
            j += 1;
        }
        None
    }

    /// The end of an appositive after an inverted source (`…, said Ann Roe, a senior official
    /// with the agency.`): PolNeAR's source takes it in. Not when a quotation, a participle
    /// (`, adding …`) or a new clause follows the comma.
    fn appositive_right(&self, se: usize, unit: (usize, usize)) -> Option<usize> {
        if se + 1 >= unit.1 || self.tok(se) != "," {
            return None;
        }
        let n = &self.doc.tokens[se + 1];
        let w = self.low(se + 1);
        let participle = w.ends_with("ing") && !n.is_capitalized(self.doc.text);
        let starts = matches!(n.kind, TokKind::Word | TokKind::Number)
            && !participle
            && !matches!(
                w.as_ref(),
                "and"
                    | "but"
                    | "although"
                    | "though"
                    | "while"
                    | "as"
                    | "because"
                    | "he"
                    | "she"
                    | "it"
                    | "they"
                    | "we"
                    | "i"
                    | "in"
                    | "on"
                    | "at"
                    | "after"
                    | "before"
                    | "when"
                    | "which"
            );
        if !starts {
            return None;
        }
        let mut e = se + 1;
        while e < unit.1 {
            let t = &self.doc.tokens[e];
            if t.kind == TokKind::Quote || matches!(self.tok(e), ";" | ":" | "\u{2014}") {
                return None;
            }
            if t.kind == TokKind::Word && e > se + 1 && self.is_cue(e, unit) {
                return None;
            }
            e += 1;
        }
        let mut e = unit.1;
        while e > se + 1 && self.doc.tokens[e - 1].kind == TokKind::Punct {
            e -= 1;
        }
        (e > se + 1 && e - se <= 25).then_some(e)
    }

    /// Skip time and channel adjuncts right after a cue ("on Sunday", "in a statement").
    fn skip_adjuncts(&self, mut k: usize, end: usize) -> usize {
        loop {
            if k >= end {
                return k;
            }
            let w = self.low(k);
            let kk = k;
            let next = |n: usize| (kk + n < end).then(|| self.low(kk + n));
            if WEEKDAYS.contains(&w.as_ref())
                || matches!(
                    w.as_ref(),
                    "today"
                        | "yesterday"
                        | "tonight"
                        | "earlier"
                        | "later"
                        | "recently"
                        | "publicly"
                        | "privately"
                        | "repeatedly"
                        | "again"
                        | "also"
                        | "last"
                )
            {
                k += 1;
                if next(1).is_some_and(|n| {
                    matches!(
                        n.as_ref(),
                        "night" | "morning" | "afternoon" | "evening" | "week" | "month" | "year"
                    )
                }) {
                    k += 1;
                }
                continue;
            }
            // "Friday | afternoon" when the cue took the day in
            if matches!(w.as_ref(), "night" | "morning" | "afternoon" | "evening")
                && k > 0
                && WEEKDAYS.contains(&self.low(k - 1).as_ref())
            {
                k += 1;
                continue;
            }
            if matches!(w.as_ref(), "on" | "late" | "early")
                && next(1).is_some_and(|n| WEEKDAYS.contains(&n.as_ref()))
            {
                k += 2;
                if next(2).is_some_and(|n| {
                    matches!(n.as_ref(), "night" | "morning" | "afternoon" | "evening")
                }) {
                    k += 1;
                }
                continue;
            }
            if matches!(
                w.as_ref(),
                "in" | "during" | "at" | "on" | "via" | "through"
            ) {
                // "in a statement", "in an interview with X", "on Twitter", "at a news conference"
                let mut j = k + 1;
                let mut found = None;
                while j < end && j < k + 6 {
                    let lw = self.low(j);
                    if CHANNEL_NOUNS.contains(&lw.as_ref())
                        || matches!(
                            lw.as_ref(),
                            "twitter" | "facebook" | "x" | "television" | "tv" | "radio" | "sunday"
                        )
                    {
                        found = Some(j + 1);
                        break;
                    }
                    if self.doc.tokens[j].kind != TokKind::Word {
                        break;
                    }
                    j += 1;
                }
                if let Some(mut j) = found {
                    // "… with CNN", "… on Fox News"
                    if j < end && matches!(self.low(j).as_ref(), "with" | "on" | "to") {
                        j += 1;
                        while j < end && self.doc.tokens[j].is_capitalized(self.doc.text) {
                            j += 1;
                        }
                    }
                    k = j;
                    continue;
                }
            }
            if matches!(
                w.as_ref(),
                "this" | "last" | "next" | "earlier" | "late" | "early"
            ) && next(1).is_some_and(|n| {
                matches!(n.as_ref(), "week" | "month" | "year" | "weekend" | "this")
            }) {
                k += 2;
                if next(2)
                    .is_some_and(|n| matches!(n.as_ref(), "week" | "month" | "year" | "weekend"))
                {
                    k += 1;
                }
                continue;
            }
            // "said after the talks Ukraine wants …"
            if matches!(w.as_ref(), "after" | "before" | "following" | "during")
                && next(1).is_some_and(|n| {
                    matches!(
                        n.as_ref(),
                        "the" | "a" | "an" | "his" | "her" | "their" | "its"
                    )
                })
            {
                let mut j = k + 2;
                while j < end
                    && j < k + 6
                    && self.doc.tokens[j].kind == TokKind::Word
                    && !self.doc.tokens[j].is_capitalized(self.doc.text)
                    && self.low(j) != "that"
                {
                    if matches!(
                        self.low(j).as_ref(),
                        "in" | "at" | "on" | "of" | "for" | "with" | "from" | "to" | "by"
                    ) {
                        j = end; // a longer phrase: leave it to the "… that" rule
                        break;
                    }
                    j += 1;
                }
                if j < end
                    && j > k + 2
                    && (self.low(j) == "that" || self.doc.tokens[j].is_capitalized(self.doc.text))
                {
                    k = j;
                    continue;
                }
            }
            if w == "to"
                && next(1).is_some_and(|n| matches!(n.as_ref(), "reporters" | "journalists"))
            {
                k += 2;
                continue;
            }
            return k;
        }
    }

    /// Do only adjuncts follow from `k` to the end of the unit ("in his 2012 book", "of
    /// Cruz", "this week at an event in Wyoming"), no clause of reported words?
    fn adjuncts_only(&self, k: usize, end: usize) -> bool {
        if k >= end || self.doc.tokens[k].kind != TokKind::Word {
            return false;
        }
        let w = self.low(k);
        let opens = WEEKDAYS.contains(&w.as_ref())
            || w.ends_with("ly") && w.len() > 4
            || matches!(
                w.as_ref(),
                "in" | "at"
                    | "on"
                    | "by"
                    | "of"
                    | "during"
                    | "after"
                    | "before"
                    | "while"
                    | "when"
                    | "as"
                    | "this"
                    | "last"
                    | "from"
                    | "with"
                    | "without"
                    | "via"
                    | "through"
                    | "over"
                    | "later"
                    | "earlier"
                    | "today"
                    | "yesterday"
                    | "tonight"
                    | "again"
            );
        opens
            && !(k..end).any(|j| {
                self.is_quote_mark(j)
                    || matches!(self.tok(j), ":" | ";")
                    || matches!(self.low(j).as_ref(), "that" | "whether")
            })
    }

    /// The audience right after "told": up to "that", a comma, a quote or a time adjunct.
    fn audience(&self, k: usize, end: usize) -> Option<(usize, usize)> {
        let mut e = k;
        while e < end && e - k < 9 {
            let t = &self.doc.tokens[e];
            let lower = self.low(e);
            // a pronoun's contraction opens the words: "told Breitbart News he'd support …"
            let w = before_apostrophe(&lower);
            // a programme's title in quotation marks: `told "Morning Joe" that …`
            if t.kind == TokKind::Quote {
                let title = self
                    .doc
                    .quote_at(t.span.start)
                    .map(|q| self.doc.quotes[q])
                    .filter(|q| q.closed && q.span.start == t.span.start)
                    .map(|q| self.doc.token_at(q.span.end - 1) + 1)
                    .filter(|&qe| {
                        qe < end
                            && qe - e <= 6
                            && (e + 1..qe - 1).all(|i| {
                                self.doc.tokens[i].is_capitalized(self.doc.text)
                                    || self.doc.tokens[i].kind != TokKind::Word
                            })
                            && (matches!(
                                self.low(qe).as_ref(),
                                "that" | "on" | "in" | "during" | "last" | "this" | "earlier" | ","
                            ) || WEEKDAYS.contains(&self.low(qe).as_ref()))
                    });
                if let Some(qe) = title {
                    e = qe;
                    continue;
                }
            }
            if t.kind == TokKind::Quote
                || (t.kind == TokKind::Punct
                    && !matches!(self.tok(e), "(" | ")" | "-" | "&" | "." | "'"))
                || matches!(
                    w,
                    "that"
                        | "on"
                        | "in"
                        | "at"
                        | "during"
                        | "last"
                        | "this"
                        | "to"
                        | "about"
                        | "after"
                        | "before"
                        | "he"
                        | "she"
                        | "they"
                        | "it"
                        | "we"
                        | "i"
                        | "earlier"
                )
                || WEEKDAYS.contains(&w)
            {
                break;
            }
            e += 1;
        }
        (e > k).then_some((k, e))
    }

    /// Where content that starts at `k` ends: the unit end, or before `, adding`-style cues
    /// and a trailing `, according to`.
    fn content_end(&self, k: usize, unit: (usize, usize)) -> usize {
        if k >= unit.1 {
            return unit.1;
        }
        // a content that is a quotation ends with it when only punctuation follows
        if self.is_quote_mark(k) {
            if let Some(qi) = self.doc.quote_at(self.doc.tokens[k].span.start) {
                let q = self.doc.quotes[qi];
                let after = self.doc.token_at(q.span.end);
                let rest_is_punct =
                    (after..unit.1).all(|i| self.doc.tokens[i].kind == TokKind::Punct);
                // PolNeAR train: a content opening with a quotation that closes a clause
                // (`said "…?" and kept going`, `said "…," adding …`) ends with it; a
                // scare quote (`called "fake news" a …`) does not
                let inner = q.inner(self.doc.text).text(self.doc.text).trim_end();
                let clause = q.closed && inner.ends_with(['.', ',', '?', '!']);
                if (rest_is_punct || clause) && after > k {
                    return after;
                }
            }
        }
        let mut i = k;
        while i < unit.1 {
            let t = &self.doc.tokens[i];
            // `…,” meaning …`: a quotation closing on a comma is a comma of the sentence too;
            // the content then ends after the mark
            let quote_comma = t.kind == TokKind::Quote
                && i > k + 1
                && self.tok(i - 1) == ","
                && self.doc.tokens[i - 1].in_quote
                && self
                    .doc
                    .quote_at(t.span.start)
                    .is_some_and(|q| self.doc.quotes[q].span.end == t.span.end);
            let cut = if quote_comma { i + 1 } else { i };
            if (!t.in_quote && matches!(self.tok(i), "," | ";" | "\u{2014}") || quote_comma)
                && i > k
                && i + 1 < unit.1
            {
                let n = self.low(i + 1);
                if n == "according" && i + 2 < unit.1 && self.low(i + 2) == "to" {
                    return cut;
                }
                // `…, which …`: a non-restrictive relative clause is the reporter's aside
                // (PolNeAR train: the content ends before it three times in five)
                if n == "which" && self.tok(i) == "," {
                    return cut;
                }
                // `…, top lawmakers said Friday, …`: another report's cue a few words on
                if (i + 2..(i + 8).min(unit.1))
                    .take_while(|&j| self.doc.tokens[j].kind == TokKind::Word)
                    .any(|j| {
                        self.cues[j] && !self.low(j).ends_with("ing") && self.is_cue(j, unit) && {
                            // past "Friday afternoon", "in a statement"
                            let a = self.skip_adjuncts(j + 1, unit.1);
                            a < unit.1 && self.doc.tokens[a].kind == TokKind::Punct
                        }
                    })
                {
                    return cut;
                }
                let mut p = i + 1;
                if matches!(n.as_ref(), "also" | "while" | "before" | "after" | "then")
                    && p + 1 < unit.1
                {
                    p += 1;
                }
                let n_is_participle = self.low(p).ends_with("ing")
                    && !self.doc.tokens[p].in_quote
                    && self.doc.tokens[p].kind == TokKind::Word
                    && !self.doc.tokens[p].is_capitalized(self.doc.text)
                    && self.low(p).len() > 5;
                if matches!(n.as_ref(), "while" | "whereas") && !self.low(p).ends_with("ing") {
                    return cut;
                }
                let and_cue = n == "and" && i + 2 < unit.1 && self.is_cue(i + 2, unit);
                if n_is_participle || and_cue {
                    return cut;
                }
            }
            // ", but she noted …", ", and Republicans want …", ", he's sought …": a new clause
            // with its own subject ends the content; so does an aside after a dash
            if !t.in_quote && i > k && matches!(self.tok(i), "\u{2015}" | "\u{2014}" | ";") {
                return i;
            }
            if (!t.in_quote && self.tok(i) == "," || quote_comma) && i > k && i + 2 < unit.1 {
                let mut j = i + 1;
                let conj = matches!(
                    self.low(j).as_ref(),
                    "but" | "and" | "yet" | "so" | "though" | "although"
                );
                if conj {
                    j += 1;
                }
                let nj = &self.doc.tokens[j];
                let lw = self.low(j);
                // "that during his visit to Kyiv, he held …": a fronted adverbial's comma does
                // not end the content
                let mut f = k;
                if self.low(f) == "that" && f + 1 < unit.1 {
                    f += 1;
                }
                let fronted = matches!(
                    self.low(f).as_ref(),
                    "during"
                        | "when"
                        | "after"
                        | "before"
                        | "if"
                        | "as"
                        | "while"
                        | "because"
                        | "since"
                        | "in"
                        | "on"
                        | "at"
                        | "for"
                        | "with"
                        | "without"
                        | "although"
                        | "though"
                        | "once"
                        | "unless"
                        | "until"
                        | "despite"
                        | "given"
                        | "amid"
                        | "by"
                        | "under"
                        | "over"
                        | "from"
                        | "to"
                );
                let subject = (conj || !fronted)
                    && matches!(
                        lw.as_ref(),
                        "he" | "she"
                            | "they"
                            | "we"
                            | "i"
                            | "it"
                            | "he's"
                            | "she's"
                            | "it's"
                            | "they're"
                            | "we're"
                            | "there"
                    )
                    || (conj
                        && matches!(
                            lw.as_ref(),
                            "the" | "a" | "an" | "this" | "his" | "her" | "their" | "its"
                        ))
                    || (conj && nj.is_capitalized(self.doc.text) && !nj.in_quote);
                if subject {
                    return cut;
                }
            }
            if !t.in_quote
                && i > k
                && matches!(self.low(i).as_ref(), "and" | "but")
                && i + 1 < unit.1
                && self.is_cue(i + 1, unit)
                && !self.low(i + 1).ends_with("ing")
            {
                return i;
            }
            i += 1;
        }
        unit.1
    }

    /// The end of the content after cue `head` that starts at `k`: the rules' end
    /// ([`Self::content_end`]), or the end model's choice among all ends in the unit.
    fn chosen_end(&self, head: usize, k: usize, unit: (usize, usize)) -> usize {
        let rule = self.content_end(k, unit);
        if k >= unit.1 {
            return rule;
        }
        // the reporter's asides are never the speaker's words, whatever annotators did:
        // `…, which …`, `…; …`, `…,” meaning …`
        let hard = (k + 1..unit.1)
            .find(|&j| {
                let t = &self.doc.tokens[j];
                !t.in_quote
                    && (self.tok(j) == ";"
                        || j + 1 < unit.1
                            && t.kind == TokKind::Quote
                            && self.tok(j - 1) == ","
                            && self.low(j + 1).ends_with("ing"))
            })
            .unwrap_or(unit.1);
        let p = EndPoint {
            cue_tok: head,
            start: k,
            limit: crate::endmodel::trim_end(self.doc, k, hard.max(rule)),
            rule: crate::endmodel::trim_end(self.doc, k, rule),
        };
        if p.limit <= p.start || p.rule <= p.start {
            return rule;
        }
        self.trace.borrow_mut().1.push(p);
        match self.models {
            Some((_, m)) => m.choose(self.doc, self.lex, p),
            None => rule,
        }
    }

    /// Where the content after the cue headed at `head` starts, the rules having started
    /// it at `k`: the start model may skip the rest of a cue phrase ("declined to comment on").
    fn chosen_start(&self, head: usize, k: usize, unit: (usize, usize)) -> usize {
        if k + 1 >= unit.1 {
            return k;
        }
        let p = StartPoint::new(self.doc, head, k, unit.1);
        self.trace.borrow_mut().0.push(p);
        match self.models {
            Some((m, _)) => m.choose(self.doc, self.lex, p),
            None => k,
        }
    }

    /// Trim trailing sentence punctuation from a token range and return its span.
    fn content_span(&self, s: usize, mut e: usize) -> Option<Span> {
        while e > s && self.doc.tokens[e - 1].kind == TokKind::Punct {
            e -= 1;
        }
        // keep a closing quote mark if the content opened one
        (e > s).then(|| self.span(s, e))
    }
}

/// The first token after a dateline opening the unit's paragraph ("ORRIN, Halvaria, March 7
/// (Meridian Wire) — …", "WASHINGTON (AP) — …"): a place in capitals, then a dash within a
/// few words.
fn dateline_end(cx: &Ctx, unit: (usize, usize)) -> Option<usize> {
    let doc = cx.doc;
    let first = &doc.tokens[unit.0];
    let para_start = doc.paragraphs[first.para as usize].start;
    let word = cx.tok(unit.0);
    let capitals = word.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    if first.span.start != para_start || !capitals {
        return None;
    }
    (unit.0 + 1..(unit.0 + 16).min(unit.1))
        .find(|&i| matches!(cx.tok(i), "\u{2014}" | "\u{2015}" | "\u{2013}" | "_" | "--"))
        .map(|i| i + 1)
}

/// Sentences merged where a quotation runs across their boundary.
fn units(doc: &Doc, cues: &[bool]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &(s, e) in &doc.sentences {
        if let Some(last) = out.last_mut() {
            // `“…?” Clinton said.`: a short sentence with a cue right after a quotation that
            // ended in ? or ! belongs to it
            let after_quote = doc.tokens[last.1 - 1].kind == TokKind::Quote
                && doc.tokens[s].para == doc.tokens[last.1 - 1].para
                && last.1 >= 2
                && matches!(doc.tok(last.1 - 2), "?" | "!" | "." | "...");
            let short_report = e - s <= 10
                && doc.tokens[s].kind == TokKind::Word
                && (s..e).any(|i| cues[i])
                && !(s..e).any(|i| doc.tokens[i].kind == TokKind::Quote);
            if after_quote && short_report {
                last.1 = e;
                continue;
            }
            let boundary = doc.tokens[s].span.start;
            let spans_quote = doc
                .quote_at(doc.tokens[last.1 - 1].span.start)
                .is_some_and(|qi| {
                    doc.quotes[qi].span.end > boundary && doc.quotes[qi].span.start < boundary
                });
            if spans_quote && !transcript_turn(doc, s) {
                last.1 = e;
                continue;
            }
        }
        out.push((s, e));
    }
    out
}

/// A paragraph of a transcript quoted whole (`"WALLACE: …`, `"(CROSSTALK.)`): its opening
/// mark continues one long quotation, but each turn is a unit of its own.
fn transcript_turn(doc: &Doc, s: usize) -> bool {
    let t = &doc.tokens[s];
    if t.kind != TokKind::Quote
        || t.span.start != doc.paragraphs[t.para as usize].start
        || s + 2 >= doc.tokens.len()
    {
        return false;
    }
    if doc.tok(s + 1) == "(" {
        return true;
    }
    let caps = |i: usize| {
        let w = doc.tok(i);
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
    };
    (s + 2..(s + 5).min(doc.tokens.len()))
        .any(|m| doc.tok(m) == ":" && (s + 1..m).all(|i| caps(i) || doc.tok(i) == "."))
}

/// Find every attribution in the document.
pub fn find(
    doc: &Doc,
    lex: &Lexicon,
    model: &CueModel,
    starts: &StartModel,
    ends: &EndModel,
) -> Vec<Found> {
    settle(
        doc,
        run(doc, lex, model.flags(doc, lex), Some((starts, ends))).0,
    )
}

/// Find every attribution whose cue head is flagged in `cues` (one flag per token), with
/// the built-in lexicon and end model.
pub fn find_with(doc: &Doc, cues: Vec<bool>) -> Vec<Found> {
    let models = (StartModel::builtin(), EndModel::builtin());
    settle(doc, run(doc, Lexicon::builtin(), cues, Some(models)).0)
}

/// The statements of a document from what the rules found: no report inside another's
/// content, no content twice.
fn settle(doc: &Doc, mut found: Vec<Found>) -> Vec<Found> {
    drop_nested(doc, &mut found);
    drop_repeated(&mut found);
    found
}

/// Keep the attributions flagged in `keep` (one flag each, in order).
fn retain_flagged(found: &mut Vec<Found>, keep: &[bool]) {
    let mut flags = keep.iter();
    found.retain(|_| *flags.next().unwrap_or(&true));
}

/// Two cues of one content (`shot back, saying he had …`, `responded, calling the charge
/// …`): one statement, kept once, with the later cue, the verb of saying that introduces
/// the words (PolNeAR marks that one: on train the earlier was wrong 70 times in 70).
fn drop_repeated(found: &mut Vec<Found>) {
    let keep: Vec<bool> = found
        .iter()
        .map(|f| {
            !found
                .iter()
                .any(|g| g.content == f.content && g.cue_tok > f.cue_tok)
        })
        .collect();
    retain_flagged(found, &keep);
}

/// A report found inside another report's content (`Kaya said Lopes told her the dam was
/// safe`) is part of what the outer speaker said, not a statement of its own: the record
/// keeps a statement as made, by the one who made it, and a claim about what someone else
/// said stays inside it. PolNeAR annotates the same way: no cue of its 19,832 training
/// attributions lies inside another's content, and two in three of the nested reports the
/// rules found there were wrong. Decided from the outside in, so a report inside one that
/// was itself dropped stays.
fn drop_nested(doc: &Doc, found: &mut Vec<Found>) {
    // each report's cue spans with its head word's
    let cues: Vec<Vec<Span>> = found
        .iter()
        .map(|f| {
            let mut c = f.cue.clone();
            c.push(doc.tokens[f.cue_tok].span);
            c
        })
        .collect();
    let inside = |spans: &[Span], content: &[Span]| {
        spans.iter().any(|s| content.iter().any(|c| s.overlaps(c)))
    };
    let n = found.len();
    // holders[i]: the reports whose content holds report i's cue (and not the other way
    // round too: of two reports in each other's content, neither is inside the other)
    let holders: Vec<Vec<usize>> = (0..n)
        .map(|i| {
            (0..n)
                .filter(|&j| {
                    j != i
                        && inside(&cues[i], &found[j].content)
                        && !inside(&cues[j], &found[i].content)
                })
                .collect()
        })
        .collect();
    // None while undecided; a report is decided once all its holders are
    let mut keep: Vec<Option<bool>> = holders
        .iter()
        .map(|h| h.is_empty().then_some(true))
        .collect();
    loop {
        let mut changed = false;
        for i in 0..n {
            if keep[i].is_none() && holders[i].iter().all(|&j| keep[j].is_some()) {
                keep[i] = Some(!holders[i].iter().any(|&j| keep[j] == Some(true)));
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // (a cycle of holders, left undecided, keeps its reports)
    let keep: Vec<bool> = keep.iter().map(|k| *k != Some(false)).collect();
    retain_flagged(found, &keep);
}

/// The content ends the rules decide for the cues flagged in `cues`: the examples the end
/// model learns from.
pub fn end_points(doc: &Doc, lex: &Lexicon, cues: Vec<bool>) -> Vec<EndPoint> {
    run(doc, lex, cues, None).1 .1
}

/// The content starts the rules decide for the cues flagged in `cues`: the examples the
/// start model learns from.
pub fn start_points(doc: &Doc, lex: &Lexicon, cues: Vec<bool>) -> Vec<StartPoint> {
    run(doc, lex, cues, None).1 .0
}

fn run(
    doc: &Doc,
    lex: &Lexicon,
    cues: Vec<bool>,
    models: Option<(&StartModel, &EndModel)>,
) -> (Vec<Found>, (Vec<StartPoint>, Vec<EndPoint>)) {
    let cx = Ctx {
        doc,
        cues,
        lex,
        models,
        trace: Default::default(),
    };
    let mut out: Vec<Found> = Vec::new();
    let units = units(doc, &cx.cues);
    for (ui, &unit) in units.iter().enumerate() {
        let first_in_unit = out.len();
        let last_tok = cx.tok(unit.1 - 1);
        let title_like = doc.tokens[unit.0].para == 0
            || !matches!(last_tok, "." | "!" | "?" | "...") && !cx.is_quote_mark(unit.1 - 1);
        if title_like {
            if let Some(f) = headline(&cx, unit) {
                out.push(f);
                continue;
            }
        }
        if let Some(f) = name_dash_quote(&cx, unit) {
            out.push(f);
            continue;
        }
        let mut i = unit.0;
        while i < unit.1 {
            if !cx.is_cue(i, unit) {
                // (no cue of the model's, but a poll's finding)
                if let Some(f) = in_survey(&cx, unit, i) {
                    out.push(f);
                }
                i += 1;
                continue;
            }
            let head = i;
            let cs = cx.cue_start(head, unit);
            let ce = cx.cue_end(head, unit);
            i = ce;
            if let Some(f) = attribute(&cx, unit, head, cs, ce, first_in_unit, &out) {
                out.push(f);
            }
        }
        // `"…," said Roe, a clerk. She has lived here for years. "…"`: a bare quotation later
        // in the paragraph, past sentences without quotes of their own, still continues the
        // last direct quotation
        if out.len() == first_in_unit && cx.is_quote_mark(unit.0) {
            if let Some(qi) = doc.quote_at(doc.tokens[unit.0].span.start) {
                let q = doc.quotes[qi];
                let para = doc.tokens[unit.0].para;
                let bare = q.span.start == doc.tokens[unit.0].span.start
                    && q.closed
                    && !(unit.0..unit.1).any(|j| {
                        doc.tokens[j].span.start >= q.span.end
                            && doc.tokens[j].kind != TokKind::Punct
                            && doc.tokens[j].kind != TokKind::Quote
                    });
                let taken = out
                    .iter()
                    .any(|f| f.content.iter().any(|c| c.contains(q.span.start)));
                let last = out.iter_mut().rev().find(|f| !f.content.is_empty());
                if let Some(f) = last.filter(|_| bare && !taken) {
                    let end = f.content.last().unwrap().end;
                    let between = Span::new(end.min(q.span.start), q.span.start);
                    if f.kind == AttributionKind::Direct
                        && doc.tokens[f.cue_tok].para == para
                        && f.source.is_some()
                        && !between
                            .text(doc.text)
                            .contains(crate::text::is_double_quote)
                    {
                        f.content.push(q.span);
                    }
                }
            }
        }
        // a leading participle ("Citing …, Kalin said") takes the next source in its unit
        for k in first_in_unit..out.len() {
            // (a question put to the subject, "Asked whether …, Kalin said", is not theirs)
            if out[k].source.is_none()
                && out[k].shares_source_of.is_none()
                && cx.low(out[k].cue_tok) != "asked"
            {
                if let Some(n) = (k + 1..out.len()).find(|&n| out[n].source.is_some()) {
                    if out[k].cue_tok < out[n].cue_tok
                        && doc.tokens[out[k].cue_tok].span.start == doc.tokens[unit.0].span.start
                    {
                        out[k].shares_source_of = Some(out[n].cue_tok);
                    }
                }
            }
        }
        // `"…," he said. "…"`: the next unit, a bare quotation, continues this one
        // (`"…," he said, referring to the plan. "…"`: past participles sharing its source)
        let mut li = out.len();
        while li > first_in_unit + 1 && out[li - 1].shares_source_of.is_some() {
            li -= 1;
        }
        // (`"…," said Morgan, who has been challenging X. "…"`: a clause inside the source's
        // appositive, its content unquoted, does not stand between the two quotations)
        while li > first_in_unit + 1
            && out[li - 1].kind == AttributionKind::Indirect
            && out[li - 2]
                .source
                .is_some_and(|(_, se)| se <= out[li - 1].cue_tok && out[li - 2].cue_tok < se)
        {
            li -= 1;
        }
        let last = (li > first_in_unit).then(|| &out[li - 1]);
        if let (Some(last), Some(&next)) = (last, units.get(ui + 1)) {
            let same_para = doc.tokens[next.0].para == doc.tokens[unit.1 - 1].para;
            let direct_before = last.kind == AttributionKind::Direct
                && last.content.len() == 1
                && last.content[0].start < doc.tokens[last.cue_tok].span.start;
            if direct_before
                && cx.is_quote_mark(next.0)
                && !(next.0..next.1).any(|j| cx.is_cue(j, next))
            {
                if let Some(qi) = doc.quote_at(doc.tokens[next.0].span.start) {
                    let q = doc.quotes[qi];
                    // (a quotation standing as the whole next paragraph also continues it)
                    let para = doc.paragraphs[doc.tokens[next.0].para as usize];
                    let whole_para = doc.tokens[next.0].span.start == para.start
                        && q.span.end <= para.end
                        && doc.text[q.span.end..para.end].trim().is_empty()
                        && doc.tokens[next.0].para == doc.tokens[unit.1 - 1].para + 1
                        && doc.text[doc.tokens[unit.1 - 1].span.end..].starts_with(['\n', '\r']);
                    // (the quotation is the whole unit: `“…” workers.` goes on past it)
                    let bare = !(next.0..next.1).any(|j| {
                        doc.tokens[j].span.start >= q.span.end
                            && doc.tokens[j].kind != TokKind::Punct
                            && doc.tokens[j].kind != TokKind::Quote
                    });
                    if (same_para || whole_para) && bare {
                        out[li - 1].content.push(q.span);
                    } else if same_para {
                        if let Some(sp) = cx.content_span(next.0, next.1) {
                            out[li - 1].content.push(sp);
                        }
                    }
                }
            }
        }
    }
    // a shared source is the same mention: copy it (twice, for chains in either direction)
    for _ in 0..2 {
        for k in 0..out.len() {
            if let (None, Some(cue)) = (out[k].source, out[k].shares_source_of) {
                out[k].source = out.iter().find(|f| f.cue_tok == cue).and_then(|f| f.source);
            }
        }
    }
    out.retain(|f| f.source.is_some() || f.shares_source_of.is_none());
    for f in &mut out {
        f.content = split_at_paragraphs(doc, &f.content);
    }
    out.sort_by_key(|f| f.content.first().map(|s| s.start));
    (out, cx.trace.into_inner())
}

/// Content spans cut at paragraph breaks, without the white space between (a quotation
/// running over paragraphs is one span a paragraph, as annotators mark it).
fn split_at_paragraphs(doc: &Doc, spans: &[Span]) -> Vec<Span> {
    let mut out = Vec::with_capacity(spans.len());
    for s in spans {
        if !doc.text[s.start..s.end].contains('\n') {
            out.push(*s);
            continue;
        }
        for p in &doc.paragraphs {
            let (a, b) = (p.start.max(s.start), p.end.min(s.end));
            if a < b {
                let t = &doc.text[a..b];
                let lead = t.len() - t.trim_start().len();
                let trail = t.len() - t.trim_end().len();
                if a + lead < b - trail {
                    out.push(Span::new(a + lead, b - trail));
                }
            }
        }
    }
    out
}

fn attribute(
    cx: &Ctx,
    unit: (usize, usize),
    head: usize,
    cs: usize,
    ce: usize,
    first_in_unit: usize,
    out: &[Found],
) -> Option<Found> {
    let doc = cx.doc;
    let cue = vec![cx.span(cs, ce)];
    let hw = cx.low(head);
    let cue_tok = head;
    if hw == "asked" {
        if let Some(f) = asked(cx, unit, cs, ce) {
            return Some(f);
        }
    }
    // passives: "was first reported by The Washington Post" names its source after "by";
    // without an agent ("is expected to") they report nobody's words
    let passive = (cs..head).any(|j| {
        matches!(
            cx.low(j).as_ref(),
            "is" | "was" | "were" | "are" | "be" | "been" | "being"
        )
    });
    // (`the truce, rejected by Kyiv as a ruse`: a participle with its agent, no auxiliary;
    // not `responded by saying`)
    let by_agent =
        ce + 1 < unit.1 && cx.low(ce) == "by" && !cx.low(ce + 1).ends_with("ing") && !passive;
    if hw.ends_with("ed") && hw != "said" && (passive || by_agent) {
        // `Roe is expected to win`, `Kaya was asked to stay`: nobody's words, but PolNeAR
        // marks them (72 of 83 "expected to" in train), the subject and the infinitive the
        // content
        if matches!(hw.as_ref(), "expected" | "asked") && ce + 1 < unit.1 && cx.low(ce) == "to" {
            let subject = cx.source_left(cs, unit.0)?;
            let first = cx.content_span(subject.0, subject.1)?;
            let e = cx.content_end(ce, unit);
            let rest = cx.content_span(ce, e)?;
            return Some(Found {
                kind: AttributionKind::Indirect,
                content: vec![first, rest],
                cue,
                source: None,
                audience: None,
                cue_tok,
                shares_source_of: None,
            });
        }
        if ce + 1 < unit.1 && cx.low(ce) == "by" {
            // the agent: a name or noun phrase, else whatever runs to the next comma
            let src = cx.source_right(ce + 1, unit.1).or_else(|| {
                let e = (ce + 1..unit.1)
                    .find(|&j| matches!(cx.tok(j), "," | "." | ";" | ":") || cx.is_quote_mark(j))
                    .unwrap_or(unit.1);
                (e > ce + 1 && e - ce <= 12).then_some((ce + 1, e))
            })?;
            let mut subject = cx.source_left(cs, unit.0)?;
            if by_agent {
                // only `with the truce rejected by …` (the preposition is not what was
                // rejected) and `the truce, rejected by …`; `sanctions imposed by …` inside
                // a clause is no report
                let absolute = subject.1 > subject.0 + 1
                    && matches!(
                        cx.low(subject.0).as_ref(),
                        "with" | "after" | "despite" | "amid" | "before"
                    );
                let appositive = cs > unit.0 && cx.tok(cs - 1) == ",";
                if !(absolute || appositive) || subject.1 - subject.0 > 8 {
                    return None;
                }
                if absolute {
                    subject.0 += 1;
                }
            }
            let content = cx.content_span(subject.0, subject.1)?;
            let cue = vec![cx.span(cs, ce + 1)];
            return Some(Found {
                kind: AttributionKind::Indirect,
                content: vec![content],
                cue,
                source: Some(src),
                audience: None,
                cue_tok,
                shares_source_of: None,
            });
        }
        return None;
    }

    // "according to SOURCE"
    if hw == "according" {
        let src = cx.source_right(ce, unit.1).or_else(|| {
            // "according to data from the U.N. refugee agency": take up to the comma
            let mut e = ce;
            while e < unit.1 && !matches!(cx.tok(e), "," | "." | ";") {
                e += 1;
            }
            (e > ce).then_some((ce, e))
        })?;
        let content = if cs == unit.0 {
            // According to X, CONTENT.
            let mut k = src.1;
            while k < unit.1 && cx.tok(k) != "," {
                k += 1;
            }
            cx.content_span(k + 1, unit.1)?
        } else {
            let mut e = cs;
            if e > unit.0 && cx.tok(e - 1) == "," {
                e -= 1;
            }
            cx.content_span(cx.skip_opener(unit.0, e), e)?
        };
        return Some(Found {
            kind: AttributionKind::According,
            content: vec![content],
            cue,
            source: Some(src),
            audience: None,
            cue_tok,
            shares_source_of: None,
        });
    }

    let participle = hw.ends_with("ing");
    // "…, while adding", "…, also underlining": look past a linking adverb
    let mut pi = cs;
    if pi > unit.0
        && matches!(
            cx.low(pi - 1).as_ref(),
            "while" | "also" | "before" | "after" | "then" | "again" | "further"
        )
        && pi - 1 > unit.0
        && cx.tok(pi - 2) == ","
    {
        pi -= 1;
    }
    // (`… “New York values,” saying …`: the comma inside the closing quotation mark counts)
    let prev = (pi > unit.0).then(|| {
        if pi > unit.0 + 1 && cx.is_quote_mark(pi - 1) && cx.tok(pi - 2) == "," {
            ",".into()
        } else {
            cx.low(pi - 1)
        }
    });
    // the attribution whose clause this one continues: the latest in the unit that is not
    // nested inside another's content
    let main_clause = || {
        out[first_in_unit..]
            .iter()
            .rev()
            .find(|f| {
                let at = doc.tokens[f.cue_tok].span.start;
                !out[first_in_unit..]
                    .iter()
                    .any(|g| g.content.iter().any(|c| c.contains(at)))
            })
            .map(|f| f.cue_tok)
    };
    // ", adding …" / "and added …": shares the source of the previous attribution in the unit
    let shares = match prev.as_deref() {
        Some(",") if participle => main_clause(),
        Some("while") | Some("also") if participle => main_clause(),
        // "… praised X and thanked Y": the nearest verb before shares its subject
        Some("and") | Some("but") => out[first_in_unit..].last().map(|f| f.cue_tok),
        _ => None,
    };
    let mut source = if shares.is_some() {
        None
    } else {
        cx.source_left(cs, unit.0)
    };
    if participle
        && source.is_some()
        && matches!(prev.as_deref(), Some(",") | Some("while") | Some("also"))
    {
        source = None;
    }
    // `Kaya has had harsh words for the envoy, telling reporters that …`, `The ministry
    // met the envoys and urged …`: no reporting verb before, so the subject of the clause
    let coordinated = matches!(prev.as_deref(), Some("and") | Some("but"));
    let linked = participle && matches!(prev.as_deref(), Some(",") | Some("while") | Some("also"));
    // `… pitched himself to voters by telling them that …`: the means, the same subject
    let by_means = participle && matches!(prev.as_deref(), Some("by"));
    if shares.is_none() && source.is_none() && (linked || coordinated || by_means) {
        source = cx.unit_subject(unit, cs);
    }
    let mut audience = None;
    let mut k = ce;
    if matches!(
        hw.as_ref(),
        "told"
            | "tells"
            | "telling"
            | "tell"
            | "assured"
            | "informed"
            | "briefed"
            | "reminded"
            | "warned"
            | "urged"
            | "asked"
    ) {
        if let Some(a) = cx.audience(k, unit.1) {
            if hw.as_ref() != "warned" && hw.as_ref() != "urged" && hw.as_ref() != "asked"
                || doc.tokens[a.0].is_capitalized(doc.text)
            {
                audience = Some(cx.span(a.0, a.1));
                k = a.1;
            }
        }
    }
    k = cx.skip_adjuncts(k, unit.1);
    // `Said Kaya: "…"`: a fronted cue with its source after it
    if cs == unit.0 && source.is_none() && shares.is_none() && !participle {
        if let Some(src) = cx.source_right(k, unit.1) {
            if src.1 + 1 < unit.1 && matches!(cx.tok(src.1), ":" | ",") {
                source = Some(src);
                k = src.1;
            }
        }
    }
    let after_tok = (k < unit.1).then(|| cx.tok(k).to_string());
    let mut content: Vec<Span> = Vec::new();

    // content before the source (or before the cue when the source is inverted or absent)
    let before_end = match source {
        Some((s0, _)) => s0,
        None => cs,
    };
    let before = if before_end > unit.0 && shares.is_none() {
        let mut b = before_end - 1;
        // `…, as a ministry memo put it.`: the words end at the comma before "as"
        if b > unit.0 + 1 && cx.low(b) == "as" && cx.tok(b - 1) == "," {
            b -= 1;
        }
        let t = cx.tok(b);
        if t == "," || cx.is_quote_mark(b) {
            let e = if t == "," { b } else { b + 1 };
            // the region must not be the content of an earlier attribution in this unit
            let start = out[first_in_unit..]
                .last()
                .map(|f| doc.token_at(f.content.last().unwrap().end).max(unit.0))
                .unwrap_or(unit.0);
            let start = if start > unit.0 && start < e {
                start
            } else {
                dateline_end(cx, unit).filter(|&d| d < e).unwrap_or(unit.0)
            };
            // a conjunction or discourse adverb opening the sentence is the reporter's link,
            // not the content (PolNeAR train: "But" left out 54 times to 22, "However," always)
            let mut start = cx.skip_opener(start, e);
            // `…: “…,” she said` / `… stayed. “…,” she said`: a quotation ending the region
            // is the content by itself when a colon or a sentence end comes before it
            if cx.is_quote_mark(e - 1) {
                if let Some(q) = doc.quote_at(doc.tokens[e - 1].span.start) {
                    let qs = doc.token_at(doc.quotes[q].span.start);
                    if qs > start
                        && qs < e - 1
                        && (doc.tokens[qs - 1].para != doc.tokens[qs].para
                            || matches!(cx.tok(qs - 1), ":" | "." | "?" | "!" | ";")
                            || cx.is_quote_mark(qs - 1))
                    {
                        start = qs;
                    }
                }
            }
            let r = cx.content_span(start, e);
            // a leading participle or conjunction clause is not content
            r.filter(|_| {
                e > start + 1 && !(cx.is_cue(start, unit) && cx.low(start).ends_with("ing"))
            })
        } else {
            None
        }
    } else {
        None
    };

    // `"…," Cruz said in July.` / `"…," said Murphy, now a consultant.`: a quotation before
    // the cue is the content; what follows the cue is an adjunct, unless it opens another
    // quotation (`"…," he said, "…"`).
    let before_direct = before.is_some_and(|b| {
        let last = doc.token_at(b.end).saturating_sub(1);
        let first = doc.token_at(b.start);
        // `On this week's "Meet the Press," Kaya said the …`: a setting naming a programme
        // in quotation marks, the words after the cue
        let setting = !cx.is_quote_mark(first)
            && matches!(
                cx.low(first).as_ref(),
                "on" | "in" | "at" | "during" | "after" | "before" | "from"
            )
            && after_tok
                .as_deref()
                .is_some_and(|t| t.chars().next().is_some_and(char::is_alphanumeric));
        cx.is_quote_mark(last)
            && doc.tokens[last].span.end == b.end
            && !matches!(after_tok.as_deref(), Some(":"))
            && !setting
    });
    if before_direct {
        if source.is_none() && shares.is_none() {
            source = cx.source_right(k, unit.1);
            if let Some((s0, se)) = source {
                if let Some(ae) = cx.appositive_right(se, unit) {
                    source = Some((s0, ae));
                }
            }
        }
        let mut content = vec![before.unwrap()];
        let p = source
            .filter(|(s0, _)| *s0 >= ce)
            .map(|(_, e)| e)
            .unwrap_or(k);
        let q = cx.skip_adjuncts(p, unit.1);
        // (`…," he said, adding later, "…"`: the participle takes the quotation)
        let own_cue = (p..q).any(|j| cx.is_cue(j, unit));
        if let Some(j) = cx.resumed_quote(q, unit).filter(|_| !own_cue) {
            if let Some(q) = doc
                .quote_at(doc.tokens[j].span.start)
                .map(|qi| doc.quotes[qi])
            {
                content.push(q.span);
            }
        }
        source?;
        return Some(Found {
            kind: AttributionKind::Direct,
            content,
            cue,
            source,
            audience,
            cue_tok,
            shares_source_of: None,
        });
    }

    // `Ann Roe, a voter who …, said she …`, `Another pollster, Ed Loy of Tulsa, praised …`:
    // a cue right after a comma inverts its clause only when it is a verb of saying with its
    // subject after it (`…, said Roe.`); otherwise the words before hold the subject, and
    // its appositives stand with it
    let mut before = before;
    if source.is_none()
        && shares.is_none()
        && !linked
        && before.is_some()
        && after_tok
            .as_deref()
            .is_some_and(|t| !matches!(t, "." | "!" | "?"))
    {
        // (an adverb cue, "…, reportedly", has no subject of its own)
        let inverts = hw.ends_with("ly")
            || INVERTING.contains(&hw.as_ref())
                && !cx
                    .source_right(k, unit.1)
                    .is_some_and(|(_, se)| se < unit.1 && cx.verb_at(se, unit.1));
        if !inverts {
            if let Some(subj) = cx.unit_subject(unit, cs) {
                let end = if cx.tok(cs - 1) == "," { cs - 1 } else { cs };
                source = Some(if cx.tok(subj.1) == "," && subj.1 < end {
                    (subj.0, end)
                } else {
                    subj
                });
                before = None;
            }
        }
    }

    match after_tok.as_deref() {
        None | Some(".") | Some("!") | Some("?") => {
            // `CONTENT, SOURCE said.` / `CONTENT, said SOURCE.`
            if source.is_none() {
                source = cx.source_right(k, unit.1).filter(|_| before.is_some());
            }
            content.push(before?);
        }
        // `CONTENT, Roe said in his 2012 book.`, `…, Blunt said of Cruz.`: only adjuncts after
        // the cue, so the words are the clause before the source
        // (a clause of its own, not a fronted adverbial: "In 2008, Roe spoke out …")
        Some(_)
            if before.is_some_and(|b| {
                let (b0, b1) = (doc.token_at(b.start), doc.token_at(b.end));
                b1 > b0 + 3
                    && !SUBORDINATORS.contains(&cx.low(b0).as_ref())
                    && (b0 + 1..b1).any(|j| cx.verb_at(j, b1))
            }) && source.is_some_and(|(s0, _)| s0 < cs)
                && shares.is_none()
                && cx.adjuncts_only(k, unit.1) =>
        {
            content.push(before.unwrap());
        }
        // (a participle after a comma continues its clause: `…, saying he …` is not inverted)
        Some(_) if source.is_none() && shares.is_none() && before.is_some() && !linked => {
            // inverted: `"…," said Kalın, "…"`
            let src = cx.source_right(k, unit.1);
            source = src;
            content.push(before.unwrap());
            if let Some((s0, se)) = src {
                if let Some(ae) = cx.appositive_right(se, unit) {
                    source = Some((s0, ae));
                } else if se < unit.1 && cx.tok(se) == "," && se + 1 < unit.1 {
                    let e = cx.content_end(se + 1, unit);
                    if let Some(s) = cx.content_span(se + 1, e) {
                        content.push(s);
                    }
                }
            }
        }
        Some(_) => {
            let mut k = k;
            // "tweeted in the early morning hours that …": the content starts at "that"
            if matches!(
                cx.low(k).as_ref(),
                "in" | "at"
                    | "on"
                    | "during"
                    | "after"
                    | "before"
                    | "from"
                    | "with"
                    | "via"
                    | "to"
                    | "earlier"
                    | "later"
            ) {
                // (through the commas of a place: "at a stop in Toledo, Ohio, that …")
                if let Some(th) = (k + 1..(k + 13).min(unit.1))
                    .take_while(|&j| {
                        doc.tokens[j].kind == TokKind::Word
                            || doc.tokens[j].kind == TokKind::Number
                            || cx.tok(j) == "," && j + 1 < unit.1 && {
                                let n = &doc.tokens[j + 1];
                                n.is_capitalized(doc.text) || cx.low(j + 1) == "that"
                            }
                    })
                    .find(|&j| cx.low(j) == "that")
                {
                    k = th;
                }
            }
            let t = cx.tok(k).to_string();
            let t = t.as_str();
            let split = t == ",";
            if t == ":" || t == "," {
                k += 1;
            }
            // `Asked about X, she said, "…"`: a quotation after the cue is the content by
            // itself; words before the source that are not a quotation are the reporter's
            let quote_after = k < unit.1
                && cx.is_quote_mark(k)
                && doc
                    .quote_at(doc.tokens[k].span.start)
                    .is_some_and(|q| doc.quotes[q].span.start == doc.tokens[k].span.start);
            if split {
                if let Some(b) = before {
                    let last = doc.token_at(b.end).saturating_sub(1);
                    if !quote_after || cx.is_quote_mark(last) {
                        content.push(b);
                    }
                }
            }
            // `He said:` closing its paragraph: the words are the next paragraph
            if t == ":" && k == unit.1 {
                content.extend(next_paragraph_content(cx, k));
                if content.is_empty() || source.is_none() && shares.is_none() {
                    return None;
                }
                let quoted = content[0]
                    .text(doc.text)
                    .starts_with(crate::text::is_double_quote);
                return Some(Found {
                    kind: if quoted {
                        AttributionKind::Direct
                    } else {
                        AttributionKind::Indirect
                    },
                    content,
                    cue,
                    source,
                    audience,
                    cue_tok,
                    shares_source_of: shares,
                });
            }
            // `"…" to drive up costs, she said, referencing the bank's …`: a participle
            // clause after the cue's comma is the reporter's gloss, not more of the words
            let gloss = split
                && !content.is_empty()
                && k < unit.1
                && doc.tokens[k].kind == TokKind::Word
                && !doc.tokens[k].is_capitalized(doc.text)
                && (cx.low(k).ends_with("ing")
                    || matches!(
                        cx.low(k).as_ref(),
                        "as" | "while"
                            | "when"
                            | "after"
                            | "before"
                            | "because"
                            | "since"
                            | "although"
                            | "though"
                            | "even"
                            | "who"
                            | "which"
                    ));
            let rule_start = k;
            let (k, mut e) = if gloss {
                (k, k)
            } else {
                let k = cx.chosen_start(head, k, unit);
                (k, cx.chosen_end(head, k, unit))
            };
            // "While Ankara has opposed X, it also …": the subordinate clause ends at its comma
            let subordinate = source.is_some_and(|(s0, _)| {
                s0 == unit.0 + 1
                    && matches!(
                        cx.low(unit.0).as_ref(),
                        "while"
                            | "although"
                            | "though"
                            | "as"
                            | "because"
                            | "since"
                            | "when"
                            | "after"
                            | "before"
                            | "if"
                            | "whereas"
                    )
            });
            if subordinate {
                if let Some(c) = (k..e).find(|&j| cx.tok(j) == "," && !doc.tokens[j].in_quote) {
                    e = c;
                }
            }
            if let Some(s) = cx.content_span(k, e) {
                content.push(s);
            }
            if content.is_empty() {
                return None;
            }
            // `He spoke against the backdrop of …`: words opening with a place or manner
            // preposition are a setting, not what was said (PolNeAR train: under 1 in 150)
            if let [only] = content.as_slice() {
                // (as the rules started it: "against the backdrop of | …")
                let f = doc.token_at(only.start);
                let f = if f == k { rule_start } else { f };
                if matches!(
                    cx.low(f).as_ref(),
                    "against" | "at" | "in" | "before" | "with" | "by" | "near" | "inside"
                ) && !only.text(doc.text).contains(crate::text::is_double_quote)
                {
                    return None;
                }
            }
            // a leading participle clause: "Citing X, Kalin said …" → content up to the comma
            if cs == unit.0 && participle {
                let mut e = k;
                while e < unit.1 && cx.tok(e) != "," {
                    e += 1;
                }
                content = vec![cx.content_span(k, e)?];
            }
        }
    }
    if source.is_none() && shares.is_none() && !(cs == unit.0 && participle) {
        return None;
    }
    let has_quote = content
        .iter()
        .any(|s| s.text(doc.text).contains(crate::text::is_double_quote));
    let starts_quote = content
        .first()
        .is_some_and(|s| s.text(doc.text).starts_with(crate::text::is_double_quote));
    let kind = if starts_quote {
        AttributionKind::Direct
    } else if has_quote {
        AttributionKind::Mixed
    } else {
        AttributionKind::Indirect
    };
    Some(Found {
        kind,
        content,
        cue,
        source,
        audience,
        cue_tok,
        shares_source_of: shares,
    })
}

/// A question put to someone: `Asked (by Roe) whether …, she said …`, `When asked about …,`,
/// `Kaya was asked, "…?"`. The content is the question; its source is the asker, named only
/// after "by" (the one asked is the subject of the clause, and answers in an attribution
/// of their own).
fn asked(cx: &Ctx, unit: (usize, usize), cs: usize, ce: usize) -> Option<Found> {
    let doc = cx.doc;
    let prev = (cs > unit.0).then(|| cx.low(cs - 1));
    let fronted = match prev.as_deref() {
        None => true,
        Some(p) => matches!(
            p,
            "when" | "after" | "if" | "once" | "while" | "before" | "until"
        ),
    };
    let passive =
        (cs..ce).any(|j| matches!(cx.low(j).as_ref(), "was" | "were" | "is" | "been" | "be"));
    if !fronted && !passive {
        return None;
    }
    let mut k = ce;
    let mut source = None;
    if k + 1 < unit.1 && cx.low(k) == "by" {
        let src = cx.source_right(k + 1, unit.1)?;
        source = Some(src);
        k = src.1;
    }
    let k = cx.skip_adjuncts(k, unit.1);
    let k = if k < unit.1 && matches!(cx.tok(k), "," | ":") {
        k + 1
    } else {
        k
    };
    if k >= unit.1 {
        return None;
    }
    let is_wh = |j: usize| {
        matches!(
            cx.low(j).as_ref(),
            "whether" | "if" | "what" | "who" | "whom" | "which" | "why" | "how" | "where"
        )
    };
    // past a short setting to the question: "when asked in May if …", "Asked during a
    // January debate why …"
    let k = if matches!(cx.low(k).as_ref(), "in" | "on" | "at" | "during") {
        (k + 1..(k + 8).min(unit.1))
            .take_while(|&j| doc.tokens[j].kind == TokKind::Word)
            .find(|&j| is_wh(j))
            .unwrap_or(k)
    } else {
        k
    };
    // a question: a wh-word, "whether", "if", "about", or a quotation
    let opens_quote = cx.is_quote_mark(k);
    let w = cx.low(k);
    let question = opens_quote
        || cx.low(ce - 1) == "about"
        || is_wh(k)
        || matches!(w.as_ref(), "when" | "about");
    if !question {
        return None;
    }
    let e = if opens_quote {
        let q = doc.quotes[doc.quote_at(doc.tokens[k].span.start)?];
        doc.token_at(q.span.end).max(k + 1)
    } else if fronted && !passive {
        // the question ends at the comma before the main clause, which must follow
        let c = (k..unit.1).find(|&j| cx.tok(j) == "," && !doc.tokens[j].in_quote)?;
        if c + 1 >= unit.1 {
            return None;
        }
        c
    } else {
        cx.content_end(k, unit)
    };
    let content = cx.content_span(k, e)?;
    Some(Found {
        kind: if opens_quote {
            AttributionKind::Direct
        } else {
            AttributionKind::Indirect
        },
        content: vec![content],
        cue: vec![cx.span(cs, ce)],
        source,
        audience: None,
        cue_tok: (cs..ce).rev().find(|&j| cx.low(j) == "asked").unwrap_or(cs),
        shares_source_of: None,
    })
}

/// The content announced by a colon at the end of a paragraph: the quotation opening the
/// next paragraph (one span per paragraph when it runs over several), else that paragraph.
fn next_paragraph_content(cx: &Ctx, k: usize) -> Vec<Span> {
    let doc = cx.doc;
    if k >= doc.tokens.len() {
        return Vec::new();
    }
    let para = doc.paragraphs[doc.tokens[k].para as usize];
    if cx.is_quote_mark(k) {
        if let Some(q) = doc
            .quote_at(doc.tokens[k].span.start)
            .map(|qi| doc.quotes[qi])
        {
            if q.closed {
                return split_at_paragraphs(doc, &[q.span]);
            }
        }
    }
    let t = &doc.text[para.start..para.end];
    let trail = t.len() - t.trim_end().len();
    vec![Span::new(para.start, para.end - trail)]
}

/// Nouns naming a survey whose findings a clause reports: `… led in the latest poll`.
const SURVEY_NOUNS: &[&str] = &["poll", "survey"];

/// `Roe held a 24-point lead in a CNN poll.`, `In the survey, 71 percent …`: a clause reported
/// from a poll, the cue "in", the poll its source.
fn in_survey(cx: &Ctx, unit: (usize, usize), i: usize) -> Option<Found> {
    let doc = cx.doc;
    // (called on every word without a cue: compare before lowering)
    if !cx.tok(i).eq_ignore_ascii_case("in") || doc.tokens[i].in_quote {
        return None;
    }
    // the poll: a short noun phrase ending in a survey noun ("the latest NBC News/Wall Street
    // Journal poll", "Monday's poll")
    let head = (i + 1..(i + 10).min(unit.1))
        .take_while(|&j| {
            let t = &doc.tokens[j];
            t.kind == TokKind::Word
                || t.kind == TokKind::Number
                || matches!(cx.tok(j), "/" | "-" | "." | "'" | "\u{2019}" | "&")
        })
        .find(|&j| SURVEY_NOUNS.contains(&cx.low(j).as_ref()))?;
    if (i + 1..head).any(|j| CLAUSE_WORDS.contains(&cx.low(j).as_ref()) || cx.cues[j]) {
        return None;
    }
    // one poll, named or dated ("a CNN poll", "Monday's poll", "the latest survey"), not
    // standing in the polls
    let named = (i + 1..head).any(|j| {
        let t = &doc.tokens[j];
        t.is_capitalized(doc.text)
            || t.kind == TokKind::Number
            || is_possessive(&cx.low(j))
            || matches!(cx.low(j).as_ref(), "latest" | "new" | "recent" | "same")
    });
    if !named {
        return None;
    }
    let source = (i + 1, head + 1);
    let fronted = i == cx.skip_opener(unit.0, unit.1);
    let content = if fronted {
        // `In the poll, CONTENT.` (past a participle on the poll: "released Tuesday")
        let c = (head + 1..(head + 8).min(unit.1)).find(|&j| cx.tok(j) == ",")?;
        cx.content_span(c + 1, unit.1)?
    } else {
        let start = dateline_end(cx, unit).filter(|&d| d < i).unwrap_or(unit.0);
        let start = cx.skip_opener(start, i);
        // the clause the poll closes: it must end at the poll, or at its sentence's end
        let after = head + 1;
        if after < unit.1 && !matches!(cx.tok(after), "." | "," | ";" | "!" | "?") {
            return None;
        }
        // (a clause of its own, not a subordinate one: "Though she leads in …")
        if i < start + 3
            || matches!(
                cx.low(start).as_ref(),
                "though" | "although" | "while" | "despite" | "depending" | "as" | "if" | "when"
            )
        {
            return None;
        }
        cx.content_span(start, i)?
    };
    Some(Found {
        kind: AttributionKind::According,
        content: vec![content],
        cue: vec![cx.span(i, i + 1)],
        source: Some(source),
        audience: None,
        cue_tok: i,
        shares_source_of: None,
    })
}

/// `Adriana Reyes ― “…”` and `Q: …` at the start of a paragraph: a name, a dash or colon,
/// then the words.
fn name_dash_quote(cx: &Ctx, unit: (usize, usize)) -> Option<Found> {
    let doc = cx.doc;
    // `“…” ― Pamela Padilla`: the quotation first, the name after the dash
    let mut ne = unit.1;
    while ne > unit.0 && doc.tokens[ne - 1].kind == TokKind::Punct && cx.tok(ne - 1) != "\u{2015}" {
        ne -= 1;
    }
    if let Some(dash) = (unit.0 + 1..ne)
        .rev()
        .take(6)
        .find(|&i| matches!(cx.tok(i), "\u{2015}" | "\u{2014}"))
    {
        let names =
            (dash + 1..ne).all(|i| doc.tokens[i].is_capitalized(doc.text) || cx.tok(i) == ".");
        if names && ne > dash + 1 && cx.is_quote_mark(dash - 1) {
            // a quotation of several sentences whose marks did not pair (`”…. …” ― Name`):
            // the words run from the paragraph's opening mark
            let para = doc.tokens[unit.0].para;
            let mut s0 = unit.0;
            while s0 > 0 && doc.tokens[s0 - 1].para == para {
                s0 -= 1;
            }
            let s0 = if s0 < unit.0 && cx.is_quote_mark(s0) {
                s0
            } else {
                unit.0
            };
            let content = cx.span(s0, dash);
            return Some(Found {
                kind: AttributionKind::Direct,
                content: vec![content],
                cue: vec![doc.tokens[dash].span],
                source: Some((dash + 1, ne)),
                audience: None,
                cue_tok: dash,
                shares_source_of: None,
            });
        }
    }
    let para_start = doc.paragraphs[doc.tokens[unit.0].para as usize].start;
    if doc.tokens[unit.0].span.start != para_start {
        return None;
    }
    // a transcript pasted inside quotation marks: `"KAYA: Well, …`
    let s0 = if cx.is_quote_mark(unit.0) && unit.0 + 2 < unit.1 {
        unit.0 + 1
    } else {
        unit.0
    };
    let mark =
        (s0..(s0 + 6).min(unit.1)).find(|&i| matches!(cx.tok(i), "\u{2015}" | "\u{2014}" | ":"))?;
    if mark == s0 || mark + 1 >= unit.1 {
        return None;
    }
    // `Said Lopes: "…"` is a fronted cue, not a name: `attribute` reads it
    if matches!(cx.low(s0).as_ref(), "said" | "says" | "added" | "asked") {
        return None;
    }
    // an editor's label (`Correction: …`, `Editor's note: …`) is no speaker
    if EDITORIAL_LABELS.contains(&cx.low(mark - 1).as_ref()) {
        return None;
    }
    let names_only = (s0..mark).all(|i| doc.tokens[i].is_capitalized(doc.text) || cx.tok(i) == ".");
    let dash = cx.tok(mark) != ":";
    // "DUNMERE — Halvaria will …": a dateline, not a speaker
    if dash && dateline_end(cx, unit) == Some(mark + 1) {
        return None;
    }
    // a speaker's turn in a transcript (`KAYA: …`, the name in capitals)
    let turn = !dash
        && (s0..mark).all(|i| {
            let w = cx.tok(i);
            w == "."
                || w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && !w.chars().any(char::is_lowercase)
        });
    if !names_only || !(dash || turn || cx.is_quote_mark(mark + 1) || mark - s0 == 1) {
        return None;
    }
    if !dash && !cx.is_quote_mark(mark + 1) && doc.tokens[unit.0].para == 0 {
        return None; // headlines are handled by `headline`
    }
    let mut content = vec![cx.content_span(mark + 1, unit.1)?];
    if turn && s0 > unit.0 {
        // a turn of a transcript quoted whole runs to the end of its paragraph and through
        // the paragraphs that continue it, up to the next turn
        let para_end = |p: u32| {
            let end = doc.paragraphs[p as usize].end;
            doc.tokens.partition_point(|t| t.span.start < end)
        };
        let mut p = doc.tokens[unit.0].para;
        content = vec![cx.content_span(mark + 1, para_end(p))?];
        while (p as usize) + 1 < doc.paragraphs.len() {
            p += 1;
            let first = doc.token_at(doc.paragraphs[p as usize].start);
            if first + 1 >= doc.tokens.len()
                || !cx.is_quote_mark(first)
                || doc.tokens[first].para != p
                || transcript_turn(doc, first)
                // (the reporter's sign-off: `"Follow Ann Roe on Twitter @roe"`)
                || first + 1 < doc.tokens.len() && cx.tok(first + 1) == "Follow"
            {
                break;
            }
            content.extend(cx.content_span(first, para_end(p)));
        }
    }
    Some(Found {
        kind: if cx.is_quote_mark(mark + 1) {
            AttributionKind::Direct
        } else {
            AttributionKind::Indirect
        },
        content,
        cue: vec![doc.tokens[mark].span],
        source: Some((s0, mark)),
        audience: None,
        cue_tok: mark,
        shares_source_of: None,
    })
}

/// Labels an editor puts before a colon at the start of a paragraph (`Correction: …`,
/// `Editor's note: …`, `Contributing: …`): the newsroom's notes, not a speaker's words.
const EDITORIAL_LABELS: &[&str] = &[
    "correction",
    "corrections",
    "clarification",
    "note",
    "update",
    "updated",
    "source",
    "sources",
    "contributing",
    "byline",
    "credit",
    "caption",
    "disclosure",
    "related",
    "twitter",
    "facebook",
];

/// `Claim: Speaker` (or `Speaker: claim`) in the headline.
fn headline(cx: &Ctx, unit: (usize, usize)) -> Option<Found> {
    // `Said Lopes: "…"` is a fronted cue, not a name: `attribute` reads it
    if matches!(cx.low(unit.0).as_ref(), "said" | "says" | "added" | "asked") {
        return None;
    }
    let colon = (unit.0..unit.1)
        .rev()
        .find(|&i| cx.tok(i) == ":" && !cx.doc.tokens[i].in_quote)?;
    let after = (colon + 1, unit.1);
    let mut ae = after.1;
    while ae > after.0 && cx.doc.tokens[ae - 1].kind == TokKind::Punct {
        ae -= 1;
    }
    let short_name = |s: usize, e: usize| {
        e > s
            && e - s <= 4
            && (s..e).all(|i| {
                cx.doc.tokens[i].is_capitalized(cx.doc.text)
                    || cx.doc.tokens[i].kind == TokKind::Punct && cx.tok(i) == "."
            })
    };
    // (`…: They Will Fall` in Title Case is words, not a name)
    let function_word = |i: usize| {
        PRONOUNS.contains(&cx.low(i).as_ref()) || matches!(cx.low(i).as_ref(), "the" | "a" | "an")
    };
    if short_name(after.0, ae) && colon > unit.0 + 2 && !function_word(after.0) {
        let content = cx.content_span(unit.0, colon)?;
        return Some(Found {
            kind: AttributionKind::Headline,
            content: vec![content],
            cue: vec![],
            source: Some((after.0, ae)),
            audience: None,
            cue_tok: colon,
            shares_source_of: None,
        });
    }
    // `Obama on Climate Change: …`, `Clinton to Planned Parenthood: …`, `Former AG Roe at
    // the convention: …`: a name, then what or whom the words are about or to
    let about = |s: usize, e: usize| {
        e > s + 2
            && e - s <= 8
            && cx.doc.tokens[s].is_capitalized(cx.doc.text)
            && (s + 1..e - 1).any(|i| matches!(cx.low(i).as_ref(), "on" | "to" | "at" | "about"))
            && (s..e).all(|i| cx.doc.tokens[i].kind == TokKind::Word || cx.tok(i) == ".")
    };
    // (a rubric is not a speaker: "The Latest: …", "Breaking: …")
    let rubric =
        matches!(
            cx.low(unit.0).as_ref(),
            "breaking"
                | "exclusive"
                | "update"
                | "analysis"
                | "watch"
                | "live"
                | "opinion"
                | "wow"
                | "look"
                | "revealed"
                | "boom"
                | "busted"
                | "bombshell"
                | "video"
                | "photos"
        ) || cx.low(unit.0) == "the" && unit.0 + 1 < colon && cx.low(unit.0 + 1) == "latest";
    if (short_name(unit.0, colon) || about(unit.0, colon))
        && !rubric
        && colon + 2 < unit.1
        && !(unit.0..colon).any(|i| cx.doc.tokens[i].kind == TokKind::Number)
    {
        let content = cx.content_span(colon + 1, unit.1)?;
        return Some(Found {
            kind: AttributionKind::Headline,
            content: vec![content],
            cue: vec![cx.doc.tokens[colon].span],
            source: Some((unit.0, colon)),
            audience: None,
            cue_tok: colon,
            shares_source_of: None,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::text::Doc;

    /// (source, cue, content) of every attribution the analysis finds in `text`.
    fn found(text: &str) -> Vec<(String, String, String)> {
        let doc = Doc::new(text);
        let cues =
            crate::cuemodel::CueModel::builtin().flags(&doc, crate::lexicon::Lexicon::builtin());
        super::find_with(&doc, cues)
            .into_iter()
            .map(|f| {
                let join = |v: &[onrecord_core::Span]| {
                    v.iter()
                        .map(|s| s.text(text))
                        .collect::<Vec<_>>()
                        .join(" | ")
                };
                let source = f
                    .source
                    .map(|(s, e)| {
                        doc.tokens[s]
                            .span
                            .cover(&doc.tokens[e - 1].span)
                            .text(text)
                            .to_string()
                    })
                    .unwrap_or_default();
                (source, join(&f.cue), join(&f.content))
            })
            .collect()
    }

    fn has(found: &[(String, String, String)], source: &str, content: &str) -> bool {
        found.iter().any(|(s, _, c)| s == source && c == content)
    }

    #[test]
    fn reported_speech_after_the_cue() {
        let f = found("Foreign Minister Aylin Kaya said on Monday that the talks would resume.");
        assert!(
            has(
                &f,
                "Foreign Minister Aylin Kaya",
                "that the talks would resume"
            ),
            "{f:?}"
        );
    }

    #[test]
    fn quotation_before_the_cue_and_its_continuation() {
        let f = found("\u{201c}We are ready,\u{201d} Kaya told reporters in Dunmere. \u{201c}The ball is in their court.\u{201d}");
        assert!(
            has(
                &f,
                "Kaya",
                "\u{201c}We are ready,\u{201d} | \u{201c}The ball is in their court.\u{201d}"
            ),
            "{f:?}"
        );
    }

    #[test]
    fn split_quotation_around_an_inverted_cue() {
        let f = found("\"The dam is safe,\" said Tomas Ekvall, \"and it will stay safe.\"");
        assert!(
            has(
                &f,
                "Tomas Ekvall",
                "\"The dam is safe,\" | \"and it will stay safe.\""
            ),
            "{f:?}"
        );
    }

    #[test]
    fn a_report_inside_another_reports_content_is_part_of_it() {
        let f = found("Kaya said the harbor board had announced new tolls on Friday.");
        assert!(
            has(
                &f,
                "Kaya",
                "the harbor board had announced new tolls on Friday"
            ),
            "{f:?}"
        );
        assert_eq!(f.len(), 1, "{f:?}");
        let f = found("The minister said Lopes had called the plan \u{201c}a gift to smugglers\u{201d} in March.");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "The minister", "{f:?}");
        // side by side, both stay
        let f = found("Kaya said the dam was safe. Lopes told reporters it was not.");
        assert!(has(&f, "Kaya", "the dam was safe"), "{f:?}");
        assert!(has(&f, "Lopes", "it was not"), "{f:?}");
    }

    #[test]
    fn nested_reports_are_decided_from_the_outside_in() {
        use onrecord_core::Span;
        // A's content holds B's cue, B's content holds C's cue, A's does not: B goes, C stays
        let text = "a0 a1 b0 b1 c0 c1 d0";
        let doc = Doc::new(text);
        let tok = |i: usize| doc.tokens[i].span;
        let report = |cue: usize, from: usize, to: usize| super::Found {
            kind: onrecord_core::AttributionKind::Indirect,
            content: vec![Span::new(tok(from).start, tok(to).end)],
            cue: vec![tok(cue)],
            source: None,
            audience: None,
            cue_tok: cue,
            shares_source_of: None,
        };
        let mut found = vec![report(0, 1, 2), report(2, 3, 4), report(4, 5, 6)];
        super::drop_nested(&doc, &mut found);
        let cues: Vec<usize> = found.iter().map(|f| f.cue_tok).collect();
        assert_eq!(cues, vec![0, 4]);
    }

    #[test]
    fn a_participle_with_its_agent() {
        let f = found("Last week, Lorvia announced a truce, with the truce rejected by Halvarian officials and denounced as a ruse.");
        assert!(has(&f, "Halvarian officials", "the truce"), "{f:?}");
        assert!(!f.iter().any(|x| x.0.starts_with("with")), "{f:?}");
        // a participle inside a clause is no report
        let f = found("Kaya has kept her ties with both sides, refusing to join the sanctions imposed by the coastal states.");
        assert!(!f.iter().any(|x| x.0 == "the coastal states"), "{f:?}");
    }

    #[test]
    fn one_content_with_two_cues_is_one_statement() {
        let f = found("Kaya shot back, saying the tolls would fall.");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].1, "saying", "{f:?}");
    }

    #[test]
    fn according_to_and_a_shared_subject() {
        let f = found("The river fell by a third, according to the ministry.");
        assert!(
            has(&f, "the ministry", "The river fell by a third"),
            "{f:?}"
        );
        let f = found("Kaya said the plan was sound, adding that both sides had seen it.");
        assert!(has(&f, "Kaya", "the plan was sound"), "{f:?}");
        assert!(has(&f, "Kaya", "that both sides had seen it"), "{f:?}");
    }

    #[test]
    fn headline_and_dateline() {
        let f = found("Talks must resume within weeks: Kaya\nDUNMERE, Halvaria (Ledger) \u{2014} The dam will stay open, the ministry said.");
        assert!(has(&f, "Kaya", "Talks must resume within weeks"), "{f:?}");
        assert!(has(&f, "the ministry", "The dam will stay open"), "{f:?}");
        // a bare dateline before a dash is not a transcript speaker
        let f = found("Talks\n\nDUNMERE \u{2014} The dam will stay open, the ministry said.");
        assert!(has(&f, "the ministry", "The dam will stay open"), "{f:?}");
        assert!(!f.iter().any(|x| x.0 == "DUNMERE"), "{f:?}");
        // a name and whom or what the words are about; a rubric is no speaker
        let f = found("Kaya on the Harbor Tolls: They Will Fall\n\nThe body follows.");
        assert!(
            has(&f, "Kaya on the Harbor Tolls", "They Will Fall"),
            "{f:?}"
        );
        let f = found("The Latest: Tolls to fall in Dunmere\n\nThe body follows.");
        assert!(f.is_empty(), "{f:?}");
        // nor is an editor's label at the start of a paragraph
        let f = found("Tolls\n\nCorrection: An earlier version of this article misstated the date of the vote.\n\nEditor\u{2019}s note: The author is a harbor pilot.");
        assert!(f.is_empty(), "{f:?}");
        let f = found("Tolls\n\nKAYA: The tolls will fall.");
        assert!(has(&f, "KAYA", "The tolls will fall"), "{f:?}");
    }

    #[test]
    fn appositives_and_determined_sources() {
        let f = found("\"The bridge will hold,\" Mara Ostrin, 41, said on Monday.");
        assert!(
            has(&f, "Mara Ostrin, 41,", "\"The bridge will hold,\""),
            "{f:?}"
        );
        let f = found("\"The tolls are too high,\" said one local driver.");
        assert!(
            has(&f, "one local driver", "\"The tolls are too high,\""),
            "{f:?}"
        );
        let f = found("The dam is safe, said Tomas Ekvall, a senior engineer at the water agency.");
        assert!(
            has(
                &f,
                "Tomas Ekvall, a senior engineer at the water agency",
                "The dam is safe"
            ),
            "{f:?}"
        );
    }

    #[test]
    fn a_colon_closing_its_paragraph_announces_the_next() {
        let f = found("Kaya said:\n\n\"We will not sign this treaty. Not now.\"");
        assert!(
            has(&f, "Kaya", "\"We will not sign this treaty. Not now.\""),
            "{f:?}"
        );
    }

    #[test]
    fn split_quotations_resume_past_asides() {
        let f = found("\"We are ready,\" Kaya said, referring to the new port. \"The ball is in their court.\"");
        assert!(
            has(
                &f,
                "Kaya",
                "\"We are ready,\" | \"The ball is in their court.\""
            ),
            "{f:?}"
        );
        let f = found(
            "\"The plan is sound,\" Kaya said during a visit to Orrin, \"but it needs money.\"",
        );
        assert!(
            has(
                &f,
                "Kaya",
                "\"The plan is sound,\" | \"but it needs money.\""
            ),
            "{f:?}"
        );
    }

    #[test]
    fn a_quotation_after_the_cue_leaves_the_setting_out() {
        let f = found("Asked about the dam, Orsolya Venn said, \"We will not build it.\"");
        assert!(
            has(&f, "Orsolya Venn", "\"We will not build it.\""),
            "{f:?}"
        );
    }

    #[test]
    fn a_bare_quotation_continues_the_quotation_before_it() {
        // the next paragraph, wholly a quotation
        let f = found("\"The bridge is closed,\" Kaya said.\n\"It will open in May.\"\n");
        assert!(
            has(
                &f,
                "Kaya",
                "\"The bridge is closed,\" | \"It will open in May.\""
            ),
            "{f:?}"
        );
        // past a clause inside the source's appositive
        let f = found(
            "\"It is late,\" said Ana Brel, a pilot who has been criticizing the airline for years. \"We wait.\"",
        );
        assert!(
            has(&f, "Ana Brel", "\"It is late,\" | \"We wait.\""),
            "{f:?}"
        );
    }

    #[test]
    fn a_participle_after_the_cues_comma_is_a_gloss() {
        let f = found(
            "The tolls are \"a tax on the poor\" that must end, Kaya said, referring to the new bridge fees.",
        );
        assert!(
            has(
                &f,
                "Kaya",
                "The tolls are \"a tax on the poor\" that must end"
            ),
            "{f:?}"
        );
    }

    #[test]
    fn a_programme_in_quotation_marks_is_a_setting_or_an_audience() {
        let f = found("On Sunday's \"Harbour Hour,\" Kaya said the ferry will run.");
        assert!(has(&f, "Kaya", "the ferry will run"), "{f:?}");
        let d = Doc::new("Kaya told \"Harbour Hour\" that the ferry will run.");
        let cues: Vec<bool> = (0..d.tokens.len()).map(|i| d.tok(i) == "told").collect();
        let f = super::find_with(&d, cues);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].audience.unwrap().text(d.text), "\"Harbour Hour\"");
        assert_eq!(f[0].content[0].text(d.text), "that the ferry will run");
    }

    #[test]
    fn long_appositives_nominal_heads_and_reporting_nouns_as_verbs() {
        let f = found(
            "Ana Brel, an adviser to the port authority on tolls and fees and a lecturer at the Dunmere School of Law, said that the fees will fall.",
        );
        assert!(
            f.iter().any(|(s, _, c)| s.starts_with("Ana Brel,")
                && s.ends_with("Dunmere School of Law,")
                && c == "that the fees will fall"),
            "{f:?}"
        );
        let f = found("A lawyer for the ferry company, Oren Tal, said no appeal was planned.");
        assert!(
            has(
                &f,
                "A lawyer for the ferry company, Oren Tal,",
                "no appeal was planned"
            ),
            "{f:?}"
        );
        let f = found("Fares rose twice this year, The Dunmere Courier reports.");
        assert!(
            has(&f, "The Dunmere Courier", "Fares rose twice this year"),
            "{f:?}"
        );
        // the day the cue took in, then its part of the day; a subordinate clause after
        let f = found(
            "The tolls are unfair, harbour workers said Friday afternoon, as they marched to the port.",
        );
        assert!(has(&f, "harbour workers", "The tolls are unfair"), "{f:?}");
    }

    #[test]
    fn clause_subjects_places_and_as_clauses() {
        let f = found("Kaya closed the rally by telling voters that tolls will fall.");
        assert!(has(&f, "Kaya", "that tolls will fall"), "{f:?}");
        let f = found(
            "Ana Brel spoke out Tuesday about the closure of the old pier, arguing that it must reopen.",
        );
        assert!(has(&f, "Ana Brel", "that it must reopen"), "{f:?}");
        let f = found("Kaya says at a stop in Dunmere, Halvaria, that the tolls will fall.");
        assert!(has(&f, "Kaya", "that the tolls will fall"), "{f:?}");
        let f = found("The pier is a public good, as a ministry memo put it.");
        assert!(
            has(&f, "a ministry memo", "The pier is a public good"),
            "{f:?}"
        );
    }

    #[test]
    fn subjects_with_examples_adverbs_stray_commas_and_no_inversion() {
        // the comma inside the closing mark still makes the participle a gloss of the clause
        let f = found("Ana Brel gave a spirited defense of \u{201c}harbor values,\u{201d} saying the port embodied the town.");
        assert!(has(&f, "Ana Brel", "the port embodied the town"), "{f:?}");
        let f = found("Some pilots, including Ivo Lind of the Dunmere guild, also criticized the ministry for closing the pier.");
        assert!(
            has(
                &f,
                "Some pilots, including Ivo Lind of the Dunmere guild,",
                "the ministry for closing the pier"
            ),
            "{f:?}"
        );
        let f = found("Kaya, though, said he would vote for the ferry bill.");
        assert!(has(&f, "Kaya", "he would vote for the ferry bill"), "{f:?}");
        let f = found(
            "On Tuesday at the pier, after the vote, Gov. Rasmus Tell (D-Halv.), said the tolls will fall.",
        );
        assert!(
            has(&f, "Gov. Rasmus Tell (D-Halv.),", "the tolls will fall"),
            "{f:?}"
        );
        // a verb that does not invert: the words before the comma are its subject
        let f = found(
            "Another pilot, Ivo Lind of the Dunmere guild, praised the ministry for its patience.",
        );
        assert!(
            has(
                &f,
                "Another pilot, Ivo Lind of the Dunmere guild",
                "the ministry for its patience"
            ),
            "{f:?}"
        );
        let f = found(
            "A clerk who has worked at the port for years, Ana Brel, said she saw the ferry leave.",
        );
        assert!(has(&f, "Ana Brel,", "she saw the ferry leave"), "{f:?}");
    }

    #[test]
    fn a_bare_quotation_later_in_the_paragraph_continues_the_last_one() {
        let f = found("\"The pier is ours,\" said Ana Brel, a clerk. The ferry left at noon. \"We will stay.\"");
        assert!(
            has(
                &f,
                "Ana Brel, a clerk",
                "\"The pier is ours,\" | \"We will stay.\""
            ),
            "{f:?}"
        );
        // (an initialism before a quotation ends its sentence: the quotation is the next one)
        let f = found("\"The pier is ours,\" Brel told reporters in Orrin, H.V. \"We will stay.\"");
        assert!(
            has(&f, "Brel", "\"The pier is ours,\" | \"We will stay.\""),
            "{f:?}"
        );
    }

    #[test]
    fn adjuncts_after_the_cue_expectations_and_parenthetical_subjects() {
        // only adjuncts after the cue: the words are the clause before the source
        let f = found("The ferry will run through the winter, Kaya said in her 2019 memoir.");
        assert!(
            has(&f, "Kaya", "The ferry will run through the winter"),
            "{f:?}"
        );
        let f = found("The pilots had lost patience with the ministry, Lind said of the strike.");
        assert!(
            has(&f, "Lind", "The pilots had lost patience with the ministry"),
            "{f:?}"
        );
        // (a fronted adverbial is no such clause)
        let f = found("In 2019, Kaya spoke out against the tolls.");
        assert!(!f.iter().any(|x| x.2 == "In 2019"), "{f:?}");
        // expectations: nobody's words, but annotated with their subject
        let f = found("Kaya is expected to announce the new tolls on Monday.");
        assert!(
            has(&f, "", "Kaya | to announce the new tolls on Monday"),
            "{f:?}"
        );
        // subjects around an aside between dashes or commas
        let f = found("Many pilots at the meeting \u{2014} including Ivo Lind \u{2014} said the pier must reopen.");
        assert!(
            has(
                &f,
                "Many pilots at the meeting \u{2014} including Ivo Lind \u{2014}",
                "the pier must reopen"
            ),
            "{f:?}"
        );
        // coordinated subjects opening their clause; a verb's object is no conjunct
        let f = found("The pier stays shut, she and Ivo Lind said.");
        assert!(has(&f, "she and Ivo Lind", "The pier stays shut"), "{f:?}");
        let f = found("Kaya met Tell and Lind said nothing changed.");
        assert!(has(&f, "Lind", "nothing changed"), "{f:?}");
        let f = found("Tell, after a long pause, said the ferries would run.");
        assert!(has(&f, "Tell", "the ferries would run"), "{f:?}");
        let f =
            found("After winning the vote, Gov. Rasmus Tell (D-Halv.), said the tolls will fall.");
        assert!(
            has(&f, "Gov. Rasmus Tell (D-Halv.),", "the tolls will fall"),
            "{f:?}"
        );
    }

    #[test]
    fn questions_put_and_poll_findings() {
        let f = found("Asked by Lind whether the pier would reopen, Kaya said it would.");
        assert!(has(&f, "Lind", "whether the pier would reopen"), "{f:?}");
        assert!(has(&f, "Kaya", "it would"), "{f:?}");
        // the asker unnamed: the question has no source, and does not take the answerer's
        let f =
            found("Asked during a harbor debate why the pier was shut, Kaya said it was unsafe.");
        assert!(has(&f, "", "why the pier was shut"), "{f:?}");
        let f = found("When asked about the tolls, Kaya shrugged and said nothing had changed.");
        assert!(has(&f, "", "the tolls"), "{f:?}");
        let f = found("Ana Brel held a 12-point lead among ferry workers in a Meridian Wire poll.");
        assert!(
            has(
                &f,
                "a Meridian Wire poll",
                "Ana Brel held a 12-point lead among ferry workers"
            ),
            "{f:?}"
        );
        let f = found("In the latest harbor survey, 61 percent of pilots backed the tolls.");
        assert!(
            has(
                &f,
                "the latest harbor survey",
                "61 percent of pilots backed the tolls"
            ),
            "{f:?}"
        );
        // standing in the polls is no poll's finding
        let f = found("Kaya has slipped in the polls since March.");
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn titled_sources_possessive_heads_and_contracted_pronouns() {
        let f = found("\"It is late,\" said former Sen. Ana Brel, who ran the port for years.");
        assert!(
            f.iter()
                .any(|(s, _, c)| s.starts_with("former Sen. Ana Brel") && c == "\"It is late,\""),
            "{f:?}"
        );
        let f = found("Kaya’s press secretary, Oren Tal, told the Courier that the plan failed.");
        assert!(
            has(
                &f,
                "Kaya’s press secretary, Oren Tal,",
                "that the plan failed"
            ),
            "{f:?}"
        );
        let d = Doc::new("Lee also told Harbour Radio he’d back the new tolls.");
        let cues: Vec<bool> = (0..d.tokens.len()).map(|i| d.tok(i) == "told").collect();
        let f = super::find_with(&d, cues);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].audience.unwrap().text(d.text), "Harbour Radio");
        assert!(
            f[0].content[0].text(d.text).starts_with("he’d back"),
            "{f:?}"
        );
        // commas inside the appositive
        let f = found(
            "The tolls \"will not last,\" Ana Brel, assistant minister for ports, roads, and ferries, said on the call.",
        );
        assert!(
            f.iter().any(|(s, _, _)| s == "Ana Brel, assistant minister for ports, roads, and ferries,"),
            "{f:?}"
        );
    }

    #[test]
    fn a_participle_after_the_cue_takes_the_next_quotation() {
        let f = found("\"The port is ready,\" Kaya said, adding, \"The ships are not.\"");
        assert!(has(&f, "Kaya", "\"The port is ready,\""), "{f:?}");
        assert!(
            f.iter()
                .any(|(_, cue, content)| cue == "adding" && content == "\"The ships are not.\""),
            "{f:?}"
        );
    }

    #[test]
    fn content_ends_with_its_clause() {
        // a quotation closing a clause ends the content
        let f = found("Protesters chanted \"Open the gates!\" and kept marching until dawn.");
        assert!(has(&f, "Protesters", "\"Open the gates!\""), "{f:?}");
        // `,” meaning …` is the reporter's gloss
        let f = found("Lopes said the deal was \"final,\" meaning there would be no more talks.");
        assert!(has(&f, "Lopes", "the deal was \"final,\""), "{f:?}");
        // a semicolon
        let f = found("Kaya said the port would reopen in May; the traders were not convinced.");
        assert!(has(&f, "Kaya", "the port would reopen in May"), "{f:?}");
        // the learned end model: a stance verb's object stops before the relative clause,
        // and a participle after a comma is a report of its own
        let f = found("The minister endorsed Mayor Brandt, who said she was grateful.");
        assert!(has(&f, "The minister", "Mayor Brandt"), "{f:?}");
        let f = found("Meanwhile, it attacked the plan, saying the port \"will never pay.\"");
        assert!(has(&f, "it", "the port \"will never pay.\""), "{f:?}");
    }

    #[test]
    fn sources_without_a_reporting_verb_before() {
        // a participle after a clause whose verb reports nothing takes the clause's subject
        let f = found("Kaya had harsh words for the envoy on Tuesday, telling reporters that the talks were over.");
        assert!(has(&f, "Kaya", "that the talks were over"), "{f:?}");
        // a passive's agent need not be a name
        let f = found("The plan was criticized by dozens of local farmers.");
        assert!(has(&f, "dozens of local farmers", "The plan"), "{f:?}");
        // a participle after a possessive is an adjective, not a cue
        let f = found("Orrin's repeated appeals to the council went unanswered, Kaya said.");
        assert!(f.iter().all(|(_, cue, _)| cue != "repeated"), "{f:?}");
    }

    #[test]
    fn a_quotation_signed_with_a_bar_runs_from_its_paragraph_start() {
        let f = found("\u{201d}The river is ours. We will keep it.\u{201d} \u{2015} Ines Varga");
        assert!(
            has(
                &f,
                "Ines Varga",
                "\u{201d}The river is ours. We will keep it.\u{201d}"
            ),
            "{f:?}"
        );
    }

    #[test]
    fn fronted_cues_openers_and_settings() {
        let f = found("Said Lopes: \"The harbour is ours.\"");
        assert!(has(&f, "Lopes", "\"The harbour is ours.\""), "{f:?}");
        let f =
            found("\"The plan is dead,\" Ines Varga, the port director, one of its authors, said.");
        assert!(
            has(
                &f,
                "Ines Varga, the port director, one of its authors,",
                "\"The plan is dead,\""
            ),
            "{f:?}"
        );
        // a sentence-opening conjunction or discourse adverb is not part of the words
        let f = found("But the port will stay shut, Kaya added.");
        assert!(has(&f, "Kaya", "the port will stay shut"), "{f:?}");
        let f = found("However, the ferries will run, according to the ministry.");
        assert!(has(&f, "the ministry", "the ferries will run"), "{f:?}");
        // a transcript turn inside quotation marks
        let f = found("The debate went on.\n\n\"KAYA: Well, the harbour stays open.");
        assert!(has(&f, "KAYA", "Well, the harbour stays open"), "{f:?}");
        // turns of a transcript quoted whole, each paragraph opening with a straight mark
        let f = found(
            "The interview went on.\n\n\"HOST: Will the ferry run? Tell us.\n\n\"(CROSSTALK.)\n\n\"KAYA: It will run. On time.\n\n\"It is paid for.\"\n\n\"Follow Ivo Lind on Twitter @ivolind\"\n",
        );
        assert!(has(&f, "HOST", "Will the ferry run? Tell us"), "{f:?}");
        assert!(
            has(&f, "KAYA", "It will run. On time | \"It is paid for.\""),
            "{f:?}"
        );
        // a setting is not what was said
        assert!(found("He spoke against the backdrop of the old harbour.").is_empty());
        // an adverb before the verb is part of the cue, not its head
        let f = found("Kaya sharply criticized the new treaty.");
        assert!(
            f.iter().any(|(s, cue, c)| s == "Kaya"
                && cue == "sharply criticized"
                && c == "the new treaty"),
            "{f:?}"
        );
    }
}
