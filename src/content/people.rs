//! The front matter of people: a person's own file (`content/people/<id>.md`), and how board
//! memberships, attendance lists and declarations of interest name them.
//!
//! Field names follow the Popolo specification where it has one (`honorific_prefix` is written
//! `honorific`, as clerks do; `other_names`, `start_date`, `end_date`, `person`), so open data can
//! publish them as Popolo persons and memberships without a second vocabulary.

use serde::{Deserialize, Deserializer, Serialize};

use crate::content::model::{Date, ItemNo};

/// What a person is to the authority: members sit on boards and attend; officers advise and are
/// contacts; others are guests (a police inspector, a co-opted adviser without a seat).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PersonType {
    #[default]
    Member,
    Officer,
    Other,
}

impl PersonType {
    pub fn label(self) -> &'static str {
        match self {
            PersonType::Member => "member",
            PersonType::Officer => "officer",
            PersonType::Other => "other",
        }
    }
}

/// A photograph of a person, with its text alternative.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Photo {
    /// Relative to the person's file.
    pub file: String,
    pub alt: String,
}

/// The categories of the register of members' interests: the seven kinds of disclosable pecuniary
/// interest (SI 2012/1464, Schedule) and the other registrable interests of a code of conduct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InterestCategory {
    Employment,
    Sponsorship,
    Contracts,
    Land,
    Licences,
    CorporateTenancies,
    Securities,
    Other,
}

impl InterestCategory {
    pub const ALL: [InterestCategory; 8] = [
        InterestCategory::Employment,
        InterestCategory::Sponsorship,
        InterestCategory::Contracts,
        InterestCategory::Land,
        InterestCategory::Licences,
        InterestCategory::CorporateTenancies,
        InterestCategory::Securities,
        InterestCategory::Other,
    ];

    /// As the register's headings say it.
    pub fn label(self) -> &'static str {
        match self {
            InterestCategory::Employment => "Employment, office, trade, profession or vocation",
            InterestCategory::Sponsorship => "Sponsorship",
            InterestCategory::Contracts => "Contracts",
            InterestCategory::Land => "Land",
            InterestCategory::Licences => "Licences",
            InterestCategory::CorporateTenancies => "Corporate tenancies",
            InterestCategory::Securities => "Securities",
            InterestCategory::Other => "Other registrable interests",
        }
    }

    /// The seven disclosable pecuniary interests; `Other` is not one.
    pub fn is_pecuniary(self) -> bool {
        self != InterestCategory::Other
    }
}

/// One entry of the register of interests.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct InterestEntry {
    pub category: InterestCategory,
    pub interest: String,
    #[serde(default)]
    pub registered: Option<Date>,
}

/// A member's register of interests (Localism Act 2011 s.29).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Interests {
    /// When the register entry was last updated.
    pub updated: Date,
    /// A link to the signed register document.
    #[serde(default)]
    pub document: Option<String>,
    #[serde(default)]
    pub entries: Vec<InterestEntry>,
}

/// `content/people/<id>.md`.
#[derive(Debug, Clone, Deserialize)]
pub struct PersonMatter {
    #[serde(default)]
    pub kind: Option<String>,
    /// Free-form data for custom templates.
    #[serde(default)]
    pub extra: Option<serde_json::Value>,
    pub name: String,
    #[serde(default)]
    pub honorific: Option<String>,
    /// Other spellings of the name used in board files and minutes.
    #[serde(default)]
    pub other_names: Vec<String>,
    #[serde(default, rename = "type")]
    pub person_type: PersonType,
    /// The council or body a member represents.
    #[serde(default)]
    pub represents: Option<String>,
    /// Ward or division.
    #[serde(default)]
    pub ward: Option<String>,
    /// Political party or group.
    #[serde(default)]
    pub party: Option<String>,
    /// An officer's job title, or a member's portfolio.
    #[serde(default)]
    pub position: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub photo: Option<Photo>,
    /// Term of office (a member) or of employment (an officer).
    #[serde(default)]
    pub start_date: Option<Date>,
    #[serde(default)]
    pub end_date: Option<Date>,
    #[serde(default)]
    pub interests: Option<Interests>,
}

impl PersonMatter {
    /// The name with its honorific: "Cllr Daniel Okonjo".
    pub fn full_name(&self) -> String {
        match &self.honorific {
            Some(h) if !h.trim().is_empty() => format!("{} {}", h.trim(), self.name),
            _ => self.name.clone(),
        }
    }
}

/// A person in an attendance list: a plain name, or a mapping naming them (`name`, or a person's
/// id as `person`) with their role, authority and, for a substitute, whom they replace.
#[derive(Debug, Clone, Serialize)]
pub struct Attendee {
    /// As written; empty when only `person` is given.
    pub name: String,
    /// A person's id.
    pub person: Option<String>,
    pub role: Option<String>,
    pub authority: Option<String>,
    /// For substitutes: whom they replace (a name or a person's id).
    pub substituting: Option<String>,
}

impl<'de> Deserialize<'de> for Attendee {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Full {
            #[serde(default)]
            name: Option<String>,
            #[serde(default)]
            person: Option<String>,
            #[serde(default)]
            role: Option<String>,
            #[serde(default)]
            authority: Option<String>,
            #[serde(default)]
            substituting: Option<String>,
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            Name(String),
            Full(Full),
        }
        const EXPECTED: &str = "expected a name, or a mapping with `name` or `person` (a person's id) and optionally `role`, `authority`, `substituting`";
        match Either::deserialize(d).map_err(|_| serde::de::Error::custom(EXPECTED))? {
            Either::Name(name) => Ok(Attendee {
                name,
                person: None,
                role: None,
                authority: None,
                substituting: None,
            }),
            Either::Full(f) => {
                if f.name.is_none() && f.person.is_none() {
                    return Err(serde::de::Error::custom(EXPECTED));
                }
                Ok(Attendee {
                    name: f.name.unwrap_or_default(),
                    person: f.person,
                    role: f.role,
                    authority: f.authority,
                    substituting: f.substituting,
                })
            }
        }
    }
}

/// The kind of interest declared at a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeclarationType {
    /// A disclosable pecuniary interest (Localism Act 2011 s.30).
    Pecuniary,
    OtherRegistrable,
    NonRegistrable,
}

impl DeclarationType {
    pub fn label(self) -> &'static str {
        match self {
            DeclarationType::Pecuniary => "Disclosable pecuniary interest",
            DeclarationType::OtherRegistrable => "Other registrable interest",
            DeclarationType::NonRegistrable => "Non-registrable interest",
        }
    }
}

/// What the declarer did about the item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeclarationAction {
    LeftTheRoom,
    DidNotVote,
    /// Took part under a dispensation (Localism Act 2011 s.33).
    Dispensation,
    TookPart,
}

impl DeclarationAction {
    pub fn label(self) -> &'static str {
        match self {
            DeclarationAction::LeftTheRoom => "Left the room for the item",
            DeclarationAction::DidNotVote => "Did not vote",
            DeclarationAction::Dispensation => "Took part under a dispensation",
            DeclarationAction::TookPart => "Took part",
        }
    }
}

/// A declaration of interest at a meeting.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Declaration {
    /// The declarer as written; empty when only `person` is given.
    #[serde(default)]
    pub member: String,
    /// The declarer's person id.
    #[serde(default)]
    pub person: Option<String>,
    #[serde(default)]
    pub item: Option<ItemNo>,
    pub interest: String,
    #[serde(default, rename = "type")]
    pub declaration_type: Option<DeclarationType>,
    #[serde(default)]
    pub action: Option<DeclarationAction>,
    /// The dispensation's terms, when the declarer took part under one.
    #[serde(default)]
    pub dispensation: Option<String>,
}
