//! Checks of decision records: the mistakes in a record of a decision that would publish a vote,
//! a date or a key that cannot be right, and that a monitoring officer would be asked about.
//!
//! - a vote that counts more votes than the minutes list members present (BP121), or names someone
//!   the minutes do not list as present (BP122);
//! - a member with a disclosable pecuniary interest in the decision recorded as voting on it, or
//!   moving or seconding it, without a dispensation (BP123: Localism Act 2011 ss.31(4), 33);
//! - an executive decision whose record gives no reasons (BP124: SI 2012/2089 reg. 13);
//! - a decision put into effect before its call-in period ended (BP125);
//! - a budget decision without a named vote where the law asks for one (BP126: SI 2014/165);
//! - `public_summary:` or `public_decisions:` on an item that is not exempt (BP127);
//! - a tied vote with no result written (BP128): its result is unknown.
//!
//! Each is pointed at the value at fault in the file that records it: the record's place in the
//! front matter is found in its YAML tree ([`crate::content::yaml::spanned`]), as a decision's list, item and order
//! are known; failing that (text that does not read as it was parsed), at the first place the
//! value is written, or at the file.

mod place;

use crate::content::decisions::{Ballot, Side};
use crate::content::model::{Attendee, Jurisdiction, MinutesMatter};
use crate::content::people::{Declaration, DeclarationAction, DeclarationType};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::Site;
use crate::site::decisions::{CallIn, Decision, DeclarationSource, Maker, VotePeople};
use crate::site::minutes::{MinuteItem, Minutes};
use crate::site::people::PersonId;
use crate::site::people::names::normalise;
use place::{Node, Place, Tree, Trees};

pub fn check(site: &Site, diagnostics: &mut Diagnostics) {
    let trees = Trees::new(site);
    for d in site.decisions.unrecorded() {
        // Checked first without looking for the record in its file's YAML tree: reading the trees
        // of every file with a record took most of a large site's check. Only a decision with
        // something to report is checked again, placed.
        let Some(unplaced) = Place::unplaced(site, d) else {
            continue;
        };
        let mut found = Diagnostics::new();
        check_one(site, d, &unplaced, &mut found);
        if found.is_empty() {
            continue;
        }
        if let Some(place) = Place::of(site, &trees, d) {
            check_one(site, d, &place, diagnostics);
        }
    }
    for (n, minutes) in site.minutes.unrecorded().iter().enumerate() {
        if minutes.doc.text.contains("public_") {
            public_keys_on_open_items(minutes, trees.minutes(site, n), diagnostics);
        }
    }
}

/// Every check of one decision, pointing into `place`.
fn check_one(site: &Site, d: &Decision, place: &Place<'_>, diagnostics: &mut Diagnostics) {
    let minutes = meeting_minutes(site, d);
    let interested = interested(site, d);
    for ballot in ballots(d, place.record) {
        if let Some(minutes) = minutes {
            counts_exceed_present(place, &ballot, minutes, diagnostics);
            voters_absent(site, place, &ballot, minutes, diagnostics);
        }
        interested_voters(site, &interested, place, &ballot, diagnostics);
        tie_without_result(place, &ballot, diagnostics);
    }
    no_reasons(site, d, place, diagnostics);
    implemented_during_call_in(site, d, place, diagnostics);
    budget_without_named_vote(site, d, place, diagnostics);
}

/// The members a meeting's minutes list as able to vote: those present and the substitutes.
fn members_present(minutes: &MinutesMatter) -> usize {
    minutes.attendance.present.len() + minutes.attendance.substitutes.len()
}

/// Whether a vote of `total` votes counts more than the `present` members could cast. Minutes that
/// list nobody present say nothing of who was there, so no count exceeds them.
fn exceeds(total: usize, present: usize) -> bool {
    present > 0 && total > present
}

/// A tie whose result the record leaves unknown: as many for as against, and neither a result nor
/// the chair's casting vote written. A vote with no side counted is no tie.
fn unresolved_tie(b: &dyn Ballot) -> bool {
    b.written_result().is_none()
        && !b.casting_vote()
        && b.count(Side::For)
            .is_some_and(|yes| yes == b.count(Side::Against).unwrap_or(0))
}

/// BP121.
fn counts_exceed_present(
    place: &Place<'_>,
    ballot: &BallotAt<'_>,
    minutes: &Minutes,
    diagnostics: &mut Diagnostics,
) {
    let b = ballot.ballot;
    let present = members_present(&minutes.doc.matter);
    if !exceeds(b.total(), present) {
        return;
    }
    let counted: Vec<String> = b
        .sides()
        .iter()
        .filter_map(|(side, t)| Some(format!("{} {}", t.as_ref()?.count(), side_key(*side))))
        .collect();
    let d = Diagnostic::error(
        "BP121",
        place.path(),
        format!(
            "the vote on {} counts {} votes ({}) but the minutes list {present} members present",
            ballot.what,
            b.total(),
            counted.join(", ")
        ),
    );
    diagnostics.push(
        place
            .at_node(d, ballot.first_side())
            .label("more votes than members present")
            .help(format!(
                "correct the counts, or add the members missing from `attendance:` (`present` and `substitutes`) in {}",
                minutes.doc.path.display()
            )),
    );
}

/// BP122: each voter named by a vote who is not among the members present.
fn voters_absent(
    site: &Site,
    place: &Place<'_>,
    ballot: &BallotAt<'_>,
    minutes: &Minutes,
    diagnostics: &mut Diagnostics,
) {
    let matter = &minutes.doc.matter;
    if members_present(matter) == 0 {
        return;
    }
    let people = &minutes.people;
    let attendance = &matter.attendance;
    let present = [
        (&attendance.present, &people.present),
        (&attendance.substitutes, &people.substitutes),
    ];
    for (side, voter, written, node) in ballot.voters() {
        if listed(&present, voter, written) {
            continue;
        }
        let why = if listed(
            &[(&attendance.apologies, &people.apologies)],
            voter,
            written,
        ) {
            "gave apologies for this meeting"
        } else if listed(
            &[
                (&attendance.in_attendance, &people.in_attendance),
                (&attendance.officers, &people.officers),
            ],
            voter,
            written,
        ) {
            "is listed as in attendance, not as a member present"
        } else {
            "is not listed as present at this meeting"
        };
        let d = Diagnostic::error(
            "BP122",
            place.path(),
            format!(
                "{} {why} but is recorded as {} {}",
                name_of(site, voter, written),
                side_voting(side),
                ballot.what
            ),
        );
        diagnostics.push(
            place
                .at_node_or_text(d, node, written)
                .label("not in `present` or `substitutes`")
                .help(format!(
                    "take them out of the vote, or, if they were there, add them to `attendance.present` (or `substitutes`) in {}",
                    minutes.doc.path.display()
                )),
        );
    }
}

/// The declarations on a decision that bar their declarer from voting on it ([`barred`]), with the
/// person each was resolved to.
fn interested<'s>(site: &'s Site, d: &'s Decision) -> Vec<(Option<PersonId>, &'s Declaration)> {
    d.declarations
        .iter()
        .filter_map(|&(person, i, source)| {
            let declaration = match source {
                DeclarationSource::Record => d.record.declarations.get(i),
                DeclarationSource::Minutes => d
                    .minute
                    .as_ref()
                    .and_then(|m| site.minutes.unrecorded().get(m.minutes))
                    .and_then(|minutes| minutes.doc.matter.declarations.get(i)),
            }?;
            barred(declaration).then_some((person, declaration))
        })
        .collect()
}

/// BP123: a voter, mover or seconder who declared a disclosable pecuniary interest in the decision,
/// with no dispensation.
fn interested_voters(
    site: &Site,
    interested: &[(Option<PersonId>, &Declaration)],
    place: &Place<'_>,
    ballot: &BallotAt<'_>,
    diagnostics: &mut Diagnostics,
) {
    if interested.is_empty() {
        return;
    }
    let people = ballot.people;
    let roles = [
        ("moving", people.mover, ballot.ballot.mover(), "mover"),
        (
            "seconding",
            people.seconder,
            ballot.ballot.seconder(),
            "seconder",
        ),
    ];
    let movers = roles.into_iter().filter_map(|(role, who, written, key)| {
        let written = written?;
        Some((
            role.to_string(),
            who,
            written,
            ballot.node.and_then(|n| n.get(key)),
        ))
    });
    let voters = ballot
        .voters()
        .map(|(side, who, written, node)| (side_voting(side).to_string(), who, written, node));
    for (role, who, written, node) in movers.chain(voters) {
        if !interested
            .iter()
            .any(|(person, declaration)| declared_by(*person, declaration, who, written))
        {
            continue;
        }
        let diagnostic = Diagnostic::error(
            "BP123",
            place.path(),
            format!(
                "{} declared a disclosable pecuniary interest in this decision but is recorded as {role} {}",
                name_of(site, who, written),
                ballot.what
            ),
        );
        diagnostics.push(
            place
                .at_node_or_text(diagnostic, node, written)
                .label("declared a disclosable pecuniary interest")
                .help("a member with a disclosable pecuniary interest may not take part in the vote or the discussion (Localism Act 2011 s.31(4)) unless granted a dispensation (s.33): take them out of the vote, or, if they had a dispensation, write its terms in the declaration's `dispensation:`"),
        );
    }
}

/// A declaration that bars its declarer from voting: a disclosable pecuniary interest, with no
/// dispensation written (its terms, or `action: dispensation`).
fn barred(declaration: &Declaration) -> bool {
    declaration.declaration_type == Some(DeclarationType::Pecuniary)
        && declaration
            .dispensation
            .as_deref()
            .is_none_or(|s| s.trim().is_empty())
        && declaration.action != Some(DeclarationAction::Dispensation)
}

/// Whether the declarer (`person`, as resolved) is the voter (`who`, resolved from `written`): one
/// person when both were resolved, else the same name or id as written.
fn declared_by(
    person: Option<PersonId>,
    declaration: &Declaration,
    who: Option<PersonId>,
    written: &str,
) -> bool {
    match (person, who) {
        (Some(a), Some(b)) => a == b,
        _ => [
            Some(declaration.member.as_str()),
            declaration.person.as_deref(),
        ]
        .into_iter()
        .flatten()
        .any(|w| same_name(w, written)),
    }
}

/// BP128.
fn tie_without_result(place: &Place<'_>, ballot: &BallotAt<'_>, diagnostics: &mut Diagnostics) {
    let b = ballot.ballot;
    if !unresolved_tie(b) {
        return;
    }
    let yes = b.count(Side::For).unwrap_or(0);
    let d = Diagnostic::warning(
        "BP128",
        place.path(),
        format!(
            "the vote on {} is tied, {yes} for and {yes} against, and its result is not written",
            ballot.what
        ),
    );
    diagnostics.push(
        place
            .at_node(d, ballot.first_side())
            .label("a tie")
            .help("write `result: carried` or `result: lost`, and `casting_vote: true` if the chair's casting vote decided it; without a result the page cannot say whether the motion was carried"),
    );
}

/// BP124: an executive decision (open to call-in under the site's rule, an executive member's, or
/// an officer's key decision) whose record gives no reasons. A recommendation is no decision yet.
fn no_reasons(site: &Site, d: &Decision, place: &Place<'_>, diagnostics: &mut Diagnostics) {
    let record = &d.record;
    if record
        .reasons
        .as_deref()
        .is_some_and(|r| !r.trim().is_empty())
        || record.recommended_to.is_some()
    {
        return;
    }
    let what = match &d.maker {
        Maker::Member(_) => "this decision of an executive member".to_string(),
        Maker::Officer(_) if record.key_decision => "this key decision of an officer".to_string(),
        _ if d.call_in == CallIn::NotApplicable => return,
        Maker::Meeting(m) => {
            let board = site
                .meetings
                .unrecorded()
                .get(*m)
                .and_then(|m| site.boards.unrecorded().get(m.board))
                .map_or("the board", |b| b.doc.matter.title.as_str());
            format!("this executive decision of {board}")
        }
        _ => "this executive decision".to_string(),
    };
    let diagnostic = Diagnostic::warning("BP124", place.path(), format!("{what} gives no reasons"));
    diagnostics.push(
        place
            .at_node_or_key(diagnostic, place.record.and_then(|r| {
                // A notice's decision written as a line is its own node.
                r.key("decision").or_else(|| matches!(r.node, crate::content::yaml::Spanned::Scalar { .. }).then_some(r))
            }), "decision")
            .label("no `reasons:`")
            .help("add `reasons:` saying why it was decided: the record of an executive decision must give its reasons, and the alternatives rejected (SI 2012/2089 reg. 13)"),
    );
}

/// BP125.
fn implemented_during_call_in(
    site: &Site,
    d: &Decision,
    place: &Place<'_>,
    diagnostics: &mut Diagnostics,
) {
    let (Some(implemented), CallIn::Until { day, time }) = (d.record.implemented, d.call_in) else {
        return;
    };
    if implemented > day {
        return;
    }
    let earliest = crate::site::publish::working_days_after(day, 1, &site.config.bank_holidays);
    let diagnostic = Diagnostic::error(
        "BP125",
        place.path(),
        format!(
            "this decision is marked implemented on {}, but it could be called in until {} on {}",
            implemented.long(),
            time.twelve_hour(),
            day.long()
        ),
    );
    diagnostics.push(
        place
            .at_node_or_value(
                diagnostic,
                place.record.and_then(|r| r.get("implemented")),
                "implemented",
                &implemented.iso(),
            )
            .label("within the call-in period")
            .help(format!(
                "a decision open to call-in takes effect only once the period ends uncalled: correct the date ({} at the earliest), or, if it could not wait, say why in `urgent:`",
                earliest.iso()
            )),
    );
}

/// BP126.
fn budget_without_named_vote(
    site: &Site,
    d: &Decision,
    place: &Place<'_>,
    diagnostics: &mut Diagnostics,
) {
    if !d.record.budget || site.config.jurisdiction != Some(Jurisdiction::England) {
        return;
    }
    let not_named = match &d.record.vote {
        None => "has no vote recorded".to_string(),
        Some(vote) if !vote.named() => "records its vote as numbers, not names".to_string(),
        Some(vote) => {
            let amendments: Vec<String> = vote
                .amendments
                .iter()
                .enumerate()
                .filter(|(_, a)| !a.named())
                .map(|(i, _)| (i + 1).to_string())
                .collect();
            match amendments.as_slice() {
                [] => return,
                [one] => format!("records the vote on amendment {one} as numbers, not names"),
                many => format!(
                    "records the votes on amendments {} as numbers, not names",
                    many.join(", ")
                ),
            }
        }
    };
    let diagnostic = Diagnostic::warning(
        "BP126",
        place.path(),
        format!("this budget decision {not_named}"),
    );
    diagnostics.push(
        place
            .at_node_or_value(
                diagnostic,
                place.record.and_then(|r| r.get("budget")),
                "budget",
                "true",
            )
            .label("a budget decision")
            .help("in England the minutes of a budget meeting must record how each member voted on the budget and on each amendment (SI 2014/165): list the voters under `for:`, `against:` and `abstain:` by id or name"),
    );
}

/// BP127: the keys of an exempt item written on one that is not.
fn public_keys_on_open_items(
    minutes: &Minutes,
    tree: Option<&Tree>,
    diagnostics: &mut Diagnostics,
) {
    let Some(tree) = tree else {
        return;
    };
    let Some(items) = tree.root().get("items") else {
        return;
    };
    let nodes: Vec<Node<'_>> = items.items().collect();
    if nodes.len() != minutes.items.len() {
        return;
    }
    for (item, node) in minutes.items.iter().zip(nodes) {
        if !matches!(item, MinuteItem::Open(_)) {
            continue;
        }
        for key in ["public_summary", "public_decisions"] {
            let Some(at) = node.key(key) else {
                continue;
            };
            let instead = if key == "public_summary" {
                "put the text in `minute:`"
            } else {
                "list them under `decisions:`"
            };
            let d = Diagnostic::warning(
                "BP127",
                &minutes.doc.path,
                format!(
                    "`{key}:` is for an exempt item, and item {} is not exempt",
                    item.item()
                ),
            );
            diagnostics.push(
                d.at(&minutes.doc.text, at.range())
                    .label("item not exempt")
                    .help(format!(
                        "an open item's minute and decisions are published whole: {instead}; if the item is exempt, give it `exempt:` with its category and reason"
                    )),
            );
        }
    }
}

/// A vote to check: the motion's or an amendment's, with the people it names and its node.
struct BallotAt<'a> {
    ballot: &'a dyn Ballot,
    people: &'a VotePeople,
    node: Option<Node<'a>>,
    /// What was voted on: "the motion", "amendment 2".
    what: String,
}

impl<'a> BallotAt<'a> {
    /// The node of the first side written, for pointing at the counts.
    fn first_side(&self) -> Option<Node<'a>> {
        let node = self.node?;
        [Side::For, Side::Against, Side::Abstain]
            .into_iter()
            .find_map(|s| node.get(side_key(s)))
    }

    /// Each named voter: their side, the person they were resolved to, their name as written and
    /// its node.
    fn voters(
        &self,
    ) -> impl Iterator<Item = (Side, Option<PersonId>, &'a str, Option<Node<'a>>)> + '_ {
        let node = self.node;
        self.ballot
            .sides()
            .into_iter()
            .zip(self.people.sides.iter())
            .flat_map(move |((side, tally), people)| {
                let names = tally.map(|t| t.names()).unwrap_or_default();
                let list = node.and_then(|n| n.get(side_key(side)));
                names.iter().enumerate().map(move |(k, written)| {
                    (
                        side,
                        people.get(k).copied().flatten(),
                        written.as_str(),
                        list.and_then(|l| l.item(k)),
                    )
                })
            })
    }
}

/// The motion's vote and each amendment's, if the record has a vote.
fn ballots<'a>(d: &'a Decision, record: Option<Node<'a>>) -> Vec<BallotAt<'a>> {
    let (Some(vote), Some((people, amendments))) = (&d.record.vote, &d.vote) else {
        return Vec::new();
    };
    let node = record.and_then(|r| r.get("vote"));
    let amendment_nodes = node.and_then(|n| n.get("amendments"));
    let mut out = vec![BallotAt {
        ballot: vote,
        people,
        node,
        what: "the motion".to_string(),
    }];
    for (i, (amendment, people)) in vote.amendments.iter().zip(amendments).enumerate() {
        out.push(BallotAt {
            ballot: amendment,
            people,
            node: amendment_nodes.and_then(|n| n.item(i)),
            what: format!("amendment {}", i + 1),
        });
    }
    out
}

fn side_key(side: Side) -> &'static str {
    match side {
        Side::For => "for",
        Side::Against => "against",
        Side::Abstain => "abstain",
    }
}

fn side_voting(side: Side) -> &'static str {
    match side {
        Side::For => "voting for",
        Side::Against => "voting against",
        Side::Abstain => "abstaining on",
    }
}

/// A person's full name, or the name as written when it is nobody's.
fn name_of(site: &Site, person: Option<PersonId>, written: &str) -> String {
    person
        .and_then(|p| site.people.unrecorded().get(p))
        .map_or_else(|| written.trim().to_string(), |p| p.doc.matter.full_name())
}

/// Whether two written names (or ids) are one: the same when compared as names are.
fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    !a.is_empty() && (a == b || normalise(a) == normalise(b))
}

/// Whether `person` (resolved from `written`) is among the attendees of `lists`: the same person
/// when resolved, else the same name or id as written.
fn listed(
    lists: &[(&Vec<Attendee>, &Vec<Option<PersonId>>)],
    person: Option<PersonId>,
    written: &str,
) -> bool {
    lists.iter().any(|(attendees, people)| {
        person.is_some_and(|p| people.contains(&Some(p)))
            || attendees.iter().any(|a| {
                same_name(&a.name, written)
                    || a.person.as_deref().is_some_and(|id| same_name(id, written))
            })
    })
}

/// The minutes of the meeting that made a decision, when a meeting did and its minutes are published.
fn meeting_minutes<'s>(site: &'s Site, d: &Decision) -> Option<&'s Minutes> {
    let Maker::Meeting(m) = d.maker else {
        return None;
    };
    let id = match &d.minute {
        Some(minute) => minute.minutes,
        None => site.meetings.unrecorded().get(m)?.minutes?,
    };
    site.minutes.unrecorded().get(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::decisions::VoteMatter;

    fn vote(yaml: &str) -> VoteMatter {
        crate::content::yaml::from_str::<VoteMatter>(yaml)
            .unwrap()
            .0
    }

    #[test]
    fn counts_exceed_the_members_present_only_when_more() {
        let v = vote("for: 6\nagainst: 3\nabstain: 1\n");
        assert_eq!(v.total(), 10);
        assert!(exceeds(v.total(), 9));
        assert!(
            !exceeds(v.total(), 10),
            "every member present voting is fine"
        );
        assert!(
            !exceeds(v.total(), 0),
            "minutes listing no one say nothing of who was there"
        );
        let named = vote("for: [a, b, c]\nagainst: [d]\n");
        assert!(exceeds(named.total(), 3));
        assert!(!exceeds(named.total(), 4));
    }

    #[test]
    fn a_tie_without_result_or_casting_vote_is_unresolved() {
        assert!(unresolved_tie(&vote("for: 4\nagainst: 4\nabstain: 1\n")));
        assert!(unresolved_tie(&vote("for: [a, b]\nagainst: [c, d]\n")));
        assert!(unresolved_tie(&vote("for: 0\n")), "none for, none against");
        assert!(!unresolved_tie(&vote("for: 4\nagainst: 4\nresult: lost\n")));
        assert!(!unresolved_tie(&vote(
            "for: 4\nagainst: 4\ncasting_vote: true\n"
        )));
        assert!(!unresolved_tie(&vote("for: 5\nagainst: 4\n")));
        assert!(
            !unresolved_tie(&vote("mover: a\n")),
            "nothing counted is no tie"
        );
        assert!(
            !unresolved_tie(&vote("against: 3\n")),
            "only against counted: lost"
        );
    }

    #[test]
    fn a_pecuniary_interest_bars_a_vote_unless_dispensed() {
        let decl = |yaml: &str| {
            crate::content::yaml::from_str::<Declaration>(yaml)
                .unwrap()
                .0
        };
        assert!(barred(&decl(
            "member: A\ninterest: Owns land.\ntype: pecuniary\n"
        )));
        assert!(!barred(&decl(
            "member: A\ninterest: x\ntype: pecuniary\ndispensation: Granted 2026-01-01.\n"
        )));
        assert!(!barred(&decl(
            "member: A\ninterest: x\ntype: pecuniary\naction: dispensation\n"
        )));
        assert!(!barred(&decl(
            "member: A\ninterest: x\ntype: other_registrable\n"
        )));
        assert!(barred(&decl(
            "member: A\ninterest: x\ntype: pecuniary\ndispensation: \"  \"\n"
        )));
    }

    #[test]
    fn names_are_one_when_written_alike() {
        assert!(same_name("Cllr Jo Bloggs", "jo bloggs"));
        assert!(same_name("jo-bloggs", "jo-bloggs"));
        assert!(!same_name("", ""));
        assert!(!same_name("Jo Bloggs", "Sam Reed"));
    }
}
