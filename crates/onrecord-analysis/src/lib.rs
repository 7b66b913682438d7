//! The analysis of one article: a pure, deterministic function with no I/O.
//!
//! `analyze(&Article) -> Analysis` runs the stages in order, each reading the same document
//! model: `text` (paragraphs, sentences, quotation marks), `attrib` (cues, content, source),
//! `people` (speaker resolution and identities), `time` (statement days).

use onrecord_core::{Analysis, Article};

/// Analyse one article. Pure and deterministic: the same article always gives the same
/// analysis, so callers may run it on any thread.
pub fn analyze(article: &Article) -> Analysis {
    let _ = article;
    Analysis::default()
}
