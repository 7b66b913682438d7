//! `onrecord quotes`: statements from the store, filtered, as a table, JSONL or CSV.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use onrecord_core::Day;
use onrecord_pg::PgStore;
use onrecord_store::{RecordStore, StatementQuery, StatementRow, Store};
use serde_json::json;

use crate::output::{self, Column, Database, Format, Table};
use crate::Cli;

const AFTER_HELP: &str = "\
Examples:
  onrecord quotes --speaker kalin                      what Kalın said (any spelling)
  onrecord quotes --text 'ceasefire talks' --from 2024-03-01 --to 2024-03-07
  onrecord quotes --outlet 'Daily Planet' --limit 0 --format csv > planet.csv

Words match whole words in any form (`ceasefire` finds \"ceasefires\"), ignoring case
and accents; `resum*` matches a prefix and \"double quotes\" a phrase. A statement's day
is the day it was made when the article says so, else the article's publication day
(marked * in the table).

The database is --db PATH, else $ONRECORD_DB, else ./onrecord.db in the current directory.";

#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// Only statements by this speaker: any spelling, whole words (`kalin` finds "İbrahim Kalın")
    #[arg(short, long, value_name = "NAME")]
    pub speaker: Option<String>,

    /// Only statements containing all these words
    #[arg(short, long, value_name = "WORDS")]
    pub text: Option<String>,

    /// Only statements made on or after this day
    #[arg(long, value_name = "DAY", value_parser = output::parse_day)]
    pub from: Option<Day>,

    /// Only statements made on or before this day
    #[arg(long, value_name = "DAY", value_parser = output::parse_day)]
    pub to: Option<Day>,

    /// Only statements reported by this outlet (case and accents ignored)
    #[arg(long, value_name = "OUTLET")]
    pub outlet: Option<String>,

    /// Print at most N statements; 0 prints all
    #[arg(short = 'n', long, value_name = "N", default_value_t = 100)]
    pub limit: usize,

    /// Output format
    #[arg(short, long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
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

/// Print the statements `args` asks for from `store`.
fn show<S: RecordStore>(cli: &Cli, args: &Args, store: &mut S) -> anyhow::Result<ExitCode> {
    let query = StatementQuery {
        speaker: args.speaker.clone(),
        words: args.text.clone(),
        from: args.from,
        to: args.to,
        outlet: args.outlet.clone(),
        limit: output::limit(args.limit),
        ..StatementQuery::default()
    };
    let rows = store.statements(&query)?;

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
            eprintln!("onrecord: no statements match");
        } else if query.limit == Some(rows.len()) {
            let total = store.count_statements(&query)?;
            if total > rows.len() as u64 {
                eprintln!(
                    "onrecord: showing {} of {total} statements; --limit 0 shows all",
                    rows.len()
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn write_table(out: &mut impl Write, rows: &[StatementRow]) -> std::io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let mut table = Table::new(vec![
        Column::new("DAY", 15),
        Column::new("SPEAKER", 24),
        Column::new("OUTLET", 18),
        Column::new("STATEMENT", usize::MAX).flex(),
    ]);
    for r in rows {
        let day = match (r.day, r.effective_day) {
            (Some(d), _) => output::day_with_weekday(d),
            (None, Some(d)) => format!("{}*", output::day_with_weekday(d)),
            (None, None) => "-".into(),
        };
        let speaker = match (&r.speaker, &r.source) {
            (Some(s), _) => s.name.clone(),
            (None, Some(source)) => format!("({source})"),
            (None, None) => "-".into(),
        };
        table.push(vec![
            day,
            speaker,
            r.article.outlet.clone().unwrap_or_else(|| "-".into()),
            r.content.clone(),
        ]);
    }
    let terminal = output::stdout_is_terminal();
    table.write(out, output::table_width(), terminal.then_some(3))
}

fn write_jsonl(out: &mut impl Write, rows: &[StatementRow]) -> std::io::Result<()> {
    for r in rows {
        let speaker = r.speaker.as_ref();
        let v = json!({
            "id": r.id,
            "article_id": r.article.id,
            "title": r.article.title,
            "outlet": r.article.outlet,
            "url": r.article.url,
            "published": r.article.published.map(|d| d.to_string()),
            // the confidence of an inferred publication day; null when the input gave it
            "published_inferred": r.article.published_confidence.map(onrecord_core::confidence_json),
            "position": r.position,
            "speaker": speaker.map(|s| &s.name),
            "speaker_key": speaker.map(|s| &s.key),
            "speaker_kind": speaker.map(|s| output::speaker_kind(s.kind)),
            "role": speaker.and_then(|s| s.role.as_ref()),
            "affiliation": speaker.and_then(|s| s.affiliation.as_ref()),
            "day": r.day.map(|d| d.to_string()),
            "day_from": r.day_from,
            "effective_day": r.effective_day.map(|d| d.to_string()),
            "kind": r.kind.as_str(),
            "content": r.content,
            "content_spans": r.content_spans,
            "cue": r.cue,
            "source": r.source,
            "audience": r.audience,
            "restates": r.restates,
            "speaker_via": r.speaker_via,
            "speaker_confidence": r.speaker_confidence.map(onrecord_core::confidence_json),
        });
        serde_json::to_writer(&mut *out, &v)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

const CSV_HEADER: &[&str] = &[
    "id",
    "article_id",
    "title",
    "outlet",
    "url",
    "published",
    "position",
    "speaker",
    "speaker_key",
    "speaker_kind",
    "role",
    "affiliation",
    "day",
    "day_from",
    "effective_day",
    "kind",
    "content",
    "content_spans",
    "cue",
    "source",
    "audience",
];

fn write_csv(out: &mut impl Write, rows: &[StatementRow]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER)?;
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let day = |d: Option<Day>| d.map(|d| d.to_string()).unwrap_or_default();
    for r in rows {
        let speaker = r.speaker.as_ref();
        let spans = serde_json::to_string(&r.content_spans).map_err(std::io::Error::other)?;
        w.write_record([
            r.id.to_string(),
            r.article.id.clone(),
            opt(&r.article.title),
            opt(&r.article.outlet),
            opt(&r.article.url),
            day(r.article.published),
            r.position.to_string(),
            speaker.map(|s| s.name.clone()).unwrap_or_default(),
            speaker.map(|s| s.key.clone()).unwrap_or_default(),
            speaker
                .map(|s| output::speaker_kind(s.kind).to_string())
                .unwrap_or_default(),
            speaker.and_then(|s| s.role.clone()).unwrap_or_default(),
            speaker
                .and_then(|s| s.affiliation.clone())
                .unwrap_or_default(),
            day(r.day),
            opt(&r.day_from),
            day(r.effective_day),
            r.kind.as_str().to_string(),
            r.content.clone(),
            spans,
            opt(&r.cue),
            opt(&r.source),
            opt(&r.audience),
        ])?;
    }
    w.flush()
}
