//! Where an event took place: a name after "in" or "at" in the clause of its trigger
//! ("hosted the ministers in Antalya", "met the president in Kyiv"), with the country the
//! gazetteer gives it. A month or weekday ("in March"), a party of the event and a person
//! the article quotes are no place.

use onrecord_core::{Event, EventEntity, Span, Speaker, SpeakerKind};

use super::entities::{country_at, word};
use super::gazetteer::Gazetteer;
use crate::text::{Doc, TokKind};

/// How far past its trigger a place is looked for, in tokens.
const REACH: usize = 14;

const NOT_PLACES: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "spring",
    "summer",
    "autumn",
    "winter",
    "christmas",
    "ramadan",
];

/// Set `location` on each event whose clause names a place.
pub fn locate(doc: &Doc, events: &mut [Event], speakers: &[Speaker]) {
    let gaz = Gazetteer::builtin();
    for ev in events.iter_mut() {
        let Some(&(_, e)) = doc.sentences.get(ev.sentence) else {
            continue;
        };
        let from = doc.token_at(ev.trigger.end);
        let until = e.min(from + REACH);
        let taken: Vec<Span> = ev
            .actors
            .iter()
            .chain(&ev.recipients)
            .flat_map(|p| p.span.iter().copied())
            .collect();
        let mut j = from;
        while j + 1 < until {
            let t = &doc.tokens[j];
            if matches!(t.kind, TokKind::Quote) || matches!(doc.tok(j), ";" | ":") {
                break;
            }
            if matches!(word(doc, j, e), "in" | "at") {
                if let Some(place) = place_at(doc, j + 1, until, gaz, speakers) {
                    if !taken.iter().any(|s| s.overlaps(&place.span[0])) {
                        ev.location = Some(place);
                    }
                    break;
                }
            }
            j += 1;
        }
    }
}

/// One to four capitalised words at `at` that name a place.
fn place_at(
    doc: &Doc,
    at: usize,
    end: usize,
    gaz: &Gazetteer,
    speakers: &[Speaker],
) -> Option<EventEntity> {
    let mut k = at;
    while k < end
        && k - at < 4
        && doc.tokens[k].kind == TokKind::Word
        && doc.tokens[k].is_capitalized(doc.text)
    {
        k += 1;
    }
    if k == at || NOT_PLACES.contains(&word(doc, at, end)) {
        return None;
    }
    // a possessive or a following name part makes it a party, not a place ("in Kyiv's
    // suburbs" is kept: the place is Kyiv)
    let span = doc.tokens[at].span.cover(&doc.tokens[k - 1].span);
    let text = span.text(doc.text);
    let text = crate::text::strip_possessive(text);
    let span = Span::new(span.start, span.start + text.len());
    let person = speakers.iter().any(|s| {
        s.kind == SpeakerKind::Person
            && (s.name.contains(text) || s.variants.iter().any(|v| v.contains(text)))
    });
    if person {
        return None;
    }
    Some(EventEntity {
        span: vec![span],
        country: country_at(doc, at, end, gaz).map(|(c, _)| c.to_string()),
        sector: None,
    })
}
