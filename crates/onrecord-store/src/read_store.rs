//! What the web server (`onrecord-serve`) reads of a record, whichever database holds it:
//! the SQLite [`Store`] here, or PostgreSQL (`onrecord-pg`). The server keeps a pool of
//! `Box<dyn ReadStore>` made by an opener the binary gives it, so that it never depends on
//! a backend crate, and every backend answers with the same row types and the same errors
//! ([`crate::Error::InvalidQuery`] for a cursor of another query, [`crate::Error::NotAvailable`]
//! for what it does not answer yet).
//!
//! Methods take `&self`: one value is one connection, used by one request at a time (it is
//! `Send`, not shared), as SQLite's `Store` is.

use crate::{
    ArticlePage, ArticleQuery, ArticleRow, ArticleVersion, Bucket, Counts, EventCount, EventQuery,
    EventRow, FigureQuery, FigureRow, OutletRow, Result, SearchPage, SearchQuery, SpeakerQuery,
    SpeakerRow, StatementRow, Store, TimelinePoint,
};

/// The read queries of `onrecord serve` (see [`Store`]'s methods of the same names for what
/// each answers).
pub trait ReadStore: Send {
    /// The database's kind, for messages ("SQLite", "PostgreSQL").
    fn backend(&self) -> &'static str;
    /// Whether the connection is lost for good (a server that went away), so that the pool
    /// drops it rather than handing it out again.
    fn broken(&self) -> bool {
        false
    }
    fn search(&self, q: &SearchQuery) -> Result<SearchPage>;
    fn count_search(&self, q: &SearchQuery) -> Result<u64>;
    /// The number of matches of `q`, whose page is `page`: the page itself when, read from
    /// the start, it holds them all, else a count query (the costlier part of a search on a
    /// large record).
    fn search_total(&self, page: &SearchPage, q: &SearchQuery) -> Result<u64> {
        match page.total_when_whole(q) {
            Some(n) => Ok(n),
            None => self.count_search(q),
        }
    }
    fn speaker(&self, id: i64) -> Result<Option<SpeakerRow>>;
    fn speakers(&self, q: &SpeakerQuery) -> Result<Vec<SpeakerRow>>;
    fn speakers_named(&self, text: &str, limit: usize) -> Result<Vec<SpeakerRow>>;
    fn speaker_timeline(&self, id: i64, bucket: Bucket) -> Result<Vec<TimelinePoint>>;
    fn article(&self, row: i64) -> Result<Option<ArticleRow>>;
    fn article_statements(&self, row: i64) -> Result<Vec<StatementRow>>;
    fn article_versions(&self, external_id: &str) -> Result<Vec<ArticleVersion>>;
    fn articles(&self, q: &ArticleQuery) -> Result<ArticlePage>;
    fn outlets(&self) -> Result<Vec<OutletRow>>;
    fn counts(&self) -> Result<Counts>;
    fn change_mark(&self) -> Result<(i64, i64)>;
    fn figures(&self, q: &FigureQuery) -> Result<Vec<FigureRow>>;
    fn count_figures(&self, q: &FigureQuery) -> Result<u64>;
    fn article_figures(&self, row: i64) -> Result<Vec<FigureRow>>;
    fn events(&self, q: &EventQuery) -> Result<Vec<EventRow>>;
    fn count_events(&self, q: &EventQuery) -> Result<u64>;
    fn event_months(&self, q: &EventQuery) -> Result<Vec<EventCount>>;
    fn article_events(&self, row: i64) -> Result<Vec<EventRow>>;
}

impl ReadStore for Store {
    fn backend(&self) -> &'static str {
        "SQLite"
    }
    fn search(&self, q: &SearchQuery) -> Result<SearchPage> {
        Store::search(self, q)
    }
    fn count_search(&self, q: &SearchQuery) -> Result<u64> {
        Store::count_search(self, q)
    }
    fn speaker(&self, id: i64) -> Result<Option<SpeakerRow>> {
        Store::speaker(self, id)
    }
    fn speakers(&self, q: &SpeakerQuery) -> Result<Vec<SpeakerRow>> {
        Store::speakers(self, q)
    }
    fn speakers_named(&self, text: &str, limit: usize) -> Result<Vec<SpeakerRow>> {
        Store::speakers_named(self, text, limit)
    }
    fn speaker_timeline(&self, id: i64, bucket: Bucket) -> Result<Vec<TimelinePoint>> {
        Store::speaker_timeline(self, id, bucket)
    }
    fn article(&self, row: i64) -> Result<Option<ArticleRow>> {
        Store::article(self, row)
    }
    fn article_statements(&self, row: i64) -> Result<Vec<StatementRow>> {
        Store::article_statements(self, row)
    }
    fn article_versions(&self, external_id: &str) -> Result<Vec<ArticleVersion>> {
        Store::article_versions(self, external_id)
    }
    fn articles(&self, q: &ArticleQuery) -> Result<ArticlePage> {
        Store::articles(self, q)
    }
    fn outlets(&self) -> Result<Vec<OutletRow>> {
        Store::outlets(self)
    }
    fn counts(&self) -> Result<Counts> {
        Store::counts(self)
    }
    fn change_mark(&self) -> Result<(i64, i64)> {
        Store::change_mark(self)
    }
    fn figures(&self, q: &FigureQuery) -> Result<Vec<FigureRow>> {
        Store::figures(self, q)
    }
    fn count_figures(&self, q: &FigureQuery) -> Result<u64> {
        Store::count_figures(self, q)
    }
    fn article_figures(&self, row: i64) -> Result<Vec<FigureRow>> {
        Store::article_figures(self, row)
    }
    fn events(&self, q: &EventQuery) -> Result<Vec<EventRow>> {
        Store::events(self, q)
    }
    fn count_events(&self, q: &EventQuery) -> Result<u64> {
        Store::count_events(self, q)
    }
    fn event_months(&self, q: &EventQuery) -> Result<Vec<EventCount>> {
        Store::event_months(self, q)
    }
    fn article_events(&self, row: i64) -> Result<Vec<EventRow>> {
        Store::article_events(self, row)
    }
}
