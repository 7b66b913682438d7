//! The analysis of one article: a pure, deterministic function with no I/O.
//!
//! `analyze(&Article) -> Analysis` runs the stages in order, each reading the same document
//! model: `text` (paragraphs, sentences, quotation marks), `attrib` (cues, content, source),
//! `people` (speaker resolution and identities), `time` (statement days).

pub mod attrib;
pub mod cuemodel;
pub mod lexicon;
pub mod people;
pub mod text;
pub mod time;

use onrecord_core::{Analysis, Article, Attribution};

/// Analyse one article. Pure and deterministic: the same article always gives the same
/// analysis, so callers may run it on any thread.
pub fn analyze(article: &Article) -> Analysis {
    let doc = text::Doc::new(&article.text);
    let found = attrib::find(&doc, lexicon::Lexicon::builtin(), cuemodel::CueModel::builtin());
    let (speakers, speaker_of) = people::resolve(&doc, &found);
    let exprs = time::day_expressions(&doc, article.published);
    let days = time::statement_days(&doc, &found, &speaker_of, article.published, &exprs);
    let attributions = found
        .iter()
        .zip(speaker_of)
        .zip(days)
        .map(|((f, speaker), (date, date_evidence))| Attribution {
            kind: f.kind,
            content: f.content.clone(),
            cue: f.cue.clone(),
            source: f
                .source
                .map(|(s, e)| vec![doc.tokens[s].span.cover(&doc.tokens[e - 1].span)])
                .unwrap_or_default(),
            speaker,
            date,
            date_evidence,
            audience: f.audience,
        })
        .collect();
    Analysis {
        paragraphs: doc.paragraphs.clone(),
        sentences: doc.sentence_spans(),
        attributions,
        speakers,
        timexes: time::timexes(&exprs),
        ..Analysis::default()
    }
}
