//! Countries and sectors of the entities that act: the PLOVER country gazetteer (names,
//! demonyms, capitals and cities to ISO 3166 alpha-3) and agent nouns to PLOVER sectors,
//! both from the Open Event Data Alliance's PETRARCH2 / Phoenix dictionaries (MIT License,
//! notice in `data/plover-countries.tsv`, `data/plover-agents.tsv` and `data/NOTICE-plover`),
//! compiled in; plus the bodies PLOVER codes without a country (UNO, EUR, IGO, NGO) and the
//! seats of government news copy names for their country ("the Kremlin").

use std::collections::HashMap;
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
    countries: HashMap<String, &'static str>,
    /// The most words any country name has.
    longest: usize,
    /// agent noun (folded) → (sector, secondary)
    sectors: HashMap<String, &'static str>,
    longest_agent: usize,
}

impl Gazetteer {
    pub(crate) fn builtin() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::build)
    }

    fn build() -> Gazetteer {
        let mut countries = HashMap::new();
        for line in COUNTRIES.lines().filter(|l| !l.starts_with('#')).skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 {
                continue;
            }
            let code = cols[0];
            let names =
                std::iter::once(cols[2]).chain(cols.get(3).into_iter().flat_map(|a| a.split('|')));
            for name in names {
                let key = fold(name);
                // words of three letters or fewer that are not names in English copy ("US"
                // stays: it is checked for capitals where it is read)
                if key.is_empty() {
                    continue;
                }
                countries.entry(key).or_insert(code);
            }
        }
        for (name, code) in EXTRA {
            countries.insert((*name).to_string(), code);
        }
        let longest = countries
            .keys()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(1)
            .min(6);
        let mut sectors = HashMap::new();
        for line in AGENTS.lines().filter(|l| !l.starts_with('#')).skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 || cols[2].is_empty() {
                continue;
            }
            sectors.entry(fold(cols[0])).or_insert(cols[2]);
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
        self.countries.get(folded).copied()
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
    }
}
