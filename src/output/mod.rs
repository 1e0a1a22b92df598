//! Output: reports → JSON, JSON Lines, SQLite ([`db`]) and CSV ([`csv`]); and the record's JSON Schema.
//!
//! Reports are written pretty-printed with Chinese text unescaped, fields in the order of the model, so a
//! golden file can be read by a person and diffed line by line. A JSON Lines row is one proposal with its
//! report's context, so it stands alone in any downstream tool. Files are written whole through
//! [`AtomicFile`] (temp file + rename): an interrupted run leaves the previous file, never half of one.

pub mod csv;
pub mod db;

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::model::{Proposal, Report};

/// The report as pretty JSON (UTF-8) with a trailing newline.
///
/// Bytes, not a `String`: checking the UTF-8 serde_json wrote took longer than writing it.
pub fn to_json(report: &Report) -> Vec<u8> {
    // Room for about twice the input, which the record's text and indentation come to (the median
    // report is 1.7 times its input): grown from serde_json's 128 bytes, the buffer was copied nine
    // times per report, which under mimalloc cost a third of the serializing.
    let input = usize::try_from(report.source.bytes).unwrap_or(0);
    let mut out = Vec::with_capacity(input.saturating_mul(2).saturating_add(1024));
    serde_json::to_writer_pretty(&mut out, report).expect("a report always serializes");
    out.push(b'\n');
    out
}

/// The JSON Schema of [`Report`], pretty-printed with a trailing newline.
pub fn schema() -> String {
    let schema = schemars::schema_for!(Report);
    let mut s = serde_json::to_string_pretty(&schema).expect("a schema always serializes");
    s.push('\n');
    s
}

/// One JSON Lines row: a proposal and the context of the report it came from.
#[derive(Debug, Serialize)]
pub struct ProposalLine<'a> {
    pub source_path: Option<&'a str>,
    pub source_sha256: &'a str,
    pub report_title: Option<&'a str>,
    pub region: Option<&'a str>,
    pub session_label: Option<&'a str>,
    pub term: Option<u32>,
    pub meeting: Option<u32>,
    #[serde(flatten)]
    pub proposal: &'a Proposal,
}

/// Writes the proposals of `report` as JSON Lines.
pub fn write_jsonl(report: &Report, out: &mut impl Write) -> io::Result<()> {
    let session = report.session.as_ref();
    for proposal in &report.proposals {
        let line = ProposalLine {
            source_path: report.source.path.as_deref(),
            source_sha256: &report.source.sha256,
            report_title: report.title.as_deref(),
            region: report.region.as_deref(),
            session_label: session.map(|s| s.label.as_str()),
            term: session.and_then(|s| s.term),
            meeting: session.and_then(|s| s.meeting),
            proposal,
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// A file written under a temporary name and renamed into place by [`AtomicFile::commit`]; dropped
/// without a commit, it leaves the target untouched and removes the temporary.
#[derive(Debug)]
pub struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    file: Option<BufWriter<File>>,
}

impl AtomicFile {
    pub fn create(target: &Path) -> io::Result<AtomicFile> {
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let temp = target.with_file_name(format!(".{name}.tian-{}.tmp", std::process::id()));
        let file = BufWriter::new(File::create(&temp)?);
        Ok(AtomicFile { target: target.to_owned(), temp, file: Some(file) })
    }

    /// Renames the finished file into place. No fsync: this guards against tian being interrupted (the
    /// rename is atomic), not against power loss, and a flush per file would cost more than parsing it.
    pub fn commit(mut self) -> io::Result<()> {
        if let Some(file) = self.file.take() {
            file.into_inner().map_err(io::IntoInnerError::into_error)?;
        }
        fs::rename(&self.temp, &self.target)
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.as_mut().map_or(Ok(0), |f| f.write(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.as_mut().map_or(Ok(()), BufWriter::flush)
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// Writes `contents` to `path` whole, unless the file already holds exactly that (keeps its mtime).
pub fn write_if_changed(path: &Path, contents: &[u8]) -> io::Result<()> {
    if fs::read(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    let mut file = AtomicFile::create(path)?;
    file.write_all(contents)?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_uncommitted_file_leaves_the_target_alone() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("proposals.jsonl");
        fs::write(&target, "old\n").unwrap();
        let mut file = AtomicFile::create(&target).unwrap();
        file.write_all(b"half of the new").unwrap();
        drop(file);
        assert_eq!(fs::read_to_string(&target).unwrap(), "old\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "the temporary is gone");

        let mut file = AtomicFile::create(&target).unwrap();
        file.write_all(b"new\n").unwrap();
        file.commit().unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
