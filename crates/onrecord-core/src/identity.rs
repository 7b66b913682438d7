//! Identity keys: one key per person or body across all articles, whatever the spelling.
//!
//! `Kalın`, `Kalin` and `KALIN` fold alike; `Türkiye`, `Turkey` and `Turkiye` share a key
//! through a small alias table of names whose spellings differ beyond diacritics.

/// Lower-case ASCII folding of a name: diacritics removed (including Turkish dotless ı),
/// punctuation dropped, white space collapsed. `Ibrahim Kalın` → `ibrahim kalin`.
pub fn fold(name: &str) -> String {
    // One pass over the transliteration: runs of ASCII letters and digits are the words,
    // lower-cased and joined by one space (what splitting `any_ascii(name)` at every other
    // character and joining the pieces gives, without building the pieces).
    let mut out = String::with_capacity(name.len());
    let mut gap = false;
    let mut push = |b: u8, out: &mut String| {
        if b.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(b.to_ascii_lowercase() as char);
        } else {
            gap = true;
        }
    };
    for c in name.chars() {
        if c.is_ascii() {
            push(c as u8, &mut out);
        } else {
            for &b in any_ascii::any_ascii_char(c).as_bytes() {
                push(b, &mut out);
            }
        }
    }
    out
}

/// Spellings that fold differently but name the same speaker. Left: folded variant; right:
/// the folded canonical form. Kept short and about names, not about any one corpus.
const ALIASES: &[(&str, &str)] = &[
    ("turkey", "turkiye"),
    ("republic of turkiye", "turkiye"),
    ("republic of turkey", "turkiye"),
    ("ankara", "turkiye"),
    ("moscow", "russia"),
    ("russian federation", "russia"),
    ("kremlin", "kremlin"),
    ("the kremlin", "kremlin"),
    ("kiev", "ukraine"),
    ("kyiv", "ukraine"),
    ("washington", "united states"),
    ("us", "united states"),
    ("u s", "united states"),
    ("usa", "united states"),
    ("united states of america", "united states"),
    ("the united states", "united states"),
    ("un", "united nations"),
    ("u n", "united nations"),
    ("the un", "united nations"),
    ("the u n", "united nations"),
    ("the united nations", "united nations"),
    ("beijing", "china"),
    ("tehran", "iran"),
    ("uk", "united kingdom"),
    ("u k", "united kingdom"),
    ("britain", "united kingdom"),
    ("london", "united kingdom"),
    ("the white house", "white house"),
    ("ap", "associated press"),
    ("a p", "associated press"),
    ("afp", "agence france presse"),
    ("upi", "united press international"),
    ("dpa", "deutsche presse agentur"),
];

/// Per-word transliteration variants: the key uses the right-hand spelling.
const WORD_ALIASES: &[(&str, &str)] = &[
    ("zelensky", "zelenskyy"),
    ("zelenskiy", "zelenskyy"),
    ("zelenskii", "zelenskyy"),
    ("erdogan", "erdogan"),
    ("cavusoglu", "cavusoglu"),
    ("lavrov", "lavrov"),
    ("peskov", "peskov"),
    ("gaddafi", "qaddafi"),
    ("kadhafi", "qaddafi"),
    ("gadhafi", "qaddafi"),
];

/// The identity key of a speaker name: folded, aliases applied, a leading "the" dropped.
/// Two names with the same key are the same speaker.
pub fn identity_key(name: &str) -> String {
    let folded = fold(name);
    let folded = folded.strip_prefix("the ").unwrap_or(&folded);
    if let Some((_, canon)) = ALIASES
        .iter()
        .find(|(v, _)| *v == folded || v.strip_prefix("the ") == Some(folded))
    {
        return canon.to_string();
    }
    let mut key = String::with_capacity(folded.len());
    for (k, w) in folded.split(' ').enumerate() {
        if k > 0 {
            key.push(' ');
        }
        key.push_str(
            WORD_ALIASES
                .iter()
                .find(|(v, _)| *v == w)
                .map_or(w, |(_, c)| *c),
        );
    }
    key
}

/// The last word of the identity key: how a surname-only mention finds its full name.
pub fn surname_key(name: &str) -> String {
    identity_key(name)
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `fold` as first written: transliterate, split at every other character, join.
    fn fold_by_splitting(name: &str) -> String {
        any_ascii::any_ascii(name)
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.to_ascii_lowercase())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn fold_is_the_split_and_join_of_the_transliteration() {
        for name in [
            "",
            " ",
            "--",
            "Ibrahim Kalın",
            "  Mevlüt   Çavuşoğlu's ",
            "İbrahim KALIN",
            "the U.N.",
            "Jean-Luc Mélenchon",
            "北京 Beijing",
            "Ærø ß ﬁ №5",
            "O'Neill, Jr.",
            "\u{1F600} smile \u{1F600}",
            "Zelenskyy\tand\nPutin",
        ] {
            assert_eq!(fold(name), fold_by_splitting(name), "{name:?}");
        }
    }

    #[test]
    fn turkish_dotless_i_and_diacritics_fold() {
        assert_eq!(fold("Ibrahim Kalın"), "ibrahim kalin");
        assert_eq!(identity_key("Ibrahim Kalin"), identity_key("İbrahim KALIN"));
        assert_eq!(identity_key("Mevlüt Çavuşoğlu"), "mevlut cavusoglu");
    }

    #[test]
    fn country_spellings_share_a_key() {
        assert_eq!(identity_key("Türkiye"), identity_key("Turkey"));
        assert_eq!(identity_key("Turkiye"), identity_key("Ankara"));
        assert_eq!(identity_key("the U.N."), identity_key("United Nations"));
        assert_eq!(identity_key("The Kremlin"), "kremlin");
    }

    #[test]
    fn transliterations_share_a_key() {
        assert_eq!(
            identity_key("Volodymyr Zelensky"),
            identity_key("Volodymyr Zelenskyy")
        );
        assert_eq!(surname_key("Volodymyr Zelenskiy"), "zelenskyy");
    }
}
