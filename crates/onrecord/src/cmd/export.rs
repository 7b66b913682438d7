//! `onrecord export`: statements, figures, events, speakers or articles out as Parquet, JSON lines or
//! CSV (one typed schema for all three: docs/FORMAT.md), streamed from the store.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use onrecord_core::Day;
use onrecord_export::{Filters, Format, Table};
use onrecord_pg::PgStore;
use onrecord_store::{RecordStore, Store};

use crate::output::{self, Database};
use crate::Cli;

const AFTER_HELP: &str = "\
Examples:
  onrecord export --out statements.parquet                     every statement, for DuckDB or pandas
  onrecord export --table figures --speaker 'united nations' --out un.csv
  onrecord export --table speakers --format jsonl              to standard output

The format follows --out's extension (.parquet, .jsonl, .csv) unless --format is given;
without --out, JSON lines or CSV go to standard output. The file is written beside its
final name and renamed when complete, so an interrupted export leaves no half file.
Filters apply where they make sense: --speaker to statements, figures (who gives them),
events (who says so) and speakers; --text to statements (and to what figures count); days
and --outlet to statements, figures, events and articles. Superseded versions of a page are left out.

  duckdb -c \"SELECT speaker, count(*) FROM 'statements.parquet' GROUP BY 1 ORDER BY 2 DESC\"";

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableArg {
    Statements,
    Figures,
    Events,
    Speakers,
    Articles,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatArg {
    Parquet,
    Jsonl,
    Csv,
}

#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// What to export
    #[arg(short = 'T', long, value_enum, default_value_t = TableArg::Statements)]
    pub table: TableArg,

    /// File format [default: from --out's extension, else jsonl]
    #[arg(short, long, value_enum)]
    pub format: Option<FormatArg>,

    /// The file to write; without it, JSON lines or CSV go to standard output
    #[arg(short, long, value_name = "PATH")]
    pub out: Option<PathBuf>,

    /// Only statements, figures or events of this speaker (speakers: of this name), any spelling
    #[arg(short, long, value_name = "NAME")]
    pub speaker: Option<String>,

    /// Only statements containing all these words (figures: counting them)
    #[arg(short, long, value_name = "WORDS")]
    pub text: Option<String>,

    /// Only rows of this day or later
    #[arg(long, value_name = "DAY", value_parser = output::parse_day)]
    pub from: Option<Day>,

    /// Only rows of this day or earlier
    #[arg(long, value_name = "DAY", value_parser = output::parse_day)]
    pub to: Option<Day>,

    /// Only rows from this outlet (case and accents ignored)
    #[arg(long, value_name = "OUTLET")]
    pub outlet: Option<String>,
}

fn format_of(args: &Args) -> anyhow::Result<Format> {
    let by_name = args
        .out
        .as_deref()
        .and_then(Path::extension)
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    Ok(match (args.format, by_name.as_deref()) {
        (Some(FormatArg::Parquet), _) | (None, Some("parquet" | "pq")) => Format::Parquet,
        (Some(FormatArg::Csv), _) | (None, Some("csv")) => Format::Csv,
        (Some(FormatArg::Jsonl), _) | (None, Some("jsonl" | "json" | "ndjson")) | (None, None) => {
            Format::Jsonl
        }
        (None, Some(other)) => anyhow::bail!(
            "--out {}: the extension '.{other}' names no format; give --format parquet, jsonl or csv",
            args.out.as_deref().unwrap_or(Path::new("")).display()
        ),
    })
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    if let (Some(from), Some(to)) = (args.from, args.to) {
        anyhow::ensure!(from <= to, "--from {from} is after --to {to}");
    }
    let format = format_of(args)?;
    let table = match args.table {
        TableArg::Statements => Table::Statements,
        TableArg::Figures => Table::Figures,
        TableArg::Events => Table::Events,
        TableArg::Speakers => Table::Speakers,
        TableArg::Articles => Table::Articles,
    };
    let filters = Filters {
        speaker: args.speaker.clone(),
        words: args.text.clone(),
        from: args.from,
        to: args.to,
        outlet: args.outlet.clone(),
    };
    match output::database(cli) {
        Database::Sqlite(path) => write(
            cli,
            args,
            table,
            format,
            &filters,
            &mut Store::open_read_only(path)?,
        ),
        Database::Postgres(url) => write(
            cli,
            args,
            table,
            format,
            &filters,
            &mut PgStore::connect(&url)?,
        ),
    }
}

/// Write `table` of `store` where `args` says.
fn write<S: RecordStore>(
    cli: &Cli,
    args: &Args,
    table: Table,
    format: Format,
    filters: &Filters,
    store: &mut S,
) -> anyhow::Result<ExitCode> {
    let Some(path) = &args.out else {
        anyhow::ensure!(
            format != Format::Parquet,
            "Parquet goes to a file: give --out PATH"
        );
        let n = onrecord_export::export(store, table, format, filters, std::io::stdout())?;
        if !cli.quiet {
            eprintln!("onrecord: {n} {} exported", table.as_str());
        }
        return Ok(ExitCode::SUCCESS);
    };
    // written beside its name, renamed when whole
    let mut partial = path.clone().into_os_string();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let file = std::fs::File::create(&partial)
        .map_err(|e| anyhow::anyhow!("{}: {e}", partial.display()))?;
    let written = onrecord_export::export(store, table, format, filters, file);
    let n = match written {
        Ok(n) => n,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e.context(format!("exporting to {}", path.display())));
        }
    };
    std::fs::rename(&partial, path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    if !cli.quiet {
        eprintln!(
            "onrecord: {n} {} exported to {}",
            table.as_str(),
            path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
