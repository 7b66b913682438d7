//! A faithful port of `score_figures.py`: figures matched one to one by span overlap
//! (largest overlap first), span and exact-span P/R/F1, then value, unit, bound, subject and
//! source accuracy among matched pairs, and end-to-end P/R/F1 (value, bound and source
//! right). Same counts, same table, same JSON.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::report::py_float;
use crate::timex::TimexCorpus;

/// Unit synonyms, as the script's `UNIT_SYN`.
const UNIT_SYN: &[(&str, &str)] = &[
    ("person", "people"),
    ("persons", "people"),
    ("individual", "people"),
    ("individuals", "people"),
    ("percentage", "percent"),
    ("%", "percent"),
    ("pct", "percent"),
    ("per cent", "percent"),
    ("percentage point", "points"),
    ("percentage points", "points"),
    ("point", "points"),
    ("dollar", "usd"),
    ("dollars", "usd"),
    ("$", "usd"),
    ("us$", "usd"),
    ("euro", "eur"),
    ("euros", "eur"),
    ("€", "eur"),
    ("pound", "gbp"),
    ("pounds", "gbp"),
    ("£", "gbp"),
    ("year", "years"),
    ("yr", "years"),
    ("yrs", "years"),
    ("month", "months"),
    ("day", "days"),
    ("hour", "hours"),
    ("minute", "minutes"),
    ("second", "seconds"),
    ("week", "weeks"),
    ("vote", "votes"),
    ("civilian", "civilians"),
    ("state", "states"),
    ("employee", "employees"),
    ("worker", "workers"),
    ("respondent", "respondents"),
    ("voter", "voters"),
];

/// Characters trimmed from both ends of a span before the exact comparison.
const TRIM: &[char] = &[
    ' ', '\t', '\n', '\r', '.', ',', ';', ':', '!', '?', '"', '\'', '\u{201c}', '\u{201d}',
    '\u{2018}', '\u{2019}',
];

fn syn(u: &str) -> Option<&'static str> {
    UNIT_SYN.iter().find(|(k, _)| *k == u).map(|(_, v)| *v)
}

fn canon(u: &str) -> bool {
    UNIT_SYN.iter().any(|(_, v)| *v == u)
}

/// `norm_unit`: lower case, synonyms, a plural 's' trimmed where that gives a known unit.
fn norm_unit(u: Option<&Value>) -> String {
    let u = u
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_lowercase();
    let mut u = syn(&u).map(str::to_string).unwrap_or(u);
    if u.ends_with('s') && !canon(&u) {
        let stem = &u[..u.len() - 1];
        u = match syn(stem) {
            Some(s) => s.to_string(),
            None if canon(stem) => stem.to_string(),
            None => u.clone(),
        };
    }
    u
}

/// The code points a span list covers.
fn charset(spans: Option<&Value>) -> BTreeSet<i64> {
    let mut s = BTreeSet::new();
    for pair in spans.and_then(Value::as_array).into_iter().flatten() {
        if let Some([a, b]) = pair.as_array().map(Vec::as_slice) {
            if let (Some(a), Some(b)) = (a.as_i64(), b.as_i64()) {
                s.extend(a..b);
            }
        }
    }
    s
}

fn trimmed(text: &[char], spans: Option<&Value>) -> Vec<i64> {
    let mut idx: Vec<i64> = charset(spans).into_iter().collect();
    let trims = |i: i64| (i as usize) < text.len() && TRIM.contains(&text[i as usize]);
    while idx.first().is_some_and(|&i| trims(i)) {
        idx.remove(0);
    }
    while idx.last().is_some_and(|&i| trims(i)) {
        idx.pop();
    }
    idx
}

fn num(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        _ => None,
    }
}

fn same_value(g: Option<&Value>, p: Option<&Value>) -> bool {
    let (g, p) = (g.unwrap_or(&Value::Null), p.unwrap_or(&Value::Null));
    match (g.as_array(), p.as_array()) {
        (None, None) => num(g).is_some_and(|x| Some(x) == num(p)),
        (Some(g), Some(p)) if g.len() == 2 && p.len() == 2 => g
            .iter()
            .zip(p)
            .all(|(a, b)| num(a).is_some_and(|x| Some(x) == num(b))),
        _ => false,
    }
}

fn overlap_or_both_empty(g: Option<&Value>, p: Option<&Value>) -> bool {
    let (gs, ps) = (charset(g), charset(p));
    if gs.is_empty() {
        ps.is_empty()
    } else {
        !gs.is_disjoint(&ps)
    }
}

/// One to one by overlap, largest first (ties: earlier gold, then earlier prediction).
fn pairs(golds: &[&Value], preds: &[&Value]) -> Vec<(usize, usize)> {
    let mut cands: Vec<(usize, usize, usize)> = Vec::new();
    for (gi, g) in golds.iter().enumerate() {
        let gs = charset(g.get("span"));
        for (pi, p) in preds.iter().enumerate() {
            let inter = gs.intersection(&charset(p.get("span"))).count();
            if inter > 0 {
                cands.push((inter, gi, pi));
            }
        }
    }
    cands.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut ug, mut up) = (BTreeSet::new(), BTreeSet::new());
    let mut out = Vec::new();
    for (_, gi, pi) in cands {
        if ug.contains(&gi) || up.contains(&pi) {
            continue;
        }
        ug.insert(gi);
        up.insert(pi);
        out.push((gi, pi));
    }
    out
}

/// The counts of one scoring run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FigureReport {
    pub gold: usize,
    pub pred: usize,
    pub matched: usize,
    pub exact: usize,
    pub value: usize,
    pub unit: usize,
    pub bound: usize,
    pub subject: usize,
    pub source: usize,
    pub e2e: usize,
}

/// Whether any document carries a `figures` field (a figures gold file).
pub fn has_figures(corpus: &TimexCorpus) -> bool {
    corpus.iter().any(|d| d.fields.contains_key("figures"))
}

/// Score `pred` against `gold` as `score_figures.py` does.
pub fn score_figures(gold: &TimexCorpus, pred: &TimexCorpus) -> FigureReport {
    let mut c = FigureReport::default();
    for g in gold.iter() {
        let text: Vec<char> = g
            .fields
            .get("text")
            .and_then(Value::as_str)
            .unwrap_or("")
            .chars()
            .collect();
        let gf: Vec<&Value> = g
            .fields
            .get("figures")
            .and_then(Value::as_array)
            .map(|a| a.iter().collect())
            .unwrap_or_default();
        let pf: Vec<&Value> = pred
            .get(&g.id)
            .and_then(|p| p.fields.get("figures"))
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter(|f| f.get("span").is_some_and(crate::truthy))
                    .collect()
            })
            .unwrap_or_default();
        c.gold += gf.len();
        c.pred += pf.len();
        for (gi, pi) in pairs(&gf, &pf) {
            let (g, p) = (gf[gi], pf[pi]);
            c.matched += 1;
            c.exact += usize::from(trimmed(&text, g.get("span")) == trimmed(&text, p.get("span")));
            let v = same_value(g.get("value"), p.get("value"));
            let b =
                g.get("bound").unwrap_or(&Value::Null) == p.get("bound").unwrap_or(&Value::Null);
            let s = overlap_or_both_empty(g.get("source"), p.get("source"));
            c.value += usize::from(v);
            c.bound += usize::from(b);
            c.source += usize::from(s);
            c.unit += usize::from(norm_unit(g.get("unit")) == norm_unit(p.get("unit")));
            c.subject += usize::from(overlap_or_both_empty(g.get("subject"), p.get("subject")));
            c.e2e += usize::from(v && b && s);
        }
    }
    c
}

impl FigureReport {
    fn acc(&self, n: usize) -> Option<f64> {
        (self.matched > 0).then(|| n as f64 / self.matched as f64)
    }

    fn prf(&self, tp: usize) -> (f64, f64, f64) {
        crate::prf(tp, self.pred, self.gold)
    }

    /// The figures as `(name, value)` in the script's `--json` order.
    fn fields(&self) -> Vec<(&'static str, Option<f64>)> {
        let (p, r, f) = self.prf(self.matched);
        let (ep, er, ef) = self.prf(self.exact);
        let (zp, zr, zf) = self.prf(self.e2e);
        vec![
            ("span_P", Some(p)),
            ("span_R", Some(r)),
            ("span_F1", Some(f)),
            ("span_exact_P", Some(ep)),
            ("span_exact_R", Some(er)),
            ("span_exact_F1", Some(ef)),
            ("value_acc", self.acc(self.value)),
            ("unit_acc", self.acc(self.unit)),
            ("bound_acc", self.acc(self.bound)),
            ("subject_acc", self.acc(self.subject)),
            ("source_acc", self.acc(self.source)),
            ("e2e_P", Some(zp)),
            ("e2e_R", Some(zr)),
            ("e2e_F1", Some(zf)),
        ]
    }

    /// What `score_figures.py GOLD PRED` prints.
    pub fn to_table(&self) -> String {
        let fmt = |x: Option<f64>| match x {
            None => "   -  ".to_string(),
            Some(x) => format!("{:6.1}", 100.0 * x),
        };
        let f = self.fields();
        let get = |k: &str| f.iter().find(|(n, _)| *n == k).and_then(|(_, v)| *v);
        let mut out = format!(
            "gold {}  pred {}  matched {}\n{:10} {:>6} {:>6} {:>6}\n",
            self.gold, self.pred, self.matched, "", "P", "R", "F1"
        );
        for k in ["span", "span_exact", "e2e"] {
            out.push_str(&format!(
                "{k:10} {} {} {}\n",
                fmt(get(&format!("{k}_P"))),
                fmt(get(&format!("{k}_R"))),
                fmt(get(&format!("{k}_F1")))
            ));
        }
        let accs: Vec<String> = ["value", "unit", "bound", "subject", "source"]
            .iter()
            .map(|k| format!("{k} {}", fmt(get(&format!("{k}_acc"))).trim()))
            .collect();
        out.push_str(&format!("among matched: {}\n", accs.join("  ")));
        out
    }

    /// What `score_figures.py GOLD PRED --json` prints (`json.dumps(…, indent=1)`).
    pub fn to_json(&self) -> String {
        let mut lines = vec![
            format!(" \"gold\": {}", self.gold),
            format!(" \"pred\": {}", self.pred),
            format!(" \"matched\": {}", self.matched),
        ];
        for (k, v) in self.fields() {
            lines.push(format!(
                " \"{k}\": {}",
                v.map_or_else(|| "null".to_string(), py_float)
            ));
        }
        format!("{{\n{}\n}}", lines.join(",\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(lines: &[&str]) -> TimexCorpus {
        // one document a line: the fixtures are written over several lines for reading
        let text: Vec<String> = lines.iter().map(|l| l.replace('\n', " ")).collect();
        TimexCorpus::from_reader(text.join("\n").as_bytes(), "t").unwrap()
    }

    #[test]
    fn matches_and_counts_as_the_script() {
        let gold = corpus(&[
            r#"{"id": "a", "text": "At least 847 boats sank; 12 percent.", "figures": [
            {"span": [[0, 12]], "value": 847, "unit": "boats", "bound": "at_least", "subject": [[13, 18]], "source": []},
            {"span": [[25, 35]], "value": 12, "unit": "percent", "bound": "exact", "subject": [], "source": []}]}"#,
        ]);
        let pred = corpus(&[r#"{"id": "a", "figures": [
            {"span": [[9, 12]], "value": 847.0, "unit": "boat", "bound": "at_least", "subject": [[13, 18]], "source": []},
            {"span": [[25, 27]], "value": 12, "unit": "%", "bound": "about", "subject": [], "source": [[0, 2]]},
            {"span": [], "value": 1}]}"#]);
        let r = score_figures(&gold, &pred);
        assert_eq!((r.gold, r.pred, r.matched), (2, 2, 2));
        assert_eq!((r.exact, r.value, r.unit, r.bound), (0, 2, 1, 1));
        assert_eq!((r.subject, r.source, r.e2e), (2, 1, 1));
        // "boat" is no known unit: its plural 's' is kept on the gold side
        assert_eq!(norm_unit(Some(&Value::from("boats"))), "boats");
        assert_eq!(norm_unit(Some(&Value::from("Dollars"))), "usd");
        let table = r.to_table();
        assert!(table.starts_with("gold 2  pred 2  matched 2\n"), "{table}");
        assert!(
            table.contains("span        100.0  100.0  100.0\n"),
            "{table}"
        );
        assert!(r.to_json().contains("\"e2e_F1\": 0.5"));
    }
}
