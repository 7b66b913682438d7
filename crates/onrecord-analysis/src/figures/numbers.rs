//! Numerals as written in news copy, read into values: "2,899", "3.32", "forty-three",
//! "a dozen", "5.4 million", "$5m", "two billion".
//!
//! Values are computed from the decimal digits (mantissa and a power of ten) so that
//! "3.32 million" is exactly 3320000, not 3320000.0000000005.

/// A number read from one token, before any scale word.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Decimal {
    /// The digits without separators or point.
    pub mantissa: u128,
    /// Digits after the decimal point.
    pub frac: u32,
}

impl Decimal {
    pub fn whole(n: u128) -> Decimal {
        Decimal {
            mantissa: n,
            frac: 0,
        }
    }

    /// The value times `scale` (a power-of-ten multiple: 1, 1e3, 1e6 …), rounded once.
    pub fn scaled(self, scale: u128) -> f64 {
        let m = self.mantissa.saturating_mul(scale);
        let d = 10u128.saturating_pow(self.frac);
        if m.is_multiple_of(d) {
            (m / d) as f64
        } else {
            m as f64 / d as f64
        }
    }

    pub fn value(self) -> f64 {
        self.scaled(1)
    }
}

/// Digits with thousands separators and one decimal point: "2,899", "3.32", "1,000.5".
/// Separators must come every three digits, so "1,2" is no number.
pub(crate) fn parse_digits(s: &str) -> Option<Decimal> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if int.is_empty() || !int.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let groups: Vec<&str> = int.split(',').collect();
    if groups.len() > 1
        && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3) || groups[0].is_empty())
    {
        return None;
    }
    let mut mantissa: u128 = 0;
    let mut digits = 0;
    for c in groups.concat().chars().chain(frac.unwrap_or("").chars()) {
        let d = c.to_digit(10)? as u128;
        mantissa = mantissa.checked_mul(10)?.checked_add(d)?;
        digits += 1;
        if digits > 30 {
            return None;
        }
    }
    Some(Decimal {
        mantissa,
        frac: frac.map(|f| f.len() as u32).unwrap_or(0),
    })
}

/// Number words below a hundred: "zero" … "nineteen", the tens, and their hyphenated
/// compounds ("forty-three").
pub(crate) fn small_word(w: &str) -> Option<u128> {
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(i) = ONES.iter().position(|o| *o == w) {
        return Some(i as u128);
    }
    if let Some(i) = TENS.iter().position(|t| *t == w) {
        return Some(20 + 10 * i as u128);
    }
    let (t, o) = w.split_once(['-', '\u{2010}', '\u{2011}'])?;
    let t = TENS.iter().position(|x| *x == t)?;
    let o = ONES[1..10].iter().position(|x| *x == o)?;
    Some(20 + 10 * t as u128 + 1 + o as u128)
}

/// Scale words: "hundred", "thousand", "million", "billion", "trillion" (and their short
/// forms in headlines: "bn", "mn").
pub(crate) fn scale_word(w: &str) -> Option<u128> {
    Some(match w {
        "hundred" => 100,
        "thousand" => 1_000,
        "million" | "mln" | "mn" => 1_000_000,
        "billion" | "bln" | "bn" => 1_000_000_000,
        "trillion" => 1_000_000_000_000,
        _ => return None,
    })
}

/// A scale glued to digits: "5m", "2bn", "10k", "3.5tn".
pub(crate) fn glued_scale(w: &str) -> Option<(Decimal, u128)> {
    let cut = w.find(|c: char| c.is_ascii_alphabetic())?;
    let (num, suffix) = w.split_at(cut);
    // (compared without lower-casing a copy: this runs on every word of an article)
    const SCALES: [(&str, u128); 8] = [
        ("k", 1_000),
        ("m", 1_000_000),
        ("mn", 1_000_000),
        ("mln", 1_000_000),
        ("b", 1_000_000_000),
        ("bn", 1_000_000_000),
        ("bln", 1_000_000_000),
        ("tn", 1_000_000_000_000),
    ];
    let &(_, scale) = SCALES
        .iter()
        .find(|(s, _)| suffix.eq_ignore_ascii_case(s))?;
    Some((parse_digits(num)?, scale))
}

/// Fractions written as words, as a percentage: "half" 50, "a quarter" 25, "a third" 33.33,
/// "two-thirds" 66.67, "three-quarters" 75.
pub(crate) fn fraction_word(w: &str) -> Option<f64> {
    Some(match w {
        "half" => 50.0,
        "quarter" => 25.0,
        "third" => 33.33,
        "fifth" => 20.0,
        "tenth" => 10.0,
        "two-thirds" => 66.67,
        "three-quarters" | "three-fourths" => 75.0,
        "three-fifths" => 60.0,
        "two-fifths" => 40.0,
        "one-third" => 33.33,
        "one-quarter" => 25.0,
        "one-half" => 50.0,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_with_separators_and_decimals() {
        assert_eq!(parse_digits("2,899").unwrap().value(), 2899.0);
        assert_eq!(parse_digits("3.32").unwrap().scaled(1_000_000), 3_320_000.0);
        assert_eq!(parse_digits("5.4").unwrap().scaled(1_000_000), 5_400_000.0);
        assert_eq!(parse_digits("16.50").unwrap().value(), 16.5);
        assert_eq!(parse_digits("0.5").unwrap().value(), 0.5);
        assert!(parse_digits("1,2").is_none());
        assert!(parse_digits("12,34,567").is_none());
        assert!(parse_digits("abc").is_none());
    }

    #[test]
    fn words_scales_and_fractions() {
        assert_eq!(small_word("forty-three"), Some(43));
        assert_eq!(small_word("zero"), Some(0));
        assert_eq!(small_word("ninety"), Some(90));
        assert_eq!(small_word("forty-ten"), None);
        assert_eq!(scale_word("billion"), Some(1_000_000_000));
        let (d, s) = glued_scale("3.5bn").unwrap();
        assert_eq!(d.scaled(s), 3_500_000_000.0);
        assert!(glued_scale("1990s").is_none());
        assert_eq!(fraction_word("two-thirds"), Some(66.67));
    }
}
