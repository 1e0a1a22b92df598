//! DOCX: a Word document → the text lines the rest of the pipeline reads.
//!
//! The body (`word/document.xml`) is read in order, a paragraph a line; the header, footer, footnote
//! and comment parts are never opened, so they are no content. Word's automatic numbering is written
//! out as the reader sees it (`1.`, `(一)`, `①`), from `word/numbering.xml` and the paragraph styles of
//! `word/styles.xml`: an outcome list numbered by Word has no digits in its text. A table row of two
//! cells reads `label:value`, as a page's does. A page break, a section break and "page break before"
//! start a new page (a form feed), for the repair stage; the breaks Word only rendered
//! (`lastRenderedPageBreak`) cut nothing, since a paragraph here is whole. Deleted and moved-away text
//! of tracked changes, field codes and the fallback copies of text boxes are skipped.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::grammar;

/// Why a DOCX could not be read: said to the user after the file's name.
pub type Unreadable = String;

/// The largest part read, unpacked: a ZIP bomb is refused rather than unpacked into memory.
const MAX_PART: u64 = 256 << 20;

/// The text of a DOCX, a paragraph a line, a form feed opening the first line of each new page; `None`
/// for a ZIP archive that is no Word document (an ODT, an XLSX, a ZIP of files). A Word document damaged
/// past reading (its parts named, but the archive cut short or its body missing) is unreadable.
pub fn text_of(bytes: &[u8]) -> Result<Option<String>, Unreadable> {
    let mut zip = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(zip) => zip,
        Err(_) if memchr::memmem::find(bytes, b"word/").is_some() => {
            return Err("its ZIP archive is damaged (cut short?)".into());
        }
        Err(_) => return Ok(None),
    };
    let Some(document) = part(&mut zip, "word/document.xml")? else {
        let word = zip.file_names().any(|name| name.is_ok_and(|name| name.starts_with("word/")));
        return if word {
            Err("it holds Word's parts but not its body (word/document.xml)".into())
        } else {
            Ok(None)
        };
    };
    let styles = match part(&mut zip, "word/styles.xml")? {
        Some(xml) => styles(&xml)?,
        None => HashMap::new(),
    };
    let numbering = match part(&mut zip, "word/numbering.xml")? {
        Some(xml) => Numbering::read(&xml)?,
        None => Numbering::default(),
    };
    body(&document, &styles, numbering).map(Some)
}

/// One part of the archive as text, or `None` when the archive lacks it.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, Unreadable> {
    let Some(index) = zip.index_for_name(name) else { return Ok(None) };
    let file = zip.by_index(index).map_err(|e| format!("{name} cannot be unpacked ({e})"))?;
    let mut bytes = Vec::new();
    file.take(MAX_PART + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{name} cannot be unpacked ({e})"))?;
    if bytes.len() as u64 > MAX_PART {
        return Err(format!("{name} unpacks to more than {} MiB", MAX_PART >> 20));
    }
    // XML parts are UTF-8 unless a byte-order mark says UTF-16.
    let (text, _, bad) = match encoding_rs::Encoding::for_bom(&bytes) {
        Some((encoding, _)) => encoding.decode(&bytes),
        None => encoding_rs::UTF_8.decode(&bytes),
    };
    if bad {
        return Err(format!("{name} is not valid UTF-8 or UTF-16"));
    }
    Ok(Some(text.into_owned()))
}

/// The value of attribute `name` (its local name: `w:val` is `val`).
fn attr(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// An on/off property (`<w:pageBreakBefore/>`, `w:val="0"` turns it off).
fn on(element: &BytesStart<'_>) -> bool {
    !matches!(attr(element, "val").as_deref(), Some("0" | "false" | "off"))
}

fn xml_error(part: &str, e: &quick_xml::Error) -> Unreadable {
    format!("{part} is not well-formed XML ({e})")
}

/// A numbering reference: the list (`numId`) and its level (`ilvl`).
#[derive(Debug, Clone, Copy, Default)]
struct NumRef {
    id: Option<u32>,
    level: Option<usize>,
}

/// Paragraph styles that number their paragraphs: style id → its numbering (and the style it is
/// based on, whose numbering it inherits).
type Styles = HashMap<String, (NumRef, Option<String>)>;

fn styles(xml: &str) -> Result<Styles, Unreadable> {
    let mut styles = Styles::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<(String, NumRef, Option<String>)> = None;
    loop {
        match reader.read_event().map_err(|e| xml_error("word/styles.xml", &e))? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "style" => current = attr(&e, "styleId").map(|id| (id, NumRef::default(), None)),
                "basedOn" => {
                    if let Some(c) = current.as_mut() {
                        c.2 = attr(&e, "val");
                    }
                }
                "numId" => {
                    if let Some(c) = current.as_mut() {
                        c.1.id = attr(&e, "val").and_then(|v| v.parse().ok());
                    }
                }
                "ilvl" => {
                    if let Some(c) = current.as_mut() {
                        c.1.level = attr(&e, "val").and_then(|v| v.parse().ok());
                    }
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "style" => {
                if let Some((id, num, based)) = current.take() {
                    styles.insert(id, (num, based));
                }
            }
            Event::Eof => return Ok(styles),
            _ => {}
        }
    }
}

/// The numbering a style gives its paragraphs, its own or inherited (a loop of `basedOn` ends it).
fn style_numbering(styles: &Styles, id: &str) -> Option<NumRef> {
    let mut id = id;
    for _ in 0..16 {
        let (num, based) = styles.get(id)?;
        if num.id.is_some() {
            return Some(*num);
        }
        id = based.as_deref()?;
    }
    None
}

/// One level of a list: how its number is written and where it starts.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    /// The label with `%1` … `%9` standing for the levels' numbers, e.g. `%1.` or `(%1)`.
    text: Option<String>,
}

/// The lists of `word/numbering.xml`, and the numbers they have reached.
#[derive(Debug, Default)]
struct Numbering {
    /// Abstract list id → its levels.
    abstracts: HashMap<u32, Vec<Level>>,
    /// List id → its abstract list and the levels it restarts (`startOverride`).
    lists: HashMap<u32, (u32, HashMap<usize, u32>)>,
    /// Abstract list id → the current number of each level (lists sharing one abstract list go on
    /// counting together, as Word's do, unless they restart it).
    counters: HashMap<u32, Vec<Option<u32>>>,
    /// Lists whose restarts have been applied.
    started: std::collections::HashSet<u32>,
}

impl Numbering {
    fn read(xml: &str) -> Result<Numbering, Unreadable> {
        let mut numbering = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abstract_id: Option<u32> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut list: Option<u32> = None;
        let mut override_level: Option<usize> = None;
        loop {
            match reader.read_event().map_err(|e| xml_error("word/numbering.xml", &e))? {
                Event::Start(e) | Event::Empty(e) => {
                    let val = || attr(&e, "val");
                    match e.local_name().as_ref() {
                        "abstractNum" => abstract_id = attr(&e, "abstractNumId").and_then(|v| v.parse().ok()),
                        "lvl" if list.is_none() => {
                            let ilvl = attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                            level = Some((ilvl, Level { start: 1, format: "decimal".into(), text: None }));
                        }
                        "start" => {
                            if let Some((_, l)) = level.as_mut() {
                                l.start = val().and_then(|v| v.parse().ok()).unwrap_or(1);
                            }
                        }
                        "numFmt" => {
                            if let Some((_, l)) = level.as_mut() {
                                l.format = val().unwrap_or_default();
                            }
                        }
                        "lvlText" => {
                            if let Some((_, l)) = level.as_mut() {
                                l.text = val();
                            }
                        }
                        "num" => {
                            list = attr(&e, "numId").and_then(|v| v.parse().ok());
                        }
                        "abstractNumId" => {
                            if let (Some(id), Some(a)) = (list, val().and_then(|v| v.parse().ok())) {
                                numbering.lists.entry(id).or_insert_with(|| (a, HashMap::new())).0 = a;
                            }
                        }
                        "lvlOverride" => override_level = attr(&e, "ilvl").and_then(|v| v.parse().ok()),
                        "startOverride" => {
                            if let (Some(id), Some(l), Some(start)) =
                                (list, override_level, val().and_then(|v| v.parse().ok()))
                            {
                                numbering
                                    .lists
                                    .entry(id)
                                    .or_insert_with(|| (0, HashMap::new()))
                                    .1
                                    .insert(l, start);
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => match e.local_name().as_ref() {
                    "lvl" => {
                        if let (Some(a), Some((ilvl, l))) = (abstract_id, level.take())
                            && ilvl < 9
                        {
                            let levels = numbering.abstracts.entry(a).or_default();
                            if levels.len() <= ilvl {
                                levels.resize(ilvl + 1, Level::default());
                            }
                            levels[ilvl] = l;
                        }
                    }
                    "abstractNum" => abstract_id = None,
                    "num" => list = None,
                    "lvlOverride" => override_level = None,
                    _ => {}
                },
                Event::Eof => return Ok(numbering),
                _ => {}
            }
        }
    }

    /// The label Word shows before the next paragraph of list `id` at `level`, counting it; `None`
    /// for a list or level the file does not define, or numbering turned off (`numId` 0).
    fn label(&mut self, id: u32, level: usize) -> Option<String> {
        let (abstract_id, restarts) = self.lists.get(&id)?;
        let abstract_id = *abstract_id;
        let levels = self.abstracts.get(&abstract_id)?;
        levels.get(level)?;
        let counters = self.counters.entry(abstract_id).or_insert_with(|| vec![None; levels.len()]);
        if self.started.insert(id) {
            for (&l, &start) in restarts {
                if l < counters.len() {
                    counters[l] = Some(start.saturating_sub(1));
                }
            }
        }
        let n = counters[level].map_or(levels[level].start, |n| n.saturating_add(1));
        counters[level] = Some(n);
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = None;
        }
        let text = levels[level].text.as_deref()?;
        let mut label = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d @ 1..=9)) => {
                    chars.next();
                    let l = d as usize - 1;
                    let n = counters
                        .get(l)
                        .copied()
                        .flatten()
                        .unwrap_or_else(|| levels.get(l).map_or(1, |x| x.start));
                    label.push_str(&written(n, levels.get(l).map_or("decimal", |x| &x.format)));
                }
                _ => label.push(c),
            }
        }
        // A bullet's glyph is a symbol font's private character, no text of the report.
        if levels[level].format == "bullet" || label.chars().any(|c| ('\u{E000}'..='\u{F8FF}').contains(&c)) {
            return None;
        }
        Some(label)
    }
}

/// `n` written in a numbering format of Word's (`w:numFmt`).
fn written(n: u32, format: &str) -> String {
    const CIRCLED: &str = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
    const PAREN: &str = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇";
    const FULLSTOP: &str = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛";
    const HEAVENLY_STEMS: &str = "甲乙丙丁戊己庚辛壬癸";
    let nth = |set: &str| (n >= 1).then(|| set.chars().nth(n as usize - 1)).flatten();
    let letters = |base: u8| {
        let (k, c) = ((n.max(1) - 1) / 26, (n.max(1) - 1) % 26);
        std::iter::repeat_n(char::from(base + c as u8), k as usize + 1).collect::<String>()
    };
    let chinese = || grammar::chinese_numeral(n);
    let found = match format {
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => nth(CIRCLED).map(String::from),
        "decimalEnclosedParen" => nth(PAREN).map(String::from),
        "decimalEnclosedFullstop" => nth(FULLSTOP).map(String::from),
        "ideographTraditional" => nth(HEAVENLY_STEMS).map(String::from),
        "chineseCounting"
        | "chineseCountingThousand"
        | "ideographDigital"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => chinese(),
        "chineseLegalSimplified" => chinese().map(|s| legal(&s)),
        "lowerLetter" => Some(letters(b'a')),
        "upperLetter" => Some(letters(b'A')),
        "lowerRoman" => Some(roman(n).to_lowercase()),
        "upperRoman" => Some(roman(n)),
        "decimalFullWidth" | "decimalFullWidth2" => Some(
            n.to_string()
                .chars()
                .map(|d| char::from_u32(d as u32 - '0' as u32 + '０' as u32).unwrap_or(d))
                .collect(),
        ),
        "decimalZero" => Some(format!("{n:02}")),
        "none" => Some(String::new()),
        _ => None,
    };
    // Formats beyond their sets (㉑, a twenty-first heavenly stem) are written as Word falls back to:
    // digits.
    found.unwrap_or_else(|| n.to_string())
}

/// The financial (大写) forms of the numerals a list is counted in: 壹 贰 叁 ….
fn legal(s: &str) -> String {
    const PLAIN: &str = "零一二三四五六七八九十百千";
    const LEGAL: &str = "零壹贰叁肆伍陆柒捌玖拾佰仟";
    s.chars()
        .map(|c| PLAIN.chars().position(|p| p == c).and_then(|i| LEGAL.chars().nth(i)).unwrap_or(c))
        .collect()
}

fn roman(mut n: u32) -> String {
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Paragraph {
    text: String,
    num: NumRef,
    style: Option<String>,
    /// A section ends with this paragraph: the next starts a page.
    section_break: bool,
}

/// A table being read: its row's cells so far, each the lines of its paragraphs.
#[derive(Debug, Default)]
struct Table {
    cells: Vec<String>,
}

/// The lines of the body, a page break waiting for the next line.
#[derive(Debug, Default)]
struct Out {
    text: String,
    page_break: bool,
}

impl Out {
    fn line(&mut self, line: &str) {
        if self.page_break {
            self.text.push('\u{c}');
            self.page_break = false;
        }
        self.text.push_str(line);
        self.text.push('\n');
    }
}

fn body(xml: &str, styles: &Styles, mut numbering: Numbering) -> Result<String, Unreadable> {
    let mut reader = Reader::from_str(xml);
    let mut out = Out::default();
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    // Depth inside elements whose text is not content, and inside a run, a paragraph's properties and
    // a `w:t`.
    let (mut skip, mut run, mut properties, mut in_text) = (0usize, 0usize, 0usize, false);
    loop {
        let event = reader.read_event().map_err(|e| xml_error("word/document.xml", &e))?;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if skip > 0 || matches!(name, "delText" | "instrText" | "moveFrom" | "del" | "Fallback") {
                    skip += usize::from(!empty);
                    continue;
                }
                match name {
                    "p" if !empty => paragraphs.push(Paragraph::default()),
                    "pPr" if !empty => properties += 1,
                    "r" if !empty => run += 1,
                    "t" if !empty && run > 0 => in_text = true,
                    "numId" if properties > 0 => {
                        if let Some(p) = paragraphs.last_mut() {
                            p.num.id = attr(&e, "val").and_then(|v| v.parse().ok());
                        }
                    }
                    "ilvl" if properties > 0 => {
                        if let Some(p) = paragraphs.last_mut() {
                            p.num.level = attr(&e, "val").and_then(|v| v.parse().ok());
                        }
                    }
                    "pStyle" if properties > 0 => {
                        if let Some(p) = paragraphs.last_mut() {
                            p.style = attr(&e, "val");
                        }
                    }
                    "pageBreakBefore"
                        if properties > 0
                            && on(&e)
                            && paragraphs.last().is_some_and(|p| p.text.is_empty()) =>
                    {
                        out.page_break = true;
                    }
                    "sectPr" if properties > 0 => {
                        if let Some(p) = paragraphs.last_mut() {
                            p.section_break = true;
                        }
                    }
                    "tab" if run > 0 && properties == 0 => push(&mut paragraphs, "\t"),
                    // A break ends the line it is in; a page break also starts a page.
                    "br" if run > 0 => {
                        let page = attr(&e, "type").as_deref() == Some("page");
                        push(&mut paragraphs, if page { "\n\u{c}" } else { "\n" });
                    }
                    "cr" if run > 0 => push(&mut paragraphs, "\n"),
                    "noBreakHyphen" if run > 0 => push(&mut paragraphs, "-"),
                    "tbl" if !empty => tables.push(Table::default()),
                    "tc" if !empty => {
                        if let Some(t) = tables.last_mut() {
                            t.cells.push(String::new());
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match name {
                    "p" => {
                        if let Some(p) = paragraphs.pop() {
                            let section_break = p.section_break;
                            emit(&p, styles, &mut numbering, &mut tables, &mut out);
                            out.page_break |= section_break;
                        }
                    }
                    "pPr" => properties = properties.saturating_sub(1),
                    "r" => run = run.saturating_sub(1),
                    "t" => in_text = false,
                    "tr" => {
                        let depth = tables.len();
                        if let Some(t) = tables.last_mut() {
                            let cells: Vec<String> =
                                std::mem::take(&mut t.cells).into_iter().filter(|c| !c.is_empty()).collect();
                            let line = grammar::row_line(&cells);
                            if !line.is_empty() {
                                to_cell_or_out(&mut tables[..depth - 1], &mut out, &line);
                            }
                        }
                    }
                    "tbl" => {
                        tables.pop();
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip == 0 => push(&mut paragraphs, &t.xml10_content()),
            Event::GeneralRef(r) if in_text && skip == 0 => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_predefined_entity(&r).unwrap_or_default().to_owned(),
                };
                push(&mut paragraphs, &resolved);
            }
            Event::CData(t) if in_text && skip == 0 => push(&mut paragraphs, &t.xml10_content()),
            Event::Eof => return Ok(out.text),
            _ => {}
        }
    }
}

fn push(paragraphs: &mut [Paragraph], text: &str) {
    if let Some(p) = paragraphs.last_mut() {
        p.text.push_str(text);
    }
}

/// A finished paragraph: its label (when Word numbers it) and its text, a line of its own or of the
/// table cell it is in. A text box's paragraph, inside another, is a line before its host's.
fn emit(p: &Paragraph, styles: &Styles, numbering: &mut Numbering, tables: &mut [Table], out: &mut Out) {
    let num = if p.num.id.is_some() {
        Some(p.num)
    } else {
        p.style.as_deref().and_then(|s| style_numbering(styles, s))
    };
    let label = num.and_then(|n| numbering.label(n.id?, n.level.unwrap_or(0)));
    for (k, piece) in p.text.split('\n').enumerate() {
        let piece = match piece.strip_prefix('\u{c}') {
            Some(rest) => {
                out.page_break |= tables.is_empty();
                rest
            }
            None => piece,
        };
        let mut line = String::new();
        if k == 0 {
            line.push_str(label.as_deref().unwrap_or_default());
        }
        line.push_str(piece);
        if line.trim().is_empty() {
            continue;
        }
        to_cell_or_out(tables, out, &line);
    }
}

fn to_cell_or_out(tables: &mut [Table], out: &mut Out, line: &str) {
    match tables.last_mut().and_then(|t| t.cells.last_mut()) {
        Some(cell) => {
            if !cell.is_empty() {
                cell.push(' ');
            }
            cell.push_str(line.trim());
        }
        None => out.line(line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbering(xml: &str) -> Numbering {
        Numbering::read(&format!("<w:numbering xmlns:w=\"w\">{xml}</w:numbering>")).unwrap()
    }

    fn document(body_xml: &str, numbering_xml: &str) -> String {
        let xml = format!("<w:document xmlns:w=\"w\"><w:body>{body_xml}</w:body></w:document>");
        body(&xml, &Styles::new(), numbering(numbering_xml)).unwrap()
    }

    const LISTS: &str = r#"<w:abstractNum w:abstractNumId="0">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%2"/></w:lvl>
        </w:abstractNum>
        <w:abstractNum w:abstractNumId="1">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="(%1)"/></w:lvl>
        </w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
        <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#;

    fn numbered(id: u32, level: usize, text: &str) -> String {
        format!(
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{id}\"/></w:numPr></w:pPr>\
             <w:r><w:t>{text}</w:t></w:r></w:p>"
        )
    }

    #[test]
    fn word_numbering_is_written_out_as_shown() {
        let body = [
            numbered(2, 0, "完善机制"),
            numbered(2, 0, "加强保障"),
            numbered(1, 0, "已办结"),
            numbered(1, 1, "甲"),
            numbered(1, 1, "乙"),
            numbered(1, 0, "正在办理"),
            numbered(1, 1, "丙"),
            numbered(3, 0, "新的一组"),
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"0\"/></w:numPr></w:pPr><w:r><w:t>无编号</w:t></w:r></w:p>".into(),
        ]
        .concat();
        assert_eq!(
            document(&body, LISTS),
            "(一)完善机制\n(二)加强保障\n1.已办结\n①甲\n②乙\n2.正在办理\n①丙\n1.新的一组\n无编号\n"
        );
    }

    #[test]
    fn tables_breaks_and_skipped_text() {
        let body = r#"<w:p><w:r><w:t xml:space="preserve">第1号提案 </w:t></w:r><w:r><w:t>&lt;甲&gt;</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>提案者</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>张三</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:r><w:t>前</w:t><w:br w:type="page"/><w:t>后</w:t></w:r></w:p>
            <w:p><w:r><w:delText>删去</w:delText><w:instrText>PAGE</w:instrText><w:t>留下</w:t></w:r><w:del><w:r><w:t>也删去</w:t></w:r></w:del></w:p>
            <w:p><w:pPr><w:sectPr/></w:pPr><w:r><w:t>节末</w:t></w:r></w:p>
            <w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>新节</w:t><w:tab/><w:t>有制表</w:t></w:r></w:p>"#;
        assert_eq!(
            document(body, ""),
            "第1号提案 <甲>\n提案者:张三\n前\n\u{c}后\n留下\n节末\n\u{c}新节\t有制表\n"
        );
    }

    #[test]
    fn formats() {
        assert_eq!(written(3, "decimalEnclosedCircle"), "③");
        assert_eq!(written(21, "decimalEnclosedCircle"), "21");
        assert_eq!(written(12, "chineseCounting"), "十二");
        assert_eq!(written(12, "chineseLegalSimplified"), "拾贰");
        assert_eq!(written(2, "ideographTraditional"), "乙");
        assert_eq!(written(4, "upperRoman"), "IV");
        assert_eq!(written(28, "lowerLetter"), "bb");
        assert_eq!(written(7, "decimalFullWidth"), "７");
    }
}
