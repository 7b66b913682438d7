//! `onrecord`: the command-line shell around the onrecord crates. Parsing arguments, wiring
//! readers to the analysis and the store, and printing; no analysis logic lives here.

mod cmd;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Who said what, when: a source-linked record of statements from news coverage.
#[derive(Parser, Debug)]
#[command(name = "onrecord", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    /// Database: an SQLite file, or postgres://user@host/db for a team's PostgreSQL (put
    /// a password in $ONRECORD_DB, not here) [default: $ONRECORD_DB, else ./onrecord.db]
    #[arg(
        long,
        global = true,
        value_name = "PATH|URL",
        env = "ONRECORD_DB",
        hide_env_values = true
    )]
    pub db: Option<PathBuf>,

    /// Print only errors on stderr (no progress bar, no summary)
    #[arg(short, long, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "\
Examples:
  onrecord ingest examples/corpus            read a folder of articles into ./onrecord.db
  onrecord ingest https://news.example/rss   fetch a feed's pages (or a page, a sitemap)
  onrecord watch https://news.example/rss    keep polling it; store what is new
  onrecord quotes --speaker kalin            what Kalın said (any spelling)
  onrecord speakers                          everyone on record, most quoted first
  onrecord figures --speaker 'united nations' the figures the UN gives, oldest first
  onrecord events --actor turkey --type consult whom Türkiye met or called (PLOVER)
  onrecord export --out statements.parquet   the record for DuckDB, polars or pandas
  onrecord extract article.txt               one JSON line per article, no database
  onrecord eval gold.jsonl                   score the extraction against annotated data
  ONRECORD_DB=postgres://u@host/db onrecord ingest dir/   a team's shared PostgreSQL record";

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Read articles (files, or pages, feeds and sitemaps on the web), analyse them and
    /// store their statements
    Ingest(cmd::ingest::Args),
    /// Poll feeds, sitemaps and pages on the watch list and store what is new
    Watch(cmd::watch::Args),
    /// Rebuild every stored article's statements with the current analysis
    Reanalyze(cmd::reanalyze::Args),
    /// List statements, filtered by speaker, words, days and outlet
    Quotes(cmd::quotes::Args),
    /// List speakers with role, spelling variants, statement count and first/last day
    Speakers(cmd::speakers::Args),
    /// List figures (counts, sums, shares) with who gives them, filtered; a figure's history
    Figures(cmd::figures::Args),
    /// List events (PLOVER: who did what to whom) with who says so and the day; a dyad by month
    Events(cmd::events::Args),
    /// Write statements, figures, events, speakers or articles out as Parquet, JSON lines or CSV
    Export(cmd::export::Args),
    /// Analyse articles and print one annotated JSON line per article (no database)
    Extract(cmd::extract::Args),
    /// Score the extraction against an annotated-corpus gold file
    Eval(cmd::eval::Args),
    /// Rebuild the cue lexicon and cue detector from annotated training data
    LearnCues(cmd::learn_cues::Args),
    /// Serve web pages and a JSON API over the database (search, speakers, articles)
    Serve(cmd::serve::Args),
    /// Create the database's tables or bring them up to this onrecord's schema
    Migrate(cmd::database::MigrateArgs),
    /// Show the database, its schema version and how much it holds
    Status(cmd::database::StatusArgs),
    /// Copy an SQLite record into a PostgreSQL database
    Copy(cmd::copy::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Ingest(args) => cmd::ingest::run(&cli, args),
        Command::Watch(args) => cmd::watch::run(&cli, args),
        Command::Reanalyze(args) => cmd::reanalyze::run(&cli, args),
        Command::Quotes(args) => cmd::quotes::run(&cli, args),
        Command::Speakers(args) => cmd::speakers::run(&cli, args),
        Command::Figures(args) => cmd::figures::run(&cli, args),
        Command::Events(args) => cmd::events::run(&cli, args),
        Command::Export(args) => cmd::export::run(&cli, args),
        Command::Extract(args) => cmd::extract::run(&cli, args),
        Command::Eval(args) => cmd::eval::run(&cli, args),
        Command::LearnCues(args) => cmd::learn_cues::run(&cli, args),
        Command::Serve(args) => cmd::serve::run(&cli, args),
        Command::Migrate(args) => cmd::database::migrate(&cli, args),
        Command::Status(args) => cmd::database::status(&cli, args),
        Command::Copy(args) => cmd::copy::run(&cli, args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("onrecord: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
