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
