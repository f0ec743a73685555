//! [`Doc`]: a small builder that writes WordprocessingML by hand and records, as it goes, what a
//! faithful import of the result must contain.
//!
//! Every method writes Word's XML for one block *and* notes its expected reading (the paragraph number
//! Word will show, the visible text, deleted text that must not appear, …) in the same place, so the
//! `.docx` and its `.expected.json` cannot drift apart: nothing is typed twice.
//!
//! The XML is what Word itself writes for these constructs (element order follows the schema, tabs are
//! `<w:tab/>`, deleted text is `<w:delText>`, bullets use Symbol-font private-use characters), not the
//! tidiest possible form, because the point is to exercise a reader on realistic input.

use super::png::Png;
use super::{ImageAlt, Link, Record, sentences};

const NS: &str = concat!(
    r#"xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" "#,
    r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#,
    r#"xmlns:o="urn:schemas-microsoft-com:office:office" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
    r#"xmlns:v="urn:schemas-microsoft-com:vml" "#,
    r#"xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" "#,
    r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
    r#"xmlns:w10="urn:schemas-microsoft-com:office:word" "#,
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" "#,
    r#"xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" "#,
    r#"mc:Ignorable="w14 wp14""#
);
const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/// EMUs (English Metric Units, DrawingML's length) per millimetre.
const EMU_PER_MM: u64 = 36_000;

/// Escapes text for XML character data and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------------
// Inline content

/// Who made a tracked change, and when (`w:author`, `w:date`).
#[derive(Debug, Clone, Copy)]
pub struct Rev {
    pub author: &'static str,
    pub date: &'static str,
}

/// One piece of a paragraph.
#[derive(Debug, Clone)]
pub enum Inline {
    Text {
        text: String,
        bold: bool,
        italic: bool,
    },
    /// An external hyperlink (`w:hyperlink r:id` with a `TargetMode="External"` relationship).
    Link {
        text: String,
        url: String,
    },
    /// A hyperlink written as a complex field: `fldChar` begin, `instrText` ` HYPERLINK "…" `,
    /// separate, the display text, end. Only the display text is visible.
    FieldLink {
        text: String,
        url: String,
    },
    /// A footnote reference; the string is the footnote's text (in `word/footnotes.xml`).
    Footnote(String),
    /// Tracked insertion (`w:ins`): visible once changes are accepted.
    Inserted {
        text: String,
        rev: Rev,
    },
    /// Tracked deletion (`w:del` with `w:delText`): must not be imported.
    Deleted {
        text: String,
        rev: Rev,
    },
    /// The old place of moved text (`w:moveFrom`, whose runs use plain `w:t`): must not be imported.
    MovedFrom {
        text: String,
        rev: Rev,
        name: &'static str,
    },
    /// The new place of moved text (`w:moveTo`).
    MovedTo {
        text: String,
        rev: Rev,
        name: &'static str,
    },
    /// Text a reviewer's comment is anchored on; the comment itself lives in `word/comments.xml` and
    /// must not be published.
    Comment {
        anchor: String,
        note: String,
        author: &'static str,
    },
    Image(Image),
    /// An empty bookmark, such as the `_GoBack` one Word leaves at the last edit.
    Bookmark(&'static str),
}

/// A paragraph's content. `&str`, `String`, one [`Inline`] or a `Vec<Inline>` all convert into it.
#[derive(Debug, Clone, Default)]
pub struct Rich(pub Vec<Inline>);

impl From<&str> for Rich {
    fn from(s: &str) -> Rich {
        Rich(vec![t(s)])
    }
}
impl From<String> for Rich {
    fn from(s: String) -> Rich {
        Rich(vec![t(&s)])
    }
}
impl From<Inline> for Rich {
    fn from(i: Inline) -> Rich {
        Rich(vec![i])
    }
}
impl From<Vec<Inline>> for Rich {
    fn from(v: Vec<Inline>) -> Rich {
        Rich(v)
    }
}

impl From<Image> for Rich {
    fn from(image: Image) -> Rich {
        Rich(vec![Inline::Image(image)])
    }
}

/// Plain text.
pub fn t(s: &str) -> Inline {
    Inline::Text {
        text: s.into(),
        bold: false,
        italic: false,
    }
}
/// Bold text.
pub fn b(s: &str) -> Inline {
    Inline::Text {
        text: s.into(),
        bold: true,
        italic: false,
    }
}
/// Italic text.
pub fn i(s: &str) -> Inline {
    Inline::Text {
        text: s.into(),
        bold: false,
        italic: true,
    }
}
/// Bold italic text.
pub fn bi(s: &str) -> Inline {
    Inline::Text {
        text: s.into(),
        bold: true,
        italic: true,
    }
}
/// An external hyperlink.
pub fn link(text: &str, url: &str) -> Inline {
    Inline::Link {
        text: text.into(),
        url: url.into(),
    }
}
/// A `HYPERLINK` complex field.
pub fn field_link(text: &str, url: &str) -> Inline {
    Inline::FieldLink {
        text: text.into(),
        url: url.into(),
    }
}
/// A footnote reference with the footnote's text.
pub fn footnote(text: &str) -> Inline {
    Inline::Footnote(text.into())
}
pub fn ins(rev: Rev, text: &str) -> Inline {
    Inline::Inserted {
        text: text.into(),
        rev,
    }
}
pub fn del(rev: Rev, text: &str) -> Inline {
    Inline::Deleted {
        text: text.into(),
        rev,
    }
}
pub fn move_from(rev: Rev, name: &'static str, text: &str) -> Inline {
    Inline::MovedFrom {
        text: text.into(),
        rev,
        name,
    }
}
pub fn move_to(rev: Rev, name: &'static str, text: &str) -> Inline {
    Inline::MovedTo {
        text: text.into(),
        rev,
        name,
    }
}
pub fn comment(author: &'static str, anchor: &str, note: &str) -> Inline {
    Inline::Comment {
        anchor: anchor.into(),
        note: note.into(),
        author,
    }
}
pub fn bookmark(name: &'static str) -> Inline {
    Inline::Bookmark(name)
}

/// An inline picture.
#[derive(Debug, Clone)]
pub struct Image {
    pub png: Png,
    pub width_mm: u64,
    pub height_mm: u64,
    /// `wp:docPr descr`; `None` writes no `descr` attribute at all.
    pub alt: Option<String>,
    /// Wrap the drawing in `mc:AlternateContent` with a VML `w:pict` fallback showing the same picture,
    /// as older Word versions' compatibility output does. A reader that does not pick one branch reads
    /// the picture twice.
    pub alternate_content: bool,
}

impl Image {
    pub fn new(png: Png, width_mm: u64, height_mm: u64) -> Image {
        Image {
            png,
            width_mm,
            height_mm,
            alt: None,
            alternate_content: false,
        }
    }
    pub fn alt(mut self, alt: &str) -> Image {
        self.alt = Some(alt.into());
        self
    }
    pub fn with_vml_fallback(mut self) -> Image {
        self.alternate_content = true;
        self
    }
}

// ---------------------------------------------------------------------------------------------------
// Numbering

/// A kind of list. Every [`Doc::restart`] (and the first use) makes a new `w:num` with its own
/// `w:abstractNum`, so which paragraphs count together never depends on Word's and LibreOffice's
/// different rules for `num`s that share an abstract definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// Report paragraph numbering: `1.`, `1.1.`, `1.1.1.` (`%1.`, `%1.%2.`, `%1.%2.%3.`).
    Paragraphs,
    /// Bullets: `` (Symbol), `o` (Courier New), `` (Wingdings).
    Bullets,
    /// `1.`, then lettered `(a)` (`(%2)`, lowerLetter), then roman `i.` (`%3.`, lowerRoman).
    Letters,
}

struct Level {
    fmt: &'static str,
    text: String,
    /// `w:lvlRestart`: the 1-based level after which this one restarts; `None` for Word's default
    /// (restart after any higher level), which the element is then omitted for.
    restart: Option<u8>,
    font: Option<&'static str>,
}

impl Scheme {
    fn levels(self) -> Vec<Level> {
        (0..9u8)
            .map(|k| match self {
                Scheme::Paragraphs => Level {
                    fmt: "decimal",
                    text: (1..=k + 1).map(|n| format!("%{n}.")).collect(),
                    // Spelled out on level 2 (the default value): real templates carry it.
                    restart: (k == 1).then_some(1),
                    font: None,
                },
                Scheme::Bullets => {
                    let (text, font) = [
                        ("\u{F0B7}", "Symbol"),
                        ("o", "Courier New"),
                        ("\u{F0A7}", "Wingdings"),
                    ][k as usize % 3];
                    Level {
                        fmt: "bullet",
                        text: text.into(),
                        restart: None,
                        font: Some(font),
                    }
                }
                Scheme::Letters => match k {
                    0 => Level {
                        fmt: "decimal",
                        text: "%1.".into(),
                        restart: None,
                        font: None,
                    },
                    1 => Level {
                        fmt: "lowerLetter",
                        text: "(%2)".into(),
                        restart: None,
                        font: None,
                    },
                    2 => Level {
                        fmt: "lowerRoman",
                        text: "%3.".into(),
                        restart: Some(2),
                        font: None,
                    },
                    _ => Level {
                        fmt: "decimal",
                        text: format!("%{}.", k + 1),
                        restart: None,
                        font: None,
                    },
                },
            })
            .collect()
    }
}

struct List {
    scheme: Scheme,
    levels: Vec<Level>,
    counters: [u32; 9],
}

impl List {
    /// Counts a paragraph at `level` and returns the label Word shows, computed the way Word does:
    /// the level's counter goes up, deeper levels restart per `lvlRestart`, and `%n` in `lvlText` is
    /// level n's counter in level n's format.
    fn count(&mut self, level: u8) -> String {
        let l = level as usize;
        self.counters[l] += 1;
        for k in l + 1..9 {
            let restart_after = self.levels[k].restart.map_or(k, usize::from);
            if l < restart_after {
                self.counters[k] = 0;
            }
        }
        let lvl = &self.levels[l];
        if lvl.fmt == "bullet" {
            return String::new();
        }
        let mut label = lvl.text.clone();
        for n in (1..=9).rev() {
            let pat = format!("%{n}");
            if label.contains(&pat) {
                let value = self.counters[n - 1].max(1);
                label = label.replace(&pat, &format_number(self.levels[n - 1].fmt, value));
            }
        }
        label
    }
}

fn format_number(fmt: &str, n: u32) -> String {
    match fmt {
        "lowerLetter" => {
            let c = (b'a' + ((n - 1) % 26) as u8) as char;
            c.to_string().repeat(((n - 1) / 26 + 1) as usize)
        }
        "lowerRoman" => {
            let mut n = n;
            let mut s = String::new();
            for (v, r) in [
                (1000, "m"),
                (900, "cm"),
                (500, "d"),
                (400, "cd"),
                (100, "c"),
                (90, "xc"),
                (50, "l"),
                (40, "xl"),
                (10, "x"),
                (9, "ix"),
                (5, "v"),
                (4, "iv"),
                (1, "i"),
            ] {
                while n >= v {
                    s.push_str(r);
                    n -= v;
                }
            }
            s
        }
        _ => n.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------------
// Tables

/// A table: column widths (twentieths of a point) and rows.
#[derive(Debug, Clone)]
pub struct Table {
    pub widths: Vec<u32>,
    pub rows: Vec<Row>,
    /// `Table Grid` style (visible borders) rather than `Normal Table`; cover tables are often borderless.
    pub grid: bool,
}

#[derive(Debug, Clone)]
pub struct Row {
    /// `w:tblHeader`: repeated at the top of each page.
    pub header: bool,
    pub cells: Vec<Cell>,
}

/// Vertical merging (`w:vMerge`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VMerge {
    None,
    Restart,
    Continue,
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub paras: Vec<CellPara>,
    /// `w:gridSpan`: how many grid columns the cell covers.
    pub span: u32,
    pub vmerge: VMerge,
    pub shaded: bool,
}

/// A paragraph inside a cell.
#[derive(Debug, Clone)]
pub enum CellPara {
    Text(Rich),
    Bullet(u8, Rich),
    Numbered(u8, Rich),
}

impl Cell {
    pub fn new(content: impl Into<Rich>) -> Cell {
        Cell {
            paras: vec![CellPara::Text(content.into())],
            span: 1,
            vmerge: VMerge::None,
            shaded: false,
        }
    }
    /// A cell of several paragraphs.
    pub fn paras(paras: Vec<CellPara>) -> Cell {
        Cell {
            paras,
            span: 1,
            vmerge: VMerge::None,
            shaded: false,
        }
    }
    pub fn span(mut self, n: u32) -> Cell {
        self.span = n;
        self
    }
    pub fn vmerge(mut self, m: VMerge) -> Cell {
        self.vmerge = m;
        self
    }
    pub fn shaded(mut self) -> Cell {
        self.shaded = true;
        self
    }
}

impl Table {
    pub fn new(widths: &[u32]) -> Table {
        Table {
            widths: widths.to_vec(),
            rows: vec![],
            grid: true,
        }
    }
    pub fn borderless(mut self) -> Table {
        self.grid = false;
        self
    }
    /// A `w:tblHeader` row of bold, shaded cells.
    pub fn header(mut self, cells: &[&str]) -> Table {
        let cells = cells.iter().map(|c| Cell::new(b(c)).shaded()).collect();
        self.rows.push(Row {
            header: true,
            cells,
        });
        self
    }
    pub fn row(mut self, cells: &[&str]) -> Table {
        self.rows.push(Row {
            header: false,
            cells: cells.iter().map(|c| Cell::new(*c)).collect(),
        });
        self
    }
    pub fn row_cells(mut self, cells: Vec<Cell>) -> Table {
        self.rows.push(Row {
            header: false,
            cells,
        });
        self
    }
}

// ---------------------------------------------------------------------------------------------------
// The document

/// What a paragraph mark says about tracked changes.
#[derive(Clone, Copy)]
enum Mark {
    Plain,
    Inserted(Rev),
    Deleted(Rev),
}

struct Para<'a> {
    style: Option<&'a str>,
    num: Option<(usize, u8)>,
    keep_next: bool,
    mark: Mark,
    rich: Rich,
}

impl<'a> Para<'a> {
    fn new(style: Option<&'a str>, rich: Rich) -> Para<'a> {
        Para {
            style,
            num: None,
            keep_next: false,
            mark: Mark::Plain,
            rich,
        }
    }
}

struct Rel {
    id: String,
    kind: &'static str,
    target: String,
    external: bool,
}

/// A Word document being written. Methods take and return the document so a report reads as one chain:
/// `Doc::new().heading(2, "Background").auto_numbered(0, "…")`.
///
/// Until [`Doc::body`] is called the document is in its *cover* (masthead and cover block): blocks are
/// written but not recorded as body content, because the cover's expected reading is the report's
/// front matter, which [`super::Report`] supplies.
pub struct Doc {
    body: String,
    core_title: Option<String>,
    lists: Vec<List>,
    current: Vec<(Scheme, usize)>,
    footnotes: Vec<String>,
    comments: Vec<String>,
    rels: Vec<Rel>,
    media: Vec<Vec<u8>>,
    header: Vec<String>,
    next_annotation: u32,
    next_drawing: u32,
    fragment: bool,
    fragment_counter: usize,
    track_revisions: bool,
    in_body: bool,
    pub(crate) record: Record,
}

impl Default for Doc {
    fn default() -> Doc {
        Doc::new()
    }
}

impl Doc {
    pub fn new() -> Doc {
        Doc {
            body: String::new(),
            core_title: None,
            lists: vec![],
            current: vec![],
            footnotes: vec![],
            comments: vec![],
            rels: vec![],
            media: vec![],
            header: vec![],
            next_annotation: 0,
            next_drawing: 1,
            fragment: false,
            fragment_counter: 0,
            track_revisions: false,
            in_body: false,
            record: Record::default(),
        }
    }

    /// Splits text into several runs with identical formatting, mid-word at times, as Word does after
    /// editing sessions (one run per revision-save id). A reader must join runs, not words.
    pub fn fragmented(mut self) -> Doc {
        self.fragment = true;
        self
    }

    /// Turns on "Track changes" in `word/settings.xml`.
    pub fn track_revisions(mut self) -> Doc {
        self.track_revisions = true;
        self
    }

    /// `dc:title` in `docProps/core.xml`. Set by [`super::Report`] to the report title unless a fixture
    /// sets it first (say, to a stale template title).
    pub fn core_title(mut self, title: &str) -> Doc {
        self.core_title = Some(title.into());
        self
    }

    pub(crate) fn core_title_or(mut self, title: &str) -> Doc {
        if self.core_title.is_none() {
            self.core_title = Some(title.into());
        }
        self
    }

    /// The running header (`word/header1.xml`), one paragraph per line. Its lines are never part of a
    /// paper's body, so they are recorded as absent.
    pub fn running_header(mut self, lines: &[&str]) -> Doc {
        self.header = lines.iter().map(|l| l.to_string()).collect();
        self.record.absent.extend(self.header.iter().cloned());
        self
    }

    /// Ends the cover: from here on blocks are recorded as the report's body.
    pub fn body(mut self) -> Doc {
        self.in_body = true;
        self
    }

    // --- blocks ------------------------------------------------------------------------------------

    /// A plain (`Normal`) paragraph.
    pub fn para(mut self, content: impl Into<Rich>) -> Doc {
        let text = self.write(Para::new(None, content.into()));
        self.record_sentences(&text);
        self
    }

    /// A paragraph in a named style that is not a heading (`Title`, `List Paragraph`, …).
    pub fn styled(mut self, style: &str, content: impl Into<Rich>) -> Doc {
        let text = self.write(Para::new(Some(style), content.into()));
        self.record_sentences(&text);
        self
    }

    /// The report title in Word's `Title` style (not a body heading).
    pub fn title(mut self, content: impl Into<Rich>) -> Doc {
        self.write(Para::new(Some("Title"), content.into()));
        self
    }

    /// A `Heading N` paragraph (style ids `Heading1`…, names `heading 1`… as Word writes them).
    pub fn heading(mut self, level: u8, text: &str) -> Doc {
        let style = format!("Heading{level}");
        let mut p = Para::new(Some(&style), text.into());
        p.keep_next = true;
        let text = self.write(p);
        if self.in_body {
            self.record.headings.push(text);
        }
        self
    }

    /// A `caption` paragraph ("Table 1: …").
    pub fn caption(mut self, text: &str) -> Doc {
        let mut p = Para::new(Some("Caption"), text.into());
        p.keep_next = true;
        let text = self.write(p);
        if self.in_body {
            self.record.table_captions.push(text);
        }
        self
    }

    /// A paragraph with Word's automatic report numbering ([`Scheme::Paragraphs`]) at `level`
    /// (0 → `4.`, 1 → `4.2.`, 2 → `4.2.1.`).
    pub fn auto_numbered(self, level: u8, content: impl Into<Rich>) -> Doc {
        self.numbered(Scheme::Paragraphs, level, content)
    }

    /// A paragraph numbered by the current list of `scheme`.
    pub fn numbered(mut self, scheme: Scheme, level: u8, content: impl Into<Rich>) -> Doc {
        let list = self.list(scheme);
        let mut p = Para::new(Some("ListParagraph"), content.into());
        p.num = Some((list, level));
        self.write_counted(p);
        self
    }

    /// A bulleted paragraph at `level` (0–2).
    pub fn bullet(self, level: u8, content: impl Into<Rich>) -> Doc {
        self.numbered(Scheme::Bullets, level, content)
    }

    /// Starts a new list of `scheme`: the next numbered paragraph of that scheme is number 1 again.
    pub fn restart(mut self, scheme: Scheme) -> Doc {
        self.current.retain(|(s, _)| *s != scheme);
        self
    }

    /// A numbered paragraph inserted with tracked changes (the paragraph mark is `w:ins` too).
    pub fn inserted_numbered(mut self, rev: Rev, level: u8, text: &str) -> Doc {
        let list = self.list(Scheme::Paragraphs);
        let mut p = Para::new(Some("ListParagraph"), ins(rev, text).into());
        p.num = Some((list, level));
        p.mark = Mark::Inserted(rev);
        self.write_counted(p);
        self
    }

    /// A whole numbered paragraph deleted with tracked changes, mark included: once changes are accepted
    /// it is gone and the paragraphs after it are numbered as if it never was.
    pub fn deleted_numbered(mut self, rev: Rev, level: u8, text: &str) -> Doc {
        let list = self.list(Scheme::Paragraphs);
        let mut p = Para::new(Some("ListParagraph"), del(rev, text).into());
        p.num = Some((list, level));
        p.mark = Mark::Deleted(rev);
        self.write(p); // not counted: accepted, it does not exist
        self
    }

    /// A paragraph whose number is typed as text (`"2.1"` + `"\t"` + text), as in reports that were
    /// never given automatic numbering. The expected number is `number` without its trailing dot.
    pub fn typed(mut self, number: &str, separator: &str, content: impl Into<Rich>) -> Doc {
        let mut rich = content.into();
        let visible = visible_text(&rich);
        rich.0.insert(0, t(&format!("{number}{separator}")));
        self.write(Para::new(None, rich));
        if self.in_body {
            self.record
                .paragraph_numbers
                .push(number.trim_end_matches('.').to_string());
        }
        self.record_sentences(&visible);
        self
    }

    /// A table. In the body every cell's text is recorded as sentences.
    pub fn table(mut self, table: Table) -> Doc {
        let mut xml = String::from("<w:tbl><w:tblPr>");
        xml += if table.grid {
            r#"<w:tblStyle w:val="TableGrid"/>"#
        } else {
            ""
        };
        xml += r#"<w:tblW w:w="0" w:type="auto"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>"#;
        for w in &table.widths {
            xml += &format!(r#"<w:gridCol w:w="{w}"/>"#);
        }
        xml += "</w:tblGrid>";
        for row in &table.rows {
            xml += "<w:tr>";
            if row.header {
                xml += "<w:trPr><w:tblHeader/></w:trPr>";
            }
            let mut col = 0usize;
            for cell in &row.cells {
                let width: u32 = table.widths[col..col + cell.span as usize].iter().sum();
                col += cell.span as usize;
                xml += &format!(r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>"#);
                if cell.span > 1 {
                    xml += &format!(r#"<w:gridSpan w:val="{}"/>"#, cell.span);
                }
                match cell.vmerge {
                    VMerge::None => {}
                    VMerge::Restart => xml += r#"<w:vMerge w:val="restart"/>"#,
                    VMerge::Continue => xml += "<w:vMerge/>",
                }
                if cell.shaded {
                    xml += r#"<w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/>"#;
                }
                xml += "</w:tcPr>";
                let saved = std::mem::take(&mut self.body);
                for para in &cell.paras {
                    let visible = match para {
                        CellPara::Text(rich) => self.write(Para::new(None, rich.clone())),
                        CellPara::Bullet(level, rich) | CellPara::Numbered(level, rich) => {
                            let scheme = if matches!(para, CellPara::Bullet(..)) {
                                Scheme::Bullets
                            } else {
                                Scheme::Paragraphs
                            };
                            let list = self.list(scheme);
                            let mut p = Para::new(Some("ListParagraph"), rich.clone());
                            p.num = Some((list, *level));
                            self.lists[list].count(*level);
                            self.write(p)
                        }
                    };
                    self.record_sentences(&visible);
                }
                if cell.paras.is_empty() {
                    self.body += "<w:p/>";
                }
                xml += &std::mem::replace(&mut self.body, saved);
                xml += "</w:tc>";
            }
            assert_eq!(col, table.widths.len(), "a row's cells must cover the grid");
            xml += "</w:tr>";
        }
        xml += "</w:tbl>";
        self.body += &xml;
        self
    }

    /// A page break (its own paragraph, as Word writes Ctrl+Enter).
    pub fn page_break(mut self) -> Doc {
        self.body += r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#;
        self
    }

    /// An empty paragraph, as authors leave between blocks.
    pub fn blank(mut self) -> Doc {
        self.body += "<w:p/>";
        self
    }

    // --- internals ---------------------------------------------------------------------------------

    fn list(&mut self, scheme: Scheme) -> usize {
        if let Some(&(_, i)) = self.current.iter().find(|(s, _)| *s == scheme) {
            return i;
        }
        self.lists.push(List {
            scheme,
            levels: scheme.levels(),
            counters: [0; 9],
        });
        let i = self.lists.len() - 1;
        self.current.push((scheme, i));
        i
    }

    fn write_counted(&mut self, p: Para) {
        let (list, level) = p.num.expect("a numbered paragraph");
        let label = self.lists[list].count(level);
        let visible = self.write(p);
        if self.in_body && !label.is_empty() {
            self.record
                .paragraph_numbers
                .push(label.trim_end_matches('.').to_string());
        }
        self.record_sentences(&visible);
    }

    fn record_sentences(&mut self, text: &str) {
        if self.in_body {
            self.record.sentences.extend(sentences(text));
        }
    }

    fn rel(&mut self, kind: &'static str, target: String, external: bool) -> String {
        let id = format!("rId{}", 10 + self.rels.len());
        self.rels.push(Rel {
            id: id.clone(),
            kind,
            target,
            external,
        });
        id
    }

    fn annotation_id(&mut self) -> u32 {
        self.next_annotation += 1;
        self.next_annotation
    }

    /// Writes a paragraph to the body and returns its visible text (what remains once tracked changes
    /// are accepted, without footnote marks).
    fn write(&mut self, p: Para) -> String {
        let mut xml = String::from("<w:p>");
        let mut ppr = String::new();
        if let Some(style) = p.style {
            ppr += &format!(r#"<w:pStyle w:val="{style}"/>"#);
        }
        if p.keep_next {
            ppr += "<w:keepNext/>";
        }
        if let Some((list, level)) = p.num {
            ppr += &format!(
                r#"<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{}"/></w:numPr>"#,
                list + 1
            );
        }
        match p.mark {
            Mark::Plain => {}
            Mark::Inserted(rev) => {
                let id = self.annotation_id();
                ppr += &format!(
                    r#"<w:rPr><w:ins w:id="{id}" w:author="{}" w:date="{}"/></w:rPr>"#,
                    esc(rev.author),
                    rev.date
                );
            }
            Mark::Deleted(rev) => {
                let id = self.annotation_id();
                ppr += &format!(
                    r#"<w:rPr><w:del w:id="{id}" w:author="{}" w:date="{}"/></w:rPr>"#,
                    esc(rev.author),
                    rev.date
                );
            }
        }
        if !ppr.is_empty() {
            xml += &format!("<w:pPr>{ppr}</w:pPr>");
        }
        for inline in &p.rich.0 {
            xml += &self.inline(inline);
        }
        xml += "</w:p>";
        self.body += &xml;
        visible_text(&p.rich)
    }

    fn inline(&mut self, inline: &Inline) -> String {
        match inline {
            Inline::Text { text, bold, italic } => {
                let mut rpr = String::new();
                if *bold {
                    rpr += "<w:b/><w:bCs/>";
                }
                if *italic {
                    rpr += "<w:i/><w:iCs/>";
                }
                self.runs(text, &rpr, "w:t")
            }
            Inline::Link { text, url } => {
                let id = self.rel("hyperlink", url.clone(), true);
                if self.in_body {
                    self.record.links.push(Link {
                        text: text.clone(),
                        url: url.clone(),
                    });
                }
                let runs = self.runs(text, r#"<w:rStyle w:val="Hyperlink"/>"#, "w:t");
                format!(r#"<w:hyperlink r:id="{id}" w:history="1">{runs}</w:hyperlink>"#)
            }
            Inline::FieldLink { text, url } => {
                self.record.absent.push("HYPERLINK".into());
                if self.in_body {
                    self.record.links.push(Link {
                        text: text.clone(),
                        url: url.clone(),
                    });
                }
                let display = self.runs(text, r#"<w:rStyle w:val="Hyperlink"/>"#, "w:t");
                format!(
                    r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "{}" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{display}<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
                    esc(url)
                )
            }
            Inline::Footnote(text) => {
                let id = self.footnotes.len() + 1;
                let runs = self.runs(&format!(" {text}"), "", "w:t");
                self.footnotes.push(format!(
                    r#"<w:footnote w:id="{id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>{runs}</w:p></w:footnote>"#
                ));
                if self.in_body {
                    self.record.footnotes.push(text.clone());
                    self.record.sentences.extend(sentences(text));
                }
                format!(
                    r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{id}"/></w:r>"#
                )
            }
            Inline::Inserted { text, rev } => {
                let id = self.annotation_id();
                let runs = self.runs(text, "", "w:t");
                format!(
                    r#"<w:ins w:id="{id}" w:author="{}" w:date="{}">{runs}</w:ins>"#,
                    esc(rev.author),
                    rev.date
                )
            }
            Inline::Deleted { text, rev } => {
                let id = self.annotation_id();
                self.record.absent.push(text.trim().to_string());
                let runs = self.runs(text, "", "w:delText");
                format!(
                    r#"<w:del w:id="{id}" w:author="{}" w:date="{}">{runs}</w:del>"#,
                    esc(rev.author),
                    rev.date
                )
            }
            Inline::MovedFrom { text, rev, name } | Inline::MovedTo { text, rev, name } => {
                let from = matches!(inline, Inline::MovedFrom { .. });
                let tag = if from { "moveFrom" } else { "moveTo" };
                if !from && self.in_body {
                    // The same words are at the old place too, so "absent" cannot say it; the moved
                    // text must appear exactly once.
                    self.record.once.push(text.trim().to_string());
                }
                let range = self.annotation_id();
                let id = self.annotation_id();
                let runs = self.runs(text, "", "w:t");
                let (author, date) = (esc(rev.author), rev.date);
                format!(
                    r#"<w:{tag}RangeStart w:id="{range}" w:author="{author}" w:date="{date}" w:name="{name}"/><w:{tag} w:id="{id}" w:author="{author}" w:date="{date}">{runs}</w:{tag}><w:{tag}RangeEnd w:id="{range}"/>"#
                )
            }
            Inline::Comment {
                anchor,
                note,
                author,
            } => {
                let id = self.annotation_id();
                self.record.absent.push(note.clone());
                let initials: String = author.split(' ').filter_map(|w| w.chars().next()).collect();
                self.comments.push(format!(
                    r#"<w:comment w:id="{id}" w:author="{}" w:date="2027-02-24T16:05:00Z" w:initials="{initials}"><w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p></w:comment>"#,
                    esc(author),
                    esc(note)
                ));
                let runs = self.runs(anchor, "", "w:t");
                format!(
                    r#"<w:commentRangeStart w:id="{id}"/>{runs}<w:commentRangeEnd w:id="{id}"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="{id}"/></w:r>"#
                )
            }
            Inline::Bookmark(name) => {
                let id = self.annotation_id();
                self.record.absent.push(name.to_string());
                format!(
                    r#"<w:bookmarkStart w:id="{id}" w:name="{name}"/><w:bookmarkEnd w:id="{id}"/>"#
                )
            }
            Inline::Image(image) => self.image(image),
        }
    }

    fn image(&mut self, image: &Image) -> String {
        self.media.push(image.png.encode());
        let file = format!("image{}.png", self.media.len());
        let rid = self.rel("image", format!("media/{file}"), false);
        let id = self.next_drawing;
        self.next_drawing += 1;
        if self.in_body {
            self.record.images.push(ImageAlt {
                alt: image.alt.clone().unwrap_or_default(),
            });
        }
        let (cx, cy) = (image.width_mm * EMU_PER_MM, image.height_mm * EMU_PER_MM);
        let descr = image
            .alt
            .as_deref()
            .map(|a| format!(r#" descr="{}""#, esc(a)))
            .unwrap_or_default();
        let drawing = format!(
            concat!(
                r#"<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>"#,
                r#"<wp:docPr id="{id}" name="Picture {id}"{descr}/><wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/></wp:cNvGraphicFramePr>"#,
                r#"<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">"#,
                r#"<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="0" name="{file}"/><pic:cNvPicPr/></pic:nvPicPr>"#,
                r#"<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"#,
                r#"<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"#,
                r#"</a:graphicData></a:graphic></wp:inline></w:drawing>"#
            ),
            cx = cx,
            cy = cy,
            id = id,
            descr = descr,
            file = file,
            rid = rid
        );
        if !image.alternate_content {
            return format!("<w:r>{drawing}</w:r>");
        }
        // VML sizes are in points: 1 mm = 72 / 25.4 pt, written to one decimal place.
        let pt = |mm: u64| format!("{:.1}pt", mm as f64 * 72.0 / 25.4);
        let title = image
            .alt
            .as_deref()
            .map(|a| format!(r#" o:title="{}""#, esc(a)))
            .unwrap_or_default();
        format!(
            r##"<w:r><mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice><mc:Fallback><w:pict><v:shapetype id="_x0000_t75" coordsize="21600,21600" o:spt="75" o:preferrelative="t" path="m@4@5l@4@11@9@11@9@5xe" filled="f" stroked="f"><v:stroke joinstyle="miter"/><v:path o:extrusionok="f" gradientshapeok="t" o:connecttype="rect"/><o:lock v:ext="edit" aspectratio="t"/></v:shapetype><v:shape id="_x0000_i10{id:02}" type="#_x0000_t75" style="width:{};height:{}"><v:imagedata r:id="{rid}"{title}/></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"##,
            pt(image.width_mm),
            pt(image.height_mm)
        )
    }

    /// Runs for `text` with run properties `rpr` (inner XML), `\t` as `<w:tab/>`; several runs when
    /// the document is [`fragmented`](Doc::fragmented).
    fn runs(&mut self, text: &str, rpr: &str, t: &str) -> String {
        if text.is_empty() {
            return String::new();
        }
        let chars: Vec<char> = text.chars().collect();
        let mut pieces = vec![];
        if self.fragment {
            let mut start = 0;
            while start < chars.len() {
                // Deterministic, irregular lengths between 9 and 37 characters.
                self.fragment_counter += 1;
                let len = 9 + (self.fragment_counter * 17) % 29;
                let end = (start + len).min(chars.len());
                pieces.push(chars[start..end].iter().collect::<String>());
                start = end;
            }
        } else {
            pieces.push(text.to_string());
        }
        let rpr = if rpr.is_empty() {
            String::new()
        } else {
            format!("<w:rPr>{rpr}</w:rPr>")
        };
        let mut out = String::new();
        for piece in pieces {
            out += &format!("<w:r>{rpr}");
            for (k, segment) in piece.split('\t').enumerate() {
                if k > 0 {
                    out += "<w:tab/>";
                }
                if !segment.is_empty() {
                    out += &format!(r#"<{t} xml:space="preserve">{}</{t}>"#, esc(segment));
                }
            }
            out += "</w:r>";
        }
        out
    }

    // --- the package -------------------------------------------------------------------------------

    /// The complete `.docx` file.
    pub fn finish(&self) -> Vec<u8> {
        let mut parts: Vec<(String, Vec<u8>)> = vec![];
        let mut add = |name: &str, text: String| parts.push((name.to_string(), text.into_bytes()));

        let has_header = !self.header.is_empty();
        let has_comments = !self.comments.is_empty();

        let mut types = String::from(XML_DECL);
        types += r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#;
        types += r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#;
        if !self.media.is_empty() {
            types += r#"<Default Extension="png" ContentType="image/png"/>"#;
        }
        let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
        let mut overrides = vec![
            ("/word/document.xml", format!("{wml}.document.main+xml")),
            ("/word/styles.xml", format!("{wml}.styles+xml")),
            ("/word/settings.xml", format!("{wml}.settings+xml")),
            ("/word/numbering.xml", format!("{wml}.numbering+xml")),
            ("/word/footnotes.xml", format!("{wml}.footnotes+xml")),
        ];
        if has_comments {
            overrides.push(("/word/comments.xml", format!("{wml}.comments+xml")));
        }
        if has_header {
            overrides.push(("/word/header1.xml", format!("{wml}.header+xml")));
        }
        overrides.push((
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml".into(),
        ));
        overrides.push((
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".into(),
        ));
        for (part, kind) in overrides {
            types += &format!(r#"<Override PartName="{part}" ContentType="{kind}"/>"#);
        }
        types += "</Types>";
        add("[Content_Types].xml", types);

        add(
            "_rels/.rels",
            format!(
                concat!(
                    "{}",
                    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
                    r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#,
                    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
                    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
                    "</Relationships>"
                ),
                XML_DECL
            ),
        );
        add("docProps/core.xml", self.core_xml());
        add(
            "docProps/app.xml",
            format!(
                r#"{XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Template>Normal.dotm</Template><TotalTime>42</TotalTime><Application>boardpack test fixtures</Application><DocSecurity>0</DocSecurity><Company>Kestrel Valley Combined Authority</Company><AppVersion>16.0000</AppVersion></Properties>"#
            ),
        );

        let mut sect = String::from("<w:sectPr>");
        if has_header {
            sect += r#"<w:headerReference w:type="default" r:id="rId7"/>"#;
        }
        sect += r#"<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1247" w:bottom="1440" w:left="1247" w:header="709" w:footer="709" w:gutter="0"/><w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr>"#;
        add(
            "word/document.xml",
            format!(
                "{XML_DECL}<w:document {NS}><w:body>{}{sect}</w:body></w:document>",
                self.body
            ),
        );
        add("word/styles.xml", styles_xml());
        add("word/settings.xml", self.settings_xml());
        add("word/numbering.xml", self.numbering_xml());
        add(
            "word/footnotes.xml",
            format!(
                concat!(
                    "{}<w:footnotes {}>",
                    r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>"#,
                    r#"<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#,
                    "{}</w:footnotes>"
                ),
                XML_DECL,
                NS,
                self.footnotes.concat()
            ),
        );
        if has_comments {
            add(
                "word/comments.xml",
                format!(
                    "{XML_DECL}<w:comments {NS}>{}</w:comments>",
                    self.comments.concat()
                ),
            );
        }
        if has_header {
            let lines: String = self
                .header
                .iter()
                .map(|l| format!(r#"<w:p><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="right"/></w:pPr><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#, esc(l)))
                .collect();
            add(
                "word/header1.xml",
                format!("{XML_DECL}<w:hdr {NS}>{lines}</w:hdr>"),
            );
        }

        let mut rels = format!(
            r#"{XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        );
        let mut fixed = vec![
            ("rId1", "styles", "styles.xml"),
            ("rId2", "settings", "settings.xml"),
            ("rId3", "numbering", "numbering.xml"),
            ("rId4", "footnotes", "footnotes.xml"),
        ];
        if has_comments {
            fixed.push(("rId6", "comments", "comments.xml"));
        }
        if has_header {
            fixed.push(("rId7", "header", "header1.xml"));
        }
        for (id, kind, target) in fixed {
            rels += &format!(r#"<Relationship Id="{id}" Type="{REL}/{kind}" Target="{target}"/>"#);
        }
        for rel in &self.rels {
            let mode = if rel.external {
                r#" TargetMode="External""#
            } else {
                ""
            };
            rels += &format!(
                r#"<Relationship Id="{}" Type="{REL}/{}" Target="{}"{mode}/>"#,
                rel.id,
                rel.kind,
                esc(&rel.target)
            );
        }
        rels += "</Relationships>";
        add("word/_rels/document.xml.rels", rels);

        for (k, png) in self.media.iter().enumerate() {
            parts.push((format!("word/media/image{}.png", k + 1), png.clone()));
        }
        zip_stored(&parts)
    }

    fn core_xml(&self) -> String {
        format!(
            concat!(
                "{}",
                r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
                "<dc:title>{}</dc:title><dc:creator>Democratic Services</dc:creator><cp:lastModifiedBy>Democratic Services</cp:lastModifiedBy><cp:revision>4</cp:revision>",
                r#"<dcterms:created xsi:type="dcterms:W3CDTF">2027-02-15T09:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2027-02-26T14:30:00Z</dcterms:modified>"#,
                "</cp:coreProperties>"
            ),
            XML_DECL,
            esc(self.core_title.as_deref().unwrap_or(""))
        )
    }

    fn settings_xml(&self) -> String {
        let track = if self.track_revisions {
            "<w:trackRevisions/>"
        } else {
            ""
        };
        format!(
            concat!(
                "{}<w:settings {}>",
                r#"<w:zoom w:percent="100"/>{}<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>"#,
                r#"<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>"#,
                r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#,
                r#"<w:themeFontLang w:val="en-GB"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>"#
            ),
            XML_DECL, NS, track
        )
    }

    fn numbering_xml(&self) -> String {
        let mut xml = format!("{XML_DECL}<w:numbering {NS}>");
        for (k, list) in self.lists.iter().enumerate() {
            let kind = if list.scheme == Scheme::Bullets {
                "hybridMultilevel"
            } else {
                "multilevel"
            };
            xml += &format!(
                r#"<w:abstractNum w:abstractNumId="{k}"><w:multiLevelType w:val="{kind}"/>"#
            );
            for (l, lvl) in list.levels.iter().enumerate() {
                xml += &format!(
                    r#"<w:lvl w:ilvl="{l}"><w:start w:val="1"/><w:numFmt w:val="{}"/>"#,
                    lvl.fmt
                );
                if let Some(r) = lvl.restart {
                    xml += &format!(r#"<w:lvlRestart w:val="{r}"/>"#);
                }
                let indent = 567 * (l as u32 + 1);
                xml += &format!(
                    r#"<w:lvlText w:val="{}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{indent}" w:hanging="567"/></w:pPr>"#,
                    esc(&lvl.text)
                );
                if let Some(font) = lvl.font {
                    xml += &format!(
                        r#"<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr>"#
                    );
                }
                xml += "</w:lvl>";
            }
            xml += "</w:abstractNum>";
        }
        for k in 0..self.lists.len() {
            xml += &format!(
                r#"<w:num w:numId="{}"><w:abstractNumId w:val="{k}"/></w:num>"#,
                k + 1
            );
        }
        xml += "</w:numbering>";
        xml
    }
}

/// What a reader shows of `rich` once tracked changes are accepted: no deleted or moved-from text, no
/// footnote marks, no field codes.
pub fn visible_text(rich: &Rich) -> String {
    let mut s = String::new();
    for inline in &rich.0 {
        match inline {
            Inline::Text { text, .. }
            | Inline::Link { text, .. }
            | Inline::FieldLink { text, .. }
            | Inline::Inserted { text, .. }
            | Inline::MovedTo { text, .. }
            | Inline::Comment { anchor: text, .. } => s += text,
            Inline::Footnote(_)
            | Inline::Deleted { .. }
            | Inline::MovedFrom { .. }
            | Inline::Image(_)
            | Inline::Bookmark(_) => {}
        }
    }
    s
}

/// `word/styles.xml`: the report template's styles, with Word's own ids and (lower-case built-in) names.
fn styles_xml() -> String {
    struct S {
        kind: &'static str,
        id: &'static str,
        name: &'static str,
        ppr: &'static str,
        rpr: &'static str,
    }
    let styles = [
        S {
            kind: "paragraph",
            id: "Normal",
            name: "Normal",
            ppr: r#"<w:spacing w:after="120" w:line="264" w:lineRule="auto"/>"#,
            rpr: "",
        },
        S {
            kind: "paragraph",
            id: "Heading1",
            name: "heading 1",
            ppr: r#"<w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/>"#,
            rpr: r#"<w:b/><w:bCs/><w:sz w:val="32"/><w:szCs w:val="32"/>"#,
        },
        S {
            kind: "paragraph",
            id: "Heading2",
            name: "heading 2",
            ppr: r#"<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="1"/>"#,
            rpr: r#"<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/>"#,
        },
        S {
            kind: "paragraph",
            id: "Heading3",
            name: "heading 3",
            ppr: r#"<w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="2"/>"#,
            rpr: r#"<w:b/><w:bCs/><w:sz w:val="24"/><w:szCs w:val="24"/>"#,
        },
        S {
            kind: "paragraph",
            id: "Title",
            name: "Title",
            ppr: r#"<w:spacing w:after="240"/><w:contextualSpacing/>"#,
            rpr: r#"<w:b/><w:bCs/><w:kern w:val="28"/><w:sz w:val="40"/><w:szCs w:val="40"/>"#,
        },
        S {
            kind: "paragraph",
            id: "ListParagraph",
            name: "List Paragraph",
            ppr: r#"<w:ind w:left="720"/><w:contextualSpacing/>"#,
            rpr: "",
        },
        S {
            kind: "paragraph",
            id: "Caption",
            name: "caption",
            ppr: r#"<w:spacing w:after="200" w:line="240" w:lineRule="auto"/>"#,
            rpr: r#"<w:i/><w:iCs/><w:color w:val="44546A"/><w:sz w:val="18"/><w:szCs w:val="18"/>"#,
        },
        S {
            kind: "paragraph",
            id: "FootnoteText",
            name: "footnote text",
            ppr: r#"<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>"#,
            rpr: r#"<w:sz w:val="20"/><w:szCs w:val="20"/>"#,
        },
        S {
            kind: "paragraph",
            id: "CommentText",
            name: "annotation text",
            ppr: r#"<w:spacing w:line="240" w:lineRule="auto"/>"#,
            rpr: r#"<w:sz w:val="20"/><w:szCs w:val="20"/>"#,
        },
        S {
            kind: "paragraph",
            id: "Header",
            name: "header",
            ppr: r#"<w:tabs><w:tab w:val="center" w:pos="4513"/><w:tab w:val="right" w:pos="9026"/></w:tabs><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>"#,
            rpr: "",
        },
        S {
            kind: "character",
            id: "FootnoteReference",
            name: "footnote reference",
            ppr: "",
            rpr: r#"<w:vertAlign w:val="superscript"/>"#,
        },
        S {
            kind: "character",
            id: "CommentReference",
            name: "annotation reference",
            ppr: "",
            rpr: r#"<w:sz w:val="16"/><w:szCs w:val="16"/>"#,
        },
        S {
            kind: "character",
            id: "Hyperlink",
            name: "Hyperlink",
            ppr: "",
            rpr: r#"<w:color w:val="0563C1"/><w:u w:val="single"/>"#,
        },
    ];
    let mut xml = format!("{XML_DECL}<w:styles {NS}>");
    xml += concat!(
        r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:eastAsia="Calibri" w:hAnsi="Arial" w:cs="Arial"/>"#,
        r#"<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-GB" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>"#,
        r#"<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
        r#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#,
        r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
        r#"<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#,
        r#"<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>"#
    );
    for s in styles {
        let default = if s.id == "Normal" {
            r#" w:default="1""#
        } else {
            ""
        };
        xml += &format!(
            r#"<w:style w:type="{}"{default} w:styleId="{}"><w:name w:val="{}"/>"#,
            s.kind, s.id, s.name
        );
        if s.id != "Normal" {
            let base = if s.kind == "paragraph" {
                "Normal"
            } else {
                "DefaultParagraphFont"
            };
            xml += &format!(r#"<w:basedOn w:val="{base}"/>"#);
        }
        if s.id.starts_with("Heading") || s.id == "Title" {
            xml += r#"<w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>"#;
        }
        if !s.ppr.is_empty() {
            xml += &format!("<w:pPr>{}</w:pPr>", s.ppr);
        }
        if !s.rpr.is_empty() {
            xml += &format!("<w:rPr>{}</w:rPr>", s.rpr);
        }
        xml += "</w:style>";
    }
    xml += "</w:styles>";
    xml
}

/// A zip archive of `parts` in order, every entry stored (not compressed) with the DOS epoch as its
/// time and DOS as its host, so the bytes do not depend on the machine, the clock or a compressor.
fn zip_stored(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let options = SimpleFileOptions::DEFAULT
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::DEFAULT)
        .system(zip::System::Dos)
        .external_attributes(0);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), options).expect("zip entry");
        zip.write_all(bytes).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}
