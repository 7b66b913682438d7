//! `onrecord copy`: move an SQLite record into PostgreSQL, for a team that outgrew one
//! laptop. Every current article is read from the SQLite file with its text and metadata,
//! analysed again (the statements, speakers, figures and events are the analysis of the
//! stored text, as `reanalyze` would make them) and stored in batches, one transaction
//! each: a copy interrupted halfway is resumed by running it again (stored articles are
//! recognised by their fingerprint and skipped).

use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use onrecord_pg::PgStore;
use onrecord_store::{ArticleRow, Inserted, Store};
use rayon::prelude::*;

use crate::cmd::fetching::{plural, Report};
use crate::output::{self, Database};
use crate::Cli;

/// Articles analysed and stored together (one transaction).
const CHUNK: usize = 256;

const AFTER_HELP: &str = "\
Examples:
  export ONRECORD_DB=postgres://onrecord@db.example/newsroom   (the password stays out of ps)
  onrecord copy --from onrecord.db              into the database of $ONRECORD_DB
  onrecord copy --from news.db --to postgres://postgres@127.0.0.1/test

The current version of every article is copied; earlier versions of fetched pages are not
(PostgreSQL does not keep page versions yet). Statements are made again from the stored
text by this onrecord. Running the copy again adds only what is missing.";

#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The SQLite record to copy
    #[arg(long, value_name = "FILE")]
    pub from: PathBuf,
    /// The PostgreSQL database to copy into [default: --db / $ONRECORD_DB]
    #[arg(long, value_name = "URL")]
    pub to: Option<String>,
    /// Analyse with N threads [default: all cores]
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<NonZeroUsize>,
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let url = match (&args.to, output::database(cli)) {
        (Some(url), _) => url.clone(),
        (None, Database::Postgres(url)) => url,
        (None, Database::Sqlite(_)) => anyhow::bail!(
            "copy needs a PostgreSQL database: --to postgres://… or --db / $ONRECORD_DB"
        ),
    };
    anyhow::ensure!(
        onrecord_pg::is_postgres_url(&url),
        "--to {} is not a PostgreSQL URL (postgres://user@host/database)",
        onrecord_pg::redact(&url)
    );
    let reader = Store::open_read_only(&args.from)?;
    let mut pg = PgStore::connect(&url)?;
    let pool = output::analysis_pool(args.jobs)?;
    let report = Report::with_template(
        cli.quiet,
        "{spinner} {elapsed} {bar:30} {human_pos}/{human_len} articles ({per_sec}, {eta} left)",
    );
    report.bar.set_length(reader.counts()?.articles);

    let mut done = Copied::default();
    let mut failure: Option<anyhow::Error> = None;
    let mut chunk: Vec<ArticleRow> = Vec::with_capacity(CHUNK);
    let mut flush = |chunk: Vec<ArticleRow>, done: &mut Copied| -> anyhow::Result<()> {
        copy_chunk(&pool, &mut pg, chunk, done)?;
        report.bar.set_position(done.new + done.present);
        Ok(())
    };
    let read = reader.each_article(|row| {
        if row.superseded_by.is_some() {
            done.versions += 1;
            return Ok(());
        }
        chunk.push(row);
        if chunk.len() == CHUNK {
            if let Err(e) = flush(std::mem::take(&mut chunk), &mut done) {
                failure = Some(e);
                return Err(onrecord_store::Error::InvalidQuery("copy stopped".into()));
            }
        }
        Ok(())
    });
    if let Some(e) = failure {
        return Err(e);
    }
    read.with_context(|| format!("cannot read {}", args.from.display()))?;
    flush(chunk, &mut done)?;
    report.bar.finish_and_clear();

    let counts = PgStore::connect(&url)?.counts()?;
    if !cli.quiet {
        eprintln!(
            "onrecord: copied {} from {} in {:.1} s ({} there already{}); {} now holds {}, {}, {}",
            plural(done.new, "article"),
            args.from.display(),
            started.elapsed().as_secs_f64(),
            done.present,
            if done.versions > 0 {
                format!(
                    ", {} not copied",
                    plural(done.versions, "earlier page version")
                )
            } else {
                String::new()
            },
            onrecord_pg::redact(&url),
            plural(counts.articles, "article"),
            plural(counts.statements, "statement"),
            plural(counts.speakers, "speaker"),
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Default)]
struct Copied {
    new: u64,
    present: u64,
    versions: u64,
}

/// Analyse a chunk in parallel and store it in one transaction. An article the analysis
/// fails on stops the copy: what was stored stays, and a rerun goes on from there.
fn copy_chunk(
    pool: &rayon::ThreadPool,
    pg: &mut PgStore,
    chunk: Vec<ArticleRow>,
    done: &mut Copied,
) -> anyhow::Result<()> {
    let items = pool.install(|| {
        chunk
            .into_par_iter()
            .map(|row| {
                onrecord_analysis::try_analyze(&row.article)
                    .map(|analysis| (row.article.clone(), analysis))
                    .map_err(|why| {
                        anyhow::anyhow!(
                            "article {} ({}): analysis failed: {why}",
                            row.article.id,
                            row.article.origin
                        )
                    })
            })
            .collect::<anyhow::Result<Vec<_>>>()
    })?;
    for r in pg.insert_batch(&items).context("cannot store the copy")? {
        match r {
            Inserted::New { .. } => done.new += 1,
            Inserted::Duplicate => done.present += 1,
        }
    }
    Ok(())
}
