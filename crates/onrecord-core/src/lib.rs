//! The document model shared by every onrecord stage.
//!
//! An [`Article`] is what ingest produces and analysis reads; an [`Analysis`] is what the
//! analysis produces and the store, printers and evaluation read. Spans are byte offsets into
//! `Article::text` internally (fast slicing); [`CodePoints`] converts them to the Unicode
//! code-point offsets that every JSON output uses (see `docs/FORMAT.md`).

mod analysis;
mod article;
mod identity;
mod json;
mod span;

pub use analysis::{
    Analysis, Attribution, AttributionKind, Bound, DayEvidence, Echo, EchoKind, Event, EventEntity,
    EventType, Figure, FigureValue, InferredDay, Resolution, Speaker, SpeakerKind, SpeakerVia,
    Standing, Timex, TimexType,
};
pub use article::{ArchiveRef, Article, Origin, PageFacts};
pub use identity::{fold, identity_key, surname_key};
pub use json::{annotated_record, confidence_json, AnnotatedOptions};
pub use span::{CodePoints, Span};

/// Calendar day used throughout onrecord (no time of day, no zone).
pub type Day = chrono::NaiveDate;
