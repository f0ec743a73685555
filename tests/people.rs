//! People as records (issue 29): every person named in the example site has a page, linked from
//! every place they are named, and attendance is counted from the published minutes as the hand
//! counts below say. Small sites of their own hold the harder cases: substitutes, mid-year joiners
//! and leavers, cancelled meetings and unpublished minutes.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::*;
use scraper::Html;

/// The attendance table of a person's page: board title → the row's cells after it (expected,
/// present, apologies, absent, as substitute, attendance).
fn attendance(html: &Html) -> BTreeMap<String, Vec<String>> {
    let mut rows = BTreeMap::new();
    for row in select(html, "table.attendance tbody tr") {
        let board = select_in(row, "th")
            .into_iter()
            .map(text)
            .next()
            .unwrap_or_default();
        let cells: Vec<String> = select_in(row, "td")
            .into_iter()
            .map(|td| text(td).split(' ').next().unwrap_or("").to_string())
            .collect();
        rows.insert(board, cells);
    }
    rows
}

const TRANSPORT: &str = "Transport and Infrastructure Board";

/// Every person file of the example has a page, and every name on every board page and minutes
/// page (members, attendance, declarations) links to one.
#[test]
fn every_person_in_the_example_has_a_page_linked_wherever_they_are_named() {
    let site = TestSite::example();
    let built = site.build_ok(&["--no-pdf"]);
    let ids: BTreeSet<String> = std::fs::read_dir(site.path("content/people"))
        .expect("the example has people")
        .map(|e| {
            let path = e.expect("entry").path();
            path.file_stem()
                .expect("a name")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert!(
        ids.len() > 40,
        "the example names its members and officers: {}",
        ids.len()
    );
    for id in &ids {
        let page = built.page(&format!("/people/{id}/"));
        assert_eq!(select(&page, "h1").len(), 1, "{id}: one h1");
    }
    let index = built.page("/people/");
    let linked: BTreeSet<String> = doc_hrefs(&index)
        .into_iter()
        .filter_map(|h| {
            h.strip_prefix("/people/")
                .map(|r| r.trim_end_matches('/').to_string())
        })
        .filter(|r| !r.is_empty())
        .collect();
    assert_eq!(linked, ids, "the index links everyone");

    let mut named = 0;
    for page in [
        "/transport-board/",
        "/children-board/",
        "/transport-board/2026-06-16/minutes/",
        "/transport-board/2026-09-15/minutes/",
        "/children-board/2026-07-07/minutes/",
    ] {
        let html = built.page(page);
        for name in select(&html, ".membership th[scope=row], .person-name") {
            named += 1;
            let links = hrefs(name);
            assert!(
                links.iter().any(|h| h.starts_with("/people/")),
                "{page}: `{}` is not linked to a person's page",
                text(name)
            );
        }
    }
    assert!(named > 60, "names were found to check: {named}");
    // A member written by id only is shown by their name, never as an empty cell.
    let board = built.page("/transport-board/");
    assert!(
        texts(&board, ".membership th[scope=row]")
            .iter()
            .all(|t| !t.trim().is_empty()),
        "every member has a name"
    );
    // The navigation has People.
    assert!(doc_hrefs(&board).contains(&"/people/".to_string()));
}

/// The example's transport board, counted by hand from its minutes of 16 June, 15 September and
/// 3 November 2026 (the last published unconfirmed, on 5 November).
#[test]
fn attendance_in_the_example_matches_the_hand_count() {
    let site = TestSite::example();
    let built = site.build_ok(&["--no-pdf"]);
    // expected, present, apologies, absent, as substitute, percentage
    let cases: &[(&str, [&str; 6])] = &[
        ("daniel-okonjo", ["3", "3", "0", "0", "0", "100%"]),
        ("sarah-pennington", ["3", "2", "1", "0", "0", "67%"]),
        ("richard-stannard", ["3", "1", "2", "0", "0", "33%"]),
        ("graham-tully", ["3", "2", "1", "0", "0", "67%"]),
        // Left on 31 August: only June counts.
        ("ruth-elderkin", ["1", "0", "1", "0", "0", "0%"]),
        // Joined on 1 September: only September and November count.
        ("hannah-brightwell", ["2", "2", "0", "0", "0", "100%"]),
        // Named substitutes are expected at nothing; their attendance is their own.
        ("tom-garside", ["0", "0", "0", "0", "1", "No"]),
        ("peter-ainsworth", ["0", "0", "0", "0", "1", "No"]),
    ];
    for (id, want) in cases {
        let rows = attendance(&built.page(&format!("/people/{id}/")));
        let row = rows
            .get(TRANSPORT)
            .unwrap_or_else(|| panic!("{id} has a transport row: {rows:?}"));
        assert_eq!(row, &want.map(str::to_string).to_vec(), "{id}");
    }
    // The leaver is listed as a former member on the board's page, with their dates.
    let board = built.page("/transport-board/");
    let former = section_by_heading(&board, "Membership");
    assert!(text(former).contains("Former members"));
    assert!(
        text(former).contains("until Monday 31 August 2026"),
        "{}",
        text(former)
    );
}

/// A small site for the hard cases of counting, with every figure worked out by hand.
fn counting_site() -> TestSite {
    let person = |name: &str| format!("---\nname: {name}\nhonorific: Cllr\n---\n");
    let meeting = |date: &str, status: &str| {
        format!("---\nmeeting: audit-board\ndate: {date}\nstatus: {status}\n---\n")
    };
    let minutes = |date: &str, status: &str, attendance: &str| {
        format!(
            "---\nmeeting: audit-board\ndate: {date}\nstatus: {status}\nattendance:\n{attendance}---\n"
        )
    };
    TestSite::minimal()
        .file("content/people/ann-ash.md", &person("Ann Ash"))
        .file("content/people/bob-birch.md", &person("Bob Birch"))
        .file("content/people/cy-cedar.md", &person("Cy Cedar"))
        .file("content/people/di-dogwood.md", &person("Di Dogwood"))
        .file(
            "content/audit-board/board.md",
            "---\ntitle: Audit Board\nslug: audit-board\nmembership:\n  - group: Members\n    members:\n      - person: ann-ash\n        role: Chair\n      - person: bob-birch\n        end_date: 2026-04-30\n      - person: cy-cedar\n        start_date: 2026-05-01\n      - person: di-dogwood\n        substitute: true\n---\nA board.\n",
        )
        // February: everyone then a member there; Bob sends Di in his place.
        .file("content/audit-board/2026-02-10/meeting.md", &meeting("2026-02-10", "held"))
        .file(
            "content/audit-board/2026-02-10/minutes.md",
            &minutes(
                "2026-02-10",
                "approved",
                "  present: [Cllr Ann Ash]\n  substitutes:\n    - person: di-dogwood\n      substituting: bob-birch\n",
            ),
        )
        // March: held, Bob recorded nowhere (absent).
        .file("content/audit-board/2026-03-10/meeting.md", &meeting("2026-03-10", "held"))
        .file(
            "content/audit-board/2026-03-10/minutes.md",
            &minutes("2026-03-10", "approved", "  apologies: [Cllr Ann Ash]\n"),
        )
        // April: cancelled, with minutes that must not count.
        .file("content/audit-board/2026-04-14/meeting.md", &meeting("2026-04-14", "cancelled"))
        .file(
            "content/audit-board/2026-04-14/minutes.md",
            &minutes("2026-04-14", "approved", "  present: [Cllr Ann Ash, Cllr Bob Birch]\n"),
        )
        // June: Cy has joined, Bob has left.
        .file("content/audit-board/2026-06-09/meeting.md", &meeting("2026-06-09", "held"))
        .file(
            "content/audit-board/2026-06-09/minutes.md",
            &minutes("2026-06-09", "approved", "  present: [Cllr Ann Ash, Cllr Cy Cedar]\n"),
        )
        // July: minutes still a draft, so not published, so not counted.
        .file("content/audit-board/2026-07-07/meeting.md", &meeting("2026-07-07", "held"))
        .file(
            "content/audit-board/2026-07-07/minutes.md",
            &minutes("2026-07-07", "draft", "  present: [Cllr Cy Cedar]\n"),
        )
}

#[test]
fn attendance_counts_only_held_meetings_with_published_minutes_within_each_members_dates() {
    let site = counting_site();
    let built = site.build_ok(&["--no-pdf"]);
    // expected, present, apologies, absent, as substitute, percentage
    let cases: &[(&str, [&str; 6])] = &[
        // Feb present, Mar apologies, Jun present (Apr cancelled, Jul unpublished).
        ("ann-ash", ["3", "2", "1", "0", "0", "67%"]),
        // Feb sent a substitute (apologies), Mar absent; left before June.
        ("bob-birch", ["2", "0", "1", "1", "0", "0%"]),
        // Joined in May: June only.
        ("cy-cedar", ["1", "1", "0", "0", "0", "100%"]),
        // A named substitute: expected at nothing, attended once as a substitute.
        ("di-dogwood", ["0", "0", "0", "0", "1", "No"]),
    ];
    for (id, want) in cases {
        let html = built.page(&format!("/people/{id}/"));
        let rows = attendance(&html);
        assert_eq!(
            rows.get("Audit Board"),
            Some(&want.map(str::to_string).to_vec()),
            "{id}: {rows:?}"
        );
    }
    // The substitute's page lists the meeting they attended, in that capacity.
    let di = built.page("/people/di-dogwood/");
    let attended = text(section_by_heading(&di, "Meetings attended"));
    assert!(
        attended.contains("10 February 2026") && attended.contains("substitute"),
        "{attended}"
    );
    // The minutes say whom Di substituted for, linked.
    let minutes = built.page("/audit-board/2026-02-10/minutes/");
    let subs = section_by_heading(&minutes, "Attendance");
    assert!(
        hrefs(subs).contains(&"/people/bob-birch/".to_string()),
        "{:?}",
        hrefs(subs)
    );
    // Bob has left: past members on the index, "Former members" on the board.
    let index = built.page("/people/");
    assert!(text(section_by_heading(&index, "Past members")).contains("Bob Birch"));
}

/// A name written differently in two minutes resolves to one person through `other_names`, and a
/// site without any person file keeps its names as plain text, with no new warnings.
#[test]
fn other_spellings_resolve_and_sites_without_people_are_unchanged() {
    let site = TestSite::example();
    let built = site.build_ok(&["--no-pdf"]);
    for page in [
        "/transport-board/2026-06-16/minutes/",
        "/transport-board/2026-09-15/minutes/",
    ] {
        let html = built.page(page);
        assert!(
            doc_hrefs(&html).contains(&"/people/richard-stannard/".to_string()),
            "{page} links Cllr Stannard however it spells him"
        );
    }
    let plain = TestSite::minimal().file(
        "content/audit-board/2026-12-01/minutes.md",
        "---\nmeeting: audit-board\ndate: 2026-12-01\nstatus: approved\nattendance:\n  present: [Cllr Nobody Known]\n---\n",
    );
    let output = plain.check(&["--deny-warnings"]);
    assert_success(&output, "a site without people files checks clean");
    let built = plain.build_ok(&["--no-pdf"]);
    assert!(!built.exists("/people/"));
}

/// `site.yaml` names the kind of body: the navigation and the list say "Committees" at
/// `/committees/`, and `/boards/` still leads there.
#[test]
fn bodies_can_be_called_committees_and_the_old_address_still_works() {
    let site = TestSite::minimal();
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        format!("{yaml}\nbodies:\n  label: Committees\n  path: committees\n"),
    );
    let built = site.build_ok(&["--no-pdf"]);
    let list = built.page("/committees/");
    assert_eq!(only_h1(&list, "committees index"), "Committees");
    let home = built.page("/");
    let nav: Vec<String> = texts(&home, ".site-nav a");
    assert!(nav.contains(&"Committees".to_string()), "{nav:?}");
    assert!(!nav.contains(&"Boards".to_string()), "{nav:?}");
    let moved = built.page("/boards/");
    assert_eq!(
        attr(&moved, "meta[http-equiv=refresh]", "content").as_deref(),
        Some("0; url=/committees/")
    );
    assert!(doc_hrefs(&moved).contains(&"/committees/".to_string()));
    // Without the setting, the list stays at /boards/.
    let plain = TestSite::minimal();
    let built = plain.build_ok(&["--no-pdf"]);
    assert_eq!(
        only_h1(&built.page("/boards/"), "boards index"),
        "Boards and committees"
    );
}

/// A person's photo is published beside the site's other linked files and shown with its text
/// alternative; a photo that is not there is a warning at its line, and the page has no image.
#[test]
fn a_persons_photo_is_published_with_its_alt_text() {
    let site = TestSite::minimal()
        .file(
            "content/people/ann-ash.md",
            "---\nname: Ann Ash\nhonorific: Cllr\nphoto:\n  file: photos/ann-ash.jpg\n  alt: Cllr Ann Ash, smiling, in front of the town hall\n---\n",
        )
        .file(
            "content/people/bob-birch.md",
            "---\nname: Bob Birch\nphoto:\n  file: photos/missing.jpg\n  alt: Bob Birch\n---\n",
        );
    site.write(
        "content/people/photos/ann-ash.jpg",
        b"\xff\xd8\xff\xe0 a stand-in JPEG",
    );
    let output = site.check(&[]);
    assert!(
        stderr(&output).contains("BP030") && stderr(&output).contains("photos/missing.jpg"),
        "{}",
        stderr(&output)
    );
    let built = site.build_ok(&["--no-pdf"]);
    let page = built.page("/people/ann-ash/");
    let src = attr(&page, "img.portrait", "src").expect("a photo");
    assert_eq!(
        attr(&page, "img.portrait", "alt").as_deref(),
        Some("Cllr Ann Ash, smiling, in front of the town hall")
    );
    assert!(built.exists(&src), "the photo is published at {src}");
    assert!(select(&built.page("/people/bob-birch/"), "img").is_empty());
}
