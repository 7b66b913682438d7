//! End to end, as a person would use it: a real server on a loopback port over a small
//! database, driven with headless Chromium through WebDriver (Debian's `chromium` and
//! `chromium-driver`): search → speaker timeline → article, with the keyboard where a
//! person would use it; screenshots are saved under `target/e2e/`.
//!
//! Without Chromium the test prints why and passes, unless `ONRECORD_REQUIRE_BROWSER=1`
//! (set by `.ci/run`, which installs the browser), where a missing browser is a failure.

mod common;

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// The browser and its driver, from $CHROME / $CHROMEDRIVER or the usual Debian paths.
fn find_browser() -> Option<(PathBuf, PathBuf)> {
    let pick = |var: &str, names: &[&str]| -> Option<PathBuf> {
        if let Some(p) = std::env::var_os(var) {
            return Some(PathBuf::from(p));
        }
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
            .find(|p| p.is_file())
    };
    let chrome = pick("CHROME", &["chromium", "chromium-browser", "google-chrome"])?;
    let driver = pick("CHROMEDRIVER", &["chromedriver"])?;
    Some((chrome, driver))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Where screenshots go: `$CARGO_TARGET_DIR/e2e`, else the workspace's `target/e2e`.
fn shots_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("e2e");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn save(client: &Client, name: &str) -> PathBuf {
    let png = client.screenshot().await.unwrap();
    let path = shots_dir().join(name);
    std::fs::write(&path, png).unwrap();
    println!("screenshot: {}", path.display());
    path
}

async fn text(client: &Client, css: &str) -> String {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .text()
        .await
        .unwrap()
}

async fn count(client: &Client, css: &str) -> usize {
    client.find_all(Locator::Css(css)).await.unwrap().len()
}

async fn js(client: &Client, script: &str) -> Value {
    client.execute(script, vec![]).await.unwrap()
}

/// A headless Chromium session through chromedriver, or `None` (after saying why) when the
/// machine has no browser and none is required.
struct Session {
    client: Client,
    _driver: Driver,
    _profile: tempfile::TempDir,
}

async fn open_browser() -> Option<Session> {
    let required = std::env::var("ONRECORD_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
    let Some((chrome, chromedriver)) = find_browser() else {
        assert!(
            !required,
            "ONRECORD_REQUIRE_BROWSER=1 but chromium or chromedriver is missing"
        );
        println!(
            "SKIPPED: browser test needs chromium and chromedriver \
             (apt-get install chromium chromium-driver)"
        );
        return None;
    };
    let port = free_port();
    let profile = tempfile::tempdir().unwrap();
    let driver = Driver(
        Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver"),
    );
    let caps: serde_json::Map<String, Value> = serde_json::from_value(json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chrome,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,1000",
                format!("--user-data-dir={}", profile.path().display()),
            ]
        }
    }))
    .unwrap();
    let started = Instant::now();
    let client = loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => break c,
            Err(e) if started.elapsed() < Duration::from_secs(30) => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("cannot start a browser session: {e}"),
        }
    };
    Some(Session {
        client,
        _driver: driver,
        _profile: profile,
    })
}

/// A server on a loopback port over `config`: its base address, the handle to stop it and
/// its task.
async fn start_server(
    config: &onrecord_serve::Config,
) -> (
    String,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<std::io::Result<()>>,
) {
    let app = onrecord_serve::app(config).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(onrecord_serve::serve(listener, app, async {
        let _ = stop_rx.await;
    }));
    (format!("http://{addr}"), stop_tx, server)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_then_speaker_timeline_then_article_in_chromium() {
    let Some(session) = open_browser().await else {
        return;
    };
    let client = session.client.clone();
    let (_dir, db) = common::database();
    let (base, stop_tx, server) = start_server(&onrecord_serve::Config::new(&db)).await;

    // 1. Home, then search with the keyboard: "/" focuses the search field.
    client.goto(&base).await.unwrap();
    assert!(client.title().await.unwrap().contains("onrecord"));
    assert!(text(&client, "p.counts").await.contains("statements by"));
    let body = client.find(Locator::Css("body")).await.unwrap();
    body.send_keys("/").await.unwrap();
    let active = client.active_element().await.unwrap();
    assert_eq!(active.attr("id").await.unwrap().as_deref(), Some("q"));
    active
        .send_keys(&format!("talks{}", Key::Enter))
        .await
        .unwrap();
    client
        .wait()
        .for_element(Locator::Css("p.result-count"))
        .await
        .unwrap();
    let summary = text(&client, "p.result-count").await;
    assert!(
        summary.contains("statements, best match first"),
        "{summary}"
    );
    assert!(count(&client, "ol.statements li").await >= 3);
    let first_mark = text(&client, "ol.statements li mark").await;
    assert_eq!(first_mark.to_lowercase(), "talks");
    save(&client, "1-search.png").await;

    // 2. The spokesperson's page, from a result's speaker link.
    let link = client
        .find(Locator::XPath(
            "//ol[contains(@class,'statements')]//a[contains(@href,'/speakers/') and contains(., 'Yıldırım')]",
        ))
        .await
        .expect("a result by Yıldırım");
    link.click().await.unwrap();
    client
        .wait()
        .for_element(Locator::Css("figure.timeline svg"))
        .await
        .unwrap();
    assert!(text(&client, "h1").await.contains("Yıldırım"));
    assert!(count(&client, "figure.timeline rect.bar").await >= 2);
    let caption = text(&client, "figure.timeline figcaption").await;
    assert!(caption.contains("2024-03-04 Mon"), "{caption}");
    let written = text(&client, "dl.facts").await;
    assert!(written.contains("Sukru Yildirim"), "spellings: {written}");
    let first_day = text(&client, "section.day h3").await;
    assert!(
        first_day.len() == 14 && first_day.as_bytes()[4] == b'-',
        "ISO day with weekday: {first_day:?}"
    );
    save(&client, "2-speaker.png").await;
    // by week
    client
        .find(Locator::LinkText("week"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .for_element(Locator::XPath(
            "//nav[contains(@class,'toggle')]/strong[.='week']",
        ))
        .await
        .unwrap();
    assert!(count(&client, "figure.timeline rect.bar").await >= 1);

    // 3. An article, from the speaker's statement list.
    client.back().await.unwrap();
    client
        .wait()
        .for_element(Locator::Css(
            "section.day li.statement a[href^='/articles/']",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .for_element(Locator::Css(".article-text a.st"))
        .await
        .unwrap();
    let marks = count(&client, ".article-text a.st").await;
    assert!(marks >= 3, "{marks} highlighted statements");
    // the URL's #s… fragment points at a highlighted statement
    let url = client.current_url().await.unwrap();
    let frag = url.fragment().unwrap_or_default().to_string();
    assert!(frag.starts_with('s'), "{url}");
    let target = client
        .find(Locator::Id(&frag))
        .await
        .expect("the statement is highlighted in the text");
    assert!(target.attr("class").await.unwrap().unwrap().contains("st"));
    // keyboard: j moves to a statement, and its details show (speaker, cue, day)
    client
        .find(Locator::Css("body"))
        .await
        .unwrap()
        .send_keys("j")
        .await
        .unwrap();
    let focused = client.active_element().await.unwrap();
    assert_eq!(
        focused
            .attr("class")
            .await
            .unwrap()
            .map(|c| c.starts_with("st ")),
        Some(true)
    );
    let tip = js(
        &client,
        "return getComputedStyle(document.activeElement, '::after').content;",
    )
    .await;
    let tip = tip.as_str().unwrap_or_default().to_string();
    assert!(
        tip.contains(" · ") && tip.contains("2024-03-0"),
        "tooltip with speaker and day: {tip}"
    );
    let listed = text(&client, "ol.article-statements").await;
    assert!(listed.contains("show in text"));
    let shot = save(&client, "3-article.png").await;
    assert!(std::fs::metadata(&shot).unwrap().len() > 10_000);

    // 4. A hostile article shows its markup as text and runs nothing.
    client
        .goto(&format!("{base}/search?q=plan&sort=newest"))
        .await
        .unwrap();
    client
        .find(Locator::XPath(
            "//a[contains(@href,'/articles/') and contains(., 'Markup test')]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .for_element(Locator::Css(".article-text"))
        .await
        .unwrap();
    let shown = text(&client, ".article-text").await;
    assert!(shown.contains(common::SCRIPT), "{shown}");
    assert!(client.get_alert_text().await.is_err(), "no alert ran");
    assert_eq!(
        js(
            &client,
            "return document.querySelectorAll('img, .article-text script').length;"
        )
        .await,
        json!(0)
    );

    // 5. Phone width: nothing wider than the screen.
    client.set_window_size(390, 844).await.unwrap();
    client
        .goto(&format!("{base}/search?q=talks"))
        .await
        .unwrap();
    let overflow = js(
        &client,
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
    )
    .await;
    assert!(
        overflow.as_i64().unwrap_or(1) <= 0,
        "horizontal scroll: {overflow}"
    );
    save(&client, "4-search-phone.png").await;

    client.close().await.unwrap();
    let _ = stop_tx.send(());
    server.await.unwrap().unwrap();
}

/// The archived copy of a page, as a person opens it from the article: the page names the
/// record, the copy shows in a sandboxed frame, and nothing of the archived page runs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_archived_copy_shows_in_its_frame_without_running_its_scripts() {
    let Some(session) = open_browser().await else {
        return;
    };
    let client = session.client.clone();
    let (_dir, db, rows) = common::provenance_database();
    let (base, stop_tx, server) = start_server(&onrecord_serve::Config::new(&db)).await;

    client
        .goto(&format!("{base}/articles/{}", rows.page))
        .await
        .unwrap();
    client
        .find(Locator::LinkText("Archived copy"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .for_element(Locator::Css("iframe"))
        .await
        .unwrap();
    let header = text(&client, "main").await;
    assert!(header.contains(common::PAGE_URL), "{header}");
    save(&client, "5-archived-copy.png").await;

    // Inside the frame: the archived article, its title untouched by its own script.
    let frame = client.find(Locator::Css("iframe")).await.unwrap();
    frame.enter_frame().await.unwrap();
    let started = Instant::now();
    let framed = loop {
        let shown = text(&client, "body").await;
        if shown.contains("fares will rise") || started.elapsed() > Duration::from_secs(10) {
            break shown;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(
        framed.contains("Mayor Mira Holt said the fares will rise"),
        "{framed}"
    );
    assert_eq!(
        js(&client, "return document.title;").await,
        json!("Ferry fares to rise | Harbour Gazette"),
        "the archived page's script ran"
    );
    client.enter_parent_frame().await.unwrap();
    assert!(client.get_alert_text().await.is_err(), "no alert ran");

    client.close().await.unwrap();
    let _ = stop_tx.send(());
    server.await.unwrap().unwrap();
}

/// What the timeline's axes look like in the browser: every visible label of both axes,
/// with its box, and the chart's box.
async fn timeline_labels(client: &Client) -> Value {
    js(
        client,
        "const box = (e) => { const r = e.getBoundingClientRect(); \
           return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, \
                   text: e.textContent, size: parseFloat(getComputedStyle(e).fontSize)}; }; \
         const shown = (e) => getComputedStyle(e).display !== 'none'; \
         return { \
           chart: box(document.querySelector('figure.timeline .chart')), \
           x: [...document.querySelectorAll('figure.timeline svg.x-axis text')].filter(shown).map(box), \
           y: [...document.querySelectorAll('figure.timeline .y-axis span')].filter(shown).map(box), \
           overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth };",
    )
    .await
}

/// Every label of the timeline is inside the chart, at a readable size, and no two day
/// labels overlap.
fn assert_labels_readable(v: &Value, width: &str) {
    let f = |b: &Value, k: &str| b[k].as_f64().unwrap();
    let chart = &v["chart"];
    let x = v["x"].as_array().unwrap();
    assert!(x.len() >= 2, "{width}: too few day labels: {v}");
    for b in x.iter().chain(v["y"].as_array().unwrap()) {
        assert!(
            f(b, "left") >= f(chart, "left") - 0.5 && f(b, "right") <= f(chart, "right") + 0.5,
            "{width}: label {} cut off: {b} in {chart}",
            b["text"]
        );
        assert!(
            f(b, "top") >= f(chart, "top") - 0.5 && f(b, "bottom") <= f(chart, "bottom") + 0.5,
            "{width}: label {} outside the chart: {b} in {chart}",
            b["text"]
        );
        assert!(f(b, "size") >= 12.0, "{width}: label too small: {b}");
        assert!(f(b, "right") - f(b, "left") > 5.0, "{width}: squeezed: {b}");
    }
    for w in x.windows(2) {
        assert!(
            f(&w[0], "right") <= f(&w[1], "left"),
            "{width}: labels overlap: {} {}",
            w[0],
            w[1]
        );
    }
    assert!(
        v["overflow"].as_i64().unwrap_or(1) <= 0,
        "{width}: horizontal scroll: {v}"
    );
}

/// A speaker's name typed in the search box (lower case, no accents needed) gives a hint
/// with the speaker's page above the statements; that speaker's timeline over fourteen
/// months, at desktop and at phone width, keeps its axis labels readable and never cut off,
/// and the statements it cannot place are counted and one click away.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_in_the_search_box_leads_to_a_timeline_that_reads_at_phone_width() {
    let Some(session) = open_browser().await else {
        return;
    };
    let client = session.client.clone();
    let (_dir, db) = common::database();
    common::add_chronicle(&db);
    let (base, stop_tx, server) = start_server(&onrecord_serve::Config::new(&db)).await;

    client.goto(&base).await.unwrap();
    let field = client.find(Locator::Id("site-q")).await.unwrap();
    field
        .send_keys(&format!("brennick{}", Key::Enter))
        .await
        .unwrap();
    client
        .wait()
        .for_element(Locator::Css("div.speaker-hint"))
        .await
        .unwrap();
    let hint = text(&client, "div.speaker-hint").await;
    assert_eq!(
        hint,
        format!(
            "{} — {} statements, see the speaker's page",
            common::CHRONICLE_SPEAKER,
            common::CHRONICLE_DATED + common::CHRONICLE_UNDATED
        )
    );
    // above the statements
    let above = js(
        &client,
        "return document.querySelector('div.speaker-hint').getBoundingClientRect().bottom \
             <= document.querySelector('ol.statements').getBoundingClientRect().top;",
    )
    .await;
    assert_eq!(above, json!(true));
    save(&client, "6-search-names-a-speaker.png").await;
    client
        .find(Locator::LinkText("see the speaker's page"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .for_element(Locator::Css("figure.timeline svg.bars"))
        .await
        .unwrap();
    assert_labels_readable(&timeline_labels(&client).await, "1280 px");
    save(&client, "7-timeline.png").await;
    let shown = |v: &Value| v["x"].as_array().unwrap().len();
    let wide = shown(&timeline_labels(&client).await);

    client.set_window_size(800, 900).await.unwrap();
    client.refresh().await.unwrap();
    client
        .wait()
        .for_element(Locator::Css("figure.timeline svg.bars"))
        .await
        .unwrap();
    let tablet = timeline_labels(&client).await;
    assert_labels_readable(&tablet, "800 px");

    client.set_window_size(390, 844).await.unwrap();
    client.refresh().await.unwrap();
    client
        .wait()
        .for_element(Locator::Css("figure.timeline svg.bars"))
        .await
        .unwrap();
    let phone = timeline_labels(&client).await;
    assert_labels_readable(&phone, "390 px");
    assert!(
        shown(&phone) <= shown(&tablet) && shown(&tablet) <= wide,
        "fewer labels on narrower screens: {} {} {wide}",
        shown(&phone),
        shown(&tablet)
    );
    let note = text(&client, "p.undated").await;
    assert!(note.starts_with("3 statements have no day"), "{note}");
    client
        .find(Locator::Css("figure.timeline"))
        .await
        .unwrap()
        .screenshot()
        .await
        .map(|png| std::fs::write(shots_dir().join("8-timeline-phone-figure.png"), png).unwrap())
        .unwrap();
    save(&client, "8-timeline-phone.png").await;

    // the undated statements, one click away
    client
        .find(Locator::Css("p.undated a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .for_element(Locator::Css("p.result-count"))
        .await
        .unwrap();
    let summary = text(&client, "p.result-count").await;
    assert!(summary.contains("3 statements without a day"), "{summary}");
    assert_eq!(count(&client, "ol.statements li").await, 3);

    client.close().await.unwrap();
    let _ = stop_tx.send(());
    server.await.unwrap().unwrap();
}
