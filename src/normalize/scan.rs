//! Scan: one pass over a line's bytes that says which cleaning steps it needs and what else it holds
//! (an entity, a gloss, white space, doubled punctuation, Traditional characters …), so that a plain
//! line of Chinese text, most lines, is passed over whole.

#[allow(clippy::wildcard_imports)]
use super::*;

/// What one scan of a line says: the cleaning steps it needs, and what else it holds.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Scan {
    /// `&`: maybe an HTML entity.
    pub(super) entity: bool,
    /// A character that is neither [`plain`] nor [`wide`]: NFKC, dropped characters.
    pub(super) fold: bool,
    /// A [`wide`] character: [`narrow`] replaces it, or [`tighten`] if it is a space.
    pub(super) wide: bool,
    /// `(` then a letter a gloss can open with ([`gloss_letter_at`]), the parenthesis full-width or not:
    /// maybe a pinyin gloss.
    pub(super) gloss: bool,
    /// White space.
    pub(super) space: bool,
    /// Two list punctuation marks in a row, full-width or not.
    pub(super) doubled: bool,
    /// A character [`fold_traditional`] maps.
    pub(super) traditional: bool,
    /// `??`.
    pub(super) question_pair: bool,
    /// A form feed.
    pub(super) form_feed: bool,
    /// U+FFFD.
    pub(super) replacement: bool,
    /// `[`: maybe the font-size switch of site furniture (`[大] [中] [小]`, [`is_furniture`]).
    pub(super) bracket: bool,
    /// `|`, `>` or `:`: maybe a navigation bar or a line of metadata ([`is_chrome`]).
    pub(super) separator: bool,
}

impl Scan {
    /// One pass over the bytes. Plain three-byte characters (ideographs, most punctuation), nearly all of
    /// a line, take the short path: a match on the character. The flags that depend on a pair of characters
    /// (`(a`, `??`, `,,`) look one character ahead from the first of the pair, so no previous character
    /// is carried through the loop.
    pub(super) fn of(s: &str) -> Scan {
        let mut n = Scan::default();
        let b = s.as_bytes();
        let mut i = 0;
        loop {
            // A run of plain three-byte characters (ideographs, most punctuation), nearly all of a line,
            // in a loop that the slice pattern keeps free of bounds checks. The character that ends the
            // run is taken below.
            let mut rest = &b[i..];
            while let [x, y, z, tail @ ..] = rest {
                if x & 0xF0 != 0xE0 {
                    break; // not a three-byte character
                }
                let code = u32::from(x & 0x0F) << 12 | u32::from(y & 0x3F) << 6 | u32::from(z & 0x3F);
                let Some(c) = char::from_u32(code).filter(|&c| plain_three(c)) else { break };
                n.traditional |= is_traditional(c);
                rest = tail;
            }
            i = b.len() - rest.len();
            let Some(&x) = b.get(i) else { break };
            if x < 0x80 {
                i += 1;
                if QUIET_ASCII[usize::from(x)] {
                    continue;
                }
                match x {
                    b'(' => n.gloss |= gloss_letter_at(b, i),
                    b'?' => n.question_pair |= b.get(i) == Some(&b'?'),
                    b',' | b';' => n.doubled |= list_punct_at(b, i),
                    _ => n.alone(char::from(x)),
                }
                continue;
            }
            if let Some(&[x, y, z]) = b.get(i..i + 3) {
                if list_punct_at(b, i) {
                    n.wide |= x == 0xEF;
                    i += 3;
                    n.doubled |= list_punct_at(b, i);
                    continue;
                }
                // Full-width ASCII (U+FF01–U+FF5E), on every line of some documents.
                if let [0xEF, 0xBC, 0x81..=0xBF] | [0xEF, 0xBD, 0x80..=0x9E] = [x, y, z] {
                    n.wide = true;
                    n.gloss |= [y, z] == [0xBC, 0x88] && gloss_letter_at(b, i + 3); // `（`
                    i += 3;
                    continue;
                }
            }
            let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
            i += c.len_utf8();
            n.alone(c);
        }
        n
    }

    /// What character `c`, after `prev`, adds: the definition the short paths of [`Scan::of`] keep to,
    /// which the tests hold them to.
    #[cfg(test)]
    pub(super) fn step(&mut self, prev: char, c: char) {
        self.alone(c);
        self.gloss |= matches!(prev, '(' | '（') && gloss_letter(c);
        self.question_pair |= prev == '?' && c == '?';
        self.doubled |= list_punct_either_width(c) && list_punct_either_width(prev);
    }

    /// The flags of character `c` put into a line whose other characters were scanned without it (an
    /// entity decoded): its own, and each flag of a pair it could make with a neighbour, as if it did.
    /// Setting a flag a line does not need costs only the cleaning step's time.
    pub(super) fn made(&mut self, c: char) {
        self.alone(c);
        self.gloss |= matches!(c, '(' | '（') || gloss_letter(c);
        self.question_pair |= c == '?';
        self.doubled |= list_punct_either_width(c);
    }

    /// Every flag set in either scan.
    pub(super) fn or(self, other: Scan) -> Scan {
        Scan {
            entity: self.entity || other.entity,
            fold: self.fold || other.fold,
            wide: self.wide || other.wide,
            gloss: self.gloss || other.gloss,
            space: self.space || other.space,
            doubled: self.doubled || other.doubled,
            traditional: self.traditional || other.traditional,
            question_pair: self.question_pair || other.question_pair,
            form_feed: self.form_feed || other.form_feed,
            replacement: self.replacement || other.replacement,
            bracket: self.bracket || other.bracket,
            separator: self.separator || other.separator,
        }
    }

    /// Whether the cleaned line can hold a `[`: the raw line has one, or a character that cleaning can turn
    /// into one (`［` narrowed, `&#91;` decoded, `﹇` folded by NFKC). Most lines cannot, and the furniture
    /// filter then skips its search for the font-size switch.
    pub(super) fn may_hold_bracket(self) -> bool {
        self.bracket || self.wide || self.entity || self.fold
    }

    /// Whether the cleaned line can be page chrome ([`is_chrome`]): the raw line has a separator, or a
    /// character that cleaning can turn into one (`｜` `：` narrowed, `&gt;` decoded), or `»` `›`, which
    /// are not [`plain`]. Most lines cannot, and are not searched for one.
    pub(super) fn may_be_chrome(self) -> bool {
        self.separator || self.wide || self.entity || self.fold
    }

    /// The flags character `c` sets by itself, whatever comes before or after it.
    pub(super) fn alone(&mut self, c: char) {
        let plain = plain(c);
        self.fold |= !plain && !wide(c);
        self.wide |= wide(c);
        self.entity |= c == '&';
        // Of the plain characters only ' ' is white space; tabs and wide spaces are not plain.
        self.space |= c == ' ' || (!plain && c.is_whitespace());
        self.form_feed |= c == '\u{c}';
        self.replacement |= c == '\u{FFFD}';
        self.bracket |= c == '[';
        self.separator |= matches!(c, '|' | '>' | ':');
        self.traditional |= is_traditional(c);
    }
}

/// Whether a list punctuation mark (`,` `、` `;` `。`), or the full-width form of one, starts at byte `i`
/// of `b`.
pub(super) fn list_punct_at(b: &[u8], i: usize) -> bool {
    // `，` and `；`
    list_punct_len(b, i) > 0 || matches!(b.get(i..), Some([0xEF, 0xBC, 0x8C | 0x9B, ..]))
}

/// A list punctuation mark ([`is_list_punct`]) or the full-width form of one: what [`list_punct_at`]
/// finds by bytes.
pub(super) fn list_punct_either_width(c: char) -> bool {
    is_list_punct(c) || matches!(c, '，' | '；')
}

/// A letter a pinyin gloss can open with: a lowercase letter, full-width or not, or a [`pinyin_letter`].
pub(super) fn gloss_letter(c: char) -> bool {
    matches!(c, 'a'..='z' | 'ａ'..='ｚ') || pinyin_letter(c)
}

/// Whether a [`gloss_letter`] starts at byte `i` of `b`.
pub(super) fn gloss_letter_at(b: &[u8], i: usize) -> bool {
    match b.get(i..) {
        // `ａ`–`ｚ` are U+FF41–U+FF5A.
        Some([b'a'..=b'z', ..] | [0xEF, 0xBD, 0x81..=0x9A, ..]) => true,
        // The pinyin letters are U+00E0–U+01DC: two bytes, the first 0xC3–0xC7.
        Some(&[x @ 0xC3..=0xC7, y, ..]) => {
            char::from_u32(u32::from(x & 0x1F) << 6 | u32::from(y & 0x3F)).is_some_and(pinyin_letter)
        }
        _ => false,
    }
}

/// The letters of pinyin that carry a tone, and `ü`, as [`PINYIN_GLOSS`] knows them.
pub(super) fn pinyin_letter(c: char) -> bool {
    // U+00E0 `à` to U+01DC `ǜ`: most characters are told by their code point alone.
    ('\u{E0}'..='\u{1DC}').contains(&c) && "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(c)
}

/// Printable ASCII that sets no flag of [`Scan`], alone or as the first of a pair: not `&`, space, `(`,
/// `?`, `,`, `;`, `[`, `|`, `>` or `:`.
pub(super) static QUIET_ASCII: [bool; 128] = {
    let mut quiet = [false; 128];
    let mut x = 0x21;
    while x < 0x7F {
        quiet[x] = !matches!(x as u8, b'&' | b'(' | b'?' | b',' | b';' | b'[' | b'|' | b'>' | b':');
        x += 1;
    }
    quiet
};

/// The [`plain`] characters of three bytes, less `、` and `。`, which the scan must see as list punctuation.
pub(super) fn plain_three(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{300A}'..='\u{3011}' | '〔' | '〕' | '“' | '”' | '‘' | '’'
        | '—' | '…' | '\u{2460}'..='\u{2473}')
}
