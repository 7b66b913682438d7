//! The crawl against a local invented news site: pages, feeds, sitemaps, conditional GETs,
//! versions, failures that must not stop a poll, and the WARC archive.

#[path = "support/server.rs"]
mod server;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use onrecord_crawl::{CrawlConfig, Crawler, Event, PageOutcome, Report};
use onrecord_store::{SearchQuery, Store};
use server::{article, atom, news_sitemap, rfc2822, rss, sitemap_index, story, story_page};
use server::{Resource, Site};

struct Setup {
    _dir: tempfile::TempDir,
    db: PathBuf,
    crawler: Crawler,
    events: Arc<Mutex<Vec<Event>>>,
}

fn config(dir: &Path) -> CrawlConfig {
    let mut c = CrawlConfig::new(dir.join("news.db.warc"));
    c.fetch.per_host_interval = Duration::from_millis(5);
    c.fetch.retry_base = Duration::from_millis(20);
    c.fetch.max_retry_wait = Duration::from_secs(5);
    c.fetch.timeout = Duration::from_secs(20);
    c.fetch.use_env_proxy = false;
    c.fetch.contact = Some("https://newsroom.example/crawler".into());
    c
}

fn setup_with(change: impl FnOnce(&mut CrawlConfig)) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let mut c = config(dir.path());
    change(&mut c);
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = events.clone();
    let crawler = Crawler::open(&db, c, move |e| sink.lock().unwrap().push(e)).unwrap();
    Setup {
        _dir: dir,
        db,
        crawler,
        events,
    }
}

fn setup() -> Setup {
    setup_with(|_| {})
}

fn store(db: &Path) -> Store {
    Store::open_read_only(db).unwrap()
}

/// Stored article rows by external id: (id, version, statements, current).
fn articles(db: &Path) -> Vec<(String, u32, u64, bool)> {
    let mut out = Vec::new();
    store(db)
        .each_article(|r| {
            out.push((
                r.article.id,
                r.version,
                r.statements,
                r.superseded_by.is_none(),
            ));
            Ok(())
        })
        .unwrap();
    out.sort();
    out
}

fn search(db: &Path, words: &str) -> Vec<String> {
    store(db)
        .search(&SearchQuery {
            words: Some(words.into()),
            limit: 50,
            ..SearchQuery::default()
        })
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.statement.content)
        .collect()
}

fn stories(site: &Site, range: std::ops::Range<usize>) {
    for i in range {
        site.page(&format!("/news/{i}"), &story_page(i));
    }
}

fn rss_of(site: &Site, items: &[usize]) -> String {
    rss(&items
        .iter()
        .map(|&i| (site.url(&format!("/news/{i}")), story(i).0, rfc2822(i)))
        .collect::<Vec<_>>())
}

fn no_errors(r: &Report) {
    assert!(r.errors.is_empty(), "{:?}", r.errors);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_feeds_and_sitemaps_become_articles_and_a_rerun_adds_nothing() {
    let site = Site::start();
    stories(&site, 1..7);
    site.put(
        "/rss.xml",
        Resource::xml("application/rss+xml", rss_of(&site, &[2, 3])),
    );
    site.put(
        "/atom.xml",
        Resource::xml(
            "application/atom+xml",
            atom(&[
                (
                    site.url("/news/3"),
                    "Berth".into(),
                    "2025-03-04T10:00:00Z".into(),
                ),
                (
                    site.url("/news/4"),
                    "Berth".into(),
                    "2025-03-05T10:00:00Z".into(),
                ),
            ]),
        ),
    );
    site.put(
        "/sitemap-news.xml",
        Resource::xml(
            "application/xml",
            news_sitemap(&[(site.url("/news/5"), "2025-03-06T09:00:00Z".into())]),
        ),
    );
    site.put(
        "/sitemaps/a.xml",
        Resource::xml(
            "application/xml",
            news_sitemap(&[(site.url("/news/6"), "2025-03-07T09:00:00Z".into())]),
        ),
    );
    site.put(
        "/sitemaps/b.xml",
        Resource::xml(
            "application/xml",
            news_sitemap(&[(site.url("/news/1"), "2025-03-02T09:00:00Z".into())]),
        ),
    );
    site.put(
        "/sitemap-index.xml",
        Resource::xml(
            "application/xml",
            sitemap_index(&[
                (site.url("/sitemaps/a.xml"), "2025-03-07T10:00:00Z".into()),
                (site.url("/sitemaps/b.xml"), "2025-03-02T10:00:00Z".into()),
            ]),
        ),
    );
    let s = setup();
    let urls: Vec<String> = [
        "/news/1",
        "/rss.xml",
        "/atom.xml",
        "/sitemap-news.xml",
        "/sitemap-index.xml",
    ]
    .iter()
    .map(|p| site.url(p))
    .collect();
    let first = s.crawler.ingest(&urls).await.unwrap();
    no_errors(&first);
    assert_eq!(first.sources, 5);
    assert_eq!(first.new_articles, 6, "{first:?}");
    assert_eq!(
        first.entries, 7,
        "rss 2, atom 2, news sitemap 1, the index's two sitemaps 1 each"
    );
    let stored = articles(&s.db);
    assert_eq!(
        stored.iter().map(|a| a.0.clone()).collect::<Vec<_>>(),
        (1..7)
            .map(|i| site.url(&format!("/news/{i}")))
            .collect::<Vec<_>>()
    );
    for (id, version, statements, current) in &stored {
        assert_eq!((*version, *current), (1, true), "{id}");
        assert!(*statements >= 2, "{id}: {statements} statements");
    }
    assert!(
        search(&s.db, "harbour stays open").len() == 6,
        "Mayor Brel's quote in each story"
    );
    // each page was fetched once, /news/3 though two feeds list it, /news/1 though the
    // index's sitemap lists it too
    for i in 1..7 {
        assert_eq!(site.requests(&format!("/news/{i}")).len(), 1, "/news/{i}");
    }
    // sources read by an ingest are remembered, not watched
    let st = store(&s.db);
    assert!(st.watched_sources().unwrap().is_empty());
    let index = st.source(&urls[4]).unwrap().unwrap();
    assert_eq!((index.entries, index.stored), (2, 2));

    site.clear_log();
    let again = s.crawler.ingest(&urls).await.unwrap();
    no_errors(&again);
    assert_eq!(
        (again.new_articles, again.new_versions, again.statements),
        (0, 0, 0)
    );
    assert_eq!(
        again.pages, 1,
        "only the page named is fetched again: {again:?}"
    );
    assert_eq!(articles(&s.db), stored);
    // the page named directly is asked again, conditionally
    let page = site.requests("/news/1");
    assert_eq!(page.len(), 1);
    assert!(page[0].if_none_match.is_some());
    assert_eq!(page[0].status, 304);
    s.crawler.close().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_poll_asks_conditionally_and_stores_nothing() {
    let site = Site::start();
    stories(&site, 1..4);
    site.put(
        "/rss.xml",
        Resource::xml("application/rss+xml", rss_of(&site, &[1, 2, 3])),
    );
    let s = setup();
    let feed = vec![site.url("/rss.xml")];
    assert_eq!(s.crawler.watch(&feed, None).await.unwrap(), [true]);
    let every = Duration::from_secs(900);
    let first = s.crawler.poll(&feed, every, true).await.unwrap();
    no_errors(&first);
    assert_eq!((first.sources, first.new_articles), (1, 3));
    let watched = store(&s.db).watched_sources().unwrap();
    assert_eq!(watched.len(), 1);
    assert_eq!(watched[0].kind, Some(onrecord_store::SourceKind::Feed));
    assert_eq!((watched[0].entries, watched[0].stored), (3, 3));
    assert!(watched[0].next_poll.unwrap() > watched[0].last_polled.unwrap());
    // not due yet: a poll of due sources only reads nothing
    let idle = s.crawler.poll(&[], every, true).await.unwrap();
    assert_eq!(idle.sources, 0);

    site.clear_log();
    let second = s.crawler.poll(&feed, every, true).await.unwrap();
    no_errors(&second);
    assert_eq!(
        (second.sources, second.not_modified, second.new_articles),
        (1, 1, 0)
    );
    let log = site.log();
    assert_eq!(log.len(), 1, "only the feed: {log:?}");
    assert_eq!(log[0].path, "/rss.xml");
    assert!(log[0].if_none_match.is_some() && log[0].if_modified_since.is_some());
    assert_eq!(log[0].status, 304);
    assert!(log[0].user_agent.as_deref().unwrap().contains("onrecord/"));
    assert_eq!(articles(&s.db).len(), 3);
    s.crawler.close().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_changed_page_is_a_new_version_and_search_finds_the_new_wording() {
    let site = Site::start();
    let page = |said: &str| {
        article(
            "Harbour to stay open",
            "2025-03-10T08:00:00Z",
            &[
                "PORT SELMAR — The harbour board met on Monday after a week of gales.".into(),
                format!("&ldquo;{said},&rdquo; Mayor Ana Brel said on Monday."),
                "Councillor Jon Vessa said the board would meet again on Friday.".into(),
            ],
        )
    };
    site.page("/news/harbour", &page("The harbour stays open"));
    let s = setup();
    let url = vec![site.url("/news/harbour")];
    s.crawler.watch(&url, None).await.unwrap();
    let every = Duration::from_secs(60);
    let first = s.crawler.poll(&url, every, false).await.unwrap();
    no_errors(&first);
    assert_eq!(first.new_articles, 1);

    // unchanged: a conditional GET, 304, nothing stored
    let same = s.crawler.poll(&url, every, false).await.unwrap();
    assert_eq!((same.not_modified, same.new_versions), (1, 0));

    site.page(
        "/news/harbour",
        &page("The harbour closes at dusk until the sea wall is mended"),
    );
    let changed = s.crawler.poll(&url, every, false).await.unwrap();
    no_errors(&changed);
    assert_eq!((changed.new_articles, changed.new_versions), (0, 1));
    let st = store(&s.db);
    let versions = st.article_versions(&url[0]).unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0].superseded_by, Some(versions[1].row));
    assert!(versions[0].fetched.is_some());
    assert_eq!(search(&s.db, "sea wall").len(), 1);
    assert!(
        search(&s.db, "stays open").is_empty(),
        "the old wording is superseded"
    );
    // the old version is still there, by row
    let old = st.article_statements(versions[0].row).unwrap();
    assert!(old.iter().any(|s| s.content.contains("stays open")));
    assert_eq!(st.counts().unwrap().articles, 1);
    s.crawler.close().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_entry_whose_stamp_changed_is_fetched_again() {
    let site = Site::start();
    let (title, mut paragraphs) = story(40);
    site.page(
        "/news/40",
        &article(&title, "2025-03-10T08:00:00Z", &paragraphs),
    );
    let feed = |updated: &str| {
        Resource::xml(
            "application/atom+xml",
            atom(&[(site.url("/news/40"), title.clone(), updated.into())]),
        )
    };
    site.put("/atom.xml", feed("2025-03-10T08:00:00Z"));
    let s = setup();
    let urls = vec![site.url("/atom.xml")];
    s.crawler.watch(&urls, None).await.unwrap();
    let every = Duration::from_secs(60);
    assert_eq!(
        s.crawler
            .poll(&urls, every, false)
            .await
            .unwrap()
            .new_articles,
        1
    );

    // the page changes but the feed does not say so: the page is not fetched
    paragraphs.push("&ldquo;We will rebuild the quay,&rdquo; Ilse Marrow said.".into());
    site.page(
        "/news/40",
        &article(&title, "2025-03-10T08:00:00Z", &paragraphs),
    );
    site.clear_log();
    let quiet = s.crawler.poll(&urls, every, false).await.unwrap();
    assert_eq!((quiet.pages, quiet.new_versions), (0, 0));
    assert!(site.requests("/news/40").is_empty());

    // the feed's entry says it was updated: fetched again, a new version
    site.put("/atom.xml", feed("2025-03-11T08:00:00Z"));
    let updated = s.crawler.poll(&urls, every, false).await.unwrap();
    no_errors(&updated);
    assert_eq!((updated.pages, updated.new_versions), (1, 1), "{updated:?}");
    let asked = site.requests("/news/40");
    assert!(
        asked[0].if_none_match.is_some(),
        "with the page's validators"
    );
    assert_eq!(search(&s.db, "rebuild quay").len(), 1);
    s.crawler.close().unwrap();
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failures_are_reported_and_the_poll_goes_on() {
    let site = Site::start();
    stories(&site, 1..3);
    // rate limited once, then served
    site.put("/slow-down", Resource::html(story_page(3)).throttle(1));
    // a redirect loop
    site.put("/loop/a", Resource::redirect("/loop/b"));
    site.put("/loop/b", Resource::redirect("/loop/a"));
    // larger than the limit
    site.put("/big", Resource::html(vec![b'x'; 300_000]));
    // a compression bomb: 8 MiB of zeros in a few kilobytes
    site.put(
        "/bomb",
        Resource::html(gzip(&vec![0u8; 8 << 20])).header("content-encoding", "gzip"),
    );
    // windows-1252 bytes labelled UTF-8
    let cp1252 = article(
        "Caf\u{e9} owners ask for a quieter quay",
        "2025-03-12T08:00:00Z",
        &[
            "PORT SELMAR \u{2014} The owners of the caf\u{e9}s along the quay met on Tuesday."
                .into(),
            "\u{201c}Our terrace is na\u{ef}ve about the winter,\u{201d} caf\u{e9} owner Ren\u{e9}e \
             Dubois said on Tuesday."
                .into(),
            "The council\u{2019}s r\u{e9}sum\u{e9} of complaints runs to forty pages, Councillor \
             Jon Vessa said."
                .into(),
        ],
    );
    let (bytes, _, bad) = encoding_rs_like_cp1252(&cp1252);
    assert!(!bad);
    site.put(
        "/cp1252",
        Resource::new(200, "text/html; charset=utf-8", bytes),
    );

    let mixed = rss(&[
        "/slow-down",
        "/loop/a",
        "/big",
        "/bomb",
        "/cp1252",
        "/news/1",
    ]
    .iter()
    .enumerate()
    .map(|(i, p)| (site.url(p), format!("item {i}"), rfc2822(i)))
    .collect::<Vec<_>>());
    site.put("/mixed.xml", Resource::xml("application/rss+xml", mixed));
    let broken = rss_of(&site, &[2]);
    site.put(
        "/broken.xml",
        Resource::xml("application/rss+xml", &broken[..broken.len() - 40]),
    );
    site.put(
        "/good.xml",
        Resource::xml("application/rss+xml", rss_of(&site, &[2])),
    );

    let s = setup_with(|c| {
        c.fetch.max_bytes = 200_000;
        c.fetch.max_decoded_bytes = 1 << 20;
    });
    let urls: Vec<String> = ["/mixed.xml", "/broken.xml", "/good.xml"]
        .iter()
        .map(|p| site.url(p))
        .collect();
    let started = Instant::now();
    let r = s.crawler.ingest(&urls).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After: 1 was waited for"
    );
    let errors = r.errors.join("\n");
    assert_eq!(r.errors.len(), 4, "{errors}");
    for expected in [
        "redirect loop",
        "larger than the 200000-byte limit",
        "decompresses to more than",
        "/broken.xml: not well-formed XML",
    ] {
        assert!(errors.contains(expected), "{expected} in {errors}");
    }
    assert_eq!(r.new_articles, 4, "{r:?}");
    let slow = site.requests("/slow-down");
    assert_eq!(
        slow.iter().map(|l| l.status).collect::<Vec<_>>(),
        [429, 200]
    );
    let st = store(&s.db);
    let cafe = st
        .statements(&onrecord_store::StatementQuery {
            article: Some(site.url("/cp1252")),
            ..Default::default()
        })
        .unwrap();
    assert!(
        cafe.iter().any(|s| s.content.contains("na\u{ef}ve")),
        "{cafe:?}"
    );
    let row = st.article(cafe[0].article.row).unwrap().unwrap();
    assert!(row.article.text.contains("caf\u{e9}s along the quay"));
    assert!(row
        .article
        .page
        .unwrap()
        .charset
        .unwrap()
        .starts_with("windows-1252"));
    // the failed pages stay pending for the next run
    let mixed = st.source(&urls[0]).unwrap().unwrap();
    assert_eq!((mixed.entries, mixed.stored), (6, 3));
    let events = s.events.lock().unwrap();
    assert!(events.iter().any(|e| matches!(
        e,
        Event::Page {
            outcome: PageOutcome::Failed,
            ..
        }
    )));
    drop(events);
    s.crawler.close().unwrap();
}

/// windows-1252 bytes of `text` (its characters all exist there): (bytes, len, any bad).
fn encoding_rs_like_cp1252(text: &str) -> (Vec<u8>, usize, bool) {
    let mut out = Vec::new();
    let mut bad = false;
    for c in text.chars() {
        let b = match c {
            '\u{2014}' => 0x97,
            '\u{201c}' => 0x93,
            '\u{201d}' => 0x94,
            '\u{2019}' => 0x92,
            c if (c as u32) < 0x100 => c as u32 as u8,
            _ => {
                bad = true;
                b'?'
            }
        };
        out.push(b);
    }
    let n = out.len();
    (out, n, bad)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_archive_holds_every_exchange_and_the_article_points_at_its_response() {
    let site = Site::start();
    let html = story_page(21);
    site.page("/news/21", &html);
    site.put("/old/21", Resource::redirect("/news/21"));
    let s = setup();
    let r = s.crawler.ingest(&[site.url("/old/21")]).await.unwrap();
    no_errors(&r);
    s.crawler.close().unwrap();

    let st = store(&s.db);
    let versions = st.article_versions(&site.url("/news/21")).unwrap();
    assert_eq!(versions.len(), 1, "the article's id is the final URL");
    let row = st.article(versions[0].row).unwrap().unwrap();
    let page = row.article.page.unwrap();
    let archive = page.archive.unwrap();
    let dir = s.db.with_extension("db.warc");
    let record = onrecord_warc::read_record_at(dir.join(&archive.file), archive.offset).unwrap();
    assert_eq!(record.warc_type(), Some("response"));
    assert_eq!(record.target_uri(), Some(site.url("/news/21").as_str()));
    assert_eq!(record.record_id(), Some(archive.record_id.as_str()));
    let response = record.http_response().unwrap();
    assert_eq!(response.status, 200);
    let body = response.body(1 << 20).unwrap();
    assert_eq!(&body.bytes[..], html.as_bytes());

    // every record of the file: warcinfo, then response + request per exchange, the
    // redirect hop first
    let records: Vec<_> = onrecord_warc::Reader::open(dir.join(&archive.file))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let kinds: Vec<(String, Option<String>)> = records
        .iter()
        .map(|r| {
            (
                r.warc_type().unwrap().to_string(),
                r.target_uri().map(str::to_string),
            )
        })
        .collect();
    let old = Some(site.url("/old/21"));
    let new = Some(site.url("/news/21"));
    assert_eq!(
        kinds,
        [
            ("warcinfo".to_string(), None),
            ("response".to_string(), old.clone()),
            ("request".to_string(), old),
            ("response".to_string(), new.clone()),
            ("request".to_string(), new),
        ]
    );
    let request = &records[4];
    assert_eq!(
        request.header("WARC-Concurrent-To"),
        Some(archive.record_id.as_str())
    );
    assert!(request.block().starts_with(b"GET /news/21 HTTP/1.1\r\n"));
    assert_eq!(
        records[2].header("WARC-Concurrent-To"),
        records[1].record_id()
    );
    let hop = records[1].http_response().unwrap();
    assert_eq!(hop.status, 301);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_over_the_budget_wait_for_the_next_run() {
    let site = Site::start();
    stories(&site, 1..6);
    site.put(
        "/rss.xml",
        Resource::xml("application/rss+xml", rss_of(&site, &[1, 2, 3, 4, 5])),
    );
    let s = setup_with(|c| c.max_pages = 2);
    let url = vec![site.url("/rss.xml")];
    let mut stored = Vec::new();
    for _ in 0..3 {
        let r = s.crawler.ingest(&url).await.unwrap();
        no_errors(&r);
        stored.push((r.new_articles, r.left));
    }
    assert_eq!(stored, [(2, 3), (2, 1), (1, 0)]);
    assert_eq!(articles(&s.db).len(), 5);
    s.crawler.close().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_ingested_then_watched_is_asked_with_its_validators() {
    let site = Site::start();
    site.page("/news/30", &story_page(30));
    let s = setup();
    let url = vec![site.url("/news/30")];
    assert_eq!(s.crawler.ingest(&url).await.unwrap().new_articles, 1);
    s.crawler.watch(&url, None).await.unwrap();
    let r = s
        .crawler
        .poll(&url, Duration::from_secs(60), true)
        .await
        .unwrap();
    no_errors(&r);
    assert_eq!((r.not_modified, r.unchanged, r.pages), (1, 1, 1));
    let watched = store(&s.db).watched_sources().unwrap();
    assert_eq!(watched[0].kind, Some(onrecord_store::SourceKind::Page));
    assert_eq!(watched[0].last_status, Some(304));
    s.crawler.close().unwrap();
}
