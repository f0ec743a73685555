//! The decisions register and the action tracker, from the structured decisions and actions of minutes.
//!
//! Both read exactly what the minutes pages publish: the `decisions` and `actions` of minute items that
//! are not exempt, in minutes that are in the site (draft and embargoed minutes are already gone).
//! Later minutes may update an action by its `id` (`action_updates`), so the tracker shows where each
//! action stands now, not only what was said when it was recorded. [`collect`] is the one place that
//! works this out; the pages, the open data and the checks all read its result.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;

use crate::render::context::{DateView, LinkView};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::content::load::Document;
use crate::content::markdown;
use crate::content::model::{ActionMatter, ActionStatus, ActionUpdateMatter, Date, MinuteItemMatter, MinutesMatter};
use crate::render::{ExtraPage, Extras, PageRenderer, board_link, date_view, minute_anchor};
use crate::site::{BoardId, MeetingId, MinutesId, PaperId, Site};

/// The decisions register's folder.
pub const DECISIONS: &str = "decisions/";
/// The action tracker's folder.
pub const ACTIONS: &str = "actions/";

/// A decision recorded in published minutes.
#[derive(Debug)]
pub struct Decision<'a> {
    pub meeting: MeetingId,
    pub minutes: MinutesId,
    pub item: &'a MinuteItemMatter,
    /// Its place among the item's decisions, from 1.
    pub order: usize,
    /// Markdown, as written.
    pub text: &'a str,
}

/// An action recorded in published minutes, and where it stands after every published update.
#[derive(Debug)]
pub struct Action<'a> {
    /// Its `id:`, or one made from where it is recorded (`<board>/<date>/<item>/<n>`).
    pub id: String,
    /// `id` was written in the minutes (so later minutes can update the action by it).
    pub explicit_id: bool,
    pub matter: &'a ActionMatter,
    pub meeting: MeetingId,
    pub minutes: MinutesId,
    pub item: &'a MinuteItemMatter,
    /// Its place among the item's actions, from 1.
    pub order: usize,
    /// After the updates.
    pub status: ActionStatus,
    /// After the updates.
    pub due: Option<Date>,
    /// In meeting order.
    pub updates: Vec<Update<'a>>,
}

impl Action<'_> {
    /// Open and due before `today`.
    pub fn overdue(&self, today: Date) -> bool {
        self.status == ActionStatus::Open && self.due.is_some_and(|d| d < today)
    }
}

/// An update of an action by later minutes.
#[derive(Debug)]
pub struct Update<'a> {
    pub meeting: MeetingId,
    pub minutes: MinutesId,
    pub matter: &'a ActionUpdateMatter,
}

/// A mistake in action ids, reported by [`check`].
#[derive(Debug)]
enum Problem<'a> {
    /// An update names no action of the published minutes.
    UnknownId { minutes: MinutesId, update: &'a ActionUpdateMatter, nth: usize },
    /// An update comes from minutes of a meeting before the one that recorded the action.
    Early { minutes: MinutesId, update: &'a ActionUpdateMatter, nth: usize, recorded: MeetingId },
    /// A second action with an id already taken.
    DuplicateId { minutes: MinutesId, id: &'a str, nth: usize, first: MinutesId },
}

/// Every published decision and action, and the mistakes in action ids.
#[derive(Debug)]
pub struct Registers<'a> {
    /// Newest meeting first, then board, item and order.
    pub decisions: Vec<Decision<'a>>,
    /// In meeting, item and order order.
    pub actions: Vec<Action<'a>>,
    problems: Vec<Problem<'a>>,
}

/// Minutes in the order of their meetings (date, then board).
fn minutes_in_order(site: &Site) -> Vec<MinutesId> {
    let mut ids: Vec<MinutesId> = (0..site.minutes.len()).collect();
    ids.sort_by_key(|&n| (site.meetings[site.minutes[n].meeting].date, site.minutes[n].meeting));
    ids
}

/// Reads the decisions and actions of every published minute item that is not exempt, and applies
/// the action updates.
pub fn collect(site: &Site) -> Registers<'_> {
    let order = minutes_in_order(site);
    let mut decisions = Vec::new();
    let mut actions: Vec<Action<'_>> = Vec::new();
    let mut problems = Vec::new();
    // Ids of listed actions, and of actions of exempt items: updates of those are accepted and shown
    // nowhere, since the action itself is not published.
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    let mut exempt_ids: HashMap<&str, MinutesId> = HashMap::new();
    for &n in &order {
        let minutes = &site.minutes[n];
        let meeting = minutes.meeting;
        let mut seen_here: HashMap<&str, usize> = HashMap::new();
        for item in &minutes.doc.matter.items {
            for (i, action) in item.actions.iter().enumerate() {
                let explicit = action.id.as_deref().map(str::trim).filter(|s| !s.is_empty());
                let mut explicit_id = false;
                if let Some(id) = explicit {
                    let nth = *seen_here.entry(id).and_modify(|c| *c += 1).or_insert(0);
                    let first = by_id.get(id).map(|&a| actions[a].minutes).or_else(|| exempt_ids.get(id).copied());
                    match first {
                        Some(first) => problems.push(Problem::DuplicateId { minutes: n, id, nth, first }),
                        None if item.exempt.is_some() => {
                            exempt_ids.insert(id, n);
                        }
                        None => {
                            by_id.insert(id, actions.len());
                            explicit_id = true;
                        }
                    }
                }
                if item.exempt.is_some() {
                    continue;
                }
                let id = match explicit {
                    Some(id) if explicit_id => id.to_string(),
                    _ => derived_id(site, meeting, item, i + 1),
                };
                actions.push(Action {
                    id,
                    explicit_id,
                    matter: action,
                    meeting,
                    minutes: n,
                    item,
                    order: i + 1,
                    status: action.status,
                    due: action.due,
                    updates: Vec::new(),
                });
            }
            if item.exempt.is_none() {
                for (i, text) in item.decisions.iter().enumerate() {
                    decisions.push(Decision { meeting, minutes: n, item, order: i + 1, text });
                }
            }
        }
    }
    for &n in &order {
        let minutes = &site.minutes[n];
        let mut seen_here: HashMap<&str, usize> = HashMap::new();
        for update in &minutes.doc.matter.action_updates {
            let id = update.id.trim();
            let nth = *seen_here.entry(id).and_modify(|c| *c += 1).or_insert(0);
            match by_id.get(id) {
                Some(&a) if site.meetings[minutes.meeting].date < site.meetings[actions[a].meeting].date => {
                    problems.push(Problem::Early { minutes: n, update, nth, recorded: actions[a].meeting });
                }
                Some(&a) => {
                    let action = &mut actions[a];
                    action.status = update.status.unwrap_or(action.status);
                    action.due = update.due.or(action.due);
                    action.updates.push(Update { meeting: minutes.meeting, minutes: n, matter: update });
                }
                None if exempt_ids.contains_key(id) => {}
                None => problems.push(Problem::UnknownId { minutes: n, update, nth }),
            }
        }
    }
    let key = |m: MeetingId| (std::cmp::Reverse(site.meetings[m].date), &site.boards[site.meetings[m].board].doc.matter.title, m);
    decisions.sort_by(|a, b| (key(a.meeting), &a.item.item, a.order).cmp(&(key(b.meeting), &b.item.item, b.order)));
    Registers { decisions, actions, problems }
}

/// An id for an action that has none: where it is recorded.
fn derived_id(site: &Site, meeting: MeetingId, item: &MinuteItemMatter, order: usize) -> String {
    let m = &site.meetings[meeting];
    format!("{}/{}/{}/{order}", site.boards[m.board].slug, m.date, item.item)
}

/// Reports updates that name no action, and ids given to two actions.
pub fn check(site: &Site, diagnostics: &mut Diagnostics) {
    let registers = collect(site);
    let known: Vec<&str> = registers.actions.iter().filter(|a| a.explicit_id).map(|a| a.id.as_str()).collect();
    for problem in &registers.problems {
        let d = match *problem {
            Problem::UnknownId { minutes, update, nth } => {
                let doc = &site.minutes[minutes].doc;
                let id = update.id.trim();
                let lower: Vec<String> = known.iter().map(|k| k.to_lowercase()).collect();
                let suggestion = crate::content::model::did_you_mean(id, lower.iter().map(String::as_str))
                    .and_then(|s| known.iter().find(|k| k.to_lowercase() == s));
                let help = match suggestion {
                    Some(s) => format!("did you mean `{s}`? An update names an action by the `id:` it was given in earlier minutes"),
                    None => "give the action an `id:` in the minutes that record it and use the same id here; actions of minutes not yet approved cannot be updated yet".to_string(),
                };
                locate(doc, Some("action_updates"), id, nth, Diagnostic::warning("BP038", &doc.path, format!("no action in the published minutes has the id `{id}`")))
                    .label("no action with this id")
                    .help(help)
            }
            Problem::Early { minutes, update, nth, recorded } => {
                let doc = &site.minutes[minutes].doc;
                let id = update.id.trim();
                let message = format!("the action `{id}` was recorded on {}, after the meeting of these minutes", site.meetings[recorded].date);
                locate(doc, Some("action_updates"), id, nth, Diagnostic::warning("BP038", &doc.path, message))
                    .label("updates an action recorded later")
                    .help("record updates in the minutes of a meeting after the one that recorded the action; check the id")
            }
            Problem::DuplicateId { minutes, id, nth, first } => {
                let doc = &site.minutes[minutes].doc;
                let place = if first == minutes { "earlier in these minutes".to_string() } else { format!("in {}", site.minutes[first].doc.path.display()) };
                let message = format!("the action id `{id}` is already given to an action {place}");
                locate(doc, Some("items"), id, nth, Diagnostic::warning("BP039", &doc.path, message))
                    .label("id already taken")
                    .help("give each action its own id, e.g. the board's initials, the meeting date and a number: `TB-2026-06-3`")
            }
        };
        diagnostics.push(d);
    }
}

/// Points `diagnostic` at the `nth` (from 0) `id: <id>` line after the top-level `section:` key of the
/// front matter, or at the first `id:` holding it, or at the file.
fn locate(doc: &Document<MinutesMatter>, section: Option<&str>, id: &str, nth: usize, diagnostic: Diagnostic) -> Diagnostic {
    match id_value_ranges(doc, section, id).into_iter().nth(nth) {
        Some(range) => diagnostic.at(&doc.text, range),
        None => doc.at_value(diagnostic, "id", id),
    }
}

/// The byte ranges of the values of block-style `id:` keys equal to `id` (quoted or not), after the
/// top-level key `section`.
fn id_value_ranges<T>(doc: &Document<T>, section: Option<&str>, id: &str) -> Vec<Range<usize>> {
    let front = &doc.text[..doc.body_offset];
    let start = section.and_then(|s| doc.key_range(s)).map_or(0, |r| r.start);
    let mut offset = start;
    let mut out = Vec::new();
    for line in front[start..].split_inclusive('\n') {
        let content = line.trim_end();
        let rest = content.trim_start().trim_start_matches("- ").trim_start();
        if let Some(value) = rest.strip_prefix("id:") {
            let value_start = offset + (content.len() - value.len()) + (value.len() - value.trim_start().len());
            let value = value.trim();
            let unquoted = value.trim_matches(|c| c == '"' || c == '\'');
            if unquoted.trim() == id && !value.is_empty() {
                out.push(value_start..value_start + value.len());
            }
        }
        offset += line.len();
    }
    out
}

// ------------------------------------------------------------------------------------------------
// Pages.

/// A board in the "by board" list of a register page.
#[derive(Debug, Clone, Serialize)]
struct BoardFilter {
    title: String,
    url: String,
    /// Decisions, or actions.
    count: usize,
    /// Of actions: how many are open, and how many of those overdue.
    open: usize,
    overdue: usize,
    /// This is the page being shown.
    current: bool,
}

/// Above this many boards, a board's register page links only to itself and to the register of all
/// boards (which lists every board): a list of hundreds of boards on each of hundreds of pages helps
/// nobody, and grows with the square of the boards.
const MAX_FILTER_BOARDS: usize = 12;

/// The "by board" links of a register at `base` on the page of `current` (`None`: all boards), with
/// each board's `(count, open, overdue)` from `tally` (`None`: all boards).
fn board_filters(site: &Site, base: &str, current: Option<BoardId>, tally: &dyn Fn(Option<BoardId>) -> (usize, usize, usize)) -> Vec<BoardFilter> {
    let filter = |board: Option<BoardId>, title: String, url: String| {
        let (count, open, overdue) = tally(board);
        BoardFilter { title, url, count, open, overdue, current: current == board }
    };
    let boards: Vec<BoardId> = match current {
        Some(b) if site.boards.len() > MAX_FILTER_BOARDS => vec![b],
        _ => (0..site.boards.len()).collect(),
    };
    std::iter::once(filter(None, "All boards".into(), site.href(base)))
        .chain(boards.into_iter().map(|b| {
            let board = &site.boards[b];
            filter(Some(b), board.doc.matter.title.clone(), site.href(&format!("{base}{}/", board.slug)))
        }))
        .collect()
}

/// `register` (decisions.html).
#[derive(Debug, Serialize)]
struct DecisionsView {
    /// The board of a per-board register, or null for the whole site.
    board: Option<LinkView>,
    /// "All boards" first, then each board.
    filters: Vec<BoardFilter>,
    total: usize,
    /// Newest first.
    meetings: Vec<DecisionMeetingView>,
}

#[derive(Debug, Serialize)]
struct DecisionMeetingView {
    title: String,
    url: String,
    /// A [`LinkView`], shared (see [`MeetingValues`]).
    board: tera::Value,
    /// A [`DateView`], shared.
    date: tera::Value,
    minutes_url: String,
    items: Vec<DecisionItemView>,
}

#[derive(Debug, Serialize)]
struct DecisionItemView {
    item: String,
    title: String,
    /// The item's minute (minutes page and `#item-N`).
    minute_url: String,
    paper: Option<LinkView>,
    /// Shared with every other page that lists the decision.
    decisions_html: Vec<tera::Value>,
}

/// `tracker` (actions.html).
#[derive(Debug, Serialize)]
struct ActionsView {
    board: Option<LinkView>,
    filters: Vec<BoardFilter>,
    total: usize,
    open_count: usize,
    overdue_count: usize,
    done_count: usize,
    /// Overdue first, then by due date; actions with no due date last. Each an [`ActionRow`], made a
    /// template value as soon as it is made: the rows are not held twice.
    open: Vec<tera::Value>,
    /// Most recently recorded first.
    done: Vec<tera::Value>,
}

#[derive(Debug, Serialize)]
struct ActionRow {
    /// The `id:` written in the minutes, or null.
    id: Option<String>,
    action: String,
    owner: Option<String>,
    due: Option<DateView>,
    /// `open` or `done`.
    status: &'static str,
    overdue: bool,
    /// Where it was recorded: "Transport Board, 16 June 2026". This and the next two are shared (see
    /// [`MeetingValues`]): a [`LinkView`], a [`DateView`] and the board's [`LinkView`].
    meeting: tera::Value,
    meeting_date: tera::Value,
    board: tera::Value,
    item: String,
    item_title: String,
    minute_url: String,
    /// Progress recorded by later minutes, oldest first.
    updates: Vec<UpdateView>,
}

#[derive(Debug, Serialize)]
struct UpdateView {
    /// Shared (see [`MeetingValues`]): a [`LinkView`] and a [`DateView`].
    meeting: tera::Value,
    date: tera::Value,
    /// The minutes that record the update.
    minutes_url: String,
    /// `open`, `done`, or null when the update does not change it.
    status: Option<&'static str>,
    due: Option<DateView>,
    note: Option<String>,
}

/// What register rows show of the meeting they come from: its link, date and board. A large site's
/// site-wide pages have tens of thousands of rows, and their template values were most of the
/// memory a build needs. Template values are reference-counted, so each meeting's are made once, when
/// first wanted, and every row shares them.
struct MeetingValues {
    link: tera::Value,
    date: tera::Value,
    board: tera::Value,
}

/// Every meeting's [`MeetingValues`], made when first wanted, from any thread, and shared by both
/// registers.
struct SharedValues<'s> {
    site: &'s Site,
    meetings: Vec<OnceLock<MeetingValues>>,
}

impl<'s> SharedValues<'s> {
    fn new(site: &'s Site) -> Self {
        SharedValues { site, meetings: site.meetings.iter().map(|_| OnceLock::new()).collect() }
    }

    fn meeting(&self, id: MeetingId) -> &MeetingValues {
        self.meetings[id].get_or_init(|| {
            let (site, m) = (self.site, &self.site.meetings[id]);
            MeetingValues {
                link: tera::Value::from_serializable(&LinkView { title: site.meeting_title(id), url: site.href(&m.path) }),
                date: tera::Value::from_serializable(&date_view(m.date)),
                board: tera::Value::from_serializable(&board_link(site, &site.boards[m.board])),
            }
        })
    }
}

pub fn status_name(s: ActionStatus) -> &'static str {
    match s {
        ActionStatus::Open => "open",
        ActionStatus::Done => "done",
    }
}

/// The title of an item's minute: its own, else the agenda's, else "Item N".
pub fn item_title(site: &Site, meeting: MeetingId, item: &MinuteItemMatter) -> String {
    item.title
        .clone()
        .or_else(|| site.meetings[meeting].agenda.iter().find(|a| a.item == item.item).map(|a| a.title.clone()))
        .unwrap_or_else(|| format!("Item {}", item.item))
}

/// The published paper of the item's agenda line, if any.
pub fn item_paper(site: &Site, meeting: MeetingId, item: &MinuteItemMatter) -> Option<PaperId> {
    site.meetings[meeting].agenda.iter().find(|a| a.item == item.item).and_then(|a| a.paper)
}

/// The item's minute: the minutes page with the item's anchor (a site-relative path).
pub fn minute_path(site: &Site, minutes: MinutesId, item: &MinuteItemMatter) -> String {
    format!("{}#{}", site.minutes[minutes].path, minute_anchor(&item.item))
}

pub fn outputs(site: &Site, extras: &mut Extras) {
    let registers = collect(site);
    // One after the other, each page given away as it is made: the site-wide pages' views are tens
    // of megabytes on a large site, and the other generators and pages keep both threads busy.
    let shared = SharedValues::new(site);
    extras.pages_in_parallel(|add| {
        decision_pages(&shared, &registers, add);
        action_pages(&shared, &registers, add);
    });
}

/// Each decision's HTML, in the order of `registers.decisions`: rendered like the minutes page does, with
/// links resolved from the minutes' folder.
pub fn decisions_html(site: &Site, registers: &Registers<'_>) -> Vec<String> {
    // Files a decision links to are collected and dropped here: the minutes page links them too, and
    // publishes them.
    let anchors = crate::render::Collector::default();
    registers
        .decisions
        .iter()
        .map(|d| {
            let resolver = crate::render::resolver(site, site.minutes[d.minutes].doc.dir(), &anchors);
            markdown::render_inline_block(d.text, &resolver)
        })
        .collect()
}

fn decision_pages(shared: &SharedValues<'_>, registers: &Registers<'_>, add: &PageRenderer<'_>) {
    let site = shared.site;
    let html: Vec<tera::Value> = decisions_html(site, registers).into_iter().map(tera::Value::from).collect();
    // Counted once: every board's page lists every board with its count.
    let mut counts = vec![0usize; site.boards.len()];
    for d in &registers.decisions {
        counts[site.meetings[d.meeting].board] += 1;
    }
    let count = |board: BoardId| counts[board];
    let by_board = per_board(site, registers.decisions.iter().map(|d| d.meeting));
    let filters = |current: Option<BoardId>| board_filters(site, DECISIONS, current, &|b| (b.map_or(registers.decisions.len(), count), 0, 0));
    let view = |board: Option<BoardId>| {
        let mut meetings: Vec<DecisionMeetingView> = Vec::new();
        let mut total = 0;
        let mine: &mut dyn Iterator<Item = usize> = match board {
            Some(b) => &mut by_board[b].iter().copied(),
            None => &mut (0..registers.decisions.len()),
        };
        for i in mine {
            let (d, html) = (&registers.decisions[i], &html[i]);
            let m = &site.meetings[d.meeting];
            total += 1;
            if meetings.last().is_none_or(|last| last.url != site.href(&m.path)) {
                let values = shared.meeting(d.meeting);
                meetings.push(DecisionMeetingView {
                    title: site.meeting_title(d.meeting),
                    url: site.href(&m.path),
                    board: values.board.clone(),
                    date: values.date.clone(),
                    minutes_url: site.href(&site.minutes[d.minutes].path),
                    items: Vec::new(),
                });
            }
            let Some(meeting) = meetings.last_mut() else { continue };
            let item = d.item.item.to_string();
            if meeting.items.last().is_none_or(|last| last.item != item) {
                meeting.items.push(DecisionItemView {
                    item,
                    title: item_title(site, d.meeting, d.item),
                    minute_url: site.href(&minute_path(site, d.minutes, d.item)),
                    paper: item_paper(site, d.meeting, d.item)
                        .map(|p| LinkView { title: site.papers[p].doc.matter.title.clone(), url: site.href(&site.papers[p].path) }),
                    decisions_html: Vec::new(),
                });
            }
            if let Some(item) = meeting.items.last_mut() {
                item.decisions_html.push(html.clone());
            }
        }
        DecisionsView { board: board.map(|b| board_link(site, &site.boards[b])), filters: filters(board), total, meetings }
    };
    let register_crumb = LinkView { title: "Decisions register".into(), url: site.href(DECISIONS) };
    let p = crate::render::page(site, "decisions", "Decisions register", DECISIONS, vec![], None);
    // The view is dropped once it is a template value, before the page is rendered.
    let register = tera::Value::from_serializable(&view(None));
    add(ExtraPage::new(DECISIONS, "decisions.html", p, vec![("register", register)]));
    // Each board's page is independent of the others': made in parallel.
    site.boards.par_iter().enumerate().for_each(|(b, board)| {
        let path = format!("{DECISIONS}{}/", board.slug);
        let title = format!("Decisions register: {}", board.doc.matter.title);
        let p = crate::render::page(site, "decisions", &title, &path, vec![register_crumb.clone()], None);
        add(ExtraPage::new(path, "decisions.html", p, vec![("register", tera::Value::from_serializable(&view(Some(b))))]));
    });
}

/// The indices of a register's entries (given by their meetings), board by board, in register order:
/// each board's page takes its own without a pass over every board's.
fn per_board(site: &Site, meetings: impl Iterator<Item = MeetingId>) -> Vec<Vec<usize>> {
    let mut by_board = vec![Vec::new(); site.boards.len()];
    for (i, m) in meetings.enumerate() {
        by_board[site.meetings[m].board].push(i);
    }
    by_board
}

fn action_row(shared: &SharedValues<'_>, a: &Action<'_>) -> tera::Value {
    let site = shared.site;
    let values = shared.meeting(a.meeting);
    tera::Value::from_serializable(&ActionRow {
        id: a.explicit_id.then(|| a.id.clone()),
        action: a.matter.action.clone(),
        owner: a.matter.owner.clone(),
        due: a.due.map(date_view),
        status: status_name(a.status),
        overdue: a.overdue(site.today),
        meeting: values.link.clone(),
        meeting_date: values.date.clone(),
        board: values.board.clone(),
        item: a.item.item.to_string(),
        item_title: item_title(site, a.meeting, a.item),
        minute_url: site.href(&minute_path(site, a.minutes, a.item)),
        updates: a
            .updates
            .iter()
            .map(|u| UpdateView {
                meeting: shared.meeting(u.meeting).link.clone(),
                date: shared.meeting(u.meeting).date.clone(),
                minutes_url: site.href(&site.minutes[u.minutes].path),
                status: u.matter.status.map(status_name),
                due: u.matter.due.map(date_view),
                note: u.matter.note.clone(),
            })
            .collect(),
    })
}

fn action_pages(shared: &SharedValues<'_>, registers: &Registers<'_>, add: &PageRenderer<'_>) {
    let site = shared.site;
    let today = site.today;
    // Tallied once, in one pass: every board's page lists every board with its tally.
    let mut tallies = vec![(0usize, 0usize, 0usize); site.boards.len() + 1];
    for a in &registers.actions {
        let (open, overdue) = (usize::from(a.status == ActionStatus::Open), usize::from(a.overdue(today)));
        for slot in [site.meetings[a.meeting].board, site.boards.len()] {
            let t = &mut tallies[slot];
            *t = (t.0 + 1, t.1 + open, t.2 + overdue);
        }
    }
    // The last slot is every board's.
    let tally = |board: Option<BoardId>| tallies[board.unwrap_or(site.boards.len())];
    let by_board = per_board(site, registers.actions.iter().map(|a| a.meeting));
    let filters = |current: Option<BoardId>| board_filters(site, ACTIONS, current, &tally);
    let view = |board: Option<BoardId>| {
        let mine: Vec<&Action<'_>> = match board {
            Some(b) => by_board[b].iter().map(|&i| &registers.actions[i]).collect(),
            None => registers.actions.iter().collect(),
        };
        let mut open: Vec<&Action<'_>> = mine.iter().copied().filter(|a| a.status == ActionStatus::Open).collect();
        // Overdue first, then soonest due, then those with no date; ties in the order recorded.
        open.sort_by_key(|a| (!a.overdue(today), a.due.is_none(), a.due));
        let mut done: Vec<&Action<'_>> = mine.iter().copied().filter(|a| a.status == ActionStatus::Done).collect();
        done.sort_by_key(|a| std::cmp::Reverse(site.meetings[a.meeting].date));
        let (total, open_count, overdue_count) = tally(board);
        ActionsView {
            board: board.map(|b| board_link(site, &site.boards[b])),
            filters: filters(board),
            total,
            open_count,
            overdue_count,
            done_count: done.len(),
            open: open.into_iter().map(|a| action_row(shared, a)).collect(),
            done: done.into_iter().map(|a| action_row(shared, a)).collect(),
        }
    };
    let tracker_crumb = LinkView { title: "Action tracker".into(), url: site.href(ACTIONS) };
    let p = crate::render::page(site, "actions", "Action tracker", ACTIONS, vec![], None);
    let tracker = tera::Value::from_serializable(&view(None));
    add(ExtraPage::new(ACTIONS, "actions.html", p, vec![("tracker", tracker)]));
    // Each board's page is independent of the others': made in parallel.
    site.boards.par_iter().enumerate().for_each(|(b, board)| {
        let path = format!("{ACTIONS}{}/", board.slug);
        let title = format!("Action tracker: {}", board.doc.matter.title);
        let p = crate::render::page(site, "actions", &title, &path, vec![tracker_crumb.clone()], None);
        add(ExtraPage::new(path, "actions.html", p, vec![("tracker", tera::Value::from_serializable(&view(Some(b))))]));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(front: &str) -> Document<()> {
        let text = format!("---\n{front}---\nBody\n");
        let body_offset = text.find("---\nBody").map_or(0, |i| i + 4);
        Document::new("content/m.md".into(), text, body_offset, ())
    }

    #[test]
    fn id_values_are_found_after_their_section_quoted_or_not() {
        let d = doc("items:\n  - item: 1\n    actions:\n      - action: A\n        id: TB-1\naction_updates:\n  - id: TB-1\n    status: done\n  - id: \"TB-1\"\n");
        let all = id_value_ranges(&d, None, "TB-1");
        assert_eq!(all.len(), 3);
        let updates = id_value_ranges(&d, Some("action_updates"), "TB-1");
        assert_eq!(updates.len(), 2);
        assert_eq!(&d.text[updates[0].clone()], "TB-1");
        assert_eq!(&d.text[updates[1].clone()], "\"TB-1\"");
        assert!(updates[0].start > d.text.find("action_updates").unwrap());
        assert!(id_value_ranges(&d, None, "TB").is_empty(), "whole values only");
    }

    #[test]
    fn overdue_means_open_and_due_before_today() {
        let matter = ActionMatter { action: "A".into(), owner: None, due: None, id: None, status: ActionStatus::Open };
        let item = MinuteItemMatter { item: crate::content::model::ItemNo::new(1), title: None, minute: None, decisions: vec![], actions: vec![], exempt: None };
        let date = |s: &str| s.parse::<Date>().unwrap();
        let mut a = Action { id: "x".into(), explicit_id: false, matter: &matter, meeting: 0, minutes: 0, item: &item, order: 1, status: ActionStatus::Open, due: Some(date("2026-03-01")), updates: vec![] };
        assert!(a.overdue(date("2026-03-02")));
        assert!(!a.overdue(date("2026-03-01")), "due today is not overdue");
        a.status = ActionStatus::Done;
        assert!(!a.overdue(date("2026-03-02")));
        a.status = ActionStatus::Open;
        a.due = None;
        assert!(!a.overdue(date("2027-01-01")));
    }
}
