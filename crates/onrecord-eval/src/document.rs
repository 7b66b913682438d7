//! Gold and prediction documents as the reference scorer reads them.
//!
//! Reading is deliberately lenient in the same places as `score_quotes.py`: a prediction
//! needs only `id` and `attributions`; missing or `null` span lists are empty; fields the
//! scorer does not use are ignored.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use serde_json::Value;

/// A list of `[start, end)` code-point spans, as in the JSON (not merged, not sorted).
pub type Spans = Vec<(i64, i64)>;

/// One attribution as the scorer sees it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Attribution {
    pub content: Spans,
    pub cue: Spans,
    pub source: Spans,
    /// `speaker`, when it is a string.
    pub speaker: Option<String>,
    /// `date`, compared as a JSON value (`null` is `None`).
    pub date: Option<Value>,
}

/// One document: its text (empty for predictions, which need none) and its attributions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    pub id: String,
    pub text: String,
    pub attributions: Vec<Attribution>,
}

/// Documents by id, in the order their ids were first seen. A repeated id replaces the
/// earlier document in place, as a Python dict does.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    docs: Vec<Document>,
    index: HashMap<String, usize>,
}

/// Why a document could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Parse {
        path: String,
        line: usize,
        message: String,
    },
}

impl Document {
    /// A document from one annotated-corpus JSON object. Fails only where the reference
    /// scorer fails too: a line that is not an object with an `id`, or a span that is not a
    /// pair of integers.
    pub fn from_json(value: &Value) -> Result<Document, String> {
        let obj = value.as_object().ok_or("not a JSON object")?;
        let id = obj.get("id").ok_or("no \"id\"")?;
        let attributions = match obj.get("attributions") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(list)) => list
                .iter()
                .enumerate()
                .map(|(i, a)| attribution(a).map_err(|e| format!("attribution {i}: {e}")))
                .collect::<Result<_, _>>()?,
            Some(_) => return Err("\"attributions\" is not a list".into()),
        };
        Ok(Document {
            id: doc_key(id),
            text: obj
                .get("text")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
            attributions,
        })
    }
}

/// The key a document is found by. String ids stand for themselves; any other JSON id
/// (a number) gets a prefix no string id has, so `5` and `"5"` stay apart as in Python.
fn doc_key(id: &Value) -> String {
    match id {
        Value::String(s) => s.clone(),
        other => format!("\u{0}{other}"),
    }
}

fn attribution(value: &Value) -> Result<Attribution, String> {
    let obj = value.as_object().ok_or("not a JSON object")?;
    Ok(Attribution {
        content: spans(obj.get("content")).map_err(|e| format!("content: {e}"))?,
        cue: spans(obj.get("cue")).map_err(|e| format!("cue: {e}"))?,
        source: spans(obj.get("source")).map_err(|e| format!("source: {e}"))?,
        speaker: obj
            .get("speaker")
            .and_then(Value::as_str)
            .map(str::to_string),
        date: obj.get("date").filter(|d| !d.is_null()).cloned(),
    })
}

fn spans(value: Option<&Value>) -> Result<Spans, String> {
    let list = match value {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(list)) => list,
        Some(_) => return Err("not a list of spans".into()),
    };
    list.iter()
        .map(|pair| match pair.as_array().map(Vec::as_slice) {
            Some([a, b]) => match (a.as_i64(), b.as_i64()) {
                (Some(a), Some(b)) => Ok((a, b)),
                _ => Err(format!("span {pair} is not a pair of integers")),
            },
            _ => Err(format!("span {pair} is not a [start, end] pair")),
        })
        .collect()
}

impl Corpus {
    pub fn new() -> Self {
        Corpus::default()
    }

    /// Add a document; one with the same id replaces it where it stood.
    pub fn insert(&mut self, doc: Document) {
        match self.index.get(&doc.id) {
            Some(&i) => self.docs[i] = doc,
            None => {
                self.index.insert(doc.id.clone(), self.docs.len());
                self.docs.push(doc);
            }
        }
    }

    pub fn get(&self, id: &str) -> Option<&Document> {
        self.index.get(id).map(|&i| &self.docs[i])
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Document> {
        self.docs.iter()
    }

    /// Read JSON Lines (blank lines skipped); `name` is used in error messages.
    pub fn from_reader(reader: impl BufRead, name: &str) -> Result<Corpus, LoadError> {
        let mut corpus = Corpus::new();
        json_lines(reader, name, "", |value| {
            corpus.insert(Document::from_json(&value)?);
            Ok(())
        })?;
        Ok(corpus)
    }
}

impl FromIterator<Document> for Corpus {
    fn from_iter<I: IntoIterator<Item = Document>>(iter: I) -> Self {
        let mut corpus = Corpus::new();
        for doc in iter {
            corpus.insert(doc);
        }
        corpus
    }
}

/// Read a gold or prediction JSONL file (as `load` in `score_quotes.py`).
pub fn load(path: impl AsRef<Path>) -> Result<Corpus, LoadError> {
    let path = path.as_ref();
    let name = path.display().to_string();
    let file = File::open(path).map_err(|source| LoadError::Io {
        path: name.clone(),
        source,
    })?;
    Corpus::from_reader(BufReader::new(file), &name)
}

/// Read JSON Lines as the reference scripts' `load` does (blank lines skipped), handing each
/// value to `each`; an error of either names `name` and the line. `json_prefix` starts the
/// message of a line that is not JSON.
pub(crate) fn json_lines(
    reader: impl BufRead,
    name: &str,
    json_prefix: &str,
    mut each: impl FnMut(Value) -> Result<(), String>,
) -> Result<(), LoadError> {
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|source| LoadError::Io {
            path: name.to_string(),
            source,
        })?;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let parse = |message: String| LoadError::Parse {
            path: name.to_string(),
            line: n + 1,
            message,
        };
        let value: Value =
            serde_json::from_str(line).map_err(|e| parse(format!("{json_prefix}{e}")))?;
        each(value).map_err(parse)?;
    }
    Ok(())
}
