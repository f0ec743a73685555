//! Open data: JSON exports of boards, people, meetings (with agenda items and attendance), papers,
//! decisions and actions, each with a JSON Schema (2020-12), for people who reuse council data.
//!
//! The records follow Open Civic Data and Popolo where their fields fit (meetings are OCD events with
//! `start_date`, `status`, `location`, agenda items with `order`, `description` and `related_entities`;
//! the person files are Popolo persons, organizations, memberships and posts ([`popolo`]), with each
//! person's attendance per board; the votes of decision records are Popolo motions and vote events
//! ([`popolo_votes`])), and add what a board pack has besides. The decisions register is also a
//! spreadsheet (`data/decisions.csv`, [`decisions_csv`]). Someone with a person file
//! goes by its id everywhere (`person_id`); anyone else by an id made from their name as written. Everything
//! comes from the linked site, which no longer holds withheld documents; exempt minute items add
//! nothing but what the minutes page shows (their agenda line). Records are serde structs (fixed key
//! order) in sorted arrays, so the files are byte-identical for the same input.
//!
//! The schemas live in `schema/` at the top of the repository, are compiled into the binary and are
//! published beside the data at `data/schema/<name>.json`.

mod builders;
mod decisions;
mod decisions_csv;
mod ids;
mod popolo;
mod popolo_records;
mod popolo_votes;
mod records;
mod write;

use std::collections::HashMap;

use serde::Serialize;

use crate::outputs::registers;
use crate::render::context::LinkView;
use crate::render::{Extras, Output};
use crate::site::Site;

use builders::{actions, boards, meetings, papers, people};
use decisions::decisions;
use popolo::{DEFINITION, attendance, memberships, organizations, persons, posts};
use popolo_votes::{motions, vote_events};
use records::{FileEntry, Index, TableEntry};
use write::{
    Written, count_by_board, count_files, file_path, json, put, put_by_board, put_defined,
};

pub use crate::site::paths::DATA_INDEX as INDEX;
pub use ids::plain_text;

/// The open data exports and their page, as a site-wide output.
pub struct OpenData;

impl Output for OpenData {
    fn name(&self) -> &'static str {
        "open data"
    }

    fn make(&self, site: &Site, _added: &[&str], extras: &mut Extras) {
        outputs(site, extras);
    }
}
/// The page that describes the open data.
pub const PAGE: &str = "data/";
/// The version of the format; it changes when a field is removed or changes meaning.
pub const VERSION: &str = "2.2";

/// One export: its name (`data/<name>.json`), what it holds, and its JSON Schema.
struct Export {
    name: &'static str,
    description: &'static str,
    schema: &'static str,
}

/// The exports, in the order the index lists them; the index itself comes first.
const EXPORTS: &[Export] = &[
    Export {
        name: "index",
        description: "This list of the files, the date they were generated for and the licence.",
        schema: include_str!("../../../schema/index.json"),
    },
    Export {
        name: "boards",
        description: "Boards and committees (Popolo organizations) with their membership.",
        schema: include_str!("../../../schema/boards.json"),
    },
    Export {
        name: "people",
        description: "Members, substitutes, officers and others named in memberships and attendance (Popolo persons).",
        schema: include_str!("../../../schema/people.json"),
    },
    Export {
        name: "persons",
        description: "Everyone with a person file (Popolo persons): names, contact details, party, ward, position and register of interests.",
        schema: include_str!("../../../schema/persons.json"),
    },
    Export {
        name: "organizations",
        description: "Boards, the councils and bodies members represent, and parties (Popolo organizations).",
        schema: include_str!("../../../schema/organizations.json"),
    },
    Export {
        name: "memberships",
        description: "Places on boards (with their dates), seats on councils and party memberships (Popolo memberships).",
        schema: include_str!("../../../schema/memberships.json"),
    },
    Export {
        name: "posts",
        description: "Ward seats on councils (Popolo posts).",
        schema: include_str!("../../../schema/posts.json"),
    },
    Export {
        name: "attendance",
        description: "Each person's attendance at each board's meetings, counted from published minutes, with what the counts mean.",
        schema: include_str!("../../../schema/attendance.json"),
    },
    Export {
        name: "motions",
        description: "The motions that decision records were voted on, and the amendments moved to them (Popolo motions).",
        schema: include_str!("../../../schema/motions.json"),
    },
    Export {
        name: "vote_events",
        description: "The vote on each motion, with its counts and, for a named vote, how each member voted (Popolo vote events).",
        schema: include_str!("../../../schema/vote_events.json"),
    },
    Export {
        name: "meetings",
        description: "Meetings (Open Civic Data events) with their agenda items, documents and attendance, one file per board.",
        schema: include_str!("../../../schema/meetings.json"),
    },
    Export {
        name: "papers",
        description: "Published reports, one file per board: metadata and links (not their text), with their appendices.",
        schema: include_str!("../../../schema/papers.json"),
    },
    Export {
        name: "decisions",
        description: "Every decision recorded in published minutes, and every published decision record (with its status, maker, reasons and call-in deadline), one file per board, and one each for executive members' and officers' decisions.",
        schema: include_str!("../../../schema/decisions.json"),
    },
    Export {
        name: "actions",
        description: "Every action recorded in published minutes, with its status after later updates, one file per board.",
        schema: include_str!("../../../schema/actions.json"),
    },
];

/// The JSON Schema of each export, by name, as published (`data/schema/<name>.json`).
pub fn schemas() -> impl Iterator<Item = (&'static str, &'static str)> {
    EXPORTS.iter().map(|e| (e.name, e.schema))
}

/// An export on the data page: a whole file, or (`by_board`) files per board.
#[derive(Debug, Serialize)]
struct ExportView {
    name: &'static str,
    /// Of a whole file.
    url: Option<String>,
    schema_url: String,
    description: &'static str,
    records: usize,
    files: usize,
    by_board: bool,
}

/// A board's files on the data page.
#[derive(Debug, Serialize)]
struct BoardFilesView {
    title: String,
    /// Meetings, papers, decisions, actions: each the board's files of it (one, or one per year).
    exports: Vec<Vec<PartView>>,
}

#[derive(Debug, Serialize)]
struct PartView {
    /// Null for a board's one file of the export; else the year.
    year: Option<i16>,
    url: String,
    records: usize,
}

/// `data` (data.html).
#[derive(Debug, Serialize)]
struct DataView {
    version: &'static str,
    index_url: String,
    exports: Vec<ExportView>,
    /// The exports split by board, in the order of each board's `exports`.
    by_board: Vec<&'static str>,
    boards: Vec<BoardFilesView>,
    licence: Option<crate::content::model::Licence>,
    /// The site's own open data pages (decisions register, action tracker).
    related: Vec<LinkView>,
}

/// The exports published one file per board.
const BY_BOARD: [&str; 4] = ["meetings", "papers", "decisions", "actions"];

pub fn outputs(site: &Site, extras: &mut Extras) {
    let registers = registers::collect(site);
    let today = site.today.iso();
    // One export at a time: its records are made, written and dropped before the next one's are made
    // (at 10,000 papers the files are 40 MB together). `check` keeps no files: only the data page is
    // made (its template is what there is to check), from the records' counts (a test holds `check`
    // to `build`'s counts).
    let written: Vec<Written> = if extras.files_wanted {
        let mut w = vec![
            put(extras, "boards", &today, boards(site)),
            put(extras, "people", &today, people(site)),
            put(extras, "persons", &today, persons(site)),
            put(extras, "organizations", &today, organizations(site)),
            put(extras, "memberships", &today, memberships(site)),
            put(extras, "posts", &today, posts(site)),
            put_defined(
                extras,
                "attendance",
                &today,
                Some(DEFINITION),
                attendance(site),
            ),
            put(extras, "motions", &today, motions(site)),
            put(extras, "vote_events", &today, vote_events(site)),
        ];
        w.extend(put_by_board(
            extras,
            "meetings",
            &today,
            meetings(site, &registers),
        ));
        w.extend(put_by_board(extras, "papers", &today, papers(site)));
        w.extend(put_by_board(
            extras,
            "decisions",
            &today,
            decisions(site, &registers),
        ));
        w.extend(put_by_board(
            extras,
            "actions",
            &today,
            actions(site, &registers),
        ));
        w
    } else {
        let whole = |name, records| Written {
            name,
            board: None,
            year: None,
            path: file_path(name),
            records,
            size: 0,
        };
        let mut w = vec![
            whole("boards", site.boards.len()),
            whole("people", people(site).len()),
            whole("persons", site.people.len()),
            whole("organizations", organizations(site).len()),
            whole("memberships", memberships(site).len()),
            whole("posts", posts(site).len()),
            whole("attendance", attendance(site).len()),
            whole("motions", popolo_votes::count(site)),
            whole("vote_events", popolo_votes::count(site)),
        ];
        w.extend(count_by_board(site, "meetings", 0..site.meetings.len()));
        w.extend(count_by_board(
            site,
            "papers",
            site.papers.iter().map(|p| p.meeting),
        ));
        w.extend(count_files(
            "decisions",
            decisions::counts(site, &registers),
        ));
        w.extend(count_by_board(
            site,
            "actions",
            registers.actions.iter().map(|a| a.meeting),
        ));
        w
    };
    // The spreadsheet: made from the same rows as the decisions files, written only by `build`.
    let table = extras.files_wanted.then(|| {
        let (bytes, rows) = decisions_csv::decisions_csv(site, &registers);
        let size = bytes.len() as u64;
        extras.file(decisions_csv::PATH, bytes);
        TableEntry {
            name: "decisions",
            url: site.permalink(decisions_csv::PATH),
            media_type: "text/csv",
            description: "The decisions register as a spreadsheet: one row per decision, newest first, with its status and the address of its page (or minute).",
            columns: &decisions_csv::COLUMNS,
            records: rows,
            size,
        }
    });
    let schema_path = |name: &str| format!("data/schema/{name}.json");
    let description = |name: &str| {
        EXPORTS
            .iter()
            .find(|e| e.name == name)
            .map_or("", |e| e.description)
    };
    let files: Vec<FileEntry> = written
        .iter()
        .map(|w| {
            // Individuals' decisions are filed by who made them, not by a board.
            let maker = match w.board.as_deref() {
                Some(decisions::MEMBERS) if w.name == "decisions" => Some("member"),
                Some(decisions::OFFICERS) if w.name == "decisions" => Some("officer"),
                _ => None,
            };
            (w, maker)
        })
        .map(|(w, maker)| FileEntry {
            name: w.name,
            board: w.board.clone().filter(|_| maker.is_none()),
            maker,
            year: w.year,
            url: site.permalink(&w.path),
            schema: site.permalink(&schema_path(w.name)),
            description: description(w.name),
            records: w.records,
            size: w.size,
        })
        .collect();
    let index = Index {
        version: VERSION,
        generated_for: today.clone(),
        title: &site.config.title,
        url: &site.base_url,
        publisher: site.config.organisation.name.as_deref(),
        licence: site.config.licence.as_ref(),
        documentation: site.permalink(PAGE),
        files,
        tables: table.into_iter().collect(),
    };
    if extras.files_wanted {
        extras.file(INDEX, json(&index));
        for export in EXPORTS {
            extras.file(schema_path(export.name), export.schema.as_bytes().to_vec());
        }
    }

    let exports: Vec<ExportView> = EXPORTS
        .iter()
        .map(|e| {
            let mine: Vec<&Written> = written.iter().filter(|w| w.name == e.name).collect();
            let by_board = BY_BOARD.contains(&e.name);
            ExportView {
                name: e.name,
                url: (!by_board).then(|| {
                    site.href(&if e.name == "index" {
                        INDEX.to_string()
                    } else {
                        file_path(e.name)
                    })
                }),
                schema_url: site.href(&schema_path(e.name)),
                description: e.description,
                records: if e.name == "index" {
                    written.len()
                } else {
                    mine.iter().map(|w| w.records).sum()
                },
                files: if by_board { mine.len() } else { 1 },
                by_board,
            }
        })
        .collect();
    // Each board's files, by export: looked up, not searched for (thousands of files at 100,000 papers).
    let mut parts: HashMap<(&str, &str), Vec<PartView>> = HashMap::new();
    for w in &written {
        if let Some(board) = &w.board {
            parts.entry((w.name, board)).or_default().push(PartView {
                year: w.year,
                url: site.href(&w.path),
                records: w.records,
            });
        }
    }
    /// The files of each by-board export of `key` (a board's id, or another file's name).
    fn files_of<'w>(
        parts: &mut HashMap<(&'w str, &'w str), Vec<PartView>>,
        key: &'w str,
    ) -> Vec<Vec<PartView>> {
        BY_BOARD
            .iter()
            .map(|&name| parts.remove(&(name, key)).unwrap_or_default())
            .collect()
    }
    let mut boards: Vec<BoardFilesView> = site
        .boards
        .iter()
        .map(|board| BoardFilesView {
            title: board.doc.matter.title.clone(),
            exports: files_of(&mut parts, &board.slug),
        })
        .collect();
    // Individuals' decisions have files of their own, listed after the boards' when there are any.
    for (key, title) in [
        (decisions::MEMBERS, "Executive members"),
        (decisions::OFFICERS, "Officers (delegated decisions)"),
    ] {
        let exports = files_of(&mut parts, key);
        if exports.iter().any(|parts| !parts.is_empty()) {
            boards.push(BoardFilesView {
                title: title.to_string(),
                exports,
            });
        }
    }
    let view = DataView {
        version: VERSION,
        index_url: site.href(INDEX),
        exports,
        by_board: BY_BOARD.to_vec(),
        boards,
        licence: site.config.licence.clone(),
        related: [
            Some(LinkView {
                title: "Decisions register".into(),
                url: site.href(registers::DECISIONS),
            }),
            Some(LinkView {
                title: "Decisions register as a spreadsheet (CSV)".into(),
                url: site.href(decisions_csv::PATH),
            }),
            crate::outputs::decision_feed::path(site).map(|feed| LinkView {
                title: "New decisions and their status (Atom feed)".into(),
                url: site.href(&feed),
            }),
            Some(LinkView {
                title: "Action tracker".into(),
                url: site.href(registers::ACTIONS),
            }),
        ]
        .into_iter()
        .flatten()
        .collect(),
    };
    let p = crate::render::page(site, "data", "Open data", PAGE, vec![], None);
    extras.page(
        PAGE,
        "data.html",
        p,
        vec![("data", tera::Value::from_serializable(&view))],
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_is_a_2020_12_json_schema() {
        for (name, text) in schemas() {
            let schema: serde_json::Value =
                serde_json::from_str(text).unwrap_or_else(|e| panic!("schema/{name}.json: {e}"));
            assert_eq!(
                schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
                "{name}"
            );
            assert!(
                schema["description"]
                    .as_str()
                    .is_some_and(|d| !d.is_empty()),
                "{name} describes itself"
            );
        }
    }
}
