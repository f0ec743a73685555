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
mod run;
pub mod text;

use std::fmt;

pub use run::{Imported, Options, check_written, import, report_text, write_all};

/// Why a source file could not be read. Nothing is written when any file fails.
#[derive(Debug)]
pub enum ReadError {
    /// The file could not be opened or read.
    Io(std::io::Error),
    /// Larger than [`docx::MAX_FILE_BYTES`] (or, inside, a part larger than the limits allow: a zip bomb).
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
                "{what} is larger than boardpack reads ({} MB)",
                limit / 1_000_000
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
