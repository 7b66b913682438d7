//! `onrecord serve`: the web pages and the JSON API over the database (crate
//! `onrecord-serve`).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use onrecord_serve::{Config, Opener, State};
use onrecord_store::ReadStore;

use crate::output::{self, Database};
use crate::Cli;

const AFTER_HELP: &str = "\
Examples:
  onrecord serve                                 http://127.0.0.1:8080 over ./onrecord.db
  onrecord --db news.db serve --addr 127.0.0.1:9000
  ONRECORD_INGEST_TOKEN=$(openssl rand -hex 24) onrecord serve   also accept POST /api/v1/articles

Pages: / (start), /search, /speakers, /speakers/ID, /articles, /articles/ID,
/articles/ID/archived (the archived copy of a fetched or WARC-read page, in a sandbox).
API: /api/v1/statements (/export?format=csv|jsonl for every match), /api/v1/speakers,
/api/v1/articles (/ID, /ID/versions, /ID/changes), /api/v1/stats; the OpenAPI document is
/api/openapi.json (see docs/API.md).

On PostgreSQL (--db postgres://…, better from $ONRECORD_DB so the password stays out of `ps`)
the server reads through a pool of read-only sessions: search, speakers, articles and the
statistics; page versions, figures, events and POST /api/v1/articles answer 501 (not
available on PostgreSQL yet). Run `onrecord migrate` on the database first.

The server is read-only unless --ingest-token is given (and never with --readonly). It listens on 127.0.0.1 only unless
--addr says otherwise; put it behind a TLS proxy before exposing it.

The database is --db PATH, else $ONRECORD_DB, else ./onrecord.db in the current directory.";

#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// Address to listen on (port 0 picks a free port)
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// Accept POST /api/v1/articles with `Authorization: Bearer TOKEN` (at least 16
    /// characters); opens the database for writing, creating it if needed
    #[arg(
        long,
        value_name = "TOKEN",
        env = "ONRECORD_INGEST_TOKEN",
        hide_env_values = true
    )]
    pub ingest_token: Option<String>,

    /// Never accept POST /api/v1/articles, even with an ingest token in the environment:
    /// the role of a public reader (on PostgreSQL every session is read-only anyway)
    #[arg(long)]
    pub readonly: bool,

    /// Allow browser pages from this origin to call the API (CORS); repeat for more
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    pub cors_origins: Vec<String>,

    /// Largest request body accepted, in bytes
    #[arg(long, value_name = "BYTES", default_value_t = onrecord_serve::DEFAULT_MAX_BODY)]
    pub max_body: usize,

    /// Folder of the WARC archive written by `ingest URL` and `watch`, where archived copies
    /// of fetched pages are read from [default: the database path + .warc, as for them]
    #[arg(long, value_name = "DIR")]
    pub archive: Option<PathBuf>,
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let ingest_token = args.ingest_token.clone().filter(|_| !args.readonly);
    let (app, config) = match output::database(cli) {
        Database::Sqlite(db) => {
            let config = Config {
                archive: args
                    .archive
                    .clone()
                    .unwrap_or_else(|| onrecord_crawl::default_archive_dir(&db)),
                db,
                ingest_token,
                cors_origins: args.cors_origins.clone(),
                max_body: args.max_body,
            };
            (onrecord_serve::app(&config)?, config)
        }
        Database::Postgres(url) => {
            anyhow::ensure!(
                ingest_token.is_none(),
                "POST /api/v1/articles is not available on PostgreSQL yet: serve without \
                 --ingest-token (or with --readonly), and store articles with `onrecord ingest`"
            );
            let shown = onrecord_pg::redact(&url);
            let opener: Opener = Box::new(move || {
                Ok(Box::new(onrecord_pg::PgReader::connect(&url)?) as Box<dyn ReadStore>)
            });
            let mut state = State::with_opener(opener)?;
            if let Some(dir) = &args.archive {
                state = state.with_archive(dir.clone());
            }
            let config = Config {
                archive: args.archive.clone().unwrap_or_default(),
                db: PathBuf::from(shown),
                ingest_token: None,
                cors_origins: args.cors_origins.clone(),
                max_body: args.max_body,
            };
            (onrecord_serve::router(Arc::new(state), &config)?, config)
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("onrecord-serve")
        .build()
        .context("cannot start the server runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let addr = listener.local_addr()?;
        if !cli.quiet {
            let mode = if config.ingest_token.is_some() {
                "accepting POST /api/v1/articles"
            } else {
                "read-only"
            };
            eprintln!(
                "onrecord: serving {} on http://{addr}/ ({mode}; ready in {} ms; Ctrl-C stops)",
                config.db.display(),
                started.elapsed().as_millis()
            );
            if !addr.ip().is_loopback() {
                eprintln!(
                    "onrecord: warning: listening on {}, not only on this machine",
                    addr.ip()
                );
            }
        }
        onrecord_serve::serve(listener, app, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("the server stopped")
    })?;
    Ok(ExitCode::SUCCESS)
}
