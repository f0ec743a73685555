//! Building the records of each export from the linked site, each kind sorted by its id so the files
//! are byte-identical for the same input.

use std::collections::{BTreeMap, HashMap};

use crate::content::model::{Attendee, ItemNo, MinutesStatus};
use crate::outputs::registers::{self, Registers};
use crate::render::file_type;
use crate::site::{AppendixContent, MeetingId, PersonId, Site};

use super::ids::{
    Naming, board_id, clean, contact_record, event_status, media_type, meeting_id, paper_id,
    plain_text, sorted_ids,
};
use super::records::*;

pub(super) fn boards(site: &Site) -> Vec<BoardRecord> {
    let naming = Naming::new(site);
    let mut out: Vec<BoardRecord> = site
        .boards
        .iter()
        .enumerate()
        .map(|(b, board)| {
            let matter = &board.doc.matter;
            let mut memberships: Vec<MembershipRecord> = board
                .each_member()
                .map(|(g, m, resolved)| {
                    let (person_id, name) = naming.of(resolved, &m.name, m.person.as_deref());
                    MembershipRecord {
                        person_id,
                        name,
                        group: g.group.clone(),
                        role: clean(&m.role),
                        authority: naming.authority(resolved, &m.authority),
                        substitute: m.substitute,
                        start_date: m.start_date.map(|d| d.iso()),
                        end_date: m.end_date.map(|d| d.iso()),
                    }
                })
                .collect();
            memberships.sort_by(|a, b| {
                (&a.person_id, &a.group, &a.start_date).cmp(&(
                    &b.person_id,
                    &b.group,
                    &b.start_date,
                ))
            });
            BoardRecord {
                id: board_id(site, b),
                name: matter.title.clone(),
                classification: "committee",
                url: site.permalink(&board.path),
                description: plain_text(board.doc.body()),
                contact: contact_record(site, matter.contact.as_ref(), board.contact),
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

/// Someone a meeting's published minutes name: how they took part, the entry, the person it is
/// (when known) and, for a substitute, the person they replaced (when known).
type Named<'s> = (
    &'static str,
    &'s Attendee,
    Option<PersonId>,
    Option<PersonId>,
);

/// Who attended (or sent apologies to) a meeting, from its published minutes.
fn attendance(site: &Site, m: MeetingId) -> Vec<Named<'_>> {
    let Some(n) = site.meetings[m].minutes else {
        return Vec::new();
    };
    let minutes = &site.minutes[n];
    let a = &minutes.doc.matter.attendance;
    let p = &minutes.people;
    let groups: [(&'static str, &Vec<Attendee>, &Vec<Option<PersonId>>); 5] = [
        ("present", &a.present, &p.present),
        ("apologies", &a.apologies, &p.apologies),
        ("substitute", &a.substitutes, &p.substitutes),
        ("in_attendance", &a.in_attendance, &p.in_attendance),
        ("officer", &a.officers, &p.officers),
    ];
    groups
        .into_iter()
        .flat_map(|(status, people, resolved)| {
            people.iter().enumerate().map(move |(i, who)| {
                let replaced = if status == "substitute" {
                    p.substituting.get(i).copied().flatten()
                } else {
                    None
                };
                (status, who, resolved.get(i).copied().flatten(), replaced)
            })
        })
        .collect()
}

/// Whom a substitute replaced: the person's full name when known, else as written.
fn substituting(naming: &Naming<'_>, who: &Attendee, replaced: Option<PersonId>) -> Option<String> {
    clean(&who.substituting).map(|written| naming.name(replaced, &written))
}

pub(super) fn people(site: &Site) -> Vec<PersonRecord> {
    let naming = Naming::new(site);
    let mut by_id: BTreeMap<String, PersonRecord> = BTreeMap::new();
    let mut entry = |(id, name): (String, String)| -> String {
        by_id.entry(id.clone()).or_insert_with(|| PersonRecord {
            id: id.clone(),
            name,
            memberships: Vec::new(),
            attendance: Vec::new(),
        });
        id
    };
    let mut memberships: Vec<(String, PersonMembership)> = Vec::new();
    for (b, board) in site.boards.iter().enumerate() {
        for (g, m, resolved) in board.each_member() {
            let id = entry(naming.of(resolved, &m.name, m.person.as_deref()));
            memberships.push((
                id,
                PersonMembership {
                    board_id: board_id(site, b),
                    group: g.group.clone(),
                    role: clean(&m.role),
                    authority: naming.authority(resolved, &m.authority),
                    substitute: m.substitute,
                    start_date: m.start_date.map(|d| d.iso()),
                    end_date: m.end_date.map(|d| d.iso()),
                },
            ));
        }
    }
    let mut attended: Vec<(String, PersonAttendance)> = Vec::new();
    for m in 0..site.meetings.len() {
        for (status, who, resolved, replaced) in attendance(site, m) {
            let id = entry(naming.of(resolved, &who.name, who.person.as_deref()));
            attended.push((
                id,
                PersonAttendance {
                    meeting_id: meeting_id(site, m),
                    status,
                    role: clean(&who.role),
                    authority: clean(&who.authority),
                    substituting: substituting(&naming, who, replaced),
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
            p.memberships.sort_by(|a, b| {
                (&a.board_id, &a.group, &a.start_date).cmp(&(&b.board_id, &b.group, &b.start_date))
            });
            p.attendance
                .sort_by(|a, b| (&a.meeting_id, a.status).cmp(&(&b.meeting_id, b.status)));
            p
        })
        .collect()
}

pub(super) fn meetings(site: &Site, registers: &Registers<'_>) -> Vec<MeetingRecord> {
    let naming = Naming::new(site);
    // The decisions and actions of each agenda item, looked up once per item.
    let joined = super::decisions::Joined::new(site);
    let mut decision_ids: HashMap<(MeetingId, &ItemNo), Vec<String>> = HashMap::new();
    for d in &registers.decisions {
        decision_ids
            .entry((d.meeting, d.item.item()))
            .or_default()
            .push(joined.id(site, d));
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
                        .map(crate::content::model::one_line)
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
                    MinutesStatus::Unconfirmed => "Minutes (unconfirmed)",
                };
                documents.push(DocumentRecord {
                    note: note.into(),
                    url: site.permalink(&minutes.path),
                    media_type: "text/html",
                });
            }
            let agenda = m
                .agenda
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let minute = minutes.and_then(|n| n.item(&a.item));
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
                            site.permalink(&registers::minute_path(site, n, it.item()))
                        }),
                        decision_ids: sorted_ids(decision_ids.get(&(id, &a.item))),
                        action_ids: sorted_ids(action_ids.get(&(id, &a.item))),
                    }
                })
                .collect();
            let mut attendance: Vec<AttendanceRecord> = attendance(site, id)
                .into_iter()
                .map(|(status, who, resolved, replaced)| {
                    let (person_id, name) = naming.of(resolved, &who.name, who.person.as_deref());
                    AttendanceRecord {
                        person_id,
                        name,
                        status,
                        role: clean(&who.role),
                        authority: clean(&who.authority),
                        substituting: substituting(&naming, who, replaced),
                    }
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

pub(super) fn papers(site: &Site) -> Vec<PaperRecord> {
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
                contact: contact_record(site, matter.contact.as_ref(), paper.contact),
                appendices,
            };
            (meeting_id(site, paper.meeting), matter.item.clone(), record)
        })
        .collect();
    out.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    out.into_iter().map(|(_, _, r)| r).collect()
}

pub(super) fn actions(site: &Site, registers: &Registers<'_>) -> Vec<ActionRecord> {
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
                minute_url: site.permalink(&registers::minute_path(site, a.minutes, &a.item.item)),
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
