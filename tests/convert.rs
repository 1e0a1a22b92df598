//! `tian convert`, run as the real binary in temp folders: determinism, re-runs, bad files, path safety,
//! the SQLite schema and the CSV files.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use rusqlite::Connection;
use tempfile::TempDir;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn tian(cwd: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tian").expect("binary built");
    cmd.current_dir(cwd);
    cmd
}

/// A copy of input/ in a temp folder, so tests may edit it.
fn copy_inputs(to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(root().join("input")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
    }
}

/// Every file below `dir` with its bytes, sorted, skipping the database (compared by dump).
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = walk(dir)
        .into_iter()
        .filter(|p| !p.to_string_lossy().contains("proposals.db") && !p.ends_with(".tian.lock"))
        .map(|p| (p.strip_prefix(dir).unwrap().to_owned(), fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        // symlink_metadata: a link to a folder is listed as itself, not walked into.
        if fs::symlink_metadata(&path).unwrap().is_dir() { out.extend(walk(&path)) } else { out.push(path) }
    }
    out
}

/// Every row of every table, in primary-key order, but the reports' output folder: equal dumps mean
/// databases that hold the same.
fn dump(db: &Path) -> Vec<String> {
    let conn = Connection::open(db).unwrap();
    let tables = table_names(&conn);
    let mut out = vec![format!(
        "user_version {}",
        conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).unwrap()
    )];
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2")).unwrap();
        // Which output folder wrote a report differs between two folders' databases by design.
        let columns: Vec<usize> =
            (0..stmt.column_count()).filter(|&i| stmt.column_name(i).unwrap() != "folder").collect();
        let rows = stmt
            .query_map([], |r| {
                let cells: Vec<String> =
                    columns.iter().map(|&i| format!("{:?}", r.get_ref(i).unwrap())).collect();
                Ok(format!("{table}: {}", cells.join(" | ")))
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

/// How many sample documents input/ holds.
fn input_count() -> usize {
    fs::read_dir(root().join("input")).unwrap().count()
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn the_committed_output_is_what_the_readme_command_writes() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("output");
    tian(root()).args(["convert", "input", "--out"]).arg(&out).arg("--quiet").assert().success();
    let written: Vec<_> =
        tree(&out).into_iter().filter(|(p, _)| p.extension().is_some_and(|e| e == "json")).collect();
    // output/diff/ holds the goldens of `tian diff`, not of convert.
    let committed: Vec<_> = tree(&root().join("output"))
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "json") && !p.starts_with("diff"))
        .collect();
    let names = |v: &[(PathBuf, Vec<u8>)]| v.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&written), names(&committed), "the same report files");
    for ((name, got), (_, want)) in written.iter().zip(&committed) {
        assert!(
            got == want,
            "output/{} differs from what `tian convert input --out output` writes",
            name.display()
        );
    }
}

#[test]
fn two_runs_give_identical_outputs_and_database() {
    let tmp = TempDir::new().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    for dir in [&a, &b] {
        tian(root()).args(["convert", "input", "--csv", "--out"]).arg(dir).assert().success();
    }
    assert_eq!(tree(&a), tree(&b));
    assert_eq!(dump(&a.join("proposals.db")), dump(&b.join("proposals.db")));

    // Again into the same folder: nothing changes, and the database says so.
    let before = (tree(&a), dump(&a.join("proposals.db")));
    let out = tian(root())
        .args(["convert", "input", "--csv", "--out"])
        .arg(&a)
        .assert()
        .success()
        .get_output()
        .clone();
    let unchanged = format!("database: 0 written, {} unchanged", input_count());
    assert!(stderr_of(&out).contains(&unchanged), "{}", stderr_of(&out));
    assert_eq!((tree(&a), dump(&a.join("proposals.db"))), before);
}

/// `--jobs` sets how many threads work at once, never what they write: one core and three give the same
/// bytes and rows, over more files than one chunk holds.
#[test]
fn the_thread_count_never_changes_the_outputs() {
    let tmp = TempDir::new().unwrap();
    for copy in 0..10 {
        copy_inputs(&tmp.path().join(format!("in/{copy}")));
    }
    let files = 10 * input_count();
    assert!(files > 2 * tian::batch::CHUNK, "{files} files fill several chunks");
    for jobs in ["1", "3"] {
        let run =
            tian(tmp.path()).args(["convert", "in", "--csv", "-j", jobs, "--out", jobs]).assert().success();
        let said = format!("converted {files} files");
        assert!(stderr_of(run.get_output()).contains(&said), "{}", stderr_of(run.get_output()));
    }
    let (one, three) = (tmp.path().join("1"), tmp.path().join("3"));
    assert_eq!(tree(&one), tree(&three));
    assert_eq!(dump(&one.join("proposals.db")), dump(&three.join("proposals.db")));
}

#[test]
fn an_edited_input_replaces_only_its_own_rows() {
    let tmp = TempDir::new().unwrap();
    let (inputs, out) = (tmp.path().join("in"), tmp.path().join("out"));
    copy_inputs(&inputs);
    tian(tmp.path()).args(["convert", "in", "--out", "out", "--quiet"]).assert().success();
    let db = out.join("proposals.db");
    let ids = |conn: &Connection, path: &str| -> Vec<i64> {
        conn.prepare("SELECT p.id FROM proposals p JOIN reports r ON r.id = p.report_id WHERE r.path = ?1 ORDER BY p.id")
            .unwrap()
            .query_map([path], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let (edited, other) = ("in/xiaoshan-15-3-key-proposals.txt", "in/gb18030-fuyang-14-4.txt");
    let conn = Connection::open(&db).unwrap();
    let (edited_before, other_before) = (ids(&conn, edited), ids(&conn, other));
    let rows_before = rows_per_table(&db);
    drop(conn);

    // 142 moves from category B to A.
    let text = fs::read_to_string(tmp.path().join(edited)).unwrap().replace("办理类别:B类", "办理类别:A类");
    fs::write(tmp.path().join(edited), text).unwrap();
    let run =
        tian(tmp.path()).args(["convert", "in", "--out", "out"]).assert().success().get_output().clone();
    let one = format!("database: 1 written, {} unchanged", input_count() - 1);
    assert!(stderr_of(&run).contains(&one), "{}", stderr_of(&run));

    let conn = Connection::open(&db).unwrap();
    assert_eq!(ids(&conn, other), other_before, "another report's rows are untouched");
    // SQLite may hand the freed ids out again, so the replacement shows in the content, not the ids.
    assert_eq!(ids(&conn, edited).len(), edited_before.len());
    let sha: String =
        conn.query_row("SELECT sha256 FROM reports WHERE path = ?1", [edited], |r| r.get(0)).unwrap();
    let report = tian(tmp.path()).args(["parse", edited]).assert().success().get_output().stdout.clone();
    let report: serde_json::Value = serde_json::from_slice(&report).unwrap();
    assert_eq!(sha, report["source"]["sha256"].as_str().unwrap());
    let category: String = conn
        .query_row(
            "SELECT category FROM proposals p JOIN reports r ON r.id = p.report_id WHERE r.path = ?1 AND number = 142",
            [edited],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(category, "A");
    let reports: i64 = conn.query_row("SELECT count(*) FROM reports", [], |r| r.get(0)).unwrap();
    assert_eq!(reports as usize, input_count(), "no duplicate report rows");
    // The edit moved a category: every table keeps its row count, so nothing of the old report is left.
    assert_eq!(rows_per_table(&db), rows_before);
    assert_no_orphans(&db);

    // --force rewrites everything, to the same content.
    let before = dump(&db);
    let run = tian(tmp.path())
        .args(["convert", "in", "--out", "out", "--force"])
        .assert()
        .success()
        .get_output()
        .clone();
    let all = format!("database: {} written, 0 unchanged", input_count());
    assert!(stderr_of(&run).contains(&all), "{}", stderr_of(&run));
    let strip_ids = |d: Vec<String>| d.into_iter().filter(|l| l.starts_with("reports:")).collect::<Vec<_>>();
    assert_eq!(strip_ids(dump(&db)).len(), strip_ids(before).len());
    assert_eq!(rows_per_table(&db), rows_before);
    assert_no_orphans(&db);
}

fn table_names(conn: &Connection) -> Vec<String> {
    conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// (table, rows) for every table.
fn rows_per_table(db: &Path) -> Vec<(String, i64)> {
    let conn = Connection::open(db).unwrap();
    let tables = table_names(&conn);
    let count = |t: &String| conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).unwrap();
    tables.iter().map(|t| (t.clone(), count(t))).collect()
}

/// Every row's references resolve: a replaced report left no rows pointing at it.
fn assert_no_orphans(db: &Path) {
    let conn = Connection::open(db).unwrap();
    let broken: Vec<String> = conn
        .prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |r| Ok(format!("{}: rowid {:?}", r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(broken.is_empty(), "rows whose report or proposal is gone: {broken:?}");
}

#[test]
fn bad_files_are_reported_and_the_rest_converted() {
    let tmp = TempDir::new().unwrap();
    let inputs = tmp.path().join("in");
    fs::create_dir_all(&inputs).unwrap();
    fs::copy(root().join("input/xiaoshan-15-3-key-proposals.txt"), inputs.join("good.txt")).unwrap();
    fs::copy(root().join("input/gb18030-fuyang-14-4.txt"), inputs.join("good-gb.txt")).unwrap();
    let fixtures = root().join("tests/fixtures");
    fs::copy(fixtures.join("empty.txt"), inputs.join("empty.txt")).unwrap();
    fs::copy(fixtures.join("nul-bytes.txt"), inputs.join("binary.txt")).unwrap();
    // Told by its bytes, not its name.
    fs::copy(fixtures.join("office/scan.pdf"), inputs.join("report-pdf.txt")).unwrap();
    fs::copy(fixtures.join("no-blocks.txt"), inputs.join("no-blocks.txt")).unwrap();

    let out = tian(tmp.path()).args(["convert", "in", "--out", "out"]).assert().code(1).get_output().clone();
    let stderr = stderr_of(&out);
    for (file, why) in [
        ("in/binary.txt", "NUL byte"),
        ("in/empty.txt", "empty file"),
        ("in/no-blocks.txt", "no proposal block"),
        ("in/report-pdf.txt", "cannot read this PDF: it has no text layer"),
    ] {
        assert!(
            stderr.lines().any(|l| l.starts_with(&format!("{file}: ")) && l.contains(why)),
            "{file}: {stderr}"
        );
    }
    assert!(stderr.contains("converted 2 files") && stderr.contains("4 failed"), "{stderr}");

    let errors = fs::read_to_string(tmp.path().join("out/errors.jsonl")).unwrap();
    let failed: Vec<String> = errors
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(failed, ["in/binary.txt", "in/empty.txt", "in/no-blocks.txt", "in/report-pdf.txt"]);
    let names: Vec<_> =
        tree(&tmp.path().join("out")).into_iter().map(|(p, _)| p.display().to_string()).collect();
    assert_eq!(names, [".tian-index.jsonl", "errors.jsonl", "good-gb.json", "good.json", "proposals.jsonl"]);
    let jsonl = fs::read_to_string(tmp.path().join("out/proposals.jsonl")).unwrap();
    assert_eq!(jsonl.lines().count(), 7 + 3);
}

#[test]
fn outputs_stay_inside_the_output_folder() {
    let tmp = TempDir::new().unwrap();
    let base = tmp.path();
    let sample = fs::read(root().join("input/utf16be-xiaoshan-brief.txt")).unwrap();
    let elsewhere = base.join("elsewhere");
    let deep = base.join("work/in/sub dir/名单 (2023)");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::create_dir_all(&deep).unwrap();
    fs::write(elsewhere.join("outside.txt"), &sample).unwrap();
    fs::write(deep.join("a..b -x.txt"), &sample).unwrap();
    fs::write(base.join("work/in/..hidden-ish.txt"), &sample).unwrap();
    std::os::unix::fs::symlink(&elsewhere, base.join("work/in/link")).unwrap();

    let absolute = elsewhere.join("outside.txt");
    tian(&base.join("work"))
        .args(["convert", "../elsewhere/outside.txt", "in", "--follow-links", "--hidden", "--out", "out"])
        .arg(&absolute)
        .assert()
        .success(); // the absolute path is ../elsewhere/outside.txt again: one report
    let out = base.join("work/out");
    let mut written: Vec<_> =
        walk(&out).iter().map(|p| p.strip_prefix(&out).unwrap().display().to_string()).collect();
    written.sort();
    assert_eq!(
        written,
        [
            "..hidden-ish.json",
            ".tian-index.jsonl",
            ".tian.lock",
            "errors.jsonl",
            // in/link/outside.txt is ../elsewhere/outside.txt, reached through a link: one report.
            "outside.json",
            "proposals.db",
            "proposals.jsonl",
            "sub dir/名单 (2023)/a..b -x.json"
        ]
    );
    // Nothing new beside the output folder.
    let mut everything: Vec<_> = walk(base).into_iter().filter(|p| !p.starts_with(&out)).collect();
    everything.sort();
    assert_eq!(everything.len(), 4, "only the three inputs and the link outside out/: {everything:?}");
}

#[test]
fn hidden_files_symlinks_and_glob() {
    let tmp = TempDir::new().unwrap();
    let inputs = tmp.path().join("in");
    fs::create_dir_all(inputs.join(".cache")).unwrap();
    let sample = fs::read(root().join("input/utf16be-xiaoshan-brief.txt")).unwrap();
    for name in ["a.txt", ".hidden.txt", ".cache/c.txt", "d.text"] {
        fs::write(inputs.join(name), &sample).unwrap();
    }
    // A link to a file of its own, and one to a.txt, which is a.txt again.
    fs::write(tmp.path().join("elsewhere.txt"), &sample).unwrap();
    std::os::unix::fs::symlink(tmp.path().join("elsewhere.txt"), inputs.join("link.txt")).unwrap();
    std::os::unix::fs::symlink(inputs.join("a.txt"), inputs.join("same.txt")).unwrap();
    let names = |args: &[&str]| {
        let out = tmp.path().join("out");
        let _ = fs::remove_dir_all(&out);
        tian(tmp.path())
            .args(["convert", "in", "--out", "out", "--no-db", "--quiet"])
            .args(args)
            .assert()
            .success();
        let mut n: Vec<_> =
            walk(&out).iter().map(|p| p.strip_prefix(&out).unwrap().display().to_string()).collect();
        n.retain(|p| p.ends_with(".json"));
        n.sort();
        n
    };
    assert_eq!(names(&[]), ["a.json"]);
    assert_eq!(names(&["--hidden"]), [".cache/c.json", ".hidden.json", "a.json"]);
    assert_eq!(names(&["--follow-links"]), ["a.json", "link.json"]);
    assert_eq!(names(&["--glob", "*.text"]), ["d.json"]);
}

#[test]
fn database_placement_and_size_limit() {
    let tmp = TempDir::new().unwrap();
    tian(root())
        .args(["convert", "input", "--no-db", "--quiet", "--out"])
        .arg(tmp.path().join("a"))
        .assert()
        .success();
    assert!(!tmp.path().join("a/proposals.db").exists());
    let db = tmp.path().join("elsewhere.db");
    tian(root())
        .args(["convert", "input", "--quiet", "--out"])
        .arg(tmp.path().join("b"))
        .arg("--db")
        .arg(&db)
        .assert()
        .success();
    assert!(db.exists() && !tmp.path().join("b/proposals.db").exists());

    let out = tian(root())
        .args(["convert", "input/xiaoshan-15-3-key-proposals.txt", "--max-bytes", "1000", "--out"])
        .arg(tmp.path().join("c"))
        .assert()
        .code(1)
        .get_output()
        .clone();
    let said = stderr_of(&out);
    assert!(
        said.contains("input/xiaoshan-15-3-key-proposals.txt: ")
            && said.contains("larger than --max-bytes 1000")
    );
}

#[test]
fn unusable_arguments_exit_2() {
    let tmp = TempDir::new().unwrap();
    let file = tmp.path().join("a-file");
    fs::write(&file, "x").unwrap();
    tian(root()).args(["convert", "no-such-folder", "--out"]).arg(tmp.path().join("o")).assert().code(2);
    let out = tian(root()).args(["convert", "input", "--out"]).arg(&file).assert().code(2);
    // Said in words, once.
    let said = stderr_of(out.get_output());
    assert_eq!(
        said,
        format!(
            "tian: {}: a file, not a folder; give --out a folder (it is created if missing)\n",
            file.display()
        )
    );
    let out = tian(root())
        .args(["convert", "input", "--glob", "[", "--out"])
        .arg(tmp.path().join("o"))
        .assert()
        .code(2);
    let said = stderr_of(out.get_output());
    assert_eq!(said.matches("unclosed character class").count(), 1, "{said}");
    // A database tian cannot use is refused before anything is written, and says why once.
    let refusal = |db: &Path| {
        let mut run = tian(root());
        run.args(["convert", "input", "--out"]).arg(tmp.path().join("o")).arg("--db").arg(db);
        stderr_of(run.assert().code(2).get_output())
    };
    let db = tmp.path().join("other.db");
    Connection::open(&db).unwrap().execute_batch("CREATE TABLE t (x); PRAGMA user_version = 7;").unwrap();
    assert!(refusal(&db).contains("database layout version 7"));
    let not_a_db = tmp.path().join("not-a.db");
    fs::write(&not_a_db, vec![b'x'; 4096]).unwrap();
    let said = refusal(&not_a_db);
    assert_eq!(said.matches("not a database").count(), 1, "{said}");
}

#[test]
fn the_readme_queries_answer() {
    let tmp = TempDir::new().unwrap();
    tian(root()).args(["convert", "input", "--quiet", "--out"]).arg(tmp.path()).assert().success();
    let conn = Connection::open(tmp.path().join("proposals.db")).unwrap();
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let queries: Vec<&str> = readme.split("```sql").skip(1).filter_map(|s| s.split("```").next()).collect();
    assert_eq!(queries.len(), 4, "the README shows four example queries");
    let count = |sql: &str| conn.prepare(sql).unwrap().query_map([], |_| Ok(())).unwrap().count();
    // Per lead unit per session: one row per (region, session, unit) group.
    let groups: i64 = conn
        .query_row(
            "SELECT count(*) FROM (SELECT 1 FROM proposals p JOIN reports r ON r.id = p.report_id
             GROUP BY r.region, r.term, r.meeting, p.lead_unit)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(count(queries[0]) as i64, groups);
    let category_b: i64 =
        conn.query_row("SELECT count(*) FROM proposals WHERE category = 'B'", [], |r| r.get(0)).unwrap();
    assert_eq!(count(queries[1]) as i64, category_b);
    assert!(category_b >= 9, "the inputs hold at least nine B proposals");
    assert!(count(queries[2]) >= 3, "the LIKE search finds the charging outcomes");
    // The persons of joint proposals, counted in the committed JSON reports rather than the database.
    let mut joint_persons = 0;
    for entry in fs::read_dir(root().join("output")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let report: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
            for p in report["proposals"].as_array().unwrap() {
                if p["proposer_kind"] == "joint" {
                    joint_persons += p["proposers"].as_array().unwrap().len();
                }
            }
        }
    }
    assert_eq!(count(queries[3]), joint_persons);
    assert!(joint_persons >= 10, "the inputs hold joint proposals of several persons");
}

#[test]
fn csv_has_a_bom_and_round_trips() {
    let tmp = TempDir::new().unwrap();
    tian(root())
        .args(["convert", "input", "--csv", "--no-db", "--quiet", "--out"])
        .arg(tmp.path())
        .assert()
        .success();
    let bytes = fs::read(tmp.path().join("proposals.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "UTF-8 BOM first");
    let jsonl = fs::read_to_string(tmp.path().join("proposals.jsonl")).unwrap();
    let records: Vec<serde_json::Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (title, content, suggestions_at) = (column("title"), column("content"), column("suggestions"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), records.len());
    let (mut commas, mut newlines) = (0, 0);
    for (row, rec) in rows.iter().zip(&records) {
        assert_eq!(&row[title], rec["title"].as_str().unwrap_or(""));
        assert_eq!(&row[content], rec["content"].as_str().unwrap_or(""));
        let suggestions: Vec<&str> =
            rec["suggestions"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
        assert_eq!(&row[suggestions_at], suggestions.join("\n"));
        let proposers: Vec<&str> =
            rec["proposers"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
        assert_eq!(&row[column("proposers")], proposers.join("、"));
        commas += usize::from(row[content].contains(','));
        newlines += usize::from(row[suggestions_at].contains('\n'));
    }
    assert!(commas > 0 && newlines > 0, "the round trip covered commas and line breaks inside cells");
    let outcomes = fs::read(tmp.path().join("outcomes.csv")).unwrap();
    assert!(outcomes.starts_with("\u{feff}source_path,number,index,heading,text\n".as_bytes()));
}

/// Kill a run part-way: whatever was written is whole (every JSON parses, the database is consistent).
#[test]
fn an_interrupted_run_leaves_whole_files() {
    let tmp = TempDir::new().unwrap();
    let inputs = tmp.path().join("in");
    fs::create_dir_all(&inputs).unwrap();
    let sample = fs::read(root().join("input/xiaoshan-15-3-key-proposals.txt")).unwrap();
    for i in 0..600 {
        fs::write(inputs.join(format!("{i:04}.txt")), &sample).unwrap();
    }
    let out = tmp.path().join("out");
    tian(tmp.path()).args(["convert", "in", "--out", "out", "--quiet", "-j", "1"]).assert().success();
    let good_jsonl = fs::read(out.join("proposals.jsonl")).unwrap();
    // Change every input so the next run rewrites everything, then kill it.
    for i in 0..600 {
        fs::write(inputs.join(format!("{i:04}.txt")), [&sample[..], "\n".as_bytes()].concat()).unwrap();
    }
    for delay_ms in [20, 80, 200] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tian"))
            .current_dir(tmp.path())
            .args(["convert", "in", "--out", "out", "--quiet", "-j", "1"])
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        for path in walk(&out) {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".json") {
                let report: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
                assert_eq!(report["proposals"].as_array().unwrap().len(), 7, "{name} whole");
            }
        }
        let jsonl = fs::read(out.join("proposals.jsonl")).unwrap();
        let lines = jsonl.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count();
        assert!(
            jsonl == good_jsonl || lines == 600 * 7,
            "proposals.jsonl is the old file or a whole new one"
        );
        let conn = Connection::open(out.join("proposals.db")).unwrap();
        let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(ok, "ok");
        let partial: i64 = conn
            .query_row(
                "SELECT count(*) FROM reports r WHERE (SELECT count(*) FROM proposals p WHERE p.report_id = r.id) != 7",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(partial, 0, "every report in the database has all its proposals");
    }
}

/// Regression: with --no-db, a batch larger than one parse chunk (64 files) stopped after the first chunk
/// and still exited 0.
#[test]
fn batches_larger_than_a_chunk_convert_every_file() {
    let tmp = TempDir::new().unwrap();
    let inputs = tmp.path().join("in");
    fs::create_dir_all(&inputs).unwrap();
    let sample = fs::read(root().join("input/utf16be-xiaoshan-brief.txt")).unwrap();
    for i in 0..150 {
        fs::write(inputs.join(format!("{i:03}.txt")), &sample).unwrap();
    }
    for db in [&["--no-db"][..], &[][..]] {
        let out = tmp.path().join(if db.is_empty() { "with-db" } else { "no-db" });
        let run = tian(tmp.path()).args(["convert", "in", "--out"]).arg(&out).args(db).assert().success();
        assert!(
            stderr_of(run.get_output()).contains("converted 150 files"),
            "{db:?}: {}",
            stderr_of(run.get_output())
        );
        let reports = walk(&out).iter().filter(|p| p.extension().is_some_and(|e| e == "json")).count();
        assert_eq!(reports, 150, "{db:?}");
        let jsonl = fs::read_to_string(out.join("proposals.jsonl")).unwrap();
        assert_eq!(jsonl.lines().count(), 150, "{db:?}");
        if db.is_empty() {
            let conn = Connection::open(out.join("proposals.db")).unwrap();
            let n: i64 = conn.query_row("SELECT count(*) FROM reports", [], |r| r.get(0)).unwrap();
            assert_eq!(n, 150);
        }
    }
}

/// A folder holding the sample under each of `names`, for the tests of the outputs' rules.
fn folder_of_samples(dir: &Path, names: &[&str]) {
    fs::create_dir_all(dir).unwrap();
    let sample = fs::read(root().join("input/xiaoshan-15-3-key-proposals.txt")).unwrap();
    for name in names {
        let path = dir.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, &sample).unwrap();
    }
}

/// `--db` naming another output of the run, or an input, is refused before anything is
/// written.
#[test]
fn a_database_over_another_output_or_an_input_is_refused() {
    let tmp = TempDir::new().unwrap();
    folder_of_samples(&tmp.path().join("in"), &["a.txt"]);
    fs::create_dir_all(tmp.path().join("a folder")).unwrap();
    for db in
        ["out/proposals.jsonl", "out/errors.jsonl", "out/a.json", "in/a.txt", "out/proposals.csv", "a folder"]
    {
        let out = tian(tmp.path())
            .args(["convert", "in", "--out", "out", "--csv", "--db", db])
            .assert()
            .code(2)
            .get_output()
            .clone();
        let said = stderr_of(&out);
        assert!(said.contains("--db") && said.contains(db), "{db}: {said}");
        assert!(!tmp.path().join("out").exists(), "{db}: nothing written");
    }
    // No report goes into a folder named like the database's default place, even when --db is elsewhere.
    folder_of_samples(&tmp.path().join("in"), &["proposals.db/b.txt"]);
    let out = tian(tmp.path())
        .args(["convert", "in", "--out", "o2", "--db", "x.db"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(stderr_of(&out).contains("proposals.db/b.txt"), "{}", stderr_of(&out));
    assert!(!tmp.path().join("o2/proposals.db").exists());
    fs::remove_dir_all(tmp.path().join("in/proposals.db")).unwrap();
    let sample = fs::read(root().join("input/xiaoshan-15-3-key-proposals.txt")).unwrap();
    assert_eq!(fs::read(tmp.path().join("in/a.txt")).unwrap(), sample, "the input untouched");
    tian(tmp.path())
        .args(["convert", "in", "--out", "out", "--db", "out/a.db", "--quiet"])
        .assert()
        .success();
    fs::rename(tmp.path().join("out/a.db"), tmp.path().join("out/proposals.db")).unwrap();
    assert_eq!(agreed(&tmp.path().join("out")), ["in/a.txt"], "a path of its own is taken");
}

/// An output that cannot be written is that file's failure, never an abort, and leaves
/// nothing that breaks the next run.
#[test]
fn an_output_that_cannot_be_written_fails_its_file_alone() {
    let tmp = TempDir::new().unwrap();
    let long = format!("{}.txt", "长".repeat(83)); // 249 + 4 bytes: its report's name, 254 bytes, is too long
    folder_of_samples(&tmp.path().join("in"), &["a.txt", "proposals.jsonl/b.txt", &long, "z.txt"]);
    for _ in 0..2 {
        let out =
            tian(tmp.path()).args(["convert", "in", "--out", "out"]).assert().code(1).get_output().clone();
        let said = stderr_of(&out);
        assert!(said.contains("proposals.jsonl/b.txt"), "{said}");
        assert!(said.contains(&long), "{said}");
        assert!(said.contains("converted 2 files"), "{said}");
        let errors = fs::read_to_string(tmp.path().join("out/errors.jsonl")).unwrap();
        assert_eq!(errors.lines().count(), 2, "{errors}");
        let conn = Connection::open(tmp.path().join("out/proposals.db")).unwrap();
        let reports: i64 = conn.query_row("SELECT count(*) FROM reports", [], |r| r.get(0)).unwrap();
        assert_eq!(reports, 2, "the database holds the reports whose files were written");
        let jsonl = fs::read_to_string(tmp.path().join("out/proposals.jsonl")).unwrap();
        assert_eq!(jsonl.lines().count(), 2 * 7);
        assert_eq!(agreed(&tmp.path().join("out")), ["in/a.txt", "in/z.txt"]);
    }
    // Converted into the input folder itself, a report never overwrites a file tian did not write.
    folder_of_samples(&tmp.path().join("in2"), &["a.txt", "b.txt"]);
    fs::write(tmp.path().join("in2/a.json"), "my own notes").unwrap();
    let out = tian(tmp.path()).args(["convert", "in2", "--out", "in2"]).assert().code(1).get_output().clone();
    assert!(stderr_of(&out).contains("a.json"), "{}", stderr_of(&out));
    assert_eq!(fs::read_to_string(tmp.path().join("in2/a.json")).unwrap(), "my own notes");
    assert!(tmp.path().join("in2/b.json").exists());
    // A folder where the run writes its own file stops the run before it writes anything, and says so.
    let out = tian(tmp.path()).args(["convert", "in2", "--out", "in"]).assert().code(2).get_output().clone();
    let said = stderr_of(&out);
    assert!(said.contains("proposals.jsonl") && said.contains("a folder"), "{said}");
}

/// The temporary files of a run that was killed are removed by the next.
#[test]
fn a_later_run_removes_the_temporary_files_of_a_killed_one() {
    let tmp = TempDir::new().unwrap();
    folder_of_samples(&tmp.path().join("in"), &["a.txt", "sub/b.txt"]);
    let out = tmp.path().join("out");
    fs::create_dir_all(out.join("sub")).unwrap();
    let stale = [out.join(".proposals.jsonl.tian-999999.tmp"), out.join("sub/.b.json.tian-999999.tmp")];
    for path in &stale {
        fs::write(path, vec![b'x'; 1000]).unwrap();
    }
    let mine = out.join("notes.tmp");
    fs::write(&mine, "not tian's").unwrap();
    tian(tmp.path()).args(["convert", "in", "--out", "out", "--quiet"]).assert().success();
    for path in &stale {
        assert!(!path.exists(), "{} removed", path.display());
    }
    assert!(mine.exists(), "a file of another name is kept");
    assert_eq!(agreed(&out), ["in/a.txt", "in/sub/b.txt"]);
    let left: Vec<_> = walk(&out).into_iter().filter(|p| output_is_temporary(p)).collect();
    assert!(left.is_empty(), "{left:?}");
}

fn output_is_temporary(path: &Path) -> bool {
    let name = path.file_name().unwrap().to_string_lossy();
    name.contains(".tian-") && name.ends_with(".tmp")
}

/// One run at a time writes into an output folder; a second refuses at once.
#[test]
fn a_second_run_into_the_same_folder_refuses() {
    let tmp = TempDir::new().unwrap();
    folder_of_samples(&tmp.path().join("in"), &["a.txt"]);
    let out = tmp.path().join("out");
    fs::create_dir_all(&out).unwrap();
    // As a running tian holds it.
    let lock = fs::File::create(out.join(".tian.lock")).unwrap();
    lock.lock().unwrap();
    let run = tian(tmp.path())
        .args(["convert", "in", "--out", "out"])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(2)
        .get_output()
        .clone();
    let said = stderr_of(&run);
    assert!(said.contains("another tian convert") && said.contains("out"), "{said}");
    assert!(!out.join("proposals.jsonl").exists(), "nothing written");
    lock.unlock().unwrap();
    tian(tmp.path()).args(["convert", "in", "--out", "out", "--quiet"]).assert().success();
    assert_eq!(agreed(&out), ["in/a.txt"]);
}

/// A file over --max-bytes is refused by its size, unread; a FIFO or a device
/// named directly is refused, never waited on.
#[test]
fn oversized_and_non_regular_files_are_refused_unread() {
    let tmp = TempDir::new().unwrap();
    folder_of_samples(&tmp.path().join("in"), &["a.txt"]);
    let fifo = tmp.path().join("in/pipe.txt");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    // convert fails that file (1), parse fails (2).
    for (cmd, code) in
        [(vec!["convert", "in/pipe.txt", "in/a.txt", "--out", "out"], 1), (vec!["parse", "in/pipe.txt"], 2)]
    {
        let out = tian(tmp.path())
            .args(&cmd)
            .timeout(std::time::Duration::from_secs(20))
            .assert()
            .get_output()
            .clone();
        let said = stderr_of(&out);
        assert_eq!(out.status.code(), Some(code), "{cmd:?}: finished, not killed by the timeout: {said}");
        assert!(said.contains("pipe.txt") && said.contains("not a regular file"), "{cmd:?}: {said}");
    }
    assert_eq!(agreed(&tmp.path().join("out")), ["in/a.txt"]);
    // Found by a walk, a FIFO is no input at all.
    tian(tmp.path())
        .args(["convert", "in", "--out", "walked", "--quiet"])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .success();
    assert_eq!(agreed(&tmp.path().join("walked")), ["in/a.txt"]);
    // Refused by its size, which the message gives.
    let big = tmp.path().join("in/big.txt");
    fs::write(&big, vec![b'x'; 5000]).unwrap();
    let out = tian(tmp.path())
        .args(["convert", "in/big.txt", "--max-bytes", "1000", "--out", "big"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(
        stderr_of(&out).contains("5000 bytes, larger than --max-bytes 1000; not read"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(agreed(&tmp.path().join("big")), [] as [&str; 0]);
}

/// The reports in the database, their JSON files below `out` and the rows of its `proposals.jsonl`:
/// (reports in the database, report files, JSON Lines rows, proposals in the database).
fn counts(out: &Path) -> (i64, usize, usize, i64) {
    let conn = Connection::open(out.join("proposals.db")).unwrap();
    let reports = conn.query_row("SELECT count(*) FROM reports", [], |r| r.get(0)).unwrap();
    let proposals = conn.query_row("SELECT count(*) FROM proposals", [], |r| r.get(0)).unwrap();
    let files = walk(out).iter().filter(|p| p.extension().is_some_and(|e| e == "json")).count();
    let rows = fs::read_to_string(out.join("proposals.jsonl")).unwrap().lines().count();
    (reports, files, rows, proposals)
}

/// File names that are not UTF-8 (GBK names from an archive made on Windows) are kept
/// whole, so names that a lossy reading makes alike never replace each other.
#[test]
fn names_that_are_not_utf8_never_collide() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = TempDir::new().unwrap();
    let inputs = tmp.path().join("in");
    fs::create_dir_all(&inputs).unwrap();
    let sample = fs::read(root().join("input/xiaoshan-15-3-key-proposals.txt")).unwrap();
    // 综述 in GBK, then one byte that ends no GBK character: twelve names a lossy reading makes alike.
    let names: Vec<Vec<u8>> =
        (0u8..12).map(|k| [&b"\xd7\xdb\xca\xf6"[..], &[0xa0 + k], b".txt"].concat()).collect();
    for name in &names {
        fs::write(inputs.join(std::ffi::OsStr::from_bytes(name)), &sample).unwrap();
    }
    tian(tmp.path()).args(["convert", "in", "--out", "out", "--quiet"]).assert().success();
    assert_eq!(counts(&tmp.path().join("out")), (12, 12, 12 * 7, 12 * 7));
    let conn = Connection::open(tmp.path().join("out/proposals.db")).unwrap();
    let path: String =
        conn.query_row("SELECT path FROM reports ORDER BY path LIMIT 1", [], |r| r.get(0)).unwrap();
    assert_eq!(path, "in/%D7%DB%CA%F6%A0.txt", "invalid bytes are written %XX");
    assert_eq!(agreed(&tmp.path().join("out")).len(), 12);
    // A UTF-8 name that reads like an escaped one is another name: its % before two hex digits is %25.
    fs::write(inputs.join(std::ffi::OsStr::from_bytes(b"\xd7\xdb\xca\xf6.txt")), &sample).unwrap();
    fs::write(inputs.join("%D7%DB%CA%F6.txt"), &sample).unwrap();
    fs::write(inputs.join("100%.txt"), &sample).unwrap();
    tian(tmp.path()).args(["convert", "in", "--out", "out", "--quiet"]).assert().success();
    let paths = agreed(&tmp.path().join("out"));
    assert_eq!(paths.len(), 15);
    for path in ["in/%D7%DB%CA%F6.txt", "in/%25D7%25DB%25CA%25F6.txt", "in/100%.txt"] {
        assert!(paths.iter().any(|p| p == path), "{path} in {paths:?}");
    }
}

/// The same file reached by another spelling of its path is the same report.
#[test]
fn spellings_of_one_path_are_one_report() {
    let tmp = TempDir::new().unwrap();
    copy_inputs(&tmp.path().join("input"));
    let absolute = tmp.path().join("input");
    for spelling in
        [Path::new("input"), Path::new("./input"), Path::new("input/../input"), absolute.as_path()]
    {
        tian(tmp.path()).arg("convert").arg(spelling).args(["--out", "out", "--quiet"]).assert().success();
        let n = input_count() as i64;
        let (reports, files, _, _) = counts(&tmp.path().join("out"));
        assert_eq!((reports, files), (n, n as usize), "after {}", spelling.display());
        assert_eq!(agreed(&tmp.path().join("out")).len(), n as usize);
    }
    // The path as given last is the one recorded.
    let conn = Connection::open(tmp.path().join("out/proposals.db")).unwrap();
    let path: String = conn.query_row("SELECT path FROM reports LIMIT 1", [], |r| r.get(0)).unwrap();
    assert!(path.starts_with(absolute.to_str().unwrap()), "{path}");
}

/// Each report as the database, the JSON mirror below `out` and its `proposals.jsonl` hold it: its path
/// as given, its sha256 and its number of proposals, sorted. All three agree when the outputs do.
fn holdings(out: &Path) -> [Vec<(String, String, usize)>; 3] {
    let conn = Connection::open(out.join("proposals.db")).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT path, sha256, (SELECT count(*) FROM proposals p WHERE p.report_id = r.id) FROM reports r",
        )
        .unwrap();
    let mut db: Vec<(String, String, usize)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as usize)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut files: Vec<(String, String, usize)> = walk(out)
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let v: serde_json::Value = serde_json::from_slice(&fs::read(p).unwrap()).unwrap();
            let source = &v["source"];
            let proposals = v["proposals"].as_array().unwrap().len();
            (
                source["path"].as_str().unwrap().to_owned(),
                source["sha256"].as_str().unwrap().to_owned(),
                proposals,
            )
        })
        .collect();
    let mut rows = std::collections::BTreeMap::<(String, String), usize>::new();
    for line in fs::read_to_string(out.join("proposals.jsonl")).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let key =
            (v["source_path"].as_str().unwrap().to_owned(), v["source_sha256"].as_str().unwrap().to_owned());
        *rows.entry(key).or_default() += 1;
    }
    let mut jsonl: Vec<_> = rows.into_iter().map(|((p, s), n)| (p, s, n)).collect();
    for v in [&mut db, &mut files, &mut jsonl] {
        v.sort();
    }
    [db, files, jsonl]
}

/// The paths of the reports the outputs hold, after checking that the database, the JSON mirror and
/// `proposals.jsonl` agree report for report.
fn agreed(out: &Path) -> Vec<String> {
    let [db, files, jsonl] = holdings(out);
    // Only what differs: a whole listing of hundreds of reports says nothing.
    let differ = |a: &[(String, String, usize)], b: &[(String, String, usize)]| {
        let only = |x: &[(String, String, usize)], y: &[(String, String, usize)]| {
            x.iter().filter(|r| !y.contains(r)).take(5).cloned().collect::<Vec<_>>()
        };
        (a.len(), b.len(), only(a, b), only(b, a))
    };
    assert!(db == files, "the database and the JSON mirror: {:?}", differ(&db, &files));
    assert!(db == jsonl, "the database and proposals.jsonl: {:?}", differ(&db, &jsonl));
    db.into_iter().map(|(path, _, _)| path).collect()
}

/// The report files below `out`, relative to it.
fn report_files(out: &Path) -> Vec<String> {
    let mut files: Vec<String> = walk(out)
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| p.strip_prefix(out).unwrap().display().to_string())
        .collect();
    files.sort();
    files
}

/// Files of one name in per-year folders are other reports: in one run or in two, neither report file
/// replaces the other, and a later run keeps each report where it was.
#[test]
fn same_names_in_other_folders_are_other_reports() {
    let tmp = TempDir::new().unwrap();
    folder_of_samples(tmp.path(), &["2023/综述.txt", "2024/综述.txt"]);
    fs::write(
        tmp.path().join("2024/综述.txt"),
        fs::read(root().join("input/gbk-tabbed-wannian.txt")).unwrap(),
    )
    .unwrap();
    let both = ["2023/综述.txt".to_owned(), "2024/综述.txt".to_owned()];

    tian(tmp.path()).args(["convert", "2023", "2024", "--out", "one", "--quiet"]).assert().success();
    assert_eq!(agreed(&tmp.path().join("one")), both);
    assert_eq!(report_files(&tmp.path().join("one")), ["2024/综述.json", "综述.json"]);

    for year in ["2023", "2024"] {
        tian(tmp.path()).args(["convert", year, "--out", "two", "--quiet"]).assert().success();
    }
    assert_eq!(agreed(&tmp.path().join("two")), both);
    assert_eq!(report_files(&tmp.path().join("two")), ["2024/综述.json", "综述.json"]);
    // Both again, in the other order: each report stays in its file.
    tian(tmp.path()).args(["convert", "2024", "2023", "--out", "two", "--quiet"]).assert().success();
    assert_eq!(agreed(&tmp.path().join("two")), both);
    let first: serde_json::Value =
        serde_json::from_slice(&fs::read(tmp.path().join("two/综述.json")).unwrap()).unwrap();
    assert_eq!(first["source"]["path"], "2023/综述.txt");
}

/// A re-run makes the outputs follow its inputs: the report of an input that is gone, or now fails, is
/// removed from every output; inputs outside the run keep theirs; `--accumulate` keeps everything.
#[test]
fn outputs_follow_inputs() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    folder_of_samples(&dir.join("in"), &["a.txt", "sub/b.txt", "c.txt"]);
    folder_of_samples(&dir.join("other"), &["d.txt"]);
    let run = |args: &[&str], code: i32| {
        let out = tian(dir)
            .arg("convert")
            .args(args)
            .args(["--out", "out"])
            .assert()
            .code(code)
            .get_output()
            .clone();
        stderr_of(&out)
    };
    run(&["in", "other"], 0);
    assert_eq!(agreed(&dir.join("out")), ["in/a.txt", "in/c.txt", "in/sub/b.txt", "other/d.txt"]);

    // b is deleted, c now fails: both leave every output; d, not among this run's inputs, stays.
    fs::remove_file(dir.join("in/sub/b.txt")).unwrap();
    fs::write(dir.join("in/c.txt"), "no proposals here\n").unwrap();
    let said = run(&["in"], 1);
    assert!(said.contains("2 removed"), "{said}");
    assert_eq!(agreed(&dir.join("out")), ["in/a.txt", "other/d.txt"]);
    assert!(!dir.join("out/sub").exists(), "a folder left empty goes too");
    let errors = fs::read_to_string(dir.join("out/errors.jsonl")).unwrap();
    assert!(errors.contains("in/c.txt"), "{errors}");

    // An input named that is gone, whose report the folder holds: its report is removed. One the folder
    // never held is a mistake, and stops the run.
    fs::remove_file(dir.join("other/d.txt")).unwrap();
    let said = run(&["in/a.txt", "other/typo.txt"], 2);
    assert!(said.contains("other/typo.txt") && said.contains("no such file"), "{said}");
    let said = run(&["in/a.txt", "other/d.txt"], 0);
    assert!(said.contains("1 removed"), "{said}");
    assert_eq!(agreed(&dir.join("out")), ["in/a.txt"]);
    folder_of_samples(&dir.join("other"), &["d.txt"]);
    run(&["other"], 0);
    // A folder moved away: named again, every report of it goes.
    fs::rename(dir.join("other"), dir.join("moved")).unwrap();
    let said = run(&["other"], 0);
    assert!(said.contains("1 removed"), "{said}");
    assert_eq!(agreed(&dir.join("out")), ["in/a.txt"]);

    // --accumulate keeps the outputs of inputs that are gone or fail, as they were.
    folder_of_samples(&dir.join("in"), &["sub/b.txt", "c.txt"]);
    run(&["in"], 0);
    fs::remove_file(dir.join("in/sub/b.txt")).unwrap();
    fs::write(dir.join("in/c.txt"), "no proposals here\n").unwrap();
    let said = run(&["in", "--accumulate"], 1);
    assert!(said.contains("0 removed"), "{said}");
    assert_eq!(agreed(&dir.join("out")), ["in/a.txt", "in/c.txt", "in/sub/b.txt"]);
}

/// A report kept from an earlier run whose file was deleted by hand leaves every output, with a word; an
/// index that tian did not write stops the run before it writes anything.
#[test]
fn a_lost_report_leaves_the_outputs_and_a_damaged_index_stops_the_run() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    folder_of_samples(&dir.join("in"), &["a.txt"]);
    folder_of_samples(&dir.join("other"), &["d.txt"]);
    tian(dir).args(["convert", "in", "other", "--out", "out", "--quiet"]).assert().success();
    fs::remove_file(dir.join("out/d.json")).unwrap();
    let out = tian(dir).args(["convert", "in", "--out", "out"]).assert().success().get_output().clone();
    let said = stderr_of(&out);
    assert!(said.contains("out/d.json") && said.contains("convert its input again"), "{said}");
    assert!(said.contains("1 removed"), "{said}");
    assert_eq!(agreed(&dir.join("out")), ["in/a.txt"]);

    // Both gone (a run stopped while it removed the report of an input that is gone): said so.
    tian(dir).args(["convert", "in", "other", "--out", "out", "--quiet"]).assert().success();
    fs::remove_file(dir.join("out/d.json")).unwrap();
    fs::remove_file(dir.join("other/d.txt")).unwrap();
    let out = tian(dir).args(["convert", "in", "--out", "out"]).assert().success().get_output().clone();
    let said = stderr_of(&out);
    assert!(said.contains("out/d.json: gone, and its input too"), "{said}");
    assert_eq!(agreed(&dir.join("out")), ["in/a.txt"]);

    fs::write(dir.join("out/.tian-index.jsonl"), "my notes\n").unwrap();
    let before = tree(&dir.join("out"));
    let out = tian(dir).args(["convert", "in", "--out", "out"]).assert().code(2).get_output().clone();
    let said = stderr_of(&out);
    assert!(said.contains(".tian-index.jsonl: line 1") && said.contains("remove the file"), "{said}");
    assert_eq!(tree(&dir.join("out")), before, "nothing written");
}

/// A database shared by two output folders loses the rows of an input that is gone, whichever folder's
/// run finds it gone.
#[test]
fn a_shared_database_follows_the_inputs_too() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    folder_of_samples(&dir.join("in"), &["a.txt", "b.txt"]);
    tian(dir).args(["convert", "in", "--out", "one", "--db", "shared.db", "--quiet"]).assert().success();
    fs::remove_file(dir.join("in/b.txt")).unwrap();
    tian(dir).args(["convert", "in", "--out", "two", "--db", "shared.db", "--quiet"]).assert().success();
    let conn = Connection::open(dir.join("shared.db")).unwrap();
    let paths: Vec<String> = conn
        .prepare("SELECT path FROM reports")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(paths, ["in/a.txt"]);
}

/// A report of a large input is written by the writer straight to its files, not held as bytes: the
/// same bytes as `tian parse` gives, and a re-run leaves the unchanged file alone.
#[test]
fn a_large_report_is_written_as_a_small_one_is() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    let sample = fs::read_to_string(root().join("input/xiaoshan-15-3-key-proposals.txt")).unwrap();
    let first = sample.find("第").unwrap();
    let (head, body) = sample.split_at(sample[first..].find("\n第").map_or(first, |at| first + at + 1));
    let mut large = head.to_owned();
    while large.len() < 5 << 20 {
        large.push_str(body);
    }
    fs::create_dir_all(dir.join("in")).unwrap();
    fs::write(dir.join("in/large.txt"), &large).unwrap();
    tian(dir).args(["convert", "in", "--out", "out", "--quiet"]).assert().success();
    let parsed =
        tian(dir).args(["parse", "in/large.txt", "--quiet"]).assert().success().get_output().stdout.clone();
    assert_eq!(fs::read(dir.join("out/large.json")).unwrap(), parsed);
    let lines = tian(dir)
        .args(["parse", "in/large.txt", "--jsonl", "--quiet"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(fs::read(dir.join("out/proposals.jsonl")).unwrap(), lines);
    assert_eq!(agreed(&dir.join("out")), ["in/large.txt"]);

    let modified = || fs::metadata(dir.join("out/large.json")).unwrap().modified().unwrap();
    let before = modified();
    std::thread::sleep(std::time::Duration::from_millis(20));
    tian(dir).args(["convert", "in", "--out", "out", "--quiet"]).assert().success();
    assert_eq!(modified(), before, "unchanged, not rewritten");
}

/// A run killed part-way leaves an index that names every report it wrote, so no later run leaves one
/// behind as a second copy, whatever inputs it is given.
#[test]
fn a_killed_run_leaves_no_report_unknown_to_the_index() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    let names: Vec<String> = (0..600).map(|k| format!("2000/r{k:03}.txt")).collect();
    folder_of_samples(&dir.join("in"), &names.iter().map(String::as_str).collect::<Vec<_>>());
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tian"))
        .current_dir(dir)
        .args(["convert", "in", "--out", "out", "--jobs", "1", "--quiet"])
        .spawn()
        .unwrap();
    // Killed once it has written some reports, as a user's kill -9 or a crash would.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !dir.join("out/2000/r050.json").exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    tian(dir).args(["convert", "in/2000", "--out", "out", "--quiet"]).assert().success();
    tian(dir).args(["convert", "in", "--out", "out", "--quiet"]).assert().success();
    let held = agreed(&dir.join("out"));
    assert_eq!(held.len(), 600, "one report a file, no copies");
}

/// A report is counted removed once, by the run that removes it from the folder: a database catching up
/// with the folder later counts nothing again.
#[test]
fn a_removal_is_counted_once() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    folder_of_samples(&dir.join("in"), &["a.txt", "b.txt"]);
    tian(dir).args(["convert", "in", "--out", "out"]).assert().success();
    fs::remove_file(dir.join("in/b.txt")).unwrap();
    let out =
        tian(dir).args(["convert", "in", "--out", "out", "--no-db"]).assert().success().get_output().clone();
    assert!(stderr_of(&out).contains("1 removed"), "{}", stderr_of(&out));
    let out = tian(dir).args(["convert", "in", "--out", "out"]).assert().success().get_output().clone();
    assert!(stderr_of(&out).contains("0 removed"), "{}", stderr_of(&out));
    assert_eq!(agreed(&dir.join("out")), ["in/a.txt"]);
}

/// A database another run is writing (through another output folder) is refused at once, before
/// anything is written, with a message that says so.
#[test]
fn a_database_another_run_writes_is_refused() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    folder_of_samples(&dir.join("in"), &["a.txt"]);
    let db = fs::File::create(dir.join("shared.db")).unwrap();
    db.lock().unwrap(); // as a running tian holds it
    let out = tian(dir)
        .args(["convert", "in", "--out", "two", "--db", "shared.db"])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(2)
        .get_output()
        .clone();
    let said = stderr_of(&out);
    assert!(said.contains("shared.db") && said.contains("another tian convert"), "{said}");
    assert!(report_files(&dir.join("two")).is_empty(), "no report written");
    db.unlock().unwrap();
    tian(dir).args(["convert", "in", "--out", "two", "--db", "shared.db", "--quiet"]).assert().success();
}

/// An output folder inside an input folder is never walked: a run does not read its own outputs,
/// whatever the glob.
#[test]
fn the_output_folder_inside_an_input_is_not_an_input() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    folder_of_samples(&dir.join("in"), &["a.txt", "b.txt"]);
    for _ in 0..2 {
        let out = tian(dir)
            .args(["convert", "in", "--out", "in/out", "--glob", "*", "--hidden"])
            .assert()
            .get_output()
            .clone();
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
        assert_eq!(agreed(&dir.join("in/out")), ["in/a.txt", "in/b.txt"]);
    }
}

/// A database that lags the folder (a run killed before it stored its rows, runs with `--no-db`) is
/// brought in line by the next run, whatever its inputs.
#[test]
fn the_database_catches_up_with_the_folder() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    folder_of_samples(&dir.join("in"), &["2022/a.txt", "2023/a.txt", "2024/a.txt"]);
    tian(dir).args(["convert", "in", "--out", "o", "--quiet"]).assert().success();
    // As a killed run leaves it: one report's rows never stored, another's stale.
    let conn = Connection::open(dir.join("o/proposals.db")).unwrap();
    conn.execute("DELETE FROM reports WHERE path = 'in/2022/a.txt'", []).unwrap();
    conn.execute("UPDATE reports SET sha256 = 'old' WHERE path = 'in/2023/a.txt'", []).unwrap();
    drop(conn);
    tian(dir).args(["convert", "in/2024", "--out", "o", "--quiet"]).assert().success();
    assert_eq!(agreed(&dir.join("o")), ["in/2022/a.txt", "in/2023/a.txt", "in/2024/a.txt"]);

    // Reports removed by a run without the database leave it at the next run with it.
    fs::rename(dir.join("in/2024"), dir.join("moved")).unwrap();
    tian(dir).args(["convert", "in/2024", "--out", "o", "--no-db", "--quiet"]).assert().success();
    tian(dir).args(["convert", "in/2022", "--out", "o", "--quiet"]).assert().success();
    assert_eq!(agreed(&dir.join("o")), ["in/2022/a.txt", "in/2023/a.txt"]);
}

/// CSV files asked for once are kept current by every later run into the folder.
#[test]
fn csv_files_once_written_follow_the_folder() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    folder_of_samples(&dir.join("in"), &["a.txt", "b.txt"]);
    tian(dir).args(["convert", "in", "--out", "o", "--csv", "--quiet"]).assert().success();
    fs::remove_file(dir.join("in/b.txt")).unwrap();
    tian(dir).args(["convert", "in", "--out", "o", "--quiet"]).assert().success();
    let csv = fs::read_to_string(dir.join("o/proposals.csv")).unwrap();
    assert!(csv.contains("in/a.txt") && !csv.contains("in/b.txt"), "{csv}");
}

/// With --follow-links, a link into the output folder is not followed into it; and the output folder
/// given as the input folder itself holds no input of tian's own making.
#[test]
fn the_walk_never_reads_the_runs_own_outputs() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    folder_of_samples(&dir.join("in"), &["a.txt", "sub/b.txt"]);
    fs::create_dir_all(dir.join("in/out")).unwrap();
    std::os::unix::fs::symlink("../out", dir.join("in/sub/to-out")).unwrap();
    for _ in 0..2 {
        let out = tian(dir)
            .args(["convert", "in", "--out", "in/out", "--glob", "*", "--follow-links"])
            .assert()
            .get_output()
            .clone();
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    }
    assert_eq!(agreed(&dir.join("in/out")), ["in/a.txt", "in/sub/b.txt"]);
    folder_of_samples(&dir.join("same"), &["a.txt"]);
    for _ in 0..2 {
        let out =
            tian(dir).args(["convert", "same", "--out", "same", "--glob", "*"]).assert().get_output().clone();
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    }
    assert_eq!(agreed(&dir.join("same")), ["same/a.txt"]);
}

/// A link named on the command line whose target is gone stands for that target: its report is removed
/// as the target's would be.
#[test]
fn a_named_link_to_a_gone_file_is_a_gone_input() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    folder_of_samples(&dir.join("in"), &["a.txt", "b.txt"]);
    std::os::unix::fs::symlink("in/a.txt", dir.join("link.txt")).unwrap();
    tian(dir).args(["convert", "link.txt", "in/b.txt", "--out", "out", "--quiet"]).assert().success();
    fs::remove_file(dir.join("in/a.txt")).unwrap();
    let out = tian(dir).args(["convert", "link.txt", "--out", "out"]).assert().get_output().clone();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("1 removed"), "{}", stderr_of(&out));
    assert_eq!(agreed(&dir.join("out")), ["in/b.txt"]);
}

/// A folder's text files and saved web pages are taken by default, whatever the case of their
/// extensions; two inputs that differ only by extension are two reports.
#[test]
fn texts_pages_and_office_documents_are_taken_whatever_the_case() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    folder_of_samples(&dir.join("in"), &["a.txt", "B.TXT", "c.md"]);
    fs::copy(root().join("tests/fixtures/pages/page-utf8-xiaoshan.html"), dir.join("in/a.html")).unwrap();
    fs::copy(root().join("tests/fixtures/pages/page-utf8-xiaoshan.html"), dir.join("in/d.HTM")).unwrap();
    let office = root().join("tests/fixtures/office");
    fs::copy(office.join("label-variants-gongshu.docx"), dir.join("in/a.docx")).unwrap();
    fs::copy(office.join("label-variants-gongshu.pdf"), dir.join("in/a.pdf")).unwrap();
    fs::copy(office.join("cid-gbk-xiaoshan-15-4-key-proposals.pdf"), dir.join("in/E.PDF")).unwrap();
    tian(dir).args(["convert", "in", "--out", "out", "--quiet"]).assert().success();
    assert_eq!(
        agreed(&dir.join("out")),
        ["in/B.TXT", "in/E.PDF", "in/a.docx", "in/a.html", "in/a.pdf", "in/a.txt", "in/d.HTM"]
    );
    // Names sorted byte by byte: a.docx is met first and takes a.json; the others of its name keep
    // their extensions.
    assert_eq!(
        report_files(&dir.join("out")),
        ["B.json", "E.json", "a.html.json", "a.json", "a.pdf.json", "a.txt.json", "d.json"]
    );
    let conn = Connection::open(dir.join("out/proposals.db")).unwrap();
    let formats: Vec<(String, String)> = conn
        .prepare("SELECT path, format FROM reports ORDER BY path")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let html = |p: &str| (p.to_owned(), "html".to_owned());
    let text = |p: &str| (p.to_owned(), "text".to_owned());
    let other = |p: &str, f: &str| (p.to_owned(), f.to_owned());
    assert_eq!(
        formats,
        [
            text("in/B.TXT"),
            other("in/E.PDF", "pdf"),
            other("in/a.docx", "docx"),
            html("in/a.html"),
            other("in/a.pdf", "pdf"),
            text("in/a.txt"),
            html("in/d.HTM")
        ]
    );
    let jsonl = fs::read_to_string(dir.join("out/proposals.jsonl")).unwrap();
    assert!(jsonl.lines().all(|l| l.contains("\"source_format\":\"")), "every row says its format");
}

/// A report whose input is gone is removed; a file of the user's own that took its place is left, and
/// said so.
#[test]
fn a_users_file_at_a_gone_reports_place_is_left_and_said() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    folder_of_samples(&dir.join("in"), &["a.txt", "b.txt"]);
    tian(dir).args(["convert", "in", "--out", "out", "--quiet"]).assert().success();
    fs::remove_file(dir.join("in/b.txt")).unwrap();
    fs::write(dir.join("out/b.json"), "my own notes").unwrap();
    let out = tian(dir).args(["convert", "in", "--out", "out"]).assert().success().get_output().clone();
    let said = stderr_of(&out);
    assert!(said.contains("out/b.json") && said.contains("not a report tian wrote"), "{said}");
    assert_eq!(fs::read_to_string(dir.join("out/b.json")).unwrap(), "my own notes");
}
