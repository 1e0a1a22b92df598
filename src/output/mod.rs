//! Output: reports → JSON, JSON Lines, SQLite ([`db`]) and CSV ([`csv`]); and the record's JSON Schema.
//!
//! Reports are written pretty-printed with Chinese text unescaped, fields in the order of the model, so a
//! golden file can be read by a person and diffed line by line. A JSON Lines row is one proposal with its
//! report's context, so it stands alone in any downstream tool. Files are written whole through
//! [`AtomicFile`] (temp file + rename): an interrupted run leaves the previous file, never half of one.

pub mod csv;
pub mod db;

use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::model::{Proposal, Report};

/// The report as pretty JSON (UTF-8) with a trailing newline.
///
/// Bytes, not a `String`: checking the UTF-8 the serializer wrote took longer than writing it.
pub fn to_json(report: &Report) -> Vec<u8> {
    let mut out = Vec::with_capacity(output_room(report));
    write_json(&mut out, report).expect("a report always serializes into memory");
    out
}

/// Room for about twice the input, which a report's JSON comes to (the median report is 1.7 times
/// its input; its JSON Lines a little less): grown from a small buffer, the output is copied nine
/// times per report.
fn output_room(report: &Report) -> usize {
    let input = usize::try_from(report.source.bytes).unwrap_or(0);
    input.saturating_mul(2).saturating_add(1024)
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
    pub source_format: &'a str,
    pub report_title: Option<&'a str>,
    pub region: Option<&'a str>,
    pub session_label: Option<&'a str>,
    pub term: Option<u32>,
    pub meeting: Option<u32>,
    pub issuer: Option<&'a str>,
    /// The report's date, ISO 8601.
    pub report_date: Option<&'a str>,
    #[serde(flatten)]
    pub proposal: &'a Proposal,
}

/// The proposals of `report` as JSON Lines, each row ending in a newline. The rows repeat the
/// report's context but drop the indentation: about 0.9 times the report's JSON.
pub fn to_jsonl(report: &Report) -> Vec<u8> {
    let mut out = Vec::with_capacity(output_room(report));
    write_jsonl(&mut out, report).expect("a report always serializes into memory");
    out
}

/// Writes the report as pretty JSON through `w`, straight to a file for a report too large to hold its
/// JSON in memory beside it; [`to_json`] into memory.
pub fn write_json(w: &mut impl Write, report: &Report) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, report)?;
    w.write_all(b"\n")
}

/// Writes the JSON Lines of the report through `w` ([`write_json`]).
pub fn write_jsonl(w: &mut impl Write, report: &Report) -> io::Result<()> {
    for line in proposal_lines(report) {
        serde_json::to_writer(&mut *w, &line)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// The rows of [`to_jsonl`], one a proposal.
fn proposal_lines(report: &Report) -> impl Iterator<Item = ProposalLine<'_>> {
    let session = report.session.as_ref();
    report.proposals.iter().map(move |proposal| ProposalLine {
        source_path: report.source.path.as_deref(),
        source_sha256: &report.source.sha256,
        source_format: report.source.format.as_str(),
        report_title: report.title.as_deref(),
        region: report.region.as_deref(),
        session_label: session.map(|s| s.label.as_str()),
        term: session.and_then(|s| s.term),
        meeting: session.and_then(|s| s.meeting),
        issuer: report.issuer.as_deref(),
        report_date: report.date.as_ref().map(|d| d.iso.as_str()),
        proposal,
    })
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

/// Whether a file name is one of the temporary names of [`AtomicFile`] (`.a.json.tian-1234.tmp`).
pub fn is_temporary(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    let Some(rest) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else { return false };
    rest.rsplit_once(".tian-").is_some_and(|(base, pid)| {
        !base.is_empty() && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())
    })
}

/// How every report tian writes begins ([`to_json`]).
const REPORT_START: &[u8] = b"{\n  \"schema_version\": ";

/// Whether the file at `path` is a report tian wrote (by how it begins).
pub fn is_report(path: &Path) -> bool {
    let mut start = [0; REPORT_START.len()];
    File::open(path).and_then(|mut f| f.read_exact(&mut start)).is_ok() && start == REPORT_START
}

/// Writes a report's JSON to `path` whole, unless the file already holds exactly that (keeps its
/// mtime). Only a report tian wrote is replaced: a file of the user's own there (an `x.json` beside
/// `x.txt` when the output folder is the input folder) is an error of kind `AlreadyExists`. The file
/// is read once, for both questions; a large one a block at a time ([`write_report_with`]).
pub fn write_report(path: &Path, contents: &[u8]) -> io::Result<()> {
    if contents.len() > STREAMED {
        return write_report_with(path, |w| w.write_all(contents));
    }
    match fs::read(path) {
        Ok(old) if old == contents => return Ok(()),
        Ok(old) if !old.starts_with(REPORT_START) => return Err(not_ours()),
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let mut file = AtomicFile::create(path)?;
    file.write_all(contents)?;
    file.commit()
}

/// Reports larger than this are compared with their old file a block at a time ([`write_report_with`]).
const STREAMED: usize = 4 << 20;

/// Writes a report's JSON, as `write` makes it, to `path`, as [`write_report`] does, holding neither it
/// nor the old file in memory: it is written under the temporary name, then compared with the old file
/// a block at a time, and renamed into place only if they differ.
pub fn write_report_with(
    path: &Path,
    write: impl FnOnce(&mut AtomicFile) -> io::Result<()>,
) -> io::Result<()> {
    let old = match File::open(path) {
        Ok(mut old) => {
            let mut start = [0; REPORT_START.len()];
            if old.read_exact(&mut start).is_err() || start != REPORT_START {
                return Err(not_ours());
            }
            Some(old)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let mut file = AtomicFile::create(path)?;
    write(&mut file)?;
    file.flush()?;
    if let Some(mut old) = old {
        let mut new = File::open(&file.temp)?;
        new.read_exact(&mut [0; REPORT_START.len()])?;
        if same_bytes(&mut old, &mut new)? {
            return Ok(()); // dropped uncommitted: the temporary goes, the old file keeps its mtime
        }
    }
    file.commit()
}

/// Whether two readers give the same bytes to their ends.
fn same_bytes(a: &mut impl Read, b: &mut impl Read) -> io::Result<bool> {
    let (mut x, mut y) = (vec![0; 1 << 16], vec![0; 1 << 16]);
    loop {
        let n = read_full(a, &mut x)?;
        if n != read_full(b, &mut y)? || x[..n] != y[..n] {
            return Ok(false);
        }
        if n < x.len() {
            return Ok(true);
        }
    }
}

/// Reads until `buf` is full or the reader ends; gives how many bytes were read.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

fn not_ours() -> io::Error {
    io::Error::new(
        io::ErrorKind::AlreadyExists,
        "a file that is not a report tian wrote is there; not overwritten (rename it, or give another --out)",
    )
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::{Code, Diagnostic, Session};

    /// Written a block at a time: an unchanged report is left alone, a changed one replaced, a file of
    /// the user's own refused; no temporary is left behind.
    #[test]
    fn large_reports_are_compared_a_block_at_a_time() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("r.json");
        let report = |fill: u8, n: usize| [REPORT_START, &vec![fill; n]].concat();
        let big = report(b'a', (1 << 16) * 3 + 5);
        write_report_with(&path, |w| w.write_all(&big)).unwrap();
        assert_eq!(fs::read(&path).unwrap(), big);
        let when = fs::metadata(&path).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        write_report_with(&path, |w| w.write_all(&big)).unwrap();
        assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), when, "unchanged: left alone");
        for other in [report(b'a', (1 << 16) * 3 + 4), report(b'a', (1 << 16) * 3 + 6), report(b'b', 10)] {
            write_report_with(&path, |w| w.write_all(&other)).unwrap();
            assert_eq!(fs::read(&path).unwrap(), other);
        }
        fs::write(&path, "my own notes").unwrap();
        let refused = write_report_with(&path, |w| w.write_all(&big)).unwrap_err();
        assert_eq!(refused.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"my own notes");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["r.json"]);
    }

    #[test]
    fn temporary_names_are_told_from_others() {
        let tmp = tempfile::TempDir::new().unwrap();
        let file = AtomicFile::create(&tmp.path().join("a.json")).unwrap();
        let made: Vec<_> = fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(made.len(), 1);
        assert!(is_temporary(&made[0]), "{made:?}");
        drop(file);
        for other in [
            "a.json",
            ".tian-1.tmp",
            ".a.json.tian-.tmp",
            ".a.tian-12x.tmp",
            "notes.tmp",
            ".a.json.tian-1.tmp~",
        ] {
            assert!(!is_temporary(other.as_ref()), "{other}");
        }
    }

    #[test]
    fn a_report_tian_wrote_may_be_replaced_and_nothing_else() {
        let tmp = tempfile::TempDir::new().unwrap();
        let path = tmp.path().join("a.json");
        let sample = include_bytes!("../../input/xiaoshan-15-3-key-proposals.txt");
        let json = to_json(&crate::parse(sample, None, &crate::Options::default()).unwrap());
        write_report(&path, &json).unwrap();
        write_report(&path, &[&json[..], b" "].concat()).unwrap();
        fs::write(&path, "{\"notes\": 1}").unwrap();
        let refused = write_report(&path, &json).unwrap_err();
        assert_eq!(refused.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&path).unwrap(), "{\"notes\": 1}");
        fs::create_dir(tmp.path().join("b.json")).unwrap();
        assert!(write_report(&tmp.path().join("b.json"), &json).is_err());
    }

    /// A sample's report with `texts` in its free-text fields and `numbers` as its rates.
    fn report_with(texts: &[String], numbers: &[f64]) -> Report {
        let sample = include_bytes!("../../input/xiaoshan-15-3-key-proposals.txt");
        let mut r = crate::parse(sample, Some(&texts[0]), &crate::Options::default()).unwrap();
        r.title = Some(texts[1].clone());
        r.session = Some(Session { label: texts[2].clone(), term: Some(15), meeting: None });
        r.intro.push(texts[3].clone());
        let p = &mut r.proposals[0];
        p.content = Some(texts[4].clone());
        p.suggestions.push(texts[5].clone());
        r.diagnostics.push(Diagnostic::new(Code::UnknownLabel, Some(1), texts[6].clone()));
        let s = &mut r.statistics;
        (s.registration_rate, s.reply_rate, s.satisfaction_rate) =
            (Some(numbers[0]), Some(numbers[1]), Some(numbers[2]));
        r
    }

    /// Characters that JSON escapes, or that sit at the edges of its rules.
    const AWKWARD: &[char] = &[
        '"',
        '\\',
        '/',
        '\u{0}',
        '\u{8}',
        '\t',
        '\n',
        '\u{c}',
        '\r',
        '\u{1f}',
        '\u{7f}',
        '\u{80}',
        '\u{a0}',
        '\u{2028}',
        '\u{2029}',
        '\u{fffd}',
        '\u{feff}',
        '\u{10ffff}',
        '😀',
        '提',
        '，',
    ];

    fn text() -> impl Strategy<Value = String> {
        let awkward = proptest::sample::select(AWKWARD);
        proptest::collection::vec(prop_oneof![awkward, any::<char>()], 0..40).prop_map(String::from_iter)
    }

    proptest! {
        /// A report's JSON reads back as the report, for any text and any finite number (kept reports
        /// are read back from their files), and each JSON Lines row is one JSON value.
        #[test]
        fn the_json_reads_back_as_the_report(
            texts in proptest::collection::vec(text(), 7),
            numbers in proptest::collection::vec(any::<f64>().prop_filter("finite", |f| f.is_finite()), 3),
        ) {
            let r = report_with(&texts, &numbers);
            let jsonl = to_jsonl(&r);
            let proposals = r.proposals.len();
            prop_assert_eq!(serde_json::from_slice::<Report>(&to_json(&r)).unwrap(), r);
            let rows: Vec<serde_json::Value> =
                jsonl.split(|&b| b == b'\n').filter(|l| !l.is_empty()).map(|l| serde_json::from_slice(l).unwrap()).collect();
            prop_assert_eq!(rows.len(), proposals);
        }
    }

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
