//! Scoring attributions against gold: a faithful port of the reference scorer
//! `shared/eval/score_quotes.py`, so `onrecord eval` prints the very figures
//! `python3 score_quotes.py GOLD PRED` prints.
//!
//! - Content spans match at threshold `t` when their overlap covers at least `t` of the gold
//!   span and at least `t` of the predicted span; `exact` compares the character sets after
//!   trimming white space, quotation marks and final punctuation at both ends (but, as in the
//!   reference, the untrimmed spans must still overlap).
//! - Pairs are matched one to one, largest overlap first, ties broken as Python's
//!   `sort(reverse=True)` on `(overlap, gold index, predicted index)`.
//! - Tracks: `all`, and `direct` (content holding a quotation mark, on both sides).
//! - Offsets are Unicode code points. Documents missing from the predictions predict nothing;
//!   predictions for documents not in gold are ignored.
//!
//! ```
//! use onrecord_eval::{score, Corpus, Document};
//! let gold: Corpus = [Document { id: "d".into(), text: "Hi".into(), attributions: vec![] }]
//!     .into_iter()
//!     .collect();
//! let report = score(&gold, &Corpus::new());
//! assert!(report.to_table().starts_with("track@match"));
//! ```

mod document;
mod figures;
mod matching;
mod names;
mod report;
pub mod timex;

pub use document::{load, Attribution, Corpus, Document, LoadError, Spans};
pub use figures::{has_figures, score_figures, FigureReport};
pub use matching::{match_contents, CharSet, Content, Text, Threshold, QUOTES};
pub use names::{fold, same_person};
pub use report::{Report, Scores};
pub use timex::{
    load_timex, score_docdate, score_timexes, DocdateReport, TimexCorpus, TimexDoc, TimexReport,
};

use serde_json::Value;

/// Which attributions a row scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Track {
    /// Every attribution.
    All,
    /// Attributions whose content holds a quotation mark.
    Direct,
}

impl Track {
    pub fn as_str(&self) -> &'static str {
        match self {
            Track::All => "all",
            Track::Direct => "direct",
        }
    }
}

/// The rows of a report, in order.
pub const ROWS: [(Track, Threshold); 6] = [
    (Track::All, Threshold::Exact),
    (Track::All, Threshold::Overlap(0.8)),
    (Track::All, Threshold::Overlap(0.3)),
    (Track::Direct, Threshold::Exact),
    (Track::Direct, Threshold::Overlap(0.8)),
    (Track::Direct, Threshold::Overlap(0.3)),
];

/// An attribution prepared for scoring against one document text.
struct Prepared<'a> {
    content: Content,
    direct: bool,
    source: CharSet,
    cue: CharSet,
    has_cue: bool,
    attribution: &'a Attribution,
}

impl<'a> Prepared<'a> {
    fn new(a: &'a Attribution, text: &Text) -> Self {
        let content = Content::new(CharSet::new(&a.content), text);
        Prepared {
            direct: content.set.has_quote(text),
            content,
            source: CharSet::new(&a.source),
            cue: CharSet::new(&a.cue),
            has_cue: !a.cue.is_empty(),
            attribution: a,
        }
    }
}

#[derive(Default)]
struct Counts {
    gold: usize,
    pred: usize,
    matched: usize,
    src_ok: usize,
    src_n: usize,
    cue_ok: usize,
    cue_n: usize,
    name_ok: usize,
    name_n: usize,
    date_ok: usize,
    date_n: usize,
    e2e: usize,
}

pub(crate) fn prf(tp: usize, npred: usize, ngold: usize) -> (f64, f64, f64) {
    let p = if npred > 0 {
        tp as f64 / npred as f64
    } else {
        0.0
    };
    let r = if ngold > 0 {
        tp as f64 / ngold as f64
    } else {
        0.0
    };
    let f = if p + r != 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn share(ok: usize, n: usize) -> Option<f64> {
    (n > 0).then(|| ok as f64 / n as f64)
}

/// Python truthiness of a JSON value.
pub(crate) fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// Python `==` between two JSON values (numbers compare by value, `true == 1`).
pub(crate) fn py_eq(a: &Value, b: &Value) -> bool {
    let num = |v: &Value| match v {
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::Number(n) => n.as_f64(),
        _ => None,
    };
    match (num(a), num(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

impl Counts {
    fn add(&mut self, ga: &[&Prepared], pa: &[&Prepared], t: Threshold) {
        self.gold += ga.len();
        self.pred += pa.len();
        let golds: Vec<&Content> = ga.iter().map(|a| &a.content).collect();
        let preds: Vec<&Content> = pa.iter().map(|a| &a.content).collect();
        let pairs = match_contents(&golds, &preds, t);
        self.matched += pairs.len();
        for (gi, pi) in pairs {
            let (g, p) = (ga[gi], pa[pi]);
            let ok_src = if g.source.is_empty() {
                p.source.is_empty()
            } else {
                g.source.intersection_len(&p.source) > 0
            };
            self.src_n += 1;
            self.src_ok += usize::from(ok_src);
            if g.has_cue {
                self.cue_n += 1;
                self.cue_ok += usize::from(g.cue.intersection_len(&p.cue) > 0);
            }
            let mut ok_name = true;
            let gold_speaker = g.attribution.speaker.as_deref().filter(|s| !s.is_empty());
            if gold_speaker.is_some() {
                self.name_n += 1;
                ok_name = same_person(p.attribution.speaker.as_deref(), gold_speaker);
                self.name_ok += usize::from(ok_name);
            }
            if let Some(gd) = g.attribution.date.as_ref().filter(|d| truthy(d)) {
                self.date_n += 1;
                self.date_ok +=
                    usize::from(p.attribution.date.as_ref().is_some_and(|pd| py_eq(pd, gd)));
            }
            self.e2e += usize::from(ok_src && ok_name);
        }
    }

    fn scores(&self) -> Scores {
        let (p, r, f1) = prf(self.matched, self.pred, self.gold);
        let (e2e_p, e2e_r, e2e_f1) = prf(self.e2e, self.pred, self.gold);
        Scores {
            gold: self.gold,
            pred: self.pred,
            matched: self.matched,
            p,
            r,
            f1,
            source_acc: share(self.src_ok, self.src_n),
            cue_acc: share(self.cue_ok, self.cue_n),
            speaker_name_acc: share(self.name_ok, self.name_n),
            speaker_name_n: self.name_n,
            date_acc: share(self.date_ok, self.date_n),
            date_n: self.date_n,
            e2e_p,
            e2e_r,
            e2e_f1,
        }
    }
}

/// Score predictions against gold (`score` in `score_quotes.py`).
pub fn score(gold: &Corpus, pred: &Corpus) -> Report {
    let mut counts: Vec<Counts> = ROWS.iter().map(|_| Counts::default()).collect();
    let no_attributions = Vec::new();
    for g in gold.iter() {
        let text = Text::new(&g.text);
        let golds: Vec<Prepared> = g
            .attributions
            .iter()
            .map(|a| Prepared::new(a, &text))
            .collect();
        let preds: Vec<Prepared> = pred
            .get(&g.id)
            .map_or(&no_attributions, |p| &p.attributions)
            .iter()
            .filter(|a| !a.content.is_empty())
            .map(|a| Prepared::new(a, &text))
            .collect();
        for ((track, t), c) in ROWS.iter().zip(&mut counts) {
            let keep = |a: &&Prepared| *track == Track::All || a.direct;
            let ga: Vec<&Prepared> = golds.iter().filter(keep).collect();
            let pa: Vec<&Prepared> = preds.iter().filter(keep).collect();
            c.add(&ga, &pa, *t);
        }
    }
    Report {
        rows: ROWS
            .iter()
            .zip(&counts)
            .map(|((track, t), c)| (format!("{}@{t}", track.as_str()), c.scores()))
            .collect(),
    }
}

#[cfg(test)]
mod tests;
