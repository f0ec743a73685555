//! `boardpack import`: Word (`.docx`) and text reports in, boardpack papers out.
//!
//! A source file goes through four steps, one module each:
//!
//! 1. a reader turns it into a [`doc::Document`]: [`docx`] for Word files, [`text`] for text and
//!    Markdown exported from Word;
//! 2. [`numbers`] finds typed paragraph numbers ("2.1 The Board…") so they are kept like automatic ones;
//! 3. [`cover`] takes the report template's cover block (Purpose, Summary, Recommendations, Contact
//!    officer…) into front matter and drops running headers;
//! 4. [`emit`] writes the rest as the Markdown a paper's body is written in.
//!
//! [`fidelity`] then proves that every word of the source is in the paper, and the import report says
//! what a person must check.

pub mod cover;
pub mod doc;
pub mod docx;
pub mod emit;
pub mod fidelity;
pub mod numbers;
mod plausible;
mod run;
pub mod text;

use std::fmt;

pub use run::{Imported, Options, check_written, import, report_text, write_all, write_checked};

/// How much `import` reads, in one place: the readers enforce these, the errors print them, and the
/// README's "Limits" paragraph states them (`tests/import_fuzz.rs` checks that it does). Generous for
/// any real report (a long one is a few megabytes, most of it pictures), small enough that a hostile
/// file (a zip bomb, a renamed video) is refused before it takes the machine's memory.
pub mod limits {
    /// The largest Word (`.docx`) file read.
    pub const WORD_FILE_BYTES: u64 = 50_000_000;
    /// The largest text or Markdown export read: text is a hundred times denser than a Word file's
    /// pictures, and a text report of even 1 MB is some 300 pages.
    pub const TEXT_FILE_BYTES: u64 = 20_000_000;
    /// The most one XML part of a Word file (its text, styles, numbering, notes) may unpack to.
    pub const PART_BYTES: u64 = 64_000_000;
    /// The most one picture in a Word file may unpack to. Larger pictures are left out with a note.
    pub const IMAGE_BYTES: u64 = 20_000_000;
    /// The most all the parts and pictures of a Word file read may unpack to, together.
    pub const UNPACKED_BYTES: u64 = 256_000_000;
    /// The most entries a Word file's zip archive may have; a Word document has a few dozen.
    pub const ZIP_ENTRIES: usize = 5_000;
}

/// A size in megabytes as the errors and the README write it: whole megabytes for a whole number,
/// else one decimal (so a 50.4 MB file is not said to be "50 MB" when the limit is 50 MB).
pub(crate) fn megabytes(bytes: u64) -> String {
    if bytes.is_multiple_of(1_000_000) {
        format!("{} MB", bytes / 1_000_000)
    } else {
        // Rounded up, so a size over a limit never prints as the limit itself.
        let tenths = bytes.div_ceil(100_000);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

/// Why a source file could not be read. Nothing is written when any file fails.
#[derive(Debug)]
pub enum ReadError {
    /// The file could not be opened or read.
    Io(std::io::Error),
    /// Larger than [`limits::WORD_FILE_BYTES`] (or, inside, a part larger than the [`limits`] allow: a
    /// zip bomb).
    TooLarge { what: String, limit: u64 },
    /// An old binary Word document (`.doc`), which is not a zip archive.
    LegacyWord,
    /// A password-protected (encrypted) Word document.
    Encrypted,
    /// Not a zip archive at all, or a zip archive without `word/document.xml`.
    NotDocx(String),
    /// A zip archive or XML part that is damaged.
    Corrupt(String),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "cannot read this file: {e}"),
            ReadError::TooLarge { what, limit } => write!(
                f,
                "{what} is larger than boardpack reads ({})",
                megabytes(*limit)
            ),
            ReadError::LegacyWord => {
                f.write_str("this is an old Word document (.doc), not a .docx")
            }
            ReadError::Encrypted => {
                f.write_str("this Word document is password-protected (encrypted)")
            }
            ReadError::NotDocx(why) => write!(f, "this is not a Word document: {why}"),
            ReadError::Corrupt(why) => write!(f, "this Word document is damaged: {why}"),
        }
    }
}

impl std::error::Error for ReadError {}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        ReadError::Io(e)
    }
}
