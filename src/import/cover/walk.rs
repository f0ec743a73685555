//! The walk over the cover region's lines: a small state machine.
//!
//! Each line is a label, a value of the field last labelled, metadata before the first label, or the
//! start of the body. Apart from [`super::extract`] so the rules for where a value ends (a contact
//! value must look like one; a heading ends a summary) read in one place.

use super::super::doc::{Block, Inline, Paragraph, Run};
use super::super::numbers;
use super::lines::Line;
use super::metadata::{
    item_number, looks_like_meeting, normalise_text, parse_date, strip_report_of, yes_no,
};
use super::{Cover, Field, Hints, label_at_start};

/// The walk over the cover region's lines.
pub(super) struct State<'a> {
    pub(super) cover: &'a mut Cover,
    pub(super) field: Option<Field>,
    pub(super) seen_label: bool,
    pub(super) body_from: Option<usize>,
    pub(super) hints: &'a Hints,
}

impl State<'_> {
    /// Takes one line; true when the body starts at it.
    pub(super) fn step(
        &mut self,
        line: &Line,
        next: Option<&Line>,
        after_next: Option<&Line>,
    ) -> bool {
        let text = line.paragraph.text();
        let plain = text.trim();
        if plain.is_empty() && line.cells.is_none() {
            return false;
        }
        if let Some((field, consumed)) = label_at_start(&text)
            .filter(|_| line.paragraph.list.is_none() || self.field != Some(Field::Recommendations))
        {
            self.label(field, consumed, line);
            return false;
        }
        if line.cover_row {
            // A row of the cover table with a label boardpack has no key for ("Portfolio: …"): kept,
            // as "Label: value", at the start of the body.
            self.keep_row(line);
            return false;
        }
        if !self.seen_label {
            return self.before_labels(line, &text);
        }
        let is_heading = line.paragraph.heading.is_some();
        let numbered = line
            .paragraph
            .list
            .as_ref()
            .is_some_and(|m| numbers::decimal_parts(&m.label).is_some());
        match self.field {
            Some(f) if f.is_contact() => {
                if self.contact_value_fits(f, plain, next, after_next)
                    && self.contact_field(f).is_none()
                    && !is_heading
                {
                    self.set_contact(f, plain.to_string());
                    return false;
                }
                true
            }
            Some(f) if f.is_one_line() => {
                if !is_heading
                    && !numbered
                    && plain.chars().count() <= 80
                    && !self.one_line_given(f)
                {
                    self.value(f, line.paragraph.clone());
                    return false;
                }
                true
            }
            Some(Field::BackgroundPapers) => {
                if is_heading || numbered || line.cells.is_some() {
                    return true;
                }
                self.value(Field::BackgroundPapers, line.paragraph.clone());
                false
            }
            Some(Field::Recommendations) => {
                if is_heading || line.cells.is_some() {
                    return true;
                }
                self.cover.recommendations.push(line.paragraph.clone());
                false
            }
            Some(Field::Purpose | Field::Summary | Field::Action) => {
                if is_heading || numbered || line.cells.is_some() {
                    return true;
                }
                let target = self.value_list(self.field);
                if let Some(list) = target {
                    list.push(line.paragraph.clone());
                }
                false
            }
            _ => true,
        }
    }

    /// A labelled line: its value on the same line, or in the table row's value cell.
    fn label(&mut self, field: Field, consumed: usize, line: &Line) {
        let text = line.paragraph.text();
        let label_text: String = text.chars().take(consumed).collect();
        self.cover.dropped.push(label_text.trim().to_string());
        if !matches!(
            field,
            Field::Meeting | Field::Date | Field::Item | Field::Title | Field::ReportOf
        ) {
            self.seen_label = true;
            self.cover.labels.push(field.name());
        }
        self.field = Some(field);
        let mut value = line.paragraph.clone();
        value.heading = None;
        remove_chars(&mut value.inlines, consumed);
        let mut values: Vec<Paragraph> = Vec::new();
        if !value.text().trim().is_empty() {
            values.push(value);
        }
        if let Some(cells) = &line.cells {
            values.extend(
                cells
                    .iter()
                    .filter(|p| !p.text().trim().is_empty())
                    .cloned(),
            );
        }
        for v in values {
            self.value(field, v);
        }
    }

    fn value(&mut self, field: Field, p: Paragraph) {
        let text = p.text().trim().to_string();
        match field {
            // Said by the paper's `meeting`, `date` and `item`: structure, like their labels.
            Field::Meeting => {
                self.cover.dropped.push(text.clone());
                self.cover.meeting = Some(text);
            }
            Field::Date => {
                if let Some(d) = parse_date(&text) {
                    self.cover.dropped.push(text.clone());
                    self.cover.date = Some((text, d));
                } else {
                    self.cover.body.push(Block::Paragraph(p));
                }
            }
            Field::Item => {
                self.cover.dropped.push(text.clone());
                self.cover.item = item_number(&text).or(Some(text));
            }
            Field::Title => self.cover.title = Some(text),
            Field::ReportOf => self.cover.report_of = Some(text),
            Field::ContactSection => {
                // "Contact: Kwame Asante" names the officer.
                self.cover.contact.name.get_or_insert(text);
                self.field = Some(Field::ContactName);
            }
            f if f.is_contact() => {
                if self.contact_field(f).is_none() {
                    self.set_contact(f, text);
                } else {
                    self.cover.body.push(Block::Paragraph(p));
                }
            }
            Field::Wards => self.cover.wards = Some(text),
            Field::DecisionMaker => self.cover.decision_maker = Some(text),
            Field::KeyDecision => {
                let answer = yes_no(&text);
                self.cover.key_decision = answer;
                if answer.is_some() && text.split_whitespace().count() == 1 {
                    self.cover.dropped.push(text);
                } else {
                    // "Yes – it affects two wards": the reason is the author's, kept in the body.
                    self.cover.body.push(Block::Paragraph(p));
                }
            }
            Field::BackgroundPapers => {
                let none = matches!(
                    normalise_text(&text).trim_end_matches('.'),
                    "none" | "n/a" | "nil" | "no" | "none."
                );
                let papers = self.cover.background_papers.get_or_insert_with(Vec::new);
                if none {
                    self.cover.dropped.push(text);
                } else {
                    papers.push(p);
                }
            }
            Field::Exempt => {
                if yes_no(&text) == Some(false)
                    || matches!(
                        normalise_text(&text).as_str(),
                        "open" | "public" | "not exempt" | "none" | "n/a" | "open report"
                    )
                {
                    self.cover.dropped.push(text);
                } else {
                    self.cover.exempt = Some(text);
                    self.cover.body.push(Block::Paragraph(p));
                }
            }
            f => {
                if let Some(list) = self.value_list(Some(f)) {
                    list.push(p);
                }
            }
        }
    }

    /// Whether a one-line field already has its value (so the next line is not it).
    fn one_line_given(&self, f: Field) -> bool {
        match f {
            Field::Wards => self.cover.wards.is_some(),
            Field::KeyDecision => self.cover.key_decision.is_some(),
            Field::DecisionMaker => self.cover.decision_maker.is_some(),
            Field::Exempt => {
                self.cover.exempt.is_some()
                    || self
                        .cover
                        .dropped
                        .last()
                        .is_some_and(|d| yes_no(d).is_some())
            }
            _ => false,
        }
    }

    /// An unrecognised row of the cover table, kept in the body as "Label: value".
    fn keep_row(&mut self, line: &Line) {
        let mut p = line.paragraph.clone();
        p.heading = None;
        let values: Vec<Paragraph> = line
            .cells
            .iter()
            .flatten()
            .filter(|v| !v.text().trim().is_empty())
            .cloned()
            .collect();
        if !values.is_empty() {
            if !p.text().trim_end().ends_with(':') {
                p.inlines.push(Inline::Text(Run::plain(":")));
            }
            for v in values {
                p.inlines.push(Inline::Text(Run::plain(" ")));
                p.inlines.extend(v.inlines);
            }
        }
        if !p.text().trim().is_empty() {
            self.cover.body.push(Block::Paragraph(p));
        }
    }

    fn value_list(&mut self, field: Option<Field>) -> Option<&mut Vec<Paragraph>> {
        match field? {
            Field::Purpose => Some(&mut self.cover.purpose),
            Field::Summary => Some(&mut self.cover.summary),
            Field::Recommendations => Some(&mut self.cover.recommendations),
            Field::Action => Some(&mut self.cover.action),
            _ => None,
        }
    }

    fn contact_field(&self, f: Field) -> Option<&String> {
        let c = &self.cover.contact;
        match f {
            Field::ContactName => c.name.as_ref(),
            Field::Position => c.position.as_ref(),
            Field::Phone => c.phone.as_ref(),
            Field::Email => c.email.as_ref(),
            _ => None,
        }
    }

    fn set_contact(&mut self, f: Field, value: String) {
        let value = value.trim().trim_start_matches("mailto:").to_string();
        let c = &mut self.cover.contact;
        match f {
            Field::ContactName => c.name = Some(value),
            Field::Position => c.position = Some(value),
            Field::Phone => c.phone = Some(value),
            Field::Email => c.email = Some(value),
            _ => {}
        }
    }

    /// A contact value on the line after its label: only when it looks like one, so an empty block
    /// ("Email:" then the report's first heading) takes nothing.
    fn contact_value_fits(
        &self,
        f: Field,
        text: &str,
        next: Option<&Line>,
        after_next: Option<&Line>,
    ) -> bool {
        if text.chars().count() > 80 || self.is_title(text) {
            return false;
        }
        match f {
            Field::Email => text.contains('@') && !text.contains(' '),
            Field::Phone => {
                let digits = text.chars().filter(char::is_ascii_digit).count();
                digits >= 5
                    && text
                        .chars()
                        .all(|c| c.is_ascii_digit() || " +()-.ext".contains(c))
            }
            _ => {
                let labelled = |l: Option<&Line>| {
                    l.is_some_and(|l| {
                        label_at_start(&l.paragraph.text()).is_some_and(|(f, _)| f.is_contact())
                    })
                };
                labelled(next)
                    || next.is_none()
                    || (next.is_some_and(|n| n.paragraph.text().trim().is_empty())
                        && labelled(after_next))
            }
        }
    }

    fn is_title(&self, text: &str) -> bool {
        self.cover
            .title
            .as_deref()
            .is_some_and(|t| normalise_text(t) == normalise_text(text))
    }

    /// Before the first label: metadata lines and the title. True when the body starts here (a
    /// numbered paragraph or a heading after the title: a report with no cover block).
    fn before_labels(&mut self, line: &Line, text: &str) -> bool {
        let plain = text.trim();
        let numbered = line.paragraph.list.as_ref().is_some_and(|m| !m.bullet);
        if numbered || line.cells.is_some() {
            return true;
        }
        if let Some(n) = item_number(plain) {
            self.cover.item = Some(n);
            self.cover.dropped.push(plain.to_string());
            return false;
        }
        if let Some(d) = parse_date(plain) {
            self.cover.date = Some((plain.to_string(), d));
            self.cover.dropped.push(plain.to_string());
            return false;
        }
        if let Some(rest) = strip_report_of(plain) {
            self.cover.report_of = Some(rest.to_string());
            self.cover
                .dropped
                .push(plain[..plain.len() - rest.len()].trim().to_string());
            return false;
        }
        if self.cover.title.is_none()
            && self.cover.meeting.is_none()
            && looks_like_meeting(plain, self.hints)
        {
            self.cover.meeting = Some(plain.to_string());
            self.cover.dropped.push(plain.to_string());
            return false;
        }
        if self.cover.title.is_none() && plain.chars().count() <= 200 {
            self.cover.title = Some(plain.trim_end_matches('.').to_string());
            return false;
        }
        if line.paragraph.heading.is_some() && self.cover.title.is_some() {
            return true;
        }
        // Neither: kept, at the start of the body.
        if self.cover.body.len() > 6 {
            return true;
        }
        self.cover
            .body
            .push(Block::Paragraph(line.paragraph.clone()));
        false
    }
}

/// Removes the first `count` characters of the inlines' text (a label before its value).
fn remove_chars(inlines: &mut Vec<Inline>, mut count: usize) {
    while count > 0 && !inlines.is_empty() {
        match &mut inlines[0] {
            Inline::Text(run) => {
                let chars = run.text.chars().count();
                if chars <= count {
                    count -= chars;
                    inlines.remove(0);
                } else {
                    let cut = run
                        .text
                        .char_indices()
                        .nth(count)
                        .map_or(run.text.len(), |(at, _)| at);
                    run.text.drain(..cut);
                    count = 0;
                }
            }
            _ => {
                inlines.remove(0);
                count = count.saturating_sub(1);
            }
        }
    }
    // What is left starts with the value: no separator in front.
    if let Some(Inline::Text(run)) = inlines.first_mut() {
        let t = run
            .text
            .trim_start_matches([':', '\t', ' ', '\u{a0}'])
            .to_string();
        run.text = t;
    }
}
