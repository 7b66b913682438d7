use serde::{Deserialize, Serialize};

use crate::{Article, Day, Span};

/// Everything the analysis found in one article. Produced by `onrecord_analysis::analyze`,
/// a pure function of the article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Paragraphs (blocks separated by blank lines or line breaks).
    pub paragraphs: Vec<Span>,
    /// Sentences, in text order; never crossing a paragraph boundary.
    pub sentences: Vec<Span>,
    /// Every attribution (statement) found, in text order of its content.
    pub attributions: Vec<Attribution>,
    /// The people and bodies that speak in this article, each once.
    pub speakers: Vec<Speaker>,
    /// Temporal expressions found, normalised as TIMEX3 against the publication day (the
    /// inferred one when the article gives none).
    pub timexes: Vec<Timex>,
    /// The publication day inferred from the text when the article gives none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_inferred: Option<InferredDay>,
    /// Figures (counts, amounts, shares, durations) the article states, each with who gives
    /// it, in text order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<Figure>,
    /// Events (PLOVER: who did what to whom) the sentences report, in text order, each
    /// linked to the statement that reports it when there is one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
    /// Why the article was not analysed (a language the analysis cannot read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
}

impl Analysis {
    /// The inferred publication day, when `article` (the one analysed) gives none: the input's
    /// day always wins.
    pub fn inferred_day(&self, article: &Article) -> Option<&InferredDay> {
        self.published_inferred
            .as_ref()
            .filter(|_| article.published.is_none())
    }

    /// The day `article` is filed under: the input's, else the inferred one.
    pub fn publication_day(&self, article: &Article) -> Option<Day> {
        article
            .published
            .or(self.inferred_day(article).map(|i| i.day))
    }
}

/// A publication day inferred from the text (datelines, dated captions, explicit dates,
/// weekday mentions) when the input gives none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InferredDay {
    pub day: Day,
    /// How sure the inference is, 0 to 1: 0.9 for a dated caption or dateline agreeing with
    /// the weekday the text reports, 0.6 for such a date alone; 0.7 for a date in the URL or
    /// identifier (0.85 with the text agreeing, 0.6 for a wire-style two-digit year). Nothing
    /// under 0.5 is inferred.
    pub confidence: f32,
    /// The expressions the day rests on.
    pub evidence: Vec<Span>,
    /// The article's URL or identifier when the date it writes is part of the evidence
    /// (`APW19980213.1310`, `…/2031/3/8/…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub named: Option<String>,
}

/// How the content of an attribution is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributionKind {
    /// The content is a quotation: `"…," he said.`
    Direct,
    /// Reported speech with quoted words inside: `said it had a "very serious" cost`.
    Mixed,
    /// Reported speech without quotation marks: `said Ankara was in contact with …`.
    Indirect,
    /// `according to X`.
    According,
    /// A headline of the form `Claim: Speaker`.
    Headline,
}

impl AttributionKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            AttributionKind::Direct => "direct",
            AttributionKind::Mixed => "mixed",
            AttributionKind::Indirect => "indirect",
            AttributionKind::According => "according",
            AttributionKind::Headline => "headline",
        }
    }
}

/// How a statement's day was decided, so a reader can check it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "from")]
pub enum DayEvidence {
    /// A time expression governing the cue ("said Saturday", "told … on Sunday").
    Expression { span: Span },
    /// Carried over from an earlier statement by the same speaker in the same scene.
    Context { span: Span },
    /// No time expression: a present- or plain-past report defaults to the publication day.
    Published,
    /// The same, when the publication day was inferred (the input gave none): only as good
    /// as [`Analysis::published_inferred`].
    InferredPublished,
    /// A habitual or long-standing report ("has long said", "frequently voiced", "said
    /// repeatedly"): made on many days, so it has none, and never the publication day.
    Habitual,
}

/// One statement: who said what, through which cue, when and to whom.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    pub kind: AttributionKind,
    /// What was said; several spans when the quote is split around the cue.
    pub content: Vec<Span>,
    /// The reporting words: "said", "told", "according to"; empty for headlines.
    pub cue: Vec<Span>,
    /// The local mention of the speaker: "he", "the spokesman", "Kalın"; empty when unnamed.
    pub source: Vec<Span>,
    /// Index into `Analysis::speakers` when the source was resolved to a named speaker.
    pub speaker: Option<usize>,
    /// The day the statement was made, when the text and publication day pin it down.
    pub date: Option<Day>,
    pub date_evidence: Option<DayEvidence>,
    /// Whom it was said to: "Al Jazeera", "reporters", "the Habertürk news channel".
    pub audience: Option<Span>,
    /// The statement this one repeats or restates (a headline printed twice, a subheadline
    /// the lede says in full), so that the record holds each statement once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub echo: Option<Echo>,
    /// How the speaker was found from the source mention, and how sure that is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<Resolution>,
}

/// How a statement's speaker was found, so a reader knows what to check.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Resolution {
    pub via: SpeakerVia,
    /// The share of speakers found this way that were right on the tuning half of the
    /// annotated development articles (see `onrecord_analysis::people`).
    pub confidence: f32,
}

/// The kind of mention a speaker was found from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerVia {
    /// A name as the speaker's fullest name gives it ("Ibrahim Kalın", "the Kremlin").
    Name,
    /// A surname or part of a name, matched to a fuller name ("Kalın", "Mrs. Roe").
    Surname,
    /// "he", "she", "it", "who".
    Pronoun,
    /// A description resolved by the role the speaker was given ("the spokesman").
    Role,
    /// A description resolved by salience: the body or person it most likely means
    /// ("the commission", "the campaign", "the official").
    Nominal,
}

impl SpeakerVia {
    pub fn as_str(&self) -> &'static str {
        match self {
            SpeakerVia::Name => "name",
            SpeakerVia::Surname => "surname",
            SpeakerVia::Pronoun => "pronoun",
            SpeakerVia::Role => "role",
            SpeakerVia::Nominal => "nominal",
        }
    }

    pub fn parse(s: &str) -> Option<SpeakerVia> {
        [
            SpeakerVia::Name,
            SpeakerVia::Surname,
            SpeakerVia::Pronoun,
            SpeakerVia::Role,
            SpeakerVia::Nominal,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

/// A pointer from an attribution to the statement it says again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Echo {
    /// Index into `Analysis::attributions` of the statement said again.
    pub of: usize,
    pub kind: EchoKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EchoKind {
    /// The same words by the same speaker, again: not a statement of its own.
    Repeat,
    /// A headline or subheadline that the body's statement `of` says in full.
    Restates,
}

impl Attribution {
    /// The first byte of the content (attributions are ordered by it).
    pub fn start(&self) -> usize {
        self.content.first().map(|s| s.start).unwrap_or(0)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerKind {
    Person,
    /// A government, agency, company, outlet, party: anything that speaks as a body.
    Body,
}

/// A person or body resolved within one article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// The fullest name the article gives ("Ibrahim Kalın").
    pub name: String,
    /// Identity key shared across articles: see [`crate::identity_key`].
    pub key: String,
    pub kind: SpeakerKind,
    /// Role or title as the article gives it ("Presidential Spokesman").
    pub role: Option<String>,
    /// Country or organisation the speaker belongs to ("Türkiye", "Kremlin").
    pub affiliation: Option<String>,
    /// Every surface form that named this speaker in the article, first seen first.
    pub variants: Vec<String>,
}

/// A figure: a quantity the text states as fact or claim ("at least 2,899 civilians",
/// "$3.5 billion", "43 percent"), with what is counted and who gives it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The number with its bound and measure words: "At least 2,899", "$3.5 billion".
    pub span: Span,
    pub value: FigureValue,
    /// Lower case: a currency code ("usd"), "percent", "points", a time unit ("years"), or
    /// the counted noun in the plural ("civilians").
    pub unit: String,
    pub bound: Bound,
    /// What is counted or measured: "civilians have been killed".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Span>,
    /// The local mention of who gives the figure: "the UN", "according to U.N. estimates".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Span>,
    /// Index into `Analysis::attributions` when the figure is part of a statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<usize>,
    /// Index into `Analysis::speakers` when the source was resolved to a named speaker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<usize>,
    /// The day the figure refers to, when the text fixes it ("as of Monday").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Day>,
}

/// A figure's value: one number, or the two ends of a range. Millions are expanded, shares
/// are percentages (a quarter = 25), cents are fractions of a dollar.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FigureValue {
    One(f64),
    Range(f64, f64),
}

/// How the text bounds a figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// No bound word, or "just", "only".
    Exact,
    /// "at least", "or more", "as few as".
    AtLeast,
    /// "more than", "over", "above", "-plus".
    MoreThan,
    /// "up to", "as many as", "or less".
    AtMost,
    /// "less than", "under", "fewer than".
    LessThan,
    /// "about", "nearly", "some", "roughly", "almost".
    About,
    /// "100-200", "55 to 65", "between X and Y".
    Range,
}

impl Bound {
    pub fn as_str(&self) -> &'static str {
        match self {
            Bound::Exact => "exact",
            Bound::AtLeast => "at_least",
            Bound::MoreThan => "more_than",
            Bound::AtMost => "at_most",
            Bound::LessThan => "less_than",
            Bound::About => "about",
            Bound::Range => "range",
        }
    }
}

/// An event in the sense of PLOVER v0.8: an actor does one of sixteen things to a
/// recipient ("Halvaria and Vardania agreed …", "police detained two reporters").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    #[serde(rename = "type")]
    pub kind: EventType,
    /// PLOVER's mode of the type, lower case ("phone", "visit", "aerial", "arrest").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// PLOVER contexts, lower case with underscores ("diplomatic", "human_rights").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub context: Vec<String>,
    /// The words that name the act: "met with", "shelled", "imposed sanctions".
    pub trigger: Span,
    /// Who acts: one entity, or several for a compound or reciprocal actor ("X and Y met").
    pub actors: Vec<EventEntity>,
    /// To whom; empty for reciprocal events and when the text names none.
    pub recipients: Vec<EventEntity>,
    /// Index into `Analysis::sentences` of the sentence that reports it.
    pub sentence: usize,
    /// Index into `Analysis::attributions` when the event is reported inside a statement's
    /// content ("… will meet Y on Sunday, Z said").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<usize>,
    pub standing: Standing,
    /// The day the text fixes for the event ("will call Putin on Sunday", "attacked on
    /// March 3"), from the time layer; `None` when the sentence names no day for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<Day>,
    /// Where it took place, when the clause says ("in Antalya"), with the place's country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<EventEntity>,
    /// Told in a clause below the sentence's main one (", killing …", "as … attacked",
    /// "which …"): a circumstance of the act the sentence reports, which coders of one
    /// event per sentence leave out.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub subordinate: bool,
}

/// An actor or recipient of an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventEntity {
    /// The words that name it (several pieces when split).
    pub span: Vec<Span>,
    /// ISO 3166 alpha-3, or one of PLOVER's codes for bodies without a country (UNO, EUR,
    /// IGO, NGO, ISM, IMG, MNC); `None` when the text does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// PLOVER sector: GOV, MIL, COP, REB, JUD, LEG, CVL, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
}

/// The sixteen PLOVER event types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EventType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

impl EventType {
    pub const ALL: [EventType; 16] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Concede,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Retreat,
        EventType::Request,
        EventType::Accuse,
        EventType::Reject,
        EventType::Threaten,
        EventType::Protest,
        EventType::Sanction,
        EventType::Mobilize,
        EventType::Coerce,
        EventType::Assault,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Request => "REQUEST",
            EventType::Accuse => "ACCUSE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Sanction => "SANCTION",
            EventType::Mobilize => "MOBILIZE",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
        }
    }

    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s))
    }
}

/// Where an event stands as the text reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Reported as done, by the narrator.
    Happened,
    /// Announced or planned: "will meet", "plans to withdraw".
    Planned,
    /// Asked or demanded of someone: "urged Y to withdraw".
    Requested,
    /// Offered or promised: "offered to broker".
    Offered,
    /// Denied or negated: "denied attacking", "did not meet".
    Denied,
    /// Reported as done by a speaker, inside a statement: "X said Y attacked".
    Claimed,
    /// Conditional or possible: "could attack", "if Y withdraws".
    Hypothetical,
}

impl Standing {
    pub fn as_str(&self) -> &'static str {
        match self {
            Standing::Happened => "happened",
            Standing::Planned => "planned",
            Standing::Requested => "requested",
            Standing::Offered => "offered",
            Standing::Denied => "denied",
            Standing::Claimed => "claimed",
            Standing::Hypothetical => "hypothetical",
        }
    }
}

/// TIMEX3 type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

/// A temporal expression normalised as TIMEX3.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    pub span: Span,
    #[serde(rename = "type")]
    pub kind: TimexType,
    pub value: String,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
}
