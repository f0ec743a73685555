//! What pages show of people: a name wherever it is written, linked to the person's page when it is
//! joined to one ([`crate::site::people`]); a person's own page; the list of everyone.

use serde::Serialize;

use crate::content::markdown::LinkTarget;
use crate::content::model::{Attendee, Date};
use crate::content::people::{InterestCategory, PersonType};
use crate::diagnostics::Diagnostic;
use crate::render::Collector;
use crate::render::context::{ContactView, DateView, LinkView};
use crate::render::links::{markdown_doc, resolver};
use crate::render::pages::date_view;
use crate::site::people::MinutesPeople;
use crate::site::{BoardId, MinutesId, PersonId, Site};

/// A person's name as a page shows it, with their page's URL when they have one.
#[derive(Debug, Clone, Serialize)]
pub struct NameView {
    pub name: String,
    pub url: Option<String>,
}

/// The name to show for someone written as `written` (empty when only an id was given) and
/// joined to `person`.
pub fn name_view(site: &Site, written: &str, person: Option<PersonId>) -> NameView {
    match person {
        Some(p) => {
            let person = &site.people[p];
            let name = if written.trim().is_empty() {
                person.doc.matter.full_name()
            } else {
                written.trim().to_string()
            };
            NameView {
                name,
                url: Some(site.href(&person.path)),
            }
        }
        None => NameView {
            name: written.trim().to_string(),
            url: None,
        },
    }
}

/// A member of a board, as its page lists them.
#[derive(Debug, Clone, Serialize)]
pub struct MemberView {
    pub name: String,
    pub url: Option<String>,
    pub role: Option<String>,
    pub authority: Option<String>,
    pub substitute: bool,
    pub start_date: Option<DateView>,
    pub end_date: Option<DateView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MemberGroupView {
    pub group: String,
    /// Current members (and members yet to join).
    pub members: Vec<MemberView>,
}

/// A board's membership: current members by group, and those who have left.
pub fn membership(site: &Site, board: BoardId) -> (Vec<MemberGroupView>, Vec<MemberView>) {
    let b = &site.boards[board];
    let mut past = Vec::new();
    let mut groups: Vec<MemberGroupView> = Vec::new();
    for (g, m, person) in b.each_member() {
        let name = name_view(site, &m.name, person);
        let authority = m
            .authority
            .clone()
            .or_else(|| person.and_then(|p| site.people[p].doc.matter.represents.clone()));
        let view = MemberView {
            name: name.name,
            url: name.url,
            role: m.role.clone(),
            authority,
            substitute: m.substitute,
            start_date: m.start_date.map(date_view),
            end_date: m.end_date.map(date_view),
        };
        if m.end_date.is_some_and(|e| e < site.today) {
            past.push(view);
            continue;
        }
        match groups.last_mut() {
            Some(last) if last.group == g.group => last.members.push(view),
            _ => groups.push(MemberGroupView {
                group: g.group.clone(),
                members: vec![view],
            }),
        }
    }
    (groups, past)
}

/// Someone in an attendance list.
#[derive(Debug, Clone, Serialize)]
pub struct AttendeeView {
    pub name: String,
    pub url: Option<String>,
    pub role: Option<String>,
    pub authority: Option<String>,
    pub substituting: Option<String>,
    pub substituting_url: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct AttendanceView {
    pub present: Vec<AttendeeView>,
    pub apologies: Vec<AttendeeView>,
    pub substitutes: Vec<AttendeeView>,
    pub in_attendance: Vec<AttendeeView>,
    pub officers: Vec<AttendeeView>,
}

/// A declaration of interest, as minutes show it.
#[derive(Debug, Clone, Serialize)]
pub struct DeclarationView {
    pub member: String,
    pub url: Option<String>,
    pub item: Option<String>,
    pub interest: String,
    pub type_label: Option<&'static str>,
    pub action_label: Option<&'static str>,
    pub dispensation: Option<String>,
}

/// The attendance and declarations of minutes `id`, names linked.
pub fn minutes_people(site: &Site, id: MinutesId) -> (AttendanceView, Vec<DeclarationView>) {
    let minutes = &site.minutes[id];
    let matter = &minutes.doc.matter;
    let people: &MinutesPeople = &minutes.people;
    let list = |written: &[Attendee], resolved: &[Option<PersonId>], subs: &[Option<PersonId>]| {
        written
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let name = name_view(site, &a.name, resolved.get(i).copied().flatten());
                let substituting = a.substituting.as_deref().map(|whom| {
                    let p = subs.get(i).copied().flatten();
                    // An id is shown as the person's name.
                    let written = if p.is_some_and(|p| site.people[p].id == whom.trim()) {
                        ""
                    } else {
                        whom
                    };
                    name_view(site, written, p)
                });
                AttendeeView {
                    name: name.name,
                    url: name.url,
                    role: a.role.clone(),
                    authority: a.authority.clone(),
                    substituting_url: substituting.as_ref().and_then(|s| s.url.clone()),
                    substituting: substituting.map(|s| s.name),
                }
            })
            .collect()
    };
    let a = &matter.attendance;
    let attendance = AttendanceView {
        present: list(&a.present, &people.present, &[]),
        apologies: list(&a.apologies, &people.apologies, &[]),
        substitutes: list(&a.substitutes, &people.substitutes, &people.substituting),
        in_attendance: list(&a.in_attendance, &people.in_attendance, &[]),
        officers: list(&a.officers, &people.officers, &[]),
    };
    let declarations = matter
        .declarations
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let name = name_view(
                site,
                &d.member,
                people.declarations.get(i).copied().flatten(),
            );
            DeclarationView {
                member: name.name,
                url: name.url,
                item: d.item.as_ref().map(ToString::to_string),
                interest: d.interest.clone(),
                type_label: d.declaration_type.map(|t| t.label()),
                action_label: d.action.map(|a| a.label()),
                dispensation: d.dispensation.clone(),
            }
        })
        .collect();
    (attendance, declarations)
}

/// A person in the list of everyone.
#[derive(Debug, Clone, Serialize)]
pub struct PersonCard {
    pub name: String,
    pub url: String,
    pub party: Option<String>,
    pub represents: Option<String>,
    pub ward: Option<String>,
    pub position: Option<String>,
    pub department: Option<String>,
    /// The boards they sit on now, with their role.
    pub boards: Vec<String>,
}

/// People grouped under a heading (a council, a party, a ward, a department).
#[derive(Debug, Clone, Serialize)]
pub struct PeopleGroup {
    pub title: String,
    /// For the list of groupings' links.
    pub anchor: String,
    pub people: Vec<PersonCard>,
}

/// One way of grouping people, with its groups.
#[derive(Debug, Clone, Serialize)]
pub struct Grouping {
    pub title: String,
    pub anchor: String,
    pub groups: Vec<PeopleGroup>,
}

/// `people` (people.html).
#[derive(Debug, Clone, Serialize)]
pub struct PeopleView {
    /// Current members grouped by council, by party and by ward.
    pub groupings: Vec<Grouping>,
    pub officers: Vec<PersonCard>,
    pub others: Vec<PersonCard>,
    /// Members whose term or every place on a board has ended.
    pub past: Vec<PersonCard>,
    pub count: usize,
}

fn is_current(site: &Site, p: PersonId) -> bool {
    let person = &site.people[p];
    let matter = &person.doc.matter;
    if matter.end_date.is_some_and(|e| e < site.today) {
        return false;
    }
    matter.person_type != PersonType::Member
        || person.memberships.is_empty()
        || person.memberships.iter().any(|m| m.is_current(site.today))
}

fn card(site: &Site, p: PersonId) -> PersonCard {
    let person = &site.people[p];
    let matter = &person.doc.matter;
    PersonCard {
        name: matter.full_name(),
        url: site.href(&person.path),
        party: matter.party.clone(),
        represents: matter.represents.clone(),
        ward: matter.ward.clone(),
        position: matter.position.clone(),
        department: matter.department.clone(),
        boards: person
            .memberships
            .iter()
            .filter(|m| m.is_current(site.today))
            .map(|m| {
                let title = &site.boards[m.board].doc.matter.title;
                match (&m.role, m.substitute) {
                    (Some(role), _) => format!("{title} ({role})"),
                    (None, true) => format!("{title} (substitute)"),
                    (None, false) => title.clone(),
                }
            })
            .collect(),
    }
}

/// Sorts by surname-ish order: the name's last word, then the whole name.
fn sort_cards(cards: &mut [PersonCard]) {
    cards.sort_by(|a, b| {
        let key = |c: &PersonCard| {
            let last = c.name.rsplit(' ').next().unwrap_or("").to_lowercase();
            (last, c.name.to_lowercase())
        };
        key(a).cmp(&key(b))
    });
}

fn grouped(
    site: &Site,
    members: &[PersonId],
    title: &str,
    anchor: &str,
    by: impl Fn(PersonId) -> Option<String>,
) -> Grouping {
    let mut groups: std::collections::BTreeMap<String, Vec<PersonCard>> = Default::default();
    for &p in members {
        let key = by(p).unwrap_or_else(|| "Not given".to_string());
        groups.entry(key).or_default().push(card(site, p));
    }
    Grouping {
        title: title.to_string(),
        anchor: anchor.to_string(),
        groups: groups
            .into_iter()
            .map(|(title, mut people)| {
                sort_cards(&mut people);
                PeopleGroup {
                    anchor: format!("{anchor}-{}", crate::content::markdown::slugify(&title)),
                    title,
                    people,
                }
            })
            .collect(),
    }
}

pub fn people_view(site: &Site) -> PeopleView {
    // Walked, so the list depends on every person (a read of the whole list).
    let all: Vec<PersonId> = site.people.iter().enumerate().map(|(p, _)| p).collect();
    let (current, past): (Vec<PersonId>, Vec<PersonId>) =
        all.iter().partition(|&&p| is_current(site, p));
    let of_type = |t: PersonType| -> Vec<PersonId> {
        current
            .iter()
            .copied()
            .filter(|&p| site.people[p].doc.matter.person_type == t)
            .collect()
    };
    let members = of_type(PersonType::Member);
    let matter = |p: PersonId| &site.people[p].doc.matter;
    let groupings = vec![
        grouped(site, &members, "By council", "council", |p| {
            matter(p).represents.clone()
        }),
        grouped(site, &members, "By party or group", "party", |p| {
            matter(p).party.clone()
        }),
        grouped(site, &members, "By ward or division", "ward", |p| {
            matter(p)
                .ward
                .as_ref()
                .map(|w| match &matter(p).represents {
                    Some(council) => format!("{w} ({council})"),
                    None => w.clone(),
                })
        }),
    ];
    let cards = |list: Vec<PersonId>| {
        let mut cards: Vec<PersonCard> = list.into_iter().map(|p| card(site, p)).collect();
        sort_cards(&mut cards);
        cards
    };
    PeopleView {
        groupings,
        officers: cards(of_type(PersonType::Officer)),
        others: cards(of_type(PersonType::Other)),
        past: cards(past),
        count: site.people.len(),
    }
}

/// A place on a board, on a person's page.
#[derive(Debug, Clone, Serialize)]
pub struct RoleView {
    pub board: LinkView,
    pub role: String,
    pub group: String,
    pub start_date: Option<DateView>,
    pub end_date: Option<DateView>,
    pub current: bool,
}

/// A person's attendance at one board, with the figures explained.
#[derive(Debug, Clone, Serialize)]
pub struct AttendanceRow {
    pub board: LinkView,
    pub expected: u32,
    pub present: u32,
    pub apologies: u32,
    pub substituted: u32,
    pub absent: u32,
    pub as_substitute: u32,
    pub percent: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttendedView {
    pub date: DateView,
    pub title: String,
    pub url: String,
    pub minutes_url: Option<String>,
    pub capacity: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonDeclarationView {
    pub meeting: String,
    pub date: DateView,
    pub minutes_url: String,
    pub item: Option<String>,
    pub item_url: Option<String>,
    pub interest: String,
    pub type_label: Option<&'static str>,
    pub action_label: Option<&'static str>,
    pub dispensation: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InterestGroupView {
    pub category: &'static str,
    pub pecuniary: bool,
    pub entries: Vec<InterestEntryView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InterestEntryView {
    pub interest: String,
    pub registered: Option<DateView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InterestsView {
    pub updated: DateView,
    pub document: Option<String>,
    pub groups: Vec<InterestGroupView>,
}

/// `person` (person.html).
#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    pub id: String,
    pub name: String,
    pub honorific: Option<String>,
    /// `member`, `officer` or `other`.
    pub person_type: &'static str,
    pub party: Option<String>,
    pub represents: Option<String>,
    pub ward: Option<String>,
    pub position: Option<String>,
    pub department: Option<String>,
    pub contact: ContactView,
    pub address: Vec<String>,
    pub photo_url: Option<String>,
    pub photo_alt: Option<String>,
    pub start_date: Option<DateView>,
    pub end_date: Option<DateView>,
    pub current: bool,
    pub bio_html: String,
    pub roles: Vec<RoleView>,
    pub attendance: Vec<AttendanceRow>,
    pub attended: Vec<AttendedView>,
    pub declarations: Vec<PersonDeclarationView>,
    pub interests: Option<InterestsView>,
    /// How they voted in recorded (named) votes, newest decision first.
    pub votes: Vec<crate::render::decisions::CastVoteView>,
    /// Decisions they made on their own, newest first.
    pub decisions: Vec<crate::render::decisions::DecisionLine>,
    pub extra: Option<serde_json::Value>,
}

fn board_link(site: &Site, board: BoardId) -> LinkView {
    let b = &site.boards[board];
    LinkView {
        title: b.doc.matter.title.clone(),
        url: site.href(&b.path),
    }
}

fn date(d: Option<Date>) -> Option<DateView> {
    d.map(date_view)
}

pub(crate) fn person_view(site: &Site, id: PersonId, c: &Collector) -> PersonView {
    let person = &site.people[id];
    let matter = &person.doc.matter;
    let bio = markdown_doc(site, &person.doc, Default::default(), c);
    let roles = person
        .memberships
        .iter()
        .map(|m| RoleView {
            board: board_link(site, m.board),
            role: match (&m.role, m.substitute) {
                (Some(role), _) => role.clone(),
                (None, true) => "Substitute member".to_string(),
                (None, false) => "Member".to_string(),
            },
            group: m.group.clone(),
            start_date: date(m.start_date),
            end_date: date(m.end_date),
            current: m.is_current(site.today),
        })
        .collect();
    let attendance = person
        .attendance
        .iter()
        .map(|a| AttendanceRow {
            board: board_link(site, a.board),
            expected: a.expected,
            present: a.present,
            apologies: a.apologies,
            substituted: a.substituted,
            absent: a.absent,
            as_substitute: a.as_substitute,
            percent: a.percent(),
        })
        .collect();
    let attended = person
        .attended
        .iter()
        .rev()
        .map(|&(m, capacity)| {
            let meeting = &site.meetings[m];
            AttendedView {
                date: date_view(meeting.date),
                title: site.boards[meeting.board].doc.matter.title.clone(),
                url: site.href(&meeting.path),
                minutes_url: meeting.minutes.map(|n| site.href(&site.minutes[n].path)),
                capacity: capacity.label(),
            }
        })
        .collect();
    let declarations = person
        .declarations
        .iter()
        .rev()
        .map(|&(n, i)| {
            let minutes = &site.minutes[n];
            let meeting = &site.meetings[minutes.meeting];
            let d = &minutes.doc.matter.declarations[i];
            let item_url = d.item.as_ref().and_then(|item| {
                meeting
                    .agenda
                    .iter()
                    .find(|a| a.item == *item)
                    .and_then(|a| a.paper)
                    .map(|p| site.href(&site.papers[p].path))
            });
            PersonDeclarationView {
                meeting: site.boards[meeting.board].doc.matter.title.clone(),
                date: date_view(meeting.date),
                minutes_url: site.href(&minutes.path),
                item: d.item.as_ref().map(ToString::to_string),
                item_url,
                interest: d.interest.clone(),
                type_label: d.declaration_type.map(|t| t.label()),
                action_label: d.action.map(|a| a.label()),
                dispensation: d.dispensation.clone(),
            }
        })
        .collect();
    let interests = matter.interests.as_ref().map(|i| InterestsView {
        updated: date_view(i.updated),
        document: i.document.clone(),
        groups: InterestCategory::ALL
            .into_iter()
            .map(|category| InterestGroupView {
                category: category.label(),
                pecuniary: category.is_pecuniary(),
                entries: i
                    .entries
                    .iter()
                    .filter(|e| e.category == category)
                    .map(|e| InterestEntryView {
                        interest: e.interest.clone(),
                        registered: date(e.registered),
                    })
                    .collect(),
            })
            .collect(),
    });
    let contact = crate::content::model::Contact {
        name: None,
        position: None,
        phone: matter.phone.clone(),
        email: matter.email.clone(),
    };
    // The photo is published as a linked file is, and a missing one reported as a broken link.
    let photo_url = matter.photo.as_ref().and_then(|photo| {
        match resolver(site, person.doc.dir(), c)(&photo.file) {
            LinkTarget::Resolved(url) => Some(url),
            _ => {
                c.out.borrow_mut().diagnostics.push(
                    person
                        .doc
                        .at_value(
                            Diagnostic::warning(
                                "BP030",
                                &person.doc.path,
                                format!("the photo `{}` is not a file beside this one", photo.file),
                            ),
                            "file",
                            &photo.file,
                        )
                        .help("give the image's path relative to this file, e.g. `file: photos/jo-bloggs.jpg`"),
                );
                None
            }
        }
    });
    PersonView {
        votes: crate::render::decisions::person_votes(site, id),
        decisions: person
            .decided
            .iter()
            .map(|&d| crate::render::decisions::decision_line(site, d))
            .collect(),
        id: person.id.clone(),
        name: matter.full_name(),
        honorific: matter.honorific.clone(),
        person_type: matter.person_type.label(),
        party: matter.party.clone(),
        represents: matter.represents.clone(),
        ward: matter.ward.clone(),
        position: matter.position.clone(),
        department: matter.department.clone(),
        contact: ContactView::from(Some(&contact)),
        address: matter
            .address
            .as_deref()
            .map(|a| {
                crate::content::model::lines_of(a)
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default(),
        photo_url,
        photo_alt: matter.photo.as_ref().map(|p| p.alt.clone()),
        start_date: date(matter.start_date),
        end_date: date(matter.end_date),
        current: is_current(site, id),
        bio_html: bio.html,
        roles,
        attendance,
        attended,
        declarations,
        interests,
        extra: matter.extra.clone(),
    }
}
