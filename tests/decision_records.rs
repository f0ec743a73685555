//! Decision records as data, feeds and calendar events: a site with a board open to call-in, minutes
//! that record decisions as records (a counted vote with an amendment, a named vote, an exempt item's
//! public decision) and as a line, and decision notices (an executive member's, an officer's, one
//! published later than the build date), built for two days either side of the call-in deadline.
//! Everything is read back parsed: JSON against its published schema, CSV with a CSV reader, Atom with
//! an XML parser, iCalendar with the `icalendar` crate's parser.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

const BASE: &str = "https://papers.example.org/";
const ATOM: &str = "http://www.w3.org/2005/Atom";
/// Open to call-in: published Tuesday 15 September 2026, five working days run to Tuesday the 22nd.
const OPEN: &str = "2026-09-20";
/// After the deadline: in effect since Wednesday the 23rd.
const AFTER: &str = "2026-09-25";

const SITE: &str = "title: Call-in test council
base_url: https://papers.example.org/
timezone: Europe/London
organisation:
  name: Call-in Test Council
call_in:
  working_days: 5
  time: \"17:00\"
  boards: [cabinet]
";

const MINUTES: &str = r#"---
meeting: cabinet
date: 2026-09-14
status: unconfirmed
published: 2026-09-15
attendance:
  present: [Cllr Ann Lee, Cllr Bo Hart, Cllr Cy Dunn, Cllr Di Fox, Cllr Ed Gray, Cllr Someone Else]
declarations:
  - person: di-fox
    item: 3
    interest: She lives on one of the routes.
items:
  - item: 2
    decisions:
      - The minutes of the last meeting were *approved*.
  - item: 3
    decisions:
      - id: cab-2026-09-routes
        title: Bus routes from April 2027
        decision: The Cabinet approved the [new routes](03-bus-routes.md).
        key_decision: true
        reasons: The routes serve **more** people.
        alternatives: Keeping the old routes.
        vote:
          mover: ann-lee
          seconder: bo-hart
          for: 4
          against: 1
          abstain: 1
          amendments:
            - amendment: Add a review in 2027.
              mover: cy-dunn
              for: [cy-dunn, di-fox]
              against: [ann-lee, bo-hart, ed-gray]
              result: lost
  - item: 4
    decisions:
      - id: cab-2026-09-budget
        decision: The Cabinet agreed the revised budget, "as amended", for 2026/27.
        budget: true
        reasons: The year's spending had to be balanced.
        vote:
          for: [ann-lee, bo-hart, ed-gray]
          against: [cy-dunn]
          abstain: [Cllr Someone Else]
  - item: 5
    minute: CANARY-EXEMPT-MINUTE
    exempt:
      category: 3
      reason: Commercially sensitive.
    decisions:
      - CANARY-EXEMPT-DECISION the price was agreed.
    public_decisions:
      - id: cab-2026-09-depot
        decision: The Cabinet agreed to buy the depot.
---
"#;

const MAYOR: &str = "---
title: Decision of the Mayor
maker:
  person: jo-mayor
  role: Mayor
date: 2026-09-14
published: 2026-09-15
decisions:
  - id: mayor-2026-bus-fares
    decision: The fare cap of £2 is extended to March 2027.
    key_decision: true
    reasons: Fares are a barrier to travel.
    alternatives: Letting the cap lapse.
    declarations:
      - person: ann-lee
        interest: Her partner drives a bus.
---
";

/// Before the calendar's first meeting: in the data, not in the calendars.
const MAYOR_EARLY: &str = "---
maker:
  person: jo-mayor
  role: Mayor
date: 2026-08-03
published: 2026-08-04
decisions:
  - id: mayor-2026-summer
    decision: Free travel for under-16s in August.
---
";

const OFFICER: &str = "---
title: Officer decision
maker:
  officer: pat-officer
  role: Director of Transport
  delegation: Scheme of delegation, paragraph 4.2
date: 2026-09-16
published: 2026-09-17
decisions:
  - decision: A grant of £5,000 to the Community Transport Trust.
    reasons: The trust runs the dial-a-ride service.
---
";

/// Published after both build dates: nowhere yet.
const LATER: &str = "---
maker:
  person: jo-mayor
  role: Mayor
date: 2026-11-30
published: 2026-12-01
decisions:
  - id: mayor-later
    decision: FUTURE-NOTICE a later decision.
---
";

fn site() -> TestSite {
    let mut site = TestSite::new()
        .file("site.yaml", SITE)
        .file(
            "content/cabinet/board.md",
            "---\ntitle: Cabinet\nslug: cabinet\n---\nThe Cabinet.\n",
        )
        .file(
            "content/cabinet/2026-09-14/meeting.md",
            "---\nmeeting: cabinet\ndate: 2026-09-14\nstart_time: \"18:00\"\nstatus: held\nagenda:\n  - item: 2\n    title: Minutes\n    verbal: true\n  - item: 3\n    title: Bus routes\n    paper: 03-bus-routes.md\n  - item: 4\n    title: Budget\n    verbal: true\n  - item: 5\n    title: Depot\n    verbal: true\n---\n",
        )
        .file(
            "content/cabinet/2026-09-14/03-bus-routes.md",
            "---\ntitle: Bus routes\nmeeting: cabinet\ndate: 2026-09-14\nitem: 3\npurpose: For decision\nsummary: New bus routes.\n---\nThe report.\n",
        )
        .file("content/cabinet/2026-09-14/minutes.md", MINUTES)
        .file("content/decisions/mayor-bus-fares.md", MAYOR)
        .file("content/decisions/mayor-summer.md", MAYOR_EARLY)
        .file("content/decisions/officer-grant.md", OFFICER)
        .file("content/decisions/later.md", LATER)
        .file(
            "content/people/pat-officer.md",
            "---\nname: Pat Officer\ntype: officer\nposition: Director of Transport\n---\n",
        );
    for (id, name) in [
        ("ann-lee", "Ann Lee"),
        ("bo-hart", "Bo Hart"),
        ("cy-dunn", "Cy Dunn"),
        ("di-fox", "Di Fox"),
        ("ed-gray", "Ed Gray"),
        ("jo-mayor", "Jo Mayor"),
    ] {
        site = site.file(
            &format!("content/people/{id}.md"),
            &format!("---\nname: {name}\nhonorific: Cllr\n---\n"),
        );
    }
    site
}

/// Builds the site for `as_of` into a folder of its own.
fn build_at(site: &TestSite, as_of: &str, folder: &str) -> PathBuf {
    site.build_as_of_in(folder, as_of, &[]).out
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()))
}

/// The output file of a URL on the site.
fn local(out: &Path, url: &str) -> PathBuf {
    out.join(
        url.strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{url} is on the site")),
    )
}

/// Every JSON file the index lists validates against its published schema; returns each kind's
/// records, in the index's order.
fn validated(out: &Path) -> BTreeMap<String, Vec<Value>> {
    let index = read_json(&out.join("data/index.json"));
    let schema = read_json(&out.join("data/schema/index.json"));
    let validator = jsonschema::validator_for(&schema).expect("the index schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&index)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "data/index.json: {errors:?}");
    let mut records: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for f in index["files"].as_array().expect("files") {
        let name = f["name"].as_str().expect("name");
        let path = local(out, f["url"].as_str().expect("url"));
        let data = read_json(&path);
        let schema = read_json(&local(out, f["schema"].as_str().expect("schema")));
        let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
        let errors: Vec<String> = validator
            .iter_errors(&data)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{}:\n{}",
            path.display(),
            errors.join("\n")
        );
        records
            .entry(name.to_string())
            .or_default()
            .extend(data[name].as_array().expect("records").iter().cloned());
    }
    records
}

fn by_id(records: &[Value]) -> BTreeMap<String, Value> {
    records
        .iter()
        .map(|r| (r["id"].as_str().expect("id").to_string(), r.clone()))
        .collect()
}

/// Every file of the output, as text where it is text.
fn texts_of(out: &Path) -> Vec<(PathBuf, String)> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .map(|e| e.expect("walk the output"))
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let text = std::fs::read_to_string(e.path()).ok()?;
            Some((e.path().to_path_buf(), text))
        })
        .collect()
}

#[test]
fn decision_records_are_open_data_whose_status_follows_the_build_date() {
    let site = site();
    let open = build_at(&site, OPEN, "open");
    let after = build_at(&site, AFTER, "after");
    for out in [&open, &after] {
        for (path, text) in texts_of(out) {
            assert!(
                !text.contains("FUTURE-NOTICE") && !text.contains("CANARY"),
                "{} holds what is not published",
                path.display()
            );
        }
    }

    let records = validated(&open);
    let decisions = by_id(&records["decisions"]);
    assert_eq!(
        decisions.keys().map(String::as_str).collect::<Vec<_>>(),
        [
            "cab-2026-09-budget",
            "cab-2026-09-depot",
            "cab-2026-09-routes",
            "cabinet/2026-09-14/2/1",
            "mayor-2026-bus-fares",
            "mayor-2026-summer",
            "officer-grant",
        ],
        "every line of the register and every published record, once; not the later notice"
    );

    let plain = &decisions["cabinet/2026-09-14/2/1"];
    assert!(
        plain["record"].is_null(),
        "a line of the minutes has no record"
    );
    assert_eq!(
        plain["text"],
        "The minutes of the last meeting were approved."
    );

    let routes = &decisions["cab-2026-09-routes"];
    assert_eq!(
        (
            routes["board_id"].as_str(),
            routes["meeting_id"].as_str(),
            routes["item"].as_str()
        ),
        (Some("cabinet"), Some("cabinet/2026-09-14"), Some("3"))
    );
    let r = &routes["record"];
    assert_eq!(r["url"], format!("{BASE}decisions/cab-2026-09-routes/"));
    assert_eq!(r["title"], "Bus routes from April 2027");
    assert_eq!(r["status"], "open-to-call-in");
    assert_eq!(r["call_in_until"], "2026-09-22T17:00:00+01:00");
    assert!(r["took_effect"].is_null() && r["called_in"].is_null());
    assert_eq!(
        r["maker"],
        serde_json::json!({"type": "meeting", "organization_id": "cabinet", "meeting_id": "cabinet/2026-09-14",
            "person_id": null, "name": "Cabinet", "role": null, "delegation": null})
    );
    assert_eq!(
        (r["date_made"].as_str(), r["date_published"].as_str()),
        (Some("2026-09-14"), Some("2026-09-15"))
    );
    assert_eq!(
        (r["key_decision"].as_bool(), r["budget"].as_bool()),
        (Some(true), Some(false))
    );
    assert_eq!(r["reasons"], "The routes serve more people.", "plain text");
    assert_eq!(r["alternatives"], "Keeping the old routes.");
    assert!(r["recommended_to"].is_null() && r["urgent"].is_null());
    assert_eq!(
        r["reports"],
        serde_json::json!([{"paper_id": "cabinet/2026-09-14/3", "url": format!("{BASE}cabinet/2026-09-14/3-bus-routes/")}])
    );
    assert_eq!(
        r["declarations"],
        serde_json::json!([{"person_id": "di-fox", "name": "Cllr Di Fox", "interest": "She lives on one of the routes."}]),
        "the minutes' declaration on its item"
    );
    assert_eq!(r["motion_id"], "cab-2026-09-routes");
    assert_eq!(decisions["cab-2026-09-budget"]["record"]["budget"], true);

    let depot = &decisions["cab-2026-09-depot"];
    assert_eq!(
        (depot["item"].as_str(), depot["minute_url"].as_str()),
        (
            Some("5"),
            Some(format!("{BASE}cabinet/2026-09-14/minutes/#item-5").as_str())
        ),
        "an exempt item's public decision"
    );
    assert_eq!(depot["record"]["status"], "open-to-call-in");

    let mayor = &decisions["mayor-2026-bus-fares"];
    assert!(
        mayor["board_id"].is_null() && mayor["meeting_id"].is_null() && mayor["item"].is_null()
    );
    let m = &mayor["record"];
    assert_eq!(
        (
            m["maker"]["type"].as_str(),
            m["maker"]["person_id"].as_str(),
            m["maker"]["role"].as_str()
        ),
        (Some("member"), Some("jo-mayor"), Some("Mayor"))
    );
    assert_eq!(m["status"], "open-to-call-in");
    assert_eq!(m["declarations"][0]["person_id"], "ann-lee");
    assert!(m["motion_id"].is_null());
    let summer = &decisions["mayor-2026-summer"]["record"];
    assert_eq!(
        (summer["status"].as_str(), summer["took_effect"].as_str()),
        (Some("in-effect"), Some("2026-08-12")),
        "published Tuesday 4 August: called in by Tuesday the 11th, in effect on the 12th"
    );
    let grant = &decisions["officer-grant"]["record"];
    assert_eq!(
        (
            grant["maker"]["type"].as_str(),
            grant["maker"]["delegation"].as_str()
        ),
        (Some("officer"), Some("Scheme of delegation, paragraph 4.2"))
    );
    assert_eq!(
        (grant["status"].as_str(), grant["took_effect"].as_str()),
        (Some("in-effect"), Some("2026-09-16")),
        "not a key decision: in effect when made"
    );

    // Each maker's file: the board's, the members', the officers'.
    let index = read_json(&open.join("data/index.json"));
    let files: BTreeSet<(String, String)> = index["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["name"] == "decisions")
        .map(|f| {
            (
                f["board"]
                    .as_str()
                    .or(f["maker"].as_str())
                    .unwrap()
                    .to_string(),
                f["url"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        files,
        BTreeSet::from(
            [("cabinet", "cabinet"), ("member", "members"), ("officer", "officers")]
                .map(|(k, file)| (k.to_string(), format!("{BASE}data/decisions/{file}.json")))
        )
    );
    let members = read_json(&open.join("data/decisions/members.json"));
    assert!(
        members["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["record"]["maker"]["type"] == "member")
    );
    // The meeting's agenda names the decision by its record's id.
    let meeting = read_json(&open.join("data/meetings/cabinet.json"));
    assert_eq!(
        meeting["meetings"][0]["agenda"][1]["decision_ids"],
        serde_json::json!(["cab-2026-09-routes"]),
        "item 3, second on the agenda"
    );

    // After the deadline: in effect, from the working day after it.
    let records = validated(&after);
    let later = by_id(&records["decisions"]);
    let r = &later["cab-2026-09-routes"]["record"];
    assert_eq!(
        (r["status"].as_str(), r["took_effect"].as_str()),
        (Some("in-effect"), Some("2026-09-23"))
    );
    assert!(r["call_in_until"].is_null());
    assert_eq!(
        later["mayor-2026-bus-fares"]["record"]["status"],
        "in-effect"
    );

    // The same day's build is the same bytes.
    let again = build_at(&site, OPEN, "again");
    for rel in [
        "data/decisions/cabinet.json",
        "data/decisions/members.json",
        "data/motions.json",
        "data/vote_events.json",
        "data/decisions.csv",
        "data/index.json",
        "decisions/feed.xml",
        "calendar.ics",
        "cabinet/calendar.ics",
    ] {
        assert_eq!(
            std::fs::read(open.join(rel)).unwrap(),
            std::fs::read(again.join(rel)).unwrap(),
            "{rel}"
        );
    }
}

#[test]
fn votes_are_popolo_motions_and_vote_events() {
    let site = site();
    let out = build_at(&site, OPEN, "open");
    let records = validated(&out);
    let motions = by_id(&records["motions"]);
    let events = by_id(&records["vote_events"]);
    assert_eq!(
        motions.keys().map(String::as_str).collect::<Vec<_>>(),
        [
            "cab-2026-09-budget",
            "cab-2026-09-routes",
            "cab-2026-09-routes/amendment-1"
        ],
        "a motion per decision with a vote and per amendment"
    );
    assert_eq!(
        motions.keys().collect::<Vec<_>>(),
        events.keys().collect::<Vec<_>>()
    );

    let routes = &motions["cab-2026-09-routes"];
    assert_eq!(routes["organization_id"], "cabinet");
    assert_eq!(routes["creator_id"], "ann-lee", "the mover");
    assert_eq!(routes["text"], "The Cabinet approved the new routes.");
    assert_eq!(routes["classification"], "substantive");
    assert_eq!(routes["date"], "2026-09-14");
    assert_eq!(routes["result"], "pass", "7 for, 2 against");
    assert_eq!(
        routes["url"],
        format!("{BASE}decisions/cab-2026-09-routes/")
    );
    assert!(routes.get("requirement").is_none(), "left out");
    let amendment = &motions["cab-2026-09-routes/amendment-1"];
    assert_eq!(
        (
            amendment["classification"].as_str(),
            amendment["result"].as_str(),
            amendment["amends"].as_str(),
            amendment["decision_id"].as_str(),
            amendment["text"].as_str()
        ),
        (
            Some("amendment"),
            Some("fail"),
            Some("cab-2026-09-routes"),
            Some("cab-2026-09-routes"),
            Some("Add a review in 2027.")
        )
    );

    let counted = &events["cab-2026-09-routes"];
    assert_eq!(counted["motion_id"], "cab-2026-09-routes");
    assert_eq!(counted["start_date"], "2026-09-14");
    assert_eq!(counted["result"], "pass");
    assert_eq!(
        counted["counts"],
        serde_json::json!([{"option": "yes", "value": 4}, {"option": "no", "value": 1}, {"option": "abstain", "value": 1}])
    );
    assert_eq!(counted["votes"], serde_json::json!([]), "counts only");
    let option_of = |event: &Value| -> Vec<(Option<String>, String)> {
        event["votes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                (
                    v["voter_id"].as_str().map(str::to_string),
                    v["option"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let id = |s: &str| Some(s.to_string());
    assert_eq!(
        option_of(&events["cab-2026-09-routes/amendment-1"]),
        [
            (id("cy-dunn"), "yes".into()),
            (id("di-fox"), "yes".into()),
            (id("ann-lee"), "no".into()),
            (id("bo-hart"), "no".into()),
            (id("ed-gray"), "no".into())
        ]
    );
    assert_eq!(events["cab-2026-09-routes/amendment-1"]["result"], "fail");
    let budget = &events["cab-2026-09-budget"];
    assert_eq!(
        option_of(budget),
        [
            (id("ann-lee"), "yes".into()),
            (id("bo-hart"), "yes".into()),
            (id("ed-gray"), "yes".into()),
            (id("cy-dunn"), "no".into()),
            (None, "abstain".into())
        ],
        "someone without a person file has no id"
    );
    assert_eq!(budget["votes"][4]["name"], "Cllr Someone Else");
    assert_eq!(
        budget["counts"],
        serde_json::json!([{"option": "yes", "value": 3}, {"option": "no", "value": 1}, {"option": "abstain", "value": 1}])
    );

    // Every id refers to a record: motions to decisions and boards, votes to persons.
    let decisions = by_id(&records["decisions"]);
    let persons = by_id(&records["persons"]);
    let organizations = by_id(&records["organizations"]);
    for m in motions.values() {
        assert!(
            decisions.contains_key(m["decision_id"].as_str().unwrap()),
            "{m}"
        );
        assert!(
            organizations.contains_key(m["organization_id"].as_str().unwrap()),
            "{m}"
        );
        if let Some(creator) = m["creator_id"].as_str() {
            assert!(persons.contains_key(creator), "{m}");
        }
    }
    for e in events.values() {
        assert!(
            motions.contains_key(e["motion_id"].as_str().unwrap()),
            "{e}"
        );
        for v in e["votes"].as_array().unwrap() {
            if let Some(voter) = v["voter_id"].as_str() {
                assert!(persons.contains_key(voter), "{v}");
            }
        }
    }
    for d in decisions.values() {
        if let Some(motion) = d["record"]["motion_id"].as_str() {
            assert!(motions.contains_key(motion), "{d}");
        }
    }
}

/// The CSV's rows, header first.
fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        !bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
        "no byte-order mark"
    );
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(text.ends_with("\r\n"), "CRLF line ends (RFC 4180)");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.expect("a CSV row").iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn the_decisions_register_is_a_spreadsheet() {
    let site = site();
    let open = build_at(&site, OPEN, "open");
    let after = build_at(&site, AFTER, "after");
    let rows = read_csv(&open.join("data/decisions.csv"));
    assert_eq!(
        rows[0],
        [
            "id",
            "date_made",
            "date_published",
            "maker",
            "item",
            "title",
            "decision",
            "status",
            "status_date",
            "key_decision",
            "url"
        ]
    );
    let data = &rows[1..];
    assert!(data.iter().all(|r| r.len() == 11));
    let dates: Vec<&str> = data.iter().map(|r| r[1].as_str()).collect();
    let mut newest_first = dates.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, newest_first, "newest first");
    let ids: BTreeSet<&str> = data.iter().map(|r| r[0].as_str()).collect();
    let json = validated(&open);
    assert_eq!(
        ids,
        json["decisions"]
            .iter()
            .map(|d| d["id"].as_str().unwrap())
            .collect::<BTreeSet<_>>(),
        "one row per decision, as the data files hold them"
    );
    let row = |rows: &[Vec<String>], id: &str| -> Vec<String> {
        rows.iter()
            .find(|r| r[0] == id)
            .unwrap_or_else(|| panic!("a row for {id}"))
            .clone()
    };
    assert_eq!(
        row(data, "cab-2026-09-routes"),
        [
            "cab-2026-09-routes",
            "2026-09-14",
            "2026-09-15",
            "Cabinet",
            "3",
            "Bus routes from April 2027",
            "The Cabinet approved the new routes.",
            "open-to-call-in",
            "2026-09-22 17:00",
            "yes",
            "https://papers.example.org/decisions/cab-2026-09-routes/"
        ]
    );
    assert_eq!(
        row(data, "cab-2026-09-budget")[6],
        "The Cabinet agreed the revised budget, \"as amended\", for 2026/27.",
        "quotes and commas survive"
    );
    let mayor = row(data, "mayor-2026-bus-fares");
    assert_eq!(
        (mayor[3].as_str(), mayor[4].as_str()),
        ("Mayor (Cllr Jo Mayor)", "")
    );
    let plain = row(data, "cabinet/2026-09-14/2/1");
    assert_eq!(
        (plain[6].as_str(), plain[7].as_str(), plain[10].as_str()),
        (
            "The minutes of the last meeting were approved.",
            "",
            "https://papers.example.org/cabinet/2026-09-14/minutes/#item-2"
        ),
        "Markdown stripped; a line of the minutes has no status"
    );
    let later = read_csv(&after.join("data/decisions.csv"));
    let routes = row(&later[1..], "cab-2026-09-routes");
    assert_eq!(
        (routes[7].as_str(), routes[8].as_str()),
        ("in-effect", "2026-09-23")
    );

    // Listed in the index, apart from the JSON files, and linked from the data page.
    let index = read_json(&open.join("data/index.json"));
    let tables = index["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0]["url"], format!("{BASE}data/decisions.csv"));
    assert_eq!(tables[0]["media_type"], "text/csv");
    assert_eq!(tables[0]["records"].as_u64(), Some(data.len() as u64));
    assert_eq!(
        tables[0]["size"].as_u64(),
        Some(
            std::fs::metadata(open.join("data/decisions.csv"))
                .unwrap()
                .len()
        )
    );
    assert_eq!(tables[0]["columns"].as_array().unwrap().len(), 11);
    let page = Built::at(&open).page("/data/");
    assert!(
        select(&page, "a")
            .iter()
            .any(|a| a.value().attr("href") == Some("/data/decisions.csv")),
        "the data page links to the CSV"
    );
    let boards = texts(&page, "table.data-files tbody th");
    assert!(
        boards.iter().any(|t| t == "Executive members")
            && boards.iter().any(|t| t == "Officers (delegated decisions)"),
        "{boards:?}"
    );
}

/// An Atom entry, read back.
#[derive(Debug)]
struct Entry {
    id: String,
    updated: String,
    published: Option<String>,
    author: String,
    categories: Vec<String>,
    summary: String,
}

fn read_feed(path: &Path) -> (String, Vec<Entry>) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc =
        roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")));
    let child = |node: roxmltree::Node<'_, '_>, name: &str| {
        node.children()
            .find(|n| n.has_tag_name((ATOM, name)))
            .and_then(|n| n.text())
            .map(str::to_string)
    };
    let entries = feed
        .children()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
        .map(|e| Entry {
            id: child(e, "id").expect("id"),
            updated: child(e, "updated").expect("updated"),
            published: child(e, "published"),
            author: e
                .children()
                .find(|n| n.has_tag_name((ATOM, "author")))
                .and_then(|a| child(a, "name"))
                .expect("author"),
            categories: e
                .children()
                .filter(|n| n.has_tag_name((ATOM, "category")))
                .filter_map(|c| c.attribute("term").map(str::to_string))
                .collect(),
            summary: child(e, "summary").expect("summary"),
        })
        .collect();
    (child(feed, "updated").expect("feed updated"), entries)
}

#[test]
fn the_decisions_feed_says_each_status_and_is_updated_when_it_changes() {
    let site = site();
    let open = build_at(&site, OPEN, "open");
    let after = build_at(&site, AFTER, "after");
    let (updated, entries) = read_feed(&open.join("decisions/feed.xml"));
    let ids: Vec<&str> = entries
        .iter()
        .map(|e| {
            e.id.strip_prefix(BASE)
                .unwrap()
                .trim_start_matches("decisions/")
                .trim_end_matches('/')
        })
        .collect();
    assert_eq!(
        ids,
        [
            "officer-grant",
            "cab-2026-09-budget",
            "cab-2026-09-depot",
            "cab-2026-09-routes",
            "mayor-2026-bus-fares",
            "mayor-2026-summer"
        ],
        "newest published first (then by page); the later notice is not out"
    );
    assert_eq!(updated, "2026-09-17T00:00:00+01:00", "the newest entry's");
    let entry = |entries: &[Entry], id: &str| -> usize {
        entries
            .iter()
            .position(|e| e.id == format!("{BASE}decisions/{id}/"))
            .unwrap_or_else(|| panic!("an entry for {id}"))
    };
    let routes = &entries[entry(&entries, "cab-2026-09-routes")];
    assert_eq!(routes.updated, "2026-09-15T00:00:00+01:00");
    assert_eq!(
        routes.published.as_deref(),
        Some("2026-09-15T00:00:00+01:00")
    );
    assert_eq!(routes.author, "Cabinet");
    assert_eq!(routes.categories, ["open-to-call-in", "cabinet"]);
    assert_eq!(
        routes.summary,
        "Can be called in until Tuesday 22 September 2026, 5pm.\n\nThe Cabinet approved the new routes."
    );
    let mayor = &entries[entry(&entries, "mayor-2026-bus-fares")];
    assert_eq!(mayor.author, "Mayor (Cllr Jo Mayor)");

    let (updated, entries) = read_feed(&after.join("decisions/feed.xml"));
    let routes = &entries[entry(&entries, "cab-2026-09-routes")];
    assert_eq!(
        routes.updated, "2026-09-23T00:00:00+01:00",
        "updated when it took effect"
    );
    assert_eq!(
        routes.published.as_deref(),
        Some("2026-09-15T00:00:00+01:00")
    );
    assert!(
        routes
            .summary
            .starts_with("Took effect on Wednesday 23 September 2026.\n\n"),
        "{}",
        routes.summary
    );
    assert_eq!(routes.categories[0], "in-effect");
    assert_eq!(updated, "2026-09-23T00:00:00+01:00");

    // Advertised on every page, as the other feeds are; a site without records has no such feed.
    let home = Built::at(&open).page("/");
    let feeds: Vec<&str> = select(&home, "link[rel=alternate][type='application/atom+xml']")
        .iter()
        .filter_map(|l| l.value().attr("href"))
        .collect();
    assert_eq!(feeds, ["/feed.xml", "/decisions/feed.xml"]);
    let plain = TestSite::minimal();
    let built = plain.build();
    assert!(!built.exists("/decisions/feed.xml"));
    assert!(select(&built.page("/"), "link[href='/decisions/feed.xml']").is_empty());
}

/// The events of an .ics file: each property's value (unescaped, unfolded), by name.
fn read_events(path: &Path) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    for line in text.split_terminator("\r\n") {
        assert!(line.len() <= 75 && !line.contains('\n'), "{line:?}");
    }
    let unfolded = icalendar::parser::unfold(&text);
    let parsed = icalendar::parser::read_calendar(&unfolded)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    parsed
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .map(|c| {
            c.properties
                .iter()
                .map(|p| (p.name.as_str().to_string(), p.val.as_str().to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn call_in_deadlines_are_calendar_events() {
    let site = site();
    let open = build_at(&site, OPEN, "open");
    let after = build_at(&site, AFTER, "after");
    let deadlines = |path: &Path| -> Vec<BTreeMap<String, String>> {
        read_events(path)
            .into_iter()
            .filter(|e| {
                e.get("SUMMARY")
                    .is_some_and(|s| s.starts_with("Call-in deadline: "))
            })
            .collect()
    };
    let all = deadlines(&open.join("calendar.ics"));
    let summaries: Vec<&str> = all.iter().map(|e| e["SUMMARY"].as_str()).collect();
    assert_eq!(
        summaries,
        [
            "Call-in deadline: Budget",
            "Call-in deadline: Depot",
            "Call-in deadline: Bus routes from April 2027",
            "Call-in deadline: The fare cap of £2 is extended to March 2027."
        ],
        "each deadline from the day of the first meeting on; not the summer's (before it), nor the officer's (not open to call-in)"
    );
    let routes = &all[2];
    assert_eq!(
        routes["DTSTART"], "20260922T160000Z",
        "5pm in London in September"
    );
    assert!(!routes.contains_key("DTEND"), "a moment");
    assert_eq!(
        routes["URL"],
        format!("{BASE}decisions/cab-2026-09-routes/")
    );
    assert_eq!(
        routes["UID"],
        "cab-2026-09-routes-call-in@papers.example.org"
    );
    assert_eq!(
        routes["DTSTAMP"], "20260915T000000Z",
        "from the content, not the clock"
    );
    let events = read_events(&open.join("calendar.ics"));
    let uids: BTreeSet<&str> = events.iter().map(|e| e["UID"].as_str()).collect();
    assert_eq!(uids.len(), events.len(), "UIDs are unique");

    let board = deadlines(&open.join("cabinet/calendar.ics"));
    assert_eq!(
        board.iter().map(|e| e["UID"].as_str()).collect::<Vec<_>>(),
        [
            "cab-2026-09-budget-call-in@papers.example.org",
            "cab-2026-09-depot-call-in@papers.example.org",
            "cab-2026-09-routes-call-in@papers.example.org"
        ],
        "the board's calendar: its meetings' decisions only"
    );
    // The deadline stays one event, with the same UID, once passed.
    let later = deadlines(&after.join("calendar.ics"));
    assert_eq!(
        later.iter().map(|e| &e["UID"]).collect::<Vec<_>>(),
        all.iter().map(|e| &e["UID"]).collect::<Vec<_>>()
    );
}

/// `check` counts the decisions files (members' and officers' too) as `build` writes them.
#[test]
fn check_counts_the_decisions_files_build_writes() {
    let site = site();
    let built = site.build();
    let counts = |html: &scraper::Html| texts(html, "table.data-files tbody td");
    let files = site.check_pages();
    let page =
        scraper::Html::parse_document(std::str::from_utf8(&files["data/index.html"]).unwrap());
    let from_build = counts(&built.page("/data/"));
    assert_eq!(counts(&page), from_build);
    assert!(
        from_build.iter().any(|c| c.contains("members")),
        "{from_build:?}"
    );
}
