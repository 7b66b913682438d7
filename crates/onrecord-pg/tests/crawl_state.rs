//! Crawl state on PostgreSQL: the watch list, entries, pages and versions behave as on
//! SQLite (one scenario run through `CrawlStore` on both), and many workers share the
//! watch list by leases: two claimants never get the same source, an expired lease is
//! taken over, and two workers storing one page store it once. Invented sites and people.
//!
//! Each test creates its own database on the test server and is skipped where there is
//! none, unless `ONRECORD_REQUIRE_POSTGRES` is set.

use std::collections::BTreeSet;
use std::time::Duration;

use chrono::{DateTime, Utc};
use onrecord_core::{Analysis, Article, Day, Origin};
use onrecord_pg::scratch::ScratchDb;
use onrecord_pg::PgStore;
use onrecord_store::{
    Claim, CrawlStore, EntryRef, EntrySeen, PageFetch, Poll, RecordStore, SourceKind,
    StatementQuery, Store, Time, Versioned,
};

fn t(s: &str) -> Time {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn seen(url: &str, updated: Option<&str>) -> EntrySeen {
    EntrySeen {
        url: url.into(),
        published: None,
        updated: updated.map(t),
    }
}

fn page(url: &str, text: &str) -> (Article, Analysis) {
    let a = Article {
        id: url.into(),
        text: text.into(),
        published: Some("2031-03-07".parse::<Day>().unwrap()),
        origin: Origin {
            path: url.into(),
            ..Origin::default()
        },
        ..Article::default()
    };
    let an = onrecord_analysis::analyze(&a);
    (a, an)
}

fn fetch(url: &str, at: &str) -> PageFetch {
    PageFetch {
        url: url.into(),
        at: t(at),
        status: 200,
        etag: Some("\"p1\"".into()),
        last_modified: None,
    }
}

/// The same steps on any store, and what each showed.
fn scenario(store: &mut dyn CrawlStore) -> Vec<String> {
    let mut seen_log = Vec::new();
    let mut note = |s: String| seen_log.push(s);
    note(format!(
        "{}",
        store
            .add_source("https://a.example/feed.xml", None)
            .unwrap()
    ));
    note(format!(
        "{}",
        store
            .add_source("https://a.example/feed.xml", Some(600))
            .unwrap()
    ));
    let index = store
        .ensure_source("https://b.example/index.xml", None)
        .unwrap();
    note(format!("{:?} {}", index.parent, index.watched));
    let child = store
        .ensure_source("https://b.example/news-1.xml", Some(index.id))
        .unwrap();
    note(format!(
        "child of index: {}",
        child.parent == Some(index.id)
    ));
    let src = store.source("https://a.example/feed.xml").unwrap().unwrap();
    note(format!("{} {:?} {:?}", src.url, src.every, src.kind));
    store
        .record_poll(
            src.id,
            &Poll {
                at: Some(t("2031-03-07T10:00:00Z")),
                kind: Some(SourceKind::Feed),
                status: Some(200),
                validators: Some((Some("\"v1\"".into()), None)),
                error: None,
                next_poll: Some(t("2031-03-07T10:15:00Z")),
            },
        )
        .unwrap();
    store
        .record_poll(
            src.id,
            &Poll {
                at: Some(t("2031-03-07T10:15:00Z")),
                status: Some(503),
                error: Some("the server answered 503".into()),
                ..Poll::default()
            },
        )
        .unwrap();
    let s = store.source("https://a.example/feed.xml").unwrap().unwrap();
    note(format!(
        "{:?} {:?} {:?} {:?} {:?} {:?}",
        s.kind, s.etag, s.last_status, s.last_polled, s.next_poll, s.last_error
    ));
    let at = t("2031-03-07T10:00:00Z");
    let r = store
        .record_entries(
            src.id,
            &[
                seen("https://a.example/1", Some("2031-03-07T09:00:00Z")),
                seen("https://a.example/2", Some("2031-03-07T08:00:00Z")),
                seen("https://a.example/4", None),
                seen("https://a.example/3", None),
            ],
            at,
        )
        .unwrap();
    note(format!("{r:?}"));
    let pending = |store: &mut dyn CrawlStore| -> String {
        let p = store.pending_entries(src.id, 3).unwrap();
        format!("{p:?}")
    };
    note(pending(store));
    let (a, an) = page(
        "https://a.example/1",
        "Harbour stays open\n\nAna Brel said on Friday that the harbour of Tolvik stays open.",
    );
    let one = EntryRef {
        source: src.id,
        url: "https://a.example/1".into(),
    };
    let v = store
        .store_page(
            &fetch(&one.url, "2031-03-07T10:01:00Z"),
            &a,
            &an,
            std::slice::from_ref(&one),
        )
        .unwrap();
    note(format!("new: {}", matches!(v, Versioned::New { .. })));
    note(pending(store));
    let p = store.page("https://a.example/1").unwrap().unwrap();
    note(format!(
        "{:?} {:?} {:?} {}",
        p.etag,
        p.last_fetched,
        p.last_status,
        p.article == Some(v.row())
    ));
    let two = EntryRef {
        source: src.id,
        url: "https://a.example/2".into(),
    };
    for _ in 0..3 {
        store
            .page_failed(
                &two.url,
                at,
                Some(503),
                "HTTP 503",
                std::slice::from_ref(&two),
            )
            .unwrap();
    }
    note(pending(store));
    let r = store
        .record_entries(
            src.id,
            &[
                seen("https://a.example/1", Some("2031-03-07T11:00:00Z")),
                seen("https://a.example/2", Some("2031-03-07T08:00:00Z")),
            ],
            at,
        )
        .unwrap();
    note(format!("{r:?}"));
    note(pending(store));
    // the page changed: a new version; then back to the first text: restored
    let (b, bn) = page(
        "https://a.example/1",
        "Harbour stays open\n\nAna Brel said on Friday that the harbour of Tolvik stays open \
         all winter.",
    );
    let v2 = store
        .store_page(
            &fetch(&one.url, "2031-03-07T11:01:00Z"),
            &b,
            &bn,
            std::slice::from_ref(&one),
        )
        .unwrap();
    note(format!("{v2:?}").replace(&v2.row().to_string(), "R"));
    let v3 = store
        .store_page(
            &fetch(&one.url, "2031-03-07T12:01:00Z"),
            &a,
            &an,
            std::slice::from_ref(&one),
        )
        .unwrap();
    note(format!(
        "restored: {}",
        matches!(v3, Versioned::Restored { version: 1, .. }) && v3.row() == v.row()
    ));
    let got = store
        .page_not_modified(
            &fetch(&one.url, "2031-03-07T12:30:00Z"),
            std::slice::from_ref(&one),
        )
        .unwrap();
    note(format!("304 on the stored page: {}", got == Some(v.row())));
    let none = store
        .page_not_modified(&fetch("https://a.example/3", "2031-03-07T12:30:00Z"), &[])
        .unwrap();
    note(format!("{none:?}"));
    store
        .entries_failed(
            &[EntryRef {
                source: src.id,
                url: "https://a.example/4".into(),
            }],
            "x",
        )
        .unwrap();
    note(format!("{:?}", store.source_entries(src.id).unwrap()));
    store
        .mark_entries_stored(&[EntryRef {
            source: src.id,
            url: "https://a.example/3".into(),
        }])
        .unwrap();
    let s = store.source("https://a.example/feed.xml").unwrap().unwrap();
    note(format!("{} {}", s.entries, s.stored));
    note(format!("{}", store.child_sources(index.id).unwrap().len()));
    let watched: Vec<String> = store
        .watched_sources()
        .unwrap()
        .into_iter()
        .map(|s| s.url)
        .collect();
    note(format!("{watched:?}"));
    note(format!(
        "{}",
        store.remove_source("https://b.example/index.xml").unwrap()
    ));
    note(format!(
        "{}",
        store.remove_source("https://a.example/feed.xml").unwrap()
    ));
    note(format!(
        "{:?}",
        store.source("https://a.example/feed.xml").unwrap()
    ));
    seen_log
}

#[test]
fn the_crawl_state_behaves_as_on_sqlite() {
    let Some(db) = ScratchDb::create() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut sqlite = Store::open(dir.path().join("c.db")).unwrap();
    let mut pg = PgStore::connect(db.url()).unwrap();
    let expected = scenario(&mut sqlite);
    let got = scenario(&mut pg);
    for (i, (e, g)) in expected.iter().zip(&got).enumerate() {
        assert_eq!(e, g, "step {i}");
    }
    assert_eq!(expected.len(), got.len());
    // after the versions, the record shows the current one only
    let q = StatementQuery::default();
    let texts = |rows: Vec<onrecord_store::StatementRow>| -> Vec<String> {
        rows.into_iter().map(|r| r.content).collect()
    };
    assert_eq!(
        texts(RecordStore::statements(&mut pg, &q).unwrap()),
        texts(RecordStore::statements(&mut sqlite, &q).unwrap())
    );
    assert_eq!(
        RecordStore::counts(&mut pg).unwrap(),
        RecordStore::counts(&mut sqlite).unwrap()
    );
    // the page's versions read back alike (row ids and times are each store's own)
    let versions = |v: Vec<onrecord_store::ArticleVersion>| -> Vec<String> {
        v.into_iter()
            .map(|v| {
                format!(
                    "{} {} {:?} {} {} {}",
                    v.version,
                    v.fingerprint,
                    v.fetched,
                    v.superseded_by.is_some(),
                    v.statements,
                    v.ingested_at.len()
                )
            })
            .collect()
    };
    let url = "https://a.example/1";
    let from_pg = versions(pg.article_versions(url).unwrap());
    assert_eq!(from_pg, versions(sqlite.article_versions(url).unwrap()));
    assert_eq!(from_pg.len(), 2, "{from_pg:?}");
}

fn claim(holder: &str, now: &str) -> Claim {
    Claim {
        holder: holder.into(),
        now: t(now),
        lease: Duration::from_secs(300),
        named: Vec::new(),
        due_only: true,
    }
}

#[test]
fn two_claimants_never_share_a_source_and_an_expired_lease_is_taken_over() {
    let Some(db) = ScratchDb::create() else {
        return;
    };
    let mut a = PgStore::connect(db.url()).unwrap();
    let mut b = PgStore::connect(db.url()).unwrap();
    for i in 0..40 {
        a.add_source(&format!("https://feeds{i}.example/rss"), None)
            .unwrap();
    }
    // both claim at once, many times over, from their own threads and connections
    let url = db.url().to_string();
    let claims: Vec<Vec<i64>> = std::thread::scope(|s| {
        let workers: Vec<_> = ["w1", "w2", "w3"]
            .into_iter()
            .map(|holder| {
                let url = url.clone();
                s.spawn(move || {
                    let mut store = PgStore::connect(&url).unwrap();
                    let mut mine = Vec::new();
                    for _ in 0..5 {
                        let got = store
                            .claim_sources(&claim(holder, "2031-03-07T10:00:00Z"))
                            .unwrap();
                        mine.extend(got.iter().map(|s| s.id));
                    }
                    mine.sort();
                    mine.dedup();
                    mine
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    let all: BTreeSet<i64> = claims.iter().flatten().copied().collect();
    assert_eq!(all.len(), 40, "every source claimed");
    assert_eq!(
        claims.iter().map(Vec::len).sum::<usize>(),
        40,
        "no source claimed by two: {claims:?}"
    );
    // held: nobody else gets them, named or not
    let mut named = claim("w9", "2031-03-07T10:04:00Z");
    named.named = vec!["https://feeds0.example/rss".into()];
    assert!(b.claim_sources(&named).unwrap().is_empty());
    let s = a.source("https://feeds0.example/rss").unwrap().unwrap();
    let (holder, until) = s.lease.unwrap();
    assert!(["w1", "w2", "w3"].contains(&holder.as_str()));
    assert_eq!(until, t("2031-03-07T10:05:00Z"));
    // a holder that renews keeps them past the first expiry
    b.renew_leases(&holder, t("2031-03-07T10:04:00Z"), Duration::from_secs(300))
        .unwrap();
    let later = claim("w9", "2031-03-07T10:06:00Z");
    let taken = b.claim_sources(&later).unwrap();
    assert!(taken.iter().all(|s| s.lease.as_ref().unwrap().0 == "w9"));
    let renewed: BTreeSet<i64> = claims[["w1", "w2", "w3"]
        .iter()
        .position(|h| *h == holder)
        .unwrap()]
    .iter()
    .copied()
    .collect();
    assert!(
        taken.iter().all(|s| !renewed.contains(&s.id)),
        "the renewed leases hold"
    );
    assert_eq!(
        taken.len(),
        40 - renewed.len(),
        "the expired ones are taken over"
    );
    // released: free for the next claim at once
    a.release_leases(&holder).unwrap();
    let rest = a
        .claim_sources(&claim("w1", "2031-03-07T10:06:00Z"))
        .unwrap();
    assert_eq!(rest.len(), renewed.len());
    // a source polled is not due until its next poll time, whoever asks
    let id = rest[0].id;
    a.record_poll(
        id,
        &Poll {
            at: Some(t("2031-03-07T10:06:00Z")),
            next_poll: Some(t("2031-03-07T10:21:00Z")),
            ..Poll::default()
        },
    )
    .unwrap();
    a.release_leases("w1").unwrap();
    let again = b
        .claim_sources(&claim("w2", "2031-03-07T10:07:00Z"))
        .unwrap();
    assert!(!again.iter().any(|s| s.id == id));
    assert_eq!(again.len(), rest.len() - 1);
}

#[test]
fn two_workers_storing_one_page_store_it_once() {
    let Some(db) = ScratchDb::create() else {
        return;
    };
    PgStore::connect(db.url()).unwrap();
    let url = db.url().to_string();
    let outcomes: Vec<Versioned> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..4)
            .map(|_| {
                let url = url.clone();
                s.spawn(move || {
                    let mut store = PgStore::connect(&url).unwrap();
                    let (a, an) = page(
                        "https://c.example/story",
                        "Ferry resumes\n\nCaptain Ivo Rask said on Monday that the ferry to \
                         Brenn would sail again.",
                    );
                    store
                        .store_page(&fetch(&a.id, "2031-03-07T10:00:00Z"), &a, &an, &[])
                        .unwrap()
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    let new = outcomes
        .iter()
        .filter(|v| matches!(v, Versioned::New { .. }))
        .count();
    assert_eq!(new, 1, "{outcomes:?}");
    assert!(outcomes.iter().all(|v| v.row() == outcomes[0].row()));
    let mut store = PgStore::connect(db.url()).unwrap();
    assert_eq!(RecordStore::counts(&mut store).unwrap().articles, 1);
}
