//! DOCX and PDF documents made by real tools (`tests/fixtures/office`, made by its `make.sh` with
//! LibreOffice and reportlab from samples in `input/`; `twins.tsv` names each one's text twin) give the
//! same proposals as their twins, field by field, through the real binary: Word's automatic list
//! numbers written out, headers and footers no content, paragraphs the layout wrapped whole again,
//! running headers and page numbers dropped, fonts set in the predefined Chinese CMaps read. Mutated
//! containers never panic or hang.

#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

mod common;

use assert_cmd::Command;
use proptest::prelude::*;
use serde_json::Value;

use common::{record, root, said};

/// The paths where two records differ, with both values.
fn differences(a: &Value, b: &Value, path: &str, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for key in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                differences(
                    &x.get(key).cloned().unwrap_or(Value::Null),
                    &y.get(key).cloned().unwrap_or(Value::Null),
                    &format!("{path}.{key}"),
                    out,
                );
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (k, (p, q)) in x.iter().zip(y).enumerate() {
                differences(p, q, &format!("{path}[{k}]"), out);
            }
        }
        _ if a != b => out.push(format!("{path}: {a} ≠ {b}")),
        _ => {}
    }
}

/// The fixtures with a text twin that tian reads (the encrypted one that needs a password and the old
/// binary documents have twins too, but are refused).
fn twins() -> Vec<(String, String)> {
    let table = std::fs::read_to_string(root().join("tests/fixtures/office/twins.tsv")).unwrap();
    table
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut cells = line.split('\t');
            let (fixture, twin) = (cells.next()?, cells.next()?);
            let readable =
                twin != "-" && !["encrypted.pdf", "old-word.doc", "old-wps.wps"].contains(&fixture);
            readable.then(|| (format!("tests/fixtures/office/{fixture}"), twin.to_owned()))
        })
        .collect()
}

#[test]
fn documents_give_the_proposals_of_their_text_twins() {
    let pairs = twins();
    assert!(pairs.len() >= 15, "the twins table lists every kind: {}", pairs.len());
    let mut failures = Vec::new();
    for (document, twin) in &pairs {
        let (got, want) = (record(document), record(twin));
        let format = if document.ends_with(".pdf") { "pdf" } else { "docx" };
        assert_eq!(got["source"]["format"], format, "{document}");
        assert!(!got["proposals"].as_array().unwrap().is_empty(), "{document}");
        let mut found = Vec::new();
        differences(&said(want), &said(got), "", &mut found);
        failures.extend(found.into_iter().map(|d| format!("{document} vs {twin}: {d}")));
    }
    assert!(failures.is_empty(), "differences from the text twins:\n{}", failures.join("\n"));
}

/// What each PDF's characters were read through: the embedded fonts' ToUnicode tables, or the
/// predefined CMap of a font that is not embedded.
#[test]
fn pdfs_say_how_their_characters_were_mapped() {
    for (pdf, encoding) in [
        ("tests/fixtures/office/xiaoshan-15-3-key-proposals.pdf", "ToUnicode"),
        ("tests/fixtures/office/cid-ucs2-xiaoshan-15-4-key-proposals.pdf", "UniGB-UCS2-H"),
        ("tests/fixtures/office/cid-gbk-xiaoshan-15-4-key-proposals.pdf", "GBK-EUC-H"),
        ("tests/fixtures/office/encrypted-no-password.pdf", "ToUnicode"),
        ("tests/fixtures/office/identity-bracket-sections-mile.pdf", "ToUnicode"),
    ] {
        assert_eq!(record(pdf)["source"]["encoding"], encoding, "{pdf}");
    }
    assert_eq!(record("tests/fixtures/office/label-variants-gongshu.docx")["source"]["encoding"], "UTF-8");
}

/// An encoding asked for a DOCX or a PDF is not used, and the report says so.
#[test]
fn an_encoding_asked_for_a_document_is_said_unused() {
    for (document, said) in [
        ("tests/fixtures/office/label-variants-gongshu.pdf", "a PDF's characters are read through ToUnicode"),
        ("tests/fixtures/office/label-variants-gongshu.docx", "a DOCX's characters are read through UTF-8"),
    ] {
        let out = Command::cargo_bin("tian")
            .unwrap()
            .current_dir(root())
            .args(["parse", "--quiet", "--encoding", "gbk", document])
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["proposals"], record(document)["proposals"], "{document}: read as without it");
        let unused: Vec<&Value> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "encoding-not-used")
            .collect();
        assert_eq!(unused.len(), 1, "{document}");
        assert!(unused[0]["message"].as_str().unwrap().ends_with(said), "{}", unused[0]["message"]);
    }
}

/// The text tian reads of a PDF has a form feed where each page begins, and the page numbers and the
/// running header are said, not kept.
#[test]
fn a_pdf_is_read_page_by_page_and_its_furniture_said() {
    let pdf = "tests/fixtures/office/xiaoshan-15-3-key-proposals.pdf";
    let out = Command::cargo_bin("tian")
        .unwrap()
        .current_dir(root())
        .args(["parse", "--text", pdf])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches('\u{c}').count(), 10, "11 pages");
    assert!(!text.contains("政协萧山区委员会提案委员会"), "the running header is taken away");
    let report = record(pdf);
    let said: Vec<&str> =
        report["diagnostics"].as_array().unwrap().iter().map(|d| d["message"].as_str().unwrap()).collect();
    assert!(
        said.iter()
            .any(|m| m.contains("running header 政协萧山区委员会提案委员会 dropped at the top of 11 pages")),
        "{said:?}"
    );
}

/// Word's numbers are not in the document's text; tian writes them out as Word shows them.
#[test]
fn word_numbering_is_read() {
    let out = Command::cargo_bin("tian")
        .unwrap()
        .current_dir(root())
        .args(["parse", "--text", "tests/fixtures/office/numbered-numbering-variants-tonglu.docx"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for numbered in ["(1)打造精品线路", "①推动专家下沉", "1、设立返乡创业"] {
        assert!(text.lines().any(|l| l.starts_with(numbered)), "{numbered}:\n{text}");
    }
    let docx =
        std::fs::File::open(root().join("tests/fixtures/office/numbered-numbering-variants-tonglu.docx"))
            .unwrap();
    let mut body = String::new();
    std::io::Read::read_to_string(
        &mut zip::ZipArchive::new(docx).unwrap().by_name("word/document.xml").unwrap(),
        &mut body,
    )
    .unwrap();
    assert!(
        body.contains("打造精品线路") && !body.contains("(1)打造精品线路"),
        "the number is Word's, not the text's"
    );
}

const CONTAINERS: [&str; 4] = [
    "tests/fixtures/office/label-variants-gongshu.docx",
    "tests/fixtures/office/label-variants-gongshu.pdf",
    "tests/fixtures/office/cid-gbk-xiaoshan-15-4-key-proposals.pdf",
    "tests/fixtures/pages/page-gbk-xinhui.html",
];

proptest! {
    // 96 cases a run unless PROPTEST_CASES asks for more.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(96),
        ..ProptestConfig::default()
    })]

    /// Bytes changed, cut short or cut out of a DOCX, a PDF or a page give a report or an error within
    /// seconds, never a panic or a hang.
    #[test]
    fn mutated_containers_never_panic(
        which in 0..CONTAINERS.len(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..24),
        cut in any::<prop::sample::Index>(),
        kind in 0..3u8,
    ) {
        let mut bytes = std::fs::read(root().join(CONTAINERS[which])).unwrap();
        match kind {
            0 => {
                for (at, b) in &edits {
                    let k = at.index(bytes.len());
                    bytes[k] = *b;
                }
            }
            1 => bytes.truncate(cut.index(bytes.len())),
            _ => {
                let from = cut.index(bytes.len());
                let to = (from + edits.len() * 97).min(bytes.len());
                bytes.drain(from..to);
            }
        }
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tian::parse(&bytes, Some("mutated"), &tian::Options::default());
            let _ = done.send(());
        });
        // A panic drops the sender; a hang never sends.
        let outcome = finished.recv_timeout(std::time::Duration::from_secs(30));
        prop_assert!(outcome.is_ok(), "{}: {:?} (a panic or a hang)", CONTAINERS[which], outcome);
    }
}
