//! The views of decision records ([`crate::site::decisions`]): a decision's own page, the line lists
//! show it by, its status in words as of the build date, its vote, and a person's named votes.

use serde::Serialize;

use crate::content::decisions::{Ballot, Side, VoteMatter};
use crate::content::markdown;
use crate::content::model::Time;
use crate::render::Collector;
use crate::render::context::{DateView, LinkView};
use crate::render::links::{markdown_doc, resolver};
use crate::render::pages::{board_link, date_view, minute_anchor};
use crate::render::people::{NameView, name_view};
use crate::site::decisions::{
    CallIn, Decision, DecisionId, DeclarationSource, Maker, Status, VotePeople,
};
use crate::site::{PersonId, Site};

/// A decision's status as of the build date, in words.
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    /// `recommended`, `called-in`, `open-to-call-in`, `in-effect`, `made`.
    pub key: &'static str,
    /// A word or two: "Open to call-in".
    pub label: &'static str,
    /// A sentence: "Can be called in until Tuesday 22 September 2026, 5pm."
    pub detail: String,
}

/// A time as notices write it: "5pm", "5.30pm".
pub fn clock(t: Time) -> String {
    t.twelve_hour().replace(".00", "")
}

/// The status of decision `d` on the build date, in words.
pub fn status_view(site: &Site, d: &Decision) -> StatusView {
    let status = d.status(site.today, &site.config.bank_holidays);
    let (label, detail) = match status {
        Status::Recommended => {
            let to = d.record.recommended_to.as_deref().unwrap_or_default().trim();
            let body = d
                .recommended_to
                .map_or(to.to_string(), |b| site.boards[b].doc.matter.title.clone());
            (
                "Recommendation",
                format!("Recommended to {body}, which will make the decision."),
            )
        }
        Status::CalledIn(date) => {
            let by = d
                .record
                .called_in
                .as_ref()
                .and_then(|c| c.by.as_deref())
                .map(|b| format!(" by {}", b.trim()))
                .unwrap_or_default();
            (
                "Called in",
                format!(
                    "Called in{by} on {}: it does not take effect until the call-in is decided.",
                    date.long()
                ),
            )
        }
        Status::OpenToCallIn(day, time) => (
            "Open to call-in",
            format!("Can be called in until {}, {}.", day.long(), clock(time)),
        ),
        Status::TookEffect(date) if d.record.called_in.is_some() => (
            "In effect",
            format!(
                "Took effect on {} after it was called in.",
                date.long()
            ),
        ),
        Status::TookEffect(date) if d.call_in == CallIn::Urgent => (
            "In effect",
            format!(
                "Took effect on {}: urgent, so not open to call-in.",
                date.long()
            ),
        ),
        Status::TookEffect(date) => ("In effect", format!("Took effect on {}.", date.long())),
        Status::AwaitingPublication => (
            "Made",
            "Open to call-in for the set period once this decision is published.".to_string(),
        ),
    };
    StatusView {
        key: status.key(),
        label,
        detail,
    }
}

/// Who made a decision, as lists show it.
#[derive(Debug, Clone, Serialize)]
pub struct MakerView {
    /// `meeting`, `member`, `officer`.
    pub kind: &'static str,
    /// The body or person.
    pub name: NameView,
    pub role: Option<String>,
    pub delegation: Option<String>,
    /// For a meeting: its page.
    pub meeting: Option<LinkView>,
}

pub fn maker_view(site: &Site, d: &Decision) -> MakerView {
    match &d.maker {
        Maker::Meeting(m) => {
            let meeting = &site.meetings[*m];
            let board = board_link(site, &site.boards[meeting.board]);
            MakerView {
                kind: "meeting",
                name: NameView {
                    name: board.title.clone(),
                    url: Some(board.url.clone()),
                },
                role: None,
                delegation: None,
                meeting: Some(LinkView {
                    title: format!("{}, {}", board.title, meeting.date.long()),
                    url: site.href(&meeting.path),
                }),
            }
        }
        Maker::Member(who) | Maker::Officer(who) => MakerView {
            kind: if d.by_officer() { "officer" } else { "member" },
            name: name_view(site, "", who.person).or_written(&who.written),
            role: who.role.clone(),
            delegation: who.delegation.clone(),
            meeting: None,
        },
    }
}

trait OrWritten {
    fn or_written(self, written: &str) -> Self;
}

impl OrWritten for NameView {
    /// The name as written when no person was found for it.
    fn or_written(mut self, written: &str) -> Self {
        if self.name.is_empty() {
            self.name = written.trim().to_string();
        }
        self
    }
}

/// A decision as a line of a list.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionLine {
    pub id: String,
    pub url: String,
    pub title: String,
    pub made: DateView,
    pub maker: MakerView,
    pub status: StatusView,
    pub key_decision: bool,
}

/// The longest title made from a decision's own words, for one that has no title: lists and feed
/// readers show a line, not a paragraph.
const TITLE_CHARS: usize = 120;

/// What lists, pages and feeds call a decision: its record's title, else its item's, else the start
/// of what was decided (cut at a word, with an ellipsis).
pub fn title(d: &Decision) -> String {
    if let Some(t) = d.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        return t.to_string();
    }
    let text = markdown::one_line_text(&d.record.decision);
    if text.chars().count() <= TITLE_CHARS {
        return text;
    }
    let cut: String = text.chars().take(TITLE_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > 0 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

pub fn decision_line(site: &Site, id: DecisionId) -> DecisionLine {
    let d = &site.decisions[id];
    DecisionLine {
        id: d.id.clone(),
        url: site.href(&d.path),
        title: title(d),
        made: date_view(d.made),
        maker: maker_view(site, d),
        status: status_view(site, d),
        key_decision: d.record.key_decision,
    }
}

/// One side of a vote.
#[derive(Debug, Clone, Serialize)]
pub struct SideView {
    pub label: &'static str,
    pub count: usize,
    /// For a named vote.
    pub names: Vec<NameView>,
}

/// A vote on a motion or an amendment.
#[derive(Debug, Clone, Serialize)]
pub struct VoteView {
    /// For an amendment: what it proposed.
    pub amendment: Option<String>,
    pub mover: Option<NameView>,
    pub seconder: Option<NameView>,
    pub sides: Vec<SideView>,
    pub named: bool,
    /// `carried` or `lost`; none for a tie with no result written.
    pub result: Option<&'static str>,
    pub casting_vote: bool,
    pub amendments: Vec<VoteView>,
}

fn ballot_view(
    site: &Site,
    b: &dyn Ballot,
    people: Option<&VotePeople>,
    amendment: Option<String>,
) -> VoteView {
    let person = |written: Option<&str>, p: Option<PersonId>| {
        written.map(|w| name_view(site, "", p).or_written(w))
    };
    let sides = b
        .sides()
        .iter()
        .enumerate()
        .filter_map(|(i, (side, tally))| {
            let tally = (*tally)?;
            let ids = people.map(|p| p.sides[i].as_slice()).unwrap_or_default();
            Some(SideView {
                label: side.label(),
                count: tally.count(),
                names: tally
                    .names()
                    .iter()
                    .enumerate()
                    .map(|(n, w)| name_view(site, "", ids.get(n).copied().flatten()).or_written(w))
                    .collect(),
            })
        })
        .collect();
    VoteView {
        amendment,
        mover: person(b.mover(), people.and_then(|p| p.mover)),
        seconder: person(b.seconder(), people.and_then(|p| p.seconder)),
        sides,
        named: b.named(),
        result: b.result().map(|r| r.label()),
        casting_vote: b.casting_vote(),
        amendments: Vec::new(),
    }
}

/// The vote on decision `d`, with its amendments.
pub fn vote_view(site: &Site, d: &Decision) -> Option<VoteView> {
    let vote: &VoteMatter = d.record.vote.as_ref()?;
    let people = d.vote.as_ref();
    let mut view = ballot_view(site, vote, people.map(|p| &p.0), None);
    view.amendments = vote
        .amendments
        .iter()
        .enumerate()
        .map(|(i, a)| {
            ballot_view(
                site,
                a,
                people.and_then(|p| p.1.get(i)),
                Some(a.amendment.clone()),
            )
        })
        .collect();
    Some(view)
}

/// A vote in a sentence, as the minutes give it: "Amendment (That …): lost, 3 for, 7 against (a
/// recorded vote). Motion: carried, 9 for, 0 against, 1 abstained."
pub fn vote_summary(site: &Site, d: &Decision) -> Option<String> {
    let v = vote_view(site, d)?;
    let one = |v: &VoteView| {
        let counts: Vec<String> = v
            .sides
            .iter()
            .map(|s| format!("{} {}", s.count, s.label.to_lowercase()))
            .collect();
        let result = v.result.unwrap_or("tied, no result recorded");
        let casting = if v.casting_vote { " on the chair’s casting vote" } else { "" };
        let named = if v.named { " (a recorded vote)" } else { "" };
        format!("{result}{casting}, {}{named}", counts.join(", "))
    };
    let mut parts: Vec<String> = v
        .amendments
        .iter()
        .map(|a| format!("Amendment ({}): {}.", a.amendment.as_deref().unwrap_or_default().trim_end_matches('.'), one(a)))
        .collect();
    parts.push(format!("{}: {}.", if v.amendments.is_empty() { "Vote" } else { "Substantive motion" }, one(&v)));
    Some(parts.join(" "))
}

/// A declaration of interest made on a decision.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionDeclarationView {
    pub name: NameView,
    pub interest: String,
    pub action: Option<String>,
    pub dispensation: Option<String>,
}

/// A decision's own page.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionView {
    #[serde(flatten)]
    pub line: DecisionLine,
    pub decision_html: String,
    pub published: Option<DateView>,
    pub budget: bool,
    pub reasons_html: Option<String>,
    pub alternatives_html: Option<String>,
    pub urgent: Option<String>,
    pub called_in_outcome: Option<String>,
    pub implemented: Option<DateView>,
    pub declarations: Vec<DecisionDeclarationView>,
    pub reports: Vec<LinkView>,
    pub vote: Option<VoteView>,
    /// The minutes that record it, at its item.
    pub minutes: Option<LinkView>,
    /// The minutes are published unconfirmed (to be confirmed at the next meeting).
    pub minutes_unconfirmed: bool,
    /// The notice's body, if any.
    pub notice_html: Option<String>,
    pub notice_title: Option<String>,
    /// The decision was an exempt item's: only what may be published is.
    pub exempt_item: bool,
    pub extra: Option<serde_json::Value>,
}

pub(crate) fn decision_view(site: &Site, id: DecisionId, c: &Collector) -> DecisionView {
    let d = &site.decisions[id];
    let dir = match (d.notice, &d.minute) {
        (Some(n), _) => site.notices[n].doc.dir().to_path_buf(),
        (None, Some(m)) => site.minutes[m.minutes].doc.dir().to_path_buf(),
        (None, None) => std::path::PathBuf::from("content"),
    };
    let links = resolver(site, &dir, c);
    let md = |s: &str| markdown::render_inline_block(s, &links);
    let some_md = |s: &Option<String>| {
        s.as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|s| md(s))
    };
    let declarations = d
        .declarations
        .iter()
        .filter_map(|&(person, i, source)| {
            let decl = match source {
                DeclarationSource::Record => d.record.declarations.get(i)?,
                DeclarationSource::Minutes => site.minutes[d.minute.as_ref()?.minutes]
                    .doc
                    .matter
                    .declarations
                    .get(i)?,
            };
            Some(DecisionDeclarationView {
                name: name_view(site, &decl.member, person)
                    .or_written(decl.person.as_deref().unwrap_or_default()),
                interest: decl.interest.clone(),
                action: decl.action.map(|a| a.label().to_string()),
                dispensation: decl.dispensation.clone(),
            })
        })
        .collect();
    let minutes = d.minute.as_ref().map(|m| {
        let minutes = &site.minutes[m.minutes];
        LinkView {
            title: format!(
                "Minutes of {}, {}, item {}",
                site.boards[site.meetings[minutes.meeting].board].doc.matter.title,
                site.meetings[minutes.meeting].date.long(),
                m.item
            ),
            url: format!("{}#{}", site.href(&minutes.path), minute_anchor(&m.item)),
        }
    });
    let notice = d.notice.map(|n| &site.notices[n]);
    let notice_html = notice
        .map(|n| markdown_doc(site, &n.doc, markdown::Settings::default(), c).html)
        .filter(|h| !h.trim().is_empty());
    DecisionView {
        line: decision_line(site, id),
        decision_html: md(&d.record.decision),
        published: d.published.map(date_view),
        budget: d.record.budget,
        reasons_html: some_md(&d.record.reasons),
        alternatives_html: some_md(&d.record.alternatives),
        urgent: d.record.urgent.clone().filter(|u| !u.trim().is_empty()),
        called_in_outcome: d.record.called_in.as_ref().and_then(|c| c.outcome.clone()),
        implemented: d.record.implemented.map(date_view),
        declarations,
        reports: d
            .reports
            .iter()
            .map(|&p| LinkView {
                title: site.papers[p].doc.matter.title.clone(),
                url: site.href(&site.papers[p].path),
            })
            .collect(),
        vote: vote_view(site, d),
        minutes_unconfirmed: d.minute.as_ref().is_some_and(|m| {
            site.minutes[m.minutes].doc.matter.status
                == crate::content::model::MinutesStatus::Unconfirmed
        }),
        minutes,
        notice_title: notice.and_then(|n| n.doc.matter.title.clone()),
        notice_html,
        exempt_item: d.minute.as_ref().is_some_and(|m| m.exempt),
        extra: notice.and_then(|n| n.doc.matter.extra.clone()),
    }
}

/// A named vote a person cast, as their page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct CastVoteView {
    pub decision: LinkView,
    pub made: DateView,
    /// The amendment voted on, if not the motion.
    pub amendment: Option<String>,
    /// "For", "Against", "Abstained".
    pub vote: &'static str,
    pub side: Side,
    pub result: Option<&'static str>,
}

/// The named votes `person` cast, newest decision first.
pub fn person_votes(site: &Site, person: PersonId) -> Vec<CastVoteView> {
    site.people[person]
        .votes
        .iter()
        .map(|v| {
            let d = &site.decisions[v.decision];
            let vote = d.record.vote.as_ref();
            let amendment = v.amendment.and_then(|i| vote?.amendments.get(i));
            CastVoteView {
                decision: LinkView {
                    title: title(d),
                    url: site.href(&d.path),
                },
                made: date_view(d.made),
                amendment: amendment.map(|a| a.amendment.clone()),
                vote: v.side.label(),
                side: v.side,
                result: match amendment {
                    Some(a) => a.result(),
                    None => vote.and_then(|v| v.result()),
                }
                .map(|r| r.label()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times_drop_whole_hours_minutes() {
        assert_eq!(clock("17:00".parse().unwrap()), "5pm");
        assert_eq!(clock("09:30".parse().unwrap()), "9.30am");
        assert_eq!(clock("12:00".parse().unwrap()), "12pm");
    }
}
