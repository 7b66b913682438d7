//! Attribution: find cues, then the source and content each cue governs.
//!
//! Rules over the text layer, in the shapes news copy uses:
//! - `SOURCE CUE (that) CONTENT.` and `SOURCE CUE: "…"` (content after the cue);
//! - `"CONTENT," SOURCE CUE.` and `CONTENT, CUE SOURCE.` (content before);
//! - `"…," SOURCE CUE, "…"` and `"…," he said. "…"` (content split around the cue);
//! - `CONTENT, according to SOURCE.` / `According to SOURCE, CONTENT.`;
//! - `…, adding/saying …` and `… and added …` (the cue shares the main clause's source);
//! - `Citing …, SOURCE said …` (a leading participle shares the following source);
//! - `SOURCE had harsh words …, telling …` (no reporting verb before: the clause's subject);
//! - `He said:` closing a paragraph (the next paragraph's quotation), `Said SOURCE: "…"`,
//!   transcript turns `NAME: …`, `"…" ― Name`;
//! - headlines `CLAIM: Source` and `Source: claim`.
//!
//! Cue words come from the learned [`Lexicon`] and cue model, phrasal cue ends ("respond
//! to", "spoke out about") from the lexicon's learned phrases; source and content boundaries
//! from punctuation, quotation marks and a few closed word classes. Where PolNeAR's
//! conventions were unclear, the choice follows counts over its training split (noted at
//! the rule).

//!
//! The folder follows the shape of news copy:
//!
//! | module | job |
//! |---|---|
//! | `mod.rs` | the public API ([`find`], [`find_with`], [`Found`], the models' training points) and the walk over units |
//! | [`units`] | the stretches read as one report: sentences merged over quotations, transcript turns, datelines |
//! | [`cues`] | which word heads a cue, and how far the cue runs |
//! | [`sources`] | the speaking noun phrase (before or after the cue, appositives, a clause's subject) and the audience |
//! | [`contents`] | where the words start and stop (adjuncts, clause ends, the start and end models), quotations resumed, paragraphs |
//! | [`report`] | one cue with its source and content: the general rule that puts the parts above together |
//! | [`shapes`] | reports without a verb of saying: headlines, `"…" ― Name`, transcript turns, poll findings, questions put |
//! | [`passes`] | decided over all reports at once: nested reports and repeated contents dropped |

mod contents;
mod cues;
mod passes;
mod report;
mod shapes;
mod sources;
mod units;

#[cfg(test)]
mod tests;

use onrecord_core::{AttributionKind, Span};

use crate::lexicon::Lexicon;
use crate::models::cue::CueModel;
use crate::models::end::{EndModel, EndPoint};
use crate::models::start::{StartModel, StartPoint};
use crate::text::{Doc, TokKind};

use contents::split_at_paragraphs;
use passes::{
    continue_bare_quotation, continue_into_next_unit, copy_shared_sources, settle,
    share_leading_source,
};
use report::{attribute, relative_gap};
use shapes::{headline, in_survey, name_colon_quote, name_dash_quote};
use units::units;

/// An attribution as found, before speakers and days are resolved.
#[derive(Clone, Debug)]
pub struct Found {
    pub kind: AttributionKind,
    pub content: Vec<Span>,
    pub cue: Vec<Span>,
    /// Token range `[start, end)` of the source mention.
    pub source: Option<(usize, usize)>,
    pub audience: Option<Span>,
    /// Token index of the cue's head word.
    pub cue_tok: usize,
    /// The source is the same mention as that of the attribution whose cue head is this
    /// token (", adding …", "Citing …, Kalin said").
    pub shares_source_of: Option<usize>,
}

struct Ctx<'a, 'd> {
    doc: &'a Doc<'d>,
    /// Per token: the cue model says it heads a cue.
    cues: Vec<bool>,
    lex: &'a Lexicon,
    /// Rank the starts and the ends of a content after its cue; without them, the rules'
    /// start and end stand.
    models: Option<(&'a StartModel, &'a EndModel)>,
    /// Every content start and end decided, for learning the models.
    trace: std::cell::RefCell<(Vec<StartPoint>, Vec<EndPoint>)>,
}

impl Ctx<'_, '_> {
    fn low(&self, i: usize) -> std::borrow::Cow<'_, str> {
        self.doc.lower(i)
    }
    fn tok(&self, i: usize) -> &str {
        self.doc.tok(i)
    }
    fn span(&self, a: usize, b: usize) -> Span {
        self.doc.span_of(a, b)
    }
    fn is_quote_mark(&self, i: usize) -> bool {
        self.doc.tokens[i].kind == TokKind::Quote
    }
}

/// Find every attribution in the document.
pub fn find(
    doc: &Doc,
    lex: &Lexicon,
    model: &CueModel,
    starts: &StartModel,
    ends: &EndModel,
) -> Vec<Found> {
    settle(
        doc,
        run(doc, lex, model.flags(doc, lex), Some((starts, ends))).0,
    )
}

/// Find every attribution whose cue head is flagged in `cues` (one flag per token), with
/// the built-in lexicon and end model.
pub fn find_with(doc: &Doc, cues: Vec<bool>) -> Vec<Found> {
    let models = (StartModel::builtin(), EndModel::builtin());
    settle(doc, run(doc, Lexicon::builtin(), cues, Some(models)).0)
}

/// The content ends the rules decide for the cues flagged in `cues`: the examples the end
/// model learns from.
pub fn end_points(doc: &Doc, lex: &Lexicon, cues: Vec<bool>) -> Vec<EndPoint> {
    run(doc, lex, cues, None).1 .1
}

/// The content starts the rules decide for the cues flagged in `cues`: the examples the
/// start model learns from.
pub fn start_points(doc: &Doc, lex: &Lexicon, cues: Vec<bool>) -> Vec<StartPoint> {
    run(doc, lex, cues, None).1 .0
}

/// The walk over the document's units: in each, a headline or a `Name ― "…"` line, else
/// every cue with its report (and the poll findings between), then the unit's passes; then
/// the document's. Returns the reports and every content start and end decided (the
/// models' training points).
fn run(
    doc: &Doc,
    lex: &Lexicon,
    cues: Vec<bool>,
    models: Option<(&StartModel, &EndModel)>,
) -> (Vec<Found>, (Vec<StartPoint>, Vec<EndPoint>)) {
    let cx = Ctx {
        doc,
        cues,
        lex,
        models,
        trace: Default::default(),
    };
    let mut out: Vec<Found> = Vec::new();
    let units = units(doc, &cx.cues);
    for (ui, &unit) in units.iter().enumerate() {
        let first_in_unit = out.len();
        let last_tok = cx.tok(unit.1 - 1);
        let title_like = doc.tokens[unit.0].para == 0
            || !matches!(last_tok, "." | "!" | "?" | "...") && !cx.is_quote_mark(unit.1 - 1);
        if title_like {
            if let Some(f) = headline(&cx, unit) {
                out.push(f);
                continue;
            }
        }
        if let Some(f) = name_dash_quote(&cx, unit) {
            out.push(f);
            continue;
        }
        let mut i = unit.0;
        while i < unit.1 {
            if !cx.is_cue(i, unit) {
                // (no cue of the model's, but a poll's finding)
                if let Some(f) = in_survey(&cx, unit, i) {
                    out.push(f);
                }
                i += 1;
                continue;
            }
            let head = i;
            let cs = cx.cue_start(head, unit);
            let ce = cx.cue_end(head, unit);
            i = ce;
            if let Some(mut f) = attribute(&cx, unit, head, cs, ce, first_in_unit, &out) {
                relative_gap(&cx, unit, &mut f);
                out.push(f);
            }
        }
        if let Some(f) = name_colon_quote(&cx, unit, &out[first_in_unit..]) {
            out.push(f);
        }
        continue_bare_quotation(&cx, unit, first_in_unit, &mut out);
        share_leading_source(&cx, unit, first_in_unit, &mut out);
        continue_into_next_unit(
            &cx,
            unit,
            units.get(ui + 1).copied(),
            first_in_unit,
            &mut out,
        );
    }
    copy_shared_sources(&mut out);
    for f in &mut out {
        f.content = split_at_paragraphs(doc, &f.content);
    }
    out.sort_by_key(|f| f.content.first().map(|s| s.start));
    (out, cx.trace.into_inner())
}
