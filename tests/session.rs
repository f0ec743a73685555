//! The incremental engine behind `serve`: after each edit, the preview folder must hold exactly what a
//! fresh build of the edited site holds, while re-rendering only what the edit touches.

mod common;

use std::path::{Path, PathBuf};

use boardpack::session::Session;
use common::{AS_OF, TestSite, snapshot};

const PAPER: &str = "content/transport-board/2026-09-15/04-bus-network-performance-q1.md";

fn options(root: &Path) -> boardpack::Options {
    let mut options = boardpack::Options::new(root);
    options.as_of = Some(AS_OF.parse().unwrap());
    options
}

/// A fresh build of the site as it is now, through the same library call `build` makes.
fn fresh(site: &TestSite, name: &str) -> PathBuf {
    let out = site.scratch().join(name);
    let (checked, result) = boardpack::build(&options(site.root()), &out, true, false);
    assert!(result.is_ok(), "{:?}", checked.diagnostics);
    out
}

fn assert_same_site(preview: &Path, fresh: &Path) {
    let a = snapshot(preview);
    let b = snapshot(fresh);
    let paths_a: Vec<_> = a.keys().collect();
    let paths_b: Vec<_> = b.keys().collect();
    assert_eq!(
        paths_a, paths_b,
        "the preview and a fresh build hold different files"
    );
    for (path, bytes) in &a {
        assert!(
            bytes == &b[path],
            "{} differs from a fresh build",
            path.display()
        );
    }
}

fn edit(site: &TestSite, rel: &str, from: &str, to: &str) -> PathBuf {
    let path = site.path(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    path
}

#[test]
fn an_edit_re_renders_only_its_meeting_and_matches_a_fresh_build() {
    let site = TestSite::example();
    let preview = site.scratch().join("preview");
    let mut session = Session::new(options(site.root()), &preview);
    let first = session.rebuild(&[]);
    assert!(!first.failed(), "{:?}", first.diagnostics);
    assert!(first.full);
    assert_same_site(&preview, &fresh(&site, "fresh-1"));

    let text = std::fs::read_to_string(site.path(PAPER)).unwrap();
    let body_start = text.rfind("\n---\n").unwrap() + 5;
    let changed = edit(
        &site,
        PAPER,
        &text[body_start..body_start + 20],
        "An edited opening. ",
    );
    let second = session.rebuild(&[changed]);
    assert!(!second.failed(), "{:?}", second.diagnostics);
    assert!(
        !second.full,
        "a body edit must not re-render the whole site"
    );
    // The paper's meeting (agenda, papers, minutes), the home page and the site-wide pages: not the rest.
    assert!(
        second.rendered < first.rendered / 2,
        "{} of {} pages rendered again",
        second.rendered,
        first.rendered
    );
    assert!(
        second
            .written
            .iter()
            .any(|p| p.starts_with("transport-board/2026-09-15/")),
        "{:?}",
        second.written
    );
    assert!(
        !second
            .written
            .iter()
            .any(|p| p.starts_with("children-board/")),
        "{:?}",
        second.written
    );
    // The search index follows, in a step of its own.
    assert!(session.has_deferred());
    assert!(
        !second.written.iter().any(|p| p.starts_with("search/")),
        "{:?}",
        second.written
    );
    let third = session
        .rebuild_deferred()
        .expect("the search index is rebuilt");
    assert!(!third.failed(), "{:?}", third.diagnostics);
    assert!(
        third.written.iter().any(|p| p.starts_with("search/")),
        "{:?}",
        third.written
    );
    assert!(!session.has_deferred() && session.rebuild_deferred().is_none());
    assert_same_site(&preview, &fresh(&site, "fresh-2"));
}

#[test]
fn a_title_change_reaches_the_agenda_and_a_new_paper_the_whole_site() {
    let site = TestSite::example();
    let preview = site.scratch().join("preview");
    let mut session = Session::new(options(site.root()), &preview);
    assert!(!session.rebuild(&[]).failed());

    let changed = edit(&site, PAPER, "title: \"", "title: \"Revised ");
    let r = session.rebuild(&[changed]);
    assert!(!r.failed() && !r.full);
    session.rebuild_deferred();
    let agenda = scraper::Html::parse_document(
        &std::fs::read_to_string(preview.join("transport-board/2026-09-15/index.html")).unwrap(),
    );
    let rows = common::texts(&agenda, "table.agenda tbody tr");
    assert!(
        rows.iter()
            .any(|row| row.contains("Revised Bus network performance")),
        "the agenda shows the new title: {rows:?}"
    );
    assert_same_site(&preview, &fresh(&site, "fresh-1"));

    // A new paper changes the site's shape: everything is rendered again, and still matches.
    let text = std::fs::read_to_string(site.path(PAPER))
        .unwrap()
        .replace("item: 4", "item: 9");
    let added = site.path("content/transport-board/2026-09-15/09-late-report.md");
    std::fs::write(&added, text).unwrap();
    let r = session.rebuild(std::slice::from_ref(&added));
    assert!(!r.failed(), "{:?}", r.diagnostics);
    assert!(r.full);
    assert_same_site(&preview, &fresh(&site, "fresh-2"));

    // Deleting it again removes its page.
    std::fs::remove_file(&added).unwrap();
    let r = session.rebuild(&[added]);
    assert!(!r.failed(), "{:?}", r.diagnostics);
    assert_same_site(&preview, &fresh(&site, "fresh-3"));
}

#[test]
fn a_broken_edit_keeps_the_last_good_preview_until_it_is_fixed() {
    let site = TestSite::example();
    let preview = site.scratch().join("preview");
    let mut session = Session::new(options(site.root()), &preview);
    assert!(!session.rebuild(&[]).failed());
    let before = snapshot(&preview);

    let good = std::fs::read_to_string(site.path(PAPER)).unwrap();
    let broken = edit(&site, PAPER, "title: ", "title: [unclosed ");
    let r = session.rebuild(std::slice::from_ref(&broken));
    assert!(r.failed());
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .expect("an error");
    assert_eq!(d.file, Path::new(PAPER));
    assert!(d.start.is_some(), "the error has a line and column");
    assert!(
        snapshot(&preview) == before,
        "a failed rebuild must not touch the preview"
    );

    std::fs::write(&broken, good).unwrap();
    let r = session.rebuild(&[broken]);
    assert!(!r.failed(), "{:?}", r.diagnostics);
    session.rebuild_deferred();
    assert_same_site(&preview, &fresh(&site, "fresh"));
}

#[test]
fn a_template_edit_re_renders_the_pages_that_use_it() {
    let site = TestSite::example();
    let preview = site.scratch().join("preview");
    let mut session = Session::new(options(site.root()), &preview);
    assert!(!session.rebuild(&[]).failed());
    let template = site.path("templates/404.html");
    site.write("templates/404.html", "{% extends \"base.html\" %}{% block content %}<h1>Lost</h1><p>Try the home page.</p>{% endblock content %}");
    let r = session.rebuild(&[template]);
    assert!(!r.failed(), "{:?}", r.diagnostics);
    let page =
        scraper::Html::parse_document(&std::fs::read_to_string(preview.join("404.html")).unwrap());
    assert_eq!(common::texts(&page, "main h1"), ["Lost"]);
    assert_same_site(&preview, &fresh(&site, "fresh"));
}

#[test]
fn a_preview_shows_unpublished_papers_with_a_banner_and_a_build_never_does() {
    let site = TestSite::example();
    // A draft, beside the example's exempt paper.
    let text = std::fs::read_to_string(site.path(PAPER))
        .unwrap()
        .replace("item: 4", "item: 9\nstatus: draft");
    site.write(
        "content/transport-board/2026-09-15/09-draft-report.md",
        &text,
    );
    let preview = site.scratch().join("preview");
    let mut options = options(site.root());
    options.preview = true;
    let mut session = Session::new(options, &preview);
    let r = session.rebuild(&[]);
    assert!(!r.failed(), "{:?}", r.diagnostics);

    let banner = |rel: &str| {
        let html =
            scraper::Html::parse_document(&std::fs::read_to_string(preview.join(rel)).unwrap());
        common::texts(&html, ".preview-banner strong")
    };
    assert_eq!(
        banner("transport-board/2026-09-15/9-draft-report/index.html"),
        ["Draft – not for publication"]
    );
    let exempt = banner("transport-board/2026-12-08/8-eastmoor-depot-acquisition/index.html");
    assert_eq!(exempt.len(), 1);
    assert!(
        exempt[0].starts_with("Exempt – not published"),
        "{exempt:?}"
    );
    assert!(
        banner("transport-board/2026-09-15/4-bus-network-performance-q1/index.html").is_empty(),
        "published papers have no banner"
    );

    // The same site built for publishing: neither page exists, and no banner anywhere.
    let out = fresh(&site, "public");
    assert!(
        !out.join("transport-board/2026-09-15/9-draft-report")
            .exists()
    );
    assert!(
        !out.join("transport-board/2026-12-08/8-eastmoor-depot-acquisition")
            .exists()
    );
    for (path, bytes) in snapshot(&out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("class=\"preview-banner") && !text.contains("class=\"preview-strip"),
            "{} has a preview banner",
            path.display()
        );
    }
}
