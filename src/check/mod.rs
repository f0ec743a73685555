//! Checks on a linked site that go beyond "does it parse and join up": the mistakes a clerk makes under
//! deadline that would still build, but publish something wrong or incomplete.
//!
//! Each check is a function over the [`Site`] adding diagnostics; none of them stops another. The
//! checks of one kind of output's data are here too, not in the output: calendars (`calendar`) and the
//! action ids of the registers (`registers`), so that `check` needs nothing that renders.
//!
//! May use: `content`, `site` and the shared leaves; never `render`, `outputs` or above.

mod calendar;
mod decisions;
mod people;
mod registers;

use crate::content::load::Document;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::Site;

/// The checks that look at more than one document.
pub fn site_wide(site: &Site, diagnostics: &mut Diagnostics) {
    minutes_items(site, diagnostics);
    paper_dates_match_folder(site, diagnostics);
    papers_match_a_described_meeting(site, diagnostics);
    calendar::check(site, diagnostics);
    registers::check(site, diagnostics);
    people::check(site, diagnostics);
    decisions::check(site, diagnostics);
}

/// The checks of one document on its own, as its kind declares them: run as the document is read,
/// once for as long as its bytes are the same ([`crate::incremental::session`]), and reported while
/// it is in the linked site.
pub fn document(parsed: &crate::content::load::Parsed) -> Vec<Diagnostic> {
    parsed.check()
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
