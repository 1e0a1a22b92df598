//! Segment: clean lines → a header and one block per `第N号提案` marker.
//!
//! Takes the lines from [`crate::normalize`] and gives a [`Document`]: the header (title, intro, statistics
//! live there) and the proposal blocks, each with its docket numbers and the lines up to the next marker.
//! Markers are found by the [`grammar`](crate::grammar), on the line folded to Simplified.

use std::borrow::Cow;

use crate::grammar::marker;
use crate::normalize::{Line, trim};

/// A document cut into its header and proposal blocks.
#[derive(Debug)]
pub struct Document<'a> {
    pub header: Vec<Line<'a>>,
    pub blocks: Vec<Block<'a>>,
}

/// One `第N号提案` block.
#[derive(Debug)]
pub struct Block<'a> {
    /// Docket numbers of the marker, in order (`第25号、第167号提案` → 25, 167).
    pub numbers: Vec<u32>,
    /// The marker line itself.
    pub marker: Line<'a>,
    /// Text after the marker on the same line (a title such as `《关于…》`), if any; borrowed from the
    /// document where the marker line is.
    pub rest: Option<Cow<'a, str>>,
    /// The lines after the marker, up to the next marker.
    pub body: Vec<Line<'a>>,
}

impl Block<'_> {
    /// First and last input line of the block.
    pub fn span(&self) -> [usize; 2] {
        let last = self.body.last().map_or(self.marker.last, |l| l.last);
        [self.marker.no, last]
    }
}

/// Cuts repaired lines into header and blocks.
pub fn segment(lines: Vec<Line<'_>>) -> Document<'_> {
    // The markers are found first, so that each block's body is allocated once at its size: grown a line
    // at a time, the bodies took 9,900 allocations a round of the benchmark corpus (a twentieth of the
    // parse's), and every doubling copied their lines again.
    let starts: Vec<(usize, Vec<u32>, usize)> = lines
        .iter()
        .enumerate()
        .filter_map(|(at, line)| marker(line.folded()).map(|(numbers, rest)| (at, numbers, rest.len())))
        .collect();
    let total = lines.len();
    let mut lines = lines.into_iter();
    let header = lines.by_ref().take(starts.first().map_or(total, |&(at, ..)| at)).collect();
    let mut blocks = Vec::with_capacity(starts.len());
    let mut starts = starts.into_iter().peekable();
    while let Some((at, numbers, rest_len)) = starts.next() {
        let Some(marker) = lines.next() else { break };
        let rest = match &marker.text {
            Cow::Borrowed(text) => Cow::Borrowed(trim(&text[text.len() - rest_len..])),
            Cow::Owned(text) => Cow::Owned(trim(&text[text.len() - rest_len..]).to_owned()),
        };
        let rest = (!rest.is_empty()).then_some(rest);
        let end = starts.peek().map_or(total, |&(next, ..)| next);
        let body = lines.by_ref().take(end - at - 1).collect();
        blocks.push(Block { numbers, marker, rest, body });
    }
    Document { header, blocks }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_splits_header_and_blocks() {
        let line = Line::new;
        let doc = segment(vec![
            line(1, "标题"),
            line(3, "第1号提案"),
            line(4, "《关于甲的建议》"),
            line(6, "第2号提案《关于乙的建议》"),
        ]);
        assert_eq!(doc.header.len(), 1);
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(doc.blocks[0].span(), [3, 4]);
        assert_eq!(doc.blocks[1].rest.as_deref(), Some("《关于乙的建议》"));
    }
}
