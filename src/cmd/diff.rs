//! `tian diff OLD NEW`: compare two reports, year over year or two editions of one report.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use tian::diff::{self, DEFAULT_THRESHOLD};
use tian::{Options, Report};

use crate::cli::Outcome;

/// Compare two reports: documents, statistics, matched proposals and their changed fields, aggregates.
///
/// Each side is a text file (parsed on the fly) or a JSON report written by `tian parse` or
/// `tian convert`. Proposals of the same session are matched by docket number, of different sessions by
/// title similarity. Exit codes as diff(1): 0 no differences, 1 differences, 2 error.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The older report (.txt, or .json from tian).
    pub old: PathBuf,
    /// The newer report.
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Title similarity (0–1) from which two proposals of different sessions are taken as the same topic.
    #[arg(long, default_value_t = DEFAULT_THRESHOLD, value_parser = parse_threshold, value_name = "SCORE")]
    pub threshold: f64,
    /// Colour the text format.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For reading in a terminal.
    Text,
    /// A stable structure for programs (see the README).
    Json,
    /// For pasting into a write-up.
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Color {
    /// When standard output is a terminal.
    Auto,
    Always,
    Never,
}

fn parse_threshold(s: &str) -> Result<f64, String> {
    let t: f64 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if (0.0..=1.0).contains(&t) { Ok(t) } else { Err(format!("{t} is not between 0 and 1")) }
}

/// A report from a tian JSON file, or parsed from text.
fn load(path: &Path) -> anyhow::Result<Report> {
    if !path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
        return Ok(tian::parse_file(path, &Options::default())?);
    }
    let name = path.to_string_lossy();
    let bytes = std::fs::read(path)
        .map_err(|source| tian::Error::Io { file: tian::FileName(Some(name.to_string())), source })?;
    serde_json::from_slice(&bytes)
        .with_context(|| format!("{name}: not a report written by tian parse or tian convert"))
}

pub fn run(args: &Args) -> anyhow::Result<Outcome> {
    let (old, new) = (load(&args.old)?, load(&args.new)?);
    let d = diff::diff(&old, &new, args.threshold);
    let mut out = std::io::stdout().lock();
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => out.is_terminal(),
    };
    let rendered = match args.format {
        Format::Text => diff::render::text(&d, color),
        Format::Markdown => diff::render::markdown(&d),
        Format::Json => serde_json::to_string_pretty(&d)? + "\n",
    };
    out.write_all(rendered.as_bytes())?;
    Ok(if d.differences == 0 { Outcome::Ok } else { Outcome::Problems })
}
