//! The decisions register and the action tracker: the pages made from the structured decisions and
//! actions of minutes, as [`collect`] (in `site::registers`, where `check` and the open data reach it
//! too) links them.

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;

use crate::content::markdown;
use crate::content::model::{ActionStatus, ItemNo};
use crate::render::context::{DateView, LinkView};
use crate::render::{
    ExtraPage, Extras, Output, PageRenderer, board_link, date_view, minute_anchor,
};
use crate::site::minutes::Minuted;
use crate::site::{BoardId, MeetingId, MinutesId, PaperId, Site};

pub use crate::site::paths::{ACTIONS, DECISIONS};

pub use crate::site::registers::{Action, Decision, Registers, Update, collect};

/// The decisions register and the action tracker, as a site-wide output.
pub struct RegisterPages;

impl Output for RegisterPages {
    fn name(&self) -> &'static str {
        "registers"
    }

    fn make(&self, site: &Site, _added: &[&str], extras: &mut Extras) {
        outputs(site, extras);
    }
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
fn board_filters(
    site: &Site,
    base: &str,
    current: Option<BoardId>,
    tally: &dyn Fn(Option<BoardId>) -> (usize, usize, usize),
) -> Vec<BoardFilter> {
    let filter = |board: Option<BoardId>, title: String, url: String| {
        let (count, open, overdue) = tally(board);
        BoardFilter {
            title,
            url,
            count,
            open,
            overdue,
            current: current == board,
        }
    };
    let boards: Vec<BoardId> = match current {
        Some(b) if site.boards.len() > MAX_FILTER_BOARDS => vec![b],
        _ => (0..site.boards.len()).collect(),
    };
    std::iter::once(filter(None, "All boards".into(), site.href(base)))
        .chain(boards.into_iter().map(|b| {
            let board = &site.boards[b];
            filter(
                Some(b),
                board.doc.matter.title.clone(),
                site.href(&format!("{base}{}/", board.slug)),
            )
        }))
        .collect()
}

/// `register` (decisions.html): a register's index of years (`year` null) or one page of a year.
#[derive(Debug, Serialize)]
struct DecisionsView {
    /// The board of a per-board register, or null for the whole site.
    board: Option<LinkView>,
    /// "All boards" first, then each board (on the index only).
    filters: Vec<BoardFilter>,
    /// Of the register (index) or of the year (a year's page).
    total: usize,
    /// The register's index.
    index_url: String,
    /// Every year of the register, newest first, with `current` on the one shown.
    years: Vec<YearLink>,
    /// The year shown, or null on the index.
    year: Option<i16>,
    /// Where this page is among the year's pages, when the year has more than one.
    pages: Option<Pagination>,
    /// The page's meetings, newest first (none on the index).
    meetings: Vec<DecisionMeetingView>,
    /// On the index: the newest decision records (of notices and minutes), with their status.
    recent: Vec<crate::render::decisions::DecisionLine>,
    /// On the site's index: the registers of executive members' and officers' decisions, when any.
    member_decisions: Option<LinkView>,
    officer_decisions: Option<LinkView>,
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

/// `tracker` (actions.html): a tracker's index of years (`year` null) or one page of a year's actions
/// (those recorded at the year's meetings).
#[derive(Debug, Serialize)]
struct ActionsView {
    board: Option<LinkView>,
    /// On the index only.
    filters: Vec<BoardFilter>,
    /// These five are of the tracker (index) or of the year (a year's page).
    total: usize,
    open_count: usize,
    overdue_count: usize,
    done_count: usize,
    index_url: String,
    years: Vec<YearLink>,
    year: Option<i16>,
    pages: Option<Pagination>,
    /// The page's open actions: overdue first, then by due date; actions with no due date last. Each an
    /// [`ActionRow`], made a template value as soon as it is made: the rows are not held twice.
    open: Vec<tera::Value>,
    /// The page's completed actions, most recently recorded first.
    done: Vec<tera::Value>,
}

/// A year of a register, as its index and its pages' year links show it.
#[derive(Debug, Clone, Serialize)]
struct YearLink {
    year: i16,
    url: String,
    /// Decisions or actions recorded at the year's meetings.
    count: usize,
    /// Of decisions: at how many meetings.
    meetings: usize,
    /// Of actions: how many are open, how many of those overdue, and how many done.
    open: usize,
    overdue: usize,
    done: usize,
    current: bool,
}

/// Where a page is among its year's pages.
#[derive(Debug, Serialize)]
struct Pagination {
    /// From 1.
    number: usize,
    count: usize,
    previous: Option<String>,
    next: Option<String>,
    /// The first and last pages, and those near this one; a gap (`number` null) between runs.
    links: Vec<PageLink>,
}

#[derive(Debug, Serialize)]
struct PageLink {
    number: Option<usize>,
    url: Option<String>,
    current: bool,
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
        SharedValues {
            site,
            meetings: site.meetings.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    fn meeting(&self, id: MeetingId) -> &MeetingValues {
        self.meetings[id].get_or_init(|| {
            let (site, m) = (self.site, &self.site.meetings[id]);
            MeetingValues {
                link: tera::Value::from_serializable(&LinkView {
                    title: site.meeting_title(id),
                    url: site.href(&m.path),
                }),
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
pub fn item_title(site: &Site, meeting: MeetingId, item: &impl Minuted) -> String {
    item.own_title()
        .map(str::to_string)
        .or_else(|| {
            site.meetings[meeting]
                .agenda
                .iter()
                .find(|a| a.item == *item.number())
                .map(|a| a.title.clone())
        })
        .unwrap_or_else(|| format!("Item {}", item.number()))
}

/// The published paper of the item's agenda line, if any.
pub fn item_paper(site: &Site, meeting: MeetingId, item: &impl Minuted) -> Option<PaperId> {
    site.meetings[meeting]
        .agenda
        .iter()
        .find(|a| a.item == *item.number())
        .and_then(|a| a.paper)
}

/// The minute of agenda item `item`: the minutes page with the item's anchor (a site-relative path).
pub fn minute_path(site: &Site, minutes: MinutesId, item: &ItemNo) -> String {
    format!("{}#{}", site.minutes[minutes].path, minute_anchor(item))
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
            let resolver =
                crate::render::resolver(site, site.minutes[d.minutes].doc.dir(), &anchors);
            let mut html = markdown::render_inline_block(d.text, &resolver);
            if let Some(r) = d.record {
                let line = crate::render::decisions::decision_line(site, r);
                html.push_str(&format!(
                    " <span class=\"decision-record\"><a href=\"{}\">Decision record<span class=\"visually-hidden\">: {}</span></a>: {}</span>",
                    super::feeds::xml_escape(&line.url),
                    super::feeds::xml_escape(&line.title),
                    super::feeds::xml_escape(&line.status.detail)
                ));
            }
            html
        })
        .collect()
}

/// At most about this many decisions on one page of a year (a page is cut only between meetings):
/// at 100,000 papers one year's register would be tens of megabytes, a page no phone can use.
const DECISIONS_PER_PAGE: usize = 400;
/// At most this many actions on one page of a year: a tracker row is about twice a decision.
const ACTIONS_PER_PAGE: usize = 200;

/// Where a register (`base`: `decisions/`, or a board's `decisions/<board>/`) publishes page
/// `number` (from 1) of `year`.
pub fn year_page_path(base: &str, year: i16, number: usize) -> String {
    if number <= 1 {
        format!("{base}{year}/")
    } else {
        format!("{base}{year}/page-{number}/")
    }
}

/// The folder of the register at `root` (`decisions/`, `actions/`) for `board` (`None`: the site's).
fn register_base(site: &Site, root: &str, board: Option<BoardId>) -> String {
    match board {
        Some(b) => format!("{root}{}/", site.boards[b].slug),
        None => root.to_string(),
    }
}

/// Entries (indices, in the order shown) by the year of their meetings, newest year first; each
/// year's in the order given.
fn by_year(
    site: &Site,
    entries: impl Iterator<Item = usize>,
    meeting: impl Fn(usize) -> MeetingId,
) -> Vec<(i16, Vec<usize>)> {
    let mut years: BTreeMap<Reverse<i16>, Vec<usize>> = BTreeMap::new();
    for i in entries {
        years
            .entry(Reverse(site.meetings[meeting(i)].date.year()))
            .or_default()
            .push(i);
    }
    years.into_iter().map(|(Reverse(y), e)| (y, e)).collect()
}

/// A year's entries cut into pages of `per_page`. A page runs on while `together` ties the next
/// entry to the last (a meeting's decisions stay on one page), but never past twice its size.
fn paginate(
    entries: &[usize],
    per_page: usize,
    together: impl Fn(usize, usize) -> bool,
) -> Vec<&[usize]> {
    let mut pages = Vec::new();
    let mut start = 0;
    for i in 1..entries.len() {
        let full = i - start >= per_page;
        if full && (i - start >= 2 * per_page || !together(entries[i - 1], entries[i])) {
            pages.push(&entries[start..i]);
            start = i;
        }
    }
    pages.push(&entries[start..]);
    pages
}

/// A register's years with `current` marked on the one shown.
fn marked(years: &[YearLink], current: Option<i16>) -> Vec<YearLink> {
    years
        .iter()
        .map(|y| YearLink {
            current: current == Some(y.year),
            ..y.clone()
        })
        .collect()
}

/// Page `number` of `count` of a year, or `None` when the year has one page.
fn pagination(
    site: &Site,
    base: &str,
    year: i16,
    number: usize,
    count: usize,
) -> Option<Pagination> {
    if count <= 1 {
        return None;
    }
    let url = |n: usize| site.href(&year_page_path(base, year, n));
    let mut shown: Vec<usize> = vec![1, count];
    shown.extend(number.saturating_sub(2).max(1)..=(number + 2).min(count));
    shown.sort_unstable();
    shown.dedup();
    let mut links = Vec::new();
    let mut last = 0;
    for n in shown {
        if n > last + 1 {
            links.push(PageLink {
                number: None,
                url: None,
                current: false,
            });
        }
        links.push(PageLink {
            number: Some(n),
            url: Some(url(n)),
            current: n == number,
        });
        last = n;
    }
    Some(Pagination {
        number,
        count,
        previous: (number > 1).then(|| url(number - 1)),
        next: (number < count).then(|| url(number + 1)),
        links,
    })
}

/// The title of page `number` of `count` of a register's `year`: "Decisions register: Transport
/// Board, 2026 (page 2 of 3)".
fn year_title(
    register: &str,
    board: Option<&str>,
    year: i16,
    number: usize,
    count: usize,
) -> String {
    let mut title = match board {
        Some(board) => format!("{register}: {board}, {year}"),
        None => format!("{register}: {year}"),
    };
    if count > 1 {
        title.push_str(&format!(" (page {number} of {count})"));
    }
    title
}

/// One of the two registers: what its pages are called, where they are and how they are rendered.
struct Register {
    /// "Decisions register".
    name: &'static str,
    /// `decisions/`.
    root: &'static str,
    /// The page kind and template, and the template value the view is given as.
    kind: &'static str,
    template: &'static str,
    value: &'static str,
}

const DECISIONS_REGISTER: Register = Register {
    name: "Decisions register",
    root: DECISIONS,
    kind: "decisions",
    template: "decisions.html",
    value: "register",
};

const ACTION_TRACKER: Register = Register {
    name: "Action tracker",
    root: ACTIONS,
    kind: "actions",
    template: "actions.html",
    value: "tracker",
};

/// What every page of one register (the site's, or a board's) shares.
struct Scope {
    register: &'static Register,
    board: Option<BoardId>,
    /// `decisions/`, `decisions/<board>/`.
    base: String,
    /// "Decisions register", "Decisions register: Transport Board".
    title: String,
    /// The index's breadcrumbs (the year pages add the index).
    crumbs: Vec<LinkView>,
}

impl Scope {
    fn new(site: &Site, register: &'static Register, board: Option<BoardId>) -> Scope {
        let base = register_base(site, register.root, board);
        let (title, crumbs) = match board {
            Some(b) => (
                format!("{}: {}", register.name, site.boards[b].doc.matter.title),
                vec![LinkView {
                    title: register.name.to_string(),
                    url: site.href(register.root),
                }],
            ),
            None => (register.name.to_string(), Vec::new()),
        };
        Scope {
            register,
            board,
            base,
            title,
            crumbs,
        }
    }

    /// Every scope of a register: the site's, then each board's.
    fn all(site: &Site, register: &'static Register) -> Vec<Scope> {
        std::iter::once(None)
            .chain((0..site.boards.len()).map(Some))
            .map(|board| Scope::new(site, register, board))
            .collect()
    }

    /// The register's index, showing `view`.
    fn index_page(&self, site: &Site, view: tera::Value) -> ExtraPage {
        let r = self.register;
        let p = crate::render::page(
            site,
            r.kind,
            &self.title,
            &self.base,
            self.crumbs.clone(),
            None,
        );
        ExtraPage::new(self.base.clone(), r.template, p, vec![(r.value, view)])
    }

    /// Page `number` of `count` of `year`, showing `view`.
    fn year_page(
        &self,
        site: &Site,
        year: i16,
        number: usize,
        count: usize,
        view: tera::Value,
    ) -> ExtraPage {
        let r = self.register;
        let board = self.board.map(|b| site.boards[b].doc.matter.title.as_str());
        let title = year_title(r.name, board, year, number, count);
        let path = year_page_path(&self.base, year, number);
        let mut crumbs = self.crumbs.clone();
        crumbs.push(LinkView {
            title: self.title.clone(),
            url: site.href(&self.base),
        });
        if number > 1 {
            crumbs.push(LinkView {
                title: year.to_string(),
                url: site.href(&year_page_path(&self.base, year, 1)),
            });
        }
        let p = crate::render::page(site, r.kind, &title, &path, crumbs, None);
        ExtraPage::new(path, r.template, p, vec![(r.value, view)])
    }
}

/// The meetings of a page of the decisions register, newest first, each with its items' decisions.
fn decision_meetings(
    shared: &SharedValues<'_>,
    registers: &Registers<'_>,
    html: &[tera::Value],
    entries: &[usize],
) -> Vec<DecisionMeetingView> {
    let site = shared.site;
    let mut meetings: Vec<DecisionMeetingView> = Vec::new();
    for &i in entries {
        let (d, html) = (&registers.decisions[i], &html[i]);
        let m = &site.meetings[d.meeting];
        if meetings
            .last()
            .is_none_or(|last| last.url != site.href(&m.path))
        {
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
        let Some(meeting) = meetings.last_mut() else {
            continue;
        };
        let item = d.item.item().to_string();
        if meeting.items.last().is_none_or(|last| last.item != item) {
            meeting.items.push(DecisionItemView {
                item,
                title: item_title(site, d.meeting, d.item),
                minute_url: site.href(&minute_path(site, d.minutes, d.item.item())),
                paper: item_paper(site, d.meeting, d.item).map(|p| LinkView {
                    title: site.papers[p].doc.matter.title.clone(),
                    url: site.href(&site.papers[p].path),
                }),
                decisions_html: Vec::new(),
            });
        }
        if let Some(item) = meeting.items.last_mut() {
            item.decisions_html.push(html.clone());
        }
    }
    meetings
}

/// The decisions register, the site's and each board's: an index of years, and each year's pages.
fn decision_pages(shared: &SharedValues<'_>, registers: &Registers<'_>, add: &PageRenderer<'_>) {
    let site = shared.site;
    let html: Vec<tera::Value> = decisions_html(site, registers)
        .into_iter()
        .map(tera::Value::from)
        .collect();
    // Counted once: the site's index lists every board with its count.
    let mut counts = vec![0usize; site.boards.len()];
    for d in &registers.decisions {
        counts[site.meetings[d.meeting].board] += 1;
    }
    let by_board = per_board(site, registers.decisions.iter().map(|d| d.meeting));
    let filters = |current: Option<BoardId>| {
        board_filters(site, DECISIONS, current, &|b| {
            (b.map_or(registers.decisions.len(), |b| counts[b]), 0, 0)
        })
    };
    let meeting_of = |i: usize| registers.decisions[i].meeting;
    // Each register, and each year of it, is independent of the others: made in parallel.
    Scope::all(site, &DECISIONS_REGISTER)
        .into_par_iter()
        .for_each(|scope| {
            let entries: Vec<usize> = match scope.board {
                Some(b) => by_board[b].clone(),
                None => (0..registers.decisions.len()).collect(),
            };
            let years = by_year(site, entries.iter().copied(), meeting_of);
            // Counted once per register, not once per page: a large year has hundreds of pages.
            let year_links: Vec<YearLink> = years
                .iter()
                .map(|(year, e)| {
                    let mut meetings: Vec<MeetingId> = e.iter().map(|&i| meeting_of(i)).collect();
                    meetings.dedup();
                    YearLink {
                        year: *year,
                        url: site.href(&year_page_path(&scope.base, *year, 1)),
                        count: e.len(),
                        meetings: meetings.len(),
                        open: 0,
                        overdue: 0,
                        done: 0,
                        current: false,
                    }
                })
                .collect();
            let view = |year: Option<i16>, total: usize, pages, meetings| DecisionsView {
                board: scope.board.map(|b| board_link(site, &site.boards[b])),
                filters: if year.is_none() {
                    filters(scope.board)
                } else {
                    Vec::new()
                },
                total,
                index_url: site.href(&scope.base),
                years: marked(&year_links, year),
                year,
                pages,
                meetings,
                recent: Vec::new(),
                member_decisions: None,
                officer_decisions: None,
            };
            let mut index = view(None, entries.len(), None, Vec::new());
            index.recent = super::decision_records::recent(site, scope.board);
            if scope.board.is_none() {
                (index.member_decisions, index.officer_decisions) =
                    super::decision_records::register_links(site);
            }
            let index = tera::Value::from_serializable(&index);
            add(scope.index_page(site, index));
            years.par_iter().for_each(|(year, e)| {
                let together = |a: usize, b: usize| meeting_of(a) == meeting_of(b);
                let pages = paginate(e, DECISIONS_PER_PAGE, together);
                pages.par_iter().enumerate().for_each(|(n, mine)| {
                    let (number, count) = (n + 1, pages.len());
                    // The view is dropped once it is a template value, before the page is rendered.
                    let register = tera::Value::from_serializable(&view(
                        Some(*year),
                        e.len(),
                        pagination(site, &scope.base, *year, number, count),
                        decision_meetings(shared, registers, &html, mine),
                    ));
                    add(scope.year_page(site, *year, number, count, register));
                });
            });
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
        minute_url: site.href(&minute_path(site, a.minutes, &a.item.item)),
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

/// Of `actions`: how many, how many open, how many of those overdue.
fn tally<'a>(
    actions: impl Iterator<Item = &'a Action<'a>>,
    today: crate::content::model::Date,
) -> (usize, usize, usize) {
    actions.fold((0, 0, 0), |(total, open, overdue), a| {
        (
            total + 1,
            open + usize::from(a.status == ActionStatus::Open),
            overdue + usize::from(a.overdue(today)),
        )
    })
}

/// The action tracker, the site's and each board's: an index of years (of the meetings that
/// recorded the actions), and each year's pages, open actions first.
fn action_pages(shared: &SharedValues<'_>, registers: &Registers<'_>, add: &PageRenderer<'_>) {
    let site = shared.site;
    let today = site.today;
    let actions = &registers.actions;
    // Tallied once, in one pass: the site's index lists every board with its tally.
    let mut tallies = vec![(0usize, 0usize, 0usize); site.boards.len() + 1];
    for a in actions {
        let (open, overdue) = (
            usize::from(a.status == ActionStatus::Open),
            usize::from(a.overdue(today)),
        );
        for slot in [site.meetings[a.meeting].board, site.boards.len()] {
            let t = &mut tallies[slot];
            *t = (t.0 + 1, t.1 + open, t.2 + overdue);
        }
    }
    // The last slot is every board's.
    let board_tally = |board: Option<BoardId>| tallies[board.unwrap_or(site.boards.len())];
    let by_board = per_board(site, actions.iter().map(|a| a.meeting));
    let filters = |current: Option<BoardId>| board_filters(site, ACTIONS, current, &board_tally);
    Scope::all(site, &ACTION_TRACKER)
        .into_par_iter()
        .for_each(|scope| {
            let entries: Vec<usize> = match scope.board {
                Some(b) => by_board[b].clone(),
                None => (0..actions.len()).collect(),
            };
            let mut years = by_year(site, entries.into_iter(), |i| actions[i].meeting);
            // Each year's open actions first (overdue, then soonest due, then those with no date),
            // then its completed ones, most recently recorded first; ties in the order recorded.
            for (_, e) in &mut years {
                e.sort_by_key(|&i| {
                    let a = &actions[i];
                    let open = a.status == ActionStatus::Open;
                    (
                        !open,
                        open && !a.overdue(today),
                        open && a.due.is_none(),
                        if open { a.due } else { None },
                        Reverse(if open {
                            None
                        } else {
                            Some(site.meetings[a.meeting].date)
                        }),
                    )
                });
            }
            let (year_links, year_tallies): (Vec<YearLink>, Vec<(usize, usize, usize)>) = years
                .iter()
                .map(|(year, e)| {
                    let t = tally(e.iter().map(|&i| &actions[i]), today);
                    let link = YearLink {
                        year: *year,
                        url: site.href(&year_page_path(&scope.base, *year, 1)),
                        count: t.0,
                        meetings: 0,
                        open: t.1,
                        overdue: t.2,
                        done: t.0 - t.1,
                        current: false,
                    };
                    (link, t)
                })
                .collect();
            let view = |year: Option<i16>,
                        (total, open, overdue): (usize, usize, usize),
                        pages,
                        mine: &[usize]| {
                let row = |i: &usize| action_row(shared, &actions[*i]);
                let (open_rows, done_rows): (Vec<&usize>, Vec<&usize>) = mine
                    .iter()
                    .partition(|&&i| actions[i].status == ActionStatus::Open);
                ActionsView {
                    board: scope.board.map(|b| board_link(site, &site.boards[b])),
                    filters: if year.is_none() {
                        filters(scope.board)
                    } else {
                        Vec::new()
                    },
                    total,
                    open_count: open,
                    overdue_count: overdue,
                    done_count: total - open,
                    index_url: site.href(&scope.base),
                    years: marked(&year_links, year),
                    year,
                    pages,
                    open: open_rows.into_iter().map(row).collect(),
                    done: done_rows.into_iter().map(row).collect(),
                }
            };
            let index =
                tera::Value::from_serializable(&view(None, board_tally(scope.board), None, &[]));
            add(scope.index_page(site, index));
            years
                .par_iter()
                .zip(&year_tallies)
                .for_each(|((year, e), t)| {
                    let pages = paginate(e, ACTIONS_PER_PAGE, |_, _| false);
                    pages.par_iter().enumerate().for_each(|(n, mine)| {
                        let (number, count) = (n + 1, pages.len());
                        let tracker = tera::Value::from_serializable(&view(
                            Some(*year),
                            *t,
                            pagination(site, &scope.base, *year, number, count),
                            mine,
                        ));
                        add(scope.year_page(site, *year, number, count, tracker));
                    });
                });
        });
}
