//! Search latency on a database (e.g. one made by `gen_corpus`): runs a mix of searches the
//! way `GET /api/v1/statements` does (one page of 20 plus the total count) and prints
//! p50/p95/p99 over all of them, and per query. Used by `bench/serve.sh`.
//!
//!     cargo run --release -p onrecord-serve --example search_bench -- DB [ROUNDS]

use std::time::{Duration, Instant};

use onrecord_store::{ReadStore, SearchOrder, SearchQuery, Store};

fn main() {
    let mut args = std::env::args().skip(1);
    let db = args.next().expect("usage: search_bench DB [ROUNDS]");
    let rounds: usize = args.next().map(|s| s.parse().unwrap()).unwrap_or(20);
    let store = Store::open_read_only(&db).expect("open the database");
    store.tune_for_reading().unwrap();
    let day = |s: &str| Some(s.parse().unwrap());
    let w = |s: &str| Some(s.to_string());
    let q = SearchQuery {
        limit: 20,
        ..SearchQuery::default()
    };
    let second_page = {
        let first = store
            .search(&SearchQuery {
                words: w("talks"),
                ..q.clone()
            })
            .unwrap();
        SearchQuery {
            words: w("talks"),
            after: first.next,
            ..q.clone()
        }
    };
    let mix: Vec<(&str, SearchQuery)> = vec![
        (
            "the (most common word)",
            SearchQuery {
                words: w("the"),
                ..q.clone()
            },
        ),
        (
            "talks",
            SearchQuery {
                words: w("talks"),
                ..q.clone()
            },
        ),
        (
            "ceasefire",
            SearchQuery {
                words: w("ceasefire"),
                ..q.clone()
            },
        ),
        (
            "frank (rare)",
            SearchQuery {
                words: w("frank"),
                ..q.clone()
            },
        ),
        (
            "two words",
            SearchQuery {
                words: w("water border"),
                ..q.clone()
            },
        ),
        (
            "phrase",
            SearchQuery {
                words: w("\"talks resume\""),
                ..q.clone()
            },
        ),
        (
            "prefix negoti*",
            SearchQuery {
                words: w("negoti*"),
                ..q.clone()
            },
        ),
        (
            "prefix past the stem",
            SearchQuery {
                words: w("negotiat*"),
                ..q.clone()
            },
        ),
        (
            "word + prefix",
            SearchQuery {
                words: w("talks negotiat*"),
                ..q.clone()
            },
        ),
        (
            "no match",
            SearchQuery {
                words: w("zzyzx"),
                ..q.clone()
            },
        ),
        (
            "words + speaker",
            SearchQuery {
                words: w("talks"),
                speaker: w("kalin"),
                ..q.clone()
            },
        ),
        (
            "words + outlet + days",
            SearchQuery {
                words: w("ceasefire"),
                outlet: w("meridian wire"),
                from: day("2023-06-01"),
                to: day("2023-08-31"),
                ..q.clone()
            },
        ),
        (
            "newest, no words",
            SearchQuery {
                order: SearchOrder::Newest,
                ..q.clone()
            },
        ),
        (
            "oldest in a month",
            SearchQuery {
                order: SearchOrder::Oldest,
                from: day("2024-02-01"),
                to: day("2024-02-29"),
                ..q.clone()
            },
        ),
        (
            "the, newest first",
            SearchQuery {
                words: w("the"),
                order: SearchOrder::Newest,
                ..q.clone()
            },
        ),
        (
            "speaker only",
            SearchQuery {
                speaker: w("yildirim"),
                ..q.clone()
            },
        ),
        ("page 2 by cursor", second_page),
    ];
    // warm the page cache once
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
