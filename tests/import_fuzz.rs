//! Fuzzing the whole of `import` (reader, typed numbers, cover block, Markdown writer, fidelity), not
//! just its readers: arbitrary text and text exports, and Word files, mutated from the fixtures in
//! `tests/import/`. For every case:
//!
//! - **no panic**: the import runs on a thread of its own, and a panic there fails the case;
//! - **no hang**: it returns within [`TIME_LIMIT`] (a thread that does not is reported, not waited for);
//! - **bounded memory**: the most it holds at once (counted by this test's allocator) stays under
//!   [`memory_limit`] of its input;
//! - **every error is located**: each diagnostic names the source file, says what is wrong, and how to
//!   fix it;
//! - **nothing written on error**: the site's files are as they were.
//!
//! A case that ever fails is kept in `tests/import/fuzz/` (its bytes, named for what it exercises) and
//! run by [`kept_cases_import_or_are_refused_cleanly`] on every `cargo test`; proptest also keeps its
//! seed in `proptest-regressions/`. Cases: 64 per property by default, `PROPTEST_CASES=5000` for a
//! deeper run.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, mpsc};
use std::time::Duration;

use boardpack::import::{self, Options};
use common::TestSite;
use proptest::prelude::*;
use proptest::sample::Index;

// ---- memory: an allocator that counts ---------------------------------------------------------------

/// The system allocator, counting the bytes held now and the most held since [`Counting::reset`].
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

impl Counting {
    /// Starts measuring a peak from what is held now.
    fn reset() -> usize {
        let now = HELD.load(Ordering::SeqCst);
        PEAK.store(now, Ordering::SeqCst);
        now
    }

    fn grew(by: usize) {
        let now = HELD.fetch_add(by, Ordering::SeqCst) + by;
        PEAK.fetch_max(now, Ordering::SeqCst);
    }
}

// SAFETY: every call is passed to `System` unchanged; the counters are only arithmetic beside it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is `System`'s.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            Counting::grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            Counting::grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as `alloc`.
        unsafe { System.dealloc(ptr, layout) };
        HELD.fetch_sub(layout.size(), Ordering::SeqCst);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as `alloc`.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            HELD.fetch_sub(layout.size(), Ordering::SeqCst);
            Counting::grew(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One case at a time, so the peak measured is the case's own.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

// ---- one bounded import -----------------------------------------------------------------------------

/// How long one import may take. Fixtures import in well under a second in a debug build.
const TIME_LIMIT: Duration = Duration::from_secs(10);

/// The most an import of `input` bytes may hold at once: a fixed allowance (the site, the parsed
/// tree, the Markdown written, Typst decoding a picture) plus a multiple of the input.
fn memory_limit(input: usize) -> usize {
    64_000_000 + 200 * input
}

/// A site to import into: the minimal site (one board, `audit-board`, one meeting).
struct Fuzz {
    site: TestSite,
    before: std::collections::BTreeMap<PathBuf, Vec<u8>>,
}

impl Fuzz {
    fn new() -> Fuzz {
        let site = TestSite::minimal();
        let before = common::snapshot(site.root());
        Fuzz { site, before }
    }

    /// Imports `bytes` as the file `name`, within the bounds; returns the diagnostics' messages when
    /// it was refused. Fails the case (a `TestCaseError`) when a bound or an invariant does not hold.
    fn import(&self, name: &str, bytes: &[u8]) -> Result<Option<Vec<String>>, TestCaseError> {
        let source = self.site.scratch().join(name);
        std::fs::write(&source, bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let options = Options {
            root: self.site.root().to_path_buf(),
            board: "audit-board".into(),
            date: "2026-12-01".parse().expect("a date"),
            item: Some("9".into()),
            split_appendices: bytes.len().is_multiple_of(2),
        };
        let sources = vec![source.clone()];
        let guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        let base = Counting::reset();
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name(format!("import {name}"))
            .spawn(move || {
                let result = import::import(&sources, &options);
                // The paper's bytes are measured with the rest, then dropped here.
                let _ = tx.send(result.map(|i| i.into_iter().map(Summary::of).collect::<Vec<_>>()));
            })
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let result = match rx.recv_timeout(TIME_LIMIT) {
            Ok(r) => r,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                return Err(TestCaseError::fail(format!(
                    "{name}: the import took more than {TIME_LIMIT:?}"
                )));
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(TestCaseError::fail(format!("{name}: the import panicked")));
            }
        };
        let peak = PEAK.load(Ordering::SeqCst).saturating_sub(base);
        drop(guard);
        prop_assert!(
            peak <= memory_limit(bytes.len()),
            "{name}: the import held {peak} bytes at once, over {} for {} bytes of input",
            memory_limit(bytes.len()),
            bytes.len()
        );
        prop_assert!(
            common::snapshot(self.site.root()) == self.before,
            "{name}: the site changed"
        );
        match result {
            Ok(papers) => {
                prop_assert_eq!(papers.len(), 1);
                let paper = &papers[0];
                prop_assert!(paper.paper_first, "{}: the paper is the first file", name);
                prop_assert!(
                    paper.under_root,
                    "{}: a file outside the site's content: {:?}",
                    name,
                    paper.files
                );
                prop_assert!(
                    paper.starts_with_front_matter,
                    "{}: the paper starts with its front matter",
                    name
                );
                Ok(None)
            }
            Err(diags) => {
                prop_assert!(!diags.is_empty());
                for d in &diags {
                    prop_assert_eq!(
                        &d.file,
                        &source,
                        "{}: the error names the file: {:?}",
                        name,
                        d
                    );
                    prop_assert!(d.is_error(), "{}: {:?}", name, d);
                    prop_assert!(d.code.starts_with("BP09"), "{}: {:?}", name, d);
                    prop_assert!(!d.message.trim().is_empty(), "{}: says what is wrong", name);
                    prop_assert!(
                        d.help.as_deref().is_some_and(|h| !h.trim().is_empty()),
                        "{}: says how to fix it: {:?}",
                        name,
                        d
                    );
                }
                Ok(Some(diags.into_iter().map(|d| d.message).collect()))
            }
        }
    }
}

/// What the checks need of an import, made on its thread.
struct Summary {
    files: Vec<PathBuf>,
    paper_first: bool,
    under_root: bool,
    starts_with_front_matter: bool,
}

impl Summary {
    fn of(i: import::Imported) -> Summary {
        let root_of = |p: &Path| p.components().any(|c| c.as_os_str() == "content");
        Summary {
            paper_first: i.files.first().is_some_and(|(p, _)| *p == i.paper),
            under_root: i
                .files
                .iter()
                .all(|(p, _)| root_of(p) && !p.components().any(|c| c.as_os_str() == "..")),
            starts_with_front_matter: i
                .files
                .first()
                .is_some_and(|(_, b)| b.starts_with(b"---\n")),
            files: i.files.into_iter().map(|(p, _)| p).collect(),
        }
    }
}

// ---- seeds --------------------------------------------------------------------------------------------

fn fixture_dir() -> PathBuf {
    common::repo_root().join("tests/import")
}

/// The files of a fixture folder with one of `extensions`, sorted, with their bytes.
fn seeds(dir: &Path, extensions: &[&str]) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| extensions.iter().any(|x| e == *x))
        })
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no seeds in {}", dir.display());
    out
}

fn text_seeds() -> Vec<(String, Vec<u8>)> {
    seeds(&fixture_dir().join("text"), &["txt", "md"])
}

fn docx_seeds() -> Vec<(String, Vec<u8>)> {
    seeds(&fixture_dir(), &["docx"])
}

/// Pieces that mean something to the readers, for inserting: structure, numbers, labels, and bytes a
/// text export should not hold.
const TEXT_PIECES: &[&str] = &[
    "\n",
    "\n\n",
    "\r\n",
    "\x0c",
    "\t",
    "1. ",
    "2.1 ",
    "- 3.2.1. ",
    "(a) ",
    "iv. ",
    "Purpose\n",
    "Summary:\t",
    "Recommendations\n\nThat the Board:\n(a) notes",
    "Contact officer: ",
    "Item 4\n",
    "Appendix A: Costs\n",
    "Page 3 of 12\n",
    "# ",
    "## ",
    "**",
    "_",
    "|",
    "| --- | --- |\n",
    "[^1]",
    "[^1]: ",
    "![",
    "](",
    "<br>",
    "&amp;",
    "\u{feff}",
    "\u{0}",
    "\u{1}",
    "\u{fffd}",
    "’",
    "£",
    "\u{2029}",
];

/// Pieces of WordprocessingML, for inserting into a document's XML inside a valid zip.
const XML_PIECES: &[&str] = &[
    "<w:p>",
    "</w:p>",
    "<w:r><w:t>Inserted words.</w:t></w:r>",
    "<w:r>",
    "</w:r>",
    "<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>",
    "<w:tc>",
    "</w:tbl>",
    "<w:pPr><w:numPr><w:ilvl w:val=\"8\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>",
    "<w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>",
    "<w:footnoteReference w:id=\"999\"/>",
    "<w:drawing><a:blip r:embed=\"rId999\"/></w:drawing>",
    "<w:ins w:id=\"1\">",
    "<w:del w:id=\"2\"><w:r><w:delText>gone</w:delText></w:r></w:del>",
    "<w:fldSimple w:instr=\"HYPERLINK &quot;x&quot;\">",
    "<w:br/>",
    "&amp;",
    "&#0;",
    "&#xD800;",
    "<![CDATA[",
    "<!--",
    "\"",
    "<",
    ">",
    "w:val=\"-1\"",
    "w:val=\"4294967296\"",
];

/// One change to a file's bytes.
#[derive(Debug, Clone)]
enum Edit {
    /// Set one byte.
    Set(Index, u8),
    /// Remove up to `n` bytes.
    Delete(Index, u8),
    /// Insert one of the pieces.
    Piece(Index, Index),
    /// Insert arbitrary bytes.
    Bytes(Index, Vec<u8>),
    /// Repeat a stretch (a paragraph, an element) in place.
    Repeat(Index, u16),
    /// Cut the file short.
    Truncate(Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        1 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Edit::Set(i, b)),
        1 => (any::<Index>(), 1u8..64).prop_map(|(i, n)| Edit::Delete(i, n)),
        4 => (any::<Index>(), any::<Index>()).prop_map(|(i, p)| Edit::Piece(i, p)),
        1 => (any::<Index>(), prop::collection::vec(any::<u8>(), 1..16)).prop_map(|(i, b)| Edit::Bytes(i, b)),
        1 => (any::<Index>(), 1u16..400).prop_map(|(i, n)| Edit::Repeat(i, n)),
        1 => any::<Index>().prop_map(Edit::Truncate),
    ]
}

/// Applies `edits` to `bytes`, inserting from `pieces`.
fn apply(bytes: &mut Vec<u8>, edits: &[Edit], pieces: &[&str]) {
    for e in edits {
        let at = |i: &Index, len: usize| i.index(len + 1);
        match e {
            Edit::Set(i, b) if !bytes.is_empty() => {
                let k = i.index(bytes.len());
                bytes[k] = *b;
            }
            Edit::Set(..) => {}
            Edit::Delete(i, n) => {
                let k = at(i, bytes.len());
                let end = (k + usize::from(*n)).min(bytes.len());
                bytes.drain(k..end);
            }
            Edit::Piece(i, p) => {
                let k = at(i, bytes.len());
                let piece = pieces[p.index(pieces.len())].as_bytes();
                bytes.splice(k..k, piece.iter().copied());
            }
            Edit::Bytes(i, b) => {
                let k = at(i, bytes.len());
                bytes.splice(k..k, b.iter().copied());
            }
            Edit::Repeat(i, n) => {
                let k = at(i, bytes.len());
                let end = (k + usize::from(*n)).min(bytes.len());
                let stretch = bytes[k..end].to_vec();
                bytes.splice(end..end, stretch);
            }
            Edit::Truncate(i) => {
                let k = at(i, bytes.len());
                // Never to nothing every time: keep at least half, as a cut-short download does.
                bytes.truncate(k.max(bytes.len() / 2));
            }
        }
    }
}

/// The entries of a zip archive, in order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a fixture is a zip");
    (0..zip.len())
        .map(|k| {
            let mut file = zip.by_index(k).expect("an entry");
            let name = file.name().expect("a UTF-8 name").to_string();
            let mut data = Vec::new();
            file.read_to_end(&mut data).expect("an entry reads");
            (name, data)
        })
        .collect()
}

fn rezip(entries: &[(String, Vec<u8>)], deflate: bool) -> Vec<u8> {
    let method = if deflate {
        zip::CompressionMethod::Deflated
    } else {
        zip::CompressionMethod::Stored
    };
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        zip.start_file(
            name.as_str(),
            zip::write::SimpleFileOptions::default().compression_method(method),
        )
        .expect("start an entry");
        zip.write_all(data).expect("write an entry");
    }
    zip.finish().expect("finish the zip").into_inner()
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

// ---- the properties -----------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// Any string as a text or Markdown export.
    #[test]
    fn arbitrary_text_imports_or_is_refused_cleanly(text in any::<String>(), markdown in any::<bool>()) {
        let fuzz = Fuzz::new();
        let name = if markdown { "arbitrary.md" } else { "arbitrary.txt" };
        fuzz.import(name, text.as_bytes())?;
    }

    /// Any bytes as a text export: almost always binary data, refused.
    #[test]
    fn arbitrary_bytes_import_or_are_refused_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..6000)) {
        let fuzz = Fuzz::new();
        fuzz.import("bytes.txt", &bytes)?;
    }

    /// The text fixtures, edited: pieces of structure inserted, stretches repeated or cut, bytes set.
    #[test]
    fn edited_text_exports_import_or_are_refused_cleanly(seed in any::<Index>(), edits in prop::collection::vec(edit(), 1..24)) {
        let seeds = text_seeds();
        let (name, bytes) = &seeds[seed.index(seeds.len())];
        let mut bytes = bytes.clone();
        apply(&mut bytes, &edits, TEXT_PIECES);
        let fuzz = Fuzz::new();
        fuzz.import(name, &bytes)?;
    }

    /// The Word fixtures' bytes, edited: most edits damage the zip, which must be refused cleanly.
    #[test]
    fn edited_word_files_import_or_are_refused_cleanly(seed in any::<Index>(), edits in prop::collection::vec(edit(), 1..8)) {
        let seeds = docx_seeds();
        let (name, bytes) = &seeds[seed.index(seeds.len())];
        let mut bytes = bytes.clone();
        apply(&mut bytes, &edits, XML_PIECES);
        let fuzz = Fuzz::new();
        fuzz.import(name, &bytes)?;
    }

    /// The Word fixtures with one part's XML (or picture) edited inside a sound zip, so the edits reach
    /// the XML reader, the converter and everything after it.
    #[test]
    fn word_files_with_edited_parts_import_or_are_refused_cleanly(
        seed in any::<Index>(),
        part in any::<Index>(),
        edits in prop::collection::vec(edit(), 1..16),
        deflate in any::<bool>(),
    ) {
        let seeds = docx_seeds();
        let (name, bytes) = &seeds[seed.index(seeds.len())];
        let mut entries = unzip(bytes);
        // The document's text most of the time; any part (styles, numbering, notes, pictures) otherwise.
        let k = match entries.iter().position(|(n, _)| n == "word/document.xml") {
            Some(main) if part.index(3) > 0 => main,
            _ => part.index(entries.len()),
        };
        apply(&mut entries[k].1, &edits, XML_PIECES);
        let fuzz = Fuzz::new();
        fuzz.import(name, &rezip(&entries, deflate))?;
    }
}

// ---- kept cases -------------------------------------------------------------------------------------

/// Every case kept in `tests/import/fuzz/` (found by the properties above, or made by hand for a bug
/// once fixed) imports, or is refused with located errors, within the bounds. A kept case named
/// `refused-*` must be refused.
#[test]
fn kept_cases_import_or_are_refused_cleanly() {
    let fuzz = Fuzz::new();
    for (name, bytes) in seeds(&fixture_dir().join("fuzz"), &["txt", "md", "docx"]) {
        let outcome = fuzz
            .import(&name, &bytes)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        if name.starts_with("refused-") {
            assert!(outcome.is_some(), "{name} was imported");
        }
    }
}

/// Every fixture imports (the properties' seeds are sound), within the same bounds.
#[test]
fn every_fixture_imports_within_the_bounds() {
    let fuzz = Fuzz::new();
    for (name, bytes) in text_seeds().into_iter().chain(docx_seeds()) {
        let outcome = fuzz
            .import(&name, &bytes)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(outcome.is_none(), "{name} was refused: {outcome:?}");
    }
}
