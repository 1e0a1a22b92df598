//! Golden pairs: every `input/X.txt` is run through the real `tian parse` binary and compared with
//! `output/X.json`.
//!
//! To regenerate after a deliberate change, run the README's main command
//! (`cargo run --release -- convert input --out output`), then read every changed file (`git diff output/`)
//! before committing it: a golden nobody read proves nothing.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

#[test]
fn every_input_matches_its_golden_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs: Vec<_> = fs::read_dir(root.join("input"))
        .expect("input/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 13, "input/ should hold the sample and the variants, found {}", inputs.len());

    let mut failures = Vec::new();
    for input in &inputs {
        let stem = input.file_stem().and_then(|s| s.to_str()).expect("UTF-8 file name");
        let relative = format!("input/{stem}.txt");
        let out = Command::cargo_bin("tian")
            .expect("binary built")
            .current_dir(root)
            .args(["parse", &relative])
            .output();
        let out = out.expect("tian runs");
        assert!(
            out.status.success(),
            "{relative}: exit {:?}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        let got = String::from_utf8(out.stdout).expect("JSON is UTF-8");
        let golden = root.join("output").join(format!("{stem}.json"));
        let want = fs::read_to_string(&golden).unwrap_or_default();
        if got != want {
            let line = got.lines().zip(want.lines()).position(|(a, b)| a != b).unwrap_or(0);
            let shown = |s: &str| s.lines().nth(line).unwrap_or("<end of file>").to_owned();
            failures.push(format!(
                "{relative} ≠ output/{stem}.json at line {}:\n  got:  {}\n  want: {}",
                line + 1,
                shown(&got),
                shown(&want)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\nIf the change is intended: cargo run --release -- convert input --out output, then read git diff output/",
        failures.join("\n")
    );
}
