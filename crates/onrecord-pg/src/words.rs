//! The words of a statement as one `tsvector`, built here rather than by the server, and
//! the `tsquery` text that searches it.
//!
//! Folded text (`onrecord_core::fold`) is words of `[a-z0-9]` between single spaces, so its
//! words are its tokens. Each word is stored as written at its position (what prefixes
//! match, `negotiat*`) and, where its Snowball English stem differs from it, the stem
//! marked with [`STEM`] at the same position (what whole words and phrases match). A stem
//! equal to its word is that word's written lexeme, so one lexeme serves both: the vector
//! has about 1.3 lexemes a word instead of the 2 of a stemmed and an as-written vector,
//! and one GIN index instead of two. The queries say which kind they mean, so both stay
//! exact: a prefix never matches a marked stem (no word starts with `~`), and a stem `s` is
//! looked for as `~s`, and as the written `s` only where `s` is its own stem.
//!
//! The stemmer is `rust-stemmers`' English, the Snowball algorithm PostgreSQL's
//! `english_stem` runs; vectors and queries both use it here, so they always agree.

use std::sync::OnceLock;

use bytes::{BufMut, BytesMut};
use postgres::types::{to_sql_checked, IsNull, ToSql, Type};
use rust_stemmers::{Algorithm, Stemmer};

/// What marks a stem that differs from its word.
const STEM: char = '~';

/// PostgreSQL's limits: a lexeme's bytes, positions kept per lexeme, and the greatest
/// position (later words share it), as `to_tsvector` applies them.
const MAX_LEXEME: usize = 2047;
const MAX_POSITIONS: usize = 255;
const MAX_POSITION: usize = (1 << 14) - 1;

/// How many words a writer keeps the stems of (a news vocabulary is tens of thousands of
/// words, and a statement's words are mostly common ones: stemming is most of the cost of a
/// vector).
const CACHED_WORDS: usize = 200_000;

thread_local! {
    /// Word → its marked stem, None where the stem is the word itself.
    static MARKED_STEMS: std::cell::RefCell<std::collections::HashMap<String, Option<String>>> =
        Default::default();
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// A statement's words as a `tsvector`, encoded as `tsvector_recv` reads it (see the
/// `ToSql` impl): lexemes in byte order, each with its positions in order. Encoded at once,
/// without a string per lexeme: allocation was most of a writer's cost of the vectors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Words(Vec<u8>);

impl Words {
    /// The vector of folded text (see the module docs).
    #[cfg(test)]
    pub(crate) fn of(folded: &str) -> Words {
        Words::both(folded).0
    }

    /// The vector of folded text (see the module docs), and its stems alone (unmarked): the
    /// vector ranked on, so that whole words score as they did on the server's stemmed
    /// vector (one lexeme per stem; the length of the statement in words).
    pub(crate) fn both(folded: &str) -> (Words, Words) {
        let words = || {
            folded
                .split(' ')
                .filter(|w| !w.is_empty())
                .enumerate()
                .filter(|(_, w)| w.len() <= MAX_LEXEME)
        };
        MARKED_STEMS.with_borrow_mut(|cache| {
            if cache.len() > CACHED_WORDS {
                cache.clear();
            }
            for (_, word) in words() {
                if !cache.contains_key(word) {
                    let stem = stemmer().stem(word);
                    let marked = (stem != word).then(|| format!("{STEM}{stem}"));
                    cache.insert(word.to_string(), marked);
                }
            }
            let cache = &*cache;
            let mut lexemes: Vec<(&str, u16)> = Vec::new();
            let mut stems: Vec<(&str, u16)> = Vec::new();
            for (i, word) in words() {
                let position = (i + 1).min(MAX_POSITION) as u16;
                match &cache[word] {
                    Some(marked) => {
                        lexemes.push((marked, position));
                        stems.push((&marked[STEM.len_utf8()..], position));
                    }
                    None => stems.push((word, position)),
                }
                lexemes.push((word, position));
            }
            (Words::encode(lexemes), Words::encode(stems))
        })
    }

    fn encode(mut lexemes: Vec<(&str, u16)>) -> Words {
        lexemes.sort_unstable();
        let mut out = Vec::with_capacity(4 + lexemes.len() * 12);
        out.extend_from_slice(&[0; 4]);
        let mut count = 0_i32;
        let mut i = 0;
        while i < lexemes.len() {
            let lexeme = lexemes[i].0;
            out.extend_from_slice(lexeme.as_bytes());
            out.push(0);
            let at = out.len();
            out.extend_from_slice(&[0; 2]);
            let mut n = 0_u16;
            let mut last = None;
            while i < lexemes.len() && lexemes[i].0 == lexeme {
                let p = lexemes[i].1;
                if (n as usize) < MAX_POSITIONS && last != Some(p) {
                    out.extend_from_slice(&p.to_be_bytes());
                    n += 1;
                    last = Some(p);
                }
                i += 1;
            }
            out[at..at + 2].copy_from_slice(&n.to_be_bytes());
            count += 1;
        }
        out[..4].copy_from_slice(&count.to_be_bytes());
        Words(out)
    }

    /// The lexemes and their positions, decoded (tests).
    #[cfg(test)]
    fn decode(&self) -> Vec<(String, Vec<u16>)> {
        let b = &self.0;
        let count = i32::from_be_bytes(b[..4].try_into().unwrap());
        let mut at = 4;
        let mut out = Vec::new();
        for _ in 0..count {
            let end = at + b[at..].iter().position(|&c| c == 0).unwrap();
            let lexeme = String::from_utf8(b[at..end].to_vec()).unwrap();
            at = end + 1;
            let n = u16::from_be_bytes([b[at], b[at + 1]]) as usize;
            at += 2;
            let positions = (0..n)
                .map(|k| u16::from_be_bytes([b[at + 2 * k], b[at + 2 * k + 1]]))
                .collect();
            at += 2 * n;
            out.push((lexeme, positions));
        }
        out
    }

    /// The vector in PostgreSQL's text form (tests and messages).
    #[cfg(test)]
    fn text(&self) -> String {
        self.decode()
            .iter()
            .map(|(l, p)| {
                let p: Vec<String> = p.iter().map(u16::to_string).collect();
                format!("'{l}':{}", p.join(","))
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// `tsvector_recv`'s input: the number of lexemes, then each lexeme as a NUL-terminated
/// string with its number of positions and the positions (weight bits 0: `D`).
impl ToSql for Words {
    fn to_sql(
        &self,
        _ty: &Type,
        out: &mut BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        out.put_slice(&self.0);
        Ok(IsNull::No)
    }

    fn accepts(ty: &Type) -> bool {
        *ty == Type::TS_VECTOR
    }

    to_sql_checked!();
}

/// The `tsquery` text of a search term of `onrecord_store::search_terms` (folded words):
/// a prefix matches words as written, the last one by its start; other terms match every
/// word in any of its forms (by stem), as a phrase when they hold several words.
pub(crate) fn term_query(folded: &str, prefix: bool) -> String {
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let n = words.len();
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if w.len() > MAX_LEXEME {
                // never stored (see `Words::of`), so the term matches nothing
                format!("'{STEM}'")
            } else if prefix {
                let star = if i + 1 == n { ":*" } else { "" };
                format!("'{w}'{star}")
            } else {
                stem_query(w)
            }
        })
        .collect::<Vec<_>>()
        .join(" <-> ")
}

/// Any word whose stem is the stem of `word` (see the module docs).
fn stem_query(word: &str) -> String {
    let stemmer = stemmer();
    let stem = stemmer.stem(word);
    if stemmer.stem(&stem) == stem {
        format!("('{stem}' | '{STEM}{stem}')")
    } else {
        format!("'{STEM}{stem}'")
    }
}

/// The terms of a words filter, all required, as one `tsquery` text over the stems vector
/// (whole words and phrases) or the words vector (prefixes); None: no term.
pub(crate) fn rank_query(terms: &[(String, bool)]) -> Option<String> {
    let parts: Vec<String> = terms
        .iter()
        .map(|(folded, prefix)| {
            let q = if *prefix {
                term_query(folded, true)
            } else {
                let stemmer = stemmer();
                folded
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .map(|w| format!("'{}'", stemmer.stem(w)))
                    .collect::<Vec<_>>()
                    .join(" <-> ")
            };
            format!("({q})")
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" & "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_as_written_and_differing_stems_share_positions() {
        let w = Words::of("talks on the talk negotiations");
        assert_eq!(
            w.text(),
            "'negotiations':5 'on':2 'talk':4 'talks':1 'the':3 '~negoti':5 '~talk':1"
        );
        assert_eq!(Words::of("").text(), "");
    }

    #[test]
    fn lexemes_are_in_byte_order_with_capped_positions() {
        let long = "a ".repeat(300);
        let w = Words::of(&long).decode();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].1.len(), MAX_POSITIONS);
        let many = (0..20_000).map(|i| format!("w{i}")).collect::<Vec<_>>();
        let w = Words::of(&many.join(" ")).decode();
        assert!(w.windows(2).all(|p| p[0].0 < p[1].0));
        assert!(w.iter().all(|(_, p)| p[0] as usize <= MAX_POSITION));
        assert!(Words::of(&"x".repeat(3000)).decode().is_empty());
    }

    #[test]
    fn queries_say_which_kind_of_lexeme_they_mean() {
        assert_eq!(term_query("negotiat", true), "'negotiat':*");
        assert_eq!(
            term_query("trade negotiat", true),
            "'trade' <-> 'negotiat':*"
        );
        assert_eq!(term_query("talks", false), "('talk' | '~talk')");
        assert_eq!(
            term_query("negotiations resumed", false),
            "('negoti' | '~negoti') <-> ('resum' | '~resum')"
        );
        assert_eq!(
            rank_query(&[("talks resumed".into(), false), ("negotiat".into(), true)]).unwrap(),
            "('talk' <-> 'resum') & ('negotiat':*)"
        );
        assert_eq!(rank_query(&[]), None);
        assert_eq!(
            Words::both("talks on the talk").1.text(),
            "'on':2 'talk':1,4 'the':3"
        );
        let long = "y".repeat(3000);
        assert_eq!(term_query(&format!("a {long}"), true), "'a' <-> '~'");
    }

    /// The vector and its queries find what the server's two vectors of schema version 2
    /// found: `to_tsvector('onrecord_stemmed')` with `phraseto_tsquery` for whole words and
    /// phrases, `to_tsvector('simple')` with `to_tsquery` for prefixes; over every word,
    /// adjacent pair and prefix of some invented sentences with tricky stems.
    #[test]
    fn matches_are_those_of_the_server_vectors() {
        let Some(db) = crate::scratch::ScratchDb::create() else {
            return;
        };
        let mut store = crate::PgStore::connect(db.url()).unwrap();
        let sentences = [
            "the happy ferrymen said happiness came happily to tolvik",
            "the university of brenn is not the universe nor universal",
            "generous generals generally agreed on a general generation plan",
            "news of the skies over the sky dying die died",
            "ties tied tying lies lying lied early earlier",
            "running runs ran runner 2031 covid19 3rd a1b2",
            "organisation organizations organized organiser reorganised",
            "was is be being been are were",
            "negotiations negotiate negotiated negotiator renegotiating",
            "proceed exceeded succeeding innings outing canning herring",
        ];
        let mut vocabulary: Vec<&str> = sentences.iter().flat_map(|s| s.split(' ')).collect();
        vocabulary.sort_unstable();
        vocabulary.dedup();
        let mut queries: Vec<(String, bool)> = Vec::new();
        for w in &vocabulary {
            queries.push((w.to_string(), false));
            for k in 1..=w.len() {
                queries.push((w[..k].to_string(), true));
            }
        }
        for s in sentences {
            let words: Vec<&str> = s.split(' ').collect();
            for pair in words.windows(2) {
                queries.push((pair.join(" "), false));
                queries.push((pair.join(" "), true));
                queries.push((format!("{} {}", pair[1], pair[0]), false));
            }
        }
        let old: Vec<String> = queries
            .iter()
            .map(|(q, prefix)| {
                if *prefix {
                    format!("{}:*", q.split(' ').collect::<Vec<_>>().join(" <-> "))
                } else {
                    q.clone()
                }
            })
            .collect();
        let prefix: Vec<bool> = queries.iter().map(|q| q.1).collect();
        let new: Vec<String> = queries.iter().map(|(q, p)| term_query(q, *p)).collect();
        let mut matched = 0;
        for s in sentences {
            let rows = store
                .client
                .query(
                    "SELECT o, n, old, new, same FROM (
                         SELECT o, n,
                                CASE WHEN p
                                     THEN to_tsvector('simple', $1) @@ to_tsquery('simple', o)
                                     ELSE to_tsvector('onrecord_stemmed', $1)
                                          @@ phraseto_tsquery('onrecord_stemmed', o)
                                END AS old,
                                $2::tsvector @@ n::tsquery AS new,
                                $6::tsvector = to_tsvector('onrecord_stemmed', $1) AS same
                         FROM unnest($3::text[], $4::bool[], $5::text[]) AS t(o, p, n)) m",
                    &[&s, &Words::of(s), &old, &prefix, &new, &Words::both(s).1],
                )
                .unwrap();
            for r in &rows {
                let (o, n, was, is): (String, String, bool, bool) =
                    (r.get(0), r.get(1), r.get(2), r.get(3));
                assert_eq!(was, is, "{s:?}: {o:?} found {was}, {n:?} found {is}");
                assert!(r.get::<_, bool>(4), "{s:?}: stems vector");
                matched += usize::from(is);
            }
        }
        assert!(matched > 500, "{matched}");
    }
}
