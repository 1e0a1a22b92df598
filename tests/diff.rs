//! `tian diff`, run as the real binary: the expected diffs in output/diff/ in all three formats, exit
//! codes as diff(1), JSON reports as either side, and colour only when asked.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

fn tian() -> Command {
    let mut cmd = Command::cargo_bin("tian").expect("binary built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

const SAMPLE: &str = "input/xiaoshan-15-3-key-proposals.txt";

/// (golden name, old, new)
const CASES: &[(&str, &str, &str)] = &[
    ("revised", SAMPLE, "input/xiaoshan-15-3-key-proposals-revised.txt"),
    ("next-year", SAMPLE, "input/xiaoshan-15-4-key-proposals.txt"),
];

#[test]
fn expected_diffs_in_every_format() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut failures = Vec::new();
    for (name, old, new) in CASES {
        for (format, ext) in [("text", "txt"), ("json", "json"), ("markdown", "md")] {
            let out =
                tian().args(["diff", old, new, "--format", format, "--color", "never"]).assert().code(1);
            let got = String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8");
            let golden = format!("output/diff/{name}.{ext}");
            let want = fs::read_to_string(root.join(&golden)).unwrap_or_default();
            if got != want {
                failures.push(format!(
                    "{golden} differs; if intended: cargo run -q -- diff {old} {new} --format {format} --color never > {golden}, then read it"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_json_diff_says_what_changed() {
    let out = tian().args(["diff", SAMPLE, CASES[0].2, "--format", "json"]).assert().code(1);
    let d: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).expect("JSON");
    assert_eq!(d["matching"]["method"], "number");
    assert_eq!(d["differences"], 3);
    let changed: Vec<(u64, &str)> = d["matched"]
        .as_array()
        .expect("pairs")
        .iter()
        .flat_map(|p| {
            let n = p["old"]["number"].as_u64().expect("number");
            p["changes"]
                .as_array()
                .expect("changes")
                .iter()
                .map(move |c| (n, c["kind"].as_str().expect("kind")))
        })
        .collect();
    assert_eq!(changed, [(322, "outcomes"), (152, "outcomes"), (142, "value")]);

    let out = tian().args(["diff", SAMPLE, CASES[1].2, "--format", "json"]).assert().code(1);
    let d: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).expect("JSON");
    assert_eq!(d["matching"]["method"], "title");
    let pairs: Vec<(u64, u64)> = d["matched"]
        .as_array()
        .expect("pairs")
        .iter()
        .map(|p| (p["old"]["number"].as_u64().expect("n"), p["new"]["number"].as_u64().expect("n")))
        .collect();
    assert_eq!(pairs, [(322, 18), (341, 150), (96, 102), (142, 56)]);
    assert_eq!(d["only_old"].as_array().map(Vec::len), Some(3));
    assert_eq!(d["only_new"].as_array().map(Vec::len), Some(3));
}

#[test]
fn identical_reports_exit_0_also_from_json() {
    tian().args(["diff", SAMPLE, SAMPLE]).assert().code(0);
    // The committed JSON report of the sample is the same report.
    let out = tian().args(["diff", "output/xiaoshan-15-3-key-proposals.json", SAMPLE]).assert().code(0);
    let text = String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8");
    assert!(text.ends_with("0 differences\n"), "{text}");
}

#[test]
fn errors_exit_2_naming_the_file() {
    let cases = [
        ("no-such-file.txt", "no-such-file.txt: cannot read"),
        (
            "tests/fixtures/office/scan.pdf",
            "tests/fixtures/office/scan.pdf: cannot read this PDF: it has no text layer",
        ),
        ("output/diff/next-year.json", "output/diff/next-year.json: not a report written by tian"),
    ];
    for (file, message) in cases {
        let out = tian().args(["diff", SAMPLE, file]).assert().code(2);
        let stderr = String::from_utf8(out.get_output().stderr.clone()).expect("UTF-8");
        assert!(stderr.contains(message), "{file}: {stderr}");
        assert!(out.get_output().stdout.is_empty());
    }
    tian().args(["diff", SAMPLE, SAMPLE, "--threshold", "1.5"]).assert().code(2);
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let plain = tian().args(["diff", SAMPLE, CASES[0].2]).assert().code(1).get_output().stdout.clone();
    assert!(!plain.contains(&0x1b), "no escapes when stdout is not a terminal");
    let coloured = tian().args(["diff", SAMPLE, CASES[0].2, "--color", "always"]).assert().code(1);
    let coloured = String::from_utf8(coloured.get_output().stdout.clone()).expect("UTF-8");
    assert!(coloured.contains("\x1b[32m        + 5. 强化要素保障"), "added outcome in green");
}

#[test]
fn a_high_threshold_matches_nothing_year_over_year() {
    let out =
        tian().args(["diff", SAMPLE, CASES[1].2, "--format", "json", "--threshold", "0.6"]).assert().code(1);
    let d: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).expect("JSON");
    assert_eq!(d["matched"].as_array().map(Vec::len), Some(0));
    assert_eq!(d["only_old"].as_array().map(Vec::len), Some(7));
}
