//! Developer tool: how often the rules and the end model pick the gold content end, given
//! the gold cues of annotated-corpus JSONL on stdin.
use onrecord_analysis::lexicon::{read_gold, Lexicon};
use onrecord_analysis::models::end::EndModel;
use onrecord_analysis::text::Doc;

fn main() {
    let gold = read_gold(std::io::stdin().lock()).expect("read");
    let lex = Lexicon::builtin();
    let model = EndModel::builtin();
    let (mut n, mut rule_ok, mut model_ok) = (0, 0, 0);
    let show = std::env::args().any(|a| a == "--show");
    for gd in &gold {
        let doc = Doc::new(&gd.text);
        let examples = onrecord_analysis::models::end::examples(
            &doc,
            gd,
            lex,
            onrecord_analysis::attrib::end_points,
        );
        for (p, gold_end) in examples {
            n += 1;
            rule_ok += (p.rule == gold_end) as usize;
            let m = model.choose(&doc, lex, p);
            model_ok += (m == gold_end) as usize;
            if show && m != gold_end {
                let t = |a: usize, b: usize| {
                    &gd.text[doc.tokens[a].span.start..doc.tokens[b - 1].span.end]
                };
                println!(
                    "CUE {}\n  GOLD {}\n  MODEL {}\n  RULE {}",
                    doc.tok(p.cue_tok),
                    t(p.start, gold_end),
                    t(p.start, m),
                    t(p.start, p.rule)
                );
            }
        }
    }
    println!("decisions {n}: rules right {rule_ok}, model right {model_ok}");
}
