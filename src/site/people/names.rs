//! Finding the person a board file or minutes mean by a name.
//!
//! Clerks write names as they come: "Cllr Daniel Okonjo", "Daniel Okonjo", "Councillor Okonjo".
//! A name is compared without its honorifics, case, punctuation or extra spaces, against each
//! person's name and `other_names`; one match resolves it. A single word that is exactly one
//! person's surname resolves too, but says so, since the next member of that name would make it
//! ambiguous. Everything else is a diagnostic with the nearest names.

use std::collections::HashMap;

use crate::content::model::did_you_mean;
use crate::site::PersonId;

/// Words before a name that say what someone is, not who.
pub const HONORIFICS: &[&str] = &[
    "cllr",
    "councillor",
    "mayor",
    "deputy",
    "the",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "revd",
    "reverend",
    "canon",
    "inspector",
    "chief",
    "superintendent",
    "sergeant",
    "alderman",
    "baroness",
    "baron",
];

/// A name as compared: lower case, letters and digits only, honorifics taken off the front.
pub fn normalise(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '\'')
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let first = words
        .iter()
        .position(|w| !HONORIFICS.contains(&w.as_str()))
        // A name that is only honorifics ("The Mayor") is kept whole.
        .unwrap_or(0);
    words[first..].join(" ")
}

/// Whether `written` reads as a person's id (`sarah-pennington`), not a name.
pub fn looks_like_id(written: &str) -> bool {
    let s = written.trim();
    s.contains('-')
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// What a written name or id came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Exactly one person.
    One(PersonId),
    /// One person, by their surname alone.
    BySurname(PersonId),
    /// Nobody ([`Directory::suggest`] finds the nearest known name, when one is reported).
    Unknown,
    /// More than one person has this name.
    Ambiguous(Vec<PersonId>),
}

/// Every person's id and names, for finding them.
#[derive(Debug, Default)]
pub struct Directory {
    ids: HashMap<String, PersonId>,
    names: HashMap<String, Vec<PersonId>>,
    surnames: HashMap<String, Vec<PersonId>>,
    /// Each known name as written, normalised to its display: for "did you mean".
    shown: Vec<(String, String)>,
}

impl Directory {
    /// A directory of people given as (id, name, other names, full name to suggest).
    pub fn new<'a>(
        people: impl IntoIterator<Item = (&'a str, &'a str, &'a [String], String)>,
    ) -> Self {
        let mut dir = Directory::default();
        for (at, (id, name, others, full)) in people.into_iter().enumerate() {
            dir.ids.insert(id.to_string(), at);
            let mut keys: Vec<String> = std::iter::once(name)
                .chain(others.iter().map(String::as_str))
                .map(normalise)
                .filter(|k| !k.is_empty())
                .collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                if let Some(surname) = key.rsplit(' ').next().filter(|_| key.contains(' ')) {
                    let at_surname = dir.surnames.entry(surname.to_string()).or_default();
                    if !at_surname.contains(&at) {
                        at_surname.push(at);
                    }
                }
                dir.shown.push((key.clone(), full.clone()));
                dir.names.entry(key).or_default().push(at);
            }
        }
        dir
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The person with this id.
    pub fn by_id(&self, id: &str) -> Found {
        match self.ids.get(id.trim()) {
            Some(&at) => Found::One(at),
            None => Found::Unknown,
        }
    }

    /// The person a written name means.
    pub fn by_name(&self, name: &str) -> Found {
        let key = normalise(name);
        if let Some(found) = self.names.get(&key) {
            return match found.as_slice() {
                [one] => Found::One(*one),
                many => Found::Ambiguous(many.to_vec()),
            };
        }
        if !key.contains(' ')
            && let Some(found) = self.surnames.get(&key)
        {
            return match found.as_slice() {
                [one] => Found::BySurname(*one),
                many => Found::Ambiguous(many.to_vec()),
            };
        }
        Found::Unknown
    }

    /// The nearest known id to `id`, or name to `name` (as the person's full name), if one is
    /// near enough to be a likely typo. Asked only of what is reported: it compares with everyone.
    pub fn suggest(&self, id: Option<&str>, name: &str) -> Option<String> {
        match id {
            Some(id) => {
                did_you_mean(id.trim(), self.ids.keys().map(String::as_str)).map(str::to_string)
            }
            None => {
                let key = normalise(name);
                did_you_mean(&key, self.shown.iter().map(|(k, _)| k.as_str()))
                    .and_then(|k| self.shown.iter().find(|(known, _)| known == k))
                    .map(|(_, full)| full.clone())
            }
        }
    }

    /// A person given by id (`person:`) if there is one, else by the name written.
    pub fn find(&self, id: Option<&str>, name: &str) -> Found {
        match id {
            Some(id) => self.by_id(id),
            None => self.by_name(name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directory() -> Directory {
        let none: &[String] = &[];
        let stannard = ["Dick Stannard".to_string(), "R Stannard".to_string()];
        Directory::new([
            (
                "daniel-okonjo",
                "Daniel Okonjo",
                none,
                "Cllr Daniel Okonjo".to_string(),
            ),
            (
                "richard-stannard",
                "Richard Stannard",
                &stannard[..],
                "Cllr Richard Stannard".to_string(),
            ),
            ("amy-holt", "Amy Holt", none, "Cllr Amy Holt".to_string()),
            ("ben-holt", "Ben Holt", none, "Ben Holt".to_string()),
        ])
    }

    #[test]
    fn names_are_compared_without_honorifics_case_or_punctuation() {
        assert_eq!(normalise("Cllr. Daniel  OKONJO"), "daniel okonjo");
        assert_eq!(normalise("Councillor Dr Amy Holt"), "amy holt");
        assert_eq!(normalise("The Mayor"), "the mayor");
        assert_eq!(normalise("Mr J. O'Neill-Hart"), "j o'neill-hart");
    }

    #[test]
    fn a_name_or_another_spelling_or_a_unique_surname_finds_one_person() {
        let dir = directory();
        assert_eq!(dir.by_name("Cllr Daniel Okonjo"), Found::One(0));
        assert_eq!(dir.by_name("daniel okonjo"), Found::One(0));
        assert_eq!(dir.by_name("Cllr R. Stannard"), Found::One(1));
        assert_eq!(dir.by_name("Councillor Stannard"), Found::BySurname(1));
        assert_eq!(dir.by_name("Cllr Holt"), Found::Ambiguous(vec![2, 3]));
        assert_eq!(dir.by_id("amy-holt"), Found::One(2));
    }

    #[test]
    fn an_unknown_name_or_id_suggests_the_nearest() {
        let dir = directory();
        assert_eq!(dir.by_name("Cllr Daniel Okonja"), Found::Unknown);
        assert_eq!(
            dir.suggest(None, "Cllr Daniel Okonja").as_deref(),
            Some("Cllr Daniel Okonjo")
        );
        assert_eq!(dir.by_name("Zebedee Quux"), Found::Unknown);
        assert_eq!(dir.suggest(None, "Zebedee Quux"), None);
        assert_eq!(dir.by_id("daniel-okonj"), Found::Unknown);
        assert_eq!(
            dir.suggest(Some("daniel-okonj"), "").as_deref(),
            Some("daniel-okonjo")
        );
        assert_eq!(dir.find(Some("ben-holt"), "anything"), Found::One(3));
    }
}
