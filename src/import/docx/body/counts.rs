//! What the reader counts as it goes (tracked changes, hidden text, text boxes, drawings left out…)
//! and the notes it makes of them for the import report.
//!
//! Apart from the reading because the counts are only words for a person; nothing read depends on
//! them.

use super::Converter;
use crate::import::doc::{Note, NoteKind};

/// What the reader counts for the import report.
#[derive(Debug, Default)]
pub(super) struct Counts {
    pub(super) insertions: usize,
    pub(super) deletions: usize,
    pub(super) hidden: usize,
    pub(super) text_boxes: usize,
    pub(super) symbols: usize,
    pub(super) drawings: usize,
    pub(super) objects: usize,
    pub(super) equations: usize,
    pub(super) alt_chunks: usize,
    pub(super) missing_images: usize,
}

impl Converter<'_, '_> {
    pub(super) fn finish_report(&mut self) {
        let c = &self.counts;
        let mut notes = Vec::new();
        if c.insertions + c.deletions > 0 {
            notes.push(Note {
                kind: NoteKind::TrackedChanges,
                message: format!(
                    "{} accepted and {} dropped",
                    counted(
                        c.insertions,
                        "tracked insertion was",
                        "tracked insertions were"
                    ),
                    counted(
                        c.deletions,
                        "tracked deletion was",
                        "tracked deletions were"
                    )
                ),
            });
        }
        let unsupported = [
            (
                c.hidden,
                "hidden text was left out in 1 place".to_string(),
                format!("hidden text was left out in {} places", c.hidden),
            ),
            (
                c.text_boxes,
                "a text box's text was moved into the body".into(),
                format!(
                    "the text of {} text boxes was moved into the body",
                    c.text_boxes
                ),
            ),
            (
                c.symbols,
                "a symbol-font character (such as a Wingdings tick) was left out".into(),
                format!(
                    "{} symbol-font characters (such as Wingdings ticks) were left out",
                    c.symbols
                ),
            ),
            (
                c.drawings,
                "a drawing (a chart, diagram or shape) was left out".into(),
                format!(
                    "{} drawings (charts, diagrams or shapes) were left out",
                    c.drawings
                ),
            ),
            (
                c.objects,
                "an embedded object was replaced by its picture".into(),
                format!(
                    "{} embedded objects were replaced by their pictures",
                    c.objects
                ),
            ),
            (
                c.equations,
                "an equation was written as plain text".into(),
                format!("{} equations were written as plain text", c.equations),
            ),
            (
                c.alt_chunks,
                "an embedded document (altChunk) was left out".into(),
                format!(
                    "{} embedded documents (altChunk) were left out",
                    c.alt_chunks
                ),
            ),
        ];
        for (n, one, many) in unsupported {
            if n > 0 {
                notes.push(Note {
                    kind: NoteKind::Unsupported,
                    message: if n == 1 { one } else { many },
                });
            }
        }
        if c.missing_images > 0 {
            notes.push(Note {
                kind: NoteKind::Other,
                message: counted(
                    c.missing_images,
                    "image is missing from the file and was left out",
                    "images are missing from the file and were left out",
                ),
            });
        }
        for image in &self.images {
            let lower = image.name.to_ascii_lowercase();
            if lower.ends_with(".emf") || lower.ends_with(".wmf") {
                notes.push(Note {
                    kind: NoteKind::Other,
                    message: format!(
                        "{} is a Windows metafile, which web browsers do not show",
                        image.name
                    ),
                });
            }
            if image.alt.trim().is_empty() {
                notes.push(Note {
                    kind: NoteKind::MissingAltText,
                    message: format!("the image {} has no alternative text", image.name),
                });
            }
        }
        self.report.append(&mut notes);
    }
}

fn counted(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
