//! Temporal expressions as TIMEX3, and publication days inferred from the text.
//!
//! A pure, deterministic layer with no I/O: a hand-written tokenizer, a longest-match
//! recognizer over word tables, and a normaliser that anchors relative expressions on a
//! reference day (the publication day).
//!
//! ```
//! use chrono::NaiveDate;
//! use onrecord_time::find;
//!
//! let text = "The minister said Saturday that talks would resume next week.";
//! let reference = NaiveDate::from_ymd_opt(2022, 3, 5);
//! let values: Vec<String> = find(text, reference).into_iter().map(|t| t.value).collect();
//! assert_eq!(values, ["2022-03-05", "2022-W10"]);
//! ```
//!
//! What it recognises (see the tests beside each module for examples):
//! - dates: "March 5, 2022", "5 March 2022", "Saturday, March 5", "March 2022", "1990",
//!   "fiscal 1989", "2022-03-05", "3/5/2022"; month-days and months without a year ("Feb.
//!   24", "last February"); weekdays ("Friday", "last Friday", "this coming Sunday");
//!   today/yesterday/tomorrow; last/this/next + unit ("last week", "this year"); "a year
//!   ago", "two weeks ago", "a year earlier", "the following year"; quarters ("the third
//!   quarter", "third-quarter", "the year-earlier quarter"), halves, seasons, decades ("the
//!   1990s"), centuries; holidays (Christmas, Thanksgiving, Easter);
//! - times: "10 p.m. Wednesday", "5 p.m. EST, Nov. 6", "noon Thursday", "Friday night",
//!   "this morning", "tonight", "last night";
//! - durations: "six months", "2 1/2 years", "a minute and a half", "two-year", "the first
//!   nine months", "the past three months", "several weeks", "more than yearlong";
//! - sets: "every Sunday", "each July", "daily", "twice a week", "$5 a year";
//! - PRESENT_REF ("now", "currently"), PAST_REF ("recently", "the past"), FUTURE_REF ("the
//!   future", "soon");
//! - `mod`: START ("early", "the beginning of", "earlier this"), END ("late", "the end of"),
//!   MID, APPROX ("about", "around", "nearly"), LESS_THAN ("almost"), MORE_THAN ("more than",
//!   "over"), EQUAL_OR_MORE ("at least"), EQUAL_OR_LESS ("up to", "no more than").
//!
//! Ranges: "March 11-13" gives one date, the first day (the second number is left alone):
//! statement days want the start, and TimeML's TempEval data annotate the first date only.
//!
//! Bad input never panics and never gives a confident wrong day: impossible dates
//! ("February 30, 2022") come out as `2022-02-XX`; years outside 1000–2199 are not years;
//! two-digit years only in the "'89" form; arithmetic that leaves years 0–9999 gives no
//! value but X.

mod lex;
mod lexicon;
pub mod named;
mod normalize;
mod parse;
pub mod published;
mod tense;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;
pub use onrecord_core::InferredDay;
use onrecord_core::{Span, Timex, TimexType};

/// One text tokenised and scanned for temporal expressions, ready to be normalised against
/// any reference day (scanning is the expensive part; normalising is cheap).
pub struct Scan<'a> {
    toks: lex::Toks<'a>,
    exprs: Vec<parse::Expr>,
}

impl<'a> Scan<'a> {
    pub fn new(text: &'a str) -> Scan<'a> {
        let toks = lex::Toks::new(text);
        let exprs = parse::parse(&toks);
        Scan { toks, exprs }
    }

    /// Every expression, normalised against `reference` (relative ones stay `X…` without
    /// one). Spans are byte offsets into the text.
    pub fn timexes(&self, reference: Option<NaiveDate>) -> Vec<Timex> {
        let mut ctx = normalize::Ctx::default();
        self.exprs
            .iter()
            .map(|x| {
                let sent = self.toks.toks[x.s].sent;
                let r = normalize::resolve(x, sent, reference, &mut ctx);
                Timex {
                    span: Span::new(self.toks.toks[x.s].start, self.toks.toks[x.e - 1].end),
                    kind: r.kind,
                    value: r.value,
                    modifier: x.modifier.map(str::to_string),
                }
            })
            .collect()
    }

    /// The publication day the text supports, if any (see [`infer_published`]).
    pub fn infer_published(&self) -> Option<InferredDay> {
        published::infer(&self.toks, &self.exprs, None)
    }

    /// The publication day the text and the article's names support: `names` are its URL,
    /// identifier or file name, in order of trust; the first that writes a date takes part
    /// (see [`named`]).
    pub fn infer_published_named(&self, names: &[&str]) -> Option<InferredDay> {
        let named = names.iter().find_map(|n| named::date_in_name(n));
        published::infer(&self.toks, &self.exprs, named.as_ref())
    }
}

/// Find and normalise every temporal expression of `text` against `reference` (the
/// publication day). Spans are byte offsets.
pub fn find(text: &str, reference: Option<NaiveDate>) -> Vec<Timex> {
    Scan::new(text).timexes(reference)
}

/// The publication day of an article that gives none, from its datelines, dated captions,
/// explicit dates and weekday mentions; None when the text writes no year (a weekday alone
/// never makes a day).
pub fn infer_published(text: &str) -> Option<InferredDay> {
    Scan::new(text).infer_published()
}

/// The calendar day a DATE or TIME value names ("2022-03-05", "2022-03-05TNI",
/// "2022-03-05T22:00"), if it names one.
pub fn day_of(timex: &Timex) -> Option<NaiveDate> {
    if !matches!(timex.kind, TimexType::Date | TimexType::Time) {
        return None;
    }
    let v = timex.value.as_bytes();
    if v.len() < 10 || (v.len() > 10 && v[10] != b'T') {
        return None;
    }
    timex.value[..10].parse().ok()
}
