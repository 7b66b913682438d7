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

/// The learned data of the attribution stage: the cue lexicon, the cue detector and the
/// content-start and content-end models. A set is built in (the tables of `data/`); `onrecord
/// learn-cues` writes another as four tables ([`Models::FILES`]), which [`Models::from_tables`]
/// reads back, so that tables learned on a newsroom's own annotated copy (or on part of a corpus,
/// to score the rest) run without a rebuild.
#[derive(Clone, Debug)]
pub struct Models {
    pub lexicon: Lexicon,
    pub cues: cue::CueModel,
    pub starts: start::StartModel,
    pub ends: end::EndModel,
}

impl Models {
    /// The file names of the four tables, in the order of [`Models::tables`] and
    /// [`Models::from_tables`].
    pub const FILES: [&'static str; 4] = [
        "cues.tsv",
        "cue-model.tsv",
        "start-model.tsv",
        "end-model.tsv",
    ];

    /// The set compiled into the binary.
    pub fn builtin() -> &'static Models {
        static M: std::sync::OnceLock<Models> = std::sync::OnceLock::new();
        M.get_or_init(|| {
            Models::from_tables([
                crate::lexicon::BUILTIN,
                cue::BUILTIN,
                start::BUILTIN,
                end::BUILTIN,
            ])
            .expect("the built-in tables parse")
        })
    }

    /// The four tables as text, in the order of [`Models::FILES`].
    pub fn tables(&self) -> [String; 4] {
        [
            self.lexicon.to_tsv(),
            self.cues.to_tsv(),
            self.starts.to_tsv(),
            self.ends.to_tsv(),
        ]
    }

    /// Reads the four tables written by [`Models::tables`], in the order of
    /// [`Models::FILES`]. A lexicon without a cue word is refused (naming its file): it is not
    /// a table `learn-cues` wrote, and every statement would be lost without a word of warning.
    pub fn from_tables(tables: [&str; 4]) -> Result<Models, String> {
        let [lexicon, cues, starts, ends] = tables;
        let lexicon = Lexicon::parse(lexicon);
        if lexicon.is_empty() {
            return Err(format!("{}: no cue word in it", Models::FILES[0]));
        }
        Ok(Models {
            lexicon,
            cues: cue::CueModel::parse(cues),
            starts: start::StartModel::parse(starts),
            ends: end::EndModel::parse(ends),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_read_back_as_they_were_written() {
        let builtin = Models::builtin();
        let tables = builtin.tables();
        let again = Models::from_tables(tables.each_ref().map(String::as_str)).unwrap();
        assert_eq!(again.tables(), tables);
    }

    #[test]
    fn a_lexicon_without_cue_words_is_refused_by_name() {
        let err = Models::from_tables(["# nothing\n", "", "", ""]).unwrap_err();
        assert!(err.starts_with("cues.tsv"), "{err}");
    }
}
