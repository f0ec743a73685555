//! Whether a source file reads as a report at all, before boardpack makes a paper of it.
//!
//! The readers are lenient by design: a text export that is not UTF-8 is read as Windows-1252, so the
//! words of an old export survive. The price is that any bytes at all read as "text": an empty file, a
//! renamed picture or 5 KB of random bytes would become a paper titled after the file. The checks here
//! refuse those (BP090) with what is wrong and where, so a clerk notices the wrong file before a paper
//! of junk is written.
//!
//! The rules, in order (each is documented in the README's import section):
//!
//! 1. **Binary data.** A NUL byte never occurs in a text export (UTF-16 exports, which are full of
//!    them, start with a byte-order mark and are decoded before this check).
//! 2. **Empty.** Nothing but white space.
//! 3. **Not text.** More than 1 in 100 of its characters are control characters (other than tab, line
//!    and page breaks) or U+FFFD, the mark of bytes that were not characters. Random bytes read as
//!    Windows-1252 are about 12 % control characters; a real export has none, or a stray one.
//! 4. **No words.** No run of two letters anywhere, or fewer than 1 in 5 of its visible characters are
//!    letters: a report is mostly words, even one with large tables of figures.
//!
//! A Word document is a zip archive of XML, so it cannot be random bytes; it is refused only when it
//! holds no text at all.

use super::doc::{Block, Document};

/// Why a source is not a report, for a BP090 error at the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    /// What is wrong, with where (line and column, or byte offset) when there is a where.
    pub message: String,
    /// How to fix it.
    pub help: &'static str,
}

/// The share of characters (as 1 in N) that may be control characters before a text is refused.
const CONTROL_ONE_IN: usize = 100;
/// The share of visible characters (as 1 in N) that must at least be letters.
const LETTERS_ONE_IN: usize = 5;

const HELP_BINARY: &str = "check that this is the report: a text export opens as readable text in Notepad. Export the report from Word again (File > Save As > Plain Text, encoding UTF-8), or import the .docx itself";
const HELP_EMPTY: &str = "check that this is the report you meant: export it from Word again (File > Save As > Plain Text), or import the .docx itself";

/// The raw bytes of a text or Markdown export, before they are decoded: refuses binary data.
pub(crate) fn text_bytes(bytes: &[u8]) -> Result<(), Refusal> {
    // UTF-16 ("Unicode" in Word's dialog) is full of NUL bytes, and starts with its byte-order mark.
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Ok(());
    }
    match memchr::memchr(0, bytes) {
        Some(at) => Err(Refusal {
            message: format!(
                "this is not a text export: it holds binary data (a NUL byte at byte {at}); if it was saved as \"Unicode\" text without a byte-order mark, save it again as UTF-8"
            ),
            help: HELP_BINARY,
        }),
        None => Ok(()),
    }
}

/// The decoded text of a text or Markdown export: refuses an empty file, and one that is not words.
pub(crate) fn text(text: &str) -> Result<(), Refusal> {
    if text.trim().is_empty() {
        return Err(Refusal {
            message: if text.is_empty() {
                "the file is empty: there is no report to import".to_string()
            } else {
                "the file is empty: it holds only spaces and blank lines, no report".to_string()
            },
            help: HELP_EMPTY,
        });
    }
    let mut chars = 0usize;
    let mut visible = 0usize;
    let mut letters = 0usize;
    let mut junk = 0usize;
    let mut first_junk: Option<(usize, char)> = None;
    let mut run = 0usize;
    let mut has_word = false;
    for (at, c) in text.char_indices() {
        chars += 1;
        if is_junk(c) {
            junk += 1;
            first_junk.get_or_insert((at, c));
        }
        if !c.is_whitespace() && !c.is_control() {
            visible += 1;
        }
        if c.is_alphabetic() {
            letters += 1;
            run += 1;
            has_word |= run >= 2;
        } else {
            run = 0;
        }
    }
    if let Some((at, c)) = first_junk.filter(|_| junk * CONTROL_ONE_IN > chars) {
        let position = crate::diagnostics::position_of(text, at);
        return Err(Refusal {
            message: format!(
                "this is not a text report: {junk} of its {chars} characters are control characters or broken bytes, the first at line {}, column {} ({}); it looks like binary data",
                position.line,
                position.column,
                if c == '\u{fffd}' {
                    "bytes that are not a character".to_string()
                } else {
                    format!("U+{:04X}", u32::from(c))
                }
            ),
            help: HELP_BINARY,
        });
    }
    if !has_word {
        return Err(Refusal {
            message: "this is not a report: it has no words in it, only figures and signs".into(),
            help: HELP_EMPTY,
        });
    }
    if letters * LETTERS_ONE_IN < visible {
        return Err(Refusal {
            message: format!(
                "this is not a report: only {letters} of its {visible} characters are letters (a report is mostly words)"
            ),
            help: HELP_EMPTY,
        });
    }
    Ok(())
}

/// Characters a text export does not hold: control characters other than tab, line and page
/// breaks, and U+FFFD (what a decoder puts for bytes that are not characters).
fn is_junk(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\u{85}'))
        || c == '\u{fffd}'
}

/// A Word document as read: refused when it holds no text (an empty document, or a scan: pictures
/// of pages with no words), since a paper made from it would be empty.
pub(crate) fn document(doc: &Document) -> Result<(), Refusal> {
    let mut text = Document::plain_text(&doc.blocks);
    for note in &doc.footnotes {
        text.push_str(&Document::plain_text(&note.blocks));
    }
    if !text.trim().is_empty() {
        return Ok(());
    }
    let tables = doc.blocks.iter().any(|b| matches!(b, Block::Table(_)));
    Err(Refusal {
        message: if doc.images.is_empty() && !tables {
            "this Word document is empty: it has no text".into()
        } else {
            "this Word document has no text, only pictures or empty tables (is it a scan?)".into()
        },
        help: "check that this is the report: import the Word document the report was written in, not a scan of it",
    })
}

/// A picture the paper will show: decoded as the PDF packs decode it (Typst, by the file's
/// extension), so a picture that would stop `check` and `build` after the import (BP100) stops the
/// import instead, before anything is written. Formats the packs do not embed (EMF, TIFF…) are shown
/// as their text alternative there, and are not decoded here.
pub(crate) fn image(name: &str, bytes: &[u8]) -> Result<(), Refusal> {
    use typst::foundations::{Bytes, Smart};
    use typst::visualize::{ExchangeFormat, RasterImage, SvgImage};
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let format = match ext.as_str() {
        "png" => Some(ExchangeFormat::Png),
        "jpg" | "jpeg" => Some(ExchangeFormat::Jpg),
        "gif" => Some(ExchangeFormat::Gif),
        "webp" => Some(ExchangeFormat::Webp),
        _ => None,
    };
    let why = match format {
        Some(format) => RasterImage::new(Bytes::new(bytes.to_vec()), format, Smart::Auto)
            .err()
            .map(|e| e.to_string()),
        None if ext == "svg" => SvgImage::new(Bytes::new(bytes.to_vec()))
            .err()
            .map(|_| "it is not a well-formed SVG drawing".to_string()),
        None => None,
    };
    match why {
        None => Ok(()),
        Some(why) => Err(Refusal {
            message: format!(
                "the picture {name} in this document is damaged: it cannot be read as {} ({why})",
                ext.to_ascii_uppercase()
            ),
            help: "open the report in Word, replace the picture (save it again as PNG or JPEG and use Insert > Pictures), save the report, and import it again",
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_data_is_refused_but_utf16_is_not() {
        assert!(text_bytes(b"Purpose\nFor decision.\n").is_ok());
        let err = text_bytes(b"Purpose\0\x01").unwrap_err();
        assert!(err.message.contains("byte 7"), "{err:?}");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Purpose".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert!(text_bytes(&utf16).is_ok());
    }

    #[test]
    fn empty_and_blank_files_are_refused() {
        assert!(text("").unwrap_err().message.contains("the file is empty"));
        assert!(
            text(" \n\n\t\r\n\x0c")
                .unwrap_err()
                .message
                .contains("only spaces and blank lines")
        );
    }

    #[test]
    fn control_characters_are_refused_with_where_the_first_is() {
        let err = text("Bus review\nPurpose \x01\x02\x03").unwrap_err();
        assert!(err.message.contains("line 2, column 9"), "{err:?}");
        assert!(err.message.contains("U+0001"), "{err:?}");
        // One stray character in a long report is not binary data.
        let long = format!(
            "{}\x07",
            "The Board is asked to note the report. ".repeat(10)
        );
        assert!(text(&long).is_ok());
    }

    #[test]
    fn text_without_words_is_refused() {
        assert!(
            text("1234 5678\n£9,000")
                .unwrap_err()
                .message
                .contains("no words")
        );
        let figures = format!("Budget\n{}", "| 2024 | 1,234 | 5,678 |\n".repeat(20));
        assert!(text(&figures).unwrap_err().message.contains("letters"));
        // A report with a table of figures is mostly words still.
        let report = format!(
            "{}\n{}",
            "The Board is asked to approve the budget set out in the table. ".repeat(8),
            "| 2024 | 1,234 | 5,678 |\n".repeat(10)
        );
        assert!(text(&report).is_ok());
        assert!(text("Bus review").is_ok());
        assert!(text("Children’s services: £7m").is_ok());
    }
}
