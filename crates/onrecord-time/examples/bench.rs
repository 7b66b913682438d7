//! Throughput of the time layer alone, on one thread, over the texts of a JSONL file (what
//! `onrecord-analysis` runs per article: scan, infer the publication day when there is none,
//! normalise):
//!
//!     cargo run --release -p onrecord-time --example bench -- FILE.jsonl [ROUNDS]

use std::io::BufRead;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: bench FILE.jsonl [ROUNDS]");
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let file = std::fs::File::open(&path).expect("cannot open input");
    let docs: Vec<(String, Option<chrono::NaiveDate>)> = std::io::BufReader::new(file)
        .lines()
        .map_while(Result::ok)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(&l).expect("JSON");
            (
                v["text"].as_str().unwrap_or_default().to_string(),
                v["published"].as_str().and_then(|s| s.parse().ok()),
            )
        })
        .collect();
    let chars: usize = docs.iter().map(|(t, _)| t.chars().count()).sum();
    let mut best = f64::MAX;
    let mut found = 0;
    for _ in 0..rounds {
        let start = Instant::now();
        found = 0;
        for (text, published) in &docs {
            let scan = onrecord_time::Scan::new(text);
            let inferred = match published {
                Some(_) => None,
                None => scan.infer_published(),
            };
            let reference = published.or(inferred.map(|d| d.day));
            found += scan.timexes(reference).len();
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{} documents, {chars} characters, {found} timexes: {:.3} s, {:.0} characters/s (best of {rounds})",
        docs.len(),
        best,
        chars as f64 / best
    );
}
