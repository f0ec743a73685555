//! The extremes a real site reaches: a huge paper, a folder of ten thousand files, links that loop.
//! The promise: a clear result, never a crash or a hang.

use std::path::Path;

fn skeleton(dir: &Path) {
    std::fs::create_dir_all(dir.join("content/b/2026-01-01")).unwrap();
    std::fs::write(
        dir.join("site.yaml"),
        "title: T\nbase_url: https://x.example/\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("content/b/board.md"),
        "---\ntitle: B\nslug: b\n---\n",
    )
    .unwrap();
}

/// What a check found, and every file it rendered.
struct Checked {
    diagnostics: boardpack::diagnostics::Diagnostics,
    files: std::collections::BTreeMap<String, Vec<u8>>,
}

fn check(dir: &Path) -> Checked {
    let mut options = boardpack::Options::new(dir);
    options.as_of = Some("2026-01-01".parse().unwrap());
    let memory = boardpack::render::Memory::default();
    let (checked, _) = boardpack::check_into(&options, &memory);
    Checked {
        diagnostics: checked.diagnostics,
        files: memory.0.into_inner().unwrap(),
    }
}

// A 50 MB paper is rendered, not refused or crashed on.
#[test]
fn a_fifty_megabyte_paper_builds() {
    let dir = tempfile::tempdir().unwrap();
    skeleton(dir.path());
    let para = format!(
        "1. {}\n\n",
        "The Board agreed the plan and noted the report. ".repeat(40)
    );
    let mut text = String::from(
        "---\ntitle: Big\nmeeting: b\ndate: 2026-01-01\nitem: 1\nsummary: S.\n---\n\n",
    );
    while text.len() < 50_000_000 {
        text.push_str(&para);
    }
    std::fs::write(dir.path().join("content/b/2026-01-01/01-big.md"), text).unwrap();
    let checked = check(dir.path());
    assert!(
        !checked.diagnostics.has_errors(),
        "{:?}",
        checked.diagnostics
    );
    let html = checked
        .files
        .get("b/2026-01-01/1-big/index.html")
        .expect("the paper page");
    assert!(html.len() > 50_000_000);
}

// Ten thousand papers in one folder (one meeting) check cleanly.
#[test]
fn ten_thousand_files_in_one_folder() {
    let dir = tempfile::tempdir().unwrap();
    skeleton(dir.path());
    for i in 1..=10_000 {
        let text = format!(
            "---\ntitle: Paper {i}\nmeeting: b\ndate: 2026-01-01\nitem: {i}\nsummary: S.\n---\n\n1. Text.\n"
        );
        std::fs::write(
            dir.path().join(format!("content/b/2026-01-01/{i:05}-p.md")),
            text,
        )
        .unwrap();
    }
    let checked = check(dir.path());
    assert!(
        checked.diagnostics.is_empty(),
        "{:?}",
        checked.diagnostics.iter().take(3).collect::<Vec<_>>()
    );
    let papers = checked
        .files
        .keys()
        .filter(|f| {
            f.strip_prefix("b/2026-01-01/")
                .is_some_and(|p| p.ends_with("-p/index.html"))
        })
        .count();
    assert_eq!(papers, 10_000);
}

// Symbolic links, including ones that loop, are reported and not followed.
#[cfg(unix)]
#[test]
fn symlink_loops_are_reported_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    skeleton(dir.path());
    std::os::unix::fs::symlink(".", dir.path().join("content/b/loop")).unwrap();
    std::os::unix::fs::symlink("../b", dir.path().join("content/b/2026-01-01/up")).unwrap();
    std::os::unix::fs::symlink(
        "/etc/passwd",
        dir.path().join("content/b/2026-01-01/02-passwd.md"),
    )
    .unwrap();
    let checked = check(dir.path());
    let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        ["BP012", "BP012", "BP012"],
        "{:?}",
        checked.diagnostics
    );
    assert!(!checked.files.keys().any(|f| f.contains("passwd")));
}

// A site with nothing in it says what to do.
#[test]
fn an_empty_folder_says_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let checked = check(dir.path());
    let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["BP010", "BP010"]);
    assert!(checked.diagnostics.iter().all(|d| d.help.is_some()));
}

// Files in content/ are published only when a published page links to them: a stray draft or
// confidential attachment lying beside the papers never reaches the site.
#[test]
fn only_linked_files_are_published() {
    let dir = tempfile::tempdir().unwrap();
    skeleton(dir.path());
    let paper = "---\ntitle: P\nmeeting: b\ndate: 2026-01-01\nitem: 1\nsummary: S.\n---\n\n1. See ![Route map](map.png).\n";
    std::fs::write(dir.path().join("content/b/2026-01-01/01-p.md"), paper).unwrap();
    // A real (1×1) PNG: the PDF pack embeds the image, and refuses one that does not decode.
    let png = b"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90\x77\x53\xde\x00\x00\x00\x0c\x49\x44\x41\x54\x78\xda\x63\xd0\x88\x5a\x00\x00\x01\xd0\x01\x23\x22\xef\x65\x80\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";
    std::fs::write(dir.path().join("content/b/2026-01-01/map.png"), png).unwrap();
    std::fs::write(
        dir.path()
            .join("content/b/2026-01-01/confidential-draft.docx"),
        b"secret",
    )
    .unwrap();
    let checked = check(dir.path());
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    let paths: Vec<&str> = checked.files.keys().map(String::as_str).collect();
    assert!(paths.contains(&"files/b/2026-01-01/map.png"), "{paths:?}");
    assert!(
        !paths.iter().any(|p| p.contains("confidential")),
        "{paths:?}"
    );
}
