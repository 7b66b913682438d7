//! Scoring temporal expressions and publication days: a faithful port of the reference scorer
//! `shared/eval/score_timex.py`, so `onrecord eval` prints the very figures
//! `python3 score_timex.py [--docdate] GOLD PRED [--json]` prints.
//!
//! - Timex mode (TempEval-3 Task A): strict (same offsets) and relaxed (overlap of at least
//!   one character) span P/R/F1, micro over all documents; pairs matched one to one, largest
//!   overlap first, then the earlier gold timex, then the earlier prediction; type and value
//!   accuracy over relaxed matches; value F1 = relaxed F1 × value accuracy.
//! - Docdate mode: `published` of every gold document that has a full day: exact, within one
//!   day, same year, answered.
//! - Reading is as lenient and as strict as the script: a prediction needs only `id` and
//!   `timexes` (`published` in docdate mode); predicted timexes without a truthy `span` are
//!   ignored; a malformed span stops the run with the script's message.
//!
//! One difference on the edge: the script's `\d` also matches other scripts' decimal digits in
//! a `published` string; this port reads ASCII digits only.

use std::collections::HashMap;
use std::fmt::Write;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use serde_json::Value;

use crate::document::json_lines;
use crate::report::py_float;
use crate::{prf, py_eq, truthy, LoadError};

/// The TIMEX3 types, in the order the report lists them.
pub const TYPES: [&str; 4] = ["DATE", "TIME", "DURATION", "SET"];

/// One document as `score_timex.py` reads it: the raw JSON object.
#[derive(Clone, Debug, PartialEq)]
pub struct TimexDoc {
    /// The `id` exactly as written (a string or a number).
    pub id: Value,
    pub fields: serde_json::Map<String, Value>,
}

impl TimexDoc {
    /// A document from one JSON object with an `id`.
    pub fn from_json(value: Value) -> Result<TimexDoc, String> {
        match value {
            Value::Object(fields) => match fields.get("id") {
                Some(id) => Ok(TimexDoc {
                    id: id.clone(),
                    fields,
                }),
                None => Err("no \"id\"".into()),
            },
            _ => Err("no \"id\"".into()),
        }
    }

    fn get(&self, key: &str) -> Option<&Value> {
        self.fields.get(key)
    }

    /// `d.get(key) or []` as a list.
    fn list(&self, key: &str) -> Vec<&Value> {
        match self.get(key) {
            Some(Value::Array(a)) => a.iter().collect(),
            _ => Vec::new(),
        }
    }
}

/// Documents by id in first-seen order; a repeated id replaces the earlier one in place.
#[derive(Clone, Debug, Default)]
pub struct TimexCorpus {
    docs: Vec<TimexDoc>,
    index: HashMap<String, usize>,
}

fn key(id: &Value) -> String {
    match id {
        Value::String(s) => s.clone(),
        other => format!("\u{0}{other}"),
    }
}

impl TimexCorpus {
    pub fn new() -> Self {
        TimexCorpus::default()
    }

    pub fn insert(&mut self, doc: TimexDoc) {
        let k = key(&doc.id);
        match self.index.get(&k) {
            Some(&i) => self.docs[i] = doc,
            None => {
                self.index.insert(k, self.docs.len());
                self.docs.push(doc);
            }
        }
    }

    pub fn get(&self, id: &Value) -> Option<&TimexDoc> {
        self.index.get(&key(id)).map(|&i| &self.docs[i])
    }

    pub fn iter(&self) -> impl Iterator<Item = &TimexDoc> {
        self.docs.iter()
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Whether any document carries a `timexes` field (a time-expression gold file).
    pub fn has_timexes(&self) -> bool {
        self.docs.iter().any(|d| d.fields.contains_key("timexes"))
    }

    /// Read JSON Lines as `load` in the script (blank lines skipped).
    pub fn from_reader(reader: impl BufRead, name: &str) -> Result<TimexCorpus, LoadError> {
        let mut corpus = TimexCorpus::new();
        json_lines(reader, name, "not JSON: ", |value| {
            corpus.insert(TimexDoc::from_json(value)?);
            Ok(())
        })?;
        Ok(corpus)
    }
}

impl FromIterator<TimexDoc> for TimexCorpus {
    fn from_iter<I: IntoIterator<Item = TimexDoc>>(iter: I) -> Self {
        let mut c = TimexCorpus::new();
        for d in iter {
            c.insert(d);
        }
        c
    }
}

/// Read a gold or prediction file for the time tasks.
pub fn load_timex(path: impl AsRef<Path>) -> Result<TimexCorpus, LoadError> {
    let path = path.as_ref();
    let name = path.display().to_string();
    let file = File::open(path).map_err(|source| LoadError::Io {
        path: name.clone(),
        source,
    })?;
    TimexCorpus::from_reader(BufReader::new(file), &name)
}

/// Why scoring stopped (where the script exits with a message).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ScoreError(pub String);

/// `extent` in the script: a timex's first start and last end, checked.
fn extent(tx: &Value, doc: &Value, side: &str) -> Result<(i64, i64), ScoreError> {
    let sp = tx.get("span").unwrap_or(&Value::Null);
    let bad = || {
        ScoreError(format!(
            "{side} {}: bad span {}",
            py_str_plain(doc),
            py_repr(sp)
        ))
    };
    let pairs = sp.as_array().ok_or_else(bad)?;
    if pairs.is_empty() {
        return Err(bad());
    }
    let mut s: Option<i64> = None;
    let mut e: Option<i64> = None;
    for p in pairs {
        let [a, b] = p.as_array().map(Vec::as_slice).ok_or_else(bad)? else {
            return Err(bad());
        };
        let (a, b) = (py_int(a).ok_or_else(bad)?, py_int(b).ok_or_else(bad)?);
        s = Some(s.map_or(a, |x| x.min(a)));
        e = Some(e.map_or(b, |x| x.max(b)));
    }
    let (s, e) = (s.ok_or_else(bad)?, e.ok_or_else(bad)?);
    if !(0 <= s && s < e) {
        return Err(bad());
    }
    Ok((s, e))
}

/// A JSON value Python takes for an `int` (booleans are ints there).
fn py_int(v: &Value) -> Option<i64> {
    match v {
        Value::Bool(b) => Some(i64::from(*b)),
        Value::Number(n) => n.as_i64(),
        _ => None,
    }
}

/// One-to-one greedy matching of overlapping extents: `[(gold index, predicted index)]`.
pub fn match_extents(gold: &[(i64, i64)], pred: &[(i64, i64)]) -> Vec<(usize, usize)> {
    let mut cands: Vec<(i64, usize, usize)> = Vec::new();
    for (gi, &(gs, ge)) in gold.iter().enumerate() {
        for (pi, &(ps, pe)) in pred.iter().enumerate() {
            let inter = ge.min(pe) - gs.max(ps);
            if inter > 0 {
                cands.push((-inter, gi, pi));
            }
        }
    }
    cands.sort_unstable();
    let mut used_g = vec![false; gold.len()];
    let mut used_p = vec![false; pred.len()];
    let mut pairs = Vec::new();
    for (_, gi, pi) in cands {
        if used_g[gi] || used_p[pi] {
            continue;
        }
        used_g[gi] = true;
        used_p[pi] = true;
        pairs.push((gi, pi));
    }
    pairs
}

/// Figures for one gold type.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeScores {
    /// The type as the gold file writes it.
    pub kind: Value,
    pub gold: usize,
    pub relaxed: usize,
    pub strict: usize,
    pub value_ok: usize,
}

impl TypeScores {
    pub fn relaxed_r(&self) -> Option<f64> {
        (self.gold > 0).then(|| self.relaxed as f64 / self.gold as f64)
    }
    pub fn value_acc(&self) -> Option<f64> {
        (self.relaxed > 0).then(|| self.value_ok as f64 / self.relaxed as f64)
    }
}

/// A relaxed match whose value differs.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueError {
    pub id: Value,
    pub text: String,
    pub gold: Value,
    pub pred: Value,
}

/// The figures of `score` in the script.
#[derive(Clone, Debug, PartialEq)]
pub struct TimexReport {
    pub gold: usize,
    pub pred: usize,
    pub strict_matched: usize,
    pub relaxed_matched: usize,
    pub strict: (f64, f64, f64),
    pub relaxed: (f64, f64, f64),
    pub type_acc: f64,
    pub value_acc: f64,
    pub by_type: Vec<TypeScores>,
    pub value_errors: Vec<ValueError>,
}

impl TimexReport {
    pub fn type_f1(&self) -> f64 {
        self.relaxed.2 * self.type_acc
    }
    pub fn value_f1(&self) -> f64 {
        self.relaxed.2 * self.value_acc
    }
}

fn slice_cp(text: &str, s: i64, e: i64) -> String {
    let (s, e) = (s.max(0) as usize, e.max(0) as usize);
    text.chars().skip(s).take(e.saturating_sub(s)).collect()
}

/// Score predicted timexes against gold (`score` in the script).
pub fn score_timexes(gold: &TimexCorpus, pred: &TimexCorpus) -> Result<TimexReport, ScoreError> {
    let (mut ng, mut np, mut strict, mut relaxed, mut type_ok, mut value_ok) = (0, 0, 0, 0, 0, 0);
    let mut by_type: Vec<TypeScores> = TYPES
        .iter()
        .map(|t| TypeScores {
            kind: Value::from(*t),
            gold: 0,
            relaxed: 0,
            strict: 0,
            value_ok: 0,
        })
        .collect();
    let type_index = |by_type: &mut Vec<TypeScores>, t: &Value| -> usize {
        match by_type.iter().position(|b| py_eq(&b.kind, t)) {
            Some(i) => i,
            None => {
                by_type.push(TypeScores {
                    kind: t.clone(),
                    gold: 0,
                    relaxed: 0,
                    strict: 0,
                    value_ok: 0,
                });
                by_type.len() - 1
            }
        }
    };
    let mut errors = Vec::new();
    for g in gold.iter() {
        let gt = g.list("timexes");
        let pt: Vec<&Value> = pred
            .get(&g.id)
            .map(|p| p.list("timexes"))
            .unwrap_or_default()
            .into_iter()
            .filter(|t| t.get("span").is_some_and(truthy))
            .collect();
        let gx = gt
            .iter()
            .map(|t| extent(t, &g.id, "gold"))
            .collect::<Result<Vec<_>, _>>()?;
        let px = pt
            .iter()
            .map(|t| extent(t, &g.id, "pred"))
            .collect::<Result<Vec<_>, _>>()?;
        ng += gt.len();
        np += pt.len();
        let kind_of = |t: &Value| -> Result<Value, ScoreError> {
            t.get("type").cloned().ok_or_else(|| {
                ScoreError(format!(
                    "gold {}: a timex has no \"type\"",
                    py_str_plain(&g.id)
                ))
            })
        };
        for t in &gt {
            let k = kind_of(t)?;
            let i = type_index(&mut by_type, &k);
            by_type[i].gold += 1;
        }
        for (gi, pi) in match_extents(&gx, &px) {
            let (gd, pd) = (gt[gi], pt[pi]);
            let i = type_index(&mut by_type, &kind_of(gd)?);
            relaxed += 1;
            by_type[i].relaxed += 1;
            if gx[gi] == px[pi] {
                strict += 1;
                by_type[i].strict += 1;
            }
            let null = Value::Null;
            let gtype = gd.get("type").unwrap_or(&null);
            type_ok += usize::from(py_eq(pd.get("type").unwrap_or(&null), gtype));
            let gvalue = gd.get("value").ok_or_else(|| {
                ScoreError(format!(
                    "gold {}: a timex has no \"value\"",
                    py_str_plain(&g.id)
                ))
            })?;
            let pvalue = pd.get("value").unwrap_or(&null);
            if py_eq(pvalue, gvalue) {
                value_ok += 1;
                by_type[i].value_ok += 1;
            } else {
                let (s, e) = gx[gi];
                let text = g.get("text").and_then(Value::as_str).ok_or_else(|| {
                    ScoreError(format!("gold {}: no \"text\"", py_str_plain(&g.id)))
                })?;
                errors.push(ValueError {
                    id: g.id.clone(),
                    text: slice_cp(text, s, e),
                    gold: gvalue.clone(),
                    pred: pvalue.clone(),
                });
            }
        }
    }
    let share = |k: usize| {
        if relaxed > 0 {
            k as f64 / relaxed as f64
        } else {
            0.0
        }
    };
    Ok(TimexReport {
        gold: ng,
        pred: np,
        strict_matched: strict,
        relaxed_matched: relaxed,
        strict: prf(strict, np, ng),
        relaxed: prf(relaxed, np, ng),
        type_acc: share(type_ok),
        value_acc: share(value_ok),
        by_type,
        value_errors: errors,
    })
}

/// `day` in the script: (date, year) from an ISO-ish string.
fn py_day(v: Option<&Value>) -> (Option<chrono_lite::Date>, Option<i64>) {
    let Some(Value::String(s)) = v else {
        return (None, None);
    };
    let s = s.trim();
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| -> Option<i64> {
        let part = b.get(from..from + n)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| std::str::from_utf8(part).ok()?.parse().ok())
            .flatten()
    };
    let Some(y) = digits(0, 4) else {
        return (None, None);
    };
    let month = if b.get(4) == Some(&b'-') {
        digits(5, 2)
    } else {
        None
    };
    let day = match month {
        Some(_) if b.get(7) == Some(&b'-') => digits(8, 2),
        _ => None,
    };
    match (month, day) {
        (Some(m), Some(d)) => (chrono_lite::Date::new(y, m, d), Some(y)),
        _ => (None, Some(y)),
    }
}

/// The little calendar arithmetic docdate needs, with Python's `datetime.date` range.
mod chrono_lite {
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct Date(i64);

    impl Date {
        /// Year 1–9999 and a real day, as `datetime.date` accepts.
        pub fn new(y: i64, m: i64, d: i64) -> Option<Date> {
            if !(1..=9999).contains(&y) || !(1..=12).contains(&m) || d < 1 {
                return None;
            }
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            let len = [
                31,
                if leap { 29 } else { 28 },
                31,
                30,
                31,
                30,
                31,
                31,
                30,
                31,
                30,
                31,
            ];
            if d > len[(m - 1) as usize] {
                return None;
            }
            // days from civil (Howard Hinnant's algorithm)
            let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
            let era = y.div_euclid(400);
            let yoe = y - era * 400;
            let doy = (153 * m + 2) / 5 + d - 1;
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
            Some(Date(era * 146097 + doe))
        }

        pub fn days_to(self, other: Date) -> i64 {
            other.0 - self.0
        }
    }
}

/// One document whose predicted day is not the gold one.
#[derive(Clone, Debug, PartialEq)]
pub struct DocdateMiss {
    pub id: Value,
    pub gold: Value,
    pub pred: Value,
}

/// The figures of `score_docdate` in the script.
#[derive(Clone, Debug, PartialEq)]
pub struct DocdateReport {
    pub docs: usize,
    pub answered: usize,
    pub exact: usize,
    pub near: usize,
    pub year: usize,
    pub misses: Vec<DocdateMiss>,
}

impl DocdateReport {
    fn rate(&self, k: usize) -> f64 {
        if self.docs > 0 {
            k as f64 / self.docs as f64
        } else {
            0.0
        }
    }
    pub fn coverage(&self) -> f64 {
        self.rate(self.answered)
    }
    pub fn exact_acc(&self) -> f64 {
        self.rate(self.exact)
    }
    pub fn within1_acc(&self) -> f64 {
        self.rate(self.near)
    }
    pub fn year_acc(&self) -> f64 {
        self.rate(self.year)
    }
}

/// Score predicted publication days against gold (`score_docdate` in the script).
pub fn score_docdate(gold: &TimexCorpus, pred: &TimexCorpus) -> DocdateReport {
    let mut r = DocdateReport {
        docs: 0,
        answered: 0,
        exact: 0,
        near: 0,
        year: 0,
        misses: Vec::new(),
    };
    for g in gold.iter() {
        let (gd, gy) = py_day(g.get("published"));
        let Some(gd) = gd else { continue };
        r.docs += 1;
        let pv = pred.get(&g.id).and_then(|p| p.get("published"));
        let (pd, py) = py_day(pv);
        r.answered += usize::from(pv.is_some_and(|v| !v.is_null()) && py.is_some());
        let exact = pd == Some(gd);
        let near = pd.is_some_and(|pd| gd.days_to(pd).abs() <= 1);
        r.exact += usize::from(exact);
        r.near += usize::from(near);
        r.year += usize::from(py == gy);
        if !exact {
            r.misses.push(DocdateMiss {
                id: g.id.clone(),
                gold: g.get("published").cloned().unwrap_or(Value::Null),
                pred: pv.cloned().unwrap_or(Value::Null),
            });
        }
    }
    r
}

/// `'   -  '` for None, else `f'{100 * x:6.2f}'`.
fn fmt(x: Option<f64>) -> String {
    match x {
        None => "   -  ".into(),
        Some(x) => format!("{:6.2}", 100.0 * x),
    }
}

/// Python's `str()` of a JSON value as `json.loads` gives it.
fn py_str_plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => py_repr(other),
    }
}

/// Python's `repr()` of a JSON value as `json.loads` gives it.
fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.to_string(),
            None => match n.as_u64() {
                Some(u) => u.to_string(),
                None => py_float(n.as_f64().unwrap_or(f64::NAN)),
            },
        },
        Value::String(s) => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
        Value::Array(a) => format!("[{}]", a.iter().map(py_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(o) => format!(
            "{{{}}}",
            o.iter()
                .map(|(k, v)| format!("{}: {}", py_repr(&Value::from(k.clone())), py_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A value of the report, as `json.dumps` sees it.
enum Py<'a> {
    Int(usize),
    Float(f64),
    OptFloat(Option<f64>),
    Json(&'a Value),
    Str(&'a str),
    Dict(Vec<(String, Py<'a>)>),
    List(Vec<Py<'a>>),
}

/// A JSON string as `json.dumps(…, ensure_ascii=False)` writes it.
fn py_json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `json.dumps(v, indent=1, ensure_ascii=False)` of one value at nesting `level`.
fn dump(v: &Py, level: usize, out: &mut String) {
    let pad = |out: &mut String, n: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n(' ', n));
    };
    match v {
        Py::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Py::Float(x) => out.push_str(&py_float(*x)),
        Py::OptFloat(x) => out.push_str(&x.map_or_else(|| "null".into(), py_float)),
        Py::Json(j) => dump_json(j, level, out),
        Py::Str(s) => out.push_str(&py_json_str(s)),
        Py::Dict(items) => {
            if items.is_empty() {
                out.push_str("{}");
                return;
            }
            out.push('{');
            for (i, (k, v)) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                pad(out, level + 1);
                out.push_str(&py_json_str(k));
                out.push_str(": ");
                dump(v, level + 1, out);
            }
            pad(out, level);
            out.push('}');
        }
        Py::List(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                pad(out, level + 1);
                dump(v, level + 1, out);
            }
            pad(out, level);
            out.push(']');
        }
    }
}

fn dump_json(v: &Value, level: usize, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => {
                let _ = write!(out, "{i}");
            }
            (_, Some(u)) => {
                let _ = write!(out, "{u}");
            }
            _ => out.push_str(&py_float(n.as_f64().unwrap_or(f64::NAN))),
        },
        Value::String(s) => out.push_str(&py_json_str(s)),
        Value::Array(a) => {
            let items: Vec<Py> = a.iter().map(Py::Json).collect();
            dump(&Py::List(items), level, out);
        }
        Value::Object(o) => {
            let items: Vec<(String, Py)> =
                o.iter().map(|(k, v)| (k.clone(), Py::Json(v))).collect();
            dump(&Py::Dict(items), level, out);
        }
    }
}

impl TimexReport {
    /// What `score_timex.py GOLD PRED` prints, byte for byte (lines end with a newline).
    pub fn to_table(&self) -> String {
        let mut out = format!(
            "{:8} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6}\n",
            "match", "gold", "pred", "hit", "P", "R", "F1"
        );
        for (name, hit, (p, r, f)) in [
            ("strict", self.strict_matched, self.strict),
            ("relaxed", self.relaxed_matched, self.relaxed),
        ] {
            let _ = writeln!(
                out,
                "{name:8} {:5} {:5} {hit:5} {} {} {}",
                self.gold,
                self.pred,
                fmt(Some(p)),
                fmt(Some(r)),
                fmt(Some(f))
            );
        }
        let _ = writeln!(
            out,
            "type  acc {}   type  F1 {}",
            fmt(Some(self.type_acc)),
            fmt(Some(self.type_f1()))
        );
        let _ = writeln!(
            out,
            "value acc {}   value F1 {}   (TE3 Task A ranking figure)",
            fmt(Some(self.value_acc)),
            fmt(Some(self.value_f1()))
        );
        let types: Vec<String> = self
            .by_type
            .iter()
            .filter(|t| t.gold > 0)
            .map(|t| {
                format!(
                    "{} {} R {} val {}",
                    py_str_plain(&t.kind),
                    t.gold,
                    fmt(t.relaxed_r()).trim(),
                    fmt(t.value_acc()).trim()
                )
            })
            .collect();
        let _ = writeln!(out, "by gold type: {}", types.join("  "));
        out
    }

    /// What `score_timex.py GOLD PRED --json` prints, byte for byte, without the final
    /// newline.
    pub fn to_json(&self) -> String {
        let by_type: Vec<(String, Py)> = self
            .by_type
            .iter()
            .map(|t| {
                (
                    py_str_plain(&t.kind),
                    Py::Dict(vec![
                        ("gold".into(), Py::Int(t.gold)),
                        ("relaxed".into(), Py::Int(t.relaxed)),
                        ("strict".into(), Py::Int(t.strict)),
                        ("value_ok".into(), Py::Int(t.value_ok)),
                        ("relaxed_R".into(), Py::OptFloat(t.relaxed_r())),
                        ("value_acc".into(), Py::OptFloat(t.value_acc())),
                    ]),
                )
            })
            .collect();
        let errors: Vec<Py> = self
            .value_errors
            .iter()
            .map(|e| {
                Py::Dict(vec![
                    ("id".into(), Py::Json(&e.id)),
                    ("text".into(), Py::Str(&e.text)),
                    ("gold".into(), Py::Json(&e.gold)),
                    ("pred".into(), Py::Json(&e.pred)),
                ])
            })
            .collect();
        let v = Py::Dict(vec![
            ("gold".into(), Py::Int(self.gold)),
            ("pred".into(), Py::Int(self.pred)),
            ("strict_matched".into(), Py::Int(self.strict_matched)),
            ("relaxed_matched".into(), Py::Int(self.relaxed_matched)),
            ("strict_P".into(), Py::Float(self.strict.0)),
            ("strict_R".into(), Py::Float(self.strict.1)),
            ("strict_F1".into(), Py::Float(self.strict.2)),
            ("relaxed_P".into(), Py::Float(self.relaxed.0)),
            ("relaxed_R".into(), Py::Float(self.relaxed.1)),
            ("relaxed_F1".into(), Py::Float(self.relaxed.2)),
            ("type_acc".into(), Py::Float(self.type_acc)),
            ("value_acc".into(), Py::Float(self.value_acc)),
            ("type_F1".into(), Py::Float(self.type_f1())),
            ("value_F1".into(), Py::Float(self.value_f1())),
            ("by_type".into(), Py::Dict(by_type)),
            ("value_errors".into(), Py::List(errors)),
        ]);
        let mut out = String::new();
        dump(&v, 0, &mut out);
        out
    }
}

impl DocdateReport {
    /// What `score_timex.py --docdate GOLD PRED` prints, byte for byte.
    pub fn to_table(&self) -> String {
        format!(
            "{:>5} {:>8} {:>6} {:>6} {:>6}\n{:5} {:8} {} {} {}\n",
            "docs",
            "answered",
            "exact",
            "+-1day",
            "year",
            self.docs,
            self.answered,
            fmt(Some(self.exact_acc())),
            fmt(Some(self.within1_acc())),
            fmt(Some(self.year_acc()))
        )
    }

    /// What `score_timex.py --docdate GOLD PRED --json` prints, without the final newline.
    pub fn to_json(&self) -> String {
        let misses: Vec<Py> = self
            .misses
            .iter()
            .map(|m| {
                Py::Dict(vec![
                    ("id".into(), Py::Json(&m.id)),
                    ("gold".into(), Py::Json(&m.gold)),
                    ("pred".into(), Py::Json(&m.pred)),
                ])
            })
            .collect();
        let v = Py::Dict(vec![
            ("docs".into(), Py::Int(self.docs)),
            ("answered".into(), Py::Int(self.answered)),
            ("coverage".into(), Py::Float(self.coverage())),
            ("exact_acc".into(), Py::Float(self.exact_acc())),
            ("within1_acc".into(), Py::Float(self.within1_acc())),
            ("year_acc".into(), Py::Float(self.year_acc())),
            ("misses".into(), Py::List(misses)),
        ]);
        let mut out = String::new();
        dump(&v, 0, &mut out);
        out
    }
}

/// What `score_timex.py --input` (or `--blind`) prints for one document: its id, text and
/// publication day (withheld when `blind`), one JSON line without the newline.
pub fn input_line(doc: &TimexDoc, blind: bool) -> String {
    let null = Value::Null;
    let text = doc.get("text").unwrap_or(&null);
    let published = if blind {
        &null
    } else {
        doc.get("published").unwrap_or(&null)
    };
    let mut out = String::from("{\"id\": ");
    flat(&doc.id, &mut out);
    out.push_str(", \"text\": ");
    flat(text, &mut out);
    out.push_str(", \"published\": ");
    flat(published, &mut out);
    out.push('}');
    out
}

/// `json.dumps(v, ensure_ascii=False)` without indentation.
fn flat(v: &Value, out: &mut String) {
    match v {
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                flat(x, out);
            }
            out.push(']');
        }
        Value::Object(o) => {
            out.push('{');
            for (i, (k, x)) in o.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&py_json_str(k));
                out.push_str(": ");
                flat(x, out);
            }
            out.push('}');
        }
        other => dump_json(other, 0, out),
    }
}
