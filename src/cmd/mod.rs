//! One module per subcommand: its arguments (the doc comments are the help text) and its `run`.

pub mod convert;
pub mod diff;
pub mod parse;
pub mod schema;
