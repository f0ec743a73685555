//! Publishing rules: exempt, draft and embargoed content never reaches a published byte; embargoes lift
//! at the right moment; late packs are warned about; an interrupted build loses nothing.

mod common;

use std::path::Path;

use common::*;

/// A meeting whose agenda gives the public title of an exempt item.
const MEETING: &str = "---
meeting: audit-board
date: 2026-12-01
status: scheduled
published: 2026-11-20
agenda:
  - item: 4
    title: Internal audit progress
    paper: 04-internal-audit-progress.md
  - item: 5
    title: Acquisition of a depot site
    paper: 05-depot.md
  - item: 6
    title: Counter-fraud strategy
    paper: 06-fraud.md
  - item: 7
    title: Treasury update
    paper: 07-treasury.md
---

Cover notes.
";

/// A public paper that links to the exempt, draft and embargoed ones, and has an exempt appendix.
const PUBLIC_PAPER: &str = "---
title: Internal audit progress
meeting: audit-board
date: 2026-12-01
item: 4
summary: Progress against the plan.
appendices:
  - title: Appendix A – public summary
    file: appendices/public.csv
  - title: Appendix B – supplier prices
    file: appendices/prices.csv
    exempt:
      category: 3
      reason: Prices would harm the council's negotiating position.
---

1. See [the depot report](05-depot.md), [the fraud strategy](06-fraud.md) and [the treasury update](07-treasury.md).
";

fn paper_with_canary(item: u32, slug: &str, canary: &str, extra: &str) -> String {
    let date = if slug == "plan" {
        "2026-12-15"
    } else {
        "2026-12-01"
    };
    format!(
        "---
title: {canary} title
meeting: audit-board
date: {date}
item: {item}
slug: {slug}
purpose: {canary} purpose
summary: {canary} summary
recommendations:
  - {canary} recommendation
action: {canary} action
contact:
  name: {canary} name
  position: {canary} position
  phone: 01632 960 000
  email: {canary}@example.gov.uk
wards: [{canary} ward]
decision_maker: {canary} decision maker
background_papers: [{canary} background]
appendices:
  - title: {canary} appendix file
    file: appendices/{slug}.csv
  - title: {canary} appendix page
    file: appendices/{slug}.md
{extra}---

## {canary} heading

1. {canary} body paragraph.
"
    )
}

fn leaky_site() -> TestSite {
    let site = TestSite::minimal()
        .file("content/audit-board/2026-12-01/meeting.md", MEETING)
        .file("content/audit-board/2026-12-01/04-internal-audit-progress.md", PUBLIC_PAPER)
        .file("content/audit-board/2026-12-01/appendices/public.csv", "a,b\n1,2\n")
        .file("content/audit-board/2026-12-01/appendices/prices.csv", "supplier,price\nCANARY-EXEMPT-APPENDIX,1\n")
        .file(
            "content/audit-board/2026-12-01/05-depot.md",
            &paper_with_canary(5, "depot", "CANARY-EXEMPT", "exempt:\n  category: 3\n  reason: CANARY-EXEMPT reason\n"),
        )
        .file("content/audit-board/2026-12-01/06-fraud.md", &paper_with_canary(6, "fraud", "CANARY-DRAFT", "status: draft\n"))
        .file("content/audit-board/2026-12-01/07-treasury.md", &paper_with_canary(7, "treasury", "CANARY-EMBARGO", "publish_from: 2026-11-30T09:00\n"))
        // An embargoed meeting of its own, with a paper and cover notes.
        .file(
            "content/audit-board/2026-12-15/meeting.md",
            "---\nmeeting: audit-board\ndate: 2026-12-15\npublish_from: 2026-12-05\n---\n\nCANARY-MEETING cover notes.\n",
        )
        .file("content/audit-board/2026-12-15/01-plan.md", &paper_with_canary(1, "plan", "CANARY-MEETING", ""))
        // Minutes with an exempt item, and draft minutes.
        .file(
            "content/audit-board/2026-11-01/minutes.md",
            "---\nmeeting: audit-board\ndate: 2026-11-01\nstatus: approved\nitems:\n  - item: 1\n    title: Depot negotiations\n    minute: CANARY-MINUTE minute\n    decisions: [CANARY-MINUTE decision]\n    actions:\n      - action: CANARY-MINUTE action\n        owner: CANARY-MINUTE owner\n    exempt:\n      category: 3\n      reason: Commercial negotiations.\n---\n",
        )
        .file("content/audit-board/2026-11-01/01-a.md", "---\ntitle: Depot negotiations\nmeeting: audit-board\ndate: 2026-11-01\nitem: 1\nsummary: Public.\n---\n\n1. Public.\n")
        .file(
            "content/audit-board/2026-11-15/minutes.md",
            "---\nmeeting: audit-board\ndate: 2026-11-15\nstatus: draft\nitems:\n  - item: 1\n    minute: CANARY-DRAFT-MINUTES minute\n---\n\nCANARY-DRAFT-MINUTES body\n",
        )
        .file("content/audit-board/2026-11-15/01-b.md", "---\ntitle: Another\nmeeting: audit-board\ndate: 2026-11-15\nitem: 1\nsummary: Public.\n---\n\n1. Public.\n");
    for (slug, canary) in [
        ("depot", "CANARY-EXEMPT"),
        ("fraud", "CANARY-DRAFT"),
        ("treasury", "CANARY-EMBARGO"),
        ("plan", "CANARY-MEETING"),
    ] {
        let dir = if slug == "plan" {
            "2026-12-15"
        } else {
            "2026-12-01"
        };
        site.write(
            &format!("content/audit-board/{dir}/appendices/{slug}.csv"),
            format!("x\n{canary}-ATTACHED-FILE\n"),
        );
        site.write(
            &format!("content/audit-board/{dir}/appendices/{slug}.md"),
            format!("---\ntitle: {canary} appendix\n---\n\n{canary} appendix body\n"),
        );
    }
    site
}

/// Every file of the output, as bytes, searched for each canary (case-insensitively, and as JSON-escaped text).
fn assert_no_canary(out: &Path, canaries: &[&str]) {
    for file in all_files(out) {
        let bytes = std::fs::read(out.join(&file)).expect("read output file");
        // Unfolded as iCalendar files fold long lines, so a canary split across lines is still found.
        let text = String::from_utf8_lossy(&bytes)
            .replace("\r\n ", "")
            .to_lowercase();
        for canary in canaries {
            assert!(
                !text.contains(&canary.to_lowercase()),
                "{canary} leaked into {}",
                file.display()
            );
        }
    }
}

const CANARIES: [&str; 6] = [
    "CANARY-EXEMPT",
    "CANARY-DRAFT",
    "CANARY-EMBARGO",
    "CANARY-MEETING",
    "CANARY-MINUTE",
    "CANARY-DRAFT-MINUTES",
];

// Nothing of an exempt, draft or embargoed paper, meeting or minute reaches any output byte, while the
// exempt item's agenda line, with its legal ground, is published.
#[test]
fn nothing_confidential_leaks() {
    let site = leaky_site();
    let built = site.build_ok(&[]);
    assert_no_canary(&site.out(), &CANARIES);

    let meeting = built.page(MEETING_URL);
    let rows = select(&meeting, "table.agenda tbody tr");
    let depot = rows
        .iter()
        .find(|r| text(**r).contains("Acquisition of a depot site"))
        .expect("the exempt item's agenda line");
    let line = text(*depot);
    assert!(line.contains("Exempt – not for publication"), "{line}");
    assert!(line.contains("Paragraph 3 of Schedule 12A"), "{line}");
    assert!(
        hrefs(*depot).is_empty(),
        "no link to the exempt paper: {line}"
    );
    let fraud = rows
        .iter()
        .find(|r| text(**r).contains("Counter-fraud strategy"))
        .expect("the draft item's agenda line");
    assert!(text(*fraud).contains("not yet published"));

    // The public paper: links to withheld papers are words, the exempt appendix is listed, not published.
    let paper = built.page(PAPER_URL);
    let body = body_text(&paper);
    assert!(
        body.contains("the depot report (exempt – not for publication)"),
        "{body}"
    );
    assert!(
        body.contains("the fraud strategy (not yet published)"),
        "{body}"
    );
    let withheld_links: Vec<String> = select(&paper, "main a")
        .into_iter()
        .map(text)
        .filter(|t| {
            t.contains("depot report")
                || t.contains("fraud strategy")
                || t.contains("treasury update")
        })
        .collect();
    assert!(
        withheld_links.is_empty(),
        "links to withheld papers are words, not links: {withheld_links:?}"
    );
    assert!(body.contains("Appendix B – supplier prices"), "{body}");
    assert!(
        !all_files(&site.out())
            .iter()
            .any(|f| f.to_string_lossy().contains("prices"))
    );
    assert!(built.exists("/audit-board/2026-12-01/4-internal-audit-progress/public.csv"));

    // The minutes keep the exempt item's line and ground, nothing else of it.
    let minutes = built.page("/audit-board/2026-11-01/minutes/");
    let minutes_text = body_text(&minutes);
    assert!(
        minutes_text.contains("Depot negotiations")
            && minutes_text.contains("Exempt – not for publication"),
        "{minutes_text}"
    );
    // The embargoed meeting is not on the board page.
    assert!(!built.exists("/audit-board/2026-12-15/"));
    assert!(
        !doc_hrefs(&built.page("/audit-board/"))
            .iter()
            .any(|h| h.contains("2026-12-15"))
    );
}

// `--drafts` shows drafts, but exempt content stays out even then.
#[test]
fn drafts_never_bring_exempt_content() {
    let site = leaky_site();
    let built = site.build_ok(&["--drafts"]);
    assert!(built.exists("/audit-board/2026-12-01/6-fraud/"));
    assert_no_canary(&site.out(), &["CANARY-EXEMPT", "CANARY-MINUTE"]);
}

fn build_as_of(site: &TestSite, when: &str) -> std::process::Output {
    boardpack()
        .args(["build", "--quiet", "--as-of", when, "--root"])
        .arg(site.root())
        .arg("--output")
        .arg(site.out())
        .output()
        .expect("run boardpack")
}

// An embargo lifts at its moment, not a minute before.
#[test]
fn embargo_lifts_at_its_moment() {
    let site = TestSite::minimal().file(
        "content/audit-board/2026-12-01/05-late.md",
        "---\ntitle: Late\nmeeting: audit-board\ndate: 2026-12-01\nitem: 5\nsummary: S.\npublish_from: 2026-11-20T09:00\n---\n\n1. Text.\n",
    );
    let before = build_as_of(&site, "2026-11-20T08:59");
    assert_success(&before, "build before the embargo");
    assert!(!file_for(&site.out(), "/audit-board/2026-12-01/5-late/").exists());
    let after = build_as_of(&site, "2026-11-20T09:00");
    assert_success(&after, "build at the embargo");
    assert!(file_for(&site.out(), "/audit-board/2026-12-01/5-late/").exists());
}

// A pack published with fewer than five clear working days' notice is warned about, unless urgent;
// weekends and configured bank holidays do not count.
#[test]
fn clear_working_days_warning() {
    // Meeting Tuesday 1 December 2026; published Wednesday 25 November: Thu, Fri, Mon = 3 clear working days.
    let late = "---\ntitle: Late\nmeeting: audit-board\ndate: 2026-12-01\nitem: 5\nsummary: S.\npublished: 2026-11-25\n---\n\n1. Text.\n";
    // The other paper of the meeting gives its own notice; only the late one is looked at here.
    let late_warned = |site: &TestSite| {
        site.check_json().iter().any(|d| {
            d["code"] == "BP072" && d["file"] == "content/audit-board/2026-12-01/05-late.md"
        })
    };
    let site = TestSite::minimal().file("content/audit-board/2026-12-01/05-late.md", late);
    assert!(late_warned(&site));

    let urgent = late.replace(
        "published: 2026-11-25\n",
        "published: 2026-11-25\nurgency: The grant deadline is 2 December.\n",
    );
    let site = TestSite::minimal().file("content/audit-board/2026-12-01/05-late.md", &urgent);
    assert!(!late_warned(&site));

    // Published Monday 23 November: Tue, Wed, Thu, Fri, Mon = 5, unless Friday is a bank holiday.
    let on_time = late.replace("2026-11-25", "2026-11-23");
    let site = TestSite::minimal().file("content/audit-board/2026-12-01/05-late.md", &on_time);
    assert!(!late_warned(&site));
    let site = site.file(
        "site.yaml",
        &format!("{}bank_holidays: [2026-11-27]\n", SITE_YAML),
    );
    assert!(late_warned(&site));
}

// A paper published after its meeting is said to be so, not "0 clear working days"; a paper without
// a date of its own is not measured by another paper's date: its meeting's pack is checked once, at the
// meeting file's `published:`.
#[test]
fn late_notice_is_said_as_it_is_and_where_it_is() {
    let after = "---\ntitle: After\nmeeting: audit-board\ndate: 2026-12-01\nitem: 5\nsummary: S.\npublished: 2026-12-03\n---\n\n1. Text.\n";
    let site = TestSite::minimal().file("content/audit-board/2026-12-01/05-after.md", after);
    let found: Vec<String> = site
        .check_json()
        .iter()
        .filter(|d| d["code"] == "BP072")
        .map(|d| d["message"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("after the meeting on 1 December 2026"),
        "{found:?}"
    );
    assert!(!found[0].contains("0 clear working days"), "{found:?}");

    let undated = "---\ntitle: Undated\nmeeting: audit-board\ndate: 2026-12-01\nitem: 6\nsummary: S.\n---\n\n1. Text.\n";
    let site = TestSite::minimal()
        .file("content/audit-board/2026-12-01/06-undated.md", undated)
        .file(
            "content/audit-board/2026-12-01/meeting.md",
            "---\nmeeting: audit-board\ndate: 2026-12-01\npublished: 2026-11-30\n---\n",
        );
    let late: Vec<serde_json::Value> = site
        .check_json()
        .into_iter()
        .filter(|d| d["code"] == "BP072")
        .collect();
    assert!(
        late.iter()
            .all(|d| d["file"] != "content/audit-board/2026-12-01/06-undated.md"),
        "{late:?}"
    );
    assert_eq!(
        late.iter()
            .filter(|d| d["file"] == "content/audit-board/2026-12-01/meeting.md")
            .count(),
        1,
        "{late:?}"
    );
}

// A key decision needs 28 clear days' notice.
#[test]
fn key_decision_notice_warning() {
    let paper = "---\ntitle: Key\nmeeting: audit-board\ndate: 2026-12-01\nitem: 5\nsummary: S.\nkey_decision: true\npublished: 2026-11-20\n---\n\n1. Text.\n";
    let site = TestSite::minimal().file("content/audit-board/2026-12-01/05-key.md", paper);
    assert!(site.check_json().iter().any(|d| d["code"] == "BP073"));
    let noticed = paper.replace(
        "key_decision: true\n",
        "key_decision: true\nkey_decision_notice: 2026-10-20\n",
    );
    let site = TestSite::minimal().file("content/audit-board/2026-12-01/05-key.md", &noticed);
    assert!(!site.check_json().iter().any(|d| d["code"] == "BP073"));
}

// Exempt needs a real paragraph of Schedule 12A.
#[test]
fn exempt_without_a_valid_category_is_an_error() {
    let site = TestSite::minimal().file(
        "content/audit-board/2026-12-01/05-x.md",
        "---\ntitle: X\nmeeting: audit-board\ndate: 2026-12-01\nitem: 5\nsummary: S.\nexempt:\n  reason: Secret.\n---\n",
    );
    assert!(
        site.check_json().iter().any(|d| d["code"] == "BP006"),
        "a category is required"
    );
    let site = site.file(
        "content/audit-board/2026-12-01/05-x.md",
        "---\ntitle: X\nmeeting: audit-board\ndate: 2026-12-01\nitem: 5\nsummary: S.\nexempt:\n  category: 9\n  reason: Secret.\n---\n",
    );
    let diags = site.check_json();
    let d = diags.iter().find(|d| d["code"] == "BP070").expect("BP070");
    assert_eq!(d["line"], 8);
}

// Killing a build part-way: see `tests/trust.rs`, which kills builds at 30 moments and compares bytes.

// Every page carries a CSP without unsafe-inline, and the theme needs nothing inline to honour it:
// no inline style attributes, style elements, scripts or event handlers on any page of the example.
#[test]
fn strict_content_security_policy_holds() {
    let site = TestSite::example();
    let built = site.build();
    let headers =
        std::fs::read_to_string(site.out().join("_headers")).expect("_headers is published");
    assert!(headers.contains("Content-Security-Policy") && !headers.contains("unsafe-inline"));
    for file in built.html_files() {
        let html = built.parse_file(&file);
        let csp = attr(
            &html,
            "meta[http-equiv='Content-Security-Policy']",
            "content",
        )
        .unwrap_or_else(|| panic!("no CSP in {}", file.display()));
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        assert!(
            select(&html, "[style], style, script:not([src])").is_empty(),
            "inline style or script in {}",
            file.display()
        );
        // The one script (the search page's) is an external file of the site itself.
        for script in select(&html, "script[src]") {
            let src = script.value().attr("src").unwrap_or_default();
            assert!(
                src.starts_with('/') && !src.starts_with("//") && script.inner_html().is_empty(),
                "script {src:?} in {}",
                file.display()
            );
        }
    }
}

// `--deny-warnings` fails a run on warnings alone: every format says so, not just "0 errors, 1
// warning" with exit status 1 (issue 28, item 8). JSON and GitHub output keep standard output for
// the diagnostics and give the summary on standard error.
#[test]
fn deny_warnings_says_the_warnings_failed_the_run_in_every_format() {
    let site = TestSite::minimal().file(
        "content/audit-board/2026-12-01/04-internal-audit-progress.md",
        &PAPER_MD.replace("summary: Progress against the internal audit plan.\n", ""),
    );
    for format in ["human", "json", "github"] {
        let output = site.check(&["--no-pdf", "--deny-warnings", "--format", format]);
        assert_eq!(output.status.code(), Some(1), "{format}");
        let err = stderr(&output);
        assert!(
            err.contains("0 errors, 1 warning (--deny-warnings: warnings fail the run)"),
            "{format}: {err}"
        );
        if format == "json" {
            let lines = parse_json_lines(&stdout(&output));
            assert!(!lines.is_empty() && lines.iter().all(|d| d["code"].is_string()));
        }
    }
    let output = site.build_with(&["--no-pdf", "--deny-warnings"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(
            "Nothing was written: 0 errors, 1 warning (--deny-warnings: warnings fail the run)"
        ),
        "{}",
        stderr(&output)
    );
    // Without --deny-warnings the same site passes, and the summary says nothing of it.
    let output = site.check(&["--no-pdf"]);
    assert!(output.status.success());
    assert!(!stderr(&output).contains("--deny-warnings"));
}
