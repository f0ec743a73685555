//! Builds the bundled example site (the Kestrel Valley Combined Authority) with the built-in default theme
//! and checks the published pages by their parsed HTML.

mod common;

use std::collections::BTreeSet;

use common::*;

const SITE_TITLE: &str = "Kestrel Valley Combined Authority – Meetings and papers";
const MEETING: &str = "/transport-board/2026-06-16/";
const PAPER: &str = "/transport-board/2026-06-16/3-bus-franchising-consultation/";
const MINUTES: &str = "/transport-board/2026-06-16/minutes/";
const APPENDIX: &str =
    "/transport-board/2026-06-16/3-bus-franchising-consultation/consultation-summary/";
const CSV: &str = "/transport-board/2026-06-16/3-bus-franchising-consultation/route-patronage.csv";

/// Every kind of page, with the one h1 it must have.
const PAGES: &[(&str, &str)] = &[
    ("/", SITE_TITLE),
    ("/transport-board/", "Transport and Infrastructure Board"),
    ("/children-board/", "Children and Young People Board"),
    (MEETING, "Transport and Infrastructure Board, 16 June 2026"),
    (
        PAPER,
        "Bus franchising: outcome of the consultation and next steps",
    ),
    (
        MINUTES,
        "Minutes: Transport and Infrastructure Board, 16 June 2026",
    ),
    (APPENDIX, "Appendix 1: Summary of consultation responses"),
    ("/about-these-papers/", "About these papers"),
    ("/accessibility/", "Accessibility statement"),
    ("/404.html", "Page not found"),
];

/// Every page type is published at its documented URL, with exactly one h1 naming it.
#[test]
fn every_page_type_exists_with_one_h1() {
    let site = TestSite::example();
    let built = site.build();
    for (url, h1) in PAGES {
        let page = built.page(url);
        assert_eq!(only_h1(&page, url), *h1, "h1 of {url}");
    }
}

/// A file attached to a paper (the CSV) is copied unchanged next to the paper, and the paper links to it.
#[test]
fn attached_csv_is_copied_next_to_its_paper() {
    let site = TestSite::example();
    let built = site.build();
    let source = std::fs::read(
        site.path("content/transport-board/2026-06-16/appendices/route-patronage.csv"),
    )
    .unwrap();
    let copied =
        std::fs::read(built.file_for(CSV)).expect("the CSV is in the output next to its paper");
    assert_eq!(copied, source, "the attached CSV is copied byte for byte");
    let paper = built.page(PAPER);
    assert!(
        doc_hrefs(&paper).iter().any(|h| h == CSV),
        "the paper links to its CSV: {:?}",
        doc_hrefs(&paper)
    );
    assert!(
        doc_hrefs(&paper).iter().any(|h| h == APPENDIX),
        "the paper links to its Markdown appendix"
    );
}

/// Every page declares its language, starts with a skip link to the main content, and has `main#main`.
#[test]
fn every_page_has_lang_skip_link_and_main() {
    let site = TestSite::example();
    let built = site.build();
    let files = built.html_files();
    assert!(
        files.len() >= 40,
        "the example site has dozens of pages, found {}",
        files.len()
    );
    for rel in files {
        let page = built.parse_file(&rel);
        let name = rel.display();
        assert_eq!(
            attr(&page, "html", "lang").as_deref(),
            Some("en-GB"),
            "{name}: <html lang>"
        );
        let first_link = select(&page, "a[href]")
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("{name}: no links"));
        assert_eq!(
            first_link.value().attr("href"),
            Some("#main"),
            "{name}: the first link is the skip link"
        );
        assert!(
            !text(first_link).is_empty(),
            "{name}: the skip link has text"
        );
        let mains = select(&page, "main");
        assert_eq!(mains.len(), 1, "{name}: one <main>");
        assert_eq!(
            mains[0].value().attr("id"),
            Some("main"),
            "{name}: <main id=\"main\">"
        );
    }
}

/// The agenda table lists items in ascending order, items with papers link to them, a verbal item has no link.
#[test]
fn meeting_agenda_is_in_order_and_links_to_papers() {
    let site = TestSite::example();
    let built = site.build();
    let page = built.page(MEETING);
    let agenda = section_by_heading(&page, "Agenda");
    let tables = select_in(agenda, "table");
    assert_eq!(tables.len(), 1, "the agenda is one table");
    let rows = select_in(tables[0], "tbody tr");
    let mut items: Vec<(u32, String, Option<String>)> = Vec::new();
    for row in rows {
        let first_cell = select_in(row, "th, td")
            .into_iter()
            .next()
            .expect("a row has cells");
        let number: u32 = text(first_cell)
            .parse()
            .unwrap_or_else(|_| panic!("item number cell: {:?}", text(first_cell)));
        let link = hrefs(row).into_iter().next();
        items.push((number, text(row), link));
    }
    let numbers: Vec<u32> = items.iter().map(|i| i.0).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7], "agenda items in order");

    let base = "/transport-board/2026-06-16/";
    let expected_links = [
        (1, None),
        (2, None),
        (3, Some(format!("{base}3-bus-franchising-consultation/"))),
        (4, Some(format!("{base}4-local-transport-plan-engagement/"))),
        (5, Some(format!("{base}5-transport-capital-programme/"))),
        (6, Some(format!("{base}6-active-travel-tranche-5/"))),
        (7, None),
    ];
    for ((number, row_text, link), (n, expected)) in items.iter().zip(expected_links) {
        assert_eq!(*number, n);
        assert_eq!(
            link, &expected,
            "item {n} ({row_text}) links to its paper, or to nothing"
        );
        if let Some(url) = link {
            assert!(built.exists(url), "item {n}'s paper page exists at {url}");
        }
    }
    assert!(
        items[6].1.contains("Harwick Station Gateway"),
        "item 7 is the verbal update: {}",
        items[6].1
    );
}

/// A paper links to its meeting; a held meeting links to its minutes; the minutes link back to the paper.
#[test]
fn paper_meeting_and_minutes_link_to_each_other() {
    let site = TestSite::example();
    let built = site.build();
    let paper = built.page(PAPER);
    assert!(
        doc_hrefs(&paper).iter().any(|h| h == MEETING),
        "paper → meeting: {:?}",
        doc_hrefs(&paper)
    );

    let meeting = built.page(MEETING);
    assert!(
        doc_hrefs(&meeting).iter().any(|h| h == MINUTES),
        "meeting → minutes: {:?}",
        doc_hrefs(&meeting)
    );

    let minutes = built.page(MINUTES);
    let links = doc_hrefs(&minutes);
    assert!(
        links.iter().any(|h| h == PAPER),
        "minutes → item 3's paper: {links:?}"
    );
    assert!(
        links.iter().any(|h| h == MEETING),
        "minutes → meeting: {links:?}"
    );
}

/// Numbered paragraphs get permanent anchors (#p1, #p2, #p2.1) with a visible link on the number.
#[test]
fn paper_paragraphs_have_anchors_with_self_links() {
    let site = TestSite::example();
    let built = site.build();
    let paper = built.page(PAPER);
    let ids: Vec<String> = select(&paper, "[id]")
        .into_iter()
        .filter_map(|e| e.value().attr("id").map(str::to_string))
        .collect();
    let is_para = |id: &str, sub: bool| {
        id.strip_prefix('p').is_some_and(|rest| {
            let parts: Vec<&str> = rest.split('.').collect();
            parts.len() == if sub { 2 } else { 1 }
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        })
    };
    let sub_ids: Vec<&String> = ids.iter().filter(|id| is_para(id, true)).collect();
    assert!(
        ids.iter().any(|i| i == "p1") && ids.iter().any(|i| i == "p2"),
        "p1 and p2 exist: {ids:?}"
    );
    assert!(
        !sub_ids.is_empty(),
        "at least one sub-paragraph pN.M: {ids:?}"
    );

    let mut checked: Vec<&str> = vec!["p1", "p2"];
    checked.extend(sub_ids.iter().map(|s| s.as_str()));
    for id in checked {
        let element = select(&paper, &format!("[id=\"{id}\"]"));
        assert_eq!(element.len(), 1, "one element with id {id}");
        let own_link = select_in(element[0], "a.para-num").into_iter().next();
        let own_link = own_link.unwrap_or_else(|| panic!("#{id} has an a.para-num link"));
        assert_eq!(
            own_link.value().attr("href"),
            Some(format!("#{id}").as_str()),
            "#{id}'s number links to itself"
        );
    }
    // The in-text reference to paragraph 13 points at an anchor that exists.
    assert!(ids.iter().any(|i| i == "p13"));
}

/// The home page's "Upcoming meetings" lists the meetings on or after the build date, and no past one.
#[test]
fn home_lists_upcoming_meetings_only() {
    let site = TestSite::example();
    let built = site.build();
    let home = built.page("/");
    let upcoming = section_by_heading(&home, "Upcoming meetings");
    let is_meeting_url = |h: &str| {
        let parts: Vec<&str> = h.trim_matches('/').split('/').collect();
        h.ends_with('/')
            && parts.len() == 2
            && parts[1].len() == 10
            && parts[1].as_bytes()[4] == b'-'
    };
    let listed: BTreeSet<String> = hrefs(upcoming)
        .into_iter()
        .filter(|h| is_meeting_url(h))
        .collect();
    let expected: BTreeSet<String> = [
        "/transport-board/2026-12-08/",
        "/children-board/2027-01-19/",
        "/transport-board/2027-03-10/",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(listed, expected, "upcoming meetings on or after {AS_OF}");
    // Soonest first.
    let order: Vec<String> = hrefs(upcoming)
        .into_iter()
        .filter(|h| is_meeting_url(h))
        .collect();
    assert_eq!(
        order,
        [
            "/transport-board/2026-12-08/",
            "/children-board/2027-01-19/",
            "/transport-board/2027-03-10/"
        ]
    );
}

/// Every internal link on every page leads to a file of the output.
#[test]
fn every_internal_link_resolves() {
    let site = TestSite::example();
    let built = site.build();
    let mut broken = Vec::new();
    let mut checked = 0;
    for rel in built.html_files() {
        let page = built.parse_file(&rel);
        for href in doc_hrefs(&page).into_iter().filter(|h| h.starts_with('/')) {
            checked += 1;
            if !built.exists(&href) {
                broken.push(format!("{} → {href}", rel.display()));
            }
        }
    }
    assert!(
        checked > 500,
        "a real number of links was checked ({checked})"
    );
    assert!(
        broken.is_empty(),
        "broken internal links:\n{}",
        broken.join("\n")
    );
}

/// The stylesheet every page links to is part of the output.
#[test]
fn stylesheet_is_published() {
    let site = TestSite::example();
    let built = site.build();
    let home = built.page("/");
    let href = attr(&home, "link[rel=stylesheet]", "href").expect("a stylesheet link");
    assert!(href.starts_with('/'), "{href}");
    assert!(
        built.exists(&href),
        "the stylesheet {href} is in the output"
    );
}

/// Building the same content twice (even from different folders) gives byte-identical output.
#[test]
fn builds_are_byte_identical() {
    let first = TestSite::example();
    let second = TestSite::example();
    let a = first.build().snapshot();
    let b = second.build().snapshot();
    let paths_a: Vec<_> = a.keys().collect();
    let paths_b: Vec<_> = b.keys().collect();
    assert_eq!(paths_a, paths_b, "the same files");
    let differing: Vec<String> = a
        .iter()
        .filter(|(p, bytes)| b.get(*p) != Some(*bytes))
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert!(
        differing.is_empty(),
        "files differ between builds: {differing:?}"
    );
}
