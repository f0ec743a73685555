//! People as Popolo records (<https://www.popoloproject.com/specs/>), from the person files and the
//! linked site: `persons`, `organizations` (boards, the bodies members represent, parties),
//! `memberships` (places on boards, seats on councils, party membership), `posts` (ward seats) and
//! `attendance` (each person's counts per board, as their page gives them).
//!
//! Ids: a person's is their file's id; a board's is its slug (as in `boards`); a council's or party's
//! is a slug of its name, kept apart from every board's (and a party's from every council's); a post's
//! is `<council id>/<ward slug>`. Each kind is sorted by id.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use crate::content::load::CONTENT_DIR;
use crate::content::markdown::slugify;
use crate::content::people::PersonMatter;
use crate::site::{Person, Site};

use super::ids::{board_id, clean, plain_text};
use super::popolo_records::*;

/// What the attendance counts mean: the documentation of `site::people::attendance` (a test holds
/// them to each other).
pub(super) const DEFINITION: &str = "A member is expected at a meeting of a board when the meeting was held (not cancelled or postponed, and not after the build date), its minutes are published, and one of the member's places on that board (not as a named substitute) covers its date. Of those meetings they were present, sent apologies (a substitute sent in their place counts as apologies), or were absent (neither recorded). Attending as a substitute is counted for the substitute, on its own line, never as the absent member's attendance. The percentage is present ÷ expected.";

/// The organizations besides boards, by name as written (trimmed): the bodies members represent
/// and their parties, each with its id.
pub(super) struct Bodies {
    councils: BTreeMap<String, String>,
    parties: BTreeMap<String, String>,
}

impl Bodies {
    pub(super) fn new(site: &Site) -> Self {
        let boards: HashSet<String> = site.boards.iter().map(|b| b.slug.clone()).collect();
        // A slug of the name; `-<kind>` added when a board (or, for a party, a council) has it.
        let id = |name: &str, kind: &str, taken: &dyn Fn(&str) -> bool| {
            let slug = match slugify(name) {
                s if s.is_empty() => kind.to_string(),
                s => s,
            };
            if taken(&slug) {
                format!("{slug}-{kind}")
            } else {
                slug
            }
        };
        let names = |field: fn(&PersonMatter) -> &Option<String>| {
            site.people
                .iter()
                .filter_map(|p| clean(field(&p.doc.matter)))
                .collect::<std::collections::BTreeSet<String>>()
        };
        let councils: BTreeMap<String, String> = names(|m| &m.represents)
            .into_iter()
            .map(|name| {
                let id = id(&name, "council", &|s| boards.contains(s));
                (name, id)
            })
            .collect();
        let council_ids: HashSet<&str> = councils.values().map(String::as_str).collect();
        let parties = names(|m| &m.party)
            .into_iter()
            .map(|name| {
                let id = id(&name, "party", &|s| {
                    boards.contains(s) || council_ids.contains(s)
                });
                (name, id)
            })
            .collect();
        Bodies { councils, parties }
    }

    /// The id of the body `person` represents.
    fn council(&self, person: &PersonMatter) -> Option<&String> {
        self.councils.get(&clean(&person.represents)?)
    }

    fn party(&self, person: &PersonMatter) -> Option<&String> {
        self.parties.get(&clean(&person.party)?)
    }

    /// The id of the ward seat `person` holds: `<council id>/<ward slug>`.
    fn post(&self, person: &PersonMatter) -> Option<(String, String)> {
        let council = self.council(person)?;
        let ward = clean(&person.ward)?;
        let slug = match slugify(&ward) {
            s if s.is_empty() => "ward".to_string(),
            s => s,
        };
        Some((format!("{council}/{slug}"), ward))
    }
}

/// Where a person's photo is published, if its file is in `content/`: as a page's linked file is
/// (`files/<path under content>`).
fn image(site: &Site, person: &Person) -> Option<String> {
    let photo = person.doc.matter.photo.as_ref()?;
    let dir = person.doc.path.parent().unwrap_or(Path::new(""));
    let file = crate::site::normalise(&dir.join(photo.file.trim()))?;
    if !site.assets.contains(&file) {
        return None;
    }
    let under = file.strip_prefix(CONTENT_DIR).unwrap_or(&file);
    Some(site.permalink(&format!(
        "files/{}",
        under.to_string_lossy().replace('\\', "/")
    )))
}

pub(super) fn persons(site: &Site) -> Vec<PersonRecord> {
    let bodies = Bodies::new(site);
    let mut out: Vec<PersonRecord> = site
        .people
        .iter()
        .map(|person| {
            let m = &person.doc.matter;
            let address = m.address.as_deref().map(crate::content::model::one_line);
            let contact_details = [
                ("email", clean(&m.email)),
                ("voice", clean(&m.phone)),
                ("address", address.filter(|a| !a.is_empty())),
            ]
            .into_iter()
            .filter_map(|(contact_type, value)| {
                value.map(|value| ContactDetail {
                    contact_type,
                    value,
                })
            })
            .collect();
            let biography = plain_text(person.doc.body());
            PersonRecord {
                id: person.id.clone(),
                name: m.name.trim().to_string(),
                honorific_prefix: clean(&m.honorific),
                other_names: m
                    .other_names
                    .iter()
                    .map(|n| n.trim())
                    .filter(|n| !n.is_empty())
                    .map(|name| OtherName {
                        name: name.to_string(),
                    })
                    .collect(),
                email: clean(&m.email),
                image: image(site, person),
                contact_details,
                links: vec![Link {
                    url: site.permalink(&person.path),
                    note: "Their page on this site",
                }],
                biography: (!biography.is_empty()).then_some(biography),
                person_type: m.person_type.label(),
                party: clean(&m.party),
                ward: clean(&m.ward),
                represents: bodies.council(m).cloned(),
                position: clean(&m.position),
                department: clean(&m.department),
                start_date: m.start_date.map(|d| d.iso()),
                end_date: m.end_date.map(|d| d.iso()),
                interests: m.interests.as_ref().map(|i| InterestsRecord {
                    updated: i.updated.iso(),
                    document: clean(&i.document),
                    entries: i
                        .entries
                        .iter()
                        .map(|e| InterestRecord {
                            category: e.category,
                            interest: e.interest.trim().to_string(),
                            registered: e.registered.map(|d| d.iso()),
                        })
                        .collect(),
                }),
            }
        })
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

pub(super) fn organizations(site: &Site) -> Vec<OrganizationRecord> {
    let bodies = Bodies::new(site);
    let boards = site
        .boards
        .iter()
        .enumerate()
        .map(|(b, board)| OrganizationRecord {
            id: board_id(site, b),
            name: board.doc.matter.title.clone(),
            classification: "committee",
            links: vec![Link {
                url: site.permalink(&board.path),
                note: "The board's page on this site",
            }],
        });
    // Names with one slug are one organization, named as the first of them is written.
    let mut others: BTreeMap<&str, OrganizationRecord> = BTreeMap::new();
    for (classification, names) in [("council", &bodies.councils), ("party", &bodies.parties)] {
        for (name, id) in names {
            others.entry(id).or_insert_with(|| OrganizationRecord {
                id: id.clone(),
                name: name.clone(),
                classification,
                links: Vec::new(),
            });
        }
    }
    let mut out: Vec<OrganizationRecord> = boards.chain(others.into_values()).collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

pub(super) fn memberships(site: &Site) -> Vec<MembershipRecord> {
    let bodies = Bodies::new(site);
    // Each with what orders memberships that would share an id: the place on the board.
    let mut out: Vec<(MembershipRecord, usize)> = Vec::new();
    for person in site.people.iter() {
        let m = &person.doc.matter;
        for ms in &person.memberships {
            let board = board_id(site, ms.board);
            let mut id = format!("{board}/{}", person.id);
            if let Some(start) = ms.start_date {
                id = format!("{id}/{start}");
            }
            let record = MembershipRecord {
                id,
                person_id: person.id.clone(),
                organization_id: board,
                post_id: None,
                role: clean(&ms.role),
                start_date: ms.start_date.map(|d| d.iso()),
                end_date: ms.end_date.map(|d| d.iso()),
                substitute: ms.substitute,
                group: Some(ms.group.trim().to_string()).filter(|g| !g.is_empty()),
            };
            out.push((record, ms.entry));
        }
        if let Some(council) = bodies.council(m) {
            let post = bodies.post(m);
            let record = MembershipRecord {
                id: format!("{council}/{}", person.id),
                person_id: person.id.clone(),
                organization_id: council.clone(),
                role: post.is_some().then(|| "Councillor".to_string()),
                post_id: post.map(|(id, _)| id),
                start_date: m.start_date.map(|d| d.iso()),
                end_date: m.end_date.map(|d| d.iso()),
                substitute: false,
                group: None,
            };
            out.push((record, 0));
        }
        if let Some(party) = bodies.party(m) {
            let record = MembershipRecord {
                id: format!("{party}/{}", person.id),
                person_id: person.id.clone(),
                organization_id: party.clone(),
                post_id: None,
                role: None,
                start_date: None,
                end_date: None,
                substitute: false,
                group: None,
            };
            out.push((record, 0));
        }
    }
    out.sort_by(|a, b| (&a.0.id, a.1).cmp(&(&b.0.id, b.1)));
    // Two places on one board from the same date (or none): the later listed are `/2`, `/3`...
    let mut previous: Option<(String, usize)> = None;
    out.into_iter()
        .map(|(mut record, _)| {
            let n = match &previous {
                Some((id, n)) if *id == record.id => n + 1,
                _ => 1,
            };
            previous = Some((record.id.clone(), n));
            if n > 1 {
                record.id = format!("{}/{n}", record.id);
            }
            record
        })
        .collect()
}

pub(super) fn posts(site: &Site) -> Vec<PostRecord> {
    let bodies = Bodies::new(site);
    let mut by_id: BTreeMap<String, PostRecord> = BTreeMap::new();
    for person in site.people.iter() {
        let m = &person.doc.matter;
        let (Some(council), Some((id, ward))) = (bodies.council(m), bodies.post(m)) else {
            continue;
        };
        by_id.entry(id.clone()).or_insert_with(|| PostRecord {
            id,
            label: format!("Councillor for {ward}"),
            role: "Councillor",
            organization_id: council.clone(),
            area: Area { name: ward },
        });
    }
    by_id.into_values().collect()
}

pub(super) fn attendance(site: &Site) -> Vec<AttendanceRecord> {
    let mut out: Vec<AttendanceRecord> = site
        .people
        .iter()
        .flat_map(|person| {
            person.attendance.iter().map(|row| {
                let board = board_id(site, row.board);
                AttendanceRecord {
                    id: format!("{board}/{}", person.id),
                    person_id: person.id.clone(),
                    organization_id: board,
                    expected: row.expected,
                    present: row.present,
                    apologies: row.apologies,
                    substituted: row.substituted,
                    absent: row.absent,
                    as_substitute: row.as_substitute,
                    percent: row.percent(),
                }
            })
        })
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The published definition is the attendance module's documentation, as plain text.
    #[test]
    fn the_definition_is_the_attendance_modules_documentation() {
        let source = include_str!("../../site/people/attendance.rs");
        let doc: Vec<&str> = source
            .lines()
            .map_while(|l| l.strip_prefix("//!"))
            .map(str::trim)
            .collect();
        // After the title line and the blank one.
        let text = doc[2..].join(" ").replace('*', "");
        assert_eq!(DEFINITION, text);
    }
}
