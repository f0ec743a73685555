//! People as records: each person's file linked to a page, and every place a board file or minutes
//! name someone joined to that person ([`names`]), so a person's page can list their memberships,
//! the meetings they attended and the interests they declared, and compute their attendance
//! ([`attendance`]).
//!
//! A site without person files works as before: names stay text. Once there are people, a name
//! that finds nobody, or more than one person, is a warning at its line, and a `person:` id that
//! names no file an error, as a broken link is.

pub mod attendance;
pub mod names;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::content::load::{Doc, Document};
use crate::content::markdown::slugify;
use crate::content::model::{Attendee, Date, MinutesMatter};
use crate::content::people::PersonMatter;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::{BoardId, MeetingId, MinutesId, Site};
pub use attendance::{BoardAttendance, Capacity};
pub(in crate::site) use names::Directory;
use names::Found;

/// Index of a person in [`Site::people`].
pub type PersonId = usize;

/// Where people's pages are published, and where their files are read from under `content/`.
pub const PEOPLE: &str = "people/";

/// A person, linked.
#[derive(Debug)]
pub struct Person {
    pub doc: Doc<PersonMatter>,
    /// The file's name without `.md`: what `person:` refers to, and the page's URL segment.
    pub id: String,
    /// `people/<id>/`.
    pub path: String,
    /// Their places on boards, in board then start-date order; past ones are kept.
    pub memberships: Vec<Membership>,
    /// Per board they sat on or substituted at, the meetings counted ([`attendance`]).
    pub attendance: Vec<BoardAttendance>,
    /// Every meeting whose published minutes list them, in date order, and in what capacity.
    pub attended: Vec<(MeetingId, Capacity)>,
    /// Their declarations of interest: the minutes and the place in their `declarations`.
    pub declarations: Vec<(MinutesId, usize)>,
    /// How they voted in named votes, newest decision first ([`crate::site::decisions`]).
    pub votes: Vec<crate::site::decisions::CastVote>,
    /// The decisions they made on their own (as an executive member or an officer), newest first.
    pub decided: Vec<crate::site::decisions::DecisionId>,
}

impl Person {
    /// The last meeting they attended as a member or a substitute (LGA 1972 s.85 counts these).
    pub fn last_attended(&self, site: &Site) -> Option<Date> {
        self.attended
            .iter()
            .filter(|(_, c)| matches!(c, Capacity::Member | Capacity::Substitute))
            .map(|&(m, _)| site.meetings.unrecorded()[m].date)
            .max()
    }
}

/// A person's place on a board, as its `board.md` gives it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Membership {
    pub board: BoardId,
    /// The membership group (political group) it is listed under.
    pub group: String,
    pub role: Option<String>,
    /// A named substitute, not a member expected at every meeting.
    pub substitute: bool,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    /// Its place among the board's members, all groups in order.
    pub entry: usize,
}

impl Membership {
    /// Whether it covers `date`.
    pub fn covers(&self, date: Date) -> bool {
        self.start_date.is_none_or(|s| s <= date) && self.end_date.is_none_or(|e| date <= e)
    }

    /// Whether it has not ended by `today`.
    pub fn is_current(&self, today: Date) -> bool {
        self.end_date.is_none_or(|e| e >= today)
    }
}

/// The people minutes name, each list parallel to the attendance list or declarations it resolves.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct MinutesPeople {
    pub present: Vec<Option<PersonId>>,
    pub apologies: Vec<Option<PersonId>>,
    pub substitutes: Vec<Option<PersonId>>,
    /// Whom each substitute replaced.
    pub substituting: Vec<Option<PersonId>>,
    pub in_attendance: Vec<Option<PersonId>>,
    pub officers: Vec<Option<PersonId>>,
    pub declarations: Vec<Option<PersonId>>,
}

/// Makes the site's people from their files, each at `people/<id>/`.
pub(super) fn link_people(
    site: &mut Site,
    docs: Vec<Doc<PersonMatter>>,
    claim: &mut dyn FnMut(&str, &Path, Option<&str>, &mut Diagnostics) -> bool,
    diagnostics: &mut Diagnostics,
) {
    let mut docs: Vec<(String, Doc<PersonMatter>)> = docs
        .into_iter()
        .map(|doc| {
            let stem = doc
                .path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned());
            (slugify(&stem.unwrap_or_default()), doc)
        })
        .collect();
    docs.sort_by(|a, b| (&a.0, &a.1.path).cmp(&(&b.0, &b.1.path)));
    for (id, doc) in docs {
        let id = if id.is_empty() {
            "person".to_string()
        } else {
            id
        };
        let path = format!("{PEOPLE}{id}/");
        if !claim(&path, &doc.path, Some(&doc.text), diagnostics) {
            continue;
        }
        site.urls.insert(doc.path.clone(), path.clone());
        site.people.push(Person {
            doc,
            id,
            path,
            memberships: Vec::new(),
            attendance: Vec::new(),
            attended: Vec::new(),
            declarations: Vec::new(),
            votes: Vec::new(),
            decided: Vec::new(),
        });
    }
}

/// The site's people as a [`Directory`].
pub fn directory(site: &Site) -> Directory {
    Directory::new(site.people.unrecorded().iter().map(|p| {
        (
            p.id.as_str(),
            p.doc.matter.name.as_str(),
            p.doc.matter.other_names.as_slice(),
            p.doc.matter.full_name(),
        )
    }))
}

/// How sure a name must be found: members and attendees are expected to have files; guests and
/// officers in attendance may not, so only a near miss (a likely typo) is reported for them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    Everyone,
    NearMisses,
}

/// Finds people for one document's names, reporting each unresolved name once.
pub(in crate::site) struct Resolver<'a> {
    dir: &'a Directory,
    people: &'a [Person],
    reported: HashSet<(PathBuf, String)>,
}

impl<'a> Resolver<'a> {
    pub(in crate::site) fn new(dir: &'a Directory, people: &'a [Person]) -> Self {
        Resolver {
            dir,
            people,
            reported: HashSet::new(),
        }
    }

    /// The person `written` (an id or a name) is: what looks like an id is found as one, so that a
    /// misspelt id is an error, not an unknown name.
    pub(in crate::site) fn written<T>(
        &mut self,
        doc: &Document<T>,
        written: &str,
        diagnostics: &mut Diagnostics,
    ) -> Option<PersonId> {
        let as_id = matches!(self.dir.by_id(written), Found::One(_)) || names::looks_like_id(written);
        let id = as_id.then_some(written);
        self.find(doc, id, written, Expect::Everyone, diagnostics)
    }

    fn find<T>(
        &mut self,
        doc: &Document<T>,
        id: Option<&str>,
        name: &str,
        expect: Expect,
        diagnostics: &mut Diagnostics,
    ) -> Option<PersonId> {
        let found = self.dir.find(id, name);
        let written = id.unwrap_or(name).trim();
        let first_time =
            |me: &mut Self| me.reported.insert((doc.path.clone(), written.to_string()));
        let at = |d: Diagnostic| doc.at_text(d, written);
        match found {
            Found::One(p) => Some(p),
            Found::BySurname(p) => {
                if first_time(self) {
                    let full = self.people[p].doc.matter.full_name();
                    diagnostics.push(
                        at(Diagnostic::warning(
                            "BP107",
                            &doc.path,
                            format!("`{written}` is taken to be {full}, the only person of that surname"),
                        ))
                        .help(format!(
                            "write the full name, `person: {}`, or add `{}` to their `other_names` if that is how they are known",
                            self.people[p].id,
                            names::normalise(written)
                        )),
                    );
                }
                Some(p)
            }
            Found::Unknown if id.is_some() => {
                if first_time(self) {
                    let suggestion = self.dir.suggest(id, name);
                    let help = match suggestion {
                        Some(s) => format!("did you mean `{s}`? A person's id is the name of their file in content/people/, without `.md`"),
                        None => "add their file, content/people/<id>.md (`boardpack new person`), or correct the id".to_string(),
                    };
                    diagnostics.push(
                        at(Diagnostic::error(
                            "BP105",
                            &doc.path,
                            format!("no person has the id `{written}`"),
                        ))
                        .label("no file content/people/ has this name")
                        .help(help),
                    );
                }
                None
            }
            Found::Unknown => {
                // Each unknown name once per file: finding the nearest compares with everyone.
                if !first_time(self) {
                    return None;
                }
                let suggestion = self.dir.suggest(None, name);
                if expect == Expect::Everyone || suggestion.is_some() {
                    let help = match suggestion {
                        Some(s) => format!("did you mean {s}? Or add this spelling to their `other_names`"),
                        None => "add a person file for them (content/people/<id>.md), or refer to them by id with `person:`".to_string(),
                    };
                    diagnostics.push(
                        at(Diagnostic::warning(
                            "BP106",
                            &doc.path,
                            format!("`{written}` matches no person in content/people/"),
                        ))
                        .label("not linked to a person's page")
                        .help(help),
                    );
                }
                None
            }
            Found::Ambiguous(many) => {
                if first_time(self) {
                    let ids: Vec<String> = many
                        .iter()
                        .map(|&p| format!("`person: {}`", self.people[p].id))
                        .collect();
                    diagnostics.push(
                        at(Diagnostic::warning(
                            "BP108",
                            &doc.path,
                            format!("`{written}` could be any of {} people", many.len()),
                        ))
                        .label("not linked to a person's page")
                        .help(format!("say which with {}", ids.join(" or "))),
                    );
                }
                None
            }
        }
    }

    fn attendees(
        &mut self,
        doc: &Document<MinutesMatter>,
        list: &[Attendee],
        expect: Expect,
        diagnostics: &mut Diagnostics,
    ) -> Vec<Option<PersonId>> {
        list.iter()
            .map(|a| self.find(doc, a.person.as_deref(), &a.name, expect, diagnostics))
            .collect()
    }
}

/// Joins every name in boards, minutes and contacts to a person, then works out each person's
/// memberships, meetings and attendance. Runs once boards, meetings and minutes are linked.
pub(super) fn join_people(site: &mut Site, dir: &Directory, diagnostics: &mut Diagnostics) {
    let people = std::mem::take(site.people.vec_mut());
    let any = !people.is_empty();
    let mut resolver = Resolver {
        dir,
        people: &people,
        reported: HashSet::new(),
    };
    // Without any person files a name is just text; an explicit id is still checked.
    for board in site.boards.iter_mut() {
        let doc = board.doc.clone();
        board.members = doc
            .matter
            .membership
            .iter()
            .flat_map(|g| g.members.iter())
            .map(|m| {
                if !any && m.person.is_none() {
                    return None;
                }
                resolver.find(
                    &doc,
                    m.person.as_deref(),
                    &m.name,
                    Expect::Everyone,
                    diagnostics,
                )
            })
            .collect();
        board.contact = contact(dir, doc.matter.contact.as_ref());
    }
    for paper in site.papers.iter_mut() {
        paper.contact = contact(dir, paper.doc.matter.contact.as_ref());
    }
    for meeting in site.meetings.iter_mut() {
        for item in &mut meeting.agenda {
            item.presenter_person = item.presenter.as_deref().and_then(|p| {
                let name = p.split(',').next().unwrap_or(p);
                match dir.by_name(name) {
                    Found::One(person) => Some(person),
                    _ => None,
                }
            });
        }
    }
    for minutes in site.minutes.iter_mut() {
        let doc = minutes.doc.clone();
        let a = &doc.matter.attendance;
        let mut resolved = MinutesPeople::default();
        if any || has_ids(&doc.matter) {
            let r = &mut resolver;
            resolved.present = r.attendees(&doc, &a.present, Expect::Everyone, diagnostics);
            resolved.apologies = r.attendees(&doc, &a.apologies, Expect::Everyone, diagnostics);
            resolved.substitutes = r.attendees(&doc, &a.substitutes, Expect::Everyone, diagnostics);
            resolved.substituting = a
                .substitutes
                .iter()
                .map(|s| {
                    // `substituting` takes an id or a name.
                    s.substituting.as_deref().and_then(|whom| r.written(&doc, whom, diagnostics))
                })
                .collect();
            resolved.in_attendance =
                r.attendees(&doc, &a.in_attendance, Expect::NearMisses, diagnostics);
            resolved.officers = r.attendees(&doc, &a.officers, Expect::NearMisses, diagnostics);
            resolved.declarations = doc
                .matter
                .declarations
                .iter()
                .map(|d| {
                    r.find(
                        &doc,
                        d.person.as_deref(),
                        &d.member,
                        Expect::Everyone,
                        diagnostics,
                    )
                })
                .collect();
        }
        minutes.people = resolved;
    }
    *site.people.vec_mut() = people;
    memberships(site);
    attendance::compute(site);
}

/// The person a contact names, when exactly one has that name. A contact is often a team or a
/// mailbox, so no name here is reported.
fn contact(dir: &Directory, contact: Option<&crate::content::model::Contact>) -> Option<PersonId> {
    match dir.by_name(contact?.name.as_deref()?) {
        Found::One(p) => Some(p),
        _ => None,
    }
}

/// Whether minutes name anyone by id.
fn has_ids(matter: &MinutesMatter) -> bool {
    let a = &matter.attendance;
    [
        &a.present,
        &a.apologies,
        &a.substitutes,
        &a.in_attendance,
        &a.officers,
    ]
    .iter()
    .any(|list| list.iter().any(|x| x.person.is_some()))
        || matter.declarations.iter().any(|d| d.person.is_some())
}

/// Each person's memberships, from the boards' resolved members.
fn memberships(site: &mut Site) {
    let mut by_person: BTreeMap<PersonId, Vec<Membership>> = BTreeMap::new();
    for (board_id, board) in site.boards.unrecorded().iter().enumerate() {
        for (entry, (group, m, person)) in board.each_member().enumerate() {
            if let Some(p) = person {
                by_person.entry(p).or_default().push(Membership {
                    board: board_id,
                    group: group.group.clone(),
                    role: m.role.clone(),
                    substitute: m.substitute,
                    start_date: m.start_date,
                    end_date: m.end_date,
                    entry,
                });
            }
        }
    }
    let titles: HashMap<BoardId, &str> = site
        .boards
        .unrecorded()
        .iter()
        .enumerate()
        .map(|(i, b)| (i, b.doc.matter.title.as_str()))
        .collect();
    for (p, mut list) in by_person {
        list.sort_by(|a, b| {
            (titles[&a.board], a.start_date, a.entry).cmp(&(
                titles[&b.board],
                b.start_date,
                b.entry,
            ))
        });
        site.people[p].memberships = list;
    }
}
