//! The repository's `examples/` folders read as the README says they do: the corpus cleanly,
//! the bad inputs each with its own problem and without stopping the others.

use std::path::PathBuf;

use onrecord_ingest::{read_inputs, Item, ReadOptions, Severity};

fn examples(dir: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(dir)
}

fn read(dir: &str) -> Vec<Item> {
    read_inputs(&[examples(dir)], &ReadOptions::default()).collect()
}

#[test]
fn example_corpus_reads_without_problems() {
    let items = read("corpus");
    let problems: Vec<String> = items
        .iter()
        .filter_map(|i| i.problem().map(|p| p.to_string()))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    let articles: Vec<_> = items.iter().filter_map(Item::article).collect();
    let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "2024-03-04-talks-must-resume",
            "meridian-2024-03-05-vardania",
            "families-appeal-to-mediators",
            "kestrel-marchetti-interview",
            "meridian-2024-03-07-un-envoy",
            "kestrel-2024-03-08-neresia-conditions",
        ]
    );
    let day = |i: usize| articles[i].published.map(|d| d.to_string());
    assert_eq!(day(0).as_deref(), Some("2024-03-04"));
    assert_eq!(day(2), None, "the third article has no front matter");
    assert_eq!(day(3).as_deref(), Some("2024-03-06"));
    assert_eq!(day(5).as_deref(), Some("2024-03-08"));
    // The headline stays in the text, where headline attributions are found.
    assert!(articles[0]
        .text
        .starts_with("Talks must resume within weeks: Yıldırım\n\n"));
    assert_eq!(
        articles[0].title.as_deref(),
        Some("Talks must resume within weeks: Yıldırım")
    );
    let html = &articles[3];
    assert_eq!(html.outlet.as_deref(), Some("Kestrel News"));
    assert!(html
        .text
        .contains("“A river does not stop at a border post,” she said."));
    assert!(
        !html.text.contains("We are close"),
        "figure captions are left out"
    );
    assert!(!html.text.contains("Read also"), "asides are left out");
    assert!(
        !html.text.contains("All rights reserved"),
        "footers are left out"
    );
    for a in &articles {
        let words = a.text.split_whitespace().count();
        assert!((250..=500).contains(&words), "{}: {words} words", a.id);
    }
}

#[test]
fn bad_examples_each_report_their_problem() {
    let items = read("bad");
    let lines: Vec<String> = items
        .iter()
        .map(|i| match i {
            Item::Article(a) => format!("article {}", a.id),
            Item::Problem(p) => {
                let file = p.origin.path.rsplit(['/', '\\']).next().unwrap_or_default();
                let line = p.origin.line.map(|l| format!(":{l}")).unwrap_or_default();
                format!("{} {file}{line}", p.severity)
            }
        })
        .collect();
    assert_eq!(
        lines,
        [
            "warning briefing-notes.pdf",
            "error empty.txt",
            "warning latin1-not-utf8.txt",
            "article latin1-not-utf8",
            "article bad-1",
            "error one-broken-line.jsonl:2",
            "article bad-3",
            "error photo-named-as-text.txt",
        ]
    );
    let msg = |name: &str| {
        items
            .iter()
            .filter_map(Item::problem)
            .find(|p| p.origin.path.ends_with(name))
            .map(|p| p.message.clone())
            .unwrap()
    };
    assert!(msg("briefing-notes.pdf").starts_with("skipped: unknown file type '.pdf'"));
    assert_eq!(msg("empty.txt"), "file is empty");
    assert!(msg("latin1-not-utf8.txt").starts_with("invalid UTF-8"));
    assert!(msg("one-broken-line.jsonl").starts_with("invalid JSON"));
    assert!(msg("photo-named-as-text.txt").starts_with("binary file"));
    // Named explicitly, a PDF is an error rather than a skip.
    let pdf = examples("bad").join("briefing-notes.pdf");
    let items: Vec<Item> = read_inputs(&[pdf], &ReadOptions::default()).collect();
    assert_eq!(items[0].problem().unwrap().severity, Severity::Error);
}
