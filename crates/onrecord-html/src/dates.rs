//! Publication and modification times, and which evidence gave each.
//!
//! Pages state their dates in many places, of unequal worth: the article's JSON-LD and its
//! `article:published_time` are written by the CMS from the record; a `<time pubdate>` or an
//! itemprop is markup around the visible date; "Published March 3, 2024" is what a reader
//! sees; a `/2024/03/03/` in the address is the day the CMS filed it; a date somewhere in the
//! text may be anything. The day is taken from the most trusted evidence that gives a
//! plausible one (never after the fetch, never before 1990), and the evidence is kept.
//!
//! Dates are read in every shape pages use: ISO 8601 and RFC 2822, `Fri 6:45 PM, Feb 16,
//! 2018`, `November 20, 2019 12:32`, `13/11/2025 09:21:40`, `Dec 19th 2025`, `2025.11.13`,
//! month names in the main European languages and Turkish. The calendar day is the one
//! written, in the page's own time zone: an article stamped `2024-03-03T23:30:00-05:00`
//! appeared on March 3 for its readers.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use serde::Serialize;

use crate::body::Body;
use crate::dom::{Scan, NONE};
use crate::hints::Flags;
use crate::jsonld;
use crate::meta::Meta;

/// Which kind of evidence gave a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// The page's JSON-LD (`datePublished`, `dateModified`).
    JsonLd,
    /// A `<meta>` tag (`article:published_time`, `dc.date`, …).
    Meta,
    /// An `itemprop` in the page's markup.
    Microdata,
    /// A `<time datetime>` element.
    Time,
    /// A date the page shows with a label ("Published …", "Updated …") or as its date line.
    Text,
    /// The page's address (`/2024/03/04/`).
    Url,
    /// JSON the page embeds for its scripts (`"publishedAt": "…"`).
    Script,
}

/// A date and where it came from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stamp {
    pub day: NaiveDate,
    /// ISO 8601 as precise as the evidence: `2024-03-04`, `2024-03-04T09:15:00`,
    /// `2024-03-04T09:15:00+01:00`.
    pub datetime: String,
    pub from: DateSource,
    /// The evidence itself: the key and the value as written (`article:published_time
    /// 2024-03-04T09:15:00+01:00`), for a user to check.
    pub evidence: String,
}

/// A date read from a string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParsedDate {
    pub day: NaiveDate,
    pub time: Option<NaiveTime>,
    /// Offset from UTC in minutes, when written.
    pub offset: Option<i32>,
    /// A numeric date whose day and month could be read either way (`02/12/2025`).
    pub ambiguous: bool,
}

impl ParsedDate {
    fn iso(&self) -> String {
        let mut s = self.day.format("%Y-%m-%d").to_string();
        if let Some(t) = self.time {
            s.push_str(&t.format("T%H:%M:%S").to_string());
            if let Some(o) = self.offset {
                if o == 0 {
                    s.push('Z');
                } else {
                    let sign = if o < 0 { '-' } else { '+' };
                    s.push_str(&format!("{sign}{:02}:{:02}", o.abs() / 60, o.abs() % 60));
                }
            }
        }
        s
    }
}

/// How to read a numeric date whose first two numbers could both be months (`02/12/2025`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    MonthFirst,
    DayFirst,
}

/// Reads a date written on its own (a metadata value, a `datetime` attribute, a date line).
/// Words around the date ("Published:", "Updated on") are allowed; two dates are not read as
/// one.
pub fn parse_date(s: &str, order: Order) -> Option<ParsedDate> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    if let Some(d) = iso(s) {
        return Some(d);
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(ParsedDate {
            day: dt.date_naive(),
            time: Some(dt.time()),
            offset: Some(dt.offset().local_minus_utc() / 60),
            ambiguous: false,
        });
    }
    let toks = tokens(s);
    from_tokens(&toks, order)
}

/// `YYYY-MM-DD`, with a time and an offset or not; `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYYMMDD`.
fn iso(s: &str) -> Option<ParsedDate> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        if part.iter().all(u8::is_ascii_digit) {
            std::str::from_utf8(part).ok()?.parse().ok()
        } else {
            None
        }
    };
    let (y, m, d, rest) = if b.len() >= 10 && matches!(b[4], b'-' | b'/' | b'.') && b[7] == b[4] {
        (num(0..4)?, num(5..7)?, num(8..10)?, 10)
    } else if b.len() >= 8
        && b[..8].iter().all(u8::is_ascii_digit)
        && (b.len() == 8 || b[8] == b'T')
    {
        (num(0..4)?, num(4..6)?, num(6..8)?, 8)
    } else {
        return None;
    };
    let day = NaiveDate::from_ymd_opt(y as i32, m, d)?;
    let tail = &s[rest..];
    let mut out = ParsedDate {
        day,
        time: None,
        offset: None,
        ambiguous: false,
    };
    let tail = tail.strip_prefix(['T', 't', ' ']).unwrap_or(tail);
    if tail.len() >= 5 && tail.as_bytes()[2] == b':' {
        let tb = tail.as_bytes();
        let h: u32 = tail[..2].parse().ok()?;
        let mi: u32 = tail[3..5].parse().ok()?;
        let mut i = 5;
        let mut sec = 0;
        if tb.len() >= 8 && tb[5] == b':' {
            sec = tail[6..8].parse().unwrap_or(0);
            i = 8;
            while i < tb.len() && (tb[i] == b'.' || tb[i] == b',' || tb[i].is_ascii_digit()) {
                i += 1;
            }
        }
        out.time = NaiveTime::from_hms_opt(h, mi, sec.min(59));
        let z = tail[i..].trim();
        out.offset = offset(z);
    }
    Some(out)
}

/// `Z`, `+01:00`, `-0500`, `+01`.
fn offset(z: &str) -> Option<i32> {
    if z.eq_ignore_ascii_case("z") || z.eq_ignore_ascii_case("utc") || z.eq_ignore_ascii_case("gmt")
    {
        return Some(0);
    }
    let sign = match z.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = z[1..].chars().filter(char::is_ascii_digit).collect();
    let (h, m) = match digits.len() {
        2 => (digits.parse::<i32>().ok()?, 0),
        4 => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num {
        v: u32,
        digits: u8,
        apostrophe: bool,
    },
    Word(String),
    Sep(char),
}

fn tokens(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    let mut apostrophe = false;
    while let Some((i, c)) = chars.next() {
        if c.is_ascii_digit() {
            let mut end = i + 1;
            while let Some(&(j, d)) = chars.peek() {
                if d.is_ascii_digit() {
                    end = j + 1;
                    chars.next();
                } else {
                    break;
                }
            }
            let digits = &s[i..end];
            if digits.len() <= 4 {
                out.push(Tok::Num {
                    v: digits.parse().unwrap_or(0),
                    digits: digits.len() as u8,
                    apostrophe,
                });
            } else {
                out.push(Tok::Word(digits.to_string()));
            }
            apostrophe = false;
        } else if c.is_alphabetic() {
            let mut w = String::new();
            w.extend(c.to_lowercase());
            while let Some(&(_, d)) = chars.peek() {
                if d.is_alphabetic() {
                    w.extend(d.to_lowercase());
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(Tok::Word(w));
            apostrophe = false;
        } else if c.is_whitespace() {
            apostrophe = false;
        } else {
            apostrophe = matches!(c, '\'' | '’');
            out.push(Tok::Sep(c));
        }
    }
    out
}

/// Month numbers of month names and their abbreviations, in English, French, German,
/// Spanish, Italian, Portuguese, Dutch and Turkish.
fn month(w: &str) -> Option<u32> {
    let m = match w {
        "january" | "jan" | "janvier" | "januar" | "jänner" | "enero" | "ene" | "gennaio"
        | "janeiro" | "januari" | "ocak" => 1,
        "february" | "feb" | "février" | "fevrier" | "févr" | "februar" | "febrero"
        | "febbraio" | "fevereiro" | "fev" | "februari" | "şubat" | "subat" => 2,
        "march" | "mar" | "mars" | "märz" | "marz" | "marzo" | "março" | "marco" | "maart"
        | "mart" => 3,
        "april" | "apr" | "avril" | "abril" | "abr" | "aprile" | "nisan" => 4,
        "may" | "mai" | "mayo" | "maggio" | "maio" | "mei" | "mayıs" | "mayis" => 5,
        "june" | "jun" | "juin" | "juni" | "junio" | "giugno" | "junho" | "haziran" => 6,
        "july" | "jul" | "juillet" | "juli" | "julio" | "luglio" | "julho" | "temmuz" => 7,
        "august" | "aug" | "août" | "aout" | "agosto" | "ago" | "augustus" | "ağustos"
        | "agustos" => 8,
        "september" | "sep" | "sept" | "septembre" | "septiembre" | "settembre" | "setembro"
        | "set" | "eylül" | "eylul" => 9,
        "october" | "oct" | "octobre" | "oktober" | "okt" | "octubre" | "ottobre" | "outubro"
        | "out" | "ekim" => 10,
        "november" | "nov" | "novembre" | "noviembre" | "novembro" | "kasım" | "kasim" => 11,
        "december" | "dec" | "décembre" | "decembre" | "déc" | "dezember" | "dez" | "diciembre"
        | "dic" | "dicembre" | "dezembro" | "aralık" | "aralik" => 12,
        _ => return None,
    };
    Some(m)
}

/// A date from tokens: a month name with a day and a year near it, or three numbers joined by
/// one separator. Times (`6:45`, `12:32:10`, `6pm`) are read and kept apart.
fn from_tokens(toks: &[Tok], order: Order) -> Option<ParsedDate> {
    let mut used = vec![false; toks.len()];
    let time = find_time(toks, &mut used);
    let year_of = |i: usize| -> Option<i32> {
        match toks[i] {
            Tok::Num { v, digits: 4, .. } if (1900..=2100).contains(&v) => Some(v as i32),
            Tok::Num {
                v,
                digits: 2,
                apostrophe: true,
            } => Some(2000 + v as i32),
            _ => None,
        }
    };
    // A month name, with its day and year within three words (ordinal endings and
    // punctuation not counted: "March 3rd, 2024").
    let words: Vec<usize> = (0..toks.len())
        .filter(|&i| match &toks[i] {
            Tok::Sep(_) => false,
            Tok::Word(w) => !matches!(w.as_str(), "st" | "nd" | "rd" | "th" | "of" | "de"),
            Tok::Num { .. } => !used[i],
        })
        .collect();
    for (wi, &mi) in words.iter().enumerate() {
        let Tok::Word(w) = &toks[mi] else { continue };
        let Some(m) = month(w.trim_end_matches('.')) else {
            continue;
        };
        // "may" is a verb as often as a month: only with a day and a year right beside it.
        let near: Vec<usize> = words
            .iter()
            .enumerate()
            .filter(|(j, _)| j.abs_diff(wi) <= 3 && *j != wi)
            .map(|(_, &i)| i)
            .collect();
        let year = near.iter().find_map(|&i| year_of(i).map(|y| (i, y)));
        let Some((yi, y)) = year else { continue };
        let at = |d: isize| words.get(wi.checked_add_signed(d)?).copied();
        let day = [at(1), at(-1), at(2), at(-2)]
            .into_iter()
            .flatten()
            .filter(|&i| i != yi)
            .find_map(|i| match toks[i] {
                Tok::Num {
                    v,
                    digits: 1 | 2,
                    apostrophe: false,
                } if (1..=31).contains(&v) => Some(v),
                _ => None,
            });
        let Some(d) = day else { continue };
        if let Some(day) = NaiveDate::from_ymd_opt(y, m, d) {
            return Some(ParsedDate {
                day,
                time,
                offset: None,
                ambiguous: false,
            });
        }
    }
    // Three numbers with one separator between them.
    for i in 0..toks.len().saturating_sub(4) {
        let (
            Tok::Num {
                v: a, digits: da, ..
            },
            Tok::Sep(s1),
            Tok::Num {
                v: b, digits: db, ..
            },
            Tok::Sep(s2),
            Tok::Num {
                v: c, digits: dc, ..
            },
        ) = (
            &toks[i],
            &toks[i + 1],
            &toks[i + 2],
            &toks[i + 3],
            &toks[i + 4],
        )
        else {
            continue;
        };
        if s1 != s2 || !matches!(s1, '/' | '-' | '.') || used[i] || used[i + 4] {
            continue;
        }
        let mut ambiguous = false;
        let (y, m, d) = if *da == 4 {
            (*a as i32, *b, *c)
        } else if *dc == 4 || (*dc == 2 && *da <= 2 && *db <= 2) {
            let y = if *dc == 4 {
                *c as i32
            } else {
                2000 + *c as i32
            };
            // The dotted form is day-first wherever it is written.
            let day_first = *a > 12 || (*b <= 12 && (order == Order::DayFirst || *s1 == '.'));
            ambiguous = *a <= 12 && *b <= 12 && a != b && *s1 != '.';
            if day_first {
                (y, *b, *a)
            } else {
                (y, *a, *b)
            }
        } else {
            continue;
        };
        if let Some(day) = NaiveDate::from_ymd_opt(y, m, d) {
            return Some(ParsedDate {
                day,
                time,
                offset: None,
                ambiguous,
            });
        }
    }
    None
}

/// `6:45 PM`, `12:32`, `09:21:40`, `6pm`; marks the tokens used.
fn find_time(toks: &[Tok], used: &mut [bool]) -> Option<NaiveTime> {
    for i in 0..toks.len() {
        let Tok::Num {
            v: h,
            digits: 1 | 2,
            ..
        } = toks[i]
        else {
            continue;
        };
        let mut end = i;
        let mut min = None;
        let mut sec = 0;
        if let (
            Some(Tok::Sep(':')),
            Some(Tok::Num {
                v: m, digits: 2, ..
            }),
        ) = (toks.get(i + 1), toks.get(i + 2))
        {
            min = Some(*m);
            end = i + 2;
            if let (
                Some(Tok::Sep(':')),
                Some(Tok::Num {
                    v: s, digits: 2, ..
                }),
            ) = (toks.get(i + 3), toks.get(i + 4))
            {
                sec = *s;
                end = i + 4;
            }
        }
        let mut hour = h;
        let ampm = match toks.get(end + 1) {
            Some(Tok::Word(w)) if w == "pm" || w == "am" => Some((w == "pm", end + 1)),
            Some(Tok::Word(w))
                if (w == "p" || w == "a") && matches!(toks.get(end + 2), Some(Tok::Sep('.'))) =>
            {
                Some((w == "p", end + 4))
            }
            _ => None,
        };
        if min.is_none() && ampm.is_none() {
            continue;
        }
        if let Some((pm, last)) = ampm {
            if hour > 12 {
                continue;
            }
            hour = match (pm, hour) {
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, 12) => 0,
                (false, h) => h,
            };
            end = last.min(toks.len() - 1);
        }
        if let Some(t) = NaiveTime::from_hms_opt(hour, min.unwrap_or(0), sec) {
            for u in used.iter_mut().take(end + 1).skip(i) {
                *u = true;
            }
            return Some(t);
        }
    }
    None
}

/// Labels before a publication date a reader sees.
const PUBLISHED_LABELS: &[&str] = &[
    "published",
    "posted",
    "first published",
    "publish date",
    "date published",
    "released",
    "created",
    "written on",
    "originally published",
    "publication date",
    "date:",
];
const MODIFIED_LABELS: &[&str] = &[
    "updated",
    "last updated",
    "modified",
    "last modified",
    "revised",
    "last reviewed",
    "reviewed",
];

/// A candidate date with its trust (lower is better).
struct Candidate {
    rank: u8,
    date: ParsedDate,
    from: DateSource,
    evidence: String,
}

/// Trust of each kind of evidence for the publication day, most trusted first. The order is
/// what readers see before what machines are told: a date the page shows under its headline
/// with a "Published" label is the article's date whatever the metadata says; an address
/// dated by the CMS is next; then the `<meta>` tags a CMS fills from its record; then an
/// unlabelled date line under the headline; then an "Updated" date when the page shows no
/// other; markup around dates (`<time>`), JSON-LD (often a template's creation date) and
/// microdata last. Chosen on one half of a dev set of 696 pages of 680 sites and checked on the
/// other (see README, figures). A date the page shows and marks up as a date is its date line
/// whatever its place (see [`confirm_shown`]); an "Updated" date line away from the headline
/// comes before JSON-LD, as one under it does; dates of article cards away from the article
/// are the last resort.
mod rank {
    pub const SHOWN_PUBLISHED: u8 = 0;
    pub const URL: u8 = 10;
    pub const CONFIRMED_SHOWN: u8 = 15;
    pub const META: u8 = 20;
    pub const SHOWN_BYLINE_DATE: u8 = 28;
    pub const SHOWN_DATE_LINE: u8 = 30;
    pub const SHOWN_DATE_LINE_UNNAMED: u8 = 35;
    pub const SHOWN_ELSEWHERE: u8 = 40;
    pub const SHOWN_UPDATED: u8 = 50;
    pub const TIME_PUBDATE: u8 = 60;
    pub const TIME: u8 = 70;
    pub const UPDATED_LINE_ELSEWHERE: u8 = 75;
    pub const JSON_LD: u8 = 80;
    pub const SCRIPT: u8 = 85;
    pub const MICRODATA: u8 = 90;
    pub const WEAK: u8 = 100;
    pub const TIME_ELSEWHERE: u8 = 105;
    pub const MICRODATA_ELSEWHERE: u8 = 107;
    pub const UPDATED_ELSEWHERE: u8 = 110;
}

/// Keys of `<meta>` tags that give the publication time, in order of trust; the first
/// `STRONG_META` are written by CMSs from the article's record.
const META_PUBLISHED: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "published_time",
    "article:published",
    "article.published",
    "datepublished",
    "date.published",
    "publish-date",
    "publish_date",
    "publishdate",
    "published-date",
    "published_date",
    "published",
    "publication",
    "publication_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "cxenseparse:recs:publishtime",
    "article_date_original",
    "originalpublicationdate",
    "citation_publication_date",
    "citation_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date",
    "created",
    "og:pubdate",
    "rnews:datepublished",
    "displaydate",
];
const STRONG_META: usize = 24;
const META_MODIFIED: &[&str] = &[
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "modified_time",
    "article:modified",
    "datemodified",
    "last-modified",
    "lastmod",
    "dc.date.modified",
    "dcterms.modified",
    "revised",
    "updated",
];

/// The label a short line gives the date after it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Label {
    Published,
    Updated,
}

/// A line that is only a label ("Published", "Posted on", "Last updated:"), whose date is in
/// the next line.
fn label_only(lower: &str) -> Option<Label> {
    let t = lower.trim().trim_end_matches([':', '.', ' ']);
    match t {
        "published" | "published on" | "posted" | "posted on" | "date" | "date published"
        | "publish date" | "first published" | "released" | "created" => Some(Label::Published),
        "updated" | "updated on" | "last updated" | "last updated on" | "modified"
        | "last modified" | "date updated" | "last reviewed" | "reviewed" => Some(Label::Updated),
        _ => None,
    }
}

/// Publication and modification stamps of a page (see the module comment).
pub(crate) fn find(
    scan: &Scan,
    meta: &Meta<'_>,
    body: &Body,
    url: Option<&str>,
    script: &[(&'static str, String, bool)],
    now: DateTime<Utc>,
) -> Dates {
    let order = order_of(scan);
    let latest = now.date_naive().succ_opt().unwrap_or(now.date_naive());
    let floor = NaiveDate::from_ymd_opt(1990, 1, 1).expect("a valid day");
    let plausible = |d: &ParsedDate| d.day >= floor && d.day <= latest;
    let mut published: Vec<Candidate> = Vec::new();
    let mut modified: Vec<Candidate> = Vec::new();
    // A date in the metadata that could not be read, for the warning.
    let unread = std::cell::RefCell::new(None::<String>);
    let add = |list: &mut Vec<Candidate>, rank: u8, raw: &str, from: DateSource, key: &str| {
        match parse_date(raw, order) {
            Some(d) if plausible(&d) => list.push(Candidate {
                rank,
                date: d,
                from,
                evidence: format!("{key} {}", raw.trim()),
            }),
            _ => {
                let mut u = unread.borrow_mut();
                if u.is_none() && from != DateSource::Time {
                    *u = Some(format!(
                        "publication date '{}' ({key}) is not a date onrecord can read, or is \
                         before 1990 or after the page was fetched",
                        short(raw)
                    ));
                }
            }
        }
    };
    let shown = |date: ParsedDate, rank: u8, text: &str| Candidate {
        rank,
        date,
        from: DateSource::Text,
        evidence: format!("text '{}'", short(text)),
    };

    // Metadata.
    if let Some(a) = meta.article() {
        for (k, rank) in [
            ("datePublished", rank::JSON_LD),
            ("dateCreated", rank::WEAK),
            ("uploadDate", rank::WEAK),
        ] {
            if let Some(v) = jsonld::string(a, k) {
                add(&mut published, rank, &v, DateSource::JsonLd, k);
            }
        }
        if let Some(v) = jsonld::string(a, "dateModified") {
            add(&mut modified, 0, &v, DateSource::JsonLd, "dateModified");
        }
    }
    // A `<meta itemprop=datePublished>` is microdata, not a tag of the page's head that the
    // CMS fills from its record: it is weighed as microdata.
    for (i, key) in META_PUBLISHED.iter().enumerate() {
        if let Some(v) = scan.head_meta(key) {
            let r = if i < STRONG_META {
                rank::META
            } else {
                rank::WEAK
            };
            add(&mut published, r, v, DateSource::Meta, key);
        }
    }
    if let Some(&i) = scan
        .itemprop_metas
        .iter()
        .find(|&&i| scan.metas[i as usize].0 == "datepublished")
    {
        let v = &scan.metas[i as usize].1;
        add(
            &mut published,
            rank::MICRODATA,
            v,
            DateSource::Microdata,
            "<meta itemprop=datePublished>",
        );
    }
    for key in META_MODIFIED {
        if let Some(v) = scan.meta(key) {
            add(&mut modified, 1, v, DateSource::Meta, key);
        }
    }
    // Other keys that say what they hold (`article-publish-date`, `last-updated-time`).
    for (k, v) in &scan.metas {
        if META_PUBLISHED.contains(&k.as_str()) || META_MODIFIED.contains(&k.as_str()) {
            continue;
        }
        let dated = k.contains("date") || k.contains("time");
        if dated && k.contains("publish") {
            add(&mut published, rank::WEAK, v, DateSource::Meta, k);
        } else if dated && (k.contains("modif") || k.contains("updat")) {
            add(&mut modified, 2, v, DateSource::Meta, k);
        }
    }
    let region = top_region(scan, body);
    // Whether element `el` is near the article: in the region of its headline or in its body.
    let near = |el: u32| {
        in_region(scan, &region, el)
            || (body.container != NONE && scan.contains(body.container, el))
    };
    // Three days or more under `itemprop=datePublished`: the page lists articles (cards with
    // their dates), and none of them is believed to be the article's own but as a last resort.
    let listed = {
        let mut days: Vec<NaiveDate> = scan
            .marked
            .iter()
            .filter(|m| m.what == "datepublished")
            .filter_map(|m| {
                let raw = m.value.as_deref().unwrap_or_else(|| scan.el_text(m.el));
                parse_date(raw, order).map(|d| d.day)
            })
            .collect();
        days.sort_unstable();
        days.dedup();
        days.len() >= 3
    };
    let near_article = |el: u32| !listed && near(el);
    let mut microdata_elsewhere = false;
    for m in &scan.marked {
        let raw = m
            .value
            .clone()
            .unwrap_or_else(|| scan.el_text(m.el).to_string());
        match m.what.as_str() {
            // Away from the article, `itemprop=datePublished` dates the cards of a list of
            // other articles: the first one only, as a last resort (as `<time>` below).
            "datepublished" if near_article(m.el) || !microdata_elsewhere => {
                let r = if near_article(m.el) {
                    rank::MICRODATA
                } else {
                    microdata_elsewhere = true;
                    rank::MICRODATA_ELSEWHERE
                };
                add(
                    &mut published,
                    r,
                    &raw,
                    DateSource::Microdata,
                    "itemprop=datePublished",
                )
            }
            "datecreated" => add(
                &mut published,
                rank::WEAK,
                &raw,
                DateSource::Microdata,
                "itemprop=dateCreated",
            ),
            "datemodified" => add(
                &mut modified,
                1,
                &raw,
                DateSource::Microdata,
                "itemprop=dateModified",
            ),
            _ => {}
        }
    }
    // The shown text of the `<time>` elements named as times of change.
    let updated_times: Vec<(&str, String)> = scan
        .marked
        .iter()
        .filter(|m| m.what == "time" && m.updated)
        .map(|m| scan.el_text(m.el).trim())
        .filter(|t| !t.is_empty())
        .map(|t| (t, t.to_lowercase()))
        .collect();
    // What the page shows near its headline: labelled dates and date lines.
    let mut pending: Option<Label> = None;
    for &(el, text) in &region {
        let lower = text.to_lowercase();
        let label = pending.take();
        if let Some(l) = label_only(&lower) {
            pending = Some(l);
            continue;
        }
        if let Some(d) = labelled(&lower, MODIFIED_LABELS, order).filter(&plausible) {
            modified.push(shown(d, 2, text));
            published.push(shown(d, rank::SHOWN_UPDATED, text));
        }
        if let Some(d) = labelled(&lower, PUBLISHED_LABELS, order).filter(&plausible) {
            published.push(shown(d, rank::SHOWN_PUBLISHED, text));
            continue;
        }
        // The line up to an "Updated" label, which dates what follows it: "By Ana Brel ·
        // March 3, 2024 · Updated March 5, 2024" keeps its first date as the date line, and
        // "By Ana Brel | Last updated: March 5, 2024" has none.
        let mut line = std::borrow::Cow::Borrowed(match label_at(&lower, MODIFIED_LABELS) {
            Some(at) => &lower[..at],
            None => text,
        });
        // Nor is the text of a `<time class=updated>` part of the date line: themes print it
        // beside the publication time, hidden by their style sheet.
        for (t, t_lower) in &updated_times {
            // (the line is in lower case when cut at a label)
            for t in [*t, t_lower.as_str()] {
                if line.contains(t) {
                    line = std::borrow::Cow::Owned(line.replace(t, " "));
                }
            }
        }
        let line = line.as_ref();
        // A date line, or a metadata line cut by separators ("By Ana Brel · March 3, 2024 ·
        // 5 min read") with a date in one part, or a date before its byline ("March 3, 2024
        // by Ana Brel, correspondent for …").
        let date = if line.chars().count() <= 80 {
            parse_date(line, order)
        } else if line.chars().count() <= 200 {
            line.split(['·', '•', '●', '|', '—'])
                .chain(before_byline(line))
                .map(str::trim)
                .filter(|part| part.chars().count() <= 40)
                .find_map(|part| parse_date(part, order))
        } else {
            None
        };
        let Some(d) = date.filter(&plausible) else {
            continue;
        };
        match label {
            Some(Label::Published) => published.push(shown(d, rank::SHOWN_PUBLISHED, text)),
            Some(Label::Updated) => {
                modified.push(shown(d, 2, text));
                published.push(shown(d, rank::SHOWN_UPDATED, text));
            }
            None => {
                let flagged = near_flag(scan, el, Flags::DATE);
                // A date that opens a byline ("March 3, 2024 by Ana Brel") dates the
                // article its author wrote: cards of other articles under the headline
                // carry a date without one.
                let bylined = before_byline(line)
                    .and_then(|b| parse_date(b.trim(), order))
                    .is_some_and(|b| b.day == d.day);
                let r = if bylined {
                    rank::SHOWN_BYLINE_DATE
                } else if flagged {
                    rank::SHOWN_DATE_LINE
                } else {
                    rank::SHOWN_DATE_LINE_UNNAMED
                };
                published.push(shown(d, r, text));
            }
        }
    }
    // Labelled dates anywhere else on the page (a date line under the article's last
    // paragraph, in a side column).
    let mut pending: Option<Label> = None;
    for b in &scan.blocks {
        let text = scan.block_text(b);
        if text.len() > 150 || in_region(scan, &region, b.owner) {
            pending = None;
            continue;
        }
        // A label alone in its line waits for the date in the next; any other line needs a
        // digit to hold a date (a cheap test before the label search, on every line).
        if !text.bytes().any(|c| c.is_ascii_digit()) {
            pending = (text.len() <= 30)
                .then(|| label_only(&text.to_lowercase()))
                .flatten();
            continue;
        }
        let lower = text.to_lowercase();
        let label = pending.take();
        if let Some(l) = label_only(&lower) {
            pending = Some(l);
            continue;
        }
        let labelled_now = labelled(&lower, PUBLISHED_LABELS, order)
            .map(|d| (Label::Published, d))
            .or_else(|| labelled(&lower, MODIFIED_LABELS, order).map(|d| (Label::Updated, d)));
        let found = labelled_now.or_else(|| {
            let l = label?;
            (text.chars().count() <= 80)
                .then(|| parse_date(text, order))
                .flatten()
                .map(|d| (l, d))
        });
        // A sentence that mentions a date ("this post was originally published on …") is a
        // weaker witness than a date line.
        let sentence = text.chars().count() > 80;
        match found {
            Some((Label::Published, d)) if plausible(&d) => {
                let r = if sentence {
                    rank::WEAK
                } else {
                    rank::SHOWN_ELSEWHERE
                };
                published.push(shown(d, r, text))
            }
            Some((Label::Updated, d)) if plausible(&d) => {
                modified.push(shown(d, 3, text));
                // A line that is an "Updated" date line (the label first, or alone in the
                // line before) states the page's date as plainly away from the headline as
                // under it; "Amazon prices last updated …" in a sentence or widget does not.
                let date_line =
                    !sentence && (label.is_some() || label_at(&lower, MODIFIED_LABELS) == Some(0));
                let r = if date_line {
                    rank::UPDATED_LINE_ELSEWHERE
                } else {
                    rank::UPDATED_ELSEWHERE
                };
                published.push(shown(d, r, text));
            }
            _ => {}
        }
    }
    let mut time_elsewhere = false;
    // `<time>` elements: the machine-readable value, or the shown text when the value is an
    // ambiguous numeric date and the text is not.
    for m in &scan.marked {
        if m.what != "time" {
            continue;
        }
        let near = near(m.el);
        // A `<time>` elsewhere on the page (a date line the article's frame holds) is a
        // last resort: the first one only, as later ones date other articles.
        let r = if m.pubdate {
            rank::TIME_PUBDATE
        } else if near {
            rank::TIME
        } else if !time_elsewhere {
            time_elsewhere = true;
            rank::TIME_ELSEWHERE
        } else {
            continue;
        };
        let value = m.value.as_deref().and_then(|v| parse_date(v, order));
        let text = scan.el_text(m.el);
        let shown_date = parse_date(text, order);
        let chosen = match (value, shown_date) {
            (Some(v), Some(t)) if v.ambiguous && !t.ambiguous => Some((t, text)),
            (Some(v), _) => Some((v, m.value.as_deref().unwrap_or_default())),
            (None, Some(t)) => Some((t, text)),
            (None, None) => None,
        };
        if let Some((d, raw)) = chosen.filter(|(d, _)| plausible(d)) {
            // The time of a change: a modification, and a publication date only as the
            // last resort, as an "Updated" line elsewhere.
            if m.updated {
                let evidence = format!("<time class=updated> {}", raw.trim());
                for (list, rank) in [
                    (&mut modified, 3),
                    (&mut published, rank::UPDATED_ELSEWHERE),
                ] {
                    list.push(Candidate {
                        rank,
                        date: d,
                        from: DateSource::Time,
                        evidence: evidence.clone(),
                    });
                }
                continue;
            }
            let key = if m.pubdate {
                "<time pubdate>"
            } else {
                "<time datetime>"
            };
            published.push(Candidate {
                rank: r,
                date: d,
                from: DateSource::Time,
                evidence: format!("{key} {}", raw.trim()),
            });
        }
    }
    for (key, value, is_modified) in script {
        if *is_modified {
            add(&mut modified, 4, value, DateSource::Script, key);
        } else {
            add(&mut published, rank::SCRIPT, value, DateSource::Script, key);
        }
    }
    if let Some(d) = url.and_then(url_date).filter(&plausible) {
        published.push(Candidate {
            rank: rank::URL,
            date: d,
            from: DateSource::Url,
            evidence: format!("url {}", url.unwrap_or_default()),
        });
    }
    confirm_shown(&mut published);
    let seen: Vec<Seen> = published
        .iter()
        .map(|c| (false, c))
        .chain(modified.iter().map(|c| (true, c)))
        .map(|(is_modified, c)| Seen {
            modified: is_modified,
            rank: c.rank,
            stamp: stamp(c),
        })
        .collect();
    let m = best(&mut modified);
    // A page that states only when it was last changed is dated by that change.
    let p = best(&mut published).or_else(|| {
        m.clone().map(|m| Stamp {
            evidence: format!("{} (the page gives no publication date)", m.evidence),
            ..m
        })
    });
    let m = m.filter(|m| p.as_ref().is_none_or(|p| m.day >= p.day));
    let warning = if p.is_none() {
        unread.into_inner()
    } else {
        None
    };
    Dates {
        published: p,
        modified: m,
        warning,
        seen,
    }
}

/// A date the page shows that its markup states too (a date line that is a `<time>`, or
/// whose day an `itemprop=datePublished` beside it gives) is the article's date line, not a
/// stray date: it outranks the metadata tags, which a CMS may have filled when the record was
/// made rather than when the article appeared (a migrated archive, a draft begun weeks
/// before). The markup must read unambiguously (`2017-03-01`, not `03/01/2017`); it then
/// also settles how an ambiguous shown date reads. Only one such day, or the shown dates are a
/// list (related posts, comments); and not when it is within a day of the most trusted date,
/// which then differs by its time zone only.
fn confirm_shown(list: &mut [Candidate]) {
    let marked = |c: &Candidate| {
        matches!(c.from, DateSource::Time | DateSource::Microdata)
            && matches!(c.rank, rank::TIME_PUBDATE | rank::TIME | rank::MICRODATA)
            && !c.date.ambiguous
    };
    let confirmed: Vec<usize> = (0..list.len())
        .filter(|&i| {
            let c = &list[i];
            c.from == DateSource::Text
                && matches!(
                    c.rank,
                    rank::SHOWN_BYLINE_DATE
                        | rank::SHOWN_DATE_LINE
                        | rank::SHOWN_DATE_LINE_UNNAMED
                        | rank::SHOWN_ELSEWHERE
                )
                && list.iter().any(|w| marked(w) && w.date.day == c.date.day)
        })
        .collect();
    let Some(&first) = confirmed.first() else {
        return;
    };
    let day = list[first].date.day;
    if confirmed.iter().any(|&i| list[i].date.day != day) {
        return;
    }
    let Some(top) = list.iter().min_by_key(|c| c.rank) else {
        return;
    };
    if (top.date.day - day).num_days().abs() <= 1 || top.rank < rank::CONFIRMED_SHOWN {
        return;
    }
    for i in confirmed {
        list[i].rank = rank::CONFIRMED_SHOWN;
    }
}

fn stamp(c: &Candidate) -> Stamp {
    Stamp {
        day: c.date.day,
        datetime: c.date.iso(),
        from: c.from,
        evidence: c.evidence.clone(),
    }
}

/// The most trusted candidate; an ambiguous numeric date (`02/12/2025`) gives way to another
/// candidate that reads it the other way round, as the page then says which it meant.
fn best(list: &mut [Candidate]) -> Option<Stamp> {
    list.sort_by_key(|c| c.rank);
    let first = list.first()?;
    if first.date.ambiguous {
        let swapped = swap_day_month(first.date.day);
        if let Some(c) = list
            .iter()
            .skip(1)
            .find(|c| Some(c.date.day) == swapped && !c.date.ambiguous)
        {
            return Some(stamp(c));
        }
    }
    Some(stamp(first))
}

fn swap_day_month(d: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.year(), d.day(), d.month())
}

/// What [`find`] found.
pub(crate) struct Dates {
    pub published: Option<Stamp>,
    pub modified: Option<Stamp>,
    /// Why no publication date was read although the page states one.
    pub warning: Option<String>,
    pub seen: Vec<Seen>,
}

/// A date the page states, whether chosen or not: for a user checking the choice.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Seen {
    /// A modification date (else a publication date).
    pub modified: bool,
    /// Trust: lower is more trusted.
    pub rank: u8,
    pub stamp: Stamp,
}

/// Keys under which script frameworks (Next.js, Gatsby, Nuxt, headless CMSs) put an
/// article's dates in the JSON they embed for the page's scripts; the first of each key on the
/// page is the article's own as a rule (lists of other articles come later).
const SCRIPT_PUBLISHED: &[&str] = &[
    "datePublished",
    "publishedAt",
    "published_at",
    "publishDate",
    "publish_date",
    "firstPublishedAt",
    "first_published_at",
    "publicationDate",
    "publishedDate",
    "published_date",
    "date_published",
    "publishedOn",
    "postedAt",
    "pubDate",
];
const SCRIPT_MODIFIED: &[&str] = &[
    "dateModified",
    "updatedAt",
    "updated_at",
    "modifiedAt",
    "lastModified",
];

/// Dates in the JSON a page embeds for its scripts: `(key, value, is_modified)`, the first of
/// each key. Found in the raw page (before scripts are cut), quoted or escaped
/// (`\"publishedAt\":\"2024-03-04\"` inside a JSON string).
///
/// The keys are searched with the quote (`"`, or the `;` of `&quot;`) that must open them:
/// no key then overlaps another (`"published_at` is not in `"first_published_at`), so the
/// first match is the only one, and the search can skip ahead with SIMD over the many
/// bytes of a page that start no key (a plain search for the bare keys read every byte).
pub(crate) fn script_dates(html: &str) -> Vec<(&'static str, String, bool)> {
    static KEYS: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        let quoted = SCRIPT_PUBLISHED
            .iter()
            .chain(SCRIPT_MODIFIED)
            .flat_map(|k| [format!("\"{k}"), format!(";{k}")]);
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(quoted)
            .expect("valid patterns")
    });
    let bytes = html.as_bytes();
    let mut seen = vec![false; SCRIPT_PUBLISHED.len() + SCRIPT_MODIFIED.len()];
    let mut out = Vec::new();
    for m in KEYS.find_iter(html) {
        // Two patterns per key: `"key` and `;key`.
        let k = m.pattern().as_usize() / 2;
        if seen[k] {
            continue;
        }
        // The key must be a whole JSON key: a quote on both sides, maybe escaped in a
        // string (`\"`) or in an attribute (`&quot;`).
        let head = &bytes[..m.start() + 1];
        let rest = &bytes[m.end()..];
        let quoted_before = head.ends_with(b"\"") || head.ends_with(b"&quot;");
        let quoted_after =
            rest.starts_with(b"\"") || rest.starts_with(b"\\\"") || rest.starts_with(b"&quot;");
        if !quoted_before || !quoted_after {
            continue;
        }
        let mut i = 0;
        while i < rest.len() && i < 16 {
            if rest[i..].starts_with(b"&quot;") {
                i += 6;
            } else if matches!(rest[i], b'"' | b'\\' | b':' | b' ') {
                i += 1;
            } else {
                break;
            }
        }
        let value: String = rest[i..]
            .iter()
            .take(40)
            .take_while(|&&c| c != b'"' && c != b'\\' && c != b'&')
            .map(|&c| c as char)
            .collect();
        if value.len() >= 8 && value.as_bytes()[0].is_ascii_digit() {
            seen[k] = true;
            let modified = k >= SCRIPT_PUBLISHED.len();
            let key = if modified {
                SCRIPT_MODIFIED[k - SCRIPT_PUBLISHED.len()]
            } else {
                SCRIPT_PUBLISHED[k]
            };
            out.push((key, value, modified));
        }
    }
    out
}

/// Whether the page writes numeric dates month first (the United States) or day first.
fn order_of(scan: &Scan) -> Order {
    let lang = scan
        .html_lang
        .as_deref()
        .or_else(|| scan.meta("og:locale"))
        .unwrap_or("en")
        .to_ascii_lowercase()
        .replace('_', "-");
    if lang == "en" || lang.starts_with("en-us") {
        Order::MonthFirst
    } else {
        Order::DayFirst
    }
}

/// The text blocks where a page shows its dates: from the page's start to the first blocks of
/// the article (date lines sit under the headline, before or at the top of the body), leaving
/// out boilerplate.
fn top_region<'s>(scan: &'s Scan, body: &Body) -> Vec<(u32, &'s str)> {
    let mut out = Vec::new();
    let start = if body.headline != NONE {
        scan.els[body.headline as usize].blocks.0 as usize
    } else if body.container != NONE {
        scan.els[body.container as usize].blocks.0 as usize
    } else {
        0
    };
    let start = start.saturating_sub(12);
    for b in scan.blocks.iter().skip(start).take(40) {
        let text = scan.block_text(b);
        if text.len() > 300 {
            continue;
        }
        out.push((b.owner, text));
    }
    out
}

/// Whether element `el` stands among the region's blocks (in text order).
fn in_region(scan: &Scan, region: &[(u32, &str)], el: u32) -> bool {
    let (Some(first), Some(last)) = (region.first(), region.last()) else {
        return false;
    };
    let start = scan.els[first.0 as usize].text.0;
    let end = scan.els[last.0 as usize].text.1;
    let at = scan.els[el as usize].text.0;
    (start..=end).contains(&at)
}

/// Whether `el` or an ancestor within three levels carries `flag`.
fn near_flag(scan: &Scan, el: u32, flag: Flags) -> bool {
    let mut e = el;
    for _ in 0..4 {
        if e == NONE {
            return false;
        }
        let x = &scan.els[e as usize];
        if x.flags.contains(flag) {
            return true;
        }
        e = x.parent;
    }
    false
}

/// The start of a line up to the word "by" that opens its byline, if it has one.
fn before_byline(line: &str) -> Option<&str> {
    let at = line.find(" by ").or_else(|| line.find(" By "))?;
    Some(&line[..at])
}

/// Where the first of `labels` stands in `lower` as a word of its own, if anywhere.
fn label_at(lower: &str, labels: &[&str]) -> Option<usize> {
    labels
        .iter()
        .filter_map(|l| {
            lower.match_indices(l).map(|(at, _)| at).find(|&at| {
                at == 0
                    || !lower[..at]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphabetic)
            })
        })
        .min()
}

/// The date right after one of the labels in `lower` ("posted on march 3, 2024 by …"); the
/// labels are some of [`PUBLISHED_LABELS`] and [`MODIFIED_LABELS`].
fn labelled(lower: &str, labels: &[&str], order: Order) -> Option<ParsedDate> {
    // Most lines hold no label at all: one pass over the line says so, instead of a
    // substring search per label.
    static ANY: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(PUBLISHED_LABELS.iter().chain(MODIFIED_LABELS))
            .expect("valid patterns")
    });
    debug_assert!(labels
        .iter()
        .all(|l| PUBLISHED_LABELS.contains(l) || MODIFIED_LABELS.contains(l)));
    if !ANY.is_match(lower) {
        return None;
    }
    for l in labels {
        let mut from = 0;
        while let Some(pos) = lower[from..].find(l) {
            let at = from + pos;
            // A label is a word: "unpublished" and "republished" are not "published".
            let before_ok = at == 0
                || !lower[..at]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic);
            let after = at + l.len();
            if before_ok {
                let end = next_boundary(lower, after, after + 60);
                if let Some(d) = parse_date(&lower[after..end], order) {
                    return Some(d);
                }
            }
            from = after;
        }
    }
    None
}

/// Where the window after a label at `from` ends: `len` bytes on, or before a second label,
/// so that "Published X | Updated Y" does not read Y as X.
fn next_boundary(s: &str, from: usize, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    match s[from..i].find(" updated") {
        Some(p) => from + p,
        None => i,
    }
}

fn short(s: &str) -> String {
    let one = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 80 {
        one.chars().take(80).collect::<String>() + "…"
    } else {
        one
    }
}

/// A full date in an address: `/2024/03/04/`, `/2024-03-04-`, `/20240304/`,
/// `/2023/october/03/`.
fn url_date(url: &str) -> Option<ParsedDate> {
    let path = url.split(['?', '#']).next()?;
    let path = path.split_once("://").map_or(path, |(_, p)| p);
    let path = path.split_once('/').map_or("", |(_, p)| p);
    let parts: Vec<&str> = path.split(['/', '-', '_', '.']).collect();
    let date = |day: NaiveDate| ParsedDate {
        day,
        time: None,
        offset: None,
        ambiguous: false,
    };
    for w in parts.windows(3) {
        let (Ok(y), Ok(d)) = (w[0].parse::<i32>(), w[2].parse::<u32>()) else {
            continue;
        };
        if w[0].len() != 4 || w[2].is_empty() || w[2].len() > 2 || !(1990..=2100).contains(&y) {
            continue;
        }
        let m = if w[1].len() <= 2 {
            w[1].parse::<u32>().ok()
        } else {
            month(&w[1].to_lowercase())
        };
        if let Some(day) = m.and_then(|m| NaiveDate::from_ymd_opt(y, m, d)) {
            return Some(date(day));
        }
    }
    for p in &parts {
        if p.len() == 8 && p.bytes().all(|b| b.is_ascii_digit()) {
            if let Some(d) = iso(p) {
                if (1990..=2100).contains(&d.day.year()) {
                    return Some(d);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str, order: Order) -> Option<String> {
        parse_date(s, order).map(|d| d.iso())
    }

    #[test]
    fn shapes() {
        let m = Order::MonthFirst;
        assert_eq!(
            day("2024-03-03T23:30:00-05:00", m).as_deref(),
            Some("2024-03-03T23:30:00-05:00")
        );
        assert_eq!(
            day("2024-03-03 23:30", m).as_deref(),
            Some("2024-03-03T23:30:00")
        );
        assert_eq!(
            day("Fri 6:45 PM, Feb 16, 2018", m).as_deref(),
            Some("2018-02-16T18:45:00")
        );
        assert_eq!(
            day("November 20, 2019 12:32", m).as_deref(),
            Some("2019-11-20T12:32:00")
        );
        assert_eq!(
            day("13/11/2025 09:21:40", m).as_deref(),
            Some("2025-11-13T09:21:40")
        );
        assert_eq!(day("02-12-2025", m).as_deref(), Some("2025-02-12"));
        assert_eq!(
            day("02-12-2025", Order::DayFirst).as_deref(),
            Some("2025-12-02")
        );
        assert_eq!(day("Dec 19th 2025", m).as_deref(), Some("2025-12-19"));
        assert_eq!(day("19 December 2025", m).as_deref(), Some("2025-12-19"));
        assert_eq!(
            day("Mon, 04 Mar 2024 09:15:00 +0100", m).as_deref(),
            Some("2024-03-04T09:15:00+01:00")
        );
        assert_eq!(day("13.11.2025", m).as_deref(), Some("2025-11-13"));
        assert_eq!(day("20240304", m).as_deref(), Some("2024-03-04"));
        assert_eq!(
            day("Published: 4 mars 2024", m).as_deref(),
            Some("2024-03-04")
        );
        assert_eq!(day("12 Ekim 2023", m).as_deref(), Some("2023-10-12"));
        assert_eq!(
            day("Posted on March 3rd, 2024 at 9:05 am", m).as_deref(),
            Some("2024-03-03T09:05:00")
        );
        assert_eq!(day("You may 2 go", m), None);
        assert_eq!(day("no date here", m), None);
        assert_eq!(day("2024-13-45", m), None);
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            url_date("https://x.example/2024/03/04/tolls-rise/")
                .map(|d| d.iso())
                .as_deref(),
            Some("2024-03-04")
        );
        assert_eq!(
            url_date("https://x.example/news/2024-03-04-tolls")
                .map(|d| d.iso())
                .as_deref(),
            Some("2024-03-04")
        );
        assert_eq!(
            url_date("https://x.example/a/20240304/b")
                .map(|d| d.iso())
                .as_deref(),
            Some("2024-03-04")
        );
        assert_eq!(
            url_date("https://x.example/blog/2023/october/03/a")
                .map(|d| d.iso())
                .as_deref(),
            Some("2023-10-03")
        );
        assert_eq!(url_date("https://2024.example/2024/03/"), None);
        assert_eq!(url_date("https://x.example/item/12345678"), None);
    }

    #[test]
    fn label_positions() {
        let s = "by ana brel · march 3, 2024 · updated march 5, 2024";
        assert_eq!(label_at(s, MODIFIED_LABELS), s.find("updated"));
        assert_eq!(label_at("outdated march 5, 2024", MODIFIED_LABELS), None);
        assert_eq!(label_at("last updated: march 5", MODIFIED_LABELS), Some(0));
    }

    #[test]
    fn labels() {
        let m = Order::MonthFirst;
        let got = labelled(
            "by ana brel · published march 3, 2024 · updated march 5, 2024",
            PUBLISHED_LABELS,
            m,
        );
        assert_eq!(got.map(|d| d.iso()).as_deref(), Some("2024-03-03"));
        let got = labelled(
            "by ana brel · published march 3, 2024 · updated march 5, 2024",
            MODIFIED_LABELS,
            m,
        );
        assert_eq!(got.map(|d| d.iso()).as_deref(), Some("2024-03-05"));
        assert_eq!(
            labelled("unpublished march 3, 2024", PUBLISHED_LABELS, m),
            None
        );
    }

    #[test]
    fn script_keys() {
        let got = |html: &str| -> Vec<(&str, String)> {
            script_dates(html)
                .into_iter()
                .map(|(k, v, _)| (k, v))
                .collect()
        };
        let s = |k: &'static str, v: &str| (k, v.to_string());
        // A key inside another is its own key only where a quote opens it.
        assert_eq!(
            got(r#"{"first_published_at":"2024-01-01T00:00","published_at":"2023-02-02"}"#),
            [
                s("first_published_at", "2024-01-01T00:00"),
                s("published_at", "2023-02-02")
            ]
        );
        // Escaped in a string, in an attribute; unquoted or in a word, no key.
        assert_eq!(
            got(
                r#"x = "{\"publishedAt\":\"2024-03-04\"}" data-x="{&quot;updatedAt&quot;:&quot;2024-03-05&quot;}""#
            ),
            [s("publishedAt", "2024-03-04"), s("updatedAt", "2024-03-05")]
        );
        assert_eq!(
            got(r#"{datePublished: "2024-01-01", "xpubDate":"2024-01-01"}"#),
            []
        );
        // The first of each key with a date; a later one of the same key is not read.
        assert_eq!(
            got(r#""pubDate":"soon","pubDate":"2024-06-07","pubDate":"2025-01-01""#),
            [s("pubDate", "2024-06-07")]
        );
    }
}
