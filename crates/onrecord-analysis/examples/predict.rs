//! Developer tool: analyse annotated-corpus JSONL from stdin and print predictions, or with
//! `--learn` print the cue lexicon learned from it. Users run `onrecord extract` instead.
use std::io::{BufRead, Write};

fn main() {
    let stdin = std::io::stdin().lock();
    if std::env::args().any(|a| a == "--learn") {
        let lex = onrecord_analysis::lexicon::Lexicon::learn_jsonl(stdin).expect("learn");
        print!("{}", lex.to_tsv());
        return;
    }
    let mut out = std::io::stdout().lock();
    for line in stdin.lines() {
        let v: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        let article = onrecord_core::Article {
            id: v["id"].as_str().unwrap().into(),
            text: v["text"].as_str().unwrap().into(),
            published: v["published"].as_str().and_then(|d| d.parse().ok()),
            ..Default::default()
        };
        let a = onrecord_analysis::analyze(&article);
        let rec = onrecord_core::annotated_record(
            &article,
            &a,
            onrecord_core::AnnotatedOptions { text: false },
        );
        writeln!(out, "{rec}").unwrap();
    }
}
