//! Phase 1, load: find every content file, read it, split it and parse its front matter.
//!
//! Loading never stops at a bad file: each problem becomes a diagnostic and the file is left out, so a
//! clerk learns about every broken file in one run. Files are read in parallel and returned in path
//! order, so everything downstream is deterministic.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::content::frontmatter::{self, SplitError};
use crate::content::kinds::{self, ContentKind, Fields, ForKind, Kind, Listed};
pub use crate::content::kinds::{Loaded, Parsed};
use crate::content::model::{SiteConfig, did_you_mean};
use crate::content::yaml;
use crate::diagnostics::{Diagnostic, Diagnostics, offset_of};

/// The name of the site configuration file.
pub const CONFIG_FILE: &str = "site.yaml";
/// The folder of content files.
pub const CONTENT_DIR: &str = "content";

/// A shared, immutable document: the site, the renderer and `serve`'s cache hold the same one, so a
/// rebuild after one edit re-reads one file and copies no text.
pub type Doc<T> = std::sync::Arc<Document<T>>;

/// A parsed content file: its front matter as typed data, and where its body starts.
#[derive(Debug, Clone)]
pub struct Document<T> {
    /// Path relative to the site root, e.g. `content/transport-board/2026-03-10/04-buses.md`.
    pub path: PathBuf,
    /// The whole file, without a byte-order mark; only its front matter once the body is let go
    /// ([`Document::let_go_of_body`]).
    pub text: String,
    /// Byte offset of the Markdown body in the file.
    pub body_offset: usize,
    pub matter: T,
    /// Set when the body was let go: what it was, to know it again when it is read back.
    let_go: Option<LetGo>,
    /// Set when parts of the front matter were blanked out ([`Document::blank`]).
    blanked: Option<Blanked>,
}

/// What is kept of a body that was let go: enough to tell, when the file is read again, that it is
/// still the body that was loaded and checked, and what the checks of its text found.
#[derive(Debug, Clone)]
struct LetGo {
    len: usize,
    fingerprint: u64,
    findings: Vec<Diagnostic>,
}

/// What is kept of front matter text that was blanked out: enough to know the file again when it is
/// read back, and what the checks of its text found before.
#[derive(Debug, Clone)]
struct Blanked {
    /// The fingerprint of the front matter (up to the body) as loaded.
    front_fingerprint: u64,
    /// The checks of the whole text as loaded, for a document that keeps its body (one that let it go
    /// has them in its [`LetGo`]).
    findings: Vec<Diagnostic>,
}

impl<T> Document<T> {
    pub fn new(path: PathBuf, text: String, body_offset: usize, matter: T) -> Self {
        Document {
            path,
            text,
            body_offset,
            matter,
            let_go: None,
            blanked: None,
        }
    }

    /// Notes that the unit being rendered read this document's whole text ([`crate::reads`]), by the
    /// document's address, which the site and the build cache share.
    fn note_read(&self) {
        crate::reads::record(crate::reads::Read::Text(std::ptr::from_ref(self).addr()));
    }

    /// The Markdown body, for documents that keep it. Papers, appendices and minutes let theirs go
    /// in `build` and `check` ([`Bodies::LetGo`]): read those with [`Document::full_text`].
    pub fn body(&self) -> &str {
        self.note_read();
        debug_assert!(
            self.let_go.is_none(),
            "the body of {} was let go: read it with full_text",
            self.path.display()
        );
        &self.text[self.body_offset.min(self.text.len())..]
    }

    /// Drops the body from memory, keeping the front matter (diagnostics point into it) and what the
    /// checks of the whole text find ([`crate::content::text::text_findings`]), made now while it is at hand.
    /// The corpus is most of what a large build would hold (110 MB of text at 10,000 papers), and each
    /// body is needed only while its page and its search entry are made, which read it again
    /// ([`Self::full_text`]).
    pub fn let_go_of_body(&mut self) {
        if self.let_go.is_some() || self.body_offset > self.text.len() {
            return;
        }
        let findings = match &self.blanked {
            Some(blanked) => blanked.findings.clone(),
            None => crate::content::text::text_findings(&self.path, &self.text),
        };
        let body = &self.text[self.body_offset..];
        self.let_go = Some(LetGo {
            len: body.len(),
            fingerprint: crate::hash::fingerprint(body),
            findings,
        });
        self.text.truncate(self.body_offset);
        self.text.shrink_to_fit();
    }

    /// What the checks of the text found when the body was let go or the front matter blanked, if
    /// either was: the checks of the text as the clerk wrote it.
    pub fn findings_when_let_go(&self) -> Option<&[Diagnostic]> {
        match (&self.let_go, &self.blanked) {
            (Some(l), _) => Some(l.findings.as_slice()),
            (None, Some(b)) => Some(b.findings.as_slice()),
            (None, None) => None,
        }
    }

    /// Overwrites the front matter text in `ranges` with spaces, keeping line breaks, so that what
    /// the public may not see is no longer held while every byte offset and line of what remains
    /// (where diagnostics point) stays as it was. Ranges reaching past the front matter are cut
    /// short: the body is never changed. [`Self::full_text`] then gives the blanked front matter
    /// too, though it reads the file again.
    pub fn blank(&mut self, ranges: &[std::ops::Range<usize>]) {
        let front_end = self.body_offset.min(self.text.len());
        let inside = |i: usize| i < front_end && ranges.iter().any(|r| r.contains(&i));
        if !(0..front_end).any(inside) {
            return;
        }
        if self.blanked.is_none() {
            let findings = match &self.let_go {
                Some(_) => Vec::new(),
                None => crate::content::text::text_findings(&self.path, &self.text),
            };
            self.blanked = Some(Blanked {
                front_fingerprint: crate::hash::fingerprint(&self.text[..front_end]),
                findings,
            });
        }
        let mut out = String::with_capacity(self.text.len());
        for (i, c) in self.text.char_indices() {
            if inside(i) && c != '\n' && c != '\r' {
                // As many bytes as the character had, so later offsets do not move.
                out.extend(std::iter::repeat_n(' ', c.len_utf8()));
            } else {
                out.push(c);
            }
        }
        self.text = out;
    }

    /// The whole file's text (without byte-order mark): the one held or, when the body was let go, the
    /// file read again from the site folder `root`, which must be unchanged since it was loaded: a
    /// page is never made from a body that was not the one checked.
    pub fn full_text(&self, root: &Path) -> Result<std::borrow::Cow<'_, str>, Box<Diagnostic>> {
        self.note_read();
        let Some(let_go) = &self.let_go else {
            return Ok(std::borrow::Cow::Borrowed(&self.text));
        };
        let changed = || {
            Box::new(
                Diagnostic::error(
                    "BP016",
                    &self.path,
                    "this file changed while the site was being built",
                )
                .help("build again once the file is saved; nothing was published from this build"),
            )
        };
        let bytes = std::fs::read(root.join(&self.path)).map_err(|e| {
            Box::new(
                Diagnostic::error(
                    "BP011",
                    &self.path,
                    format!("cannot read this file again: {e}"),
                )
                .help("check the file was not moved or deleted during the build, and build again"),
            )
        })?;
        let mut text = String::from_utf8(bytes).map_err(|_| changed())?;
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        let same_front = match &self.blanked {
            Some(blanked) => text
                .get(..self.body_offset)
                .is_some_and(|front| crate::hash::fingerprint(front) == blanked.front_fingerprint),
            None => text.starts_with(self.text.as_str()),
        };
        let same = text.len() == self.body_offset + let_go.len
            && same_front
            && crate::hash::fingerprint(&text[self.body_offset..]) == let_go.fingerprint;
        if same {
            if self.blanked.is_some() {
                // What was blanked stays blank: the front matter is the one held, not the file's.
                text.replace_range(..self.body_offset, &self.text[..self.body_offset]);
            }
            Ok(std::borrow::Cow::Owned(text))
        } else {
            Err(changed())
        }
    }

    /// The folder holding the file, relative to the site root.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new(""))
    }

    /// A diagnostic pointing at the first occurrence of a top-level front matter `key:`, or the file.
    pub fn at_key(&self, diagnostic: Diagnostic, key: &str) -> Diagnostic {
        match self.key_range(key) {
            Some(range) => diagnostic.at(&self.text, range),
            None => diagnostic,
        }
    }

    /// Points a diagnostic at `value` on the first front matter line where it follows `key:` (at any
    /// depth), or at the file when it is not found.
    pub fn at_value(&self, diagnostic: Diagnostic, key: &str, value: &str) -> Diagnostic {
        let front = &self.text[..self.body_offset];
        let key = format!("{key}:");
        let found = front.match_indices(&key).find_map(|(i, k)| {
            let after = i + k.len();
            let line = front[after..].split('\n').next().unwrap_or("");
            line.find(value).map(|v| after + v)
        });
        match found {
            Some(start) if !value.is_empty() => {
                diagnostic.at(&self.text, start..start + value.len())
            }
            _ => diagnostic,
        }
    }

    /// Points a diagnostic at the first place in the front matter where `value` is written whole as
    /// a value (a list item, a mapping's value, or inside `[…]`), or at the file when it is not.
    pub fn at_text(&self, diagnostic: Diagnostic, value: &str) -> Diagnostic {
        let front = &self.text[..self.body_offset];
        let whole = |at: usize| {
            let before = front[..at].chars().next_back();
            let after = front[at + value.len()..].chars().next();
            before.is_some_and(|c| matches!(c, ' ' | '"' | '\'' | '[' | ',' | '\t'))
                && after.is_none_or(|c| matches!(c, '\n' | '\r' | ' ' | '"' | '\'' | ']' | ','))
        };
        match front
            .match_indices(value)
            .map(|(i, _)| i)
            .find(|&i| whole(i))
        {
            Some(start) if !value.is_empty() => {
                diagnostic.at(&self.text, start..start + value.len())
            }
            _ => diagnostic,
        }
    }

    /// Byte range of the value of a top-level front matter key (or the key, if its value is empty).
    pub fn key_range(&self, key: &str) -> Option<std::ops::Range<usize>> {
        let front = &self.text[..self.body_offset];
        let mut offset = 0;
        for line in front.split_inclusive('\n') {
            if let Some(rest) = line.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
                let value = rest.trim();
                if value.is_empty() {
                    return Some(offset..offset + key.len());
                }
                let start = offset + key.len() + 1 + (rest.len() - rest.trim_start().len());
                return Some(start..start + value.len());
            }
            offset += line.len();
        }
        None
    }
}

/// Whether loaded documents keep their Markdown bodies in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bodies {
    /// Every document keeps its body (`serve`, which re-renders from memory on every edit).
    Keep,
    /// The kinds that say so ([`ContentKind::LETS_GO_OF_BODY`]: papers, appendices and minutes) let
    /// theirs go once read and checked (`build`, `check`): see [`Document::let_go_of_body`].
    LetGo,
}

/// Reads the site at `root`. Problems are added to `diagnostics`; what could be read is returned.
pub fn load(root: &Path, bodies: Bodies, diagnostics: &mut Diagnostics) -> Loaded {
    let mut trace = crate::trace::Trace::new();
    let config = load_config(root, diagnostics);
    let Some((markdown, assets)) = walk(root, diagnostics) else {
        return Loaded {
            root: root.to_path_buf(),
            config,
            ..Loaded::default()
        };
    };
    trace.mark("  load: found");
    let parsed: Vec<(Option<Parsed>, Vec<Diagnostic>)> = markdown
        .par_iter()
        .map(|path| parse_file_with(root, path, bodies))
        .collect();
    trace.mark("  load: read");
    let mut documents = Vec::with_capacity(parsed.len());
    for (doc, diags) in parsed {
        diagnostics.extend(diags);
        documents.extend(doc);
    }
    assemble(root, config, documents, assets)
}

/// Finds the Markdown files and attachments under `content/` (paths relative to `root`), or says
/// there is no `content/`.
pub fn walk(root: &Path, diagnostics: &mut Diagnostics) -> Option<(Vec<PathBuf>, Vec<PathBuf>)> {
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        diagnostics.push(
            Diagnostic::error("BP010", CONTENT_DIR, "the site has no `content/` folder")
                .help("create `content/` beside `site.yaml` and put boards, meetings and papers in it, or run `boardpack new site DIR` for a working skeleton"),
        );
        return None;
    }
    Some(find_files(root, &content, diagnostics))
}

/// Puts parsed documents (in the order of [`walk`]) together as a [`Loaded`] site.
pub fn assemble(
    root: &Path,
    config: Option<SiteConfig>,
    documents: impl IntoIterator<Item = Parsed>,
    assets: Vec<PathBuf>,
) -> Loaded {
    let mut loaded = Loaded {
        root: root.to_path_buf(),
        config,
        assets,
        ..Loaded::default()
    };
    for doc in documents {
        loaded.push(doc);
    }
    loaded
}

/// Reads `site.yaml`.
pub fn load_config(root: &Path, diagnostics: &mut Diagnostics) -> Option<SiteConfig> {
    let path = root.join(CONFIG_FILE);
    let text = match std::fs::read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                diagnostics.push(not_utf8(
                    CONFIG_FILE.as_ref(),
                    e.utf8_error().valid_up_to(),
                    e.as_bytes(),
                ));
                return None;
            }
        },
        Err(e) => {
            let message = if e.kind() == std::io::ErrorKind::NotFound {
                format!("no `{CONFIG_FILE}` in {}", root.display())
            } else {
                format!("cannot read `{CONFIG_FILE}`: {e}")
            };
            diagnostics.push(
                Diagnostic::error("BP010", CONFIG_FILE, message)
                    .help("run boardpack in the site's folder or give it with `--root DIR`; `boardpack new site DIR` makes a working skeleton"),
            );
            return None;
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    parse_matter::<SiteConfig>(
        CONFIG_FILE.as_ref(),
        text,
        0..text.len(),
        None,
        kinds::SITE_CONFIG_FIELDS,
        diagnostics,
    )
}

/// Walks `content/` in a stable order, splitting Markdown files from attachments.
/// The name a file that looks like Markdown under another name should have: `report.markdown`,
/// `report.MD`, `report.md.txt` → `report.md`.
fn markdown_by_another_name(rel: &Path) -> Option<String> {
    let name = rel.file_name()?.to_string_lossy().into_owned();
    let lower = name.to_lowercase();
    for ending in [".md.txt", ".markdown", ".mdown", ".mkd", ".md"] {
        if let Some(stem) = lower.strip_suffix(ending) {
            return Some(format!("{}.md", &name[..stem.len()]));
        }
    }
    None
}

fn find_files(
    root: &Path,
    content: &Path,
    diagnostics: &mut Diagnostics,
) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    let walker = walkdir::WalkDir::new(content)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(e.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| CONTENT_DIR.into());
                diagnostics.push(
                    Diagnostic::error("BP011", path, format!("cannot read this folder entry: {e}"))
                        .help("check the file's permissions, or remove it from `content/`"),
                );
                continue;
            }
        };
        let rel = relative(root, entry.path());
        if entry.path_is_symlink() {
            diagnostics.push(
                Diagnostic::warning(
                    "BP012",
                    rel,
                    "symbolic links are not followed; this one is left out",
                )
                .help("copy the file into `content/` instead of linking to it"),
            );
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        if entry.path().extension().is_some_and(|e| e == "md") {
            markdown.push(rel);
        } else if let Some(name) = markdown_by_another_name(&rel) {
            diagnostics.push(
                Diagnostic::warning(
                    "BP114",
                    &rel,
                    "this looks like a Markdown file, but only files ending `.md` are read",
                )
                .help(format!("rename it `{name}` (lower-case `.md`), or move it out of `content/` if it is not for publishing")),
            );
            assets.push(rel);
        } else {
            assets.push(rel);
        }
    }
    (markdown, assets)
}

fn is_ignored_name(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.starts_with('_')
}

/// `path` relative to `root`, for messages and URLs.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// The kind of a file from its name and place, when its front matter does not say
/// ([`Kind::of_path`]).
pub fn kind_from_path(rel: &Path) -> Kind {
    Kind::of_path(rel)
}

/// Reads and parses one content file (`rel`, relative to `root`), keeping its body.
pub fn parse_file(root: &Path, rel: &Path) -> (Option<Parsed>, Vec<Diagnostic>) {
    parse_file_with(root, rel, Bodies::Keep)
}

/// What the build cache has to do with a file's front matter, for [`parse_bytes`].
pub enum KeptMatter<'a> {
    /// Nothing: parse the YAML.
    Off,
    /// Parse the YAML, and give it as JSON here when JSON carries it exactly ([`yaml::to_plain_json`]).
    Make(Option<String>),
    /// Read this JSON, kept for these very bytes, instead of the YAML; the flag says it was used
    /// (JSON that no longer fits the type falls back to the YAML).
    Read(&'a str, bool),
}

fn parse_file_with(root: &Path, rel: &Path, bodies: Bodies) -> (Option<Parsed>, Vec<Diagnostic>) {
    match std::fs::read(root.join(rel)) {
        Ok(bytes) => parse_bytes_with(rel, bytes, bodies, &mut KeptMatter::Off),
        Err(e) => (None, vec![unreadable(rel, &e)]),
    }
}

/// The error for a content file that cannot be read.
pub fn unreadable(rel: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error("BP011", rel, format!("cannot read this file: {e}"))
        .help("check the file's permissions")
}

/// Parses the content file `rel` from its bytes, keeping its body, with the build cache's part in its
/// front matter (see [`KeptMatter`]).
pub fn parse_bytes(
    rel: &Path,
    bytes: Vec<u8>,
    kept: &mut KeptMatter<'_>,
) -> (Option<Parsed>, Vec<Diagnostic>) {
    parse_bytes_with(rel, bytes, Bodies::Keep, kept)
}

/// [`parse_bytes`], keeping the body or letting it go as `bodies` says.
pub fn parse_bytes_with(
    rel: &Path,
    bytes: Vec<u8>,
    bodies: Bodies,
    kept: &mut KeptMatter<'_>,
) -> (Option<Parsed>, Vec<Diagnostic>) {
    let mut diags = Diagnostics::new();
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            diags.push(not_utf8(rel, at, e.as_bytes()));
            return (None, diags.into_iter().collect());
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            let mut bom =
                Diagnostic::warning("BP013", rel, "the file starts with a byte-order mark");
            bom.start = Some(crate::diagnostics::Position { line: 1, column: 1 });
            diags.push(
                bom
                    .help("save the file as UTF-8 without BOM (most editors offer this under \"Save with encoding\")"),
            );
            rest.to_string()
        }
        None => text,
    };
    let split = match frontmatter::split(&text) {
        Ok(split) => split,
        Err(SplitError::Missing) if text.trim_start().starts_with("---") => {
            let lines = text.len() - text.trim_start().len();
            let before = text[..lines].matches('\n').count();
            diags.push(
                Diagnostic::error(
                    "BP001",
                    rel,
                    "the front matter does not start on the first line",
                )
                .at(&text, 0..text.find('\n').unwrap_or(text.len()).min(40))
                .label(if before == 1 {
                    "a blank line before `---`"
                } else {
                    "blank lines before `---`"
                })
                .help(
                    "remove what is before the first `---`: the front matter must start the file",
                ),
            );
            return (None, diags.into_iter().collect());
        }
        Err(SplitError::Missing) => {
            diags.push(
                Diagnostic::error("BP001", rel, "the file has no front matter")
                    .at(&text, 0..text.find('\n').unwrap_or(text.len()).min(40))
                    .label("expected `---` on the first line")
                    .help("start the file with a `---` line, the YAML front matter (title, meeting, date…), and another `---` line"),
            );
            return (None, diags.into_iter().collect());
        }
        Err(SplitError::Unterminated { opening_len }) => {
            diags.push(
                Diagnostic::error("BP002", rel, "the front matter is never closed")
                    .at(&text, 0..opening_len)
                    .label("this `---` opens the front matter")
                    .help("add a line with just `---` after the last front matter line, before the body"),
            );
            return (None, diags.into_iter().collect());
        }
    };
    let declared = frontmatter::peek_top_level(split.yaml, "kind");
    let kind = match declared {
        Some(name) => match name.parse::<Kind>() {
            Ok(kind) => kind,
            Err(()) => {
                let names = Kind::ALL.map(Kind::name);
                let mut d = Diagnostic::error(
                    "BP008",
                    rel,
                    format!("`{name}` is not a kind of content file"),
                );
                if let Some(start) = text[..split.body_offset].find(&format!("kind: {name}")) {
                    d = d.at(&text, start + 6..start + 6 + name.len());
                }
                let help = match did_you_mean(name, names) {
                    Some(s) => format!("did you mean `{s}`? The kinds are: {}", names.join(", ")),
                    None => format!("the kinds are: {}", names.join(", ")),
                };
                diags.push(d.help(help));
                return (None, diags.into_iter().collect());
            }
        },
        None => kind_from_path(rel),
    };
    let parsed = kind.with(ParseAs {
        rel,
        body_offset: split.body_offset,
        yaml: split.yaml_offset..split.yaml_offset + split.yaml.len(),
        text,
        bodies,
        diagnostics: &mut diags,
        kept,
    });
    (parsed, diags.into_iter().collect())
}

/// Parsing a file's front matter as its kind's, and making the document.
struct ParseAs<'a, 'k> {
    rel: &'a Path,
    text: String,
    body_offset: usize,
    /// The front matter's byte range in `text`.
    yaml: std::ops::Range<usize>,
    bodies: Bodies,
    diagnostics: &'a mut Diagnostics,
    kept: &'a mut KeptMatter<'k>,
}

impl ForKind for ParseAs<'_, '_> {
    type Out = Option<Parsed>;

    fn run<K: Listed>(self) -> Option<Parsed> {
        let matter =
            parse_matter_kept::<K>(self.rel, &self.text, self.yaml, self.diagnostics, self.kept)?;
        let mut doc = Document::new(self.rel.to_path_buf(), self.text, self.body_offset, matter);
        if self.bodies == Bodies::LetGo && K::LETS_GO_OF_BODY {
            doc.let_go_of_body();
        }
        Some(K::into_parsed(std::sync::Arc::new(doc)))
    }
}

/// [`parse_matter`] of a content file, from or into the JSON the build cache keeps (see [`KeptMatter`]).
fn parse_matter_kept<K: ContentKind>(
    rel: &Path,
    whole: &str,
    yaml: std::ops::Range<usize>,
    diagnostics: &mut Diagnostics,
    kept: &mut KeptMatter<'_>,
) -> Option<K::Matter> {
    let parse = |yaml, diagnostics: &mut Diagnostics| {
        parse_matter::<K::Matter>(rel, whole, yaml, Some(K::NAME), K::FIELDS, diagnostics)
    };
    match kept {
        KeptMatter::Off => parse(yaml, diagnostics),
        KeptMatter::Read(json, used) => match yaml::from_json::<K::Matter>(json) {
            Some(value) => {
                *used = true;
                Some(value)
            }
            None => parse(yaml, diagnostics),
        },
        KeptMatter::Make(slot) => {
            let before = diagnostics.len();
            let value = parse(yaml.clone(), diagnostics)?;
            // Kept only when reading the file said nothing: its diagnostics are then none.
            if diagnostics.len() == before {
                *slot = yaml::to_plain_json(&whole[yaml], &value);
            }
            Some(value)
        }
    }
}

/// Parses the YAML at `yaml` (a byte range of the file's `whole` text) as `T`, reporting problems
/// against the whole file. `kind` names the kind of file (`None` for `site.yaml`), and `fields` are the
/// keys it accepts, for the help of an unknown key.
fn parse_matter<T: DeserializeOwned>(
    rel: &Path,
    whole: &str,
    yaml: std::ops::Range<usize>,
    kind: Option<&'static str>,
    fields: Fields,
    diagnostics: &mut Diagnostics,
) -> Option<T> {
    let yaml_text = &whole[yaml.clone()];
    let line_offset = whole[..yaml.start].matches('\n').count();
    match yaml::from_str::<T>(yaml_text) {
        Ok((value, unknown)) => {
            for key in unknown {
                let name = key.path.last().cloned().unwrap_or_default();
                let parent = key.path.len().checked_sub(2).map(|i| key.path[i].as_str());
                let all_fields = fields;
                let fields = kinds::accepted_keys(fields, &key.nesting);
                let start = offset_of(whole, key.line + line_offset, key.column);
                let place = match parent {
                    Some(p) => format!(" in `{p}`"),
                    None => String::new(),
                };
                let what = kind.map_or("`site.yaml`".to_string(), |k| format!("a {k}"));
                // A key of a nested mapping written at the wrong level: `category:` of `exempt:`.
                let belongs_under = all_fields
                    .iter()
                    .filter(|(path, keys)| {
                        let below = key.nesting.is_empty()
                            || path.starts_with(&format!("{}.", key.nesting));
                        below && *path != key.nesting && keys.contains(&name.as_str())
                    })
                    .map(|(path, _)| *path)
                    .find(|path| !path.is_empty());
                let help = match did_you_mean(&name, fields.iter().copied()) {
                    _ if belongs_under.is_some() => {
                        let under = belongs_under.unwrap_or_default();
                        let last = under
                            .rsplit('.')
                            .next()
                            .unwrap_or(under)
                            .trim_end_matches("[]");
                        format!(
                            "`{name}` is a key of `{last}:`, not of this level: move it under `{last}:`, indented further"
                        )
                    }
                    Some(s) => format!(
                        "did you mean `{s}`? Keys accepted here: {}",
                        fields.join(", ")
                    ),
                    None if fields.is_empty() => "remove this key".to_string(),
                    None => format!(
                        "keys accepted here: {}; put data of your own under `extra:`",
                        fields.join(", ")
                    ),
                };
                diagnostics.push(
                    Diagnostic::error(
                        "BP007",
                        rel,
                        format!("unknown key `{name}`{place} for {what}"),
                    )
                    .at(whole, start..start + name.len())
                    .label("not a key boardpack knows")
                    .help(help),
                );
            }
            Some(value)
        }
        Err(e) => {
            let start = offset_of(whole, e.line + line_offset, e.column);
            let token_len = whole[start..]
                .find(['\n', ',', ']', '}'])
                .unwrap_or(0)
                .max(1);
            let (code, label, help) = classify_yaml_error(&e.message, kind);
            let mut d = Diagnostic::error(code, rel, clerk_words(&e.message))
                .at(whole, start..start + token_len)
                .label(label)
                .help(help);
            if let Some(better) = what_went_wrong(rel, whole, yaml, start, &e.message, code) {
                d = better;
            }
            diagnostics.push(d);
            None
        }
    }
}

/// The names of the content model's types, as a clerk would describe the value wanted.
const TYPE_WORDS: &[(&str, &str)] = &[
    (
        "Exemption",
        "a mapping of `category` (the paragraph of Schedule 12A, 1 to 7) and optionally `reason`, on indented lines below the key",
    ),
    ("AppendixRef", "a mapping of `title` and `file`"),
    (
        "Contact",
        "a mapping of `name`, `position`, `phone` and `email`",
    ),
    ("Venue", "a mapping of `room`, `address` and `online`"),
    (
        "Organisation",
        "a mapping of `name`, `address`, `email`, `phone` and `website`",
    ),
    ("Licence", "a mapping of `name` and `url`"),
    ("Bodies", "a mapping of `label` and `path`"),
    (
        "Interests",
        "a mapping of `updated`, `document` and `entries`",
    ),
    (
        "InterestEntry",
        "a mapping of `category`, `interest` and `registered`",
    ),
    ("Photo", "a mapping of `file` and `alt`"),
    (
        "Attendance",
        "a mapping of `present`, `apologies`, `substitutes`, `in_attendance` and `officers`",
    ),
    (
        "Declaration",
        "a mapping of `member` (or `person`), `item` and `interest`",
    ),
    (
        "MinuteItemMatter",
        "a mapping of `item`, `minute`, `decisions` and `actions`",
    ),
    (
        "ActionMatter",
        "a mapping of `action`, `owner`, `due` and `id`",
    ),
    (
        "ActionUpdateMatter",
        "a mapping of `id`, `status`, `due` and `note`",
    ),
    (
        "AgendaItemMatter",
        "a mapping of `item`, `title` and optionally `paper`, `verbal`, `presenter`",
    ),
    ("MemberGroup", "a mapping of `group` and `members`"),
    (
        "Member",
        "a mapping of `name` (or `person`) and optionally `role`, `authority`, `substitute`",
    ),
];

/// serde's message with the content model's type names in words and an unknown value's choices
/// said plainly: "unknown variant `Draft`, expected `draft` or `final`" becomes "`Draft` is not
/// one of the values allowed here: `draft` or `final`".
fn clerk_words(message: &str) -> String {
    let (place, rest) = match message.split_once(": ") {
        Some((place, rest)) if !place.contains(' ') => (Some(place), rest),
        _ => (None, message),
    };
    let said = if let Some(variant) = rest.strip_prefix("unknown variant `") {
        let (value, choices) = variant.split_once('`').unwrap_or((variant, ""));
        let choices = choices
            .trim_start_matches(", expected one of ")
            .trim_start_matches(", expected ");
        format!("`{value}` is not one of the values allowed here: {choices}")
    } else if let Some((found, wanted)) = rest.split_once(", expected ") {
        let wanted = wanted.trim_start_matches("struct ");
        let words = TYPE_WORDS
            .iter()
            .find(|(name, _)| *name == wanted)
            .map(|(_, words)| (*words).to_string())
            .unwrap_or_else(|| {
                if wanted.ends_with("Matter") && !wanted.contains(' ') {
                    "front matter of `key: value` lines".to_string()
                } else {
                    wanted.to_string()
                }
            });
        let found = found.trim_start_matches("invalid type: ");
        format!("expected {words}, found {found}")
    } else {
        rest.to_string()
    };
    match place {
        Some(place) => format!("{place}: {said}"),
        None => said,
    }
}

/// A more exact report of mistakes serde_yaml describes in its own terms: a tab in the indentation
/// (at the tab), Word's curly quotes (with the line as it should be), a key given twice (at the
/// second), a value in the wrong case.
fn what_went_wrong(
    file: &Path,
    whole: &str,
    yaml: std::ops::Range<usize>,
    start: usize,
    message: &str,
    code: &'static str,
) -> Option<Diagnostic> {
    let line_start = whole[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = whole[start..].find('\n').map_or(whole.len(), |i| start + i);
    let line = &whole[line_start..line_end];
    if code == "BP004" {
        if let Some(tab) = line.find('\t').filter(|&t| line[..t].trim().is_empty()) {
            let at = line_start + tab;
            return Some(
                Diagnostic::error("BP004", file, "a tab in the indentation")
                    .at(whole, at..at + 1)
                    .label("a tab")
                    .help("indent with spaces: YAML does not allow tabs (most editors can show and replace them)"),
            );
        }
        if line.contains(['\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}']) {
            let straight = line
                .replace(['\u{201c}', '\u{201d}'], "\"")
                .replace(['\u{2018}', '\u{2019}'], "'");
            let at = line_start
                + line
                    .find(['\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}'])
                    .unwrap_or(0);
            return Some(
                Diagnostic::error(
                    "BP004",
                    file,
                    "curly quotes, as Word types them, are not YAML quotes",
                )
                .at(
                    whole,
                    at..at
                        + line[at - line_start..]
                            .chars()
                            .next()
                            .map_or(1, char::len_utf8),
                )
                .label("a curly quote")
                .help(format!("use straight quotes: `{}`", straight.trim())),
            );
        }
        if let Some(key) = message
            .strip_prefix("duplicate field `")
            .and_then(|r| r.split('`').next())
        {
            // The second line that gives the key, at the first's indentation.
            let indent = line.len() - line.trim_start().len();
            let pattern = format!("{}{key}:", &line[..indent]);
            let after = line_end.min(yaml.end);
            let second = whole[after..yaml.end]
                .match_indices(&pattern)
                .map(|(i, _)| after + i)
                .find(|&i| whole[..i].ends_with('\n'))?;
            return Some(
                Diagnostic::error("BP004", file, format!("`{key}` is given twice"))
                    .at(whole, second + indent..second + indent + key.len())
                    .label("the second time")
                    .help(format!(
                        "keep one of the two `{key}:` lines (the first is on line {})",
                        whole[..line_start].matches('\n').count() + 1
                    )),
            );
        }
    }
    if code == "BP005"
        && let Some(variant) = message.split("unknown variant `").nth(1)
    {
        let (value, choices) = variant.split_once('`')?;
        let lower = value.to_lowercase();
        if value != lower && choices.contains(&format!("`{lower}`")) {
            return Some(
                Diagnostic::error("BP005", file, clerk_words(message))
                    .at(whole, start..start + value.len())
                    .label("capital letters")
                    .help(format!("write it in lower case: `{lower}`")),
            );
        }
    }
    None
}

fn classify_yaml_error(
    message: &str,
    kind: Option<&'static str>,
) -> (&'static str, &'static str, String) {
    let what = kind.unwrap_or("`site.yaml`");
    if message.contains("is a YAML alias") || message.contains("is a YAML anchor") {
        return (
            "BP004",
            "an anchor or alias",
            "write each value out in full: front matter does not use YAML anchors (`&name`) or aliases (`*name`). If this is text that starts with `*` or `&` (Markdown emphasis, say), put the value in quotes: `summary: \"*Urgent*: the budget…\"`".to_string(),
        );
    }
    if let Some(field) = message
        .split("missing field `")
        .nth(1)
        .and_then(|r| r.split('`').next())
    {
        (
            "BP006",
            "a required key is missing here",
            format!(
                "add `{field}:` to the front matter; a {what} needs it (see the content format in the README)"
            ),
        )
    } else if message.contains("invalid type")
        || message.contains("invalid value")
        || message.contains("unknown variant")
        || message.contains("is not a")
        || message.contains("expected a")
    {
        (
            "BP005",
            "wrong kind of value",
            "change the value to the form the message asks for".to_string(),
        )
    } else {
        (
            "BP004",
            "the YAML cannot be read from here",
            "check indentation (spaces, not tabs), that a `:` follows each key, and quote values that contain `: ` or start with a special character such as `*`, `&`, `[` or `@`".to_string(),
        )
    }
}

fn not_utf8(rel: &Path, valid_up_to: usize, bytes: &[u8]) -> Diagnostic {
    let before = String::from_utf8_lossy(&bytes[..valid_up_to]);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let mut d = Diagnostic::error(
        "BP009",
        rel,
        format!("the file is not UTF-8 text (first bad byte at line {line}, column {column})"),
    )
    .help("save the file as UTF-8 (in Word: Save As → Plain Text → Unicode (UTF-8)); files copied from Word are often Windows-1252");
    d.start = Some(crate::diagnostics::Position { line, column });
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<Parsed>, Vec<Diagnostic>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/p.md"), text).unwrap();
        parse_file(dir.path(), Path::new("content/p.md"))
    }

    /// The mistakes Word and hurried typing make, each in a clerk's words at its own place
    /// (issue 28, item 4); the corpus under `tests/broken/` holds their places.
    #[test]
    fn front_matter_mistakes_are_said_in_a_clerks_words() {
        const P: &str = "title: Budget\nmeeting: b\ndate: 2026-03-10\nitem: 3\n";
        let cases: &[(String, &str, &str)] = &[
            (format!("---\n{P}recommendations:\n\t- Note it.\n---\n"), "a tab in the indentation", "indent with spaces"),
            (
                "---\ntitle: \u{201c}Budget: 2027/28\u{201d}\nmeeting: b\ndate: 2026-03-10\nitem: 3\n---\n".to_string(),
                "curly quotes",
                "`title: \"Budget: 2027/28\"`",
            ),
            (format!("---\n{P}status: Draft\n---\n"), "`Draft` is not one of the values allowed here", "write it in lower case: `draft`"),
            (format!("---\n{P}exempt: 3\n---\n"), "expected a mapping of `category`", ""),
            (format!("---\n{P}title: Again\n---\n"), "`title` is given twice", "the first is on line 2"),
            (format!("---\n{P}category: 3\n---\n"), "unknown key `category` for a paper", "is a key of `exempt:`"),
            (format!("\n---\n{P}---\n"), "does not start on the first line", "remove what is before the first `---`"),
        ];
        for (text, message, help) in cases {
            let (_, diags) = parse(text);
            assert_eq!(diags.len(), 1, "{text:?}: {diags:?}");
            let d = &diags[0];
            assert!(d.message.contains(message), "{text:?}: {}", d.message);
            assert!(
                d.help.as_deref().unwrap_or("").contains(help),
                "{text:?}: {:?}",
                d.help
            );
            for leak in [
                "Exemption",
                "PaperMatter",
                "unknown variant",
                "invalid type",
            ] {
                assert!(!d.message.contains(leak), "{text:?}: {}", d.message);
            }
        }
    }

    #[test]
    fn yaml_errors_are_placed_in_the_file() {
        let (doc, diags) =
            parse("---\ntitle: A\nmeeting: b\ndate: 14/03/2023\nitem: 2\n---\nBody\n");
        assert!(doc.is_none());
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, "BP005");
        assert_eq!(diags[0].start.unwrap().line, 4);
        assert!(
            diags[0].message.contains("2023-03-14"),
            "{}",
            diags[0].message
        );
    }

    #[test]
    fn unknown_keys_are_errors_with_suggestions() {
        let (doc, diags) =
            parse("---\ntitle: A\nmeeting: b\ndate: 2026-01-01\nitem: 2\nsumary: x\n---\n");
        assert!(doc.is_some());
        assert_eq!(diags[0].code, "BP007");
        assert_eq!(diags[0].start.unwrap().line, 6);
        assert!(
            diags[0]
                .help
                .as_deref()
                .unwrap()
                .starts_with("did you mean `summary`")
        );
    }

    /// A kind of the test's own whose `items` are not those of minutes, as a forward plan's would not be.
    struct Plan;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct PlanMatter {
        items: Vec<PlanItem>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct PlanItem {
        title: String,
        #[serde(default)]
        owner: Option<String>,
    }

    impl ContentKind for Plan {
        const NAME: &'static str = "plan";
        const FILES: kinds::Files = kinds::Files::Under("plans");
        const FIELDS: Fields = &[("", &["items"]), ("items[]", &["title", "owner"])];
        type Matter = PlanMatter;
    }

    /// The unknown keys of `yaml` read as a `K`, with the help given for each.
    fn unknown_keys<K: ContentKind>(yaml: &str) -> Vec<(String, String)> {
        let whole = format!("---\n{yaml}---\n");
        let mut diags = Diagnostics::new();
        let matter = parse_matter_kept::<K>(
            Path::new("content/x.md"),
            &whole,
            4..4 + yaml.len(),
            &mut diags,
            &mut KeptMatter::Off,
        );
        assert!(matter.is_some(), "{diags:?}");
        diags
            .into_iter()
            .map(|d| {
                assert_eq!(d.code, "BP007");
                (d.message, d.help.unwrap_or_default())
            })
            .collect()
    }

    /// Keys are known by kind and by the whole nesting path, not by the last key: a key of one kind's
    /// `items` is unknown in another's, whose help lists its own.
    #[test]
    fn a_key_of_one_kinds_items_is_unknown_in_anothers() {
        let in_plan = unknown_keys::<Plan>("items:\n  - title: A\n    minute: Agreed.\n");
        assert_eq!(
            in_plan,
            [(
                "unknown key `minute` in `items` for a plan".to_string(),
                "keys accepted here: title, owner; put data of your own under `extra:`".to_string()
            )]
        );
        let in_minutes = unknown_keys::<kinds::Minutes>(
            "meeting: b\ndate: 2026-01-01\nitems:\n  - item: 1\n    minute: Agreed.\n    owner: Jo\n",
        );
        assert_eq!(
            in_minutes,
            [(
                "unknown key `owner` in `items` for a minutes".to_string(),
                "`owner` is a key of `actions:`, not of this level: move it under `actions:`, indented further".to_string()
            )]
        );
        // Within one kind too: an action's `owner` is known under `items[].actions[]` only.
        let nested = unknown_keys::<kinds::Minutes>(
            "meeting: b\ndate: 2026-01-01\nitems:\n  - item: 1\n    actions:\n      - action: Do\n        ownr: Jo\n",
        );
        assert_eq!(nested.len(), 1);
        assert!(
            nested[0].1.starts_with(
                "did you mean `owner`? Keys accepted here: action, owner, due, id, status"
            ),
            "{nested:?}"
        );
    }

    #[test]
    fn missing_fields_and_fences() {
        let (_, diags) = parse("---\ntitle: A\n---\n");
        assert_eq!(diags[0].code, "BP006");
        let (_, diags) = parse("---\ntitle: A\n");
        assert_eq!(diags[0].code, "BP002");
        let (_, diags) = parse("no front matter");
        assert_eq!(diags[0].code, "BP001");
        let (_, diags) = parse("");
        assert_eq!(diags[0].code, "BP001");
    }

    #[test]
    fn a_body_let_go_is_read_again_and_a_changed_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        let file = dir.path().join("content/p.md");
        // A byte-order mark, and a Word artefact in the body for the text checks to find.
        let text = "\u{feff}---\ntitle: A\nmeeting: b\ndate: 2026-01-01\nitem: 2\n---\nBody [bookmark: _GoBack] here.\n";
        std::fs::write(&file, text).unwrap();
        let (Some(Parsed::Paper(doc)), _) =
            parse_file_with(dir.path(), Path::new("content/p.md"), Bodies::LetGo)
        else {
            panic!("a paper")
        };
        assert_eq!(
            doc.text, "---\ntitle: A\nmeeting: b\ndate: 2026-01-01\nitem: 2\n---\n",
            "only the front matter is held"
        );
        let findings = doc.findings_when_let_go().expect("let go");
        assert_eq!(
            findings.iter().map(|d| d.code).collect::<Vec<_>>(),
            ["BP015"]
        );
        assert_eq!(findings[0].start.unwrap().line, 7);
        let full = doc.full_text(dir.path()).expect("unchanged");
        assert_eq!(full, text.trim_start_matches('\u{feff}'));
        assert!(matches!(full, std::borrow::Cow::Owned(_)), "read again");

        // Same length, one byte different; then longer; then gone.
        for changed in [text.replace("here", "HERE"), format!("{text}More.\n")] {
            std::fs::write(&file, changed).unwrap();
            let e = doc.full_text(dir.path()).unwrap_err();
            assert_eq!(e.code, "BP016", "{e:?}");
            assert!(e.help.as_deref().unwrap().contains("build again"));
        }
        std::fs::remove_file(&file).unwrap();
        assert_eq!(doc.full_text(dir.path()).unwrap_err().code, "BP011");

        // Kept bodies are given as they are.
        std::fs::write(&file, text).unwrap();
        let (Some(Parsed::Paper(kept)), _) = parse_file(dir.path(), Path::new("content/p.md"))
        else {
            panic!("a paper")
        };
        assert!(kept.findings_when_let_go().is_none());
        assert!(matches!(
            kept.full_text(Path::new("/nonexistent")).unwrap(),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn non_utf8_is_reported_with_its_place() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/p.md"), b"---\ntitle: caf\xe9\n").unwrap();
        let (_, diags) = parse_file(dir.path(), Path::new("content/p.md"));
        assert_eq!(diags[0].code, "BP009");
        assert_eq!(diags[0].start.unwrap().line, 2);
    }
}
