//! The floor under `tian convert`: what a run costs that reads every input and writes one file for it,
//! under a temporary name renamed into place, with no parsing at all. `tian convert`'s time over this
//! one's, on the same corpus in the same sitting, is how much of a run is tian's own work.
//!
//! ```text
//! cargo build --release --example floor
//! target/release/examples/floor CORPUS OUT [JOBS]     # JOBS threads, as `tian convert --jobs`
//! ```
//!
//! Each input `CORPUS/a/b.txt` gives `OUT/a/b.json` holding its bytes twice, about the size of its
//! report (a report's JSON is 1.7 times its input in the median).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(corpus), Some(out)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: floor CORPUS OUT [JOBS]");
        std::process::exit(2);
    };
    let jobs = args.get(3).and_then(|j| j.parse().ok()).unwrap_or(2);
    let corpus = Path::new(corpus);
    let files: Vec<PathBuf> = walkdir::WalkDir::new(corpus)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build().expect("a thread pool");
    let written: std::io::Result<u64> = pool.install(|| {
        files
            .par_iter()
            .map(|path| {
                let below = path.strip_prefix(corpus).expect("below the corpus");
                copy_twice(path, &Path::new(out).join(below).with_extension("json"))
            })
            .sum()
    });
    match written {
        Ok(bytes) => eprintln!("wrote {} files, {:.1} MB read", files.len(), bytes as f64 / 1e6),
        Err(e) => {
            eprintln!("floor: {e}");
            std::process::exit(1);
        }
    }
}

/// Writes the bytes of `from` twice to `to`, under a temporary name renamed into place; gives the bytes
/// read.
fn copy_twice(from: &Path, to: &Path) -> std::io::Result<u64> {
    let bytes = fs::read(from)?;
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent)?;
    }
    let temp = to.with_extension("json.tmp");
    let mut file = fs::File::create(&temp)?;
    file.write_all(&bytes)?;
    file.write_all(&bytes)?;
    drop(file);
    fs::rename(&temp, to)?;
    Ok(bytes.len() as u64)
}
