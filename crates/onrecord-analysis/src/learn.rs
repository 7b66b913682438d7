//! Learning the attribution stage's data from annotated copy: the cue lexicon, the cue
//! model, and the start and end models (`onrecord learn-cues`).
//!
//! The start and end models learn to revise the rules' own decisions, so their examples are
//! the points where [`crate::attrib`] started or ended a content given the gold cues. This
//! module hands the rules to the models ([`attrib::start_points`], [`attrib::end_points`]):
//! it sits above both, so that the models never import the rules that use them.

use onrecord_core::Span;

use crate::attrib;
use crate::lexicon::Lexicon;
use crate::models::cue::{self, CueModel};
use crate::models::end::{self, EndModel};
use crate::models::start::{self, StartModel};
use crate::models::Models;

/// Learn the lexicon, the cue model and the content-start and content-end models from annotated-corpus JSONL
/// (training data only).
pub fn learn(input: impl std::io::BufRead) -> Result<Models, String> {
    let gold = crate::lexicon::read_gold(input)?;
    let docs: Vec<(String, Vec<Vec<Span>>)> = gold
        .iter()
        .map(|d| {
            let cues = d.attributions.iter().map(|a| a.cue.clone()).collect();
            (d.text.clone(), cues)
        })
        .collect();
    let lexicon = Lexicon::learn(docs.iter().map(|(t, c)| (t.as_str(), c.clone())));
    let cues = CueModel::train(&docs, &lexicon, cue::EPOCHS);
    let starts = StartModel::train(&gold, &lexicon, start::EPOCHS, attrib::start_points);
    let ends = EndModel::train(&gold, &lexicon, end::EPOCHS, attrib::end_points);
    Ok(Models {
        lexicon,
        cues,
        starts,
        ends,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{GoldAttribution, GoldDoc};
    use crate::text::Doc;

    /// "declined to comment on X": the content is X; the model learns to skip the phrase
    /// from examples, and a blank model keeps the rules' start.
    #[test]
    fn learns_to_skip_a_cue_phrase_and_round_trips() {
        let text = "The mayor Lina Ost declined to comment on the harbour plan. \
                    The minister Oren Tal declined to comment on the new tariff. \
                    The judge Ruth Imre declined to comment on the appeal.";
        let at = |needle: &str, from: &str| {
            let base = text.find(from).unwrap();
            let s = base + text[base..].find(needle).unwrap();
            Span::new(s, s + needle.len())
        };
        let docs = vec![GoldDoc {
            text: text.to_string(),
            attributions: ["The mayor", "The minister", "The judge"]
                .iter()
                .zip(["the harbour plan", "the new tariff", "the appeal"])
                .map(|(who, what)| GoldAttribution {
                    cue: vec![at("declined", who)],
                    content: vec![at(what, who)],
                })
                .collect(),
        }];
        let lex = Lexicon::learn(docs.iter().map(|d| {
            (
                d.text.as_str(),
                d.attributions.iter().map(|a| a.cue.clone()).collect(),
            )
        }));
        let model = StartModel::train(&docs, &lex, 5, crate::attrib::start_points);
        let doc = Doc::new(text);
        let cues: Vec<bool> = (0..doc.tokens.len())
            .map(|i| doc.tok(i) == "declined")
            .collect();
        let points = crate::attrib::start_points(&doc, &lex, cues);
        assert_eq!(points.len(), 3, "{points:?}");
        let blank = StartModel::parse("");
        let back = StartModel::parse(&model.to_tsv());
        for p in &points {
            let s = model.choose(&doc, &lex, *p);
            assert_eq!(doc.tok(s - 1), "on", "{p:?}");
            assert_eq!(blank.choose(&doc, &lex, *p), p.rule);
            assert_eq!(back.choose(&doc, &lex, *p), s);
        }
    }

    /// A stance verb's noun-phrase content stops at the relative clause; the model learns it
    /// from examples, and an untrained model keeps the rules' end.
    #[test]
    fn learns_to_end_a_noun_phrase_content_and_round_trips() {
        let text = "Senator Aldous Venn endorsed Mayor Ilse Brandt, who said she was grateful. \
                    Governor Mara Quill endorsed the harbour plan, which passed in June. \
                    Judge Oren Tal endorsed Councillor Ruth Imre, who thanked him.";
        let at = |needle: &str| {
            let s = text.find(needle).unwrap();
            Span::new(s, s + needle.len())
        };
        let docs = vec![GoldDoc {
            text: text.to_string(),
            attributions: vec![
                GoldAttribution {
                    cue: vec![at("endorsed Mayor")],
                    content: vec![at("Mayor Ilse Brandt")],
                },
                GoldAttribution {
                    cue: vec![at("endorsed the")],
                    content: vec![at("the harbour plan")],
                },
                GoldAttribution {
                    cue: vec![at("endorsed Councillor")],
                    content: vec![at("Councillor Ruth Imre")],
                },
            ],
        }];
        // cue spans name the whole word only
        let docs: Vec<GoldDoc> = docs
            .into_iter()
            .map(|mut d| {
                for a in &mut d.attributions {
                    a.cue[0].end = a.cue[0].start + "endorsed".len();
                }
                d
            })
            .collect();
        let lex = Lexicon::learn(docs.iter().map(|d| {
            (
                d.text.as_str(),
                d.attributions.iter().map(|a| a.cue.clone()).collect(),
            )
        }));
        let model = EndModel::train(&docs, &lex, 5, crate::attrib::end_points);
        let doc = Doc::new(text);
        let cues: Vec<bool> = (0..doc.tokens.len())
            .map(|i| doc.tok(i) == "endorsed")
            .collect();
        let points = crate::attrib::end_points(&doc, &lex, cues);
        assert_eq!(points.len(), 3, "{points:?}");
        for p in &points {
            let e = model.choose(&doc, &lex, *p);
            let words = &text[doc.tokens[p.start].span.start..doc.tokens[e - 1].span.end];
            assert!(
                !words.contains("who") && !words.contains("which"),
                "{words}"
            );
            // zero weights: the rules' end stands
            let blank = EndModel::parse("");
            assert_eq!(blank.choose(&doc, &lex, *p), p.rule);
        }
        let back = EndModel::parse(&model.to_tsv());
        for p in &points {
            assert_eq!(back.choose(&doc, &lex, *p), model.choose(&doc, &lex, *p));
        }
    }
}
