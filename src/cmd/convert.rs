//! `tian convert INPUT... --out DIR`: convert many documents into JSON, JSON Lines, SQLite and CSV.

use std::io::IsTerminal;
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tian::batch::{self, Config, Event, Summary, Walk};
use tian::{FileName, Options};

use crate::cli::Outcome;

/// Convert files and folders of proposal summaries in one go.
///
/// Writes DIR/<path>.json for each input (mirroring the input tree), DIR/proposals.jsonl,
/// DIR/proposals.db (SQLite) and, with --csv, DIR/proposals.csv and DIR/outcomes.csv. Files that cannot be
/// converted are reported as `path: reason` on stderr and listed in DIR/errors.jsonl; the rest go on.
/// The reports of inputs given to the run that are gone or now fail are removed (--accumulate keeps them).
///
/// Exit codes: 0 all converted; 1 some files failed; 2 bad arguments or an output that cannot be written.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files and folders to convert; folders are walked recursively.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// The output folder (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Which files to take from folders, matched against the path below the folder, in any case.
    #[arg(long, default_value = "*.{txt,htm,html,docx,pdf}", value_name = "GLOB")]
    pub glob: String,
    /// Also take hidden files and folders (names starting with a dot).
    #[arg(long)]
    pub hidden: bool,
    /// Follow symbolic links inside folders.
    #[arg(long)]
    pub follow_links: bool,
    /// Threads parsing at once; the writer and the database have a thread each besides [default: one a
    /// core].
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Where to write the SQLite database [default: DIR/proposals.db].
    #[arg(long, value_name = "PATH", conflicts_with = "no_db")]
    pub db: Option<PathBuf>,
    /// Do not write the SQLite database.
    #[arg(long)]
    pub no_db: bool,
    /// Also write DIR/proposals.csv and DIR/outcomes.csv (UTF-8 with BOM, for Excel and WPS).
    #[arg(long)]
    pub csv: bool,
    /// Keep the outputs of inputs that are gone or now fail; by default a run removes them, among its
    /// own inputs.
    #[arg(long)]
    pub accumulate: bool,
    /// Rewrite database rows even for inputs that have not changed.
    #[arg(long)]
    pub force: bool,
    /// Fail files larger than this many bytes instead of reading them.
    #[arg(long, default_value_t = 64 * 1024 * 1024, value_name = "BYTES")]
    pub max_bytes: u64,
    /// Read every input in this encoding instead of detecting it.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// No progress bar, no files with warnings and no summary line; failures are still reported.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

pub fn run(args: &Args) -> anyhow::Result<Outcome> {
    let encoding =
        args.encoding.as_deref().map(|label| tian::encoding_for_label(label, &FileName(None))).transpose()?;
    let walk = Walk {
        glob: args.glob.clone(),
        hidden: args.hidden,
        follow_links: args.follow_links,
        out: Some(args.out.clone()),
    };
    let inputs = batch::inputs(&args.inputs, &walk)?;
    let config = Config {
        out: args.out.clone(),
        db: (!args.no_db).then(|| args.db.clone().unwrap_or_else(|| args.out.join(batch::DB))),
        csv: args.csv,
        force: args.force,
        max_bytes: args.max_bytes,
        jobs: args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        parse: Options { encoding },
        scope: batch::Scope::of(&args.inputs),
        accumulate: args.accumulate,
    };
    batch::check_db(&config, &args.inputs, &walk)?;

    // The bar's total needs a counting walk first (cheap: names only); done only when the bar is shown.
    let bar = if args.quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let total = batch::inputs(&args.inputs, &walk)?.count() as u64;
        ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
    };
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed} {wide_msg}")
            .expect("valid template"),
    );
    let summary = batch::convert(inputs, &config, |event| {
        match event {
            Event::Failed(f) => bar.suspend(|| eprintln!("{}: {}", f.name, f.reason)),
            Event::Converted { input, report } if !args.quiet => {
                let warnings = report.warnings().count();
                if warnings > 0 {
                    let s = if warnings == 1 { "" } else { "s" };
                    bar.suspend(|| {
                        eprintln!("{}: {warnings} warning{s} (tian parse shows them)", input.name);
                    });
                }
            }
            Event::Converted { .. } => {}
            Event::Lost { report, reason } => {
                bar.suspend(|| eprintln!("{}: {reason}", tian::path_text(report)));
                return;
            }
        }
        bar.inc(1);
    })?;
    bar.finish_and_clear();
    if !args.quiet {
        eprintln!("{}", summary_line(&summary, config.db.is_some()));
    }
    Ok(if summary.failed > 0 { Outcome::Problems } else { Outcome::Ok })
}

/// `converted 398 files (2,734 proposals, 12 warnings in 5 files), 2 failed, 1 removed, 20.1 MB in 0.31 s
/// (64.8 MB/s)`
fn summary_line(s: &Summary, db: bool) -> String {
    let (mb, secs) = (s.bytes as f64 / 1e6, s.elapsed.as_secs_f64());
    let mut line = format!(
        "converted {} files ({} proposals, {} warnings in {} files), {} failed, {} removed, {mb:.1} MB in \
         {secs:.2} s",
        thousands(s.converted),
        thousands(s.proposals),
        thousands(s.warnings),
        thousands(s.files_with_warnings),
        thousands(s.failed),
        thousands(s.removed),
    );
    if s.bytes > 0 && secs > 0.0 {
        line += &format!(" ({:.1} MB/s)", mb / secs);
    }
    if db {
        line += &format!(
            "; database: {} written, {} unchanged",
            thousands(s.db_written),
            thousands(s.db_unchanged)
        );
    }
    line
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rate is what the issue of speed asks a run to report, so a reader need not divide.
    #[test]
    fn the_last_line_gives_the_rate() {
        let s = Summary {
            converted: 20_792,
            proposals: 166_274,
            warnings: 2_198,
            files_with_warnings: 1_203,
            bytes: 209_700_000,
            db_written: 20_792,
            elapsed: std::time::Duration::from_millis(4_610),
            ..Summary::default()
        };
        assert_eq!(
            summary_line(&s, true),
            "converted 20,792 files (166,274 proposals, 2,198 warnings in 1,203 files), 0 failed, 0 removed, \
             209.7 MB in 4.61 s (45.5 MB/s); database: 20,792 written, 0 unchanged"
        );
        // Nothing converted, nothing timed: no rate to give.
        assert_eq!(
            summary_line(&Summary::default(), false),
            "converted 0 files (0 proposals, 0 warnings in 0 files), 0 failed, 0 removed, 0.0 MB in 0.00 s"
        );
    }

    #[test]
    fn numbers_get_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(2734), "2,734");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
