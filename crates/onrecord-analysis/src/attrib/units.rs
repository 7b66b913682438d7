//! Units: the stretches of text read as one report.
//!
//! A unit is a sentence, merged with the next where a quotation runs across their boundary
//! or a short report follows a quotation ending in `?` or `!`; a transcript's turn stays a
//! unit of its own, and a dateline opening the unit's paragraph is no part of its words.
//! Kept apart because every shape of report is read inside one unit and bounded by it.

use super::Ctx;
use crate::text::{Doc, TokKind};

/// Sentences merged where a quotation runs across their boundary.
pub(super) fn units(doc: &Doc, cues: &[bool]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &(s, e) in &doc.sentences {
        if let Some(last) = out.last_mut() {
            // `“…?” Clinton said.`: a short sentence with a verb of saying right after a
            // quotation that ended in ? or ! belongs to it; one whose verb takes its own
            // object (`…." Rubio has supported the subsidies.`) is a sentence of its own
            let after_quote = doc.tokens[last.1 - 1].kind == TokKind::Quote
                && doc.tokens[s].para == doc.tokens[last.1 - 1].para
                && last.1 >= 2
                && matches!(doc.tok(last.1 - 2), "?" | "!" | "." | "...");
            let short_report = e - s <= 10
                && doc.tokens[s].kind == TokKind::Word
                && (s..e).any(|i| cues[i] && reports_alone(doc, i, e))
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

/// Does the cue at `i` (in a sentence ending at `e`) report without words of its own: a verb
/// of saying (`told reporters`), or one followed by nothing, a name (`asked Roe`) or a
/// circumstance (`on Tuesday`, `aloud`), not by an object (`supported the subsidies`)?
fn reports_alone(doc: &Doc, i: usize, e: usize) -> bool {
    if super::report::INVERTING.contains(&doc.tok(i).to_lowercase().as_str()) {
        return true;
    }
    if i + 1 >= e {
        return true;
    }
    let next = doc.tok(i + 1);
    matches!(
        next,
        "." | "," | "!" | "?" | ";" | ":" | "\u{2014}" | "-" | "("
    ) || next.chars().next().is_some_and(char::is_uppercase)
        || matches!(
            next.to_lowercase().as_str(),
            "on" | "in"
                | "at"
                | "to"
                | "during"
                | "after"
                | "before"
                | "while"
                | "as"
                | "with"
                | "aloud"
                | "again"
                | "later"
                | "then"
                | "back"
        )
        || next.ends_with("ly") // an adverb: "repeatedly", "flatly"
}

/// A paragraph of a transcript quoted whole (`"WALLACE: …`, `"(CROSSTALK.)`): its opening
/// mark continues one long quotation, but each turn is a unit of its own.
pub(super) fn transcript_turn(doc: &Doc, s: usize) -> bool {
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

/// The first token after a dateline opening the unit's paragraph ("ORRIN, Halvaria, March 7
/// (Meridian Wire) — …", "WASHINGTON (AP) — …"): a place in capitals, then a dash within a
/// few words.
pub(super) fn dateline_end(cx: &Ctx, unit: (usize, usize)) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The units of `text`, as text, with the words in `cue_words` flagged as cues.
    fn unit_texts(text: &str, cue_words: &[&str]) -> Vec<String> {
        let doc = Doc::new(text);
        let cues: Vec<bool> = (0..doc.tokens.len())
            .map(|i| cue_words.contains(&doc.tok(i)))
            .collect();
        units(&doc, &cues)
            .into_iter()
            .map(|(s, e)| doc.span_of(s, e).text(text).to_string())
            .collect()
    }

    #[test]
    fn a_short_report_after_a_quotation_joins_it_unless_its_verb_has_an_object() {
        // a report with nothing of its own after the verb belongs to the quotation before it
        let u = unit_texts(
            "\u{201c}Why change course now?\u{201d} Vela questioned. The port stayed shut.",
            &["questioned"],
        );
        assert_eq!(
            u[0], "\u{201c}Why change course now?\u{201d} Vela questioned.",
            "{u:?}"
        );
        let u = unit_texts("\"Who pays?\" Ruiz asked on Friday.", &["asked"]);
        assert_eq!(u.len(), 1, "{u:?}");
        // one whose verb takes an object of its own is the next sentence, not a report of it
        let u = unit_texts(
            "Ost called the levy \"a tax on ferries.\" Ruiz has long supported the levy.",
            &["called", "supported"],
        );
        assert_eq!(u.len(), 2, "{u:?}");
    }
}
