//! The text and Markdown export reader: a report that reached the clerk as Word's "Save as Plain Text" or
//! as a Markdown export (pandoc, a committee system, a hand conversion) into a [`Document`].
//!
//! It never fails and never panics. It keeps every word it is given (the fidelity check relies on it)
//! and only takes away what is debris or markup: Word's `[bookmark: _GoBack]`, pandoc's
//! `[]{#_GoBack .anchor}`, bullets, Markdown punctuation, footnote markers it has matched to notes.
//! Typed paragraph numbers ("2.1. The Board …"), cover-block labels ("Purpose", "Contact Officer:") and
//! running headers stay in the text: [`super::numbers`] and [`super::cover`] find them.
//!
//! # Plain text (`markdown == false`)
//!
//! Word writes each paragraph on one line, so each non-blank line is a paragraph; blank lines carry
//! nothing. A BOM is dropped, CR LF and CR become LF, a form feed (page break), vertical tab, U+2028 and
//! U+2029 end a paragraph. Lines are trimmed; tabs inside a line are kept.
//!
//! * **Bullets**: a line starting `•`, `◦`, `▪`, `■`, `●`, `○`, `‣`, `⁃`, `-`, `–`, `*`, `·`, `➢`, `►` or
//!   Word's Symbol/Wingdings bullets (U+F0B7, U+F0A7) and then whitespace, or `o` / `§` and then a tab
//!   (Word's second and third level bullets), is a bullet [`ListMark`]. Its level is its indentation
//!   (a tab or two spaces a step) relative to the least indented item of its list; when the whole list
//!   is unindented, Word's bullet sequence (`·`/`•`, then `o`/`◦`, then `§`/`▪`) gives the level. A list
//!   runs over blank lines and ends at any other paragraph. Numbers stay text.
//! * **Tables**: two or more consecutive lines that split on tabs into the same number of cells (at least
//!   two, counting empty ones), one of them with two non-empty cells, are a [`Table`]. A line whose first
//!   non-empty cell ends with `:` (a cover label, `Contact Officer:\t\t`) is never a row, nor is a
//!   two-cell line whose first cell is only a list number or bullet (`1.\tText`, Word's numbering). A
//!   row of dashes (`------\t---`) is dropped and makes the rows above it header rows; otherwise no row
//!   is a header (text cannot say).
//! * **Captions**: a paragraph `Table 1: …`, `Table 2 – …`, `Table A. …` or `Table: …` next to a table
//!   (before it preferred) becomes its caption, whole.
//! * **Headings**: see [`heading_shape`] for the shape of a heading line. A run of one or two such lines
//!   is made `heading: Some(2)` when the paragraph after it is a numbered paragraph ("3.", "2.1",
//!   "(a)") or a longer paragraph that reads as body text (ends with sentence punctuation or has 12 or
//!   more words) and is not a `Label:` line; a heading line of more than 8 words needs a numbered
//!   paragraph after it. Runs of three or more short lines (addresses, signatures, lists without
//!   bullets) make no headings. The first paragraph of the document that is not a running header is
//!   `heading: Some(1)` when it has a title's shape (up to 120 characters, 20 words) and is not
//!   "Purpose", "Summary", "Recommendation(s)" or "Background".
//! * **Running headers**: two or more consecutive short lines that each occur three or more times (the
//!   board, date and item number Word's text shows at the top of each page) are never headings and are
//!   skipped when looking at the paragraph after a heading. They stay in the body for [`super::cover`].
//! * **Footnotes**: when the document ends with lines `[1] text`, `[2] text` … (in increasing order,
//!   after an optional `___` separator) and the body's `[n]` markers are exactly those numbers, the
//!   markers become [`Inline::FootnoteRef`] and the lines [`Document::footnotes`]. Otherwise all is text
//!   (with a note when the notes were there but did not match).
//!
//! # Markdown (`markdown == true`)
//!
//! Blocks are read line by line here (so that exports' habits can be kept), inline content by
//! pulldown-cmark with no extensions.
//!
//! * Paragraphs are separated by blank lines; soft-wrapped lines join with a space; two trailing spaces
//!   or a trailing `\` make a [`Inline::LineBreak`].
//! * ATX headings `#`…`######` (closing `#`s and a `{#id .class}` block removed) and setext headings
//!   (`===` / `---` under a paragraph) give `heading: Some(level)`. Thematic breaks are dropped.
//! * `-`, `*`, `+` bullets are [`ListMark`]s; the level comes from a stack of the items' indentations (a
//!   step of two or more columns nests, tabs count to the next multiple of four, so 2 and 4 space
//!   styles and mixtures work). Ordered items `1.` / `1)` stay text with their number ("1. Councils
//!   must …") but take part in nesting, so a bullet indented under "8. …" is at level 1. A bullet whose
//!   text starts with a paragraph number ("- 9.3. A report …") is a bullet with that text. A paragraph
//!   indented under a list after a blank line has style `List Continue`; a `>` quote, style `Quote`.
//! * Pipe tables (a `|---|` separator line; the first row is `Row.header`), and the tab-separated tables
//!   of plain text (exports keep Word's tabbed lines), with `Table: caption` (the caption without
//!   `Table:`) or `Table 1: …` next to them as caption.
//! * `**bold**`, `__bold__`, `*italic*`, `_italic_`, code spans (as text), backslash escapes, entities,
//!   `[text](url)` links (a `(#)` target is a link the export lost: the text stays, no link),
//!   `<url>` and `<email>` autolinks (`mailto:`), inline HTML `<b>`, `<strong>`, `<i>`, `<em>`,
//!   `<a href>`, `<br>` (other known tags such as `<sup>` are dropped, keeping their text; comments go).
//! * `![alt](path)` and `<img>`: the alternative text stays as text and a [`NoteKind::Unsupported`] note
//!   names the image, whose bytes the export does not hold.
//! * Footnotes `[^label]` with `[^label]: text` definitions (continued by lines indented four spaces);
//!   definitions nobody refers to are kept in the body as text, references to no definition stay text.
//! * pandoc's bracketed spans `[text]{.underline}` keep their text; its empty anchors `[]{#_GoBack}`
//!   and Word's `[bookmark: …]` go.
//! * `**Meeting:** Children and Young People Board` is a paragraph with a bold run `Meeting:`.
//! * Reference-style links (`[text][ref]` with `[ref]: url`) are not resolved; they stay text.
//! * Fenced code blocks are kept as text, line by line; indented code blocks are not recognised
//!   (indentation in exports means lists).

mod inlines;
mod markdown;
mod plain;

use std::borrow::Cow;
use std::collections::HashSet;

use super::doc::{Block, Cell, Document, Inline, Paragraph, Row, Run};

use markdown::read_markdown;
use plain::read_plain;

/// Reads text exported from Word (`markdown`: a `.md` export, whose `#`, `**`, `-` and links mean what
/// they do in Markdown) into a [`Document`].
pub fn read(text: &str, markdown: bool) -> Document {
    let text = normalise(text, markdown);
    let mut doc = if markdown {
        read_markdown(&text)
    } else {
        read_plain(&text)
    };
    attach_captions(&mut doc.blocks, markdown);
    doc
}

// ---------------------------------------------------------------------------------------------------
// Shared helpers

/// Drops a BOM, makes every line end LF, and turns page breaks into paragraph boundaries.
fn normalise(text: &str, markdown: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\x0c' | '\u{2029}' => out.push_str(if markdown { "\n\n" } else { "\n" }),
            '\x0b' | '\u{2028}' | '\u{85}' => out.push('\n'),
            // A BOM at the start, or left in the middle where files were joined.
            '\u{feff}' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Removes Word's `[bookmark: name]` (and, in Markdown, pandoc's empty anchors `[]{#name .anchor}`).
fn strip_debris(line: &str, markdown: bool) -> Cow<'_, str> {
    if !(line.contains("[bookmark:") || markdown && line.contains("[]{")) {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    loop {
        let bookmark = rest.find("[bookmark:");
        let anchor = if markdown { rest.find("[]{") } else { None };
        let (start, is_bookmark) = match (bookmark, anchor) {
            (Some(b), Some(a)) if a < b => (a, false),
            (Some(b), _) => (b, true),
            (None, Some(a)) => (a, false),
            (None, None) => break,
        };
        let close = if is_bookmark { ']' } else { '}' };
        let body_start = start
            + if is_bookmark {
                "[bookmark:".len()
            } else {
                "[]{".len()
            };
        let end = rest[body_start..].find(close).map(|e| body_start + e);
        let valid = match end {
            Some(e) if is_bookmark => !rest[body_start..e].contains('['),
            Some(e) => rest[body_start..e].trim_start().starts_with(['#', '.']),
            None => false,
        };
        match end {
            Some(e) if valid => {
                out.push_str(&rest[..start]);
                rest = &rest[e + 1..];
                if out.ends_with(' ') && rest.starts_with(' ') {
                    rest = &rest[1..];
                }
            }
            _ => {
                // Not debris: keep it, look further on.
                out.push_str(&rest[..body_start]);
                rest = &rest[body_start..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// pandoc's bracketed spans, `[text]{.underline}` or `[text]{lang="cy"}`, to their text (within a line).
fn strip_spans(line: &str) -> Cow<'_, str> {
    if !line.contains("]{") {
        return Cow::Borrowed(line);
    }
    let mut s = line.to_string();
    let mut from = 0;
    while let Some(p) = s[from..].find("]{") {
        let close = from + p;
        let attrs_start = close + 2;
        let Some(e) = s[attrs_start..].find('}') else {
            break;
        };
        let attrs_end = attrs_start + e;
        let attrs = s[attrs_start..attrs_end].trim_start();
        let open = if attrs.starts_with(['.', '#']) || attrs.contains('=') {
            let mut depth = 0usize;
            let mut open = None;
            for (i, ch) in s[..close].char_indices().rev().take(2000) {
                match ch {
                    ']' => depth += 1,
                    '[' if depth == 0 => {
                        open = Some(i);
                        break;
                    }
                    '[' => depth -= 1,
                    _ => {}
                }
            }
            open
        } else {
            None
        };
        match open {
            Some(o) => {
                s.replace_range(close..=attrs_end, "");
                s.remove(o);
                from = o;
            }
            None => from = attrs_start,
        }
    }
    Cow::Owned(s)
}

/// The cells of the lines `raws`, each a row of the tabbed table they may be: a table when there are
/// two rows or more and some row has two cells with text (else a run of tabbed lines is left as text).
/// Both readers find where the run of tabbed lines ends by their own rules, then ask this.
fn tab_table<'a>(raws: impl Iterator<Item = &'a str>) -> Option<Vec<Vec<String>>> {
    let rows: Vec<Vec<String>> = raws
        .map(|raw| {
            tab_cells(raw)
                .unwrap_or_default()
                .iter()
                .map(|c| c.to_string())
                .collect()
        })
        .collect();
    let table = rows.len() >= 2
        && rows
            .iter()
            .any(|r| r.iter().filter(|c| !c.is_empty()).count() >= 2);
    table.then_some(rows)
}

/// A line split on tabs, when it can be a row of a tabbed table: at least one tab, not a cover label
/// (`Contact Officer:\t\t`), not a list number or bullet followed by its text (`1.\tText`, two cells).
fn tab_cells(raw: &str) -> Option<Vec<&str>> {
    let line = raw.trim_matches(|c| c == ' ' || c == '\u{a0}');
    if !line.contains('\t') {
        return None;
    }
    let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
    let first = cells.iter().find(|c| !c.is_empty())?;
    if first.ends_with(':') || (cells.len() == 2 && is_list_label(first)) {
        return None;
    }
    Some(cells)
}

/// `1.`, `2.1`, `(a)`, `iv)`, `b.` or a bullet on its own: a number Word writes before a tab.
fn is_list_label(s: &str) -> bool {
    if s.chars().count() == 1 && !s.chars().all(char::is_alphanumeric) {
        return true; // "•", "-", "·"
    }
    if s == "o" || s == "§" {
        return true;
    }
    let inner = s.trim_start_matches('(').trim_end_matches([')', '.']);
    if inner.is_empty() || inner.len() == s.len() && !s.contains('.') {
        return false;
    }
    let numeric = inner
        .split('.')
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let letter = inner.chars().count() <= 4 && inner.chars().all(|c| c.is_ascii_alphabetic());
    numeric || letter
}

/// Whether a paragraph starts with a typed number: `3. `, `2.1 `, `2.1. `, `10)`, `(a)`, `a) `.
fn is_numbered(t: &str) -> bool {
    let b = t.as_bytes();
    let mut i = 0;
    if b.first().is_some_and(u8::is_ascii_digit) {
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
            i += 1;
        }
        if i < b.len() && b[i] == b')' {
            return true;
        }
        return i == b.len() || b[i].is_ascii_whitespace();
    }
    let s = t.strip_prefix('(').unwrap_or(t);
    let letters = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    (1..=4).contains(&letters)
        && s[letters..].starts_with(')')
        && (letters <= 1
            || s[..letters]
                .bytes()
                .all(|c| b"ivxlc".contains(&c.to_ascii_lowercase())))
}

fn word_count(t: &str) -> usize {
    t.split_whitespace().count()
}

/// The rows of a tabbed table. A row of dashes (`------\t---`, a pandoc simple table's rule) is dropped,
/// and makes the rows above it, when it follows only them, header rows.
fn tab_rows(rows: Vec<Vec<String>>, cell: &mut dyn FnMut(&str) -> Cell) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    let mut body_started = false;
    for r in rows {
        let rule = r.iter().any(|c| !c.is_empty())
            && r.iter()
                .all(|c| c.chars().all(|ch| matches!(ch, '-' | '=' | ':' | '+')));
        if rule {
            if !body_started {
                out.iter_mut().for_each(|row| row.header = true);
            }
            body_started = true;
            continue;
        }
        out.push(Row {
            cells: r.iter().map(|c| cell(c)).collect(),
            header: false,
        });
    }
    out
}

fn cell_of(inlines: Vec<Inline>) -> Cell {
    let empty = inlines
        .iter()
        .all(|i| matches!(i, Inline::Text(r) if r.text.trim().is_empty()));
    let blocks = if empty {
        Vec::new()
    } else {
        vec![Block::Paragraph(Paragraph {
            inlines,
            ..Paragraph::default()
        })]
    };
    Cell { blocks, colspan: 1 }
}

/// Gives each table without a caption the caption paragraph just before it (preferred) or after it.
fn attach_captions(blocks: &mut Vec<Block>, markdown: bool) {
    let caption_at = |blocks: &Vec<Block>, i: usize| -> Option<String> {
        match blocks.get(i) {
            Some(Block::Paragraph(p)) => caption_text(p, markdown),
            _ => None,
        }
    };
    for after in [false, true] {
        let mut i = 0;
        while i < blocks.len() {
            if matches!(&blocks[i], Block::Table(t) if t.caption.is_none()) {
                let at = if after { i + 1 } else { i.wrapping_sub(1) };
                if let Some(caption) = caption_at(blocks, at) {
                    if let Block::Table(t) = &mut blocks[i] {
                        t.caption = Some(caption);
                    }
                    blocks.remove(at);
                    if !after {
                        continue; // the table moved to i - 1; i now points past it
                    }
                }
            }
            i += 1;
        }
    }
}

/// `Table 1: Costs`, `Table 2 – Costs`, `Table A. Costs`, `Table: Costs` (in Markdown, pandoc's caption
/// syntax, whose `Table:` is dropped).
fn caption_text(p: &Paragraph, markdown: bool) -> Option<String> {
    if p.heading.is_some() || p.list.is_some() || p.style.is_some() {
        return None;
    }
    let text = p.text();
    let t = text.trim();
    if t.contains('\n') || t.chars().count() > 200 {
        return None;
    }
    let rest = t
        .strip_prefix("Table")
        .or_else(|| t.strip_prefix("TABLE"))?;
    if let Some(after) = rest.trim_start().strip_prefix(':') {
        let cap = after.trim();
        if cap.is_empty() {
            return None;
        }
        return Some(if markdown {
            cap.to_string()
        } else {
            t.to_string()
        });
    }
    if !rest.starts_with(char::is_whitespace) {
        return None; // "Tables", "Tablet"
    }
    let rest = rest.trim_start();
    let tok_len = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '.'))
        .unwrap_or(rest.len());
    let tok = &rest[..tok_len];
    let tok_core = tok.trim_end_matches('.');
    let label_ok = tok_core.chars().any(|c| c.is_ascii_digit())
        || (tok_core.chars().count() == 1 && tok_core.chars().all(char::is_uppercase));
    let after = rest[tok_len..].trim_start();
    let sep_ok = tok.ends_with('.') || after.starts_with([':', '–', '—', '-', '.']);
    let body = after.trim_start_matches([':', '–', '—', '-', '.']).trim();
    (label_ok && sep_ok && !body.is_empty()).then(|| t.to_string())
}

/// Finds the next footnote marker in a text: (start, end, key).
type FindMarker = dyn Fn(&str) -> Option<(usize, usize, String)>;

/// Turns footnote markers in runs into [`Inline::FootnoteRef`]: `find` gives the next marker in a text
/// as (start, end, key); only keys in `known` are turned; `order` collects keys in first-reference
/// order, and a reference's index is its key's position there.
fn link_markers(
    blocks: &mut [Block],
    find: &FindMarker,
    known: &HashSet<String>,
    order: &mut Vec<String>,
) {
    for block in blocks {
        match block {
            Block::Paragraph(p) => {
                let inlines = std::mem::take(&mut p.inlines);
                p.inlines = split_markers(inlines, find, known, order);
            }
            Block::Table(t) => {
                for row in &mut t.rows {
                    for cell in &mut row.cells {
                        link_markers(&mut cell.blocks, find, known, order);
                    }
                }
            }
        }
    }
}

fn split_markers(
    inlines: Vec<Inline>,
    find: &FindMarker,
    known: &HashSet<String>,
    order: &mut Vec<String>,
) -> Vec<Inline> {
    let mut out = Vec::with_capacity(inlines.len());
    for inline in inlines {
        let Inline::Text(run) = inline else {
            out.push(inline);
            continue;
        };
        let mut piece_start = 0;
        let mut search = 0;
        let text = &run.text;
        let mut changed = false;
        while search < text.len() {
            let Some((s, e, key)) = find(&text[search..]) else {
                break;
            };
            let (s, e) = (search + s, search + e);
            if known.contains(&key) {
                if s > piece_start {
                    out.push(Inline::Text(Run {
                        text: text[piece_start..s].to_string(),
                        ..run.clone()
                    }));
                }
                let idx = match order.iter().position(|k| *k == key) {
                    Some(i) => i,
                    None => {
                        order.push(key);
                        order.len() - 1
                    }
                };
                out.push(Inline::FootnoteRef(idx));
                piece_start = e;
                changed = true;
            }
            search = e.max(s + 1);
            while !text.is_char_boundary(search) {
                search += 1;
            }
        }
        if !changed {
            out.push(Inline::Text(run));
        } else if piece_start < text.len() {
            out.push(Inline::Text(Run {
                text: text[piece_start..].to_string(),
                ..run
            }));
        }
    }
    out
}

/// `[12]`: a footnote marker in a text export.
fn find_plain_marker(t: &str) -> Option<(usize, usize, String)> {
    let mut from = 0;
    while let Some(p) = t[from..].find('[') {
        let s = from + p;
        let digits = t[s + 1..].bytes().take_while(u8::is_ascii_digit).count();
        if (1..=3).contains(&digits) && t[s + 1 + digits..].starts_with(']') {
            return Some((s, s + digits + 2, t[s + 1..s + 1 + digits].to_string()));
        }
        from = s + 1;
    }
    None
}

/// `[^label]`: a Markdown footnote reference.
fn find_md_marker(t: &str) -> Option<(usize, usize, String)> {
    let mut from = 0;
    while let Some(p) = t[from..].find("[^") {
        let s = from + p;
        let body = &t[s + 2..];
        let len = body
            .find(|c: char| c == ']' || c == '[' || c.is_whitespace())
            .unwrap_or(body.len());
        if len > 0 && body[len..].starts_with(']') {
            return Some((s, s + 2 + len + 1, body[..len].to_string()));
        }
        from = s + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::inlines::md_inlines;
    use super::plain::heading_shape;
    use super::*;
    use crate::import::doc::{NoteKind, Table};
    use proptest::prelude::*;

    fn paras(doc: &Document) -> Vec<&Paragraph> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p),
                _ => None,
            })
            .collect()
    }

    fn texts(doc: &Document) -> Vec<String> {
        paras(doc).iter().map(|p| p.text()).collect()
    }

    fn headings(doc: &Document) -> Vec<(u8, String)> {
        paras(doc)
            .iter()
            .filter_map(|p| p.heading.map(|h| (h, p.text())))
            .collect()
    }

    fn tables(doc: &Document) -> Vec<&Table> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    fn cell_text(t: &Table, r: usize, c: usize) -> String {
        Document::plain_text(&t.rows[r].cells[c].blocks)
            .trim_end()
            .to_string()
    }

    fn runs(p: &Paragraph) -> Vec<&Run> {
        p.inlines
            .iter()
            .filter_map(|i| match i {
                Inline::Text(r) => Some(r),
                _ => None,
            })
            .collect()
    }

    fn find<'a>(doc: &'a Document, start: &str) -> &'a Paragraph {
        paras(doc)
            .into_iter()
            .find(|p| p.text().starts_with(start))
            .unwrap_or_else(|| panic!("no paragraph starting {start:?} in {:#?}", texts(doc)))
    }

    // ---- plain text -------------------------------------------------------------------------------

    #[test]
    fn plain_empty_and_blank_inputs() {
        assert_eq!(read("", false), Document::default());
        assert_eq!(read("\u{feff}", false), Document::default());
        assert!(read(" \t \n\r\n\t\n", false).blocks.is_empty());
        assert!(read("", true).blocks.is_empty());
        assert!(read("\n\n   \n", true).blocks.is_empty());
    }

    #[test]
    fn plain_each_line_is_a_paragraph_bom_crlf_trim() {
        let doc = read(
            "\u{feff}  The first paragraph runs on.  \r\nThe second paragraph follows it directly.\r\n\r\n\tThe third, after a blank line.\r\n",
            false,
        );
        assert_eq!(
            texts(&doc),
            [
                "The first paragraph runs on.",
                "The second paragraph follows it directly.",
                "The third, after a blank line."
            ]
        );
    }

    #[test]
    fn plain_keeps_tabs_inside_a_line_and_cover_labels_are_paragraphs() {
        let doc = read(
            "Contact Officer:\tDara Quill\nPosition:\t\tTransport Planner\nTelephone No:\t\t\nEmail:\t\t\t\n",
            false,
        );
        assert!(tables(&doc).is_empty());
        assert_eq!(
            texts(&doc),
            [
                "Contact Officer:\tDara Quill",
                "Position:\t\tTransport Planner",
                "Telephone No:",
                "Email:"
            ]
        );
        assert!(paras(&doc).iter().all(|p| p.heading.is_none()));
    }

    #[test]
    fn plain_removes_bookmark_debris() {
        let doc = read(
            "23. [bookmark: _GoBack]This report applies to the whole valley.\nSome [bookmark: ref_1] text [bookmark: x]\n[bookmark: _GoBack]\n",
            false,
        );
        assert_eq!(
            texts(&doc),
            ["23. This report applies to the whole valley.", "Some text"]
        );
        // Not a bookmark: kept.
        assert_eq!(
            texts(&read("See [bookmark: unclosed", false)),
            ["See [bookmark: unclosed"]
        );
    }

    #[test]
    fn plain_form_feed_is_a_paragraph_boundary() {
        let doc = read("The end of page one.\x0cThe start of page two.", false);
        assert_eq!(
            texts(&doc),
            ["The end of page one.", "The start of page two."]
        );
    }

    #[test]
    fn plain_headings_before_body_and_numbered_paragraphs() {
        let doc = read(
            "1. An opening paragraph.\nFinancial implications\n\n10. The proposals are contained within the approved budget.\n\nNext steps\nOfficers will report back to the Board in September with the results of the trial.\n",
            false,
        );
        assert_eq!(
            headings(&doc),
            [
                (2, "Financial implications".to_string()),
                (2, "Next steps".to_string())
            ]
        );
        assert_eq!(find(&doc, "10.").heading, None);
    }

    #[test]
    fn plain_one_line_sentences_are_not_headings() {
        let doc = read(
            "1. Background text for the report, long enough to be a paragraph.\nThe Board is asked to note the report\nThe figures in the table below were supplied by the operators and have not been audited.\nMembers noted the update.\nThe report was welcomed by all members present at the meeting and by officers.\n",
            false,
        );
        assert!(headings(&doc).is_empty(), "{:?}", headings(&doc));
    }

    #[test]
    fn plain_heading_needs_a_longer_follower() {
        // Short line followed by a shorter one: not a heading; nor a short line at the end.
        let doc = read(
            "1. Opening paragraph that ends.\nKestrel House\nMarket Street\nKestrelford\nThe office is open to visitors on weekdays from nine until five.\nClosing words\n",
            false,
        );
        assert!(headings(&doc).is_empty(), "{:?}", headings(&doc));
        // "Label:" followers do not make headings.
        let doc = read(
            "1. Opening paragraph that ends.\nAction\nContact Officer:\n",
            false,
        );
        assert!(headings(&doc).is_empty());
    }

    #[test]
    fn plain_title_and_repeated_title_with_section_heading() {
        let doc = read(
            " Post-Election Priorities\nPurpose\n\t\nFor discussion and direction.\n\nPost-Election Priorities\nBackground\n\n1. The Board agreed its priorities in September.\n",
            false,
        );
        assert_eq!(
            headings(&doc),
            [
                (1, "Post-Election Priorities".to_string()),
                (2, "Purpose".to_string()),
                (2, "Post-Election Priorities".to_string()),
                (2, "Background".to_string())
            ]
        );
        // A sentence first is no title.
        let doc = read(
            "The Board met on 3 March and agreed the plan.\nMore text follows here.\n",
            false,
        );
        assert!(headings(&doc).is_empty());
    }

    #[test]
    fn plain_heading_rule_edges() {
        for not in [
            "2.1 Background",
            "• Background",
            "background",
            "Contact Officer:",
            "Table 1: Costs",
            "Dear Councillor Smith,",
            "Members noted. Then left",
        ] {
            assert!(!heading_shape(not, 80, 12), "{not:?}");
        }
        for yes in [
            "Background",
            "Implications for Wales",
            "Children\u{2019}s social care",
            "What happens next?",
            "Item 4",
        ] {
            assert!(heading_shape(yes, 80, 12), "{yes:?}");
        }
    }

    #[test]
    fn plain_bullets_with_levels_and_list_ids() {
        let doc = read(
            "The options are as follows, in order of cost:\n\u{2022}\tfirst option;\no\ta sub-point of it;\n\u{2022}\tsecond option.\n\nA paragraph between the lists ends the first list.\n- dash item\n  - indented dash item\n* star item\n",
            false,
        );
        let items: Vec<(u8, u32, String)> = paras(&doc)
            .iter()
            .filter_map(|p| p.list.as_ref().map(|m| (m.level, m.list_id, p.text())))
            .collect();
        assert_eq!(
            items,
            [
                (0, 1, "first option;".to_string()),
                (1, 1, "a sub-point of it;".to_string()),
                (0, 1, "second option.".to_string()),
                (0, 2, "dash item".to_string()),
                (1, 2, "indented dash item".to_string()),
                (0, 2, "star item".to_string()),
            ]
        );
        assert!(
            paras(&doc)
                .iter()
                .filter_map(|p| p.list.as_ref())
                .all(|m| m.bullet && m.label.is_empty())
        );
    }

    #[test]
    fn plain_numbers_stay_text_and_other_bullet_forms() {
        let doc = read(
            "2.1. The Board agreed.\n1.\tNumbered by Word.\n\u{b7} middle dot\n\u{2013} en dash\n\u{25aa} small square\n-not a bullet\no no tab so not a bullet\n",
            false,
        );
        assert_eq!(find(&doc, "2.1.").list, None);
        assert_eq!(find(&doc, "1.\t").list, None);
        assert!(tables(&doc).is_empty());
        for t in ["middle dot", "en dash", "small square"] {
            assert!(find(&doc, t).list.is_some(), "{t}");
        }
        assert_eq!(find(&doc, "-not").list, None);
        assert_eq!(find(&doc, "o no tab").list, None);
    }

    #[test]
    fn plain_tab_tables_with_caption() {
        let doc = read(
            "Table 1: Punctuality by corridor\nCorridor\tTarget\tAchieved\nNorth\t88%\t84%\nSouth\t88%\t90%\nAfter the table.\n",
            false,
        );
        let t = tables(&doc);
        assert_eq!(t.len(), 1);
        assert_eq!(
            t[0].caption.as_deref(),
            Some("Table 1: Punctuality by corridor")
        );
        assert_eq!(t[0].rows.len(), 3);
        assert_eq!(cell_text(t[0], 1, 2), "84%");
        assert_eq!(texts(&doc), ["After the table."]);
        // Caption after the table, and an empty cell.
        let doc = read(
            "Name\tRole\nAsha Penn\t\nDev Okoro\tChair\nTable 2 \u{2013} Members\n",
            false,
        );
        let t = tables(&doc);
        assert_eq!(t[0].caption.as_deref(), Some("Table 2 \u{2013} Members"));
        assert!(t[0].rows[1].cells[1].blocks.is_empty());
    }

    #[test]
    fn tab_tables_with_a_rule_row_have_a_header() {
        for markdown in [false, true] {
            let doc = read(
                "Item\tDecisions and actions\n------\t-----------\n1\tWelcome\n2\tMinutes\n",
                markdown,
            );
            let t = tables(&doc);
            assert_eq!(t[0].rows.len(), 3, "{markdown}");
            assert!(t[0].rows[0].header && !t[0].rows[1].header);
            assert_eq!(cell_text(t[0], 2, 1), "Minutes");
        }
    }

    #[test]
    fn plain_numbered_rows_with_three_cells_are_tables() {
        let doc = read(
            "1.\tWelcome and apologies\t\n2.\tMinutes of the last meeting\t1 - 6\n",
            false,
        );
        assert_eq!(tables(&doc).len(), 1);
        let doc = read("1.\tWord numbering\n2.\tmore numbering\n", false);
        assert!(tables(&doc).is_empty());
    }

    #[test]
    fn plain_tab_lines_that_are_not_tables() {
        // One line; differing column counts; only one non-empty cell per row; labels.
        for text in [
            "A\tB\n",
            "A\tB\nC\tD\tE\n",
            "\tindented value\n\tanother\n",
            "Purpose:\tFor decision\nSummary:\tA summary\n",
        ] {
            assert!(tables(&read(text, false)).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn plain_footnotes_when_both_sides_match() {
        let doc = read(
            "The figure rose by 9 per cent.[2] It was 4 per cent before.[1]\n\n[1] Operators\u{2019} data.\n[2] Ticket machines.\n",
            false,
        );
        assert_eq!(doc.footnotes.len(), 2);
        // In the order the body refers to them.
        assert_eq!(
            Document::plain_text(&doc.footnotes[0].blocks),
            "Ticket machines.\n"
        );
        let p = &paras(&doc)[0];
        assert_eq!(
            p.text(),
            "The figure rose by 9 per cent. It was 4 per cent before."
        );
        assert!(matches!(p.inlines[1], Inline::FootnoteRef(0)));
        assert!(matches!(p.inlines.last(), Some(Inline::FootnoteRef(1))));
        assert_eq!(paras(&doc).len(), 1);
    }

    #[test]
    fn plain_footnotes_left_as_text_when_they_do_not_match() {
        let doc = read(
            "See note [1] and note [3].\n[1] The first.\n[2] The second.\n",
            false,
        );
        assert!(doc.footnotes.is_empty());
        assert_eq!(texts(&doc).len(), 3);
        assert_eq!(doc.notes.len(), 1);
        // Markers with no notes at all: citations, left alone without a note.
        let doc = read("As shown in [4].\n", false);
        assert!(doc.footnotes.is_empty() && doc.notes.is_empty());
    }

    #[test]
    fn plain_running_headers_are_not_headings() {
        let page = "Transport and Infrastructure Board\n10 March 2027\nItem 4\n";
        let text = format!(
            "{page}Bus Review\nPurpose\nFor decision.\n1. First paragraph of text.\n{page}Financial implications\n{page}2. The proposals are within budget.\n{page}3. More.\n"
        );
        let doc = read(&text, false);
        assert_eq!(
            headings(&doc),
            [
                (1, "Bus Review".to_string()),
                (2, "Purpose".to_string()),
                (2, "Financial implications".to_string())
            ]
        );
        // Kept in the body for the cover step.
        assert_eq!(texts(&doc).iter().filter(|t| *t == "Item 4").count(), 4);
    }

    // ---- Markdown ---------------------------------------------------------------------------------

    #[test]
    fn md_paragraphs_soft_wrap_and_hard_breaks() {
        let doc = read(
            "First line\nwraps here.\n\nSecond **bold  \nbreak** para\\\nend\n",
            true,
        );
        assert_eq!(
            texts(&doc),
            ["First line wraps here.", "Second bold\nbreak para\nend"]
        );
        let p = paras(&doc)[1];
        assert!(runs(p).iter().any(|r| r.bold && r.text == "bold"));
    }

    #[test]
    fn md_headings_atx_setext_ids() {
        let doc = read(
            "# Title #\n\n## Early Years {#early-years}\n\n### **Implications for Wales**\n\nSetext title\n===\n\nSub\n---\n\n####### seven\n\n#hashtag\n",
            true,
        );
        assert_eq!(
            headings(&doc),
            [
                (1, "Title".into()),
                (2, "Early Years".into()),
                (3, "Implications for Wales".into()),
                (1, "Setext title".into()),
                (2, "Sub".into())
            ]
        );
        assert!(runs(find(&doc, "Implications")).iter().all(|r| r.bold));
        assert_eq!(find(&doc, "####### seven").heading, None);
        assert_eq!(find(&doc, "#hashtag").heading, None);
    }

    #[test]
    fn md_meeting_line_bold_label() {
        let doc = read("**Meeting:** Children and Young People Board\n", true);
        let p = paras(&doc)[0];
        assert_eq!(p.text(), "Meeting: Children and Young People Board");
        let r = runs(p);
        assert_eq!((r[0].text.as_str(), r[0].bold), ("Meeting:", true));
        assert_eq!(
            (r[1].text.as_str(), r[1].bold),
            (" Children and Young People Board", false)
        );
    }

    #[test]
    fn md_emphasis_links_autolinks_escapes() {
        let doc = read(
            "A *light* and _also light_ and __strong__ and ***both*** word, snake_case_name.\n\n\
             Email: [dara.quill@kestrelvalley.example](mailto:dara.quill@kestrelvalley.example) or <https://kestrelvalley.example/bus> or <help@kestrelvalley.example>.\n\n\
             The [lost link](#) stays text. \\*not italic\\* and `code *here*`.\n",
            true,
        );
        let ps = paras(&doc);
        let r = runs(ps[0]);
        assert!(r.iter().any(|r| r.italic && !r.bold && r.text == "light"));
        assert!(r.iter().any(|r| r.italic && r.text == "also light"));
        assert!(r.iter().any(|r| r.bold && !r.italic && r.text == "strong"));
        assert!(r.iter().any(|r| r.bold && r.italic && r.text == "both"));
        assert!(ps[0].text().contains("snake_case_name"));
        let r = runs(ps[1]);
        assert!(
            r.iter()
                .any(|r| r.text == "dara.quill@kestrelvalley.example"
                    && r.link.as_deref() == Some("mailto:dara.quill@kestrelvalley.example"))
        );
        assert!(
            r.iter()
                .any(|r| r.link.as_deref() == Some("https://kestrelvalley.example/bus"))
        );
        assert!(
            r.iter()
                .any(|r| r.link.as_deref() == Some("mailto:help@kestrelvalley.example"))
        );
        assert_eq!(
            ps[2].text(),
            "The lost link stays text. *not italic* and code *here*."
        );
        assert!(runs(ps[2]).iter().all(|r| r.link.is_none() && !r.italic));
    }

    #[test]
    fn md_images_keep_alt_text_and_note_the_path() {
        let doc = read(
            "Before ![Map of the corridors](media/image1.png) after.\n\n![](media/image2.png)\n",
            true,
        );
        assert_eq!(texts(&doc), ["Before Map of the corridors after."]);
        assert_eq!(doc.notes.len(), 2);
        assert!(doc.notes.iter().all(|n| n.kind == NoteKind::Unsupported));
        assert!(
            doc.notes[0].message.contains("media/image1.png")
                && doc.notes[0].message.contains("Map of the corridors")
        );
        assert!(doc.notes[1].message.contains("media/image2.png"));
        assert!(doc.images.is_empty());
    }

    #[test]
    fn md_inline_html_and_debris() {
        let doc = read(
            "8<sup>th</sup> Floor, <b>Kestrel House</b> <a href=\"mailto:x@kestrelvalley.example\">x</a><br>next <!-- gone --> <Kestrel>\n\n\
             [bookmark: _GoBack]Text[]{#_GoBack .anchor} here.\n",
            true,
        );
        let p = paras(&doc)[0];
        assert_eq!(p.text(), "8th Floor, Kestrel House x\nnext  <Kestrel>");
        assert!(runs(p).iter().any(|r| r.bold && r.text == "Kestrel House"));
        assert!(
            runs(p)
                .iter()
                .any(|r| r.link.as_deref() == Some("mailto:x@kestrelvalley.example"))
        );
        assert_eq!(paras(&doc)[1].text(), "Text here.");
        let doc = read(
            "An [underlined]{.underline} word, [nested [x]{.mark} span]{#s1} and [a link](https://kestrelvalley.example) and [kept]{ plain}.\n",
            true,
        );
        assert_eq!(
            texts(&doc),
            ["An underlined word, nested x span and a link and [kept]{ plain}."]
        );
    }

    #[test]
    fn md_ordered_items_keep_their_numbers() {
        let doc = read(
            "1. Councils must secure services.\n2. All three-year-olds can get hours.\n10) Tenth item.\n",
            true,
        );
        assert_eq!(
            texts(&doc),
            [
                "1. Councils must secure services.",
                "2. All three-year-olds can get hours.",
                "10) Tenth item."
            ]
        );
        assert!(paras(&doc).iter().all(|p| p.list.is_none()));
    }

    #[test]
    fn md_bullets_nesting_and_numbered_bullets() {
        let doc = read(
            "8. Other challenges include:\n  - A complex system.\n\n- The high cost.\n- 9.3. A report will be delivered.\n  - 9.3.1. Nested two.\n      - Deeper four.\n    - Back to four-space level.\n* star\n+ plus\n\nA paragraph ends the list.\n\n- New list.\n",
            true,
        );
        let items: Vec<(u8, u32, String)> = paras(&doc)
            .iter()
            .filter_map(|p| p.list.as_ref().map(|m| (m.level, m.list_id, p.text())))
            .collect();
        assert_eq!(
            items,
            [
                (1, 1, "A complex system.".into()),
                (0, 1, "The high cost.".into()),
                (0, 1, "9.3. A report will be delivered.".into()),
                (1, 1, "9.3.1. Nested two.".into()),
                (2, 1, "Deeper four.".into()),
                (2, 1, "Back to four-space level.".into()),
                (0, 1, "star".into()),
                (0, 1, "plus".into()),
                (0, 2, "New list.".into()),
            ]
        );
        assert_eq!(find(&doc, "8. Other").list, None);
    }

    #[test]
    fn md_list_item_lazy_continuation_and_continue_paragraph() {
        let doc = read(
            "- An item that\nwraps lazily.\n\n  A second paragraph of the item.\n\nBack at the margin.\n",
            true,
        );
        assert_eq!(
            texts(&doc),
            [
                "An item that wraps lazily.",
                "A second paragraph of the item.",
                "Back at the margin."
            ]
        );
        assert_eq!(paras(&doc)[1].style.as_deref(), Some("List Continue"));
        assert_eq!(paras(&doc)[2].style, None);
    }

    #[test]
    fn md_pipe_tables_with_header_and_caption() {
        let doc = read(
            "Table: Spending by strand\n\n| Strand | Spent |\n|---|---:|\n| Screening \\| tests | **£112,500** |\n| Outreach |\n\nAfter.\n",
            true,
        );
        let t = tables(&doc);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].caption.as_deref(), Some("Spending by strand"));
        assert!(t[0].rows[0].header && !t[0].rows[1].header);
        assert_eq!(cell_text(t[0], 1, 0), "Screening | tests");
        assert_eq!(cell_text(t[0], 1, 1), "£112,500");
        assert_eq!(t[0].rows[2].cells.len(), 2);
        assert_eq!(texts(&doc), ["After."]);
        // Caption after, keeping a numbered caption whole.
        let doc = read(
            "| a | b |\n| - | - |\n| 1 | 2 |\n\nTable 3: Results\n",
            true,
        );
        assert_eq!(tables(&doc)[0].caption.as_deref(), Some("Table 3: Results"));
    }

    #[test]
    fn md_tab_tables_as_in_exports() {
        let doc = read(
            "Councillor\tAuthority\n<b>Conservative ( 7 )</b>\t\nCllr Asha Penn (Chair)\tKestrelford Council\n\nItem\tPage\n1. Welcome\t\n2. Minutes\t1 - 8\n",
            true,
        );
        let t = tables(&doc);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].rows.len(), 3);
        assert!(Document::plain_text(&t[0].rows[1].cells[0].blocks).contains("Conservative ( 7 )"));
        assert_eq!(cell_text(t[1], 2, 0), "2. Minutes");
        assert!(texts(&doc).is_empty());
    }

    #[test]
    fn md_footnotes() {
        let doc = read(
            "A claim.[^a] Another.[^1] Again.[^a] Unknown.[^zz]\n\n[^1]: The first note,\n    continued lazily.\n\n    A second paragraph of it.\n\n[^a]: Note a.\n\n[^unused]: Nobody cites this.\n",
            true,
        );
        assert_eq!(doc.footnotes.len(), 2);
        assert_eq!(Document::plain_text(&doc.footnotes[0].blocks), "Note a.\n");
        assert_eq!(
            Document::plain_text(&doc.footnotes[1].blocks),
            "The first note, continued lazily.\nA second paragraph of it.\n"
        );
        let p = paras(&doc)[0];
        let refs: Vec<usize> = p
            .inlines
            .iter()
            .filter_map(|i| {
                if let Inline::FootnoteRef(n) = i {
                    Some(*n)
                } else {
                    None
                }
            })
            .collect();
        assert_eq!(refs, [0, 1, 0]);
        assert!(p.text().contains("[^zz]"));
        assert_eq!(
            texts(&doc),
            [
                "A claim. Another. Again. Unknown.[^zz]",
                "[^unused]: Nobody cites this."
            ]
        );
    }

    #[test]
    fn md_quotes_rules_code_and_reference_lookalikes() {
        let doc = read(
            "> Quoted words\n> go on.\n\n---\n\n***\n\n```\nkept  *as is*\n```\n\n[label]: http://example.invalid stays\n\n# 1. Introduction\n",
            true,
        );
        assert_eq!(
            texts(&doc),
            [
                "Quoted words go on.",
                "kept  *as is*",
                "[label]: http://example.invalid stays",
                "1. Introduction"
            ]
        );
        assert_eq!(paras(&doc)[0].style.as_deref(), Some("Quote"));
        assert_eq!(paras(&doc)[3].heading, Some(1));
    }

    #[test]
    fn md_line_starts_inside_paragraphs_stay_text() {
        // Lines that would start blocks in CommonMark are text once the reader has made the paragraph.
        let lines = vec![
            "a".to_string(),
            "# b".to_string(),
            "1. c".to_string(),
            "> d".to_string(),
            "[e]: f".to_string(),
        ];
        let got: String = md_inlines(&lines, &mut Vec::new(), &mut 0)
            .iter()
            .map(|i| {
                if let Inline::Text(r) = i {
                    r.text.clone()
                } else {
                    String::new()
                }
            })
            .collect();
        assert_eq!(got, "a # b 1. c > d [e]: f");
    }

    // ---- fixtures ---------------------------------------------------------------------------------

    #[test]
    fn fixture_report_plain() {
        let doc = read(
            include_str!("../../../tests/import/text/report-plain.txt"),
            false,
        );
        let h = headings(&doc);
        assert_eq!(
            h[0],
            (
                1,
                "Bus Service Improvement Plan: Year Two Review".to_string()
            )
        );
        let h2: Vec<&str> = h
            .iter()
            .filter(|h| h.0 == 2)
            .map(|h| h.1.as_str())
            .collect();
        for want in [
            "Purpose",
            "Summary",
            "Recommendation",
            "Action",
            "Background",
            "Progress in year two",
            "Bus priority",
            "Proposed changes for 2027/28",
            "Implications for the constituent councils",
            "Financial implications",
            "Next steps",
        ] {
            assert!(h2.contains(&want), "missing heading {want:?} in {h2:?}");
        }
        for not in [
            "Transport and Infrastructure Board",
            "Item 4",
            "10 March 2027",
            "Contact Officer:",
        ] {
            assert!(!h.iter().any(|h| h.1 == not), "{not:?} is a heading");
        }
        // Running header kept, four times.
        assert_eq!(
            texts(&doc)
                .iter()
                .filter(|t| *t == "Transport and Infrastructure Board")
                .count(),
            4
        );
        // Cover labels kept as paragraphs, debris gone, numbers in text.
        assert!(texts(&doc).contains(&"Contact Officer:".to_string()));
        assert_eq!(
            find(&doc, "9. ").text(),
            "9. The changes can be made within the existing agreement with the five councils and do not require a new local contribution."
        );
        assert!(find(&doc, "2.1. Raise").list.is_none());
        // Bullets.
        let items: Vec<u8> = paras(&doc)
            .iter()
            .filter_map(|p| p.list.as_ref().map(|m| m.level))
            .collect();
        assert_eq!(items, [0, 0, 1, 0]);
        // Table with caption.
        let t = tables(&doc);
        assert_eq!(t.len(), 1);
        assert_eq!(
            t[0].caption.as_deref(),
            Some("Table 1: Punctuality by corridor, 2026/27")
        );
        assert_eq!((t[0].rows.len(), t[0].rows[0].cells.len()), (4, 3));
        // Footnotes.
        assert_eq!(doc.footnotes.len(), 2);
        assert!(
            find(&doc, "3. Patronage")
                .inlines
                .iter()
                .any(|i| matches!(i, Inline::FootnoteRef(0)))
        );
        assert!(
            !texts(&doc)
                .iter()
                .any(|t| t.contains("[1]") || t.contains("bookmark"))
        );
    }

    #[test]
    fn fixture_report_export_md() {
        let doc = read(
            include_str!("../../../tests/import/text/report-export.md"),
            true,
        );
        let h = headings(&doc);
        let want: Vec<(u8, String)> = [
            (2, "School Readiness in the Kestrel Valley"),
            (3, "Purpose of report"),
            (3, "Summary"),
            (3, "Recommendation/s"),
            (3, "Contact details"),
            (2, "School readiness in the Kestrel Valley"),
            (3, "Background"),
            (3, "Costs"),
            (2, "Proposal"),
            (2, "Implications for the constituent councils"),
            (2, "Financial implications"),
            (2, "Next steps"),
        ]
        .iter()
        .map(|(l, t)| (*l, t.to_string()))
        .collect();
        assert_eq!(h, want);
        let meeting = paras(&doc)[0];
        assert_eq!(meeting.text(), "Meeting: Children and Young People Board");
        assert!(runs(meeting)[0].bold);
        let email = find(&doc, "Email:");
        assert!(
            runs(email)
                .iter()
                .any(|r| r.link.as_deref() == Some("mailto:priya.oduya@kestrelvalley.example"))
        );
        assert!(find(&doc, "1. The Ready").list.is_none());
        let items: Vec<(u8, String)> = paras(&doc)
            .iter()
            .filter_map(|p| p.list.as_ref().map(|m| (m.level, p.text())))
            .collect();
        assert_eq!(items.len(), 11);
        assert_eq!(items[0].0, 1); // nested under "3."
        assert!(items.contains(&(0, "5.1. Screening would move from a school-based model to the two-year check, led by health visitors.".to_string())));
        assert!(
            items
                .iter()
                .any(|(l, t)| *l == 1 && t.starts_with("5.2.1. "))
        );
        let guidance = find(&doc, "5.2.1.");
        assert!(runs(guidance).iter().all(|r| r.link.is_none()));
        let t = tables(&doc);
        assert_eq!(t.len(), 1);
        assert_eq!(
            t[0].caption.as_deref(),
            Some("Ready to Learn spending, 2025/26")
        );
        assert!(t[0].rows[0].header);
        assert_eq!(t[0].rows.len(), 4);
        assert_eq!(doc.footnotes.len(), 1);
        assert!(
            find(&doc, "2. In 2026")
                .inlines
                .iter()
                .any(|i| matches!(i, Inline::FootnoteRef(0)))
        );
    }

    #[test]
    fn fixture_pack_two_reports_md() {
        let doc = read(
            include_str!("../../../tests/import/text/pack-two-reports.md"),
            true,
        );
        let meetings = paras(&doc)
            .iter()
            .filter(|p| p.text().starts_with("Meeting: "))
            .count();
        assert_eq!(meetings, 2);
        assert_eq!(
            headings(&doc)[0],
            (1, "Transport and Infrastructure Board".to_string())
        );
        assert_eq!(
            headings(&doc)
                .iter()
                .filter(|h| h.1 == "Purpose of report")
                .count(),
            2
        );
        let t = tables(&doc);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rows.len(), 4);
        assert_eq!(cell_text(t[0], 2, 1), "3 - 8");
        assert_eq!(
            find(&doc, "Wednesday")
                .inlines
                .iter()
                .filter(|i| matches!(i, Inline::LineBreak))
                .count(),
            1
        );
        let items = paras(&doc).iter().filter(|p| p.list.is_some()).count();
        assert_eq!(items, 2);
    }

    // ---- robustness and fidelity ------------------------------------------------------------------

    /// The words of a text: alphanumeric runs, once the characters that Markdown takes away without
    /// leaving a space (emphasis, code, escapes) are gone.
    fn words(text: &str) -> HashMap<String, usize> {
        let mut out = HashMap::new();
        let text: String = text
            .chars()
            .filter(|c| !matches!(c, '*' | '_' | '`' | '\\'))
            .collect();
        for w in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            *out.entry(w.to_string()).or_default() += 1;
        }
        out
    }

    /// Every word of `expected` is in the document (as often), body and footnotes.
    fn check_fidelity(expected: &str, doc: &Document) -> Result<(), TestCaseError> {
        let mut got = Document::plain_text(&doc.blocks);
        for f in &doc.footnotes {
            got.push_str(&Document::plain_text(&f.blocks));
        }
        let have = words(&got);
        for (w, n) in words(expected) {
            prop_assert!(
                have.get(&w).copied().unwrap_or(0) >= n,
                "word {:?} x{} lost; got {:?}",
                w,
                n,
                got
            );
        }
        Ok(())
    }

    /// The input without what the plain reader takes away as debris: bookmarks, matched footnote
    /// markers (and the numbers of their notes), Word's `o` bullet.
    fn plain_expected(text: &str, footnotes: bool) -> String {
        let text = normalise(text, false);
        let mut out = String::new();
        for line in text.split('\n') {
            let mut l = strip_debris(line, false).into_owned();
            while let Some((s, e, _)) = find_plain_marker(&l).filter(|_| footnotes) {
                l.replace_range(s..e, "");
            }
            let t = l.trim_start_matches([' ', '\t']);
            let t = if t.starts_with("o\t") { &t[1..] } else { t };
            out.push_str(t);
            out.push('\n');
        }
        out
    }

    fn token() -> impl Strategy<Value = String> {
        token_from(true)
    }

    /// Tokens of a document; `code`: with backticks and parentheses (a code span drops the spaces at its
    /// ends, which can join two words, and a link's destination is not text, so the Markdown fidelity
    /// property leaves them out).
    fn token_from(code: bool) -> impl Strategy<Value = String> {
        prop_oneof![
            4 => "[a-zA-Z0-9]{1,8}".prop_map(String::from),
            2 => Just(" ".to_string()),
            2 => Just("\n".to_string()),
            1 => prop::sample::select(vec![
                "\t", "\r\n", "\n\n", "\u{feff}", "\x0c", ". ", ": ", "1. ", "2.1. ", if code { "(a) " } else { "a) " }, "- ", "  - ", "    - ", "* ", "+ ", "\u{2022}\t", "o\t",
                "[bookmark: _GoBack]", "[1]", "[2] ", "#", "## ", "**", "*", "_", "__", "|", "|---|---|\n", "---", "===", "\\", "[", "]", ">",
                if code { "`" } else { "\\" }, "Table 1: ", "Table: ", "Purpose", "Contact Officer:\t\t", "Summary\n", "   ", if code { "```\n" } else { "~~~\n" }, "é", "中文",
            ])
            .prop_map(String::from),
        ]
    }

    fn doc_text() -> impl Strategy<Value = String> {
        prop::collection::vec(token(), 0..80).prop_map(|v| v.concat())
    }

    fn md_text() -> impl Strategy<Value = String> {
        prop::collection::vec(token_from(false), 0..80).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn prop_never_panics(s in any::<String>(), markdown in any::<bool>()) {
            let _ = read(&s, markdown);
        }

        #[test]
        fn prop_never_panics_on_structured_input(s in doc_text(), extra in "(<[a-z/ =\"#:.]{0,12}>|!\\[|\\]\\(|\\(#\\)|\\[\\^[a-z1]{0,3}\\]:?|\\{#[a-z]*\\}|&[a-z]{0,4};?){0,6}") {
            let text = format!("{extra}{s}{extra}");
            let _ = read(&text, false);
            let _ = read(&text, true);
        }

        #[test]
        fn prop_plain_keeps_every_word(s in doc_text()) {
            let doc = read(&s, false);
            check_fidelity(&plain_expected(&s, !doc.footnotes.is_empty()), &doc)?;
        }

        #[test]
        fn prop_markdown_keeps_every_word(s in md_text()) {
            // The token set has no link destinations, HTML, entities or footnote labels: markup that
            // carries words elsewhere than the text.
            let doc = read(&s, true);
            let expected = strip_debris(&normalise(&s, true), true).into_owned();
            check_fidelity(&expected, &doc)?;
        }
    }

    #[test]
    fn huge_line_and_binaryish_input() {
        let long = "word ".repeat(200_000);
        let doc = read(&long, false);
        assert_eq!(paras(&doc).len(), 1);
        let doc = read(&long, true);
        assert_eq!(paras(&doc).len(), 1);
        let binary: String = (0u8..=255).map(char::from).cycle().take(20_000).collect();
        let _ = read(&binary, false);
        let _ = read(&binary, true);
        let brackets = "[".repeat(50_000) + &"]".repeat(50_000) + &"*_".repeat(20_000);
        let _ = read(&brackets, true);
    }
}
