//! Votes as Popolo motions and vote events (<https://www.popoloproject.com/specs/motion.html>,
//! `vote-event.html`): one motion for each public decision record that gives a vote, one for each
//! amendment moved to it, and one vote event for each motion, with its counts and, for a named
//! (recorded) vote, each voter's vote.
//!
//! Popolo's names throughout (`organization_id`, `creator_id`, `text`, `classification`, `date`,
//! `result` of `pass` or `fail`; `motion_id`, `start_date`, `counts` of `option` and `value`, `votes` of
//! `voter_id` and `option`, with `yes`, `no` and `abstain`), and boardpack's additions after them. A
//! voter or mover with a person file goes by its id, as in `persons.json`; anyone else has no id (null)
//! and is named as written. `requirement` is left out: minutes do not say what majority was needed.
//! Ids: a motion's is its decision's (an amendment's `<decision id>/amendment-<n>`, from 1); its vote
//! event has the same id. Each kind is sorted by id.

use serde::Serialize;

use crate::content::decisions::{Ballot, Side, VoteResult};
use crate::outputs::decision_status::visible_decisions;
use crate::site::decisions::{Decision, VotePeople};
use crate::site::{PersonId, Site};

use super::decisions::{amendment_id, motion_id};
use super::ids::{board_id, plain_text};

/// A Popolo motion: the motion a decision was made on, or an amendment moved to it.
#[derive(Debug, Serialize)]
pub(super) struct MotionRecord {
    pub(super) id: String,
    /// The board that voted; null for a decision not made at a meeting.
    pub(super) organization_id: Option<String>,
    /// The mover, when they have a person file.
    pub(super) creator_id: Option<String>,
    pub(super) text: String,
    /// `substantive` (the decision's own motion) or `amendment`.
    pub(super) classification: &'static str,
    pub(super) date: String,
    /// `pass`, `fail`, or null when the record does not say and the counts do not tell (a tie).
    pub(super) result: Option<&'static str>,
    // boardpack's additions.
    pub(super) decision_id: String,
    /// The decision's page.
    pub(super) url: String,
    /// Of an amendment: the motion it amends.
    pub(super) amends: Option<String>,
    pub(super) mover: Option<String>,
    pub(super) seconder_id: Option<String>,
    pub(super) seconder: Option<String>,
}

/// A Popolo vote event: the vote on one motion.
#[derive(Debug, Serialize)]
pub(super) struct VoteEventRecord {
    pub(super) id: String,
    pub(super) organization_id: Option<String>,
    pub(super) motion_id: String,
    pub(super) start_date: String,
    pub(super) result: Option<&'static str>,
    /// The sides the record counts, for, against, abstain.
    pub(super) counts: Vec<CountRecord>,
    /// Of a named vote, each voter's vote, side by side in the order written; else empty.
    pub(super) votes: Vec<VoteRecord>,
    // boardpack's additions.
    /// The chair's casting vote decided a tie.
    pub(super) casting_vote: bool,
}

#[derive(Debug, Serialize)]
pub(super) struct CountRecord {
    /// `yes`, `no` or `abstain`.
    pub(super) option: &'static str,
    pub(super) value: usize,
}

#[derive(Debug, Serialize)]
pub(super) struct VoteRecord {
    pub(super) voter_id: Option<String>,
    pub(super) option: &'static str,
    // boardpack's addition: the voter's name (their full name, or as written).
    pub(super) name: String,
}

fn result(r: Option<VoteResult>) -> Option<&'static str> {
    r.map(|r| match r {
        VoteResult::Carried => "pass",
        VoteResult::Lost => "fail",
    })
}

/// The people of a decision's vote, or of one of its amendments.
fn people_of(d: &Decision, amendment: Option<usize>) -> Option<&VotePeople> {
    let (main, amendments) = d.vote.as_ref()?;
    match amendment {
        None => Some(main),
        Some(n) => amendments.get(n),
    }
}

/// A person's Popolo id and name: their file's, else as written.
fn named(site: &Site, person: Option<PersonId>, written: &str) -> (Option<String>, String) {
    match person {
        Some(p) => (
            Some(site.people[p].id.clone()),
            site.people[p].doc.matter.full_name(),
        ),
        None => (None, written.trim().to_string()),
    }
}

/// Each ballot of a decision's vote: the motion's, then each amendment's (with its place, from 0).
fn ballots(d: &Decision) -> Vec<(Option<usize>, &dyn Ballot, String)> {
    let Some(vote) = &d.record.vote else {
        return Vec::new();
    };
    std::iter::once((None, vote as &dyn Ballot, plain_text(&d.record.decision)))
        .chain(
            vote.amendments
                .iter()
                .enumerate()
                .map(|(n, a)| (Some(n), a as &dyn Ballot, plain_text(&a.amendment))),
        )
        .collect()
}

fn organization(site: &Site, d: &Decision) -> Option<String> {
    d.meeting().map(|m| board_id(site, site.meetings[m].board))
}

fn id_of(d: &Decision, amendment: Option<usize>) -> String {
    match amendment {
        None => motion_id(d),
        Some(n) => amendment_id(d, n + 1),
    }
}

pub(super) fn motions(site: &Site) -> Vec<MotionRecord> {
    let mut out = Vec::new();
    for (_, d) in visible_decisions(site) {
        for (amendment, ballot, text) in ballots(d) {
            let people = people_of(d, amendment);
            let (creator_id, mover) = match ballot.mover() {
                Some(w) => {
                    let (id, name) = named(site, people.and_then(|p| p.mover), w);
                    (id, Some(name))
                }
                None => (None, None),
            };
            let (seconder_id, seconder) = match ballot.seconder() {
                Some(w) => {
                    let (id, name) = named(site, people.and_then(|p| p.seconder), w);
                    (id, Some(name))
                }
                None => (None, None),
            };
            out.push(MotionRecord {
                id: id_of(d, amendment),
                organization_id: organization(site, d),
                creator_id,
                text,
                classification: if amendment.is_some() {
                    "amendment"
                } else {
                    "substantive"
                },
                date: d.made.iso(),
                result: result(ballot.result()),
                decision_id: d.id.clone(),
                url: site.permalink(&d.path),
                amends: amendment.map(|_| motion_id(d)),
                mover,
                seconder_id,
                seconder,
            });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

pub(super) fn vote_events(site: &Site) -> Vec<VoteEventRecord> {
    let mut out = Vec::new();
    for (_, d) in visible_decisions(site) {
        for (amendment, ballot, _) in ballots(d) {
            let counts = ballot
                .sides()
                .iter()
                .filter_map(|(side, tally)| {
                    tally.map(|t| CountRecord {
                        option: side.popolo(),
                        value: t.count(),
                    })
                })
                .collect();
            let votes = if ballot.named() {
                votes(site, ballot, people_of(d, amendment))
            } else {
                Vec::new()
            };
            let id = id_of(d, amendment);
            out.push(VoteEventRecord {
                id: id.clone(),
                organization_id: organization(site, d),
                motion_id: id,
                start_date: d.made.iso(),
                result: result(ballot.result()),
                counts,
                votes,
                casting_vote: ballot.casting_vote(),
            });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// A named vote's votes: each side's voters in the order written, with the people linking found.
fn votes(site: &Site, ballot: &dyn Ballot, people: Option<&VotePeople>) -> Vec<VoteRecord> {
    let mut out = Vec::new();
    for (i, (side, tally)) in ballot.sides().iter().enumerate() {
        let Some(tally) = tally else {
            continue;
        };
        for (j, written) in tally.names().iter().enumerate() {
            let person = people.and_then(|p| p.sides.get(i)?.get(j).copied().flatten());
            let (voter_id, name) = named(site, person, written);
            out.push(VoteRecord {
                voter_id,
                option: Side::popolo(*side),
                name,
            });
        }
    }
    out
}

/// How many motions and vote events there are (each motion has one vote event): what `check` lists.
pub(super) fn count(site: &Site) -> usize {
    visible_decisions(site)
        .map(|(_, d)| d.record.vote.as_ref().map_or(0, |v| 1 + v.amendments.len()))
        .sum()
}
