//! Reading one source file by its kind: a Word document, or text or Markdown exported from Word.
//!
//! Apart from the import's walk because it is where a file is refused: by its extension, its size
//! ([`crate::import::limits`]), or [`plausible`] finding it is not a report. Text exports also need
//! their encoding guessed, as Word writes them in three.

use std::path::Path;

use super::super::doc::Document;
use super::super::plausible::{self, Refusal};
use super::super::{ReadError, docx, limits, megabytes, text};
use crate::diagnostics::Diagnostic;

/// Reads a source by its kind: Word, or text exported from it.
pub(super) fn read_source(source: &Path) -> Result<(Document, Vec<String>), Box<Diagnostic>> {
    let ext = source
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let error = |message: String, help: &str| {
        Box::new(Diagnostic::error("BP090", source, message).help(help))
    };
    let kind = match ext.as_str() {
        "docx" | "docm" => Kind::Word,
        "txt" | "text" => Kind::Text,
        "md" | "markdown" => Kind::Markdown,
        "doc" => {
            return Err(error(
                "boardpack cannot read old Word documents (.doc)".into(),
                "open it in Word or LibreOffice and save it as a Word document (.docx), then import that",
            ));
        }
        "pdf" => {
            return Err(error(
                "boardpack cannot import PDF files".into(),
                "import the Word document the PDF was made from, or save the PDF's text as a .txt file and import that",
            ));
        }
        "odt" | "rtf" => {
            return Err(error(
                format!("boardpack cannot import .{ext} files"),
                "save it as a Word document (.docx) and import that",
            ));
        }
        _ => {
            return Err(error(
                "boardpack imports Word documents (.docx) and text exports (.txt, .md)".into(),
                "save the report as .docx, .txt or .md and import that",
            ));
        }
    };
    let meta = std::fs::metadata(source).map_err(|e| {
        error(
            format!("cannot read this file: {e}"),
            "check the file's name and that you may read it",
        )
    })?;
    let (limit, what, help) = if kind == Kind::Word {
        (
            limits::WORD_FILE_BYTES,
            "Word documents",
            "a report this large holds large pictures or embedded files: compress the pictures in Word (File > Compress Pictures) or split it",
        )
    } else {
        (
            limits::TEXT_FILE_BYTES,
            "text exports",
            "check that this is the report (a text report of 300 pages is 1 MB), or split it",
        )
    };
    if meta.len() > limit {
        return Err(error(
            format!(
                "this file is {}; boardpack imports {what} of up to {}",
                megabytes(meta.len()),
                megabytes(limit)
            ),
            help,
        ));
    }
    let bytes = std::fs::read(source).map_err(|e| {
        error(
            format!("cannot read this file: {e}"),
            "check the file's name and that you may read it",
        )
    })?;
    match kind {
        Kind::Word => {
            let doc = docx::read(&bytes).map_err(|e| Box::new(read_error(source, &e)))?;
            plausible::document(&doc).map_err(|r| refused(source, r))?;
            Ok((doc, Vec::new()))
        }
        Kind::Text | Kind::Markdown => {
            plausible::text_bytes(&bytes).map_err(|r| refused(source, r))?;
            let (text, note) = decode_text(&bytes);
            plausible::text(&text).map_err(|r| refused(source, r))?;
            Ok((
                text::read(&text, kind == Kind::Markdown),
                note.into_iter().collect(),
            ))
        }
    }
}

/// A source that is not a report, as the BP090 error at its file.
pub(super) fn refused(source: &Path, r: Refusal) -> Box<Diagnostic> {
    Box::new(Diagnostic::error("BP090", source, r.message).help(r.help))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Text,
    Markdown,
}

/// A read error as a diagnostic, with what the clerk can do about it.
fn read_error(source: &Path, e: &ReadError) -> Diagnostic {
    let help = match e {
        ReadError::Io(_) => "check the file's name and that you may read it",
        ReadError::TooLarge { .. } => {
            "compress the pictures in Word (File > Compress Pictures), or ask the author for a smaller file"
        }
        ReadError::LegacyWord => {
            "open it in Word or LibreOffice and save it as a Word document (.docx), then import that"
        }
        ReadError::Encrypted => {
            "ask the author for a copy without a password (in Word: File > Info > Protect Document > Encrypt with Password, and clear it)"
        }
        ReadError::NotDocx(_) => {
            "check that this is the report: a .docx file opens in Word; a file renamed to .docx is not one"
        }
        ReadError::Corrupt(_) => {
            "open it in Word, which can often repair it, save it again and import the new file"
        }
    };
    Diagnostic::error("BP090", source, e.to_string()).help(help)
}

/// Text exports come as UTF-8, UTF-16 ("Unicode" in Word's dialog) or Windows-1252 (Word's default on
/// Windows): decoded so the words survive, with a note when it was not UTF-8.
fn decode_text(bytes: &[u8]) -> (String, Option<String>) {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return (utf16(rest, u16::from_le_bytes), None);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return (utf16(rest, u16::from_be_bytes), None);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.trim_start_matches('\u{feff}').to_string(), None),
        Err(_) => (bytes.iter().map(|&b| windows_1252(b)).collect(), Some("the file was not UTF-8 and was read as Windows-1252 (Word's default text encoding): check quotes, dashes and £ signs".into())),
    }
}

/// UTF-16 after its byte-order mark, each two bytes read by `unit` (little- or big-endian).
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    String::from_utf16_lossy(&units)
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => char::from(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_exports_in_word_encodings_keep_their_characters() {
        assert_eq!(
            decode_text("Children’s £7".as_bytes()),
            ("Children’s £7".to_string(), None)
        );
        let (text, note) = decode_text(b"Children\x92s \xa37 \x96 \x93quoted\x94");
        assert_eq!(text, "Children’s £7 – “quoted”");
        assert!(note.is_some_and(|n| n.contains("Windows-1252")));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Purpose £".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode_text(&utf16).0, "Purpose £");
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Summary".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode_text(&utf16be).0, "Summary");
        assert_eq!(decode_text("\u{feff}Title".as_bytes()).0, "Title");
    }
}
