//! Mentions: what a source span names (a person, a body, a place), read against every
//! name the article writes (full names, titled people, acronyms, sentence subjects).

use onrecord_core::{identity_key, surname_key, SpeakerKind};

use super::words::*;
use crate::agreement::{self, Gender};
use crate::text::{strip_possessive, Doc, TokKind};

/// A person or body mention as read off a source span.
#[derive(Clone, Debug)]
pub(super) struct Mention {
    pub(super) name: String,
    /// The name as the text writes it ("Kalin", "Ankara"): a spelling variant.
    pub(super) written: String,
    pub(super) kind: SpeakerKind,
    pub(super) role: Option<String>,
    pub(super) affiliation: Option<String>,
}

impl Mention {
    /// A body, with no role or affiliation (`written` empty when the text names it by a
    /// nominal only: "the commission").
    pub(super) fn body(name: String, written: String) -> Mention {
        Mention {
            name,
            written,
            kind: SpeakerKind::Body,
            role: None,
            affiliation: None,
        }
    }
}

pub(super) struct Names<'a> {
    pub(super) doc: &'a Doc<'a>,
    /// Every multi-word capitalized name run in the article (candidates for surname lookup).
    pub(super) full_names: Vec<String>,
    /// The token where each of `full_names` starts.
    pub(super) full_name_at: Vec<usize>,
    /// The surname key of each of `full_names`, worked out on the first surname lookup.
    pub(super) surname_keys: std::cell::OnceCell<Vec<String>>,
    /// People written with a title before their name, worked out on the first lookup.
    pub(super) titled: std::cell::OnceCell<Vec<Titled>>,
}

/// A person the article writes with a title before the name ("President Obama", "Sen. Ted
/// Cruz", "Attorney General Eric Schneiderman"): whom a bare "the president", "the senator"
/// means when that person never spoke before the description.
pub(super) struct Titled {
    /// The token where the title starts.
    pub(super) at: usize,
    /// The title's words, folded, abbreviations spelled out ("gov" → "governor").
    pub(super) title: Vec<String>,
    /// Capitalized words of the title that are no role words ("Indiana" in "Indiana Gov.").
    pub(super) places: Vec<String>,
    pub(super) mention: Mention,
}

impl<'a> Names<'a> {
    pub(super) fn new(doc: &'a Doc<'a>) -> Self {
        let mut full_names = Vec::new();
        let mut full_name_at = Vec::new();
        let mut i = 0;
        let n = doc.tokens.len();
        while i < n {
            if !doc.tokens[i].is_capitalized(doc.text) {
                i += 1;
                continue;
            }
            let mut j = i;
            let mut words: Vec<&str> = Vec::new();
            while j < n
                && (doc.tokens[j].is_capitalized(doc.text)
                    || PARTICLES.contains(&doc.tok(j))
                        && j + 1 < n
                        && doc.tokens[j + 1].is_capitalized(doc.text))
                && doc.tokens[j].para == doc.tokens[i].para
            {
                words.push(strip_possessive(doc.tok(j)));
                let ends_possessive = doc.tok(j) != strip_possessive(doc.tok(j));
                // an initial's point stays inside the name: "Ann J. Roe" (as "Ann J Roe")
                let initial = doc.tok(j).len() == 1
                    && j + 2 < n
                    && doc.tok(j + 1) == "."
                    && doc.tokens[j].span.end == doc.tokens[j + 1].span.start
                    && doc.tokens[j + 2].is_capitalized(doc.text);
                j += 1 + usize::from(initial);
                if ends_possessive {
                    break;
                }
            }
            // the name follows the last role word: "Harbor Court Justice Ivo Lind"
            let last_role = |ws: &[&str]| {
                ws.iter()
                    .rposition(|w| is_role_word(&fold_word(w)))
                    .map_or(0, |k| k + 1)
            };
            let mut after_role = last_role(&words);
            // a role word after a first name is a surname: "Larry King", "Ann Marshal"
            if after_role == words.len()
                && words.len() >= 2
                && agreement::first_name_gender(words[words.len() - 2]).is_some()
            {
                after_role = last_role(&words[..words.len() - 1]);
            }
            let name_words: Vec<&str> = words[after_role..]
                .iter()
                .copied()
                .skip_while(|w| is_roleish(w) || not_name(w))
                .collect();
            if name_words.len() >= 2
                && name_words.len() <= 5
                && !name_words
                    .iter()
                    .any(|w| BODY_WORD_SET.contains(fold_word(w).as_str()))
                && place(&name_words.join(" ")).is_none()
            {
                full_names.push(name_words.join(" "));
                full_name_at.push(i);
            }
            i = j.max(i + 1);
        }
        Names {
            doc,
            full_names,
            full_name_at,
            surname_keys: std::cell::OnceCell::new(),
            titled: std::cell::OnceCell::new(),
        }
    }

    /// The surname key of each of `full_names`, worked out on the first call.
    fn surname_keys(&self) -> &[String] {
        self.surname_keys.get_or_init(|| {
            self.full_names
                .iter()
                .map(|n| person_surname_key(n))
                .collect()
        })
    }

    /// The latest person's full name written before token `s`, in its paragraph or the one
    /// before, that the pronoun agrees with: whom "he" means when nobody was heard from or
    /// named as a subject before it ("If the candidate is Ann Roe, the answer is no. She
    /// refuses …").
    pub(super) fn latest_named_person(&self, s: usize, pronoun: &str) -> Option<Mention> {
        let para = |t: usize| self.doc.tokens[t].para;
        (0..self.full_names.len())
            .rev()
            .filter(|&k| self.full_name_at[k] < s && para(self.full_name_at[k]) + 1 >= para(s))
            .map(|k| &self.full_names[k])
            .find(|n| agreement::agrees(pronoun, agreement::name_gender(n)))
            .map(|n| Mention {
                name: n.clone(),
                written: n.clone(),
                kind: SpeakerKind::Person,
                role: None,
                affiliation: None,
            })
    }

    /// Every person written with a title before the name, in text order.
    pub(super) fn titled_people(&self) -> &[Titled] {
        self.titled.get_or_init(|| {
            let doc = self.doc;
            let n = doc.tokens.len();
            let cap = |i: usize| doc.tokens[i].is_capitalized(doc.text);
            let mut out = Vec::new();
            let mut i = 0;
            while i < n {
                if !cap(i) || !is_role_word(&fold_word(doc.tok(i))) {
                    i += 1;
                    continue;
                }
                // the run of capitalized words (and abbreviation points) from the title on,
                // in one paragraph
                let mut j = i;
                while j < n
                    && doc.tokens[j].para == doc.tokens[i].para
                    && (cap(j) || doc.tok(j) == "." && j > i && cap(j - 1))
                {
                    let possessive = doc.tok(j) != strip_possessive(doc.tok(j));
                    j += 1;
                    if possessive {
                        break;
                    }
                }
                // the run must end in a name: the last word no role word
                let last = (i..j).rev().find(|&k| doc.tok(k) != ".");
                let named = last.is_some_and(|k| !is_roleish(doc.tok(k)));
                if let Some(m) = named.then(|| self.mention(i, j)).flatten() {
                    if m.kind == SpeakerKind::Person && m.role.is_some() {
                        let words: Vec<&str> = (i..j)
                            .map(|k| strip_possessive(doc.tok(k)))
                            .filter(|w| *w != ".")
                            .collect();
                        let name_len = m.written.split(' ').count();
                        let title_words = &words[..words.len().saturating_sub(name_len)];
                        let title: Vec<String> = title_words
                            .iter()
                            .map(|w| spell_title(&fold_word(w)).to_string())
                            .collect();
                        let places = title_words
                            .iter()
                            .filter(|w| !is_roleish(w))
                            .map(|w| fold_word(w))
                            .collect();
                        if !title.is_empty() {
                            out.push(Titled {
                                at: i,
                                title,
                                places,
                                mention: m,
                            });
                        }
                    }
                }
                i = j.max(i + 1);
            }
            out
        })
    }

    /// The person written with a title whose head is the nominal's head noun: "the president"
    /// is "President Obama", "the Texas senator" is "Sen. Ted Cruz" (not "Ohio Sen. Ann
    /// Roe"). The nearest such person before the description, else the first after it.
    pub(super) fn titled_for(&self, s: usize, words: &[String], head: &str) -> Option<&Mention> {
        let doc = self.doc;
        // capitalized words of the description: a place or body that must agree
        let marks: Vec<String> = (s..s + words.len())
            .filter(|&i| doc.tokens[i].is_capitalized(doc.text) && !is_roleish(doc.tok(i)))
            .map(|i| fold_word(strip_possessive(doc.tok(i))))
            .collect();
        let degree = |ws: &mut dyn Iterator<Item = &str>| {
            ws.filter(|w| matches!(*w, "vice" | "deputy" | "former" | "assistant" | "acting"))
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        let want = degree(&mut words.iter().map(String::as_str));
        let fits = |t: &Titled| {
            t.title.last().is_some_and(|w| same_title(w, head))
                && degree(&mut t.title.iter().map(String::as_str)) == want
                && (t.places.is_empty()
                    || marks.is_empty()
                    || t.places.iter().any(|p| marks.contains(p)))
        };
        let people = self.titled_people();
        people
            .iter()
            .rev()
            .find(|t| t.at < s && fits(t))
            .or_else(|| people.iter().find(|t| t.at > s && fits(t)))
            .map(|t| &t.mention)
    }

    /// The full name in the article ending in this surname: the most often written, then
    /// the longest, then the first ("Cruz" is Ted Cruz where he is named more than Heidi).
    /// A title's gender rules out the names of the other: "Mrs. Roe" is never John Roe.
    /// Between names written as often and as long, one written in the last few paragraphs
    /// before the surname at token `at` ("Secretary Olve Lund" … "Lund said", after a Gary
    /// Lund named further up), else the first: two namesakes named close together leave the
    /// surname to the first, the article's subject.
    pub(super) fn full_name(
        &self,
        surname: &str,
        title: Option<Gender>,
        at: usize,
    ) -> Option<&str> {
        let key = surname_key(surname);
        type Rank = (bool, std::cmp::Reverse<usize>);
        let mut best: Option<(usize, usize, Rank, &str)> = None;
        let keys = self.surname_keys();
        for (pos, n) in self.full_names.iter().enumerate() {
            if keys[pos] != key {
                continue;
            }
            let given = n.split(' ').next().and_then(agreement::first_name_gender);
            if title.is_some() && given.is_some() && given != title {
                continue;
            }
            let count = self.full_names.iter().filter(|m| *m == n).count();
            // a name written in the last few paragraphs before the surname ranks above one
            // written only further up
            let para = |t: usize| self.doc.tokens[t].para;
            let recent = at < self.doc.tokens.len()
                && (0..self.full_names.len()).any(|k| {
                    let w = self.full_name_at[k];
                    self.full_names[k] == *n
                        && w < at
                        && para(w) as usize + RECENT_PARAGRAPHS >= para(at) as usize
                });
            let cand = (
                count,
                n.split(' ').count(),
                (recent, std::cmp::Reverse(pos)),
                n.as_str(),
            );
            if best.is_none_or(|b| (cand.0, cand.1, cand.2) > (b.0, b.1, b.2)) {
                best = Some(cand);
            }
        }
        // a family name written first, before a hyphenated given name ("Mr. Pak" is Pak
        // Song-il): the one such name in the article
        let family_first = || {
            let mut it = self.full_names.iter().filter(|n| {
                let ws: Vec<&str> = n.split(' ').collect();
                ws.len() == 2
                    && identity_key(ws[0]) == key
                    && ws[1].contains('-')
                    && ws[1]
                        .split('-')
                        .nth(1)
                        .is_some_and(|g| g.starts_with(char::is_lowercase))
            });
            let first = it.next()?;
            it.all(|n| n == first).then_some(first.as_str())
        };
        // a surname the article wrote before any full name of it (the headline's "Roe
        // plan", then "Jan Roe's new plan …") is the person the body introduces first,
        // however often a namesake is named in full after
        let first_named = || {
            let first = (0..self.full_names.len()).find(|&p| keys[p] == key)?;
            let distinct = (first + 1..self.full_names.len())
                .any(|p| keys[p] == key && self.full_names[p] != self.full_names[first]);
            let bare = (0..self.full_name_at[first]).any(|t| {
                self.doc.tokens[t].is_capitalized(self.doc.text)
                    && surname_key(strip_possessive(self.doc.tok(t))) == key
            });
            let name = self.full_names[first].as_str();
            let given = name
                .split(' ')
                .next()
                .and_then(agreement::first_name_gender);
            let agrees = title.is_none() || given.is_none() || given == title;
            (distinct && bare && agrees).then_some(name)
        };
        first_named()
            .filter(|_| best.is_some())
            .or(best.map(|b| b.3))
            .or_else(family_first)
            .or_else(|| self.misspelt_full_name(&key, title))
    }

    /// The one person whose surname is `key` but for one letter added, dropped, changed or
    /// swapped ("McLenney" for Tyra McClenney, "Wines" for Lee Wimes): a reporter's slip,
    /// or two spellings of a transliterated name. Only for surnames of five letters or
    /// more that start alike, and only when one person fits: "Lund" is never "Lind".
    pub(super) fn misspelt_full_name(&self, key: &str, title: Option<Gender>) -> Option<&str> {
        if key.chars().count() < 5 {
            return None;
        }
        let keys = self.surname_keys.get()?;
        let mut found: Option<&str> = None;
        for (pos, n) in self.full_names.iter().enumerate() {
            let k = &keys[pos];
            if k.chars().count() < 5
                || k.chars().next() != key.chars().next()
                || strsim::osa_distance(k, key) != 1
                || !n.contains(' ')
            {
                continue;
            }
            let given = n.split(' ').next().and_then(agreement::first_name_gender);
            let body = n
                .split(' ')
                .any(|w| BODY_WORD_SET.contains(fold_word(w).as_str()))
                || place(n).is_some();
            if body || (title.is_some() && given.is_some() && given != title) {
                continue;
            }
            match found {
                Some(f) if f != n => return None,
                _ => found = Some(n),
            }
        }
        found
    }

    /// People named as the subject opening a sentence ("Ana Brel can be heard …"), with
    /// the gender their title or first name gives: whom a later "she" may mean though
    /// they never spoke.
    pub(super) fn sentence_subjects(&self) -> Vec<(usize, Mention, Option<Gender>)> {
        let doc = self.doc;
        let mut out = Vec::new();
        for &(a, b) in &doc.sentences {
            let mut i = a;
            while i < b && matches!(doc.tokens[i].kind, TokKind::Quote | TokKind::Punct) {
                i += 1;
            }
            let mut j = i;
            while j < b
                && (doc.tokens[j].is_capitalized(doc.text) || doc.tok(j) == ".")
                && doc.tok(j) == strip_possessive(doc.tok(j))
            {
                j += 1;
            }
            if j < i + 2 || j >= b {
                continue;
            }
            let next = &doc.tokens[j];
            if (next.kind != TokKind::Word || next.is_capitalized(doc.text)) && doc.tok(j) != "," {
                continue;
            }
            let word_ok = |k: usize| {
                let w = doc.tok(k);
                w != "I" && (!not_name(w) || agreement::title_gender(&doc.lower(k)).is_some())
            };
            if !(i..j).all(word_ok) {
                continue;
            }
            let Some(m) = self.mention(i, j) else {
                continue;
            };
            let words: Vec<String> = (i..j).map(|k| doc.lower(k).into_owned()).collect();
            let title = agreement::title_gender_of(&words);
            if m.kind == SpeakerKind::Person && (m.name.contains(' ') || title.is_some()) {
                let gender = title.or_else(|| agreement::name_gender(&m.name));
                out.push((i, m, gender));
            }
        }
        out
    }

    /// The spelled-out name of an acronym, when the article gives it: "S.E.C." → "Securities
    /// and Exchange Commission".
    pub(super) fn expand_acronym(&self, acronym: &str) -> Option<String> {
        let letters: String = acronym.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() < 2 || !letters.chars().all(char::is_uppercase) {
            return None;
        }
        let doc = self.doc;
        let n = doc.tokens.len();
        for i in 0..n {
            if !doc.tokens[i].is_capitalized(doc.text) {
                continue;
            }
            let mut initials = String::new();
            let mut j = i;
            while j < n && initials.len() < letters.len() {
                let t = doc.tok(j);
                if doc.tokens[j].is_capitalized(doc.text) {
                    initials.push(t.chars().next().unwrap());
                } else if !matches!(t, "and" | "of" | "for" | "the" | "on" | "&") {
                    break;
                }
                j += 1;
            }
            if initials == letters && j - i >= 2 && j < n + 1 {
                let words: Vec<&str> = (i..j).map(|k| doc.tok(k)).collect();
                if words.len() > 1 && !words.iter().all(|w| *w == acronym) {
                    return Some(words.join(" "));
                }
            }
        }
        wire_service(&letters).map(str::to_string)
    }

    /// A known body named before lower-case words: `U.N. estimates`, `Kremlin data` (the
    /// body), `the UN refugee agency` (a body of its own, when known).
    pub(super) fn body_before_noun(&self, s: usize, e: usize) -> Option<Mention> {
        let doc = self.doc;
        let mut i = s;
        while i < e && matches!(doc.lower(i).as_ref(), "the" | "a" | "an") {
            i += 1;
        }
        let mut j = i;
        while j < e && (doc.tokens[j].is_capitalized(doc.text) || doc.tok(j) == ".") {
            j += 1;
        }
        if j == i || j >= e || (j..e).any(|k| doc.tokens[k].kind != TokKind::Word) {
            return None;
        }
        let body = (i..j).map(|k| doc.tok(k)).collect::<String>();
        let whole = (i..e).map(|k| doc.tok(k)).collect::<Vec<_>>().join(" ");
        let last = doc.lower(e - 1);
        let name = match place(&whole) {
            Some(p) => p.to_string(),
            None if DATA_NOUNS.contains(&last.as_ref()) => place(&body)?.to_string(),
            // "Donald Trump's campaign", "the Clinton campaign": the candidate's campaign
            None if last == "campaign" && j + 1 == e => {
                format!("{} campaign", strip_possessive(doc.tok(j - 1)))
            }
            // "Aylin Kaya's team", "the Kaya camp", "Kaya's re-election campaign": a
            // candidate's people speak as the campaign (no body's or place's team)
            None if matches!(last.as_ref(), "campaign" | "team" | "camp")
                && e - j <= 3
                && !BODY_WORD_SET
                    .contains(fold_word(strip_possessive(doc.tok(j - 1))).as_str())
                && place(strip_possessive(doc.tok(j - 1))).is_none()
                && place(&body).is_none() =>
            {
                format!("{} campaign", strip_possessive(doc.tok(j - 1)))
            }
            None => return None,
        };
        Some(Mention::body(name, whole))
    }

    /// Who stands behind a publication named as a source: the name before its noun ("a
    /// recent Courier survey", "Aylin Kaya's brief"), else the one after "by" or "from"
    /// ("an analysis released by the Harbor Office", "a new ad from Kaya's campaign").
    pub(super) fn publication_owner(&self, s: usize, e: usize) -> Option<Mention> {
        let doc = self.doc;
        let cap = |i: usize| doc.tokens[i].is_capitalized(doc.text);
        let k = (s..e).find(|&k| !cap(k) && PUBLICATION_NOUNS.contains(&doc.lower(k).as_ref()))?;
        let mut j = k;
        while j > s && (cap(j - 1) || doc.tok(j - 1) == "." || doc.tok(j - 1) == "&") {
            j -= 1;
        }
        while j < k && !cap(j) {
            j += 1;
        }
        if j < k {
            return self.mention(j, k);
        }
        let by = (k + 1..e).find(|&i| matches!(doc.lower(i).as_ref(), "by" | "from"))?;
        let a = by + 1;
        let mut b = a;
        let joins = |i: usize| matches!(doc.lower(i).as_ref(), "the" | "of" | "for" | "and" | "&");
        while b < e && (cap(b) || doc.tok(b) == "." || joins(b)) {
            b += 1;
        }
        // "from Kaya's presidential campaign": the possessive's campaign
        if b > a && doc.tok(b - 1) != strip_possessive(doc.tok(b - 1)) {
            if let Some(c) = (b..e.min(b + 3)).find(|&i| doc.lower(i) == "campaign") {
                return self.body_before_noun(a, c + 1);
            }
        }
        while b > a && joins(b - 1) {
            b -= 1;
        }
        (b > a && (a..b).any(cap))
            .then(|| self.mention(a, b))
            .flatten()
    }

    /// The latest capitalized name before token `before` that holds `noun` ("the
    /// commission" → "Commission on Presidential Debates"), at most [`TYPED_WINDOW`] tokens
    /// back: a body named in the lede is still "the fund" paragraphs later.
    pub(super) fn latest_body_with(&self, before: usize, noun: &str) -> Option<String> {
        self.latest_name_where(before, TYPED_WINDOW, |w| w == noun)
    }

    /// The latest capitalized name of two words or more before token `before`, at most
    /// `window` tokens back, holding a word (folded) that `is_head` accepts.
    pub(super) fn latest_name_where(
        &self,
        before: usize,
        window: usize,
        is_head: impl Fn(&str) -> bool,
    ) -> Option<String> {
        let doc = self.doc;
        let joins = |i: usize| matches!(doc.tok(i), "of" | "on" | "for" | "and" | "&");
        let cap = |i: usize| doc.tokens[i].is_capitalized(doc.text);
        let at = (before.saturating_sub(window)..before)
            .rev()
            .find(|&i| cap(i) && is_head(&fold_word(strip_possessive(doc.tok(i)))))?;
        let para = doc.tokens[at].para;
        let cap = |i: usize| cap(i) && doc.tokens[i].para == para;
        let mut a = at;
        while a > 0 && (cap(a - 1) || joins(a - 1) && a >= 2 && cap(a - 2)) {
            a -= 1;
        }
        while a < at && matches!(doc.lower(a).as_ref(), "the" | "a" | "an") {
            a += 1;
        }
        let mut b = at + 1;
        // "Court of Appeals for the Ninth Circuit": "the" after a joining word
        while b < before
            && (cap(b)
                || joins(b) && b + 1 < before && cap(b + 1)
                || joins(b) && b + 2 < before && doc.tok(b + 1) == "the" && cap(b + 2))
        {
            b += 1 + usize::from(joins(b) && doc.tok(b + 1) == "the");
        }
        let words: Vec<&str> = (a..b).map(|i| strip_possessive(doc.tok(i))).collect();
        (words.len() >= 2).then(|| words.join(" "))
    }

    /// Read the name, role and kind off a source token range.
    pub(super) fn mention(&self, s: usize, e: usize) -> Option<Mention> {
        let doc = self.doc;
        // a time after the source is no part of it: "the Supreme Court this month"; nor is
        // an auxiliary the source ran into: "Aylin Kaya isn't"
        let mut e = e;
        while e > s + 1
            && matches!(
                doc.tok(e - 1),
                "is" | "isn't" | "isn’t" | "was" | "wasn't" | "wasn’t" | "has" | "had" | "will"
            )
        {
            e -= 1;
        }
        if e >= s + 3
            && matches!(
                doc.tok(e - 1),
                "week" | "month" | "year" | "weekend" | "morning" | "afternoon" | "evening"
            )
            && matches!(doc.tok(e - 2), "this" | "last" | "next" | "earlier")
        {
            e -= 2;
        } else if e >= s + 2
            && matches!(
                doc.tok(e - 1),
                "today" | "yesterday" | "tonight" | "recently"
            )
        {
            e -= 1;
        }
        // appositive "Kalin, the spokesman for …": the name is before the comma
        // ("Tell, who joined the envoy, said": a relative clause is not a role)
        // (or between a pair of dashes: "Lund -- co-author of …, a book on … --"; a lone
        // dash after a dateline opens no appositive)
        let one_dash = |i: usize| {
            matches!(doc.tok(i), "\u{2014}" | "\u{2013}" | "--")
                || doc.tok(i) == "-" && i + 1 < e && doc.tok(i + 1) == "-"
        };
        let dash = |i: usize| one_dash(i) && (i + 2..e).any(one_dash);
        let (name_end, role_part) = match (s..e).find(|&i| doc.tok(i) == "," || dash(i)) {
            Some(c) if c > s => {
                let after = c + 1 + usize::from(doc.tok(c) == "-");
                let relative = after < e
                    && matches!(
                        doc.lower(after).as_ref(),
                        "who" | "which" | "whose" | "whom"
                    );
                (c, (!relative && after < e).then_some((after, e)))
            }
            _ => (e, None),
        };
        // a party and state after the name is no part of it: "Jason Chaffetz (R-Utah)", and
        // neither is one the source stops inside: "Jim Clyburn (D-S.C"
        let mut name_end = name_end;
        if let Some(open) = (s + 1..name_end).rev().find(|&i| doc.tok(i) == "(") {
            let close = (open..name_end).find(|&i| doc.tok(i) == ")");
            if close.is_none_or(|c| c == name_end - 1) {
                name_end = open;
            }
        }
        // "Apple's chief executive, Tim Cook", "Another critic, Ana Brel": a role first (a
        // common noun last), the name in apposition
        if let Some((rs, re)) = role_part {
            let role_first = name_end > s
                && doc.tokens[name_end - 1].kind == TokKind::Word
                && !doc.tokens[name_end - 1].is_capitalized(doc.text);
            let mut re = re;
            while re > rs && doc.tokens[re - 1].kind == TokKind::Punct {
                re -= 1;
            }
            let name_after = re > rs + 1
                && (rs..re).all(|i| {
                    doc.tokens[i].is_capitalized(doc.text)
                        || doc.tok(i) == "."
                        || PARTICLES.contains(&doc.tok(i))
                });
            if role_first && name_after {
                if let Some(mut m) = self.mention(rs, re) {
                    if m.role.is_none() {
                        let role: Vec<&str> = (s..name_end)
                            .map(|i| doc.tok(i))
                            .filter(|w| !matches!(w.to_lowercase().as_str(), "the" | "a" | "an"))
                            .collect();
                        m.role = Some(role.join(" ").replace(" 's", "'s"));
                    }
                    return Some(m);
                }
            }
        }
        // a day after the name is no part of it: "Roe on Wednesday", "Roe, Jan. 1,"
        let mut d = name_end;
        while d > s + 1
            && (is_date_word(&fold_word(doc.tok(d - 1)))
                || doc.tokens[d - 1].kind == TokKind::Number
                || matches!(doc.tok(d - 1), "." | ","))
        {
            d -= 1;
        }
        if d < name_end && is_date_word(&fold_word(doc.tok(d))) {
            while d > s + 1 && matches!(doc.lower(d - 1).as_ref(), "on" | "in" | "last" | "this") {
                d -= 1;
            }
            if doc.tokens[d - 1].is_capitalized(doc.text) {
                name_end = d;
            }
        }
        // "Ana Brel of the harbor board": a name, then what it belongs to in lower case
        if let Some(p) = (s + 1..name_end).rev().find(|&i| {
            matches!(doc.lower(i).as_ref(), "of" | "at" | "for" | "from")
                && doc.tokens[i - 1].is_capitalized(doc.text)
                && !is_roleish(doc.tok(i - 1))
                && (i + 1..name_end).all(|j| {
                    doc.tokens[j].kind == TokKind::Word && !doc.tokens[j].is_capitalized(doc.text)
                })
        }) {
            name_end = p;
        }
        // the last run of capitalized words
        let mut run_end = name_end;
        while run_end > s && !doc.tokens[run_end - 1].is_capitalized(doc.text) {
            // "the ministry", "the spokesperson": no capitalized run at the end
            if doc.tokens[run_end - 1].kind == TokKind::Word && run_end == name_end {
                break;
            }
            run_end -= 1;
        }
        let has_run = run_end > s && doc.tokens[run_end - 1].is_capitalized(doc.text);
        if !has_run {
            return self.body_before_noun(s, name_end);
        }
        let mut run_start = run_end - 1;
        while run_start > s
            && (doc.tokens[run_start - 1].is_capitalized(doc.text)
                || PARTICLES.contains(&doc.tok(run_start - 1))
                || doc.tok(run_start - 1) == ".")
        {
            if doc.tok(run_start - 1) != strip_possessive(doc.tok(run_start - 1)) {
                break; // "Russia's Ambassador": stop at the possessive
            }
            run_start -= 1;
        }
        // "Ambassador at the United Nations in Geneva Gennady Gatilov": a place after "in"
        // runs into the name
        if run_start > 0
            && run_end - run_start >= 3
            && matches!(doc.lower(run_start - 1).as_ref(), "in" | "at" | "from")
        {
            run_start += 1;
        }
        // "the Association of Harbor Pilots", "the Center for Tidal Research": a body's
        // name runs on over "of" or "for" after its body word
        let mut joined_body = false;
        loop {
            let article = usize::from(run_start > s && doc.lower(run_start - 1) == "the");
            let prep = run_start.wrapping_sub(1 + article);
            if run_start >= s + 2 + article
                && matches!(doc.lower(prep).as_ref(), "of" | "for")
                && doc.tokens[prep - 1].is_capitalized(doc.text)
                && BODY_WORD_SET.contains(fold_word(doc.tok(prep - 1)).as_str())
            {
                joined_body = true;
                run_start = prep - 1;
                while run_start > s
                    && (doc.tokens[run_start - 1].is_capitalized(doc.text)
                        || doc.tok(run_start - 1) == ".")
                    && doc.tok(run_start - 1) == strip_possessive(doc.tok(run_start - 1))
                {
                    run_start -= 1;
                }
            } else {
                break;
            }
        }
        // "Gov. Rasmus Tell of Kallmark", "Ed Loy at the Dunmere Courier": the name is
        // before the preposition, the place or body after it an affiliation
        let mut of_place: Option<String> = None;
        let article = usize::from(run_start > s && doc.lower(run_start - 1) == "the");
        let prep = run_start.wrapping_sub(1 + article);
        if run_start >= s + 2 + article
            && matches!(doc.lower(prep).as_ref(), "of" | "at" | "for" | "from")
            && (doc.lower(prep) == "of" || article == 1 || run_end - run_start >= 2)
            && doc.tokens[prep - 1].is_capitalized(doc.text)
            && !is_roleish(doc.tok(prep - 1))
        {
            of_place = Some(
                (run_start..run_end)
                    .map(|i| doc.tok(i))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            run_end = prep;
            run_start = run_end - 1;
            while run_start > s
                && (doc.tokens[run_start - 1].is_capitalized(doc.text)
                    || doc.tok(run_start - 1) == ".")
            {
                run_start -= 1;
            }
        }
        // "Senator from Kallmark", "the governor of Ohio": an office and the place it
        // serves, no name; the description is resolved by its office
        if run_start >= s + 2
            && matches!(doc.lower(run_start - 1).as_ref(), "from" | "of")
            && (run_end - run_start == 1
                || place(
                    &(run_start..run_end)
                        .map(|i| doc.tok(i))
                        .collect::<Vec<_>>()
                        .join(" "),
                )
                .is_some())
            && (run_start..run_end).all(|i| !is_roleish(doc.tok(i)))
            && (s..run_start - 1).all(|i| is_roleish(doc.tok(i)))
            && (s..run_start - 1).any(|i| is_role_word(&fold_word(doc.tok(i))))
        {
            return None;
        }
        while run_start + 1 < run_end && not_name(doc.tok(run_start)) {
            run_start += 1;
        }
        let words: Vec<&str> = (run_start..run_end)
            .map(|i| doc.tok(i))
            .filter(|w| *w != ".")
            .collect();
        // the name follows the last role word: "Halvarian Foreign Minister Élodie Marchetti"
        let split = words
            .iter()
            .rposition(|w| is_role_word(&fold_word(w)))
            .map(|i| i + 1)
            .filter(|&i| i < words.len())
            .unwrap_or(0)
            * usize::from(!joined_body);
        let split = split
            + words[split..]
                .iter()
                .position(|w| !is_roleish(w))
                .unwrap_or(words.len() - split);
        // a courtesy title before a word the article also writes as a surname makes that
        // word a name, even a title word: "Mr. King" after "Larry King" (not "Mr. President")
        let courtesy =
            |w: &str| matches!(fold_word(w).as_str(), "mr" | "mrs" | "ms" | "miss" | "mx");
        let mut before = run_start;
        while before > s && doc.tok(before - 1) == "." {
            before -= 1;
        }
        let a_surname = || {
            let key = surname_key(strip_possessive(words[words.len() - 1]));
            self.surname_keys().contains(&key)
        };
        let split = match words[..split].iter().rposition(|w| courtesy(w)) {
            Some(c) if c + 1 < words.len() && split > c + 1 && a_surname() => c + 1,
            None if before > s && courtesy(doc.tok(before - 1)) && a_surname() => 0,
            _ => split,
        };
        let role_words = &words[..split];
        let mut name_words: Vec<&str> = words[split..].to_vec();
        if let Some(last) = name_words.last_mut() {
            *last = strip_possessive(last);
        }
        let before_run: Vec<String> = (s..run_start).map(|i| doc.lower(i).into_owned()).collect();
        let definite = before_run.last().is_some_and(|w| w == "the")
            || role_words
                .first()
                .is_some_and(|w| w.eq_ignore_ascii_case("the"));
        // the role as written ("Kremlin spokesman"), without articles
        let mut role: Vec<String> = (s..run_start)
            .map(|i| doc.tok(i).to_string())
            .filter(|w| !matches!(w.to_lowercase().as_str(), "the" | "a" | "an"))
            .collect();
        role.extend(
            role_words
                .iter()
                .filter(|w| !w.eq_ignore_ascii_case("the"))
                .map(|w| w.to_string()),
        );
        if let Some((rs, re)) = role_part {
            role = (rs..re)
                .map(|i| doc.tok(i).to_string())
                .filter(|w| w != "," && !w.eq_ignore_ascii_case("the"))
                .collect();
        }
        if name_words.is_empty() {
            // a body named by role words alone: "the Security Council", "the State
            // Department"
            let body: Vec<&str> = words
                .iter()
                .copied()
                .filter(|w| !is_function_word(w))
                .collect();
            let the = definite || words.first().is_some_and(|w| w.eq_ignore_ascii_case("the"));
            if let Some(last) = body.last().filter(|_| the && body.len() >= 2) {
                let head = strip_possessive(last);
                if BODY_WORD_SET.contains(fold_word(head).as_str()) {
                    let mut ws = body.clone();
                    *ws.last_mut().unwrap() = head;
                    let name = ws.join(" ");
                    return Some(Mention::body(name.clone(), name));
                }
            }
            // a capitalized role with no name: "Presidential spokesman"
            return None;
        }
        // a state's abbreviation is no person: "of Ashton, Md., who …"
        if let [w] = name_words[..] {
            if run_end < e && doc.tok(run_end) == "." && STATE_ABBREVIATIONS.contains(&w) {
                return None;
            }
        }
        // a pronoun or function word opening a sentence is no name: "I", "I've", "That"
        if let [w] = name_words[..] {
            let w = fold_word(crate::text::before_apostrophe(w));
            if NOT_NAMES.contains(&w.as_str()) {
                return None;
            }
        }
        let name = name_words.join(" ");
        let folded_last = fold_word(name_words.last().unwrap());
        let is_body = place(&name).is_some()
            || definite
            || name_words.len() == 1
                && name_words[0]
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
                && name_words[0].chars().filter(|c| c.is_alphabetic()).count() > 1
            || name_words
                .iter()
                .any(|w| BODY_WORD_SET.contains(fold_word(w).as_str()))
            || BODY_WORD_SET.contains(folded_last.as_str());
        let affiliation = of_place.clone().or_else(|| {
            role.iter()
                .find_map(|w| place(strip_possessive(w)))
                .map(str::to_string)
                .or_else(|| {
                    (s..run_start)
                        .find_map(|i| place(strip_possessive(doc.tok(i))))
                        .map(str::to_string)
                })
        });
        let role = (!role.is_empty()).then(|| role.join(" "));
        let written = name.clone();
        if is_body {
            let name = match place(&name) {
                Some(p) => p.to_string(),
                None if name_words.len() == 1 && self.expand_acronym(name_words[0]).is_some() => {
                    self.expand_acronym(name_words[0]).unwrap()
                }
                None => {
                    // "the UN refugee agency": keep the words as written, without the article
                    let mut ws: Vec<String> =
                        (run_start..e).map(|i| doc.tok(i).to_string()).collect();
                    if let Some(l) = ws.last_mut() {
                        *l = strip_possessive(l).to_string();
                    }
                    let tail: Vec<&String> = ws
                        .iter()
                        .filter(|w| w.as_str() != "," && !w.eq_ignore_ascii_case("the"))
                        .collect();
                    if tail.len() > 1
                        && place(tail[0]).is_some()
                        && !BODY_WORD_SET.contains(fold_word(tail.last().unwrap()).as_str())
                    {
                        place(tail[0]).unwrap().to_string()
                    } else {
                        name
                    }
                }
            };
            return Some(Mention::body(name, written));
        }
        let name = if name_words.len() == 1 {
            let title = (s..e).find_map(|i| agreement::title_gender(doc.lower(i).as_ref()));
            self.full_name(&name, title, s)
                .map(str::to_string)
                .unwrap_or(name)
        } else {
            name
        };
        // a lone word shaped like a place name ("Halvaria", "Kallmark", "Dunmere"), with no
        // person's name it stands for and no first name of that spelling, is a place: it
        // speaks as a body, and "he" never means it
        // (words before it that are no role do not make it a person: "India and Kallmark")
        let no_role = role
            .as_deref()
            .is_none_or(|r| !r.split(' ').any(|w| is_role_word(&fold_word(w))));
        if no_role && !name.contains(' ') && toponym(&name) {
            return Some(Mention::body(name, written));
        }
        Some(Mention {
            name,
            written,
            kind: SpeakerKind::Person,
            role,
            affiliation,
        })
    }
}
