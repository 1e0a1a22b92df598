//! Grammar: what a line of a proposal report is, asked by every stage after [`crate::normalize`].
//!
//! One place for the shapes of lines: block markers (`第322号提案`), section headings (`【提案主要内容】`),
//! labelled fields (`提案者:吴雪峰`), enumerators (`1.`, `(一)`, `一是` …), closed titles (`《…》`),
//! title lines, and the Chinese numerals they are written in. The page-break repair asks it which lines
//! may be joined ([`shape`]), the segmenter where blocks start, the extractor what each line holds.
//! Every function takes a line folded to Simplified ([`crate::normalize::fold_traditional`]), so
//! Traditional mirrors read the same.

use std::sync::LazyLock;

use regex::Regex;

use crate::normalize::{trim, utf8_len};

/// What the segmenter says a line is, as far as joining is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Never joined to either neighbour: block marker, bare section heading, a whole title.
    Boundary,
    /// Starts something (numbered item, heading with text): may be continued, never continues another.
    Start,
    /// A labelled field: continued only when it ends in a list separator (`区发改局、` / `区财政局`).
    Label,
    /// Running text.
    Text,
}

/// The shape of a (folded) line, for the page-break repair.
pub fn shape(f: &str) -> Shape {
    if is_marker(f) || is_closed_title(f) {
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

/// Parses a block marker on a (folded) line: its numbers and the rest of the line. Written out rather than
/// as a regex (it runs on every line twice); the regex it implements, kept as a test oracle, is
/// `^[【\[〔(]?第(\d{1,9}号?(?:[、,和及与]第?\d{1,9}号?)*)(?:重点)?(?:督办)?提案[】\]〕)]?:?(.*)$`, with `号`
/// somewhere in the number list and only a title or nothing after it (see `marker_rest`).
/// Markers: `第322号提案`, `【第 12 号重点提案】`, `第12号重点提案《关于…》`, `第25号、第167号提案`.
pub fn marker(folded: &str) -> Option<(Vec<u32>, &str)> {
    let mut numbers = Vec::new();
    let rest = read_marker(folded, |n| numbers.push(n))?;
    Some((numbers, rest))
}

/// Whether a (folded) line is a block marker: [`marker`] without collecting the numbers, for the
/// page-break repair, which asks of many lines and wants no allocation for it.
fn is_marker(folded: &str) -> bool {
    read_marker(folded, |_| {}).is_some()
}

/// Reads a block marker, giving each of its numbers to `number`; returns the rest of the line.
fn read_marker(folded: &str, mut number: impl FnMut(u32)) -> Option<&str> {
    // A marker's first byte is 第's (0xE7) or an opening bracket's (`【` and `〔` 0xE3, `[`, `(`): most
    // lines, on both runs, are turned away by it.
    if !matches!(folded.as_bytes().first(), Some(0xE7 | 0xE3 | b'[' | b'(')) {
        return None;
    }
    let unbracketed = folded.strip_prefix(['【', '[', '〔', '(']).unwrap_or(folded);
    let mut s = unbracketed.strip_prefix('第')?;
    let mut numbered = false;
    loop {
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 9 {
            return None;
        }
        number(s[..digits].parse().ok()?);
        s = &s[digits..];
        if let Some(after) = s.strip_prefix('号') {
            numbered = true;
            s = after;
        }
        // Another number follows only after a separator and an optional 第.
        let Some(after) = s.strip_prefix(['、', ',', '和', '及', '与']) else { break };
        let after = after.strip_prefix('第').unwrap_or(after);
        if !after.starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
        s = after;
    }
    let s = s.strip_prefix("重点").unwrap_or(s);
    let s = s.strip_prefix("督办").unwrap_or(s);
    let s = s.strip_prefix("提案")?;
    let s = s.strip_prefix(['】', ']', '〕', ')']).unwrap_or(s);
    let rest = s.strip_prefix(':').unwrap_or(s);
    (numbered && marker_rest(trim(rest))).then_some(rest)
}

/// What may follow a marker on its line (trimmed); anything else means the marker is part of a sentence.
/// Nothing, a title in 《》 (perhaps cut by the line end), or the start of a title: `关于…`, `题目:…`.
fn marker_rest(rest: &str) -> bool {
    if let Some(title) = rest.strip_prefix('《') {
        return title
            .split_once('》')
            .is_none_or(|(_, after)| after.chars().all(|c| c.is_whitespace() || c == '。'));
    }
    rest.is_empty() || ["关于", "题目", "标题", "案由"].iter().any(|w| rest.starts_with(w))
}

/// A title standing alone on its line: `《关于减轻城区快速路周边交通噪声的建议》`.
pub fn is_closed_title(folded: &str) -> bool {
    folded
        .strip_prefix('《')
        .and_then(|t| t.strip_suffix('》'))
        .is_some_and(|inner| !inner.is_empty() && !inner.contains(['《', '》']))
}

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

const CHINESE_DIGITS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// The first characters of the section names.
const NAME_FIRSTS: [char; 6] = ['提', '主', '内', '办', '工', '落'];

/// The section a known name at the start of `s` opens, and the text after the name.
fn section_name(s: &str) -> Option<(SectionKind, &str)> {
    if !s.starts_with(NAME_FIRSTS) {
        return None;
    }
    let named = |names: &[&str]| names.iter().find_map(|n| s.strip_prefix(n));
    named(CONTENT_NAMES)
        .map(|after| (SectionKind::Content, after))
        .or_else(|| named(OUTCOME_NAMES).map(|after| (SectionKind::Outcomes, after)))
}

/// The text after a heading's numbering (`一、`, `十一.`, `3、`, `(二)`) and one optional space.
fn after_heading_number(s: &str) -> Option<&str> {
    let after = if let Some(inner) = s.strip_prefix('(') {
        let digits = chinese_digits(inner, 2)?;
        inner[digits..].strip_prefix(')')
    } else {
        let digits = chinese_digits(s, 2).or_else(|| ascii_digits(s, 2))?;
        s[digits..].strip_prefix(['、', '.'])
    }?;
    Some(after.strip_prefix(' ').unwrap_or(after))
}

/// Byte length of the one to `max` ASCII digits opening `s`; `None` when there are none or more.
pub(crate) fn ascii_digits(s: &str, max: usize) -> Option<usize> {
    let n = s.bytes().take(max + 1).take_while(u8::is_ascii_digit).count();
    (1..=max).contains(&n).then_some(n)
}

/// Byte length of the one to `max` Chinese digits (一 … 十) opening `s`; `None` when there are none or more.
pub(crate) fn chinese_digits(s: &str, max: usize) -> Option<usize> {
    let n = s.chars().take(max + 1).take_while(|c| CHINESE_DIGITS.contains(c)).count();
    (1..=max).contains(&n).then_some(n * '一'.len_utf8())
}

/// Parses a section heading on a (folded) line. Forms: a known name in brackets (`【提案主要内容】`,
/// `[办理成效]:`); a numbered name alone or before a colon (`一、提案主要内容`, `(二)办理情况:`); a name
/// alone or before a colon (`提案主要内容:专精特新企业是…`); any other short bracketed title alone
/// (`【专家点评】`). Written out rather than as a regex: it runs on every line twice.
pub fn heading(folded: &str) -> Option<Heading<'_>> {
    if !folded.chars().next().is_some_and(may_open_heading) {
        return None;
    }
    heading_forms(folded)
}

/// [`heading`]'s forms, each tried in turn.
fn heading_forms(folded: &str) -> Option<Heading<'_>> {
    if let Some(inner) = folded.strip_prefix(['【', '[', '〔']) {
        if let Some((kind, after)) = section_name(inner)
            && let Some(after) = after.strip_prefix(['】', ']', '〕'])
        {
            let rest = trim(after.strip_prefix(':').unwrap_or(after));
            return Some(Heading { kind, rest });
        }
        return other_heading(folded);
    }
    after_heading_number(folded).and_then(name_alone).or_else(|| name_alone(folded))
}

/// Whether a heading can start with character `c`: a bracket, the first character of a numbering
/// (`一、`, `3、`, `(二)`) or of a section name. Most lines are turned away by their first character,
/// decoded once, where the forms each decoded it again (the test `headings_start_with_these` holds it
/// to the forms).
fn may_open_heading(c: char) -> bool {
    matches!(c, '【' | '[' | '〔' | '(' | '0'..='9')
        || CHINESE_DIGITS.contains(&c)
        || NAME_FIRSTS.contains(&c)
}

/// A section name alone, or before a colon and the section's first text.
fn name_alone(s: &str) -> Option<Heading<'_>> {
    let (kind, after) = section_name(s)?;
    let rest = if after.is_empty() { after } else { after.strip_prefix(':')? };
    Some(Heading { kind, rest: trim(rest) })
}

/// Any other bracketed heading alone on its line: `【专家点评】`, `[专家点评]`, 2 to 16 characters inside.
fn other_heading(folded: &str) -> Option<Heading<'_>> {
    let inner = folded.strip_prefix(['【', '[', '〔'])?.strip_suffix(['】', ']', '〕'])?;
    let chars = inner.chars().count();
    ((2..=16).contains(&chars) && !inner.contains(['】', ']', '〕']))
        .then(|| Heading { kind: SectionKind::Other(inner.to_owned()), rest: "" })
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
pub(crate) const LABELS: &[(&str, Field)] = &[
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

/// The labels by their first character: its bytes, and the labels that start with it as bits over
/// [`LABELS`], at the low six bits of the character's last byte, which differ between the labels' first
/// characters (checked as the table is built). A line is compared with those labels alone.
static LABELS_BY_FIRST: [([u8; 3], u32); 64] = {
    assert!(LABELS.len() <= 32, "one bit for each label");
    let mut table = [([0; 3], 0); 64];
    let mut k = 0;
    while k < LABELS.len() {
        let b = LABELS[k].0.as_bytes();
        assert!(b[0] & 0xF0 == 0xE0, "a label's first character has three bytes");
        let slot = (b[2] & 0x3F) as usize;
        let (first, bits) = table[slot];
        let same = first[0] == b[0] && first[1] == b[1] && first[2] == b[2];
        assert!(bits == 0 || same, "two labels' first characters share a last byte");
        table[slot] = ([b[0], b[1], b[2]], bits | 1 << k);
        k += 1;
    }
    table
};

/// The labels that may start `b`, as bits over [`LABELS`]: those that start with its first character.
fn label_candidates(b: &[u8]) -> u32 {
    match b.first_chunk::<3>() {
        Some(first) => match LABELS_BY_FIRST[usize::from(first[2] & 0x3F)] {
            (bytes, bits) if bytes == *first => bits,
            _ => 0,
        },
        None => 0,
    }
}

/// The labels that start `s`, in [`LABELS`] order.
fn labels_at(s: &str) -> impl Iterator<Item = (&'static str, Field)> + '_ {
    let mut bits = label_candidates(s.as_bytes());
    std::iter::from_fn(move || {
        while bits != 0 {
            let (name, field) = LABELS[bits.trailing_zeros() as usize];
            bits &= bits - 1;
            if s.starts_with(name) {
                return Some((name, field));
            }
        }
        None
    })
}

/// The first label (in [`LABELS`] order) that starts `s`.
fn label_at(s: &str) -> Option<(&'static str, Field)> {
    labels_at(s).next()
}

/// Longest line read as a label without a colon; longer ones are prose that starts with a label word.
const BARE_LABEL_MAX_CHARS: usize = 30;

/// The label a (folded) line starts with: its field, and whether a colon or space follows it.
pub fn label_start(folded: &str) -> Option<(Field, bool)> {
    let (name, field) = labels_at(folded).max_by_key(|(name, _)| name.len())?;
    let after = &folded[name.len()..];
    let separated = after.starts_with([':', ' ']);
    (separated || folded.chars().count() <= BARE_LABEL_MAX_CHARS).then_some((field, separated))
}

/// Splits a (folded) line that starts with a label into (field, label text, byte range of the value).
/// Every label in the line starts a value (`提案者:吴雪峰 督办领导:郭荣`); labels are found left to right,
/// and where two start at one place the first in `LABELS` wins. Lazy, since a caller may want only the
/// first value, and allocation-free: a Vec here was two allocations for each of the 15,000 labelled
/// lines a round of the benchmark corpus.
pub fn labelled_values(folded: &str) -> impl Iterator<Item = (Field, &str, std::ops::Range<usize>)> {
    let b = folded.as_bytes();
    // The first label at or after byte `i`, and where it starts.
    let next_label = move |mut i: usize| {
        while let Some(&x) = b.get(i) {
            if let Some((name, field)) = label_at(&folded[i..]) {
                return Some((i, name, field));
            }
            i += usize::from(utf8_len(x));
        }
        None
    };
    let mut pending = next_label(0);
    std::iter::from_fn(move || {
        let (at, name, field) = pending?;
        let after = at + name.len();
        pending = next_label(after);
        let end = pending.map_or(folded.len(), |next| next.0);
        let start =
            after + folded[after..end].len() - folded[after..end].trim_start_matches([':', ' ']).len();
        Some((field, &folded[at..after], start..end))
    })
}

/// Parses the numbered-item marker at the start of a (folded) paragraph: its number and the byte length
/// of the marker (with one following space). Written out rather than as a regex: it runs on every
/// numbered line twice, and a capturing regex cost more than the rest of the line's work.
/// Markers: `1.` (not `1.5`), `1、`, `(1)`, `①`, `第一,` / `第一、` / `第一:`, `一是`, `(一)`, `一、`.
pub fn item_marker(folded: &str) -> Option<(u32, usize)> {
    let first = folded.chars().next()?;
    let (n, len) = if first.is_ascii_digit() {
        digits_item(folded, 3)?
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

/// `1.` or `1、` (not the `1.` of `1.5`) opening `s`, with at most `max` digits: the number, and the
/// byte length of the digits and their separator.
pub(crate) fn digits_item(s: &str, max: usize) -> Option<(u32, usize)> {
    let digits = ascii_digits(s, max)?;
    let after = &s[digits..];
    let sep = if after.starts_with('、') {
        '、'.len_utf8()
    } else if after.starts_with('.') && !after[1..].starts_with(|c: char| c.is_ascii_digit()) {
        1
    } else {
        return None;
    };
    Some((s[..digits].parse().ok()?, digits + sep))
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

/// Longest line that can belong to a title block.
const TITLE_LINE_MAX_CHARS: usize = 50;

/// A date line under a title.
// must match: 2024年12月20日   (2024年12月20日)
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(?(?-u:\d){4}年(?-u:\d){1,2}月(?-u:\d){1,2}日\)?$").expect("valid regex")
});

/// Whether a line is a date alone ([`DATE`]).
pub fn is_date_line(text: &str) -> bool {
    DATE.is_match(text)
}

/// A short line with no sentence punctuation: a line of a title, which official documents centre over
/// several lines (`中国人民政治协商会议…委员会` / `关于…的报告`).
pub fn is_title_like(text: &str) -> bool {
    text.chars().count() <= TITLE_LINE_MAX_CHARS
        && !text.contains([',', '。', ';', ':', '!', '?'])
        && !DATE.is_match(text)
}

/// The characters the tests of the parsers' first-character gates try: every one of the Basic
/// Multilingual Plane, where all markers' and headings' first characters are, and a sample of
/// the others, which keeps the tests fast in a debug build.
#[cfg(test)]
pub(crate) fn first_characters_to_try() -> impl Iterator<Item = char> {
    ('\0'..='\u{FFFF}').chain(('\u{10000}'..=char::MAX).step_by(251))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold_traditional;

    use std::sync::LazyLock;

    use proptest::prelude::*;
    use regex::Regex;

    // The regexes the hand-written parsers replace, kept as oracles; the lines each must match are in the
    // doc comment of its parser. `\d` is ASCII here: the parsers read ASCII digits, which is all NFKC
    // leaves of digits in this genre.
    static MARKER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[【\[〔(]?第((?-u:\d){1,9}号?(?:[、,和及与]第?(?-u:\d){1,9}号?)*)(?:重点)?(?:督办)?提案[】\]〕)]?:?(.*)$")
            .unwrap()
    });
    static MARKER_REST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:$|《[^》]*(?:》[\s。]*)?$|关于|(?:题目|标题|案由)[:\s]?)").unwrap()
    });
    static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\d){1,9}").unwrap());
    static CLOSED_TITLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^《[^《》]+》$").unwrap());
    static HEADING: LazyLock<Regex> = LazyLock::new(|| {
        let names = [CONTENT_NAMES, OUTCOME_NAMES].concat().join("|");
        Regex::new(&format!(
            r"^(?:[【\[〔]({names})[】\]〕]:?|(?:[一二三四五六七八九十]{{1,2}}[、.]|(?-u:\d){{1,2}}[、.]|\([一二三四五六七八九十]{{1,2}}\)) ?({names})(?::|$)|({names})(?::|$))"
        ))
        .unwrap()
    });
    static OTHER_HEADING: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[【\[〔]([^】\]〕]{2,16})[】\]〕]$").unwrap());
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        let names: Vec<_> = LABELS.iter().map(|(name, _)| *name).collect();
        Regex::new(&format!("(?:{})", names.join("|"))).unwrap()
    });

    fn regex_marker(folded: &str) -> Option<(Vec<u32>, &str)> {
        let caps = MARKER.captures(folded)?;
        let list = caps.get(1)?.as_str();
        let rest = caps.get(2)?.as_str();
        if !list.contains('号') || !MARKER_REST.is_match(rest.trim()) {
            return None;
        }
        let numbers: Vec<u32> = DIGITS.find_iter(list).filter_map(|m| m.as_str().parse().ok()).collect();
        (!numbers.is_empty()).then_some((numbers, rest))
    }

    fn regex_heading(folded: &str) -> Option<Heading<'_>> {
        if let Some(caps) = HEADING.captures(folded) {
            let name = caps.get(1).or_else(|| caps.get(2)).or_else(|| caps.get(3))?.as_str();
            let kind =
                if CONTENT_NAMES.contains(&name) { SectionKind::Content } else { SectionKind::Outcomes };
            let rest = folded[caps.get(0)?.end()..].trim();
            return Some(Heading { kind, rest });
        }
        let caps = OTHER_HEADING.captures(folded)?;
        Some(Heading { kind: SectionKind::Other(caps[1].to_owned()), rest: "" })
    }

    fn regex_labelled_values(folded: &str) -> Vec<(Field, &str, std::ops::Range<usize>)> {
        let found: Vec<_> = LABEL.find_iter(folded).collect();
        let field_of = |label: &str| LABELS.iter().find(|(name, _)| *name == label).map(|&(_, f)| f);
        let mut out = Vec::new();
        for (i, m) in found.iter().enumerate() {
            let end = found.get(i + 1).map_or(folded.len(), |n| n.start());
            let mut start = m.end();
            start += folded[start..end].len() - folded[start..end].trim_start_matches([':', ' ']).len();
            out.push((field_of(m.as_str()).unwrap(), m.as_str(), start..end));
        }
        out
    }

    const PIECES: &[&str] = &[
        "【",
        "[",
        "〔",
        "(",
        ")",
        "〕",
        "】",
        "]",
        "第",
        "1",
        "22",
        "1234567890",
        "号",
        "、",
        ",",
        "和",
        "及",
        "与",
        "重点",
        "督办",
        "提案",
        ":",
        "《",
        "》",
        "关于",
        "题目",
        "标题",
        "案由",
        " ",
        "。",
        "x",
        "一",
        "十",
        "二",
        ".",
        "提案主要内容",
        "主要内容",
        "办理成效",
        "办理情况",
        "办理工作成效",
        "工作成效",
        "专家点评",
        "提案者",
        "提案人",
        "第一提案人",
        "督办领导",
        "主办单位",
        "协办单位",
        "办理类别",
        "办理结果",
        "\u{3000}",
    ];

    /// Any of `choices`.
    fn one(choices: &'static [&'static str]) -> impl Strategy<Value = String> {
        prop::sample::select(choices).prop_map(str::to_owned)
    }

    /// Up to `n` pieces in any order.
    fn pieces(n: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..n).prop_map(|p| p.concat())
    }

    /// Lines shaped like markers, each part sometimes missing or wrong.
    fn marker_like() -> impl Strategy<Value = String> {
        let number = || one(&["1", "22", "1234567890", "", "一", "x"]);
        let more = (one(&["、", ",", "和", "及", "与", "x"]), one(&["第", ""]), number(), one(&["号", ""]))
            .prop_map(|(a, b, c, d)| a + &b + &c + &d);
        (
            (
                one(&["", "【", "[", "〔", "(", "x"]),
                one(&["第", "第", "", "一"]),
                number(),
                one(&["号", "", "、"]),
            ),
            prop::collection::vec(more, 0..3),
            (one(&["重点", ""]), one(&["督办", ""]), one(&["提案", "提案", "", "提"])),
            (one(&["", "】", "]", "〕", ")"]), one(&[":", "", " "])),
            (
                one(&["", "《关于x》", "《关于x》 。", "《关于x》\u{3000}", "《关于x》x", "《关于", "题目x"]),
                pieces(3),
            ),
        )
            .prop_map(|(a, more, b, c, d)| {
                [a.0, a.1, a.2, a.3, more.concat(), b.0, b.1, b.2, c.0, c.1, d.0, d.1].concat()
            })
    }

    /// Lines shaped like headings, each part sometimes missing or wrong.
    fn heading_like() -> impl Strategy<Value = String> {
        (
            one(&[
                "",
                "【",
                "[",
                "〔",
                "一、",
                "十一.",
                "十一二、",
                "3、",
                "12.",
                "123、",
                "(二)",
                "(十二)",
                "(十一二)",
                "()",
            ]),
            one(&["", " ", "  "]),
            one(&[
                "提案主要内容",
                "主要内容",
                "办理成效",
                "办理工作情况",
                "专家点评",
                "提案",
                "x",
                "十六个字的标题十六个字的标题十六",
                "十七个字的标题十七个字的标题十七个",
            ]),
            one(&["", "】", "]", "〕", ":", "】:", "x"]),
            pieces(3),
        )
            .prop_map(|(a, b, c, d, e)| a + &b + &c + &d + &e)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn hand_parsers_agree_with_their_regexes(line in prop_oneof![marker_like(), heading_like(), pieces(10)]) {
            prop_assert_eq!(marker(&line), regex_marker(&line));
            prop_assert_eq!(is_closed_title(&line), CLOSED_TITLE.is_match(&line));
            prop_assert_eq!(heading(&line), regex_heading(&line));
            prop_assert_eq!(labelled_values(&line).collect::<Vec<_>>(), regex_labelled_values(&line));
        }
    }

    /// No heading form takes a line whose first character [`may_open_heading`] turns away, before what
    /// completes a heading of each form after its first character.
    #[test]
    fn headings_start_with_these() {
        let mut s = String::new();
        for c in first_characters_to_try().filter(|&c| !may_open_heading(c)) {
            for rest in [
                "、提案主要内容",
                "二)提案主要内容",
                "案主要内容",
                "要内容",
                "容摘要",
                "理成效",
                "作成效",
                "实情况",
                "专家点评】",
            ] {
                s.clear();
                s.push(c);
                s.push_str(rest);
                assert_eq!(heading_forms(&s), None, "{s:?}");
            }
        }
    }

    #[test]
    fn markers_in_every_dress() {
        assert_eq!(marker("第322号提案"), Some((vec![322], "")));
        assert_eq!(marker("【第12号重点提案】"), Some((vec![12], "")));
        assert_eq!(marker("第12号重点提案《关于加强养老的建议》").map(|m| m.0), Some(vec![12]));
        assert_eq!(marker("第25号、第167号提案"), Some((vec![25, 167], "")));
        assert_eq!(marker("第25、167号提案").map(|m| m.0), Some(vec![25, 167]));
        assert_eq!(marker("第7号提案:《关于甲的建议》 。").map(|m| m.0), Some(vec![7]));
        assert_eq!(marker(&fold_traditional("第96號提案")).map(|m| m.0), Some(vec![96]));
        for bracketed in ["【第1号提案】", "[第1号提案]", "〔第1号提案〕", "(第1号提案)"]
        {
            assert_eq!(marker(bracketed), Some((vec![1], "")), "{bracketed}");
        }
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
        // In square brackets too, as the sections tian knows may be.
        assert_eq!(heading("[专家点评]").map(|h| h.kind), Some(SectionKind::Other("专家点评".into())));
    }

    #[test]
    fn labels() {
        assert_eq!(label_start("提案者:吴雪峰"), Some((Field::Proposer, true)));
        assert_eq!(label_start("督办领导叶建宏"), Some((Field::Supervisors, false)));
        assert_eq!(
            label_start("承办单位高度重视,多次召开专题会议研究办理工作,明确责任分工和时间节点。"),
            None
        );
        let got: Vec<_> =
            labelled_values("提案者:张三 督办领导:李四 主办单位:区经信局").map(|(f, _, r)| (f, r)).collect();
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
    fn names_start_with_the_listed_characters() {
        for name in CONTENT_NAMES.iter().chain(OUTCOME_NAMES) {
            assert!(name.starts_with(NAME_FIRSTS), "{name}");
        }
        // The byte table gives, for every character, the labels that start with it, and no others.
        for c in '\0'..=char::MAX {
            let s = format!("{c}x");
            let want = LABELS.iter().enumerate().filter(|(_, (l, _))| l.starts_with(c)).map(|(k, _)| 1 << k);
            assert_eq!(label_candidates(s.as_bytes()), want.sum::<u32>(), "U+{:04X}", c as u32);
        }
    }
}
