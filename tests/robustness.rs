//! Property tests (the fuzz harness): whatever a content file holds, `boardpack::check` reports
//! problems and never panics, never hangs, and places every problem inside the file.
//!
//! The library is called directly (no process per case), on a small valid site whose one paper is
//! replaced by generated text, and on the bundled example site with one of its files (any kind:
//! `site.yaml`, a board, a meeting, a paper, minutes, an appendix) mutated. 64 cases per property
//! keep the suite fast; `PROPTEST_CASES=5000` runs a deeper search.
//! Cases found are kept as regressions in `proptest-regressions/` and as named tests (the alias bomb
//! is in `tests/trust.rs`).

mod common;

use std::path::Path;

use proptest::prelude::*;

use common::{BOARD_MD, MEETING_MD, SITE_YAML};

const PAPER: &str = "content/audit-board/2026-12-01/04-paper.md";

/// A valid site in `dir` with `paper` as the text of its one paper.
fn write_site(dir: &Path, paper: &[u8]) {
    let files: [(&str, &[u8]); 4] = [
        ("site.yaml", SITE_YAML.as_bytes()),
        ("content/audit-board/board.md", BOARD_MD.as_bytes()),
        (
            "content/audit-board/2026-12-01/meeting.md",
            MEETING_MD.as_bytes(),
        ),
        (PAPER, paper),
    ];
    for (rel, bytes) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// How long one case may take before it counts as a hang: far more than any case needs, even in a
/// debug build on a busy machine.
const HANG: std::time::Duration = std::time::Duration::from_secs(60);

/// Runs the check (a panic fails the case) and returns it.
fn check(dir: &Path) -> boardpack::Checked {
    check_with(dir, true)
}

/// Runs the check on a thread of its own, failing the case if it panics or takes longer than [`HANG`].
fn check_with(dir: &Path, pdf: bool) -> boardpack::Checked {
    let mut options = boardpack::Options::new(dir);
    options.as_of = Some(common::AS_OF.parse().expect("a date"));
    options.pdf = pdf;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(boardpack::check(&options));
    });
    match rx.recv_timeout(HANG) {
        Ok(checked) => checked,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => panic!("check hung (over {HANG:?})"),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => panic!("check panicked"),
    }
}

/// Every diagnostic about the paper points inside it: a line that exists and a column within that line.
fn assert_positions_inside(checked: &boardpack::Checked, text: &str) -> Result<(), TestCaseError> {
    assert_positions_inside_file(checked, Path::new(PAPER), text)
}

/// Every diagnostic about `file` points inside it.
fn assert_positions_inside_file(
    checked: &boardpack::Checked,
    file: &Path,
    text: &str,
) -> Result<(), TestCaseError> {
    let lines: Vec<&str> = text.split('\n').collect();
    for d in checked.diagnostics.iter().filter(|d| d.file == file) {
        if let Some(start) = d.start {
            prop_assert!(
                start.line >= 1 && start.line <= lines.len(),
                "{d}: line outside the file ({} lines)",
                lines.len()
            );
            let width = lines[start.line - 1].chars().count();
            prop_assert!(
                start.column >= 1 && start.column <= width + 1,
                "{d}: column past the end of line {}",
                start.line
            );
        }
    }
    Ok(())
}

/// Text that looks like front matter and Markdown: fences, keys, YAML punctuation, list markers, tabs.
fn yamlish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "---\n",
        "---",
        "\n",
        "\r\n",
        "title: ",
        "meeting: audit-board\n",
        "date: ",
        "2026-12-01",
        "14/03/2023",
        "item: ",
        "4",
        "4a",
        "kind: ",
        "paper",
        "appendix",
        "summary: ",
        "recommendations:\n",
        "  - ",
        "- ",
        ": ",
        ":",
        "\"",
        "'",
        "[",
        "]",
        "{",
        "}",
        "&a",
        "*a",
        "!!binary ",
        "|\n",
        ">\n",
        "#",
        "\t",
        "  ",
        "é",
        "“",
        "\u{feff}",
        "1. ",
        "   1. ",
        "[x](#p9)",
        "[y](../../x.md)",
        "<script>",
        "| a | b |\n|---|---|\n",
        "```rust\n",
        "appendices:\n  - title: A\n    file: ",
        "../../../etc/passwd",
        "contact:\n  phon: 1\n",
        "extra:\n  k: v\n",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

/// The paper's front matter with one value replaced by `value` (unquoted, as a clerk would type it).
fn skeleton_with(field: usize, value: &str) -> String {
    let mut values = [
        "Internal audit progress".to_string(),
        "audit-board".to_string(),
        "2026-12-01".to_string(),
        "4".to_string(),
        "For information".to_string(),
        "A summary.".to_string(),
    ];
    values[field % values.len()] = value.to_string();
    format!(
        "---\ntitle: {}\nmeeting: {}\ndate: {}\nitem: {}\npurpose: {}\nsummary: {}\n---\n\n1. Body.\n",
        values[0], values[1], values[2], values[3], values[4], values[5]
    )
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

/// The bundled example site's text files (`site.yaml` and every `.md` under `content/`), relative
/// to the repository root, in a fixed order: the seeds the mutations start from.
fn example_files() -> Vec<String> {
    let root = common::repo_root();
    let mut files: Vec<String> = common::all_files(&root.join("content"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| format!("content/{}", p.to_string_lossy()))
        .collect();
    files.push("site.yaml".to_string());
    files.sort();
    files
}

/// One mutation of a text file, as a fuzzer makes them: a byte replaced, a stretch removed or
/// repeated, or front-matter-like text put in.
#[derive(Debug, Clone)]
enum Mutation {
    Byte(usize, u8),
    Remove(usize, usize),
    Repeat(usize, usize),
    Insert(usize, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Byte(at, b)),
        (any::<usize>(), 1usize..200).prop_map(|(at, n)| Mutation::Remove(at, n)),
        (any::<usize>(), 1usize..200).prop_map(|(at, n)| Mutation::Repeat(at, n)),
        (any::<usize>(), yamlish()).prop_map(|(at, text)| Mutation::Insert(at, text)),
    ]
}

fn mutate(bytes: &mut Vec<u8>, mutations: &[Mutation]) {
    for m in mutations {
        let len = bytes.len().max(1);
        match m {
            Mutation::Byte(at, b) => {
                if !bytes.is_empty() {
                    bytes[at % len] = *b;
                }
            }
            Mutation::Remove(at, n) => {
                let start = (at % len).min(bytes.len());
                let end = (start + n).min(bytes.len());
                bytes.drain(start..end);
            }
            Mutation::Repeat(at, n) => {
                let start = (at % len).min(bytes.len());
                let end = (start + n).min(bytes.len());
                let copy = bytes[start..end].to_vec();
                bytes.splice(end..end, copy);
            }
            Mutation::Insert(at, text) => {
                let at = (at % len).min(bytes.len());
                bytes.splice(at..at, text.bytes());
            }
        }
    }
}

/// A copy of the example site, made once per test thread and reused: each case changes one file
/// and puts it back.
struct ExampleCopy {
    dir: tempfile::TempDir,
}

impl ExampleCopy {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = common::repo_root();
        std::fs::copy(root.join("site.yaml"), dir.path().join("site.yaml")).unwrap();
        common::copy_dir(&root.join("content"), &dir.path().join("content"));
        ExampleCopy { dir }
    }

    /// Checks the site with `rel` holding `bytes`, then restores the file.
    fn check_with_file(&self, rel: &str, bytes: &[u8]) -> boardpack::Checked {
        let path = self.dir.path().join(rel);
        let original = std::fs::read(&path).unwrap();
        std::fs::write(&path, bytes).unwrap();
        let checked = check_with(self.dir.path(), false);
        std::fs::write(&path, original).unwrap();
        checked
    }
}

/// Markdown-like text for a paper's body: lists, tables, headings, links, footnotes, HTML.
fn markdownish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\n",
        "\n\n",
        "1. ",
        "   1. ",
        "- ",
        "# ",
        "## ",
        "#### ",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        "| x |\n|:-:|\n",
        "Table: A caption\n\n",
        "[link](#p2)",
        "[site](/audit-board/)",
        "[ext](https://example.org/x)",
        "![alt](missing.png)",
        "[^1]",
        "[^1]: A note.\n",
        "**bold**",
        "*em*",
        "`code`",
        "```\ncode\n```\n",
        "<b>html</b>",
        "<!-- c -->",
        "> quote\n",
        "---\n",
        "word ",
        "#",
        "$",
        "\\",
        "@",
        "<",
        "é",
        "😀",
        "\u{200B}",
        "\t",
        "    indented\n",
        "paragraph 2",
        "a@b.example",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

thread_local! {
    static EXAMPLE: ExampleCopy = ExampleCopy::new();
}

proptest! {
    // 64 cases by default; PROPTEST_CASES=5000 for a deeper run.
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// Any bytes at all as a paper file: a diagnostic, never a panic.
    #[test]
    fn arbitrary_bytes_as_a_paper_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let dir = tempfile::tempdir().unwrap();
        write_site(dir.path(), &bytes);
        let _ = check(dir.path());
    }

    /// Any text as a paper file: never a panic, and every diagnostic points inside the file.
    #[test]
    fn arbitrary_text_as_a_paper_never_panics(text in any::<String>()) {
        let dir = tempfile::tempdir().unwrap();
        write_site(dir.path(), text.as_bytes());
        let checked = check(dir.path());
        let shown = text.strip_prefix('\u{feff}').unwrap_or(&text);
        assert_positions_inside(&checked, shown)?;
    }

    /// Front-matter-like text as a paper file: never a panic, and every diagnostic points inside the file.
    #[test]
    fn yaml_like_text_as_a_paper_never_panics(text in yamlish()) {
        let dir = tempfile::tempdir().unwrap();
        write_site(dir.path(), text.as_bytes());
        let checked = check(dir.path());
        let shown = text.strip_prefix('\u{feff}').unwrap_or(&text);
        assert_positions_inside(&checked, shown)?;
    }

    /// Any string as one front matter value of a valid paper: never a panic, and positions stay inside.
    #[test]
    fn arbitrary_front_matter_values_never_panic(field in 0usize..6, value in prop_oneof![any::<String>(), yamlish()]) {
        let dir = tempfile::tempdir().unwrap();
        let text = skeleton_with(field, &value);
        write_site(dir.path(), text.as_bytes());
        let checked = check(dir.path());
        assert_positions_inside(&checked, &text)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// Any file of the example site (site.yaml, boards, meetings, papers, minutes, appendices),
    /// mutated: never a panic or a hang, and every diagnostic about that file points inside it.
    #[test]
    fn mutated_example_files_never_panic(
        pick in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let files = example_files();
        let rel = &files[pick.index(files.len())];
        let mut bytes = std::fs::read(common::repo_root().join(rel)).unwrap();
        mutate(&mut bytes, &mutations);
        let checked = EXAMPLE.with(|site| site.check_with_file(rel, &bytes));
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let shown = text.strip_prefix('\u{feff}').unwrap_or(text);
            assert_positions_inside_file(&checked, Path::new(rel), shown)?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// Any Markdown as a paper's body, typeset into the pack: never a panic or a hang, every
    /// diagnostic inside the paper, and no content ever surfaces as an error of the theme.
    #[test]
    fn markdown_bodies_never_panic_and_typeset(body in markdownish()) {
        let dir = tempfile::tempdir().unwrap();
        let text = format!("{}\n{body}\n", skeleton_with(0, "Internal audit progress").trim_end_matches("1. Body.\n"));
        write_site(dir.path(), text.as_bytes());
        let checked = check(dir.path());
        assert_positions_inside(&checked, &text)?;
        for d in checked.diagnostics.iter() {
            prop_assert!(
                !d.file.to_string_lossy().contains("pack.typ"),
                "content surfaced as a theme error: {d}"
            );
        }
    }
}
