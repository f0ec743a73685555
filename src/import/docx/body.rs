//! The body of a Word document (and of its footnotes) into [`Block`]s.
//!
//! Word keeps revision history, layout and alternatives for old readers in the same tree as the
//! text. The rules here pick what a reader of the paper saw: accepted insertions but not deletions,
//! a field's result but not its code, one branch of an `mc:AlternateContent`, and text boxes moved
//! next to the paragraph that anchors them.

use std::collections::{HashMap, HashSet, VecDeque};

use super::super::ReadError;
use super::super::doc::{
    Block, Cell, Footnote, Image, Inline, Note, NoteKind, Paragraph, Row, Run, Table,
};
use super::numbering::Numbering;
use super::package::{ImageBytes, Package, Rels};
use super::styles::{NumPr, RunProps, Styles, outline_to_heading};
use super::xml::{Element, on_off};

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

/// What the reader counts for the import report.
#[derive(Debug, Default)]
struct Counts {
    insertions: usize,
    deletions: usize,
    hidden: usize,
    text_boxes: usize,
    symbols: usize,
    drawings: usize,
    objects: usize,
    equations: usize,
    alt_chunks: usize,
    missing_images: usize,
}

/// A complex field (`w:fldChar` begin … separate … end) being read.
#[derive(Debug, Default)]
struct Field {
    instruction: String,
    /// Past `separate`: the runs are the field's result, which is what the reader saw.
    in_result: bool,
    link: Option<String>,
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

    // ---- blocks -------------------------------------------------------------------------------------

    /// The blocks of a container (body, cell, note, text box), with table captions attached.
    fn blocks(&mut self, parent: &Element, out: &mut Vec<Block>) {
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
    fn block_children(&mut self, parent: &Element, out: &mut Vec<Block>, carry: &mut Vec<Inline>) {
        for e in parent.elements() {
            self.block(e, out, carry);
        }
    }

    fn block(&mut self, e: &Element, out: &mut Vec<Block>, carry: &mut Vec<Inline>) {
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

    fn paragraph(&mut self, p: &Element, out: &mut Vec<Block>, carry: &mut Vec<Inline>) {
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

    fn table(&mut self, tbl: &Element) -> Table {
        let mut rows = Vec::new();
        self.rows(tbl, &mut rows);
        Table {
            rows,
            caption: None,
        }
    }

    fn rows(&mut self, parent: &Element, rows: &mut Vec<Row>) {
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
    fn row(&mut self, tr: &Element) -> Option<Row> {
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

    fn cells(&mut self, parent: &Element, cells: &mut Vec<Cell>) {
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

    fn cell(&mut self, tc: &Element) -> Cell {
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

    // ---- inlines ------------------------------------------------------------------------------------

    fn inline_children(&mut self, parent: &Element, ctx: &Ctx, st: &mut Para) {
        for e in parent.elements() {
            self.inline(e, ctx, st);
        }
    }

    fn inline(&mut self, e: &Element, ctx: &Ctx, st: &mut Para) {
        match e.name.as_str() {
            "w:r" => self.run(e, ctx, st),
            "w:hyperlink" => {
                let link = self.hyperlink_target(e).or_else(|| ctx.link.clone());
                self.inline_children(
                    e,
                    &Ctx {
                        link,
                        ..ctx.clone()
                    },
                    st,
                );
            }
            "w:fldSimple" => {
                let link = e
                    .attr("w:instr")
                    .and_then(hyperlink_from_instruction)
                    .or_else(|| ctx.link.clone());
                self.inline_children(
                    e,
                    &Ctx {
                        link,
                        ..ctx.clone()
                    },
                    st,
                );
            }
            "w:ins" | "w:moveTo" => {
                self.counts.insertions += 1;
                self.inline_children(e, ctx, st);
            }
            "w:del" | "w:moveFrom" => self.counts.deletions += 1,
            "w:smartTag" | "w:customXml" | "w:dir" | "w:bdo" => self.inline_children(e, ctx, st),
            "w:sdt" => {
                if let Some(content) = e.child("w:sdtContent") {
                    self.inline_children(content, ctx, st);
                }
            }
            "mc:AlternateContent" => self.alternate(e, st, |this, branch, st| {
                this.inline_children(branch, ctx, st)
            }),
            "m:oMath" | "m:oMathPara" => self.equation(e, ctx, st),
            _ => {}
        }
    }

    /// Word writes new features twice: `mc:Choice` for readers that know them, `mc:Fallback` for
    /// those that do not. Text boxes are in both, so reading both would repeat their text: the
    /// fallback is read only when the choice gave nothing.
    fn alternate(
        &mut self,
        e: &Element,
        st: &mut Para,
        mut read: impl FnMut(&mut Self, &Element, &mut Para),
    ) {
        let before = st.emitted;
        if let Some(choice) = e.child("mc:Choice") {
            read(self, choice, st);
        }
        if st.emitted == before
            && let Some(fallback) = e.child("mc:Fallback")
        {
            read(self, fallback, st);
        }
    }

    fn hyperlink_target(&self, e: &Element) -> Option<String> {
        let anchor = e.attr("w:anchor").filter(|a| !a.is_empty());
        let target = e
            .attr("r:id")
            .and_then(|id| self.rels.get(id))
            .map(|r| r.target.clone())
            .filter(|t| !t.is_empty());
        match (target, anchor) {
            (Some(t), Some(a)) => Some(format!("{t}#{a}")),
            (Some(t), None) => Some(t),
            (None, Some(a)) => Some(format!("#{a}")),
            (None, None) => None,
        }
    }

    /// The formatting of a run: its own properties, then its character style, then the paragraph
    /// style, then the document defaults; the first that says anything wins.
    fn run_props(&self, rpr: Option<&Element>, ctx: &Ctx) -> RunProps {
        let char_style = rpr
            .and_then(|r| r.child_val("w:rStyle"))
            .map(|s| self.styles.run_props(s))
            .unwrap_or_default();
        RunProps::from_rpr(rpr)
            .or(char_style)
            .or(ctx.para)
            .or(self.styles.defaults())
    }

    fn run(&mut self, r: &Element, ctx: &Ctx, st: &mut Para) {
        let props = self.run_props(r.child("w:rPr"), ctx);
        let mut hidden_text = false;
        for c in r.elements() {
            self.run_child(c, props, ctx, st, &mut hidden_text);
        }
        if hidden_text {
            self.counts.hidden += 1;
        }
    }

    fn run_child(
        &mut self,
        c: &Element,
        props: RunProps,
        ctx: &Ctx,
        st: &mut Para,
        hidden_text: &mut bool,
    ) {
        // Field characters count even in hidden runs, or the field nesting would go wrong.
        match c.name.as_str() {
            "w:fldChar" => return self.field_char(c),
            "w:instrText" => {
                if let Some(field) = self.fields.last_mut().filter(|f| !f.in_result) {
                    field.instruction.push_str(&c.own_text());
                }
                return;
            }
            _ => {}
        }
        if self.fields.iter().any(|f| !f.in_result) {
            return;
        }
        if props.hidden == Some(true) {
            if c.name == "w:t" && !c.own_text().is_empty() {
                *hidden_text = true;
            }
            return;
        }
        let text = |st: &mut Para, this: &Self, s: &str| this.push_text(st, s, props, ctx);
        match c.name.as_str() {
            "w:t" => text(st, self, &c.own_text()),
            "w:tab" | "w:ptab" => text(st, self, "\t"),
            "w:noBreakHyphen" => text(st, self, "-"),
            "w:br" if !matches!(c.attr("w:type"), Some("page" | "column")) => {
                push_item(st, Inline::LineBreak)
            }
            "w:cr" => push_item(st, Inline::LineBreak),
            "w:sym" => match symbol(c) {
                Some(ch) => text(st, self, ch.encode_utf8(&mut [0; 4])),
                None => self.counts.symbols += 1,
            },
            "w:footnoteReference" => self.note_reference(NoteStory::Footnote, c, st),
            "w:endnoteReference" => self.note_reference(NoteStory::Endnote, c, st),
            "w:drawing" => self.drawing(c, st),
            "w:pict" => self.vml(c, st),
            "w:object" => {
                self.counts.objects += 1;
                self.vml(c, st);
            }
            "w:ruby" => {
                if let Some(base) = c.child("w:rubyBase") {
                    self.inline_children(base, ctx, st);
                }
            }
            "mc:AlternateContent" => {
                self.alternate(c, st, |this, branch, st| {
                    for e in branch.elements() {
                        this.run_child(e, props, ctx, st, hidden_text);
                    }
                });
            }
            _ => {}
        }
    }

    fn push_text(&self, st: &mut Para, text: &str, props: RunProps, ctx: &Ctx) {
        if text.is_empty() {
            return;
        }
        let link = ctx
            .link
            .clone()
            .or_else(|| self.fields.iter().rev().find_map(|f| f.link.clone()));
        let run = Run {
            text: text.to_string(),
            bold: props.bold == Some(true),
            italic: props.italic == Some(true),
            link,
        };
        push_item(st, Inline::Text(run));
    }

    fn field_char(&mut self, c: &Element) {
        match c.attr("w:fldCharType") {
            Some("begin") => self.fields.push(Field::default()),
            Some("separate") => {
                if let Some(field) = self.fields.last_mut() {
                    field.in_result = true;
                    field.link = hyperlink_from_instruction(&field.instruction);
                }
            }
            Some("end") => {
                self.fields.pop();
            }
            _ => {}
        }
    }

    /// Equations are kept as their plain text (OMML has no Markdown form), with a note.
    fn equation(&mut self, e: &Element, ctx: &Ctx, st: &mut Para) {
        let mut texts = Vec::new();
        e.descendants("m:t", &[], &mut texts);
        let text: String = texts.iter().map(|t| t.own_text()).collect();
        if !text.is_empty() {
            self.counts.equations += 1;
            self.push_text(st, &text, RunProps::default(), ctx);
        }
    }

    fn note_reference(&mut self, story: NoteStory, c: &Element, st: &mut Para) {
        let Some(id) = c.attr("w:id") else { return };
        let part = match story {
            NoteStory::Footnote => self.footnotes.as_ref(),
            NoteStory::Endnote => self.endnotes.as_ref(),
        };
        if !part.is_some_and(|p| p.notes.contains_key(id)) {
            return;
        }
        let key = (story, id.to_string());
        let index = match self.note_index.get(&key) {
            Some(&i) => i,
            None => {
                let i = self.notes_out.len();
                self.notes_out.push(Footnote::default());
                self.note_index.insert(key, i);
                self.note_queue.push_back((story, id.to_string(), i));
                i
            }
        };
        push_item(st, Inline::FootnoteRef(index));
    }

    // ---- drawings, images and text boxes ------------------------------------------------------------

    /// A DrawingML drawing: pictures (`a:blip`) and text boxes (`w:txbxContent`), which may sit in
    /// groups; anything else (charts, diagrams, shapes) is left out with a note.
    fn drawing(&mut self, d: &Element, st: &mut Para) {
        let before = st.emitted;
        for frame in d
            .elements()
            .filter(|e| matches!(e.name.as_str(), "wp:inline" | "wp:anchor"))
        {
            let alt = frame.child("wp:docPr").map(alt_text).unwrap_or_default();
            let mut blips = Vec::new();
            frame.descendants("a:blip", &["w:txbxContent"], &mut blips);
            for blip in blips {
                match (blip.attr("r:embed"), blip.attr("r:link")) {
                    (Some(id), _) | (None, Some(id)) => self.image(id, &alt, st),
                    (None, None) => {}
                }
            }
            self.text_boxes(frame, st);
        }
        if st.emitted == before {
            self.counts.drawings += 1;
        }
    }

    /// A VML picture or object (`v:imagedata`), or a VML text box.
    fn vml(&mut self, e: &Element, st: &mut Para) {
        let mut data = Vec::new();
        e.descendants("v:imagedata", &["w:txbxContent"], &mut data);
        for d in data {
            if let Some(id) = d.attr("r:id").or(d.attr("o:relid")) {
                let alt = d.attr("o:title").unwrap_or_default().trim().to_string();
                self.image(id, &alt, st);
            }
        }
        self.text_boxes(e, st);
    }

    fn text_boxes(&mut self, e: &Element, st: &mut Para) {
        let mut boxes = Vec::new();
        e.descendants("w:txbxContent", &[], &mut boxes);
        for tb in boxes {
            // A text box is a story of its own: a field open in the body does not reach into it.
            let saved = std::mem::take(&mut self.fields);
            let mut blocks = Vec::new();
            self.blocks(tb, &mut blocks);
            self.fields = saved;
            if !blocks.is_empty() {
                self.counts.text_boxes += 1;
                st.boxes.append(&mut blocks);
                st.emitted += 1;
            }
        }
    }

    /// An image by relationship id: each media part becomes one [`Image`], however often it is used.
    fn image(&mut self, rel_id: &str, alt: &str, st: &mut Para) {
        let Some(rel) = self.rels.get(rel_id) else {
            self.counts.missing_images += 1;
            st.emitted += 1;
            return;
        };
        st.emitted += 1;
        if rel.external {
            self.report.push(Note {
                kind: NoteKind::Unsupported,
                message: format!(
                    "a linked image was left out: {} is outside the document",
                    rel.target
                ),
            });
            return;
        }
        let path = rel.target.clone();
        if let Some(&i) = self.image_index.get(&path) {
            if let Some(image) = self.images.get_mut(i).filter(|im| im.alt.is_empty()) {
                image.alt = alt.to_string();
            }
            push_item(st, Inline::Image(i));
            return;
        }
        if self.fatal.is_some() {
            return;
        }
        let name = self.unique_name(&path);
        match self.pkg.image(&path) {
            Ok(ImageBytes::Bytes(bytes)) => {
                let i = self.images.len();
                self.images.push(Image {
                    name,
                    bytes,
                    alt: alt.to_string(),
                });
                self.image_index.insert(path, i);
                push_item(st, Inline::Image(i));
            }
            Ok(ImageBytes::Missing) => self.counts.missing_images += 1,
            Ok(ImageBytes::TooLarge(limit)) => self.report.push(Note {
                kind: NoteKind::Other,
                message: format!(
                    "the image {name} is larger than boardpack reads ({}) and was left out",
                    crate::import::megabytes(limit)
                ),
            }),
            Ok(ImageBytes::Damaged(why)) => self.report.push(Note {
                kind: NoteKind::Other,
                message: format!("the image {name} is damaged and was left out ({why})"),
            }),
            Err(e) => self.fatal = Some(e),
        }
    }

    /// A file name for a media part: its own name, made safe and unique in the document.
    fn unique_name(&mut self, path: &str) -> String {
        let base = safe_file_name(path.rsplit('/').next().unwrap_or(path));
        let (stem, ext) = match base.rsplit_once('.') {
            Some((s, e)) if !s.is_empty() => (s.to_string(), format!(".{e}")),
            _ => (base.clone(), String::new()),
        };
        let mut name = base;
        let mut n = 2;
        while !self.image_names.insert(name.to_ascii_lowercase()) {
            name = format!("{stem}-{n}{ext}");
            n += 1;
        }
        name
    }

    // ---- report -------------------------------------------------------------------------------------

    fn finish_report(&mut self) {
        let c = &self.counts;
        let mut notes = Vec::new();
        if c.insertions + c.deletions > 0 {
            notes.push(Note {
                kind: NoteKind::TrackedChanges,
                message: format!(
                    "{} accepted and {} dropped",
                    counted(
                        c.insertions,
                        "tracked insertion was",
                        "tracked insertions were"
                    ),
                    counted(
                        c.deletions,
                        "tracked deletion was",
                        "tracked deletions were"
                    )
                ),
            });
        }
        let unsupported = [
            (
                c.hidden,
                "hidden text was left out in 1 place".to_string(),
                format!("hidden text was left out in {} places", c.hidden),
            ),
            (
                c.text_boxes,
                "a text box's text was moved into the body".into(),
                format!(
                    "the text of {} text boxes was moved into the body",
                    c.text_boxes
                ),
            ),
            (
                c.symbols,
                "a symbol-font character (such as a Wingdings tick) was left out".into(),
                format!(
                    "{} symbol-font characters (such as Wingdings ticks) were left out",
                    c.symbols
                ),
            ),
            (
                c.drawings,
                "a drawing (a chart, diagram or shape) was left out".into(),
                format!(
                    "{} drawings (charts, diagrams or shapes) were left out",
                    c.drawings
                ),
            ),
            (
                c.objects,
                "an embedded object was replaced by its picture".into(),
                format!(
                    "{} embedded objects were replaced by their pictures",
                    c.objects
                ),
            ),
            (
                c.equations,
                "an equation was written as plain text".into(),
                format!("{} equations were written as plain text", c.equations),
            ),
            (
                c.alt_chunks,
                "an embedded document (altChunk) was left out".into(),
                format!(
                    "{} embedded documents (altChunk) were left out",
                    c.alt_chunks
                ),
            ),
        ];
        for (n, one, many) in unsupported {
            if n > 0 {
                notes.push(Note {
                    kind: NoteKind::Unsupported,
                    message: if n == 1 { one } else { many },
                });
            }
        }
        if c.missing_images > 0 {
            notes.push(Note {
                kind: NoteKind::Other,
                message: counted(
                    c.missing_images,
                    "image is missing from the file and was left out",
                    "images are missing from the file and were left out",
                ),
            });
        }
        for image in &self.images {
            let lower = image.name.to_ascii_lowercase();
            if lower.ends_with(".emf") || lower.ends_with(".wmf") {
                notes.push(Note {
                    kind: NoteKind::Other,
                    message: format!(
                        "{} is a Windows metafile, which web browsers do not show",
                        image.name
                    ),
                });
            }
            if image.alt.trim().is_empty() {
                notes.push(Note {
                    kind: NoteKind::MissingAltText,
                    message: format!("the image {} has no alternative text", image.name),
                });
            }
        }
        self.report.append(&mut notes);
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

fn counted(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Alt text as Word's "Alt Text" pane writes it: the description, else the title.
fn alt_text(doc_pr: &Element) -> String {
    [doc_pr.attr("descr"), doc_pr.attr("title")]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|s| !s.is_empty())
        .unwrap_or_default()
        .to_string()
}

/// The character a `w:sym` stands for, or `None` for a symbol-font glyph (private-use code points
/// such as `F0B7`), which means nothing outside that font.
fn symbol(e: &Element) -> Option<char> {
    let code = u32::from_str_radix(e.attr("w:char")?.trim(), 16).ok()?;
    if (0xE000..=0xF8FF).contains(&code) {
        return None;
    }
    char::from_u32(code).filter(|c| !c.is_control())
}

/// Keeps letters, digits, `.`, `-` and `_`; never empty, never hidden (no leading dot).
fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let cleaned = cleaned.trim_start_matches('.').to_string();
    let cleaned: String = cleaned.chars().take(100).collect();
    if cleaned.is_empty() || cleaned.chars().all(|c| c == '_' || c == '.') {
        "image".to_string()
    } else {
        cleaned
    }
}

/// The link a field instruction makes: `HYPERLINK "url"`, `HYPERLINK \l "bookmark"`, or both.
pub(crate) fn hyperlink_from_instruction(instruction: &str) -> Option<String> {
    let tokens = field_tokens(instruction);
    let mut tokens = tokens.iter();
    if !tokens.next()?.eq_ignore_ascii_case("HYPERLINK") {
        return None;
    }
    let (mut url, mut anchor) = (None, None);
    while let Some(t) = tokens.next() {
        match t.as_str() {
            "\\l" => anchor = tokens.next().cloned(),
            "\\o" | "\\t" => {
                tokens.next();
            }
            s if s.starts_with('\\') => {}
            s if url.is_none() => url = Some(s.to_string()),
            _ => {}
        }
    }
    match (
        url.filter(|u| !u.is_empty()),
        anchor.filter(|a| !a.is_empty()),
    ) {
        (Some(u), Some(a)) => Some(format!("{u}#{a}")),
        (Some(u), None) => Some(u),
        (None, Some(a)) => Some(format!("#{a}")),
        (None, None) => None,
    }
}

/// Splits a field instruction into words, a quoted string being one word.
fn field_tokens(instruction: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut chars = instruction.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '"' {
            chars.next();
            let mut s = String::new();
            for c in chars.by_ref() {
                if c == '"' {
                    break;
                }
                s.push(c);
            }
            tokens.push(s);
        } else {
            let mut s = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '"' {
                    break;
                }
                s.push(c);
                chars.next();
            }
            tokens.push(s);
        }
    }
    tokens
}

/// Adds inline content, merging text with the run before it when formatting and link agree.
fn push_inline(inlines: &mut Vec<Inline>, inline: Inline) {
    if let (Some(Inline::Text(last)), Inline::Text(run)) = (inlines.last_mut(), &inline)
        && last.bold == run.bold
        && last.italic == run.italic
        && last.link == run.link
    {
        last.text.push_str(&run.text);
        return;
    }
    inlines.push(inline);
}

fn push_item(st: &mut Para, inline: Inline) {
    st.emitted += 1;
    push_inline(&mut st.inlines, inline);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_instructions() {
        assert_eq!(
            hyperlink_from_instruction(r#" HYPERLINK "https://example.org/a b" \o "tip" "#)
                .as_deref(),
            Some("https://example.org/a b")
        );
        assert_eq!(
            hyperlink_from_instruction(r#"HYPERLINK \l "_Toc1""#).as_deref(),
            Some("#_Toc1")
        );
        assert_eq!(
            hyperlink_from_instruction("HYPERLINK http://x.org").as_deref(),
            Some("http://x.org")
        );
        assert_eq!(hyperlink_from_instruction(r#"PAGEREF _Toc1 \h"#), None);
        assert_eq!(hyperlink_from_instruction(""), None);
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(safe_file_name("image1.png"), "image1.png");
        assert_eq!(safe_file_name("../..evil name.png"), "_..evil_name.png");
        assert_eq!(safe_file_name(".."), "image");
        assert_eq!(safe_file_name("é.png"), "_.png");
    }
}
