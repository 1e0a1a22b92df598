//! The `tian` command line: a thin layer over the library. Errors print as one line naming the file;
//! a closed pipe (`tian parse x.txt | head`) is not an error.

mod cmd;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc, not glibc's malloc: a record is hundreds of small strings, and with mimalloc the parser is
/// 14-18% faster. Its 2.x line, because it hands freed memory back within milliseconds: under 3.x's
/// longer purge delay the peak memory of `tian convert` passed 100 MB.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turn Chinese CPPCC (政协) key-proposal handling summaries into normalized JSON records.
#[derive(Debug, Parser)]
#[command(name = "tian", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Convert(cmd::convert::Args),
    #[command(hide = true)]
    Corpus(cmd::corpus::Args),
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Convert(args) => cmd::convert::run(&args),
        Command::Corpus(args) => cmd::corpus::run(&args),
        Command::Diff(args) => cmd::diff::run(&args),
        Command::Parse(args) => cmd::parse::run(&args),
        Command::Schema(args) => cmd::schema::run(&args),
    };
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Problems) => ExitCode::from(1),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let _ = writeln!(io::stderr(), "tian: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
