//! The Python module `tian._tian`: tian's library for the package `tian` (`python/tian`), which wraps it
//! in a small typed API. Records cross as their JSON text, which the package loads with `json.loads`,
//! so a record in Python is exactly the JSON record. Parsing runs with the interpreter released; many
//! files are parsed on tian's threads a window at a time, the next while Python takes the last, so
//! memory stays flat over any number of paths. A library error becomes `ParseError` (with `.path` and `.reason`), `OSError` (I/O) or
//! `ValueError` (an unknown encoding); a panic never crosses into Python.

use std::collections::VecDeque;
use std::path::PathBuf;

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyOSError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyIterator;
use rayon::prelude::*;

// The command line, the same files the `tian` binary is built from.
#[path = "../../src/cli.rs"]
#[allow(dead_code)]
mod cli;

// Named for the package users import it from.
create_exception!(
    tian,
    ParseError,
    PyException,
    "A document tian cannot turn into a report: `.path` names it (None for bytes), `.reason` says why."
);

/// A failure of one document, kept as data until it is handed to Python.
#[derive(Debug)]
enum Failure {
    Parse { path: Option<String>, reason: String },
    Io { errno: i32, message: String, path: String },
    Value(String),
    Panic(String),
}

impl Failure {
    fn of(error: tian::Error) -> Failure {
        let path = error.file().0.clone();
        match error {
            tian::Error::Io { file, source } => Failure::Io {
                errno: source.raw_os_error().unwrap_or(0),
                message: source.to_string(),
                path: file.to_string(),
            },
            tian::Error::UnknownEncoding { .. } => Failure::Value(error.to_string()),
            other => {
                // The message opens with the file's name, which `.path` holds.
                let said = other.to_string();
                let reason = said.strip_prefix(&format!("{}: ", other.file())).unwrap_or(&said).to_owned();
                Failure::Parse { path, reason }
            }
        }
    }

    /// A failure of one of many files: any, the file's I/O too, is that file's ParseError.
    fn of_file(error: tian::Error) -> Failure {
        match Failure::of(error) {
            Failure::Io { message, path, .. } => {
                Failure::Parse { path: Some(path), reason: format!("cannot read: {message}") }
            }
            other => other,
        }
    }

    fn into_pyerr(self, py: Python<'_>) -> PyErr {
        match self {
            Failure::Parse { path, reason } => {
                let message = match &path {
                    Some(p) => format!("{p}: {reason}"),
                    None => reason.clone(),
                };
                let err = ParseError::new_err(message);
                let value = err.value(py);
                let _ = value.setattr("path", path);
                let _ = value.setattr("reason", reason);
                err
            }
            // OSError(errno, strerror, filename) becomes FileNotFoundError, PermissionError … by errno.
            Failure::Io { errno, message, path } => PyOSError::new_err((errno, message, path)),
            Failure::Value(message) => PyValueError::new_err(message),
            Failure::Panic(message) => PyRuntimeError::new_err(format!("tian failed inside: {message}")),
        }
    }
}

/// Runs `f` with the interpreter released, a panic caught and said.
fn released<T: Send>(py: Python<'_>, f: impl FnOnce() -> Result<T, Failure> + Send) -> Result<T, Failure> {
    py.detach(|| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
            .unwrap_or_else(|panic| Err(Failure::Panic(tian::container::panic_message(&*panic))))
    })
}

fn options(encoding: Option<&str>) -> Result<tian::Options, Failure> {
    let encoding = match encoding {
        Some(label) => Some(
            tian::encoding_for_label(label, &tian::FileName(None))
                .map_err(|e| Failure::Value(e.to_string()))?,
        ),
        None => None,
    };
    Ok(tian::Options { encoding })
}

fn json(report: &tian::Report) -> String {
    String::from_utf8(tian::output::to_json(report)).unwrap_or_default()
}

/// The JSON record of the file at `path`.
#[pyfunction]
#[pyo3(signature = (path, encoding=None))]
fn parse_path(py: Python<'_>, path: PathBuf, encoding: Option<&str>) -> PyResult<String> {
    let options = options(encoding).map_err(|f| f.into_pyerr(py))?;
    released(py, || tian::parse_file(&path, &options).map(|r| json(&r)).map_err(Failure::of))
        .map_err(|f| f.into_pyerr(py))
}

/// The JSON record of a document's bytes (its path null).
#[pyfunction]
#[pyo3(signature = (data, encoding=None))]
fn parse_bytes(py: Python<'_>, data: Vec<u8>, encoding: Option<&str>) -> PyResult<String> {
    let options = options(encoding).map_err(|f| f.into_pyerr(py))?;
    released(py, || tian::parse(&data, None, &options).map(|r| json(&r)).map_err(Failure::of))
        .map_err(|f| f.into_pyerr(py))
}

/// The JSON diff of two JSON records.
#[pyfunction]
fn diff(py: Python<'_>, old: String, new: String, threshold: f64) -> PyResult<String> {
    if !(0.0..=1.0).contains(&threshold) {
        return Err(PyValueError::new_err(format!("threshold must be between 0 and 1, not {threshold}")));
    }
    let record = |which: &str, text: &str| {
        serde_json::from_str::<tian::Report>(text)
            .map_err(|e| Failure::Value(format!("{which} is not a tian record ({e})")))
    };
    released(py, || {
        let (old, new) = (record("old", &old)?, record("new", &new)?);
        serde_json::to_string(&tian::diff::diff(&old, &new, threshold))
            .map_err(|e| Failure::Panic(e.to_string()))
    })
    .map_err(|f| f.into_pyerr(py))
}

/// Writes JSON records into a new SQLite database at `path`, as `tian convert` does, each under the
/// name `files` gives it.
#[pyfunction]
fn write_db(py: Python<'_>, records: Vec<String>, files: Vec<String>, path: PathBuf) -> PyResult<()> {
    released(py, || {
        let reports = records
            .iter()
            .enumerate()
            .map(|(k, text)| {
                serde_json::from_str::<tian::Report>(text)
                    .map_err(|e| Failure::Value(format!("report {k} is not a tian record ({e})")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut db = tian::output::db::Db::open(&path).map_err(|e| Failure::Value(e.to_string()))?;
        let pairs: Vec<(&str, &tian::Report)> = files.iter().map(String::as_str).zip(&reports).collect();
        db.store(&pairs, true).map_err(|e| Failure::Value(e.to_string()))?;
        db.finish().map_err(|e| Failure::Value(e.to_string()))
    })
    .map_err(|f| f.into_pyerr(py))
}

/// The database's tables, in the order they are made.
#[pyfunction]
fn tables() -> Vec<&'static str> {
    tian::output::db::TABLE_NAMES.to_vec()
}

/// Runs the `tian` command line (`argv` with the program's name first); gives its exit code.
#[pyfunction]
#[pyo3(name = "cli")]
fn run_cli(py: Python<'_>, argv: Vec<std::ffi::OsString>) -> u8 {
    py.detach(|| cli::run(argv))
}

/// One result of many files: a JSON record, or an error to hand over (not raise).
type Outcome = Result<String, Failure>;

/// The results of many files in their order. Paths are taken a window at a time; while Python works
/// through one window's results, tian's threads parse the next, so neither waits on the other for
/// long, and at most two windows are held.
#[pyclass(module = "tian")]
struct ParseMany {
    paths: Py<PyIterator>,
    pool: rayon::ThreadPool,
    window: usize,
    ready: VecDeque<Outcome>,
    /// The next window's results, being parsed.
    ahead: Option<std::sync::Mutex<std::sync::mpsc::Receiver<Vec<Outcome>>>>,
    /// What ended the paths early (an item that is no path), raised once the results before it are
    /// handed over.
    error: Option<PyErr>,
}

/// Parses one file for `parse_many`: a panic is said as that file's.
fn parse_one(path: &std::path::Path) -> Outcome {
    std::panic::catch_unwind(|| {
        tian::parse_file(path, &tian::Options::default()).map(|r| json(&r)).map_err(Failure::of_file)
    })
    .unwrap_or_else(|panic| {
        let message = tian::container::panic_message(&*panic);
        Err(Failure::Panic(format!("{}: {message}", path.display())))
    })
}

impl ParseMany {
    /// Takes the next window of paths and has the pool parse it; `false` when there were none.
    fn dispatch(&mut self, py: Python<'_>) -> bool {
        let mut batch: Vec<PathBuf> = Vec::with_capacity(self.window);
        if self.error.is_none() {
            for item in self.paths.bind(py).clone().take(self.window) {
                match item.and_then(|item| item.extract::<PathBuf>()) {
                    Ok(path) => batch.push(path),
                    Err(err) => {
                        self.error = Some(err);
                        break;
                    }
                }
            }
        }
        if batch.is_empty() {
            return false;
        }
        let (sender, receiver) = std::sync::mpsc::sync_channel(1);
        self.pool.spawn(move || {
            let done: Vec<Outcome> = batch.par_iter().map(|path| parse_one(path)).collect();
            // The iterator may have been dropped: nobody is waiting.
            let _ = sender.send(done);
        });
        self.ahead = Some(std::sync::Mutex::new(receiver));
        true
    }
}

#[pymethods]
impl ParseMany {
    #[new]
    #[pyo3(signature = (paths, jobs=None))]
    fn new(paths: &Bound<'_, PyAny>, jobs: Option<usize>) -> PyResult<ParseMany> {
        let threads = jobs.unwrap_or(0);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        // A window of a few files a thread: enough to keep them busy.
        let window = pool.current_num_threads() * 8;
        let paths = paths.try_iter()?.unbind();
        Ok(ParseMany { paths, pool, window, ready: VecDeque::new(), ahead: None, error: None })
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(mut slf: PyRefMut<'_, Self>, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let this = &mut *slf;
        if this.ready.is_empty() {
            if this.ahead.is_none() && !this.dispatch(py) {
                return match this.error.take() {
                    Some(err) => Err(err),
                    None => Ok(None),
                };
            }
            let Some(current) = this.ahead.take() else { return Ok(None) };
            // The next window goes to the pool before this one is waited for.
            this.dispatch(py);
            let current = current.into_inner().map_err(|_| PyRuntimeError::new_err("tian failed inside"))?;
            let done = py.detach(move || current.recv());
            match done {
                Ok(done) => this.ready.extend(done),
                Err(_) => {
                    return Err(PyRuntimeError::new_err("tian failed inside: a window of files was lost"));
                }
            }
        }
        match this.ready.pop_front() {
            Some(Ok(json)) => Ok(Some(json.into_pyobject(py)?.into_any().unbind())),
            Some(Err(failure)) => Ok(Some(failure.into_pyerr(py).into_value(py).into_any())),
            None => Ok(None),
        }
    }
}

#[pymodule]
fn _tian(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("ParseError", m.py().get_type::<ParseError>())?;
    m.add("SCHEMA_VERSION", tian::model::SCHEMA_VERSION)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<ParseMany>()?;
    m.add_function(wrap_pyfunction!(parse_path, m)?)?;
    m.add_function(wrap_pyfunction!(parse_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(diff, m)?)?;
    m.add_function(wrap_pyfunction!(write_db, m)?)?;
    m.add_function(wrap_pyfunction!(tables, m)?)?;
    m.add_function(wrap_pyfunction!(run_cli, m)?)?;
    Ok(())
}
