//! Attendance, counted from published minutes.
//!
//! A member is *expected* at a meeting of a board when the meeting was held (not cancelled or
//! postponed, and not after the build date), its minutes are published, and one of the member's
//! places on that board (not as a named substitute) covers its date. Of those meetings they were
//! *present*, sent *apologies* (a substitute sent in their place counts as apologies), or were
//! *absent* (neither recorded). Attending as a substitute is counted for the substitute, on its own
//! line, never as the absent member's attendance. The percentage is present ÷ expected.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::content::model::MeetingStatus;
use crate::site::{BoardId, MeetingId, Site};

use super::PersonId;

/// In what capacity someone's name is in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Capacity {
    /// Present as a member of the board.
    Member,
    /// Present as a substitute for a member.
    Substitute,
    /// In attendance (not a member of the board).
    InAttendance,
    Officer,
}

impl Capacity {
    pub fn label(self) -> &'static str {
        match self {
            Capacity::Member => "Member",
            Capacity::Substitute => "Substitute",
            Capacity::InAttendance => "In attendance",
            Capacity::Officer => "Officer",
        }
    }
}

/// One person's attendance at one board's meetings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct BoardAttendance {
    pub board: BoardId,
    /// Meetings they were expected at (see the module's documentation).
    pub expected: u32,
    pub present: u32,
    /// Apologies, including those who sent a substitute.
    pub apologies: u32,
    /// Of the apologies, those with a substitute sent in their place.
    pub substituted: u32,
    /// Expected, but neither present nor with apologies recorded.
    pub absent: u32,
    /// Meetings of this board they attended as someone's substitute (not in `expected`).
    pub as_substitute: u32,
}

impl BoardAttendance {
    /// Present as a whole percentage of expected, when any meeting was expected.
    pub fn percent(&self) -> Option<u32> {
        (self.expected > 0).then(|| {
            ((u64::from(self.present) * 100 + u64::from(self.expected) / 2)
                / u64::from(self.expected)) as u32
        })
    }
}

/// Who a meeting's published minutes name, in each list.
#[derive(Default)]
struct Names {
    present: HashSet<PersonId>,
    apologies: HashSet<PersonId>,
    substitutes: HashSet<PersonId>,
    substituted_for: HashSet<PersonId>,
}

/// Fills each person's `attended`, `declarations` and `attendance` from the linked minutes.
pub(super) fn compute(site: &mut Site) {
    let today = site.today;
    let mut counted: HashMap<MeetingId, Names> = HashMap::new();
    let mut attended: BTreeMap<PersonId, BTreeMap<MeetingId, Capacity>> = BTreeMap::new();
    let mut declarations: BTreeMap<PersonId, Vec<(usize, usize)>> = BTreeMap::new();
    for (minutes_id, minutes) in site.minutes.unrecorded().iter().enumerate() {
        let meeting = &site.meetings.unrecorded()[minutes.meeting];
        let held = !matches!(
            meeting.status,
            MeetingStatus::Cancelled | MeetingStatus::Postponed
        ) && meeting.date <= today;
        if !held {
            continue;
        }
        let people = &minutes.people;
        let mut note = |list: &[Option<PersonId>], capacity: Capacity| {
            for &p in list.iter().flatten() {
                let at = attended
                    .entry(p)
                    .or_default()
                    .entry(minutes.meeting)
                    .or_insert(capacity);
                *at = (*at).min(capacity);
            }
        };
        note(&people.present, Capacity::Member);
        note(&people.substitutes, Capacity::Substitute);
        note(&people.in_attendance, Capacity::InAttendance);
        note(&people.officers, Capacity::Officer);
        for (i, p) in people.declarations.iter().enumerate() {
            if let Some(p) = *p {
                declarations.entry(p).or_default().push((minutes_id, i));
            }
        }
        let set = |list: &[Option<PersonId>]| list.iter().flatten().copied().collect();
        counted.insert(
            minutes.meeting,
            Names {
                present: set(&people.present),
                apologies: set(&people.apologies),
                substitutes: set(&people.substitutes),
                substituted_for: set(&people.substituting),
            },
        );
    }

    let boards = site.boards.unrecorded();
    let meetings = site.meetings.unrecorded();
    let mut rows: Vec<Vec<BoardAttendance>> = Vec::with_capacity(site.people.len());
    for (p, person) in site.people.unrecorded().iter().enumerate() {
        let mut by_board: BTreeMap<BoardId, BoardAttendance> = BTreeMap::new();
        for membership in &person.memberships {
            by_board
                .entry(membership.board)
                .or_insert_with(|| BoardAttendance {
                    board: membership.board,
                    ..BoardAttendance::default()
                });
        }
        for (&board, row) in by_board.iter_mut() {
            for &m in &boards[board].meetings {
                let Some(names) = counted.get(&m) else {
                    continue;
                };
                let date = meetings[m].date;
                let expected = person
                    .memberships
                    .iter()
                    .any(|ms| ms.board == board && !ms.substitute && ms.covers(date));
                if !expected {
                    continue;
                }
                row.expected += 1;
                if names.present.contains(&p) || names.substitutes.contains(&p) {
                    row.present += 1;
                } else if names.apologies.contains(&p) || names.substituted_for.contains(&p) {
                    row.apologies += 1;
                    if names.substituted_for.contains(&p) {
                        row.substituted += 1;
                    }
                } else {
                    row.absent += 1;
                }
            }
        }
        // Attending as a substitute is the substitute's, on its own line, at any board.
        for (&m, &capacity) in attended.get(&p).into_iter().flatten() {
            if capacity == Capacity::Substitute {
                let board = meetings[m].board;
                by_board
                    .entry(board)
                    .or_insert_with(|| BoardAttendance {
                        board,
                        ..BoardAttendance::default()
                    })
                    .as_substitute += 1;
            }
        }
        let mut list: Vec<BoardAttendance> = by_board.into_values().collect();
        list.sort_by(|a, b| {
            boards[a.board]
                .doc
                .matter
                .title
                .cmp(&boards[b.board].doc.matter.title)
        });
        rows.push(list);
    }
    for (p, person) in site.people.iter_mut().enumerate() {
        person.attendance = std::mem::take(&mut rows[p]);
        person.attended = attended
            .remove(&p)
            .map(|m| m.into_iter().collect())
            .unwrap_or_default();
        person.declarations = declarations.remove(&p).unwrap_or_default();
    }
}
