//! The PDF packs: every meeting of the example site has an agenda reports pack whose contents page
//! numbers are the pages its items start on, which is tagged and declared PDF/UA-1, carries nothing
//! withheld, is linked from the meeting page with its size and pages, and is the same bytes every time.
//!
//! Text comes out of the PDFs through poppler's `pdftotext` and `pdfinfo` (`./scripts/test` installs
//! poppler-utils when they are missing); the structure is read with lopdf.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// Runs a poppler tool, failing the test with how to install it when it is missing.
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let output = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "`{tool}` could not run ({e}): install Debian's poppler-utils (./scripts/test does)"
            )
        });
    assert!(
        output.status.success(),
        "{tool} failed on {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The text of each page (pdftotext -layout; pages are split by form feeds).
fn pages_of(pdf: &Path) -> Vec<String> {
    let text = poppler("pdftotext", &["-layout"], pdf);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn page_count(pdf: &Path) -> usize {
    let info = poppler("pdfinfo", &[], pdf);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count")
}

fn pdfs_under(dir: &Path) -> Vec<PathBuf> {
    all_files(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .map(|p| dir.join(p))
        .collect()
}

/// Builds the example site once for the tests that only read it.
fn example_build() -> &'static (TestSite, PathBuf) {
    static BUILT: std::sync::OnceLock<(TestSite, PathBuf)> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        let site = TestSite::example();
        let out = site.out();
        let output = site.build_with(&["--no-cache"]);
        assert_success(&output, "boardpack build of the example site");
        (site, out)
    })
}

/// The meetings of the built example site: their folder under the output, e.g. `transport-board/2026-06-16`.
fn meeting_dirs(out: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = all_files(out)
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n == "index.html"))
        .filter_map(|p| p.parent().map(Path::to_path_buf))
        .filter(|dir| {
            dir.components().count() == 2
                && dir.file_name().is_some_and(|n| {
                    n.to_string_lossy().len() == 10 && n.to_string_lossy().starts_with("20")
                })
        })
        .collect();
    dirs.sort();
    dirs
}

/// The agenda rows of a pack with a page number: item → page, in the order they are listed.
fn contents(pages: &[String]) -> Vec<(String, usize)> {
    let agenda_pages: Vec<&String> = pages
        .iter()
        .skip(1)
        .take_while(|p| {
            !p.lines()
                .any(|l| l.trim_start().starts_with("Item ") && l.contains(':'))
        })
        .collect();
    let mut rows = Vec::new();
    for page in agenda_pages {
        for line in page.lines() {
            let cells: Vec<&str> = line
                .split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            if let (Some(first), Some(last)) = (cells.first(), cells.last())
                && cells.len() >= 3
                && first.chars().next().is_some_and(|c| c.is_ascii_digit())
                && first.chars().all(|c| c.is_ascii_alphanumeric())
                && let Ok(page) = last.parse::<usize>()
            {
                rows.push((first.to_string(), page));
            }
        }
    }
    rows
}

#[test]
fn every_meeting_with_papers_has_a_pack_linked_with_its_size_and_pages() {
    let (_, out) = example_build();
    let mut packs = 0;
    for dir in meeting_dirs(out) {
        let page = Built::at(out).parse_file(&dir.join("index.html"));
        // Links to papers, not to the people presenting them.
        let papers = select(&page, "table.agenda a:not([href*=\"/people/\"])").len();
        let downloads = select(&page, ".downloads a");
        let pack = downloads
            .iter()
            .find(|a| text(**a) == "Agenda reports pack");
        if papers == 0 {
            assert!(
                pack.is_none(),
                "{}: a pack for a meeting with no published paper",
                dir.display()
            );
            continue;
        }
        let pack = pack.unwrap_or_else(|| {
            panic!(
                "{}: the meeting page does not link its agenda reports pack",
                dir.display()
            )
        });
        let href = pack.value().attr("href").expect("an href");
        assert!(href.ends_with("/agenda-pack.pdf"), "{href}");
        let file = out.join(dir.join("agenda-pack.pdf"));
        let pages = page_count(&file);
        let size = std::fs::metadata(&file).unwrap().len();
        let details = text(
            pack.parent()
                .and_then(scraper::ElementRef::wrap)
                .expect("the list item"),
        );
        let kb = size.div_ceil(1024);
        assert!(
            details.contains(&format!("(PDF, {kb} KB, {pages} pages)")),
            "{}: {details:?} should say PDF, {kb} KB, {pages} pages",
            dir.display()
        );
        packs += 1;
    }
    assert!(
        packs >= 5,
        "the example site has five meetings with papers; {packs} packs found"
    );
}

#[test]
fn each_paper_page_links_the_paper_as_a_pdf() {
    let (_, out) = example_build();
    let built = Built::at(out);
    let page = built.page("/transport-board/2026-06-16/");
    // Papers, not their appendices' pages: /board/date/item/.
    let paper_urls: Vec<String> = select(&page, "table.agenda a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .filter(|u| u.trim_matches('/').split('/').count() == 3)
        .collect();
    assert!(!paper_urls.is_empty());
    for url in paper_urls {
        let paper = built.page(&url);
        let link = select(&paper, ".downloads a")
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("{url} links no PDF"));
        let href = link.value().attr("href").expect("an href");
        assert!(href.starts_with(&url) && href.ends_with(".pdf"), "{href}");
        let pdf = built.file_for(href);
        let pages = pages_of(&pdf);
        let title = only_h1(&paper, "paper");
        let first_words: String = title
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            pages[0].contains(&first_words),
            "{href} should start with its title {title:?}:\n{}",
            pages[0]
        );
    }
}

#[test]
fn the_contents_page_numbers_are_the_pages_the_items_start_on() {
    let (_, out) = example_build();
    let mut checked = 0;
    for pdf in pdfs_under(out)
        .into_iter()
        .filter(|p| p.ends_with("agenda-pack.pdf"))
    {
        let pages = pages_of(&pdf);
        assert_eq!(pages.len(), page_count(&pdf));
        let rows = contents(&pages);
        assert!(
            !rows.is_empty(),
            "{}: no agenda rows with pages:\n{}",
            pdf.display(),
            pages[1]
        );
        let mut previous = 0;
        for (item, page) in &rows {
            assert!(
                *page > previous,
                "{}: item {item} is on page {page}, before the item above it",
                pdf.display()
            );
            previous = *page;
            let text = &pages[page - 1];
            assert!(
                text.lines()
                    .any(|l| l.trim_start().starts_with(&format!("Item {item}: "))),
                "{}: the contents says item {item} starts on page {page}, which reads:\n{text}",
                pdf.display()
            );
            checked += 1;
        }
        // Every page after the cover says where it is.
        let total = pages.len();
        for (i, page) in pages.iter().enumerate() {
            assert!(
                page.contains(&format!("Page {} of {total}", i + 1)),
                "{}: page {} has no \"Page N of M\"",
                pdf.display(),
                i + 1
            );
        }
    }
    assert!(checked >= 20, "only {checked} items checked");
}

#[test]
fn a_pack_holds_the_cover_the_agenda_and_each_paper_with_its_parts() {
    let (_, out) = example_build();
    let pdf = out.join("transport-board/2026-06-16/agenda-pack.pdf");
    let text = pages_of(&pdf).join("\n");
    for expected in [
        "Kestrel Valley Combined Authority",
        "Transport and Infrastructure Board",
        "Tuesday 16 June 2026",
        "10.00am to 12.30pm",
        "Council Chamber, Riverside House",
        "https://webcast.kestrelvalley.example/transport-board/2026-06-16",
        "Helen Ashdown",
        "Agenda",
        "Verbal update",
        "Purpose",
        "Recommendations",
        "Contact officer",
        "Aisha Bello",
        // The CSV appendix, typeset as a table.
        "Fenwick Park",
        "1482300",
    ] {
        assert!(
            text.contains(expected),
            "the pack should contain {expected:?}"
        );
    }
    // Numbered paragraphs keep the web page's numbers.
    assert!(
        text.lines().any(|l| l.trim_start().starts_with("2.1 ")) || text.contains(" 2.1 "),
        "sub-paragraph 2.1 is numbered"
    );
}

/// The pack lists the board's members on the meeting's date, each linked to their page: a member who
/// joined after the meeting is not listed, one who left after it is.
#[test]
fn a_pack_lists_the_membership_linked_to_peoples_pages() {
    let (_, out) = example_build();
    let pdf = out.join("transport-board/2026-06-16/agenda-pack.pdf");
    let text = pages_of(&pdf).join("\n");
    assert!(text.contains("Membership"), "a membership heading");
    assert!(
        text.contains("Cllr Daniel Okonjo, Chair"),
        "members by name and role"
    );
    assert!(
        text.contains("Ruth Elderkin"),
        "a member until August is listed in June"
    );
    assert!(
        !text.contains("Hannah Brightwell"),
        "a member from September is not listed in June"
    );
    let doc = lopdf::Document::load(&pdf).expect("lopdf reads the pack");
    let uris: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        // A link annotation's action (`/A`) is usually a dictionary inside it.
        .flat_map(|d| [Some(d), d.get(b"A").ok().and_then(|a| a.as_dict().ok())])
        .flatten()
        .filter_map(|d| d.get(b"URI").ok())
        .filter_map(|u| {
            u.as_str()
                .ok()
                .map(|b| String::from_utf8_lossy(b).into_owned())
        })
        .collect();
    assert!(
        uris.iter()
            .any(|u| u == "https://meetings.kestrelvalley.example/people/daniel-okonjo/"),
        "the name links to the person's page: {uris:?}"
    );
}

/// The catalog's entries, read with lopdf.
fn catalog(pdf: &Path) -> (lopdf::Document, lopdf::Dictionary) {
    let doc = lopdf::Document::load(pdf)
        .unwrap_or_else(|e| panic!("lopdf cannot read {}: {e}", pdf.display()));
    let catalog = doc.catalog().expect("a catalog").clone();
    (doc, catalog)
}

fn outline_titles(doc: &lopdf::Document, catalog: &lopdf::Dictionary) -> Vec<String> {
    let mut titles = Vec::new();
    let Ok(outlines) = catalog
        .get(b"Outlines")
        .and_then(|o| o.as_reference())
        .and_then(|r| doc.get_dictionary(r))
    else {
        return titles;
    };
    let mut stack: Vec<lopdf::ObjectId> = outlines
        .get(b"First")
        .and_then(|f| f.as_reference())
        .into_iter()
        .collect();
    while let Some(id) = stack.pop() {
        let Ok(item) = doc.get_dictionary(id) else {
            continue;
        };
        if let Ok(title) = item.get(b"Title") {
            let bytes = title.as_str().unwrap_or_default();
            titles.push(
                lopdf::decode_text_string(title)
                    .unwrap_or_else(|_| String::from_utf8_lossy(bytes).into_owned()),
            );
        }
        if let Ok(next) = item.get(b"Next").and_then(|n| n.as_reference()) {
            stack.push(next);
        }
        if let Ok(first) = item.get(b"First").and_then(|n| n.as_reference()) {
            stack.push(first);
        }
    }
    titles
}

#[test]
fn packs_are_tagged_and_declared_pdf_ua_1() {
    let (_, out) = example_build();
    for pdf in pdfs_under(out) {
        let (doc, catalog) = catalog(&pdf);
        let shown = pdf.display();
        let lang = catalog
            .get(b"Lang")
            .and_then(|l| l.as_str())
            .map(|b| String::from_utf8_lossy(b).into_owned());
        assert_eq!(lang.ok().as_deref(), Some("en-GB"), "{shown}: /Lang");
        let marked = catalog.get(b"MarkInfo").and_then(|m| match m {
            lopdf::Object::Reference(r) => doc.get_dictionary(*r).map(Clone::clone),
            lopdf::Object::Dictionary(d) => Ok(d.clone()),
            _ => Err(lopdf::Error::DictKey("MarkInfo".into())),
        });
        assert_eq!(
            marked
                .and_then(|m| m.get(b"Marked").and_then(|b| b.as_bool()))
                .ok(),
            Some(true),
            "{shown}: /MarkInfo /Marked"
        );
        assert!(
            catalog.get(b"StructTreeRoot").is_ok(),
            "{shown}: no structure tree"
        );
        let metadata = catalog
            .get(b"Metadata")
            .and_then(|m| m.as_reference())
            .and_then(|r| doc.get_object(r))
            .and_then(|o| o.as_stream().map(Clone::clone));
        let mut metadata = metadata.unwrap_or_else(|_| panic!("{shown}: no XMP metadata"));
        let _ = metadata.decompress();
        let xmp = String::from_utf8_lossy(&metadata.content).into_owned();
        assert!(
            xmp.contains("<pdfuaid:part>1</pdfuaid:part>"),
            "{shown}: not declared PDF/UA-1"
        );
        assert!(xmp.contains("<dc:title>"), "{shown}: no document title");
        let info = poppler("pdfinfo", &[], &pdf);
        assert!(info.contains("Tagged:          yes"), "{shown}: {info}");
    }
    // The pack's structure: headings, tables with header cells, lists, links; bookmarks for every item.
    let pack = out.join("transport-board/2026-06-16/agenda-pack.pdf");
    let tree = poppler("pdfinfo", &["-struct"], &pack);
    for tag in ["H1", "H2", "Table", "TH", "TD", "L", "LI", "Link", "Note"] {
        let is_tag = |l: &str| {
            l.trim_start()
                .strip_prefix(tag)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ':']))
        };
        assert!(
            tree.lines().any(is_tag),
            "the pack's structure tree has no {tag}:\n{}",
            &tree[..tree.len().min(3000)]
        );
    }
    assert!(
        tree.contains("/Scope /Row") && tree.contains("/Scope /Column"),
        "header cells say what they head"
    );
    let (doc, catalog) = catalog(&pack);
    let titles = outline_titles(&doc, &catalog);
    for item in [
        "Agenda",
        "Item 3: Bus franchising",
        "Item 4: Local Transport Plan",
        "Item 5: Transport capital programme",
        "Item 6: Active Travel Fund",
        "Appendix 1",
    ] {
        assert!(
            titles.iter().any(|t| t.starts_with(item)),
            "no bookmark for {item:?}: {titles:?}"
        );
    }
}

/// A site whose one meeting has a public paper, and papers and an appendix that must never be published.
fn site_with_withheld_papers() -> TestSite {
    let paper = |item: u32, title: &str, extra: &str, canary: &str| {
        format!(
            "---\ntitle: {title}\nmeeting: audit-board\ndate: 2026-12-01\nitem: {item}\npurpose: For decision\n{extra}---\n\n1. {canary} is in this paper.\n"
        )
    };
    TestSite::minimal()
        .file(
            "content/audit-board/2026-12-01/meeting.md",
            "---\nmeeting: audit-board\ndate: 2026-12-01\nstart_time: \"14:00\"\npublished: 2026-11-20\nagenda:\n  - item: 4\n    title: Internal audit progress\n    paper: 04-internal-audit-progress.md\n  - item: 5\n    title: Depot sale\n    paper: 05-depot.md\n  - item: 6\n    title: Restructure\n    paper: 06-restructure.md\n  - item: 7\n    title: Budget\n    paper: 07-budget.md\n---\n\nCover notes.\n",
        )
        .file(
            "content/audit-board/2026-12-01/04-internal-audit-progress.md",
            "---\ntitle: Internal audit progress\nmeeting: audit-board\ndate: 2026-12-01\nitem: 4\npurpose: For information\npublished: 2026-11-20\nappendices:\n  - title: Appendix A – Contractor's bid\n    file: appendices/appendix-a.md\n    exempt:\n      category: 3\n---\n\n1. The public text of the paper.\n",
        )
        .file("content/audit-board/2026-12-01/appendices/appendix-a.md", "---\ntitle: Bid\n---\n\nCANARYAPPENDIX the bid is 4 million.\n")
        .file("content/audit-board/2026-12-01/05-depot.md", &paper(5, "Depot sale", "exempt:\n  category: 3\n  reason: Commercial terms under negotiation.\n", "CANARYEXEMPT"))
        .file("content/audit-board/2026-12-01/06-restructure.md", &paper(6, "Restructure", "status: draft\n", "CANARYDRAFT"))
        .file("content/audit-board/2026-12-01/07-budget.md", &paper(7, "Budget", "publish_from: 2026-12-30T09:00\n", "CANARYEMBARGO"))
}

#[test]
fn no_withheld_content_reaches_any_pdf() {
    let site = site_with_withheld_papers();
    let built = site.build();
    let pdfs = pdfs_under(&built.out);
    assert!(
        pdfs.iter().any(|p| p.ends_with("agenda-pack.pdf")),
        "the meeting has a pack: {pdfs:?}"
    );
    for pdf in &pdfs {
        let bytes = std::fs::read(pdf).unwrap();
        let text = pages_of(pdf).join("\n");
        for canary in [
            "CANARYAPPENDIX",
            "CANARYEXEMPT",
            "CANARYDRAFT",
            "CANARYEMBARGO",
            "4 million",
            "Commercial terms under negotiation",
        ] {
            assert!(
                !text.contains(canary),
                "{}: {canary} is in the PDF's text",
                pdf.display()
            );
            assert!(
                !bytes.windows(canary.len()).any(|w| w == canary.as_bytes()),
                "{}: {canary} is in the PDF's bytes",
                pdf.display()
            );
        }
    }
    let pack = built.out.join("audit-board/2026-12-01/agenda-pack.pdf");
    let text = pages_of(&pack).join("\n");
    // The agenda shows the same stubs as the web page.
    assert!(text.contains("Exempt"), "the exempt item's stub:\n{text}");
    assert!(
        text.contains("Paragraph 3 of Schedule 12A"),
        "the exempt item's ground:\n{text}"
    );
    assert!(
        text.contains("Not yet published") || text.contains("not yet published"),
        "the draft's stub:\n{text}"
    );
    assert!(
        text.contains("Appendix A – Contractor's bid")
            || text.contains("Appendix A – Contractor’s bid"),
        "the exempt appendix is listed by title:\n{text}"
    );
    // Only the public paper has a PDF of its own.
    let papers: Vec<&PathBuf> = pdfs
        .iter()
        .filter(|p| !p.ends_with("agenda-pack.pdf"))
        .collect();
    assert_eq!(papers.len(), 1, "{papers:?}");
}

#[test]
fn the_same_input_gives_byte_identical_pdfs_with_or_without_the_cache() {
    let site = TestSite::example();
    let read = |dir: &Path| -> BTreeMap<PathBuf, Vec<u8>> {
        pdfs_under(dir)
            .into_iter()
            .map(|p| {
                (
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                )
            })
            .collect()
    };
    let clean = site.scratch().join("clean");
    assert_success(&site.build_into(&clean, &["--no-cache"]), "clean build");
    let (_, first) = example_build();
    assert_eq!(read(&clean), read(first), "two clean builds differ");
    // With a cache: the first build fills it, the second takes every PDF from it.
    let cache = site.scratch().join("cache");
    let cache_arg = cache.to_str().unwrap();
    let filling = site.scratch().join("filling");
    assert_success(
        &site.build_into(&filling, &["--cache", cache_arg]),
        "build filling the cache",
    );
    let entries = all_files(&cache).len();
    assert!(
        entries >= read(&clean).len(),
        "the cache holds every PDF ({entries} entries)"
    );
    let reusing = site.scratch().join("reusing");
    assert_success(
        &site.build_into(&reusing, &["--cache", cache_arg]),
        "build from the cache",
    );
    assert_eq!(read(&filling), read(&clean));
    assert_eq!(read(&reusing), read(&clean));
    // A damaged entry is never used: a warning says so and the PDF is made again, the same.
    for entry in all_files(&cache) {
        let path = cache.join(entry);
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    }
    let repaired = site.scratch().join("repaired");
    let output = site.build_into(&repaired, &["--cache", cache_arg]);
    assert_success(&output, "build from a damaged cache");
    assert!(
        stderr(&output).contains("BP101"),
        "a warning names the damaged entries: {}",
        stderr(&output)
    );
    assert_eq!(read(&repaired), read(&clean));
}

#[test]
fn papers_published_after_the_pack_get_a_supplementary_pack() {
    let site = TestSite::minimal()
        .file(
            "content/audit-board/2026-12-01/meeting.md",
            "---\nmeeting: audit-board\ndate: 2026-12-01\npublished: 2026-11-20\nagenda:\n  - item: 4\n    title: Internal audit progress\n    paper: 04-internal-audit-progress.md\n  - item: 5\n    title: Treasury update\n    paper: 05-treasury.md\n---\n",
        )
        .file("content/audit-board/2026-12-01/05-treasury.md", "---\ntitle: Treasury update\nmeeting: audit-board\ndate: 2026-12-01\nitem: 5\npublished: 2026-11-27\nurgency: The figures were not ready.\n---\n\n1. Late figures.\n");
    let built = site.build();
    let page = built.page(MEETING_URL);
    let labels: Vec<String> = select(&page, ".downloads a")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        labels,
        [
            "Agenda reports pack",
            "Supplementary agenda 1 (27 November 2026)"
        ]
    );
    let pack = pages_of(&built.out.join("audit-board/2026-12-01/agenda-pack.pdf")).join("\n");
    assert!(pack.contains("In supplementary agenda 1"), "{pack}");
    assert!(
        !pack.contains("Late figures"),
        "the supplement's paper is not in the pack"
    );
    let supplement = pages_of(
        &built
            .out
            .join("audit-board/2026-12-01/agenda-supplement-1.pdf"),
    );
    assert!(
        supplement[0].contains("Supplementary agenda 1"),
        "{}",
        supplement[0]
    );
    let rows = contents(&supplement);
    assert_eq!(rows.len(), 1, "the supplement lists its own item: {rows:?}");
    assert!(supplement.join("\n").contains("Late figures"));
    assert!(supplement.join("\n").contains("Reason for urgency"));
}

#[test]
fn a_character_the_fonts_lack_is_a_warning_at_its_place() {
    let site = TestSite::minimal().file(
        "content/audit-board/2026-12-01/04-internal-audit-progress.md",
        &PAPER_MD.replace("First paragraph.", "First paragraph 漢."),
    );
    let output = site.build_with(&[]);
    assert_success(&output, "build");
    let err = stderr(&output);
    assert!(err.contains("BP102") && err.contains("U+6F22"), "{err}");
    assert!(
        err.contains("04-internal-audit-progress.md:12:"),
        "the warning points at the character's line: {err}"
    );
}

#[test]
fn a_broken_pdf_template_is_an_error_at_its_line_and_nothing_is_written() {
    let site = TestSite::minimal().file(
        "pdf/pack.typ",
        "#let pack(..args, body) = body\n#let cover(info) = {\n  undefined-function(info)\n}\n",
    );
    let output = site.check(&[]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(
        err.contains("BP100") && err.contains("pdf/pack.typ:3:"),
        "{err}"
    );
    let output = site.build_with(&[]);
    assert!(!output.status.success());
    assert!(!site.out().exists(), "a failed build writes nothing");
}

#[test]
fn no_pdf_leaves_the_packs_out() {
    let site = TestSite::minimal();
    let built = site.build_ok(&["--no-pdf"]);
    assert!(pdfs_under(&built.out).is_empty());
    assert!(select(&built.page(MEETING_URL), ".downloads").is_empty());
}

/// Markdown that is Typst syntax, or odd, or empty in places, still typesets: as text, never as code.
#[test]
fn any_markdown_typesets_as_its_text() {
    let body = r##"## Costs #rise = $5 <see> @ref

##

1. A paragraph with `code ]) #x`, *emphasis*, **strong**, ~~struck~~ and a footnote.[^n]

2. Maths is text: $x^2$ and \(y\) and a backslash \\ and <span>inline html</span>.

   1. a sub-paragraph with a [link](https://example.gov.uk/a_(b)) and <https://example.gov.uk/c>;
   2. another, with a ![](missing.png) broken image.

> A quotation, with = and - and + at the start:
> - a list inside it

```rust
fn main() { println!("#{}", "]"); }
```

| Head | |
|:--|--:|
| *a* | `b` |
| | |

- [ ] a task
- [x] done

---

[^n]: The footnote, with its own [link](https://example.gov.uk/n) and CO₂.
"##;
    let paper = format!(
        "---\ntitle: \"Odd = #title $x$\"\nmeeting: audit-board\ndate: 2026-12-01\nitem: 4\npurpose: \"For #information\"\nsummary: \"A *summary* with ]) and #let\"\n---\n\n{body}"
    );
    let site = TestSite::minimal().file(
        "content/audit-board/2026-12-01/04-internal-audit-progress.md",
        &paper,
    );
    let built = site.build();
    let pdf = built.out.join("audit-board/2026-12-01/agenda-pack.pdf");
    let text = pages_of(&pdf).join("\n");
    for expected in [
        "Odd = #title $x$",
        "Costs #rise = $5 <see> @ref",
        "code ]) #x",
        "$x^2$",
        "println!",
        "The footnote",
        "A quotation",
        "a task",
        "For #information",
    ] {
        assert!(
            text.contains(expected),
            "the pack should show {expected:?} as text:\n{text}"
        );
    }
}

/// A paper too long to typeset has a link to its web page in the pack, and a warning says so.
#[test]
fn a_paper_too_long_to_typeset_is_linked_not_printed() {
    let long = "1. The Board noted the schedule of works. ".repeat(30_000);
    let paper = PAPER_MD.replace("1. First paragraph.", &long);
    let site = TestSite::minimal().file(
        "content/audit-board/2026-12-01/04-internal-audit-progress.md",
        &paper,
    );
    let output = site.build_with(&[]);
    assert_success(&output, "build");
    let err = stderr(&output);
    assert!(
        err.contains("BP103") && err.contains("04-internal-audit-progress.md"),
        "{err}"
    );
    let built = site.build();
    let text = pages_of(&built.out.join("audit-board/2026-12-01/agenda-pack.pdf")).join("\n");
    assert!(text.contains("too long to print in this pack"), "{text}");
    assert!(
        text.contains("/audit-board/2026-12-01/4-internal-audit-progress/"),
        "the stub links the web page:\n{text}"
    );
    assert!(
        !text.contains("schedule of works"),
        "the long text is not typeset"
    );
}

/// Lists nested in lists typeset with markers the fonts have.
#[test]
fn nested_lists_typeset() {
    let paper = PAPER_MD.replace(
        "1. First paragraph.",
        "1. First paragraph:\n\n   - a point\n     - a sub-point\n       - a sub-sub-point\n",
    );
    let site = TestSite::minimal().file(
        "content/audit-board/2026-12-01/04-internal-audit-progress.md",
        &paper,
    );
    let output = site.build_with(&[]);
    assert_success(&output, "build");
    assert!(!stderr(&output).contains("BP10"), "{}", stderr(&output));
}
