//! The store, on a thread of its own: every read and write of a crawl goes through one
//! connection (SQLite or PostgreSQL, behind [`CrawlStore`]), one job at a time, so a
//! crawl's writes never contend with each other and each article is one transaction.

use std::path::Path;
use std::sync::mpsc;
use std::sync::Mutex;
use std::thread::JoinHandle;

use onrecord_store::{CrawlStore, Store};

/// The store a crawl drives.
pub(crate) type Backend = dyn CrawlStore;

type Job = Box<dyn FnOnce(&mut Backend) + Send>;

enum Msg {
    Job(Job),
    Stop,
}

/// A handle on the store thread. Cheap to share (`&Db` from every task).
pub(crate) struct Db {
    tx: mpsc::Sender<Msg>,
    thread: Mutex<Option<JoinHandle<()>>>,
}

/// The store thread has stopped (the crawl is closing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Closed;

impl Db {
    /// Open (creating or upgrading) the database at `path` on a new thread.
    pub(crate) fn open(path: &Path) -> Result<Db, onrecord_store::Error> {
        Db::start(Box::new(Store::open(path)?))
    }

    /// Run `store` on a new thread.
    pub(crate) fn start(mut store: Box<Backend>) -> Result<Db, onrecord_store::Error> {
        let (tx, rx) = mpsc::channel::<Msg>();
        let thread = std::thread::Builder::new()
            .name("onrecord-store".into())
            .spawn(move || {
                for msg in rx {
                    match msg {
                        Msg::Job(job) => job(store.as_mut()),
                        Msg::Stop => break,
                    }
                }
            })
            .map_err(|e| onrecord_store::Error::InvalidQuery(format!("cannot start: {e}")))?;
        Ok(Db {
            tx,
            thread: Mutex::new(Some(thread)),
        })
    }

    /// Run `f` on the store thread and wait for its result. A job once queued runs whole
    /// even if the caller stops waiting.
    pub(crate) async fn call<R: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Backend) -> R + Send + 'static,
    ) -> Result<R, Closed> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.tx
            .send(Msg::Job(Box::new(move |store| {
                let _ = tx.send(f(store));
            })))
            .map_err(|_| Closed)?;
        rx.await.map_err(|_| Closed)
    }

    /// Queue `f` on the store thread without waiting for it.
    pub(crate) fn send(&self, f: impl FnOnce(&mut Backend) + Send + 'static) {
        let _ = self.tx.send(Msg::Job(Box::new(f)));
    }

    /// Finish the jobs queued so far, then stop the thread and close the database.
    pub(crate) fn close(&self) {
        let _ = self.tx.send(Msg::Stop);
        if let Some(thread) = self.thread.lock().unwrap_or_else(|p| p.into_inner()).take() {
            let _ = thread.join();
        }
    }
}
