//! Contents: where the reported words start and stop, and the quotations that carry them.
//!
//! The words after a cue start past its time and channel adjuncts ("said on Sunday in a
//! statement that …") and end at the rules' boundary ([`Ctx::content_end`]: a new clause, a
//! relative clause, the next report, a trailing `according to`) unless the start and end
//! models choose otherwise; quotations split by their cue resume past asides, a colon ending
//! a paragraph announces the next one, and content spans are cut at paragraph breaks. Every
//! start and end decided is traced here, for the models to learn from.

use onrecord_core::Span;

/// Gerunds of saying that open a second report by the same speaker after "before", "after"
/// or "while" (`said …, before noting that …`).
const SAYING_GERUNDS: &[&str] = &[
    "noting",
    "adding",
    "saying",
    "insisting",
    "arguing",
    "warning",
    "stressing",
    "claiming",
    "explaining",
    "acknowledging",
    "conceding",
    "suggesting",
    "asserting",
    "declaring",
    "telling",
];

use super::Ctx;
use crate::lexicon::WEEKDAYS;
use crate::models::end::EndPoint;
use crate::models::start::StartPoint;
use crate::text::{Doc, TokKind};

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

/// Content spans cut at paragraph breaks, without the white space between (a quotation
/// running over paragraphs is one span a paragraph, as annotators mark it).
pub(super) fn split_at_paragraphs(doc: &Doc, spans: &[Span]) -> Vec<Span> {
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

/// The content announced by a colon at the end of a paragraph: the quotation opening the
/// next paragraph (one span per paragraph when it runs over several), else that paragraph.
pub(super) fn next_paragraph_content(cx: &Ctx, k: usize) -> Vec<Span> {
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

impl Ctx<'_, '_> {
    /// Past a conjunction or discourse adverb opening a content that ends at `e`.
    pub(super) fn skip_opener(&self, start: usize, e: usize) -> usize {
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
    pub(super) fn resumed_quote(&self, p: usize, unit: (usize, usize)) -> Option<usize> {
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

    /// Skip time and channel adjuncts right after a cue ("on Sunday", "in a statement").
    pub(super) fn skip_adjuncts(&self, mut k: usize, end: usize) -> usize {
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
    pub(super) fn adjuncts_only(&self, k: usize, end: usize) -> bool {
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

    /// Where content that starts at `k` ends: the unit end, or before `, adding`-style cues
    /// and a trailing `, according to`.
    pub(super) fn content_end(&self, k: usize, unit: (usize, usize)) -> usize {
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
            // `said the tolls would double before noting that …`: a second report by the same
            // speaker begins; what it says is not part of the first
            if i > k && self.second_report(i, unit) {
                return i;
            }
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

    /// A second report by the same speaker opens at token `i`: "before noting", "after
    /// adding", "while insisting" outside quotation marks.
    fn second_report(&self, i: usize, unit: (usize, usize)) -> bool {
        !self.doc.tokens[i].in_quote
            && i + 1 < unit.1
            && matches!(self.low(i).as_ref(), "before" | "after" | "while")
            && SAYING_GERUNDS.contains(&self.low(i + 1).as_ref())
    }

    /// The end of the content after cue `head` that starts at `k`: the rules' end
    /// ([`Self::content_end`]), or the end model's choice among all ends in the unit.
    pub(super) fn chosen_end(&self, head: usize, k: usize, unit: (usize, usize)) -> usize {
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
                        || self.second_report(j, unit)
                        || j + 1 < unit.1
                            && t.kind == TokKind::Quote
                            && self.tok(j - 1) == ","
                            && self.low(j + 1).ends_with("ing"))
            })
            .unwrap_or(unit.1);
        let p = EndPoint {
            cue_tok: head,
            start: k,
            limit: crate::models::features::trim_end(self.doc, k, hard.max(rule)),
            rule: crate::models::features::trim_end(self.doc, k, rule),
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
    pub(super) fn chosen_start(&self, head: usize, k: usize, unit: (usize, usize)) -> usize {
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
    pub(super) fn content_span(&self, s: usize, mut e: usize) -> Option<Span> {
        while e > s && self.doc.tokens[e - 1].kind == TokKind::Punct {
            e -= 1;
        }
        // keep a closing quote mark if the content opened one
        (e > s).then(|| self.span(s, e))
    }
}
