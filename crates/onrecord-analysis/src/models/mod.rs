//! The learned models beside the attribution rules: the cue detector, and the models that
//! choose where a content after its cue starts and ends.
//!
//! | module | job |
//! |---|---|
//! | [`cue`] | does a word head a cue? an averaged perceptron over hashed context features |
//! | [`start`] | where a content after its cue starts: the rules' start or one of the next eight tokens |
//! | [`end`] | where a content stops: every possible end in its sentence, ranked |
//! | [`features`] | token, start and cue classes shared by the start and end models, and the trim of an end |
//! | `rank` | the learning machinery they share: hashed features, a fixed shuffle, weight tables, the ranking perceptron |
//!
//! The models never import [`crate::attrib`]: the rules use the models, and the start and end
//! models learn from the rules' decisions only through the [`Rules`] that
//! [`crate::learn`] hands them.

pub mod cue;
pub mod end;
pub(crate) mod features;
mod rank;
pub mod start;

use crate::lexicon::Lexicon;
use crate::text::Doc;

/// The rules' decisions a model learns to revise: for a document, the lexicon and its gold
/// cue heads flagged per token, every point where the rules started (or ended) a content.
pub type Rules<P> = fn(&Doc, &Lexicon, Vec<bool>) -> Vec<P>;
