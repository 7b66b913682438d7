use serde::{Deserialize, Serialize};

use crate::Day;

/// Where an article came from, for messages and provenance: a path, and within it the JSONL
/// line or the byte offset of a WARC record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// File path as given by the user, or `-` for standard input.
    pub path: String,
    /// 1-based line in a JSONL file.
    pub line: Option<usize>,
    /// Byte offset of the record in a WARC file (of its gzip member in a `.warc.gz`): what
    /// `dd skip=` or `xxd -s` and CDX indexes take, so a message leads to the exact bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
}

/// `path:line` for a JSONL line, `path@offset` for a WARC record, else `path`: the first
/// is the form editors turn into links, and `@` keeps a byte offset from being read as a line.
impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(offset) = self.offset {
            write!(f, "@{offset}")?;
        }
        Ok(())
    }
}

/// One news article as read from any input: the unit of analysis and of storage.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier: the JSONL `id`, else derived from the file name.
    pub id: String,
    /// The full text the analysis reads. For `.txt` inputs the first line is the headline and
    /// stays part of the text (headline attributions such as `…: Kalın` live there).
    pub text: String,
    pub title: Option<String>,
    /// Publication day, when the input says it.
    pub published: Option<Day>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    #[serde(default)]
    pub origin: Origin,
    /// The authors, as the page or the input names them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bylines: Vec<String>,
    /// When the article was last changed, as precisely as the input says (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    /// The language of the text (ISO 639-1, `en`), when the input says it or the page shows
    /// it. The analysis reads English only: an article in another language is stored with no
    /// statements, and says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// What a web page said about itself besides its text (see [`PageFacts`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<Box<PageFacts>>,
}

/// What a web page said about itself besides its text: the evidence behind its dates, its
/// captions (kept out of the text, so that a caption's date never dates a statement), the
/// encoding it was read in, and where its bytes are archived.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageFacts {
    /// The publication time as precisely as the page gives it (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_time: Option<String>,
    /// The evidence for the publication time (`article:published_time 2024-03-04T09:15Z`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified_from: Option<String>,
    /// Where the language came from: `text` (detected) or `declared` (the page's markup).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language_from: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub captions: Vec<String>,
    /// The character encoding the page was read in, and how it was known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charset: Option<String>,
    /// When the page was fetched (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched: Option<String>,
    /// The archived response the article was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<ArchiveRef>,
}

/// A record in a WARC file: the exact bytes an article was read from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveRef {
    /// The WARC file: relative to the archive folder for a page onrecord fetched itself, the
    /// path as given for a page read from a WARC file the user ingested.
    pub file: String,
    /// Byte offset of the record (of its gzip member) in the file.
    pub offset: u64,
    /// `WARC-Record-ID`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub record_id: String,
}

impl Article {
    /// Whether the analysis can read this article: English, or of unknown language.
    pub fn is_english(&self) -> bool {
        self.language.as_deref().is_none_or(|l| {
            l.eq_ignore_ascii_case("en") || l.to_ascii_lowercase().starts_with("en-")
        })
    }
}

impl Article {
    /// A content fingerprint used to make ingest idempotent: the same text with the same
    /// id is the same article however often it is read.
    pub fn fingerprint(&self) -> String {
        // FNV-1a 64 over id and text: stable across runs and platforms, no dependency.
        let mut h: u64 = 0xcbf29ce484222325;
        for b in self.id.bytes().chain([0u8]).chain(self.text.bytes()) {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
        format!("{h:016x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_name_a_line_or_a_byte_offset() {
        let at = |line, offset| Origin {
            path: "in/news.warc.gz".into(),
            line,
            offset,
        };
        assert_eq!(at(None, None).to_string(), "in/news.warc.gz");
        assert_eq!(at(Some(17), None).to_string(), "in/news.warc.gz:17");
        assert_eq!(at(None, Some(81234)).to_string(), "in/news.warc.gz@81234");
        // The offset is left out of JSON when there is none, and old JSON still reads.
        let json = serde_json::to_string(&at(Some(3), None)).unwrap();
        assert_eq!(json, r#"{"path":"in/news.warc.gz","line":3}"#);
        let back: Origin = serde_json::from_str(&json).unwrap();
        assert_eq!(back, at(Some(3), None));
        let json = serde_json::to_string(&at(None, Some(9))).unwrap();
        assert_eq!(
            serde_json::from_str::<Origin>(&json).unwrap().offset,
            Some(9)
        );
    }
}
