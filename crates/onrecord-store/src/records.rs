//! The rows an article and its analysis become, whatever database holds them.
//!
//! Both backends (this crate's SQLite store and `onrecord-pg`) store the same record: these
//! pure functions decide what goes in each row (joined content, code-point spans, effective
//! days, party keys, the order speakers are resolved in), and each backend only binds them.
//! Speakers are referred to by their index in [`Analysis::speakers`]; a backend maps the
//! index to its own speaker row once identities are resolved.

use crate::{Error, Result};
use onrecord_core::{
    fold, identity_key, Analysis, Article, Attribution, AttributionKind, CodePoints, Day,
    DayEvidence, Echo, EchoKind, EventEntity, FigureValue, Span, SpeakerKind,
};

/// Separator between the pieces of a split quotation (and of split cues or sources).
pub const GAP: &str = " … ";

/// The `articles` row of an article (without the backend's row id, version and times).
#[derive(Clone, Debug)]
pub struct ArticleRecord<'a> {
    pub fingerprint: String,
    pub external_id: &'a str,
    pub title: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub outlet_folded: Option<String>,
    pub url: Option<&'a str>,
    /// The input's publication day, else the one the analysis inferred.
    pub published: Option<Day>,
    /// Set when `published` was inferred: its confidence.
    pub published_confidence: Option<f64>,
    pub text: &'a str,
    pub origin: &'a str,
    pub origin_line: Option<i64>,
    /// JSON array of names, when there are any.
    pub bylines: Option<String>,
    pub modified: Option<&'a str>,
    pub language: Option<&'a str>,
    /// JSON of the page facts, for articles read from HTML.
    pub page: Option<String>,
}

impl<'a> ArticleRecord<'a> {
    pub fn new(article: &'a Article, analysis: &Analysis) -> ArticleRecord<'a> {
        ArticleRecord {
            fingerprint: article.fingerprint(),
            external_id: &article.id,
            title: article.title.as_deref(),
            outlet: article.outlet.as_deref(),
            outlet_folded: article.outlet.as_deref().map(fold),
            url: article.url.as_deref(),
            published: analysis.publication_day(article),
            published_confidence: analysis
                .inferred_day(article)
                .map(|i| f64::from(i.confidence)),
            text: &article.text,
            origin: &article.origin.path,
            origin_line: article.origin.line.map(|l| l as i64),
            bylines: (!article.bylines.is_empty())
                .then(|| serde_json::to_string(&article.bylines).expect("names serialize")),
            modified: article.modified.as_deref(),
            language: article.language.as_deref(),
            page: article
                .page
                .as_ref()
                .map(|p| serde_json::to_string(p).expect("page facts serialize")),
        }
    }
}

/// A speaker of the article, ready for identity resolution.
#[derive(Clone, Debug, PartialEq)]
pub struct SpeakerRecord<'a> {
    /// Index in [`Analysis::speakers`].
    pub index: usize,
    /// [`identity_key`] of the speaker's key (else of its name); never empty.
    pub key: String,
    /// The last word of `key`.
    pub surname: String,
    /// Words in `key`.
    pub words: i64,
    pub kind: SpeakerKind,
    pub name: &'a str,
    /// Each spelling (trimmed, not folding to nothing), and whether it is the name the
    /// article gave (`Speaker::name`) rather than another variant.
    pub spellings: Vec<(&'a str, bool)>,
    pub role: Option<&'a str>,
    pub affiliation: Option<&'a str>,
}

/// The article's named speakers in the order identities are resolved: full names first, so
/// that a surname-only mention in the same article finds its full name instead of being
/// created and merged at once. Speakers whose key folds to nothing are left out.
pub fn speaker_records(analysis: &Analysis) -> Vec<SpeakerRecord<'_>> {
    let mut out: Vec<SpeakerRecord> = analysis
        .speakers
        .iter()
        .enumerate()
        .filter_map(|(index, s)| {
            let raw = if s.key.trim().is_empty() {
                &s.name
            } else {
                &s.key
            };
            let key = identity_key(raw);
            if key.is_empty() {
                return None;
            }
            let spellings = std::iter::once(&s.name)
                .chain(&s.variants)
                .enumerate()
                .map(|(i, v)| (v.trim(), i == 0))
                .filter(|(v, _)| !v.is_empty() && !fold(v).is_empty())
                .collect();
            Some(SpeakerRecord {
                index,
                surname: key.rsplit(' ').next().unwrap_or(&key).to_string(),
                words: key.split(' ').count() as i64,
                key,
                kind: s.kind,
                name: s.name.trim(),
                spellings,
                role: nonempty(&s.role),
                affiliation: nonempty(&s.affiliation),
            })
        })
        .collect();
    // stable: among full names (and among the others) the analysis's order stays
    out.sort_by_key(|s| !s.key.contains(' '));
    out
}

/// A stored spelling of a speaker's name, as [`canonical_name`] weighs it.
#[derive(Clone, Debug)]
pub struct Spelling {
    pub text: String,
    /// Articles that gave it as the speaker's name.
    pub named: u64,
    /// Articles that used it at all.
    pub count: u64,
}

/// The display name among a speaker's spellings: see the crate docs ("Identities").
pub fn canonical_name(kind: SpeakerKind, spellings: &[Spelling]) -> Option<&str> {
    let words = |v: &str| {
        let f = fold(v);
        let f = f.strip_prefix("the ").unwrap_or(&f);
        f.split(' ').filter(|w| !w.is_empty()).count()
    };
    let native = |v: &str| {
        v.chars()
            .filter(|c| !c.is_ascii() && c.is_alphabetic())
            .count()
    };
    let any_named = spellings.iter().any(|s| s.named > 0);
    let candidates: Vec<&Spelling> = spellings
        .iter()
        .filter(|s| !any_named || s.named > 0)
        .collect();
    let full_only = kind == SpeakerKind::Person && candidates.iter().any(|s| words(&s.text) > 1);
    candidates
        .into_iter()
        .filter(|s| !full_only || words(&s.text) > 1)
        .max_by(|a, b| {
            (a.named, a.count)
                .cmp(&(b.named, b.count))
                .then(native(&a.text).cmp(&native(&b.text)))
                .then(words(&a.text).cmp(&words(&b.text)))
                .then(a.text.len().cmp(&b.text.len()))
                .then(b.text.cmp(&a.text)) // finally the alphabetically first, for determinism
        })
        .map(|s| s.text.as_str())
}

/// Check that every span lies on character boundaries inside the text and every speaker
/// index exists, so that storing can neither panic nor store nonsense.
pub fn validate(article: &Article, analysis: &Analysis) -> Result<()> {
    let text = &article.text;
    let invalid = |message: String| Error::InvalidAnalysis {
        article: article.id.clone(),
        origin: article.origin.to_string(),
        message,
    };
    let check = |what: &str, s: &Span| -> Result<()> {
        if s.start > s.end
            || s.end > text.len()
            || !text.is_char_boundary(s.start)
            || !text.is_char_boundary(s.end)
        {
            return Err(invalid(format!(
                "{what} span {}..{} does not fit the text ({} bytes)",
                s.start,
                s.end,
                text.len()
            )));
        }
        Ok(())
    };
    for (i, a) in analysis.attributions.iter().enumerate() {
        for s in &a.content {
            check(&format!("attribution {i}: content"), s)?;
        }
        for s in &a.cue {
            check(&format!("attribution {i}: cue"), s)?;
        }
        for s in &a.source {
            check(&format!("attribution {i}: source"), s)?;
        }
        if let Some(s) = &a.audience {
            check(&format!("attribution {i}: audience"), s)?;
        }
        if let Some(sp) = a.speaker {
            if sp >= analysis.speakers.len() {
                return Err(invalid(format!(
                    "attribution {i}: speaker {sp} out of range ({} speakers)",
                    analysis.speakers.len()
                )));
            }
        }
    }
    for (i, f) in analysis.figures.iter().enumerate() {
        for s in std::iter::once(&f.span).chain(&f.subject).chain(&f.source) {
            check(&format!("figure {i}:"), s)?;
        }
        if f.speaker.is_some_and(|sp| sp >= analysis.speakers.len())
            || f.statement
                .is_some_and(|st| st >= analysis.attributions.len())
        {
            return Err(invalid(format!(
                "figure {i}: speaker or statement out of range"
            )));
        }
    }
    for (i, ev) in analysis.events.iter().enumerate() {
        check(&format!("event {i}: trigger"), &ev.trigger)?;
        for p in ev.actors.iter().chain(&ev.recipients) {
            for s in &p.span {
                check(&format!("event {i}: party"), s)?;
            }
        }
        if ev
            .statement
            .is_some_and(|st| st >= analysis.attributions.len())
        {
            return Err(invalid(format!("event {i}: statement out of range")));
        }
    }
    Ok(())
}

/// The stored name of a speaker kind.
pub fn speaker_kind_name(kind: SpeakerKind) -> &'static str {
    match kind {
        SpeakerKind::Person => "person",
        SpeakerKind::Body => "body",
    }
}

/// The speaker kind of a stored name (a person unless `body`).
pub fn speaker_kind_from_name(text: &str) -> SpeakerKind {
    match text {
        "body" => SpeakerKind::Body,
        _ => SpeakerKind::Person,
    }
}

/// The attribution kind of a stored name ([`AttributionKind::as_str`]).
pub fn attribution_kind_from_name(text: &str) -> AttributionKind {
    match text {
        "direct" => AttributionKind::Direct,
        "mixed" => AttributionKind::Mixed,
        "according" => AttributionKind::According,
        "headline" => AttributionKind::Headline,
        _ => AttributionKind::Indirect,
    }
}

/// A trimmed value, unless empty.
fn nonempty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// One stored statement.
#[derive(Clone, Debug)]
pub struct StatementRecord {
    /// Index in [`Analysis::attributions`].
    pub position: i64,
    /// Index in [`Analysis::speakers`].
    pub speaker: Option<usize>,
    pub kind: &'static str,
    /// The content spans' text joined with [`GAP`].
    pub content: String,
    pub content_folded: String,
    /// JSON `[[start, end], …]` in code points.
    pub spans: String,
    pub cue: Option<String>,
    pub source: Option<String>,
    pub audience: Option<String>,
    pub day: Option<Day>,
    /// How the day was found: `expression`, `context`, `published`, `published_inferred`
    /// or `habitual`.
    pub day_from: Option<&'static str>,
    /// The day, else the article's publication day; none for a habitual report.
    pub effective_day: Option<Day>,
    /// The position of the statement this headline restates.
    pub restates: Option<i64>,
    pub speaker_via: Option<&'static str>,
    pub speaker_confidence: Option<f64>,
}

/// The statements of an article. The same words by the same speaker again (an
/// [`EchoKind::Repeat`]) are one statement, stored once.
pub fn statement_records(
    article: &Article,
    analysis: &Analysis,
    cp: &CodePoints,
) -> Vec<StatementRecord> {
    let text = &article.text;
    let published = analysis.publication_day(article);
    let join = |spans: &[Span]| -> Option<String> {
        let parts: Vec<&str> = spans
            .iter()
            .map(|s| s.text(text).trim())
            .filter(|t| !t.is_empty())
            .collect();
        (!parts.is_empty()).then(|| parts.join(GAP))
    };
    analysis
        .attributions
        .iter()
        .enumerate()
        .filter_map(|(position, a)| {
            let restates = match a.echo {
                Some(Echo {
                    kind: EchoKind::Repeat,
                    ..
                }) => return None,
                Some(Echo {
                    kind: EchoKind::Restates,
                    of,
                }) => Some(of as i64),
                None => None,
            };
            let content = join(&a.content).unwrap_or_default();
            let spans: Vec<[usize; 2]> = a.content.iter().map(|s| cp.span(*s)).collect();
            let day_from = a.date_evidence.as_ref().map(|e| match e {
                DayEvidence::Expression { .. } => "expression",
                DayEvidence::Context { .. } => "context",
                DayEvidence::Published => "published",
                DayEvidence::InferredPublished => "published_inferred",
                DayEvidence::Habitual => "habitual",
            });
            // a habitual report was made on many days: it takes none, not even the article's
            let effective = match a.date_evidence {
                Some(DayEvidence::Habitual) => None,
                _ => a.date.or(published),
            };
            Some(StatementRecord {
                position: position as i64,
                speaker: a.speaker,
                kind: a.kind.as_str(),
                content_folded: fold(&content),
                content,
                spans: serde_json::to_string(&spans).expect("spans serialize"),
                cue: join(&a.cue),
                source: join(&a.source),
                audience: a.audience.map(|s| s.text(text).trim().to_string()),
                day: a.date,
                day_from,
                effective_day: effective,
                restates,
                speaker_via: a.resolution.map(|r| r.via.as_str()),
                speaker_confidence: a
                    .resolution
                    .map(|r| onrecord_core::confidence_json(r.confidence)),
            })
        })
        .collect()
}

/// The statement stored for statement `i`: the first saying when `i` repeats one.
pub fn first_saying(analysis: &Analysis, i: usize) -> usize {
    match analysis.attributions[i].echo {
        Some(Echo {
            kind: EchoKind::Repeat,
            of,
        }) => of,
        _ => i,
    }
}

/// The day a statement was made, unless it is a habitual claim (which has none).
pub fn said_day(a: &Attribution) -> Option<Day> {
    match a.date_evidence {
        Some(DayEvidence::Habitual) => None,
        _ => a.date,
    }
}

/// One stored figure.
#[derive(Clone, Debug)]
pub struct FigureRecord {
    pub position: i64,
    /// The figure as written.
    pub text: String,
    /// JSON `[start, end]` in code points.
    pub span: String,
    /// The value, or a range's lower end.
    pub value: f64,
    /// A range's upper end.
    pub value_high: Option<f64>,
    pub unit: String,
    pub bound: &'static str,
    pub subject: Option<String>,
    pub subject_folded: Option<String>,
    pub source: Option<String>,
    /// Index in [`Analysis::speakers`].
    pub speaker: Option<usize>,
    /// Position of the statement the figure is part of (its first saying).
    pub statement: Option<i64>,
    pub day: Option<Day>,
    /// The day, else its statement's, else the publication day.
    pub effective_day: Option<Day>,
}

/// The figures of an article. A figure in a statement repeated in the article points to the
/// statement stored (the first saying).
pub fn figure_records(
    article: &Article,
    analysis: &Analysis,
    cp: &CodePoints,
) -> Vec<FigureRecord> {
    let text = &article.text;
    let published = analysis.publication_day(article);
    analysis
        .figures
        .iter()
        .enumerate()
        .map(|(position, f)| {
            let (value, value_high) = match f.value {
                FigureValue::One(v) => (v, None),
                FigureValue::Range(a, b) => (a, Some(b)),
            };
            let statement = f.statement.map(|i| first_saying(analysis, i));
            let stated = statement.and_then(|i| said_day(&analysis.attributions[i]));
            let subject = f.subject.map(|s| s.text(text).trim().to_string());
            FigureRecord {
                position: position as i64,
                text: f.span.text(text).to_string(),
                span: serde_json::to_string(&cp.span(f.span)).expect("span serializes"),
                value,
                value_high,
                unit: f.unit.clone(),
                bound: f.bound.as_str(),
                subject_folded: subject.as_deref().map(fold),
                subject,
                source: f.source.map(|s| s.text(text).trim().to_string()),
                speaker: f.speaker,
                statement: statement.map(|i| i as i64),
                day: f.date,
                effective_day: f.date.or(stated).or(published),
            }
        })
        .collect()
}

/// One stored event.
#[derive(Clone, Debug)]
pub struct EventRecord {
    pub position: i64,
    /// PLOVER type.
    pub kind: &'static str,
    pub mode: Option<String>,
    /// PLOVER contexts, space-separated.
    pub context: Option<String>,
    /// The words that name the act.
    pub trigger: String,
    /// JSON `[start, end]` of the trigger, in code points.
    pub span: String,
    /// The reporting sentence, in code points.
    pub sentence: [usize; 2],
    /// JSON `[{text, spans, country, sector}]`.
    pub actors: String,
    pub recipients: String,
    /// Each party's folded words and `#codes`, parties separated by `|`, for filters.
    pub actor_keys: String,
    pub recipient_keys: String,
    /// JSON `{text, spans, country, sector}` of the place.
    pub location: Option<String>,
    pub standing: &'static str,
    /// Index in [`Analysis::speakers`]: who says so.
    pub speaker: Option<usize>,
    /// Position of the statement the event is reported in (its first saying).
    pub statement: Option<i64>,
    pub day: Option<Day>,
    /// The day, else its statement's, else the publication day.
    pub effective_day: Option<Day>,
}

/// The events of an article, with who says so.
pub fn event_records(article: &Article, analysis: &Analysis, cp: &CodePoints) -> Vec<EventRecord> {
    let text = &article.text;
    let published = analysis.publication_day(article);
    let parties = |v: &[EventEntity]| -> (String, String) {
        let json: Vec<serde_json::Value> = v
            .iter()
            .map(|p| {
                let words: Vec<&str> = p.span.iter().map(|s| s.text(text)).collect();
                serde_json::json!({
                    "text": words.join(" "),
                    "spans": p.span.iter().map(|s| cp.span(*s)).collect::<Vec<_>>(),
                    "country": p.country,
                    "sector": p.sector,
                })
            })
            .collect();
        let mut keys = String::from(" ");
        for p in v {
            for s in &p.span {
                keys.push_str(&fold(s.text(text)));
                keys.push(' ');
            }
            for code in p.country.iter().chain(&p.sector) {
                keys.push('#');
                keys.push_str(&code.to_ascii_lowercase());
                keys.push(' ');
            }
            // a gap between parties, so that words match within one party only
            keys.push_str("| ");
        }
        (serde_json::Value::from(json).to_string(), keys)
    };
    analysis
        .events
        .iter()
        .enumerate()
        .map(|(position, ev)| {
            let statement = ev.statement.map(|i| first_saying(analysis, i));
            let said = statement.and_then(|i| analysis.attributions.get(i));
            let sentence = analysis
                .sentences
                .get(ev.sentence)
                .copied()
                .unwrap_or(ev.trigger);
            let (actors, actor_keys) = parties(&ev.actors);
            let (recipients, recipient_keys) = parties(&ev.recipients);
            EventRecord {
                position: position as i64,
                kind: ev.kind.as_str(),
                mode: ev.mode.clone(),
                context: (!ev.context.is_empty()).then(|| ev.context.join(" ")),
                trigger: ev.trigger.text(text).to_string(),
                span: serde_json::to_string(&cp.span(ev.trigger)).expect("span serializes"),
                sentence: cp.span(sentence),
                actors,
                recipients,
                actor_keys,
                recipient_keys,
                location: ev
                    .location
                    .as_ref()
                    .map(|p| parties(std::slice::from_ref(p)).0),
                standing: ev.standing.as_str(),
                speaker: said.and_then(|a| a.speaker),
                statement: statement.map(|i| i as i64),
                day: ev.day,
                effective_day: ev.day.or(said.and_then(said_day)).or(published),
            }
        })
        .collect()
}
