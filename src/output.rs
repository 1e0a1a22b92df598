//! Output: a [`Report`] → JSON text, and the JSON Schema of the record.
//!
//! Reports are written pretty-printed with Chinese text unescaped, fields in the order of the model, so a
//! golden file can be read by a person and diffed line by line. The schema is derived from the model
//! types, so it always describes what is emitted.

use crate::model::Report;

/// The report as pretty JSON with a trailing newline.
pub fn to_json(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(report).expect("a report always serializes");
    s.push('\n');
    s
}

/// The JSON Schema of [`Report`], pretty-printed with a trailing newline.
pub fn schema() -> String {
    let schema = schemars::schema_for!(Report);
    let mut s = serde_json::to_string_pretty(&schema).expect("a schema always serializes");
    s.push('\n');
    s
}
