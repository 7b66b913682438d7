//! The speaker timeline: an inline SVG bar chart of statements per day or per week,
//! rendered on the server (no JavaScript), with a text summary for screen readers.
//!
//! The bars are drawn in a viewBox stretched to the figure's width (`preserveAspectRatio=
//! "none"`), which would squeeze any text in it: at phone width a 720-unit chart is drawn
//! in 350 pixels, and its labels would be half as wide and cut at the edges. So the axis
//! labels are not in the bars' SVG: the count axis is two HTML numbers beside it, and the
//! day axis is a second SVG without a viewBox whose labels are placed in percent of its
//! width, drawn at the page's own font size. A label near either edge is anchored at its
//! tick and runs inward, so none is cut off; every other label is marked `alt`, which the
//! stylesheet hides on narrow screens so that neighbours never overlap.

use chrono::{Datelike, Duration};
use maud::{html, Markup};
use onrecord_core::Day;
use onrecord_store::{Bucket, TimelinePoint};

use crate::days::with_weekday;

/// Days spanned above which the automatic choice is weeks.
pub const AUTO_WEEK_AFTER_DAYS: i64 = 92;

/// The bars' coordinate system (stretched to the figure).
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 160.0;
/// Room above the tallest bar.
const TOP: f64 = 8.0;
/// The plot widths, in pixels, the day axis is laid out for, narrowest first, each with the
/// class of the labels shown only from there on (the stylesheet hides them on narrower
/// screens): the narrowest the page gets (a 320-pixel phone, less the margins and the
/// count axis), then screens from 24rem (384 pixels, most phones), 40rem and 64rem.
const TIERS: [(f64, &str); 4] = [
    (250.0, ""),
    (315.0, "from-24rem"),
    (560.0, "from-40rem"),
    (940.0, "from-64rem"),
];
/// A label character at the axis's 0.8rem (DejaVu Sans digits measure 8.1 pixels there,
/// most other faces less), and the least room between two labels.
const CHAR_PX: f64 = 8.2;
const GAP_PX: f64 = 8.0;
/// How far a label may run past the plot's left and right ends, in pixels: over the count
/// axis's column (empty below its numbers) and the chart's right padding.
const LEFT_ROOM_PX: f64 = 12.0;
const RIGHT_ROOM_PX: f64 = 10.0;

/// Day or week, for a speaker whose statements run from `first` to `last`.
pub fn auto_bucket(first: Option<Day>, last: Option<Day>) -> Bucket {
    match (first, last) {
        (Some(f), Some(l)) if (l - f).num_days() > AUTO_WEEK_AFTER_DAYS => Bucket::Week,
        _ => Bucket::Day,
    }
}

fn step(bucket: Bucket) -> i64 {
    match bucket {
        Bucket::Day => 1,
        Bucket::Week => 7,
    }
}

/// Every slot (day, or Monday of a week) from the first point to the last, with its count.
pub fn slots(points: &[TimelinePoint], bucket: Bucket) -> Vec<TimelinePoint> {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut it = points.iter().peekable();
    let mut d = first.day;
    while d <= last.day {
        let n = match it.peek() {
            Some(p) if p.day == d => it.next().map_or(0, |p| p.statements),
            _ => 0,
        };
        out.push(TimelinePoint {
            day: d,
            statements: n,
        });
        d += Duration::days(step(bucket));
    }
    out
}

/// The chart. `link` gives each bar's target (the statements of that day or week).
pub fn svg(
    points: &[TimelinePoint],
    bucket: Bucket,
    label: &str,
    link: impl Fn(Day, Day) -> String,
) -> Markup {
    let slots = slots(points, bucket);
    if slots.is_empty() {
        return html! { p.muted { "No dated statements to plot." } };
    }
    let max = slots.iter().map(|p| p.statements).max().unwrap_or(1).max(1);
    let total: u64 = slots.iter().map(|p| p.statements).sum();
    let plot_h = HEIGHT - TOP;
    let slot_w = WIDTH / slots.len() as f64;
    let bar_w = (slot_w * 0.8).max(1.0);
    let y = |n: u64| TOP + plot_h - plot_h * n as f64 / max as f64;
    let unit = match bucket {
        Bucket::Day => "day",
        Bucket::Week => "week",
    };
    let busiest = slots
        .iter()
        .max_by_key(|p| (p.statements, std::cmp::Reverse(p.day)))
        .expect("not empty");
    let summary = format!(
        "{label}: {total} dated statements from {} to {}, by {unit}; busiest {unit} {} with {}.",
        with_weekday(slots[0].day),
        with_weekday(slots[slots.len() - 1].day),
        with_weekday(busiest.day),
        busiest.statements,
    );
    let labels = layout(&x_ticks(&slots), slots.len());
    html! {
        figure.timeline {
            div.chart {
                div.y-axis aria-hidden="true" {
                    span { (max) }
                    span { "0" }
                }
                svg.bars viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) role="img"
                    aria-labelledby="timeline-title timeline-desc" preserveAspectRatio="none"
                    xmlns="http://www.w3.org/2000/svg" {
                    title id="timeline-title" { (label) " — statements by " (unit) }
                    desc id="timeline-desc" { (summary) }
                    line.grid x1="0" y1=(TOP) x2=(WIDTH) y2=(TOP)
                        vector-effect="non-scaling-stroke" {}
                    @for (i, p) in slots.iter().enumerate() {
                        @if p.statements > 0 {
                            @let x = i as f64 * slot_w + (slot_w - bar_w) / 2.0;
                            @let end = p.day + Duration::days(step(bucket) - 1);
                            a href=(link(p.day, end)) tabindex="-1" {
                                rect.bar x=(fmt(x)) y=(fmt(y(p.statements))) width=(fmt(bar_w))
                                    height=(fmt(HEIGHT - y(p.statements))) {
                                    title {
                                        @if bucket == Bucket::Week { "week of " }
                                        (with_weekday(p.day))
                                        ": " (p.statements)
                                        @if p.statements == 1 { " statement" } @else { " statements" }
                                    }
                                }
                            }
                        }
                    }
                    line.axis x1="0" y1=(HEIGHT) x2=(WIDTH) y2=(HEIGHT)
                        vector-effect="non-scaling-stroke" {}
                }
                svg.x-axis aria-hidden="true" xmlns="http://www.w3.org/2000/svg" {
                    @for l in &labels {
                        line.tick x1=(pct(l.x)) y1="0" x2=(pct(l.x)) y2="5" {}
                        text class=[Some(TIERS[l.tier].1).filter(|c| !c.is_empty())]
                            x=(pct(l.x)) y="1.15em"
                            text-anchor=(l.anchor.as_str()) { (l.text) }
                    }
                }
            }
            figcaption.muted { (summary) }
        }
    }
}

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

/// A position in percent of the width, as an SVG length.
fn pct(v: f64) -> String {
    format!("{v:.2}%")
}

/// Where a label's text goes relative to its tick.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// A label on the day axis, placed.
#[derive(Clone, Debug, PartialEq)]
struct Label {
    /// Its tick, in percent of the width.
    x: f64,
    text: String,
    anchor: Anchor,
    /// From which of the [`TIERS`] on it is shown.
    tier: usize,
}

/// The span, in percent of a plot `px` pixels wide, that labels may take: the plot and the
/// room beside it.
fn room(px: f64) -> (f64, f64) {
    (
        -LEFT_ROOM_PX * 100.0 / px,
        100.0 + RIGHT_ROOM_PX * 100.0 / px,
    )
}

impl Label {
    /// The label's extent, in percent of a plot `px` pixels wide.
    fn extent(&self, px: f64) -> (f64, f64) {
        let w = self.text.chars().count() as f64 * CHAR_PX * 100.0 / px;
        match self.anchor {
            Anchor::Start => (self.x, self.x + w),
            Anchor::Middle => (self.x - w / 2.0, self.x + w / 2.0),
            Anchor::End => (self.x - w, self.x),
        }
    }
}

/// The ticks of [`x_ticks`] as labels that fit: each centred on its tick unless that would
/// cut it at an edge of the narrowest plot, where it runs inward from its tick instead.
/// Then, for each plot width, every k-th label with the least k (1, 2, 4, …) at which the
/// labels keep clear of each other: every tick labelled where there is room, a regular
/// every other or every fourth one where there is less, never a ragged pick. The strides
/// nest (powers of two), so a label shown on a narrow screen is shown on wider ones too.
fn layout(ticks: &[(usize, String)], slots: usize) -> Vec<Label> {
    let labels: Vec<Label> = ticks
        .iter()
        .map(|(i, text)| {
            let mut l = Label {
                x: (*i as f64 + 0.5) * 100.0 / slots as f64,
                text: text.clone(),
                anchor: Anchor::Middle,
                tier: 0,
            };
            let (a, b) = l.extent(TIERS[0].0);
            let (left, right) = room(TIERS[0].0);
            if a < left {
                l.anchor = Anchor::Start;
            } else if b > right {
                l.anchor = Anchor::End;
            }
            l
        })
        .collect();
    // whether every k-th label keeps clear of the one before and inside a plot `px` wide
    let fits = |k: usize, px: f64| {
        let gap = GAP_PX * 100.0 / px;
        let (left, right) = room(px);
        let mut edge = f64::NEG_INFINITY;
        labels.iter().step_by(k).all(|l| {
            let (a, b) = l.extent(px);
            let ok = a >= edge + gap && a >= left && b <= right;
            edge = b;
            ok
        })
    };
    let stride = |px: f64| {
        std::iter::successors(Some(1usize), |k| Some(k * 2))
            .find(|&k| k >= labels.len() || fits(k, px))
            .unwrap_or(1)
    };
    // each tier's stride, widest first, never finer than a wider tier's
    let mut strides = [1usize; TIERS.len()];
    let mut finest = 1;
    for t in (0..TIERS.len()).rev() {
        finest = stride(TIERS[t].0).max(finest);
        strides[t] = finest;
    }
    labels
        .into_iter()
        .enumerate()
        .filter(|(i, _)| i % strides[TIERS.len() - 1] == 0)
        .map(|(i, mut l)| {
            l.tier = (0..TIERS.len())
                .find(|&t| i % strides[t] == 0)
                .unwrap_or(TIERS.len() - 1);
            l
        })
        .collect()
}

/// Ticks along the x axis: month starts (or years, over long spans), at most about 16, and
/// the first slot when nothing else fits; [`layout`] keeps those that fit the width.
fn x_ticks(slots: &[TimelinePoint]) -> Vec<(usize, String)> {
    let first = slots[0].day;
    let last = slots[slots.len() - 1].day;
    let months = (last.year() - first.year()) * 12 + last.month() as i32 - first.month() as i32;
    let mut ticks: Vec<(usize, String)> = Vec::new();
    if months < 2 {
        // short span: about twelve day labels (fewer shown on narrow screens)
        let every = slots.len().div_ceil(12).max(1);
        for (i, p) in slots.iter().enumerate().step_by(every) {
            ticks.push((i, p.day.format("%m-%d").to_string()));
        }
        return ticks;
    }
    let by_year = months > 24;
    let starts: Vec<usize> = (1..slots.len())
        .filter(|&i| {
            let (a, b) = (slots[i - 1].day, slots[i].day);
            if by_year {
                a.year() != b.year()
            } else {
                a.month() != b.month()
            }
        })
        .collect();
    let every = starts.len().div_ceil(16).max(1);
    for &i in starts.iter().step_by(every) {
        let label = if by_year { "%Y" } else { "%Y-%m" };
        ticks.push((i, slots[i].day.format(label).to_string()));
    }
    if ticks.is_empty() {
        ticks.push((0, first.format("%Y-%m-%d").to_string()));
    }
    ticks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Day {
        s.parse().unwrap()
    }

    fn pt(s: &str, n: u64) -> TimelinePoint {
        TimelinePoint {
            day: d(s),
            statements: n,
        }
    }

    #[test]
    fn slots_fill_the_gaps() {
        let s = slots(&[pt("2024-03-01", 2), pt("2024-03-04", 1)], Bucket::Day);
        let counts: Vec<u64> = s.iter().map(|p| p.statements).collect();
        assert_eq!(counts, [2, 0, 0, 1]);
        let s = slots(&[pt("2024-02-26", 1), pt("2024-03-11", 3)], Bucket::Week);
        assert_eq!(s.len(), 3);
        assert_eq!(s[1].day, d("2024-03-04"));
    }

    #[test]
    fn auto_bucket_switches_to_weeks_over_long_spans() {
        assert_eq!(
            auto_bucket(Some(d("2024-01-01")), Some(d("2024-02-01"))),
            Bucket::Day
        );
        assert_eq!(
            auto_bucket(Some(d("2024-01-01")), Some(d("2024-12-01"))),
            Bucket::Week
        );
        assert_eq!(auto_bucket(None, None), Bucket::Day);
    }

    #[test]
    fn the_chart_has_a_bar_per_busy_slot_with_its_day_and_count() {
        let svg = svg(
            &[pt("2024-03-01", 2), pt("2024-03-04", 1)],
            Bucket::Day,
            "Ana <Lopes>",
            |a, b| format!("/search?from={a}&to={b}"),
        )
        .into_string();
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("2024-03-01 Fri: 2 statements"));
        assert!(svg.contains("2024-03-04 Mon: 1 statement<"));
        assert!(svg.contains("Ana &lt;Lopes&gt;"), "labels are escaped");
        assert!(svg.contains("href=\"/search?from=2024-03-01&amp;to=2024-03-01\""));
    }

    /// The labels shown at a width never leave the plot and never touch each other.
    #[test]
    fn labels_fit_at_phone_and_desktop_widths() {
        for (a, b, bucket) in [
            ("2030-01-07", "2031-03-17", Bucket::Week),
            ("2024-03-01", "2024-03-20", Bucket::Day),
            ("2024-03-04", "2024-03-04", Bucket::Day),
            ("2020-01-06", "2024-12-30", Bucket::Week),
            ("2024-01-01", "2024-03-01", Bucket::Day),
            ("2024-01-29", "2024-02-05", Bucket::Day),
        ] {
            let s = slots(&[pt(a, 1), pt(b, 1)], bucket);
            let labels = layout(&x_ticks(&s), s.len());
            for (tier, (px, _)) in TIERS.iter().enumerate() {
                let px = *px;
                let shown: Vec<&Label> = labels.iter().filter(|l| l.tier <= tier).collect();
                assert!(!shown.is_empty(), "{a}..{b} at {px}: {labels:?}");
                let mut edge = f64::NEG_INFINITY;
                for l in shown {
                    let (x0, x1) = l.extent(px);
                    let (left, right) = room(px);
                    assert!(x0 >= left && x1 <= right, "{a}..{b} at {px}: {l:?} cut off");
                    assert!(x0 > edge, "{a}..{b} at {px}: {l:?} overlaps");
                    edge = x1;
                }
            }
        }
        // a long label at the very start runs inward from its tick
        let labels = layout(&[(0, "2024-03-04".into()), (19, "2024-03-23".into())], 20);
        assert_eq!(labels[0].anchor, Anchor::Start, "{labels:?}");
        assert_eq!(labels[1].anchor, Anchor::End, "{labels:?}");
        let s = slots(&[pt("2024-03-01", 1), pt("2024-03-20", 1)], Bucket::Day);
        let labels = layout(&x_ticks(&s), s.len());
        let inner = &labels[1..labels.len() - 1];
        assert!(
            inner.iter().all(|l| l.anchor == Anchor::Middle),
            "{labels:?}"
        );
    }

    #[test]
    fn ticks_over_long_and_short_spans() {
        let long: Vec<TimelinePoint> =
            slots(&[pt("2020-01-06", 1), pt("2024-12-30", 1)], Bucket::Week);
        let t = x_ticks(&long);
        assert!(t.len() <= 17 && t.len() >= 3, "{t:?}");
        assert!(t.iter().all(|(_, l)| l.len() == 4));
        let mid = slots(&[pt("2024-01-01", 1), pt("2024-06-30", 1)], Bucket::Day);
        let t = x_ticks(&mid);
        assert!(t.iter().all(|(_, l)| l.len() == 7), "{t:?}");
        assert!(t.len() <= 16);
        let short = slots(&[pt("2024-03-01", 1), pt("2024-03-20", 1)], Bucket::Day);
        assert!(x_ticks(&short).len() <= 13);
    }
}
