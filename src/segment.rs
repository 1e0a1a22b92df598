//! Segment: clean lines → a header and one block per `第N号提案` marker.
//!
//! Takes the lines from [`crate::normalize`] and gives a [`Document`]: the header (title, intro, statistics
//! live there) and the proposal blocks, each with its docket numbers and the lines up to the next marker.
//! This module also owns the shapes of lines — block marker, section heading, labelled field, numbered
//! item, title — which the page-break repair and the extractor both use, so a shape is defined once.
//! Every pattern is matched on the line folded to Simplified, so Traditional mirrors segment the same.

use std::sync::LazyLock;

use regex::Regex;

#[cfg(test)]
use crate::normalize::fold_traditional;
use crate::normalize::{Line, Shape};

/// A document cut into its header and proposal blocks.
#[derive(Debug)]
pub struct Document {
    pub header: Vec<Line>,
    pub blocks: Vec<Block>,
}

/// One `第N号提案` block.
#[derive(Debug)]
pub struct Block {
    /// Docket numbers of the marker, in order (`第25号、第167号提案` → 25, 167).
    pub numbers: Vec<u32>,
    /// The marker line itself.
    pub marker: Line,
    /// Text after the marker on the same line (a title such as `《关于…》`), if any.
    pub rest: Option<String>,
    /// The lines after the marker, up to the next marker.
    pub body: Vec<Line>,
}

impl Block {
    /// First and last input line of the block.
    pub fn span(&self) -> [usize; 2] {
        let last = self.body.last().map_or(self.marker.last, |l| l.last);
        [self.marker.no, last]
    }
}

/// Cuts repaired lines into header and blocks.
pub fn segment(lines: Vec<Line>) -> Document {
    let mut header = Vec::new();
    let mut blocks: Vec<Block> = Vec::new();
    for line in lines {
        if let Some((numbers, rest)) = marker(line.folded()) {
            let rest = line.text[line.text.len() - rest.len()..].trim();
            let rest = (!rest.is_empty()).then(|| rest.to_owned());
            blocks.push(Block { numbers, marker: line, rest, body: Vec::new() });
        } else if let Some(block) = blocks.last_mut() {
            block.body.push(line);
        } else {
            header.push(line);
        }
    }
    Document { header, blocks }
}

/// The shape of a (folded) line, for the page-break repair.
pub fn shape(f: &str) -> Shape {
    if marker(f).is_some() || (f.starts_with('《') && CLOSED_TITLE.is_match(f)) {
        Shape::Boundary
    } else if let Some(h) = heading(f) {
        if h.rest.is_empty() { Shape::Boundary } else { Shape::Start }
    } else if label_start(f).is_some() {
        Shape::Label
    } else if item_marker(f).is_some() {
        Shape::Start
    } else {
        Shape::Text
    }
}

/// A block marker; the title may follow on the same line.
// must match: 第322号提案   【第 12 号重点提案】   第12号重点提案《关于…》   第25号、第167号提案
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[【\[〔(]?第(\d{1,9}号?(?:[、,和及与]第?\d{1,9}号?)*)(?:重点)?(?:督办)?提案[】\]〕)]?:?(.*)$",
    )
    .expect("valid regex")
});

/// What may follow a marker on its line; anything else means the marker is part of a sentence.
// must match: 《关于加大专精特新企业培育力度的建议》    题目:《关于…》    关于…的建议
static MARKER_REST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:$|《[^》]*(?:》[\s。]*)?$|关于|(?:题目|标题|案由)[:\s]?)").expect("valid regex")
});

/// A docket number inside a marker.
// must match: 322
static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d{1,9}").expect("valid regex"));

/// Parses a block marker on a (folded) line: its numbers and the rest of the line.
pub fn marker(folded: &str) -> Option<(Vec<u32>, &str)> {
    // A marker is 第 first, or first after one bracket.
    let unbracketed = folded.strip_prefix(['【', '[', '〔', '(']).unwrap_or(folded);
    if !unbracketed.starts_with('第') || !folded.contains("提案") {
        return None;
    }
    let caps = MARKER.captures(folded)?;
    let list = caps.get(1)?.as_str();
    let rest = caps.get(2)?.as_str();
    if !list.contains('号') || !MARKER_REST.is_match(rest.trim()) {
        return None;
    }
    let numbers: Vec<u32> = DIGITS.find_iter(list).filter_map(|m| m.as_str().parse().ok()).collect();
    (!numbers.is_empty()).then_some((numbers, rest))
}

/// A title standing alone on its line.
// must match: 《关于减轻城区快速路周边交通噪声的建议》
static CLOSED_TITLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^《[^《》]+》$").expect("valid regex"));

/// Which section a heading opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SectionKind {
    /// 提案主要内容.
    Content,
    /// 办理工作成效 / 办理成效 / 办理情况.
    Outcomes,
    /// A bracketed heading we do not know, e.g. 【专家点评】.
    Other(String),
}

/// A section heading and the text that follows it on the same line.
#[derive(Debug, PartialEq, Eq)]
pub struct Heading<'a> {
    pub kind: SectionKind,
    pub rest: &'a str,
}

/// Section names, content first. 办理结果 is not here: it labels the category.
const CONTENT_NAMES: &[&str] = &["提案主要内容", "主要内容", "提案内容", "提案摘要", "内容摘要", "提案概要"];
const OUTCOME_NAMES: &[&str] =
    &["办理工作成效", "办理成效", "办理情况", "办理落实情况", "工作成效", "落实情况", "办理工作情况"];

/// A known section heading in any of its dresses.
// must match: 【提案主要内容】   [办理成效]   〔办理情况〕   一、提案主要内容   提案主要内容:专精特新企业是…
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    let names = [CONTENT_NAMES, OUTCOME_NAMES].concat().join("|");
    Regex::new(&format!(
        r"^(?:[【\[〔]({names})[】\]〕]:?|(?:[一二三四五六七八九十]{{1,2}}[、.]|\d{{1,2}}[、.]|\([一二三四五六七八九十]{{1,2}}\)) ?({names})(?::|$)|({names})(?::|$))"
    ))
    .expect("valid regex")
});

/// Any other bracketed heading alone on its line.
// must match: 【专家点评】
static OTHER_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[【〔]([^】〕]{2,16})[】〕]$").expect("valid regex"));

const CHINESE_DIGITS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// The first characters of the section names.
const NAME_FIRSTS: [char; 6] = ['提', '主', '内', '办', '工', '落'];

/// Whether a line can be a heading at all: a bracket first, or a section name starting within its first
/// five characters (after a `十一、` or `(二)` prefix at most).
fn may_be_heading(folded: &str) -> bool {
    folded.starts_with(['【', '[', '〔'])
        || folded.char_indices().take(5).any(|(i, c)| {
            NAME_FIRSTS.contains(&c)
                && CONTENT_NAMES.iter().chain(OUTCOME_NAMES).any(|name| folded[i..].starts_with(name))
        })
}

/// Parses a section heading on a (folded) line.
pub fn heading(folded: &str) -> Option<Heading<'_>> {
    if !may_be_heading(folded) {
        return None;
    }
    // The commonest form, a known name alone in brackets, needs no regex.
    if let Some(inner) = folded.strip_prefix('【').and_then(|r| r.strip_suffix('】')) {
        if CONTENT_NAMES.contains(&inner) {
            return Some(Heading { kind: SectionKind::Content, rest: "" });
        }
        if OUTCOME_NAMES.contains(&inner) {
            return Some(Heading { kind: SectionKind::Outcomes, rest: "" });
        }
    }
    if let Some(caps) = HEADING.captures(folded) {
        let name = caps.get(1).or_else(|| caps.get(2)).or_else(|| caps.get(3))?.as_str();
        let kind = if CONTENT_NAMES.contains(&name) { SectionKind::Content } else { SectionKind::Outcomes };
        let rest = folded[caps.get(0)?.end()..].trim();
        return Some(Heading { kind, rest });
    }
    let caps = OTHER_HEADING.captures(folded)?;
    Some(Heading { kind: SectionKind::Other(caps[1].to_owned()), rest: "" })
}

/// Which field a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Proposer,
    Supervisors,
    LeadUnit,
    AssistingUnits,
    Category,
}

/// Labels and their fields; longer labels first where one starts another.
const LABELS: &[(&str, Field)] = &[
    ("第一提案人", Field::Proposer),
    ("提案者", Field::Proposer),
    ("提案人", Field::Proposer),
    ("领衔人", Field::Proposer),
    ("提案单位", Field::Proposer),
    ("督办领导", Field::Supervisors),
    ("领衔督办", Field::Supervisors),
    ("牵头督办", Field::Supervisors),
    ("督办人", Field::Supervisors),
    ("主办单位", Field::LeadUnit),
    ("承办单位", Field::LeadUnit),
    ("主办部门", Field::LeadUnit),
    ("承办部门", Field::LeadUnit),
    ("协办单位", Field::AssistingUnits),
    ("会办单位", Field::AssistingUnits),
    ("协办部门", Field::AssistingUnits),
    ("会办部门", Field::AssistingUnits),
    ("办理类别", Field::Category),
    ("办理结果", Field::Category),
    ("题目", Field::Title),
    ("标题", Field::Title),
    ("案由", Field::Title),
];

/// Any known label, wherever it stands in a line.
// must match: 提案者:吴雪峰 督办领导:郭荣
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let names: Vec<_> = LABELS.iter().map(|(name, _)| *name).collect();
    Regex::new(&format!("(?:{})", names.join("|"))).expect("valid regex")
});

/// Longest line read as a label without a colon; longer ones are prose that starts with a label word.
const BARE_LABEL_MAX_CHARS: usize = 30;

/// The label a (folded) line starts with: its field, and whether a colon or space follows it.
pub fn label_start(folded: &str) -> Option<(Field, bool)> {
    let (name, field) =
        LABELS.iter().filter(|(name, _)| folded.starts_with(name)).max_by_key(|(name, _)| name.len())?;
    let after = &folded[name.len()..];
    let separated = after.starts_with([':', ' ']);
    (separated || folded.chars().count() <= BARE_LABEL_MAX_CHARS).then_some((*field, separated))
}

fn field_of(label: &str) -> Field {
    LABELS.iter().find(|(name, _)| *name == label).map_or(Field::Title, |&(_, f)| f)
}

/// Splits a (folded) line that starts with a label into (field, label text, byte range of the value).
pub fn labelled_values(folded: &str) -> Vec<(Field, &str, std::ops::Range<usize>)> {
    let found: Vec<_> = LABEL.find_iter(folded).collect();
    let mut out = Vec::with_capacity(found.len());
    for (i, m) in found.iter().enumerate() {
        let end = found.get(i + 1).map_or(folded.len(), |n| n.start());
        let mut start = m.end();
        start += folded[start..end].len() - folded[start..end].trim_start_matches([':', ' ']).len();
        out.push((field_of(m.as_str()), m.as_str(), start..end));
    }
    out
}

/// Parses the numbered-item marker at the start of a (folded) paragraph: its number and the byte length
/// of the marker (with one following space). Written out rather than as a regex: it runs on every
/// numbered line twice, and a capturing regex cost more than the rest of the line's work.
/// Markers: `1.` (not `1.5`), `1、`, `(1)`, `①`, `第一,` / `第一、` / `第一:`, `一是`, `(一)`, `一、`.
pub fn item_marker(folded: &str) -> Option<(u32, usize)> {
    let first = folded.chars().next()?;
    let (n, len) = if first.is_ascii_digit() {
        let digits = folded.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 3 {
            return None;
        }
        let rest = &folded[digits..];
        let sep = if rest.starts_with('、') {
            '、'.len_utf8()
        } else if rest.starts_with('.') && !rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
            1
        } else {
            return None;
        };
        (folded[..digits].parse().ok()?, digits + sep)
    } else if first == '(' {
        let inner = &folded[1..];
        let end = inner.find(')')?;
        let n = number_in_marker(&inner[..end])?;
        (n, 1 + end + 1)
    } else if ('\u{2460}'..='\u{2473}').contains(&first) {
        (first as u32 - 0x2460 + 1, first.len_utf8())
    } else if first == '第' {
        let numeral = chinese_prefix(&folded[first.len_utf8()..]);
        let rest = &folded[first.len_utf8() + numeral.len()..];
        let sep = rest.chars().next().filter(|c| matches!(c, ',' | '、' | ':'))?;
        (chinese_number(non_empty(numeral)?)?, first.len_utf8() + numeral.len() + sep.len_utf8())
    } else {
        let numeral = non_empty(chinese_prefix(folded))?;
        let sep = folded[numeral.len()..].chars().next().filter(|c| matches!(c, '是' | '、'))?;
        (chinese_number(numeral)?, numeral.len() + sep.len_utf8())
    };
    let len = if folded[len..].starts_with(' ') { len + 1 } else { len };
    Some((n, len))
}

fn non_empty(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

/// Up to three Chinese digits at the start of `s`.
fn chinese_prefix(s: &str) -> &str {
    let end = s
        .char_indices()
        .take_while(|&(i, c)| i < 9 && CHINESE_DIGITS.contains(&c))
        .map(|(i, c)| i + c.len_utf8())
        .last();
    &s[..end.unwrap_or(0)]
}

/// The number inside `(…)`: one to three ASCII digits or Chinese digits.
fn number_in_marker(inner: &str) -> Option<u32> {
    if !inner.is_empty() && inner.len() <= 3 && inner.bytes().all(|b| b.is_ascii_digit()) {
        return inner.parse().ok();
    }
    (chinese_prefix(inner) == inner && !inner.is_empty()).then(|| chinese_number(inner)).flatten()
}

/// Reads a number written in Chinese numerals (`十五` → 15, `三百八十` → 380, `两` → 2) or digits.
pub fn chinese_number(s: &str) -> Option<u32> {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|d| d == c).map(|d| d as u32);
    let mut total = 0u32;
    let mut current = 0u32;
    let mut seen = false;
    for c in s.chars() {
        seen = true;
        match c {
            '零' | '〇' => current = 0,
            '两' => current = 2,
            '十' | '百' | '千' => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                total = total.checked_add(current.max(1).checked_mul(unit)?)?;
                current = 0;
            }
            _ => current = digit(c)?,
        }
    }
    seen.then(|| total + current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_in_every_dress() {
        assert_eq!(marker("第322号提案"), Some((vec![322], "")));
        assert_eq!(marker("【第12号重点提案】"), Some((vec![12], "")));
        assert_eq!(marker("第12号重点提案《关于加强养老的建议》").map(|m| m.0), Some(vec![12]));
        assert_eq!(marker("第25号、第167号提案"), Some((vec![25, 167], "")));
        assert_eq!(marker("第25、167号提案").map(|m| m.0), Some(vec![25, 167]));
        assert_eq!(marker(&fold_traditional("第96號提案")).map(|m| m.0), Some(vec![96]));
    }

    #[test]
    fn a_marker_inside_a_sentence_is_not_one() {
        assert_eq!(marker("第12号提案提出的建议已经全部落实。"), None);
        assert_eq!(marker("确定第12号提案为重点提案"), None);
        assert_eq!(marker("第12号提案《关于…》等7件提案为重点提案"), None);
        assert_eq!(marker("第12提案"), None);
    }

    #[test]
    fn headings() {
        let content = |rest| Some(Heading { kind: SectionKind::Content, rest });
        let outcomes = |rest| Some(Heading { kind: SectionKind::Outcomes, rest });
        assert_eq!(heading("【提案主要内容】"), content(""));
        assert_eq!(heading("[办理成效]"), outcomes(""));
        assert_eq!(heading("〔办理情况〕"), outcomes(""));
        assert_eq!(heading("一、提案主要内容"), content(""));
        assert_eq!(heading("二、办理工作成效:"), outcomes(""));
        assert_eq!(heading("提案主要内容:专精特新企业是…"), content("专精特新企业是…"));
        assert_eq!(heading("办理情况良好,委员满意。"), None);
        assert_eq!(heading("【专家点评】").map(|h| h.kind), Some(SectionKind::Other("专家点评".into())));
    }

    #[test]
    fn labels() {
        assert_eq!(label_start("提案者:吴雪峰"), Some((Field::Proposer, true)));
        assert_eq!(label_start("督办领导叶建宏"), Some((Field::Supervisors, false)));
        assert_eq!(
            label_start("承办单位高度重视,多次召开专题会议研究办理工作,明确责任分工和时间节点。"),
            None
        );
        let got: Vec<_> = labelled_values("提案者:张三 督办领导:李四 主办单位:区经信局")
            .into_iter()
            .map(|(f, _, r)| (f, r))
            .collect();
        let line = "提案者:张三 督办领导:李四 主办单位:区经信局";
        let values: Vec<_> = got.iter().map(|(f, r)| (*f, line[r.clone()].trim())).collect();
        assert_eq!(
            values,
            [(Field::Proposer, "张三"), (Field::Supervisors, "李四"), (Field::LeadUnit, "区经信局")]
        );
    }

    #[test]
    fn item_markers() {
        assert_eq!(item_marker("1. 深化梯队建设"), Some((1, 3)));
        assert_eq!(item_marker("2、强化"), Some((2, 4)));
        assert_eq!(item_marker("3.优化"), Some((3, 2)));
        assert_eq!(item_marker("1.5亿元用于"), None);
        assert_eq!(item_marker("(4)注重"), Some((4, 3)));
        assert_eq!(item_marker("⑤加强"), Some((5, 3)));
        assert_eq!(item_marker("第二,完善"), Some((2, 7)));
        assert_eq!(item_marker("三是加强"), Some((3, 6)));
        assert_eq!(item_marker("(十一)加强"), Some((11, 8)));
        assert_eq!(item_marker("加强"), None);
        assert_eq!(item_marker("2024年,全区"), None);
        assert_eq!(item_marker("(试行)办法"), None);
        assert_eq!(item_marker("一是"), Some((1, 6)));
        assert_eq!(item_marker("一、深化"), Some((1, 6)));
        assert_eq!(item_marker("第十二、加强"), Some((12, 12)));
        assert_eq!(item_marker("一段文字"), None);
        assert_eq!(item_marker("12. 甲"), Some((12, 4)));
    }

    #[test]
    fn chinese_numbers() {
        let cases = [
            ("三", 3),
            ("十", 10),
            ("十五", 15),
            ("二十一", 21),
            ("三百八十", 380),
            ("两", 2),
            ("一百零五", 105),
        ];
        for (s, n) in cases {
            assert_eq!(chinese_number(s), Some(n), "{s}");
        }
        assert_eq!(chinese_number("353"), Some(353));
        assert_eq!(chinese_number("abc"), None);
    }

    #[test]
    fn section_names_start_with_the_listed_characters() {
        for name in CONTENT_NAMES.iter().chain(OUTCOME_NAMES) {
            assert!(name.starts_with(|c| NAME_FIRSTS.contains(&c)), "{name}");
        }
    }

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
