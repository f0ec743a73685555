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
        // Every stale file named, not only the first: which outputs an input reaches is the clue
        // to the fingerprint that misses it.
        let differing: Vec<String> = a
            .iter()
            .filter(|(path, bytes)| *bytes != &b[*path])
            .map(|(path, _)| path.display().to_string())
            .collect();
        assert!(
            differing.is_empty(),
            "{step}: {} file(s) differ from a clean build: {}",
            differing.len(),
            differing.join(", ")
        );
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

/// Content files named by their file name (`meeting.md`, `minutes.md`), sorted.
fn named(site: &TestSite, file_name: &str) -> Vec<PathBuf> {
    common::all_files(&site.path("content"))
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n == file_name))
        .map(|p| Path::new("content").join(p))
        .collect()
}

fn read(site: &TestSite, rel: &str) -> String {
    std::fs::read_to_string(site.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Adds a paragraph at the end of a Markdown file's body.
fn add_paragraph(site: &TestSite, rel: &str, text: &str) {
    let old = read(site, rel);
    site.write(rel, format!("{old}\n{text}\n"));
}

/// Replaces the first line starting with `prefix` (its indentation included) with `f(line)`; false
/// if there is none.
fn change_line(site: &TestSite, rel: &str, prefix: &str, f: impl Fn(&str) -> String) -> bool {
    let text = read(site, rel);
    let Some(line) = text.lines().find(|l| l.starts_with(prefix)) else {
        return false;
    };
    let new = f(line);
    site.write(rel, text.replacen(line, &new, 1));
    true
}

/// A YAML value's line with `words` added at the end of the value, inside its quotes if it has
/// them, so the front matter stays valid.
fn with_words(line: &str, words: &str) -> String {
    match line.strip_suffix('"') {
        Some(open) => format!("{open} {words}\""),
        None => format!("{line} {words}"),
    }
}

/// Writes `bytes` over the file at `rel` and gives it back its modification time: a change only its
/// bytes show (the same size and time, as a copy that keeps times, or a CI checkout, can leave).
fn write_keeping_time(site: &TestSite, rel: &str, bytes: &[u8]) {
    let path = site.path(rel);
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::fs::write(&path, bytes).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
}

/// The file's last ASCII digit turned into the next one: other bytes, the same size.
fn next_last_digit(site: &TestSite, rel: &str) {
    let mut bytes = std::fs::read(site.path(rel)).unwrap();
    let at = bytes
        .iter()
        .rposition(u8::is_ascii_digit)
        .unwrap_or_else(|| panic!("{rel} has no digit"));
    bytes[at] = b'0' + (bytes[at] - b'0' + 1) % 10;
    write_keeping_time(site, rel, &bytes);
}

// The sources [`every_kind_site`] adds to the example site, which has no image, no attachment
// but one CSV appendix, no template override and no static file of its own.

/// The paper whose body shows [`IMAGE`] and links [`LINKED_FILE`].
const LINKING_PAPER: &str = "content/transport-board/2026-09-15/04-bus-network-performance-q1.md";
const IMAGE: &str = "content/transport-board/2026-09-15/images/network-map.svg";
const LINKED_FILE: &str = "content/transport-board/2026-09-15/timetable-changes.docx";
/// The paper that lists [`PDF_APPENDIX`] among its appendices.
const PDF_PAPER: &str = "content/transport-board/2026-09-15/05-capital-programme-q1-monitoring.md";
const PDF_APPENDIX: &str = "content/transport-board/2026-09-15/appendices/scheme-tables.pdf";
/// The example site's own file appendix.
const CSV_APPENDIX: &str = "content/transport-board/2026-06-16/appendices/route-patronage.csv";
const MARKDOWN_APPENDICES: [&str; 2] = [
    "content/transport-board/2026-06-16/appendices/consultation-summary.md",
    "content/children-board/2027-01-19/appendices/kinship-support-comparison.md",
];
const BOARDS: [&str; 2] = [
    "content/transport-board/board.md",
    "content/children-board/board.md",
];
const PAGE: &str = "content/pages/about.md";

/// Gives [`PAGE`] the slug its title gives it, so that a title edit changes no URL.
fn pin_page_slug(site: &TestSite) {
    replace_in(
        site,
        Path::new(PAGE),
        "\ndescription: ",
        "\nslug: about-these-papers\ndescription: ",
    );
}
/// The site's own copy of the built-in `base.html`, which every page extends.
const TEMPLATE: &str = "templates/base.html";
/// The line of [`TEMPLATE`] the edits change.
const TEMPLATE_NOTE: &str = "<p class=\"theme-note\">";
/// What makes [`TEMPLATE`] invalid (a block never closed); [`mend`] takes it out.
const TEMPLATE_BREAK: &str = "{% if broken_by_an_edit %}";
const STATIC_FILE: &str = "static/assets/print.css";

fn svg(fill: &str, width: usize) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"20\" viewBox=\"0 0 {width} 20\"><rect width=\"{width}\" height=\"20\" fill=\"{fill}\"/></svg>\n"
    )
}

/// The example site with a source of every kind a site has: besides its boards, meetings, minutes,
/// papers, Markdown and CSV appendices and content page, an image and a Word file linked from a
/// paper's body, a PDF appendix, an override of a built-in template and a static file. Its content
/// page's slug is pinned, so that a title edit is a title edit only.
fn every_kind_site() -> TestSite {
    let site = TestSite::example();
    pin_page_slug(&site);
    site.write(IMAGE, svg("#1d70b8", 40));
    site.write(
        LINKED_FILE,
        b"PK\x03\x04 a stand-in for a Word file, revision 0\n",
    );
    add_paragraph(
        &site,
        LINKING_PAPER,
        "![Map of the bus network](images/network-map.svg)\n\nThe [timetable changes](timetable-changes.docx) are in a Word file.",
    );
    site.write(
        PDF_APPENDIX,
        b"%PDF-1.4\n% scheme tables, revision 0\n%%EOF\n",
    );
    replace_in(
        &site,
        Path::new(PDF_PAPER),
        "\npublished: ",
        "\nappendices:\n  - title: \"Appendix 1: Scheme tables\"\n    file: appendices/scheme-tables.pdf\npublished: ",
    );
    let base =
        std::fs::read_to_string(common::repo_root().join("themes/default/templates/base.html"))
            .expect("the default theme's base.html");
    assert!(base.contains("</footer>"));
    site.write(
        TEMPLATE,
        base.replacen(
            "</footer>",
            &format!("  {TEMPLATE_NOTE}Theme note, first version.</p>\n</footer>"),
            1,
        ),
    );
    site.write(
        STATIC_FILE,
        "/* revision 0 */\n@media print { .site-nav { display: none; } }\n",
    );
    site
}

/// People whose files the edits change.
const PEOPLE: [&str; 3] = [
    "content/people/daniel-okonjo.md",
    "content/people/richard-stannard.md",
    "content/people/martin-crossley.md",
];

/// How many kinds of edit [`edit`] makes. Kinds 19, 20 and the last (a content page's title, a board's title,
/// a file appendix resized) once published stale output: see the tests at the end.
const KINDS: usize = 26;

/// One random edit of kind `kind` (below [`KINDS`]), of those a clerk or a designer
/// makes, or damage to the cache; says what it did.
fn edit(site: &TestSite, cache: &Path, kind: usize, rng: &mut Lcg, step: usize) -> String {
    let papers = papers(site);
    let paper = &papers[rng.below(papers.len())];
    match kind {
        0 => {
            let path = site.root().join(paper);
            let mut text = std::fs::read_to_string(&path).unwrap();
            text.push_str(&format!("\nA sentence added at step {step}.\n"));
            std::fs::write(&path, text).unwrap();
            format!("a paragraph added to {}", paper.display())
        }
        1 => {
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
        2 => {
            site.write(
                &format!("content/pages/notice-{step}.md"),
                format!("---\ntitle: Notice {step}\ndescription: A notice.\n---\n\nThe notice of step {step}.\n"),
            );
            format!("content page notice-{step} added")
        }
        3 => {
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
        4 => {
            if rng.below(2) == 0 {
                add_paragraph(site, PAGE, &format!("A sentence added at step {step}."));
                format!("a paragraph added to {PAGE}")
            } else {
                change_line(site, PAGE, "description: ", |l| {
                    with_words(l, &format!("(Step {step}.)"))
                });
                format!("{PAGE}'s description changed")
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
        9 => {
            // A board's body alone: read by the boards index and open data, not only its page.
            let board = BOARDS[rng.below(2)];
            add_paragraph(site, board, &format!("A sentence added at step {step}."));
            format!("a sentence added to {board}'s body")
        }
        10 => {
            let board = BOARDS[rng.below(2)];
            match rng.below(3) {
                0 => {
                    change_line(site, board, "  phone: ", |_| {
                        format!("  phone: 01632 960 {}", 500 + step)
                    });
                    format!("{board}'s contact phone changed")
                }
                1 => {
                    change_line(site, board, "      - name: ", |l| {
                        with_words(l, &format!("(step {step})"))
                    });
                    format!("the name of {board}'s first member changed")
                }
                _ => {
                    change_line(site, board, "        role: ", |l| {
                        with_words(l, &format!("(step {step})"))
                    });
                    format!("the role of a member of {board} changed")
                }
            }
        }
        11 => {
            let meetings = named(site, "meeting.md");
            let meeting = meetings[rng.below(meetings.len())]
                .to_string_lossy()
                .into_owned();
            add_paragraph(site, &meeting, &format!("A sentence added at step {step}."));
            format!("a paragraph added to {meeting}'s body")
        }
        12 => {
            let meetings = named(site, "meeting.md");
            let meeting = meetings[rng.below(meetings.len())]
                .to_string_lossy()
                .into_owned();
            match rng.below(4) {
                0 => {
                    change_line(site, &meeting, "  room: ", |_| {
                        format!("  room: Committee Room {step}")
                    });
                    format!("{meeting}'s room changed")
                }
                1 => {
                    // Earlier than any meeting's end.
                    change_line(site, &meeting, "start_time: ", |_| {
                        format!("start_time: \"09:{:02}\"", 15 * (step % 4))
                    });
                    format!("{meeting}'s start time changed")
                }
                2 => {
                    change_line(site, &meeting, "    title: ", |l| {
                        with_words(l, &format!("(revised at step {step})"))
                    });
                    format!("the title of {meeting}'s first agenda item changed")
                }
                _ => {
                    // A meeting to come put off, or one put off set again; a held one gets a note.
                    let text = read(site, &meeting);
                    if text.contains("\nstatus: scheduled\n") {
                        replace_in(
                            site,
                            Path::new(&meeting),
                            "\nstatus: scheduled\n",
                            "\nstatus: postponed\n",
                        );
                        format!("{meeting} postponed")
                    } else if text.contains("\nstatus: postponed\n") {
                        replace_in(
                            site,
                            Path::new(&meeting),
                            "\nstatus: postponed\n",
                            "\nstatus: scheduled\n",
                        );
                        format!("{meeting} scheduled again")
                    } else if text.contains("\nstatus_note: ") {
                        change_line(site, &meeting, "status_note: ", |_| {
                            format!("status_note: Noted at step {step}.")
                        });
                        format!("{meeting}'s status note changed")
                    } else {
                        replace_in(
                            site,
                            Path::new(&meeting),
                            "\nstatus: ",
                            &format!("\nstatus_note: Noted at step {step}.\nstatus: "),
                        );
                        format!("a status note added to {meeting}")
                    }
                }
            }
        }
        13 => {
            let all = named(site, "minutes.md");
            let minutes = all[rng.below(all.len())].to_string_lossy().into_owned();
            let path = Path::new(&minutes);
            match rng.below(4) {
                0 => {
                    add_paragraph(site, &minutes, &format!("A sentence added at step {step}."));
                    format!("a paragraph added to {minutes}'s body")
                }
                1 => {
                    replace_in(
                        site,
                        path,
                        "    minute: |\n",
                        &format!("    minute: |\n      A sentence added at step {step}.\n\n"),
                    );
                    format!("the first minute of {minutes} changed")
                }
                2 => {
                    replace_in(
                        site,
                        path,
                        "    decisions:\n      - ",
                        &format!("    decisions:\n      - At step {step}, "),
                    );
                    format!("a decision in {minutes} changed")
                }
                _ => {
                    // An action is `- action:`, or `action:` under its `- id:`.
                    let changed = ["      - action: ", "        action: "]
                        .iter()
                        .any(|prefix| {
                            change_line(site, &minutes, prefix, |l| {
                                l.replacen("action: ", &format!("action: At step {step}, "), 1)
                            })
                        });
                    assert!(changed, "{minutes} has no action");
                    format!("an action in {minutes} changed")
                }
            }
        }
        14 => {
            let appendix = MARKDOWN_APPENDICES[rng.below(2)];
            if rng.below(2) == 0 {
                add_paragraph(site, appendix, &format!("A sentence added at step {step}."));
                format!("a paragraph added to {appendix}")
            } else {
                change_line(site, appendix, "title: ", |l| {
                    with_words(l, &format!("(step {step})"))
                });
                format!("{appendix}'s title changed")
            }
        }
        15 => {
            if rng.below(2) == 0 {
                next_last_digit(site, CSV_APPENDIX);
                format!("a figure in {CSV_APPENDIX} changed (same size, same time)")
            } else {
                next_last_digit(site, PDF_APPENDIX);
                format!("{PDF_APPENDIX} replaced (same size, same time)")
            }
        }
        16 => match rng.below(3) {
            0 => {
                let fill = if read(site, IMAGE).contains("#1d70b8") {
                    "#d4351c"
                } else {
                    "#1d70b8"
                };
                write_keeping_time(site, IMAGE, svg(fill, 40).as_bytes());
                format!("{IMAGE} recoloured (same size, same time)")
            }
            1 => {
                site.write(IMAGE, svg("#00703c", 40 + step));
                format!("{IMAGE} made wider")
            }
            _ => {
                site.write(
                    LINKED_FILE,
                    format!("PK\x03\x04 a stand-in for a Word file, revision {step}\n"),
                );
                format!("{LINKED_FILE} replaced")
            }
        },
        17 => {
            if rng.below(4) == 0 {
                replace_in(
                    site,
                    Path::new(TEMPLATE),
                    TEMPLATE_NOTE,
                    &format!("{TEMPLATE_BREAK}{TEMPLATE_NOTE}"),
                );
                format!("{TEMPLATE} broken (a block never closed)")
            } else {
                change_line(site, TEMPLATE, &format!("  {TEMPLATE_NOTE}"), |_| {
                    format!("  {TEMPLATE_NOTE}Theme note of step {step}.</p>")
                });
                format!("{TEMPLATE}'s note changed")
            }
        }
        18 => {
            if rng.below(2) == 0 {
                next_last_digit(site, STATIC_FILE);
                let text = read(site, STATIC_FILE);
                format!(
                    "{STATIC_FILE}'s comment changed (same size, same time): {:?}",
                    text.lines().next().unwrap_or("")
                )
            } else {
                let old = read(site, STATIC_FILE);
                site.write(
                    STATIC_FILE,
                    format!("{old}/* step {step} */ .theme-note {{ display: none; }}\n"),
                );
                format!("a rule added to {STATIC_FILE}")
            }
        }
        // Stale today: every page's navigation lists the content pages by title.
        19 => {
            change_line(site, PAGE, "title: ", |l| with_words(l, &format!("{step}")));
            format!("{PAGE}'s title changed")
        }
        // Stale today: the 404 page lists the boards by title.
        20 => {
            let board = BOARDS[rng.below(2)];
            change_line(site, board, "title: ", |l| {
                with_words(l, &format!("{step}"))
            });
            format!("{board}'s title changed")
        }
        // People: a person's own file (their page, the people index, open data, every page that
        // names them).
        21 => {
            let person = PEOPLE[rng.below(PEOPLE.len())];
            match rng.below(3) {
                0 => {
                    change_line(site, person, "name: ", |l| {
                        with_words(l, &format!("{step}"))
                    });
                    format!("{person}'s name changed")
                }
                1 => {
                    change_line(site, person, "party: ", |l| {
                        with_words(l, &format!("{step}"))
                    });
                    format!("{person}'s party changed")
                }
                _ => {
                    add_paragraph(site, person, &format!("Biography, step {step}."));
                    format!("{person}'s biography added to")
                }
            }
        }
        // A name in minutes moved between attendance lists: attendance on people's pages.
        22 => {
            let minutes = "content/transport-board/2026-09-15/minutes.md";
            let text = read(site, minutes);
            let present = "    - person: fiona-calder\n";
            if text.contains(present) {
                let text = text.replacen(present, "", 1).replacen(
                    "  apologies:\n",
                    "  apologies:\n    - person: fiona-calder\n",
                    1,
                );
                site.write(minutes, text);
                "fiona-calder moved to apologies".to_string()
            } else {
                let text = text
                    .replacen("    - person: fiona-calder\n", "", 1)
                    .replacen("  present:\n", &format!("  present:\n{present}"), 1);
                site.write(minutes, text);
                "fiona-calder moved back to present".to_string()
            }
        }
        // A membership ended, or its end moved: the board page, people's pages, open data.
        23 => {
            let board = "content/transport-board/board.md";
            let text = read(site, board);
            let member = "      - person: aled-morgan\n";
            let day = 1 + rng.below(28);
            let ended = format!("{member}        end_date: 2026-10-{day:02}\n");
            let text = match text.find(&format!("{member}        end_date: ")) {
                Some(at) => {
                    let end = at + member.len() + "        end_date: 2026-10-00\n".len();
                    format!("{}{ended}{}", &text[..at], &text[end..])
                }
                None => text.replacen(member, &ended, 1),
            };
            site.write(board, text);
            format!("aled-morgan's transport membership ends 2026-10-{day:02}")
        }
        // A person added, who a minutes' plain name then finds.
        24 => {
            let rel = format!("content/people/new-person-{step}.md");
            site.write(
                &rel,
                format!("---\nname: New Person {step}\nhonorific: Cllr\nparty: Independent\n---\n"),
            );
            format!("{rel} added")
        }
        // Stale today: open data gives a file appendix's size.
        _ => {
            let old = read(site, CSV_APPENDIX);
            site.write(
                CSV_APPENDIX,
                format!("{old}99,Step {step} route,Valleyline Buses,Harwick,100,110,10.0\n"),
            );
            format!("a row added to {CSV_APPENDIX}")
        }
    }
}

/// Undoes the edits that make the site invalid (a paper's front matter broken, the template
/// override left open), so the sequence goes on from a valid site.
fn mend(site: &TestSite) {
    for paper in papers(site) {
        let path = site.root().join(&paper);
        let text = std::fs::read_to_string(&path).unwrap();
        if text.contains("item: [") {
            std::fs::write(&path, text.replacen("item: [", "item: ", 1)).unwrap();
        }
    }
    let template = read(site, TEMPLATE);
    if template.contains(TEMPLATE_BREAK) {
        site.write(TEMPLATE, template.replace(TEMPLATE_BREAK, ""));
    }
}

/// The first `n` edit kinds in a random order: each seed makes every kind of edit once.
fn shuffled_kinds(rng: &mut Lcg, n: usize) -> Vec<usize> {
    let mut kinds: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        kinds.swap(i, rng.below(i + 1));
    }
    kinds
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

/// Sequences of edits, each seed making every kind once in its own order, each edit built with the
/// cache and clean and the two compared file for file.
fn random_edits(seeds: &[u64]) {
    for &seed in seeds {
        let site = every_kind_site();
        let cache = site.scratch().join("cache");
        let first =
            assert_same_as_clean(&site, &cache, false, &format!("seed {seed}, first build"));
        assert!(
            first.ok,
            "seed {seed}: the first build failed: {:?}",
            first.codes
        );
        assert_eq!(first.cached, 0, "a first build has nothing to reuse");
        let mut rng = Lcg(seed);
        let mut partial = 0;
        for (i, kind) in shuffled_kinds(&mut rng, KINDS).into_iter().enumerate() {
            let step = i + 1;
            let what = edit(&site, &cache, kind, &mut rng, step);
            let step_name = format!("seed {seed}, step {step} (kind {kind}: {what})");
            // The sequence so far, shown with a failure.
            println!("{step_name}");
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

/// The sequences take every kind of edit, those that once published stale output (a content
/// page's or a board's title, a file appendix resized) too: the tests at the end pin each one.
#[test]
fn random_edits_of_every_kind_built_with_the_cache_match_clean_builds() {
    random_edits(&[1, 2, 3]);
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

// Single edits worth pinning, each of one kind of source.

/// Every HTML page of an output, parsed, by its path.
fn html_pages(out: &Path) -> Vec<(PathBuf, scraper::Html)> {
    common::all_files(out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| {
            let text = std::fs::read_to_string(out.join(&p)).unwrap();
            (p, scraper::Html::parse_document(&text))
        })
        .collect()
}

/// A meeting's body is shown on its agenda page only; the lists, feeds and calendars read its front
/// matter. Edited alone, it is a body-only edit that reuses everything else.
#[test]
fn a_meetings_body_edited_alone_is_on_its_page() {
    let site = TestSite::example();
    let cache = site.scratch().join("cache");
    assert!(assert_same_as_clean(&site, &cache, false, "first build").ok);
    add_paragraph(
        &site,
        "content/transport-board/2026-09-15/meeting.md",
        "A closing note, CANARY-MEETING-BODY.",
    );
    let built = assert_same_as_clean(&site, &cache, false, "a meeting's body edited");
    assert!(built.ok && built.cached > 0, "the build reused the cache");
    let page = common::file_for(
        &site.scratch().join("cached"),
        "/transport-board/2026-09-15/",
    );
    let page = scraper::Html::parse_document(&std::fs::read_to_string(page).unwrap());
    assert!(
        common::texts(&page, "main p")
            .iter()
            .any(|p| p.contains("CANARY-MEETING-BODY")),
        "the agenda page shows the new paragraph"
    );
}

/// A decision in the minutes' front matter is shown by the minutes page and by the site-wide
/// decisions register, which are made by different units.
#[test]
fn a_minutes_item_edited_is_in_the_minutes_and_the_decisions_register() {
    let site = TestSite::example();
    let cache = site.scratch().join("cache");
    assert!(assert_same_as_clean(&site, &cache, false, "first build").ok);
    replace_in(
        &site,
        Path::new("content/transport-board/2026-09-15/minutes.md"),
        "      - The Board noted the transition plan",
        "      - CANARY-DECISION The Board noted the transition plan",
    );
    let built = assert_same_as_clean(&site, &cache, false, "a decision edited");
    assert!(built.ok && built.cached > 0, "the build reused the cache");
    let showing: Vec<String> = html_pages(&site.scratch().join("cached"))
        .into_iter()
        .filter(|(_, page)| {
            common::texts(page, "ul.decisions li, main li, main td")
                .iter()
                .any(|t| t.contains("CANARY-DECISION"))
        })
        .map(|(path, _)| path.display().to_string())
        .collect();
    assert!(
        showing
            .iter()
            .any(|p| p.starts_with("transport-board/2026-09-15/")),
        "the minutes page shows the new decision: {showing:?}"
    );
    assert!(
        showing.iter().any(|p| p.starts_with("decisions/")),
        "the decisions register shows it: {showing:?}"
    );
}

/// A site's own `templates/base.html` overrides the built-in one; an edit of it is on every page.
#[test]
fn a_template_override_edited_is_on_every_page() {
    let site = every_kind_site();
    let cache = site.scratch().join("cache");
    assert!(assert_same_as_clean(&site, &cache, false, "first build").ok);
    let note = |out: &Path| -> Vec<(PathBuf, Vec<String>)> {
        html_pages(out)
            .into_iter()
            .map(|(path, page)| (path, common::texts(&page, "p.theme-note")))
            .collect()
    };
    let before = note(&site.scratch().join("cached"));
    assert!(
        before
            .iter()
            .all(|(_, n)| n == &["Theme note, first version."]),
        "every page shows the override's note"
    );
    change_line(&site, TEMPLATE, &format!("  {TEMPLATE_NOTE}"), |_| {
        format!("  {TEMPLATE_NOTE}Theme note, second version.</p>")
    });
    assert!(assert_same_as_clean(&site, &cache, false, "the override edited").ok);
    let after = note(&site.scratch().join("cached"));
    assert_eq!(after.len(), before.len());
    for (path, n) in after {
        assert_eq!(
            n,
            ["Theme note, second version."],
            "{} shows the edited override",
            path.display()
        );
    }
}

/// A static file changed in a way only its bytes show (the same size and modification time) is
/// published: the cache fingerprints the theme's files by content.
#[test]
fn a_static_file_edited_with_the_same_size_and_time_is_published() {
    let site = every_kind_site();
    let cache = site.scratch().join("cache");
    assert!(assert_same_as_clean(&site, &cache, false, "first build").ok);
    next_last_digit(&site, STATIC_FILE);
    assert!(assert_same_as_clean(&site, &cache, false, "the static file edited").ok);
    assert_eq!(
        std::fs::read(site.scratch().join("cached/assets/print.css")).unwrap(),
        std::fs::read(site.path(STATIC_FILE)).unwrap(),
        "the output has the edited file"
    );
}

/// A paper's file appendix and an image its body shows, each replaced by one of the same size and
/// modification time, are published anew.
#[test]
fn an_attachment_replaced_with_the_same_size_and_time_is_published() {
    let site = every_kind_site();
    let cache = site.scratch().join("cache");
    assert!(assert_same_as_clean(&site, &cache, false, "first build").ok);
    let published = [
        (
            CSV_APPENDIX,
            "transport-board/2026-06-16/3-bus-franchising-consultation/route-patronage.csv",
        ),
        (
            PDF_APPENDIX,
            "transport-board/2026-09-15/5-capital-programme-q1-monitoring/scheme-tables.pdf",
        ),
        (
            IMAGE,
            "files/transport-board/2026-09-15/images/network-map.svg",
        ),
    ];
    for (source, output) in published {
        let old_size = std::fs::metadata(site.path(source)).unwrap().len();
        if source == IMAGE {
            write_keeping_time(&site, IMAGE, svg("#d4351c", 40).as_bytes());
        } else {
            next_last_digit(&site, source);
        }
        assert_eq!(
            std::fs::metadata(site.path(source)).unwrap().len(),
            old_size
        );
        let built = assert_same_as_clean(&site, &cache, false, &format!("{source} replaced"));
        assert!(built.ok && built.cached > 0, "the build reused the cache");
        assert_eq!(
            std::fs::read(site.scratch().join("cached").join(output))
                .unwrap_or_else(|e| panic!("{output}: {e}")),
            std::fs::read(site.path(source)).unwrap(),
            "{output} is the new {source}"
        );
    }
}

/// A board's title is on its own pages, in the lists and on the 404 page, which lists every board; a
/// cached build must change all of them.
#[test]
fn a_board_title_edited_changes_every_page_that_names_it() {
    let site = TestSite::example();
    let cache = site.scratch().join("cache");
    assert!(assert_same_as_clean(&site, &cache, false, "first build").ok);
    replace_in(
        &site,
        Path::new("content/transport-board/board.md"),
        "title: Transport and Infrastructure Board",
        "title: Transport Board",
    );
    assert!(assert_same_as_clean(&site, &cache, false, "a board's title edited").ok);
    let out = site.scratch().join("cached");
    for url in ["/404.html", "/boards/"] {
        let page = scraper::Html::parse_document(
            &std::fs::read_to_string(common::file_for(&out, url)).unwrap(),
        );
        let links = common::texts(&page, "main a");
        assert!(
            links.iter().any(|l| l == "Transport Board"),
            "{url} lists the board by its new title: {links:?}"
        );
    }
}

/// Every page's main navigation lists the content pages by title: one page's title edited changes
/// every page of the site. (With its slug pinned: else the title names its URL too, and the new
/// URL changes the site's shape, which renders everything.)
#[test]
fn a_content_pages_title_edited_changes_the_navigation_of_every_page() {
    let site = TestSite::example();
    pin_page_slug(&site);
    let cache = site.scratch().join("cache");
    assert!(assert_same_as_clean(&site, &cache, false, "first build").ok);
    replace_in(
        &site,
        Path::new(PAGE),
        "title: About these papers",
        "title: About our papers",
    );
    assert!(assert_same_as_clean(&site, &cache, false, "a page's title edited").ok);
    for (path, page) in html_pages(&site.scratch().join("cached")) {
        let nav = common::texts(&page, ".site-nav a");
        if nav.is_empty() {
            continue;
        }
        assert!(
            nav.iter().any(|t| t == "About our papers"),
            "{}'s navigation has the new title: {nav:?}",
            path.display()
        );
    }
}

/// A file appendix's size is in the open data (in bytes) and the board archives (in KB), made by the
/// site-wide unit, not only on its meeting's pages.
#[test]
fn an_appendix_file_resized_is_in_open_data_and_the_archives() {
    let site = TestSite::example();
    let cache = site.scratch().join("cache");
    assert!(assert_same_as_clean(&site, &cache, false, "first build").ok);
    // From 3 KB to 4 KB, as the archive shows it (rounded up).
    let mut text = read(&site, CSV_APPENDIX);
    for route in 90..110 {
        text.push_str(&format!(
            "{route},A new route,Valleyline Buses,Harwick,100,110,10.0\n"
        ));
    }
    site.write(CSV_APPENDIX, text);
    let size = std::fs::metadata(site.path(CSV_APPENDIX)).unwrap().len();
    assert!((3073..=4096).contains(&size), "{size} bytes");
    assert!(assert_same_as_clean(&site, &cache, false, "an appendix file resized").ok);
    let data: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            site.scratch()
                .join("cached/data/papers/transport-board.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let sizes: Vec<&serde_json::Value> = data["papers"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["appendices"].as_array().into_iter().flatten())
        .filter(|a| {
            a["url"]
                .as_str()
                .is_some_and(|u| u.ends_with("/route-patronage.csv"))
        })
        .map(|a| &a["size_bytes"])
        .collect();
    assert_eq!(
        sizes,
        [&serde_json::json!(size)],
        "open data has the new size"
    );
    let archive = std::fs::read_to_string(
        site.scratch()
            .join("cached/transport-board/archive/2026/index.html"),
    )
    .unwrap();
    assert!(
        archive.contains("(CSV spreadsheet, 4 KB)"),
        "the archive has the new size"
    );
}

/// An image a paper's body shows is typeset into the meeting's PDF pack: replaced, the pack must be
/// made again.
#[test]
fn an_image_replaced_is_in_the_pdf_packs() {
    let site = every_kind_site();
    let cache = site.scratch().join("cache");
    assert!(assert_same_as_clean(&site, &cache, true, "first build").ok);
    let packs = |out: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        snapshot(out)
            .into_iter()
            .filter(|(p, _)| {
                p.starts_with("transport-board/2026-09-15")
                    && p.extension().is_some_and(|e| e == "pdf")
                    && !p.ends_with("scheme-tables.pdf")
            })
            .collect()
    };
    let before = packs(&site.scratch().join("cached"));
    assert!(!before.is_empty(), "the meeting has PDF packs");
    site.write(IMAGE, svg("#d4351c", 80));
    assert!(assert_same_as_clean(&site, &cache, true, "the image replaced").ok);
    let after = packs(&site.scratch().join("cached"));
    assert_ne!(after, before, "a pack showing the image changed");
}

/// A site's own `pdf/pack.typ` overrides the built-in PDF template (as `templates/` does the HTML
/// ones); an edit of it changes every pack.
#[test]
fn a_pdf_template_override_edited_is_in_every_pack() {
    let site = TestSite::example();
    let template = std::fs::read_to_string(common::repo_root().join("themes/default/pdf/pack.typ"))
        .expect("the default theme's pack.typ");
    site.write("pdf/pack.typ", &template);
    let cache = site.scratch().join("cache");
    assert!(assert_same_as_clean(&site, &cache, true, "first build").ok);
    let pdfs = |out: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        snapshot(out)
            .into_iter()
            .filter(|(p, _)| p.extension().is_some_and(|e| e == "pdf"))
            .collect()
    };
    let before = pdfs(&site.scratch().join("cached"));
    assert!(!before.is_empty(), "the site has PDF packs");
    replace_in(
        &site,
        Path::new("pdf/pack.typ"),
        "show heading.where(level: 1): set text(size: 18pt)",
        "show heading.where(level: 1): set text(size: 20pt)",
    );
    assert!(assert_same_as_clean(&site, &cache, true, "the PDF template edited").ok);
    let after = pdfs(&site.scratch().join("cached"));
    assert_eq!(after.len(), before.len());
    for ((path, old), (_, new)) in before.iter().zip(&after) {
        assert_ne!(
            old,
            new,
            "{} is typeset with the edited template",
            path.display()
        );
    }
}
