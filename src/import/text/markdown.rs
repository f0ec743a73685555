//! Markdown blocks, read line by line as exports write them (headings, lists, quotes, tables,
//! footnotes); the text of each paragraph goes to the inline reader.

use std::collections::{HashMap, HashSet};

use crate::import::doc::{
    Block, Document, Footnote, Inline, ListMark, Note, NoteKind, Paragraph, Row, Run, Table,
};

use super::inlines::md_inlines;
use super::{
    cell_of, find_md_marker, link_markers, strip_debris, strip_spans, tab_cells, tab_rows,
    tab_table,
};

struct MdLine {
    /// After any `>` quote markers, untrimmed: for tabbed tables.
    raw: String,
    /// Columns of indentation (a tab to the next multiple of four).
    indent: usize,
    /// Without indentation; trailing spaces kept (they make a line break).
    content: String,
    quote: bool,
    blank: bool,
}

fn md_line(line: &str) -> MdLine {
    let debris = strip_debris(line, true);
    let line = strip_spans(&debris);
    let mut s: &str = &line;
    let mut quote = false;
    loop {
        let t = s.trim_start_matches(' ');
        if s.len() - t.len() <= 3 && t.starts_with('>') {
            quote = true;
            s = &t[1..];
            s = s.strip_prefix(' ').unwrap_or(s);
        } else {
            break;
        }
    }
    let mut indent = 0;
    for c in s.chars() {
        match c {
            ' ' => indent += 1,
            '\t' => indent = (indent / 4 + 1) * 4,
            _ => break,
        }
    }
    let content = s.trim_start_matches([' ', '\t']);
    MdLine {
        raw: s.to_string(),
        indent,
        content: content.to_string(),
        quote,
        blank: content.trim().is_empty(),
    }
}

enum OpenKind {
    Para {
        quote: bool,
        cont: bool,
    },
    /// A list item; `None` for an ordered item, whose number is kept in the text.
    Item(Option<ListMark>),
    FootDef(String),
}

struct Open {
    kind: OpenKind,
    lines: Vec<String>,
}

struct ListState {
    id: u32,
    stack: Vec<usize>,
}

impl ListState {
    /// The level of an item indented `indent` columns: two more columns than the item above nest.
    fn level(&mut self, indent: usize) -> u8 {
        while self.stack.last().is_some_and(|&top| top > indent + 1) {
            self.stack.pop();
        }
        match self.stack.last() {
            Some(&top) if indent < top + 2 => {}
            _ => self.stack.push(indent),
        }
        (self.stack.len().saturating_sub(1)).min(8) as u8
    }
}

struct Md {
    blocks: Vec<Block>,
    notes: Vec<Note>,
    defs: Vec<(String, Vec<Block>)>,
    next_list: u32,
    /// Links whose target the export lost (`[text](#)`).
    lost_links: usize,
}

pub(super) fn read_markdown(text: &str) -> Document {
    let lines: Vec<MdLine> = text.split('\n').map(md_line).collect();
    let mut md = Md {
        blocks: Vec::new(),
        notes: Vec::new(),
        defs: Vec::new(),
        next_list: 0,
        lost_links: 0,
    };
    let mut open: Option<Open> = None;
    let mut list: Option<ListState> = None;
    let mut blank_before = true;
    let mut last_def: Option<String> = None;
    let mut no_table_until = 0;
    let n = lines.len();
    let mut i = 0;
    while i < n {
        let l = &lines[i];
        if l.blank {
            if let Some(Open {
                kind: OpenKind::FootDef(label),
                ..
            }) = &open
            {
                last_def = Some(label.clone());
            }
            md.flush(&mut open);
            blank_before = true;
            i += 1;
            continue;
        }
        let was_blank = std::mem::replace(&mut blank_before, false);
        let def_cont = last_def.take();
        let c = l.content.trim_end();
        let top = l.indent <= 3;

        // A further paragraph of a footnote definition.
        if let Some(label) = def_cont
            && was_blank
            && l.indent >= 4
            && open.is_none()
        {
            open = Some(Open {
                kind: OpenKind::FootDef(label),
                lines: vec![l.content.clone()],
            });
            i += 1;
            continue;
        }
        // Fenced code: kept as text, line by line.
        if top && (c.starts_with("```") || c.starts_with("~~~")) {
            md.flush(&mut open);
            list = None;
            let fence = c.chars().next().unwrap_or('`');
            let len = c.chars().take_while(|&ch| ch == fence).count();
            let mut body: Vec<String> = Vec::new();
            let info = c[len..].trim();
            if !info.is_empty() {
                body.push(info.to_string());
            }
            let mut j = i + 1;
            while j < n {
                let t = lines[j].content.trim();
                if t.chars().take_while(|&ch| ch == fence).count() >= len
                    && t.chars().all(|ch| ch == fence)
                {
                    break;
                }
                body.push(lines[j].raw.trim_end().to_string());
                j += 1;
            }
            let mut inlines = Vec::new();
            for (k, line) in body.iter().enumerate() {
                if k > 0 {
                    inlines.push(Inline::LineBreak);
                }
                if !line.is_empty() {
                    inlines.push(Inline::Text(Run::plain(line.clone())));
                }
            }
            if body.iter().any(|b| !b.trim().is_empty()) {
                md.blocks.push(Block::Paragraph(Paragraph {
                    inlines,
                    ..Paragraph::default()
                }));
            }
            i = j + 1;
            continue;
        }
        if top {
            if let Some((level, heading)) = atx_heading(c) {
                md.flush(&mut open);
                list = None;
                md.push_para(vec![heading.to_string()], Some(level), None, None);
                i += 1;
                continue;
            }
            if let Some(level) = setext_level(c)
                && let Some(Open {
                    kind: OpenKind::Para { .. },
                    ..
                }) = &open
            {
                if let Some(o) = open.take() {
                    md.push_para(o.lines, Some(level), None, None);
                }
                i += 1;
                continue;
            }
            if is_thematic_break(c) {
                md.flush(&mut open);
                list = None;
                i += 1;
                continue;
            }
            if c.contains('|') && i + 1 < n && !lines[i + 1].blank {
                let sep = lines[i + 1].content.trim();
                let header = split_pipes(c);
                if is_separator(sep) && split_pipes(sep).len() == header.len() {
                    md.flush(&mut open);
                    list = None;
                    let mut rows = vec![(header, true)];
                    let mut j = i + 2;
                    while j < n && !lines[j].blank && lines[j].content.contains('|') {
                        rows.push((split_pipes(lines[j].content.trim()), false));
                        j += 1;
                    }
                    let width = rows[0].0.len();
                    let rows = rows
                        .into_iter()
                        .map(|(mut cells, header)| {
                            while cells.len() < width {
                                cells.push(String::new());
                            }
                            Row {
                                cells: cells
                                    .iter()
                                    .map(|c| cell_of(md.inlines(std::slice::from_ref(c))))
                                    .collect(),
                                header,
                            }
                        })
                        .collect();
                    md.blocks.push(Block::Table(Table {
                        rows,
                        caption: None,
                    }));
                    i = j;
                    continue;
                }
            }
        }
        // A tabbed table, as in plain text.
        if i >= no_table_until
            && l.raw.contains('\t')
            && !is_md_row_excluded(c)
            && let Some(first) = tab_cells(&l.raw)
        {
            let width = first.len();
            let mut j = i + 1;
            while j < n
                && !lines[j].blank
                && !is_md_row_excluded(lines[j].content.trim_end())
                && tab_cells(&lines[j].raw).is_some_and(|c| c.len() == width)
            {
                j += 1;
            }
            if let Some(rows) = tab_table((i..j).map(|k| lines[k].raw.as_str())) {
                md.flush(&mut open);
                list = None;
                let rows = tab_rows(rows, &mut |c| cell_of(md.inlines(&[c.to_string()])));
                md.blocks.push(Block::Table(Table {
                    rows,
                    caption: None,
                }));
                i = j;
                continue;
            }
            no_table_until = j;
        }
        if top && let Some((label, rest)) = footnote_def(c) {
            md.flush(&mut open);
            open = Some(Open {
                kind: OpenKind::FootDef(label.to_string()),
                lines: vec![rest.to_string()],
            });
            i += 1;
            continue;
        }
        if let Some((marker, rest)) =
            list_item(c).filter(|(number, rest)| number.is_none() || !rest.trim().is_empty())
        {
            if rest.trim().is_empty() {
                // An empty bullet carries no words; after a paragraph it is text. (An empty ordered item
                // is text: its number is a word.)
                if let Some(o) = &mut open {
                    o.lines.push(l.content.clone());
                }
                i += 1;
                continue;
            }
            md.flush(&mut open);
            let state = list.get_or_insert_with(|| {
                md.next_list += 1;
                ListState {
                    id: md.next_list,
                    stack: Vec::new(),
                }
            });
            let level = state.level(l.indent);
            let rest = rest.trim_start_matches([' ', '\t']);
            open = Some(match marker {
                None => Open {
                    kind: OpenKind::Item(Some(ListMark {
                        level,
                        label: String::new(),
                        bullet: true,
                        list_id: state.id,
                    })),
                    lines: vec![rest.to_string()],
                },
                Some(number) => Open {
                    kind: OpenKind::Item(None),
                    lines: vec![format!("{number} {rest}")],
                },
            });
            i += 1;
            continue;
        }
        // Text: continues the open paragraph, or starts one.
        if let Some(o) = &mut open {
            let same_quote = match o.kind {
                OpenKind::Para { quote, .. } => quote == l.quote,
                _ => true,
            };
            if same_quote {
                o.lines.push(l.content.clone());
                i += 1;
                continue;
            }
            md.flush(&mut open);
        }
        let cont = list.is_some() && l.indent >= 2 && was_blank;
        if !cont {
            list = None;
        }
        open = Some(Open {
            kind: OpenKind::Para {
                quote: l.quote,
                cont,
            },
            lines: vec![l.content.clone()],
        });
        i += 1;
    }
    md.flush(&mut open);
    md.finish()
}

impl Md {
    fn inlines(&mut self, lines: &[String]) -> Vec<Inline> {
        md_inlines(lines, &mut self.notes, &mut self.lost_links)
    }

    fn push_para(
        &mut self,
        lines: Vec<String>,
        heading: Option<u8>,
        list: Option<ListMark>,
        style: Option<&str>,
    ) {
        let inlines = self.inlines(&lines);
        if inlines.iter().all(|i| {
            matches!(i, Inline::LineBreak)
                || matches!(i, Inline::Text(r) if r.text.trim().is_empty())
        }) {
            return;
        }
        self.blocks.push(Block::Paragraph(Paragraph {
            style: style.map(str::to_string),
            heading,
            list,
            inlines,
        }));
    }

    fn flush(&mut self, open: &mut Option<Open>) {
        let Some(o) = open.take() else { return };
        match o.kind {
            OpenKind::Para { quote, cont } => {
                let style = if quote {
                    Some("Quote")
                } else if cont {
                    Some("List Continue")
                } else {
                    None
                };
                self.push_para(o.lines, None, None, style);
            }
            OpenKind::Item(mark) => self.push_para(o.lines, None, mark, None),
            OpenKind::FootDef(label) => {
                let inlines = self.inlines(&o.lines);
                let para = Block::Paragraph(Paragraph {
                    inlines,
                    ..Paragraph::default()
                });
                match self.defs.iter_mut().find(|d| d.0 == label) {
                    Some(def) => def.1.push(para),
                    None => self.defs.push((label, vec![para])),
                }
            }
        }
    }

    fn finish(mut self) -> Document {
        let known: HashSet<String> = self.defs.iter().map(|d| d.0.clone()).collect();
        let mut order = Vec::new();
        if !known.is_empty() {
            link_markers(&mut self.blocks, &find_md_marker, &known, &mut order);
        }
        let mut defs: HashMap<String, Vec<Block>> = self.defs.into_iter().collect();
        let footnotes = order
            .iter()
            .map(|k| Footnote {
                blocks: defs.remove(k).unwrap_or_default(),
            })
            .collect();
        // Definitions nobody refers to stay in the body, as the text they were.
        let mut unused: Vec<(String, Vec<Block>)> = defs.into_iter().collect();
        unused.sort_by(|a, b| a.0.cmp(&b.0));
        for (label, mut blocks) in unused {
            if let Some(Block::Paragraph(p)) = blocks.first_mut() {
                p.inlines
                    .insert(0, Inline::Text(Run::plain(format!("[^{label}]: "))));
            }
            self.blocks.extend(blocks);
        }
        if self.lost_links > 0 {
            let n = self.lost_links;
            let message = if n == 1 {
                "1 link in the export had lost its address (`(#)`); its text was kept without a link".to_string()
            } else {
                format!(
                    "{n} links in the export had lost their addresses (`(#)`); their text was kept without links"
                )
            };
            self.notes.push(Note {
                kind: NoteKind::Other,
                message,
            });
        }
        Document {
            blocks: self.blocks,
            footnotes,
            notes: self.notes,
            ..Document::default()
        }
    }
}

/// `## Heading ##  {#id}` → (2, "Heading").
fn atx_heading(c: &str) -> Option<(u8, &str)> {
    let hashes = c.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &c[hashes..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let mut t = rest.trim();
    if t.ends_with('}')
        && let Some(open) = t.rfind('{')
        && t[open + 1..].trim_start().starts_with(['#', '.'])
    {
        t = t[..open].trim_end();
    }
    let closing = t.trim_end_matches('#');
    if closing.is_empty() {
        t = "";
    } else if closing.ends_with([' ', '\t']) {
        t = closing.trim_end();
    }
    Some((hashes as u8, t))
}

fn setext_level(c: &str) -> Option<u8> {
    let t = c.trim();
    if t.len() >= 3 && t.bytes().all(|b| b == b'=') {
        Some(1)
    } else if t.len() >= 3 && t.bytes().all(|b| b == b'-') {
        Some(2)
    } else {
        None
    }
}

fn is_thematic_break(c: &str) -> bool {
    let t: Vec<char> = c.chars().filter(|c| !c.is_whitespace()).collect();
    t.len() >= 3 && matches!(t[0], '-' | '*' | '_') && t.iter().all(|&ch| ch == t[0])
}

/// Lines a tabbed table never takes in Markdown: headings and bullets.
fn is_md_row_excluded(c: &str) -> bool {
    atx_heading(c).is_some() || list_item(c).is_some_and(|(number, _)| number.is_none())
}

/// A list marker at the start of `c`: (`None` for a bullet or the ordered item's `1.`, the rest).
fn list_item(c: &str) -> Option<(Option<&str>, &str)> {
    let b = c.as_bytes();
    let follows = |i: usize| i == b.len() || b[i] == b' ' || b[i] == b'\t';
    if matches!(b.first(), Some(b'-' | b'*' | b'+')) && follows(1) {
        return Some((None, &c[1..]));
    }
    let digits = b.iter().take_while(|d| d.is_ascii_digit()).count();
    if (1..=9).contains(&digits)
        && matches!(b.get(digits), Some(b'.' | b')'))
        && follows(digits + 1)
    {
        return Some((Some(&c[..digits + 1]), &c[digits + 1..]));
    }
    None
}

/// `[^label]: text` → (label, text).
fn footnote_def(c: &str) -> Option<(&str, &str)> {
    let rest = c.strip_prefix("[^")?;
    let end = rest.find(']')?;
    let label = &rest[..end];
    if label.is_empty() || label.contains(|ch: char| ch.is_whitespace() || ch == '[') {
        return None;
    }
    let after = rest[end + 1..].strip_prefix(':')?;
    Some((label, after.trim_start()))
}

fn split_pipes(line: &str) -> Vec<String> {
    let mut t = line.trim();
    t = t.strip_prefix('|').unwrap_or(t);
    if t.ends_with('|') && !t.ends_with("\\|") {
        t = &t[..t.len() - 1];
    }
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = t.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push_str("\\|");
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cell).trim().to_string()),
            _ => cell.push(ch),
        }
    }
    cells.push(cell.trim().to_string());
    cells
}

fn is_separator(line: &str) -> bool {
    line.contains('-')
        && split_pipes(line).iter().all(|c| {
            let c = c.trim();
            let core = c.strip_prefix(':').unwrap_or(c);
            let core = core.strip_suffix(':').unwrap_or(core);
            !core.is_empty() && core.bytes().all(|b| b == b'-')
        })
        && (line.contains('|') || line.trim().starts_with(':'))
}

/// Escapes what would start a block at the start of a line, so that pulldown-cmark reads the line's
/// text inline only: the reader has already decided what the block is.
pub(super) fn escape_line_starts(lines: &[String]) -> String {
    let joined = lines
        .iter()
        .map(|l| l.trim_start_matches([' ', '\t']))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = String::with_capacity(joined.len() + 8);
    let mut pos = 0;
    for line in joined.split('\n') {
        if pos > 0 {
            out.push('\n');
        }
        let b = line.as_bytes();
        let follows = |i: usize| i >= b.len() || b[i] == b' ' || b[i] == b'\t';
        let digits = b.iter().take_while(|d| d.is_ascii_digit()).count();
        if matches!(b.first(), Some(b'#' | b'>'))
            || (matches!(b.first(), Some(b'-' | b'+' | b'*')) && follows(1))
            || line.starts_with("```")
            || line.starts_with("~~~")
        {
            out.push('\\');
            out.push_str(line);
        } else if (1..=9).contains(&digits)
            && matches!(b.get(digits), Some(b'.' | b')'))
            && follows(digits + 1)
        {
            out.push_str(&line[..digits]);
            out.push('\\');
            out.push_str(&line[digits..]);
        } else if b.first() == Some(&b'[') && is_reference_definition(&joined[pos..]) {
            out.push('\\');
            out.push_str(line);
        } else {
            out.push_str(line);
        }
        pos += line.len() + 1;
    }
    out
}

/// Whether text starting `[` would be read by CommonMark as a link reference definition `[x]: …`.
fn is_reference_definition(t: &str) -> bool {
    let mut escaped = false;
    // CommonMark's link labels are at most 999 characters.
    for (i, ch) in t.char_indices().skip(1).take(1000) {
        match ch {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => return false,
            ']' => return t[i + 1..].starts_with(':'),
            _ => {}
        }
    }
    false
}
