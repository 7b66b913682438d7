//! `onrecord watch`: poll feeds, sitemaps and pages on the watch list and store what is
//! new; `watch add`, `watch list`, `watch remove` keep the list. All state is in the
//! database (crate `onrecord-crawl`), so a watch stopped by Ctrl-C, a crash or kill -9 goes
//! on where it was when started again.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use chrono::Local;
use onrecord_crawl::{format_duration, is_url, parse_duration, Report as PollReport};

use crate::cmd::fetching::{self, FetchArgs, Report};
use crate::output::{self, Column, Table};
use crate::Cli;

const AFTER_HELP: &str = "\
Examples:
  onrecord watch https://www.example-news.org/rss/world.xml --every 30m
  onrecord watch https://www.example-news.org/sitemap-news.xml https://gazette.example/feed
  onrecord watch                              poll the watch list every 15 minutes
  onrecord watch --once                       poll what is due once and exit (for cron)
  onrecord watch add https://gazette.example/feed --every 1h
  onrecord watch list
  onrecord watch remove https://gazette.example/feed

Sources named on the command line are added to the database's watch list and polled at
once, together with every listed source that is due. A feed or sitemap is polled with a
conditional GET (304: nothing new); the pages of entries not stored yet are fetched,
analysed and stored, and an entry whose updated/lastmod stamp changes is fetched again.
A watched page is refetched conditionally; when its text changed it is stored as a new
version (the old one stays readable, the record shows the new one). Each source is polled
every --every (default 15m) unless `watch add --every` gave it its own interval.

Everything is kept in the database (what each source listed, what is stored, validators),
so stopping and starting again, even after kill -9, loses nothing and stores nothing
twice. Each poll prints one summary line. Ctrl-C finishes cleanly (exit status 130); a
second Ctrl-C quits at once. With --once the exit status is 1 if a source or page could
not be read. Requests follow robots.txt and --delay per host, and every response is
archived as WARC (see `onrecord ingest --help`).";

#[derive(clap::Args, Debug)]
#[command(after_help = AFTER_HELP, args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,

    /// Feeds, sitemaps or pages to watch: added to the watch list, then polled with it
    #[arg(value_name = "SOURCE")]
    pub sources: Vec<String>,

    /// Poll each source this often (sources added with their own --every keep theirs)
    #[arg(long, value_name = "DURATION", default_value = "15m", value_parser = parse_duration)]
    pub every: Duration,

    /// Poll the sources due now (and those named) once, then exit
    #[arg(long)]
    pub once: bool,

    #[command(flatten)]
    pub fetch: FetchArgs,
}

#[derive(clap::Subcommand, Debug)]
pub enum Action {
    /// Put sources on the watch list (without polling them now)
    Add {
        #[arg(value_name = "URL", required = true)]
        urls: Vec<String>,
        /// This source's own polling interval [default: watch's --every]
        #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
        every: Option<Duration>,
    },
    /// Show the watch list: kind, interval, last poll and its status, entries, articles
    List,
    /// Take sources off the watch list (their articles stay)
    Remove {
        #[arg(value_name = "URL", required = true)]
        urls: Vec<String>,
    },
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    match &args.action {
        Some(Action::Add { urls, every }) => add(cli, urls, *every),
        Some(Action::List) => list(cli),
        Some(Action::Remove { urls }) => remove(cli, urls),
        None => watch(cli, args),
    }
}

fn check_urls(urls: &[String]) -> anyhow::Result<()> {
    for u in urls {
        anyhow::ensure!(
            is_url(u),
            "'{u}' is not an http:// or https:// URL of a feed, sitemap or page"
        );
    }
    Ok(())
}

fn add(cli: &Cli, urls: &[String], every: Option<Duration>) -> anyhow::Result<ExitCode> {
    check_urls(urls)?;
    let mut store = fetching::crawl_store(cli, true)?;
    for url in urls {
        let new = store.add_source(url, every.map(|d| d.as_secs().max(1)))?;
        if !cli.quiet {
            eprintln!(
                "onrecord: {url} {}",
                if new {
                    "added to the watch list"
                } else {
                    "was on the watch list already"
                }
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn remove(cli: &Cli, urls: &[String]) -> anyhow::Result<ExitCode> {
    let mut store = fetching::crawl_store(cli, true)?;
    let mut missing = false;
    for url in urls {
        if store.remove_source(url)? {
            if !cli.quiet {
                eprintln!("onrecord: {url} removed from the watch list (its articles stay)");
            }
        } else {
            eprintln!("onrecord: error: {url} is not on the watch list");
            missing = true;
        }
    }
    Ok(if missing {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn list(cli: &Cli) -> anyhow::Result<ExitCode> {
    let mut store = fetching::crawl_store(cli, false)?;
    let sources = store.watched_sources()?;
    if sources.is_empty() {
        if !cli.quiet {
            eprintln!("onrecord: the watch list is empty; add to it with `onrecord watch add URL`");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut table = Table::new(vec![
        Column::new("URL", 60),
        Column::new("KIND", 7),
        Column::new("EVERY", 8),
        Column::new("LAST POLLED", 16),
        Column::new("STATUS", 6).right(),
        Column::new("ENTRIES", 7).right(),
        Column::new("ARTICLES", 8).right(),
        Column::new("LAST ERROR", usize::MAX).flex(),
    ]);
    for s in sources {
        table.push(vec![
            s.url,
            s.kind.map_or("?", |k| k.as_str()).to_string(),
            s.every
                .map(|e| format_duration(Duration::from_secs(e)))
                .unwrap_or_else(|| "default".into()),
            s.last_polled
                .map(|t| t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_else(|| "never".into()),
            s.last_status.map_or("-".into(), |c| c.to_string()),
            s.entries.to_string(),
            s.stored.to_string(),
            s.last_error.unwrap_or_default(),
        ]);
    }
    let mut out = std::io::stdout().lock();
    let lines = output::stdout_is_terminal().then_some(2);
    output::finish(table.write(&mut out, output::table_width(), lines))?;
    Ok(ExitCode::SUCCESS)
}

fn watch(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    check_urls(&args.sources)?;
    let report = Arc::new(Report::for_fetching(cli.quiet));
    if let Some(heartbeat) = fetching::heartbeat(cli, "watch")? {
        let _ = report.heartbeat.set(heartbeat);
    }
    let rt = fetching::runtime()?;
    let crawler = fetching::open_crawler(cli, &args.fetch, &report)?;
    let named = args.sources.clone();
    let every = args.every;
    let once = args.once;
    let work = async {
        if !named.is_empty() {
            crawler.watch(&named, None).await?;
        }
        if crawler.next_due().await?.is_none() {
            anyhow::bail!(
                "nothing to watch: name a feed, sitemap or page, or add one with \
                 `onrecord watch add URL`"
            );
        }
        let mut failed = false;
        loop {
            report.doing("polling the sources due");
            let r = crawler.poll(&named, every, true).await?;
            report.bar.set_position(0);
            report.bar.set_length(0);
            report.say(summary(&r));
            failed |= !r.errors.is_empty();
            if once {
                return Ok(failed);
            }
            // Sleep until the next source is due (at least a second, so that a source
            // that cannot be read is not asked again in a loop).
            let now = chrono::Utc::now();
            let next = crawler.next_due().await?.unwrap_or(now);
            let wait = (next - now).to_std().unwrap_or_default();
            report.doing(format!(
                "waiting until {}",
                next.format("%Y-%m-%d %H:%M:%S UTC")
            ));
            report.bar.set_message(format!(
                "(next poll {})",
                next.with_timezone(&Local).format("%H:%M:%S")
            ));
            tokio::time::sleep(wait.max(Duration::from_secs(1))).await;
        }
    };
    let done = fetching::until_interrupted(&rt, &crawler, &report, work)?;
    report.bar.finish_and_clear();
    match done {
        None => Ok(ExitCode::from(fetching::INTERRUPTED)),
        Some(result) => {
            let failed = result.context("watching")?;
            Ok(if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

/// `poll 14:05:03: 3 sources, 2 not modified, 41 entries (5 new), 7 new articles (35
/// statements), 1 new version, 1 error (…)`.
fn summary(r: &PollReport) -> String {
    let mut parts = vec![fetching::plural(r.sources as u64, "source")];
    if r.not_modified > 0 {
        parts.push(format!("{} not modified", r.not_modified));
    }
    let mut entries = fetching::entries(r.entries);
    if r.new_entries > 0 {
        entries.push_str(&format!(" ({} new)", r.new_entries));
    }
    parts.push(entries);
    let mut articles = format!(
        "{} new {}",
        r.new_articles,
        if r.new_articles == 1 {
            "article"
        } else {
            "articles"
        }
    );
    if r.statements > 0 {
        articles.push_str(&format!(
            " ({})",
            fetching::plural(r.statements as u64, "statement")
        ));
    }
    parts.push(articles);
    if r.new_versions > 0 {
        parts.push(fetching::plural(r.new_versions as u64, "new version"));
    }
    if r.left > 0 {
        parts.push(format!("{} left for the next poll", r.left));
    }
    if let Some(first) = r.errors.first() {
        let more = r.errors.len() - 1;
        parts.push(format!(
            "{} ({first}{})",
            fetching::plural(r.errors.len() as u64, "error"),
            if more > 0 {
                format!("; and {more} more")
            } else {
                String::new()
            }
        ));
    }
    format!(
        "poll {}: {}",
        Local::now().format("%H:%M:%S"),
        parts.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_says_what_a_poll_did_in_one_line() {
        let r = PollReport {
            sources: 3,
            not_modified: 2,
            entries: 41,
            new_entries: 5,
            new_articles: 7,
            statements: 35,
            new_versions: 1,
            errors: vec![
                "https://x.example/feed.xml: the server answered 503 (after 4 attempts)".into(),
            ],
            ..PollReport::default()
        };
        let s = summary(&r);
        let (head, rest) = s.split_once(": ").unwrap();
        assert!(head.starts_with("poll "));
        assert_eq!(
            rest,
            "3 sources, 2 not modified, 41 entries (5 new), 7 new articles (35 statements), \
             1 new version, 1 error (https://x.example/feed.xml: the server answered 503 \
             (after 4 attempts))"
        );
        let quiet = summary(&PollReport {
            sources: 1,
            not_modified: 1,
            entries: 0,
            ..PollReport::default()
        });
        assert!(quiet.ends_with(": 1 source, 1 not modified, 0 entries, 0 new articles"));
    }
}
