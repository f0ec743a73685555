//! Property tests: whatever a content file holds, `boardpack::check` reports problems and never panics.
//!
//! The library is called directly (no process per case), on a small valid site whose one paper is
//! replaced by generated text. 64 cases per property keep the suite fast.

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

/// Runs the check (a panic fails the case) and returns it.
fn check(dir: &Path) -> boardpack::Checked {
    let mut options = boardpack::Options::new(dir);
    options.as_of = Some(common::AS_OF.parse().expect("a date"));
    boardpack::check(&options)
}

/// Every diagnostic about the paper points inside it: a line that exists and a column within that line.
fn assert_positions_inside(checked: &boardpack::Checked, text: &str) -> Result<(), TestCaseError> {
    let lines: Vec<&str> = text.split('\n').collect();
    for d in checked
        .diagnostics
        .iter()
        .filter(|d| d.file == Path::new(PAPER))
    {
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
