//! A small database for the tests: the repository's fictional example corpus, ingested with
//! the project's own reader and analysis, plus one invented article full of markup that must
//! never reach a page unescaped.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use onrecord_core::{
    identity_key, Analysis, Article, Attribution, AttributionKind, DayEvidence, Origin, Span,
    Speaker, SpeakerKind,
};
use onrecord_store::Store;

pub const HOSTILE_ID: &str = "hostile-1";
pub const SCRIPT: &str = "<script>alert('pwned')</script>";
pub const IMG: &str = "<img src=x onerror=alert(1)>";

/// A temporary database holding the example corpus and the hostile article.
pub fn database() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("test.db");
    let mut store = Store::open(&db).unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    let opts = onrecord_ingest::ReadOptions::default();
    for item in onrecord_ingest::read_inputs(&[corpus], &opts) {
        if let onrecord_ingest::Item::Article(a) = item {
            let analysis = onrecord_analysis::analyze(&a);
            store.insert(&a, &analysis).unwrap();
        }
    }
    let (a, an) = hostile();
    store.insert(&a, &an).unwrap();
    (dir, db)
}

/// An article whose title, outlet, URL, speaker, cue, audience and quote all hold markup.
pub fn hostile() -> (Article, Analysis) {
    let text = format!(
        "Markup test {IMG}\n\nVera <b>Quill</b> said \"{SCRIPT} is not a plan, and {IMG} is not a \
         picture\" to \"reporters\" <i>onerror</i> on Monday."
    );
    let find = |needle: &str| {
        let s = text.find(needle).unwrap();
        Span::new(s, s + needle.len())
    };
    let content = find(&format!(
        "{SCRIPT} is not a plan, and {IMG} is not a picture"
    ));
    let article = Article {
        id: HOSTILE_ID.into(),
        title: Some(format!("Markup test {IMG}")),
        published: Some("2024-03-11".parse().unwrap()),
        outlet: Some("\"><script>alert(2)</script>".to_string()),
        url: Some("javascript:alert(3)".into()),
        origin: Origin {
            path: "hostile.jsonl".into(),
            line: Some(1),
            offset: None,
        },
        text: text.clone(),
        ..Article::default()
    };
    let analysis = Analysis {
        speakers: vec![Speaker {
            name: "Vera <b>Quill</b>".into(),
            key: identity_key("Vera Quill"),
            kind: SpeakerKind::Person,
            role: Some("<u>Minister</u>".into()),
            affiliation: Some(SCRIPT.into()),
            variants: vec!["Vera <b>Quill</b>".into()],
        }],
        attributions: vec![Attribution {
            kind: AttributionKind::Direct,
            content: vec![content],
            cue: vec![find("said")],
            source: vec![find("Vera <b>Quill</b>")],
            speaker: Some(0),
            date: Some("2024-03-11".parse().unwrap()),
            date_evidence: Some(DayEvidence::Published),
            audience: Some(find("\"reporters\" <i>onerror</i>")),
        }],
        ..Analysis::default()
    };
    (article, analysis)
}
