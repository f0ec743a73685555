//! Purpose-made fixture sites, each built in a temporary folder: theming, base URLs, hostile content,
//! diagnostics for broken content, `boardpack new`, drafts and the output folder guard.

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

// ---------------------------------------------------------------------------------------------------
// Theme overrides

const OVERRIDE_PAPER: &str = r#"{% extends "base.html" %}
{% block content %}
<h1 class="site-override">Override: {{ paper.title }}</h1>
{% endblock content %}
"#;

const EXTRA_CSS: &str = "/* the site's own extra styles */\n.site-override { color: #0b0c0c; }\n";

/// A site's own `templates/paper.html` replaces the theme's for papers only, and its `static/` files are copied.
#[test]
fn site_templates_and_static_files_override_the_theme() {
    let site = TestSite::minimal()
        .file("templates/paper.html", OVERRIDE_PAPER)
        .file("static/assets/extra.css", EXTRA_CSS);
    let built = site.build();

    let paper = built.page(PAPER_URL);
    assert_eq!(
        only_h1(&paper, "paper"),
        "Override: Internal audit progress"
    );
    assert_eq!(
        select(&paper, "h1.site-override").len(),
        1,
        "the paper uses the site's template"
    );
    assert_eq!(
        attr(&paper, "a[href]", "href").as_deref(),
        Some("#main"),
        "the override still extends the theme's base.html"
    );

    let meeting = built.page(MEETING_URL);
    assert!(
        select(&meeting, ".site-override").is_empty(),
        "other pages keep the theme's templates"
    );
    assert_eq!(only_h1(&meeting, "meeting"), "Audit Board, 1 December 2026");
    assert!(
        !section_by_heading(&meeting, "Agenda")
            .inner_html()
            .is_empty()
    );

    let extra =
        std::fs::read_to_string(built.file_for("/assets/extra.css")).expect("extra.css is copied");
    assert_eq!(extra, EXTRA_CSS);
    assert!(
        built.exists("/assets/style.css"),
        "the theme's own stylesheet is still published"
    );
}

/// A template error in a site's override is reported against that template, and nothing is written.
#[test]
fn broken_override_template_is_reported_and_nothing_written() {
    let site = TestSite::minimal().file("templates/paper.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ paper.title \n{% endblock content %}\n");
    let output = site.build_with(&[]);
    assert_clean_failure(&output, "build with a broken template");
    let err = stderr(&output);
    assert!(err.contains("BP040"), "{err}");
    assert!(
        err.contains("templates/paper.html"),
        "the message names the site's template: {err}"
    );
    assert!(!site.out().exists(), "nothing is written");
}

// ---------------------------------------------------------------------------------------------------
// Base URLs

/// The minimal site plus minutes, a page and a Markdown appendix, so every kind of link is present.
fn full_site(site_yaml: &str) -> TestSite {
    TestSite::minimal()
        .file("site.yaml", site_yaml)
        .file(
            "content/audit-board/2026-12-01/04-internal-audit-progress.md",
            &PAPER_MD.replace("purpose: For information\n", "purpose: For information\nappendices:\n  - title: Audit plan\n    file: appendices/audit-plan.md\n  - title: Figures\n    file: appendices/figures.csv\n"),
        )
        .file("content/audit-board/2026-12-01/appendices/audit-plan.md", "---\ntitle: Audit plan 2027\n---\n\nThe plan. See [the report](../04-internal-audit-progress.md).\n")
        .file("content/audit-board/2026-12-01/appendices/figures.csv", "a,b\n1,2\n")
        .file("content/audit-board/2026-09-01/meeting.md", &MEETING_MD.replace("2026-12-01", "2026-09-01").replace("scheduled", "held"))
        .file("content/audit-board/2026-09-01/02-old-report.md", "---\ntitle: Old report\nmeeting: audit-board\ndate: 2026-09-01\nitem: 2\n---\n\n1. Old.\n")
        .file(
            "content/audit-board/2026-09-01/minutes.md",
            "---\nmeeting: audit-board\ndate: 2026-09-01\nstatus: approved\nitems:\n  - item: 2\n    minute: Noted.\n---\n",
        )
        .file("content/pages/about.md", "---\ntitle: About\n---\n\nAbout us. Read the [latest report](../audit-board/2026-12-01/04-internal-audit-progress.md).\n")
}

/// The URL path a generated HTML file is served at: `a/b/index.html` → `a/b/`, `404.html` → `404.html`.
fn url_path_of(rel: &Path) -> String {
    let s = rel.to_string_lossy().replace('\\', "/");
    match s.strip_suffix("index.html") {
        Some(dir) => dir.to_string(),
        None => s,
    }
}

/// A link that is neither absolute (`/…`), a fragment, nor external is relative, which breaks under sub-paths.
fn is_relative_link(href: &str) -> bool {
    !(href.starts_with('/')
        || href.starts_with('#')
        || ["http://", "https://", "mailto:", "tel:"]
            .iter()
            .any(|s| href.starts_with(s)))
}

/// With a sub-path base_url every internal link and the stylesheet start with it, and canonicals are full URLs.
#[test]
fn sub_path_base_url_prefixes_every_internal_link() {
    let site = full_site(&SITE_YAML.replace(
        "https://papers.example.org/",
        "https://example.gov.uk/committees/",
    ));
    let built = site.build();
    let files = built.html_files();
    assert!(files.len() >= 10, "{files:?}");
    let mut internal = 0;
    for rel in files {
        let name = rel.display().to_string();
        let page = built.parse_file(&rel);
        for href in doc_hrefs(&page) {
            assert!(!is_relative_link(&href), "{name}: relative link {href}");
            if href.starts_with('/') {
                internal += 1;
                let inside = href
                    .strip_prefix("/committees")
                    .unwrap_or_else(|| panic!("{name}: {href} does not start with /committees/"));
                assert!(inside.starts_with('/'), "{name}: {href}");
                assert!(
                    built.exists(inside),
                    "{name}: {href} leads to no file of the output"
                );
            }
        }
        let stylesheet = attr(&page, "link[rel=stylesheet]", "href")
            .unwrap_or_else(|| panic!("{name}: no stylesheet"));
        assert_eq!(stylesheet, "/committees/assets/style.css", "{name}");
        if name != "404.html" {
            let canonical = attr(&page, "link[rel=canonical]", "href")
                .unwrap_or_else(|| panic!("{name}: no canonical link"));
            assert_eq!(
                canonical,
                format!("https://example.gov.uk/committees/{}", url_path_of(&rel)),
                "{name}"
            );
        }
    }
    assert!(internal > 50, "internal links were checked ({internal})");
}

/// `--base-url` replaces site.yaml's base_url everywhere (e.g. for a staging server).
#[test]
fn base_url_flag_overrides_site_yaml() {
    let site = full_site(SITE_YAML);
    // Typed without the trailing slash, as people do.
    let built = site.build_ok(&["--base-url", "https://staging.example.net/preview"]);
    let home = built.page("/");
    assert_eq!(
        attr(&home, "link[rel=canonical]", "href").as_deref(),
        Some("https://staging.example.net/preview/")
    );
    assert_eq!(
        attr(&home, "link[rel=stylesheet]", "href").as_deref(),
        Some("/preview/assets/style.css")
    );
    for rel in built.html_files() {
        let page = built.parse_file(&rel);
        for href in doc_hrefs(&page).into_iter().filter(|h| h.starts_with('/')) {
            assert!(href.starts_with("/preview/"), "{}: {href}", rel.display());
        }
        let raw = std::fs::read_to_string(built.out.join(&rel)).unwrap();
        assert!(
            !raw.contains("papers.example.org"),
            "{}: site.yaml's base_url leaks into the page",
            rel.display()
        );
    }
}

// ---------------------------------------------------------------------------------------------------
// Hostile content

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";

fn hostile_site() -> TestSite {
    // Every value is single-quoted YAML; `S` and `I` stand for the two payloads.
    let fill = |s: &str| s.replace("{S}", SCRIPT).replace("{I}", IMG);
    TestSite::new()
        .file("site.yaml", SITE_YAML)
        .file(
            "content/hostile/board.md",
            &fill(
                "---
title: 'Hostile Board {S}'
slug: hostile-board
contact:
  name: '{I}'
  email: 'javascript:alert(1)'
  phone: '{I}'
membership:
  - group: '{S}'
    members:
      - name: 'Member {I}'
        role: '{S}'
        authority: '{I}'
---

Board body {S} [x](javascript:alert(1))
",
            ),
        )
        .file(
            "content/hostile/2026-12-01/meeting.md",
            &fill(
                "---
meeting: hostile-board
date: 2026-12-01
start_time: '10:00'
venue:
  room: 'Room {I}'
  address: '{S}'
  online: 'javascript:alert(1)'
status: postponed
status_note: 'Note {S}'
agenda:
  - item: 1
    title: 'Welcome {I}'
    presenter: '{S}'
  - item: 2
    title: 'Agenda title {S}'
    paper: 02-report.md
  - item: 3
    title: 'Verbal {I}'
    verbal: true
---

<img src=x onerror=alert(1)>

[click](javascript:alert(1))
",
            ),
        )
        .file(
            "content/hostile/2026-12-01/02-report.md",
            &fill(
                "---
title: 'Report {S}'
meeting: hostile-board
date: 2026-12-01
item: 2
purpose: 'Purpose {I}'
summary: 'Summary {S} and [click](javascript:alert(1))'
recommendations:
  - 'Recommendation {I}'
  - '[x](javascript:alert(1))'
action: 'Action {S}'
contact:
  name: 'Officer {S}'
  position: 'Position {I}'
  phone: '{I}'
  email: 'javascript:alert(1)'
wards: ['Ward {S}']
decision_maker: 'Decider {I}'
background_papers: ['Background {S}']
appendices:
  - title: 'Appendix {I}'
    file: appendices/notes.md
  - title: 'Data {S}'
    file: appendices/data.csv
---

## Background

1. Raw HTML: <script>alert(1)</script> and <img src=x onerror=alert(1)>.

2. Links: [a](javascript:alert(1)), [b](JaVaScRiPt:alert(1)), [c]( javascript:alert(1) ),
   <javascript:alert(1)>, [d][ref], ![e](javascript:alert(1)), [f](&#106;avascript:alert(1)),
   [g](<java script:alert(1)>), [h](vbscript:msgbox(1)), [i](data:text/html;base64,PHNjcmlwdD4=).

<script>
alert(1)
</script>

<div onclick=\"alert(1)\">div</div>

<a href=\"javascript:alert(1)\">raw link</a>

[ref]: javascript:alert(1)
",
            ),
        )
        .file(
            "content/hostile/2026-12-01/appendices/notes.md",
            &fill("---\ntitle: 'Notes {S}'\n---\n\n<iframe src=\"javascript:alert(1)\"></iframe>\n\n[x](javascript:alert(1))\n"),
        )
        .file("content/hostile/2026-12-01/appendices/data.csv", "a,b\n1,2\n")
        .file(
            "content/hostile/2026-12-01/minutes.md",
            &fill(
                "---
meeting: hostile-board
date: 2026-12-01
status: approved
attendance:
  present:
    - 'Present {S}'
    - name: 'Named {I}'
      role: '{S}'
      authority: '{I}'
  apologies: ['Apology {I}']
  substitutes:
    - name: 'Sub {S}'
      substituting: '{I}'
  officers: ['Officer {I}']
declarations:
  - member: 'Declarer {S}'
    item: 2
    interest: 'Interest {I}'
items:
  - item: 2
    title: 'Minute title {S}'
    minute: 'Minute <img src=x onerror=alert(1)> [x](javascript:alert(1))'
    decisions: ['Decision {S}']
    actions:
      - action: 'Action {I}'
        owner: 'Owner {S}'
---

<script>alert(1)</script>
",
            ),
        )
        .file(
            "content/pages/hostile.md",
            &fill("---\ntitle: 'Page {S}'\nslug: hostile-page\ndescription: 'Description {I}'\n---\n\n<iframe src=\"javascript:alert(1)\"></iframe>\n"),
        )
}

/// A URL attribute value as a browser reads its scheme: control characters and whitespace dropped, lower case.
fn scheme_of(value: &str) -> String {
    let cleaned: String = value
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    cleaned.split(':').next().unwrap_or("").to_string()
}

/// Asserts a page holds no script, no event handler and no script URL; returns a list of problems.
fn script_problems(page: &scraper::Html) -> Vec<String> {
    let mut problems = Vec::new();
    for element in select(page, "*") {
        let name = element.value().name();
        // The default theme has none of these; only injected markup could make them. (`img` may come
        // from a Markdown image, so only its `src` is checked.)
        let theme_link = name == "link"
            && matches!(
                element.value().attr("rel"),
                Some("stylesheet" | "canonical" | "alternate")
            );
        // The search page's own form and external script (no inline code), and nothing else.
        let theme_search = match name {
            "script" => {
                element
                    .value()
                    .attr("src")
                    .is_some_and(|s| s.ends_with("/assets/search.js"))
                    && element.inner_html().is_empty()
            }
            "form" => element.value().attr("id") == Some("search-form"),
            _ => false,
        };
        let injected = matches!(
            name,
            "script"
                | "iframe"
                | "object"
                | "embed"
                | "svg"
                | "math"
                | "base"
                | "form"
                | "style"
                | "link"
        );
        if injected && !theme_link && !theme_search {
            problems.push(format!("<{name}> element: {}", element.html()));
        }
        for (attr_name, value) in element.value().attrs() {
            if attr_name.to_ascii_lowercase().starts_with("on") {
                problems.push(format!("event handler {attr_name}={value:?} on <{name}>"));
            }
            let is_url = matches!(
                attr_name,
                "href"
                    | "src"
                    | "action"
                    | "formaction"
                    | "xlink:href"
                    | "poster"
                    | "data"
                    | "srcdoc"
            );
            if is_url && ["javascript", "vbscript", "data"].contains(&scheme_of(value).as_str()) {
                problems.push(format!("script URL {attr_name}={value:?} on <{name}>"));
            }
        }
    }
    problems
}

/// The unsafe-markup check itself catches what it looks for (so a pass above means something).
#[test]
fn script_check_catches_injections() {
    for bad in [
        "<script>alert(1)</script>",
        "<p onclick=\"x()\">p</p>",
        "<a href=\" JaVa\tScript:alert(1)\">a</a>",
        "<img src=\"javascript:alert(1)\">",
        "<iframe src=\"https://example.org/\"></iframe>",
        "<a href=\"data:text/html,x\">a</a>",
    ] {
        let page = scraper::Html::parse_document(&format!("<html><body>{bad}</body></html>"));
        assert!(!script_problems(&page).is_empty(), "{bad}");
    }
    let fine = scraper::Html::parse_document(
        "<html><head><link rel=stylesheet href=/a.css></head><body><a href=\"#p1\">x</a><a href=\"mailto:javascript:x\">m</a><img src=\"#\" alt=\"\"></body></html>",
    );
    assert_eq!(script_problems(&fine), Vec::<String>::new());
}

/// Markup and script URLs in front matter and Markdown are shown as text, never run.
#[test]
fn hostile_front_matter_and_markdown_cannot_run_script() {
    let site = hostile_site();
    let built = site.build();
    let files = built.html_files();
    assert!(files.len() >= 9, "{files:?}");
    let mut problems = Vec::new();
    for rel in &files {
        let page = built.parse_file(rel);
        problems.extend(
            script_problems(&page)
                .into_iter()
                .map(|p| format!("{}: {p}", rel.display())),
        );
    }
    assert!(
        problems.is_empty(),
        "unsafe markup in the output:\n{}",
        problems.join("\n")
    );
}

/// The hostile text is still there for readers to see: escaped, not dropped.
#[test]
fn hostile_text_is_escaped_not_dropped() {
    let site = hostile_site();
    let built = site.build();
    let paper_url = "/hostile-board/2026-12-01/2-report/";

    let paper = built.page(paper_url);
    assert_eq!(only_h1(&paper, "paper"), format!("Report {SCRIPT}"));
    // Markdown fields (summary, recommendations) get smart quotes: compare with straight ones.
    let text = body_text(&paper).replace(['“', '”'], "\"");
    for expected in [
        format!("Purpose {IMG}"),
        format!("Summary {SCRIPT} and click"),
        format!("Recommendation {IMG}"),
        format!("Action {SCRIPT}"),
        format!("Officer {SCRIPT}"),
        format!("Position {IMG}"),
        "javascript:alert(1)".to_string(), // the contact email, shown as text
        format!("Ward {SCRIPT}"),
        format!("Decider {IMG}"),
        format!("Background {SCRIPT}"),
        format!("Appendix {IMG}"),
        format!("Raw HTML: {SCRIPT} and <img src=x onerror=alert(1)>."),
    ] {
        assert!(
            text.contains(&expected),
            "paper page shows {expected:?}:\n{text}"
        );
    }
    let title = texts(&paper, "title").join("");
    assert!(
        title.contains(SCRIPT),
        "the <title> keeps the text: {title}"
    );

    let meeting = body_text(&built.page("/hostile-board/2026-12-01/"));
    for expected in [
        format!("Room {IMG}"),
        "javascript:alert(1)".into(),
        format!("Note {SCRIPT}"),
        format!("Welcome {IMG}"),
        format!("Verbal {IMG}"),
    ] {
        assert!(
            meeting.contains(&expected),
            "meeting page shows {expected:?}:\n{meeting}"
        );
    }

    let minutes = body_text(&built.page("/hostile-board/2026-12-01/minutes/"));
    for expected in [
        format!("Present {SCRIPT}"),
        format!("Named {IMG}"),
        format!("Apology {IMG}"),
        format!("Sub {SCRIPT}"),
        format!("Officer {IMG}"),
        format!("Declarer {SCRIPT}"),
        format!("Interest {IMG}"),
        format!("Decision {SCRIPT}"),
        format!("Owner {SCRIPT}"),
    ] {
        assert!(
            minutes.contains(&expected),
            "minutes page shows {expected:?}:\n{minutes}"
        );
    }

    let board = body_text(&built.page("/hostile-board/"));
    for expected in [
        format!("Hostile Board {SCRIPT}"),
        format!("Member {IMG}"),
        IMG.to_string(),
    ] {
        assert!(
            board.contains(&expected),
            "board page shows {expected:?}:\n{board}"
        );
    }

    let page = built.page("/hostile-page/");
    assert_eq!(only_h1(&page, "page"), format!("Page {SCRIPT}"));
    assert!(body_text(&page).contains(&format!("Description {IMG}")));
    assert_eq!(
        only_h1(&built.page(&format!("{paper_url}notes/")), "appendix"),
        format!("Notes {SCRIPT}")
    );
}

/// A `javascript:` website in site.yaml's organisation is not published as a clickable link.
#[test]
fn site_yaml_values_cannot_run_script() {
    let site = TestSite::minimal().file(
        "site.yaml",
        "title: 'Council <script>alert(1)</script>'\nbase_url: https://papers.example.org/\norganisation:\n  name: '\"><img src=x onerror=alert(1)>'\n  website: 'javascript:alert(1)'\n  email: 'javascript:alert(1)'\n",
    );
    let built = site.build();
    let home = built.page("/");
    assert_eq!(only_h1(&home, "home"), "Council <script>alert(1)</script>");
    let problems = script_problems(&home);
    assert!(
        problems.is_empty(),
        "unsafe markup on the home page:\n{}",
        problems.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------------
// Diagnostics

const BROKEN_PAPER: &str = "content/audit-board/2026-12-01/04-internal-audit-progress.md";

/// 1-based line and column of the first occurrence of `needle` in `text`, plus `skip` characters.
fn position(text: &str, needle: &str, skip: usize) -> (usize, usize) {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in fixture"))
        + skip;
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// The diagnostics with this code.
fn with_code<'a>(diags: &'a [Value], code: &str) -> Vec<&'a Value> {
    diags.iter().filter(|d| d["code"] == code).collect()
}

/// Malformed YAML stops the build: the message names the file and the line:column inside the front matter,
/// and no output is written.
#[test]
fn malformed_yaml_names_file_line_and_column_and_writes_nothing() {
    // A clerk's classic mistake: an unquoted value containing ": ".
    let text = PAPER_MD.replace("purpose: For information", "purpose: For decision: urgent");
    let site = TestSite::minimal().file(BROKEN_PAPER, &text);
    let (line, column) = position(&text, "decision: urgent", "decision".len());
    assert_eq!(line, 6, "the fixture's error is on line 6");

    let output = site.build_with(&[]);
    assert_clean_failure(&output, "build with malformed YAML");
    let err = stderr(&output);
    assert!(
        err.contains(&format!("{BROKEN_PAPER}:{line}:{column}")),
        "stderr names {BROKEN_PAPER}:{line}:{column}:\n{err}"
    );
    assert!(!site.out().exists(), "the output folder is not created");
    let leftovers: Vec<_> = std::fs::read_dir(site.scratch()).unwrap().collect();
    assert!(leftovers.is_empty(), "no staging folders are left behind");
}

/// A failed build leaves the previous output exactly as it was.
#[test]
fn failed_build_keeps_previous_output_byte_identical() {
    let site = TestSite::minimal();
    let before = site.build().snapshot();
    site.write(BROKEN_PAPER, PAPER_MD.replace("item: 4", "item: [4"));
    let output = site.build_with(&[]);
    assert_clean_failure(&output, "build with malformed YAML");
    assert!(
        stderr(&output).contains(BROKEN_PAPER),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        snapshot(&site.out()),
        before,
        "the previous output is unchanged"
    );
    let names: Vec<_> = std::fs::read_dir(site.scratch())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["public"], "no staging folders are left behind");
}

/// A paper naming a board that does not exist gives BP020 at the `meeting:` value, with a suggestion.
#[test]
fn unknown_board_is_bp020_with_place_and_suggestion() {
    let text = PAPER_MD.replace("meeting: audit-board", "meeting: audit-bord");
    let site = TestSite::minimal().file(BROKEN_PAPER, &text);
    let (line, column) = position(&text, "audit-bord\n", 0);

    let diags = site.check_json();
    let found = with_code(&diags, "BP020");
    assert_eq!(found.len(), 1, "{diags:#?}");
    let d = found[0];
    assert_eq!(d["file"], BROKEN_PAPER);
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(line as u64), Some(column as u64)),
        "{d}"
    );
    assert!(
        d["help"]
            .as_str()
            .unwrap_or("")
            .contains("did you mean `audit-board`"),
        "{d}"
    );

    let output = site.build_with(&[]);
    assert_clean_failure(&output, "build with an unknown board");
    let err = stderr(&output);
    assert!(
        err.contains("BP020") && err.contains(&format!("{BROKEN_PAPER}:{line}:{column}")),
        "{err}"
    );
    assert!(err.contains("did you mean `audit-board`"), "{err}");
}

/// A board name nowhere near an existing one gets no guess, but the list of boards.
#[test]
fn unknown_board_far_from_any_lists_the_boards() {
    let site = TestSite::minimal().file(
        BROKEN_PAPER,
        &PAPER_MD.replace("meeting: audit-board", "meeting: planning-committee"),
    );
    let diags = site.check_json();
    let found = with_code(&diags, "BP020");
    assert_eq!(found.len(), 1, "{diags:#?}");
    let help = found[0]["help"].as_str().unwrap_or("");
    assert!(!help.contains("did you mean"), "{help}");
    assert!(help.contains("audit-board"), "{help}");
}

/// `check --format json` prints one JSON object per line with code, severity, file, line, column, message, help.
#[test]
fn check_json_prints_one_object_per_line() {
    let site = TestSite::minimal()
        .file(
            BROKEN_PAPER,
            &PAPER_MD
                .replace("purpose:", "purpos:")
                .replace("1. First paragraph.", "1. See [missing](missing.md)."),
        )
        .file(
            "content/audit-board/2026-12-01/05-other.md",
            "---\ntitle: Other\nmeeting: nobody\ndate: 2026-12-01\nitem: 5\n---\n",
        )
        .file(
            "content/audit-board/2026-12-01/06-dated.md",
            "---\ntitle: Dated\nmeeting: audit-board\ndate: 1 Dec 2026\nitem: 6\n---\n",
        );
    let output = site.check(&["--format", "json"]);
    assert_clean_failure(&output, "check with errors");
    let out = stdout(&output);
    let all = parse_json_lines(&out);
    assert!(all.len() >= 4, "one line per problem:\n{out}");
    // Only the problems planted here (other checks may add warnings about the rest of the site).
    let planted = [
        BROKEN_PAPER,
        "content/audit-board/2026-12-01/05-other.md",
        "content/audit-board/2026-12-01/06-dated.md",
    ];
    let diags: Vec<Value> = all
        .iter()
        .filter(|d| planted.iter().any(|f| d["file"] == *f))
        .cloned()
        .collect();
    assert_eq!(
        diags.len(),
        4,
        "four planted problems, one line each:\n{out}"
    );
    for d in &all {
        for key in [
            "code", "severity", "file", "line", "column", "message", "help",
        ] {
            assert!(d.get(key).is_some(), "{key} in {d}");
        }
        let code = d["code"].as_str().expect("code is text");
        assert!(code.len() == 5 && code.starts_with("BP"), "{code}");
        assert!(
            matches!(d["severity"].as_str(), Some("error" | "warning")),
            "{d}"
        );
        let file = d["file"].as_str().expect("file is text");
        assert!(
            file.starts_with("content/") && !file.contains('\\'),
            "file is relative with forward slashes: {file}"
        );
        assert!(d["line"].as_u64().is_some_and(|l| l >= 1), "{d}");
        assert!(d["column"].as_u64().is_some_and(|c| c >= 1), "{d}");
        assert!(!d["message"].as_str().unwrap_or("").is_empty(), "{d}");
        assert!(d["help"].is_string() || d["help"].is_null(), "{d}");
    }
    let mut codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    codes.sort();
    assert_eq!(codes, ["BP005", "BP007", "BP020", "BP030"], "{out}");
    assert_eq!(with_code(&diags, "BP030")[0]["severity"], "warning");
}

/// A date written the British way gives BP005 at its line, telling the clerk the ISO form to write.
#[test]
fn british_date_is_bp005_with_iso_hint() {
    let text = PAPER_MD.replace("date: 2026-12-01", "date: 14/03/2023");
    let site = TestSite::minimal().file(BROKEN_PAPER, &text);
    let (line, column) = position(&text, "14/03/2023", 0);
    let diags = site.check_json();
    let found = with_code(&diags, "BP005");
    assert_eq!(found.len(), 1, "{diags:#?}");
    let d = found[0];
    assert_eq!(d["file"], BROKEN_PAPER);
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(line as u64), Some(column as u64)),
        "{d}"
    );
    let advice = format!(
        "{} {}",
        d["message"].as_str().unwrap_or(""),
        d["help"].as_str().unwrap_or("")
    );
    assert!(advice.contains("2023-03-14"), "{d}");
}

/// An unknown key is BP007 at the key, with a "did you mean" for a likely typo, at any depth.
#[test]
fn unknown_key_is_bp007_with_suggestion() {
    let text = PAPER_MD.replace(
        "purpose: For information",
        "sumary: A summary\ncontact:\n  name: Ann\n  phon: 01632 960000",
    );
    let site = TestSite::minimal().file(BROKEN_PAPER, &text);
    let diags = site.check_json();
    let found = with_code(&diags, "BP007");
    assert_eq!(found.len(), 2, "{diags:#?}");
    let (line, column) = position(&text, "sumary:", 0);
    assert_eq!(
        (found[0]["line"].as_u64(), found[0]["column"].as_u64()),
        (Some(line as u64), Some(column as u64))
    );
    assert!(
        found[0]["help"]
            .as_str()
            .unwrap_or("")
            .contains("did you mean `summary`"),
        "{}",
        found[0]
    );
    let (line, column) = position(&text, "phon:", 0);
    assert_eq!(
        (found[1]["line"].as_u64(), found[1]["column"].as_u64()),
        (Some(line as u64), Some(column as u64))
    );
    assert!(
        found[1]["help"]
            .as_str()
            .unwrap_or("")
            .contains("did you mean `phone`"),
        "{}",
        found[1]
    );
}

/// The YAML parser's own words must not quote a line number that disagrees with the file's.
#[test]
fn yaml_messages_do_not_quote_front_matter_relative_lines() {
    let text = PAPER_MD.replace("item: 4", "\titem: 4");
    let site = TestSite::minimal().file(BROKEN_PAPER, &text);
    let diags = site.check_json();
    let found = with_code(&diags, "BP004");
    assert_eq!(found.len(), 1, "{diags:#?}");
    let d = found[0];
    let (line, _) = position(&text, "\titem", 0);
    assert_eq!(d["line"].as_u64(), Some(line as u64), "{d}");
    let message = d["message"].as_str().unwrap_or("");
    if let Some(rest) = message.split(" at line ").nth(1) {
        let quoted: usize = rest
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap_or("0")
            .parse()
            .unwrap_or(0);
        assert_eq!(
            quoted, line,
            "the message quotes line {quoted}, the diagnostic says line {line}: {message}"
        );
    }
}

/// A folder with no site.yaml fails cleanly, saying what is missing.
#[test]
fn empty_site_folder_is_a_clear_error() {
    let site = TestSite::new();
    let output = site.build_with(&[]);
    assert_clean_failure(&output, "build of an empty folder");
    assert!(stderr(&output).contains("site.yaml"), "{}", stderr(&output));
    assert!(!site.out().exists());
    let output = site.check(&[]);
    assert_clean_failure(&output, "check of an empty folder");
    assert!(stderr(&output).contains("site.yaml"), "{}", stderr(&output));
}

/// Broken files (empty, no front matter, unclosed front matter, not UTF-8) fail cleanly, each with its code.
#[test]
fn broken_files_are_clear_errors_not_panics() {
    let dir = "content/audit-board/2026-12-01";
    let cases: [(&str, &[u8], &str); 4] = [
        ("05-empty.md", b"", "BP001"),
        (
            "05-no-front-matter.md",
            b"Just a report, no front matter.\n",
            "BP001",
        ),
        (
            "05-unclosed.md",
            b"---\ntitle: Unclosed\nmeeting: audit-board\n",
            "BP002",
        ),
        (
            "05-latin1.md",
            b"---\ntitle: Caf\xe9 report\nmeeting: audit-board\ndate: 2026-12-01\nitem: 5\n---\n",
            "BP009",
        ),
    ];
    for (name, bytes, code) in cases {
        let site = TestSite::minimal();
        let rel = format!("{dir}/{name}");
        site.write(&rel, bytes);
        let output = site.build_with(&[]);
        assert_clean_failure(&output, name);
        let err = stderr(&output);
        assert!(err.contains(code) && err.contains(&rel), "{name}: {err}");
        assert!(!site.out().exists(), "{name}: nothing written");

        let diags = site.check_json();
        let found = with_code(&diags, code);
        assert_eq!(found.len(), 1, "{name}: {diags:#?}");
        assert_eq!(found[0]["file"], rel.as_str());
        if code == "BP009" {
            // "title: Caf" is 10 characters: the bad byte is at line 2, column 11.
            assert_eq!(
                (found[0]["line"].as_u64(), found[0]["column"].as_u64()),
                (Some(2), Some(11)),
                "{}",
                found[0]
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// boardpack new

/// `boardpack new site DIR` makes a site that builds; `new paper` adds a draft that builds only with --drafts.
#[test]
fn new_site_and_new_paper_build() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path().join("committee-papers");
    // `new paper` for the meeting of 2 February 2027.
    let new_paper = |board: &str, title: &str, item: &str| {
        boardpack()
            .args(["new", "paper", "--root"])
            .arg(&dir)
            .args([
                "--board",
                board,
                "--date",
                "2027-02-02",
                "--item",
                item,
                "--title",
                title,
            ])
            .output()
            .unwrap()
    };
    let output = boardpack()
        .args(["new", "site"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_success(&output, "boardpack new site");
    assert!(dir.join("site.yaml").is_file());
    // It says what to run next, and its skeleton passes the README's CI check as it stands (its
    // paper is a whole example, not the template's placeholders).
    let said = stderr(&output);
    for next in [
        "boardpack serve --root",
        "boardpack new paper --root",
        "--deny-warnings",
    ] {
        assert!(said.contains(next), "{said}");
    }
    let checked = boardpack()
        .args(["check", "--deny-warnings", "--root"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_success(&checked, "check --deny-warnings on the new site");
    let paper = std::fs::read_to_string(
        dir.join(
            std::fs::read_dir(dir.join("content/example-board"))
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| p.is_dir())
                .unwrap()
                .join("02-first-report.md"),
        ),
    )
    .unwrap();
    assert!(!paper.contains("Members are asked to …") && !paper.contains("Set out the"));

    let out = scratch.path().join("public");
    let build = |extra: &[&str]| {
        boardpack()
            .arg("build")
            .arg("--root")
            .arg(&dir)
            .arg("--output")
            .arg(&out)
            .args(["--as-of", AS_OF])
            .args(extra)
            .output()
            .unwrap()
    };
    let output = build(&[]);
    assert_success(&output, "building the new site");
    let built = Built::at(&out);
    assert!(built.exists("/"), "home page");
    assert!(built.exists("/example-board/"), "board page");
    let board = built.page("/example-board/");
    assert_eq!(only_h1(&board, "board"), "Example Board");

    let output = new_paper("example-board", "Extra report", "3");
    assert_success(&output, "boardpack new paper");
    let paper_file = dir.join("content/example-board/2027-02-02/03-extra-report.md");
    assert!(paper_file.is_file(), "{}", stderr(&output));
    let written = std::fs::read(&paper_file).unwrap();

    let paper_url = "/example-board/2027-02-02/3-extra-report/";
    assert_success(&build(&[]), "build without --drafts");
    assert!(
        !built.exists(paper_url),
        "the new paper is a draft, left out without --drafts"
    );
    assert_success(&build(&["--drafts"]), "build with --drafts");
    assert_eq!(only_h1(&built.page(paper_url), "new paper"), "Extra report");

    // Running it again never overwrites the clerk's file.
    let again = new_paper("example-board", "Extra report", "3");
    assert_clean_failure(&again, "new paper over an existing file");
    assert_eq!(std::fs::read(&paper_file).unwrap(), written);

    // A board the site does not have is refused, as `import` refuses it, naming the site's boards;
    // nothing is made (a misspelt board once made a folder of its own).
    let nope = new_paper("exampel-board", "Another", "4");
    assert_clean_failure(&nope, "new paper for a board the site does not have");
    assert!(stderr(&nope).contains("BP093"), "{}", stderr(&nope));
    assert!(stderr(&nope).contains("example-board"), "{}", stderr(&nope));
    assert!(!dir.join("content/exampel-board").exists());
    // The board's title works as its slug does.
    let by_title = new_paper("Example Board", "Another", "4");
    assert_success(&by_title, "new paper by the board's title");
    assert!(
        dir.join("content/example-board/2027-02-02/04-another.md")
            .is_file()
    );
}

/// `boardpack new site` refuses a folder that already holds files.
#[test]
fn new_site_refuses_a_non_empty_folder() {
    let scratch = tempfile::tempdir().unwrap();
    std::fs::write(scratch.path().join("notes.txt"), "mine").unwrap();
    let output = boardpack()
        .args(["new", "site"])
        .arg(scratch.path())
        .output()
        .unwrap();
    assert_clean_failure(&output, "new site in a non-empty folder");
    assert_eq!(
        std::fs::read_to_string(scratch.path().join("notes.txt")).unwrap(),
        "mine"
    );
    assert!(!scratch.path().join("site.yaml").exists());
}

// ---------------------------------------------------------------------------------------------------
// Drafts

const DRAFT_PAPER: &str = "---
title: Counter-fraud strategy
meeting: audit-board
date: 2026-12-01
item: 5
status: draft
---

1. Not ready yet.
";
const DRAFT_URL: &str = "/audit-board/2026-12-01/5-counter-fraud-strategy/";

/// Draft papers are left out (and not linked from anywhere) unless --drafts is given.
#[test]
fn draft_papers_need_drafts_flag() {
    let site = TestSite::minimal().file(
        "content/audit-board/2026-12-01/05-counter-fraud-strategy.md",
        DRAFT_PAPER,
    );
    let built = site.build();
    assert!(!built.exists(DRAFT_URL), "the draft is not published");
    assert!(built.exists(PAPER_URL), "the final paper is");
    for rel in built.html_files() {
        let raw = std::fs::read_to_string(built.out.join(&rel)).unwrap();
        assert!(
            !raw.contains("Counter-fraud"),
            "{} mentions the draft",
            rel.display()
        );
    }

    let built = site.build_ok(&["--drafts"]);
    assert_eq!(
        only_h1(&built.page(DRAFT_URL), "draft"),
        "Counter-fraud strategy"
    );
    let meeting = built.page(MEETING_URL);
    assert!(
        doc_hrefs(&meeting).iter().any(|h| h == DRAFT_URL),
        "with --drafts the agenda links the draft"
    );
}

/// A draft paper named on a meeting's agenda does not break the build without --drafts.
#[test]
fn draft_paper_on_the_agenda_does_not_break_the_build() {
    let meeting = MEETING_MD.replace(
        "status: scheduled\n",
        "status: scheduled\nagenda:\n  - item: 4\n    title: Internal audit progress\n    paper: 04-internal-audit-progress.md\n  - item: 5\n    title: Counter-fraud strategy\n    paper: 05-counter-fraud-strategy.md\n",
    );
    let site = TestSite::minimal()
        .file("content/audit-board/2026-12-01/meeting.md", &meeting)
        .file(
            "content/audit-board/2026-12-01/05-counter-fraud-strategy.md",
            DRAFT_PAPER,
        );
    let built = site.build();
    assert!(!built.exists(DRAFT_URL));
    let page = built.page(MEETING_URL);
    assert!(!doc_hrefs(&page).iter().any(|h| h == DRAFT_URL));
    let text: String = page.root_element().text().collect();
    assert!(
        text.contains("not yet published"),
        "the agenda says the paper is not yet published"
    );
    assert!(site.build_ok(&["--drafts"]).exists(DRAFT_URL));
}

// ---------------------------------------------------------------------------------------------------
// The output folder guard

/// Building into a folder of other files fails and leaves them alone; --force allows it.
#[test]
fn output_guard_protects_folders_boardpack_did_not_make() {
    let site = TestSite::minimal();
    let out = site.out();
    std::fs::create_dir_all(out.join("docs")).unwrap();
    std::fs::write(out.join("thesis.docx"), "precious").unwrap();
    std::fs::write(out.join("docs/notes.txt"), "also precious").unwrap();
    let before = snapshot(&out);

    let output = site.build_with(&[]);
    assert_clean_failure(&output, "build into a folder of other files");
    let err = stderr(&output);
    assert!(
        err.contains("--force"),
        "the message says how to proceed: {err}"
    );
    assert_eq!(snapshot(&out), before, "the folder's files are untouched");
    assert!(!out.join("index.html").exists());

    let built = site.build_ok(&["--force"]);
    assert!(built.exists("/"), "--force builds");
    assert!(built.exists(PAPER_URL));
}

/// boardpack replaces its own output (and an empty folder) without --force, dropping stale files.
#[test]
fn output_made_by_boardpack_or_empty_is_replaced() {
    let site = TestSite::minimal();
    std::fs::create_dir_all(site.out()).unwrap();
    site.build();
    site.write(
        "content/audit-board/2026-12-01/04-internal-audit-progress.md",
        PAPER_MD.replace("Internal audit progress", "Audit progress"),
    );
    let built = site.build();
    assert!(
        built.exists("/audit-board/2026-12-01/4-internal-audit-progress/"),
        "the URL comes from the file name"
    );
    assert_eq!(only_h1(&built.page(PAPER_URL), "paper"), "Audit progress");
    site.write(
        "content/audit-board/2026-12-01/04-internal-audit-progress.md",
        PAPER_MD.replace("item: 4\n", "item: 4\nslug: renamed\n"),
    );
    let built = site.build();
    assert!(built.exists("/audit-board/2026-12-01/4-renamed/"));
    assert!(!built.exists(PAPER_URL), "stale pages are removed");
}

// ---------------------------------------------------------------------------------------------------
// Agendas and dates

/// A paper with `title`, `item` and the body `1. Text.`, for the board `audit-board` on `date`.
fn paper(title: &str, date: &str, item: &str) -> String {
    format!(
        "---\ntitle: {title}\nmeeting: audit-board\ndate: {date}\nitem: {item}\n---\n\n1. Text.\n"
    )
}

/// Without an agenda, a meeting lists its papers in item order (1, 2, 2a, 10: numbers, not text).
#[test]
fn agenda_made_from_papers_is_in_item_order() {
    let dir = "content/audit-board/2027-01-12";
    let site = TestSite::minimal()
        .file(
            &format!("{dir}/10-ten.md"),
            &paper("Ten", "2027-01-12", "10"),
        )
        .file(
            &format!("{dir}/02-two.md"),
            &paper("Two", "2027-01-12", "2"),
        )
        .file(
            &format!("{dir}/02a-two-extra.md"),
            &paper("Two extra", "2027-01-12", "2a"),
        )
        .file(
            &format!("{dir}/01-one.md"),
            &paper("One", "2027-01-12", "1"),
        );
    let built = site.build();
    let meeting = built.page("/audit-board/2027-01-12/");
    assert_eq!(only_h1(&meeting, "meeting"), "Audit Board, 12 January 2027");
    let agenda = section_by_heading(&meeting, "Agenda");
    let rows = select_in(agenda, "tbody tr");
    let items: Vec<String> = rows
        .iter()
        .map(|r| text(select_in(*r, "th, td")[0]))
        .collect();
    assert_eq!(items, ["1", "2", "2a", "10"]);
    let links: Vec<Option<String>> = rows.iter().map(|r| hrefs(*r).into_iter().next()).collect();
    let base = "/audit-board/2027-01-12/";
    assert_eq!(
        links,
        [
            Some(format!("{base}1-one/")),
            Some(format!("{base}2-two/")),
            Some(format!("{base}2a-two-extra/")),
            Some(format!("{base}10-ten/")),
        ]
    );
    for url in links.into_iter().flatten() {
        assert!(built.exists(&url), "{url}");
    }
}

/// A meeting on the build date itself is upcoming; the day before is past.
#[test]
fn upcoming_starts_on_the_build_date() {
    let site = TestSite::minimal()
        .file(
            "content/audit-board/2026-11-22/01-yesterday.md",
            &paper("Yesterday", "2026-11-22", "1"),
        )
        .file(
            "content/audit-board/2026-11-23/01-today.md",
            &paper("Today", "2026-11-23", "1"),
        );
    let built = site.build();
    let home = built.page("/");
    let upcoming: Vec<String> = hrefs(section_by_heading(&home, "Upcoming meetings"))
        .into_iter()
        .filter(|h| h.starts_with("/audit-board/2026-"))
        .collect();
    assert_eq!(
        upcoming,
        ["/audit-board/2026-11-23/", "/audit-board/2026-12-01/"]
    );

    let board = built.page("/audit-board/");
    let board_upcoming = hrefs(section_by_heading(&board, "Upcoming meetings"));
    let board_past = hrefs(section_by_heading(&board, "Past meetings"));
    assert!(
        board_upcoming
            .iter()
            .any(|h| h == "/audit-board/2026-11-23/"),
        "{board_upcoming:?}"
    );
    assert!(
        !board_upcoming
            .iter()
            .any(|h| h == "/audit-board/2026-11-22/"),
        "{board_upcoming:?}"
    );
    assert!(
        board_past.iter().any(|h| h == "/audit-board/2026-11-22/"),
        "{board_past:?}"
    );
}

// ---------------------------------------------------------------------------------------------------
// Staying inside content/

/// The fixture site every other test varies has no problems at all, so the problems they find are theirs.
#[test]
fn minimal_site_checks_clean() {
    let site = TestSite::minimal();
    let output = site.check(&["--format", "json"]);
    assert_success(&output, "check of the minimal site");
    assert_eq!(stdout(&output), "", "no diagnostics");
}

/// Appendices and links that climb out of `content/` are errors, and nothing outside it is published.
#[test]
fn appendices_and_links_cannot_leave_content() {
    let text = PAPER_MD
        .replace("purpose: For information\n", "purpose: For information\nappendices:\n  - title: Secret\n    file: ../../../site.yaml\n")
        .replace("1. First paragraph.", "1. See [the config](../../../site.yaml).");
    let site = TestSite::minimal().file(BROKEN_PAPER, &text);
    let diags = site.check_json();
    let found = with_code(&diags, "BP031");
    assert_eq!(found.len(), 2, "{diags:#?}");
    let (line, column) = position(&text, "../../../site.yaml\n", 0);
    assert_eq!(
        (found[0]["line"].as_u64(), found[0]["column"].as_u64()),
        (Some(line as u64), Some(column as u64)),
        "{}",
        found[0]
    );
    let output = site.build_with(&[]);
    assert_clean_failure(&output, "build with an appendix outside content/");
    assert!(!site.out().exists());
}

/// Symbolic links inside `content/` are not followed: a warning, and the target is not published.
#[cfg(unix)]
#[test]
fn symlinks_in_content_are_not_followed() {
    let site = TestSite::minimal();
    std::fs::create_dir_all(site.path("content/audit-board/2026-12-01/appendices")).unwrap();
    std::os::unix::fs::symlink(
        site.path("site.yaml"),
        site.path("content/audit-board/2026-12-01/appendices/config.csv"),
    )
    .unwrap();
    let diags = site.check_json();
    let found = with_code(&diags, "BP012");
    assert_eq!(found.len(), 1, "{diags:#?}");
    assert_eq!(found[0]["severity"], "warning");
    let built = site.build();
    let published: Vec<_> = all_files(&built.out)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("config"))
        .collect();
    assert!(published.is_empty(), "{published:?}");
}

/// The minimal site with its own `template`, which writes `written_first` and then fails at render
/// time, on a value no page has.
fn failing_template(template: &str, written_first: &str) -> TestSite {
    let broken = format!(
        "{{% extends \"base.html\" %}}\n{{% block content %}}\n{written_first}<p>{{{{ page.no_such_value }}}}</p>\n{{% endblock content %}}\n"
    );
    TestSite::minimal().file(&format!("templates/{template}"), &broken)
}

/// The site-wide pages (registers, data, archives) are written into their files as they are rendered.
/// One whose template fails halfway, after part of the page is written, fails the build: reported
/// against its template, and nothing is published, not even the part written.
#[test]
fn a_site_wide_page_that_fails_halfway_publishes_nothing() {
    for template in ["decisions.html", "actions.html", "data.html"] {
        let site = failing_template(template, "<p>Written first.</p>\n");
        let output = site.build_with(&[]);
        assert_clean_failure(
            &output,
            &format!("build with a {template} that fails halfway"),
        );
        let err = stderr(&output);
        assert!(
            err.contains(&format!("templates/{template}")),
            "the message names {template}: {err}"
        );
        assert!(
            !site.out().exists(),
            "nothing is written when {template} fails"
        );
    }
}

/// A site-wide page that cannot be written (a full disk) is a write error naming the file, not a
/// template error: the template is fine.
#[test]
fn a_site_wide_page_that_cannot_be_written_is_a_write_error() {
    /// Keeps every file in memory, but the decisions register's cannot be written.
    struct FullDisk(boardpack::render::Memory);
    struct Refusing;
    impl std::io::Write for Refusing {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "no space left on device",
            ))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    impl boardpack::render::Sink for FullDisk {
        fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
            self.0.write(path, bytes)
        }
        fn copy(&self, _path: &str, _from: &std::path::Path) -> std::io::Result<()> {
            Ok(())
        }
        fn write_with(
            &self,
            path: &str,
            fill: &mut boardpack::render::FileFiller<'_>,
        ) -> std::io::Result<()> {
            if path == "decisions/index.html" {
                return fill(&mut Refusing);
            }
            let mut bytes = Vec::new();
            fill(&mut bytes)?;
            self.0.write(path, &bytes)
        }
    }
    let site = TestSite::example();
    let sink = FullDisk(boardpack::render::Memory::default());
    let (checked, write_error) =
        boardpack::check_into(&boardpack::Options::new(site.root()), &sink);
    let (path, error) = write_error.expect("the refused file is a write error");
    assert_eq!(path, "decisions/index.html");
    assert!(error.contains("no space left"), "{error}");
    assert!(
        !checked.diagnostics.has_errors(),
        "no template error is reported for it"
    );
    assert!(
        sink.0
            .0
            .into_inner()
            .unwrap()
            .contains_key("actions/index.html"),
        "the other pages are still made"
    );
}

/// `check` does not make the whole-file outputs (feeds, open data, the search index) but still renders
/// every page: a template that fails only at render time, on the site-wide pages, is found by `check`.
#[test]
fn check_renders_the_site_wide_pages_so_their_template_errors_are_found() {
    for template in ["search.html", "decisions.html", "data.html"] {
        let site = failing_template(template, "");
        let output = site.check(&[]);
        assert!(!output.status.success(), "check passes a broken {template}");
        let err = stderr(&output);
        assert!(
            err.contains(&format!("templates/{template}")),
            "the message names {template}: {err}"
        );
    }
}
