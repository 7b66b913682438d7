//! Dates as feeds and sitemaps write them, which is to say every way.
//!
//! Feeds are meant to use RFC 822 (RSS) or RFC 3339 (Atom, JSON Feed) and sitemaps W3C datetime,
//! but real ones drop seconds, spell months out, name zones (`EST`, `CEST`), put the month
//! first, use a space for the `T`, or give a bare date. [`parse_date`] tries the strict forms
//! first and then reads the string token by token; it returns `None` rather than guess when a
//! year, month or day is missing. A time without a zone is taken as UTC.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

/// Parses a feed or sitemap date into UTC. See the module documentation for the shapes read.
pub fn parse_date(input: &str) -> Option<DateTime<Utc>> {
    let s = input.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.with_timezone(&Utc));
    }
    parse_iso(s).or_else(|| parse_loose(s))
}

/// ISO 8601 / W3C datetime, leniently: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, then optionally `T` or a
/// space, `hh:mm[:ss[.fff]]`, and a zone `Z`, `±hh[:mm]`, `±hhmm`, ` UTC`/` GMT`, or none.
fn parse_iso(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    let mut i = 0;
    let year = digits(b, &mut i, 4, 4)? as i32;
    let mut month = 1;
    let mut day = 1;
    if eat(b, &mut i, b'-') {
        month = digits(b, &mut i, 1, 2)?;
        if eat(b, &mut i, b'-') {
            day = digits(b, &mut i, 1, 2)?;
        }
    }
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    if i == b.len() {
        return Some(Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN)));
    }
    if !(eat(b, &mut i, b'T') || eat(b, &mut i, b't') || eat(b, &mut i, b' ')) {
        return None;
    }
    let hour = digits(b, &mut i, 1, 2)?;
    if !eat(b, &mut i, b':') {
        return None;
    }
    let minute = digits(b, &mut i, 2, 2)?;
    let mut second = 0;
    let mut nanos = 0;
    if eat(b, &mut i, b':') {
        second = digits(b, &mut i, 2, 2)?;
        if eat(b, &mut i, b'.') || eat(b, &mut i, b',') {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let frac = &s[start..i];
            if frac.is_empty() {
                return None;
            }
            let padded: String = frac.chars().chain(std::iter::repeat('0')).take(9).collect();
            nanos = padded.parse().ok()?;
        }
    }
    let rest = s[i..].trim();
    let offset_minutes = if rest.is_empty() {
        0
    } else {
        zone_offset(rest)?
    };
    assemble(date, hour, minute, second, nanos, offset_minutes)
}

/// Everything else, word by word: `Tue, 5 Mar 2024 14:30 EST`, `March 5, 2024 2:30 PM`,
/// `05 March 2024 14:30:00 +0100 (CET)`, `Mar 5 2024 14:30:00 GMT-0500`.
fn parse_loose(s: &str) -> Option<DateTime<Utc>> {
    let mut year: Option<i32> = None;
    let mut month: Option<u32> = None;
    let mut day: Option<u32> = None;
    let mut time: Option<(u32, u32, u32)> = None;
    let mut pm: Option<bool> = None;
    let mut offset: Option<i32> = None;

    let cleaned: String = s
        .chars()
        .map(|c| if matches!(c, ',' | '(' | ')') { ' ' } else { c })
        .collect();
    for raw in cleaned.split_whitespace() {
        let token = raw.trim_end_matches('.');
        if token.is_empty() {
            continue;
        }
        let lower = token.to_ascii_lowercase();
        if let Some(m) = month_number(&lower) {
            if month.is_none() {
                month = Some(m);
                continue;
            }
        }
        if is_weekday(&lower) || matches!(lower.as_str(), "at" | "on" | "of" | "the") {
            continue;
        }
        if let Some(ampm) = ampm(&lower) {
            pm = Some(ampm);
            continue;
        }
        if token.contains(':') && token.as_bytes()[0].is_ascii_digit() {
            let end = token
                .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
                .unwrap_or(token.len());
            let (clock, tail) = token.split_at(end);
            time = Some(clock_time(clock.trim_end_matches('.'))?);
            let tail_lower = tail.to_ascii_lowercase();
            if let Some(ampm) = ampm(&tail_lower) {
                pm = Some(ampm);
            } else if !tail.is_empty() {
                offset = Some(zone_offset(tail)?);
            }
            continue;
        }
        if token.len() == 10 && token.as_bytes()[4] == b'-' {
            if let Some(d) = parse_iso(token) {
                let d = d.date_naive();
                use chrono::Datelike;
                year = Some(d.year());
                month = Some(d.month());
                day = Some(d.day());
                continue;
            }
        }
        let number = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let ordinal = number.len() < lower.len();
        if !number.is_empty()
            && number.bytes().all(|c| c.is_ascii_digit())
            && (!ordinal || number.len() <= 2)
        {
            let n: u32 = number.parse().ok()?;
            if number.len() == 4 && year.is_none() && !ordinal {
                year = Some(n as i32);
            } else if number.len() <= 2 && day.is_none() {
                day = Some(n);
            } else if number.len() <= 2 && year.is_none() {
                year = Some(if n < 50 {
                    2000 + n as i32
                } else {
                    1900 + n as i32
                });
            } else {
                return None;
            }
            continue;
        }
        if offset.is_none() {
            if let Some(o) = zone_offset(token) {
                offset = Some(o);
                continue;
            }
        }
        // Any other word (an unknown zone name, "Updated") is ignored; the numbers decide.
    }
    let date = NaiveDate::from_ymd_opt(year?, month?, day?)?;
    let (mut hour, minute, second) = time.unwrap_or((0, 0, 0));
    match pm {
        Some(true) if hour < 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => {}
    }
    assemble(date, hour, minute, second, 0, offset.unwrap_or(0))
}

fn assemble(
    date: NaiveDate,
    hour: u32,
    minute: u32,
    second: u32,
    nanos: u32,
    offset_minutes: i32,
) -> Option<DateTime<Utc>> {
    // 24:00 is the end of the day, i.e. midnight of the next; a leap second is kept in its
    // minute.
    let (date, hour) = if hour == 24 && minute == 0 && second == 0 {
        (date.succ_opt()?, 0)
    } else {
        (date, hour)
    };
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second.min(59), nanos)?;
    let offset = FixedOffset::east_opt(offset_minutes * 60)?;
    let local = NaiveDateTime::new(date, time);
    let utc = local - Duration::seconds(i64::from(offset.local_minus_utc()));
    Some(Utc.from_utc_datetime(&utc))
}

/// `14:30`, `2:30`, `14:30:05`, `14:30:05.250` → (hour, minute, second).
fn clock_time(clock: &str) -> Option<(u32, u32, u32)> {
    let mut parts = clock.split(':');
    let hour: u32 = parts.next()?.parse().ok()?;
    let minute: u32 = parts.next()?.parse().ok()?;
    let second: u32 = match parts.next() {
        Some(s) => s.split('.').next()?.parse().ok()?,
        None => 0,
    };
    if parts.next().is_some() || hour > 24 || minute > 59 || second > 60 {
        return None;
    }
    Some((hour, minute, second))
}

/// A zone as minutes east of UTC: `Z`, `+0100`, `-05:00`, `+01`, `GMT+2`, `UTC-0530`, or a name.
/// Names that are ambiguous resolve to their most common meaning in news feeds (`IST` is India,
/// `BST` British Summer Time); single military letters other than `Z` count as UTC, as RFC 2822
/// advises, since they were so often used wrongly.
fn zone_offset(zone: &str) -> Option<i32> {
    let z = zone.trim();
    let upper = z.to_ascii_uppercase();
    for prefix in ["GMT", "UTC", "UT"] {
        if let Some(rest) = upper.strip_prefix(prefix) {
            if rest.is_empty() {
                return Some(0);
            }
            if rest.starts_with(['+', '-']) {
                return numeric_offset(rest);
            }
        }
    }
    if z.starts_with(['+', '-']) {
        return numeric_offset(z);
    }
    let named = match upper.as_str() {
        "Z" | "WET" => 0,
        "BST" | "CET" | "MET" | "WEST" | "WAT" => 60,
        "CEST" | "MEST" | "EET" | "SAST" => 120,
        "EEST" | "MSK" | "EAT" => 180,
        "IST" => 330,
        "HKT" | "SGT" | "AWST" | "PHT" => 480,
        "JST" | "KST" => 540,
        "ACST" => 570,
        "AEST" => 600,
        "ACDT" => 630,
        "AEDT" => 660,
        "NZST" => 720,
        "NZDT" => 780,
        "EST" => -300,
        "EDT" => -240,
        "CST" => -360,
        "CDT" => -300,
        "MST" => -420,
        "MDT" => -360,
        "PST" => -480,
        "PDT" => -420,
        "AKST" => -540,
        "AKDT" => -480,
        "HST" => -600,
        "AST" => -240,
        "ADT" => -180,
        "NST" => -210,
        "NDT" => -150,
        _ if upper.len() == 1 && upper.as_bytes()[0].is_ascii_alphabetic() => 0,
        _ => return None,
    };
    Some(named)
}

/// `+01:00`, `-0500`, `+01`, `+1` → minutes east.
fn numeric_offset(s: &str) -> Option<i32> {
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = s[1..].chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (i32, i32) = match digits.len() {
        1 | 2 => (digits.parse().ok()?, 0),
        3 => (digits[..1].parse().ok()?, digits[1..].parse().ok()?),
        4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        _ => return None,
    };
    if h > 14 || m > 59 {
        return None;
    }
    Some(sign * (h * 60 + m))
}

fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
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
    if word.len() < 3 {
        return None;
    }
    if word == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == word || (word.len() == 3 && m.starts_with(word)))
        .map(|i| i as u32 + 1)
}

fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    word.len() >= 3 && DAYS.iter().any(|d| d.starts_with(word))
}

fn ampm(word: &str) -> Option<bool> {
    match word {
        "am" | "a.m" | "a.m." => Some(false),
        "pm" | "p.m" | "p.m." => Some(true),
        _ => None,
    }
}

fn digits(b: &[u8], i: &mut usize, min: usize, max: usize) -> Option<u32> {
    let start = *i;
    while *i < b.len() && *i - start < max && b[*i].is_ascii_digit() {
        *i += 1;
    }
    if *i - start < min {
        return None;
    }
    std::str::from_utf8(&b[start..*i]).ok()?.parse().ok()
}

fn eat(b: &[u8], i: &mut usize, c: u8) -> bool {
    if b.get(*i) == Some(&c) {
        *i += 1;
        true
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_shapes_feeds_and_sitemaps_use() {
        let cases = [
            // RFC 3339 and W3C datetime
            ("2024-03-05T14:30:00Z", "2024-03-05T14:30:00Z"),
            ("2024-03-05T14:30:00.250+01:00", "2024-03-05T13:30:00.250Z"),
            ("2024-03-05T14:30+01:00", "2024-03-05T13:30:00Z"),
            ("2024-03-05T14:30:00+0100", "2024-03-05T13:30:00Z"),
            ("2024-03-05T14:30:00-05", "2024-03-05T19:30:00Z"),
            ("2024-03-05 14:30:00", "2024-03-05T14:30:00Z"),
            ("2024-03-05 14:30:00 UTC", "2024-03-05T14:30:00Z"),
            ("2024-03-05", "2024-03-05T00:00:00Z"),
            ("2024-03", "2024-03-01T00:00:00Z"),
            ("2024", "2024-01-01T00:00:00Z"),
            // RFC 822 / 2822 / 1123, strict and not
            ("Tue, 05 Mar 2024 14:30:00 GMT", "2024-03-05T14:30:00Z"),
            ("Tue, 05 Mar 2024 14:30:00 +0100", "2024-03-05T13:30:00Z"),
            ("Tue, 05 Mar 2024 14:30 EST", "2024-03-05T19:30:00Z"),
            ("Tue, 5 Mar 2024 9:30:00 PDT", "2024-03-05T16:30:00Z"),
            (
                "Tuesday, 05 March 2024 14:30:00 CEST",
                "2024-03-05T12:30:00Z",
            ),
            ("Thurs, 07 Mar 2024 14:30:00 UTC", "2024-03-07T14:30:00Z"),
            ("05 Mar 2024 14:30:00 Z", "2024-03-05T14:30:00Z"),
            ("5 Mar 24 14:30 GMT", "2024-03-05T14:30:00Z"),
            (
                "Tue, 05 Mar 2024 14:30:00 -0500 (EST)",
                "2024-03-05T19:30:00Z",
            ),
            ("Tue, 05 Mar 2024 14:30:00 GMT+0200", "2024-03-05T12:30:00Z"),
            ("Tue, 05 Mar 2024 14:30:00 IST", "2024-03-05T09:00:00Z"),
            ("Tue, 05 Mar 2024 14:30:00 XYZT", "2024-03-05T14:30:00Z"),
            ("Tue, 05 Mar 2024 24:00:00 GMT", "2024-03-06T00:00:00Z"),
            // Month first, spelled out, 12-hour clock
            ("Mar 5 2024 14:30:00 GMT-0500", "2024-03-05T19:30:00Z"),
            ("March 5, 2024 2:30 PM EST", "2024-03-05T19:30:00Z"),
            ("March 5th, 2024 at 12:15am", "2024-03-05T00:15:00Z"),
            ("Sept. 9, 2023", "2023-09-09T00:00:00Z"),
        ];
        for (input, want) in cases {
            assert_eq!(parse_date(input), Some(utc(want)), "{input}");
        }
    }

    #[test]
    fn nonsense_is_none_not_a_guess() {
        for input in [
            "",
            "soon",
            "Tuesday",
            "March 2024",
            "2024-13-01",
            "2024-02-30",
            "31 Feb 2024",
            "05/03/2024",
            "Mon, 32 Jan 2024 10:00 GMT",
        ] {
            assert_eq!(parse_date(input), None, "{input}");
        }
    }
}
