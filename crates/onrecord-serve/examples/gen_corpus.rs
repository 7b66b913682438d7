//! Generate a synthetic record of N statements into a new database, for benchmarks
//! (`bench/serve.sh`): invented speakers (some with diacritics and spelling variants),
//! outlets, two years of days, and statement text drawn from a small English vocabulary
//! with a Zipf-like word distribution, so that common words match many statements and rare
//! ones few, as in news. Stored through `Store::insert_batch`, the same path as `ingest`.
//!
//!     cargo run --release -p onrecord-serve --example gen_corpus -- DB [STATEMENTS]

use std::time::Instant;

use onrecord_core::{
    identity_key, Analysis, Article, Attribution, AttributionKind, DayEvidence, Origin, Span,
    Speaker, SpeakerKind,
};
use onrecord_store::Store;

/// Topic and common words; the first ones are drawn most often.
const WORDS: &str = "the to of and a in that is for on it will be with as not we our they \
    this are have has by at from would was said there no but an all more their its can been \
    talks ceasefire government ministry minister election budget dam river water border \
    security peace agreement proposal delegation negotiations sanctions aid refugees \
    fishermen crossing treaty envoy mediator council parliament vote reform economy prices \
    inflation energy gas oil pipeline grain harvest drought flood storm rescue hospital \
    doctors teachers strike union wages pension tax court judge ruling appeal prison \
    release hostages prisoners exchange talks resume week month year today yesterday \
    tomorrow morning evening capital region province city village north south east west \
    army troops soldiers police protest protesters crowd rally march square embassy \
    ambassador visit summit meeting conference statement report data figures survey poll \
    support oppose reject accept welcome condemn warn urge demand promise expect hope \
    believe know think see need want must should could might may never always again \
    already still soon later before after during between against within without across \
    people families children women men workers farmers students officials leaders allies \
    partners neighbours citizens voters residents companies banks markets investors \
    exports imports trade deal plan process framework timetable deadline schedule \
    commitment guarantee assurance concern risk threat crisis emergency disaster recovery \
    reconstruction investment infrastructure roads bridges railway airport port ships \
    flights borders checkpoints corridors convoys supplies food medicine fuel electricity \
    transparent public private independent international national local regional \
    serious difficult important necessary possible impossible clear open closed fair \
    frank useful constructive positive negative historic urgent immediate long short";

const GIVEN: &[&str] = &[
    "Ana", "Rui", "Élodie", "Şükrü", "Aylin", "Mateo", "Ingrid", "Kofi", "Yuki", "Lena", "Omar",
    "Priya", "Tomasz", "Zoë", "Ibrahim", "Chloé", "Bjørn", "Amara", "Diego", "Hana", "Nikolai",
    "Fatima", "Jonas", "Mei", "Rasmus", "Adaeze", "Aurel", "Parveen", "Hedda", "Luca",
];
const FAMILY: &[&str] = &[
    "Lopes",
    "Costa",
    "Marchetti",
    "Yıldırım",
    "Kaya",
    "Fernández",
    "Halvorsen",
    "Mensah",
    "Tanaka",
    "Novak",
    "Haddad",
    "Sharma",
    "Kowalski",
    "Dubois",
    "Kalın",
    "Moreau",
    "Lund",
    "Okafor",
    "Ruiz",
    "Sato",
    "Petrov",
    "Rahman",
    "Berg",
    "Wang",
    "Tell",
    "Okonkwo",
    "Dravik",
    "Asuli",
    "Marsk",
    "Ferri",
    "Quill",
    "Varga",
    "Nyström",
    "Çelik",
    "Ødegaard",
    "Ortiz",
];
const ROLES: &[&str] = &[
    "Foreign Minister",
    "spokesperson",
    "Prime Minister",
    "envoy",
    "governor",
    "mayor",
    "union leader",
    "Finance Minister",
    "senator",
    "army spokesman",
    "judge",
    "economist",
];
const PLACES: &[&str] = &[
    "Halvaria", "Vardania", "Neresia", "Kallmark", "Ostrel", "Talvik", "Dunmere", "Orrin",
];
const OUTLETS: &[&str] = &[
    "Dunmere Ledger",
    "Meridian Wire",
    "Kestrel News",
    "Daily Planet",
    "Orrin Courier",
    "Talvik Times",
    "Northern Post",
    "Harbour Herald",
    "Evening Standard Bearer",
    "Ostrel Observer",
    "Lissa Valley Gazette",
    "Continental Review",
];
const CUES: &[&str] = &["said", "told", "added", "warned", "insisted", "stated"];
const AUDIENCES: &[&str] = &["reporters", "parliament", "the council", "journalists"];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// xorshift64*: deterministic and dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Zipf-like: index i drawn with weight about 1/(i+1).
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        let x = ((n as f64 + 1.0).ln() * u).exp() - 1.0;
        (x as usize).min(n - 1)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

struct Person {
    name: String,
    variants: Vec<String>,
    role: &'static str,
    place: &'static str,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let db = args.next().expect("usage: gen_corpus DB [STATEMENTS]");
    let target: usize = args
        .next()
        .map(|s| s.parse().expect("STATEMENTS must be a number"))
        .unwrap_or(100_000);
    let words: Vec<&str> = WORDS.split_whitespace().collect();
    let mut rng = Rng(0x5eed_0f0e_c0de_2024);

    // ~1,000 people; each with an ASCII-folded variant when the name has diacritics.
    let mut people: Vec<Person> = Vec::new();
    for g in GIVEN {
        for f in FAMILY {
            if rng.below(100) < 95 {
                let name = format!("{g} {f}");
                let folded = any_ascii(&name);
                let mut variants = vec![name.clone(), f.to_string()];
                if folded != name {
                    variants.push(folded);
                }
                people.push(Person {
                    name,
                    variants,
                    role: ROLES[rng.below(ROLES.len())],
                    place: PLACES[rng.below(PLACES.len())],
                });
            }
        }
    }
    let start_day: onrecord_core::Day = "2023-01-02".parse().unwrap();

    let started = Instant::now();
    let mut store = Store::open(&db).expect("open the database");
    let mut made = 0usize;
    let mut n_articles = 0usize;
    let mut batch: Vec<(Article, Analysis)> = Vec::new();
    while made < target {
        let k = (2 + rng.below(6)).min(target - made); // 2..7 statements
        let day = start_day + chrono::Duration::days(rng.below(730) as i64);
        let outlet = rng.pick(OUTLETS);
        let mut text = String::new();
        let title_words: Vec<&str> = (0..6).map(|_| words[rng.zipf(words.len())]).collect();
        let title = format!("{} {}", rng.pick(PLACES), title_words.join(" "));
        text.push_str(&title);
        text.push_str("\n\n");
        let mut speakers: Vec<Speaker> = Vec::new();
        let mut attributions = Vec::new();
        for _ in 0..k {
            // popular speakers are quoted far more often
            let p = &people[rng.zipf(people.len())];
            let idx = match speakers.iter().position(|s| s.name == p.name) {
                Some(i) => i,
                None => {
                    let spelled = p.variants[rng.below(p.variants.len())].clone();
                    let spelled = if spelled.contains(' ') {
                        spelled
                    } else {
                        p.name.clone()
                    };
                    speakers.push(Speaker {
                        name: spelled.clone(),
                        key: identity_key(&spelled),
                        kind: SpeakerKind::Person,
                        role: Some(p.role.to_string()),
                        affiliation: Some(p.place.to_string()),
                        variants: vec![spelled],
                    });
                    speakers.len() - 1
                }
            };
            let name = speakers[idx].name.clone();
            let len = 6 + rng.below(20);
            let content: Vec<&str> = (0..len).map(|_| words[rng.zipf(words.len())]).collect();
            let content = content.join(" ");
            let cue = rng.pick(CUES);
            let before = rng.below(3) == 0;
            let weekday = rng.pick(WEEKDAYS);
            let (src, c, q);
            if before {
                // "content," Name, the role of Place, said on Monday.
                text.push('"');
                q = text.len();
                text.push_str(&content);
                let qe = text.len();
                text.push_str(",\" ");
                src = text.len();
                text.push_str(&name);
                let se = text.len();
                text.push_str(&format!(", the {} of {}, ", p.role, p.place));
                c = text.len();
                text.push_str(cue);
                let ce = text.len();
                text.push_str(&format!(" on {weekday}.\n\n"));
                attributions.push((
                    Span::new(q, qe),
                    Span::new(c, ce),
                    Span::new(src, se),
                    idx,
                    None,
                ));
            } else {
                src = text.len();
                text.push_str(&name);
                let se = text.len();
                text.push(' ');
                c = text.len();
                text.push_str(cue);
                let ce = text.len();
                let aud = if rng.below(4) == 0 {
                    let a = rng.pick(AUDIENCES);
                    text.push(' ');
                    let s = text.len();
                    text.push_str(a);
                    Some(Span::new(s, text.len()))
                } else {
                    None
                };
                text.push_str(" that ");
                q = text.len();
                text.push_str(&content);
                let qe = text.len();
                text.push_str(".\n\n");
                attributions.push((
                    Span::new(q, qe),
                    Span::new(c, ce),
                    Span::new(src, se),
                    idx,
                    aud,
                ));
            }
        }
        let id = format!("gen-{n_articles}");
        let article = Article {
            id: id.clone(),
            text,
            title: Some(title),
            published: Some(day),
            outlet: Some(outlet.to_string()),
            url: Some(format!("https://news.example/{id}")),
            origin: Origin {
                path: "gen_corpus".into(),
                line: Some(n_articles + 1),
                offset: None,
            },
            ..Article::default()
        };
        let analysis = Analysis {
            attributions: attributions
                .into_iter()
                .map(|(content, cue, source, speaker, audience)| {
                    let stated = rng.below(3) == 0;
                    Attribution {
                        kind: AttributionKind::Indirect,
                        content: vec![content],
                        cue: vec![cue],
                        source: vec![source],
                        speaker: Some(speaker),
                        date: stated.then(|| day - chrono::Duration::days(rng.below(3) as i64)),
                        date_evidence: stated.then_some(DayEvidence::Published),
                        audience,
                        echo: None,
                        resolution: None,
                    }
                })
                .collect(),
            speakers,
            ..Analysis::default()
        };
        made += analysis.attributions.len();
        n_articles += 1;
        batch.push((article, analysis));
        if batch.len() == 1000 {
            store.insert_batch(&batch).expect("store a batch");
            batch.clear();
        }
    }
    if !batch.is_empty() {
        store.insert_batch(&batch).expect("store a batch");
    }
    let c = store.counts().unwrap();
    eprintln!(
        "gen_corpus: {} articles, {} statements, {} speakers in {:.1} s",
        c.articles,
        c.statements,
        c.speakers,
        started.elapsed().as_secs_f64()
    );
}

/// ASCII spelling of a name (the variant news copy without diacritics uses).
fn any_ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'É' => 'E',
            'é' => 'e',
            'Ş' => 'S',
            'ş' => 's',
            'ü' => 'u',
            'ı' => 'i',
            'İ' => 'I',
            'ö' => 'o',
            'ø' => 'o',
            'Ø' => 'O',
            'ë' => 'e',
            'á' => 'a',
            'Ç' => 'C',
            'ç' => 'c',
            'ä' => 'a',
            other => other,
        })
        .collect()
}
