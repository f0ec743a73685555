//! The decisions and actions of published minutes, linked: each action update joined to the action it
//! updates.
//!
//! Both registers read exactly what the minutes pages publish: the `decisions` and `actions` of open minute
//! items, and the `public_decisions` of exempt ones (which hold nothing else that could be read:
//! [`crate::site::minutes::ExemptItem`]), in minutes that are in the site (draft and embargoed minutes
//! are already gone).
//! Later minutes may update an action by its `id` (`action_updates`), so the tracker shows where each
//! action stands now, not only what was said when it was recorded. [`collect`] is the one place that
//! works this out; the register pages, the open data (`outputs`) and the id checks (`check`) all read its result.

use std::collections::HashMap;

use crate::content::model::{ActionMatter, ActionStatus, ActionUpdateMatter, Date};
use crate::site::minutes::{MinuteItem, OpenItem};
use crate::site::{MeetingId, MinutesId, Site};

/// A decision recorded in published minutes.
#[derive(Debug)]
pub struct Decision<'a> {
    pub meeting: MeetingId,
    pub minutes: MinutesId,
    /// An open item, or an exempt one's public decision (`public_decisions`).
    pub item: &'a MinuteItem,
    /// Its place among the item's decisions, from 1.
    pub order: usize,
    /// Markdown, as written.
    pub text: &'a str,
    /// Its record, when it is written as one ([`crate::site::decisions`]).
    pub record: Option<crate::site::decisions::DecisionId>,
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
    pub item: &'a OpenItem,
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

/// A mistake in action ids, reported by [`crate::check`].
#[derive(Debug)]
pub(crate) enum Problem<'a> {
    /// An update names no action of the published minutes.
    UnknownId {
        minutes: MinutesId,
        update: &'a ActionUpdateMatter,
        nth: usize,
    },
    /// An update comes from minutes of a meeting before the one that recorded the action.
    Early {
        minutes: MinutesId,
        update: &'a ActionUpdateMatter,
        nth: usize,
        recorded: MeetingId,
    },
    /// A second action with an id already taken.
    DuplicateId {
        minutes: MinutesId,
        id: &'a str,
        nth: usize,
        first: MinutesId,
    },
}

/// Every published decision and action, and the mistakes in action ids.
#[derive(Debug)]
pub struct Registers<'a> {
    /// Newest meeting first, then board, item and order.
    pub decisions: Vec<Decision<'a>>,
    /// In meeting, item and order order.
    pub actions: Vec<Action<'a>>,
    pub(crate) problems: Vec<Problem<'a>>,
}

/// Minutes in the order of their meetings (date, then board).
fn minutes_in_order(site: &Site) -> Vec<MinutesId> {
    let mut ids: Vec<MinutesId> = (0..site.minutes.len()).collect();
    ids.sort_by_key(|&n| {
        (
            site.meetings[site.minutes[n].meeting].date,
            site.minutes[n].meeting,
        )
    });
    ids
}

/// The minutes that gave the action id `id` first, if any did: a listed action's or an exempt item's.
fn given_by(
    id: &str,
    by_id: &HashMap<&str, usize>,
    actions: &[Action<'_>],
    exempt_ids: &HashMap<&str, MinutesId>,
) -> Option<MinutesId> {
    by_id
        .get(id)
        .map(|&a| actions[a].minutes)
        .or_else(|| exempt_ids.get(id).copied())
}

/// Whether the action id `id` in minutes `n` is the first of its name (`earlier`: the minutes that
/// gave it first, if any); a second use is noted as a problem.
fn first_use<'a>(
    id: &'a str,
    n: MinutesId,
    earlier: Option<MinutesId>,
    seen_here: &mut HashMap<&'a str, usize>,
    problems: &mut Vec<Problem<'a>>,
) -> bool {
    let nth = *seen_here.entry(id).and_modify(|c| *c += 1).or_insert(0);
    match earlier {
        Some(first) => {
            problems.push(Problem::DuplicateId {
                minutes: n,
                id,
                nth,
                first,
            });
            false
        }
        None => true,
    }
}

/// Reads the decisions and actions of every published minute item that is not exempt (and the public
/// decisions of those that are), and applies the action updates.
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
        for minute_item in &minutes.items {
            let written = match minute_item {
                MinuteItem::Open(item) => &item.decisions,
                MinuteItem::Exempt(exempt) => &exempt.public_decisions,
            };
            for (i, text) in written.iter().enumerate() {
                let record = text.record().and_then(|_| {
                    site.meetings[meeting].decisions.iter().copied().find(|&d| {
                        site.decisions[d].minute.as_ref().is_some_and(|r| {
                            r.minutes == n && r.item == *minute_item.item() && r.order == i
                        })
                    })
                });
                decisions.push(Decision {
                    meeting,
                    minutes: n,
                    item: minute_item,
                    order: i + 1,
                    text: text.text(),
                    record,
                });
            }
            let item = match minute_item {
                MinuteItem::Open(item) => item,
                MinuteItem::Exempt(exempt) => {
                    for id in &exempt.action_ids {
                        let id = id.as_str();
                        let earlier = given_by(id, &by_id, &actions, &exempt_ids);
                        if first_use(id, n, earlier, &mut seen_here, &mut problems) {
                            exempt_ids.insert(id, n);
                        }
                    }
                    continue;
                }
            };
            for (i, action) in item.actions.iter().enumerate() {
                let explicit = action
                    .id
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty());
                let mut explicit_id = false;
                if let Some(id) = explicit {
                    let earlier = given_by(id, &by_id, &actions, &exempt_ids);
                    if first_use(id, n, earlier, &mut seen_here, &mut problems) {
                        by_id.insert(id, actions.len());
                        explicit_id = true;
                    }
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
        }
    }
    for &n in &order {
        let minutes = &site.minutes[n];
        let mut seen_here: HashMap<&str, usize> = HashMap::new();
        for update in &minutes.doc.matter.action_updates {
            let id = update.id.trim();
            let nth = *seen_here.entry(id).and_modify(|c| *c += 1).or_insert(0);
            match by_id.get(id) {
                Some(&a)
                    if site.meetings[minutes.meeting].date
                        < site.meetings[actions[a].meeting].date =>
                {
                    problems.push(Problem::Early {
                        minutes: n,
                        update,
                        nth,
                        recorded: actions[a].meeting,
                    });
                }
                Some(&a) => {
                    let action = &mut actions[a];
                    action.status = update.status.unwrap_or(action.status);
                    action.due = update.due.or(action.due);
                    action.updates.push(Update {
                        meeting: minutes.meeting,
                        minutes: n,
                        matter: update,
                    });
                }
                None if exempt_ids.contains_key(id) => {}
                None => problems.push(Problem::UnknownId {
                    minutes: n,
                    update,
                    nth,
                }),
            }
        }
    }
    let key = |m: MeetingId| {
        (
            std::cmp::Reverse(site.meetings[m].date),
            &site.boards[site.meetings[m].board].doc.matter.title,
            m,
        )
    };
    decisions.sort_by(|a, b| {
        (key(a.meeting), a.item.item(), a.order).cmp(&(key(b.meeting), b.item.item(), b.order))
    });
    Registers {
        decisions,
        actions,
        problems,
    }
}

/// An id for an action that has none: where it is recorded.
fn derived_id(site: &Site, meeting: MeetingId, item: &OpenItem, order: usize) -> String {
    let m = &site.meetings[meeting];
    format!(
        "{}/{}/{}/{order}",
        site.boards[m.board].slug, m.date, item.item
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overdue_means_open_and_due_before_today() {
        let matter = ActionMatter {
            action: "A".into(),
            owner: None,
            due: None,
            id: None,
            status: ActionStatus::Open,
        };
        let item = OpenItem {
            item: crate::content::model::ItemNo::new(1),
            title: None,
            minute: None,
            decisions: vec![],
            actions: vec![],
        };
        let date = |s: &str| s.parse::<Date>().unwrap();
        let mut a = Action {
            id: "x".into(),
            explicit_id: false,
            matter: &matter,
            meeting: 0,
            minutes: 0,
            item: &item,
            order: 1,
            status: ActionStatus::Open,
            due: Some(date("2026-03-01")),
            updates: vec![],
        };
        assert!(a.overdue(date("2026-03-02")));
        assert!(!a.overdue(date("2026-03-01")), "due today is not overdue");
        a.status = ActionStatus::Done;
        assert!(!a.overdue(date("2026-03-02")));
        a.status = ActionStatus::Open;
        a.due = None;
        assert!(!a.overdue(date("2027-01-01")));
    }
}
