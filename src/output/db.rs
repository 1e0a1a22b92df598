//! The SQLite feed: reports and their proposals in normalized tables.
//!
//! One row per report, keyed by its file's identity (its path made absolute and resolved, so that two
//! spellings of one path are one report). Reports are written many per transaction, each report
//! deleted and inserted whole inside it, so an interrupted run leaves every report either whole or as it
//! was; a transaction per report would write the touched index pages once per report, which made the
//! database the slowest part of a run. A report whose bytes (sha256) and
//! parser version are unchanged is skipped, so running twice leaves the database identical.
//! `PRAGMA user_version` holds [`DB_VERSION`]; a database of another version is refused, not mixed.
//!
//! The tables declare their foreign keys, with `ON DELETE CASCADE`, for the connections of the people
//! who query them. tian's own connection does not enforce them: it builds every reference itself, and
//! checking each one cost an eighth of the database thread's work. It deletes a report's rows itself.

use std::path::{Path, PathBuf};

use std::sync::LazyLock;

use rusqlite::types::{ToSql, ToSqlOutput};
use rusqlite::{CachedStatement, Connection, OptionalExtension, params};

use crate::model::{Figure, ProposerKind, Report, Stat};

/// A statistic as SQLite stores it: a count as an integer, a rate as a real.
impl ToSql for Figure {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match *self {
            Figure::Count(n) => ToSqlOutput::from(i64::from(n)),
            Figure::Rate(r) => ToSqlOutput::from(r),
        })
    }
}

/// Layout version of the tables below, kept in `PRAGMA user_version`.
pub const DB_VERSION: i64 = 6;

/// What wrote a report: a newer parser may read the same bytes differently, so it re-writes the rows.
const PARSER: &str = concat!("tian ", env!("CARGO_PKG_VERSION"), " record v4");

/// The rows below a proposal or a report are keyed by (parent, position) and stored in that order,
/// `WITHOUT ROWID`: one b-tree per table rather than a table and the index of its key.
static TABLES: LazyLock<String> = LazyLock::new(|| {
    let statistics: Vec<String> = Stat::ALL
        .iter()
        .map(|s| format!("{:<17} {},", s.name(), if s.is_rate() { "REAL" } else { "INTEGER" }))
        .collect();
    TABLES_TEMPLATE.replace("{STATISTICS}", &statistics.join("\n    "))
});

/// The tables, the reports' statistics columns left to [`Stat::ALL`] (`{STATISTICS}`).
const TABLES_TEMPLATE: &str = r"
CREATE TABLE IF NOT EXISTS reports (
    id                INTEGER PRIMARY KEY,
    file              TEXT NOT NULL UNIQUE,
    path              TEXT NOT NULL,
    sha256            TEXT NOT NULL,
    format            TEXT NOT NULL,
    parser            TEXT NOT NULL,
    encoding          TEXT NOT NULL,
    bytes             INTEGER NOT NULL,
    title             TEXT,
    region            TEXT,
    session_label     TEXT,
    term              INTEGER,
    meeting           INTEGER,
    issuer            TEXT,
    date              TEXT,
    date_iso          TEXT,
    {STATISTICS}
    intro             TEXT NOT NULL,
    conclusion        TEXT NOT NULL,
    -- The output folder whose run wrote it (resolved), so a run can bring the database in line with its
    -- folder; NULL for a row written by a version before it was kept.
    folder            TEXT
);

CREATE TABLE IF NOT EXISTS proposals (
    id            INTEGER PRIMARY KEY,
    report_id     INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    number        INTEGER NOT NULL,
    title         TEXT,
    proposer      TEXT,
    -- Not `IN (...)`: SQLite builds a temporary table for a list of three or more on every insert.
    proposer_kind TEXT CHECK (proposer_kind = 'individual' OR proposer_kind = 'joint' OR proposer_kind = 'collective'),
    lead_unit     TEXT,
    category      TEXT,
    content       TEXT,
    first_line    INTEGER NOT NULL,
    last_line     INTEGER NOT NULL,
    UNIQUE (report_id, position)
);

CREATE TABLE IF NOT EXISTS proposal_numbers (
    proposal_id INTEGER NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    number      INTEGER NOT NULL,
    PRIMARY KEY (proposal_id, position)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS proposers (
    proposal_id INTEGER NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    PRIMARY KEY (proposal_id, position)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS supervisors (
    proposal_id INTEGER NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    PRIMARY KEY (proposal_id, position)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS units (
    proposal_id INTEGER NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('lead', 'assisting')),
    name        TEXT NOT NULL,
    PRIMARY KEY (proposal_id, position)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS suggestions (
    proposal_id INTEGER NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (proposal_id, position)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS outcomes (
    proposal_id INTEGER NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    number      INTEGER NOT NULL,
    heading     TEXT,
    text        TEXT NOT NULL,
    PRIMARY KEY (proposal_id, position)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS diagnostics (
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    severity  TEXT NOT NULL CHECK (severity IN ('info', 'warning')),
    code      TEXT NOT NULL,
    message   TEXT NOT NULL,
    line      INTEGER,
    PRIMARY KEY (report_id, position)
) WITHOUT ROWID;
";

/// The tables of [`TABLES`] (test `the_tables_are_these`).
pub const TABLE_NAMES: [&str; 9] = [
    "reports",
    "proposals",
    "proposal_numbers",
    "proposers",
    "supervisors",
    "units",
    "suggestions",
    "outcomes",
    "diagnostics",
];

/// Deletes the rows of report `?1`, children first. Every table below `reports` is here: the tables'
/// `ON DELETE CASCADE` is not enforced on tian's connection.
const DELETE_REPORT: [&str; 9] = [
    "DELETE FROM proposal_numbers WHERE proposal_id IN (SELECT id FROM proposals WHERE report_id = ?1)",
    "DELETE FROM proposers WHERE proposal_id IN (SELECT id FROM proposals WHERE report_id = ?1)",
    "DELETE FROM supervisors WHERE proposal_id IN (SELECT id FROM proposals WHERE report_id = ?1)",
    "DELETE FROM units WHERE proposal_id IN (SELECT id FROM proposals WHERE report_id = ?1)",
    "DELETE FROM suggestions WHERE proposal_id IN (SELECT id FROM proposals WHERE report_id = ?1)",
    "DELETE FROM outcomes WHERE proposal_id IN (SELECT id FROM proposals WHERE report_id = ?1)",
    "DELETE FROM proposals WHERE report_id = ?1",
    "DELETE FROM diagnostics WHERE report_id = ?1",
    "DELETE FROM reports WHERE id = ?1",
];

/// Secondary indexes, on the columns people filter by. A report's proposals are found through the key
/// `UNIQUE (report_id, position)`, which needs no index of its own. A database created by a run gets
/// them once at the end ([`Db::finish`]): built in one pass they cost a fraction of maintaining them row
/// by row.
const INDEXES: &str = r"
CREATE INDEX IF NOT EXISTS reports_session ON reports (region, term, meeting);
CREATE INDEX IF NOT EXISTS proposals_lead_unit ON proposals (lead_unit);
CREATE INDEX IF NOT EXISTS proposals_category ON proposals (category);
CREATE INDEX IF NOT EXISTS proposals_proposer ON proposals (proposer);
CREATE INDEX IF NOT EXISTS proposals_number ON proposals (number);
CREATE INDEX IF NOT EXISTS proposal_numbers_number ON proposal_numbers (number);
CREATE INDEX IF NOT EXISTS proposers_name ON proposers (name);
CREATE INDEX IF NOT EXISTS supervisors_name ON supervisors (name);
CREATE INDEX IF NOT EXISTS units_name ON units (name, role);
CREATE INDEX IF NOT EXISTS diagnostics_code ON diagnostics (code);
";

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("{path}: {source}")]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error(
        "{path}: database layout version {found}, this tian writes version {DB_VERSION}; use another --db"
    )]
    Version { path: PathBuf, found: i64 },
}

/// Whether a report's rows were written or already up to date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    Written,
    Unchanged,
}

/// An open feed database.
#[derive(Debug)]
pub struct Db {
    conn: Connection,
    path: PathBuf,
    /// Created by this run: its indexes are built by [`Db::finish`].
    indexes_pending: bool,
    /// Reports written in the open transaction.
    in_transaction: usize,
    /// The output folder whose reports are stored ([`Db::set_folder`]).
    folder: Option<String>,
}

/// Reports per transaction: large enough that index pages are written a few times per run, not once
/// per report; each report is still deleted and inserted whole inside it.
const REPORTS_PER_TRANSACTION: usize = 1024;

impl Db {
    /// Opens or creates the database, creating the tables and checking the layout version.
    pub fn open(path: &Path) -> Result<Db, DbError> {
        let err = |source| DbError::Sqlite { path: path.to_owned(), source };
        let conn = Connection::open(path).map_err(err)?;
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect())
            .map_err(err)?;
        let has_tables = !tables.is_empty();
        if has_tables {
            let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(err)?;
            // Version 0 with only tian's tables: tian's own first run, killed before it finished them.
            let begun = found == 0 && tables.iter().all(|t| TABLE_NAMES.contains(&t.as_str()));
            // Layout 4 lacked only the reports' folder.
            // Layout 4 lacked the reports' folder and format, layout 5 their format; the rows written
            // before are of text (their parser's version has them rewritten when converted again).
            let add_format = "ALTER TABLE reports ADD COLUMN format TEXT NOT NULL DEFAULT 'text'";
            match found {
                _ if begun => {}
                4 => conn
                    .execute_batch(&format!("ALTER TABLE reports ADD COLUMN folder TEXT; {add_format}"))
                    .map_err(err)?,
                5 => conn.execute_batch(add_format).map_err(err)?,
                DB_VERSION => {}
                _ => return Err(DbError::Version { path: path.to_owned(), found }),
            }
        } else {
            // Rows carry whole paragraphs: larger pages mean fewer overflow pages. Only settable while empty.
            conn.pragma_update(None, "page_size", 16384).map_err(err)?;
        }
        // A rollback journal, not WAL: both leave the database as it was before the open transaction when
        // tian is interrupted, but WAL writes every new page twice (log, then checkpoint), while the
        // journal holds only the pre-images of pages that already existed. A conversion mostly appends.
        conn.pragma_update(None, "journal_mode", "DELETE").map_err(err)?;
        // A reader (a user's query) may hold the database a moment: wait for it rather than fail.
        conn.busy_timeout(std::time::Duration::from_secs(10)).map_err(err)?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(err)?;
        // See the module comment: references are built, not checked, and deletes are explicit.
        conn.pragma_update(None, "foreign_keys", false).map_err(err)?;
        // A fixed 16 MiB page cache (negative means KiB): memory does not grow with the database.
        conn.pragma_update(None, "cache_size", -16 * 1024).map_err(err)?;
        // The tables and the version that says they are tian's, together or not at all.
        let tables = format!("BEGIN; {}; PRAGMA user_version = {DB_VERSION}; COMMIT;", *TABLES);
        conn.execute_batch(&tables).map_err(err)?;
        if has_tables {
            // Also completes a database whose first run was interrupted before its indexes were built.
            conn.execute_batch(INDEXES).map_err(err)?;
        }
        Ok(Db { conn, path: path.to_owned(), indexes_pending: !has_tables, in_transaction: 0, folder: None })
    }

    /// Says which output folder the reports stored from now on are of (resolved, escaped).
    pub fn set_folder(&mut self, folder: String) {
        self.folder = Some(folder);
    }

    fn err(&self) -> impl Fn(rusqlite::Error) -> DbError + '_ {
        |source| DbError::Sqlite { path: self.path.clone(), source }
    }

    /// Writes the rows of `reports`, each with its file's identity, replacing what that file had unless
    /// unchanged (or `force`).
    /// Gives, per report, whether it was written. Rows become durable at the next commit: every
    /// `REPORTS_PER_TRANSACTION` reports and in [`Db::finish`].
    pub fn store(&mut self, reports: &[(&str, &Report)], force: bool) -> Result<Vec<Stored>, DbError> {
        if self.in_transaction == 0 {
            self.conn.execute_batch("BEGIN").map_err(self.err())?;
        }
        let stored = Statements::new(&self.conn).and_then(|mut st| {
            reports
                .iter()
                .map(|&(file, r)| store_one(&mut st, file, self.folder.as_deref(), r, force))
                .collect::<rusqlite::Result<Vec<_>>>()
        });
        let stored = stored.map_err(self.err())?;
        self.in_transaction += reports.len();
        if self.in_transaction >= REPORTS_PER_TRANSACTION {
            self.commit()?;
        }
        Ok(stored)
    }

    fn commit(&mut self) -> Result<(), DbError> {
        if self.in_transaction > 0 {
            self.conn.execute_batch("COMMIT").map_err(self.err())?;
            self.in_transaction = 0;
        }
        Ok(())
    }

    /// Removes the rows of every report that `gone` says is gone, given its file (identity) and its
    /// folder, in one transaction. Gives the files whose reports were removed.
    pub fn remove_where(
        &mut self,
        mut gone: impl FnMut(&str, Option<&str>) -> bool,
    ) -> Result<Vec<String>, DbError> {
        self.commit()?;
        let removed: Vec<(i64, String)> = {
            let mut stmt = self.conn.prepare("SELECT id, file, folder FROM reports").map_err(self.err())?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?))
                })
                .map_err(self.err())?;
            let mut ids = Vec::new();
            for row in rows {
                let (id, file, folder) = row.map_err(self.err())?;
                if gone(&file, folder.as_deref()) {
                    ids.push((id, file));
                }
            }
            ids
        };
        if removed.is_empty() {
            return Ok(Vec::new());
        }
        let deleted = (|| {
            let tx = self.conn.unchecked_transaction()?;
            for &(id, _) in &removed {
                for sql in DELETE_REPORT {
                    self.conn.prepare_cached(sql)?.execute([id])?;
                }
            }
            tx.commit()
        })();
        deleted.map_err(self.err())?;
        Ok(removed.into_iter().map(|(_, file)| file).collect())
    }

    /// Commits what is open and builds the indexes of a new database.
    pub fn finish(mut self) -> Result<(), DbError> {
        self.commit()?;
        if self.indexes_pending {
            self.conn.execute_batch(INDEXES).map_err(self.err())?;
        }
        Ok(())
    }
}

/// The statements of one batch, taken from the cache once per batch rather than once per row: the
/// cache hashes the statement's text on every lookup.
/// The insert of a report's row: its columns in the order of [`insert`]'s values.
static INSERT_REPORT: LazyLock<String> = LazyLock::new(|| {
    let columns: Vec<&str> =
        ["file", "path", "sha256", "format", "parser", "encoding", "bytes", "title", "region"]
            .into_iter()
            .chain(["session_label", "term", "meeting", "issuer", "date", "date_iso"])
            .chain(Stat::ALL.iter().map(|s| s.name()))
            .chain(["intro", "conclusion", "folder"])
            .collect();
    let values: Vec<String> = (1..=columns.len()).map(|k| format!("?{k}")).collect();
    format!("INSERT INTO reports ({}) VALUES ({})", columns.join(", "), values.join(", "))
});

struct Statements<'c> {
    conn: &'c Connection,
    find: CachedStatement<'c>,
    report: CachedStatement<'c>,
    proposal: CachedStatement<'c>,
    number: CachedStatement<'c>,
    proposer: CachedStatement<'c>,
    supervisor: CachedStatement<'c>,
    unit: CachedStatement<'c>,
    suggestion: CachedStatement<'c>,
    outcome: CachedStatement<'c>,
    diagnostic: CachedStatement<'c>,
}

impl<'c> Statements<'c> {
    fn new(conn: &'c Connection) -> rusqlite::Result<Statements<'c>> {
        Ok(Statements {
            conn,
            find: conn.prepare_cached("SELECT id, sha256, parser, path, folder FROM reports WHERE file = ?1")?,
            report: conn.prepare_cached(
&INSERT_REPORT)?,
            proposal: conn.prepare_cached(
                "INSERT INTO proposals (report_id, position, number, title, proposer, proposer_kind, lead_unit,
                    category, content, first_line, last_line)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?,
            number: conn.prepare_cached("INSERT INTO proposal_numbers VALUES (?1, ?2, ?3)")?,
            proposer: conn.prepare_cached("INSERT INTO proposers VALUES (?1, ?2, ?3)")?,
            supervisor: conn.prepare_cached("INSERT INTO supervisors VALUES (?1, ?2, ?3)")?,
            unit: conn.prepare_cached("INSERT INTO units VALUES (?1, ?2, ?3, ?4)")?,
            suggestion: conn.prepare_cached("INSERT INTO suggestions VALUES (?1, ?2, ?3)")?,
            outcome: conn.prepare_cached("INSERT INTO outcomes VALUES (?1, ?2, ?3, ?4, ?5)")?,
            diagnostic: conn.prepare_cached("INSERT INTO diagnostics VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?,
        })
    }

    /// Deletes every row of report `id`. Rare (an input that changed), so its statements are looked up
    /// in the cache when needed.
    fn delete(&self, id: i64) -> rusqlite::Result<()> {
        for sql in DELETE_REPORT {
            self.conn.prepare_cached(sql)?.execute([id])?;
        }
        Ok(())
    }
}

fn store_one(
    st: &mut Statements<'_>,
    file: &str,
    folder: Option<&str>,
    report: &Report,
    force: bool,
) -> rusqlite::Result<Stored> {
    let path = report.source.path.as_deref().unwrap_or("-");
    let existing: Option<(i64, String, String, String, Option<String>)> = st
        .find
        .query_row([file], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .optional()?;
    if let Some((id, sha, parser, old_path, old_folder)) = existing {
        if !force && sha == report.source.sha256 && parser == PARSER {
            // The same report, reached by another spelling of its path or from another folder: this
            // run's.
            if old_path != path || old_folder.as_deref() != folder {
                st.conn
                    .prepare_cached("UPDATE reports SET path = ?1, folder = ?2 WHERE id = ?3")?
                    .execute(params![path, folder, id])?;
            }
            return Ok(Stored::Unchanged);
        }
        st.delete(id)?;
    }
    insert(st, file, path, folder, report)?;
    Ok(Stored::Written)
}

fn insert(
    st: &mut Statements<'_>,
    file: &str,
    path: &str,
    folder: Option<&str>,
    r: &Report,
) -> rusqlite::Result<()> {
    let session = r.session.as_ref();
    let (label, term, meeting) =
        (session.map(|s| &s.label), session.and_then(|s| s.term), session.and_then(|s| s.meeting));
    let (date, date_iso) = (r.date.as_ref().map(|d| &d.text), r.date.as_ref().map(|d| &d.iso));
    let bytes = int(r.source.bytes);
    let statistics = Stat::ALL.map(|stat| r.statistics.get(stat));
    let (intro, conclusion) = (r.intro.join("\n"), r.conclusion.join("\n"));
    // In the order of INSERT_REPORT's columns.
    let format = r.source.format.as_str();
    let head: [&dyn ToSql; 15] = [
        &file,
        &path,
        &r.source.sha256,
        &format,
        &PARSER,
        &r.source.encoding,
        &bytes,
        &r.title,
        &r.region,
        &label,
        &term,
        &meeting,
        &r.issuer,
        &date,
        &date_iso,
    ];
    let tail: [&dyn ToSql; 3] = [&intro, &conclusion, &folder];
    let values = head.into_iter().chain(statistics.iter().map(|f| f as &dyn ToSql)).chain(tail);
    let report_id = st.report.insert(rusqlite::params_from_iter(values))?;

    for (position, p) in r.proposals.iter().enumerate() {
        let id = st.proposal.insert(params![
            report_id,
            int(position),
            p.number,
            p.title,
            p.proposer,
            p.proposer_kind.map(ProposerKind::as_str),
            p.lead_unit,
            p.category,
            p.content,
            int(p.lines[0]),
            int(p.lines[1]),
        ])?;
        for (i, n) in p.numbers.iter().enumerate() {
            st.number.execute(params![id, int(i), n])?;
        }
        for (i, name) in p.proposers.iter().enumerate() {
            st.proposer.execute(params![id, int(i), name])?;
        }
        for (i, name) in p.supervisors.iter().enumerate() {
            st.supervisor.execute(params![id, int(i), name])?;
        }
        let lead = p.lead_unit.iter().map(|u| ("lead", u));
        let assisting = p.assisting_units.iter().map(|u| ("assisting", u));
        for (i, (role, name)) in lead.chain(assisting).enumerate() {
            st.unit.execute(params![id, int(i), role, name])?;
        }
        for (i, text) in p.suggestions.iter().enumerate() {
            st.suggestion.execute(params![id, int(i), text])?;
        }
        for (i, o) in p.outcomes.iter().enumerate() {
            st.outcome.execute(params![id, int(i), o.index, o.heading, o.text])?;
        }
    }
    for (i, d) in r.diagnostics.iter().enumerate() {
        st.diagnostic.execute(params![
            report_id,
            int(i),
            d.severity.as_str(),
            d.code.as_str(),
            d.message,
            d.line.map(int)
        ])?;
    }
    Ok(())
}

/// SQLite integers are i64; nothing tian counts comes near the limit.
fn int(n: impl TryInto<i64>) -> i64 {
    n.try_into().unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A database whose tables a killed first run began before it set the layout version (version 0,
    /// only tian's tables) is taken up and completed; one with tables of another program's is refused.
    #[test]
    fn a_database_a_killed_first_run_began_is_completed() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("p.db");
        // The first of the tables, as a first run killed after it had made that one leaves them.
        let first = TABLES.split_inclusive(");").next().unwrap();
        Connection::open(&path).unwrap().execute_batch(first).unwrap();
        Db::open(&path).unwrap().finish().unwrap();
        let conn = Connection::open(&path).unwrap();
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(version, DB_VERSION);
        let other = dir.path().join("other.db");
        Connection::open(&other).unwrap().execute_batch("CREATE TABLE t (x);").unwrap();
        assert!(matches!(Db::open(&other), Err(DbError::Version { found: 0, .. })));
    }

    #[test]
    fn the_tables_are_these() {
        let dir = tempfile::TempDir::new().unwrap();
        let db = Db::open(&dir.path().join("p.db")).unwrap();
        let mut names: Vec<String> = db
            .conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        names.sort();
        let mut want = TABLE_NAMES.map(str::to_owned).to_vec();
        want.sort();
        assert_eq!(names, want);
    }

    /// A database of layout 4 gains the reports' folder in place, and keeps its rows.
    #[test]
    fn a_database_of_layout_4_gains_the_folder() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("p.db");
        let sample = include_bytes!("../../input/xiaoshan-15-3-key-proposals.txt");
        let report = crate::parse(sample, Some("a.txt"), &crate::Options::default()).unwrap();
        let mut db = Db::open(&path).unwrap();
        db.store(&[("/a.txt", &report)], false).unwrap();
        db.finish().unwrap();
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("ALTER TABLE reports DROP COLUMN folder; ALTER TABLE reports DROP COLUMN format; PRAGMA user_version = 4;").unwrap();
        drop(conn);
        let mut db = Db::open(&path).unwrap();
        db.set_folder("/out".into());
        assert_eq!(db.store(&[("/a.txt", &report)], false).unwrap(), [Stored::Unchanged]);
        db.finish().unwrap();
        let conn = Connection::open(&path).unwrap();
        let (version, folder): (i64, Option<String>) = (
            conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap(),
            conn.query_row("SELECT folder FROM reports", [], |r| r.get(0)).unwrap(),
        );
        assert_eq!((version, folder.as_deref()), (DB_VERSION, Some("/out")));
    }
}
