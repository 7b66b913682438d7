//! The tense around an expression, from the nearest verb-like marker in its sentence:
//! "will meet on Sunday" looks forward, "said Friday" back. Without a part-of-speech tagger
//! the markers are auxiliaries, irregular past forms and "-ed" words.

use crate::lex::{Kind, Toks};
use crate::lexicon as lx;
use crate::parse::Tense;

/// How far to look for a marker, in tokens, before and after the expression.
const LEFT: usize = 15;
const RIGHT: usize = 8;

pub(crate) fn of(t: &Toks, s: usize, e: usize) -> Tense {
    let Some(first) = t.toks.get(s) else {
        return Tense::Unknown;
    };
    let sent = first.sent;
    // "Wednesday's ruling": an event already named
    if e + 1 < t.len()
        && matches!(t.low(e), "'" | "\u{2019}")
        && t.is(e + 1, "s")
        && !t.is(s, "next")
    {
        return Tense::Past;
    }
    let mut best: Option<(usize, Tense)> = None;
    for (dist, k) in (s.saturating_sub(LEFT)..s).rev().enumerate() {
        if t.toks[k].sent != sent {
            break;
        }
        if let Some(tn) = marker(t, k) {
            // "told reporters on Sunday the piers would reopen": the day is the report's
            if tn == Tense::Past && reporting(t.low(k)) {
                return Tense::Past;
            }
            best = Some((dist + 1, tn));
            break;
        }
    }
    for (dist, k) in (e..(e + RIGHT).min(t.len())).enumerate() {
        if t.toks[k].sent != sent {
            break;
        }
        if let Some(tn) = marker(t, k) {
            // "X will meet Y on Sunday, the spokesman said": a verb of saying past a comma
            // is the report's, and the report's tense is not the meeting's
            if best.is_some()
                && tn == Tense::Past
                && reporting(t.low(k))
                && (e..k).any(|j| matches!(t.low(j), "," | "\u{201d}" | "\""))
            {
                break;
            }
            // the left side wins ties: "said Friday it would" is a past report
            if best.is_none_or(|(d, _)| dist + 1 < d) {
                best = Some((dist + 1, tn));
            }
            break;
        }
    }
    best.map(|(_, tn)| tn).unwrap_or_default()
}

fn marker(t: &Toks, k: usize) -> Option<Tense> {
    if t.toks[k].kind != Kind::Word {
        return None;
    }
    let w = t.low(k);
    match w {
        // "'ll" and "won't" come split: "'" "ll", "wo" "n" "'" "t"
        "ll" => {
            return (k > 0 && matches!(t.low(k - 1), "'" | "\u{2019}")).then_some(Tense::Future)
        }
        "wo" => return t.is(k + 1, "n").then_some(Tense::Future),
        "is" | "are" | "am" | "says" | "say" | "does" | "do" => return Some(Tense::Present),
        // "plans to meet": a plan; "vacation plans": a noun
        "plans" | "plan" => return t.is(k + 1, "to").then_some(Tense::Future),
        // "hopes to meet", "hope that": a wish; "expressed hope Friday": a noun
        "hopes" | "hope" => return matches!(t.low(k + 1), "to" | "that").then_some(Tense::Future),
        // "will have a call on Sunday" looks forward ("would have met" does not)
        "have"
            if k > 0
                && t.toks[k - 1].sent == t.toks[k].sent
                && matches!(t.low(k - 1), "will" | "shall" | "ll") =>
        {
            return Some(Tense::Future)
        }
        "has" | "have" => return Some(Tense::Past),
        "to" => {
            // "plans to", "is to", "agreed to meet": an infinitive looks forward
            return None;
        }
        _ => {}
    }
    let aux = |j: usize| k >= j && t.toks[k - j].sent == t.toks[k].sent;
    if lx::future_marker(w) {
        // "had been scheduled to expire", "was expected": a plan that is past
        if matches!(w, "scheduled" | "expected" | "due" | "planned" | "set")
            && (1..=2).any(|j| aux(j) && matches!(t.low(k - j), "was" | "were" | "had"))
        {
            return Some(Tense::Past);
        }
        return Some(Tense::Future);
    }
    let past = lx::past_marker(w) || (w.len() > 4 && w.ends_with("ed") && !lx::ed_exception(w));
    if past {
        // "will be paid", "to be completed", "would be held": a participle after a modal
        if aux(1) && t.is(k - 1, "be") && aux(2) && modal(t.low(k - 2)) {
            return Some(Tense::Future);
        }
        if aux(1) && modal(t.low(k - 1)) && !matches!(t.low(k - 1), "to") {
            // "will set", "can cut": a base form that looks like a past
            return Some(Tense::Future);
        }
        return Some(Tense::Past);
    }
    None
}

/// Verbs of saying: a day right after one dates the saying.
fn reporting(w: &str) -> bool {
    matches!(
        w,
        "expressed"
            | "said"
            | "told"
            | "announced"
            | "stated"
            | "added"
            | "wrote"
            | "reported"
            | "declared"
            | "stressed"
            | "noted"
            | "insisted"
            | "warned"
            | "urged"
            | "confirmed"
            | "denied"
            | "explained"
            | "argued"
            | "claimed"
            | "asserted"
            | "emphasized"
            | "emphasised"
            | "underlined"
            | "remarked"
            | "commented"
            | "replied"
            | "responded"
            | "tweeted"
    )
}

fn modal(w: &str) -> bool {
    matches!(
        w,
        "will"
            | "would"
            | "shall"
            | "to"
            | "ll"
            | "may"
            | "might"
            | "could"
            | "should"
            | "must"
            | "can"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tense_of(text: &str, word: &str) -> Tense {
        let t = Toks::new(text);
        let i = (0..t.len()).find(|&i| t.low(i) == word).unwrap();
        of(&t, i, i + 1)
    }

    #[test]
    fn nearest_marker_decides() {
        assert_eq!(
            tense_of("The minister said Friday that talks went well.", "friday"),
            Tense::Past
        );
        assert_eq!(
            tense_of("Erdogan will call Putin on Sunday.", "sunday"),
            Tense::Future
        );
        assert_eq!(
            tense_of("He said he would meet them on Sunday.", "sunday"),
            Tense::Future
        );
        assert_eq!(tense_of("They'll meet on Sunday.", "sunday"), Tense::Future);
        assert_eq!(
            tense_of("Vesk will have a call with Lask on Sunday.", "sunday"),
            Tense::Future
        );
        assert_eq!(
            tense_of(
                "Vesk will have a phone call with President Dmitri Lask on Sunday, \
                 spokesman Emre Kalo said.",
                "sunday"
            ),
            Tense::Future
        );
        assert_eq!(
            tense_of("Vesk has had a call with Lask on Sunday.", "sunday"),
            Tense::Past
        );
        assert_eq!(tense_of("The vote is on Sunday.", "sunday"), Tense::Present);
        assert_eq!(tense_of("Sunday.", "sunday"), Tense::Unknown);
        assert_eq!(
            tense_of("Talks collapsed on Sunday.", "sunday"),
            Tense::Past
        );
    }
}
