//! Query-string parameters, shared by the pages and the API, checked into store queries.
//!
//! Everything arrives as text and is checked here with messages a person can act on. The
//! API is strict (a typed parameter that is present must be valid); the pages are lenient
//! about empty form fields (`?from=&to=` from an unfilled form means no filter).

use onrecord_core::Day;
use onrecord_store::{Bucket, Cursor, Position, SearchOrder, SearchQuery, OTHER_QUERY};
use serde::Deserialize;

use crate::error::AppError;

/// Largest page a client may ask for.
pub const MAX_LIMIT: usize = 100;
/// Page size when none is asked for.
pub const DEFAULT_LIMIT: usize = 20;
/// Longest search text accepted.
pub const MAX_TEXT: usize = 500;

/// The statement filters as they arrive.
#[derive(Debug, Default, Deserialize)]
pub struct RawSearch {
    pub q: Option<String>,
    pub speaker: Option<String>,
    pub speaker_id: Option<String>,
    pub outlet: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub article_id: Option<String>,
    /// `true`: only statements without any day (see `SearchQuery::undated`).
    pub undated: Option<String>,
    pub sort: Option<String>,
    pub limit: Option<String>,
    pub cursor: Option<String>,
    /// Pages only: 1-based page number.
    pub page: Option<String>,
    /// Exports only: `csv` or `jsonl`.
    pub format: Option<String>,
}

/// Listing parameters for speakers and articles.
#[derive(Debug, Default, Deserialize)]
pub struct RawList {
    pub name: Option<String>,
    pub outlet: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: Option<String>,
    pub cursor: Option<String>,
    pub page: Option<String>,
    pub by: Option<String>,
}

/// Whether empty typed values are errors (API) or absent (HTML forms).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Strict,
    Lenient,
}

/// A present, non-blank value (text parameters: blank means absent in both modes).
fn text(v: &Option<String>, name: &str) -> Result<Option<String>, AppError> {
    match v.as_deref() {
        Some(s) if s.chars().count() > MAX_TEXT => Err(AppError::bad_request(format!(
            "parameter '{name}' is longer than {MAX_TEXT} characters"
        ))),
        Some(s) if !s.trim().is_empty() => Ok(Some(s.trim().to_string())),
        _ => Ok(None),
    }
}

/// A typed value: None when absent (or blank, in lenient mode).
fn typed(v: &Option<String>, mode: Mode) -> Option<&str> {
    match v.as_deref() {
        Some(s) if mode == Mode::Lenient && s.trim().is_empty() => None,
        other => other,
    }
}

pub fn day(v: &Option<String>, name: &str, mode: Mode) -> Result<Option<Day>, AppError> {
    let Some(s) = typed(v, mode) else {
        return Ok(None);
    };
    parse_iso_day(s.trim()).map(Some).ok_or_else(|| {
        AppError::bad_request(format!(
            "parameter '{name}': '{}' is not a day; expected YYYY-MM-DD, e.g. 2024-03-04",
            shorten(s)
        ))
    })
}

/// Exactly `YYYY-MM-DD`.
pub fn parse_iso_day(s: &str) -> Option<Day> {
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
    Day::parse_from_str(s, "%Y-%m-%d").ok()
}

pub fn id(v: &Option<String>, name: &str, mode: Mode) -> Result<Option<i64>, AppError> {
    let Some(s) = typed(v, mode) else {
        return Ok(None);
    };
    match s.trim().parse::<i64>() {
        Ok(n) if n >= 1 => Ok(Some(n)),
        _ => Err(AppError::bad_request(format!(
            "parameter '{name}': '{}' is not a positive integer",
            shorten(s)
        ))),
    }
}

pub fn limit(v: &Option<String>, mode: Mode) -> Result<usize, AppError> {
    let Some(s) = typed(v, mode) else {
        return Ok(DEFAULT_LIMIT);
    };
    match s.trim().parse::<usize>() {
        Ok(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        _ => Err(AppError::bad_request(format!(
            "parameter 'limit': '{}' is not a number from 1 to {MAX_LIMIT}",
            shorten(s)
        ))),
    }
}

pub fn cursor(v: &Option<String>) -> Result<Option<Cursor>, AppError> {
    // an empty cursor is the first page
    let Some(s) = v.as_deref().filter(|s| !s.trim().is_empty()) else {
        return Ok(None);
    };
    s.parse::<Cursor>()
        .map(Some)
        .map_err(|e| AppError::bad_request(format!("parameter 'cursor': {e}")))
}

/// 1-based page number for the pages (at most 1000).
pub fn page(v: &Option<String>) -> Result<usize, AppError> {
    match typed(v, Mode::Lenient) {
        None => Ok(1),
        Some(s) => match s.trim().parse::<usize>() {
            Ok(n) if (1..=1000).contains(&n) => Ok(n),
            _ => Err(AppError::bad_request(format!(
                "parameter 'page': '{}' is not a page number from 1 to 1000",
                shorten(s)
            ))),
        },
    }
}

pub fn order(v: &Option<String>, mode: Mode) -> Result<SearchOrder, AppError> {
    match typed(v, mode) {
        None => Ok(SearchOrder::Rank),
        Some(s) => s
            .trim()
            .parse::<SearchOrder>()
            .map_err(|e| AppError::bad_request(format!("parameter 'sort': {}", shorten(&e)))),
    }
}

/// A yes-or-no parameter: `true` or `false` (`1` and `0` too; a page's checkbox sends
/// `on`). Absent (or blank, on the pages) is no.
pub fn flag(v: &Option<String>, name: &str, mode: Mode) -> Result<bool, AppError> {
    match typed(v, mode).map(str::trim) {
        None => Ok(false),
        Some("true" | "1") => Ok(true),
        Some("on") if mode == Mode::Lenient => Ok(true),
        Some("false" | "0") => Ok(false),
        Some(other) => Err(AppError::bad_request(format!(
            "parameter '{name}': '{}' is not true or false",
            shorten(other)
        ))),
    }
}

pub fn bucket(v: &Option<String>, mode: Mode) -> Result<Option<Bucket>, AppError> {
    match typed(v, mode).map(str::trim) {
        None => Ok(None),
        Some("day") => Ok(Some(Bucket::Day)),
        Some("week") => Ok(Some(Bucket::Week)),
        Some(other) => Err(AppError::bad_request(format!(
            "parameter 'by': '{}' is not day or week",
            shorten(other)
        ))),
    }
}

/// The search the parameters ask for (limit and cursor included).
pub fn search(raw: &RawSearch, mode: Mode) -> Result<SearchQuery, AppError> {
    // `from` after `to` is no error: such a range simply holds no statement
    let from = day(&raw.from, "from", mode)?;
    let to = day(&raw.to, "to", mode)?;
    let after = cursor(&raw.cursor)?;
    // Without `sort`, a cursor continues in the order it was made in.
    let order = match (typed(&raw.sort, mode), after.as_ref().map(|c| &c.at)) {
        (None, Some(Position::Rank { .. })) => SearchOrder::Rank,
        (None, Some(Position::Newest { .. })) => SearchOrder::Newest,
        (None, Some(Position::Oldest { .. })) => SearchOrder::Oldest,
        (None, Some(Position::Offset(_))) => {
            return Err(AppError::bad_request(
                "parameter 'cursor': not a cursor of this listing",
            ))
        }
        _ => order(&raw.sort, mode)?,
    };
    let q = SearchQuery {
        words: text(&raw.q, "q")?,
        speaker: text(&raw.speaker, "speaker")?,
        speaker_id: id(&raw.speaker_id, "speaker_id", mode)?,
        outlet: text(&raw.outlet, "outlet")?,
        from,
        to,
        article: id(&raw.article_id, "article_id", mode)?,
        undated: flag(&raw.undated, "undated", mode)?,
        order,
        limit: limit(&raw.limit, mode)?,
        after,
        offset: 0,
    };
    if let Some(c) = &q.after {
        bound(c, q.fingerprint())?;
    }
    Ok(q)
}

/// A cursor given with the filters of the listing it was made for (fingerprint `query`),
/// else a 400 that says so: read in another listing, its position would skip or repeat
/// rows without a sign.
pub fn bound(cursor: &Cursor, query: u32) -> Result<(), AppError> {
    cursor
        .check(query)
        .map_err(|_| AppError::bad_request(format!("parameter 'cursor': {OTHER_QUERY}")))
}

pub fn name(v: &Option<String>, field: &str) -> Result<Option<String>, AppError> {
    text(v, field)
}

/// At most 60 characters of a value, for messages.
fn shorten(s: &str) -> String {
    if s.chars().count() <= 60 {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(57).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(pairs: &[(&str, &str)]) -> RawSearch {
        let qs: String = pairs
            .iter()
            .map(|(k, v)| format!("{k}={v}&"))
            .collect::<String>();
        serde_json::from_value(serde_json::Value::Object(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), serde_json::Value::from(*v)))
                .collect(),
        ))
        .unwrap_or_else(|e| panic!("{qs}: {e}"))
    }

    #[test]
    fn strict_and_lenient_modes() {
        let r = raw(&[("from", ""), ("q", "  "), ("limit", "")]);
        let q = search(&r, Mode::Lenient).unwrap();
        assert_eq!((q.from, q.words, q.limit), (None, None, DEFAULT_LIMIT));
        assert!(search(&r, Mode::Strict).is_err());
    }

    #[test]
    fn bad_values_are_400_with_the_parameter_named() {
        for (k, v) in [
            ("from", "2024-3-4"),
            ("to", "yesterday"),
            ("limit", "0"),
            ("limit", "101"),
            ("limit", "-1"),
            ("speaker_id", "0"),
            ("speaker_id", "x"),
            ("sort", "best"),
            ("cursor", "zzz"),
            ("undated", "yes"),
        ] {
            let err = search(&raw(&[(k, v)]), Mode::Strict).unwrap_err();
            assert_eq!(err.status, 400);
            assert!(err.message.contains(k), "{k}: {}", err.message);
        }
        assert!(search(&raw(&[("cursor", "")]), Mode::Strict)
            .unwrap()
            .after
            .is_none());
        // a cursor carries its order when `sort` is not given
        let x = SearchQuery {
            words: Some("x".into()),
            ..SearchQuery::default()
        };
        let oldest = format!("o..4.{:08x}", x.fingerprint());
        let q = search(&raw(&[("q", "x"), ("cursor", &oldest)]), Mode::Strict).unwrap();
        assert_eq!(q.order, SearchOrder::Oldest);
        // …and its query
        let err = search(&raw(&[("q", "y"), ("cursor", &oldest)]), Mode::Strict).unwrap_err();
        assert!(err.message.contains("another query"), "{}", err.message);
        assert!(search(&raw(&[("cursor", "k.20.00000000")]), Mode::Strict).is_err());
        let long = "x".repeat(MAX_TEXT + 1);
        assert!(search(&raw(&[("q", &long)]), Mode::Strict).is_err());
    }

    #[test]
    fn good_values_parse() {
        let q = search(
            &raw(&[
                ("q", "ceasefire"),
                ("from", "2024-03-01"),
                ("to", "2024-03-31"),
                ("limit", "5"),
                ("sort", "oldest"),
                ("speaker_id", "3"),
            ]),
            Mode::Strict,
        )
        .unwrap();
        assert_eq!(q.words.as_deref(), Some("ceasefire"));
        assert_eq!(q.limit, 5);
        assert_eq!(q.order, SearchOrder::Oldest);
        assert_eq!(q.speaker_id, Some(3));
        assert!(!q.undated);
        assert_eq!(parse_iso_day("2024-02-30"), None);
        for (v, mode, yes) in [
            ("true", Mode::Strict, true),
            ("1", Mode::Strict, true),
            ("false", Mode::Strict, false),
            ("on", Mode::Lenient, true),
            ("", Mode::Lenient, false),
        ] {
            let q = search(&raw(&[("undated", v)]), mode).unwrap();
            assert_eq!(q.undated, yes, "{v}");
        }
        assert!(search(&raw(&[("undated", "on")]), Mode::Strict).is_err());
    }
}
