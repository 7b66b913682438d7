//! Agreement: which people a pronoun or a titled surname can mean.
//!
//! "She" is not the man quoted last, and "Mrs. Roe" is not Mr. Roe. A person's gender comes
//! from the words the article uses for them: a title or a gendered role noun ("Mrs.",
//! "Congresswoman", "spokesman"), else their first name, looked up in the US Census first-name
//! table compiled in (`data/first-names.tsv`, public domain). Unknown stays unknown: it
//! agrees with everything, so a name the table lacks never blocks a resolution.

use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
}

/// Titles and role nouns that say a person is a woman.
const FEMALE_WORDS: &[&str] = &[
    "mrs",
    "ms",
    "miss",
    "madam",
    "madame",
    "mme",
    "lady",
    "dame",
    "queen",
    "princess",
    "duchess",
    "baroness",
    "countess",
    "congresswoman",
    "councilwoman",
    "assemblywoman",
    "chairwoman",
    "spokeswoman",
    "businesswoman",
    "stateswoman",
    "anchorwoman",
    "policewoman",
    "actress",
    "empress",
    "sister",
    "nun",
    // family nouns: "the mother of three", "his widow"
    "mother",
    "wife",
    "daughter",
    "grandmother",
    "widow",
    "woman",
];

/// Titles and role nouns that say a person is a man.
const MALE_WORDS: &[&str] = &[
    "mr",
    "sir",
    "lord",
    "king",
    "prince",
    "duke",
    "baron",
    "congressman",
    "councilman",
    "assemblyman",
    "chairman",
    "spokesman",
    "businessman",
    "statesman",
    "anchorman",
    "policeman",
    "emperor",
    "brother",
    "monsignor",
    "father",
    "husband",
    "son",
    "grandfather",
    "widower",
    "man",
];

/// The gender a title or gendered role noun gives (`word` lower-case, a trailing full stop
/// allowed: "mrs.").
pub fn title_gender(word: &str) -> Option<Gender> {
    let w = word.trim_end_matches('.');
    if FEMALE_WORDS.contains(&w) {
        Some(Gender::Female)
    } else if MALE_WORDS.contains(&w) {
        Some(Gender::Male)
    } else {
        None
    }
}

/// The gender most bearers of this first name have, when one clearly dominates.
pub fn first_name_gender(name: &str) -> Option<Gender> {
    static TABLE: OnceLock<HashMap<&'static str, Gender>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        include_str!("../data/first-names.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (name, g) = l.split_once('\t')?;
                let g = match g {
                    "F" => Gender::Female,
                    "M" => Gender::Male,
                    _ => return None,
                };
                Some((name, g))
            })
            .collect()
    });
    let lower = name.to_lowercase();
    table.get(lower.as_str()).copied()
}

/// The gender the words of a mention give through a title or role noun ("Mrs. Roe",
/// "Congresswoman Jane Roe", "the spokesman"; `words` lower-case).
pub fn title_gender_of(words: &[String]) -> Option<Gender> {
    words.iter().find_map(|w| title_gender(w))
}

/// The gender of a full name's given name ("Jane Roe"); a one-word name may be a surname
/// alone, and tells nothing.
pub fn name_gender(name: &str) -> Option<Gender> {
    let mut parts = name
        .split(' ')
        .filter(|p| title_gender(&p.to_lowercase()).is_none());
    let first = parts.next()?;
    parts.next()?;
    first_name_gender(first)
}

/// Whether a pronoun (lower-case) can refer to a person of gender `g` (unknown agrees).
pub fn agrees(pronoun: &str, g: Option<Gender>) -> bool {
    !matches!(
        (pronoun, g),
        ("he" | "him" | "his", Some(Gender::Female)) | ("she" | "her" | "hers", Some(Gender::Male))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_lowercase).collect()
    }

    /// How the resolver combines them: the mention's title first, else the given name of
    /// the full name it resolved to.
    fn mention_gender(words: &[String], name: Option<&str>) -> Option<Gender> {
        title_gender_of(words).or_else(|| name.and_then(name_gender))
    }

    #[test]
    fn titles_first_names_and_unknowns() {
        assert_eq!(
            mention_gender(&words("Mrs. Roe"), Some("Roe")),
            Some(Gender::Female)
        );
        assert_eq!(
            mention_gender(&words("Congresswoman Roe"), None),
            Some(Gender::Female)
        );
        assert_eq!(
            mention_gender(&words("Roe"), Some("Jane Roe")),
            Some(Gender::Female)
        );
        assert_eq!(
            mention_gender(&words("Roe"), Some("John Roe")),
            Some(Gender::Male)
        );
        // a lone surname, or a given name the table does not know, tells nothing
        assert_eq!(mention_gender(&words("Roe"), Some("Roe")), None);
        assert_eq!(mention_gender(&words("Kaya"), Some("Zuzeth Kaya")), None);
        assert!(agrees("she", None) && agrees("he", Some(Gender::Male)));
        assert!(!agrees("she", Some(Gender::Male)) && !agrees("him", Some(Gender::Female)));
    }
}
