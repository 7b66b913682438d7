//! Where an article came from and how it changed, through the whole application: the page
//! facts in the article's header and in the API, the archived copy read back from its WARC
//! record and served in a sandbox, versions of a page and what changed between them.
//! Every person, place and page is invented.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use onrecord_serve::{app, Config, OPENAPI};
use serde_json::Value;

use common::schema::OpenApi;
use common::{get, provenance_database, send, Reply, ARCHIVED_HTML, PAGE_URL};

fn server(db: &std::path::Path) -> Router {
    app(&Config::new(db)).unwrap()
}

/// GET an API route and check the answer against the OpenAPI document.
async fn api(app: &Router, template: &str, uri: &str) -> (StatusCode, Value) {
    let r = get(app, uri).await;
    let v = r.json();
    OpenApi::new(OPENAPI)
        .check(template, "get", r.status.as_u16(), &v)
        .unwrap_or_else(|e| panic!("{uri}: {e}"));
    (r.status, v)
}

/// Markup from the fixtures that must only ever appear escaped on a page.
const RAW: [&str; 4] = [
    "<b>Lind",
    "<b>Skarv",
    "<script>x</script>",
    "<script>document",
];

fn assert_escaped(uri: &str, r: &Reply) {
    for raw in RAW {
        assert!(!r.body.contains(raw), "{uri} holds {raw:?} unescaped");
    }
    assert_eq!(
        r.body.matches("<script").count(),
        1,
        "{uri}: only our script"
    );
}

#[tokio::test]
async fn the_article_header_says_where_the_article_came_from() {
    let (_dir, db, rows) = provenance_database();
    let app = server(&db);
    let uri = format!("/articles/{}", rows.page);
    let r = get(&app, &uri).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_escaped(&uri, &r);
    let html = &r.body;
    // outlet, bylines (escaped), the time with its evidence as a tooltip, the update
    assert!(html.contains(">Harbour Gazette</a>"), "{html}");
    assert!(html.contains("By <span class=\"byline\">Ivo &lt;b&gt;Lind&lt;/b&gt;</span> and <span class=\"byline\">Tove Bran</span>"), "{html}");
    assert!(
        html.contains("<time datetime=\"2031-03-07T09:15:00+01:00\" title=\"From the page: article:published_time 2031-03-07T09:15:00+01:00 &lt;script&gt;x&lt;/script&gt;\">2031-03-07 Fri 09:15 +01:00</time>"),
        "{html}"
    );
    assert!(html.contains("Updated <time datetime=\"2031-03-07T11:40:00+01:00\" title=\"From the page: dateModified 2031-03-07T11:40:00+01:00\">"));
    // language, fetch, encoding, the archive reference and links to the original and the copy
    assert!(html.contains("Language <code>en</code> (detected from the text)"));
    assert!(html.contains("Fetched <time datetime=\"2031-03-07T10:00:00Z\""));
    assert!(html.contains("Read as UTF-8 (meta charset)"));
    assert!(html.contains(&format!(" at offset {}", rows.record.offset)));
    assert!(html.contains(&format!(
        "href=\"{PAGE_URL}\" rel=\"noopener noreferrer nofollow\">Original</a>"
    )));
    assert!(html.contains(&format!(
        "href=\"/articles/{}/archived\">Archived copy</a>",
        rows.page
    )));
    // captions apart, never highlighted as statements
    let captions = html
        .split("id=\"captions-h\"")
        .nth(1)
        .expect("a captions section");
    assert!(captions.contains("The ferry &lt;b&gt;Skarv&lt;/b&gt; at the Orrin pier"));
    assert!(!captions.contains("class=\"st "));
    assert_eq!(
        html.matches("class=\"st ").count(),
        1,
        "one statement highlighted"
    );

    // An article whose WARC file is gone says so, and links no copy.
    let r = get(&app, &format!("/articles/{}", rows.missing)).await;
    assert!(r.body.contains("Archived in <code>gone.warc.gz</code> at offset 1234 <span class=\"muted\">(the file is not there)</span>"), "{}", r.body);
    assert!(!r.body.contains(">Archived copy</a>"));
    // An old article without page facts shows what it has, and no empty parts.
    let r = get(&app, &format!("/articles/{}", rows.plain)).await;
    assert_eq!(r.status, 200);
    assert!(!r.body.contains("provenance"));
    assert!(!r.body.contains("Captions"));
    assert!(!r.body.contains("Versions"));
    assert!(r
        .body
        .contains("Published <time datetime=\"2031-03-05\">2031-03-05 Wed</time>"));
}

#[tokio::test]
async fn an_article_not_in_english_says_why_it_has_no_statements() {
    let (_dir, db, rows) = provenance_database();
    let app = server(&db);
    let r = get(&app, &format!("/articles/{}", rows.german)).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Stored without statements."), "{}", r.body);
    assert!(
        r.body.contains(
            "The text is in 'de': onrecord's statement and time analysis reads English only."
        ),
        "{}",
        r.body
    );
    assert!(r.body.contains("<div class=\"article-text\" lang=\"de\">"));
    assert!(!r.body.contains("Statements in this article"));
    assert!(!r.body.contains("Each highlighted passage"));
    let (_, v) = api(
        &app,
        "/api/v1/articles/{id}",
        &format!("/api/v1/articles/{}", rows.german),
    )
    .await;
    assert_eq!(v["language"], "de");
    assert!(v["skipped"].as_str().unwrap().contains("'de'"), "{v}");
    assert_eq!(v["statements"], Value::Array(vec![]));
    // an English article has no such note
    let (_, v) = api(
        &app,
        "/api/v1/articles/{id}",
        &format!("/api/v1/articles/{}", rows.page),
    )
    .await;
    assert_eq!(v["skipped"], Value::Null);
}

#[tokio::test]
async fn the_api_gives_the_page_facts_and_a_link_to_the_archived_copy() {
    let (_dir, db, rows) = provenance_database();
    let app = server(&db);
    let (status, v) = api(
        &app,
        "/api/v1/articles/{id}",
        &format!("/api/v1/articles/{}", rows.page),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        v["byline"],
        serde_json::json!(["Ivo <b>Lind</b>", "Tove Bran"])
    );
    assert_eq!(v["modified"], "2031-03-07T11:40:00+01:00");
    assert_eq!(v["language"], "en");
    assert_eq!(v["version"], 1);
    assert_eq!(v["superseded_by"], Value::Null);
    let page = &v["page"];
    assert_eq!(page["published_time"], "2031-03-07T09:15:00+01:00");
    assert_eq!(page["language_from"], "text");
    assert_eq!(page["fetched"], "2031-03-07T10:00:00Z");
    assert_eq!(page["captions"].as_array().unwrap().len(), 1);
    let archive = &page["archive"];
    assert_eq!(archive["offset"], rows.record.offset);
    assert_eq!(archive["record_id"], rows.record.record_id.as_str());
    assert_eq!(archive["href"], format!("/articles/{}/archived", rows.page));
    assert_eq!(
        archive["raw_href"],
        format!("/articles/{}/archived/raw", rows.page)
    );
    // old rows: no page facts, nulls and empty lists, never a failure
    let (_, v) = api(
        &app,
        "/api/v1/articles/{id}",
        &format!("/api/v1/articles/{}", rows.plain),
    )
    .await;
    assert_eq!((&v["page"], &v["language"]), (&Value::Null, &Value::Null));
    assert_eq!(v["byline"], serde_json::json!([]));
    // listings carry the outlet, the bylines and the version
    let (_, list) = api(&app, "/api/v1/articles", "/api/v1/articles?limit=100").await;
    let listed = list["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == rows.page)
        .unwrap();
    assert_eq!(listed["outlet"], "Harbour Gazette");
    assert_eq!(listed["byline"][1], "Tove Bran");
    let html = get(&app, "/articles").await;
    assert_escaped("/articles", &html);
    assert!(html
        .body
        .contains("By <span class=\"byline\">Ivo &lt;b&gt;Lind&lt;/b&gt;</span>"));
    assert!(
        html.body.contains("<span class=\"chip\">version 3</span>"),
        "{}",
        html.body
    );
}

#[tokio::test]
async fn the_archived_copy_is_served_as_archived_in_a_sandbox() {
    let (_dir, db, rows) = provenance_database();
    let app = server(&db);
    for row in [rows.page, rows.from_warc] {
        // the bytes alone, under the sandboxing policy
        let uri = format!("/articles/{row}/archived/raw");
        let r = get(&app, &uri).await;
        assert_eq!(r.status, 200, "{uri}: {}", r.body);
        assert_eq!(r.body, ARCHIVED_HTML);
        assert_eq!(r.content_type(), "text/html; charset=utf-8");
        let csp = r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(
            csp.starts_with(
                "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'"
            ),
            "{csp}"
        );
        assert!(!csp.contains("allow-scripts") && !csp.contains("script-src"));
        assert_eq!(r.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(r.headers[header::X_FRAME_OPTIONS], "SAMEORIGIN");
        assert_eq!(
            r.headers["x-onrecord-archived-from"],
            format!("{PAGE_URL} 2031-03-07T10:00:00Z").as_str()
        );

        // the page around it: where it comes from, and a frame without scripts
        let uri = format!("/articles/{row}/archived");
        let r = get(&app, &uri).await;
        assert_eq!(r.status, 200, "{uri}: {}", r.body);
        assert!(
            r.body.contains(&format!(
                "<iframe class=\"archived\" sandbox=\"\" src=\"/articles/{row}/archived/raw\""
            )),
            "{}",
            r.body
        );
        assert!(!r.body.contains("allow-"));
        assert!(r
            .body
            .contains(&format!("Archived copy of <a href=\"{PAGE_URL}\"")));
        assert!(r
            .body
            .contains("fetched <time datetime=\"2031-03-07T10:00:00Z\""));
        assert!(
            r.body.contains(", record id <code>&lt;urn:uuid:"),
            "{}",
            r.body
        );
        let csp = r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(
            csp.contains("frame-src 'self'") && csp.contains("script-src 'self'"),
            "{csp}"
        );
        assert!(
            !r.body.contains("document.title"),
            "the copy is not inlined"
        );
    }
    // fetched pages are found in the archive folder, wherever it is
    let page = get(&app, &format!("/articles/{}/archived", rows.page)).await;
    assert!(page
        .body
        .contains(&format!(" at offset <code>{}</code>", rows.record.offset)));
    let moved = db.with_file_name("moved.warc");
    std::fs::rename(onrecord_serve::default_archive_dir(&db), &moved).unwrap();
    let r = get(&app, &format!("/articles/{}/archived/raw", rows.page)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let mut config = Config::new(&db);
    config.archive = moved;
    let r = get(
        &app_with(&config),
        &format!("/articles/{}/archived/raw", rows.page),
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body, ARCHIVED_HTML);
}

fn app_with(config: &Config) -> Router {
    app(config).unwrap()
}

#[tokio::test]
async fn a_missing_or_wrong_record_is_a_clear_error_never_a_500() {
    let (_dir, db, rows) = provenance_database();
    let app = server(&db);
    for suffix in ["archived", "archived/raw"] {
        let r = get(&app, &format!("/articles/{}/{suffix}", rows.missing)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
        assert!(r.content_type().starts_with("text/html"));
        assert!(
            r.body.contains("WARC file gone.warc.gz at offset 1234"),
            "{}",
            r.body
        );
        // a program asking for JSON gets the API's error shape
        let r = send(
            &app,
            Request::get(format!("/articles/{}/{suffix}", rows.missing))
                .header(header::ACCEPT, "application/json")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let v = r.json();
        assert_eq!(v["status"], 404);
        assert!(v["message"]
            .as_str()
            .unwrap()
            .contains("gone.warc.gz at offset 1234"));

        // another record at the offset: gone, and says which
        let r = get(&app, &format!("/articles/{}/{suffix}", rows.wrong_record)).await;
        assert_eq!(r.status, StatusCode::GONE, "{}", r.body);
        assert!(
            r.body
                .contains("cannot be read: the record there is &lt;urn:uuid:"),
            "{}",
            r.body
        );
        // no archive at all, no such article
        let r = get(&app, &format!("/articles/{}/{suffix}", rows.plain)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(r.body.contains("has no archived copy"));
        assert_eq!(
            get(&app, &format!("/articles/424242/{suffix}"))
                .await
                .status,
            404
        );
        assert_eq!(
            get(&app, &format!("/articles/x/{suffix}")).await.status,
            404
        );
    }
}

/// v1: Holt (spring), Lind. v2: Holt reworded (May), Lind removed, Bran added. v3: a
/// correction appended.
#[tokio::test]
async fn versions_and_what_changed_between_them() {
    let (_dir, db, rows) = provenance_database();
    let app = server(&db);
    let [v1, v2, v3] = rows.versions;

    let (_, list) = api(
        &app,
        "/api/v1/articles/{id}/versions",
        &format!("/api/v1/articles/{v1}/versions"),
    )
    .await;
    assert_eq!(list["current"], v3);
    let summary: Vec<(i64, u64, bool)> = list["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["id"].as_i64().unwrap(),
                v["version"].as_u64().unwrap(),
                v["current"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(summary, [(v1, 1, false), (v2, 2, false), (v3, 3, true)]);
    assert_eq!(list["versions"][1]["fetched"], "2031-03-09T08:00:00Z");

    // v2 against v1: a reworded quote, a removed and an added statement
    let (_, c) = api(
        &app,
        "/api/v1/articles/{id}/changes",
        &format!("/api/v1/articles/{v2}/changes"),
    )
    .await;
    assert_eq!(c["from"], serde_json::json!({"id": v1, "version": 1}));
    assert_eq!(c["unchanged"], 0);
    let reworded = &c["reworded"][0];
    assert_eq!(
        reworded["before"]["content"],
        "the pier vote will take place in spring"
    );
    assert_eq!(
        reworded["after"]["content"],
        "the pier vote will take place in May"
    );
    assert_eq!(reworded["after"]["speaker"]["name"], "Mira Holt");
    assert_eq!(
        c["removed"][0]["content"],
        "the pier needs repairs before the summer"
    );
    assert_eq!(c["removed"][0]["speaker"]["name"], "Ivo Lind");
    assert_eq!(c["added"][0]["content"], "nobody had asked the traders");
    assert_eq!(c["appended"], serde_json::json!([]));
    // v3 against v2: the correction appended, statements unchanged
    let (_, c) = api(
        &app,
        "/api/v1/articles/{id}/changes",
        &format!("/api/v1/articles/{v3}/changes"),
    )
    .await;
    assert_eq!(c["unchanged"], 2);
    assert_eq!(c["appended"][0]["label"], "correction");
    assert!(c["appended"][0]["text"]
        .as_str()
        .unwrap()
        .starts_with("Correction: An earlier version"));
    // v3 against v1, asked for
    let (_, c) = api(
        &app,
        "/api/v1/articles/{id}/changes",
        &format!("/api/v1/articles/{v3}/changes?from={v1}"),
    )
    .await;
    assert_eq!(c["from"]["version"], 1);
    assert_eq!(
        (
            c["reworded"].as_array().unwrap().len(),
            c["added"].as_array().unwrap().len()
        ),
        (1, 1)
    );
    // the first version has nothing to compare with
    let (_, c) = api(
        &app,
        "/api/v1/articles/{id}/changes",
        &format!("/api/v1/articles/{v1}/changes"),
    )
    .await;
    assert_eq!(c["from"], Value::Null);
    // another page's article is no version of this one
    let (status, e) = api(
        &app,
        "/api/v1/articles/{id}/changes",
        &format!("/api/v1/articles/{v3}/changes?from={}", rows.page),
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        e["message"].as_str().unwrap().contains("is not a version"),
        "{e}"
    );
    let (status, _) = api(
        &app,
        "/api/v1/articles/{id}/changes",
        &format!("/api/v1/articles/{v3}/changes?from=0"),
    )
    .await;
    assert_eq!(status, 400);

    // the pages: the list with links, the current one marked, what changed in each
    let r = get(&app, &format!("/articles/{v2}")).await;
    assert_eq!(r.status, 200);
    let html = &r.body;
    assert!(html.contains(&format!("This is version 2 of 3 of this page, replaced since by a later text. <a href=\"/articles/{v3}\">Read the current version (version 3)</a>")), "{html}");
    let versions = html
        .split("id=\"versions-h\"")
        .nth(1)
        .expect("a versions section");
    assert!(versions.contains(&format!("<a href=\"/articles/{v1}\">Version 1 of 3</a>")));
    assert!(versions.contains("<li aria-current=\"page\"><strong>Version 2 of 3</strong> (fetched <time datetime=\"2031-03-09T08:00:00Z\""), "{versions}");
    assert!(versions.contains(&format!("<a href=\"/articles/{v3}\">Version 3 of 3</a>")));
    assert!(versions.contains("<span class=\"chip\">current</span>"));
    assert!(
        versions.contains("1 statement added, 1 statement removed, 1 statement reworded"),
        "{versions}"
    );
    assert!(versions.contains("<del><span class=\"visually-hidden\">Before: </span><q>the pier vote will take place in spring</q></del> → <ins><span class=\"visually-hidden\">After: </span><q>the pier vote will take place in May</q></ins>"), "{versions}");
    assert!(
        versions.contains("<details open><summary>What changed from version 1</summary>"),
        "{versions}"
    );
    assert!(versions.contains("correction added"), "{versions}");
    assert!(
        versions.contains(
            "<span class=\"chip label\">Correction</span> Correction: An earlier version"
        ),
        "{versions}"
    );
    // the current version carries no notice
    let r = get(&app, &format!("/articles/{v3}")).await;
    assert!(!r.body.contains("replaced since"));
    assert!(r
        .body
        .contains("<li aria-current=\"page\"><strong>Version 3 of 3</strong>"));
}
