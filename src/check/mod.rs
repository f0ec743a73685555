//! Checks on a linked site that go beyond "does it parse and join up": the mistakes a clerk makes under
//! deadline that would still build, but publish something wrong or incomplete.
//!
//! Each check is a function over the [`Site`] adding diagnostics; none of them stops another. The
//! checks of one kind of output's data are here too, not in the output: calendars (`calendar`) and the
//! action ids of the registers (`registers`), so that `check` needs nothing that renders.
//!
//! May use: `content`, `site` and the shared leaves; never `render`, `outputs` or above.

mod calendar;
mod registers;

use crate::content::load::Document;
use crate::content::model::Contact;
use crate::content::text::text_findings;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::Site;

/// Runs every check.
pub fn run(site: &Site, diagnostics: &mut Diagnostics) {
    use rayon::prelude::*;
    let per_document: Vec<Vec<Diagnostic>> = site
        .papers
        .par_iter()
        .map(|p| paper(&p.doc))
        .chain(site.boards.par_iter().map(|b| board(&b.doc)))
        .chain(
            site.meetings
                .par_iter()
                .filter_map(|m| m.doc.as_ref())
                .map(|d| text_findings(&d.path, &d.text)),
        )
        .chain(site.minutes.par_iter().map(|m| text_of_doc(&m.doc)))
        .chain(
            site.pages
                .par_iter()
                .map(|p| text_findings(&p.doc.path, &p.doc.text)),
        )
        .collect();
    diagnostics.extend(per_document.into_iter().flatten());
    site_wide(site, diagnostics);
}

/// The checks that look at more than one document.
pub fn site_wide(site: &Site, diagnostics: &mut Diagnostics) {
    minutes_items(site, diagnostics);
    paper_dates_match_folder(site, diagnostics);
    papers_match_a_described_meeting(site, diagnostics);
    calendar::check(site, diagnostics);
    registers::check(site, diagnostics);
}

/// The checks of one document on its own, for `serve` to run once per edit rather than once per
/// rebuild of every document.
pub fn document(parsed: &crate::content::load::Parsed) -> Vec<Diagnostic> {
    use crate::content::load::Parsed;
    match parsed {
        Parsed::Paper(d) => paper(d),
        Parsed::Board(d) => board(d),
        Parsed::Meeting(d) => text_findings(&d.path, &d.text),
        Parsed::Minutes(d) => text_findings(&d.path, &d.text),
        Parsed::Page(d) => text_findings(&d.path, &d.text),
        // Appendices are checked as part of their paper's page (links, lint), as before.
        Parsed::Appendix(_) => Vec::new(),
    }
}

fn paper(doc: &Document<crate::content::model::PaperMatter>) -> Vec<Diagnostic> {
    let mut diagnostics = Diagnostics::new();
    check_contact(
        doc,
        doc.matter.contact.as_ref(),
        "contact officer",
        &mut diagnostics,
    );
    summary(doc, &mut diagnostics);
    diagnostics.extend(text_of_doc(doc));
    diagnostics.into_iter().collect()
}

fn board(doc: &Document<crate::content::model::BoardMatter>) -> Vec<Diagnostic> {
    let mut diagnostics = Diagnostics::new();
    if let Some(contact) = &doc.matter.contact {
        check_contact(doc, Some(contact), "board contact", &mut diagnostics);
    }
    diagnostics.extend(text_findings(&doc.path, &doc.text));
    diagnostics.into_iter().collect()
}

/// The checks of a document's text, or what they found when its body was let go.
fn text_of_doc<T>(doc: &Document<T>) -> Vec<Diagnostic> {
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
fn summary(doc: &Document<crate::content::model::PaperMatter>, diagnostics: &mut Diagnostics) {
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

/// Minutes of items that are not on the meeting's agenda: usually a wrong item number.
fn minutes_items(site: &Site, diagnostics: &mut Diagnostics) {
    for minutes in &site.minutes {
        let meeting = &site.meetings[minutes.meeting];
        if meeting.agenda.is_empty() {
            continue;
        }
        for entry in &minutes.items {
            if !meeting.agenda.iter().any(|a| a.item == *entry.item()) {
                let numbers: Vec<String> =
                    meeting.agenda.iter().map(|a| a.item.to_string()).collect();
                let shown = entry.item().to_string();
                diagnostics.push(
                    minutes.doc.at_value(Diagnostic::warning("BP036", &minutes.doc.path, format!("item {shown} of these minutes is not on the meeting's agenda")), "item", &shown)
                        .label("no agenda item with this number")
                        .help(format!("the agenda's items are {}; correct the number, or add the item to the agenda", numbers.join(", "))),
                );
            }
        }
    }
}

/// A paper in a meeting's folder whose date names another day: it would join the wrong meeting.
fn paper_dates_match_folder(site: &Site, diagnostics: &mut Diagnostics) {
    let meeting_in: std::collections::HashMap<
        &std::path::Path,
        &Document<crate::content::model::MeetingMatter>,
    > = site
        .meetings
        .iter()
        .filter_map(|m| m.doc.as_deref())
        .map(|d| (d.dir(), d))
        .collect();
    for paper in &site.papers {
        let folder_meeting = meeting_in
            .get(paper.doc.dir())
            .filter(|d| d.matter.date != paper.doc.matter.date);
        if let Some(meeting_doc) = folder_meeting {
            diagnostics.push(
                paper.doc.at_key(
                    Diagnostic::error(
                        "BP027",
                        &paper.doc.path,
                        format!(
                            "this paper is dated {} but sits with the meeting of {} ({})",
                            paper.doc.matter.date,
                            meeting_doc.matter.date,
                            meeting_doc.path.display()
                        ),
                    ),
                    "date",
                )
                .label("differs from the meeting in this folder")
                .help(format!("if the paper is for that meeting, write `date: {}`; otherwise move the file to its own meeting's folder", meeting_doc.matter.date)),
            );
        }
    }
}

/// A paper dated for a day with no meeting file, when its board describes its other meetings in files:
/// most likely a mistyped date, which would publish the paper under a meeting nobody holds.
fn papers_match_a_described_meeting(site: &Site, diagnostics: &mut Diagnostics) {
    // Papers sitting beside another meeting's file are reported once, by `paper_dates_match_folder`.
    let meeting_dirs: std::collections::HashSet<&std::path::Path> = site
        .meetings
        .iter()
        .filter_map(|m| m.doc.as_ref())
        .map(|d| d.dir())
        .collect();
    for meeting in site.meetings.iter().filter(|m| m.doc.is_none()) {
        let described: Vec<String> = site.boards[meeting.board]
            .meetings
            .iter()
            .filter_map(|&m| site.meetings[m].doc.as_ref().map(|d| d.matter.date.iso()))
            .collect();
        if described.is_empty() {
            continue;
        }
        for &p in meeting
            .papers
            .iter()
            .filter(|&&p| !meeting_dirs.contains(site.papers[p].doc.dir()))
        {
            let paper = &site.papers[p];
            let date = paper.doc.matter.date.iso();
            let help = match crate::content::model::did_you_mean(
                &date,
                described.iter().map(String::as_str),
            ) {
                Some(d) => format!("did you mean {d}? Otherwise add a meeting.md for {date}"),
                None => format!(
                    "the board's meetings are on {}; correct the date, or add a meeting.md for {date}",
                    described.join(", ")
                ),
            };
            diagnostics.push(
                paper
                    .doc
                    .at_key(
                        Diagnostic::warning(
                            "BP029",
                            &paper.doc.path,
                            format!(
                                "no meeting of {} is described for {date}",
                                site.boards[meeting.board].doc.matter.title
                            ),
                        ),
                        "date",
                    )
                    .label("no meeting file for this date")
                    .help(help),
            );
        }
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
