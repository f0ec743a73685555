//! The body of a Word document (and of its footnotes) into [`Block`]s.
//!
//! Word keeps revision history, layout and alternatives for old readers in the same tree as the
//! text. The rules here pick what a reader of the paper saw: accepted insertions but not deletions,
//! a field's result but not its code, one branch of an `mc:AlternateContent`, and text boxes moved
//! next to the paragraph that anchors them.
//!
//! The converter is one struct walking one tree; its methods are split by what they read:
//! - `blocks`: paragraphs, tables, rows and cells, and table captions;
//! - `inlines`: runs, hyperlinks, symbols, equations and note references;
//! - `fields`: complex fields, whose result is kept and whose `HYPERLINK` instruction makes a link;
//! - `drawings`: pictures and text boxes, in DrawingML and VML;
//! - `counts`: what was left out or changed, counted as it goes and said in the import report.

mod blocks;
mod counts;
mod drawings;
mod fields;
mod inlines;

use std::collections::{HashMap, HashSet, VecDeque};

use super::super::ReadError;
use super::super::doc::{Block, Footnote, Image, Inline, Note};
use super::numbering::Numbering;
use super::package::{Package, Rels};
use super::styles::{RunProps, Styles};
use super::xml::Element;
use counts::Counts;
use fields::Field;

/// Footnotes and endnotes are numbered apart in Word, so their ids can clash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum NoteStory {
    Footnote,
    Endnote,
}

/// The notes of one story part, by `w:id`, with the relationships their hyperlinks use.
pub(crate) struct NotePart<'a> {
    pub notes: HashMap<String, &'a Element>,
    pub rels: &'a Rels,
}

impl<'a> NotePart<'a> {
    /// The notes a reference can point at: separators (the line above the notes) are not notes.
    pub fn new(root: &'a Element, rels: &'a Rels) -> NotePart<'a> {
        let notes = root
            .elements()
            .filter(|e| matches!(e.name.as_str(), "w:footnote" | "w:endnote"))
            .filter(|e| {
                !matches!(
                    e.attr("w:type"),
                    Some("separator" | "continuationSeparator" | "continuationNotice")
                )
            })
            .filter_map(|e| Some((e.attr("w:id")?.to_string(), e)))
            .collect();
        NotePart { notes, rels }
    }
}

/// What a paragraph's inline content collects.
#[derive(Debug, Default)]
struct Para {
    inlines: Vec<Inline>,
    /// Text-box content, placed after the paragraph.
    boxes: Vec<Block>,
    /// Everything added, so an `mc:Choice` that gave nothing can be told from one that did.
    emitted: usize,
}

/// Formatting context passed down to runs.
#[derive(Debug, Clone, Default)]
struct Ctx {
    link: Option<String>,
    /// The run properties the paragraph's style gives its text.
    para: RunProps,
}

pub(crate) struct Converter<'a, 'z> {
    pkg: &'a mut Package<'z>,
    styles: &'a Styles,
    numbering: Numbering,
    rels: &'a Rels,
    footnotes: Option<NotePart<'a>>,
    endnotes: Option<NotePart<'a>>,
    pub notes_out: Vec<Footnote>,
    note_index: HashMap<(NoteStory, String), usize>,
    note_queue: VecDeque<(NoteStory, String, usize)>,
    pub images: Vec<Image>,
    image_index: HashMap<String, usize>,
    image_names: HashSet<String>,
    pub report: Vec<Note>,
    counts: Counts,
    fields: Vec<Field>,
    /// An error that ends the import (the unpack budget ran out while reading an image).
    fatal: Option<ReadError>,
}

impl<'a, 'z> Converter<'a, 'z> {
    pub fn new(
        pkg: &'a mut Package<'z>,
        styles: &'a Styles,
        numbering: Numbering,
        rels: &'a Rels,
        footnotes: Option<NotePart<'a>>,
        endnotes: Option<NotePart<'a>>,
    ) -> Self {
        Converter {
            pkg,
            styles,
            numbering,
            rels,
            footnotes,
            endnotes,
            notes_out: Vec::new(),
            note_index: HashMap::new(),
            note_queue: VecDeque::new(),
            images: Vec::new(),
            image_index: HashMap::new(),
            image_names: HashSet::new(),
            report: Vec::new(),
            counts: Counts::default(),
            fields: Vec::new(),
            fatal: None,
        }
    }

    /// Converts the body, then the notes it refers to, in the order of first reference.
    pub fn body(&mut self, body: &'a Element) -> Result<Vec<Block>, ReadError> {
        let mut blocks = Vec::new();
        self.blocks(body, &mut blocks);
        self.fields.clear();
        while let Some((story, id, index)) = self.note_queue.pop_front() {
            let part = match story {
                NoteStory::Footnote => self.footnotes.as_ref(),
                NoteStory::Endnote => self.endnotes.as_ref(),
            };
            let Some((note, rels)) = part.and_then(|p| Some((*p.notes.get(&id)?, p.rels))) else {
                continue;
            };
            let saved = std::mem::replace(&mut self.rels, rels);
            let mut note_blocks = Vec::new();
            self.blocks(note, &mut note_blocks);
            self.fields.clear();
            self.rels = saved;
            trim_note_start(&mut note_blocks);
            if let Some(slot) = self.notes_out.get_mut(index) {
                slot.blocks = note_blocks;
            }
        }
        if let Some(e) = self.fatal.take() {
            return Err(e);
        }
        self.finish_report();
        Ok(blocks)
    }
}

/// A note's text starts after its number mark, which Word follows with a space; the mark is gone,
/// the space goes with it.
fn trim_note_start(blocks: &mut [Block]) {
    if let Some(Block::Paragraph(p)) = blocks.first_mut() {
        if let Some(Inline::Text(run)) = p.inlines.first_mut() {
            run.text = run.text.trim_start().to_string();
        }
        if matches!(p.inlines.first(), Some(Inline::Text(r)) if r.text.is_empty()) {
            p.inlines.remove(0);
        }
    }
}
