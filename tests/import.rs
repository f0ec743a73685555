//! `boardpack import`: every Word fixture (tests/import/*.docx, made by tests/import/generator) and the
//! text exports (tests/import/text/) become papers that keep every sentence and paragraph number, put
//! the cover block into front matter, and check clean; bad input is refused with a clear error and
//! nothing written.
//!
//! Each test imports into a copy of the bundled example site with the real binary, then reads what it
//! wrote: the front matter parsed as YAML, and the paper page of a `--drafts` build parsed as HTML.

mod common;
#[path = "import/generator/mod.rs"]
mod generator;

use std::path::{Path, PathBuf};

use boardpack::import::fidelity;
use common::{TestSite, boardpack, select, select_in, text, texts};
use generator::{Expected, fixtures};

/// Runs `boardpack import` on `files` with `args`; returns (success, stdout, stderr).
fn import(site: &TestSite, files: &[&Path], args: &[&str]) -> (bool, String, String) {
    let output = boardpack()
        .arg("import")
        .args(files)
        .arg("--root")
        .arg(site.root())
        .args(args)
        .output()
        .expect("run boardpack import");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        !stderr.contains("panicked"),
        "boardpack panicked:\n{stderr}"
    );
    (output.status.success(), stdout, stderr)
}

/// The papers the report says it wrote (`source → content/…`), relative to the site root.
fn written_papers(stdout: &str) -> Vec<PathBuf> {
    stdout
        .lines()
        .filter_map(|l| l.split_once(" → "))
        .map(|(_, to)| PathBuf::from(to.trim()))
        .collect()
}

/// The front matter and body of a paper file.
fn read_paper(site: &TestSite, rel: &Path) -> (serde_yaml::Value, String) {
    let text = std::fs::read_to_string(site.path(&rel.to_string_lossy()))
        .unwrap_or_else(|e| panic!("{}: {e}", rel.display()));
    let rest = text.strip_prefix("---\n").expect("front matter");
    let (yaml, body) = rest.split_once("\n---\n").expect("front matter closes");
    (
        serde_yaml::from_str(yaml).expect("front matter is YAML"),
        body.to_string(),
    )
}

fn field<'a>(matter: &'a serde_yaml::Value, key: &str) -> &'a str {
    matter
        .get(key)
        .and_then(serde_yaml::Value::as_str)
        .unwrap_or("")
}

fn list(matter: &serde_yaml::Value, key: &str) -> Vec<String> {
    matter
        .get(key)
        .and_then(serde_yaml::Value::as_sequence)
        .map(|s| {
            s.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Plain words of Markdown text, for comparing with the generator's sentences.
fn words(s: &str) -> String {
    fidelity::normalise(s)
}

/// The board slug and meeting URL path of a fixture's meeting.
fn board_slug(expected: &Expected) -> &'static str {
    if expected.meeting.contains("Transport") {
        "transport-board"
    } else {
        "children-board"
    }
}

/// The paper page's URL: `/<board>/<date>/<item>-<slug>/`, found from the built meeting folder.
fn paper_page(out: &Path, board: &str, date: &str, item: u32) -> PathBuf {
    let meeting = out.join(board).join(date);
    let prefix = format!("{item}-");
    let entry = std::fs::read_dir(&meeting)
        .unwrap_or_else(|e| panic!("{}: {e}", meeting.display()))
        .filter_map(Result::ok)
        .find(|e| {
            e.file_name().to_string_lossy().starts_with(&prefix)
                && e.path().join("index.html").is_file()
        })
        .unwrap_or_else(|| panic!("no page for item {item} in {}", meeting.display()));
    entry.path().join("index.html")
}

#[test]
fn every_word_fixture_imports_faithfully_and_checks_clean() {
    for fixture in fixtures() {
        let e = &fixture.expected;
        let site = TestSite::example();
        let source = site.scratch().join(format!("{}.docx", fixture.name));
        std::fs::write(&source, &fixture.docx).expect("write fixture");
        let (ok, stdout, stderr) = import(
            &site,
            &[&source],
            &["--board", &e.meeting, "--date", &e.date],
        );
        let name = fixture.name;
        assert!(ok, "{name}: import failed\n{stdout}\n{stderr}");
        assert!(
            stdout.contains("every sentence of the source is in the paper"),
            "{name}: fidelity\n{stdout}"
        );
        assert!(
            stdout.contains("; check: 0 errors"),
            "{name}: the paper checks without errors\n{stdout}\n{stderr}"
        );
        let papers = written_papers(&stdout);
        assert_eq!(papers.len(), 1, "{name}: {stdout}");
        let rel = &papers[0];
        let board = board_slug(e);
        assert!(
            rel.starts_with(format!("content/{board}/{}", e.date)),
            "{name}: placed at {}",
            rel.display()
        );
        assert!(
            rel.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&format!("{:02}-", e.item)),
            "{name}: {}",
            rel.display()
        );

        // The cover block is front matter.
        let (matter, body) = read_paper(&site, rel);
        assert_eq!(field(&matter, "title"), e.title, "{name}: title");
        assert_eq!(field(&matter, "item"), e.item.to_string(), "{name}: item");
        assert_eq!(field(&matter, "meeting"), board, "{name}: meeting");
        assert_eq!(
            words(field(&matter, "purpose")),
            words(&e.purpose),
            "{name}: purpose"
        );
        assert_eq!(
            words(field(&matter, "summary")),
            words(&e.summary),
            "{name}: summary"
        );
        assert_eq!(
            words(field(&matter, "action")),
            words(&e.action),
            "{name}: action"
        );
        let lead = e.recommendations_lead.trim_end_matches(':');
        let want: Vec<String> = e
            .recommendations
            .iter()
            .map(|r| {
                words(&if lead.is_empty() {
                    r.clone()
                } else {
                    format!("{lead} {r}")
                })
            })
            .collect();
        let got: Vec<String> = list(&matter, "recommendations")
            .iter()
            .map(|r| words(r))
            .collect();
        assert_eq!(got, want, "{name}: recommendations");
        let contact = matter.get("contact").expect("contact");
        for (key, want) in [
            ("name", &e.contact.name),
            ("position", &e.contact.position),
            ("phone", &e.contact.phone),
            ("email", &e.contact.email),
        ] {
            assert_eq!(field(contact, key), want.as_str(), "{name}: contact {key}");
        }
        assert_eq!(
            field(&matter, "status"),
            "draft",
            "{name}: an imported paper waits for a person's check"
        );
        if !e.report_of.is_empty() {
            let extra = matter.get("extra").expect("extra");
            assert_eq!(
                words(field(extra, "report_of")),
                words(e.report_of.trim_start_matches("Report of ")),
                "{name}: report of"
            );
        }

        // Every sentence, in order of words; nothing that must not be there.
        let paper_text = fidelity::paper_text(
            &std::fs::read_to_string(site.path(&rel.to_string_lossy())).unwrap(),
        );
        for sentence in e
            .sentences
            .iter()
            .chain(&e.footnotes)
            .chain(&e.headings)
            .chain(&e.table_captions)
        {
            assert!(
                fidelity::contains_words(&paper_text, sentence),
                "{name}: lost {sentence:?}\n{body}"
            );
        }
        for absent in &e.absent {
            assert!(
                !fidelity::contains_words(
                    &fidelity::paper_text(&format!("---\n---\n{body}")),
                    absent
                ),
                "{name}: {absent:?} must not be in the body\n{body}"
            );
        }
        for once in &e.once {
            assert_eq!(
                body.matches(once.as_str()).count(),
                1,
                "{name}: {once:?} once\n{body}"
            );
        }

        // The built page: paragraph numbers as the author had them, headings, captions, images, links.
        let built = site.build_ok(&["--drafts"]);
        let page = scraper::Html::parse_document(
            &std::fs::read_to_string(paper_page(&built.out, board, &e.date, e.item)).unwrap(),
        );
        let ids: Vec<String> = select(&page, "main .para[id]")
            .iter()
            .map(|p| {
                p.value()
                    .attr("id")
                    .unwrap()
                    .trim_start_matches('p')
                    .to_string()
            })
            .collect();
        let decimal: Vec<String> = e
            .paragraph_numbers
            .iter()
            .filter(|n| {
                n.split('.').count() <= 2
                    && n.split('.')
                        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            })
            .cloned()
            .collect();
        assert_eq!(ids, decimal, "{name}: numbered paragraphs\n{body}");
        let mut rest = body.as_str();
        for n in e.paragraph_numbers.iter().filter(|n| !decimal.contains(n)) {
            let at = rest
                .find(n.as_str())
                .unwrap_or_else(|| panic!("{name}: number {n} kept as text, in order\n{body}"));
            rest = &rest[at + n.len()..];
        }
        let headings: Vec<String> = texts(
            &page,
            "main .paper-body h2, main .paper-body h3, main .paper-body h4",
        );
        let headings = if headings.is_empty() {
            texts(&page, "main h2, main h3, main h4")
        } else {
            headings
        };
        for h in &e.headings {
            assert!(
                headings.iter().any(|got| words(got) == words(h)),
                "{name}: heading {h:?} in {headings:?}"
            );
        }
        let captions = texts(&page, "main table caption");
        for c in &e.table_captions {
            assert!(
                captions
                    .iter()
                    .any(|got| words(got).contains(&words(c.trim_start_matches("Table: ")))),
                "{name}: caption {c:?} in {captions:?}"
            );
        }
        let alts: Vec<String> = select(&page, "main img")
            .iter()
            .map(|i| i.value().attr("alt").unwrap_or("").to_string())
            .collect();
        assert_eq!(
            alts,
            e.images.iter().map(|i| i.alt.clone()).collect::<Vec<_>>(),
            "{name}: images"
        );
        for (i, _) in e.images.iter().enumerate() {
            let src = select(&page, "main img")[i]
                .value()
                .attr("src")
                .unwrap()
                .to_string();
            assert!(src.ends_with(".png"), "{name}: {src}");
        }
        for link in &e.links {
            let found = select(&page, "main a").iter().any(|a| {
                a.value().attr("href") == Some(link.url.as_str())
                    && words(&text(*a)) == words(&link.text)
            });
            assert!(found, "{name}: link {link:?}");
        }
        // The meeting page lists the draft (built with --drafts) as the item it is.
        let meeting = scraper::Html::parse_document(
            &std::fs::read_to_string(built.out.join(board).join(&e.date).join("index.html"))
                .unwrap(),
        );
        let linked = select(&meeting, "main a")
            .iter()
            .any(|a| words(&text(*a)).contains(&words(&e.title)));
        assert!(
            linked || stdout.contains("the agenda in content/"),
            "{name}: the meeting page links the paper, or the report says why not\n{stdout}"
        );
        let _ = select_in;
    }
}

#[test]
fn tracked_changes_are_accepted_and_reported() {
    let fixture = fixtures()
        .into_iter()
        .find(|f| f.name == "tracked-changes")
        .expect("fixture");
    let site = TestSite::example();
    let source = site.scratch().join("tracked.docx");
    std::fs::write(&source, &fixture.docx).unwrap();
    let (ok, stdout, stderr) = import(
        &site,
        &[&source],
        &[
            "--board",
            &fixture.expected.meeting,
            "--date",
            &fixture.expected.date,
        ],
    );
    assert!(ok, "{stdout}{stderr}");
    assert!(
        stdout.contains("tracked insertions were accepted")
            && stdout.contains("deletions were dropped"),
        "{stdout}"
    );
    assert!(
        stdout.contains("comment"),
        "the dropped comment is reported: {stdout}"
    );
}

#[test]
fn an_image_without_alt_text_is_flagged_and_written_beside_the_paper() {
    let fixture = fixtures()
        .into_iter()
        .find(|f| f.name == "images")
        .expect("fixture");
    let site = TestSite::example();
    let source = site.scratch().join("images.docx");
    std::fs::write(&source, &fixture.docx).unwrap();
    let (ok, stdout, stderr) = import(
        &site,
        &[&source],
        &[
            "--board",
            &fixture.expected.meeting,
            "--date",
            &fixture.expected.date,
        ],
    );
    assert!(ok, "{stdout}{stderr}");
    let paper = &written_papers(&stdout)[0];
    let stem = paper.file_stem().unwrap().to_string_lossy().into_owned();
    let folder = site.path(
        &paper
            .parent()
            .unwrap()
            .join(format!("{stem}-images"))
            .to_string_lossy(),
    );
    let images: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .filter_map(Result::ok)
        .collect();
    assert_eq!(
        images.len(),
        fixture.expected.images.len(),
        "one file per image, the fallback not twice"
    );
    for image in images {
        assert!(
            std::fs::read(image.path())
                .unwrap()
                .starts_with(b"\x89PNG\r\n\x1a\n")
        );
    }
    let without_alt = fixture
        .expected
        .images
        .iter()
        .filter(|i| i.alt.is_empty())
        .count();
    assert_eq!(
        stdout.matches("has no text alternative").count(),
        without_alt,
        "{stdout}"
    );
}

#[test]
fn appendices_can_become_appendix_files() {
    let fixture = fixtures()
        .into_iter()
        .find(|f| f.name == "appendices")
        .expect("fixture");
    let site = TestSite::example();
    let source = site.scratch().join("appendices.docx");
    std::fs::write(&source, &fixture.docx).unwrap();
    let (ok, stdout, stderr) = import(
        &site,
        &[&source],
        &[
            "--board",
            &fixture.expected.meeting,
            "--date",
            &fixture.expected.date,
            "--split-appendices",
        ],
    );
    assert!(ok, "{stdout}{stderr}");
    assert!(
        stdout.contains("every sentence of the source is in the paper"),
        "{stdout}"
    );
    let paper = &written_papers(&stdout)[0];
    let (matter, body) = read_paper(&site, paper);
    let appendices = matter
        .get("appendices")
        .and_then(serde_yaml::Value::as_sequence)
        .expect("appendices listed");
    assert_eq!(appendices.len(), 2, "{matter:?}");
    assert!(
        !body.contains("Appendix A: Provider survey results\n"),
        "the appendix left the body:\n{body}"
    );
    for a in appendices {
        let file = paper
            .parent()
            .unwrap()
            .join(a.get("file").and_then(|f| f.as_str()).unwrap());
        assert!(
            site.path(&file.to_string_lossy()).is_file(),
            "{}",
            file.display()
        );
        assert!(field(a, "title").starts_with("Appendix "), "{a:?}");
    }
    let built = site.build_ok(&["--drafts"]);
    let board = board_slug(&fixture.expected);
    let page = paper_page(
        &built.out,
        board,
        &fixture.expected.date,
        fixture.expected.item,
    );
    let html = scraper::Html::parse_document(&std::fs::read_to_string(page).unwrap());
    assert!(
        select(&html, "main a")
            .iter()
            .filter(|a| text(**a).starts_with("Appendix "))
            .count()
            >= 2,
        "the paper page links both appendices"
    );
}

#[test]
fn a_plain_text_export_with_running_headers_and_an_empty_contact_block() {
    let site = TestSite::example();
    let source = common::repo_root().join("tests/import/text/report-plain.txt");
    let (ok, stdout, stderr) = import(
        &site,
        &[&source],
        &[
            "--board",
            "transport-board",
            "--date",
            "2027-03-10",
            "--item",
            "4",
        ],
    );
    assert!(ok, "{stdout}{stderr}");
    assert!(
        stdout.contains("every sentence of the source is in the paper"),
        "{stdout}"
    );
    assert!(
        stdout.contains("the contact officer block is empty"),
        "{stdout}"
    );
    let paper = &written_papers(&stdout)[0];
    let (matter, body) = read_paper(&site, paper);
    assert_eq!(field(&matter, "purpose"), "For decision.");
    assert_eq!(list(&matter, "recommendations").len(), 1);
    let contact = matter.get("contact").unwrap();
    assert_eq!(field(contact, "name"), "");
    // The running header (board, date, "Item 4" on every page of the export) is gone from the body.
    for header in [
        "Transport and Infrastructure Board",
        "10 March 2027",
        "Item 4",
    ] {
        assert!(
            !body.lines().any(|l| l.trim() == header),
            "{header:?} left in the body:\n{body}"
        );
    }
    assert!(!body.contains("_GoBack"), "{body}");
    let built = site.build_ok(&["--drafts"]);
    let page = scraper::Html::parse_document(
        &std::fs::read_to_string(paper_page(&built.out, "transport-board", "2027-03-10", 4))
            .unwrap(),
    );
    let ids: Vec<String> = select(&page, "main .para[id]")
        .iter()
        .map(|p| p.value().attr("id").unwrap().to_string())
        .collect();
    assert!(
        ids.starts_with(&[
            "p1".to_string(),
            "p2".into(),
            "p2.1".into(),
            "p2.2".into(),
            "p2.3".into(),
            "p3".into()
        ]),
        "{ids:?}"
    );
}

#[test]
fn a_markdown_export_with_labels_as_headings() {
    let site = TestSite::example();
    let source = common::repo_root().join("tests/import/text/report-export.md");
    let (ok, stdout, stderr) = import(
        &site,
        &[&source],
        &[
            "--board",
            "children-board",
            "--date",
            "2027-02-17",
            "--item",
            "5",
        ],
    );
    assert!(ok, "{stdout}{stderr}");
    assert!(
        stdout.contains("every sentence of the source is in the paper"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("is dated"),
        "the report's date agrees: {stdout}"
    );
    let paper = &written_papers(&stdout)[0];
    let (matter, body) = read_paper(&site, paper);
    let contact = matter.get("contact").unwrap();
    assert!(field(contact, "email").contains('@'), "{matter:?}");
    assert!(!field(contact, "email").contains("mailto"), "{matter:?}");
    assert!(!field(&matter, "purpose").is_empty());
    assert!(!body.contains("Purpose of report"), "{body}");
    let built = site.build_ok(&["--drafts"]);
    let page = scraper::Html::parse_document(
        &std::fs::read_to_string(paper_page(&built.out, "children-board", "2027-02-17", 5))
            .unwrap(),
    );
    let ids: Vec<String> = select(&page, "main .para[id]")
        .iter()
        .map(|p| p.value().attr("id").unwrap().to_string())
        .collect();
    assert!(
        ids.iter().any(|i| i.contains('.')),
        "sub-paragraphs ('- 9.1.' forms) are numbered: {ids:?}"
    );
}

#[test]
fn a_pack_of_several_reports_is_flagged() {
    let site = TestSite::example();
    let source = common::repo_root().join("tests/import/text/pack-two-reports.md");
    let (ok, stdout, stderr) = import(
        &site,
        &[&source],
        &[
            "--board",
            "transport-board",
            "--date",
            "2027-03-10",
            "--item",
            "8",
            "--dry-run",
        ],
    );
    assert!(ok, "{stdout}{stderr}");
    assert!(stdout.contains("more than one report"), "{stdout}");
    assert!(
        stdout.contains("every sentence of the source is in the paper"),
        "nothing is lost meanwhile: {stdout}"
    );
}

#[test]
fn dry_run_prints_the_paper_and_writes_nothing() {
    let site = TestSite::example();
    let before = common::snapshot(&site.path("content"));
    let source = common::repo_root().join("tests/import/text/report-plain.txt");
    let (ok, stdout, _) = import(
        &site,
        &[&source],
        &[
            "--board",
            "transport-board",
            "--date",
            "2027-03-10",
            "--item",
            "4",
            "--dry-run",
        ],
    );
    assert!(ok);
    assert!(stdout.contains("\ntitle: "), "{stdout}");
    assert!(stdout.contains("every sentence of the source"), "{stdout}");
    assert_eq!(common::snapshot(&site.path("content")), before);
}

#[test]
fn import_never_overwrites_and_a_second_run_changes_nothing() {
    let site = TestSite::example();
    let source = common::repo_root().join("tests/import/text/report-plain.txt");
    let args = [
        "--board",
        "transport-board",
        "--date",
        "2027-03-10",
        "--item",
        "4",
    ];
    let (ok, stdout, _) = import(&site, &[&source], &args);
    assert!(ok);
    let paper = site.path(&written_papers(&stdout)[0].to_string_lossy());
    std::fs::write(&paper, "---\ntitle: Edited by the clerk\n---\n").unwrap();
    let (ok, _, stderr) = import(&site, &[&source], &args);
    assert!(!ok);
    assert!(
        stderr.contains("error[BP051]") && stderr.contains("already exists"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&paper).unwrap(),
        "---\ntitle: Edited by the clerk\n---\n"
    );
}

/// A small zip with the given entries (stored), for making damaged Word files.
fn zip_of(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(
            *name,
            zip::write::SimpleFileOptions::default().compression_method(method),
        )
        .unwrap();
        std::io::Write::write_all(&mut zip, bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn bad_files_get_a_clear_error_naming_them_and_nothing_is_written() {
    let site = TestSite::example();
    let good = fixtures().into_iter().next().unwrap();
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let mut encrypted = ole.clone();
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let bomb = zip_of(
        &[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", &vec![b' '; 80_000_000]),
        ],
        zip::CompressionMethod::Deflated,
    );
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "random.docx",
            b"this is not a zip file at all".to_vec(),
            "not a Word document",
        ),
        (
            "truncated.docx",
            good.docx[..good.docx.len() / 2].to_vec(),
            "damaged",
        ),
        ("legacy.docx", ole, "old Word document"),
        ("locked.docx", encrypted, "password-protected"),
        (
            "empty-zip.docx",
            zip_of(&[("hello.txt", b"hi")], zip::CompressionMethod::Stored),
            "not a Word document",
        ),
        (
            "bad-xml.docx",
            zip_of(
                &[("word/document.xml", b"<w:document><w:body><w:p>")],
                zip::CompressionMethod::Stored,
            ),
            "damaged",
        ),
        ("bomb.docx", bomb, "larger than boardpack reads"),
        ("report.doc", b"whatever".to_vec(), "old Word documents"),
        ("report.pdf", b"%PDF-1.7".to_vec(), "cannot import PDF"),
    ];
    let before = common::snapshot(&site.path("content"));
    for (name, bytes, says) in &cases {
        let path = site.scratch().join(name);
        std::fs::write(&path, bytes).unwrap();
        let (ok, _, stderr) = import(
            &site,
            &[&path],
            &[
                "--board",
                "transport-board",
                "--date",
                "2027-03-10",
                "--item",
                "4",
            ],
        );
        assert!(!ok, "{name} was accepted");
        assert!(
            stderr.contains(name) && stderr.contains("error[BP09"),
            "{name}: the error names the file:\n{stderr}"
        );
        assert!(stderr.contains(says), "{name}: {says:?} in\n{stderr}");
        assert!(
            stderr.contains("help:"),
            "{name}: says how to fix it:\n{stderr}"
        );
    }
    // A 200 MB file is refused before it is read.
    let huge = site.scratch().join("huge.docx");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(200_000_000)
        .unwrap();
    let (ok, _, stderr) = import(
        &site,
        &[&huge],
        &[
            "--board",
            "transport-board",
            "--date",
            "2027-03-10",
            "--item",
            "4",
        ],
    );
    assert!(
        !ok && stderr.contains("huge.docx") && stderr.contains("200 MB"),
        "{stderr}"
    );
    // One bad file among good ones: nothing at all is written.
    let good_path = site.scratch().join("good.docx");
    std::fs::write(&good_path, &good.docx).unwrap();
    let bad_path = site.scratch().join("random.docx");
    let (ok, _, stderr) = import(
        &site,
        &[&good_path, &bad_path],
        &[
            "--board",
            &good.expected.meeting,
            "--date",
            &good.expected.date,
        ],
    );
    assert!(!ok, "{stderr}");
    assert!(stderr.contains("Nothing was imported"), "{stderr}");
    assert_eq!(
        common::snapshot(&site.path("content")),
        before,
        "nothing was written"
    );
}

#[test]
fn the_board_and_the_item_must_be_known() {
    let site = TestSite::example();
    let source = common::repo_root().join("tests/import/text/report-plain.txt");
    let (ok, _, stderr) = import(
        &site,
        &[&source],
        &[
            "--board",
            "transport-bord",
            "--date",
            "2027-03-10",
            "--item",
            "4",
        ],
    );
    assert!(
        !ok && stderr.contains("error[BP093]") && stderr.contains("transport-board"),
        "{stderr}"
    );
    let no_item = site.scratch().join("no-item.txt");
    std::fs::write(
        &no_item,
        "Cycle parking\n\nPurpose\n\nFor information.\n\nBackground\n\n1. The scheme is popular.\n",
    )
    .unwrap();
    let (ok, _, stderr) = import(
        &site,
        &[&no_item],
        &["--board", "transport-board", "--date", "2027-03-10"],
    );
    assert!(
        !ok && stderr.contains("error[BP092]") && stderr.contains("--item"),
        "{stderr}"
    );
}

#[test]
fn several_reports_in_one_run() {
    let site = TestSite::example();
    let all = fixtures();
    let chosen: Vec<_> = all
        .iter()
        .filter(|f| f.expected.meeting.contains("Children"))
        .take(2)
        .collect();
    let paths: Vec<PathBuf> = chosen
        .iter()
        .map(|f| {
            let p = site.scratch().join(format!("{}.docx", f.name));
            std::fs::write(&p, &f.docx).unwrap();
            p
        })
        .collect();
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let date = &chosen[0].expected.date;
    assert!(chosen.iter().all(|f| &f.expected.date == date
        && f.expected.item != chosen[0].expected.item
        || f.name == chosen[0].name));
    let (ok, stdout, stderr) = import(&site, &refs, &["--board", "children-board", "--date", date]);
    assert!(ok, "{stdout}{stderr}");
    assert_eq!(written_papers(&stdout).len(), 2, "{stdout}");
    assert!(stdout.contains("Imported 2 reports"), "{stdout}");
}

#[test]
fn a_council_cover_table_gives_wards_key_decision_and_keeps_unknown_rows() {
    use generator::{Doc, Table};
    let docx = Doc::new()
        .title("Harwick cycle hire scheme")
        .table(
            Table::new(&[3000, 6000])
                .row(&["Report to:", "Transport and Infrastructure Board"])
                .row(&["Date of meeting:", "10 March 2027"])
                .row(&["Portfolio:", "Sustainable transport"])
                .row(&["Wards affected:", "Harwick North; Harwick South"])
                .row(&["Key decision:", "Yes"])
                .row(&["Exempt:", "No"])
                .row(&["Decision maker:", "Transport and Infrastructure Board"])
                .row(&["Purpose of report:", "For decision"])
                .row(&[
                    "Summary:",
                    "The pilot scheme ends in June and the Board is asked whether to extend it.",
                ])
                .row(&[
                    "Recommendation:",
                    "That the Board extends the scheme for two years.",
                ])
                .row(&["Contact officer:", "Nadia Brennan"])
                .row(&["Email:", "nadia.brennan@kestrelvalley.example"]),
        )
        .body()
        .heading(2, "Background")
        .auto_numbered(
            0,
            "The pilot began in 2025 with 200 bicycles at twelve docking stations.",
        )
        .auto_numbered(0, "Use has grown every quarter since the scheme opened.")
        .finish();
    let site = TestSite::example();
    let source = site.scratch().join("cycle-hire.docx");
    std::fs::write(&source, docx).unwrap();
    let (ok, stdout, stderr) = import(
        &site,
        &[&source],
        &[
            "--board",
            "transport-board",
            "--date",
            "2027-03-10",
            "--item",
            "8",
        ],
    );
    assert!(ok, "{stdout}{stderr}");
    assert!(
        stdout.contains("every sentence of the source is in the paper"),
        "{stdout}"
    );
    assert!(stdout.contains("; check: 0 errors"), "{stdout}{stderr}");
    let (matter, body) = read_paper(&site, &written_papers(&stdout)[0]);
    assert_eq!(list(&matter, "wards"), ["Harwick North", "Harwick South"]);
    assert_eq!(
        matter
            .get("key_decision")
            .and_then(serde_yaml::Value::as_bool),
        Some(true)
    );
    assert_eq!(
        field(&matter, "decision_maker"),
        "Transport and Infrastructure Board"
    );
    assert_eq!(field(&matter, "purpose"), "For decision");
    assert_eq!(
        field(matter.get("contact").unwrap(), "name"),
        "Nadia Brennan"
    );
    assert!(
        body.contains("Portfolio: Sustainable transport"),
        "a row boardpack has no key for stays in the body:\n{body}"
    );
    assert!(!body.contains("Key decision"), "{body}");
    assert!(
        !stdout.contains("exempt:"),
        "an `Exempt: No` line is not a point: {stdout}"
    );
}

#[test]
fn a_report_marked_exempt_is_said_to_be_so() {
    let site = TestSite::example();
    let source = site.scratch().join("depot.txt");
    std::fs::write(&source, "Sale of the Eastmoor depot\nNOT FOR PUBLICATION\nPurpose\nFor decision.\nSummary\nThe depot is surplus to requirements.\nBackground\n1. The depot closed in 2026.\n").unwrap();
    let (ok, stdout, stderr) = import(
        &site,
        &[&source],
        &[
            "--board",
            "transport-board",
            "--date",
            "2027-03-10",
            "--item",
            "9",
        ],
    );
    assert!(ok, "{stdout}{stderr}");
    assert!(stdout.contains("add `exempt:`"), "{stdout}");
    let (matter, _) = read_paper(&site, &written_papers(&stdout)[0]);
    assert_eq!(
        field(&matter, "status"),
        "draft",
        "never published until a person has looked"
    );
}

#[test]
fn a_write_that_fails_half_way_takes_back_what_it_wrote() {
    let fixture = fixtures()
        .into_iter()
        .find(|f| f.name == "images")
        .expect("fixture");
    let site = TestSite::example();
    let source = site.scratch().join("images.docx");
    std::fs::write(&source, &fixture.docx).unwrap();
    let args = [
        "--board",
        "transport-board",
        "--date",
        "2027-04-21",
        "--item",
        "3",
    ];
    let (_, dry, _) = import(&site, &[&source], &[&args[..], &["--dry-run"]].concat());
    let paper = site.path(&written_papers(&dry)[0].to_string_lossy());
    let meeting = paper.parent().unwrap().to_path_buf();
    assert!(!meeting.exists(), "a new meeting folder");
    // The pictures' folder cannot be made: a file stands where it would go. Made only now, so the
    // paper itself is written first and must be taken back.
    let before = common::snapshot(&site.path("content"));
    std::fs::create_dir_all(&meeting).unwrap();
    let blocker = meeting.join(format!(
        "{}-images",
        paper.file_stem().unwrap().to_string_lossy()
    ));
    std::fs::write(&blocker, "in the way").unwrap();
    let (ok, _, stderr) = import(&site, &[&source], &args);
    assert!(!ok && stderr.contains("error[BP050]"), "{stderr}");
    assert!(
        !paper.exists(),
        "the paper written before the failure is taken back"
    );
    std::fs::remove_file(&blocker).unwrap();
    std::fs::remove_dir(&meeting).unwrap();
    assert_eq!(common::snapshot(&site.path("content")), before);
}

/// Arguments for importing into the minimal site's meeting (audit-board, 2026-12-01) as item `item`.
fn minimal_args(item: &str) -> [&str; 6] {
    [
        "--board",
        "audit-board",
        "--date",
        "2026-12-01",
        "--item",
        item,
    ]
}

/// Imports `files` into `site`'s minimal meeting and expects a BP090 refusal naming `name` that
/// says `says`, with nothing written.
fn refused(site: &TestSite, path: &Path, says: &str) {
    let before = common::snapshot(&site.path("content"));
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let (ok, stdout, stderr) = import(site, &[path], &minimal_args("7"));
    assert!(!ok, "{name} was imported:\n{stdout}{stderr}");
    assert!(
        stderr.contains("error[BP090]") && stderr.contains(&name),
        "{name}: a BP090 naming the file:\n{stderr}"
    );
    assert!(stderr.contains(says), "{name}: {says:?} in\n{stderr}");
    assert!(
        stderr.contains("help:"),
        "{name}: says how to fix it:\n{stderr}"
    );
    assert!(stderr.contains("Nothing was imported"), "{stderr}");
    assert_eq!(
        common::snapshot(&site.path("content")),
        before,
        "{name}: nothing was written"
    );
}

/// Bytes that look random (xorshift), the same on every run.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

#[test]
fn an_empty_or_blank_text_export_is_refused() {
    let site = TestSite::minimal();
    for (name, bytes) in [
        ("empty.txt", &b""[..]),
        ("blank.txt", b"  \r\n\r\n\t\n"),
        ("empty.md", b"\xef\xbb\xbf\n\n"),
    ] {
        let path = site.scratch().join(name);
        std::fs::write(&path, bytes).unwrap();
        refused(&site, &path, "the file is empty");
    }
}

#[test]
fn random_bytes_and_binary_data_are_not_reports() {
    let site = TestSite::minimal();
    let mut nul = b"Bus review\nPurpose\nFor decision.\n".to_vec();
    nul.extend([0, 0, 1, 2, 0xFF, 0xD8]);
    // Random bytes without a NUL: read as Windows-1252, they are control characters and symbols.
    let mut random = noise(5_000, 0x9E37_79B9_7F4A_7C15);
    for b in &mut random {
        if *b == 0 {
            *b = 1;
        }
    }
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("random.txt", noise(5_000, 42), "binary data"),
        ("random-no-nul.md", random, "control characters"),
        ("with-nul.txt", nul, "a NUL byte at byte 33"),
        (
            "figures.txt",
            "1,234 5,678 9,012\n£3,456 7.8%\n".repeat(20).into_bytes(),
            "no words",
        ),
        (
            "signs.txt",
            format!("Totals\n{}", "| --- | 12 | 3.4 | -- |\n".repeat(30)).into_bytes(),
            "letters",
        ),
    ];
    for (name, bytes, says) in cases {
        let path = site.scratch().join(name);
        std::fs::write(&path, bytes).unwrap();
        refused(&site, &path, says);
    }
    // The line and column of the first control character are given.
    let path = site.scratch().join("control.txt");
    std::fs::write(&path, "Bus review\nPurpose \u{1}\u{2}\u{3}\u{4}\n").unwrap();
    refused(&site, &path, "line 2, column 9");
}

/// The `images` fixture with its first PNG's bytes replaced by `bytes` (the zip rewritten around it).
fn images_fixture_with_first_png(bytes: &[u8]) -> (Vec<u8>, String) {
    use std::io::Read;
    let fixture = fixtures()
        .into_iter()
        .find(|f| f.name == "images")
        .expect("fixture");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&fixture.docx)).unwrap();
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    let mut replaced = None;
    for k in 0..zip.len() {
        let mut file = zip.by_index(k).unwrap();
        let name = file.name().unwrap().to_string();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        if replaced.is_none() && name.ends_with(".png") {
            replaced = Some(name.rsplit('/').next().unwrap().to_string());
            data = bytes.to_vec();
        }
        entries.push((name, data));
    }
    let refs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    (
        zip_of(&refs, zip::CompressionMethod::Stored),
        replaced.expect("a PNG in the fixture"),
    )
}

#[test]
fn a_picture_that_cannot_be_read_fails_the_import_and_nothing_is_written() {
    let site = TestSite::minimal();
    // A PNG signature followed by junk: named .png, it cannot be decoded, and the PDF packs would fail.
    let mut broken = b"\x89PNG\r\n\x1a\n".to_vec();
    broken.extend(noise(300, 7));
    let (docx, picture) = images_fixture_with_first_png(&broken);
    let path = site.scratch().join("broken-picture.docx");
    std::fs::write(&path, docx).unwrap();
    refused(&site, &path, &format!("the picture {picture}"));
    // Written to disk and imported, the meeting folder's files are as they were: no images folder.
    let meeting = site.path("content/audit-board/2026-12-01");
    let names: Vec<String> = std::fs::read_dir(&meeting)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with("-images")), "{names:?}");
}

#[test]
fn an_error_in_the_new_paper_takes_back_everything_the_import_wrote() {
    // The minimal site's meeting has a paper at item 4 (`04-internal-audit-progress.md`): a second
    // paper at item 4 that sorts after it is an error `check` finds only once the paper is written
    // (BP022, at the new paper).
    let site = TestSite::minimal();
    let path = site.scratch().join("risk-register.txt");
    std::fs::write(
        &path,
        "Risk register review\n\nPurpose\n\nFor information.\n\nBackground\n\n1. The register was reviewed in November.\n",
    )
    .unwrap();
    let before = common::snapshot(&site.path("content"));
    let (ok, stdout, stderr) = import(&site, &[&path], &minimal_args("4"));
    assert!(!ok, "{stdout}{stderr}");
    assert!(stderr.contains("error[BP022]"), "{stderr}");
    assert!(
        stderr.contains("error[BP090]")
            && stderr.contains("risk-register.txt")
            && stderr.contains("nothing was imported"),
        "a BP090 at the report says nothing was imported:\n{stderr}"
    );
    assert_eq!(
        common::snapshot(&site.path("content")),
        before,
        "the paper is taken back"
    );
    // The same report as another item imports.
    let (ok, stdout, stderr) = import(&site, &[&path], &minimal_args("7"));
    assert!(ok, "{stdout}{stderr}");
    assert_eq!(written_papers(&stdout).len(), 1, "{stdout}");
}

#[test]
fn the_readme_states_the_limits_the_code_enforces() {
    use boardpack::import::limits;
    let readme = std::fs::read_to_string(common::repo_root().join("README.md")).unwrap();
    let section = readme
        .split("## Importing reports from Word")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("the README's import section");
    let paragraph = section
        .split("**Limits.**")
        .nth(1)
        .and_then(|s| s.split("\n\n").next())
        .expect("a **Limits.** paragraph in the import section")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mb = |bytes: u64| {
        assert_eq!(bytes % 1_000_000, 0, "limits are whole megabytes");
        format!("{} MB", bytes / 1_000_000)
    };
    for phrase in [
        format!("A Word file may be up to {}", mb(limits::WORD_FILE_BYTES)),
        format!("a text export up to {}", mb(limits::TEXT_FILE_BYTES)),
        format!(
            "one XML part may unpack to at most {}",
            mb(limits::PART_BYTES)
        ),
        format!("one picture to at most {}", mb(limits::IMAGE_BYTES)),
        format!(
            "all its parts together to at most {}",
            mb(limits::UNPACKED_BYTES)
        ),
        format!(
            "at most {},{:03} zip entries",
            limits::ZIP_ENTRIES / 1000,
            limits::ZIP_ENTRIES % 1000
        ),
    ] {
        assert!(
            paragraph.contains(&phrase),
            "the README's limits say {phrase:?}:\n{paragraph}"
        );
    }
    // Every size the import section and the BP090 row give is one of the limits.
    let sizes = [
        limits::WORD_FILE_BYTES,
        limits::TEXT_FILE_BYTES,
        limits::PART_BYTES,
        limits::IMAGE_BYTES,
        limits::UNPACKED_BYTES,
    ]
    .map(mb);
    let row = readme
        .lines()
        .find(|l| l.starts_with("| BP090 |"))
        .expect("the BP090 row");
    for text in [section, row] {
        let words: Vec<&str> = text.split_whitespace().collect();
        for pair in words.windows(2).filter(|w| w[1].starts_with("MB")) {
            let size = format!("{} MB", pair[0].trim_start_matches('('));
            assert!(
                sizes.contains(&size),
                "the README gives {size}, which is no limit of the code ({sizes:?})"
            );
        }
    }
    assert!(
        row.contains(&format!("over {} for Word", mb(limits::WORD_FILE_BYTES))),
        "{row}"
    );
    assert!(
        row.contains(&format!("{} for text", mb(limits::TEXT_FILE_BYTES))),
        "{row}"
    );
}
