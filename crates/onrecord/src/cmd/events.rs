//! `onrecord events`: who did what to whom (PLOVER), with who says so and the day,
//! filtered, as a table, JSONL or CSV; with `--by-month`, a dyad's timeline by type.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use onrecord_core::{Day, EventType, Standing};
use onrecord_pg::PgStore;
use onrecord_store::{
    standing_from_str, EventCount, EventQuery, EventRow, Party, RecordStore, Store,
};
use serde_json::json;

use crate::output::{self, Column, Database, Format, Table};
use crate::Cli;

const AFTER_HELP: &str = "\
Examples:
  onrecord events --actor turkey --type consult           whom Türkiye met or called
  onrecord events --actor TUR --recipient RUS --both-ways the Türkiye–Russia dyad
  onrecord events --actor turkey --recipient russia --both-ways --by-month
                                                          the same, counted by month and type
  onrecord events --speaker kalin --standing planned      what Kalın announced

A party is a name, demonym or capital (\"Türkiye\", \"Turkish\", \"Ankara\"), which also
matches the events coded with its country, or a code: ISO alpha-3 (TUR, RUS), PLOVER's
bodies (UNO, EUR, IGO, NGO) or a sector (GOV, MIL, COP, REB). Types are PLOVER's sixteen
(agree, consult, support, concede, cooperate, aid, retreat, request, accuse, reject,
threaten, protest, sanction, mobilize, coerce, assault). An event's standing is
happened, planned, requested, offered, claimed (reported by a speaker), hypothetical
or denied; denied events are left out unless --standing denied asks for them. Who says
so is the speaker of the statement an event is reported in. The day is the event's own
(\"on Sunday\"), else the day it was reported (marked * in the table).

Articles stored before events existed have none until `onrecord reanalyze`.
The database is --db PATH, else $ONRECORD_DB, else ./onrecord.db in the current directory.";

#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// Only events by this actor: a name, demonym, capital or code
    #[arg(short, long, value_name = "PARTY")]
    pub actor: Option<String>,

    /// Only events with this recipient: a name, demonym, capital or code
    #[arg(short, long, value_name = "PARTY")]
    pub recipient: Option<String>,

    /// With --actor and --recipient: either way round, and both acting together
    #[arg(long, requires_all = ["actor", "recipient"])]
    pub both_ways: bool,

    /// Only events of this PLOVER type
    #[arg(short = 't', long = "type", value_name = "TYPE", value_parser = parse_type)]
    pub kind: Option<EventType>,

    /// Only events that stand so: happened, planned, requested, offered, claimed,
    /// hypothetical, denied
    #[arg(long, value_name = "STANDING", value_parser = parse_standing)]
    pub standing: Option<Standing>,

    /// Only events reported by this speaker (any spelling, whole words)
    #[arg(short, long, value_name = "NAME")]
    pub speaker: Option<String>,

    /// Only events of this day or later
    #[arg(long, value_name = "DAY", value_parser = output::parse_day)]
    pub from: Option<Day>,

    /// Only events of this day or earlier
    #[arg(long, value_name = "DAY", value_parser = output::parse_day)]
    pub to: Option<Day>,

    /// Only events reported by this outlet (case and accents ignored)
    #[arg(long, value_name = "OUTLET")]
    pub outlet: Option<String>,

    /// Only events of the article with this id
    #[arg(long, value_name = "ID")]
    pub article: Option<String>,

    /// Count the matching events by month and type instead of listing them
    #[arg(long)]
    pub by_month: bool,

    /// Print at most N events; 0 prints all
    #[arg(short = 'n', long, value_name = "N", default_value_t = 100)]
    pub limit: usize,

    /// Output format
    #[arg(short, long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

fn parse_type(s: &str) -> Result<EventType, String> {
    EventType::parse(s).ok_or_else(|| {
        let all: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
        format!("'{s}' is no PLOVER type: {}", all.join(", ").to_lowercase())
    })
}

fn parse_standing(s: &str) -> Result<Standing, String> {
    standing_from_str(&s.to_lowercase()).ok_or_else(|| {
        format!(
            "'{s}' is no standing: happened, planned, requested, offered, claimed, \
             hypothetical or denied"
        )
    })
}

/// A party as typed, with the country it names when the gazetteer knows it.
pub fn party(typed: &str) -> Party {
    Party::new(typed, onrecord_analysis::events::country_code(typed))
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    if let (Some(from), Some(to)) = (args.from, args.to) {
        anyhow::ensure!(from <= to, "--from {from} is after --to {to}");
    }
    for p in args.actor.iter().chain(&args.recipient) {
        anyhow::ensure!(
            !onrecord_core::fold(p).is_empty(),
            "'{p}' names no party: give a name (Türkiye) or a code (TUR)"
        );
    }
    match output::database(cli) {
        Database::Sqlite(path) => show(cli, args, &mut Store::open_read_only(path)?),
        Database::Postgres(url) => show(cli, args, &mut PgStore::connect(&url)?),
    }
}

/// Print the events (or their months) `args` asks for from `store`.
fn show<S: RecordStore>(cli: &Cli, args: &Args, store: &mut S) -> anyhow::Result<ExitCode> {
    let query = EventQuery {
        actor: args.actor.as_deref().map(party),
        recipient: args.recipient.as_deref().map(party),
        both_ways: args.both_ways,
        kind: args.kind,
        standing: args.standing,
        speaker: args.speaker.clone(),
        from: args.from,
        to: args.to,
        outlet: args.outlet.clone(),
        article: args.article.clone(),
        limit: output::limit(args.limit),
        offset: 0,
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.by_month {
        let counts = store.event_months(&query)?;
        output::finish(match args.format {
            Format::Table => write_months(&mut out, &counts),
            Format::Jsonl => counts.iter().try_for_each(|c| {
                serde_json::to_writer(&mut out, &month_json(c))?;
                out.write_all(b"\n")
            }),
            Format::Csv => write_months_csv(&mut out, &counts),
        })?;
        output::finish(out.flush())?;
        if counts.is_empty() && !cli.quiet {
            eprintln!("onrecord: no dated events match");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let rows = store.events(&query)?;
    output::finish(match args.format {
        Format::Table => write_table(&mut out, &rows),
        Format::Jsonl => rows.iter().try_for_each(|r| {
            serde_json::to_writer(&mut out, &event_json(r))?;
            out.write_all(b"\n")
        }),
        Format::Csv => write_csv(&mut out, &rows),
    })?;
    output::finish(out.flush())?;
    if args.format == Format::Table && !cli.quiet {
        if rows.is_empty() {
            eprintln!("onrecord: no events match");
        } else if query.limit == Some(rows.len()) {
            let total = store.count_events(&query)?;
            if total > rows.len() as u64 {
                eprintln!(
                    "onrecord: showing {} of {total} events; --limit 0 shows all",
                    rows.len()
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The day column: the event's own day, else the day it was reported, marked `*`.
fn day_cell(r: &EventRow) -> String {
    match (r.day, r.effective_day) {
        (Some(d), _) => output::day_with_weekday(d),
        (None, Some(d)) => format!("{}*", output::day_with_weekday(d)),
        (None, None) => "-".into(),
    }
}

fn write_table(out: &mut impl Write, rows: &[EventRow]) -> std::io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let mut table = Table::new(vec![
        Column::new("DAY", 15),
        Column::new("TYPE", 9),
        Column::new("WHO \u{2192} WHOM", 40),
        Column::new("STANDING", 12),
        Column::new("PER", 20),
        Column::new("SENTENCE", usize::MAX).flex(),
    ]);
    for r in rows {
        table.push(vec![
            day_cell(r),
            r.kind.as_str().to_string(),
            r.dyad(),
            r.standing.as_str().to_string(),
            r.speaker
                .as_ref()
                .map(|s| s.name.clone())
                .unwrap_or_else(|| "-".into()),
            r.sentence.split_whitespace().collect::<Vec<_>>().join(" "),
        ]);
    }
    let terminal = output::stdout_is_terminal();
    table.write(out, output::table_width(), terminal.then_some(2))
}

fn parties_json(v: &[onrecord_store::EventParty]) -> serde_json::Value {
    v.iter()
        .map(|p| json!({"text": p.text, "span": p.spans, "country": p.country, "sector": p.sector}))
        .collect()
}

/// One event as JSON, as `events --format jsonl` and the API give it.
pub fn event_json(r: &EventRow) -> serde_json::Value {
    let speaker = r.speaker.as_ref();
    json!({
        "id": r.id,
        "article_id": r.article.id,
        "title": r.article.title,
        "outlet": r.article.outlet,
        "url": r.article.url,
        "published": r.article.published.map(|d| d.to_string()),
        "position": r.position,
        "type": r.kind.as_str(),
        "mode": r.mode,
        "context": r.context,
        "trigger": r.trigger,
        "span": r.span,
        "actor": parties_json(&r.actors),
        "recipient": parties_json(&r.recipients),
        "location": r.location.as_ref().map(|p| parties_json(std::slice::from_ref(p))[0].clone()),
        "standing": r.standing.as_str(),
        "source_name": speaker.map(|s| &s.name),
        "source_key": speaker.map(|s| &s.key),
        "statement": r.statement,
        "day": r.day.map(|d| d.to_string()),
        "effective_day": r.effective_day.map(|d| d.to_string()),
        "sentence": r.sentence,
        "sentence_span": r.sentence_span,
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
    "type",
    "mode",
    "trigger",
    "actor",
    "actor_country",
    "recipient",
    "recipient_country",
    "location",
    "location_country",
    "standing",
    "source_name",
    "statement",
    "day",
    "effective_day",
    "sentence",
];

fn write_csv(out: &mut impl Write, rows: &[EventRow]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER)?;
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let day = |d: Option<Day>| d.map(|d| d.to_string()).unwrap_or_default();
    // several parties in one cell, separated by "; "
    let texts = |v: &[onrecord_store::EventParty]| {
        v.iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let codes = |v: &[onrecord_store::EventParty]| {
        v.iter()
            .map(|p| p.country.as_deref().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("; ")
    };
    for r in rows {
        w.write_record([
            r.id.to_string(),
            r.article.id.clone(),
            opt(&r.article.title),
            opt(&r.article.outlet),
            opt(&r.article.url),
            day(r.article.published),
            r.position.to_string(),
            r.kind.as_str().to_string(),
            opt(&r.mode),
            r.trigger.clone(),
            texts(&r.actors),
            codes(&r.actors),
            texts(&r.recipients),
            codes(&r.recipients),
            r.location
                .as_ref()
                .map(|p| p.text.clone())
                .unwrap_or_default(),
            r.location
                .as_ref()
                .and_then(|p| p.country.clone())
                .unwrap_or_default(),
            r.standing.as_str().to_string(),
            r.speaker
                .as_ref()
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            r.statement.map(|s| s.to_string()).unwrap_or_default(),
            day(r.day),
            day(r.effective_day),
            r.sentence.clone(),
        ])?;
    }
    w.flush()
}

fn month_json(c: &EventCount) -> serde_json::Value {
    json!({"month": c.month, "type": c.kind.as_str(), "count": c.count})
}

/// Months down, types across: one row per month with a count per type that occurs.
fn write_months(out: &mut impl Write, counts: &[EventCount]) -> std::io::Result<()> {
    let mut types: Vec<EventType> = counts.iter().map(|c| c.kind).collect();
    types.sort();
    types.dedup();
    let mut months: Vec<&str> = counts.iter().map(|c| c.month.as_str()).collect();
    months.dedup();
    if months.is_empty() {
        return Ok(());
    }
    write!(out, "{:<8}", "MONTH")?;
    for t in &types {
        write!(out, " {:>9}", t.as_str())?;
    }
    writeln!(out)?;
    for m in months {
        write!(out, "{m:<8}")?;
        for t in &types {
            let n = counts
                .iter()
                .find(|c| c.month == m && c.kind == *t)
                .map(|c| c.count);
            match n {
                Some(n) => write!(out, " {n:>9}")?,
                None => write!(out, " {:>9}", "\u{00b7}")?,
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

fn write_months_csv(out: &mut impl Write, counts: &[EventCount]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["month", "type", "count"])?;
    for c in counts {
        w.write_record([c.month.as_str(), c.kind.as_str(), &c.count.to_string()])?;
    }
    w.flush()
}
