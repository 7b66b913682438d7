//! `onrecord ingest` and `onrecord extract` on WARC files, as a user would run them on a
//! Common Crawl News archive: pages stored by URL, every other record skipped and counted,
//! damage a warning, and a second run adding nothing. Every page is invented.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::{TimeZone, Utc};
use onrecord_store::Store;
use onrecord_warc::{RecordRef, Writer};
use serde_json::Value;

fn onrecord() -> Command {
    let mut cmd = Command::cargo_bin("onrecord").unwrap();
    cmd.env_remove("ONRECORD_DB").env_remove("COLUMNS");
    cmd
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const FERRY: &str = "https://gazette.example/2031/03/07/ferry-fares";
const QUAY: &str = "https://gazette.example/2031/03/08/quay-repairs";

fn page(title: &str, author: &str, day: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
    format!(
        "<!doctype html><html lang=\"en\"><head><title>{title}</title>\
         <meta property=\"og:site_name\" content=\"Orrin Gazette\">\
         <meta name=\"author\" content=\"{author}\">\
         <meta property=\"article:published_time\" content=\"{day}T09:00:00Z\"></head>\
         <body><nav><a href=\"/\">Home</a></nav><article><h1>{title}</h1>{body}</article></body></html>"
    )
}

fn response(status: &str, content_type: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

fn ferry_page(quote: &str) -> String {
    page(
        "Ferry fares to rise in spring",
        "Ines Calloway",
        "2031-03-07",
        &[
            "ORRIN, Halvaria — The harbour council said on Friday that ferry fares would rise \
             by a tenth in the spring.",
            &format!("“{quote},” council chair Mira Holt told reporters on Friday."),
            "The ferry workers' union said it would study the plan before its meeting next week.",
        ],
    )
}

/// A crawl: warcinfo, request + response pairs for two articles, metadata, a PDF, a 404,
/// then a third page whose record is cut in half. Returns the file and the two good
/// responses.
fn crawl(dir: &Path) -> (PathBuf, Vec<RecordRef>, u64) {
    let mut w = Writer::create(dir.join("writer")).unwrap();
    let at = |h: u32| Utc.with_ymd_and_hms(2031, 3, 8, h, 0, 0).unwrap();
    let get = |uri: &str| format!("GET {uri} HTTP/1.1\r\nHost: gazette.example\r\n\r\n");
    let html = "text/html; charset=utf-8";
    let mut pages = Vec::new();
    w.write_request(FERRY, at(1), get(FERRY).as_bytes(), None)
        .unwrap();
    let ferry = ferry_page("We have no other way to pay for the new pier");
    pages.push(
        w.write_response(FERRY, at(1), &response("200 OK", html, &ferry), None)
            .unwrap(),
    );
    w.write_metadata(FERRY, at(1), &[("fetchTimeMs", "91")], None)
        .unwrap();
    w.write_request(QUAY, at(2), get(QUAY).as_bytes(), None)
        .unwrap();
    let quay = page(
        "Quay repairs to start in May",
        "Tomas Ferreira",
        "2031-03-08",
        &[
            "DUNMERE — Repairs to the old quay will start in May, the harbour master said on \
             Saturday.",
            "“The stones have moved a hand's width since the winter storms,” harbour master \
             Oskar Lind said.",
        ],
    );
    pages.push(
        w.write_response(QUAY, at(2), &response("200 OK", html, &quay), None)
            .unwrap(),
    );
    w.write_response(
        "https://gazette.example/fares.pdf",
        at(3),
        &response("200 OK", "application/pdf", "%PDF-1.7"),
        None,
    )
    .unwrap();
    w.write_response(
        "https://gazette.example/old",
        at(3),
        &response("404 Not Found", html, "<p>Not here, not anymore.</p>"),
        None,
    )
    .unwrap();
    let last = w
        .write_response(
            "https://gazette.example/2031/03/08/pier",
            at(4),
            &response("200 OK", html, &ferry_page("The pier will wait")),
            None,
        )
        .unwrap();
    let written = w.current_file().unwrap().to_path_buf();
    w.finish().unwrap();
    let mut bytes = std::fs::read(&written).unwrap();
    bytes.truncate((last.offset + last.length / 2) as usize);
    let path = dir.join("news.warc.gz");
    std::fs::write(&path, bytes).unwrap();
    (path, pages, last.offset)
}

fn ingest(db: &Path, input: &Path) -> std::process::Output {
    onrecord()
        .args(["ingest", "--db"])
        .arg(db)
        .arg(input)
        .output()
        .unwrap()
}

#[test]
fn ingesting_a_crawl_stores_its_pages_by_url_and_a_rerun_adds_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (warc, pages, cut) = crawl(tmp.path());
    let db = tmp.path().join("x.db");
    let path = warc.display().to_string();

    let first = ingest(&db, &warc);
    let err = stderr(&first);
    assert!(
        first.status.success(),
        "a damaged record is no failure: {err}"
    );
    assert!(
        err.contains(&format!(
            "onrecord: warning: {path}@{cut}: damaged record skipped: truncated"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "onrecord: note: {path}: 2 pages read; skipped 1 warcinfo, 2 requests, 1 metadata, \
             1 non-HTML response, 1 non-2xx, 1 damaged record"
        )),
        "{err}"
    );
    assert!(
        err.contains("2 articles read: 2 new, 0 already stored"),
        "{err}"
    );
    assert!(
        err.contains("1 warning, 0 errors"),
        "the note is no warning: {err}"
    );

    // Stored by URL, each pointing at its record.
    let store = Store::open_read_only(&db).unwrap();
    let mut stored = Vec::new();
    store
        .each_article(|row| {
            stored.push(row.article);
            Ok(())
        })
        .unwrap();
    let ids: Vec<&str> = stored.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, [FERRY, QUAY]);
    for (article, record) in stored.iter().zip(&pages) {
        assert_eq!(article.origin.path, path);
        let facts = article.page.as_ref().unwrap();
        let archive = facts.archive.as_ref().unwrap();
        // the file by its absolute path, for `onrecord serve` to find from anywhere
        let canonical = std::fs::canonicalize(&path).unwrap();
        assert_eq!(
            (Path::new(&archive.file), archive.offset),
            (canonical.as_path(), record.offset)
        );
        assert_eq!(archive.record_id, record.record_id.as_str());
        assert_eq!(
            facts.fetched.as_deref().map(|f| &f[..10]),
            Some("2031-03-08")
        );
    }
    assert_eq!(stored[0].published.unwrap().to_string(), "2031-03-07");
    assert_eq!(stored[0].bylines, ["Ines Calloway"]);

    // The statements, traceable to their pages.
    let out = onrecord()
        .args(["quotes", "--format", "jsonl", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let holt = rows
        .iter()
        .find(|r| r["speaker"] == "Mira Holt")
        .unwrap_or_else(|| panic!("{rows:#?}"));
    assert_eq!(holt["article_id"], FERRY);
    assert_eq!(holt["url"], FERRY);
    let content = holt["content"].as_str().unwrap();
    assert!(
        content.contains("We have no other way to pay for the new pier"),
        "{content}"
    );
    assert!(rows.iter().any(|r| r["article_id"] == QUAY));
    let counts = store.counts().unwrap();
    drop(store);

    let second = ingest(&db, &warc);
    let err = stderr(&second);
    assert!(second.status.success(), "{err}");
    assert!(
        err.contains("2 articles read: 0 new, 2 already stored; 0 statements added"),
        "{err}"
    );
    assert_eq!(
        Store::open_read_only(&db).unwrap().counts().unwrap(),
        counts
    );

    // A later capture of the same URL with other text is a new version.
    let mut w = Writer::create(tmp.path().join("later")).unwrap();
    let body = ferry_page("The pier can be paid for after all");
    w.write_response(
        FERRY,
        Utc.with_ymd_and_hms(2031, 3, 9, 7, 0, 0).unwrap(),
        &response("200 OK", "text/html", &body),
        None,
    )
    .unwrap();
    let later = w.current_file().unwrap().to_path_buf();
    w.finish().unwrap();
    let third = ingest(&db, &later);
    assert!(third.status.success(), "{}", stderr(&third));
    assert!(
        stderr(&third).contains("1 article read: 1 new"),
        "{}",
        stderr(&third)
    );
    let mut versions = 0;
    Store::open_read_only(&db)
        .unwrap()
        .each_article(|row| {
            versions += usize::from(row.article.id == FERRY);
            Ok(())
        })
        .unwrap();
    assert_eq!(versions, 2);
}

#[test]
fn a_file_that_is_no_warc_fails_the_ingest_and_names_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let bogus = tmp.path().join("photos.warc.gz");
    // A gzip member holding no WARC record.
    let mut gz = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    gz.extend_from_slice(&[3, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // empty deflate stream, crc 0, len 0
    std::fs::write(&bogus, gz).unwrap();
    let out = ingest(&tmp.path().join("x.db"), &bogus);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("onrecord: error: {}: ", bogus.display())),
        "{err}"
    );
}

#[test]
fn extract_prints_one_line_per_page_with_its_facts() {
    let tmp = tempfile::tempdir().unwrap();
    let (warc, _, _) = crawl(tmp.path());
    let out = onrecord()
        .args(["extract", "--no-text"])
        .arg(&warc)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("onrecord: note: "), "{err}");
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    let ferry = &lines[0];
    assert_eq!(ferry["id"], FERRY);
    assert_eq!(ferry["url"], FERRY);
    assert_eq!(ferry["title"], "Ferry fares to rise in spring");
    assert_eq!(ferry["byline"], serde_json::json!(["Ines Calloway"]));
    assert_eq!(ferry["published"], "2031-03-07");
    assert_eq!(ferry["outlet"], "Orrin Gazette");
    assert_eq!(ferry["language"], "en");
    assert_eq!(lines[1]["id"], QUAY);
    assert_eq!(lines[1]["byline"], serde_json::json!(["Tomas Ferreira"]));

    // The same archive on standard input, told and sniffed.
    for told in [true, false] {
        let mut cmd = onrecord();
        cmd.args(["extract", "--no-text"]);
        if told {
            cmd.args(["--stdin-format", "warc"]);
        }
        let out = cmd
            .arg("-")
            .write_stdin(std::fs::read(&warc).unwrap())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2);
    }
}
