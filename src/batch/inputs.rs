//! Inputs: the files of a run, found in the files and folders given, in a fixed order.
//!
//! Folders are walked with their entries sorted by name, depth first, and streamed, never listed. Each
//! file is an [`Input`]: the path as given, its identity (the file itself, whatever the spelling of its
//! path), and its report's natural place below the output folder, built only from the plain components
//! of the walked path, so nothing is written outside the output folder whatever the input names. The
//! walk never enters the output folder, and never takes a file tian wrote there.

use std::collections::HashSet;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::{BatchError, DB, Failure, Input, RUN_FILES, index};
use crate::output;

/// How inputs are found in folders.
#[derive(Debug, Clone)]
pub struct Walk {
    /// Which files to take, matched against the path below the folder given (`*.txt`, `2023/**/*.txt`).
    pub glob: String,
    /// Also take hidden files and enter hidden folders.
    pub hidden: bool,
    /// Follow symbolic links inside folders.
    pub follow_links: bool,
    /// A folder never walked into: the output folder, when it lies inside an input folder.
    pub out: Option<PathBuf>,
}

/// The identity of the file at `path` ([`Input::identity`]).
pub(super) fn identity_of(path: &Path) -> String {
    crate::escaped(resolved(path).as_os_str().as_encoded_bytes())
}

/// `path` made absolute and resolved through the links and `..` of the part of it that exists, so that
/// two spellings of one place compare equal.
pub(crate) fn resolved(path: &Path) -> PathBuf {
    resolved_within(path, 0)
}

/// Links followed at most, as the system itself does before it gives up on a loop.
const MAX_LINKS: usize = 40;

fn resolved_within(path: &Path, links: usize) -> PathBuf {
    if let Ok(p) = fs::canonicalize(path) {
        return p;
    }
    // A link whose target is gone stands for that target: a file named through it is the target.
    if links < MAX_LINKS
        && let Ok(target) = fs::read_link(path)
    {
        let target = path.parent().map_or_else(|| target.clone(), |parent| parent.join(&target));
        return resolved_within(&target, links + 1);
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => {
            resolved_within(parent, links).join(name)
        }
        (_, Some(name)) => std::env::current_dir().map_or_else(|_| PathBuf::from(name), |d| d.join(name)),
        _ => std::path::absolute(path).unwrap_or_else(|_| path.to_owned()),
    }
}

pub(super) fn glob_matcher(walk: &Walk) -> Result<globset::GlobMatcher, BatchError> {
    // `*.TXT` is a text file as much as `*.txt`: files copied from Windows often carry upper case.
    Ok(globset::GlobBuilder::new(&walk.glob)
        .case_insensitive(true)
        .build()
        .map_err(|source| BatchError::Glob { glob: walk.glob.clone(), source })?
        .compile_matcher())
}

/// The inputs under `roots`, streamed in a deterministic order: the roots as given, and inside a folder
/// its entries sorted by name, depth first. Checks the glob and that every root exists before yielding
/// anything: a root that does not is a mistake, unless the output folder's index holds reports of it
/// (a file deleted, a folder moved away), which makes it an input that is gone. Holds no list of the
/// files, so memory does not grow with their number.
pub fn inputs(roots: &[PathBuf], walk: &Walk) -> Result<Inputs, BatchError> {
    let glob = glob_matcher(walk)?;
    let mut present = Vec::with_capacity(roots.len());
    for root in roots {
        if fs::metadata(root).is_ok() {
            present.push(root.clone());
        } else if !walk.out.as_deref().is_some_and(|out| index::knows(out, root)) {
            return Err(BatchError::MissingInput(root.display().to_string()));
        }
    }
    Ok(Inputs {
        roots: present.into_iter(),
        current: None,
        glob,
        walk: walk.clone(),
        out: walk.out.as_deref().map(resolved),
        seen_paths: HashSet::new(),
    })
}

type Entries = Box<dyn Iterator<Item = walkdir::Result<walkdir::DirEntry>> + Send>;

/// A folder being walked: as given, resolved once ([`resolved`]), and its entries.
struct Walking {
    root: PathBuf,
    resolved: PathBuf,
    /// `resolved`, escaped: each input's [`Input::root`].
    identity: Arc<str>,
    entries: Entries,
}

/// Iterator over the inputs of a run; see [`inputs`]. Yields a [`Failure`] for what cannot be taken: an
/// unreadable folder, an input whose report would overwrite another's or go into a folder named like one
/// of the run's files.
pub struct Inputs {
    roots: std::vec::IntoIter<PathBuf>,
    current: Option<Walking>,
    glob: globset::GlobMatcher,
    walk: Walk,
    /// The output folder, resolved ([`Walk::out`]).
    out: Option<PathBuf>,
    /// Hashes of the identities taken so far: 8 bytes a file instead of the paths.
    seen_paths: HashSet<u64>,
}

impl std::fmt::Debug for Inputs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inputs")
            .field("current", &self.current.as_ref().map(|c| &c.root))
            .finish_non_exhaustive()
    }
}

impl Inputs {
    /// Takes an input unless it was seen already (the same file named twice), or its report would go
    /// into a folder named like one of the run's files.
    fn admit(&mut self, input: Input) -> Option<Result<Input, Failure>> {
        // The same file named twice, however it was spelled.
        if !self.seen_paths.insert(index::key(&input.identity)) {
            return None;
        }
        // A report never goes into a folder named like one of the run's own files (a report's own name
        // ends in .json, which none of theirs does).
        let mut components = input.relative.components();
        let top = components.next().and_then(|c| c.as_os_str().to_str());
        if let Some(name) = top.filter(|t| (RUN_FILES.contains(t) || *t == DB) && components.next().is_some())
        {
            let reason = format!("its report would go where the run writes its {name}; rename the folder");
            return Some(Err(Failure { name: input.name, reason, identity: Some(input.identity) }));
        }
        Some(Ok(input))
    }

    fn take_entry(
        &mut self,
        walking: &Walking,
        entry: walkdir::Result<walkdir::DirEntry>,
    ) -> Option<Result<Input, Failure>> {
        let (root, resolved_root) = (&walking.root, &walking.resolved);
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let name = e.path().map_or_else(|| crate::path_text(root), crate::path_text);
                return Some(Err(Failure { name, reason: e.to_string(), identity: None }));
            }
        };
        if !entry.file_type().is_file() {
            return None; // folders, and symlinks when they are not followed
        }
        let below = entry.path().strip_prefix(root).ok()?;
        if !self.glob.is_match(below) || !only_plain_components(below) {
            return None;
        }
        if self.out.as_deref() == Some(resolved_root.as_path()) && is_own_output(below, entry.path()) {
            return None;
        }
        // Below a resolved folder, a walk that follows no links meets none: the joined path is already
        // the file's own, with no system call a file.
        let identity = if self.walk.follow_links {
            identity_of(entry.path())
        } else {
            crate::escaped(resolved_root.join(below).as_os_str().as_encoded_bytes())
        };
        let input = Input {
            path: entry.path().to_owned(),
            name: crate::path_text(entry.path()),
            identity,
            relative: below.with_extension("json"),
            root: walking.identity.clone(),
        };
        self.admit(input)
    }
}

impl Iterator for Inputs {
    type Item = Result<Input, Failure>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(mut walking) = self.current.take() {
                if let Some(entry) = walking.entries.next() {
                    let item = self.take_entry(&walking, entry);
                    self.current = Some(walking);
                    if item.is_some() {
                        return item;
                    }
                }
                continue;
            }
            let root = self.roots.next()?;
            if fs::metadata(&root).is_ok_and(|m| m.is_dir()) {
                let hidden = self.walk.hidden;
                let out = self.out.clone();
                let entries = walkdir::WalkDir::new(&root)
                    .follow_links(self.walk.follow_links)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(move |e| {
                        e.depth() == 0
                            || ((hidden || !is_hidden(e.file_name())) && !is_folder(e, out.as_deref()))
                    });
                let resolved = resolved(&root);
                let identity = crate::escaped(resolved.as_os_str().as_encoded_bytes()).into();
                self.current = Some(Walking { root, resolved, identity, entries: Box::new(entries) });
            } else {
                // A file named on the command line is taken whatever its name: the user chose it.
                let (name, identity) = (crate::path_text(&root), identity_of(&root));
                let file = root.file_name().map_or_else(|| PathBuf::from("input"), PathBuf::from);
                let relative = file.with_extension("json");
                let root_identity = identity.as_str().into();
                let item = self.admit(Input { path: root, name, identity, relative, root: root_identity });
                if item.is_some() {
                    return item;
                }
            }
        }
    }
}

/// Whether a walked entry is the folder `folder` (resolved), asked of folders of its name and of links.
fn is_folder(entry: &walkdir::DirEntry, folder: Option<&Path>) -> bool {
    folder.is_some_and(|f| {
        entry.file_type().is_dir()
            && (entry.path_is_symlink() || f.file_name() == Some(entry.file_name()))
            && resolved(entry.path()) == f
    })
}

/// Whether a file below the output folder, walked as an input folder, is one tian writes there: a run
/// file, the database and its journal, a temporary, a report.
fn is_own_output(below: &Path, path: &Path) -> bool {
    let top = below.components().count() == 1;
    let name = below.file_name().unwrap_or_default();
    let run_file = name.to_str().is_some_and(|n| {
        RUN_FILES.contains(&n) || n == DB || n.strip_suffix("-journal").is_some_and(|d| d == DB)
    });
    (top && run_file)
        || output::is_temporary(name)
        || (below.extension().is_some_and(|e| e == "json") && output::is_report(path))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn only_plain_components(path: &Path) -> bool {
    path.components().all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_components_are_accepted() {
        assert!(only_plain_components(Path::new("a/b.txt")));
        assert!(!only_plain_components(Path::new("../b.txt")));
        assert!(!only_plain_components(Path::new("/etc/b.txt")));
    }
}
