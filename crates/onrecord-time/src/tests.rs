//! Invented sentences for every category the layer handles, and bad input.

use super::*;

const SAT: &str = "2031-03-08"; // a Saturday

fn day(s: &str) -> Option<NaiveDate> {
    Some(s.parse().unwrap())
}

/// (text, type, value, mod) of every timex found against `reference`.
fn all(text: &str, reference: Option<NaiveDate>) -> Vec<(String, String, String, String)> {
    find(text, reference)
        .into_iter()
        .map(|t| {
            (
                t.span.text(text).to_string(),
                format!("{:?}", t.kind).to_uppercase(),
                t.value,
                t.modifier.unwrap_or_default(),
            )
        })
        .collect()
}

/// (text, value) pairs against a reference day.
fn values(text: &str, reference: &str) -> Vec<(String, String)> {
    all(text, day(reference))
        .into_iter()
        .map(|(s, _, v, _)| (s, v))
        .collect()
}

fn expect(text: &str, reference: &str, want: &[(&str, &str)]) {
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(values(text, reference), want, "{text}");
}

/// The one timex of `text`: (text, type, value, mod).
fn one(text: &str, reference: &str) -> (String, String, String, String) {
    let v = all(text, day(reference));
    assert_eq!(v.len(), 1, "{text}: {v:?}");
    v.into_iter().next().unwrap()
}

#[test]
fn weekdays_of_past_reports_look_back_and_plans_look_forward() {
    expect(
        "The envoy said Saturday that the ferry had docked on Friday.",
        SAT,
        &[("Saturday", "2031-03-08"), ("Friday", "2031-03-07")],
    );
    expect(
        "The minister will call her counterpart on Sunday.",
        SAT,
        &[("Sunday", "2031-03-09")],
    );
    expect(
        "Officials met on Monday and plan to meet again on Thursday.",
        SAT,
        &[("Monday", "2031-03-03"), ("Thursday", "2031-03-13")],
    );
    expect(
        "The port reopened last Saturday; talks resume next Tuesday and this coming Sunday.",
        SAT,
        &[
            ("last Saturday", "2031-03-01"),
            ("next Tuesday", "2031-03-11"),
            ("this coming Sunday", "2031-03-09"),
        ],
    );
    let (s, _, v, m) = one("The mayor spoke late Saturday.", SAT);
    assert_eq!(
        (s.as_str(), v.as_str(), m.as_str()),
        ("late Saturday", "2031-03-08", "END")
    );
    // a hope expressed is past; a hope to do is not
    expect(
        "The minister expressed hope Friday for a meeting on March 11-13.",
        SAT,
        &[("Friday", "2031-03-07"), ("March 11", "2031-03-11")],
    );
    // a weekday naming an event already past: "Wednesday's ruling"
    expect(
        "Lawyers would appeal against Wednesday's ruling.",
        SAT,
        &[("Wednesday", "2031-03-05")],
    );
}

#[test]
fn last_this_next_and_earlier_this() {
    expect(
        "Prices fell last week, rose earlier this week and will fall next week.",
        SAT,
        &[
            ("last week", "2031-W09"),
            ("earlier this week", "2031-W10"),
            ("next week", "2031-W11"),
        ],
    );
    expect(
        "Sales rose last month, this year and last year, and may fall next year.",
        SAT,
        &[
            ("last month", "2031-02"),
            ("this year", "2031"),
            ("last year", "2030"),
            ("next year", "2032"),
        ],
    );
    let (_, _, v, m) = one("Earlier this month the council voted.", SAT);
    assert_eq!((v.as_str(), m.as_str()), ("2031-03", "START"));
    let (_, _, v, m) = one("The bill passes early next year.", SAT);
    assert_eq!((v.as_str(), m.as_str()), ("2032", "START"));
    expect(
        "The shop opened this weekend.",
        SAT,
        &[("this weekend", "2031-W10-WE")],
    );
    expect(
        "He rested over the weekend.",
        "2031-03-10",
        &[("the weekend", "2031-W10-WE")],
    );
}

#[test]
fn ago_and_anchored_expressions() {
    expect(
        "The plant closed a year ago, two weeks ago and a decade ago.",
        SAT,
        &[
            ("a year ago", "2030"),
            ("two weeks ago", "2031-W08"),
            ("a decade ago", "2021"),
        ],
    );
    expect(
        "It happened 10 days ago.",
        SAT,
        &[("10 days ago", "2031-02-26")],
    );
    expect(
        "The mill opened in 2024, and the following year it doubled its output.",
        SAT,
        &[("2024", "2024"), ("the following year", "2025")],
    );
    // a year earlier than the quarter being reported
    expect(
        "Third-quarter profit rose to $5 million from $3 million a year earlier.",
        "2031-10-20",
        &[("Third-quarter", "2031-Q3"), ("a year earlier", "2030-Q3")],
    );
    // vague amounts ago are the past
    expect(
        "Several years ago the bridge fell.",
        SAT,
        &[("Several years ago", "PAST_REF")],
    );
}

#[test]
fn month_days_without_a_year_take_the_nearest_year() {
    expect(
        "The war has gone on since Feb. 24, and the forum opens on March 29.",
        SAT,
        &[("Feb. 24", "2031-02-24"), ("March 29", "2031-03-29")],
    );
    expect(
        "The ferry sank on Dec. 28.",
        "2031-01-05",
        &[("Dec. 28", "2030-12-28")],
    );
    expect(
        "The vote is due on Jan. 4.",
        "2030-12-20",
        &[("Jan. 4", "2031-01-04")],
    );
    // a past report of a day well ahead reaches back a year
    expect(
        "The pact was signed on Nov. 20.",
        SAT,
        &[("Nov. 20", "2030-11-20")],
    );
    // "last February" from March is a year before; "last April" from October is this year's
    expect(
        "The inquiry has run since last February.",
        SAT,
        &[("last February", "2030-02")],
    );
    expect(
        "Sales fell last April.",
        "2031-10-20",
        &[("last April", "2031-04")],
    );
    expect(
        "Estimates made in October are worth half now.",
        "2031-01-08",
        &[("October", "2030-10"), ("now", "PRESENT_REF")],
    );
    expect(
        "The mission will fly in December.",
        SAT,
        &[("December", "2031-12")],
    );
    expect(
        "The mission flew in December.",
        SAT,
        &[("December", "2030-12")],
    );
}

#[test]
fn explicit_dates_in_every_shape() {
    expect(
        "It was signed on May 7, 2030, on 4 June 2029, on 2028-02-29 and on 3/5/2027.",
        SAT,
        &[
            ("May 7, 2030", "2030-05-07"),
            ("4 June 2029", "2029-06-04"),
            ("2028-02-29", "2028-02-29"),
            ("3/5/2027", "2027-03-05"),
        ],
    );
    expect(
        "A boat in the harbour, Saturday, March 8, 2031. (Photo)",
        "2031-03-09",
        &[("Saturday, March 8, 2031", "2031-03-08")],
    );
    expect(
        "The plan dates from March 1996 and from the 5th of May 1990.",
        SAT,
        &[
            ("March 1996", "1996-03"),
            ("the 5th of May 1990", "1990-05-05"),
        ],
    );
    expect(
        "Prices peaked in 1999 and fiscal 2001.",
        SAT,
        &[("1999", "1999"), ("fiscal 2001", "2001")],
    );
}

#[test]
fn ranges_give_their_first_day() {
    // documented: "March 11-13" is one date, the first day
    expect(
        "The forum meets on March 11-13 in Antalya.",
        SAT,
        &[("March 11", "2031-03-11")],
    );
}

#[test]
fn decades_centuries_quarters_halves_seasons() {
    expect(
        "In the 1990s, the early 1980s and the '70s, in the 20th century and the eighties.",
        SAT,
        &[
            ("the 1990s", "199"),
            ("the early 1980s", "198"),
            ("the '70s", "197"),
            ("the 20th century", "19"),
            ("the eighties", "198"),
        ],
    );
    expect(
        "Profit rose in the third quarter, third-quarter sales fell, and the fourth quarter of 2030 was weak; Q2 looks better.",
        "2031-10-20",
        &[
            ("the third quarter", "2031-Q3"),
            ("third-quarter", "2031-Q3"),
            ("the fourth quarter of 2030", "2030-Q4"),
            ("Q2", "2031-Q2"),
        ],
    );
    expect(
        "Sales doubled in the first half of 2030 and this summer, after last fall and the winter of 2029.",
        "2031-10-20",
        &[
            ("the first half of 2030", "2030-H1"),
            ("this summer", "2031-SU"),
            ("last fall", "2030-FA"),
            ("the winter of 2029", "2029-WI"),
        ],
    );
}

#[test]
fn clock_times_and_parts_of_the_day() {
    let got = all(
        "The blast came at 10:30 p.m. Friday; the council meets at noon Thursday, tonight and this morning; he flew last night.",
        day(SAT),
    );
    let v: Vec<(&str, &str, &str)> = got
        .iter()
        .map(|(s, t, v, _)| (s.as_str(), t.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        v,
        vec![
            ("10:30 p.m. Friday", "TIME", "2031-03-07T22:30"),
            ("noon Thursday", "TIME", "2031-03-06T12:00"),
            ("tonight", "TIME", "2031-03-08TNI"),
            ("this morning", "TIME", "2031-03-08TMO"),
            ("last night", "TIME", "2031-03-07TNI"),
        ]
    );
    expect(
        "Voting ended Friday night.",
        SAT,
        &[("Friday night", "2031-03-07TNI")],
    );
    expect(
        "The offer expires at 5 p.m. EST, Nov. 6.",
        "2031-10-30",
        &[("5 p.m. EST, Nov. 6", "2031-11-06T17:00")],
    );
}

#[test]
fn durations() {
    let d = |text: &str| -> Vec<(String, String, String)> {
        all(text, day(SAT))
            .into_iter()
            .map(|(s, t, v, _)| (s, t, v))
            .collect()
    };
    let got =
        d("The siege lasted six months, 2 1/2 years, a minute and a half and a two-year term.");
    let want = [
        ("six months", "DURATION", "P6M"),
        ("2 1/2 years", "DURATION", "P2Y6M"),
        ("a minute and a half", "DURATION", "PT1M30S"),
        ("two-year", "DURATION", "P2Y"),
    ];
    assert_eq!(
        got,
        want.map(|(a, b, c)| (a.into(), b.into(), c.into()))
            .to_vec()
    );
    expect(
        "Output grew in the first six months and over the past three years.",
        SAT,
        &[
            ("the first six months", "P6M"),
            ("the past three years", "P3Y"),
        ],
    );
    let (s, t, v, m) = one("The more than yearlong offensive goes on.", SAT);
    assert_eq!(
        (s.as_str(), t.as_str(), v.as_str(), m.as_str()),
        ("more than yearlong", "DURATION", "P1Y", "MORE_THAN")
    );
    expect(
        "They talked for several weeks.",
        SAT,
        &[("several weeks", "PXW")],
    );
    expect(
        "Talks lasted twenty four hours.",
        SAT,
        &[("twenty four hours", "PT24H")],
    );
    // an age is not a time
    assert!(all("A 6-year-old boy and a 62-year-old man.", day(SAT)).is_empty());
}

#[test]
fn sets() {
    let got = all(
        "The market opens every Sunday, each July and daily; it pays $5 a year.",
        day(SAT),
    );
    let v: Vec<(&str, &str, &str)> = got
        .iter()
        .map(|(s, t, v, _)| (s.as_str(), t.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        v,
        vec![
            ("every Sunday", "SET", "XXXX-WXX-7"),
            ("each July", "SET", "XXXX-07"),
            ("daily", "SET", "P1D"),
            ("a year", "SET", "P1Y"),
        ]
    );
    expect(
        "Ferries sail on Mondays.",
        SAT,
        &[("Mondays", "XXXX-WXX-1")],
    );
}

#[test]
fn present_past_and_future_references() {
    expect(
        "Now the council is currently split; it recently voted, and in the past it waited; it will act soon and in the future.",
        SAT,
        &[
            ("Now", "PRESENT_REF"),
            ("currently", "PRESENT_REF"),
            ("recently", "PAST_REF"),
            ("the past", "PAST_REF"),
            ("soon", "FUTURE_REF"),
            ("the future", "FUTURE_REF"),
        ],
    );
    // "as soon as they arrive" is not a time
    assert!(all("Call as soon as they arrive.", day(SAT)).is_empty());
}

#[test]
fn modifiers() {
    let m = |text: &str| one(text, SAT).3;
    assert_eq!(m("It took about three hours."), "APPROX");
    assert_eq!(m("It took nearly two years."), "APPROX");
    assert_eq!(m("It took almost a year."), "LESS_THAN");
    assert_eq!(m("It took more than a decade."), "MORE_THAN");
    assert_eq!(m("It took at least 30 days."), "EQUAL_OR_MORE");
    assert_eq!(m("It takes up to six weeks."), "EQUAL_OR_LESS");
    assert_eq!(m("It opens in mid-2032."), "MID");
    assert_eq!(m("It opens at the end of 2032."), "END");
    assert_eq!(m("It opened in early March."), "START");
}

#[test]
fn holidays() {
    expect(
        "Shops close at Christmas, on Thanksgiving Day and on New Year's Day.",
        "2031-10-20",
        &[
            ("Christmas", "2031-12-25"),
            ("Thanksgiving Day", "2031-11-27"),
            ("New Year's Day", "2032-01-01"),
        ],
    );
}

#[test]
fn without_a_reference_day_what_the_text_omits_stays_unknown() {
    let v: Vec<(String, String)> = all(
        "The envoy said Saturday, since Feb. 24 and last year, that talks resume next week and today.",
        None,
    )
    .into_iter()
    .map(|(s, _, v, _)| (s, v))
    .collect();
    let want = [
        ("Saturday", "XXXX-WXX-6"),
        ("Feb. 24", "XXXX-02-24"),
        ("last year", "XXXX"),
        ("next week", "XXXX-WXX"),
        ("today", "PRESENT_REF"),
    ];
    assert_eq!(
        v,
        want.map(|(a, b)| (a.to_string(), b.to_string())).to_vec()
    );
    // explicit dates need no reference
    assert_eq!(all("On May 7, 2030.", None)[0].2, "2030-05-07");
}

#[test]
fn bad_input_is_left_unnormalised_never_guessed() {
    // impossible days keep their month and year
    expect(
        "It was dated February 30, 2031 and April 31.",
        SAT,
        &[
            ("February 30, 2031", "2031-02-XX"),
            ("April 31", "2031-04-XX"),
        ],
    );
    // a written year far off is kept as written; one past 9999 is unknown
    expect(
        "Due Jan. 1, 3000 or May 5, 12345.",
        SAT,
        &[
            ("Jan. 1, 3000", "3000-01-01"),
            ("May 5, 12345", "XXXX-05-05"),
        ],
    );
    // two-digit years only in the "'89" form; a bare 89 is a number
    expect("After the '89 crash, in 89 cases.", SAT, &[("'89", "1989")]);
    // numbers that are not years
    assert!(all(
        "He paid $1990 for 2000 shares, and 1,999 people came.",
        day(SAT)
    )
    .is_empty());
    assert!(all("The year 12345 never came.", day(SAT)).is_empty());
    // arithmetic past the calendar gives no value rather than a wrong one
    expect(
        "It ended two years ago.",
        "0001-06-01",
        &[("two years ago", "XXXX")],
    );
    expect(
        "It happened 9000 years later.",
        "9000-01-01",
        &[("9000 years later", "XXXX")],
    );
    // ragged text never panics and spans stay on character boundaries
    let texts = [
        "",
        " ",
        "May",
        "may be",
        "March",
        "the",
        "'",
        "'8",
        "1990s",
        "-",
        "10:",
        "10:61 p.m.",
        "25 p.m.",
        "0 a.m.",
        "Q9",
        "the 0th century",
        "Feb. 0",
        "99999999999999999999 years",
        "1.5.2.3",
        "2031-13-45",
        "the first half",
        "ÖÇŞ İstanbul’da 5 Mart’ta, “Cumartesi” günü…",
        "a a a a year year year ago ago",
        "every every",
        "last last last",
        "\u{0}\u{1}\u{2}",
        "Jan. 1, 99999",
        "the year 2000's end",
    ];
    for t in texts {
        for r in [None, day(SAT), day("0001-01-01"), day("9999-12-31")] {
            for x in find(t, r) {
                assert!(x.span.start < x.span.end && x.span.end <= t.len(), "{t:?}");
                assert!(t.is_char_boundary(x.span.start) && t.is_char_boundary(x.span.end));
                assert!(
                    !x.value.is_empty() && !x.value.starts_with('-'),
                    "{t:?}: {}",
                    x.value
                );
            }
            let _ = infer_published(t);
        }
    }
}

#[test]
fn spans_are_bytes_on_multibyte_text() {
    let text = "Kalın said on “Sunday” in İstanbul that talks resume next week.";
    for t in find(text, day(SAT)) {
        assert!(text.is_char_boundary(t.span.start));
        assert!(["Sunday", "next week"].contains(&t.span.text(text)));
    }
}

#[test]
fn day_of_reads_dates_and_times() {
    let t = |kind, value: &str| Timex {
        span: Span::new(0, 1),
        kind,
        value: value.into(),
        modifier: None,
    };
    assert_eq!(day_of(&t(TimexType::Date, "2031-03-08")), day(SAT));
    assert_eq!(day_of(&t(TimexType::Time, "2031-03-08TNI")), day(SAT));
    assert_eq!(day_of(&t(TimexType::Time, "2031-03-08T22:00")), day(SAT));
    assert_eq!(day_of(&t(TimexType::Date, "2031-W10")), None);
    assert_eq!(day_of(&t(TimexType::Date, "XXXX-03-08")), None);
    assert_eq!(day_of(&t(TimexType::Duration, "2031-03-08")), None);
}

#[test]
fn a_dated_caption_gives_the_publication_day() {
    let text = "Ferries must run: Kaya\nA ferry leaves the harbour in Izmir, Turkey, Saturday, March 8, 2031. (AP Photo/Jane Roe)\n\nThe minister said Saturday the ferries must run.";
    let d = infer_published(text).unwrap();
    assert_eq!(d.day, "2031-03-08".parse().unwrap());
    assert!(d.confidence >= 0.85, "{d:?}");
    let evidence: Vec<&str> = d.evidence.iter().map(|s| s.text(text)).collect();
    assert_eq!(evidence, vec!["Saturday, March 8, 2031", "Saturday"]);
}

#[test]
fn a_caption_date_and_a_matching_weekday_agree() {
    let text = "Piers reopen\nWorkers repair a pier in the town of Kestrel on May 4, 2031, after the storm. (AFP Photo)\n\nThe mayor told a radio station on Sunday the piers would reopen.";
    let d = infer_published(text).unwrap();
    assert_eq!(d.day, "2031-05-04".parse().unwrap()); // a Sunday
    assert!(d.confidence >= 0.85);
}

#[test]
fn a_dateline_gives_the_day() {
    let text = "KESTREL, March 8, 2031 (Xinhua) -- The council voted on a new budget.";
    let d = infer_published(text).unwrap();
    assert_eq!(d.day, "2031-03-08".parse().unwrap());
}

#[test]
fn no_year_or_only_history_gives_no_day() {
    // weekdays and month-days without a year never make a day
    assert_eq!(
        infer_published("The minister said Saturday that talks began on Feb. 24."),
        None
    );
    // a year-dated day in the body is history, not the publication day
    assert_eq!(
        infer_published(
            "The envoy, who was born on April 6, 1990, said Friday the talks would go on."
        ),
        None
    );
    assert_eq!(infer_published(""), None);
    // a dated caption contradicted by a later past report is not trusted blindly
    let text = "Talks\nA pier, May 4, 2031. (Photo)\n\nThe port reopened on June 20, 2031, officials said.";
    assert_ne!(infer_published(text).map(|d| d.day), day("2031-05-04"));
}

fn named(text: &str, names: &[&str]) -> Option<InferredDay> {
    Scan::new(text).infer_published_named(names)
}

#[test]
fn a_date_in_the_name_gives_the_day_the_text_agrees_with() {
    // 2031-03-07 is a Friday
    let text = "Kaya urges calm\n\nThe minister said Friday the ferries must run.";
    let d = named(text, &["https://news.example/2031/3/7/kaya-urges-calm"]).unwrap();
    assert_eq!(d.day, "2031-03-07".parse().unwrap());
    assert!(d.confidence >= 0.8, "{d:?}");
    assert_eq!(
        d.named.as_deref(),
        Some("https://news.example/2031/3/7/kaya-urges-calm")
    );
    // alone, it is fair evidence
    let d = named("The council met.", &["KNA20310307.0042"]).unwrap();
    assert_eq!((d.day, d.confidence), ("2031-03-07".parse().unwrap(), 0.7));
    // the first name that writes a date takes part; hashes and counters give nothing
    let d = named(
        "The council met.",
        &["kna_0042", "a91f3e20", "2031-03-07-council.txt"],
    );
    assert_eq!(d.map(|d| d.day), day("2031-03-07"));
    assert_eq!(named("The council met.", &["kna_0042", "a91f3e20"]), None);
}

#[test]
fn a_dateline_a_day_off_yields_to_the_name_and_a_distant_one_wins() {
    // the story written on Friday the 7th, filed under the 8th
    let text = "\nKESTREL, March 7 (Xinhua) --\n\nThe council Friday voted on a budget.";
    let d = named(text, &["KNA20310308.0042"]).unwrap();
    assert_eq!(d.day, "2031-03-08".parse().unwrap());
    // the name's year anchors the dateline's month-day when the text writes no year
    let d = named(text, &["https://news.example/2031/world/kestrel"]).unwrap();
    assert_eq!(d.day, "2031-03-07".parse().unwrap());
    assert!(d.confidence >= 0.85, "{d:?}");
    // a dated caption that disagrees by weeks outweighs the name
    let text = "Piers reopen\nWorkers repair a pier in Kestrel on Sunday, May 4, 2031. (AFP Photo)\n\nThe mayor said Sunday the piers would reopen.";
    let d = named(text, &["KNA20310620.0042"]).unwrap();
    assert_eq!(d.day, "2031-05-04".parse().unwrap());
    assert_eq!(d.named, None);
}

#[test]
fn random_word_salad_never_panics() {
    // a deterministic generator over the words of every form, numbers large and small, and
    // punctuation: overflow, out-of-range days and odd neighbours must all pass quietly
    const WORDS: &[&str] = &[
        "the",
        "a",
        "last",
        "next",
        "this",
        "past",
        "coming",
        "early",
        "late",
        "mid",
        "-",
        "end",
        "of",
        "about",
        "more",
        "than",
        "at",
        "least",
        "up",
        "to",
        "ago",
        "earlier",
        "later",
        "year",
        "years",
        "decade",
        "decades",
        "century",
        "centuries",
        "quarter",
        "third",
        "half",
        "week",
        "weekend",
        "day",
        "days",
        "month",
        "hour",
        "minute",
        "Friday",
        "Saturday",
        "Sunday's",
        "March",
        "May",
        "Feb.",
        "Sept.",
        "summer",
        "fall",
        "night",
        "morning",
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "now",
        "every",
        "each",
        "daily",
        "fiscal",
        "Q",
        "'",
        "s",
        "p.m.",
        "a.m.",
        "noon",
        "midnight",
        ":",
        ",",
        ".",
        "Christmas",
        "Easter",
        "Thanksgiving",
        "Day",
        "New",
        "Year's",
        "twenty",
        "nineteen",
        "ninety-six",
        "thousand",
        "hundred",
        "and",
        "1/2",
        "said",
        "will",
        "had",
        "been",
    ];
    const NUMBERS: &[&str] = &[
        "0",
        "1",
        "12",
        "29",
        "30",
        "31",
        "32",
        "99",
        "1000",
        "1990",
        "2031",
        "9999",
        "10000",
        "99999999999999999999",
        "4294967296",
        "18446744073709551616",
        "1.5",
        "1,999",
        "00",
    ];
    let mut seed: u64 = 0x5eed_2031;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    for _ in 0..3000 {
        let len = 1 + next(14);
        let mut words = Vec::with_capacity(len);
        for _ in 0..len {
            words.push(if next(3) == 0 {
                NUMBERS[next(NUMBERS.len())]
            } else {
                WORDS[next(WORDS.len())]
            });
        }
        let text = words.join(if next(4) == 0 { "" } else { " " });
        for r in [None, day(SAT), day("0001-01-01"), day("9999-12-31")] {
            for x in find(&text, r) {
                assert!(
                    x.span.start < x.span.end && x.span.end <= text.len(),
                    "{text:?}"
                );
                assert!(!x.value.is_empty(), "{text:?}");
            }
        }
        let _ = infer_published(&text);
    }
}
