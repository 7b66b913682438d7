//! What looks like a number but is no figure: years, days of the month, times of day, dates
//! the time layer found, parts of names ("Sept. 11", "Air Force One"), "one" as an article,
//! known sets ("the two candidates"), and durations that only place or frame an event
//! ("two years later", "over the last 11 months").

use onrecord_core::{Timex, TimexType};

use super::read::{time_unit, Read};
use crate::lexicon::MONTHS;
use crate::text::{Doc, TokKind};

/// Why a number read at a token is not a figure, or `None` when it is one.
pub(crate) fn rejects(
    doc: &Doc,
    floor: usize,
    r: &Read,
    end: usize,
    timexes: &[Timex],
) -> Option<&'static str> {
    let n = r.num;
    let num = &doc.tokens[n];
    let lower = |i: usize| doc.lower(i).into_owned();
    let bare = !r.measured && r.high.is_none() && r.tally.is_none();
    // a date or time the time layer read ("Feb. 24", "2022", "three years ago"): a duration
    // may still be a figure
    if let Some(t) = timexes.iter().find(|t| t.span.overlaps(&num.span)) {
        if t.kind != TimexType::Duration {
            return Some("date");
        }
    }
    if num.kind == TokKind::Number {
        let s = doc.tok(n);
        // an identifier, a phone or account number: ten digits or more without separators
        if s.len() >= 10 && s.bytes().all(|b| b.is_ascii_digit()) {
            return Some("identifier");
        }
        // a year: four digits without separators, neither money nor a percentage
        if s.len() == 4
            && !s.contains([',', '.', '-'])
            && (1000..=2100).contains(&s.parse::<u32>().unwrap_or(0))
            && !r.measured
        {
            return Some("year");
        }
        // times of day and clock readings: "6:45", "3 p.m."
        if (n + 2 < end && doc.tok(n + 1) == ":" && doc.tokens[n + 2].kind == TokKind::Number)
            || (n >= floor + 2
                && doc.tok(n - 1) == ":"
                && doc.tokens[n - 2].kind == TokKind::Number)
        {
            return Some("time of day");
        }
        if n + 1 < end
            && matches!(
                lower(n + 1).as_str(),
                "a.m" | "p.m" | "a.m." | "p.m." | "am" | "pm" | "gmt" | "utc" | "et" | "bst"
            )
        {
            return Some("time of day");
        }
        // "9/11", "24/7", "3/4": dates and ratios
        if (n + 1 < end
            && doc.tok(n + 1) == "/"
            && doc.tokens[n].span.end == doc.tokens[n + 1].span.start)
            || (n > floor && doc.tok(n - 1) == "/" && doc.tokens[n - 1].span.end == num.span.start)
        {
            return Some("slash");
        }
    }
    if r.end < end && matches!(lower(r.end).as_str(), "o'clock" | "o\u{2019}clock") {
        return Some("time of day");
    }
    // a tally written as an indefinite kind: "A 4-4 ruling would …" is no count
    if r.tally.is_some() && n > floor && matches!(lower(n - 1).as_str(), "a" | "an") {
        return Some("hypothetical tally");
    }
    // a day of the month: "March 11", "11 March", "Feb. 24"
    let month = |i: usize| MONTHS.contains(&lower(i).trim_end_matches('.'));
    let mut p = n;
    if p > floor && doc.tok(p - 1) == "." {
        p -= 1;
    }
    // ("Sept, 26, 2014": a stray comma after the month)
    let comma_month = p > floor + 1 && doc.tok(p - 1) == "," && month(p - 2);
    if !r.measured && ((p > floor && month(p - 1)) || comma_month || (r.end < end && month(r.end)))
    {
        return Some("day of the month");
    }
    if bare {
        // a part of a name or a label: "Sept. 11", "Fox 5", "Title 9", "No. 1", "The 411"
        if n > floor {
            let prev = &doc.tokens[n - 1];
            let pw = lower(n - 1);
            let sentence_start = n - 1 == floor;
            // a capitalised word inside a sentence ("Apollo 11", "The 411") is a name's
            if prev.is_capitalized(doc.text) && !sentence_start && !is_bound(&pw) {
                return Some("name");
            }
            let label = if pw == "." && n > floor + 1 {
                lower(n - 2)
            } else {
                pw.clone()
            };
            if matches!(
                label.as_str(),
                "no" | "number"
                    | "nos"
                    | "#"
                    | "page"
                    | "chapter"
                    | "section"
                    | "part"
                    | "channel"
                    | "episode"
                    | "season"
                    | "route"
                    | "highway"
                    | "interstate"
                    | "room"
                    | "suite"
                    | "flight"
                    | "platform"
                    | "gate"
                    | "exit"
                    | "pier"
                    | "district"
                    | "ward"
                    | "precinct"
                    | "amendment"
                    | "title"
                    | "article"
                    | "item"
                    | "step"
                    | "round"
                    | "volume"
                    | "vol"
                    | "level"
                    | "phase"
            ) {
                return Some("label");
            }
            // "(41 Shots)": a number before a capitalised word, after an opening bracket
            if pw == "(" && r.end < end && doc.tokens[r.end].is_capitalized(doc.text) {
                return Some("name");
            }
        }
        // a list's number: "1. FIREWORKS FLY …", "— 1. Welfare reform 2. Two justices"
        if r.end < end
            && doc.tok(r.end) == "."
            && doc.tokens[r.end - 1].span.end == doc.tokens[r.end].span.start
            && (n == floor
                || matches!(doc.tok(n - 1), ":" | "\u{2014}" | "\u{2013}" | "-" | "(")
                || doc.tokens[n - 1].para != num.para)
        {
            return Some("list number");
        }
        if num.kind == TokKind::Number
            && n > floor
            && doc.tok(n - 1) == "."
            && r.end < end
            && doc.tok(r.end) == "."
            && doc.tokens[r.end].span.start == num.span.end
        {
            return Some("list number");
        }
        if num.kind == TokKind::Word {
            let w = lower(n);
            // a number word capitalised inside a sentence is a name's: "the Gang of Eight"
            if n > floor && num.is_capitalized(doc.text) && !title_case(doc, floor, end) {
                return Some("name");
            }
            // "one" as an article ("one female contestant"), "one of them"
            if w == "one" && r.start == n && r.bound == onrecord_core::Bound::Exact {
                return Some("article");
            }
        }
        // a known set: "the two candidates", "both", "all seven continents", "Of the 10
        // judges" (a count the reader already has, not a claim)
        if r.low <= 12.0 && r.start == n && n > floor {
            let pw = lower(n - 1);
            if matches!(
                pw.as_str(),
                "the"
                    | "these"
                    | "those"
                    | "all"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "our"
                    | "my"
                    | "your"
                    | "whose"
                    | "both"
            ) || crate::text::is_possessive(doc.tok(n - 1))
            {
                return Some("known set");
            }
        }
        // a number before a capitalised name that ends there: "2 Timothy 3", "the Fight
        // for 15 Movement." ("11 Neresian fishermen" goes on to its noun)
        if r.end < end && doc.tokens[r.end].is_capitalized(doc.text) && !title_case(doc, floor, end)
        {
            let after = r.end + 1;
            let name_ends = after >= end
                || doc.tokens[after].kind != TokKind::Word
                || doc.tokens[after].is_capitalized(doc.text);
            if name_ends {
                return Some("name");
            }
        }
        // the article's own list: "three things are happening at once", "two reasons"
        if r.end < end
            && matches!(
                lower(r.end).as_str(),
                "things" | "reasons" | "ways" | "takeaways" | "lessons"
            )
        {
            return Some("list count");
        }
        // a run of numbers is a code or score, not a count
        if r.end < end && doc.tokens[r.end].kind == TokKind::Number {
            return Some("run of numbers");
        }
        // a ratio or score: "split 4 to 1" (a range rises; this falls)
        if r.end + 1 < end
            && doc.lower(r.end) == "to"
            && doc.tokens[r.end + 1].kind == TokKind::Number
            && doc.tok(r.end + 1).parse::<f64>().is_ok_and(|m| m < r.low)
        {
            return Some("ratio");
        }
        if n > floor + 1
            && doc.lower(n - 1) == "to"
            && doc.tokens[n - 2].kind == TokKind::Number
            && doc.tok(n - 2).parse::<f64>().is_ok_and(|m| m > r.low)
        {
            return Some("ratio");
        }
    }
    // an anaphoric pick-up: "that $115", "those billion people", "this 1 percent"
    if r.start > floor
        && (r.start == n || doc.tokens[r.start].kind == TokKind::Punct)
        && r.bound == onrecord_core::Bound::Exact
        && matches!(
            lower(r.start - 1).as_str(),
            "that" | "those" | "these" | "this"
        )
        && !matches!(
            lower(r.start.saturating_sub(2)).as_str(),
            "said" | "says" | "found" | "shows" | "show" | "estimated" | "estimates"
        )
    {
        return Some("anaphora");
    }
    // an alternative set aside: "by 10 judges rather than 11", "instead of 12"
    if r.start >= floor + 2
        && matches!(
            (lower(r.start - 2).as_str(), lower(r.start - 1).as_str()),
            ("rather", "than") | ("instead", "of")
        )
    {
        return Some("alternative");
    }
    // a supposition: "if a 35 percent tariff were imposed", "let's say it costs $160,000"
    if in_supposition(doc, floor, r.start, end) {
        return Some("supposition");
    }
    // "one day" is someday, not a duration
    if r.start == n && lower(n) == "one" && r.end == n + 2 && lower(n + 1) == "day" {
        return Some("someday");
    }
    // durations that place an event in time ("two years later", "a day before Kaine
    // speaks") or frame a period ("over the last 11 months", "every three months")
    if r.unit.as_deref().is_some_and(|u| time_unit(u).is_some()) {
        if let Some(why) = offset_or_frame(doc, floor, r, end) {
            return Some(why);
        }
    }
    None
}

/// The figure stands in a counterfactual clause: opened by "if" or "unless" with a
/// subjunctive or modal in it ("if a 35 percent tariff were imposed"), or by "suppose" or
/// "let's say". A plain condition ("If you're 80 years old, …") states a figure.
fn in_supposition(doc: &Doc, floor: usize, start: usize, end: usize) -> bool {
    let counterfactual = || {
        (start..end)
            .take_while(|&j| !matches!(doc.tok(j), "," | ";" | ":" | "."))
            .any(|j| matches!(doc.lower(j).as_ref(), "were" | "would" | "could" | "might"))
    };
    let mut i = start;
    while i > floor {
        i -= 1;
        let t = doc.tok(i);
        if matches!(t, "," | ";" | ":" | "." | "\u{2014}") || doc.tokens[i].kind == TokKind::Quote {
            return false;
        }
        let w = doc.lower(i);
        if matches!(w.as_ref(), "suppose" | "supposing")
            || (w == "say"
                && i > floor
                && matches!(doc.lower(i - 1).as_ref(), "let's" | "let\u{2019}s"))
        {
            return true;
        }
        if matches!(w.as_ref(), "if" | "unless") {
            return counterfactual();
        }
        // a question of what is not so: "Why aren't I 50 points ahead?"
        if w == "why" && i + 1 < start && negated(&doc.lower(i + 1)) {
            return true;
        }
    }
    false
}

/// A negated auxiliary: "aren't", "isn’t", "don't".
fn negated(w: &str) -> bool {
    w.ends_with("n't") || w.ends_with("n\u{2019}t")
}

/// A headline in title case ("31 Latinos Share Their Stories"): capitals say nothing there.
fn title_case(doc: &Doc, floor: usize, end: usize) -> bool {
    let words = (floor..end).filter(|&i| doc.tokens[i].kind == TokKind::Word);
    let (n, caps) = words.fold((0, 0), |(n, c), i| {
        (
            n + 1,
            c + usize::from(doc.tokens[i].is_capitalized(doc.text)),
        )
    });
    n >= 3 && caps * 10 >= n * 7
}

fn is_bound(w: &str) -> bool {
    matches!(
        w,
        "about"
            | "nearly"
            | "almost"
            | "some"
            | "over"
            | "under"
            | "only"
            | "just"
            | "around"
            | "roughly"
            | "approximately"
            | "than"
            | "least"
    )
}

/// A duration that is a time offset or a framing period, not a measured quantity.
fn offset_or_frame(doc: &Doc, floor: usize, r: &Read, end: usize) -> Option<&'static str> {
    let after = |k: usize| super::word_at(doc, r.end + k, end);
    match after(0).as_str() {
        "ago" | "later" | "earlier" | "hence" | "from"
            if after(0) != "from" || after(1) == "now" =>
        {
            return Some("time offset")
        }
        "until" | "till" | "before" | "after" | "since" => {
            // "30 years after the end of the war" measures the time between two events; "a
            // day before Roe speaks" (a clause follows) places one
            let next = after(1);
            let phrase = matches!(
                next.as_str(),
                "the" | "a" | "an" | "his" | "her" | "their" | "its"
            ) || next.ends_with("'s");
            if !phrase || after(0) == "until" || after(0) == "since" {
                return Some("time offset");
            }
        }
        _ => {}
    }
    // "cost $2.1 trillion over 10 years": a period after an amount is the amount's frame;
    // so is one that opens the sentence ("Over 10 years, the levy raised …")
    if doc.lower(r.start) == "over" && (r.start == floor || ends_figure(doc, floor, r.start - 1)) {
        return Some("framing period");
    }
    // a frame: "in the next eight weeks", "over 10 years", "within the last 50 years",
    // "during his seven years", "every three months"
    let mut i = r.start;
    let mut steps = 0;
    while i > floor && steps < 4 {
        i -= 1;
        steps += 1;
        let w = doc.lower(i);
        match w.as_ref() {
            "the" | "next" | "last" | "past" | "coming" | "first" | "final" | "his" | "her"
            | "their" | "its" | "our" | "previous" | "following" => continue,
            "in" | "over" | "within" | "during" | "throughout" | "every" | "across" | "each" => {
                return Some("framing period")
            }
            _ => break,
        }
    }
    None
}

/// Token `k` ends a figure: a number or its scale or measure word ("$2.1 trillion", "3
/// percent", "40 dollars").
fn ends_figure(doc: &Doc, floor: usize, k: usize) -> bool {
    (k.saturating_sub(4).max(floor)..=k).any(|j| {
        super::read::read_at(doc, floor, j, k + 1).is_some_and(|r| r.end == k + 1 && r.num <= k)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::read::read_at;

    fn why(text: &str, word: &str) -> Option<&'static str> {
        let doc = Doc::new(text);
        let i = (0..doc.tokens.len()).find(|&i| doc.tok(i) == word).unwrap();
        let end = doc.tokens.len();
        let t = crate::time::Timeline::new(text, "2031-05-04".parse().ok(), &[]);
        let r = read_at(&doc, 0, i, end).unwrap();
        rejects(&doc, 0, &r, end, &t.timexes)
    }

    #[test]
    fn dates_years_and_times_are_no_figures() {
        assert_eq!(
            why("The talks began on March 11 in Velora.", "11"),
            Some("date")
        );
        assert!(why("The pact of 1936 still holds.", "1936").is_some());
        assert!(why("They met at 6:45 in the evening.", "6").is_some());
        assert!(why("The vote is at 3 p.m. on the island.", "3").is_some());
        assert_eq!(why("At least 2,899 civilians were hurt.", "2,899"), None);
        assert_eq!(why("Ticket sales reached 2,031 on the day.", "2,031"), None);
    }

    #[test]
    fn names_articles_and_known_sets_are_no_figures() {
        assert_eq!(why("The crew of Apollo 11 waved.", "11"), Some("name"));
        assert_eq!(why("Roe met one official there.", "one"), Some("article"));
        assert_eq!(
            why("Roe met the two candidates there.", "two"),
            Some("known set")
        );
        assert_eq!(
            why("Police arrested two developers on Monday.", "two"),
            None
        );
        assert_eq!(why("He ranked No. 1 in the league.", "1"), Some("label"));
    }

    #[test]
    fn offsets_and_frames_are_no_figures_but_measured_durations_are() {
        assert!(why("Two years later the mill closed.", "Two").is_some());
        assert!(why("Prices fell over the last 11 months.", "11").is_some());
        assert!(why("Inspections come every three months.", "three").is_some());
        assert_eq!(
            why("He had paid no tax for 10 years, she said.", "10"),
            None
        );
        assert_eq!(why("It was 30 years after the end of the war.", "30"), None);
        // a period after an amount frames it; served over ten years is measured
        assert_eq!(
            why("The dam would cost $2.1 billion over 10 years.", "10"),
            Some("framing period")
        );
        assert_eq!(why("He served over 10 years in Orrin.", "10"), None);
        assert_eq!(
            why("Over 10 years the levy raised a fortune.", "10"),
            Some("framing period")
        );
        assert_eq!(
            why("Three things are happening in Velora.", "Three"),
            Some("list count")
        );
    }

    #[test]
    fn alternatives_and_questions_of_what_is_not_are_no_figures() {
        assert_eq!(
            why("The case goes to 9 judges rather than 11 this time.", "11"),
            Some("alternative")
        );
        assert_eq!(why("The case goes to 9 judges rather than 11.", "9"), None);
        assert_eq!(
            why("\"Why aren't we 30 points ahead?\" she asked.", "30"),
            Some("supposition")
        );
        assert_eq!(
            why("\"Why are we 30 points ahead?\" she asked.", "30"),
            None
        );
    }
}
