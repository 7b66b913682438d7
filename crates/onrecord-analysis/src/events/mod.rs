//! Events: who did what to whom, in the sense of PLOVER v0.8 (the successor of CAMEO): per
//! sentence, the acts its words name ("met with", "shelled", "imposed sanctions on"), each
//! typed as one of the sixteen PLOVER types, with its actor and recipient, their countries
//! and sectors, and its standing (done, planned, requested, offered, denied, claimed,
//! possible), linked to the statement that reports it.
//!
//! A trigger is found by the `lexicon` (written from the manual's definitions); the actor is
//! the noun phrase before it (or the `by` agent of a passive, or the statement's source when
//! the trigger is the statement's own cue: "accused", "urged"), the recipient the phrase
//! after it (`entities`); countries and sectors come from the PLOVER gazetteers
//! (`gazetteer`), the standing from the words before the trigger and the statement around
//! it (`standing`). A plain verb of saying is a statement, never an event (PLOVER drops
//! CAMEO's "make statement"); an act named only as what another act asks, offers or refuses
//! ("urged Y to withdraw") is part of that act, not an event of its own. Pure, no I/O.

mod dating;
mod entities;
mod gazetteer;
mod lexicon;
mod place;
mod standing;

use onrecord_core::{Attribution, Event, EventType, Span, Speaker, Standing};

use crate::text::{Doc, TokKind};
use entities::{word, Known};
use gazetteer::Gazetteer;
use lexicon::Lexicon;

pub use dating::date;
pub use place::locate;

/// The country or body code (ISO alpha-3, or PLOVER's UNO, EUR, …) a name, demonym or
/// capital stands for, as the event gazetteer knows it: "Türkiye", "Turkish" and "Ankara"
/// give TUR. For filters typed by people.
pub fn country_code(name: &str) -> Option<&'static str> {
    Gazetteer::builtin().country(&onrecord_core::fold(name))
}

/// What is released that is no captive: "released a statement".
const RELEASED_THINGS: &[&str] = &[
    "statement",
    "report",
    "video",
    "footage",
    "data",
    "figures",
    "details",
    "album",
    "list",
    "images",
    "photos",
    "photo",
    "plan",
    "results",
    "findings",
    "document",
    "documents",
    "recording",
    "budget",
    "transcript",
];

/// What one withdraws from that is a body or a deal, not ground: "withdrew from the treaty".
const LEFT_BODIES: &[&str] = &[
    "agreement",
    "deal",
    "treaty",
    "accord",
    "pact",
    "organization",
    "organisation",
    "council",
    "union",
    "alliance",
    "talks",
    "negotiations",
    "race",
    "election",
];

/// Light verbs before a noun trigger: "held talks", "launched an attack".
const LIGHT: &[&str] = &[
    "held",
    "hold",
    "holds",
    "holding",
    "launched",
    "launch",
    "launches",
    "carried",
    "paid",
    "pay",
    "pays",
    "conducted",
    "conduct",
    "staged",
    "stage",
    "mounted",
    "had",
    "have",
    "has",
    "began",
    "begin",
    "started",
    "start",
    "opened",
    "made",
    "make",
    "resumed",
    "resume",
    "joined",
    "led",
    "leads",
    "lead",
    "announced",
    "announce",
    "imposed",
    "impose",
    "ordered",
    "order",
    "stepped",
    "intensified",
];

/// Nouns a denial or rejection is of when it denies an act ("rejected accusations that …").
const CHARGES: &[&str] = &[
    "accusation",
    "accusations",
    "allegation",
    "allegations",
    "charge",
    "charges",
    "claim",
    "claims",
    "report",
    "reports",
    "suggestion",
    "suggestions",
    "responsibility",
    "involvement",
    "wrongdoing",
    "that",
];

/// Prepositions before a noun trigger that make it a mention of an earlier act, not a report
/// of one: "responsibility for the attack", "condolences over the bombing".
const BACKGROUND: &[&str] = &[
    "for",
    "over",
    "about",
    "regarding",
    "after",
    "following",
    "since",
    "of",
    "in",
    "from",
    "behind",
    "despite",
    "amid",
    "during",
    "before",
    "to",
];

/// Every event the article's sentences report, in text order. `attributions` are its
/// statements (an event inside one's content is linked to it; a cue verb of saying is no
/// event), `speakers` its speakers (their affiliations place people in countries).
pub fn find(doc: &Doc, attributions: &[Attribution], speakers: &[Speaker]) -> Vec<Event> {
    let lex = Lexicon::builtin();
    let gaz = Gazetteer::builtin();
    let known = Known::new(doc, gaz, speakers);
    let mut out: Vec<Event> = Vec::new();
    for (si, &(s, e)) in doc.sentences.iter().enumerate() {
        let w = |j: usize| word(doc, j, e);
        let first = out.len();
        let mut deny_next = false;
        let mut deny_rest = false;
        // acts mentioned in passing, up to this token: "… for the attack that killed …"
        let mut background_until = s;
        // token ranges already claimed by an event's trigger or arguments
        let mut claimed: Vec<(usize, usize)> = Vec::new();
        let mut i = s;
        while i < e {
            // no trigger is shorter than three letters, nor punctuation
            if doc.tokens[i].kind != TokKind::Word || doc.tokens[i].span.len() < 3 {
                i += 1;
                continue;
            }
            let Some(hit) = lex.at(&w, i) else {
                i += 1;
                continue;
            };
            let t_end = i + hit.len;
            let entry = hit.entry;
            // a capitalised trigger inside a sentence is part of a name ("Rapid Support Forces")
            if i > s
                && doc.tokens[i].is_capitalized(doc.text)
                && !doc.tokens[i - 1].kind.eq(&TokKind::Quote)
            {
                i = t_end;
                continue;
            }
            if i < background_until || claimed.iter().any(|&(a, b)| a <= i && i < b) {
                i = t_end;
                continue;
            }
            // a denial ("denied attacking the convoy", "rejected accusations that its troops
            // shelled …") names the act it denies: that act is denied, and the denial is no
            // rejection (a denial is no event)
            if entry.kind == EventType::Reject
                && matches!(
                    w(i),
                    "denied"
                        | "deny"
                        | "denies"
                        | "denying"
                        | "rejected"
                        | "rejects"
                        | "reject"
                        | "rejecting"
                        | "dismissed"
                        | "dismisses"
                        | "dismiss"
                )
            {
                let mut j = t_end;
                while matches!(
                    w(j),
                    "the" | "any" | "all" | "strongly" | "these" | "those" | "such"
                ) {
                    j += 1;
                }
                let denial = matches!(w(i), "denied" | "deny" | "denies" | "denying");
                if CHARGES.contains(&w(j)) && (denial || w(j) != "that") {
                    deny_rest = true;
                    i = j + 1;
                    continue;
                }
                if denial {
                    let next = (t_end..(t_end + 7).min(e)).find(|&j| lex.at(&w, j).is_some());
                    let clause = (t_end..next.unwrap_or(t_end))
                        .all(|j| !matches!(doc.tokens[j].kind, TokKind::Punct | TokKind::Quote));
                    if next.is_some() && clause {
                        deny_next = true;
                        i = t_end;
                        continue;
                    }
                }
            }
            // a noun after a preposition mentions an act in passing ("claimed responsibility
            // for the attack that killed …"), and so does the clause that follows it
            if (entry.noun || (hit.len == 1 && noun_position(doc, s, i)))
                && !light_before(doc, s, i)
            {
                let mut j = i;
                while j > s
                    && j + 4 > i
                    && !BACKGROUND.contains(&w(j - 1))
                    && doc.tokens[j - 1].kind == TokKind::Word
                    && !doc.tokens[j - 1].is_capitalized(doc.text)
                {
                    j -= 1;
                }
                // "met for talks", "gathered for a meeting": the purpose is the act
                let purpose = w(j.saturating_sub(1)) == "for" && entry.kind == EventType::Consult;
                if j > s && BACKGROUND.contains(&w(j - 1)) && !purpose {
                    background_until = clause_end(doc, t_end, e);
                    i = t_end;
                    continue;
                }
            }
            // an act only asked, offered, refused or planned by another act of the sentence
            // ("urged Y to withdraw", "offered to mediate") is part of that act; forgiving a
            // debt, even when agreed, is aid (manual 3.6.2)
            let pre = entities::before_verb(doc, s, i);
            if pre < i && (pre..i).any(|j| w(j) == "to") && pre > s {
                let g = pre - 1;
                // governed by an act claimed just before, with no clause break between
                let governed = claimed.iter().any(|&(a, b)| a <= g && g < b)
                    || claimed.iter().any(|&(_, b)| {
                        b <= pre
                            && pre - b < 8
                            && (b..pre).all(|k| {
                                !matches!(doc.tokens[k].kind, TokKind::Punct | TokKind::Quote)
                                    && !matches!(
                                        w(k),
                                        "and" | "but" | "while" | "as" | "which" | "who"
                                    )
                            })
                    });
                if governed {
                    if entry.kind == EventType::Aid && w(i).starts_with("forgiv") {
                        if let Some(last) = out[first..].last_mut() {
                            last.kind = EventType::Aid;
                        }
                    }
                    claimed.push((i, t_end));
                    i = t_end;
                    continue;
                }
            }
            if let Some(mut ev) = event_at(
                doc,
                (s, e),
                si,
                i,
                t_end,
                entry,
                attributions,
                gaz,
                &known,
                &mut claimed,
                out[first..].last().map(|x| x.actors.as_slice()),
            ) {
                if deny_next || deny_rest {
                    ev.standing = Standing::Denied;
                    deny_next = false;
                }
                out.push(ev);
            }
            i = t_end;
        }
    }
    out
}

/// The object inside a phrase that ends in a particle: "charged Y with", "called the talks
/// off".
fn gap_object(doc: &Doc, i: usize, t_end: usize, entry: &lexicon::Entry) -> Option<(usize, usize)> {
    let gap = entry.words.iter().position(Option::is_none)?;
    let last = word(doc, t_end - 1, t_end);
    if !matches!(last, "with" | "off" | "down" | "up" | "out" | "of") {
        return None;
    }
    let from = i + gap;
    let to = t_end - 1;
    (to > from).then_some((from, to))
}

/// Is the word at `i` used as a noun ("an attack", "Halvaria's attack", "deadly attacks")?
fn noun_position(doc: &Doc, s: usize, i: usize) -> bool {
    if i == s {
        return false;
    }
    let p = word(doc, i - 1, i);
    let here = word(doc, i, i + 1);
    // a bare or plural form after an adjective or a noun that is no subject ("an official
    // visit", "a two-day harbour visit", "dawn arrests"), or after a light verb
    let bare = !here.ends_with("ed") && !here.ends_with("ing");
    let subject_like = p.ends_with('s')
        || doc.tokens[i - 1].is_capitalized(doc.text)
        || matches!(
            p,
            "to" | "will"
                | "would"
                | "can"
                | "could"
                | "should"
                | "may"
                | "might"
                | "must"
                | "did"
                | "do"
                | "does"
                | "not"
                | "never"
                | "they"
                | "we"
                | "i"
                | "you"
                | "he"
                | "she"
                | "it"
                | "and"
                | "or"
                | "also"
                | "then"
                | "who"
                | "which"
                | "that"
                | "people"
                | "police"
                | "military"
                | "army"
                | "government"
                | "forces"
        )
        || p.ends_with("n't")
        || p.ends_with("ly");
    if bare && doc.tokens[i - 1].kind == TokKind::Word && !subject_like {
        return true;
    }
    if bare && light_before(doc, s, i) && !matches!(p, "has" | "have" | "had") {
        return true;
    }
    crate::text::is_possessive(doc.tok(i - 1))
        || matches!(
            p,
            "the"
                | "a"
                | "an"
                | "this"
                | "that"
                | "these"
                | "those"
                | "its"
                | "their"
                | "his"
                | "her"
                | "our"
                | "any"
                | "such"
                | "every"
                | "another"
                | "deadly"
                | "suicide"
                | "recent"
                | "latest"
                | "new"
                | "fresh"
                | "further"
                | "renewed"
                | "similar"
                | "coordinated"
                | "terrorist"
                | "military"
                | "major"
                | "first"
                | "second"
                | "joint"
                | "alleged"
                | "apparent"
                | "possible"
                | "last"
                | "two"
                | "three"
                | "several"
                | "multiple"
                | "more"
                | "other"
                | "no"
                | "for"
                | "of"
                | "on"
                | "in"
                | "against"
                | "after"
                | "following"
        )
        || doc.tokens[i - 1].kind == TokKind::Number
}

/// A light verb shortly before the noun at `i` ("held talks", "launched an attack").
fn light_before(doc: &Doc, s: usize, i: usize) -> bool {
    (s.max(i.saturating_sub(4))..i).any(|j| LIGHT.contains(&word(doc, j, i)))
}

/// Where the clause from `from` ends: the next punctuation mark, past a comma that opens a
/// relative clause ("the attack, which killed …").
fn clause_end(doc: &Doc, from: usize, e: usize) -> usize {
    let mut j = from;
    while j < e {
        if matches!(doc.tokens[j].kind, TokKind::Punct | TokKind::Quote) {
            let rel = matches!(word(doc, j + 1, e), "which" | "that" | "who");
            if !(doc.tok(j) == "," && rel) {
                return j;
            }
        }
        j += 1;
    }
    e
}

#[allow(clippy::too_many_arguments)]
fn event_at(
    doc: &Doc,
    (s, e): (usize, usize),
    si: usize,
    i: usize,
    t_end: usize,
    entry: &lexicon::Entry,
    attributions: &[Attribution],
    gaz: &Gazetteer,
    known: &Known<'_, '_>,
    claimed: &mut Vec<(usize, usize)>,
    last_actor: Option<&[onrecord_core::EventEntity]>,
) -> Option<Event> {
    let w = |j: usize| word(doc, j, e);
    let span = doc.tokens[i].span.cover(&doc.tokens[t_end - 1].span);
    // the statement whose cue this is, or whose content holds it
    let cue_of = attributions.iter().position(|a| {
        a.cue
            .iter()
            .any(|c| c.start <= span.start && span.start < c.end)
    });
    let content_of = attributions.iter().position(|a| {
        a.content
            .iter()
            .any(|c| c.start <= span.start && span.end <= c.end)
    });
    let mut kind = entry.kind;
    let mut mode = entry.mode.map(str::to_string);
    let head = w(i);
    // words that name an act only with the right object
    let obj_end = (t_end + 6).min(e);
    let ahead = |words: &[&str]| (t_end..obj_end).any(|j| words.contains(&w(j)));
    match kind {
        // "declined to comment", "refused to say": no act between parties (CAMEO files
        // declining comment with public statements, and PLOVER codes no statements)
        EventType::Reject
            if matches!(
                w(t_end.saturating_sub(1)),
                "to" | "declined" | "refused" | "declines" | "refuses" | "declining"
            ) && (matches!(
                w(t_end),
                "comment"
                    | "say"
                    | "elaborate"
                    | "discuss"
                    | "answer"
                    | "confirm"
                    | "specify"
                    | "disclose"
                    | "reveal"
                    | "identify"
                    | "speculate"
                    | "respond"
                    | "detail"
            ) || (w(t_end) == "be"
                && matches!(w(t_end + 1), "named" | "identified" | "quoted"))
                || (w(t_end) == "to"
                    && matches!(w(t_end + 1), "comment" | "say" | "elaborate" | "discuss"))) =>
        {
            return None;
        }
        // "a fire that killed 19", "floods killed 20": deaths without anyone using force are
        // no assault (PLOVER's ASSAULT is an actor's use of force)
        EventType::Assault if natural_cause(doc, s, i, e) => {
            return None;
        }
        // "give a chance", "gave its message": what is given is no aid
        EventType::Aid
            if matches!(head, "give" | "gives" | "gave" | "given" | "giving")
                && ahead(&[
                    "chance",
                    "message",
                    "messages",
                    "impression",
                    "speech",
                    "details",
                    "information",
                    "statement",
                    "answer",
                    "assurances",
                    "signal",
                    "priority",
                    "opportunity",
                    "interview",
                    "warning",
                    "way",
                    "time",
                    "word",
                ]) =>
        {
            return None;
        }
        // "strike a new bargain": an agreement, whichever sense of strike the lexicon read
        EventType::Protest
            if matches!(head, "strike" | "strikes" | "striking" | "struck")
                && ahead(&[
                    "deal",
                    "deals",
                    "agreement",
                    "accord",
                    "compromise",
                    "bargain",
                ]) =>
        {
            kind = EventType::Agree;
            mode = None;
        }
        EventType::Retreat if matches!(head, "freed" | "free" | "frees" | "freeing") => {
            // freed by police or soldiers: a rescue (AID, manual 3.6.2)
            let before = entities::phrase_before(doc, s, entities::before_verb(doc, s, i));
            if let Some(p) = before {
                let ent = entities::entities(doc, p, gaz, known);
                if ent
                    .iter()
                    .any(|x| matches!(x.sector.as_deref(), Some("COP" | "MIL")))
                {
                    kind = EventType::Aid;
                    mode = None;
                }
            }
        }
        // "released a statement", "released its figures": no captives
        EventType::Retreat if mode.as_deref() == Some("release") && ahead(RELEASED_THINGS) => {
            return None;
        }
        // "withdrew from the treaty": a sanction, not a retreat (manual 3.13, withdraw)
        EventType::Retreat if mode.as_deref() == Some("withdraw") && ahead(LEFT_BODIES) => {
            kind = EventType::Sanction;
            mode = Some("withdraw".into());
        }
        EventType::Assault if matches!(head, "strike" | "strikes" | "striking" | "struck") => {
            if ahead(&[
                "deal",
                "deals",
                "agreement",
                "accord",
                "compromise",
                "bargain",
            ]) {
                kind = EventType::Agree;
                mode = None;
            } else if ahead(&[
                "balance", "tone", "note", "chord", "me", "us", "out", "gold",
            ]) {
                return None;
            }
        }
        _ => {}
    }
    // the cue of a statement that is a plain verb of saying never reaches here (it is no
    // trigger); a cue that is an act ("accused", "urged", "warned") is that act, by the
    // statement's source
    let cue_word = content_of
        .and_then(|a| attributions[a].cue.first())
        .map(|c| c.text(doc.text).to_lowercase());
    let standing = standing::standing(doc, s, i, cue_word.as_deref().filter(|_| cue_of.is_none()));
    // actor and recipient
    let noun = entry.noun || (t_end == i + 1 && noun_position(doc, s, i));
    let mut anchor = i;
    if noun {
        // a light verb shortly before the noun is the verb whose subject acts
        let mut j = i;
        let mut steps = 0;
        // far enough for a count between: "carried out at least three air strikes"
        while j > s && steps < 7 {
            j -= 1;
            let lw = w(j);
            if LIGHT.contains(&lw) {
                anchor = j;
                break;
            }
            if !matches!(
                doc.tokens[j].kind,
                crate::text::TokKind::Word | crate::text::TokKind::Number
            ) {
                break;
            }
            steps += 1;
        }
    }
    let participle = if noun || t_end != i + 1 {
        None
    } else {
        entities::participle(doc, s, i, e)
    };
    let passive = !noun && (entities::passive(doc, s, i) || participle.is_some());
    // acts that pass something on: the recipient is whom it goes to
    let transfer = matches!(
        kind,
        EventType::Aid
            | EventType::Sanction
            | EventType::Concede
            | EventType::Cooperate
            | EventType::Retreat
            | EventType::Mobilize
    );
    let mut actor = None;
    let recipient;
    let mut actor_spans: Option<Vec<Span>> = None;
    if let Some(a) = cue_of {
        if !attributions[a].source.is_empty() {
            actor_spans = Some(attributions[a].source.clone());
        }
    }
    if participle == Some(entities::Participle::Before) {
        // "the eleven detained fishermen": the phrase after is the one detained
        recipient = entities::phrase_after(doc, t_end, e);
        actor = entities::by_agent(doc, t_end, e);
        actor_spans = None;
    } else if passive {
        recipient = entities::phrase_before(doc, s, entities::before_verb(doc, s, i));
        actor = entities::by_agent(doc, t_end, e);
    } else if noun && anchor == i {
        // a bare noun: its possessor ("Halvaria's attack on …"), or "by X" after it
        if i > s && crate::text::is_possessive(doc.tok(i - 1)) {
            let mut a = i - 1;
            while a > s && doc.tokens[a - 1].is_capitalized(doc.text) {
                a -= 1;
            }
            actor = Some((a, i));
        } else if i > s
            && doc.tokens[i - 1].is_capitalized(doc.text)
            && entities::country_at(doc, i - 1, i, gaz).is_some()
        {
            actor = Some((i - 1, i));
        } else {
            actor = entities::by_agent(doc, t_end, e);
        }
        recipient = entities::recipient_after(doc, t_end, e, transfer);
    } else {
        if actor_spans.is_none() {
            actor = entities::subject_before(doc, s, entities::before_verb(doc, s, anchor));
        }
        recipient = gap_object(doc, i, t_end, entry)
            .or_else(|| entities::recipient_after(doc, t_end, e, transfer))
            .map(|p| entities::party_behind(doc, p, e).unwrap_or(p));
    }
    // the actor is not the trigger's own words, nor a phrase another event claimed as its
    // recipient, nor a statement's content read backwards
    let mut actors = match actor_spans {
        Some(spans) => {
            let a = doc.token_at(spans[0].start);
            let b = doc.token_at(spans[spans.len() - 1].end);
            if a < b && b <= doc.tokens.len() {
                let mut ents = entities::entities(doc, (a, b), gaz, known);
                for x in &mut ents {
                    if x.span.is_empty() {
                        x.span = spans.clone();
                    }
                }
                ents
            } else {
                Vec::new()
            }
        }
        None => actor
            .map(|p| entities::entities(doc, p, gaz, known))
            .unwrap_or_default(),
    };
    let mut recipients = recipient
        .map(|p| entities::entities(doc, p, gaz, known))
        .unwrap_or_default();
    // reciprocal acts of several actors have no recipient (manual 2.4.2); what is agreed
    // on or to is a topic, not a recipient
    let reciprocal = matches!(
        kind,
        EventType::Agree | EventType::Consult | EventType::Cooperate
    );
    if reciprocal && (actors.len() > 1 || matches!(w(t_end), "on" | "to" | "that")) {
        recipients.clear();
    }
    if let Some(p) = actor {
        claimed.push(p);
    }
    if let Some(p) = recipient {
        // what lies between the trigger and its recipient is its object ("lift the ban on Y")
        let from = if p.0 >= t_end { t_end } else { p.0 };
        claimed.push((from, p.1));
    }
    claimed.push((anchor.min(i), t_end));
    // ", killing …", "and wounded …": the actor of the sentence's last act
    if actors.is_empty() && !passive && !noun {
        let b = entities::before_verb(doc, s, i);
        let joined = b > s && (doc.tok(b - 1) == "," && w(i).ends_with("ing") || w(b - 1) == "and");
        if joined {
            if let Some(p) = last_actor {
                actors = p.to_vec();
            }
        }
    }
    // pronouns as actors stay, with no country: the scorer and readers see the words
    actors.retain(|a| !a.span.is_empty());
    recipients.retain(|a| !a.span.is_empty());
    // future cooperation is an agreement, a future retreat a concession (manual 3.1, 3.4)
    if matches!(standing, Standing::Planned | Standing::Offered) {
        kind = match kind {
            EventType::Support | EventType::Cooperate | EventType::Aid => EventType::Agree,
            EventType::Retreat => EventType::Concede,
            k => k,
        };
    }
    // a cooperative act negated is a refusal: "will not lift the ban", "did not attend"
    // (REJECT, manual 3.10: all rejections and refusals)
    let cooperative = matches!(
        kind,
        EventType::Agree
            | EventType::Consult
            | EventType::Support
            | EventType::Concede
            | EventType::Cooperate
            | EventType::Aid
            | EventType::Retreat
    );
    let mut standing = standing;
    if cooperative && standing == Standing::Denied && negated(doc, s, i) {
        kind = EventType::Reject;
        standing = if content_of.is_some() && cue_of.is_none() {
            Standing::Claimed
        } else {
            Standing::Happened
        };
    }
    let trigger = doc.tokens[anchor.min(i)].span.cover(&span);
    Some(Event {
        kind,
        mode,
        context: Vec::new(),
        trigger,
        actors,
        recipients,
        sentence: si,
        statement: if cue_of.is_some() { None } else { content_of },
        standing,
        day: None,
        location: None,
        subordinate: subordinate(doc, s, anchor.min(i)),
    })
}

/// Is the act whose trigger starts at `i` told below the sentence's main clause? A present
/// participle after a comma adds a circumstance (", killing five"), and so does a clause
/// opened by a conjunction of time or cause or a relative pronoun ("as rebels attacked",
/// "which killed") with no comma between it and the trigger; a clause before a comma that
/// ends it ("After talks in Velora, the minister signed") is left to the main one.
fn subordinate(doc: &Doc, s: usize, i: usize) -> bool {
    let w = |j: usize| word(doc, j, i + 1);
    if i > s && w(i).ends_with("ing") {
        let mut j = i;
        while j > s && w(j - 1).ends_with("ly") && w(j - 1).len() > 4 {
            j -= 1;
        }
        if j > s && doc.tok(j - 1) == "," {
            return true;
        }
    }
    let mut j = i;
    while j > s {
        j -= 1;
        if matches!(doc.tokens[j].kind, TokKind::Punct | TokKind::Quote) {
            return false;
        }
        if matches!(
            w(j),
            "as" | "while"
                | "after"
                | "when"
                | "because"
                | "since"
                | "before"
                | "although"
                | "though"
                | "whereas"
                | "until"
                | "which"
                | "who"
                | "whom"
                | "whose"
        ) {
            // "as well as", "such as", "as many as": no clause
            return !(w(j) == "as"
                && j > s
                && matches!(w(j - 1), "well" | "such" | "many" | "much" | "so"));
        }
    }
    false
}

/// Is the act at `i` done by a fire, a flood or a crash named shortly before it in the same
/// clause ("a fire in the capital that killed 19", "floods killed 20 people")?
fn natural_cause(doc: &Doc, s: usize, i: usize, e: usize) -> bool {
    let from = s.max(i.saturating_sub(8));
    let Some(d) = (from..i)
        .rev()
        .find(|&j| DISASTERS.contains(&word(doc, j, e)))
    else {
        return false;
    };
    !(d + 1..i).any(|j| matches!(doc.tok(j), "," | ";" | ":"))
}

/// What kills without using force: the subject of "killed" that makes it no assault.
const DISASTERS: &[&str] = &[
    "fire",
    "fires",
    "blaze",
    "flood",
    "floods",
    "flooding",
    "earthquake",
    "quake",
    "storm",
    "storms",
    "hurricane",
    "typhoon",
    "cyclone",
    "landslide",
    "landslides",
    "avalanche",
    "accident",
    "crash",
    "collision",
    "disease",
    "virus",
    "outbreak",
    "epidemic",
    "pandemic",
    "heatwave",
    "drought",
    "tsunami",
    "stampede",
    "derailment",
];

/// A "not", "never" or "n't" among the few words before the trigger at `i`.
fn negated(doc: &Doc, s: usize, i: usize) -> bool {
    (s.max(i.saturating_sub(4))..i).any(|j| {
        let w = word(doc, j, i);
        matches!(w, "not" | "never") || w.ends_with("n't") || w.ends_with("n\u{2019}t")
    })
}

#[cfg(test)]
mod tests;
