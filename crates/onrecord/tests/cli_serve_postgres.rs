//! `onrecord serve` on PostgreSQL, as a team would start it: the same corpus ingested into
//! an SQLite file and a PostgreSQL database, both served, and the same JSON from both for
//! search (every page, by cursor), a speaker and an article; what PostgreSQL does not
//! serve yet (the ingest endpoint) answers a 501 as JSON, never a panic or
//! an empty result.
//!
//! Each test makes its own database on the test server (`onrecord_pg::scratch`) and is
//! skipped where none answers, unless `ONRECORD_REQUIRE_POSTGRES` is set (as in CI).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command as StdCommand, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use onrecord_pg::scratch::ScratchDb;
use serde_json::Value;

/// Kills the server when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn onrecord(db: &str) -> StdCommand {
    let mut cmd = StdCommand::cargo_bin("onrecord").unwrap();
    cmd.env_remove("ONRECORD_DB")
        .env_remove("ONRECORD_INGEST_TOKEN")
        .arg("--db")
        .arg(db);
    cmd
}

fn ingest(db: &str) {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    let out = onrecord(db)
        .args(["ingest", "-q"])
        .arg(corpus)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `onrecord --db DB serve --addr 127.0.0.1:0 ARGS`: the server, its address and the line
/// it announced itself with.
fn start(db: &str, args: &[&str]) -> (Server, String, String) {
    let mut cmd = onrecord(db);
    cmd.args(["serve", "--addr", "127.0.0.1:0"])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut server = Server(cmd.spawn().unwrap());
    let mut line = String::new();
    BufReader::new(server.0.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    (server, addr, line)
}

/// One HTTP/1.1 request; the status code and the body.
fn request(addr: &str, method: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    s.read_to_string(&mut reply).unwrap();
    let (head, body) = reply.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, body.to_string())
}

fn json(addr: &str, path: &str) -> Value {
    let (status, body) = request(addr, "GET", path);
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap()
}

/// Every statement of a search, following `next` cursors.
fn every_page(addr: &str, query: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut path = format!("/api/v1/statements?{query}&limit=3");
    for _ in 0..100 {
        let page = json(addr, &path);
        out.extend(page["statements"].as_array().unwrap().iter().cloned());
        match page["next"].as_str() {
            Some(next) => path = format!("/api/v1/statements?{query}&limit=3&cursor={next}"),
            None => return out,
        }
    }
    panic!("no last page of {query}");
}

#[test]
fn serve_on_postgresql_answers_as_on_sqlite() {
    let Some(pg) = ScratchDb::create() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let sqlite = dir.path().join("x.db");
    let sqlite = sqlite.to_str().unwrap();
    ingest(sqlite);
    ingest(pg.url());
    let (_a, sq, _) = start(sqlite, &[]);
    let (_b, pq, line) = start(pg.url(), &[]);
    assert!(line.contains("read-only"), "{line}");

    let stats = json(&pq, "/api/v1/stats");
    assert_eq!(stats, json(&sq, "/api/v1/stats"));
    assert_eq!(stats["articles"], 6, "{stats}");
    for query in [
        "sort=newest",
        "sort=oldest",
        "q=talks&sort=newest",
        "q=negotiat*&sort=oldest",
        "speaker=yildirim&sort=newest",
        "from=2024-03-05&to=2024-03-06&sort=oldest",
    ] {
        let a = every_page(&pq, query);
        assert!(!a.is_empty(), "{query}");
        assert_eq!(a, every_page(&sq, query), "{query}");
        let first = format!("/api/v1/statements?{query}&limit=3");
        assert_eq!(json(&pq, &first)["total"], json(&sq, &first)["total"]);
    }
    // ranked: the same statements (each store scores by its own measure)
    let ids = |addr: &str| {
        let mut ids: Vec<i64> = every_page(addr, "q=talks")
            .iter()
            .map(|s| s["id"].as_i64().unwrap())
            .collect();
        ids.sort();
        ids
    };
    let ranked = ids(&pq);
    assert!(ranked.len() >= 5, "{ranked:?}");
    assert_eq!(ranked, ids(&sq));
    // a speaker and an article, as JSON
    let speakers = json(&pq, "/api/v1/speakers?limit=3");
    assert_eq!(speakers, json(&sq, "/api/v1/speakers?limit=3"));
    let id = speakers["speakers"][0]["id"].as_i64().unwrap();
    let speaker = json(&pq, &format!("/api/v1/speakers/{id}"));
    assert_eq!(speaker, json(&sq, &format!("/api/v1/speakers/{id}")));
    assert!(
        !speaker["timeline"]["points"].as_array().unwrap().is_empty(),
        "{speaker}"
    );
    let article = |addr: &str| {
        let mut a = json(addr, "/api/v1/articles/1");
        a.as_object_mut().unwrap().remove("ingested_at");
        a
    };
    assert_eq!(article(&pq), article(&sq));
    // pages: search and a speaker's page
    for path in ["/search?q=talks", &format!("/speakers/{id}")] {
        let (status, body) = request(&pq, "GET", path);
        assert_eq!(status, 200, "{path}");
        assert_eq!(body, request(&sq, "GET", path).1, "{path}");
    }
    // a cursor reused with another query is refused
    let next = json(&pq, "/api/v1/statements?q=talks&limit=1")["next"]
        .as_str()
        .unwrap()
        .to_string();
    let (status, body) = request(
        &pq,
        "GET",
        &format!("/api/v1/statements?q=water&cursor={next}"),
    );
    assert_eq!(status, 400, "{body}");
}

#[test]
fn figures_events_and_versions_are_served_as_from_sqlite_and_the_rest_is_a_501() {
    let Some(pg) = ScratchDb::create() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let sqlite = dir.path().join("x.db");
    let sqlite = sqlite.to_str().unwrap();
    ingest(sqlite);
    ingest(pg.url());
    let (_a, sq, _) = start(sqlite, &[]);
    let (_b, pq, _) = start(pg.url(), &[]);
    for path in ["/api/v1/figures", "/api/v1/events", "/api/v1/events/months"] {
        let (status, body) = request(&pq, "GET", path);
        assert_eq!(status, 200, "{path}: {body}");
        assert_eq!(body, request(&sq, "GET", path).1, "{path}");
    }
    for path in ["/figures", "/events"] {
        let (status, body) = request(&pq, "GET", path);
        assert_eq!(status, 200, "{path}");
        assert_eq!(body, request(&sq, "GET", path).1, "{path}");
    }
    let (status, body) = request(&pq, "GET", "/api/v1/articles/1/versions");
    assert_eq!(status, 200, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    let w: Value =
        serde_json::from_str(&request(&sq, "GET", "/api/v1/articles/1/versions").1).unwrap();
    assert!(
        v["versions"].as_array().is_some_and(|a| !a.is_empty()),
        "{body}"
    );
    assert_eq!(
        v["versions"].as_array().map(Vec::len),
        w["versions"].as_array().map(Vec::len),
        "{body}"
    );
    let (status, body) = request(&pq, "POST", "/api/v1/articles");
    assert_eq!(status, 501, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("not available on PostgreSQL yet"),
        "{body}"
    );
    // an article's page shows the article with its figures, events and versions
    let (status, body) = request(&pq, "GET", "/articles/1");
    assert_eq!(status, 200, "{body}");
    assert!(!body.contains("not available on PostgreSQL"), "{body}");
}

#[test]
fn serve_on_postgresql_refuses_an_ingest_token_and_an_unmigrated_database() {
    let Some(pg) = ScratchDb::create() else {
        return;
    };
    let out = onrecord(pg.url()).args(["serve"]).output().unwrap();
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(e.contains("onrecord migrate"), "{e}");
    let out = onrecord(pg.url())
        .env("ONRECORD_INGEST_TOKEN", "a-token-of-some-length")
        .args(["serve"])
        .output()
        .unwrap();
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(e.contains("not available on PostgreSQL yet"), "{e}");
}

/// `--readonly` keeps the ingest endpoint shut even with a token in the environment (the
/// role of a public reader; on SQLite, where a token would otherwise open it).
#[test]
fn readonly_shuts_the_ingest_endpoint_whatever_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let db = db.to_str().unwrap();
    ingest(db);
    let mut cmd = onrecord(db);
    cmd.env("ONRECORD_INGEST_TOKEN", "a-token-of-some-length")
        .args(["serve", "--readonly", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut server = Server(cmd.spawn().unwrap());
    let mut line = String::new();
    BufReader::new(server.0.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.contains("read-only"), "{line}");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap()
        .to_string();
    let (status, body) = request(&addr, "POST", "/api/v1/articles");
    assert_eq!(status, 403, "{body}");
    assert_eq!(json(&addr, "/api/v1/stats")["read_only"], true);
}
