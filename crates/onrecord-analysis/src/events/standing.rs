//! Where an event stands: done, planned, requested, offered, denied, claimed by a speaker,
//! or only possible; read from the words before its trigger and the statement around it.

use onrecord_core::Standing;

use super::entities::word;
use crate::text::Doc;

/// The standing of an event whose trigger starts at token `at` in a sentence from `floor`;
/// `cue` is the lower-case cue word of the statement whose content holds it, if any.
pub(crate) fn standing(doc: &Doc, floor: usize, at: usize, cue: Option<&str>) -> Standing {
    let mut j = at;
    let mut seen = 0;
    let mut found = None;
    while j > floor && seen < 6 {
        j -= 1;
        let w = word(doc, j, at);
        let s = match w {
            "not" | "never" | "no" => Some(Standing::Denied),
            w if w.ends_with("n't") || w.ends_with("n\u{2019}t") => Some(Standing::Denied),
            "denied" | "deny" | "denies" | "denying" => Some(Standing::Denied),
            "will" | "shall" | "'ll" | "plans" | "planned" | "plan" | "planning" | "scheduled"
            | "intends" | "intended" | "aims" | "going" | "expected" | "due" | "set" | "would" => {
                Some(Standing::Planned)
            }
            "could" | "might" | "may" | "if" | "unless" | "possible" | "possibly" => {
                Some(Standing::Hypothetical)
            }
            "offered" | "offers" | "offer" | "promised" | "promises" | "pledged" | "ready"
            | "willing" | "proposed" | "proposes" => Some(Standing::Offered),
            "urged" | "urges" | "called" | "calls" | "demanded" | "demands" | "asked" | "asks"
            | "wants" | "wanted" | "requested" => Some(Standing::Requested),
            _ => None,
        };
        if let Some(s) = s {
            found = Some(s);
            break;
        }
        let t = &doc.tokens[j];
        if t.kind != crate::text::TokKind::Word
            || matches!(
                w,
                "that" | "said" | "says" | "which" | "who" | "and" | "but"
            )
        {
            break;
        }
        seen += 1;
    }
    if let Some(s) = found {
        // "would" in a narrator's sentence is a condition; in a statement, reported future
        let conditional = (floor
            ..doc
                .sentences
                .iter()
                .find(|x| x.0 == floor)
                .map_or(at, |x| x.1))
            .any(|k| matches!(word(doc, k, usize::MAX), "if" | "unless"));
        if s == Standing::Planned && word(doc, j, at) == "would" && conditional {
            return Standing::Hypothetical;
        }
        return s;
    }
    match cue {
        None => Standing::Happened,
        Some(c) => match c {
            "denied" | "denies" | "deny" | "denying" => Standing::Denied,
            "urged" | "urges" | "demanded" | "demands" | "called" | "calls" | "asked" | "asks" => {
                Standing::Requested
            }
            "offered" | "offers" | "proposed" | "proposes" | "promised" | "promises" => {
                Standing::Offered
            }
            _ => Standing::Claimed,
        },
    }
}
