//! Documents written elsewhere against the record a person reads in them: every `tests/truth/X.truth.json`
//! holds, for `input/X.txt`, the title, region, session, issuer, date and statistics of the report and
//! the fields of each proposal as the document's writer labelled them, independently of tian's output.
//! Text is compared after NFKC (tian folds full-width forms) and with the white space around it trimmed.
//! A failure names each field that differs, with both values.

#![allow(clippy::unwrap_used)] // a test that cannot unwrap has failed, which is what we want to see

use std::fs;
use std::path::Path;

use serde_json::Value;
use tian::Options;
use unicode_normalization::UnicodeNormalization;

/// A JSON value with its text in NFKC and trimmed, and whole-numbered rates as integers' floats.
fn norm(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(s.nfkc().collect::<String>().trim().to_owned()),
        Value::Array(items) => Value::Array(items.iter().map(norm).collect()),
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), norm(v))).collect()),
        Value::Number(n) => n.as_f64().map_or(v.clone(), |f| serde_json::json!(f)),
        other => other.clone(),
    }
}

const REPORT_FIELDS: [&str; 4] = ["title", "region", "session", "issuer"];
const PROPOSAL_FIELDS: [&str; 11] = [
    "numbers",
    "title",
    "proposer",
    "proposers",
    "proposer_kind",
    "supervisors",
    "lead_unit",
    "assisting_units",
    "category",
    "suggestions",
    "outcomes",
];

#[test]
fn documents_written_elsewhere_read_as_their_writers_labelled_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut truths: Vec<_> =
        fs::read_dir(root.join("tests/truth")).unwrap().map(|e| e.unwrap().path()).collect();
    truths.sort();
    assert!(truths.len() >= 20, "tests/truth/ should hold the documents written elsewhere");
    let (mut checked, mut failures) = (0, Vec::new());
    for path in &truths {
        let name = path.file_name().unwrap().to_string_lossy().replace(".truth.json", "");
        let truth: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
        let bytes = fs::read(root.join("input").join(format!("{name}.txt"))).unwrap();
        let report = tian::parse(&bytes, Some(&name), &Options::default()).unwrap();
        let got = serde_json::to_value(&report).unwrap();
        let check =
            |failures: &mut Vec<String>, checked: &mut usize, what: String, want: &Value, have: &Value| {
                *checked += 1;
                let (want, have) = (norm(want), norm(have));
                if want != have {
                    failures.push(format!("{what}\n    want {want}\n    got  {have}"));
                }
            };
        for field in REPORT_FIELDS {
            check(&mut failures, &mut checked, format!("{name}: {field}"), &truth[field], &got[field]);
        }
        check(
            &mut failures,
            &mut checked,
            format!("{name}: date"),
            &truth["date"]["iso"],
            &got["date"]["iso"],
        );
        for (stat, want) in truth["statistics"].as_object().unwrap() {
            check(
                &mut failures,
                &mut checked,
                format!("{name}: statistics.{stat}"),
                want,
                &got["statistics"][stat],
            );
        }
        let proposals = got["proposals"].as_array().unwrap();
        for want in truth["proposals"].as_array().unwrap() {
            let number = &want["number"];
            let Some(have) = proposals.iter().find(|p| &p["number"] == number) else {
                failures.push(format!("{name}: proposal {number} not found"));
                continue;
            };
            for field in PROPOSAL_FIELDS {
                check(
                    &mut failures,
                    &mut checked,
                    format!("{name} #{number}: {field}"),
                    &want[field],
                    &have[field],
                );
            }
        }
        let numbers: Vec<&Value> =
            truth["proposals"].as_array().unwrap().iter().map(|p| &p["number"]).collect();
        for extra in proposals.iter().filter(|p| !numbers.contains(&&p["number"])) {
            failures.push(format!("{name}: proposal {} is not in the document's truth", extra["number"]));
        }
    }
    assert!(failures.is_empty(), "{} of {checked} fields differ:\n{}", failures.len(), failures.join("\n"));
}
