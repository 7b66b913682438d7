//! The figures of one scoring run and their two renderings, identical to what
//! `score_quotes.py` prints (table) and `score_quotes.py --json` prints (JSON).

use std::fmt::Write;

/// The figures for one track at one threshold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    /// Gold attributions in the track.
    pub gold: usize,
    /// Predicted attributions in the track (with non-empty content).
    pub pred: usize,
    /// Matched pairs.
    pub matched: usize,
    pub p: f64,
    pub r: f64,
    pub f1: f64,
    /// Share of matched pairs whose source overlaps the gold source (or both are empty).
    pub source_acc: Option<f64>,
    /// Share of matched pairs with a gold cue whose cue overlaps it.
    pub cue_acc: Option<f64>,
    /// Share of matched pairs with a gold speaker that name the same person.
    pub speaker_name_acc: Option<f64>,
    pub speaker_name_n: usize,
    /// Share of matched pairs with a gold date that give the same date.
    pub date_acc: Option<f64>,
    pub date_n: usize,
    /// End to end: matched with the right source and (where gold names one) the right speaker.
    pub e2e_p: f64,
    pub e2e_r: f64,
    pub e2e_f1: f64,
}

/// The figures of every track and threshold, in the reference scorer's order:
/// `all@exact`, `all@0.8`, `all@0.3`, `direct@exact`, `direct@0.8`, `direct@0.3`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub rows: Vec<(String, Scores)>,
}

fn pct(x: Option<f64>) -> String {
    match x {
        None => "   -  ".to_string(),
        Some(x) => format!("{:6.1}", 100.0 * x),
    }
}

/// A float as Python's `repr` writes it (what `json.dumps` uses): the shortest digits that
/// read back the same, positional between 1e-4 and 1e16, else `1.5e-05` style.
pub(crate) fn py_float(x: f64) -> String {
    if !x.is_finite() {
        // json.dumps writes these as bare words; the scorer never produces them.
        return if x.is_nan() {
            "NaN"
        } else if x > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        }
        .into();
    }
    let sci = format!("{x:e}");
    let (mantissa, exp) = sci.split_once('e').expect("LowerExp writes an exponent");
    let exp: i32 = exp.parse().expect("LowerExp writes an integer exponent");
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    if !(-4..16).contains(&exp) {
        let esign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{mantissa}e{esign}{:02}", exp.abs());
    }
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    if exp < 0 {
        return format!("{sign}0.{}{digits}", "0".repeat((-exp - 1) as usize));
    }
    let int_len = exp as usize + 1;
    if digits.len() <= int_len {
        format!("{sign}{digits}{}.0", "0".repeat(int_len - digits.len()))
    } else {
        format!("{sign}{}.{}", &digits[..int_len], &digits[int_len..])
    }
}

fn py_opt(x: Option<f64>) -> String {
    x.map_or_else(|| "null".to_string(), py_float)
}

/// A JSON string literal as `json.dumps` writes it (ASCII only).
fn py_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_ascii() && !c.is_ascii_control() => out.push(c),
            c => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
    }
    out.push('"');
    out
}

impl Report {
    /// The figures for a key such as `all@0.3`.
    pub fn get(&self, key: &str) -> Option<&Scores> {
        self.rows.iter().find(|(k, _)| k == key).map(|(_, s)| s)
    }

    /// The table `score_quotes.py GOLD PRED` prints, byte for byte (each line ends with a
    /// newline).
    pub fn to_table(&self) -> String {
        let mut out = format!(
            "{:14} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}\n",
            "track@match", "gold", "pred", "P", "R", "F1", "src", "cue", "name", "date", "e2eF1"
        );
        for (k, v) in &self.rows {
            let _ = writeln!(
                out,
                "{k:14} {:6} {:6} {} {} {} {} {} {} {} {}",
                v.gold,
                v.pred,
                pct(Some(v.p)),
                pct(Some(v.r)),
                pct(Some(v.f1)),
                pct(v.source_acc),
                pct(v.cue_acc),
                pct(v.speaker_name_acc),
                pct(v.date_acc),
                pct(Some(v.e2e_f1)),
            );
        }
        out
    }

    /// What `score_quotes.py GOLD PRED --json` prints (`json.dumps(…, indent=1)`), byte for
    /// byte, without the final newline.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{");
        for (i, (k, v)) in self.rows.iter().enumerate() {
            let fields: [(&str, String); 15] = [
                ("gold", v.gold.to_string()),
                ("pred", v.pred.to_string()),
                ("matched", v.matched.to_string()),
                ("P", py_float(v.p)),
                ("R", py_float(v.r)),
                ("F1", py_float(v.f1)),
                ("source_acc", py_opt(v.source_acc)),
                ("cue_acc", py_opt(v.cue_acc)),
                ("speaker_name_acc", py_opt(v.speaker_name_acc)),
                ("speaker_name_n", v.speaker_name_n.to_string()),
                ("date_acc", py_opt(v.date_acc)),
                ("date_n", v.date_n.to_string()),
                ("e2e_P", py_float(v.e2e_p)),
                ("e2e_R", py_float(v.e2e_r)),
                ("e2e_F1", py_float(v.e2e_f1)),
            ];
            out.push_str(if i == 0 { "\n" } else { ",\n" });
            let _ = write!(out, " {}: {{", py_str(k));
            for (j, (name, value)) in fields.iter().enumerate() {
                out.push_str(if j == 0 { "\n" } else { ",\n" });
                let _ = write!(out, "  \"{name}\": {value}");
            }
            out.push_str("\n }");
        }
        out.push_str(if self.rows.is_empty() { "}" } else { "\n}" });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_read_as_python_repr() {
        // Expected strings are Python's repr of the same doubles.
        let cases = [
            (0.0, "0.0"),
            (1.0, "1.0"),
            (0.5, "0.5"),
            (2.0 / 3.0, "0.6666666666666666"),
            (1.0 / 3.0, "0.3333333333333333"),
            (0.1 + 0.2, "0.30000000000000004"),
            (0.0001, "0.0001"),
            (0.00012, "0.00012"),
            (0.00001, "1e-05"),
            (1.5e-5, "1.5e-05"),
            (1.0 / 70000.0, "1.4285714285714285e-05"),
            (123.25, "123.25"),
            (1e16, "1e+16"),
            (1234567890123456.0, "1234567890123456.0"),
            (-0.25, "-0.25"),
        ];
        for (x, want) in cases {
            assert_eq!(py_float(x), want, "{x:e}");
        }
    }

    #[test]
    fn strings_escape_as_json_dumps() {
        assert_eq!(py_str("all@0.3"), "\"all@0.3\"");
        assert_eq!(py_str("a\"b\\ı😀"), "\"a\\\"b\\\\\\u0131\\ud83d\\ude00\"");
    }

    #[test]
    fn none_prints_as_a_dash() {
        assert_eq!(pct(None), "   -  ");
        assert_eq!(pct(Some(0.5)), "  50.0");
        assert_eq!(pct(Some(1.0)), " 100.0");
    }
}
