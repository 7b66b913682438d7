//! The JSON shapes of the API (documented in `openapi.json`; a test keeps them in step).

use onrecord_core::{Day, PageFacts};
use onrecord_store::{
    ArticleRow, ArticleSummary, ArticleVersion, OutletRow, SearchHit, SpeakerRef, SpeakerRow,
    StatementRow, TimelinePoint,
};
use serde::Serialize;

use crate::changes::{Pair, Paragraph};
use crate::days;
use crate::versions::Compared;

#[derive(Serialize)]
pub struct SpeakerRefJson {
    pub id: i64,
    pub name: String,
    pub key: String,
    pub kind: &'static str,
    pub role: Option<String>,
    pub affiliation: Option<String>,
}

impl From<&SpeakerRef> for SpeakerRefJson {
    fn from(s: &SpeakerRef) -> Self {
        SpeakerRefJson {
            id: s.id,
            name: s.name.clone(),
            key: s.key.clone(),
            kind: days::kind(s.kind),
            role: s.role.clone(),
            affiliation: s.affiliation.clone(),
        }
    }
}

#[derive(Serialize)]
pub struct ArticleRefJson {
    pub id: i64,
    pub external_id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_inferred: Option<f64>,
}

impl ArticleRefJson {
    /// The article a statement or figure comes from.
    pub fn from_statement_article(a: &onrecord_store::StatementArticle) -> ArticleRefJson {
        ArticleRefJson {
            id: a.row,
            external_id: a.id.clone(),
            title: a.title.clone(),
            outlet: a.outlet.clone(),
            url: a.url.clone(),
            published: day(a.published),
            published_inferred: confidence(a.published_confidence),
        }
    }
}

/// One statement. `article` is omitted inside an article's own listing.
#[derive(Serialize)]
pub struct StatementJson {
    pub id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<ArticleRefJson>,
    pub position: usize,
    pub speaker: Option<SpeakerRefJson>,
    pub kind: &'static str,
    pub content: String,
    pub content_spans: Vec<[usize; 2]>,
    pub cue: Option<String>,
    pub source: Option<String>,
    pub audience: Option<String>,
    pub day: Option<String>,
    pub day_from: Option<String>,
    pub effective_day: Option<String>,
    pub weekday: Option<&'static str>,
    /// This headline or subheadline is said in full by that statement (its id).
    pub restates: Option<i64>,
    /// How the speaker was found: name, surname, pronoun, role or nominal.
    pub speaker_via: Option<String>,
    /// The measured share of speakers found that way that are right.
    pub speaker_confidence: Option<f64>,
    /// Relevance when ranked by words (higher is better), else null.
    pub score: Option<f64>,
}

/// An optional confidence as JSON, to two decimals.
fn confidence(c: Option<f32>) -> Option<f64> {
    c.map(onrecord_core::confidence_json)
}

fn day(d: Option<Day>) -> Option<String> {
    d.map(|d| d.to_string())
}

impl StatementJson {
    pub fn new(r: &StatementRow, with_article: bool, rank: Option<f64>) -> StatementJson {
        StatementJson {
            id: r.id,
            article: with_article.then(|| ArticleRefJson::from_statement_article(&r.article)),
            position: r.position,
            speaker: r.speaker.as_ref().map(SpeakerRefJson::from),
            kind: r.kind.as_str(),
            content: r.content.clone(),
            content_spans: r.content_spans.clone(),
            cue: r.cue.clone(),
            source: r.source.clone(),
            audience: r.audience.clone(),
            day: day(r.day),
            day_from: r.day_from.clone(),
            effective_day: day(r.effective_day),
            weekday: r.effective_day.map(days::weekday),
            restates: r.restates,
            speaker_via: r.speaker_via.clone(),
            speaker_confidence: confidence(r.speaker_confidence),
            // bm25 is lower-is-better; flip it so that higher is better
            score: rank.map(|s| if s == 0.0 { 0.0 } else { -s }),
        }
    }

    pub fn hit(h: &SearchHit) -> StatementJson {
        StatementJson::new(&h.statement, true, h.rank)
    }
}

#[derive(Serialize)]
pub struct StatementList {
    pub statements: Vec<StatementJson>,
    pub total: u64,
    pub next: Option<String>,
}

#[derive(Serialize)]
pub struct VariantJson {
    pub text: String,
    pub count: u64,
}

#[derive(Serialize)]
pub struct SpeakerJson {
    pub id: i64,
    pub name: String,
    pub key: String,
    pub kind: &'static str,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub variants: Vec<VariantJson>,
    pub statements: u64,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
}

impl From<&SpeakerRow> for SpeakerJson {
    fn from(s: &SpeakerRow) -> Self {
        SpeakerJson {
            id: s.id,
            name: s.name.clone(),
            key: s.key.clone(),
            kind: days::kind(s.kind),
            role: s.role.clone(),
            affiliation: s.affiliation.clone(),
            variants: s
                .variants
                .iter()
                .map(|v| VariantJson {
                    text: v.text.clone(),
                    count: v.count,
                })
                .collect(),
            statements: s.statements,
            first_day: day(s.first_day),
            last_day: day(s.last_day),
        }
    }
}

#[derive(Serialize)]
pub struct SpeakerList {
    pub speakers: Vec<SpeakerJson>,
    pub next: Option<String>,
}

#[derive(Serialize)]
pub struct PointJson {
    pub day: String,
    pub statements: u64,
}

impl From<&TimelinePoint> for PointJson {
    fn from(p: &TimelinePoint) -> Self {
        PointJson {
            day: p.day.to_string(),
            statements: p.statements,
        }
    }
}

#[derive(Serialize)]
pub struct TimelineJson {
    pub by: &'static str,
    pub points: Vec<PointJson>,
    /// Statements without any day (not on the timeline).
    pub undated: u64,
}

#[derive(Serialize)]
pub struct SpeakerDetail {
    #[serde(flatten)]
    pub speaker: SpeakerJson,
    pub timeline: TimelineJson,
}

#[derive(Serialize)]
pub struct ArticleSummaryJson {
    pub id: i64,
    pub external_id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_inferred: Option<f64>,
    pub byline: Vec<String>,
    pub version: u32,
    pub statements: u64,
}

impl From<&ArticleSummary> for ArticleSummaryJson {
    fn from(a: &ArticleSummary) -> Self {
        ArticleSummaryJson {
            id: a.row,
            external_id: a.id.clone(),
            title: a.title.clone(),
            outlet: a.outlet.clone(),
            url: a.url.clone(),
            published: day(a.published),
            published_inferred: confidence(a.published_confidence),
            byline: a.bylines.clone(),
            version: a.version,
            statements: a.statements,
        }
    }
}

#[derive(Serialize)]
pub struct ArticleList {
    pub articles: Vec<ArticleSummaryJson>,
    pub next: Option<String>,
}

#[derive(Serialize)]
pub struct ArticleDetail {
    pub id: i64,
    pub external_id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_inferred: Option<f64>,
    pub ingested_at: String,
    pub byline: Vec<String>,
    pub modified: Option<String>,
    pub language: Option<String>,
    pub page: Option<PageJson>,
    pub version: u32,
    pub superseded_by: Option<i64>,
    /// Why the article was not analysed (a language the analysis cannot read).
    pub skipped: Option<String>,
    pub text: String,
    pub statements: Vec<StatementJson>,
}

/// What a web page said about itself (`Article::page`), with a link to the archived copy.
#[derive(Serialize)]
pub struct PageJson {
    pub published_time: Option<String>,
    pub published_from: Option<String>,
    pub modified_from: Option<String>,
    pub language_from: Option<String>,
    pub captions: Vec<String>,
    pub charset: Option<String>,
    pub fetched: Option<String>,
    pub archive: Option<ArchiveJson>,
}

#[derive(Serialize)]
pub struct ArchiveJson {
    pub file: String,
    pub offset: u64,
    pub record_id: Option<String>,
    /// The page showing the archived copy.
    pub href: String,
    /// The archived response's body alone.
    pub raw_href: String,
}

impl PageJson {
    pub fn new(row: i64, p: &PageFacts) -> PageJson {
        PageJson {
            published_time: p.published_time.clone(),
            published_from: p.published_from.clone(),
            modified_from: p.modified_from.clone(),
            language_from: p.language_from.clone(),
            captions: p.captions.clone(),
            charset: p.charset.clone(),
            fetched: p.fetched.clone(),
            archive: p.archive.as_ref().map(|a| ArchiveJson {
                file: a.file.clone(),
                offset: a.offset,
                record_id: (!a.record_id.is_empty()).then(|| a.record_id.clone()),
                href: format!("/articles/{row}/archived"),
                raw_href: format!("/articles/{row}/archived/raw"),
            }),
        }
    }
}

impl ArticleDetail {
    pub fn new(
        a: &ArticleRow,
        statements: &[StatementRow],
        skipped: Option<String>,
    ) -> ArticleDetail {
        ArticleDetail {
            id: a.row,
            external_id: a.article.id.clone(),
            title: a.article.title.clone(),
            outlet: a.article.outlet.clone(),
            url: a.article.url.clone(),
            published: day(a.published),
            published_inferred: confidence(a.published_confidence),
            ingested_at: a.ingested_at.clone(),
            byline: a.article.bylines.clone(),
            modified: a.article.modified.clone(),
            language: a.article.language.clone(),
            page: a.article.page.as_deref().map(|p| PageJson::new(a.row, p)),
            version: a.version,
            superseded_by: a.superseded_by,
            skipped,
            text: a.article.text.clone(),
            statements: statements
                .iter()
                .map(|s| StatementJson::new(s, false, None))
                .collect(),
        }
    }
}

#[derive(Serialize)]
pub struct OutletJson {
    pub name: String,
    pub articles: u64,
    pub statements: u64,
}

impl From<&OutletRow> for OutletJson {
    fn from(o: &OutletRow) -> Self {
        OutletJson {
            name: o.name.clone(),
            articles: o.articles,
            statements: o.statements,
        }
    }
}

#[derive(Serialize)]
pub struct Stats {
    pub articles: u64,
    pub statements: u64,
    pub speakers: u64,
    pub outlets: Vec<OutletJson>,
    pub read_only: bool,
}

#[derive(Serialize)]
pub struct Ingested {
    pub id: i64,
    pub external_id: String,
    pub created: bool,
    pub statements: u64,
    /// What was left out of the record (e.g. a publication day that is not a date).
    pub warnings: Vec<String>,
}

/// One version of a page.
#[derive(Serialize)]
pub struct VersionJson {
    pub id: i64,
    pub version: u32,
    pub fetched: Option<String>,
    pub ingested_at: String,
    pub statements: u64,
    pub current: bool,
    pub superseded_by: Option<i64>,
}

impl From<&ArticleVersion> for VersionJson {
    fn from(v: &ArticleVersion) -> Self {
        VersionJson {
            id: v.row,
            version: v.version,
            fetched: v.fetched.clone(),
            ingested_at: v.ingested_at.clone(),
            statements: v.statements,
            current: v.superseded_by.is_none(),
            superseded_by: v.superseded_by,
        }
    }
}

#[derive(Serialize)]
pub struct ArticleVersions {
    pub id: i64,
    pub external_id: String,
    /// The row of the current version.
    pub current: Option<i64>,
    pub versions: Vec<VersionJson>,
}

#[derive(Serialize)]
pub struct VersionRefJson {
    pub id: i64,
    pub version: u32,
}

/// A statement of one version matched with one of the other.
#[derive(Serialize)]
pub struct ChangedJson {
    pub before: StatementJson,
    pub after: StatementJson,
    pub similarity: f64,
}

#[derive(Serialize)]
pub struct ParagraphJson {
    pub text: String,
    pub label: Option<&'static str>,
}

impl From<&Paragraph> for ParagraphJson {
    fn from(p: &Paragraph) -> Self {
        ParagraphJson {
            text: p.text.clone(),
            label: p.label.map(|l| l.as_str()),
        }
    }
}

/// What changed in a version against an earlier one (`from`; null for a first version,
/// which has nothing to compare with).
#[derive(Serialize)]
pub struct ArticleChanges {
    pub id: i64,
    pub version: u32,
    pub from: Option<VersionRefJson>,
    pub unchanged: u64,
    pub added: Vec<StatementJson>,
    pub removed: Vec<StatementJson>,
    pub reworded: Vec<ChangedJson>,
    pub reattributed: Vec<ChangedJson>,
    pub appended: Vec<ParagraphJson>,
    pub notes: Vec<ParagraphJson>,
}

impl ArticleChanges {
    pub fn new(a: &ArticleRow, compared: Option<&Compared>) -> ArticleChanges {
        let mut out = ArticleChanges {
            id: a.row,
            version: a.version,
            from: None,
            unchanged: 0,
            added: Vec::new(),
            removed: Vec::new(),
            reworded: Vec::new(),
            reattributed: Vec::new(),
            appended: Vec::new(),
            notes: Vec::new(),
        };
        let Some(c) = compared else { return out };
        let st = |r: &StatementRow| StatementJson::new(r, false, None);
        let pair = |p: &Pair| ChangedJson {
            before: st(&c.old[p.old]),
            after: st(&c.new[p.new]),
            similarity: (p.similarity * 100.0).round() / 100.0,
        };
        out.from = Some(VersionRefJson {
            id: c.from.row,
            version: c.from.version,
        });
        out.unchanged = c.changes.unchanged.len() as u64;
        out.added = c.changes.added.iter().map(|&i| st(&c.new[i])).collect();
        out.removed = c.changes.removed.iter().map(|&i| st(&c.old[i])).collect();
        out.reworded = c.changes.reworded.iter().map(pair).collect();
        out.reattributed = c.changes.reattributed.iter().map(pair).collect();
        out.appended = c.changes.appended.iter().map(ParagraphJson::from).collect();
        out.notes = c.changes.notes.iter().map(ParagraphJson::from).collect();
        out
    }
}
