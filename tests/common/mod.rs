//! Helpers shared by the integration tests.
//!
//! A [`TestSite`] is a site folder in a temporary directory: write `site.yaml` and content files into it
//! with [`TestSite::file`], then run the real `boardpack` binary on it. Builds always use a fixed
//! `--as-of` date so "upcoming" and "past" never depend on the day the tests run.
//!
//! Tests read nothing outside the repository (the bundled example site) and their own temporary folders.

#![allow(dead_code)] // Each test binary uses a different subset of these helpers.

use std::collections::BTreeMap;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};
use std::process::Output;

use scraper::{ElementRef, Html, Selector};
use tempfile::TempDir;

/// The day every test build is made for.
pub const AS_OF: &str = "2026-11-23";

/// The repository root (where the bundled example site lives).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A `boardpack` command, with colour turned off so output is plain text.
pub fn boardpack() -> assert_cmd::Command {
    let mut cmd =
        assert_cmd::Command::cargo_bin("boardpack").expect("the boardpack binary is built");
    cmd.env("NO_COLOR", "1");
    cmd
}

/// A site folder in a temporary directory, and a separate temporary directory for its output.
pub struct TestSite {
    root: TempDir,
    scratch: TempDir,
}

impl Default for TestSite {
    fn default() -> Self {
        Self::new()
    }
}

impl TestSite {
    /// An empty site folder (no `site.yaml`, no `content/`).
    pub fn new() -> Self {
        TestSite {
            root: tempfile::Builder::new()
                .prefix("boardpack-site-")
                .tempdir()
                .expect("temp dir"),
            scratch: tempfile::Builder::new()
                .prefix("boardpack-out-")
                .tempdir()
                .expect("temp dir"),
        }
    }

    /// A small valid site: `site.yaml`, the board `audit-board` and one meeting on 2026-12-01 with one paper
    /// (item 4). Tests add or replace files to make the case they need.
    pub fn minimal() -> Self {
        TestSite::new()
            .file("site.yaml", SITE_YAML)
            .file("content/audit-board/board.md", BOARD_MD)
            .file("content/audit-board/2026-12-01/meeting.md", MEETING_MD)
            .file(
                "content/audit-board/2026-12-01/04-internal-audit-progress.md",
                PAPER_MD,
            )
    }

    /// A copy of the bundled example site (`site.yaml` and `content/` from the repository root).
    pub fn example() -> Self {
        let site = TestSite::new();
        let repo = repo_root();
        std::fs::copy(repo.join("site.yaml"), site.path("site.yaml")).expect("copy site.yaml");
        copy_dir(&repo.join("content"), &site.path("content"));
        site
    }

    /// Writes `text` to `rel` (relative to the site root), making folders as needed. Builder form.
    pub fn file(self, rel: &str, text: &str) -> Self {
        self.write(rel, text.as_bytes());
        self
    }

    /// Writes `bytes` to `rel` (relative to the site root), making folders as needed.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("a file has a parent")).expect("make folders");
        std::fs::write(&path, bytes).expect("write file");
    }

    /// The site root.
    pub fn root(&self) -> &Path {
        self.root.path()
    }

    /// A path inside the site root.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.path().join(rel)
    }

    /// The default output folder: `public` inside a temporary folder of its own (it does not exist
    /// until a build makes it).
    pub fn out(&self) -> PathBuf {
        self.scratch.path().join("public")
    }

    /// A temporary folder for anything else a test needs (other output folders, new sites…).
    pub fn scratch(&self) -> &Path {
        self.scratch.path()
    }

    /// Runs `boardpack build` into `output` with the fixed date and `extra` arguments; returns what happened.
    pub fn build_into(&self, output: &Path, extra: &[&str]) -> Output {
        boardpack()
            .arg("build")
            .arg("--root")
            .arg(self.root())
            .arg("--output")
            .arg(output)
            .args(["--as-of", AS_OF])
            .args(extra)
            .output()
            .expect("run boardpack build")
    }

    /// Runs `boardpack build` into [`TestSite::out`] with `extra` arguments; returns what happened.
    pub fn build_with(&self, extra: &[&str]) -> Output {
        self.build_into(&self.out(), extra)
    }

    /// Builds into [`TestSite::out`] and fails the test (showing boardpack's messages) unless it succeeds.
    pub fn build(&self) -> Built<'_> {
        self.build_ok(&[])
    }

    /// Like [`TestSite::build`], with extra arguments.
    pub fn build_ok(&self, extra: &[&str]) -> Built<'_> {
        let output = self.build_with(extra);
        assert_success(&output, "boardpack build");
        Built {
            out: self.out(),
            site: PhantomData,
        }
    }

    /// Builds the site as of `as_of` (not the fixed date) into a folder of its own in the scratch
    /// folder, with `extra` arguments; fails the test unless it succeeds.
    pub fn build_as_of(&self, as_of: &str, extra: &[&str]) -> Built<'_> {
        self.build_as_of_in(&format!("public-{as_of}"), as_of, extra)
    }

    /// [`TestSite::build_as_of`] into the scratch folder's `folder`.
    pub fn build_as_of_in(&self, folder: &str, as_of: &str, extra: &[&str]) -> Built<'_> {
        let out = self.scratch().join(folder);
        let output = boardpack()
            .arg("build")
            .arg("--root")
            .arg(self.root())
            .arg("--output")
            .arg(&out)
            .args(["--as-of", as_of])
            .args(extra)
            .output()
            .expect("run boardpack build");
        assert_success(&output, &format!("build as of {as_of}"));
        Built {
            out,
            site: PhantomData,
        }
    }

    /// The pages `check` renders (for the fixed date), by path: it renders pages to count what
    /// `build` would write, and writes no data files.
    pub fn check_pages(&self) -> BTreeMap<String, Vec<u8>> {
        /// Keeps the pages `check` renders.
        struct PagesOnly(boardpack::render::Memory);
        impl boardpack::render::Sink for PagesOnly {
            fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
                self.0.write(path, bytes)
            }
            fn copy(&self, _path: &str, _from: &Path) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut options = boardpack::Options::new(self.root());
        options.as_of = Some(AS_OF.parse().expect("the fixed date"));
        let sink = PagesOnly(boardpack::render::Memory::default());
        let (checked, _) = boardpack::render_into(&options, boardpack::Mode::Check, &sink);
        assert!(!checked.diagnostics.has_errors(), "check found errors");
        sink.0.0.into_inner().expect("no thread panicked")
    }

    /// Runs `boardpack check` with the fixed date and `extra` arguments.
    pub fn check(&self, extra: &[&str]) -> Output {
        boardpack()
            .arg("check")
            .arg("--root")
            .arg(self.root())
            .args(["--as-of", AS_OF])
            .args(extra)
            .output()
            .expect("run boardpack check")
    }

    /// Runs `boardpack check --format json` and parses every line of its output as a JSON object.
    pub fn check_json(&self) -> Vec<serde_json::Value> {
        let output = self.check(&["--format", "json"]);
        assert_no_panic(&output);
        parse_json_lines(&stdout(&output))
    }
}

/// Parses JSON lines, failing the test on any line that is not one JSON object.
pub fn parse_json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("not a JSON line ({e}): {line:?}"));
            assert!(value.is_object(), "not a JSON object: {line}");
            value
        })
        .collect()
}

/// A finished build's output folder. It borrows its [`TestSite`], so the temporary folders cannot be
/// deleted while a test still reads the output.
pub struct Built<'site> {
    pub out: PathBuf,
    site: PhantomData<&'site TestSite>,
}

impl Built<'static> {
    /// An output folder that is not a [`TestSite`]'s (e.g. one of a site made by `boardpack new`).
    pub fn at(out: impl Into<PathBuf>) -> Self {
        Built {
            out: out.into(),
            site: PhantomData,
        }
    }
}

impl Built<'_> {
    /// The file a site URL is served from: `/x/` → `x/index.html`, `/a.csv` → `a.csv`, `#` and `?` parts
    /// dropped. `url` is a path from the site root (no base path).
    pub fn file_for(&self, url: &str) -> PathBuf {
        file_for(&self.out, url)
    }

    /// Parses the page at `url` (e.g. `/transport-board/`), failing the test if it does not exist.
    pub fn page(&self, url: &str) -> Html {
        let file = self.file_for(url);
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| {
            let pages: Vec<String> = self
                .html_files()
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            panic!(
                "page {url} ({}) cannot be read: {e}\nthe output's pages are:\n{}",
                file.display(),
                pages.join("\n")
            )
        });
        Html::parse_document(&text)
    }

    /// Does the output have a file for this URL?
    pub fn exists(&self, url: &str) -> bool {
        self.file_for(url).is_file()
    }

    /// Every HTML file of the output, relative to it, sorted.
    pub fn html_files(&self) -> Vec<PathBuf> {
        all_files(&self.out)
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .collect()
    }

    /// Every file of the output with its bytes, keyed by path relative to the output.
    pub fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        snapshot(&self.out)
    }

    /// Parses the HTML file at `rel` (a path relative to the output).
    pub fn parse_file(&self, rel: &Path) -> Html {
        let text = std::fs::read_to_string(self.out.join(rel))
            .unwrap_or_else(|e| panic!("{}: {e}", rel.display()));
        Html::parse_document(&text)
    }
}

/// The file under `out` that serves `url` (a path from the site root).
pub fn file_for(out: &Path, url: &str) -> PathBuf {
    let path = url.split(['#', '?']).next().unwrap_or("");
    let path = path.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        out.join(path).join("index.html")
    } else {
        out.join(path)
    }
}

/// Every file under `dir` (relative paths, sorted), hidden ones included.
pub fn all_files(dir: &Path) -> Vec<PathBuf> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        let entries =
            std::fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                out.push(path.strip_prefix(base).expect("under base").to_path_buf());
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, dir, &mut files);
    files.sort();
    files
}

/// Every file under `dir` with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    all_files(dir)
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(dir.join(&rel)).expect("read file");
            (rel, bytes)
        })
        .collect()
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("make folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// A CSS selector, failing the test if it does not parse.
pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e:?}"))
}

/// The elements of `html` matching `css`.
pub fn select<'a>(html: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    html.select(&sel(css)).collect()
}

/// The elements under `element` matching `css`.
pub fn select_in<'a>(element: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    element.select(&sel(css)).collect()
}

/// An element's text, with runs of whitespace collapsed to one space and trimmed.
pub fn text(element: ElementRef<'_>) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The texts of the elements matching `css`.
pub fn texts(html: &Html, css: &str) -> Vec<String> {
    select(html, css).into_iter().map(text).collect()
}

/// The text of the whole document body (what a reader sees), whitespace collapsed.
pub fn body_text(html: &Html) -> String {
    select(html, "body")
        .into_iter()
        .map(text)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The one `h1` of a page, failing the test unless there is exactly one.
pub fn only_h1(html: &Html, what: &str) -> String {
    let h1s = texts(html, "h1");
    assert_eq!(
        h1s.len(),
        1,
        "{what}: expected exactly one h1, found {h1s:?}"
    );
    h1s.into_iter().next().unwrap_or_default()
}

/// The `section` holding a heading (h1–h6) whose text is `heading`.
pub fn section_by_heading<'a>(html: &'a Html, heading: &str) -> ElementRef<'a> {
    let found = select(html, "h1, h2, h3, h4, h5, h6")
        .into_iter()
        .find(|h| text(*h) == heading);
    let h = found.unwrap_or_else(|| {
        panic!(
            "no heading {heading:?}; headings are {:?}",
            texts(html, "h1, h2, h3, h4, h5, h6")
        )
    });
    h.ancestors()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "section")
        .unwrap_or_else(|| panic!("heading {heading:?} is not inside a <section>"))
}

/// The `href` of every link (`a[href]`) under `element`.
pub fn hrefs(element: ElementRef<'_>) -> Vec<String> {
    select_in(element, "a[href]")
        .into_iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

/// The `href` of every link (`a[href]`) of a document.
pub fn doc_hrefs(html: &Html) -> Vec<String> {
    select(html, "a[href]")
        .into_iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

/// The attribute `name` of the first element matching `css`.
pub fn attr(html: &Html, css: &str, name: &str) -> Option<String> {
    select(html, css)
        .into_iter()
        .next()
        .and_then(|e| e.value().attr(name).map(str::to_string))
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Fails the test unless the command succeeded, showing what it printed.
pub fn assert_success(output: &Output, what: &str) {
    assert!(
        output.status.success(),
        "{what} failed with {:?}\n--- stdout\n{}\n--- stderr\n{}",
        output.status.code(),
        stdout(output),
        stderr(output)
    );
}

/// Fails the test if the command panicked (Rust exits with 101 on a panic).
pub fn assert_no_panic(output: &Output) {
    let err = stderr(output);
    assert_ne!(
        output.status.code(),
        Some(101),
        "boardpack panicked:\n{err}"
    );
    assert!(!err.contains("panicked at"), "boardpack panicked:\n{err}");
}

/// Fails the test unless the command failed cleanly: exit code 1, no panic.
pub fn assert_clean_failure(output: &Output, what: &str) {
    assert_no_panic(output);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{what}: expected exit code 1\n--- stdout\n{}\n--- stderr\n{}",
        stdout(output),
        stderr(output)
    );
}

// ---------------------------------------------------------------------------------------------------
// The minimal site's files, for tests to reuse or vary.

pub const SITE_YAML: &str = "title: Test Council papers
base_url: https://papers.example.org/
organisation:
  name: Test Council
  email: democratic.services@example.org
";

pub const BOARD_MD: &str = "---
title: Audit Board
slug: audit-board
contact:
  name: Sam Clerk
  email: sam.clerk@example.org
  phone: 01632 960 001
---

The Audit Board oversees the council's internal audit.
";

pub const MEETING_MD: &str = "---
meeting: audit-board
date: 2026-12-01
start_time: \"14:00\"
venue:
  room: Committee Room 1
status: scheduled
---

Cover notes for the meeting.
";

pub const PAPER_MD: &str = "---
title: Internal audit progress
meeting: audit-board
date: 2026-12-01
item: 4
purpose: For information
summary: Progress against the internal audit plan.
---

## Background

1. First paragraph.

2. Second paragraph:

   1. a sub-paragraph;
   2. another.
";

/// URL of the minimal site's paper.
pub const PAPER_URL: &str = "/audit-board/2026-12-01/4-internal-audit-progress/";
/// URL of the minimal site's meeting.
pub const MEETING_URL: &str = "/audit-board/2026-12-01/";
