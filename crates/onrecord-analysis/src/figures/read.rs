//! Reading one figure at a token: the numeral, its scale, currency and measure words, its
//! bound, and a second end for ranges. What is *not* a figure (years, days, times of day,
//! names) is decided in `filter`, and what is counted in `subject`.

use onrecord_core::Bound;

use super::numbers::{fraction_word, glued_scale, parse_digits, scale_word, small_word, Decimal};
use crate::text::{Doc, TokKind};

/// A figure as read from the tokens `start..end` (bound and measure words included).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Read {
    pub start: usize,
    pub end: usize,
    /// The first token of the numeral itself (after bound words and currency signs).
    pub num: usize,
    pub low: f64,
    /// The upper end of a range.
    pub high: Option<f64>,
    pub unit: Option<String>,
    pub bound: Bound,
    /// Written in words ("two", "a dozen"), not digits.
    pub words: bool,
    /// Measure words follow the number ("percent", "years", "dollars"): something is
    /// measured, so this is no name or label.
    pub measured: bool,
    /// A second figure read from the same token: the "19" of a tally "80-19".
    pub tally: Option<f64>,
}

/// A currency sign or code before a number.
fn currency_sign(w: &str) -> Option<&'static str> {
    Some(match w {
        "$" | "US$" | "USD" => "usd",
        "£" | "GBP" => "gbp",
        "€" | "EUR" => "eur",
        "¥" => "jpy",
        "₺" => "try",
        "₽" => "rub",
        "₴" => "uah",
        "C$" => "cad",
        "A$" => "aud",
        _ => return None,
    })
}

/// Currency words after a number, with the factor to the main unit (cents are hundredths).
fn currency_word(w: &str) -> Option<(&'static str, f64)> {
    Some(match w {
        "dollar" | "dollars" => ("usd", 1.0),
        "cent" | "cents" => ("usd", 0.01),
        "euro" | "euros" => ("eur", 1.0),
        "pence" | "penny" => ("gbp", 0.01),
        "yen" => ("jpy", 1.0),
        "yuan" | "renminbi" => ("cny", 1.0),
        "ruble" | "rubles" | "roubles" | "rouble" => ("rub", 1.0),
        "lira" | "liras" => ("try", 1.0),
        "rupee" | "rupees" => ("inr", 1.0),
        "hryvnia" | "hryvnias" => ("uah", 1.0),
        _ => return None,
    })
}

/// Time units, singular and plural, as the plural unit and the factor to it.
pub(crate) fn time_unit(w: &str) -> Option<(&'static str, f64)> {
    Some(match w {
        "year" | "years" => ("years", 1.0),
        "decade" | "decades" => ("years", 10.0),
        "century" | "centuries" => ("years", 100.0),
        "month" | "months" => ("months", 1.0),
        "week" | "weeks" => ("weeks", 1.0),
        "day" | "days" => ("days", 1.0),
        "hour" | "hours" => ("hours", 1.0),
        "minute" | "minutes" => ("minutes", 1.0),
        "second" | "seconds" => ("seconds", 1.0),
        _ => return None,
    })
}

/// Measure nouns inside a hyphenated numeral ("45-minute", "15-count", "ten-point"), as the
/// plural unit.
fn compound_measure(w: &str) -> Option<&'static str> {
    if let Some((u, _)) = time_unit(w) {
        return Some(u);
    }
    Some(match w {
        "point" => "points",
        "percent" => "percent",
        "mile" => "miles",
        "foot" => "feet",
        "inch" => "inches",
        "acre" => "acres",
        "count" => "counts",
        "member" => "members",
        "person" => "people",
        "man" => "men",
        "woman" => "women",
        "page" => "pages",
        "seat" => "seats",
        "vote" => "votes",
        "game" => "games",
        "ton" => "tons",
        "pound" => "pounds",
        "gallon" => "gallons",
        "meter" | "metre" => "meters",
        "kilometer" | "kilometre" => "kilometers",
        "story" | "storey" => "stories",
        "bed" => "beds",
        "room" => "rooms",
        "state" => "states",
        "nation" => "nations",
        "country" => "countries",
        "mph" => "mph",
        _ => return None,
    })
}

/// Bound phrases before a number, longest first; `true` when the words belong in the span
/// ("at least 2,899"), `false` when they stay outside ("only 12").
const BOUNDS_BEFORE: &[(&[&str], Bound, bool)] = &[
    (&["at", "least"], Bound::AtLeast, true),
    (&["as", "few", "as"], Bound::AtLeast, true),
    (&["no", "fewer", "than"], Bound::AtLeast, true),
    (&["no", "less", "than"], Bound::AtLeast, true),
    (&["more", "than"], Bound::MoreThan, true),
    (&["just", "over"], Bound::MoreThan, true),
    (&["just", "above"], Bound::MoreThan, true),
    (&["well", "over"], Bound::MoreThan, true),
    (&["well", "above"], Bound::MoreThan, true),
    (&["upwards", "of"], Bound::MoreThan, true),
    (&["in", "excess", "of"], Bound::MoreThan, true),
    (&["over"], Bound::MoreThan, true),
    (&["above"], Bound::MoreThan, true),
    (&["exceeds"], Bound::MoreThan, true),
    (&["exceeding"], Bound::MoreThan, true),
    (&["up", "to"], Bound::AtMost, true),
    (&["as", "many", "as"], Bound::AtMost, true),
    (&["as", "much", "as"], Bound::AtMost, true),
    (&["as", "high", "as"], Bound::AtMost, true),
    (&["as", "long", "as"], Bound::AtMost, true),
    (&["no", "more", "than"], Bound::AtMost, true),
    (&["at", "most"], Bound::AtMost, true),
    (&["less", "than"], Bound::LessThan, true),
    (&["fewer", "than"], Bound::LessThan, true),
    (&["just", "under"], Bound::LessThan, true),
    (&["under"], Bound::LessThan, true),
    (&["below"], Bound::LessThan, true),
    (&["nearly"], Bound::About, true),
    (&["almost"], Bound::About, true),
    (&["about"], Bound::About, true),
    (&["around"], Bound::About, true),
    (&["roughly"], Bound::About, true),
    (&["approximately"], Bound::About, true),
    (&["some"], Bound::About, true),
    (&["approaches"], Bound::About, true),
    (&["approaching"], Bound::About, true),
    (&["close", "to"], Bound::About, true),
    (&["an", "estimated"], Bound::Exact, false),
    (&["just"], Bound::Exact, false),
    (&["only"], Bound::Exact, false),
];

/// The bound words ending right before token `i` (not before `floor`): the first token of
/// the phrase, the bound, and whether the phrase belongs in the span.
fn bound_before(doc: &Doc, floor: usize, i: usize) -> Option<(usize, Bound, bool)> {
    BOUNDS_BEFORE.iter().find_map(|(words, bound, inside)| {
        let n = words.len();
        let from = i.checked_sub(n).filter(|&f| f >= floor)?;
        (0..n)
            .all(|k| doc.tokens[from + k].kind == TokKind::Word && doc.lower(from + k) == words[k])
            .then_some((from, *bound, *inside))
    })
}

fn is_word(doc: &Doc, i: usize, end: usize, w: &str) -> bool {
    i < end && doc.tokens[i].kind == TokKind::Word && doc.lower(i) == w
}

/// Tokens are written together (no space between): "$" and "5", "5" and "%".
fn glued(doc: &Doc, a: usize, b: usize) -> bool {
    doc.tokens[a].span.end == doc.tokens[b].span.start
}

/// The bare number at token `i` (`end` bounds the sentence): digits, number words, "a" +
/// scale or dozen, hyphenated numerals. Returns the value, the token after it, whether it
/// was words, and what a hyphenated form already says (unit, bound, a tally's second number).
struct Bare {
    value: f64,
    next: usize,
    words: bool,
    unit: Option<&'static str>,
    bound: Option<Bound>,
    high: Option<f64>,
    tally: Option<f64>,
    /// A scale word or glued scale was read ("million", "5m").
    scaled: bool,
    /// Read as a share in percent ("half", "a quarter").
    share: bool,
    /// The value before its scale words ("10" of "10 million").
    unscaled: f64,
}

fn bare(doc: &Doc, i: usize, end: usize) -> Option<Bare> {
    let t = &doc.tokens[i];
    let mut b = Bare {
        value: 0.0,
        next: i + 1,
        words: false,
        unit: None,
        bound: None,
        high: None,
        tally: None,
        scaled: false,
        share: false,
        unscaled: 0.0,
    };
    let dec: Option<Decimal>;
    match t.kind {
        TokKind::Number => {
            let s = doc.tok(i);
            if let Some((x, y)) = s.split_once(['-', '\u{2010}', '\u{2011}']) {
                // "100-200" is a range; "80-19" a tally of two figures
                let (x, y) = (parse_digits(x)?, parse_digits(y)?);
                let (x, y) = (x.value(), y.value());
                if x < y {
                    b.high = Some(y);
                } else {
                    b.tally = Some(y);
                }
                b.value = x;
                return Some(b);
            }
            dec = Some(parse_digits(s)?);
        }
        TokKind::Word => {
            let w = doc.lower(i);
            let w = w.as_ref();
            if let Some(n) = small_word(w) {
                dec = Some(Decimal::whole(n));
                b.words = true;
            } else if let Some((d, scale)) = glued_scale(w) {
                b.value = d.scaled(scale);
                b.scaled = true;
                return Some(b);
            } else if let Some(p) = fraction_word(w).filter(|_| w != "third" && w != "quarter") {
                // "half", "two-thirds": a share
                b.value = p;
                b.words = true;
                b.share = true;
                b.unit = Some("percent");
                return Some(b);
            } else if matches!(w, "a" | "an" | "another") {
                let n = doc.lower(i + 1);
                let n = n.as_ref();
                if i + 1 >= end {
                    return None;
                }
                if scale_word(n).is_some_and(|s| s >= 1000) {
                    // "a million": one, scaled below
                    dec = Some(Decimal::whole(1));
                    b.words = true;
                    b.next = i + 1;
                } else if n == "dozen" {
                    b.value = 12.0;
                    b.words = true;
                    b.next = i + 2;
                    return Some(b);
                } else if n == "couple" && is_word(doc, i + 2, end, "dozen") {
                    b.value = 24.0;
                    b.words = true;
                    b.next = i + 3;
                    b.bound = Some(Bound::About);
                    return Some(b);
                } else if matches!(n, "quarter" | "third" | "fifth" | "tenth" | "half") {
                    // "a quarter" of something: a share (not "a quarter of a million")
                    if is_word(doc, i + 2, end, "of")
                        && is_word(doc, i + 3, end, "a")
                        && i + 4 < end
                        && scale_word(&doc.lower(i + 4)).is_some()
                    {
                        let s = scale_word(&doc.lower(i + 4)).unwrap_or(1);
                        b.value = fraction_word(n).unwrap_or(0.0) / 100.0 * s as f64;
                        b.words = true;
                        b.next = i + 5;
                        b.scaled = true;
                        return Some(b);
                    }
                    b.value = fraction_word(n)?;
                    b.words = true;
                    b.share = true;
                    b.unit = Some("percent");
                    b.next = i + 2;
                    return Some(b);
                } else {
                    return None;
                }
            } else if let Some((head, rest)) = w.split_once(['-', '\u{2010}', '\u{2011}']) {
                // hyphenated numerals: "14-year-old", "45-minute", "15-plus", "ten-point"
                let d = parse_digits(head).or_else(|| small_word(head).map(Decimal::whole))?;
                b.words = !head.starts_with(|c: char| c.is_ascii_digit());
                let rest_first = rest.split(['-', '\u{2010}', '\u{2011}']).next()?;
                if rest == "plus" {
                    b.bound = Some(Bound::MoreThan);
                } else if rest.starts_with("year-old") || rest.starts_with("years-old") {
                    b.unit = Some("years");
                } else if let Some(s) = scale_word(rest_first) {
                    // "$400-million-a-year"
                    b.value = d.scaled(s);
                    b.scaled = true;
                    return Some(b);
                } else if matches!(rest_first, "a" | "an" | "per") {
                    // a unit price "$12-an-hour": the currency says the unit
                } else if let Some(u) = compound_measure(rest_first) {
                    b.unit = Some(u);
                } else {
                    return None;
                }
                b.value = d.value();
                return Some(b);
            } else {
                return None;
            }
        }
        _ => return None,
    }
    let mut dec = dec?;
    // "5 ½ years", "2¼": a vulgar fraction after the whole number
    if b.next < end {
        let frac = match doc.tok(b.next) {
            "\u{bd}" => Some(5),
            "\u{bc}" => Some(25),
            "\u{be}" => Some(75),
            _ => None,
        };
        if let (Some(f), 0) = (frac, dec.frac) {
            let digits = if f == 5 { 1 } else { 2 };
            dec = Decimal {
                mantissa: dec.mantissa * 10u128.pow(digits) + f,
                frac: digits,
            };
            b.next += 1;
        }
    }
    // "seven and a half years", "two and a half million": a half more
    if dec.frac == 0
        && is_word(doc, b.next, end, "and")
        && is_word(doc, b.next + 1, end, "a")
        && is_word(doc, b.next + 2, end, "half")
    {
        dec = Decimal {
            mantissa: dec.mantissa * 10 + 5,
            frac: 1,
        };
        b.next += 3;
    }
    // scale words: "5.4 million", "two hundred thousand", "a billion"
    let mut scale: u128 = 1;
    let mut j = b.next;
    while j < end {
        let w = doc.lower(j);
        match scale_word(&w) {
            Some(s) if s > scale || scale == 100 => {
                scale = if scale == 100 && s > 100 { 100 * s } else { s };
                b.scaled = true;
                j += 1;
            }
            _ => break,
        }
    }
    if !b.scaled && dec.frac == 0 && is_word(doc, j, end, "dozen") {
        dec = Decimal::whole(dec.mantissa * 12);
        j += 1;
    }
    b.value = dec.scaled(scale);
    b.unscaled = dec.value();
    b.next = j;
    Some(b)
}

/// Read the figure whose numeral starts at token `i`, within the sentence `floor..end`.
pub(crate) fn read_at(doc: &Doc, floor: usize, i: usize, end: usize) -> Option<Read> {
    let mut start = i;
    let mut currency: Option<&'static str> = None;
    let mut num = i;
    // a currency sign: "$5", "US$ 5"
    if let Some(c) = currency_sign(doc.tok(i)) {
        if i + 1 < end && matches!(doc.tokens[i + 1].kind, TokKind::Number | TokKind::Word) {
            currency = Some(c);
            num = i + 1;
        } else {
            return None;
        }
    } else if i > floor {
        if let Some(c) = currency_sign(doc.tok(i - 1)) {
            if glued(doc, i - 1, i) || doc.tok(i - 1).len() > 1 {
                currency = Some(c);
                start = i - 1;
            }
        }
    }
    let b = bare(doc, num, end)?;
    let mut r = Read {
        start,
        end: b.next,
        num,
        low: b.value,
        high: b.high,
        unit: b.unit.map(String::from),
        bound: b.bound.unwrap_or(Bound::Exact),
        words: b.words,
        measured: b.unit.is_some() || b.scaled || b.share,
        tally: b.tally,
    };
    if b.high.is_some() {
        r.bound = Bound::Range;
    }
    if let Some(c) = currency {
        r.unit = Some(c.into());
        r.measured = true;
    }
    measure_after(doc, &mut r, end);
    // a range: "55 to 65", "$35,000 to $60,000", "one to two years", "between 5 and 10"
    if r.high.is_none() && r.tally.is_none() {
        // "between 5 and 10", "between the ages of 18 and 29"
        let between = (start.saturating_sub(4).max(floor)..start)
            .rev()
            .take_while(|&k| doc.tokens[k].kind == TokKind::Word)
            .any(|k| doc.lower(k) == "between");
        let between_next = start > floor && is_word(doc, start - 1, end, "between");
        let dash = r.end < end && matches!(doc.tok(r.end), "-" | "\u{2013}" | "\u{2014}");
        // "rose 25.3 points to 18,120.4": a change, then the level it reached
        let change = r.measured
            && start > floor
            && is_word(doc, r.end, end, "to")
            && CHANGE_VERBS.contains(&doc.lower(start - 1).as_ref());
        let joiner = !change
            && (is_word(doc, r.end, end, "to")
                || (between && is_word(doc, r.end, end, "and"))
                || dash);
        if joiner && r.end + 1 < end {
            let second = read_second(doc, r.end + 1, end);
            if let Some(s) = second {
                let mut high = s.low;
                // "5 to 10 million": the scale of the second end is the first's too
                if !b.scaled && s.low >= 1000.0 && r.low < 1000.0 && s.low / r.low >= 1000.0 {
                    let scale = s.low / s.bare;
                    r.low *= scale;
                    high = s.low;
                }
                if high > r.low && (r.unit.is_none() || s.unit.is_none() || r.unit == s.unit) {
                    r.high = Some(high);
                    r.bound = Bound::Range;
                    if r.unit.is_none() {
                        r.unit = s.unit;
                    }
                    r.end = s.end;
                    r.measured |= s.measured;
                    if between_next {
                        r.start = start - 1;
                    }
                }
            }
        }
    }
    // bound words before (a range or a "15-plus" has its bound already)
    if r.bound == Bound::Exact {
        if let Some((from, bound, inside)) = bound_before(doc, floor, r.start) {
            r.bound = bound;
            if inside {
                r.start = from;
            }
        }
    }
    // after: "or more", "or less", "or fewer", "plus"
    if r.high.is_none() && is_word(doc, r.end, end, "or") {
        let w = if r.end + 1 < end {
            doc.lower(r.end + 1).into_owned()
        } else {
            String::new()
        };
        let bound = match w.as_str() {
            "more" | "greater" | "higher" | "above" | "over" => Some(Bound::AtLeast),
            "less" | "fewer" | "lower" | "below" | "under" => Some(Bound::AtMost),
            _ => None,
        };
        if let Some(bd) = bound {
            r.bound = bd;
            r.end += 2;
        }
    } else if r.high.is_none() && is_word(doc, r.end, end, "plus") && !r.words {
        r.bound = Bound::MoreThan;
        r.end += 1;
    }
    Some(r)
}

/// Verbs of a change by an amount: after one, "N to M" is the change and the new level.
const CHANGE_VERBS: &[&str] = &[
    "rose",
    "rises",
    "fell",
    "falls",
    "gained",
    "gains",
    "lost",
    "loses",
    "climbed",
    "climbs",
    "dropped",
    "drops",
    "jumped",
    "jumps",
    "slipped",
    "slips",
    "added",
    "adds",
    "shed",
    "sheds",
    "declined",
    "declines",
    "increased",
    "increases",
    "decreased",
    "decreases",
    "grew",
    "grows",
    "slid",
    "slides",
    "sank",
    "sinks",
    "edged",
    "plunged",
    "soared",
    "surged",
    "tumbled",
];

/// A range's second end, with the bare value before its scale.
struct Second {
    low: f64,
    bare: f64,
    end: usize,
    unit: Option<String>,
    measured: bool,
}

fn read_second(doc: &Doc, i: usize, end: usize) -> Option<Second> {
    // "$500,000 to more than $1 million": the upper end's own bound words are read over
    let i = (1..=2)
        .rev()
        .find(|&n| {
            i + n < end
                && BOUNDS_BEFORE.iter().any(|(words, _, _)| {
                    words.len() == n && (0..n).all(|k| doc.lower(i + k) == words[k])
                })
        })
        .map_or(i, |n| i + n);
    let (mut num, mut currency) = (i, None);
    if let Some(c) = currency_sign(doc.tok(i)) {
        currency = Some(c);
        num = i + 1;
        if num >= end {
            return None;
        }
    }
    let b = bare(doc, num, end)?;
    if b.high.is_some() || b.tally.is_some() {
        return None;
    }
    let bare_value = if b.unscaled > 0.0 {
        b.unscaled
    } else {
        b.value
    };
    let mut r = Read {
        start: i,
        end: b.next,
        num,
        low: b.value,
        high: None,
        unit: currency.map(String::from).or(b.unit.map(String::from)),
        bound: Bound::Exact,
        words: b.words,
        measured: currency.is_some() || b.unit.is_some() || b.scaled,
        tally: None,
    };
    measure_after(doc, &mut r, end);
    Some(Second {
        low: r.low,
        bare: bare_value,
        end: r.end,
        unit: r.unit,
        measured: r.measured,
    })
}

/// Measure words after a number: percent, points, currency words, time units and "old".
fn measure_after(doc: &Doc, r: &mut Read, end: usize) {
    let j = r.end;
    if j >= end {
        return;
    }
    let w = doc.lower(j);
    let w = w.as_ref();
    let next = |k: usize, s: &str| is_word(doc, j + k, end, s);
    if r.unit.as_deref() == Some("years") && r.measured {
        return;
    }
    if w == "%" || w == "percent" || w == "pct" || (w == "per" && next(1, "cent")) {
        r.end = j + if w == "per" { 2 } else { 1 };
        r.unit = Some("percent".into());
        r.measured = true;
    } else if w == "percentage" && (next(1, "points") || next(1, "point")) {
        r.end = j + 2;
        r.unit = Some("points".into());
        r.measured = true;
    } else if matches!(w, "points" | "point") && r.unit.is_none() {
        r.end = j + 1;
        r.unit = Some("points".into());
        r.measured = true;
    } else if let Some((code, factor)) = currency_word(w).filter(|_| r.unit.is_none()) {
        r.end = j + 1;
        r.unit = Some(code.into());
        r.low *= factor;
        r.high = r.high.map(|h| h * factor);
        r.measured = true;
    } else if let Some((unit, factor)) = time_unit(w).filter(|_| r.unit.is_none()) {
        r.end = j + 1;
        r.unit = Some(unit.into());
        r.low *= factor;
        r.high = r.high.map(|h| h * factor);
        r.measured = true;
        // "80 years old"
        if next(1, "old") {
            r.end += 1;
        }
    } else if r.unit.as_deref().is_some_and(|u| u.len() == 3)
        && matches!(w, "a" | "an" | "per")
        && j + 1 < end
        && matches!(
            doc.lower(j + 1).as_ref(),
            "hour" | "ton" | "barrel" | "gallon" | "share" | "head" | "pound" | "ounce"
        )
    {
        // a unit price keeps its unit: "$50 a ton", "$12 an hour" (a yearly amount leaves
        // "a year" out)
        r.end = j + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, word: &str) -> Read {
        let doc = Doc::new(text);
        let i = (0..doc.tokens.len())
            .find(|&i| doc.tok(i) == word)
            .unwrap_or_else(|| panic!("{word} not in {text}"));
        let end = doc.tokens.len();
        read_at(&doc, 0, i, end).unwrap_or_else(|| panic!("no figure at {word} in {text}"))
    }

    fn span(text: &str, r: &Read) -> String {
        let doc = Doc::new(text);
        doc.tokens[r.start]
            .span
            .cover(&doc.tokens[r.end - 1].span)
            .text(text)
            .to_string()
    }

    #[test]
    fn bounds_scales_and_currencies() {
        let t = "At least 2,899 civilians were hurt in the flood.";
        let r = read(t, "2,899");
        assert_eq!((r.low, r.bound), (2899.0, Bound::AtLeast));
        assert_eq!(span(t, &r), "At least 2,899");

        let t = "More than 5.4 million people left.";
        let r = read(t, "5.4");
        assert_eq!((r.low, r.bound), (5_400_000.0, Bound::MoreThan));
        assert_eq!(span(t, &r), "More than 5.4 million");

        let t = "The port cost $3.5 billion to build.";
        let r = read(t, "$");
        assert_eq!((r.low, r.unit.as_deref()), (3_500_000_000.0, Some("usd")));
        assert_eq!(span(t, &r), "$3.5 billion");

        let t = "Fares rose 50 cents this year.";
        let r = read(t, "50");
        assert_eq!((r.low, r.unit.as_deref()), (0.5, Some("usd")));
    }

    #[test]
    fn words_shares_and_compounds() {
        let t = "Forty-three percent of the islanders agreed.";
        let r = read(t, "Forty-three");
        assert_eq!((r.low, r.unit.as_deref()), (43.0, Some("percent")));

        let t = "Save a quarter of the cost.";
        let r = read(t, "a");
        assert_eq!((r.low, r.unit.as_deref()), (25.0, Some("percent")));

        let t = "Her 14-year-old son walked home.";
        let r = read(t, "14-year-old");
        assert_eq!((r.low, r.unit.as_deref()), (14.0, Some("years")));

        let t = "About a dozen boats waited.";
        let r = read(t, "a");
        assert_eq!((r.low, r.bound), (12.0, Bound::About));
        assert_eq!(span(t, &r), "About a dozen");

        let t = "He gave a quarter of a million dollars.";
        let r = read(t, "a");
        assert_eq!(r.low, 250_000.0);
    }

    #[test]
    fn ranges_tallies_and_bounds_after() {
        let t = "Between 100-200 people a day are dying.";
        let r = read(t, "100-200");
        assert_eq!((r.low, r.high, r.bound), (100.0, Some(200.0), Bound::Range));

        let t = "Salaries run $35,000 to $60,000 a year.";
        let r = read(t, "$");
        assert_eq!((r.low, r.high), (35_000.0, Some(60_000.0)));
        assert_eq!(span(t, &r), "$35,000 to $60,000");

        let t = "It held for one to two years.";
        let r = read(t, "one");
        assert_eq!(
            (r.low, r.high, r.unit.as_deref()),
            (1.0, Some(2.0), Some("years"))
        );

        let t = "The council voted 80-19 to pass it.";
        let r = read(t, "80-19");
        assert_eq!((r.low, r.tally), (80.0, Some(19.0)));

        let t = "Donors who gave $200 or less were thanked.";
        let r = read(t, "$");
        assert_eq!((r.low, r.bound), (200.0, Bound::AtMost));
        assert_eq!(span(t, &r), "$200 or less");

        // a change and the level it reached are no range
        let t = "The Velora index rose 25.3 points to 18,120.4 on Friday.";
        let r = read(t, "25.3");
        assert_eq!((r.low, r.high, r.bound), (25.3, None, Bound::Exact));
        let t = "Fares rose 3 to 5 percent.";
        assert_eq!(read(t, "3").high, Some(5.0));

        let t = "She served seven and a half years in Orrin.";
        let r = read(t, "seven");
        assert_eq!((r.low, r.unit.as_deref()), (7.5, Some("years")));
        assert_eq!(span(t, &r), "seven and a half years");

        let t = "Clinton leads by 46 percent to 42 percent.";
        let r = read(t, "46");
        assert_eq!((r.high, r.bound), (None, Bound::Exact));
    }
}
