//! Publication days from metadata strings.
//!
//! A date-time keeps the calendar day *as written* (its own offset), not the UTC day: an
//! article stamped `2024-03-03T23:30:00-05:00` appeared on March 3 for its readers, and that
//! is the day "said on Sunday" counts from.

use chrono::{DateTime, NaiveDate};
use onrecord_core::Day;

/// `YYYY-MM-DD`, an RFC 3339 date-time, or an ISO 8601 date-time without a zone or with a
/// compact offset (`+0100`, as many web pages write it).
pub(crate) fn parse_day(s: &str) -> Option<Day> {
    let s = s.trim();
    if s.len() == 10 {
        return iso_day(s);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.date_naive());
    }
    // Other ISO date-times: the day is the first ten characters, followed by a time.
    let b = s.as_bytes();
    if b.len() > 11 && matches!(b[10], b'T' | b't' | b' ') && b[11].is_ascii_digit() {
        return iso_day(&s[..10]);
    }
    None
}

fn iso_day(s: &str) -> Option<Day> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<Day> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn days_and_datetimes_keep_the_written_day() {
        assert_eq!(parse_day("2024-03-03"), d(2024, 3, 3));
        assert_eq!(parse_day(" 2024-03-03T23:30:00-05:00 "), d(2024, 3, 3));
        assert_eq!(parse_day("2024-03-03T01:00:00Z"), d(2024, 3, 3));
        assert_eq!(parse_day("2024-03-03T10:00:00"), d(2024, 3, 3));
        assert_eq!(parse_day("2024-03-03T10:00:00.000+0100"), d(2024, 3, 3));
    }

    #[test]
    fn nonsense_is_not_a_day() {
        for s in [
            "",
            "yesterday",
            "2024-13-01",
            "2024-3-3",
            "03/03/2024",
            "2024-02-30",
        ] {
            assert_eq!(parse_day(s), None, "{s}");
        }
        assert_eq!(parse_day("2024-03-03Tabc"), None);
    }
}
