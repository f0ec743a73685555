//! `boardpack new`: a working skeleton site, and new papers and people with every key ready to fill
//! in; [`people`] also makes person files from the names a site already uses.
//!
//! None overwrites anything: a clerk running a command twice must not lose a draft.

pub mod people;

use std::path::{Path, PathBuf};

use crate::content::markdown::slugify;
use crate::content::model::{Date, ItemNo};
use crate::diagnostics::Diagnostic;

const SITE_YAML: &str = "title: Committee papers
base_url: https://papers.example.gov.uk/
language: en-GB
timezone: Europe/London
theme: default
description: Agendas, reports and minutes of our boards and committees.
organisation:
  name: Example Council
  address: |
    Town Hall
    High Street
  email: democratic.services@example.gov.uk
  phone: 01632 960 000
";

const BOARD: &str = "---
title: Example Board
contact:
  name: A. Clerk
  email: democratic.services@example.gov.uk
  phone: 01632 960 000
membership:
  - group: Members
    members:
      - name: Cllr A. Member
        role: Chair
        authority: Example Council
---

Describe what the board does and what it decides here.
";

const MEETING: &str = "---
meeting: example-board
date: {date}
start_time: \"14:00\"
venue:
  room: Council Chamber
  address: |
    Town Hall
    High Street
status: scheduled
agenda:
  - item: 1
    title: Welcome, apologies and declarations of interest
  - item: 2
    title: First report
    paper: 02-first-report.md
---

How to attend, watch online or ask a question.
";

/// The new site's one paper: a whole example, published as it stands, so the skeleton checks clean
/// with `--deny-warnings` and publishes no placeholder text (`new paper` gives the template).
const FIRST_REPORT: &str = "---
title: Library opening hours
meeting: example-board
date: {date}
item: 2
purpose: For decision
summary: >
  The board is asked to agree longer opening hours at the Central Library on weekday evenings, paid for
  from the existing library budget.
recommendations:
  - Agree that the Central Library opens until 8pm on weekdays from the start of next quarter.
  - Ask officers to report on the use of the evening hours after six months.
action: The Head of Libraries to arrange the new hours.
contact:
  name: A. Officer
  position: Head of Libraries
  phone: 01632 960 010
  email: libraries@example.gov.uk
decision_maker: Example Board
key_decision: false
wards: [All wards]
background_papers: []
---

## Background

1. The Central Library closes at 6pm on weekdays. Residents asked for later opening in the library
   survey, most often so that they can visit after work.

2. Opening until 8pm would:

   1. add ten hours a week at the Central Library;
   2. need no new staff posts, by changing the pattern of existing shifts.

## Financial implications

3. The cost of heating and lighting for the extra hours is met from the library budget.

## Legal implications

4. The council must provide a comprehensive and efficient library service; longer hours support that.

## Equalities implications

5. Later opening helps residents who work during the day and cannot visit at present.
";

/// The front matter of a new paper; `{…}` are filled in.
const PAPER: &str = "---
title: {title}
meeting: {board}
date: {date}
item: {item}
purpose: For decision
summary: >
  One paragraph: what the report is about and what members are asked to do.
recommendations:
  - Members are asked to …
action: Officers to take forward as directed by members.
contact:
  name: \"\"
  position: \"\"
  phone: \"\"
  email: \"\"
decision_maker: \"\"
key_decision: false
wards: [All wards]
background_papers: []
status: draft
---

## Background

1. The first numbered paragraph.

2. The second, with sub-paragraphs:

   1. the first sub-paragraph;
   2. the second.

## Financial implications

3. Set out the costs, or say there are none.

## Legal implications

4. Set out the legal position.

## Equalities implications

5. Set out the effect on people with protected characteristics.
";

/// Makes a skeleton site in `dir`, which must not exist or be empty.
pub fn site(dir: &Path) -> Result<(), Box<Diagnostic>> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(Box::new(
            Diagnostic::error("BP051", dir, "this folder already exists and is not empty")
                .help("give a new folder name; boardpack new never overwrites files"),
        ));
    }
    let date = crate::today_in("Europe/London");
    let date = Date(date.0.saturating_add(jiff::Span::new().days(28)));
    let board_dir = dir.join("content/example-board");
    let meeting_dir = board_dir.join(date.iso());
    let files: Vec<(PathBuf, String)> = vec![
        (dir.join("site.yaml"), SITE_YAML.to_string()),
        // The build's output and its cache (the PDF packs) are made, not written: keep them out of git.
        (
            dir.join(".gitignore"),
            "/public/\n/.boardpack-cache/\n".to_string(),
        ),
        (board_dir.join("board.md"), BOARD.to_string()),
        (
            meeting_dir.join("meeting.md"),
            MEETING.replace("{date}", &date.iso()),
        ),
        (
            meeting_dir.join("02-first-report.md"),
            FIRST_REPORT.replace("{date}", &date.iso()),
        ),
    ];
    for (path, text) in files {
        write_new(&path, &text)?;
    }
    Ok(())
}

fn fill_paper(title: &str, board: &str, date: Date, item: &ItemNo) -> String {
    PAPER
        .replace("{title}", &yaml_string(title))
        .replace("{board}", board)
        .replace("{date}", &date.iso())
        .replace("{item}", &item.to_string())
}

/// A YAML double-quoted string, so any title is safe in front matter.
fn yaml_string(s: &str) -> String {
    let escaped: String = s
        .chars()
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\\' => vec!['\\', '\\'],
            '\n' | '\r' => vec![' '],
            c => vec![c],
        })
        .collect();
    format!("\"{escaped}\"")
}

/// Makes a paper for a meeting at `content/<board>/<date>/<NN>-<slug>.md`; returns its path.
pub fn paper(
    root: &Path,
    board: &str,
    date: Date,
    item: &str,
    title: &str,
) -> Result<PathBuf, Box<Diagnostic>> {
    let item: ItemNo = item.parse().map_err(|e: String| {
        Box::new(
            Diagnostic::error("BP005", "--item", e)
                .help("give the agenda item number, e.g. --item 4"),
        )
    })?;
    require_site(root)?;
    // The board must exist, as `import` requires: a misspelt one would make a folder of its own.
    let board = crate::content::boards::find_board(root, board)?.slug;
    let path = paper_path(root, &board, date, &item, title);
    write_new(&path, &fill_paper(title, &board, date, &item))?;
    Ok(path)
}

/// Where a new paper goes: `content/<board>/<date>/<NN>-<slug>.md`, as `new paper` and `import` place it.
pub fn paper_path(root: &Path, board: &str, date: Date, item: &ItemNo, title: &str) -> PathBuf {
    let slug = slugify(title);
    let file = format!(
        "{:02}{}-{}.md",
        item.number,
        item.suffix,
        if slug.is_empty() { "paper" } else { &slug }
    );
    root.join(crate::content::load::CONTENT_DIR)
        .join(slugify(board))
        .join(date.iso())
        .join(file)
}

/// The error for a site folder without `site.yaml`, when `root` is one.
pub(crate) fn require_site(root: &Path) -> Result<(), Box<Diagnostic>> {
    if root.join(crate::content::load::CONFIG_FILE).is_file() {
        return Ok(());
    }
    Err(Box::new(
        Diagnostic::error(
            "BP010",
            root.join(crate::content::load::CONFIG_FILE),
            "this is not a boardpack site (no site.yaml)",
        )
        .help("run the command in the site's folder or give it with --root DIR"),
    ))
}

fn write_new(path: &Path, text: &str) -> Result<(), Box<Diagnostic>> {
    if path.exists() {
        return Err(Box::new(
            Diagnostic::error(
                "BP051",
                path,
                "this file already exists; nothing was changed",
            )
            .help("choose another title or item number, or edit the existing file"),
        ));
    }
    let io = |e: std::io::Error| {
        Box::new(
            Diagnostic::error("BP050", path, format!("cannot write this file: {e}"))
                .help("check that you may write to this folder"),
        )
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    std::fs::write(path, text).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The placeholder check knows every sentence the template asks the clerk to replace.
    #[test]
    fn the_template_s_placeholders_are_the_ones_checked() {
        for p in crate::content::text::PLACEHOLDERS {
            assert!(PAPER.contains(p), "{p}");
        }
        assert!(PAPER.contains("status: draft"));
    }

    #[test]
    fn titles_are_quoted_safely() {
        assert_eq!(yaml_string("Budget: \"2027\""), "\"Budget: \\\"2027\\\"\"");
    }

    #[test]
    fn new_paper_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.yaml"), SITE_YAML).unwrap();
        std::fs::create_dir_all(dir.path().join("content/example-board")).unwrap();
        std::fs::write(
            dir.path().join("content/example-board/board.md"),
            "---\ntitle: Example Board\nslug: example-board\n---\n",
        )
        .unwrap();
        let date: Date = "2026-03-10".parse().unwrap();
        let path = paper(
            dir.path(),
            "example-board",
            date,
            "4",
            "Bus services: review",
        )
        .unwrap();
        assert!(path.ends_with("content/example-board/2026-03-10/04-bus-services-review.md"));
        assert!(
            paper(
                dir.path(),
                "example-board",
                date,
                "4",
                "Bus services: review"
            )
            .is_err()
        );
    }
}
