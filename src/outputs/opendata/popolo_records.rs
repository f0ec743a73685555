//! The records of the Popolo exports (`persons`, `organizations`, `memberships`, `posts`,
//! `attendance`): Popolo's own field names where it has them, and boardpack's additions after them.
//! The field order is the order in the files; `schema/<name>.json` documents each field.

use serde::Serialize;

use crate::content::people::InterestCategory;

/// A Popolo person, from their person file.
#[derive(Debug, Serialize)]
pub(super) struct PersonRecord {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) honorific_prefix: Option<String>,
    pub(super) other_names: Vec<OtherName>,
    pub(super) email: Option<String>,
    pub(super) image: Option<String>,
    pub(super) contact_details: Vec<ContactDetail>,
    pub(super) links: Vec<Link>,
    /// The biography as plain text.
    pub(super) biography: Option<String>,
    // boardpack's additions.
    #[serde(rename = "type")]
    pub(super) person_type: &'static str,
    pub(super) party: Option<String>,
    pub(super) ward: Option<String>,
    /// The organization id of the body they represent.
    pub(super) represents: Option<String>,
    pub(super) position: Option<String>,
    pub(super) department: Option<String>,
    pub(super) start_date: Option<String>,
    pub(super) end_date: Option<String>,
    pub(super) interests: Option<InterestsRecord>,
}

#[derive(Debug, Serialize)]
pub(super) struct OtherName {
    pub(super) name: String,
}

#[derive(Debug, Serialize)]
pub(super) struct ContactDetail {
    /// `email`, `voice` or `address`.
    #[serde(rename = "type")]
    pub(super) contact_type: &'static str,
    pub(super) value: String,
}

#[derive(Debug, Serialize)]
pub(super) struct Link {
    pub(super) url: String,
    pub(super) note: &'static str,
}

/// A member's register of interests.
#[derive(Debug, Serialize)]
pub(super) struct InterestsRecord {
    pub(super) updated: String,
    pub(super) document: Option<String>,
    pub(super) entries: Vec<InterestRecord>,
}

#[derive(Debug, Serialize)]
pub(super) struct InterestRecord {
    pub(super) category: InterestCategory,
    pub(super) interest: String,
    pub(super) registered: Option<String>,
}

/// A Popolo organization: a board, a body members represent, or a party.
#[derive(Debug, Serialize)]
pub(super) struct OrganizationRecord {
    pub(super) id: String,
    pub(super) name: String,
    /// `committee`, `council` or `party`.
    pub(super) classification: &'static str,
    pub(super) links: Vec<Link>,
}

/// A Popolo membership: a place on a board, a seat on a council, or membership of a party.
#[derive(Debug, Serialize)]
pub(super) struct MembershipRecord {
    pub(super) id: String,
    pub(super) person_id: String,
    pub(super) organization_id: String,
    pub(super) post_id: Option<String>,
    pub(super) role: Option<String>,
    pub(super) start_date: Option<String>,
    pub(super) end_date: Option<String>,
    // boardpack's additions.
    pub(super) substitute: bool,
    /// The membership group a board lists the member under.
    pub(super) group: Option<String>,
}

/// A Popolo post: a ward seat on a council.
#[derive(Debug, Serialize)]
pub(super) struct PostRecord {
    pub(super) id: String,
    pub(super) label: String,
    pub(super) role: &'static str,
    pub(super) organization_id: String,
    pub(super) area: Area,
}

#[derive(Debug, Serialize)]
pub(super) struct Area {
    pub(super) name: String,
}

/// One person's attendance at one board's meetings.
#[derive(Debug, Serialize)]
pub(super) struct AttendanceRecord {
    /// `<board id>/<person id>`.
    pub(super) id: String,
    pub(super) person_id: String,
    pub(super) organization_id: String,
    pub(super) expected: u32,
    pub(super) present: u32,
    pub(super) apologies: u32,
    pub(super) substituted: u32,
    pub(super) absent: u32,
    pub(super) as_substitute: u32,
    pub(super) percent: Option<u32>,
}
