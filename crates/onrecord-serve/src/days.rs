//! Days as people read them: ISO dates with the weekday (`2024-03-04 Mon`).

use chrono::Datelike;
use onrecord_core::{Day, SpeakerKind};

/// `Mon` … `Sun`.
pub fn weekday(d: Day) -> &'static str {
    match d.weekday() {
        chrono::Weekday::Mon => "Mon",
        chrono::Weekday::Tue => "Tue",
        chrono::Weekday::Wed => "Wed",
        chrono::Weekday::Thu => "Thu",
        chrono::Weekday::Fri => "Fri",
        chrono::Weekday::Sat => "Sat",
        chrono::Weekday::Sun => "Sun",
    }
}

/// `2024-03-04 Mon`.
pub fn with_weekday(d: Day) -> String {
    format!("{d} {}", weekday(d))
}

pub fn kind(k: SpeakerKind) -> &'static str {
    match k {
        SpeakerKind::Person => "person",
        SpeakerKind::Body => "body",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_with_weekday() {
        let d: Day = "2024-03-04".parse().unwrap();
        assert_eq!(with_weekday(d), "2024-03-04 Mon");
        let d: Day = "2024-03-10".parse().unwrap();
        assert_eq!(with_weekday(d), "2024-03-10 Sun");
    }
}
