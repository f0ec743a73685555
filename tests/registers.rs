//! The decisions register, the action tracker and the board archives, built from real sites: the bundled
//! example and `tests/registers-site/` (exempt minute items, draft and embargoed minutes, action updates
//! from later minutes, two boards). Expected decisions and actions are counted from the minutes' front
//! matter here, independently of boardpack's code.

mod common;
mod minutes_source;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;
use minutes_source::*;
use scraper::{ElementRef, Html};

/// A copy of the registers fixture site.
fn fixture() -> TestSite {
    let site = TestSite::new();
    copy_dir(&repo_root().join("tests/registers-site"), site.root());
    site
}

/// The fixture is published under `/committees/`: strip it to find files.
const BASE: &str = "/committees/";

fn page(built: &Built<'_>, base: &str, url: &str) -> Html {
    built.page(&format!("/{}", url.strip_prefix(base).unwrap_or(url)))
}

/// Markdown source as the page shows it: link text only, typographic apostrophes, whitespace collapsed.
fn as_shown(markdown: &str) -> String {
    let mut out = String::new();
    let mut rest = markdown;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match (after.find("]("), after.find(')')) {
            (Some(close), Some(end)) if close < end => {
                out.push_str(&after[..close]);
                rest = &after[end + 1..];
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    normal(&out)
}

fn normal(s: &str) -> String {
    s.replace(['’', '‘'], "'")
        .replace(['“', '”'], "\"")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of every decision on a register page, in page order, without notes such as "(exempt – not for publication)".
fn decisions_on(page: &Html) -> Vec<String> {
    select(page, "ul.decisions > li")
        .into_iter()
        .map(|li| {
            // The decision's words, without the link to its record (`.decision-record`).
            let words: String = li
                .descendants()
                .filter(|n| {
                    !n.ancestors().any(|a| {
                        a.value()
                            .as_element()
                            .is_some_and(|e| e.classes().any(|c| c == "decision-record"))
                    })
                })
                .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
                .collect();
            normal(&words.replace(" (exempt – not for publication)", ""))
        })
        .collect()
}

/// Every year page of a register, from its index at `url`: each year the index lists, newest first,
/// and each of its pages in order (by `rel=next`). Checks on the way that the index holds no entries
/// itself and that every page is reached once.
fn register_pages(built: &Built<'_>, base: &str, url: &str) -> Vec<Html> {
    let index = page(built, base, url);
    assert!(
        select(&index, "ul.decisions li, table.tracker").is_empty(),
        "{url}: the index lists years, not entries"
    );
    let years: Vec<String> = select(&index, "ul.register-years a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    let mut pages = Vec::new();
    for year in years {
        let mut next = Some(year);
        while let Some(url) = next.take() {
            assert!(seen.insert(url.clone()), "{url} is reached once");
            let html = page(built, base, &url);
            next = select(&html, "nav.pagination a[rel=next]")
                .first()
                .and_then(|a| a.value().attr("href").map(str::to_string));
            pages.push(html);
        }
    }
    pages
}

/// The decisions of every page of the register at `url`, in page order.
fn register_decisions(built: &Built<'_>, base: &str, url: &str) -> Vec<String> {
    register_pages(built, base, url)
        .iter()
        .flat_map(decisions_on)
        .collect()
}

/// The tracker rows of every page of the tracker at `url`.
fn tracker_rows_all(built: &Built<'_>, base: &str, url: &str) -> Vec<(String, String, String)> {
    register_pages(built, base, url)
        .iter()
        .flat_map(tracker_rows)
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

/// Every file of the output, as text (lossy for binary files).
fn all_output_text(out: &Path) -> BTreeMap<PathBuf, String> {
    snapshot(out)
        .into_iter()
        .map(|(p, b)| (p, String::from_utf8_lossy(&b).into_owned()))
        .collect()
}

// ------------------------------------------------------------------------------------------------

/// The example site's register lists exactly the decisions of its published minutes, and each board's
/// register exactly that board's.
#[test]
fn example_register_lists_exactly_the_published_decisions() {
    let site = TestSite::example();
    let built = site.build();
    let items = published_items(site.root());
    let expected: Vec<String> = items
        .iter()
        .flat_map(|i| i.decisions.iter().map(|d| as_shown(d)))
        .collect();
    assert!(expected.len() > 20, "the example records many decisions");
    let register = built.page("/decisions/");
    assert_eq!(only_h1(&register, "register"), "Decisions register");
    assert_eq!(
        sorted(register_decisions(&built, "/", "/decisions/")),
        sorted(expected.clone())
    );
    for board in ["transport-board", "children-board"] {
        let mine: Vec<String> = items
            .iter()
            .filter(|i| i.board == board)
            .flat_map(|i| i.decisions.iter().map(|d| as_shown(d)))
            .collect();
        let url = format!("/decisions/{board}/");
        assert_eq!(
            sorted(register_decisions(&built, "/", &url)),
            sorted(mine),
            "{board}"
        );
    }
}

/// The register is newest meeting first, and every decision links to its minute (`#item-N`), which exists.
#[test]
fn register_is_newest_first_and_links_to_minutes_and_papers() {
    let site = TestSite::example();
    let built = site.build();
    let pages = register_pages(&built, "/", "/decisions/");
    let dates: Vec<String> = pages
        .iter()
        .flat_map(|p| {
            select(p, "section.register-meeting h2 time")
                .iter()
                .filter_map(|t| t.value().attr("datetime").map(str::to_string))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(dates.len() >= 3);
    let mut newest_first = dates.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, newest_first);
    let minute_links: Vec<String> = pages
        .iter()
        .flat_map(|p| {
            select(p, ".register-links a")
                .iter()
                .filter_map(|a| a.value().attr("href").map(str::to_string))
                .collect::<Vec<_>>()
        })
        .collect();
    let minute_links: Vec<&String> = minute_links
        .iter()
        .filter(|h| h.contains("/minutes/#item-"))
        .collect();
    assert!(!minute_links.is_empty());
    for href in minute_links {
        let (url, fragment) = href.split_once('#').unwrap();
        let minutes = built.page(url);
        assert_eq!(
            select(&minutes, &format!("[id=\"{fragment}\"]")).len(),
            1,
            "{href} leads to its minute"
        );
    }
    // Item 3 of 16 June has a paper: the register links to it.
    let section = pages
        .iter()
        .flat_map(|p| select(p, "section.register-meeting"))
        .find(|s| {
            select_in(*s, "h2 time")
                .iter()
                .any(|t| t.value().attr("datetime") == Some("2026-06-16"))
        })
        .expect("the meeting of 16 June");
    assert!(
        hrefs(section)
            .contains(&"/transport-board/2026-06-16/3-bus-franchising-consultation/".to_string())
    );
    // A decision's Markdown link is resolved as on the minutes page.
    assert!(
        pages
            .iter()
            .flat_map(doc_hrefs)
            .any(|h| h == "/transport-board/2026-09-15/7-ev-charging-infrastructure/#p7")
    );
}

/// Rows of the tracker tables: (action text, status cell text, table id "open"/"done").
fn tracker_rows(page: &Html) -> Vec<(String, String, String)> {
    let mut rows = Vec::new();
    for section in select(page, "main section") {
        let Some(h2) = select_in(section, "h2").into_iter().next() else {
            continue;
        };
        let group = h2.value().attr("id").unwrap_or_default().to_string();
        for tr in select_in(section, "table.tracker tbody tr") {
            let action = select_in(tr, "th[scope=row]").into_iter().next().map(|th| {
                // The action's own text, without its reference line.
                th.children()
                    .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                    .collect::<String>()
            });
            let status = select_in(tr, "td.tracker-status")
                .into_iter()
                .next()
                .map(text)
                .unwrap_or_default();
            rows.push((normal(&action.unwrap_or_default()), status, group.clone()));
        }
    }
    rows
}

fn row<'a>(rows: &'a [(String, String, String)], action: &str) -> &'a (String, String, String) {
    rows.iter()
        .find(|r| r.0 == action)
        .unwrap_or_else(|| panic!("no row for {action:?} in {rows:#?}"))
}

/// The tracker lists exactly the actions of published minutes, none from exempt items, draft or embargoed
/// minutes; updates from later published minutes are applied and updates in draft minutes are not;
/// overdue actions say "Overdue" in words.
#[test]
fn tracker_lists_published_actions_with_updates_and_overdue_in_words() {
    let site = fixture();
    let built = site.build();
    let items = published_items(site.root());
    let expected: Vec<String> = items
        .iter()
        .flat_map(|i| i.actions.iter().map(|a| normal(&a.action)))
        .collect();
    assert_eq!(expected.len(), 6, "the fixture's published actions");
    let tracker = page(&built, BASE, "/committees/actions/");
    let rows = tracker_rows_all(&built, BASE, "/committees/actions/");
    assert_eq!(
        sorted(rows.iter().map(|r| r.0.clone()).collect()),
        sorted(expected)
    );

    // AU-1: open in its minutes, done by the next meeting's update, with the update's note.
    let au1 = row(&rows, "Arrange a deep dive on cyber risk.");
    assert_eq!(au1.2, "done");
    assert!(
        au1.1.contains("Done") && au1.1.contains("The deep dive was held on 20 May."),
        "{au1:?}"
    );
    // Done in its own minutes.
    assert_eq!(
        row(&rows, "Publish the register on the intranet.").2,
        "done"
    );
    // AU-3: due 1 July, open; the draft minutes' "done" is not applied.
    let au3 = row(&rows, "Report on counter-fraud work.");
    assert_eq!(
        (au3.2.as_str(), au3.1.contains("Overdue")),
        ("open", true),
        "{au3:?}"
    );
    // AU-2: its due date moved to January 2027 by an update, so not overdue.
    let au2 = row(&rows, "Review the flood risk score.");
    assert!(
        !au2.1.contains("Overdue") && au2.1.contains("now due 12 January 2027"),
        "{au2:?}"
    );
    // PN-1: due after the build date.
    assert!(
        !row(&rows, "Publish the investment strategy statement.")
            .1
            .contains("Overdue")
    );
    // An action with no due date is never overdue.
    assert!(!row(&rows, "Thank the risk owners.").1.contains("Overdue"));
    // Overdue is said once per overdue action, in text; the lead gives the count.
    let overdue = rows.iter().filter(|r| r.1.contains("Overdue")).count();
    assert_eq!(overdue, 1);
    assert!(
        text(select(&tracker, "p.lead")[0]).contains("4 open (1 overdue) and 2 done"),
        "{}",
        text(select(&tracker, "p.lead")[0])
    );

    // Per board: each board's page has its own actions only, and the board list gives counts.
    let pensions = tracker_rows_all(&built, BASE, "/committees/actions/pensions/");
    assert_eq!(
        pensions.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(),
        ["Publish the investment strategy statement."]
    );
    let filter = texts(&tracker, "nav.board-filter li");
    assert!(
        filter
            .iter()
            .any(|t| t.starts_with("Audit and Governance Committee (3 open, 1 overdue, 5 in all)")),
        "{filter:?}"
    );
    assert!(
        filter
            .iter()
            .any(|t| t.starts_with("Pensions Committee (1 open, 0 overdue, 1 in all)")),
        "{filter:?}"
    );
    // Every action links to its minute.
    for year in register_pages(&built, BASE, "/committees/actions/") {
        for row in select(&year, "table.tracker tbody tr") {
            assert!(
                hrefs(row)
                    .iter()
                    .any(|h| h.starts_with(BASE) && h.contains("/minutes/#item-")),
                "{}",
                text(row)
            );
        }
    }
}

/// Nothing of exempt items, draft minutes, embargoed minutes, exempt or draft papers reaches any
/// published file, registers and open data included.
#[test]
fn no_withheld_content_in_any_output() {
    let site = fixture();
    let built = site.build();
    let files = all_output_text(&built.out);
    assert!(
        files.keys().any(|p| p.starts_with("decisions"))
            && files.keys().any(|p| p.starts_with("data"))
    );
    for (path, text) in &files {
        assert!(
            !text.contains("CANARY"),
            "{} holds withheld content",
            path.display()
        );
    }
    // The fixture's register lists exactly the published, non-exempt decisions.
    let expected: Vec<String> = published_items(site.root())
        .iter()
        .flat_map(|i| i.decisions.iter().map(|d| as_shown(d)))
        .collect();
    assert_eq!(
        sorted(register_decisions(&built, BASE, "/committees/decisions/")),
        sorted(expected)
    );
    // A link to the exempt report in a public decision is not a link.
    let links: Vec<String> = register_pages(&built, BASE, "/committees/decisions/audit/")
        .iter()
        .flat_map(doc_hrefs)
        .collect();
    assert!(!links.iter().any(|h| h.contains("site-acquisition")));
    assert!(links.contains(&"/committees/audit/2026-03-10/2-risk-register/#p2".to_string()));
}

/// With `--drafts`, the draft minutes' decisions, actions and updates are previewed; exempt items still are not.
#[test]
fn drafts_preview_draft_minutes_but_never_exempt_items() {
    let site = fixture();
    let built = site.build_ok(&["--drafts"]);
    assert!(
        register_decisions(&built, BASE, "/committees/decisions/")
            .contains(&"CANARY-DRAFT-DECISION".to_string())
    );
    let rows = tracker_rows_all(&built, BASE, "/committees/actions/");
    assert_eq!(
        row(&rows, "Report on counter-fraud work.").2,
        "done",
        "the draft minutes' update applies in a preview"
    );
    for (path, text) in all_output_text(&built.out) {
        assert!(
            !text.contains("CANARY-EXEMPT"),
            "{} holds exempt content",
            path.display()
        );
    }
}

/// An update naming no action, or one recorded later, is a warning at the update's id; a second action
/// with a taken id is a warning at that id.
#[test]
fn bad_action_ids_are_reported_where_they_are_written() {
    let site = fixture()
        .file(
            "content/pensions/2026-05-05/minutes.md",
            "---\nmeeting: pensions\ndate: 2026-05-05\nstatus: approved\naction_updates:\n  - id: AU-3\n    status: done\n  - id: PN-9\n    status: done\nitems:\n  - item: 1\n    actions:\n      - id: AU-1\n        action: Another action.\n---\n",
        );
    let found: Vec<(String, String, u64, u64)> = site
        .check_json()
        .into_iter()
        .filter(|d| d["code"] == "BP038" || d["code"] == "BP039")
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let file_codes: Vec<(&str, u64, u64)> = found
        .iter()
        .map(|(c, _, l, col)| (c.as_str(), *l, *col))
        .collect();
    // AU-3 is recorded on 9 June, after 5 May; PN-9 exists nowhere; AU-1 is taken (AU-1 in March is first).
    assert_eq!(
        file_codes,
        [("BP038", 6, 9), ("BP038", 8, 9), ("BP039", 13, 13)],
        "{found:#?}"
    );
    assert!(
        found[0].1.contains("AU-3") && found[0].1.contains("2026-06-09"),
        "{}",
        found[0].1
    );
    assert!(found[1].1.contains("PN-9"));
    // Updates of actions of exempt items are accepted silently (AU-X in the fixture).
    assert!(!found.iter().any(|f| f.1.contains("AU-X")));
}

/// Archive pages: one per board per year of past meetings, listing exactly that year's past meetings with
/// their documents; the board page links to each.
#[test]
fn archive_pages_list_each_years_past_meetings_with_documents() {
    let site = fixture();
    let built = site.build();
    let board = page(&built, BASE, "/committees/audit/");
    let archive_links: Vec<String> = doc_hrefs(&board)
        .into_iter()
        .filter(|h| h.contains("/archive/"))
        .collect();
    assert_eq!(
        archive_links,
        [
            "/committees/audit/archive/2026/",
            "/committees/audit/archive/2025/"
        ]
    );
    let y2026 = page(&built, BASE, "/committees/audit/archive/2026/");
    assert_eq!(
        only_h1(&y2026, "archive"),
        "Audit and Governance Committee: meetings in 2026"
    );
    let dates: Vec<String> = select(&y2026, "section.register-meeting h2 time")
        .iter()
        .filter_map(|t| t.value().attr("datetime").map(str::to_string))
        .collect();
    assert_eq!(
        dates,
        ["2026-03-10", "2026-06-09", "2026-09-15"],
        "past meetings of 2026, not January 2027's"
    );
    assert!(
        !built.exists("/audit/archive/2027/"),
        "no archive for a year of only upcoming meetings"
    );
    assert_eq!(texts(&y2026, "nav.year-nav a"), ["2026", "2025"]);
    // March: the paper with its appendices (type and size; the exempt one with its ground, no link), the
    // minutes; no exempt or draft paper.
    let march = select(&y2026, "section.register-meeting")[0];
    let docs = text(march);
    assert!(
        docs.contains("Item 2: Corporate risk register (Web page)"),
        "{docs}"
    );
    assert!(
        docs.contains("Appendix 1 – risk scores (CSV spreadsheet, 28 bytes)"),
        "{docs}"
    );
    assert!(
        docs.contains("Appendix 2 – supplier risks (Exempt – not for publication"),
        "{docs}"
    );
    assert!(docs.contains("Minutes"));
    assert!(
        !docs.contains("Item 3") && !docs.contains("Item 4"),
        "{docs}"
    );
    for href in hrefs(march) {
        assert!(
            built.exists(href.strip_prefix("/committees").unwrap()),
            "{href} exists"
        );
    }
    // September's minutes are a draft: not published, not listed.
    let september = select(&y2026, "section.register-meeting")[2];
    assert!(!text(september).contains("Minutes"));
}

/// The meeting page lists its documents with their types and sizes.
#[test]
fn meeting_page_lists_documents_with_types_and_sizes() {
    let site = TestSite::example();
    let built = site.build();
    let meeting = built.page("/transport-board/2026-06-16/");
    let docs = section_by_heading(&meeting, "Documents");
    let items: Vec<String> = select_in(docs, "ul.document-list > li")
        .into_iter()
        .map(|li| {
            let own: Vec<ElementRef<'_>> = li
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|e| e.value().name() != "ul")
                .collect();
            own.into_iter().map(text).collect::<Vec<_>>().join(" ")
        })
        .collect();
    assert_eq!(
        items.first().map(String::as_str),
        Some("Item 3: Bus franchising: outcome of the consultation and next steps (Web page)")
    );
    assert_eq!(items.last().map(String::as_str), Some("Minutes (Web page)"));
    let appendices = texts(&meeting, "section ul.document-list .appendix-list li");
    assert!(
        appendices
            .iter()
            .any(|a| a.starts_with("Appendix 2: Patronage by route")
                && a.contains("(CSV spreadsheet, ")
                && a.ends_with("KB)")),
        "{appendices:?}"
    );
}

/// Registers, archives and data pages are byte-identical across builds.
#[test]
fn registers_are_deterministic() {
    let site = fixture();
    let a = site.build_into(&site.scratch().join("a"), &[]);
    let b = site.build_into(&site.scratch().join("b"), &[]);
    assert_success(&a, "first build");
    assert_success(&b, "second build");
    let pick = |dir: &Path| {
        snapshot(dir)
            .into_iter()
            .filter(|(p, _)| {
                ["decisions", "actions", "data"]
                    .iter()
                    .any(|s| p.starts_with(s))
                    || p.to_string_lossy().contains("archive")
            })
            .collect::<BTreeMap<_, _>>()
    };
    let (first, second) = (
        pick(&site.scratch().join("a")),
        pick(&site.scratch().join("b")),
    );
    assert!(first.len() > 10);
    assert_eq!(first, second);
}

/// On a site with many boards, each board's register page links to itself and to the register of all
/// boards (which lists every board), not to every other board: the links stay useful and the pages do
/// not grow with the square of the boards.
#[test]
fn with_many_boards_a_board_register_links_only_to_itself_and_all_boards() {
    let mut site = TestSite::new().file(
        "site.yaml",
        "title: Many boards\nbase_url: https://papers.example.org/\n",
    );
    const BOARDS: usize = 14;
    for n in 0..BOARDS {
        let slug = format!("board-{n:02}");
        site = site
            .file(&format!("content/{slug}/board.md"), &format!("---\ntitle: Board {n:02}\nslug: {slug}\n---\n\nA board.\n"))
            .file(&format!("content/{slug}/2026-05-05/meeting.md"), &format!("---\nmeeting: {slug}\ndate: 2026-05-05\nstatus: held\n---\n"))
            .file(
                &format!("content/{slug}/2026-05-05/minutes.md"),
                &format!(
                    "---\nmeeting: {slug}\ndate: 2026-05-05\nstatus: approved\nitems:\n  - item: 1\n    title: Budget\n    decisions:\n      - Board {n:02} agreed its budget.\n    actions:\n      - action: Board {n:02} publishes its budget.\n        due: 2026-12-01\n---\n"
                ),
            );
    }
    let built = site.build_ok(&[]);
    for register in ["decisions", "actions"] {
        let all = built.page(&format!("/{register}/"));
        let links = texts(&all, "nav.board-filter a");
        assert_eq!(
            links.len(),
            BOARDS + 1,
            "{register}: the register of all boards lists every board: {links:?}"
        );
        let one = built.page(&format!("/{register}/board-03/"));
        let links = texts(&one, "nav.board-filter a");
        assert_eq!(
            links,
            ["All boards", "Board 03"],
            "{register}: a board's page links to all boards and itself"
        );
        assert_eq!(
            texts(&one, "nav.board-filter a[aria-current=page]"),
            ["Board 03"]
        );
    }
}

/// A register's index lists its years, newest first, with their counts; each year's page holds exactly
/// the decisions of that year's meetings and marks its year in the year links; the old address is the
/// index.
#[test]
fn registers_are_split_by_year_with_an_index_of_years() {
    let site = fixture();
    let built = site.build();
    let items = published_items(site.root());
    for (url, board) in [
        ("/committees/decisions/", None),
        ("/committees/decisions/audit/", Some("audit")),
    ] {
        let mine: Vec<_> = items
            .iter()
            .filter(|i| board.is_none_or(|b| i.board == b))
            .collect();
        let mut years: Vec<String> = mine.iter().map(|i| i.date[..4].to_string()).collect();
        years.sort_by(|a, b| b.cmp(a));
        years.dedup();
        assert_eq!(
            years,
            ["2026", "2025"],
            "{url}: the fixture spans two years"
        );
        let index = page(&built, BASE, url);
        let listed: Vec<String> = texts(&index, "ul.register-years li");
        assert_eq!(listed.len(), years.len(), "{listed:?}");
        for (line, year) in listed.iter().zip(&years) {
            let count: usize = mine
                .iter()
                .filter(|i| i.date.starts_with(year.as_str()))
                .map(|i| i.decisions.len())
                .sum();
            let s = if count == 1 { "" } else { "s" };
            assert!(
                line.starts_with(&format!("{year} decisions ({count} decision{s} at")),
                "{url}: {line:?}"
            );
            let year_url = format!("{url}{year}/");
            let year_page = page(&built, BASE, &year_url);
            let h1 = only_h1(&year_page, "year page");
            assert!(
                h1.starts_with("Decisions register") && h1.ends_with(year.as_str()),
                "{h1}"
            );
            assert_eq!(
                texts(&year_page, "nav.year-nav a[aria-current=page]"),
                std::slice::from_ref(year)
            );
            let expected: Vec<String> = mine
                .iter()
                .filter(|i| i.date.starts_with(year.as_str()))
                .flat_map(|i| i.decisions.iter().map(|d| as_shown(d)))
                .collect();
            assert_eq!(
                sorted(decisions_on(&year_page)),
                sorted(expected),
                "{year_url}"
            );
            for t in select(&year_page, "section.register-meeting h2 time") {
                assert!(
                    t.value()
                        .attr("datetime")
                        .unwrap()
                        .starts_with(year.as_str())
                );
            }
        }
    }
    // The tracker's index counts each year's actions; the years' pages together hold every action once.
    let index = page(&built, BASE, "/committees/actions/");
    let lines = texts(&index, "ul.register-years li");
    assert_eq!(
        lines.len(),
        1,
        "the fixture's actions are all of 2026: {lines:?}"
    );
    let rows = tracker_rows_all(&built, BASE, "/committees/actions/");
    let in_index: usize = lines
        .iter()
        .map(|l| {
            let n = |word: &str| -> usize {
                let at = l.find(&format!(" {word}")).unwrap();
                l[..at].rsplit(['(', ' ']).next().unwrap().parse().unwrap()
            };
            n("open") + n("done")
        })
        .sum();
    assert_eq!(in_index, rows.len(), "{lines:?}");
}

/// A year with more entries than a page holds is cut into pages, between meetings: every entry is on
/// exactly one page, the pages link each other in order, and each has a title of its own.
#[test]
fn a_large_year_is_cut_into_linked_pages() {
    let mut site = TestSite::new()
        .file(
            "site.yaml",
            "title: Big year\nbase_url: https://papers.example.org/\n",
        )
        .file(
            "content/big/board.md",
            "---\ntitle: Big Board\nslug: big\n---\n\nA board.\n",
        );
    const DECISIONS: usize = 200;
    const ACTIONS: usize = 150;
    let dates = ["2026-02-03", "2026-05-05", "2026-09-08"];
    for date in dates {
        let mut minutes = format!(
            "---\nmeeting: big\ndate: {date}\nstatus: approved\nitems:\n  - item: 1\n    title: Many things\n    decisions:\n"
        );
        for n in 0..DECISIONS {
            minutes.push_str(&format!("      - Decision {n} of {date}.\n"));
        }
        minutes.push_str("    actions:\n");
        for n in 0..ACTIONS {
            let status = if n % 3 == 0 { "done" } else { "open" };
            minutes.push_str(&format!(
                "      - action: Action {n} of {date}.\n        due: 2027-01-01\n        status: {status}\n"
            ));
        }
        minutes.push_str("---\n");
        site = site
            .file(
                &format!("content/big/{date}/meeting.md"),
                &format!("---\nmeeting: big\ndate: {date}\nstatus: held\n---\n"),
            )
            .file(&format!("content/big/{date}/minutes.md"), &minutes);
    }
    let built = site.build_ok(&[]);
    let mut titles = std::collections::BTreeSet::new();
    for url in ["/decisions/", "/decisions/big/"] {
        let pages = register_pages(&built, "/", url);
        assert_eq!(pages.len(), 2, "{url}: 600 decisions, 400 to a page");
        let decisions: Vec<String> = pages.iter().flat_map(decisions_on).collect();
        assert_eq!(decisions.len(), DECISIONS * dates.len());
        assert_eq!(
            sorted(decisions.clone())
                .windows(2)
                .filter(|w| w[0] == w[1])
                .count(),
            0
        );
        // Newest meeting first, and no meeting split between pages.
        let on: Vec<Vec<String>> = pages
            .iter()
            .map(|p| {
                select(p, "section.register-meeting h2 time")
                    .iter()
                    .map(|t| t.value().attr("datetime").unwrap().to_string())
                    .collect()
            })
            .collect();
        assert_eq!(on, [vec!["2026-09-08", "2026-05-05"], vec!["2026-02-03"]]);
        for (n, p) in pages.iter().enumerate() {
            let title = only_h1(p, "page");
            assert!(
                title.ends_with(&format!("2026 (page {} of 2)", n + 1)),
                "{title}"
            );
            assert!(titles.insert(title));
            assert_eq!(
                texts(p, "nav.pagination a[aria-current=page]"),
                [format!("Page {}", n + 1)]
            );
        }
        assert!(select(&pages[0], "nav.pagination a[rel=prev]").is_empty());
        let back = select(&pages[1], "nav.pagination a[rel=prev]")[0]
            .value()
            .attr("href")
            .unwrap();
        assert_eq!(back, format!("{url}2026/"));
    }
    for url in ["/actions/", "/actions/big/"] {
        let pages = register_pages(&built, "/", url);
        assert_eq!(pages.len(), 3, "{url}: 450 actions, 200 to a page");
        let rows: Vec<(String, String, String)> = pages.iter().flat_map(tracker_rows).collect();
        assert_eq!(rows.len(), ACTIONS * dates.len());
        // Open actions on the first pages, then the completed ones.
        let groups: Vec<&str> = rows.iter().map(|r| r.2.as_str()).collect();
        let first_done = groups.iter().position(|g| *g == "done").unwrap();
        assert!(
            groups[first_done..].iter().all(|g| *g == "done"),
            "{groups:?}"
        );
        assert_eq!(groups.len() - first_done, ACTIONS.div_ceil(3) * dates.len());
        // The last page has no open action: it says where they are.
        assert!(
            texts(&pages[2], "main p")
                .iter()
                .any(|t| t.contains("open actions are on its other pages"))
        );
    }
}
