//! Open data: every JSON file of the example site and of `tests/registers-site/` (exempt, draft and
//! embargoed content) validates against its published JSON Schema, which is the one kept in `schema/`;
//! records refer only to records that exist; withheld content appears nowhere; counts match the source;
//! people with a person file are Popolo persons, memberships and posts, with attendance counted as the
//! minutes record it.

mod common;
mod minutes_source;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::*;
use minutes_source::*;
use serde_json::Value;

const FILES: [&str; 13] = [
    "boards",
    "people",
    "persons",
    "organizations",
    "memberships",
    "posts",
    "attendance",
    "motions",
    "vote_events",
    "meetings",
    "papers",
    "decisions",
    "actions",
];

fn fixture() -> TestSite {
    let site = TestSite::new();
    copy_dir(&repo_root().join("tests/registers-site"), site.root());
    site
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()))
}

/// The validation errors of `instance` against `schema`, as readable lines.
fn errors(schema: &Value, instance: &Value) -> Vec<String> {
    let validator = jsonschema::validator_for(schema).expect("the schema compiles");
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// The files `data/index.json` lists: (kind, path in the output, its entry).
fn listed(out: &Path) -> Vec<(String, PathBuf, Value)> {
    let index = read_json(&out.join("data/index.json"));
    let site = index["url"]
        .as_str()
        .expect("the site's address")
        .to_string();
    index["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            let url = f["url"].as_str().expect("url");
            let rel = url
                .strip_prefix(&site)
                .unwrap_or_else(|| panic!("{url} is on the site {site}"));
            (
                f["name"].as_str().expect("name").to_string(),
                out.join(rel),
                f.clone(),
            )
        })
        .collect()
}

/// Every file validates against the schema published for its kind, and that schema is the
/// repository's; the index lists each file's true size and record count.
fn assert_valid(out: &Path) {
    for name in std::iter::once("index").chain(FILES) {
        let schema_file = out.join(format!("data/schema/{name}.json"));
        let published = std::fs::read(&schema_file)
            .unwrap_or_else(|e| panic!("{}: {e}", schema_file.display()));
        let kept = std::fs::read(repo_root().join(format!("schema/{name}.json")))
            .expect("schema kept in the repository");
        assert_eq!(
            published, kept,
            "data/schema/{name}.json is schema/{name}.json"
        );
        let schema = read_json(&schema_file);
        assert!(
            jsonschema::meta::validate(&schema).is_ok(),
            "schema/{name}.json is a valid JSON Schema"
        );
    }
    let schema = |name: &str| read_json(&out.join(format!("data/schema/{name}.json")));
    let found = errors(&schema("index"), &read_json(&out.join("data/index.json")));
    assert!(found.is_empty(), "data/index.json:\n{}", found.join("\n"));
    for (name, path, entry) in listed(out) {
        let data = read_json(&path);
        let found = errors(&schema(&name), &data);
        assert!(
            found.is_empty(),
            "{} does not match schema/{name}.json:\n{}",
            path.display(),
            found.join("\n")
        );
        assert_eq!(
            entry["size"].as_u64(),
            Some(std::fs::metadata(&path).unwrap().len()),
            "{}",
            path.display()
        );
        assert_eq!(
            entry["records"].as_u64(),
            Some(data[name.as_str()].as_array().unwrap().len() as u64),
            "{}",
            path.display()
        );
    }
}

/// Every record of the kind `name`, from every file of it the index lists, in the index's order.
fn records<'a>(out: &Path, name: &str, data: &'a mut Vec<Value>) -> &'a [Value] {
    data.clear();
    for (kind, path, _) in listed(out) {
        if kind == name {
            let value = read_json(&path);
            data.extend(
                value[name]
                    .as_array()
                    .cloned()
                    .unwrap_or_else(|| panic!("{} has `{name}`", path.display())),
            );
        }
    }
    data
}

fn ids(records: &[Value]) -> BTreeSet<String> {
    records
        .iter()
        .map(|r| r["id"].as_str().expect("id").to_string())
        .collect()
}

#[test]
fn example_data_validates_against_its_schemas() {
    let site = TestSite::example();
    let built = site.build();
    assert_valid(&built.out);
    let index = read_json(&built.out.join("data/index.json"));
    assert_eq!(index["generated_for"], AS_OF);
    assert_eq!(index["licence"]["name"], "Open Government Licence v3.0");
    let mut names: Vec<&str> = index["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    names.dedup();
    assert_eq!(
        names, FILES,
        "whole files, then the files by board, in a fixed order"
    );
    for f in index["files"].as_array().unwrap() {
        let name = f["name"].as_str().unwrap();
        let url = f["url"].as_str().unwrap();
        let path = url
            .strip_prefix("https://meetings.kestrelvalley.example")
            .expect("absolute URL on the site");
        assert!(built.exists(path), "{url}");
        assert!(
            built.exists(
                f["schema"]
                    .as_str()
                    .unwrap()
                    .strip_prefix("https://meetings.kestrelvalley.example")
                    .unwrap()
            )
        );
        // Meetings, papers, decisions and actions come one file per board (the example's are small: no year split).
        // Individuals' decisions: a file each for executive members' and officers'.
        if let Some(maker) = f["maker"].as_str() {
            assert_eq!(name, "decisions");
            assert_eq!(path, format!("/data/decisions/{maker}s.json"));
            assert!(f["board"].is_null());
            continue;
        }
        match f["board"].as_str() {
            Some(board) => {
                assert!(["meetings", "papers", "decisions", "actions"].contains(&name));
                assert_eq!(path, format!("/data/{name}/{board}.json"));
                assert!(f["year"].is_null());
                let text = std::fs::read_to_string(built.out.join(&path[1..])).unwrap();
                let data: Value = serde_json::from_str(&text).unwrap();
                assert!(
                    data[name]
                        .as_array()
                        .unwrap()
                        .iter()
                        .all(|r| r["board_id"] == board),
                    "{path} holds only {board}'s records"
                );
            }
            None => assert_eq!(path, format!("/data/{name}.json")),
        }
    }
    // Written compact: one line each.
    for (_, path, _) in listed(&built.out) {
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 1, "{}", path.display());
    }
    let text = std::fs::read_to_string(built.out.join("data/index.json")).unwrap();
    assert_eq!(text.lines().count(), 1);
    // Every published paper, decision and action is in exactly one file.
    let mut buf = Vec::new();
    let papers = records(&built.out, "papers", &mut buf).len();
    assert_eq!(papers, ids(&buf).len());
    assert!(papers > 10, "{papers}");
}

#[test]
fn fixture_data_validates_and_holds_nothing_withheld() {
    let site = fixture();
    let built = site.build();
    assert_valid(&built.out);
    for entry in walkdir::WalkDir::new(built.out.join("data")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            assert!(
                !text.contains("CANARY"),
                "{} holds withheld content",
                entry.path().display()
            );
        }
    }
    let out = &built.out;
    let mut buf = Vec::new();
    let papers = ids(records(out, "papers", &mut buf));
    assert_eq!(
        papers,
        BTreeSet::from([
            "audit/2025-11-11/2".to_string(),
            "audit/2026-03-10/2".to_string()
        ]),
        "exempt and draft papers are not listed"
    );
    let paper = buf
        .iter()
        .find(|p| p["id"] == "audit/2026-03-10/2")
        .unwrap()
        .clone();
    assert_eq!(
        paper["summary"], "The quarterly review of the corporate risk register.",
        "plain text"
    );
    let appendices = paper["appendices"].as_array().unwrap();
    assert_eq!(
        (
            appendices[0]["media_type"].as_str(),
            appendices[0]["size_bytes"].as_u64()
        ),
        (Some("text/csv"), Some(28))
    );
    assert!(
        appendices[1]["url"].is_null()
            && appendices[1]["exempt_ground"]
                .as_str()
                .is_some_and(|g| g.starts_with("Paragraph 3"))
    );

    let meetings = records(out, "meetings", &mut buf).to_vec();
    assert!(
        !ids(&meetings).contains("pensions/2026-10-20"),
        "the embargoed meeting is not published"
    );
    let march = meetings
        .iter()
        .find(|m| m["id"] == "audit/2026-03-10")
        .unwrap();
    let agenda: Vec<(&str, &str)> = march["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["item"].as_str().unwrap(), a["paper"].as_str().unwrap()))
        .collect();
    assert_eq!(
        agenda,
        [
            ("1", "none"),
            ("2", "published"),
            ("3", "exempt"),
            ("4", "not_yet_published")
        ]
    );
    assert_eq!(
        march["agenda"][2]["description"], "Acquisition of a site",
        "the exempt item's public agenda line"
    );
    assert_eq!(march["start_date"], "2026-03-10T14:00");
    assert_eq!(march["status"], "passed");
    let attendance: Vec<(&str, &str)> = march["attendance"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["person_id"].as_str().unwrap(),
                a["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        attendance,
        [
            ("cllr-di-fox", "apologies"),
            ("pat-officer", "officer"),
            ("cllr-ann-lee", "present"),
            ("cllr-bo-hart", "present"),
            ("cllr-cy-dunn", "substitute")
        ]
    );
    let september = meetings
        .iter()
        .find(|m| m["id"] == "audit/2026-09-15")
        .unwrap();
    assert_eq!(
        september["attendance"],
        serde_json::json!([]),
        "draft minutes give no attendance"
    );

    // Decisions and actions: exactly those of the published, non-exempt minute items.
    let source = published_items(site.root());
    let expected: BTreeSet<String> = source
        .iter()
        .flat_map(|i| {
            (1..=i.decisions.len()).map(move |n| format!("{}/{}/{}/{n}", i.board, i.date, i.item))
        })
        .collect();
    assert_eq!(ids(records(out, "decisions", &mut buf)), expected);
    let actions = records(out, "actions", &mut buf).to_vec();
    let expected_actions: BTreeSet<String> = source
        .iter()
        .flat_map(|i| i.actions.iter().map(|a| a.action.clone()))
        .collect();
    assert_eq!(
        actions
            .iter()
            .map(|a| a["action"].as_str().unwrap().to_string())
            .collect::<BTreeSet<_>>(),
        expected_actions
    );
    let by_ref = |r: &str| {
        actions
            .iter()
            .find(|a| a["reference"] == r)
            .unwrap_or_else(|| panic!("action {r}"))
            .clone()
    };
    let au1 = by_ref("AU-1");
    assert_eq!(
        (au1["status"].as_str(), au1["overdue"].as_bool()),
        (Some("done"), Some(false))
    );
    assert_eq!(au1["updates"][0]["meeting_id"], "audit/2026-06-09");
    assert_eq!(
        (
            by_ref("AU-3")["status"].as_str(),
            by_ref("AU-3")["overdue"].as_bool()
        ),
        (Some("open"), Some(true)),
        "the draft minutes' update is not applied"
    );
    assert_eq!(
        by_ref("AU-2")["due"],
        "2027-01-12",
        "an update moved the due date"
    );
    assert!(actions.iter().all(|a| a["reference"] != "AU-X"));
}

/// Every id a record refers to is the id of a record.
#[test]
fn references_resolve() {
    for site in [TestSite::example(), fixture()] {
        let built = site.build();
        let out = &built.out;
        let mut buf = Vec::new();
        let boards = ids(records(out, "boards", &mut buf));
        let board_records = buf.clone();
        let people = ids(records(out, "people", &mut buf));
        let meeting_records = records(out, "meetings", &mut buf).to_vec();
        let meetings = ids(&meeting_records);
        let papers = ids(records(out, "papers", &mut buf));
        let paper_records = buf.clone();
        let decision_records = records(out, "decisions", &mut buf).to_vec();
        let decisions = ids(&decision_records);
        let action_records = records(out, "actions", &mut buf).to_vec();
        let actions = ids(&action_records);
        assert_eq!(actions.len(), action_records.len(), "action ids are unique");
        let check = |set: &BTreeSet<String>, id: &Value, what: &str| {
            let id = id.as_str().unwrap_or_else(|| panic!("{what} is a string"));
            assert!(set.contains(id), "{what} `{id}` names no record");
        };
        for b in &board_records {
            b["meeting_ids"]
                .as_array()
                .unwrap()
                .iter()
                .for_each(|m| check(&meetings, m, "board meeting"));
            b["memberships"]
                .as_array()
                .unwrap()
                .iter()
                .for_each(|m| check(&people, &m["person_id"], "member"));
        }
        for m in &meeting_records {
            check(&boards, &m["board_id"], "meeting board");
            for a in m["agenda"].as_array().unwrap() {
                a["related_entities"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .for_each(|e| check(&papers, &e["entity_id"], "agenda paper"));
                a["decision_ids"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .for_each(|d| check(&decisions, d, "agenda decision"));
                a["action_ids"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .for_each(|d| check(&actions, d, "agenda action"));
            }
            m["attendance"]
                .as_array()
                .unwrap()
                .iter()
                .for_each(|a| check(&people, &a["person_id"], "attendee"));
        }
        for p in &paper_records {
            check(&meetings, &p["meeting_id"], "paper meeting");
            check(&boards, &p["board_id"], "paper board");
        }
        for d in decision_records.iter().chain(&action_records) {
            // An individual's decision (a member's or an officer's) was made at no meeting.
            let individual = ["member", "officer"].contains(&d["record"]["maker"]["type"].as_str().unwrap_or(""));
            if !individual {
                check(&meetings, &d["meeting_id"], "decision or action meeting");
            }
        }
        for d in &decision_records {
            if !d["paper_id"].is_null() {
                check(&papers, &d["paper_id"], "decision paper");
            }
        }
        // The Popolo files: persons, organizations and posts are what memberships and attendance
        // name; a person with a file is in `people` by the same id wherever a board or minutes name them.
        let person_records = records(out, "persons", &mut buf).to_vec();
        let persons = ids(&person_records);
        let organizations = ids(records(out, "organizations", &mut buf));
        let posts = ids(records(out, "posts", &mut buf));
        let post_records = buf.clone();
        for p in &person_records {
            if !p["represents"].is_null() {
                check(&organizations, &p["represents"], "person's council");
            }
        }
        for m in records(out, "memberships", &mut buf) {
            check(&persons, &m["person_id"], "membership person");
            check(
                &organizations,
                &m["organization_id"],
                "membership organization",
            );
            if !m["post_id"].is_null() {
                check(&posts, &m["post_id"], "membership post");
            }
        }
        for p in &post_records {
            check(&organizations, &p["organization_id"], "post council");
        }
        for a in records(out, "attendance", &mut buf) {
            check(&persons, &a["person_id"], "attendance person");
            check(&boards, &a["organization_id"], "attendance board");
        }
        for b in &boards {
            check(
                &organizations,
                &Value::from(b.as_str()),
                "board organization",
            );
        }
    }
}

/// The schemas are strict: a field they do not describe, or a missing one, is an error.
#[test]
fn schemas_reject_unknown_and_missing_fields() {
    let site = fixture();
    let built = site.build();
    let schema = read_json(&built.out.join("data/schema/meetings.json"));
    let mut data = read_json(&built.out.join("data/meetings/audit.json"));
    assert!(errors(&schema, &data).is_empty());
    data["meetings"][0]["agenda"][0]["minutes"] = Value::from("x");
    assert!(
        !errors(&schema, &data).is_empty(),
        "an unknown field is rejected"
    );
    let mut data = read_json(&built.out.join("data/actions/audit.json"));
    let schema = read_json(&built.out.join("data/schema/actions.json"));
    data["actions"][0].as_object_mut().unwrap().remove("status");
    assert!(
        !errors(&schema, &data).is_empty(),
        "a missing field is rejected"
    );
}

/// The data page documents the files and every page links to it.
#[test]
fn data_page_lists_the_files_and_the_footer_links_to_it() {
    let site = TestSite::example();
    let built = site.build();
    let page = built.page("/data/");
    assert_eq!(only_h1(&page, "data page"), "Open data");
    let tables = select(&page, "table.data-files");
    assert_eq!(tables.len(), 2, "the files, and the files by board");
    let files: Vec<String> = select_in(tables[0], "tbody th")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        files,
        [
            "index.json",
            "boards.json",
            "people.json",
            "persons.json",
            "organizations.json",
            "memberships.json",
            "posts.json",
            "attendance.json",
            "motions.json",
            "vote_events.json",
            "meetings: 2 files by board",
            "papers: 2 files by board",
            "decisions: 4 files by board",
            "actions: 2 files by board"
        ]
    );
    let boards: Vec<String> = select_in(tables[1], "tbody th")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        boards,
        [
            "Children and Young People Board",
            "Transport and Infrastructure Board",
            "Executive members",
            "Officers (delegated decisions)"
        ],
        "each board, then individuals' decisions"
    );
    for href in doc_hrefs(&page)
        .into_iter()
        .filter(|h| h.starts_with("/data/"))
    {
        assert!(built.exists(&href), "{href}");
    }
    for url in ["/", "/decisions/", "/transport-board/2026-06-16/"] {
        let html = built.page(url);
        let footer = select(&html, "footer a");
        assert!(
            footer
                .iter()
                .any(|a| text(*a) == "Open data" && a.value().attr("href") == Some("/data/")),
            "{url}"
        );
    }
}

/// `check` keeps no files, so it makes no exports, only the data page: its counts must be the numbers
/// of records that `build` exports.
#[test]
fn check_counts_what_build_exports() {
    for site in [TestSite::example(), fixture()] {
        let built = site.build();
        let counts = |html: &scraper::Html| texts(html, "table.data-files tbody td");
        let files = site.check_pages();
        let page =
            scraper::Html::parse_document(std::str::from_utf8(&files["data/index.html"]).unwrap());
        assert!(
            !files.keys().any(|f| f.ends_with(".json")),
            "check makes no exports"
        );
        let from_build = counts(&built.page("/data/"));
        assert!(
            from_build
                .iter()
                .any(|c| c.chars().any(|ch| ch.is_ascii_digit() && ch != '0')),
            "{from_build:?}"
        );
        assert_eq!(counts(&page), from_build);
    }
}

/// A whole file's records, by id.
fn whole(out: &Path, name: &str) -> std::collections::BTreeMap<String, Value> {
    read_json(&out.join(format!("data/{name}.json")))[name]
        .as_array()
        .unwrap_or_else(|| panic!("data/{name}.json has `{name}`"))
        .iter()
        .map(|r| (r["id"].as_str().expect("id").to_string(), r.clone()))
        .collect()
}

/// The ids of the site's person files: their names in `content/people/` without `.md`.
fn person_files(root: &Path) -> BTreeSet<String> {
    std::fs::read_dir(root.join("content/people"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect()
}

/// The example's person files are Popolo persons, with their councils, wards and parties as
/// organizations, posts and memberships, and board memberships with their dates.
#[test]
fn example_people_are_popolo_persons_memberships_and_posts() {
    let site = TestSite::example();
    let built = site.build();
    let out = &built.out;
    assert_valid(out);
    let persons = whole(out, "persons");
    assert_eq!(
        persons.keys().cloned().collect::<BTreeSet<_>>(),
        person_files(site.root()),
        "one person for each file in content/people/"
    );
    let okonjo = &persons["daniel-okonjo"];
    assert_eq!(okonjo["name"], "Daniel Okonjo");
    assert_eq!(okonjo["honorific_prefix"], "Cllr");
    assert_eq!(okonjo["type"], "member");
    assert_eq!(okonjo["party"], "Labour");
    assert_eq!(okonjo["ward"], "Riverside");
    assert_eq!(okonjo["represents"], "harwick-city-council");
    assert_eq!(
        okonjo["links"][0]["url"],
        "https://meetings.kestrelvalley.example/people/daniel-okonjo/"
    );
    assert_eq!(
        okonjo["contact_details"],
        serde_json::json!([{"type": "email", "value": "daniel.okonjo@harwick.example"}])
    );
    assert_eq!(okonjo["interests"]["updated"], "2026-05-20");
    assert_eq!(okonjo["interests"]["entries"][0]["category"], "employment");
    assert_eq!(
        persons["margaret-holloway"]["other_names"],
        serde_json::json!([{"name": "Maggie Holloway"}])
    );
    let crossley = &persons["martin-crossley"];
    assert_eq!(
        (
            crossley["type"].as_str(),
            crossley["position"].as_str(),
            crossley["contact_details"][1]["type"].as_str()
        ),
        (
            Some("officer"),
            Some("Director of Transport"),
            Some("voice")
        )
    );
    for (id, p) in &persons {
        assert!(!p["name"].as_str().unwrap().is_empty(), "{id} has a name");
        if let Some(bio) = p["biography"].as_str() {
            assert!(
                !bio.contains('\n') && !bio.contains("](") && !bio.contains("**"),
                "{id}'s biography is plain text: {bio}"
            );
        }
    }

    let organizations = whole(out, "organizations");
    let classification = |id: &str| organizations[id]["classification"].as_str().unwrap();
    assert_eq!(classification("transport-board"), "committee");
    assert_eq!(classification("harwick-city-council"), "council");
    assert_eq!(
        organizations["harwick-city-council"]["name"],
        "Harwick City Council"
    );
    assert_eq!(classification("labour"), "party");

    let posts = whole(out, "posts");
    let riverside = &posts["harwick-city-council/riverside"];
    assert_eq!(riverside["label"], "Councillor for Riverside");
    assert_eq!(riverside["role"], "Councillor");
    assert_eq!(riverside["organization_id"], "harwick-city-council");
    assert_eq!(riverside["area"]["name"], "Riverside");

    let memberships: Vec<Value> = whole(out, "memberships").into_values().collect();
    let find = |person: &str, organization: &str| -> Vec<&Value> {
        memberships
            .iter()
            .filter(|m| m["person_id"] == person && m["organization_id"] == organization)
            .collect()
    };
    let [ruth] = find("ruth-elderkin", "transport-board")[..] else {
        panic!("one transport membership for ruth-elderkin");
    };
    assert_eq!(ruth["end_date"], "2026-08-31");
    assert!(ruth["start_date"].is_null());
    let [hannah] = find("hannah-brightwell", "transport-board")[..] else {
        panic!("one transport membership for hannah-brightwell");
    };
    assert_eq!(hannah["start_date"], "2026-09-01");
    assert!(hannah["end_date"].is_null());
    let [chair] = find("daniel-okonjo", "transport-board")[..] else {
        panic!("one transport membership for daniel-okonjo");
    };
    assert_eq!(
        (chair["role"].as_str(), chair["group"].as_str()),
        (Some("Chair"), Some("Labour Group"))
    );
    let [garside] = find("tom-garside", "transport-board")[..] else {
        panic!("tom-garside is a named substitute");
    };
    assert_eq!(garside["substitute"], true);
    let [seat] = find("daniel-okonjo", "harwick-city-council")[..] else {
        panic!("daniel-okonjo's council seat");
    };
    assert_eq!(seat["post_id"], "harwick-city-council/riverside");
    assert_eq!(seat["start_date"], "2018-05-03");
    assert_eq!(find("daniel-okonjo", "labour").len(), 1, "party membership");
    // Every resolved place on a board is a membership: the transport board lists 14, one by name.
    assert_eq!(
        memberships
            .iter()
            .filter(|m| m["organization_id"] == "transport-board")
            .count(),
        14
    );
}

/// Attendance per person per board, against hand counts from the example's minutes of 16 June and
/// 15 September 2026 (the later meetings have no minutes by the build date).
#[test]
fn example_attendance_is_counted_from_the_minutes() {
    let site = TestSite::example();
    let built = site.build();
    let data = read_json(&built.out.join("data/attendance.json"));
    let definition = data["definition"].as_str().unwrap();
    assert!(
        definition.starts_with("A member is expected at a meeting of a board when"),
        "{definition}"
    );
    let rows = whole(&built.out, "attendance");
    let row = |person: &str| {
        let r = rows
            .get(&format!("transport-board/{person}"))
            .unwrap_or_else(|| panic!("{person}'s transport board attendance"));
        assert_eq!(r["person_id"], person);
        assert_eq!(r["organization_id"], "transport-board");
        let n = |k: &str| r[k].as_u64().unwrap();
        (
            [
                n("expected"),
                n("present"),
                n("apologies"),
                n("substituted"),
                n("absent"),
                n("as_substitute"),
            ],
            r["percent"].as_u64(),
        )
    };
    // [expected, present, apologies, substituted, absent, as_substitute], percent
    // Counted from the minutes of 16 June, 15 September and 3 November (published unconfirmed).
    assert_eq!(row("daniel-okonjo"), ([3, 3, 0, 0, 0, 0], Some(100)));
    assert_eq!(row("sarah-pennington"), ([3, 2, 1, 1, 0, 0], Some(67)));
    assert_eq!(
        row("ruth-elderkin"),
        ([1, 0, 1, 0, 0, 0], Some(0)),
        "left the board on 2026-08-31"
    );
    assert_eq!(
        row("hannah-brightwell"),
        ([2, 2, 0, 0, 0, 0], Some(100)),
        "joined on 2026-09-01"
    );
    assert_eq!(
        row("tom-garside"),
        ([0, 0, 0, 0, 0, 1], None),
        "a named substitute is not expected"
    );
    // Stannard: apologies with a substitute in June, present as "Cllr R Stannard" in September,
    // apologies in November.
    assert_eq!(row("richard-stannard"), ([3, 1, 2, 1, 0, 0], Some(33)));
}

/// `boards`, `people` and `meetings` name someone with a person file by its id and full name, even
/// where the board file or minutes give only `person:`; nobody has an empty name.
#[test]
fn existing_exports_use_person_ids() {
    let site = TestSite::example();
    let built = site.build();
    let out = &built.out;
    let persons = whole(out, "persons");
    let boards = whole(out, "boards");
    let transport = &boards["transport-board"];
    let member = |id: &str| {
        transport["memberships"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["person_id"] == id)
            .unwrap_or_else(|| panic!("{id} on the transport board"))
            .clone()
    };
    let okonjo = member("daniel-okonjo");
    assert_eq!(
        okonjo["name"], "Cllr Daniel Okonjo",
        "written only as `person:`"
    );
    assert_eq!(
        okonjo["authority"], "Harwick City Council",
        "from the person file"
    );
    assert_eq!(
        member("peter-ainsworth")["name"],
        "Cllr Peter Ainsworth",
        "written by name"
    );
    assert_eq!(member("ruth-elderkin")["end_date"], "2026-08-31");
    assert_eq!(transport["contact"]["person_id"], "helen-ashdown");
    let people = whole(out, "people");
    assert_eq!(people["sarah-pennington"]["name"], "Cllr Sarah Pennington");
    let mut buf = Vec::new();
    let meetings = records(out, "meetings", &mut buf).to_vec();
    let september = meetings
        .iter()
        .find(|m| m["id"] == "transport-board/2026-09-15")
        .unwrap();
    let attendee = |id: &str| {
        september["attendance"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["person_id"] == id)
            .unwrap_or_else(|| panic!("{id} at the September meeting"))
            .clone()
    };
    assert_eq!(
        attendee("richard-stannard")["name"],
        "Cllr Richard Stannard",
        "written \"Cllr R Stannard\""
    );
    let garside = attendee("tom-garside");
    assert_eq!(garside["status"], "substitute");
    assert_eq!(garside["substituting"], "Cllr Sarah Pennington");
    assert_eq!(
        attendee("jasmine-kaur")["name"],
        "Jasmine Kaur",
        "resolved by name"
    );
    let mut named = 0;
    for (id, p) in &people {
        assert!(!p["name"].as_str().unwrap().is_empty(), "{id} has a name");
        named += usize::from(persons.contains_key(id));
    }
    assert!(named > 40, "people with files go by their ids: {named}");
    for b in boards.values() {
        for m in b["memberships"].as_array().unwrap() {
            assert!(!m["name"].as_str().unwrap().is_empty(), "{m}");
            assert!(
                persons.contains_key(m["person_id"].as_str().unwrap()),
                "{m}"
            );
        }
    }
    for m in &meetings {
        for a in m["attendance"].as_array().unwrap() {
            assert!(!a["name"].as_str().unwrap().is_empty(), "{a}");
        }
    }
}

/// A person file added or removed is in (or gone from) `persons` at the next build, with the cache as
/// without it; `people` keeps naming someone whose file went, by the name as written.
#[test]
fn a_person_file_added_or_removed_changes_persons() {
    let site = TestSite::example();
    let cache = site.scratch().join("cache");
    let cached = site.scratch().join("cached");
    let clean = site.scratch().join("clean");
    let build = |step: &str| {
        let output = site.build_into(&cached, &["--cache", cache.to_str().unwrap()]);
        assert_success(&output, step);
        let output = site.build_into(&clean, &[]);
        assert_success(&output, step);
        for name in FILES.iter().take(7) {
            let path = format!("data/{name}.json");
            assert!(
                std::fs::read(cached.join(&path)).unwrap()
                    == std::fs::read(clean.join(&path)).unwrap(),
                "{step}: {path} is the same with the cache as without"
            );
        }
        whole(&clean, "persons")
    };
    let before = build("first build");
    assert_eq!(before.len(), person_files(site.root()).len());
    assert!(!before.contains_key("zara-whitcombe"));

    site.write(
        "content/people/zara-whitcombe.md",
        "---\nname: Zara Whitcombe\ntype: officer\nposition: Head of Governance\nemail: zara.whitcombe@kestrelvalley.example\n---\nZara *Whitcombe* leads [governance](https://example.org/).\n",
    );
    let added = build("a person file added");
    assert_eq!(added.len(), before.len() + 1);
    let zara = &added["zara-whitcombe"];
    assert_eq!(zara["position"], "Head of Governance");
    assert_eq!(
        zara["biography"], "Zara Whitcombe leads governance.",
        "plain text"
    );

    std::fs::remove_file(site.path("content/people/jasmine-kaur.md")).unwrap();
    let removed = build("a person file removed");
    assert_eq!(removed.len(), before.len());
    assert!(!removed.contains_key("jasmine-kaur"));
    let people = whole(&clean, "people");
    assert_eq!(
        people["jasmine-kaur"]["name"], "Jasmine Kaur",
        "still named in minutes, by the name as written"
    );
    assert!(
        whole(&clean, "memberships")
            .values()
            .all(|m| m["person_id"] != "jasmine-kaur")
    );
}

/// Ids stay apart: a council or party named like a board gets its own id, one person's two places on
/// a board two memberships, and a name that could be either of two people is not given either's id.
#[test]
fn popolo_ids_are_unique_and_kept_apart() {
    let site = TestSite::minimal()
        .file(
            "content/audit-board/board.md",
            "---\ntitle: Audit Board\nslug: audit-board\nmembership:\n  - group: Members\n    members:\n      - person: ann-lee\n        role: Chair\n      - person: ann-lee\n        substitute: true\n      - name: Ann Lee\n---\nThe board.\n",
        )
        .file(
            "content/people/ann-lee.md",
            "---\nname: Ann Lee\nhonorific: Cllr\nrepresents: Audit Board\nward: Riverside\nparty: Audit Board\nphone: 01632 960 002\naddress: |\n  1 High Street\n  Testville\nphoto:\n  file: ann.jpg\n  alt: Cllr Ann Lee\n---\n",
        )
        .file(
            "content/people/ann-lee-officer.md",
            "---\nname: Ann Lee\ntype: officer\n---\n",
        );
    site.write(
        "content/people/ann.jpg",
        b"\xff\xd8\xff\xe0 not really a jpeg",
    );
    let built = site.build();
    let out = &built.out;
    assert_valid(out);
    let organizations = whole(out, "organizations");
    assert_eq!(
        organizations
            .iter()
            .map(|(id, o)| (id.as_str(), o["classification"].as_str().unwrap()))
            .collect::<Vec<_>>(),
        [
            ("audit-board", "committee"),
            ("audit-board-council", "council"),
            ("audit-board-party", "party")
        ]
    );
    let memberships = whole(out, "memberships");
    assert_eq!(
        memberships.keys().map(String::as_str).collect::<Vec<_>>(),
        [
            "audit-board-council/ann-lee",
            "audit-board-party/ann-lee",
            "audit-board/ann-lee",
            "audit-board/ann-lee/2"
        ]
    );
    assert_eq!(memberships["audit-board/ann-lee"]["role"], "Chair");
    assert_eq!(memberships["audit-board/ann-lee/2"]["substitute"], true);
    assert_eq!(
        memberships["audit-board-council/ann-lee"]["post_id"],
        "audit-board-council/riverside"
    );
    let ann = &whole(out, "persons")["ann-lee"];
    assert_eq!(ann["represents"], "audit-board-council");
    assert_eq!(
        ann["contact_details"],
        serde_json::json!([
            {"type": "voice", "value": "01632 960 002"},
            {"type": "address", "value": "1 High Street, Testville"}
        ])
    );
    assert_eq!(
        ann["image"], "https://papers.example.org/files/people/ann.jpg",
        "where a linked file under content/ is published"
    );
    assert!(ann["biography"].is_null());
    let board = &whole(out, "boards")["audit-board"];
    let members: Vec<(&str, &str)> = board["memberships"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["person_id"].as_str().unwrap(),
                m["name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        members,
        [
            ("ann-lee", "Cllr Ann Lee"),
            ("ann-lee", "Cllr Ann Lee"),
            ("ann-lee-unmatched", "Ann Lee")
        ],
        "the ambiguous name is neither person"
    );
    // No minutes: no attendance counted, but each member's row is there.
    let attendance = whole(out, "attendance");
    assert_eq!(attendance["audit-board/ann-lee"]["expected"], 0);
    assert!(attendance["audit-board/ann-lee"]["percent"].is_null());
}
