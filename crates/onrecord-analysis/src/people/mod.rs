//! People: resolve each attribution's source mention to a named person or body.
//!
//! Names come from the mention itself ("Presidential Spokesman Ibrahim Kalın" → name
//! "Ibrahim Kalın", role "Presidential Spokesman"); surnames alone find the fullest name with
//! that surname anywhere in the article; pronouns take the most recent speaker of the right
//! kind; definite nominals ("the spokesperson") the speaker whose role matches, else the most
//! recent person speaker; capitals and demonyms stand for their country ("Ankara" → Türkiye,
//! "Ukrainian authorities" → Ukraine).

mod mentions;
#[cfg(test)]
mod tests;
mod words;

use onrecord_core::{identity_key, surname_key, Resolution, Speaker, SpeakerKind, SpeakerVia};

use crate::agreement::{self, Gender};
use crate::attrib::Found;
use crate::text::{strip_possessive, Doc, TokKind};

use mentions::*;
use words::*;

/// Resolve sources to speakers. Returns the article's speakers and, per attribution, the
/// index of its speaker.
pub fn resolve(doc: &Doc, found: &[Found]) -> (Vec<Speaker>, Vec<Option<usize>>) {
    let (speakers, out, _) = resolve_with_how(doc, found);
    (speakers, out)
}

/// How a speaker was found, with the share of speakers found that way that were right on
/// polnear-dev-speakers (both halves, 84 articles; `bench/speaker_methods.py`), as
/// (right + 1) / (all + 2): names 436/466, surnames 324/328, pronouns 253/281, roles 13/16,
/// nominals 33/46. The rules were written on half A, so A alone reads higher (0.95, 0.98,
/// 0.94, 0.88, 0.77) and the checking half B lower (0.92, 0.98, 0.85, 0.67, 0.53): nominals
/// and roles are the ones to doubt.
fn resolution(via: SpeakerVia) -> Resolution {
    let confidence = match via {
        SpeakerVia::Name => 0.93,
        SpeakerVia::Surname => 0.98,
        SpeakerVia::Pronoun => 0.9,
        SpeakerVia::Role => 0.78,
        SpeakerVia::Nominal => 0.71,
    };
    Resolution { via, confidence }
}

/// [`resolve`], with how each speaker was found and how sure that is.
pub fn resolve_with_how(
    doc: &Doc,
    found: &[Found],
) -> (Vec<Speaker>, Vec<Option<usize>>, Vec<Option<Resolution>>) {
    let names = Names::new(doc);
    let subjects = names.sentence_subjects();
    let writer = author(doc);
    let mut speakers: Vec<Speaker> = Vec::new();
    // what each speaker's mentions say of their gender (parallel to `speakers`)
    let mut genders: Vec<Option<Gender>> = Vec::new();
    let mut out = vec![None; found.len()];
    let mut how: Vec<Option<Resolution>> = vec![None; found.len()];
    // resolve in order of the source mention, so pronouns see what came before
    let mut order: Vec<usize> = (0..found.len())
        .filter(|&i| found[i].source.is_some())
        .collect();
    order.sort_by_key(|&i| found[i].source.map(|s| s.0));
    // (source start token, speaker) of resolved mentions, in text order
    let mut history: Vec<(usize, usize)> = Vec::new();
    // variants are the names as written, never pronouns or role nouns
    // a mention's gender must agree with the person it joins: "Mrs. Roe" is not John Roe
    let add = |speakers: &mut Vec<Speaker>,
               genders: &mut Vec<Option<Gender>>,
               m: Mention,
               gender: Option<Gender>|
     -> (usize, SpeakerVia) {
        let key = identity_key(&m.name);
        let surname = m.kind == SpeakerKind::Person && !key.contains(' ');
        let agrees = |i: usize| gender.is_none() || genders[i].is_none() || genders[i] == gender;
        let same = speakers
            .iter()
            .position(|s| s.key == key)
            .filter(|&i| agrees(i));
        let by_surname = || {
            // the first-named agreeing person of that surname
            (0..speakers.len()).find(|&i| {
                surname
                    && speakers[i].kind == SpeakerKind::Person
                    && surname_key(&speakers[i].name) == key
                    && agrees(i)
            })
        };
        if let Some(i) = same.or_else(by_surname) {
            // written with fewer words than the name it was matched to: "Kalın", "Mrs. Roe"
            let written = if m.written.is_empty() {
                &m.name
            } else {
                &m.written
            };
            let written_words = written.split(' ').filter(|w| !is_title(w)).count();
            let via = if speakers[i].name.split(' ').count() > written_words
                || m.name.split(' ').count() > written_words
            {
                SpeakerVia::Surname
            } else {
                SpeakerVia::Name
            };
            if genders[i].is_none() {
                genders[i] = gender;
            }
            let sp = &mut speakers[i];
            if !m.written.is_empty() && !sp.variants.contains(&m.written) {
                sp.variants.push(m.written.clone());
            }
            if m.name.split(' ').count() > sp.name.split(' ').count() {
                sp.name = m.name;
                sp.key = key;
            }
            if sp.role.is_none() {
                sp.role = m.role;
            }
            if sp.affiliation.is_none() {
                sp.affiliation = m.affiliation;
            }
            return (i, via);
        }
        genders.push(gender);
        speakers.push(Speaker {
            name: m.name,
            key,
            kind: m.kind,
            role: m.role,
            affiliation: m.affiliation,
            variants: if m.written.is_empty() {
                vec![]
            } else {
                vec![m.written]
            },
        });
        (speakers.len() - 1, SpeakerVia::Name)
    };
    // nominals with nothing before them ("Presidential spokesman believes …" in a subtitle)
    let mut pending: Vec<(usize, String, Option<usize>)> = Vec::new();
    let mut cataphora: Vec<(usize, String, usize)> = Vec::new();
    for &fi in &order {
        let (s, e) = found[fi].source.unwrap();
        let words: Vec<String> = (s..e).map(|i| doc.lower(i).into_owned()).collect();
        // "he's", "it's": the pronoun of a contraction
        let last = strip_possessive(words.last().map(String::as_str).unwrap_or(""));
        let recent = |kind: SpeakerKind, speakers: &Vec<Speaker>, genders: &Vec<Option<Gender>>| {
            history
                .iter()
                .rev()
                .filter(|(pos, _)| *pos < s)
                .map(|&(_, sp)| sp)
                .find(|&sp| speakers[sp].kind == kind && agreement::agrees(last, genders[sp]))
        };
        let gender = agreement::title_gender_of(&words);
        let via = |v: SpeakerVia| move |sp: usize| (sp, v);
        let sp = if let Some(name) = writer
            .as_ref()
            .filter(|_| e - s == 1 && matches!(last, "i" | "me") && !doc.tokens[s].in_quote)
        {
            // the writer of an opinion piece, named in the closing note
            let m = Mention {
                name: name.clone(),
                written: String::new(),
                kind: SpeakerKind::Person,
                role: None,
                affiliation: None,
            };
            let gender = agreement::name_gender(name);
            Some(add(&mut speakers, &mut genders, m, gender))
                .map(|(sp, _)| (sp, SpeakerVia::Pronoun))
        } else if e - s == 1 && matches!(last, "he" | "she" | "him" | "her") {
            // the latest person heard from, or named as a sentence's subject since
            let heard = history
                .iter()
                .rev()
                .filter(|(pos, _)| *pos < s)
                .find(|&&(_, sp)| {
                    speakers[sp].kind == SpeakerKind::Person
                        && agreement::agrees(last, genders[sp])
                        && writer
                            .as_ref()
                            .is_none_or(|w| identity_key(w) != speakers[sp].key)
                })
                .copied();
            let para = |t: usize| doc.tokens[t].para;
            let named = subjects
                .iter()
                .rev()
                .filter(|(pos, _, _)| *pos < s && heard.is_none_or(|(h, _)| *pos > h))
                .filter(|(pos, _, _)| para(*pos) + 1 >= para(s))
                .find(|(_, _, g)| agreement::agrees(last, *g));
            match named {
                Some((_, m, g)) => Some(add(&mut speakers, &mut genders, m.clone(), *g).0)
                    .map(via(SpeakerVia::Pronoun)),
                None if heard.is_none() => names.latest_named_person(s, last).map(|m| {
                    let g = agreement::name_gender(&m.name);
                    (
                        add(&mut speakers, &mut genders, m, g).0,
                        SpeakerVia::Pronoun,
                    )
                }),
                None => heard.map(|(_, sp)| sp).map(via(SpeakerVia::Pronoun)),
            }
        } else if e - s == 1 && matches!(last, "it" | "they") {
            recent(SpeakerKind::Body, &speakers, &genders)
                .filter(|_| last == "it")
                .map(via(SpeakerVia::Pronoun))
        } else if e - s == 1 && matches!(last, "who" | "which") {
            // the name right before "who" (or "which": "the agency, which said …")
            let mut j = s;
            while j > 0 && doc.tok(j - 1) == "," {
                j -= 1;
            }
            let mut k = j;
            while k > 0 && doc.tokens[k - 1].is_capitalized(doc.text) {
                k -= 1;
            }
            let mut m = (k < j).then(|| names.mention(k, j)).flatten();
            // "Ana Brel, a clerk at the Harbor Office who …": "who" is a person, the name
            // the description is in apposition to
            if last == "who" && m.as_ref().is_none_or(|m| m.kind == SpeakerKind::Body) {
                let comma = (k.saturating_sub(12)..k).rev().find(|&i| {
                    doc.tok(i) == ","
                        && i + 1 < k
                        && matches!(doc.lower(i + 1).as_ref(), "a" | "an" | "the")
                        && (i + 1..k).all(|t| doc.tokens[t].kind == TokKind::Word)
                });
                if let Some(c) = comma {
                    let mut a = c;
                    while a > 0 && doc.tokens[a - 1].is_capitalized(doc.text) {
                        a -= 1;
                    }
                    let named = (a < c)
                        .then(|| names.mention(a, c))
                        .flatten()
                        .filter(|m| m.kind == SpeakerKind::Person);
                    if named.is_some() {
                        m = named;
                    }
                }
            }
            m.map(|m| add(&mut speakers, &mut genders, m, None).0)
                .map(via(SpeakerVia::Pronoun))
        } else if let Some(head) = nominal_head(&words)
            .filter(|_| matches!(words[0].as_str(), "a" | "an") && doc.tokens[s].para <= 2)
        {
            // "A harbor judge ruled …" in the lede: the person named later with that role
            cataphora.push((fi, normalise_role(head).to_string(), s));
            None
        } else if let Some(m) = names
            .mention(s, e)
            .filter(|m| !capitalized_common_word(doc, s, e, m))
        {
            let gender = gender.or_else(|| agreement::name_gender(&m.name));
            Some(add(&mut speakers, &mut genders, m, gender))
        } else if let Some(m) = names.publication_owner(s, e) {
            let gender = agreement::name_gender(&m.name);
            Some(add(&mut speakers, &mut genders, m, gender))
        } else if let Some(country) = words
            .iter()
            .find_map(|w| place(strip_possessive(w)))
            .filter(|_| {
                matches!(
                    last,
                    "authorities" | "government" | "administration" | "leadership"
                )
            })
        {
            Some(add(
                &mut speakers,
                &mut genders,
                Mention::body(country.to_string(), String::new()),
                None,
            ))
            .map(|(sp, _)| (sp, SpeakerVia::Nominal))
        } else if let Some(name) = typed_nominal(&words)
            .and_then(|heads| names.latest_name_where(s, TYPED_WINDOW, |w| heads.contains(&w)))
        {
            // "the newspaper" → the latest paper named before ("The Dunmere Courier")
            let body = Mention::body(name, String::new());
            Some((
                add(&mut speakers, &mut genders, body, None).0,
                SpeakerVia::Nominal,
            ))
        } else if let Some(name) = (words.len() == 2
            && words[0] == "the"
            && BODY_WORDS.contains(&last)
            && last != "campaign")
            .then(|| names.latest_body_with(s, last))
            .flatten()
        {
            // "the commission": the latest body named with that word before it, paragraphs
            // back if need be ("the fund" for the International Monetary Fund of the lede)
            let name = place(&name).map_or(name, str::to_string);
            let body = Mention::body(name, String::new());
            Some((
                add(&mut speakers, &mut genders, body, None).0,
                SpeakerVia::Nominal,
            ))
        } else if last == "campaign"
            && words.len() <= 3
            && matches!(words[0].as_str(), "the" | "his" | "her" | "their")
        {
            // "the campaign", "her campaign": the campaign last heard from, else that of the
            // person most quoted so far
            history
                .iter()
                .rev()
                .filter(|(pos, _)| *pos < s)
                .map(|&(_, sp)| sp)
                .find(|&sp| speakers[sp].name.ends_with(" campaign"))
                .or_else(|| {
                    let person = principal_person(&speakers, &out, |_| true)?;
                    let surname = speakers[person].name.rsplit(' ').next()?.to_string();
                    Some(
                        add(
                            &mut speakers,
                            &mut genders,
                            Mention::body(format!("{surname} campaign"), String::new()),
                            None,
                        )
                        .0,
                    )
                })
                .map(via(SpeakerVia::Nominal))
        } else if let Some(head) = nominal_head(&words).filter(|_| {
            !words
                .iter()
                .any(|w| matches!(w.as_str(), "a" | "an" | "one" | "another" | "some"))
        }) {
            // "the spokesperson": the speaker whose role shares the head noun, else the latest person
            let head = normalise_role(head);
            let by_role = by_role(&speakers, head, &words);
            if by_role.is_none() {
                let before = recent(SpeakerKind::Person, &speakers, &genders);
                pending.push((fi, head.to_string(), before));
            }
            by_role.map(via(SpeakerVia::Role))
        } else {
            None
        };
        if let Some((sp, v)) = sp {
            out[fi] = Some(sp);
            how[fi] = Some(resolution(v));
            history.push((s, sp));
        }
    }
    let mut nominal_roles: Vec<(usize, usize)> = Vec::new();
    for (fi, head, before) in pending {
        // a person whose role (known by now) shares the head noun, else the latest person
        // before the mention, else the first person speaker after it (cataphora)
        let (s, e) = found[fi].source.unwrap();
        let words: Vec<String> = (s..e).map(|i| doc.lower(i).into_owned()).collect();
        let by_role = by_role(&speakers, &head, &words);
        let v = if by_role.is_some() {
            SpeakerVia::Role
        } else {
            SpeakerVia::Nominal
        };
        // else a person the article writes with that title ("the president" … "President
        // Obama"), before the person most quoted
        let titled = by_role
            .is_none()
            .then(|| names.titled_for(s, &words, &head).cloned())
            .flatten()
            .map(|m| {
                let gender = agreement::title_gender_of(
                    &m.role
                        .iter()
                        .flat_map(|r| r.split(' '))
                        .map(str::to_lowercase)
                        .collect::<Vec<_>>(),
                )
                .or_else(|| agreement::name_gender(&m.name));
                add(&mut speakers, &mut genders, m, gender).0
            });
        let wanted = agreement::title_gender_of(&words);
        let agrees = |i: usize| wanted.is_none() || genders[i].is_none() || genders[i] == wanted;
        let sp = by_role
            .or(titled)
            .or_else(|| principal_person(&speakers, &out, agrees))
            .or(before.filter(|&b| agrees(b)));
        if let Some(sp) = sp {
            out[fi] = Some(sp);
            how[fi] = Some(resolution(v));
            nominal_roles.push((sp, fi));
        }
    }
    // a person known only by name takes the longest nominal that resolved to them as their
    // role ("Okonkwo-Berg" … "the United Nations special envoy for the region")
    let mut longest: Vec<Option<String>> = vec![None; speakers.len()];
    for (sp, fi) in nominal_roles {
        let (s, e) = found[fi].source.unwrap();
        let role: Vec<&str> = (s..e)
            .map(|i| doc.tok(i))
            .skip_while(|w| matches!(w.to_lowercase().as_str(), "the" | "a" | "an"))
            .collect();
        let role = role.join(" ").replace(" 's", "'s");
        if !role.is_empty() && longest[sp].as_ref().is_none_or(|r| r.len() < role.len()) {
            longest[sp] = Some(role);
        }
    }
    for (speaker, role) in speakers.iter_mut().zip(longest) {
        if speaker.kind == SpeakerKind::Person && speaker.role.is_none() {
            speaker.role = role;
        }
    }
    // an indefinite description in the lede: the first person heard from after it whose
    // role has its head noun ("A harbor judge …" … "Judge Ana Brel wrote")
    for (fi, head, s) in cataphora {
        let later = history
            .iter()
            .filter(|(pos, _)| *pos > s)
            .map(|&(_, sp)| sp)
            .find(|&sp| {
                speakers[sp].kind == SpeakerKind::Person
                    && speakers[sp].role.as_deref().is_some_and(|r| {
                        r.split(' ')
                            .any(|w| normalise_role(&w.to_lowercase()) == head)
                    })
            });
        // else the person written with that title after it ("Harbor Court Justice Ivo Lind")
        let later = later.or_else(|| {
            let e = found[fi].source.unwrap().1;
            let words: Vec<String> = (s..e).map(|i| doc.lower(i).into_owned()).collect();
            let m = names.titled_for(s, &words, &head)?.clone();
            let gender = agreement::name_gender(&m.name);
            Some(add(&mut speakers, &mut genders, m, gender).0)
        });
        if let Some(sp) = later {
            out[fi] = Some(sp);
            how[fi] = Some(resolution(SpeakerVia::Role));
        }
    }
    (speakers, out, how)
}

/// The writer of an opinion piece, named by the note that closes it ("Ana Brel is a
/// playwright in Dunmere."): one of the last two paragraphs opens with a name and "is".
fn author(doc: &Doc) -> Option<String> {
    let last = doc.tokens.last()?.para;
    for p in [last, last.saturating_sub(1)] {
        let a = doc.tokens.iter().position(|t| t.para == p)?;
        let len = doc.tokens[a..].iter().take_while(|t| t.para == p).count();
        let mut j = a;
        while j < a + len && doc.tokens[j].is_capitalized(doc.text) {
            j += 1;
        }
        let words: Vec<&str> = (a..j).map(|i| doc.tok(i)).collect();
        let named = (2..=4).contains(&words.len())
            && words.iter().all(|w| {
                !is_roleish(w) && !not_name(w) && !BODY_WORD_SET.contains(fold_word(w).as_str())
            })
            && place(&words.join(" ")).is_none();
        if named && len <= 80 && j < a + len && doc.lower(j) == "is" {
            return Some(words.join(" "));
        }
    }
    None
}

/// A one-word "name" that is a common word capitalized because it starts the sentence
/// ("Proponents say", "Delegates said", "Women told"): the same word written in lower case
/// elsewhere in the article, or a plural that no fuller name in the article ends in.
fn capitalized_common_word(doc: &Doc, s: usize, e: usize, m: &Mention) -> bool {
    if m.kind != SpeakerKind::Person || m.name.contains(' ') || e != s + 1 {
        return false;
    }
    let starts_sentence = doc.sentences.iter().any(|&(a, _)| a == s)
        || s > 0 && matches!(doc.tokens[s - 1].kind, TokKind::Quote | TokKind::Punct);
    if !starts_sentence {
        return false;
    }
    let word = doc.tok(s);
    let lower = word.to_lowercase();
    let written_lower = doc
        .tokens
        .iter()
        .any(|t| t.kind == TokKind::Word && t.text(doc.text) == lower);
    let plural = lower.ends_with('s') && !lower.ends_with("ss");
    written_lower || plural
}

/// The person whose role shares the head noun of a description ("the spokesperson"): of
/// several, the one whose role shares most of its other words ("the Democratic nominee" is
/// the Democratic nominee, not the first nominee heard from), else the first.
fn by_role(speakers: &[Speaker], head: &str, words: &[String]) -> Option<usize> {
    let norm = |w: &str| -> String {
        match fold_word(w).as_str() {
            "gop" => "republican".to_string(),
            other => normalise_role(other).to_string(),
        }
    };
    let modifiers: Vec<String> = words
        .iter()
        .map(|w| norm(w))
        .filter(|w| w != head && !is_function_word(w))
        .collect();
    speakers
        .iter()
        .enumerate()
        .filter_map(|(i, sp)| {
            let role: Vec<String> = sp.role.as_deref()?.split(' ').map(norm).collect();
            (sp.kind == SpeakerKind::Person && role.iter().any(|w| w == head)).then(|| {
                let shared = modifiers.iter().filter(|m| role.contains(m)).count();
                (i, shared)
            })
        })
        .max_by_key(|&(i, shared)| (shared, std::cmp::Reverse(i)))
        .map(|(i, _)| i)
}

/// The person with most statements so far: whom "the spokesperson" most likely means when no
/// role says otherwise.
/// Of the gender asked for, when the description gives one ("the spokeswoman", "the mother
/// of three").
fn principal_person(
    speakers: &[Speaker],
    resolved: &[Option<usize>],
    agrees: impl Fn(usize) -> bool,
) -> Option<usize> {
    let mut counts = vec![0usize; speakers.len()];
    for sp in resolved.iter().flatten() {
        counts[*sp] += 1;
    }
    (0..speakers.len())
        .filter(|&i| speakers[i].kind == SpeakerKind::Person && counts[i] > 0 && agrees(i))
        .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
}
