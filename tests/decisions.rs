//! Decisions as records (issue 30): each decision record has a page whose status follows the build
//! date (open to call-in, then in effect; called in; urgent; a recommendation), notices publish a
//! decision before its minutes, votes are shown by name, and an exempt item's public summary and
//! decision are published while its minute is not.

mod common;

use common::*;
use scraper::Html;

/// The status line of a decision page: "<label>. <detail>".
fn status(page: &Html) -> String {
    texts(page, ".notice-status p").join(" ")
}

/// Builds `site` as of `as_of`, without PDF packs.
fn build_at<'s>(site: &'s TestSite, as_of: &str) -> Built<'s> {
    site.build_as_of(as_of, &["--no-pdf"])
}

/// An executive member's decision is open to call-in until the fifth working day after it is
/// published, at the rule's time; after that it has taken effect (the next working day).
#[test]
fn a_decision_is_open_to_call_in_until_its_deadline_then_in_effect() {
    let site = TestSite::example();
    let url = "/decisions/mayor-2026-11-young-persons-fare/";
    let before = build_at(&site, "2026-11-23");
    let page = before.page(url);
    assert_eq!(
        status(&page),
        "Open to call-in. Can be called in until Friday 27 November 2026, 5pm."
    );
    assert_eq!(only_h1(&page, url), "Young person's £1 bus fare extended to August 2027");
    // The last day itself is still open.
    let last_day = build_at(&site, "2026-11-27");
    assert!(status(&last_day.page(url)).starts_with("Open to call-in."));
    let after = build_at(&site, "2026-11-28");
    assert_eq!(
        status(&after.page(url)),
        "In effect. Took effect on Monday 30 November 2026."
    );
}

/// Called in, urgent, a recommendation, and an officer's decision each say so; the officers'
/// register lists the officer's.
#[test]
fn statuses_in_words_on_the_example() {
    let site = TestSite::example();
    let built = build_at(&site, "2026-11-23");
    // Called in on 22 September; in effect from 2 October, when scrutiny took no further action.
    let called_in = status(&built.page("/decisions/tb-2026-09-ev-concession/"));
    assert_eq!(
        called_in,
        "In effect. Took effect on Friday 2 October 2026 after it was called in."
    );
    let while_called_in = build_at(&site, "2026-09-30");
    let text = status(&while_called_in.page("/decisions/tb-2026-09-ev-concession/"));
    assert!(
        text.starts_with("Called in. Called in by Overview and Scrutiny Committee (five members) on Tuesday 22 September 2026"),
        "{text}"
    );
    let urgent = status(&built.page("/decisions/mayor-2026-10-rail-replacement/"));
    assert_eq!(
        urgent,
        "In effect. Took effect on Friday 30 October 2026: urgent, so not open to call-in."
    );
    let recommended = status(&built.page("/decisions/tb-2026-09-vision-zero/"));
    assert_eq!(
        recommended,
        "Recommendation. Recommended to Kestrel Valley Combined Authority, which will make the decision."
    );
    let officers = built.page("/decisions/officers/");
    let rows = texts(&officers, "table.decision-records tbody th");
    assert_eq!(rows, ["First 120 charge point locations"]);
    let members = built.page("/decisions/members/");
    assert_eq!(
        texts(&members, "table.decision-records tbody th").len(),
        2,
        "the Mayor's two decisions"
    );
    // The register's index links both, and lists the newest records first.
    let index = built.page("/decisions/");
    let hrefs = doc_hrefs(&index);
    assert!(hrefs.iter().any(|h| h == "/decisions/officers/"), "{hrefs:?}");
    assert!(hrefs.iter().any(|h| h == "/decisions/members/"), "{hrefs:?}");
    let latest = texts(&index, "table.decision-records tbody th");
    assert_eq!(
        latest.first().map(String::as_str),
        Some("Young person's £1 bus fare extended to August 2027 Key decision")
    );
}

/// A notice publishes a meeting's decisions the day after it; the draft minutes, a day later, record
/// the same decisions under the same ids, and the page then links them.
#[test]
fn a_notice_publishes_a_decision_before_its_minutes() {
    let site = TestSite::example();
    let url = "/decisions/tb-2026-11-brackenford-station/";
    let meeting = "/transport-board/2026-11-03/";
    let day_of = build_at(&site, "2026-11-03");
    assert!(!day_of.exists(url), "the notice is published on 4 November");
    let notice_day = build_at(&site, "2026-11-04");
    let page = notice_day.page(url);
    assert_eq!(
        status(&page),
        "Open to call-in. Can be called in until Wednesday 11 November 2026, 5pm."
    );
    assert!(
        !doc_hrefs(&page).iter().any(|h| h.contains("/minutes/")),
        "no minutes yet"
    );
    assert!(!notice_day.exists(&format!("{meeting}minutes/")));
    let listed = texts(&notice_day.page(meeting), "#meeting-decisions ~ * tbody th, section[aria-labelledby=meeting-decisions] tbody th");
    assert!(
        listed.iter().any(|t| t.starts_with("Brackenford bus station: the option to develop")),
        "{listed:?}"
    );
    let minutes_day = build_at(&site, "2026-11-05");
    let page = minutes_day.page(url);
    assert!(
        doc_hrefs(&page)
            .iter()
            .any(|h| h == "/transport-board/2026-11-03/minutes/#item-3"),
        "{:?}",
        doc_hrefs(&page)
    );
    let minutes = minutes_day.page(&format!("{meeting}minutes/"));
    let note = texts(&minutes, ".notice-draft p").join(" ");
    assert!(
        note.starts_with("Draft minutes, to be confirmed at the next meeting."),
        "{note}"
    );
    let record_links: Vec<String> = select(&minutes, ".decision-record a")
        .into_iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(
        record_links,
        [
            "/decisions/tb-2026-11-brackenford-station/",
            "/decisions/tb-2026-11-brackenford-land/"
        ]
    );
}

/// An exempt item's minute never reaches a published byte; its public summary and public decision do.
#[test]
fn an_exempt_items_summary_and_decision_are_published_and_its_minute_is_not() {
    let site = TestSite::example();
    for as_of in ["2026-11-05", "2026-12-08"] {
        let built = build_at(&site, as_of);
        for (path, bytes) in built.snapshot() {
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains("discussed the valuation of the land"),
                "the exempt minute is in {} ({as_of})",
                path.display()
            );
        }
        let minutes = built.page("/transport-board/2026-11-03/minutes/");
        let item = section_by_heading(&minutes, "Item 4: Brackenford bus station: land next to the site (exempt)");
        let words = text(item);
        assert!(words.contains("The Board considered, in private, the purchase of land"), "{words}");
        assert!(words.contains("The Board authorised the Director of Transport to negotiate"), "{words}");
        let decision = built.page("/decisions/tb-2026-11-brackenford-land/");
        assert!(body_text(&decision).contains("This decision was taken on an exempt item."));
    }
}

/// A recorded vote is shown by name on the decision page, with its amendment, and on each voter's page.
#[test]
fn named_votes_are_on_the_decision_and_each_voters_page() {
    let site = TestSite::example();
    let built = build_at(&site, "2026-11-23");
    let page = built.page("/decisions/tb-2026-09-ksi-target/");
    let captions = texts(&page, "table.vote-counts caption");
    assert_eq!(captions, ["Recorded vote on the amendment", "Votes on the motion"]);
    let amendment = select(&page, "table.vote-counts")[0];
    let rows: Vec<String> = select_in(amendment, "tbody tr").into_iter().map(text).collect();
    assert_eq!(rows, ["For 3", "Against 6", "Abstained 0"]);
    let sides = texts(&page, "dl.voters dt");
    assert_eq!(sides[..2], ["For (3)", "Against (6)"]);
    let voters = texts(&page, "dl.voters dd");
    assert_eq!(voters[0], "Cllr Aled Morgan; Cllr Joanne Whitlock; Cllr Hannah Brightwell");
    assert!(voters[1].starts_with("Cllr Daniel Okonjo;"), "{voters:?}");
    let linked = select(&page, "dl.voters a").len();
    assert_eq!(linked, 9, "every named voter links to their page");
    let results = texts(&page, ".vote p");
    assert!(results.iter().any(|r| r == "The amendment was lost."), "{results:?}");
    assert!(results.iter().any(|r| r == "The motion was carried."), "{results:?}");
    let person = built.page("/people/aled-morgan/");
    let votes: Vec<String> = select(&person, "table.person-votes tbody tr")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(votes.len(), 1, "{votes:?}");
    assert!(votes[0].contains("Amendment: That the interim target be brought forward"), "{votes:?}");
    assert!(votes[0].ends_with("For Lost"), "{votes:?}");
}

const SITE: &str = "title: Test\nbase_url: https://example.org/\ncall_in:\n  working_days: 5\n  boards: [cabinet]\nbank_holidays: [2026-12-25, 2026-12-28]\n";
const BOARD: &str = "---\ntitle: Cabinet\n---\n";
const MEETING: &str = "---\nmeeting: cabinet\ndate: 2026-12-21\nstatus: held\nagenda:\n  - item: 1\n    title: Winter plan\n    verbal: true\n---\n";

fn small_site(notice: &str) -> TestSite {
    TestSite::new()
        .file("site.yaml", SITE)
        .file("content/cabinet/board.md", BOARD)
        .file("content/cabinet/2026-12-21/meeting.md", MEETING)
        .file("content/decisions/notice.md", notice)
}

/// Bank holidays are not working days: published on 22 December, five working days end on
/// 31 December (not 29th), and the decision takes effect on 4 January (1 January is a holiday too).
#[test]
fn call_in_skips_weekends_and_bank_holidays() {
    let notice = "---\nmaker:\n  board: cabinet\ndate: 2026-12-21\npublished: 2026-12-22\ndecisions:\n  - decision: The winter plan is agreed.\n    reasons: It is needed.\n---\n";
    let site = small_site(notice).file(
        "site.yaml",
        &SITE.replace("2026-12-28]", "2026-12-28, 2027-01-01]"),
    );
    let open = build_at(&site, "2026-12-31");
    // A notice of one decision gives it the notice's name as its id.
    let page = open.page("/decisions/notice/");
    assert_eq!(
        status(&page),
        "Open to call-in. Can be called in until Thursday 31 December 2026, 5pm."
    );
    let after = build_at(&site, "2027-01-02");
    assert_eq!(
        status(&after.page("/decisions/notice/")),
        "In effect. Took effect on Monday 4 January 2027."
    );
}

/// Mistakes in notices and ids are errors at their line: no maker, a meeting that does not exist, an
/// id that would be the register's own address, and one id given twice.
#[test]
fn mistakes_in_notices_and_ids_are_reported_at_their_line() {
    let cases = [
        (
            "---\nmaker:\n  role: Mayor\ndate: 2026-11-17\npublished: 2026-11-18\ndecisions:\n  - decision: X.\n---\n",
            "BP118",
            2,
        ),
        (
            "---\nmaker:\n  board: cabinet\ndate: 2026-11-16\npublished: 2026-11-18\ndecisions:\n  - decision: X.\n---\n",
            "BP118",
            3,
        ),
        (
            "---\nmaker:\n  board: cabinet\ndate: 2026-11-17\npublished: 2026-11-18\ndecisions:\n  - id: officers\n    decision: X.\n---\n",
            "BP119",
            7,
        ),
        (
            "---\nmaker:\n  board: cabinet\ndate: 2026-11-17\npublished: 2026-11-18\ndecisions:\n  - id: same\n    decision: X.\n  - id: same\n    decision: Y.\n---\n",
            "BP117",
            7,
        ),
    ];
    // A maker key left empty is not a maker: the one given is.
    let site = small_site("---\nmaker:\n  board: \"\"\n  officer: Pat Jones\n  delegation: Scheme of delegation, para. 4\ndate: 2026-11-17\npublished: 2026-11-18\ndecisions:\n  - decision: X.\n    reasons: Y.\n---\n");
    let found = site.check_json();
    assert!(!found.iter().any(|d| d["code"] == "BP118"), "{found:?}");
    let built = build_at(&site, "2026-11-18");
    assert_eq!(texts(&built.page("/decisions/notice/"), ".notice-status strong"), ["In effect."]);
    assert!(built.exists("/decisions/officers/"), "an officer's decision");
    for (notice, code, line) in cases {
        // Published before the date `check` is run for (a notice is not read before its day).
        let site = small_site(notice).file(
            "content/cabinet/2026-12-21/meeting.md",
            &MEETING.replace("2026-12-21", "2026-11-17"),
        );
        let found = site.check_json();
        let d = found
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("{code} for {notice}: {found:?}"));
        assert_eq!(d["file"], "content/decisions/notice.md", "{d}");
        assert_eq!(d["line"], line, "{code}: {d}");
        assert!(d["help"].as_str().is_some_and(|h| !h.is_empty()), "{d}");
    }
}

/// A notice gives a meeting's decision before the minutes; the minutes' record of it, under the
/// same id, adds what the notice leaves out, such as the vote, and the page shows both.
#[test]
fn the_minutes_add_their_vote_to_a_notices_decision() {
    let notice = "---\nmaker:\n  board: cabinet\ndate: 2026-12-21\npublished: 2026-12-22\ndecisions:\n  - id: winter-plan\n    decision: The winter plan is agreed.\n    reasons: It is needed.\n---\n";
    let minutes = "---\nmeeting: cabinet\ndate: 2026-12-21\nstatus: unconfirmed\npublished: 2026-12-23\nitems:\n  - item: 1\n    decisions:\n      - id: winter-plan\n        decision: The winter plan is agreed.\n        vote:\n          for: 5\n          against: 1\n---\n";
    let site = small_site(notice).file("content/cabinet/2026-12-21/minutes.md", minutes);
    let before = build_at(&site, "2026-12-22");
    let page = before.page("/decisions/winter-plan/");
    assert!(select(&page, "table.vote-counts").is_empty(), "no vote before the minutes");
    let after = build_at(&site, "2026-12-23");
    let page = after.page("/decisions/winter-plan/");
    let rows: Vec<String> = select(&page, "table.vote-counts tbody tr").into_iter().map(text).collect();
    assert_eq!(rows, ["For 5", "Against 1"]);
    assert!(texts(&page, "h2").iter().any(|h| h == "Reasons for the decision"), "the notice's reasons stay");
    assert!(
        doc_hrefs(&page).iter().any(|h| h == "/cabinet/2026-12-21/minutes/#item-1"),
        "{:?}",
        doc_hrefs(&page)
    );
}

/// A notice's decisions written as lines are records too: each gets its page, numbered after the
/// notice's file.
#[test]
fn a_notices_decisions_written_as_lines_are_records() {
    let notice = "---\nmaker:\n  board: cabinet\ndate: 2026-12-21\npublished: 2026-12-22\ndecisions:\n  - The winter plan is agreed.\n  - The gritting routes are agreed.\n---\n";
    let site = small_site(notice);
    let built = build_at(&site, "2026-12-22");
    for (n, text) in [(1, "The winter plan is agreed."), (2, "The gritting routes are agreed.")] {
        let page = built.page(&format!("/decisions/notice-{n}/"));
        assert_eq!(texts(&page, ".decision-text p"), [text]);
    }
}
