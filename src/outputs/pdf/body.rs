//! A document's Markdown as Typst markup, from the same parse and with the same paragraph numbers
//! as its web page: numbered paragraphs keep the numbers the page shows (`4.`, `4.1`), tables keep
//! their `Table:` captions and header cells, footnotes are set at their references, links point at
//! the published pages, and raw HTML is shown as text, as on the site.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd};

use super::markup::Markup;
use crate::content::markdown::{self, caption_paragraph, find_end, numbered_level, plain_text};
use crate::diagnostics::Diagnostic;

/// What a link in a document leads to, for the PDF.
pub enum Target {
    /// An absolute URL.
    Url(String),
    /// A page not published in this build: its words are kept, with this notice after them.
    Withheld(&'static str),
    /// Nothing that can be linked (a broken or unsafe link, which `check` reports): words only.
    None,
}

/// The most cells of one table that are typeset. Typst's table layout holds every cell of a
/// document at once and grows worse than linearly with the table: a 100-column, 2,000-row table
/// (404 KB of Markdown) took 34 s and 3.9 GB, about 0.17 ms and 20 KB a cell. A table of more is
/// linked on the document's web page instead, with a warning (BP104).
pub const CELLS_PER_TABLE: usize = 5_000;

/// The most table cells of one PDF (a pack, a supplement or a paper) that are typeset, tables and
/// CSV appendices together: about 400 MB and 4 s of typesetting at the most, so each PDF worker's
/// memory stays bounded however many such papers a site has. Tables past it are linked like an
/// oversized one.
pub const CELLS_PER_DOCUMENT: usize = 20_000;

/// What the conversion needs of the site: where links and images lead.
pub trait Links {
    /// Where a link's destination leads.
    fn link(&self, dest: &str) -> Target;
    /// The content file an image's destination names, if it is one of the site's files.
    fn image(&self, dest: &str) -> Option<PathBuf>;
    /// The absolute URL of the document's own web page.
    fn page(&self) -> &str;
}

/// An image the document shows, to be given to Typst at `path` (`/images/3.png`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub path: String,
    pub file: PathBuf,
}

/// How a document is converted.
pub struct Body<'a> {
    /// Index of the content file in the markup's files (see [`Markup::file`]).
    pub file: usize,
    /// Byte offset of the Markdown in that file.
    pub offset: usize,
    /// Number ordered lists as paragraphs (papers and appendices).
    pub numbered: bool,
    /// The level of the heading the document sits under: its own headings start one below.
    pub base_level: u8,
    pub links: &'a dyn Links,
}

/// Image formats Typst can embed.
const IMAGE_TYPES: &[&str] = &["png", "jpg", "jpeg", "gif", "svg", "webp"];

/// Writes `markdown` as Typst markup into `out`; adds the images it shows to `images`.
pub fn convert(markdown: &str, body: &Body<'_>, out: &mut Markup, images: &mut Vec<Image>) {
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(markdown, markdown::options())
        .into_offset_iter()
        .collect();
    let mut footnotes = HashMap::new();
    let mut skip = vec![false; events.len()];
    let mut captions = HashMap::new();
    let mut oversize = HashMap::new();
    for (i, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let end = find_end(&events, i);
                footnotes.insert(label.to_string(), i..end);
                skip[i..=end].iter_mut().for_each(|s| *s = true);
            }
            Event::Start(Tag::Table(alignments)) => {
                let end = find_end(&events, i);
                let (rows, cells) = table_size(&events[i..end], alignments.len().max(1));
                if cells > CELLS_PER_TABLE || out.cells + cells > CELLS_PER_DOCUMENT {
                    oversize.insert(i, (rows, alignments.len().max(1), cells));
                } else {
                    out.cells += cells;
                }
                let before = caption_paragraph(&events, i.checked_sub(1), true);
                let after = caption_paragraph(&events, Some(end + 1), false);
                if let Some((text, span)) = &before {
                    skip[i - span..i].iter_mut().for_each(|s| *s = true);
                    captions.insert(i, text.clone());
                } else if let Some((text, span)) = &after {
                    skip[end + 1..end + 1 + span]
                        .iter_mut()
                        .for_each(|s| *s = true);
                    captions.insert(i, text.clone());
                }
            }
            _ => {}
        }
    }
    let mut writer = Writer {
        events: &events,
        body,
        out,
        images,
        footnotes,
        in_footnote: Vec::new(),
        captions,
        oversize,
        skip,
        lists: Vec::new(),
        last_level: body.base_level,
        table: None,
        head: false,
    };
    writer.range(0..events.len());
}

struct Writer<'e, 'a, 'o> {
    events: &'e [(Event<'e>, Range<usize>)],
    body: &'a Body<'a>,
    out: &'o mut Markup,
    images: &'o mut Vec<Image>,
    /// Footnote label → the events of its definition.
    footnotes: HashMap<String, Range<usize>>,
    /// The footnotes being written (a footnote that cites itself is not written twice).
    in_footnote: Vec<String>,
    /// Table start → its caption.
    captions: HashMap<usize, String>,
    /// Table start → its rows, columns and cells, for tables too large to typeset.
    oversize: HashMap<usize, (usize, usize, usize)>,
    /// Events written elsewhere (footnote definitions, captions) or not at all.
    skip: Vec<bool>,
    /// Open lists: their numbered level (see [`numbered_level`]) and next number.
    lists: Vec<(u8, u64)>,
    /// The level of the last heading written.
    last_level: u8,
    /// The open table: its column count and the cells written in the current row.
    table: Option<(usize, usize)>,
    /// In the table's header row.
    head: bool,
}

impl Writer<'_, '_, '_> {
    fn range(&mut self, range: Range<usize>) {
        let mut i = range.start;
        while i < range.end {
            if self.skip[i] && self.in_footnote.is_empty() {
                i += 1;
                continue;
            }
            i = self.event(i);
        }
    }

    /// Writes event `i`; gives the index of the next event to write.
    fn event(&mut self, i: usize) -> usize {
        let (event, range) = &self.events[i];
        match event {
            Event::Start(tag) => {
                self.out
                    .from(self.body.file, self.body.offset + range.start);
                return self.start(tag, i);
            }
            Event::End(tag) => self.end(*tag),
            Event::Text(text) => {
                self.out
                    .from(self.body.file, self.body.offset + range.start);
                self.out.text(text);
            }
            Event::Code(code) => {
                self.out.raw("#raw(");
                self.out.string(code);
                self.out.raw(")");
            }
            // Raw HTML is shown, never interpreted, as on the web page.
            Event::Html(html) | Event::InlineHtml(html) => self.out.text(html),
            Event::SoftBreak => self.out.raw(" "),
            Event::HardBreak => self.out.raw("#linebreak()"),
            Event::Rule => self
                .out
                .raw("#line(length: 100%, stroke: 0.5pt + luma(150))\n\n"),
            Event::FootnoteReference(label) => self.footnote(label),
            Event::TaskListMarker(done) => self.out.raw(if *done { "☑ " } else { "☐ " }),
            Event::InlineMath(text) | Event::DisplayMath(text) => self.out.text(text),
        }
        i + 1
    }

    fn start(&mut self, tag: &Tag<'_>, i: usize) -> usize {
        match tag {
            Tag::Paragraph => {}
            Tag::Heading { level, .. } => {
                // An empty heading (`##`, which `check` warns of) is no heading: PDF/UA forbids it.
                let end = find_end(self.events, i);
                if plain_text(&self.events[i + 1..end]).trim().is_empty() {
                    return end + 1;
                }
                let level = self.heading_level(*level);
                self.out.raw(&format!("#heading(level: {level})["));
            }
            Tag::BlockQuote(_) => self.out.raw("#quote(block: true)["),
            Tag::CodeBlock(kind) => {
                let end = find_end(self.events, i);
                let code: String = self.events[i + 1..end]
                    .iter()
                    .filter_map(|(e, _)| {
                        if let Event::Text(t) = e {
                            Some(t.as_ref())
                        } else {
                            None
                        }
                    })
                    .collect();
                self.out.raw("#raw(block: true, ");
                if let CodeBlockKind::Fenced(info) = kind
                    && let Some(lang) = info.split([' ', ',']).next().filter(|l| !l.is_empty())
                {
                    self.out.raw("lang: ");
                    self.out.string(lang);
                    self.out.raw(", ");
                }
                self.out.string(code.trim_end_matches('\n'));
                self.out.raw(")\n\n");
                return end + 1;
            }
            Tag::List(start) => {
                let level = numbered_level(
                    self.body.numbered,
                    *start,
                    self.lists.last().map(|&(l, _)| l),
                );
                self.lists.push((level, start.unwrap_or(1)));
                let tight = !matches!(
                    self.events.get(i + 2),
                    Some((Event::Start(Tag::Paragraph), _))
                );
                match (level, start) {
                    (0, None) => self.out.raw(&format!("#list(tight: {tight},\n")),
                    (0, Some(n)) => self.out.raw(&format!(
                        "#enum(start: {n}, numbering: \"1.\", full: false, tight: {tight},\n"
                    )),
                    _ => self
                        .out
                        .raw("#enum(numbering: para-number, full: true, tight: false,\n"),
                }
            }
            Tag::Item => match self.lists.last_mut() {
                Some((level, next)) if *level > 0 => {
                    self.out.raw(&format!("enum.item({next})["));
                    *next += 1;
                }
                _ => self.out.raw("["),
            },
            Tag::Table(_) if self.oversize.contains_key(&i) => {
                return self.oversize_table(i);
            }
            Tag::Table(alignments) => {
                self.table = Some((alignments.len().max(1), 0));
                if let Some(caption) = self.captions.get(&i).cloned() {
                    self.out.raw("#figure(kind: table, caption: ");
                    self.out.content(&caption);
                    self.out.raw(",\n");
                } else {
                    self.out.raw("#block(");
                }
                let align: Vec<&str> = alignments
                    .iter()
                    .map(|a| match a {
                        pulldown_cmark::Alignment::Center => "center",
                        pulldown_cmark::Alignment::Right => "right",
                        _ => "left",
                    })
                    .collect();
                self.out.raw(&format!(
                    "table(columns: {}, align: ({},),\n",
                    align.len().max(1),
                    align.join(", ")
                ));
            }
            Tag::TableHead => {
                self.head = true;
                self.out.raw("table.header(");
            }
            Tag::TableRow => {}
            Tag::TableCell => {
                if let Some((columns, cells)) = &mut self.table {
                    if *cells >= *columns {
                        // A cell past the header's columns: GitHub's tables drop it, and so do we.
                        return find_end(self.events, i) + 1;
                    }
                    *cells += 1;
                }
                self.out.raw("[");
                if self.head {
                    self.out.raw("#strong[");
                }
            }
            Tag::Emphasis => self.out.raw("#emph["),
            Tag::Strong => self.out.raw("#strong["),
            Tag::Strikethrough => self.out.raw("#strike["),
            Tag::Link { dest_url, .. } => match self.body.links.link(dest_url) {
                Target::Url(url) => {
                    self.out.raw("#link(");
                    self.out.string(&url);
                    self.out.raw(")[");
                }
                Target::Withheld(notice) => {
                    let end = find_end(self.events, i);
                    self.range(i + 1..end);
                    self.out.text(&format!(" ({notice})"));
                    return end + 1;
                }
                Target::None => {
                    let end = find_end(self.events, i);
                    self.range(i + 1..end);
                    return end + 1;
                }
            },
            Tag::Image { dest_url, .. } => {
                let end = find_end(self.events, i);
                let alt = plain_text(&self.events[i + 1..end]);
                self.image(dest_url, alt.trim());
                return end + 1;
            }
            Tag::FootnoteDefinition(_)
            | Tag::HtmlBlock
            | Tag::MetadataBlock(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Superscript
            | Tag::Subscript => {}
        }
        i + 1
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.out.raw("\n\n"),
            TagEnd::Heading(_) => self.out.raw("]\n\n"),
            TagEnd::BlockQuote(_) => self.out.raw("]\n\n"),
            TagEnd::List(_) => {
                self.lists.pop();
                self.out.raw(")\n\n");
            }
            TagEnd::Item => self.out.raw("],\n"),
            TagEnd::Table => {
                self.table = None;
                self.out.raw("))\n\n");
            }
            TagEnd::TableHead => {
                self.head = false;
                self.pad_row();
                self.out.raw("),\n");
            }
            TagEnd::TableRow => {
                self.pad_row();
                self.out.raw("\n");
            }
            TagEnd::TableCell => self.out.raw(if self.head { "]], " } else { "], " }),
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link => {
                self.out.raw("]")
            }
            _ => {}
        }
    }

    /// In place of a table too large to typeset: its caption and a link to its web page, and a
    /// warning at the table's first line.
    fn oversize_table(&mut self, i: usize) -> usize {
        let end = find_end(self.events, i);
        let (rows, columns, cells) = self.oversize[&i];
        let alone = cells > CELLS_PER_TABLE;
        let source = &self.out.files[self.body.file];
        let start = self.body.offset + self.events[i].1.start;
        // `start` is not always a character of the file: a front matter value's Markdown (the
        // cover block) is the parsed value, placed at its key.
        let line_end = source
            .text
            .get(start..)
            .and_then(|rest| rest.find('\n'))
            .map_or(source.text.len(), |n| start + n);
        let why = if alone {
            format!("more than the {CELLS_PER_TABLE} cells a table may have")
        } else {
            format!(
                "more than the {CELLS_PER_DOCUMENT} cells of tables a PDF may have with the tables before it"
            )
        };
        let warning = Diagnostic::warning(
            "BP104",
            source.path.clone(),
            format!("this table is too large to typeset in the PDF packs ({rows} rows × {columns} columns, {cells} cells, {why}): they link to its web page instead"),
        )
        .at(&source.text, start..line_end)
        .help("split the table, or move the data into a CSV appendix, which readers can open in a spreadsheet");
        self.out.warnings.push(warning);
        let caption = self.captions.get(&i).cloned();
        self.out.raw("#withheld");
        let what = match &caption {
            Some(c) => format!(
                "{c}: this table ({rows} rows, {columns} columns) is too large to print. Read it on the website: "
            ),
            None => format!(
                "This table ({rows} rows, {columns} columns) is too large to print. Read it on the website: "
            ),
        };
        self.out.content(&what);
        self.out.raw("\n#link(");
        self.out.string(self.body.links.page());
        self.out.raw(")\n\n");
        end + 1
    }

    /// Fills a short row with empty cells, so the next row starts in the first column.
    fn pad_row(&mut self) {
        if let Some((columns, cells)) = &mut self.table {
            for _ in *cells..*columns {
                self.out.raw("[], ");
            }
            *cells = 0;
        }
    }

    /// A heading level that starts one below the document's own heading and never skips one
    /// (PDF/UA requires it; Markdown allows anything).
    fn heading_level(&mut self, level: HeadingLevel) -> u8 {
        let wanted = (level as u8).max(self.body.base_level + 1);
        let level = wanted.min(self.last_level + 1);
        self.last_level = level;
        level
    }

    fn footnote(&mut self, label: &str) {
        let Some(range) = self.footnotes.get(label).cloned() else {
            self.out.text(&format!("[^{label}]"));
            return;
        };
        if self.in_footnote.iter().any(|l| l == label) {
            return;
        }
        self.in_footnote.push(label.to_string());
        self.out.raw("#footnote[");
        self.range(range.start + 1..range.end);
        while self.out.text.ends_with('\n') {
            self.out.text.pop();
        }
        self.out.raw("]");
        self.in_footnote.pop();
    }

    fn image(&mut self, dest: &str, alt: &str) {
        let file = self.body.links.image(dest.trim());
        let extension = file
            .as_ref()
            .and_then(|f| f.extension())
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match (file, extension) {
            (Some(file), Some(ext)) if IMAGE_TYPES.contains(&ext.as_str()) => {
                let path = match self.images.iter().find(|i| i.file == file) {
                    Some(known) => known.path.clone(),
                    None => {
                        let path = format!("/images/{}.{ext}", self.images.len() + 1);
                        self.images.push(Image {
                            path: path.clone(),
                            file,
                        });
                        path
                    }
                };
                if alt.is_empty() {
                    // No words: a decoration, which a screen reader passes over (`check` asks for alt text).
                    self.out.raw("#pdf.artifact(box(image(");
                    self.out.string(&path);
                    self.out.raw(")))");
                } else {
                    self.out.raw("#box(image(");
                    self.out.string(&path);
                    self.out.raw(", alt: ");
                    self.out.string(alt);
                    self.out.raw("))");
                }
            }
            _ => {
                // Not an image Typst can show: its words, and where it is when it has an address.
                let words = if alt.is_empty() { "Image" } else { alt };
                match self.body.links.link(dest) {
                    Target::Url(url) => {
                        self.out.raw("#link(");
                        self.out.string(&url);
                        self.out.raw(")");
                        self.out.content(&format!("[{words}]"));
                    }
                    _ => self.out.text(&format!("[{words}]")),
                }
            }
        }
    }
}

/// The image files in `images` as Typst is given them: read from the site folder `root`.
pub fn read_images(
    root: &Path,
    images: &[Image],
) -> Result<Vec<super::engine::Asset>, (PathBuf, std::io::Error)> {
    images
        .iter()
        .map(|i| {
            std::fs::read(root.join(&i.file))
                .map(|bytes| super::engine::Asset {
                    path: i.path.clone(),
                    bytes,
                })
                .map_err(|e| (i.file.clone(), e))
        })
        .collect()
}

/// The rows and the cells a table's events (from its start to its end) will typeset: a row's cells
/// past `columns` are dropped, as the writer drops them, and a short row is padded to `columns`.
fn table_size(events: &[(Event<'_>, Range<usize>)], columns: usize) -> (usize, usize) {
    let rows = events
        .iter()
        .filter(|(e, _)| matches!(e, Event::Start(Tag::TableHead | Tag::TableRow)))
        .count();
    (rows, rows * columns)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    struct NoLinks;
    impl Links for NoLinks {
        fn link(&self, dest: &str) -> Target {
            Target::Url(format!("https://example.test/{dest}"))
        }
        fn page(&self) -> &str {
            "https://example.test/page/"
        }
        fn image(&self, _dest: &str) -> Option<PathBuf> {
            None
        }
    }

    fn typst_of(markdown: &str, base_level: u8) -> String {
        let mut out = Markup::default();
        let file = out.file("content/a.md".into(), Arc::from(markdown));
        let body = Body {
            file,
            offset: 0,
            numbered: true,
            base_level,
            links: &NoLinks,
        };
        convert(markdown, &body, &mut out, &mut Vec::new());
        out.text
    }

    fn heading_levels(typst: &str) -> Vec<u8> {
        typst
            .match_indices("#heading(level: ")
            .map(|(i, m)| typst.as_bytes()[i + m.len()] - b'0')
            .collect()
    }

    #[test]
    fn empty_headings_are_left_out() {
        let typst = typst_of("## Background\n\n##\n\nText.\n", 1);
        assert_eq!(heading_levels(&typst), [2], "{typst}");
    }

    #[test]
    fn heading_levels_start_below_the_base_and_never_skip() {
        let typst = typst_of("# Top\n\n#### Deep\n\n## Back\n", 1);
        assert_eq!(heading_levels(&typst), [2, 3, 2], "{typst}");
    }

    #[test]
    fn numbered_paragraphs_keep_the_authors_numbers() {
        let typst = typst_of("7. Seventh.\n\n8. Eighth:\n\n   1. first sub;\n", 1);
        assert!(
            typst.contains("enum.item(7)") && typst.contains("enum.item(8)"),
            "{typst}"
        );
    }

    #[test]
    fn markup_in_the_text_stays_text() {
        let typst = typst_of("Costs #rise by $5 <see> @ref = *not* `code]`\n", 1);
        assert!(typst.contains(r"\#rise by \$5 \<see\> \@ref \="), "{typst}");
    }
}
