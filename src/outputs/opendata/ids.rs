//! Ids and small value helpers: ids are stable, readable and independent of titles (which change), so
//! reusers can join the files on them.

use crate::content::markdown::slugify;
use crate::content::model::{Contact, MeetingStatus};
use crate::site::{BoardId, MeetingId, PaperId, PersonId, Site};

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

/// The id of someone with no person file: made from their name as written, so "Cllr Ann Lee" in a
/// membership list and in minutes is one person. (People with a file go by its id: [`Naming`].)
pub(super) fn person_id(name: &str) -> String {
    let slug = slugify(name);
    if slug.is_empty() {
        "person".into()
    } else {
        slug
    }
}

/// How the exports name someone a board file or minutes list: a person with a file by their id and
/// name, anyone else by the name as written. Made once per export: it holds the people's ids.
pub(super) struct Naming<'s> {
    site: &'s Site,
    ids: std::collections::HashSet<&'s str>,
}

impl<'s> Naming<'s> {
    pub(super) fn new(site: &'s Site) -> Self {
        Naming {
            site,
            ids: site.people.iter().map(|p| p.id.as_str()).collect(),
        }
    }

    /// The id and name of someone written `name` (or, with no name, `person: <id>`), resolved to
    /// `resolved`: the person file's id and full name; else the id made from the name as written,
    /// which is marked `-unmatched` if it is some person's id (an ambiguous name, say, which is not
    /// that person's).
    pub(super) fn of(
        &self,
        resolved: Option<PersonId>,
        name: &str,
        person: Option<&str>,
    ) -> (String, String) {
        if let Some(p) = resolved {
            let person = &self.site.people[p];
            return (person.id.clone(), person.doc.matter.full_name());
        }
        let written = match name.trim() {
            "" => person.unwrap_or("").trim(),
            name => name,
        };
        let id = person_id(written);
        let id = if self.ids.contains(id.as_str()) {
            format!("{id}-unmatched")
        } else {
            id
        };
        (id, written.to_string())
    }

    /// The full name of the person `resolved`, else `written`.
    pub(super) fn name(&self, resolved: Option<PersonId>, written: &str) -> String {
        match resolved {
            Some(p) => self.site.people[p].doc.matter.full_name(),
            None => written.trim().to_string(),
        }
    }

    /// The council or body `resolved` represents, when the board file does not say (`written`).
    pub(super) fn authority(
        &self,
        resolved: Option<PersonId>,
        written: &Option<String>,
    ) -> Option<String> {
        clean(written).or_else(|| clean(&self.site.people[resolved?].doc.matter.represents))
    }
}

pub use crate::content::markdown::one_line_text as plain_text;

pub(super) fn clean(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// A contact's details, with the id of the person it names (when one has that name).
pub(super) fn contact_record(
    site: &Site,
    c: Option<&Contact>,
    person: Option<PersonId>,
) -> Option<ContactRecord> {
    let c = c?;
    let record = ContactRecord {
        person_id: person.map(|p| site.people[p].id.clone()),
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
