//! Dates written in an article's name: its URL, its identifier, its file name.
//!
//! News systems name articles after the day they file them: wire identifiers
//! (`APW19980213.1310`, `NYT19980206.0460`, `AP900815-0044`), URL paths
//! (`…/news/2022/3/19/…`, `…/2022-03-19/…`) and archive file names (`2022-03-19-kaya.txt`).
//! Such a date is evidence for the publication day of an article whose metadata gives none,
//! weaker than a dated caption or dateline in the text (a wire desk's day may be the day
//! before or after the paper's), and it anchors month-days the text writes without a year.
//!
//! Only shapes that are unambiguous dates are taken: a four-digit year between 1900 and
//! 2099 with a valid month and day, or a wire-style six-digit `YYMMDD` right after a
//! letter prefix. Hashes and counters (`000_a0904f4e3e4a94c5`, `wsj_0006`) give nothing.

use chrono::NaiveDate;

/// A date found in a name.
#[derive(Clone, Debug, PartialEq)]
pub struct NamedDate {
    /// The day, when the name gives one; else only `year` is known (`…/2022/world/…`).
    pub day: Option<NaiveDate>,
    pub year: i32,
    /// The name it was read from.
    pub name: String,
    /// How the date was written, for the confidence of what rests on it.
    pub shape: NameShape,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameShape {
    /// `2022-03-19`, `2022/3/19`, `20220319`: a four-digit year with month and day.
    FullDate,
    /// `AP900815-0044`: a wire identifier's two-digit year.
    WireShort,
    /// `/2022/` as a URL path segment: the year alone.
    YearSegment,
}

fn valid_year(y: i32) -> bool {
    (1900..=2099).contains(&y)
}

/// The date written in `name`, if it writes one (the first full date wins; a full date beats
/// a wire-style short date, which beats a year alone).
pub fn date_in_name(name: &str) -> Option<NamedDate> {
    let b = name.as_bytes();
    // digit runs with their byte ranges
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let s = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            runs.push((s, i));
        } else {
            i += 1;
        }
    }
    let num = |(s, e): (usize, usize)| name[s..e].parse::<u32>().ok();
    let found = |day: Option<NaiveDate>, year: i32, shape: NameShape| NamedDate {
        day,
        year,
        name: name.to_string(),
        shape,
    };
    let mut short: Option<NamedDate> = None;
    let mut year_only: Option<NamedDate> = None;
    for (k, &(s, e)) in runs.iter().enumerate() {
        let len = e - s;
        // a separated date: YYYY-MM-DD, YYYY/M/D, YYYY_MM_DD, YYYY.MM.DD
        if len == 4 && k + 2 < runs.len() {
            let (m, d) = (runs[k + 1], runs[k + 2]);
            let sep1 = &name[e..m.0];
            let sep2 = &name[m.1..d.0];
            let same_sep = sep1.len() == 1 && sep1 == sep2 && "-/_.".contains(sep1);
            let short_parts = (1..=2).contains(&(m.1 - m.0)) && (1..=2).contains(&(d.1 - d.0));
            // a year, month and day, not part of a longer number ("1.2022.3.4.5")
            let ends = d.1 == b.len() || !b[d.1].is_ascii_digit() && !is_sep_digit(b, d.1);
            if same_sep && short_parts && ends {
                let y = num((s, e)).unwrap_or(0) as i32;
                if let (true, Some(m), Some(d)) = (valid_year(y), num(m), num(d)) {
                    if let Some(day) = NaiveDate::from_ymd_opt(y, m, d) {
                        return Some(found(Some(day), y, NameShape::FullDate));
                    }
                }
            }
        }
        // a compact YYYYMMDD
        if len == 8 {
            let y = num((s, s + 4)).unwrap_or(0) as i32;
            let m = num((s + 4, s + 6)).unwrap_or(0);
            let d = num((s + 6, e)).unwrap_or(0);
            if valid_year(y) {
                if let Some(day) = NaiveDate::from_ymd_opt(y, m, d) {
                    return Some(found(Some(day), y, NameShape::FullDate));
                }
            }
        }
        // a wire identifier: letters, then YYMMDD, then a separator or the end
        // ("AP900815-0044", "ea980120.1830.0071")
        if len == 6 && short.is_none() {
            let prefix = &name[..s];
            let wire = !prefix.is_empty()
                && prefix.len() <= 6
                && prefix.bytes().all(|c| c.is_ascii_alphabetic())
                && (e == b.len() || matches!(b[e], b'-' | b'.' | b'_'));
            if wire {
                let yy = num((s, s + 2)).unwrap_or(0) as i32;
                // the POSIX convention for two-digit years: 69-99 are 1900s, 00-68 2000s
                let y = if yy >= 69 { 1900 + yy } else { 2000 + yy };
                let m = num((s + 2, s + 4)).unwrap_or(0);
                let d = num((s + 4, e)).unwrap_or(0);
                if let Some(day) = NaiveDate::from_ymd_opt(y, m, d) {
                    short = Some(found(Some(day), y, NameShape::WireShort));
                }
            }
        }
        // a year as a whole URL path segment: "/2022/"
        if len == 4 && year_only.is_none() && s > 0 && b[s - 1] == b'/' && b.get(e) == Some(&b'/') {
            let y = num((s, e)).unwrap_or(0) as i32;
            if valid_year(y) {
                year_only = Some(found(None, y, NameShape::YearSegment));
            }
        }
    }
    short.or(year_only)
}

/// A separator followed by a digit at `i` ("2022.3.4.5": the date runs on).
fn is_sep_digit(b: &[u8], i: usize) -> bool {
    i + 1 < b.len() && matches!(b[i], b'-' | b'/' | b'_' | b'.') && b[i + 1].is_ascii_digit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(name: &str) -> Option<String> {
        date_in_name(name)
            .and_then(|d| d.day)
            .map(|d| d.to_string())
    }

    #[test]
    fn wire_identifiers() {
        assert_eq!(day("APW19980213.1310").as_deref(), Some("1998-02-13"));
        assert_eq!(day("NYT20000105.0325").as_deref(), Some("2000-01-05"));
        assert_eq!(day("XIE19990313.0031").as_deref(), Some("1999-03-13"));
        assert_eq!(day("AP900815-0044").as_deref(), Some("1990-08-15"));
        assert_eq!(day("ea980120.1830.0071").as_deref(), Some("1998-01-20"));
        assert_eq!(
            date_in_name("AP900815-0044").unwrap().shape,
            NameShape::WireShort
        );
    }

    #[test]
    fn urls_and_file_names() {
        assert_eq!(
            day("https://news.example/world/2031/3/8/kaya-calls-for-talks").as_deref(),
            Some("2031-03-08")
        );
        assert_eq!(
            day("https://example.org/2031-03-08/kaya").as_deref(),
            Some("2031-03-08")
        );
        assert_eq!(day("2031_03_08_kaya.txt").as_deref(), Some("2031-03-08"));
        let y = date_in_name("https://example.org/2031/world/kaya-speaks").unwrap();
        assert_eq!((y.day, y.year), (None, 2031));
    }

    #[test]
    fn counters_hashes_and_impossible_dates_give_nothing() {
        for name in [
            "wsj_0006",
            "000_a0904f4e3e4a94c5",
            "story-12345678",
            "20231340-report",
            "1.2022.3.4.5",
            "v2/1899/12/31",
            "article-980120",
            "",
        ] {
            assert_eq!(date_in_name(name), None, "{name}");
        }
    }
}
