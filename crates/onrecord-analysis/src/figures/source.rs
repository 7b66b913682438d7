//! Who gives a figure: the speaker of the statement the figure is part of ("At least 847
//! civilians have been killed …, the UN said"; "…, according to U.N. estimates"). A source
//! that gives a figure in a paragraph ("one slide says", "according to the poll") gives the
//! paragraph's other figures too, as news copy reads: a paragraph of numbers under one
//! attribution. A figure with no source anywhere is stated by the article itself.

use onrecord_core::{Attribution, Figure};

use crate::text::Doc;

/// Credit each figure to the innermost statement whose content holds it; then each figure
/// left without one to the single source of its paragraph's other figures.
pub(crate) fn credit(doc: &Doc, figures: &mut [Figure], attributions: &[Attribution]) {
    let figures_spans: Vec<onrecord_core::Span> = figures.iter().map(|f| f.span).collect();
    // "47 percent said they would …": a count of people as the speaker gives no figures
    let counted_speaker = |a: &Attribution| {
        a.source.iter().any(|s| {
            figures_spans
                .iter()
                .any(|f: &onrecord_core::Span| f.start >= s.start && f.end <= s.end)
        })
    };
    for f in figures.iter_mut() {
        let holder = attributions
            .iter()
            .enumerate()
            .filter(|(_, a)| {
                a.content
                    .iter()
                    .any(|c| c.start <= f.span.start && f.span.end <= c.end)
            })
            .min_by_key(|(_, a)| a.content.iter().map(|c| c.len()).sum::<usize>());
        if let Some((i, a)) = holder {
            f.statement = Some(i);
            if !counted_speaker(a) {
                f.source = a.source.first().copied();
                f.speaker = a.speaker;
            }
        } else {
            f.source = closing_source(doc, f.span);
        }
    }
    let para_of = |f: &Figure| doc.paragraphs.partition_point(|p| p.end <= f.span.start);
    for k in 0..figures.len() {
        if figures[k].statement.is_some() {
            continue;
        }
        let p = para_of(&figures[k]);
        let mut givers = figures
            .iter()
            .filter(|g| g.source.is_some() && para_of(g) == p)
            .map(|g| (g.statement, g.source, g.speaker));
        let Some(first) = givers.next() else {
            continue;
        };
        // one giver only: two voices in a paragraph leave the narrator's figures alone
        if givers.all(|g| g.1.map(|s| s.text(doc.text)) == first.1.map(|s| s.text(doc.text))) {
            let f = &mut figures[k];
            (f.statement, f.source, f.speaker) = first;
        }
    }
}

/// Verbs that close a sentence whose figures they attribute: "…, data from the agency
/// shows.", "…, the survey found."
const CLOSERS: &[&str] = &[
    "shows",
    "showed",
    "show",
    "found",
    "finds",
    "estimates",
    "estimated",
    "indicates",
    "indicated",
    "suggests",
    "suggested",
    "reports",
    "reported",
    "says",
    "said",
    "concluded",
    "concludes",
    "projects",
    "projected",
    "predicts",
    "predicted",
];

/// The source of a sentence of the shape "FIGURES …, SOURCE shows.": a report whose cue
/// closes the sentence after the words that name the source.
fn closing_source(doc: &Doc, figure: onrecord_core::Span) -> Option<onrecord_core::Span> {
    let i = doc.token_at(figure.start);
    let &(s, e) = doc.sentences.iter().find(|&&(s, e)| s <= i && i < e)?;
    let mut last = e;
    while last > s && doc.tokens[last - 1].kind != crate::text::TokKind::Word {
        last -= 1;
    }
    let verb = last.checked_sub(1)?;
    if verb <= s || !CLOSERS.contains(&doc.lower(verb).as_ref()) {
        return None;
    }
    // the source: back from the verb to the comma that ends the figures' clause
    let mut k = verb;
    while k > s && doc.tok(k - 1) != "," && verb - k < 8 {
        k -= 1;
    }
    let figure_before = doc.tokens[k.saturating_sub(1)].span.end <= figure.start;
    if k == verb || k == s || doc.tok(k - 1) != "," || figure_before {
        return None;
    }
    Some(doc.tokens[k].span.cover(&doc.tokens[verb - 1].span))
}
