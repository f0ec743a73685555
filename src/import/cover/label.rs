//! The labels of a cover block: which words name which field, and where a label ends on its line.
//!
//! Apart from the walk because this is vocabulary, not logic: the dozens of ways templates word
//! "Purpose" or "Telephone no" grow with every council's template, and belong in one list.

/// A cover-block field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
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
    pub(super) fn name(self) -> &'static str {
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

    pub(super) fn is_contact(self) -> bool {
        matches!(
            self,
            Field::ContactName | Field::Position | Field::Phone | Field::Email
        )
    }

    /// Fields whose value is one short line (on the label's line, in its cell, or the line after).
    pub(super) fn is_one_line(self) -> bool {
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
pub(super) fn label_at_start(text: &str) -> Option<(Field, usize)> {
    let trimmed = text.trim_start();
    let lead = text.chars().count() - trimmed.chars().count();
    // The whole line is a label ("Purpose", "Purpose of report", "Contact officer:").
    if let Some(f) = field_of(&normalise_label(trimmed))
        && trimmed.chars().count() <= 40
    {
        return Some((f, text.chars().count()));
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
