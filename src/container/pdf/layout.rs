//! A PDF page's layout: the runs of glyphs the content stream showed, put into lines top to bottom and
//! left to right; lines the layout wrapped joined again into their paragraphs, on a page and across a
//! page break, where the geometry and the line grammar agree; the running header at the same place on
//! several pages taken away.

use crate::grammar::{self, Shape};

/// Takes the running header away: the first page's top line, where the same text stands at the same
/// place near the top of other pages, from every page it stands on. (A header over the title would
/// otherwise read as the title's first line, and in a short document, once on a later page, as text.)
pub(super) fn running_header(pages: &mut [Vec<Span>]) -> Option<(String, usize)> {
    let top = pages.first()?.first()?.clone();
    let at =
        |page: &[Span]| page.iter().take(2).position(|l| l.text == top.text && (l.y - top.y).abs() < 2.0);
    if pages.iter().skip(1).all(|page| at(page).is_none()) {
        return None;
    }
    let mut n = 0;
    for page in pages.iter_mut() {
        if let Some(k) = at(page) {
            page.remove(k);
            n += 1;
        }
    }
    Some((top.text, n))
}

/// Text on one baseline and where it stands in the page's space (from `x` to `end`, its glyphs `size`
/// high): a run of glyphs as the content stream showed them, or a line of runs put together.
#[derive(Debug, Clone)]
pub(super) struct Span {
    pub(super) x: f32,
    pub(super) end: f32,
    pub(super) y: f32,
    pub(super) size: f32,
    pub(super) text: String,
}

/// Runs gathered into lines, top to bottom; the runs of one line left to right, a space where they
/// stand apart.
pub(super) fn lines(mut runs: Vec<Span>) -> Vec<Span> {
    runs.retain(|r| !r.text.trim().is_empty() && r.x.is_finite() && r.y.is_finite());
    runs.sort_by(|a, b| b.y.total_cmp(&a.y));
    let mut lines: Vec<Vec<Span>> = Vec::new();
    for run in runs {
        match lines.last_mut() {
            Some(line) if (line[0].y - run.y).abs() < line[0].size.min(run.size) * 0.5 => line.push(run),
            _ => lines.push(vec![run]),
        }
    }
    lines
        .into_iter()
        .map(|mut runs| {
            runs.sort_by(|a, b| a.x.total_cmp(&b.x));
            let mut line = Span {
                x: runs[0].x,
                end: runs[0].end,
                y: runs[0].y,
                size: runs[0].size,
                text: String::new(),
            };
            for run in &runs {
                if !line.text.is_empty() && spaced(&line.text, &run.text, (run.x - line.end) / run.size) {
                    line.text.push(' ');
                }
                line.text.push_str(&run.text);
                line.end = line.end.max(run.end);
                line.size = line.size.max(run.size);
            }
            // Spaces typed before the text (`　　`, the commonest indent of Chinese documents) are
            // glyphs drawn at the margin: the text starts where they end, an ideographic space a
            // character wide, another about half.
            let typed: f32 = line
                .text
                .chars()
                .take_while(|c| c.is_whitespace())
                .map(|c| if c == '\u{3000}' { 1.0 } else { 0.5 })
                .sum();
            line.x += typed * line.size;
            line.text = line.text.trim().to_owned();
            line
        })
        .collect()
}

/// Whether runs `gap` ems apart stand apart by a space: a word space between Latin letters or digits;
/// beside Chinese, where justification spreads characters apart and spaces are glyphs of their own, a
/// gap of a character or more (a tab between a label and its value).
fn spaced(before: &str, after: &str, gap: f32) -> bool {
    let (Some(b), Some(a)) = (before.chars().next_back(), after.chars().next()) else { return false };
    if b == ' ' || a == ' ' {
        return false;
    }
    if b.is_ascii() && a.is_ascii() { gap > 0.25 } else { gap > 0.9 }
}

/// Lines the layout wrapped, joined into their paragraphs: a line that reaches the page's right margin,
/// followed closely by a line of the same size that starts at the left margin and is running text (not
/// a marker, heading, label or item, [`grammar::shape`]).
pub(super) fn joined(lines: Vec<Span>) -> Vec<Span> {
    if lines.len() < 2 {
        return lines;
    }
    let right = lines.iter().map(|l| l.end).fold(f32::MIN, f32::max);
    let left = lines.iter().map(|l| l.x).fold(f32::MAX, f32::min);
    // A page whose paragraphs open indented (by about two characters) wraps them flush left, so that
    // a numbered item there goes on with the line above.
    let indents = lines.iter().any(|l| (1.5..2.6).contains(&((l.x - left) / l.size)));
    let mut out: Vec<Span> = Vec::with_capacity(lines.len());
    let mut last_y = f32::NAN;
    for line in lines {
        let y = line.y;
        if let Some(prev) = out.last_mut() {
            // Full: no room left for the next character, or, where paragraphs open indented and so
            // a flush-left line can only go on with one, for a word or number wrapped whole.
            let room = if indents { 2.5 } else { 1.2 };
            let full = prev.end >= right - prev.size * room;
            let flush_left = line.x <= left + line.size * 0.6;
            let same_size = (prev.size - line.size).abs() <= prev.size * 0.15;
            let close = (last_y - y) <= line.size * 2.2;
            if full && flush_left && same_size && close && goes_on(&line.text, indents) {
                append(prev, &line);
                last_y = y;
                continue;
            }
        }
        last_y = y;
        out.push(line);
    }
    out
}

/// Joins `next` to the line it goes on.
fn append(line: &mut Span, next: &Span) {
    // Words wrap at their spaces; a number in Chinese text wraps anywhere.
    let ascii_meet = line.text.ends_with(|c: char| c.is_ascii_alphabetic())
        && next.text.starts_with(|c: char| c.is_ascii_alphabetic());
    if ascii_meet {
        line.text.push(' ');
    }
    line.text.push_str(&next.text);
    line.end = next.end;
}

/// The left and right edges of a page's lines.
fn margins(lines: &[Span]) -> (f32, f32) {
    let left = lines.iter().map(|l| l.x).fold(f32::MAX, f32::min);
    let right = lines.iter().map(|l| l.end).fold(f32::MIN, f32::max);
    (left, right)
}

/// Paragraphs a page break cut where only the layout shows it: in a document whose paragraphs open
/// indented, a page whose last line of text runs to the right margin (below it only narrow centred
/// lines: a page number) and a next page that opens flush left with running text. The line grammar's
/// repair cannot see this when the cut falls after a sentence's end (`。`); the geometry can. The
/// piece is joined to the page it was cut from, before that page's number.
pub(super) fn join_across_pages(pages: &mut [Vec<Span>]) {
    let indents = pages.iter().any(|lines| {
        let (left, _) = margins(lines);
        lines.iter().any(|l| (1.5..2.6).contains(&((l.x - left) / l.size)))
    });
    if !indents {
        return;
    }
    for n in 1..pages.len() {
        let (before, after) = pages.split_at_mut(n);
        let (page, next) = (&mut before[n - 1], &mut after[0]);
        let ((left, right), (next_left, _)) = (margins(page), margins(next));
        let width = right - left;
        let chrome = |l: &Span| {
            l.end - l.x < width * 0.4 && ((l.x + l.end) / 2.0 - (left + right) / 2.0).abs() < width * 0.1
        };
        let Some(last) = page.iter().rposition(|l| !chrome(l)) else { continue };
        let Some(first) = next.first() else { continue };
        let full = page[last].end >= right - page[last].size * 2.5;
        let flush_left = first.x <= next_left + first.size * 0.6;
        let same_size = (page[last].size - first.size).abs() <= first.size * 0.15;
        // An item at the top of a page starts there: only running text goes on across the break.
        if full && flush_left && same_size && goes_on(&first.text, false) {
            let first = next.remove(0);
            append(&mut page[last], &first);
        }
    }
}

/// Whether a flush-left line after a full one goes on with it, as the grammar reads the line: running
/// text does; a marker, heading, label or a line of the closing never; an item only where paragraphs
/// open indented (else it may be the next item of a list set flush left).
fn goes_on(line: &str, indents: bool) -> bool {
    // Cleaned and folded as `normalize` will, so that the grammar reads the line it is made for.
    let (clean, _) = crate::normalize::clean(line);
    match grammar::shape(crate::text::trim(&crate::text::fold_traditional(&clean))) {
        Shape::Text => true,
        Shape::Start => indents,
        Shape::Boundary | Shape::Label | Shape::Name => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(x: f32, end: f32, y: f32, text: &str) -> Span {
        Span { x, end, y, size: 16.0, text: text.into() }
    }

    #[test]
    fn a_paragraph_cut_by_a_page_after_a_sentence_is_joined_where_paragraphs_open_indented() {
        let mut pages = vec![
            vec![
                line(90.0, 500.0, 760.0, "巴河莲藕是国家地理标志保护产品,产业链条短、附加值低,制约"),
                line(58.0, 500.0, 740.0, "了产业做大做强。"),
                line(58.0, 500.0, 720.0, "巴河莲藕种植面积大,但加工能力弱,品牌影响力不足,产业做大做强。"),
                line(270.0, 290.0, 60.0, "- 1 -"),
            ],
            vec![
                line(58.0, 500.0, 780.0, "为此建议:一是科学编制莲藕产业发展规划,在巴河沿线集中连片建"),
                line(58.0, 300.0, 760.0, "设标准化种植基地。"),
                line(58.0, 200.0, 740.0, "(2)引进龙头企业。"),
            ],
            vec![line(58.0, 200.0, 780.0, "(3)打造区域品牌。")],
        ];
        pages[1].push(line(58.0, 500.0, 720.0, "前一行到右边,下一页以编号开头的一项不接在它后面。"));
        join_across_pages(&mut pages);
        let texts: Vec<Vec<&str>> =
            pages.iter().map(|p| p.iter().map(|l| l.text.as_str()).collect()).collect();
        assert_eq!(
            texts[0][2],
            "巴河莲藕种植面积大,但加工能力弱,品牌影响力不足,产业做大做强。为此建议:一是科学编制莲藕产业发展规划,在巴河沿线集中连片建"
        );
        assert_eq!(texts[0][3], "- 1 -", "the page number stays after the text of its page");
        assert_eq!(texts[1][0], "设标准化种植基地。");
        assert_eq!(texts[2], ["(3)打造区域品牌。"], "an item at the top of a page starts there");
    }

    #[test]
    fn typed_indents_stand_where_their_spaces_end() {
        let runs = vec![
            Span {
                x: 80.0,
                end: 480.0,
                y: 700.0,
                size: 15.0,
                text: "\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}关于重点提案办理情况的综述".into(),
            },
            Span {
                x: 80.0,
                end: 500.0,
                y: 680.0,
                size: 15.0,
                text: "\u{3000}\u{3000}市政协十届三次会议期间,共收到提案245件。经审".into(),
            },
            Span { x: 80.0, end: 300.0, y: 660.0, size: 15.0, text: "查,立案221件。".into() },
        ];
        let got: Vec<(f32, String)> = joined(lines(runs)).into_iter().map(|l| (l.x, l.text)).collect();
        assert_eq!(
            got,
            [
                (170.0, "关于重点提案办理情况的综述".to_owned()),
                (110.0, "市政协十届三次会议期间,共收到提案245件。经审查,立案221件。".to_owned())
            ]
        );
    }

    #[test]
    fn wrapped_lines_are_joined_and_paragraphs_kept_apart() {
        let lines = vec![
            line(200.0, 400.0, 800.0, "区政协重点提案督办情况综述"),
            line(90.0, 500.0, 760.0, "一年来,区政协共收到提案二百八十六件,经审查立"),
            line(58.0, 500.0, 740.0, "案二百五十三件,交由有关单位办理,现已全部办"),
            line(58.0, 300.0, 720.0, "结。"),
            line(90.0, 500.0, 700.0, "办理中,各承办单位认真研究,逐件落实,与提案"),
            line(58.0, 500.0, 680.0, "提案者:张三"),
        ];
        let got: Vec<String> = joined(lines).into_iter().map(|l| l.text).collect();
        assert_eq!(
            got,
            [
                "区政协重点提案督办情况综述",
                "一年来,区政协共收到提案二百八十六件,经审查立案二百五十三件,交由有关单位办理,现已全部办结。",
                "办理中,各承办单位认真研究,逐件落实,与提案",
                "提案者:张三",
            ]
        );
    }
}
