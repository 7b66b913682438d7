//! The lazy walk over the user's inputs: a queue of paths still to visit, at most one open
//! JSONL or WARC stream, and the steps already produced but not yet handed out.

use std::collections::VecDeque;
use std::fs::{self, File};
use std::io::{self, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use onrecord_core::Origin;

use crate::decode::{self, binary_reason, os_reason, too_large, SNIFF_BYTES};
use crate::jsonl::JsonlStream;
use crate::warc::WarcStream;
use crate::{txt, Format, Item, Pending, Problem, ReadOptions};

const KNOWN: &str = "onrecord reads .txt, .jsonl, .html, .htm, .warc, .warc.gz";

enum Queued {
    /// A path to read. `explicit` when the user named it (an unknown type is then an error,
    /// not a skip); `ancestors` are the canonical folders above it in the walk, to stop
    /// symbolic-link loops.
    Path {
        path: PathBuf,
        explicit: bool,
        ancestors: Vec<PathBuf>,
    },
    Stdin,
}

/// A source read a record at a time.
enum Stream {
    Jsonl(JsonlStream),
    Warc(Box<WarcStream>),
}

pub(crate) struct Inputs {
    opts: ReadOptions,
    queue: VecDeque<Queued>,
    ready: VecDeque<Pending>,
    stream: Option<Stream>,
    stdin: Option<Box<dyn Read + Send>>,
}

impl Inputs {
    pub(crate) fn new(paths: &[PathBuf], opts: ReadOptions, stdin: Box<dyn Read + Send>) -> Self {
        let queue = paths
            .iter()
            .map(|p| {
                if p.as_os_str() == "-" {
                    Queued::Stdin
                } else {
                    Queued::Path {
                        path: p.clone(),
                        explicit: true,
                        ancestors: Vec::new(),
                    }
                }
            })
            .collect();
        Inputs {
            opts,
            queue,
            ready: VecDeque::new(),
            stream: None,
            stdin: Some(stdin),
        }
    }

    fn problem(&mut self, p: Problem) {
        self.ready.push_back(p.into());
    }

    fn start(&mut self, queued: Queued) {
        match queued {
            Queued::Stdin => self.start_stdin(),
            Queued::Path {
                path,
                explicit,
                ancestors,
            } => self.start_path(path, explicit, ancestors),
        }
    }

    fn start_stdin(&mut self) {
        let origin = origin_of("-");
        let Some(mut reader) = self.stdin.take() else {
            self.problem(Problem::error(
                origin,
                "standard input was already read ('-' given twice)",
            ));
            return;
        };
        let prefix = match read_prefix(&mut reader) {
            Ok(p) => p,
            Err(e) => {
                self.problem(Problem::error(
                    origin,
                    format!("cannot read standard input: {}", os_reason(&e)),
                ));
                return;
            }
        };
        let format = self
            .opts
            .stdin_format
            .unwrap_or_else(|| Format::sniff(&prefix));
        // A WARC is binary (gzip) and tells a damaged record from text itself.
        if format != Format::Warc {
            if let Some(why) = binary_reason(&prefix, "input") {
                self.problem(Problem::error(origin, why));
                return;
            }
        }
        let rest = Cursor::new(prefix).chain(reader);
        self.start_reader(
            Box::new(rest),
            format,
            origin,
            "stdin".to_string(),
            None,
            None,
        );
    }

    fn start_path(&mut self, path: PathBuf, explicit: bool, ancestors: Vec<PathBuf>) {
        let origin = origin_of(&path.to_string_lossy());
        let meta = match fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                self.problem(Problem::error(
                    origin,
                    format!("cannot read: {}", os_reason(&e)),
                ));
                return;
            }
        };
        if meta.is_dir() {
            self.expand_dir(&path, origin, ancestors);
            return;
        }
        let Some(format) = Format::of_path(&path) else {
            let what = match path.extension() {
                Some(ext) => format!("unknown file type '.{}'", ext.to_string_lossy()),
                None => "no file extension".to_string(),
            };
            if explicit {
                self.problem(Problem::error(origin, format!("{what}: {KNOWN}")));
            } else {
                self.problem(Problem::warning(
                    origin,
                    format!("skipped: {what} ({KNOWN})"),
                ));
            }
            return;
        };
        // Checked before opening: a huge file named .txt is never read at all. JSONL and WARC
        // files hold many articles; the limit is for each of them.
        let many = matches!(format, Format::Jsonl | Format::Warc);
        if !many && meta.is_file() && meta.len() > self.opts.max_file_bytes {
            self.problem(Problem::error(
                origin,
                too_large("file", Some(meta.len()), self.opts.max_file_bytes),
            ));
            return;
        }
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) => {
                self.problem(Problem::error(
                    origin,
                    format!("cannot read: {}", os_reason(&e)),
                ));
                return;
            }
        };
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| origin.path.clone());
        // A WARC file's articles point back at their records (`page.archive`): by an
        // absolute path, so that `onrecord serve`, started elsewhere, finds the file later.
        let archive_file = (format == Format::Warc && meta.is_file())
            .then(|| fs::canonicalize(&path).ok())
            .flatten()
            .and_then(|p| p.to_str().map(str::to_string));
        self.start_reader(
            Box::new(file),
            format,
            origin,
            stem,
            Some(meta.len()),
            archive_file,
        );
    }

    /// Starts reading one source: JSONL and WARC become the current stream; a `.txt` article
    /// is read whole (bounded by the limit) and parsed now, a `.html` page read whole and
    /// left to [`Pending::extract`]. `archive_file` is what a WARC file's archive references
    /// name it by, when not the path as given.
    fn start_reader(
        &mut self,
        mut reader: Box<dyn Read + Send>,
        format: Format,
        origin: Origin,
        stem: String,
        known_len: Option<u64>,
        archive_file: Option<String>,
    ) {
        let noun = if origin.path == "-" { "input" } else { "file" };
        let max = self.opts.max_file_bytes;
        if format == Format::Warc {
            let stream = WarcStream::new(reader, origin.path, archive_file, max, known_len);
            self.stream = Some(Stream::Warc(Box::new(stream)));
            return;
        }
        if format == Format::Jsonl {
            // Text or not is decided on the first 8 KiB, before any line is parsed.
            let prefix = match read_prefix(&mut reader) {
                Ok(p) => p,
                Err(e) => {
                    self.problem(Problem::error(
                        origin,
                        format!("cannot read: {}", os_reason(&e)),
                    ));
                    return;
                }
            };
            if let Some(why) = binary_reason(&prefix, noun) {
                self.problem(Problem::error(origin, why));
                return;
            }
            let reader = BufReader::with_capacity(64 * 1024, Cursor::new(prefix).chain(reader));
            let stream = JsonlStream::new(Box::new(reader), origin.path, stem, max);
            self.stream = Some(Stream::Jsonl(stream));
            return;
        }
        let mut bytes = Vec::with_capacity(known_len.unwrap_or(0).min(max) as usize);
        if let Err(e) = reader.take(max.saturating_add(1)).read_to_end(&mut bytes) {
            self.problem(Problem::error(
                origin,
                format!("cannot read: {}", os_reason(&e)),
            ));
            return;
        }
        // Standard input, pipes and files that grew since `metadata` end up here.
        if bytes.len() as u64 > max {
            self.problem(Problem::error(origin, too_large(noun, None, max)));
            return;
        }
        // A page says its own encoding (a byte-order mark, `<meta charset>`): UTF-16 is
        // text there, and any charset is read by the page extractor.
        let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
        if !(format == Format::Html && utf16) {
            if let Some(why) = binary_reason(&bytes, noun) {
                self.problem(Problem::error(origin, why));
                return;
            }
        }
        if format == Format::Html {
            if bytes.iter().all(u8::is_ascii_whitespace) {
                let msg = if bytes.is_empty() {
                    format!("{noun} is empty")
                } else {
                    format!("{noun} holds only white space, no article")
                };
                self.problem(Problem::error(origin, msg));
                return;
            }
            self.ready.push_back(Pending::html(bytes, stem, origin));
            return;
        }
        let (text, bad_utf8) = decode::decode(&bytes);
        if let Some(w) = bad_utf8 {
            self.problem(Problem::warning(origin.clone(), w));
        }
        if text.trim().is_empty() {
            let msg = if bytes.is_empty() {
                format!("{noun} is empty")
            } else {
                format!("{noun} holds only white space, no article")
            };
            self.problem(Problem::error(origin, msg));
            return;
        }
        let parsed = txt::parse(&text, &stem, &origin);
        self.ready
            .extend(parsed.problems.into_iter().map(Pending::from));
        self.ready
            .extend(parsed.article.map(|a| Item::Article(a).into()));
    }

    /// Queues a folder's entries, sorted by name, ahead of what follows it. Hidden entries
    /// (`.git`, `.DS_Store`) are skipped silently: they are never articles.
    fn expand_dir(&mut self, dir: &Path, origin: Origin, mut ancestors: Vec<PathBuf>) {
        let canonical = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if ancestors.contains(&canonical) {
            self.problem(Problem::warning(
                origin,
                "skipped: folder loops back to one it is inside (symbolic link)",
            ));
            return;
        }
        let entries = match fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => {
                self.problem(Problem::error(
                    origin,
                    format!("cannot read folder: {}", os_reason(&e)),
                ));
                return;
            }
        };
        let mut names = Vec::new();
        for entry in entries {
            match entry {
                Ok(e) => names.push(e.file_name()),
                Err(e) => self.problem(Problem::error(
                    origin.clone(),
                    format!("cannot list folder: {}", os_reason(&e)),
                )),
            }
        }
        names.retain(|n| !n.as_encoded_bytes().starts_with(b"."));
        names.sort();
        ancestors.push(canonical);
        for name in names.into_iter().rev() {
            self.queue.push_front(Queued::Path {
                path: dir.join(name),
                explicit: false,
                ancestors: ancestors.clone(),
            });
        }
    }
}

impl Iterator for Inputs {
    type Item = Pending;

    fn next(&mut self) -> Option<Pending> {
        loop {
            if let Some(step) = self.ready.pop_front() {
                return Some(step);
            }
            if let Some(stream) = &mut self.stream {
                let more = match stream {
                    Stream::Jsonl(jsonl) => jsonl.fill(&mut self.ready),
                    Stream::Warc(warc) => warc.fill(&mut self.ready),
                };
                if !more {
                    self.stream = None;
                }
                continue;
            }
            let queued = self.queue.pop_front()?;
            self.start(queued);
        }
    }
}

fn origin_of(path: &str) -> Origin {
    Origin {
        path: path.to_string(),
        line: None,
        offset: None,
    }
}

/// The first bytes of a source, for the binary check and format sniffing.
fn read_prefix(reader: &mut Box<dyn Read + Send>) -> io::Result<Vec<u8>> {
    let mut prefix = Vec::with_capacity(SNIFF_BYTES);
    reader.take(SNIFF_BYTES as u64).read_to_end(&mut prefix)?;
    Ok(prefix)
}

#[cfg(test)]
pub(crate) fn with_stdin(
    paths: &[PathBuf],
    opts: &ReadOptions,
    stdin: &'static [u8],
) -> impl Iterator<Item = Item> + Send {
    crate::pending::resolve(Inputs::new(paths, opts.clone(), Box::new(stdin)))
}
