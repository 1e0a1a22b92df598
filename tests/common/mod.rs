//! What the tests of documents share: a record through the real binary, and what a record says of its
//! report, without where its lines stood.

#![allow(dead_code, clippy::unwrap_used)] // each test file uses some; a failed unwrap is a failed test

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn record(path: &str) -> Value {
    let out = Command::cargo_bin("tian")
        .unwrap()
        .current_dir(root())
        .args(["parse", path, "--quiet"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{path}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A record without where its lines stood, its source and its diagnostics (whose lines are those of
/// another text).
pub fn said(mut value: Value) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(map) => {
                for key in ["line", "lines", "source", "diagnostics"] {
                    map.remove(key);
                }
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut value);
    value
}
