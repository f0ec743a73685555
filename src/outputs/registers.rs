//! The decisions register and the action tracker: the pages made from the structured decisions and
//! actions of minutes, as [`collect`] (in `site::registers`, where `check` and the open data reach it
//! too) links them.

use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;

use crate::content::markdown;
use crate::content::model::{ActionStatus, MinuteItemMatter};
use crate::render::context::{DateView, LinkView};
use crate::render::{
    ExtraPage, Extras, Output, PageRenderer, board_link, date_view, minute_anchor,
};
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
pub fn item_title(site: &Site, meeting: MeetingId, item: &MinuteItemMatter) -> String {
    item.title
        .clone()
        .or_else(|| {
            site.meetings[meeting]
                .agenda
                .iter()
                .find(|a| a.item == item.item)
                .map(|a| a.title.clone())
        })
        .unwrap_or_else(|| format!("Item {}", item.item))
}

/// The published paper of the item's agenda line, if any.
pub fn item_paper(site: &Site, meeting: MeetingId, item: &MinuteItemMatter) -> Option<PaperId> {
    site.meetings[meeting]
        .agenda
        .iter()
        .find(|a| a.item == item.item)
        .and_then(|a| a.paper)
}

/// The item's minute: the minutes page with the item's anchor (a site-relative path).
pub fn minute_path(site: &Site, minutes: MinutesId, item: &MinuteItemMatter) -> String {
    format!(
        "{}#{}",
        site.minutes[minutes].path,
        minute_anchor(&item.item)
    )
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
            markdown::render_inline_block(d.text, &resolver)
        })
        .collect()
}

fn decision_pages(shared: &SharedValues<'_>, registers: &Registers<'_>, add: &PageRenderer<'_>) {
    let site = shared.site;
    let html: Vec<tera::Value> = decisions_html(site, registers)
        .into_iter()
        .map(tera::Value::from)
        .collect();
    // Counted once: every board's page lists every board with its count.
    let mut counts = vec![0usize; site.boards.len()];
    for d in &registers.decisions {
        counts[site.meetings[d.meeting].board] += 1;
    }
    let count = |board: BoardId| counts[board];
    let by_board = per_board(site, registers.decisions.iter().map(|d| d.meeting));
    let filters = |current: Option<BoardId>| {
        board_filters(site, DECISIONS, current, &|b| {
            (b.map_or(registers.decisions.len(), count), 0, 0)
        })
    };
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
            let item = d.item.item.to_string();
            if meeting.items.last().is_none_or(|last| last.item != item) {
                meeting.items.push(DecisionItemView {
                    item,
                    title: item_title(site, d.meeting, d.item),
                    minute_url: site.href(&minute_path(site, d.minutes, d.item)),
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
        DecisionsView {
            board: board.map(|b| board_link(site, &site.boards[b])),
            filters: filters(board),
            total,
            meetings,
        }
    };
    let register_crumb = LinkView {
        title: "Decisions register".into(),
        url: site.href(DECISIONS),
    };
    let p = crate::render::page(
        site,
        "decisions",
        "Decisions register",
        DECISIONS,
        vec![],
        None,
    );
    // The view is dropped once it is a template value, before the page is rendered.
    let register = tera::Value::from_serializable(&view(None));
    add(ExtraPage::new(
        DECISIONS,
        "decisions.html",
        p,
        vec![("register", register)],
    ));
    // Each board's page is independent of the others': made in parallel.
    site.boards.par_iter().enumerate().for_each(|(b, board)| {
        let path = format!("{DECISIONS}{}/", board.slug);
        let title = format!("Decisions register: {}", board.doc.matter.title);
        let p = crate::render::page(
            site,
            "decisions",
            &title,
            &path,
            vec![register_crumb.clone()],
            None,
        );
        add(ExtraPage::new(
            path,
            "decisions.html",
            p,
            vec![("register", tera::Value::from_serializable(&view(Some(b))))],
        ));
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
    let tally = |board: Option<BoardId>| tallies[board.unwrap_or(site.boards.len())];
    let by_board = per_board(site, registers.actions.iter().map(|a| a.meeting));
    let filters = |current: Option<BoardId>| board_filters(site, ACTIONS, current, &tally);
    let view = |board: Option<BoardId>| {
        let mine: Vec<&Action<'_>> = match board {
            Some(b) => by_board[b].iter().map(|&i| &registers.actions[i]).collect(),
            None => registers.actions.iter().collect(),
        };
        let mut open: Vec<&Action<'_>> = mine
            .iter()
            .copied()
            .filter(|a| a.status == ActionStatus::Open)
            .collect();
        // Overdue first, then soonest due, then those with no date; ties in the order recorded.
        open.sort_by_key(|a| (!a.overdue(today), a.due.is_none(), a.due));
        let mut done: Vec<&Action<'_>> = mine
            .iter()
            .copied()
            .filter(|a| a.status == ActionStatus::Done)
            .collect();
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
    let tracker_crumb = LinkView {
        title: "Action tracker".into(),
        url: site.href(ACTIONS),
    };
    let p = crate::render::page(site, "actions", "Action tracker", ACTIONS, vec![], None);
    let tracker = tera::Value::from_serializable(&view(None));
    add(ExtraPage::new(
        ACTIONS,
        "actions.html",
        p,
        vec![("tracker", tracker)],
    ));
    // Each board's page is independent of the others': made in parallel.
    site.boards.par_iter().enumerate().for_each(|(b, board)| {
        let path = format!("{ACTIONS}{}/", board.slug);
        let title = format!("Action tracker: {}", board.doc.matter.title);
        let p = crate::render::page(
            site,
            "actions",
            &title,
            &path,
            vec![tracker_crumb.clone()],
            None,
        );
        add(ExtraPage::new(
            path,
            "actions.html",
            p,
            vec![("tracker", tera::Value::from_serializable(&view(Some(b))))],
        ));
    });
}
