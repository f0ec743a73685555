//! The layout of `src/` is the pipeline: `content` ← `site` ← `check`, `render` ← `outputs`, with `serve`,
//! `import`, `new`, `lib.rs` and `main.rs` on top and the shared leaves (`diagnostics`, `hash`, `escape`,
//! `trace`, `reads`) below everything. This test reads every file under `src/` and fails on a `crate::` path that
//! points up (or across, between `check` and `render`), so the layout stays true as the code grows.

use std::path::{Path, PathBuf};

/// Where a module sits: a higher rank may use a lower one, and a phase may use itself.
fn rank(phase: &str) -> Option<u8> {
    Some(match phase {
        "diagnostics" | "hash" | "escape" | "trace" | "codec" | "reads" => 0,
        "content" => 1,
        "site" => 2,
        "check" | "render" => 3,
        "outputs" => 4,
        "serve" | "incremental" | "import" | "new" | "lib" | "main" => 5,
        _ => return None,
    })
}

/// The rank of the top, which uses the pipeline.
const TOP: u8 = 5;

/// The old top-level paths that `lib.rs` re-exports for the library's users: below the top, code names
/// the folder, so that this test sees which phase it uses.
const ALIASES: &[&str] = &[
    "frontmatter",
    "load",
    "markdown",
    "model",
    "yaml",
    "search",
    "session",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The phase of a file: its folder under `src/`, or its own name for a file at the top.
fn phase_of(relative: &Path) -> String {
    let first = relative
        .components()
        .next()
        .expect("a path under src/")
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    first
        .strip_suffix(".rs")
        .map_or(first.clone(), str::to_string)
}

/// Every `crate::<name>` in the code of `text` (comments left out), with its line number.
fn crate_paths(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        let code = code.split(" // ").next().unwrap_or(code);
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let before = rest[..at].chars().next_back();
            // `boardpack::crate_x` or `my_crate::` are not paths into this crate.
            if !before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                let name: String = after
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '{')
                    .collect();
                found.push((n + 1, name));
            }
            rest = after;
        }
    }
    found
}

#[test]
fn no_module_uses_a_higher_phase() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    assert!(files.len() > 20, "src/ read: {} files", files.len());
    let mut problems = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).expect("under src/");
        let phase = phase_of(relative);
        let Some(own) = rank(&phase) else {
            problems.push(format!(
                "{}: `{phase}` is in no phase; add it to `rank` in tests/layout.rs",
                relative.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("a source file is readable");
        for (line, name) in crate_paths(&text) {
            let place = format!("{}:{line}", relative.display());
            if name.starts_with('{') {
                problems.push(format!("{place}: `crate::{{…}}`: name each module, so this test can see which phase is used"));
                continue;
            }
            // The top may use anything, so an alias there hides nothing (and `import` keeps its paths).
            if own < TOP && ALIASES.contains(&name.as_str()) {
                problems.push(format!("{place}: `crate::{name}` is a re-export for the library's users; use its path in its folder"));
                continue;
            }
            // An item of lib.rs itself (`crate::Options`, `crate::prepare`): the top.
            let target = if rank(&name).is_some() {
                name.clone()
            } else {
                "lib".to_string()
            };
            let theirs = rank(&target).expect("ranked");
            // The top (`serve`, `import`, `new`, `lib.rs`) may use anything, each other included.
            if target != phase && theirs >= own && own < TOP {
                problems.push(format!(
                    "{place}: `{phase}` uses `crate::{name}`, which is not below it"
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "upward or sideways dependencies in src/:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_check_sees_upward_paths() {
    let found = crate_paths(
        "use crate::outputs::search;\n// crate::serve in a comment\nlet x = crate::Options::new(); // crate::main\n",
    );
    assert_eq!(
        found,
        vec![(1, "outputs".to_string()), (3, "Options".to_string())]
    );
    assert_eq!(phase_of(Path::new("render/units.rs")), "render");
    assert_eq!(phase_of(Path::new("trace.rs")), "trace");
}
