//! The `tian` command line: a thin layer over the library, in [`cli`], which the Python package's
//! `tian` command runs too.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(cli::run(std::env::args_os()))
}
