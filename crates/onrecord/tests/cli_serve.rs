//! `onrecord serve` as a user starts it: the binary on a free port, answering over HTTP, and
//! refusing clearly what it cannot serve.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
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

    let mut child = StdCommand::cargo_bin("onrecord").unwrap();
    child
        .env_remove("ONRECORD_DB")
        .env_remove("ONRECORD_INGEST_TOKEN")
        .arg("--db")
        .arg(&db)
        .args(["serve", "--addr", "127.0.0.1:0"])
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
