//! Developer tool: analyse annotated-corpus JSONL from stdin and print predictions (with
//! `--flags`, only the cue detector's decisions). Users run `onrecord extract` instead.
use std::io::{BufRead, Write};

fn main() {
    let stdin = std::io::stdin().lock();
    let args: Vec<String> = std::env::args().collect();
    let mut out = std::io::stdout().lock();
    let flags_only = args.iter().any(|a| a == "--flags");
    for line in stdin.lines() {
        let v: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        let article = onrecord_core::Article {
            id: v["id"].as_str().unwrap().into(),
            text: v["text"].as_str().unwrap().into(),
            published: v["published"].as_str().and_then(|d| d.parse().ok()),
            ..Default::default()
        };
        if flags_only {
            // the cue detector's decisions, as code-point spans
            let doc = onrecord_analysis::text::Doc::new(&article.text);
            let lex = onrecord_analysis::lexicon::Lexicon::builtin();
            let flags = onrecord_analysis::models::cue::CueModel::builtin().flags(&doc, lex);
            let cp = onrecord_core::CodePoints::new(&article.text);
            let spans: Vec<[usize; 2]> = (0..doc.tokens.len())
                .filter(|&i| flags[i])
                .map(|i| cp.span(doc.tokens[i].span))
                .collect();
            writeln!(
                out,
                "{}",
                serde_json::json!({"id": article.id, "cues": spans})
            )
            .unwrap();
            continue;
        }
        let a = onrecord_analysis::analyze(&article);
        let rec = onrecord_core::annotated_record(
            &article,
            &a,
            onrecord_core::AnnotatedOptions { text: false },
        );
        writeln!(out, "{rec}").unwrap();
    }
}
