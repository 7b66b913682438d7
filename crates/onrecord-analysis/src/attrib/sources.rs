//! Sources: the noun phrase that speaks, and the audience spoken to.
//!
//! A subject read leftwards from its cue (names, pronouns, relative pronouns, appositives
//! between commas or dashes, coordinated subjects), an inverted subject after the cue
//! (`"…," said Kalın`), the subject of a unit's main clause for a cue without one of its
//! own, an appositive after an inverted source, and the audience after "told". Kept apart
//! from contents because a source is a noun phrase read by its own rules (and the closed
//! word classes below), whatever the shape of the report around it.

use super::Ctx;
use crate::lexicon::{AUXILIARIES, WEEKDAYS};
use crate::text::{before_apostrophe, is_possessive, TokKind};

pub(super) const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "who", "you"];

/// Common irregular past forms: where a clause's verb begins after its subject.
const IRREGULAR_PAST: &[&str] = &[
    "spoke", "said", "told", "wrote", "took", "made", "gave", "went", "came", "met", "held",
    "sent", "led", "won", "lost", "began", "left", "found", "thought", "brought", "ran", "saw",
    "knew", "became", "kept", "got", "felt", "heard", "paid", "fought", "stood", "sought",
];

/// Prepositions and subordinators that open a fronted adverbial ("On Tuesday, …", "After
/// the vote, …"): what follows them is no subject.
pub(super) const SUBORDINATORS: &[&str] = &[
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
pub(super) const CLAUSE_WORDS: &[&str] = &[
    "that", "and", "but", "while", "as", "because", "when", "after", "before", "if", "which",
    "where", "although", "though", "since", "so", "whether", "than", "or", "whom", "whose",
    "until", "unless", "once", "what", "how", "why", "nor", "yet", "where", "said", "says",
    "despite",
];

impl Ctx<'_, '_> {
    /// The subject read leftwards from `end` (exclusive), not crossing `floor`.
    pub(super) fn source_left(&self, end: usize, floor: usize) -> Option<(usize, usize)> {
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
        // a double hyphen written as two tokens: "Lund -- co-author of … -- said"
        let hyphens = |j: usize| {
            j > floor
                && self.tok(j) == "-"
                && self.tok(j - 1) == "-"
                && self.doc.tokens[j - 1].span.end == self.doc.tokens[j].span.start
        };
        if hyphens(last) {
            let open = (last.saturating_sub(25).max(floor + 1)..last - 1)
                .rev()
                .find(|&j| hyphens(j))?;
            let head = self.source_left(open - 1, floor)?;
            return Some((self.named_before(head, floor), end));
        }
        if matches!(self.tok(last), "\u{2014}" | "\u{2015}" | "--") && last > floor {
            let open = (last.saturating_sub(25).max(floor)..last)
                .rev()
                .find(|&j| self.tok(j) == self.tok(last))?;
            let head = self.source_left(open, floor)?;
            return Some((self.named_before(head, floor), end));
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
            // a double hyphen is a dash, no hyphen inside a name: "… -- meddling the
            // congressman said"
            if txt == "-" && (hyphens(i) || hyphens(i + 1)) {
                break;
            }
            let w = self.low(i);
            // a determiner after a word that is no preposition, conjunction or quantifier
            // opens the subject: "… -- meddling the congressman said"
            if i > floor
                && matches!(w.as_ref(), "the" | "a" | "an")
                && i + 1 < end
                && self.doc.tokens[i - 1].kind == TokKind::Word
                && !self.doc.tokens[i - 1].is_capitalized(self.doc.text)
                && !SUBORDINATORS.contains(&self.low(i - 1).as_ref())
                && !matches!(
                    self.low(i - 1).as_ref(),
                    "of" | "about" | "into" | "and" | "or" | "all" | "both" | "half" | "such"
                )
            {
                s = i;
                break;
            }
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

    /// Where a subject starts whose head is a description in apposition to a name before
    /// it: "Ann Roe, the chief executive of Harbor Media -- …  -- said" starts at the name.
    fn named_before(&self, head: (usize, usize), floor: usize) -> usize {
        let described = STARTS_NOMINAL.contains(&self.low(head.0).as_ref())
            && !self.doc.tokens[head.0].is_capitalized(self.doc.text);
        if described && head.0 > floor + 1 && self.tok(head.0 - 1) == "," {
            if let Some(name) = self.source_left(head.0 - 1, floor) {
                let named = (name.0..name.1).all(|i| {
                    self.doc.tokens[i].is_capitalized(self.doc.text) || self.tok(i) == "."
                });
                if named && name.1 - name.0 <= 5 {
                    return name.0;
                }
            }
        }
        head.0
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
    pub(super) fn source_right(&self, start: usize, unit_end: usize) -> Option<(usize, usize)> {
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
            // a date written with a slash modifies the noun: "said 9/11 widow Ann Roe"
            let slash_date = txt == "/"
                && e > start
                && self.doc.tokens[e - 1].kind == TokKind::Number
                && self
                    .doc
                    .tokens
                    .get(e + 1)
                    .is_some_and(|n| n.kind == TokKind::Number);
            if t.kind == TokKind::Quote
                || (t.kind == TokKind::Punct
                    && !slash_date
                    && !matches!(txt, "-" | "&" | "'" | "(" | ")"))
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
    pub(super) fn unit_subject(
        &self,
        unit: (usize, usize),
        limit: usize,
    ) -> Option<(usize, usize)> {
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
    pub(super) fn verb_at(&self, e: usize, limit: usize) -> bool {
        let t = &self.doc.tokens[e];
        let w = self.low(e);
        let lower = !t.is_capitalized(self.doc.text);
        w.ends_with("ly") && lower
            || AUXILIARIES.contains(&w.as_ref())
                && !self.name_word(e)
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

    /// The end of an appositive after an inverted source (`…, said Ann Roe, a senior official
    /// with the agency.`): PolNeAR's source takes it in. Not when a quotation, a participle
    /// (`, adding …`) or a new clause follows the comma.
    pub(super) fn appositive_right(&self, se: usize, unit: (usize, usize)) -> Option<usize> {
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

    /// The audience right after "told": up to "that", a comma, a quote or a time adjunct.
    pub(super) fn audience(&self, k: usize, end: usize) -> Option<(usize, usize)> {
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
}
