//! Lists inside a block: suggestions after the cue, numbered outcomes, and names or units in a field.
//!
//! Enumerations are found as chains (1, 2, 3 … in order), so a stray `一是` inside a word or a `①`
//! footnote mark in a sentence does not split an item.

use std::sync::LazyLock;

use crate::grammar::{ascii_digits, chinese_digits, chinese_number, digits_item, item_marker};
use crate::model::{Code, Diagnostic, Outcome};
use crate::normalize::{fold_traditional, gaps_within, is_han, no_space_at, trim, utf8_len};

/// The cue that introduces the suggestions of a proposal: the pattern of [`CUE`], which the tests also
/// compile with `regex` as its oracle.
// must match: 为此建议:   因此建议:   因此,提出以下建议:   建议如下:   现提出三点建议:
const SUGGESTION_CUE: &str = r"(?:(?:为此|因此|对此|据此|特此|现|故|特)?,?提出?(?:以下|如下|几点|[一二三四五六七八九十0-9]{1,2}点)建议:?|建议如下:?|(?:为此|因此|对此|据此|特此|故|特)建议:?|(?:具体)?建议:)";

/// [`SUGGESTION_CUE`], compiled by regex-automata, the engine under `regex`. Only a cue's end is wanted:
/// `search_half` gives it from the forward scan alone, where `regex`'s `find` also scans back for the
/// start (nearly half of the search's time in perf's samples).
static CUE: LazyLock<regex_automata::meta::Regex> =
    LazyLock::new(|| regex_automata::meta::Regex::new(SUGGESTION_CUE).expect("valid regex"));

/// Longest stretch a cue can start before its `建议`: `特此,提出十二点`, 22 bytes, and two to spare.
const CUE_LEAD_BYTES: usize = 24;

/// Where the first [`SUGGESTION_CUE`] of a (folded) text ends.
fn cue_end(folded: &str) -> Option<usize> {
    // Every cue holds 建议, so none starts more than CUE_LEAD_BYTES before the first one: the regex
    // need not read the text before it.
    static CUE_WORD: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("建议"));
    let first = CUE_WORD.find(folded.as_bytes())?;
    let mut from = first.saturating_sub(CUE_LEAD_BYTES);
    while !folded.is_char_boundary(from) {
        from -= 1;
    }
    CUE.search_half(&regex_automata::Input::new(folded).range(from..)).map(|m| m.offset())
}

/// The suggestions of a content section (`content`, and the same text folded to Simplified): what
/// follows the cue, split into items.
pub fn suggestions(content: &str, folded: &str) -> Vec<String> {
    let Some(end) = cue_end(folded) else {
        return Vec::new();
    };
    let part = &content[end..];
    let folded_part = &folded[end..];
    if let Some(items) = enumerated(part, folded_part) {
        return items;
    }
    let separator = if part.contains(';') { ';' } else { '\n' };
    part.split(separator).map(tidy).filter(|s| !s.is_empty()).collect()
}

/// The enumerator styles, in the order they are tried: `一是`, `(1)`, `①`, `第一,`, `1.` / `1、`.
const STYLES: usize = 5;

/// A marker found in the text: where it starts and ends, and its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Mark {
    start: usize,
    end: usize,
    n: u32,
}

/// Splits `part` at the first enumerator style that forms a chain 1, 2, … of at least two items.
/// Markers count only at the start or after punctuation, never inside a word (统一是).
fn enumerated(part: &str, folded: &str) -> Option<Vec<String>> {
    enumerated_at(part, folded).map(|(_, items)| items)
}

/// Like [`enumerated`], only when the first marker opens the text.
fn enumerated_from_start(part: &str, folded: &str) -> Option<Vec<String>> {
    enumerated_at(part, folded).filter(|&(start, _)| start == 0).map(|(_, items)| items)
}

/// The items, and where the first marker starts.
fn enumerated_at(part: &str, folded: &str) -> Option<(usize, Vec<String>)> {
    let marks = marks(folded);
    let of_style = |style: usize| marks.iter().filter(move |(s, _)| *s == style).map(|(_, m)| *m);
    let style = (0..STYLES).find(|&style| chain(of_style(style)).nth(1).is_some())?;
    // The chain is walked again rather than collected, and the items sized by it: two allocations
    // fewer for each enumerated text.
    let mut items = Vec::with_capacity(chain(of_style(style)).count());
    let mut marks = chain(of_style(style)).peekable();
    let first = marks.peek()?.start;
    while let Some(m) = marks.next() {
        let end = marks.peek().map_or(part.len(), |next| next.start);
        let item = tidy(&part[m.end..end]);
        if !item.is_empty() {
            items.push(item);
        }
    }
    Some((first, items))
}

/// The markers of a text with their styles: sixteen fit on the stack, more than nearly every text has,
/// where a Vec was an allocation for each text enumerated.
type Marks = smallvec::SmallVec<[(usize, Mark); 16]>;

/// The markers of every style, with their style, in one pass over a (folded) text. A marker counts
/// only where a list item can start: at the start, after sentence or clause punctuation, or at the
/// start of a line (items one a paragraph), white space between allowed. The pass jumps from one such
/// place to the next.
fn marks(folded: &str) -> Marks {
    let mut marks = Marks::new();
    let b = folded.as_bytes();
    let mut at = 0;
    loop {
        // Nearly every place starts with a character that its bytes show is not white space.
        let start =
            if no_space_at(b, at) { at } else { at + (folded[at..].len() - folded[at..].trim_start().len()) };
        if b.get(start).is_some_and(|&x| may_open_mark(x))
            && let Some((style, len, n)) = mark_at(&folded[start..])
        {
            marks.push((style, Mark { start, end: start + len, n }));
        }
        match next_boundary(b, start) {
            Some(next) => at = next,
            None => return marks,
        }
    }
}

/// The position just after the first `;` `。` `,` `:` `!` `?` or line break from `from` (a character
/// boundary) on. It steps a character at a time: an ideograph is one step, not three.
fn next_boundary(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(&x) = b.get(i) {
        match x {
            b';' | b',' | b':' | b'!' | b'?' | b'\n' => return Some(i + 1),
            0xE3 if b[i + 1..].starts_with(&[0x80, 0x82]) => return Some(i + 3), // 。
            _ => i += usize::from(utf8_len(x)),
        }
    }
    None
}

/// Whether a marker ([`mark_at`]) can start with byte `x`: an ASCII digit, `(`, or the first byte of
/// `①`–`⑳` (0xE2), of `第` (0xE7) or of a Chinese digit 一 … 十 (0xE4, 0xE5). The test
/// `markers_start_with_these_bytes` holds it to `mark_at`; most places in a text are turned away here.
fn may_open_mark(x: u8) -> bool {
    matches!(x, b'0'..=b'9' | b'(' | 0xE2 | 0xE4 | 0xE5 | 0xE7)
}

/// The enumerator opening `s`, if any: its style, byte length and number. The `1.` of `1.5亿` is a
/// decimal, not item 1.
fn mark_at(s: &str) -> Option<(usize, usize, u32)> {
    let c = s.chars().next()?;
    if c.is_ascii_digit() {
        let (n, len) = digits_item(s, 2)?;
        return Some((4, len, n));
    }
    match c {
        '(' => {
            let digits = ascii_digits(&s[1..], 2)?;
            s[1 + digits..].starts_with(')').then_some(())?;
            Some((1, digits + 2, s[1..1 + digits].parse().ok()?))
        }
        '\u{2460}'..='\u{2473}' => Some((2, c.len_utf8(), c as u32 - 0x2460 + 1)),
        '第' => {
            let digits = chinese_digits(&s[c.len_utf8()..], 3)?;
            let numeral = &s[c.len_utf8()..c.len_utf8() + digits];
            let sep = s[c.len_utf8() + digits..].chars().next().filter(|c| matches!(c, ',' | '、' | ':'))?;
            Some((3, c.len_utf8() + digits + sep.len_utf8(), chinese_number(numeral)?))
        }
        _ => {
            let digits = chinese_digits(s, 3)?;
            s[digits..].starts_with('是').then_some(())?;
            Some((0, digits + '是'.len_utf8(), chinese_number(&s[..digits])?))
        }
    }
}

/// The run 1, 2, 3 … taken greedily in text order from the first 1.
fn chain(marks: impl Iterator<Item = Mark>) -> impl Iterator<Item = Mark> {
    let mut want = 1;
    marks.filter(move |m| {
        let next = m.n == want;
        want += u32::from(next);
        next
    })
}

/// Trims an item: white space, and list punctuation at either end.
fn tidy(s: &str) -> String {
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, ';' | '。' | ',' | '、' | ':' | '.')).to_owned()
}

/// Longest outcome heading, in characters.
const HEADING_MAX_CHARS: usize = 16;

/// A paragraph of a section: its line, its text, and its text folded to Simplified.
pub type Para<'a> = (usize, &'a str, &'a str);

/// The outcomes of a section: numbered paragraphs (continuation paragraphs join their item), or a single
/// paragraph enumerated inline (一是…二是…), or — with no numbering at all — one outcome per paragraph.
pub fn outcomes(paras: &[Para<'_>], diags: &mut Vec<Diagnostic>) -> Vec<Outcome> {
    // Most paragraphs are one item each: grown from empty, this took two allocations an outcome section.
    let mut out: Vec<Outcome> = Vec::with_capacity(paras.len());
    // The first item out of order, its line and the number it should have, noted as items come: kept
    // with every item, the lines took a Vec of their own.
    let mut misnumbered: Option<(usize, u32)> = None;
    let mut push = |out: &mut Vec<Outcome>, line: usize, o: Outcome| {
        let want = out.len() as u32 + 1;
        if o.index != want {
            misnumbered.get_or_insert((line, want));
        }
        out.push(o);
    };
    let mut preamble: Option<usize> = None;
    for &(line, text, folded) in paras {
        if let Some((n, len)) = item_marker(folded) {
            // 一是…;二是… written inline in one paragraph: each ordinal is an item of its own. Only a
            // paragraph opened by an ordinal word can be one; `1.` paragraphs are not searched.
            let marker = &folded[..len];
            let ordinal_word = marker.starts_with('第') || marker.contains('是');
            let inline = if ordinal_word { enumerated_from_start(text, folded) } else { None };
            match inline {
                Some(items) if n == 1 => {
                    for (t, i) in items.into_iter().zip(1..) {
                        push(&mut out, line, outcome(i, t));
                    }
                }
                _ => push(&mut out, line, outcome(n, trim(&text[len..]).to_owned())),
            }
        } else if let Some(last) = out.last_mut() {
            last.text.push('\n');
            last.text.push_str(text);
        } else {
            preamble.get_or_insert(line);
        }
    }
    if out.is_empty() {
        return unnumbered(paras, diags);
    }
    if let Some(line) = preamble {
        diags.push(Diagnostic::new(
            Code::OutcomePreamble,
            Some(line),
            "text before the first numbered outcome is not an outcome item and is not kept",
        ));
    }
    if let Some((line, want)) = misnumbered {
        let got: Vec<_> = out.iter().map(|o| o.index.to_string()).collect();
        diags.push(Diagnostic::new(
            Code::OutcomeNumbering,
            Some(line),
            format!("outcomes are numbered {}; expected {want} here", got.join(", ")),
        ));
    }
    out
}

fn unnumbered(paras: &[Para<'_>], diags: &mut Vec<Diagnostic>) -> Vec<Outcome> {
    if let Some(&(line, _, _)) = paras.first() {
        diags.push(Diagnostic::new(
            Code::UnnumberedOutcomes,
            Some(line),
            "outcome section has no numbered items; each paragraph taken as one outcome, numbered in order",
        ));
    }
    paras.iter().zip(1..).map(|(&(_, t, _), n)| outcome(n, t.to_owned())).collect()
}

/// An outcome of its text, which it takes: an inline item is a String already, and copying it was a
/// second allocation.
fn outcome(index: u32, text: String) -> Outcome {
    Outcome { index, heading: outcome_heading(&text), text }
}

/// The lead phrase of an outcome: short, no comma, ending in 。, with more text after it.
fn outcome_heading(text: &str) -> Option<String> {
    // A lead of HEADING_MAX_CHARS characters takes at most four bytes each, so a 。 that starts further
    // on ends a lead too long: only the text's start is searched, not the paragraph up to its first 。.
    let window = &text.as_bytes()[..text.len().min(HEADING_MAX_CHARS * 4 + '。'.len_utf8())];
    let at = memchr::memchr_iter(0xE3, window).find(|&i| window[i..].starts_with("。".as_bytes()))?;
    heading_before(&text[..at], &text[at + '。'.len_utf8()..])
}

/// The text before an outcome's first 。 as its heading, given what follows the 。.
fn heading_before(lead: &str, after: &str) -> Option<String> {
    let short = lead.chars().count() <= HEADING_MAX_CHARS;
    let no_comma = !lead.contains([',', ';', ':', '!', '?']);
    (short && no_comma && !lead.is_empty() && !trim(after).is_empty()).then(|| lead.to_owned())
}

/// The roles a list of units writes after a unit, in brackets.
const ROLES: [&str; 6] = ["主办", "牵头", "会办", "协办", "配合", "参办"];

/// The role in brackets that ends `folded`, and where its bracket starts: `区发改局(主办)` → (12, 主办).
/// By hand rather than with a regex, which was 1.3% of a parse (the tests keep it as the oracle).
fn role(folded: &str) -> Option<(usize, &'static str)> {
    let inner = folded.strip_suffix(')')?;
    ROLES.iter().find_map(|&role| Some((inner.strip_suffix(role)?.strip_suffix('(')?.len(), role)))
}

/// A unit with the role written after it, if any.
#[derive(Debug, PartialEq, Eq)]
pub struct Unit {
    pub name: String,
    /// True for (会办), (协办), (配合), (参办).
    pub assisting: bool,
}

/// Splits a list of units, reading role suffixes.
pub fn units(value: &str, gaps: &[usize]) -> Vec<Unit> {
    let mut units = Vec::new();
    split_list(value, gaps, join_units, |item| {
        let folded = fold_traditional(&item);
        let unit = match role(&folded) {
            Some((start, role)) => Unit {
                name: trim(&item[..start]).to_owned(),
                assisting: !matches!(role, "主办" | "牵头"),
            },
            None => Unit { name: item, assisting: false },
        };
        if !unit.name.is_empty() {
            units.push(unit);
        }
    });
    units
}

/// Splits a list of names on 、 , ; / and spaces. `gaps` are the offsets (into `value`) where a space
/// between two Chinese characters was removed: a gap separates two names unless it pads a two-character
/// name (`黎 丽`), which shows as two one-character pieces.
pub fn names(value: &str, gaps: &[usize]) -> Vec<String> {
    let mut names = Vec::new();
    split_list(value, gaps, join_names, |name| names.push(name));
    names
}

/// Makes names of the pieces that gaps cut a part of a list into: [`join_names`] or [`join_units`].
type Join = fn(&[&str]) -> Vec<String>;

/// Splits a list on 、 , ; / 。 and spaces, giving each name that is not empty to `keep`. A part that is
/// all Chinese and holds gaps is cut at them, and `join` decides which of the pieces make one name. The
/// names go to `keep` rather than into a Vec, which for a list of units was copied into another.
fn split_list(value: &str, gaps: &[usize], join: Join, mut keep: impl FnMut(String)) {
    let mut keep = |name: String| {
        if !name.is_empty() {
            keep(name);
        }
    };
    let mut start = 0;
    let bounds = value.char_indices().filter(|&(_, c)| matches!(c, '、' | ',' | ';' | '/' | ' ' | '。'));
    let cuts = bounds.map(|(i, c)| (i, i + c.len_utf8())).chain([(value.len(), value.len())]);
    for (cut_start, cut_end) in cuts {
        let segment = &value[start..cut_start];
        let inner: Vec<usize> = gaps_within(gaps, start, cut_start).collect();
        split_at_gaps(segment, &inner, join, &mut keep);
        start = cut_end;
    }
}

/// Gives the names of one part of a list to `keep`: the part itself, or what `join` makes of the pieces
/// its gaps cut it into.
fn split_at_gaps(segment: &str, gaps: &[usize], join: Join, keep: &mut impl FnMut(String)) {
    let segment = trim(segment);
    if gaps.is_empty() || !segment.chars().all(is_han) {
        keep(segment.to_owned());
        return;
    }
    let mut pieces = Vec::new();
    let mut from = 0;
    for &g in gaps.iter().chain(std::iter::once(&segment.len())) {
        if g <= segment.len() && g > from {
            pieces.push(&segment[from..g]);
            from = g;
        }
    }
    join(&pieces).into_iter().for_each(keep);
}

/// How the names of the bodies that handle proposals end (区财政局, 区委宣传部, 区教育发展中心, 区妇联):
/// in a list of units, a gap ends a name only after one of these. Not 乡 or 镇, which end 城乡 and 城镇
/// inside names (区住房和城乡建设局) more often than a township's name ends a unit in a list spaced
/// without 、.
const UNIT_ENDS: [&str; 27] = [
    "局", "委", "办", "院", "会", "部", "厅", "处", "科", "所", "站", "队", "团", "司", "府", "馆", "校",
    "行", "社", "联", "协", "台", "室", "组", "园", "中心", "街道",
];

/// Fewest characters of a unit's name: `区委` in `区委 宣传部` does not end one.
const UNIT_MIN_CHARS: usize = 3;

/// Pieces of a list of units: a gap separates two units (`区发改局 区财政局`) or is noise from a page
/// that spaces its characters (`区住 建局`, `区 住 建 局`). A piece ends a unit when the name so far is
/// long enough and ends as the names of bodies do; a short rest joins the unit before it.
fn join_units(pieces: &[&str]) -> Vec<String> {
    let mut units: Vec<String> = Vec::new();
    let mut name = String::new();
    for piece in pieces {
        name.push_str(piece);
        if UNIT_ENDS.iter().any(|end| name.ends_with(end)) && name.chars().count() >= UNIT_MIN_CHARS {
            units.push(std::mem::take(&mut name));
        }
    }
    if !name.is_empty() {
        match units.last_mut() {
            Some(last) if name.chars().count() < UNIT_MIN_CHARS => last.push_str(&name),
            _ => units.push(name),
        }
    }
    units
}

/// Pieces of a list of people: pairs single characters (a padded two-character name, `黎 丽`); a lone
/// one joins its neighbour.
fn join_names(pieces: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let one = |s: &str| s.chars().count() == 1;
        if one(pieces[i]) && pieces.get(i + 1).is_some_and(|p| one(p)) {
            names.push(format!("{}{}", pieces[i], pieces[i + 1]));
            i += 2;
        } else if one(pieces[i])
            && let Some(prev) = names.last_mut()
        {
            prev.push_str(pieces[i]);
            i += 1;
        } else if one(pieces[i])
            && let Some(next) = pieces.get(i + 1)
        {
            names.push(format!("{}{}", pieces[i], next));
            i += 2;
        } else {
            names.push(pieces[i].to_owned());
            i += 1;
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use regex::Regex;

    use super::*;

    /// Paragraphs whose text needs no folding.
    fn paras<'a>(items: &[(usize, &'a str)]) -> Vec<Para<'a>> {
        items.iter().map(|&(no, t)| (no, t, t)).collect()
    }

    fn suggestions_of(content: &str) -> Vec<String> {
        suggestions(content, &fold_traditional(content))
    }

    /// The regexes [`marks`] replaces, kept as its oracle, one a style in [`STYLES`] order.
    // must match: 一是   (1)   ①   第一,   1.
    static STYLE_REGEXES: LazyLock<[Regex; STYLES]> = LazyLock::new(|| {
        let re = |s: &str| Regex::new(s).unwrap();
        [
            re(r"([一二三四五六七八九十]{1,3})是"),
            re(r"\(((?-u:\d){1,2})\)"),
            re(r"([①-⑳])"),
            re(r"第([一二三四五六七八九十]{1,3})[,、:]"),
            re(r"((?-u:\d){1,2})(?:、|\.)"),
        ]
    });

    /// Enumerators found with [`STYLE_REGEXES`], the way they were used before [`marks`].
    fn regex_enumerated_at(part: &str, folded: &str) -> Option<(usize, Vec<String>)> {
        let styles = &*STYLE_REGEXES;
        let number_of = |s: &str| {
            let c = s.chars().next()?;
            if ('①'..='⑳').contains(&c) { Some(c as u32 - '①' as u32 + 1) } else { chinese_number(s) }
        };
        for re in styles {
            let marks: Vec<Mark> = re
                .captures_iter(folded)
                .filter_map(|c| {
                    let whole = c.get(0)?;
                    let before = folded[..whole.start()]
                        .trim_end_matches(|c: char| c.is_whitespace() && c != '\n')
                        .chars()
                        .next_back();
                    let at_boundary =
                        before.is_none_or(|b| matches!(b, ';' | '。' | ',' | ':' | '!' | '?' | '\n'));
                    let decimal = whole.as_str().ends_with('.')
                        && folded[whole.end()..].starts_with(|c: char| c.is_ascii_digit());
                    if !at_boundary || decimal {
                        return None;
                    }
                    Some(Mark { start: whole.start(), end: whole.end(), n: number_of(c.get(1)?.as_str())? })
                })
                .collect();
            let chain: Vec<Mark> = chain(marks.iter().copied()).collect();
            if chain.len() >= 2 {
                let items = chain
                    .iter()
                    .enumerate()
                    .map(|(i, m)| tidy(&part[m.end..chain.get(i + 1).map_or(part.len(), |n| n.start)]))
                    .filter(|s| !s.is_empty())
                    .collect();
                return Some((chain[0].start, items));
            }
        }
        None
    }

    /// The regex [`role`] replaced.
    // must match: 区发改局(主办)   区财政局(会办)
    static ROLE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\((主办|牵头|会办|协办|配合|参办)\)$").expect("valid regex"));

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn roles_are_read_as_their_regex_reads_them(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "(", ")", "主办", "牵头", "会办", "协办", "配合", "参办", "主", "办", "区", "局", " ", "((", "))", "a",
            ][..]), 0..8)
        ) {
            let text = pieces.concat();
            let by_regex = ROLE.captures(&text).map(|c| (c.get(0).unwrap().start(), c.get(1).unwrap().as_str()));
            proptest::prop_assert_eq!(role(&text), by_regex);
        }
    }

    /// [`outcome_heading`] as first written, searching the whole paragraph for its first 。: its oracle.
    fn outcome_heading_in_full(text: &str) -> Option<String> {
        let (lead, after) = text.split_once('。')?;
        heading_before(lead, after)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Searching only the start of a paragraph finds the heading a search of all of it finds, with
        /// leads of one-, two-, three- and four-byte characters either side of the limit.
        #[test]
        fn headings_are_found_in_the_paragraphs_start(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "a", "é", "区", "𠀀", "。", ",", " ", "\u{3000}", "加强管理", "abcdefgh", "𠀀𠀀𠀀𠀀",
            ][..]), 0..24)
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(outcome_heading(&text), outcome_heading_in_full(&text));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// The cue's end, searched from shortly before the first 建议 by the forward scan alone, is where
        /// `regex`'s match over the whole text ends.
        #[test]
        fn cues_end_where_a_full_match_ends(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "为此", "因此", "对此", "据此", "特此", "现", "故", "特", ",", "提出", "提", "以下", "如下", "几点",
                "三点", "十二点", "12点", "建议", ":", "如下:", "具体", "甲", "乙乙乙乙乙乙乙乙乙", "。", "a", " ",
            ][..]), 0..12)
        ) {
            static BY_REGEX: LazyLock<Regex> = LazyLock::new(|| Regex::new(SUGGESTION_CUE).unwrap());
            let text = pieces.concat();
            let full = BY_REGEX.find(&text).map(|m| m.end());
            proptest::prop_assert_eq!(cue_end(&text), full, "{}", text);
        }
    }

    /// No marker starts with a byte [`may_open_mark`] turns away, before what completes a marker of each
    /// style after its first character (`一是`, `(1)`, `1、`, `第一、`).
    #[test]
    fn markers_start_with_these_bytes() {
        let mut s = String::new();
        let chars = crate::grammar::first_characters_to_try();
        for c in chars.filter(|&c| !may_open_mark(c.encode_utf8(&mut [0; 4]).as_bytes()[0])) {
            for ending in ["是", "1)", "、", "一、"] {
                s.clear();
                s.push(c);
                s.push_str(ending);
                assert_eq!(mark_at(&s), None, "{s:?}");
            }
        }
    }

    proptest::proptest! {
        /// Stepping a character at a time finds what a search of the characters finds.
        #[test]
        fn boundaries_are_found_character_by_character(s in "[;,:!?\n。、a1区政协𠀀é]*", from in 0usize..40) {
            let from = (0..=from.min(s.len())).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
            let by_chars = s[from..]
                .char_indices()
                .find(|&(_, c)| matches!(c, ';' | ',' | ':' | '!' | '?' | '\n' | '。'))
                .map(|(i, c)| from + i + c.len_utf8());
            proptest::prop_assert_eq!(next_boundary(s.as_bytes(), from), by_chars);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn one_pass_enumerators_agree_with_their_regexes(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "一是", "二是", "三是", "十一是", "十二是", "一二是", "三二一是", "一二三四是", "统一是", "(1)", "(2)", "(3)", "(12)",
                "(123)", "①", "②", "③", "第一,", "第二、", "第三:", "第十一,", "第一二三四,", "1.", "2.",
                "3、", "1.5", "12、", "123、", ";", "。", ",", ":", "!", "?", "\n", " ", "甲", "乙", "是",
                "第", "(", ")", "一", "二", "1", "2",
            ][..]), 0..14)
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(enumerated_at(&text, &text), regex_enumerated_at(&text, &text));
        }
    }

    #[test]
    fn suggestions_by_ordinal_words() {
        let got =
            suggestions_of("背景。为此建议:一是完善体系,加大服务;二是支持企业加快科技创新;三是营造生态。");
        assert_eq!(got, ["完善体系,加大服务", "支持企业加快科技创新", "营造生态"]);
        let got = suggestions_of(
            "因此,提出以下建议:一是推广电动车,幸福感更高。二是采用降噪沥青,有效减轻噪声问题。",
        );
        assert_eq!(got, ["推广电动车,幸福感更高", "采用降噪沥青,有效减轻噪声问题"]);
    }

    #[test]
    fn suggestions_by_other_enumerators_and_semicolons() {
        assert_eq!(suggestions_of("建议如下:(1)加强甲;(2)完善乙。"), ["加强甲", "完善乙"]);
        assert_eq!(suggestions_of("为此建议:第一,加强甲;第二,完善乙。"), ["加强甲", "完善乙"]);
        assert_eq!(suggestions_of("为此建议:①加强甲;②完善乙。"), ["加强甲", "完善乙"]);
        assert_eq!(suggestions_of("因此建议:\n1.加强甲;\n2.完善乙。"), ["加强甲", "完善乙"]);
        assert_eq!(suggestions_of("因此建议:鼓励甲;加大乙;加强丙。"), ["鼓励甲", "加大乙", "加强丙"]);
        assert_eq!(suggestions_of("为此建议:统一是非标准,加强管理。"), ["统一是非标准,加强管理"]);
        assert!(suggestions_of("没有建议的内容。").is_empty());
    }

    #[test]
    fn items_one_per_line_without_closing_punctuation() {
        // Each item a paragraph of its own, as a heading-like phrase with no full stop.
        assert_eq!(suggestions_of("因此建议:\n1.加强甲\n2.完善乙"), ["加强甲", "完善乙"]);
        assert_eq!(suggestions_of("为此建议:\n一是加强甲\n二是完善乙"), ["加强甲", "完善乙"]);
    }

    #[test]
    fn outcome_headings() {
        assert_eq!(outcome_heading("深化梯队建设。建立专精特新").as_deref(), Some("深化梯队建设"));
        assert_eq!(outcome_heading("谋划成立科创基金,组建基金。"), None);
        assert_eq!(outcome_heading("只有一句。"), None);
        assert_eq!(outcome_heading("加快推进充电基础设施建设以及运营规章制度筹划工作。待条件成熟后"), None);
    }

    #[test]
    fn outcomes_numbered_with_continuations_and_gaps() {
        let mut diags = Vec::new();
        let got = outcomes(&paras(&[(1, "引言。"), (2, "1.甲。乙"), (3, "续。"), (4, "3.丙")]), &mut diags);
        let view: Vec<_> = got.iter().map(|o| (o.index, o.text.as_str())).collect();
        assert_eq!(view, [(1, "甲。乙\n续。"), (3, "丙")]);
        let codes: Vec<_> = diags.iter().map(|d| (d.code.as_str(), d.line)).collect();
        assert_eq!(codes, [("outcome-preamble", Some(1)), ("outcome-numbering", Some(4))]);
    }

    #[test]
    fn an_outcomes_heading_is_read_in_its_own_paragraph() {
        // 已完成。 ends its paragraph: nothing follows its 。 there, so it is no heading, whatever the
        // paragraph after it says.
        let paras = paras(&[(1, "1.已完成。"), (2, "续办事项。"), (3, "2.深化建设。建立机制")]);
        let got = outcomes(&paras, &mut Vec::new());
        let view: Vec<_> = got.iter().map(|o| (o.heading.as_deref(), o.text.as_str())).collect();
        assert_eq!(view, [(None, "已完成。\n续办事项。"), (Some("深化建设"), "深化建设。建立机制")]);
    }

    #[test]
    fn outcomes_inline_and_unnumbered() {
        let mut diags = Vec::new();
        let got = outcomes(&paras(&[(1, "一是加强甲;二是完善乙。")]), &mut diags);
        assert_eq!(got.iter().map(|o| o.text.as_str()).collect::<Vec<_>>(), ["加强甲", "完善乙"]);
        assert!(diags.is_empty());
        let got = outcomes(&paras(&[(1, "已落实。"), (2, "已推进。")]), &mut diags);
        assert_eq!(got.iter().map(|o| o.index).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(diags[0].code, Code::UnnumberedOutcomes);
    }

    #[test]
    fn name_lists() {
        assert_eq!(names("叶建宏、陈金良", &[]), ["叶建宏", "陈金良"]);
        assert_eq!(names("叶建宏陈金良", &[9]), ["叶建宏", "陈金良"]);
        assert_eq!(names("黎丽", &[3]), ["黎丽"]);
        assert_eq!(names("黎丽叶建宏", &[3, 6]), ["黎丽", "叶建宏"]);
        assert_eq!(names("欧阳锋", &[6]), ["欧阳锋"]);
        assert_eq!(names("张三, 李四;王五", &[]), ["张三", "李四", "王五"]);
    }

    #[test]
    fn unit_lists_split_at_a_gap_only_after_a_whole_name() {
        let names =
            |value: &str, gaps: &[usize]| units(value, gaps).into_iter().map(|u| u.name).collect::<Vec<_>>();
        // 区发改局 区财政局
        assert_eq!(names("区发改局区财政局", &[12]), ["区发改局", "区财政局"]);
        // 区住 建局, and 区 住 建 局 from a PDF that spaces every character
        assert_eq!(names("区住建局", &[6]), ["区住建局"]);
        assert_eq!(names("区住建局", &[3, 6, 9]), ["区住建局"]);
        // 区委 宣传部: 区委 is too short to be a name that ends there
        assert_eq!(names("区委宣传部", &[6]), ["区委宣传部"]);
        assert_eq!(names("区委宣传部区财政局", &[3, 6, 9, 12, 15, 18, 21, 24]), ["区委宣传部", "区财政局"]);
        assert_eq!(names("区湘湖管委会、区财政局", &[6]), ["区湘湖管委会", "区财政局"]);
        // 区住 房和 城乡 建设 局
        assert_eq!(names("区住房和城乡建设局", &[6, 12, 18, 24]), ["区住房和城乡建设局"]);
    }

    #[test]
    fn unit_roles() {
        let got = units("区发改局(主办)、区财政局(会办)", &[]);
        let want = [
            Unit { name: "区发改局".into(), assisting: false },
            Unit { name: "区财政局".into(), assisting: true },
        ];
        assert_eq!(got, want);
    }
}
