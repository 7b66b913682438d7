//! What the query commands share: the database path, output formats, day parsing, and a
//! small plain-text table layout that wraps one column to the terminal width.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;
use onrecord_core::{Day, SpeakerKind};

use crate::Cli;

/// The database file when neither `--db` nor `$ONRECORD_DB` names one.
pub const DEFAULT_DB: &str = "onrecord.db";

/// The database `--db` / `$ONRECORD_DB` names: an SQLite file (the default,
/// [`DEFAULT_DB`] in the current directory) or a PostgreSQL URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Database {
    Sqlite(PathBuf),
    /// `postgres://…` or `postgresql://…`
    Postgres(String),
}

impl Database {
    /// How messages name it: the path, or the URL without its password.
    pub fn display(&self) -> String {
        match self {
            Database::Sqlite(path) => path.display().to_string(),
            Database::Postgres(url) => onrecord_pg::redact(url),
        }
    }
}

/// The database from `--db` / `$ONRECORD_DB`.
pub fn database(cli: &Cli) -> Database {
    match cli.db.as_deref().and_then(|p| p.to_str()) {
        Some(url) if onrecord_pg::is_postgres_url(url) => Database::Postgres(url.to_string()),
        _ => Database::Sqlite(cli.db.clone().unwrap_or_else(|| PathBuf::from(DEFAULT_DB))),
    }
}

/// The SQLite file of a command that reads or writes SQLite only; a clear error when
/// `--db` names a PostgreSQL database.
pub fn db_path(cli: &Cli) -> anyhow::Result<PathBuf> {
    match database(cli) {
        Database::Sqlite(path) => Ok(path),
        Database::Postgres(url) => anyhow::bail!(
            "this command does not work on PostgreSQL yet ({}); on PostgreSQL today: \
             `ingest` of files and URLs, `watch`, `quotes`, `speakers`, `figures`, \
             `events`, `export`, `serve`, `status`, `migrate`; `copy --from FILE.db --to \
             URL` moves an SQLite record there",
            onrecord_pg::redact(&url)
        ),
    }
}

/// The threads that analyse articles (`--jobs N`, else one per core).
pub fn analysis_pool(jobs: Option<std::num::NonZeroUsize>) -> anyhow::Result<rayon::ThreadPool> {
    let jobs = jobs
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, std::num::NonZeroUsize::get);
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("onrecord-analysis-{i}"))
        .build()
        .context("cannot start the analysis threads")
}

/// How query commands print their rows.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for reading; long text is wrapped (and, on a terminal, shortened)
    Table,
    /// One JSON object per line with every field; spans in code points
    Jsonl,
    /// Comma-separated values with a header row
    Csv,
}

/// `--from`/`--to` values: an ISO day.
pub fn parse_day(s: &str) -> Result<Day, String> {
    s.trim()
        .parse::<Day>()
        .map_err(|_| format!("'{s}' is not a day; expected YYYY-MM-DD, e.g. 2024-03-04"))
}

/// A day with its weekday, as news text names days: `2024-03-04 Mon`.
pub fn day_with_weekday(day: Day) -> String {
    day.format("%Y-%m-%d %a").to_string()
}

/// `person` or `body`.
pub fn speaker_kind(kind: SpeakerKind) -> &'static str {
    match kind {
        SpeakerKind::Person => "person",
        SpeakerKind::Body => "body",
    }
}

/// `--limit` semantics: 0 means no limit.
pub fn limit(n: usize) -> Option<usize> {
    (n > 0).then_some(n)
}

/// Treat a closed pipe (`onrecord quotes | head`) as a normal end of output.
pub fn finish(result: io::Result<()>) -> anyhow::Result<()> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Width to lay tables out in: `$COLUMNS` when set, else 100 columns.
///
/// The binary has no terminal-size dependency yet; `$COLUMNS` covers shells that export it.
pub fn table_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c >= 40)
        .unwrap_or(100)
}

/// Whether stdout is a terminal: tables are shortened only there, so that a table saved to
/// a file keeps every word.
pub fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}

/// Text width in characters (code points; close enough for names and news text).
fn width(s: &str) -> usize {
    s.chars().count()
}

/// `s` cut to at most `max` characters, ending in `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// Greedy word wrap to `max` characters a line; words longer than a line are split.
/// At most `max_lines` lines (the last ends in `…` when text was left out).
pub fn wrap(s: &str, max: usize, max_lines: Option<usize>) -> Vec<String> {
    let max = max.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    for word in s.split_whitespace() {
        let mut word = word.to_string();
        loop {
            let w = width(&word);
            let needed = if line.is_empty() {
                w
            } else {
                line_width + 1 + w
            };
            if needed <= max {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(&word);
                line_width = needed;
                break;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_width = 0;
                continue;
            }
            // a word longer than the line: split it
            let head: String = word.chars().take(max).collect();
            let rest: String = word.chars().skip(max).collect();
            lines.push(head);
            word = rest;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if let Some(n) = max_lines {
        if lines.len() > n {
            lines.truncate(n);
            let last = lines.last_mut().expect("n > 0");
            // Drop words until " …" fits after the last one.
            loop {
                if width(last) + 2 <= max {
                    last.push_str(" …");
                    break;
                }
                match last.rfind(' ') {
                    Some(i) => last.truncate(i),
                    None => {
                        *last = truncate(&format!("{last}…"), max);
                        break;
                    }
                }
            }
        }
    }
    lines
}

/// A plain table: every column as wide as its widest cell (up to a cap); one flexible
/// column takes the remaining width and wraps.
pub struct Table {
    columns: Vec<Column>,
    rows: Vec<Vec<String>>,
}

pub struct Column {
    pub header: &'static str,
    /// Widest this column gets (cells are shortened with `…`).
    pub max: usize,
    pub right: bool,
    /// This column wraps into the width left by the others.
    pub flex: bool,
}

impl Column {
    pub fn new(header: &'static str, max: usize) -> Column {
        Column {
            header,
            max,
            right: false,
            flex: false,
        }
    }

    pub fn right(mut self) -> Column {
        self.right = true;
        self
    }

    pub fn flex(mut self) -> Column {
        self.flex = true;
        self
    }
}

const GUTTER: &str = "  ";

impl Table {
    pub fn new(columns: Vec<Column>) -> Table {
        Table {
            columns,
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<String>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    /// Lay out in `total` columns; the flexible column shows at most `max_lines` lines.
    pub fn write(
        &self,
        out: &mut impl Write,
        total: usize,
        max_lines: Option<usize>,
    ) -> io::Result<()> {
        let mut widths: Vec<usize> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let widest = self.rows.iter().map(|r| width(&r[i])).max().unwrap_or(0);
                widest.max(width(c.header)).min(c.max.max(width(c.header)))
            })
            .collect();
        if let Some(f) = self.columns.iter().position(|c| c.flex) {
            let others: usize = widths
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != f)
                .map(|(_, w)| w + GUTTER.len())
                .sum();
            widths[f] = total.saturating_sub(others).max(24).min(widths[f].max(1));
        }
        let headers: Vec<String> = self.columns.iter().map(|c| c.header.to_string()).collect();
        self.write_line(out, &widths, &headers)?;
        for row in &self.rows {
            let cells: Vec<Vec<String>> = self
                .columns
                .iter()
                .zip(row)
                .zip(&widths)
                .map(|((c, cell), &w)| {
                    if c.flex {
                        wrap(cell, w, max_lines)
                    } else {
                        vec![truncate(cell, w)]
                    }
                })
                .collect();
            let height = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            for line in 0..height {
                let parts: Vec<String> = cells
                    .iter()
                    .map(|c| c.get(line).cloned().unwrap_or_default())
                    .collect();
                self.write_line(out, &widths, &parts)?;
            }
        }
        Ok(())
    }

    fn write_line(
        &self,
        out: &mut impl Write,
        widths: &[usize],
        cells: &[String],
    ) -> io::Result<()> {
        let mut line = String::new();
        for (i, ((c, cell), &w)) in self.columns.iter().zip(cells).zip(widths).enumerate() {
            if i > 0 {
                line.push_str(GUTTER);
            }
            let pad = " ".repeat(w.saturating_sub(width(cell)));
            if c.right {
                line.push_str(&pad);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&pad);
            }
        }
        writeln!(out, "{}", line.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_on_words_and_limits_lines() {
        assert_eq!(
            wrap("talks would resume next week", 11, None),
            ["talks would", "resume next", "week"]
        );
        assert_eq!(
            wrap("talks would resume next week", 11, Some(2)),
            ["talks would", "resume …"]
        );
        assert_eq!(wrap("abcdefghij", 4, None), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("abcdefghijklmnop qrs", 8, Some(1)), ["abcdefg…"]);
        assert!(wrap("", 10, None).is_empty());
    }

    #[test]
    fn truncate_counts_characters() {
        assert_eq!(truncate("İbrahim Kalın", 20), "İbrahim Kalın");
        assert_eq!(truncate("İbrahim Kalın", 8), "İbrahim…");
    }

    #[test]
    fn table_aligns_and_wraps_the_flexible_column() {
        let mut t = Table::new(vec![
            Column::new("DAY", 10),
            Column::new("N", 5).right(),
            Column::new("TEXT", usize::MAX).flex(),
        ]);
        t.push(vec![
            "2024-03-04".into(),
            "7".into(),
            "one two three four five six seven eight nine ten eleven twelve thirteen".into(),
        ]);
        let mut out = Vec::new();
        t.write(&mut out, 40, None).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(
            out,
            "DAY         N  TEXT\n\
             2024-03-04  7  one two three four five\n\
             \x20              six seven eight nine ten\n\
             \x20              eleven twelve thirteen\n"
        );
    }

    #[test]
    fn days_parse_strictly() {
        assert_eq!(
            day_with_weekday(parse_day("2024-03-04").unwrap()),
            "2024-03-04 Mon"
        );
        assert!(parse_day("2024-13-01").is_err());
        assert!(parse_day("yesterday").unwrap_err().contains("YYYY-MM-DD"));
    }
}
