//! Checks of the record of people, made for the clerk to act on before the law does:
//!
//! - a member who has attended no meeting for close to six months, and missed one held since (Local Government Act 1972 s.85:
//!   after six consecutive months their seat falls vacant unless the authority approves a reason
//!   for the absence before the period ends);
//! - a person on one board twice with dates that overlap;
//! - a declaration of interest by someone the minutes do not list as present;
//! - a register of interests not updated for over a year.

use jiff::ToSpan;

use crate::content::model::{Date, MeetingStatus};
use crate::content::people::PersonType;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::Site;
use crate::site::people::{Membership, Person};

/// How long before the six months end the warning starts: time to ask for approval.
const S85_WARN_MONTHS: i8 = 5;

pub fn check(site: &Site, diagnostics: &mut Diagnostics) {
    for person in site.people.unrecorded() {
        six_months_absence(site, person, diagnostics);
        overlapping_memberships(site, person, diagnostics);
        stale_register(site, person, diagnostics);
    }
    declarations_by_the_absent(site, diagnostics);
}

/// `date` plus `months`, or `date` itself at the end of the calendar.
fn months_after(date: Date, months: i8) -> Date {
    Date(
        date.0
            .checked_add(i32::from(months).months())
            .unwrap_or(date.0),
    )
}

fn six_months_absence(site: &Site, person: &Person, diagnostics: &mut Diagnostics) {
    let matter = &person.doc.matter;
    let today = site.today;
    let current: Vec<&Membership> = person
        .memberships
        .iter()
        .filter(|m| !m.substitute && m.is_current(today) && m.start_date.is_none_or(|s| s <= today))
        .collect();
    if matter.person_type != PersonType::Member
        || current.is_empty()
        || matter.end_date.is_some_and(|e| e < today)
    {
        return;
    }
    // From the last meeting attended; failing that, from when they took their seat, if known.
    let since = person.last_attended(site).or_else(|| {
        current
            .iter()
            .filter_map(|m| m.start_date)
            .chain(matter.start_date)
            .max()
    });
    let Some(since) = since else { return };
    if today < months_after(since, S85_WARN_MONTHS) {
        return;
    }
    // Only a member who has missed a meeting here since: the site may not publish every meeting
    // of the authority (full council, say), and s.85 counts those too, so a member whose boards
    // have simply not met is not taken to be absent.
    let meetings = site.meetings.unrecorded();
    let missed = current.iter().any(|m| {
        site.boards.unrecorded()[m.board]
            .meetings
            .iter()
            .any(|&id| {
                let meeting = &meetings[id];
                meeting.minutes.is_some()
                    && !matches!(
                        meeting.status,
                        MeetingStatus::Cancelled | MeetingStatus::Postponed
                    )
                    && meeting.date > since
                    && meeting.date <= today
                    && m.covers(meeting.date)
            })
    });
    if !missed {
        return;
    }
    let ends = months_after(since, 6);
    let attended = if person.last_attended(site).is_some() {
        format!("last attended a meeting on {}", since.long())
    } else {
        format!(
            "has attended no meeting since taking their seat on {}",
            since.long()
        )
    };
    let when = if today >= ends {
        format!("six months ended on {}", ends.long())
    } else {
        format!("six months end on {}", ends.long())
    };
    diagnostics.push(
        person
            .doc
            .at_key(
                Diagnostic::warning(
                    "BP109",
                    &person.doc.path,
                    format!("{} {attended}; {when}", matter.full_name()),
                ),
                "name",
            )
            .help("under the Local Government Act 1972 s.85 a member who attends no meeting of the authority for six consecutive months ceases to be a member, unless the authority approves a reason for the absence before the six months end; record their attendance in minutes if they did attend"),
    );
}

fn overlapping_memberships(site: &Site, person: &Person, diagnostics: &mut Diagnostics) {
    let list = &person.memberships;
    for (i, a) in list.iter().enumerate() {
        for b in &list[i + 1..] {
            if a.board != b.board || a.substitute != b.substitute {
                continue;
            }
            let starts_before_other_ends = |x: &Membership, y: &Membership| {
                x.start_date
                    .is_none_or(|s| y.end_date.is_none_or(|e| s <= e))
            };
            if starts_before_other_ends(a, b) && starts_before_other_ends(b, a) {
                let board = &site.boards.unrecorded()[a.board];
                let doc = &board.doc;
                let written = person.id.as_str();
                let d = Diagnostic::warning(
                    "BP110",
                    &doc.path,
                    format!(
                        "{} is listed twice on this board with dates that overlap",
                        person.doc.matter.full_name()
                    ),
                );
                // At `person: <id>` when the board names them so, else at `membership:`.
                let d = if doc.text[..doc.body_offset].contains(&format!("person: {written}")) {
                    doc.at_value(d, "person", written)
                } else {
                    doc.at_key(d, "membership")
                };
                diagnostics.push(d.help("give the earlier place an `end_date` before the later one's `start_date`, or remove the repeated entry"));
                break;
            }
        }
    }
}

fn stale_register(site: &Site, person: &Person, diagnostics: &mut Diagnostics) {
    let matter = &person.doc.matter;
    let Some(interests) = &matter.interests else {
        return;
    };
    if matter.end_date.is_some_and(|e| e < site.today) {
        return;
    }
    let due = months_after(interests.updated, 12);
    if site.today > due {
        diagnostics.push(
            person
                .doc
                .at_value(
                    Diagnostic::warning(
                        "BP112",
                        &person.doc.path,
                        format!(
                            "the register of interests of {} was last updated on {}, over a year ago",
                            matter.full_name(),
                            interests.updated.long()
                        ),
                    ),
                    "updated",
                    &interests.updated.iso(),
                )
                .help("ask the member to review their register entry, then set `updated:` to the date they confirmed it (the Localism Act 2011 s.29 register must be kept up to date)"),
        );
    }
}

fn declarations_by_the_absent(site: &Site, diagnostics: &mut Diagnostics) {
    for minutes in site.minutes.unrecorded() {
        let people = &minutes.people;
        let matter = &minutes.doc.matter;
        for (declaration, who) in matter.declarations.iter().zip(&people.declarations) {
            let Some(p) = *who else { continue };
            let there = people.present.contains(&Some(p))
                || people.substitutes.contains(&Some(p))
                || people.in_attendance.contains(&Some(p));
            if there {
                continue;
            }
            let written = if declaration.member.trim().is_empty() {
                declaration.person.clone().unwrap_or_default()
            } else {
                declaration.member.trim().to_string()
            };
            let key = if declaration.member.trim().is_empty() {
                "person"
            } else {
                "member"
            };
            diagnostics.push(
                minutes
                    .doc
                    .at_value(
                        Diagnostic::warning(
                            "BP111",
                            &minutes.doc.path,
                            format!(
                                "{} declared an interest but is not listed as present at this meeting",
                                site.people.unrecorded()[p].doc.matter.full_name()
                            ),
                        ),
                        key,
                        &written,
                    )
                    .label("not in `present`, `substitutes` or `in_attendance`")
                    .help("add them to the attendance, or correct the name of the member who declared"),
            );
        }
    }
}
