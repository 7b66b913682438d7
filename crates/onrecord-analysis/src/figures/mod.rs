//! Figures: the quantities an article states ("at least 2,899 civilians", "$3.5 billion",
//! "43 percent", "for 10 years"), each with its value, unit, bound, what is counted, and who
//! gives it.
//!
//! A figure is read at a numeral (`read`: digits, number words, bound and measure words,
//! ranges, tallies), kept unless it is a date, year, time, name or framing period
//! (`filter`), given its counted noun and subject (`subject`), and credited to the speaker
//! of the statement it is part of (`source`). News conventions followed are those of the
//! figures guidelines in docs/FORMAT.md: millions expanded, shares in percent, cents as
//! fractions of a dollar.

mod filter;
mod numbers;
mod read;
mod source;
mod subject;

use onrecord_core::{Attribution, Bound, Figure, FigureValue, Span, Timex};

use crate::text::{Doc, TokKind};
use read::Read;

/// Every figure in the article, in text order. `attributions` are the article's statements
/// (figures inside one are credited to its speaker); `timexes` its time expressions (dates
/// are no figures).
pub fn find(doc: &Doc, attributions: &[Attribution], timexes: &[Timex]) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    for &(s, e) in &doc.sentences {
        let first_in_sentence = out.len();
        let mut i = s;
        while i < e {
            let Some(r) = read::read_at(doc, s, i, e) else {
                i += 1;
                continue;
            };
            if let Some(why) = filter::rejects(doc, s, &r, e, timexes) {
                // a framing period is passed whole: "during his seven and a half years"
                i = if matches!(why, "framing period" | "time offset") {
                    r.end
                } else {
                    i.max(r.num) + 1
                };
                continue;
            }
            let r = share_of(doc, s, r, e);
            let next = r.end.max(i + 1);
            if definite_restatement(doc, s, &r, e, &out) {
                i = next;
                continue;
            }
            let previous = out[first_in_sentence..].last().cloned();
            out.extend(figures_of(doc, &r, e, previous.as_ref()));
            i = next;
        }
    }
    source::credit(doc, &mut out, attributions);
    out
}

/// The lower-case token `j`, or nothing past the sentence's `end`.
pub(crate) fn word_at(doc: &Doc, j: usize, end: usize) -> String {
    if j < end {
        doc.lower(j).into_owned()
    } else {
        String::new()
    }
}

/// "eight of 10 avocados", "one in five voters", "$4 of every $5": a share, in percent.
fn share_of(doc: &Doc, floor: usize, mut r: Read, end: usize) -> Read {
    if r.high.is_some() || r.tally.is_some() || r.unit.as_deref() == Some("percent") {
        return r;
    }
    let mut j = r.end;
    let w = |j: usize| word_at(doc, j, end);
    match w(j).as_str() {
        "of" | "in" => j += 1,
        "out" if w(j + 1) == "of" => j += 2,
        _ => return r,
    }
    if matches!(w(j).as_str(), "every" | "each") {
        j += 1;
    }
    if j >= end {
        return r;
    }
    // "37 cents out of each dollar's worth": cents of a dollar are percent
    let dollar = w(j);
    if r.unit.as_deref() == Some("usd")
        && r.low < 1.0
        && (dollar == "dollar" || crate::text::strip_possessive(&dollar) == "dollar")
    {
        r.low = (r.low * 10000.0).round() / 100.0;
        r.unit = Some("percent".into());
        r.end = j + 1;
        r.measured = true;
        return r;
    }
    let Some(m) = read::read_at(doc, floor, j, end) else {
        return r;
    };
    let whole = m.low;
    let counted = m.end < end && doc.tokens[m.end].kind == TokKind::Word;
    if m.high.is_none()
        && whole > r.low
        && whole <= 1000.0
        && whole.fract() == 0.0
        && m.unit == r.unit
        && (counted || m.unit.is_some())
        && !(r.words && r.low == 1.0 && w(r.end) == "of")
    {
        r.low = (r.low / whole * 10000.0).round() / 100.0;
        r.unit = Some("percent".into());
        r.end = m.end;
        r.measured = true;
    }
    r
}

/// "the 1 percent excuse" after the 1 percent was named: a definite label that picks up an
/// amount the article already gave, adding nothing (no bound of its own), is no new figure.
fn definite_restatement(doc: &Doc, floor: usize, r: &Read, end: usize, seen: &[Figure]) -> bool {
    let Some(unit) = r.unit.as_deref() else {
        return false;
    };
    r.start > floor
        && r.bound == Bound::Exact
        && r.high.is_none()
        && doc.lower(r.start - 1) == "the"
        && r.end < end
        && doc.tokens[r.end].kind == TokKind::Word
        && !matches!(
            doc.lower(r.end).as_ref(),
            "of" | "to" | "in" | "for" | "from" | "and" | "or" | "on" | "at" | "a" | "an"
        )
        && seen
            .iter()
            .any(|f| f.unit == unit && f.value == FigureValue::One(r.low))
}

/// The figure (or two, for a tally "80-19") read as `r`, with unit and subject.
fn figures_of(doc: &Doc, r: &Read, end: usize, previous: Option<&Figure>) -> Vec<Figure> {
    let span = doc.tokens[r.start].span.cover(&doc.tokens[r.end - 1].span);
    let value = match r.high {
        Some(h) => FigureValue::Range(r.low, h),
        None => FigureValue::One(r.low),
    };
    let counted = subject::counted(doc, r, end);
    let mut unit =
        r.unit.clone().or_else(|| counted.noun.clone()).or_else(|| {
            (age_apposition(doc, r, end) || age_of_people(doc, r)).then(|| "years".into())
        });
    let mut bound = r.bound;
    // "At least 847 civilians have been killed and 1,399 injured", "… and 3,235 others
    // injured": the second shares the first's unit and leading bound
    let coordinate = previous.filter(|p| coordinated(doc, p.span, span));
    if let Some(p) = coordinate {
        let same_kind = counted.noun.is_none() && r.unit.is_none()
            || matches!(counted.noun.as_deref(), Some("others" | "more"));
        if same_kind {
            if r.unit.is_none() {
                unit = Some(p.unit.clone());
            }
            if bound == Bound::Exact
                && matches!(p.bound, Bound::AtLeast | Bound::MoreThan | Bound::About)
            {
                bound = p.bound;
            }
        }
    }
    let mut figure = Figure {
        span,
        value,
        unit: unit.unwrap_or_default(),
        bound,
        subject: counted.subject,
        source: None,
        statement: None,
        speaker: None,
        date: None,
    };
    let Some(second) = r.tally else {
        return vec![figure];
    };
    // a tally "80-19": two figures, the votes on each side
    let tok = doc.tokens[r.num].span;
    let cut = tok
        .text(doc.text)
        .find(['-', '\u{2010}', '\u{2011}'])
        .unwrap_or(0);
    figure.span = Span::new(tok.start, tok.start + cut);
    if figure.unit.is_empty() {
        figure.unit = "votes".into();
    }
    let mut other = figure.clone();
    other.span = Span::new(tok.start + cut + 1, tok.end);
    other.value = FigureValue::One(second);
    other.subject = None;
    vec![figure, other]
}

/// "Sarandon, 69, told MSNBC": a bare number set off by commas after a name is an age.
fn age_apposition(doc: &Doc, r: &Read, end: usize) -> bool {
    r.start >= 2
        && r.end < end
        && r.tally.is_none()
        && r.high.is_none()
        && (1.0..=120.0).contains(&r.low)
        && r.low.fract() == 0.0
        && doc.tok(r.start - 1) == ","
        && doc.tokens[r.start - 2].is_capitalized(doc.text)
        && !crate::lexicon::MONTHS.contains(&doc.lower(r.start - 2).as_ref())
        && matches!(doc.tok(r.end), "," | ".")
        // "born Sept, 26, 2014": a day of the month, its year after the comma
        && !(r.end + 1 < end && doc.tokens[r.end + 1].kind == TokKind::Number)
}

/// "voters aged 45 and older", "between the ages of 18 and 29", "voters over 65": a bare
/// number after an age word, or bounded right after people, is an age.
fn age_of_people(doc: &Doc, r: &Read) -> bool {
    if r.unit.is_some() || r.start == 0 || r.low > 120.0 {
        return false;
    }
    let before = doc.lower(r.start - 1);
    let age_word = matches!(before.as_ref(), "aged" | "ages" | "age")
        || (before == "of"
            && r.start >= 2
            && matches!(doc.lower(r.start - 2).as_ref(), "ages" | "age"));
    let bounded_people = r.start < r.num
        && matches!(
            before.as_ref(),
            "voters"
                | "people"
                | "adults"
                | "those"
                | "men"
                | "women"
                | "residents"
                | "americans"
                | "workers"
                | "children"
                | "patients"
                | "respondents"
        );
    age_word || bounded_people
}

/// Two figures joined by "and" or a comma with nothing but a few words between.
fn coordinated(doc: &Doc, first: Span, second: Span) -> bool {
    let between = &doc.text[first.end.min(second.start)..second.start];
    between.len() < 60
        && (between.contains(" and ") || between.contains(',') || between.contains(" to "))
        && !between.contains(['.', ';'])
}

#[cfg(test)]
mod tests;
