//! The speaker timeline: an inline SVG bar chart of statements per day or per week,
//! rendered on the server (no JavaScript), with a text summary for screen readers.

use chrono::{Datelike, Duration};
use maud::{html, Markup};
use onrecord_core::Day;
use onrecord_store::{Bucket, TimelinePoint};

use crate::days::with_weekday;

/// Days spanned above which the automatic choice is weeks.
pub const AUTO_WEEK_AFTER_DAYS: i64 = 92;

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 180.0;
const LEFT: f64 = 34.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 28.0;

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
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let slot_w = plot_w / slots.len() as f64;
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
    let ticks = x_ticks(&slots);
    html! {
        figure.timeline {
            svg viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) role="img"
                aria-labelledby="timeline-title timeline-desc" preserveAspectRatio="none"
                xmlns="http://www.w3.org/2000/svg" {
                title id="timeline-title" { (label) " — statements by " (unit) }
                desc id="timeline-desc" { (summary) }
                // axes
                line.axis x1=(LEFT) y1=(TOP + plot_h) x2=(WIDTH - RIGHT) y2=(TOP + plot_h) {}
                line.grid x1=(LEFT) y1=(TOP) x2=(WIDTH - RIGHT) y2=(TOP) {}
                text.ylabel x=(LEFT - 4.0) y=(TOP + 4.0) text-anchor="end" { (max) }
                text.ylabel x=(LEFT - 4.0) y=(TOP + plot_h) text-anchor="end" { "0" }
                @for (i, p) in slots.iter().enumerate() {
                    @if p.statements > 0 {
                        @let x = LEFT + i as f64 * slot_w + (slot_w - bar_w) / 2.0;
                        @let end = p.day + Duration::days(step(bucket) - 1);
                        a href=(link(p.day, end)) tabindex="-1" {
                            rect.bar x=(fmt(x)) y=(fmt(y(p.statements))) width=(fmt(bar_w))
                                height=(fmt(TOP + plot_h - y(p.statements))) {
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
                @for (i, text) in &ticks {
                    @let x = LEFT + (*i as f64 + 0.5) * slot_w;
                    line.tick x1=(fmt(x)) y1=(TOP + plot_h) x2=(fmt(x)) y2=(TOP + plot_h + 4.0) {}
                    text.xlabel x=(fmt(x)) y=(HEIGHT - 8.0) text-anchor="middle" { (text) }
                }
            }
            figcaption.muted { (summary) }
        }
    }
}

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

/// Labels along the x axis: month starts (or years, over long spans), at most about 8, and
/// the first slot when nothing else fits.
fn x_ticks(slots: &[TimelinePoint]) -> Vec<(usize, String)> {
    let first = slots[0].day;
    let last = slots[slots.len() - 1].day;
    let months = (last.year() - first.year()) * 12 + last.month() as i32 - first.month() as i32;
    let mut ticks: Vec<(usize, String)> = Vec::new();
    if months < 2 {
        // short span: about six day labels
        let every = slots.len().div_ceil(6).max(1);
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
    let every = starts.len().div_ceil(8).max(1);
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

    #[test]
    fn ticks_over_long_and_short_spans() {
        let long: Vec<TimelinePoint> =
            slots(&[pt("2020-01-06", 1), pt("2024-12-30", 1)], Bucket::Week);
        let t = x_ticks(&long);
        assert!(t.len() <= 9 && t.len() >= 3, "{t:?}");
        assert!(t.iter().all(|(_, l)| l.len() == 4));
        let mid = slots(&[pt("2024-01-01", 1), pt("2024-06-30", 1)], Bucket::Day);
        let t = x_ticks(&mid);
        assert!(t.iter().all(|(_, l)| l.len() == 7), "{t:?}");
        assert!(t.len() <= 8);
        let short = slots(&[pt("2024-03-01", 1), pt("2024-03-20", 1)], Bucket::Day);
        assert!(x_ticks(&short).len() <= 7);
    }
}
