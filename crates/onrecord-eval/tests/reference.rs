//! The Rust scorer against output recorded once from the reference `score_quotes.py` on the
//! invented fixtures in `tests/fixtures/` (see `make_fixtures.py` there): byte for byte.

use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn check(name: &str) {
    let gold = onrecord_eval::load(fixture(&format!("{name}.gold.jsonl"))).unwrap();
    let pred = onrecord_eval::load(fixture(&format!("{name}.pred.jsonl"))).unwrap();
    let report = onrecord_eval::score(&gold, &pred);
    let table = std::fs::read_to_string(fixture(&format!("{name}.expected.txt"))).unwrap();
    assert_eq!(report.to_table(), table, "table of {name}");
    let json = std::fs::read_to_string(fixture(&format!("{name}.expected.json"))).unwrap();
    assert_eq!(report.to_json() + "\n", json, "JSON of {name}");
}

#[test]
fn basic_matches_the_reference_scorer() {
    check("basic");
}

#[test]
fn edge_cases_match_the_reference_scorer() {
    check("edge");
}

#[test]
fn random_documents_match_the_reference_scorer() {
    check("random");
}

#[test]
fn empty_predictions_match_the_reference_scorer() {
    check("empty");
}
