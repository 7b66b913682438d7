//! `onrecord migrate` and `onrecord status`: the database itself, SQLite or PostgreSQL.

use std::process::ExitCode;
use std::time::Duration;

use onrecord_crawl::format_duration;

use onrecord_pg::PgStore;
use onrecord_store::{RecordStore, Store};

use crate::cmd::fetching::plural;
use crate::output::{self, Database};
use crate::Cli;

#[derive(clap::Args, Debug)]
pub struct MigrateArgs {}

#[derive(clap::Args, Debug)]
pub struct StatusArgs {}

/// Create the database's tables, or bring them up to this onrecord's schema. Every command
/// that writes does this too; `migrate` does it alone, e.g. before starting many workers
/// or a read-only server.
pub fn migrate(cli: &Cli, _args: &MigrateArgs) -> anyhow::Result<ExitCode> {
    let database = output::database(cli);
    let version = match &database {
        Database::Sqlite(path) => {
            Store::open(path)?;
            i64::from(onrecord_store::SCHEMA_VERSION as i32)
        }
        Database::Postgres(url) => i64::from(PgStore::connect(url)?.schema_version()?),
    };
    if !cli.quiet {
        eprintln!(
            "onrecord: {} is at schema version {version}",
            database.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// What the database holds; on PostgreSQL also the workers writing it (live, and those
/// stopped or lost in the last day), the crawl queue and the last errors.
pub fn status(cli: &Cli, _args: &StatusArgs) -> anyhow::Result<ExitCode> {
    let database = output::database(cli);
    let mut pg = None;
    let (kind, version, counts) = match &database {
        Database::Sqlite(path) => {
            let store = Store::open_read_only(path)?;
            ("SQLite", onrecord_store::SCHEMA_VERSION, store.counts()?)
        }
        Database::Postgres(url) => {
            let store = pg.insert(PgStore::connect(url)?);
            let version = i64::from(store.schema_version()?);
            ("PostgreSQL", version, RecordStore::counts(store)?)
        }
    };
    println!(
        "database   {} ({kind}, schema version {version})",
        database.display()
    );
    println!("articles   {}", counts.articles);
    println!("statements {}", counts.statements);
    println!("speakers   {}", counts.speakers);
    if let Some(store) = &mut pg {
        print_workers(store)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The workers, the queue and the last errors of a PostgreSQL record.
fn print_workers(store: &mut PgStore) -> anyhow::Result<()> {
    let q = store.queue(3)?;
    let next = match q.next_due_in {
        None => String::new(),
        Some(0) => ", one due now".into(),
        Some(s) => format!(
            ", next due in {}",
            format_duration(Duration::from_secs(s as u64))
        ),
    };
    println!(
        "queue      {} watched sources: {} due, {} leased{next}; {} entries pending",
        q.watched, q.due, q.leased, q.pending_entries
    );
    let workers = store.workers(Duration::from_secs(24 * 3600))?;
    println!(
        "workers    {} live",
        workers.iter().filter(|w| w.state == "live").count()
    );
    for w in &workers {
        let mut line = format!(
            "  {:<7} {} {} (heard {} ago)",
            w.state,
            w.id,
            w.command,
            format_duration(Duration::from_secs(w.silent_for.max(0) as u64))
        );
        if w.leases > 0 {
            line.push_str(&format!(", holds {}", plural(w.leases as u64, "source")));
        }
        if let Some(doing) = &w.doing {
            line.push_str(&format!(", {doing}"));
        }
        if w.errors > 0 {
            line.push_str(&format!(", {}", plural(w.errors as u64, "error")));
        }
        println!("{line}");
    }
    let errors = store.last_errors(10)?;
    if !errors.is_empty() {
        println!("last errors");
        for e in errors {
            println!("  {} {}: {}", e.at, e.what, e.message);
        }
    }
    Ok(())
}
