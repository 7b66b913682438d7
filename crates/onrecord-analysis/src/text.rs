//! Text layer: paragraphs, tokens, quotation marks and sentences that survive news typography.
//!
//! Everything here is byte offsets into the article text. Quotation marks are paired across
//! a whole article so that a quote running over several paragraphs (an opening mark at the
//! start of each, a closing mark only at the end) is one quote, and an unbalanced mark ends
//! at its paragraph instead of swallowing the rest of the article.

use onrecord_core::Span;

/// What a token is, as far as the attribution rules care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Number,
    /// A double quotation mark or guillemet (straight or curly).
    Quote,
    /// Any other punctuation character, one per token (an ellipsis `...` is one token).
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub span: Span,
    pub kind: TokKind,
    /// Inside a paired quotation (the marks themselves excluded).
    pub in_quote: bool,
    /// Index of the paragraph holding the token.
    pub para: u32,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        self.span.text(text)
    }
    /// First character is an upper-case letter.
    pub fn is_capitalized(&self, text: &str) -> bool {
        self.kind == TokKind::Word
            && self
                .text(text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }
}

/// A paired quotation: the span includes both marks (or runs to the paragraph's end when the
/// closing mark is missing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quote {
    pub span: Span,
    /// The closing mark was found.
    pub closed: bool,
}

impl Quote {
    /// The quoted words without the marks.
    pub fn inner(&self, text: &str) -> Span {
        self.span.trim_by(text, is_double_quote)
    }
}

/// The text layer of one article.
pub struct Doc<'a> {
    pub text: &'a str,
    pub paragraphs: Vec<Span>,
    pub tokens: Vec<Token>,
    pub quotes: Vec<Quote>,
    /// Sentences as token index ranges `[start, end)`.
    pub sentences: Vec<(usize, usize)>,
    /// The lower-case forms of the tokens that are not lower case already, one after
    /// another: the stages ask for a token's lower case many times over (the cue model
    /// alone five times a token, for it and its neighbours), so it is made once.
    lowered: String,
    /// Per token, its range in `lowered`, or `None` when the token is lower case as written.
    lower_at: Vec<Option<(u32, u32)>>,
}

/// A photo caption printed in the text: a paragraph ending with a credit in parentheses,
/// "(AP Photo/…)", "(AFP Photo)", "(File image)". Its day is when the photo was taken, never
/// a statement day.
pub fn is_caption(paragraph: &str) -> bool {
    let t = paragraph.trim_end();
    t.ends_with(')')
        && t.rfind('(').is_some_and(|o| {
            let credit = t[o..].to_lowercase();
            credit.contains("photo") || credit.contains("image") || credit.contains("file")
        })
}

pub fn is_double_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{ab}' | '\u{bb}' | '\u{2033}'
    )
}

/// A word without its possessive ending: "Kiev’s" → "Kiev".
pub(crate) fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("\u{2019}s"))
        .unwrap_or(w)
}

/// Does the word end in a possessive "'s"?
pub(crate) fn is_possessive(w: &str) -> bool {
    strip_possessive(w).len() != w.len()
}

/// A word up to its apostrophe: a contraction's pronoun ("he’d" → "he").
pub(crate) fn before_apostrophe(w: &str) -> &str {
    w.split(['\'', '\u{2019}']).next().unwrap_or_default()
}

fn is_word_char(c: char) -> bool {
    // non-ASCII symbols count as word characters so that mojibake ("FranÃ§ois") stays one
    // word; quotation marks, dashes, ellipses and bullets do not
    c.is_alphanumeric()
        || c == '_'
        || (!c.is_ascii()
            && !c.is_whitespace()
            && !is_double_quote(c)
            && !matches!(
                c,
                '\u{2018}' | '\u{2019}' | '\u{2010}'
                    ..='\u{2015}'
                        | '\u{2026}'
                        | '\u{2022}'
                        | '\u{b7}'
                        | '\u{a0}'
                        | '\u{2039}'
                        | '\u{203a}'
                        | '\u{2032}'
                        | '\u{2033}'
            ))
}

/// Apostrophes and hyphens join word characters ("don't", "Kalın's", "cease-fire", "U.N.").
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}' | '&')
}

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gov", "sen", "rep", "gen", "lt", "col", "maj", "capt", "sgt",
    "cmdr", "adm", "st", "jr", "sr", "rev", "hon", "pres", "supt", "insp", "atty", "sec", "amb",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
    "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "no", "nos", "vs", "v",
    "etc", "inc", "co", "corp", "ltd", "bros", "dept", "univ", "approx", "est", "fig", "ft", "mt",
    "ave", "blvd", "rd", "op", "ed", "eds", "vol", "pp", "al", "ca", "cf", "ie", "eg",
];

/// Split into paragraphs: maximal runs of non-blank lines... except that news text usually puts
/// one paragraph per line, so every non-empty line is a paragraph.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            let s = Span::new(start, i).trim(text);
            if !s.is_empty() {
                out.push(s);
            }
            start = i + 1;
        }
    }
    let s = Span::new(start, text.len()).trim(text);
    if !s.is_empty() {
        out.push(s);
    }
    out
}

fn tokenize_para(text: &str, para: Span, pi: u32, out: &mut Vec<Token>) {
    let s = para.text(text);
    let base = para.start;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        let start = base + i;
        if is_word_char(c) {
            let mut end = i + c.len_utf8();
            let mut numeric = c.is_ascii_digit();
            loop {
                let rest = &s[end..];
                let mut chars = rest.chars();
                match chars.next() {
                    Some(n) if is_word_char(n) => {
                        numeric &= n.is_ascii_digit();
                        end += n.len_utf8();
                    }
                    // joiners and inner periods ("U.N.", "3.5", "don't") when a word char follows
                    Some(n) if is_joiner(n) || n == '.' || (numeric && n == ',') => {
                        match chars.next() {
                            Some(m) if is_word_char(m) && (n != ',' || m.is_ascii_digit()) => {
                                end += n.len_utf8() + m.len_utf8();
                                numeric &= m.is_ascii_digit();
                            }
                            // a final period of an initialism: "U.N." keeps its last period
                            _ if n == '.' && is_initialism(&s[i..end]) => {
                                end += 1;
                                break;
                            }
                            _ => break,
                        }
                    }
                    _ => break,
                }
            }
            while it.peek().is_some_and(|&(j, _)| j < end) {
                it.next();
            }
            let kind = if numeric {
                TokKind::Number
            } else {
                TokKind::Word
            };
            out.push(Token {
                span: Span::new(start, base + end),
                kind,
                in_quote: false,
                para: pi,
            });
        } else if c == '.' && s[i..].starts_with("...") {
            it.next();
            it.next();
            out.push(Token {
                span: Span::new(start, start + 3),
                kind: TokKind::Punct,
                in_quote: false,
                para: pi,
            });
        } else if c == '\'' && s[i + 1..].starts_with('\'') {
            // two apostrophes stand for a double quotation mark in some wire copy
            it.next();
            out.push(Token {
                span: Span::new(start, start + 2),
                kind: TokKind::Quote,
                in_quote: false,
                para: pi,
            });
        } else {
            let kind = if is_double_quote(c) {
                TokKind::Quote
            } else {
                TokKind::Punct
            };
            out.push(Token {
                span: Span::new(start, start + c.len_utf8()),
                kind,
                in_quote: false,
                para: pi,
            });
        }
    }
}

/// Function words that open sentences: after "U.S." they mark a sentence end, where a
/// capitalized content word continues a name ("U.S. Senate", "U.N. Security Council").
const SENTENCE_OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "if",
    "in",
    "on",
    "at",
    "for",
    "with",
    "after",
    "before",
    "when",
    "while",
    "as",
    "since",
    "some",
    "many",
    "most",
    "there",
    "what",
    "still",
    "now",
    "meanwhile",
    "however",
    "initially",
    "then",
    "earlier",
    "later",
    "last",
    "asked",
    "also",
    "even",
    "both",
    "all",
    "no",
    "not",
    "one",
    "according",
    "by",
    "from",
    "under",
    "during",
    "although",
    "though",
    "because",
    "instead",
];

/// "U.N", "U.S", "D.C" (the final period is about to be added).
fn is_initialism(w: &str) -> bool {
    w.contains('.') && w.split('.').all(|p| p.chars().count() == 1)
}

/// Decide whether a quotation mark token opens a quote, from the mark itself and its
/// neighbours (straight marks have no direction of their own).
fn opens(text: &str, span: Span) -> Option<bool> {
    let c = text[span.start..].chars().next()?;
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    match c {
        // a curly mark set the wrong way round by a typo: `“It is late,“ she said` closes
        // after a word or its punctuation when a space follows; `” We` opens the other way
        '\u{201c}'
            if before.is_some_and(|b| b.is_alphanumeric() || ",.?!".contains(b))
                && after.is_none_or(char::is_whitespace) =>
        {
            Some(false)
        }
        '\u{201d}'
            if before.is_none_or(char::is_whitespace)
                && after.is_some_and(char::is_alphanumeric) =>
        {
            Some(true)
        }
        '\u{201c}' | '\u{201e}' | '\u{ab}' => Some(true),
        '\u{201d}' | '\u{bb}' => Some(false),
        _ => {
            let space_before =
                before.is_none_or(|b| b.is_whitespace() || "([{\u{2014}\u{2013}-/".contains(b));
            let space_after = after.is_none_or(|a| a.is_whitespace() || ".,;:!?)]}".contains(a));
            match (space_before, space_after) {
                (true, false) => Some(true),
                (false, true) => Some(false),
                _ => None,
            }
        }
    }
}

/// Pair quotation marks over the whole article.
fn pair_quotes(text: &str, paragraphs: &[Span], tokens: &[Token]) -> Vec<Quote> {
    let mut quotes = Vec::new();
    let mut open: Option<usize> = None; // byte offset of the opening mark
    let mut open_para = 0u32;
    let marks: Vec<&Token> = tokens.iter().filter(|t| t.kind == TokKind::Quote).collect();
    for t in &marks {
        let dir = opens(text, t.span);
        if let Some(o) = open {
            if t.para != open_para {
                // The quote did not close in its paragraph. A new paragraph that starts with an
                // opening mark continues it (news convention); otherwise it was unbalanced.
                // The continuation mark is of the opening's kind: a straight mark opening a
                // paragraph of excerpt does not run into a curly quotation that follows.
                let para = paragraphs[t.para as usize];
                let straight = |at: usize| text[at..].starts_with('"');
                let continues = t.span.start == para.start
                    && dir != Some(false)
                    && t.para == open_para + 1
                    && straight(t.span.start) == straight(o);
                if continues {
                    // keep the quote open; this mark is the continuation mark
                    open_para = t.para;
                    continue;
                }
                let end = paragraphs[open_para as usize].end;
                quotes.push(Quote {
                    span: Span::new(o, end),
                    closed: false,
                });
                open = None;
            }
        }
        match open {
            None => {
                if dir == Some(false) {
                    // a stray closing mark: ignore it
                    continue;
                }
                open = Some(t.span.start);
                open_para = t.para;
            }
            Some(o) => {
                // An explicit opening mark inside an open quote: the earlier one was unbalanced
                // (nested straight quotes are rare; curly opening marks inside a quote mean the
                // first never closed).
                if dir == Some(true) {
                    // treat the earlier mark as unbalanced: end it before this one
                    let end = text[..t.span.start].trim_end().len();
                    quotes.push(Quote {
                        span: Span::new(o, end.max(o + 1)),
                        closed: false,
                    });
                    open = Some(t.span.start);
                    open_para = t.para;
                    continue;
                }
                quotes.push(Quote {
                    span: Span::new(o, t.span.end),
                    closed: true,
                });
                open = None;
            }
        }
    }
    if let Some(o) = open {
        quotes.push(Quote {
            span: Span::new(o, paragraphs[open_para as usize].end),
            closed: false,
        });
    }
    quotes
}

/// Sentence boundaries inside each paragraph, as token ranges.
fn split_sentences(text: &str, paragraphs: &[Span], tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..tokens.len() {
        let t = &tokens[i];
        let next = tokens.get(i + 1);
        let para_end = next.is_none_or(|n| n.para != t.para);
        if para_end {
            out.push((start, i + 1));
            start = i + 1;
            continue;
        }
        let next = next.unwrap();
        let s = t.text(text);
        let is_end_punct = matches!(s, "." | "!" | "?" | "...")
            || (t.kind == TokKind::Word && s.ends_with('.') && s.len() > 1);
        if !is_end_punct {
            continue;
        }
        // absorb closing quote marks and brackets that follow the period
        let mut j = i + 1;
        while j < tokens.len() && tokens[j].para == t.para {
            let tj = tokens[j].text(text);
            let closing = (tokens[j].kind == TokKind::Quote
                && opens(text, tokens[j].span) != Some(true))
                || tj == ")"
                || tj == "\u{2019}"
                || tj == "'";
            if closing && tokens[j].span.start == tokens[j - 1].span.end {
                j += 1
            } else {
                break;
            }
        }
        if j > i + 1 {
            // the boundary is after the closing marks; handled when we reach j-1
            continue;
        }
        let Some(n) = tokens.get(i + 1) else { continue };
        if n.span.start == t.span.end && s != "..." {
            continue; // no space after the period
        }
        let nt = n.text(text);
        let starts_upper = nt
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || n.kind == TokKind::Quote
            || nt == "("
            || nt == "\u{2018}";
        if !starts_upper {
            continue;
        }
        // abbreviations and initials
        let word = if s == "." {
            i.checked_sub(1)
                .map(|k| &tokens[k])
                .filter(|p| p.span.end == t.span.start)
        } else {
            Some(t)
        };
        if let Some(w) = word {
            let wt = w.text(text).trim_end_matches('.');
            let lower = wt.to_lowercase();
            if ABBREVIATIONS.contains(&lower.as_str())
                && (lower != "no" || nt.chars().next().is_some_and(|c| c.is_ascii_digit()))
            {
                continue;
            }
            // "Del." before a name is a delegate's title; after a comma it is Delaware
            // ("Dover, Del. The …")
            let after_comma = w.span.start > 0 && text[..w.span.start].trim_end().ends_with(',');
            if lower == "del" && !after_comma {
                continue;
            }
            if wt.chars().count() == 1 && wt.chars().all(char::is_uppercase) {
                continue; // an initial: "J. Smith"
            }
            if is_initialism(wt) && s.ends_with('.') {
                // "U.S." ends a sentence only before a word that opens one ("… in the U.S.
                // The …"); before a name it is part of it ("the U.S. State Department")
                // (any initialism before a quotation opening: "… in Fort Mill, S.C. "It …")
                let country = ["U.S", "U.N", "U.K", "E.U"].contains(&wt);
                let quote = n.kind == TokKind::Quote && opens(text, n.span) == Some(true);
                let opener = n.kind != TokKind::Word
                    || SENTENCE_OPENERS.contains(&nt.to_lowercase().as_str());
                if !quote && (!country || !opener) {
                    continue;
                }
            }
        }
        let _ = next;
        out.push((start, i + 1));
        start = i + 1;
    }
    // a closing-mark run ends a sentence at its last mark: re-split where we deferred
    let mut fixed = Vec::with_capacity(out.len());
    for (s, e) in out {
        let mut cur = s;
        for k in s..e {
            if k + 1 >= e || k == cur {
                continue;
            }
            let t = &tokens[k];
            let tt = t.text(text);
            let closing =
                (t.kind == TokKind::Quote && opens(text, t.span) != Some(true)) || tt == ")";
            if !closing {
                continue;
            }
            let prev = tokens[k - 1].text(text);
            if !(matches!(prev, "." | "!" | "?" | "...")
                || (tokens[k - 1].kind == TokKind::Quote)
                || prev == ")")
            {
                continue;
            }
            let n = &tokens[k + 1];
            let nt = n.text(text);
            if n.span.start == t.span.end {
                continue;
            }
            let up =
                nt.chars().next().is_some_and(|c| c.is_uppercase()) || n.kind == TokKind::Quote;
            // the run must start with sentence-final punctuation
            let mut m = k;
            while m > cur && (tokens[m].kind == TokKind::Quote || tokens[m].text(text) == ")") {
                m -= 1;
            }
            let fin = matches!(tokens[m].text(text), "." | "!" | "?" | "...");
            if up && fin {
                fixed.push((cur, k + 1));
                cur = k + 1;
            }
        }
        fixed.push((cur, e));
    }
    let _ = paragraphs;
    fixed.retain(|(s, e)| e > s);
    fixed
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str) -> Doc<'a> {
        let paragraphs = paragraphs(text);
        let mut tokens = Vec::with_capacity(text.len() / 5);
        for (pi, p) in paragraphs.iter().enumerate() {
            tokenize_para(text, *p, pi as u32, &mut tokens);
        }
        let quotes = pair_quotes(text, &paragraphs, &tokens);
        // mark tokens inside quotes
        let mut qi = 0;
        for t in tokens.iter_mut() {
            while qi < quotes.len() && quotes[qi].span.end <= t.span.start {
                qi += 1;
            }
            if let Some(q) = quotes.get(qi) {
                if q.span.start < t.span.start
                    && t.span.end <= q.span.end
                    && !(t.kind == TokKind::Quote && t.span.end == q.span.end && q.closed)
                {
                    t.in_quote = true;
                }
            }
        }
        let sentences = split_sentences(text, &paragraphs, &tokens);
        let mut lowered = String::new();
        let lower_at = tokens
            .iter()
            .map(|t| {
                let s = t.text(text);
                if s.is_ascii() {
                    if !s.bytes().any(|b| b.is_ascii_uppercase()) {
                        return None;
                    }
                    let start = lowered.len() as u32;
                    lowered.extend(s.chars().map(|c| c.to_ascii_lowercase()));
                    Some((start, lowered.len() as u32))
                } else {
                    // `str::to_lowercase`, not per character: a final sigma is `ς`.
                    let start = lowered.len() as u32;
                    lowered.push_str(&s.to_lowercase());
                    Some((start, lowered.len() as u32))
                }
            })
            .collect();
        Doc {
            text,
            paragraphs,
            tokens,
            quotes,
            sentences,
            lowered,
            lower_at,
        }
    }

    pub fn tok(&self, i: usize) -> &str {
        self.tokens[i].text(self.text)
    }

    /// Lower-case text of token `i` (made once, in [`Doc::new`]).
    pub fn lower(&self, i: usize) -> std::borrow::Cow<'_, str> {
        std::borrow::Cow::Borrowed(self.lower_str(i))
    }

    /// [`Doc::lower`] as a plain string slice of the document.
    pub fn lower_str(&self, i: usize) -> &str {
        match self.lower_at[i] {
            Some((a, b)) => &self.lowered[a as usize..b as usize],
            None => self.tok(i),
        }
    }

    /// The byte span of tokens `s..e` (`s < e`).
    pub fn span_of(&self, s: usize, e: usize) -> Span {
        self.tokens[s].span.cover(&self.tokens[e - 1].span)
    }

    /// The sentence spans in bytes.
    pub fn sentence_spans(&self) -> Vec<Span> {
        self.sentences
            .iter()
            .map(|&(s, e)| self.span_of(s, e))
            .collect()
    }

    /// Index of the quote containing byte offset `b`, if any.
    pub fn quote_at(&self, b: usize) -> Option<usize> {
        let i = self.quotes.partition_point(|q| q.span.end <= b);
        self.quotes.get(i).filter(|q| q.span.start <= b).map(|_| i)
    }

    /// Token index of the first token starting at or after byte `b`.
    pub fn token_at(&self, b: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<String> {
        let d = Doc::new(text);
        d.sentence_spans()
            .iter()
            .map(|s| s.text(text).to_string())
            .collect()
    }

    #[test]
    fn abbreviations_initials_and_ellipses() {
        let s = sents("The U.N. envoy met Gov. Smith in Feb. and J. R. Doe on Sept. 4. Then they left... Nobody knew.");
        assert_eq!(
            s,
            vec![
                "The U.N. envoy met Gov. Smith in Feb. and J. R. Doe on Sept. 4.",
                "Then they left...",
                "Nobody knew."
            ]
        );
        // "U.S." before a name goes on; before a function word it ends the sentence
        let s = sents("Roe cited the U.S. State Department. She flew to the U.S. The talks ended.");
        assert_eq!(
            s,
            vec![
                "Roe cited the U.S. State Department.",
                "She flew to the U.S.",
                "The talks ended."
            ]
        );
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        let s = sents("\"We will go.\" He left. She said: \u{201c}No.\u{201d} Then silence.");
        assert_eq!(
            s,
            vec![
                "\"We will go.\"",
                "He left.",
                "She said: \u{201c}No.\u{201d}",
                "Then silence."
            ]
        );
    }

    #[test]
    fn headline_without_final_punctuation_is_its_own_sentence() {
        let s = sents("Talks must go on: Kaya\nThe minister said so.");
        assert_eq!(s, vec!["Talks must go on: Kaya", "The minister said so."]);
    }

    #[test]
    fn quotes_pair_across_paragraphs_and_survive_unbalanced_marks() {
        let text = "\u{201c}First part.\n\u{201c}Second part,\u{201d} she said.\nA \"stray mark here.\nNext \u{201c}ok\u{201d} end.";
        let d = Doc::new(text);
        let q: Vec<&str> = d.quotes.iter().map(|q| q.span.text(text)).collect();
        assert_eq!(q[0], "\u{201c}First part.\n\u{201c}Second part,\u{201d}");
        assert_eq!(q[1], "\"stray mark here.");
        assert!(!d.quotes[1].closed);
        assert_eq!(q[2], "\u{201c}ok\u{201d}");
    }

    #[test]
    fn a_curly_mark_set_the_wrong_way_round_still_closes() {
        let text = "\u{201c}It is late,\u{201c} said Kaya. \u{201c}We stay.\u{201d}";
        let d = Doc::new(text);
        let q: Vec<&str> = d.quotes.iter().map(|q| q.span.text(text)).collect();
        assert_eq!(
            q,
            vec!["\u{201c}It is late,\u{201c}", "\u{201c}We stay.\u{201d}"]
        );
        assert!(d.quotes.iter().all(|q| q.closed));
    }

    #[test]
    fn a_straight_excerpt_mark_does_not_run_into_a_curly_quotation() {
        // a pasted excerpt opens with a straight mark; the article's own quotes are curly
        let text = "\"The ferry was late again.\n\u{201c}We waited,\u{201d} she said.";
        let d = Doc::new(text);
        let q: Vec<&str> = d.quotes.iter().map(|q| q.span.text(text)).collect();
        assert_eq!(
            q,
            vec!["\"The ferry was late again.", "\u{201c}We waited,\u{201d}"]
        );
        assert!(!d.quotes[0].closed);
    }

    #[test]
    fn straight_quotes_nested_single_and_guillemets() {
        let text = "He said \"they told me 'no' twice\" and \u{ab}non\u{bb}.";
        let d = Doc::new(text);
        let q: Vec<&str> = d.quotes.iter().map(|q| q.span.text(text)).collect();
        assert_eq!(q, vec!["\"they told me 'no' twice\"", "\u{ab}non\u{bb}"]);
    }

    #[test]
    fn tokens_keep_words_whole() {
        let text = "Kalın's cease-fire U.N. 3.5 1,399 don't";
        let d = Doc::new(text);
        let t: Vec<&str> = (0..d.tokens.len()).map(|i| d.tok(i)).collect();
        assert_eq!(
            t,
            vec!["Kalın's", "cease-fire", "U.N.", "3.5", "1,399", "don't"]
        );
    }
}
