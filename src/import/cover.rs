//! The report template's cover block, taken into front matter.
//!
//! Council report templates open with the same few things, laid out a dozen ways: the meeting name and
//! date, "Item N", "Report of …", the title, then labelled fields (Purpose, Summary, Recommendation(s),
//! Action, Contact officer, Position, Phone no, E-mail) written as table rows, as `Label:\tvalue` lines,
//! as headings with paragraphs under them, or with labels left empty. This module reads every one of
//! those forms as a sequence of *lines* (a paragraph, a line of a paragraph, a table row) and walks
//! them with a small state machine. What it takes as structure (labels, running headers, metadata
//! lines) it records in [`Cover::dropped`], so the fidelity check can tell structure from lost text.

use super::doc::{Block, Document, Inline, Paragraph, Run};
use super::numbers;

/// Hints the importer knows from the command line and the site.
#[derive(Debug, Clone, Default)]
pub struct Hints {
    /// The board's title (`Transport and Infrastructure Board`), to recognise the meeting-name line and
    /// running headers.
    pub board_title: Option<String>,
}

/// What the cover block said, and the body after it.
#[derive(Debug, Clone, Default)]
pub struct Cover {
    pub title: Option<String>,
    /// "Report of the Director of Transport" (the line as written, without "Report of").
    pub report_of: Option<String>,
    /// The item number as written ("4", "4a").
    pub item: Option<String>,
    /// The meeting-name line, as written.
    pub meeting: Option<String>,
    /// The date line, as written, and the date it says.
    pub date: Option<(String, jiff::civil::Date)>,
    pub purpose: Vec<Paragraph>,
    pub summary: Vec<Paragraph>,
    /// One paragraph each.
    pub recommendations: Vec<Paragraph>,
    pub action: Vec<Paragraph>,
    pub contact: ContactFields,
    /// "Wards affected: …", as written.
    pub wards: Option<String>,
    /// "Key decision: Yes/No".
    pub key_decision: Option<bool>,
    pub decision_maker: Option<String>,
    /// "Background papers": `Some(empty)` for "None".
    pub background_papers: Option<Vec<Paragraph>>,
    /// What an "Exempt" / "Confidential" line says when it is not a plain "No": the paper may be exempt.
    pub exempt: Option<String>,
    /// Labels found, in order, for the report ("Purpose", "Contact officer"…).
    pub labels: Vec<&'static str>,
    /// Text taken as structure rather than content: labels, running headers, the repeated title.
    pub dropped: Vec<String>,
    /// Running headers dropped: (text, how many times).
    pub running_headers: Vec<(String, usize)>,
    /// Lines before the cover block that were neither metadata nor the title, kept at the body's start.
    pub unplaced: usize,
    /// The body, in order, without the cover block.
    pub body: Vec<Block>,
}

/// The contact officer, as plain text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactFields {
    pub name: Option<String>,
    pub position: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// A cover-block field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Purpose,
    Summary,
    Recommendations,
    Action,
    ContactSection,
    ContactName,
    Position,
    Phone,
    Email,
    Meeting,
    Date,
    Item,
    Title,
    ReportOf,
    Wards,
    KeyDecision,
    DecisionMaker,
    BackgroundPapers,
    Exempt,
}

impl Field {
    fn name(self) -> &'static str {
        match self {
            Field::Purpose => "Purpose",
            Field::Summary => "Summary",
            Field::Recommendations => "Recommendations",
            Field::Action => "Action",
            Field::ContactSection => "Contact details",
            Field::ContactName => "Contact officer",
            Field::Position => "Position",
            Field::Phone => "Phone",
            Field::Email => "Email",
            Field::Meeting => "Meeting",
            Field::Date => "Date",
            Field::Item => "Item",
            Field::Title => "Title",
            Field::ReportOf => "Report of",
            Field::Wards => "Wards affected",
            Field::KeyDecision => "Key decision",
            Field::DecisionMaker => "Decision maker",
            Field::BackgroundPapers => "Background papers",
            Field::Exempt => "Exempt",
        }
    }

    fn is_contact(self) -> bool {
        matches!(
            self,
            Field::ContactName | Field::Position | Field::Phone | Field::Email
        )
    }

    /// Fields whose value is one short line (on the label's line, in its cell, or the line after).
    fn is_one_line(self) -> bool {
        self.is_contact()
            || matches!(
                self,
                Field::Wards | Field::KeyDecision | Field::DecisionMaker | Field::Exempt
            )
    }
}

/// The label a normalised label text names.
fn field_of(label: &str) -> Option<Field> {
    Some(match label {
        "purpose"
        | "purpose of report"
        | "purpose of the report"
        | "reason for report"
        | "reasons for report" => Field::Purpose,
        "summary"
        | "executive summary"
        | "summary of report"
        | "report summary"
        | "summary of the report" => Field::Summary,
        "recommendation" | "recommendations" | "recommendations for decision" | "recommended" => {
            Field::Recommendations
        }
        "action" | "actions" | "action required" | "actions required" | "next steps" => {
            Field::Action
        }
        "contact details"
        | "contact information"
        | "contact"
        | "contact officer details"
        | "contacts" => Field::ContactSection,
        "contact officer"
        | "contact officers"
        | "contact name"
        | "contact officer name"
        | "report author"
        | "author"
        | "lead officer"
        | "officer" => Field::ContactName,
        "position" | "job title" | "designation" | "role" => Field::Position,
        "phone" | "phone no" | "phone number" | "telephone" | "telephone no"
        | "telephone number" | "tel" | "tel no" | "mobile" | "direct line" => Field::Phone,
        "email" | "e-mail" | "email address" | "e-mail address" | "mail" => Field::Email,
        "meeting" | "committee" | "board" | "meeting of" | "meeting name" | "report to"
        | "name of meeting" => Field::Meeting,
        "date" | "meeting date" | "date of meeting" => Field::Date,
        "item" | "agenda item" | "item no" | "item number" | "agenda item no" => Field::Item,
        "title" | "report title" | "subject" => Field::Title,
        "report of" | "report by" | "report from" | "report authors" => Field::ReportOf,
        "wards"
        | "wards affected"
        | "ward"
        | "ward affected"
        | "electoral divisions affected"
        | "areas affected"
        | "area affected" => Field::Wards,
        "key decision" | "is this a key decision" | "key decision?" => Field::KeyDecision,
        "decision maker" | "decision-maker" | "decision taker" | "decision to be taken by" => {
            Field::DecisionMaker
        }
        "background papers" | "background documents" | "list of background papers" => {
            Field::BackgroundPapers
        }
        "exempt"
        | "exempt information"
        | "confidential"
        | "confidential or exempt"
        | "exempt or confidential"
        | "is the report confidential"
        | "open or exempt"
        | "part ii"
        | "exemption" => Field::Exempt,
        _ => return None,
    })
}

/// Lower case, single spaces, without `(s)`, `/s`, a trailing colon or full stop: the forms authors
/// write a label in.
fn normalise_label(text: &str) -> String {
    let lower = text
        .to_lowercase()
        .replace("(s)", "s")
        .replace("/s", "s")
        .replace('’', "'");
    let words: Vec<&str> = lower.split_whitespace().collect();
    let joined = words.join(" ");
    let trimmed = joined
        .trim_end_matches([':', '.', ' ', '-', '–', '?'])
        .trim_start_matches(['*', '#', ' ']);
    // "Recommendationss" from "Recommendation(s)s"-style doubled endings.
    trimmed
        .replace("recommendationss", "recommendations")
        .replace("actionss", "actions")
}

/// A label at the start of a line: the field, the label's length in characters, and whether it stood
/// alone (no value after it on the line).
fn label_at_start(text: &str) -> Option<(Field, usize)> {
    let trimmed = text.trim_start();
    let lead = text.chars().count() - trimmed.chars().count();
    // The whole line is a label ("Purpose", "Purpose of report", "Contact officer:").
    if let Some(f) = field_of(&normalise_label(trimmed)) {
        if trimmed.chars().count() <= 40 {
            return Some((f, text.chars().count()));
        }
    }
    // A label then a colon or a tab, then the value.
    let cut = trimmed.find([':', '\t'])?;
    let (head, _) = trimmed.split_at(cut);
    if head.chars().count() > 40 {
        return None;
    }
    let f = field_of(&normalise_label(head))?;
    let after = &trimmed[cut..];
    let sep = after.len() - after.trim_start_matches([':', '\t', ' ', '\u{a0}']).len();
    Some((
        f,
        lead + head.chars().count() + after[..sep].chars().count(),
    ))
}

/// One line of the cover region: its paragraph, where it came from, and a label if it starts with one.
#[derive(Debug, Clone)]
struct Line {
    paragraph: Paragraph,
    /// Index of the top-level block it came from.
    block: usize,
    /// The value cell when the line is a table row (label | value).
    cells: Option<Vec<Paragraph>>,
    /// A row of a cover-block table (most of whose rows are labels), not a table of the body.
    cover_row: bool,
}

/// Reads the cover block of `doc` (after [`numbers::find_typed`]).
pub fn extract(doc: &Document, hints: &Hints) -> Cover {
    let mut cover = Cover::default();
    let mut blocks = doc.blocks.clone();
    drop_running_headers(&mut blocks, hints, &mut cover);

    let lines = cover_lines(&blocks);
    let mut state = State {
        cover: &mut cover,
        field: None,
        seen_label: false,
        body_from: None,
        hints,
    };
    for (i, line) in lines.iter().enumerate() {
        if state.step(line, lines.get(i + 1), lines.get(i + 2)) {
            state.body_from = Some(line.block);
            break;
        }
    }
    // A cover block that runs to the end of the document has no body; no labels at all, no cover block.
    let body_from = state
        .body_from
        .unwrap_or(if state.seen_label { blocks.len() } else { 0 });
    finish_recommendations(&mut cover);
    if cover.title.is_none() {
        cover.title = doc.title.clone();
    }

    // Lines that were neither metadata nor labelled values stay, at the start of the body.
    let mut body: Vec<Block> = Vec::new();
    let mut unplaced = std::mem::take(&mut cover.body);
    cover.unplaced = unplaced.len();
    body.append(&mut unplaced);
    let title_norm = cover.title.as_deref().map(normalise_text);
    let mut rest = blocks.into_iter().skip(body_from).peekable();
    // The title repeated at the top of the body ("Post-Election Priorities" again after the cover block).
    while let Some(Block::Paragraph(p)) = rest.peek() {
        let t = normalise_text(&p.text());
        let only_text = p
            .inlines
            .iter()
            .all(|i| matches!(i, Inline::Text(_) | Inline::LineBreak));
        if only_text && (t.is_empty() || title_norm.as_deref() == Some(t.as_str())) {
            if !t.is_empty() {
                cover.dropped.push(p.text());
            }
            rest.next();
        } else {
            break;
        }
    }
    body.extend(rest);
    cover.body = body;
    cover
}

/// The walk over the cover region's lines.
struct State<'a> {
    cover: &'a mut Cover,
    field: Option<Field>,
    seen_label: bool,
    body_from: Option<usize>,
    hints: &'a Hints,
}

impl State<'_> {
    /// Takes one line; true when the body starts at it.
    fn step(&mut self, line: &Line, next: Option<&Line>, after_next: Option<&Line>) -> bool {
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

/// The line that starts a second report in the body, if the file holds more than one (an agenda pack
/// saved as one text file): a later paragraph that is a Purpose or Summary label followed, within a few
/// lines, by a Recommendation label.
pub fn second_report(body: &[Block]) -> Option<String> {
    let labels: Vec<(usize, Field)> = body
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::Paragraph(p) => label_at_start(&p.text()).map(|(f, _)| (i, f)),
            Block::Table(_) => None,
        })
        .collect();
    labels.iter().find_map(|&(i, f)| {
        let opens = matches!(f, Field::Purpose | Field::Summary);
        let closes = labels
            .iter()
            .any(|&(j, g)| j > i && j <= i + 12 && g == Field::Recommendations);
        (opens && closes).then(|| {
            // The report's title is the last heading before its cover block.
            body[..i]
                .iter()
                .rev()
                .find_map(|b| {
                    if let Block::Paragraph(p) = b {
                        p.heading.map(|_| p.text())
                    } else {
                        None
                    }
                })
                .unwrap_or_else(|| Document::plain_text(&body[i..=i]))
        })
    })
}

/// "Yes", "No", "Yes – because…" → the answer.
fn yes_no(text: &str) -> Option<bool> {
    let first = normalise_text(text);
    let first = first
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    match first {
        "yes" | "y" => Some(true),
        "no" | "n" => Some(false),
        _ => None,
    }
}

/// "Report of the Director of Transport" → "the Director of Transport".
fn strip_report_of(text: &str) -> Option<&str> {
    let lower = text.to_lowercase();
    for prefix in ["report of ", "report by ", "report from "] {
        if lower.starts_with(prefix)
            && text.len() > prefix.len()
            && text.is_char_boundary(prefix.len())
        {
            return Some(text[prefix.len()..].trim());
        }
    }
    None
}

/// The meeting-name line: the board's own title, or a short line naming a board or committee.
fn looks_like_meeting(text: &str, hints: &Hints) -> bool {
    let norm = normalise_text(text);
    if hints
        .board_title
        .as_deref()
        .is_some_and(|b| normalise_text(b) == norm)
    {
        return true;
    }
    let last = norm.rsplit(' ').next().unwrap_or("");
    norm.split(' ').count() <= 10
        && [
            "board",
            "committee",
            "cabinet",
            "council",
            "panel",
            "forum",
            "authority",
            "commission",
        ]
        .contains(&last)
}

/// "Item 4", "Agenda item 4a", "Item No. 12", "Item: 4" → the number.
pub fn item_number(text: &str) -> Option<String> {
    let lower = text.trim().to_lowercase();
    let rest = lower.strip_prefix("agenda ").unwrap_or(&lower);
    let rest = rest.strip_prefix("item")?;
    let rest = rest.trim_start_matches([' ', ':', '\t']);
    let rest = rest
        .strip_prefix("no.")
        .or_else(|| rest.strip_prefix("no"))
        .or_else(|| rest.strip_prefix("number"))
        .unwrap_or(rest);
    let rest = rest
        .trim_start_matches([' ', ':', '\t', '.'])
        .trim_end_matches('.');
    let n: crate::content::model::ItemNo = rest.parse().ok()?;
    Some(n.to_string())
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A date line: "10 March 2027", "Tuesday 10th March 2027", "March 10, 2027", "10/03/2027", "2027-03-10",
/// "Date: 10 March 2027" is handled by its label.
pub fn parse_date(text: &str) -> Option<jiff::civil::Date> {
    let lower = text.trim().to_lowercase().replace(',', " ");
    if lower.len() > 40 {
        return None;
    }
    if let Ok(d) = lower.trim().parse::<jiff::civil::Date>() {
        return Some(d);
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    let days = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let words: Vec<&str> = words.into_iter().filter(|w| !days.contains(w)).collect();
    let number = |w: &str| -> Option<i16> {
        w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse()
            .ok()
    };
    let month = |w: &str| {
        MONTHS
            .iter()
            .position(|m| *m == w || (w.len() >= 3 && m.starts_with(w)))
            .map(|i| i as i8 + 1)
    };
    let (day, mon, year) = match words.as_slice() {
        [d, m, y] if month(m).is_some() => (number(d)?, month(m)?, y.parse::<i16>().ok()?),
        [m, d, y] if month(m).is_some() => (number(d)?, month(m)?, y.parse::<i16>().ok()?),
        [one] if one.split('/').count() == 3 => {
            let parts: Vec<&str> = one.split('/').collect();
            (
                parts[0].parse().ok()?,
                parts[1].parse().ok()?,
                parts[2].parse().ok()?,
            )
        }
        _ => return None,
    };
    if !(1900..=2200).contains(&year) {
        return None;
    }
    jiff::civil::Date::new(year, mon, i8::try_from(day).ok()?).ok()
}

/// Lower case and single spaces, quotes and dashes made plain: for comparing lines.
pub fn normalise_text(text: &str) -> String {
    let mapped: String = text
        .chars()
        .map(|c| match c {
            '‘' | '’' | '`' => '\'',
            '“' | '”' => '"',
            '–' | '—' => '-',
            '\u{a0}' | '\t' => ' ',
            c => c,
        })
        .collect();
    mapped
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The cover region as lines: paragraphs (split at line breaks when they hold several labels) and the
/// rows of tables laid out as label | value.
fn cover_lines(blocks: &[Block]) -> Vec<Line> {
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

/// Drops lines a paged export repeats at the top of every page: the meeting name, the date, "Item N",
/// "Page N of M". The first of each is left for the cover block to read.
fn drop_running_headers(blocks: &mut Vec<Block>, hints: &Hints, cover: &mut Cover) {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for b in blocks.iter() {
        if let Block::Paragraph(p) = b {
            let t = normalise_text(&p.text());
            if !t.is_empty() && t.chars().count() <= 80 {
                *counts.entry(t).or_default() += 1;
            }
        }
    }
    let is_header = |t: &str, n: usize| -> bool {
        let patterned = item_number(t).is_some()
            || parse_date(t).is_some()
            || looks_like_meeting(t, hints)
            || is_page_number(t);
        (patterned && n >= 2) || is_page_number(t)
    };
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut dropped: Vec<(String, usize)> = Vec::new();
    blocks.retain(|b| {
        let Block::Paragraph(p) = b else { return true };
        let t = normalise_text(&p.text());
        let n = counts.get(&t).copied().unwrap_or(0);
        if t.is_empty() || !is_header(&t, n) {
            return true;
        }
        let k = seen.entry(t.clone()).or_default();
        *k += 1;
        if *k == 1 && !is_page_number(&t) {
            return true;
        }
        cover.dropped.push(p.text().trim().to_string());
        match dropped.iter_mut().find(|(d, _)| *d == p.text().trim()) {
            Some((_, c)) => *c += 1,
            None => dropped.push((p.text().trim().to_string(), 1)),
        }
        false
    });
    cover.running_headers = dropped;
}

/// "Page 3", "Page 3 of 12", "- 3 -".
fn is_page_number(t: &str) -> bool {
    let t = t.trim_matches(|c: char| c == '-' || c.is_whitespace());
    let t = t.strip_prefix("page ").unwrap_or(t);
    let mut parts = t.split(" of ");
    let first = parts.next().unwrap_or("");
    let numeric = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    numeric(first)
        && parts.all(numeric)
        && t.contains(|c: char| c.is_ascii_digit())
        && (t != first || first.len() <= 3)
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

/// "That the Board:" followed by lettered or numbered items is one recommendation per item, each
/// read with its lead-in ("That the Board approves…"), so each stands alone in the list the theme shows.
fn finish_recommendations(cover: &mut Cover) {
    let recs = std::mem::take(&mut cover.recommendations);
    let recs: Vec<Paragraph> = recs
        .into_iter()
        .filter(|p| !p.text().trim().is_empty())
        .collect();
    let Some(first) = recs.first() else { return };
    let lead = first.text();
    let lead_in = lead.trim_end().ends_with(':') || lead.trim_end().ends_with(['—', '-', '–']);
    if lead_in && recs.len() > 1 && first.list.is_none() {
        let prefix = lead
            .trim()
            .trim_end_matches([':', '—', '-', '–', ' '])
            .to_string();
        for item in recs.into_iter().skip(1) {
            let mut p = item;
            p.list = None;
            let mut inlines = vec![Inline::Text(Run::plain(format!("{prefix} ")))];
            inlines.append(&mut p.inlines);
            p.inlines = inlines;
            cover.recommendations.push(p);
        }
        return;
    }
    cover.recommendations = recs
        .into_iter()
        .map(|mut p| {
            p.list = None;
            p
        })
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::doc::{Cell, Row, Table};

    fn para(text: &str) -> Block {
        Block::Paragraph(Paragraph::plain(text))
    }

    fn heading(text: &str) -> Block {
        Block::Paragraph(Paragraph {
            heading: Some(2),
            ..Paragraph::plain(text)
        })
    }

    fn numbered(label: &str, text: &str) -> Block {
        let mut p = Paragraph::plain(text);
        p.list = Some(crate::import::doc::ListMark {
            level: 0,
            label: label.into(),
            bullet: false,
            list_id: 1,
        });
        Block::Paragraph(p)
    }

    fn extract_blocks(blocks: Vec<Block>) -> Cover {
        let mut doc = Document {
            blocks,
            ..Document::default()
        };
        numbers::find_typed(&mut doc);
        extract(
            &doc,
            &Hints {
                board_title: Some("Transport and Infrastructure Board".into()),
            },
        )
    }

    fn texts(ps: &[Paragraph]) -> Vec<String> {
        ps.iter().map(Paragraph::text).collect()
    }

    #[test]
    fn cover_block_as_lines_with_tabs_and_colons() {
        let c = extract_blocks(vec![
            para("Transport and Infrastructure Board"),
            para("10 March 2027"),
            para("Item 4"),
            para("Bus service review"),
            para("Purpose"),
            para("\t"),
            para("For decision."),
            para("Summary"),
            para("The review sets out options."),
            para("Recommendation"),
            para("That the Board approves option B."),
            para("Action"),
            para("Officers to take forward as directed."),
            para("Contact officer:\t\tKwame Asante"),
            para("Position:   Senior Adviser"),
            para("Phone no:\t01632 960 118"),
            para("E-mail:\tkwame.asante@kestrelvalley.example"),
            heading("Background"),
            para("1. The Board asked for a review."),
        ]);
        assert_eq!(c.title.as_deref(), Some("Bus service review"));
        assert_eq!(c.item.as_deref(), Some("4"));
        assert_eq!(
            c.date.as_ref().map(|d| d.1.to_string()),
            Some("2027-03-10".into())
        );
        assert_eq!(texts(&c.purpose), ["For decision."]);
        assert_eq!(texts(&c.summary), ["The review sets out options."]);
        assert_eq!(
            texts(&c.recommendations),
            ["That the Board approves option B."]
        );
        assert_eq!(texts(&c.action), ["Officers to take forward as directed."]);
        assert_eq!(c.contact.name.as_deref(), Some("Kwame Asante"));
        assert_eq!(c.contact.position.as_deref(), Some("Senior Adviser"));
        assert_eq!(c.contact.phone.as_deref(), Some("01632 960 118"));
        assert_eq!(
            c.contact.email.as_deref(),
            Some("kwame.asante@kestrelvalley.example")
        );
        assert_eq!(c.body.len(), 2, "{:?}", c.body);
    }

    #[test]
    fn an_empty_contact_block_takes_nothing_after_it() {
        let c = extract_blocks(vec![
            para("Post-Election Priorities"),
            para("Purpose"),
            para("For discussion and direction."),
            para("Contact Officer:\t\t"),
            para("Position:\t\t\t"),
            para("Telephone No:\t\t"),
            para("Email:\t\t\t"),
            para("Post-Election Priorities"),
            heading("Background"),
            para("1. The Board agreed priorities."),
        ]);
        assert_eq!(c.contact, ContactFields::default());
        assert_eq!(
            c.body.len(),
            2,
            "the repeated title is dropped: {:?}",
            c.body
        );
        assert!(c.labels.contains(&"Contact officer"));
    }

    #[test]
    fn cover_block_as_a_table() {
        let row = |l: &str, v: &str| Row {
            cells: vec![
                Cell {
                    blocks: vec![para(l)],
                    colspan: 1,
                },
                Cell {
                    blocks: vec![para(v)],
                    colspan: 1,
                },
            ],
            header: false,
        };
        let table = Table {
            rows: vec![
                row("Purpose of report", "For decision"),
                row("Summary", "A summary."),
                row("Recommendations", "That the Board notes the report."),
                row("Contact officer", "Ada Lin"),
            ],
            caption: None,
        };
        let c = extract_blocks(vec![
            para("Cycle lanes"),
            Block::Table(table),
            heading("Background"),
            numbered("1.", "Text."),
        ]);
        assert_eq!(texts(&c.purpose), ["For decision"]);
        assert_eq!(
            texts(&c.recommendations),
            ["That the Board notes the report."]
        );
        assert_eq!(c.contact.name.as_deref(), Some("Ada Lin"));
        assert_eq!(c.body.len(), 2);
    }

    #[test]
    fn lettered_recommendations_keep_their_lead_in() {
        let c = extract_blocks(vec![
            para("Cycle lanes"),
            para("Recommendations"),
            para("That the Board:"),
            para("(a) approves the plan;"),
            para("(b) notes the risks."),
            heading("Background"),
        ]);
        assert_eq!(
            texts(&c.recommendations),
            [
                "That the Board approves the plan;",
                "That the Board notes the risks."
            ]
        );
    }

    #[test]
    fn numbered_recommendations_are_one_each() {
        let c = extract_blocks(vec![
            para("Cycle lanes"),
            para("Recommendations:"),
            para("1. Approve the plan."),
            para("2. Note the risks."),
            heading("Background"),
            para("1. Text."),
        ]);
        assert_eq!(
            texts(&c.recommendations),
            ["Approve the plan.", "Note the risks."]
        );
    }

    #[test]
    fn running_headers_are_dropped_but_the_first_read() {
        let c = extract_blocks(vec![
            para("Transport and Infrastructure Board"),
            para("10 March 2027"),
            para("Item 4"),
            para("Bus review"),
            para("Purpose: For decision"),
            heading("Background"),
            para("1. First."),
            para("Transport and Infrastructure Board"),
            para("10 March 2027"),
            para("Item 4"),
            para("2. Second."),
            para("Page 2 of 3"),
        ]);
        assert_eq!(c.body.len(), 3, "{:?}", c.body);
        assert_eq!(c.running_headers.len(), 4);
        assert_eq!(
            c.meeting.as_deref(),
            Some("Transport and Infrastructure Board")
        );
    }

    #[test]
    fn markdown_export_labels_as_headings_and_bold() {
        let mut meeting = Paragraph::default();
        meeting.inlines = vec![
            Inline::Text(Run {
                text: "Meeting:".into(),
                bold: true,
                ..Run::default()
            }),
            Inline::Text(Run::plain(" Children and Young People Board")),
        ];
        let c = extract_blocks(vec![
            Block::Paragraph(meeting),
            para("Date: 14 March 2027"),
            heading("Early years places"),
            heading("Purpose of report"),
            para("For direction"),
            heading("Recommendation/s"),
            para("That the Board gives a steer."),
            heading("Contact details"),
            para("Contact officer: Mira Patel"),
            para("Email: mira.patel@kestrelvalley.example"),
            heading("Early years places"),
            heading("Background"),
            numbered("1.", "Councils must."),
        ]);
        assert_eq!(
            c.meeting.as_deref(),
            Some("Children and Young People Board")
        );
        assert_eq!(
            c.date.as_ref().map(|d| d.1.to_string()),
            Some("2027-03-14".into())
        );
        assert_eq!(c.title.as_deref(), Some("Early years places"));
        assert_eq!(texts(&c.purpose), ["For direction"]);
        assert_eq!(
            c.contact.email.as_deref(),
            Some("mira.patel@kestrelvalley.example")
        );
        assert_eq!(c.body.len(), 2, "{:?}", c.body);
    }

    #[test]
    fn a_second_cover_block_in_the_body_is_found() {
        let c = extract_blocks(vec![
            para("Bus review"),
            para("Purpose: For decision"),
            para("Recommendation: That the Board agrees."),
            heading("Background"),
            para("1. Text."),
            heading("Cycle lanes"),
            heading("Purpose of report"),
            para("For information"),
            heading("Recommendation/s"),
            para("That the Board notes."),
        ]);
        assert_eq!(second_report(&c.body).as_deref(), Some("Cycle lanes"));
        let single = extract_blocks(vec![
            para("Bus review"),
            para("Purpose: For decision"),
            heading("Background"),
            para("1. The summary of costs follows."),
        ]);
        assert_eq!(second_report(&single.body), None);
    }

    #[test]
    fn a_council_cover_table_with_wards_key_decision_and_unknown_rows() {
        let row = |l: &str, v: &str| Row {
            cells: vec![
                Cell {
                    blocks: vec![para(l)],
                    colspan: 1,
                },
                Cell {
                    blocks: vec![para(v)],
                    colspan: 1,
                },
            ],
            header: false,
        };
        let table = Table {
            rows: vec![
                row("Report to:", "Transport and Infrastructure Board"),
                row("Date of meeting:", "10 March 2027"),
                row("Portfolio:", "Transport"),
                row("Wards affected:", "Harwick North; Harwick South"),
                row("Key decision:", "Yes"),
                row("Exempt:", "No"),
                row("Background papers:", "None"),
                row("Purpose of report", "For decision"),
            ],
            caption: None,
        };
        let c = extract_blocks(vec![
            para("Cycle lanes"),
            Block::Table(table),
            heading("Background"),
            numbered("1.", "Text."),
        ]);
        assert_eq!(
            c.meeting.as_deref(),
            Some("Transport and Infrastructure Board")
        );
        assert_eq!(c.wards.as_deref(), Some("Harwick North; Harwick South"));
        assert_eq!(c.key_decision, Some(true));
        assert_eq!(c.exempt, None);
        assert_eq!(c.background_papers.as_ref().map(Vec::len), Some(0));
        assert_eq!(texts(&c.purpose), ["For decision"]);
        // "Portfolio: Transport" is kept, at the start of the body; the body then starts at Background.
        let body: Vec<String> = c
            .body
            .iter()
            .map(|b| {
                Document::plain_text(std::slice::from_ref(b))
                    .trim()
                    .to_string()
            })
            .collect();
        assert_eq!(body, ["Portfolio: Transport", "Background", "1. Text."]);
    }

    #[test]
    fn an_exempt_line_that_is_not_no_is_kept_and_said() {
        let c = extract_blocks(vec![
            para("Depot sale"),
            para("Exempt: Yes – paragraph 3 of Schedule 12A"),
            para("Purpose: For decision"),
            heading("Background"),
        ]);
        assert_eq!(
            c.exempt.as_deref(),
            Some("Yes – paragraph 3 of Schedule 12A")
        );
    }

    #[test]
    fn dates_and_items_in_their_forms() {
        assert_eq!(
            parse_date("Tuesday 14th March 2023").map(|d| d.to_string()),
            Some("2023-03-14".into())
        );
        assert_eq!(
            parse_date("March 14, 2023").map(|d| d.to_string()),
            Some("2023-03-14".into())
        );
        assert_eq!(
            parse_date("14/03/2023").map(|d| d.to_string()),
            Some("2023-03-14".into())
        );
        assert_eq!(parse_date("The Board met in March 2023"), None);
        assert_eq!(item_number("Agenda Item 4a").as_deref(), Some("4a"));
        assert_eq!(item_number("Item No. 12").as_deref(), Some("12"));
        assert_eq!(item_number("Items of business"), None);
    }

    #[test]
    fn a_report_without_a_cover_block_keeps_its_body() {
        let c = extract_blocks(vec![
            para("A note on roadworks"),
            heading("Background"),
            para("1. Works start in May."),
        ]);
        assert_eq!(c.title.as_deref(), Some("A note on roadworks"));
        assert_eq!(c.body.len(), 2);
    }
}
