//! The queries of `onrecord serve` answer on PostgreSQL as on SQLite over the same record:
//! search with every filter and order, page by page through cursors (and a cursor reused
//! with another query refused), counts, speakers, timelines, articles and outlets. The
//! articles are invented (fictional people and places).
//!
//! Each test creates its own database on the test server (see `onrecord_pg::scratch`) and
//! is skipped where there is no server, unless `ONRECORD_REQUIRE_POSTGRES` is set.

use onrecord_core::{Analysis, Article, Day, Origin};
use onrecord_pg::scratch::ScratchDb;
use onrecord_pg::{PgReader, PgStore};
use onrecord_store::{
    ArticleQuery, Bucket, ReadStore, SearchOrder, SearchPage, SearchQuery, SpeakerQuery,
    StatementRow, Store,
};

/// Invented wire copy about fictional Halvaria, Vardania and Neresia; the last has no day.
const ARTICLES: &[(&str, Option<&str>, &str, &str)] = &[
    (
        "lopes-1",
        Some("2031-03-03"),
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
        Some("2031-03-05"),
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
        Some("2031-03-12"),
        "dunmere ledger",
        "Negotiators meet in Orrin\n\n\
         Negotiators from both sides met in Orrin on Saturday, the Halvarian foreign ministry said. \
         Ana Lopes said the negotiations were \"frank and long\".\n\n\
         \"We have a text on the table,\" Lopes said. Piet Oran said Vardania wanted more time.",
    ),
    (
        "undated-4",
        None,
        "Orrin Post",
        "Fishermen return\n\n\
         The eleven fishermen are home, the Neresian Interior Ministry said. \"The talks worked,\" \
         Lopes said.",
    ),
];

fn corpus() -> Vec<(Article, Analysis)> {
    ARTICLES
        .iter()
        .map(|&(id, day, outlet, text)| {
            let a = Article {
                id: id.into(),
                text: text.into(),
                published: day.map(|d| d.parse::<Day>().unwrap()),
                outlet: Some(outlet.into()),
                origin: Origin {
                    path: format!("{id}.txt"),
                    ..Origin::default()
                },
                ..Article::default()
            };
            let an = onrecord_analysis::analyze(&a);
            (a, an)
        })
        .collect()
}

/// Both stores with the same articles stored one by one in the same order, so that row ids
/// (which break ties in every order) are the same; and a PostgreSQL reader.
fn stores() -> Option<(ScratchDb, tempfile::TempDir, Store, PgReader)> {
    let db = ScratchDb::create()?;
    let dir = tempfile::tempdir().unwrap();
    let mut sq = Store::open(dir.path().join("t.db")).unwrap();
    let mut pg = PgStore::connect(db.url()).unwrap();
    for (a, an) in corpus() {
        sq.insert(&a, &an).unwrap();
        pg.insert(&a, &an).unwrap();
    }
    let reader = PgReader::connect(db.url()).unwrap();
    Some((db, dir, sq, reader))
}

/// A statement as both stores must agree on it, ids included.
fn view(r: &StatementRow) -> String {
    format!("{r:?}")
}

fn page_view(p: &SearchPage) -> (Vec<String>, Option<String>) {
    (
        p.hits.iter().map(|h| view(&h.statement)).collect(),
        p.next.as_ref().map(|c| c.to_string()),
    )
}

/// Every hit of `q`, following cursors `size` at a time.
fn all_pages(store: &dyn ReadStore, q: &SearchQuery, size: usize) -> Vec<String> {
    let mut q = SearchQuery {
        limit: size,
        ..q.clone()
    };
    let mut out = Vec::new();
    for _ in 0..100 {
        let page = store.search(&q).unwrap();
        assert!(page.hits.len() <= size);
        out.extend(page.hits.iter().map(|h| view(&h.statement)));
        match page.next {
            Some(c) => q.after = Some(c),
            None => return out,
        }
    }
    panic!("no last page");
}

fn searches() -> Vec<SearchQuery> {
    let q = |f: &dyn Fn(&mut SearchQuery)| {
        let mut q = SearchQuery {
            limit: 50,
            ..SearchQuery::default()
        };
        f(&mut q);
        q
    };
    let mut out = Vec::new();
    for order in [SearchOrder::Newest, SearchOrder::Oldest] {
        let o = move |q: &mut SearchQuery| q.order = order;
        out.extend([
            q(&|q| o(q)),
            q(&|q| {
                o(q);
                q.words = Some("plan".into());
            }),
            q(&|q| {
                o(q);
                q.words = Some("negotiate".into());
            }),
            q(&|q| {
                o(q);
                q.words = Some("NÉGOTIAT*".into());
            }),
            q(&|q| {
                o(q);
                q.words = Some("\"door is open\"".into());
            }),
            q(&|q| {
                o(q);
                q.words = Some("talks fishermen".into());
            }),
            q(&|q| {
                o(q);
                q.speaker = Some("lopes".into());
            }),
            q(&|q| {
                o(q);
                q.outlet = Some("DUNMERE ledger".into());
            }),
            q(&|q| {
                o(q);
                q.from = Some("2031-03-05".parse().unwrap());
                q.to = Some("2031-03-12".parse().unwrap());
            }),
            q(&|q| {
                o(q);
                q.undated = true;
            }),
            q(&|q| {
                o(q);
                q.article = Some(2);
            }),
            q(&|q| {
                o(q);
                q.speaker_id = Some(1);
            }),
            q(&|q| {
                o(q);
                q.limit = 2;
                q.offset = 1;
            }),
        ]);
    }
    out
}

#[test]
fn search_finds_orders_counts_and_pages_as_sqlite() {
    let Some((_db, _dir, sq, pg)) = stores() else {
        return;
    };
    let total = sq.counts().unwrap().statements;
    assert!(total >= 10, "{total}");
    let mut found = 0;
    for q in searches() {
        found += usize::from(!sq.search(&q).unwrap().hits.is_empty());
        assert_eq!(
            page_view(&pg.search(&q).unwrap()),
            page_view(&sq.search(&q).unwrap()),
            "{q:?}"
        );
        assert_eq!(
            pg.count_search(&q).unwrap(),
            sq.count_search(&q).unwrap(),
            "{q:?}"
        );
        if q.offset == 0 {
            let all = all_pages(&sq, &q, 2);
            assert_eq!(all_pages(&pg, &q, 2), all, "{q:?}");
            assert_eq!(all.len() as u64, sq.count_search(&q).unwrap(), "{q:?}");
        }
    }
    assert!(found >= 22, "most searches find something: {found}");
    // words that fold to nothing are no filter, and every statement is listed
    let q = SearchQuery {
        words: Some("...".into()),
        limit: 100,
        ..SearchQuery::default()
    };
    assert_eq!(pg.search(&q).unwrap().hits.len() as u64, total);
}

/// Ranked search finds the same statements as SQLite (each store ranks by its own score),
/// best first, and pages through them by cursor without repeating or losing any.
#[test]
fn ranked_search_finds_the_same_statements_best_first() {
    let Some((_db, _dir, sq, pg)) = stores() else {
        return;
    };
    for words in [
        "talks",
        "negotiat*",
        "talks wor*",
        "\"door is open\"",
        "Vardania",
    ] {
        let q = SearchQuery {
            words: Some(words.into()),
            limit: 50,
            ..SearchQuery::default()
        };
        let page = pg.search(&q).unwrap();
        assert!(!page.hits.is_empty(), "{words}");
        let scores: Vec<f64> = page.hits.iter().map(|h| h.rank.unwrap()).collect();
        assert!(
            scores.windows(2).all(|w| w[0] <= w[1]),
            "{words}: {scores:?}"
        );
        let mut a = all_pages(&pg, &q, 1);
        let mut b = all_pages(&sq, &q, 1);
        assert_eq!(
            a.len(),
            page.hits.len(),
            "{words}: pages repeat or lose hits"
        );
        a.sort();
        b.sort();
        assert_eq!(a, b, "{words}");
        assert_eq!(pg.count_search(&q).unwrap() as usize, a.len(), "{words}");
    }
    // a statement that says the word three times ranks above one that says it once
    let q = SearchQuery {
        words: Some("plan".into()),
        limit: 50,
        ..SearchQuery::default()
    };
    let page = pg.search(&q).unwrap();
    assert!(
        page.hits[0].statement.content.matches("plan").count() >= 2,
        "{page:?}"
    );
}

#[test]
fn a_cursor_is_refused_with_another_query_or_order() {
    let Some((_db, _dir, sq, pg)) = stores() else {
        return;
    };
    for order in [SearchOrder::Rank, SearchOrder::Newest, SearchOrder::Oldest] {
        let q = SearchQuery {
            words: Some("talks".into()),
            order,
            limit: 1,
            ..SearchQuery::default()
        };
        let cursor = pg.search(&q).unwrap().next.expect("more than one hit");
        // the cursors are those SQLite hands out (ranked ones hold each store's own score)
        if order != SearchOrder::Rank {
            assert_eq!(Some(&cursor), sq.search(&q).unwrap().next.as_ref());
        }
        let other = SearchQuery {
            words: Some("plan".into()),
            after: Some(cursor.clone()),
            ..q.clone()
        };
        for store in [&pg as &dyn ReadStore, &sq] {
            let err = store.search(&other).unwrap_err();
            assert!(
                matches!(err, onrecord_store::Error::InvalidQuery(ref m) if m == onrecord_store::OTHER_QUERY),
                "{}: {err}",
                store.backend()
            );
        }
        let reordered = SearchQuery {
            order: if order == SearchOrder::Oldest {
                SearchOrder::Newest
            } else {
                SearchOrder::Oldest
            },
            after: Some(cursor),
            ..q
        };
        assert!(matches!(
            pg.search(&reordered).unwrap_err(),
            onrecord_store::Error::InvalidQuery(_)
        ));
    }
}

#[test]
fn speakers_timelines_articles_and_outlets_are_those_of_sqlite() {
    let Some((_db, _dir, sq, pg)) = stores() else {
        return;
    };
    assert_eq!(pg.counts().unwrap(), sq.counts().unwrap());
    assert_eq!(pg.change_mark().unwrap(), sq.change_mark().unwrap());
    assert_eq!(pg.outlets().unwrap(), sq.outlets().unwrap());
    let everyone = sq.speakers(&SpeakerQuery::default()).unwrap();
    assert_eq!(pg.speakers(&SpeakerQuery::default()).unwrap(), everyone);
    assert!(everyone.len() >= 3, "{everyone:?}");
    for s in &everyone {
        assert_eq!(pg.speaker(s.id).unwrap(), sq.speaker(s.id).unwrap());
        for bucket in [Bucket::Day, Bucket::Week] {
            assert_eq!(
                pg.speaker_timeline(s.id, bucket).unwrap(),
                sq.speaker_timeline(s.id, bucket).unwrap(),
                "{} {bucket:?}",
                s.key
            );
        }
    }
    assert_eq!(pg.speaker(9999).unwrap(), None);
    for name in [
        "Lopes",
        "ANA LOPES",
        "oran",
        "Neresian Interior Ministry",
        "nobody",
        "...",
    ] {
        assert_eq!(
            pg.speakers_named(name, 5).unwrap(),
            sq.speakers_named(name, 5).unwrap(),
            "{name}"
        );
    }
    assert_eq!(pg.speakers_named("lopes", 5).unwrap().len(), 1);
    for row in 1..=5 {
        let (a, b) = (pg.article(row).unwrap(), sq.article(row).unwrap());
        assert_eq!(a.is_some(), b.is_some(), "{row}");
        if let (Some(mut a), Some(mut b)) = (a, b) {
            // the time of storing is each store's own
            assert_eq!(a.ingested_at.len(), b.ingested_at.len());
            a.ingested_at.clear();
            b.ingested_at.clear();
            assert_eq!(a, b);
        }
        assert_eq!(
            pg.article_statements(row).unwrap(),
            sq.article_statements(row).unwrap()
        );
    }
    // articles page by page, newest first, undated last
    let mut q = ArticleQuery {
        limit: 1,
        ..ArticleQuery::default()
    };
    let mut rows = Vec::new();
    loop {
        let (a, b) = (pg.articles(&q).unwrap(), sq.articles(&q).unwrap());
        assert_eq!(a, b);
        rows.extend(a.articles.iter().map(|a| a.id.clone()));
        match a.next {
            Some(c) => q.after = Some(c),
            None => break,
        }
    }
    assert_eq!(rows, ["lopes-3", "oran-2", "lopes-1", "undated-4"]);
    let q = ArticleQuery {
        outlet: Some("dunmere ledger".into()),
        from: Some("2031-03-04".parse().unwrap()),
        limit: 10,
        ..ArticleQuery::default()
    };
    assert_eq!(pg.articles(&q).unwrap(), sq.articles(&q).unwrap());
    assert_eq!(pg.articles(&q).unwrap().articles.len(), 1);
}

#[test]
fn figures_and_events_are_those_of_sqlite_and_page_versions_say_they_are_not_read_yet() {
    let Some((_db, _dir, sq, pg)) = stores() else {
        return;
    };
    let figures = onrecord_store::FigureQuery::default();
    let events = onrecord_store::EventQuery::default();
    assert_eq!(pg.figures(&figures).unwrap(), sq.figures(&figures).unwrap());
    assert_eq!(
        pg.count_figures(&figures).unwrap(),
        sq.count_figures(&figures).unwrap()
    );
    assert_eq!(pg.events(&events).unwrap(), sq.events(&events).unwrap());
    assert_eq!(
        pg.count_events(&events).unwrap(),
        sq.count_events(&events).unwrap()
    );
    assert_eq!(
        pg.event_months(&events).unwrap(),
        sq.event_months(&events).unwrap()
    );
    for row in 1..=3 {
        assert_eq!(
            pg.article_figures(row).unwrap(),
            sq.article_figures(row).unwrap()
        );
        assert_eq!(
            pg.article_events(row).unwrap(),
            sq.article_events(row).unwrap()
        );
    }
    // one version of an ingested file, as on SQLite (the time stored is each store's own)
    let versions = |v: Vec<onrecord_store::ArticleVersion>| -> Vec<(i64, u32, String, u64)> {
        v.into_iter()
            .map(|v| (v.row, v.version, v.fingerprint, v.statements))
            .collect()
    };
    let from_pg = versions(pg.article_versions("lopes-1").unwrap());
    assert_eq!(from_pg, versions(sq.article_versions("lopes-1").unwrap()));
    assert_eq!(from_pg.len(), 1);
}

#[test]
fn a_reader_cannot_write_and_needs_a_migrated_database() {
    let Some(db) = ScratchDb::create() else {
        return;
    };
    let err = PgReader::connect(db.url()).unwrap_err();
    assert!(err.to_string().contains("onrecord migrate"), "{err}");
    PgStore::connect(db.url()).unwrap();
    let reader = PgReader::connect(db.url()).unwrap();
    assert_eq!(reader.counts().unwrap().articles, 0);
    assert!(
        reader.is_read_only().unwrap(),
        "a reader's session is read-only"
    );
}
