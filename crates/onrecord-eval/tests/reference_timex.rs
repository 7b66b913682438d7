//! The Rust port of `score_timex.py` against output recorded once from the reference script
//! on the invented fixtures in `tests/fixtures/` (see `make_timex_fixtures.py` there): byte
//! for byte, in timex mode, docdate mode (table and JSON) and `--blind` input.

use std::path::PathBuf;

use onrecord_eval::timex::{input_line, load_timex, score_docdate, score_timexes};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

fn check(name: &str) {
    let gold = load_timex(fixture(&format!("{name}.gold.jsonl"))).unwrap();
    let pred = load_timex(fixture(&format!("{name}.pred.jsonl"))).unwrap();
    let report = score_timexes(&gold, &pred).unwrap();
    assert_eq!(
        report.to_table(),
        read(&format!("{name}.expected.txt")),
        "table of {name}"
    );
    assert_eq!(
        report.to_json() + "\n",
        read(&format!("{name}.expected.json")),
        "JSON of {name}"
    );
    let days = score_docdate(&gold, &pred);
    assert_eq!(
        days.to_table(),
        read(&format!("{name}.docdate.txt")),
        "docdate table of {name}"
    );
    assert_eq!(
        days.to_json() + "\n",
        read(&format!("{name}.docdate.json")),
        "docdate JSON of {name}"
    );
    let blind: String = gold.iter().map(|d| input_line(d, true) + "\n").collect();
    assert_eq!(
        blind,
        read(&format!("{name}.blind.jsonl")),
        "--blind of {name}"
    );
}

#[test]
fn basic_timexes_match_the_reference_scorer() {
    check("timex-basic");
}

#[test]
fn random_timexes_match_the_reference_scorer() {
    check("timex-random");
}

#[test]
fn a_bad_span_stops_the_run_as_the_script_does() {
    let gold = load_timex(fixture("timex-basic.gold.jsonl")).unwrap();
    let bad = onrecord_eval::TimexCorpus::from_reader(
        r#"{"id": "en-2", "timexes": [{"span": [[5, 2]], "type": "DATE", "value": "x"}]}"#
            .as_bytes(),
        "bad",
    )
    .unwrap();
    let err = score_timexes(&gold, &bad).unwrap_err();
    assert_eq!(err.to_string(), "pred en-2: bad span [[5, 2]]");
}
