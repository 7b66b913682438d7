//! End-to-end tests of `ingest`, `quotes` and `speakers` against temporary databases.
//!
//! Most assertions hold for any analysis (idempotency, consistent counts, every stored
//! article complete); the test of one plain sentence (`a_minister_said_on_monday`) needs the
//! real attribution analysis.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use assert_cmd::Command;
use onrecord_core::{
    identity_key, Analysis, Article, Attribution, AttributionKind, DayEvidence, Origin, Span,
    Speaker, SpeakerKind,
};
use onrecord_store::Store;
use predicates::prelude::*;
use serde_json::Value;

fn onrecord() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_onrecord"));
    cmd.env_remove("ONRECORD_DB").env_remove("COLUMNS");
    cmd
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn example_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus")
}

/// Every stored article is stored whole: its statement count is what the analysis gives it,
/// and its fingerprint is the article's. Returns the number of articles.
fn assert_complete(db: &Path) -> u64 {
    let store = Store::open_read_only(db).unwrap();
    let mut n = 0;
    store
        .each_article(|row| {
            n += 1;
            assert_eq!(row.fingerprint, row.article.fingerprint());
            let expected = onrecord_analysis::analyze(&row.article).attributions.len() as u64;
            assert_eq!(
                row.statements, expected,
                "article {} stored with {} of {expected} statements",
                row.article.id, row.statements
            );
            Ok(())
        })
        .unwrap();
    let counts = store.counts().unwrap();
    assert_eq!(counts.articles, n);
    n
}

fn write_articles(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        std::fs::write(
            dir.join(format!("a{i:05}.txt")),
            format!(
                "Round {i} of talks\n\nMinister Ana Lopes said on Monday that talks would \
                 resume in round {i}. \"We are ready,\" she told reporters.\n"
            ),
        )
        .unwrap();
    }
}

#[test]
fn ingesting_twice_adds_nothing_the_second_time() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    write_articles(&corpus, 5);
    let db = tmp.path().join("x.db");

    let first = onrecord()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(first.status.success(), "{}", stderr(&first));
    let err = stderr(&first);
    assert!(
        err.contains("5 articles read: 5 new, 0 already stored"),
        "{err}"
    );
    assert!(err.contains("0 warnings, 0 errors"), "{err}");
    let before = Store::open_read_only(&db).unwrap().counts().unwrap();
    assert_eq!(assert_complete(&db), 5);

    let second = onrecord()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(second.status.success(), "{}", stderr(&second));
    let err = stderr(&second);
    assert!(
        err.contains("5 articles read: 0 new, 5 already stored; 0 statements added"),
        "{err}"
    );
    assert_eq!(
        Store::open_read_only(&db).unwrap().counts().unwrap(),
        before
    );
}

#[test]
fn example_corpus_is_stored_consistently_and_idempotently() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("x.db");
    let ingest = || {
        onrecord()
            .args(["ingest", "--quiet", "--db"])
            .arg(&db)
            .arg(example_corpus())
            .output()
            .unwrap()
    };
    ingest();
    let first = Store::open_read_only(&db).unwrap().counts().unwrap();
    assert_complete(&db);
    ingest();
    assert_eq!(Store::open_read_only(&db).unwrap().counts().unwrap(), first);

    // Speakers' statement counts add up to the attributed statements.
    let out = onrecord()
        .args(["speakers", "--limit", "0", "--format", "jsonl", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let attributed: u64 = stdout(&out)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["statements"]
                .as_u64()
                .unwrap()
        })
        .sum();
    let out = onrecord()
        .args(["quotes", "--limit", "0", "--format", "jsonl", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let rows: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len() as u64, first.statements);
    let with_speaker = rows.iter().filter(|r| !r["speaker"].is_null()).count() as u64;
    assert_eq!(with_speaker, attributed);
}

#[test]
fn the_database_path_comes_from_db_then_env_then_the_current_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    write_articles(&corpus, 1);
    let work = tmp.path().join("work");
    std::fs::create_dir(&work).unwrap();

    onrecord()
        .current_dir(&work)
        .args(["ingest", "--quiet", "--db", "flag.db"])
        .arg(&corpus)
        .assert()
        .success();
    assert!(work.join("flag.db").is_file());
    assert!(!work.join("onrecord.db").exists());

    onrecord()
        .current_dir(&work)
        .env("ONRECORD_DB", "env.db")
        .args(["ingest", "--quiet"])
        .arg(&corpus)
        .assert()
        .success();
    assert!(work.join("env.db").is_file());

    onrecord()
        .current_dir(&work)
        .env("ONRECORD_DB", "env.db")
        .args(["ingest", "--quiet", "--db", "flag2.db"])
        .arg(&corpus)
        .assert()
        .success();
    assert!(
        work.join("flag2.db").is_file(),
        "--db wins over the environment"
    );

    onrecord()
        .current_dir(&work)
        .args(["ingest", "--quiet"])
        .arg(&corpus)
        .assert()
        .success();
    assert!(work.join("onrecord.db").is_file());
    onrecord()
        .current_dir(&work)
        .args(["quotes", "--format", "csv"])
        .assert()
        .success();
}

/// A store filled directly, with a hand-made analysis, so the printers are tested whatever
/// the analysis does today.
fn filled_store(dir: &Path) -> PathBuf {
    let db = dir.join("filled.db");
    let mut store = Store::open(&db).unwrap();
    let text = "Kalın: talks must resume\n\n“The cost is serious,” İbrahim Kalın told \
                Al Jazeera on Sunday, “and we are in contact.” Türkiye said it was ready.";
    let span = |needle: &str| {
        let s = text.find(needle).unwrap();
        Span::new(s, s + needle.len())
    };
    let article = Article {
        id: "kestrel-1".into(),
        text: text.into(),
        title: Some("Talks must resume".into()),
        published: Some("2024-03-04".parse().unwrap()),
        outlet: Some("Kestrel Daily".into()),
        url: Some("https://kestrel.example/1".into()),
        origin: Origin {
            path: "kestrel-1.txt".into(),
            line: None,
            offset: None,
        },
        ..Article::default()
    };
    let analysis = Analysis {
        speakers: vec![
            Speaker {
                name: "İbrahim Kalın".into(),
                key: identity_key("İbrahim Kalın"),
                kind: SpeakerKind::Person,
                role: Some("Presidential Spokesman".into()),
                affiliation: Some("Türkiye".into()),
                variants: vec!["İbrahim Kalın".into(), "Kalın".into()],
            },
            Speaker {
                name: "Türkiye".into(),
                key: identity_key("Türkiye"),
                kind: SpeakerKind::Body,
                role: None,
                affiliation: None,
                variants: vec!["Türkiye".into()],
            },
        ],
        attributions: vec![
            Attribution {
                kind: AttributionKind::Headline,
                content: vec![span("talks must resume")],
                cue: vec![],
                source: vec![Span::new(0, "Kalın".len())],
                speaker: Some(0),
                date: None,
                date_evidence: None,
                audience: None,
                echo: None,
                resolution: None,
            },
            Attribution {
                kind: AttributionKind::Direct,
                content: vec![span("The cost is serious"), span("and we are in contact")],
                cue: vec![span("told")],
                source: vec![span("İbrahim Kalın")],
                speaker: Some(0),
                date: Some("2024-03-03".parse().unwrap()),
                date_evidence: Some(DayEvidence::Expression {
                    span: span("Sunday"),
                }),
                audience: Some(span("Al Jazeera")),
                echo: None,
                resolution: None,
            },
            Attribution {
                kind: AttributionKind::Indirect,
                content: vec![span("it was ready")],
                cue: vec![span("said")],
                source: vec![span("Türkiye")],
                speaker: Some(1),
                date: Some("2024-03-04".parse().unwrap()),
                date_evidence: Some(DayEvidence::Published),
                audience: None,
                echo: None,
                resolution: None,
            },
        ],
        ..Analysis::default()
    };
    store.insert(&article, &analysis).unwrap();
    db
}

fn query(db: &Path, args: &[&str]) -> String {
    let out = onrecord().args(args).arg("--db").arg(db).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn jsonl(s: &str) -> Vec<Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn quotes_print_as_table_jsonl_and_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let db = filled_store(tmp.path());

    let table = query(&db, &["quotes"]);
    let lines: Vec<&str> = table.lines().collect();
    assert!(
        lines[0].starts_with("DAY") && lines[0].contains("STATEMENT"),
        "{table}"
    );
    assert!(table.contains("2024-03-03 Sun"), "{table}");
    assert!(
        table.contains("2024-03-04 Mon*"),
        "publication day marked: {table}"
    );
    assert!(
        table.contains("İbrahim Kalın") && table.contains("Kestrel Daily"),
        "{table}"
    );
    assert!(
        table.contains("The cost is serious … and we are in contact"),
        "{table}"
    );

    let rows = jsonl(&query(&db, &["quotes", "--format", "jsonl"]));
    assert_eq!(rows.len(), 3);
    let r = &rows[0];
    assert_eq!(r["day"], "2024-03-03");
    assert_eq!(r["speaker"], "İbrahim Kalın");
    assert_eq!(r["speaker_key"], "ibrahim kalin");
    assert_eq!(r["role"], "Presidential Spokesman");
    assert_eq!(r["affiliation"], "Türkiye");
    assert_eq!(r["kind"], "direct");
    assert_eq!(r["content"], "The cost is serious … and we are in contact");
    assert_eq!(r["cue"], "told");
    assert_eq!(r["source"], "İbrahim Kalın");
    assert_eq!(r["audience"], "Al Jazeera");
    assert_eq!(r["article_id"], "kestrel-1");
    assert_eq!(r["title"], "Talks must resume");
    assert_eq!(r["outlet"], "Kestrel Daily");
    assert_eq!(r["url"], "https://kestrel.example/1");
    assert_eq!(r["day_from"], "expression");
    // spans are code points: they slice the text by characters
    let text: Vec<char> = "Kalın: talks must resume\n\n“The cost is serious,”"
        .chars()
        .collect();
    let span = &r["content_spans"][0];
    let (s, e) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    assert_eq!(text[s..e].iter().collect::<String>(), "The cost is serious");
    assert_eq!(rows[1]["kind"], "headline");
    assert_eq!(rows[1]["day"], Value::Null);
    assert_eq!(rows[1]["effective_day"], "2024-03-04");

    let csv_out = query(&db, &["quotes", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_out.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert!(headers.iter().any(|h| h == "content_spans"));
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 3);
    let content = headers.iter().position(|h| h == "content").unwrap();
    assert_eq!(
        &records[0][content],
        "The cost is serious … and we are in contact"
    );
}

#[test]
fn quotes_filters() {
    let tmp = tempfile::tempdir().unwrap();
    let db = filled_store(tmp.path());
    let count = |args: &[&str]| {
        let mut all = vec!["quotes", "--format", "jsonl"];
        all.extend_from_slice(args);
        jsonl(&query(&db, &all)).len()
    };
    assert_eq!(count(&["--speaker", "kalin"]), 2);
    assert_eq!(count(&["--speaker", "KALIN"]), 2);
    assert_eq!(count(&["--speaker", "Turkey"]), 1);
    assert_eq!(count(&["--speaker", "nobody"]), 0);
    assert_eq!(count(&["--text", "COST serious"]), 1);
    assert_eq!(count(&["--text", "cost ready"]), 0);
    assert_eq!(count(&["--from", "2024-03-04"]), 2);
    assert_eq!(count(&["--to", "2024-03-03"]), 1);
    assert_eq!(count(&["--from", "2024-03-03", "--to", "2024-03-03"]), 1);
    assert_eq!(count(&["--outlet", "kestrel daily"]), 3);
    assert_eq!(count(&["--outlet", "Other"]), 0);
    assert_eq!(count(&["--limit", "2"]), 2);
    assert_eq!(count(&["--limit", "0"]), 3);

    let out = onrecord()
        .args(["quotes", "--limit", "1", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("showing 1 of 3 statements"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_days_are_clear_errors_naming_the_option() {
    let tmp = tempfile::tempdir().unwrap();
    let db = filled_store(tmp.path());
    onrecord()
        .args(["quotes", "--from", "2024-13-01", "--db"])
        .arg(&db)
        .assert()
        .failure()
        .stderr(predicate::str::contains("--from").and(predicate::str::contains("YYYY-MM-DD")));
    onrecord()
        .args(["quotes", "--to", "last week", "--db"])
        .arg(&db)
        .assert()
        .failure()
        .stderr(predicate::str::contains("--to"));
    onrecord()
        .args([
            "quotes",
            "--from",
            "2024-03-05",
            "--to",
            "2024-03-01",
            "--db",
        ])
        .arg(&db)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "--from 2024-03-05 is after --to 2024-03-01",
        ));
}

#[test]
fn speakers_print_as_table_jsonl_and_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let db = filled_store(tmp.path());

    let table = query(&db, &["speakers"]);
    assert!(table.starts_with("SPEAKER"), "{table}");
    assert!(
        table.contains("İbrahim Kalın") && table.contains("Presidential Spokesman"),
        "{table}"
    );
    assert!(table.contains("Türkiye (body)"), "{table}");

    let rows = jsonl(&query(&db, &["speakers", "--format", "jsonl"]));
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["name"], "İbrahim Kalın");
    assert_eq!(rows[0]["statements"], 2);
    assert_eq!(rows[0]["first_day"], "2024-03-03");
    assert_eq!(rows[0]["last_day"], "2024-03-04");
    assert_eq!(rows[0]["kind"], "person");
    assert_eq!(rows[0]["variants"].as_array().unwrap().len(), 2);
    assert_eq!(rows[1]["key"], "turkiye");

    let named = jsonl(&query(
        &db,
        &["speakers", "--name", "kalin", "--format", "jsonl"],
    ));
    assert_eq!(named.len(), 1);
    let limited = jsonl(&query(
        &db,
        &["speakers", "--limit", "1", "--format", "jsonl"],
    ));
    assert_eq!(limited.len(), 1);

    let csv_out = query(&db, &["speakers", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_out.as_bytes());
    assert_eq!(&reader.headers().unwrap()[0], "name");
    assert_eq!(reader.records().count(), 2);
}

#[test]
fn a_malformed_jsonl_line_is_an_error_but_the_good_lines_are_stored() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("feed.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"good-1\", \"text\": \"Ana Lopes said talks would resume.\"}\n\
         {\"id\": \"broken\", \"text\": \n\
         {\"id\": \"good-2\", \"text\": \"Rui Costa said the talks had stalled.\"}\n",
    )
    .unwrap();
    let db = tmp.path().join("x.db");
    let out = onrecord()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("onrecord: error: ") && err.contains("feed.jsonl:2:"),
        "{err}"
    );
    assert!(err.contains("2 articles read: 2 new"), "{err}");
    assert!(err.contains("1 error"), "{err}");
    assert_eq!(assert_complete(&db), 2);

    // --quiet keeps errors, drops the summary.
    let out = onrecord()
        .args(["ingest", "--quiet", "--db"])
        .arg(&db)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("feed.jsonl:2:") && !err.contains("articles read"),
        "{err}"
    );
}

#[test]
fn querying_a_missing_database_says_to_ingest_first() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("missing.db");
    for cmd in ["quotes", "speakers"] {
        onrecord()
            .arg(cmd)
            .arg("--db")
            .arg(&db)
            .assert()
            .failure()
            .stderr(predicate::str::contains(format!(
                "onrecord: error: no database at {}; run `onrecord ingest` first",
                db.display()
            )));
    }
    assert!(!db.exists());
}

#[test]
fn a_killed_ingest_leaves_whole_articles_and_a_rerun_completes_it() {
    const N: usize = 3000;
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    write_articles(&corpus, N);
    let db = tmp.path().join("x.db");

    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_onrecord"))
        .env_remove("ONRECORD_DB")
        .args(["ingest", "--quiet", "--db"])
        .arg(&db)
        .arg(&corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // About 300 ms in; on a slow machine, wait until the first batch is committed.
    std::thread::sleep(Duration::from_millis(300));
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while std::time::Instant::now() < deadline
        && child.try_wait().unwrap().is_none()
        && Store::open_read_only(&db)
            .and_then(|s| s.counts())
            .map_or(true, |c| c.articles == 0)
    {
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    // Readable right away, and only whole articles.
    let partial = if db.exists() { assert_complete(&db) } else { 0 };
    assert!(partial <= N as u64);
    if partial == N as u64 {
        eprintln!("note: the ingest finished before it was killed");
    }

    let out = onrecord()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{N} articles read: {} new, {partial} already stored",
            N as u64 - partial
        )),
        "{err}"
    );
    assert_eq!(assert_complete(&db), N as u64);
}

/// Needs the attribution analysis: a plain reported-speech sentence gives one statement by
/// the named minister.
#[test]
fn a_minister_said_on_monday() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("x.db");
    onrecord()
        .args(["ingest", "--quiet", "--stdin-format", "txt", "--db"])
        .arg(&db)
        .arg("-")
        .write_stdin("Minister Ana Lopes said on Monday that talks would resume.\n")
        .assert()
        .success();
    let rows = jsonl(&query(&db, &["quotes", "--format", "jsonl"]));
    assert!(
        rows.iter().any(|r| r["speaker"] == "Ana Lopes"),
        "no statement by Ana Lopes: {rows:?}"
    );
}

/// A page that prints its headline twice and a background line: the extract output lists
/// every attribution with its echo, the record holds the headline once (pointing to the
/// lede that says it in full), and the background line has no day, not even the
/// publication day.
#[test]
fn a_repeated_headline_is_one_statement_and_background_has_no_day() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    // invented text about a fictional harbour town
    let line = serde_json::json!({
        "id": "portvel-tolls",
        "published": "2031-03-08",
        "text": "Ferry tolls must rise to save the old piers: Kaya\n\nFerry tolls must rise to save the old piers: Kaya\n\nFerry tolls in Portvel must rise this spring to save the old piers from collapse, Harbour Minister Ana Kaya said on Saturday.\n\nThe harbour board has long said the piers need money."
    });
    std::fs::write(corpus.join("a.jsonl"), format!("{line}\n")).unwrap();
    let out = onrecord().arg("extract").arg(&corpus).output().unwrap();
    let doc: Value = serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap();
    let a = doc["attributions"].as_array().unwrap();
    assert_eq!(a.len(), 4, "{doc}");
    assert_eq!(a[0]["restates"], 2);
    assert_eq!(a[1]["repeats"], 0);
    assert_eq!(a[3]["date_from"], "habitual");
    assert_eq!(a[3]["date"], Value::Null);

    let db = tmp.path().join("x.db");
    onrecord()
        .args(["ingest", "--quiet", "--db"])
        .arg(&db)
        .arg(&corpus)
        .assert()
        .success();
    let out = onrecord()
        .args(["quotes", "--format", "jsonl", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let rows: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 3, "{rows:?}");
    let lede = rows.iter().find(|r| r["position"] == 2).unwrap();
    let headline = rows.iter().find(|r| r["position"] == 0).unwrap();
    assert_eq!(headline["restates"], lede["id"], "{headline}");
    assert_eq!(lede["speaker"], "Ana Kaya", "{lede}");
    assert_eq!(lede["speaker_via"], "name", "{lede}");
    assert!(lede["speaker_confidence"]
        .as_f64()
        .is_some_and(|c| c > 0.5 && c <= 1.0));
    let background = rows.iter().find(|r| r["position"] == 3).unwrap();
    assert_eq!(background["effective_day"], Value::Null, "{background}");
}

/// The example corpus's figures: who gives them, hedged as the text hedges them, and a
/// speaker's figures as one query.
#[test]
fn figures_carry_their_source_and_bound() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.db");
    onrecord()
        .args(["--db", db.to_str().unwrap(), "-q", "ingest"])
        .arg(example_corpus())
        .assert()
        .success();
    let rows = jsonl(&query(
        &db,
        &[
            "figures",
            "--speaker",
            "united nations",
            "--format",
            "jsonl",
        ],
    ));
    // "According to the U.N., the flow below the dam fell by nearly a third …"
    let third = rows
        .iter()
        .find(|r| r["unit"] == "percent")
        .unwrap_or_else(|| panic!("{rows:?}"));
    assert_eq!(third["value"], 33.33);
    assert_eq!(third["bound"], "about");
    assert_eq!(third["source_name"], "United Nations");
    assert_eq!(third["effective_day"], "2024-03-07");
    // "Roughly a million people depend on it": the article's own figure, no source
    let all = jsonl(&query(
        &db,
        &["figures", "--unit", "people", "--format", "jsonl"],
    ));
    let million = all
        .iter()
        .find(|r| r["value"] == 1_000_000.0)
        .unwrap_or_else(|| panic!("{all:?}"));
    assert_eq!(million["text"], "Roughly a million");
    assert!(million["source_name"].is_null());
    // the CSV has a header and one line a figure; a bad bound is refused by name
    let csv = query(&db, &["figures", "--format", "csv", "-n", "0"]);
    assert!(csv.starts_with("id,article_id,"));
    onrecord()
        .args([
            "--db",
            db.to_str().unwrap(),
            "figures",
            "--bound",
            "roughly",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("'roughly' is no bound"));
}

/// The example corpus's events: by actor words and type, with who says so and the day
/// the text gives; a dyad counted by month; unknown types and standings refused by name.
#[test]
fn events_carry_who_says_so_and_their_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    onrecord()
        .args(["--db", db.to_str().unwrap(), "-q", "ingest"])
        .arg(example_corpus())
        .assert()
        .success();
    let welcomed = jsonl(&query(
        &db,
        &[
            "events",
            "--actor",
            "halvarian foreign ministry",
            "--type",
            "support",
            "--format",
            "jsonl",
        ],
    ));
    assert_eq!(welcomed.len(), 1, "{welcomed:?}");
    assert_eq!(welcomed[0]["trigger"], "welcomed");
    assert_eq!(welcomed[0]["standing"], "happened");
    // "… arrested the fishermen …", says the Vardanian side: claimed, per its speaker
    let arrests = jsonl(&query(
        &db,
        &["events", "--type", "coerce", "--format", "jsonl", "-n", "0"],
    ));
    assert!(
        arrests
            .iter()
            .any(|r| r["standing"] == "claimed" && r["source_name"].is_string()),
        "{arrests:?}"
    );
    // a meeting on a named day carries that day
    let met = jsonl(&query(
        &db,
        &[
            "events", "--type", "consult", "--format", "jsonl", "-n", "0",
        ],
    ));
    assert!(met.iter().any(|r| r["day"] == "2024-03-03"), "{met:?}");
    let months = query(
        &db,
        &[
            "events",
            "--type",
            "consult",
            "--by-month",
            "--format",
            "csv",
        ],
    );
    assert!(
        months.starts_with("month,type,count\n2024-03,CONSULT,"),
        "{months}"
    );
    for (flag, bad, says) in [
        ("--type", "parley", "'parley' is no PLOVER type"),
        ("--standing", "maybe", "'maybe' is no standing"),
    ] {
        onrecord()
            .args(["--db", db.to_str().unwrap(), "events", flag, bad])
            .assert()
            .failure()
            .stderr(predicate::str::contains(says));
    }
}

/// `export` writes a table whole under its name (never a half file), in the format its
/// extension names; JSON lines go to standard output.
#[test]
fn export_writes_parquet_jsonl_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    onrecord()
        .args(["--db", db.to_str().unwrap(), "-q", "ingest"])
        .arg(example_corpus())
        .assert()
        .success();
    let statements = Store::open_read_only(&db)
        .unwrap()
        .counts()
        .unwrap()
        .statements;
    let pq = dir.path().join("s.parquet");
    onrecord()
        .args(["--db", db.to_str().unwrap(), "export", "--out"])
        .arg(&pq)
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "{statements} statements exported"
        )));
    let bytes = std::fs::read(&pq).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
    assert!(!dir.path().join("s.parquet.partial").exists());
    // figures as JSON lines on standard output, filtered by who gives them
    let out = onrecord()
        .args([
            "--db",
            db.to_str().unwrap(),
            "export",
            "-T",
            "figures",
            "--speaker",
            "united nations",
        ])
        .output()
        .unwrap();
    let rows = jsonl(&stdout(&out));
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|r| r["source_name"] == "United Nations"),
        "{rows:?}"
    );
    // an unknown extension is refused by name; Parquet needs a file
    onrecord()
        .args(["--db", db.to_str().unwrap(), "export", "--out", "x.xlsx"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("'.xlsx' names no format"));
    onrecord()
        .args([
            "--db",
            db.to_str().unwrap(),
            "export",
            "--format",
            "parquet",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("give --out PATH"));
}
