//! Passes: what is decided once every report of the document is found.
//!
//! A report inside another report's content is dropped (from the outside in), and of two
//! cues with one content the later stays. Kept apart because these passes look at all the
//! reports together, never at the text around one cue.

use onrecord_core::Span;

use super::Found;
use crate::text::Doc;

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
