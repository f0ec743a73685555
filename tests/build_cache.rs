//! `build --cache DIR`: a build that reuses the last one must write exactly what a clean build writes,
//! byte for byte, whatever was edited between them; a cache it cannot trust (another version, cut
//! short, changed) is never used; and `check` with a cache reports what a clean `check` reports.

mod common;

use std::path::{Path, PathBuf};

use common::{AS_OF, TestSite, snapshot};

fn options(root: &Path, cache: Option<PathBuf>, pdf: bool) -> boardpack::Options {
    let mut options = boardpack::Options::new(root);
    options.as_of = Some(AS_OF.parse().unwrap());
    options.pdf = pdf;
    options.cache = cache;
    options
}

/// What a build did: whether it wrote the site, its diagnostics' codes, and its counts.
struct Outcome {
    ok: bool,
    codes: Vec<String>,
    pages: usize,
    cached: usize,
}

fn build(site: &TestSite, out: &Path, cache: Option<PathBuf>, pdf: bool) -> Outcome {
    let (checked, result) = boardpack::build(&options(site.root(), cache, pdf), out, true, false);
    let mut codes: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code, d.file.display()))
        .collect();
    codes.sort();
    Outcome {
        ok: result.is_ok(),
        codes,
        pages: checked.pages,
        cached: checked.cached,
    }
}

/// The build said its cache was damaged (BP052).
fn warns_of_cache(outcome: &Outcome) -> bool {
    outcome.codes.iter().any(|c| c.starts_with("BP052"))
}

/// Builds with the cache and without, and holds the two outputs to be the same, file for file.
fn assert_same_as_clean(site: &TestSite, cache: &Path, pdf: bool, step: &str) -> Outcome {
    let cached_out = site.scratch().join("cached");
    let clean_out = site.scratch().join("clean");
    let with = build(site, &cached_out, Some(cache.to_path_buf()), pdf);
    let without = build(site, &clean_out, None, pdf);
    assert_eq!(
        with.ok, without.ok,
        "{step}: one build failed and not the other"
    );
    let not_cache_codes = |codes: &[String]| -> Vec<String> {
        codes
            .iter()
            .filter(|c| !c.starts_with("BP052"))
            .cloned()
            .collect()
    };
    assert_eq!(
        not_cache_codes(&with.codes),
        without.codes,
        "{step}: the diagnostics differ"
    );
    if with.ok {
        assert_eq!(with.pages, without.pages, "{step}: page counts differ");
        let a = snapshot(&cached_out);
        let b = snapshot(&clean_out);
        let paths_a: Vec<_> = a.keys().collect();
        let paths_b: Vec<_> = b.keys().collect();
        assert_eq!(
            paths_a, paths_b,
            "{step}: the two builds hold different files"
        );
        for (path, bytes) in &a {
            assert!(
                bytes == &b[path],
                "{step}: {} differs from a clean build",
                path.display()
            );
        }
    }
    with
}

/// A small fixed-seed generator, so a failing sequence can be run again.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

fn papers(site: &TestSite) -> Vec<PathBuf> {
    let mut papers: Vec<PathBuf> = common::all_files(&site.path("content"))
        .into_iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".md")
                && name.as_bytes()[0].is_ascii_digit()
                && !p.components().any(|c| c.as_os_str() == "appendices")
        })
        .map(|p| Path::new("content").join(p))
        .collect();
    papers.sort();
    papers
}

fn replace_in(site: &TestSite, rel: &Path, from: &str, to: &str) {
    let path = site.root().join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", rel.display());
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// One random edit of the kinds a clerk makes, or damage to the cache; says what it did.
fn edit(site: &TestSite, cache: &Path, rng: &mut Lcg, step: usize) -> String {
    let papers = papers(site);
    let paper = &papers[rng.below(papers.len())];
    match rng.below(10) {
        0 | 1 => {
            let path = site.root().join(paper);
            let mut text = std::fs::read_to_string(&path).unwrap();
            text.push_str(&format!("\nA sentence added at step {step}.\n"));
            std::fs::write(&path, text).unwrap();
            format!("a paragraph added to {}", paper.display())
        }
        2 => {
            let path = site.root().join(paper);
            let text = std::fs::read_to_string(&path).unwrap();
            let title = text.lines().find(|l| l.starts_with("title: ")).unwrap();
            std::fs::write(
                &path,
                text.replacen(title, &format!("title: Step {step} revision"), 1),
            )
            .unwrap();
            format!("the title of {} changed", paper.display())
        }
        3 => {
            site.write(
                &format!("content/pages/notice-{step}.md"),
                format!("---\ntitle: Notice {step}\ndescription: A notice.\n---\n\nThe notice of step {step}.\n"),
            );
            format!("content page notice-{step} added")
        }
        4 => {
            let pages = common::all_files(&site.path("content/pages"));
            match pages
                .iter()
                .find(|p| p.to_string_lossy().starts_with("notice-"))
            {
                Some(p) => {
                    std::fs::remove_file(site.path("content/pages").join(p)).unwrap();
                    format!("{} removed", p.display())
                }
                None => "nothing (no notice to remove)".into(),
            }
        }
        5 => {
            replace_in(
                site,
                Path::new("site.yaml"),
                "description: ",
                &format!("description: (step {step}) "),
            );
            "site.yaml's description changed".into()
        }
        6 => {
            let path = site.root().join(paper);
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, text.replacen("item: ", "item: [", 1)).unwrap();
            format!("{} broken (its front matter is not YAML)", paper.display())
        }
        7 => {
            let files = common::all_files(&cache.join("build/files"));
            if files.is_empty() {
                return "nothing (the cache holds no files yet)".into();
            }
            let victim = cache
                .join("build/files")
                .join(&files[rng.below(files.len())]);
            let bytes = std::fs::read(&victim).unwrap();
            std::fs::write(&victim, &bytes[..bytes.len() / 2]).unwrap();
            format!("a cached file cut short: {}", victim.display())
        }
        8 => {
            let manifest = cache.join("build/manifest");
            if let Ok(bytes) = std::fs::read(&manifest) {
                let mut bytes = bytes;
                let at = bytes.len() / 2;
                bytes[at] ^= 1;
                std::fs::write(&manifest, bytes).unwrap();
            }
            "a byte of the manifest changed".into()
        }
        _ => {
            // A board's body alone: read by the boards index and open data, not only its page.
            let board = [
                "content/transport-board/board.md",
                "content/children-board/board.md",
            ][rng.below(2)];
            let path = site.path(board);
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, format!("{text}\nA sentence added at step {step}.\n")).unwrap();
            format!("a sentence added to {board}'s body")
        }
    }
}

/// Undoes a broken paper (step kind 6), so the sequence goes on from a valid site.
fn mend(site: &TestSite) {
    for paper in papers(site) {
        let path = site.root().join(&paper);
        let text = std::fs::read_to_string(&path).unwrap();
        if text.contains("item: [") {
            std::fs::write(&path, text.replacen("item: [", "item: ", 1)).unwrap();
        }
    }
}

/// Issue 27's regression: a board's body alone edited (its front matter unchanged) reached the boards
/// index and open data only in a clean build; the cached one kept the old description.
#[test]
fn a_boards_body_edited_alone_is_in_every_output() {
    let site = TestSite::example();
    let cache = site.scratch().join("cache");
    assert!(assert_same_as_clean(&site, &cache, false, "first build").ok);
    for board in [
        "content/transport-board/board.md",
        "content/children-board/board.md",
    ] {
        let path = site.path(board);
        let text = std::fs::read_to_string(&path).unwrap();
        let (matter, body) = text.split_at(text.find("\n---\n").unwrap() + 5);
        std::fs::write(
            &path,
            format!("{matter}\nA new first paragraph, CANARY-BOARD-BODY.\n{body}"),
        )
        .unwrap();
        let built = assert_same_as_clean(&site, &cache, false, &format!("{board}'s body edited"));
        assert!(built.ok && built.cached > 0, "the build reused the cache");
        let boards =
            std::fs::read_to_string(site.scratch().join("cached/data/boards.json")).unwrap();
        assert!(
            boards.contains("CANARY-BOARD-BODY"),
            "open data has the new description"
        );
    }
}

/// Every page's navigation lists the free-standing pages by title: a title edited in one page's
/// front matter reaches every page, though no other unit shows that page. (A cached build once
/// re-rendered only the edited page, as the inputs of each unit were listed by hand.)
#[test]
fn a_pages_title_edited_alone_is_in_every_pages_navigation() {
    let site = TestSite::example();
    let cache = site.scratch().join("cache");
    assert!(assert_same_as_clean(&site, &cache, false, "first build").ok);
    replace_in(
        &site,
        Path::new("content/pages/about.md"),
        "title: About these papers",
        "title: About CANARY-NAV-TITLE",
    );
    let built = assert_same_as_clean(&site, &cache, false, "a page's title edited");
    assert!(built.ok);
    let board = std::fs::read_to_string(site.scratch().join("cached/transport-board/index.html"))
        .unwrap();
    assert!(
        board.contains("CANARY-NAV-TITLE"),
        "a board's page shows the page's new title in its navigation"
    );
}

#[test]
fn random_edits_built_with_the_cache_match_clean_builds_file_for_file() {
    for seed in [1u64, 2, 3] {
        let site = TestSite::example();
        let cache = site.scratch().join("cache");
        let first =
            assert_same_as_clean(&site, &cache, false, &format!("seed {seed}, first build"));
        assert!(first.ok);
        assert_eq!(first.cached, 0, "a first build has nothing to reuse");
        let mut rng = Lcg(seed);
        let mut partial = 0;
        for step in 1..=12 {
            let what = edit(&site, &cache, &mut rng, step);
            let step_name = format!("seed {seed}, step {step} ({what})");
            let built = assert_same_as_clean(&site, &cache, false, &step_name);
            partial += usize::from(built.cached > 0);
            mend(&site);
        }
        // The sequence tested reuse, not only full renders.
        assert!(
            partial >= 3,
            "seed {seed}: only {partial} builds reused the cache"
        );
    }
}

#[test]
fn an_unchanged_site_renders_nothing_and_one_edit_one_meeting() {
    let site = TestSite::example();
    let cache = site.scratch().join("cache");
    let first = assert_same_as_clean(&site, &cache, false, "first build");
    // The first build read every document as its pages rendered, and kept them for the search
    // index of the next edit's build (which then reads only the edited paper).
    assert!(
        cache.join("search/documents").is_file(),
        "a build that renders everything keeps the search index's documents"
    );
    let again = assert_same_as_clean(&site, &cache, false, "nothing changed");
    assert!(!warns_of_cache(&again), "{:?}", again.codes);
    // Every unit's recorded reads are as they were, the home page's too.
    assert_eq!(
        again.pages - again.cached,
        0,
        "no page is rendered again (of {} pages)",
        first.pages
    );
    // A fresh checkout in CI: every file written again, the same bytes with new times.
    std::thread::sleep(std::time::Duration::from_millis(20));
    for rel in common::all_files(site.root()) {
        let path = site.root().join(rel);
        std::fs::write(&path, std::fs::read(&path).unwrap()).unwrap();
    }
    let checkout = assert_same_as_clean(&site, &cache, false, "every file rewritten");
    assert_eq!(checkout.pages - checkout.cached, 0);
    let paper = Path::new("content/transport-board/2026-09-15/04-bus-network-performance-q1.md");
    replace_in(
        &site,
        paper,
        "## Background",
        "## Background\n\nA new first paragraph.\n",
    );
    let edited = assert_same_as_clean(&site, &cache, false, "one paper's body edited");
    let rendered = edited.pages - edited.cached;
    assert!(
        (2..20).contains(&rendered),
        "the meeting's pages and the search page: {rendered} rendered"
    );
    // The search index read every document for that build and kept them; the next edit's index
    // takes all but the edited paper from there, and is still the clean build's.
    assert!(cache.join("search/documents").is_file());
    let other = Path::new("content/children-board/2027-01-19/07-youth-voice.md");
    let text = std::fs::read_to_string(site.root().join(other)).unwrap();
    std::fs::write(
        site.root().join(other),
        format!("{text}\nA closing line.\n"),
    )
    .unwrap();
    assert_same_as_clean(&site, &cache, false, "a second paper's body edited");
}

#[test]
fn the_pdf_packs_come_from_the_cache_the_same() {
    let site = TestSite::example();
    let cache = site.scratch().join("cache");
    assert_same_as_clean(&site, &cache, true, "first build");
    let paper = Path::new("content/transport-board/2026-09-15/04-bus-network-performance-q1.md");
    replace_in(
        &site,
        paper,
        "## Background",
        "## Background\n\nA new first paragraph.\n",
    );
    let edited = assert_same_as_clean(&site, &cache, true, "one paper edited");
    assert!(edited.cached > 0);
}

/// A bug fixed: the cache of a build with PDF packs was reused by a `--no-pdf` build, whose meeting
/// pages then linked packs it did not make.
#[test]
fn a_build_with_other_outputs_reuses_nothing_made_for_them() {
    let site = TestSite::example();
    let cache = site.scratch().join("cache");
    assert_same_as_clean(&site, &cache, true, "with the PDF packs");
    let without = assert_same_as_clean(&site, &cache, false, "then without them");
    assert_eq!(without.cached, 0);
    assert_same_as_clean(&site, &cache, true, "with them again");
}

#[test]
fn a_damaged_cache_is_not_used_and_says_so() {
    let site = TestSite::example();
    let cache = site.scratch().join("cache");
    assert_same_as_clean(&site, &cache, false, "first build");
    let manifest = cache.join("build/manifest");
    let bytes = std::fs::read(&manifest).unwrap();
    std::fs::write(&manifest, &bytes[..bytes.len() - 10]).unwrap();
    let damaged = assert_same_as_clean(&site, &cache, false, "manifest cut short");
    assert_eq!(damaged.cached, 0);
    assert!(warns_of_cache(&damaged), "{:?}", damaged.codes);
    // The build replaced it: the next one reuses again, silently.
    let next = assert_same_as_clean(&site, &cache, false, "after the damage");
    assert!(
        next.cached > 0 && !warns_of_cache(&next),
        "{:?}",
        next.codes
    );

    // A page changed through the output's hard link to the cache is caught by its hash.
    let out = site.scratch().join("cached");
    let about = common::file_for(&out, "/about-these-papers/");
    let mut page = std::fs::read(&about).unwrap();
    page.extend_from_slice(b"<!-- changed -->");
    std::fs::OpenOptions::new()
        .write(true)
        .open(&about)
        .and_then(|mut f| std::io::Write::write_all(&mut f, &page))
        .unwrap();
    let caught = assert_same_as_clean(&site, &cache, false, "a cached file changed in place");
    assert!(warns_of_cache(&caught), "{:?}", caught.codes);
}

#[test]
fn a_cache_of_another_version_or_site_is_ignored_quietly() {
    let site = TestSite::example();
    let cache = site.scratch().join("cache");
    assert_same_as_clean(&site, &cache, false, "first build");
    let manifest = cache.join("build/manifest");
    let mut bytes = std::fs::read(&manifest).unwrap();
    let at = bytes
        .windows(9)
        .position(|w| w == b"boardpack")
        .expect("the manifest names its boardpack");
    bytes[at..at + 9].copy_from_slice(b"boardpacx");
    std::fs::write(&manifest, bytes).unwrap();
    let foreign = assert_same_as_clean(&site, &cache, false, "another version's cache");
    assert_eq!(foreign.cached, 0);
    assert!(!warns_of_cache(&foreign), "{:?}", foreign.codes);

    // The same cache given to another site: nothing of the first is reused.
    let other = TestSite::minimal();
    let out = other.scratch().join("out");
    let built = build(&other, &out, Some(cache.clone()), false);
    assert!(built.ok, "{:?}", built.codes);
    assert_eq!(built.cached, 0);
}

#[test]
fn a_failed_build_leaves_the_cache_and_the_output_as_they_were() {
    let site = TestSite::example();
    let cache = site.scratch().join("cache");
    assert_same_as_clean(&site, &cache, false, "first build");
    let manifest = std::fs::read(cache.join("build/manifest")).unwrap();
    let out = site.scratch().join("cached");
    let before = snapshot(&out);
    let paper = Path::new("content/transport-board/2026-09-15/04-bus-network-performance-q1.md");
    replace_in(&site, paper, "item: ", "item: [");
    let failed = build(&site, &out, Some(cache.clone()), false);
    assert!(!failed.ok);
    assert_eq!(snapshot(&out), before);
    assert_eq!(
        std::fs::read(cache.join("build/manifest")).unwrap(),
        manifest
    );
}

#[test]
fn check_with_a_cache_reports_what_a_clean_check_reports() {
    let site = TestSite::example();
    // A warning in a page that the cache will hold, and one in a paper that changes.
    site.write(
        "content/pages/warned.md",
        "---\ntitle: Warned\ndescription: A page with a vague link.\n---\n\nRead [click here](https://example.org/).\n",
    );
    let cache = site.scratch().join("cache");
    let built = build(
        &site,
        &site.scratch().join("out"),
        Some(cache.clone()),
        false,
    );
    assert!(built.ok, "{:?}", built.codes);
    let check = |cache: Option<PathBuf>| {
        let checked = boardpack::check(&options(site.root(), cache, false));
        let mut codes: Vec<String> = checked
            .diagnostics
            .iter()
            .map(|d| format!("{} {} {:?}", d.code, d.file.display(), d.start))
            .collect();
        codes.sort();
        (codes, checked.pages, checked.cached)
    };
    let (clean, pages, _) = check(None);
    let (cached, cached_pages, reused) = check(Some(cache.clone()));
    assert!(clean.iter().any(|c| c.starts_with("BP061")), "{clean:?}");
    assert_eq!(cached, clean);
    assert_eq!(cached_pages, pages);
    assert!(reused > pages / 2, "{reused} of {pages} pages reused");
    // An edit that breaks a link is found although the rest comes from the cache.
    let paper = Path::new("content/transport-board/2026-09-15/04-bus-network-performance-q1.md");
    replace_in(
        &site,
        paper,
        "## Background",
        "## Background\n\nSee [the missing paper](no-such-paper.md).\n",
    );
    let (clean, _, _) = check(None);
    let (cached, _, _) = check(Some(cache));
    assert!(clean.iter().any(|c| c.starts_with("BP030")), "{clean:?}");
    assert_eq!(cached, clean);
}
