//! How much of Microsoft Recognizers-Text's English DateTime specs the layer passes
//! (`shared/gold/recognizers-datetime-en.jsonl`; their conventions, not TIMEX3):
//!
//!     cargo run --release -p onrecord-time --example recognizers -- recognizers-datetime-en.jsonl
//!
//! Per suite: "spans" counts the cases whose expressions are found with exactly the expected
//! extents (extractor and model cases); "values" counts the model cases whose expressions also
//! carry the expected `timex` value (their ranges such as "(2016-11-07,2016-11-14,P1W)" we
//! never write, so those cases fail by construction).

use std::collections::BTreeMap;
use std::io::BufRead;

use onrecord_core::CodePoints;
use serde_json::Value;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: recognizers FILE.jsonl");
    let file = std::fs::File::open(&path).expect("cannot open input");
    // suite -> (cases, span passes, value cases, value passes)
    let mut by: BTreeMap<String, (usize, usize, usize, usize)> = BTreeMap::new();
    for line in std::io::BufReader::new(file).lines().map_while(Result::ok) {
        let d: Value = serde_json::from_str(&line).expect("JSON");
        let kind = d["kind"].as_str().unwrap_or_default();
        if kind == "parser" {
            continue;
        }
        let suite = d["suite"].as_str().unwrap_or_default().to_string();
        let input = d["input"].as_str().unwrap_or_default();
        let reference = d["reference"]
            .as_str()
            .and_then(|r| r.get(..10))
            .and_then(|r| r.parse().ok());
        let cp = CodePoints::new(input);
        let found: Vec<([usize; 2], String)> = onrecord_time::find(input, reference)
            .into_iter()
            .map(|t| (cp.span(t.span), t.value))
            .collect();
        let want: Vec<([usize; 2], String)> = d["results"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|r| {
                        let s = r["start"].as_u64().unwrap_or(0) as usize;
                        let e = r["end"].as_u64().unwrap_or(0) as usize;
                        ([s, e], r["timex"].as_str().unwrap_or_default().to_string())
                    })
                    .collect()
            })
            .unwrap_or_default();
        let spans_ok =
            found.len() == want.len() && found.iter().zip(&want).all(|(f, w)| f.0 == w.0);
        let e = by.entry(suite).or_default();
        e.0 += 1;
        e.1 += usize::from(spans_ok);
        if kind == "model" {
            e.2 += 1;
            e.3 += usize::from(spans_ok && found.iter().zip(&want).all(|(f, w)| f.1 == w.1));
        }
    }
    let mut total = (0, 0, 0, 0);
    println!(
        "{:42} {:>6} {:>7} {:>7}",
        "suite", "cases", "spans%", "values%"
    );
    for (suite, (n, s, vn, v)) in &by {
        let pct = |a: usize, b: usize| {
            if b > 0 {
                format!("{:.1}", 100.0 * a as f64 / b as f64)
            } else {
                "-".into()
            }
        };
        println!("{suite:42} {n:6} {:>7} {:>7}", pct(*s, *n), pct(*v, *vn));
        total = (total.0 + n, total.1 + s, total.2 + vn, total.3 + v);
    }
    println!(
        "{:42} {:6} {:>7.1} {:>7.1}",
        "all",
        total.0,
        100.0 * total.1 as f64 / total.0 as f64,
        100.0 * total.3 as f64 / total.2.max(1) as f64
    );
}
