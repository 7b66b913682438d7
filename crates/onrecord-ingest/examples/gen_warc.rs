//! Writes a crawl-like `.warc.gz` of invented news pages, for timing WARC ingest:
//!
//! ```sh
//! cargo run -p onrecord-ingest --example gen_warc -- /tmp/warc 1000
//! time onrecord --db /tmp/x.db ingest /tmp/warc/*.warc.gz
//! cargo run -p onrecord-ingest --example gen_warc -- --read /tmp/warc/*.warc.gz
//! ```
//!
//! Each page comes as Common Crawl writes it (request, response, metadata) and is built like a
//! real news page: a long navigation, scripts, a sidebar and a footer around an article of a
//! dozen paragraphs with quotes, some 40 KB of HTML. One page in ten is a section index with
//! no article. `--read FILE…` times reading and extraction alone, on one thread.

use std::path::PathBuf;
use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use onrecord_warc::Writer;

const PEOPLE: [&str; 8] = [
    "Mira Holt",
    "Tomas Ferreira",
    "Ines Calloway",
    "Oskar Lind",
    "Anneli Varga",
    "Piet Castellan",
    "Sunniva Roe",
    "Dario Menk",
];
const PLACES: [&str; 6] = [
    "Orrin", "Dunmere", "Kestrel", "Vardania", "Lissa", "Halvaria",
];
const TOPICS: [&str; 6] = [
    "ferry fares",
    "the new pier",
    "quay repairs",
    "the harbour budget",
    "fishing quotas",
    "the bridge tolls",
];

fn paragraph(i: usize, k: usize) -> String {
    let who = PEOPLE[(i + k) % PEOPLE.len()];
    let place = PLACES[(i * 3 + k) % PLACES.len()];
    let topic = TOPICS[(i + 2 * k) % TOPICS.len()];
    match k % 3 {
        0 => format!(
            "“We will not accept a plan on {topic} that nobody in {place} has seen,” {who} said \
             on Tuesday, adding that the council had {k} weeks to publish its figures."
        ),
        1 => format!(
            "{who}, who has represented {place} for {} years, told reporters that {topic} would \
             be the first item at the next meeting of the regional assembly.",
            k + 3
        ),
        _ => format!(
            "Officials in {place} said the dispute over {topic} had cost the harbour {} thousand \
             crowns since the spring, according to figures released on Monday.",
            (i * 7 + k) % 90 + 10
        ),
    }
}

fn chrome() -> (String, String) {
    let links: String = (0..300)
        .map(|i| format!("<li><a href=\"/section/{i}\">Section {i}</a></li>"))
        .collect();
    let script = format!(
        "<script>window.dataLayer=[{}];</script>",
        (0..200)
            .map(|i| format!("{{\"k{i}\":{i}}}"))
            .collect::<Vec<_>>()
            .join(",")
    );
    let head = format!(
        "<style>{}</style>{script}",
        (0..500)
            .map(|i| format!(".c{i}{{margin:{i}px}}"))
            .collect::<String>()
    );
    let nav = format!("<header><nav><ul>{links}</ul></nav></header>");
    (head, nav)
}

fn page(i: usize, head: &str, nav: &str) -> String {
    let place = PLACES[i % PLACES.len()];
    let topic = TOPICS[i % TOPICS.len()];
    let title = format!("{place} council split over {topic} (report {i})");
    let day = Utc.with_ymd_and_hms(2031, 1, 1, 9, 0, 0).unwrap() + Duration::days((i % 300) as i64);
    let body: String = (0..12)
        .map(|k| format!("<p>{}</p>", paragraph(i, k)))
        .collect();
    let aside: String = (0..15)
        .map(|k| {
            format!(
                "<li><a href=\"/story/{}\">More on {}</a></li>",
                i + k,
                TOPICS[k % 6]
            )
        })
        .collect();
    format!(
        "<!doctype html><html lang=\"en\"><head><title>{title} | Orrin Gazette</title>\
         <meta property=\"og:site_name\" content=\"Orrin Gazette\">\
         <meta name=\"author\" content=\"{}\">\
         <meta property=\"article:published_time\" content=\"{}\">{head}</head><body>{nav}\
         <main><article><h1>{title}</h1>{body}</article><aside><ul>{aside}</ul></aside></main>\
         <footer><p>Orrin Gazette, Quay Street 4, Orrin.</p>{nav}</footer></body></html>",
        PEOPLE[i % PEOPLE.len()],
        day.to_rfc3339()
    )
}

fn index(i: usize, head: &str, nav: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><title>Section {i}</title>{head}</head>\
         <body>{nav}<main><ul>{}</ul></main></body></html>",
        (0..40)
            .map(|k| format!("<li><a href=\"/story/{k}\">Story {k}</a></li>"))
            .collect::<String>()
    )
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--read") {
        let paths: Vec<PathBuf> = args[1..].iter().map(PathBuf::from).collect();
        let started = Instant::now();
        let (mut articles, mut problems) = (0, 0);
        for item in onrecord_ingest::read_inputs(&paths, &Default::default()) {
            match item {
                onrecord_ingest::Item::Article(_) => articles += 1,
                onrecord_ingest::Item::Problem(p) => {
                    problems += 1;
                    if p.severity != onrecord_ingest::Severity::Warning {
                        eprintln!("{}: {p}", p.severity);
                    }
                }
            }
        }
        let secs = started.elapsed().as_secs_f64();
        println!("{articles} articles, {problems} problems, read and extracted in {secs:.2} s on one thread");
        return;
    }
    let (Some(dir), Some(n)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: gen_warc DIR PAGES | gen_warc --read FILE…");
        std::process::exit(2);
    };
    let (head, nav) = chrome();
    let mut w = Writer::create(dir).expect("cannot create the folder");
    let at = Utc.with_ymd_and_hms(2031, 11, 3, 6, 0, 0).unwrap();
    let mut bytes = 0;
    for i in 0..n {
        let uri = format!("https://gazette.example/2031/story-{i:05}");
        let html = if i % 10 == 9 {
            index(i, &head, &nav)
        } else {
            page(i, &head, &nav)
        };
        bytes += html.len();
        let request = format!("GET /2031/story-{i:05} HTTP/1.1\r\nHost: gazette.example\r\n\r\n");
        let response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
            html.len()
        );
        let when = at + Duration::seconds(i as i64);
        let req = w
            .write_request(&uri, when, request.as_bytes(), None)
            .unwrap();
        let resp = w
            .write_response(&uri, when, response.as_bytes(), Some(&req.record_id))
            .unwrap();
        w.write_metadata(&uri, when, &[("fetchTimeMs", "120")], Some(&resp.record_id))
            .unwrap();
    }
    let file = w.current_file().map(|p| p.display().to_string());
    w.finish().unwrap();
    println!(
        "{} : {n} pages, {} KB of HTML on average",
        file.unwrap_or_default(),
        bytes / n.max(1) / 1024
    );
}
