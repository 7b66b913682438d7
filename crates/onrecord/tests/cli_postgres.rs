//! End-to-end tests of the commands on a PostgreSQL database, as a team would run them: the
//! same record and the same answers as on SQLite, reruns that add nothing, an SQLite
//! record copied over, the URL's password never printed, and a clear error from the
//! commands that do not read PostgreSQL yet.
//!
//! Each test makes its own database on the test server (`onrecord_pg::scratch`) and is
//! skipped where none answers, unless `ONRECORD_REQUIRE_POSTGRES` is set (as in CI).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use onrecord_pg::scratch::ScratchDb;

fn onrecord() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_onrecord"));
    cmd.env_remove("ONRECORD_DB").env_remove("COLUMNS");
    cmd
}

fn example_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus")
}

fn run(db: &str, args: &[&str]) -> (String, String) {
    let out = onrecord().arg("--db").arg(db).args(args).output().unwrap();
    let (o, e) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert!(out.status.success(), "onrecord {args:?} on {db}: {e}");
    (o, e)
}

/// A URL with a password the server does not need (trust auth): it must never show.
fn with_password(url: &str) -> String {
    url.replacen("://postgres@", "://postgres:hunter2-secret@", 1)
}

#[test]
fn the_example_corpus_gives_the_same_record_on_postgresql_as_on_sqlite() {
    let Some(pg) = ScratchDb::create() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let sqlite = dir.path().join("x.db");
    let sqlite = sqlite.to_str().unwrap();
    let url = pg.url();
    let corpus = example_corpus();
    let corpus = corpus.to_str().unwrap();
    run(sqlite, &["ingest", corpus]);
    let (_, first) = run(url, &["ingest", corpus]);
    assert!(first.contains("6 new"), "{first}");
    // a rerun stores nothing twice
    let (_, again) = run(url, &["ingest", corpus]);
    assert!(again.contains("0 new, 6 already stored"), "{again}");
    for args in [
        &["quotes", "--limit", "0", "-f", "jsonl"][..],
        &["speakers", "--limit", "0", "-f", "jsonl"],
        &["quotes", "--speaker", "yildirim", "-f", "csv"],
        &["quotes", "--text", "negotiat*", "-f", "csv"],
        &["quotes", "--text", "\"door is open\"", "-f", "csv"],
        &[
            "quotes",
            "--from",
            "2024-03-05",
            "--to",
            "2024-03-06",
            "-f",
            "jsonl",
        ],
        &["figures", "--limit", "0", "-f", "jsonl"],
        &["figures", "--subject", "percent", "-f", "csv"],
        &["events", "--limit", "0", "-f", "jsonl"],
        &["events", "--by-month", "-f", "jsonl"],
        &["export", "--format", "jsonl"],
        &["export", "--table", "figures", "--format", "csv"],
        &["export", "--table", "events", "--format", "jsonl"],
        &["export", "--table", "speakers", "--format", "jsonl"],
        &["export", "--table", "articles", "--format", "csv"],
    ] {
        let (a, _) = run(sqlite, args);
        let (b, _) = run(url, args);
        assert!(!a.trim().is_empty(), "{args:?} finds something");
        assert_eq!(a, b, "{args:?}");
    }
    // Parquet too: the same typed table, byte for byte
    let out = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    run(sqlite, &["export", "--out", &out("a.parquet")]);
    run(url, &["export", "--out", &out("b.parquet")]);
    let (a, b) = (
        std::fs::read(out("a.parquet")).unwrap(),
        std::fs::read(out("b.parquet")).unwrap(),
    );
    assert!(a.len() > 1000 && a == b, "{} vs {} bytes", a.len(), b.len());
    let (status, _) = run(url, &["status"]);
    assert!(status.contains("PostgreSQL, schema version"), "{status}");
    assert!(status.contains("articles   6"), "{status}");
}

#[test]
fn an_sqlite_record_is_copied_once_and_the_password_never_shows() {
    let Some(pg) = ScratchDb::create() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let sqlite = dir.path().join("x.db");
    let sqlite = sqlite.to_str().unwrap();
    run(sqlite, &["ingest", example_corpus().to_str().unwrap()]);
    let secret = with_password(pg.url());
    // the URL from the environment, as DEPLOY.md advises
    let copy = |what: &str| {
        let out = onrecord()
            .env("ONRECORD_DB", &secret)
            .args(["copy", "--from", sqlite])
            .output()
            .unwrap();
        let e = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "{what}: {e}");
        assert!(!e.contains("hunter2"), "{e}");
        assert!(e.contains("postgres:***@"), "{e}");
        e
    };
    assert!(copy("first").contains("copied 6 articles"));
    assert!(copy("again").contains("copied 0 articles"));
    let (a, _) = run(sqlite, &["quotes", "--limit", "0", "-f", "jsonl"]);
    let (b, _) = run(pg.url(), &["quotes", "--limit", "0", "-f", "jsonl"]);
    assert_eq!(a, b);
}

#[test]
fn commands_that_do_not_read_postgresql_yet_say_so() {
    let Some(pg) = ScratchDb::create() else {
        return;
    };
    let secret = with_password(pg.url());
    let args = ["reanalyze"];
    let out = onrecord()
        .arg("--db")
        .arg(&secret)
        .args(args)
        .output()
        .unwrap();
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{args:?}");
    assert!(e.contains("PostgreSQL"), "{args:?}: {e}");
    assert!(!e.contains("hunter2"), "{args:?}: {e}");
}

#[test]
fn a_server_that_does_not_answer_is_a_clear_error() {
    let out = onrecord()
        .args(["--db", "postgres://nobody:pw@127.0.0.1:9/none", "status"])
        .output()
        .unwrap();
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        e.contains("cannot connect to PostgreSQL at postgres://nobody:***@127.0.0.1:9/none"),
        "{e}"
    );
}

/// Invented articles: a minister named in full, by surname and by pronoun, and a second
/// speaker, so that identities are made and joined as the articles go in.
fn write_articles(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        let text = if i % 3 == 0 {
            format!(
                "Round {i} of talks\n\nLopes said on Monday that talks would resume in round \
                 {i}. Deputy minister Piet Oran said Vardania was ready.\n"
            )
        } else {
            format!(
                "Round {i} of talks\n\nForeign Minister Ana Lopes said on Monday that talks \
                 would resume in round {i}. \"We are ready,\" she told reporters.\n"
            )
        };
        std::fs::write(dir.join(format!("a{i:05}.txt")), text).unwrap();
    }
}

/// Two workers ingest the same files at once; one is killed with -9 halfway and started
/// again. The record is then that of one SQLite ingest: nothing lost, nothing twice, the
/// same speakers with the same counts.
#[test]
fn a_worker_killed_halfway_and_restarted_beside_another_loses_nothing_and_doubles_nothing() {
    const N: usize = 1500;
    let Some(pg) = ScratchDb::create() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    write_articles(&corpus, N);
    let corpus = corpus.to_str().unwrap();
    run(pg.url(), &["migrate"]);
    let worker = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_onrecord"))
            .env("ONRECORD_DB", pg.url())
            .args(["ingest", "--quiet", "--jobs", "1", corpus])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let mut steady = worker();
    let mut doomed = worker();
    // kill once something is stored (or the ingest is over)
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let (status, _) = run(pg.url(), &["status"]);
        let stored = !status.contains("articles   0\n");
        if stored || std::time::Instant::now() > deadline || doomed.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    doomed.kill().unwrap(); // SIGKILL
    doomed.wait().unwrap();
    let mut again = worker();
    assert!(steady.wait().unwrap().success());
    assert!(again.wait().unwrap().success());

    let sqlite = tmp.path().join("x.db");
    let sqlite = sqlite.to_str().unwrap();
    run(sqlite, &["ingest", "--quiet", corpus]);
    let counts = |db: &str| {
        let (s, _) = run(db, &["status"]);
        s.lines().skip(1).take(3).collect::<Vec<_>>().join("\n")
    };
    assert_eq!(counts(pg.url()), counts(sqlite));
    assert!(counts(sqlite).contains(&format!("articles   {N}")));
    let (a, _) = run(sqlite, &["speakers", "--limit", "0"]);
    let (b, _) = run(pg.url(), &["speakers", "--limit", "0"]);
    assert_eq!(a, b);
}
