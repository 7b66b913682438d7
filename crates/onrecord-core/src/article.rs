use serde::{Deserialize, Serialize};

use crate::Day;

/// Where an article came from, for messages and provenance: a path, and for JSONL inputs
/// the line number.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// File path as given by the user, or `-` for standard input.
    pub path: String,
    /// 1-based line in a JSONL file.
    pub line: Option<usize>,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}", self.path, line),
            None => f.write_str(&self.path),
        }
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
