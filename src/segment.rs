//! Segment: clean lines → a header, one block per `第N号提案` marker, and the closing.
//!
//! Takes the repaired lines and gives a [`Document`]: the header (title, intro, statistics live there),
//! the proposal blocks, each with its docket numbers and the lines up to the next marker, and the
//! closing after the last block's content (the issuing body, a date, attachments, contacts, a website's
//! footer), which belongs to the report and not to the last proposal. A website's footer lines are
//! dropped wherever they are (`【打印本页】`, `上一篇:…`), unless they read as a proposal's field. What a
//! line is, the [`grammar`](crate::grammar) says, on the line folded to Simplified.

use crate::grammar::{self, Closing, Style, closing, heading, item_marker, label_start, marker};
use crate::normalize::Line;

/// A document cut into its header, proposal blocks and closing.
#[derive(Debug)]
pub struct Document<'a> {
    pub header: Vec<Line<'a>>,
    pub blocks: Vec<Block<'a>>,
    /// The report's own text after its proposals, under a heading that goes on with the header's
    /// outline (`一、基本情况` … `三、存在的问题和下一步工作`).
    pub conclusion: Vec<Line<'a>>,
    /// The lines after the last block's content and the conclusion: each is a [`Closing`] line or text
    /// that fits nowhere.
    pub closing: Vec<Line<'a>>,
}

/// One `第N号提案` block.
#[derive(Debug)]
pub struct Block<'a> {
    /// Docket numbers of the marker, in order (`第25号、第167号提案` → 25, 167).
    pub numbers: Vec<u32>,
    /// The marker line itself.
    pub marker: Line<'a>,
    /// Where the proposal's title lies on the marker's line (`《关于…》`), untrimmed; empty when the
    /// line holds none.
    pub title: std::ops::Range<usize>,
    /// The lines after the marker, up to the next marker (for the last block, up to the closing).
    pub body: Vec<Line<'a>>,
}

impl Block<'_> {
    /// First and last input line of the block.
    pub fn span(&self) -> [usize; 2] {
        let last = self.body.last().map_or(self.marker.last, |l| l.last);
        [self.marker.no, last]
    }
}

/// Cuts repaired lines into header, blocks and closing.
pub fn segment(lines: Vec<Line<'_>>) -> Document<'_> {
    // The markers are found first, so that each block's body is allocated once at its size.
    let starts: Vec<(usize, Vec<u32>, std::ops::Range<usize>)> = lines
        .iter()
        .enumerate()
        .filter_map(|(at, line)| marker(line.folded()).map(|m| (at, m.numbers, m.title)))
        .collect();
    let total = lines.len();
    let mut lines = lines.into_iter();
    let mut header: Vec<Line<'_>> =
        lines.by_ref().take(starts.first().map_or(total, |&(at, ..)| at)).collect();
    header.retain(|line| !is_footer(line));
    let mut blocks = Vec::with_capacity(starts.len());
    let mut starts = starts.into_iter().peekable();
    while let Some((at, numbers, title)) = starts.next() {
        let Some(marker) = lines.next() else { break };
        let end = starts.peek().map_or(total, |&(next, ..)| next);
        let body = lines.by_ref().take(end - at - 1).collect();
        blocks.push(Block { numbers, marker, title, body });
    }
    let outline = grammar::outline(header.iter().map(Line::folded));
    let (conclusion, closing) = match blocks.last_mut() {
        Some(last) => {
            let closing_from = closing_start(&last.body);
            let conclusion_from =
                outline.and_then(|o| conclusion_start(&last.body, o)).filter(|&c| c < closing_from);
            let mut closing = last.body.split_off(conclusion_from.unwrap_or(closing_from));
            let conclusion = match conclusion_from {
                // The conclusion runs to the first line of the closing proper.
                Some(_) => {
                    let end = closing.iter().position(|l| closing_kind(l).is_some()).unwrap_or(closing.len());
                    let rest = closing.split_off(end);
                    std::mem::replace(&mut closing, rest)
                }
                None => Vec::new(),
            };
            (conclusion, closing)
        }
        None => (Vec::new(), Vec::new()),
    };
    for block in &mut blocks {
        block.body.retain(|line| !is_footer(line));
    }
    Document { header, blocks, conclusion, closing }
}

/// Where the report's own text goes on after its last proposal ([`grammar::continues_outline`]).
fn conclusion_start(body: &[Line<'_>], outline: (Style, u32)) -> Option<usize> {
    body.iter().position(|l| grammar::continues_outline(outline, l.folded()))
}

fn closing_kind(line: &Line<'_>) -> Option<Closing> {
    closing(line.folded())
}

/// A line of a website's footer that is no field of a proposal: dropped wherever it is. The repair marked
/// the footer's lines.
fn is_footer(line: &Line<'_>) -> bool {
    let folded = line.folded();
    line.footer && closing(folded) == Some(Closing::Footer) && label_start(folded).is_none()
}

/// Where the closing starts in the last block's body (its length if there is none): at its first
/// closing line (a footer's too) after which the block has no structure left (no section heading, and
/// no numbered item but an attachment's). A line of the block's structure is its own, whatever words it
/// holds (`2.为养老机构提供技术支持`).
fn closing_start(body: &[Line<'_>]) -> usize {
    // An attachment's own items are no structure of the block: the first attachment, found once, when
    // an item is met.
    let attachment =
        |l: &Line<'_>| l.folded().starts_with('附') && closing(l.folded()) == Some(Closing::Attachment);
    let mut first_attachment = None;
    // Walking back from the end: the earliest closing line with no structure after it.
    let mut start = body.len();
    for (i, line) in body.iter().enumerate().rev() {
        let folded = line.folded();
        let mut item = || {
            item_marker(folded).is_some()
                && first_attachment
                    .get_or_insert_with(|| body.iter().position(attachment))
                    .is_none_or(|a| i <= a)
        };
        if heading(folded).is_some() || item() {
            break;
        }
        if closing(folded).is_some() {
            start = i;
        }
    }
    start
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
        let second = &doc.blocks[1];
        assert_eq!(&second.marker.text[second.title.clone()], "《关于乙的建议》");
    }

    #[test]
    fn the_outline_going_on_after_the_blocks_is_the_conclusion() {
        let line = Line::new;
        let doc = segment(vec![
            line(1, "标题"),
            line(2, "一、基本情况"),
            line(3, "共收到提案178件。"),
            line(4, "二、重点提案办理情况"),
            line(5, "(一)第1号提案"),
            line(6, "(1)已办结。"),
            line(7, "三、下一步工作"),
            line(8, "下一步,将完善督办机制。"),
            line(9, "甲县政协提案委员会"),
        ]);
        assert_eq!(doc.blocks[0].span(), [5, 6]);
        let texts = |lines: &[Line<'_>]| lines.iter().map(|l| l.text.to_string()).collect::<Vec<_>>();
        assert_eq!(texts(&doc.conclusion), ["三、下一步工作", "下一步,将完善督办机制。"]);
        assert_eq!(texts(&doc.closing), ["甲县政协提案委员会"]);
    }

    #[test]
    fn a_pages_footer_is_dropped_in_the_header_and_closes_the_last_block() {
        let line = Line::new;
        // Through the repair, which marks the footer's lines.
        let doc = segment(crate::repair::repair(vec![
            line(1, "【打印本页】【关闭窗口】"),
            line(2, "标题"),
            line(3, "第1号提案"),
            line(4, "1.已办结。"),
            line(5, "【打印本页】【关闭窗口】"),
            line(6, "主办单位:市政协办公室"),
        ]));
        assert_eq!(doc.header.iter().map(|l| &*l.text).collect::<Vec<_>>(), ["标题"]);
        assert_eq!(doc.blocks[0].span(), [3, 4]);
        assert_eq!(doc.closing.len(), 2);
    }
}
