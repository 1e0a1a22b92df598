//! A loop over the generated corpus for profilers, which need one long run rather than criterion's many
//! short ones:
//!
//! ```text
//! cargo build --release --example profile
//! perf record --call-graph dwarf target/release/examples/profile
//! N=1 valgrind --tool=callgrind --toggle-collect='tian::parse' target/release/examples/profile gb18030
//! TMPDIR=/dev/shm target/release/examples/profile db
//! scripts/instructions.sh; scripts/allocations.sh
//! ```
//!
//! Parses the 4 MB corpus of the benchmarks N times (default 30), as UTF-8 or, with `gb18030`, as
//! GB18030, and prints the best and the median throughput of a round. With `db` it parses once and
//! then stores the reports N times into a new SQLite database in the temporary folder, the way
//! `tian convert` does, and prints rows a second.

use std::hint::black_box;
use std::time::Instant;

use tian::output::db::Db;
use tian::{FileName, Options, Report, decode};

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let rounds: usize = std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(30);
    let file = FileName(None);
    let docs: Vec<(String, Vec<u8>)> = tian_corpus::generate(1, 4 << 20)
        .map(|d| {
            let text =
                decode::decode(&d.bytes, None, &file).expect("generated text decodes").text.into_owned();
            let bytes = if mode == "gb18030" {
                encoding_rs::GB18030.encode(&text).0.into_owned()
            } else {
                text.into_bytes()
            };
            (d.name, bytes)
        })
        .collect();
    let (unit, mut rates) =
        if mode == "db" { ("k rows/s", store(&docs, rounds)) } else { ("MB/s", parse(&docs, rounds)) };
    rates.sort_by(f64::total_cmp);
    let best = rates.last().copied().unwrap_or(0.0);
    let median = rates.get(rates.len() / 2).copied().unwrap_or(0.0);
    println!("{best:.1} {unit} best, {median:.1} {unit} median of {rounds} rounds");
}

/// MB/s of each round: rounds are timed one by one, since on a shared machine the best and the median
/// say more than the mean.
fn parse(docs: &[(String, Vec<u8>)], rounds: usize) -> Vec<f64> {
    let bytes: usize = docs.iter().map(|(_, d)| d.len()).sum();
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            for (_, d) in docs {
                black_box(tian::parse(d, None, &Options::default()).ok());
            }
            bytes as f64 / start.elapsed().as_secs_f64() / 1e6
        })
        .collect()
}

/// Thousands of rows a second of each round, in chunks of reports as `tian convert` sends them.
fn store(docs: &[(String, Vec<u8>)], rounds: usize) -> Vec<f64> {
    let reports: Vec<Report> = docs
        .iter()
        .map(|(name, d)| tian::parse(d, Some(name), &Options::default()).expect("parses"))
        .collect();
    let path = std::env::temp_dir().join(format!("tian-profile-{}.db", std::process::id()));
    // Each report keyed by its source path, as unique as a file's identity.
    let refs: Vec<(&str, &Report)> =
        reports.iter().map(|r| (r.source.path.as_deref().unwrap_or("-"), r)).collect();
    (0..rounds)
        .map(|_| {
            let _ = std::fs::remove_file(&path);
            let start = Instant::now();
            let mut db = Db::open(&path).expect("database opens");
            for chunk in refs.chunks(tian::batch::CHUNK) {
                db.store(chunk, false).expect("stores");
            }
            db.finish().expect("finishes");
            let seconds = start.elapsed().as_secs_f64();
            let rate = rows_in(&path) as f64 / seconds / 1e3;
            let _ = std::fs::remove_file(&path);
            rate
        })
        .collect()
}

/// Rows in every table of the database at `path`, counted by the database rather than from the records.
fn rows_in(path: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(path).expect("database opens");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect())
        .expect("tables listed");
    tables
        .iter()
        .map(|t| {
            conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get::<_, i64>(0)).expect("counted")
        })
        .sum()
}
