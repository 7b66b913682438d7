//! What the commands ask of a record, whichever database holds it: this crate's SQLite
//! [`Store`], or PostgreSQL (`onrecord-pg`). Both build their rows with [`crate::records`]
//! and answer with the same row types, so a command is written once for both.

use onrecord_core::{Analysis, Article};

use crate::{Counts, Inserted, SpeakerQuery, SpeakerRow, StatementQuery, StatementRow, Store};

/// A database that holds the record: storing articles with their analyses, and the
/// queries of `onrecord quotes`, `speakers` and `status`.
pub trait RecordStore {
    type Error: std::error::Error + Send + Sync + 'static;

    /// Store one article in one transaction; idempotent by fingerprint.
    fn insert(&mut self, article: &Article, analysis: &Analysis) -> Result<Inserted, Self::Error>;

    /// Store a batch in one transaction, all or nothing.
    fn insert_batch(&mut self, items: &[(Article, Analysis)])
        -> Result<Vec<Inserted>, Self::Error>;

    /// Whether `error` refused an analysis that does not fit its article: nothing of the
    /// batch was stored, and its other articles may be stored one by one.
    fn refused(error: &Self::Error) -> bool;

    /// Statements matching `q`, by effective day (unknown last), article and position.
    fn statements(&mut self, q: &StatementQuery) -> Result<Vec<StatementRow>, Self::Error>;

    /// How many statements match `q`, ignoring its limit and offset.
    fn count_statements(&mut self, q: &StatementQuery) -> Result<u64, Self::Error>;

    /// Speakers matching `q`, most statements first.
    fn speakers(&mut self, q: &SpeakerQuery) -> Result<Vec<SpeakerRow>, Self::Error>;

    /// Articles, statements and speakers on record.
    fn counts(&mut self) -> Result<Counts, Self::Error>;
}

impl RecordStore for Store {
    type Error = crate::Error;

    fn insert(&mut self, article: &Article, analysis: &Analysis) -> crate::Result<Inserted> {
        Store::insert(self, article, analysis)
    }

    fn insert_batch(&mut self, items: &[(Article, Analysis)]) -> crate::Result<Vec<Inserted>> {
        Store::insert_batch(self, items)
    }

    fn refused(error: &crate::Error) -> bool {
        matches!(error, crate::Error::InvalidAnalysis { .. })
    }

    fn statements(&mut self, q: &StatementQuery) -> crate::Result<Vec<StatementRow>> {
        Store::statements(self, q)
    }

    fn count_statements(&mut self, q: &StatementQuery) -> crate::Result<u64> {
        Store::count_statements(self, q)
    }

    fn speakers(&mut self, q: &SpeakerQuery) -> crate::Result<Vec<SpeakerRow>> {
        Store::speakers(self, q)
    }

    fn counts(&mut self) -> crate::Result<Counts> {
        Store::counts(self)
    }
}
