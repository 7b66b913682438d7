//! The whole application, request by request (no network): every API route, JSON errors,
//! escaping of hostile article text on every page, the token-guarded POST, body limits,
//! CORS and security headers.

mod common;

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use onrecord_serve::{api_routes, app, Config, OPENAPI};
use serde_json::{json, Value};

use common::schema::OpenApi;
use common::{database, get, send, Reply, HOSTILE_ID, IMG, SCRIPT};

const TOKEN: &str = "test-token-0123456789abcdef";

fn read_only(db: &std::path::Path) -> Router {
    app(&Config::new(db)).unwrap()
}

fn writable(db: &std::path::Path) -> Router {
    let mut c = Config::new(db);
    c.ingest_token = Some(TOKEN.into());
    app(&c).unwrap()
}

/// Assert a JSON error with this status and a message.
fn assert_json_error(r: &Reply, status: StatusCode) {
    assert_eq!(r.status, status, "{}", r.body);
    assert!(
        r.content_type().starts_with("application/json"),
        "{:?}",
        r.headers
    );
    let v = r.json();
    assert_eq!(v["status"], status.as_u16(), "{v}");
    assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()), "{v}");
}

#[tokio::test]
async fn the_openapi_document_lists_exactly_the_routes_the_server_has() {
    let doc: Value = serde_json::from_str(OPENAPI).unwrap();
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .filter(|k| *k != "parameters")
                .map(move |m| (path.clone(), m.clone()))
        })
        .collect();
    let served: BTreeSet<(String, String)> = api_routes()
        .into_iter()
        .flat_map(|(p, ms)| ms.into_iter().map(move |m| (p.to_string(), m)))
        .collect();
    assert_eq!(documented, served);
    let schemas = OpenApi::new(OPENAPI);
    schemas.refs_resolve().unwrap();

    // …and each of them answers (not 404/405), with ids filled in from the data and the
    // required query parameters from their examples.
    let (_dir, db) = database();
    let app = writable(&db);
    for (path, method) in &served {
        let op = &doc["paths"][path.as_str()][method.as_str()];
        let required: Vec<String> = op["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["in"] == "query" && p["required"] == true)
            .map(|p| {
                format!(
                    "{}={}",
                    p["name"].as_str().unwrap(),
                    p["example"].as_str().unwrap()
                )
            })
            .collect();
        let mut uri = path.replace("{id}", "1");
        if !required.is_empty() {
            uri = format!("{uri}?{}", required.join("&"));
        }
        let req = Request::builder()
            .method(method.to_uppercase().as_str())
            .uri(&uri)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
            .body(Body::from(
                json!({"id": "doc-check", "text": "Ana Lopes said yes."}).to_string(),
            ))
            .unwrap();
        let r = send(&app, req).await;
        assert!(
            r.status.is_success(),
            "{method} {uri}: {} {}",
            r.status,
            r.body
        );
        // …of a type the document names, with the body it describes
        let media = r
            .content_type()
            .split(';')
            .next()
            .unwrap()
            .trim()
            .to_string();
        let documented = &op["responses"][r.status.as_str()]["content"];
        assert!(
            documented.get(&media).is_some() || path == "/api/openapi.json",
            "{method} {uri}: {media} is not documented"
        );
        if media == "application/json" && path != "/api/openapi.json" {
            schemas
                .check(path, method, r.status.as_u16(), &r.json())
                .unwrap();
        }
        // methods not documented are refused with a JSON 405
        let other = if method == "get" { "DELETE" } else { "PUT" };
        let r = send(
            &app,
            Request::builder()
                .method(other)
                .uri(&uri)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_json_error(&r, StatusCode::METHOD_NOT_ALLOWED);
    }
}

#[tokio::test]
async fn answers_match_the_openapi_document() {
    let (_dir, db) = database();
    let app = read_only(&db);
    let doc = OpenApi::new(OPENAPI);
    let mut checks: Vec<(&str, String)> = [
        ("/api/v1/stats", "/api/v1/stats"),
        ("/api/v1/statements", "/api/v1/statements?q=talks&limit=5"),
        (
            "/api/v1/statements",
            "/api/v1/statements?sort=oldest&limit=100",
        ),
        ("/api/v1/statements", "/api/v1/statements?from=yesterday"),
        ("/api/v1/figures", "/api/v1/figures?limit=100"),
        (
            "/api/v1/figures",
            "/api/v1/figures?sourced=true&bound=at_least",
        ),
        ("/api/v1/figures", "/api/v1/figures?bound=roughly"),
        ("/api/v1/events", "/api/v1/events?limit=100"),
        (
            "/api/v1/events",
            "/api/v1/events?type=consult&standing=denied&actor=TUR",
        ),
        ("/api/v1/events", "/api/v1/events?both_ways=true"),
        ("/api/v1/events/months", "/api/v1/events/months"),
        ("/api/v1/events/months", "/api/v1/events/months?type=parley"),
        ("/api/v1/speakers", "/api/v1/speakers?limit=100"),
        ("/api/v1/speakers/{id}", "/api/v1/speakers/1?by=week"),
        ("/api/v1/speakers/{id}", "/api/v1/speakers/424242"),
        ("/api/v1/articles", "/api/v1/articles?limit=100"),
        ("/api/v1/articles", "/api/v1/articles?from=2024-02-30"),
        ("/api/v1/articles/{id}", "/api/v1/articles/424242"),
        (
            "/api/v1/articles/{id}/versions",
            "/api/v1/articles/424242/versions",
        ),
        (
            "/api/v1/articles/{id}/changes",
            "/api/v1/articles/1/changes?from=x",
        ),
    ]
    .into_iter()
    .map(|(t, u)| (t, u.to_string()))
    .collect();
    let listed = get(&app, "/api/v1/articles?limit=100").await.json();
    for a in listed["articles"].as_array().unwrap() {
        let id = a["id"].as_i64().unwrap();
        checks.push(("/api/v1/articles/{id}", format!("/api/v1/articles/{id}")));
        checks.push((
            "/api/v1/articles/{id}/versions",
            format!("/api/v1/articles/{id}/versions"),
        ));
        checks.push((
            "/api/v1/articles/{id}/changes",
            format!("/api/v1/articles/{id}/changes"),
        ));
    }
    for (template, uri) in &checks {
        let r = get(&app, uri).await;
        doc.check(template, "get", r.status.as_u16(), &r.json())
            .unwrap_or_else(|e| panic!("{uri}: {e}"));
    }
}

#[tokio::test]
async fn stats_speakers_and_articles() {
    let (_dir, db) = database();
    let app = read_only(&db);
    let stats = get(&app, "/api/v1/stats").await.json();
    assert_eq!(stats["articles"], 7);
    assert!(stats["statements"].as_u64().unwrap() >= 20, "{stats}");
    assert_eq!(stats["read_only"], true);
    let outlets: Vec<&str> = stats["outlets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert!(outlets.contains(&"Dunmere Ledger"), "{outlets:?}");

    let list = get(&app, "/api/v1/speakers?limit=3").await.json();
    let speakers = list["speakers"].as_array().unwrap();
    assert_eq!(speakers.len(), 3);
    assert!(list["next"].is_string());
    let counts: Vec<u64> = speakers
        .iter()
        .map(|s| s["statements"].as_u64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "most quoted first");
    // every page, through the cursor, without repeats
    let mut seen = BTreeSet::new();
    let mut uri = "/api/v1/speakers?limit=2".to_string();
    loop {
        let page = get(&app, &uri).await.json();
        for s in page["speakers"].as_array().unwrap() {
            assert!(seen.insert(s["id"].as_i64().unwrap()));
        }
        match page["next"].as_str() {
            Some(c) => uri = format!("/api/v1/speakers?limit=2&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen.len() as u64, stats["speakers"].as_u64().unwrap());

    // any spelling finds the spokesperson: Şükrü Yıldırım / Sukru Yildirim
    let found = get(&app, "/api/v1/speakers?name=yildirim").await.json();
    let s = &found["speakers"][0];
    assert!(s["name"].as_str().unwrap().contains("Yıldırım"), "{found}");
    let variants: Vec<&str> = s["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["text"].as_str().unwrap())
        .collect();
    assert!(
        variants.iter().any(|v| v.contains("Yildirim")),
        "{variants:?}"
    );

    let id = s["id"].as_i64().unwrap();
    let detail = get(&app, &format!("/api/v1/speakers/{id}")).await.json();
    assert_eq!(detail["name"], s["name"]);
    assert_eq!(detail["timeline"]["by"], "day");
    let points = detail["timeline"]["points"].as_array().unwrap();
    let sum: u64 = points
        .iter()
        .map(|p| p["statements"].as_u64().unwrap())
        .sum();
    assert_eq!(
        sum + detail["timeline"]["undated"].as_u64().unwrap(),
        detail["statements"].as_u64().unwrap()
    );
    let weeks = get(&app, &format!("/api/v1/speakers/{id}?by=week"))
        .await
        .json();
    assert_eq!(weeks["timeline"]["by"], "week");

    let arts = get(&app, "/api/v1/articles?limit=100").await.json();
    let arts = arts["articles"].as_array().unwrap();
    assert_eq!(arts.len(), 7);
    let first = &arts[0];
    assert_eq!(
        first["external_id"], HOSTILE_ID,
        "newest publication day first"
    );
    let planet = get(&app, "/api/v1/articles?outlet=DUNMERE%20ledger")
        .await
        .json();
    assert!(!planet["articles"].as_array().unwrap().is_empty());
    let dated = get(&app, "/api/v1/articles?from=2024-03-05&to=2024-03-06")
        .await
        .json();
    for a in dated["articles"].as_array().unwrap() {
        let p = a["published"].as_str().unwrap();
        assert!(("2024-03-05"..="2024-03-06").contains(&p), "{p}");
    }

    let aid = arts
        .iter()
        .find(|a| a["external_id"] != HOSTILE_ID && a["statements"].as_u64().unwrap() > 0)
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let article = get(&app, &format!("/api/v1/articles/{aid}")).await.json();
    let text = article["text"].as_str().unwrap();
    let statements = article["statements"].as_array().unwrap();
    assert!(!statements.is_empty());
    for st in statements {
        assert!(st.get("article").is_none());
        // spans are code points into the text
        let chars: Vec<char> = text.chars().collect();
        for span in st["content_spans"].as_array().unwrap() {
            let (a, b) = (
                span[0].as_u64().unwrap() as usize,
                span[1].as_u64().unwrap() as usize,
            );
            let piece: String = chars[a..b].iter().collect();
            assert!(
                st["content"].as_str().unwrap().contains(piece.trim()),
                "{piece:?}"
            );
        }
    }
}

#[tokio::test]
async fn statements_search_ranks_filters_and_pages_with_a_cursor() {
    let (_dir, db) = database();
    let app = read_only(&db);
    let r = get(&app, "/api/v1/statements?q=talks&limit=2").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    let total = v["total"].as_u64().unwrap();
    assert!(total >= 2, "{v}");
    assert!(v["statements"][0]["score"].is_number());
    assert!(v["statements"][0]["article"]["external_id"].is_string());
    let mut ids = Vec::new();
    let mut uri = "/api/v1/statements?q=talks&limit=2".to_string();
    loop {
        let page = get(&app, &uri).await.json();
        let scores: Vec<f64> = page["statements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["score"].as_f64().unwrap())
            .collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first");
        ids.extend(
            page["statements"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["id"].as_i64().unwrap()),
        );
        match page["next"].as_str() {
            Some(c) => uri = format!("/api/v1/statements?q=talks&limit=2&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(ids.len() as u64, total);
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), ids.len());

    // folded: "yildirim" finds statements by Yıldırım through the speaker filter, and the
    // words filter ignores accents
    let by = get(&app, "/api/v1/statements?speaker=yildirim&sort=oldest")
        .await
        .json();
    assert!(by["total"].as_u64().unwrap() >= 2, "{by}");
    let days: Vec<&str> = by["statements"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["effective_day"].as_str())
        .collect();
    assert!(days.windows(2).all(|w| w[0] <= w[1]), "{days:?}");
    let range = get(
        &app,
        "/api/v1/statements?from=2024-03-05&to=2024-03-05&limit=100",
    )
    .await
    .json();
    for s in range["statements"].as_array().unwrap() {
        assert_eq!(s["effective_day"], "2024-03-05");
        assert_eq!(s["weekday"], "Tue");
    }
    let phrase = get(&app, "/api/v1/statements?q=%22dead%20on%20arrival%22")
        .await
        .json();
    assert!(phrase["total"].as_u64().unwrap() >= 1, "{phrase}");
    let none = get(&app, "/api/v1/statements?q=zzzzqqq").await.json();
    assert_eq!(none["total"], 0);
    assert_eq!(none["next"], Value::Null);
    // markup in a query is just words
    let odd = get(&app, "/api/v1/statements?q=%3Cscript%3E%20OR%20%22%20NEAR(").await;
    assert_eq!(odd.status, 200, "{}", odd.body);
}

#[tokio::test]
async fn api_errors_are_json_with_status_and_message() {
    let (_dir, db) = database();
    let app = read_only(&db);
    for uri in [
        "/api/v1/statements?from=yesterday",
        "/api/v1/statements?limit=0",
        "/api/v1/statements?limit=1000",
        "/api/v1/statements?limit=abc",
        "/api/v1/statements?sort=best",
        "/api/v1/statements?cursor=not-a-cursor",
        "/api/v1/statements?q=talks&sort=rank&cursor=n..5",
        "/api/v1/statements?cursor=r.0000000000000000.1",
        "/api/v1/statements?speaker_id=-3",
        "/api/v1/statements?page=2",
        "/api/v1/statements?limit=1&limit=2",
        "/api/v1/speakers/abc",
        "/api/v1/speakers/0",
        "/api/v1/speakers/1?by=month",
        "/api/v1/speakers?cursor=n..1",
        "/api/v1/articles/99999999999999999999999",
        "/api/v1/articles?from=2024-02-30",
    ] {
        let r = get(&app, uri).await;
        assert_json_error(&r, StatusCode::BAD_REQUEST);
        assert!(!r.body.contains("internal"), "{uri}: {}", r.body);
    }
    for uri in [
        "/api/v1/speakers/424242",
        "/api/v1/articles/424242",
        "/api/v1/nothing",
        "/api/v2/statements",
        "/api/",
    ] {
        assert_json_error(&get(&app, uri).await, StatusCode::NOT_FOUND);
    }
    let r = send(
        &app,
        Request::delete("/api/v1/statements")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_json_error(&r, StatusCode::METHOD_NOT_ALLOWED);
    assert!(r.headers.get(header::ALLOW).is_some());
    // Pages answer HTML errors.
    let r = get(&app, "/no/such/page").await;
    assert_eq!(r.status, 404);
    assert!(r.content_type().starts_with("text/html"));
    let r = get(&app, "/search?from=yesterday").await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("is not a day"));
    assert_eq!(get(&app, "/speakers/abc").await.status, 404);
    assert_eq!(get(&app, "/articles/424242").await.status, 404);
}

#[tokio::test]
async fn hostile_article_text_is_escaped_on_every_page() {
    let (_dir, db) = database();
    let app = read_only(&db);
    let row = get(&app, "/api/v1/articles?limit=1").await.json()["articles"][0]["id"]
        .as_i64()
        .unwrap();
    let detail = get(&app, &format!("/api/v1/articles/{row}")).await.json();
    assert_eq!(detail["external_id"], HOSTILE_ID);
    // The API returns the text as data (JSON-escaped by serde, never interpreted).
    assert!(detail["text"].as_str().unwrap().contains(SCRIPT));
    let speaker = detail["statements"][0]["speaker"]["id"].as_i64().unwrap();

    let pages = [
        "/".to_string(),
        format!("/articles/{row}"),
        "/articles".into(),
        "/search?q=plan".into(),
        "/search?q=%3Cscript%3E".into(),
        format!("/search?speaker_id={speaker}"),
        "/speakers".into(),
        format!("/speakers/{speaker}"),
    ];
    for uri in &pages {
        let r = get(&app, uri).await;
        assert_eq!(r.status, 200, "{uri}");
        let html = &r.body;
        for raw in [
            "<script>alert",
            "<img src=x",
            "<b>Quill",
            "<u>Minister",
            "<i>onerror",
            "\"><script>",
            "href=\"javascript",
        ] {
            assert!(!html.contains(raw), "{uri} holds {raw:?} unescaped");
        }
        // the only script is ours
        assert_eq!(html.matches("<script").count(), 1, "{uri}");
        assert!(html.contains("<script src=\"/static/app.js"), "{uri}");
    }
    let article = get(&app, &format!("/articles/{row}")).await.body;
    assert!(article.contains("&lt;script&gt;alert('pwned')&lt;/script&gt; is not a plan"));
    assert!(article.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // the tooltip attribute holds the escaped speaker and audience
    assert!(
        article.contains("data-tip=\"Vera &lt;b&gt;Quill&lt;/b&gt; · cue: said · 2024-03-11 Mon"),
        "{article}"
    );
    // a javascript: URL is shown as text, never as a link
    assert!(!article.contains("href=\"javascript"));
    let _ = IMG;
}

#[tokio::test]
async fn pages_show_search_speaker_timeline_and_article() {
    let (_dir, db) = database();
    let app = read_only(&db);
    let home = get(&app, "/").await;
    assert_eq!(home.status, 200);
    assert!(home.body.contains("Latest statements"));
    assert!(home.body.contains("Most quoted"));
    assert!(home.body.contains("Dunmere Ledger"));
    let csp = home.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
    assert_eq!(home.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");

    let search = get(&app, "/search?q=talks&from=&to=&speaker=&outlet=").await;
    assert_eq!(search.status, 200, "{}", search.body);
    assert!(
        search.body.contains("<mark>talks</mark>") || search.body.contains("<mark>Talks</mark>")
    );
    assert!(search.body.contains("best match first"));
    let paged = get(&app, "/search?sort=newest&page=2").await;
    assert_eq!(paged.status, 200);
    assert!(paged.body.contains("Page 2 of"), "{}", paged.body);
    assert!(paged.body.contains("rel=\"prev\""));

    let yid = get(&app, "/api/v1/speakers?name=yildirim").await.json()["speakers"][0]["id"]
        .as_i64()
        .unwrap();
    let sp = get(&app, &format!("/speakers/{yid}")).await.body;
    assert!(sp.contains("<svg"), "timeline");
    assert!(sp.contains("<rect"), "bars");
    assert!(sp.contains("Statements by day"));
    assert!(sp.contains("2024-03-04 Mon"), "days with weekdays");
    assert!(sp.contains("Sukru Yildirim") || sp.contains("Şükrü Yıldırım"));
    let weekly = get(&app, &format!("/speakers/{yid}?by=week")).await.body;
    assert!(weekly.contains("week of 2024-03-04 Mon"), "{weekly}");

    let row = get(&app, "/api/v1/articles?limit=100").await.json()["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["external_id"] != HOSTILE_ID && a["statements"].as_u64().unwrap() >= 3)
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let art = get(&app, &format!("/articles/{row}")).await.body;
    let marks = art.matches("class=\"st ").count();
    assert!(marks >= 3, "{marks} marks");
    assert!(art.contains("Statements in this article"));
    assert!(art.contains("data-tip=\""));

    let css = get(&app, "/static/style.css").await;
    assert!(css.content_type().starts_with("text/css"));
    let js = get(&app, "/static/app.js").await;
    assert!(js.content_type().starts_with("text/javascript"));
}

fn post(body: &str, token: Option<&str>, content_type: Option<&str>) -> Request<Body> {
    let mut b = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/articles");
    if let Some(t) = token {
        b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    if let Some(c) = content_type {
        b = b.header(header::CONTENT_TYPE, c);
    }
    b.body(Body::from(body.to_string())).unwrap()
}

#[tokio::test]
async fn posting_articles_needs_the_token_and_respects_limits() {
    let (_dir, db) = database();
    let record = json!({
        "id": "api-1", "published": "2024-03-12", "outlet": "Daily Planet",
        "title": "Lopes on talks",
        "text": "Lopes on talks\n\nForeign Minister Ana Lopes said on Tuesday that the talks would resume next week.",
        "attributions": []
    })
    .to_string();
    let json_ct = Some("application/json");

    // read-only server
    let ro = read_only(&db);
    assert_json_error(
        &send(&ro, post(&record, Some(TOKEN), json_ct)).await,
        StatusCode::FORBIDDEN,
    );

    let app = writable(&db);
    let r = send(&app, post(&record, None, json_ct)).await;
    assert_json_error(&r, StatusCode::UNAUTHORIZED);
    assert!(r.headers.get(header::WWW_AUTHENTICATE).is_some());
    assert_json_error(
        &send(&app, post(&record, Some("wrong-token-0123456789"), json_ct)).await,
        StatusCode::UNAUTHORIZED,
    );
    assert_json_error(
        &send(&app, post(&record, Some(TOKEN), Some("text/plain"))).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
    );
    assert_json_error(
        &send(&app, post("{not json", Some(TOKEN), json_ct)).await,
        StatusCode::BAD_REQUEST,
    );
    assert_json_error(
        &send(&app, post("{\"id\": \"x\"}", Some(TOKEN), json_ct)).await,
        StatusCode::BAD_REQUEST,
    );

    let before = get(&app, "/api/v1/stats").await.json()["articles"]
        .as_u64()
        .unwrap();
    let r = send(&app, post(&record, Some(TOKEN), json_ct)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    // the cached summary follows the new data
    let after = get(&app, "/api/v1/stats").await.json()["articles"]
        .as_u64()
        .unwrap();
    assert_eq!(after, before + 1);
    let v = r.json();
    assert_eq!(v["created"], true);
    assert_eq!(v["external_id"], "api-1");
    assert!(v["statements"].as_u64().unwrap() >= 1, "{v}");
    let again = send(&app, post(&record, Some(TOKEN), json_ct)).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json()["created"], false);
    assert_eq!(again.json()["id"], v["id"]);
    // visible at once to readers
    let found = get(
        &app,
        "/api/v1/statements?q=resume%20next%20week&speaker=lopes",
    )
    .await
    .json();
    assert!(found["total"].as_u64().unwrap() >= 1, "{found}");

    // body limit: a small limit refuses a large body with a JSON 413
    let mut c = Config::new(&db);
    c.ingest_token = Some(TOKEN.into());
    c.max_body = 1000;
    let small = app_with(&c);
    let big = json!({"id": "big", "text": "word ".repeat(1000)}).to_string();
    assert_json_error(
        &send(&small, post(&big, Some(TOKEN), json_ct)).await,
        StatusCode::PAYLOAD_TOO_LARGE,
    );
    // a short token is refused at start
    let mut weak = Config::new(&db);
    weak.ingest_token = Some("short".into());
    assert!(onrecord_serve::app(&weak).is_err());
}

#[tokio::test]
async fn an_inferred_publication_day_is_marked_in_json_and_pages() {
    let (_dir, db) = common::database();
    let app = writable(&db);
    let json_ct = Some("application/json");
    // invented; no publication day, a dated URL (2031-03-07 is a Friday)
    let record = json!({"id": "dated-url", "url": "https://news.example/2031/3/7/ferries",
                        "text": "Ferries run\n\nMayor Lena Odegard said Friday the ferries would run."})
    .to_string();
    let r = send(&app, post(&record, Some(TOKEN), json_ct)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    let v = get(&app, &format!("/api/v1/articles/{id}")).await.json();
    assert_eq!(v["published"], "2031-03-07");
    assert_eq!(v["published_inferred"], 0.85, "{v}");
    let page = get(&app, &format!("/articles/{id}")).await;
    assert!(page.body.contains("(inferred)"), "{}", page.body);
    // an article whose input gives the day carries no mark
    let v = get(&app, "/api/v1/articles?limit=50").await.json();
    let given = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["external_id"] == common::HOSTILE_ID)
        .unwrap();
    assert!(given.get("published_inferred").is_none(), "{given}");
}

fn app_with(c: &Config) -> Router {
    app(c).unwrap()
}

#[tokio::test]
async fn no_cors_unless_asked_for() {
    let (_dir, db) = database();
    let preflight = || {
        Request::builder()
            .method(Method::OPTIONS)
            .uri("/api/v1/statements")
            .header(header::ORIGIN, "https://analyst.example")
            .header(header::ACCESS_CONTROL_REQUEST_METHOD, "GET")
            .body(Body::empty())
            .unwrap()
    };
    let simple = || {
        Request::get("/api/v1/stats")
            .header(header::ORIGIN, "https://analyst.example")
            .body(Body::empty())
            .unwrap()
    };
    let app = read_only(&db);
    let r = send(&app, simple()).await;
    assert!(r.headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
    let r = send(&app, preflight()).await;
    assert!(r.headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());

    let mut c = Config::new(&db);
    c.cors_origins = vec!["https://analyst.example".into()];
    let app = app_with(&c);
    let r = send(&app, simple()).await;
    assert_eq!(
        r.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "https://analyst.example"
    );
    let other = send(
        &app,
        Request::get("/api/v1/stats")
            .header(header::ORIGIN, "https://evil.example")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(other
        .headers
        .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
        .is_none());
}

#[tokio::test]
async fn a_missing_database_is_a_clear_error_and_read_only_never_creates_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let err = app(&Config::new(&db)).unwrap_err();
    assert!(
        err.to_string().contains("run `onrecord ingest` first"),
        "{err}"
    );
    assert!(!db.exists());
}

/// Every statement of the record, through the API's pages.
async fn all_statements(app: &Router, filters: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut uri = format!("/api/v1/statements?{filters}&sort=oldest&limit=100");
    loop {
        let page = get(app, &uri).await.json();
        out.extend(page["statements"].as_array().unwrap().iter().cloned());
        match page["next"].as_str() {
            Some(c) => {
                uri = format!("/api/v1/statements?{filters}&sort=oldest&limit=100&cursor={c}")
            }
            None => break,
        }
    }
    out
}

/// A prefix is the start of a word as written, even past the word's stem (the stemmed
/// index holds "negoti" for "negotiations", which `negotiat*` does not start).
#[tokio::test]
async fn prefix_search_matches_words_as_written() {
    let (_dir, db) = database();
    let app = read_only(&db);
    let holding = |prefix: &str, statements: &[Value]| {
        statements
            .iter()
            .filter(|s| {
                s["content"]
                    .as_str()
                    .unwrap()
                    .to_lowercase()
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.starts_with(prefix))
            })
            .count() as u64
    };
    let every = all_statements(&app, "").await;
    let expected = holding("negotiat", &every);
    assert!(expected >= 1, "the example corpus quotes a negotiation");
    let found = get(&app, "/api/v1/statements?q=negotiat*&limit=100")
        .await
        .json();
    assert_eq!(found["total"].as_u64().unwrap(), expected, "{found}");
    let shorter = get(&app, "/api/v1/statements?q=negoti*").await.json();
    assert!(shorter["total"].as_u64().unwrap() >= expected);
    let page = get(&app, "/search?q=negotiat*").await.body;
    assert!(page.contains("<mark>negotiat"), "{page}");
}

/// A speaker's timeline says how many statements it cannot place (no day at all) and links
/// to them; the API lists them with `undated=true`. The axis labels are placed in percent
/// of the width, outside the stretched bars.
#[tokio::test]
async fn the_timeline_says_how_many_statements_have_no_day_and_shows_them() {
    let (_dir, db) = database();
    common::add_chronicle(&db);
    let app = read_only(&db);
    let doc = OpenApi::new(OPENAPI);
    let found = get(&app, "/api/v1/speakers?name=brennick").await.json();
    let id = found["speakers"][0]["id"].as_i64().unwrap();
    let detail = get(&app, &format!("/api/v1/speakers/{id}")).await.json();
    assert_eq!(
        detail["timeline"]["undated"],
        common::CHRONICLE_UNDATED as u64
    );

    let page = get(&app, &format!("/speakers/{id}")).await.body;
    assert!(page.contains("<strong>3 statements</strong> have no day"));
    let link = format!("/search?speaker_id={id}&amp;undated=true&amp;sort=newest");
    assert!(page.contains(&link));
    // month labels over fourteen months of weeks, in percent of the width, none squeezed
    // into the bars' stretched coordinates
    let labels = page.matches("<text ").count();
    assert!((3..=16).contains(&labels), "{labels} labels");
    assert!(page.contains("<text x=\"7.14%\" y=\"1.15em\" text-anchor=\"middle\">2030-02</text>"));
    let bars = page.split("<svg class=\"bars\"").nth(1).unwrap();
    let bars = bars.split("</svg>").next().unwrap();
    assert!(!bars.contains("<text"), "no text in the stretched SVG");

    let listed = get(&app, &link.replace("&amp;", "&")).await;
    assert_eq!(listed.status, 200);
    assert!(
        listed.body.contains("3 statements without a day"),
        "{}",
        listed.body
    );
    assert!(listed
        .body
        .contains("<input type=\"hidden\" name=\"undated\" value=\"true\">"));
    let uri = format!("/api/v1/statements?speaker_id={id}&undated=true");
    let api = get(&app, &uri).await.json();
    doc.check("/api/v1/statements", "get", 200, &api).unwrap();
    assert_eq!(api["total"], common::CHRONICLE_UNDATED as u64);
    for s in api["statements"].as_array().unwrap() {
        assert!(s["effective_day"].is_null() && s["day"].is_null(), "{s}");
    }
    // a speaker whose statements all have a day says nothing of the kind
    let mut all_dated = 0;
    for s in get(&app, "/api/v1/speakers?limit=100").await.json()["speakers"]
        .as_array()
        .unwrap()
    {
        let id = s["id"].as_i64().unwrap();
        let detail = get(&app, &format!("/api/v1/speakers/{id}")).await.json();
        let undated = detail["timeline"]["undated"].as_u64().unwrap();
        let page = get(&app, &format!("/speakers/{id}")).await.body;
        assert_eq!(
            page.contains("class=\"undated\""),
            undated > 0,
            "{id}: {undated}"
        );
        all_dated += usize::from(undated == 0);
    }
    assert!(all_dated > 0);
    let bad = get(&app, "/api/v1/statements?undated=maybe").await;
    assert_json_error(&bad, StatusCode::BAD_REQUEST);
}

/// Words typed in the search box that name a speaker, in any spelling the store knows,
/// bring a hint with the speaker's page above the statements that hold the words.
#[tokio::test]
async fn the_search_box_finds_speakers_by_any_known_spelling() {
    let (_dir, db) = database();
    let app = read_only(&db);
    let yid = get(&app, "/api/v1/speakers?name=yildirim").await.json()["speakers"][0]["id"]
        .as_i64()
        .unwrap();
    let statements = get(&app, &format!("/api/v1/speakers/{yid}")).await.json()["statements"]
        .as_u64()
        .unwrap();
    let hint = format!(
        "<strong>Şükrü Yıldırım</strong> — {statements} statements · <span class=\"muted\">Halvarian Foreign Ministry spokesperson</span>, <a href=\"/speakers/{yid}\">see the speaker's page</a>"
    );
    for q in [
        "Yıldırım",
        "yildirim",
        "YILDIRIM",
        "Sukru%20Yildirim",
        "%C5%9E%C3%BCkr%C3%BC%20Y%C4%B1ld%C4%B1r%C4%B1m",
    ] {
        let r = get(&app, &format!("/search?q={q}")).await;
        assert_eq!(r.status, 200, "{q}");
        assert!(r.body.contains(&hint), "{q}: {}", r.body);
        // before the statements
        let at = r.body.find("class=\"speaker-hint\"").unwrap();
        assert!(at < r.body.find("class=\"result-count\"").unwrap());
    }
    for q in [
        "talks",
        "yildir*",
        "%22Yildirim%22",
        "Sukru",
        "yildirim&page=2",
    ] {
        let r = get(&app, &format!("/search?q={q}")).await;
        assert!(!r.body.contains("speaker-hint"), "{q}");
    }
    let scoped = get(&app, &format!("/search?q=yildirim&speaker_id={yid}")).await;
    assert!(
        !scoped.body.contains("speaker-hint"),
        "already that speaker's"
    );
    // the hostile speaker's name is shown as text
    let r = get(&app, "/search?q=vera%20quill").await;
    assert!(
        r.body
            .contains("<strong>Vera &lt;b&gt;Quill&lt;/b&gt;</strong> — 1 statement"),
        "{}",
        r.body
    );
}

/// Every `<q>` of a page, with the first characters of what it holds.
fn quoted(html: &str) -> Vec<String> {
    html.split("<q>")
        .skip(1)
        .map(|rest| {
            let rest = rest.strip_prefix("<mark>").unwrap_or(rest);
            rest.chars().take(12).collect()
        })
        .collect()
}

/// A statement whose content carries its own quotation marks is never set in another pair,
/// on any page that lists statements: search results, a speaker's page, an article's list,
/// and what changed between versions.
#[tokio::test]
async fn statement_lists_never_double_the_quotation_marks() {
    let (_dir, db) = database();
    // An invented page fetched twice: a direct quotation in straight marks reworded, one in
    // curly marks added, and a paraphrase without marks.
    let url = "https://skerrow.example/2031/04/02/pier";
    let v1 = "Pier to be rebuilt\n\n\"We will rebuild the pier by May,\" Mayor Ilse Varga said. \
              Harbour master Oren Tallis said the ferries would keep running.";
    let v2 = "Pier to be rebuilt\n\n\"We will rebuild the pier by June,\" Mayor Ilse Varga said. \
              Harbour master Oren Tallis said the ferries would keep running. \
              “Nobody asked the ferrymen,” said Tove Arn.";
    let said1 = [
        ("Ilse Varga", "\"We will rebuild the pier by May,\""),
        ("Oren Tallis", "the ferries would keep running"),
    ];
    let said2 = [
        ("Ilse Varga", "\"We will rebuild the pier by June,\""),
        ("Oren Tallis", "the ferries would keep running"),
        ("Tove Arn", "“Nobody asked the ferrymen,”"),
    ];
    let mut store = onrecord_store::Store::open(&db).unwrap();
    let mut rows = Vec::new();
    for (text, said) in [(v1, &said1[..]), (v2, &said2[..])] {
        let a = onrecord_core::Article {
            id: url.into(),
            url: Some(url.into()),
            title: Some("Pier to be rebuilt".into()),
            published: Some("2031-04-02".parse().unwrap()),
            text: text.into(),
            ..onrecord_core::Article::default()
        };
        rows.push(
            store
                .insert_version(&a, &common::analysis_of(text, said))
                .unwrap()
                .row(),
        );
    }
    drop(store);
    let app = read_only(&db);
    let varga = get(&app, "/api/v1/speakers?name=varga").await.json()["speakers"][0]["id"]
        .as_i64()
        .unwrap();
    let pages = [
        "/search?q=pier".to_string(),
        "/search?q=ferrymen".to_string(),
        "/search?q=ferries".to_string(),
        "/search?sort=newest".to_string(),
        "/".to_string(),
        format!("/speakers/{varga}"),
        format!("/articles/{}", rows[1]),
        format!("/articles/{}", rows[0]),
    ];
    for uri in &pages {
        let body = get(&app, uri).await.body;
        for q in quoted(&body) {
            assert!(
                !q.starts_with("&quot;") && !q.starts_with(['“', '”', '„', '«', '‘', '\'']),
                "{uri}: <q> around content with its own marks: {q}"
            );
        }
    }
    // each shown once, as the article prints it; the paraphrase in a <q>
    let article = get(&app, &format!("/articles/{}", rows[1])).await.body;
    assert!(article
        .contains("<span class=\"said\">&quot;We will rebuild the pier by June,&quot;</span>"));
    assert!(article.contains("<span class=\"said\">“Nobody asked the ferrymen,”</span>"));
    assert!(article.contains("<q>the ferries would keep running</q>"));
    // …in what changed (reworded before → after, added)
    assert!(article.contains(
        "<span class=\"said\">&quot;We will rebuild the pier by May,&quot;</span></del>"
    ));
    let search = get(&app, "/search?q=pier").await.body;
    assert!(search.contains(
        "<blockquote class=\"content\"><span class=\"said\">&quot;We will rebuild the <mark>pier</mark> by June,&quot;</span></blockquote>"
    ), "{search}");
    let speaker = get(&app, &format!("/speakers/{varga}")).await.body;
    assert!(speaker
        .contains("<span class=\"said\">&quot;We will rebuild the pier by June,&quot;</span>"));
}

/// An address too long to read is a 414 with the usual headers: JSON under /api (as the
/// OpenAPI document says), a page elsewhere; a search text just over its limit stays a 400.
#[tokio::test]
async fn an_over_long_address_is_a_414_with_the_usual_headers() {
    let (_dir, db) = database();
    let app = read_only(&db);
    let doc = OpenApi::new(OPENAPI);
    let long = "negotiations%20".repeat(400); // 6,000 bytes
    let api = get(&app, &format!("/api/v1/statements?q={long}")).await;
    assert_json_error(&api, StatusCode::URI_TOO_LONG);
    doc.check("/api/v1/statements", "get", 414, &api.json())
        .unwrap();
    assert!(api.json()["message"]
        .as_str()
        .unwrap()
        .contains("up to 4,096 bytes"));
    let page = get(&app, &format!("/search?q={long}")).await;
    assert_eq!(page.status, StatusCode::URI_TOO_LONG);
    assert!(page.content_type().starts_with("text/html"));
    assert!(page.body.contains("Address too long"), "{}", page.body);
    for r in [&api, &page] {
        for h in [
            header::CONTENT_SECURITY_POLICY,
            header::X_CONTENT_TYPE_OPTIONS,
            header::X_FRAME_OPTIONS,
            header::REFERRER_POLICY,
            header::CACHE_CONTROL,
        ] {
            assert!(r.headers.get(&h).is_some(), "{h} missing: {:?}", r.headers);
        }
    }
    // an unknown route as long: still refused for its length
    let r = get(&app, &format!("/api/v9/nothing?x={long}")).await;
    assert_json_error(&r, StatusCode::URI_TOO_LONG);
    // a search text over 500 characters in an address that is not too long
    let r = get(&app, &format!("/api/v1/statements?q={}", "a".repeat(600))).await;
    assert_json_error(&r, StatusCode::BAD_REQUEST);
}

/// A cursor is bound to the query it was made for: given with other words or filters it is
/// refused with a 400 that says so (JSON in the API, a page for the articles listing),
/// never read as a position in another listing.
#[tokio::test]
async fn a_cursor_reused_with_another_query_is_refused() {
    let (_dir, db) = database();
    let app = read_only(&db);
    let doc = OpenApi::new(OPENAPI);
    let first = get(&app, "/api/v1/statements?q=talks&limit=2").await.json();
    let next = first["next"].as_str().unwrap().to_string();
    // the same search (written otherwise, another page size) continues
    for same in [
        "q=talks&limit=2",
        "q=TALKS&limit=5",
        "q=%20talks%20&limit=2",
    ] {
        let r = get(&app, &format!("/api/v1/statements?{same}&cursor={next}")).await;
        assert_eq!(r.status, 200, "{same}: {}", r.body);
    }
    for other in [
        "q=ceasefire",
        "q=talks&speaker=yildirim",
        "q=talks&outlet=Dunmere%20Ledger",
        "q=talks&from=2024-03-05",
        "q=talks&undated=true",
        "q=talk*",
        "",
    ] {
        let uri = format!("/api/v1/statements?{other}&limit=2&cursor={next}");
        let r = get(&app, &uri).await;
        assert_json_error(&r, StatusCode::BAD_REQUEST);
        let message = r.json()["message"].as_str().unwrap().to_string();
        assert!(
            message.starts_with("parameter 'cursor': this cursor was made for another query"),
            "{other}: {message}"
        );
        doc.check("/api/v1/statements", "get", 400, &r.json())
            .unwrap();
    }
    // articles and speakers
    let arts = get(&app, "/api/v1/articles?limit=2").await.json();
    let next = arts["next"].as_str().unwrap();
    assert_eq!(
        get(&app, &format!("/api/v1/articles?limit=2&cursor={next}"))
            .await
            .status,
        200
    );
    let r = get(
        &app,
        &format!("/api/v1/articles?limit=2&outlet=Dunmere%20Ledger&cursor={next}"),
    )
    .await;
    assert_json_error(&r, StatusCode::BAD_REQUEST);
    let page = get(
        &app,
        &format!("/articles?cursor={next}&outlet=Kestrel%20News"),
    )
    .await;
    assert_eq!(page.status, 400);
    assert!(page.content_type().starts_with("text/html"));
    assert!(
        page.body.contains("made for another query"),
        "{}",
        page.body
    );
    assert_eq!(
        get(&app, &format!("/articles?cursor={next}")).await.status,
        200
    );
    let sp = get(&app, "/api/v1/speakers?limit=2").await.json();
    let next = sp["next"].as_str().unwrap();
    assert_eq!(
        get(&app, &format!("/api/v1/speakers?limit=2&cursor={next}"))
            .await
            .status,
        200
    );
    let r = get(&app, &format!("/api/v1/speakers?name=lopes&cursor={next}")).await;
    assert_json_error(&r, StatusCode::BAD_REQUEST);
}

/// A search's statements, downloaded: every match (more than one page of the store's reads),
/// in CSV and in JSON lines, the same statements as the API pages through, with code-point
/// spans; formulas defused in CSV only; links from the search page and the speaker's page.
#[tokio::test]
async fn search_results_and_a_speakers_statements_download_as_csv_and_jsonl() {
    let (_dir, db) = database();
    common::add_many(&db, 1_100);
    let app = read_only(&db);
    let doc = OpenApi::new(OPENAPI);
    let quern = get(&app, "/api/v1/speakers?name=quern").await.json()["speakers"][0]["id"]
        .as_i64()
        .unwrap();

    // JSON lines: each a Statement, the same ones as the listing, newest first
    let listed: Vec<i64> = all_statements(&app, &format!("speaker_id={quern}"))
        .await
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    assert_eq!(listed.len(), 1_100);
    let r = get(
        &app,
        &format!("/api/v1/statements/export?speaker_id={quern}&format=jsonl"),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.content_type(), "application/x-ndjson");
    assert_eq!(
        r.headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"onrecord-statements.jsonl\""
    );
    assert!(r.headers.get(header::CONTENT_SECURITY_POLICY).is_some());
    let lines: Vec<Value> = r
        .body
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for v in &lines {
        doc.check_schema("Statement", v).unwrap();
    }
    let mut exported: Vec<i64> = lines.iter().map(|v| v["id"].as_i64().unwrap()).collect();
    let days: Vec<&str> = lines
        .iter()
        .map(|v| v["effective_day"].as_str().unwrap())
        .collect();
    assert!(days.windows(2).all(|w| w[0] >= w[1]), "newest first");
    exported.sort_unstable();
    let mut sorted = listed.clone();
    sorted.sort_unstable();
    assert_eq!(exported, sorted);
    let formula = lines
        .iter()
        .find(|v| v["content"].as_str().unwrap().starts_with("=SUM"))
        .unwrap();
    let spans = formula["content_spans"].clone();

    // CSV: the header, one row per statement, quoting that survives commas, quotes and
    // line breaks, the same spans, formulas defused
    let r = get(
        &app,
        &format!("/api/v1/statements/export?speaker_id={quern}&format=csv&sort=oldest"),
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.content_type(), "text/csv; charset=utf-8; header=present");
    let mut csv = csv::Reader::from_reader(r.body.as_bytes());
    let header: Vec<String> = csv.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[..3], ["id", "effective_day", "weekday"]);
    assert!(header.contains(&"content_spans".to_string()));
    let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1_100);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let first = &rows[0];
    assert_eq!(
        &first[col("content")],
        "'=SUM(A1:A9) was, she said, \"the line\"\nof the budget"
    );
    assert_eq!(&first[col("speaker")], "Ada Quern");
    assert_eq!(&first[col("outlet")], "Velmor Post");
    assert_eq!(&first[col("effective_day")], "2029-01-01");
    let csv_spans: Value = serde_json::from_str(&first[col("content_spans")]).unwrap();
    assert_eq!(csv_spans, spans);

    // words and filters as in the search; errors as JSON
    let total = get(&app, "/api/v1/statements?q=talks").await.json()["total"]
        .as_u64()
        .unwrap();
    let r = get(&app, "/api/v1/statements/export?q=talks&format=csv").await;
    assert_eq!(r.body.lines().count() as u64, total + 1, "{}", r.body);
    for bad in [
        "q=talks",
        "q=talks&format=xml",
        "q=talks&format=csv&limit=10",
        "q=talks&format=csv&cursor=k.1.00000000",
        "q=talks&format=csv&sort=rank",
        "q=talks&format=csv&from=yesterday",
    ] {
        let r = get(&app, &format!("/api/v1/statements/export?{bad}")).await;
        assert_json_error(&r, StatusCode::BAD_REQUEST);
        doc.check("/api/v1/statements/export", "get", 400, &r.json())
            .unwrap();
    }

    // links on the pages
    let page = get(&app, "/search?q=talks&outlet=Dunmere%20Ledger")
        .await
        .body;
    assert!(
        page.contains(
            "href=\"/api/v1/statements/export?q=talks&amp;outlet=Dunmere%20Ledger&amp;format=csv\""
        ),
        "{page}"
    );
    assert!(page.contains("format=jsonl\""));
    let page = get(&app, &format!("/speakers/{quern}")).await.body;
    assert!(page.contains(&format!(
        "href=\"/api/v1/statements/export?speaker_id={quern}&amp;format=csv\""
    )));
}

/// Over a real connection, an address far beyond what the HTTP parser reads (3 MB) is
/// answered by the server's own 414, and the client can send its request whole and read the
/// answer. (The server reads what is left of the request before closing; whether closing
/// at once would break the client's pipe depends on socket buffers and timing, so this
/// test checks the answer, not the drain: without the drain a client writing 3 MB was seen
/// to fail with a broken pipe.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_address_over_the_network_is_answered_not_reset() {
    use std::io::{Read, Write};
    let (_dir, db) = database();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(onrecord_serve::serve(listener, read_only(&db), async {
        let _ = stopped.await;
    }));
    for path in ["/api/v1/statements", "/search"] {
        let reply = tokio::task::spawn_blocking(move || {
            let mut s = std::net::TcpStream::connect(addr).unwrap();
            let request = format!(
                "GET {path}?q={} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "a".repeat(3_000_000)
            );
            s.write_all(request.as_bytes())
                .unwrap_or_else(|e| panic!("{path}: sending the request: {e}"));
            let mut reply = String::new();
            s.read_to_string(&mut reply)
                .unwrap_or_else(|e| panic!("{path}: reading the answer: {e}"));
            reply
        })
        .await
        .unwrap();
        let (head, body) = reply.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 414 "), "{head}");
        assert!(head.contains("x-content-type-options: nosniff"), "{head}");
        if path.starts_with("/api") {
            let v: Value = serde_json::from_str(body).unwrap();
            OpenApi::new(OPENAPI)
                .check("/api/v1/statements", "get", 414, &v)
                .unwrap();
        } else {
            assert!(body.contains("Address too long"), "{body}");
        }
    }
    let _ = stop.send(());
    server.await.unwrap().unwrap();
}

#[tokio::test]
async fn figures_with_their_source_and_pages_by_offset() {
    let (_dir, db) = database();
    let app = read_only(&db);
    let un = get(
        &app,
        "/api/v1/figures?speaker=united%20nations&unit=percent",
    )
    .await
    .json();
    let f = &un["figures"][0];
    assert_eq!(f["value"], 33.33, "{un}");
    assert_eq!(f["bound"], "about");
    assert_eq!(f["source_name"], "United Nations");
    assert!(f["statement_id"].is_i64());
    // every page, through next_offset, without repeats
    let total = get(&app, "/api/v1/figures").await.json()["total"]
        .as_u64()
        .unwrap();
    assert!(total >= 5, "{total}");
    let mut seen = BTreeSet::new();
    let mut uri = "/api/v1/figures?limit=2".to_string();
    loop {
        let page = get(&app, &uri).await.json();
        for f in page["figures"].as_array().unwrap() {
            assert!(seen.insert(f["id"].as_i64().unwrap()));
        }
        match page["next_offset"].as_u64() {
            Some(o) => uri = format!("/api/v1/figures?limit=2&offset={o}"),
            None => break,
        }
    }
    assert_eq!(seen.len() as u64, total);
    let bad = get(&app, "/api/v1/figures?bound=roughly").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.json()["message"].as_str().unwrap().contains("'bound'"));
}

#[tokio::test]
async fn events_with_who_says_so_by_month_and_in_the_article() {
    let (_dir, db) = database();
    let app = read_only(&db);
    let welcomed = get(
        &app,
        "/api/v1/events?actor=halvarian%20foreign%20ministry&type=support",
    )
    .await
    .json();
    assert_eq!(welcomed["total"], 1, "{welcomed}");
    let e = &welcomed["events"][0];
    assert_eq!(e["trigger"], "welcomed");
    assert_eq!(e["standing"], "happened");
    assert!(e["sentence"].as_str().unwrap().contains("welcomed"));
    // every page, through next_offset, without repeats
    let total = get(&app, "/api/v1/events").await.json()["total"]
        .as_u64()
        .unwrap();
    let mut seen = BTreeSet::new();
    let mut uri = "/api/v1/events?limit=7".to_string();
    loop {
        let page = get(&app, &uri).await.json();
        for e in page["events"].as_array().unwrap() {
            assert!(seen.insert(e["id"].as_i64().unwrap()));
        }
        match page["next_offset"].as_u64() {
            Some(o) => uri = format!("/api/v1/events?limit=7&offset={o}"),
            None => break,
        }
    }
    assert_eq!(seen.len() as u64, total);
    // counted by month: the counts add up to the dated events
    let months = get(&app, "/api/v1/events/months").await.json();
    let counted: u64 = months["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["count"].as_u64().unwrap())
        .sum();
    assert!(counted > 0 && counted <= total, "{months}");
    for bad in [
        "/api/v1/events?type=parley",
        "/api/v1/events?standing=maybe",
        "/api/v1/events?both_ways=true&actor=TUR",
        "/api/v1/events/months?limit=5",
    ] {
        let r = get(&app, bad).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
    }
    // the list page shows the timeline across months; the article marks the trigger
    let page = get(&app, "/events").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<table class=\"dyad\""), "{}", page.body);
    let row = e["article"]["id"].as_i64().unwrap();
    let id = e["id"].as_i64().unwrap();
    let article = get(&app, &format!("/articles/{row}")).await;
    assert!(
        article
            .body
            .contains(&format!("<mark class=\"ev\" id=\"e{id}\"")),
        "{}",
        article.body
    );
    assert!(article.body.contains("Events in this article"));
}

#[tokio::test]
async fn figures_page_plots_a_history_and_articles_mark_their_figures() {
    let (_dir, db) = database();
    let app = read_only(&db);
    // one unit over several days: a plot, and a row per figure with who gives it
    let page = get(&app, "/figures?unit=fishermen").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("<figure class=\"history\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("11 fishermen"));
    // a blank form field is no filter; a bad day is refused by name
    let blank = get(&app, "/figures?speaker=&unit=&subject=").await;
    assert_eq!(blank.status, StatusCode::OK);
    let bad = get(&app, "/figures?from=someday").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("from"));
    // the article of the U.N. figure marks it in the text and lists it
    let un = get(
        &app,
        "/api/v1/figures?speaker=united%20nations&unit=percent",
    )
    .await
    .json();
    let f = &un["figures"][0];
    let article = get(&app, &format!("/articles/{}", f["article"]["id"])).await;
    let mark = format!("<mark class=\"fig\" id=\"f{}\"", f["id"]);
    assert!(article.body.contains(&mark), "{}", article.body);
    assert!(article.body.contains("Figures in this article"));
}
