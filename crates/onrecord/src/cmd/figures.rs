//! `onrecord figures`: the figures articles state, with who gives them, filtered, as a
//! table, JSONL or CSV. With `--speaker`, `--unit` and `--subject` together it is a figure's
//! history: the UN's civilian death toll, article after article, oldest first.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use onrecord_core::{Bound, Day};
use onrecord_pg::PgStore;
use onrecord_store::{bound_from_str, FigureQuery, FigureRow, RecordStore, Store};
use serde_json::json;

use crate::output::{self, Column, Database, Format, Table};
use crate::Cli;

const AFTER_HELP: &str = "\
Examples:
  onrecord figures --speaker 'united nations' --subject killed   a toll's history
  onrecord figures --unit usd --from 2024-03-01                   sums of money since March
  onrecord figures --sourced --format csv > figures.csv           figures someone gives

A figure's value is the number with millions expanded (\"5.4 million\" is 5400000),
shares in percent (\"a quarter\" is 25) and ranges as two ends; its bound says how the
text hedges it (at least, more than, about, …). Its source is the speaker of the
statement it is part of; a figure outside any statement is the article's own. Its
day is the day it refers to, else the day of its statement, else the article's
publication day (marked * in the table), so a history reads in order.

Articles stored before figures existed have none until `onrecord reanalyze`.
The database is --db PATH, else $ONRECORD_DB, else ./onrecord.db in the current directory.";

#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// Only figures given by this speaker: any spelling, whole words
    #[arg(short, long, value_name = "NAME")]
    pub speaker: Option<String>,

    /// Only figures of this unit: usd, eur, percent, points, years, people, civilians, …
    #[arg(short, long, value_name = "UNIT")]
    pub unit: Option<String>,

    /// Only figures whose counted thing (subject or unit) has all these words
    #[arg(long, value_name = "WORDS")]
    pub subject: Option<String>,

    /// Only figures with this bound
    #[arg(long, value_name = "BOUND", value_parser = parse_bound)]
    pub bound: Option<Bound>,

    /// Only figures someone gives (part of a statement with a named speaker)
    #[arg(long)]
    pub sourced: bool,

    /// Only figures of this day or later
    #[arg(long, value_name = "DAY", value_parser = output::parse_day)]
    pub from: Option<Day>,

    /// Only figures of this day or earlier
    #[arg(long, value_name = "DAY", value_parser = output::parse_day)]
    pub to: Option<Day>,

    /// Only figures reported by this outlet (case and accents ignored)
    #[arg(long, value_name = "OUTLET")]
    pub outlet: Option<String>,

    /// Only figures of the article with this id
    #[arg(long, value_name = "ID")]
    pub article: Option<String>,

    /// Print at most N figures; 0 prints all
    #[arg(short = 'n', long, value_name = "N", default_value_t = 100)]
    pub limit: usize,

    /// Output format
    #[arg(short, long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

fn parse_bound(s: &str) -> Result<Bound, String> {
    bound_from_str(&s.replace('-', "_")).ok_or_else(|| {
        format!("'{s}' is no bound: exact, at_least, more_than, at_most, less_than, about or range")
    })
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    if let (Some(from), Some(to)) = (args.from, args.to) {
        anyhow::ensure!(from <= to, "--from {from} is after --to {to}");
    }
    match output::database(cli) {
        Database::Sqlite(path) => show(cli, args, &mut Store::open_read_only(path)?),
        Database::Postgres(url) => show(cli, args, &mut PgStore::connect(&url)?),
    }
}

/// Print the figures `args` asks for from `store`.
fn show<S: RecordStore>(cli: &Cli, args: &Args, store: &mut S) -> anyhow::Result<ExitCode> {
    let query = FigureQuery {
        speaker: args.speaker.clone(),
        unit: args.unit.clone(),
        subject: args.subject.clone(),
        bound: args.bound,
        from: args.from,
        to: args.to,
        outlet: args.outlet.clone(),
        article: args.article.clone(),
        sourced: args.sourced,
        limit: output::limit(args.limit),
        offset: 0,
    };
    let rows = store.figures(&query)?;
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
            eprintln!("onrecord: no figures match");
        } else if query.limit == Some(rows.len()) {
            let total = store.count_figures(&query)?;
            if total > rows.len() as u64 {
                eprintln!(
                    "onrecord: showing {} of {total} figures; --limit 0 shows all",
                    rows.len()
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn write_table(out: &mut impl Write, rows: &[FigureRow]) -> std::io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let mut table = Table::new(vec![
        Column::new("DAY", 15),
        Column::new("FIGURE", 28),
        Column::new("SOURCE", 22),
        Column::new("COUNTED", usize::MAX).flex(),
    ]);
    for r in rows {
        let day = match (r.day, r.effective_day) {
            (Some(d), _) => output::day_with_weekday(d),
            (None, Some(d)) if r.statement.is_some() => output::day_with_weekday(d),
            (None, Some(d)) => format!("{}*", output::day_with_weekday(d)),
            (None, None) => "-".into(),
        };
        let source = match (&r.speaker, &r.source) {
            (Some(s), _) => s.name.clone(),
            (None, Some(source)) => format!("({source})"),
            (None, None) => "-".into(),
        };
        table.push(vec![
            day,
            r.reading(),
            source,
            r.subject.clone().unwrap_or_else(|| "-".into()),
        ]);
    }
    let terminal = output::stdout_is_terminal();
    table.write(out, output::table_width(), terminal.then_some(2))
}

fn write_jsonl(out: &mut impl Write, rows: &[FigureRow]) -> std::io::Result<()> {
    for r in rows {
        serde_json::to_writer(&mut *out, &figure_json(r))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// One figure as JSON, as `figures --format jsonl` prints it.
pub fn figure_json(r: &FigureRow) -> serde_json::Value {
    let speaker = r.speaker.as_ref();
    let value = match r.value_high {
        Some(h) => json!([r.value, h]),
        None => json!(r.value),
    };
    json!({
        "id": r.id,
        "article_id": r.article.id,
        "title": r.article.title,
        "outlet": r.article.outlet,
        "url": r.article.url,
        "published": r.article.published.map(|d| d.to_string()),
        "position": r.position,
        "text": r.text,
        "span": r.span,
        "value": value,
        "unit": r.unit,
        "bound": r.bound.as_str(),
        "subject": r.subject,
        "source": r.source,
        "source_name": speaker.map(|s| &s.name),
        "source_key": speaker.map(|s| &s.key),
        "statement": r.statement,
        "day": r.day.map(|d| d.to_string()),
        "effective_day": r.effective_day.map(|d| d.to_string()),
    })
}

const CSV_HEADER: &[&str] = &[
    "id",
    "article_id",
    "title",
    "outlet",
    "url",
    "published",
    "position",
    "text",
    "value",
    "value_high",
    "unit",
    "bound",
    "subject",
    "source",
    "source_name",
    "source_key",
    "statement",
    "day",
    "effective_day",
];

fn write_csv(out: &mut impl Write, rows: &[FigureRow]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER)?;
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let day = |d: Option<Day>| d.map(|d| d.to_string()).unwrap_or_default();
    for r in rows {
        let speaker = r.speaker.as_ref();
        w.write_record([
            r.id.to_string(),
            r.article.id.clone(),
            opt(&r.article.title),
            opt(&r.article.outlet),
            opt(&r.article.url),
            day(r.article.published),
            r.position.to_string(),
            r.text.clone(),
            r.value.to_string(),
            r.value_high.map(|v| v.to_string()).unwrap_or_default(),
            r.unit.clone(),
            r.bound.as_str().to_string(),
            opt(&r.subject),
            opt(&r.source),
            speaker.map(|s| s.name.clone()).unwrap_or_default(),
            speaker.map(|s| s.key.clone()).unwrap_or_default(),
            r.statement.map(|s| s.to_string()).unwrap_or_default(),
            day(r.day),
            day(r.effective_day),
        ])?;
    }
    w.flush()
}
