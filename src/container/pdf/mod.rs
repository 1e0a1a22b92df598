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
//!
//! Here the content streams are interpreted (the text and graphics state, forms drawn by forms);
//! [`font`] maps and measures the glyphs, [`layout`] makes the lines.

mod font;
mod layout;

use std::collections::HashMap;
use std::fmt;

use lopdf::{Dictionary, Document, Object, ObjectId};

use font::{Font, MAX_CONTENT, number};
use layout::{Span, join_across_pages, joined, lines, running_header};

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
                 tian the PDF it makes",
            ),
            Refusal::Unmapped => f.write_str(
                "its fonts do not say which characters their glyphs are (no ToUnicode table); it needs OCR \
                 first (e.g. ocrmypdf)",
            ),
            Refusal::Damaged(why) => write!(f, "it is damaged or not a PDF ({why})"),
        }
    }
}

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
    let mut pages: Vec<Vec<Span>> = Vec::new();
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
        runs: &mut Vec<Span>,
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
fn show(bytes: &[u8], font: &Font, state: &State, tm: &mut Matrix, runs: &mut Vec<Span>, tally: &mut Tally) {
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
            _ => runs.push(Span { x, end, y, size: height, text: glyph }),
        }
    }
}
