//! Error: why a whole file could not be turned into a report.
//!
//! Problems inside a document that still yields a report are [`crate::model::Diagnostic`]s, not errors.
//! An error always names the file (and the line or byte where one applies) so that one line on stderr is
//! enough for the user to find it in a batch of thousands.

use std::fmt;

/// The file an error is about: a path, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileName(pub Option<String>);

impl fmt::Display for FileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(p) => f.write_str(p),
            None => f.write_str("<stdin>"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{file}: cannot read: {source}")]
    Io {
        file: FileName,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: empty file (no text at all)")]
    Empty { file: FileName },
    #[error("{file}: {what}")]
    NotText { file: FileName, what: String },
    #[error("{file}: cannot read this {what}: {why}")]
    Refused { file: FileName, what: &'static str, why: String },
    #[error("{file}: line {line}: NUL byte at byte offset {offset}: looks like a binary file, not text")]
    Binary { file: FileName, line: usize, offset: usize },
    #[error(
        "{file}: no proposal block found in {}{} (expected a line such as 第322号提案)",
        if *lines == 1 { "1 line".to_owned() } else { format!("{lines} lines") },
        forced.map(|e| format!(", read as {e}, the encoding asked for")).unwrap_or_default()
    )]
    NoProposals {
        file: FileName,
        lines: usize,
        /// The encoding the text was read in when it was asked for rather than detected: then it is the
        /// likelier mistake.
        forced: Option<&'static str>,
    },
    #[error("{file}: unknown encoding {label:?} (try UTF-8, GB18030, GBK, Big5, UTF-16LE, UTF-16BE)")]
    UnknownEncoding { file: FileName, label: String },
    #[error("{file}: {what}, not a regular file; name a text file")]
    NotRegular { file: FileName, what: &'static str },
}

impl Error {
    /// The file the error is about.
    pub fn file(&self) -> &FileName {
        match self {
            Error::Io { file, .. }
            | Error::Empty { file }
            | Error::NotText { file, .. }
            | Error::Refused { file, .. }
            | Error::Binary { file, .. }
            | Error::NoProposals { file, .. }
            | Error::UnknownEncoding { file, .. }
            | Error::NotRegular { file, .. } => file,
        }
    }
}
