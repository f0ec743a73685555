//! The imported document: what a Word file or a text export says, before it is a paper.
//!
//! Both readers ([`super::docx`], [`super::text`]) produce a [`Document`]; everything after them (the
//! cover block, the Markdown writer, the fidelity check) works on this one shape, so a reader only has
//! to say what the source holds and never how a paper is written. It keeps what a paper can carry
//! (headings, numbered paragraphs with the numbers the author saw, lists, tables, emphasis, links,
//! footnotes, images) and nothing of Word's layout.

/// A whole imported source file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The body, in reading order. Page headers and footers are not part of it.
    pub blocks: Vec<Block>,
    /// Footnotes and endnotes, in the order the body first refers to them.
    pub footnotes: Vec<Footnote>,
    /// Images the body refers to by index ([`Inline::Image`]).
    pub images: Vec<Image>,
    /// The document's own title (Word's core properties), when it has one.
    pub title: Option<String>,
    /// What the reader noticed that a person should know: accepted tracked changes, dropped comments,
    /// content it could not read. Each becomes a line of the import report.
    pub notes: Vec<Note>,
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

/// One paragraph as the author wrote it: a heading, a numbered or bulleted paragraph, or plain text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    /// The paragraph's style name as the author's template calls it (`Heading 2`, `List Paragraph`,
    /// `Title`), when the source has styles; for style-based rules such as mammoth's style maps.
    pub style: Option<String>,
    /// 1–6 when the paragraph is a heading (a heading style or outline level in Word, a heading line in
    /// text). The Markdown writer decides the level it is written at.
    pub heading: Option<u8>,
    /// The number or bullet Word shows before the paragraph, from automatic numbering. Typed numbers
    /// ("2.1 The Board…") stay in the text; [`super::numbers`] finds them.
    pub list: Option<ListMark>,
    pub inlines: Vec<Inline>,
}

/// The number or bullet before a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListMark {
    /// Nesting depth, 0 for the outermost level.
    pub level: u8,
    /// What a reader sees, exactly: `"2.1."`, `"3"`, `"(a)"`, `"iv."`; empty for a bullet.
    pub label: String,
    /// A bullet (•, –, ▪) rather than a number or letter.
    pub bullet: bool,
    /// Which list it belongs to (Word's `numId`, or a counter in text), so two lists that touch can be
    /// told apart.
    pub list_id: u32,
}

/// Inline content of a paragraph or a table cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(Run),
    /// A line break inside the paragraph (Word's `<w:br/>`, Shift+Enter).
    LineBreak,
    /// A reference to [`Document::footnotes`]`[index]`.
    FootnoteRef(usize),
    /// [`Document::images`]`[index]`.
    Image(usize),
}

/// A run of text with one set of formatting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// The target of a hyperlink this run is part of (an address, `mailto:` or `#bookmark`).
    pub link: Option<String>,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Self {
        Run {
            text: text.into(),
            ..Run::default()
        }
    }
}

/// A table. Merged cells are written once, where they start, with their span.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<Row>,
    /// A caption the document gives the table ("Table 1: Costs", a Word caption paragraph next to it).
    pub caption: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// Word's "repeat as header row": a header row of the table.
    pub header: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    /// A cell holds paragraphs (and, rarely, a nested table).
    pub blocks: Vec<Block>,
    /// Columns this cell spans (`gridSpan`), at least 1.
    pub colspan: u32,
}

/// One footnote or endnote.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Footnote {
    pub blocks: Vec<Block>,
}

/// An image the document embeds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Image {
    /// The file name it is written under beside the paper, e.g. `image1.png`: unique in the document,
    /// safe as a file name.
    pub name: String,
    pub bytes: Vec<u8>,
    /// The alternative text the author gave (Word's "Alt Text"); empty when there is none, which the
    /// report flags.
    pub alt: String,
}

/// Something a reader noticed, for the import report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub kind: NoteKind,
    /// One sentence for the clerk, e.g. "3 tracked insertions were accepted and 2 deletions dropped".
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NoteKind {
    /// Tracked changes were resolved (insertions kept, deletions dropped).
    TrackedChanges,
    /// Comments were left out.
    Comments,
    /// Hidden text, text boxes, shapes, fields or objects that were simplified or left out.
    Unsupported,
    /// An image has no alternative text.
    MissingAltText,
    /// Anything else worth a look.
    Other,
}

impl Document {
    /// The plain text of a list of blocks, paragraphs on lines of their own: for headings, labels and
    /// the fidelity check.
    pub fn plain_text(blocks: &[Block]) -> String {
        let mut out = String::new();
        for block in blocks {
            push_block_text(block, &mut out);
        }
        out
    }
}

impl Paragraph {
    /// The paragraph's text, without formatting; a line break is a newline.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for inline in &self.inlines {
            match inline {
                Inline::Text(run) => out.push_str(&run.text),
                Inline::LineBreak => out.push('\n'),
                Inline::FootnoteRef(_) | Inline::Image(_) => {}
            }
        }
        out
    }

    /// A plain paragraph of one run.
    pub fn plain(text: impl Into<String>) -> Self {
        Paragraph {
            inlines: vec![Inline::Text(Run::plain(text))],
            ..Paragraph::default()
        }
    }
}

fn push_block_text(block: &Block, out: &mut String) {
    match block {
        Block::Paragraph(p) => {
            if let Some(mark) = &p.list
                && !mark.label.is_empty()
            {
                out.push_str(&mark.label);
                out.push(' ');
            }
            out.push_str(&p.text());
            out.push('\n');
        }
        Block::Table(t) => {
            if let Some(caption) = &t.caption {
                out.push_str(caption);
                out.push('\n');
            }
            for row in &t.rows {
                for cell in &row.cells {
                    for b in &cell.blocks {
                        push_block_text(b, out);
                    }
                }
            }
        }
    }
}
