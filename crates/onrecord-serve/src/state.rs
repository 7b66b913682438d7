//! What every handler shares: a small pool of read-only store connections, the optional
//! writer for `POST /api/v1/articles`, and the settings.
//!
//! SQLite calls block, so every store call runs on tokio's blocking pool, at most
//! [`MAX_READERS`] at a time (more would only queue on the two cores and the file).
//!
//! Readers are `Box<dyn ReadStore>` made by an [`Opener`]: SQLite's read-only `Store` by
//! default, or whatever the binary hands [`State::with_opener`] (PostgreSQL connections),
//! so that this crate depends on no other backend.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use onrecord_store::{Counts, OutletRow, ReadStore, SpeakerQuery, SpeakerRow, Store};
use tokio::sync::Semaphore;

use crate::error::AppError;

/// Store calls running at once; also the most read connections kept open.
const MAX_READERS: usize = 8;

/// What the start page and `/api/v1/stats` show about the whole record: a few aggregate
/// queries over every statement, so kept until the next ingest changes the data.
pub struct Summary {
    pub counts: Counts,
    pub outlets: Vec<OutletRow>,
    /// The most quoted speakers.
    pub top_speakers: Vec<SpeakerRow>,
}

/// How many most-quoted speakers [`Summary`] keeps.
const TOP_SPEAKERS: usize = 10;

/// Opens one more read connection to the record (called when every pooled one is busy).
pub type Opener = Box<dyn Fn() -> onrecord_store::Result<Box<dyn ReadStore>> + Send + Sync>;

/// The shared state behind every request.
pub struct State {
    opener: Opener,
    /// The backend's name when it is not SQLite: `POST /api/v1/articles` is not available
    /// there yet.
    pub(crate) foreign: Option<&'static str>,
    readers: Mutex<Vec<Box<dyn ReadStore>>>,
    permits: Semaphore,
    writer: Option<Mutex<Store>>,
    pub(crate) ingest_token: Option<String>,
    /// The folder of the WARC files written while fetching (see [`crate::Config::archive`]).
    pub(crate) archive: PathBuf,
    summary: Mutex<Option<CachedSummary>>,
}

/// A [`Summary`] with the store's change mark when it was made.
type CachedSummary = ((i64, i64), Arc<Summary>);

pub type AppState = Arc<State>;

impl State {
    /// Open the database: read-only, or also for writing when an ingest token is set (which
    /// creates the database if needed and upgrades its schema).
    pub fn open(db: PathBuf, ingest_token: Option<String>) -> onrecord_store::Result<State> {
        let writer = match &ingest_token {
            Some(_) => Some(Mutex::new(Store::open(&db)?)),
            None => None,
        };
        let archive = crate::default_archive_dir(&db);
        let opener: Opener = Box::new(move || {
            let s = Store::open_read_only(&db)?;
            s.tune_for_reading()?;
            Ok(Box::new(s) as Box<dyn ReadStore>)
        });
        let mut state = State::with_opener(opener)?;
        state.writer = writer;
        state.ingest_token = ingest_token;
        state.archive = archive;
        Ok(state)
    }

    /// A read-only server over the readers `opener` makes (another backend than SQLite):
    /// no ingest endpoint, no archive folder unless [`State::with_archive`] names one.
    /// Opens the first reader now, so that a missing or foreign database fails at start.
    pub fn with_opener(opener: Opener) -> onrecord_store::Result<State> {
        let first = opener()?;
        let backend = first.backend();
        Ok(State {
            foreign: (backend != "SQLite").then_some(backend),
            readers: Mutex::new(vec![first]),
            opener,
            permits: Semaphore::new(MAX_READERS),
            writer: None,
            ingest_token: None,
            archive: PathBuf::new(),
            summary: Mutex::new(None),
        })
    }

    /// Read archived copies of fetched pages from `dir` rather than from the database's
    /// default archive folder.
    pub fn with_archive(mut self, dir: PathBuf) -> State {
        self.archive = dir;
        self
    }

    pub fn read_only(&self) -> bool {
        self.writer.is_none()
    }

    /// Run `f` with a read-only connection on the blocking pool.
    pub(crate) async fn read<T, F>(self: &Arc<Self>, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn ReadStore) -> Result<T, AppError> + Send + 'static,
    {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| AppError::unavailable("the server is shutting down"))?;
        let state = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let pooled = state
                .readers
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .pop();
            let store = match pooled {
                Some(s) => s,
                None => (state.opener)().map_err(AppError::from)?,
            };
            let out = f(store.as_ref());
            let mut readers = state.readers.lock().unwrap_or_else(|e| e.into_inner());
            if readers.len() < MAX_READERS && !store.broken() {
                readers.push(store);
            }
            out
        })
        .await
        .map_err(|e| AppError::internal(format!("store task failed: {e}")))?
    }

    /// The [`Summary`], recomputed only when the data changed since it was made.
    pub(crate) fn summary(&self, store: &dyn ReadStore) -> Result<Arc<Summary>, AppError> {
        let mark = store.change_mark()?;
        if let Some((m, s)) = &*self.summary.lock().unwrap_or_else(|e| e.into_inner()) {
            if *m == mark {
                return Ok(Arc::clone(s));
            }
        }
        let fresh = Arc::new(Summary {
            counts: store.counts()?,
            outlets: store.outlets()?,
            top_speakers: store.speakers(&SpeakerQuery {
                limit: Some(TOP_SPEAKERS),
                ..SpeakerQuery::default()
            })?,
        });
        *self.summary.lock().unwrap_or_else(|e| e.into_inner()) = Some((mark, Arc::clone(&fresh)));
        Ok(fresh)
    }

    /// Run `f` with the writer on the blocking pool; None when the server is read-only.
    pub(crate) async fn write<T, F>(self: &Arc<Self>, f: F) -> Option<Result<T, AppError>>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, AppError> + Send + 'static,
    {
        self.writer.as_ref()?;
        let state = Arc::clone(self);
        let joined = tokio::task::spawn_blocking(move || {
            let writer = state.writer.as_ref().expect("checked above");
            let mut store = writer.lock().unwrap_or_else(|e| e.into_inner());
            f(&mut store)
        })
        .await;
        Some(joined.unwrap_or_else(|e| Err(AppError::internal(format!("store task failed: {e}")))))
    }
}
