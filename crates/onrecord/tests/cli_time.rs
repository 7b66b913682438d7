//! The time layer through the command line, on invented articles: timexes and inferred
//! publication days in `onrecord extract`, and the time tasks of `onrecord eval`.

use std::io::Write;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::{json, Value};

fn onrecord() -> Command {
    let mut cmd = Command::cargo_bin("onrecord").unwrap();
    cmd.env_remove("ONRECORD_DB");
    cmd
}

fn write_jsonl(dir: &Path, name: &str, docs: &[Value]) -> PathBuf {
    let path = dir.join(name);
    let mut f = std::fs::File::create(&path).unwrap();
    for d in docs {
        writeln!(f, "{d}").unwrap();
    }
    path
}

fn records(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// `[[start, end]]` in code points of `needle` in `text`.
fn span(text: &str, needle: &str) -> Value {
    let start = text[..text.find(needle).unwrap()].chars().count();
    json!([[start, start + needle.chars().count()]])
}

const CAPTIONED: &str = "Piers must reopen: Ødegård\nWorkers repair a pier in Kestrel, Saturday, March 8, 2031. (Photo/Invented)\n\nMayor Lena Ødegård said Saturday the piers would reopen next week.";

#[test]
fn extract_infers_a_missing_publication_day_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_jsonl(
        dir.path(),
        "in.jsonl",
        &[
            json!({"id": "captioned", "text": CAPTIONED}),
            json!({"id": "given", "text": CAPTIONED, "published": "2031-03-09"}),
            json!({"id": "undated", "text": "Mayor Lena Ødegård said Saturday the piers would reopen."}),
        ],
    );
    let out = onrecord().arg("extract").arg(&input).assert().success();
    let r = records(&out.get_output().stdout);
    // inferred from the caption, marked as inferred, with its evidence in code points
    assert_eq!(r[0]["published"], "2031-03-08");
    assert_eq!(r[0]["published_inferred"]["confidence"], 0.9);
    let evidence = r[0]["published_inferred"]["evidence"].as_array().unwrap();
    assert_eq!(evidence[0], span(CAPTIONED, "Saturday, March 8, 2031")[0]);
    let values: Vec<&str> = r[0]["timexes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["value"].as_str().unwrap())
        .collect();
    assert_eq!(values, ["2031-03-08", "2031-03-08", "2031-W11"]);
    let dates: Vec<&Value> = r[0]["attributions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["date"])
        .collect();
    assert!(dates.iter().all(|d| *d == "2031-03-08"), "{dates:?}");
    // metadata wins, and is not marked
    assert_eq!(r[1]["published"], "2031-03-09");
    assert!(r[1].get("published_inferred").is_none());
    // nothing to go on: unknown
    assert_eq!(r[2]["published"], Value::Null);
    assert_eq!(r[2]["timexes"][0]["value"], "XXXX-WXX-6");
}

fn timex_gold(dir: &Path) -> PathBuf {
    let text = "The council said Friday that the bridge had been shut for six months.";
    let doc = json!({"id": "t1", "text": text, "published": "2031-03-07", "timexes": [
        {"span": span(text, "Friday"), "type": "DATE", "value": "2031-03-07"},
        {"span": span(text, "six months"), "type": "DURATION", "value": "P6M"},
    ]});
    let captioned = json!({"id": "t2", "text": CAPTIONED, "published": "2031-03-08", "timexes": [
        {"span": span(CAPTIONED, "Saturday, March 8, 2031"), "type": "DATE", "value": "2031-03-08"},
    ]});
    write_jsonl(dir, "tgold.jsonl", &[doc, captioned])
}

#[test]
fn eval_scores_time_expressions_when_the_gold_has_them() {
    let dir = tempfile::tempdir().unwrap();
    let gold = timex_gold(dir.path());
    let out = onrecord().arg("eval").arg(&gold).assert().success();
    let table = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let rows: Vec<&str> = table.lines().collect();
    assert_eq!(rows[0], "match     gold  pred   hit      P      R     F1");
    // every gold timex found with its value (the prediction has two more in t2)
    assert!(
        rows[2].starts_with("relaxed      3     5     3 "),
        "{table}"
    );
    assert!(rows[4].starts_with("value acc 100.00"), "{table}");
    // the gold against itself, as JSON
    let out = onrecord()
        .args(["eval", "--json", "--pred"])
        .arg(&gold)
        .arg(&gold)
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["value_F1"], 1.0);
    assert_eq!(v["by_type"]["DURATION"]["gold"], 1);
}

#[test]
fn eval_docdate_blind_scores_inferred_publication_days() {
    let dir = tempfile::tempdir().unwrap();
    let gold = timex_gold(dir.path());
    let out = onrecord()
        .args(["eval", "--docdate", "--blind"])
        .arg(&gold)
        .assert()
        .success();
    let table = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    // t1 writes no year: unknown; t2's caption gives its day
    assert_eq!(
        table,
        " docs answered  exact +-1day   year\n    2        1  50.00  50.00  50.00\n"
    );
    onrecord()
        .args(["eval", "--blind", "--pred"])
        .arg(&gold)
        .arg(&gold)
        .assert()
        .failure();
}

/// An invented article with no publication day whose URL is dated (2031-03-07 is a Friday).
const URL_DATED: &str = "---\nurl: https://news.example/2031/3/7/kestrel-ferries\noutlet: Kestrel Courier\n---\nFerries will run, mayor says\n\nMayor Lena Ødegård said Friday the ferries would run all winter.\n";

#[test]
fn a_dated_url_gives_the_day_through_extract_ingest_and_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ferries.txt");
    std::fs::write(&path, URL_DATED).unwrap();
    let out = onrecord().arg("extract").arg(&path).assert().success();
    let r = records(&out.get_output().stdout);
    assert_eq!(r[0]["published"], "2031-03-07");
    let inferred = &r[0]["published_inferred"];
    assert_eq!(
        inferred["named"],
        "https://news.example/2031/3/7/kestrel-ferries"
    );
    assert_eq!(inferred["confidence"], 0.85, "{inferred}");
    // the statement's own "Friday" dates it; it agrees with the URL
    assert_eq!(r[0]["attributions"][0]["date"], "2031-03-07");

    // the store keeps the inferred day, marked, and `quotes` filters on it
    let db = dir.path().join("t.db");
    onrecord()
        .arg("--db")
        .arg(&db)
        .args(["ingest", "-q"])
        .arg(&path)
        .assert()
        .success();
    let out = onrecord()
        .arg("--db")
        .arg(&db)
        .args(["quotes", "--from", "2031-03-07", "--format", "jsonl"])
        .assert()
        .success();
    let rows = records(&out.get_output().stdout);
    // the headline's and the body's statement
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(|r| r["published"] == "2031-03-07"
        && r["published_inferred"] == 0.85
        && r["effective_day"] == "2031-03-07"));
}
