//! `onrecord extract` and `onrecord eval` run as a user would, on invented articles.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{json, Value};

fn onrecord() -> Command {
    let mut cmd = Command::cargo_bin("onrecord").unwrap();
    cmd.env_remove("ONRECORD_DB");
    cmd
}

/// An invented article with one direct quote; `n` varies it.
fn article(n: usize) -> Value {
    let text = format!(
        "Harbour vote {n}\n\n\"We will open the bridge in spring,\" Mayor Lena Ødegård said on Tuesday. \
         Her deputy, Tomás Ruiz, said the budget for item {n} was already spent."
    );
    json!({"id": format!("doc-{n:04}"), "text": text, "published": "2031-05-09",
           "outlet": "The Invented Herald", "title": format!("Harbour vote {n}")})
}

fn write_jsonl(dir: &Path, name: &str, docs: &[Value]) -> PathBuf {
    let path = dir.join(name);
    let mut f = std::fs::File::create(&path).unwrap();
    for d in docs {
        writeln!(f, "{d}").unwrap();
    }
    path
}

fn lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

fn ids(records: &[Value]) -> Vec<String> {
    records
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn extract_prints_one_annotated_record_per_article() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_jsonl(dir.path(), "news.jsonl", &[article(1), article(2)]);
    let out = onrecord()
        .arg("extract")
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records = lines(&out.stdout);
    assert_eq!(ids(&records), ["doc-0001", "doc-0002"]);
    for r in &records {
        for key in [
            "id",
            "text",
            "published",
            "outlet",
            "title",
            "attributions",
            "speakers",
            "timexes",
        ] {
            assert!(r.get(key).is_some(), "no {key} in {r}");
        }
        assert_eq!(r["published"], "2031-05-09");
        let text: Vec<char> = r["text"].as_str().unwrap().chars().collect();
        for a in r["attributions"].as_array().unwrap() {
            for span in a["content"].as_array().unwrap() {
                let (s, e) = (
                    span[0].as_u64().unwrap() as usize,
                    span[1].as_u64().unwrap() as usize,
                );
                assert!(s < e && e <= text.len(), "span {span} outside the text");
            }
            assert!(a["direct"].is_boolean());
        }
    }
    let out = onrecord()
        .args(["extract", "--no-text"])
        .arg(&path)
        .assert()
        .success();
    let records = lines(&out.get_output().stdout);
    assert!(records
        .iter()
        .all(|r| r.get("text").is_none() && r.get("attributions").is_some()));
}

#[test]
fn extract_keeps_input_order_on_several_threads() {
    let dir = tempfile::tempdir().unwrap();
    // More than two batches, in an order that is not sorted by id.
    let docs: Vec<Value> = (0..600).map(|i| article((i * 7919) % 600)).collect();
    let path = write_jsonl(dir.path(), "many.jsonl", &docs);
    let want: Vec<String> = docs
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    let two = onrecord()
        .args(["extract", "--no-text", "--jobs", "2"])
        .arg(&path)
        .assert()
        .success();
    let two = two.get_output().stdout.clone();
    assert_eq!(ids(&lines(&two)), want);
    let one = onrecord()
        .args(["extract", "--no-text", "--jobs", "1"])
        .arg(&path)
        .assert()
        .success();
    assert_eq!(
        one.get_output().stdout,
        two,
        "one thread and two give the same output"
    );
}

#[test]
fn extract_reports_problems_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mixed.jsonl");
    std::fs::write(
        &path,
        format!("{}\n{{\"id\": \"broken\"\n{}\n", article(1), article(2)),
    )
    .unwrap();
    let out = onrecord()
        .arg("extract")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with("onrecord: error: "))
        .stderr(predicate::str::contains("mixed.jsonl:2: "));
    assert_eq!(
        ids(&lines(&out.get_output().stdout)),
        ["doc-0001", "doc-0002"]
    );
    onrecord()
        .args(["extract", "--jobs", "0"])
        .arg(&path)
        .assert()
        .code(2);
}

#[test]
fn extract_reads_standard_input() {
    let input = format!("{}\n", article(3));
    let out = onrecord()
        .args(["extract", "--stdin-format", "jsonl", "-"])
        .write_stdin(input)
        .assert()
        .success();
    assert_eq!(ids(&lines(&out.get_output().stdout)), ["doc-0003"]);
}

#[test]
fn extract_stops_quietly_when_the_reader_goes() {
    let dir = tempfile::tempdir().unwrap();
    let docs: Vec<Value> = (0..2000).map(article).collect();
    let path = write_jsonl(dir.path(), "many.jsonl", &docs);
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("onrecord"))
        .arg("extract")
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with('{'));
    // The reader is dropped here: the rest of the output meets a closed pipe.
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A tiny gold file whose spans are computed from the invented text.
fn gold(dir: &Path) -> PathBuf {
    let text = "\"The ferry runs again,\" said Ana Lima. Officials said the port stays shut.";
    let span = |needle: &str| {
        let start = text[..text.find(needle).unwrap()].chars().count();
        json!([[start, start + needle.chars().count()]])
    };
    let doc = json!({"id": "g1", "text": text, "published": "2031-02-03", "attributions": [
        {"content": span("\"The ferry runs again,\""), "cue": span("said"), "source": span("Ana Lima"),
         "speaker": "Ana Lima", "direct": true},
        {"content": span("the port stays shut"), "cue": span("said the"), "source": span("Officials"),
         "direct": false},
    ]});
    write_jsonl(dir, "gold.jsonl", &[doc])
}

const HEADER: &str =
    "track@match      gold   pred      P      R     F1    src    cue   name   date  e2eF1";

#[test]
fn eval_extracts_and_prints_the_reference_table() {
    let dir = tempfile::tempdir().unwrap();
    let gold = gold(dir.path());
    let out = onrecord().arg("eval").arg(&gold).assert().success();
    let table = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let rows: Vec<&str> = table.lines().collect();
    assert_eq!(rows[0], HEADER);
    assert_eq!(rows.len(), 7);
    assert!(rows[1].starts_with("all@exact           2 "), "{table}");
}

#[test]
fn eval_of_gold_against_itself_is_perfect() {
    let dir = tempfile::tempdir().unwrap();
    let gold = gold(dir.path());
    let out = onrecord()
        .arg("eval")
        .arg(&gold)
        .arg("--pred")
        .arg(&gold)
        .assert()
        .success();
    let table = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for row in table.lines().skip(1) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cols[5], "100.0", "F1 of {row}");
    }
    let out = onrecord()
        .arg("eval")
        .arg(&gold)
        .arg("--pred")
        .arg(&gold)
        .arg("--json")
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["all@0.3"]["F1"], 1.0);
    assert_eq!(v["direct@exact"]["gold"], 1);
    assert_eq!(v["all@exact"]["date_acc"], Value::Null);
}

/// An invented annotated article whose one statement is cued by an invented verb, "zorbled",
/// which no built-in table knows: what `learn-cues` learns from it shows in `--models` runs.
fn zorbled(n: usize) -> Value {
    let people = ["Lena Ødegård", "Tomás Ruiz", "Ilse Brant", "Omar Vey"];
    let who = people[n % people.len()];
    let content = format!("the ferry to pier {n} would run again in spring");
    let text = format!("Port news {n}\n\n{who} zorbled that {content}. The pier was shut in May.");
    let at = |part: &str| {
        let start = text.find(part).unwrap();
        let a = text[..start].chars().count();
        json!([[a, a + part.chars().count()]])
    };
    json!({"id": format!("z-{n:02}"), "text": text, "published": "2031-05-09",
           "attributions": [{"source": at(who), "cue": at("zorbled"),
                             "content": at(&format!("that {content}"))}]})
}

#[test]
fn extract_and_eval_use_the_tables_learn_cues_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let train: Vec<Value> = (0..12).map(zorbled).collect();
    let train = write_jsonl(dir.path(), "train.jsonl", &train);
    let models = dir.path().join("models");
    onrecord()
        .args(["-q", "learn-cues"])
        .arg(&train)
        .arg("--out")
        .arg(&models)
        .assert()
        .success();
    let unseen = write_jsonl(dir.path(), "unseen.jsonl", &[zorbled(40)]);
    let contents = |extra: &[&std::ffi::OsStr]| -> Vec<Value> {
        let out = onrecord()
            .arg("extract")
            .args(extra)
            .arg(&unseen)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        lines(&out)[0]["attributions"].as_array().unwrap().clone()
    };
    assert!(
        contents(&[]).is_empty(),
        "the built-in tables know no 'zorbled'"
    );
    let learned = contents(&["--models".as_ref(), models.as_os_str()]);
    assert_eq!(learned.len(), 1, "{learned:?}");
    assert_eq!(learned[0]["speaker"], "Lena Ødegård");

    // eval scores the extraction made with the same tables: the one statement is found
    let out = onrecord()
        .args(["eval", "--json"])
        .arg(&unseen)
        .arg("--models")
        .arg(&models)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let scores: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(scores["all@0.3"]["R"], 1.0, "{scores}");

    // a folder learn-cues did not write is refused, naming the missing table
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    onrecord()
        .arg("extract")
        .arg("--models")
        .arg(&empty)
        .arg(&unseen)
        .assert()
        .failure()
        .stderr(predicate::str::contains("cues.tsv"));
}
