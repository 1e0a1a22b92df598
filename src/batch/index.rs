//! The output folder's index: which file each report in it is of.
//!
//! `DIR/.tian-index.jsonl` holds one line a report, `{"file", "report", "root"}`: the input's identity
//! (its resolved path), where its report is below the folder, and the resolved folder (or file) it was
//! given as. With it a report keeps its place across runs, a file never takes the place of another
//! file's report (files of one name in per-year folders), and a run finds the reports of its inputs that
//! are gone or now fail, to remove them. A report's line is added to the index before its file is
//! written, so a run killed part-way leaves no report the index does not name; at the end of every run
//! the index is rewritten whole: this run's reports in input order, then those kept from earlier runs
//! in their order.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{BatchError, Input};
use crate::output::AtomicFile;

/// The index's file name in the output folder.
pub const INDEX: &str = ".tian-index.jsonl";

/// One line of the index, as it is written.
#[derive(Debug, Serialize, Deserialize)]
struct Line<'a> {
    file: std::borrow::Cow<'a, str>,
    report: std::borrow::Cow<'a, str>,
    root: std::borrow::Cow<'a, str>,
}

/// One report of the folder: the input's identity ([`Input::identity`]), its report relative to the
/// output folder ([`crate::escaped`]), and the folder (or file) it was reached from, resolved and
/// escaped. Held as one string, the three separated by NUL, which no path holds: an index of a hundred
/// thousand reports is held in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry(Box<str>);

impl Entry {
    fn new(file: &str, report: &str, root: &str) -> Entry {
        Entry(format!("{file}\0{report}\0{root}").into_boxed_str())
    }

    fn parts(&self) -> [&str; 3] {
        let mut parts = self.0.splitn(3, '\0');
        [(); 3].map(|()| parts.next().unwrap_or(""))
    }

    pub fn file(&self) -> &str {
        self.parts()[0]
    }

    pub fn report(&self) -> &str {
        self.parts()[1]
    }

    pub fn root(&self) -> &str {
        self.parts()[2]
    }

    /// The report's path relative to the output folder.
    pub fn report_path(&self) -> PathBuf {
        path_of(self.report())
    }

    /// The entry's line of the index, with its line end.
    fn line(&self) -> io::Result<Vec<u8>> {
        let [file, report, root] = self.parts().map(std::borrow::Cow::Borrowed);
        let mut line = serde_json::to_vec(&Line { file, report, root })?;
        line.push(b'\n');
        Ok(line)
    }
}

/// The path escaped `text` stands for.
fn path_of(text: &str) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    let bytes = crate::unescaped(text);
    PathBuf::from(std::ffi::OsStr::from_bytes(&bytes))
}

/// A text's hash: the index keeps the report paths it has given out, and the identities of its earlier
/// reports, by theirs. Two texts of one hash are told apart where it matters ([`Index::position`]); a
/// report place taken by mistake is only passed over for the next.
pub(super) fn key(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// The hash of the folder a file (identity) is in.
fn folder_key(file: &str) -> u64 {
    key(file.rsplit_once('/').map_or("", |(folder, _)| folder))
}

/// What became of an earlier report in this run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// Not among this run's inputs (or not reached): kept as it is.
    Untouched,
    /// Converted again, at its place.
    Converted,
    /// Among this run's inputs, and failed.
    Failed,
}

/// The index of one output folder while a run writes into it.
#[derive(Debug, Default)]
pub struct Index {
    earlier: Vec<Entry>,
    fates: Vec<Fate>,
    /// Identity's [`key`] → position in `earlier`, and the identities whose key another one has.
    by_file: HashMap<u64, usize>,
    collided: HashMap<String, usize>,
    /// Report places taken, by an earlier report or one of this run: the place's [`key`] → the
    /// [`folder_key`] of the file whose report is there.
    taken: HashMap<u64, u64>,
    /// The index's file, open to add the line of each report placed anew ([`Index::place`]).
    journal: Option<fs::File>,
    /// The index this run writes: its reports in input order, then those kept ([`Index::finish`]).
    next: Option<AtomicFile>,
}

impl Index {
    /// Reads the index of `out`; none yet is an empty one.
    pub fn load(out: &Path) -> Result<Index, BatchError> {
        let path = out.join(INDEX);
        let failed = |source| BatchError::Output { path: path.clone(), source };
        let text = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(source) => return Err(failed(source)),
        };
        let mut index = Index::default();
        let mut lines: Vec<&[u8]> = text.split(|&b| b == b'\n').collect();
        // What follows the last line end is a line a killed run did not finish: its report was never
        // written.
        lines.pop();
        for (n, line) in lines.into_iter().enumerate() {
            let line: Line<'_> = serde_json::from_slice(line).map_err(|e| BatchError::BadIndex {
                path: path.clone(),
                line: n + 1,
                reason: e.to_string(),
            })?;
            let at = index.earlier.len();
            if index.position(&line.file).is_some() {
                continue; // named twice (a killed run's journal): the first line holds
            }
            match index.by_file.entry(key(&line.file)) {
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(at);
                }
                std::collections::hash_map::Entry::Occupied(_) => {
                    index.collided.insert(line.file.to_string(), at);
                }
            }
            index.taken.insert(key(&line.report), folder_key(&line.file));
            index.earlier.push(Entry::new(&line.file, &line.report, &line.root));
            index.fates.push(Fate::Untouched);
        }
        let mut journal = fs::File::options().create(true).append(true).open(&path).map_err(failed)?;
        if !text.is_empty() && !text.ends_with(b"\n") {
            journal.write_all(b"\n").map_err(failed)?;
        }
        index.journal = Some(journal);
        index.next = Some(AtomicFile::create(&path).map_err(failed)?);
        Ok(index)
    }

    /// Where `file` is among the earlier reports.
    fn position(&self, file: &str) -> Option<usize> {
        self.collided
            .get(file)
            .copied()
            .or_else(|| self.by_file.get(&key(file)).copied().filter(|&i| self.earlier[i].file() == file))
    }

    /// Where the report of `input` goes: where it was, or else the first free place of [`places`], which
    /// the index's file is told of at once. `None` when every place is taken; an error when the index's
    /// file cannot be written.
    pub fn place(&mut self, input: &Input) -> io::Result<Option<PathBuf>> {
        if let Some(i) = self.position(&input.identity) {
            return Ok(Some(self.earlier[i].report_path()));
        }
        let escaped = |p: &Path| crate::path_text(p);
        let folder = folder_key(&input.identity);
        let same_folder = self.taken.get(&key(&escaped(&input.relative))) == Some(&folder);
        let place = places(&input.identity, &input.relative, same_folder)
            .into_iter()
            .find(|p| !self.taken.contains_key(&key(&escaped(p))));
        let Some(place) = place else { return Ok(None) };
        let report = escaped(&place);
        self.taken.insert(key(&report), folder);
        if let Some(journal) = &mut self.journal {
            journal.write_all(&Entry::new(&input.identity, &report, &input.root).line()?)?;
        }
        Ok(Some(place))
    }

    /// Notes that the report of `input` was written at `place`.
    pub fn converted(&mut self, input: &Input, place: &Path) -> io::Result<()> {
        if let Some(i) = self.position(&input.identity) {
            self.fates[i] = Fate::Converted;
        }
        if let Some(next) = &mut self.next {
            let report = crate::path_text(place);
            next.write_all(&Entry::new(&input.identity, &report, &input.root).line()?)?;
        }
        Ok(())
    }

    /// Notes that the input of identity `file` failed in this run.
    pub fn failed(&mut self, file: &str) {
        if let Some(i) = self.position(file) {
            self.fates[i] = Fate::Failed;
        }
    }

    /// Parts the earlier reports not converted in this run into those to keep and those to remove: a
    /// report is removed when its input is within `scope` and failed in this run or is gone.
    pub fn settle(&mut self, scope: &Scope, accumulate: bool) -> (Vec<Entry>, Vec<Entry>) {
        let (mut kept, mut removed) = (Vec::new(), Vec::new());
        for (entry, fate) in std::mem::take(&mut self.earlier).into_iter().zip(&self.fates) {
            match fate {
                Fate::Converted => {}
                _ if accumulate || !scope.holds(entry.file(), Some(entry.root())) => kept.push(entry),
                Fate::Failed => removed.push(entry),
                Fate::Untouched if is_gone(entry.file()) => removed.push(entry),
                Fate::Untouched => kept.push(entry),
            }
        }
        (kept, removed)
    }

    /// Writes the rest of the index, `kept` after this run's reports, and puts it in place.
    pub fn finish(mut self, kept: &[Entry]) -> io::Result<()> {
        let Some(mut next) = self.next.take() else { return Ok(()) };
        for entry in kept {
            next.write_all(&entry.line()?)?;
        }
        next.commit()
    }
}

/// Whether the index of the output folder `out` holds a report of `root` or of a file below it: read
/// without the folder's lock, only to tell a gone input from a mistyped one.
pub fn knows(out: &Path, root: &Path) -> bool {
    let root = super::identity_of(root);
    let Ok(text) = fs::read(out.join(INDEX)) else { return false };
    text.split(|&b| b == b'\n').filter_map(|line| serde_json::from_slice::<Line<'_>>(line).ok()).any(|line| {
        line.file == root || line.file.strip_prefix(root.as_str()).is_some_and(|rest| rest.starts_with('/'))
    })
}

/// Whether the file of identity `file` is no longer there.
pub fn is_gone(file: &str) -> bool {
    fs::symlink_metadata(path_of(file)).is_err()
}

/// The places a report may go, best first: `relative`; then, when the place is taken by a file of the
/// same folder (another extension), the name with the input's extension kept (`综述.docx.json`); then
/// under the names of the input's folders, nearest first (`2024/综述.json`, `年报/2024/综述.json`); then
/// the same with the extension kept.
fn places(identity: &str, relative: &Path, same_folder: bool) -> Vec<PathBuf> {
    let file = Path::new(identity);
    let with_extension = file
        .file_name()
        .map(|name| relative.with_file_name(format!("{}.json", name.to_string_lossy())))
        .filter(|p| p != relative);
    // The folders above the part of the identity that `relative` already says, nearest first.
    let folders: Vec<&std::ffi::OsStr> = file.iter().skip(1).collect(); // without the root `/`
    let above = folders.len().saturating_sub(relative.components().count());
    let prefixed = |base: &Path| -> Vec<PathBuf> {
        (1..=above).map(|k| folders[above - k..above].iter().collect::<PathBuf>().join(base)).collect()
    };
    let mut places = vec![relative.to_owned()];
    if same_folder {
        places.extend(with_extension.clone());
    }
    places.extend(prefixed(relative));
    if let Some(with_extension) = with_extension {
        if !same_folder {
            places.push(with_extension.clone());
        }
        places.extend(prefixed(&with_extension));
    }
    places
}

/// The inputs a run was given, resolved: a report is removed only if its input is among them.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// Folders given, escaped and resolved: every file below one is within the run.
    folders: Vec<String>,
    /// Files given, escaped and resolved.
    files: Vec<String>,
}

impl Scope {
    /// The scope of the inputs `roots` (which exist: [`super::inputs`] checked).
    pub fn of(roots: &[PathBuf]) -> Scope {
        let mut scope = Scope::default();
        for root in roots {
            let resolved = super::identity_of(root);
            match fs::metadata(root) {
                Ok(m) if m.is_dir() => scope.folders.push(resolved),
                Ok(_) => scope.files.push(resolved),
                // Gone: what it was, a file or a folder, the index's reports say.
                Err(_) => {
                    scope.files.push(resolved.clone());
                    scope.folders.push(resolved);
                }
            }
        }
        scope
    }

    /// Whether the input of identity `file` is within the run: one of its files, below one of its folders,
    /// or reached from one of its folders (through a link).
    pub fn holds(&self, file: &str, root: Option<&str>) -> bool {
        self.files.iter().any(|f| f == file)
            || self.folders.iter().any(|d| {
                root == Some(d.as_str())
                    || file.strip_prefix(d.as_str()).is_some_and(|rest| rest.starts_with('/'))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(identity: &str, relative: &str, same_folder: bool) -> Vec<String> {
        places(identity, Path::new(relative), same_folder).iter().map(|p| p.display().to_string()).collect()
    }

    #[test]
    fn a_taken_place_gives_way_to_the_folders_names_then_the_extension() {
        assert_eq!(
            all("/d/年报/2024/综述.txt", "综述.json", false),
            [
                "综述.json",
                "2024/综述.json",
                "年报/2024/综述.json",
                "d/年报/2024/综述.json",
                "综述.txt.json",
                "2024/综述.txt.json",
                "年报/2024/综述.txt.json",
                "d/年报/2024/综述.txt.json"
            ]
        );
        // Taken by a file of the same folder: the extension tells them apart, not the folder.
        assert_eq!(
            all("/d/in/a/x.docx", "a/x.json", true)[..3],
            ["a/x.json", "a/x.docx.json", "in/a/x.json"]
        );
    }

    #[test]
    fn the_scope_holds_what_is_below_its_folders_and_its_files() {
        let scope = Scope { folders: vec!["/d/in".into()], files: vec!["/d/x.txt".into()] };
        assert!(scope.holds("/d/in/a/b.txt", None));
        assert!(!scope.holds("/d/inner/b.txt", None), "a folder whose name begins alike");
        assert!(scope.holds("/d/x.txt", None));
        assert!(!scope.holds("/d/y.txt", None));
        assert!(scope.holds("/elsewhere/b.txt", Some("/d/in")), "reached through a link");
    }

    #[test]
    fn an_input_keeps_its_place_and_takes_no_other_files() {
        let input = |identity: &str, relative: &str| Input {
            path: identity.into(),
            name: identity.into(),
            identity: identity.into(),
            relative: relative.into(),
            root: "/".into(),
        };
        let dir = tempfile::TempDir::new().unwrap();
        let mut index = Index::load(dir.path()).unwrap();
        let a = input("/d/2023/综述.txt", "综述.json");
        let b = input("/d/2024/综述.txt", "综述.json");
        assert_eq!(index.place(&a).unwrap(), Some("综述.json".into()));
        index.converted(&a, Path::new("综述.json")).unwrap();
        assert_eq!(index.place(&b).unwrap(), Some("2024/综述.json".into()));
        index.converted(&b, Path::new("2024/综述.json")).unwrap();
        index.finish(&[]).unwrap();
        let mut again = Index::load(dir.path()).unwrap();
        assert_eq!(
            again.place(&b).unwrap(),
            Some("2024/综述.json".into()),
            "where it was, whatever the order"
        );
        assert_eq!(again.place(&a).unwrap(), Some("综述.json".into()));
        // Another file of 2023's folder, of another extension, keeps its own.
        let md = input("/d/2023/综述.md", "综述.json");
        assert_eq!(again.place(&md).unwrap(), Some("综述.md.json".into()));
    }
}
