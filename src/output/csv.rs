//! CSV for spreadsheets: one file of proposals, one of outcomes.
//!
//! UTF-8 with a byte-order mark, which Excel and WPS need to read Chinese text as UTF-8; lists inside a
//! cell are joined with `、` (names, units) or a line break (suggestions), quoting left to the csv crate.

use std::io::{self, Write};

use crate::model::{ProposerKind, Report};

const BOM: &[u8] = "\u{feff}".as_bytes();

pub const PROPOSAL_HEADER: &[&str] = &[
    "source_path",
    "region",
    "session_label",
    "term",
    "meeting",
    "number",
    "numbers",
    "title",
    "proposer",
    "proposers",
    "proposer_kind",
    "supervisors",
    "lead_unit",
    "assisting_units",
    "category",
    "content",
    "suggestions",
    "outcomes",
    "first_line",
    "last_line",
];

pub const OUTCOME_HEADER: &[&str] = &["source_path", "number", "index", "heading", "text"];

/// A CSV writer that has written the BOM and the header row.
pub fn writer<W: Write>(mut out: W, header: &[&str]) -> io::Result<::csv::Writer<W>> {
    out.write_all(BOM)?;
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(header)?;
    Ok(w)
}

/// Appends the proposals of a report.
pub fn write_proposals<W: Write>(w: &mut ::csv::Writer<W>, r: &Report) -> io::Result<()> {
    let session = r.session.as_ref();
    let opt = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    for p in &r.proposals {
        let numbers: Vec<String> = p.numbers.iter().map(u32::to_string).collect();
        let kind = p.proposer_kind.map_or("", ProposerKind::as_str);
        w.write_record([
            r.source.path.as_deref().unwrap_or(""),
            r.region.as_deref().unwrap_or(""),
            session.map_or("", |s| s.label.as_str()),
            &opt(session.and_then(|s| s.term)),
            &opt(session.and_then(|s| s.meeting)),
            &p.number.to_string(),
            &numbers.join("、"),
            p.title.as_deref().unwrap_or(""),
            p.proposer.as_deref().unwrap_or(""),
            &p.proposers.join("、"),
            kind,
            &p.supervisors.join("、"),
            p.lead_unit.as_deref().unwrap_or(""),
            &p.assisting_units.join("、"),
            p.category.as_deref().unwrap_or(""),
            p.content.as_deref().unwrap_or(""),
            &p.suggestions.join("\n"),
            &p.outcomes.len().to_string(),
            &p.lines[0].to_string(),
            &p.lines[1].to_string(),
        ])?;
    }
    Ok(())
}

/// Appends the outcomes of a report.
pub fn write_outcomes<W: Write>(w: &mut ::csv::Writer<W>, r: &Report) -> io::Result<()> {
    for p in &r.proposals {
        for o in &p.outcomes {
            w.write_record([
                r.source.path.as_deref().unwrap_or(""),
                &p.number.to_string(),
                &o.index.to_string(),
                o.heading.as_deref().unwrap_or(""),
                &o.text,
            ])?;
        }
    }
    Ok(())
}
