//! Statement days: the day each attribution was made.
//!
//! A day expression governing the cue ("said Saturday", "told … on Sunday", "On March 3,
//! Kaya said") wins. Otherwise the article's principal speaker's undated statements take the
//! day of that speaker's dated ones, else the publication day. Statements by others, in the
//! perfect ("has said"), or in the future ("will tell") stay undated: no guessing past the
//! evidence.
//!
//! The expressions come from the time layer (`onrecord-time`): every TIMEX3 of the article,
//! normalised against the publication day, or against the day the text itself pins down
//! (a dated caption, a dateline) when the article gives none. Those that name a calendar day
//! are the candidates for statement days.

use chrono::{Duration, NaiveDate};
use onrecord_core::{AttributionKind, DayEvidence, InferredDay, Span, Timex};

use crate::attrib::Found;
use crate::text::{is_caption, Doc, TokKind};

/// The time layer's view of one article.
pub struct Timeline {
    /// Every temporal expression, normalised against `reference`.
    pub timexes: Vec<Timex>,
    /// The publication day inferred from the text, when the article gives none and the text
    /// pins one down.
    pub inferred: Option<InferredDay>,
    /// The day relative expressions are anchored on: the publication day, else the inferred
    /// one.
    pub reference: Option<NaiveDate>,
}

impl Timeline {
    /// `names` are the article's URL and identifier, whose dates may help infer a
    /// publication day `published` does not give.
    pub fn new(text: &str, published: Option<NaiveDate>, names: &[&str]) -> Timeline {
        let scan = onrecord_time::Scan::new(text);
        let inferred = match published {
            Some(_) => None,
            None => scan.infer_published_named(names),
        };
        let reference = published.or(inferred.as_ref().map(|d| d.day));
        Timeline {
            timexes: scan.timexes(reference),
            inferred,
            reference,
        }
    }
}

/// A day expression found in the text: its token range and the day it names.
#[derive(Clone, Debug)]
pub struct DayExpr {
    pub toks: (usize, usize),
    pub span: Span,
    pub day: Option<NaiveDate>,
    pub value: String,
}

/// The timexes that name a calendar day ("Saturday", "March 5, 2022", "late Saturday",
/// "yesterday", "Friday night"), on the document's tokens.
pub fn day_expressions(doc: &Doc, timexes: &[Timex]) -> Vec<DayExpr> {
    timexes
        .iter()
        .filter_map(|t| {
            let day = onrecord_time::day_of(t)?;
            let s = doc.token_at(t.span.start);
            let e = doc.token_at(t.span.end).max(s + 1).min(doc.tokens.len());
            (s < e).then(|| DayExpr {
                toks: (s, e),
                span: t.span,
                day: Some(day),
                value: t.value.clone(),
            })
        })
        .collect()
}

/// The cue is in the perfect or points to the future: such statements get no day by default
/// (habitual adverbs in or beside the cue: see [`habitual`]).
fn undatable_cue(doc: &Doc, cue: &[Span]) -> bool {
    let Some(c) = cue.first() else { return false };
    c.text(doc.text).to_lowercase().split_whitespace().any(|w| {
        matches!(
            w,
            "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "could"
                | "may"
                | "might"
                | "should"
                | "must"
                | "can"
                | "recently"
                | "earlier"
        )
    })
}

/// Adverbs that make a report habitual or long-standing ("has long said", "frequently
/// voiced", "has repeatedly argued"): said on many days, none of them the publication day.
const HABITUAL: &[&str] = &[
    "long",
    "repeatedly",
    "frequently",
    "often",
    "always",
    "consistently",
    "routinely",
    "regularly",
    "constantly",
    "persistently",
    "usually",
    "previously",
    "already",
    "never",
];

/// The report is habitual or long-standing: a [`HABITUAL`] adverb in the cue ("has long
/// said", "frequently voiced") or in the run of words touching it ("Russia has long said",
/// "said repeatedly"), or "for years" after it. A comma, a quote mark or a clause boundary
/// ends the run, so "Kaya, who has long opposed it, said" stays a dated report.
fn habitual(doc: &Doc, f: &Found) -> bool {
    let in_cue = f.cue.iter().any(|c| {
        c.text(doc.text)
            .split(|ch: char| !ch.is_alphanumeric())
            .any(|w| HABITUAL.contains(&w.to_lowercase().as_str()))
    });
    let word = |i: usize| {
        let t = &doc.tokens[i];
        (t.kind == TokKind::Word && !t.in_quote && !f.cue.iter().any(|c| c.overlaps(&t.span)))
            .then(|| t.text(doc.text).to_lowercase())
    };
    let cue_start = f
        .cue
        .first()
        .map_or(f.cue_tok, |c| doc.token_at(c.start).min(f.cue_tok));
    let cue_end = f
        .cue
        .last()
        .map_or(f.cue_tok + 1, |c| doc.token_at(c.end).max(f.cue_tok + 1));
    let before = (cue_start.saturating_sub(3)..cue_start)
        .rev()
        .map_while(word)
        .any(|w| HABITUAL.contains(&w.as_str()));
    let after: Vec<String> = (cue_end..(cue_end + 3).min(doc.tokens.len()))
        .map_while(word)
        .collect();
    let for_long = after.windows(2).any(|w| {
        w[0] == "for" && matches!(w[1].as_str(), "years" | "months" | "decades" | "weeks")
    });
    in_cue
        || before
        || for_long
        || after
            .first()
            .is_some_and(|w| HABITUAL.contains(&w.as_str()))
}

/// Assign each attribution its day. `speakers[i]` is the speaker index of `found[i]`.
pub fn statement_days(
    doc: &Doc,
    found: &[Found],
    speakers: &[Option<usize>],
    published: Option<NaiveDate>,
    exprs: &[DayExpr],
) -> Vec<(Option<NaiveDate>, Option<DayEvidence>)> {
    let mut out: Vec<(Option<NaiveDate>, Option<DayEvidence>)> = vec![(None, None); found.len()];
    // 1. an expression in the cue's sentence, outside the content and outside quotes
    for (k, f) in found.iter().enumerate() {
        let cue_tok = f.cue_tok;
        let para = doc.tokens[cue_tok].para;
        if doc
            .paragraphs
            .get(para as usize)
            .is_some_and(|p| is_caption(p.text(doc.text)))
        {
            continue; // a caption's day is the photo's
        }
        let sent = doc
            .sentences
            .iter()
            .find(|&&(s, e)| s <= cue_tok && cue_tok < e)
            .copied()
            .unwrap_or((cue_tok, cue_tok + 1));
        let best = exprs
            .iter()
            .filter(|x| {
                x.toks.0 >= sent.0 && x.toks.1 <= sent.1 && doc.tokens[x.toks.0].para == para
            })
            .filter(|x| !doc.tokens[x.toks.0].in_quote)
            .filter(|x| {
                !found
                    .iter()
                    .any(|g| g.content.iter().any(|c| c.overlaps(&x.span)))
            })
            .min_by_key(|x| (x.toks.0 as i64 - cue_tok as i64).abs());
        if let Some(x) = best {
            if let Some(day) = x
                .day
                .filter(|d| published.is_none_or(|p| *d <= p + Duration::days(1)))
            {
                out[k] = (Some(day), Some(DayEvidence::Expression { span: x.span }));
            }
        }
    }
    // 2. the principal speaker: the one with most statements (ties: the first)
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for sp in speakers.iter().flatten() {
        match counts.iter_mut().find(|(s, _)| s == sp) {
            Some(c) => c.1 += 1,
            None => counts.push((*sp, 1)),
        }
    }
    // the principal speakers: the most quoted, and any other quoted at least half as often
    // (and three times or more)
    let top = counts.iter().map(|(_, c)| *c).max().unwrap_or(0);
    let principal: Vec<usize> = counts
        .iter()
        .filter(|(_, c)| *c >= 2 && (*c == top || *c >= 3 && 2 * *c >= top))
        .map(|(s, _)| *s)
        .collect();
    // speakers of the title paragraph are main speakers too
    let title_speakers: Vec<usize> = found
        .iter()
        .zip(speakers)
        .filter(|(f, _)| f.kind == AttributionKind::Headline || doc.tokens[f.cue_tok].para == 0)
        .filter_map(|(_, s)| *s)
        .collect();
    for k in 0..found.len() {
        if out[k].0.is_some() {
            continue;
        }
        if habitual(doc, &found[k]) {
            out[k] = (None, Some(DayEvidence::Habitual));
            continue;
        }
        let Some(sp) = speakers[k] else { continue };
        let main = principal.contains(&sp) || title_speakers.contains(&sp);
        // a participle shares the tense of its main clause ("has opposed …, urging …")
        let main_clause = found[k]
            .shares_source_of
            .and_then(|c| found.iter().find(|g| g.cue_tok == c));
        let undatable = |f: &Found| undatable_cue(doc, &f.cue) || habitual(doc, f);
        if !main || undatable(&found[k]) || main_clause.is_some_and(undatable) {
            continue;
        }
        // the day of this speaker's expression-dated statements, if any
        let ctx = (0..found.len())
            .filter(|&j| speakers[j] == Some(sp))
            .find_map(|j| match &out[j].1 {
                Some(DayEvidence::Expression { span }) => out[j].0.map(|d| (d, *span)),
                _ => None,
            });
        out[k] = match ctx {
            Some((d, span)) => (Some(d), Some(DayEvidence::Context { span })),
            None => (published, published.map(|_| DayEvidence::Published)),
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(text: &str, reference: &str) -> Vec<(String, String)> {
        let doc = Doc::new(text);
        let t = Timeline::new(text, reference.parse().ok(), &[]);
        day_expressions(&doc, &t.timexes)
            .into_iter()
            .map(|x| (x.span.text(text).to_string(), x.value))
            .collect()
    }

    #[test]
    fn explicit_dates_and_month_days() {
        let text = "It happened on May 7, 2023, and again on March 3 and 4 June 2021.";
        let v: Vec<String> = days(text, "2023-05-08").into_iter().map(|x| x.1).collect();
        assert_eq!(v, vec!["2023-05-07", "2023-03-03", "2021-06-04"]);
    }

    #[test]
    fn only_expressions_naming_a_day_are_day_expressions() {
        let text = "The envoy said Saturday that talks would resume next week, in March.";
        assert_eq!(
            days(text, "2031-03-08"),
            vec![("Saturday".to_string(), "2031-03-08".to_string())]
        );
    }

    #[test]
    fn a_dated_caption_stands_in_for_a_missing_publication_day() {
        let text = "Talks must go on: Kaya\nA ferry leaves the harbour, Saturday, March 8, 2031. (Photo)\nKaya said Saturday the talks must go on.";
        let t = Timeline::new(text, None, &[]);
        assert_eq!(t.reference, "2031-03-08".parse().ok());
        assert!(t.inferred.is_some_and(|d| d.confidence >= 0.5));
        let none = Timeline::new("Kaya said Saturday the talks must go on.", None, &[]);
        assert_eq!(none.reference, None);
        assert_eq!(none.timexes[0].value, "XXXX-WXX-6");
    }

    /// Habitual and long-standing reports were made on many days: they never take the
    /// publication day, while the same speaker's plain reports do.
    #[test]
    fn habitual_reports_get_no_day() {
        let text = "Ferry tolls will rise, Harbour Minister Ana Kaya said.\n\n\"We have no choice,\" Kaya said.\n\nKaya has long said the harbour needs money.\n\nKaya frequently voiced concern that the old piers are weak.\n\nKaya said repeatedly that the tolls are too low.\n\nKaya often said the piers were old.\n\nKaya, who has long opposed new piers, said the budget is tight.";
        let a = onrecord_core::Article {
            id: "t".into(),
            text: text.into(),
            published: "2031-03-08".parse().ok(),
            ..Default::default()
        };
        let got: Vec<(String, Option<String>, Option<DayEvidence>)> = crate::analyze(&a)
            .attributions
            .iter()
            .map(|at| {
                (
                    at.content[0].text(text).to_string(),
                    at.date.map(|d| d.to_string()),
                    at.date_evidence.clone(),
                )
            })
            .collect();
        let day = |content: &str| {
            got.iter()
                .find(|(c, ..)| c.starts_with(content))
                .map(|(_, d, e)| (d.clone(), e.clone()))
        };
        for undated in ["the harbour", "that the old", "that the tolls", "the piers"] {
            let habitual = (None, Some(DayEvidence::Habitual));
            assert_eq!(day(undated), Some(habitual), "{undated}: {got:?}");
        }
        let dated = got
            .iter()
            .filter(|(_, d, _)| d.as_deref() == Some("2031-03-08"))
            .count();
        assert_eq!(dated, 3, "{got:?}");
    }
}
