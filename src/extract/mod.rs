//! Extract: a segmented document → header facts and one [`Proposal`] per block.
//!
//! Takes the [`Document`](crate::segment::Document) from the segmenter and fills the record: the header
//! (title, region, session, intro, statistics; see [`header`]) and, per block, the title, the labelled
//! fields (any order, any may be missing, several on a line), the content and outcome sections, the
//! suggestions and the numbered outcomes (see [`lists`]). Whatever is missing or not understood becomes a
//! diagnostic with its line; nothing here fails.

pub mod closing;
pub mod header;
pub mod lists;
pub mod people;

use std::sync::LazyLock;

use regex::Regex;

use crate::grammar::{Field, SectionKind, heading, item_marker, label_start, labelled_values};
use crate::model::{Code, Diagnostic, Proposal};
use crate::normalize::{Line, gaps_within};
use crate::segment::Block;
use crate::text::{fold_traditional, trim};

/// Where the lines of a block go while it is read.
#[derive(Debug, Clone, PartialEq)]
enum Place {
    /// Before any section heading: labelled fields.
    Fields,
    Section(SectionKind),
}

/// Turns one block into a proposal, pushing diagnostics for what is missing or odd. Takes the block, whose
/// numbers become the proposal's without a copy.
pub fn proposal(block: Block, diags: &mut Vec<Diagnostic>) -> Proposal {
    let marker_line = block.marker.no;
    let lines = block.span();
    let mut p = Proposal {
        number: block.numbers[0],
        numbers: block.numbers,
        title: {
            let range = &block.title;
            let gaps: Vec<usize> = gaps_within(&block.marker.gaps, range.start, range.end).collect();
            title_text(&block.marker.text[range.clone()], &gaps)
        },
        proposer: None,
        proposers: Vec::new(),
        proposer_kind: None,
        supervisors: Vec::new(),
        lead_unit: None,
        assisting_units: Vec::new(),
        category: None,
        content: None,
        suggestions: Vec::new(),
        outcomes: Vec::new(),
        lines,
    };
    let mut body = block.body.as_slice();
    if p.title.is_none()
        && let Some((first, rest)) = body.split_first()
        && is_title_line(&first.text)
    {
        p.title = title_text(&first.text, written_gaps(first));
        body = rest;
    }

    let mut seen = Seen::default();
    let mut place = Place::Fields;
    // Paragraphs borrowed from the block's lines, with their folded text: nothing copied or refolded.
    // A proposal has a few of each, kept on the stack: in Vecs they were two allocations a proposal.
    let mut content: Paras<'_> = Vec::new();
    let mut outcomes: Paras<'_> = Vec::new();
    let mut stray_text = None;
    for line in body {
        let folded = line.folded();
        if let Some(h) = heading(folded) {
            let rest = &line.text[line.text.len() - h.rest.len()..];
            if let SectionKind::Other(name) = &h.kind {
                diags.push(Diagnostic::new(
                    Code::UnknownSection,
                    Some(line.no),
                    format!("section 【{name}】 is not one tian knows; its text is not kept"),
                ));
            }
            place = Place::Section(h.kind);
            if !rest.is_empty() {
                push_para(&place, (line.no, rest, h.rest), &mut content, &mut outcomes);
            }
            continue;
        }
        let label = label_start(folded);
        // Inside a section a label counts only with a colon and a short value, e.g. a trailing 办理类别:A类.
        let as_field = match (&place, label) {
            (Place::Fields, Some(_)) => true,
            (Place::Section(_), Some((_, true))) => !line.text.contains('。'),
            _ => false,
        };
        if as_field {
            read_fields(line, folded, &mut p, &mut seen, diags);
            continue;
        }
        match &place {
            Place::Fields => {
                if UNKNOWN_LABEL.is_match(folded) && item_marker(folded).is_none() {
                    diags.push(Diagnostic::new(
                        Code::UnknownLabel,
                        Some(line.no),
                        format!("labelled line not understood: {}", preview(&line.text)),
                    ));
                } else {
                    stray_text.get_or_insert(line.no);
                    content.push((line.no, &line.text, folded));
                }
            }
            place => push_para(place, (line.no, &line.text, folded), &mut content, &mut outcomes),
        }
    }
    if let Some(line) = stray_text {
        diags.push(Diagnostic::new(
            Code::TextOutsideSection,
            Some(line),
            "text before any section heading; kept as content",
        ));
    }
    // Headings with nothing under them are looked for again only when a section came out empty, which is
    // rare: a Vec of every heading was an allocation a proposal.
    if content.is_empty() || outcomes.is_empty() {
        for line in body {
            let Some(h) = heading(line.folded()) else { continue };
            let filled = match h.kind {
                SectionKind::Content => !content.is_empty(),
                SectionKind::Outcomes => !outcomes.is_empty(),
                SectionKind::Other(_) => true,
            };
            if !filled && h.rest.is_empty() {
                diags.push(Diagnostic::new(
                    Code::EmptySection,
                    Some(line.no),
                    format!("section heading {} with no text under it", line.text),
                ));
            }
        }
    }

    if !content.is_empty() {
        let text = join_lines(content.iter().map(|&(_, t, _)| t));
        // Paragraphs are folded already: join the folded ones too, where any differs.
        let folded =
            content.iter().any(|&(_, t, f)| t != f).then(|| join_lines(content.iter().map(|&(_, _, f)| f)));
        p.suggestions = lists::suggestions(&text, folded.as_deref().unwrap_or(&text));
        p.content = Some(text);
    }
    p.outcomes = lists::outcomes(&outcomes, diags);
    missing(&p, marker_line, diags);
    p
}

/// The lines one after another, each but the last ended by `\n`: `join` without collecting them first.
pub(super) fn join_lines<'a>(lines: impl Iterator<Item = &'a str> + Clone) -> String {
    let mut out = String::with_capacity(lines.clone().map(|line| line.len() + 1).sum());
    for (i, line) in lines.enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

/// A section's paragraphs.
type Paras<'a> = Vec<lists::Para<'a>>;

fn push_para<'a>(place: &Place, para: lists::Para<'a>, content: &mut Paras<'a>, outcomes: &mut Paras<'a>) {
    match place {
        Place::Section(SectionKind::Content) | Place::Fields => content.push(para),
        Place::Section(SectionKind::Outcomes) => outcomes.push(para),
        Place::Section(SectionKind::Other(_)) => {}
    }
}

/// A short `名称:` line in the field area that is no label we know.
// must match: 联系人:王五
static UNKNOWN_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Han}{2,8}:[^。]{0,60}$").expect("valid regex"));

/// The first thirty characters of a line, for a message.
pub(crate) fn preview(text: &str) -> String {
    let mut s: String = text.chars().take(30).collect();
    if text.chars().count() > 30 {
        s.push('…');
    }
    s
}

/// The line after the marker is the title when it is one: 《…》, a 题目/案由 label, or plain text that
/// is neither a field, a heading nor an item.
fn is_title_line(text: &str) -> bool {
    let folded = fold_traditional(text);
    if folded.starts_with('《') {
        return true;
    }
    match label_start(&folded) {
        Some((Field::Title, _)) => true,
        Some(_) => false,
        None => heading(&folded).is_none() && item_marker(&folded).is_none() && !folded.ends_with('。'),
    }
}

/// The title in `text`, without its label and 《》; `gaps` are where spaces between Chinese characters
/// were taken out of `text`.
fn title_text(text: &str, gaps: &[usize]) -> Option<String> {
    let folded = fold_traditional(text);
    let mut t = text;
    if let Some((Field::Title, _)) = label_start(&folded)
        && let Some((_, _, range)) = labelled_values(&folded).next()
    {
        t = &text[range];
    }
    let t = trim(t).trim_end_matches(['。', ';']);
    let t = match t.strip_prefix('《') {
        Some(inner) => inner.strip_suffix('》').unwrap_or(inner),
        None => t,
    };
    let t = trim(t);
    // `t` is a slice of `text`: the gaps inside it, from its start.
    let start = t.as_ptr().addr() - text.as_ptr().addr();
    let inside: Vec<usize> = gaps_within(gaps, start, start + t.len()).collect();
    (!t.is_empty()).then(|| spaced(t, &inside))
}

/// The gaps of a line that were spaces as written: none of a line joined from the pieces of a page
/// break, where a gap may be the break.
fn written_gaps<'a>(line: &'a Line<'_>) -> &'a [usize] {
    if line.no == line.last { &line.gaps } else { &[] }
}

/// Most spaces a title keeps where it separated its phrases: more are the spacing of a page that spaces
/// its characters.
const TITLE_SPACES_MAX: usize = 2;

/// Fewest characters of a phrase that a space separated in a title.
const TITLE_PHRASE_MIN_CHARS: usize = 3;

/// A title with the spaces that separated its phrases put back (`关于优化营商环境 助力民营经济发展的建议`):
/// one or two, between phrases of three characters or more. Other spaces were layout.
fn spaced(title: &str, gaps: &[usize]) -> String {
    let mut pieces = Vec::with_capacity(gaps.len() + 1);
    let mut from = 0;
    for &g in gaps.iter().chain([&title.len()]) {
        pieces.push(&title[from..g]);
        from = g;
    }
    let phrases = pieces.iter().all(|p| p.chars().count() >= TITLE_PHRASE_MIN_CHARS);
    if gaps.is_empty() || gaps.len() > TITLE_SPACES_MAX || !phrases {
        title.to_owned()
    } else {
        pieces.join(" ")
    }
}

/// The fields a proposal already has a value for, a bit each (room for 32; the test
/// `each_field_has_a_bit_of_its_own` takes every field a label reads).
#[derive(Debug, Default)]
struct Seen(u32);

impl Seen {
    fn has(&self, field: Field) -> bool {
        self.0 & Seen::bit(field) != 0
    }

    fn add(&mut self, field: Field) {
        self.0 |= Seen::bit(field);
    }

    fn bit(field: Field) -> u32 {
        1 << field as u32
    }
}

fn read_fields(line: &Line, folded: &str, p: &mut Proposal, seen: &mut Seen, diags: &mut Vec<Diagnostic>) {
    for (field, label, range) in labelled_values(folded) {
        let raw = &line.text[range.clone()];
        let value_start = range.start + (raw.len() - raw.trim_start().len());
        let value = trim(raw).trim_end_matches([';', '。', ',', '、']).trim_end();
        // Gaps are offsets into the line; the list splitter wants them relative to the value. Only the
        // lists of names and units read them.
        let gaps =
            || -> Vec<usize> { gaps_within(&line.gaps, value_start, value_start + value.len()).collect() };
        if value.is_empty() {
            diags.push(Diagnostic::new(Code::EmptyField, Some(line.no), format!("{label} has no value")));
            continue;
        }
        if seen.has(field) {
            diags.push(Diagnostic::new(
                Code::DuplicateField,
                Some(line.no),
                format!("{label} given again ({}); the first value is kept", preview(value)),
            ));
            continue;
        }
        let accepted = match field {
            Field::Title => {
                let gaps = if line.no == line.last { gaps() } else { Vec::new() };
                p.title = title_text(value, &gaps);
                p.title.is_some()
            }
            Field::Proposer => {
                let read = people::proposers(value, &gaps(), line.no, diags);
                (p.proposer, p.proposers, p.proposer_kind) = (Some(read.written), read.names, read.kind);
                true
            }
            Field::Supervisors => {
                p.supervisors = people::supervisors(value, &gaps(), line.no, diags);
                true
            }
            Field::LeadUnit => {
                let units = lists::units(value, &gaps());
                let unmarked = units.iter().filter(|u| !u.assisting).count();
                for unit in units {
                    if unit.assisting || p.lead_unit.is_some() {
                        p.assisting_units.push(unit.name);
                    } else {
                        p.lead_unit = Some(unit.name);
                    }
                }
                if unmarked > 1 {
                    diags.push(Diagnostic::new(
                        Code::SeveralLeadUnits,
                        Some(line.no),
                        format!(
                            "{label} lists several units; the first is taken as lead, the others as assisting"
                        ),
                    ));
                }
                true
            }
            Field::AssistingUnits => {
                p.assisting_units.extend(lists::units(value, &gaps()).into_iter().map(|u| u.name));
                true
            }
            Field::Category => {
                p.category = category(value);
                if p.category.is_none() {
                    diags.push(Diagnostic::new(
                        Code::UnknownCategory,
                        Some(line.no),
                        format!("{label} value not understood: {}", preview(value)),
                    ));
                }
                p.category.is_some()
            }
        };
        // A value not understood does not block a later, readable one.
        if accepted {
            seen.add(field);
        }
    }
}

/// A handling category: a letter or 甲乙丙丁, quoted or not, with or without 类, then the end, white space
/// or a separator (`A类`, `“A”类`, `B`, `乙类(主办)`). Read by hand: its regex (kept in the tests, which hold
/// this to it) needs the backtracker for its capture, a noticeable share of the parse for one field.
fn category(value: &str) -> Option<String> {
    let folded = fold_traditional(value);
    let s = folded.strip_prefix(['“', '"', '\'', '‘', '「']).unwrap_or(&folded).trim_start();
    let mut chars = s.chars();
    let letter = chars.next().filter(|c| matches!(c, 'A'..='D' | 'a'..='d' | '甲' | '乙' | '丙' | '丁'))?;
    let ends = |s: &str| {
        s.is_empty() || s.starts_with(|c: char| c.is_whitespace() || matches!(c, '(' | ',' | ';' | '。'))
    };
    let class_ends = |s: &str| ends(s) || s.strip_prefix(['类', '級', '级']).is_some_and(ends);
    // White space before a closing quote or 类 is itself an end.
    let rest = chars.as_str();
    let closed = class_ends(rest) || rest.strip_prefix(['”', '"', '\'', '’', '」']).is_some_and(class_ends);
    closed.then(|| letter.to_uppercase().collect())
}

fn missing(p: &Proposal, line: usize, diags: &mut Vec<Diagnostic>) {
    let checks = [
        (p.title.is_none(), Code::MissingTitle, "title"),
        (p.proposer.is_none(), Code::MissingProposer, "proposer (提案者)"),
        (p.supervisors.is_empty(), Code::MissingSupervisors, "supervising leader (督办领导)"),
        (p.lead_unit.is_none(), Code::MissingLeadUnit, "lead unit (主办单位)"),
        (p.category.is_none(), Code::MissingCategory, "handling category (办理类别)"),
        (p.content.is_none(), Code::MissingContent, "content section (提案主要内容)"),
        (p.outcomes.is_empty(), Code::MissingOutcomes, "outcome section (办理工作成效)"),
    ];
    for (absent, code, what) in checks {
        if absent {
            diags.push(Diagnostic::new(code, Some(line), format!("proposal {} has no {what}", p.number)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A block as the segmenter makes it: the marker `第N号提案` on line 1, then `body` from line 2.
    fn block(number: u32, body: &[&'static str]) -> Block<'static> {
        Block {
            numbers: vec![number],
            marker: Line::new(1, format!("第{number}号提案")),
            title: 0..0,
            body: body.iter().zip(2..).map(|(text, no)| Line::new(no, *text)).collect(),
        }
    }

    /// Every field a label reads, so that a field added with its labels is tried too.
    #[test]
    fn each_field_has_a_bit_of_its_own() {
        let fields: Vec<Field> = crate::grammar::LABELS.iter().map(|&(_, field)| field).collect();
        for &a in &fields {
            let mut seen = Seen::default();
            seen.add(a);
            for &b in &fields {
                assert_eq!(seen.has(b), a == b, "{a:?} {b:?}");
            }
        }
    }

    /// What [`category`] reads by hand.
    // must match: A类   “A”类   B   乙类   "C"类
    static CATEGORY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"^[“"'‘「]?\s*([A-Da-d]|[甲乙丙丁])\s*[”"'’」]?\s*(?:类|級|级)?(?:$|[\s(,;。])"#)
            .expect("valid regex")
    });

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn categories_are_read_as_their_regex_reads_them(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "“", "\"", "'", "‘", "「", "”", "’", "」", " ", "\u{3000}", "\t", "A", "b", "d", "E", "甲", "丁", "戊",
                "类", "級", "级", "類", "(", ",", ";", "。", "x", "1",
            ][..]), 0..7)
        ) {
            let text = pieces.concat();
            let by_regex = CATEGORY.captures(&fold_traditional(&text)).map(|c| c[1].to_uppercase());
            proptest::prop_assert_eq!(category(&text), by_regex);
        }
    }

    #[test]
    fn categories() {
        for (v, want) in
            [("A类", "A"), ("“A”类", "A"), ("B", "B"), ("乙类", "乙"), ("\"C\"类", "C"), ("d类", "D")]
        {
            assert_eq!(category(v).as_deref(), Some(want), "{v}");
        }
        assert_eq!(category("已解决"), None);
        assert_eq!(category("Apple"), None);
    }

    #[test]
    fn a_category_not_understood_gives_way_to_a_later_one() {
        let mut diags = Vec::new();
        let p = proposal(block(66, &["《关于甲的建议》", "办理类别:已解决", "办理类别:A类"]), &mut diags);
        assert_eq!(p.category.as_deref(), Some("A"));
        assert!(diags.iter().any(|d| d.code == Code::UnknownCategory && d.line == Some(3)));
        assert!(!diags.iter().any(|d| d.code == Code::DuplicateField));
    }

    #[test]
    fn content_keeps_its_paragraphs_one_a_line() {
        let body = [
            "【提案主要内容】",
            "老旧小区缺少停车位。",
            "为此建议:增设停车位;推广错时共享。",
            "【办理工作成效】",
            "1. 新增停车位300个。",
        ];
        let p = proposal(block(7, &body), &mut Vec::new());
        assert_eq!(p.content.as_deref(), Some("老旧小区缺少停车位。\n为此建议:增设停车位;推广错时共享。"));
        assert_eq!(p.suggestions, ["增设停车位", "推广错时共享"]);
    }

    #[test]
    fn an_empty_content_section_is_reported_at_its_heading() {
        let mut diags = Vec::new();
        let p = proposal(block(8, &["【提案主要内容】", "【办理工作成效】", "1. 已完成。"]), &mut diags);
        assert_eq!(p.outcomes.len(), 1);
        let empty: Vec<_> = diags.iter().filter(|d| d.code == Code::EmptySection).map(|d| d.line).collect();
        assert_eq!(empty, [Some(2)]);
    }

    #[test]
    fn titles() {
        assert_eq!(title_text("《关于甲的建议》", &[]).as_deref(), Some("关于甲的建议"));
        assert_eq!(title_text("题目:《关于甲的建议》", &[]).as_deref(), Some("关于甲的建议"));
        assert_eq!(title_text("案由:关于甲的建议", &[]).as_deref(), Some("关于甲的建议"));
        // A space between two phrases stays; the spacing of every character does not.
        let text = "《关于优化营商环境助力民营经济发展的建议》";
        let gap = "《关于优化营商环境".len();
        assert_eq!(title_text(text, &[gap]).as_deref(), Some("关于优化营商环境 助力民营经济发展的建议"));
        let every: Vec<usize> = (1..9).map(|k| "《".len() + 3 * k).collect();
        assert_eq!(title_text(text, &every).as_deref(), Some("关于优化营商环境助力民营经济发展的建议"));
        assert!(is_title_line("关于甲的建议"));
        assert!(!is_title_line("提案者:张三"));
    }
}
