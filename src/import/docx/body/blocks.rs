//! Block-level content: paragraphs (with their style, heading level and list number), tables, rows
//! and cells.
//!
//! Apart from the inline reading because this is where Word's structure becomes the document's:
//! deleted paragraph marks join paragraphs, vertically merged cells are written once, and captions
//! move onto their tables.

use super::super::styles::{NumPr, RunProps, outline_to_heading};
use super::super::xml::{Element, on_off};
use super::inlines::push_inline;
use super::{Converter, Ctx, Para};
use crate::import::doc::{Block, Cell, Inline, Paragraph, Row, Table};

impl Converter<'_, '_> {
    /// The blocks of a container (body, cell, note, text box), with table captions attached.
    pub(super) fn blocks(&mut self, parent: &Element, out: &mut Vec<Block>) {
        let mut carry = Vec::new();
        self.block_children(parent, out, &mut carry);
        if !carry.is_empty() {
            push_paragraph(
                out,
                Paragraph {
                    inlines: carry,
                    ..Paragraph::default()
                },
            );
        }
        attach_captions(out);
    }

    /// `carry` holds the content of a paragraph whose mark was deleted: it joins the next paragraph.
    pub(super) fn block_children(
        &mut self,
        parent: &Element,
        out: &mut Vec<Block>,
        carry: &mut Vec<Inline>,
    ) {
        for e in parent.elements() {
            self.block(e, out, carry);
        }
    }

    pub(super) fn block(&mut self, e: &Element, out: &mut Vec<Block>, carry: &mut Vec<Inline>) {
        match e.name.as_str() {
            "w:p" => self.paragraph(e, out, carry),
            "w:tbl" => {
                if !carry.is_empty() {
                    push_paragraph(
                        out,
                        Paragraph {
                            inlines: std::mem::take(carry),
                            ..Paragraph::default()
                        },
                    );
                }
                let table = self.table(e);
                out.push(Block::Table(table));
            }
            "w:sdt" => {
                if let Some(content) = e.child("w:sdtContent") {
                    self.block_children(content, out, carry);
                }
            }
            "w:customXml" | "w:smartTag" => self.block_children(e, out, carry),
            "w:ins" | "w:moveTo" => {
                self.counts.insertions += 1;
                self.block_children(e, out, carry);
            }
            "w:del" | "w:moveFrom" => self.counts.deletions += 1,
            "mc:AlternateContent" => {
                let before = out.len();
                if let Some(choice) = e.child("mc:Choice") {
                    self.block_children(choice, out, carry);
                }
                if out.len() == before
                    && let Some(fallback) = e.child("mc:Fallback")
                {
                    self.block_children(fallback, out, carry);
                }
            }
            "w:altChunk" => self.counts.alt_chunks += 1,
            _ => {}
        }
    }

    pub(super) fn paragraph(&mut self, p: &Element, out: &mut Vec<Block>, carry: &mut Vec<Inline>) {
        let ppr = p.child("w:pPr");
        let style_id = ppr
            .and_then(|x| x.child_val("w:pStyle"))
            .or(self.styles.default_paragraph())
            .map(str::to_string);
        let heading = match ppr
            .and_then(|x| x.child_val("w:outlineLvl"))
            .and_then(|v| v.trim().parse::<u8>().ok())
        {
            Some(outline) => outline_to_heading(outline),
            None => style_id
                .as_deref()
                .and_then(|s| self.styles.heading_level(s)),
        };
        let mark = ppr.and_then(|x| x.child("w:rPr"));
        if mark.and_then(|m| m.child("w:ins")).is_some() {
            self.counts.insertions += 1;
        }
        let mark_deleted = mark.and_then(|m| m.child("w:del")).is_some();
        // A heading style's bold is how headings look, not emphasis the author added.
        let para_props = match (&style_id, heading) {
            (Some(s), None) => self.styles.run_props(s),
            _ => RunProps::default(),
        };
        let mut st = Para::default();
        self.inline_children(
            p,
            &Ctx {
                link: None,
                para: para_props,
            },
            &mut st,
        );
        if mark_deleted {
            self.counts.deletions += 1;
            carry.append(&mut st.inlines);
            out.append(&mut st.boxes);
            return;
        }
        let mut inlines = std::mem::take(carry);
        for inline in st.inlines {
            push_inline(&mut inlines, inline);
        }
        let num_pr = ppr
            .and_then(|x| x.child("w:numPr"))
            .map(NumPr::from_element);
        let list = self
            .numbering
            .next_mark(num_pr, style_id.as_deref(), self.styles);
        let style = style_id.map(|s| self.styles.name(&s));
        push_paragraph(
            out,
            Paragraph {
                style,
                heading,
                list,
                inlines,
            },
        );
        out.append(&mut st.boxes);
    }

    pub(super) fn table(&mut self, tbl: &Element) -> Table {
        let mut rows = Vec::new();
        self.rows(tbl, &mut rows);
        Table {
            rows,
            caption: None,
        }
    }

    pub(super) fn rows(&mut self, parent: &Element, rows: &mut Vec<Row>) {
        for e in parent.elements() {
            match e.name.as_str() {
                "w:tr" => {
                    if let Some(row) = self.row(e) {
                        rows.push(row);
                    }
                }
                "w:sdt" => {
                    if let Some(content) = e.child("w:sdtContent") {
                        self.rows(content, rows);
                    }
                }
                "w:customXml" => self.rows(e, rows),
                _ => {}
            }
        }
    }

    /// A row, or `None` for a row whose insertion Word tracks as deleted.
    pub(super) fn row(&mut self, tr: &Element) -> Option<Row> {
        let trpr = tr.child("w:trPr");
        if trpr.and_then(|t| t.child("w:del")).is_some() {
            self.counts.deletions += 1;
            return None;
        }
        if trpr.and_then(|t| t.child("w:ins")).is_some() {
            self.counts.insertions += 1;
        }
        let header = trpr
            .and_then(|t| t.child("w:tblHeader"))
            .is_some_and(on_off);
        let grid = |name: &str| {
            trpr.and_then(|t| t.child_val(name))
                .and_then(|v| v.trim().parse::<u32>().ok())
                .filter(|&n| n > 0)
        };
        let mut cells = Vec::new();
        // Columns the row leaves out at either end stay as empty cells, so the columns line up.
        if let Some(n) = grid("w:gridBefore") {
            cells.push(Cell {
                blocks: Vec::new(),
                colspan: n.min(1000),
            });
        }
        self.cells(tr, &mut cells);
        if let Some(n) = grid("w:gridAfter") {
            cells.push(Cell {
                blocks: Vec::new(),
                colspan: n.min(1000),
            });
        }
        Some(Row { cells, header })
    }

    pub(super) fn cells(&mut self, parent: &Element, cells: &mut Vec<Cell>) {
        for e in parent.elements() {
            match e.name.as_str() {
                "w:tc" => {
                    let cell = self.cell(e);
                    cells.push(cell);
                }
                "w:sdt" => {
                    if let Some(content) = e.child("w:sdtContent") {
                        self.cells(content, cells);
                    }
                }
                "w:customXml" => self.cells(e, cells),
                _ => {}
            }
        }
    }

    pub(super) fn cell(&mut self, tc: &Element) -> Cell {
        let tcpr = tc.child("w:tcPr");
        let colspan = tcpr
            .and_then(|t| t.child_val("w:gridSpan"))
            .and_then(|v| v.trim().parse::<u32>().ok())
            .unwrap_or(1)
            .clamp(1, 1000);
        // A vertically merged cell is written once, where it starts; the cells it covers stay empty.
        let continues = tcpr
            .and_then(|t| t.child("w:vMerge"))
            .is_some_and(|v| v.attr("w:val").is_none_or(|m| m == "continue"));
        let mut blocks = Vec::new();
        if !continues {
            self.blocks(tc, &mut blocks);
        }
        Cell { blocks, colspan }
    }
}

/// Adds a paragraph unless it shows nothing: Word documents space text with empty paragraphs. A
/// numbered empty paragraph stays, because its number shows.
fn push_paragraph(out: &mut Vec<Block>, p: Paragraph) {
    let shows = p.list.is_some()
        || p.inlines.iter().any(|i| match i {
            Inline::Text(r) => !r.text.trim().is_empty(),
            Inline::LineBreak => false,
            Inline::FootnoteRef(_) | Inline::Image(_) => true,
        });
    if shows {
        out.push(Block::Paragraph(p));
    }
}

fn is_caption(block: Option<&Block>) -> bool {
    matches!(block, Some(Block::Paragraph(p)) if p.style.as_deref().is_some_and(|s| s.to_lowercase().contains("caption")) && !p.text().trim().is_empty())
}

/// A caption paragraph right before a table (Word's usual place), else right after it, becomes the
/// table's caption. Before is tried for every table first, so a caption between two tables goes to
/// the one it precedes.
fn attach_captions(blocks: &mut Vec<Block>) {
    for after in [false, true] {
        let mut i = 0;
        while i < blocks.len() {
            let wants = matches!(blocks.get(i), Some(Block::Table(t)) if t.caption.is_none());
            let at = if after { i + 1 } else { i.wrapping_sub(1) };
            if wants && is_caption(blocks.get(at)) {
                let Block::Paragraph(p) = blocks.remove(at) else {
                    break;
                };
                if let Some(Block::Table(t)) = blocks.get_mut(if after { i } else { i - 1 }) {
                    t.caption = Some(p.text().trim().to_string());
                }
                if !after {
                    continue;
                }
            }
            i += 1;
        }
    }
}
