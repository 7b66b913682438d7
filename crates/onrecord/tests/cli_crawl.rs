//! End-to-end tests of `ingest URL…`, `watch` and `reanalyze`: the binary against a local
//! invented news site (axum on 127.0.0.1, in the test process). Nothing leaves the machine.

#[path = "../../onrecord-crawl/tests/support/server.rs"]
mod server;

use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use onrecord_store::Store;
use server::{article, rfc2822, rss, story, story_page, Resource, Site};
use server::{news_sitemap, sitemap_index};

fn onrecord() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_onrecord"));
    strip_env(cmd.env_remove("ONRECORD_DB").env_remove("COLUMNS"));
    cmd
}

/// No proxy may come between the binary and the local site.
fn strip_env(cmd: &mut Command) -> &mut Command {
    for var in [
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

fn spawn(args: &[&str], db: &Path) -> Child {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_onrecord"));
    cmd.env_remove("ONRECORD_DB");
    for var in [
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
    ] {
        cmd.env_remove(var);
    }
    cmd.arg("--db")
        .arg(db)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `onrecord --db DB ARGS… --delay 0`, run to the end.
fn run(db: &Path, args: &[&str]) -> Output {
    onrecord().arg("--db").arg(db).args(args).output().unwrap()
}

fn ok(out: Output) -> String {
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    err
}

/// External ids of stored articles, each with its number of rows (versions).
fn stored_ids(db: &Path) -> Vec<(String, usize)> {
    let mut ids: Vec<String> = Vec::new();
    Store::open_read_only(db)
        .unwrap()
        .each_article(|r| {
            ids.push(r.article.id);
            Ok(())
        })
        .unwrap();
    ids.sort();
    let mut out: Vec<(String, usize)> = Vec::new();
    for id in ids {
        match out.last_mut() {
            Some((last, n)) if *last == id => *n += 1,
            _ => out.push((id, 1)),
        }
    }
    out
}

fn stories(site: &Site, range: std::ops::Range<usize>) {
    for i in range {
        site.page(&format!("/news/{i}"), &story_page(i));
    }
}

fn feed(site: &Site, items: impl IntoIterator<Item = usize>) -> String {
    rss(&items
        .into_iter()
        .map(|i| (site.url(&format!("/news/{i}")), story(i).0, rfc2822(i)))
        .collect::<Vec<_>>())
}

#[test]
fn ingest_of_a_page_a_feed_and_a_sitemap_url_and_a_rerun_adds_nothing() {
    let site = Site::start();
    stories(&site, 1..8);
    site.put(
        "/rss/world.xml",
        Resource::xml("application/rss+xml", feed(&site, [2, 3])),
    );
    site.put(
        "/sitemap-news.xml",
        Resource::xml(
            "application/xml",
            news_sitemap(&[
                (site.url("/news/4"), "2025-03-04T09:00:00Z".into()),
                (site.url("/news/5"), "2025-03-05T09:00:00Z".into()),
            ]),
        ),
    );
    site.put(
        "/sitemaps/2025-03.xml",
        Resource::xml(
            "application/xml",
            news_sitemap(&[(site.url("/news/6"), "2025-03-06T09:00:00Z".into())]),
        ),
    );
    site.put(
        "/sitemap-index.xml",
        Resource::xml(
            "application/xml",
            sitemap_index(&[(
                site.url("/sitemaps/2025-03.xml"),
                "2025-03-06T10:00:00Z".into(),
            )]),
        ),
    );
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("news.db");
    // a file, URLs on the command line and in a list, mixed
    let list = tmp.path().join("urls.txt");
    std::fs::write(
        &list,
        format!(
            "# reading list\n\n{}\n  {}\n",
            site.url("/sitemap-index.xml"),
            site.url("/news/7")
        ),
    )
    .unwrap();
    let file = tmp.path().join("brief.txt");
    std::fs::write(
        &file,
        "Quay repairs approved\n\nCouncillor Jon Vessa said on Monday that the quay would be repaired.\n",
    )
    .unwrap();
    let page = site.url("/news/1");
    let feed_url = site.url("/rss/world.xml");
    let sitemap = site.url("/sitemap-news.xml");
    let args = [
        "ingest",
        file.to_str().unwrap(),
        &page,
        &feed_url,
        &sitemap,
        "--urls",
        list.to_str().unwrap(),
        "--delay",
        "0",
    ];
    let err = ok(run(&db, &args));
    assert!(
        err.contains("8 articles read: 8 new, 0 already stored"),
        "{err}"
    );
    assert!(err.contains("5 URLs, 5 entries, 7 pages fetched"), "{err}");
    assert!(err.contains("0 errors"), "{err}");
    let ids = stored_ids(&db);
    assert_eq!(ids.len(), 8);
    assert!(ids.iter().all(|(_, n)| *n == 1));
    for i in 1..8 {
        let url = site.url(&format!("/news/{i}"));
        assert!(ids.iter().any(|(id, _)| *id == url), "{url}");
    }
    // statements from the pages, findable by speaker
    let out = run(
        &db,
        &["quotes", "--speaker", "Ana Brel", "--format", "jsonl"],
    );
    assert!(out.status.success());
    assert_eq!(stdout(&out).lines().count(), 7, "{}", stdout(&out));

    site.clear_log();
    let err = ok(run(&db, &args));
    assert!(
        err.contains("3 articles read: 0 new, 3 already stored; 0 statements added"),
        "the file and the page named: {err}"
    );
    let pages: Vec<_> = site
        .log()
        .into_iter()
        .filter(|l| l.path.starts_with("/news/"))
        .collect();
    assert!(
        pages.iter().all(|l| l.status == 304),
        "only the pages named are asked again, conditionally: {pages:?}"
    );
    assert_eq!(stored_ids(&db), ids);
}

#[test]
fn watch_once_twice_the_second_poll_is_conditional_and_stores_nothing() {
    let site = Site::start();
    stories(&site, 1..4);
    site.put(
        "/rss/world.xml",
        Resource::xml("application/rss+xml", feed(&site, 1..4)),
    );
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("news.db");
    let url = site.url("/rss/world.xml");
    let args = ["watch", url.as_str(), "--once", "--delay", "0"];
    let err = ok(run(&db, &args));
    let line = err.lines().find(|l| l.contains(": poll ")).unwrap();
    assert!(
        line.contains(": 1 source, 3 entries (3 new), 3 new articles ("),
        "{line}"
    );
    assert_eq!(err.lines().filter(|l| l.contains(": poll ")).count(), 1);

    site.clear_log();
    let err = ok(run(&db, &args));
    let line = err.lines().find(|l| l.contains(": poll ")).unwrap();
    assert!(
        line.contains("1 source, 1 not modified, 0 entries, 0 new articles"),
        "{line}"
    );
    let log: Vec<_> = site
        .log()
        .into_iter()
        .filter(|l| l.path != "/robots.txt")
        .collect();
    assert_eq!(log.len(), 1, "only the feed: {log:?}");
    assert!(log[0].if_none_match.is_some());
    assert_eq!(log[0].status, 304);
    assert_eq!(stored_ids(&db).len(), 3);

    // the watch list remembers it
    let out = run(&db, &["watch", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = stdout(&out);
    let row = table.lines().nth(1).unwrap();
    assert!(row.starts_with(&url), "{table}");
    for cell in ["feed", "default", "304", " 3 ", " 3"] {
        assert!(row.contains(cell), "{cell} in {table}");
    }
}

#[test]
fn watch_add_list_and_remove() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("news.db");
    let err = ok(run(
        &db,
        &[
            "watch",
            "add",
            "https://www.example-news.org/rss/world.xml",
            "--every",
            "30m",
        ],
    ));
    assert!(err.contains("added to the watch list"), "{err}");
    let table = stdout(&run(&db, &["watch", "list"]));
    assert!(
        table.starts_with("URL ") && table.contains("LAST ERROR"),
        "{table}"
    );
    let row = table.lines().nth(1).unwrap();
    assert!(
        row.contains("?") && row.contains("30m") && row.contains("never"),
        "{row}"
    );
    let err = stderr(&run(&db, &["watch", "add", "not-a-url"]));
    assert!(err.contains("is not an http:// or https:// URL"), "{err}");
    ok(run(
        &db,
        &[
            "watch",
            "remove",
            "https://www.example-news.org/rss/world.xml",
        ],
    ));
    let out = run(
        &db,
        &[
            "watch",
            "remove",
            "https://www.example-news.org/rss/world.xml",
        ],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("is not on the watch list"));
    assert!(stdout(&run(&db, &["watch", "list"])).is_empty());
    // nothing to watch is an error, not an idle loop
    let out = run(&db, &["watch", "--once"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("nothing to watch"),
        "{}",
        stderr(&out)
    );
    // the help says where named sources go
    let help = stdout(&run(&db, &["watch", "--help"]));
    assert!(help.contains("added to the watch list"), "{help}");
}

#[test]
fn a_changed_page_is_a_new_version_and_quotes_show_the_new_wording() {
    let site = Site::start();
    let page = |said: &str| {
        article(
            "Ferry timetable",
            "2025-03-10T08:00:00Z",
            &[
                "PORT SELMAR — The ferry company published its spring timetable on Monday.".into(),
                format!("&ldquo;{said},&rdquo; Mayor Ana Brel said on Monday."),
                "Councillor Jon Vessa said the night ferry would be missed.".into(),
            ],
        )
    };
    site.page("/news/ferries", &page("The morning ferry keeps its slot"));
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("news.db");
    let url = site.url("/news/ferries");
    let args = ["watch", url.as_str(), "--once", "--delay", "0"];
    ok(run(&db, &args));
    site.page(
        "/news/ferries",
        &page("The morning ferry moves to a later slot in April"),
    );
    let err = ok(run(&db, &args));
    assert!(
        err.contains("0 new articles") && err.contains("1 new version"),
        "{err}"
    );
    assert_eq!(stored_ids(&db), [(url.clone(), 2)]);
    let quotes = |words: &str| {
        stdout(&run(&db, &["quotes", "--text", words, "--format", "jsonl"]))
            .lines()
            .count()
    };
    assert_eq!(quotes("later slot"), 1);
    assert_eq!(quotes("keeps its slot"), 0, "the old wording is superseded");
    let store = Store::open_read_only(&db).unwrap();
    let versions = store.article_versions(&url).unwrap();
    assert_eq!(
        versions.iter().map(|v| v.version).collect::<Vec<_>>(),
        [1, 2]
    );
    let old = store.article_statements(versions[0].row).unwrap();
    assert!(old.iter().any(|s| s.content.contains("keeps its slot")));
}

#[test]
fn the_archive_has_the_page_bytes_and_the_article_points_at_them() {
    let site = Site::start();
    let html = story_page(12);
    site.page("/news/12", &html);
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("news.db");
    let url = site.url("/news/12");
    ok(run(&db, &["ingest", &url, "--delay", "0"]));
    let store = Store::open_read_only(&db).unwrap();
    let row = store
        .article(store.article_versions(&url).unwrap()[0].row)
        .unwrap()
        .unwrap();
    let page = row.article.page.unwrap();
    assert!(page.fetched.is_some());
    let at = page.archive.unwrap();
    let dir = PathBuf::from(format!("{}.warc", db.display()));
    let record = onrecord_warc::read_record_at(dir.join(&at.file), at.offset).unwrap();
    assert_eq!(record.target_uri(), Some(url.as_str()));
    assert_eq!(record.record_id(), Some(at.record_id.as_str()));
    let response = record.http_response().unwrap();
    assert_eq!(&response.body(1 << 20).unwrap().bytes[..], html.as_bytes());
    // the request record that follows names the response
    let records: Vec<_> = onrecord_warc::Reader::open(dir.join(&at.file))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let i = records
        .iter()
        .position(|r| r.record_id() == Some(at.record_id.as_str()))
        .unwrap();
    assert_eq!(records[i + 1].warc_type(), Some("request"));
    assert_eq!(
        records[i + 1].header("WARC-Concurrent-To"),
        Some(at.record_id.as_str())
    );

    // --archive puts it elsewhere
    let other = tmp.path().join("elsewhere");
    site.page("/news/13", &story_page(13));
    ok(run(
        &db,
        &[
            "ingest",
            &site.url("/news/13"),
            "--delay",
            "0",
            "--archive",
            other.to_str().unwrap(),
        ],
    ));
    assert_eq!(std::fs::read_dir(&other).unwrap().count(), 1);
}

/// Waits until `n` articles are stored (or the child ends); true if they were.
fn wait_for_articles(db: &Path, n: u64, child: &mut Child) -> bool {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        let count = Store::open_read_only(db)
            .and_then(|s| s.counts())
            .map(|c| c.articles)
            .unwrap_or(0);
        if count >= n {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

fn slow_feed(site: &Site, n: usize) -> String {
    for i in 0..n {
        site.put(
            &format!("/news/{i}"),
            Resource::html(story_page(i)).delay(Duration::from_millis(120)),
        );
    }
    let url = site.url("/rss/slow.xml");
    site.put(
        "/rss/slow.xml",
        Resource::xml("application/rss+xml", feed(site, 0..n)),
    );
    url
}

#[test]
fn a_watch_killed_with_sigkill_loses_nothing_and_stores_nothing_twice() {
    let site = Site::start();
    let url = slow_feed(&site, 30);
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("news.db");
    let mut child = spawn(&["watch", &url, "--delay", "0"], &db);
    let killed = wait_for_articles(&db, 5, &mut child);
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert!(
        killed,
        "the watch stored some articles before it was killed"
    );
    let before = stored_ids(&db).len();
    assert!(before < 30, "killed mid-way ({before} stored)");

    let err = ok(run(&db, &["watch", &url, "--once", "--delay", "0"]));
    let ids = stored_ids(&db);
    assert_eq!(ids.len(), 30, "every entry stored: {err}");
    assert!(ids.iter().all(|(_, n)| *n == 1), "none twice: {ids:?}");
    // each page was fetched at most twice (once more if it was in hand when killed)
    for i in 0..30 {
        let asked = site.requests(&format!("/news/{i}")).len();
        assert!((1..=2).contains(&asked), "/news/{i} asked {asked} times");
    }
    let source = Store::open_read_only(&db)
        .unwrap()
        .watched_sources()
        .unwrap();
    assert_eq!((source[0].entries, source[0].stored), (30, 30));
}

#[test]
fn ctrl_c_stops_a_watch_cleanly_with_status_130() {
    let site = Site::start();
    let url = slow_feed(&site, 30);
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("news.db");
    let mut child = spawn(&["watch", &url, "--delay", "0"], &db);
    assert!(wait_for_articles(&db, 3, &mut child));
    let sent = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    assert!(stderr(&out).contains("interrupted"), "{}", stderr(&out));
    // every stored article is whole, and the archive reads to its end without damage
    let store = Store::open_read_only(&db).unwrap();
    store
        .each_article(|r| {
            assert!(r.statements > 0, "{}", r.article.id);
            Ok(())
        })
        .unwrap();
    let dir = PathBuf::from(format!("{}.warc", db.display()));
    for file in std::fs::read_dir(&dir).unwrap() {
        for record in onrecord_warc::Reader::open(file.unwrap().path()).unwrap() {
            record.unwrap();
        }
    }
}

#[test]
fn reanalyze_rebuilds_statements_and_changes_nothing_for_the_same_engine() {
    let site = Site::start();
    stories(&site, 1..5);
    site.put(
        "/rss/world.xml",
        Resource::xml("application/rss+xml", feed(&site, 1..5)),
    );
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("news.db");
    ok(run(
        &db,
        &["ingest", &site.url("/rss/world.xml"), "--delay", "0"],
    ));
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    ok(run(&db, &["ingest", examples.to_str().unwrap()]));
    let record = || record(&db);
    let before = record();
    assert!(before.2.statements > 20);

    for _ in 0..2 {
        let err = ok(run(&db, &["reanalyze", "--jobs", "1"]));
        let n = before.2.statements;
        assert!(
            err.contains(&format!("statements {n} → {n} (+0), 0 articles changed")),
            "{err}"
        );
        assert_eq!(record(), before, "idempotent");
    }
    // statements lost or stale (as an older engine would have left them) are rebuilt
    let conn = rusqlite::Connection::open(&db).unwrap();
    let lost: usize = conn
        .execute(
            "DELETE FROM statements WHERE article = (SELECT min(id) FROM articles)",
            [],
        )
        .unwrap();
    conn.execute(
        "UPDATE statements SET content = 'stale' WHERE id = (SELECT max(id) FROM statements)",
        [],
    )
    .unwrap();
    drop(conn);
    assert!(lost > 0);
    let n = before.2.statements;
    let err = ok(run(&db, &["reanalyze"]));
    assert!(
        err.contains(&format!(
            "statements {} → {n} (+{lost}), 2 articles changed",
            n as usize - lost
        )),
        "{err}"
    );
    assert_eq!(record(), before, "the record is whole again");

    let missing = tmp.path().join("missing.db");
    let out = run(&missing, &["reanalyze"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no database"), "{}", stderr(&out));
    assert!(!missing.exists());
}

/// The record as the query commands show it, statement row ids left out (a reanalyze gives
/// statements new rows; everything else must be the same).
fn record(
    db: &Path,
) -> (
    Vec<serde_json::Value>,
    Vec<serde_json::Value>,
    onrecord_store::Counts,
) {
    // ids change when statements are rebuilt: a statement a headline restates is named by
    // its position in the article instead
    let without_ids = |out: Output| -> Vec<serde_json::Value> {
        let rows: Vec<serde_json::Value> = stdout(&out)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let position_of = |id: &serde_json::Value| {
            rows.iter()
                .find(|r| &r["id"] == id)
                .map(|r| r["position"].clone())
        };
        let restated: Vec<Option<serde_json::Value>> = rows
            .iter()
            .map(|r| r.get("restates").and_then(position_of))
            .collect();
        rows.iter()
            .zip(restated)
            .map(|(r, restated)| {
                let mut v = r.clone();
                let o = v.as_object_mut().unwrap();
                o.remove("id");
                if let Some(p) = restated {
                    o.insert("restates".into(), p);
                }
                v
            })
            .collect()
    };
    (
        without_ids(run(db, &["quotes", "--format", "jsonl", "--limit", "0"])),
        without_ids(run(db, &["speakers", "--format", "jsonl", "--limit", "0"])),
        Store::open_read_only(db).unwrap().counts().unwrap(),
    )
}

#[test]
fn a_killed_reanalyze_changes_nothing_and_a_rerun_completes_it() {
    const N: usize = 1500;
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    for i in 0..N {
        std::fs::write(
            corpus.join(format!("a{i:05}.txt")),
            format!(
                "Berth {i} to reopen\n\nMayor Ana Brel said on Monday that berth {i} would \
                 reopen in spring. \"We are ready,\" she told reporters.\n"
            ),
        )
        .unwrap();
    }
    let db = tmp.path().join("news.db");
    ok(run(&db, &["ingest", "--quiet", corpus.to_str().unwrap()]));
    let before = record(&db);
    assert_eq!(before.2.articles, N as u64);

    let mut child = spawn(&["reanalyze", "--jobs", "1"], &db);
    std::thread::sleep(Duration::from_millis(300));
    if child.try_wait().unwrap().is_some() {
        eprintln!("note: the reanalyze finished before it was killed");
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert_eq!(record(&db), before, "killed: the old record, whole");

    let err = ok(run(&db, &["reanalyze"]));
    assert!(err.contains(&format!("reanalyzed {N} articles")), "{err}");
    assert_eq!(record(&db), before);
}
