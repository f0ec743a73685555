//! The cover region cut into lines: what the walk steps over.
//!
//! Apart from the walk because a cover block comes as paragraphs, as paragraphs holding several
//! labelled lines, or as a table of label | value rows; here they all become one [`Line`] each, so
//! the walk never sees the difference.

use super::super::doc::{Block, Document, Inline, Paragraph};
use super::label_at_start;

/// One line of the cover region: its paragraph, where it came from, and a label if it starts with one.
#[derive(Debug, Clone)]
pub(super) struct Line {
    pub(super) paragraph: Paragraph,
    /// Index of the top-level block it came from.
    pub(super) block: usize,
    /// The value cell when the line is a table row (label | value).
    pub(super) cells: Option<Vec<Paragraph>>,
    /// A row of a cover-block table (most of whose rows are labels), not a table of the body.
    pub(super) cover_row: bool,
}

/// The cover region as lines: paragraphs (split at line breaks when they hold several labels) and the
/// rows of tables laid out as label | value.
pub(super) fn cover_lines(blocks: &[Block]) -> Vec<Line> {
    let mut lines = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Paragraph(p) => {
                for part in split_at_breaks(p) {
                    lines.push(Line {
                        paragraph: part,
                        block: i,
                        cells: None,
                        cover_row: false,
                    });
                }
            }
            Block::Table(t) => {
                let label_rows = t
                    .rows
                    .iter()
                    .filter(|r| {
                        r.cells.first().is_some_and(|c| {
                            label_at_start(&Document::plain_text(&c.blocks)).is_some()
                        })
                    })
                    .count();
                if label_rows * 2 < t.rows.len().max(1) || label_rows == 0 {
                    // Not a cover table: a line of its own, which ends the cover block.
                    lines.push(Line {
                        paragraph: Paragraph::default(),
                        block: i,
                        cells: Some(Vec::new()),
                        cover_row: false,
                    });
                    continue;
                }
                for row in &t.rows {
                    let mut cells = row.cells.iter().map(|c| paragraphs_of(&c.blocks));
                    let label = cells.next().unwrap_or_default();
                    let values: Vec<Paragraph> = cells.flatten().collect();
                    let mut label_lines = label.into_iter();
                    let first = label_lines.next().unwrap_or_default();
                    // A label cell that is one paragraph; more paragraphs in it are values.
                    let mut all_values: Vec<Paragraph> = label_lines.collect();
                    all_values.extend(values);
                    lines.push(Line {
                        paragraph: first,
                        block: i,
                        cells: Some(all_values),
                        cover_row: true,
                    });
                }
            }
        }
    }
    lines
}

fn paragraphs_of(blocks: &[Block]) -> Vec<Paragraph> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph(p) => out.extend(split_at_breaks(p)),
            Block::Table(t) => {
                for row in &t.rows {
                    for c in &row.cells {
                        out.extend(paragraphs_of(&c.blocks));
                    }
                }
            }
        }
    }
    out
}

/// A paragraph holding several lines ("Contact officer: X", break, "Position: Y") as one paragraph
/// per line, when the lines after the first start with labels; otherwise the paragraph as it is.
fn split_at_breaks(p: &Paragraph) -> Vec<Paragraph> {
    let mut parts: Vec<Paragraph> = vec![Paragraph {
        inlines: Vec::new(),
        ..p.clone()
    }];
    for inline in &p.inlines {
        match inline {
            Inline::LineBreak => parts.push(Paragraph {
                inlines: Vec::new(),
                ..p.clone()
            }),
            other => parts
                .last_mut()
                .map(|last| last.inlines.push(other.clone()))
                .unwrap_or(()),
        }
    }
    if parts.len() > 1
        && parts
            .iter()
            .skip(1)
            .filter(|q| !q.text().trim().is_empty())
            .all(|q| label_at_start(&q.text()).is_some())
    {
        parts
    } else {
        vec![p.clone()]
    }
}
