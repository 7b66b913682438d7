//! The word lists and word tests of speaker resolution: role and title words, person
//! and body nouns, places, and the shapes of names.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use onrecord_core::surname_key;

use crate::agreement;
use crate::lexicon::{MONTHS, WEEKDAYS};
use crate::text::strip_possessive;

/// Words that make up a role or title rather than a name.
pub(super) const ROLE_WORDS: &[&str] = &[
    "president",
    "presidential",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "foreign",
    "prime",
    "deputy",
    "secretary",
    "ambassador",
    "chancellor",
    "general",
    "gen",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "mayor",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "chief",
    "head",
    "leader",
    "speaker",
    "adviser",
    "advisor",
    "envoy",
    "official",
    "officials",
    "commissioner",
    "attorney",
    "judge",
    "justice",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "professor",
    "king",
    "queen",
    "prince",
    "sheikh",
    "pope",
    "cardinal",
    "bishop",
    "former",
    "acting",
    "vice",
    "state",
    "defense",
    "defence",
    "interior",
    "finance",
    "national",
    "security",
    "press",
    "communications",
    "democratic",
    "republican",
    "candidate",
    "nominee",
    "gop",
    "u.s.",
    "us",
    "house",
    "senate",
    "majority",
    "minority",
    "whip",
    "lt",
    "col",
    "maj",
    "capt",
    "adm",
    "sgt",
    "executive",
    "ceo",
    "founder",
    "co-founder",
    "analyst",
    "economist",
    "negotiator",
    "diplomat",
    "lawmaker",
    "congressman",
    "congresswoman",
    "strategist",
    "pollster",
    "manager",
    "campaign",
    "spokespeople",
    "first",
    "lady",
    "colonel",
    "lieutenant",
    "major",
    "captain",
    "admiral",
    "sergeant",
    "commander",
    "council",
    "special",
    "senior",
    "top",
    "rev",
    "reverend",
    "retired",
    "former",
    "father",
    "sister",
];

/// Person-denoting heads of nominal mentions ("the spokesperson", "the Turkish official").
pub(super) const PERSON_NOUNS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "minister",
    "president",
    "secretary",
    "ambassador",
    "diplomat",
    "envoy",
    "senator",
    "governor",
    "candidate",
    "nominee",
    "chairman",
    "leader",
    "aide",
    "adviser",
    "advisor",
    "negotiator",
    "lawmaker",
    "congressman",
    "congresswoman",
    "mayor",
    "commissioner",
    "chief",
    "director",
    "businessman",
    "billionaire",
    "man",
    "woman",
    "politician",
    "lawyer",
    "attorney",
    "judge",
    "general",
    "premier",
    "chancellor",
    "king",
    "queen",
    "prince",
    "founder",
    "executive",
    "democrat",
    "republican",
    "nominee",
    "contender",
    "frontrunner",
    "front-runner",
    "mogul",
    "magnate",
    "host",
    "star",
    "mother",
    "father",
    "wife",
    "husband",
    "widow",
];

/// Words that name a body when they head a mention.
pub(super) const BODY_WORDS: &[&str] = &[
    "ministry",
    "department",
    "agency",
    "committee",
    "party",
    "council",
    "times",
    "post",
    "news",
    "office",
    "commission",
    "campaign",
    "university",
    "institute",
    "association",
    "union",
    "bank",
    "fund",
    "court",
    "senate",
    "congress",
    "administration",
    "government",
    "house",
    "kremlin",
    "pentagon",
    "organization",
    "organisation",
    "foundation",
    "center",
    "centre",
    "group",
    "company",
    "corporation",
    "inc",
    "journal",
    "network",
    "press",
    "review",
    "magazine",
    "tribune",
    "herald",
    "guardian",
    "telegraph",
    "reuters",
    "ap",
    "afp",
    "cnn",
    "nbc",
    "cbs",
    "abc",
    "fox",
    "msnbc",
    "bbc",
    "police",
    "army",
    "military",
    "navy",
    "nato",
    "un",
    "u.n.",
    "eu",
    "who",
    "imf",
    "unhcr",
    "poll",
    "survey",
    "study",
    "report",
    "data",
    "estimates",
    "statement",
    "authorities",
    "forces",
    "team",
    "board",
    "cabinet",
    "parliament",
    "assembly",
    "coalition",
    "alliance",
    "movement",
    "federation",
    "league",
    "bureau",
    "service",
    "services",
    "institution",
    "programme",
    "program",
    "project",
    "firm",
    "website",
    "magazine",
];

/// Countries and the capitals and demonyms that stand for them, with display names.
pub(super) const PLACES: &[(&str, &str)] = &[
    ("turkiye", "Türkiye"),
    ("turkey", "Türkiye"),
    ("ankara", "Türkiye"),
    ("turkish", "Türkiye"),
    ("russia", "Russia"),
    ("moscow", "Russia"),
    ("russian", "Russia"),
    ("ukraine", "Ukraine"),
    ("kyiv", "Ukraine"),
    ("kiev", "Ukraine"),
    ("ukrainian", "Ukraine"),
    ("united states", "United States"),
    ("washington", "United States"),
    ("american", "United States"),
    ("china", "China"),
    ("beijing", "China"),
    ("chinese", "China"),
    ("iran", "Iran"),
    ("tehran", "Iran"),
    ("iranian", "Iran"),
    ("israel", "Israel"),
    ("israeli", "Israel"),
    ("germany", "Germany"),
    ("berlin", "Germany"),
    ("german", "Germany"),
    ("france", "France"),
    ("paris", "France"),
    ("french", "France"),
    ("britain", "United Kingdom"),
    ("united kingdom", "United Kingdom"),
    ("london", "United Kingdom"),
    ("british", "United Kingdom"),
    ("syria", "Syria"),
    ("damascus", "Syria"),
    ("syrian", "Syria"),
    ("greece", "Greece"),
    ("athens", "Greece"),
    ("greek", "Greece"),
    ("belarus", "Belarus"),
    ("minsk", "Belarus"),
    ("poland", "Poland"),
    ("warsaw", "Poland"),
    ("japan", "Japan"),
    ("tokyo", "Japan"),
    ("india", "India"),
    ("mexico", "Mexico"),
    ("canada", "Canada"),
    ("ottawa", "Canada"),
    ("qatar", "Qatar"),
    ("doha", "Qatar"),
    ("saudi arabia", "Saudi Arabia"),
    ("riyadh", "Saudi Arabia"),
    ("egypt", "Egypt"),
    ("cairo", "Egypt"),
    ("north korea", "North Korea"),
    ("pyongyang", "North Korea"),
    ("south korea", "South Korea"),
    ("seoul", "South Korea"),
    ("un", "United Nations"),
    ("u n", "United Nations"),
    ("united nations", "United Nations"),
    ("nato", "NATO"),
    ("eu", "European Union"),
    ("european union", "European Union"),
    ("brussels", "European Union"),
    ("kremlin", "Kremlin"),
    ("unhcr", "UNHCR"),
    ("un refugee agency", "UNHCR"),
    ("u n refugee agency", "UNHCR"),
    ("united nations refugee agency", "UNHCR"),
    ("white house", "White House"),
];

/// A day or month, capitalized but never a name after one: "Roe on Wednesday", "Roe,
/// Jan. 1" (folded).
pub(super) fn is_date_word(f: &str) -> bool {
    WEEKDAYS.contains(&f) || MONTHS.contains(&f)
}

/// What a body publishes, standing for the body as a source: `according to U.N. estimates`.
pub(super) const DATA_NOUNS: &[&str] = &[
    "estimates",
    "estimate",
    "data",
    "figures",
    "statistics",
    "tally",
    "count",
    "report",
    "records",
];

/// What a body or person publishes, naming them as its source: "a Courier survey", "an
/// analysis released by the Harbor Office".
pub(super) const PUBLICATION_NOUNS: &[&str] = &[
    "analysis",
    "survey",
    "poll",
    "study",
    "report",
    "database",
    "tally",
    "count",
    "review",
    "audit",
    "brief",
    "filing",
    "ad",
    "advertisement",
    "statement",
    "memo",
    "letter",
    "tweet",
    "editorial",
    "investigation",
    "estimates",
    "estimate",
    "data",
    "figures",
    "statistics",
    "records",
    "findings",
    "projections",
    "forecast",
];

/// The abbreviations of US states that newspapers write after a town ("Ashton, Md."):
/// capitalized, never a name.
pub(super) const STATE_ABBREVIATIONS: &[&str] = &[
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky",
    "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa",
    "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo",
];

/// Name particles that stay lower-case inside a name ("Abu Bakr al-Baghdadi", "de Gaulle").
pub(super) const PARTICLES: &[&str] = &[
    "al", "bin", "ibn", "de", "van", "von", "der", "la", "le", "di", "da", "del", "du", "el",
];

pub(super) fn fold_word(w: &str) -> String {
    onrecord_core::fold(w)
}

/// The word lists as sets: they are looked up for every capitalized word of an article.
pub(super) fn word_set(words: &'static [&'static str]) -> HashSet<&'static str> {
    words.iter().copied().collect()
}

pub(super) static ROLE_WORD_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_set(ROLE_WORDS));
pub(super) static NOT_NAME_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_set(NOT_NAMES));
pub(super) static BODY_WORD_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_set(BODY_WORDS));
/// [`PLACES`] by folded name (the first entry of a name, as a search of the list finds).
pub(super) static PLACE_NAMES: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| {
        let mut m = HashMap::new();
        for &(k, d) in PLACES {
            m.entry(k).or_insert(d);
        }
        m
    });

pub(super) fn place(name: &str) -> Option<&'static str> {
    let f = fold_word(name);
    let f = f.strip_prefix("the ").unwrap_or(&f);
    PLACE_NAMES.get(f).copied()
}

/// The news agencies that copy cites by initials alone, as everyone knows them ("told the
/// AP"): the spelled-out name, so that "AP" and "Associated Press" are one speaker.
pub(super) fn wire_service(letters: &str) -> Option<&'static str> {
    Some(match letters {
        "AP" => "Associated Press",
        "AFP" => "Agence France-Presse",
        "UPI" => "United Press International",
        "DPA" => "Deutsche Presse-Agentur",
        "ANSA" => "Agenzia Nazionale Stampa Associata",
        _ => return None,
    })
}

/// A word with a place-name ending (-ia, -land, -stan, -mark, -burg, …) that is not a first
/// name ("Maria", "Roland" are people).
pub(super) fn toponym(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ania", "aria", "eria", "esia", "isia", "asia", "onia", "avia", "ovia", "land", "stan",
        "mark", "burg", "bourg", "shire", "grad",
    ];
    let w = word.to_lowercase();
    w.chars().count() > 5
        && ENDINGS.iter().any(|e| w.ends_with(e))
        && agreement::name_gender(word).is_none()
}

/// Capitalized only because they start a sentence or a headline: never part of a name.
pub(super) const NOT_NAMES: &[&str] = &[
    "but",
    "did",
    "does",
    "do",
    "many",
    "and",
    "or",
    "so",
    "yet",
    "when",
    "if",
    "as",
    "in",
    "on",
    "at",
    "after",
    "before",
    "while",
    "since",
    "because",
    "although",
    "though",
    "then",
    "now",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "some",
    "most",
    "all",
    "both",
    "each",
    "every",
    "no",
    "not",
    "only",
    "even",
    "also",
    "still",
    "why",
    "how",
    "what",
    "who",
    "where",
    "which",
    "with",
    "without",
    "for",
    "from",
    "by",
    "about",
    "against",
    "under",
    "over",
    "during",
    "like",
    "unlike",
    "meanwhile",
    "however",
    "instead",
    "indeed",
    "yes",
    "asked",
    "says",
    "said",
    "told",
    "according",
    "is",
    "was",
    "are",
    "were",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
    "its",
    "one",
    "two",
    "three",
    "last",
    "next",
    "first",
    "another",
    "other",
    "more",
    "less",
    "few",
    "several",
    "such",
    "dear",
    "mrs",
    "mr",
    "ms",
    "sir",
    "madam",
    "today",
    "yesterday",
    "tomorrow",
    "maybe",
    "perhaps",
    // prepositions and conjunctions that open a sentence before a name ("Beyond Roe's …")
    "beyond",
    "besides",
    "despite",
    "amid",
    "among",
    "through",
    "toward",
    "towards",
    "unless",
    "until",
    "whether",
    "upon",
    "via",
];

/// A word that cannot be part of a person's name: a sentence-initial function word, or a
/// long all-capitals word (headline capitals; short ones are acronyms).
pub(super) fn not_name(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    NOT_NAME_SET.contains(fold_word(w).as_str())
        || (letters > 5
            && w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase))
}

/// A folded word is a role word, or a hyphenated compound of them ("Secretary-General",
/// folded "secretary general").
pub(super) fn is_role_word(f: &str) -> bool {
    ROLE_WORD_SET.contains(f) || f.contains(' ') && f.split(' ').all(|p| ROLE_WORD_SET.contains(p))
}

/// A demonym or country word before a name is part of the role ("Ukrainian President …").
pub(super) fn is_roleish(w: &str) -> bool {
    let f = fold_word(strip_possessive(w));
    let demonym = f.len() >= 8
        && f.ends_with("ian")
        && !matches!(
            f.as_str(),
            "sebastian" | "christian" | "maximilian" | "florian" | "cassian"
        );
    demonym
        || is_role_word(&f)
        || is_function_word(w)
        || PLACE_NAMES.contains_key(f.as_str())
            && (f.ends_with("an")
                || f.ends_with("ish")
                || f.ends_with("ese")
                || f.ends_with("ch")
                || f.ends_with("ian"))
}

pub(super) fn is_function_word(w: &str) -> bool {
    // the longest is four letters: lower-case a copy that short on the stack
    let mut lower = [0u8; 4];
    let Some(buf) = lower.get_mut(..w.len()) else {
        return false;
    };
    buf.copy_from_slice(w.as_bytes());
    buf.make_ascii_lowercase();
    matches!(
        &*buf,
        b"the"
            | b"a"
            | b"an"
            | b"of"
            | b"for"
            | b"at"
            | b"in"
            | b"and"
            | b"on"
            | b"to"
            | b"by"
            | b"with"
            | b"from"
    )
}

/// A generational suffix after a surname ("Jr.", "III"): "John Roe Jr." is a Roe.
pub(super) fn is_suffix(w: &str) -> bool {
    matches!(
        fold_word(w.trim_end_matches('.')).as_str(),
        "jr" | "sr" | "ii" | "iii" | "iv"
    )
}

/// The surname of a full name, past a generational suffix: "John Roe Jr." → "roe".
pub(super) fn person_surname_key(name: &str) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    let end = words
        .iter()
        .rposition(|w| !is_suffix(w))
        .map_or(words.len(), |i| i + 1);
    surname_key(&words[..end].join(" "))
}

/// A title word in a written name ("Mrs.", "Sen."): no part of the name proper.
pub(super) fn is_title(w: &str) -> bool {
    let f = fold_word(w.trim_end_matches('.'));
    agreement::title_gender(&f).is_some() || is_role_word(&f)
}

/// How many paragraphs back a full name counts as just written, for a bare surname.
pub(super) const RECENT_PARAGRAPHS: usize = 3;

/// How far back (in tokens) a typed description looks for the name it stands for.
pub(super) const TYPED_WINDOW: usize = 800;

/// Descriptions of a body by its type, and the words that end or head such a body's name:
/// "the newspaper" is the latest paper named before it, "the agency" the latest office.
pub(super) const TYPED_NOMINALS: &[(&[&str], &[&str])] = &[
    (
        &[
            "newspaper",
            "paper",
            "daily",
            "tabloid",
            "broadsheet",
            "weekly",
        ],
        &[
            "times",
            "post",
            "journal",
            "herald",
            "tribune",
            "gazette",
            "courier",
            "chronicle",
            "daily",
            "globe",
            "star",
            "sun",
            "observer",
            "guardian",
            "telegraph",
            "examiner",
            "inquirer",
            "register",
            "dispatch",
            "mirror",
            "express",
            "courant",
            "bee",
            "record",
            "independent",
            "standard",
            "mail",
            "news",
            "today",
        ],
    ),
    (
        &["agency", "office", "bureau", "watchdog", "regulator"],
        &[
            "agency",
            "office",
            "bureau",
            "administration",
            "service",
            "commission",
            "authority",
            "institute",
            "department",
        ],
    ),
    (
        &["union"],
        &[
            "union",
            "association",
            "federation",
            "guild",
            "brotherhood",
            "teamsters",
        ],
    ),
    (&["court"], &["court"]),
    (
        &["network", "broadcaster", "channel", "station"],
        &[
            "network",
            "news",
            "channel",
            "television",
            "tv",
            "radio",
            "broadcasting",
            "cnn",
            "bbc",
            "nbc",
            "abc",
            "cbs",
            "msnbc",
            "npr",
            "pbs",
        ],
    ),
    (
        &["company", "firm", "group", "bank", "carrier", "airline"],
        &[
            "inc",
            "corp",
            "corporation",
            "company",
            "co",
            "group",
            "llc",
            "ltd",
            "bank",
            "airlines",
            "holdings",
        ],
    ),
];

/// The name heads a typed description may stand for: "the newspaper", "the paper", "the
/// influential regional daily", "the appeals court" (a determiner, at most three words).
pub(super) fn typed_nominal(words: &[String]) -> Option<&'static [&'static str]> {
    let (first, last) = (words.first()?, words.last()?);
    if !matches!(first.as_str(), "the" | "that" | "this") || words.len() > 5 {
        return None;
    }
    TYPED_NOMINALS
        .iter()
        .find(|(nouns, _)| nouns.contains(&last.as_str()))
        .map(|(_, heads)| *heads)
}

/// The head noun of a nominal mention when it names a person by function: the last word
/// ("the Turkish official"), or the last word before a prepositional phrase ("the United
/// Nations special envoy for the region", "the spokesman of the ministry").
pub(super) fn nominal_head(words: &[String]) -> Option<&str> {
    let end = words
        .iter()
        .position(|w| {
            matches!(
                w.as_str(),
                "for" | "of" | "to" | "at" | "in" | "on" | "from"
            )
        })
        .unwrap_or(words.len());
    let head = strip_possessive(words[..end].last()?);
    PERSON_NOUNS.contains(&head).then_some(head)
}

pub(super) fn normalise_role(w: &str) -> &str {
    match w {
        "spokesman" | "spokeswoman" | "spokesperson" => "spokesperson",
        other => other,
    }
}

/// A title's abbreviation spelled out (folded, without its point): "Gov." is a governor.
pub(super) fn spell_title(w: &str) -> &str {
    match w {
        "gov" => "governor",
        "sen" => "senator",
        "rep" => "representative",
        "gen" => "general",
        "del" => "delegate",
        "atty" => "attorney",
        "lt" => "lieutenant",
        "col" => "colonel",
        "maj" => "major",
        "capt" => "captain",
        "adm" => "admiral",
        "sgt" => "sergeant",
        "supt" => "superintendent",
        "pres" => "president",
        other => other,
    }
}

/// Does a title's head word name the same office as a description's head noun? News copy
/// varies the word: a representative is "the congressman", a justice "the judge", an
/// attorney "the lawyer".
pub(super) fn same_title(title: &str, head: &str) -> bool {
    fn class(w: &str) -> &str {
        match normalise_role(w) {
            "representative" | "congressman" | "congresswoman" | "lawmaker" => "representative",
            "judge" | "justice" => "judge",
            "attorney" | "lawyer" => "attorney",
            other => other,
        }
    }
    class(title) == class(head)
}
