//! Open data: JSON exports of boards, people, meetings (with agenda items and attendance), papers,
//! decisions and actions, each with a JSON Schema (2020-12), for people who reuse council data.
//!
//! The records follow Open Civic Data and Popolo where their fields fit (meetings are OCD events with
//! `start_date`, `status`, `location`, agenda items with `order`, `description` and `related_entities`;
//! people are Popolo persons with memberships), and add what a board pack has besides. Everything
//! comes from the linked site, which no longer holds withheld documents; exempt minute items add
//! nothing but what the minutes page shows (their agenda line). Records are serde structs (fixed key
//! order) in sorted arrays, so the files are byte-identical for the same input.
//!
//! The schemas live in `schema/` at the top of the repository, are compiled into the binary and are
//! published beside the data at `data/schema/<name>.json`.

use std::collections::{BTreeMap, HashMap};

use std::io::Write as _;

use serde::Serialize;

use crate::content::markdown::slugify;
use crate::content::model::{Contact, ItemNo, MeetingStatus, MinutesStatus, Person};
use crate::outputs::registers::{self, Registers};
use crate::render::context::LinkView;
use crate::render::{Extras, Output, file_type};
use crate::site::{AppendixContent, BoardId, MeetingId, PaperId, Site};

pub use crate::site::paths::DATA_INDEX as INDEX;

/// The open data exports and their page, as a site-wide output.
pub struct OpenData;

impl Output for OpenData {
    fn name(&self) -> &'static str {
        "open data"
    }

    fn make(&self, site: &Site, _added: &[&str], extras: &mut Extras) {
        outputs(site, extras);
    }
}
/// The page that describes the open data.
pub const PAGE: &str = "data/";
/// The version of the format; it changes when a field is removed or changes meaning.
pub const VERSION: &str = "2.0";

/// One export: its name (`data/<name>.json`), what it holds, and its JSON Schema.
struct Export {
    name: &'static str,
    description: &'static str,
    schema: &'static str,
}

/// The exports, in the order the index lists them; the index itself comes first.
const EXPORTS: &[Export] = &[
    Export {
        name: "index",
        description: "This list of the files, the date they were generated for and the licence.",
        schema: include_str!("../../schema/index.json"),
    },
    Export {
        name: "boards",
        description: "Boards and committees (Popolo organizations) with their membership.",
        schema: include_str!("../../schema/boards.json"),
    },
    Export {
        name: "people",
        description: "Members, substitutes, officers and others named in memberships and attendance (Popolo persons).",
        schema: include_str!("../../schema/people.json"),
    },
    Export {
        name: "meetings",
        description: "Meetings (Open Civic Data events) with their agenda items, documents and attendance, one file per board.",
        schema: include_str!("../../schema/meetings.json"),
    },
    Export {
        name: "papers",
        description: "Published reports, one file per board: metadata and links (not their text), with their appendices.",
        schema: include_str!("../../schema/papers.json"),
    },
    Export {
        name: "decisions",
        description: "Every decision recorded in published minutes, one file per board.",
        schema: include_str!("../../schema/decisions.json"),
    },
    Export {
        name: "actions",
        description: "Every action recorded in published minutes, with its status after later updates, one file per board.",
        schema: include_str!("../../schema/actions.json"),
    },
];

/// The JSON Schema of each export, by name, as published (`data/schema/<name>.json`).
pub fn schemas() -> impl Iterator<Item = (&'static str, &'static str)> {
    EXPORTS.iter().map(|e| (e.name, e.schema))
}

// ------------------------------------------------------------------------------------------------
// Records. Field order here is the order in the files; the schemas document each field.

#[derive(Debug, Serialize)]
struct Index<'a> {
    version: &'static str,
    generated_for: String,
    title: &'a str,
    url: &'a str,
    publisher: Option<&'a str>,
    licence: Option<&'a crate::content::model::Licence>,
    documentation: String,
    files: Vec<FileEntry>,
}

#[derive(Debug, Serialize)]
struct FileEntry {
    name: &'static str,
    /// Of a file of one board's records (papers, decisions, actions): the board's id.
    board: Option<String>,
    /// Of a file of one board's records of one year: the year.
    year: Option<i16>,
    url: String,
    schema: String,
    description: &'static str,
    records: usize,
    /// In bytes.
    size: u64,
}

/// Each file: the format version, the date, and its records under a key named after the file.
struct ExportFile<'a, T> {
    generated_for: &'a str,
    key: &'static str,
    records: &'a [T],
}

impl<T: Serialize> Serialize for ExportFile<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("version", VERSION)?;
        map.serialize_entry("generated_for", self.generated_for)?;
        map.serialize_entry(self.key, self.records)?;
        map.end()
    }
}

#[derive(Debug, Serialize)]
struct BoardRecord {
    id: String,
    name: String,
    classification: &'static str,
    url: String,
    description: String,
    contact: Option<ContactRecord>,
    memberships: Vec<MembershipRecord>,
    meeting_ids: Vec<String>,
}

#[derive(Debug, Serialize)]
struct ContactRecord {
    name: Option<String>,
    position: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

#[derive(Debug, Serialize)]
struct MembershipRecord {
    person_id: String,
    name: String,
    group: String,
    role: Option<String>,
    authority: Option<String>,
    substitute: bool,
}

#[derive(Debug, Serialize)]
struct PersonRecord {
    id: String,
    name: String,
    memberships: Vec<PersonMembership>,
    attendance: Vec<PersonAttendance>,
}

#[derive(Debug, Serialize)]
struct PersonMembership {
    board_id: String,
    group: String,
    role: Option<String>,
    authority: Option<String>,
    substitute: bool,
}

#[derive(Debug, Serialize)]
struct PersonAttendance {
    meeting_id: String,
    status: &'static str,
    role: Option<String>,
    authority: Option<String>,
    substituting: Option<String>,
}

#[derive(Debug, Serialize)]
struct MeetingRecord {
    id: String,
    name: String,
    board_id: String,
    classification: &'static str,
    start_date: String,
    end_date: Option<String>,
    all_day: bool,
    timezone: String,
    status: &'static str,
    status_note: Option<String>,
    location: Option<LocationRecord>,
    url: String,
    agenda_published: Option<String>,
    documents: Vec<DocumentRecord>,
    agenda: Vec<AgendaRecord>,
    attendance: Vec<AttendanceRecord>,
}

#[derive(Debug, Serialize)]
struct LocationRecord {
    name: Option<String>,
    address: Option<String>,
    online: Option<String>,
}

#[derive(Debug, Serialize)]
struct DocumentRecord {
    note: String,
    url: String,
    media_type: &'static str,
}

#[derive(Debug, Serialize)]
struct AgendaRecord {
    order: usize,
    item: String,
    description: String,
    presenter: Option<String>,
    verbal: bool,
    paper: &'static str,
    exempt_ground: Option<String>,
    related_entities: Vec<RelatedEntity>,
    minute_url: Option<String>,
    decision_ids: Vec<String>,
    action_ids: Vec<String>,
}

#[derive(Debug, Serialize)]
struct RelatedEntity {
    entity_type: &'static str,
    entity_id: String,
    entity_name: String,
    url: String,
}

#[derive(Debug, Serialize)]
struct AttendanceRecord {
    person_id: String,
    name: String,
    status: &'static str,
    role: Option<String>,
    authority: Option<String>,
    substituting: Option<String>,
}

#[derive(Debug, Serialize)]
struct PaperRecord {
    id: String,
    title: String,
    board_id: String,
    meeting_id: String,
    item: String,
    url: String,
    purpose: Option<String>,
    summary: Option<String>,
    recommendations: Vec<String>,
    decision_maker: Option<String>,
    key_decision: bool,
    wards: Vec<String>,
    background_papers: Option<Vec<String>>,
    published: Option<String>,
    supplement: bool,
    contact: Option<ContactRecord>,
    appendices: Vec<AppendixRecord>,
}

#[derive(Debug, Serialize)]
struct AppendixRecord {
    title: String,
    url: Option<String>,
    media_type: Option<&'static str>,
    file_type: String,
    size_bytes: Option<u64>,
    exempt_ground: Option<String>,
}

#[derive(Debug, Serialize)]
struct DecisionRecord {
    id: String,
    board_id: String,
    meeting_id: String,
    date: String,
    item: String,
    item_title: String,
    order: usize,
    text: String,
    html: String,
    minute_url: String,
    paper_id: Option<String>,
    paper_url: Option<String>,
}

#[derive(Debug, Serialize)]
struct ActionRecord {
    id: String,
    reference: Option<String>,
    board_id: String,
    meeting_id: String,
    date: String,
    item: String,
    item_title: String,
    order: usize,
    action: String,
    owner: Option<String>,
    due: Option<String>,
    status: &'static str,
    overdue: bool,
    minute_url: String,
    updates: Vec<UpdateRecord>,
}

#[derive(Debug, Serialize)]
struct UpdateRecord {
    meeting_id: String,
    date: String,
    status: Option<&'static str>,
    due: Option<String>,
    note: Option<String>,
    minutes_url: String,
}

/// A record of an export split by board (and by year where a board's file would be large).
trait ByBoard {
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

impl ByBoard for MeetingRecord {
    fn board_id(&self) -> &str {
        &self.board_id
    }
    fn year(&self) -> i16 {
        year_of(&self.id)
    }
}

impl ByBoard for PaperRecord {
    fn board_id(&self) -> &str {
        &self.board_id
    }
    fn year(&self) -> i16 {
        year_of(&self.meeting_id)
    }
}

impl ByBoard for DecisionRecord {
    fn board_id(&self) -> &str {
        &self.board_id
    }
    fn year(&self) -> i16 {
        year_of(&self.meeting_id)
    }
}

impl ByBoard for ActionRecord {
    fn board_id(&self) -> &str {
        &self.board_id
    }
    fn year(&self) -> i16 {
        year_of(&self.meeting_id)
    }
}

// ------------------------------------------------------------------------------------------------
// Ids: stable, readable, and independent of titles (which change).

fn board_id(site: &Site, b: BoardId) -> String {
    site.boards[b].slug.clone()
}

/// `<board>/<date>`: a board meets at most once a day.
fn meeting_id(site: &Site, m: MeetingId) -> String {
    let meeting = &site.meetings[m];
    format!("{}/{}", board_id(site, meeting.board), meeting.date)
}

/// `<board>/<date>/<item>`: item numbers are unique in a meeting.
fn paper_id(site: &Site, p: PaperId) -> String {
    let paper = &site.papers[p];
    format!(
        "{}/{}",
        meeting_id(site, paper.meeting),
        paper.doc.matter.item
    )
}

/// People are matched by their name as written, so "Cllr Ann Lee" in a membership list and in minutes
/// is one person.
fn person_id(name: &str) -> String {
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

fn clean(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn contact_record(c: Option<&Contact>) -> Option<ContactRecord> {
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
fn media_type(extension: &str) -> &'static str {
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
fn event_status(s: MeetingStatus) -> &'static str {
    match s {
        MeetingStatus::Scheduled => "confirmed",
        MeetingStatus::Held => "passed",
        MeetingStatus::Cancelled => "cancelled",
        MeetingStatus::Postponed => "postponed",
    }
}

// ------------------------------------------------------------------------------------------------
// Building the records.

fn boards(site: &Site) -> Vec<BoardRecord> {
    let mut out: Vec<BoardRecord> = site
        .boards
        .iter()
        .enumerate()
        .map(|(b, board)| {
            let matter = &board.doc.matter;
            let mut memberships: Vec<MembershipRecord> = matter
                .membership
                .iter()
                .flat_map(|g| {
                    g.members.iter().map(|m| MembershipRecord {
                        person_id: person_id(&m.name),
                        name: m.name.trim().to_string(),
                        group: g.group.clone(),
                        role: clean(&m.role),
                        authority: clean(&m.authority),
                        substitute: m.substitute,
                    })
                })
                .collect();
            memberships.sort_by(|a, b| (&a.person_id, &a.group).cmp(&(&b.person_id, &b.group)));
            BoardRecord {
                id: board_id(site, b),
                name: matter.title.clone(),
                classification: "committee",
                url: site.permalink(&board.path),
                description: plain_text(board.doc.body()),
                contact: contact_record(matter.contact.as_ref()),
                memberships,
                meeting_ids: board
                    .meetings
                    .iter()
                    .map(|&m| meeting_id(site, m))
                    .collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// Who attended (or sent apologies to) a meeting, from its published minutes.
fn attendance(site: &Site, m: MeetingId) -> Vec<(&'static str, &Person)> {
    let Some(n) = site.meetings[m].minutes else {
        return Vec::new();
    };
    let a = &site.minutes[n].doc.matter.attendance;
    let groups: [(&'static str, &Vec<Person>); 5] = [
        ("present", &a.present),
        ("apologies", &a.apologies),
        ("substitute", &a.substitutes),
        ("in_attendance", &a.in_attendance),
        ("officer", &a.officers),
    ];
    groups
        .into_iter()
        .flat_map(|(status, people)| people.iter().map(move |p| (status, p)))
        .collect()
}

fn people(site: &Site) -> Vec<PersonRecord> {
    let mut by_id: BTreeMap<String, PersonRecord> = BTreeMap::new();
    let mut entry = |name: &str| -> String {
        let id = person_id(name);
        by_id.entry(id.clone()).or_insert_with(|| PersonRecord {
            id: id.clone(),
            name: name.trim().to_string(),
            memberships: Vec::new(),
            attendance: Vec::new(),
        });
        id
    };
    let mut memberships: Vec<(String, PersonMembership)> = Vec::new();
    for (b, board) in site.boards.iter().enumerate() {
        for g in &board.doc.matter.membership {
            for m in &g.members {
                let id = entry(&m.name);
                memberships.push((
                    id,
                    PersonMembership {
                        board_id: board_id(site, b),
                        group: g.group.clone(),
                        role: clean(&m.role),
                        authority: clean(&m.authority),
                        substitute: m.substitute,
                    },
                ));
            }
        }
    }
    let mut attended: Vec<(String, PersonAttendance)> = Vec::new();
    for m in 0..site.meetings.len() {
        for (status, p) in attendance(site, m) {
            let id = entry(&p.name);
            attended.push((
                id,
                PersonAttendance {
                    meeting_id: meeting_id(site, m),
                    status,
                    role: clean(&p.role),
                    authority: clean(&p.authority),
                    substituting: clean(&p.substituting),
                },
            ));
        }
    }
    for (id, m) in memberships {
        if let Some(p) = by_id.get_mut(&id) {
            p.memberships.push(m);
        }
    }
    for (id, a) in attended {
        if let Some(p) = by_id.get_mut(&id) {
            p.attendance.push(a);
        }
    }
    by_id
        .into_values()
        .map(|mut p| {
            p.memberships
                .sort_by(|a, b| (&a.board_id, &a.group).cmp(&(&b.board_id, &b.group)));
            p.attendance
                .sort_by(|a, b| (&a.meeting_id, a.status).cmp(&(&b.meeting_id, b.status)));
            p
        })
        .collect()
}

fn meetings(site: &Site, registers: &Registers<'_>) -> Vec<MeetingRecord> {
    // The decisions and actions of each agenda item, looked up once per item.
    let mut decision_ids: HashMap<(MeetingId, &ItemNo), Vec<String>> = HashMap::new();
    for d in &registers.decisions {
        decision_ids
            .entry((d.meeting, &d.item.item))
            .or_default()
            .push(decision_id(site, d));
    }
    let mut action_ids: HashMap<(MeetingId, &ItemNo), Vec<String>> = HashMap::new();
    for a in &registers.actions {
        action_ids
            .entry((a.meeting, &a.item.item))
            .or_default()
            .push(a.id.clone());
    }
    let mut out: Vec<MeetingRecord> = (0..site.meetings.len())
        .map(|id| {
            let m = &site.meetings[id];
            let matter = m.doc.as_ref().map(|d| &d.matter);
            let start = matter.and_then(|x| x.start_time);
            let end = matter.and_then(|x| x.end_time);
            let at = |t: crate::content::model::Time| format!("{}T{}", m.date.iso(), t.hhmm());
            let location = matter
                .and_then(|x| x.venue.as_ref())
                .map(|v| LocationRecord {
                    name: clean(&v.room),
                    address: v
                        .address
                        .as_deref()
                        .map(|a| {
                            a.lines()
                                .map(str::trim)
                                .filter(|l| !l.is_empty())
                                .collect::<Vec<_>>()
                                .join(", ")
                        })
                        .filter(|a| !a.is_empty()),
                    online: clean(&v.online),
                });
            let minutes = m.minutes.map(|n| &site.minutes[n]);
            let mut documents = vec![DocumentRecord {
                note: "Agenda".into(),
                url: site.permalink(&m.path),
                media_type: "text/html",
            }];
            if let Some(minutes) = minutes {
                let note = match minutes.doc.matter.status {
                    MinutesStatus::Approved => "Minutes",
                    MinutesStatus::Draft => "Minutes (draft)",
                };
                documents.push(DocumentRecord {
                    note: note.into(),
                    url: site.permalink(&minutes.path),
                    media_type: "text/html",
                });
            }
            let agenda =
                m.agenda
                    .iter()
                    .enumerate()
                    .map(|(i, a)| {
                        let minute = minutes
                            .and_then(|n| n.doc.matter.items.iter().find(|it| it.item == a.item));
                        AgendaRecord {
                            order: i + 1,
                            item: a.item.to_string(),
                            description: a.title.clone(),
                            presenter: clean(&a.presenter),
                            verbal: a.verbal,
                            paper: match (&a.paper, &a.withheld) {
                                (Some(_), _) => "published",
                                (None, Some(crate::site::publish::Reason::Exempt(_))) => "exempt",
                                (None, Some(_)) => "not_yet_published",
                                (None, None) => "none",
                            },
                            exempt_ground: match &a.withheld {
                                Some(crate::site::publish::Reason::Exempt(e)) => Some(e.ground()),
                                _ => None,
                            },
                            related_entities: a
                                .paper
                                .map(|p| RelatedEntity {
                                    entity_type: "paper",
                                    entity_id: paper_id(site, p),
                                    entity_name: site.papers[p].doc.matter.title.clone(),
                                    url: site.permalink(&site.papers[p].path),
                                })
                                .into_iter()
                                .collect(),
                            minute_url: m.minutes.zip(minute).map(|(n, it)| {
                                site.permalink(&registers::minute_path(site, n, it))
                            }),
                            decision_ids: sorted_ids(decision_ids.get(&(id, &a.item))),
                            action_ids: sorted_ids(action_ids.get(&(id, &a.item))),
                        }
                    })
                    .collect();
            let mut attendance: Vec<AttendanceRecord> = attendance(site, id)
                .into_iter()
                .map(|(status, p)| AttendanceRecord {
                    person_id: person_id(&p.name),
                    name: p.name.trim().to_string(),
                    status,
                    role: clean(&p.role),
                    authority: clean(&p.authority),
                    substituting: clean(&p.substituting),
                })
                .collect();
            attendance.sort_by(|a, b| (a.status, &a.person_id).cmp(&(b.status, &b.person_id)));
            MeetingRecord {
                id: meeting_id(site, id),
                name: site.meeting_title(id),
                board_id: board_id(site, m.board),
                classification: "meeting",
                start_date: start.map_or_else(|| m.date.iso(), at),
                end_date: end.map(at),
                all_day: start.is_none(),
                timezone: site.config.timezone.clone(),
                status: event_status(m.status),
                status_note: matter.and_then(|x| clean(&x.status_note)),
                location,
                url: site.permalink(&m.path),
                agenda_published: m.published.map(|d| d.iso()),
                documents,
                agenda,
                attendance,
            }
        })
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// Ids in their order of listing, each once (a minutes file may minute one item twice).
fn sorted_ids(ids: Option<&Vec<String>>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    ids.into_iter()
        .flatten()
        .filter(|i| seen.insert(i.as_str()))
        .cloned()
        .collect()
}

fn papers(site: &Site) -> Vec<PaperRecord> {
    let mut out: Vec<(String, ItemNo, PaperRecord)> = (0..site.papers.len())
        .map(|p| {
            let paper = &site.papers[p];
            let matter = &paper.doc.matter;
            let meeting = &site.meetings[paper.meeting];
            let appendices = paper
                .appendices
                .iter()
                .map(|a| match &a.content {
                    AppendixContent::Page(_) => AppendixRecord {
                        title: a.title.clone(),
                        url: Some(site.permalink(&a.path)),
                        media_type: Some("text/html"),
                        file_type: "Web page".into(),
                        size_bytes: None,
                        exempt_ground: None,
                    },
                    AppendixContent::File { size, .. } => AppendixRecord {
                        title: a.title.clone(),
                        url: Some(site.permalink(&a.path)),
                        media_type: Some(media_type(&a.extension)),
                        file_type: file_type(&a.extension).into(),
                        size_bytes: Some(*size),
                        exempt_ground: None,
                    },
                    AppendixContent::Exempt(e) => AppendixRecord {
                        title: a.title.clone(),
                        url: None,
                        media_type: None,
                        file_type: "Exempt – not for publication".into(),
                        size_bytes: None,
                        exempt_ground: Some(e.ground()),
                    },
                })
                .collect();
            let record = PaperRecord {
                id: paper_id(site, p),
                title: matter.title.clone(),
                board_id: board_id(site, meeting.board),
                meeting_id: meeting_id(site, paper.meeting),
                item: matter.item.to_string(),
                url: site.permalink(&paper.path),
                purpose: clean(&matter.purpose),
                summary: matter
                    .summary
                    .as_deref()
                    .map(plain_text)
                    .filter(|s| !s.is_empty()),
                recommendations: matter
                    .recommendations
                    .iter()
                    .map(|r| plain_text(r))
                    .collect(),
                decision_maker: clean(&matter.decision_maker),
                key_decision: matter.key_decision,
                wards: matter.wards.clone(),
                background_papers: matter.background_papers.clone(),
                published: matter.published.or(meeting.published).map(|d| d.iso()),
                supplement: paper.is_supplement(meeting),
                contact: contact_record(matter.contact.as_ref()),
                appendices,
            };
            (meeting_id(site, paper.meeting), matter.item.clone(), record)
        })
        .collect();
    out.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    out.into_iter().map(|(_, _, r)| r).collect()
}

fn decision_id(site: &Site, d: &registers::Decision<'_>) -> String {
    format!(
        "{}/{}/{}",
        meeting_id(site, d.meeting),
        d.item.item,
        d.order
    )
}

fn decisions(site: &Site, registers: &Registers<'_>) -> Vec<DecisionRecord> {
    let html = registers::decisions_html(site, registers);
    let mut out: Vec<((String, ItemNo, usize), DecisionRecord)> = registers
        .decisions
        .iter()
        .zip(html)
        .map(|(d, html)| {
            let m = &site.meetings[d.meeting];
            let paper = registers::item_paper(site, d.meeting, d.item);
            let record = DecisionRecord {
                id: decision_id(site, d),
                board_id: board_id(site, m.board),
                meeting_id: meeting_id(site, d.meeting),
                date: m.date.iso(),
                item: d.item.item.to_string(),
                item_title: registers::item_title(site, d.meeting, d.item),
                order: d.order,
                text: plain_text(d.text),
                html,
                minute_url: site.permalink(&registers::minute_path(site, d.minutes, d.item)),
                paper_id: paper.map(|p| paper_id(site, p)),
                paper_url: paper.map(|p| site.permalink(&site.papers[p].path)),
            };
            (
                (meeting_id(site, d.meeting), d.item.item.clone(), d.order),
                record,
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.into_iter().map(|(_, r)| r).collect()
}

fn actions(site: &Site, registers: &Registers<'_>) -> Vec<ActionRecord> {
    let mut out: Vec<((String, ItemNo, usize), ActionRecord)> = registers
        .actions
        .iter()
        .map(|a| {
            let m = &site.meetings[a.meeting];
            let record = ActionRecord {
                id: a.id.clone(),
                reference: a.explicit_id.then(|| a.id.clone()),
                board_id: board_id(site, m.board),
                meeting_id: meeting_id(site, a.meeting),
                date: m.date.iso(),
                item: a.item.item.to_string(),
                item_title: registers::item_title(site, a.meeting, a.item),
                order: a.order,
                action: a.matter.action.trim().to_string(),
                owner: clean(&a.matter.owner),
                due: a.due.map(|d| d.iso()),
                status: registers::status_name(a.status),
                overdue: a.overdue(site.today),
                minute_url: site.permalink(&registers::minute_path(site, a.minutes, a.item)),
                updates: a
                    .updates
                    .iter()
                    .map(|u| UpdateRecord {
                        meeting_id: meeting_id(site, u.meeting),
                        date: site.meetings[u.meeting].date.iso(),
                        status: u.matter.status.map(registers::status_name),
                        due: u.matter.due.map(|d| d.iso()),
                        note: clean(&u.matter.note),
                        minutes_url: site.permalink(&site.minutes[u.minutes].path),
                    })
                    .collect(),
            };
            (
                (meeting_id(site, a.meeting), a.item.item.clone(), a.order),
                record,
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.into_iter().map(|(_, r)| r).collect()
}

/// Where the export `name` is published whole.
fn file_path(name: &str) -> String {
    format!("data/{name}.json")
}

/// Where a board's part of the export `name` is published: `data/<name>/<board>.json`, or with a
/// year, `data/<name>/<board>/<year>.json`.
fn part_path(name: &str, board: &str, year: Option<i16>) -> String {
    match year {
        Some(year) => format!("data/{name}/{board}/{year}.json"),
        None => format!("data/{name}/{board}.json"),
    }
}

/// Above this size a board's file of one export is split by year: a reuser's script or spreadsheet
/// should never have to take in hundreds of megabytes to read one board.
const SPLIT_BYTES: usize = 5_000_000;

/// A file written, as the index lists it.
struct Written {
    name: &'static str,
    board: Option<String>,
    year: Option<i16>,
    path: String,
    records: usize,
    size: u64,
}

/// Counts what passes through to `inner`.
struct Counting<W> {
    inner: W,
    bytes: u64,
}

impl<W: std::io::Write> std::io::Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes `records` as `data/<name>.json`, compact, and drops them.
fn put<T: Serialize>(
    extras: &mut Extras,
    name: &'static str,
    generated_for: &str,
    records: Vec<T>,
) -> Written {
    let mut size = 0;
    // Straight into the file: at 100,000 papers the meetings are hundreds of megabytes of JSON.
    extras.file_with(file_path(name), |w| {
        // A buffer of its own in front of `w`: serde_json writes token by token, each a call through
        // `dyn Write` otherwise.
        let mut out = Counting {
            inner: std::io::BufWriter::with_capacity(1 << 16, w),
            bytes: 0,
        };
        serde_json::to_writer(
            &mut out,
            &ExportFile {
                generated_for,
                key: name,
                records: &records,
            },
        )?;
        out.write_all(b"\n")?;
        size = out.bytes;
        out.flush()
    });
    Written {
        name,
        board: None,
        year: None,
        path: file_path(name),
        records: records.len(),
        size,
    }
}

/// Writes `records` (in board order) one file per board, each board's split by year when it would be
/// over [`SPLIT_BYTES`]; the boards' files are made in parallel.
fn put_by_board<T: Serialize + ByBoard + Sync>(
    extras: &mut Extras,
    name: &'static str,
    generated_for: &str,
    records: Vec<T>,
) -> Vec<Written> {
    use rayon::prelude::*;
    let file = |records: &[T]| {
        let mut bytes = serde_json::to_vec(&ExportFile {
            generated_for,
            key: name,
            records,
        })
        .unwrap_or_default();
        bytes.push(b'\n');
        bytes
    };
    let boards: Vec<&[T]> = records
        .chunk_by(|a, b| a.board_id() == b.board_id())
        .collect();
    let mut written = Vec::new();
    // A few boards at a time, made in parallel and written before the next few are made: at 100,000
    // papers the boards' files together are a hundred megabytes, which need not be held at once.
    for few in boards.chunks(64) {
        let parts: Vec<Vec<(Written, Vec<u8>)>> = few
            .par_iter()
            .map(|&mine| {
                board_parts(mine, SPLIT_BYTES, &file)
                    .into_iter()
                    .map(|(year, records, bytes)| {
                        let board = records[0].board_id().to_string();
                        let written = Written {
                            name,
                            path: part_path(name, &board, year),
                            board: Some(board),
                            year,
                            records: records.len(),
                            size: bytes.len() as u64,
                        };
                        (written, bytes)
                    })
                    .collect()
            })
            .collect();
        for (w, bytes) in parts.into_iter().flatten() {
            extras.file(w.path.clone(), bytes);
            written.push(w);
        }
    }
    written
}

/// One board's records (`mine`, in year order) as files: one, or one per year when the one would be
/// over `limit` bytes; each with its year (or none) and its bytes, made by `encode`.
fn board_parts<'r, T: ByBoard>(
    mine: &'r [T],
    limit: usize,
    encode: &impl Fn(&[T]) -> Vec<u8>,
) -> Vec<(Option<i16>, &'r [T], Vec<u8>)> {
    let whole = encode(mine);
    if whole.len() <= limit {
        return vec![(None, mine, whole)];
    }
    drop(whole);
    mine.chunk_by(|a, b| a.year() == b.year())
        .map(|year| (Some(year[0].year()), year, encode(year)))
        .collect()
}

/// What `check` lists without writing: the files of the export `name`, one per board, unsplit (the
/// sizes are not known), with one record for each of `meetings` (each record's meeting). Counted from
/// the site, not made: `check` need not render every decision to count them.
fn count_by_board(
    site: &Site,
    name: &'static str,
    meetings: impl Iterator<Item = MeetingId>,
) -> Vec<Written> {
    let mut per_board = vec![0usize; site.boards.len()];
    for m in meetings {
        per_board[site.meetings[m].board] += 1;
    }
    site.boards
        .iter()
        .zip(per_board)
        .filter(|(_, n)| *n > 0)
        .map(|(board, records)| Written {
            name,
            board: Some(board.slug.clone()),
            year: None,
            path: part_path(name, &board.slug, None),
            records,
            size: 0,
        })
        .collect()
}

fn json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// An export on the data page: a whole file, or (`by_board`) files per board.
#[derive(Debug, Serialize)]
struct ExportView {
    name: &'static str,
    /// Of a whole file.
    url: Option<String>,
    schema_url: String,
    description: &'static str,
    records: usize,
    files: usize,
    by_board: bool,
}

/// A board's files on the data page.
#[derive(Debug, Serialize)]
struct BoardFilesView {
    title: String,
    /// Meetings, papers, decisions, actions: each the board's files of it (one, or one per year).
    exports: Vec<Vec<PartView>>,
}

#[derive(Debug, Serialize)]
struct PartView {
    /// Null for a board's one file of the export; else the year.
    year: Option<i16>,
    url: String,
    records: usize,
}

/// `data` (data.html).
#[derive(Debug, Serialize)]
struct DataView {
    version: &'static str,
    index_url: String,
    exports: Vec<ExportView>,
    /// The exports split by board, in the order of each board's `exports`.
    by_board: Vec<&'static str>,
    boards: Vec<BoardFilesView>,
    licence: Option<crate::content::model::Licence>,
    /// The site's own open data pages (decisions register, action tracker).
    related: Vec<LinkView>,
}

/// The exports published one file per board.
const BY_BOARD: [&str; 4] = ["meetings", "papers", "decisions", "actions"];

pub fn outputs(site: &Site, extras: &mut Extras) {
    let registers = registers::collect(site);
    let today = site.today.iso();
    // One export at a time: its records are made, written and dropped before the next one's are made
    // (at 10,000 papers the files are 40 MB together). `check` keeps no files: only the data page is
    // made (its template is what there is to check), from the records' counts (a test holds `check`
    // to `build`'s counts).
    let written: Vec<Written> = if extras.files_wanted {
        let mut w = vec![
            put(extras, "boards", &today, boards(site)),
            put(extras, "people", &today, people(site)),
        ];
        w.extend(put_by_board(
            extras,
            "meetings",
            &today,
            meetings(site, &registers),
        ));
        w.extend(put_by_board(extras, "papers", &today, papers(site)));
        w.extend(put_by_board(
            extras,
            "decisions",
            &today,
            decisions(site, &registers),
        ));
        w.extend(put_by_board(
            extras,
            "actions",
            &today,
            actions(site, &registers),
        ));
        w
    } else {
        let whole = |name, records| Written {
            name,
            board: None,
            year: None,
            path: file_path(name),
            records,
            size: 0,
        };
        let mut w = vec![
            whole("boards", site.boards.len()),
            whole("people", people(site).len()),
        ];
        w.extend(count_by_board(site, "meetings", 0..site.meetings.len()));
        w.extend(count_by_board(
            site,
            "papers",
            site.papers.iter().map(|p| p.meeting),
        ));
        w.extend(count_by_board(
            site,
            "decisions",
            registers.decisions.iter().map(|d| d.meeting),
        ));
        w.extend(count_by_board(
            site,
            "actions",
            registers.actions.iter().map(|a| a.meeting),
        ));
        w
    };
    let schema_path = |name: &str| format!("data/schema/{name}.json");
    let description = |name: &str| {
        EXPORTS
            .iter()
            .find(|e| e.name == name)
            .map_or("", |e| e.description)
    };
    let files: Vec<FileEntry> = written
        .iter()
        .map(|w| FileEntry {
            name: w.name,
            board: w.board.clone(),
            year: w.year,
            url: site.permalink(&w.path),
            schema: site.permalink(&schema_path(w.name)),
            description: description(w.name),
            records: w.records,
            size: w.size,
        })
        .collect();
    let index = Index {
        version: VERSION,
        generated_for: today.clone(),
        title: &site.config.title,
        url: &site.base_url,
        publisher: site.config.organisation.name.as_deref(),
        licence: site.config.licence.as_ref(),
        documentation: site.permalink(PAGE),
        files,
    };
    if extras.files_wanted {
        extras.file(INDEX, json(&index));
        for export in EXPORTS {
            extras.file(schema_path(export.name), export.schema.as_bytes().to_vec());
        }
    }

    let exports: Vec<ExportView> = EXPORTS
        .iter()
        .map(|e| {
            let mine: Vec<&Written> = written.iter().filter(|w| w.name == e.name).collect();
            let by_board = BY_BOARD.contains(&e.name);
            ExportView {
                name: e.name,
                url: (!by_board).then(|| {
                    site.href(&if e.name == "index" {
                        INDEX.to_string()
                    } else {
                        file_path(e.name)
                    })
                }),
                schema_url: site.href(&schema_path(e.name)),
                description: e.description,
                records: if e.name == "index" {
                    written.len()
                } else {
                    mine.iter().map(|w| w.records).sum()
                },
                files: if by_board { mine.len() } else { 1 },
                by_board,
            }
        })
        .collect();
    // Each board's files, by export: looked up, not searched for (thousands of files at 100,000 papers).
    let mut parts: HashMap<(&str, &str), Vec<PartView>> = HashMap::new();
    for w in &written {
        if let Some(board) = &w.board {
            parts.entry((w.name, board)).or_default().push(PartView {
                year: w.year,
                url: site.href(&w.path),
                records: w.records,
            });
        }
    }
    let boards: Vec<BoardFilesView> = site
        .boards
        .iter()
        .map(|board| BoardFilesView {
            title: board.doc.matter.title.clone(),
            exports: BY_BOARD
                .iter()
                .map(|&name| {
                    parts
                        .remove(&(name, board.slug.as_str()))
                        .unwrap_or_default()
                })
                .collect(),
        })
        .collect();
    let view = DataView {
        version: VERSION,
        index_url: site.href(INDEX),
        exports,
        by_board: BY_BOARD.to_vec(),
        boards,
        licence: site.config.licence.clone(),
        related: vec![
            LinkView {
                title: "Decisions register".into(),
                url: site.href(registers::DECISIONS),
            },
            LinkView {
                title: "Action tracker".into(),
                url: site.href(registers::ACTIONS),
            },
        ],
    };
    let p = crate::render::page(site, "data", "Open data", PAGE, vec![], None);
    extras.page(
        PAGE,
        "data.html",
        p,
        vec![("data", tera::Value::from_serializable(&view))],
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_is_a_2020_12_json_schema() {
        for (name, text) in schemas() {
            let schema: serde_json::Value =
                serde_json::from_str(text).unwrap_or_else(|e| panic!("schema/{name}.json: {e}"));
            assert_eq!(
                schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
                "{name}"
            );
            assert!(
                schema["description"]
                    .as_str()
                    .is_some_and(|d| !d.is_empty()),
                "{name} describes itself"
            );
        }
    }

    #[test]
    fn plain_text_drops_markup_and_link_addresses() {
        assert_eq!(
            plain_text("The Board *agreed* [paragraph 7](07-x.md#p7).\n\n- one\n- two"),
            "The Board agreed paragraph 7. one two"
        );
    }

    struct Fake(&'static str, i16);
    impl ByBoard for Fake {
        fn board_id(&self) -> &str {
            self.0
        }
        fn year(&self) -> i16 {
            self.1
        }
    }

    #[test]
    fn a_boards_file_is_split_by_year_only_when_over_the_limit() {
        let records = [Fake("a", 2025), Fake("a", 2025), Fake("a", 2026)];
        // Ten bytes a record.
        let encode = |r: &[Fake]| vec![b'x'; r.len() * 10];
        let whole = board_parts(&records, 30, &encode);
        assert_eq!(whole.len(), 1);
        assert_eq!(
            (whole[0].0, whole[0].1.len(), whole[0].2.len()),
            (None, 3, 30)
        );
        let split = board_parts(&records, 29, &encode);
        let shape: Vec<(Option<i16>, usize)> = split.iter().map(|p| (p.0, p.1.len())).collect();
        assert_eq!(shape, [(Some(2025), 2), (Some(2026), 1)]);
    }

    #[test]
    fn a_year_comes_from_the_meeting_id() {
        assert_eq!(year_of("transport-board/2026-06-16"), 2026);
        assert_eq!(year_of("garbled"), 0);
    }

    #[test]
    fn meeting_statuses_use_open_civic_data_words() {
        assert_eq!(event_status(MeetingStatus::Held), "passed");
        assert_eq!(event_status(MeetingStatus::Scheduled), "confirmed");
    }
}
