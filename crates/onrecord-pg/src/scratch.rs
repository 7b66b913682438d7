//! Throwaway databases for tests and benchmarks: [`ScratchDb::create`] makes a new empty
//! database on the server and drops it (with everything in it) when the value is dropped.
//!
//! The server is `$ONRECORD_TEST_POSTGRES` (a URL to an existing database on it, whose
//! user may create databases), else `postgres://postgres@127.0.0.1:5432/postgres`. Where no
//! server answers, [`ScratchDb::create`] returns None so that a test can skip, unless
//! `ONRECORD_REQUIRE_POSTGRES` is set (as CI does), where it panics.

use std::sync::atomic::{AtomicU32, Ordering};

/// The server tests use when `ONRECORD_TEST_POSTGRES` is not set.
pub const DEFAULT_SERVER: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// A database created for one test; dropped with it.
#[derive(Debug)]
pub struct ScratchDb {
    admin: String,
    name: String,
    url: String,
}

static NEXT: AtomicU32 = AtomicU32::new(0);

impl ScratchDb {
    /// Create a new database on the test server; None when no server answers (and
    /// `ONRECORD_REQUIRE_POSTGRES` is not set).
    pub fn create() -> Option<ScratchDb> {
        let admin = std::env::var("ONRECORD_TEST_POSTGRES").unwrap_or(DEFAULT_SERVER.into());
        let mut client = match postgres::Client::connect(&admin, postgres::NoTls) {
            Ok(c) => c,
            Err(e) => {
                if std::env::var_os("ONRECORD_REQUIRE_POSTGRES").is_some() {
                    panic!("no PostgreSQL at {}: {e}", crate::redact(&admin));
                }
                eprintln!(
                    "skipped: no PostgreSQL at {} ({e}); set ONRECORD_TEST_POSTGRES",
                    crate::redact(&admin)
                );
                return None;
            }
        };
        let name = format!(
            "onrecord_test_{}_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos())
        );
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap_or_else(|e| panic!("cannot create database {name}: {e}"));
        let url = match admin.rsplit_once('/') {
            Some((server, _db)) => format!("{server}/{name}"),
            None => format!("{admin}/{name}"),
        };
        Some(ScratchDb { admin, name, url })
    }

    /// The URL of the new database.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for ScratchDb {
    fn drop(&mut self) {
        if let Ok(mut client) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = client.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}
