//! The front matter of decisions: a decision as minutes record it (`items[].decisions[]`), either a
//! line of text, as it always was, or a record with its reasons, maker, vote and call-in; and the
//! decision notice (`content/decisions/<name>.md`) a clerk publishes the day after a meeting or an
//! individual's decision, long before the minutes.
//!
//! The record's fields are those the law asks a written record of an executive decision to give
//! (SI 2012/2089 regs. 12–13: the decision, its date, reasons, alternatives rejected, conflicts
//! declared, dispensations) and those of an officer's delegated decision (SI 2014/2095 regs. 7–8).
//! Votes use the Popolo names (`motions`, `vote_events`, `counts`, `votes`) when published as data.

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::content::model::{Date, Time};
use crate::content::people::Declaration;

/// A decision as written: a line of Markdown, or a record ([`DecisionRecord`]).
#[derive(Debug, Clone)]
pub enum DecisionMatter {
    /// A line of the minutes, as decisions were always written: no page or status of its own.
    Text(String),
    Record(Box<DecisionRecord>),
}

impl DecisionMatter {
    /// The decision's Markdown text.
    pub fn text(&self) -> &str {
        match self {
            DecisionMatter::Text(t) => t,
            DecisionMatter::Record(r) => &r.decision,
        }
    }

    /// The record, when the decision is written as one.
    pub fn record(&self) -> Option<&DecisionRecord> {
        match self {
            DecisionMatter::Text(_) => None,
            DecisionMatter::Record(r) => Some(r),
        }
    }
}

/// Reads a string as [`DecisionMatter::Text`] and a mapping as a record, so that an unknown key of
/// a record is still reported at its line (an untagged enum would swallow it).
impl<'de> Deserialize<'de> for DecisionMatter {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> Visitor<'de> for Either {
            type Value = DecisionMatter;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a decision: its text, or a mapping with `decision:` and its details")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(DecisionMatter::Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(DecisionMatter::Text(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                DecisionRecord::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|r| DecisionMatter::Record(Box::new(r)))
            }
        }
        d.deserialize_any(Either)
    }
}

/// A decision with the details a decision record gives. Every field but `decision` may be left out.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct DecisionRecord {
    /// A stable id (`tb-2026-09-routes`), which its page's address is made of and by which a notice's
    /// decision and the minutes' record of it are known to be one.
    #[serde(default)]
    pub id: Option<String>,
    /// The decision's subject in a few words, as lists show it; else the item's title.
    #[serde(default)]
    pub title: Option<String>,
    /// What was decided (Markdown).
    pub decision: String,
    /// A key decision (SI 2012/2089 reg. 8).
    #[serde(default)]
    pub key_decision: bool,
    /// Sets the budget (or council tax): votes on it are recorded by name (SI 2014/165).
    #[serde(default)]
    pub budget: bool,
    #[serde(default)]
    pub reasons: Option<String>,
    /// Alternatives considered and rejected.
    #[serde(default)]
    pub alternatives: Option<String>,
    /// Conflicts of interest declared by those consulted, and dispensations (people by id). Minutes'
    /// declarations for the decision's item count too.
    #[serde(default)]
    pub declarations: Vec<Declaration>,
    /// The papers it was made on: paths relative to `content/`, or to the notice's file.
    #[serde(default)]
    pub reports: Vec<String>,
    /// Not a decision but a recommendation to another body (a board's slug or title, or a name),
    /// which will decide.
    #[serde(default)]
    pub recommended_to: Option<String>,
    /// Why the decision is urgent and so not open to call-in.
    #[serde(default)]
    pub urgent: Option<String>,
    /// The decision was called in for scrutiny.
    #[serde(default)]
    pub called_in: Option<CalledIn>,
    /// The day it was put into effect.
    #[serde(default)]
    pub implemented: Option<Date>,
    #[serde(default)]
    pub vote: Option<VoteMatter>,
}

impl DecisionRecord {
    /// The record of a decision written as a line: its text, and nothing else.
    pub fn of_text(text: &str) -> Self {
        DecisionRecord {
            id: None,
            title: None,
            decision: text.to_string(),
            key_decision: false,
            budget: false,
            reasons: None,
            alternatives: None,
            declarations: Vec::new(),
            reports: Vec::new(),
            recommended_to: None,
            urgent: None,
            called_in: None,
            implemented: None,
            vote: None,
        }
    }
}

/// A call-in of a decision.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct CalledIn {
    pub date: Date,
    /// Who called it in ("Overview and Scrutiny Committee", or members' names).
    #[serde(default)]
    pub by: Option<String>,
    /// What came of it, once known.
    #[serde(default)]
    pub outcome: Option<String>,
    /// The day it took effect after all (scrutiny took no further action, or the decision maker
    /// confirmed it); until then it stays called in.
    #[serde(default)]
    pub took_effect: Option<Date>,
}

/// The result of a vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VoteResult {
    Carried,
    Lost,
}

impl VoteResult {
    pub fn label(self) -> &'static str {
        match self {
            VoteResult::Carried => "carried",
            VoteResult::Lost => "lost",
        }
    }
}

/// One side of a vote: a number of votes, or the people who cast them (a named, or recorded, vote).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Tally {
    Count(u32),
    Named(Vec<String>),
}

impl Tally {
    pub fn count(&self) -> usize {
        match self {
            Tally::Count(n) => *n as usize,
            Tally::Named(names) => names.len(),
        }
    }

    /// The names, for a named vote.
    pub fn names(&self) -> &[String] {
        match self {
            Tally::Count(_) => &[],
            Tally::Named(names) => names,
        }
    }
}

impl<'de> Deserialize<'de> for Tally {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Side;
        impl<'de> Visitor<'de> for Side {
            type Value = Tally;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number of votes (`for: 7`), or a list of who voted (`for: [daniel-okonjo, …]`)")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                u32::try_from(v)
                    .map(Tally::Count)
                    .map_err(|_| E::custom("that is more votes than any meeting has"))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                u64::try_from(v)
                    .map_err(|_| E::custom("a number of votes cannot be negative"))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = seq.next_element::<String>()? {
                    names.push(name);
                }
                Ok(Tally::Named(names))
            }
        }
        d.deserialize_any(Side)
    }
}

/// Declares a struct of the fields every vote has (mover, seconder, the three sides, result, casting
/// vote) and those of its own: a motion's vote and each amendment's are the same shape.
macro_rules! ballot {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Deserialize, Serialize)]
        pub struct $name {
            $($(#[$fmeta])* pub $field: $ty,)*
            /// Who moved it: a person's id or a name.
            #[serde(default)]
            pub mover: Option<String>,
            #[serde(default)]
            pub seconder: Option<String>,
            #[serde(default, rename = "for")]
            pub in_favour: Option<Tally>,
            #[serde(default)]
            pub against: Option<Tally>,
            #[serde(default)]
            pub abstain: Option<Tally>,
            /// Else worked out from the counts.
            #[serde(default)]
            pub result: Option<VoteResult>,
            /// The chair's casting vote decided a tie.
            #[serde(default)]
            pub casting_vote: bool,
        }

        impl Ballot for $name {
            fn mover(&self) -> Option<&str> { self.mover.as_deref() }
            fn seconder(&self) -> Option<&str> { self.seconder.as_deref() }
            fn sides(&self) -> [(Side, Option<&Tally>); 3] {
                [
                    (Side::For, self.in_favour.as_ref()),
                    (Side::Against, self.against.as_ref()),
                    (Side::Abstain, self.abstain.as_ref()),
                ]
            }
            fn written_result(&self) -> Option<VoteResult> { self.result }
            fn casting_vote(&self) -> bool { self.casting_vote }
        }
    };
}

ballot! {
    /// The vote on a motion (the decision's), with the amendments moved to it.
    VoteMatter {
        #[serde(default)]
        amendments: Vec<AmendmentMatter>,
    }
}

ballot! {
    /// An amendment moved to a motion, with its own vote.
    AmendmentMatter {
        /// What the amendment proposed.
        amendment: String,
    }
}

/// A side of a vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    For,
    Against,
    Abstain,
}

impl Side {
    /// As Popolo's `option` says it ("yes", "no", "abstain").
    pub fn popolo(self) -> &'static str {
        match self {
            Side::For => "yes",
            Side::Against => "no",
            Side::Abstain => "abstain",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Side::For => "For",
            Side::Against => "Against",
            Side::Abstain => "Abstained",
        }
    }
}

/// What a motion's vote and an amendment's have in common.
pub trait Ballot {
    fn mover(&self) -> Option<&str>;
    fn seconder(&self) -> Option<&str>;
    fn sides(&self) -> [(Side, Option<&Tally>); 3];
    fn written_result(&self) -> Option<VoteResult>;
    fn casting_vote(&self) -> bool;

    /// A named (recorded) vote: every side given is a list of people, and one is given.
    fn named(&self) -> bool {
        let given: Vec<&Tally> = self.sides().iter().filter_map(|(_, t)| *t).collect();
        !given.is_empty() && given.iter().all(|t| matches!(t, Tally::Named(_)))
    }

    /// Votes on `side`, if it was counted.
    fn count(&self, side: Side) -> Option<usize> {
        self.sides()
            .iter()
            .find(|(s, _)| *s == side)
            .and_then(|(_, t)| t.map(Tally::count))
    }

    /// Every vote counted.
    fn total(&self) -> usize {
        self.sides().iter().filter_map(|(_, t)| t.map(Tally::count)).sum()
    }

    /// The result written, else the one the counts give (a tie without a result written is unknown).
    fn result(&self) -> Option<VoteResult> {
        if let Some(r) = self.written_result() {
            return Some(r);
        }
        let (yes, no) = (self.count(Side::For)?, self.count(Side::Against).unwrap_or(0));
        match yes.cmp(&no) {
            std::cmp::Ordering::Greater => Some(VoteResult::Carried),
            std::cmp::Ordering::Less => Some(VoteResult::Lost),
            std::cmp::Ordering::Equal => None,
        }
    }
}

/// Who made the decisions of a notice: a meeting of a board, an individual executive member, or an
/// officer under delegated powers. Exactly one of `board`, `person` and `officer`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct MakerMatter {
    /// A board (slug or title), at its meeting on the notice's `date`.
    #[serde(default)]
    pub board: Option<String>,
    /// An executive member (a person's id or a name).
    #[serde(default)]
    pub person: Option<String>,
    /// An officer (a person's id or a name), under delegated powers.
    #[serde(default)]
    pub officer: Option<String>,
    /// The maker's title as the decision was made ("Mayor", "Director of Transport").
    #[serde(default)]
    pub role: Option<String>,
    /// For an officer: the power delegated (the scheme of delegation's paragraph, a resolution).
    #[serde(default)]
    pub delegation: Option<String>,
}

/// A decision notice (`content/decisions/<name>.md`): one decision or several, published before the
/// minutes. Its body, if any, is published on each decision's page.
#[derive(Debug, Clone, Deserialize)]
pub struct NoticeMatter {
    #[serde(default)]
    pub kind: Option<String>,
    /// Free-form data for custom templates.
    #[serde(default)]
    pub extra: Option<serde_json::Value>,
    #[serde(default)]
    pub title: Option<String>,
    pub maker: MakerMatter,
    /// The day the decisions were made.
    pub date: Date,
    /// The day the notice is published: the call-in period runs from it. Before it, the notice is not.
    pub published: Date,
    pub decisions: Vec<DecisionMatter>,
}

/// The call-in rule of the site's constitution (`site.yaml` `call_in:`).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct CallInRule {
    /// Working days from the day a decision is published (not counting it).
    pub working_days: u32,
    /// The time on the last day by which a call-in must be made.
    #[serde(default = "five_pm")]
    pub time: Time,
    /// The boards whose decisions are executive decisions, open to call-in (slugs or titles).
    /// Decisions of an executive member are always open to it; officers' key decisions too.
    #[serde(default)]
    pub boards: Vec<String>,
}

fn five_pm() -> Time {
    Time(jiff::civil::time(17, 0, 0, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse<T: de::DeserializeOwned>(yaml: &str) -> (T, Vec<String>) {
        let (value, unknown) = crate::content::yaml::from_str::<T>(yaml).unwrap();
        (value, unknown.into_iter().map(|u| u.path.join(".")).collect())
    }

    #[test]
    fn a_decision_is_a_line_or_a_record_whose_unknown_keys_are_reported() {
        let (list, unknown): (Vec<DecisionMatter>, _) = parse(
            "- The Board noted the report.\n- decision: The Board agreed.\n  reasns: typo\n  key_decision: true\n",
        );
        assert_eq!(list[0].text(), "The Board noted the report.");
        assert!(list[0].record().is_none());
        let record = list[1].record().unwrap();
        assert_eq!(record.decision, "The Board agreed.");
        assert!(record.key_decision);
        assert_eq!(unknown.len(), 1, "{unknown:?}");
        assert!(unknown[0].ends_with("reasns"), "{unknown:?}");
    }

    #[test]
    fn votes_are_counts_or_names_and_give_their_result() {
        let (vote, _): (VoteMatter, _) = parse(
            "for: 7\nagainst: 3\nabstain: 1\namendments:\n  - amendment: Add a review.\n    for: [a, b]\n    against: [c, d]\n    casting_vote: true\n    result: carried\n",
        );
        assert_eq!(vote.result(), Some(VoteResult::Carried));
        assert_eq!(vote.total(), 11);
        assert!(!vote.named());
        let amendment = &vote.amendments[0];
        assert!(amendment.named());
        assert_eq!(amendment.count(Side::Against), Some(2));
        assert_eq!(amendment.result(), Some(VoteResult::Carried));
        let (tie, _): (VoteMatter, _) = parse("for: 4\nagainst: 4\n");
        assert_eq!(tie.result(), None, "a tie needs its result written");
        let (lost, _): (VoteMatter, _) = parse("for: 2\nagainst: 4\n");
        assert_eq!(lost.result(), Some(VoteResult::Lost));
        assert!(crate::content::yaml::from_str::<VoteMatter>("for: -2\n").is_err());
    }
}
