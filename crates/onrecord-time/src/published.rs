//! Publication-day inference from the text alone.
//!
//! Every candidate day comes from a date the text writes out: a full date ("Saturday, March
//! 5, 2022" in a caption, "on May 7, 2023"), or a month-day ("Feb. 24", a dateline's
//! "WARSAW, February 26") combined with a year the text writes. Each candidate is scored by
//! how well all the dated evidence fits it: past reports of full dates and month-days lie on
//! or shortly before the publication day, weekdays of past reports within the week before it
//! ("said Saturday"), years written in past reports not after it. The best candidate wins;
//! its confidence grows with the strength of its evidence and its margin over the next
//! candidate more than a day away.
//!
//! A date in the article's name (its URL or identifier, see [`crate::named`]) is one more
//! candidate, and its year anchors month-days the text writes without one. It wins when the
//! text says nothing against it; a dated caption or dateline still outweighs it.
//!
//! Without a written year there is no candidate: weekdays and month names alone never give a
//! day ("no guessing past the evidence").

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use onrecord_core::{InferredDay, Span};

use crate::lex::Toks;
use crate::named::{NameShape, NamedDate};
use crate::parse::{Expr, Sem, Tense, YearRef};

enum Ev {
    Full(NaiveDate),
    MonthDay(u32, u32),
    Weekday(Weekday, i8),
    Year(i32),
}

struct Evidence {
    ev: Ev,
    tense: Tense,
    span: Span,
    /// In the first lines (headline, caption, dateline).
    early: bool,
    /// In a photo caption, a dateline or a "published"/"updated" line.
    caption: bool,
    /// A full date written with its weekday, which agrees ("Saturday, March 5, 2022").
    weekday_agrees: bool,
}

fn gather(t: &Toks, exprs: &[Expr]) -> Vec<Evidence> {
    let mut out = Vec::new();
    // the first three non-empty lines are headline, caption and dateline territory
    let early_sent = t
        .toks
        .iter()
        .filter(|k| k.newline)
        .nth(3)
        .map(|k| k.sent)
        .unwrap_or(u32::MAX);
    for x in exprs {
        if x.kind == onrecord_core::TimexType::Duration || x.kind == onrecord_core::TimexType::Set {
            continue;
        }
        let span = Span::new(t.toks[x.s].start, t.toks[x.e - 1].end);
        let early = t.toks[x.s].sent < early_sent;
        let ev = match &x.sem {
            Sem::Cal {
                y: YearRef::Abs(y),
                m: Some(m),
                d: Some(d),
            } => match NaiveDate::from_ymd_opt(*y, *m, *d) {
                Some(day) => Ev::Full(day),
                None => continue,
            },
            Sem::Cal {
                y: YearRef::Open,
                m: Some(m),
                d: Some(d),
            } => {
                if NaiveDate::from_ymd_opt(2000, *m, *d).is_none() {
                    continue;
                }
                Ev::MonthDay(*m, *d)
            }
            Sem::Cal {
                y: YearRef::Abs(y),
                m: Some(_),
                d: None,
            } => Ev::Year(*y),
            Sem::Cal {
                y: YearRef::Abs(y),
                m: None,
                d: None,
            } => Ev::Year(*y),
            Sem::Weekday { wd, shift } if *shift == 0 || *shift == -1 => Ev::Weekday(*wd, *shift),
            _ => continue,
        };
        // a weekday written before a full date ("Saturday, March 5, 2022")
        let weekday_agrees = match ev {
            Ev::Full(day) => {
                crate::lexicon::weekday(t.low(x.s)).is_some_and(|w| w == day.weekday())
            }
            _ => false,
        };
        if !(1000..=2199).contains(&match ev {
            Ev::Full(d) => d.year(),
            Ev::Year(y) => y,
            _ => 2000,
        }) {
            continue;
        }
        let caption = matches!(ev, Ev::Full(_) | Ev::MonthDay(..)) && caption_line(t.text, span);
        out.push(Evidence {
            ev,
            tense: x.tense,
            span,
            early,
            caption,
            weekday_agrees,
        });
    }
    out
}

/// The date stands in a photo caption ("… on May 7, 2023. (AFP Photo)"), a dateline ("WARSAW,
/// March 5, 2022 (Xinhua) –", a date near the start of its line) or a line saying when the
/// article was published or updated.
fn caption_line(text: &str, span: Span) -> bool {
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    // a dateline: "KESTREL, March 8, 2031", "WARSAW (AP) — March 8, 2031"; no lower-case
    // word before the date
    let head = &text[start..span.start];
    if head.chars().count() <= 40
        && !head
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w.chars().next().is_some_and(char::is_lowercase))
    {
        return true;
    }
    // a photo credit or agency mark shortly after the date, a "published" shortly before
    let mut a = span.end.min(end);
    let mut b = (span.end + 80).min(end);
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    let after = text[a..b].to_ascii_lowercase();
    a = span.start.saturating_sub(40).max(start);
    while !text.is_char_boundary(a) {
        a += 1;
    }
    let before = text[a..span.start].to_ascii_lowercase();
    const AFTER: &[&str] = &[
        "photo",
        "(ap)",
        "(afp)",
        "(reuters)",
        "(xinhua)",
        "(aa)",
        "getty images",
    ];
    const BEFORE: &[&str] = &[
        "published",
        "updated",
        "posted",
        "last modified",
        "(ap)",
        "(afp)",
        "(reuters)",
    ];
    AFTER.iter().any(|m| after.contains(m)) || BEFORE.iter().any(|m| before.contains(m))
}

/// A past report of day `c` supports publication day `p` when `p` is that day or the next.
fn near(p: NaiveDate, c: NaiveDate) -> bool {
    matches!((p - c).num_days(), 0 | 1)
}

/// The nearest day with month `m` and day `d` on or before `p + 1`.
fn md_before(p: NaiveDate, m: u32, d: u32) -> Option<NaiveDate> {
    let limit = p + Duration::days(1);
    [p.year() + 1, p.year(), p.year() - 1]
        .iter()
        .filter_map(|&y| NaiveDate::from_ymd_opt(y, m, d))
        .find(|c| *c <= limit)
}

/// Support for a candidate day, the spans that give it, and what kind of support it is.
struct Fit {
    score: f32,
    full: bool,
    weekday: bool,
    month_day: bool,
    /// A dateline or caption month-day naming this very day.
    dateline: bool,
    /// A past report of a later day: the article is not from this day.
    contradicted: bool,
    spans: Vec<Span>,
}

fn fit(p: NaiveDate, evs: &[Evidence], named: Option<NaiveDate>) -> Fit {
    let mut f = Fit {
        score: 0.0,
        full: false,
        weekday: false,
        month_day: false,
        dateline: false,
        contradicted: false,
        spans: Vec::new(),
    };
    let mut weekday_support = 0.0f32;
    let mut year_support = 0.0f32;
    for e in evs {
        let future = e.tense == Tense::Future;
        let past = e.tense == Tense::Past;
        match e.ev {
            Ev::Full(c) => {
                // news style writes the year of a day in the body only when it is not the
                // current year: only captions, datelines and dates written with their weekday
                // ("Saturday, March 5, 2022") can give the publication day
                let caption = e.caption || e.weekday_agrees;
                if !future && caption && near(p, c) {
                    f.score += 3.0 + if e.weekday_agrees { 1.0 } else { 0.0 };
                    f.full = true;
                    f.weekday |= e.weekday_agrees;
                    f.spans.push(e.span);
                } else if past && c > p + Duration::days(1) {
                    // a past report of a later day: the article cannot be older
                    f.score -= 2.0;
                    f.contradicted = true;
                }
            }
            Ev::MonthDay(m, d) if !future => {
                let Some(c) = md_before(p, m, d).filter(|&c| near(p, c)) else {
                    continue;
                };
                // a dateline or caption's month-day is the day itself ("HAVANA, August 7
                // (Xinhua) --"), as good as a full date once the year is known
                let same_day = c == p;
                f.dateline |= e.caption && same_day;
                f.score += match (e.caption, same_day, e.early) {
                    (true, true, _) => 4.0,
                    (true, false, _) | (false, _, true) => 1.5,
                    (false, _, false) => 1.0,
                };
                f.month_day = true;
                f.spans.push(e.span);
            }
            Ev::Weekday(wd, 0) if !future => {
                let back = (p.weekday().num_days_from_monday() as i64
                    - wd.num_days_from_monday() as i64)
                    .rem_euclid(7);
                if back <= 1 {
                    weekday_support += if back == 0 { 1.0 } else { 0.7 };
                    f.weekday = true;
                    f.spans.push(e.span);
                }
            }
            Ev::Year(y) => {
                if !future && y == p.year() {
                    year_support += 0.5;
                } else if past && y > p.year() {
                    f.score -= 1.0;
                }
            }
            _ => {}
        }
    }
    f.score += weekday_support.min(2.0) + year_support.min(1.0);
    // the name's day: worth a little less than a dated caption or dateline, which it
    // yields to (a wire desk files a story under its own day)
    if let Some(n) = named {
        match (p - n).num_days() {
            0 => f.score += 3.5,
            -1 | 1 => f.score += 0.5,
            _ => {}
        }
    }
    f
}

pub(crate) fn infer(t: &Toks, exprs: &[Expr], named: Option<&NamedDate>) -> Option<InferredDay> {
    let evs = gather(t, exprs);
    let named_day = named.and_then(|n| n.day);
    // candidate days: a full date or the day after; a month-day the text gives in a year it
    // writes out, or the day after
    let mut cands: Vec<NaiveDate> = Vec::new();
    let mut years: Vec<i32> = Vec::new();
    for e in &evs {
        match e.ev {
            Ev::Full(c) if e.tense != Tense::Future => {
                years.push(c.year());
                if e.caption || e.weekday_agrees {
                    cands.push(c);
                    cands.extend(c.succ_opt());
                }
            }
            Ev::Year(y) if e.tense != Tense::Future => years.push(y),
            _ => {}
        }
    }
    // a year the name gives anchors month-days like a year the text writes
    years.extend(named.map(|n| n.year));
    years.sort_unstable();
    years.dedup();
    for e in &evs {
        if let Ev::MonthDay(m, d) = e.ev {
            if e.tense == Tense::Future {
                continue;
            }
            for &y in &years {
                if let Some(c) = NaiveDate::from_ymd_opt(y, m, d) {
                    cands.push(c);
                    cands.extend(c.succ_opt());
                }
            }
        }
    }
    cands.extend(named_day);
    cands.sort_unstable();
    cands.dedup();
    let mut best: Option<(Fit, NaiveDate)> = None;
    for &p in &cands {
        let f = fit(p, &evs, named_day);
        // ties go to the earlier day: news reports the day things happen
        if best.as_ref().is_none_or(|(b, _)| f.score > b.score) {
            best = Some((f, p));
        }
    }
    let (mut f, mut day) = best?;
    // the name's day stands when the text's best day is within a day of it: a dateline
    // names the day where the story was written, the name the day it was filed
    if let Some(n) = named_day.filter(|n| (*n - day).num_days().abs() == 1) {
        let g = fit(n, &evs, named_day);
        if !g.contradicted && g.score > 0.0 {
            (f, day) = (g, n);
        }
    }
    // how sure: a full date in the caption or dateline that agrees with the weekdays the
    // text reports is as good as metadata; a lone full date in the body is not enough; a
    // dateline's month-day counts as a full date once a year is known
    let full = f.full || f.dateline;
    let text_confidence: f32 = match (full, f.weekday, f.month_day, f.contradicted) {
        (_, _, _, true) => 0.2,
        (true, true, _, _) => 0.9,
        (true, false, _, _) => 0.6,
        (false, true, true, _) => 0.4,
        _ => 0.25,
    };
    // a name's date: a full one is fair evidence alone and good with the text agreeing; a
    // wire-style two-digit year less so
    let from_name = named_day == Some(day);
    let confidence = if from_name && !f.contradicted {
        let alone = match named.map(|n| n.shape) {
            Some(NameShape::WireShort) => 0.6,
            _ => 0.7,
        };
        let agrees = f.full || f.weekday || f.month_day;
        text_confidence.max(if agrees { alone + 0.15 } else { alone })
    } else {
        text_confidence
    };
    if f.score <= 0.0 || confidence < CONFIDENT {
        return None;
    }
    let mut evidence = f.spans;
    evidence.sort();
    evidence.dedup();
    Some(InferredDay {
        day,
        confidence,
        evidence,
        named: from_name.then(|| named.map(|n| n.name.clone())).flatten(),
    })
}

/// Below this confidence no day is inferred: the text does not pin one down.
pub const CONFIDENT: f32 = 0.5;
