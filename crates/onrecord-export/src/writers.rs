//! One sink per format, each fed rows of [`Cell`]s in column order. Parquet rows wait in
//! Arrow builders and go out as a record batch every [`BATCH`] rows; JSON lines and CSV go
//! out through a buffered writer as they come.

use std::io::{BufWriter, Write};
use std::sync::Arc;

use arrow_array::builder::{Date32Builder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use chrono::NaiveDate;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use serde_json::{Map, Value};

use crate::tables::{Column, Kind};
use crate::{Cell, Format, Table, BATCH};

pub(crate) enum Sink<W: Write + Send> {
    Parquet(ParquetSink<W>),
    Jsonl {
        out: BufWriter<W>,
        cols: Vec<Column>,
        rows: u64,
    },
    Csv {
        out: csv::Writer<BufWriter<W>>,
        rows: u64,
    },
}

impl<W: Write + Send> Sink<W> {
    pub fn new(format: Format, table: Table, cols: &[Column], out: W) -> anyhow::Result<Self> {
        Ok(match format {
            Format::Parquet => Sink::Parquet(ParquetSink::new(table, cols, out)?),
            Format::Jsonl => Sink::Jsonl {
                out: BufWriter::new(out),
                cols: cols.to_vec(),
                rows: 0,
            },
            Format::Csv => {
                let mut w = csv::Writer::from_writer(BufWriter::new(out));
                w.write_record(cols.iter().map(|c| c.name))?;
                Sink::Csv { out: w, rows: 0 }
            }
        })
    }

    pub fn push(&mut self, row: Vec<Cell>) -> anyhow::Result<()> {
        match self {
            Sink::Parquet(p) => p.push(row),
            Sink::Jsonl { out, cols, rows } => {
                let mut m = Map::new();
                for (c, cell) in cols.iter().zip(row) {
                    m.insert(c.name.into(), json(cell));
                }
                serde_json::to_writer(&mut *out, &Value::Object(m))?;
                out.write_all(b"\n")?;
                *rows += 1;
                Ok(())
            }
            Sink::Csv { out, rows } => {
                out.write_record(row.into_iter().map(text))?;
                *rows += 1;
                Ok(())
            }
        }
    }

    /// Write what waits and close the file (a Parquet file's footer); the number of rows.
    pub fn finish(self) -> anyhow::Result<u64> {
        match self {
            Sink::Parquet(p) => p.finish(),
            Sink::Jsonl { mut out, rows, .. } => {
                out.flush()?;
                Ok(rows)
            }
            Sink::Csv { mut out, rows } => {
                out.flush()?;
                Ok(rows)
            }
        }
    }
}

fn json(cell: Cell) -> Value {
    match cell {
        Cell::Null => Value::Null,
        Cell::Str(s) => Value::from(s),
        Cell::Int(i) => Value::from(i),
        Cell::Float(f) => Value::from(f),
        Cell::Date(d) => Value::from(d.to_string()),
    }
}

fn text(cell: Cell) -> String {
    match cell {
        Cell::Null => String::new(),
        Cell::Str(s) => s,
        Cell::Int(i) => i.to_string(),
        Cell::Float(f) => f.to_string(),
        Cell::Date(d) => d.to_string(),
    }
}

/// The Arrow schema of a table's columns.
pub(crate) fn schema(cols: &[Column]) -> SchemaRef {
    Arc::new(Schema::new(
        cols.iter()
            .map(|c| {
                let t = match c.kind {
                    Kind::Str => DataType::Utf8,
                    Kind::Int => DataType::Int64,
                    Kind::Float => DataType::Float64,
                    Kind::Date => DataType::Date32,
                };
                Field::new(c.name, t, c.nullable)
            })
            .collect::<Vec<_>>(),
    ))
}

enum Builder {
    Str(StringBuilder),
    Int(Int64Builder),
    Float(Float64Builder),
    Date(Date32Builder),
}

pub(crate) struct ParquetSink<W: Write + Send> {
    writer: ArrowWriter<W>,
    schema: SchemaRef,
    builders: Vec<Builder>,
    waiting: usize,
    rows: u64,
    table: Table,
}

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid day")
}

impl<W: Write + Send> ParquetSink<W> {
    fn new(table: Table, cols: &[Column], out: W) -> anyhow::Result<Self> {
        let schema = schema(cols);
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("onrecord {}", env!("CARGO_PKG_VERSION")))
            .build();
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(props))?;
        Ok(ParquetSink {
            writer,
            schema,
            builders: cols.iter().map(|c| builder(c.kind)).collect(),
            waiting: 0,
            rows: 0,
            table,
        })
    }

    fn push(&mut self, row: Vec<Cell>) -> anyhow::Result<()> {
        for (b, cell) in self.builders.iter_mut().zip(row) {
            match (b, cell) {
                (Builder::Str(b), Cell::Str(s)) => b.append_value(s),
                (Builder::Int(b), Cell::Int(i)) => b.append_value(i),
                (Builder::Float(b), Cell::Float(f)) => b.append_value(f),
                (Builder::Float(b), Cell::Int(i)) => b.append_value(i as f64),
                (Builder::Date(b), Cell::Date(d)) => {
                    b.append_value((d - epoch()).num_days() as i32)
                }
                (Builder::Str(b), _) => b.append_null(),
                (Builder::Int(b), _) => b.append_null(),
                (Builder::Float(b), _) => b.append_null(),
                (Builder::Date(b), _) => b.append_null(),
            }
        }
        self.waiting += 1;
        self.rows += 1;
        if self.waiting >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> anyhow::Result<()> {
        if self.waiting == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self
            .builders
            .iter_mut()
            .map(|b| -> ArrayRef {
                match b {
                    Builder::Str(b) => Arc::new(b.finish()),
                    Builder::Int(b) => Arc::new(b.finish()),
                    Builder::Float(b) => Arc::new(b.finish()),
                    Builder::Date(b) => Arc::new(b.finish()),
                }
            })
            .collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays).map_err(|e| {
            anyhow::anyhow!(
                "{} export: a row does not fit the schema: {e}",
                self.table.as_str()
            )
        })?;
        self.writer.write(&batch)?;
        self.waiting = 0;
        Ok(())
    }

    fn finish(mut self) -> anyhow::Result<u64> {
        self.flush()?;
        self.writer.close()?;
        Ok(self.rows)
    }
}

fn builder(kind: Kind) -> Builder {
    match kind {
        Kind::Str => Builder::Str(StringBuilder::new()),
        Kind::Int => Builder::Int(Int64Builder::new()),
        Kind::Float => Builder::Float(Float64Builder::new()),
        Kind::Date => Builder::Date(Date32Builder::new()),
    }
}
