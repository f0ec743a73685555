//! Decisions as records: each decision written as a record, in a decision notice or in minutes, made
//! one [`Decision`] with a stable id and a page (`decisions/<id>/`), its maker, the day it was made
//! and published, the papers it was made on, the people its declarations and vote name, and whether
//! it is open to call-in.
//!
//! A notice is published the day after a meeting (or an individual's decision), long before the
//! minutes; when the minutes later record the decision under the same `id`, both are one record, and
//! its page links to both. A decision written as a line of text (as minutes always did) has no record:
//! it stays a line of the minutes and the register.
//!
//! What a decision's status is depends on the day the site is built for ([`Decision::status`]):
//! "Can be called in until …" becomes "Took effect on …" when the period ends.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::content::decisions::{
    Ballot, CallInRule, DecisionMatter, DecisionRecord, NoticeMatter, Side,
};
use crate::content::load::{Doc, Document};
use crate::content::markdown::slugify;
use crate::content::model::{Date, ItemNo, Time};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::minutes::MinuteItem;
use crate::site::paths::DECISIONS;
use crate::site::people::{PersonId, Resolver};
use crate::site::{BoardId, MeetingId, MinutesId, PaperId, Site};

/// Index of a notice in [`Site::notices`].
pub type NoticeId = usize;
/// Index of a decision in [`Site::decisions`].
pub type DecisionId = usize;

/// A decision notice as linked.
#[derive(Debug)]
pub struct Notice {
    pub doc: Doc<NoticeMatter>,
    /// Not a page: the name the build cache knows it by (`decisions/notices/<file>/`).
    pub path: String,
    pub maker: Maker,
}

/// Who made a decision.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Maker {
    /// A board, at this meeting.
    Meeting(MeetingId),
    /// An individual executive member.
    Member(Individual),
    /// An officer, under delegated powers.
    Officer(Individual),
}

/// A person who made a decision on their own.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Individual {
    /// As written (an id or a name).
    pub written: String,
    pub person: Option<PersonId>,
    pub role: Option<String>,
    /// An officer's delegated power.
    pub delegation: Option<String>,
}

/// Where the minutes record a decision.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MinuteRef {
    pub minutes: MinutesId,
    pub item: ItemNo,
    /// Its place among the item's decisions (`decisions`, or an exempt item's `public_decisions`),
    /// from 0.
    pub order: usize,
    /// The public decision of an exempt item (its minute is withheld).
    pub exempt: bool,
}

/// Whether a decision can be called in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CallIn {
    /// Not an executive decision open to call-in (or the site has no call-in rule).
    NotApplicable,
    /// Urgent, so exempt from call-in (the record says why).
    Urgent,
    /// Open to call-in once published; not published yet.
    AwaitingPublication,
    /// Open to call-in until this day, at `time`.
    Until { day: Date, time: Time },
}

/// A decision's status on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// A recommendation to another body, which will decide.
    Recommended,
    CalledIn(Date),
    /// Open to call-in until this day (at the rule's time).
    OpenToCallIn(Date, Time),
    /// Took effect on this day (after call-in, or at once when urgent or not open to call-in).
    TookEffect(Date),
    /// Made, and open to call-in once published.
    AwaitingPublication,
}

impl Status {
    /// A word for data and styling: `recommended`, `called-in`, `open-to-call-in`, `in-effect`, `made`.
    pub fn key(self) -> &'static str {
        match self {
            Status::Recommended => "recommended",
            Status::CalledIn(_) => "called-in",
            Status::OpenToCallIn(..) => "open-to-call-in",
            Status::TookEffect(_) => "in-effect",
            Status::AwaitingPublication => "made",
        }
    }
}

/// The people a vote names, resolved: mover, seconder, and each side's voters in a named vote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct VotePeople {
    pub mover: Option<PersonId>,
    pub seconder: Option<PersonId>,
    /// For, against, abstain: each voter in the order written.
    pub sides: [Vec<Option<PersonId>>; 3],
}

/// A decision with a record.
#[derive(Debug)]
pub struct Decision {
    /// As written, or made from where it is recorded.
    pub id: String,
    /// `decisions/<id>/`.
    pub path: String,
    /// The record as written (the notice's, when a notice gives it).
    pub record: DecisionRecord,
    /// The record's title, else the minute item's.
    pub title: Option<String>,
    pub maker: Maker,
    pub made: Date,
    pub published: Option<Date>,
    pub notice: Option<NoticeId>,
    pub minute: Option<MinuteRef>,
    pub reports: Vec<PaperId>,
    /// The board a recommendation goes to, when it is one of the site's.
    pub recommended_to: Option<BoardId>,
    pub call_in: CallIn,
    /// The people of `record.declarations`, then of the minutes' declarations on its item.
    pub declarations: Vec<(Option<PersonId>, usize, DeclarationSource)>,
    /// The vote's people, then each amendment's.
    pub vote: Option<(VotePeople, Vec<VotePeople>)>,
}

/// Where a declaration counted against a decision is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeclarationSource {
    /// `declarations[n]` of the record.
    Record,
    /// `declarations[n]` of the minutes that record the decision.
    Minutes,
}

impl Decision {
    /// Its status on `today`.
    pub fn status(&self, today: Date, holidays: &[Date]) -> Status {
        if self.record.recommended_to.is_some() {
            return Status::Recommended;
        }
        if let Some(c) = &self.record.called_in {
            return match c.took_effect {
                Some(day) if day <= today => Status::TookEffect(day),
                _ => Status::CalledIn(c.date),
            };
        }
        match self.call_in {
            CallIn::Until { day, time } if today <= day => Status::OpenToCallIn(day, time),
            CallIn::Until { day, .. } => {
                Status::TookEffect(crate::site::publish::working_days_after(day, 1, holidays))
            }
            CallIn::AwaitingPublication => Status::AwaitingPublication,
            CallIn::Urgent | CallIn::NotApplicable => Status::TookEffect(self.made),
        }
    }

    /// The meeting that made it, if a meeting did.
    pub fn meeting(&self) -> Option<MeetingId> {
        match self.maker {
            Maker::Meeting(m) => Some(m),
            _ => None,
        }
    }

    /// Made by an officer under delegation.
    pub fn by_officer(&self) -> bool {
        matches!(self.maker, Maker::Officer(_))
    }
}

/// Makes each notice's maker, reporting a notice that names none, or more than one, or a meeting
/// that does not exist.
pub(super) fn link_notices(site: &mut Site, docs: Vec<Doc<NoticeMatter>>, diagnostics: &mut Diagnostics) {
    let mut docs = docs;
    docs.sort_by(|a, b| (a.matter.date, &a.path).cmp(&(b.matter.date, &b.path)));
    for doc in docs {
        let m = &doc.matter.maker;
        // A key left empty (`board:` with nothing after it) names no maker.
        let written = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        let (board, person, officer) = (written(&m.board), written(&m.person), written(&m.officer));
        let given: Vec<&str> = [("board", &board), ("person", &person), ("officer", &officer)]
            .into_iter()
            .filter(|(_, v)| v.is_some())
            .map(|(k, _)| k)
            .collect();
        if given.len() != 1 {
            let message = if given.is_empty() {
                "this notice does not say who made its decisions".to_string()
            } else {
                format!("this notice names more than one maker ({})", given.join(", "))
            };
            diagnostics.push(
                doc.at_key(Diagnostic::error("BP118", &doc.path, message), "maker")
                    .label("give exactly one of board, person or officer")
                    .help("under `maker:` write `board: <board>` (made at its meeting on `date`), `person: <id>` (an executive member) or `officer: <id>` with `delegation:`"),
            );
            continue;
        }
        let individual = |written: String| Individual {
            written,
            person: None,
            role: m.role.clone(),
            delegation: m.delegation.clone(),
        };
        let maker = if let Some(board) = &board {
            let found = find_board(site, board);
            let meeting = found.and_then(|b| {
                site.meetings
                    .unrecorded()
                    .iter()
                    .position(|mt| mt.board == b && mt.date == doc.matter.date)
            });
            match meeting {
                Some(meeting) => Maker::Meeting(meeting),
                None => {
                    let message = match found {
                        Some(b) => format!(
                            "{} has no meeting on {}",
                            site.boards[b].doc.matter.title,
                            doc.matter.date.long()
                        ),
                        None => format!("no board is called `{}`", board.trim()),
                    };
                    diagnostics.push(
                        doc.at_text(Diagnostic::error("BP118", &doc.path, message), board.trim())
                            .help("`board:` takes a board's slug or title, and `date:` the day of its meeting that made the decisions"),
                    );
                    continue;
                }
            }
        } else if let Some(person) = person {
            Maker::Member(individual(person))
        } else if let Some(officer) = officer {
            Maker::Officer(individual(officer))
        } else {
            continue;
        };
        let stem = doc
            .path
            .file_stem()
            .map(|s| slugify(&s.to_string_lossy()))
            .unwrap_or_default();
        // Not a page: nothing may link to it, so it has no URL (its decisions do).
        let path = format!("{DECISIONS}notices/{stem}/");
        site.notices.push(Notice { doc, path, maker });
    }
}

/// A decision found in a notice or in minutes, before it is made a record.
struct Found<'a> {
    record: std::borrow::Cow<'a, DecisionRecord>,
    id: Option<&'a str>,
    /// Made from where it is, when no id is written.
    derived: String,
    source: Source,
}

#[derive(Clone)]
enum Source {
    Notice(NoticeId),
    Minutes(MinuteRef),
}

/// Makes every decision record of the notices and the published minutes, in the order of the day
/// made, then maker, then as written; reports ids given twice and ids that cannot be addresses.
/// Runs once people are joined.
pub(super) fn link_decisions(
    site: &mut Site,
    dir: &crate::site::people::Directory,
    diagnostics: &mut Diagnostics,
) {
    let mut resolver = Resolver::new(dir, site.people.unrecorded());
    let mut found: Vec<Found<'_>> = Vec::new();
    for (n, notice) in site.notices.unrecorded().iter().enumerate() {
        let stem = &notice.path[DECISIONS.len() + "notices/".len()..].trim_end_matches('/');
        // A notice's decision written as a line is a record of that line: the notice is its record.
        let single = notice.doc.matter.decisions.len() == 1;
        for (i, decision) in notice.doc.matter.decisions.iter().enumerate() {
            let record = match decision {
                DecisionMatter::Record(r) => std::borrow::Cow::Borrowed(&**r),
                DecisionMatter::Text(text) => std::borrow::Cow::Owned(DecisionRecord::of_text(text)),
            };
            found.push(Found {
                id: decision
                    .record()
                    .and_then(|r| r.id.as_deref())
                    .map(str::trim)
                    .filter(|s| !s.is_empty()),
                record,
                derived: if single { stem.to_string() } else { format!("{stem}-{}", i + 1) },
                source: Source::Notice(n),
            });
        }
    }
    for (n, minutes) in site.minutes.unrecorded().iter().enumerate() {
        let meeting = &site.meetings.unrecorded()[minutes.meeting];
        let board = &site.boards.unrecorded()[meeting.board].slug;
        for item in &minutes.items {
            let (list, exempt) = match item {
                MinuteItem::Open(open) => (&open.decisions, false),
                MinuteItem::Exempt(e) => (&e.public_decisions, true),
            };
            for (i, record) in list.iter().enumerate().filter_map(|(i, d)| Some((i, d.record()?))) {
                found.push(Found {
                    record: std::borrow::Cow::Borrowed(record),
                    id: record.id.as_deref().map(str::trim).filter(|s| !s.is_empty()),
                    derived: format!("{board}-{}-{}-{}", meeting.date.iso(), item.item(), i + 1),
                    source: Source::Minutes(MinuteRef {
                        minutes: n,
                        item: item.item().clone(),
                        order: i,
                        exempt,
                    }),
                });
            }
        }
    }

    let reserved = |slug: &str| {
        slug.is_empty()
            || slug.chars().all(|c| c.is_ascii_digit())
            || ["officers", "members", "notices"].contains(&slug)
            || site.boards.unrecorded().iter().any(|b| b.slug == slug)
    };
    let mut decisions: Vec<Decision> = Vec::new();
    let mut by_slug: HashMap<String, DecisionId> = HashMap::new();
    for f in &found {
        let slug = slugify(f.id.unwrap_or(&f.derived));
        if f.id.is_some() && reserved(&slug) {
            let (path, text) = source_doc(site, &f.source);
            let d = Diagnostic::error("BP119", path, format!("the decision id `{}` cannot be a page's address: the register uses it", f.id.unwrap_or_default()))
                .help("give the decision an id of letters and numbers that is not a year, a board's slug, `officers`, `members` or `notices` (e.g. `tb-2026-09-routes`)");
            diagnostics.push(at_value(d, text, "id", f.id.unwrap_or_default()));
            continue;
        }
        if let Some(&first) = by_slug.get(&slug) {
            let earlier = &mut decisions[first];
            // A notice's decision, recorded later by minutes under its id: one decision.
            if let (Source::Minutes(minute), Some(_), None) = (&f.source, earlier.notice, &earlier.minute) {
                earlier.minute = Some(minute.clone());
                fill_from_minutes(&mut earlier.record, &f.record);
                if earlier.published.is_none() {
                    earlier.published = minutes_published(site, minute.minutes);
                }
                continue;
            }
            let (path, text) = source_doc(site, &f.source);
            let first_at = match (earlier.notice, &earlier.minute) {
                (Some(n), _) => site.notices[n].doc.path.clone(),
                (None, Some(m)) => site.minutes[m.minutes].doc.path.clone(),
                (None, None) => PathBuf::new(),
            };
            let d = Diagnostic::error(
                "BP117",
                path,
                format!("a second decision with the id `{}` (the first is in {})", f.id.unwrap_or(&f.derived), first_at.display()),
            )
            .help("give each decision its own `id:`; a notice's decision and the minutes' record of the same decision share one");
            diagnostics.push(at_value(d, text, "id", f.id.unwrap_or_default()));
            continue;
        }
        let (maker, made, published, notice, minute) = match &f.source {
            Source::Notice(n) => {
                let notice = &site.notices.unrecorded()[*n];
                let m = &notice.doc.matter;
                (notice.maker.clone(), m.date, Some(m.published), Some(*n), None)
            }
            Source::Minutes(minute) => {
                let minutes = &site.minutes.unrecorded()[minute.minutes];
                let date = site.meetings.unrecorded()[minutes.meeting].date;
                (
                    Maker::Meeting(minutes.meeting),
                    date,
                    minutes_published(site, minute.minutes),
                    None,
                    Some(minute.clone()),
                )
            }
        };
        by_slug.insert(slug.clone(), decisions.len());
        decisions.push(Decision {
            id: f.id.map_or_else(|| f.derived.clone(), str::to_string),
            path: format!("{DECISIONS}{slug}/"),
            record: f.record.clone().into_owned(),
            title: f.record.title.clone(),
            maker,
            made,
            published,
            notice,
            minute,
            reports: Vec::new(),
            recommended_to: None,
            call_in: CallIn::NotApplicable,
            declarations: Vec::new(),
            vote: None,
        });
    }

    for d in &mut decisions {
        let Some(doc) = DocRef::of(site, d) else {
            continue;
        };
        d.reports = reports(site, d, doc, diagnostics);
        if d.title.is_none() {
            d.title = d.minute.as_ref().and_then(|m| item_title(site, m));
        }
        d.recommended_to = d.record.recommended_to.as_deref().and_then(|to| find_board(site, to));
        d.call_in = call_in(site, d);
    }

    // The people: makers, declarations, movers, seconders and named voters.
    for d in &mut decisions {
        let Some(doc) = DocRef::of(site, d) else {
            continue;
        };
        let mut person = |written: &str, diagnostics: &mut Diagnostics| match doc {
            DocRef::Notice(doc) => resolver.written(doc, written, diagnostics),
            DocRef::Minutes(doc) => resolver.written(doc, written, diagnostics),
        };
        if let Maker::Member(who) | Maker::Officer(who) = &mut d.maker {
            who.person = person(&who.written.clone(), diagnostics);
        }
        let mut declarations = Vec::new();
        for (i, decl) in d.record.declarations.iter().enumerate() {
            let id = decl.person.as_deref();
            let found = match (id, doc) {
                (Some(id), _) => person(id, diagnostics),
                (None, _) => person(&decl.member, diagnostics),
            };
            declarations.push((found, i, DeclarationSource::Record));
        }
        if let Some(m) = &d.minute {
            let minutes = &site.minutes.unrecorded()[m.minutes];
            for (i, decl) in minutes.doc.matter.declarations.iter().enumerate() {
                if decl.item.as_ref() == Some(&m.item) {
                    let found = minutes.people.declarations.get(i).copied().flatten();
                    declarations.push((found, i, DeclarationSource::Minutes));
                }
            }
        }
        d.declarations = declarations;
        if let Some(vote) = &d.record.vote {
            let mut ballot = |b: &dyn Ballot, diagnostics: &mut Diagnostics| VotePeople {
                mover: b.mover().and_then(|w| person(w, diagnostics)),
                seconder: b.seconder().and_then(|w| person(w, diagnostics)),
                sides: b.sides().map(|(_, t)| {
                    t.map(|t| t.names().iter().map(|w| person(w, diagnostics)).collect())
                        .unwrap_or_default()
                }),
            };
            let main = ballot(vote, diagnostics);
            let amendments = vote.amendments.iter().map(|a| ballot(a, diagnostics)).collect();
            d.vote = Some((main, amendments));
        }
    }
    drop(resolver);
    decisions.sort_by(|a, b| (std::cmp::Reverse(a.made), &a.path).cmp(&(std::cmp::Reverse(b.made), &b.path)));
    for (id, d) in decisions.iter().enumerate() {
        if let Some(m) = d.meeting() {
            site.meetings[m].decisions.push(id);
        }
        if let Maker::Member(who) | Maker::Officer(who) = &d.maker
            && let Some(p) = who.person
        {
            site.people[p].decided.push(id);
        }
        let Some((main, amendments)) = &d.vote else {
            continue;
        };
        for (amendment, ballot) in std::iter::once((None, main)).chain(amendments.iter().enumerate().map(|(i, b)| (Some(i), b))) {
            for (side, voters) in [Side::For, Side::Against, Side::Abstain].into_iter().zip(&ballot.sides) {
                for person in voters.iter().flatten() {
                    site.people[*person].votes.push(CastVote { decision: id, amendment, side });
                }
            }
        }
    }
    for d in decisions {
        site.decisions.push(d);
    }
}

/// A vote cast by name: on a decision's motion, or on one of its amendments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CastVote {
    pub decision: DecisionId,
    /// The amendment's place in the vote's `amendments`; `None`: the motion.
    pub amendment: Option<usize>,
    pub side: Side,
}

/// Completes a notice's record with what the minutes' record of the same decision adds: what the
/// notice leaves out (the vote, most often, which only the minutes record) is taken from the minutes.
fn fill_from_minutes(notice: &mut DecisionRecord, minutes: &DecisionRecord) {
    fn fill<T: Clone>(into: &mut Option<T>, from: &Option<T>) {
        if into.is_none() {
            into.clone_from(from);
        }
    }
    fill(&mut notice.title, &minutes.title);
    fill(&mut notice.reasons, &minutes.reasons);
    fill(&mut notice.alternatives, &minutes.alternatives);
    fill(&mut notice.recommended_to, &minutes.recommended_to);
    fill(&mut notice.urgent, &minutes.urgent);
    fill(&mut notice.called_in, &minutes.called_in);
    fill(&mut notice.implemented, &minutes.implemented);
    fill(&mut notice.vote, &minutes.vote);
    notice.key_decision |= minutes.key_decision;
    notice.budget |= minutes.budget;
    if notice.reports.is_empty() {
        notice.reports.clone_from(&minutes.reports);
    }
    notice.declarations.extend(minutes.declarations.iter().cloned());
}

/// The day minutes were published: their `published:`, else none.
fn minutes_published(site: &Site, minutes: MinutesId) -> Option<Date> {
    site.minutes.unrecorded()[minutes].doc.matter.published
}

/// The title the minutes or agenda give a decision's item.
fn item_title(site: &Site, m: &MinuteRef) -> Option<String> {
    let minutes = &site.minutes.unrecorded()[m.minutes];
    minutes
        .item(&m.item)
        .and_then(MinuteItem::title)
        .map(str::to_string)
        .or_else(|| {
            site.meetings.unrecorded()[minutes.meeting]
                .agenda
                .iter()
                .find(|a| a.item == m.item)
                .map(|a| a.title.clone())
        })
}

/// The file and text a decision found at `source` is written in.
fn source_doc<'s>(site: &'s Site, source: &Source) -> (&'s Path, &'s str) {
    match source {
        Source::Notice(n) => {
            let doc = &site.notices.unrecorded()[*n].doc;
            (&doc.path, &doc.text)
        }
        Source::Minutes(m) => {
            let doc = &site.minutes.unrecorded()[m.minutes].doc;
            (&doc.path, &doc.text)
        }
    }
}

/// Points `d` at `value` after the first `key:` that has it, in `text`.
fn at_value(d: Diagnostic, text: &str, key: &str, value: &str) -> Diagnostic {
    let needle = format!("{key}: {value}");
    match text.find(&needle) {
        Some(i) if !value.is_empty() => {
            let start = i + key.len() + 2;
            d.at(text, start..start + value.len())
        }
        _ => d,
    }
}

/// The papers a decision was made on: its `reports:` (paths under `content/`, or beside the file
/// that records it), else the paper of its minute item.
fn reports(site: &Site, d: &Decision, doc: DocRef<'_>, diagnostics: &mut Diagnostics) -> Vec<PaperId> {
    let papers = site.papers.unrecorded();
    let file = doc.path();
    let mut out = Vec::new();
    for written in &d.record.reports {
        let w = written.trim();
        let candidates = [
            Path::new(crate::content::load::CONTENT_DIR).join(w),
            file.parent().unwrap_or(Path::new("")).join(w),
            PathBuf::from(w),
        ];
        match papers.iter().position(|p| candidates.iter().any(|c| normal(c) == p.doc.path)) {
            Some(p) => out.push(p),
            None => diagnostics.push(doc.at_text(
                Diagnostic::warning("BP120", file, format!("no published paper is at `{w}`"))
                    .label("not a paper of this site")
                    .help("give the paper's path under content/ (e.g. `transport-board/2026-09-15/03-bus-franchising.md`); a draft or withheld paper cannot be linked"),
                w,
            )),
        }
    }
    if out.is_empty()
        && d.record.reports.is_empty()
        && let Some(m) = &d.minute
    {
        let meeting = site.minutes.unrecorded()[m.minutes].meeting;
        if let Some(p) = site.meetings.unrecorded()[meeting]
            .agenda
            .iter()
            .find(|a| a.item == m.item)
            .and_then(|a| a.paper)
        {
            out.push(p);
        }
    }
    out
}

/// The document a decision's record is written in: its notice's, else its minutes'.
#[derive(Clone, Copy)]
enum DocRef<'a> {
    Notice(&'a Document<NoticeMatter>),
    Minutes(&'a Document<crate::content::model::MinutesMatter>),
}

impl<'a> DocRef<'a> {
    fn of(site: &'a Site, d: &Decision) -> Option<Self> {
        match (d.notice, &d.minute) {
            (Some(n), _) => Some(DocRef::Notice(&site.notices.unrecorded()[n].doc)),
            (None, Some(m)) => Some(DocRef::Minutes(&site.minutes.unrecorded()[m.minutes].doc)),
            (None, None) => None,
        }
    }

    fn path(self) -> &'a Path {
        match self {
            DocRef::Notice(d) => &d.path,
            DocRef::Minutes(d) => &d.path,
        }
    }

    fn at_text(self, diagnostic: Diagnostic, value: &str) -> Diagnostic {
        match self {
            DocRef::Notice(d) => d.at_text(diagnostic, value),
            DocRef::Minutes(d) => d.at_text(diagnostic, value),
        }
    }
}

/// The board `written` (a slug or a title) names.
pub(crate) fn find_board(site: &Site, written: &str) -> Option<BoardId> {
    let slug = slugify(written);
    site.boards
        .unrecorded()
        .iter()
        .position(|b| b.slug == slug || b.doc.matter.title.eq_ignore_ascii_case(written.trim()))
}

/// `path` with `.` and `..` parts worked out.
fn normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Whether and until when a decision can be called in, under the site's rule.
fn call_in(site: &Site, d: &Decision) -> CallIn {
    let Some(rule) = &site.config.call_in else {
        return CallIn::NotApplicable;
    };
    if d.record.recommended_to.is_some() || !open_to_call_in(site, rule, d) {
        return CallIn::NotApplicable;
    }
    if d.record.urgent.as_deref().is_some_and(|u| !u.trim().is_empty()) {
        return CallIn::Urgent;
    }
    match d.published {
        Some(p) => CallIn::Until {
            day: crate::site::publish::working_days_after(p, rule.working_days, &site.config.bank_holidays),
            time: rule.time,
        },
        None => CallIn::AwaitingPublication,
    }
}

/// An executive decision the rule opens to call-in: a listed board's, an executive member's, or an
/// officer's key decision.
fn open_to_call_in(site: &Site, rule: &CallInRule, d: &Decision) -> bool {
    match &d.maker {
        Maker::Meeting(m) => {
            rule.boards.iter().any(|b| find_board(site, b) == Some(site.meetings.unrecorded()[*m].board))
        }
        Maker::Member(_) => true,
        Maker::Officer(_) => d.record.key_decision,
    }
}
