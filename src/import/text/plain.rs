//! Plain text, as Word's "Save as Plain Text" writes it: headings, bullets, tab tables and footnotes
//! are recognised from the shape of the lines, since the text carries no markup.

use std::collections::{HashMap, HashSet};

use crate::import::doc::{
    Block, Document, Footnote, Inline, ListMark, Note, NoteKind, Paragraph, Run, Table,
};

use super::{
    caption_text, cell_of, find_plain_marker, is_numbered, link_markers, strip_debris, tab_cells,
    tab_rows, tab_table, word_count,
};

struct PlainLine {
    /// The line without debris, untrimmed (tabs and indentation matter for tables and bullets).
    raw: String,
    /// Trimmed: the paragraph's text; empty for a blank line.
    text: String,
}

enum Item {
    Para(usize),
    Bullet {
        indent: usize,
        ch: char,
        text: String,
    },
    Table(Vec<Vec<String>>),
}

pub(super) fn read_plain(text: &str) -> Document {
    let lines: Vec<PlainLine> = text
        .split('\n')
        .map(|l| {
            let raw = strip_debris(l, false).into_owned();
            let text = raw.trim().to_string();
            PlainLine { raw, text }
        })
        .collect();
    let mut doc = Document::default();

    // Footnotes at the end, if they match the body's markers.
    let (body_end, notes) = plain_footnotes(&lines, &mut doc.notes);

    // Items: paragraphs, bullets and tables, blank lines dropped.
    let mut items = Vec::new();
    let mut i = 0;
    // Lines up to here are known not to start a table (a shorter run of the same lines would fail too).
    let mut no_table_until = 0;
    while i < body_end {
        let line = &lines[i];
        if line.text.is_empty() {
            i += 1;
            continue;
        }
        if let Some(first) = tab_cells(&line.raw).filter(|_| i >= no_table_until) {
            let width = first.len();
            let mut j = i + 1;
            while j < body_end
                && !lines[j].text.is_empty()
                && tab_cells(&lines[j].raw).is_some_and(|c| c.len() == width)
            {
                j += 1;
            }
            if let Some(rows) = tab_table((i..j).map(|k| lines[k].raw.as_str())) {
                items.push(Item::Table(rows));
                i = j;
                continue;
            }
            no_table_until = j;
        }
        if let Some((indent, ch, rest)) = plain_bullet(&line.raw) {
            items.push(Item::Bullet {
                indent,
                ch,
                text: rest.to_string(),
            });
        } else {
            items.push(Item::Para(i));
        }
        i += 1;
    }

    let header = running_headers(&items, &lines);
    let headings = plain_headings(&items, &header, &lines);

    // Lists: runs of bullets, blank lines allowed between.
    let mut levels = vec![0u8; items.len()];
    let mut list_ids = vec![0u32; items.len()];
    let mut next_list = 0u32;
    let mut k = 0;
    while k < items.len() {
        if !matches!(items[k], Item::Bullet { .. }) {
            k += 1;
            continue;
        }
        let start = k;
        while k < items.len() && matches!(items[k], Item::Bullet { .. }) {
            k += 1;
        }
        next_list += 1;
        let run: Vec<(usize, char)> = items[start..k]
            .iter()
            .filter_map(|it| match it {
                Item::Bullet { indent, ch, .. } => Some((*indent, *ch)),
                _ => None,
            })
            .collect();
        let min_indent = run.iter().map(|r| r.0).min().unwrap_or(0);
        let flat = run.iter().all(|r| r.0 == min_indent);
        let min_rank = run.iter().map(|r| bullet_rank(r.1)).min().unwrap_or(0);
        for (n, (indent, ch)) in run.iter().enumerate() {
            let level = if flat {
                bullet_rank(*ch) - min_rank
            } else {
                (indent - min_indent) as u8
            };
            levels[start + n] = level.min(8);
            list_ids[start + n] = next_list;
        }
    }

    for (n, item) in items.into_iter().enumerate() {
        match item {
            Item::Para(l) => doc.blocks.push(Block::Paragraph(Paragraph {
                heading: headings[n],
                inlines: vec![Inline::Text(Run::plain(lines[l].text.clone()))],
                ..Paragraph::default()
            })),
            Item::Bullet { text, .. } => doc.blocks.push(Block::Paragraph(Paragraph {
                list: Some(ListMark {
                    level: levels[n],
                    label: String::new(),
                    bullet: true,
                    list_id: list_ids[n],
                }),
                inlines: vec![Inline::Text(Run::plain(text))],
                ..Paragraph::default()
            })),
            Item::Table(rows) => doc.blocks.push(Block::Table(Table {
                rows: tab_rows(rows, &mut |c| {
                    cell_of(if c.is_empty() {
                        Vec::new()
                    } else {
                        vec![Inline::Text(Run::plain(c))]
                    })
                }),
                caption: None,
            })),
        }
    }

    if !notes.is_empty() {
        let known: HashSet<String> = notes.keys().cloned().collect();
        let mut order = Vec::new();
        link_markers(&mut doc.blocks, &find_plain_marker, &known, &mut order);
        doc.footnotes = order
            .iter()
            .map(|k| Footnote {
                blocks: vec![Block::Paragraph(Paragraph::plain(notes[k].clone()))],
            })
            .collect();
    }
    doc
}

/// A bullet line: (indentation steps, bullet, text after it).
fn plain_bullet(raw: &str) -> Option<(usize, char, &str)> {
    let body = raw.trim_start_matches([' ', '\t']);
    let lead = &raw[..raw.len() - body.len()];
    let indent = lead.chars().filter(|&c| c == '\t').count()
        + lead.chars().filter(|&c| c == ' ').count() / 2;
    let mut chars = body.chars();
    let ch = chars.next()?;
    let after = chars.as_str();
    let bullet = match ch {
        '•' | '◦' | '▪' | '■' | '●' | '○' | '‣' | '⁃' | '-' | '–' | '*' | '·' | '➢' | '►'
        | '\u{f0b7}' | '\u{f0a7}' => after.starts_with(char::is_whitespace),
        'o' | '§' => after.starts_with('\t'),
        _ => false,
    };
    let rest = after.trim();
    (bullet && !rest.is_empty()).then_some((indent, ch, rest))
}

/// Word's default bullet sequence: level 0, 1, 2.
fn bullet_rank(ch: char) -> u8 {
    match ch {
        'o' | '◦' | '○' => 1,
        '▪' | '■' | '§' | '\u{f0a7}' => 2,
        _ => 0,
    }
}

/// Items that are a running header: two or more consecutive short paragraphs each occurring three or
/// more times.
fn running_headers(items: &[Item], lines: &[PlainLine]) -> Vec<bool> {
    let key = |it: &Item| match it {
        Item::Para(l) if lines[*l].text.chars().count() <= 80 && !lines[*l].text.contains('\t') => {
            Some(lines[*l].text.as_str())
        }
        _ => None,
    };
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for it in items {
        if let Some(k) = key(it) {
            *counts.entry(k).or_default() += 1;
        }
    }
    let repeated: Vec<bool> = items
        .iter()
        .map(|it| key(it).is_some_and(|k| counts[k] >= 3))
        .collect();
    let mut header = vec![false; items.len()];
    let mut i = 0;
    while i < items.len() {
        if !repeated[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < items.len() && repeated[i] {
            i += 1;
        }
        if i - start >= 2 {
            header[start..i].iter_mut().for_each(|h| *h = true);
        }
    }
    header
}

/// The shape of a heading line: up to `max_chars` characters and fewer than `max_words` words, no tab,
/// starting with an uppercase letter whose word has no digit, not a typed number or bullet, not ending
/// `.`, `;`, `,`, `:`, `!` or `…`, with no `. ` or `; ` inside (two sentences), not a table caption,
/// and not a sentence: five or more words with `is`, `are`, `was`, `were`, `will`, `has`, `have`,
/// `should`, `must` or `can` in them, unless it is a question.
pub(super) fn heading_shape(t: &str, max_chars: usize, max_words: usize) -> bool {
    let chars = t.chars().count();
    if !(2..=max_chars).contains(&chars) || t.contains('\t') {
        return false;
    }
    let Some(first) = t.chars().next() else {
        return false;
    };
    if !first.is_uppercase()
        || t.split_whitespace()
            .next()
            .is_some_and(|w| w.chars().any(|c| c.is_ascii_digit()))
    {
        return false;
    }
    if t.ends_with(['.', ';', ',', ':', '!', '…']) || t.contains(". ") || t.contains("; ") {
        return false;
    }
    if t.chars().filter(|c| c.is_alphabetic()).count() < 2
        || is_numbered(t)
        || plain_bullet(t).is_some()
    {
        return false;
    }
    if caption_text(&Paragraph::plain(t), false).is_some() {
        return false;
    }
    let words = word_count(t);
    if words >= max_words {
        return false;
    }
    const VERBS: [&str; 10] = [
        "is", "are", "was", "were", "will", "has", "have", "should", "must", "can",
    ];
    if words >= 5
        && !t.ends_with('?')
        && t.split_whitespace()
            .any(|w| VERBS.contains(&w.to_lowercase().as_str()))
    {
        return false;
    }
    true
}

fn item_text<'a>(item: &Item, lines: &'a [PlainLine]) -> Option<&'a str> {
    match item {
        Item::Para(l) => Some(lines[*l].text.as_str()),
        _ => None,
    }
}

fn plain_headings(items: &[Item], header: &[bool], lines: &[PlainLine]) -> Vec<Option<u8>> {
    let text_of = |item: &Item| item_text(item, lines);
    let mut headings = vec![None; items.len()];
    let cand: Vec<bool> = items
        .iter()
        .zip(header)
        .map(|(it, h)| !h && text_of(it).is_some_and(|t| heading_shape(t, 80, 12)))
        .collect();
    // The paragraph after a heading: body text, or a numbered paragraph.
    let follower = |k: usize, heading: &str| -> (bool, bool) {
        let Some(next) = (k..items.len()).find(|&j| !header[j]) else {
            return (false, false);
        };
        let Some(t) = text_of(&items[next]) else {
            return (false, false);
        };
        if is_numbered(t) {
            return (true, true);
        }
        let label = t.ends_with(':') && word_count(t) <= 4;
        let body = (t.ends_with(['.', '?', '!', ':', ';', '"', '”', '’', ')'])
            || word_count(t) >= 12)
            && !heading_shape(t, 80, 12);
        (
            body && !label && t.chars().count() > heading.chars().count(),
            false,
        )
    };
    let mut k = 0;
    while k < items.len() {
        if !cand[k] {
            k += 1;
            continue;
        }
        // A run of heading-shaped lines; running headers inside it are passed over.
        let mut run = vec![k];
        let mut j = k + 1;
        loop {
            while j < items.len() && header[j] {
                j += 1;
            }
            if j < items.len() && cand[j] {
                run.push(j);
                j += 1;
            } else {
                break;
            }
        }
        if run.len() <= 2 {
            let last = text_of(&items[*run.last().unwrap_or(&k)]).unwrap_or("");
            let (ok, numbered) = follower(j, last);
            if ok {
                for &r in &run {
                    if numbered || text_of(&items[r]).is_some_and(|t| word_count(t) <= 8) {
                        headings[r] = Some(2);
                    }
                }
            }
        }
        k = j;
    }
    // The title.
    if let Some(first) = (0..items.len()).find(|&j| !header[j])
        && let Some(t) = text_of(&items[first])
    {
        let lower = t.to_lowercase();
        let cover = [
            "purpose",
            "summary",
            "recommendation",
            "recommendations",
            "background",
        ]
        .contains(&lower.as_str());
        if heading_shape(t, 120, 21) && !cover {
            headings[first] = Some(1);
        }
    }
    headings
}

/// The notes at the end of a text export, when they match the body's markers: (where the body ends,
/// number → note text).
fn plain_footnotes(
    lines: &[PlainLine],
    notes_out: &mut Vec<Note>,
) -> (usize, HashMap<String, String>) {
    let none = (lines.len(), HashMap::new());
    let mut k = lines.len();
    let mut found: Vec<(u32, String)> = Vec::new();
    let mut first_note = lines.len();
    while k > 0 {
        let t = &lines[k - 1].text;
        if t.is_empty() {
            k -= 1;
            continue;
        }
        match find_plain_marker(t) {
            Some((0, e, n)) if !t[e..].trim().is_empty() => {
                found.push((n.parse().unwrap_or(0), t[e..].trim().to_string()));
                first_note = k - 1;
                k -= 1;
            }
            _ => break,
        }
    }
    if found.is_empty() {
        return none;
    }
    found.reverse();
    // An optional separator line before the notes.
    let mut body_end = first_note;
    if let Some(sep) = (0..first_note).rev().find(|&j| !lines[j].text.is_empty()) {
        let t = &lines[sep].text;
        if t.chars().count() >= 3 && t.chars().all(|c| c == '_' || c == '-' || c == '—') {
            body_end = sep;
        }
    }
    let increasing = found.windows(2).all(|w| w[0].0 < w[1].0);
    let mut body_markers = HashSet::new();
    for line in &lines[..body_end] {
        let mut t = line.text.as_str();
        while let Some((_, e, n)) = find_plain_marker(t) {
            body_markers.insert(n.parse::<u32>().unwrap_or(0));
            t = &t[e..];
        }
    }
    let note_numbers: HashSet<u32> = found.iter().map(|f| f.0).collect();
    if !increasing || body_markers != note_numbers {
        notes_out.push(Note {
            kind: NoteKind::Other,
            message: "the numbered notes at the end of the text do not match the [n] markers in it, so both were left as text".to_string(),
        });
        return none;
    }
    (
        body_end,
        found.into_iter().map(|(n, t)| (n.to_string(), t)).collect(),
    )
}
