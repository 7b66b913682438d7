//! Statement days: the day each attribution was made.
//!
//! A day expression governing the cue ("said Saturday", "told … on Sunday", "On March 3,
//! Kaya said") wins. Otherwise the article's principal speaker's undated statements take the
//! day of that speaker's dated ones, else the publication day. Statements by others, in the
//! perfect ("has said"), or in the future ("will tell") stay undated: no guessing past the
//! evidence. (The full TIMEX3 layer is a later step; this module finds the day expressions
//! that statement days need.)

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use onrecord_core::{AttributionKind, DayEvidence, Span, Timex, TimexType};

use crate::attrib::Found;
use crate::text::{Doc, TokKind};

const MONTHS: &[&str] = &[
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
];

fn month_of(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| {
            *m == w || (w.len() >= 3 && m.starts_with(w) && (w.len() == 3 || w == "sept"))
        })
        .map(|i| i as u32 + 1)
}

fn weekday_of(w: &str) -> Option<Weekday> {
    Some(match w {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// A day expression found in the text: its token range and the day it names (when the
/// reference day allows resolving it).
#[derive(Clone, Debug)]
pub struct DayExpr {
    pub toks: (usize, usize),
    pub span: Span,
    pub day: Option<NaiveDate>,
    pub value: String,
}

/// The most recent `wd` on or before `reference` (future: the next one after it).
fn weekday_near(reference: NaiveDate, wd: Weekday, future: bool) -> NaiveDate {
    let r = reference.weekday().num_days_from_monday() as i64;
    let w = wd.num_days_from_monday() as i64;
    if future {
        let d = (w - r).rem_euclid(7);
        reference + Duration::days(if d == 0 { 7 } else { d })
    } else {
        reference - Duration::days((r - w).rem_euclid(7))
    }
}

/// Find day expressions: weekdays, today/yesterday, "Month Day(, Year)", "Day Month Year".
pub fn day_expressions(doc: &Doc, reference: Option<NaiveDate>) -> Vec<DayExpr> {
    let mut out = Vec::new();
    let n = doc.tokens.len();
    let mut i = 0;
    while i < n {
        if doc.tokens[i].kind != TokKind::Word {
            i += 1;
            continue;
        }
        let w = doc.lower(i);
        let num = |j: usize| {
            (j < n && doc.tokens[j].kind == TokKind::Number)
                .then(|| doc.tok(j).parse::<u32>().ok())
                .flatten()
        };
        if let Some(m) = month_of(&w).filter(|_| doc.tokens[i].is_capitalized(doc.text)) {
            if let Some(d) = num(i + 1).filter(|d| (1..=31).contains(d)) {
                let mut end = i + 2;
                let mut year = None;
                if end + 1 < n && doc.tok(end) == "," {
                    if let Some(y) = num(end + 1).filter(|y| (1900..=2100).contains(y)) {
                        year = Some(y as i32);
                        end += 2;
                    }
                }
                let y = year.or_else(|| {
                    reference.map(|r| {
                        // a month-day without a year: the nearest such day not after the reference
                        let cand = NaiveDate::from_ymd_opt(r.year(), m, d);
                        match cand {
                            Some(c) if c > r + Duration::days(31) => r.year() - 1,
                            _ => r.year(),
                        }
                    })
                });
                let day = y.and_then(|y| NaiveDate::from_ymd_opt(y, m, d));
                let value = match (year, day) {
                    (Some(_), Some(dd)) | (None, Some(dd)) => dd.to_string(),
                    _ => format!("XXXX-{m:02}-{d:02}"),
                };
                let span = doc.tokens[i].span.cover(&doc.tokens[end - 1].span);
                out.push(DayExpr {
                    toks: (i, end),
                    span,
                    day,
                    value,
                });
                i = end;
                continue;
            }
        }
        if let Some(d) = num(i.wrapping_sub(1)).filter(|d| i > 0 && (1..=31).contains(d)) {
            if let Some(m) = month_of(&w) {
                if let Some(y) = num(i + 1).filter(|y| (1900..=2100).contains(y)) {
                    if let Some(day) = NaiveDate::from_ymd_opt(y as i32, m, d) {
                        let span = doc.tokens[i - 1].span.cover(&doc.tokens[i + 1].span);
                        out.push(DayExpr {
                            toks: (i - 1, i + 2),
                            span,
                            day: Some(day),
                            value: day.to_string(),
                        });
                        i += 2;
                        continue;
                    }
                }
            }
        }
        if let Some(wd) = weekday_of(&w) {
            let mut s = i;
            if i > 0
                && matches!(
                    doc.lower(i - 1).as_ref(),
                    "on" | "late" | "early" | "last" | "this" | "next"
                )
            {
                s = i - 1;
            }
            let future = matches!(doc.lower(s).as_ref(), "next") || is_future_context(doc, s);
            let day = reference.map(|r| weekday_near(r, wd, future));
            let value = day
                .map(|d| d.to_string())
                .unwrap_or_else(|| format!("XXXX-WXX-{}", wd.number_from_monday()));
            out.push(DayExpr {
                toks: (s, i + 1),
                span: doc.tokens[s].span.cover(&doc.tokens[i].span),
                day,
                value,
            });
            i += 1;
            continue;
        }
        if matches!(w.as_ref(), "today" | "yesterday" | "tonight") {
            let day = reference.map(|r| {
                if w == "yesterday" {
                    r - Duration::days(1)
                } else {
                    r
                }
            });
            let value = day
                .map(|d| d.to_string())
                .unwrap_or_else(|| "PRESENT_REF".into());
            out.push(DayExpr {
                toks: (i, i + 1),
                span: doc.tokens[i].span,
                day,
                value,
            });
        }
        i += 1;
    }
    out
}

/// "will … on Sunday": a modal or "will" shortly before the expression points forward.
fn is_future_context(doc: &Doc, at: usize) -> bool {
    let lo = at.saturating_sub(8);
    (lo..at)
        .rev()
        .take_while(|&j| {
            doc.tokens[j].para == doc.tokens[at].para && !matches!(doc.tok(j), "." | ";")
        })
        .any(|j| {
            matches!(
                doc.lower(j).as_ref(),
                "will" | "would" | "next" | "plans" | "going" | "'ll" | "scheduled"
            )
        })
}

/// The cue is in the perfect or points to the future: such statements get no day by default.
fn undatable_cue(doc: &Doc, cue: &[Span]) -> bool {
    let Some(c) = cue.first() else { return false };
    let words = c.text(doc.text).to_lowercase();
    let first = words.split_whitespace().next().unwrap_or("");
    words.split_whitespace().any(|w| {
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
                | "long"
                | "repeatedly"
                | "frequently"
                | "often"
                | "previously"
                | "earlier"
        )
    }) || first == "will"
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
        let Some(sp) = speakers[k] else { continue };
        let main = principal.contains(&sp) || title_speakers.contains(&sp);
        // a participle shares the tense of its main clause ("has opposed …, urging …")
        let main_clause = found[k]
            .shares_source_of
            .and_then(|c| found.iter().find(|g| g.cue_tok == c));
        if !main
            || undatable_cue(doc, &found[k].cue)
            || main_clause.is_some_and(|g| undatable_cue(doc, &g.cue))
        {
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

/// The day expressions as TIMEX3 DATE values.
pub fn timexes(exprs: &[DayExpr]) -> Vec<Timex> {
    exprs
        .iter()
        .map(|x| Timex {
            span: x.span,
            kind: TimexType::Date,
            value: x.value.clone(),
            modifier: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_resolve_to_the_nearest_past_day() {
        let sat = NaiveDate::from_ymd_opt(2022, 3, 5).unwrap();
        assert_eq!(
            weekday_near(sat, Weekday::Fri, false),
            NaiveDate::from_ymd_opt(2022, 3, 4).unwrap()
        );
        assert_eq!(weekday_near(sat, Weekday::Sat, false), sat);
        assert_eq!(
            weekday_near(sat, Weekday::Sun, true),
            NaiveDate::from_ymd_opt(2022, 3, 6).unwrap()
        );
    }

    #[test]
    fn explicit_dates_and_month_days() {
        let text = "It happened on May 7, 2023, and again on March 3 and 4 June 2021.";
        let doc = Doc::new(text);
        let r = NaiveDate::from_ymd_opt(2023, 5, 8);
        let v: Vec<String> = day_expressions(&doc, r)
            .into_iter()
            .map(|x| x.value)
            .collect();
        assert_eq!(v, vec!["2023-05-07", "2023-03-03", "2021-06-04"]);
    }
}
