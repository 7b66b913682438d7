//! A small database for the tests: the repository's fictional example corpus, ingested with
//! the project's own reader and analysis, plus one invented article full of markup that must
//! never reach a page unescaped.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use onrecord_core::{
    identity_key, Analysis, Article, Attribution, AttributionKind, DayEvidence, Origin, Span,
    Speaker, SpeakerKind,
};
use onrecord_store::Store;
use serde_json::Value;
use tower::ServiceExt;

/// An answer, read whole.
pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn content_type(&self) -> &str {
        self.headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

pub async fn send(app: &Router, req: Request<Body>) -> Reply {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

pub async fn get(app: &Router, uri: &str) -> Reply {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

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
            echo: None,
            resolution: None,
        }],
        ..Analysis::default()
    };
    (article, analysis)
}

pub mod schema;

/// Add `n` invented statements by one invented speaker, Ada Quern of the invented town of
/// Velmor, one article each, a day apart (more than an export reads at a time); the first
/// one's words begin as a spreadsheet formula would, and hold a comma, quotes and a line
/// break.
pub fn add_many(db: &Path, n: usize) {
    let mut store = Store::open(db).unwrap();
    let start: chrono::NaiveDate = "2029-01-01".parse().unwrap();
    let items: Vec<(Article, Analysis)> = (0..n)
        .map(|i| {
            let said = if i == 0 {
                "=SUM(A1:A9) was, she said, \"the line\"\nof the budget".to_string()
            } else {
                format!("the Velmor budget needs {i} more votes")
            };
            let text = format!("Velmor budget {i}\n\nAda Quern said {said}.");
            let article = Article {
                id: format!("velmor-{i}"),
                title: Some(format!("Velmor budget {i}")),
                outlet: Some("Velmor Post".into()),
                published: Some(start + chrono::Duration::days(i as i64)),
                origin: Origin {
                    path: "velmor.jsonl".into(),
                    line: Some(i + 1),
                    offset: None,
                },
                text: text.clone(),
                ..Article::default()
            };
            let analysis = analysis_of(&text, &[("Ada Quern", &said)]);
            (article, analysis)
        })
        .collect();
    store.insert_batch(&items).unwrap();
}

/// The invented councillor of [`add_chronicle`].
pub const CHRONICLE_SPEAKER: &str = "Orla Brennick";
/// How many of her statements have a day, and how many have none.
pub const CHRONICLE_DATED: usize = 30;
pub const CHRONICLE_UNDATED: usize = 3;

/// Add to the database at `db` an invented councillor of the invented port of Skerrow,
/// quoted every fortnight for fourteen months (a timeline by weeks, labelled by month) and
/// in three articles that give no day at all (neither the statements nor the articles), which
/// no timeline can place.
pub fn add_chronicle(db: &Path) {
    let mut store = Store::open(db).unwrap();
    let start: chrono::NaiveDate = "2030-01-07".parse().unwrap();
    for i in 0..CHRONICLE_DATED + CHRONICLE_UNDATED {
        let said = format!("the Skerrow quay plan needs {} more weeks", i + 2);
        let text = format!("Skerrow quay, part {i}\n\nCouncillor {CHRONICLE_SPEAKER} said {said}.");
        let article = Article {
            id: format!("skerrow-{i}"),
            title: Some(format!("Skerrow quay, part {i}")),
            outlet: Some("Skerrow Tidings".into()),
            published: (i < CHRONICLE_DATED).then(|| start + chrono::Duration::days(15 * i as i64)),
            origin: Origin {
                path: "skerrow.jsonl".into(),
                line: Some(i + 1),
                offset: None,
            },
            text: text.clone(),
            ..Article::default()
        };
        store
            .insert(&article, &analysis_of(&text, &[(CHRONICLE_SPEAKER, &said)]))
            .unwrap();
    }
}

/// A hand-made analysis of `text`: each `(speaker, content)` is a statement by that speaker
/// (a person) whose content is the first occurrence of `content` in the text, with the cue
/// `said` when the text has it.
pub fn analysis_of(text: &str, said: &[(&str, &str)]) -> Analysis {
    let mut speakers: Vec<Speaker> = Vec::new();
    let mut attributions = Vec::new();
    for (name, content) in said {
        let at = text
            .find(content)
            .unwrap_or_else(|| panic!("{content:?} is not in {text:?}"));
        let i = match speakers.iter().position(|s| s.name == *name) {
            Some(i) => i,
            None => {
                speakers.push(Speaker {
                    name: name.to_string(),
                    key: identity_key(name),
                    kind: SpeakerKind::Person,
                    role: None,
                    affiliation: None,
                    variants: vec![name.to_string()],
                });
                speakers.len() - 1
            }
        };
        let cue = text[..at].rfind("said").map(|c| Span::new(c, c + 4));
        attributions.push(Attribution {
            kind: AttributionKind::Indirect,
            content: vec![Span::new(at, at + content.len())],
            cue: cue.into_iter().collect(),
            source: Vec::new(),
            speaker: Some(i),
            date: None,
            date_evidence: None,
            audience: None,
            echo: None,
            resolution: None,
        });
    }
    Analysis {
        speakers,
        attributions,
        ..Analysis::default()
    }
}

/// The invented page the provenance tests archive: a script, an image from elsewhere, and a
/// form, none of which may run, load or submit when the archived copy is shown.
pub const ARCHIVED_HTML: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>Ferry fares to rise | Harbour Gazette</title>\
<script>document.title = 'pwned'; fetch('https://tracker.example/x');</script></head>\
<body><article><h1>Ferry fares to rise</h1><p>Mayor Mira Holt said the fares will rise in \
spring.</p><img src=\"https://tracker.example/pixel.png\" alt=\"\">\
<form action=\"https://tracker.example/post\"><input name=q></form></article></body></html>";

/// The articles of the provenance tests, by row.
pub struct Provenance {
    /// A fetched page with every page fact, its record in `<db>.warc/` (a relative file).
    pub page: i64,
    /// A page read from a WARC file given to ingest (an absolute file).
    pub from_warc: i64,
    /// Three versions of one page, oldest first.
    pub versions: [i64; 3],
    /// An article in German, stored without statements.
    pub german: i64,
    /// An article whose WARC file is gone.
    pub missing: i64,
    /// An article whose reference names another record than the one at its offset.
    pub wrong_record: i64,
    /// A plain article without page facts.
    pub plain: i64,
    /// The page's archived record.
    pub record: onrecord_warc::RecordRef,
}

pub const PAGE_URL: &str = "https://harbour.example/2031/03/07/ferry-fares";
pub const VERSIONED_URL: &str = "https://harbour.example/2031/03/08/pier-vote";

fn http_response(body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// A database for the provenance tests (every name and place invented): see [`Provenance`].
pub fn provenance_database() -> (tempfile::TempDir, PathBuf, Provenance) {
    use chrono::TimeZone;
    use onrecord_core::{ArchiveRef, PageFacts};

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let mut store = Store::open(&db).unwrap();
    let at = chrono::Utc.with_ymd_and_hms(2031, 3, 7, 10, 0, 0).unwrap();

    // The archive onrecord writes beside the database while fetching.
    let mut w = onrecord_warc::Writer::create(onrecord_serve::default_archive_dir(&db)).unwrap();
    let record = w
        .write_response(PAGE_URL, at, &http_response(ARCHIVED_HTML), None)
        .unwrap();
    let other = w
        .write_response(
            "https://harbour.example/other",
            at,
            &http_response("<p>Another page</p>"),
            None,
        )
        .unwrap();
    w.finish().unwrap();
    let file_name = record
        .file
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    // A WARC file the user ingested, elsewhere.
    let input = dir.path().join("input");
    let mut w = onrecord_warc::Writer::create(&input).unwrap();
    let input_record = w
        .write_response(PAGE_URL, at, &http_response(ARCHIVED_HTML), None)
        .unwrap();
    w.finish().unwrap();

    let page_facts = |archive: Option<ArchiveRef>| PageFacts {
        published_time: Some("2031-03-07T09:15:00+01:00".into()),
        published_from: Some(
            "article:published_time 2031-03-07T09:15:00+01:00 <script>x</script>".into(),
        ),
        modified_from: Some("dateModified 2031-03-07T11:40:00+01:00".into()),
        language_from: Some("text".into()),
        captions: vec!["The ferry <b>Skarv</b> at the Orrin pier, March 6.".into()],
        charset: Some("UTF-8 (meta charset)".into()),
        fetched: Some("2031-03-07T10:00:00Z".into()),
        archive,
    };
    let text = "Ferry fares to rise\n\nMayor Mira Holt said the fares will rise in spring.";
    let page = Article {
        id: PAGE_URL.into(),
        text: text.into(),
        title: Some("Ferry fares to rise".into()),
        published: Some("2031-03-07".parse().unwrap()),
        outlet: Some("Harbour Gazette".into()),
        url: Some(PAGE_URL.into()),
        origin: Origin {
            path: PAGE_URL.into(),
            line: None,
            offset: None,
        },
        bylines: vec!["Ivo <b>Lind</b>".into(), "Tove Bran".into()],
        modified: Some("2031-03-07T11:40:00+01:00".into()),
        language: Some("en".into()),
        page: Some(Box::new(page_facts(Some(ArchiveRef {
            file: file_name.clone(),
            offset: record.offset,
            record_id: record.record_id.to_string(),
        })))),
    };
    let said = [("Mira Holt", "the fares will rise in spring")];
    let mut insert = |a: &Article, an: &Analysis| {
        store.insert(a, an).unwrap();
        store
            .article_by_fingerprint(&a.fingerprint())
            .unwrap()
            .unwrap()
    };
    let page_row = insert(&page, &analysis_of(text, &said));

    let mut from_warc = page.clone();
    from_warc.id = format!("{PAGE_URL}#input");
    from_warc.page = Some(Box::new(page_facts(Some(ArchiveRef {
        file: std::fs::canonicalize(&input_record.file)
            .unwrap()
            .display()
            .to_string(),
        offset: input_record.offset,
        record_id: input_record.record_id.to_string(),
    }))));
    let from_warc_row = insert(&from_warc, &analysis_of(text, &said));

    let mut missing = page.clone();
    missing.id = "https://harbour.example/gone".into();
    missing.page = Some(Box::new(page_facts(Some(ArchiveRef {
        file: "gone.warc.gz".into(),
        offset: 1234,
        record_id: String::new(),
    }))));
    let missing_row = insert(&missing, &analysis_of(text, &said));

    let mut wrong = page.clone();
    wrong.id = "https://harbour.example/wrong".into();
    wrong.page = Some(Box::new(page_facts(Some(ArchiveRef {
        file: file_name.clone(),
        offset: other.offset,
        record_id: record.record_id.to_string(),
    }))));
    let wrong_row = insert(&wrong, &analysis_of(text, &said));

    let german_text = "Fährpreise steigen\n\nBürgermeisterin Mira Holt sagte, die Preise würden im Frühling steigen.";
    let german = Article {
        id: "https://hafen.example/faehre".into(),
        text: german_text.into(),
        title: Some("Fährpreise steigen".into()),
        outlet: Some("Hafenblatt".into()),
        language: Some("de".into()),
        page: Some(Box::new(PageFacts {
            language_from: Some("text".into()),
            ..PageFacts::default()
        })),
        ..Article::default()
    };
    let german_analysis = onrecord_analysis::analyze(&german);
    assert!(german_analysis.skipped.is_some());
    let german_row = insert(&german, &german_analysis);

    let plain_text = "Pier vote delayed\n\nCouncillor Ada Fenn said the vote would wait.";
    let plain = Article {
        id: "plain-1".into(),
        text: plain_text.into(),
        published: Some("2031-03-05".parse().unwrap()),
        ..Article::default()
    };
    let plain_row = insert(
        &plain,
        &analysis_of(plain_text, &[("Ada Fenn", "the vote would wait")]),
    );
    // another input with the same id: stored beside it, no version of it
    let twin_text = format!("{plain_text}\n\nThe council meets again on Monday.");
    let twin = Article {
        text: twin_text.clone(),
        ..plain.clone()
    };
    insert(
        &twin,
        &analysis_of(&twin_text, &[("Ada Fenn", "the vote would wait")]),
    );

    // Three versions of one page: a quote reworded, one removed, one added; then a
    // correction appended.
    let v1 = "Pier vote delayed\n\nMayor Mira Holt said the pier vote will take place in spring.\n\nHarbour master Ivo Lind said the pier needs repairs before the summer.";
    let v2 = "Pier vote delayed\n\nMayor Mira Holt said the pier vote will take place in May.\n\nCafé owner Tove Bran said nobody had asked the traders.";
    let v3 = format!(
        "{v2}\n\nCorrection: An earlier version of this article gave the wrong month for the vote."
    );
    let texts: [(&str, Vec<(&str, &str)>); 3] = [
        (
            v1,
            vec![
                ("Mira Holt", "the pier vote will take place in spring"),
                ("Ivo Lind", "the pier needs repairs before the summer"),
            ],
        ),
        (
            v2,
            vec![
                ("Mira Holt", "the pier vote will take place in May"),
                ("Tove Bran", "nobody had asked the traders"),
            ],
        ),
        (
            &v3,
            vec![
                ("Mira Holt", "the pier vote will take place in May"),
                ("Tove Bran", "nobody had asked the traders"),
            ],
        ),
    ];
    let mut versions = [0; 3];
    for (i, (text, said)) in texts.iter().enumerate() {
        let a = Article {
            id: VERSIONED_URL.into(),
            text: text.to_string(),
            title: Some("Pier vote delayed".into()),
            published: Some("2031-03-08".parse().unwrap()),
            outlet: Some("Harbour Gazette".into()),
            url: Some(VERSIONED_URL.into()),
            page: Some(Box::new(PageFacts {
                fetched: Some(format!("2031-03-{:02}T08:00:00Z", 8 + i)),
                ..PageFacts::default()
            })),
            ..Article::default()
        };
        versions[i] = store
            .insert_version(&a, &analysis_of(text, said))
            .unwrap()
            .row();
    }
    let rows = Provenance {
        page: page_row,
        from_warc: from_warc_row,
        versions,
        german: german_row,
        missing: missing_row,
        wrong_record: wrong_row,
        plain: plain_row,
        record,
    };
    (dir, db, rows)
}
