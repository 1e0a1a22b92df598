//! Batch: many inputs → one JSON report per file (mirroring the input tree), JSON Lines, SQLite and CSV.
//!
//! Three parts, one module each: [`inputs`] finds the files of a run in a fixed order; the pipeline here
//! ([`convert`]) parses them in parallel, a chunk at a time, while the writer thread (`writers`) and the
//! database thread take the previous chunks in input order, so memory stays bounded by what is in
//! flight, not the corpus; the output folder's `index` says where each report goes and, at the end of
//! a run, which reports of earlier runs are kept and which are removed. `jobs` threads parse; the writer
//! and the database have a thread each. A bad file never stops the batch: it becomes a [`Failure`],
//! reported and listed in `errors.jsonl`.

mod index;
mod inputs;
mod writers;

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, PoisonError, mpsc};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::model::Report;
use crate::output::{self, db};
use crate::{Error, Options};
pub use index::{INDEX, Scope};
pub use inputs::{Inputs, Walk, inputs};
use inputs::{glob_matcher, identity_of, resolved};
use writers::Writers;

/// One file to convert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Where to read it.
    pub path: PathBuf,
    /// The path as given, as shown to the user and recorded in the report (`input/a/b.txt`), written
    /// whole ([`crate::path_text`]).
    pub name: String,
    /// The file itself, whatever the spelling of its path: absolute, through links and `..`, written
    /// whole ([`crate::escaped`]). The database's key of its report.
    pub identity: String,
    /// Where its report goes, relative to the output folder, unless another file's report is there
    /// (`a/b.json`).
    pub relative: PathBuf,
    /// The folder (or the file itself) it was given as, resolved and escaped like `identity`.
    pub root: Arc<str>,
}

/// A file that could not be converted, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub name: String,
    pub reason: String,
    /// The input's identity, when the failure is of an input (not of a folder that cannot be read).
    pub identity: Option<String>,
}

/// Why a batch could not run at all (as opposed to a file failing).
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("{0}: no such file or folder")]
    MissingInput(String),
    #[error("--glob {glob:?}: {source}")]
    Glob {
        glob: String,
        #[source]
        source: globset::Error,
    },
    #[error("{path}: cannot write output: {source}")]
    Output {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(transparent)]
    Db(#[from] db::DbError),
    #[error("{0}: a file, not a folder; give --out a folder (it is created if missing)")]
    OutIsAFile(PathBuf),
    #[error(
        "{0}: another tian convert is writing into this folder; wait for it to end, or give another --out"
    )]
    Locked(PathBuf),
    #[error("{0}: another tian convert is writing this database; wait for it to end, or give another --db")]
    DbLocked(PathBuf),
    #[error("--db {db}: {what}; give the database a path of its own")]
    DbOverlaps { db: String, what: String },
    #[error("{0}: a folder, where the run writes a file of that name; move it, or give another --out")]
    RunFileIsAFolder(PathBuf),
    #[error(
        "{path}: line {line} is not an index line ({reason}); it was not written by tian: remove the file, \
         and the next run makes a new one"
    )]
    BadIndex { path: PathBuf, line: usize, reason: String },
}

/// Where the database goes unless `--db` says otherwise: no report goes into a folder of that name
/// either, so that a later run without `--db` finds its place free.
pub const DB: &str = "proposals.db";

/// The files a run writes at the top of its output folder besides the reports; no report goes there.
pub const RUN_FILES: [&str; 6] =
    ["proposals.jsonl", "errors.jsonl", "proposals.csv", "outcomes.csv", LOCK, INDEX];

/// The file a run holds locked in its output folder, so that two runs never write into one folder at
/// once. The operating system releases the lock when the process ends, however it ends.
pub const LOCK: &str = ".tian.lock";

/// Refuses a database that would be written over another output of the run (its JSON Lines, errors,
/// CSV, a report) or over an input, before anything is written.
pub fn check_db(config: &Config, roots: &[PathBuf], walk: &Walk) -> Result<(), BatchError> {
    let Some(db) = &config.db else { return Ok(()) };
    let refuse = |what: String| Err(BatchError::DbOverlaps { db: db.display().to_string(), what });
    let at = resolved(db);
    if at.is_dir() {
        return refuse("a folder".into());
    }
    if let Ok(below) = at.strip_prefix(resolved(&config.out)) {
        if let Some(name) = below.to_str().filter(|n| RUN_FILES.contains(n)) {
            return refuse(format!("that is where the run writes its {name}"));
        }
        if below.extension().is_some_and(|e| e == "json") {
            return refuse("that is where a report of the run may go".into());
        }
    }
    let glob = glob_matcher(walk)?;
    // The walk never enters the output folder: what is there is no input.
    let in_out = at.starts_with(resolved(&config.out));
    for root in roots {
        let root_at = resolved(root);
        if root_at == at {
            return refuse("that is an input".into());
        }
        if !in_out
            && fs::metadata(root).is_ok_and(|m| m.is_dir())
            && let Ok(below) = at.strip_prefix(&root_at)
            && glob.is_match(below)
        {
            return refuse(format!(
                "that would be an input, matching --glob {} in {}",
                walk.glob,
                root.display()
            ));
        }
    }
    Ok(())
}

/// Takes the output folder's lock, or says that another run holds it.
fn lock(out: &Path) -> Result<File, BatchError> {
    lock_file(&out.join(LOCK), || BatchError::Locked(out.to_owned()))
}

/// Takes a lock on the file at `path` (created if missing), or gives `held` when another process has it.
/// The database is locked on its own file: another output folder's run may share it. (The lock is
/// `flock`'s, which SQLite's own locks, `fcntl`'s, do not meet.)
fn lock_file(path: &Path, held: impl FnOnce() -> BatchError) -> Result<File, BatchError> {
    let file =
        File::options().create(true).truncate(false).write(true).open(path).map_err(output_error(path))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => Err(held()),
        Err(fs::TryLockError::Error(e)) => Err(output_error(path)(e)),
    }
}

/// Removes the temporary files an earlier run left in the output folder when it was killed or ran out of
/// room (`.proposals.jsonl.tian-1234.tmp`, `.a.json.tian-1234.tmp`): with the lock held, no other run is
/// writing them.
fn remove_stale_temporaries(out: &Path) {
    for entry in walkdir::WalkDir::new(out).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_file() && output::is_temporary(entry.file_name()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn output_error(path: &Path) -> impl FnOnce(io::Error) -> BatchError + '_ {
    move |source| BatchError::Output { path: path.to_owned(), source }
}

/// What to write, and how.
#[derive(Debug, Clone)]
pub struct Config {
    pub out: PathBuf,
    /// The SQLite database; `None` skips it.
    pub db: Option<PathBuf>,
    pub csv: bool,
    /// Rewrite database rows even for unchanged inputs.
    pub force: bool,
    /// Larger files fail instead of being read.
    pub max_bytes: u64,
    /// Threads parsing; the writer and the database have a thread each besides.
    pub jobs: usize,
    pub parse: Options,
    /// The inputs given to the run: only their reports are removed when gone or failing.
    pub scope: Scope,
    /// Keep the outputs of inputs that are gone or now fail, instead of removing them.
    pub accumulate: bool,
}

/// What happened, for a progress display; in input order.
#[derive(Debug)]
pub enum Event<'a> {
    Converted {
        input: &'a Input,
        report: &'a Report,
    },
    Failed(&'a Failure),
    /// A report kept from an earlier run that could not be read back: it is removed from every output.
    Lost {
        report: &'a Path,
        reason: &'a str,
    },
}

/// Totals of a run.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub converted: usize,
    pub failed: usize,
    pub proposals: usize,
    pub warnings: usize,
    /// Files with at least one warning.
    pub files_with_warnings: usize,
    /// Bytes of the converted inputs.
    pub bytes: u64,
    /// Reports whose database rows were (re)written, and those already up to date.
    pub db_written: usize,
    pub db_unchanged: usize,
    /// Reports removed because their input is gone or now fails (or their file was lost).
    pub removed: usize,
    pub elapsed: Duration,
}

/// Files parsed together before their results are written, and reports stored per call of
/// [`db::Db::store`]; bounds memory, keeps both cores busy.
pub const CHUNK: usize = 64;

/// A large input: a chunk ends once its inputs hold this many bytes, so large files are not parsed
/// together, and its JSON is written straight to its file.
const LARGE: u64 = 4 << 20;

/// Bytes of input whose chunks may be parsed, written or stored at once; a chunk past it waits until
/// earlier ones are done. A chunk larger than this goes alone. Memory is a small multiple of this (what
/// a report and its JSON take), not of the corpus.
const BYTES_IN_FLIGHT: u64 = 64 << 20;

/// The bytes of the chunks in flight ([`BYTES_IN_FLIGHT`]).
#[derive(Debug, Default)]
struct Budget {
    used: Mutex<u64>,
    freed: Condvar,
}

impl Budget {
    /// Waits until `bytes` more are within the budget, or nothing else is in flight.
    fn take(&self, bytes: u64) -> Ticket<'_> {
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        while *used > 0 && *used + bytes > BYTES_IN_FLIGHT {
            used = self.freed.wait(used).unwrap_or_else(PoisonError::into_inner);
        }
        *used += bytes;
        Ticket { budget: self, bytes }
    }
}

/// A chunk's share of the [`Budget`], given back when the chunk is done with (dropped).
#[derive(Debug)]
struct Ticket<'a> {
    budget: &'a Budget,
    bytes: u64,
}

impl Drop for Ticket<'_> {
    fn drop(&mut self) {
        *self.budget.used.lock().unwrap_or_else(PoisonError::into_inner) -= self.bytes;
        self.budget.freed.notify_all();
    }
}

/// An input, and its size as the file system says it ([`crate::regular_file_size`]), asked once.
type Sized = (Input, Result<u64, Error>);

/// The next chunk of `inputs` (up to [`CHUNK`] files, or fewer holding [`LARGE`] bytes), each with its
/// size, and the chunk's bytes.
fn next_chunk(
    inputs: &mut impl Iterator<Item = Result<Input, Failure>>,
) -> (Vec<Result<Sized, Failure>>, u64) {
    let (mut chunk, mut bytes) = (Vec::new(), 0);
    while chunk.len() < CHUNK && bytes < LARGE {
        let Some(item) = inputs.next() else { break };
        chunk.push(item.map(|input| {
            let size = crate::regular_file_size(&input.path);
            bytes += size.as_ref().map_or(0, |n| *n);
            (input, size)
        }));
    }
    (chunk, bytes)
}

/// Converts `inputs` (from [`inputs`]), writing every output under `config.out`; the failures among them
/// are reported with the rest. Errors, before anything is written, when the output folder cannot be
/// used (a file, locked by another run, a folder where a run file goes), and when an output of the run
/// as a whole (JSON Lines, errors, CSV, the database) cannot be written.
pub fn convert(
    inputs: impl Iterator<Item = Result<Input, Failure>> + Send,
    config: &Config,
    mut on_event: impl FnMut(Event<'_>),
) -> Result<Summary, BatchError> {
    let started = Instant::now();
    let out = &config.out;
    if fs::metadata(out).is_ok_and(|m| !m.is_dir()) {
        return Err(BatchError::OutIsAFile(out.clone()));
    }
    // Before anything is written: a folder where this run writes one of its files.
    // CSV files asked for once are kept current by every later run, lest they go stale.
    let with_csv = config.csv || out.join("proposals.csv").is_file();
    let csv = |name: &&&str| with_csv || !name.ends_with(".csv");
    if let Some(folder) = RUN_FILES.iter().filter(csv).map(|name| out.join(name)).find(|p| p.is_dir()) {
        return Err(BatchError::RunFileIsAFolder(folder));
    }
    fs::create_dir_all(out).map_err(output_error(out))?;
    let _lock = lock(out)?;
    let _db_lock =
        config.db.as_deref().map(|db| lock_file(db, || BatchError::DbLocked(db.to_owned()))).transpose()?;
    remove_stale_temporaries(out);
    let mut writers = Writers::open(config, with_csv, index::Index::load(out)?)?;
    let folder = identity_of(out);
    let db = config.db.as_deref().map(db::Db::open).transpose()?.map(|mut db| {
        db.set_folder(folder.clone());
        db
    });
    let mut summary = Summary::default();
    // One pool thread a job; 0 would be none at all.
    let jobs = config.jobs.max(1);

    // Named threads, so a profiler or `top -H` shows which stage is busy.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("tian-parse-{i}"))
        .build()
        .map_err(|e| BatchError::Output { path: out.clone(), source: io::Error::other(e) })?;
    let budget = &Budget::default();
    let (tx, rx) = mpsc::sync_channel::<Parsed<'_>>(1);
    // Three stages: parsing on the pool, files on this thread, the database on its own thread; bounded
    // channels between them keep memory to a few chunks.
    let (db_tx, db_rx) = mpsc::sync_channel::<ToStore<'_>>(2);
    let db = std::thread::scope(|scope| -> Result<Option<db::Db>, BatchError> {
        let spawn_error = |e| BatchError::Output { path: out.clone(), source: e };
        std::thread::Builder::new()
            .name("tian-inputs".into())
            .spawn_scoped(scope, move || {
                let mut inputs = inputs;
                loop {
                    let (chunk, bytes) = next_chunk(&mut inputs);
                    if chunk.is_empty() {
                        return;
                    }
                    let ticket = budget.take(bytes);
                    let results = pool.install(|| {
                        chunk
                            .into_par_iter()
                            .map(|item| item.and_then(|(input, size)| convert_one(input, size, config)))
                            .collect()
                    });
                    if tx.send((results, ticket)).is_err() {
                        return; // the writer stopped on an error
                    }
                }
            })
            .map_err(spawn_error)?;
        // No database, no channel: a report is never sent where nobody receives it.
        let (db_thread, db_tx) = match db {
            Some(db) => {
                let thread = std::thread::Builder::new()
                    .name("tian-db".into())
                    .spawn_scoped(scope, move || store_all(db, &db_rx, config.force))
                    .map_err(spawn_error)?;
                (Some(thread), Some(db_tx))
            }
            None => (None, None),
        };
        let written = write_files(&rx, db_tx.as_ref(), &mut writers, config, &mut summary, &mut on_event);
        drop(db_tx);
        drop(rx); // a parser blocked on a full channel gives up instead of waiting forever
        let db = match db_thread {
            Some(handle) => {
                let (db, stored, unchanged) = handle.join().map_err(|_| BatchError::Output {
                    path: out.clone(),
                    source: io::Error::other("the database thread panicked"),
                })??;
                summary.db_written = stored;
                summary.db_unchanged = unchanged;
                Some(db)
            }
            None => None,
        };
        written.map(|()| db)
    })?;
    let mut db = db;
    let gone = writers.settle(config, db.as_mut(), &mut summary, &mut on_event)?;
    if let Some(mut db) = db {
        let ran = &writers.ran;
        let indexed = writers.indexed();
        // A report is counted removed once, when the folder loses it: the rows of a report an earlier
        // run without the database removed go now, uncounted.
        let mut counted = 0;
        db.remove_where(|file, of| {
            let key = index::key(file);
            let own_input_gone = !config.accumulate
                && config.scope.holds(file, None)
                && !ran.converted.contains(&key)
                && (ran.failed.contains(&key) || index::is_gone(file));
            // The folder's own rows follow its index, whatever runs without the database did.
            let behind = of == Some(folder.as_str()) && !indexed.contains(&key);
            // Of another folder sharing the database: counted here, where it is found gone.
            counted += usize::from(own_input_gone && !behind && !gone.contains(file));
            gone.contains(file) || behind || own_input_gone
        })?;
        summary.removed += counted;
        db.finish()?;
    }
    writers.commit(out)?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// The file-writing stage: every result in input order to the files, then its reports on to the database.
fn write_files<'b>(
    rx: &mpsc::Receiver<Parsed<'b>>,
    db_tx: Option<&mpsc::SyncSender<ToStore<'b>>>,
    writers: &mut Writers,
    config: &Config,
    summary: &mut Summary,
    on_event: &mut impl FnMut(Event<'_>),
) -> Result<(), BatchError> {
    for (mut results, ticket) in rx {
        for result in &mut results {
            if let Ok(converted) = result
                && let Some(failure) = writers.report(converted, config, summary)?
            {
                // Its report could not be written: none of its outputs is, the database's neither.
                *result = Err(failure);
            }
            match result {
                Ok(converted) => {
                    on_event(Event::Converted { input: &converted.input, report: &converted.report });
                }
                Err(failure) => {
                    writers.failure(failure)?;
                    on_event(Event::Failed(failure));
                    summary.failed += 1;
                }
            }
        }
        // Without a database the chunk is done with here, and its ticket goes.
        if let Some(db_tx) = db_tx
            && db_tx.send((keyed(results), ticket)).is_err()
        {
            break; // the database thread stopped on an error, which its join reports
        }
    }
    Ok(())
}

/// The database stage: stores every batch of reports. Gives the database back, with how many reports
/// were written and how many were unchanged.
fn store_all(
    mut db: db::Db,
    rx: &mpsc::Receiver<ToStore<'_>>,
    force: bool,
) -> Result<(db::Db, usize, usize), BatchError> {
    let (mut written, mut unchanged) = (0, 0);
    for (reports, _ticket) in rx {
        let refs: Vec<(&str, &Report)> = reports.iter().map(|r| (&*r.identity, &r.report)).collect();
        for stored in db.store(&refs, force)? {
            match stored {
                db::Stored::Written => written += 1,
                db::Stored::Unchanged => unchanged += 1,
            }
        }
    }
    Ok((db, written, unchanged))
}

/// A parsed report with its JSON and JSON Lines already serialized, in the parallel part of the run, so
/// the single writer only writes bytes; a large report's are not ([`LARGE`]).
struct Converted {
    input: Input,
    report: Report,
    json: Option<Vec<u8>>,
    jsonl: Option<Vec<u8>>,
}

/// A chunk parsed, in input order, with its share of the budget.
type Parsed<'b> = (Vec<Result<Converted, Failure>>, Ticket<'b>);

/// A chunk's reports on their way to the database, with the chunk's share of the budget.
type ToStore<'b> = (Vec<Keyed>, Ticket<'b>);

/// A report with its input's identity, the database's key.
struct Keyed {
    identity: String,
    report: Report,
}

/// The reports of a chunk's converted inputs, keyed for the database.
fn keyed(results: Vec<Result<Converted, Failure>>) -> Vec<Keyed> {
    results
        .into_iter()
        .filter_map(Result::ok)
        .map(|c| Keyed { identity: c.input.identity, report: c.report })
        .collect()
}

fn convert_one(input: Input, size: Result<u64, Error>, config: &Config) -> Result<Converted, Failure> {
    let report = load(&input, size, config)?;
    // A large report's outputs are written by the writer straight to their files: held here as bytes,
    // they would take twice the report again.
    let small = report.source.bytes < LARGE;
    let json = small.then(|| output::to_json(&report));
    let jsonl = small.then(|| output::to_jsonl(&report));
    Ok(Converted { input, report, json, jsonl })
}

/// Reads and parses one input of `size` bytes, within the size limit.
fn load(input: &Input, size: Result<u64, Error>, config: &Config) -> Result<Report, Failure> {
    let fail =
        |reason: String| Failure { name: input.name.clone(), reason, identity: Some(input.identity.clone()) };
    // Asked before the file is opened: a pipe named on the command line is never waited on, and a file
    // over the limit is never read.
    let size = size.map_err(|e| fail(reason(&e)))?;
    if size > config.max_bytes {
        let max = config.max_bytes;
        return Err(fail(format!(
            "{size} bytes, larger than --max-bytes {max}; not read (raise --max-bytes to convert it)"
        )));
    }
    let file = File::open(&input.path).map_err(|e| fail(format!("cannot read: {e}")))?;
    // Sized from the file's length, so one read takes it: grown from nothing through `take`, a 10 KB
    // file took eleven reads and as many copies.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    file.take(config.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("cannot read: {e}")))?;
    // A file that grew since its size was asked.
    if bytes.len() as u64 > config.max_bytes {
        return Err(fail(format!("grew past --max-bytes {} while being read; not parsed", config.max_bytes)));
    }
    crate::parse(&bytes, Some(&input.name), &config.parse).map_err(|e| fail(reason(&e)))
}

/// An error's message without the file name in front (the failure carries it).
fn reason(e: &Error) -> String {
    let message = e.to_string();
    let prefix = format!("{}: ", e.file());
    message.strip_prefix(&prefix).map_or(message.clone(), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FileName;

    #[test]
    fn reasons_lose_the_file_name_once() {
        let e = Error::Empty { file: FileName(Some("a/b.txt".into())) };
        assert_eq!(reason(&e), "empty file (no text at all)");
    }

    /// A chunk past the budget waits for the chunks in flight to be done with; one larger than the
    /// whole budget goes alone, never forever waiting.
    #[test]
    fn chunks_past_the_budget_wait_for_earlier_ones() {
        use std::sync::atomic::{AtomicBool, Ordering};
        let budget = Budget::default();
        let huge = budget.take(BYTES_IN_FLIGHT * 2);
        let small = BYTES_IN_FLIGHT / 4;
        let started = AtomicBool::new(false);
        std::thread::scope(|scope| {
            let waiter = scope.spawn(|| {
                let ticket = budget.take(small);
                started.store(true, Ordering::SeqCst);
                ticket
            });
            std::thread::sleep(Duration::from_millis(50));
            assert!(!started.load(Ordering::SeqCst), "waits while the huge chunk is in flight");
            drop(huge);
            let first = waiter.join().unwrap();
            // Within the budget beside another: no wait.
            let second = budget.take(small);
            assert_eq!(*budget.used.lock().unwrap(), 2 * small);
            drop((first, second));
        });
        assert_eq!(*budget.used.lock().unwrap(), 0);
    }
}
