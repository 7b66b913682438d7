//! Shapes: reports that are no verb of saying with its arguments.
//!
//! Headlines (`Claim: Speaker`, `Speaker on Topic: Claim`), a name with a dash or colon
//! before or after the words (`"…" ― Name`, `NAME: …` in a transcript), a poll's finding
//! (`… in a CNN poll`) and a question put (`Asked whether …,`). Each is tried on its own
//! terms; kept apart from [`super::report`] because none of them reads a subject and a
//! clause around a cue.

use onrecord_core::AttributionKind;

use super::sources::{CLAUSE_WORDS, PRONOUNS};
use super::units::{dateline_end, transcript_turn};
use super::{Ctx, Found};
use crate::text::{is_possessive, TokKind};

/// A question put to someone: `Asked (by Roe) whether …, she said …`, `When asked about …,`,
/// `Kaya was asked, "…?"`. The content is the question; its source is the asker, named only
/// after "by" (the one asked is the subject of the clause, and answers in an attribution
/// of their own).
pub(super) fn asked(cx: &Ctx, unit: (usize, usize), cs: usize, ce: usize) -> Option<Found> {
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

/// Nouns naming a survey whose findings a clause reports: `… led in the latest poll`.
const SURVEY_NOUNS: &[&str] = &["poll", "survey"];

/// `Roe held a 24-point lead in a CNN poll.`, `In the survey, 71 percent …`: a clause reported
/// from a poll, the cue "in", the poll its source.
pub(super) fn in_survey(cx: &Ctx, unit: (usize, usize), i: usize) -> Option<Found> {
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
pub(super) fn name_dash_quote(cx: &Ctx, unit: (usize, usize)) -> Option<Found> {
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
pub(super) fn headline(cx: &Ctx, unit: (usize, usize)) -> Option<Found> {
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

/// `… – Pollster Mara Vey: “…”`, `More from Vey and Lind: “…”`, `From the report: “…”`,
/// `Rep. Ana Brel (R-Vell):“…”`: a name (or `the NOUN` after "from") right before a colon
/// that opens a quotation inside a paragraph, the way digests and roundups quote. Taken only
/// when no cue of the unit has already taken the quotation (`Brel told them: “…”`).
pub(super) fn name_colon_quote(cx: &Ctx, unit: (usize, usize), taken: &[Found]) -> Option<Found> {
    let doc = cx.doc;
    if doc.tokens[unit.0].para == 0 {
        return None; // headlines are handled by `headline`
    }
    let cap = |i: usize| doc.tokens[i].is_capitalized(doc.text);
    for colon in unit.0 + 1..unit.1.saturating_sub(1) {
        if cx.tok(colon) != ":" || !cx.is_quote_mark(colon + 1) {
            continue;
        }
        let open = doc.tokens[colon + 1].span;
        let Some(q) = doc.quote_at(open.start).map(|q| doc.quotes[q]) else {
            continue;
        };
        if q.span.start != open.start || !q.closed {
            continue;
        }
        if taken.iter().any(|f| {
            f.content
                .iter()
                .any(|c| c.start < q.span.end && q.span.start < c.end)
        }) {
            continue;
        }
        // a party and state after a legislator's name: `(R-Vell)`
        let mut e = colon;
        if cx.tok(e - 1) == ")" {
            match (unit.0..e - 1).rev().take(6).find(|&j| cx.tok(j) == "(") {
                Some(j) => e = j,
                None => continue,
            }
        }
        let mut s = e;
        while s > unit.0 {
            let w = cx.tok(s - 1);
            if cap(s - 1) || w == "." && s - 1 > unit.0 && cap(s - 2) {
                s -= 1;
            } else if w == "and" && s - 1 > unit.0 && cap(s - 2) && s < e {
                s -= 1; // `Vey and Lind`
            } else {
                break;
            }
        }
        if s == e {
            // `From the report:`, `More from the survey:`
            if e >= unit.0 + 3 && cx.low(e - 2) == "the" && cx.low(e - 3) == "from" {
                s = e - 2;
            } else {
                continue;
            }
        }
        // a day or month is a date, an editor's label no speaker
        let last = cx.low(e - 1);
        if crate::lexicon::MONTHS.contains(&last.as_ref())
            || crate::lexicon::WEEKDAYS.contains(&last.as_ref())
            || EDITORIAL_LABELS.contains(&last.as_ref())
        {
            continue;
        }
        return Some(Found {
            kind: AttributionKind::Direct,
            content: vec![q.span],
            cue: vec![doc.tokens[colon].span],
            source: Some((s, colon)),
            audience: None,
            cue_tok: colon,
            shares_source_of: None,
        });
    }
    None
}
