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

use crate::cuemodel::CueModel;
use crate::endmodel::{EndModel, EndPoint};
use crate::lexicon::Lexicon;
use crate::startmodel::{StartModel, StartPoint};
use crate::text::{Doc, TokKind};

use contents::split_at_paragraphs;
use passes::settle;
use report::attribute;
use shapes::{headline, in_survey, name_dash_quote};
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
        self.doc.tokens[a].span.cover(&self.doc.tokens[b - 1].span)
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
            if let Some(f) = attribute(&cx, unit, head, cs, ce, first_in_unit, &out) {
                out.push(f);
            }
        }
        // `"…," said Roe, a clerk. She has lived here for years. "…"`: a bare quotation later
        // in the paragraph, past sentences without quotes of their own, still continues the
        // last direct quotation
        if out.len() == first_in_unit && cx.is_quote_mark(unit.0) {
            if let Some(qi) = doc.quote_at(doc.tokens[unit.0].span.start) {
                let q = doc.quotes[qi];
                let para = doc.tokens[unit.0].para;
                let bare = q.span.start == doc.tokens[unit.0].span.start
                    && q.closed
                    && !(unit.0..unit.1).any(|j| {
                        doc.tokens[j].span.start >= q.span.end
                            && doc.tokens[j].kind != TokKind::Punct
                            && doc.tokens[j].kind != TokKind::Quote
                    });
                let taken = out
                    .iter()
                    .any(|f| f.content.iter().any(|c| c.contains(q.span.start)));
                let last = out.iter_mut().rev().find(|f| !f.content.is_empty());
                if let Some(f) = last.filter(|_| bare && !taken) {
                    let end = f.content.last().unwrap().end;
                    let between = Span::new(end.min(q.span.start), q.span.start);
                    if f.kind == AttributionKind::Direct
                        && doc.tokens[f.cue_tok].para == para
                        && f.source.is_some()
                        && !between
                            .text(doc.text)
                            .contains(crate::text::is_double_quote)
                    {
                        f.content.push(q.span);
                    }
                }
            }
        }
        // a leading participle ("Citing …, Kalin said") takes the next source in its unit
        for k in first_in_unit..out.len() {
            // (a question put to the subject, "Asked whether …, Kalin said", is not theirs)
            if out[k].source.is_none()
                && out[k].shares_source_of.is_none()
                && cx.low(out[k].cue_tok) != "asked"
            {
                if let Some(n) = (k + 1..out.len()).find(|&n| out[n].source.is_some()) {
                    if out[k].cue_tok < out[n].cue_tok
                        && doc.tokens[out[k].cue_tok].span.start == doc.tokens[unit.0].span.start
                    {
                        out[k].shares_source_of = Some(out[n].cue_tok);
                    }
                }
            }
        }
        // `"…," he said. "…"`: the next unit, a bare quotation, continues this one
        // (`"…," he said, referring to the plan. "…"`: past participles sharing its source)
        let mut li = out.len();
        while li > first_in_unit + 1 && out[li - 1].shares_source_of.is_some() {
            li -= 1;
        }
        // (`"…," said Morgan, who has been challenging X. "…"`: a clause inside the source's
        // appositive, its content unquoted, does not stand between the two quotations)
        while li > first_in_unit + 1
            && out[li - 1].kind == AttributionKind::Indirect
            && out[li - 2]
                .source
                .is_some_and(|(_, se)| se <= out[li - 1].cue_tok && out[li - 2].cue_tok < se)
        {
            li -= 1;
        }
        let last = (li > first_in_unit).then(|| &out[li - 1]);
        if let (Some(last), Some(&next)) = (last, units.get(ui + 1)) {
            let same_para = doc.tokens[next.0].para == doc.tokens[unit.1 - 1].para;
            let direct_before = last.kind == AttributionKind::Direct
                && last.content.len() == 1
                && last.content[0].start < doc.tokens[last.cue_tok].span.start;
            if direct_before
                && cx.is_quote_mark(next.0)
                && !(next.0..next.1).any(|j| cx.is_cue(j, next))
            {
                if let Some(qi) = doc.quote_at(doc.tokens[next.0].span.start) {
                    let q = doc.quotes[qi];
                    // (a quotation standing as the whole next paragraph also continues it)
                    let para = doc.paragraphs[doc.tokens[next.0].para as usize];
                    let whole_para = doc.tokens[next.0].span.start == para.start
                        && q.span.end <= para.end
                        && doc.text[q.span.end..para.end].trim().is_empty()
                        && doc.tokens[next.0].para == doc.tokens[unit.1 - 1].para + 1
                        && doc.text[doc.tokens[unit.1 - 1].span.end..].starts_with(['\n', '\r']);
                    // (the quotation is the whole unit: `“…” workers.` goes on past it)
                    let bare = !(next.0..next.1).any(|j| {
                        doc.tokens[j].span.start >= q.span.end
                            && doc.tokens[j].kind != TokKind::Punct
                            && doc.tokens[j].kind != TokKind::Quote
                    });
                    if (same_para || whole_para) && bare {
                        out[li - 1].content.push(q.span);
                    } else if same_para {
                        if let Some(sp) = cx.content_span(next.0, next.1) {
                            out[li - 1].content.push(sp);
                        }
                    }
                }
            }
        }
    }
    // a shared source is the same mention: copy it (twice, for chains in either direction)
    for _ in 0..2 {
        for k in 0..out.len() {
            if let (None, Some(cue)) = (out[k].source, out[k].shares_source_of) {
                out[k].source = out.iter().find(|f| f.cue_tok == cue).and_then(|f| f.source);
            }
        }
    }
    out.retain(|f| f.source.is_some() || f.shares_source_of.is_none());
    for f in &mut out {
        f.content = split_at_paragraphs(doc, &f.content);
    }
    out.sort_by_key(|f| f.content.first().map(|s| s.start));
    (out, cx.trace.into_inner())
}
