//! Search latency on PostgreSQL, as `onrecord serve` reads it (`PgReader`, a read-only
//! session): the search mix of `onrecord-serve`'s `search_bench` example (one page of 20
//! plus the total count, as `GET /api/v1/statements` runs it), p50/p95/p99 over all of it
//! and p50 per query. Used by `bench/serve_pg.sh`.
//!
//!     cargo run --release -p onrecord-pg --example pg_search_bench -- postgres://… [ROUNDS]

use std::time::{Duration, Instant};

use onrecord_pg::PgReader;
use onrecord_store::{ReadStore, SearchOrder, SearchQuery};

fn main() {
    let mut args = std::env::args().skip(1);
    let url = args.next().expect("usage: pg_search_bench URL [ROUNDS]");
    let rounds: usize = args.next().map(|s| s.parse().unwrap()).unwrap_or(20);
    let store = PgReader::connect(&url).expect("connect to the database");
    let q = SearchQuery {
        limit: 20,
        ..SearchQuery::default()
    };
    let with = |f: &dyn Fn(&mut SearchQuery)| {
        let mut x = q.clone();
        f(&mut x);
        x
    };
    let w = |s: &str| Some(s.to_string());
    let day = |s: &str| Some(s.parse().unwrap());
    let talks = with(&|x| x.words = w("talks"));
    let second_page = SearchQuery {
        after: store.search(&talks).unwrap().next,
        ..talks.clone()
    };
    let mix: Vec<(&str, SearchQuery)> = vec![
        ("the (most common word)", with(&|x| x.words = w("the"))),
        ("talks", talks),
        ("ceasefire", with(&|x| x.words = w("ceasefire"))),
        ("frank (rare)", with(&|x| x.words = w("frank"))),
        ("two words", with(&|x| x.words = w("water border"))),
        ("phrase", with(&|x| x.words = w("\"talks resume\""))),
        ("prefix negoti*", with(&|x| x.words = w("negoti*"))),
        ("prefix past the stem", with(&|x| x.words = w("negotiat*"))),
        ("word + prefix", with(&|x| x.words = w("talks negotiat*"))),
        ("no match", with(&|x| x.words = w("zzyzx"))),
        (
            "words + speaker",
            with(&|x| {
                x.words = w("talks");
                x.speaker = w("kalin");
            }),
        ),
        (
            "words + outlet + days",
            with(&|x| {
                x.words = w("ceasefire");
                x.outlet = w("meridian wire");
                x.from = day("2023-06-01");
                x.to = day("2023-08-31");
            }),
        ),
        ("newest, no words", with(&|x| x.order = SearchOrder::Newest)),
        (
            "oldest in a month",
            with(&|x| {
                x.order = SearchOrder::Oldest;
                x.from = day("2024-02-01");
                x.to = day("2024-02-29");
            }),
        ),
        (
            "the, newest first",
            with(&|x| {
                x.words = w("the");
                x.order = SearchOrder::Newest;
            }),
        ),
        ("speaker only", with(&|x| x.speaker = w("yildirim"))),
        ("page 2 by cursor", second_page),
    ];
    // warm the server's cache once
    for (_, query) in &mix {
        store.search(query).unwrap();
        store.count_search(query).unwrap();
    }
    let mut all: Vec<Duration> = Vec::new();
    println!(
        "{:<26} {:>9} {:>9} {:>9}",
        "query", "matches", "p50 ms", "max ms"
    );
    for (name, query) in &mix {
        let mut times = Vec::with_capacity(rounds);
        let mut total = 0;
        for _ in 0..rounds {
            let t = Instant::now();
            let page = store.search(query).unwrap();
            // as the server does: a first page that holds every match is its own total
            total = store.search_total(&page, query).unwrap();
            std::hint::black_box(page);
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "{:<26} {:>9} {:>9.2} {:>9.2}",
            name,
            total,
            ms(times[times.len() / 2]),
            ms(*times.last().unwrap())
        );
        all.extend(times);
    }
    all.sort();
    let pct = |p: f64| ms(all[((all.len() as f64 * p).ceil() as usize).clamp(1, all.len()) - 1]);
    println!(
        "search latency over {} searches (page of 20 + total count): p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms",
        all.len(),
        pct(0.50),
        pct(0.95),
        pct(0.99)
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
