//! Speaker-name comparison (`fold` and `same_person` in `score_quotes.py`).

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

/// The name as lower-case ASCII word tokens: NFKD, combining marks dropped, dotless ı as i,
/// lower-cased, then every run of `[a-z0-9]`. `Ibrahim Kalın` → `["ibrahim", "kalin"]`.
pub fn fold(name: &str) -> Vec<String> {
    let stripped: String = name
        .nfkd()
        .filter(|&c| canonical_combining_class(c) == 0)
        .map(|c| if c == '\u{131}' { 'i' } else { c })
        .collect();
    stripped
        .to_lowercase()
        .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether a predicted name names the gold speaker: the same tokens, or one name's tokens
/// within the other's with the same last token ("Kalin" ~ "Ibrahim Kalın").
pub fn same_person(pred: Option<&str>, gold: Option<&str>) -> bool {
    let (p, g) = (
        fold(pred.unwrap_or_default()),
        fold(gold.unwrap_or_default()),
    );
    let (Some(p_last), Some(g_last)) = (p.last(), g.last()) else {
        return false;
    };
    if p == g {
        return true;
    }
    let within = |a: &[String], b: &[String]| a.iter().all(|t| b.contains(t));
    p_last == g_last && (within(&p, &g) || within(&g, &p))
}
