//! What changed between two versions of a page: statements added, removed, reworded or
//! given to another speaker, and paragraphs appended (corrections, updates, editor's notes).
//!
//! Pure: statements come in as (speaker key, content) pairs and texts as strings, and the
//! answer names statements by their index in the lists given. The pages and the API map
//! the indices back to stored statements.
//!
//! # Matching statements
//!
//! Two versions of an article are analysed independently, so nothing ties a statement of
//! one to a statement of the other but what it says and who says it. Contents are compared
//! as sets of folded words ([`onrecord_core::fold`]: case, accents and punctuation
//! ignored), by their Dice coefficient `2|A∩B| / (|A|+|B|)`. Dice rather than Jaccard
//! because a rewording usually keeps most words and changes a few: "the talks would resume
//! next week" → "the talks would resume within two weeks" is 0.62 by Dice, 0.44 by Jaccard.
//!
//! 1. Same speaker and the same folded words in the same order: unchanged (a curly quote
//!    that became straight, a fixed capital, is no change in what was said).
//! 2. Same speaker and similarity ≥ [`REWORDED`]: reworded, best pairs first (ties go to
//!    the pair closest in article order), each statement in one pair at most.
//! 3. Another speaker and similarity ≥ [`REATTRIBUTED`]: the same words given to someone
//!    else, which is what a correction of a misattributed quote looks like.
//! 4. The rest of the old version is removed, the rest of the new one added.
//!
//! # Appended paragraphs
//!
//! Newsrooms correct and update articles by adding a paragraph, usually at the end
//! ("Correction: An earlier version of this article…"), sometimes at the top ("Update:").
//! The paragraphs of the new version after the old version's last paragraph (found equal,
//! or similar by the measure above: an edited last paragraph is an edit, not an addition)
//! are *appended*, each labelled when it opens like a correction, update, clarification or
//! editor's note. When the old last paragraph is gone, the end was rewritten rather than
//! extended, and nothing is called appended (its statements still show as added and
//! removed). A labelled paragraph that is new anywhere else is a *note*, so a correction is
//! reported wherever it goes. When no paragraph of the new version matches any of the old
//! one, the text was replaced (another article at the same address), and no paragraph is
//! reported at all.

use std::collections::BTreeSet;

use onrecord_core::fold;

/// Least similarity for a statement of the same speaker to count as reworded.
pub const REWORDED: f64 = 0.5;
/// Least similarity for a statement of another speaker to count as the same words given to
/// someone else: stricter, since different people saying similar things is common.
pub const REATTRIBUTED: f64 = 0.8;

/// One statement as the comparison sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Said<'a> {
    /// Who said it: any key equal across versions for the same speaker (the store's speaker
    /// id, else the local mention); "" when unknown.
    pub speaker: &'a str,
    pub content: &'a str,
}

/// A statement of the old version paired with one of the new.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pair {
    /// Index in the old version's statements.
    pub old: usize,
    /// Index in the new version's statements.
    pub new: usize,
    /// Dice coefficient of the folded word sets, 0 to 1.
    pub similarity: f64,
}

/// What a paragraph added to the text says it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    Correction,
    Update,
    Clarification,
    EditorsNote,
}

impl Label {
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Correction => "correction",
            Label::Update => "update",
            Label::Clarification => "clarification",
            Label::EditorsNote => "editors_note",
        }
    }

    /// For people: `Correction`, `Editor's note`.
    pub fn title(self) -> &'static str {
        match self {
            Label::Correction => "Correction",
            Label::Update => "Update",
            Label::Clarification => "Clarification",
            Label::EditorsNote => "Editor's note",
        }
    }
}

/// A paragraph of the new version that the old one did not have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub text: String,
    pub label: Option<Label>,
}

/// Everything that changed from one version to the next.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Changes {
    pub unchanged: Vec<Pair>,
    pub reworded: Vec<Pair>,
    pub reattributed: Vec<Pair>,
    /// Indices in the old version's statements, in article order.
    pub removed: Vec<usize>,
    /// Indices in the new version's statements, in article order.
    pub added: Vec<usize>,
    /// Paragraphs added at the end, in text order.
    pub appended: Vec<Paragraph>,
    /// Labelled paragraphs (corrections, updates…) added anywhere but the end.
    pub notes: Vec<Paragraph>,
}

impl Changes {
    /// Whether anything but unchanged statements was found.
    pub fn is_empty(&self) -> bool {
        self.reworded.is_empty()
            && self.reattributed.is_empty()
            && self.removed.is_empty()
            && self.added.is_empty()
            && self.appended.is_empty()
            && self.notes.is_empty()
    }

    /// The first label among appended paragraphs and notes (what a one-line summary names).
    pub fn label(&self) -> Option<Label> {
        self.appended
            .iter()
            .chain(&self.notes)
            .find_map(|p| p.label)
    }
}

/// Compare two versions: their statements and their texts.
pub fn compare(old: &[Said], new: &[Said], old_text: &str, new_text: &str) -> Changes {
    let mut changes = compare_statements(old, new);
    let (appended, notes) = added_paragraphs(old_text, new_text);
    changes.appended = appended;
    changes.notes = notes;
    changes
}

/// Folded words of a content: the word sequence (for equality) and the word set.
struct Words {
    folded: String,
    set: BTreeSet<String>,
}

impl Words {
    fn new(text: &str) -> Words {
        let folded = fold(text);
        let set = folded.split_whitespace().map(str::to_string).collect();
        Words { folded, set }
    }

    /// Dice coefficient of the word sets; two empty sets are equal (1).
    fn dice(&self, other: &Words) -> f64 {
        let total = self.set.len() + other.set.len();
        if total == 0 {
            return 1.0;
        }
        let common = self.set.intersection(&other.set).count();
        2.0 * common as f64 / total as f64
    }
}

/// The similarity of two contents, 0 to 1 (see the module docs).
#[cfg(test)]
pub fn similarity(a: &str, b: &str) -> f64 {
    Words::new(a).dice(&Words::new(b))
}

/// Match the statements of two versions (steps 1 to 4 of the module docs).
pub fn compare_statements(old: &[Said], new: &[Said]) -> Changes {
    let old_words: Vec<Words> = old.iter().map(|s| Words::new(s.content)).collect();
    let new_words: Vec<Words> = new.iter().map(|s| Words::new(s.content)).collect();
    let mut old_used = vec![false; old.len()];
    let mut new_used = vec![false; new.len()];
    let mut out = Changes::default();

    // 1. unchanged: the first free old statement of the speaker with the same words
    for (j, n) in new.iter().enumerate() {
        let found = (0..old.len()).find(|&i| {
            !old_used[i]
                && old[i].speaker == n.speaker
                && old_words[i].folded == new_words[j].folded
        });
        if let Some(i) = found {
            old_used[i] = true;
            new_used[j] = true;
            out.unchanged.push(Pair {
                old: i,
                new: j,
                similarity: 1.0,
            });
        }
    }

    // 2. and 3.: the most similar free pairs first
    let mut best_pairs = |same_speaker: bool, least: f64| -> Vec<Pair> {
        let mut candidates: Vec<Pair> = Vec::new();
        for (i, o) in old.iter().enumerate() {
            if old_used[i] {
                continue;
            }
            for (j, n) in new.iter().enumerate() {
                if new_used[j] || (o.speaker == n.speaker) != same_speaker {
                    continue;
                }
                let similarity = old_words[i].dice(&new_words[j]);
                if similarity >= least {
                    candidates.push(Pair {
                        old: i,
                        new: j,
                        similarity,
                    });
                }
            }
        }
        candidates.sort_by(|a, b| {
            b.similarity
                .total_cmp(&a.similarity)
                .then(a.old.abs_diff(a.new).cmp(&b.old.abs_diff(b.new)))
                .then(a.old.cmp(&b.old))
                .then(a.new.cmp(&b.new))
        });
        let mut chosen = Vec::new();
        for p in candidates {
            if !old_used[p.old] && !new_used[p.new] {
                old_used[p.old] = true;
                new_used[p.new] = true;
                chosen.push(p);
            }
        }
        chosen.sort_by_key(|p| p.new);
        chosen
    };
    out.reworded = best_pairs(true, REWORDED);
    out.reattributed = best_pairs(false, REATTRIBUTED);

    // 4. the rest
    out.removed = (0..old.len()).filter(|&i| !old_used[i]).collect();
    out.added = (0..new.len()).filter(|&j| !new_used[j]).collect();
    out
}

/// The paragraphs of a text: its non-blank lines, trimmed (the analysis too reads a line as
/// a paragraph).
fn paragraphs(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// The paragraphs appended at the end of `new_text`, and the labelled paragraphs new
/// elsewhere in it (see the module docs).
pub fn added_paragraphs(old_text: &str, new_text: &str) -> (Vec<Paragraph>, Vec<Paragraph>) {
    let old: Vec<Words> = paragraphs(old_text).into_iter().map(Words::new).collect();
    let new = paragraphs(new_text);
    let new_words: Vec<Words> = new.iter().map(|p| Words::new(p)).collect();
    let like = |a: &Words, b: &Words| a.folded == b.folded || a.dice(b) >= REWORDED;
    if !new_words.iter().any(|w| old.iter().any(|o| like(o, w))) {
        return (Vec::new(), Vec::new());
    }
    // where the old text ended, in the new one
    let end = old
        .last()
        .and_then(|last| new_words.iter().rposition(|w| like(last, w)));
    let tail = end.map_or(new.len(), |e| e + 1);
    let paragraph = |p: &str| Paragraph {
        text: p.to_string(),
        label: label(p),
    };
    let appended = new[tail..].iter().map(|p| paragraph(p)).collect();
    let is_old = |w: &Words| old.iter().any(|o| o.folded == w.folded);
    let notes = new[..tail]
        .iter()
        .zip(&new_words)
        .filter(|(p, w)| !is_old(w) && label(p).is_some())
        .map(|(p, _)| paragraph(p))
        .collect();
    (appended, notes)
}

/// What a paragraph says it is, from how it opens: `Correction:`, `UPDATE (March 8):`,
/// `Editor's note —`, `An earlier version of this article …`, `This story has been
/// updated …`. A label word needs a colon, dash, parenthesis or full stop after it, so that
/// prose such as "Updates to the timetable…" is no label.
pub fn label(paragraph: &str) -> Option<Label> {
    // markup leftovers and emphasis before the label: "**Correction:**", "[Update]"
    let p = paragraph.trim_start_matches(|c: char| !c.is_alphanumeric());
    let head: String = p
        .chars()
        .take(60)
        .map(|c| match c {
            '’' | 'ʼ' | '‘' => '\'',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    const WORDS: [(&str, Label); 11] = [
        ("corrections", Label::Correction),
        ("correction", Label::Correction),
        ("clarifications", Label::Clarification),
        ("clarification", Label::Clarification),
        ("updated", Label::Update),
        ("update", Label::Update),
        ("editor's note", Label::EditorsNote),
        ("editors' note", Label::EditorsNote),
        ("editors note", Label::EditorsNote),
        ("editor note", Label::EditorsNote),
        ("note to readers", Label::EditorsNote),
    ];
    for (word, label) in WORDS {
        if let Some(rest) = head.strip_prefix(word) {
            let rest = rest.trim_start_matches([' ', '*', '_', ']']);
            let delimited = rest.is_empty()
                || rest.starts_with([':', '—', '–', '(', '.', '-', '|'])
                // "Updated March 8, 2031" / "Updated at 10:30": a stamp of the update
                || (label == Label::Update
                    && word == "updated"
                    && (rest.starts_with("at ")
                        || rest.starts_with("on ")
                        || rest.starts_with(|c: char| c.is_ascii_digit())
                        || MONTHS.iter().any(|m| rest.starts_with(m))));
            if delimited {
                return Some(label);
            }
        }
    }
    const PHRASES: [(&str, Label); 6] = [
        ("an earlier version of this", Label::Correction),
        ("a previous version of this", Label::Correction),
        ("this article has been corrected", Label::Correction),
        ("this story has been corrected", Label::Correction),
        ("this article has been updated", Label::Update),
        ("this story has been updated", Label::Update),
    ];
    PHRASES
        .iter()
        .find(|(phrase, _)| head.starts_with(phrase))
        .map(|(_, label)| *label)
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn said<'a>(speaker: &'a str, content: &'a str) -> Said<'a> {
        Said { speaker, content }
    }

    #[test]
    fn similarity_is_dice_over_folded_word_sets() {
        assert_eq!(similarity("The talks", "the TALKS!"), 1.0);
        assert_eq!(similarity("", ""), 1.0);
        assert_eq!(similarity("a b", ""), 0.0);
        let s = similarity(
            "the talks would resume next week",
            "the talks would resume within two weeks",
        );
        assert!((s - 8.0 / 13.0).abs() < 1e-9, "{s}");
        // accents and repeated words do not count
        assert_eq!(similarity("Négociations négociations", "negociations"), 1.0);
    }

    #[test]
    fn identical_statements_are_unchanged_whatever_their_punctuation() {
        let old = [
            said("1", "“The ferries will run,”"),
            said("2", "the harbour stays open"),
        ];
        let new = [
            said("1", "\"The ferries will run\""),
            said("2", "The harbour stays open."),
        ];
        let c = compare_statements(&old, &new);
        assert_eq!(c.unchanged.len(), 2);
        assert!(c.is_empty(), "{c:?}");
    }

    #[test]
    fn a_reworded_quote_keeps_its_speaker() {
        let old = [said("7", "the talks would resume next week")];
        let new = [said("7", "the talks would resume within two weeks")];
        let c = compare_statements(&old, &new);
        assert_eq!(c.reworded.len(), 1);
        assert_eq!((c.reworded[0].old, c.reworded[0].new), (0, 0));
        assert!(c.added.is_empty() && c.removed.is_empty());
    }

    #[test]
    fn too_different_is_removed_and_added() {
        let old = [said("7", "the ferry fares will rise in spring")];
        let new = [said("7", "nobody at the council answered our questions")];
        let c = compare_statements(&old, &new);
        assert_eq!(
            (c.removed.as_slice(), c.added.as_slice()),
            (&[0][..], &[0][..])
        );
        assert!(c.reworded.is_empty());
    }

    #[test]
    fn another_speaker_is_never_a_rewording_but_the_same_words_are_reattributed() {
        let old = [
            said("7", "the ferry fares will rise in spring"),
            said("8", "we were not consulted about the pier"),
        ];
        let new = [
            // the same quote, now given to speaker 9
            said("9", "the ferry fares will rise in spring"),
            // similar words, another speaker: below the stricter bar
            said("9", "we were never consulted about the new pier at all"),
        ];
        let c = compare_statements(&old, &new);
        assert!(c.reworded.is_empty());
        assert_eq!(c.reattributed.len(), 1);
        assert_eq!((c.reattributed[0].old, c.reattributed[0].new), (0, 0));
        assert_eq!(c.removed, [1]);
        assert_eq!(c.added, [1]);
    }

    #[test]
    fn each_statement_pairs_once_best_match_first() {
        let old = [
            said("1", "the pier will be rebuilt by the council"),
            said("1", "the pier will be rebuilt by the council next year"),
        ];
        let new = [said(
            "1",
            "the pier will be rebuilt by the council next spring",
        )];
        let c = compare_statements(&old, &new);
        assert_eq!(c.reworded.len(), 1);
        assert_eq!(c.reworded[0].old, 1, "the closer wording wins");
        assert_eq!(c.removed, [0]);
        // equal statements pair in order, one to one
        let old = [said("1", "no"), said("1", "no")];
        let new = [said("1", "no")];
        let c = compare_statements(&old, &new);
        assert_eq!(c.unchanged.len(), 1);
        assert_eq!(c.removed, [1]);
    }

    #[test]
    fn unknown_speakers_match_among_themselves() {
        let old = [said("", "the road will close")];
        let new = [said("", "the road will close on Monday")];
        let c = compare_statements(&old, &new);
        assert_eq!(c.reworded.len(), 1);
    }

    #[test]
    fn a_correction_appended_at_the_end_is_found_and_labelled() {
        let old = "Ferries to run\n\nMayor Lena Odegard said the ferries would run.\n\nThe council meets on Friday.";
        let new = "Ferries to run\n\nMayor Lena Odegard said the ferries would run.\n\nThe council meets on Friday.\n\nCorrection: An earlier version of this article misspelled the mayor's name.";
        let (appended, notes) = added_paragraphs(old, new);
        assert_eq!(appended.len(), 1);
        assert_eq!(appended[0].label, Some(Label::Correction));
        assert!(appended[0].text.starts_with("Correction:"));
        assert!(notes.is_empty());
        // a plain paragraph added at the end is appended too, without a label
        let more = format!("{old}\n\nThe vote is expected next month.");
        let (appended, _) = added_paragraphs(old, &more);
        assert_eq!(
            appended,
            [Paragraph {
                text: "The vote is expected next month.".into(),
                label: None
            }]
        );
    }

    #[test]
    fn an_edited_last_paragraph_is_no_addition() {
        let old = "Title\n\nOne thing.\n\nThe council meets on Friday at noon.";
        let new = "Title\n\nOne thing.\n\nThe council meets on Friday at ten.";
        assert_eq!(added_paragraphs(old, new), (Vec::new(), Vec::new()));
    }

    #[test]
    fn a_rewritten_end_is_no_addition_but_a_correction_in_it_is_a_note() {
        let old = "Title\n\nOne thing.\n\nHarbour master Ivo Lind said the pier needs repairs.";
        let new = "Title\n\nOne thing.\n\nCafé owner Tove Bran said nobody had asked the traders.";
        assert_eq!(added_paragraphs(old, new), (Vec::new(), Vec::new()));
        let corrected = format!("{new}\n\nCorrection: the harbour master was misquoted.");
        let (appended, notes) = added_paragraphs(old, &corrected);
        assert!(appended.is_empty());
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].label, Some(Label::Correction));
    }

    #[test]
    fn a_note_at_the_top_is_a_note() {
        let old = "Title\n\nOne thing.\n\nAnother thing.";
        let new =
            "Title\n\nUPDATE (March 8): The vote was postponed.\n\nOne thing.\n\nAnother thing.";
        let (appended, notes) = added_paragraphs(old, new);
        assert!(appended.is_empty());
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].label, Some(Label::Update));
    }

    #[test]
    fn a_replaced_text_has_nothing_appended() {
        let (appended, notes) =
            added_paragraphs("A b c.\n\nD e f.", "Something else.\n\nCorrection: none.");
        assert!(appended.is_empty() && notes.is_empty());
        // nor has a first text
        let (appended, _) = added_paragraphs("", "A b c.");
        assert!(appended.is_empty());
    }

    #[test]
    fn labels_need_a_delimiter() {
        for (p, l) in [
            (
                "Correction: the mayor is Lena Odegard.",
                Some(Label::Correction),
            ),
            (
                "**CORRECTION** — the mayor is Lena Odegard.",
                Some(Label::Correction),
            ),
            ("Corrections (March 9): two names.", Some(Label::Correction)),
            (
                "Clarification: the fares rise in May.",
                Some(Label::Clarification),
            ),
            ("Update: the vote was postponed.", Some(Label::Update)),
            (
                "[Updated 10:30] The vote was postponed.",
                Some(Label::Update),
            ),
            ("Updated March 8, 2031", Some(Label::Update)),
            (
                "Editor’s note: this article was amended.",
                Some(Label::EditorsNote),
            ),
            (
                "Editors' Note - the photo was replaced.",
                Some(Label::EditorsNote),
            ),
            (
                "An earlier version of this story gave the wrong date.",
                Some(Label::Correction),
            ),
            (
                "This article has been updated with the council's answer.",
                Some(Label::Update),
            ),
            ("Updates to the timetable were announced.", None),
            ("Corrective measures are planned.", None),
            ("The update came late.", None),
            ("Updated timetables are out.", None),
            ("", None),
        ] {
            assert_eq!(label(p), l, "{p}");
        }
    }

    #[test]
    fn compare_puts_statements_and_paragraphs_together() {
        let old = [said("1", "the ferries would run")];
        let new = [said("1", "the ferries would run"), said("2", "we object")];
        let c = compare(&old, &new, "T\n\nA.", "T\n\nA.\n\nB said: we object.");
        assert_eq!(c.unchanged.len(), 1);
        assert_eq!(c.added, [1]);
        assert_eq!(c.appended.len(), 1);
        assert_eq!(c.label(), None);
        assert!(!c.is_empty());
    }
}
