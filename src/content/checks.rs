//! The checks of one document on its own: what a clerk can get wrong in a single file that still
//! parses (an incomplete contact, a paper with no summary) and the checks of its text.
//!
//! Each kind's declaration ([`crate::content::kinds`]) says which of these its documents get, so that
//! `check` and `serve` (once per edit) run the same ones. The checks across documents are in `check`.

use crate::content::load::Document;
use crate::content::model::{BoardMatter, Contact, PaperMatter};
use crate::content::text::text_findings;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// A paper's: its contact officer, its summary and its text.
pub fn paper(doc: &Document<PaperMatter>) -> Vec<Diagnostic> {
    let mut diagnostics = Diagnostics::new();
    check_contact(
        doc,
        doc.matter.contact.as_ref(),
        "contact officer",
        &mut diagnostics,
    );
    summary(doc, &mut diagnostics);
    diagnostics.extend(text(doc));
    diagnostics.into_iter().collect()
}

/// A board's: its contact, if it gives one, and its text.
pub fn board(doc: &Document<BoardMatter>) -> Vec<Diagnostic> {
    let mut diagnostics = Diagnostics::new();
    if let Some(contact) = &doc.matter.contact {
        check_contact(doc, Some(contact), "board contact", &mut diagnostics);
    }
    diagnostics.extend(text_findings(&doc.path, &doc.text));
    diagnostics.into_iter().collect()
}

/// The checks of a document's text, or what they found when its body was let go.
pub fn text<T>(doc: &Document<T>) -> Vec<Diagnostic> {
    match doc.findings_when_let_go() {
        Some(findings) => findings.to_vec(),
        None => text_findings(&doc.path, &doc.text),
    }
}

fn check_contact<T>(
    doc: &Document<T>,
    contact: Option<&Contact>,
    what: &str,
    diagnostics: &mut Diagnostics,
) {
    let Some(contact) = contact else {
        return;
    };
    let fields = [
        ("name", &contact.name),
        ("position", &contact.position),
        ("phone", &contact.phone),
        ("email", &contact.email),
    ];
    let empty: Vec<&str> = fields
        .iter()
        .filter(|(name, value)| {
            (*name != "position" || what == "contact officer")
                && value.as_deref().is_none_or(|v| v.trim().is_empty())
        })
        .map(|(name, _)| *name)
        .collect();
    if !empty.is_empty() {
        let list = empty
            .iter()
            .map(|f| format!("`{f}`"))
            .collect::<Vec<_>>()
            .join(", ");
        diagnostics.push(
            doc.at_key(Diagnostic::warning("BP033", &doc.path, format!("the {what} has no {list}")), "contact")
                .label("incomplete contact details")
                .help(format!("fill in {list} so readers can ask about the report; the page shows only the fields given")),
        );
    }
    if let Some(email) = contact
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
        && !is_plausible_email(email)
    {
        diagnostics.push(
            doc.at_value(
                Diagnostic::warning(
                    "BP034",
                    &doc.path,
                    format!("`{email}` does not look like an email address"),
                ),
                "email",
                email,
            )
            .label("not an email address")
            .help("write the address in full, e.g. `jane.smith@example.gov.uk`"),
        );
    }
    if let Some(phone) = contact
        .phone
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        && !is_plausible_phone(phone)
    {
        diagnostics.push(
            doc.at_value(
                Diagnostic::warning(
                    "BP035",
                    &doc.path,
                    format!("`{phone}` does not look like a telephone number"),
                ),
                "phone",
                phone,
            )
            .label("not a telephone number")
            .help("write the number with its area code, e.g. `01632 960 123` or `+44 1632 960123`"),
        );
    }
}

fn is_plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | ',' | ';' | '"'))
        && !domain.contains('@')
}

fn is_plausible_phone(phone: &str) -> bool {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '(' | ')' | '-' | '.'));
    allowed && (7..=15).contains(&digits)
}

/// A paper without a summary: readers (and screen reader users skimming) rely on it to know what the
/// report is about before reading it all.
fn summary(doc: &Document<PaperMatter>, diagnostics: &mut Diagnostics) {
    if doc
        .matter
        .summary
        .as_deref()
        .is_none_or(|s| s.trim().is_empty())
    {
        diagnostics.push(
            doc.at_key(Diagnostic::warning("BP068", &doc.path, "this paper has no summary"), "title")
                .label("no `summary:` in the front matter")
                .help("add `summary:` with one paragraph saying what the report is about and what members are asked to do"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_and_phones() {
        assert!(is_plausible_email("jane.smith@example.gov.uk"));
        assert!(!is_plausible_email("jane.smith@example"));
        assert!(!is_plausible_email("jane smith@example.gov.uk"));
        assert!(!is_plausible_email("janeexample.gov.uk"));
        assert!(is_plausible_phone("01632 960 123"));
        assert!(is_plausible_phone("+44 (0)1632 960123"));
        assert!(!is_plausible_phone("ext 123"));
        assert!(!is_plausible_phone("0163"));
    }
}
