//! `onrecord migrate` and `onrecord status`: the database itself, SQLite or PostgreSQL.

use std::process::ExitCode;

use onrecord_pg::PgStore;
use onrecord_store::{RecordStore, Store};

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

/// What the database holds.
pub fn status(cli: &Cli, _args: &StatusArgs) -> anyhow::Result<ExitCode> {
    let database = output::database(cli);
    let (kind, version, counts) = match &database {
        Database::Sqlite(path) => {
            let store = Store::open_read_only(path)?;
            ("SQLite", onrecord_store::SCHEMA_VERSION, store.counts()?)
        }
        Database::Postgres(url) => {
            let mut store = PgStore::connect(url)?;
            let version = i64::from(store.schema_version()?);
            ("PostgreSQL", version, RecordStore::counts(&mut store)?)
        }
    };
    println!(
        "database   {} ({kind}, schema version {version})",
        database.display()
    );
    println!("articles   {}", counts.articles);
    println!("statements {}", counts.statements);
    println!("speakers   {}", counts.speakers);
    Ok(ExitCode::SUCCESS)
}
