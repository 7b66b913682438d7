//! Exports of a small invented record, read back.

use onrecord_core::{
    identity_key, Analysis, Article, Attribution, AttributionKind, Bound, DayEvidence, Event,
    EventEntity, EventType, Figure, FigureValue, Origin, Span, Speaker, SpeakerKind, Standing,
};
use onrecord_store::Store;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use super::*;

fn record() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("x.db")).unwrap();
    let text = "At least 847 boats were lost, the Harbour Council said.";
    let span = |s: &str| {
        let i = text.find(s).unwrap();
        Span::new(i, i + s.len())
    };
    let article = Article {
        id: "harbour-1".into(),
        text: text.into(),
        published: "2031-03-02".parse().ok(),
        outlet: Some("Dunmere Ledger".into()),
        origin: Origin {
            path: "x.txt".into(),
            line: None,
            offset: None,
        },
        ..Article::default()
    };
    let analysis = Analysis {
        attributions: vec![Attribution {
            kind: AttributionKind::Indirect,
            content: vec![span("At least 847 boats were lost")],
            cue: vec![span("said")],
            source: vec![span("the Harbour Council")],
            speaker: Some(0),
            date: "2031-03-01".parse().ok(),
            date_evidence: Some(DayEvidence::Published),
            audience: None,
            echo: None,
            resolution: None,
        }],
        speakers: vec![Speaker {
            name: "Harbour Council".into(),
            key: identity_key("Harbour Council"),
            kind: SpeakerKind::Body,
            role: None,
            affiliation: None,
            variants: vec!["the Harbour Council".into()],
        }],
        figures: vec![Figure {
            span: span("At least 847"),
            value: FigureValue::One(847.0),
            unit: "boats".into(),
            bound: Bound::AtLeast,
            subject: Some(span("boats were lost")),
            source: Some(span("the Harbour Council")),
            statement: Some(0),
            speaker: Some(0),
            date: None,
        }],
        sentences: vec![Span::new(0, text.len())],
        events: vec![Event {
            kind: EventType::Assault,
            mode: None,
            context: Vec::new(),
            trigger: span("lost"),
            actors: Vec::new(),
            recipients: vec![EventEntity {
                span: vec![span("At least 847 boats")],
                country: None,
                sector: None,
            }],
            sentence: 0,
            statement: Some(0),
            standing: Standing::Claimed,
            day: None,
            location: None,
            subordinate: false,
        }],
        ..Analysis::default()
    };
    store.insert(&article, &analysis).unwrap();
    (dir, store)
}

#[test]
fn every_table_goes_out_as_parquet_and_reads_back() {
    let (dir, mut store) = record();
    for table in [
        Table::Statements,
        Table::Figures,
        Table::Events,
        Table::Speakers,
        Table::Articles,
    ] {
        let path = dir.path().join(format!("{}.parquet", table.as_str()));
        let file = std::fs::File::create(&path).unwrap();
        let n = export(
            &mut store,
            table,
            Format::Parquet,
            &Filters::default(),
            file,
        )
        .unwrap();
        assert_eq!(n, 1, "{table:?}");
        let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&path).unwrap())
            .unwrap()
            .build()
            .unwrap();
        let batches: Vec<_> = reader.map(|b| b.unwrap()).collect();
        let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
        assert_eq!(rows, 1, "{table:?}");
        let names: Vec<String> = batches[0]
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        let expected: Vec<&str> = columns(table).iter().map(|c| c.name).collect();
        assert_eq!(names, expected);
    }
}

#[test]
fn jsonl_and_csv_carry_the_same_columns_and_filters_apply() {
    let (_dir, mut store) = record();
    let mut out = Vec::new();
    export(
        &mut store,
        Table::Figures,
        Format::Jsonl,
        &Filters::default(),
        &mut out,
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["value"], 847.0);
    assert_eq!(v["bound"], "at_least");
    assert_eq!(v["source_name"], "Harbour Council");
    assert_eq!(v["effective_day"], "2031-03-01");

    let mut out = Vec::new();
    export(
        &mut store,
        Table::Events,
        Format::Jsonl,
        &Filters::default(),
        &mut out,
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["type"], "ASSAULT");
    assert_eq!(v["recipient"], "At least 847 boats");
    assert!(v["actor"].is_null());
    assert_eq!(v["source_name"], "Harbour Council");

    let mut out = Vec::new();
    export(
        &mut store,
        Table::Statements,
        Format::Csv,
        &Filters::default(),
        &mut out,
    )
    .unwrap();
    let csv = String::from_utf8(out).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with("id,article_id,title,outlet"), "{header}");
    assert_eq!(csv.lines().count(), 2);

    let nobody = Filters {
        speaker: Some("nobody at all".into()),
        ..Filters::default()
    };
    let mut out = Vec::new();
    let n = export(
        &mut store,
        Table::Statements,
        Format::Jsonl,
        &nobody,
        &mut out,
    )
    .unwrap();
    assert_eq!((n, out.len()), (0, 0));
}
