//! A PDF's fonts: how a shown string is cut into character codes, what character each code is, and how
//! wide its glyph is. A code means what the font's ToUnicode table says; without one, what the
//! predefined CMap it is set in says (`UniGB-UCS2-H` codes are UCS-2, `GBK-EUC-H` codes are GBK bytes,
//! and their kin for GB 18030, Big5 and UTF-16), or a simple font's encoding and its `Differences`.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

/// The most a stream (a page's content, a font's table) may unpack to.
pub(super) const MAX_CONTENT: usize = 64 << 20;

/// A number operand or entry; anything else counts as zero, as viewers read a damaged one.
pub(super) fn number(o: &Object) -> f32 {
    o.as_float().unwrap_or(0.0)
}

/// One character code shown by a font: its bytes read as a number, and how many there were.
#[derive(Debug, Clone, Copy)]
pub(super) struct Code {
    pub(super) value: u32,
    pub(super) len: u8,
    /// The bytes themselves, for encodings that decode them (up to four).
    pub(super) bytes: [u8; 4],
}

/// How a font's codes are cut from a string and what they mean without a ToUnicode table.
#[derive(Debug, Clone)]
enum Scheme {
    /// A simple font: one byte a code, meaning its encoding's character.
    Simple(Box<[Option<char>; 256]>),
    /// A predefined CMap whose codes are a character set's own bytes.
    Charset(&'static encoding_rs::Encoding, &'static str),
    /// A predefined CMap whose codes are UCS-2 (`Uni…-UCS2-H`).
    Ucs2(&'static str),
    /// `Identity-H` and embedded CMaps: two bytes a code, meaning only what ToUnicode says.
    TwoBytes,
    /// Codes whose lengths the ToUnicode table's code space ranges give.
    Ranges(Vec<(u8, u32, u32)>),
}

/// What a font needs to map and measure its glyphs.
#[derive(Debug, Clone)]
pub(super) struct Font {
    scheme: Scheme,
    to_unicode: Option<ToUnicode>,
    /// Simple fonts: first code and the widths from it; composite fonts: CID → width.
    widths: (u32, Vec<f32>),
    cid_widths: HashMap<u32, f32>,
    default_width: f32,
    composite: bool,
}

/// The entry `key` of `dict`, references followed.
fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key).ok().and_then(|o| doc.dereference(o).ok()).map(|(_, o)| o)
}

impl Font {
    /// A standard simple font: WinAnsi, every glyph half an em wide.
    pub(super) fn standard() -> Font {
        let win = |b: u8| encoding_rs::WINDOWS_1252.decode_without_bom_handling(&[b]).0.chars().next();
        Font {
            scheme: Scheme::Simple(Box::new(std::array::from_fn(
                |b| if b < 0x20 { None } else { win(b as u8) },
            ))),
            to_unicode: None,
            widths: (0, Vec::new()),
            cid_widths: HashMap::new(),
            default_width: 500.0,
            composite: false,
        }
    }

    pub(super) fn read(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = get(doc, dict, b"Subtype").and_then(|o| o.as_name().ok()).unwrap_or_default();
        let composite = subtype == b"Type0";
        let to_unicode = get(doc, dict, b"ToUnicode")
            .and_then(|o| o.as_stream().ok())
            .and_then(|s| {
                s.decompressed_content_with_limit(MAX_CONTENT).ok().or_else(|| Some(s.content.clone()))
            })
            .map(|data| ToUnicode::parse(&data));
        let mut font = Font {
            scheme: Scheme::TwoBytes,
            to_unicode,
            widths: (0, Vec::new()),
            cid_widths: HashMap::new(),
            default_width: if composite { 1000.0 } else { 0.0 },
            composite,
        };
        if composite {
            let encoding = get(doc, dict, b"Encoding").and_then(|o| o.as_name().ok()).unwrap_or_default();
            font.scheme = predefined(encoding).unwrap_or(Scheme::TwoBytes);
            if matches!(font.scheme, Scheme::TwoBytes)
                && let Some(ranges) =
                    font.to_unicode.as_ref().map(|t| t.codespace.clone()).filter(|r| !r.is_empty())
            {
                font.scheme = Scheme::Ranges(ranges);
            }
            let descendant = get(doc, dict, b"DescendantFonts")
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_dict().ok());
            if let Some(d) = descendant {
                font.default_width = get(doc, d, b"DW").map_or(1000.0, number);
                if let Some(w) = get(doc, d, b"W").and_then(|o| o.as_array().ok()) {
                    font.cid_widths = cid_widths(doc, w);
                }
            }
        } else {
            font.scheme = Scheme::Simple(Box::new(simple_encoding(doc, dict)));
            let first = get(doc, dict, b"FirstChar").map_or(0.0, number) as u32;
            let widths = get(doc, dict, b"Widths")
                .and_then(|o| o.as_array().ok())
                .map(|a| a.iter().map(|w| doc.dereference(w).map_or(0.0, |(_, o)| number(o))).collect())
                .unwrap_or_default();
            font.widths = (first, widths);
            let descriptor = get(doc, dict, b"FontDescriptor").and_then(|o| o.as_dict().ok());
            font.default_width = descriptor.and_then(|d| get(doc, d, b"MissingWidth")).map_or(0.0, number);
        }
        font
    }

    /// The codes of a shown string.
    pub(super) fn codes<'b>(&'b self, bytes: &'b [u8]) -> impl Iterator<Item = Code> + 'b {
        let mut at = 0;
        std::iter::from_fn(move || {
            let rest = bytes.get(at..).filter(|r| !r.is_empty())?;
            let len = match &self.scheme {
                Scheme::Simple(_) => 1,
                Scheme::Ucs2(_) | Scheme::TwoBytes => 2,
                Scheme::Charset(enc, _) => charset_code_len(enc, rest),
                Scheme::Ranges(ranges) => ranges_code_len(ranges, rest),
            }
            .min(rest.len())
            .max(1);
            at += len;
            let mut code = Code { value: 0, len: len as u8, bytes: [0; 4] };
            for (i, &b) in rest[..len].iter().enumerate() {
                code.value = code.value << 8 | u32::from(b);
                if let Some(slot) = code.bytes.get_mut(i) {
                    *slot = b;
                }
            }
            Some(code)
        })
    }

    /// The text of a code and the table that gave it (`None` when nothing maps it).
    pub(super) fn unicode(&self, code: &Code) -> (String, Option<&'static str>) {
        if let Some(text) = self.to_unicode.as_ref().and_then(|t| t.get(code)) {
            return (text, Some("ToUnicode"));
        }
        let bytes = &code.bytes[..usize::from(code.len).min(4)];
        match &self.scheme {
            Scheme::Simple(table) => match table[code.value as usize & 0xFF] {
                Some(c) => (c.to_string(), Some("simple font encoding")),
                None => (String::new(), None),
            },
            Scheme::Ucs2(name) => match char::from_u32(code.value) {
                Some(c) if !c.is_control() || c == ' ' => (c.to_string(), Some(name)),
                _ => (String::new(), None),
            },
            Scheme::Charset(encoding, name) => {
                let (text, _, bad) = encoding.decode(bytes);
                if bad { (String::new(), None) } else { (text.into_owned(), Some(name)) }
            }
            Scheme::TwoBytes | Scheme::Ranges(_) => (String::new(), None),
        }
    }

    /// The width of a glyph in thousandths of the font size.
    pub(super) fn width(&self, code: &Code, text: &str) -> f32 {
        if self.composite {
            // The widths are by CID, which Identity codes are. Under a Unicode CMap (`UniGB-UCS2-H`)
            // ASCII is CIDs 1 to 95, as in every Adobe CJK collection (space is CID 1); a national
            // one (`GBK-EUC-H`) maps its single bytes to full-width glyphs. Other characters take the
            // default width, full for CJK.
            match self.scheme {
                Scheme::TwoBytes | Scheme::Ranges(_) => {
                    return self.cid_widths.get(&code.value).copied().unwrap_or(self.default_width);
                }
                Scheme::Charset(encoding, _)
                    if encoding != encoding_rs::UTF_16BE && encoding != encoding_rs::UTF_8 =>
                {
                    return self.default_width;
                }
                _ => {}
            }
            let mut chars = text.chars();
            return match (chars.next(), chars.next()) {
                (Some(c @ ' '..='~'), None) => {
                    self.cid_widths.get(&(u32::from(c) - 0x1F)).copied().unwrap_or(self.default_width / 2.0)
                }
                _ => self.default_width,
            };
        }
        let (first, widths) = &self.widths;
        code.value
            .checked_sub(*first)
            .and_then(|i| widths.get(i as usize))
            .copied()
            .unwrap_or(self.default_width)
    }
}

/// The predefined CMaps whose codes a character set decodes: the Unicode ones by their form, the
/// national ones by the character set their name opens with (GB… → GB18030, which reads GB 2312 and
/// GBK too; B5, ETen, HKscs, CNS-EUC → Big5).
fn predefined(name: &[u8]) -> Option<Scheme> {
    let name = std::str::from_utf8(name).ok()?;
    let leaked: &'static str = match PREDEFINED_NAMES.iter().find(|n| **n == name) {
        Some(n) => n,
        None => "predefined CMap",
    };
    if name.starts_with("Uni") && name.contains("-UCS2-") {
        return Some(Scheme::Ucs2(leaked));
    }
    if name.starts_with("Uni") && name.contains("-UTF16-") {
        return Some(Scheme::Charset(encoding_rs::UTF_16BE, leaked));
    }
    if name.starts_with("Uni") && name.contains("-UTF8-") {
        return Some(Scheme::Charset(encoding_rs::UTF_8, leaked));
    }
    if name.starts_with("GB") {
        return Some(Scheme::Charset(encoding_rs::GB18030, leaked));
    }
    if ["B5", "ETen", "HKscs", "CNS-EUC", "ETHK"].iter().any(|p| name.starts_with(p)) {
        return Some(Scheme::Charset(encoding_rs::BIG5, leaked));
    }
    None
}

/// The names the predefined Chinese CMaps go by, so a report can say which one its text was read through.
const PREDEFINED_NAMES: [&str; 16] = [
    "UniGB-UCS2-H",
    "UniGB-UCS2-V",
    "UniGB-UTF16-H",
    "UniGB-UTF16-V",
    "GBK-EUC-H",
    "GBK-EUC-V",
    "GB-EUC-H",
    "GB-EUC-V",
    "GBpc-EUC-H",
    "GBK2K-H",
    "GBKp-EUC-H",
    "UniCNS-UCS2-H",
    "UniCNS-UTF16-H",
    "ETen-B5-H",
    "B5pc-H",
    "HKscs-B5-H",
];

/// The length of the code opening `rest` in a multi-byte character set: one byte below 0x81, four for
/// GB18030's four-byte codes (a digit second byte), else two.
fn charset_code_len(encoding: &encoding_rs::Encoding, rest: &[u8]) -> usize {
    if encoding == encoding_rs::UTF_16BE {
        let surrogate = rest.first().is_some_and(|b| (0xD8..0xDC).contains(b));
        return if surrogate { 4 } else { 2 };
    }
    if encoding == encoding_rs::UTF_8 {
        return match rest[0] {
            0xF0.. => 4,
            0xE0.. => 3,
            0xC0.. => 2,
            _ => 1,
        };
    }
    match rest {
        [lead, second, ..] if *lead >= 0x81 => {
            if encoding == encoding_rs::GB18030 && second.is_ascii_digit() { 4 } else { 2 }
        }
        _ => 1,
    }
}

/// The length of the code opening `rest` by code space ranges: the shortest range it falls in.
fn ranges_code_len(ranges: &[(u8, u32, u32)], rest: &[u8]) -> usize {
    for len in 1..=4u8 {
        let Some(bytes) = rest.get(..usize::from(len)) else { break };
        let value = bytes.iter().fold(0u32, |v, &b| v << 8 | u32::from(b));
        if ranges.iter().any(|&(l, lo, hi)| l == len && (lo..=hi).contains(&value)) {
            return usize::from(len);
        }
    }
    ranges.iter().map(|&(l, ..)| usize::from(l)).min().unwrap_or(2)
}

/// A composite font's `W` array: `c [w1 w2 …]` or `c_first c_last w`.
fn cid_widths(doc: &Document, w: &[Object]) -> HashMap<u32, f32> {
    let mut widths = HashMap::new();
    let items: Vec<&Object> = w.iter().map(|o| doc.dereference(o).map_or(o, |(_, o)| o)).collect();
    let mut i = 0;
    while i < items.len() {
        let first = number(items[i]) as u32;
        match items.get(i + 1) {
            Some(Object::Array(list)) => {
                for (k, w) in list.iter().enumerate().take(65536) {
                    widths.insert(first + k as u32, number(w));
                }
                i += 2;
            }
            Some(last) => {
                let last = number(last) as u32;
                let w = items.get(i + 2).map_or(0.0, |o| number(o));
                for cid in first..=last.min(first.saturating_add(65535)) {
                    widths.insert(cid, w);
                }
                i += 3;
            }
            None => break,
        }
    }
    widths
}

/// A simple font's codes → characters: its base encoding (WinAnsi unless it says MacRoman) with its
/// `Differences`, whose glyph names are read when they name their character (`uni4E00`, `a`, `comma`).
fn simple_encoding(doc: &Document, dict: &Dictionary) -> [Option<char>; 256] {
    let mac = |b: u8| encoding_rs::MACINTOSH.decode_without_bom_handling(&[b]).0.chars().next();
    let win = |b: u8| encoding_rs::WINDOWS_1252.decode_without_bom_handling(&[b]).0.chars().next();
    let encoding = dict.get(b"Encoding").ok().and_then(|o| doc.dereference(o).ok()).map(|(_, o)| o);
    let base = match encoding {
        Some(Object::Name(n)) => n.clone(),
        Some(Object::Dictionary(d)) => {
            d.get(b"BaseEncoding").and_then(Object::as_name).map(<[u8]>::to_vec).unwrap_or_default()
        }
        _ => Vec::new(),
    };
    let mut table: [Option<char>; 256] = std::array::from_fn(|b| {
        let b = b as u8;
        if b < 0x20 {
            None
        } else if base == b"MacRomanEncoding" {
            mac(b)
        } else {
            win(b)
        }
    });
    if let Some(Object::Dictionary(d)) = encoding
        && let Ok(differences) = d.get(b"Differences").and_then(Object::as_array)
    {
        let mut code = 0usize;
        for item in differences {
            match item {
                Object::Integer(n) => code = usize::try_from(*n).unwrap_or(256),
                Object::Name(name) => {
                    if let Some(slot) = table.get_mut(code) {
                        *slot = glyph_char(name);
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }
    table
}

/// The character a glyph name names: `uniXXXX`, `uXXXX`, a single letter or digit name, or one of the
/// common punctuation names.
fn glyph_char(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    let hex =
        name.strip_prefix("uni").or_else(|| name.strip_prefix('u')).filter(|h| (4..=6).contains(&h.len()));
    if let Some(c) = hex.and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32) {
        return Some(c);
    }
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_ascii_alphabetic().then_some(c);
    }
    const NAMES: [(&str, char); 24] = [
        ("space", ' '),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("period", '.'),
        ("comma", ','),
        ("colon", ':'),
        ("semicolon", ';'),
        ("hyphen", '-'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("percent", '%'),
        ("slash", '/'),
        ("endash", '–'),
        ("emdash", '—'),
        ("quotedblleft", '“'),
        ("quotedblright", '”'),
    ];
    NAMES.iter().find(|(n, _)| *n == name).map(|&(_, c)| c)
}

/// A ToUnicode table: codes (by their length) → text.
#[derive(Debug, Clone, Default)]
struct ToUnicode {
    codespace: Vec<(u8, u32, u32)>,
    chars: HashMap<(u8, u32), String>,
    /// Ranges too long to spell out: first code, last code, length, first text.
    ranges: Vec<(u8, u32, u32, Vec<u16>)>,
}

/// The longest range spelt out code by code.
const SPELT_RANGE: u32 = 256;

impl ToUnicode {
    fn get(&self, code: &Code) -> Option<String> {
        if let Some(text) = self.chars.get(&(code.len, code.value)) {
            return Some(text.clone());
        }
        let (_, lo, _, start) = self
            .ranges
            .iter()
            .find(|(len, lo, hi, _)| *len == code.len && (*lo..=*hi).contains(&code.value))?;
        Some(utf16_plus(start, code.value - lo))
    }

    fn parse(data: &[u8]) -> ToUnicode {
        let tokens = cmap_tokens(data);
        let mut map = ToUnicode::default();
        let mut i = 0;
        let hex = |t: Option<&Token>| match t {
            Some(Token::Hex(h)) => Some(h.clone()),
            _ => None,
        };
        while i < tokens.len() {
            match &tokens[i] {
                Token::Word(w) if w == "begincodespacerange" => {
                    i += 1;
                    while let (Some(lo), Some(hi)) = (hex(tokens.get(i)), hex(tokens.get(i + 1))) {
                        if !lo.is_empty() && lo.len() <= 4 {
                            map.codespace.push((lo.len() as u8, be(&lo), be(&hi)));
                        }
                        i += 2;
                    }
                }
                Token::Word(w) if w == "beginbfchar" => {
                    i += 1;
                    while let (Some(src), Some(dst)) = (hex(tokens.get(i)), hex(tokens.get(i + 1))) {
                        if !src.is_empty() && src.len() <= 4 {
                            map.chars.insert((src.len() as u8, be(&src)), utf16(&units(&dst)));
                        }
                        i += 2;
                    }
                }
                Token::Word(w) if w == "beginbfrange" => {
                    i += 1;
                    while let (Some(lo), Some(hi)) = (hex(tokens.get(i)), hex(tokens.get(i + 1))) {
                        let len = lo.len() as u8;
                        let (first, last) = (be(&lo), be(&hi));
                        match tokens.get(i + 2) {
                            Some(Token::Hex(dst)) if (1..=4).contains(&len) && first <= last => {
                                let start = units(dst);
                                if last - first < SPELT_RANGE {
                                    for k in 0..=last - first {
                                        map.chars.insert((len, first + k), utf16_plus(&start, k));
                                    }
                                } else {
                                    map.ranges.push((len, first, last, start));
                                }
                                i += 3;
                            }
                            Some(Token::Array(list)) if (1..=4).contains(&len) => {
                                for (k, dst) in list.iter().enumerate() {
                                    map.chars.insert((len, first + k as u32), utf16(&units(dst)));
                                }
                                i += 3;
                            }
                            _ => i += 3,
                        }
                    }
                }
                _ => i += 1,
            }
        }
        map
    }
}

fn be(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0, |v, &b| v << 8 | u32::from(b))
}

fn units(bytes: &[u8]) -> Vec<u16> {
    bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)])).collect()
}

fn utf16(units: &[u16]) -> String {
    char::decode_utf16(units.iter().copied())
        .map(|c| c.unwrap_or('\u{FFFD}'))
        .filter(|&c| c != '\0')
        .collect()
}

/// The text `k` places after `start` in a range: its last unit counted on.
fn utf16_plus(start: &[u16], k: u32) -> String {
    let mut units = start.to_vec();
    if let Some(last) = units.last_mut() {
        *last = last.wrapping_add(k as u16);
    }
    utf16(&units)
}

#[derive(Debug, Clone)]
enum Token {
    Hex(Vec<u8>),
    Array(Vec<Vec<u8>>),
    Word(String),
}

/// The tokens of a CMap that matter: hex strings, arrays of them, and keywords.
fn cmap_tokens(data: &[u8]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut array: Option<Vec<Vec<u8>>> = None;
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        match b {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let end = data[i..].iter().position(|&c| c == b'>').map_or(data.len(), |p| i + p);
                let digits: Vec<u8> = data[i + 1..end]
                    .iter()
                    .filter_map(|&c| (c as char).to_digit(16).map(|d| d as u8))
                    .collect();
                let bytes: Vec<u8> =
                    digits.chunks(2).map(|p| p[0] << 4 | p.get(1).copied().unwrap_or(0)).collect();
                match array.as_mut() {
                    Some(a) => a.push(bytes),
                    None => tokens.push(Token::Hex(bytes)),
                }
                i = end + 1;
            }
            b'[' => {
                array = Some(Vec::new());
                i += 1;
            }
            b']' => {
                if let Some(a) = array.take() {
                    tokens.push(Token::Array(a));
                }
                i += 1;
            }
            b'(' => {
                // A string in a CMap is no mapping; skip it (its parentheses nest).
                let mut depth = 0;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            _ if b.is_ascii_alphanumeric() || b == b'/' || b == b'.' || b == b'-' => {
                let start = i;
                while i < data.len() && !data[i].is_ascii_whitespace() && !b"<>[]()/%".contains(&data[i])
                    || i == start
                {
                    i += 1;
                }
                if array.is_none() {
                    tokens.push(Token::Word(String::from_utf8_lossy(&data[start..i]).into_owned()));
                }
            }
            _ => i += 1,
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_unicode_tables_are_read() {
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0003> <0020> <0010> <63D0> endbfchar
            2 beginbfrange <0020> <0022> <6848> <0030> <0031> [<4E00> <D840DC00>] endbfrange endcmap";
        let map = ToUnicode::parse(cmap);
        let code = |v: u32| Code { value: v, len: 2, bytes: [0; 4] };
        assert_eq!(map.codespace, [(2, 0, 0xFFFF)]);
        assert_eq!(map.get(&code(0x10)).as_deref(), Some("提"));
        assert_eq!(map.get(&code(0x21)).as_deref(), Some("\u{6849}"));
        assert_eq!(map.get(&code(0x31)).as_deref(), Some("\u{20000}"));
        assert_eq!(map.get(&code(0x40)), None);
    }

    #[test]
    fn predefined_cmaps_decode_their_codes() {
        let font = |scheme| Font {
            scheme,
            to_unicode: None,
            widths: (0, Vec::new()),
            cid_widths: HashMap::new(),
            default_width: 1000.0,
            composite: true,
        };
        let ucs2 = font(predefined(b"UniGB-UCS2-H").unwrap());
        let text: String = ucs2.codes(&[0x63, 0xD0, 0x68, 0x48]).map(|c| ucs2.unicode(&c).0).collect();
        assert_eq!(text, "提案");
        let gbk = font(predefined(b"GBK-EUC-H").unwrap());
        let (bytes, _, _) = encoding_rs::GBK.encode("第1号提案");
        let text: String = gbk.codes(&bytes).map(|c| gbk.unicode(&c).0).collect();
        assert_eq!(text, "第1号提案");
        assert!(predefined(b"Identity-H").is_none());
    }
}
