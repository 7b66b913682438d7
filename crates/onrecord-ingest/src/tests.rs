//! Tests of the whole reader: real files in temporary folders, the walk, and standard input.

use std::fs;
use std::path::{Path, PathBuf};

use crate::inputs::with_stdin;
use crate::*;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&p, bytes).unwrap();
    p
}

fn read(paths: &[PathBuf]) -> Vec<Item> {
    read_inputs(paths, &ReadOptions::default()).collect()
}

/// A compact picture of the items: `A:id` for articles, `W:msg`/`E:msg` for problems.
fn summary(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .map(|i| match i {
            Item::Article(a) => format!("A:{}", a.id),
            Item::Problem(p) if p.severity == Severity::Warning => format!("W:{p}"),
            Item::Problem(p) => format!("E:{p}"),
        })
        .collect()
}

fn only_problem(items: &[Item]) -> &Problem {
    assert_eq!(items.len(), 1, "{items:?}");
    items[0].problem().expect("a problem")
}

#[test]
fn the_iterator_is_send() {
    fn assert_send<T: Send>(_: &T) {}
    let it = read_inputs(&[], &ReadOptions::default());
    assert_send(&it);
}

#[test]
fn defaults() {
    let o = ReadOptions::default();
    assert_eq!(o.max_file_bytes, 64 * 1024 * 1024);
    assert_eq!(o.stdin_format, None);
}

#[test]
fn formats_by_extension_case_insensitive() {
    assert_eq!(Format::of_path(Path::new("a/B.TXT")), Some(Format::Txt));
    assert_eq!(Format::of_path(Path::new("x.Htm")), Some(Format::Html));
    assert_eq!(Format::of_path(Path::new("x.html")), Some(Format::Html));
    assert_eq!(Format::of_path(Path::new("x.JsonL")), Some(Format::Jsonl));
    assert_eq!(Format::of_path(Path::new("x.pdf")), None);
    assert_eq!(Format::of_path(Path::new("README")), None);
    assert_eq!("HTML".parse::<Format>(), Ok(Format::Html));
    assert_eq!(".jsonl".parse::<Format>(), Ok(Format::Jsonl));
    assert!("pdf".parse::<Format>().is_err());
}

#[test]
fn sniffing_by_first_non_space_character() {
    assert_eq!(Format::sniff(b"  \n{\"text\":1}"), Format::Jsonl);
    assert_eq!(Format::sniff(b"\xEF\xBB\xBF<!doctype html>"), Format::Html);
    assert_eq!(Format::sniff(b"Headline\n\nBody"), Format::Txt);
    assert_eq!(Format::sniff(b"---\nid: x\n---\n"), Format::Txt);
    assert_eq!(Format::sniff(b""), Format::Txt);
}

#[test]
fn problem_display_is_path_line_message() {
    let p = Problem::error(
        onrecord_core::Origin {
            path: "x.jsonl".into(),
            line: Some(3),
            offset: None,
        },
        "invalid JSON: oops",
    );
    assert_eq!(p.to_string(), "x.jsonl:3: invalid JSON: oops");
    let p = Problem::warning(
        onrecord_core::Origin {
            path: "x.txt".into(),
            line: None,
            offset: None,
        },
        "hm",
    );
    assert_eq!(p.to_string(), "x.txt: hm");
}

#[test]
fn each_format_from_files() {
    let d = tempfile::tempdir().unwrap();
    let t = write(
        d.path(),
        "one.txt",
        b"---\npublished: 2024-03-03\n---\nHead: Someone\n\nBody.\n",
    );
    let h = write(
        d.path(),
        "two.HTM",
        b"<html><head><title>Web head</title></head><body><p>Para.</p></body></html>",
    );
    let j = write(
        d.path(),
        "three.jsonl",
        b"{\"id\":\"j1\",\"text\":\"a\"}\n{\"id\":\"j2\",\"text\":\"b\",\"published\":\"2024-01-01\"}\n",
    );
    let items = read(&[t.clone(), h, j.clone()]);
    assert_eq!(summary(&items), ["A:one", "A:two", "A:j1", "A:j2"]);
    let one = items[0].article().unwrap();
    assert_eq!(one.text, "Head: Someone\n\nBody.\n");
    assert_eq!(one.origin.path, t.to_string_lossy());
    assert_eq!(one.origin.line, None);
    assert_eq!(items[1].article().unwrap().text, "Web head\n\nPara.");
    let j2 = items[3].article().unwrap();
    assert_eq!(j2.origin.path, j.to_string_lossy());
    assert_eq!(j2.origin.line, Some(2));
}

#[test]
fn folders_are_walked_recursively_in_sorted_order() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "b.txt", b"B\n");
    write(d.path(), "a/z.txt", b"Z\n");
    write(d.path(), "a/m.jsonl", b"{\"id\":\"m1\",\"text\":\"x\"}\n");
    write(d.path(), "c/d/e.html", b"<p>E</p>");
    write(d.path(), "notes.pdf", b"%PDF-1.7");
    write(d.path(), ".hidden.txt", b"secret\n");
    write(d.path(), ".git/HEAD.txt", b"ref\n");
    write(d.path(), "a/.DS_Store", b"\0\0");
    let items = read(&[d.path().to_path_buf()]);
    let s = summary(&items);
    assert_eq!(s.len(), 5, "{s:?}");
    assert_eq!(&s[..4], ["A:m1", "A:z", "A:b", "A:e"]);
    assert!(
        s[4].starts_with("W:") && s[4].contains("notes.pdf: skipped: unknown file type '.pdf'")
    );
    // Paths keep the folder as the user gave it.
    let z = items[1].article().unwrap();
    assert_eq!(Path::new(&z.origin.path), d.path().join("a").join("z.txt"));
}

#[test]
fn inputs_keep_the_order_given() {
    let d = tempfile::tempdir().unwrap();
    let b = write(d.path(), "b.txt", b"B\n");
    let a = write(d.path(), "a.txt", b"A\n");
    let missing = d.path().join("nope.txt");
    let s = summary(&read(&[b, missing, a]));
    assert_eq!(s.len(), 3);
    assert_eq!((s[0].as_str(), s[2].as_str()), ("A:b", "A:a"));
    assert!(s[1].starts_with("E:") && s[1].contains("nope.txt: cannot read: No such file"));
}

#[test]
fn explicit_unknown_extension_is_an_error() {
    let d = tempfile::tempdir().unwrap();
    let pdf = write(d.path(), "report.pdf", b"%PDF");
    let items = read(std::slice::from_ref(&pdf));
    let p = only_problem(&items);
    assert!(p.is_error());
    assert_eq!(
        p.to_string(),
        format!(
            "{}: unknown file type '.pdf': onrecord reads .txt, .jsonl, .html, .htm, .warc, .warc.gz",
            pdf.display()
        )
    );
    let bare = write(d.path(), "README", b"hi");
    let items = read(&[bare]);
    assert!(only_problem(&items)
        .message
        .starts_with("no file extension"));
}

#[test]
fn empty_and_blank_files_are_errors() {
    let d = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("e.txt", &b""[..]),
        ("w.txt", b" \n\t\n"),
        ("e.html", b""),
        ("e.jsonl", b""),
    ] {
        let items = read(&[write(d.path(), name, bytes)]);
        let p = only_problem(&items);
        assert!(p.is_error(), "{name}");
        assert!(
            p.message.contains("empty") || p.message.contains("white space"),
            "{name}: {p}"
        );
    }
}

#[test]
fn binary_files_are_errors() {
    let d = tempfile::tempdir().unwrap();
    for name in ["photo.txt", "photo.html", "photo.jsonl"] {
        let items = read(&[write(d.path(), name, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")]);
        let p = only_problem(&items);
        assert!(p.is_error());
        assert!(p.message.starts_with("binary file"), "{p}");
    }
}

#[test]
fn invalid_utf8_warns_and_still_reads() {
    let d = tempfile::tempdir().unwrap();
    let p = write(d.path(), "latin1.txt", b"Caf\xE9 talks\n\nBody.\n");
    let items = read(&[p]);
    assert_eq!(items.len(), 2);
    let w = items[0].problem().unwrap();
    assert_eq!(w.severity, Severity::Warning);
    assert!(w
        .message
        .contains("invalid UTF-8, decoded with replacement characters"));
    assert_eq!(
        items[1].article().unwrap().text,
        "Caf\u{FFFD} talks\n\nBody.\n"
    );
}

#[test]
fn a_file_over_the_limit_is_refused_without_reading_it() {
    let d = tempfile::tempdir().unwrap();
    let path = d.path().join("huge.txt");
    let f = fs::File::create(&path).unwrap();
    // Sparse: 100 MiB on paper, nothing on disk. Reading it would take a while and the
    // message's exact size shows it came from the metadata.
    f.set_len(100 * 1024 * 1024).unwrap();
    drop(f);
    let items = read(std::slice::from_ref(&path));
    let p = only_problem(&items);
    assert!(p.is_error());
    assert_eq!(
        p.message,
        "file is 100 MB, larger than the 64 MB limit for one article; split it or use JSONL"
    );
    // A smaller limit applies to HTML too.
    let h = write(d.path(), "page.html", &[b'a'; 2048]);
    let opts = ReadOptions {
        max_file_bytes: 1024,
        ..ReadOptions::default()
    };
    let items: Vec<Item> = read_inputs(&[h], &opts).collect();
    assert!(only_problem(&items)
        .message
        .starts_with("file is 2 KB, larger than the 1 KB limit"));
}

#[test]
fn jsonl_malformed_line_does_not_stop_the_rest() {
    let d = tempfile::tempdir().unwrap();
    let p = write(
        d.path(),
        "batch.jsonl",
        b"{\"id\":\"a\",\"text\":\"one\"}\n{\"id\": \"b\", \"text\": \"unterminated}\n{\"text\":\"three\"}\n",
    );
    let s = summary(&read(std::slice::from_ref(&p)));
    let path = p.display().to_string();
    assert_eq!(s.len(), 4, "{s:?}");
    assert_eq!(s[0], "A:a");
    assert!(
        s[1].starts_with(&format!("E:{path}:2: invalid JSON: ")),
        "{}",
        s[1]
    );
    assert_eq!(
        s[2],
        format!("W:{path}:3: no \"id\" field; using id 'batch:3'")
    );
    assert_eq!(s[3], "A:batch:3");
}

#[test]
fn a_missing_folder_entry_and_unreadable_paths_are_reported() {
    let items = read(&[PathBuf::from("/definitely/not/here")]);
    let p = only_problem(&items);
    assert_eq!(
        p.to_string(),
        "/definitely/not/here: cannot read: No such file or directory"
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_stop() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "x/a.txt", b"A\n");
    std::os::unix::fs::symlink(d.path().join("x"), d.path().join("x/loop")).unwrap();
    let s = summary(&read(&[d.path().join("x")]));
    assert_eq!(s.len(), 2, "{s:?}");
    assert_eq!(s[0], "A:a");
    assert!(s[1].starts_with("W:") && s[1].contains("loops back"));
}

#[test]
fn stdin_is_sniffed() {
    let dash = [PathBuf::from("-")];
    let opts = ReadOptions::default();
    let items: Vec<Item> = with_stdin(
        &dash,
        &opts,
        b"\n{\"id\":\"s1\",\"text\":\"x\"}\n{\"text\":\"y\"}\n",
    )
    .collect();
    let s = summary(&items);
    assert_eq!(
        s,
        [
            "A:s1",
            "W:-:3: no \"id\" field; using id 'stdin:3'",
            "A:stdin:3"
        ]
    );

    let items: Vec<Item> = with_stdin(&dash, &opts, b"<html><p>Web.</p></html>").collect();
    assert_eq!(items[0].article().unwrap().text, "Web.");

    let items: Vec<Item> = with_stdin(&dash, &opts, b"Head\n\nBody.\n").collect();
    let a = items[0].article().unwrap();
    assert_eq!((a.id.as_str(), a.origin.path.as_str()), ("stdin", "-"));
    assert_eq!(a.title.as_deref(), Some("Head"));
}

#[test]
fn stdin_format_option_overrides_sniffing() {
    let opts = ReadOptions {
        stdin_format: Some(Format::Txt),
        ..ReadOptions::default()
    };
    let items: Vec<Item> = with_stdin(&[PathBuf::from("-")], &opts, b"{not json}").collect();
    assert_eq!(items[0].article().unwrap().text, "{not json}");
}

#[test]
fn stdin_problems() {
    let dash = PathBuf::from("-");
    let opts = ReadOptions {
        max_file_bytes: 10,
        ..ReadOptions::default()
    };
    let items: Vec<Item> = with_stdin(
        std::slice::from_ref(&dash),
        &opts,
        b"far more than ten bytes",
    )
    .collect();
    assert!(only_problem(&items)
        .message
        .starts_with("input is more than 10 bytes"));

    let opts = ReadOptions::default();
    let items: Vec<Item> = with_stdin(std::slice::from_ref(&dash), &opts, b"").collect();
    assert_eq!(only_problem(&items).to_string(), "-: input is empty");

    let items: Vec<Item> = with_stdin(std::slice::from_ref(&dash), &opts, b"ab\0cd").collect();
    assert!(only_problem(&items).message.starts_with("binary input"));

    let items: Vec<Item> = with_stdin(&[dash.clone(), dash], &opts, b"Once\n").collect();
    let s = summary(&items);
    assert_eq!(s.len(), 2);
    assert!(s[1].contains("already read"));
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A cheap deterministic fuzz: every format over mangled inputs must just yield items.
    let d = tempfile::tempdir().unwrap();
    let seeds: &[&[u8]] = &[
        b"---\npublished: 2024-03-03\ntitle: \"\n---\n",
        b"<html><article><p>\xF0\x9F\x98</p><time datetime=\"\xFF\">",
        b"{\"text\":\"\\ud800\",\"published\":{}}\n{\"id\":[],\"text\":\"x\"}",
        "---\n\u{00e9}: \u{0131}\n---\n\u{201c}".as_bytes(),
    ];
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for (i, seed) in seeds.iter().enumerate() {
        for round in 0..200 {
            let mut bytes = seed.to_vec();
            for _ in 0..(round % 7) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                if !bytes.is_empty() {
                    let at = (state as usize) % bytes.len();
                    bytes[at] = (state >> 32) as u8;
                }
            }
            for ext in ["txt", "html", "jsonl"] {
                let p = write(d.path(), &format!("f{i}.{ext}"), &bytes);
                let _ = read(&[p]);
            }
        }
    }
}

/// A crawl's JSONL is extracted where the caller runs [`Pending::extract`], not on the
/// reading thread: each line is one step, its page parsed only then, and the collector
/// gives the items back in input order whatever order the steps were extracted in.
#[test]
fn jsonl_lines_are_extracted_off_the_reading_thread() {
    // invented page
    let dir = tempfile::tempdir().unwrap();
    let page = "<html><head><title>Ferry tolls rise</title></head><body><article>\
        <h1>Ferry tolls rise</h1><p>The Tidewater harbour board raised the ferry tolls on \
        Monday, the second rise this year, and said the money would pay for a new pier at \
        the north landing.</p><p>\\u201cWe had no choice,\\u201d board chair Ilse Varga \
        told reporters.</p></article></body></html>";
    let body = format!(
        "{{\"id\":\"t1\",\"text\":\"Plain copy.\"}}\n\
         {{\"id\":\"c1\",\"url\":\"https://gazette.example/tolls\",\"html\":\"{page}\"}}\n\
         not json\n"
    );
    let path = write(dir.path(), "crawl.jsonl", body.as_bytes());
    let steps: Vec<Pending> = read_pending(&[path], &ReadOptions::default()).collect();
    assert_eq!(steps.len(), 3, "{steps:?}");
    let pages: Vec<bool> = steps.iter().map(Pending::is_page).collect();
    assert_eq!(pages, [false, true, false]);
    // extracted last to first, collected in input order
    let mut done: Vec<Extracted> = steps.into_iter().rev().map(Pending::extract).collect();
    done.reverse();
    let mut collector = Collector::default();
    let items: Vec<Item> = done
        .into_iter()
        .flat_map(|e| collector.collect(e))
        .collect();
    let s = summary(&items);
    assert_eq!(s.len(), 3, "{s:?}");
    assert_eq!(&s[..2], ["A:t1", "A:c1"], "{s:?}");
    assert!(s[2].starts_with("E:") && s[2].contains(":3"), "{s:?}");
    let crawl = items[1].article().unwrap();
    assert!(
        crawl.text.contains("raised the ferry tolls"),
        "{}",
        crawl.text
    );
    assert_eq!(crawl.title.as_deref(), Some("Ferry tolls rise"));
}
