//! Word tables: months, weekdays, units, number words, ordinals, seasons, parts of the day.

use chrono::Weekday;

/// A calendar or clock unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Weekend,
    Week,
    Month,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
    Millennium,
}

impl Unit {
    /// The letter of the unit in an ISO 8601 duration, and whether it follows `T`.
    pub fn duration_letter(self) -> (&'static str, bool) {
        match self {
            Unit::Second => ("S", true),
            Unit::Minute => ("M", true),
            Unit::Hour => ("H", true),
            Unit::Day | Unit::Weekend => ("D", false),
            Unit::Week => ("W", false),
            Unit::Month => ("M", false),
            Unit::Quarter => ("Q", false),
            Unit::Half => ("M", false),
            Unit::Year | Unit::Decade | Unit::Century | Unit::Millennium => ("Y", false),
        }
    }
}

/// Month number of a month name or abbreviation (lower case, without the period).
pub(crate) fn month(w: &str) -> Option<u32> {
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" | "febr" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// Whether a month word is an abbreviation (so it may take a period).
pub(crate) fn month_is_abbrev(w: &str) -> bool {
    w.len() <= 4 && w != "may" && w != "june" && w != "july"
}

pub(crate) fn weekday(w: &str) -> Option<Weekday> {
    Some(match w {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" | "tues" => Weekday::Tue,
        "wednesday" | "wed" => Weekday::Wed,
        "thursday" | "thu" | "thur" | "thurs" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// Plural weekday names ("on Mondays").
pub(crate) fn weekday_plural(w: &str) -> Option<Weekday> {
    let s = w.strip_suffix('s')?;
    if s.len() < 6 {
        return None;
    }
    weekday(s)
}

/// A unit word: (unit, plural).
pub(crate) fn unit(w: &str) -> Option<(Unit, bool)> {
    Some(match w {
        "second" => (Unit::Second, false),
        "seconds" | "secs" => (Unit::Second, true),
        "minute" | "min" => (Unit::Minute, false),
        "minutes" | "mins" => (Unit::Minute, true),
        "hour" | "hr" => (Unit::Hour, false),
        "hours" | "hrs" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "weekend" => (Unit::Weekend, false),
        "weekends" => (Unit::Weekend, true),
        "week" | "wk" => (Unit::Week, false),
        "weeks" | "wks" => (Unit::Week, true),
        "fortnight" => (Unit::Week, false),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" | "yr" => (Unit::Year, false),
        "years" | "yrs" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        "millennium" => (Unit::Millennium, false),
        "millennia" | "millenniums" => (Unit::Millennium, true),
        _ => return None,
    })
}

/// Cardinal number words below twenty, and the tens.
pub(crate) fn small_number(w: &str) -> Option<u32> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    })
}

pub(crate) fn tens(w: &str) -> Option<u32> {
    Some(match w {
        "twenty" => 20,
        "thirty" => 30,
        "forty" | "fourty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Ordinal words: "first" … "thirty-first" (the tens part as its own word).
pub(crate) fn ordinal(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        _ => return None,
    })
}

/// "1st", "22nd", "3rd", "4th": the suffix after the digits.
pub(crate) fn ordinal_suffix(w: &str) -> bool {
    matches!(w, "st" | "nd" | "rd" | "th")
}

/// Season code of TIMEX3.
pub(crate) fn season(w: &str) -> Option<&'static str> {
    Some(match w {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// Part-of-day code of TIMEX3.
pub(crate) fn part_of_day(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" | "mornings" | "dawn" | "daybreak" => "TMO",
        "afternoon" | "afternoons" => "TAF",
        "evening" | "evenings" | "dusk" => "TEV",
        "night" | "nights" | "overnight" => "TNI",
        _ => return None,
    })
}

/// Time zones that may follow a clock time ("5 p.m. EST").
pub(crate) fn zone(w: &str) -> bool {
    matches!(
        w,
        "est"
            | "edt"
            | "cst"
            | "cdt"
            | "mst"
            | "mdt"
            | "pst"
            | "pdt"
            | "gmt"
            | "utc"
            | "bst"
            | "cet"
            | "cest"
            | "eet"
            | "eest"
            | "msk"
            | "ist"
            | "jst"
    )
}

/// Words that make a nearby expression future: "will meet Sunday".
pub(crate) fn future_marker(w: &str) -> bool {
    matches!(
        w,
        "will"
            | "would"
            | "shall"
            | "ll"
            | "wo"
            | "going"
            | "scheduled"
            | "due"
            | "expected"
            | "expects"
            | "expect"
            | "planned"
            | "planning"
            | "intends"
            | "intend"
            | "aims"
            | "upcoming"
            | "forthcoming"
            | "tomorrow"
            | "until"
            | "till"
            | "soon"
            | "await"
            | "awaits"
            | "awaiting"
    )
}

/// Irregular past forms and past auxiliaries.
pub(crate) fn past_marker(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "told"
            | "was"
            | "were"
            | "had"
            | "did"
            | "ago"
            | "last"
            | "met"
            | "went"
            | "came"
            | "took"
            | "made"
            | "left"
            | "began"
            | "fell"
            | "rose"
            | "won"
            | "lost"
            | "held"
            | "gave"
            | "got"
            | "saw"
            | "sent"
            | "paid"
            | "sold"
            | "bought"
            | "spent"
            | "led"
            | "ran"
            | "struck"
            | "found"
            | "kept"
            | "brought"
            | "thought"
            | "wrote"
            | "spoke"
            | "broke"
            | "chose"
            | "drove"
            | "flew"
            | "grew"
            | "knew"
            | "threw"
            | "became"
            | "fought"
            | "caught"
            | "stood"
            | "understood"
            | "sat"
            | "shot"
            | "fled"
            | "hung"
            | "swore"
            | "sank"
            | "slid"
            | "dropped"
            | "earlier"
            | "yesterday"
            | "since"
            | "ended"
            | "quit"
            | "felt"
            | "heard"
            | "meant"
            | "wore"
            | "bore"
            | "forgot"
            | "overtook"
            | "withdrew"
            | "undertook"
            | "hit"
            | "cut"
            | "put"
            | "read"
            | "let"
            | "shut"
            | "spread"
            | "set"
    )
}

/// Words ending in "ed" that are not past tenses.
pub(crate) fn ed_exception(w: &str) -> bool {
    matches!(
        w,
        "need"
            | "needed"
            | "speed"
            | "red"
            | "bed"
            | "shed"
            | "fed"
            | "led"
            | "wed"
            | "hundred"
            | "indeed"
            | "seed"
            | "feed"
            | "breed"
            | "deed"
            | "proceed"
            | "exceed"
            | "succeed"
            | "united"
            | "limited"
            | "unrelated"
            | "scheduled"
            | "expected"
            | "planned"
            | "based"
            | "related"
            | "proposed"
            | "so-called"
            | "called"
            | "used"
            | "supposed"
            | "concerned"
            | "interested"
            | "involved"
            | "detailed"
            | "advanced"
            | "armed"
            | "alleged"
            | "continued"
            | "estimated"
            | "combined"
            | "fixed"
            | "mixed"
            | "owned"
            | "listed"
            | "rated"
            | "priced"
    )
}
