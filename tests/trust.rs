//! Trust (issue 26): no mistake and no hostile input deletes a clerk's work, publishes what the cache
//! keeps, leaves the output half-swapped, or takes the machine.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// Runs `boardpack build` with `args` (no `--root` or `--output` added) and the fixed date.
fn build_args(args: &[&std::ffi::OsStr]) -> std::process::Output {
    boardpack()
        .arg("build")
        .args(["--as-of", AS_OF])
        .args(args)
        .output()
        .expect("run boardpack build")
}

/// The one error of a refused build, as (code, message).
fn refused(output: &std::process::Output) -> String {
    assert_no_panic(output);
    assert!(!output.status.success(), "the build was refused");
    stderr(output)
}

// ------------------------------------------------------------------------------------------------
// 1. `--force` never replaces, holds or writes into the site's own sources.

#[test]
fn force_never_deletes_the_sites_sources() {
    let site = TestSite::minimal();
    site.write("static/logo.svg", "<svg/>");
    let before = snapshot(site.root());
    let root = site.root().to_path_buf();
    let cases: Vec<(PathBuf, &str)> = vec![
        (root.clone(), "is the site folder"),
        (root.join("content"), "the content folder"),
        (root.join("content/audit-board"), "inside content"),
        (root.join("static"), "the static folder"),
        (root.join("site.yaml"), "site.yaml itself"),
        (root.parent().unwrap().to_path_buf(), "the folder above"),
        (
            root.join("content/../content/x"),
            "inside content, through ..",
        ),
    ];
    for (output, what) in &cases {
        for force in [true, false] {
            let mut args: Vec<&std::ffi::OsStr> = vec![
                "--root".as_ref(),
                root.as_os_str(),
                "--output".as_ref(),
                output.as_os_str(),
            ];
            if force {
                args.push("--force".as_ref());
            }
            let text = refused(&build_args(&args));
            assert!(
                text.contains("BP054"),
                "{what} (force {force}): not BP054:\n{text}"
            );
            assert!(
                text.contains(&root.display().to_string()),
                "{what}: the message names the site's path:\n{text}"
            );
            assert_eq!(
                snapshot(site.root()),
                before,
                "{what} (force {force}): the site's files changed"
            );
        }
    }
    // A folder inside the site but outside its sources is fine.
    let output = root.join("public");
    assert_success(
        &build_args(&[
            "--root".as_ref(),
            root.as_os_str(),
            "--output".as_ref(),
            output.as_os_str(),
        ]),
        "build into the site's own public/",
    );
}

#[cfg(unix)]
#[test]
fn output_through_a_link_into_the_sources_is_refused() {
    let site = TestSite::minimal();
    let link = site.scratch().join("link");
    std::os::unix::fs::symlink(site.path("content"), &link).unwrap();
    let before = snapshot(site.root());
    let text = refused(&site.build_into(&link, &["--force"]));
    assert!(text.contains("BP054"), "{text}");
    assert_eq!(snapshot(site.root()), before);
}

// ------------------------------------------------------------------------------------------------
// 2. The cache is never published: not inside the output, nor the output inside it, nor the cache
//    inside a source whose files are copied into the site.

#[test]
fn a_cache_inside_the_output_is_refused() {
    let site = TestSite::minimal().file(
        "content/audit-board/2026-12-01/05-secret.md",
        "---\ntitle: Secret\nmeeting: audit-board\ndate: 2026-12-01\nitem: 5\nsummary: CANARY-EXEMPT-SUMMARY.\nexempt:\n  category: 3\n  reason: Commercial.\n---\n\n1. CANARY-EXEMPT-BODY.\n",
    );
    let out = site.out();
    for (cache, what) in [
        (out.join(".cache"), "inside the output"),
        (out.clone(), "the output itself"),
        (out.parent().unwrap().to_path_buf(), "holding the output"),
        (site.path("static/cache"), "inside static/"),
        (site.path("content/cache"), "inside content/"),
    ] {
        let text = refused(&site.build_with(&["--cache", cache.to_str().unwrap()]));
        assert!(text.contains("BP054"), "cache {what}: {text}");
        assert!(!out.exists(), "cache {what}: nothing was written");
    }
    // And with a cache outside, nothing the cache keeps is in the output.
    let cache = site.scratch().join("cache");
    site.build_ok(&["--cache", cache.to_str().unwrap(), "--no-pdf"]);
    for (path, bytes) in snapshot(&out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("CANARY-EXEMPT"),
            "{} holds exempt text",
            path.display()
        );
    }
}

// ------------------------------------------------------------------------------------------------
// 4. The output swap: a killed build leaves the previous site or the new one, byte for byte, and the
//    next build leaves no stray folders.

/// A site big enough that a debug build takes a while, with `papers` papers.
fn site_with_papers(papers: usize) -> TestSite {
    let site = TestSite::minimal();
    for i in 10..10 + papers {
        site.write(
            &format!("content/audit-board/2026-12-01/{i:04}-p.md"),
            format!(
                "---\ntitle: Paper {i}\nmeeting: audit-board\ndate: 2026-12-01\nitem: {i}\npurpose: For information\nsummary: S.\n---\n\n1. {}\n",
                "Text of the paper. ".repeat(100)
            ),
        );
    }
    site
}

/// The paper's text in version `v` of the site.
fn set_version(site: &TestSite, v: usize) {
    site.write(
        "content/audit-board/2026-12-01/0010-p.md",
        format!("---\ntitle: Version {v}\nmeeting: audit-board\ndate: 2026-12-01\nitem: 10\npurpose: For information\nsummary: S.\n---\n\n1. Version {v}.\n"),
    );
}

/// What each version of the site builds to (into a folder of its own).
fn reference(site: &TestSite, v: usize, extra: &[&str]) -> BTreeMap<PathBuf, Vec<u8>> {
    set_version(site, v);
    let out = site.scratch().join(format!("reference-{v}"));
    assert_success(&site.build_into(&out, extra), "reference build");
    let snap = snapshot(&out);
    std::fs::remove_dir_all(&out).unwrap();
    snap
}

/// A fixed sequence of delays in `0..limit`, the same on every run.
fn delays(count: usize, limit: Duration, seed: u64) -> Vec<Duration> {
    let mut x = seed;
    (0..count)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            limit.mul_f64((x >> 11) as f64 / (1u64 << 53) as f64)
        })
        .collect()
}

/// The names of what lies beside the output (in the site's scratch folder), sorted.
fn beside_output(site: &TestSite) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.scratch())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn kill_builds(site: &TestSite, kills: usize, extra: &[&str], seed: u64) {
    let binary = assert_cmd::cargo::cargo_bin("boardpack");
    let started = Instant::now();
    let versions = [reference(site, 0, extra), reference(site, 1, extra)];
    // The two reference builds give the time a build takes here.
    let took = started.elapsed() / 2;
    set_version(site, 0);
    assert_success(&site.build_with(extra), "first build");
    let mut current = 0;
    let mut swapped = 0;
    for (n, delay) in delays(kills, took.mul_f64(1.2), seed)
        .into_iter()
        .enumerate()
    {
        let target = 1 - current;
        set_version(site, target);
        let mut child = Command::new(&binary)
            .args(["build", "--quiet", "--as-of", AS_OF, "--root"])
            .arg(site.root())
            .arg("--output")
            .arg(site.out())
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start boardpack");
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(&site.out());
        if now == versions[target] {
            current = target;
            swapped += 1;
        } else {
            assert!(
                now == versions[current],
                "kill {n} at {delay:?} ({extra:?}): the output is neither the previous site nor the new one ({} files against {} and {})",
                now.len(),
                versions[current].len(),
                versions[target].len()
            );
        }
    }
    // The next build succeeds and leaves nothing beside the output.
    let last = 1 - current;
    set_version(site, last);
    assert_success(&site.build_with(extra), "a build after the kills");
    assert!(snapshot(&site.out()) == versions[last]);
    assert_eq!(
        beside_output(site),
        ["public"],
        "stray folders after {kills} kills ({swapped} of them after the swap)"
    );
}

#[test]
fn killed_builds_leave_the_previous_site_or_the_new_one() {
    kill_builds(&site_with_papers(400), 20, &["--no-pdf"], 26);
}

#[test]
fn killed_builds_with_pdf_packs_leave_the_previous_site_or_the_new_one() {
    kill_builds(&site_with_papers(6), 10, &["--no-cache"], 2026);
}

/// On a system without an atomic exchange, a build killed between its two renames left the previous
/// site only in a hidden folder: the next build puts it back before anything else.
#[test]
fn a_site_left_between_the_two_renames_is_restored() {
    let site = TestSite::minimal();
    site.build_ok(&["--no-pdf"]);
    let before = snapshot(&site.out());
    // What a build killed between `rename(out, old)` and `rename(new, out)` leaves: a process
    // number that is surely not running.
    let old = site.scratch().join(".public.boardpack-old-4294967290");
    let new = site.scratch().join(".public.boardpack-new-4294967290");
    std::fs::rename(site.out(), &old).unwrap();
    std::fs::create_dir(&new).unwrap();
    std::fs::write(new.join("half.html"), "half").unwrap();
    // A build that fails (an error in the site) still puts the previous site back.
    site.write(
        "content/audit-board/2026-12-01/meeting.md",
        "---\nmeeting: audit-board\n",
    );
    let output = site.build_with(&["--no-pdf"]);
    assert!(!output.status.success());
    assert_eq!(snapshot(&site.out()), before, "the previous site is back");
    site.write("content/audit-board/2026-12-01/meeting.md", MEETING_MD);
    site.build_ok(&["--no-pdf"]);
    assert_eq!(beside_output(&site), ["public"]);
}

/// Two builds into one output at once (two CI jobs, say, of two versions of the site) leave one
/// complete site: one of the two, whole.
#[test]
fn two_builds_at_once_leave_one_complete_site() {
    let site = site_with_papers(200);
    let one = reference(&site, 0, &["--no-pdf", "--no-cache"]);
    let two = reference(&site, 1, &["--no-pdf", "--no-cache"]);
    // A second copy of the site, at version 1; the first stays at version 0.
    let other = site.scratch().join("other-site");
    copy_dir(site.root(), &other);
    set_version(&site, 0);
    let binary = assert_cmd::cargo::cargo_bin("boardpack");
    let start = |root: &std::path::Path| {
        Command::new(&binary)
            .args([
                "build",
                "--quiet",
                "--no-pdf",
                "--no-cache",
                "--as-of",
                AS_OF,
                "--root",
            ])
            .arg(root)
            .arg("--output")
            .arg(site.out())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    for round in 0..4u64 {
        let first = start(site.root());
        std::thread::sleep(Duration::from_millis(40 * round));
        let second = start(&other);
        let a = first.wait_with_output().unwrap();
        let b = second.wait_with_output().unwrap();
        assert_no_panic(&a);
        assert_no_panic(&b);
        assert!(
            a.status.success() && b.status.success(),
            "{}{}",
            stderr(&a),
            stderr(&b)
        );
        let now = snapshot(&site.out());
        assert!(now == one || now == two, "round {round}: a mixed site");
        assert_eq!(beside_output(&site), ["other-site", "public"]);
    }
}

// ------------------------------------------------------------------------------------------------
// 5. A YAML alias bomb is refused at its line before anything is expanded.

/// Nine levels of nine aliases, padded with a long list (serde_yaml's own bound grows with the
/// document: this took 5.7 GB and 16 s).
fn alias_bomb() -> String {
    let mut yaml = String::from(
        "---\ntitle: Bomb\nmeeting: audit-board\ndate: 2026-12-01\nitem: 5\nsummary: S.\nextra:\n  a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n",
    );
    for level in 1..9 {
        let prev = format!("*a{}", level - 1);
        yaml.push_str(&format!(
            "  a{level}: &a{level} [{}]\n",
            [prev.as_str(); 9].join(", ")
        ));
    }
    yaml.push_str("  pad:\n");
    for i in 0..20_000 {
        yaml.push_str(&format!("    - {i}\n"));
    }
    yaml.push_str("---\n\n1. Body.\n");
    yaml
}

/// Runs `command` and gives its output with its peak memory (resident set) in bytes.
// The child is waited for by `wait4`, which clippy does not see.
#[allow(clippy::zombie_processes)]
fn run_measured(command: &mut Command) -> (std::process::ExitStatus, String, u64) {
    let child = command
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start");
    let pid = child.id() as libc::pid_t;
    let mut stderr_pipe = child.stderr.expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr_pipe, &mut text);
        text
    });
    let mut status = 0;
    // SAFETY: `rusage` is plain data that wait4 fills; the child is ours and waited for once.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4");
    let text = reader.join().unwrap();
    let status = std::os::unix::process::ExitStatusExt::from_raw(status);
    (status, text, usage.ru_maxrss as u64 * 1024)
}

#[test]
fn an_alias_bomb_is_refused_at_its_line_in_bounded_memory() {
    let site = TestSite::minimal().file("content/audit-board/2026-12-01/05-bomb.md", &alias_bomb());
    let binary = assert_cmd::cargo::cargo_bin("boardpack");
    let (status, text, peak) = run_measured(
        Command::new(binary)
            .args([
                "check",
                "--no-pdf",
                "--no-cache",
                "--as-of",
                AS_OF,
                "--root",
            ])
            .arg(site.root()),
    );
    assert!(!status.success());
    assert!(!text.contains("panicked"), "{text}");
    assert!(text.contains("BP004"), "{text}");
    assert!(
        text.contains("`&a0` is a YAML anchor") && text.contains("05-bomb.md:8:7"),
        "the anchor named at its line and column:\n{text}"
    );
    // A bound on memory, not on time: far below what expanding it took (5.7 GB).
    assert!(peak < 200 << 20, "peak memory {} MB", peak >> 20);
}

#[test]
fn an_alias_in_site_yaml_and_a_star_value_are_named() {
    let site = TestSite::minimal()
        .file(
            "site.yaml",
            &format!("{SITE_YAML}defaults: &d\n  x: 1\nmore: *d\n"),
        )
        .file(
            "content/audit-board/2026-12-01/04-internal-audit-progress.md",
            &PAPER_MD.replace(
                "summary: Progress against the internal audit plan.",
                "summary: *Urgent* progress",
            ),
        );
    let diags = site.check_json();
    let find = |file: &str| -> serde_json::Value {
        diags
            .iter()
            .find(|d| d["file"].as_str().is_some_and(|f| f.ends_with(file)))
            .unwrap_or_else(|| panic!("no diagnostic for {file}: {diags:?}"))
            .clone()
    };
    let config = find("site.yaml");
    assert_eq!(config["code"], "BP004");
    assert!(
        config["message"]
            .as_str()
            .unwrap()
            .contains("`&d` is a YAML anchor")
    );
    let paper = find("04-internal-audit-progress.md");
    assert_eq!(paper["code"], "BP004");
    assert_eq!(paper["line"], 7);
    assert_eq!(paper["column"], 10);
    assert!(
        paper["help"]
            .as_str()
            .unwrap()
            .contains("put the value in quotes"),
        "{paper}"
    );
    // Quoted, the same text is a summary like any other; `&` and `*` inside text are nothing.
    let site = TestSite::minimal().file(
        "content/audit-board/2026-12-01/04-internal-audit-progress.md",
        &PAPER_MD
            .replace(
                "summary: Progress against the internal audit plan.",
                "summary: \"*Urgent* progress\"\npurpose2: x",
            )
            .replace(
                "purpose2: x",
                "recommendations:\n  - Note the Roads & Transport *plan* & more",
            ),
    );
    let output = site.check(&["--no-pdf"]);
    assert!(!stderr(&output).contains("BP004"), "{}", stderr(&output));
}

// ------------------------------------------------------------------------------------------------
// 6. A table too large to typeset is linked in the PDFs, with a warning at its line.

fn table(rows: usize, columns: usize) -> String {
    let mut t = String::new();
    t.push('|');
    for c in 0..columns {
        t.push_str(&format!(" H{c} |"));
    }
    t.push_str("\n|");
    t.push_str(&"---|".repeat(columns));
    t.push('\n');
    for r in 0..rows {
        t.push('|');
        for c in 0..columns {
            t.push_str(&format!(" r{r}c{c} |"));
        }
        t.push('\n');
    }
    t
}

#[test]
fn an_oversized_table_is_linked_with_a_warning_at_its_line() {
    // 2,000 rows of 10 columns (20,000 cells): linked. A small table after it is still typeset.
    let body = format!(
        "1. Before the table.\n\nTable: Every bus stop\n\n{}\n2. Between.\n\nTable: Small\n\n{}\n3. After.\n",
        table(2_000, 10),
        table(3, 3)
    );
    let site = TestSite::minimal().file(
        "content/audit-board/2026-12-01/04-internal-audit-progress.md",
        &format!("{}{body}", PAPER_MD.split("## Background").next().unwrap()),
    );
    let output = site.build_with(&["--no-cache"]);
    assert_success(&output, "build with an oversized table");
    let text = stderr(&output);
    assert!(text.contains("BP104"), "{text}");
    // Line 14: the table's first row (after 8 lines of front matter, a blank, paragraph 1, a blank,
    // the caption and a blank).
    assert!(
        text.contains("04-internal-audit-progress.md:14:1"),
        "the warning at the table's line:\n{text}"
    );
    let pdf = site.out().join("audit-board/2026-12-01/agenda-pack.pdf");
    let out = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/test");
    let words = String::from_utf8_lossy(&out.stdout);
    assert!(words.contains("too large to print"), "{words}");
    assert!(
        !words.contains("r1999c9"),
        "the oversized table is not typeset"
    );
    assert!(words.contains("r2c2"), "the small table is typeset");
    assert!(words.contains("After."));
}

#[test]
fn tables_past_the_documents_budget_are_linked() {
    // Five tables of 4,500 cells: each under the table limit, together past the document's.
    let tables: Vec<String> = (0..5)
        .map(|i| format!("Table: Part {i}\n\n{}", table(449, 10)))
        .collect();
    let site = TestSite::minimal().file(
        "content/audit-board/2026-12-01/04-internal-audit-progress.md",
        &format!(
            "{}1. Tables.\n\n{}\n",
            PAPER_MD.split("## Background").next().unwrap(),
            tables.join("\n")
        ),
    );
    let diags = site.check_json();
    let linked: Vec<_> = diags.iter().filter(|d| d["code"] == "BP104").collect();
    assert_eq!(linked.len(), 1, "{diags:?}");
    assert!(
        linked[0]["message"]
            .as_str()
            .unwrap()
            .contains("with the tables before it")
    );
}

/// A table too large to typeset in a front matter value (the summary, set in the paper's cover
/// block): the warning is placed at the summary, never by slicing the file at a place that is not
/// a character (the value's Markdown is the parsed value, not the file's bytes).
#[test]
fn an_oversized_table_in_the_summary_is_linked_without_a_panic() {
    let rows: String = table(600, 10).lines().map(|l| format!("  {l}\n")).collect();
    let summary = format!("summary: |\n  Résumé: ééééé ééééé ééééé.\n\n{rows}");
    let site = TestSite::minimal().file(
        "content/audit-board/2026-12-01/04-internal-audit-progress.md",
        &PAPER_MD.replace(
            "summary: Progress against the internal audit plan.\n",
            &summary,
        ),
    );
    let output = site.check(&["--no-cache"]);
    assert_no_panic(&output);
    let text = stderr(&output);
    assert!(text.contains("BP104"), "{text}");
}
