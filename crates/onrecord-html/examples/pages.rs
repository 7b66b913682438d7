//! Extracts every page named on the command line and prints one JSON line each:
//! `{"id", "title", "body", "published", "modified", "bylines", "outlet", "url", "language"}`.
//! The id is the file name without extensions. A page's address can be given as
//! `--urls FILE` (JSONL lines with `id` and `url`), so that dates in addresses are seen.
//!
//! ```sh
//! cargo run --release -p onrecord-html --example pages -- page1.html page2.html
//! ```

use std::collections::HashMap;
use std::io::Write;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut urls: HashMap<String, String> = HashMap::new();
    if let Some(i) = args.iter().position(|a| a == "--urls") {
        let file = args.remove(i + 1);
        args.remove(i);
        for line in std::fs::read_to_string(file).expect("--urls file").lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            if let (Some(id), Some(url)) = (v["id"].as_str(), v["url"].as_str()) {
                urls.insert(id.to_string(), url.to_string());
            }
        }
    }
    let out = std::io::stdout();
    let mut out = out.lock();
    for path in args {
        let bytes = std::fs::read(&path).expect("readable page");
        let id = std::path::Path::new(&path)
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.split('.').next())
            .unwrap_or_default()
            .to_string();
        let page = onrecord_html::Page {
            bytes: &bytes,
            url: urls.get(&id).map(String::as_str),
            ..Default::default()
        };
        if std::env::var_os("EXPLAIN").is_some() {
            eprint!("{id}: {}", onrecord_html::explain(&page));
        }
        let a = onrecord_html::extract(&page);
        let line = serde_json::json!({
            "id": id,
            "title": a.title,
            "body": a.text,
            "published": a.published.as_ref().map(|s| s.datetime.clone()),
            "published_from": a.published.as_ref().map(|s| s.evidence.clone()),
            "modified": a.modified.as_ref().map(|s| s.datetime.clone()),
            "bylines": a.bylines,
            "outlet": a.outlet,
            "url": a.canonical_url,
            "language": a.language.as_ref().map(|l| l.code.clone()),
            "captions": a.captions.len(),
            "dates_seen": a.dates_seen,
        });
        writeln!(out, "{line}").unwrap();
    }
}
