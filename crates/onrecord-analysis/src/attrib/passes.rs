//! Passes: what is decided over reports already found, never around one cue alone.
//!
//! After each unit: a bare quotation later in the paragraph, or the next unit's quotation,
//! continues the last direct quotation; a leading participle ("Citing …, Kalin said")
//! shares the next source. Over the document: shared sources copied, then ([`settle`]) a
//! report inside another report's content dropped (from the outside in), and of two cues
//! with one content the later kept. Kept apart because these passes look at several
//! reports together.

use onrecord_core::{AttributionKind, Span};

use super::{Ctx, Found};
use crate::text::{Doc, TokKind};

/// The statements of a document from what the rules found: no report inside another's
/// content, no content twice.
pub(super) fn settle(doc: &Doc, mut found: Vec<Found>) -> Vec<Found> {
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

/// `"…," said Roe, a clerk. She has lived here for years. "…"`: a bare quotation later
/// in the paragraph, past sentences without quotes of their own, still continues the
/// last direct quotation.
pub(super) fn continue_bare_quotation(
    cx: &Ctx,
    unit: (usize, usize),
    first_in_unit: usize,
    out: &mut [Found],
) {
    let doc = cx.doc;
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
}

/// A leading participle ("Citing …, Kalin said") takes the next source in its unit.
pub(super) fn share_leading_source(
    cx: &Ctx,
    unit: (usize, usize),
    first_in_unit: usize,
    out: &mut [Found],
) {
    let doc = cx.doc;
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
}

/// `"…," he said. "…"`: the next unit, a bare quotation, continues this one
/// (`"…," he said, referring to the plan. "…"`: past participles sharing its source).
pub(super) fn continue_into_next_unit(
    cx: &Ctx,
    unit: (usize, usize),
    next: Option<(usize, usize)>,
    first_in_unit: usize,
    out: &mut [Found],
) {
    let doc = cx.doc;
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
    if let (Some(last), Some(next)) = (last, next) {
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

/// A shared source is the same mention: copied (twice, for chains in either direction);
/// a report whose shared source was never found is dropped.
pub(super) fn copy_shared_sources(out: &mut Vec<Found>) {
    for _ in 0..2 {
        for k in 0..out.len() {
            if let (None, Some(cue)) = (out[k].source, out[k].shares_source_of) {
                out[k].source = out.iter().find(|f| f.cue_tok == cue).and_then(|f| f.source);
            }
        }
    }
    out.retain(|f| f.source.is_some() || f.shares_source_of.is_none());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_reports_are_decided_from_the_outside_in() {
        // A's content holds B's cue, B's content holds C's cue, A's does not: B goes, C stays
        let text = "a0 a1 b0 b1 c0 c1 d0";
        let doc = Doc::new(text);
        let tok = |i: usize| doc.tokens[i].span;
        let report = |cue: usize, from: usize, to: usize| Found {
            kind: onrecord_core::AttributionKind::Indirect,
            content: vec![Span::new(tok(from).start, tok(to).end)],
            cue: vec![tok(cue)],
            source: None,
            audience: None,
            cue_tok: cue,
            shares_source_of: None,
        };
        let mut found = vec![report(0, 1, 2), report(2, 3, 4), report(4, 5, 6)];
        drop_nested(&doc, &mut found);
        let cues: Vec<usize> = found.iter().map(|f| f.cue_tok).collect();
        assert_eq!(cues, vec![0, 4]);
    }
}
