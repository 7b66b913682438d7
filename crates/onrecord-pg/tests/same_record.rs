//! The PostgreSQL store keeps the same record as the SQLite store: the same articles,
//! statements, speakers (identities, names, spellings, roles) and answers to the same
//! queries; and several workers writing at once store each article once and split no
//! identity. The articles are invented (fictional people and places).
//!
//! Each test creates its own database on the test server (see `onrecord_pg::scratch`) and
//! is skipped where there is no server, unless `ONRECORD_REQUIRE_POSTGRES` is set.

use onrecord_core::{Analysis, Article, Day, Origin};
use onrecord_pg::scratch::ScratchDb;
use onrecord_pg::PgStore;
use onrecord_store::{Inserted, SpeakerQuery, SpeakerRow, StatementQuery, StatementRow, Store};

/// Invented wire copy about fictional Halvaria, Vardania and Neresia.
const ARTICLES: &[(&str, &str, &str, &str)] = &[
    (
        "lopes-1",
        "2031-03-03",
        "Dunmere Ledger",
        "Talks on the Lissa dam will resume, Lopes says\n\n\
         Halvaria will host new talks between Vardania and Neresia before the end of the month, \
         Foreign Minister Ana Lopes said on Monday.\n\n\
         \"Our door is open, and it will stay open,\" Lopes told reporters in Dunmere. She added \
         that both delegations had received written proposals on Saturday.\n\n\
         Vardania's deputy foreign minister, Piet Oran, said his government was studying the \
         proposals. \"We are negotiating in good faith,\" Oran said.",
    ),
    (
        "oran-2",
        "2031-03-05",
        "Kell Courier",
        "Vardania cool on Halvarian plan\n\n\
         Vardania will not cut water releases from the Kell Ford dam before the talks begin, \
         Oran said on Wednesday.\n\n\
         \"A plan written in Dunmere is not a plan agreed in Vard,\" he told the Kell Courier. \
         Neresia's interior ministry said the eleven fishermen held since September were in \
         good health.\n\n\
         The Neresian Interior Ministry said it would answer the proposals by Friday.",
    ),
    (
        "lopes-3",
        "2031-03-08",
        "Dunmere Ledger",
        "Negotiators meet in Orrin\n\n\
         Negotiators from both sides met in Orrin on Saturday, the Halvarian foreign ministry said. \
         Ana Lopes said the negotiations were \"frank and long\".\n\n\
         \"We have a text on the table,\" Lopes said. Piet Oran said Vardania wanted more time.",
    ),
];

fn article(id: &str, day: &str, outlet: &str, text: &str) -> Article {
    Article {
        id: id.into(),
        text: text.into(),
        published: Some(day.parse::<Day>().unwrap()),
        outlet: Some(outlet.into()),
        origin: Origin {
            path: format!("{id}.txt"),
            ..Origin::default()
        },
        ..Article::default()
    }
}

fn corpus() -> Vec<(Article, Analysis)> {
    ARTICLES
        .iter()
        .map(|&(id, day, outlet, text)| {
            let a = article(id, day, outlet, text);
            let an = onrecord_analysis::analyze(&a);
            (a, an)
        })
        .collect()
}

/// A statement as both stores must agree on it (row ids aside).
fn statement_view(r: &StatementRow) -> String {
    format!(
        "{}#{} {:?} [{}] {:?} by {:?} ({:?}, {:?}) cue {:?} source {:?} day {:?}/{:?} eff {:?} restates {} via {:?} {:?}",
        r.article.id,
        r.position,
        r.kind,
        r.content,
        r.content_spans,
        r.speaker.as_ref().map(|s| (&s.key, &s.name, s.kind)),
        r.speaker.as_ref().and_then(|s| s.role.clone()),
        r.speaker.as_ref().and_then(|s| s.affiliation.clone()),
        r.cue,
        r.source,
        r.day,
        r.day_from,
        r.effective_day,
        r.restates.is_some(),
        r.speaker_via,
        r.speaker_confidence,
    )
}

fn speaker_view(r: &SpeakerRow) -> String {
    let variants: Vec<String> = r
        .variants
        .iter()
        .map(|v| format!("{}×{}", v.text, v.count))
        .collect();
    format!(
        "{} = {} ({:?}) {:?} {:?} {} statements {:?}..{:?} [{}]",
        r.key,
        r.name,
        r.kind,
        r.role,
        r.affiliation,
        r.statements,
        r.first_day,
        r.last_day,
        variants.join(", ")
    )
}

fn sqlite(items: &[(Article, Analysis)]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("t.db")).unwrap();
    for item in items {
        store.insert(&item.0, &item.1).unwrap();
    }
    (dir, store)
}

fn queries() -> Vec<StatementQuery> {
    let q = |f: &dyn Fn(&mut StatementQuery)| {
        let mut q = StatementQuery::default();
        f(&mut q);
        q
    };
    vec![
        StatementQuery::default(),
        q(&|q| q.speaker = Some("lopes".into())),
        q(&|q| q.speaker = Some("Ana Lopes".into())),
        q(&|q| q.speaker = Some("oran".into())),
        q(&|q| q.words = Some("plan".into())),
        q(&|q| q.words = Some("negotiate".into())),
        q(&|q| q.words = Some("negotiat*".into())),
        q(&|q| q.words = Some("\"door is open\"".into())),
        q(&|q| q.words = Some("door talks".into())),
        q(&|q| q.from = Some("2031-03-05".parse().unwrap())),
        q(&|q| q.to = Some("2031-03-04".parse().unwrap())),
        q(&|q| q.outlet = Some("dunmere ledger".into())),
        q(&|q| q.article = Some("oran-2".into())),
        q(&|q| {
            q.limit = Some(2);
            q.offset = 1;
        }),
    ]
}

fn same_answers(pg: &mut PgStore, sq: &Store) {
    assert_eq!(pg.counts().unwrap(), sq.counts().unwrap());
    for q in queries() {
        let a: Vec<String> = pg
            .statements(&q)
            .unwrap()
            .iter()
            .map(statement_view)
            .collect();
        let b: Vec<String> = sq
            .statements(&q)
            .unwrap()
            .iter()
            .map(statement_view)
            .collect();
        assert_eq!(a, b, "{q:?}");
    }
    for name in [None, Some("lopes"), Some("vardania")] {
        let q = SpeakerQuery {
            name: name.map(str::to_string),
            ..SpeakerQuery::default()
        };
        let a: Vec<String> = pg.speakers(&q).unwrap().iter().map(speaker_view).collect();
        let b: Vec<String> = sq.speakers(&q).unwrap().iter().map(speaker_view).collect();
        assert_eq!(a, b, "{q:?}");
    }
}

#[test]
fn the_record_and_its_answers_are_those_of_sqlite() {
    let Some(db) = ScratchDb::create() else {
        return;
    };
    let items = corpus();
    let (_dir, sq) = sqlite(&items);
    let mut pg = PgStore::connect(db.url()).unwrap();
    // one article, then a batch holding it again and the others
    assert_eq!(
        pg.insert(&items[1].0, &items[1].1).unwrap(),
        Inserted::New {
            statements: sq
                .statements(&StatementQuery {
                    article: Some("oran-2".into()),
                    ..StatementQuery::default()
                })
                .unwrap()
                .len()
        }
    );
    let results = pg.insert_batch(&items).unwrap();
    assert_eq!(results[1], Inserted::Duplicate);
    assert!(matches!(results[0], Inserted::New { .. }));
    assert!(sq.counts().unwrap().statements >= 8, "{:?}", sq.counts());
    // the surname-only "Oran" of the first article stored joined its full name later
    let oran = pg
        .speakers(&SpeakerQuery {
            name: Some("oran".into()),
            ..SpeakerQuery::default()
        })
        .unwrap();
    assert_eq!(oran.len(), 1, "{oran:?}");
    assert_eq!(oran[0].name, "Piet Oran");
    // (SQLite stored the articles in the other order: the record does not depend on it)
    same_answers(&mut pg, &sq);
}

#[test]
fn a_rerun_adds_nothing_and_a_second_connection_migrates_nothing() {
    let Some(db) = ScratchDb::create() else {
        return;
    };
    let items = corpus();
    let mut pg = PgStore::connect(db.url()).unwrap();
    pg.insert_batch(&items).unwrap();
    let before = pg.counts().unwrap();
    let mut again = PgStore::connect(db.url()).unwrap();
    assert_eq!(again.schema_version().unwrap(), onrecord_pg::SCHEMA_VERSION);
    let results = again.insert_batch(&items).unwrap();
    assert!(
        results.iter().all(|r| *r == Inserted::Duplicate),
        "{results:?}"
    );
    assert_eq!(again.counts().unwrap(), before);
}

#[test]
fn an_analysis_that_does_not_fit_is_refused_whole_and_named() {
    let Some(db) = ScratchDb::create() else {
        return;
    };
    let mut items = corpus();
    items[2].1.attributions[0].content[0] = onrecord_core::Span::new(0, 100_000);
    let mut pg = PgStore::connect(db.url()).unwrap();
    let err = pg.insert_batch(&items).unwrap_err();
    assert!(err.is_invalid_analysis(), "{err}");
    assert!(err.to_string().contains("lopes-3"), "{err}");
    assert_eq!(pg.counts().unwrap().articles, 0, "nothing of the batch");
    for (a, an) in &items[..2] {
        pg.insert(a, an).unwrap();
    }
    assert_eq!(pg.counts().unwrap().articles, 2);
}

/// Two workers store the same articles at once, in opposite orders and batches: each
/// article once, one identity per person, the record of a single SQLite run.
#[test]
fn two_workers_at_once_store_each_article_once_and_split_no_identity() {
    let Some(db) = ScratchDb::create() else {
        return;
    };
    // more articles: the invented ones under several ids
    let items: Vec<(Article, Analysis)> = (0..12)
        .flat_map(|n| {
            ARTICLES.iter().map(move |&(id, day, outlet, text)| {
                let a = article(&format!("{id}-{n}"), day, outlet, text);
                let an = onrecord_analysis::analyze(&a);
                (a, an)
            })
        })
        .collect();
    PgStore::connect(db.url()).unwrap(); // the schema, once
    std::thread::scope(|s| {
        for worker in 0..2 {
            let items = &items;
            let url = db.url().to_string();
            s.spawn(move || {
                let mut pg = PgStore::connect(&url).unwrap();
                let mut order: Vec<&(Article, Analysis)> = items.iter().collect();
                if worker == 1 {
                    order.reverse();
                }
                for chunk in order.chunks(5) {
                    let batch: Vec<(Article, Analysis)> =
                        chunk.iter().map(|&x| x.clone()).collect();
                    pg.insert_batch(&batch).unwrap();
                }
            });
        }
    });
    let (_dir, sq) = sqlite(&items);
    let mut pg = PgStore::connect(db.url()).unwrap();
    assert_eq!(pg.counts().unwrap(), sq.counts().unwrap());
    let a: Vec<String> = pg
        .speakers(&SpeakerQuery::default())
        .unwrap()
        .iter()
        .map(speaker_view)
        .collect();
    let b: Vec<String> = sq
        .speakers(&SpeakerQuery::default())
        .unwrap()
        .iter()
        .map(speaker_view)
        .collect();
    assert_eq!(a, b);
}

#[test]
fn rows_stream_past_one_fetch_in_order_and_a_break_stops_the_reading() {
    let Some(db) = ScratchDb::create() else {
        return;
    };
    use onrecord_store::RecordStore;
    use std::ops::ControlFlow;
    // 1,100 copies of the invented articles under new ids: more statements than one fetch
    // (2,048 rows) of the stream
    let items: Vec<(Article, Analysis)> = (0..1100)
        .map(|i| {
            let (id, day, outlet, text) = ARTICLES[i % ARTICLES.len()];
            let a = article(&format!("{id}-{i}"), day, outlet, text);
            let an = onrecord_analysis::analyze(&a);
            (a, an)
        })
        .collect();
    let mut pg = PgStore::connect(db.url()).unwrap();
    for chunk in items.chunks(200) {
        pg.insert_batch(chunk).unwrap();
    }
    let q = StatementQuery::default();
    let all: Vec<i64> = pg.statements(&q).unwrap().iter().map(|r| r.id).collect();
    assert!(all.len() > 2 * 2048, "{}", all.len());
    let mut streamed = Vec::new();
    RecordStore::each_statement(&mut pg, &q, &mut |r| {
        streamed.push(r.id);
        ControlFlow::Continue(())
    })
    .unwrap();
    assert_eq!(streamed, all);
    let mut articles = 0;
    RecordStore::each_article(&mut pg, &mut |_| {
        articles += 1;
        ControlFlow::Continue(())
    })
    .unwrap();
    assert_eq!(articles, 1100);
    // a break ends the reading early, and the connection goes on working
    let mut seen = 0;
    RecordStore::each_statement(&mut pg, &q, &mut |_| {
        seen += 1;
        if seen == 3000 {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    })
    .unwrap();
    assert_eq!(seen, 3000);
    assert_eq!(pg.counts().unwrap().articles, 1100);
}
