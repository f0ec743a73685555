//! Ids and small value helpers: ids are stable, readable and independent of titles (which change), so
//! reusers can join the files on them.

use crate::content::markdown::slugify;
use crate::content::model::{Contact, MeetingStatus};
use crate::outputs::registers;
use crate::site::{BoardId, MeetingId, PaperId, Site};

use super::records::ContactRecord;

pub(super) fn board_id(site: &Site, b: BoardId) -> String {
    site.boards[b].slug.clone()
}

/// `<board>/<date>`: a board meets at most once a day.
pub(super) fn meeting_id(site: &Site, m: MeetingId) -> String {
    let meeting = &site.meetings[m];
    format!("{}/{}", board_id(site, meeting.board), meeting.date)
}

/// `<board>/<date>/<item>`: item numbers are unique in a meeting.
pub(super) fn paper_id(site: &Site, p: PaperId) -> String {
    let paper = &site.papers[p];
    format!(
        "{}/{}",
        meeting_id(site, paper.meeting),
        paper.doc.matter.item
    )
}

/// People are matched by their name as written, so "Cllr Ann Lee" in a membership list and in minutes
/// is one person.
pub(super) fn person_id(name: &str) -> String {
    let slug = slugify(name);
    if slug.is_empty() {
        "person".into()
    } else {
        slug
    }
}

/// Markdown as plain text: what the words say, without markup or link addresses.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn clean(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

pub(super) fn contact_record(c: Option<&Contact>) -> Option<ContactRecord> {
    let c = c?;
    let record = ContactRecord {
        name: clean(&c.name),
        position: clean(&c.position),
        email: clean(&c.email),
        phone: clean(&c.phone),
    };
    let any = record.name.is_some()
        || record.position.is_some()
        || record.email.is_some()
        || record.phone.is_some();
    any.then_some(record)
}

/// The IANA media type of a published file, by extension.
pub(super) fn media_type(extension: &str) -> &'static str {
    match extension {
        "pdf" => "application/pdf",
        "csv" => "text/csv",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xls" => "application/vnd.ms-excel",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "doc" => "application/msword",
        "odt" => "application/vnd.oasis.opendocument.text",
        "rtf" => "application/rtf",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "ppt" => "application/vnd.ms-powerpoint",
        "odp" => "application/vnd.oasis.opendocument.presentation",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "txt" => "text/plain",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// The status of a meeting as Open Civic Data names it (`confirmed`, `passed`, `cancelled`), and
/// `postponed`, which OCD does not have.
pub(super) fn event_status(s: MeetingStatus) -> &'static str {
    match s {
        MeetingStatus::Scheduled => "confirmed",
        MeetingStatus::Held => "passed",
        MeetingStatus::Cancelled => "cancelled",
        MeetingStatus::Postponed => "postponed",
    }
}

pub(super) fn decision_id(site: &Site, d: &registers::Decision<'_>) -> String {
    format!(
        "{}/{}/{}",
        meeting_id(site, d.meeting),
        d.item.item,
        d.order
    )
}

/// Ids in their order of listing, each once (a minutes file may minute one item twice).
pub(super) fn sorted_ids(ids: Option<&Vec<String>>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    ids.into_iter()
        .flatten()
        .filter(|i| seen.insert(i.as_str()))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markup_and_link_addresses() {
        assert_eq!(
            plain_text("The Board *agreed* [paragraph 7](07-x.md#p7).\n\n- one\n- two"),
            "The Board agreed paragraph 7. one two"
        );
    }

    #[test]
    fn meeting_statuses_use_open_civic_data_words() {
        assert_eq!(event_status(MeetingStatus::Held), "passed");
        assert_eq!(event_status(MeetingStatus::Scheduled), "confirmed");
    }
}
