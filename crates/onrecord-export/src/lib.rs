//! The record out, in the formats data people use: Parquet (DuckDB, polars, pandas and Spark
//! read it), JSON lines and CSV, with one typed schema per table for all three
//! (docs/FORMAT.md, "Export").
//!
//! Rows are read from the store one at a time and written in batches of [`BATCH`] rows, so
//! memory stays flat on a record of any size. Each table is a list of [`Column`]s; a row is
//! a list of [`Cell`]s in that order; the three writers read nothing else.

mod tables;
mod writers;

use std::io::Write;

use onrecord_core::Day;
use onrecord_store::RecordStore;

pub use tables::{columns, Column, Kind};

/// Rows per Parquet row group batch (and per flush of the text writers).
pub const BATCH: usize = 8192;

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    Statements,
    Figures,
    Events,
    Speakers,
    Articles,
}

impl Table {
    pub fn as_str(self) -> &'static str {
        match self {
            Table::Statements => "statements",
            Table::Figures => "figures",
            Table::Events => "events",
            Table::Speakers => "speakers",
            Table::Articles => "articles",
        }
    }
}

/// The file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Parquet,
    Jsonl,
    Csv,
}

/// Filters: each applies to the tables it makes sense for (speaker, words and days to
/// statements; speaker, days and outlet to figures and events; outlet and days to articles;
/// the name to speakers).
#[derive(Clone, Debug, Default)]
pub struct Filters {
    pub speaker: Option<String>,
    pub words: Option<String>,
    pub from: Option<Day>,
    pub to: Option<Day>,
    pub outlet: Option<String>,
}

/// One value of a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Null,
    Str(String),
    Int(i64),
    Float(f64),
    Date(Day),
}

impl From<Option<String>> for Cell {
    fn from(v: Option<String>) -> Cell {
        v.map_or(Cell::Null, Cell::Str)
    }
}

impl From<String> for Cell {
    fn from(v: String) -> Cell {
        Cell::Str(v)
    }
}

impl From<Option<Day>> for Cell {
    fn from(v: Option<Day>) -> Cell {
        v.map_or(Cell::Null, Cell::Date)
    }
}

impl From<Option<i64>> for Cell {
    fn from(v: Option<i64>) -> Cell {
        v.map_or(Cell::Null, Cell::Int)
    }
}

impl From<Option<f64>> for Cell {
    fn from(v: Option<f64>) -> Cell {
        v.map_or(Cell::Null, Cell::Float)
    }
}

/// Write `table` of `store` (SQLite or PostgreSQL), filtered, as `format` to `out`.
/// Returns the number of rows.
pub fn export<S: RecordStore>(
    store: &mut S,
    table: Table,
    format: Format,
    filters: &Filters,
    out: impl Write + Send,
) -> anyhow::Result<u64> {
    let cols = columns(table);
    let mut sink = writers::Sink::new(format, table, &cols, out)?;
    tables::rows(store, table, filters, &mut |row| sink.push(row))?;
    sink.finish()
}

#[cfg(test)]
mod tests;
