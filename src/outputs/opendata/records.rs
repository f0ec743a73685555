//! The records of the open data files: serde structs whose field order is the order in the files (the
//! schemas in `schema/` document each field), and how the per-board exports find their board and year.

use serde::Serialize;

use super::VERSION;

#[derive(Debug, Serialize)]
pub(super) struct Index<'a> {
    pub(super) version: &'static str,
    pub(super) generated_for: String,
    pub(super) title: &'a str,
    pub(super) url: &'a str,
    pub(super) publisher: Option<&'a str>,
    pub(super) licence: Option<&'a crate::content::model::Licence>,
    pub(super) documentation: String,
    pub(super) files: Vec<FileEntry>,
    /// The spreadsheet (CSV) files: kept apart from `files`, which are all JSON with a schema.
    pub(super) tables: Vec<TableEntry>,
}

#[derive(Debug, Serialize)]
pub(super) struct FileEntry {
    pub(super) name: &'static str,
    /// Of a file of one board's records (papers, decisions, actions): the board's id.
    pub(super) board: Option<String>,
    /// Of a file of individuals' decisions: `member` (executive members') or `officer` (officers').
    pub(super) maker: Option<&'static str>,
    /// Of a file of one board's records of one year: the year.
    pub(super) year: Option<i16>,
    pub(super) url: String,
    pub(super) schema: String,
    pub(super) description: &'static str,
    pub(super) records: usize,
    /// In bytes.
    pub(super) size: u64,
}

/// A spreadsheet file: the same records as a JSON export, as a table.
#[derive(Debug, Serialize)]
pub(super) struct TableEntry {
    pub(super) name: &'static str,
    pub(super) url: String,
    pub(super) media_type: &'static str,
    pub(super) description: &'static str,
    /// The header row's names, in order.
    pub(super) columns: &'static [&'static str],
    /// Rows, besides the header.
    pub(super) records: usize,
    /// In bytes.
    pub(super) size: u64,
}

/// Each file: the format version, the date, what its figures mean (when it says), and its records
/// under a key named after the file.
pub(super) struct ExportFile<'a, T> {
    pub(super) generated_for: &'a str,
    /// A file of counts says what it counts (`definition`).
    pub(super) definition: Option<&'static str>,
    pub(super) key: &'static str,
    pub(super) records: &'a [T],
}

impl<T: Serialize> Serialize for ExportFile<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(3 + usize::from(self.definition.is_some())))?;
        map.serialize_entry("version", VERSION)?;
        map.serialize_entry("generated_for", self.generated_for)?;
        if let Some(definition) = self.definition {
            map.serialize_entry("definition", definition)?;
        }
        map.serialize_entry(self.key, self.records)?;
        map.end()
    }
}

#[derive(Debug, Serialize)]
pub(super) struct BoardRecord {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) classification: &'static str,
    pub(super) url: String,
    pub(super) description: String,
    pub(super) contact: Option<ContactRecord>,
    pub(super) memberships: Vec<MembershipRecord>,
    pub(super) meeting_ids: Vec<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct ContactRecord {
    /// The person the contact names, when one has that name.
    pub(super) person_id: Option<String>,
    pub(super) name: Option<String>,
    pub(super) position: Option<String>,
    pub(super) email: Option<String>,
    pub(super) phone: Option<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct MembershipRecord {
    pub(super) person_id: String,
    pub(super) name: String,
    pub(super) group: String,
    pub(super) role: Option<String>,
    pub(super) authority: Option<String>,
    pub(super) substitute: bool,
    pub(super) start_date: Option<String>,
    pub(super) end_date: Option<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct PersonRecord {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) memberships: Vec<PersonMembership>,
    pub(super) attendance: Vec<PersonAttendance>,
}

#[derive(Debug, Serialize)]
pub(super) struct PersonMembership {
    pub(super) board_id: String,
    pub(super) group: String,
    pub(super) role: Option<String>,
    pub(super) authority: Option<String>,
    pub(super) substitute: bool,
    pub(super) start_date: Option<String>,
    pub(super) end_date: Option<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct PersonAttendance {
    pub(super) meeting_id: String,
    pub(super) status: &'static str,
    pub(super) role: Option<String>,
    pub(super) authority: Option<String>,
    pub(super) substituting: Option<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct MeetingRecord {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) board_id: String,
    pub(super) classification: &'static str,
    pub(super) start_date: String,
    pub(super) end_date: Option<String>,
    pub(super) all_day: bool,
    pub(super) timezone: String,
    pub(super) status: &'static str,
    pub(super) status_note: Option<String>,
    pub(super) location: Option<LocationRecord>,
    pub(super) url: String,
    pub(super) agenda_published: Option<String>,
    pub(super) documents: Vec<DocumentRecord>,
    pub(super) agenda: Vec<AgendaRecord>,
    pub(super) attendance: Vec<AttendanceRecord>,
}

#[derive(Debug, Serialize)]
pub(super) struct LocationRecord {
    pub(super) name: Option<String>,
    pub(super) address: Option<String>,
    pub(super) online: Option<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct DocumentRecord {
    pub(super) note: String,
    pub(super) url: String,
    pub(super) media_type: &'static str,
}

#[derive(Debug, Serialize)]
pub(super) struct AgendaRecord {
    pub(super) order: usize,
    pub(super) item: String,
    pub(super) description: String,
    pub(super) presenter: Option<String>,
    pub(super) verbal: bool,
    pub(super) paper: &'static str,
    pub(super) exempt_ground: Option<String>,
    pub(super) related_entities: Vec<RelatedEntity>,
    pub(super) minute_url: Option<String>,
    pub(super) decision_ids: Vec<String>,
    pub(super) action_ids: Vec<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct RelatedEntity {
    pub(super) entity_type: &'static str,
    pub(super) entity_id: String,
    pub(super) entity_name: String,
    pub(super) url: String,
}

#[derive(Debug, Serialize)]
pub(super) struct AttendanceRecord {
    pub(super) person_id: String,
    pub(super) name: String,
    pub(super) status: &'static str,
    pub(super) role: Option<String>,
    pub(super) authority: Option<String>,
    pub(super) substituting: Option<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct PaperRecord {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) board_id: String,
    pub(super) meeting_id: String,
    pub(super) item: String,
    pub(super) url: String,
    pub(super) purpose: Option<String>,
    pub(super) summary: Option<String>,
    pub(super) recommendations: Vec<String>,
    pub(super) decision_maker: Option<String>,
    pub(super) key_decision: bool,
    pub(super) wards: Vec<String>,
    pub(super) background_papers: Option<Vec<String>>,
    pub(super) published: Option<String>,
    pub(super) supplement: bool,
    pub(super) contact: Option<ContactRecord>,
    pub(super) appendices: Vec<AppendixRecord>,
}

#[derive(Debug, Serialize)]
pub(super) struct AppendixRecord {
    pub(super) title: String,
    pub(super) url: Option<String>,
    pub(super) media_type: Option<&'static str>,
    pub(super) file_type: String,
    pub(super) size_bytes: Option<u64>,
    pub(super) exempt_ground: Option<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct ActionRecord {
    pub(super) id: String,
    pub(super) reference: Option<String>,
    pub(super) board_id: String,
    pub(super) meeting_id: String,
    pub(super) date: String,
    pub(super) item: String,
    pub(super) item_title: String,
    pub(super) order: usize,
    pub(super) action: String,
    pub(super) owner: Option<String>,
    pub(super) due: Option<String>,
    pub(super) status: &'static str,
    pub(super) overdue: bool,
    pub(super) minute_url: String,
    pub(super) updates: Vec<UpdateRecord>,
}

#[derive(Debug, Serialize)]
pub(super) struct UpdateRecord {
    pub(super) meeting_id: String,
    pub(super) date: String,
    pub(super) status: Option<&'static str>,
    pub(super) due: Option<String>,
    pub(super) note: Option<String>,
    pub(super) minutes_url: String,
}

/// A record of an export split by board (and by year where a board's file would be large).
pub(super) trait ByBoard {
    fn board_id(&self) -> &str;
    /// The year of its meeting.
    fn year(&self) -> i16;
}

/// The year of a meeting id (`<board>/<date>`).
fn year_of(meeting_id: &str) -> i16 {
    meeting_id
        .rsplit('/')
        .next()
        .and_then(|date| date.get(..4))
        .and_then(|y| y.parse().ok())
        .unwrap_or(0)
}

/// `ByBoard` for records that carry `board_id` and the id of their meeting in `$meeting`.
macro_rules! by_board {
    ($($record:ty => $meeting:ident),* $(,)?) => {$(
        impl ByBoard for $record {
            fn board_id(&self) -> &str {
                &self.board_id
            }
            fn year(&self) -> i16 {
                year_of(&self.$meeting)
            }
        }
    )*};
}

by_board! {
    MeetingRecord => id,
    PaperRecord => meeting_id,
    ActionRecord => meeting_id,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_comes_from_the_meeting_id() {
        assert_eq!(year_of("transport-board/2026-06-16"), 2026);
        assert_eq!(year_of("garbled"), 0);
    }
}
