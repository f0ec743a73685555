//! The corpus of broken sites: one folder under `tests/broken/` per mistake a clerk can make, each with
//! the diagnostics `check` must report (`expected`: code, severity, file:line:column). The promise
//! checked: every mistake is found, at the exact place, in one run, and nothing else is reported.

use std::path::{Path, PathBuf};

use boardpack::diagnostics::{Diagnostic, render_human};

fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/broken exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

fn check(case: &Path) -> Vec<Diagnostic> {
    let mut options = boardpack::Options::new(case);
    options.as_of = Some("2026-03-01".parse().expect("valid date"));
    boardpack::check(&options).diagnostics.into_sorted()
}

fn line(d: &Diagnostic) -> String {
    let (l, c) = d.start.map_or((0, 0), |p| (p.line, p.column));
    format!("{} {} {}:{}:{}", d.code, d.severity, d.file.display(), l, c)
}

// Every broken site reports exactly its expected diagnostics, at the expected places.
#[test]
fn every_broken_site_reports_exactly_its_expected_diagnostics() {
    let cases = corpus();
    assert!(
        cases.len() >= 25,
        "the corpus should cover every class of mistake, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let expected: Vec<String> = std::fs::read_to_string(case.join("expected"))
            .unwrap_or_else(|_| panic!("{} has no `expected` file", case.display()))
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect();
        let actual: Vec<String> = check(case).iter().map(line).collect();
        if expected.is_empty() {
            failures.push(format!(
                "{}: `expected` lists no diagnostic",
                case.display()
            ));
        }
        if actual != expected {
            failures.push(format!(
                "{}:\n  expected {expected:#?}\n  actual   {actual:#?}",
                case.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// Every diagnostic says how to fix the problem.
#[test]
fn every_diagnostic_has_help() {
    for case in corpus() {
        for d in check(&case) {
            assert!(
                d.help.as_deref().is_some_and(|h| h.len() > 10),
                "{}: {} has no help",
                case.display(),
                line(&d)
            );
        }
    }
}

// The README documents every code the corpus produces.
#[test]
fn readme_documents_every_code() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    for case in corpus() {
        for d in check(&case) {
            assert!(
                readme.contains(&format!("| {} |", d.code)),
                "README has no row for {}",
                d.code
            );
        }
    }
}

fn human(case: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/broken")
        .join(case);
    render_human(&check(&root), false)
}

// The rustc-style output people read: source line, caret under the span, help.
#[test]
fn human_output_snapshots() {
    insta::assert_snapshot!("british_date", human("british-date"));
    insta::assert_snapshot!("unknown_key", human("unknown-key"));
    insta::assert_snapshot!("broken_anchor", human("broken-anchor"));
    insta::assert_snapshot!(
        "template_unknown_variable",
        human("template-unknown-variable")
    );
}

// CI annotations: one workflow command per problem, with file, line and column.
#[test]
fn github_annotations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken/british-date");
    let lines: Vec<String> = check(&root)
        .iter()
        .map(boardpack::diagnostics::render_github)
        .collect();
    assert_eq!(lines.len(), 1);
    assert!(
        lines[0].starts_with("::error file=content/test-board/2026-03-10/01-a.md,line=4,col=7,endLine=4,endColumn=17,title=BP005::"),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("%0Ahelp: "),
        "help on a second line: {}",
        lines[0]
    );
}

// `--deny-warnings` turns a warning-only site into a failure, for CI; without it the build succeeds.
#[test]
fn deny_warnings_blocks_a_build_with_warnings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken/contact-empty");
    let out = tempfile::tempdir().unwrap();
    let mut options = boardpack::Options::new(&root);
    options.as_of = Some("2026-03-01".parse().unwrap());
    let (_, denied) = boardpack::build(&options, &out.path().join("a"), false, true);
    assert!(denied.is_err());
    assert!(
        !out.path().join("a").exists(),
        "nothing written when warnings are denied"
    );
    let (_, allowed) = boardpack::build(&options, &out.path().join("b"), false, false);
    assert!(allowed.is_ok());
    assert!(out.path().join("b/index.html").exists());
}
