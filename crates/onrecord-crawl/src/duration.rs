//! Durations as people write them on a command line: `15m`, `1h`, `90s`, `500ms`, `1h30m`.

use std::time::Duration;

/// Parses `15m`, `1h`, `1h30m`, `90s`, `500ms`, `2d`; a bare number is seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let text = s.trim();
    let bad = || format!("'{s}' is not a duration; write e.g. 30s, 15m, 1h, 1h30m or 500ms");
    if text.is_empty() {
        return Err(bad());
    }
    if let Ok(secs) = text.parse::<u64>() {
        return Ok(Duration::from_secs(secs));
    }
    let mut total = Duration::ZERO;
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .ok_or_else(bad)?;
        if digits == 0 {
            return Err(bad());
        }
        let value: f64 = rest[..digits].parse().map_err(|_| bad())?;
        rest = &rest[digits..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        let seconds = match unit.to_ascii_lowercase().as_str() {
            "ms" => 0.001,
            "s" | "sec" | "secs" => 1.0,
            "m" | "min" | "mins" => 60.0,
            "h" | "hr" | "hrs" => 3600.0,
            "d" | "day" | "days" => 86_400.0,
            _ => return Err(bad()),
        };
        total += Duration::from_secs_f64(value * seconds);
    }
    Ok(total)
}

/// `15m`, `1h`, `1h30m`, `45s`: the shortest way to write a whole number of seconds.
pub fn format_duration(d: Duration) -> String {
    let secs = d.as_secs();
    if secs == 0 {
        return format!("{}ms", d.as_millis());
    }
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if s > 0 {
        out.push_str(&format!("{s}s"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_written() {
        let d = |s: &str| parse_duration(s).unwrap().as_millis();
        assert_eq!(d("15m"), 900_000);
        assert_eq!(d("1h"), 3_600_000);
        assert_eq!(d("1h30m"), 5_400_000);
        assert_eq!(d("90s"), 90_000);
        assert_eq!(d("90"), 90_000);
        assert_eq!(d("500ms"), 500);
        assert_eq!(d("0.5s"), 500);
        assert_eq!(d("2d"), 172_800_000);
        for bad in ["", "m", "15x", "fast", "-5m"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert!(parse_duration("15x").unwrap_err().contains("15m"));
        assert_eq!(format_duration(Duration::from_secs(5400)), "1h30m");
        assert_eq!(format_duration(Duration::from_secs(900)), "15m");
        assert_eq!(format_duration(Duration::from_millis(250)), "250ms");
    }
}
