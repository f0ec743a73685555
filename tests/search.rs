//! Site search: the index the search page reads, parsed as the browser reads it (`index.json`, the shards
//! `t/<prefix>.json`, the records `d/<n>.json`), on the example site and on a fixture with withheld content.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

/// A built site's search index, read from the folder its search page names.
struct SearchIndex {
    dir: PathBuf,
    manifest: Value,
    /// Shard key → parsed shard.
    shards: BTreeMap<String, Value>,
    /// Every document's record: [title, path, iso date, date in words, snippet, anchors].
    docs: Vec<Value>,
}

/// One document a word is in: its record, score and the anchors of the places it is at ("" = the top).
#[derive(Debug)]
struct Hit {
    doc: usize,
    path: String,
    score: u64,
    places: Vec<String>,
}

fn parse_json(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

impl SearchIndex {
    /// Reads the index that `/search/` (under `base_path`) points at.
    fn read(built: &Built, base_path: &str) -> Self {
        let page = built.page("/search/");
        let index_url =
            attr(&page, "form#search-form", "data-index").expect("the search form names its index");
        let rel = index_url
            .strip_prefix(base_path)
            .unwrap_or_else(|| panic!("{index_url} is not under {base_path}"));
        assert!(
            rel.starts_with("search/index-") && rel.ends_with('/'),
            "index folder: {rel}"
        );
        let dir = built.out.join(rel);
        let manifest = parse_json(&dir.join("index.json"));
        let shards = manifest["shards"]
            .as_array()
            .expect("shards")
            .iter()
            .map(|k| {
                let key = k.as_str().expect("shard key").to_string();
                let shard = parse_json(&dir.join("t").join(boardpack::search::shard_file(&key)));
                (key, shard)
            })
            .collect();
        let count = manifest["docs"].as_u64().expect("docs") as usize;
        let chunk = manifest["chunk"].as_u64().expect("chunk") as usize;
        let mut docs = Vec::new();
        for n in 0..count.div_ceil(chunk) {
            docs.extend(
                parse_json(&dir.join(format!("d/{n}.json")))
                    .as_array()
                    .expect("records")
                    .iter()
                    .cloned(),
            );
        }
        assert_eq!(docs.len(), count, "one record per document");
        SearchIndex {
            dir,
            manifest,
            shards,
            docs,
        }
    }

    /// The shard `word` is in: the longest shard key that begins it (as search.js finds it).
    fn shard_of(&self, word: &str) -> Option<&Value> {
        self.shards
            .iter()
            .filter(|(k, _)| word.starts_with(k.as_str()))
            .max_by_key(|(k, _)| k.len())
            .map(|(_, s)| s)
    }

    /// Every document the word (as written, folded) is in.
    fn hits(&self, word: &str) -> Vec<Hit> {
        let Some(shard) = self.shard_of(word) else {
            return Vec::new();
        };
        let Some(stem) = shard["w"].get(word).and_then(Value::as_u64) else {
            return Vec::new();
        };
        // Postings are in the shard, or `[n, documents]`: in `p/<n>.json`.
        let entry = &shard["p"][stem as usize];
        let text = match entry.as_array() {
            Some(external) => {
                let text = parse_json(&self.dir.join(format!("p/{}.json", external[0])))
                    .as_str()
                    .expect("postings text")
                    .to_string();
                assert_eq!(
                    text.split(' ').count() as u64,
                    external[1].as_u64().expect("documents"),
                    "{word}: the document count is right"
                );
                text
            }
            None => entry.as_str().expect("postings text").to_string(),
        };
        let mut doc = 0usize;
        text.split(' ')
            .map(|entry| {
                let mut parts = entry.split(',');
                doc += usize::from_str_radix(parts.next().expect("gap"), 36).expect("base 36 gap");
                let score =
                    u64::from_str_radix(parts.next().expect("score"), 36).expect("base 36 score");
                let record = &self.docs[doc];
                let anchors: Vec<&str> = record[5]
                    .as_str()
                    .expect("anchors")
                    .split(' ')
                    .filter(|a| !a.is_empty())
                    .collect();
                let places = match parts.next() {
                    None => vec![String::new()],
                    Some(p) => p
                        .split('.')
                        .map(
                            |n| match usize::from_str_radix(n, 36).expect("base 36 place") {
                                0 => String::new(),
                                i => anchors[i - 1].to_string(),
                            },
                        )
                        .collect(),
                };
                Hit {
                    doc,
                    path: record[1].as_str().unwrap_or("").into(),
                    score,
                    places,
                }
            })
            .collect()
    }

    /// Does any document hold this word?
    fn has(&self, word: &str) -> bool {
        !self.hits(word).is_empty()
    }

    /// The (board slug, year, kind) of a document, from the groups of `index.json`.
    fn facets(&self, doc: usize) -> (Option<String>, i64, String) {
        let group = self.manifest["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .find(|g| {
                let first = g[0].as_u64().expect("first") as usize;
                (first..first + g[1].as_u64().expect("count") as usize).contains(&doc)
            })
            .unwrap_or_else(|| panic!("document {doc} is in no group"));
        let board = usize::try_from(group[2].as_i64().expect("board"))
            .ok()
            .map(|b| {
                self.manifest["boards"][b][0]
                    .as_str()
                    .expect("slug")
                    .to_string()
            });
        let kind = self.manifest["kinds"][group[4].as_u64().expect("kind") as usize][0]
            .as_str()
            .expect("kind")
            .to_string();
        (board, group[3].as_i64().expect("year"), kind)
    }
}

/// The index words of `text`, without the common ones.
fn index_words(text: &str, stop: &Value) -> Vec<String> {
    let stop: BTreeSet<&str> = stop
        .as_array()
        .expect("stop words")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let mut out = Vec::new();
    boardpack::search::words(text, |w| {
        if !stop.contains(w) {
            out.push(w.to_string());
        }
    });
    out
}

/// An element's text without the numbers of the numbered paragraphs in it ("Paragraph 2.1").
fn text_without_numbers(element: scraper::ElementRef<'_>) -> String {
    element
        .descendants()
        .filter(|n| {
            !n.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| e.classes().any(|c| c == "para-num"))
            })
        })
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect::<Vec<_>>()
        .join(" ")
}

const FRANCHISING: &str = "/transport-board/2026-06-16/3-bus-franchising-consultation/";

/// The example site: every word of a paper's title, summary and body finds the paper, each in its
/// place (the body's in a numbered paragraph), and nothing of the exempt depot paper is indexed.
#[test]
fn example_index_finds_published_words_in_their_places() {
    let site = TestSite::example();
    let built = site.build();
    let index = SearchIndex::read(&built, "/");
    let source = std::fs::read_to_string(
        site.path("content/transport-board/2026-06-16/03-bus-franchising-consultation.md"),
    )
    .unwrap();
    let (front, body) = source
        .trim_start_matches("---\n")
        .split_once("\n---\n")
        .expect("front matter");
    let matter: serde_yaml::Value = serde_yaml::from_str(front).unwrap();
    let path = FRANCHISING.trim_start_matches('/');
    let finds = |word: &str| index.hits(word).into_iter().find(|h| h.path == path);

    for word in index_words(matter["title"].as_str().unwrap(), &index.manifest["stop"]) {
        let hit = finds(&word)
            .unwrap_or_else(|| panic!("the title word {word:?} does not find the paper"));
        assert!(
            hit.score >= 8,
            "{word}: a title word scores at least 8, got {}",
            hit.score
        );
        assert_eq!(
            hit.places[0], "",
            "{word}: a title word is at the top of the page"
        );
    }
    for word in index_words(matter["summary"].as_str().unwrap(), &index.manifest["stop"]) {
        assert!(
            finds(&word).is_some(),
            "the summary word {word:?} does not find the paper"
        );
    }
    // The body as the page shows it: the numbered paragraphs' text, without their numbers.
    let page = built.page(FRANCHISING);
    let shown: Vec<String> = select(&page, "div.para-body")
        .into_iter()
        .map(text_without_numbers)
        .collect();
    assert!(
        body.contains("## Background") && shown.len() > 10,
        "the paper has numbered paragraphs"
    );
    let body_words = index_words(&shown.join(" "), &index.manifest["stop"]);
    assert!(body_words.len() > 300, "the body has many words");
    for word in &body_words {
        assert!(
            finds(word).is_some(),
            "the body word {word:?} does not find the paper"
        );
    }
    // "auditor" is in paragraph 1 (and its footnote) only: the hit names that paragraph.
    let auditor = finds("auditor").expect("auditor");
    assert!(auditor.places.iter().any(|p| p == "p1"), "{auditor:?}");
    // Every anchor of the paper is an id on its page.
    let ids: BTreeSet<String> = select(&page, "[id]")
        .into_iter()
        .filter_map(|e| e.value().attr("id").map(str::to_string))
        .collect();
    let record = &index.docs[auditor.doc];
    for anchor in record[5]
        .as_str()
        .unwrap()
        .split(' ')
        .filter(|a| !a.is_empty())
    {
        assert!(ids.contains(anchor), "#{anchor} is not on the page");
    }

    // Minutes are found by the words of their items, at the item's anchor.
    let minutes = index.hits("okonjo");
    assert!(
        minutes.iter().any(|h| h.path.ends_with("/minutes/")),
        "{minutes:?}"
    );
    let stems: Vec<Hit> = index
        .hits("franchising")
        .into_iter()
        .filter(|h| h.path == "transport-board/2026-06-16/minutes/")
        .collect();
    assert!(stems[0].places.iter().any(|p| p == "item-3"), "{stems:?}");
    // Meetings by their agenda, boards by their description.
    assert!(
        index
            .hits("greenway")
            .iter()
            .any(|h| h.path == "transport-board/2026-12-08/")
    );
    assert!(
        index
            .hits("harwick")
            .iter()
            .any(|h| h.path == "transport-board/")
    );

    // The exempt paper (item 8 of 8 December) is not in the index, nor its agenda line.
    assert!(
        !index
            .docs
            .iter()
            .any(|d| d[1].as_str().unwrap().contains("depot-acquisition"))
    );
    let december = index
        .hits("acquisition")
        .into_iter()
        .filter(|h| h.path == "transport-board/2026-12-08/")
        .count();
    assert_eq!(december, 0, "the exempt item's agenda line is not indexed");
}

/// Canary words in every withheld place: exempt, draft and embargoed papers, an embargoed meeting, an
/// exempt minute item, an exempt appendix, draft minutes; and public words beside them.
fn withheld_site() -> TestSite {
    let paper = |item: u32, slug: &str, canary: &str, extra: &str| {
        format!(
            "---\ntitle: {canary} title\nmeeting: audit-board\ndate: 2026-12-01\nitem: {item}\nslug: {slug}\nsummary: {canary}summary\nrecommendations: [{canary}recommendation]\ncontact:\n  name: {canary}officer\n{extra}---\n\n## {canary}heading\n\n1. {canary}body paragraph.\n"
        )
    };
    TestSite::minimal()
        .file(
            "content/audit-board/2026-12-01/meeting.md",
            "---\nmeeting: audit-board\ndate: 2026-12-01\nagenda:\n  - item: 4\n    title: Internal audit progress\n    paper: 04-internal-audit-progress.md\n  - item: 5\n    title: Zqagendaexempt depot site\n    paper: 05-depot.md\n  - item: 6\n    title: Zqagendadraft strategy\n  - item: 7\n    title: Zqagendaembargo update\n---\n\nCover notes about the zqcovernotes meeting.\n",
        )
        .file(
            "content/audit-board/2026-12-01/04-internal-audit-progress.md",
            "---\ntitle: Internal audit zqpublictitle progress\nmeeting: audit-board\ndate: 2026-12-01\nitem: 4\nsummary: Progress zqpublicsummary against the plan.\nappendices:\n  - title: Zqappendixpublic schedule\n    file: appendices/schedule.md\n  - title: Zqappendixexempt prices\n    file: appendices/prices.md\n    exempt:\n      category: 3\n      reason: Prices.\n---\n\n## Background\n\n1. First zqpublicbody paragraph.\n\n2. Second:\n\n   1. a café zqpublicsub sub-paragraph.\n",
        )
        .file("content/audit-board/2026-12-01/appendices/schedule.md", "---\ntitle: Audit schedule\n---\n\n1. The zqappendixbody schedule.\n")
        .file("content/audit-board/2026-12-01/appendices/prices.md", "---\ntitle: Zqappendixexempttitle\n---\n\n1. Zqappendixexemptbody prices.\n")
        .file("content/audit-board/2026-12-01/05-depot.md", &paper(5, "depot", "zqexempt", "exempt:\n  category: 3\n  reason: Commercial.\n"))
        .file("content/audit-board/2026-12-01/06-fraud.md", &paper(6, "fraud", "zqdraft", "status: draft\n"))
        .file("content/audit-board/2026-12-01/07-treasury.md", &paper(7, "treasury", "zqembargo", "publish_from: 2026-11-30T09:00\n"))
        .file(
            "content/audit-board/2026-12-15/meeting.md",
            "---\nmeeting: audit-board\ndate: 2026-12-15\npublish_from: 2026-12-05\nagenda:\n  - item: 1\n    title: Zqmeetingagenda\n---\n\nZqmeetingcover notes.\n",
        )
        .file("content/audit-board/2026-12-15/01-plan.md", "---\ntitle: Zqmeetingpaper plan\nmeeting: audit-board\ndate: 2026-12-15\nitem: 1\nsummary: Zqmeetingsummary.\n---\n\n1. Zqmeetingbody.\n")
        .file(
            "content/audit-board/2026-11-01/minutes.md",
            "---\nmeeting: audit-board\ndate: 2026-11-01\nstatus: approved\nitems:\n  - item: 1\n    title: Zqminuteexempttitle negotiations\n    minute: Zqminuteexempt minute\n    decisions: [Zqminuteexemptdecision]\n    actions:\n      - action: Zqminuteexemptaction\n        owner: Zqminuteexemptowner\n    exempt:\n      category: 3\n      reason: Commercial negotiations.\n  - item: 2\n    title: Zqminutepublictitle\n    minute: The zqminutepublic minute.\n    decisions: [Zqminutepublicdecision]\n---\n",
        )
        .file("content/audit-board/2026-11-01/01-a.md", "---\ntitle: Depot negotiations\nmeeting: audit-board\ndate: 2026-11-01\nitem: 1\nsummary: Public.\n---\n\n1. Public.\n")
        .file("content/audit-board/2026-11-01/02-b.md", "---\ntitle: Second item\nmeeting: audit-board\ndate: 2026-11-01\nitem: 2\nsummary: Public.\n---\n\n1. Public.\n")
        .file(
            "content/audit-board/2026-11-15/minutes.md",
            "---\nmeeting: audit-board\ndate: 2026-11-15\nstatus: draft\nitems:\n  - item: 1\n    minute: Zqdraftminutes minute\n---\n\nZqdraftminutesbody\n",
        )
        .file("content/audit-board/2026-11-15/01-b.md", "---\ntitle: Another\nmeeting: audit-board\ndate: 2026-11-15\nitem: 1\nsummary: Public.\n---\n\n1. Public.\n")
}

/// Words of withheld content, in lower case as the index would hold them.
const WITHHELD: &[&str] = &[
    "zqexempt",
    "zqdraft",
    "zqembargo",
    "zqmeeting",
    "zqminuteexempt",
    "zqappendixexempt",
    "zqdraftminutes",
    "zqagendaexempt",
    "zqagendadraft",
    "zqagendaembargo",
];

/// No withheld word reaches any file of the index (searched as bytes, so no format can hide it), while
/// the public words beside them are found where they are.
#[test]
fn withheld_content_never_reaches_the_index() {
    let site = withheld_site();
    let built = site.build();
    let index = SearchIndex::read(&built, "/");
    for file in all_files(&index.dir) {
        let text =
            String::from_utf8_lossy(&std::fs::read(index.dir.join(&file)).unwrap()).to_lowercase();
        for canary in WITHHELD {
            assert!(
                !text.contains(canary),
                "{canary} is in the index file {}",
                file.display()
            );
        }
    }
    let paper = "audit-board/2026-12-01/4-internal-audit-progress/";
    let place = |word: &str, path: &str| -> Vec<String> {
        index
            .hits(word)
            .into_iter()
            .find(|h| h.path == path)
            .unwrap_or_else(|| panic!("{word} does not find {path}"))
            .places
    };
    assert_eq!(place("zqpublictitle", paper), [""]);
    assert_eq!(place("zqpublicsummary", paper), [""]);
    assert_eq!(place("zqpublicbody", paper), ["p1"]);
    assert_eq!(place("zqpublicsub", paper), ["p2.1"]);
    assert_eq!(place("cafe", paper), ["p2.1"], "accents are folded");
    assert_eq!(
        place("zqappendixpublic", paper),
        [""],
        "a published appendix's title is part of its paper"
    );
    assert_eq!(
        place("zqappendixbody", &format!("{paper}schedule/")),
        ["p1"]
    );
    assert_eq!(place("zqcovernotes", "audit-board/2026-12-01/"), [""]);
    let minutes = "audit-board/2026-11-01/minutes/";
    assert_eq!(place("zqminutepublictitle", minutes), ["item-2"]);
    assert_eq!(place("zqminutepublic", minutes), ["item-2"]);
    assert_eq!(place("zqminutepublicdecision", minutes), ["item-2"]);
    // The exempt minute item's line is on the page, but the index does not lead to it.
    assert!(index.hits("negotiations").iter().all(|h| h.path != minutes));
}

/// Two builds of the same site give byte-identical index files, in the same folder.
#[test]
fn the_index_is_deterministic() {
    let site = TestSite::example();
    let first = site.scratch().join("first");
    let second = site.scratch().join("second");
    assert_success(&site.build_into(&first, &[]), "first build");
    assert_success(&site.build_into(&second, &[]), "second build");
    let search = |out: &Path| snapshot(&out.join("search"));
    let (a, b) = (search(&first), search(&second));
    assert!(
        a.keys().any(|k| k.to_string_lossy().starts_with("index-")),
        "{:?}",
        a.keys().collect::<Vec<_>>()
    );
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (path, bytes) in &a {
        assert!(
            bytes == &b[path],
            "{} differs between builds",
            path.display()
        );
    }
}

/// An edit to one paper's text gives the index a new folder, so a browser holding the old index never
/// mixes its files with the new one's.
#[test]
fn an_edit_gives_the_index_a_new_folder() {
    let site = TestSite::example();
    let folder = |out: &Path| {
        let names: Vec<String> = std::fs::read_dir(out.join("search"))
            .expect("search folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("index-"))
            .collect();
        assert_eq!(names.len(), 1, "one index folder: {names:?}");
        names[0].clone()
    };
    let before = site.scratch().join("before");
    assert_success(&site.build_into(&before, &[]), "first build");
    let content = site.path("content");
    let is_public_paper = |t: &str| {
        t.contains("\nitem:")
            && !["draft:", "exempt:", "embargo"]
                .iter()
                .any(|w| t.contains(w))
    };
    let paper = all_files(&content)
        .into_iter()
        .map(|rel| content.join(rel))
        .find(|p| {
            p.extension().is_some_and(|x| x == "md")
                && std::fs::read_to_string(p).is_ok_and(|t| is_public_paper(&t))
        })
        .expect("a public paper in the example");
    let text = std::fs::read_to_string(&paper).expect("read the paper");
    std::fs::write(&paper, format!("{text}\nA zqnewword at the end.\n")).expect("edit the paper");
    let after = site.scratch().join("after");
    assert_success(&site.build_into(&after, &[]), "second build");
    assert_ne!(folder(&before), folder(&after));
}

/// The filters' data: each document's board, year and kind (from the groups of `index.json`) match its
/// address, the page offers exactly the boards, years and kinds the index holds, and the groups number
/// every document once.
#[test]
fn filter_metadata_matches_the_documents_and_the_form() {
    let site = TestSite::example();
    let built = site.build();
    let index = SearchIndex::read(&built, "/");
    let mut next = 0;
    for g in index.manifest["groups"].as_array().unwrap() {
        assert_eq!(
            g[0].as_u64().unwrap() as usize,
            next,
            "groups are consecutive"
        );
        next += g[1].as_u64().unwrap() as usize;
    }
    assert_eq!(next, index.docs.len());
    let (mut boards, mut years, mut kinds) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    for (doc, record) in index.docs.iter().enumerate() {
        let (board, year, kind) = index.facets(doc);
        let path = record[1].as_str().unwrap();
        let iso = record[2].as_str().unwrap();
        let expected = match path.split('/').filter(|s| !s.is_empty()).count() {
            1 if board.is_some() => "board",
            1 => "page",
            2 => "meeting",
            3 if path.ends_with("/minutes/") => "minutes",
            3 => "paper",
            _ => "appendix",
        };
        assert_eq!(kind, expected, "{path}");
        if let Some(b) = &board {
            assert!(
                path.starts_with(&format!("{b}/")),
                "{path} is filed under {b}"
            );
            boards.insert(b.clone());
        }
        if iso.is_empty() {
            assert_eq!(year, 0, "{path} has no date, so no year");
        } else {
            assert_eq!(iso[..4].parse::<i64>().unwrap(), year, "{path}");
            years.insert(year.to_string());
        }
        kinds.insert(kind);
    }
    let page = built.page("/search/");
    let options = |css: &str| -> BTreeSet<String> {
        select(&page, css)
            .into_iter()
            .filter_map(|o| o.value().attr("value").map(str::to_string))
            .filter(|v| !v.is_empty())
            .collect()
    };
    assert_eq!(options("select#search-board option"), boards);
    assert_eq!(options("select#search-year option"), years);
    assert_eq!(options("input[type=checkbox][name=kind]"), kinds);
    assert_eq!(
        kinds,
        ["appendix", "board", "meeting", "minutes", "page", "paper"]
            .map(String::from)
            .into_iter()
            .collect()
    );
}

/// The page: a GET form to itself with a labelled search box and filters in a fieldset with a legend,
/// the script as an external deferred file, a status region, and links for readers without JavaScript.
/// Under a sub-path every address carries it.
#[test]
fn the_search_page_works_without_script_and_under_a_sub_path() {
    let site = TestSite::example();
    let built = site.build_ok(&["--base-url", "https://example.org/committees/"]);
    let page = built.page("/search/");
    assert_eq!(only_h1(&page, "search"), "Search");
    let form = select(&page, "form#search-form")[0];
    assert_eq!(form.value().attr("method"), Some("get"));
    assert_eq!(form.value().attr("action"), Some("/committees/search/"));
    assert_eq!(form.value().attr("role"), Some("search"));
    assert_eq!(attr(&page, "input#search-q", "name").as_deref(), Some("q"));
    assert_eq!(
        texts(&page, "label[for=search-q]").len(),
        1,
        "the search box has a label"
    );
    assert_eq!(
        texts(&page, "fieldset.search-filters > legend"),
        ["Filter results"]
    );
    for id in ["search-board", "search-year"] {
        assert_eq!(
            texts(&page, &format!("label[for={id}]")).len(),
            1,
            "{id} has a label"
        );
    }
    let scripts = select(&page, "script");
    assert_eq!(scripts.len(), 1);
    assert_eq!(
        scripts[0].value().attr("src"),
        Some("/committees/assets/search.js")
    );
    assert!(scripts[0].value().attr("defer").is_some());
    assert!(text(scripts[0]).is_empty(), "no inline script");
    assert!(built.exists("/assets/search.js"));
    assert_eq!(
        attr(&page, "#search-status", "role").as_deref(),
        Some("status")
    );
    let index = SearchIndex::read(&built, "/committees/");
    assert!(index.has("franchising"));
    // Without the script, the page says how else to find papers.
    let browse = select(&page, "#search-browse")[0];
    assert!(
        text(browse).contains("Search needs JavaScript"),
        "{}",
        text(browse)
    );
    let links = hrefs(browse);
    for href in [
        "/committees/boards/",
        "/committees/transport-board/",
        "/committees/decisions/",
    ] {
        assert!(links.iter().any(|h| h == href), "{href} in {links:?}");
    }
}
