//! PDF: the text layer of a PDF → the text lines the rest of the pipeline reads.
//!
//! `lopdf` parses the file (and opens one encrypted without a user password); the text is read here,
//! from each page's content stream: every glyph shown is placed on the page and mapped to Unicode
//! through its font, by the font's ToUnicode table, else by the predefined CMap the font is set in
//! (`UniGB-UCS2-H`, `GBK-EUC-H`, their kin for Big5 and UTF-16, as older government PDFs set in
//! STSong-Light use without embedding the font), else by a simple font's encoding. Glyphs are gathered
//! into lines top to bottom, left to right; a line that runs to the right margin and is followed by
//! running text that does not stand out to the left is one paragraph wrapped by the layout, and joined
//! again (the line grammar says what running text is). Each page after the first opens with a form
//! feed: the repair stage drops running headers and page numbers there and mends paragraphs the page
//! break cut. A PDF that shows no text (a scan) or only glyphs no table maps is refused: it needs OCR.

use std::collections::HashMap;
use std::fmt;

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::grammar::{self, Shape};

/// The text of a PDF and how its characters were mapped (`ToUnicode`, `UniGB-UCS2-H` …: the one that
/// mapped most).
#[derive(Debug)]
pub struct Text {
    pub text: String,
    pub encoding: String,
    /// The running header taken away, and from how many pages.
    pub header: Option<(String, usize)>,
}

/// Why a PDF's text cannot be read.
#[derive(Debug)]
pub enum Refusal {
    Encrypted,
    NoText,
    Unmapped,
    Damaged(String),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Encrypted => f.write_str(
                "it is encrypted and opens only with a password; open it, and print or save it as an \
                 unprotected PDF",
            ),
            Refusal::NoText => f.write_str(
                "it has no text layer, only images (a scan?); it needs OCR first (e.g. ocrmypdf), then give \
                 tian the PDF that makes",
            ),
            Refusal::Unmapped => f.write_str(
                "its fonts do not say which characters their glyphs are (no ToUnicode table); it needs OCR \
                 first (e.g. ocrmypdf)",
            ),
            Refusal::Damaged(why) => write!(f, "it is damaged or not a PDF ({why})"),
        }
    }
}

/// The most a page's content may unpack to.
const MAX_CONTENT: usize = 64 << 20;
/// How deep forms may draw forms.
const MAX_FORM_DEPTH: usize = 8;

/// Reads the text layer of a PDF.
pub fn text_of(bytes: &[u8]) -> Result<Text, Refusal> {
    let doc = Document::load_mem(bytes).map_err(|e| {
        if memchr::memmem::find(bytes, b"/Encrypt").is_some() {
            Refusal::Encrypted
        } else {
            Refusal::Damaged(e.to_string())
        }
    })?;
    if doc.is_encrypted() && doc.encryption_state.is_none() {
        return Err(Refusal::Encrypted);
    }
    let mut reader = Reader {
        doc: &doc,
        fonts: Vec::new(),
        font_ids: HashMap::new(),
        fallback: None,
        tally: Tally::default(),
    };
    let mut pages: Vec<Vec<Line>> = Vec::new();
    for &page in doc.get_pages().values() {
        let mut runs = Vec::new();
        let resources = page_resources(&doc, page);
        if let Ok(content) = doc.get_page_content_with_limit(page, MAX_CONTENT) {
            reader.content(&content, &resources, IDENTITY, &mut runs, 0);
        }
        pages.push(joined(lines(runs)));
    }
    let header = running_header(&mut pages);
    join_across_pages(&mut pages);
    let mut text = String::new();
    for (n, lines) in pages.iter().enumerate() {
        if n > 0 {
            text.push('\u{c}');
        }
        for line in lines {
            text.push_str(&line.text);
            text.push('\n');
        }
    }
    let tally = reader.tally;
    if tally.glyphs == 0 {
        return Err(Refusal::NoText);
    }
    if tally.unmapped == tally.glyphs {
        return Err(Refusal::Unmapped);
    }
    let encoding =
        tally.mapped.into_iter().max_by_key(|&(name, n)| (n, std::cmp::Reverse(name))).map(|(name, _)| name);
    Ok(Text { text, encoding: encoding.unwrap_or("ToUnicode").to_owned(), header })
}

/// Takes the running header away: the first page's top line, where the same text stands at the same
/// place near the top of other pages, from every page it stands on. (A header over the title would
/// otherwise read as the title's first line, and in a short document, once on a later page, as text.)
fn running_header(pages: &mut [Vec<Line>]) -> Option<(String, usize)> {
    let top = pages.first()?.first()?.clone();
    let at =
        |page: &[Line]| page.iter().take(2).position(|l| l.text == top.text && (l.y - top.y).abs() < 2.0);
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

/// A page's resource dictionaries, nearest first (the page's own, then those it inherits).
fn page_resources(doc: &Document, page: ObjectId) -> Vec<&Dictionary> {
    match doc.get_page_resources(page) {
        Ok((direct, ids)) => {
            direct.into_iter().chain(ids.into_iter().filter_map(|id| doc.get_dictionary(id).ok())).collect()
        }
        Err(_) => Vec::new(),
    }
}

/// An affine matrix `[a b c d e f]`, points as row vectors (`p × M`), as PDF writes them.
type Matrix = [f32; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m × n`: first `m`, then `n`.
fn times(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

/// A stretch of glyphs on one baseline, in the page's space.
#[derive(Debug, Clone)]
struct Run {
    x: f32,
    end: f32,
    y: f32,
    size: f32,
    text: String,
}

/// The graphics state the text depends on.
#[derive(Debug, Clone)]
struct State {
    ctm: Matrix,
    font: Option<usize>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

impl Default for State {
    fn default() -> Self {
        State {
            ctm: IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

struct Reader<'a> {
    doc: &'a Document,
    fonts: Vec<Font>,
    /// Fonts read so far, by their dictionary's address (stable while `doc` lives) → index in `fonts`.
    font_ids: HashMap<usize, usize>,
    fallback: Option<Font>,
    tally: Tally,
}

/// Glyphs shown, those nothing mapped, and how many each mapping gave.
#[derive(Debug, Default)]
struct Tally {
    glyphs: usize,
    unmapped: usize,
    mapped: HashMap<&'static str, usize>,
}

fn number(o: &Object) -> f32 {
    o.as_float().unwrap_or(0.0)
}

fn numbers<const N: usize>(operands: &[Object]) -> Option<[f32; N]> {
    (operands.len() >= N).then(|| std::array::from_fn(|i| number(&operands[operands.len() - N + i])))
}

impl<'a> Reader<'a> {
    fn resolve(&self, o: &'a Object) -> Option<&'a Object> {
        self.doc.dereference(o).ok().map(|(_, o)| o)
    }

    /// The entry `kind` (`Font`, `XObject`) named `name` in the nearest resources that have it.
    fn resource(&self, resources: &[&'a Dictionary], kind: &[u8], name: &[u8]) -> Option<&'a Object> {
        resources.iter().find_map(|r| {
            let dict = self.resolve(r.get(kind).ok()?)?.as_dict().ok()?;
            self.resolve(dict.get(name).ok()?)
        })
    }

    fn font(&mut self, resources: &[&'a Dictionary], name: &[u8]) -> Option<usize> {
        let dict = self.resource(resources, b"Font", name)?.as_dict().ok()?;
        let key = std::ptr::from_ref(dict) as usize;
        if let Some(&id) = self.font_ids.get(&key) {
            return Some(id);
        }
        self.fonts.push(Font::read(self.doc, dict));
        self.font_ids.insert(key, self.fonts.len() - 1);
        Some(self.fonts.len() - 1)
    }

    /// Interprets a content stream, its shown text gathered into `runs`.
    fn content(
        &mut self,
        content: &[u8],
        resources: &[&'a Dictionary],
        ctm: Matrix,
        runs: &mut Vec<Run>,
        depth: usize,
    ) {
        let Ok(content) = lopdf::content::Content::decode(content) else { return };
        let mut state = State { ctm, ..State::default() };
        let mut saved: Vec<State> = Vec::new();
        let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
        for op in &content.operations {
            let o = op.operands.as_slice();
            match op.operator.as_str() {
                "q" => saved.push(state.clone()),
                "Q" => {
                    if let Some(s) = saved.pop() {
                        state = s;
                    }
                }
                "cm" => {
                    if let Some(m) = numbers::<6>(o) {
                        state.ctm = times(&m, &state.ctm);
                    }
                }
                "BT" => (tm, tlm) = (IDENTITY, IDENTITY),
                "Tf" => {
                    if let (Some(name), Some([size])) =
                        (o.first().and_then(|n| n.as_name().ok()), numbers::<1>(o))
                    {
                        state.font = self.font(resources, name);
                        state.size = size;
                    }
                }
                "Tc" => state.char_spacing = numbers::<1>(o).map_or(0.0, |[v]| v),
                "Tw" => state.word_spacing = numbers::<1>(o).map_or(0.0, |[v]| v),
                "Tz" => state.scale = numbers::<1>(o).map_or(100.0, |[v]| v) / 100.0,
                "TL" => state.leading = numbers::<1>(o).map_or(0.0, |[v]| v),
                "Ts" => state.rise = numbers::<1>(o).map_or(0.0, |[v]| v),
                "Td" | "TD" => {
                    if let Some([tx, ty]) = numbers::<2>(o) {
                        if op.operator == "TD" {
                            state.leading = -ty;
                        }
                        tlm = times(&[1.0, 0.0, 0.0, 1.0, tx, ty], &tlm);
                        tm = tlm;
                    }
                }
                "Tm" => {
                    if let Some(m) = numbers::<6>(o) {
                        (tm, tlm) = (m, m);
                    }
                }
                "T*" => {
                    tlm = times(&[1.0, 0.0, 0.0, 1.0, 0.0, -state.leading], &tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator != "Tj" && op.operator != "TJ" {
                        if op.operator == "\""
                            && let Some([aw, ac]) = o.get(..2).and_then(numbers::<2>)
                        {
                            (state.word_spacing, state.char_spacing) = (aw, ac);
                        }
                        tlm = times(&[1.0, 0.0, 0.0, 1.0, 0.0, -state.leading], &tlm);
                        tm = tlm;
                    }
                    // Text in a font the page does not define is drawn by viewers in a standard one.
                    let fallback = self.fallback.get_or_insert_with(Font::standard);
                    let font = match state.font.and_then(|id| self.fonts.get(id)) {
                        Some(font) => font,
                        None => fallback,
                    };
                    let pieces: Vec<&Object> = match o.last() {
                        Some(Object::Array(items)) if op.operator == "TJ" => items.iter().collect(),
                        Some(last) => vec![last],
                        None => continue,
                    };
                    for piece in pieces {
                        match piece {
                            Object::String(bytes, _) => {
                                show(bytes, font, &state, &mut tm, runs, &mut self.tally);
                            }
                            other => {
                                let adjust = number(other);
                                tm = times(
                                    &[1.0, 0.0, 0.0, 1.0, -adjust / 1000.0 * state.size * state.scale, 0.0],
                                    &tm,
                                );
                            }
                        }
                    }
                }
                "Do" if depth < MAX_FORM_DEPTH => {
                    let Some(name) = o.first().and_then(|n| n.as_name().ok()) else { continue };
                    let Some(Object::Stream(form)) = self.resource(resources, b"XObject", name) else {
                        continue;
                    };
                    if form.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form".as_slice()) {
                        continue;
                    }
                    let matrix = form
                        .dict
                        .get(b"Matrix")
                        .and_then(Object::as_array)
                        .ok()
                        .and_then(|a| numbers::<6>(a))
                        .unwrap_or(IDENTITY);
                    let mut own: Vec<&'a Dictionary> = form
                        .dict
                        .get(b"Resources")
                        .ok()
                        .and_then(|r| self.resolve(r))
                        .and_then(|r| r.as_dict().ok())
                        .into_iter()
                        .collect();
                    own.extend_from_slice(resources);
                    let Ok(data) = form
                        .decompressed_content_with_limit(MAX_CONTENT)
                        .or_else(|_| Ok::<_, ()>(form.content.clone()))
                    else {
                        continue;
                    };
                    self.content(&data, &own, times(&matrix, &state.ctm), runs, depth + 1);
                }
                _ => {}
            }
        }
    }
}

/// Shows a string: each glyph placed, mapped, and advanced past.
fn show(bytes: &[u8], font: &Font, state: &State, tm: &mut Matrix, runs: &mut Vec<Run>, tally: &mut Tally) {
    let size = state.size;
    for code in font.codes(bytes) {
        let (text, source) = font.unicode(&code);
        tally.glyphs += 1;
        match source {
            Some(name) => *tally.mapped.entry(name).or_default() += 1,
            None => tally.unmapped += 1,
        }
        let trm = times(&times(&[size * state.scale, 0.0, 0.0, size, 0.0, state.rise], tm), &state.ctm);
        let width = font.width(&code, &text) / 1000.0;
        let space = if code.len == 1 && code.value == 32 { state.word_spacing } else { 0.0 };
        let advance = (width * size + state.char_spacing + space) * state.scale;
        *tm = times(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], tm);
        let next = times(&[size * state.scale, 0.0, 0.0, size, 0.0, state.rise], tm);
        let end = times(&next, &state.ctm)[4];
        let (x, y) = (trm[4], trm[5]);
        let height = trm[2].hypot(trm[3]).max(0.1);
        let glyph = if text.is_empty() { "\u{FFFD}".to_owned() } else { text };
        match runs.last_mut() {
            Some(run) if (run.y - y).abs() < height * 0.2 && (x - run.end).abs() < height * 0.2 => {
                run.text.push_str(&glyph);
                run.end = end.max(run.end);
            }
            _ => runs.push(Run { x, end, y, size: height, text: glyph }),
        }
    }
}

/// One character code shown by a font: its bytes read as a number, and how many there were.
#[derive(Debug, Clone, Copy)]
struct Code {
    value: u32,
    len: u8,
    /// The bytes themselves, for encodings that decode them (up to four).
    bytes: [u8; 4],
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
struct Font {
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
    fn standard() -> Font {
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

    fn read(doc: &Document, dict: &Dictionary) -> Font {
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
    fn codes<'b>(&'b self, bytes: &'b [u8]) -> impl Iterator<Item = Code> + 'b {
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
    fn unicode(&self, code: &Code) -> (String, Option<&'static str>) {
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
    fn width(&self, code: &Code, text: &str) -> f32 {
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

/// A line of a page: its runs put together, where it starts and ends.
#[derive(Debug, Clone)]
struct Line {
    x: f32,
    end: f32,
    y: f32,
    size: f32,
    text: String,
}

/// Runs gathered into lines, top to bottom; the runs of one line left to right, a space where they
/// stand apart.
fn lines(mut runs: Vec<Run>) -> Vec<Line> {
    runs.retain(|r| !r.text.trim().is_empty() && r.x.is_finite() && r.y.is_finite());
    runs.sort_by(|a, b| b.y.total_cmp(&a.y));
    let mut lines: Vec<Vec<Run>> = Vec::new();
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
            let mut line = Line {
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
fn joined(lines: Vec<Line>) -> Vec<Line> {
    if lines.len() < 2 {
        return lines;
    }
    let right = lines.iter().map(|l| l.end).fold(f32::MIN, f32::max);
    let left = lines.iter().map(|l| l.x).fold(f32::MAX, f32::min);
    // A page whose paragraphs open indented (by about two characters) wraps them flush left, so that
    // a numbered item there goes on with the line above.
    let indents = lines.iter().any(|l| (1.5..2.6).contains(&((l.x - left) / l.size)));
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
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
fn append(line: &mut Line, next: &Line) {
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
fn margins(lines: &[Line]) -> (f32, f32) {
    let left = lines.iter().map(|l| l.x).fold(f32::MAX, f32::min);
    let right = lines.iter().map(|l| l.end).fold(f32::MIN, f32::max);
    (left, right)
}

/// Paragraphs a page break cut where only the layout shows it: in a document whose paragraphs open
/// indented, a page whose last line of text runs to the right margin (below it only narrow centred
/// lines: a page number) and a next page that opens flush left with running text. The line grammar's
/// repair cannot see this when the cut falls after a sentence's end (`。`); the geometry can. The
/// piece is joined to the page it was cut from, before that page's number.
fn join_across_pages(pages: &mut [Vec<Line>]) {
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
        let chrome = |l: &Line| {
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
    use unicode_normalization::UnicodeNormalization;
    let folded: String = crate::text::fold_traditional(&line.nfkc().collect::<String>()).into_owned();
    match grammar::shape(folded.trim()) {
        Shape::Text => true,
        Shape::Start => indents,
        Shape::Boundary | Shape::Label | Shape::Name => false,
    }
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

    fn line(x: f32, end: f32, y: f32, text: &str) -> Line {
        Line { x, end, y, size: 16.0, text: text.into() }
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
