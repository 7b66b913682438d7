use std::process::ExitCode;

use crate::Cli;

#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_cli: &Cli, _args: &Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("'onrecord quotes' is not built yet")
}
