//! The processes writing a record, for `onrecord status`: each `ingest` or `watch` on
//! PostgreSQL keeps a row in `workers` (schema step 4) up to date from a [`Heartbeat`]
//! thread on a connection of its own, so a worker busy in a long transaction still beats.
//! A worker whose heartbeat is older than [`LOST_AFTER`] without a clean stop was killed
//! (or lost its connection); its leases run out on their own.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::{PgStore, Result};

/// How often a worker beats.
pub const BEAT: Duration = Duration::from_secs(10);

/// A worker silent this long (and not stopped) counts as lost.
pub const LOST_AFTER: Duration = Duration::from_secs(60);

/// What a worker says between beats.
#[derive(Default)]
struct Said {
    doing: Option<String>,
    /// Errors since the last beat, and the newest.
    errors: i64,
    last_error: Option<String>,
}

/// This process's row in `workers`, beaten every [`BEAT`] until dropped (then marked
/// stopped). Cheap to share: errors and the current work are told through `&self`.
pub struct Heartbeat {
    said: Arc<Mutex<Said>>,
    stop: mpsc::Sender<()>,
    thread: Option<JoinHandle<()>>,
}

impl Heartbeat {
    /// Register worker `id` running `command` and start beating.
    pub fn start(url: &str, id: &str, command: &str) -> Result<Heartbeat> {
        let mut store = PgStore::connect(url)?;
        store.client.execute(
            "INSERT INTO workers (id, command) VALUES ($1, $2)
             ON CONFLICT (id) DO UPDATE SET command = excluded.command, heartbeat = now(),
                 stopped = NULL",
            &[&id, &command],
        )?;
        let said = Arc::new(Mutex::new(Said::default()));
        let (stop, stopped) = mpsc::channel::<()>();
        let (shared, id) = (said.clone(), id.to_string());
        let thread = std::thread::Builder::new()
            .name("onrecord-heartbeat".into())
            .spawn(move || loop {
                let done = !matches!(
                    stopped.recv_timeout(BEAT),
                    Err(mpsc::RecvTimeoutError::Timeout)
                );
                let said = std::mem::take(&mut *shared.lock().unwrap_or_else(|p| p.into_inner()));
                let _ = beat(&mut store, &id, &said, done);
                if let Some(doing) = said.doing {
                    shared
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .doing
                        .get_or_insert(doing);
                }
                if done {
                    return;
                }
            })
            .map_err(|e| {
                crate::Error::Store(onrecord_store::Error::InvalidQuery(format!(
                    "cannot start the heartbeat: {e}"
                )))
            })?;
        Ok(Heartbeat {
            said,
            stop,
            thread: Some(thread),
        })
    }

    /// What the worker works on now (shown by `status`).
    pub fn doing(&self, what: impl Into<String>) {
        self.said.lock().unwrap_or_else(|p| p.into_inner()).doing = Some(what.into());
    }

    /// An error the worker met (counted; the newest shown by `status`).
    pub fn error(&self, message: impl Into<String>) {
        let mut said = self.said.lock().unwrap_or_else(|p| p.into_inner());
        said.errors += 1;
        said.last_error = Some(message.into());
    }
}

impl Drop for Heartbeat {
    /// A last beat, marking the worker stopped.
    fn drop(&mut self) {
        let _ = self.stop.send(());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn beat(store: &mut PgStore, id: &str, said: &Said, stopped: bool) -> Result<()> {
    store.client.execute(
        "UPDATE workers SET heartbeat = now(),
             doing = coalesce($2, doing),
             errors = errors + $3,
             last_error = coalesce($4, last_error),
             last_error_at = CASE WHEN $4 IS NULL THEN last_error_at ELSE now() END,
             stopped = CASE WHEN $5 THEN now() END
         WHERE id = $1",
        &[&id, &said.doing, &said.errors, &said.last_error, &stopped],
    )?;
    Ok(())
}

/// A worker as `status` shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkerRow {
    pub id: String,
    pub command: String,
    /// `live`, `stopped` or `lost` (silent for [`LOST_AFTER`] without stopping).
    pub state: String,
    /// Seconds since its last heartbeat.
    pub silent_for: i64,
    pub doing: Option<String>,
    /// Watched sources it holds a lease on now.
    pub leases: i64,
    pub errors: i64,
    pub last_error: Option<String>,
}

/// The crawl queue: watched sources and entries waiting.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Queue {
    pub watched: i64,
    /// Due now (next poll passed or never polled).
    pub due: i64,
    /// Held by a worker now.
    pub leased: i64,
    /// Seconds until the next source is due (0: one is due; None: nothing watched).
    pub next_due_in: Option<i64>,
    /// Entries listed and not stored, still to try.
    pub pending_entries: i64,
}

/// An error as `status` lists it: when (UTC text), where, what.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorRow {
    pub at: String,
    pub what: String,
    pub message: String,
}

impl PgStore {
    /// Workers live, and those stopped or lost within `recent` (newest heartbeat first).
    pub fn workers(&mut self, recent: Duration) -> Result<Vec<WorkerRow>> {
        let rows = self.client.query(
            "SELECT w.id, w.command,
                    CASE WHEN w.stopped IS NOT NULL THEN 'stopped'
                         WHEN w.heartbeat < now() - make_interval(secs => $2::int8) THEN 'lost'
                         ELSE 'live' END,
                    extract(epoch FROM now() - w.heartbeat)::int8, w.doing,
                    (SELECT count(*) FROM sources s
                     WHERE s.lease_holder = w.id AND s.lease_until > now()),
                    w.errors, w.last_error
             FROM workers w
             WHERE w.heartbeat > now() - make_interval(secs => $1::int8)
                OR (w.stopped IS NULL AND w.heartbeat > now() - make_interval(secs => $2::int8))
             ORDER BY w.heartbeat DESC, w.id",
            &[&(recent.as_secs() as i64), &(LOST_AFTER.as_secs() as i64)],
        )?;
        Ok(rows
            .iter()
            .map(|r| WorkerRow {
                id: r.get(0),
                command: r.get(1),
                state: r.get(2),
                silent_for: r.get(3),
                doing: r.get(4),
                leases: r.get(5),
                errors: r.get(6),
                last_error: r.get(7),
            })
            .collect())
    }

    /// The crawl queue; entries that failed `max_attempts` times are not counted.
    pub fn queue(&mut self, max_attempts: u32) -> Result<Queue> {
        let r = self.client.query_one(
            "SELECT count(*),
                    count(*) FILTER (WHERE next_poll IS NULL OR next_poll <= now()),
                    count(*) FILTER (WHERE lease_until > now()),
                    CASE WHEN count(*) > 0 THEN
                        extract(epoch FROM greatest(min(coalesce(next_poll, now())) - now(),
                                                    interval '0'))::int8 END,
                    (SELECT count(*) FROM source_entries e
                     WHERE NOT e.stored AND e.attempts < $1::int4
                       AND NOT EXISTS (SELECT 1 FROM sources c
                                       WHERE c.url = e.url AND c.parent = e.source))
             FROM sources WHERE watched",
            &[&(max_attempts.min(i32::MAX as u32) as i32)],
        )?;
        Ok(Queue {
            watched: r.get(0),
            due: r.get(1),
            leased: r.get(2),
            next_due_in: r.get(3),
            pending_entries: r.get(4),
        })
    }

    /// The newest `limit` errors of sources, pages and workers.
    pub fn last_errors(&mut self, limit: i64) -> Result<Vec<ErrorRow>> {
        let rows = self.client.query(
            "SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), what, message
             FROM (SELECT last_polled AS at, 'source ' || url AS what, last_error AS message
                   FROM sources WHERE last_error IS NOT NULL AND last_polled IS NOT NULL
                   UNION ALL
                   SELECT last_fetched, 'page ' || url, last_error
                   FROM pages WHERE last_error IS NOT NULL AND last_fetched IS NOT NULL
                   UNION ALL
                   SELECT last_error_at, 'worker ' || id, last_error
                   FROM workers WHERE last_error IS NOT NULL AND last_error_at IS NOT NULL) e
             ORDER BY at DESC, what LIMIT $1",
            &[&limit],
        )?;
        Ok(rows
            .iter()
            .map(|r| ErrorRow {
                at: r.get(0),
                what: r.get(1),
                message: r.get(2),
            })
            .collect())
    }
}
