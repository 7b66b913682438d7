//! WARC inputs end to end through the reader: archives written with `onrecord_warc::Writer`
//! into temporary folders, then damaged on purpose. Every page is invented.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use onrecord_warc::{RecordRef, Writer};

use crate::inputs::with_stdin;
use crate::*;

/// An article page of the fictional Harbour Gazette.
fn page(title: &str, day: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><title>{title} | Harbour Gazette</title>\n\
         <meta property=\"og:site_name\" content=\"Harbour Gazette\">\n\
         <meta property=\"article:published_time\" content=\"{day}T08:30:00Z\">\n\
         </head><body>\n<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/harbour\">Harbour</a></li></ul></nav>\n\
         <article><h1>{title}</h1>\n{body}</article>\n<footer><p>Harbour Gazette, Orrin</p></footer>\n\
         </body></html>\n"
    )
}

fn http(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\n");
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    let mut out = out.into_bytes();
    out.extend_from_slice(body);
    out
}

fn html_200(body: &[u8]) -> Vec<u8> {
    http(
        "200 OK",
        &[("Content-Type", "text/html; charset=utf-8")],
        body,
    )
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

const FERRY: &str = "https://harbour.example/2031/03/07/ferry-fares";
const CAFE: &str = "https://harbour.example/2031/03/08/cafe-owners";
const NETS: &str = "https://harbour.example/2031/03/08/net-menders";
const PIER: &str = "https://harbour.example/2031/03/09/pier-vote";

/// What the standard archive holds.
struct Archive {
    _dir: tempfile::TempDir,
    /// `news.warc.gz`, its last record cut in half.
    path: PathBuf,
    /// The response records of the three good pages: ferry, café, nets.
    pages: Vec<RecordRef>,
    /// Where the truncated record starts.
    truncated: u64,
}

/// warcinfo; request + response pairs for pages (one in ISO-8859-1 declared only in the HTTP
/// header, one gzip-encoded); a metadata record; a PDF; a 404; a redirect; an index page with
/// no article text; and a last page whose record is cut in half.
fn archive() -> Archive {
    let dir = tempfile::tempdir().unwrap();
    let mut w = Writer::create(dir.path().join("out")).unwrap();
    let at = |h: u32| Utc.with_ymd_and_hms(2031, 3, 9, h, 15, 0).unwrap();
    let get = |uri: &str| format!("GET {uri} HTTP/1.1\r\nHost: harbour.example\r\n\r\n");
    let mut pages = Vec::new();

    let ferry = page(
        "Ferry fares to rise in spring, council says",
        "2031-03-07",
        &[
            "ORRIN, Halvaria — The Orrin harbour council said on Friday that ferry fares would \
             rise by a tenth in the spring, the first rise in six years.",
            "“We have no other way to pay for the new pier,” said Mira Holt, who chairs the \
             council's transport committee.",
            "Ferry workers said they would protest outside the town hall next week if the plan \
             went ahead without a vote.",
        ],
    );
    w.write_request(FERRY, at(1), get(FERRY).as_bytes(), None)
        .unwrap();
    pages.push(
        w.write_response(FERRY, at(1), &html_200(ferry.as_bytes()), None)
            .unwrap(),
    );
    w.write_metadata(FERRY, at(1), &[("fetchTimeMs", "84")], None)
        .unwrap();

    // Latin-1, said only by the HTTP header: the extractor must be given it.
    let cafe = page(
        "Café owners in Dunmere oppose fare rise",
        "2031-03-08",
        &[
            "DUNMERE — Owners of the cafés along the Dunmere quay said on Saturday that dearer \
             ferries would keep day visitors away from the island.",
            "“Half our trade comes on the morning boat,” said Tomas Ferreira, who runs the Café \
             Brûlé by the slipway.",
        ],
    );
    let latin1 = latin1(&cafe);
    w.write_request(CAFE, at(2), get(CAFE).as_bytes(), None)
        .unwrap();
    pages.push(
        w.write_response(
            CAFE,
            at(2),
            &http(
                "200 OK",
                &[("Content-Type", "text/html; charset=ISO-8859-1")],
                &latin1,
            ),
            None,
        )
        .unwrap(),
    );

    // Content-Encoding: gzip, undone before extraction.
    let nets = page(
        "Net menders want a say on harbour plans",
        "2031-03-08",
        &[
            "ORRIN — The net menders' guild asked the council on Saturday for a seat on the \
             committee that will draw up the new harbour plan.",
            "“We have mended nets on this quay for four generations,” said guild secretary \
             Ines Calloway.",
        ],
    );
    pages.push(
        w.write_response(
            NETS,
            at(3),
            &http(
                "200 OK",
                &[
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Encoding", "gzip"),
                ],
                &gzip(nets.as_bytes()),
            ),
            None,
        )
        .unwrap(),
    );

    let pdf = http(
        "200 OK",
        &[("Content-Type", "application/pdf")],
        b"%PDF-1.7 minutes of the harbour council",
    );
    w.write_response("https://harbour.example/minutes.pdf", at(4), &pdf, None)
        .unwrap();
    let missing = http(
        "404 Not Found",
        &[("Content-Type", "text/html")],
        b"<html><body><p>This page is gone, as are the ferries of old.</p></body></html>",
    );
    w.write_response("https://harbour.example/gone", at(4), &missing, None)
        .unwrap();
    let moved = http(
        "301 Moved Permanently",
        &[("Location", FERRY), ("Content-Type", "text/html")],
        b"<a href=\"/2031/03/07/ferry-fares\">moved</a>",
    );
    w.write_response("http://harbour.example/ferry", at(4), &moved, None)
        .unwrap();
    let index = "<html><body><nav><ul><li><a href=\"/a\">Harbour</a></li>\
                 <li><a href=\"/b\">Ferries</a></li></ul></nav></body></html>";
    w.write_response(
        "https://harbour.example/tags/ferries",
        at(5),
        &html_200(index.as_bytes()),
        None,
    )
    .unwrap();

    let pier = page(
        "Pier vote set for April",
        "2031-03-09",
        &["ORRIN — The council will vote on the new pier in April, its clerk said."],
    );
    w.write_request(PIER, at(6), get(PIER).as_bytes(), None)
        .unwrap();
    let last = w
        .write_response(PIER, at(6), &html_200(pier.as_bytes()), None)
        .unwrap();
    let written = w.current_file().unwrap().to_path_buf();
    w.finish().unwrap();

    let mut bytes = fs::read(&written).unwrap();
    assert_eq!(bytes.len() as u64, last.offset + last.length);
    bytes.truncate((last.offset + last.length / 2) as usize);
    let path = dir.path().join("news.warc.gz");
    fs::write(&path, bytes).unwrap();
    Archive {
        _dir: dir,
        path,
        pages,
        truncated: last.offset,
    }
}

/// ISO-8859-1 bytes of a text (`?` for what it cannot hold, such as curly quotes).
fn latin1(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect()
}

fn read(paths: &[PathBuf]) -> Vec<Item> {
    read_inputs(paths, &ReadOptions::default()).collect()
}

fn articles(items: &[Item]) -> Vec<&onrecord_core::Article> {
    items.iter().filter_map(Item::article).collect()
}

fn problems(items: &[Item]) -> Vec<&Problem> {
    items.iter().filter_map(Item::problem).collect()
}

#[test]
fn a_crawl_gives_its_articles_one_warning_per_damage_and_a_summary() {
    let a = archive();
    let items = read(std::slice::from_ref(&a.path));
    let path = a.path.display().to_string();

    let got = articles(&items);
    let ids: Vec<&str> = got.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, [FERRY, CAFE, NETS]);
    for (article, record) in got.iter().zip(&a.pages) {
        assert_eq!(article.url.as_deref(), Some(article.id.as_str()));
        assert_eq!(article.outlet.as_deref(), Some("Harbour Gazette"));
        assert_eq!(
            article.origin,
            Origin {
                path: path.clone(),
                line: None,
                offset: Some(record.offset),
            }
        );
        let facts = article.page.as_ref().unwrap();
        let archive = facts.archive.as_ref().unwrap();
        // the file by its absolute path, so that it is found from anywhere later
        assert_eq!(Path::new(&archive.file), fs::canonicalize(&a.path).unwrap());
        assert_eq!(archive.offset, record.offset);
        assert_eq!(archive.record_id, record.record_id.as_str());
        // The reference leads back to the very record.
        let again = onrecord_warc::read_record_at(&a.path, archive.offset).unwrap();
        assert_eq!(again.target_uri(), Some(article.id.as_str()));
        assert!(facts
            .fetched
            .as_deref()
            .unwrap()
            .starts_with("2031-03-09T0"));
    }
    let day = |i: usize| got[i].published.map(|d| d.to_string());
    assert_eq!(day(0).as_deref(), Some("2031-03-07"));
    assert_eq!(day(1).as_deref(), Some("2031-03-08"));
    assert_eq!(
        got[0].title.as_deref(),
        Some("Ferry fares to rise in spring, council says")
    );
    assert!(got[0]
        .text
        .contains("“We have no other way to pay for the new pier,” said Mira Holt"));
    // ISO-8859-1 from the HTTP header, gzip undone.
    assert!(
        got[1].text.starts_with("Café owners in Dunmere"),
        "{}",
        got[1].text
    );
    assert!(got[1].text.contains("Café Brûlé"));
    assert!(got[2].text.contains("four generations"));

    let problems = problems(&items);
    let shown: Vec<String> = problems
        .iter()
        .map(|p| format!("{}: {p}", p.severity))
        .collect();
    assert_eq!(problems.len(), 3, "{shown:#?}");
    // The index page: a warning, never an error.
    assert_eq!(problems[0].severity, Severity::Warning);
    assert!(
        problems[0].message.contains("no article text"),
        "{shown:#?}"
    );
    assert!(problems[0].origin.offset.is_some());
    // The cut record, by its offset.
    assert_eq!(problems[1].severity, Severity::Warning);
    assert_eq!(problems[1].origin.offset, Some(a.truncated));
    assert_eq!(
        problems[1].to_string(),
        format!(
            "{path}@{}: damaged record skipped: truncated: the input ends inside the gzip member",
            a.truncated
        )
    );
    // The summary, last.
    assert_eq!(problems[2].severity, Severity::Note);
    assert_eq!(
        problems[2].to_string(),
        format!(
            "{path}: 3 pages read; skipped 1 warcinfo, 3 requests, 1 metadata, \
             1 non-HTML response, 2 non-2xx, 1 page with no article text, 1 damaged record"
        )
    );
    assert!(matches!(items.last(), Some(Item::Problem(p)) if p.severity == Severity::Note));
    assert!(!items
        .iter()
        .any(|i| i.problem().is_some_and(Problem::is_error)));
}

#[test]
fn extraction_elsewhere_gives_the_same_items() {
    let a = archive();
    let paths = [a.path.clone()];
    let opts = ReadOptions::default();
    let steps: Vec<Pending> = read_pending(&paths, &opts).collect();
    // The three articles and the index page; the cut page never became one.
    assert_eq!(steps.iter().filter(|s| s.is_page()).count(), 4);
    // Extract out of order (as threads would), collect in order.
    let mut extracted: Vec<Option<Extracted>> = steps.iter().map(|_| None).collect();
    for (i, step) in steps.into_iter().enumerate().rev() {
        extracted[i] = Some(step.extract());
    }
    let mut collector = Collector::default();
    let items: Vec<Item> = extracted
        .into_iter()
        .flat_map(|e| collector.collect(e.unwrap()))
        .collect();
    assert_eq!(items, read(&paths));
}

/// The archive decompressed: the records before the cut member, then what of it decoded.
fn plain(a: &Archive) -> Vec<u8> {
    let mut plain = Vec::new();
    let _ =
        flate2::read::MultiGzDecoder::new(fs::File::open(&a.path).unwrap()).read_to_end(&mut plain);
    plain
}

#[test]
fn archive_references_name_the_file_absolutely_and_messages_as_given() {
    let a = archive();
    let dir = a.path.parent().unwrap();
    // the same file by a roundabout path: `<tmp>/<dir>/../<dir>/news.warc.gz`
    let given = dir
        .join("..")
        .join(dir.file_name().unwrap())
        .join(a.path.file_name().unwrap());
    let items = read(std::slice::from_ref(&given));
    let canonical = fs::canonicalize(&a.path).unwrap();
    for article in articles(&items) {
        let archive = article.page.as_ref().unwrap().archive.as_ref().unwrap();
        assert_eq!(Path::new(&archive.file), canonical);
        assert_eq!(article.origin.path, given.display().to_string());
    }
    let summary = problems(&items).last().unwrap().to_string();
    assert!(
        summary.starts_with(&format!("{}: ", given.display())),
        "{summary}"
    );
}

#[test]
fn a_plain_warc_reads_the_same() {
    let a = archive();
    let plain = plain(&a);
    let path = a.path.with_file_name("news.WARC");
    fs::write(&path, &plain).unwrap();
    let items = read(std::slice::from_ref(&path));
    let got = articles(&items);
    let ids: Vec<&str> = got.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, [FERRY, CAFE, NETS]);
    for article in got {
        let archive = article.page.as_ref().unwrap().archive.as_ref().unwrap();
        assert_eq!(article.origin.offset, Some(archive.offset));
        let again = onrecord_warc::read_record_at(&path, archive.offset).unwrap();
        assert_eq!(again.target_uri(), Some(article.id.as_str()));
        assert!(plain[archive.offset as usize..].starts_with(b"WARC/1.0\r\n"));
    }
    let summary = problems(&items).last().unwrap().to_string();
    assert!(
        summary.ends_with("1 page with no article text, 1 damaged record"),
        "{summary}"
    );
}

#[test]
fn a_folder_finds_warc_files_by_their_whole_name() {
    let a = archive();
    let dir = a.path.parent().unwrap();
    fs::copy(&a.path, dir.join("more.Warc.Gz")).unwrap();
    fs::write(dir.join("stray.gz"), gzip(b"not read")).unwrap();
    let items = read(&[dir.to_path_buf()]);
    // more.Warc.Gz, news.warc.gz, out/ (the writer's untruncated file), stray.gz
    let notes = items
        .iter()
        .filter_map(Item::problem)
        .filter(|p| p.severity == Severity::Note)
        .count();
    assert_eq!(notes, 3);
    assert_eq!(articles(&items).len(), 3 + 3 + 4);
    let stray = problems(&items)
        .into_iter()
        .find(|p| p.origin.path.ends_with("stray.gz"))
        .unwrap();
    assert_eq!(stray.severity, Severity::Warning);
    assert!(stray.message.contains("unknown file type '.gz'"), "{stray}");
}

#[test]
fn formats_of_warc_names() {
    let of = |p: &str| Format::of_path(Path::new(p));
    assert_eq!(of("cc/CC-NEWS-20310309-00000.warc.gz"), Some(Format::Warc));
    assert_eq!(of("x.WARC.GZ"), Some(Format::Warc));
    assert_eq!(of("x.warc"), Some(Format::Warc));
    assert_eq!(of("x.gz"), None);
    assert_eq!(of("x.html.gz"), None);
    assert_eq!("warc".parse::<Format>(), Ok(Format::Warc));
    assert_eq!(Format::sniff(b"WARC/1.1\r\n"), Format::Warc);
    assert_eq!(Format::sniff(&[0x1f, 0x8b, 8, 0]), Format::Warc);
}

#[test]
fn a_gzip_that_is_no_warc_is_an_error_naming_the_file() {
    let d = tempfile::tempdir().unwrap();
    let path = d.path().join("backup.warc.gz");
    fs::write(&path, gzip(b"name,fare\nOrrin,12\nDunmere,9\n")).unwrap();
    let items = read(std::slice::from_ref(&path));
    assert_eq!(items.len(), 1, "{items:?}");
    let p = items[0].problem().unwrap();
    assert!(p.is_error());
    assert_eq!(p.origin.path, path.display().to_string());
    assert_eq!(p.origin.offset, None);
    assert_eq!(
        p.message,
        "not a WARC file: its decompressed data starts with \"name,fare\\nOrrin,12\\nDunmere,9\\n\", \
         not a WARC/1.0 or WARC/1.1 record"
    );

    let text = d.path().join("notes.warc");
    fs::write(&text, "Minutes of the harbour council\n").unwrap();
    let items = read(std::slice::from_ref(&text));
    let p = items[0].problem().unwrap();
    assert!(
        p.is_error() && p.message.starts_with("not a WARC file: it starts with"),
        "{p}"
    );

    let empty = d.path().join("empty.warc.gz");
    fs::write(&empty, b"").unwrap();
    let items = read(std::slice::from_ref(&empty));
    assert_eq!(items[0].problem().unwrap().message, "file is empty");
}

#[test]
fn junk_before_the_first_record_is_a_warning_when_records_follow() {
    let a = archive();
    // (A .warc.gz is told by its first bytes: junk before one makes it no gzip at all.)
    let mut bytes = b"partial download\r\n".to_vec();
    bytes.extend(plain(&a));
    let path = a.path.with_file_name("prefixed.warc");
    fs::write(&path, bytes).unwrap();
    let items = read(std::slice::from_ref(&path));
    assert_eq!(articles(&items).len(), 3);
    let first = items[0].problem().unwrap();
    assert_eq!(first.severity, Severity::Warning);
    assert_eq!(first.origin.offset, Some(0));
    assert!(!items
        .iter()
        .any(|i| i.problem().is_some_and(Problem::is_error)));
}

#[test]
fn oversize_records_and_pages_are_warnings() {
    let d = tempfile::tempdir().unwrap();
    let mut w = Writer::create(d.path()).unwrap();
    let at = Utc.with_ymd_and_hms(2031, 3, 9, 12, 0, 0).unwrap();
    let long = "The harbour master read out every tide table since 1901. ".repeat(100);
    let big = page("Tide tables", "2031-03-09", &[&long]);
    let small = page(
        "Short notice",
        "2031-03-09",
        &["ORRIN — The slipway will close on Monday, the harbour master said."],
    );
    let big_ref = w
        .write_response(
            "https://harbour.example/big",
            at,
            &html_200(big.as_bytes()),
            None,
        )
        .unwrap();
    // Small once compressed, over the limit once decoded: a decompression bomb in miniature.
    let bomb = http(
        "200 OK",
        &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
        &gzip(big.as_bytes()),
    );
    let bomb_ref = w
        .write_response("https://harbour.example/bomb", at, &bomb, None)
        .unwrap();
    w.write_response(
        "https://harbour.example/small",
        at,
        &html_200(small.as_bytes()),
        None,
    )
    .unwrap();
    let path = w.current_file().unwrap().to_path_buf();
    w.finish().unwrap();
    let opts = ReadOptions {
        max_file_bytes: 2000,
        ..ReadOptions::default()
    };
    let items: Vec<Item> = read_inputs(std::slice::from_ref(&path), &opts).collect();
    let ids: Vec<&str> = articles(&items).iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["https://harbour.example/small"]);
    let problems = problems(&items);
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert_eq!(problems[0].origin.offset, Some(big_ref.offset));
    assert!(problems[0]
        .message
        .ends_with("larger than the 2 KB limit for one article; skipped"));
    assert_eq!(problems[1].origin.offset, Some(bomb_ref.offset));
    assert_eq!(
        problems[1].message,
        "page is larger than the 2 KB limit for one article once decoded; skipped"
    );
    assert!(problems[..2]
        .iter()
        .all(|p| p.severity == Severity::Warning));
    assert!(problems[2]
        .message
        .ends_with("; skipped 1 warcinfo, 2 oversize records"));
}

#[test]
fn a_warc_on_standard_input_is_sniffed_and_streamed() {
    let a = archive();
    let bytes: &'static [u8] = Box::leak(fs::read(&a.path).unwrap().into_boxed_slice());
    let items: Vec<Item> =
        with_stdin(&[PathBuf::from("-")], &ReadOptions::default(), bytes).collect();
    let got = articles(&items);
    assert_eq!(got.len(), 3);
    assert_eq!(
        got[0].origin.to_string(),
        format!("-@{}", a.pages[0].offset)
    );
    // standard input has no file to name: its references say `-`
    let archive = got[0].page.as_ref().unwrap().archive.as_ref().unwrap();
    assert_eq!(archive.file, "-");
    let summary = problems(&items).last().unwrap().to_string();
    assert!(summary.starts_with("-: 3 pages read; "), "{summary}");
    // Told, not sniffed: the same.
    let opts = ReadOptions {
        stdin_format: Some(Format::Warc),
        ..ReadOptions::default()
    };
    let told: Vec<Item> = with_stdin(&[PathBuf::from("-")], &opts, bytes).collect();
    assert_eq!(told, items);
}

#[test]
fn reading_twice_gives_the_same_ids_and_fingerprints() {
    let a = archive();
    let once: Vec<String> = articles(&read(std::slice::from_ref(&a.path)))
        .iter()
        .map(|x| x.fingerprint())
        .collect();
    let twice: Vec<String> = articles(&read(std::slice::from_ref(&a.path)))
        .iter()
        .map(|x| x.fingerprint())
        .collect();
    assert_eq!(once, twice);
}
