//! Grammar: what a line of a proposal report is, asked by every stage after [`crate::normalize`].
//!
//! One place for the shapes of lines: block markers (`第322号提案`, `(一)第12号提案:关于…`), section
//! headings (`【提案主要内容】`), labelled fields (`提案者:吴雪峰`), enumerators (`1.`, `(一)`, `一是` …),
//! closed titles (`《…》`), title lines, the lines of a report's closing (the issuing body, a date,
//! attachments, contacts, a website's footer), and the Chinese numerals all of them are written in.
//! The page-break repair asks it which lines may be joined ([`shape`]), the segmenter where blocks and
//! the closing start, the extractor what each line holds. The functions take a line folded to
//! Simplified ([`crate::text::fold_traditional`]), so Traditional mirrors read the same, unless
//! they say they take a line as written.

use std::sync::LazyLock;

use regex::Regex;

use crate::normalize::Line;
use crate::text::{trim, utf8_len};

/// What a line is, as far as the page-break repair is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Never joined to either neighbour: block marker, bare section heading, a whole title, a line of
    /// the closing.
    Boundary,
    /// Starts something (numbered item, heading with text): may be continued, never continues another.
    Start,
    /// A labelled field: continued only when it ends in a list separator (`区发改局、` / `区财政局`).
    Label,
    /// The name of a body alone (`区发展和改革委员会`): continues a labelled list after its separator,
    /// never running text, where it is the signature that closes a report.
    Name,
    /// Running text.
    Text,
}

/// Longest numbered phrase read as a heading ([`shape`]).
const NUMBERED_HEADING_MAX_CHARS: usize = 16;

/// A short phrase: no punctuation at all, as headings are written.
fn is_phrase(text: &str) -> bool {
    // One pass, which stops at the first punctuation or past the longest heading.
    let mut n = 0;
    for c in text.chars() {
        n += 1;
        if n > NUMBERED_HEADING_MAX_CHARS || c.is_ascii_punctuation() || is_cjk_punctuation(c) {
            return false;
        }
    }
    n > 0
}

/// A numbered phrase alone on its line, the heading of what follows it in a report's outline
/// (`一、基本情况`, `三、存在的问题和下一步工作`): its enumerator.
pub fn numbered_heading(folded: &str) -> Option<Enumerator> {
    let e = enumerator(folded)?;
    is_phrase(trim(&folded[e.len..])).then_some(e)
}

/// The style and the number of the last numbered heading of a report's outline (`二、重点提案办理情况`),
/// among the lines of its header.
pub fn outline<'a>(header: impl DoubleEndedIterator<Item = &'a str>) -> Option<(Style, u32)> {
    header.rev().find_map(numbered_heading).map(|e| (e.style, e.number))
}

/// Whether a (folded) line goes on with the report's `outline` after its blocks: a numbered heading in
/// its style, with a later number (`三、存在的问题和下一步工作`, or `四、…` where a part is skipped).
pub fn continues_outline((style, last): (Style, u32), folded: &str) -> bool {
    numbered_heading(folded).is_some_and(|e| e.style == style && e.number > last)
}

/// Chinese punctuation that a heading does not hold: `。` `,` `、` `;` `:` and their kind.
fn is_cjk_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FF0F}' | '“' | '”' | '‘' | '’' | '…' | '—')
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
    } else if let Some(c) = closing(f) {
        if matches!(c, Closing::Signature(_)) { Shape::Name } else { Shape::Boundary }
    } else {
        Shape::Text
    }
}

/// A table row read as a line: two cells are a label and its value (`提案者 | 张三` → `提案者:张三`);
/// other rows keep their cells apart by a space.
pub fn row_line(cells: &[String]) -> String {
    match cells {
        [label, value] if !label.ends_with([':', '：']) => format!("{label}:{value}"),
        _ => cells.join(" "),
    }
}

// ---------------------------------------------------------------------------------------------------
// Numerals

/// The Chinese numerals and their values: digits (零 and 〇 are zero, 两 is two) and the units 十 百 千.
const NUMERALS: [(char, u32); 15] = [
    ('〇', 0),
    ('零', 0),
    ('一', 1),
    ('二', 2),
    ('两', 2),
    ('三', 3),
    ('四', 4),
    ('五', 5),
    ('六', 6),
    ('七', 7),
    ('八', 8),
    ('九', 9),
    ('十', 10),
    ('百', 100),
    ('千', 1000),
];

/// The value of a Chinese numeral character.
fn numeral_value(c: char) -> Option<u32> {
    NUMERALS.iter().find(|&&(n, _)| n == c).map(|&(_, v)| v)
}

/// Whether `c` is a Chinese numeral (any of [`NUMERALS`]).
pub fn is_numeral(c: char) -> bool {
    numeral_value(c).is_some()
}

/// The characters of [`NUMERALS`], for a regex's character class.
pub fn numeral_chars() -> String {
    NUMERALS.iter().map(|&(c, _)| c).collect()
}

/// A numeral a list item is numbered in: 一 … 十, the numerals that count (not 〇 零 两 百 千).
fn is_item_numeral(c: char) -> bool {
    c != '两' && matches!(numeral_value(c), Some(1..=10))
}

/// The numerals that count, 一 … 十 ([`is_item_numeral`]), for a regex's character class: what terms,
/// meetings, months and list items are numbered in.
pub fn counting_numerals() -> String {
    NUMERALS.iter().map(|&(c, _)| c).filter(|&c| is_item_numeral(c)).collect()
}

/// The numerals a year is written in digit by digit (〇 零 一 … 九), for a regex's character class.
fn digit_numerals() -> String {
    NUMERALS.iter().filter(|&&(_, v)| v < 10).map(|&(c, _)| c).filter(|&c| c != '两').collect()
}

/// Byte length of the one to `max` ASCII digits opening `s`; `None` when there are none or more.
pub(crate) fn ascii_digits(s: &str, max: usize) -> Option<usize> {
    let n = s.bytes().take(max + 1).take_while(u8::is_ascii_digit).count();
    (1..=max).contains(&n).then_some(n)
}

/// Byte length of the one to `max` item numerals (一 … 十) opening `s`; `None` when there are none or more.
fn item_numerals(s: &str, max: usize) -> Option<usize> {
    let n = s.chars().take(max + 1).take_while(|&c| is_item_numeral(c)).count();
    (1..=max).contains(&n).then_some(n * '一'.len_utf8())
}

/// Reads a number written in Chinese numerals (`十五` → 15, `三百八十` → 380, `两` → 2, `二〇二四` → 2024
/// digit by digit) or in ASCII digits.
pub fn chinese_number(s: &str) -> Option<u32> {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    // Digits alone, written one by one as a year is (二〇二四): read as the digits they are.
    if s.chars().nth(1).is_some() && s.chars().all(|c| numeral_value(c).is_some_and(|v| v < 10) && c != '两')
    {
        return s.chars().try_fold(0u32, |n, c| n.checked_mul(10)?.checked_add(numeral_value(c)?));
    }
    // All digits (above) took the empty string too: `parse` refuses it.
    let mut total = 0u32;
    let mut current = 0u32;
    for c in s.chars() {
        match numeral_value(c)? {
            unit @ (10 | 100 | 1000) => {
                total = total.checked_add(current.max(1).checked_mul(unit)?)?;
                current = 0;
            }
            digit => current = digit,
        }
    }
    Some(total + current)
}

/// Writes `n` (1 … 9999) in Chinese numerals as a list is counted in them (15 → 十五, 105 → 一百零五),
/// the inverse of [`chinese_number`]; `None` outside that range.
pub fn chinese_numeral(n: u32) -> Option<String> {
    if !(1..=9999).contains(&n) {
        return None;
    }
    let digit = |d: u32| NUMERALS.iter().find(|&&(c, v)| v == d && c != '两' && c != '〇').map(|&(c, _)| c);
    let units = [(1000, '千'), (100, '百'), (10, '十'), (1, ' ')];
    let mut out = String::new();
    let mut zero = false;
    for (unit, name) in units {
        let d = n / unit % 10;
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push(digit(0)?);
            zero = false;
        }
        // 十五, not 一十五; but 一百一十五.
        if !(d == 1 && unit == 10 && out.is_empty()) {
            out.push(digit(d)?);
        }
        if unit > 1 {
            out.push(name);
        }
    }
    Some(out)
}

/// Byte length of a number opening `s`: one to `max_digits` ASCII digits, or one to eight Chinese
/// numerals.
fn number_len(s: &str, max_digits: usize) -> Option<usize> {
    if let Some(n) = ascii_digits(s, max_digits) {
        return Some(n);
    }
    let len: usize = s.chars().take_while(|&c| is_numeral(c)).take(9).map(char::len_utf8).sum();
    (1..=8).contains(&s[..len].chars().count()).then_some(len)
}

// ---------------------------------------------------------------------------------------------------
// Enumerators

/// How a list numbers its items. Items of one list share a style; `1.` and `1、` count as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// `一是` `二是`.
    Is,
    /// `(1)` `(2)`: also `（1）` and `⑴`, which NFKC folds to it.
    ParenDigits,
    /// `(一)` `(二)`.
    ParenNumerals,
    /// `①` `②`.
    Circled,
    /// `第一,` `第二、` `第三:`.
    Ordinal,
    /// `1.` `1、` `1)`; not the `1.` of `1.5`.
    Digits,
    /// `一、` `二.`.
    Numerals,
}

/// An enumerator opening a text: its style, its number and its length in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Enumerator {
    pub style: Style,
    pub number: u32,
    pub len: usize,
}

/// Whether an enumerator can start with character `c`: the test `enumerators_start_with_these` holds it
/// to [`enumerator`]; most places in a text are turned away by it.
fn may_open_enumerator(c: char) -> bool {
    matches!(c, '0'..='9' | '(' | '第' | '\u{2460}'..='\u{2473}') || is_item_numeral(c)
}

/// The enumerator opening `s`, if any. One parser for every place a list item can be numbered: a
/// paragraph's start, an item inside a paragraph (`…;二是…`), a heading's numbering, a block marker's
/// prefix. Up to three digits or numerals: no list in this genre runs to a thousand items, and a longer
/// run of digits is a figure.
pub fn enumerator(s: &str) -> Option<Enumerator> {
    let c = s.chars().next().filter(|&c| may_open_enumerator(c))?;
    let (style, number, len) = if c.is_ascii_digit() {
        let digits = ascii_digits(s, 3)?;
        let after = &s[digits..];
        let sep = if after.starts_with('、') {
            '、'.len_utf8()
        } else if after.starts_with(['.', ')']) && !after[1..].starts_with(|c: char| c.is_ascii_digit()) {
            1
        } else {
            return None;
        };
        (Style::Digits, s[..digits].parse().ok()?, digits + sep)
    } else if c == '(' {
        let inner = &s[1..];
        let (style, len) = match ascii_digits(inner, 3) {
            Some(len) => (Style::ParenDigits, len),
            None => (Style::ParenNumerals, item_numerals(inner, 3)?),
        };
        inner[len..].starts_with(')').then_some(())?;
        (style, chinese_number(&inner[..len])?, len + 2)
    } else if ('\u{2460}'..='\u{2473}').contains(&c) {
        (Style::Circled, c as u32 - 0x2460 + 1, c.len_utf8())
    } else if c == '第' {
        let at = c.len_utf8();
        let len = item_numerals(&s[at..], 3)?;
        let sep = s[at + len..].chars().next().filter(|c| matches!(c, ',' | '、' | ':'))?;
        (Style::Ordinal, chinese_number(&s[at..at + len])?, at + len + sep.len_utf8())
    } else {
        let len = item_numerals(s, 3)?;
        let (style, sep) = match s[len..].chars().next()? {
            '是' => (Style::Is, '是'),
            sep @ ('、' | '.') => (Style::Numerals, sep),
            _ => return None,
        };
        (style, chinese_number(&s[..len])?, len + sep.len_utf8())
    };
    Some(Enumerator { style, number, len })
}

/// The enumerator at the start of a (folded) paragraph: its number and its byte length with one
/// following space.
pub fn item_marker(folded: &str) -> Option<(u32, usize)> {
    let e = enumerator(folded)?;
    let len = if folded[e.len..].starts_with(' ') { e.len + 1 } else { e.len };
    Some((e.number, len))
}

// ---------------------------------------------------------------------------------------------------
// Block markers

/// A block marker: the docket numbers of the proposals the block covers, and where the proposal's title
/// is on the marker's line, if it is there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub numbers: Vec<u32>,
    /// Byte range of the title in the line (empty when the line holds none), untrimmed.
    pub title: std::ops::Range<usize>,
}

/// Parses a block marker on a (folded) line. A marker is a docket reference where the line starts:
/// `第322号提案`, `第十二号重点提案`, `提案第12号`, `第25号、第167号提案`, `第12号《关于…》`, perhaps after an
/// enumerator or in brackets (`(一)第12号提案:关于…`, `一、第30号提案《…》`, `【第 12 号重点提案】`), with
/// nothing after it, or the proposal's title after `:` or in `《》`, or a title's first words; or a title
/// with its docket reference in brackets after it (`一、关于加快金桔产业发展的建议(第23号)`). A docket
/// number in a sentence (`第12号、第30号提案为重点提案`) is not one: what follows it is not a title.
pub fn marker(folded: &str) -> Option<Marker> {
    // Every docket reference says 号: most lines that open as a marker may (a list item, a title) do not.
    if !folded.chars().next().is_some_and(may_open_marker) || !folded.contains('号') {
        return None;
    }
    // An enumerator before it, as where the blocks are a numbered list; not `一是` or `第一,`, which
    // open sentences.
    let s = match enumerator(folded) {
        Some(e) if !matches!(e.style, Style::Is | Style::Ordinal) => trim(&folded[e.len..]),
        _ => folded,
    };
    let at = |part: &str| part.as_ptr().addr() - folded.as_ptr().addr();
    if let Some((numbers, rest)) = docket_first(s) {
        return Some(Marker { numbers, title: at(rest)..at(rest) + rest.len() });
    }
    let (title, numbers) = docket_after(s)?;
    Some(Marker { numbers, title: at(title)..at(title) + title.len() })
}

/// Whether a (folded) line is a block marker, for the page-break repair.
pub fn is_marker(folded: &str) -> bool {
    marker(folded).is_some()
}

const OPENING_BRACKETS: [char; 4] = ['【', '[', '〔', '('];
const CLOSING_BRACKETS: [char; 4] = ['】', ']', '〕', ')'];

/// Whether a marker can start with character `c`: 第 or 提 (提案第12号), a bracket, an enumerator, or the
/// 关 and 《 a title opens with.
fn may_open_marker(c: char) -> bool {
    matches!(c, '第' | '提' | '关' | '《') || OPENING_BRACKETS.contains(&c) || may_open_enumerator(c)
}

/// A docket reference: `第322号提案`, `提案第12号`, `第25号、第167号重点提案`, `第十二号`. Gives its numbers,
/// what follows it, and whether it says 提案.
fn docket(s: &str) -> Option<(Vec<u32>, &str, bool)> {
    let (s, worded) = match s.strip_prefix("提案") {
        Some(after) => (after, true),
        None => (s, false),
    };
    let mut s = s.strip_prefix('第')?;
    let mut numbers = Vec::new();
    let mut numbered = false;
    loop {
        let len = number_len(s, 9)?;
        numbers.push(chinese_number(&s[..len])?);
        s = &s[len..];
        if let Some(after) = s.strip_prefix('号') {
            numbered = true;
            s = after;
        }
        // Another number follows only after a separator and an optional 第.
        let Some(after) = s.strip_prefix(['、', ',', '和', '及', '与']) else { break };
        let after = after.strip_prefix('第').unwrap_or(after);
        if number_len(after, 9).is_none() {
            break;
        }
        s = after;
    }
    if !numbered {
        return None;
    }
    let s = s.strip_prefix("重点").unwrap_or(s);
    let s = s.strip_prefix("督办").unwrap_or(s);
    match s.strip_prefix("提案") {
        Some(after) if !worded => Some((numbers, after, true)),
        _ => Some((numbers, s, worded)),
    }
}

/// A marker that opens with its docket reference, perhaps in brackets: its numbers and the rest of the
/// line, which is nothing or a title.
fn docket_first(s: &str) -> Option<(Vec<u32>, &str)> {
    let unbracketed = s.strip_prefix(OPENING_BRACKETS);
    let (numbers, s, named) = docket(unbracketed.unwrap_or(s))?;
    let s = if unbracketed.is_some() { s.strip_prefix(CLOSING_BRACKETS).unwrap_or(s) } else { s };
    let (rest, separated) = match s.strip_prefix(':') {
        Some(after) => (after, true),
        None => (s, false),
    };
    let rest_trimmed = trim(rest);
    // `第12号` without 提案 is a marker only before a title.
    let fits = if named { marker_rest(rest_trimmed, separated) } else { opens_title(rest_trimmed) };
    fits.then_some((numbers, rest))
}

/// A title with its docket reference in brackets after it: the title and the numbers.
fn docket_after(s: &str) -> Option<(&str, Vec<u32>)> {
    let inner_end = s.strip_suffix(CLOSING_BRACKETS)?;
    let open = inner_end.rfind(OPENING_BRACKETS)?;
    let inside = &inner_end[open..];
    let inside = &inside[inside.chars().next()?.len_utf8()..];
    let (numbers, rest, _) = docket(inside)?;
    let title = trim(&s[..open]);
    (trim(rest).is_empty() && (opens_title(title) || is_title_text(title))).then_some((title, numbers))
}

/// What may follow a marker on its line (trimmed); anything else means the marker is part of a sentence:
/// nothing, or a title ([`opens_title`]), or after a colon any text a title could be.
fn marker_rest(rest: &str, after_colon: bool) -> bool {
    rest.is_empty() || opens_title(rest) || (after_colon && is_title_text(rest))
}

/// A title in 《》 (perhaps cut by the line's end), or a title's first words: `关于…`, `题目:…`.
pub fn opens_title(rest: &str) -> bool {
    if let Some(title) = rest.strip_prefix('《') {
        return title
            .split_once('》')
            .is_none_or(|(_, after)| after.chars().all(|c| c.is_whitespace() || c == '。'));
    }
    ["关于", "题目", "标题", "案由"].iter().any(|w| rest.starts_with(w))
}

/// Text that can be a proposal's title: a phrase, not sentences (no `。` but at its end, no `;` `!` `?`).
fn is_title_text(text: &str) -> bool {
    let body = text.strip_suffix('。').unwrap_or(text);
    !body.is_empty() && !body.contains(['。', ';', '!', '?']) && body.chars().count() <= TITLE_TEXT_MAX_CHARS
}

/// Longest proposal title read after a marker's colon.
const TITLE_TEXT_MAX_CHARS: usize = 80;

/// A title standing alone on its line: `《关于减轻城区快速路周边交通噪声的建议》`.
pub fn is_closed_title(folded: &str) -> bool {
    folded
        .strip_prefix('《')
        .and_then(|t| t.strip_suffix('》'))
        .is_some_and(|inner| !inner.is_empty() && !inner.contains(['《', '》']))
}

// ---------------------------------------------------------------------------------------------------
// Section headings

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

/// The names of a content section: what the proposal says, in full or in short. Read by hand
/// ([`content_name`]); the regex is the tests' oracle.
// must match: 提案主要内容   主要内容   提案内容   提案摘要   内容摘要   提案概要   提案要点
#[cfg(test)]
const CONTENT_NAME: &str = r"提案(?:主要)?(?:内容|摘要|概要|要点)|主要内容|内容摘要";

/// The names of an outcome section: how it was handled, what it achieved. 办理结果 is not one: it labels
/// the category. Read by hand ([`outcome_name`]); the regex is the tests' oracle.
// must match: 办理工作成效   办理成效   办理情况   办理落实情况   督办落实情况   工作成效   落实情况   推进情况
#[cfg(test)]
const OUTCOME_NAME: &str = r"(?:督办|办理|落实|推进|办复)(?:工作|落实)?(?:情况|成效|成果|进展)|工作成效";

/// `s` after the first of `words` it starts with.
fn after_any<'a>(s: &'a str, words: &[&str]) -> Option<&'a str> {
    words.iter().find_map(|w| s.strip_prefix(w))
}

/// The text after a content section's name ([`CONTENT_NAME`]) that starts `s`.
fn content_name(s: &str) -> Option<&str> {
    const WHAT: [&str; 4] = ["内容", "摘要", "概要", "要点"];
    let proposal = s.strip_prefix("提案").and_then(|after| {
        after.strip_prefix("主要").and_then(|a| after_any(a, &WHAT)).or_else(|| after_any(after, &WHAT))
    });
    proposal.or_else(|| after_any(s, &["主要内容", "内容摘要"]))
}

/// The text after an outcome section's name ([`OUTCOME_NAME`]) that starts `s`.
fn outcome_name(s: &str) -> Option<&str> {
    const HOW: [&str; 5] = ["督办", "办理", "落实", "推进", "办复"];
    const WHAT: [&str; 4] = ["情况", "成效", "成果", "进展"];
    let handled = after_any(s, &HOW).and_then(|after| {
        ["工作", "落实", ""].iter().find_map(|mid| after_any(after.strip_prefix(mid)?, &WHAT))
    });
    handled.or_else(|| s.strip_prefix("工作成效"))
}

/// The first characters of the section names.
const NAME_FIRSTS: [char; 8] = ['提', '主', '内', '办', '工', '落', '督', '推'];

/// The section a known name at the start of `s` opens, and the text after the name.
fn section_name(s: &str) -> Option<(SectionKind, &str)> {
    if !s.starts_with(NAME_FIRSTS) {
        return None;
    }
    match content_name(s) {
        Some(after) => Some((SectionKind::Content, after)),
        None => outcome_name(s).map(|after| (SectionKind::Outcomes, after)),
    }
}

/// The text after a heading's numbering (`一、`, `十一.`, `3、`, `(二)`) and one optional space. Headings
/// are numbered as list items are, but never `一是` or `第一,`, which open sentences.
fn after_heading_number(s: &str) -> Option<&str> {
    let e = enumerator(s).filter(|e| !matches!(e.style, Style::Is | Style::Ordinal))?;
    let after = &s[e.len..];
    Some(after.strip_prefix(' ').unwrap_or(after))
}

/// Parses a section heading on a (folded) line. Forms: a known name in brackets (`【提案主要内容】`,
/// `[办理成效]:`); a numbered name alone or before a colon (`一、提案主要内容`, `(二)办理情况:`); a name
/// alone or before a colon (`提案主要内容:专精特新企业是…`); any other short bracketed title alone
/// (`【专家点评】`).
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

/// Whether a heading can start with character `c`: a bracket, an enumerator's first character or a
/// section name's (the test `headings_start_with_these` holds it to the forms).
fn may_open_heading(c: char) -> bool {
    matches!(c, '【' | '[' | '〔') || may_open_enumerator(c) || NAME_FIRSTS.contains(&c)
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

// ---------------------------------------------------------------------------------------------------
// Labelled fields

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
    ("牵头单位", Field::LeadUnit),
    ("责任单位", Field::LeadUnit),
    ("主办部门", Field::LeadUnit),
    ("承办部门", Field::LeadUnit),
    ("协办单位", Field::AssistingUnits),
    ("会办单位", Field::AssistingUnits),
    ("配合单位", Field::AssistingUnits),
    ("参办单位", Field::AssistingUnits),
    ("协办部门", Field::AssistingUnits),
    ("会办部门", Field::AssistingUnits),
    ("办理类别", Field::Category),
    ("办理结果", Field::Category),
    ("题目", Field::Title),
    ("标题", Field::Title),
    ("案由", Field::Title),
];

/// The slot of a label's first character in [`LABELS_BY_FIRST`]: the low two bits of its middle byte
/// and the low six of its last, which differ between the labels' first characters (checked as the
/// table is built).
const fn label_slot(b: [u8; 3]) -> usize {
    ((b[1] & 0x03) as usize) << 6 | (b[2] & 0x3F) as usize
}

/// The labels by their first character: its bytes, and the labels that start with it as bits over
/// [`LABELS`]. A line is compared with those labels alone; most are turned away by one lookup. A trick
/// kept for its figure: comparing every line with every label made a run an eighth slower
/// (docs/performance.md).
static LABELS_BY_FIRST: [([u8; 3], u32); 256] = {
    assert!(LABELS.len() <= 32, "one bit for each label");
    let mut table = [([0; 3], 0); 256];
    let mut k = 0;
    while k < LABELS.len() {
        let b = LABELS[k].0.as_bytes();
        assert!(b[0] & 0xF0 == 0xE0, "a label's first character has three bytes");
        let first = [b[0], b[1], b[2]];
        let slot = label_slot(first);
        let (taken, bits) = table[slot];
        let same = taken[0] == b[0] && taken[1] == b[1] && taken[2] == b[2];
        assert!(bits == 0 || same, "two labels' first characters share a slot");
        table[slot] = (first, bits | 1 << k);
        k += 1;
    }
    table
};

/// The labels that may start `b`, as bits over [`LABELS`]: those that start with its first character.
fn label_candidates(b: &[u8]) -> u32 {
    match b.first_chunk::<3>() {
        Some(first) => match LABELS_BY_FIRST[label_slot(*first)] {
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

/// Most characters of a word that qualifies a label before it (`联名提案人:`, `领衔提案人:`).
const LABEL_QUALIFIER_MAX_CHARS: usize = 3;

/// The label a (folded) line starts with: its field, and whether a colon or space follows it. A label
/// may follow a word that qualifies it when a colon follows the label: `联名提案人:…`.
pub fn label_start(folded: &str) -> Option<(Field, bool)> {
    let Some((name, field)) = labels_at(folded).max_by_key(|(name, _)| name.len()) else {
        // A qualified label needs its colon.
        memchr::memchr(b':', folded.as_bytes())?;
        let mut after_word = folded.char_indices().skip(1).take(LABEL_QUALIFIER_MAX_CHARS);
        return after_word.find_map(|(at, _)| {
            let rest = &folded[at..];
            let (name, field) = labels_at(rest).max_by_key(|(name, _)| name.len())?;
            let qualified =
                folded[..at].chars().all(crate::text::is_han) && rest[name.len()..].starts_with(':');
            qualified.then_some((field, true))
        });
    };
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

// ---------------------------------------------------------------------------------------------------
// Titles and the closing

/// Longest line that can belong to a title block.
const TITLE_LINE_MAX_CHARS: usize = 50;

/// A document's number under its masthead: `岳政协〔2024〕21号`.
// must match: 岳政协〔2024〕21号   政协发[2024]3号
static DOCUMENT_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[〔\[(【](?-u:\d){4}[〕\])】]\s*第?(?-u:\d){1,4}号$").expect("valid regex")
});

/// A short line with no sentence punctuation: a line of a title, which official documents centre over
/// several lines (`中国人民政治协商会议…委员会` / `关于…的报告`). Not a date, a list item's heading
/// (`一、基本情况`), a masthead (`政协岳西县委员会文件`) or a document's number.
pub fn is_title_like(text: &str) -> bool {
    text.len() <= TITLE_LINE_MAX_CHARS * 4
        && !text.contains([',', '。', ';', ':', '!', '?'])
        && (text.len() <= TITLE_LINE_MAX_CHARS || text.chars().count() <= TITLE_LINE_MAX_CHARS)
        && date(text).is_none()
        && enumerator(text).is_none()
        && !text.ends_with("文件")
        && !(text.ends_with('号') && DOCUMENT_NUMBER.is_match(text))
}

/// Most lines of page furniture passed over to find a title.
const LEAD_MAX_LINES: usize = 6;

/// Longest line of page furniture before a title; longer ones are prose.
const LEAD_MAX_CHARS: usize = 80;

/// Most lines a title spans.
pub const TITLE_MAX_LINES: usize = 3;

/// Where a document's title lies among its first lines: the run of lines that make no sentence
/// ([`is_title_like`]) closest before the first prose, past the page furniture before it. A run ends
/// at a line that is no title's, at site furniture that stood between two lines (a site's banner over
/// its navigation is no part of the title under it), and after three lines. Empty at 0 when the text
/// opens with prose (then there is no title).
pub fn title_block(lines: &[Line<'_>]) -> std::ops::Range<usize> {
    let mut run: Option<std::ops::Range<usize>> = None;
    let mut title = None;
    for (k, line) in lines.iter().enumerate().take(LEAD_MAX_LINES) {
        if is_title_like(&line.text) {
            run = match run {
                Some(r) if r.end == k && !line.after_chrome && r.len() < TITLE_MAX_LINES => {
                    Some(r.start..k + 1)
                }
                _ => Some(k..k + 1),
            };
            title.clone_from(&run);
        } else if line.text.chars().count() <= LEAD_MAX_CHARS && !line.text.contains('。') {
            // Furniture the normalizer does not know, or a date: a run ends here.
            run = None;
        } else {
            break;
        }
    }
    title.unwrap_or(0..0)
}

/// What a line of a report's closing is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Closing {
    /// The issuing body on a line of its own (`海宁市政协提案委员会`), perhaps with the date after it:
    /// the byte length of the name.
    Signature(usize),
    /// A date alone: `2024年12月`, `二〇二四年十二月三十日`.
    Date,
    /// `附件:…`, `附件1`, `附:…`.
    Attachment,
    /// `联系人:…`, `联系电话:…`, `地址:…`.
    Contact,
    /// A footer: a website's (print and close links, previous and next article, related news, copyright,
    /// registration numbers, who runs the site) or an official document's (`抄送:…`, `…印发`,
    /// `(此件公开发布)`).
    Footer,
}

/// A date as written and as ISO 8601 (`2024-12` or `2024-12-30`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Date {
    /// Byte range of the date in the line.
    pub range: std::ops::Range<usize>,
    pub iso: String,
}

/// A date: year, month and perhaps day, in digits or numerals, perhaps in brackets.
// must match: 2024年12月   2024年11月30日   二〇二四年十二月   (2024年12月20日)
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let (digit, n) = (digit_numerals(), counting_numerals());
    Regex::new(&format!(
        r"\(?((?-u:\d){{4}}|[{digit}]{{4}})年((?-u:\d){{1,2}}|[{n}]{{1,3}})月(?:((?-u:\d){{1,2}}|[{n}]{{1,4}})日)?\)?$"
    ))
    .expect("valid regex")
});

/// The date that ends a (folded) line, whole: a date line, or a signature's date. `None` for a month or
/// day out of range.
pub fn date(folded: &str) -> Option<Date> {
    // DATE ends the line: most lines, prose with a 年 in it too, end otherwise.
    if !folded.ends_with(['月', '日', ')']) || !folded.contains('年') {
        return None;
    }
    let caps = DATE.captures(folded)?;
    let year = chinese_number(caps.get(1)?.as_str())?;
    let month = chinese_number(caps.get(2)?.as_str()).filter(|m| (1..=12).contains(m))?;
    let iso = match caps.get(3) {
        Some(day) => {
            let day = chinese_number(day.as_str()).filter(|d| (1..=31).contains(d))?;
            format!("{year:04}-{month:02}-{day:02}")
        }
        None => format!("{year:04}-{month:02}"),
    };
    Some(Date { range: caps.get(0)?.range(), iso })
}

/// Whether a line is a date alone ([`date`]).
pub fn is_date_line(folded: &str) -> bool {
    date(folded).is_some_and(|d| d.range.start == 0)
}

/// The name of a body that issues a report, alone on its line: a committee, an office, a CPPCC.
// must match: 海宁市政协提案委员会   中国人民政治协商会议德清县委员会办公室   平湖市政协
static SIGNATURE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\p{Han}()·]{2,40}?(?:委员会|办公室|政协|委)$").expect("valid regex"));

/// The lines that open a footer: a website's buttons and links, an official document's 抄送 and notes.
// must match: 【打印本页】 【关闭窗口】   上一篇:…   抄送:县人大常委会办公室   (此件公开发布)   主办:海宁市政协办公室
static FOOTER_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
          (?:[【\[〔]?(?:打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|收藏本页|收藏|返回|返回顶部|顶部)[】\]〕]?\ ?)+$
        | 扫一扫
        | (?:上一篇|下一篇|上一条|下一条|分享到|相关链接|相关阅读|相关新闻|相关文章|推荐阅读|网站地图|联系我们|关于我们|网站声明|隐私声明)
        | (?:抄送|主送|抄报|分送)\ ?:
        | \(此件[^)]{0,10}\)
        | (?:主办|承办|维护|运维)\ ?:
        )",
    )
    .expect("valid regex")
});

/// The first two characters of FOOTER_START's alternatives, in order: a line starting otherwise is
/// not searched. Most lines that open with one of their first characters (`(1)`, `【提案主要内容】`,
/// `主办单位:`) go no further. The test `footers_and_contacts_start_with_these` holds the two together.
#[rustfmt::skip]
const FOOTER_STARTS: [(char, char); 39] = [
    ('(', '此'), ('[', '关'), ('[', '打'), ('[', '收'), ('[', '返'), ('[', '顶'), ('【', '关'), ('【', '打'),
    ('【', '收'), ('【', '返'), ('【', '顶'), ('〔', '关'), ('〔', '打'), ('〔', '收'), ('〔', '返'), ('〔', '顶'),
    ('上', '一'), ('下', '一'), ('主', '办'), ('主', '送'), ('关', '于'), ('关', '闭'), ('分', '享'), ('分', '送'),
    ('打', '印'), ('扫', '一'), ('承', '办'), ('抄', '报'), ('抄', '送'), ('推', '荐'), ('收', '藏'), ('相', '关'),
    ('维', '护'), ('网', '站'), ('联', '系'), ('运', '维'), ('返', '回'), ('隐', '私'), ('顶', '部'),
];

/// Whether a (folded) line starts with the first two characters of one of FOOTER_START's alternatives.
/// The first character alone turns most lines away.
fn may_open_footer(folded: &str) -> bool {
    let mut chars = folded.chars();
    let first = chars.next().unwrap_or('\0');
    FOOTER_FIRST_BITS & 1 << (first as u32 & 63) != 0
        && FOOTER_STARTS.binary_search(&(first, chars.next().unwrap_or('\0'))).is_ok()
}

/// The first characters of [`FOOTER_STARTS`] by their low six bits.
const FOOTER_FIRST_BITS: u64 = {
    let mut bits = 0;
    let mut k = 0;
    while k < FOOTER_STARTS.len() {
        bits |= 1 << (FOOTER_STARTS[k].0 as u32 & 63);
        k += 1;
    }
    bits
};

/// Words that make a line that is no sentence a footer's, wherever they stand in it, each with a
/// character of it that prose seldom holds: a line is searched for the words only where it holds one.
const FOOTER_WORDS: [(&str, char); 16] = [
    ("版权所有", '权'),
    ("Copyright", 'C'),
    ("copyright", 'c'),
    ("COPYRIGHT", 'C'),
    ("©", '©'),
    ("ICP备", 'I'),
    ("ICP证", 'I'),
    ("icp备", 'i'),
    ("公网安备", '安'),
    ("网站标识码", '识'),
    ("网站识别码", '识'),
    ("技术支持", '术'),
    ("维护单位", '维'),
    ("运维单位", '维'),
    ("浏览器", '浏'),
    ("分辨率", '辨'),
];

/// How an official document's 版记 ends: the office that printed it, the date, and `印发` last
/// (`政协岳西县委员会办公室 2024年12月10日印发`); inside a sentence the word is the report's own text.
const PRINTED: &str = "印发";

/// Whether a (folded) line is a footer's: a website's, or an official document's ([`Closing::Footer`]).
pub fn is_footer(folded: &str) -> bool {
    let short = folded.len() <= CLOSING_MAX_CHARS * 4;
    opens_footer(folded)
        || (short && folded.ends_with(PRINTED))
        || (short && !folded.ends_with('。') && holds_footer_word(folded))
}

/// Whether a (folded) line is one that opens a footer ([`FOOTER_START`]): a website's buttons and links,
/// an official document's 抄送. Unlike the footer's words, these may stand at the top of a page too.
pub fn opens_footer(folded: &str) -> bool {
    folded.len() <= CLOSING_MAX_CHARS * 4 && may_open_footer(folded) && FOOTER_START.is_match(folded)
}

/// Whether a line that is no sentence (it holds no `。` and no `,`) holds one of [`FOOTER_WORDS`]: looked
/// for around the rare characters of the words, in one pass over the line that also looks for the
/// sentence's punctuation. Not a regex of the words: its prefilter, keyed on two bytes, finds candidates
/// everywhere in Chinese text.
fn holds_footer_word(folded: &str) -> bool {
    let mut found = false;
    for (at, c) in folded.char_indices() {
        if c == '。' || c == ',' {
            return false;
        }
        found = found
            || FOOTER_WORDS.iter().any(|&(word, rare)| {
                rare == c
                    && word
                        .find(rare)
                        .is_some_and(|k| at >= k && folded.get(at - k..).is_some_and(|s| s.starts_with(word)))
            });
    }
    found
}

/// A line opening an attachment of the closing: `附件` (numbered or not, perhaps with its title after a
/// colon), `附表`, `附:`.
// must match: 附件:1.2024年重点提案名单   附件1   附:重点提案督办工作安排
static ATTACHMENT: LazyLock<Regex> = LazyLock::new(|| {
    let n = counting_numerals();
    Regex::new(&format!(
        r"^(?:附件\ ?(?:(?-u:\d){{1,2}}|[{n}]{{1,2}})?(?:[::].*)?$|附件\ ?(?:(?-u:\d){{1,2}}|[{n}]{{1,2}})?[、.\ ]|附表|附\ ?:)"
    ))
    .expect("valid regex")
});

/// The first characters of CONTACT's alternatives (`test contacts_start_with_these`).
const CONTACT_FIRST: [char; 10] = ['(', '联', '电', '传', '邮', '地', '通', 'e', 'E', '网'];

/// A contact line of the closing: a contact person, a telephone, an address, a mail box.
// must match: 联系人:王芳   联系电话:0573-87012345   地址:海宁市海州街道文苑南路   邮编:314400   (联系人:王芳)
static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\(?(?:联系人|联系电话|联系方式|电话|传真|邮编|邮政编码|地址|通讯地址|电子邮箱|电子信箱|邮箱|e-?mail|网址)\ ?:")
        .expect("valid regex")
});

/// Longest line of a closing: signatures, dates and footers are short; longer lines are prose.
const CLOSING_MAX_CHARS: usize = 120;

/// What a (folded) line of a report's closing is, if it can be one.
pub fn closing(folded: &str) -> Option<Closing> {
    if folded.len() > CLOSING_MAX_CHARS * 4 {
        return None;
    }
    // Counted last, for a line of the closing's kinds alone.
    closing_kind(folded)
        .filter(|_| folded.len() <= CLOSING_MAX_CHARS || folded.chars().count() <= CLOSING_MAX_CHARS)
}

/// [`closing`]'s kinds, each turned away by its first or last characters where it can be.
fn closing_kind(folded: &str) -> Option<Closing> {
    if is_date_line(folded) {
        return Some(Closing::Date);
    }
    if folded.starts_with('附') && ATTACHMENT.is_match(folded) {
        return Some(Closing::Attachment);
    }
    if folded.starts_with(CONTACT_FIRST) && CONTACT.is_match(folded) {
        return Some(Closing::Contact);
    }
    if is_footer(folded) {
        return Some(Closing::Footer);
    }
    let name = match date(folded) {
        Some(d) => trim(&folded[..d.range.start]),
        None => folded,
    };
    let ends_as_a_body = name.ends_with(['会', '室', '协', '委']);
    (ends_as_a_body && SIGNATURE.is_match(name)).then_some(Closing::Signature(name.len()))
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
    use crate::text::fold_traditional;

    use std::sync::LazyLock;

    use proptest::prelude::*;
    use regex::Regex;

    // Regexes of the forms the hand-written parsers read, kept as oracles; the lines each must match are
    // in the doc comment of its parser. `\d` is ASCII here: the parsers read ASCII digits, which is all
    // NFKC leaves of digits in this genre.
    static CLOSED_TITLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^《[^《》]+》$").unwrap());
    static HEADING: LazyLock<Regex> = LazyLock::new(|| {
        let names = format!("{CONTENT_NAME}|{OUTCOME_NAME}");
        let n = format!("[{}]", counting_numerals());
        let number =
            format!(r"(?:(?-u:\d){{1,3}}[、.)]|{n}{{1,3}}[、.]|\((?:(?-u:\d){{1,3}}|{n}{{1,3}})\)|[①-⑳])");
        Regex::new(&format!(r"^(?:[【\[〔]({names})[】\]〕]:?|{number} ?({names})(?::|$)|({names})(?::|$))"))
            .unwrap()
    });
    static OTHER_HEADING: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[【\[〔]([^】\]〕]{2,16})[】\]〕]$").unwrap());
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        let names: Vec<_> = LABELS.iter().map(|(name, _)| *name).collect();
        Regex::new(&format!("(?:{})", names.join("|"))).unwrap()
    });

    fn regex_heading(folded: &str) -> Option<Heading<'_>> {
        if let Some(caps) = HEADING.captures(folded) {
            let name = caps.get(1).or_else(|| caps.get(2)).or_else(|| caps.get(3))?.as_str();
            let content = Regex::new(&format!("^(?:{CONTENT_NAME})$")).unwrap();
            let kind = if content.is_match(name) { SectionKind::Content } else { SectionKind::Outcomes };
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
        "①",
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
        "牵头单位",
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
                "十一二三、",
                "3、",
                "12.",
                "123、",
                "1234、",
                "4)",
                "(二)",
                "(十二)",
                "(十一二)",
                "(3)",
                "()",
                "③",
                "一是",
                "第一,",
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
        fn hand_parsers_agree_with_their_regexes(line in prop_oneof![heading_like(), pieces(10)]) {
            prop_assert_eq!(is_closed_title(&line), CLOSED_TITLE.is_match(&line));
            prop_assert_eq!(heading(&line), regex_heading(&line));
            prop_assert_eq!(labelled_values(&line).collect::<Vec<_>>(), regex_labelled_values(&line));
        }
    }

    /// A marker built of parts: an enumerator before it or none, brackets or none, each form of docket
    /// reference, and what may follow it. `numbers` are what it must give.
    fn built_marker() -> impl Strategy<Value = (String, Vec<u32>, bool)> {
        let prefix = one(&["", "(一)", "一、", "1.", "2、", "(3)", "④", "十二、"]);
        let space = one(&["", " "]);
        let bracket =
            prop::sample::select(&[("", ""), ("【", "】"), ("[", "]"), ("〔", "〕"), ("(", ")")][..]);
        let number =
            prop::sample::select(&[(12, "12"), (12, "十二"), (105, "一百零五"), (7, "7"), (322, "322")][..]);
        let kind = one(&["", "重点", "督办", "重点督办"]);
        let rest = prop::sample::select(
            &[
                ("", true),
                ("《关于甲的建议》", true),
                (":关于甲的建议", true),
                (":加快推进城乡供水一体化", true),
                ("关于乙的建议", true),
                ("为重点提案", false),
                ("提出的建议已经全部落实。", false),
                (":已落实;正推进。", false),
            ][..],
        );
        (prefix, space, bracket, number, kind, any::<u8>(), rest).prop_map(
            |(prefix, space, (open, close), (n, written), kind, form, (rest, fits))| {
                let docket = match form % 3 {
                    0 => format!("第{written}号{kind}提案"),
                    1 => format!("提案第{written}号"),
                    _ => format!("第{written}号"),
                };
                // `第12号` without 提案 is a marker only before what opens a title: 《, 关于.
                let bare = form % 3 == 2;
                let opens = rest.trim_start_matches(':').starts_with(['《', '关']);
                let fits = fits && (opens || !bare);
                let space = if prefix.is_empty() { "" } else { &space };
                (format!("{prefix}{space}{open}{docket}{close}{rest}"), vec![n], fits)
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Every form of marker is read, with its number, after any list enumerator and in any brackets;
        /// one followed by a sentence is not a marker.
        #[test]
        fn markers_are_read_in_every_form((line, numbers, fits) in built_marker()) {
            let got = marker(&line).map(|m| m.numbers);
            prop_assert_eq!(got, fits.then_some(numbers), "{}", line);
        }

        /// No text makes the marker parser panic, and whatever it reads has numbers and a title inside it.
        #[test]
        fn markers_from_any_pieces(line in pieces(12)) {
            if let Some(m) = marker(&line) {
                prop_assert!(!m.numbers.is_empty());
                prop_assert!(line.get(m.title).is_some());
            }
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

    /// No enumerator starts with a character [`may_open_enumerator`] turns away, before what completes
    /// one of each style after its first character.
    #[test]
    fn the_numeral_classes_come_from_the_one_table() {
        assert_eq!(counting_numerals(), "一二三四五六七八九十");
        assert_eq!(digit_numerals(), "〇零一二三四五六七八九");
    }

    #[test]
    fn enumerators_start_with_these() {
        let mut s = String::new();
        for c in first_characters_to_try().filter(|&c| !may_open_enumerator(c)) {
            for rest in ["是", "1)", "一)", "、", ".", ")", "一、", "二,"] {
                s.clear();
                s.push(c);
                s.push_str(rest);
                assert_eq!(enumerator(&s), None, "{s:?}");
            }
        }
    }

    #[test]
    fn markers_in_every_dress() {
        let numbers = |line: &str| marker(line).map(|m| m.numbers);
        assert_eq!(marker("第322号提案").map(|m| m.numbers), Some(vec![322]));
        assert_eq!(
            marker("【第12号重点提案】").map(|m| (m.numbers, m.title.is_empty())),
            Some((vec![12], true))
        );
        assert_eq!(numbers("第12号重点提案《关于加强养老的建议》"), Some(vec![12]));
        assert_eq!(numbers("第25号、第167号提案"), Some(vec![25, 167]));
        assert_eq!(numbers("第25、167号提案"), Some(vec![25, 167]));
        assert_eq!(numbers("第7号提案:《关于甲的建议》 。"), Some(vec![7]));
        assert_eq!(numbers(&fold_traditional("第96號提案")), Some(vec![96]));
        for bracketed in ["【第1号提案】", "[第1号提案]", "〔第1号提案〕", "(第1号提案)"]
        {
            assert_eq!(numbers(bracketed), Some(vec![1]), "{bracketed}");
        }
        // As the items of a numbered list, in numerals, the other way round, the title after it.
        let line = "(一)第12号提案:关于加快甲的建议";
        assert_eq!(marker(line).map(|m| &line[m.title]), Some("关于加快甲的建议"));
        // The docket reference in brackets after the title.
        let line = "一、关于加快金桔产业提质增效的建议(第23号)";
        let m = marker(line).unwrap();
        assert_eq!((m.numbers, &line[m.title]), (vec![23], "关于加快金桔产业提质增效的建议"));
        assert_eq!(numbers("《关于甲的建议》(第7号、第9号提案)"), Some(vec![7, 9]));
        assert_eq!(numbers("二、关于乙的建议【提案第41号】"), Some(vec![41]));
        assert_eq!(numbers("一、第30号提案《关于乙的建议》"), Some(vec![30]));
        assert_eq!(numbers("1.第5号提案"), Some(vec![5]));
        assert_eq!(numbers("第十二号提案"), Some(vec![12]));
        assert_eq!(numbers("提案第12号"), Some(vec![12]));
        assert_eq!(numbers("第12号《关于丙的建议》"), Some(vec![12]));
        assert_eq!(numbers("第12号提案:加快推进城乡供水一体化建设"), Some(vec![12]));
    }

    #[test]
    fn a_marker_inside_a_sentence_is_not_one() {
        assert_eq!(marker("第12号提案提出的建议已经全部落实。"), None);
        assert_eq!(marker("确定第12号提案为重点提案"), None);
        assert_eq!(marker("第12号提案《关于…》等7件提案为重点提案"), None);
        assert_eq!(marker("第12号、第30号提案为重点提案"), None);
        assert_eq!(marker("第12提案"), None);
        assert_eq!(marker("第十五届委员会第二次会议期间,共提交提案140件。"), None);
        assert_eq!(marker("第一,加强第12号提案的办理。"), None);
        assert_eq!(marker("第12号"), None, "no 提案 and no title");
        assert_eq!(marker("第12号提案:已办结,委员满意;"), None, "sentences, not a title");
        assert_eq!(marker("各承办单位认真办理,委员满意(第12号)"), None, "a sentence before the brackets");
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
        assert_eq!(heading("(二)办理情况"), outcomes(""));
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
        assert_eq!(label_start("牵头单位:市水利局"), Some((Field::LeadUnit, true)));
        assert_eq!(label_start("联名提案人:毕云峰 李琼芬"), Some((Field::Proposer, true)));
        assert_eq!(label_start("联名提案人毕云峰"), None, "a qualified label needs its colon");
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
    fn enumerators_of_every_style() {
        let e = |s: &str| enumerator(s).map(|e| (e.style, e.number, e.len));
        assert_eq!(e("1. 深化"), Some((Style::Digits, 1, 2)));
        assert_eq!(e("2、强化"), Some((Style::Digits, 2, 4)));
        assert_eq!(e("3)优化"), Some((Style::Digits, 3, 2)));
        assert_eq!(e("1.5亿元用于"), None);
        assert_eq!(e("(4)注重"), Some((Style::ParenDigits, 4, 3)));
        assert_eq!(e("(十一)加强"), Some((Style::ParenNumerals, 11, 8)));
        assert_eq!(e("⑤加强"), Some((Style::Circled, 5, 3)));
        assert_eq!(e("第二,完善"), Some((Style::Ordinal, 2, 7)));
        assert_eq!(e("三是加强"), Some((Style::Is, 3, 6)));
        assert_eq!(e("一、深化"), Some((Style::Numerals, 1, 6)));
        assert_eq!(e("第十二、加强"), Some((Style::Ordinal, 12, 12)));
        for not_one in
            ["加强", "2024年,全区", "(试行)办法", "一段文字", "第一提案人", "1234.甲", "两是", "()"]
        {
            assert_eq!(e(not_one), None, "{not_one}");
        }
    }

    #[test]
    fn item_markers_take_one_space_after_them() {
        assert_eq!(item_marker("1. 深化梯队建设"), Some((1, 3)));
        assert_eq!(item_marker("12. 甲"), Some((12, 4)));
        assert_eq!(item_marker("一是"), Some((1, 6)));
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
            ("二〇二四", 2024),
            ("二零二三", 2023),
        ];
        for (s, n) in cases {
            assert_eq!(chinese_number(s), Some(n), "{s}");
        }
        assert_eq!(chinese_number("353"), Some(353));
        for n in 1..=9999 {
            let written = chinese_numeral(n).unwrap();
            assert_eq!(chinese_number(&written), Some(n), "{written}");
        }
        assert_eq!(chinese_numeral(15).as_deref(), Some("十五"));
        assert_eq!(chinese_numeral(115).as_deref(), Some("一百一十五"));
        assert_eq!(chinese_numeral(1005).as_deref(), Some("一千零五"));
        assert_eq!(chinese_numeral(0), None);
        assert_eq!(chinese_number("abc"), None);
        assert!(numeral_chars().chars().all(is_numeral));
    }

    /// No section name starts with a character [`NAME_FIRSTS`] lacks, before what completes a name of
    /// each form after its first character.
    #[test]
    fn section_names_start_with_the_listed_characters() {
        let mut s = String::new();
        for c in first_characters_to_try().filter(|c| !NAME_FIRSTS.contains(c)) {
            for rest in [
                "案主要内容",
                "要内容",
                "容摘要",
                "理情况",
                "办落实情况",
                "实情况",
                "作成效",
                "进情况",
                "复情况",
            ] {
                s.clear();
                s.push(c);
                s.push_str(rest);
                assert_eq!(section_name(&s), None, "{s:?}");
            }
        }
    }

    #[test]
    fn section_names_of_every_form() {
        for name in ["提案主要内容", "主要内容", "提案内容", "提案摘要", "内容摘要", "提案概要"]
        {
            assert_eq!(
                section_name(name).map(|(k, rest)| (k, rest.len())),
                Some((SectionKind::Content, 0)),
                "{name}"
            );
        }
        for name in [
            "办理工作成效",
            "办理成效",
            "办理情况",
            "办理落实情况",
            "督办落实情况",
            "工作成效",
            "落实情况",
            "办理工作情况",
        ] {
            assert_eq!(
                section_name(name).map(|(k, rest)| (k, rest.len())),
                Some((SectionKind::Outcomes, 0)),
                "{name}"
            );
        }
        for not_one in ["办理结果", "办理类别", "内容", "情况"] {
            assert_eq!(section_name(not_one), None, "{not_one}");
        }
    }

    /// The section names read by hand are what the regexes of their grammar match, at the start of any
    /// text made of the grammar's pieces.
    #[test]
    fn section_names_read_as_their_regexes_match() {
        let oracle = |names: &str| Regex::new(&format!("^(?:{names})")).unwrap();
        let (content, outcomes) = (oracle(CONTENT_NAME), oracle(OUTCOME_NAME));
        let pieces = [
            "提案", "主要", "内容", "摘要", "概要", "要点", "督办", "办理", "落实", "推进", "办复", "工作",
            "情况", "成效", "成果", "进展", ":", "x",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> =
                texts.iter().flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}"))).collect();
            texts.extend(longer);
        }
        for t in &texts {
            let end = |re: &Regex| re.find(t).map(|m| &t[m.end()..]);
            assert_eq!(content_name(t), end(&content), "{t}");
            assert_eq!(outcome_name(t), end(&outcomes), "{t}");
        }
    }

    #[test]
    fn dates_as_written_and_as_iso() {
        let iso = |s: &str| date(s).map(|d| (d.range, d.iso));
        assert_eq!(iso("2024年12月"), Some((0..12, "2024-12".into())));
        assert_eq!(iso("2024年11月30日").map(|d| d.1), Some("2024-11-30".into()));
        assert_eq!(iso("二〇二四年十二月").map(|d| d.1), Some("2024-12".into()));
        assert_eq!(iso("二〇二四年十二月三十一日").map(|d| d.1), Some("2024-12-31".into()));
        assert_eq!(iso("(2024年12月20日)").map(|d| d.1), Some("2024-12-20".into()));
        assert_eq!(iso("2024年13月"), None);
        assert_eq!(iso("2024年12月召开"), None);
        assert!(is_date_line("2024年12月"));
        assert!(!is_date_line("海宁市政协提案委员会2024年12月"));
    }

    #[test]
    fn lines_of_a_closing() {
        let sig = |s: &str| Some(Closing::Signature(s.len()));
        assert_eq!(closing("海宁市政协提案委员会"), sig("海宁市政协提案委员会"));
        assert_eq!(
            closing("中国人民政治协商会议德清县委员会办公室"),
            sig("中国人民政治协商会议德清县委员会办公室")
        );
        assert_eq!(closing("海宁市政协提案委员会2024年12月"), sig("海宁市政协提案委员会"));
        assert_eq!(closing("2024年12月"), Some(Closing::Date));
        assert_eq!(closing("附件:1.2024年重点提案名单"), Some(Closing::Attachment));
        assert_eq!(closing("附件2"), Some(Closing::Attachment));
        assert_eq!(closing("联系人:王芳 联系电话:0573-87012345"), Some(Closing::Contact));
        assert_eq!(closing("(联系人:王芳 联系电话:0573-87012345)"), Some(Closing::Contact));
        for footer in [
            "【打印本页】 【关闭窗口】",
            "上一篇:市政协召开主席会议",
            "下一篇:…",
            "版权所有:海宁市政协 地址:海宁市文苑南路",
            "浙ICP备12345678号-1",
            "浙公网安备33048102000123号",
            "主办:海宁市政协办公室",
            "主办单位:海宁市政协办公室 技术支持:海宁市大数据中心",
            "主办单位:海宁市政协办公室 维护单位:海宁市大数据中心",
            "网站标识码:3304810001",
            "相关新闻:",
            "抄送:县人大常委会办公室,县政府办公室。",
            "政协岳西县委员会办公室 2024年12月10日印发",
            "(此件公开发布)",
        ] {
            assert_eq!(closing(footer), Some(Closing::Footer), "{footer}");
        }
        for not_closing in [
            "1.新开通湿地旅游专线2条。",
            "主办单位:区经信局",
            "主办单位:区教育局 协办单位:区卫生健康局、团区委、区妇联",
            "主办单位:区教育局 承办单位:区财政局",
            "区政协高度重视提案办理工作,多次召开会议。",
            "附件中的名单",
            "2024年12月召开交办会",
        ] {
            assert_eq!(closing(not_closing), None, "{not_closing}");
        }
    }

    #[test]
    fn footer_words_are_found_anywhere() {
        for (word, rare) in FOOTER_WORDS {
            assert!(word.contains(rare), "{word}");
            for text in [word.to_owned(), format!("地址:海宁市{word}"), format!("{word} 2024")] {
                assert!(holds_footer_word(&text), "{text}");
            }
        }
        assert!(!holds_footer_word("主办单位:区经信局"));
        assert!(!holds_footer_word("关于加强使用管理的建议"));
    }

    /// No footer or contact line starts with a character the gates before FOOTER_START and CONTACT
    /// turn away, before what completes one of each alternative after its first character.
    #[test]
    fn footers_and_contacts_start_with_these() {
        assert!(FOOTER_STARTS.is_sorted(), "searched in order");
        let mut s = String::new();
        for c in first_characters_to_try() {
            for rest in [
                "打印本页】",
                "印本页",
                "闭窗口",
                "藏",
                "回顶部",
                "部",
                "一扫",
                "一篇:",
                "享到",
                "关链接",
                "荐阅读",
                "站地图",
                "系我们",
                "于我们",
                "私声明",
                "送:",
                "办:",
                "此件公开发布)",
                "护:",
                "维:",
                "关闭】",
            ] {
                s.clear();
                s.push(c);
                s.push_str(rest);
                if !may_open_footer(&s) {
                    assert!(!FOOTER_START.is_match(&s), "{s:?}");
                }
                // The second character too.
                let mut chars = rest.chars();
                let (first, tail) = (chars.next().unwrap_or(' '), chars.as_str());
                for second in [c, '\0'] {
                    let t: String =
                        [first, second].into_iter().filter(|&x| x != '\0').chain(tail.chars()).collect();
                    if !may_open_footer(&t) {
                        assert!(!FOOTER_START.is_match(&t), "{t:?}");
                    }
                }
            }
            for rest in [
                "系人:",
                "话:",
                "真:",
                "编:",
                "址:",
                "讯地址:",
                "子邮箱:",
                "-mail:",
                "mail:",
                "址:",
                "联系人:",
            ] {
                s.clear();
                s.push(c);
                s.push_str(rest);
                if !CONTACT_FIRST.contains(&c) {
                    assert!(!CONTACT.is_match(&s), "{s:?}");
                }
            }
        }
    }
}
