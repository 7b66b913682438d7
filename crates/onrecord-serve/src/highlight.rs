//! Cutting text into pieces to highlight: an article's text by its statements' spans, and a
//! statement's text by the words searched for. Pieces are plain `&str`; escaping is the
//! templates' job (maud escapes every string it renders).

use onrecord_core::fold;
use onrecord_store::{SearchTerm, StatementRow};

/// A piece of an article's text: outside any statement, or inside statement number
/// `statement` (an index into the statements given).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Plain(&'a str),
    Statement {
        text: &'a str,
        statement: usize,
        /// The first piece of this statement (where its anchor goes).
        first: bool,
    },
}

/// The article text cut at every statement span (code-point offsets, as stored). Where
/// statements overlap, the piece goes to the one earliest in the article's list.
pub fn article_pieces<'a>(text: &'a str, statements: &[StatementRow]) -> Vec<Piece<'a>> {
    // byte offset of every code point, and of the end
    let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    bytes.push(text.len());
    let to_byte = |cp: usize| bytes[cp.min(bytes.len() - 1)];
    let spans: Vec<(usize, usize, usize)> = statements
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            s.content_spans
                .iter()
                .map(move |[a, b]| (*a, *b, i))
                .collect::<Vec<_>>()
        })
        .map(|(a, b, i)| (to_byte(a), to_byte(b), i))
        .filter(|(a, b, _)| a < b)
        .collect();
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for &(a, b, _) in &spans {
        cuts.push(a);
        cuts.push(b);
    }
    cuts.sort_unstable();
    cuts.dedup();

    let mut out: Vec<Piece<'a>> = Vec::new();
    let mut seen = vec![false; statements.len()];
    let mut current: Option<(usize, usize, usize)> = None; // (start, end, statement)
    let mut flush = |cur: Option<(usize, usize, usize)>, out: &mut Vec<Piece<'a>>| {
        if let Some((a, b, i)) = cur {
            out.push(Piece::Statement {
                text: &text[a..b],
                statement: i,
                first: !std::mem::replace(&mut seen[i], true),
            });
        }
    };
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a == b {
            continue;
        }
        let owner = spans
            .iter()
            .filter(|&&(s, e, _)| s <= a && b <= e)
            .map(|&(_, _, i)| i)
            .min();
        match (owner, current) {
            (Some(i), Some((s, e, j))) if i == j && e == a => current = Some((s, b, i)),
            (Some(i), cur) => {
                flush(cur, &mut out);
                current = Some((a, b, i));
            }
            (None, cur) => {
                flush(cur, &mut out);
                current = None;
                // every cut is a span's edge, so two plain pieces never meet
                out.push(Piece::Plain(&text[a..b]));
            }
        }
    }
    flush(current, &mut out);
    out
}

/// `text` cut into pieces, marked true where a word matches one of the search terms
/// (compared folded and stemmed, as the search does: `kalin` marks `Kalın`, `ceasefire`
/// marks `ceasefires`). The store's index uses the Porter stemmer and this the Snowball
/// English one, its successor: they agree on all but rare words, and a miss here only
/// leaves a word unmarked.
pub fn term_pieces<'a>(text: &'a str, terms: &[SearchTerm]) -> Vec<(&'a str, bool)> {
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let mut words: Vec<String> = Vec::new();
    let mut prefixes: Vec<&str> = Vec::new();
    for t in terms {
        let parts: Vec<&str> = t.folded.split(' ').collect();
        for (i, w) in parts.iter().enumerate() {
            if t.prefix && i + 1 == parts.len() {
                prefixes.push(w);
            } else {
                words.push(stemmer.stem(w).into_owned());
            }
        }
    }
    let mut out: Vec<(&'a str, bool)> = Vec::new();
    let push = |piece: &'a str, hit: bool, out: &mut Vec<(&'a str, bool)>| {
        if piece.is_empty() {
            return;
        }
        match out.last_mut() {
            Some((p, h)) if *h == hit => {
                let start = p.as_ptr() as usize - text.as_ptr() as usize;
                *p = &text[start..start + p.len() + piece.len()];
            }
            _ => out.push((piece, hit)),
        }
    };
    let mut start = 0;
    let mut in_word = false;
    let mut word_start = 0;
    let matches = |w: &str| {
        let f = fold(w);
        !f.is_empty()
            && f.split(' ').all(|fw| {
                prefixes.iter().any(|p| fw.starts_with(p))
                    || words.iter().any(|s| *s == stemmer.stem(fw))
            })
    };
    for (i, c) in text.char_indices() {
        let wordy = c.is_alphanumeric();
        if wordy && !in_word {
            push(&text[start..i], false, &mut out);
            word_start = i;
            in_word = true;
        } else if !wordy && in_word {
            let w = &text[word_start..i];
            push(w, matches(w), &mut out);
            start = i;
            in_word = false;
        }
    }
    if in_word {
        let w = &text[word_start..];
        push(w, matches(w), &mut out);
    } else {
        push(&text[start..], false, &mut out);
    }
    out
}

/// Marks that open a quotation: straight and curly double quotes (`”` too, which some
/// copy opens with), low and angle quotes, corner brackets.
const OPENING: &[char] = &['"', '“', '”', '„', '«', '»', '‹', '›', '「', '『'];
/// Marks that close one.
const CLOSING: &[char] = &['"', '”', '“', '»', '«', '›', '‹', '」', '』'];
/// Single quotes open and close quotations too, but also end words (`the workers'`): they
/// count only in pairs, at both ends.
const SINGLE: &[char] = &['\'', '‘', '’', '‚'];

/// Whether a statement's content carries its own quotation marks, as a direct quotation
/// cut from the article does (`"We will rebuild the pier,"`, `“…,” … “…”`): then it is
/// shown as it is, and only content without marks is set in quotation marks, so that no
/// statement is quoted twice (`“"We will…,"”`). A mark at either end counts (after
/// trailing punctuation: `“…”.`), since adding a pair around half-quoted content would
/// double the mark at that end.
pub fn carries_own_marks(content: &str) -> bool {
    let t = content.trim();
    let end = t.trim_end_matches(['.', ',', ';', ':', '!', '?', '…', ')', ' ']);
    t.starts_with(OPENING)
        || end.ends_with(CLOSING)
        || (t.starts_with(SINGLE) && end.ends_with(SINGLE) && t.chars().count() > 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use onrecord_store::search_terms;

    fn statement(spans: Vec<[usize; 2]>) -> StatementRow {
        StatementRow {
            id: 1,
            article: onrecord_store::StatementArticle {
                row: 1,
                id: "a".into(),
                title: None,
                outlet: None,
                url: None,
                published: None,
                published_confidence: None,
            },
            position: 0,
            speaker: None,
            kind: onrecord_core::AttributionKind::Direct,
            content: String::new(),
            content_spans: spans,
            cue: None,
            source: None,
            audience: None,
            restates: None,
            speaker_via: None,
            speaker_confidence: None,
            day: None,
            day_from: None,
            effective_day: None,
        }
    }

    fn show(pieces: &[Piece<'_>]) -> String {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Plain(t) => t.to_string(),
                Piece::Statement {
                    text,
                    statement,
                    first,
                } => format!("[{statement}{}:{text}]", if *first { "!" } else { "" }),
            })
            .collect()
    }

    #[test]
    fn spans_in_code_points_cut_the_text() {
        let text = "Kalın said “no deal” and “not now”.";
        // “no deal” content: code points 12..19, “not now”: 26..33
        let s = statement(vec![[12, 19], [26, 33]]);
        let pieces = article_pieces(text, &[s]);
        assert_eq!(
            show(&pieces),
            "Kalın said “[0!:no deal]” and “[0:not now]”."
        );
    }

    #[test]
    fn overlaps_go_to_the_earlier_statement_and_out_of_range_is_clamped() {
        let text = "abcdefghij";
        let pieces = article_pieces(
            text,
            &[
                statement(vec![[2, 6]]),
                statement(vec![[4, 8]]),
                statement(vec![[9, 99]]),
            ],
        );
        assert_eq!(show(&pieces), "ab[0!:cdef][1!:gh]i[2!:j]");
        let pieces = article_pieces(text, &[statement(vec![[3, 3], [7, 2]])]);
        assert_eq!(show(&pieces), "abcdefghij");
    }

    #[test]
    fn own_quotation_marks_are_seen_at_either_end() {
        for own in [
            "\"We will rebuild the pier,\"",
            "“We will rebuild the pier,”",
            "“We will,” … “and soon.”",
            "„Wir bauen“",
            "« Nous verrons »",
            "'Not now,'",
            "‘Not now,’",
            "  \"padded\"  ",
            "the plan was “dead on arrival”.",
            "“We will rebuild,",
            "\"",
        ] {
            assert!(carries_own_marks(own), "{own}");
        }
        for plain in [
            "the talks would resume",
            "the workers' union would strike",
            "the fares belong to the workers'",
            "it's over",
            "the plan was “dead on arrival” for now",
            "",
            "'",
        ] {
            assert!(!carries_own_marks(plain), "{plain}");
        }
    }

    #[test]
    fn search_terms_mark_folded_words() {
        let text = "Kalın: the ceasefire talks, CEASEFIRE-talks resume.";
        let pieces = term_pieces(text, &search_terms("kalin \"ceasefire talks\" resum*"));
        let marked: Vec<&str> = pieces.iter().filter(|p| p.1).map(|p| p.0).collect();
        assert_eq!(
            marked,
            [
                "Kalın",
                "ceasefire",
                "talks",
                "CEASEFIRE",
                "talks",
                "resume"
            ]
        );
        let all: String = pieces.iter().map(|p| p.0).collect();
        assert_eq!(all, text);
        assert_eq!(term_pieces("x", &[]), [("x", false)]);
        // word forms, as the search finds them
        let text = "Local ceasefires were talked about; the talker left.";
        let pieces = term_pieces(text, &search_terms("ceasefire talks"));
        let marked: Vec<&str> = pieces.iter().filter(|p| p.1).map(|p| p.0).collect();
        assert_eq!(marked, ["ceasefires", "talked"]);
    }
}
