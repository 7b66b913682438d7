//! `onrecord serve`: the web pages and the JSON API over the database (crate
//! `onrecord-serve`).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use onrecord_serve::Config;

use crate::output;
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

The server is read-only unless --ingest-token is given. It listens on 127.0.0.1 only unless
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
    let db = output::db_path(cli)?;
    let config = Config {
        archive: args
            .archive
            .clone()
            .unwrap_or_else(|| onrecord_crawl::default_archive_dir(&db)),
        db,
        ingest_token: args.ingest_token.clone(),
        cors_origins: args.cors_origins.clone(),
        max_body: args.max_body,
    };
    let app = onrecord_serve::app(&config)?;
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
