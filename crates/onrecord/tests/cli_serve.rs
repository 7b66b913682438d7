//! `onrecord serve` as a user starts it: the binary on a free port, answering over HTTP, and
//! refusing clearly what it cannot serve.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command as StdCommand, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use assert_cmd::Command;

fn onrecord() -> Command {
    let mut cmd = Command::cargo_bin("onrecord").unwrap();
    cmd.env_remove("ONRECORD_DB")
        .env_remove("ONRECORD_INGEST_TOKEN");
    cmd
}

/// Kills the server when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One HTTP/1.1 GET; the status line and the body.
fn get(addr: &str, path: &str) -> (String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    s.read_to_string(&mut reply).unwrap();
    let (head, body) = reply.split_once("\r\n\r\n").unwrap();
    (head.lines().next().unwrap().to_string(), body.to_string())
}

/// `onrecord --db DB serve --addr 127.0.0.1:0 ARGS` started in `cwd`: the server, its
/// address, and the line it announced itself with.
fn start(db: &Path, args: &[&str], cwd: &Path) -> (Server, String, String) {
    let mut child = StdCommand::cargo_bin("onrecord").unwrap();
    child
        .env_remove("ONRECORD_DB")
        .env_remove("ONRECORD_INGEST_TOKEN")
        .current_dir(cwd)
        .arg("--db")
        .arg(db)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut server = Server(child.spawn().unwrap());
    // "onrecord: serving … on http://127.0.0.1:PORT/ (read-only; …)"
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

#[test]
fn serve_answers_pages_and_the_api_on_a_free_port() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "---\npublished: 2031-03-07\n---\nFerries\n\nMayor Lena Ødegård said the ferries would run.\n",
    )
    .unwrap();
    onrecord()
        .arg("--db")
        .arg(&db)
        .args(["ingest", "-q"])
        .arg(&article)
        .assert()
        .success();

    let (_server, addr, line) = start(&db, &[], dir.path());
    assert!(line.contains("read-only"), "{line}");

    let (status, body) = get(&addr, "/api/v1/stats");
    assert!(status.contains(" 200 "), "{status}");
    let stats: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(stats["articles"], 1, "{stats}");
    let (status, body) = get(&addr, "/search?q=ferries");
    assert!(status.contains(" 200 "), "{status}");
    assert!(body.contains("Ødegård"), "{body}");
    let (status, _) = get(&addr, "/no/such/page");
    assert!(status.contains(" 404 "), "{status}");
}

#[test]
fn serve_refuses_a_missing_database_when_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let out = onrecord()
        .arg("--db")
        .arg(dir.path().join("none.db"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .assert()
        .failure();
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("none.db"), "{err}");
}

/// A WARC file ingested by a relative path, then served from another working directory:
/// the article's archive reference is absolute, so its archived copy is found and served in
/// its sandbox. (Every page and name invented.)
#[test]
fn serve_shows_the_archived_copy_of_an_ingested_warc_from_anywhere() {
    use chrono::TimeZone;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let html = "<!doctype html><html lang=\"en\"><head><title>Ferry fares to rise</title>\
        <meta property=\"og:site_name\" content=\"Orrin Gazette\">\
        <meta property=\"article:published_time\" content=\"2031-03-07T09:00:00Z\"></head>\
        <body><article><h1>Ferry fares to rise</h1>\
        <p>ORRIN, Halvaria — The harbour council said on Friday that ferry fares would rise by a tenth in the spring.</p>\
        <p>“We have no other way to pay for the new pier,” council chair Mira Holt told reporters on Friday.</p>\
        <p>The ferry workers' union said it would study the plan before its meeting next week.</p>\
        </article><script>document.title = 'ran';</script></body></html>";
    let response = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    let mut w = onrecord_warc::Writer::create(&input).unwrap();
    let at = chrono::Utc.with_ymd_and_hms(2031, 3, 7, 10, 0, 0).unwrap();
    let record = w
        .write_response(
            "https://gazette.example/2031/03/07/ferry-fares",
            at,
            response.as_bytes(),
            None,
        )
        .unwrap();
    w.finish().unwrap();
    let relative = Path::new("in").join(record.file.file_name().unwrap());
    let db = dir.path().join("t.db");
    onrecord()
        .current_dir(dir.path())
        .arg("--db")
        .arg(&db)
        .args(["ingest", "-q"])
        .arg(&relative)
        .assert()
        .success();

    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let nowhere = dir.path().join("no-archive");
    let nowhere = nowhere.to_str().unwrap();
    let (_server, addr, _) = start(&db, &["--archive", nowhere], &elsewhere);
    let (_, body) = get(&addr, "/api/v1/articles/1");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let archive = &v["page"]["archive"];
    assert!(
        Path::new(archive["file"].as_str().unwrap()).is_absolute(),
        "{v}"
    );
    assert_eq!(archive["offset"], record.offset);
    let (status, body) = get(&addr, "/articles/1/archived/raw");
    assert!(status.contains(" 200 "), "{status} {body}");
    assert_eq!(body, html);
    let (status, body) = get(&addr, "/articles/1/archived");
    assert!(status.contains(" 200 "), "{status}");
    assert!(
        body.contains("<iframe class=\"archived\" sandbox=\"\""),
        "{body}"
    );
}

/// The whole answer to `request`, written on a fresh connection (or on `stream`), read to
/// its end: (status line, lower-cased head, body). A reset connection fails the test.
fn exchange(stream: &mut TcpStream, request: &[u8]) -> (String, String, String) {
    stream.write_all(request).unwrap();
    let mut reply = Vec::new();
    stream
        .read_to_end(&mut reply)
        .unwrap_or_else(|e| panic!("reading the answer: {e}"));
    let reply = String::from_utf8(reply).unwrap();
    let (head, body) = reply
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("{reply:?}"));
    let status = head.lines().next().unwrap().to_string();
    (status, head.to_lowercase(), body.to_string())
}

/// Addresses of any length, and heads too large, get an answer like any other refused
/// request: a 414 (or 431) in JSON under /api and as a page elsewhere, with the usual
/// headers, never a reset connection or a bare status line; also when the HTTP parser
/// refuses them before the application sees them (64 KiB and up), and on a connection
/// that already served a request.
#[test]
fn serve_answers_over_long_requests_with_its_own_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "---\npublished: 2031-03-07\n---\nFerries\n\nMayor Lena Ødegård said the ferries would run.\n",
    )
    .unwrap();
    onrecord()
        .arg("--db")
        .arg(&db)
        .args(["ingest", "-q"])
        .arg(&article)
        .assert()
        .success();
    let (_server, addr, _) = start(&db, &[], dir.path());
    let check = |status: &str, head: &str, body: &str, code: &str, api: bool, what: &str| {
        assert!(
            status.starts_with(&format!("HTTP/1.1 {code} ")),
            "{what}: {status}"
        );
        for h in [
            "content-security-policy: default-src 'none'",
            "x-content-type-options: nosniff",
            "x-frame-options: deny",
            "referrer-policy: no-referrer",
        ] {
            assert!(head.contains(h), "{what}: no {h} in {head}");
        }
        if api {
            assert!(
                head.contains("content-type: application/json"),
                "{what}: {head}"
            );
            let v: serde_json::Value = serde_json::from_str(body).unwrap();
            assert_eq!(v["status"].to_string(), code, "{what}: {v}");
            assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()));
        } else {
            assert!(head.contains("content-type: text/html"), "{what}: {head}");
            assert!(body.starts_with("<!DOCTYPE html>"), "{what}: {body}");
        }
    };
    for n in [6_000, 70_000, 300_000, 1_000_000, 3_000_000] {
        for (path, api) in [("/api/v1/statements", true), ("/search", false)] {
            let what = format!("GET {path} with a {n}-byte query");
            let q = "a".repeat(n);
            let request =
                format!("GET {path}?q={q} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
            let mut s = TcpStream::connect(&addr).unwrap();
            let (status, head, body) = exchange(&mut s, request.as_bytes());
            check(&status, &head, &body, "414", api, &what);
        }
    }
    // head fields too large (the address is fine)
    let big = "x".repeat(600_000);
    let request = format!("GET /api/v1/stats HTTP/1.1\r\nHost: {addr}\r\nX-Padding: {big}\r\n\r\n");
    let mut s = TcpStream::connect(&addr).unwrap();
    let (status, head, body) = exchange(&mut s, request.as_bytes());
    check(&status, &head, &body, "431", true, "a 600 kB header");
    // a long address on a connection that already served a request
    let mut s = TcpStream::connect(&addr).unwrap();
    write!(s, "GET /api/v1/stats HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut first = [0u8; 4096];
    let n = s.read(&mut first).unwrap();
    assert!(String::from_utf8_lossy(&first[..n]).starts_with("HTTP/1.1 200 "));
    let request = format!(
        "GET /search?q={} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n",
        "b".repeat(100_000)
    );
    let (status, head, body) = exchange(&mut s, request.as_bytes());
    check(&status, &head, &body, "414", false, "after another request");
    // and the server still answers
    let (status, _) = get(&addr, "/api/v1/stats");
    assert!(status.contains(" 200 "), "{status}");
}
