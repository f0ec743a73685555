//! The plan of every run (`check`, `build`, `serve`): read the site's files, link and check it, and
//! say of each render unit whether what rendered it last can stand ([`Plan`]). A `build` or `check`
//! makes one plan ([`super::driver`]); `serve` keeps a session and plans again after each edit
//! ([`preview`]).
//!
//! Three things make a plan after an edit cheap:
//! - **Parsing**: every content file's parse is kept, with a hash of its text, and the checks of it
//!   alone; an edit re-reads only the files it names (a change elsewhere, such as an attachment added,
//!   walks `content/` again but still re-parses only files whose size or time changed). The build
//!   cache keeps the same per file ([`FileRecord`]).
//! - **Dependencies**: the site is linked and checked again (cheap), then every dependency a unit may
//!   have recorded as it rendered ([`crate::reads`]) is valued ([`Values`]); a unit whose recorded
//!   dependencies are worth what they were is not rendered again. A change to the site's shape (a page
//!   added, removed, renamed, withheld or released; `site.yaml`; the theme; the date) changes the
//!   global fingerprint, and everything is rendered again.
//! - **Linking**: when only bodies changed, the last linked site stands, with the new documents in it.

mod preview;

pub use preview::Rebuild;

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use super::deps::Values;
use super::store::{FileRecord, Stored};
use crate::Options;
use crate::content::load::{self, Parsed};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::hash::{Fingerprinter, Map as HashMap, Set as HashSet};
use crate::render::theme::{StaticSource, Theme};
use crate::render::{self, Unit, UnitOutput};
use crate::site::Site;

/// One content file as last read.
struct CachedFile {
    parsed: Option<Parsed>,
    /// What reading it found.
    diagnostics: Vec<Diagnostic>,
    /// What the checks of one document found: reported only while the document is in the linked
    /// site, as a clean check reports them (a paper knocked out by a duplicate item, or for a board
    /// that does not exist, or a draft left out, is not checked).
    checks: Vec<Diagnostic>,
    hash: u64,
    /// The hash of the front matter alone: what lists, feeds, calendars, registers and open data use.
    matter_hash: u64,
    stamp: Option<(u64, SystemTime)>,
    /// Its front matter as JSON, for the build cache ([`super::store::FileRecord`]).
    json: Option<String>,
    /// Taken from the build cache's record, not parsed.
    from_record: bool,
}

/// A site being previewed: its options, the folder its output goes to, and what it keeps between
/// rebuilds.
pub struct Session {
    options: Options,
    output: PathBuf,
    /// Content files by path relative to the root (sorted: the order `load` reads them in).
    files: BTreeMap<PathBuf, CachedFile>,
    assets: Vec<PathBuf>,
    walk_diagnostics: Vec<Diagnostic>,
    walked: bool,
    theme: Option<(String, Theme, u64)>,
    rendered: Option<preview::Rendered>,
    /// The search index is out of date: it was left for [`Session::rebuild_deferred`].
    deferred: bool,
    /// Render the deferred units in this rebuild.
    include_deferred: bool,
    /// The site as last linked and checked, for edits that change only bodies: linking is the largest
    /// part of a rebuild at 10,000 papers, and a body cannot change how the site joins up.
    linked: Option<Linked>,
    /// Files outside the content (attachments, theme files) are fingerprinted by their bytes, not
    /// their size and time: see [`identity`].
    by_content: bool,
    /// What the build cache knows of each content file, by path: its front matter is read from
    /// there, and its diagnostics taken, while its bytes hash the same.
    records: HashMap<PathBuf, FileRecord>,
    /// Whether units are to be fingerprinted (and files' records kept): not for a run with no cache,
    /// where nothing is reused.
    valued: bool,
    /// A preview keeps every body, to render again from memory after each edit; a run with no cache
    /// lets the bodies of papers, appendices and minutes go once each file is read and checked (most
    /// of a large site's text), and reads them again as their pages render.
    bodies: load::Bodies,
}

/// What [`Session::plan`] gives: the linked site and every unit with its key and fingerprint.
pub(crate) struct Plan {
    pub(crate) site: Site,
    /// What linking and checking said (kept with the site for the next rebuild).
    pub(crate) link_diagnostics: Vec<Diagnostic>,
    pub(crate) shape: u64,
    pub(crate) config_hash: u64,
    /// What every page depends on ([`global_fingerprint`]).
    pub(crate) global: u64,
    /// Every unit, in the render order, with [`unit_key`].
    pub(crate) keyed: Vec<(Unit, String)>,
    /// What every dependency a unit may have recorded is worth now; `None` when nothing is reused.
    pub(crate) values: Option<Values>,
}

/// A unit's dependencies as it recorded them, and what they were worth when it rendered; `None` for
/// a unit rendered every time.
pub(crate) type Recorded = Option<(Vec<String>, u64)>;

impl Plan {
    /// The units that `previous` holds as they would render now, by their place in the plan: none
    /// under another global fingerprint.
    pub(crate) fn reusable(&self, previous: &Stored) -> Vec<usize> {
        if previous.global != self.global {
            return Vec::new();
        }
        self.keyed
            .iter()
            .enumerate()
            .filter(|(_, (_, key))| {
                previous
                    .units
                    .get(key)
                    .is_some_and(|u| self.still_worth(&u.deps, u.fingerprint))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The units not reused, in the plan's order.
    pub(crate) fn to_render(&self, reused: &HashSet<usize>) -> Vec<Unit> {
        self.keyed
            .iter()
            .enumerate()
            .filter(|(i, _)| !reused.contains(i))
            .map(|(_, (u, _))| *u)
            .collect()
    }

    /// Every unit's output in the plan's order: the previous one for a reused unit, else the one
    /// rendered (which come in the same order, less the reused).
    pub(crate) fn merge<'a>(
        &self,
        reused: &HashSet<usize>,
        previous: Option<&'a Stored>,
        rendered: &'a [UnitOutput],
    ) -> Vec<&'a UnitOutput> {
        let mut rendered = rendered.iter();
        self.keyed
            .iter()
            .enumerate()
            .filter_map(|(i, (_, key))| {
                if reused.contains(&i) {
                    previous.and_then(|s| s.units.get(key)).map(|u| &u.output)
                } else {
                    rendered.next()
                }
            })
            .collect()
    }

    /// True when `deps` are worth `fingerprint` now.
    pub(crate) fn still_worth(&self, deps: &[String], fingerprint: u64) -> bool {
        self.values
            .as_ref()
            .is_some_and(|v| v.fingerprint(deps) == Some(fingerprint))
    }

    /// What a unit just rendered recorded ([`UnitOutput::reads`]), with what it is worth now.
    pub(crate) fn recorded(&self, unit: Unit, output: &UnitOutput) -> Recorded {
        let values = self.values.as_ref()?;
        let deps = match unit {
            // The search index reads every document, on the threads of the units that render them.
            Unit::Search => vec![super::deps::EVERY_TEXT.to_string()],
            _ => {
                let mut deps = values.names(&self.site, &output.reads)?;
                deps.extend(output.assets.iter().map(|a| super::deps::file(a)));
                deps
            }
        };
        let fingerprint = values.fingerprint(&deps)?;
        Some((deps, fingerprint))
    }
}

/// A linked site and what linking and checking it said.
struct Linked {
    site: Site,
    diagnostics: Vec<Diagnostic>,
    config_hash: u64,
    /// [`site_shape`] of the site.
    shape: u64,
}

impl Session {
    /// A session building `options` into `output`, a folder it owns (a temporary one in `serve`).
    pub fn new(options: Options, output: impl Into<PathBuf>) -> Session {
        Session {
            options,
            output: output.into(),
            files: BTreeMap::new(),
            assets: Vec::new(),
            walk_diagnostics: Vec::new(),
            walked: false,
            theme: None,
            rendered: None,
            deferred: false,
            include_deferred: false,
            linked: None,
            by_content: false,
            records: HashMap::default(),
            valued: true,
            bodies: load::Bodies::Keep,
        }
    }

    /// A session for one run of `check` or `build` ([`super::driver`]), which fingerprints attachments
    /// and theme files by their bytes. `records` is what the cache knows of each content file;
    /// `cached`: there is a cache, so the units' dependencies are valued and the files' records kept.
    pub(crate) fn for_run(
        options: Options,
        records: HashMap<PathBuf, FileRecord>,
        cached: bool,
    ) -> Session {
        Session {
            by_content: true,
            records,
            valued: cached,
            // With a cache, the search index's kept documents are known by their whole text
            // (`outputs/search/kept`), so bodies stay; with none, they go, as a clean build's always did.
            bodies: if cached {
                load::Bodies::Keep
            } else {
                load::Bodies::LetGo
            },
            ..Session::new(options, PathBuf::new())
        }
    }

    /// How many content files were read, and how many of them came from the build cache's records.
    pub(crate) fn files_from_records(&self) -> (usize, usize) {
        let from = self.files.values().filter(|f| f.from_record).count();
        (self.files.len(), from)
    }

    /// True when every file the build cache had a record of was read from it, and no other was: the
    /// records to keep are the ones it has.
    pub(crate) fn records_unchanged(&self) -> bool {
        let kept: Vec<&CachedFile> = self.files.values().filter(|f| f.json.is_some()).collect();
        kept.len() == self.records.len() && kept.iter().all(|f| f.from_record)
    }

    /// What the build cache is to keep of each content file read (those whose front matter is plain
    /// data: see [`load::KeptMatter`]).
    /// Takes the JSON out of the session: called once, as the build ends.
    pub(crate) fn take_file_records(&mut self) -> HashMap<PathBuf, FileRecord> {
        self.files
            .iter_mut()
            .filter_map(|(path, f)| {
                f.parsed.as_ref()?;
                let json = f.json.take()?;
                Some((
                    path.clone(),
                    FileRecord {
                        hash: f.hash,
                        json,
                        diagnostics: f.diagnostics.clone(),
                        checks: f.checks.clone(),
                    },
                ))
            })
            .collect()
    }

    /// Where the output is.
    pub fn output(&self) -> &Path {
        &self.output
    }

    /// Everything before rendering: brings the parsed files up to date after `changed`, links and
    /// checks the site (or reuses the last linked site when only bodies changed), loads the theme,
    /// and fingerprints every unit. `None` when the site has errors (they are in `diagnostics`).
    pub(crate) fn plan(
        &mut self,
        changed: &[PathBuf],
        diagnostics: &mut Diagnostics,
        phases: &mut Vec<(&'static str, Duration)>,
    ) -> Option<Plan> {
        let root = self.options.root.clone();
        let changed: Vec<PathBuf> = changed.iter().map(|p| load::relative(&root, p)).collect();
        let mut mark = Instant::now();
        let mut phase = |name: &'static str, phases: &mut Vec<(&'static str, Duration)>| {
            phases.push((name, mark.elapsed()));
            mark = Instant::now();
        };
        let config = load::load_config(&root, diagnostics);
        let matter_before: HashMap<&PathBuf, u64> = changed
            .iter()
            .filter_map(|p| self.files.get(p).map(|f| (p, f.matter_hash)))
            .collect();
        let walked = self.refresh_files(&changed);
        diagnostics.extend(self.walk_diagnostics.iter().cloned());
        for file in self.files.values() {
            diagnostics.extend(file.diagnostics.iter().cloned());
        }

        let config_hash = hash_file(&root.join(load::CONFIG_FILE));
        // Only bodies changed (every changed file is a Markdown file that was and still is parsed, with the
        // same front matter), on the same day with the same `site.yaml`: the last linked site stands, with
        // the new documents put in place of the old.
        let previous = self.linked.take();
        let body_only = !walked
            && !changed.is_empty()
            && changed.iter().all(|p| {
                matter_before.get(p).is_some_and(|before| {
                    self.files
                        .get(p)
                        .is_some_and(|f| f.parsed.is_some() && f.matter_hash == *before)
                })
            })
            && previous.as_ref().is_some_and(|l| {
                l.config_hash == config_hash
                    && (self.options.as_of.is_some()
                        || l.site.today == crate::today_in(&l.site.config.timezone))
            });
        let reused = match previous.filter(|_| body_only) {
            Some(mut linked) => {
                let swapped = changed.iter().all(|p| {
                    self.files
                        .get(p)
                        .and_then(|f| f.parsed.as_ref())
                        .is_some_and(|parsed| swap_document(&mut linked.site, parsed))
                });
                swapped.then_some(linked)
            }
            None => None,
        };
        phase("load", phases);
        let (site, link_diagnostics, shape) = match reused {
            Some(linked) => {
                diagnostics.extend(linked.diagnostics.iter().cloned());
                (linked.site, linked.diagnostics, linked.shape)
            }
            None => {
                let documents: Vec<Parsed> = self
                    .files
                    .values()
                    .filter_map(|f| f.parsed.clone())
                    .collect();
                let loaded = load::assemble(&root, config, documents, self.assets.clone());
                let before = diagnostics.len();
                let site = crate::prepare(&self.options, loaded, diagnostics)?;
                let added = diagnostics.iter().skip(before).cloned().collect();
                let shape = site_shape(&site);
                (site, added, shape)
            }
        };
        // The checks of each document in the site, where a clean check runs them: after linking.
        let in_site = documents_of(&site);
        let checks: Vec<Diagnostic> = self
            .files
            .values()
            .filter(|f| {
                f.parsed
                    .as_ref()
                    .is_some_and(|p| in_site.contains(&address(p)))
            })
            .flat_map(|f| f.checks.iter().cloned())
            .collect();
        diagnostics.extend(checks);
        phase("link and check", phases);
        let theme_changed = changed.iter().any(|p| is_theme_path(p));
        if theme_changed
            || self
                .theme
                .as_ref()
                .is_none_or(|(name, _, _)| *name != site.config.theme)
        {
            self.theme = theme_load(&root, &site.config.theme, self.by_content, diagnostics);
        }
        let (_, _, theme_hash) = self.theme.as_ref()?;
        // A site with errors is rendered whole, if at all: nothing is reused.
        let values = (self.valued && !diagnostics.has_errors()).then(|| self.values(&site));
        let shared = values
            .as_ref()
            .and_then(|v| v.fingerprint(&v.names(&site, &render::shared_reads(&site))?));
        let global = global_fingerprint(
            &site,
            shape,
            &self.options,
            config_hash,
            *theme_hash,
            shared,
        );
        let keyed: Vec<(Unit, String)> = render::units(&site)
            .into_iter()
            .map(|u| (u, unit_key(&site, u)))
            .collect();
        Some(Plan {
            site,
            link_diagnostics,
            shape,
            config_hash,
            global,
            keyed,
            values,
        })
    }

    /// Whether the front matter of files read is kept for the build cache.
    fn keeps_records(&self) -> bool {
        self.by_content && self.valued
    }

    /// What every dependency of `site` is worth now ([`Values`]).
    fn values(&self, site: &Site) -> Values {
        let mut matters: HashMap<usize, u64> = HashMap::default();
        let mut whole = Vec::with_capacity(self.files.len());
        for (path, f) in &self.files {
            if let Some(parsed) = &f.parsed {
                let at = address(parsed);
                matters.insert(at, f.matter_hash);
                whole.push((at, path.as_path(), f.hash));
            }
        }
        let matter = |at: usize| matters.get(&at).copied().unwrap_or(0);
        let (by_content, root) = (self.by_content, site.root.clone());
        Values::of(site, &matter, &whole, move |path| {
            identity(&root.join(path), by_content)
        })
    }

    /// Keeps the linked site for the next rebuild (see [`Session::plan`]).
    pub(crate) fn keep_linked(
        &mut self,
        plan_site: Site,
        link_diagnostics: Vec<Diagnostic>,
        config_hash: u64,
        shape: u64,
    ) {
        self.linked = Some(Linked {
            site: plan_site,
            diagnostics: link_diagnostics,
            config_hash,
            shape,
        });
    }

    /// The theme the session builds with, once [`Session::plan`] loaded it.
    pub(crate) fn theme(&self) -> Option<&Theme> {
        self.theme.as_ref().map(|(_, theme, _)| theme)
    }

    /// Brings the parsed files up to date with the disk; true when it walked `content/` again.
    fn refresh_files(&mut self, changed: &[PathBuf]) -> bool {
        let root = self.options.root.clone();
        // Markdown files under `content/` are handled one by one; anything else there (a folder moved,
        // an attachment added) needs a new walk.
        let content = Path::new(load::CONTENT_DIR);
        let needs_walk = !self.walked
            || changed.iter().any(|p| {
                p.starts_with(content)
                    && (p.extension().is_none_or(|e| e != "md")
                        || is_hidden(p)
                        || root.join(p).is_dir())
            });
        if needs_walk {
            let mut diagnostics = Diagnostics::new();
            let (markdown, assets) = load::walk(&root, &mut diagnostics).unwrap_or_default();
            self.walk_diagnostics = diagnostics.into_iter().collect();
            self.assets = assets;
            self.walked = true;
            let wanted: HashSet<&PathBuf> = markdown.iter().collect();
            self.files.retain(|p, _| wanted.contains(p));
            let stale: Vec<&PathBuf> = markdown
                .iter()
                .filter(|p| {
                    self.files
                        .get(*p)
                        .is_none_or(|f| f.stamp != stamp(&root.join(p)) || changed.contains(p))
                })
                .collect();
            let parsed: Vec<(PathBuf, CachedFile)> = {
                use rayon::prelude::*;
                stale
                    .par_iter()
                    .map(|p| {
                        (
                            (*p).clone(),
                            read(&root, p, &self.records, self.keeps_records(), self.bodies),
                        )
                    })
                    .collect()
            };
            self.files.extend(parsed);
            true
        } else {
            for path in changed
                .iter()
                .filter(|p| p.starts_with(content) && p.extension().is_some_and(|e| e == "md"))
            {
                if root.join(path).is_file() {
                    let file = read(
                        &root,
                        path,
                        &self.records,
                        self.keeps_records(),
                        self.bodies,
                    );
                    self.files.insert(path.clone(), file);
                } else {
                    self.files.remove(path);
                }
            }
            false
        }
    }
}

/// Puts `parsed` in the place of the document with its path in `site`; false when the site does not
/// hold it (a withheld document, say).
fn swap_document(site: &mut Site, parsed: &Parsed) -> bool {
    parsed.swap_into(site)
}

/// A parsed document's text and where its body starts.
fn text_of(parsed: &Parsed) -> (&str, usize) {
    (parsed.text(), parsed.body_offset())
}

/// The address of a parsed document, which the linked site shares.
fn address(parsed: &Parsed) -> usize {
    parsed.address()
}

/// The addresses of the documents in `site` (see [`address`]).
fn documents_of(site: &Site) -> HashSet<usize> {
    fn at<T>(doc: &load::Doc<T>) -> usize {
        std::sync::Arc::as_ptr(doc).addr()
    }
    let mut all = HashSet::default();
    all.extend(site.boards.unrecorded().iter().map(|b| at(&b.doc)));
    all.extend(
        site.meetings
            .unrecorded()
            .iter()
            .filter_map(|m| m.doc.as_ref().map(at)),
    );
    all.extend(site.minutes.unrecorded().iter().map(|n| n.source().addr()));
    all.extend(site.pages.unrecorded().iter().map(|p| at(&p.doc)));
    for paper in site.papers.unrecorded() {
        all.insert(at(&paper.doc));
        all.extend(paper.appendices.iter().filter_map(|a| match &a.content {
            crate::site::AppendixContent::Page(doc) => Some(at(doc)),
            _ => None,
        }));
    }
    all
}

/// Reads and parses one content file, with its hash and its size and time. A file the build cache
/// knows (`records`, the same bytes) takes its front matter from the kept JSON and its diagnostics
/// from the record; with `keep`, the front matter of the others is given as JSON for the cache.
fn read(
    root: &Path,
    rel: &Path,
    records: &HashMap<PathBuf, FileRecord>,
    keep: bool,
    bodies: load::Bodies,
) -> CachedFile {
    let stamp = stamp(&root.join(rel));
    let bytes = std::fs::read(root.join(rel));
    let hash = {
        let mut h = crate::hash::fingerprinter();
        bytes.as_ref().ok().hash(&mut h);
        h.finish()
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(e) => {
            return CachedFile {
                parsed: None,
                diagnostics: vec![load::unreadable(rel, &e)],
                checks: Vec::new(),
                hash,
                matter_hash: hash,
                stamp,
                json: None,
                from_record: false,
            };
        }
    };
    let file = |parsed: Option<Parsed>, diagnostics, checks, json, from_record| {
        let matter_hash = parsed.as_ref().map_or(hash, |p| {
            let (text, body_offset) = text_of(p);
            hash_bytes(&text.as_bytes()[..body_offset.min(text.len())])
        });
        CachedFile {
            parsed,
            diagnostics,
            checks,
            hash,
            matter_hash,
            stamp,
            json,
            from_record,
        }
    };
    if let Some(record) = records.get(rel).filter(|r| r.hash == hash) {
        let mut kept = load::KeptMatter::Read(&record.json, false);
        let (parsed, _) = load::parse_bytes_with(rel, bytes.clone(), bodies, &mut kept);
        if parsed.is_some() && matches!(kept, load::KeptMatter::Read(_, true)) {
            return file(
                parsed,
                record.diagnostics.clone(),
                record.checks.clone(),
                Some(record.json.clone()),
                true,
            );
        }
    }
    let mut kept = if keep {
        load::KeptMatter::Make(None)
    } else {
        load::KeptMatter::Off
    };
    let (parsed, diagnostics) = load::parse_bytes_with(rel, bytes, bodies, &mut kept);
    let checks = parsed
        .as_ref()
        .map(crate::check::document)
        .unwrap_or_default();
    let json = match kept {
        load::KeptMatter::Make(json) => json,
        _ => None,
    };
    file(parsed, diagnostics, checks, json, false)
}

/// What stands for a file's content in a fingerprint: its size and time for `serve` (an edit on
/// this machine changes both, and reading every attachment on each save would be slow), or a hash of
/// its bytes for a build with a cache, which a fresh checkout in CI (new times, same bytes) must reuse.
fn identity(path: &Path, by_content: bool) -> u64 {
    if by_content {
        hash_file(path)
    } else {
        crate::hash::fingerprint(&stamp(path))
    }
}

fn stamp(path: &Path) -> Option<(u64, SystemTime)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = crate::hash::fingerprinter();
    bytes.hash(&mut h);
    h.finish()
}

fn hash_file(path: &Path) -> u64 {
    let mut h = crate::hash::fingerprinter();
    std::fs::read(path).ok().hash(&mut h);
    h.finish()
}

/// A name editors and the walk skip (`.paper.md.swp`, `_draft.md`).
fn is_hidden(path: &Path) -> bool {
    path.components().any(|c| {
        c.as_os_str()
            .to_str()
            .is_some_and(|s| s.starts_with('.') || s.starts_with('_'))
    })
}

/// Paths whose change means the theme must be loaded again.
fn is_theme_path(path: &Path) -> bool {
    path.starts_with("templates")
        || path.starts_with("pdf")
        || path.starts_with("static")
        || path.starts_with("themes")
        || path == Path::new(load::CONFIG_FILE)
}

fn theme_load(
    root: &Path,
    name: &str,
    by_content: bool,
    diagnostics: &mut Diagnostics,
) -> Option<(String, Theme, u64)> {
    let theme = crate::render::theme::load(root, name, diagnostics)?;
    let mut h = crate::hash::fingerprinter();
    for (name, source) in &theme.sources {
        (name, &source.text).hash(&mut h);
    }
    // The PDF packs' template and fonts too (`pdf/`).
    let pdf = &theme.pdf;
    (&pdf.template.file, &pdf.template.text).hash(&mut h);
    for (path, source) in theme.static_files.iter().chain(&pdf.fonts) {
        path.hash(&mut h);
        match source {
            StaticSource::Embedded(bytes) => bytes.hash(&mut h),
            StaticSource::File(file) => identity(file, by_content).hash(&mut h),
        }
    }
    Some((name.to_string(), theme, h.finish()))
}

/// What every page depends on: the site's shape, its settings, the theme, the date and the outputs made.
fn global_fingerprint(
    site: &Site,
    shape: u64,
    options: &Options,
    config: u64,
    theme: u64,
    shared: Option<u64>,
) -> u64 {
    let mut h = crate::hash::fingerprinter();
    // The outputs made (`--no-pdf` leaves the packs and every link to them out).
    let outputs = crate::outputs::all(options.pdf).names();
    (
        shape,
        config,
        theme,
        &options.base_url,
        options.drafts,
        options.preview,
        site.today.iso(),
        &site.base_url,
        outputs,
        shared,
    )
        .hash(&mut h);
    h.finish()
}

/// The site's shape: every page's URL, what is withheld, the linked files. Kept with a linked site
/// (a body edit cannot change it): hashing 10,000 URLs on every rebuild is time an author waits.
fn site_shape(site: &Site) -> u64 {
    let mut h = crate::hash::fingerprinter();
    // Summed entry hashes: the same for the same map whatever its order, without sorting 10,000 paths.
    let entry = |e: &dyn Fn(&mut Fingerprinter)| {
        let mut h = crate::hash::fingerprinter();
        e(&mut h);
        h.finish()
    };
    let urls = site.urls.iter().fold(0u64, |sum, (path, url)| {
        sum.wrapping_add(entry(&|h| (path, url).hash(h)))
    });
    (site.urls.len(), urls).hash(&mut h);
    for w in &site.withheld {
        format!("{w:?}").hash(&mut h);
    }
    let assets = site
        .assets
        .iter()
        .fold(0u64, |sum, path| sum.wrapping_add(entry(&|h| path.hash(h))));
    (site.assets.len(), assets).hash(&mut h);
    // The preview's banners (what is withheld, and why), in path order.
    let mut banners: Vec<(&String, &String)> = site.banners.iter().collect();
    banners.sort_unstable();
    banners.hash(&mut h);
    struct Lengths<'a>(&'a mut Fingerprinter);
    impl crate::site::EachList for Lengths<'_> {
        fn list<T: crate::site::Listed>(&mut self, list: &crate::site::Entities<T>) {
            list.len().hash(self.0);
        }
    }
    site.each_list(&mut Lengths(&mut h));
    h.finish()
}

/// A unit's name that survives a re-link: its page path.
fn unit_key(site: &Site, unit: Unit) -> String {
    match unit {
        Unit::Board(b) => format!("board:{}", site.boards[b].path),
        Unit::Meeting(m) => format!("meeting:{}", site.meetings[m].path),
        Unit::Page(p) => format!("page:{}", site.pages[p].path),
        Unit::Person(p) => format!("person:{}", site.people[p].path),
        Unit::Decision(d) => format!("decision:{}", site.decisions[d].path),
        other => format!("{other:?}"),
    }
}
