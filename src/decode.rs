//! Decode: raw bytes → Unicode text, with the encoding detected.
//!
//! Takes the bytes of one file and gives a `String` plus the name of the encoding used. Order of evidence:
//! a forced encoding (`--encoding`); a byte-order mark (UTF-8, UTF-16LE/BE); valid UTF-8; UTF-8 with a few
//! damaged bytes (decoded as UTF-8 so one bad byte does not turn the file into GB18030 mojibake); otherwise
//! the statistical guess of chardetng, where GBK is widened to its superset GB18030. Files that are
//! plainly not text (PDF, ZIP/DOCX, images, NUL bytes) are refused here with a hint, before anything is
//! guessed. Invalid bytes become U+FFFD; `had_errors` tells the later stages to point at those lines.

use std::borrow::Cow;

use encoding_rs::{BIG5, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

use crate::error::{Error, FileName};

/// Decoded text of one input: borrowed from the input where it is UTF-8 already.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// Display name of the encoding used (UTF-8, GB18030, Big5, UTF-16LE, UTF-16BE).
    pub encoding: &'static str,
    /// Some bytes were invalid in that encoding and became U+FFFD.
    pub had_errors: bool,
}

/// Looks up an encoding given by name on the command line (`gbk`, `gb18030`, `utf-16le` …).
pub fn encoding_for_label(label: &str, file: &FileName) -> Result<&'static Encoding, Error> {
    Encoding::for_label(label.trim().as_bytes())
        .ok_or_else(|| Error::UnknownEncoding { file: file.clone(), label: label.to_owned() })
}

/// Decodes `bytes`, detecting the encoding unless `forced` is given.
pub fn decode<'a>(
    bytes: &'a [u8],
    forced: Option<&'static Encoding>,
    file: &FileName,
) -> Result<Decoded<'a>, Error> {
    if let Some(what) = sniff_not_text(bytes) {
        return Err(Error::NotText { file: file.clone(), what: what.to_owned() });
    }
    let bom = Encoding::for_bom(bytes);
    let encoding = match (forced, bom) {
        (Some(enc), _) => widen(enc),
        (None, Some((enc, _))) => enc,
        (None, None) => {
            if let Some(offset) = memchr::memchr(0, bytes) {
                let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
                return Err(Error::Binary { file: file.clone(), line, offset });
            }
            match detect(bytes) {
                Detected::Decoded(text, encoding) => {
                    return Ok(Decoded { text, encoding: display_name(encoding), had_errors: false });
                }
                Detected::Encoding(encoding) => encoding,
            }
        }
    };
    if encoding == UTF_8
        && bom.is_none()
        && let Ok(text) = std::str::from_utf8(bytes)
    {
        // Checked once here; encoding_rs would validate the same bytes again.
        return Ok(Decoded { text: Cow::Borrowed(text), encoding: "UTF-8", had_errors: false });
    }
    // decode_with_bom_removal only strips a BOM that matches `encoding`, so a forced encoding wins.
    let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
    Ok(Decoded { text, encoding: display_name(encoding), had_errors })
}

/// How much of a non-UTF-8 file the statistical detector reads: plenty to tell GBK from Big5, and the
/// rest of a large file would only cost time.
const DETECTOR_SAMPLE: usize = 64 * 1024;

/// What detection found: just the encoding, or the text already decoded on the way.
enum Detected<'a> {
    Encoding(&'static Encoding),
    Decoded(Cow<'a, str>, &'static Encoding),
}

/// Picks the encoding of BOM-less bytes.
fn detect(bytes: &[u8]) -> Detected<'_> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Detected::Decoded(Cow::Borrowed(text), UTF_8);
    }
    // A UTF-8 file with a few damaged bytes stays UTF-8: mis-decoding it as GB18030 would garble every line.
    let mut multibyte = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
            if invalid * 20 > multibyte + 400 {
                break; // plainly not UTF-8; no need to read on
            }
        }
    }
    if multibyte >= 8 && invalid * 20 <= multibyte {
        return Detected::Encoding(UTF_8);
    }
    // GBK's trail bytes 0x80–0xA0 do not exist in Big5, so real GBK text is almost never valid Big5 (and
    // Big5 text of any length hits a byte pair GB18030 rejects). The statistical detector, which costs
    // about as much per byte as all the rest of the parse, only settles what these two checks leave open.
    let gb = GB18030.decode_without_bom_handling_and_without_replacement(bytes);
    match (gb, valid_big5(bytes)) {
        (Some(text), false) => return Detected::Decoded(text, GB18030),
        (None, true) => return Detected::Encoding(BIG5),
        _ => {}
    }
    let sample = &bytes[..bytes.len().min(DETECTOR_SAMPLE)];
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(sample, sample.len() == bytes.len());
    let guess = detector.guess(None, false);
    // This genre is Chinese: anything but Big5 is read as GB18030, the superset of GBK and GB2312.
    Detected::Encoding(if guess == BIG5 { BIG5 } else { GB18030 })
}

/// Whether all of `bytes` is valid Big5; stops at the first invalid byte, which for GBK text comes early.
fn valid_big5(bytes: &[u8]) -> bool {
    let mut decoder = BIG5.new_decoder_without_bom_handling();
    let mut scratch = [0u8; 4096];
    let mut read = 0;
    loop {
        let (result, n, _) = decoder.decode_to_utf8_without_replacement(&bytes[read..], &mut scratch, true);
        read += n;
        match result {
            encoding_rs::DecoderResult::InputEmpty => return true,
            encoding_rs::DecoderResult::Malformed(_, _) => return false,
            encoding_rs::DecoderResult::OutputFull => {}
        }
    }
}

/// GBK and GB2312 labels decode as GB18030, which is a strict superset.
fn widen(enc: &'static Encoding) -> &'static Encoding {
    if enc == GBK { GB18030 } else { enc }
}

fn display_name(enc: &'static Encoding) -> &'static str {
    match enc {
        e if e == UTF_8 => "UTF-8",
        e if e == GB18030 || e == GBK => "GB18030",
        e if e == UTF_16LE => "UTF-16LE",
        e if e == UTF_16BE => "UTF-16BE",
        e if e == BIG5 => "Big5",
        e => e.name(),
    }
}

/// Names well-known binary formats people feed by mistake.
fn sniff_not_text(bytes: &[u8]) -> Option<&'static str> {
    // PDF and DOCX never come here: `container` reads them, or refuses them saying why.
    const MAGIC: &[(&[u8], &str)] = &[
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "an old binary Office document (.doc or .wps, .xls), which tian does not read: open it in Word \
             or WPS and save it as DOCX",
        ),
        (
            b"PK\x03\x04",
            "a ZIP archive but no Word document (an ODT, XLSX …?): save it as DOCX, or unpack it",
        ),
        (b"\x89PNG\r\n\x1a\n", "a PNG image, not a document tian reads; it needs OCR first"),
        (b"\xFF\xD8\xFF", "a JPEG image, not a document tian reads; it needs OCR first"),
        (b"GIF87a", "a GIF image, not a document tian reads"),
        (b"GIF89a", "a GIF image, not a document tian reads"),
        (b"{\\rtf", "an RTF document, which tian does not read: save it as DOCX"),
        (b"\x1F\x8B", "a gzip archive: unpack it first"),
        (b"Rar!", "a RAR archive: unpack it first"),
        (b"7z\xBC\xAF\x27\x1C", "a 7z archive: unpack it first"),
    ];
    MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)).map(|(_, what)| *what)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> FileName {
        FileName(Some("x.txt".into()))
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("第1号提案".as_bytes(), None, &file()).unwrap();
        assert_eq!((&*d.text, d.encoding, d.had_errors), ("第1号提案", "UTF-8", false));
        let d = decode("\u{feff}第1号提案".as_bytes(), None, &file()).unwrap();
        assert_eq!(d.text, "第1号提案");
    }

    #[test]
    fn gb18030_is_detected() {
        let text =
            "区政协十五届三次会议重点督办提案综述。全年以提案形式提出意见建议380件,经审查,共立案353件。";
        let (bytes, _, _) = GB18030.encode(text);
        let d = decode(&bytes, None, &file()).unwrap();
        assert_eq!(d.encoding, "GB18030");
        assert_eq!(d.text, text);
    }

    #[test]
    fn big5_is_told_from_gbk() {
        let text = "上城區政協一屆四次會議以來,共收到提案312件,經審查,共立案296件,其餘16件作為來信處理。督辦領導:鄭永明。承辦單位:區建設局。";
        let (bytes, _, _) = BIG5.encode(text);
        let d = decode(&bytes, None, &file()).unwrap();
        assert_eq!((&*d.text, d.encoding), (text, "Big5"));
        let (bytes, _, _) = GB18030.encode(text);
        assert_eq!(decode(&bytes, None, &file()).unwrap().encoding, "GB18030", "Traditional text in GBK");
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("提案者:吴雪峰\n".encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(&le, None, &file()).unwrap();
        assert_eq!((&*d.text, d.encoding), ("提案者:吴雪峰\n", "UTF-16LE"));
        let mut be = vec![0xFE, 0xFF];
        be.extend("提案者".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be, None, &file()).unwrap().encoding, "UTF-16BE");
    }

    #[test]
    fn damaged_utf8_stays_utf8_with_replacement() {
        let mut bytes = "专精特新企业是推进新型工业化、发展新质生产力的重要力量。".as_bytes().to_vec();
        bytes.insert(9, 0xFF);
        let d = decode(&bytes, None, &file()).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.had_errors);
        assert!(d.text.contains('\u{FFFD}'));
    }

    #[test]
    fn forced_encoding_wins() {
        let (bytes, _, _) = GB18030.encode("提案");
        let enc = encoding_for_label("gbk", &file()).unwrap();
        let d = decode(&bytes, Some(enc), &file()).unwrap();
        assert_eq!((&*d.text, d.encoding), ("提案", "GB18030"));
        assert!(encoding_for_label("klingon", &file()).is_err());
    }

    #[test]
    fn binary_inputs_are_refused_with_a_name() {
        let doc = decode(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", None, &file()).unwrap_err().to_string();
        assert!(
            doc.contains("x.txt") && doc.contains(".doc or .wps") && doc.contains("save it as DOCX"),
            "{doc}"
        );
        let zip = decode(b"PK\x03\x04rest", None, &file()).unwrap_err().to_string();
        assert!(zip.contains("no Word document") && zip.contains("DOCX"), "{zip}");
        let nul = decode(b"abc\ndef\0ghi", None, &file()).unwrap_err().to_string();
        assert!(nul.contains("line 2") && nul.contains("NUL"), "{nul}");
    }
}
