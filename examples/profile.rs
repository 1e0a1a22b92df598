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
//! `tian convert` does, and prints rows a second. With `bare`, the same rows go into the same tables
//! through one prepared statement a table, in one transaction, with nothing else: the floor under the
//! database stage.

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
    let (unit, mut rates) = match mode.as_str() {
        "db" => ("k rows/s", store(&docs, rounds, false)),
        "bare" => ("k rows/s", store(&docs, rounds, true)),
        _ => ("MB/s", parse(&docs, rounds)),
    };
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

/// Thousands of rows a second of each round, in chunks of reports as `tian convert` sends them, or
/// (`bare`) all at once by [`insert_bare`].
fn store(docs: &[(String, Vec<u8>)], rounds: usize, bare: bool) -> Vec<f64> {
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
            if bare {
                drop(db); // the tables made, and nothing else of tian's
                insert_bare(&path, &refs).expect("inserts");
                // The same schema: its secondary indexes, which opening a filled database builds.
                Db::open(&path).and_then(Db::finish).expect("indexes built");
            } else {
                for chunk in refs.chunks(tian::batch::CHUNK) {
                    db.store(chunk, false).expect("stores");
                }
                db.finish().expect("finishes");
            }
            let seconds = start.elapsed().as_secs_f64();
            let rate = rows_in(&path) as f64 / seconds / 1e3;
            let _ = std::fs::remove_file(&path);
            rate
        })
        .collect()
}

/// The rows tian stores for `reports`, inserted with one prepared statement a table in one transaction:
/// no lookup of an earlier report, no deletes; the secondary indexes are built after.
fn insert_bare(path: &std::path::Path, reports: &[(&str, &Report)]) -> rusqlite::Result<()> {
    use rusqlite::params;
    let mut conn = rusqlite::Connection::open(path)?;
    // The connection settings of tian's own (`Db::open`), so only the work differs.
    conn.execute_batch(
        "PRAGMA journal_mode = DELETE; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384;",
    )?;
    let tx = conn.transaction()?;
    {
        let mut report = tx.prepare(
            "INSERT INTO reports (file, path, sha256, parser, encoding, bytes, title, region, session_label, term,
                meeting, issuer, date, date_iso, submitted, registered, not_registered, registration_rate,
                merged_from, merged_into, final_registered, key_proposals, reply_rate, satisfaction_rate,
                intro, conclusion, format) VALUES (?1, ?2, ?3, 'bare', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
                ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)",
        )?;
        let mut proposal =
            tx.prepare("INSERT INTO proposals VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")?;
        let mut number = tx.prepare("INSERT INTO proposal_numbers VALUES (?1, ?2, ?3)")?;
        let mut proposer = tx.prepare("INSERT INTO proposers VALUES (?1, ?2, ?3)")?;
        let mut supervisor = tx.prepare("INSERT INTO supervisors VALUES (?1, ?2, ?3)")?;
        let mut unit = tx.prepare("INSERT INTO units VALUES (?1, ?2, ?3, ?4)")?;
        let mut suggestion = tx.prepare("INSERT INTO suggestions VALUES (?1, ?2, ?3)")?;
        let mut outcome = tx.prepare("INSERT INTO outcomes VALUES (?1, ?2, ?3, ?4, ?5)")?;
        let mut diagnostic = tx.prepare("INSERT INTO diagnostics VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
        for &(file, r) in reports {
            let s = &r.statistics;
            let session = r.session.as_ref();
            let id = report.insert(rusqlite::params_from_iter([
                &file as &dyn rusqlite::ToSql,
                &r.source.path,
                &r.source.sha256,
                &r.source.encoding,
                &(r.source.bytes as i64),
                &r.title,
                &r.region,
                &session.map(|s| &s.label),
                &session.and_then(|s| s.term),
                &session.and_then(|s| s.meeting),
                &r.issuer,
                &r.date.as_ref().map(|d| &d.text),
                &r.date.as_ref().map(|d| &d.iso),
                &s.submitted,
                &s.registered,
                &s.not_registered,
                &s.registration_rate,
                &s.merged_from,
                &s.merged_into,
                &s.final_registered,
                &s.key_proposals,
                &s.reply_rate,
                &s.satisfaction_rate,
                &r.intro.join("\n"),
                &r.conclusion.join("\n"),
                &r.source.format.as_str(),
            ]))?;
            for (k, p) in r.proposals.iter().enumerate() {
                let kind = p.proposer_kind.map(|k| k.as_str());
                let (first, last) = (p.lines[0] as i64, p.lines[1] as i64);
                let pid = proposal.insert(params![
                    id,
                    k as i64,
                    p.number,
                    p.title,
                    p.proposer,
                    kind,
                    p.lead_unit,
                    p.category,
                    p.content,
                    first,
                    last
                ])?;
                for (i, n) in p.numbers.iter().enumerate() {
                    number.execute(params![pid, i as i64, n])?;
                }
                for (i, name) in p.proposers.iter().enumerate() {
                    proposer.execute(params![pid, i as i64, name])?;
                }
                for (i, name) in p.supervisors.iter().enumerate() {
                    supervisor.execute(params![pid, i as i64, name])?;
                }
                let units = p
                    .lead_unit
                    .iter()
                    .map(|u| ("lead", u))
                    .chain(p.assisting_units.iter().map(|u| ("assisting", u)));
                for (i, (role, name)) in units.enumerate() {
                    unit.execute(params![pid, i as i64, role, name])?;
                }
                for (i, text) in p.suggestions.iter().enumerate() {
                    suggestion.execute(params![pid, i as i64, text])?;
                }
                for (i, o) in p.outcomes.iter().enumerate() {
                    outcome.execute(params![pid, i as i64, o.index, o.heading, o.text])?;
                }
            }
            for (i, d) in r.diagnostics.iter().enumerate() {
                let line = d.line.map(|l| l as i64);
                diagnostic.execute(params![
                    id,
                    i as i64,
                    d.severity.as_str(),
                    d.code.as_str(),
                    d.message,
                    line
                ])?;
            }
        }
    }
    tx.commit()
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
