//! The analysis of one article: a pure, deterministic function with no I/O.
//!
//! `analyze(&Article) -> Analysis` runs the stages in order, each reading the same document
//! model: `text` (paragraphs, sentences, quotation marks), `attrib` (cues, content, source),
//! `people` (speaker resolution and identities), `time` (statement days).

pub mod attrib;
pub mod lexicon;
pub mod text;

use onrecord_core::{Analysis, Article, Attribution};

/// Analyse one article. Pure and deterministic: the same article always gives the same
/// analysis, so callers may run it on any thread.
pub fn analyze(article: &Article) -> Analysis {
    let doc = text::Doc::new(&article.text);
    let found = attrib::find(&doc, lexicon::Lexicon::builtin());
    let attributions = found
        .iter()
        .map(|f| Attribution {
            kind: f.kind,
            content: f.content.clone(),
            cue: f.cue.clone(),
            source: f.source.map(|(s, e)| vec![doc.tokens[s].span.cover(&doc.tokens[e - 1].span)]).unwrap_or_default(),
            speaker: None,
            date: None,
            date_evidence: None,
            audience: f.audience,
        })
        .collect();
    Analysis {
        paragraphs: doc.paragraphs.clone(),
        sentences: doc.sentence_spans(),
        attributions,
        ..Analysis::default()
    }
}
