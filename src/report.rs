//! Report: header facts + proposals → one [`Report`], with the cross-checks between them.
//!
//! Takes the segmented document and the source facts, runs the extractor over the header and every block,
//! then checks what only the whole document can show: docket numbers given twice, a stated count of key
//! proposals that disagrees with the blocks found (warnings), and header sums and rates that do not add
//! up (info only: editions compute them differently, and the numbers are reported as written).

use std::collections::HashMap;

use crate::extract::{self, header::Header};
use crate::model::{Code, Diagnostic, Figure, Report, SCHEMA_VERSION, Source, Stat, Statistics};
use crate::segment::Document;

/// Builds the report, taking the document, whose blocks become the proposals; `diags` holds what earlier
/// stages found and is sorted by line.
pub fn build(doc: Document, source: Source, mut diags: Vec<Diagnostic>) -> Report {
    let header = extract::header::header(&doc.header, &mut diags);
    let doc_conclusion: Vec<String> = doc.conclusion.iter().map(|l| l.text.to_string()).collect();
    let ending = extract::closing::closing(&doc.closing, &mut diags);
    let proposals: Vec<_> = doc.blocks.into_iter().map(|b| extract::proposal(b, &mut diags)).collect();

    let mut seen: HashMap<u32, usize> = HashMap::new();
    for p in &proposals {
        for &n in &p.numbers {
            let first = *seen.entry(n).or_insert(p.lines[0]);
            if first != p.lines[0] {
                diags.push(Diagnostic::new(
                    Code::DuplicateNumber,
                    Some(p.lines[0]),
                    format!("proposal number {n} already used by the block at line {first}"),
                ));
            }
        }
    }
    let dockets = proposals.iter().map(|p| p.numbers.len()).sum();
    check_statistics(&header, Blocks { blocks: proposals.len(), dockets }, &mut diags);

    diags.sort_by_key(|d| d.line.unwrap_or(usize::MAX));
    let Header { title, region, session, date, intro, statistics, .. } = header;
    Report {
        schema_version: SCHEMA_VERSION,
        source,
        title,
        // A header that names no place leaves it to the closing (`海宁市政协提案委员会`).
        region: region.or(ending.region),
        session,
        issuer: ending.issuer,
        // The signature's date is the report's; one under the title stands in for it.
        date: ending.date.or(date),
        statistics,
        intro,
        proposals,
        conclusion: doc_conclusion,
        diagnostics: diags,
    }
}

/// A stated rate may be rounded to one decimal.
const RATE_TOLERANCE: f64 = 0.051;

/// What the blocks found cover: the blocks, and the proposals they are about (a block of merged
/// proposals, `第25号、第167号提案`, is about two).
#[derive(Debug, Clone, Copy)]
struct Blocks {
    blocks: usize,
    dockets: usize,
}

fn check_statistics(h: &Header, found: Blocks, diags: &mut Vec<Diagnostic>) {
    let s: &Statistics = &h.statistics;
    let at = &h.lines;
    let blocks = found.blocks;
    // A report may cover some of the key proposals it announces, and say so (`现将其中4件…`).
    let covered =
        h.parts.iter().any(|&(stat, f)| stat == Stat::KeyProposals && f == Figure::Count(blocks as u32));
    if let Some(k) = s.key_proposals
        && k as usize != blocks
        && k as usize != found.dockets
        && !covered
    {
        diags.push(Diagnostic::new(
            Code::CountMismatch,
            at.get(Stat::KeyProposals),
            format!("the header announces {k} key proposals, but {blocks} proposal blocks were found"),
        ));
    }
    if let (Some(sub), Some(reg), Some(not)) = (s.submitted, s.registered, s.not_registered)
        && u64::from(reg) + u64::from(not) != u64::from(sub)
    {
        diags.push(Diagnostic::new(
            Code::SumMismatch,
            at.get(Stat::Registered),
            format!("registered {reg} + not registered {not} ≠ submitted {sub}"),
        ));
    }
    if let (Some(reg), Some(from), Some(into), Some(fin)) =
        (s.registered, s.merged_from, s.merged_into, s.final_registered)
        && i64::from(reg) - i64::from(from) + i64::from(into) != i64::from(fin)
    {
        diags.push(Diagnostic::new(
            Code::SumMismatch,
            at.get(Stat::MergedFrom).or(at.get(Stat::FinalRegistered)),
            format!("registered {reg} − merged {from} + {into} ≠ final {fin}"),
        ));
    }
    if let (Some(rate), Some(sub)) = (s.registration_rate, s.submitted)
        && sub > 0
    {
        let percent = |n: Option<u32>| n.map(|n| f64::from(n) * 100.0 / f64::from(sub));
        let explained = [percent(s.registered), percent(s.final_registered)]
            .into_iter()
            .flatten()
            .any(|p| (p - rate).abs() <= RATE_TOLERANCE);
        let known = s.registered.is_some() || s.final_registered.is_some();
        if known && !explained {
            diags.push(Diagnostic::new(
                Code::RateMismatch,
                at.get(Stat::RegistrationRate),
                format!("立案率 {rate}% is neither registered nor final registered ÷ submitted {sub}"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::header::StatLines;

    fn codes(statistics: Statistics, blocks: usize) -> Vec<String> {
        let header = Header { statistics, lines: StatLines::default(), ..Header::default() };
        let mut diags = Vec::new();
        check_statistics(&header, Blocks { blocks, dockets: blocks }, &mut diags);
        diags.into_iter().map(|d| d.code.as_str().to_owned()).collect()
    }

    #[test]
    fn the_sample_adds_up() {
        let s = Statistics {
            submitted: Some(380),
            registered: Some(353),
            not_registered: Some(27),
            registration_rate: Some(92.9),
            merged_from: Some(4),
            merged_into: Some(2),
            final_registered: Some(351),
            key_proposals: Some(7),
            ..Statistics::default()
        };
        assert!(codes(s, 7).is_empty());
    }

    #[test]
    fn a_rate_of_final_over_submitted_is_accepted_too() {
        // 312 / 330 = 94.545…: written 94.5 in the edition that divides the final count.
        let s = Statistics {
            submitted: Some(330),
            registered: Some(320),
            final_registered: Some(312),
            registration_rate: Some(94.5),
            ..Statistics::default()
        };
        assert!(codes(s.clone(), 0).is_empty());
        let s = Statistics { registration_rate: Some(90.0), ..s };
        assert_eq!(codes(s, 0), ["rate-mismatch"]);
    }

    /// A report that says it covers some of the key proposals it announces is no mismatch.
    #[test]
    fn a_stated_part_of_the_key_proposals_is_what_the_blocks_cover() {
        let statistics = Statistics { key_proposals: Some(6), ..Statistics::default() };
        let mut header = Header { statistics, lines: StatLines::default(), ..Header::default() };
        let mut diags = Vec::new();
        check_statistics(&header, Blocks { blocks: 4, dockets: 4 }, &mut diags);
        assert_eq!(diags.len(), 1);
        header.parts.push((Stat::KeyProposals, Figure::Count(4)));
        diags.clear();
        check_statistics(&header, Blocks { blocks: 4, dockets: 4 }, &mut diags);
        assert!(diags.is_empty());
    }

    /// The header counts proposals; a block of two merged proposals is about two of them.
    #[test]
    fn a_merged_block_counts_each_of_its_proposals() {
        let statistics = Statistics { key_proposals: Some(6), ..Statistics::default() };
        let header = Header { statistics, lines: StatLines::default(), ..Header::default() };
        let mut diags = Vec::new();
        check_statistics(&header, Blocks { blocks: 5, dockets: 6 }, &mut diags);
        assert_eq!(diags, []);
        check_statistics(&header, Blocks { blocks: 5, dockets: 7 }, &mut diags);
        assert_eq!(diags.iter().map(|d| d.code).collect::<Vec<_>>(), [Code::CountMismatch]);
    }

    #[test]
    fn sums_and_counts() {
        let s = Statistics {
            submitted: Some(100),
            registered: Some(90),
            not_registered: Some(5),
            merged_from: Some(4),
            merged_into: Some(2),
            final_registered: Some(80),
            key_proposals: Some(3),
            ..Statistics::default()
        };
        assert_eq!(codes(s, 2), ["count-mismatch", "sum-mismatch", "sum-mismatch"]);
    }
}
