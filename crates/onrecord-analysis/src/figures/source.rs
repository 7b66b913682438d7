//! Who gives a figure: the speaker of the statement the figure is part of ("At least 847
//! civilians have been killed …, the UN said"; "…, according to U.N. estimates"). A source
//! that gives a figure in a paragraph ("one slide says", "according to the poll") gives the
//! paragraph's other figures too, as news copy reads: a paragraph of numbers under one
//! attribution. A figure with no source anywhere is stated by the article itself.

use onrecord_core::{Attribution, Figure, Span};

use crate::text::{Doc, TokKind};

/// Credit each figure to the innermost statement whose content holds it; then each figure
/// left without one to the single source of its paragraph's other figures.
pub(crate) fn credit(doc: &Doc, figures: &mut [Figure], attributions: &[Attribution]) {
    let figures_spans: Vec<Span> = figures.iter().map(|f| f.span).collect();
    // "47 percent said they would …": a count of people as the speaker gives no figures
    // (a figure modifying the speaker's noun, "a 52-count complaint says", does not count)
    let counted_speaker = |a: &Attribution| {
        a.source.iter().any(|s| {
            figures_spans
                .iter()
                .any(|f| f.start >= s.start && f.end <= s.end && !modifier(doc, *f))
        })
    };
    // a figure whose source gives the paragraph's other figures too
    let mut shared = vec![true; figures.len()];
    for (k, f) in figures.iter_mut().enumerate() {
        let holder = attributions
            .iter()
            .enumerate()
            .filter(|(_, a)| {
                a.content
                    .iter()
                    .any(|c| c.start <= f.span.start && f.span.end <= c.end)
            })
            .min_by_key(|(_, a)| a.content.iter().map(|c| c.len()).sum::<usize>());
        if let Some((who, pronoun)) = relative_report(doc, f.span) {
            // "the $18 million he says he raised"
            f.statement = holder.map(|(i, _)| i);
            f.source = Some(who);
            f.speaker = holder.filter(|_| pronoun).and_then(|(_, a)| a.speaker);
        } else if let Some(plan) = proposer(doc, f.span) {
            // "Mr. Roe's plan would cap the rate at 28 percent": the proposer's, not the
            // reporter's, and not the paragraph's
            f.statement = holder.map(|(i, _)| i);
            f.source = Some(plan);
            f.speaker = None;
            shared[k] = false;
        } else if let Some((i, a)) = holder {
            f.statement = Some(i);
            if !counted_speaker(a) {
                f.source = a.source.first().copied();
                f.speaker = a.speaker;
            }
        } else {
            f.source = closing_source(doc, f.span).or_else(|| evidence_subject(doc, f.span));
        }
    }
    let para_of = |f: &Figure| doc.paragraphs.partition_point(|p| p.end <= f.span.start);
    for k in 0..figures.len() {
        if figures[k].statement.is_some() || figures[k].source.is_some() || !shared[k] {
            continue;
        }
        // a report later in the figure's own sentence that leaves it out does not give it,
        // nor does a report whose source the figure describes ("a 12-count complaint")
        if cue_after_in_sentence(doc, figures[k].span, attributions)
            || in_source_as_modifier(doc, figures[k].span, attributions)
        {
            continue;
        }
        let p = para_of(&figures[k]);
        let mut givers = figures
            .iter()
            .zip(&shared)
            .filter(|(g, &s)| s && g.source.is_some() && para_of(g) == p)
            .map(|(g, _)| (g.statement, g.source, g.speaker));
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

/// A figure written as a compound modifier, "a 52-count complaint", "a 30-member board":
/// the noun it modifies is what speaks, not a count of speakers.
fn modifier(doc: &Doc, f: Span) -> bool {
    let w = f.text(doc.text);
    w.rsplit_once(['-', '\u{2010}', '\u{2011}'])
        .is_some_and(|(_, rest)| {
            rest.chars().all(char::is_alphabetic)
                && !rest.is_empty()
                && super::numbers::small_word(&rest.to_lowercase()).is_none()
                && super::numbers::fraction_word(&rest.to_lowercase()).is_none()
        })
}

/// Verbs of a report inside a noun phrase: "the $18 million he says he raised".
const RELATIVE_CUES: &[&str] = &[
    "says",
    "said",
    "say",
    "claims",
    "claimed",
    "claim",
    "estimates",
    "estimated",
];

/// The figure is the object of a reduced relative report: "the $18 million he says he
/// raised", "the 300 jobs the mill says it added". The report's subject and whether it is a
/// pronoun.
fn relative_report(doc: &Doc, f: Span) -> Option<(Span, bool)> {
    let mut j = doc.token_at(f.end);
    let n = doc.tokens.len();
    let &(_, end) = doc.sentences.iter().find(|&&(s, e)| s <= j && j < e)?;
    let end = end.min(n);
    // the counted noun, "that"
    if j < end && doc.tokens[j].kind == TokKind::Word && !is_subject_start(doc, j) {
        j += 1;
    }
    if j < end && matches!(doc.lower(j).as_ref(), "that" | "which") {
        j += 1;
    }
    if j >= end || !is_subject_start(doc, j) {
        return None;
    }
    let from = j;
    let pronoun = matches!(
        doc.lower(j).as_ref(),
        "he" | "she" | "they" | "we" | "i" | "it"
    );
    let to = if pronoun {
        j + 1
    } else if doc.lower(j) == "the" {
        (j + 2..(j + 4).min(end)).find(|&k| RELATIVE_CUES.contains(&doc.lower(k).as_ref()))?
    } else {
        (j + 1..(j + 4).min(end))
            .take_while(|&k| {
                doc.tokens[k].is_capitalized(doc.text)
                    || RELATIVE_CUES.contains(&doc.lower(k).as_ref())
            })
            .find(|&k| RELATIVE_CUES.contains(&doc.lower(k).as_ref()))?
    };
    // the verb, then the clause it reports (not a comma or the sentence's end)
    if to + 1 >= end
        || !RELATIVE_CUES.contains(&doc.lower(to).as_ref())
        || doc.tokens[to + 1].kind != TokKind::Word
    {
        return None;
    }
    Some((
        doc.tokens[from].span.cover(&doc.tokens[to - 1].span),
        pronoun,
    ))
}

fn is_subject_start(doc: &Doc, j: usize) -> bool {
    doc.tokens[j].kind == TokKind::Word
        && (matches!(
            doc.lower(j).as_ref(),
            "he" | "she" | "they" | "we" | "i" | "it" | "the"
        ) || doc.tokens[j].is_capitalized(doc.text))
}

/// Nouns of a proposal whose owner gives its figures: "Mr. Roe's plan", "Ms. Lind's
/// threats to …".
const PROPOSALS: &[&str] = &[
    "plan",
    "plans",
    "proposal",
    "proposals",
    "threat",
    "threats",
    "pledge",
    "pledges",
    "promise",
    "promises",
    "budget",
    "offer",
];

/// "Mrs. Roe's plan would also cap … at 28 percent", "Mr. Lind's threats to … slap a 35
/// percent tariff": a named owner's proposal earlier in the figure's clause proposes it.
/// The owner and the proposal noun.
fn proposer(doc: &Doc, f: Span) -> Option<Span> {
    let i = doc.token_at(f.start);
    let &(s, _) = doc.sentences.iter().find(|&&(s, e)| s <= i && i < e)?;
    let mut k = i;
    while k > s && i - k < 16 {
        k -= 1;
        if matches!(doc.tok(k), ";" | ":" | "(" | ")") || doc.tokens[k].kind == TokKind::Quote {
            return None;
        }
        if !PROPOSALS.contains(&doc.lower(k).as_ref()) || k == s {
            continue;
        }
        let owner = k - 1;
        if !crate::text::is_possessive(doc.tok(owner))
            || !doc.tokens[owner].is_capitalized(doc.text)
        {
            return None;
        }
        // the owner's name back to its title: "Mr. Roe's"
        let mut from = owner;
        // (a sentence's first word is capitalised anyway: "Under Mrs. Roe's plan")
        while from > s && owner - from < 3 {
            if doc.tokens[from - 1].is_capitalized(doc.text) && from - 1 > s {
                from -= 1;
            } else if doc.tok(from - 1) == "." && from - 1 > s && is_title(doc.tok(from - 2)) {
                from -= 2;
            } else {
                break;
            }
        }
        return Some(doc.tokens[from].span.cover(&doc.tokens[k].span));
    }
    None
}

/// Verbs by which a document or a study gives figures: "A slide … shows what …: $30,253",
/// "Scholars at the institute modeled …: nearly 4.8 million jobs".
const EVIDENCE_VERBS: &[&str] = &[
    "shows",
    "showed",
    "estimates",
    "estimated",
    "modeled",
    "modelled",
    "calculated",
    "calculates",
    "projects",
    "projected",
    "predicts",
    "predicted",
    "suggests",
    "indicates",
    "concluded",
    "concludes",
];

/// The subject of a sentence whose main verb gives its figures ("A slide from a
/// presentation … shows what the car would cost …: $30,253"): from the sentence's start to
/// the verb, without commas, the figure after the verb.
fn evidence_subject(doc: &Doc, f: Span) -> Option<Span> {
    let i = doc.token_at(f.start);
    let &(s, _) = doc.sentences.iter().find(|&&(s, e)| s <= i && i < e)?;
    let first = doc.lower(s);
    let opens = matches!(first.as_ref(), "a" | "an" | "the" | "another" | "one")
        || (doc.tokens[s].is_capitalized(doc.text)
            && !matches!(
                first.as_ref(),
                "if" | "when"
                    | "as"
                    | "while"
                    | "because"
                    | "after"
                    | "before"
                    | "since"
                    | "although"
                    | "though"
                    | "by"
                    | "in"
                    | "on"
                    | "at"
                    | "for"
                    | "with"
                    | "it"
                    | "he"
                    | "she"
                    | "they"
                    | "we"
                    | "i"
                    | "you"
                    | "there"
                    | "this"
            ));
    if !opens {
        return None;
    }
    let verb = (s + 1..i.min(s + 30))
        .take_while(|&k| {
            !matches!(doc.tok(k), "," | ";" | ":") && doc.tokens[k].kind != TokKind::Quote
        })
        .find(|&k| {
            let w = doc.lower(k);
            EVIDENCE_VERBS.contains(&w.as_ref())
                || (matches!(w.as_ref(), "found" | "finds") && doc.lower(k + 1) == "that")
        })?;
    // the subject's head: up to a relative clause or, when long, its first preposition
    let mut to = (s + 1..verb)
        .find(|&k| matches!(doc.lower(k).as_ref(), "that" | "which" | "who"))
        .unwrap_or(verb);
    if to - s > 8 {
        to = (s + 1..to)
            .find(|&k| {
                matches!(
                    doc.lower(k).as_ref(),
                    "of" | "from" | "at" | "in" | "by" | "with"
                )
            })
            .unwrap_or(to);
    }
    Some(doc.tokens[s].span.cover(&doc.tokens[to - 1].span))
}

/// A statement's cue comes after the figure in its sentence, the figure in neither its
/// content nor its source: the figure is part of the report's frame ("Twenty towns and two
/// unions are suing …"), not what it reports.
fn cue_after_in_sentence(doc: &Doc, f: Span, attributions: &[Attribution]) -> bool {
    let i = doc.token_at(f.start);
    let Some(&(_, e)) = doc.sentences.iter().find(|&&(s, e)| s <= i && i < e) else {
        return false;
    };
    let to = doc.tokens[e - 1].span.end;
    let holds = |spans: &[Span]| spans.iter().any(|c| c.start <= f.start && f.end <= c.end);
    attributions.iter().any(|a| {
        a.cue.iter().any(|c| f.end <= c.start && c.end <= to)
            && !holds(&a.content)
            && !holds(&a.source)
    })
}

fn is_title(w: &str) -> bool {
    matches!(
        w,
        "Mr" | "Mrs" | "Ms" | "Dr" | "Gov" | "Sen" | "Rep" | "Gen" | "Prof"
    )
}

/// The figure modifies a noun of a report's source, outside its content: "According to a
/// 12-count complaint filed by the board and a 3-count complaint by the city, …".
fn in_source_as_modifier(doc: &Doc, f: Span, attributions: &[Attribution]) -> bool {
    modifier(doc, f)
        && attributions.iter().any(|a| {
            let frame = a.source.iter().chain(&a.cue);
            let (from, to) =
                frame.fold((usize::MAX, 0), |(s, e), x| (s.min(x.start), e.max(x.end)));
            let from = from.min(to);
            let in_content = a
                .content
                .iter()
                .any(|c| c.start <= f.start && f.end <= c.end);
            let before_content = a.content.iter().all(|c| f.end <= c.start);
            !in_content && from <= f.start && (f.end <= to || before_content && f.start >= to)
        })
}
