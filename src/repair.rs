//! Repair: the pieces of paragraphs that page breaks split, joined again.
//!
//! Takes the clean lines from [`crate::normalize`] and gives them back with each broken paragraph one
//! line again, spanning the input lines of its pieces. A line that does not end a sentence is continued
//! by the next line of running text; what the [`grammar`](crate::grammar) calls a boundary (a block
//! marker, a bare heading, a title) is never joined, and a labelled field only after a list separator.
//! First, the running headers that a document extracted from pages repeats at each page's top are
//! dropped, so that the pieces they stand between can be joined.

use std::collections::HashMap;

use crate::grammar::{
    self, Shape, TITLE_MAX_LINES, is_date_line, is_footer, is_marker, is_title_like, label_start,
    numbered_heading, opens_footer, shape, title_block,
};
use crate::model::{Code, Diagnostic};
use crate::normalize::Line;

/// Fewest characters of a running header: shorter repeated lines are as likely text.
const RUNNING_HEADER_MIN_CHARS: usize = 4;

/// What a report calls itself at the end of its title.
const REPORT_NOUNS: [&str; 6] = ["报告", "综述", "通报", "情况", "汇报", "简报"];

/// Whether a line names a report: a title line that ends in what a report calls itself.
fn names_report(text: &str) -> bool {
    is_title_like(text) && REPORT_NOUNS.iter().any(|n| text.ends_with(n))
}

/// Drops running headers: the line at the top of a page (after a page number or a form feed) that makes
/// no sentence and is no marker, heading, field or item, when it repeats a line of the title further on
/// or stands at the top of two pages or more. One info a header says where it was dropped.
pub fn drop_running_headers(lines: &mut Vec<Line<'_>>, diags: &mut Vec<Diagnostic>) {
    // A page's footer lines stand outside the text: the line after one at the top of a page is at the
    // top too.
    for k in 1..lines.len() {
        if lines[k - 1].page_top && is_footer(lines[k - 1].folded()) {
            lines[k].page_top = true;
        }
    }
    let candidate = |line: &Line<'_>| {
        line.page_top
            && line.text.chars().count() >= RUNNING_HEADER_MIN_CHARS
            && is_title_like(&line.text)
            && matches!(shape(line.folded()), Shape::Text | Shape::Name)
    };
    let mut tops: HashMap<&str, usize> = HashMap::new();
    for line in lines.iter().filter(|l| candidate(l)) {
        *tops.entry(&line.text).or_default() += 1;
    }
    if tops.is_empty() {
        return;
    }
    let top = &lines[..lines.len().min(TITLE_MAX_LINES)];
    let header: Vec<bool> = lines
        .iter()
        .enumerate()
        .map(|(at, line)| {
            let n = tops.get(&*line.text).copied().unwrap_or(0);
            if at < TITLE_MAX_LINES && !line.page_top {
                // The first page's header stands over the title when both name the report: a title is
                // the body that issues it and the report's name, once (`政协萧县委员会` / `关于…的报告`).
                let mut below = lines[at + 1..].iter().take(TITLE_MAX_LINES - 1).take_while(|l| !l.page_top);
                n >= 2 && names_report(&line.text) && below.any(|l| names_report(&l.text))
            } else {
                // A line at the top of two pages or more, or the title's own lines repeated further on; but
                // a body's name once at the top of the last page may be the signature that closes it.
                candidate(line)
                    && (n >= 2
                        || (at >= TITLE_MAX_LINES
                            && top.iter().any(|t| t.text == line.text)
                            && shape(line.folded()) != Shape::Name))
            }
        })
        .collect();
    let mut dropped: Vec<(String, usize, usize)> = Vec::new();
    for (line, _) in lines.iter().zip(&header).filter(|(_, h)| **h) {
        match dropped.iter_mut().find(|(t, ..)| *t == *line.text) {
            Some(d) => d.2 += 1,
            None => dropped.push((line.text.to_string(), line.no, 1)),
        }
    }
    let mut flags = header.into_iter();
    lines.retain(|_| !flags.next().unwrap_or(false));
    for (text, first, n) in dropped {
        diags.push(Diagnostic::new(
            Code::RunningHeader,
            Some(first),
            format!("running header {text} dropped at the top of {n} pages"),
        ));
    }
}

/// Longest line read as the continuation of a field on the line above: a name or two, a unit.
const FIELD_CONTINUATION_MAX_CHARS: usize = 30;

/// Whether a line can go on with the field above it: short, no sentence, and no title
/// ([`grammar::opens_title`]).
fn continues_field(text: &str) -> bool {
    !grammar::opens_title(text)
        && is_title_like(text)
        && text.chars().nth(FIELD_CONTINUATION_MAX_CHARS).is_none()
}

/// How many lines at the top are never joined: the page furniture before the title, the title's lines
/// ([`title_block`]) and the lines that make no sentence under them (a date).
fn leading_lines(lines: &[Line<'_>]) -> usize {
    let end = title_block(lines).end;
    end + lines[end..].iter().take_while(|l| is_title_like(&l.text) || is_date_line(&l.text)).count()
}

/// Characters a paragraph can end with; a line ending in anything else was cut by a page break.
fn ends_paragraph(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | ';' | ':' | '…' | '》' | '」' | '』' | '】' | '〕' | '”' | '’' | ']' | '.')
}

/// Joins the pieces of paragraphs split by page breaks (with or without blank lines or a page number
/// between them): a piece that does not end a sentence is continued by the next running-text line.
/// The title block at the top (and a date under it) is never joined to anything. A page's footer stands
/// outside the text: the paragraphs it interrupts are joined across it, and it goes back after them,
/// where the segmenter sees where the article ends.
pub fn repair(mut lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    // What opens a footer (its buttons and links, 抄送) may stand anywhere, and is marked for the
    // segmenter to drop. A footer's words (版权所有, ICP备 …) stand after the article, past its last block
    // marker: only there are they looked for (on every line that took a tenth of the parse), and only to
    // keep their lines out of the joining; whether such a line is the closing's, the segmenter decides.
    let last_marker = lines.iter().rposition(|l| is_marker(l.folded())).unwrap_or(0);
    let mut apart = Vec::with_capacity(lines.len());
    for (k, line) in lines.iter_mut().enumerate() {
        let (opens, words) = (opens_footer(line.folded()), k > last_marker && is_footer(line.folded()));
        line.footer = opens;
        apart.push(opens || words);
    }
    // Most documents have no footer: their lines are not copied into two new lists.
    if !apart.contains(&true) {
        return repair_shaping(lines, false);
    }
    let mut apart = apart.into_iter();
    let (footers, text): (Vec<Line<'_>>, Vec<Line<'_>>) =
        lines.into_iter().partition(|_| apart.next().unwrap_or(false));
    let text = repair_shaping(text, false);
    // Back by their input lines: each after the lines that start before it.
    let mut out = Vec::with_capacity(text.len() + footers.len());
    let mut footers = footers.into_iter().peekable();
    for line in text {
        while let Some(footer) = footers.next_if(|f| f.no < line.no) {
            out.push(footer);
        }
        out.push(line);
    }
    out.extend(footers);
    out
}

/// [`repair`], taking the shape of every line when `every` is set, as it first did: the tests hold the
/// two to the same result.
fn repair_shaping(mut lines: Vec<Line<'_>>, every: bool) -> Vec<Line<'_>> {
    let mut prev_shape = Shape::Boundary;
    // The title block and what stands before it are never joined.
    let mut leading = leading_lines(&lines);
    // Before the first block, a numbered phrase alone is a heading of the report's outline (`一、基本情况`);
    // among the blocks it may be an item's first words, cut off by a page break, unless it goes on with
    // the outline (`三、存在的问题和下一步工作` after `二、…`).
    let mut before_blocks = lines.iter().position(|l| is_marker(l.folded())).unwrap_or(lines.len());
    let outline = grammar::outline(lines[..before_blocks].iter().map(Line::folded));
    // Whether `line` continues `prev`, the last line kept.
    let mut continues = |prev: Option<&Line<'_>>, line: &Line<'_>| {
        let lead = leading > 0;
        leading = leading.saturating_sub(1);
        let heading = if before_blocks > 0 {
            numbered_heading(line.folded()).is_some()
        } else {
            outline.is_some_and(|o| grammar::continues_outline(o, line.folded()))
        };
        before_blocks = before_blocks.saturating_sub(1);
        let open = prev.is_some_and(|prev| {
            let last = prev.text.chars().next_back().unwrap_or('。');
            match prev_shape {
                Shape::Boundary | Shape::Name => false,
                // A field goes on after a list separator, or on a short line of names aligned under it.
                Shape::Label => matches!(last, '、' | ',') || continues_field(&line.text),
                Shape::Start | Shape::Text => !ends_paragraph(last),
            }
        });
        // Nothing continues a line that ends a paragraph unless it is a field: when it cannot continue
        // the line before either, as most paragraphs cannot, its shape is needed only if it may be one.
        let closed = line.text.chars().next_back().is_some_and(ends_paragraph);
        let this = if lead || heading {
            Shape::Boundary
        } else if !every && !open && closed && label_start(line.folded()).is_none() {
            Shape::Text
        } else {
            shape(line.folded())
        };
        let joins = open
            && match prev_shape {
                Shape::Label => matches!(this, Shape::Text | Shape::Name),
                _ => this == Shape::Text,
            };
        if !joins {
            prev_shape = this;
        }
        joins
    };
    if let Some(first) = lines.first() {
        continues(None, first);
    }
    // In place: `dedup_by` hands each line with the last line kept, and drops the line when it was joined
    // to that one; collected into a new Vec, every document's lines would be copied once more.
    lines.dedup_by(|line, prev| {
        let joins = continues(Some(prev), line);
        if joins {
            prev.join(line);
        }
        joins
    });
    lines
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::normalize::lines;

    #[test]
    fn repair_joins_page_broken_pieces_only() {
        let src = "标题\n正文开始,能降低噪音3\n\n— 2 —\n\n80分贝。\n第1号提案\n主办单位:区发改局、\n区财政局\n1. 强化创新引领。引导专精特新\n\n企业加大研发投入。\n独立段落。\n另一段\n第2号提案";
        let got: Vec<_> = repair(lines(src, false, &mut Vec::new()))
            .into_iter()
            .map(|l| (l.no, l.last, l.text.into_owned()))
            .collect();
        let want = [
            (1, 1, "标题"),
            (2, 6, "正文开始,能降低噪音380分贝。"),
            (7, 7, "第1号提案"),
            (8, 9, "主办单位:区发改局、区财政局"),
            (10, 12, "1. 强化创新引领。引导专精特新企业加大研发投入。"),
            (13, 13, "独立段落。"),
            (14, 14, "另一段"),
            // A marker is never a paragraph's continuation, even after a line that does not end one.
            (15, 15, "第2号提案"),
        ];
        let want: Vec<_> = want.iter().map(|&(a, b, t)| (a, b, t.to_owned())).collect();
        assert_eq!(got, want);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Leaving out the shape of a line that ends a paragraph and cannot continue the line before it
        /// joins the same lines as shaping every line: titles, markers, headings, labels, items and text,
        /// ending in every way.
        #[test]
        fn repair_needs_no_shape_of_a_closed_line(
            lines in proptest::collection::vec(
                (
                    proptest::sample::select(&[
                        "", "标题", "第1号提案", "【提案主要内容】", "一、提案主要内容", "提案人:张三", "主办单位:区发改局",
                        "1.加强管理", "(二)", "《关于甲的建议》", "2024年12月20日", "正文", "abc", "办理类别:A类",
                    ][..]),
                    proptest::sample::select(&["", "。", "、", ",", "》", "!", ":", "推进", "def", "】", "80分贝"][..]),
                ),
                0..12,
            ),
        ) {
            let lines: Vec<Line<'_>> = lines
                .iter()
                .enumerate()
                .map(|(i, (a, b))| Line::new(i + 1, format!("{a}{b}")))
                .filter(|l| !l.text.is_empty())
                .collect();
            let want = repair_shaping(lines.clone(), true);
            proptest::prop_assert_eq!(repair(lines), want);
        }
    }

    /// The texts of `src`'s lines, cleaned and repaired as a parse does.
    fn repaired(src: &str) -> Vec<Cow<'_, str>> {
        repair(lines(src, false, &mut Vec::new())).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn running_headers_are_dropped_so_the_pieces_join() {
        let src = "甲市政协重点提案办理情况报告\n正文开始,推进城乡\n— 2 —\n\u{c}甲市政协重点提案办理情况报告\n供水一体化。\n另一段,已完成\n\u{c}甲市政协重点提案办理情况报告\n验收。";
        let mut lines = lines(src, false, &mut Vec::new());
        let mut diags = Vec::new();
        drop_running_headers(&mut lines, &mut diags);
        let got: Vec<_> = repair(lines).into_iter().map(|l| l.text.into_owned()).collect();
        assert_eq!(
            got,
            ["甲市政协重点提案办理情况报告", "正文开始,推进城乡供水一体化。", "另一段,已完成验收。"]
        );
        assert_eq!(
            diags.iter().map(|d| (d.code, d.line)).collect::<Vec<_>>(),
            [(Code::RunningHeader, Some(4))]
        );
        // A short line said twice, not at the tops of pages, is text.
        let mut lines = lines_of("标题\n正文。\n另一段。\n已全部落实到位\n正文。\n已全部落实到位");
        drop_running_headers(&mut lines, &mut diags);
        assert_eq!(lines.len(), 6);
        // At the tops of two pages, a header that is not the title.
        let mut lines =
            lines_of("标题\n正文开始,推进\n- 1 -\n甲县政协\n城乡供水。\n- 2 -\n甲县政协\n另一段。");
        drop_running_headers(&mut lines, &mut diags);
        let got: Vec<_> = repair(lines).into_iter().map(|l| l.text.into_owned()).collect();
        assert_eq!(got, ["标题", "正文开始,推进城乡供水。", "另一段。"]);
        // Over the title on the first page too, where both name the report.
        let src = "甲县政协工作报告\n甲县政协关于重点提案的报告\n正文开始,推进\n- 1 -\n甲县政协工作报告\n城乡供水。\n- 2 -\n甲县政协工作报告\n另一段。";
        let mut lines = lines_of(src);
        drop_running_headers(&mut lines, &mut diags);
        assert_eq!(lines.first().map(|l| &*l.text), Some("甲县政协关于重点提案的报告"));
        // A body over the report's name is the title's first line, though it heads the pages too.
        let src = "政协甲县委员会\n关于重点提案的报告\n正文开始,推进\n- 1 -\n政协甲县委员会\n城乡供水。\n- 2 -\n政协甲县委员会\n另一段。";
        let mut lines = lines_of(src);
        drop_running_headers(&mut lines, &mut diags);
        assert_eq!(lines.first().map(|l| &*l.text), Some("政协甲县委员会"));
        assert_eq!(lines.len(), 5, "the two headers at the tops of pages dropped");
    }

    fn lines_of(src: &str) -> Vec<Line<'_>> {
        lines(src, false, &mut Vec::new())
    }

    #[test]
    fn the_outline_going_on_after_the_blocks_is_not_continued() {
        let got = repaired(
            "标题\n一、基本情况\n正文。\n二、办理情况\n第1号提案\n(1)已办结。\n三、存在的问题\n从督办情况看,成效明显。",
        );
        assert_eq!(got[6..], ["三、存在的问题", "从督办情况看,成效明显。"]);
    }

    /// A unit whose name opens with 关 (关岭县) goes on with the field above it; a title does not.
    #[test]
    fn a_field_goes_on_with_a_unit_not_a_title() {
        let got = repaired("标题\n正文。\n第1号提案\n主办单位:县发改局\n关岭县财政局\n第2号提案");
        assert_eq!(got[3..5], ["主办单位:县发改局关岭县财政局", "第2号提案"]);
        let got = repaired("标题\n正文。\n第1号提案\n提案人:张三\n关于加快发展的建议\n第2号提案");
        assert_eq!(got[3..5], ["提案人:张三", "关于加快发展的建议"]);
        let got = repaired("标题\n正文。\n第1号提案\n提案人:张三\n《关于加快发展的建议》\n第2号提案");
        assert_eq!(got[3..5], ["提案人:张三", "《关于加快发展的建议》"]);
    }

    #[test]
    fn a_paragraph_is_joined_across_a_footer_line() {
        let got = repaired("标题\n正文开始,推进\n【打印本页】【关闭窗口】\n城乡供水。\n另一段。");
        assert_eq!(got, ["标题", "正文开始,推进城乡供水。", "【打印本页】【关闭窗口】", "另一段。"]);
    }

    #[test]
    fn a_numbered_heading_is_not_continued() {
        let got = repaired(
            "标题\n正文。\n一、基本情况\n县政协十一届三次会议以来,共收到提案178件。\n1.强化创新引领。引导专精特新\n企业加大研发投入。",
        );
        assert_eq!(
            got,
            [
                "标题",
                "正文。",
                "一、基本情况",
                "县政协十一届三次会议以来,共收到提案178件。",
                "1.强化创新引领。引导专精特新企业加大研发投入。"
            ]
        );
    }

    #[test]
    fn a_document_that_opens_with_a_broken_paragraph_is_repaired_from_its_first_line() {
        let got = repaired("正文开始,能降低噪音3\n\n— 2 —\n\n80分贝。\n独立段落。");
        assert_eq!(got, ["正文开始,能降低噪音380分贝。", "独立段落。"]);
    }

    #[test]
    fn a_title_over_several_lines_is_not_joined_to_the_intro() {
        let src = "中国人民政治协商会议杭州市萧山区委员会\n第十五届委员会第二次会议重点提案办理情况报告\n\n第十五届委员会第二次会议期间,共提交提案140件。";
        let got = repaired(src);
        assert_eq!(got.len(), 3, "{got:?}");
    }

    proptest::proptest! {
        /// Cleaning and the page-break repair leave a line's gaps in ascending order, inside its text,
        /// which [`gaps_within`] needs: spaced characters, entities, doubled marks and lines cut short.
        #[test]
        fn a_lines_gaps_ascend(pieces in proptest::collection::vec(proptest::prop_oneof![
            6 => proptest::sample::select(&["区", "政", "协", "甲", "乙", " ", "\u{3000}"][..]),
            2 => proptest::sample::select(&["\n", ",", "，", "、", "。", ";"][..]),
            1 => proptest::sample::select(&["&nbsp;", "&#12288;", "&amp;", "，，", "提案人:", "1."][..]),
        ], 0..80)) {
            // A first line of prose: a document's first short lines are its title, which is never joined.
            let s = format!("引言,正文。\n{}", pieces.concat());
            let lines = repair(lines(&s, false, &mut Vec::new()));
            for line in &lines {
                proptest::prop_assert!(line.gaps.is_sorted_by(|a, b| a < b), "{:?}", line);
                proptest::prop_assert!(line.gaps.iter().all(|&g| g < line.text.len()), "{:?}", line);
            }
        }
    }
}
