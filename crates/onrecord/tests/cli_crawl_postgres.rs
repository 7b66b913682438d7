//! End-to-end tests of `watch` and `ingest URL` on PostgreSQL, as a team runs them: several
//! workers polling one watch list, each feed polled by one of them, each article stored
//! once; `status` lists the workers, the queue and the last errors. The binary against a
//! local invented news site (axum on 127.0.0.1, in the test process).
//!
//! Each test makes its own database on the test server (`onrecord_pg::scratch`) and is
//! skipped where none answers, unless `ONRECORD_REQUIRE_POSTGRES` is set (as in CI).

#[path = "../../onrecord-crawl/tests/support/server.rs"]
mod server;

use std::ops::ControlFlow;
use std::process::{Command, Output, Stdio};

use onrecord_pg::scratch::ScratchDb;
use onrecord_pg::PgStore;
use server::{rfc2822, rss, story, story_page, Resource, Site};

fn onrecord(db: &str, dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_onrecord"));
    cmd.env_remove("ONRECORD_DB").env_remove("COLUMNS");
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
    cmd.current_dir(dir).arg("--db").arg(db);
    cmd
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn ok(out: Output) -> (String, String) {
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    (String::from_utf8_lossy(&out.stdout).into_owned(), err)
}

fn feed(site: &Site, items: impl IntoIterator<Item = usize>) -> String {
    rss(&items
        .into_iter()
        .map(|i| (site.url(&format!("/news/{i}")), story(i).0, rfc2822(i)))
        .collect::<Vec<_>>())
}

/// External ids stored, each with its number of rows.
fn stored_ids(db: &str) -> Vec<(String, usize)> {
    let mut store = PgStore::connect(db).unwrap();
    let mut ids: Vec<String> = Vec::new();
    store
        .each_article(&mut |r| {
            ids.push(r.article.id);
            ControlFlow::Continue(())
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

/// `N sources` of a poll line.
fn sources_polled(err: &str) -> usize {
    let line = err.lines().find(|l| l.contains(": poll ")).expect(err);
    let after = line.split(": poll ").nth(1).unwrap();
    let (_, counts) = after.split_once(": ").unwrap();
    counts.split(' ').next().unwrap().parse().unwrap()
}

#[test]
fn two_watch_workers_on_one_database_store_each_article_once() {
    let Some(pg) = ScratchDb::create() else {
        return;
    };
    let site = Site::start();
    for i in 1..10 {
        site.put(
            &format!("/news/{i}"),
            Resource::html(story_page(i)).delay(std::time::Duration::from_millis(30)),
        );
    }
    // three feeds sharing stories
    site.put(
        "/rss/a.xml",
        Resource::xml("application/rss+xml", feed(&site, 1..6)),
    );
    site.put(
        "/rss/b.xml",
        Resource::xml("application/rss+xml", feed(&site, 4..10)),
    );
    site.put(
        "/rss/c.xml",
        Resource::xml("application/rss+xml", feed(&site, [2, 7])),
    );
    let tmp = tempfile::tempdir().unwrap();
    let feeds: Vec<String> = ["a", "b", "c"]
        .iter()
        .map(|f| site.url(&format!("/rss/{f}.xml")))
        .collect();
    let mut add = onrecord(pg.url(), tmp.path());
    add.args(["watch", "add"]).args(&feeds);
    ok(add.output().unwrap());

    let (list, _) = ok(onrecord(pg.url(), tmp.path())
        .args(["watch", "list"])
        .output()
        .unwrap());
    for f in &feeds {
        assert!(list.contains(f.as_str()), "{list}");
    }

    // two workers at once, each with its own archive
    let workers: Vec<_> = (0..2)
        .map(|w| {
            let archive = tmp.path().join(format!("warc-{w}"));
            onrecord(pg.url(), tmp.path())
                .args(["watch", "--once", "--delay", "0", "--archive"])
                .arg(&archive)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let errs: Vec<String> = workers
        .into_iter()
        .map(|c| ok(c.wait_with_output().unwrap()).1)
        .collect();
    assert_eq!(
        errs.iter().map(|e| sources_polled(e)).sum::<usize>(),
        3,
        "each feed polled by one worker: {errs:?}"
    );
    let ids = stored_ids(pg.url());
    assert_eq!(ids.len(), 9, "{ids:?}");
    assert!(ids.iter().all(|(_, n)| *n == 1), "none twice: {ids:?}");
    for f in ["a", "b", "c"] {
        let polled = site.requests(&format!("/rss/{f}.xml")).len();
        assert_eq!(polled, 1, "/rss/{f}.xml polled {polled} times");
    }

    // a second round: nothing due, nothing polled, nothing stored
    let (_, err) = ok(onrecord(pg.url(), tmp.path())
        .args(["watch", "--once", "--delay", "0"])
        .output()
        .unwrap());
    assert_eq!(sources_polled(&err), 0, "{err}");
    assert_eq!(stored_ids(pg.url()), ids);

    // status: the workers (stopped), the queue, no errors yet
    let (status, _) = ok(onrecord(pg.url(), tmp.path())
        .arg("status")
        .output()
        .unwrap());
    assert!(status.contains("articles   9"), "{status}");
    assert!(
        status.contains("queue      3 watched sources: 0 due, 0 leased"),
        "{status}"
    );
    assert!(status.contains("0 entries pending"), "{status}");
    assert!(status.contains("workers    0 live"), "{status}");
    let stopped = status
        .lines()
        .filter(|l| l.trim_start().starts_with("stopped ") && l.contains(" watch "))
        .count();
    assert_eq!(
        stopped, 3,
        "the three runs (add and list do not count): {status}"
    );
}

#[test]
fn ingest_of_urls_into_postgresql_and_its_errors_in_status() {
    let Some(pg) = ScratchDb::create() else {
        return;
    };
    let site = Site::start();
    site.page("/news/1", &story_page(1));
    site.put("/news/2", Resource::new(503, "text/plain", "down"));
    let tmp = tempfile::tempdir().unwrap();
    let out = onrecord(pg.url(), tmp.path())
        .args(["ingest", "--delay", "0", "--timeout", "5s"])
        .arg(site.url("/news/1"))
        .arg(site.url("/news/2"))
        .output()
        .unwrap();
    assert!(!out.status.success(), "a page failed");
    let err = stderr(&out);
    assert!(err.contains("1 new"), "{err}");
    assert!(err.contains("responses archived in onrecord.warc"), "{err}");
    // the archive went to onrecord.warc/ in the current directory
    let warc = std::fs::read_dir(tmp.path().join("onrecord.warc"))
        .unwrap()
        .count();
    assert!(warc >= 1);
    assert_eq!(stored_ids(pg.url()).len(), 1);

    let (status, _) = ok(onrecord(pg.url(), tmp.path())
        .arg("status")
        .output()
        .unwrap());
    assert!(status.contains("articles   1"), "{status}");
    let worker = status
        .lines()
        .find(|l| l.contains(" ingest "))
        .unwrap_or_else(|| panic!("{status}"));
    assert!(worker.trim_start().starts_with("stopped"), "{worker}");
    assert!(worker.contains("1 error"), "{worker}");
    let errors = status.split("last errors\n").nth(1).expect(&status);
    assert!(errors.contains(&site.url("/news/2")), "{errors}");
    assert!(errors.contains("503"), "{errors}");

    // the same URL again: stored already, nothing added
    let (_, err) = ok(onrecord(pg.url(), tmp.path())
        .args(["ingest", "--delay", "0"])
        .arg(site.url("/news/1"))
        .output()
        .unwrap());
    assert!(err.contains("0 new"), "{err}");
    assert_eq!(stored_ids(pg.url()).len(), 1);
}
