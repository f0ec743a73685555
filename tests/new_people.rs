//! `boardpack new people`: person files made from the names a site already writes, so that every
//! name then finds its person; and `boardpack new person`, one file to fill in.

mod common;

use common::*;

/// One person file exists (so `check` looks names up); the rest are free text: "Cllr Jo Bloggs"
/// in `board.md` is "Councillor Jo Bloggs" in the minutes, and an officer is "Dr Lee Morgan" in
/// the minutes and "Lee Morgan" as a paper's contact.
const BOARD: &str = "---
title: Audit Board
slug: audit-board
contact:
  name: Sam Clerk
  email: sam.clerk@example.org
  phone: 01632 960 001
membership:
  - group: Labour Group
    members:
      - name: Cllr Jo Bloggs
        role: Chair
        authority: Test Council
      - name: Cllr Ann Lee
        authority: Test Council
  - group: Independent Group
    members:
      - name: Councillor Bo Hart
        authority: Other District Council
      - name: Cllr Cy Dunn
        authority: Other District Council
        substitute: true
---

The Audit Board oversees the council's internal audit.
";

const SAM_CLERK: &str = "---
name: Sam Clerk
type: officer
position: Democratic Services Officer
---
";

const HELD: &str = "---
meeting: audit-board
date: 2026-10-06
start_time: \"14:00\"
venue:
  room: Committee Room 1
status: held
---
";

const MINUTES: &str = "---
meeting: audit-board
date: 2026-10-06
status: approved
attendance:
  present:
    - name: Councillor Jo Bloggs
      role: Chair
    - Cllr Ann Lee
  apologies: [Cllr Bo Hart]
  substitutes:
    - name: Cllr Cy Dunn
      substituting: Cllr Bo Hart
  in_attendance:
    - name: Inspector Pat Rowe
      role: Neighbourhood Policing
      authority: Test Police
  officers:
    - name: Sam Clerk
      role: Democratic Services Officer
    - name: Dr Lee Morgan
      role: Head of Internal Audit
declarations:
  - member: Cllr Ann Lee
    interest: Her partner works for the council's auditors.
---
";

const PAPER: &str = "---
title: Internal audit progress
meeting: audit-board
date: 2026-12-01
item: 4
purpose: For information
summary: Progress against the internal audit plan.
contact:
  name: Lee Morgan
  position: Head of Internal Audit
  email: lee.morgan@example.org
  phone: 01632 960 002
---

## Background

1. First paragraph.
";

fn site() -> TestSite {
    TestSite::minimal()
        .file("content/audit-board/board.md", BOARD)
        .file("content/people/sam-clerk.md", SAM_CLERK)
        .file("content/audit-board/2026-10-06/meeting.md", HELD)
        .file("content/audit-board/2026-10-06/minutes.md", MINUTES)
        .file(
            "content/audit-board/2026-12-01/04-internal-audit-progress.md",
            PAPER,
        )
}

fn new_people(site: &TestSite, extra: &[&str]) -> std::process::Output {
    let output = boardpack()
        .args(["new", "people", "--root"])
        .arg(site.root())
        .args(extra)
        .output()
        .expect("run boardpack new people");
    assert_success(&output, "boardpack new people");
    output
}

fn codes(diagnostics: &[serde_json::Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| format!("{} {}", d["code"], d["file"]))
        .collect()
}

fn people_files(site: &TestSite) -> Vec<String> {
    all_files(&site.path("content/people"))
        .into_iter()
        .map(|p| p.display().to_string())
        .collect()
}

#[test]
fn new_people_writes_a_file_per_name_and_then_every_name_finds_its_person() {
    let site = site();
    let before = site.check_json();
    assert!(
        before.iter().any(|d| d["code"] == "BP106"),
        "the free-text names are unknown before: {:?}",
        codes(&before)
    );

    let output = new_people(&site, &[]);
    let out = stdout(&output);
    assert_eq!(
        people_files(&site),
        [
            "ann-lee.md",
            "bo-hart.md",
            "cy-dunn.md",
            "jo-bloggs.md",
            "lee-morgan.md",
            "pat-rowe.md",
            "sam-clerk.md"
        ],
        "one file per person, spellings of one name together:\n{out}"
    );
    assert!(out.contains("Wrote 6 person files:"), "{out}");
    assert!(
        out.contains(
            "content/people/jo-bloggs.md  Cllr Jo Bloggs (member; as `Cllr Jo Bloggs`, `Councillor Jo Bloggs`; in 2 files)"
        ),
        "{out}"
    );
    assert!(
        out.contains("`Sam Clerk`: already a person: sam-clerk"),
        "{out}"
    );
    assert_eq!(
        std::fs::read_to_string(site.path("content/people/jo-bloggs.md")).unwrap(),
        "---\nname: Jo Bloggs\nhonorific: Cllr\ntype: member\nrepresents: Test Council\nparty: Labour\n---\n"
    );
    assert_eq!(
        std::fs::read_to_string(site.path("content/people/lee-morgan.md")).unwrap(),
        "---\nname: Lee Morgan\nhonorific: Dr\ntype: officer\nposition: Head of Internal Audit\nemail: lee.morgan@example.org\nphone: 01632 960 002\n---\n"
    );
    assert_eq!(
        std::fs::read_to_string(site.path("content/people/pat-rowe.md")).unwrap(),
        "---\nname: Pat Rowe\nhonorific: Inspector\ntype: other\nposition: Neighbourhood Policing, Test Police\n---\n"
    );
    assert_eq!(
        std::fs::read_to_string(site.path("content/people/sam-clerk.md")).unwrap(),
        SAM_CLERK,
        "an existing file is never touched"
    );

    // The files parse, and every name finds its person.
    let after = site.check_json();
    let about_people: Vec<&serde_json::Value> = after
        .iter()
        .filter(|d| {
            d["severity"] == "error"
                || ["BP106", "BP107", "BP108"].contains(&d["code"].as_str().unwrap_or(""))
                || d["file"].as_str().unwrap_or("").contains("content/people")
        })
        .collect();
    assert!(about_people.is_empty(), "{about_people:#?}");

    // A second run finds every name a person's and writes nothing.
    let files = snapshot(site.root());
    let again = stdout(&new_people(&site, &[]));
    assert!(again.starts_with("No person files to write"), "{again}");
    assert!(
        again.contains("`Councillor Jo Bloggs`: already a person: jo-bloggs"),
        "{again}"
    );
    assert_eq!(snapshot(site.root()), files, "the second run changed files");
}

#[test]
fn a_dry_run_lists_and_writes_nothing() {
    let site = site();
    let files = snapshot(site.root());
    let output = new_people(&site, &["--dry-run"]);
    let out = stdout(&output);
    assert!(out.contains("Would write 6 person files:"), "{out}");
    assert!(out.contains("content/people/jo-bloggs.md"), "{out}");
    assert!(stderr(&output).contains("Dry run: nothing was written."));
    assert_eq!(snapshot(site.root()), files);
}

#[test]
fn names_that_would_share_an_id_get_a_suffix_and_a_note_and_typos_are_not_made_people() {
    let board = BOARD
        .replace("Cllr Ann Lee", "Cllr Jo O'Neill")
        .replace("Councillor Bo Hart", "Cllr Jo ONeill")
        // A near miss of Sam Clerk's name: a typo, not a second Sam.
        .replace("name: Sam Clerk", "name: Sam Clerke");
    let site = TestSite::minimal()
        .file("content/audit-board/board.md", &board)
        .file("content/people/sam-clerk.md", SAM_CLERK);
    let out = stdout(&new_people(&site, &[]));
    assert_eq!(
        people_files(&site),
        [
            "cy-dunn.md",
            "jo-bloggs.md",
            "jo-oneill-2.md",
            "jo-oneill.md",
            "sam-clerk.md"
        ],
        "{out}"
    );
    assert!(
        out.contains("content/people/jo-oneill-2.md: `Cllr Jo ONeill` is written as jo-oneill-2, since `Cllr Jo O'Neill` has the id jo-oneill too"),
        "{out}"
    );
    assert!(
        out.contains("`Sam Clerke`: near the name of Sam Clerk"),
        "{out}"
    );
    // The same run again gives the same files: output and ids do not depend on the run.
    let other = TestSite::minimal()
        .file("content/audit-board/board.md", &board)
        .file("content/people/sam-clerk.md", SAM_CLERK);
    let out_again = stdout(&new_people(&other, &[]));
    assert_eq!(out, out_again);
    assert_eq!(
        snapshot(&site.path("content/people")),
        snapshot(&other.path("content/people"))
    );
}

#[test]
fn new_person_writes_one_file_to_fill_in_and_never_over_another() {
    let site = TestSite::minimal();
    let run = || {
        boardpack()
            .args(["new", "person", "--name", "Councillor Jo Bloggs", "--root"])
            .arg(site.root())
            .output()
            .expect("run boardpack new person")
    };
    let output = run();
    assert_success(&output, "boardpack new person");
    let text = std::fs::read_to_string(site.path("content/people/jo-bloggs.md")).unwrap();
    assert!(
        text.starts_with("---\nname: Jo Bloggs\nhonorific: Cllr\n# other_names:"),
        "{text}"
    );
    let checked = site.check_json();
    assert!(
        !checked
            .iter()
            .any(|d| d["file"].as_str().unwrap_or("").contains("content/people")),
        "{checked:#?}"
    );
    let again = run();
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
}
