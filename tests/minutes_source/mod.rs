//! What the minutes of a test site say, read straight from their front matter with serde_yaml: the
//! expected content of the decisions register, the action tracker and the open data, worked out
//! independently of boardpack's code.

#![allow(dead_code)] // Each test binary uses a different subset.

use std::path::{Path, PathBuf};

use crate::common::AS_OF;

/// A minute item's decisions and actions, as written.
#[derive(Debug, Clone)]
pub struct SourceItem {
    pub board: String,
    pub date: String,
    pub item: String,
    pub decisions: Vec<String>,
    pub actions: Vec<SourceAction>,
}

/// An action as written.
#[derive(Debug, Clone)]
pub struct SourceAction {
    pub id: Option<String>,
    pub action: String,
    pub due: Option<String>,
    pub status: Option<String>,
}

/// The front matter of a file, parsed as YAML.
pub fn front_matter(path: &Path) -> serde_yaml::Value {
    let text = std::fs::read_to_string(path).unwrap();
    let rest = text.strip_prefix("---\n").expect("front matter");
    let end = rest.find("\n---").expect("closing fence");
    serde_yaml::from_str(&rest[..end]).unwrap()
}

pub fn str_of(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

pub fn minutes_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            minutes_files(&p, out);
        } else if p.file_name().is_some_and(|n| n == "minutes.md") {
            out.push(p);
        }
    }
}

/// The minute items of published minutes (approved, or unconfirmed and past their
/// `published:` day) whose meeting is not under embargo on the test date: an exempt item with only
/// its public decisions, and no actions.
pub fn published_items(root: &Path) -> Vec<SourceItem> {
    let mut files = Vec::new();
    minutes_files(&root.join("content"), &mut files);
    let mut out = Vec::new();
    for file in files {
        let fm = front_matter(&file);
        let status = fm["status"].as_str();
        if !matches!(status, Some("approved" | "unconfirmed"))
            || fm["published"].as_str().is_some_and(|d| d > AS_OF)
        {
            continue;
        }
        let meeting = front_matter(&file.with_file_name("meeting.md"));
        if meeting["publish_from"].as_str().is_some_and(|d| d > AS_OF) {
            continue;
        }
        let board = str_of(&fm["meeting"]).unwrap();
        let date = str_of(&fm["date"]).unwrap();
        for item in fm["items"].as_sequence().into_iter().flatten() {
            let exempt = !item["exempt"].is_null();
            // Of an exempt item only its public decisions are published.
            let decisions = item[if exempt { "public_decisions" } else { "decisions" }]
                .as_sequence()
                .into_iter()
                .flatten()
                // A line, or a record's `decision:`.
                .filter_map(|d| str_of(d).or_else(|| str_of(&d["decision"])))
                .collect();
            let actions = item["actions"]
                .as_sequence()
                .filter(|_| !exempt)
                .into_iter()
                .flatten()
                .map(|a| SourceAction {
                    id: str_of(&a["id"]),
                    action: str_of(&a["action"]).unwrap(),
                    due: str_of(&a["due"]),
                    status: str_of(&a["status"]),
                })
                .collect();
            let number = str_of(&item["item"]).unwrap();
            out.push(SourceItem {
                board: board.clone(),
                date: date.clone(),
                item: number,
                decisions,
                actions,
            });
        }
    }
    out
}
