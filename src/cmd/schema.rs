//! `tian schema`: print the JSON Schema of the report record, derived from the library's types.

use std::io::Write;

use crate::cli::Outcome;

/// Print the JSON Schema of the record `tian parse` emits.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: &Args) -> anyhow::Result<Outcome> {
    std::io::stdout().lock().write_all(tian::output::schema().as_bytes())?;
    Ok(Outcome::Ok)
}
