//! The Markdown writer: an imported body as the Markdown a paper is written in.
//!
//! boardpack numbers paragraphs from ordered lists (a top-level item is paragraph `N`, an ordered list
//! inside it `N.1`, `N.2`…, and each list carries on from its first number). So the writer's one hard
//! job is to lay the author's numbers out as lists that give back exactly those numbers: a new list
//! wherever the numbers jump, sub-paragraphs nested in their paragraph, and any number boardpack
//! cannot make (a third level, `(a)`, `4)`) kept as the text it was.

use std::fmt::Write as _;

use super::doc::{Block, Document, Inline, Paragraph, Run, Table};
use super::numbers::decimal_parts;

/// The Markdown of a body and what it holds.
#[derive(Debug, Default)]
pub struct Written {
    pub markdown: String,
    /// Every numbered paragraph boardpack will number, as it will number it (`"2"`, `"2.1"`), in order.
    pub paragraph_numbers: Vec<String>,
    /// Numbers kept as text (third-level, lettered, or without their parent paragraph).
    pub numbers_as_text: Vec<String>,
    pub headings: usize,
    pub tables: usize,
    /// Indexes into the document's images, in the order the body shows them.
    pub images: Vec<usize>,
    pub footnotes: usize,
    /// Indexes into the document's footnotes, in the order the body refers to them.
    pub footnote_indexes: Vec<usize>,
    /// Points for the import report.
    pub points: Vec<String>,
}

/// Where images are written, relative to the paper (`04-bus-review-images`).
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub image_folder: String,
}

/// Writes `blocks` (a body, or one appendix) with the document's footnotes and images.
pub fn write(blocks: &[Block], doc: &Document, settings: &Settings) -> Written {
    let mut w = Writer {
        doc,
        settings,
        out: Written::default(),
        lists: Vec::new(),
        heading_base: heading_base(blocks),
        footnotes_used: Vec::new(),
    };
    for block in blocks {
        w.block(block);
    }
    w.footnote_definitions();
    let mut out = w.out;
    let end = out.markdown.trim_end().len();
    out.markdown.truncate(end);
    if end > 0 {
        out.markdown.push('\n');
    }
    out
}

/// The Markdown of a run of inlines (a cover-block value): emphasis and links kept, on one line.
pub fn inline_markdown(inlines: &[Inline], doc: &Document) -> String {
    let settings = Settings::default();
    let mut w = Writer {
        doc,
        settings: &settings,
        out: Written::default(),
        lists: Vec::new(),
        heading_base: 1,
        footnotes_used: Vec::new(),
    };
    let text = w.inlines(inlines, "", false);
    let text = text.replace("\\\n", " ");
    // A footnote in a cover value has nowhere to go: its text goes in brackets.
    let mut text = text;
    for (n, index) in w.footnotes_used.iter().enumerate() {
        let body = doc
            .footnotes
            .get(*index)
            .map(|f| Document::plain_text(&f.blocks))
            .unwrap_or_default();
        text = text.replace(
            &format!("[^{}]", n + 1),
            &format!(" ({})", escape(body.trim(), false)),
        );
    }
    text.trim().to_string()
}

/// An open numbered list: its level (1 paragraphs, 2 sub-paragraphs), the number of its open item,
/// the number its next item would get, its delimiter, and the column its items' content starts at.
#[derive(Debug, Clone)]
struct List {
    level: u8,
    current: u64,
    next: u64,
    delimiter: char,
    content_indent: usize,
    /// Whether the item is still open (its content can follow).
    item_open: bool,
}

struct Writer<'a> {
    doc: &'a Document,
    settings: &'a Settings,
    out: Written,
    /// Open numbered lists, outermost first. Bullet lists are written in one go and never stay open.
    lists: Vec<List>,
    /// The body's highest heading level, written as `##`.
    heading_base: u8,
    /// Footnote indexes in the order first referred to; `[^n]` is `footnotes_used[n - 1]`.
    footnotes_used: Vec<usize>,
}

fn heading_base(blocks: &[Block]) -> u8 {
    blocks
        .iter()
        .filter_map(|b| {
            if let Block::Paragraph(p) = b {
                p.heading
            } else {
                None
            }
        })
        .min()
        .unwrap_or(1)
}

impl Writer<'_> {
    fn block(&mut self, block: &Block) {
        match block {
            Block::Paragraph(p) => self.paragraph(p),
            Block::Table(t) => self.table(t),
        }
    }

    /// The column new content goes at: inside the innermost open item, or 0.
    fn indent(&self) -> usize {
        self.lists
            .iter()
            .rev()
            .find(|l| l.item_open)
            .map_or(0, |l| l.content_indent)
    }

    fn paragraph(&mut self, p: &Paragraph) {
        let has_content = p.inlines.iter().any(|i| match i {
            Inline::Text(r) => !r.text.trim().is_empty(),
            Inline::Image(_) | Inline::FootnoteRef(_) => true,
            Inline::LineBreak => false,
        });
        let mark = p.list.as_ref();
        let parts = mark
            .filter(|m| !m.bullet)
            .and_then(|m| decimal_parts(&m.label));
        if !has_content && parts.is_none() {
            return;
        }
        match (mark, parts.as_deref()) {
            (Some(_), Some(parts)) if parts.len() <= 2 => self.numbered(p, parts),
            (Some(m), _) if m.bullet => self.bullet(p, m.level),
            (Some(m), _) if !m.label.is_empty() => {
                // A number boardpack cannot make: kept as the text the author saw.
                self.out
                    .numbers_as_text
                    .push(m.label.trim_end_matches('.').to_string());
                let indent = self.indent_for_literal(parts.as_deref());
                self.close_items_outside(indent);
                let text = format!(
                    "{} {}",
                    escape_line_start(&escape(&m.label, false)),
                    self.inlines(&p.inlines, &" ".repeat(indent), false)
                );
                self.write_block(indent, &text);
            }
            _ if p.heading.is_some() => self.heading(p, 0),
            _ => {
                let indent = self.indent();
                let text = self.inlines(&p.inlines, &" ".repeat(indent), true);
                self.write_block(indent, &text);
            }
        }
    }

    /// A literal number goes inside the paragraph it continues: `4.2.1` inside 4.2 when that is open.
    fn indent_for_literal(&self, parts: Option<&[u64]>) -> usize {
        if let Some(parts) = parts {
            for list in self.lists.iter().rev().filter(|l| l.item_open) {
                let open = self.open_number(list.level);
                if open.len() <= parts.len() && parts[..open.len()] == open[..] {
                    return list.content_indent;
                }
            }
            return 0;
        }
        self.indent()
    }

    /// A block written at `indent` ends every list item whose content starts further in (and, in
    /// Markdown, its list): later numbers must start new lists.
    fn close_items_outside(&mut self, indent: usize) {
        self.lists.retain(|l| l.content_indent <= indent);
    }

    /// The number of the open item of each list up to `level`.
    fn open_number(&self, level: u8) -> Vec<u64> {
        self.lists
            .iter()
            .filter(|l| l.level <= level)
            .map(|l| l.current)
            .collect()
    }

    fn heading(&mut self, p: &Paragraph, indent: usize) {
        if indent == 0 {
            self.lists.clear();
        }
        let level = p
            .heading
            .unwrap_or(1)
            .saturating_sub(self.heading_base)
            .saturating_add(2)
            .min(6);
        let text = self.inlines(&p.inlines, "", false).replace("\\\n", " ");
        let text = strip_emphasis(&text);
        self.out.headings += 1;
        let line = format!("{} {}", "#".repeat(level as usize), text.trim());
        self.write_block(indent, &line);
    }

    /// A numbered paragraph `parts` (`[4]` or `[4, 2]`).
    fn numbered(&mut self, p: &Paragraph, parts: &[u64]) {
        let level = parts.len() as u8;
        if level == 2 {
            let parent_open = self
                .lists
                .first()
                .is_some_and(|l| l.level == 1 && l.item_open && l.current == parts[0]);
            if !parent_open {
                // A sub-paragraph with no paragraph of its number before it: boardpack could only
                // number it under the wrong paragraph, so the number stays text.
                let label = p.list.as_ref().map_or(String::new(), |m| m.label.clone());
                self.out
                    .numbers_as_text
                    .push(label.trim_end_matches('.').to_string());
                self.out.points.push(format!("paragraph {} has no paragraph {} before it, so its number is kept as text (no link to it)", label.trim_end_matches('.'), parts[0]));
                let indent = self.indent_for_literal(Some(parts));
                self.close_items_outside(indent);
                let text = format!(
                    "{} {}",
                    escape_line_start(&label),
                    self.inlines(&p.inlines, &" ".repeat(indent), false)
                );
                self.write_block(indent, &text);
                return;
            }
        }
        let number = parts[parts.len() - 1];
        // Close deeper lists, and lists of this level's siblings that cannot continue.
        self.lists.retain(|l| l.level <= level);
        let base = if level == 1 {
            0
        } else {
            self.lists
                .iter()
                .find(|l| l.level == 1)
                .map_or(0, |l| l.content_indent)
        };
        let (delimiter, new_list) = match self.lists.iter().find(|l| l.level == level) {
            Some(l) if l.next == number => (l.delimiter, false),
            // The numbers jump (or go back): a new list, told apart from the last by its delimiter.
            Some(l) => (if l.delimiter == '.' { ')' } else { '.' }, true),
            None => ('.', true),
        };
        if new_list {
            self.lists.retain(|l| l.level < level);
        }
        let marker = format!("{number}{delimiter} ");
        let content_indent = base + marker.len();
        if new_list {
            self.lists.push(List {
                level,
                current: number,
                next: number + 1,
                delimiter,
                content_indent,
                item_open: true,
            });
        } else if let Some(l) = self.lists.iter_mut().find(|l| l.level == level) {
            l.current = number;
            l.next = number + 1;
            l.content_indent = content_indent;
            l.item_open = true;
        }
        self.out.paragraph_numbers.push(
            parts
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join("."),
        );
        let body = if p.heading.is_some() {
            let level = p
                .heading
                .unwrap_or(1)
                .saturating_sub(self.heading_base)
                .saturating_add(2)
                .min(6);
            self.out.headings += 1;
            format!(
                "{} {}",
                "#".repeat(level as usize),
                strip_emphasis(&self.inlines(&p.inlines, "", false).replace("\\\n", " ")).trim()
            )
        } else {
            self.inlines(&p.inlines, &" ".repeat(content_indent), true)
        };
        let mut text = marker;
        text.push_str(&body);
        self.write_block(base, &text);
    }

    /// A bullet at `level` (0 outermost), inside the open numbered item if any.
    fn bullet(&mut self, p: &Paragraph, level: u8) {
        let base = self.indent();
        let indent = base + 2 * level as usize;
        let text = format!(
            "- {}",
            self.inlines(&p.inlines, &" ".repeat(indent + 2), true)
        );
        // Bullets of one list are written without blank lines between them, so they stay one tight list.
        if self.out.markdown.ends_with("\n\n") && self.last_line_is_bullet() {
            self.out.markdown.pop();
        }
        self.write_block(indent, &text);
    }

    fn last_line_is_bullet(&self) -> bool {
        let trimmed = self.out.markdown.trim_end_matches('\n');
        let last = trimmed.rsplit('\n').next().unwrap_or("");
        last.trim_start().starts_with("- ")
    }

    fn table(&mut self, t: &Table) {
        let columns = t
            .rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| c.colspan.max(1) as usize)
                    .sum::<usize>()
            })
            .max()
            .unwrap_or(0);
        if columns == 0 {
            return;
        }
        if columns == 1 {
            // A one-column table is a box around text: its paragraphs, in order.
            for row in &t.rows {
                for cell in &row.cells {
                    for b in &cell.blocks {
                        self.block(b);
                    }
                }
            }
            return;
        }
        let indent = self.indent();
        let mut text = String::new();
        if let Some(caption) = &t.caption {
            let _ = writeln!(
                text,
                "Table: {}",
                escape(caption.trim().trim_start_matches("Table:").trim(), false)
            );
            text.push('\n');
        }
        for (i, row) in t.rows.iter().enumerate() {
            let mut cells: Vec<String> = Vec::new();
            for cell in &row.cells {
                cells.push(self.cell_text(&cell.blocks));
                for _ in 1..cell.colspan.max(1) {
                    cells.push(String::new());
                }
            }
            cells.resize(columns, String::new());
            let _ = writeln!(text, "| {} |", cells.join(" | "));
            if i == 0 {
                let _ = writeln!(text, "|{}", " --- |".repeat(columns));
            }
        }
        self.out.tables += 1;
        let prefix = " ".repeat(indent);
        let indented: String = text
            .lines()
            .map(|l| {
                if l.is_empty() {
                    "\n".to_string()
                } else {
                    format!("{prefix}{l}\n")
                }
            })
            .collect();
        self.out.markdown.push_str(&indented);
        self.out.markdown.push('\n');
    }

    /// A cell's content on one line: paragraphs joined by spaces, bullets marked with •.
    fn cell_text(&mut self, blocks: &[Block]) -> String {
        let mut parts: Vec<String> = Vec::new();
        for b in blocks {
            match b {
                Block::Paragraph(p) => {
                    let mut s = String::new();
                    if let Some(m) = &p.list {
                        s.push_str(if m.bullet { "• " } else { "" });
                        if !m.bullet && !m.label.is_empty() {
                            s.push_str(&escape(&m.label, true));
                            s.push(' ');
                        }
                    }
                    s.push_str(&self.inlines(&p.inlines, "", false).replace("\\\n", " "));
                    if !s.trim().is_empty() {
                        parts.push(s.trim().replace('|', "\\|"));
                    }
                }
                Block::Table(t) => {
                    for row in &t.rows {
                        for c in &row.cells {
                            let s = self.cell_text(&c.blocks);
                            if !s.is_empty() {
                                parts.push(s);
                            }
                        }
                    }
                }
            }
        }
        parts.join(" ")
    }

    /// Writes a block at `indent` followed by a blank line. Continuation lines are already indented.
    fn write_block(&mut self, indent: usize, text: &str) {
        let text = text.trim_end();
        if text.is_empty() {
            return;
        }
        for _ in 0..indent {
            self.out.markdown.push(' ');
        }
        self.out.markdown.push_str(text);
        self.out.markdown.push_str("\n\n");
    }

    /// Inline content as Markdown; line breaks continue at `indent`. `para_start`: escape what would
    /// start a list or heading at the front.
    fn inlines(&mut self, inlines: &[Inline], indent: &str, para_start: bool) -> String {
        let mut out = String::new();
        let mut i = 0;
        while i < inlines.len() {
            match &inlines[i] {
                Inline::Text(run) => {
                    // A run of runs with one link: the link's text, formatted, in one `[…](…)`.
                    let mut j = i;
                    let mut text = String::new();
                    while let Some(Inline::Text(r)) = inlines.get(j) {
                        if r.link != run.link {
                            break;
                        }
                        text.push_str(&formatted(r));
                        j += 1;
                    }
                    out.push_str(&link(&text, run.link.as_deref()));
                    i = j;
                    continue;
                }
                Inline::LineBreak => {
                    out.push_str("\\\n");
                    out.push_str(indent);
                }
                Inline::FootnoteRef(index) => {
                    let n = match self.footnotes_used.iter().position(|u| u == index) {
                        Some(n) => n + 1,
                        None => {
                            self.footnotes_used.push(*index);
                            self.footnotes_used.len()
                        }
                    };
                    let _ = write!(out, "[^{n}]");
                }
                Inline::Image(index) => {
                    if let Some(image) = self.doc.images.get(*index) {
                        let path = if self.settings.image_folder.is_empty() {
                            image.name.clone()
                        } else {
                            format!("{}/{}", self.settings.image_folder, image.name)
                        };
                        let _ = write!(out, "![{}]({})", escape(image.alt.trim(), false), path);
                        if !self.out.images.contains(index) {
                            self.out.images.push(*index);
                        }
                    }
                }
            }
            i += 1;
        }
        let out = collapse_spaces(&out);
        if para_start {
            escape_line_start(&out)
        } else {
            out
        }
    }

    fn footnote_definitions(&mut self) {
        let mut i = 0;
        // Footnotes may refer to footnotes; the list grows as they are written.
        while i < self.footnotes_used.len() {
            let index = self.footnotes_used[i];
            let blocks = self
                .doc
                .footnotes
                .get(index)
                .map(|f| f.blocks.clone())
                .unwrap_or_default();
            let mut paragraphs: Vec<String> = Vec::new();
            for b in &blocks {
                match b {
                    Block::Paragraph(p) => {
                        let t = self.inlines(&p.inlines, "    ", true);
                        if !t.trim().is_empty() {
                            paragraphs.push(t.trim().to_string());
                        }
                    }
                    Block::Table(_) => {
                        let t = self.cell_text(std::slice::from_ref(b));
                        if !t.is_empty() {
                            paragraphs.push(t);
                        }
                    }
                }
            }
            let text = if paragraphs.is_empty() {
                "(The footnote is empty.)".to_string()
            } else {
                paragraphs.join("\n\n    ")
            };
            let _ = write!(self.out.markdown, "[^{}]: {}\n\n", i + 1, text);
            i += 1;
        }
        self.out.footnotes = self.footnotes_used.len();
        self.out.footnote_indexes = self.footnotes_used.clone();
    }
}

/// A run as Markdown: escaped, with emphasis around the words (not the spaces at its edges, which
/// would stop `**` from being emphasis).
fn formatted(run: &Run) -> String {
    let text = run.text.replace(['\t', '\u{a0}'], " ").replace('\r', "");
    let core = text.trim();
    if core.is_empty() {
        return text.chars().filter(|c| c.is_whitespace()).take(1).collect();
    }
    let lead = if text.starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let trail = if text.ends_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let marker = match (run.bold, run.italic) {
        (true, true) => "***",
        (true, false) => "**",
        (false, true) => "*",
        (false, false) => "",
    };
    format!("{lead}{marker}{}{marker}{trail}", escape(core, false))
}

/// A link, when boardpack would keep it (web, mail and phone addresses); otherwise its text alone,
/// since a link to `C:\…` or a Word bookmark would be a broken link on the site.
fn link(text: &str, target: Option<&str>) -> String {
    let Some(target) = target.map(str::trim).filter(|t| !t.is_empty()) else {
        return text.to_string();
    };
    let lower = target.to_ascii_lowercase();
    let kept = ["http://", "https://", "mailto:", "tel:"]
        .iter()
        .any(|s| lower.starts_with(s));
    if !kept || text.trim().is_empty() {
        return text.to_string();
    }
    let target = target
        .replace(' ', "%20")
        .replace('<', "%3C")
        .replace('>', "%3E");
    let lead = if text.starts_with(' ') { " " } else { "" };
    let trail = if text.ends_with(' ') && text.trim().len() < text.len() {
        " "
    } else {
        ""
    };
    format!("{lead}[{}](<{target}>){trail}", text.trim())
}

/// Escapes the characters Markdown would read as syntax inside a line.
pub fn escape(text: &str, in_table: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '&' | '~' | '^'
        ) || (in_table && c == '|')
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes what would make a paragraph's first characters a heading, list, quote or rule.
fn escape_line_start(text: &str) -> String {
    let trimmed = text.trim_start();
    let bytes = trimmed.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits > 0
        && digits < 10
        && matches!(bytes.get(digits), Some(b'.' | b')'))
        && matches!(bytes.get(digits + 1), None | Some(b' ' | b'\t'))
    {
        return format!("{}\\{}", &trimmed[..digits], &trimmed[digits..]);
    }
    match bytes.first() {
        Some(b'#' | b'>' | b'+' | b'=' | b'|') => format!("\\{trimmed}"),
        Some(b'-') if matches!(bytes.get(1), None | Some(b' ' | b'-')) => format!("\\{trimmed}"),
        _ => trimmed.to_string(),
    }
}

/// Headings carry no emphasis of their own (Word headings are often bold throughout).
fn strip_emphasis(text: &str) -> String {
    let t = text.trim();
    for m in ["***", "**", "*"] {
        if let Some(inner) = t.strip_prefix(m).and_then(|s| s.strip_suffix(m))
            && !inner.contains(m)
        {
            return inner.to_string();
        }
    }
    t.to_string()
}

/// Runs of spaces inside a line made one (Word's double spaces after full stops, tabs made spaces).
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev_space = false;
    let mut line_start = true;
    for c in text.chars() {
        if c == '\n' {
            out.push(c);
            line_start = true;
            prev_space = false;
            continue;
        }
        if c == ' ' {
            if prev_space && !line_start {
                continue;
            }
            prev_space = true;
        } else {
            prev_space = false;
            line_start = false;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::doc::{Cell, Footnote, ListMark, Row};

    fn p(label: Option<&str>, text: &str) -> Block {
        let mut para = Paragraph::plain(text);
        para.list = label.map(|l| ListMark {
            level: 0,
            label: l.into(),
            bullet: false,
            list_id: 1,
        });
        Block::Paragraph(para)
    }

    fn bullet(level: u8, text: &str) -> Block {
        let mut para = Paragraph::plain(text);
        para.list = Some(ListMark {
            level,
            label: String::new(),
            bullet: true,
            list_id: 2,
        });
        Block::Paragraph(para)
    }

    fn h(level: u8, text: &str) -> Block {
        Block::Paragraph(Paragraph {
            heading: Some(level),
            ..Paragraph::plain(text)
        })
    }

    fn md(blocks: Vec<Block>) -> Written {
        write(&blocks, &Document::default(), &Settings::default())
    }

    /// The paragraph numbers boardpack's renderer gives the Markdown.
    fn rendered_numbers(markdown: &str) -> Vec<String> {
        let settings = crate::content::markdown::Settings {
            numbered_paragraphs: true,
        };
        let r = crate::content::markdown::render(markdown, settings, &|_| {
            crate::content::markdown::LinkTarget::Unchanged
        });
        r.paragraph_ids
            .iter()
            .map(|id| id.trim_start_matches('p').to_string())
            .collect()
    }

    #[test]
    fn numbers_carry_on_across_headings_and_nest() {
        let w = md(vec![
            h(1, "Background"),
            p(Some("1."), "One."),
            p(Some("2."), "Two:"),
            p(Some("2.1"), "Sub one;"),
            p(Some("2.2"), "Sub two."),
            h(1, "Costs"),
            p(Some("3."), "Three."),
        ]);
        assert_eq!(w.paragraph_numbers, ["1", "2", "2.1", "2.2", "3"]);
        assert_eq!(
            rendered_numbers(&w.markdown),
            w.paragraph_numbers,
            "{}",
            w.markdown
        );
        assert!(
            w.markdown
                .starts_with("## Background\n\n1. One.\n\n2. Two:\n\n   1. Sub one;"),
            "{}",
            w.markdown
        );
    }

    #[test]
    fn jumps_in_the_numbers_start_new_lists() {
        let w = md(vec![
            p(Some("1."), "One."),
            p(Some("2."), "Two."),
            p(Some("5."), "Five."),
            p(Some("5.3"), "Five three."),
            p(Some("5.4"), "Five four."),
            p(Some("5.7"), "Five seven."),
        ]);
        assert_eq!(
            rendered_numbers(&w.markdown),
            ["1", "2", "5", "5.3", "5.4", "5.7"],
            "{}",
            w.markdown
        );
    }

    #[test]
    fn numbers_boardpack_cannot_make_stay_text() {
        let w = md(vec![
            p(Some("4."), "Four."),
            p(Some("4.2"), "Four two."),
            p(Some("4.2.1."), "Deep."),
            p(Some("(a)"), "Lettered."),
            p(Some("7)"), "Paren."),
        ]);
        assert_eq!(
            rendered_numbers(&w.markdown),
            ["4", "4.2"],
            "{}",
            w.markdown
        );
        assert!(w.markdown.contains("      4.2.1. Deep."), "{}", w.markdown);
        assert!(w.markdown.contains("(a) Lettered."), "{}", w.markdown);
        assert!(w.markdown.contains("7\\) Paren."), "{}", w.markdown);
        assert_eq!(w.numbers_as_text, ["4.2.1", "(a)", "7)"]);
    }

    #[test]
    fn a_sub_paragraph_without_its_paragraph_is_text_and_a_point() {
        let w = md(vec![h(1, "Background"), p(Some("2.1"), "Orphan.")]);
        assert!(rendered_numbers(&w.markdown).is_empty());
        assert!(w.markdown.contains("2.1 Orphan."));
        assert_eq!(w.points.len(), 1);
    }

    #[test]
    fn numbered_headings_hold_their_sub_paragraphs() {
        let mut heading = Paragraph {
            heading: Some(1),
            ..Paragraph::plain("Introduction")
        };
        heading.list = Some(ListMark {
            level: 0,
            label: "1.".into(),
            bullet: false,
            list_id: 3,
        });
        let w = md(vec![
            Block::Paragraph(heading),
            p(Some("1.1"), "First."),
            p(Some("1.2"), "Second."),
        ]);
        assert_eq!(
            rendered_numbers(&w.markdown),
            ["1", "1.1", "1.2"],
            "{}",
            w.markdown
        );
        assert!(w.markdown.starts_with("1. ## Introduction"));
    }

    #[test]
    fn bullets_nest_inside_their_paragraph() {
        let w = md(vec![
            p(Some("8."), "Other challenges include:"),
            bullet(0, "A complex system."),
            bullet(1, "Detail."),
            bullet(0, "High costs."),
            p(Some("9."), "Nine."),
        ]);
        assert!(w.markdown.contains("8. Other challenges include:\n\n   - A complex system.\n     - Detail.\n   - High costs.\n\n9. Nine."), "{}", w.markdown);
        assert_eq!(rendered_numbers(&w.markdown), ["8", "9"]);
    }

    #[test]
    fn text_that_looks_like_syntax_is_escaped() {
        let w = md(vec![
            Block::Paragraph(Paragraph::plain("2027. A year of *stars* & <tags> [1]")),
            Block::Paragraph(Paragraph::plain("# not a heading")),
        ]);
        assert!(
            w.markdown
                .contains("2027\\. A year of \\*stars\\* \\& \\<tags\\> \\[1\\]"),
            "{}",
            w.markdown
        );
        assert!(w.markdown.contains("\\# not a heading"));
        assert!(rendered_numbers(&w.markdown).is_empty());
    }

    #[test]
    fn emphasis_links_footnotes_and_tables() {
        let doc = Document {
            footnotes: vec![Footnote {
                blocks: vec![Block::Paragraph(Paragraph::plain("Source: survey."))],
            }],
            ..Document::default()
        };
        let para = Paragraph {
            inlines: vec![
                Inline::Text(Run {
                    text: "Read ".into(),
                    ..Run::default()
                }),
                Inline::Text(Run {
                    text: "the plan ".into(),
                    bold: true,
                    link: Some("https://example.org/plan".into()),
                    ..Run::default()
                }),
                Inline::Text(Run::plain("now")),
                Inline::FootnoteRef(0),
                Inline::Text(Run {
                    text: " and ".into(),
                    ..Run::default()
                }),
                Inline::Text(Run {
                    text: "this".into(),
                    link: Some("file:///C:/x.docx".into()),
                    ..Run::default()
                }),
            ],
            ..Paragraph::default()
        };
        let cell = |t: &str| Cell {
            blocks: vec![Block::Paragraph(Paragraph::plain(t))],
            colspan: 1,
        };
        let table = Table {
            rows: vec![
                Row {
                    cells: vec![cell("Quarter"), cell("Trips | m")],
                    header: true,
                },
                Row {
                    cells: vec![Cell {
                        colspan: 2,
                        ..cell("Merged")
                    }],
                    header: false,
                },
            ],
            caption: Some("Table 1: Trips".into()),
        };
        let w = write(
            &[Block::Paragraph(para), Block::Table(table)],
            &doc,
            &Settings::default(),
        );
        assert!(
            w.markdown
                .contains("Read [**the plan**](<https://example.org/plan>) now[^1] and this"),
            "{}",
            w.markdown
        );
        assert!(
            w.markdown.contains(
                "Table: Table 1: Trips\n\n| Quarter | Trips \\| m |\n| --- | --- |\n| Merged |  |"
            ),
            "{}",
            w.markdown
        );
        assert!(
            w.markdown.ends_with("[^1]: Source: survey.\n"),
            "{}",
            w.markdown
        );
    }

    /// The numbers boardpack shows for each numbered paragraph (`title="Link to paragraph 2.1"`).
    fn shown_numbers(markdown: &str) -> Vec<String> {
        let settings = crate::content::markdown::Settings {
            numbered_paragraphs: true,
        };
        let html = crate::content::markdown::render(markdown, settings, &|_| {
            crate::content::markdown::LinkTarget::Unchanged
        })
        .html;
        html.split("title=\"Link to paragraph ")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .map(str::to_string)
            .collect()
    }

    fn any_block() -> impl proptest::strategy::Strategy<Value = Block> {
        use proptest::prelude::*;
        let words = proptest::collection::vec(
            prop_oneof![
                Just("the".to_string()),
                Just("Board".to_string()),
                Just("2.5".to_string()),
                Just("*stars*".to_string()),
                Just("#hash".to_string()),
                Just("1.".to_string()),
                Just("[x]".to_string()),
                Just("a|b".to_string()),
                Just("<b>".to_string()),
                Just("&amp;".to_string()),
                Just("-".to_string()),
                Just("_under_".to_string()),
                Just("`tick`".to_string()),
                Just("£7,000".to_string()),
                Just("Children’s".to_string()),
            ],
            1..8,
        )
        .prop_map(|w| w.join(" "));
        let label = prop_oneof![
            Just("1."),
            Just("2."),
            Just("3."),
            Just("2.1"),
            Just("2.2"),
            Just("4."),
            Just("4.1"),
            Just("4.2.1"),
            Just("(a)"),
            Just("7)"),
            Just("10."),
            Just("5."),
            Just("1.1."),
        ];
        prop_oneof![
            (1u8..4, words.clone()).prop_map(|(level, t)| h(level, &t)),
            (label, words.clone()).prop_map(|(l, t)| p(Some(l), &t)),
            (0u8..3, words.clone()).prop_map(|(level, t)| bullet(level, &t)),
            words.prop_map(|t| p(None, &t)),
        ]
    }

    proptest::proptest! {
        /// Any text at all, as a paragraph, a bullet or a numbered paragraph, keeps its words:
        /// nothing in it is read as Markdown syntax.
        #[test]
        fn any_text_keeps_its_words(text in "\\PC{0,60}", kind in 0u8..3) {
            let block = match kind {
                0 => p(None, &text),
                1 => bullet(0, &text),
                _ => p(Some("3."), &text),
            };
            let w = write(std::slice::from_ref(&block), &Document::default(), &Settings::default());
            let paper = format!("---\ntitle: x\n---\n\n{}", w.markdown);
            let shown = crate::import::fidelity::paper_text(&paper);
            proptest::prop_assert!(crate::import::fidelity::contains_words(&shown, &text), "lost {:?} in\n{}", text, w.markdown);
        }

        /// Whatever the author's numbering, boardpack shows exactly the numbers the writer says it will,
        /// and every word of every paragraph is in the rendered text.
        #[test]
        fn numbers_shown_are_the_numbers_written_and_no_word_is_lost(blocks in proptest::collection::vec(any_block(), 0..30)) {
            let w = write(&blocks, &Document::default(), &Settings::default());
            proptest::prop_assert_eq!(shown_numbers(&w.markdown), w.paragraph_numbers.clone(), "{}", w.markdown);
            let paper = format!("---\ntitle: x\n---\n\n{}", w.markdown);
            let text = crate::import::fidelity::paper_text(&paper);
            for b in &blocks {
                if let Block::Paragraph(para) = b {
                    proptest::prop_assert!(crate::import::fidelity::contains_words(&text, &para.text()), "lost {:?} in\n{}", para.text(), w.markdown);
                }
            }
        }
    }
}
