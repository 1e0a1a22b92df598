//! The `tian` command line: a thin layer over the library. Errors print as one line naming the file;
//! a closed pipe (`tian parse x.txt | head`) is not an error. The binary (`src/main.rs`) and the Python
//! package's `tian` command (`python/src/lib.rs`) both run [`run`].

// Named by path so that the file means the same wherever it is included from.
#[path = "cmd/mod.rs"]
mod cmd;

use std::ffi::OsString;
use std::io::{self, Write};

use clap::{Parser, Subcommand};

/// Turn Chinese CPPCC (政协) key-proposal handling summaries into normalized JSON records.
#[derive(Debug, Parser)]
// `about` is this doc comment, not the crate's description: the Python extension builds this file into
// a crate of its own.
#[command(name = "tian", version)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Convert(cmd::convert::Args),
    Diff(cmd::diff::Args),
    Parse(cmd::parse::Args),
    Schema(cmd::schema::Args),
}

/// What a command tells `main` to exit with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Ok,
    /// Exit 1: done, but with something to report: files failed, warnings under `--strict`, differences.
    Problems,
}

/// Runs the command line `args` (the program's name first) and gives the exit code: 0 done, 1 done with
/// problems, 2 failed (said on stderr).
pub fn run(args: impl IntoIterator<Item = OsString>) -> u8 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            // Help and version go to stdout and exit 0, usage errors to stderr and exit 2, as clap does.
            let _ = err.print();
            return if err.use_stderr() { 2 } else { 0 };
        }
    };
    let result = match cli.command {
        Command::Convert(args) => cmd::convert::run(&args),
        Command::Diff(args) => cmd::diff::run(&args),
        Command::Parse(args) => cmd::parse::run(&args),
        Command::Schema(args) => cmd::schema::run(&args),
    };
    match result {
        Ok(Outcome::Ok) => 0,
        Ok(Outcome::Problems) => 1,
        Err(err) if is_broken_pipe(&err) => 0,
        Err(err) => {
            let _ = writeln!(io::stderr(), "tian: {}", message(&err));
            2
        }
    }
}

/// The error and its causes, each said once. The library's errors already say their cause in their
/// message, for callers who print only that, and anyhow's `{:#}` would say it again; a cause that only
/// adds a code to the one before it (SQLite's `Error code 26: file is not a database`) adds nothing.
fn message(err: &anyhow::Error) -> String {
    let mut text = err.to_string();
    let mut before = text.clone();
    for cause in err.chain().skip(1) {
        let cause = cause.to_string();
        if !text.contains(&cause) && !cause.contains(&before) {
            text = format!("{text}: {cause}");
        }
        before = cause;
    }
    text
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn causes_are_said_once() {
        let io = std::io::Error::other("disk full");
        let said = anyhow::Error::from(tian::batch::BatchError::Output { path: "out/a".into(), source: io });
        assert_eq!(super::message(&said), "out/a: cannot write output: disk full");
        let said = anyhow::Error::from(std::io::Error::other("disk full")).context("writing out/a");
        assert_eq!(super::message(&said), "writing out/a: disk full");
    }

    #[test]
    fn cli_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
