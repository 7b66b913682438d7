//! One module per subcommand; each exposes `Args` (clap) and `run`.

pub mod copy;
pub mod database;
pub mod eval;
pub mod events;
pub mod export;
pub mod extract;
pub mod fetching;
pub mod figures;
pub mod ingest;
pub mod learn_cues;
pub mod quotes;
pub mod reanalyze;
pub mod serve;
pub mod speakers;
pub mod watch;

use std::path::Path;

use anyhow::Context;
use onrecord_analysis::Models;

/// The learned tables to analyse with: those `learn-cues` wrote into `dir`, else the built-in
/// ones. A missing or foreign table is an error naming its file, before any article is read.
pub(crate) fn models(dir: Option<&Path>) -> anyhow::Result<std::borrow::Cow<'static, Models>> {
    let Some(dir) = dir else {
        return Ok(std::borrow::Cow::Borrowed(Models::builtin()));
    };
    let mut tables: [String; 4] = Default::default();
    for (table, name) in tables.iter_mut().zip(Models::FILES) {
        let path = dir.join(name);
        *table = std::fs::read_to_string(&path).with_context(|| {
            format!(
                "cannot read {} (--models takes a folder written by `onrecord learn-cues --out`)",
                path.display()
            )
        })?;
    }
    let models = Models::from_tables(tables.each_ref().map(String::as_str))
        .map_err(|e| anyhow::anyhow!("{}/{e}", dir.display()))?;
    Ok(std::borrow::Cow::Owned(models))
}
