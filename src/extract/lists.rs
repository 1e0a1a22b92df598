//! Lists inside a block: suggestions after the cue, numbered outcomes, and names or units in a field.
//!
//! Enumerations are found as chains (1, 2, 3 … in order), so a stray `一是` inside a word or a `①`
//! footnote mark in a sentence does not split an item.

use std::sync::LazyLock;

use regex::Regex;

use crate::grammar::{Style, enumerator, item_marker};
use crate::model::{Code, Diagnostic, Outcome};
use crate::normalize::gaps_within;
use crate::text::{fold_traditional, is_han, trim, utf8_len};

/// The cue that introduces the suggestions of a proposal ([`CUE`]).
// must match: 为此建议:   因此建议:   因此,提出以下建议:   建议如下:   现提出三点建议:
static SUGGESTION_CUE: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?:(?:为此|因此|对此|据此|特此|现|故|特)?,?提出?(?:以下|如下|几点|[{}0-9]{{1,2}}点)建议:?|建议如下:?|(?:为此|因此|对此|据此|特此|故|特)建议:?|(?:具体)?建议:)",
        crate::grammar::counting_numerals()
    )
});

static CUE: LazyLock<Regex> = LazyLock::new(|| Regex::new(&SUGGESTION_CUE).expect("valid regex"));

/// Where the first [`SUGGESTION_CUE`] of a (folded) text ends.
fn cue_end(folded: &str) -> Option<usize> {
    CUE.find(folded).map(|m| m.end())
}

/// The suggestions of a content section (`content`, and the same text folded to Simplified): what
/// follows the cue, split into items.
pub fn suggestions(content: &str, folded: &str) -> Vec<String> {
    let Some(end) = cue_end(folded) else {
        return Vec::new();
    };
    let part = &content[end..];
    let folded_part = &folded[end..];
    if let Some(items) = enumerated(part, folded_part, tidy) {
        return items;
    }
    let separator = if part.contains(';') { ';' } else { '\n' };
    part.split(separator).map(tidy).filter(|s| !s.is_empty()).collect()
}

/// A marker found in the text: where it starts and ends, and its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Mark {
    start: usize,
    end: usize,
    n: u32,
}

/// Splits `part` at the enumerators of one style that form a chain 1, 2, … of at least two items,
/// each item tidied by `tidy`. Markers count only at the start or after punctuation, never inside a
/// word (统一是). Where several styles form chains, the one that starts first is the list: a list
/// nested in an item (`(一)…:一是…二是…;(二)…`) starts after the item's own marker.
fn enumerated(part: &str, folded: &str, tidy: fn(&str) -> String) -> Option<Vec<String>> {
    enumerated_at(part, folded, tidy).map(|(_, items)| items)
}

/// Like [`enumerated`], only when the first marker opens the text.
fn enumerated_from_start(part: &str, folded: &str, tidy: fn(&str) -> String) -> Option<Vec<String>> {
    enumerated_at(part, folded, tidy).filter(|&(start, _)| start == 0).map(|(_, items)| items)
}

/// The items, and where the first marker starts.
fn enumerated_at(part: &str, folded: &str, tidy: fn(&str) -> String) -> Option<(usize, Vec<String>)> {
    let marks = marks(folded);
    let of_style = |style: Style| marks.iter().filter(move |(s, _)| *s == style).map(|(_, m)| *m);
    let style = marks
        .iter()
        .map(|&(style, _)| style)
        .filter(|&style| chain(of_style(style)).nth(1).is_some())
        .min_by_key(|&style| chain(of_style(style)).next().map_or(usize::MAX, |m| m.start))?;
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

/// The enumerators of a (folded) text with their styles, in one pass. An enumerator counts only where a
/// list item can start: at the start, after sentence or clause punctuation, or at the start of a line
/// (items one a paragraph), white space between allowed. The pass jumps from one such place to the next.
fn marks(folded: &str) -> Vec<(Style, Mark)> {
    let mut marks = Vec::new();
    let b = folded.as_bytes();
    let mut at = 0;
    loop {
        let start = at + (folded[at..].len() - folded[at..].trim_start().len());
        if let Some(e) = enumerator(&folded[start..]) {
            marks.push((e.style, Mark { start, end: start + e.len, n: e.number }));
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

/// The run 1, 2, 3 … taken greedily in text order from the first 1.
fn chain(marks: impl Iterator<Item = Mark>) -> impl Iterator<Item = Mark> {
    let mut want = 1;
    marks.filter(move |m| {
        let next = m.n == want;
        want += u32::from(next);
        next
    })
}

/// A suggestion: a clause of the cue's sentence, without the punctuation that separates it from the next
/// or ends the sentence.
fn tidy(s: &str) -> String {
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, ';' | '。' | ',' | '、' | ':' | '.')).to_owned()
}

/// An outcome: its text as written, closing punctuation and all, without the white space around it.
fn as_written(s: &str) -> String {
    trim(s).to_owned()
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
    // The style each paragraph opens with: a list one item a paragraph is not split inside them.
    let styles: Vec<Option<Style>> =
        paras.iter().map(|&(_, _, folded)| enumerator(folded).map(|e| e.style)).collect();
    for (k, &(line, text, folded)) in paras.iter().enumerate() {
        if let Some((n, len)) = item_marker(folded) {
            // 一是…;二是… written inline in one paragraph: each is an item of its own, when the paragraph
            // opens with the first and no other paragraph opens in its style.
            let alone = || styles.iter().enumerate().all(|(j, s)| j == k || *s != styles[k]);
            let inline =
                if n == 1 && alone() { enumerated_from_start(text, folded, as_written) } else { None };
            match inline {
                Some(items) => {
                    for (t, i) in items.into_iter().zip(1..) {
                        push(&mut out, line, outcome(i, t));
                    }
                }
                None => push(&mut out, line, outcome(n, trim(&text[len..]).to_owned())),
            }
        } else if let Some(last) = out.last_mut() {
            last.text.push('\n');
            last.text.push_str(text);
        } else {
            preamble.get_or_insert(line);
        }
    }
    if out.is_empty() {
        return inline(paras, diags).unwrap_or_else(|| unnumbered(paras, diags));
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

/// Outcomes enumerated inside the section's first paragraph after a sentence that leads into them
/// (`…统筹推进。一是…。二是…。`), the paragraphs after it going on with the last item. The lead-in is no
/// outcome: an info says it is not kept.
fn inline(paras: &[Para<'_>], diags: &mut Vec<Diagnostic>) -> Option<Vec<Outcome>> {
    let &(line, first, _) = paras.first()?;
    let text = super::join_lines(paras.iter().map(|&(_, t, _)| t));
    let folded = super::join_lines(paras.iter().map(|&(_, _, f)| f));
    let (start, items) =
        enumerated_at(&text, &folded, as_written).filter(|&(start, _)| start < first.len())?;
    if start > 0 {
        diags.push(Diagnostic::new(
            Code::OutcomePreamble,
            Some(line),
            "text before the first numbered outcome is not an outcome item and is not kept",
        ));
    }
    Some(items.into_iter().zip(1..).map(|(t, i)| outcome(i, t)).collect())
}

/// Paragraphs joined with line breaks.
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
/// By hand rather than with a regex, which cost a noticeable share of a parse for one field (the tests
/// keep the regex as the oracle).
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
    for (cut_start, cut_end) in cuts(value) {
        let segment = &value[start..cut_start];
        let inner: Vec<usize> = gaps_within(gaps, start, cut_start).collect();
        split_at_gaps(segment, &inner, join, &mut keep);
        start = cut_end;
    }
}

/// Where a list is cut: at 、 , ; / 。 and spaces outside brackets, and after a bracket that closes before
/// more text (`吳清泉(市政協主席)陳雅琳(副市長)`): each cut's start and end, then the value's end.
fn cuts(value: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut depth = 0usize;
    let mut chars = value.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some((i, c)) = chars.next() {
            match c {
                '(' | '[' | '【' => depth += 1,
                ')' | ']' | '】' if depth > 0 => {
                    depth -= 1;
                    let more = chars.peek().is_some_and(|&(_, next)| !is_list_separator(next));
                    if depth == 0 && more {
                        let end = i + c.len_utf8();
                        return Some((end, end));
                    }
                }
                c if depth == 0 && is_list_separator(c) => return Some((i, i + c.len_utf8())),
                _ => {}
            }
        }
        None
    })
    .chain([(value.len(), value.len())])
}

fn is_list_separator(c: char) -> bool {
    matches!(c, '、' | ',' | ';' | '/' | ' ' | '。')
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

    /// Items in every style, inline after clause punctuation or one a line, come back without their
    /// enumerators.
    #[test]
    fn suggestions_in_every_style() {
        let styles: [fn(u32) -> String; 8] = [
            |n| format!("{}是", ["一", "二", "三"][n as usize - 1]),
            |n| format!("({n})"),
            |n| format!("({})", ["一", "二", "三"][n as usize - 1]),
            |n| char::from_u32(0x2460 + n - 1).unwrap().to_string(),
            |n| format!("第{},", ["一", "二", "三"][n as usize - 1]),
            |n| format!("{n}."),
            |n| format!("{n}、"),
            |n| format!("{}、", ["一", "二", "三"][n as usize - 1]),
        ];
        for style in styles {
            for sep in [
                ";", "
", "。",
            ] {
                let items: Vec<String> = (1..=3).map(|n| format!("{}加强第{n}项工作", style(n))).collect();
                let text = format!("背景。为此建议:{}", items.join(sep));
                assert_eq!(
                    suggestions_of(&text),
                    ["加强第1项工作", "加强第2项工作", "加强第3项工作"],
                    "{text}"
                );
            }
        }
    }

    /// A list nested in an item is part of the item: the list is the one that starts first.
    #[test]
    fn a_nested_list_stays_inside_its_item() {
        let got = suggestions_of("为此建议:(一)完善机制:一是建库,二是评估;(二)加大投入。");
        assert_eq!(got, ["完善机制:一是建库,二是评估", "加大投入"]);
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
    fn outcomes_inline_after_a_lead_in() {
        let mut diags = Vec::new();
        let got = outcomes(
            &paras(&[
                (1, "市水利局统筹推进。一是修复岸线2.8公里。二是建成廊道一期。"),
                (2, "同时,开展巡查86次。"),
            ]),
            &mut diags,
        );
        let texts: Vec<_> = got.iter().map(|o| o.text.as_str()).collect();
        assert_eq!(texts, ["修复岸线2.8公里。", "建成廊道一期。\n同时,开展巡查86次。"]);
        assert_eq!(
            diags.iter().map(|d| (d.code, d.line)).collect::<Vec<_>>(),
            [(Code::OutcomePreamble, Some(1))]
        );
        // A list further on is inside an outcome of its own, not the section's list.
        let got = outcomes(&paras(&[(1, "已落实。"), (2, "分两步:一是摸底,二是整治。")]), &mut Vec::new());
        let texts: Vec<_> = got.iter().map(|o| (o.index, o.text.as_str())).collect();
        assert_eq!(texts, [(1, "已落实。"), (2, "分两步:一是摸底,二是整治。")]);
    }

    #[test]
    fn outcomes_inline_and_unnumbered() {
        let mut diags = Vec::new();
        // Each item keeps its closing punctuation, as a numbered paragraph does.
        let got = outcomes(&paras(&[(1, "一是加强甲;二是完善乙。")]), &mut diags);
        assert_eq!(got.iter().map(|o| o.text.as_str()).collect::<Vec<_>>(), ["加强甲;", "完善乙。"]);
        let got = outcomes(&paras(&[(1, "(1)加强甲。(2)完善乙。")]), &mut diags);
        assert_eq!(got.iter().map(|o| o.text.as_str()).collect::<Vec<_>>(), ["加强甲。", "完善乙。"]);
        assert!(diags.is_empty());
        // One item a paragraph: a `2.` inside the first is no item of its own.
        let got = outcomes(&paras(&[(1, "1.分两步:1.摸底;2.整治。"), (2, "2.完善乙。")]), &mut diags);
        assert_eq!(
            got.iter().map(|o| o.text.as_str()).collect::<Vec<_>>(),
            ["分两步:1.摸底;2.整治。", "完善乙。"]
        );
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
    fn a_bracket_holds_its_list_and_ends_a_name() {
        assert_eq!(names("林泽宇(市委常委、副市长)", &[]), ["林泽宇(市委常委、副市长)"]);
        assert_eq!(names("吳清泉(市政協主席)陳雅琳(副市長)", &[]), ["吳清泉(市政協主席)", "陳雅琳(副市長)"]);
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
