//! Normalisation: an expression's meaning, the reference day and the text before it give the
//! TIMEX3 value.
//!
//! Conventions (TimeML / TempEval-3):
//! - days `2022-03-05`, ISO weeks `2022-W10`, weekends `2022-W10-WE`, months `2022-03`,
//!   quarters `2022-Q1`, halves `2022-H1`, seasons `2022-SU`, years `2022`, decades `202`,
//!   centuries `20`; parts of the day `2022-03-05TNI`, clock times `2022-03-05T22:00`;
//! - durations `P6M`, `PT2H`, `P2Y6M`, `PXY` when the amount is vague;
//! - `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`;
//! - without a reference day, what the text does not say stays `X`: `XXXX-02-24`,
//!   `XXXX-WXX-7`; relative expressions become `XXXX…` at their granularity.
//!
//! Relative expressions are anchored on the reference day. A weekday is the nearest one on or
//! before the reference in a past or neutral context and the next one on or after it in a
//! future one; a month-day without a year is the nearest such day, looking back for past
//! reports and forward for future ones. "a year earlier", "the following year" and "that
//! day" are anchored on the last date the text mentioned.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use onrecord_core::TimexType;

use crate::lexicon::Unit;
use crate::parse::{Expr, Holiday, Part, Sem, Tense, YearRef};

/// A calendar point at some granularity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Point {
    Day(NaiveDate),
    Week(i32, u32),
    Weekend(i32, u32),
    Month(i32, u32),
    Quarter(i32, u8),
    Half(i32, u8),
    Season(i32, &'static str),
    Year(i32),
    Decade(i32),
    Century(i32),
}

/// The most units a relative expression may move (a million years is already no date we
/// write); beyond it the arithmetic is not attempted.
const MAX_SHIFT: u64 = 1_000_000;

/// Years we write as dates: anything else is left unnormalised.
fn sane(y: i32) -> bool {
    (0..=9999).contains(&y)
}

impl Point {
    pub fn value(&self) -> String {
        match *self {
            Point::Day(d) => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Point::Week(y, w) => format!("{y:04}-W{w:02}"),
            Point::Weekend(y, w) => format!("{y:04}-W{w:02}-WE"),
            Point::Month(y, m) => format!("{y:04}-{m:02}"),
            Point::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Point::Half(y, h) => format!("{y:04}-H{h}"),
            Point::Season(y, s) => format!("{y:04}-{s}"),
            Point::Year(y) => format!("{y:04}"),
            Point::Decade(d) => format!("{d:03}"),
            Point::Century(c) => format!("{c:02}"),
        }
    }

    fn year(&self) -> i32 {
        match *self {
            Point::Day(d) => d.year(),
            Point::Week(y, _) | Point::Weekend(y, _) => y,
            Point::Month(y, _) | Point::Year(y) | Point::Season(y, _) => y,
            Point::Quarter(y, _) | Point::Half(y, _) => y,
            Point::Decade(d) => d * 10,
            Point::Century(c) => c * 100,
        }
    }

    fn ok(self) -> Option<Point> {
        sane(self.year()).then_some(self)
    }

    /// The point `n` units away, at this point's granularity when it is at least as fine as
    /// the unit; None when the point is coarser than the unit.
    fn shift(&self, unit: Unit, n: i64) -> Option<Point> {
        if n.unsigned_abs() > MAX_SHIFT {
            return None;
        }
        let months = match unit {
            Unit::Month => n,
            Unit::Quarter => 3 * n,
            Unit::Half => 6 * n,
            Unit::Year => 12 * n,
            Unit::Decade => 120 * n,
            Unit::Century => 1200 * n,
            _ => 0,
        };
        let days = match unit {
            Unit::Day => n,
            Unit::Week | Unit::Weekend => 7 * n,
            _ => 0,
        };
        let p = match *self {
            Point::Day(d) => {
                if days != 0 {
                    Point::Day(d.checked_add_signed(Duration::try_days(days)?)?)
                } else if months != 0 || unit == Unit::Month {
                    Point::Day(add_months_day(d, months)?)
                } else if matches!(unit, Unit::Day | Unit::Week | Unit::Weekend) {
                    Point::Day(d)
                } else {
                    return None;
                }
            }
            Point::Week(y, w) | Point::Weekend(y, w) => {
                let monday = NaiveDate::from_isoywd_opt(y, w, Weekday::Mon)?;
                let d = if days != 0 {
                    monday.checked_add_signed(Duration::try_days(days)?)?
                } else if months != 0 {
                    add_months_day(monday, months)?
                } else if unit == Unit::Day {
                    return None;
                } else {
                    monday
                };
                let iw = d.iso_week();
                if matches!(self, Point::Weekend(..)) {
                    Point::Weekend(iw.year(), iw.week())
                } else {
                    Point::Week(iw.year(), iw.week())
                }
            }
            Point::Month(y, m) => {
                if days != 0 {
                    return None;
                }
                let (yy, mm) = add_months(y, m, months);
                Point::Month(yy, mm)
            }
            Point::Quarter(y, q) => {
                if days != 0 || unit == Unit::Month && n % 3 != 0 {
                    return None;
                }
                let (yy, mm) = add_months(y, (q as u32 - 1) * 3 + 1, months);
                Point::Quarter(yy, ((mm - 1) / 3 + 1) as u8)
            }
            Point::Half(y, h) => {
                if days != 0 || matches!(unit, Unit::Month | Unit::Quarter) {
                    return None;
                }
                let (yy, mm) = add_months(y, (h as u32 - 1) * 6 + 1, months);
                Point::Half(yy, ((mm - 1) / 6 + 1) as u8)
            }
            Point::Season(y, s) => {
                if !matches!(unit, Unit::Year | Unit::Decade | Unit::Century) {
                    return None;
                }
                Point::Season(y + (months / 12) as i32, s)
            }
            Point::Year(y) => {
                if !matches!(unit, Unit::Year | Unit::Decade | Unit::Century) {
                    return None;
                }
                Point::Year(y + (months / 12) as i32)
            }
            Point::Decade(d) => {
                if !matches!(unit, Unit::Decade | Unit::Century) {
                    return None;
                }
                Point::Decade(d + (months / 120) as i32)
            }
            Point::Century(c) => {
                if unit != Unit::Century {
                    return None;
                }
                Point::Century(c + (months / 1200) as i32)
            }
        };
        p.ok()
    }
}

fn add_months(y: i32, m: u32, n: i64) -> (i32, u32) {
    let total = y as i64 * 12 + (m as i64 - 1) + n;
    (
        total.div_euclid(12) as i32,
        (total.rem_euclid(12) + 1) as u32,
    )
}

fn add_months_day(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let (y, m) = add_months(d.year(), d.month(), n);
    if !sane(y) {
        return None;
    }
    // the last day of a shorter month: 31 March minus a month is 28/29 February
    let mut day = d.day();
    loop {
        if let Some(x) = NaiveDate::from_ymd_opt(y, m, day) {
            return Some(x);
        }
        if day <= 28 {
            return None;
        }
        day -= 1;
    }
}

/// The point `n` units from the reference day, at the unit's granularity.
fn rel(r: NaiveDate, unit: Unit, n: i64) -> Option<Point> {
    if n.unsigned_abs() > MAX_SHIFT {
        return None;
    }
    let p = match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => {
            let n = if unit == Unit::Day { n } else { 0 };
            Point::Day(r.checked_add_signed(Duration::try_days(n)?)?)
        }
        Unit::Week | Unit::Weekend => {
            let d = r.checked_add_signed(Duration::try_days(7 * n)?)?;
            let w = d.iso_week();
            if unit == Unit::Week {
                Point::Week(w.year(), w.week())
            } else {
                Point::Weekend(w.year(), w.week())
            }
        }
        Unit::Month => {
            let (y, m) = add_months(r.year(), r.month(), n);
            Point::Month(y, m)
        }
        Unit::Quarter => {
            let (y, m) = add_months(r.year(), r.month(), 3 * n);
            Point::Quarter(y, ((m - 1) / 3 + 1) as u8)
        }
        Unit::Half => {
            let (y, m) = add_months(r.year(), r.month(), 6 * n);
            Point::Half(y, ((m - 1) / 6 + 1) as u8)
        }
        Unit::Year => Point::Year(r.year().checked_add(n.clamp(-100_000, 100_000) as i32)?),
        Unit::Decade => Point::Decade(r.year().div_euclid(10) + n.clamp(-10_000, 10_000) as i32),
        Unit::Century => Point::Century(r.year().div_euclid(100) + n.clamp(-1000, 1000) as i32),
        Unit::Millennium => return None,
    };
    p.ok()
}

/// What a reference-free relative expression is written as, at the unit's granularity.
fn unanchored(unit: Unit) -> &'static str {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => "XXXX-XX-XX",
        Unit::Week => "XXXX-WXX",
        Unit::Weekend => "XXXX-WXX-WE",
        Unit::Month => "XXXX-XX",
        Unit::Quarter => "XXXX-QX",
        Unit::Half => "XXXX-HX",
        Unit::Year => "XXXX",
        Unit::Decade => "XXX",
        Unit::Century | Unit::Millennium => "XX",
    }
}

/// The year of a month (and day) written without one, from the reference and the tense.
fn year_for(r: NaiveDate, m: u32, d: Option<u32>, y: YearRef, tense: Tense) -> i32 {
    let ry = r.year();
    match y {
        YearRef::Abs(y) => y,
        YearRef::Rel(n) => ry + n,
        YearRef::Last => {
            // "last February": in March or May that is a year ago; "last April" or "last
            // June" in October is this year's
            let back = r.month() as i32 - m as i32;
            if back >= 4 {
                ry
            } else {
                ry - 1
            }
        }
        YearRef::Next => {
            if m > r.month() {
                ry
            } else {
                ry + 1
            }
        }
        YearRef::Open => {
            // the nearest such day (or month); a past report reaches back when the nearest is
            // well ahead, a future one forward when it is well behind
            let (cands, far): (Vec<(i32, i64)>, i64) = match d {
                Some(d) => (
                    [ry - 1, ry, ry + 1]
                        .iter()
                        .filter_map(|&y| {
                            NaiveDate::from_ymd_opt(y, m, d).map(|x| (y, (x - r).num_days()))
                        })
                        .collect(),
                    62,
                ),
                None => (
                    [ry - 1, ry, ry + 1]
                        .iter()
                        .map(|&y| (y, ((y - ry) * 12 + m as i32 - r.month() as i32) as i64))
                        .collect(),
                    0,
                ),
            };
            let Some(&(y0, d0)) = cands.iter().min_by_key(|(_, dist)| dist.abs()) else {
                return ry;
            };
            match tense {
                Tense::Past if d0 > far => cands
                    .iter()
                    .filter(|(_, x)| *x <= far)
                    .map(|(y, _)| *y)
                    .max()
                    .unwrap_or(y0),
                Tense::Future if d0 < -far => cands
                    .iter()
                    .filter(|(_, x)| *x >= -far)
                    .map(|(y, _)| *y)
                    .min()
                    .unwrap_or(y0),
                _ => y0,
            }
        }
    }
}

/// The nearest `wd` to `r`: `shift` -1 strictly before, +1 strictly after, 2 in the same
/// week, 0 by tense (on or after for the future, on or before otherwise).
fn weekday_day(r: NaiveDate, wd: Weekday, shift: i8, tense: Tense) -> Option<NaiveDate> {
    let rw = r.weekday().num_days_from_monday() as i64;
    let w = wd.num_days_from_monday() as i64;
    let back = (rw - w).rem_euclid(7);
    let fwd = (w - rw).rem_euclid(7);
    let delta = match shift {
        -1 => -(if back == 0 { 7 } else { back }),
        1 => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        2 => w - rw,
        _ => {
            if tense == Tense::Future {
                fwd
            } else {
                -back
            }
        }
    };
    r.checked_add_signed(Duration::try_days(delta)?)
}

fn holiday_day(y: i32, h: Holiday) -> Option<NaiveDate> {
    match h {
        Holiday::Fixed(m, d) => NaiveDate::from_ymd_opt(y, m, d),
        Holiday::Nth(m, wd, n) => {
            if n == 0 {
                // US Election Day: the Tuesday after the first Monday of November
                let first_mon = NaiveDate::from_weekday_of_month_opt(y, m, Weekday::Mon, 1)?;
                return first_mon.succ_opt();
            }
            if n == 5 {
                let mut d = NaiveDate::from_weekday_of_month_opt(y, m, wd, 4)?;
                if let Some(d5) = NaiveDate::from_weekday_of_month_opt(y, m, wd, 5) {
                    d = d5;
                }
                return Some(d);
            }
            NaiveDate::from_weekday_of_month_opt(y, m, wd, n)
        }
        Holiday::Easter(off) => {
            // anonymous Gregorian computus
            if !(1583..=9999).contains(&y) {
                return None;
            }
            let a = y % 19;
            let b = y / 100;
            let c = y % 100;
            let d = b / 4;
            let e = b % 4;
            let f = (b + 8) / 25;
            let g = (b - f + 1) / 3;
            let hh = (19 * a + b - d - g + 15) % 30;
            let i = c / 4;
            let k = c % 4;
            let l = (32 + 2 * e + 2 * i - hh - k) % 7;
            let m = (a + 11 * hh + 22 * l) / 451;
            let month = (hh + l - 7 * m + 114) / 31;
            let day = (hh + l - 7 * m + 114) % 31 + 1;
            NaiveDate::from_ymd_opt(y, month as u32, day as u32)?
                .checked_add_signed(Duration::try_days(off)?)
        }
    }
}

/// Text-order context for anchored expressions.
#[derive(Default)]
pub(crate) struct Ctx {
    /// The last date mentioned (any).
    last: Option<(Point, u32)>,
    /// The last date mentioned that was not the report's own day (weekdays, today).
    last_content: Option<(Point, u32)>,
    /// The last quarter mentioned.
    last_quarter: Option<(i32, u8)>,
}

/// A resolved expression: its type (a part of the day makes a date a time) and value.
pub(crate) struct Resolved {
    pub kind: TimexType,
    pub value: String,
}

pub(crate) fn resolve(x: &Expr, sent: u32, r: Option<NaiveDate>, ctx: &mut Ctx) -> Resolved {
    let mut kind = x.kind;
    let point: Option<Point>;
    let mut report_day = false;
    let value: Option<String> = match &x.sem {
        Sem::Fixed(v) => {
            point = None;
            Some(v.clone())
        }
        Sem::Ref(v) => {
            point = None;
            Some((*v).to_string())
        }
        Sem::Dur { n, unit } => {
            point = None;
            Some(duration(*n, *unit))
        }
        Sem::Decade(d) => {
            point = Some(Point::Decade(*d));
            None
        }
        Sem::Century(c) => {
            point = Some(Point::Century(*c));
            None
        }
        Sem::Cal { y, m, d } => {
            let year = |mm: u32, dd: Option<u32>| -> Option<i32> {
                match (y, r) {
                    (YearRef::Abs(a), _) => Some(*a),
                    (_, Some(r)) => Some(year_for(r, mm, dd, *y, x.tense)),
                    (_, None) => None,
                }
            };
            match (m, d) {
                (Some(m), Some(d)) => match year(*m, Some(*d)).filter(|yy| sane(*yy)) {
                    Some(yy) => match NaiveDate::from_ymd_opt(yy, *m, *d) {
                        Some(day) => {
                            point = Some(Point::Day(day));
                            None
                        }
                        None => {
                            // February 30: not a day; say so rather than guess
                            point = None;
                            Some(if (1..=12).contains(m) && (1..=31).contains(d) {
                                format!("{yy:04}-{m:02}-XX")
                            } else {
                                "XXXX-XX-XX".into()
                            })
                        }
                    },
                    None => {
                        point = None;
                        Some(if NaiveDate::from_ymd_opt(2000, *m, *d).is_some() {
                            format!("XXXX-{m:02}-{d:02}")
                        } else {
                            "XXXX-XX-XX".into()
                        })
                    }
                },
                (Some(m), None) => match year(*m, None) {
                    Some(yy) => {
                        point = Some(Point::Month(yy, *m));
                        None
                    }
                    None => {
                        point = None;
                        Some(format!("XXXX-{m:02}"))
                    }
                },
                _ => match (y, r) {
                    (YearRef::Abs(a), _) => {
                        point = Some(Point::Year(*a));
                        None
                    }
                    (YearRef::Rel(n), Some(r)) => {
                        point = Some(Point::Year(r.year() + n));
                        None
                    }
                    _ => {
                        point = None;
                        Some("XXXX".into())
                    }
                },
            }
        }
        Sem::Weekday { wd, shift } => match r {
            Some(r) => {
                point = weekday_day(r, *wd, *shift, x.tense).map(Point::Day);
                report_day = true;
                None
            }
            None => {
                point = None;
                Some(format!("XXXX-WXX-{}", wd.number_from_monday()))
            }
        },
        Sem::Weekend => match r {
            Some(r) => {
                let weekend = matches!(r.weekday(), Weekday::Sat | Weekday::Sun);
                let back = x.tense != Tense::Future && !weekend;
                point = rel(r, Unit::Weekend, if back { -1 } else { 0 });
                None
            }
            None => {
                point = None;
                Some("XXXX-WXX-WE".into())
            }
        },
        Sem::Rel { unit, n } => match r {
            Some(r) => {
                point = rel(r, *unit, *n);
                report_day = *unit == Unit::Day && *n == 0;
                None
            }
            None => {
                point = None;
                Some(if *unit == Unit::Day && *n == 0 {
                    "PRESENT_REF".into()
                } else {
                    unanchored(*unit).into()
                })
            }
        },
        Sem::Ago { unit, n } => {
            // "a year ago" next to a quarter of this year is that quarter a year before
            let q = match (ctx.last_content, r) {
                (Some((p @ (Point::Quarter(..) | Point::Half(..)), s)), Some(r))
                    if sent.saturating_sub(s) <= 3 && p.year() == r.year() =>
                {
                    Some(p)
                }
                _ => None,
            };
            match (q, r) {
                (Some(p), _) if *unit == Unit::Year => {
                    point = p.shift(Unit::Year, -*n);
                    None
                }
                (_, Some(r)) => {
                    point = match unit {
                        // "a decade ago" is a year
                        Unit::Decade => rel(r, Unit::Year, n.saturating_mul(-10)),
                        Unit::Century => rel(r, Unit::Year, n.saturating_mul(-100)),
                        _ => rel(r, *unit, -*n),
                    };
                    None
                }
                (_, None) => {
                    point = None;
                    Some(unanchored(*unit).into())
                }
            }
        }
        Sem::Anchored { unit, n } => {
            // "a year earlier", "year-ago": from the period the text is reporting on (a
            // quarter or day of the reference year mentioned just before); "the following
            // year", "that day": from the last date mentioned
            let anchor = if matches!(unit, Unit::Year | Unit::Quarter) && *n < 0 {
                match (ctx.last_content, ctx.last_quarter, r) {
                    (Some((p, s)), _, Some(r))
                        if sent.saturating_sub(s) <= 2
                            && p.year() == r.year()
                            && !matches!(p, Point::Year(_)) =>
                    {
                        Some(p)
                    }
                    (_, Some((y, q)), Some(r)) if y == r.year() => Some(Point::Quarter(y, q)),
                    (_, _, Some(_)) if *unit == Unit::Quarter => {
                        r.and_then(|r| rel(r, Unit::Quarter, -1))
                    }
                    (Some((p, _)), _, None) => Some(p),
                    _ => None,
                }
            } else {
                ctx.last.map(|(p, _)| p)
            };
            let shifted = anchor.and_then(|p| p.shift(*unit, *n));
            match (shifted, r) {
                (Some(p), _) => {
                    point = Some(p);
                    None
                }
                (None, Some(r)) => {
                    point = rel(r, *unit, *n);
                    None
                }
                (None, None) => {
                    point = None;
                    Some(unanchored(*unit).into())
                }
            }
        }
        Sem::Quarter { y, q } => {
            let q = *q;
            if q == 0 {
                let written = match y {
                    YearRef::Abs(a) => Some(*a),
                    _ => None,
                };
                // the quarter in context ("the quarter"), or the last one reported before the
                // reference's ("the latest quarter"); "the 1988 period" is that one in 1988
                let context =
                    ctx.last_quarter
                        .or_else(|| match r.and_then(|r| rel(r, Unit::Quarter, -1)) {
                            Some(Point::Quarter(yy, qq)) => Some((yy, qq)),
                            _ => None,
                        });
                point = context.map(|(yy, qq)| Point::Quarter(written.unwrap_or(yy), qq));
                if point.is_none() {
                    Some("XXXX-QX".into())
                } else {
                    None
                }
            } else {
                let yy = match (y, r) {
                    (YearRef::Abs(a), _) => Some(*a),
                    (YearRef::Rel(n), Some(r)) => Some(r.year() + n),
                    (_, Some(r)) => {
                        let cur = ((r.month() - 1) / 3 + 1) as u8;
                        Some(if q > cur && x.tense == Tense::Past {
                            r.year() - 1
                        } else {
                            r.year()
                        })
                    }
                    _ => None,
                };
                match yy {
                    Some(yy) => {
                        point = Some(Point::Quarter(yy, q));
                        None
                    }
                    None => {
                        point = None;
                        Some(format!("XXXX-Q{q}"))
                    }
                }
            }
        }
        Sem::Half { y, h } => {
            let yy = match (y, r) {
                (YearRef::Abs(a), _) => Some(*a),
                (YearRef::Rel(n), Some(r)) => Some(r.year() + n),
                (_, Some(r)) => {
                    let cur = if r.month() <= 6 { 1 } else { 2 };
                    Some(if *h > cur && x.tense == Tense::Past {
                        r.year() - 1
                    } else {
                        r.year()
                    })
                }
                _ => None,
            };
            match yy {
                Some(yy) => {
                    point = Some(Point::Half(yy, *h));
                    None
                }
                None => {
                    point = None;
                    Some(format!("XXXX-H{h}"))
                }
            }
        }
        Sem::Season { y, s } => {
            let start = match *s {
                "SP" => 3,
                "SU" => 6,
                "FA" => 9,
                _ => 12,
            };
            let yy = match (y, r) {
                (YearRef::Abs(a), _) => Some(*a),
                (YearRef::Rel(n), Some(r)) => Some(r.year() + n),
                (YearRef::Last, Some(r)) => {
                    // the latest season that ended before the reference month
                    let mut yy = r.year();
                    while add_months(yy, start, 2) >= (r.year(), r.month()) {
                        yy -= 1;
                    }
                    Some(yy)
                }
                (YearRef::Next, Some(r)) => Some(if start > r.month() {
                    r.year()
                } else {
                    r.year() + 1
                }),
                (_, Some(r)) => Some(year_for(r, start, None, YearRef::Open, x.tense)),
                _ => None,
            };
            match yy {
                Some(yy) => {
                    point = Some(Point::Season(yy, s));
                    None
                }
                None => {
                    point = None;
                    Some(format!("XXXX-{s}"))
                }
            }
        }
        Sem::Holiday { y, h } => {
            let (m, d) = match *h {
                Holiday::Fixed(m, d) => (m, Some(d)),
                Holiday::Nth(m, _, _) => (m, None),
                Holiday::Easter(_) => (4, None),
            };
            let yy = match (y, r) {
                (YearRef::Abs(a), _) => Some(*a),
                (_, Some(r)) => Some(year_for(r, m, d.or(Some(15)), *y, x.tense)),
                _ => None,
            };
            match yy.and_then(|yy| holiday_day(yy, *h)) {
                Some(day) => {
                    point = Some(Point::Day(day));
                    None
                }
                None => {
                    point = None;
                    Some(match d {
                        Some(d) => format!("XXXX-{m:02}-{d:02}"),
                        None => format!("XXXX-{m:02}-XX"),
                    })
                }
            }
        }
    };
    let value = match (value, point) {
        (Some(v), _) => v,
        (None, Some(p)) => p.value(),
        // arithmetic that leaves the calendar: unknown at the expression's granularity
        (None, None) => match &x.sem {
            Sem::Rel { unit, .. } | Sem::Ago { unit, .. } | Sem::Anchored { unit, .. } => {
                unanchored(*unit).into()
            }
            _ => "XXXX-XX-XX".into(),
        },
    };
    // time of day
    let day = matches!(point, Some(Point::Day(_)));
    let value = match x.part {
        Some(Part::Day(p)) => {
            kind = TimexType::Time;
            if value.len() >= 10 && day || value.starts_with("XXXX-WXX-") || value == "XXXX-XX-XX" {
                format!("{value}{p}")
            } else if value == "PRESENT_REF" {
                format!("XXXX-XX-XX{p}")
            } else {
                value
            }
        }
        Some(Part::Clock(h, m)) => {
            kind = TimexType::Time;
            let date = if day || value.starts_with("XXXX-WXX-") || value == "XXXX-XX-XX" {
                value
            } else if value == "PRESENT_REF" {
                "XXXX-XX-XX".into()
            } else {
                value
            };
            format!("{date}T{h:02}:{m:02}")
        }
        None => value,
    };
    // update the context: anchored and relative-to-anchor values do not anchor others
    if let Some(p) = point {
        if kind != TimexType::Duration && kind != TimexType::Set {
            ctx.last = Some((p, sent));
            let content = matches!(
                x.sem,
                Sem::Cal { .. }
                    | Sem::Quarter { .. }
                    | Sem::Half { .. }
                    | Sem::Season { .. }
                    | Sem::Holiday { .. }
            );
            if content && !report_day {
                ctx.last_content = Some((p, sent));
            }
            if let (Point::Quarter(y, q), Sem::Quarter { q: q0, .. }) = (p, &x.sem) {
                if *q0 > 0 {
                    ctx.last_quarter = Some((y, q));
                }
            }
        }
    }
    Resolved { kind, value }
}

/// An ISO 8601 duration: `P5Y`, `PT2H`, `P2Y6M`, `PXY`.
pub(crate) fn duration(n: Option<f64>, unit: Unit) -> String {
    let (letter, t) = unit.duration_letter();
    let tp = if t { "T" } else { "" };
    let Some(n) = n else {
        return match unit {
            Unit::Weekend => "PXWE".into(),
            Unit::Half => "PXM".into(),
            _ => format!("P{tp}X{letter}"),
        };
    };
    if !n.is_finite() || !(0.0..=1e9).contains(&n) {
        return format!("P{tp}X{letter}");
    }
    let scale = match unit {
        Unit::Decade => 10.0,
        Unit::Century => 100.0,
        Unit::Millennium => 1000.0,
        Unit::Half => 6.0,
        Unit::Weekend => 2.0,
        _ => 1.0,
    };
    let n = n * scale;
    let whole = n.trunc();
    let frac = n - whole;
    if frac.abs() < 1e-9 {
        return format!("P{tp}{}{letter}", whole as u64);
    }
    // a fraction goes to the next smaller unit when it comes out whole
    let (sub, sub_letter, sub_t) = match unit {
        Unit::Year | Unit::Decade | Unit::Century | Unit::Millennium => (12.0, "M", false),
        Unit::Month | Unit::Half => (30.0, "D", false),
        Unit::Week => (7.0, "D", false),
        Unit::Day | Unit::Weekend => (24.0, "H", true),
        Unit::Hour => (60.0, "M", true),
        Unit::Minute => (60.0, "S", true),
        _ => (0.0, "", false),
    };
    let part = frac * sub;
    if sub > 0.0 && (part - part.round()).abs() < 1e-6 {
        let part = part.round() as u64;
        let w = whole as u64;
        if t || !sub_t {
            if w == 0 {
                return format!("P{tp}{part}{sub_letter}");
            }
            return format!("P{tp}{w}{letter}{part}{sub_letter}");
        }
        // days and hours: P1DT12H
        if w == 0 {
            return format!("PT{part}{sub_letter}");
        }
        return format!("P{w}{letter}T{part}{sub_letter}");
    }
    format!("P{tp}{n}{letter}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn durations_write_iso_8601() {
        assert_eq!(duration(Some(6.0), Unit::Month), "P6M");
        assert_eq!(duration(Some(2.5), Unit::Year), "P2Y6M");
        assert_eq!(duration(Some(1.5), Unit::Minute), "PT1M30S");
        assert_eq!(duration(Some(5.5), Unit::Hour), "PT5H30M");
        assert_eq!(duration(Some(0.5), Unit::Year), "P6M");
        assert_eq!(duration(None, Unit::Year), "PXY");
        assert_eq!(duration(None, Unit::Hour), "PTXH");
        assert_eq!(duration(Some(2.0), Unit::Decade), "P20Y");
        assert_eq!(duration(Some(1.5), Unit::Day), "P1DT12H");
    }

    #[test]
    fn weekdays_look_back_for_reports_and_forward_for_plans() {
        let sat = day("2022-03-05");
        assert_eq!(
            weekday_day(sat, Weekday::Fri, 0, Tense::Past),
            Some(day("2022-03-04"))
        );
        assert_eq!(weekday_day(sat, Weekday::Sat, 0, Tense::Past), Some(sat));
        assert_eq!(
            weekday_day(sat, Weekday::Sun, 0, Tense::Future),
            Some(day("2022-03-06"))
        );
        assert_eq!(
            weekday_day(sat, Weekday::Sat, -1, Tense::Past),
            Some(day("2022-02-26"))
        );
        assert_eq!(
            weekday_day(sat, Weekday::Mon, 1, Tense::Unknown),
            Some(day("2022-03-07"))
        );
    }

    #[test]
    fn month_days_without_a_year_take_the_nearest() {
        let r = day("2022-03-05");
        assert_eq!(year_for(r, 2, Some(24), YearRef::Open, Tense::Past), 2022);
        assert_eq!(year_for(r, 12, Some(24), YearRef::Open, Tense::Past), 2021);
        assert_eq!(year_for(r, 3, Some(11), YearRef::Open, Tense::Future), 2022);
        // a past report of a day a week ahead keeps the year (the tense is often misread)
        assert_eq!(year_for(r, 3, Some(11), YearRef::Open, Tense::Past), 2022);
        assert_eq!(year_for(r, 9, Some(11), YearRef::Open, Tense::Past), 2021);
        assert_eq!(
            year_for(r, 3, Some(11), YearRef::Open, Tense::Unknown),
            2022
        );
        // "last February" from May is a year before
        assert_eq!(
            year_for(day("2023-05-08"), 2, None, YearRef::Last, Tense::Past),
            2022
        );
        assert_eq!(
            year_for(day("1989-10-26"), 4, None, YearRef::Last, Tense::Past),
            1989
        );
        assert_eq!(
            year_for(day("1998-01-08"), 10, None, YearRef::Open, Tense::Past),
            1997
        );
        assert_eq!(
            year_for(day("1998-03-04"), 12, None, YearRef::Open, Tense::Future),
            1998
        );
    }

    #[test]
    fn points_shift_at_their_granularity() {
        assert_eq!(
            Point::Quarter(1989, 3).shift(Unit::Year, -1),
            Some(Point::Quarter(1988, 3))
        );
        assert_eq!(
            Point::Year(1995).shift(Unit::Year, 1),
            Some(Point::Year(1996))
        );
        assert_eq!(Point::Year(1995).shift(Unit::Day, 1), None);
        assert_eq!(
            Point::Day(day("2024-03-31")).shift(Unit::Month, -1),
            Some(Point::Day(day("2024-02-29")))
        );
        assert_eq!(
            rel(day("1998-03-01"), Unit::Week, -1).unwrap().value(),
            "1998-W08"
        );
        assert_eq!(Point::Year(9999).shift(Unit::Year, 1), None);
    }

    #[test]
    fn holidays_by_rule() {
        assert_eq!(
            holiday_day(2024, Holiday::Easter(0)),
            Some(day("2024-03-31"))
        );
        assert_eq!(
            holiday_day(1999, Holiday::Nth(11, Weekday::Thu, 4)),
            Some(day("1999-11-25"))
        );
        assert_eq!(
            holiday_day(1998, Holiday::Nth(11, Weekday::Tue, 0)),
            Some(day("1998-11-03"))
        );
    }
}
