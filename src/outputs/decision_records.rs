//! The registers of decisions made by individuals: executive members' (`decisions/members/`) and
//! officers' under delegated powers (`decisions/officers/`, SI 2014/2095 regs. 7–8), and the newest
//! decision records the decisions register's index shows. Each decision's own page is a unit of its
//! own ([`crate::render::Unit::Decision`]).

use serde::Serialize;

use crate::render::context::LinkView;
use crate::render::decisions::{DecisionLine, decision_line};
use crate::render::{Extras, Output};
use crate::site::paths::DECISIONS;
use crate::site::{BoardId, Site};

/// How many of the newest decision records a register's index shows.
const RECENT: usize = 10;

/// The registers of executive members' and officers' decisions, as a site-wide output.
pub struct DecisionRegisters;

impl Output for DecisionRegisters {
    fn name(&self) -> &'static str {
        "decision records"
    }

    fn make(&self, site: &Site, _added: &[&str], extras: &mut Extras) {
        for register in REGISTERS {
            let decisions: Vec<DecisionLine> = (0..site.decisions.len())
                .filter(|&d| register.holds(site, d))
                .map(|d| decision_line(site, d))
                .collect();
            if decisions.is_empty() {
                continue;
            }
            let path = format!("{DECISIONS}{}", register.folder);
            let view = RecordsView {
                intro: register.intro,
                caption: register.title,
                decisions,
            };
            let page = crate::render::page(
                site,
                "decision-records",
                register.title,
                &path,
                vec![LinkView {
                    title: "Decisions register".into(),
                    url: site.href(DECISIONS),
                }],
                None,
            );
            extras.page(
                path,
                "decision_records.html",
                page,
                vec![("records", tera::Value::from_serializable(&view))],
            );
        }
    }
}

/// `records` (decision_records.html).
#[derive(Debug, Serialize)]
struct RecordsView {
    intro: &'static str,
    caption: &'static str,
    /// Newest first.
    decisions: Vec<DecisionLine>,
}

/// One register of individuals' decisions.
struct Register {
    folder: &'static str,
    title: &'static str,
    intro: &'static str,
    officers: bool,
}

impl Register {
    fn holds(&self, site: &Site, d: usize) -> bool {
        use crate::site::decisions::Maker;
        match site.decisions[d].maker {
            Maker::Officer(_) => self.officers,
            Maker::Member(_) => !self.officers,
            Maker::Meeting(_) => false,
        }
    }
}

const REGISTERS: [Register; 2] = [
    Register {
        folder: "members/",
        title: "Executive member decisions",
        intro: "Decisions taken by individual executive members, newest first, with their status as of the day this site was built.",
        officers: false,
    },
    Register {
        folder: "officers/",
        title: "Officer decisions",
        intro: "Decisions taken by officers under powers delegated to them, newest first, with their status as of the day this site was built.",
        officers: true,
    },
];

/// The newest decision records of `board`'s meetings (`None`: of the whole site, any maker).
pub fn recent(site: &Site, board: Option<BoardId>) -> Vec<DecisionLine> {
    (0..site.decisions.len())
        .filter(|&d| match board {
            None => true,
            Some(b) => site.decisions[d]
                .meeting()
                .is_some_and(|m| site.meetings[m].board == b),
        })
        .take(RECENT)
        .map(|d| decision_line(site, d))
        .collect()
}

/// Links to the registers of members' and officers' decisions, when they have any.
pub fn register_links(site: &Site) -> (Option<LinkView>, Option<LinkView>) {
    let [members, officers] = REGISTERS.map(|r| {
        (0..site.decisions.len())
            .any(|d| r.holds(site, d))
            .then(|| LinkView {
                title: r.title.to_string(),
                url: site.href(&format!("{DECISIONS}{}", r.folder)),
            })
    });
    (members, officers)
}
