//! The words that name an act, by PLOVER type, written from the definitions of the PLOVER
//! v0.8 manual (chapter 3) and CAMEO's cue categories it translates (table 7.1).
//!
//! One entry a line: `TYPE[/mode] phrase`. A phrase is words separated by spaces; a word is
//! a list of forms separated by `|`; `verb+` stands for a regular verb's forms (`attack`,
//! `attacks`, `attacked`, `attacking`); `*` lets up to three other words pass ("imposed new
//! sanctions"). A leading `~` marks a noun ("talks", "airstrike"): its actor is a possessive
//! before it or the subject of a light verb ("held talks", "launched an attack").

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::lexicon::Fnv;

type Map<V> = HashMap<String, V, BuildHasherDefault<Fnv>>;
use std::sync::OnceLock;

use onrecord_core::EventType;

const ENTRIES: &str = "
# AGREE (3.1): agree to, offer, promise, commit; invitations
AGREE agree+
AGREE offer+ to
AGREE offer+ * help|support|aid|assistance|talks|mediation|mediate
AGREE promise+
AGREE pledge+
AGREE commit|commits|committed|committing to
AGREE invite+
AGREE accept+ * offer|proposal|plan|invitation|deal
# CONSULT (3.2): meetings, talks, visits, calls
CONSULT meet|meets|met
CONSULT/visit meet|meets|met with
CONSULT hold|holds|held|holding * talks|meeting|meetings|discussions|negotiations|consultations|summit
CONSULT have|has|had|having * talks|meeting|discussions
CONSULT ~talks|negotiations|consultations|summit
CONSULT ~meeting|meetings with|between
CONSULT negotiate+
CONSULT discuss|discussed|discusses|discussing * with
CONSULT/visit visit+
CONSULT/visit ~visit
CONSULT host+
CONSULT consult+
CONSULT/third-party mediate+
CONSULT/third-party ~mediation
CONSULT receive+ * ambassador|minister|president|delegation|envoy|counterpart|premier|king
CONSULT attend+ * meeting|summit|talks|conference
CONSULT/phone have|has|had|having|hold|holds|held * phone|telephone call|conversation|talks
CONSULT/phone ~phone|telephone call|calls|conversation
CONSULT/phone phone+
CONSULT/phone spoke|speak|speaks|talked|talks by phone|telephone
CONSULT talk|talked|talks|talking|spoke|speak|speaks with
# SUPPORT (3.3): diplomatic support, praise, signing and ratifying
SUPPORT praise+
SUPPORT endorse+
SUPPORT support|supports|supported
SUPPORT back|backs|backed
SUPPORT welcome+
SUPPORT hail+
SUPPORT commend+
SUPPORT applaud+
SUPPORT congratulate+
SUPPORT thank+
SUPPORT recognize+|recognise+
SUPPORT sign|signs|signed|signing
SUPPORT ratify|ratifies|ratified|ratifying
SUPPORT restore+ * ties|relations
SUPPORT establish+ * ties|relations
SUPPORT defend+
# CONCEDE (3.4): verbal concessions, easing, pardons, regret, declared ceasefires
CONCEDE lift|lifts|lifted|lifting
CONCEDE ease+
CONCEDE relax+
CONCEDE pardon+
CONCEDE apologize+|apologise+
CONCEDE acquit|acquits|acquitted|acquitting
CONCEDE grant+ * amnesty|pardon
CONCEDE ~amnesty
CONCEDE concede+
CONCEDE declare+|announce+ * ceasefire|cease-fire|truce
CONCEDE back|backs|backed|backing down
CONCEDE end|ends|ended|ending * strike|protest|protests|boycott|blockade|siege|curfew
# COOPERATE (3.5): mutual material cooperation
COOPERATE cooperate+|co-operate+
COOPERATE ~joint * exercise|exercises|drills|operation|operations|patrol|patrols|venture
COOPERATE extradite+
COOPERATE share+ * intelligence|information
# AID (3.6): material aid, asylum, rescues, debt forgiveness
AID donate+
AID provide+ * aid|assistance|weapons|arms|funding|loans|loan|supplies|food|medicine|shelter
AID send|sends|sent|sending * aid|assistance|supplies|food|medicine|humanitarian|relief|weapons|arms
AID deliver+ * aid|assistance|supplies|food|medicine|relief
AID rescue+
AID evacuate+
AID grant+ * asylum|aid|loan|loans
AID forgive+ * debt|debts|loan|loans
AID provide+
AID give|gives|gave|given|giving
AID contribute+
AID distribute+
AID allocate+
AID supply|supplies|supplied|supplying
AID grant+
AID send|sends|sent|sending
AID ~donation|donations|contribution
AID accept+ * refugees|migrants|asylum
AID pay|pays|paid|paying * compensation|reparations
# RETREAT (3.7): material retreats, releases, resignations
RETREAT/withdraw withdraw|withdraws|withdrew|withdrawn|withdrawing
RETREAT/withdraw pull|pulls|pulled|pulling out|back
RETREAT/withdraw retreat+
RETREAT/release release+
RETREAT/release free|frees|freed|freeing
RETREAT/resign resign+
RETREAT/resign step|steps|stepped|stepping down
RETREAT/disarm disarm+
RETREAT hand|hands|handed|handing over
RETREAT return|returns|returned|returning * to
RETREAT/disarm lay|lays|laid|laying down * weapons|arms
RETREAT disband+
# REQUEST (3.8): requests, demands, orders
REQUEST urge+
REQUEST call|calls|called|calling on|for|upon
REQUEST demand+
REQUEST appeal+ for|to
REQUEST request+
REQUEST plead+
REQUEST implore+
# ACCUSE (3.9): disapproval, accusation, suits, investigations
ACCUSE accuse+
ACCUSE blame+
ACCUSE condemn+
ACCUSE criticize+|criticise+
ACCUSE denounce+
ACCUSE slam|slams|slammed|slamming
ACCUSE decry|decries|decried|decrying
ACCUSE/allege charge+ * with
ACCUSE/allege sue|sues|sued|suing
ACCUSE/allege indict+
ACCUSE/investigate investigate+
ACCUSE/investigate probe+
ACCUSE/investigate ~investigation
ACCUSE/disapprove summon+
ACCUSE/disapprove complain+
ACCUSE/disapprove ~condemnation
ACCUSE/allege ~lawsuit|lawsuits
ACCUSE/allege ~legal action
ACCUSE/allege file|files|filed|filing * lawsuit|complaint|charges|suit|case
ACCUSE/investigate ~investigations|probe
# REJECT (3.10): rejections and refusals, cancelled meetings
REJECT reject+
REJECT refuse+
REJECT deny|denies|denied|denying
REJECT dismiss+
REJECT veto|vetoes|vetoed|vetoing
REJECT oppose+
REJECT turn|turns|turned|turning down
REJECT rule|rules|ruled|ruling out
REJECT/meet cancel+|cancelled|cancelling * meeting|meetings|talks|visit|summit|trip
REJECT decline|declines|declined|declining to
REJECT defy|defies|defied|defying
REJECT/meet call|calls|called * off
REJECT ~rejection
# THREATEN (3.11)
THREATEN threaten+
THREATEN warn+
THREATEN ~threat|threats|ultimatum
# PROTEST (3.12): collective, physical protest
PROTEST/demo protest+
PROTEST/demo rally|rallies|rallied|rallying
PROTEST/demo demonstrate+
PROTEST/demo march|marches|marched|marching
PROTEST/demo ~demonstration|demonstrations
PROTEST/riot riot+
PROTEST/boycott boycott+
PROTEST/strike go|goes|went|going on * strike
PROTEST/hunger ~hunger strike
PROTEST/strike stage|staged|stages * strike|walkout
PROTEST/strike stop|stops|stopped|stopping work
PROTEST/strike ~strike
# SANCTION (3.13): reduced relations
SANCTION/discontinue sanction|sanctions|sanctioned|sanctioning
SANCTION/discontinue impose+ * sanctions|embargo|tariffs
SANCTION/discontinue ~embargo
SANCTION/expel expel|expels|expelled|expelling
SANCTION/discontinue suspend+
SANCTION/discontinue sever+
SANCTION/discontinue cut|cuts|cutting * ties|relations|aid
SANCTION/withdraw recall+ * ambassador|envoy|diplomats
SANCTION/convict convict+
SANCTION/convict sentence+
SANCTION/discontinue freeze|freezes|froze|frozen|freezing * assets|aid|funds
SANCTION/discontinue close+ * embassy|consulate|border
SANCTION/discontinue ~suspension of
SANCTION/discontinue reduce+|cut|cuts|cutting * aid|assistance|ties|funding|relations
SANCTION/discontinue end|ends|ended|ending * mediation|cooperation|relations|ties
SANCTION/convict find|finds|found * guilty
# MOBILIZE (3.14): force short of its use
MOBILIZE/troops deploy+
MOBILIZE/troops mobilize+|mobilise+
MOBILIZE/troops mass|massed|massing * troops|forces
MOBILIZE/troops send|sends|sent|sending * troops|soldiers|forces|warships|reinforcements|tanks|jets
MOBILIZE/troops dispatch+
MOBILIZE/weapons test-fire+|test-fired
MOBILIZE ~drills|maneuvers|manoeuvres
MOBILIZE/troops ~military exercise|exercises|drills
MOBILIZE/troops remain|remains|remained|put|puts on alert
MOBILIZE/troops ~on alert
# COERCE (3.15): repression short of violence
COERCE/arrest arrest+
COERCE/arrest detain+
COERCE/arrest jail+
COERCE/arrest imprison+
COERCE/arrest round|rounds|rounded|rounding up
COERCE/arrest ~arrests|detention
COERCE/deport deport+
COERCE/deport force|forces|forced|forcing * out
COERCE/seize seize+
COERCE/seize confiscate+
COERCE/seize raid+
COERCE/restrict ban|bans|banned|banning
COERCE/censor censor+
COERCE/curfew impose+ * curfew
COERCE/curfew ~curfew
COERCE/restrict crack|cracks|cracked|cracking down
COERCE/restrict ~crackdown
COERCE/cyber hack+
COERCE/cyber ~cyber-attack|cyber-attacks|cyberattack|cyberattacks|cyber-warfare
COERCE/cyber ~cyber attack|attacks|warfare
COERCE/restrict outlaw+
COERCE/restrict shut|shuts|shutting down
# ASSAULT (3.16): deliberate physical harm
ASSAULT attack+
ASSAULT ~attack|attacks|assault|offensive|ambush
ASSAULT/aerial ~airstrike|airstrikes|air-strike|air-strikes|air strike|strikes|raid|raids
ASSAULT/drone ~drone strike|strikes|attack|attacks
ASSAULT/heavy-weapons shell|shells|shelled|shelling
ASSAULT/heavy-weapons ~shelling|bombardment
ASSAULT/aerial bomb|bombs|bombed|bombing
ASSAULT/explosives ~bombing|bombings|car bomb|suicide bombing
ASSAULT kill+
ASSAULT/targeted murder+
ASSAULT ~firefight|gunfight|gunbattle
ASSAULT ~military operation|operations|offensive against
ASSAULT fire|fires|fired|firing on|at|upon
ASSAULT fire|fires|fired|firing * at|on
ASSAULT open|opens|opened|opening fire
ASSAULT ambush+
ASSAULT storm+
ASSAULT invade+
ASSAULT ~invasion
ASSAULT clash+
ASSAULT ~clashes|fighting
ASSAULT fight|fights|fought
ASSAULT/targeted assassinate+
ASSAULT/firearms shoot|shoots|shot|shooting
ASSAULT wound+
ASSAULT injure+
ASSAULT/abduct kidnap|kidnaps|kidnapped|kidnapping
ASSAULT/abduct abduct+
ASSAULT/abduct hijack+
ASSAULT/targeted massacre+
ASSAULT/targeted execute+
ASSAULT/targeted behead+
ASSAULT/destroy torch+
ASSAULT/destroy destroy+
ASSAULT/torture torture+
ASSAULT/explosives blow|blows|blew|blown up
ASSAULT target+
ASSAULT pound+
ASSAULT capture+
ASSAULT strike|strikes|striking|struck
ASSAULT ~strike|strikes on|against
ASSAULT/aerial ~missile|missiles|military strike|strikes
ASSAULT violate+ * ceasefire|truce|cease-fire|ceasefires
ASSAULT/targeted ~killings|beheadings|assassination|assassinations|massacre
ASSAULT/abduct ~abductions|kidnappings
ASSAULT launch+ * attack|attacks|strike|strikes|airstrikes|offensive|assault|missile|missiles|rockets
ASSAULT carry|carries|carried|carrying out * attack|attacks|strike|strikes|airstrikes|bombing|raid|raids
";

/// One trigger entry.
#[derive(Debug)]
pub(crate) struct Entry {
    pub kind: EventType,
    pub mode: Option<&'static str>,
    /// A noun: its actor comes from a possessive or a light verb.
    pub noun: bool,
    /// Each word's forms; `None` for `*`.
    pub words: Vec<Option<Vec<String>>>,
}

/// A trigger found at a token: the entry and how many tokens it covers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub entry: &'static Entry,
    pub len: usize,
}

pub(crate) struct Lexicon {
    /// first word form → entries starting with it (longest phrase first)
    by_first: Map<Vec<Entry>>,
}

/// A regular verb's forms: base, -s, -ed, -ing.
fn regular(base: &str) -> Vec<String> {
    let b = base;
    let consonant_y =
        b.ends_with('y') && !b.ends_with("ay") && !b.ends_with("ey") && !b.ends_with("oy");
    let s = if consonant_y {
        format!("{}ies", &b[..b.len() - 1])
    } else if b.ends_with('s') || b.ends_with("sh") || b.ends_with("ch") || b.ends_with('x') {
        format!("{b}es")
    } else {
        format!("{b}s")
    };
    let ed = if b.ends_with('e') {
        format!("{b}d")
    } else if consonant_y {
        format!("{}ied", &b[..b.len() - 1])
    } else {
        format!("{b}ed")
    };
    let ing = if b.ends_with('e') && !b.ends_with("ee") {
        format!("{}ing", &b[..b.len() - 1])
    } else {
        format!("{b}ing")
    };
    vec![b.to_string(), s, ed, ing]
}

fn forms(word: &str) -> Vec<String> {
    word.split('|')
        .flat_map(|f| match f.strip_suffix('+') {
            Some(base) => regular(base),
            None => vec![f.to_string()],
        })
        .collect()
}

impl Lexicon {
    pub(crate) fn builtin() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(Lexicon::build)
    }

    fn build() -> Lexicon {
        let mut by_first: Map<Vec<Entry>> = Map::default();
        for line in ENTRIES.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (head, phrase) = line.split_once(' ').expect("TYPE phrase");
            let (kind, mode) = match head.split_once('/') {
                Some((k, m)) => (k, Some(m)),
                None => (head, None),
            };
            let kind = EventType::parse(kind).expect("a PLOVER type");
            let (noun, phrase) = match phrase.strip_prefix('~') {
                Some(p) => (true, p),
                None => (false, phrase),
            };
            let words: Vec<Option<Vec<String>>> = phrase
                .split(' ')
                .map(|w| (w != "*").then(|| forms(w)))
                .collect();
            let Some(Some(first)) = words.first().cloned() else {
                continue;
            };
            for f in first {
                by_first.entry(f).or_default().push(Entry {
                    kind,
                    mode,
                    noun,
                    words: words.clone(),
                });
            }
        }
        for v in by_first.values_mut() {
            // longest phrases first, then the table's order (a stable sort)
            v.sort_by_key(|e| std::cmp::Reverse(e.words.len()));
        }
        Lexicon { by_first }
    }

    /// The trigger starting at token `i` (lower-case words `w`, `w(j)` empty past the end).
    pub(crate) fn at<'w>(&'static self, w: &dyn Fn(usize) -> &'w str, i: usize) -> Option<Hit> {
        let entries = self.by_first.get(w(i))?;
        'entry: for e in entries {
            let mut j = i + 1;
            let mut k = 1;
            while k < e.words.len() {
                match &e.words[k] {
                    Some(f) => {
                        if !f.iter().any(|x| x == w(j)) {
                            continue 'entry;
                        }
                        j += 1;
                    }
                    None => {
                        // a gap of up to three words before the next word
                        let Some(Some(next)) = e.words.get(k + 1) else {
                            continue 'entry;
                        };
                        let found = (0..=3).find(|g| next.iter().any(|x| x == w(j + g)));
                        let Some(g) = found else {
                            continue 'entry;
                        };
                        // the words passed are no act of their own ("had again refused the talks")
                        if (j..j + g).any(|x| {
                            matches!(w(x), "" | "," | "." | ";" | ":")
                                || self
                                    .by_first
                                    .get(w(x))
                                    .is_some_and(|v| v.iter().any(|e| !e.noun))
                        }) {
                            continue 'entry;
                        }
                        j += g + 1;
                        k += 1;
                    }
                }
                k += 1;
            }
            return Some(Hit {
                entry: e,
                len: j - i,
            });
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(words: &[&'static str]) -> Option<(EventType, usize)> {
        let w = |j: usize| -> &'static str { words.get(j).copied().unwrap_or_default() };
        Lexicon::builtin().at(&w, 0).map(|h| (h.entry.kind, h.len))
    }

    #[test]
    fn phrases_forms_and_gaps() {
        assert_eq!(find(&["met", "with", "x"]), Some((EventType::Consult, 2)));
        assert_eq!(find(&["met", "x"]), Some((EventType::Consult, 1)));
        assert_eq!(
            find(&["imposed", "new", "sanctions", "on"]),
            Some((EventType::Sanction, 3))
        );
        assert_eq!(
            find(&["imposed", "a", "curfew"]),
            Some((EventType::Coerce, 3))
        );
        assert_eq!(find(&["imposed", "taxes"]), None);
        assert_eq!(find(&["rallied"]), Some((EventType::Protest, 1)));
        assert_eq!(find(&["criticised"]), Some((EventType::Accuse, 1)));
        assert_eq!(find(&["called", "on"]), Some((EventType::Request, 2)));
        assert_eq!(find(&["called"]), None);
    }
}
