//! The recognizer: finds temporal expressions in the token stream and gives each its meaning
//! ([`Sem`]) before any reference day is known. Longest match wins at each position; the
//! expression then continues after its last token.
//!
//! Extent conventions follow TimeML (TempEval-3): determiners and modifiers belong to the
//! expression ("the third quarter", "nearly forty years", "early next year", "the end of
//! 1990"), prepositions do not ("on Friday", "since 1985", "within a year"), nor does a
//! possessive "'s".

use chrono::Weekday;
use onrecord_core::TimexType;

use crate::lex::{Kind, Toks};
use crate::lexicon::{self as lx, Unit};

/// How the year of a partial date is found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum YearRef {
    /// Written out: "March 1996".
    Abs(i32),
    /// Relative to the reference year: "this year" 0, "last year" -1, "next year" +1.
    Rel(i32),
    /// Not given: the year the tense and the reference day make likeliest ("in March").
    Open,
    /// "last March": the latest one before the reference.
    Last,
    /// "next March": the first one after the reference.
    Next,
}

/// What an expression means, independent of the reference day.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Sem {
    /// A day, a month or a year of the calendar.
    Cal {
        y: YearRef,
        m: Option<u32>,
        d: Option<u32>,
    },
    /// A weekday; `shift` -1 for "last Friday", +1 for "next Friday", 0 by tense.
    Weekday {
        wd: Weekday,
        shift: i8,
    },
    /// `n` units from the reference day, at the unit's granularity: "today" (Day, 0), "last
    /// week" (Week, -1), "two years ago" (Year, -2).
    Rel {
        unit: Unit,
        n: i64,
    },
    /// `n` units from the last date the text mentioned: "the following year", "a year
    /// earlier"; the reference day when none was.
    Anchored {
        unit: Unit,
        n: i64,
    },
    /// `n` units ago ("two years ago"): from the reference day, except that years ago from a
    /// quarter just mentioned are that quarter a year before ("net fell from $5 a year ago").
    Ago {
        unit: Unit,
        n: i64,
    },
    /// "the weekend": the one just past in a past report, the coming one in a future one.
    Weekend,
    /// A quarter; `q` 0 is "the quarter" of the context.
    Quarter {
        y: YearRef,
        q: u8,
    },
    Half {
        y: YearRef,
        h: u8,
    },
    Season {
        y: YearRef,
        s: &'static str,
    },
    /// A decade as TIMEX3 writes it: 199 for the 1990s.
    Decade(i32),
    /// A century as TIMEX3 writes it: 19 for the 20th century.
    Century(i32),
    /// PRESENT_REF, PAST_REF, FUTURE_REF.
    Ref(&'static str),
    /// A day of the year given by rule (holidays): month, day or a rule.
    Holiday {
        y: YearRef,
        h: Holiday,
    },
    /// An amount of a unit; `n` None when unspecified ("several years").
    Dur {
        n: Option<f64>,
        unit: Unit,
    },
    /// A value decided at recognition (sets, compound durations).
    Fixed(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Holiday {
    Fixed(u32, u32),
    /// The `nth` (1-based; 5 = last) `wd` of `month`.
    Nth(u32, Weekday, u8),
    Easter(i64),
}

/// Part of the day or clock time attached to a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    Day(&'static str),
    Clock(u32, u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum Tense {
    #[default]
    Unknown,
    Past,
    Present,
    Future,
}

#[derive(Clone, Debug)]
pub(crate) struct Expr {
    /// Token range `[s, e)`.
    pub s: usize,
    pub e: usize,
    pub kind: TimexType,
    pub sem: Sem,
    pub part: Option<Part>,
    pub modifier: Option<&'static str>,
    pub tense: Tense,
    /// A date written in full in the text (year, month and day), for publication days.
    pub explicit: bool,
}

impl Expr {
    fn new(s: usize, e: usize, kind: TimexType, sem: Sem) -> Expr {
        Expr {
            s,
            e,
            kind,
            sem,
            part: None,
            modifier: None,
            tense: Tense::Unknown,
            explicit: false,
        }
    }
    fn date(s: usize, e: usize, sem: Sem) -> Expr {
        Expr::new(s, e, TimexType::Date, sem)
    }
    fn with_mod(mut self, m: Option<&'static str>) -> Expr {
        if m.is_some() {
            self.modifier = m;
        }
        self
    }
}

/// Find every expression, in text order.
pub(crate) fn parse(t: &Toks) -> Vec<Expr> {
    let p = P { t };
    let mut out: Vec<Expr> = Vec::new();
    let n = t.len();
    // every expression holds an anchor (a number, a month, a unit, "today" …) within a few
    // tokens of its start: most positions are skipped without trying any form
    let mut next_anchor = vec![usize::MAX; n + 1];
    for k in (0..n).rev() {
        next_anchor[k] = if is_anchor(t, k) {
            k
        } else {
            next_anchor[k + 1]
        };
    }
    let mut i = 0;
    while i < n {
        if next_anchor[i] == usize::MAX {
            break;
        }
        if next_anchor[i] > i + MAX_LEAD {
            i = next_anchor[i] - MAX_LEAD;
            continue;
        }
        if t.toks[i].kind == Kind::Punct && !matches!(t.low(i), "'" | "\u{2019}") {
            i += 1;
            continue;
        }
        match p.best_at(i) {
            Some(x) if x.e > i => {
                i = x.e;
                out.push(x);
            }
            _ => i += 1,
        }
    }
    for x in out.iter_mut() {
        x.tense = crate::tense::of(t, x.s, x.e);
    }
    out
}

struct P<'a, 'b> {
    t: &'b Toks<'a>,
}

/// Words that may precede a bare month name ("in March", "last May").
fn month_context(w: &str) -> bool {
    matches!(
        w,
        "in" | "since"
            | "until"
            | "till"
            | "by"
            | "from"
            | "through"
            | "thru"
            | "of"
            | "during"
            | "before"
            | "after"
            | "last"
            | "this"
            | "next"
            | "early"
            | "late"
            | "mid"
            | "-"
            | "between"
            | "to"
            | "and"
            | "or"
            | "each"
            | "every"
            | "past"
            | "coming"
            | "for"
            | "on"
            | "starting"
            | "beginning"
            | "end"
            | "around"
    )
}

/// Nouns after a four-digit number that make it a count rather than a year.
fn count_noun(w: &str) -> bool {
    matches!(
        w,
        "%" | "percent"
            | "people"
            | "persons"
            | "shares"
            | "troops"
            | "soldiers"
            | "members"
            | "employees"
            | "workers"
            | "jobs"
            | "cars"
            | "feet"
            | "foot"
            | "meters"
            | "metres"
            | "miles"
            | "kilometers"
            | "kilometres"
            | "km"
            | "tons"
            | "tonnes"
            | "dollars"
            | "pounds"
            | "yen"
            | "euros"
            | "marks"
            | "francs"
            | "units"
            | "votes"
            | "points"
            | "students"
            | "children"
            | "refugees"
            | "civilians"
            | "homes"
            | "houses"
            | "acres"
            | "barrels"
            | "calories"
            | "words"
            | "pages"
            | "cases"
            | "deaths"
            | "times"
            | "copies"
            | "delegates"
            | "seats"
            | "prisoners"
            | "rooms"
            | "hours"
            | "days"
            | "minutes"
            | "seconds"
            | "years"
            | "weeks"
            | "months"
            | "kg"
            | "lb"
            | "m"
            | "ft"
            | "mph"
            | "cc"
            | "rpm"
            | "mhz"
            | "ghz"
            | "gb"
            | "mb"
            | "kb"
    )
}

impl<'a, 'b> P<'a, 'b> {
    fn w(&self, i: usize) -> &str {
        self.t.low(i)
    }
    fn is(&self, i: usize, w: &str) -> bool {
        self.t.is(i, w)
    }
    fn kind(&self, i: usize) -> Option<Kind> {
        self.t.toks.get(i).map(|t| t.kind)
    }
    fn cap(&self, i: usize) -> bool {
        self.t.toks.get(i).is_some_and(|t| t.cap)
    }
    /// A glued hyphen at `i` ("two-year").
    fn hyphen(&self, i: usize) -> bool {
        matches!(self.w(i), "-" | "\u{2010}" | "\u{2011}") && self.t.glued(i) && self.t.glued(i + 1)
    }
    /// A possessive "'s" at `i`.
    fn possessive(&self, i: usize) -> bool {
        matches!(self.w(i), "'" | "\u{2019}")
            && self.t.glued(i)
            && self.is(i + 1, "s")
            && self.t.glued(i + 1)
    }
    /// Skip a period glued to the previous token.
    fn dot(&self, i: usize) -> usize {
        if self.is(i, ".") && self.t.glued(i) {
            i + 1
        } else {
            i
        }
    }

    /// The best expression starting at token `i` (modifiers first).
    fn best_at(&self, i: usize) -> Option<Expr> {
        let first = self.w(i);
        if self.kind(i) == Some(Kind::Word) && !could_start(first) && lx::month(first).is_none() {
            return None;
        }
        // prefixes: determiners and modifiers ("the end of", "nearly", "early")
        let mut j = i;
        let mut modifier: Option<&'static str> = None;
        let mut the = false;
        let mut steps = 0;
        let mut only_duration = false;
        while steps < 4 {
            steps += 1;
            let w = self.w(j);
            let next = self.w(j + 1);
            match w {
                "the" if !the => {
                    the = true;
                    j += 1;
                }
                "end" | "beginning" | "start" | "middle" | "close" | "turn" if next == "of" => {
                    modifier = Some(match w {
                        "end" | "close" => "END",
                        "middle" => "MID",
                        _ => "START",
                    });
                    j += 2;
                    the = false;
                }
                "early" | "late" if next != "-" || self.kind(j + 2) == Some(Kind::Num) => {
                    modifier = Some(if w == "early" { "START" } else { "END" });
                    j += 1;
                    if self.is(j, "-") {
                        j += 1;
                    }
                    if self.is(j, "in") {
                        j += 1;
                    }
                }
                "mid" => {
                    modifier = Some("MID");
                    j += 1;
                    if self.is(j, "-") {
                        j += 1;
                    }
                }
                "earlier" | "later"
                    if matches!(
                        next,
                        "this" | "that" | "today" | "yesterday" | "tomorrow" | "in" | "tonight"
                    ) || lx::weekday(next).is_some() =>
                {
                    modifier = Some(if w == "earlier" { "START" } else { "END" });
                    j += 1;
                    if self.is(j, "in") {
                        j += 1;
                    }
                }
                "about" | "around" | "approximately" | "roughly" | "nearly" => {
                    modifier = Some("APPROX");
                    j += 1;
                }
                "almost" => {
                    modifier = Some("LESS_THAN");
                    j += 1;
                }
                "some"
                    if self.kind(j + 1) == Some(Kind::Num)
                        || lx::tens(next).is_some()
                        || lx::small_number(next).is_some() =>
                {
                    modifier = Some("APPROX");
                    j += 1;
                    only_duration = true;
                }
                "more" | "less" | "fewer" if next == "than" => {
                    modifier = Some(if w == "more" {
                        "MORE_THAN"
                    } else {
                        "LESS_THAN"
                    });
                    j += 2;
                    only_duration = true;
                }
                "over" | "under"
                    if !the
                        && (self.kind(j + 1) == Some(Kind::Num)
                            || matches!(next, "a" | "an")
                            || lx::small_number(next).is_some()
                            || lx::tens(next).is_some()) =>
                {
                    modifier = Some(if w == "over" {
                        "MORE_THAN"
                    } else {
                        "LESS_THAN"
                    });
                    j += 1;
                    only_duration = true;
                }
                "at" if next == "least" || next == "most" => {
                    modifier = Some(if next == "least" {
                        "EQUAL_OR_MORE"
                    } else {
                        "EQUAL_OR_LESS"
                    });
                    j += 2;
                    only_duration = true;
                }
                "up" if next == "to" => {
                    modifier = Some("EQUAL_OR_LESS");
                    j += 2;
                    only_duration = true;
                }
                "no" if (next == "more" || next == "less") && self.is(j + 2, "than") => {
                    modifier = Some(if next == "more" {
                        "EQUAL_OR_LESS"
                    } else {
                        "EQUAL_OR_MORE"
                    });
                    j += 3;
                    only_duration = true;
                }
                _ => break,
            }
        }
        let core = self.core_at(j, the)?;
        if only_duration && core.kind != TimexType::Duration && !matches!(core.sem, Sem::Rel { .. })
        {
            return None;
        }
        let fixed_word = matches!(core.sem, Sem::Ref(_)) || core.kind == TimexType::Set;
        if (the || modifier.is_some()) && j > i {
            // "the recent", "the current", "about future", "the daily" are not expressions
            let head = self.w(core.s);
            let ok = match &core.sem {
                Sem::Ref(_) => {
                    the && modifier.is_none()
                        && matches!(head, "past" | "future" | "near" | "present")
                }
                Sem::Weekday { .. } => !the,
                Sem::Rel {
                    unit: Unit::Day, ..
                } => !the,
                _ => !fixed_word,
            };
            if !ok {
                return None;
            }
        }
        let mut x = core;
        // "the Aug. 7 bombing", "the eight-year war", "the third-quarter loss": the
        // expression modifies a noun and "the" belongs to the noun phrase
        if the && self.is(i, "the") && self.prenominal(&x) {
            if j > i + 1 {
                x.s = i + 1;
                x = x.with_mod(modifier);
            }
            return Some(x);
        }
        // a form that itself begins with "the" ("the day before yesterday") may be longer
        if j > i {
            if let Some(raw) = self.core_at(i, false) {
                if raw.e > x.e {
                    return Some(raw);
                }
            }
        }
        if j > i {
            x.s = i;
            x = x.with_mod(modifier);
            if x.kind == TimexType::Duration
                && matches!(modifier, Some("START" | "END" | "MID"))
                && !the
            {
                // "early years"? keep the duration, drop the position modifier
                x.modifier = None;
            }
        }
        Some(x)
    }

    /// The expression stands before a noun it modifies ("the 1988 recapitalization").
    fn prenominal(&self, x: &Expr) -> bool {
        let Some(next) = self.t.toks.get(x.e) else {
            return false;
        };
        if next.kind != Kind::Word || next.cap {
            return false;
        }
        let w = self.w(x.e);
        if matches!(
            w,
            "of" | "and"
                | "or"
                | "to"
                | "as"
                | "when"
                | "that"
                | "which"
                | "ended"
                | "ending"
                | "through"
                | "in"
                | "on"
                | "at"
                | "for"
                | "from"
                | "with"
                | "by"
                | "was"
                | "is"
                | "were"
                | "are"
                | "had"
                | "has"
                | "will"
                | "would"
                | "before"
                | "after"
                | "earlier"
                | "later"
                | "ago"
                | "alone"
                | "itself"
        ) || lx::unit(w).is_some()
        {
            return false;
        }
        let hyphenated = (x.s..x.e).any(|k| self.hyphen(k));
        match x.sem {
            Sem::Cal { .. } => true,
            Sem::Dur { .. } => hyphenated || self.w(x.e - 1).ends_with("long"),
            Sem::Quarter { .. } => hyphenated,
            _ => false,
        }
    }

    /// All the core forms at `j`; the longest wins.
    fn core_at(&self, j: usize, the: bool) -> Option<Expr> {
        let mut best: Option<Expr> = None;
        let mut take = |x: Option<Expr>| {
            if let Some(x) = x {
                if best.as_ref().is_none_or(|b| x.e > b.e) {
                    best = Some(x);
                }
            }
        };
        take(self.clock(j));
        take(self.month_day(j));
        take(self.month_year(j));
        take(self.year(j, the));
        take(self.decade(j));
        take(self.century(j));
        take(self.quarter(j, the));
        take(self.half(j));
        take(self.season(j, the));
        take(self.weekday(j));
        take(self.days(j));
        take(self.relative(j, the));
        take(self.ago(j));
        take(self.set(j));
        take(self.duration(j));
        take(self.refs(j, the));
        take(self.holiday(j));
        take(self.iso(j));
        take(self.year_adjective(j));
        take(self.the_unit(j, the));
        take(self.part_then_day(j));
        take(self.long_word(j));
        best
    }

    // ---------------------------------------------------------------- pieces

    /// A month name at `i` (with its abbreviation period): (month, end).
    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        if self.kind(i) != Some(Kind::Word) {
            return None;
        }
        let w = self.w(i);
        let m = lx::month(w)?;
        let abbrev = lx::month_is_abbrev(w);
        if (abbrev || m == 3 || m == 5) && !self.cap(i) {
            return None;
        }
        let mut end = i + 1;
        if abbrev {
            end = self.dot(end);
        }
        Some((m, end))
    }

    /// A day of the month at `i`: "5", "5th", "fifth", "twenty-first": (day, end).
    fn day_at(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.t.toks.get(i)?;
        if t.kind == Kind::Num {
            let d = self.t.int(i)?;
            if t.digits > 2 || !(1..=31).contains(&d) {
                return None;
            }
            let mut end = i + 1;
            if lx::ordinal_suffix(self.w(end)) && self.t.glued(end) {
                end += 1;
            }
            return Some((d, end));
        }
        self.ordinal_at(i).filter(|(d, _)| (1..=31).contains(d))
    }

    /// An ordinal: "third", "3rd", "twenty-first".
    fn ordinal_at(&self, i: usize) -> Option<(u32, usize)> {
        let w = self.w(i);
        if let Some(o) = lx::ordinal(w) {
            return Some((o, i + 1));
        }
        if let Some(t) = lx::tens(w) {
            let mut k = i + 1;
            if self.hyphen(k) {
                k += 1;
            }
            if let Some(o) = lx::ordinal(self.w(k)).filter(|o| *o < 10) {
                return Some((t + o, k + 1));
            }
            return None;
        }
        if self.kind(i) == Some(Kind::Num)
            && lx::ordinal_suffix(self.w(i + 1))
            && self.t.glued(i + 1)
        {
            return self.t.int(i).map(|n| (n, i + 2));
        }
        None
    }

    /// A year at `i`: "1990", "'89", "nineteen ninety-seven", "two thousand one".
    fn year_at(&self, i: usize) -> Option<(i32, usize)> {
        let t = self.t.toks.get(i)?;
        if t.kind == Kind::Num && t.digits == 4 {
            let y = t.num as i32;
            if (1000..=2199).contains(&y) {
                return Some((y, i + 1));
            }
            return None;
        }
        if matches!(self.w(i), "'" | "\u{2019}") && !self.t.glued(i + 1) {
            return None;
        }
        if matches!(self.w(i), "'" | "\u{2019}") {
            let n = self.t.toks.get(i + 1)?;
            if n.kind == Kind::Num && n.digits == 2 {
                let v = n.num as i32;
                return Some((if v < 30 { 2000 + v } else { 1900 + v }, i + 2));
            }
            return None;
        }
        // spelled years
        let w = self.w(i);
        if let Some(c) = lx::small_number(w).filter(|c| (10..=19).contains(c)) {
            // "nineteen ninety-seven", "nineteen eighty"
            let (rest, end) = self.two_digit_words(i + 1)?;
            if rest >= 10 {
                return Some(((c * 100 + rest) as i32, end));
            }
            return None;
        }
        if w == "two" && self.is(i + 1, "thousand") {
            let mut k = i + 2;
            if self.is(k, "and") {
                k += 1;
            }
            if let Some((r, end)) = self.two_digit_words(k) {
                return Some((2000 + r as i32, end));
            }
            return Some((2000, i + 2));
        }
        None
    }

    /// "ninety-seven", "eighty", "twelve": 1..=99 in words.
    fn two_digit_words(&self, i: usize) -> Option<(u32, usize)> {
        let w = self.w(i);
        if let Some(n) = lx::small_number(w) {
            return Some((n, i + 1));
        }
        let t = lx::tens(w)?;
        let mut k = i + 1;
        if self.hyphen(k) {
            k += 1;
        }
        match lx::small_number(self.w(k)).filter(|n| (1..10).contains(n)) {
            Some(u) => Some((t + u, k + 1)),
            None => Some((t, i + 1)),
        }
    }

    /// A cardinal number at `i`: digits, "2 1/2", words up to the thousands: (value, end).
    fn number_at(&self, i: usize) -> Option<(f64, usize)> {
        let t = self.t.toks.get(i)?;
        if t.kind == Kind::Num {
            if !t.num.is_finite() {
                return None;
            }
            let mut v = t.num;
            let mut end = i + 1;
            // "2 1/2"
            if self.kind(end) == Some(Kind::Num)
                && self.is(end + 1, "/")
                && self.kind(end + 2) == Some(Kind::Num)
                && self.t.glued(end + 1)
                && self.t.glued(end + 2)
            {
                let a = self.t.toks[end].num;
                let b = self.t.toks[end + 2].num;
                if b > a && b > 0.0 {
                    v += a / b;
                    end += 3;
                }
            }
            return Some((v, end));
        }
        let w = self.w(i);
        let (mut v, mut end) = if let Some((n, e)) = self.two_digit_words(i) {
            (n as f64, e)
        } else if matches!(w, "a" | "an" | "one") && self.is(i + 1, "hundred") {
            (1.0, i + 1)
        } else if w == "dozen" {
            return Some((12.0, i + 1));
        } else if w == "a" && self.is(i + 1, "dozen") {
            return Some((12.0, i + 2));
        } else {
            return None;
        };
        if self.is(end, "hundred") {
            v *= 100.0;
            end += 1;
            let mut k = end;
            if self.is(k, "and") {
                k += 1;
            }
            if let Some((r, e)) = self.two_digit_words(k) {
                v += r as f64;
                end = e;
            }
        }
        if self.is(end, "thousand") {
            v *= 1000.0;
            end += 1;
        }
        Some((v, end))
    }

    /// An amount before a unit: a number, "a"/"an", or a vague quantity (None).
    /// Returns (amount, end, modifier).
    fn amount_at(&self, i: usize) -> Option<(Option<f64>, usize, Option<&'static str>)> {
        let w = self.w(i);
        match w {
            "a" | "an" => {
                // "a couple of", "a few", "a number of"
                let n = self.w(i + 1);
                if n == "couple" && self.is(i + 2, "of") {
                    return Some((Some(2.0), i + 3, Some("APPROX")));
                }
                if n == "few" {
                    return Some((None, i + 2, None));
                }
                if n == "number" && self.is(i + 2, "of") {
                    return Some((None, i + 3, None));
                }
                if let Some((v, e)) = self.number_at(i) {
                    return Some((Some(v), e, None));
                }
                if n == "half" {
                    return Some((Some(0.5), i + 2, None));
                }
                return Some((Some(1.0), i + 1, None));
            }
            "couple" if self.is(i + 1, "of") => return Some((Some(2.0), i + 2, Some("APPROX"))),
            "several" | "few" | "many" | "numerous" | "countless" => {
                return Some((None, i + 1, None))
            }
            "half" => {
                if self.is(i + 1, "a") || self.is(i + 1, "an") {
                    return Some((Some(0.5), i + 2, None));
                }
                return Some((Some(0.5), i + 1, None));
            }
            "dozens" | "hundreds" | "thousands" if self.is(i + 1, "of") => {
                return Some((None, i + 2, None))
            }
            _ => {}
        }
        let (v, e) = self.number_at(i)?;
        // "one and a half"
        if self.is(e, "and") && self.is(e + 1, "a") && self.is(e + 2, "half") {
            return Some((Some(v + 0.5), e + 3, None));
        }
        // "12 to 18", "two to three", "two or three"
        if matches!(self.w(e), "to" | "or" | "-") {
            if let Some((_, e2)) = self.number_at(e + 1) {
                if lx::unit(self.w(e2)).is_some() {
                    return Some((None, e2, None));
                }
            }
        }
        Some((Some(v), e, None))
    }

    // ---------------------------------------------------------------- dates

    /// "March 5", "March 5, 2022", "Saturday, March 5, 2022", "5 March 2022", "the 5th of March".
    fn month_day(&self, i: usize) -> Option<Expr> {
        // optional weekday prefix
        let mut k = i;
        let mut has_wd = false;
        if let Some(_wd) = lx::weekday(self.w(k)).filter(|_| self.kind(k) == Some(Kind::Word)) {
            k = self.dot(k + 1);
            if self.is(k, ",") {
                k += 1;
            }
            has_wd = true;
        }
        // month-first
        if let Some((m, e)) = self.month_at(k) {
            let mut e2 = e;
            if self.is(e2, "the") {
                e2 += 1;
            }
            if let Some((d, e3)) = self.day_at(e2) {
                // "May 5 percent" is no date; "Oct. 15-16" keeps the first day
                if count_noun(self.w(e3)) {
                    return None;
                }
                let mut end = e3;
                let mut y = YearRef::Open;
                let mut c = end;
                if self.is(c, ",") {
                    c += 1;
                }
                if let Some((yy, ye)) = self.year_at(c) {
                    if !count_noun(self.w(ye)) {
                        y = YearRef::Abs(yy);
                        end = ye;
                    }
                } else if let Some(t) = self
                    .t
                    .toks
                    .get(c)
                    .filter(|t| t.kind == Kind::Num && t.digits >= 4 && t.num.is_finite())
                {
                    // "Jan. 1, 3000", "May 5, 12345": the year is written; a day that far
                    // stays as written or, past 9999, unknown
                    if !count_noun(self.w(c + 1)) {
                        y = YearRef::Abs(if t.num <= 9999.0 { t.num as i32 } else { -1 });
                        end = c + 1;
                    }
                }
                let mut x = Expr::date(
                    i,
                    end,
                    Sem::Cal {
                        y,
                        m: Some(m),
                        d: Some(d),
                    },
                );
                x.explicit = matches!(y, YearRef::Abs(_));
                return Some(x);
            }
            return None;
        }
        // day-first: "5 March 2022", "5th of March", "the 5th of March"
        let mut k2 = k;
        if self.is(k2, "the") {
            k2 += 1;
        }
        let (d, e) = self.day_at(k2)?;
        let mut e2 = e;
        if self.is(e2, "of") {
            e2 += 1;
        }
        let (m, e3) = self.month_at(e2)?;
        let mut end = e3;
        let mut y = YearRef::Open;
        let mut c = end;
        if self.is(c, ",") {
            c += 1;
        }
        if let Some((yy, ye)) = self.year_at(c) {
            y = YearRef::Abs(yy);
            end = ye;
        }
        // a bare number before a bare month ("5 May") needs the year or a capital month
        if matches!(y, YearRef::Open) && self.kind(k2) == Some(Kind::Num) && e2 == e && !has_wd {
            // "4 June" fine; guard against "10 May" in lists is not needed
        }
        let mut x = Expr::date(
            i,
            end,
            Sem::Cal {
                y,
                m: Some(m),
                d: Some(d),
            },
        );
        x.explicit = matches!(y, YearRef::Abs(_));
        Some(x)
    }

    /// "March 1996", "March of 1996", "January this year", "June last year", "last May",
    /// and a bare month.
    fn month_year(&self, i: usize) -> Option<Expr> {
        let y = match self.w(i) {
            "last" | "past" => Some(YearRef::Last),
            "next" | "coming" => Some(YearRef::Next),
            "this" => Some(YearRef::Rel(0)),
            _ => None,
        };
        if let Some(y) = y {
            let (m, e) = self.month_at(i + 1)?;
            if self.day_at(e).is_some() {
                return None;
            }
            return Some(Expr::date(
                i,
                e,
                Sem::Cal {
                    y,
                    m: Some(m),
                    d: None,
                },
            ));
        }
        let (m, e) = self.month_at(i)?;
        let mut c = e;
        if self.is(c, ",") || self.is(c, "of") {
            c += 1;
        }
        if let Some((y, ye)) = self.year_at(c) {
            if !count_noun(self.w(ye)) {
                return Some(Expr::date(
                    i,
                    ye,
                    Sem::Cal {
                        y: YearRef::Abs(y),
                        m: Some(m),
                        d: None,
                    },
                ));
            }
        }
        if matches!(self.w(e), "this" | "last" | "next") && self.is(e + 1, "year") {
            let r = match self.w(e) {
                "this" => 0,
                "last" => -1,
                _ => 1,
            };
            return Some(Expr::date(
                i,
                e + 2,
                Sem::Cal {
                    y: YearRef::Rel(r),
                    m: Some(m),
                    d: None,
                },
            ));
        }
        // a bare month: only in a temporal context
        let prev = if i > 0 { self.w(i - 1) } else { "" };
        let abbrev = lx::month_is_abbrev(self.w(i));
        let next = self.w(e);
        let ok_context = month_context(prev)
            || (!abbrev
                && m != 5
                && m != 3
                && self.cap(i)
                && (matches!(
                    next,
                    "," | "." | ";" | ")" | "and" | "or" | "to" | "through" | "'"
                ) || e >= self.t.len()));
        if !ok_context || !self.cap(i) {
            return None;
        }
        // "May" as a modal: "May God …" is rare in news; "may" lower case was refused already
        if m == 5
            && self.kind(e) == Some(Kind::Word)
            && !matches!(
                next,
                "and" | "or" | "to" | "through" | "this" | "last" | "next"
            )
            && !self.t.toks[e].cap
        {
            return None;
        }
        Some(Expr::date(
            i,
            e,
            Sem::Cal {
                y: YearRef::Open,
                m: Some(m),
                d: None,
            },
        ))
    }

    /// "1990", "fiscal 1989", "the year 2000", "the year two thousand".
    fn year(&self, i: usize, the: bool) -> Option<Expr> {
        let mut k = i;
        let mut fiscal = false;
        if self.is(k, "fiscal") {
            fiscal = true;
            k += 1;
            if self.is(k, "year") {
                k += 1;
            }
        } else if self.is(k, "year") && the {
            k += 1;
        }
        let (y, e) = self.year_at(k)?;
        let tok = &self.t.toks[k];
        if tok.kind == Kind::Num {
            if count_noun(self.w(e)) || matches!(self.w(e), "s") && self.t.glued(e) {
                return None;
            }
            // "$1990", "No. 2000", "flight 1990", "at 2000": numbers, not years
            let prev = if k > 0 { self.w(k - 1) } else { "" };
            if matches!(
                prev,
                "$" | "#"
                    | "no"
                    | "nos"
                    | "number"
                    | "flight"
                    | "route"
                    | "model"
                    | "form"
                    | "room"
                    | "rule"
                    | "section"
                    | "article"
                    | "resolution"
                    | "chapter"
                    | "page"
                    | "pages"
                    | "boeing"
                    | "airbus"
                    | "at"
                    | "vs"
                    | "v"
                    | ":"
                    | "/"
                    | "."
                    | "+"
            ) {
                return None;
            }
            if self.t.glued(e)
                && matches!(self.w(e), ":" | "/" | ".")
                && self.kind(e + 1) == Some(Kind::Num)
            {
                return None;
            }
            if !(1900..=2099).contains(&y) && !fiscal {
                // older years want a preposition before them
                let prev = if k > 0 { self.w(k - 1) } else { "" };
                if !matches!(
                    prev,
                    "in" | "since"
                        | "of"
                        | "from"
                        | "until"
                        | "by"
                        | "year"
                        | "during"
                        | "before"
                        | "after"
                        | "around"
                        | "c"
                        | "circa"
                ) {
                    return None;
                }
            }
        } else if k == i && !fiscal && !(the && self.is(i, "year")) {
            // spelled years stand alone only when unmistakable ("nineteen ninety-seven")
            if y < 1900 && !matches!(self.w(i), "two") {
                return None;
            }
        }
        let mut x = Expr::date(
            i,
            e,
            Sem::Cal {
                y: YearRef::Abs(y),
                m: None,
                d: None,
            },
        );
        // "1990 and beyond", "1994 or later"
        if (self.is(e, "and") && self.is(e + 1, "beyond"))
            || (self.is(e, "or") && matches!(self.w(e + 1), "later" | "after" | "beyond"))
        {
            x.e = e + 2;
            x.modifier = Some("ON_OR_AFTER");
        } else if self.is(e, "or") && matches!(self.w(e + 1), "earlier" | "before") {
            x.e = e + 2;
            x.modifier = Some("ON_OR_BEFORE");
        }
        Some(x)
    }

    /// "the 1990s", "'80s", "the eighties", "the early 1980s" (modifier done by the caller).
    fn decade(&self, i: usize) -> Option<Expr> {
        let t = self.t.toks.get(i)?;
        if t.kind == Kind::Num && t.digits == 4 && self.is(i + 1, "s") && self.t.glued(i + 1) {
            let y = t.num as i32;
            if y % 10 == 0 && (1000..=2190).contains(&y) {
                // "1900s" is the century when it ends in 00 — TIMEX3 keeps it a century
                if y % 100 == 0 {
                    return Some(Expr::date(i, i + 2, Sem::Century(y / 100)));
                }
                return Some(Expr::date(i, i + 2, Sem::Decade(y / 10)));
            }
        }
        if matches!(self.w(i), "'" | "\u{2019}") {
            let n = self.t.toks.get(i + 1)?;
            if n.kind == Kind::Num
                && n.digits == 2
                && self.is(i + 2, "s")
                && self.t.glued(i + 2)
                && self.t.glued(i + 1)
            {
                let v = n.num as i32;
                if v % 10 == 0 {
                    let y = if v < 30 { 2000 + v } else { 1900 + v };
                    return Some(Expr::date(i, i + 3, Sem::Decade(y / 10)));
                }
            }
        }
        if t.kind == Kind::Num
            && t.digits == 2
            && self.is(i + 1, "s")
            && self.t.glued(i + 1)
            && i > 0
            && self.is(i - 1, "the")
        {
            let v = t.num as i32;
            if v % 10 == 0 && v >= 20 {
                return Some(Expr::date(i, i + 2, Sem::Decade(190 + v / 10)));
            }
        }
        let d = match self.w(i) {
            "twenties" => 192,
            "thirties" => 193,
            "forties" => 194,
            "fifties" => 195,
            "sixties" => 196,
            "seventies" => 197,
            "eighties" => 198,
            "nineties" => 199,
            _ => return None,
        };
        // "the nineties" (not "in his nineties")
        if i == 0 || !matches!(self.w(i - 1), "the" | "early" | "late" | "mid" | "-") {
            return None;
        }
        Some(Expr::date(i, i + 1, Sem::Decade(d)))
    }

    /// "the 20th century", "the twentieth century", "this century", "last century".
    fn century(&self, i: usize) -> Option<Expr> {
        if let Some((o, e)) = self.ordinal_at(i) {
            if self.is(e, "century") && (1..=30).contains(&o) {
                return Some(Expr::date(i, e + 1, Sem::Century(o as i32 - 1)));
            }
            if self.hyphen(e) && self.is(e + 1, "century") {
                return Some(Expr::date(i, e + 2, Sem::Century(o as i32 - 1)));
            }
        }
        None
    }

    /// Quarters: "the third quarter", "third-quarter", "the fiscal first quarter",
    /// "the third quarter of 1990", "this year's third quarter", "the latest quarter",
    /// "the year-earlier quarter".
    fn quarter(&self, i: usize, the: bool) -> Option<Expr> {
        let mut k = i;
        let mut y = YearRef::Open;
        // "this year's", "last year's", "next year's", "1990's"
        if matches!(self.w(k), "this" | "last" | "next")
            && self.is(k + 1, "year")
            && self.possessive(k + 2)
        {
            y = YearRef::Rel(match self.w(k) {
                "this" => 0,
                "last" => -1,
                _ => 1,
            });
            k += 4;
        } else if let Some((yy, ye)) = self.year_at(k).filter(|&(_, ye)| self.possessive(ye)) {
            y = YearRef::Abs(yy);
            k = ye + 2;
        } else if let Some((yy, ye)) = self
            .year_at(k)
            .filter(|&(_, ye)| matches!(self.w(ye), "quarter" | "period"))
        {
            // "the 1988 quarter", "the 1988 period": the quarter in context, that year
            if !the {
                return None;
            }
            return Some(Expr::date(
                i,
                ye + 1,
                Sem::Quarter {
                    y: YearRef::Abs(yy),
                    q: 0,
                },
            ));
        } else if let Some((yy, ye)) = self.year_at(k).filter(|&(_, ye)| {
            matches!(
                self.w(ye),
                "first" | "second" | "third" | "fourth" | "fiscal"
            )
        }) {
            // "the 1988 second quarter"
            y = YearRef::Abs(yy);
            k = ye;
        }
        let mut year_ago = false;
        let mut q: Option<u8> = None;
        loop {
            match self.w(k) {
                "fiscal" | "calendar" | "current" | "flat" | "strong" | "weak"
                | "disappointing" => k += 1,
                "the" if k > i || !the => k += 1,
                "comparable" | "corresponding" | "same" | "prior" => k += 1,
                "year" if self.hyphen(k + 1) && matches!(self.w(k + 2), "earlier" | "ago") => {
                    year_ago = true;
                    k += 3;
                }
                "year" if matches!(self.w(k + 1), "earlier" | "ago") => {
                    year_ago = true;
                    k += 2;
                }
                "latest" | "recent" | "most" => {
                    k += 1;
                    q = Some(0);
                }
                _ => break,
            }
        }
        let w = self.w(k);
        if w == "q" && self.kind(k + 1) == Some(Kind::Num) && self.t.glued(k + 1) {
            // "Q2", "Q2 2031", "2031 Q2"
            let q = self.t.int(k + 1).filter(|q| (1..=4).contains(q))? as u8;
            let mut e = k + 2;
            if let Some((yy, ye)) = self.year_at(e).filter(|_| self.kind(e) == Some(Kind::Num)) {
                y = YearRef::Abs(yy);
                e = ye;
            }
            return Some(Expr::date(i, e, Sem::Quarter { y, q }));
        }
        let ord = match w {
            "first" | "1st" => Some(1),
            "second" | "2nd" => Some(2),
            "third" | "3rd" => Some(3),
            "fourth" | "4th" | "final" => Some(4),
            _ => None,
        };
        let ord = ord.or_else(|| {
            self.ordinal_at(k)
                .and_then(|(o, e)| (e == k + 2 && (1..=4).contains(&o)).then_some(o as u8))
        });
        let mut e;
        if let Some(o) = ord {
            e = if self.kind(k) == Some(Kind::Num) {
                k + 2
            } else {
                k + 1
            };
            if self.hyphen(e) {
                e += 1;
            }
            if !matches!(self.w(e), "quarter" | "quarters" | "qtr") {
                return None;
            }
            if self.is(e, "quarters") {
                // "first and fourth quarters" are a set of quarters
                return Some(Expr::new(
                    i,
                    e + 1,
                    TimexType::Set,
                    Sem::Fixed(format!("XXXX-Q{o}")),
                ));
            }
            q = Some(o);
            e += 1;
        } else if matches!(w, "quarter") {
            // "the quarter", "the latest quarter", "the year-earlier quarter", "this quarter"
            let det = the || (k > i) || (i > 0 && matches!(self.w(i - 1), "the"));
            if !det && !matches!(self.w(i), "this" | "last" | "next" | "that") {
                return None;
            }
            q = Some(q.unwrap_or(0));
            e = k + 1;
        } else if matches!(w, "period") && (year_ago || q == Some(0)) {
            q = Some(q.unwrap_or(0));
            e = k + 1;
        } else if matches!(w, "this" | "last" | "next" | "that")
            && matches!(self.w(k + 1), "quarter")
        {
            let n = match w {
                "this" => 0,
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            if w == "that" {
                return Some(Expr::date(
                    i,
                    k + 2,
                    Sem::Quarter {
                        y: YearRef::Open,
                        q: 0,
                    },
                ));
            }
            return Some(Expr::date(
                i,
                k + 2,
                Sem::Rel {
                    unit: Unit::Quarter,
                    n,
                },
            ));
        } else {
            return None;
        }
        let q = q.unwrap_or(0);
        // "of 1990", "of this year", "of next year"
        if self.is(e, "of") {
            if let Some((yy, ye)) = self.year_at(e + 1) {
                y = YearRef::Abs(yy);
                e = ye;
            } else if matches!(self.w(e + 1), "this" | "last" | "next") && self.is(e + 2, "year") {
                y = YearRef::Rel(match self.w(e + 1) {
                    "this" => 0,
                    "last" => -1,
                    _ => 1,
                });
                e += 3;
            } else if self.is(e + 1, "fiscal") {
                if let Some((yy, ye)) = self.year_at(e + 2) {
                    y = YearRef::Abs(yy);
                    e = ye;
                }
            }
        } else if let Some((yy, ye)) = self.year_at(e).filter(|_| self.kind(e) == Some(Kind::Num)) {
            // "the third quarter 1990"
            y = YearRef::Abs(yy);
            e = ye;
        }
        if year_ago {
            return Some(Expr::date(
                i,
                e,
                Sem::Anchored {
                    unit: Unit::Quarter,
                    n: -4,
                },
            ));
        }
        Some(Expr::date(i, e, Sem::Quarter { y, q }))
    }

    /// "the first half (of 1990)", "first-half", "the second half".
    fn half(&self, i: usize) -> Option<Expr> {
        let mut k = i;
        while matches!(self.w(k), "the" | "fiscal" | "its") {
            k += 1;
        }
        let h = match self.w(k) {
            "first" => 1,
            "second" | "latter" => 2,
            _ => return None,
        };
        let mut e = k + 1;
        if self.hyphen(e) {
            e += 1;
        }
        if !self.is(e, "half") {
            return None;
        }
        e += 1;
        let mut y = YearRef::Open;
        if self.is(e, "of") {
            if let Some((yy, ye)) = self.year_at(e + 1) {
                y = YearRef::Abs(yy);
                e = ye;
            } else if matches!(self.w(e + 1), "this" | "last" | "next") && self.is(e + 2, "year") {
                y = YearRef::Rel(match self.w(e + 1) {
                    "this" => 0,
                    "last" => -1,
                    _ => 1,
                });
                e += 3;
            } else if self.is(e + 1, "the") && self.is(e + 2, "year") {
                e += 3;
            } else {
                // "the first half of the match" is not a date
                return None;
            }
        } else {
            // "the first half", "first-half results": a half of the year; "first half" in
            // other company ("the first half hour") is not
            let end_ok = self.w(e).is_empty()
                || matches!(
                    self.w(e),
                    "," | "."
                        | ";"
                        | "results"
                        | "earnings"
                        | "profit"
                        | "profits"
                        | "sales"
                        | "revenue"
                        | "loss"
                        | "net"
                        | "growth"
                );
            let det = self.is(i, "the")
                || (i > 0 && matches!(self.w(i - 1), "in" | "for" | "during" | "the"));
            if !end_ok && !det {
                return None;
            }
        }
        Some(Expr::date(i, e, Sem::Half { y, h }))
    }

    /// "this summer", "last fall", "the spring of 1990", "summer 1990", "the winter".
    fn season(&self, i: usize, the: bool) -> Option<Expr> {
        let mut k = i;
        let mut y = YearRef::Open;
        let det = self.w(k);
        let mut has_det = the || (i > 0 && self.is(i - 1, "the"));
        match det {
            "this" => {
                y = YearRef::Rel(0);
                k += 1;
                has_det = true;
            }
            "last" | "past" => {
                y = YearRef::Last;
                k += 1;
                has_det = true;
            }
            "next" | "coming" => {
                y = YearRef::Next;
                k += 1;
                has_det = true;
            }
            _ => {}
        }
        let s = lx::season(self.w(k))?;
        let mut e = k + 1;
        if self.is(e, "of") {
            if let Some((yy, ye)) = self.year_at(e + 1) {
                y = YearRef::Abs(yy);
                e = ye;
            }
        } else if let Some((yy, ye)) = self.year_at(e).filter(|_| self.kind(e) == Some(Kind::Num)) {
            y = YearRef::Abs(yy);
            e = ye;
        }
        // "fall" is a verb and a noun: it needs a determiner or a year
        let bare = matches!(y, YearRef::Open) && !has_det;
        if bare {
            let prev = if i > 0 { self.w(i - 1) } else { "" };
            if self.w(k) == "fall"
                || !matches!(
                    prev,
                    "in" | "during"
                        | "by"
                        | "until"
                        | "since"
                        | "through"
                        | "early"
                        | "late"
                        | "mid"
                        | "-"
                )
            {
                return None;
            }
        }
        if the && matches!(y, YearRef::Open) && self.is(e, "of") {
            return None;
        }
        Some(Expr::date(i, e, Sem::Season { y, s }))
    }

    /// Weekdays: "Friday", "last Friday", "next Tuesday", "this coming Sunday", "Friday night",
    /// "Sunday, March 8" is a month-day; plural weekdays are sets.
    fn weekday(&self, i: usize) -> Option<Expr> {
        let mut k = i;
        let mut shift = 0i8;
        match self.w(k) {
            "last" | "past" | "previous" => {
                shift = -1;
                k += 1;
            }
            "next" | "coming" => {
                shift = 1;
                k += 1;
            }
            "this" => {
                k += 1;
                if matches!(self.w(k), "coming" | "next") {
                    shift = 1;
                    k += 1;
                } else if matches!(self.w(k), "past" | "last") {
                    shift = -1;
                    k += 1;
                } else {
                    shift = 2;
                }
            }
            _ => {}
        }
        if self.kind(k) != Some(Kind::Word) {
            return None;
        }
        if let Some(wd) = lx::weekday_plural(self.w(k)) {
            if shift != 0 {
                return None;
            }
            let mut e = k + 1;
            let mut v = format!("XXXX-WXX-{}", wd.number_from_monday());
            if let Some(p) = lx::part_of_day(self.w(e)) {
                v.push_str(p);
                e += 1;
            }
            return Some(Expr::new(i, e, TimexType::Set, Sem::Fixed(v)));
        }
        let w = self.w(k);
        let wd = lx::weekday(w)?;
        // abbreviations only with their period and a capital
        if w.len() <= 4 && !(self.cap(k) && self.is(k + 1, ".") && self.t.glued(k + 1)) {
            return None;
        }
        if !self.cap(k) && self.t.toks[k].kind == Kind::Word {
            // "friday" in lower case is still a weekday in news; keep it
        }
        let mut e = k + 1;
        if w.len() <= 4 {
            e = self.dot(e);
        }
        let mut x = Expr::date(i, e, Sem::Weekday { wd, shift });
        // "Friday night", "Friday morning"
        if let Some(p) = lx::part_of_day(self.w(e)).filter(|_| !self.w(e).ends_with('s')) {
            if self.w(e) != "overnight" {
                x.e = e + 1;
                x.part = Some(Part::Day(p));
                x.kind = TimexType::Time;
            }
        }
        // "Friday nights" are a set
        Some(x)
    }

    /// A part of the day before its day: "afternoon yesterday", "morning Friday" (the modifier,
    /// "mid-", "early", is the caller's).
    fn part_then_day(&self, i: usize) -> Option<Expr> {
        let p = lx::part_of_day(self.w(i))
            .filter(|_| !self.w(i).ends_with('s') && self.w(i) != "overnight")?;
        let mut d = self.days(i + 1).or_else(|| self.weekday(i + 1))?;
        if d.part.is_some() {
            return None;
        }
        d.s = i;
        d.part = Some(Part::Day(p));
        d.kind = TimexType::Time;
        Some(d)
    }

    /// today, tonight, yesterday, tomorrow (with a part of the day), "this morning",
    /// "last night", "the day before yesterday".
    fn days(&self, i: usize) -> Option<Expr> {
        let w = self.w(i);
        let (n, mut e, mut part) = match w {
            "today" => (0, i + 1, None),
            "tonight" => (0, i + 1, Some("TNI")),
            "yesterday" => (-1, i + 1, None),
            "tomorrow" => (1, i + 1, None),
            "this" | "that" => {
                let p = lx::part_of_day(self.w(i + 1)).filter(|_| !self.w(i + 1).ends_with('s'))?;
                if self.w(i + 1) == "overnight" {
                    return None;
                }
                if w == "that" {
                    let mut x = Expr::new(
                        i,
                        i + 2,
                        TimexType::Time,
                        Sem::Anchored {
                            unit: Unit::Day,
                            n: 0,
                        },
                    );
                    x.part = Some(Part::Day(p));
                    return Some(x);
                }
                (0, i + 2, Some(p))
            }
            "last" if matches!(self.w(i + 1), "night" | "evening") => (
                -1,
                i + 2,
                Some(if self.w(i + 1) == "night" {
                    "TNI"
                } else {
                    "TEV"
                }),
            ),
            "the"
                if self.is(i + 1, "day")
                    && matches!(self.w(i + 2), "before" | "after")
                    && matches!(self.w(i + 3), "yesterday" | "tomorrow") =>
            {
                let n = if self.is(i + 3, "yesterday") { -2 } else { 2 };
                (n, i + 4, None)
            }
            _ => return None,
        };
        if part.is_none() && matches!(w, "today" | "yesterday" | "tomorrow") {
            if let Some(p) = lx::part_of_day(self.w(e))
                .filter(|_| !self.w(e).ends_with('s') && self.w(e) != "overnight")
            {
                part = Some(p);
                e += 1;
            }
        }
        let mut x = Expr::date(i, e, Sem::Rel { unit: Unit::Day, n });
        if let Some(p) = part {
            x.part = Some(Part::Day(p));
            x.kind = TimexType::Time;
        }
        Some(x)
    }

    /// this/last/next/past/coming/previous/following + unit: "last week", "this year",
    /// "next month", "the past year", "the following day", "the same day", "that year";
    /// with a number they are durations ("the past three months", handled there).
    fn relative(&self, i: usize, the: bool) -> Option<Expr> {
        let w = self.w(i);
        let mut k = i + 1;
        // "this past week", "this coming year"
        let w = if w == "this" && matches!(self.w(k), "past" | "coming") {
            k += 1;
            if self.w(k - 1) == "past" {
                "last"
            } else {
                "next"
            }
        } else {
            w
        };
        let (u, plural) = lx::unit(self.w(k))?;
        if plural {
            return None;
        }
        let e = k + 1;
        let sem = match (w, the) {
            ("this", _) | ("current", _) | ("present", _) => Sem::Rel { unit: u, n: 0 },
            ("last", _) | ("past", true) | ("previous", false) | ("prior", false) => {
                Sem::Rel { unit: u, n: -1 }
            }
            ("next", false) | ("coming", _) => Sem::Rel { unit: u, n: 1 },
            ("past", false) => Sem::Rel { unit: u, n: -1 },
            ("next", true) | ("following", _) | ("succeeding", _) => {
                Sem::Anchored { unit: u, n: 1 }
            }
            ("previous", true) | ("prior", true) | ("preceding", _) => {
                Sem::Anchored { unit: u, n: -1 }
            }
            ("same", true) | ("that", _) => Sem::Anchored { unit: u, n: 0 },
            _ => return None,
        };
        if matches!(u, Unit::Second | Unit::Minute | Unit::Hour) {
            return None;
        }
        if u == Unit::Half {
            return None;
        }
        // "this week's", fine; "the last week of March" is a week of March: keep the relative
        let mut x = Expr::date(i, e, sem);
        if u == Unit::Weekend {
            x.kind = TimexType::Date;
        }
        Some(x)
    }

    /// "two weeks ago", "a year earlier", "several years ago", "a week or so ago",
    /// "five years later".
    fn ago(&self, i: usize) -> Option<Expr> {
        let (n, e, _m) = self.amount_at(i)?;
        let mut k = e;
        while matches!(self.w(k), "more" | "full" | "long") {
            k += 1;
        }
        let (u, _) = lx::unit(self.w(k))?;
        let mut e = k + 1;
        let mut approx = false;
        if self.is(e, "or") && self.is(e + 1, "so") {
            e += 2;
            approx = true;
        }
        let dir = self.w(e);
        let sign: i64 = match dir {
            "ago" | "back" => -1,
            "earlier" | "before" | "previously" => -2,
            "later" | "hence" | "after" => 2,
            "from" if self.is(e + 1, "now") => 1,
            _ => return None,
        };
        // "two days before the vote" is a duration before an event: not here
        if matches!(dir, "before" | "after") {
            let nx = self.w(e + 1);
            if !matches!(nx, "," | "." | ";" | "" | "that") {
                return None;
            }
        }
        let end = if dir == "from" { e + 2 } else { e + 1 };
        if sign.abs() == 2
            && !matches!(
                u,
                Unit::Year | Unit::Quarter | Unit::Half | Unit::Decade | Unit::Century
            )
        {
            // "three days later", "a day earlier": TimeML marks the duration, "later" is a signal
            return None;
        }
        let sem = match n {
            None => Sem::Ref(if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }),
            Some(v) => {
                let v = v.round() as i64;
                if sign.abs() == 2 {
                    Sem::Anchored {
                        unit: u,
                        n: v * sign.signum(),
                    }
                } else if sign < 0 {
                    Sem::Ago { unit: u, n: v }
                } else {
                    Sem::Rel { unit: u, n: v }
                }
            }
        };
        let mut x = Expr::date(i, end, sem);
        if approx {
            x.modifier = Some("APPROX");
        }
        Some(x)
    }

    /// Durations: "five years", "a year and a half", "2 1/2 years", "two-year", "the first
    /// nine months", "the past three months", "several weeks", "recent years".
    fn duration(&self, i: usize) -> Option<Expr> {
        let mut k = i;
        let mut lead = false;
        let w0 = self.w(k);
        if matches!(
            w0,
            "first"
                | "last"
                | "past"
                | "next"
                | "coming"
                | "latest"
                | "previous"
                | "final"
                | "initial"
                | "recent"
                | "following"
                | "preceding"
                | "prior"
                | "remaining"
                | "additional"
                | "further"
                | "entire"
                | "whole"
                | "full"
                | "same"
        ) {
            lead = true;
            k += 1;
        }
        // "the nine months", "the first nine months", "the past three months"
        let amount = self.amount_at(k);
        let (n, e, m) = match amount {
            Some(a) => a,
            None => {
                // "recent years", "coming months", "the past few weeks" handled by amount;
                // "the coming weeks": plural unit right after the lead word
                if lead {
                    let (u, plural) = lx::unit(self.w(k))?;
                    if !plural {
                        return None;
                    }
                    let mut x =
                        Expr::new(i, k + 1, TimexType::Duration, Sem::Dur { n: None, unit: u });
                    if matches!(
                        w0,
                        "recent" | "past" | "last" | "previous" | "coming" | "next"
                    ) {
                        x.kind = TimexType::Duration;
                    } else {
                        return None;
                    }
                    return Some(x);
                }
                return self.bare_units(i);
            }
        };
        if lead && matches!(self.w(k), "a" | "an") {
            // "the last a year" is no English
            return None;
        }
        let mut k = e;
        // "20 more years", "eight trading days", "two straight years"
        while matches!(
            self.w(k),
            "more"
                | "additional"
                | "full"
                | "straight"
                | "consecutive"
                | "successive"
                | "trading"
                | "business"
                | "working"
                | "calendar"
                | "long"
                | "extra"
                | "further"
        ) {
            k += 1;
        }
        // hyphenated: "two-year", "16-hour", "8-month-old", "52-week"
        let hyph = self.hyphen(k);
        if hyph {
            k += 1;
        }
        let (u, plural) = lx::unit(self.w(k))?;
        if u == Unit::Half || (u == Unit::Weekend && !plural) {
            return None;
        }
        // "a year" alone: article + singular unit without lead word is a duration only when
        // nothing better claims it (sets and "ago" are longer); "one" is fine
        let mut end = k + 1;
        let mut value_n = n;
        if self.is(end, "and") && self.is(end + 1, "a") && self.is(end + 2, "half") {
            value_n = n.map(|v| v + 0.5);
            end += 3;
        }
        if hyph || self.hyphen(end) {
            // "a 6-year-old" is an age, not a time; "day-long" a duration
            if self.hyphen(end) && self.is(end + 1, "old") {
                return None;
            }
            if self.hyphen(end) && self.is(end + 1, "long") {
                end += 2;
            }
        }
        if self.is(end, "or") && self.is(end + 1, "so") {
            end += 2;
        }
        // a number glued to letters ("2nd", "3rd") is no amount; "1990 years" no year
        if self.kind(i) == Some(Kind::Num)
            && self.t.toks[i].digits == 4
            && !lead
            && self.t.toks[i].num > 999.0
            && !plural
        {
            return None;
        }
        let x = Expr::new(
            i,
            end,
            TimexType::Duration,
            Sem::Dur {
                n: value_n,
                unit: u,
            },
        )
        .with_mod(m);
        Some(x)
    }

    /// Bare plural units in temporal frames: "for years", "within weeks", "weeks or months".
    fn bare_units(&self, i: usize) -> Option<Expr> {
        let (u, plural) = lx::unit(self.w(i))?;
        if !plural || u == Unit::Weekend {
            return None;
        }
        let prev = if i > 0 { self.w(i - 1) } else { "" };
        if !matches!(
            prev,
            "for"
                | "within"
                | "in"
                | "over"
                | "after"
                | "took"
                | "take"
                | "takes"
                | "last"
                | "lasted"
                | "lasting"
        ) {
            return None;
        }
        if prev == "in" && !matches!(self.w(i + 1), "." | "," | "or" | "and" | ";") {
            return None;
        }
        let mut e = i + 1;
        if self.is(e, "or") && lx::unit(self.w(e + 1)).is_some_and(|(_, p)| p) {
            e += 2;
        }
        Some(Expr::new(
            i,
            e,
            TimexType::Duration,
            Sem::Dur { n: None, unit: u },
        ))
    }

    /// now, currently, recently, the past, the future, soon …
    fn refs(&self, i: usize, the: bool) -> Option<Expr> {
        let w = self.w(i);
        let next = self.w(i + 1);
        let (v, e) = match w {
            "now" => {
                // "now that" is a conjunction but still the present
                ("PRESENT_REF", i + 1)
            }
            "currently" | "presently" | "nowadays" => ("PRESENT_REF", i + 1),
            "current" => {
                // "the current account" is no time; "current" before a noun of time or business
                if matches!(
                    next,
                    "account"
                        | "accounts"
                        | "affairs"
                        | "events"
                        | "flowing"
                        | "flow"
                        | "flows"
                        | "sea"
                        | "river"
                        | "ocean"
                ) {
                    return None;
                }
                if lx::unit(next).is_some() {
                    return None;
                }
                ("PRESENT_REF", i + 1)
            }
            "present"
                if the
                    && next != "day"
                    && lx::unit(next).is_none()
                    && matches!(next, "," | "." | ";" | "") =>
            {
                ("PRESENT_REF", i + 1)
            }
            "these" if next == "days" => ("PRESENT_REF", i + 2),
            "right" if next == "now" => ("PRESENT_REF", i + 2),
            "more" | "most" if next == "recently" => ("PAST_REF", i + 2),
            "at" if next == "present" => ("PRESENT_REF", i + 2),
            "at" if next == "the" && self.is(i + 2, "moment") => ("PRESENT_REF", i + 3),
            "recently" | "lately" => ("PAST_REF", i + 1),
            "recent" => {
                if lx::unit(next).is_some_and(|(_, p)| p) {
                    return None; // a duration
                }
                ("PAST_REF", i + 1)
            }
            "past" if the && lx::unit(next).is_none() && self.amount_at(i + 1).is_none() => {
                ("PAST_REF", i + 1)
            }
            "future" => ("FUTURE_REF", i + 1),
            "near" if the && matches!(next, "future" | "term") => ("FUTURE_REF", i + 2),
            "soon" => {
                // "as soon as possible" is the future; "as soon as they arrive" is not a time
                if i > 0 && self.is(i - 1, "as") && next == "as" {
                    if self.is(i + 2, "possible") {
                        return Some(Expr::date(i - 1, i + 3, Sem::Ref("FUTURE_REF")));
                    }
                    return None;
                }
                if matches!(next, "after" | "afterwards" | "thereafter") {
                    return None;
                }
                ("FUTURE_REF", i + 1)
            }
            "a" if next == "later" && self.is(i + 2, "date") => ("FUTURE_REF", i + 3),
            "a" if next == "while" => {
                return Some(Expr::new(
                    i,
                    i + 2,
                    TimexType::Duration,
                    Sem::Fixed("PXX".into()),
                ));
            }
            "long" if next == "ago" => ("PAST_REF", i + 2),
            _ => return None,
        };
        Some(Expr::date(i, e, Sem::Ref(v)))
    }

    /// Sets: "every day", "each Thursday", "each July", "daily", "annually", "a year" after a
    /// rate, "twice a week".
    fn set(&self, i: usize) -> Option<Expr> {
        let w = self.w(i);
        let fixed = |v: &str, e: usize| Some(Expr::new(i, e, TimexType::Set, Sem::Fixed(v.into())));
        match w {
            "daily" => return fixed("P1D", i + 1),
            "nightly" => return fixed("P1D", i + 1),
            "weekly" => return fixed("P1W", i + 1),
            "biweekly" => return fixed("P2W", i + 1),
            "monthly" => return fixed("P1M", i + 1),
            "annually" | "yearly" => return fixed("P1Y", i + 1),
            "hourly" => return fixed("PT1H", i + 1),
            "every" | "each" => {
                let mut k = i + 1;
                if self.is(k, "other") {
                    k += 1;
                }
                let two = self.is(i + 1, "other");
                let nw = self.w(k);
                if let Some((u, plural)) = lx::unit(nw) {
                    if plural {
                        return None;
                    }
                    let (l, t) = u.duration_letter();
                    let n = if two { 2 } else { 1 };
                    let v = match u {
                        Unit::Weekend => "XXXX-WXX-WE".to_string(),
                        Unit::Quarter => format!("P{n}Q"),
                        Unit::Decade => format!("P{}Y", 10 * n),
                        Unit::Century => format!("P{}Y", 100 * n),
                        _ => format!("P{}{n}{l}", if t { "T" } else { "" }),
                    };
                    return fixed(&v, k + 1);
                }
                if let Some(wd) = lx::weekday(nw).filter(|_| nw.len() > 4) {
                    let mut v = format!("XXXX-WXX-{}", wd.number_from_monday());
                    let mut e = k + 1;
                    if let Some(p) =
                        lx::part_of_day(self.w(e)).filter(|_| !self.w(e).ends_with('s'))
                    {
                        v.push_str(p);
                        e += 1;
                    }
                    return fixed(&v, e);
                }
                if let Some((m, e)) = self.month_at(k) {
                    return fixed(&format!("XXXX-{m:02}"), e);
                }
                if let Some(p) = lx::part_of_day(nw).filter(|_| !nw.ends_with('s')) {
                    return fixed(&format!("XXXX-XX-XX{p}"), k + 1);
                }
                if let Some(s) = lx::season(nw) {
                    return fixed(&format!("XXXX-{s}"), k + 1);
                }
                return None;
            }
            "once" | "twice" if matches!(self.w(i + 1), "a" | "per" | "every" | "each") => {
                let (u, plural) = lx::unit(self.w(i + 2))?;
                if plural {
                    return None;
                }
                let (l, t) = u.duration_letter();
                return fixed(&format!("P{}1{l}", if t { "T" } else { "" }), i + 3);
            }
            "a" | "per" => {
                // "$40 a year", "three times a week", "5% a year"
                let (u, plural) = lx::unit(self.w(i + 1))?;
                if plural || matches!(u, Unit::Weekend | Unit::Half) {
                    return None;
                }
                if i == 0 {
                    return None;
                }
                let prev = self.w(i - 1);
                let rate = self.kind(i - 1) == Some(Kind::Num)
                    || matches!(
                        prev,
                        "%" | "percent"
                            | "million"
                            | "billion"
                            | "trillion"
                            | "thousand"
                            | "hundred"
                            | "times"
                            | "dollars"
                            | "cents"
                            | "share"
                            | "shares"
                            | "barrels"
                            | "tons"
                            | "dlrs"
                    )
                    || w == "per";
                if !rate
                    || matches!(
                        self.w(i + 2),
                        "ago" | "earlier" | "later" | "before" | "after" | "and" | "or"
                    )
                {
                    return None;
                }
                let (l, t) = u.duration_letter();
                let v = match u {
                    Unit::Quarter => "P1Q".to_string(),
                    _ => format!("P{}1{l}", if t { "T" } else { "" }),
                };
                return fixed(&v, i + 2);
            }
            _ => {}
        }
        None
    }

    /// Clock times: "10 p.m.", "10:35 a.m.", "noon", "midnight", "4 in the morning", with an
    /// optional zone and date after them ("10 p.m. Wednesday", "5 p.m. EST, Nov. 6").
    fn clock(&self, i: usize) -> Option<Expr> {
        let w = self.w(i);
        let (h, m, mut e) = match w {
            "noon" | "midday" => (12, 0, i + 1),
            "midnight" => (24, 0, i + 1),
            _ => {
                let h = self.t.int(i)?;
                if self.t.toks[i].digits > 2 || h > 24 {
                    return None;
                }
                let mut e = i + 1;
                let mut m = 0;
                let mut colon = false;
                if self.is(e, ":")
                    && self.t.glued(e)
                    && self.kind(e + 1) == Some(Kind::Num)
                    && self.t.toks[e + 1].digits == 2
                    && self.t.glued(e + 1)
                {
                    m = self.t.int(e + 1)?;
                    if m > 59 {
                        return None;
                    }
                    e += 2;
                    colon = true;
                }
                // am / pm: "a.m.", "am", "a.m", "p.m."
                let ampm = match self.w(e) {
                    "am" | "pm" => {
                        let pm = self.w(e) == "pm";
                        e += 1;
                        Some(pm)
                    }
                    "a" | "p"
                        if self.is(e + 1, ".")
                            && self.is(e + 2, "m")
                            && self.t.glued(e + 1)
                            && self.t.glued(e + 2) =>
                    {
                        let pm = self.w(e) == "p";
                        e += 3;
                        if self.is(e, ".") && self.t.glued(e) {
                            e += 1;
                        }
                        Some(pm)
                    }
                    _ => None,
                };
                let mut hh = h;
                match ampm {
                    Some(pm) => {
                        if h == 0 || h > 12 {
                            return None;
                        }
                        if pm && h != 12 {
                            hh = h + 12;
                        } else if !pm && h == 12 {
                            hh = 0;
                        }
                    }
                    None => {
                        if self.is(e, "o") && self.is(e + 1, "'") && self.is(e + 2, "clock") {
                            e += 3;
                        } else if matches!(self.w(e), "in")
                            && self.is(e + 1, "the")
                            && matches!(self.w(e + 2), "morning" | "afternoon" | "evening")
                        {
                            if self.w(e + 2) != "morning" && h < 12 {
                                hh = h + 12;
                            }
                            e += 3;
                        } else if !colon || h > 23 {
                            return None;
                        } else {
                            // "14:30" needs a context that makes it a time
                            let prev = if i > 0 { self.w(i - 1) } else { "" };
                            if !matches!(
                                prev,
                                "at" | "by"
                                    | "until"
                                    | "from"
                                    | "before"
                                    | "after"
                                    | "around"
                                    | "about"
                            ) && !lx::zone(self.w(e))
                            {
                                return None;
                            }
                        }
                    }
                }
                (hh, m, e)
            }
        };
        // zone
        if lx::zone(self.w(e)) {
            e += 1;
        }
        let mut x = Expr::new(
            i,
            e,
            TimexType::Time,
            Sem::Rel {
                unit: Unit::Day,
                n: 0,
            },
        );
        x.part = Some(Part::Clock(h, m));
        // a date after it: "Wednesday", "Nov. 6", "today", ", Nov. 6"
        let mut k = e;
        if self.is(k, ",") {
            k += 1;
        }
        if matches!(self.w(k), "on") {
            k += 1;
        }
        if let Some(d) = self
            .month_day(k)
            .or_else(|| self.weekday(k).filter(|d| d.part.is_none()))
            .or_else(|| self.days(k).filter(|d| d.part.is_none()))
        {
            x.sem = d.sem;
            x.e = d.e;
            x.explicit = d.explicit;
        }
        Some(x)
    }

    /// Holidays: Christmas, Christmas Eve, New Year's Day, Thanksgiving, Easter, Halloween.
    fn holiday(&self, i: usize) -> Option<Expr> {
        let w = self.w(i);
        if !self.cap(i) {
            return None;
        }
        let (h, mut e) = match w {
            "christmas" if self.is(i + 1, "eve") => (Holiday::Fixed(12, 24), i + 2),
            "christmas" => (
                Holiday::Fixed(12, 25),
                if self.is(i + 1, "day") { i + 2 } else { i + 1 },
            ),
            "new" if self.is(i + 1, "year") && self.possessive(i + 2) && self.is(i + 4, "eve") => {
                (Holiday::Fixed(12, 31), i + 5)
            }
            "new" if self.is(i + 1, "year") && self.possessive(i + 2) && self.is(i + 4, "day") => {
                (Holiday::Fixed(1, 1), i + 5)
            }
            "thanksgiving" => (
                Holiday::Nth(11, Weekday::Thu, 4),
                if self.is(i + 1, "day") { i + 2 } else { i + 1 },
            ),
            "easter" if self.is(i + 1, "sunday") => (Holiday::Easter(0), i + 2),
            "easter" if self.is(i + 1, "monday") => (Holiday::Easter(1), i + 2),
            "easter"
                if !matches!(
                    self.w(i + 1),
                    "island"
                        | "egg"
                        | "eggs"
                        | "bunny"
                        | "rising"
                        | "week"
                        | "holidays"
                        | "holiday"
                ) =>
            {
                (Holiday::Easter(0), i + 1)
            }
            "good" if self.is(i + 1, "friday") => (Holiday::Easter(-2), i + 2),
            "halloween" => (Holiday::Fixed(10, 31), i + 1),
            "valentine" if self.possessive(i + 1) && self.is(i + 3, "day") => {
                (Holiday::Fixed(2, 14), i + 4)
            }
            "labor" | "labour" if self.is(i + 1, "day") => {
                (Holiday::Nth(9, Weekday::Mon, 1), i + 2)
            }
            "memorial" if self.is(i + 1, "day") => (Holiday::Nth(5, Weekday::Mon, 5), i + 2),
            "independence" if self.is(i + 1, "day") => (Holiday::Fixed(7, 4), i + 2),
            "election" if self.is(i + 1, "day") && self.cap(i + 1) => {
                (Holiday::Nth(11, Weekday::Tue, 0), i + 2)
            }
            _ => return None,
        };
        let mut y = YearRef::Open;
        if let Some((yy, ye)) = self.year_at(e).filter(|_| self.kind(e) == Some(Kind::Num)) {
            y = YearRef::Abs(yy);
            e = ye;
        }
        Some(Expr::date(i, e, Sem::Holiday { y, h }))
    }

    /// Numeric dates: "2022-03-05", "3/5/2022" (month first), "05.03.2022" (day first).
    fn iso(&self, i: usize) -> Option<Expr> {
        let t = self.t.toks.get(i)?;
        if t.kind != Kind::Num || t.digits == 0 {
            return None;
        }
        let a = self.t.int(i)?;
        let sep = self.w(i + 1);
        if !matches!(sep, "-" | "/" | ".") || !self.t.glued(i + 1) || !self.t.glued(i + 2) {
            return None;
        }
        let b = self.t.int(i + 2)?;
        if !(self.is(i + 3, sep) && self.t.glued(i + 3) && self.t.glued(i + 4)) {
            return None;
        }
        let c = self.t.int(i + 4)?;
        let cd = self.t.toks[i + 4].digits;
        let (y, m, d) = if t.digits == 4 && sep == "-" {
            (a as i32, b, c)
        } else if cd == 4 && sep == "/" {
            (c as i32, a, b)
        } else if cd == 4 && sep == "." {
            (c as i32, b, a)
        } else {
            return None;
        };
        chrono::NaiveDate::from_ymd_opt(y, m, d)?;
        let mut x = Expr::date(
            i,
            i + 5,
            Sem::Cal {
                y: YearRef::Abs(y),
                m: Some(m),
                d: Some(d),
            },
        );
        x.explicit = true;
        Some(x)
    }

    /// "the year", "the full year", "the fiscal year", "the week", "the month", "the weekend"
    /// (after "the", which the caller consumed): the current one, or a one-unit duration
    /// before "ended"/"ending".
    fn the_unit(&self, i: usize, the: bool) -> Option<Expr> {
        if !the {
            return None;
        }
        let mut k = i;
        let mut current = false;
        while matches!(
            self.w(k),
            "full" | "fiscal" | "current" | "calendar" | "entire" | "whole" | "same"
        ) {
            current |= self.is(k, "current");
            k += 1;
        }
        let (u, plural) = lx::unit(self.w(k))?;
        if plural || !matches!(u, Unit::Year | Unit::Week | Unit::Month | Unit::Weekend) {
            return None;
        }
        let e = k + 1;
        let next = self.w(e);
        if self.kind(e) == Some(Kind::Num) {
            // "the year 12345" is no year we write; "the year 2000" is `year`
            return None;
        }
        if u == Unit::Weekend {
            return Some(Expr::date(i, e, Sem::Weekend));
        }
        if matches!(next, "ended" | "ending" | "ends" | "through" | "to") && !current {
            return Some(Expr::new(
                i,
                e,
                TimexType::Duration,
                Sem::Dur {
                    n: Some(1.0),
                    unit: u,
                },
            ));
        }
        // "the year of the dragon", "the year's best", "the week before": not the current one
        if matches!(
            next,
            "of" | "'"
                | "\u{2019}"
                | "before"
                | "after"
                | "earlier"
                | "ago"
                | "later"
                | "that"
                | "when"
                | "in"
                | "since"
        ) {
            return None;
        }
        // after a preposition: "for the year", "during the week"
        let prev = if i >= 2 { self.w(i - 2) } else { "" };
        if !current
            && !matches!(
                prev,
                "for"
                    | "in"
                    | "during"
                    | "over"
                    | "through"
                    | "throughout"
                    | "by"
                    | "until"
                    | "within"
                    | "into"
                    | "of"
                    | "earlier"
                    | "later"
                    | "early"
                    | "late"
            )
        {
            return None;
        }
        Some(Expr::date(i, e, Sem::Rel { unit: u, n: 0 }))
    }

    /// "yearlong", "monthlong", "weeklong", "daylong": one unit.
    fn long_word(&self, i: usize) -> Option<Expr> {
        let u = match self.w(i) {
            "yearlong" => Unit::Year,
            "monthlong" => Unit::Month,
            "weeklong" => Unit::Week,
            "daylong" => Unit::Day,
            "hourlong" => Unit::Hour,
            "decadelong" => Unit::Decade,
            _ => return None,
        };
        Some(Expr::new(
            i,
            i + 1,
            TimexType::Duration,
            Sem::Dur {
                n: Some(1.0),
                unit: u,
            },
        ))
    }

    /// "year-earlier", "year-ago", "year-end", "year end", "the year-earlier period".
    fn year_adjective(&self, i: usize) -> Option<Expr> {
        if !self.is(i, "year") {
            return None;
        }
        let (word, e) = if self.hyphen(i + 1) {
            (self.w(i + 2), i + 3)
        } else {
            (self.w(i + 1), i + 2)
        };
        match word {
            "earlier" | "ago" => {
                // "the year-earlier quarter" and "period" are quarters (see `quarter`)
                Some(Expr::date(
                    i,
                    e,
                    Sem::Anchored {
                        unit: Unit::Year,
                        n: -1,
                    },
                ))
            }
            "end" | "'" | "\u{2019}" => {
                let e = if word == "end" {
                    e
                } else if self.possessive(i + 1) && self.is(i + 3, "end") {
                    i + 4
                } else {
                    return None;
                };
                let mut x = Expr::date(
                    i,
                    e,
                    Sem::Rel {
                        unit: Unit::Year,
                        n: 0,
                    },
                );
                x.modifier = Some("END");
                Some(x)
            }
            _ => None,
        }
    }
}

/// The most tokens an expression has before its first anchor ("at least the past 18
/// months", "the end of the year").
const MAX_LEAD: usize = 5;

/// Tokens every expression holds one of: numbers and the words of the tables.
fn is_anchor(t: &Toks, k: usize) -> bool {
    let tok = &t.toks[k];
    match tok.kind {
        Kind::Num => true,
        Kind::Punct => false,
        Kind::Word => {
            let w = t.low(k);
            lx::unit(w).is_some()
                || lx::month(w).is_some()
                || lx::weekday(w).is_some()
                || lx::weekday_plural(w).is_some()
                || lx::season(w).is_some()
                || lx::part_of_day(w).is_some()
                // spelled years: "nineteen ninety-six", "two thousand one"
                || lx::small_number(w).is_some_and(|n| n >= 10)
                || matches!(
                    w,
                    "today" | "tonight" | "yesterday" | "tomorrow" | "now" | "currently"
                        | "presently" | "nowadays" | "recently" | "lately" | "recent" | "past"
                        | "future" | "soon" | "current" | "present" | "moment" | "term" | "date"
                        | "while" | "daily" | "nightly" | "weekly" | "biweekly" | "monthly"
                        | "annually" | "yearly" | "hourly" | "noon" | "midday" | "midnight"
                        | "christmas" | "thanksgiving" | "easter" | "halloween" | "valentine"
                        | "labor" | "labour" | "memorial" | "independence" | "election"
                        | "friday" | "twenties" | "thirties" | "forties" | "fifties" | "sixties"
                        | "seventies" | "eighties" | "nineties" | "q" | "yearlong" | "monthlong"
                        | "weeklong" | "daylong" | "hourlong" | "decadelong" | "new" | "ago"
                        | "thousand" | "half" | "period"
                )
        }
    }
}

/// Words that can begin an expression (a cheap test before trying every form).
fn could_start(w: &str) -> bool {
    lx::weekday(w).is_some()
        || lx::weekday_plural(w).is_some()
        || lx::unit(w).is_some()
        || lx::small_number(w).is_some()
        || lx::tens(w).is_some()
        || lx::ordinal(w).is_some()
        || lx::season(w).is_some()
        || matches!(
            w,
            "the"
                | "a"
                | "an"
                | "this"
                | "that"
                | "last"
                | "next"
                | "past"
                | "coming"
                | "previous"
                | "prior"
                | "following"
                | "preceding"
                | "same"
                | "current"
                | "present"
                | "today"
                | "tonight"
                | "yesterday"
                | "tomorrow"
                | "now"
                | "currently"
                | "presently"
                | "nowadays"
                | "these"
                | "at"
                | "recently"
                | "lately"
                | "previously"
                | "formerly"
                | "recent"
                | "future"
                | "near"
                | "soon"
                | "long"
                | "every"
                | "each"
                | "daily"
                | "nightly"
                | "weekly"
                | "biweekly"
                | "monthly"
                | "quarterly"
                | "annually"
                | "yearly"
                | "hourly"
                | "once"
                | "yearlong"
                | "monthlong"
                | "weeklong"
                | "daylong"
                | "hourlong"
                | "decadelong"
                | "twice"
                | "per"
                | "noon"
                | "midday"
                | "midnight"
                | "christmas"
                | "new"
                | "thanksgiving"
                | "easter"
                | "good"
                | "halloween"
                | "valentine"
                | "labor"
                | "labour"
                | "memorial"
                | "independence"
                | "election"
                | "fiscal"
                | "end"
                | "beginning"
                | "start"
                | "middle"
                | "close"
                | "turn"
                | "early"
                | "late"
                | "mid"
                | "earlier"
                | "later"
                | "about"
                | "around"
                | "approximately"
                | "roughly"
                | "nearly"
                | "almost"
                | "some"
                | "more"
                | "less"
                | "fewer"
                | "over"
                | "under"
                | "up"
                | "no"
                | "several"
                | "few"
                | "many"
                | "numerous"
                | "countless"
                | "couple"
                | "half"
                | "dozen"
                | "dozens"
                | "hundreds"
                | "thousands"
                | "latest"
                | "final"
                | "initial"
                | "remaining"
                | "additional"
                | "further"
                | "entire"
                | "whole"
                | "full"
                | "its"
                | "their"
                | "calendar"
                | "comparable"
                | "corresponding"
                | "most"
                | "flat"
                | "strong"
                | "weak"
                | "disappointing"
                | "latter"
                | "'"
                | "\u{2019}"
                | "twenties"
                | "thirties"
                | "forties"
                | "fifties"
                | "sixties"
                | "seventies"
                | "eighties"
                | "nineties"
                | "1st"
                | "2nd"
                | "3rd"
                | "4th"
                | "succeeding"
                | "q"
        )
}
