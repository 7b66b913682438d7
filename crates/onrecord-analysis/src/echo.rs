//! One statement once: the words a page prints twice are one statement.
//!
//! News pages repeat themselves. A headline comes back above the body, a pull quote repeats a
//! paragraph, a syndicated copy prints its headline twice, and a subheadline or a
//! `Claim: Speaker` headline restates what the lede says in full. Every such attribution stays
//! in the analysis (the spans are real, and annotated corpora mark each), but it carries an
//! [`Echo`] pointing to the statement it repeats, so that the record — the store, the lists,
//! the counts — holds each statement once.
//!
//! - A **repeat** says the same words again, by the same speaker: the later one points to the
//!   first. It is not stored as a statement of its own.
//! - A **restatement** is a headline or subheadline whose words the lede or an early body
//!   paragraph says again in full; it points to that body statement, is stored, and is shown
//!   as the headline of it.

use onrecord_core::{Attribution, AttributionKind, Echo, EchoKind, Span};

use crate::text::{is_caption, Doc};

/// How many body paragraphs after the head a restatement is looked for in: the lede and the
/// paragraphs that expand it.
const LEDE_PARAGRAPHS: u32 = 4;

/// The share of a headline statement's content words the body statement must say again.
const RESTATED_SHARE: f64 = 0.6;

/// Mark every attribution that repeats or restates another.
pub fn mark(doc: &Doc, attributions: &mut [Attribution]) {
    let words: Vec<Vec<String>> = attributions
        .iter()
        .map(|a| content_words(doc.text, &a.content))
        .collect();
    if doc.tokens.is_empty() {
        return;
    }
    let para = |a: &Attribution| {
        a.content
            .first()
            .map(|s| doc.tokens[doc.token_at(s.start).min(doc.tokens.len() - 1)].para)
            .unwrap_or(0)
    };
    let paras: Vec<u32> = attributions.iter().map(para).collect();
    let head_end = head_paragraphs(doc);
    for j in 0..attributions.len() {
        if words[j].is_empty() {
            continue;
        }
        // a repeat: the same words by the same speaker, earlier (not itself an echo)
        let repeat = (0..j).find(|&i| {
            attributions[i].echo.is_none()
                && attributions[i].speaker == attributions[j].speaker
                && words[i] == words[j]
        });
        if let Some(i) = repeat {
            attributions[j].echo = Some(Echo {
                of: i,
                kind: EchoKind::Repeat,
            });
        }
    }
    for j in 0..attributions.len() {
        if attributions[j].echo.is_some() || paras[j] >= head_end || words[j].is_empty() {
            continue;
        }
        let restated = (0..attributions.len()).find(|&k| {
            paras[k] >= head_end
                && paras[k] < head_end + LEDE_PARAGRAPHS
                && attributions[k].echo.is_none()
                && attributions[k].kind != AttributionKind::Headline
                && share(&words[j], &words[k]) >= RESTATED_SHARE
        });
        if let Some(k) = restated {
            attributions[j].echo = Some(Echo {
                of: k,
                kind: EchoKind::Restates,
            });
        }
    }
}

/// How far into the article the head may reach: headline, repeated headline, subheadline,
/// photo caption, credit.
const HEAD_MAX: usize = 6;

/// The paragraphs before the body: up to the last of the first few that reads as a headline
/// (no closing full stop, short) or a photo caption. A subheadline written as a sentence is
/// in the head when a headline-like paragraph follows it; the lede is where the head ends.
fn head_paragraphs(doc: &Doc) -> u32 {
    doc.paragraphs
        .iter()
        .take(HEAD_MAX)
        .enumerate()
        .take_while(|(_, p)| {
            // the head ends at the first long paragraph: the body has begun
            p.text(doc.text).split_whitespace().count() <= 40
        })
        .filter(|(_, p)| {
            let t = p.text(doc.text).trim();
            let ends = t.trim_end_matches(['"', '\u{201d}', '\u{2019}', '\'', ')']);
            let sentence = ends.ends_with(['.', '!', '?']);
            is_caption(t) || !sentence && t.split_whitespace().count() <= 25
        })
        .map(|(i, _)| i as u32 + 1)
        .last()
        .unwrap_or(0)
}

/// The content's words, lower-cased, without punctuation, in order.
fn content_words(text: &str, spans: &[Span]) -> Vec<String> {
    spans
        .iter()
        .flat_map(|s| s.text(text).split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The share of `head`'s words of four letters or more that `body` says too.
fn share(head: &[String], body: &[String]) -> f64 {
    let long: Vec<&String> = head.iter().filter(|w| w.chars().count() >= 4).collect();
    if long.len() < 2 {
        return 0.0;
    }
    let said = long.iter().filter(|w| body.contains(w)).count();
    said as f64 / long.len() as f64
}

#[cfg(test)]
mod tests {
    use onrecord_core::Article;

    use super::*;

    fn analyze(text: &str) -> Vec<(String, Option<Echo>)> {
        let a = Article {
            id: "t".into(),
            text: text.into(),
            published: "2031-03-08".parse().ok(),
            ..Default::default()
        };
        crate::analyze(&a)
            .attributions
            .iter()
            .map(|at| (at.content[0].text(text).to_string(), at.echo))
            .collect()
    }

    /// A headline printed twice is one statement; the second copy points to the first, and
    /// both restate the lede, which says the same in full.
    #[test]
    fn a_repeated_headline_is_one_statement_restating_the_lede() {
        let text = "Ferry tolls must rise to save the old piers: Kaya\n\nFerry tolls must rise to save the old piers: Kaya\n\nFerry tolls in Portvel must rise this spring to save the old piers from collapse, Harbour Minister Ana Kaya said on Saturday.\n\n\"We have no other choice,\" Kaya told reporters.";
        let got = analyze(text);
        assert_eq!(got.len(), 4, "{got:?}");
        let lede = got
            .iter()
            .position(|(c, _)| c.starts_with("Ferry tolls in Portvel"))
            .unwrap();
        assert_eq!(
            got[0].1,
            Some(Echo {
                of: lede,
                kind: EchoKind::Restates
            })
        );
        assert_eq!(
            got[1].1,
            Some(Echo {
                of: 0,
                kind: EchoKind::Repeat
            })
        );
        assert_eq!(got[lede].1, None);
        assert_eq!(got[3].1, None);
    }

    /// The same words said again later by the same speaker are a repeat; by another speaker,
    /// they are that speaker's own statement.
    #[test]
    fn same_words_same_speaker_only() {
        let text = "Harbour Minister Ana Kaya visited the old piers of Portvel on Saturday with two engineers and a camera crew.\n\n\"The piers are safe,\" Kaya said.\n\n\"The piers are safe,\" Kaya said again later.\n\n\"The piers are safe,\" harbour pilot Ed Loy said, with a smile.";
        let got = analyze(text);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0].1, None);
        assert_eq!(
            got[1].1.map(|e| (e.of, e.kind)),
            Some((0, EchoKind::Repeat))
        );
        assert_eq!(got[2].1, None);
    }

    /// A body statement is never taken for a restatement, however close its words are to an
    /// earlier one: only the head restates.
    #[test]
    fn body_statements_do_not_restate() {
        let text = "The harbour board met on Friday in the port town of Portvel, where it spoke about tolls.\n\nKaya said the tolls must rise to save the old piers this spring.\n\nLoy said the tolls must rise to save the old piers, and soon.";
        let got = analyze(text);
        assert!(got.iter().all(|(_, e)| e.is_none()), "{got:?}");
    }
}
