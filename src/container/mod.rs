//! Containers: what a document is, told by its bytes, and its text for the rest of the pipeline.
//!
//! A PDF (`%PDF-` near the start) and a Word document (a ZIP archive holding `word/document.xml`) are
//! read here into text lines, a form feed where a page begins, since the repair stage mends what page
//! breaks cut. Anything else goes on as bytes to `decode`; a decoded web page is then read by [`html`].
//! The binary formats users feed by mistake (old `.doc`/`.wps`, other archives, images) are refused
//! with what to do instead. A panic inside a reader's dependency is caught and said as that file's
//! failure, so that one bad file cannot end a batch.

pub mod docx;
pub mod html;
pub mod pdf;

use crate::error::{Error, FileName};
use crate::model::{Code, Diagnostic, Format};

/// A document opened: text read out of a container, or bytes for `decode`.
#[derive(Debug)]
pub enum Opened {
    /// Text, or a web page, to decode.
    Bytes,
    /// The text of a DOCX or a PDF, the encoding its characters were read through, and what was
    /// taken away from it (said as diagnostics of its first line).
    Text { text: String, format: Format, encoding: String, notes: Vec<Diagnostic> },
}

/// Where a PDF's header may start: readers accept a little junk before `%PDF-`.
const PDF_HEADER_WINDOW: usize = 1024;

/// Opens `bytes`: a PDF or DOCX is read into text here; other bytes are left to `decode`.
pub fn open(bytes: &[u8], file: &FileName) -> Result<Opened, Error> {
    let head = &bytes[..bytes.len().min(PDF_HEADER_WINDOW)];
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        let read = caught(|| pdf::text_of(bytes));
        return match read {
            Ok(Ok(pdf::Text { text, encoding, header })) => {
                let notes = header
                    .map(|(header, pages)| {
                        let message = format!(
                            "running header {header} dropped at the top of {pages} pages (the same text at the \
                             same place)"
                        );
                        Diagnostic::new(Code::RunningHeader, Some(1), message)
                    })
                    .into_iter()
                    .collect();
                Ok(Opened::Text { text, format: Format::Pdf, encoding, notes })
            }
            Ok(Err(refusal)) => {
                Err(Error::Refused { file: file.clone(), what: "PDF", why: refusal.to_string() })
            }
            Err(panic) => Err(Error::Refused { file: file.clone(), what: "PDF", why: panic }),
        };
    }
    if bytes.starts_with(b"PK\x03\x04") {
        let refused = |why: String| Error::Refused {
            file: file.clone(),
            what: "DOCX",
            why: format!("{why}; open it in Word or WPS and save it again as DOCX"),
        };
        match caught(|| docx::text_of(bytes)) {
            Ok(Ok(Some(text))) => {
                return Ok(Opened::Text {
                    text,
                    format: Format::Docx,
                    encoding: "UTF-8".into(),
                    notes: Vec::new(),
                });
            }
            // Another archive: `decode` says what it is.
            Ok(Ok(None)) => {}
            Ok(Err(why)) | Err(why) => return Err(refused(why)),
        }
    }
    Ok(Opened::Bytes)
}

/// Runs a reader, a panic inside it caught and said. (The panic's own message still reaches stderr
/// through the panic hook, which belongs to the program, not to this library.)
fn caught<T>(read: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).map_err(|panic| {
        format!("its reader failed inside ({}); the file may be damaged", panic_message(&*panic))
    })
}

/// What a caught panic said, when it said it in text.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}
