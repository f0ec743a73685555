//! Calendars (RFC 5545), Atom feeds (RFC 4287), the sitemap and robots.txt, read back with independent
//! parsers (the `icalendar` crate's parser, `roxmltree`) from real builds of the example site and of small
//! sites made for each case.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::*;

const BASE: &str = "https://meetings.kestrelvalley.example/";
const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

// ------------------------------------------------------------------------------------------------
// Reading calendars

/// One VEVENT: each property's parameters and (unescaped) value, by name.
#[derive(Debug)]
struct Event {
    props: BTreeMap<String, (Vec<(String, String)>, String)>,
}

impl Event {
    fn get(&self, name: &str) -> Option<&str> {
        self.props.get(name).map(|(_, v)| v.as_str())
    }

    fn must(&self, name: &str) -> &str {
        self.get(name)
            .unwrap_or_else(|| panic!("event has no {name}: {self:?}"))
    }

    fn param(&self, name: &str, key: &str) -> Option<&str> {
        self.props
            .get(name)
            .and_then(|(params, _)| params.iter().find(|(k, _)| k == key))
            .map(|(_, v)| v.as_str())
    }
}

/// A calendar file: its own properties and its events.
struct Calendar {
    props: BTreeMap<String, String>,
    events: Vec<Event>,
}

/// Reads an .ics file, failing the test on any line not ended by CRLF or longer than 75 octets, then
/// parses it with the `icalendar` crate.
fn read_ics(path: &Path) -> Calendar {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text =
        String::from_utf8(bytes).unwrap_or_else(|e| panic!("{}: not UTF-8: {e}", path.display()));
    assert!(
        text.ends_with("\r\n"),
        "{}: the last line ends with CRLF",
        path.display()
    );
    for (n, line) in text.split_terminator("\r\n").enumerate() {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "{} line {}: a bare line break: {line:?}",
            path.display(),
            n + 1
        );
        assert!(
            line.len() <= 75,
            "{} line {}: {} octets (at most 75): {line:?}",
            path.display(),
            n + 1,
            line.len()
        );
    }
    let unfolded = icalendar::parser::unfold(&text);
    let parsed = icalendar::parser::read_calendar(&unfolded)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let props = parsed
        .properties
        .iter()
        .map(|p| (p.name.as_str().to_string(), p.val.as_str().to_string()))
        .collect();
    let events = parsed
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .map(|c| {
            let mut props = BTreeMap::new();
            for p in &c.properties {
                let params = p
                    .params
                    .iter()
                    .map(|q| {
                        (
                            q.key.as_str().to_string(),
                            q.val
                                .as_ref()
                                .map(|v| v.as_str().to_string())
                                .unwrap_or_default(),
                        )
                    })
                    .collect();
                let previous = props.insert(
                    p.name.as_str().to_string(),
                    (params, p.val.as_str().to_string()),
                );
                assert!(
                    previous.is_none(),
                    "{}: {} appears twice in one event",
                    path.display(),
                    p.name.as_str()
                );
            }
            Event { props }
        })
        .collect();
    assert!(
        parsed
            .components
            .iter()
            .all(|c| c.name.as_str() == "VEVENT"),
        "{}: only events",
        path.display()
    );
    Calendar { props, events }
}

/// The event whose URL is the page at `url_path` (e.g. `transport-board/2026-06-16/`).
fn event_for<'a>(calendar: &'a Calendar, base: &str, url_path: &str) -> &'a Event {
    let url = format!("{base}{url_path}");
    calendar
        .events
        .iter()
        .find(|e| e.get("URL") == Some(url.as_str()))
        .unwrap_or_else(|| panic!("no event with URL {url}"))
}

/// Meeting pages of a build: `board/YYYY-MM-DD/` paths.
fn meeting_paths(out: &Path) -> BTreeSet<String> {
    all_files(out)
        .into_iter()
        .filter_map(|f| {
            let s = f.to_string_lossy().replace('\\', "/");
            let dir = s.strip_suffix("/index.html")?;
            let (_, date) = dir.rsplit_once('/')?;
            let is_date =
                date.len() == 10 && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-';
            (is_date && dir.matches('/').count() == 1).then(|| format!("{dir}/"))
        })
        .collect()
}

// ------------------------------------------------------------------------------------------------
// Calendars

/// The site calendar holds every published meeting once, with unique UIDs and the properties calendar
/// programs need; it names itself and says how it is published.
#[test]
fn site_calendar_has_every_meeting_once() {
    let site = TestSite::example();
    let built = site.build();
    let calendar = read_ics(&built.out.join("calendar.ics"));
    assert_eq!(
        calendar.props.get("VERSION").map(String::as_str),
        Some("2.0")
    );
    assert_eq!(
        calendar.props.get("METHOD").map(String::as_str),
        Some("PUBLISH")
    );
    assert!(
        calendar.props.get("PRODID").is_some_and(|p| !p.is_empty()),
        "PRODID"
    );
    assert_eq!(
        calendar.props.get("X-WR-CALNAME").map(String::as_str),
        Some("Kestrel Valley Combined Authority – Meetings and papers")
    );

    let meetings = meeting_paths(&built.out);
    assert!(meetings.len() >= 8, "{meetings:?}");
    // Besides the meetings, the deadlines of decisions open to call-in (each linking its decision).
    let (deadlines, meeting_events): (Vec<_>, Vec<_>) = calendar
        .events
        .iter()
        .partition(|e| e.must("SUMMARY").starts_with("Call-in deadline: "));
    assert!(!deadlines.is_empty(), "the example has decisions open to call-in");
    for e in &deadlines {
        assert!(e.must("URL").starts_with(&format!("{BASE}decisions/")), "{e:?}");
    }
    let urls: BTreeSet<String> = meeting_events
        .iter()
        .map(|e| e.must("URL").to_string())
        .collect();
    let expected: BTreeSet<String> = meetings.iter().map(|m| format!("{BASE}{m}")).collect();
    assert_eq!(urls, expected, "one event per meeting page");
    assert_eq!(meeting_events.len(), meetings.len());
    let uids: BTreeSet<&str> = calendar.events.iter().map(|e| e.must("UID")).collect();
    assert_eq!(uids.len(), calendar.events.len(), "UIDs are unique");
    for e in &meeting_events {
        for name in [
            "DTSTAMP",
            "DTSTART",
            "SUMMARY",
            "DESCRIPTION",
            "STATUS",
            "SEQUENCE",
        ] {
            e.must(name);
        }
        assert!(
            e.must("DTSTAMP").ends_with('Z') && e.must("DTSTAMP").len() == 16,
            "DTSTAMP is a UTC date-time: {e:?}"
        );
        assert!(
            ["CONFIRMED", "CANCELLED"].contains(&e.must("STATUS")),
            "{e:?}"
        );
    }
}

/// Meeting times are UTC, right on both sides of the change from British Summer Time to GMT.
#[test]
fn example_meeting_times_are_utc_across_the_clock_change() {
    let site = TestSite::example();
    let built = site.build();
    let calendar = read_ics(&built.out.join("calendar.ics"));
    // 14:00 on 15 September 2026 (BST, UTC+1).
    let september = event_for(&calendar, BASE, "transport-board/2026-09-15/");
    assert_eq!(
        (september.must("DTSTART"), september.must("DTEND")),
        ("20260915T130000Z", "20260915T153000Z")
    );
    // 18:00 on 3 November 2026 (GMT), moved there from 20 October (BST).
    let november = event_for(&calendar, BASE, "transport-board/2026-11-03/");
    assert_eq!(
        (november.must("DTSTART"), november.must("DTEND")),
        ("20261103T180000Z", "20261103T193000Z")
    );
    // 10:00 on 8 December 2026 (GMT).
    let december = event_for(&calendar, BASE, "transport-board/2026-12-08/");
    assert_eq!(december.must("DTSTART"), "20261208T100000Z");
}

/// The same local time on either side of the clock change, and on the day itself, and a time that does
/// not exist (clocks go forward at 01:00 GMT on 28 March 2027).
#[test]
fn same_local_time_either_side_of_daylight_saving_changes() {
    let meeting = |date: &str, start: &str| {
        format!(
            "---\nmeeting: audit-board\ndate: {date}\nstart_time: \"{start}\"\nend_time: \"20:00\"\n---\n"
        )
    };
    let site = TestSite::minimal()
        .file(
            "content/audit-board/2026-10-20/meeting.md",
            &meeting("2026-10-20", "18:00"),
        )
        .file(
            "content/audit-board/2026-10-25/meeting.md",
            &meeting("2026-10-25", "18:00"),
        )
        .file(
            "content/audit-board/2026-11-03/meeting.md",
            &meeting("2026-11-03", "18:00"),
        )
        .file(
            "content/audit-board/2027-03-28/meeting.md",
            &meeting("2027-03-28", "01:30"),
        )
        .file(
            "content/audit-board/2027-03-29/meeting.md",
            &meeting("2027-03-29", "18:00"),
        );
    let built = site.build();
    let calendar = read_ics(&built.out.join("audit-board/calendar.ics"));
    let base = "https://papers.example.org/";
    let start = |d: &str| {
        event_for(&calendar, base, &format!("audit-board/{d}/"))
            .must("DTSTART")
            .to_string()
    };
    assert_eq!(start("2026-10-20"), "20261020T170000Z", "18:00 BST");
    assert_eq!(
        start("2026-10-25"),
        "20261025T180000Z",
        "18:00 GMT, the day the clocks go back"
    );
    assert_eq!(start("2026-11-03"), "20261103T180000Z", "18:00 GMT");
    assert_eq!(
        start("2027-03-28"),
        "20270328T013000Z",
        "01:30 does not exist that night: the time before the gap's offset is kept"
    );
    assert_eq!(start("2027-03-29"), "20270329T170000Z", "18:00 BST again");
    let end = event_for(&calendar, base, "audit-board/2026-10-20/")
        .must("DTEND")
        .to_string();
    assert_eq!(end, "20261020T190000Z", "20:00 BST");
}

/// Another time zone in site.yaml is honoured.
#[test]
fn site_time_zone_is_used() {
    let site = TestSite::minimal().file(
        "site.yaml",
        &format!("{SITE_YAML}timezone: America/New_York\n"),
    );
    let built = site.build();
    let calendar = read_ics(&built.out.join("calendar.ics"));
    // 14:00 on 1 December 2026 in New York (EST, UTC-5).
    assert_eq!(calendar.events[0].must("DTSTART"), "20261201T190000Z");
}

/// An unknown time zone is an error naming the likely one, not calendars hours out.
#[test]
fn unknown_time_zone_is_an_error() {
    let site =
        TestSite::minimal().file("site.yaml", &format!("{SITE_YAML}timezone: Europe/Londn\n"));
    let found = site.check_json();
    let d = found
        .iter()
        .find(|d| d["code"] == "BP082")
        .unwrap_or_else(|| panic!("BP082 expected: {found:?}"));
    assert_eq!(d["severity"], "error");
    assert!(
        d["help"].as_str().unwrap_or("").contains("Europe/London"),
        "{d}"
    );
}

/// No time: an all-day event. A start but no end: the documented default length.
#[test]
fn all_day_and_default_length() {
    let site = TestSite::minimal()
        .file(
            "content/audit-board/2026-09-01/meeting.md",
            "---\nmeeting: audit-board\ndate: 2026-09-01\n---\n",
        )
        .file(
            "content/audit-board/2026-12-01/meeting.md",
            &MEETING_MD.replace("venue:", "status_note: Note.\nvenue:"),
        );
    let built = site.build();
    let calendar = read_ics(&built.out.join("calendar.ics"));
    let base = "https://papers.example.org/";
    let all_day = event_for(&calendar, base, "audit-board/2026-09-01/");
    assert_eq!(all_day.must("DTSTART"), "20260901");
    assert_eq!(all_day.param("DTSTART", "VALUE"), Some("DATE"));
    assert_eq!(
        all_day.must("DTEND"),
        "20260902",
        "DTEND of an all-day event is the next day"
    );
    assert_eq!(all_day.param("DTEND", "VALUE"), Some("DATE"));
    let timed = event_for(&calendar, base, "audit-board/2026-12-01/");
    assert_eq!(
        (timed.must("DTSTART"), timed.must("DTEND")),
        ("20261201T140000Z", "20261201T160000Z"),
        "two hours by default"
    );
}

/// A meeting made from its papers (no meeting file) is in the calendar too.
#[test]
fn meeting_without_a_file_is_an_all_day_event() {
    let site = TestSite::minimal().file(
        "content/audit-board/2026-10-06/02-report.md",
        "---\ntitle: A report\nmeeting: audit-board\ndate: 2026-10-06\nitem: 2\nsummary: S.\n---\n\n1. Text.\n",
    );
    let built = site.build();
    let calendar = read_ics(&built.out.join("calendar.ics"));
    let e = event_for(
        &calendar,
        "https://papers.example.org/",
        "audit-board/2026-10-06/",
    );
    assert_eq!(e.must("DTSTART"), "20261006");
    assert!(e.must("DESCRIPTION").contains("2. A report"), "{e:?}");
}

/// A moved meeting keeps its UID (from its original date) and gets a higher SEQUENCE; an explicit
/// `sequence` adds to it.
#[test]
fn moved_meeting_keeps_its_uid_and_bumps_sequence() {
    let original = "---\nmeeting: audit-board\ndate: 2026-10-20\nstart_time: \"18:00\"\n---\n";
    let site = TestSite::minimal().file("content/audit-board/2026-10-20/meeting.md", original);
    let before = site.build();
    let calendar = read_ics(&before.out.join("calendar.ics"));
    let base = "https://papers.example.org/";
    let first = event_for(&calendar, base, "audit-board/2026-10-20/");
    let uid = first.must("UID").to_string();
    assert_eq!(uid, "audit-board-2026-10-20@papers.example.org");
    assert_eq!(first.must("SEQUENCE"), "0");
    assert_eq!(first.must("DTSTART"), "20261020T170000Z");
    drop(before);

    std::fs::remove_file(site.path("content/audit-board/2026-10-20/meeting.md")).unwrap();
    site.write(
        "content/audit-board/2026-11-03/meeting.md",
        "---\nmeeting: audit-board\ndate: 2026-11-03\nrescheduled_from: 2026-10-20\nstart_time: \"18:00\"\n---\n",
    );
    let after = site.build();
    let calendar = read_ics(&after.out.join("calendar.ics"));
    let moved = event_for(&calendar, base, "audit-board/2026-11-03/");
    assert_eq!(moved.must("UID"), uid, "the same event, moved");
    assert_eq!(moved.must("SEQUENCE"), "1");
    assert_eq!(moved.must("DTSTART"), "20261103T180000Z");
    assert!(
        moved
            .must("DESCRIPTION")
            .contains("Moved from 20 October 2026."),
        "{moved:?}"
    );
    drop(after);

    // Moved twice, with a room change besides.
    site.write(
        "content/audit-board/2026-11-03/meeting.md",
        "---\nmeeting: audit-board\ndate: 2026-11-03\nrescheduled_from: [2026-10-20, 2026-10-27]\nsequence: 1\nstart_time: \"18:00\"\n---\n",
    );
    let again = site.build();
    let calendar = read_ics(&again.out.join("calendar.ics"));
    let moved = event_for(&calendar, base, "audit-board/2026-11-03/");
    assert_eq!(moved.must("UID"), uid);
    assert_eq!(moved.must("SEQUENCE"), "3");
}

/// The example's moved meeting and its cancelled one.
#[test]
fn example_moved_and_cancelled_meetings() {
    let site = TestSite::example();
    let built = site.build();
    let calendar = read_ics(&built.out.join("calendar.ics"));
    let moved = event_for(&calendar, BASE, "transport-board/2026-11-03/");
    assert_eq!(
        moved.must("UID"),
        "transport-board-2026-10-20@meetings.kestrelvalley.example"
    );
    assert_eq!(moved.must("SEQUENCE"), "1");
    assert_eq!(moved.must("STATUS"), "CONFIRMED");
    let cancelled = event_for(&calendar, BASE, "children-board/2026-10-13/");
    assert_eq!(cancelled.must("STATUS"), "CANCELLED");
    assert_eq!(
        cancelled.must("SEQUENCE"),
        "1",
        "a cancellation is a revision"
    );
    assert_eq!(
        cancelled.must("SUMMARY"),
        "Cancelled: Children and Young People Board"
    );
    assert!(
        cancelled
            .must("DESCRIPTION")
            .contains("This meeting has been cancelled."),
        "{cancelled:?}"
    );
    let held = event_for(&calendar, BASE, "transport-board/2026-06-16/");
    assert_eq!(held.must("SUMMARY"), "Transport and Infrastructure Board");
    assert_eq!(
        held.must("UID"),
        "transport-board-2026-06-16@meetings.kestrelvalley.example"
    );
    assert_eq!(
        held.must("DTSTAMP"),
        "20260608T000000Z",
        "DTSTAMP is the pack's publication date"
    );
    assert_eq!(
        held.must("LOCATION"),
        "Council Chamber, Riverside House, Riverside House, 12 Millwright Street, Harwick, HW1 4QT and online"
    );
}

/// Postponed meetings are cancelled on their date, and say they are postponed.
#[test]
fn postponed_meeting_is_cancelled_on_its_date() {
    let site = TestSite::minimal().file(
        "content/audit-board/2026-12-01/meeting.md",
        &MEETING_MD.replace(
            "status: scheduled",
            "status: postponed\nstatus_note: Postponed to a date to be fixed.",
        ),
    );
    let built = site.build();
    let calendar = read_ics(&built.out.join("audit-board/2026-12-01/meeting.ics"));
    let e = &calendar.events[0];
    assert_eq!(e.must("STATUS"), "CANCELLED");
    assert_eq!(e.must("SUMMARY"), "Postponed: Audit Board");
    assert!(
        e.must("DESCRIPTION")
            .contains("This meeting has been postponed. Postponed to a date to be fixed."),
        "{e:?}"
    );
}

/// Moving a meeting from a date another meeting holds is warned about, and both still get distinct UIDs.
#[test]
fn clashing_move_is_warned_and_uids_stay_unique() {
    let site = TestSite::minimal()
        .file("content/audit-board/2026-10-20/meeting.md", "---\nmeeting: audit-board\ndate: 2026-10-20\n---\n")
        .file("content/audit-board/2026-11-03/meeting.md", "---\nmeeting: audit-board\ndate: 2026-11-03\nrescheduled_from: 2026-10-20\n---\n")
        .file("content/audit-board/2026-11-10/meeting.md", "---\nmeeting: audit-board\ndate: 2026-11-10\nstart_time: \"15:00\"\nend_time: \"14:00\"\n---\n");
    let found = site.check_json();
    let clash: Vec<_> = found.iter().filter(|d| d["code"] == "BP080").collect();
    assert_eq!(clash.len(), 1, "{found:?}");
    assert!(
        clash[0]["file"]
            .as_str()
            .unwrap_or("")
            .ends_with("2026-11-03/meeting.md"),
        "{}",
        clash[0]
    );
    assert_eq!(clash[0]["line"], 4, "points at the date: {}", clash[0]);
    let times: Vec<_> = found.iter().filter(|d| d["code"] == "BP081").collect();
    assert_eq!(times.len(), 1, "{found:?}");

    let built = site.build();
    let calendar = read_ics(&built.out.join("calendar.ics"));
    let uids: BTreeSet<&str> = calendar.events.iter().map(|e| e.must("UID")).collect();
    assert_eq!(uids.len(), calendar.events.len(), "{uids:?}");
    let base = "https://papers.example.org/";
    assert_eq!(
        event_for(&calendar, base, "audit-board/2026-10-20/").must("UID"),
        "audit-board-2026-10-20@papers.example.org",
        "the meeting on the date keeps it"
    );
    // An end before the start is ignored: the default length.
    assert_eq!(
        event_for(&calendar, base, "audit-board/2026-11-10/").must("DTEND"),
        "20261110T170000Z"
    );
}

/// A board's calendar has exactly its meetings; a meeting's file exactly its one event, the same as
/// in the site calendar; the pages link to both.
#[test]
fn board_and_meeting_calendars_and_links() {
    let site = TestSite::example();
    let built = site.build();
    let all = read_ics(&built.out.join("calendar.ics"));
    let board = read_ics(&built.out.join("transport-board/calendar.ics"));
    let board_urls: BTreeSet<&str> = board
        .events
        .iter()
        .filter(|e| !e.must("SUMMARY").starts_with("Call-in deadline: "))
        .map(|e| e.must("URL"))
        .collect();
    let expected: BTreeSet<String> = meeting_paths(&built.out)
        .into_iter()
        .filter(|m| m.starts_with("transport-board/"))
        .map(|m| format!("{BASE}{m}"))
        .collect();
    assert_eq!(board_urls, expected.iter().map(String::as_str).collect());
    assert!(board.props["X-WR-CALNAME"].starts_with("Transport and Infrastructure Board"));

    for meeting in meeting_paths(&built.out) {
        let one = read_ics(&built.out.join(&meeting).join("meeting.ics"));
        assert_eq!(one.events.len(), 1, "{meeting}");
        let e = &one.events[0];
        let in_site = event_for(&all, BASE, &meeting);
        assert_eq!(
            e.props, in_site.props,
            "{meeting}: the same event as in the site calendar"
        );
    }

    let upcoming = built.page("/transport-board/2026-12-08/");
    let link = select(&upcoming, "main a")
        .into_iter()
        .find(|a| text(*a) == "Add this meeting to your calendar (.ics)")
        .expect("a link to the meeting's calendar file");
    assert_eq!(
        link.value().attr("href"),
        Some("/transport-board/2026-12-08/meeting.ics")
    );
    assert_eq!(
        attr(
            &upcoming,
            "link[rel=alternate][type='text/calendar'][href$='meeting.ics']",
            "href"
        )
        .as_deref(),
        Some("/transport-board/2026-12-08/meeting.ics")
    );

    let board_page = built.page("/transport-board/");
    let subscribe = section_by_heading(&board_page, "Subscribe");
    let links = hrefs(subscribe);
    for href in [
        "/transport-board/calendar.ics",
        "/transport-board/feed.xml",
        "/calendar.ics",
        "/feed.xml",
    ] {
        assert!(links.iter().any(|h| h == href), "{href} in {links:?}");
        assert!(built.exists(href), "{href} exists");
    }
    let alternates: BTreeSet<String> = select(&board_page, "link[rel=alternate]")
        .into_iter()
        .filter_map(|l| l.value().attr("href").map(str::to_string))
        .collect();
    // The site's feeds, the decisions feed (the example has decision records) and the board's.
    let expected: BTreeSet<String> = [
        "/feed.xml",
        "/calendar.ics",
        "/decisions/feed.xml",
        "/transport-board/feed.xml",
        "/transport-board/calendar.ics",
    ]
    .map(String::from)
    .into();
    assert_eq!(alternates, expected);
}

/// Commas, semicolons, backslashes and line breaks in front matter come back whole through a parser,
/// long lines fold, and non-ASCII text is never split.
#[test]
fn text_is_escaped_and_folded() {
    let room = r"Room 1; Hall\Annex, Brackenford — Salle des fêtes, 2ᵉ étage, près de l’église Saint-Étienne";
    let site = TestSite::minimal().file(
        "content/audit-board/2026-12-01/meeting.md",
        &format!("---\nmeeting: audit-board\ndate: 2026-12-01\nstart_time: \"14:00\"\nvenue:\n  room: '{room}'\nstatus_note: \"Line one;\\nline two, with a \\\\ backslash\"\nagenda:\n  - item: 1\n    title: 'Welcome, apologies; declarations'\n---\n"),
    );
    let built = site.build();
    let calendar = read_ics(&built.out.join("audit-board/2026-12-01/meeting.ics"));
    let e = &calendar.events[0];
    assert_eq!(e.must("LOCATION"), room);
    let description = e.must("DESCRIPTION");
    assert!(
        description.contains("Line one;\nline two, with a \\ backslash"),
        "{description:?}"
    );
    assert!(
        description.contains("1. Welcome, apologies; declarations"),
        "{description:?}"
    );
}

// ------------------------------------------------------------------------------------------------
// What must never be published

/// A site with exempt, draft and embargoed content whose every field carries a canary.
fn confidential_site() -> TestSite {
    let paper = |item: u32, canary: &str, extra: &str| {
        format!(
            "---\ntitle: {canary} title\nmeeting: audit-board\ndate: 2026-11-10\nitem: {item}\npurpose: {canary} purpose\nsummary: {canary} summary\ncontact:\n  name: {canary} officer\n{extra}---\n\n1. {canary} body.\n"
        )
    };
    TestSite::minimal()
        .file(
            "content/audit-board/2026-11-10/meeting.md",
            "---\nmeeting: audit-board\ndate: 2026-11-10\nstart_time: \"10:00\"\npublished: 2026-11-01\nagenda:\n  - item: 1\n    title: Public report\n  - item: 2\n    title: Depot site\n  - item: 3\n    title: Fraud strategy\n---\n",
        )
        .file("content/audit-board/2026-11-10/01-public.md", "---\ntitle: Public report\nmeeting: audit-board\ndate: 2026-11-10\nitem: 1\nsummary: Open.\n---\n\n1. Open.\n")
        .file("content/audit-board/2026-11-10/02-depot.md", &paper(2, "CANARY-EXEMPT", "exempt:\n  category: 3\n  reason: CANARY-EXEMPT reason\n"))
        .file("content/audit-board/2026-11-10/03-fraud.md", &paper(3, "CANARY-DRAFT", "status: draft\n"))
        .file("content/audit-board/2026-11-10/04-treasury.md", &paper(4, "CANARY-EMBARGO", "publish_from: 2026-12-20\n"))
        .file(
            "content/audit-board/2026-11-10/minutes.md",
            "---\nmeeting: audit-board\ndate: 2026-11-10\nstatus: approved\napproved_on: 2026-11-20\nitems:\n  - item: 2\n    minute: CANARY-MINUTE minute\n    decisions: [CANARY-MINUTE decision]\n    exempt:\n      category: 3\n      reason: CANARY-MINUTE reason\n---\n",
        )
        .file(
            "content/audit-board/2026-12-15/meeting.md",
            "---\nmeeting: audit-board\ndate: 2026-12-15\npublish_from: 2026-12-10\nstatus_note: CANARY-MEETING note\nagenda:\n  - item: 1\n    title: CANARY-MEETING item\n---\n",
        )
}

/// No calendar, feed, sitemap or robots file holds a byte of withheld content (searched after
/// unfolding iCalendar lines, so a folded canary cannot hide), and the withheld papers are not entries.
#[test]
fn nothing_withheld_reaches_calendars_feeds_or_sitemap() {
    let site = confidential_site();
    let built = site.build();
    let mut checked = 0;
    for file in all_files(&built.out) {
        let name = file.to_string_lossy().to_string();
        if !(name.ends_with(".ics") || name.ends_with(".xml") || name.ends_with(".txt")) {
            continue;
        }
        checked += 1;
        let text = std::fs::read_to_string(built.out.join(&file))
            .unwrap()
            .replace("\r\n ", "")
            .to_lowercase();
        for canary in [
            "CANARY-EXEMPT",
            "CANARY-DRAFT",
            "CANARY-EMBARGO",
            "CANARY-MINUTE",
            "CANARY-MEETING",
        ] {
            assert!(
                !text.contains(&canary.to_lowercase()),
                "{canary} leaked into {name}"
            );
        }
    }
    assert!(
        checked >= 7,
        "calendars, feeds, sitemap and robots were checked ({checked})"
    );

    let feed = read_feed(&built.out.join("feed.xml"));
    let links: BTreeSet<&str> = feed.entries.iter().map(|e| e.link.as_str()).collect();
    let expected: BTreeSet<&str> = [
        "https://papers.example.org/audit-board/2026-11-10/1-public/",
        "https://papers.example.org/audit-board/2026-11-10/minutes/",
    ]
    .into();
    assert_eq!(links, expected, "only the public paper and the minutes");

    let calendar = read_ics(&built.out.join("calendar.ics"));
    assert!(
        calendar
            .events
            .iter()
            .all(|e| !e.must("URL").contains("2026-12-15")),
        "the embargoed meeting is not in the calendar"
    );
    let e = event_for(
        &calendar,
        "https://papers.example.org/",
        "audit-board/2026-11-10/",
    );
    let description = e.must("DESCRIPTION");
    assert!(
        description.contains("2. Depot site (exempt – not for publication)"),
        "{description}"
    );
    assert!(
        description.contains("3. Fraud strategy"),
        "the agenda line of a draft is public: {description}"
    );
}

// ------------------------------------------------------------------------------------------------
// Feeds

#[derive(Debug)]
struct FeedEntry {
    id: String,
    title: String,
    updated: String,
    link: String,
    category: Option<String>,
    summary: Option<String>,
    author: Option<String>,
}

struct Feed {
    id: String,
    title: String,
    updated: String,
    self_link: String,
    alternate: String,
    author: String,
    entries: Vec<FeedEntry>,
}

fn child_text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.children()
        .find(|n| n.has_tag_name((ATOM, name)))
        .map(|n| n.text().unwrap_or(""))
}

fn link_href(node: roxmltree::Node<'_, '_>, rel: &str) -> Option<String> {
    node.children()
        .find(|n| {
            n.has_tag_name((ATOM, "link")) && n.attribute("rel").unwrap_or("alternate") == rel
        })
        .and_then(|n| n.attribute("href").map(str::to_string))
}

/// Parses an Atom feed, failing the test unless it has what RFC 4287 requires of a feed and its entries.
fn read_feed(path: &Path) -> Feed {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = roxmltree::Document::parse(&text)
        .unwrap_or_else(|e| panic!("{}: not XML: {e}", path.display()));
    let feed = doc.root_element();
    assert!(
        feed.has_tag_name((ATOM, "feed")),
        "{}: the root is an Atom feed",
        path.display()
    );
    let must = |node: roxmltree::Node<'_, '_>, name: &str| {
        child_text(node, name)
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| panic!("{}: no {name}", path.display()))
            .to_string()
    };
    let author = feed
        .children()
        .find(|n| n.has_tag_name((ATOM, "author")))
        .map(|a| must(a, "name"))
        .expect("a feed author");
    let entries = feed
        .children()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
        .map(|e| FeedEntry {
            id: must(e, "id"),
            title: must(e, "title"),
            updated: must(e, "updated"),
            link: link_href(e, "alternate").expect("each entry links to its page"),
            category: e
                .children()
                .find(|n| n.has_tag_name((ATOM, "category")))
                .and_then(|c| c.attribute("term").map(str::to_string)),
            summary: child_text(e, "summary").map(str::to_string),
            author: e
                .children()
                .find(|n| n.has_tag_name((ATOM, "author")))
                .map(|a| must(a, "name")),
        })
        .collect();
    Feed {
        id: must(feed, "id"),
        title: must(feed, "title"),
        updated: must(feed, "updated"),
        self_link: link_href(feed, "self").expect("a self link"),
        alternate: link_href(feed, "alternate").expect("an alternate link"),
        author,
        entries,
    }
}

/// Dates in RFC 3339 as written (`2026-06-08T00:00:00+01:00`), as UTC instants for comparing.
fn instant(rfc3339: &str) -> jiff::Timestamp {
    rfc3339
        .parse()
        .unwrap_or_else(|e| panic!("{rfc3339} is not RFC 3339: {e}"))
}

/// The site feed: what RFC 4287 requires, newest first, every entry a published page of this build,
/// the expected documents in and out.
#[test]
fn site_feed_lists_published_documents_newest_first() {
    let site = TestSite::example();
    let built = site.build();
    let feed = read_feed(&built.out.join("feed.xml"));
    assert_eq!(feed.id, format!("{BASE}feed.xml"));
    assert_eq!(feed.self_link, format!("{BASE}feed.xml"));
    assert_eq!(feed.alternate, BASE);
    assert_eq!(
        feed.title,
        "Kestrel Valley Combined Authority – Meetings and papers"
    );
    assert_eq!(feed.author, "Kestrel Valley Combined Authority");
    assert!(!feed.entries.is_empty() && feed.entries.len() <= 50);

    let ids: BTreeSet<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), feed.entries.len(), "entry ids are unique");
    let dates: Vec<jiff::Timestamp> = feed.entries.iter().map(|e| instant(&e.updated)).collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {:?}",
        feed.entries.iter().map(|e| &e.updated).collect::<Vec<_>>()
    );
    assert_eq!(
        instant(&feed.updated),
        dates[0],
        "the feed is as new as its newest entry"
    );
    let as_of: jiff::Timestamp = format!("{AS_OF}T23:59:59Z").parse().unwrap();
    assert!(
        dates.iter().all(|d| *d <= as_of),
        "nothing dated after the build date"
    );

    for e in &feed.entries {
        assert_eq!(e.id, e.link, "the id is the permalink");
        let path = e
            .link
            .strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{} is under {BASE}", e.link));
        let page = built.page(&format!("/{path}"));
        assert_eq!(
            only_h1(&page, path),
            e.title,
            "the entry's title is its page's"
        );
        assert!(e.category.is_some(), "{e:?}");
    }
    let has = |path: &str| {
        feed.entries
            .iter()
            .any(|e| e.link == format!("{BASE}{path}"))
    };
    assert!(has(
        "transport-board/2026-06-16/3-bus-franchising-consultation/"
    ));
    assert!(has("transport-board/2026-06-16/minutes/"));
    assert!(has("children-board/2026-07-07/3-send-transport/"));
    assert!(
        !has("transport-board/2026-12-08/3-transport-budget-2027-28/"),
        "published 30 November, after the build date"
    );
    assert!(
        !feed.entries.iter().any(|e| e.link.contains("/2027-")),
        "nothing of 2027 is published yet"
    );

    let paper = feed
        .entries
        .iter()
        .find(|e| e.link.ends_with("3-bus-franchising-consultation/"))
        .unwrap();
    assert_eq!(
        paper.updated, "2026-06-08T00:00:00+01:00",
        "the pack's publication date, at midnight in the site's time zone"
    );
    assert!(
        paper
            .summary
            .as_deref()
            .is_some_and(|s| s.len() > 40 && !s.contains('*') && !s.contains("](")),
        "a plain-text summary: {paper:?}"
    );
    assert!(paper.author.is_some(), "the contact officer: {paper:?}");
}

/// Later, the December papers are published, but never the exempt one.
#[test]
fn feed_follows_the_build_date_and_leaves_out_exempt_papers() {
    let site = TestSite::example();
    let out = site.scratch().join("december");
    let output = boardpack()
        .arg("build")
        .arg("--root")
        .arg(site.root())
        .arg("--output")
        .arg(&out)
        .args(["--as-of", "2026-12-02"])
        .output()
        .unwrap();
    assert_success(&output, "build as of 2 December");
    let feed = read_feed(&out.join("transport-board/feed.xml"));
    let links: Vec<&str> = feed.entries.iter().map(|e| e.link.as_str()).collect();
    assert!(
        links
            .iter()
            .any(|l| l.ends_with("2026-12-08/3-transport-budget-2027-28/")),
        "{links:?}"
    );
    assert!(
        !links.iter().any(|l| l.contains("eastmoor")),
        "the exempt paper is not in the feed: {links:?}"
    );
    assert!(
        feed.entries
            .iter()
            .all(|e| e.category.as_deref() == Some("transport-board")),
        "only this board's documents"
    );
}

/// A board feed holds its board's documents only, and says so.
#[test]
fn board_feed_holds_its_board_only() {
    let site = TestSite::example();
    let built = site.build();
    let all = read_feed(&built.out.join("feed.xml"));
    let board = read_feed(&built.out.join("children-board/feed.xml"));
    assert_eq!(board.self_link, format!("{BASE}children-board/feed.xml"));
    assert_eq!(board.alternate, format!("{BASE}children-board/"));
    assert!(board.title.starts_with("Children and Young People Board"));
    let expected: Vec<&str> = all
        .entries
        .iter()
        .filter(|e| e.category.as_deref() == Some("children-board"))
        .map(|e| e.id.as_str())
        .collect();
    let got: Vec<&str> = board.entries.iter().map(|e| e.id.as_str()).collect();
    assert!(!got.is_empty());
    assert_eq!(got, expected, "the same entries, in the same order");
}

/// Feeds are capped at 50 entries, the newest; ties keep a stable order; every page links the site feed.
#[test]
fn feed_is_capped_and_ordered() {
    let mut site = TestSite::minimal();
    for n in 1..=55u32 {
        let date = format!("2026-{:02}-{:02}", 1 + (n - 1) / 28, 1 + (n - 1) % 28);
        site = site
            .file(&format!("content/audit-board/{date}/meeting.md"), &format!("---\nmeeting: audit-board\ndate: {date}\n---\n"))
            .file(
                &format!("content/audit-board/{date}/01-report.md"),
                &format!("---\ntitle: Report {n}\nmeeting: audit-board\ndate: {date}\nitem: 1\nsummary: Report number {n}.\npublished: {date}\n---\n\n1. Text.\n"),
            );
    }
    let built = site.build();
    let feed = read_feed(&built.out.join("feed.xml"));
    assert_eq!(feed.entries.len(), 50);
    let titles: Vec<String> = feed.entries.iter().map(|e| e.title.clone()).collect();
    let expected: Vec<String> = (6..=55).rev().map(|n| format!("Report {n}")).collect();
    assert_eq!(titles, expected, "the 50 newest, newest first");
    for rel in built.html_files() {
        let page = built.parse_file(&rel);
        assert_eq!(
            attr(
                &page,
                "link[rel=alternate][type='application/atom+xml']",
                "href"
            )
            .as_deref(),
            Some("/feed.xml"),
            "{}",
            rel.display()
        );
    }
}

/// An empty feed is still a valid feed, dated deterministically.
#[test]
fn empty_feed_is_valid() {
    // The minimal site's only paper is for a meeting after the build date.
    let site = TestSite::minimal();
    let built = site.build();
    let feed = read_feed(&built.out.join("feed.xml"));
    assert!(feed.entries.is_empty());
    assert_eq!(feed.updated, "1970-01-01T00:00:00Z");
}

// ------------------------------------------------------------------------------------------------
// Sitemap and robots.txt

/// The `loc`s (and `lastmod`s) of a sitemap, failing the test unless it is a sitemaps.org urlset.
fn read_sitemap(path: &Path) -> Vec<(String, Option<String>)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = roxmltree::Document::parse(&text)
        .unwrap_or_else(|e| panic!("{}: not XML: {e}", path.display()));
    assert!(
        doc.root_element().has_tag_name((SITEMAP_NS, "urlset")),
        "a sitemaps.org 0.9 urlset"
    );
    doc.root_element()
        .children()
        .filter(|n| n.is_element())
        .map(|url| {
            assert!(url.has_tag_name((SITEMAP_NS, "url")));
            let child = |name: &str| {
                url.children()
                    .find(|n| n.has_tag_name((SITEMAP_NS, name)))
                    .and_then(|n| n.text())
                    .map(str::to_string)
            };
            (child("loc").expect("a loc"), child("lastmod"))
        })
        .collect()
}

/// The canonical URL of every HTML page of a build except 404.html.
fn canonical_urls(out: &Path, base: &str) -> Vec<String> {
    let mut urls: Vec<String> = all_files(out)
        .into_iter()
        .map(|f| f.to_string_lossy().replace('\\', "/"))
        .filter(|f| f.ends_with(".html") && f != "404.html")
        .map(|f| format!("{base}{}", f.strip_suffix("index.html").unwrap_or(&f)))
        .collect();
    urls.sort();
    urls
}

/// Every page once, sorted, by its canonical URL (as the page's own `<link rel=canonical>` says);
/// no 404 page, no withheld page; dates where known, never after the build.
#[test]
fn sitemap_lists_every_page_once() {
    let site = TestSite::example();
    let built = site.build();
    let entries = read_sitemap(&built.out.join("sitemap.xml"));
    let locs: Vec<String> = entries.iter().map(|(l, _)| l.clone()).collect();
    let mut sorted = locs.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(locs, sorted, "sorted, each once");
    assert_eq!(
        locs,
        canonical_urls(&built.out, BASE),
        "every HTML page but the 404 page"
    );
    assert!(!locs.iter().any(|l| l.contains("404")));
    assert!(
        !locs.iter().any(|l| l.contains("eastmoor")),
        "the exempt paper"
    );
    for rel in built
        .html_files()
        .into_iter()
        .filter(|f| f.as_os_str() != "404.html")
    {
        let canonical =
            attr(&built.parse_file(&rel), "link[rel=canonical]", "href").expect("a canonical link");
        assert!(
            locs.contains(&canonical),
            "{canonical} ({}) is in the sitemap",
            rel.display()
        );
    }
    let dated: BTreeMap<&str, &str> = entries
        .iter()
        .filter_map(|(l, d)| d.as_deref().map(|d| (l.as_str(), d)))
        .collect();
    assert_eq!(
        dated.get(
            format!("{BASE}transport-board/2026-06-16/3-bus-franchising-consultation/").as_str()
        ),
        Some(&"2026-06-08")
    );
    assert!(
        dated.values().all(|d| *d <= AS_OF && d.len() == 10),
        "{dated:?}"
    );

    let robots = std::fs::read_to_string(built.out.join("robots.txt")).unwrap();
    let lines: Vec<&str> = robots.lines().collect();
    assert!(
        lines.contains(&"User-agent: *") && lines.contains(&"Allow: /"),
        "{robots}"
    );
    assert!(
        lines.contains(&format!("Sitemap: {BASE}sitemap.xml").as_str()),
        "{robots}"
    );
}

/// Under a sub-path every URL carries it, in the sitemap, robots.txt, feeds and calendars.
#[test]
fn sub_path_sites_use_full_urls() {
    let site = TestSite::minimal().file(
        "content/pages/about.md",
        "---\ntitle: About\n---\n\nAbout.\n",
    );
    let base = "https://example.gov.uk/committees/";
    let built = site.build_ok(&["--base-url", base]);
    let locs: Vec<String> = read_sitemap(&built.out.join("sitemap.xml"))
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert_eq!(locs, canonical_urls(&built.out, base));
    assert!(locs.contains(&format!("{base}about/")));
    let robots = std::fs::read_to_string(built.out.join("robots.txt")).unwrap();
    assert!(
        robots.contains(&format!("Sitemap: {base}sitemap.xml\n")),
        "{robots}"
    );
    let feed = read_feed(&built.out.join("feed.xml"));
    assert_eq!(feed.self_link, format!("{base}feed.xml"));
    let calendar = read_ics(&built.out.join("calendar.ics"));
    assert_eq!(
        calendar.events[0].must("URL"),
        format!("{base}audit-board/2026-12-01/")
    );
    assert_eq!(
        calendar.events[0].must("UID"),
        "audit-board-2026-12-01@example.gov.uk/committees"
    );
    let home = built.page("/");
    assert_eq!(
        attr(&home, "link[rel=alternate][type='text/calendar']", "href").as_deref(),
        Some("/committees/calendar.ics")
    );
}

/// Two builds of the same site give the same bytes for every file these modules write.
#[test]
fn outputs_are_deterministic() {
    let site = TestSite::example();
    let first = site.scratch().join("first");
    let second = site.scratch().join("second");
    assert_success(&site.build_into(&first, &[]), "first build");
    assert_success(&site.build_into(&second, &[]), "second build");
    let ours = |out: &Path| -> BTreeMap<std::path::PathBuf, Vec<u8>> {
        snapshot(out)
            .into_iter()
            .filter(|(p, _)| {
                ["ics", "xml", "txt"]
                    .iter()
                    .any(|e| p.extension().is_some_and(|x| x == *e))
            })
            .collect()
    };
    let a = ours(&first);
    assert!(a.len() >= 10, "{:?}", a.keys().collect::<Vec<_>>());
    assert_eq!(a, ours(&second));
}
