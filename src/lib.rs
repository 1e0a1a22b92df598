//! tian (提案): turn the summaries Chinese local CPPCC (政协) committees publish about how their key
//! proposals were handled into normalized, validated JSON records.
//!
//! The API: [`parse`] and [`parse_file`] give a [`Report`] (its types in [`model`]) or an [`Error`];
//! [`diff`] compares two reports; [`batch`] converts many files into a folder; [`output`] writes
//! reports as JSON, JSON Lines, SQLite and CSV.
//!
//! The pipeline behind [`parse`], one module a phase, in order (public for the benchmarks only, hidden
//! from these docs, and free to change):
//! 0. `container`: a DOCX or PDF → its text, a form feed where a page begins (Word's list numbers
//!    written out, a PDF's wrapped lines joined); other bytes go on to `decode`, and a decoded web
//!    page to `container::html`, its text as a browser shows it.
//! 1. `decode`: bytes → text (UTF-8, GB18030, Big5, UTF-16 detected; invalid bytes → U+FFFD).
//! 2. `normalize`: text → clean numbered lines (NFKC, line endings, furniture and page chrome, page
//!    numbers).
//! 3. `repair`: running headers dropped, paragraphs split by page breaks joined again, footers marked.
//! 4. `segment`: lines → header, one block per marker (`第N号提案`, `(一)第12号提案:…`), the report's
//!    conclusion and its closing.
//! 5. `extract`: header → title, region, session, statistics; block → labelled fields, people,
//!    sections, suggestions, numbered outcomes; closing → issuer, date.
//! 6. `report`: everything → one [`model::Report`], with cross-checks as diagnostics.
//! 7. [`output`]: report → JSON, JSON Lines, SQLite, CSV; the JSON Schema of the record.
//!
//! What a line is (a marker, a heading, a label, an enumerator …) is decided in one place, `grammar`,
//! which the stages from the repair on ask; the character helpers they share (trimming, folding
//! Traditional to Simplified) are in `text`.
//!
//! ```
//! let text = "第1号提案\n《关于甲的建议》\n提案者:张三\n【提案主要内容】\n因此建议:加强甲;完善乙。\n";
//! let report = tian::parse(text.as_bytes(), Some("x.txt"), &tian::Options::default()).unwrap();
//! assert_eq!(report.proposals[0].suggestions, ["加强甲", "完善乙"]);
//! ```

pub mod batch;
pub mod diff;
pub mod error;
pub mod model;
pub mod output;

#[doc(hidden)]
pub mod container;
#[doc(hidden)]
pub mod decode;
#[doc(hidden)]
pub mod extract;
#[doc(hidden)]
pub mod grammar;
#[doc(hidden)]
pub mod normalize;
#[doc(hidden)]
pub mod repair;
#[doc(hidden)]
pub mod report;
#[doc(hidden)]
pub mod segment;
#[doc(hidden)]
pub mod text;
mod traditional;

use std::path::Path;

use sha2::{Digest, Sha256};

pub use decode::encoding_for_label;
pub use error::{Error, FileName};
pub use model::Report;

/// How to read an input.
#[derive(Debug, Default, Clone, Copy)]
pub struct Options {
    /// Use this encoding instead of detecting one.
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

/// The bytes decoded: in the encoding forced, or the one a web page declares (unless a BOM says
/// another), or the one detected. A declaration the bytes do not bear out is passed over for detection,
/// and said in `diags`.
fn decoded<'a>(
    bytes: &'a [u8],
    options: &Options,
    file: &FileName,
    diags: &mut Vec<model::Diagnostic>,
) -> Result<decode::Decoded<'a>, Error> {
    let declared = options.encoding.is_none() && encoding_rs::Encoding::for_bom(bytes).is_none();
    if let Some(charset) = container::html::declared_charset(bytes).filter(|_| declared) {
        let decoded = decode::decode(bytes, Some(charset), file)?;
        if !decoded.had_errors {
            return Ok(decoded);
        }
        let message =
            format!("the page declares {}, but its bytes are not in it; read as detected", charset.name());
        diags.push(model::Diagnostic::new(model::Code::WrongCharset, None, message));
    }
    decode::decode(bytes, options.encoding, file)
}

/// The text the parser reads of a document, and what the document was.
struct Read<'a> {
    /// A web page's text as a browser shows it, a DOCX's or PDF's as read out of it, any other
    /// decoded as it is: diagnostics name the lines of this text.
    text: std::borrow::Cow<'a, str>,
    format: model::Format,
    encoding: String,
    /// Bytes were invalid in the encoding the text was decoded in.
    had_errors: bool,
    /// The encoding asked for, when the text was decoded in it.
    forced: Option<&'static str>,
}

fn read<'a>(
    bytes: &'a [u8],
    options: &Options,
    file: &FileName,
    diags: &mut Vec<model::Diagnostic>,
) -> Result<Read<'a>, Error> {
    if let container::Opened::Text { text, format, encoding, notes } = container::open(bytes, file)? {
        diags.extend(notes);
        if let Some(asked) = options.encoding {
            let message = format!(
                "the encoding {} asked for is not used: a {}'s characters are read through {encoding}",
                asked.name(),
                format.as_str().to_uppercase()
            );
            diags.push(model::Diagnostic::new(model::Code::EncodingNotUsed, None, message));
        }
        return Ok(Read { text: text.into(), format, encoding, had_errors: false, forced: None });
    }
    let decoded = decoded(bytes, options, file, diags)?;
    let (text, format) = if container::html::is_page(&decoded.text) {
        (container::html::text_of(&decoded.text).into(), model::Format::Html)
    } else {
        (decoded.text, model::Format::Text)
    };
    let forced = options.encoding.map(|_| decoded.encoding);
    Ok(Read { text, format, encoding: decoded.encoding.to_owned(), had_errors: decoded.had_errors, forced })
}

/// The text [`parse`] reads of the bytes of one document, whose lines its diagnostics name: decoded,
/// a web page's text as a browser shows it, a DOCX's or PDF's as read out of it.
pub fn text(bytes: &[u8], path: Option<&str>, options: &Options) -> Result<String, Error> {
    let file = FileName(path.map(str::to_owned));
    if bytes.is_empty() {
        return Err(Error::Empty { file });
    }
    Ok(read(bytes, options, &file, &mut Vec::new())?.text.into_owned())
}

/// Parses the bytes of one document. `path` is recorded in the report and named in errors.
pub fn parse(bytes: &[u8], path: Option<&str>, options: &Options) -> Result<Report, Error> {
    let file = FileName(path.map(str::to_owned));
    if bytes.is_empty() {
        return Err(Error::Empty { file });
    }
    let mut diags = Vec::new();
    let read = read(bytes, options, &file, &mut diags)?;
    let text: &str = &read.text;
    if text.trim().is_empty() {
        return Err(Error::Empty { file });
    }
    let mut lines = normalize::lines(text, read.had_errors, &mut diags);
    repair::drop_running_headers(&mut lines, &mut diags);
    let lines = repair::repair(lines);
    let doc = segment::segment(lines);
    if doc.blocks.is_empty() {
        let lines = normalize::line_count(text);
        return Err(Error::NoProposals { file, lines, forced: read.forced });
    }
    let source = model::Source {
        path: path.map(str::to_owned),
        sha256: hex(&Sha256::digest(bytes)),
        format: read.format,
        encoding: read.encoding,
        bytes: bytes.len() as u64,
    };
    Ok(report::build(doc, source, diags))
}

/// Reads and parses one file; the report records `path` as given.
pub fn parse_file(path: &Path, options: &Options) -> Result<Report, Error> {
    let name = path_text(path);
    regular_file_size(path)?;
    let bytes =
        std::fs::read(path).map_err(|source| Error::Io { file: FileName(Some(name.clone())), source })?;
    parse(&bytes, Some(&name), options)
}

/// The size of the regular file at `path`, asked of the file system before the file is opened: a pipe
/// or a device would make a reader wait for ever, a folder cannot be read.
pub fn regular_file_size(path: &Path) -> Result<u64, Error> {
    let file = || FileName(Some(path_text(path)));
    let meta = std::fs::metadata(path).map_err(|source| Error::Io { file: file(), source })?;
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(meta.len());
    }
    let what = if kind.is_dir() { "a folder" } else { "a pipe, a device or a socket" };
    Err(Error::NotRegular { file: file(), what })
}

/// A path as text, whole ([`escaped`]): a UTF-8 name as it is, unless it holds `%` before two hex
/// digits; a name that is not UTF-8 (a GBK name unzipped from an archive made on Windows) with its
/// invalid bytes as `%XX`, where a lossy reading would make names that differ in one byte alike.
pub fn path_text(path: &Path) -> String {
    escaped(path.as_os_str().as_encoded_bytes())
}

/// Bytes as text that gives them back ([`unescaped`]), and reads as they do: each byte of a sequence
/// that is not UTF-8 written `%XX`, and a `%` before two hex digits `%25`, so that no name reads like
/// another (`100%.txt` stays as it is, `%41.txt` is `%2541.txt`); the rest as it is.
pub fn escaped(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut at = 0;
    for chunk in bytes.utf8_chunks() {
        for (i, c) in chunk.valid().char_indices() {
            if c == '%' && hex_pair(bytes.get(at + i + 1..)) {
                out.push_str("%25");
            } else {
                out.push(c);
            }
        }
        at += chunk.valid().len();
        for b in chunk.invalid() {
            out.push_str(&format!("%{b:02X}"));
        }
        at += chunk.invalid().len();
    }
    out
}

/// Whether `rest` begins with two ASCII hex digits.
fn hex_pair(rest: Option<&[u8]>) -> bool {
    rest.and_then(|r| r.get(..2)).is_some_and(|d| d.iter().all(u8::is_ascii_hexdigit))
}

/// The bytes [`escaped`] text stands for: `%` before two hex digits is the byte they say; any other `%`
/// is itself.
pub fn unescaped(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && hex_pair(bytes.get(i + 1..)) {
            let digits = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("00");
            out.push(u8::from_str_radix(digits, 16).unwrap_or(0));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

/// Lower-case hex digits, without `write!`'s formatting machinery for each of a digest's 32 bytes.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    bytes
        .iter()
        .flat_map(|b| [DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 15)]])
        .map(char::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_names_give_their_bytes_back() {
        assert_eq!(escaped(b"\xd7\xdb100%.txt"), "%D7%DB100%.txt");
        assert_eq!(escaped(b"%41%4"), "%2541%4", "only a % before two hex digits");
        assert_eq!(escaped(b"%\xab"), "%%AB");
        assert_eq!(escaped("综述.txt".as_bytes()), "综述.txt");
        assert_eq!(unescaped("100%2"), b"100%2", "a % without two digits is itself");
        assert_eq!(unescaped("%+1"), b"%+1");
        assert_eq!(path_text(Path::new("100%.txt")), "100%.txt", "a UTF-8 name is shown as it is");
        proptest::proptest!(|(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40))| {
            proptest::prop_assert_eq!(unescaped(&escaped(&bytes)), bytes);
        });
        // Names made mostly of what escaping is about: %, hex digits and bytes that are not UTF-8.
        let alphabet = proptest::sample::select(&[b'%', b'4', b'1', b'A', b'f', b'x', 0xab, 0xd7, 0xdb][..]);
        proptest::proptest!(|(bytes in proptest::collection::vec(alphabet, 0..24))| {
            proptest::prop_assert_eq!(unescaped(&escaped(&bytes)), bytes);
        });
    }

    fn parsed(text: &str) -> Report {
        parse(text.as_bytes(), None, &Options::default()).unwrap()
    }

    /// A footer's words (印发, 技术支持, 建议使用) in the last proposal's own items and text are its text:
    /// only after its structure ends is a line the closing's.
    #[test]
    fn footer_words_inside_the_last_proposal_are_its_text() {
        let r = parsed(
            "标题\n第1号提案\n《关于养老服务的建议》\n【提案主要内容】\n建议使用新能源公交车\n【办理工作成效】\n\
             1.制定并印发《养老服务实施方案》\n2.为养老机构提供技术支持\n甲县政协提案委员会\n2024年12月\n\
             政协甲县委员会办公室 2024年12月10日印发\n",
        );
        let p = &r.proposals[0];
        assert_eq!(p.content.as_deref(), Some("建议使用新能源公交车"));
        let outcomes: Vec<&str> = p.outcomes.iter().map(|o| o.text.as_str()).collect();
        assert_eq!(outcomes, ["制定并印发《养老服务实施方案》", "为养老机构提供技术支持"]);
        assert_eq!(r.issuer.as_deref(), Some("甲县政协提案委员会"));
    }

    /// A signature under the last labelled field is the closing's, not a further value of the field.
    #[test]
    fn a_signature_under_a_label_is_no_value_of_it() {
        let r =
            parsed("标题\n第1号提案\n《关于甲的建议》\n主办单位:县教育局\n甲县政协提案委员会\n2024年12月\n");
        assert_eq!(r.proposals[0].lead_unit.as_deref(), Some("县教育局"));
        assert!(r.proposals[0].assisting_units.is_empty());
        assert_eq!(r.issuer.as_deref(), Some("甲县政协提案委员会"));
    }

    /// The header's outline goes on after the blocks with any later number of its style, for the repair
    /// as for the segmenter: a heading is never joined to the paragraph under it.
    #[test]
    fn a_later_heading_of_the_outline_is_the_conclusion() {
        let r = parsed(
            "标题\n一、基本情况\n共收到提案100件。\n二、重点提案办理情况\n(一)第1号提案\n【办理工作成效】\n\
             1.已办结。\n四、下一步工作\n下一步,将完善督办机制。\n",
        );
        assert_eq!(r.conclusion, ["四、下一步工作", "下一步,将完善督办机制。"]);
        assert_eq!(r.proposals[0].outcomes.len(), 1);
    }

    /// After a website's footer begins, the page's other lines are its too: a committee's name or a date
    /// there is not the report's issuer or date.
    #[test]
    fn a_name_inside_a_websites_footer_is_not_the_issuer() {
        let r = parsed(
            "标题\n第1号提案\n《关于甲的建议》\n【办理工作成效】\n1.已办结。\n【打印本页】【关闭窗口】\n\
             中国人民政治协商会议永康市委员会\n2019年3月\n",
        );
        assert_eq!((r.issuer, r.date), (None, None));
    }

    #[test]
    fn hex_is_two_lower_case_digits_a_byte() {
        let every: Vec<u8> = (0..=255).collect();
        let by_format: String = every.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex(&every), by_format);
    }

    #[test]
    fn a_file_without_blocks_is_measured_in_the_lines_tian_reads() {
        for text in ["甲\n乙\n丙\n", "甲\r\n乙\r\n丙", "甲\r乙\r丙\r"] {
            match parse(text.as_bytes(), None, &Options::default()) {
                Err(Error::NoProposals { lines, .. }) => assert_eq!(lines, 3, "{text:?}"),
                other => panic!("{text:?}: {other:?}"),
            }
        }
    }
}
