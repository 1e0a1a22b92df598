//! Text: the character helpers every stage shares. Trimming without a searcher, what an ideograph is,
//! a UTF-8 lead byte's length, and folding Traditional characters to Simplified (for matching only: the
//! text keeps its script), with the bit map of the Traditional characters it is looked up in.

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::traditional::{SIMPLIFIED, TRADITIONAL};

/// Bit maps over the three-byte code points (U+0800–U+FFFF): row = code point >> 6, which a character's
/// first two bytes give directly, and bit = code point & 63, from its third byte.
pub(crate) type Map3 = [u64; 1024];

/// Whether `map` holds character `c`; characters outside U+0800–U+FFFF are in no [`Map3`].
pub(crate) fn in_map3(map: &Map3, c: char) -> bool {
    let cp = c as usize;
    (0x800..0x10000).contains(&cp) && map[cp >> 6] & (1 << (cp & 63)) != 0
}

/// `map` with the characters `from..=to` added.
pub(crate) const fn set_range(mut map: Map3, from: u32, to: u32) -> Map3 {
    let mut cp = from;
    while cp <= to {
        map[(cp >> 6) as usize] |= 1 << (cp & 63);
        cp += 1;
    }
    map
}

/// [`TRADITIONAL`] as a [`Map3`]; every entry is three bytes (test `traditional_folding_keeps_byte_offsets`).
pub(crate) static TRAD3: Map3 = {
    let mut m = [0; 1024];
    let b = TRADITIONAL.as_bytes();
    let mut i = 0;
    while i + 2 < b.len() {
        let cp = ((b[i] as u32 & 0x0F) << 12) | ((b[i + 1] as u32 & 0x3F) << 6) | (b[i + 2] as u32 & 0x3F);
        m = set_range(m, cp, cp);
        i += 3;
    }
    m
};

pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// The length of the character a lead byte starts.
pub(crate) const fn utf8_len(x: u8) -> u8 {
    match x {
        0x00..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// `str::trim`, which runs a searcher over the characters at each end: about a twentieth of the parse,
/// called on every line, field and item. Most strings here have no white space at either end, which one
/// byte at each end tells for ideographs and printable ASCII, three for the punctuation of U+2000–U+3FFF
/// (`no_space_at`), and the first and last characters decoded for others.
pub fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    // The last character's first byte: the last byte that is not a continuation byte.
    let last = b.iter().rev().take(4).position(|&x| !(0x80..0xC0).contains(&x)).map(|k| b.len() - 1 - k);
    match last {
        None => s,
        Some(last) if no_space_at(b, 0) && no_space_at(b, last) => s,
        _ => {
            let mut chars = s.chars();
            let (first, last) = (chars.next(), chars.next_back());
            if first.is_some_and(char::is_whitespace) || last.is_some_and(char::is_whitespace) {
                s.trim()
            } else {
                s
            }
        }
    }
}

/// Whether the character at byte `i` of `b`, a character boundary, is no white space, as its bytes tell
/// without decoding it: by its first byte ([`starts_no_space`]), or for U+2000–U+3FFF (`。`, `”`, `…`,
/// `《`, which end and open many lines) by the bytes of the few spaces there (test
/// `no_space_starts_with_these`).
pub(crate) fn no_space_at(b: &[u8], i: usize) -> bool {
    match b.get(i..) {
        Some([x, ..]) if starts_no_space(*x) => true,
        // U+3000, the wide space.
        Some([0xE3, y, z, ..]) => [*y, *z] != [0x80, 0x80],
        // U+2000–U+200A, U+2028, U+2029, U+202F; U+205F.
        Some([0xE2, 0x80, z, ..]) => !matches!(z, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
        Some([0xE2, 0x81, z, ..]) => *z != 0x9F,
        Some([0xE2, ..]) => true,
        _ => false,
    }
}

/// A first byte of no white-space character: printable ASCII but the space, and the lead bytes of
/// U+00C0–U+0FFF and of U+4000 on, where Unicode has no white space (test `no_space_starts_with_these`).
pub(crate) fn starts_no_space(x: u8) -> bool {
    matches!(x, 0x21..=0x7E | 0xC3..=0xE0 | 0xE4..=0xF4)
}

/// Maps Traditional characters to Simplified ([`TRADITIONAL`]), one character for one (all are three bytes in UTF-8, so byte offsets stay valid). Only for
/// matching: the text itself keeps the script it was written in.
pub fn fold_traditional(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_traditional) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(fold_chars(s))
}

/// Maps every character with [`trad_to_simp`]. The folded text has the same length (each pair is three
/// bytes), so it is built in one allocation, the stretches between Traditional characters copied whole.
pub(crate) fn fold_chars(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (i, c) in text.char_indices() {
        if let Some(simplified) = trad_to_simp(c) {
            out.push_str(&text[copied..i]);
            out.push(simplified);
            copied = i + c.len_utf8();
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// Traditional → Simplified for the CJK block, indexed by code point − U+4E00; 0 where a character
/// has no entry. A direct lookup: this runs on every character of every line.
pub(crate) static TRAD_TABLE: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut table = vec!['\0'; CJK_LEN];
    for (t, s) in TRADITIONAL.chars().zip(SIMPLIFIED.chars()) {
        if let Some(slot) = (t as usize).checked_sub(CJK_START).and_then(|i| table.get_mut(i)) {
            *slot = s;
        }
    }
    table
});

pub(crate) fn is_traditional(c: char) -> bool {
    in_map3(&TRAD3, c)
}

pub(crate) const CJK_START: usize = 0x4E00;

pub(crate) const CJK_LEN: usize = 0xA000 - 0x4E00;

pub(crate) fn trad_to_simp(c: char) -> Option<char> {
    if !is_traditional(c) {
        return None;
    }
    TRAD_TABLE.get(c as usize - CJK_START).copied()
}
