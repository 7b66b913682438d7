//! The day of an event, from the time layer: the day expression of the event's sentence
//! nearest its trigger ("Erdoğan will call Putin on Sunday, Kalın said" → Sunday's date).
//!
//! An event reported inside a statement takes only an expression inside that statement's
//! words: in "… will call Putin, Kalın said on Saturday" Saturday is the day of the saying,
//! not of the call. A caption's day is the photo's, so events in captions get none, and an
//! expression that bounds a stretch ("since February 24", "until Friday") is no event's day.

use onrecord_core::{Attribution, Event};

use crate::text::{is_caption, Doc};
use crate::time::DayExpr;

/// Set `day` on each event whose sentence names a day for it.
pub fn date(doc: &Doc, events: &mut [Event], attributions: &[Attribution], exprs: &[DayExpr]) {
    for ev in events.iter_mut() {
        let Some(&(s, e)) = doc.sentences.get(ev.sentence) else {
            continue;
        };
        let t = doc
            .token_at(ev.trigger.start)
            .min(doc.tokens.len().saturating_sub(1));
        let Some(tok) = doc.tokens.get(t) else {
            continue;
        };
        if doc
            .paragraphs
            .get(tok.para as usize)
            .is_some_and(|p| is_caption(p.text(doc.text)))
        {
            continue;
        }
        let content = ev
            .statement
            .and_then(|k| attributions.get(k))
            .map(|a| &a.content);
        ev.day = exprs
            .iter()
            .filter(|x| s <= x.toks.0 && x.toks.1 <= e)
            // "killed since February 24", "until Friday": the edge of a stretch, not the day
            .filter(|x| {
                x.toks.0 == 0
                    || !matches!(
                        doc.tokens[x.toks.0 - 1]
                            .span
                            .text(doc.text)
                            .to_lowercase()
                            .as_str(),
                        "since" | "until" | "till" | "before" | "after" | "by" | "from"
                    )
            })
            .filter(|x| match content {
                Some(spans) => spans
                    .iter()
                    .any(|c| c.start <= x.span.start && x.span.end <= c.end),
                None => true,
            })
            .filter_map(|x| {
                // tokens between the trigger and the expression; after it wins a tie
                let gap = if x.toks.0 >= t {
                    2 * (x.toks.0 - t)
                } else {
                    2 * (t - x.toks.1.min(t)) + 1
                };
                Some((gap, x.day?))
            })
            .min_by_key(|&(gap, _)| gap)
            .map(|(_, day)| day);
    }
}
