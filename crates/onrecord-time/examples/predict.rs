//! Run the time layer alone on a JSONL file of documents (`id`, `text`, `published`) and
//! print predictions in the annotated-corpus format (`timexes`, and `published`, inferred when
//! the input has none), for `score_timex.py`:
//!
//!     cargo run --release -p onrecord-time --example predict -- IN.jsonl > PRED.jsonl

use std::io::{BufRead, Write};

use onrecord_core::CodePoints;
use serde_json::{json, Value};

fn main() {
    let path = std::env::args().nth(1).expect("usage: predict IN.jsonl");
    let file = std::fs::File::open(&path).expect("cannot open input");
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in std::io::BufReader::new(file).lines() {
        let line = line.expect("read");
        if line.trim().is_empty() {
            continue;
        }
        let d: Value = serde_json::from_str(&line).expect("JSON");
        let text = d["text"].as_str().unwrap_or_default();
        let given = d["published"].as_str().and_then(|s| s.parse().ok());
        let scan = onrecord_time::Scan::new(text);
        let inferred = if given.is_none() {
            scan.infer_published()
        } else {
            None
        };
        let reference = given.or(inferred.as_ref().map(|i| i.day));
        let cp = CodePoints::new(text);
        let timexes: Vec<Value> = scan
            .timexes(reference)
            .iter()
            .map(|t| {
                let mut v = json!({"span": [cp.span(t.span)], "type": t.kind, "value": t.value});
                if let Some(m) = &t.modifier {
                    v["mod"] = json!(m);
                }
                v
            })
            .collect();
        let mut rec = json!({"id": d["id"], "published": reference.map(|r| r.to_string()), "timexes": timexes});
        if let Some(i) = &inferred {
            rec["published_inferred"] = json!({"confidence": i.confidence, "evidence": i.evidence.iter().map(|s| cp.span(*s)).collect::<Vec<_>>()});
        }
        writeln!(out, "{rec}").expect("write");
    }
}
