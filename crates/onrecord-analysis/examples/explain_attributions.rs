//! Developer tool: print the sentences, quotes and attributions found in a text given on
//! stdin, to see why a rule fired or did not.
use std::io::Read;

fn main() {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).unwrap();
    let article = onrecord_core::Article {
        id: "stdin".into(),
        text: text.clone(),
        published: "2016-10-01".parse().ok(),
        ..Default::default()
    };
    let doc = onrecord_analysis::text::Doc::new(&text);
    for s in doc.sentence_spans() {
        println!("SENT {:?}", s.text(&text));
    }
    for q in &doc.quotes {
        println!("QUOTE closed={} {:?}", q.closed, q.span.text(&text));
    }
    let a = onrecord_analysis::analyze(&article);
    for at in &a.attributions {
        let sp = |v: &[onrecord_core::Span]| {
            v.iter()
                .map(|s| s.text(&text))
                .collect::<Vec<_>>()
                .join(" | ")
        };
        let who = at
            .speaker
            .map(|i| a.speakers[i].name.as_str())
            .unwrap_or("-");
        println!(
            "ATTR {:?} S[{}] C[{}] => {} ({:?}) :: {}",
            at.kind,
            sp(&at.source),
            sp(&at.cue),
            who,
            at.date,
            sp(&at.content)
        );
    }
}
