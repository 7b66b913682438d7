//! The page's language: what its text is written in, checked against what it declares.
//!
//! Templates declare a language once for a whole site, so a Spanish article on a site set up
//! in English says `lang="en"`; the text is the better witness when it is long enough to tell.
//! A short or mixed text falls back on the declaration.

use serde::Serialize;
use whatlang::Lang;

/// Where the language came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LanguageSource {
    /// Detected from the main text (and agreeing with the declaration, if any).
    Text,
    /// The page's declaration (`<html lang>`, `og:locale`, …), the text being too short.
    Declared,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Language {
    /// ISO 639-1 where one exists (`en`, `tr`, `de`), else ISO 639-3.
    pub code: String,
    pub from: LanguageSource,
    /// What the page declared, as written, when it differs from `code`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared: Option<String>,
}

/// How much text the detector reads: enough to be sure, little enough to stay fast.
const SAMPLE_BYTES: usize = 1500;
/// Below this much text a detection is not trusted over a declaration.
const MIN_TEXT: usize = 200;

pub(crate) fn detect(text: &str, declared: Option<String>) -> Option<Language> {
    let declared_code = declared.as_deref().and_then(primary_subtag);
    let sample = &text[..floor_char_boundary(text, SAMPLE_BYTES)];
    let detected = (sample.len() >= MIN_TEXT)
        .then(|| whatlang::detect(sample))
        .flatten()
        .filter(|i| i.is_reliable());
    match (detected, declared_code) {
        (Some(info), decl) => {
            let code = iso639_1(info.lang()).to_string();
            let declared = declared.filter(|_| decl.as_deref() != Some(code.as_str()));
            Some(Language {
                code,
                from: LanguageSource::Text,
                declared,
            })
        }
        (None, Some(code)) => Some(Language {
            code,
            from: LanguageSource::Declared,
            declared: None,
        }),
        (None, None) => None,
    }
}

/// `en-US` → `en`, `pt_BR` → `pt`; anything that is not a language tag → none.
fn primary_subtag(tag: &str) -> Option<String> {
    let p = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    ((2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_lowercase())).then_some(p)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn iso639_1(l: Lang) -> &'static str {
    match l {
        Lang::Epo => "eo",
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Cmn => "zh",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ben => "bn",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ukr => "uk",
        Lang::Kat => "ka",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Jpn => "ja",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Pol => "pl",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Kor => "ko",
        Lang::Nob => "nb",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Bel => "be",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Ron => "ro",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Vie => "vi",
        Lang::Urd => "ur",
        Lang::Tha => "th",
        Lang::Guj => "gu",
        Lang::Uzb => "uz",
        Lang::Pan => "pa",
        Lang::Aze => "az",
        Lang::Ind => "id",
        Lang::Tel => "te",
        Lang::Pes => "fa",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Slk => "sk",
        Lang::Cat => "ca",
        Lang::Tgl => "tl",
        Lang::Hye => "hy",
        Lang::Cym => "cy",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: &str = "The harbour board said on Monday that ferry tolls would rise in the spring, \
        and the mayor of Dunmere told reporters she would oppose the plan at the next council meeting.";
    const DE: &str = "Der Hafenrat teilte am Montag mit, dass die Fährgebühren im Frühjahr steigen \
        würden, und die Bürgermeisterin von Dunmere sagte, sie werde den Plan in der nächsten Sitzung ablehnen.";

    #[test]
    fn text_wins_when_long_enough() {
        let l = detect(&DE.repeat(2), Some("en-US".into())).unwrap();
        assert_eq!(l.code, "de");
        assert_eq!(l.from, LanguageSource::Text);
        assert_eq!(l.declared.as_deref(), Some("en-US"));
        let l = detect(&EN.repeat(2), Some("en".into())).unwrap();
        assert_eq!((l.code.as_str(), l.declared), ("en", None));
    }

    #[test]
    fn short_text_takes_the_declaration() {
        let l = detect("Kurz.", Some("tr-TR".into())).unwrap();
        assert_eq!((l.code.as_str(), l.from), ("tr", LanguageSource::Declared));
        assert!(detect("Short.", None).is_none());
    }
}
