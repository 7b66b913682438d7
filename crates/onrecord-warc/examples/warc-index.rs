//! Lists the records of WARC files, one line each (offset, length, type, status, HTML?, URI),
//! and the errors where they occur: a look at what the reader makes of a file, like
//! `warcio index`.
//!
//! `cargo run -p onrecord-warc --example warc-index -- FILE.warc.gz [...]`

use onrecord_warc::{Reader, RecordType};

fn main() -> std::io::Result<()> {
    for path in std::env::args().skip(1) {
        println!("# {path}");
        for item in Reader::open(&path)? {
            match item {
                Ok(r) => {
                    let status = match r.record_type() {
                        RecordType::Response => r
                            .http_response()
                            .map(|h| h.status.to_string())
                            .unwrap_or_else(|_| "-".into()),
                        _ => "-".into(),
                    };
                    let length = r.length().map_or("-".into(), |l| l.to_string());
                    println!(
                        "{}\t{length}\t{}\t{status}\t{}\t{}",
                        r.offset(),
                        r.warc_type().unwrap_or("?"),
                        if r.is_html_response() { "html" } else { "-" },
                        r.target_uri().unwrap_or("-"),
                    );
                }
                Err(e) => println!("{}\terror\t{e}", e.offset),
            }
        }
    }
    Ok(())
}
