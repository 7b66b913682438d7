//! Per-host pacing: one request at a time to a host, and a pause after each.
//!
//! Each host has a slot: an async mutex (FIFO, so waiting tasks take turns in arrival order)
//! around the earliest time the next request may start. A request holds the slot from its start
//! until its body is read, and on release the slot's time moves to `now + interval`. So the gap
//! the server sees between two requests is at least the interval, measured from the end of one
//! response, whatever the latency — the politest reading of "one request per second".
//!
//! Why not `governor`: its GCRA quotas answer "N per period with bursts", while we need "one at
//! a time, then wait", an interval that changes per host when robots.txt says `Crawl-delay`, and
//! a way to push a host back when it answers `Retry-After`. A map of slots does all three in a
//! few lines, with no extra dependency.
//!
//! The map only grows (one small entry per host seen), which is fine for a crawl over thousands
//! of hosts; a `Fetcher` is cheap to rebuild for a fresh one.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{Mutex as AsyncMutex, OwnedMutexGuard};
use tokio::time::Instant;

#[derive(Debug, Default)]
struct HostState {
    /// Earliest start of the next request; `None` before the first.
    next_allowed: Option<Instant>,
    /// robots.txt `Crawl-delay`, once known.
    crawl_delay: Option<Duration>,
    /// When the last request ended, so that a crawl delay learned later (from the robots.txt
    /// request itself) still counts from there.
    last_end: Option<Instant>,
}

#[derive(Debug)]
pub(crate) struct Pacer {
    base_interval: Duration,
    hosts: Mutex<HashMap<String, Arc<AsyncMutex<HostState>>>>,
}

/// The right to send one request to a host now. Dropping it (also when the future holding it is
/// cancelled mid-request) releases the host and starts its pause.
pub(crate) struct Permit {
    guard: OwnedMutexGuard<HostState>,
    interval: Duration,
    /// A later start asked for by the server (`Retry-After`) or by back-off.
    not_before: Option<Instant>,
}

impl Pacer {
    pub(crate) fn new(base_interval: Duration) -> Pacer {
        Pacer {
            base_interval,
            hosts: Mutex::new(HashMap::new()),
        }
    }

    fn slot(&self, host: &str) -> Arc<AsyncMutex<HostState>> {
        // The std mutex is held only for the map lookup, never across an await.
        let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        hosts.entry(host.to_string()).or_default().clone()
    }

    /// Waits for the host's turn, then for its pause to end.
    ///
    /// Cancel-safe: dropped while queued, nothing changed; dropped while pausing, the slot is
    /// released with its time unchanged.
    pub(crate) async fn acquire(&self, host: &str) -> Permit {
        let guard = self.slot(host).lock_owned().await;
        if let Some(at) = guard.next_allowed {
            tokio::time::sleep_until(at).await;
        }
        let interval = self
            .base_interval
            .max(guard.crawl_delay.unwrap_or_default());
        Permit {
            guard,
            interval,
            not_before: None,
        }
    }

    /// Records a robots.txt `Crawl-delay`; from the next release on, the host's pause is the
    /// larger of it and the base interval.
    pub(crate) async fn set_crawl_delay(&self, host: &str, delay: Option<Duration>) {
        let slot = self.slot(host);
        let mut state = slot.lock().await;
        state.crawl_delay = delay;
        if let (Some(delay), Some(end)) = (delay, state.last_end) {
            let at = end + delay;
            state.next_allowed = Some(state.next_allowed.map_or(at, |t| t.max(at)));
        }
    }
}

impl Permit {
    /// The host asked us to stay away until `at` (or we back off until then); the next request
    /// to it waits at least that long, whoever sends it.
    pub(crate) fn defer_until(&mut self, at: Instant) {
        self.not_before = Some(self.not_before.map_or(at, |t| t.max(at)));
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        let now = Instant::now();
        self.guard.last_end = Some(now);
        let mut next = now + self.interval;
        if let Some(t) = self.not_before {
            next = next.max(t);
        }
        self.guard.next_allowed = Some(self.guard.next_allowed.map_or(next, |t| t.max(next)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn one_host_waits_other_hosts_do_not() {
        let p = Pacer::new(Duration::from_secs(1));
        let t0 = Instant::now();
        drop(p.acquire("a.example:80").await);
        drop(p.acquire("a.example:80").await);
        assert!(Instant::now() - t0 >= Duration::from_secs(1));
        let t1 = Instant::now();
        drop(p.acquire("b.example:80").await);
        assert_eq!(Instant::now(), t1, "another host is not held up");
    }

    #[tokio::test(start_paused = true)]
    async fn crawl_delay_and_defer_lengthen_the_pause() {
        let p = Pacer::new(Duration::from_millis(100));
        p.set_crawl_delay("a:80", Some(Duration::from_secs(5)))
            .await;
        let t0 = Instant::now();
        drop(p.acquire("a:80").await);
        drop(p.acquire("a:80").await);
        assert!(Instant::now() - t0 >= Duration::from_secs(5));
        let t1 = Instant::now();
        let mut permit = p.acquire("a:80").await;
        permit.defer_until(Instant::now() + Duration::from_secs(30));
        drop(permit);
        drop(p.acquire("a:80").await);
        assert!(Instant::now() - t1 >= Duration::from_secs(35));
    }

    #[tokio::test(start_paused = true)]
    async fn a_crawl_delay_learned_later_counts_from_the_last_request() {
        let p = Pacer::new(Duration::from_millis(100));
        drop(p.acquire("a:80").await); // the robots.txt request
        let t0 = Instant::now();
        p.set_crawl_delay("a:80", Some(Duration::from_secs(3)))
            .await;
        drop(p.acquire("a:80").await);
        assert!(Instant::now() - t0 >= Duration::from_secs(3));
    }

    #[tokio::test(start_paused = true)]
    async fn a_cancelled_wait_leaves_the_host_usable() {
        let p = Arc::new(Pacer::new(Duration::from_secs(10)));
        drop(p.acquire("a:80").await);
        let waiting = tokio::time::timeout(Duration::from_secs(1), p.acquire("a:80")).await;
        assert!(waiting.is_err(), "still in the pause");
        let t = Instant::now();
        drop(p.acquire("a:80").await);
        assert!(
            Instant::now() - t <= Duration::from_secs(9),
            "the pause did not restart"
        );
    }
}
