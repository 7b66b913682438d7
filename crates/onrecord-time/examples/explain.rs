//! Print the timexes of a text read from standard input, against a reference day:
//!
//!     echo "He left last Friday." | cargo run -p onrecord-time --example explain -- 2022-03-05

use std::io::Read;

fn main() {
    let reference = std::env::args().nth(1).and_then(|s| s.parse().ok());
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .expect("read stdin");
    let scan = onrecord_time::Scan::new(&text);
    for t in scan.timexes(reference) {
        println!(
            "{:?}\t{:?}\t{}\t{}",
            t.span.text(&text),
            t.kind,
            t.value,
            t.modifier.as_deref().unwrap_or("")
        );
    }
    if reference.is_none() {
        println!("published: {:?}", scan.infer_published());
    }
}
