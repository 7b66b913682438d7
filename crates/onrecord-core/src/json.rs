//! The annotated-corpus JSONL record (see `docs/FORMAT.md`): what `onrecord extract` prints
//! and what the evaluation reads. All offsets are Unicode code points.

use serde_json::{json, Map, Value};

use crate::{Analysis, Article, CodePoints, Span};

/// What to put in an annotated record besides the required fields.
#[derive(Clone, Copy, Debug)]
pub struct AnnotatedOptions {
    /// Include the article text (makes each line self-contained).
    pub text: bool,
}

impl Default for AnnotatedOptions {
    fn default() -> Self {
        AnnotatedOptions { text: true }
    }
}

const QUOTE_MARKS: &[char] = &[
    '"', '\u{201c}', '\u{201d}', '\u{201e}', '\u{ab}', '\u{bb}', '\u{2018}',
];

/// One article and its analysis as an annotated-corpus record.
/// A confidence as JSON, to two decimals: an f32 widened to f64 would print
/// 0.8999999761581421.
pub fn confidence_json(c: f32) -> f64 {
    (f64::from(c) * 100.0).round() / 100.0
}

pub fn annotated_record(article: &Article, analysis: &Analysis, opts: AnnotatedOptions) -> Value {
    let text = &article.text;
    let cp = CodePoints::new(text);
    let spans = |v: &[Span]| -> Value {
        Value::from(v.iter().map(|s| cp.span(*s).to_vec()).collect::<Vec<_>>())
    };
    let attributions: Vec<Value> = analysis
        .attributions
        .iter()
        .map(|a| {
            let speaker = a.speaker.map(|i| &analysis.speakers[i]);
            let direct = a.content.iter().any(|s| s.text(text).contains(QUOTE_MARKS));
            let mut m = Map::new();
            m.insert("content".into(), spans(&a.content));
            m.insert("cue".into(), spans(&a.cue));
            m.insert("source".into(), spans(&a.source));
            m.insert(
                "speaker".into(),
                speaker
                    .map(|s| Value::from(s.name.clone()))
                    .unwrap_or(Value::Null),
            );
            m.insert(
                "date".into(),
                a.date
                    .map(|d| Value::from(d.to_string()))
                    .unwrap_or(Value::Null),
            );
            m.insert("direct".into(), Value::from(direct));
            m.insert("kind".into(), Value::from(a.kind.as_str()));
            if let Some(s) = speaker {
                m.insert("speaker_key".into(), Value::from(s.key.clone()));
            }
            if let Some(aud) = a.audience {
                m.insert(
                    "audience".into(),
                    json!({"span": cp.span(aud), "text": aud.text(text)}),
                );
            }
            if let Some(r) = a.resolution {
                m.insert("speaker_via".into(), Value::from(r.via.as_str()));
                m.insert(
                    "speaker_confidence".into(),
                    Value::from(crate::confidence_json(r.confidence)),
                );
            }
            if let Some(e) = a.echo {
                // the index of the statement said again, in this array
                let key = match e.kind {
                    crate::EchoKind::Repeat => "repeats",
                    crate::EchoKind::Restates => "restates",
                };
                m.insert(key.into(), Value::from(e.of));
            }
            if let Some(ev) = &a.date_evidence {
                m.insert(
                    "date_from".into(),
                    match ev {
                        crate::DayEvidence::Expression { span } => {
                            json!({"expression": cp.span(*span)})
                        }
                        crate::DayEvidence::Context { span } => json!({"context": cp.span(*span)}),
                        crate::DayEvidence::Published => json!("published"),
                        crate::DayEvidence::InferredPublished => json!("published_inferred"),
                        crate::DayEvidence::Habitual => json!("habitual"),
                    },
                );
            }
            Value::Object(m)
        })
        .collect();
    let speakers: Vec<Value> = analysis
        .speakers
        .iter()
        .map(|s| {
            json!({"name": s.name, "key": s.key, "kind": s.kind, "role": s.role,
                   "affiliation": s.affiliation, "variants": s.variants})
        })
        .collect();
    let timexes: Vec<Value> = analysis
        .timexes
        .iter()
        .map(|t| {
            let mut v = json!({"span": [cp.span(t.span)], "type": t.kind, "value": t.value});
            if let Some(m) = &t.modifier {
                v["mod"] = Value::from(m.clone());
            }
            v
        })
        .collect();
    let figures: Vec<Value> = analysis
        .figures
        .iter()
        .map(|f| {
            let one = |s: &Option<Span>| -> Value {
                Value::from(s.iter().map(|s| cp.span(*s).to_vec()).collect::<Vec<_>>())
            };
            let mut v = json!({
                "span": [cp.span(f.span)],
                "value": figure_value(f.value),
                "unit": f.unit,
                "bound": f.bound.as_str(),
                "subject": one(&f.subject),
                "source": one(&f.source),
            });
            if let Some(s) = f.speaker.and_then(|i| analysis.speakers.get(i)) {
                v["source_name"] = Value::from(s.name.clone());
                v["source_key"] = Value::from(s.key.clone());
            }
            if let Some(i) = f.statement {
                v["statement"] = Value::from(i);
            }
            if let Some(d) = f.date {
                v["date"] = Value::from(d.to_string());
            }
            v
        })
        .collect();
    let events: Vec<Value> = analysis
        .events
        .iter()
        .map(|e| {
            let entities = |v: &[crate::EventEntity]| -> Value {
                Value::from(
                    v.iter()
                        .map(|x| {
                            let text: Vec<&str> = x.span.iter().map(|s| s.text(text)).collect();
                            json!({
                                "span": spans(&x.span),
                                "country": x.country,
                                "sector": x.sector,
                                "text": text.join(" "),
                            })
                        })
                        .collect::<Vec<_>>(),
                )
            };
            let mut v = json!({
                "type": e.kind.as_str(),
                "actor": entities(&e.actors),
                "recipient": entities(&e.recipients),
                "trigger": [cp.span(e.trigger)],
                "standing": e.standing.as_str(),
                "sentence": e.sentence,
            });
            if let Some(mode) = &e.mode {
                v["mode"] = json!([mode]);
            }
            if !e.context.is_empty() {
                v["context"] = json!(e.context);
            }
            if let Some(i) = e.statement {
                v["statement"] = Value::from(i);
                // who says so: the statement's speaker
                let said = analysis.attributions.get(i).and_then(|a| a.speaker);
                if let Some(s) = said.and_then(|k| analysis.speakers.get(k)) {
                    v["source_name"] = Value::from(s.name.clone());
                    v["source_key"] = Value::from(s.key.clone());
                }
            }
            if let Some(d) = e.day {
                v["day"] = Value::from(d.to_string());
            }
            if let Some(place) = &e.location {
                v["location"] = entities(std::slice::from_ref(place))[0].clone();
            }
            if e.subordinate {
                v["subordinate"] = Value::from(true);
            }
            v
        })
        .collect();
    let mut m = Map::new();
    m.insert("id".into(), Value::from(article.id.clone()));
    if opts.text {
        m.insert("text".into(), Value::from(text.clone()));
    }
    // a publication day the input does not give is the one inferred from the text, marked
    // as such with its confidence and the expressions it rests on
    let inferred = analysis.inferred_day(article);
    m.insert(
        "published".into(),
        analysis
            .publication_day(article)
            .map(|d| Value::from(d.to_string()))
            .unwrap_or(Value::Null),
    );
    if let Some(i) = inferred {
        let evidence: Vec<[usize; 2]> = i.evidence.iter().map(|s| cp.span(*s)).collect();
        let mut o = json!({"confidence": confidence_json(i.confidence), "evidence": evidence});
        if let Some(name) = &i.named {
            o["named"] = Value::from(name.clone());
        }
        m.insert("published_inferred".into(), o);
    }
    if let Some(o) = &article.outlet {
        m.insert("outlet".into(), Value::from(o.clone()));
    }
    if let Some(t) = &article.title {
        m.insert("title".into(), Value::from(t.clone()));
    }
    if let Some(u) = &article.url {
        m.insert("url".into(), Value::from(u.clone()));
    }
    if !article.bylines.is_empty() {
        m.insert("byline".into(), Value::from(article.bylines.clone()));
    }
    if let Some(t) = &article.modified {
        m.insert("modified".into(), Value::from(t.clone()));
    }
    if let Some(l) = &article.language {
        m.insert("language".into(), Value::from(l.clone()));
    }
    if let Some(p) = &article.page {
        m.insert(
            "page".into(),
            serde_json::to_value(p).unwrap_or(Value::Null),
        );
    }
    if let Some(why) = &analysis.skipped {
        m.insert("skipped".into(), Value::from(why.clone()));
    }
    m.insert("attributions".into(), Value::from(attributions));
    m.insert("speakers".into(), Value::from(speakers));
    m.insert("timexes".into(), Value::from(timexes));
    m.insert("figures".into(), Value::from(figures));
    m.insert("events".into(), Value::from(events));
    Value::Object(m)
}

/// A figure's value as JSON: whole numbers without a fraction ("2899", not "2899.0"),
/// ranges as two ends.
fn figure_value(v: crate::FigureValue) -> Value {
    let num = |x: f64| -> Value {
        if x.fract() == 0.0 && x.abs() < 9.0e15 {
            Value::from(x as i64)
        } else {
            Value::from(x)
        }
    };
    match v {
        crate::FigureValue::One(x) => num(x),
        crate::FigureValue::Range(a, b) => Value::from(vec![num(a), num(b)]),
    }
}
