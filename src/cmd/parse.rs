//! `tian parse FILE`: parse one document and print its report as JSON.

use std::io::{Read, Write};
use std::path::PathBuf;

use anyhow::Context;
use tian::{FileName, Options};

use crate::cli::Outcome;

/// Parse one proposal-handling summary and print its JSON report.
///
/// Warnings are printed on stderr as `path:line: warning[code]: message` (--quiet hides them).
///
/// Exit codes: 0 parsed; 1 parsed with warnings and --strict given; 2 the file could not be parsed
/// (unreadable, empty, binary, no proposal block) or bad arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document to parse (text, web page, DOCX or PDF); `-` reads standard input.
    pub file: PathBuf,
    /// Read the input in this encoding instead of detecting it (UTF-8, GB18030, GBK, Big5, UTF-16LE …).
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// Exit with 1 when the report has any warning.
    #[arg(long)]
    pub strict: bool,
    /// Print one proposal per line (JSON Lines, each with its report's context) instead of the report.
    #[arg(long)]
    pub jsonl: bool,
    /// Print the text tian reads of the file (decoded; a web page's text; a DOCX's or PDF's, a form
    /// feed where a page begins), whose lines the warnings name, instead of the report.
    #[arg(long, conflicts_with_all = ["jsonl", "strict"])]
    pub text: bool,
    /// Do not print the warnings on stderr (they are in the report all the same).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

pub fn run(args: &Args) -> anyhow::Result<Outcome> {
    let stdin = args.file.as_os_str() == "-";
    let file = FileName((!stdin).then(|| tian::path_text(&args.file)));
    let encoding = args.encoding.as_deref().map(|l| tian::encoding_for_label(l, &file)).transpose()?;
    let options = Options { encoding };
    if args.text {
        let bytes = if stdin {
            let mut buf = Vec::new();
            std::io::stdin().lock().read_to_end(&mut buf).context("<stdin>: cannot read")?;
            buf
        } else {
            tian::regular_file_size(&args.file)?; // a pipe is never waited on
            std::fs::read(&args.file).with_context(|| format!("{file}: cannot read"))?
        };
        std::io::stdout().lock().write_all(tian::text(&bytes, file.0.as_deref(), &options)?.as_bytes())?;
        return Ok(Outcome::Ok);
    }
    let report = if stdin {
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf).context("<stdin>: cannot read")?;
        tian::parse(&buf, None, &options)?
    } else {
        tian::parse_file(&args.file, &options)?
    };
    if !args.quiet {
        let mut stderr = std::io::stderr().lock();
        let name = file.to_string();
        for d in report.warnings() {
            let at = d.line.map(|l| format!(":{l}")).unwrap_or_default();
            writeln!(stderr, "{name}{at}: warning[{}]: {}", d.code, d.message)?;
        }
    }
    let mut stdout = std::io::stdout().lock();
    if args.jsonl {
        stdout.write_all(&tian::output::to_jsonl(&report))?;
    } else {
        stdout.write_all(&tian::output::to_json(&report))?;
    }
    Ok(if args.strict && report.has_warnings() { Outcome::Problems } else { Outcome::Ok })
}
