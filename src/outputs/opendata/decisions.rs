//! The decisions export: every line of the decisions register (each decision of published minutes'
//! open items), and every decision record the register does not hold (a notice's decision the minutes
//! have not recorded yet, an individual's decision, an exempt item's public decision), each with its
//! record's details when it has one.
//!
//! A decision with a record goes by the record's id everywhere (its page is `decisions/<id>/`): a
//! notice's decision keeps its id when the minutes later record it. A decision without one goes by
//! where it is minuted (`<meeting id>/<item>/<order>`), as it always did. Made by a board, a decision
//! is in the board's file; made by an executive member or an officer, in `members` or `officers`.

use std::cmp::Reverse;
use std::collections::HashMap;

use jiff::tz::TimeZone;
use serde::Serialize;

use crate::content::markdown;
use crate::content::model::ItemNo;
use crate::outputs::decision_status::{self, visible_decisions};
use crate::outputs::registers::{self, Registers};
use crate::site::decisions::{Decision, DecisionId, DeclarationSource, Maker, Status};
use crate::site::minutes::MinuteItem;
use crate::site::{MinutesId, Site};

use super::ids::{board_id, clean, meeting_id, paper_id, plain_text};
use super::records::ByBoard;

/// The file of the decisions made by executive members on their own.
pub(super) const MEMBERS: &str = "members";
/// The file of officers' delegated decisions.
pub(super) const OFFICERS: &str = "officers";

/// A decision as the export, the spreadsheet and `check`'s counts see it: a line of the register
/// (with its record, if it is written as one), or a record the register does not hold.
pub(super) enum Row<'r, 'a> {
    Line {
        line: &'r registers::Decision<'a>,
        /// Its place in `registers.decisions`.
        index: usize,
        record: Option<DecisionId>,
    },
    Record(DecisionId),
}

impl Row<'_, '_> {
    /// The decision record, if any.
    pub(super) fn record(&self) -> Option<DecisionId> {
        match self {
            Row::Line { record, .. } => *record,
            Row::Record(d) => Some(*d),
        }
    }

    /// The day it was made: its meeting's, or the record's.
    pub(super) fn date(&self, site: &Site) -> crate::content::model::Date {
        match self {
            Row::Line { line, .. } => site.meetings[line.meeting].date,
            Row::Record(d) => site.decisions[*d].made,
        }
    }

    /// The file it is published in: its board's, or [`MEMBERS`] or [`OFFICERS`].
    pub(super) fn file(&self, site: &Site) -> String {
        match self {
            Row::Line { line, .. } => board_id(site, site.meetings[line.meeting].board),
            Row::Record(d) => match &site.decisions[*d].maker {
                Maker::Meeting(m) => board_id(site, site.meetings[*m].board),
                Maker::Member(_) => MEMBERS.to_string(),
                Maker::Officer(_) => OFFICERS.to_string(),
            },
        }
    }

    /// Its id: the record's, else where it is minuted.
    pub(super) fn id(&self, site: &Site) -> String {
        match self {
            Row::Line {
                line, record: None, ..
            } => line_id(site, line),
            Row::Line {
                record: Some(d), ..
            }
            | Row::Record(d) => site.decisions[*d].id.clone(),
        }
    }
}

/// `<meeting id>/<item>/<order>`: the id of a line of the register that has no record.
fn line_id(site: &Site, d: &registers::Decision<'_>) -> String {
    format!(
        "{}/{}/{}",
        meeting_id(site, d.meeting),
        d.item.item(),
        d.order
    )
}

/// The records of the register's lines, by where they are minuted (minutes, item, place from 0).
pub(super) struct Joined<'s> {
    by_minute: HashMap<(MinutesId, &'s ItemNo, usize), DecisionId>,
}

impl<'s> Joined<'s> {
    pub(super) fn new(site: &'s Site) -> Self {
        let mut by_minute = HashMap::new();
        for (id, d) in visible_decisions(site) {
            if let Some(m) = d.minute.as_ref() {
                by_minute.entry((m.minutes, &m.item, m.order)).or_insert(id);
            }
        }
        Joined { by_minute }
    }

    /// The record of a line of the register, if it is written as one.
    pub(super) fn of(&self, line: &registers::Decision<'_>) -> Option<DecisionId> {
        self.by_minute
            .get(&(line.minutes, line.item.item(), line.order - 1))
            .copied()
    }

    /// The id the export gives a line of the register.
    pub(super) fn id(&self, site: &Site, line: &registers::Decision<'_>) -> String {
        match self.of(line) {
            Some(d) => site.decisions[d].id.clone(),
            None => line_id(site, line),
        }
    }
}

/// Every line of the register, then every public decision record it does not hold, newest made first
/// (the register's order within a day, then the records').
pub(super) fn rows<'r, 'a>(site: &Site, registers: &'r Registers<'a>) -> Vec<Row<'r, 'a>> {
    let joined = Joined::new(site);
    let held: std::collections::HashSet<DecisionId> = joined.by_minute.values().copied().collect();
    let mut rows: Vec<Row<'r, 'a>> = registers
        .decisions
        .iter()
        .enumerate()
        .map(|(index, line)| Row::Line {
            line,
            index,
            record: joined.of(line),
        })
        .collect();
    rows.extend(
        visible_decisions(site)
            .filter(|(id, _)| !held.contains(id))
            .map(|(id, _)| Row::Record(id)),
    );
    // Stable: the register's order, and the site's, stay within a day.
    rows.sort_by_key(|r| Reverse(r.date(site)));
    rows
}

/// How many records each decisions file holds, by file (what `check` lists without making them).
pub(super) fn counts(site: &Site, registers: &Registers<'_>) -> Vec<(String, usize)> {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for row in rows(site, registers) {
        *counts.entry(row.file(site)).or_default() += 1;
    }
    counts.into_iter().collect()
}

#[derive(Debug, Serialize)]
pub(super) struct DecisionRecord {
    pub(super) id: String,
    /// Null for an individual's decision.
    pub(super) board_id: Option<String>,
    pub(super) meeting_id: Option<String>,
    /// The day it was made (a meeting's date).
    pub(super) date: String,
    pub(super) item: Option<String>,
    pub(super) item_title: Option<String>,
    pub(super) order: Option<usize>,
    pub(super) text: String,
    pub(super) html: String,
    pub(super) minute_url: Option<String>,
    pub(super) paper_id: Option<String>,
    pub(super) paper_url: Option<String>,
    /// The record's details; null for a decision written as a line of the minutes.
    pub(super) record: Option<Details>,
    /// The file it is in (a board's id, `members` or `officers`).
    #[serde(skip)]
    file: String,
    #[serde(skip)]
    year: i16,
}

impl ByBoard for DecisionRecord {
    fn board_id(&self) -> &str {
        &self.file
    }
    fn year(&self) -> i16 {
        self.year
    }
}

/// What a decision record says besides the decision.
#[derive(Debug, Serialize)]
pub(super) struct Details {
    /// Its page.
    pub(super) url: String,
    pub(super) title: Option<String>,
    /// [`Status::key`] on the build date.
    pub(super) status: &'static str,
    /// While it is open to call-in: the deadline, in the site's time zone with its offset.
    pub(super) call_in_until: Option<String>,
    pub(super) took_effect: Option<String>,
    pub(super) called_in: Option<String>,
    pub(super) maker: MakerRecord,
    pub(super) date_made: String,
    pub(super) date_published: Option<String>,
    pub(super) key_decision: bool,
    pub(super) budget: bool,
    pub(super) reasons: Option<String>,
    pub(super) alternatives: Option<String>,
    pub(super) recommended_to: Option<RecommendedTo>,
    /// Why it is urgent (and so not open to call-in).
    pub(super) urgent: Option<String>,
    pub(super) implemented: Option<String>,
    pub(super) reports: Vec<ReportLink>,
    pub(super) declarations: Vec<DeclarationRecord>,
    /// Its motion in `motions.json`, when the record gives a vote.
    pub(super) motion_id: Option<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct MakerRecord {
    /// `meeting`, `member` or `officer`.
    #[serde(rename = "type")]
    pub(super) maker_type: &'static str,
    /// The board (a Popolo organization), for a meeting's decision.
    pub(super) organization_id: Option<String>,
    pub(super) meeting_id: Option<String>,
    /// The Popolo person, for an individual with a person file.
    pub(super) person_id: Option<String>,
    /// The board's title, or the person's name.
    pub(super) name: String,
    pub(super) role: Option<String>,
    pub(super) delegation: Option<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct RecommendedTo {
    /// As written.
    pub(super) name: String,
    /// The board, when it is one of the site's.
    pub(super) organization_id: Option<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct ReportLink {
    pub(super) paper_id: String,
    pub(super) url: String,
}

#[derive(Debug, Serialize)]
pub(super) struct DeclarationRecord {
    /// The Popolo person, for a declarer with a person file.
    pub(super) person_id: Option<String>,
    pub(super) name: String,
    pub(super) interest: String,
}

/// The id of a decision's motion (and of the vote on it).
pub(super) fn motion_id(d: &Decision) -> String {
    d.id.clone()
}

/// The id of an amendment's motion: `<decision id>/amendment-<n>`, from 1.
pub(super) fn amendment_id(d: &Decision, n: usize) -> String {
    format!("{}/amendment-{n}", d.id)
}

/// The records, sorted by meeting id (an individual's: `<file>/<date>`), then item, order and id: so
/// each file's records are together, in the order the files always had.
pub(super) fn decisions(site: &Site, registers: &Registers<'_>) -> Vec<DecisionRecord> {
    let html = registers::decisions_html(site, registers);
    let tz = site.time_zone().unwrap_or(TimeZone::UTC);
    let anchors = crate::render::Collector::default();
    type Key = (String, Option<ItemNo>, usize, String);
    let mut out: Vec<(Key, DecisionRecord)> = rows(site, registers)
        .into_iter()
        .map(|row| {
            let record = row.record().map(|d| details(site, &tz, d));
            let file = row.file(site);
            let id = row.id(site);
            let (item, order) = match &row {
                Row::Line { line, .. } => (Some(line.item.item().clone()), line.order),
                Row::Record(d) => site.decisions[*d]
                    .minute
                    .as_ref()
                    .map_or((None, 0), |m| (Some(m.item.clone()), m.order + 1)),
            };
            let r = match row {
                Row::Line { line, index, .. } => {
                    let m = &site.meetings[line.meeting];
                    let paper = registers::item_paper(site, line.meeting, line.item);
                    DecisionRecord {
                        id,
                        board_id: Some(board_id(site, m.board)),
                        meeting_id: Some(meeting_id(site, line.meeting)),
                        date: m.date.iso(),
                        item: Some(line.item.item().to_string()),
                        item_title: Some(registers::item_title(site, line.meeting, line.item)),
                        order: Some(line.order),
                        text: plain_text(line.text),
                        html: html.get(index).cloned().unwrap_or_default(),
                        minute_url: Some(site.permalink(&registers::minute_path(
                            site,
                            line.minutes,
                            line.item.item(),
                        ))),
                        paper_id: paper.map(|p| paper_id(site, p)),
                        paper_url: paper.map(|p| site.permalink(&site.papers[p].path)),
                        record,
                        file,
                        year: m.date.year(),
                    }
                }
                Row::Record(d) => {
                    let decision = &site.decisions[d];
                    let meeting = decision.meeting();
                    let dir = match (decision.notice, &decision.minute) {
                        (Some(n), _) => site.notices[n].doc.dir().to_path_buf(),
                        (None, Some(m)) => site.minutes[m.minutes].doc.dir().to_path_buf(),
                        (None, None) => std::path::PathBuf::new(),
                    };
                    let resolver = crate::render::resolver(site, &dir, &anchors);
                    let minute = decision.minute.as_ref();
                    DecisionRecord {
                        id,
                        board_id: meeting.map(|m| board_id(site, site.meetings[m].board)),
                        meeting_id: meeting.map(|m| meeting_id(site, m)),
                        date: decision.made.iso(),
                        item: minute.map(|m| m.item.to_string()),
                        item_title: minute
                            .and_then(|m| minute_item_title(site, m.minutes, &m.item)),
                        order: minute.map(|m| m.order + 1),
                        text: plain_text(&decision.record.decision),
                        html: markdown::render_inline_block(&decision.record.decision, &resolver),
                        minute_url: minute.map(|m| {
                            site.permalink(&registers::minute_path(site, m.minutes, &m.item))
                        }),
                        paper_id: None,
                        paper_url: None,
                        record,
                        file,
                        year: decision.made.year(),
                    }
                }
            };
            let key = (
                r.meeting_id
                    .clone()
                    .unwrap_or_else(|| format!("{}/{}", r.file, r.date)),
                item,
                order,
                r.id.clone(),
            );
            (key, r)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.into_iter().map(|(_, r)| r).collect()
}

/// The title of a minute item (its own, else the agenda's).
fn minute_item_title(site: &Site, minutes: MinutesId, item: &ItemNo) -> Option<String> {
    let n = &site.minutes[minutes];
    n.item(item)
        .and_then(MinuteItem::title)
        .map(str::to_string)
        .or_else(|| {
            site.meetings[n.meeting]
                .agenda
                .iter()
                .find(|a| &a.item == item)
                .map(|a| a.title.clone())
        })
}

/// A decision record's details, its status as on the build date.
fn details(site: &Site, tz: &TimeZone, id: DecisionId) -> Details {
    let d = &site.decisions[id];
    let record = &d.record;
    let status = decision_status::status(site, d);
    let (call_in_until, took_effect, called_in) = match status {
        Status::OpenToCallIn(day, time) => (
            Some(decision_status::deadline_rfc3339(tz, day, time)),
            None,
            None,
        ),
        Status::TookEffect(day) => (None, Some(day.iso()), None),
        Status::CalledIn(day) => (None, None, Some(day.iso())),
        Status::Recommended | Status::AwaitingPublication => (None, None, None),
    };
    Details {
        url: site.permalink(&d.path),
        title: clean(&d.title),
        status: status.key(),
        call_in_until,
        took_effect,
        called_in,
        maker: maker(site, d),
        date_made: d.made.iso(),
        date_published: d.published.map(|p| p.iso()),
        key_decision: record.key_decision,
        budget: record.budget,
        reasons: prose(&record.reasons),
        alternatives: prose(&record.alternatives),
        recommended_to: clean(&record.recommended_to).map(|name| RecommendedTo {
            name,
            organization_id: d.recommended_to.map(|b| board_id(site, b)),
        }),
        urgent: prose(&record.urgent),
        implemented: record.implemented.map(|i| i.iso()),
        reports: d
            .reports
            .iter()
            .map(|&p| ReportLink {
                paper_id: paper_id(site, p),
                url: site.permalink(&site.papers[p].path),
            })
            .collect(),
        declarations: declarations(site, d),
        motion_id: record.vote.as_ref().map(|_| motion_id(d)),
    }
}

/// Markdown as plain text, if there is any.
fn prose(markdown: &Option<String>) -> Option<String> {
    markdown
        .as_deref()
        .map(plain_text)
        .filter(|t| !t.is_empty())
}

fn maker(site: &Site, d: &Decision) -> MakerRecord {
    match &d.maker {
        Maker::Meeting(m) => {
            let board = site.meetings[*m].board;
            MakerRecord {
                maker_type: "meeting",
                organization_id: Some(board_id(site, board)),
                meeting_id: Some(meeting_id(site, *m)),
                person_id: None,
                name: site.boards[board].doc.matter.title.clone(),
                role: None,
                delegation: None,
            }
        }
        Maker::Member(who) | Maker::Officer(who) => MakerRecord {
            maker_type: if matches!(d.maker, Maker::Member(_)) {
                "member"
            } else {
                "officer"
            },
            organization_id: None,
            meeting_id: None,
            person_id: who.person.map(|p| site.people[p].id.clone()),
            name: match who.person {
                Some(p) => site.people[p].doc.matter.full_name(),
                None => who.written.trim().to_string(),
            },
            role: clean(&who.role),
            delegation: clean(&who.delegation),
        },
    }
}

/// The declarations counted against a decision: its record's, then its minutes' for its item.
fn declarations(site: &Site, d: &Decision) -> Vec<DeclarationRecord> {
    d.declarations
        .iter()
        .filter_map(|&(person, i, source)| {
            let written = match source {
                DeclarationSource::Record => d.record.declarations.get(i)?,
                DeclarationSource::Minutes => {
                    let m = d.minute.as_ref()?;
                    site.minutes[m.minutes].doc.matter.declarations.get(i)?
                }
            };
            let name = match person {
                Some(p) => site.people[p].doc.matter.full_name(),
                None => match written.member.trim() {
                    "" => written.person.as_deref().unwrap_or("").trim().to_string(),
                    member => member.to_string(),
                },
            };
            Some(DeclarationRecord {
                person_id: person.map(|p| site.people[p].id.clone()),
                name,
                interest: plain_text(&written.interest),
            })
        })
        .collect()
}
