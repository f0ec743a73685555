//! The checks of action ids across minutes: an update naming no action, or one recorded later; an id
//! given twice. They read the registers as [`crate::site::registers::collect`] links them.

use std::ops::Range;

use crate::content::load::Document;
use crate::content::model::MinutesMatter;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::Site;
use crate::site::registers::{Problem, collect};

/// Reports updates that name no action, and ids given to two actions.
pub fn check(site: &Site, diagnostics: &mut Diagnostics) {
    let registers = collect(site);
    let known: Vec<&str> = registers
        .actions
        .iter()
        .filter(|a| a.explicit_id)
        .map(|a| a.id.as_str())
        .collect();
    for problem in &registers.problems {
        let d = match *problem {
            Problem::UnknownId {
                minutes,
                update,
                nth,
            } => {
                let doc = &site.minutes[minutes].doc;
                let id = update.id.trim();
                let lower: Vec<String> = known.iter().map(|k| k.to_lowercase()).collect();
                let suggestion =
                    crate::content::model::did_you_mean(id, lower.iter().map(String::as_str))
                        .and_then(|s| known.iter().find(|k| k.to_lowercase() == s));
                let help = match suggestion {
                    Some(s) => format!("did you mean `{s}`? An update names an action by the `id:` it was given in earlier minutes"),
                    None => "give the action an `id:` in the minutes that record it and use the same id here; actions of minutes not yet approved cannot be updated yet".to_string(),
                };
                locate(
                    doc,
                    Some("action_updates"),
                    id,
                    nth,
                    Diagnostic::warning(
                        "BP038",
                        &doc.path,
                        format!("no action in the published minutes has the id `{id}`"),
                    ),
                )
                .label("no action with this id")
                .help(help)
            }
            Problem::Early {
                minutes,
                update,
                nth,
                recorded,
            } => {
                let doc = &site.minutes[minutes].doc;
                let id = update.id.trim();
                let message = format!(
                    "the action `{id}` was recorded on {}, after the meeting of these minutes",
                    site.meetings[recorded].date
                );
                locate(doc, Some("action_updates"), id, nth, Diagnostic::warning("BP038", &doc.path, message))
                    .label("updates an action recorded later")
                    .help("record updates in the minutes of a meeting after the one that recorded the action; check the id")
            }
            Problem::DuplicateId {
                minutes,
                id,
                nth,
                first,
            } => {
                let doc = &site.minutes[minutes].doc;
                let place = if first == minutes {
                    "earlier in these minutes".to_string()
                } else {
                    format!("in {}", site.minutes[first].doc.path.display())
                };
                let message = format!("the action id `{id}` is already given to an action {place}");
                locate(doc, Some("items"), id, nth, Diagnostic::warning("BP039", &doc.path, message))
                    .label("id already taken")
                    .help("give each action its own id, e.g. the board's initials, the meeting date and a number: `TB-2026-06-3`")
            }
        };
        diagnostics.push(d);
    }
}

/// Points `diagnostic` at the `nth` (from 0) `id: <id>` line after the top-level `section:` key of the
/// front matter, or at the first `id:` holding it, or at the file.
fn locate(
    doc: &Document<MinutesMatter>,
    section: Option<&str>,
    id: &str,
    nth: usize,
    diagnostic: Diagnostic,
) -> Diagnostic {
    match id_value_ranges(doc, section, id).into_iter().nth(nth) {
        Some(range) => diagnostic.at(&doc.text, range),
        None => doc.at_value(diagnostic, "id", id),
    }
}

/// The byte ranges of the values of block-style `id:` keys equal to `id` (quoted or not), after the
/// top-level key `section`.
fn id_value_ranges<T>(doc: &Document<T>, section: Option<&str>, id: &str) -> Vec<Range<usize>> {
    let front = &doc.text[..doc.body_offset];
    let start = section
        .and_then(|s| doc.key_range(s))
        .map_or(0, |r| r.start);
    let mut offset = start;
    let mut out = Vec::new();
    for line in front[start..].split_inclusive('\n') {
        let content = line.trim_end();
        let rest = content.trim_start().trim_start_matches("- ").trim_start();
        if let Some(value) = rest.strip_prefix("id:") {
            let value_start =
                offset + (content.len() - value.len()) + (value.len() - value.trim_start().len());
            let value = value.trim();
            let unquoted = value.trim_matches(|c| c == '"' || c == '\'');
            if unquoted.trim() == id && !value.is_empty() {
                out.push(value_start..value_start + value.len());
            }
        }
        offset += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(front: &str) -> Document<()> {
        let text = format!("---\n{front}---\nBody\n");
        let body_offset = text.find("---\nBody").map_or(0, |i| i + 4);
        Document::new("content/m.md".into(), text, body_offset, ())
    }

    #[test]
    fn id_values_are_found_after_their_section_quoted_or_not() {
        let d = doc(
            "items:\n  - item: 1\n    actions:\n      - action: A\n        id: TB-1\naction_updates:\n  - id: TB-1\n    status: done\n  - id: \"TB-1\"\n",
        );
        let all = id_value_ranges(&d, None, "TB-1");
        assert_eq!(all.len(), 3);
        let updates = id_value_ranges(&d, Some("action_updates"), "TB-1");
        assert_eq!(updates.len(), 2);
        assert_eq!(&d.text[updates[0].clone()], "TB-1");
        assert_eq!(&d.text[updates[1].clone()], "\"TB-1\"");
        assert!(updates[0].start > d.text.find("action_updates").unwrap());
        assert!(
            id_value_ranges(&d, None, "TB").is_empty(),
            "whole values only"
        );
    }
}
