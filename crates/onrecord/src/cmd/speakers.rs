//! `onrecord speakers`: everyone on record, most quoted first.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use onrecord_core::Day;
use onrecord_pg::PgStore;
use onrecord_store::{RecordStore, SpeakerQuery, SpeakerRow, Store};
use serde_json::json;

use crate::output::{self, Column, Database, Format, Table};
use crate::Cli;

const AFTER_HELP: &str = "\
Examples:
  onrecord speakers                          everyone on record, most quoted first
  onrecord speakers --name kalin             every spelling of Kalın, role, first/last day
  onrecord speakers --limit 0 --format csv > speakers.csv

One row per identity: spellings that differ only in case or accents (Kalın, Kalin),
known aliases (Türkiye, Turkey) and a surname with its only full name are one speaker.

The database is --db PATH, else $ONRECORD_DB, else ./onrecord.db in the current directory.";

#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// Only speakers with this name: any spelling, whole words
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// Print at most N speakers; 0 prints all
    #[arg(short = 'n', long, value_name = "N", default_value_t = 100)]
    pub limit: usize,

    /// Output format
    #[arg(short, long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    match output::database(cli) {
        Database::Sqlite(path) => show(cli, args, &mut Store::open_read_only(path)?),
        Database::Postgres(url) => show(cli, args, &mut PgStore::connect(&url)?),
    }
}

/// Print the speakers `args` asks for from `store`.
fn show<S: RecordStore>(cli: &Cli, args: &Args, store: &mut S) -> anyhow::Result<ExitCode> {
    let limit = output::limit(args.limit);
    // One more than asked tells whether there are more.
    let mut rows = store.speakers(&SpeakerQuery {
        name: args.name.clone(),
        limit: limit.map(|n| n + 1),
        offset: 0,
    })?;
    let more = limit.is_some_and(|n| rows.len() > n);
    if let Some(n) = limit {
        rows.truncate(n);
    }

    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    output::finish(match args.format {
        Format::Table => write_table(&mut out, &rows),
        Format::Jsonl => write_jsonl(&mut out, &rows),
        Format::Csv => write_csv(&mut out, &rows),
    })?;
    output::finish(out.flush())?;

    if args.format == Format::Table && !cli.quiet {
        if rows.is_empty() {
            eprintln!("onrecord: no speakers match");
        } else if more {
            eprintln!(
                "onrecord: showing the first {} speakers; --limit 0 shows all",
                rows.len()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `Kalın (3), Kalin (1)`, with `sep` between spellings.
fn variants(row: &SpeakerRow, sep: &str) -> String {
    row.variants
        .iter()
        .map(|v| format!("{} ({})", v.text, v.count))
        .collect::<Vec<_>>()
        .join(sep)
}

fn day(d: Option<Day>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn write_table(out: &mut impl Write, rows: &[SpeakerRow]) -> std::io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let mut table = Table::new(vec![
        Column::new("SPEAKER", 28),
        Column::new("QUOTES", 6).right(),
        Column::new("FIRST", 10),
        Column::new("LAST", 10),
        Column::new("ROLE", 24),
        Column::new("AFFILIATION", 16),
        Column::new("SPELLINGS", usize::MAX).flex(),
    ]);
    let dash = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
    for r in rows {
        let name = match r.kind {
            onrecord_core::SpeakerKind::Body => format!("{} (body)", r.name),
            onrecord_core::SpeakerKind::Person => r.name.clone(),
        };
        table.push(vec![
            name,
            r.statements.to_string(),
            r.first_day
                .map(|d| d.to_string())
                .unwrap_or_else(|| "-".into()),
            r.last_day
                .map(|d| d.to_string())
                .unwrap_or_else(|| "-".into()),
            dash(&r.role),
            dash(&r.affiliation),
            variants(r, ", "),
        ]);
    }
    let terminal = output::stdout_is_terminal();
    table.write(out, output::table_width(), terminal.then_some(2))
}

fn write_jsonl(out: &mut impl Write, rows: &[SpeakerRow]) -> std::io::Result<()> {
    for r in rows {
        let variants: Vec<_> = r
            .variants
            .iter()
            .map(|v| json!({"text": v.text, "count": v.count}))
            .collect();
        let v = json!({
            "name": r.name,
            "key": r.key,
            "kind": output::speaker_kind(r.kind),
            "role": r.role,
            "affiliation": r.affiliation,
            "statements": r.statements,
            "first_day": r.first_day.map(|d| d.to_string()),
            "last_day": r.last_day.map(|d| d.to_string()),
            "variants": variants,
        });
        serde_json::to_writer(&mut *out, &v)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn write_csv(out: &mut impl Write, rows: &[SpeakerRow]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "name",
        "key",
        "kind",
        "role",
        "affiliation",
        "statements",
        "first_day",
        "last_day",
        "variants",
    ])?;
    for r in rows {
        w.write_record([
            r.name.clone(),
            r.key.clone(),
            output::speaker_kind(r.kind).to_string(),
            r.role.clone().unwrap_or_default(),
            r.affiliation.clone().unwrap_or_default(),
            r.statements.to_string(),
            day(r.first_day),
            day(r.last_day),
            variants(r, "; "),
        ])?;
    }
    w.flush()
}
