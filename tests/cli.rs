//! The real `tian` binary, run as a user would: exit codes, stdout, and one-line errors on stderr.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn tian() -> Command {
    let mut cmd = Command::cargo_bin("tian").expect("binary built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

const SAMPLE: &str = "input/xiaoshan-15-3-key-proposals.txt";

fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).expect("stdout is one JSON document")
}

#[test]
fn parse_prints_the_report() {
    let out = tian().args(["parse", SAMPLE]).assert().success().get_output().stdout.clone();
    let report = json(&out);
    let numbers: Vec<_> =
        report["proposals"].as_array().unwrap().iter().map(|p| p["number"].as_u64().unwrap()).collect();
    assert_eq!(numbers, [322, 245, 152, 341, 96, 142, 51]);
    assert_eq!(report["source"]["path"], SAMPLE);
}

/// `--jsonl`: one row a proposal, each the report's proposal with the report's context before it.
#[test]
fn parse_jsonl_prints_a_row_a_proposal() {
    let report = json(&tian().args(["parse", SAMPLE]).assert().success().get_output().stdout.clone());
    let out = tian().args(["parse", SAMPLE, "--jsonl"]).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.ends_with('\n'));
    let rows: Vec<serde_json::Value> = text.lines().map(|l| json(l.as_bytes())).collect();
    let proposals = report["proposals"].as_array().unwrap();
    assert_eq!(rows.len(), proposals.len());
    let context = [
        ("source_path", &report["source"]["path"]),
        ("source_sha256", &report["source"]["sha256"]),
        ("source_format", &report["source"]["format"]),
        ("report_title", &report["title"]),
        ("region", &report["region"]),
        ("session_label", &report["session"]["label"]),
        ("term", &report["session"]["term"]),
        ("meeting", &report["session"]["meeting"]),
        ("issuer", &report["issuer"]),
        ("report_date", &report["date"]["iso"]),
    ];
    for (row, proposal) in rows.iter().zip(proposals) {
        let mut row = row.as_object().unwrap().clone();
        for (key, value) in context {
            assert_eq!(row.remove(key).as_ref(), Some(value), "{key}");
        }
        assert_eq!(&serde_json::Value::Object(row), proposal);
    }
}

#[test]
fn stdin_has_no_path_but_the_same_content() {
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE)).unwrap();
    let from_stdin =
        tian().args(["parse", "-"]).write_stdin(bytes).assert().success().get_output().stdout.clone();
    let from_file = tian().args(["parse", SAMPLE]).assert().success().get_output().stdout.clone();
    let (mut a, mut b) = (json(&from_stdin), json(&from_file));
    assert_eq!(a["source"]["path"], serde_json::Value::Null);
    a["source"]["path"] = serde_json::Value::Null;
    b["source"]["path"] = serde_json::Value::Null;
    assert_eq!(a, b);
}

/// Each bad input: exit 2, nothing on stdout, one line on stderr naming the file and saying why.
#[test]
fn bad_inputs_fail_with_one_line_naming_the_file() {
    let cases = [
        ("tests/fixtures/empty.txt", "empty file"),
        ("tests/fixtures/blank.txt", "empty file"),
        ("tests/fixtures/nul-bytes.txt", "line 3: NUL byte"),
        ("tests/fixtures/report.pdf", "no proposal block found in 1 line"),
        (
            "tests/fixtures/office/scan.pdf",
            "cannot read this PDF: it has no text layer, only images (a scan?); it needs OCR",
        ),
        (
            "tests/fixtures/office/encrypted.pdf",
            "cannot read this PDF: it is encrypted and opens only with a password",
        ),
        ("tests/fixtures/office/corrupt-truncated.docx", "cannot read this DOCX: its ZIP archive is damaged"),
        (
            "tests/fixtures/office/corrupt-no-document.docx",
            "cannot read this DOCX: it holds Word's parts but not its body",
        ),
        (
            "tests/fixtures/office/old-word.doc",
            "an old binary Office document (.doc or .wps, .xls), which tian does not read: open it in Word or WPS and save it as DOCX",
        ),
        ("tests/fixtures/office/old-wps.wps", "save it as DOCX"),
        ("tests/fixtures/scan.png", "a PNG image"),
        ("tests/fixtures/no-blocks.txt", "no proposal block found in 3 lines"),
        ("tests/fixtures/does-not-exist.txt", "cannot read"),
    ];
    for (file, why) in cases {
        let out = tian().args(["parse", file]).assert().code(2).get_output().clone();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(out.stdout.is_empty(), "{file}: no JSON on stdout");
        assert_eq!(stderr.lines().count(), 1, "{file}: one line on stderr, got {stderr:?}");
        assert!(stderr.starts_with(&format!("tian: {file}: ")), "{file}: names the file: {stderr:?}");
        assert!(stderr.contains(why), "{file}: says {why:?}: {stderr:?}");
    }
}

/// A file read in the encoding asked for, where no block is found, says which encoding it was read in:
/// the likelier mistake is the encoding. A count of one line is one line.
#[test]
fn no_block_names_a_forced_encoding_and_counts_lines_in_words() {
    let out = tian().args(["parse", "--encoding", "big5", SAMPLE]).assert().code(2).get_output().clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("no proposal block found") && stderr.contains("read as Big5"), "{stderr}");
    let out = tian().args(["parse", "-"]).write_stdin("只有一行。").assert().code(2).get_output().clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("found in 1 line ("), "{stderr}");
}

#[test]
fn strict_fails_on_warnings_but_still_prints() {
    tian().args(["parse", "--strict", SAMPLE]).assert().success();
    let out = tian()
        .args(["parse", "--strict", "input/missing-fields-chunan.txt"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(json(&out.stdout)["diagnostics"].as_array().is_some_and(|d| !d.is_empty()));
    // Info alone is not a warning.
    tian().args(["parse", "--strict", "input/cr-only-xiaoshan-fullname.txt"]).assert().success();
}

#[test]
fn forced_encoding() {
    let gb = "input/gb18030-fuyang-14-4.txt";
    let detected = tian().args(["parse", gb]).assert().success().get_output().stdout.clone();
    let forced =
        tian().args(["parse", "--encoding", "gbk", gb]).assert().success().get_output().stdout.clone();
    assert_eq!(detected, forced);
    // Forcing the wrong one is the user's call: the text is garbled, so no blocks are found.
    tian().args(["parse", "--encoding", "utf-16le", gb]).assert().code(2);
    tian()
        .args(["parse", "--encoding", "klingon", gb])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown encoding \"klingon\""));
}

#[test]
fn schema_describes_every_field_of_the_report() {
    let schema = json(&tian().arg("schema").assert().success().get_output().stdout.clone());
    let report = json(&tian().args(["parse", SAMPLE]).assert().success().get_output().stdout.clone());
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&schema["properties"]), keys(&report));
    let proposal = &schema["definitions"]["Proposal"]["properties"];
    assert_eq!(keys(proposal), keys(&report["proposals"][0]));
    let stats = &schema["definitions"]["Statistics"]["properties"];
    assert_eq!(keys(stats), keys(&report["statistics"]));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // `tian parse x | head -c 1`: the reader goes away; tian must exit 0 without a message.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tian"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["parse", SAMPLE])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}
