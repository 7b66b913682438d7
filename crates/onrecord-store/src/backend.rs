//! What the commands ask of a record, whichever database holds it: this crate's SQLite
//! [`Store`], or PostgreSQL (`onrecord-pg`). Both build their rows with [`crate::records`]
//! and answer with the same row types, so a command is written once for both.

use std::ops::ControlFlow;

use onrecord_core::{Analysis, Article};

use crate::{
    ArticleRow, Counts, EventCount, EventQuery, EventRow, FigureQuery, FigureRow, Inserted,
    SpeakerQuery, SpeakerRow, StatementQuery, StatementRow, Store,
};

/// A database that holds the record: storing articles with their analyses, the queries of
/// `onrecord quotes`, `speakers`, `figures`, `events` and `status`, and the row streams of
/// `onrecord export`.
///
/// The `each_*` methods hand rows to `f` one at a time as the database reads them, so that
/// memory stays flat on a record of any size; `f` answers [`ControlFlow::Break`] to stop
/// early (the method then returns `Ok`).
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

    /// Figures of current articles matching `q`, oldest first (unknown days last), then by
    /// article and position: a history reads top to bottom.
    fn figures(&mut self, q: &FigureQuery) -> Result<Vec<FigureRow>, Self::Error>;

    /// How many figures match `q`, ignoring its limit and offset.
    fn count_figures(&mut self, q: &FigureQuery) -> Result<u64, Self::Error>;

    /// Events of current articles matching `q` (denied ones only when asked for), oldest
    /// first, then by article and position.
    fn events(&mut self, q: &EventQuery) -> Result<Vec<EventRow>, Self::Error>;

    /// How many events match `q`, ignoring its limit and offset.
    fn count_events(&mut self, q: &EventQuery) -> Result<u64, Self::Error>;

    /// Events matching `q` counted by month of their effective day and type, oldest month
    /// first: the cells of a dyad's timeline.
    fn event_months(&mut self, q: &EventQuery) -> Result<Vec<EventCount>, Self::Error>;

    /// Every statement matching `q`, in the order of [`RecordStore::statements`].
    fn each_statement(
        &mut self,
        q: &StatementQuery,
        f: &mut dyn FnMut(StatementRow) -> ControlFlow<()>,
    ) -> Result<(), Self::Error>;

    /// Every figure matching `q`, in the order of [`RecordStore::figures`].
    fn each_figure(
        &mut self,
        q: &FigureQuery,
        f: &mut dyn FnMut(FigureRow) -> ControlFlow<()>,
    ) -> Result<(), Self::Error>;

    /// Every event matching `q`, in the order of [`RecordStore::events`].
    fn each_event(
        &mut self,
        q: &EventQuery,
        f: &mut dyn FnMut(EventRow) -> ControlFlow<()>,
    ) -> Result<(), Self::Error>;

    /// Every stored article, every version, in ingest order.
    fn each_article(
        &mut self,
        f: &mut dyn FnMut(ArticleRow) -> ControlFlow<()>,
    ) -> Result<(), Self::Error>;
}

/// Run a SQLite `each_*` reader with a callback that may stop: a break travels as a
/// sentinel error and comes back as `Ok`.
fn until_break<R>(
    read: impl FnOnce(&mut dyn FnMut(R) -> crate::Result<()>) -> crate::Result<()>,
    f: &mut dyn FnMut(R) -> ControlFlow<()>,
) -> crate::Result<()> {
    let mut stopped = false;
    let result = read(&mut |row| match f(row) {
        ControlFlow::Continue(()) => Ok(()),
        ControlFlow::Break(()) => {
            stopped = true;
            Err(crate::Error::InvalidQuery("stopped".into()))
        }
    });
    match result {
        Err(_) if stopped => Ok(()),
        other => other,
    }
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

    fn figures(&mut self, q: &FigureQuery) -> crate::Result<Vec<FigureRow>> {
        Store::figures(self, q)
    }

    fn count_figures(&mut self, q: &FigureQuery) -> crate::Result<u64> {
        Store::count_figures(self, q)
    }

    fn events(&mut self, q: &EventQuery) -> crate::Result<Vec<EventRow>> {
        Store::events(self, q)
    }

    fn count_events(&mut self, q: &EventQuery) -> crate::Result<u64> {
        Store::count_events(self, q)
    }

    fn event_months(&mut self, q: &EventQuery) -> crate::Result<Vec<EventCount>> {
        Store::event_months(self, q)
    }

    fn each_statement(
        &mut self,
        q: &StatementQuery,
        f: &mut dyn FnMut(StatementRow) -> ControlFlow<()>,
    ) -> crate::Result<()> {
        until_break(|g| Store::each_statement(self, q, g), f)
    }

    fn each_figure(
        &mut self,
        q: &FigureQuery,
        f: &mut dyn FnMut(FigureRow) -> ControlFlow<()>,
    ) -> crate::Result<()> {
        until_break(|g| Store::each_figure(self, q, g), f)
    }

    fn each_event(
        &mut self,
        q: &EventQuery,
        f: &mut dyn FnMut(EventRow) -> ControlFlow<()>,
    ) -> crate::Result<()> {
        until_break(|g| Store::each_event(self, q, g), f)
    }

    fn each_article(
        &mut self,
        f: &mut dyn FnMut(ArticleRow) -> ControlFlow<()>,
    ) -> crate::Result<()> {
        until_break(|g| Store::each_article(self, g), f)
    }
}
