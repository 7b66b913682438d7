//! The analysis of one article: a pure, deterministic function with no I/O.
//!
//! `analyze(&Article) -> Analysis` runs the stages in order, each reading the same document
//! model: `text` (paragraphs, sentences, quotation marks), `attrib` (cues, content, source;
//! a folder by the shape of news copy), `people` (speaker resolution and identities), `time`
//! (statement days), `echo` (a statement printed twice is one statement).
//!
//! Beside them: `lexicon` (the learned cue words and phrases, and gold-corpus reading),
//! `models` (the cue detector and the content start and end models, which never import
//! `attrib`), and `learn` (rebuilding the lexicon and models from annotated copy, handing the
//! rules' decisions to the models).

pub mod agreement;
pub mod attrib;
pub mod echo;
pub mod events;
pub mod figures;
pub mod learn;
pub mod lexicon;
pub mod models;
pub mod people;
pub mod text;
pub mod time;

pub use models::Models;
use onrecord_core::{Analysis, Article, Attribution};

/// Analyse one article with the built-in models. Pure and deterministic: the same article
/// always gives the same analysis, so callers may run it on any thread.
pub fn analyze(article: &Article) -> Analysis {
    analyze_with(article, Models::builtin())
}

/// [`analyze`] with another set of learned tables (`onrecord learn-cues`).
pub fn analyze_with(article: &Article, models: &Models) -> Analysis {
    if !article.is_english() {
        return Analysis {
            skipped: Some(format!(
                "the text is in '{}': onrecord's statement and time analysis reads English only",
                article.language.as_deref().unwrap_or_default()
            )),
            ..Analysis::default()
        };
    }
    let doc = text::Doc::new(&article.text);
    let found = attrib::find(
        &doc,
        &models.lexicon,
        &models.cues,
        &models.starts,
        &models.ends,
    );
    let (speakers, speaker_of, how) = people::resolve_with_how(&doc, &found);
    let names: Vec<&str> = [article.url.as_deref(), Some(article.id.as_str())]
        .into_iter()
        .flatten()
        .collect();
    let timeline = time::Timeline::new(&article.text, article.published, &names);
    let exprs = time::day_expressions(&doc, &timeline.timexes);
    let mut days = time::statement_days(&doc, &found, &speaker_of, timeline.reference, &exprs);
    if article.published.is_none() {
        // the default day is an inferred one: say so
        for (_, ev) in &mut days {
            if *ev == Some(onrecord_core::DayEvidence::Published) {
                *ev = Some(onrecord_core::DayEvidence::InferredPublished);
            }
        }
    }
    let mut attributions: Vec<Attribution> = found
        .iter()
        .zip(speaker_of)
        .zip(days)
        .zip(how)
        .map(
            |(((f, speaker), (date, date_evidence)), resolution)| Attribution {
                kind: f.kind,
                content: f.content.clone(),
                cue: f.cue.clone(),
                source: f
                    .source
                    .map(|(s, e)| vec![doc.span_of(s, e)])
                    .unwrap_or_default(),
                speaker,
                date,
                date_evidence,
                audience: f.audience,
                echo: None,
                resolution,
            },
        )
        .collect();
    echo::mark(&doc, &mut attributions);
    let figures = figures::find(&doc, &attributions, &timeline.timexes);
    let mut events = events::find(&doc, &attributions, &speakers);
    events::date(&doc, &mut events, &attributions, &exprs);
    events::locate(&doc, &mut events, &speakers);
    Analysis {
        figures,
        events,
        paragraphs: doc.paragraphs.clone(),
        sentences: doc.sentence_spans(),
        attributions,
        speakers,
        timexes: timeline.timexes,
        published_inferred: timeline.inferred,
        skipped: None,
    }
}

/// [`analyze`], with a panic (a bug in the analysis) turned into its message, so that one
/// bad article never takes a batch or a server request down with it.
pub fn try_analyze(article: &Article) -> Result<Analysis, String> {
    try_analyze_with(article, Models::builtin())
}

/// [`try_analyze`] with another set of learned tables.
pub fn try_analyze_with(article: &Article, models: &Models) -> Result<Analysis, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        analyze_with(article, models)
    }))
    .map_err(|panic| {
        panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The analysis never gives up on an article: odd punctuation, unbalanced marks, cues at
    /// the very end, empty and one-word texts.
    #[test]
    fn never_panics_on_ragged_text() {
        let texts = [
            "",
            "said",
            "He said,",
            "He said:",
            "\"",
            "\"\"\"",
            "\u{201c}Unclosed quote said the minister",
            "Kaya said that",
            "Kaya told",
            "according to",
            "According to the ministry,",
            "\u{201d}Backwards\u{201c} she said.",
            "\u{2015} Name",
            "Headline: Kaya\n\n\n",
            "''Two apostrophes,'' he said, ''",
            "A, B, C, said D, E, F, adding",
            "Mr. Dr. Gov. said.",
            "...\n...\n\"...\" ... said ...",
            "Kaya said, \"",
            "Kaya said in a statement",
        ];
        for t in texts {
            let a = Article {
                id: "t".into(),
                text: t.to_string(),
                published: "2024-03-02".parse().ok(),
                ..Default::default()
            };
            let analysis = analyze(&a);
            for at in &analysis.attributions {
                for s in at.content.iter().chain(&at.cue).chain(&at.source) {
                    assert!(s.start <= s.end && s.end <= t.len(), "{t:?}: {s:?}");
                    assert!(t.is_char_boundary(s.start) && t.is_char_boundary(s.end));
                }
            }
        }
    }
}
