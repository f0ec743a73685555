//! `boardpack new people`: person files made from the names a site already uses, so that a clerk
//! adopting people (issue 29) does not type the members and officers in again.
//!
//! Every name written in `board.md` memberships and contacts, in minutes' attendance lists and
//! declarations, and in papers' contacts is looked up as `check` looks it up
//! ([`crate::site::people::names`]). A name that finds a person is left alone; the names that find
//! nobody are grouped by their compared form ([`names::normalise`]: "Cllr Jo Bloggs" and
//! "Councillor Jo Bloggs" are one person) and each group becomes `content/people/<id>.md`, with what
//! the site says of them: the authority a member represents, their political group, an officer's
//! position, a contact's email and phone.
//!
//! Nothing is overwritten, and a second run finds every name and writes nothing. Names that would
//! not become a sure link are reported instead of written: a near miss of an existing person's name
//! (likely a typo), a name that could be several people, a contact that reads as a team.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::content::load::{self, Bodies};
use crate::content::markdown::slugify;
use crate::content::model::{Attendee, Contact};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::people::names::{self, Found};
use crate::site::{LinkOptions, Site};

/// Where person files go, under the site root.
pub const PEOPLE_DIR: &str = "content/people";

/// What a name was written as: the strongest decides the person's `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Seen {
    /// In a membership, or present, apologies, substitutes or declarations in minutes.
    Member,
    /// In minutes' `officers`, or a board's or paper's contact.
    Officer,
    /// In minutes' `in_attendance`.
    Other,
}

/// One place a name is written, with what that place says of the person.
#[derive(Debug, Clone)]
struct Sighting {
    written: String,
    file: PathBuf,
    seen: Seen,
    represents: Option<String>,
    party: Option<String>,
    position: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

impl Sighting {
    fn new(written: &str, file: &Path, seen: Seen) -> Self {
        Sighting {
            written: written.trim().to_string(),
            file: file.to_path_buf(),
            seen,
            represents: None,
            party: None,
            position: None,
            email: None,
            phone: None,
        }
    }
}

/// A person file to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPerson {
    pub id: String,
    /// Relative to the site root: `content/people/<id>.md`.
    pub path: PathBuf,
    pub name: String,
    pub honorific: Option<String>,
    pub other_names: Vec<String>,
    /// `member`, `officer` or `other`.
    pub person_type: &'static str,
    pub represents: Option<String>,
    pub party: Option<String>,
    pub position: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Every spelling it was made from, as written, sorted.
    pub written: Vec<String>,
    /// The files naming them, sorted.
    pub files: Vec<PathBuf>,
}

impl NewPerson {
    /// The name with its honorific, as the site shows it.
    pub fn full_name(&self) -> String {
        match &self.honorific {
            Some(h) => format!("{h} {}", self.name),
            None => self.name.clone(),
        }
    }

    /// The file: front matter in the documented key order, and no body.
    pub fn text(&self) -> String {
        let mut s = String::from("---\n");
        let mut key = |k: &str, v: &Option<String>| {
            if let Some(v) = v {
                s.push_str(&format!("{k}: {}\n", yaml_scalar(v)));
            }
        };
        key("name", &Some(self.name.clone()));
        key("honorific", &self.honorific);
        if !self.other_names.is_empty() {
            let list: Vec<String> = self.other_names.iter().map(|n| yaml_flow(n)).collect();
            s.push_str(&format!("other_names: [{}]\n", list.join(", ")));
        }
        s.push_str(&format!("type: {}\n", self.person_type));
        let mut key = |k: &str, v: &Option<String>| {
            if let Some(v) = v {
                s.push_str(&format!("{k}: {}\n", yaml_scalar(v)));
            }
        };
        key("represents", &self.represents);
        key("party", &self.party);
        key("position", &self.position);
        key("email", &self.email);
        key("phone", &self.phone);
        s.push_str("---\n");
        s
    }
}

/// A name left as it is, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Skipped {
    /// As written.
    pub written: String,
    pub reason: String,
}

/// What `new people` would do: the files to write, the names left alone, and what to look at.
#[derive(Debug, Default)]
pub struct Plan {
    /// In id order.
    pub new: Vec<NewPerson>,
    /// Names that already find a person, or that are not written for a reason; sorted.
    pub skipped: Vec<Skipped>,
    /// Things a person should check in the new files; sorted.
    pub notes: Vec<String>,
}

/// Reads the site at `root` and works out the person files its names need. Fails, with the
/// problems, when a content file cannot be read: its names would be missed.
pub fn plan(root: &Path) -> Result<Plan, Vec<Diagnostic>> {
    super::require_site(root).map_err(|d| vec![*d])?;
    let mut diagnostics = Diagnostics::new();
    let loaded = load::load(root, Bodies::LetGo, &mut diagnostics);
    if diagnostics.has_errors() {
        let errors: Vec<Diagnostic> = diagnostics
            .into_sorted()
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        return Err(errors);
    }
    let timezone = loaded
        .config
        .as_ref()
        .map_or("Europe/London".to_string(), |c| c.timezone.clone());
    // Nothing is withheld: a draft's names are names the site will publish.
    let options = LinkOptions {
        base_url: None,
        today: crate::today_in(&timezone),
        withheld: Vec::new(),
        previewed: Vec::new(),
    };
    // What linking finds (the names this command is about, among others) is not this command's to report.
    let mut linking = Diagnostics::new();
    let Some(site) = crate::site::link(loaded, &options, &mut linking) else {
        return Err(linking.into_sorted());
    };
    let taken = files_on_disk(root);
    Ok(plan_site(&site, &taken))
}

/// The stems of the files in `content/people/`, which a new file may not take.
fn files_on_disk(root: &Path) -> HashSet<String> {
    std::fs::read_dir(root.join(PEOPLE_DIR))
        .map(|dir| {
            dir.filter_map(Result::ok)
                .filter_map(|e| {
                    let path = e.path();
                    Some(path.file_stem()?.to_string_lossy().to_lowercase())
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Every name the site writes, in the order of its files.
fn sightings(site: &Site) -> Vec<Sighting> {
    let mut out = Vec::new();
    for board in site.boards.unrecorded() {
        let doc = &board.doc;
        for group in &doc.matter.membership {
            for m in &group.members {
                if m.person.is_some() || m.name.trim().is_empty() {
                    continue;
                }
                let mut s = Sighting::new(&m.name, &doc.path, Seen::Member);
                s.represents = some_text(m.authority.as_deref());
                s.party = party_of(&group.group);
                out.push(s);
            }
        }
        out.extend(contact(doc.matter.contact.as_ref(), &doc.path));
    }
    for minutes in site.minutes.unrecorded() {
        let doc = &minutes.doc;
        let a = &doc.matter.attendance;
        let members = a.present.iter().chain(&a.apologies).chain(&a.substitutes);
        for attendee in members {
            out.extend(attending(attendee, &doc.path, Seen::Member));
        }
        for attendee in &a.substitutes {
            if let Some(whom) = attendee
                .substituting
                .as_deref()
                .filter(|w| !names::looks_like_id(w))
            {
                out.push(Sighting::new(whom, &doc.path, Seen::Member));
            }
        }
        for d in &doc.matter.declarations {
            if d.person.is_none() && !d.member.trim().is_empty() {
                out.push(Sighting::new(&d.member, &doc.path, Seen::Member));
            }
        }
        for attendee in &a.officers {
            out.extend(attending(attendee, &doc.path, Seen::Officer));
        }
        for attendee in &a.in_attendance {
            out.extend(attending(attendee, &doc.path, Seen::Other));
        }
    }
    for paper in site.papers.unrecorded() {
        out.extend(contact(paper.doc.matter.contact.as_ref(), &paper.doc.path));
    }
    out.retain(|s| !s.written.is_empty());
    out
}

/// A name in an attendance list, when it is given as a name.
fn attending(a: &Attendee, file: &Path, seen: Seen) -> Option<Sighting> {
    if a.person.is_some() || a.name.trim().is_empty() {
        return None;
    }
    let mut s = Sighting::new(&a.name, file, seen);
    match seen {
        Seen::Member => s.represents = some_text(a.authority.as_deref()),
        Seen::Officer => s.position = some_text(a.role.as_deref()),
        // A guest's role is what they come as, with whom they come from.
        Seen::Other => {
            let parts: Vec<&str> = [a.role.as_deref(), a.authority.as_deref()]
                .into_iter()
                .flatten()
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            s.position = (!parts.is_empty()).then(|| parts.join(", "));
        }
    }
    Some(s)
}

/// A board's or paper's contact officer.
fn contact(contact: Option<&Contact>, file: &Path) -> Option<Sighting> {
    let c = contact?;
    let name = c.name.as_deref()?;
    let mut s = Sighting::new(name, file, Seen::Officer);
    s.position = some_text(c.position.as_deref());
    s.email = some_text(c.email.as_deref());
    s.phone = some_text(c.phone.as_deref());
    Some(s)
}

fn some_text(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// The party of a membership group ("Labour Group" → "Labour"); none for a group that is not a
/// political one ("Members", "Co-opted members").
fn party_of(group: &str) -> Option<String> {
    let lower = group.trim().to_lowercase();
    const NOT_PARTIES: &[&str] = &[
        "member",
        "co-opt",
        "coopt",
        "substitut",
        "voting",
        "officer",
        "advis",
    ];
    if lower.is_empty() || NOT_PARTIES.iter().any(|w| lower.contains(w)) {
        return None;
    }
    let trimmed = group.trim();
    let party = match lower.strip_suffix(" group") {
        Some(rest) => trimmed[..rest.len()].trim_end(),
        None => trimmed,
    };
    (!party.is_empty()).then(|| party.to_string())
}

/// Whether a contact's name reads as a team or a mailbox rather than a person.
fn looks_like_a_team(name: &str) -> bool {
    const TEAMS: &[&str] = &[
        "team",
        "services",
        "service",
        "office",
        "unit",
        "department",
        "section",
        "desk",
        "enquiries",
        "secretariat",
        "mailbox",
    ];
    name.split(|c: char| !c.is_alphanumeric())
        .any(|w| TEAMS.contains(&w.to_lowercase().as_str()))
}

/// A written name split into its honorific ("Cllr", as the site's people files write it) and the
/// name. The name compares as the whole did, so the file finds every spelling it was made from.
pub fn split_honorific(written: &str) -> (Option<String>, String) {
    let written = written.split_whitespace().collect::<Vec<_>>().join(" ");
    let words: Vec<&str> = written.split(' ').collect();
    let bare = |w: &str| {
        w.trim_matches(|c: char| c == '.' || c == ',')
            .to_lowercase()
    };
    let count = words
        .iter()
        .take_while(|w| names::HONORIFICS.contains(&bare(w).as_str()))
        .count();
    if count == 0 || count == words.len() {
        return (None, written);
    }
    let name = words[count..].join(" ");
    if names::normalise(&name) != names::normalise(&written) {
        return (None, written);
    }
    let honorific: Vec<String> = words[..count]
        .iter()
        .map(|w| match bare(w).as_str() {
            "cllr" | "councillor" => "Cllr".to_string(),
            _ => w.trim_end_matches([',', '.']).to_string(),
        })
        .collect();
    (Some(honorific.join(" ")), name)
}

/// The id a name gets: its compared form, slugified.
pub fn id_for(name: &str) -> String {
    let id = slugify(&names::normalise(name));
    if id.is_empty() {
        "person".to_string()
    } else {
        id
    }
}

/// The value given most often, the first given among equals; and whether others were given.
fn most_common<'a>(values: impl Iterator<Item = &'a str>) -> (Option<String>, Vec<String>) {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(known, _)| known == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v.to_string(), 1)),
        }
    }
    let best = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, (_, n))| (*n, std::cmp::Reverse(*i)))
        .map(|(_, (v, _))| v.clone());
    let others = counts
        .into_iter()
        .map(|(v, _)| v)
        .filter(|v| {
            best.as_ref()
                .is_some_and(|b| !b.eq_ignore_ascii_case(v.as_str()))
        })
        .collect();
    (best, others)
}

/// The plan for a linked site; `on_disk` holds the stems already in `content/people/`.
fn plan_site(site: &Site, on_disk: &HashSet<String>) -> Plan {
    let people = site.people.unrecorded();
    let dir = crate::site::people::directory(site);
    let mut plan = Plan::default();
    let mut skipped: BTreeSet<Skipped> = BTreeSet::new();
    let mut notes: BTreeSet<String> = BTreeSet::new();
    // Names found by surname alone, which a new person of that surname would make ambiguous.
    let mut by_surname: Vec<(String, String)> = Vec::new();
    // The names that find nobody, by compared form, in the order first written.
    let mut groups: BTreeMap<String, Vec<Sighting>> = BTreeMap::new();
    let mut looked_up: HashMap<String, bool> = HashMap::new();
    for s in sightings(site) {
        let new = *looked_up.entry(s.written.clone()).or_insert_with(|| {
            let skip = |reason: String| Skipped {
                written: s.written.clone(),
                reason,
            };
            match dir.by_name(&s.written) {
                Found::One(p) => {
                    skipped.insert(skip(format!("already a person: {}", people[p].id)));
                    false
                }
                Found::BySurname(p) => {
                    skipped.insert(skip(format!(
                        "already a person: {} (the only person of that surname)",
                        people[p].id
                    )));
                    by_surname.push((s.written.clone(), names::normalise(&s.written)));
                    false
                }
                Found::Ambiguous(many) => {
                    let ids: Vec<&str> = many.iter().map(|&p| people[p].id.as_str()).collect();
                    skipped.insert(skip(format!(
                        "could be any of {}: say which with `person:`",
                        ids.join(", ")
                    )));
                    false
                }
                Found::Unknown => match dir.suggest(None, &s.written) {
                    Some(near) => {
                        skipped.insert(skip(format!(
                            "near the name of {near}: correct it, or add it to their `other_names` (not written, to make no second {near})"
                        )));
                        false
                    }
                    None if s.seen == Seen::Officer && looks_like_a_team(&s.written) => {
                        skipped.insert(skip(
                            "a contact that reads as a team, not a person".to_string(),
                        ));
                        false
                    }
                    None => true,
                },
            }
        });
        if new {
            groups
                .entry(names::normalise(&s.written))
                .or_default()
                .push(s);
        }
    }
    groups.retain(|key, _| !key.is_empty());

    // A surname alone ("Cllr Bloggs") is one of the new people when exactly one has that surname:
    // it becomes one of their `other_names`, as `check` would otherwise only guess it.
    let mut surnames: HashMap<&str, Vec<&str>> = HashMap::new();
    for key in groups.keys().filter(|k| k.contains(' ')) {
        if let Some(last) = key.rsplit(' ').next() {
            surnames.entry(last).or_default().push(key.as_str());
        }
    }
    let mut merged: BTreeMap<String, Vec<Sighting>> = BTreeMap::new();
    let mut other_names: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (key, sightings) in &groups {
        if key.contains(' ') {
            merged
                .entry(key.clone())
                .or_default()
                .extend(sightings.iter().cloned());
            continue;
        }
        match surnames.get(key.as_str()).map(Vec::as_slice) {
            Some([one]) => {
                let (_, name) = split_honorific(&sightings[0].written);
                other_names.entry(one.to_string()).or_default().insert(name);
                let whole = (*one).to_string();
                merged
                    .entry(whole)
                    .or_default()
                    .extend(sightings.iter().cloned());
                for s in sightings {
                    notes.insert(format!(
                        "`{}` is taken to be the only new person of that surname, `{}`: it is one of their other_names",
                        s.written,
                        one
                    ));
                }
            }
            Some(many) => {
                for s in sightings {
                    skipped.insert(Skipped {
                        written: s.written.clone(),
                        reason: format!(
                            "a surname alone that could be any of {}: write the full name",
                            many.join(", ")
                        ),
                    });
                }
            }
            None => {
                merged
                    .entry(key.clone())
                    .or_default()
                    .extend(sightings.iter().cloned());
                notes.insert(format!(
                    "`{}` is one word: its file is made as it is; give the full name if it is a surname",
                    sightings[0].written
                ));
            }
        }
    }
    for (written, key) in &by_surname {
        if surnames.contains_key(key.as_str()) {
            notes.insert(format!(
                "`{written}` is found by surname now, and a new person has that surname too: write the full name"
            ));
        }
    }

    // Ids: the compared name slugified; a second name with the same id takes `-2`, and so on.
    let mut taken: HashSet<String> = on_disk.clone();
    taken.extend(people.iter().map(|p| p.id.clone()));
    let mut first_with: HashMap<String, String> = HashMap::new();
    for (key, sightings) in merged {
        let base = id_for(&key);
        let mut id = base.clone();
        let mut n = 1;
        while taken.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        if id != base {
            let why = match first_with.get(&base) {
                Some(other) => format!("`{other}` has the id {base} too"),
                None => format!("content/people/{base}.md is another person's"),
            };
            notes.insert(format!(
                "{}: `{}` is written as {id}, since {why}; if they are one person, merge the files",
                Path::new(PEOPLE_DIR).join(format!("{id}.md")).display(),
                sightings[0].written
            ));
        }
        first_with
            .entry(base)
            .or_insert_with(|| sightings[0].written.clone());
        taken.insert(id.clone());
        let extra = other_names.remove(&key).unwrap_or_default();
        let person = person_from(id, &key, &sightings, extra, &mut notes);
        plan.new.push(person);
    }
    initials(&plan.new, &mut notes);
    plan.new.sort_by(|a, b| a.id.cmp(&b.id));
    plan.skipped = skipped.into_iter().collect();
    plan.notes = notes.into_iter().collect();
    plan
}

/// Notes each new person written with an initial ("R Stannard") when another new person's name
/// ("Richard Stannard") could be the same: a person must say.
fn initials(new: &[NewPerson], notes: &mut BTreeSet<String>) {
    let keys: Vec<(String, &NewPerson)> =
        new.iter().map(|p| (names::normalise(&p.name), p)).collect();
    for (key, person) in &keys {
        let words: Vec<&str> = key.split(' ').collect();
        let [first, .., last] = words.as_slice() else {
            continue;
        };
        if first.chars().count() != 1 {
            continue;
        }
        for (other, whom) in &keys {
            let theirs: Vec<&str> = other.split(' ').collect();
            if let [their_first, .., their_last] = theirs.as_slice()
                && their_last == last
                && their_first.chars().count() > 1
                && their_first.starts_with(first)
            {
                notes.insert(format!(
                    "{}: `{}` may be {} ({}): if so, delete {} and add `{}` to their other_names",
                    person.path.display(),
                    person.full_name(),
                    whom.full_name(),
                    whom.path.display(),
                    person.path.display(),
                    person.name
                ));
            }
        }
    }
}

/// A person from every place their name is written.
fn person_from(
    id: String,
    key: &str,
    sightings: &[Sighting],
    extra_names: BTreeSet<String>,
    notes: &mut BTreeSet<String>,
) -> NewPerson {
    let split: Vec<(Option<String>, String)> = sightings
        .iter()
        .map(|s| split_honorific(&s.written))
        .collect();
    let seen = sightings
        .iter()
        .map(|s| s.seen)
        .min()
        .unwrap_or(Seen::Member);
    // A surname alone, merged here, gives neither the name nor an honorific.
    let whole: Vec<&(Option<String>, String)> = split
        .iter()
        .filter(|(_, name)| names::normalise(name) == key)
        .collect();
    let (name, _) = most_common(whole.iter().map(|(_, n)| n.as_str()));
    let (honorific, _) = most_common(whole.iter().filter_map(|(h, _)| h.as_deref()));
    let path = Path::new(PEOPLE_DIR).join(format!("{id}.md"));
    let mut field = |key: &str, get: fn(&Sighting) -> Option<&str>, of: &[Seen]| {
        let (value, others) = most_common(
            sightings
                .iter()
                .filter(|s| of.contains(&s.seen))
                .filter_map(get),
        );
        if !others.is_empty()
            && let Some(v) = &value
        {
            notes.insert(format!(
                "{}: {key} is `{v}`, the most often written; also written: {}",
                path.display(),
                others
                    .iter()
                    .map(|o| format!("`{o}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        value
    };
    let all = [Seen::Member, Seen::Officer, Seen::Other];
    let represents = field("represents", |s| s.represents.as_deref(), &[Seen::Member]);
    let party = field("party", |s| s.party.as_deref(), &[Seen::Member]);
    // A member's role on a board is not their position; an officer's or a guest's is.
    let position = if seen == Seen::Member {
        None
    } else {
        field("position", |s| s.position.as_deref(), &all)
    };
    let email = field("email", |s| s.email.as_deref(), &all);
    let phone = field("phone", |s| s.phone.as_deref(), &all);
    let written: BTreeSet<String> = sightings.iter().map(|s| s.written.clone()).collect();
    let files: BTreeSet<PathBuf> = sightings.iter().map(|s| s.file.clone()).collect();
    let name = name.unwrap_or_else(|| split[0].1.clone());
    NewPerson {
        id,
        path,
        other_names: extra_names.into_iter().filter(|n| *n != name).collect(),
        name,
        honorific,
        person_type: match seen {
            Seen::Member => "member",
            Seen::Officer => "officer",
            Seen::Other => "other",
        },
        represents,
        party,
        position,
        email,
        phone,
        written: written.into_iter().collect(),
        files: files.into_iter().collect(),
    }
}

/// Writes the plan's files under `root`; never over a file that exists. Gives the paths written,
/// and the problem that stopped it, if one did.
pub fn write(root: &Path, plan: &Plan) -> (Vec<PathBuf>, Option<Box<Diagnostic>>) {
    let mut written = Vec::new();
    for person in &plan.new {
        if let Err(d) = super::write_new(&root.join(&person.path), &person.text()) {
            return (written, Some(d));
        }
        written.push(person.path.clone());
    }
    (written, None)
}

/// What a run did (or, with `dry_run`, would do), for the terminal: deterministic, sorted.
pub fn report_text(plan: &Plan, dry_run: bool) -> String {
    let mut s = String::new();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    if plan.new.is_empty() {
        s.push_str("No person files to write: every name is a person's, or is listed below.\n");
    } else {
        s.push_str(&format!(
            "{} {}:\n",
            if dry_run { "Would write" } else { "Wrote" },
            plural(plan.new.len(), "person file", "person files")
        ));
        for p in &plan.new {
            let spellings: Vec<String> = p.written.iter().map(|w| format!("`{w}`")).collect();
            s.push_str(&format!(
                "  {}  {} ({}; as {}; in {})\n",
                p.path.display(),
                p.full_name(),
                p.person_type,
                spellings.join(", "),
                plural(p.files.len(), "file", "files")
            ));
        }
    }
    if !plan.skipped.is_empty() {
        s.push_str(&format!(
            "Skipped {}:\n",
            plural(plan.skipped.len(), "name", "names")
        ));
        for k in &plan.skipped {
            s.push_str(&format!("  `{}`: {}\n", k.written, k.reason));
        }
    }
    if !plan.notes.is_empty() {
        s.push_str("Check:\n");
        for n in &plan.notes {
            s.push_str(&format!("  {n}\n"));
        }
    }
    s
}

/// A plain YAML scalar when `s` reads back as the same string, else a double-quoted one.
fn yaml_scalar(s: &str) -> String {
    let plain = s
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || (c.is_ascii_digit() && s.contains(' ')))
        && s.chars()
            .all(|c| c.is_alphanumeric() || " .,'()&/@+-".contains(c))
        && !s.ends_with(' ')
        && !matches!(
            s.to_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        );
    if plain {
        s.to_string()
    } else {
        super::yaml_string(s)
    }
}

/// A scalar in a flow list (`[a, b]`), where a comma would end it.
fn yaml_flow(s: &str) -> String {
    if s.contains(',') {
        super::yaml_string(s)
    } else {
        yaml_scalar(s)
    }
}

/// The front matter of `new person`: the name and honorific given, every other key commented out.
const PERSON: &str = "---
name: {name}
{honorific}# other_names: []            # other spellings used in board.md and minutes, without honorific
# type: member                # member | officer | other
# represents: \"\"              # member: the council or body they represent
# ward: \"\"                    # member: ward or division
# party: \"\"                   # member: political party or group
# position: \"\"                # officer: job title (or a member's portfolio)
# department: \"\"              # officer
# email: \"\"
# phone: \"\"
# address: |
#   …
# photo:
#   file: photo.jpg           # relative to content/people/
#   alt: \"\"
# start_date: YYYY-MM-DD      # term of office, or employment
# end_date: YYYY-MM-DD
# interests:                  # member: the register of interests (Localism Act 2011 s.29)
#   updated: YYYY-MM-DD       # when the register entry was last updated
#   document: https://…       # the signed register
#   entries:
#     - category: employment  # employment | sponsorship | contracts | land | licences | corporate_tenancies | securities | other
#       interest: \"\"
#       registered: YYYY-MM-DD
---
";

/// Makes `content/people/<id>.md` for `name` ("Cllr Jo Bloggs": the honorific is taken apart),
/// with every other key ready to fill in; the id is made from the name unless given. Returns its path.
pub fn person(root: &Path, name: &str, id: Option<&str>) -> Result<PathBuf, Box<Diagnostic>> {
    super::require_site(root)?;
    let (honorific, bare) = split_honorific(name);
    if bare.trim().is_empty() {
        return Err(Box::new(
            Diagnostic::error("BP005", "--name", "the name is empty")
                .help("give the person's name, e.g. --name \"Cllr Jo Bloggs\""),
        ));
    }
    let id = match id {
        Some(id) => {
            let slug = slugify(id);
            if slug != id {
                return Err(Box::new(
                    Diagnostic::error(
                        "BP005",
                        "--id",
                        format!("`{id}` is not an id: use lowercase letters, digits and hyphens"),
                    )
                    .help(format!(
                        "e.g. --id {}",
                        if slug.is_empty() { "jo-bloggs" } else { &slug }
                    )),
                ));
            }
            slug
        }
        None => id_for(&bare),
    };
    let path = root.join(PEOPLE_DIR).join(format!("{id}.md"));
    let text = PERSON.replace("{name}", &yaml_scalar(&bare)).replace(
        "{honorific}",
        &honorific.map_or(String::new(), |h| {
            format!("honorific: {}\n", yaml_scalar(&h))
        }),
    );
    super::write_new(&path, &text)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn honorifics_are_taken_apart_and_the_name_compares_the_same() {
        assert_eq!(
            split_honorific("Councillor  Jo Bloggs"),
            (Some("Cllr".into()), "Jo Bloggs".into())
        );
        assert_eq!(
            split_honorific("Cllr. Dr Amy Holt"),
            (Some("Cllr Dr".into()), "Amy Holt".into())
        );
        assert_eq!(split_honorific("The Mayor"), (None, "The Mayor".into()));
        assert_eq!(split_honorific("Jo Bloggs"), (None, "Jo Bloggs".into()));
        assert_eq!(id_for("Cllr Jo O'Neill-Hart"), "jo-oneill-hart");
    }

    #[test]
    fn groups_name_parties_unless_they_are_not_political() {
        assert_eq!(party_of("Labour Group"), Some("Labour".into()));
        assert_eq!(party_of("Independent"), Some("Independent".into()));
        assert_eq!(party_of("Co-opted members"), None);
        assert_eq!(party_of("Members"), None);
    }

    #[test]
    fn values_are_quoted_only_when_they_must_be() {
        assert_eq!(yaml_scalar("Harwick City Council"), "Harwick City Council");
        assert_eq!(yaml_scalar("01632 960 000"), "01632 960 000");
        assert_eq!(yaml_scalar("01632960000"), "\"01632960000\"");
        assert_eq!(
            yaml_scalar("Head of Legal: Deputy"),
            "\"Head of Legal: Deputy\""
        );
        assert_eq!(yaml_scalar("No"), "\"No\"");
        assert_eq!(yaml_flow("Bloggs, J"), "\"Bloggs, J\"");
    }

    #[test]
    fn the_most_common_value_wins_and_the_first_among_equals() {
        let (best, others) = most_common(["a", "b", "b"].into_iter());
        assert_eq!(
            (best.as_deref(), others),
            (Some("b"), vec!["a".to_string()])
        );
        let (best, _) = most_common(["x", "y"].into_iter());
        assert_eq!(best.as_deref(), Some("x"));
    }
}
