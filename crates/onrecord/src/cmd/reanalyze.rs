//! `onrecord reanalyze`: rebuild every stored article's statements, and the speaker
//! identities, from the stored text and metadata with the current analysis, without
//! fetching or reading inputs again.
//!
//! Articles are read in batches from a read-only connection (the record as it was),
//! analysed on a rayon pool, and written through [`onrecord_store::Rebuild`]: one
//! transaction for the whole record, because identities depend on every article before
//! them. Until it commits, readers (and `serve`) see the old record; an interrupted
//! reanalyze changes nothing, and running it again does the whole job.

use std::num::NonZeroUsize;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use onrecord_store::{ArticleRow, Rebuild, Store};
use rayon::prelude::*;

use crate::cmd::fetching::{plural, Report};
use crate::output;
use crate::Cli;

/// Articles analysed together.
const CHUNK: usize = 256;

const AFTER_HELP: &str = "\
Examples:
  onrecord reanalyze                    after upgrading onrecord: the record by the new engine
  onrecord --db news.db reanalyze --jobs 1

Every stored article (every version of a fetched page) is analysed again from its stored
text and metadata, and its statements replaced; speaker identities, spellings and roles are
rebuilt from nothing in the order the articles were stored. Nothing is fetched.

It is one transaction: until it ends, queries and `onrecord serve` see the old record; if
it is interrupted (Ctrl-C, a crash) nothing has changed, and running it again does the job.
Other writers (ingest, watch) wait meanwhile and may time out; run it when they are idle.
Prints the statements before and after, and how many articles changed.";

#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// Analyse with N threads [default: all cores]
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<NonZeroUsize>,
}

/// What the rebuild changed.
#[derive(Default)]
struct Changes {
    articles: u64,
    before: u64,
    after: u64,
    changed: u64,
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let db = output::db_path(cli)?;
    if !db.is_file() {
        return Err(onrecord_store::Error::NoDatabase(db).into());
    }
    let mut store = Store::open(&db)?;
    let reader = Store::open_read_only(&db)?;
    let speakers_before = reader.counts()?.speakers;
    let pool = output::analysis_pool(args.jobs)?;
    let report = Report::with_template(
        cli.quiet,
        "{spinner} {elapsed} {bar:30} {human_pos}/{human_len} articles ({per_sec}, {eta} left)",
    );

    let mut rebuild = store.rebuild().context("cannot start rebuilding")?;
    report.bar.set_length(rebuild.articles());
    let mut changes = Changes::default();
    let mut chunk: Vec<ArticleRow> = Vec::with_capacity(CHUNK);
    reader.each_article(|row| {
        chunk.push(row);
        if chunk.len() == CHUNK {
            replace(
                &pool,
                &mut rebuild,
                std::mem::take(&mut chunk),
                &mut changes,
            )?;
            report.bar.set_position(changes.articles);
        }
        Ok(())
    })?;
    replace(&pool, &mut rebuild, chunk, &mut changes)?;
    report.bar.set_position(changes.articles);
    rebuild.commit().context("cannot commit the new record")?;
    report.bar.finish_and_clear();
    drop(store);

    let counts = reader.counts()?;
    if !cli.quiet {
        let delta = changes.after as i64 - changes.before as i64;
        eprintln!(
            "onrecord: reanalyzed {} in {:.1} s: statements {} → {} ({delta:+}), {} changed; \
             speakers {} → {}",
            plural(changes.articles, "article"),
            started.elapsed().as_secs_f64(),
            changes.before,
            changes.after,
            plural(changes.changed, "article"),
            speakers_before,
            counts.speakers,
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Analyse a batch in parallel and replace each article's statements, in row order. An
/// article the analysis fails on stops the rebuild (nothing is changed): a record with
/// that article's statements missing would be worse than the old one.
fn replace(
    pool: &rayon::ThreadPool,
    rebuild: &mut Rebuild<'_>,
    chunk: Vec<ArticleRow>,
    changes: &mut Changes,
) -> onrecord_store::Result<()> {
    let analysed: Vec<_> = pool.install(|| {
        chunk
            .into_par_iter()
            .map(|row| {
                let analysis = onrecord_analysis::try_analyze(&row.article);
                (row, analysis)
            })
            .collect()
    });
    for (row, analysis) in analysed {
        let analysis = analysis.map_err(|why| onrecord_store::Error::InvalidAnalysis {
            article: row.article.id.clone(),
            origin: row.article.origin.to_string(),
            message: format!("analysis failed ({why}); nothing was changed"),
        })?;
        let r = rebuild.replace(row.row, &row.article, &analysis)?;
        changes.articles += 1;
        changes.before += r.before as u64;
        changes.after += r.after as u64;
        changes.changed += u64::from(r.changed);
    }
    Ok(())
}
