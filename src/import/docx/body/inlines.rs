//! Inline content: runs and their formatting, hyperlinks, symbols, equations and note references.
//!
//! Apart from the blocks because a run's text depends on context the blocks do not have: the
//! hyperlink or field it sits in, whether it is hidden, and which `mc:AlternateContent` branch wins.

use super::super::styles::RunProps;
use super::super::xml::Element;
use super::fields::hyperlink_from_instruction;
use super::{Converter, Ctx, NoteStory, Para};
use crate::import::doc::{Footnote, Inline, Run};

impl Converter<'_, '_> {
    pub(super) fn inline_children(&mut self, parent: &Element, ctx: &Ctx, st: &mut Para) {
        for e in parent.elements() {
            self.inline(e, ctx, st);
        }
    }

    pub(super) fn inline(&mut self, e: &Element, ctx: &Ctx, st: &mut Para) {
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
    pub(super) fn alternate(
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

    pub(super) fn hyperlink_target(&self, e: &Element) -> Option<String> {
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
    pub(super) fn run_props(&self, rpr: Option<&Element>, ctx: &Ctx) -> RunProps {
        let char_style = rpr
            .and_then(|r| r.child_val("w:rStyle"))
            .map(|s| self.styles.run_props(s))
            .unwrap_or_default();
        RunProps::from_rpr(rpr)
            .or(char_style)
            .or(ctx.para)
            .or(self.styles.defaults())
    }

    pub(super) fn run(&mut self, r: &Element, ctx: &Ctx, st: &mut Para) {
        let props = self.run_props(r.child("w:rPr"), ctx);
        let mut hidden_text = false;
        for c in r.elements() {
            self.run_child(c, props, ctx, st, &mut hidden_text);
        }
        if hidden_text {
            self.counts.hidden += 1;
        }
    }

    pub(super) fn run_child(
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

    pub(super) fn push_text(&self, st: &mut Para, text: &str, props: RunProps, ctx: &Ctx) {
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

    /// Equations are kept as their plain text (OMML has no Markdown form), with a note.
    pub(super) fn equation(&mut self, e: &Element, ctx: &Ctx, st: &mut Para) {
        let mut texts = Vec::new();
        e.descendants("m:t", &[], &mut texts);
        let text: String = texts.iter().map(|t| t.own_text()).collect();
        if !text.is_empty() {
            self.counts.equations += 1;
            self.push_text(st, &text, RunProps::default(), ctx);
        }
    }

    pub(super) fn note_reference(&mut self, story: NoteStory, c: &Element, st: &mut Para) {
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

/// Adds inline content, merging text with the run before it when formatting and link agree.
pub(super) fn push_inline(inlines: &mut Vec<Inline>, inline: Inline) {
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

pub(super) fn push_item(st: &mut Para, inline: Inline) {
    st.emitted += 1;
    push_inline(&mut st.inlines, inline);
}
