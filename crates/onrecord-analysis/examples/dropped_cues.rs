//! Developer tool: gold cues of annotated-corpus JSONL on stdin that the cue model flags but
//! the attribution rules drop (no source or no content found), with their sentence: where
//! cue recall is lost after detection.
use onrecord_analysis::lexicon::{read_gold, Lexicon};
use onrecord_analysis::models::cue::CueModel;
use onrecord_analysis::text::Doc;

fn main() {
    let gold = read_gold(std::io::stdin().lock()).expect("read");
    let lex = Lexicon::builtin();
    let flags_of = CueModel::builtin();
    let (mut flagged, mut dropped) = (0, 0);
    for gd in &gold {
        let doc = Doc::new(&gd.text);
        let flags = flags_of.flags(&doc, lex);
        let found = onrecord_analysis::attrib::find_with(&doc, flags.clone());
        for a in &gd.attributions {
            let Some(c) = a.cue.first() else { continue };
            let heads: Vec<usize> = (doc.token_at(c.start)..doc.tokens.len())
                .take_while(|&i| doc.tokens[i].span.start < a.cue.last().unwrap().end)
                .filter(|&i| flags[i])
                .collect();
            let Some(&h) = heads.first() else { continue };
            flagged += 1;
            if found.iter().any(|f| heads.contains(&f.cue_tok)) {
                continue;
            }
            dropped += 1;
            let (s, e) = doc
                .sentences
                .iter()
                .copied()
                .find(|&(s, e)| s <= h && h < e)
                .unwrap_or((h, h + 1));
            let text = &gd.text[doc.tokens[s].span.start..doc.tokens[e - 1].span.end];
            println!("CUE {:?}\n  {text}", doc.tok(h));
        }
    }
    println!("gold cues flagged {flagged}, dropped by the rules {dropped}");
}
