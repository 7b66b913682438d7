//! Plain-text articles (`.txt`).
//!
//! A `.txt` file is one article. It may start with *front matter*: a block fenced by two
//! lines holding only `---`, the first of them the very first line of the file, with one
//! `key: value` per line:
//!
//! ```text
//! ---
//! published: 2024-03-03
//! outlet: Kestrel News
//! url: https://kestrel.example/talks
//! title: Talks must resume within weeks: Yıldırım
//! id: kestrel-2024-0303-talks
//! ---
//! Talks must resume within weeks: Yıldırım
//!
//! The body…
//! ```
//!
//! `published` is `YYYY-MM-DD` or an RFC 3339 date-time, of which the day as written is
//! kept. Keys are case-insensitive; a value may be wrapped in quotes as a whole; blank lines
//! and lines starting with `#` are ignored. An unknown key, a line without `:`, a repeated key or an unreadable
//! `published` is a warning (with its line) and the article is still read.
//!
//! The article text is the body exactly as in the file after the closing `---`, with only
//! the blank lines right after it removed: the headline stays in the text because the
//! analysis finds headline attributions (`…: Yıldırım`) there. Without front matter the text
//! is the whole file, unchanged. The title is the front-matter `title`, else the first
//! non-empty line; the id is the front-matter `id`, else the file name without extension.

use onrecord_core::{Article, Origin};

use crate::{date, Problem};

/// What one input produced: problems first (they explain the article), then the article.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub problems: Vec<Problem>,
    pub article: Option<Article>,
}

const KEYS: &[&str] = &["published", "outlet", "url", "title", "id"];

#[derive(Default)]
struct FrontMatter {
    published: Option<chrono::NaiveDate>,
    outlet: Option<String>,
    url: Option<String>,
    title: Option<String>,
    id: Option<String>,
}

pub(crate) fn parse(text: &str, stem: &str, origin: &Origin) -> Parsed {
    let mut out = Parsed::default();
    let at_line = |line: usize| Origin {
        path: origin.path.clone(),
        line: Some(line),
        offset: None,
    };
    let mut fm = FrontMatter::default();
    let body = match split_front_matter(text) {
        Split::None => text,
        Split::Unclosed => {
            out.problems.push(Problem::warning(
                at_line(1),
                "front matter opened with '---' is never closed by a second '---' line; \
                 the whole file is read as the article text",
            ));
            text
        }
        Split::FrontMatter { lines, body } => {
            read_front_matter(&lines, &mut fm, &mut out.problems, &at_line);
            skip_blank_lines(body)
        }
    };
    if body.trim().is_empty() {
        out.problems.push(Problem::error(
            origin.clone(),
            "no article text after the front matter",
        ));
        return out;
    }
    let title = fm.title.or_else(|| {
        body.lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(str::to_string)
    });
    out.article = Some(Article {
        id: fm.id.unwrap_or_else(|| stem.to_string()),
        text: body.to_string(),
        title,
        published: fm.published,
        outlet: fm.outlet,
        url: fm.url,
        origin: origin.clone(),
        ..Article::default()
    });
    out
}

enum Split<'a> {
    None,
    Unclosed,
    /// Front-matter lines with their 1-based line numbers, and the rest of the file.
    FrontMatter {
        lines: Vec<(usize, &'a str)>,
        body: &'a str,
    },
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

fn split_front_matter(text: &str) -> Split<'_> {
    let mut rest = text;
    let mut lines = Vec::new();
    let mut n = 0;
    while !rest.is_empty() {
        let (line, next) = match rest.find('\n') {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, ""),
        };
        n += 1;
        if n == 1 {
            if !is_fence(line) {
                return Split::None;
            }
        } else if is_fence(line) {
            return Split::FrontMatter { lines, body: next };
        } else {
            lines.push((n, line));
        }
        rest = next;
    }
    if n == 0 {
        Split::None
    } else {
        Split::Unclosed
    }
}

/// Drops whole blank lines at the start, keeping the first text line as it is (indent too).
fn skip_blank_lines(mut body: &str) -> &str {
    loop {
        let (line, next) = match body.find('\n') {
            Some(i) => (&body[..i], &body[i + 1..]),
            None => (body, ""),
        };
        if !line.trim().is_empty() || body.is_empty() {
            return body;
        }
        body = next;
    }
}

fn read_front_matter(
    lines: &[(usize, &str)],
    fm: &mut FrontMatter,
    problems: &mut Vec<Problem>,
    at_line: &dyn Fn(usize) -> Origin,
) {
    let mut seen: Vec<(String, usize)> = Vec::new();
    for &(n, raw) in lines {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            problems.push(Problem::warning(
                at_line(n),
                format!(
                    "front matter line is not 'key: value': '{}'; ignored",
                    shorten(line)
                ),
            ));
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let value = clean_value(value.trim());
        if !KEYS.contains(&key.as_str()) {
            let hint = match suggestion(&key) {
                Some(k) => format!(" (did you mean '{k}'?)"),
                None => format!(" (known keys: {})", KEYS.join(", ")),
            };
            problems.push(Problem::warning(
                at_line(n),
                format!("unknown front-matter key '{key}'{hint}; ignored"),
            ));
            continue;
        }
        if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
            problems.push(Problem::warning(
                at_line(n),
                format!("front-matter key '{key}' repeats line {first}; the last value is used"),
            ));
        } else {
            seen.push((key.clone(), n));
        }
        let text = (!value.is_empty()).then(|| value.to_string());
        match key.as_str() {
            "published" => {
                fm.published = None;
                if let Some(v) = &text {
                    fm.published = date::parse_day(v);
                    if fm.published.is_none() {
                        problems.push(Problem::warning(
                            at_line(n),
                            format!(
                                "front-matter 'published' value '{}' is not a date \
                                 (use YYYY-MM-DD or an RFC 3339 date-time); publication day unknown",
                                shorten(v)
                            ),
                        ));
                    }
                }
            }
            "outlet" => fm.outlet = text,
            "url" => fm.url = text,
            "title" => fm.title = text,
            "id" => fm.id = text,
            _ => {}
        }
    }
}

/// The value without the quotes YAML habits put around it. Only a value that is quoted as a
/// whole is unquoted: a headline such as `"Dead on arrival": minister` keeps its marks.
fn clean_value(value: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            if !inner.contains(q) {
                return inner;
            }
        }
    }
    value
}

/// The key someone used to a different convention most likely meant.
fn suggestion(key: &str) -> Option<&'static str> {
    Some(match key {
        "date" | "pubdate" | "published_at" | "published-at" | "publish_date" | "datetime"
        | "time" => "published",
        "source" | "publisher" | "site" | "site_name" | "newspaper" | "outlet_name" => "outlet",
        "link" | "uri" | "href" | "canonical" => "url",
        "headline" | "name" | "subject" => "title",
        "slug" | "identifier" | "uid" => "id",
        _ => return None,
    })
}

/// At most 60 characters of a value for a message.
pub(crate) fn shorten(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;

    fn origin() -> Origin {
        Origin {
            path: "a/story.txt".into(),
            line: None,
            offset: None,
        }
    }

    #[test]
    fn front_matter_fills_metadata_and_text_starts_at_headline() {
        let src = "---\npublished: 2024-03-03T18:00:00+03:00\noutlet: Kestrel News\n\
                   url: https://kestrel.example/x\nid: k-1\n---\n\n\nTalks resume: Yıldırım\n\nBody \"quote\".\n";
        let p = parse(src, "story", &origin());
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        let a = p.article.unwrap();
        assert_eq!(a.id, "k-1");
        assert_eq!(a.text, "Talks resume: Yıldırım\n\nBody \"quote\".\n");
        assert_eq!(a.title.as_deref(), Some("Talks resume: Yıldırım"));
        assert_eq!(a.published.unwrap().to_string(), "2024-03-03");
        assert_eq!(a.outlet.as_deref(), Some("Kestrel News"));
        assert_eq!(a.url.as_deref(), Some("https://kestrel.example/x"));
        assert_eq!(a.origin, origin());
    }

    #[test]
    fn without_front_matter_text_is_the_whole_file() {
        let src = "\n  Headline here  \r\nBody.\r\n";
        let p = parse(src, "story", &origin());
        let a = p.article.unwrap();
        assert_eq!(a.text, src);
        assert_eq!(a.title.as_deref(), Some("Headline here"));
        assert_eq!(a.id, "story");
        assert_eq!(a.published, None);
    }

    #[test]
    fn crlf_front_matter_and_quoted_values() {
        let src =
            "---\r\ntitle: \"A: B\"\r\nPublished: '2024-01-02'\r\n# a comment\r\n---\r\nHead\r\n";
        let p = parse(src, "s", &origin());
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        let a = p.article.unwrap();
        assert_eq!(a.title.as_deref(), Some("A: B"));
        assert_eq!(a.published.unwrap().to_string(), "2024-01-02");
        assert_eq!(a.text, "Head\r\n");
        let src = "---\ntitle: \"Dead on arrival\": minister\n---\nHead\n";
        let a = parse(src, "s", &origin()).article.unwrap();
        assert_eq!(a.title.as_deref(), Some("\"Dead on arrival\": minister"));
    }

    #[test]
    fn unknown_keys_and_bad_lines_warn_with_their_line() {
        let src =
            "---\nauthor: Someone\ndate: 2024-01-01\njust words\npublished: soon\n---\nHead\n";
        let p = parse(src, "s", &origin());
        let msgs: Vec<String> = p.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(msgs.len(), 4, "{msgs:?}");
        assert!(msgs[0].starts_with("a/story.txt:2: unknown front-matter key 'author'"));
        assert!(
            msgs[1].starts_with("a/story.txt:3:") && msgs[1].contains("did you mean 'published'")
        );
        assert!(msgs[2].starts_with("a/story.txt:4:") && msgs[2].contains("just words"));
        assert!(msgs[3].starts_with("a/story.txt:5:") && msgs[3].contains("'soon'"));
        assert!(p.problems.iter().all(|p| p.severity == Severity::Warning));
        let a = p.article.unwrap();
        assert_eq!(a.published, None);
        assert_eq!(a.text, "Head\n");
    }

    #[test]
    fn repeated_key_warns_and_last_wins() {
        let p = parse("---\nid: a\nid: b\n---\nHead\n", "s", &origin());
        assert_eq!(p.problems.len(), 1);
        assert!(p.problems[0].message.contains("repeats line 2"));
        assert_eq!(p.article.unwrap().id, "b");
    }

    #[test]
    fn unclosed_front_matter_warns_and_keeps_everything() {
        let src = "---\ntitle: x\nHead\n";
        let p = parse(src, "s", &origin());
        assert_eq!(p.problems.len(), 1);
        assert_eq!(p.problems[0].origin.line, Some(1));
        assert_eq!(p.article.unwrap().text, src);
    }

    #[test]
    fn front_matter_without_body_is_an_error() {
        let p = parse("---\nid: x\n---\n\n  \n", "s", &origin());
        assert!(p.article.is_none());
        assert_eq!(p.problems.len(), 1);
        assert!(p.problems[0].is_error());
    }

    #[test]
    fn a_dash_line_later_in_the_file_is_not_front_matter() {
        let src = "Head\n---\nid: x\n---\n";
        let a = parse(src, "s", &origin()).article.unwrap();
        assert_eq!(a.text, src);
        assert_eq!(a.id, "s");
    }
}
