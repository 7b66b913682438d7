//! Countries and sectors of the entities that act: the PLOVER country gazetteer (names,
//! demonyms, capitals and cities to ISO 3166 alpha-3) and agent nouns to PLOVER sectors,
//! both from the Open Event Data Alliance's PETRARCH2 / Phoenix dictionaries (MIT License,
//! notice in `data/plover-countries.tsv`, `data/plover-agents.tsv` and `data/NOTICE-plover`),
//! compiled in; plus the bodies PLOVER codes without a country (UNO, EUR, IGO, NGO) and the
//! seats of government news copy names for their country ("the Kremlin").

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::lexicon::Fnv;

type Map<V> = HashMap<String, V, BuildHasherDefault<Fnv>>;
use std::sync::OnceLock;

use onrecord_core::fold;

const COUNTRIES: &str = include_str!("../../data/plover-countries.tsv");
const AGENTS: &str = include_str!("../../data/plover-agents.tsv");

/// Bodies without a country (PLOVER table 5.1) and seats of government, written here.
const EXTRA: &[(&str, &str)] = &[
    ("united nations", "UNO"),
    ("un", "UNO"),
    ("u n", "UNO"),
    ("security council", "UNO"),
    ("unicef", "UNO"),
    ("unhcr", "UNO"),
    ("unesco", "UNO"),
    ("unmiss", "UNO"),
    ("world food programme", "UNO"),
    ("iaea", "UNO"),
    ("european union", "EUR"),
    ("eu", "EUR"),
    ("e u", "EUR"),
    ("european commission", "EUR"),
    ("european parliament", "EUR"),
    ("nato", "IGO"),
    ("african union", "IGO"),
    ("arab league", "IGO"),
    ("opec", "IGO"),
    ("asean", "IGO"),
    ("imf", "IGO"),
    ("international monetary fund", "IGO"),
    ("world bank", "IGO"),
    ("osce", "IGO"),
    ("ecowas", "IGO"),
    ("interpol", "IGO"),
    ("g7", "IGO"),
    ("g20", "IGO"),
    ("icc", "IGO"),
    ("international criminal court", "IGO"),
    ("red cross", "NGO"),
    ("icrc", "NGO"),
    ("amnesty international", "NGO"),
    ("human rights watch", "NGO"),
    ("doctors without borders", "NGO"),
    ("msf", "NGO"),
    ("oxfam", "NGO"),
    ("kremlin", "RUS"),
    ("white house", "USA"),
    ("pentagon", "USA"),
    ("state department", "USA"),
    ("downing street", "GBR"),
    ("elysee", "FRA"),
    ("whitehall", "GBR"),
    ("beijing", "CHN"),
];

pub(crate) struct Gazetteer {
    /// Name → code; the first word of a longer name alone → `None` when it is no name
    /// itself (most capitalised words start no country name: one lookup tells).
    countries: Map<Option<&'static str>>,
    /// The most words any country name has.
    longest: usize,
    /// agent noun (folded) → (sector, secondary)
    sectors: Map<&'static str>,
    longest_agent: usize,
}

impl Gazetteer {
    pub(crate) fn builtin() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::build)
    }

    fn build() -> Gazetteer {
        let mut countries = Map::default();
        for line in COUNTRIES.lines().filter(|l| !l.starts_with('#')).skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 {
                continue;
            }
            let code = cols[0];
            let names =
                std::iter::once(cols[2]).chain(cols.get(3).into_iter().flat_map(|a| a.split('|')));
            for name in names {
                let key = key(name);
                // words of three letters or fewer that are not names in English copy ("US"
                // stays: it is checked for capitals where it is read)
                if key.is_empty() {
                    continue;
                }
                if let Some((first, _)) = key.split_once(' ') {
                    if !countries.contains_key(first) {
                        countries.insert(first.to_string(), None);
                    }
                }
                let slot = countries.entry(key).or_insert(None);
                if slot.is_none() {
                    *slot = Some(code);
                }
            }
        }
        for (name, code) in EXTRA {
            debug_assert_eq!(key(name), *name);
            if let Some((first, _)) = name.split_once(' ') {
                countries.entry(first.to_string()).or_insert(None);
            }
            countries.insert((*name).to_string(), Some(code));
        }
        let longest = countries
            .keys()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(1)
            .min(6);
        let mut sectors = Map::default();
        for line in AGENTS.lines().filter(|l| !l.starts_with('#')).skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 || cols[2].is_empty() {
                continue;
            }
            sectors.entry(key(cols[0])).or_insert(cols[2]);
        }
        let longest_agent = sectors
            .keys()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(1)
            .min(5);
        Gazetteer {
            countries,
            longest,
            sectors,
            longest_agent,
        }
    }

    /// The country of a name as written (folded words), if the gazetteer knows it.
    pub(crate) fn country(&self, folded: &str) -> Option<&'static str> {
        self.countries.get(folded).copied().flatten()
    }

    /// Can a country name start with this (folded) word?
    pub(crate) fn starts(&self, first: &str) -> bool {
        self.countries.contains_key(first)
    }

    pub(crate) fn longest(&self) -> usize {
        self.longest
    }

    pub(crate) fn longest_agent(&self) -> usize {
        self.longest_agent
    }

    /// The sector of an agent noun phrase (folded words), also in the plural ("soldiers").
    pub(crate) fn sector(&self, folded: &str) -> Option<&'static str> {
        if let Some(s) = self.sectors.get(folded) {
            return Some(s);
        }
        let singular = folded
            .strip_suffix("ies")
            .map(|s| format!("{s}y"))
            .or_else(|| folded.strip_suffix("men").map(|s| format!("{s}man")))
            .or_else(|| folded.strip_suffix('s').map(str::to_string))?;
        self.sectors.get(&singular).copied()
    }
}

/// [`fold`] for one word, appended to `out` after a space when `out` is not empty; ASCII
/// words without the transliterator (this runs on every capitalised word). Whether anything
/// was appended.
pub(crate) fn push_key(out: &mut String, w: &str) -> bool {
    if !w.is_ascii() {
        let f = fold(w);
        if f.is_empty() {
            return false;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&f);
        return true;
    }
    let mut pushed = false;
    let mut gap = false;
    for b in w.bytes() {
        if b.is_ascii_alphanumeric() {
            if !pushed {
                if !out.is_empty() {
                    out.push(' ');
                }
                pushed = true;
            } else if gap {
                out.push(' ');
            }
            gap = false;
            out.push(b.to_ascii_lowercase() as char);
        } else if pushed {
            gap = true;
        }
    }
    pushed
}

/// One word's folded key.
pub(crate) fn key(w: &str) -> String {
    let mut s = String::new();
    push_key(&mut s, w);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_demonyms_capitals_and_bodies() {
        let g = Gazetteer::builtin();
        assert_eq!(g.country("ankara"), Some("TUR"));
        assert_eq!(g.country("turkish"), Some("TUR"));
        assert_eq!(g.country("kremlin"), Some("RUS"));
        assert_eq!(g.country("u s"), Some("USA"));
        assert_eq!(g.country("united nations"), Some("UNO"));
        assert_eq!(g.sector("foreign minister"), Some("GOV"));
        assert_eq!(g.sector("troops"), Some("MIL"));
        assert_eq!(g.sector("police"), Some("COP"));
        for w in ["U.S.", "Kalın", "al-Shabab", "NATO's", "Erdoğan", "e-mail"] {
            assert_eq!(key(w), fold(w), "{w}");
        }
    }
}
