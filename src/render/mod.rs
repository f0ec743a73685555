//! Phase 3, render: turn the linked site into the bytes of every output file, and hand each to a
//! [`Sink`] as soon as it is made.
//!
//! The work is cut into [`Unit`]s (the home page, a board, a meeting with its papers, appendices and
//! minutes, a content page, the site-wide outputs, the static files) that render in parallel. A page is
//! written the moment it is rendered, so memory holds a unit's pages, never the site's; and `serve`
//! re-renders only the units whose inputs changed. Each unit reports what it found (diagnostics, the
//! ids of its paragraphs, the links into other pages, the files it links to) in a [`UnitOutput`], and
//! [`finish`] checks the links between pages once every unit is known.

pub mod context;
pub mod staging;
pub mod theme;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use tera::Context;

use crate::render::context::*;
use crate::hash::{Map as HashMap, Set as HashSet};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::content::markdown::{self, LinkTarget, Settings};
use crate::content::model::{Date, MeetingStatus, MinutesStatus, Venue};
use crate::site::{AppendixContent, BoardId, MeetingId, PaperId, Site, normalise};
use crate::render::theme::{StaticSource, Theme};

/// One file of the built site, as the site-wide modules make them.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path relative to the output folder, `/`-separated.
    pub path: String,
    pub content: OutputContent,
}

#[derive(Debug, Clone)]
pub enum OutputContent {
    Bytes(Vec<u8>),
    /// Copy this file (absolute path).
    Copy(PathBuf),
}

/// Where rendered files go: a staging folder (`build`), nowhere (`check`), the preview folder (`serve`).
/// Called from many threads at once.
pub trait Sink: Sync {
    /// Writes `bytes` at `path` (relative, `/`-separated).
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()>;
    /// Copies the file `from` to `path`.
    fn copy(&self, path: &str, from: &Path) -> std::io::Result<()>;
    /// Writes at `path` what `fill` writes: for files of tens of megabytes (open data), better not
    /// held whole. Gathered and given to [`Sink::write`] unless the sink streams it to its file.
    fn write_with(&self, path: &str, fill: &mut FileFiller<'_>) -> std::io::Result<()> {
        let mut bytes = Vec::new();
        fill(&mut bytes)?;
        self.write(path, &bytes)
    }
    /// Does the sink keep what it is given? When not (`check`), outputs that are whole files made
    /// from data already checked (feeds, calendars, open data, the search index) are not made at all;
    /// every page still is, so its template is checked.
    fn keeps_files(&self) -> bool {
        true
    }
}

/// A sink that keeps nothing, for `check`: pages are still rendered, so template errors are found.
pub struct Discard;

impl Sink for Discard {
    fn write(&self, _path: &str, _bytes: &[u8]) -> std::io::Result<()> {
        Ok(())
    }
    fn write_with(&self, _path: &str, fill: &mut FileFiller<'_>) -> std::io::Result<()> {
        fill(&mut std::io::sink())
    }
    fn keeps_files(&self) -> bool {
        false
    }
    fn copy(&self, _path: &str, from: &Path) -> std::io::Result<()> {
        // A copy that would fail in `build` fails here too.
        std::fs::metadata(from).map(|_| ())
    }
}

/// A sink that keeps every file in memory, for tests and tools that look at the output.
#[derive(Default)]
pub struct Memory(pub std::sync::Mutex<std::collections::BTreeMap<String, Vec<u8>>>);

impl Sink for Memory {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).insert(path.to_string(), bytes.to_vec());
        Ok(())
    }
    fn copy(&self, path: &str, from: &Path) -> std::io::Result<()> {
        let bytes = std::fs::read(from)?;
        self.write(path, &bytes)
    }
}

/// The syntect theme whose colours the default stylesheet gets for code.
const CODE_THEME: &str = "InspiredGitHub";

/// A piece of the site that renders on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    Home,
    Board(BoardId),
    /// The meeting's agenda page, its papers, appendices and minutes.
    Meeting(MeetingId),
    /// A free-standing content page.
    Page(usize),
    /// The accessibility statement and the 404 page.
    Fixed,
    /// Feeds, calendars, sitemap, registers, open data, archives, the boards index.
    Extras,
    /// The search page and its index: the only site-wide output that reads every document's body.
    Search,
    /// The theme's static files.
    Static,
}

/// Every unit of `site`, in a fixed order.
pub fn units(site: &Site) -> Vec<Unit> {
    let mut units = vec![Unit::Home, Unit::Fixed, Unit::Extras, Unit::Search, Unit::Static];
    units.extend((0..site.boards.len()).map(Unit::Board));
    units.extend((0..site.meetings.len()).map(Unit::Meeting));
    units.extend((0..site.pages.len()).map(Unit::Page));
    units
}

/// Runs `run` on every unit in parallel, and gives the results in the units' order. The two longest
/// units, the search index and the site-wide extras, start first and on different threads: left to
/// rayon's splitting of the list, both fell to the same thread, one after the other, and the build
/// waited for them.
fn longest_first<T: Send>(units: &[Unit], run: impl Fn(Unit) -> T + Sync) -> Vec<T> {
    let search = units.iter().position(|u| matches!(u, Unit::Search));
    let extras = units.iter().position(|u| matches!(u, Unit::Extras));
    let rest: Vec<usize> = (0..units.len()).filter(|&i| Some(i) != search && Some(i) != extras).collect();
    let one = |i: usize| (i, run(units[i]));
    let (first, (second, mut all)) = rayon::join(
        || search.map(one),
        || rayon::join(|| extras.map(one), || rest.par_iter().with_max_len(1).map(|&i| one(i)).collect::<Vec<_>>()),
    );
    all.extend(first);
    all.extend(second);
    all.sort_unstable_by_key(|&(i, _)| i);
    all.into_iter().map(|(_, out)| out).collect()
}

/// Runs every unit, in parallel, for a build that gathers the search index as it renders
/// ([`crate::outputs::search::Gatherer`]), and gives the results in the units' order. The site-wide extras,
/// the longest unit, start first; the meetings are taken one at a time, in the index's order
/// ([`crate::outputs::search::Gatherer::meeting_order`]), by whichever thread is free, so their documents come
/// to the index nearly in turn and few wait; the search unit, which finishes the index, comes last.
fn search_last<T: Send>(site: &Site, units: &[Unit], run: impl Fn(Unit) -> T + Sync) -> Vec<T> {
    let position = |wanted: Unit| units.iter().position(|&u| u == wanted);
    let (search, extras) = (position(Unit::Search), position(Unit::Extras));
    let mut queue: Vec<usize> = crate::outputs::search::Gatherer::meeting_order(site).into_iter().filter_map(|m| position(Unit::Meeting(m))).collect();
    queue.extend((0..units.len()).filter(|&i| Some(i) != search && Some(i) != extras && !matches!(units[i], Unit::Meeting(_))));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let one = |i: usize| (i, run(units[i]));
    let take_in_turn = |_| {
        let mut mine = Vec::new();
        while let Some(&i) = queue.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed)) {
            mine.push(one(i));
        }
        mine
    };
    let (first, mut all) = rayon::join(|| extras.map(one), || (0..rayon::current_num_threads()).into_par_iter().flat_map_iter(take_in_turn).collect::<Vec<_>>());
    all.extend(first);
    all.extend(search.map(one));
    all.sort_unstable_by_key(|&(i, _)| i);
    all.into_iter().map(|(_, out)| out).collect()
}

/// A link to another page's `#fragment`, and where it is written; checked in [`finish`], when every
/// page's ids are known. Most resolve; for the others, the warning is finished from `place`.
#[derive(Clone)]
pub struct FragmentLink {
    /// A diagnostic already pointing at the link (its file, line, column and source line): the text
    /// it is in need not be kept until every page is rendered (papers' bodies are let go).
    place: Diagnostic,
    page: String,
    fragment: String,
}

/// What rendering one unit found and wrote.
#[derive(Default, Clone)]
pub struct UnitOutput {
    /// Output paths written, in order.
    pub written: Vec<String>,
    /// HTML pages among them.
    pub pages: usize,
    pub diagnostics: Vec<Diagnostic>,
    /// Page URL → the ids of its paragraphs and headings.
    pub ids: Vec<(String, PageIds)>,
    pub fragment_links: Vec<FragmentLink>,
    /// Files under `content/` that the unit's pages link to (images, documents): these are published.
    pub assets: BTreeSet<PathBuf>,
    /// The first write that failed.
    pub write_error: Option<(String, String)>,
}

/// The ids of a page's paragraphs and headings, kept in one string: one allocation per page instead of
/// one per id (a 100,000-paper site has millions), and links are checked against them only once.
#[derive(Clone, Default, Debug)]
pub struct PageIds(Box<str>);

impl PageIds {
    fn new<'a>(ids: impl Iterator<Item = &'a str>) -> PageIds {
        let mut all = String::new();
        for id in ids {
            all.push_str(id);
            all.push('\n');
        }
        PageIds(all.into_boxed_str())
    }

    pub fn contains(&self, id: &str) -> bool {
        self.iter().any(|x| x == id)
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.split_terminator('\n')
    }
}

impl UnitOutput {
    /// Adds what another unit (or part of one) wrote and found.
    fn merge(&mut self, other: UnitOutput) {
        self.pages += other.pages;
        self.written.extend(other.written);
        self.diagnostics.extend(other.diagnostics);
        self.ids.extend(other.ids);
        self.fragment_links.extend(other.fragment_links);
        self.assets.extend(other.assets);
        if self.write_error.is_none() {
            self.write_error = other.write_error;
        }
    }
}

/// Collects, while a unit renders, what [`UnitOutput`] reports; the link resolver adds assets through
/// a shared reference, hence the cell.
#[derive(Default)]
pub(crate) struct Collector {
    out: std::cell::RefCell<UnitOutput>,
}

/// Renders units of one site with one theme.
pub struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    /// Converted to a template value once: shared by reference (Tera's values are Arc-backed), so a
    /// page costs only its own data, not another copy of the site.
    site_view: tera::Value,
    /// In a build, the search index, gathered as meetings' pages are rendered (see
    /// [`crate::outputs::search::Gatherer`]); otherwise the search unit reads every document itself.
    gatherer: Option<crate::outputs::search::Gatherer<'a>>,
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme, preview: bool) -> Self {
        let mut view = site_view(site);
        view.preview = preview;
        Renderer { site, theme, site_view: tera::Value::from_serializable(&view), gatherer: None }
    }

    /// Gathers the search index as the meetings' pages are rendered: for a render of every unit, once.
    pub fn gathering_search(mut self) -> Self {
        self.gatherer = Some(crate::outputs::search::Gatherer::new(self.site));
        self
    }

    /// Renders `units` in parallel into `sink`; the outputs come back in the order of `units`.
    pub fn render(&self, units: &[Unit], sink: &dyn Sink) -> Vec<UnitOutput> {
        if std::env::var_os("BOARDPACK_TRACE").is_none() {
            return self.schedule(units, |u| self.render_unit(u, sink));
        }
        // Tracing: how long each kind of unit took, summed over threads, and the slowest one.
        let timed: Vec<(UnitOutput, std::time::Duration)> = self.schedule(units, |u| {
            let at = std::time::Instant::now();
            let out = self.render_unit(u, sink);
            (out, at.elapsed())
        });
        let mut by_kind: std::collections::BTreeMap<String, (f64, f64, usize)> = Default::default();
        for (u, (_, took)) in units.iter().zip(&timed) {
            let name = format!("{u:?}");
            let kind = name.split('(').next().unwrap_or_default().to_string();
            let e = by_kind.entry(kind).or_default();
            let ms = took.as_secs_f64() * 1000.0;
            e.0 += ms;
            e.1 = e.1.max(ms);
            e.2 += 1;
        }
        for (kind, (sum, max, n)) in by_kind {
            eprintln!("trace:   unit {kind} ×{n}: {sum:.1} ms in all, slowest {max:.1} ms");
        }
        timed.into_iter().map(|(o, _)| o).collect()
    }

    fn schedule<T: Send>(&self, units: &[Unit], run: impl Fn(Unit) -> T + Sync) -> Vec<T> {
        match self.gatherer {
            Some(_) => search_last(self.site, units, run),
            None => longest_first(units, run),
        }
    }

    /// Runs a generator of site-wide outputs: its files are written as it makes them, then its pages
    /// are rendered (in parallel: registers and archives make hundreds, some of them large). Returns
    /// the pages' paths.
    fn generate(&self, c: &Collector, sink: &dyn Sink, generate: impl FnOnce(&mut Extras)) -> Vec<String> {
        let write = |path: &str, fill: &mut FileFiller<'_>| sink.write_with(path, fill);
        // Pages are rendered as the generator adds them, and their views dropped: a register's views
        // are tens of megabytes on a large site, too much to hold them all until the end.
        let rendered: Mutex<Vec<(String, UnitOutput)>> = Mutex::new(Vec::new());
        let render = |e: ExtraPage| {
            let own = Collector::default();
            let values = |ctx: &mut Context| {
                for (name, value) in &e.values {
                    ctx.insert_value(*name, value.clone());
                }
            };
            self.emit_as(&own, sink, &e.path, e.template, e.page, &values, Held::Streamed);
            rendered.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((e.path, own.out.into_inner()));
        };
        let mut extras = Extras { writer: Some(&write), renderer: Some(&render), files_wanted: sink.keeps_files(), ..Extras::default() };
        generate(&mut extras);
        let problems = std::mem::take(&mut extras.diagnostics);
        let written = std::mem::take(&mut extras.written);
        drop(extras);
        {
            let mut out = c.out.borrow_mut();
            for (path, result) in written {
                noted(&mut out, &path, result);
            }
            out.diagnostics.extend(problems);
        }
        // In the order of their paths, whatever order the threads finished in.
        let mut rendered = rendered.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        rendered.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut out = c.out.borrow_mut();
        rendered
            .into_iter()
            .map(|(path, r)| {
                out.merge(r);
                path
            })
            .collect()
    }

    /// Renders one page with `template` and writes it.
    fn emit(&self, c: &Collector, sink: &dyn Sink, path: &str, template: &str, page: PageView, add: &dyn Fn(&mut Context)) {
        self.emit_as(c, sink, path, template, page, add, Held::InBuffer);
    }

    fn emit_as(&self, c: &Collector, sink: &dyn Sink, path: &str, template: &str, page: PageView, add: &dyn Fn(&mut Context), held: Held) {
        let mut context = Context::new();
        context.insert_value("site", self.site_view.clone());
        context.insert("page", &page);
        add(&mut context);
        let file = if path.ends_with(".html") { path.to_string() } else { format!("{path}index.html") };
        // `check` keeps nothing: every page is rendered into nothing, so its template is still checked.
        if held == Held::Streamed || !sink.keeps_files() {
            let mut failed = None;
            let result = sink.write_with(&file, &mut |w| {
                self.theme.tera.render_to(template, &context, w).map_err(|e| match e.kind() {
                    // The file could not be written (a full disk, say): a write error, not the template's.
                    tera::ErrorKind::Io(kind) => std::io::Error::new(*kind, std::error::Error::source(&e).map_or_else(|| e.to_string(), |s| s.to_string())),
                    _ => {
                        let io = std::io::Error::other(e.to_string());
                        failed = Some(e);
                        io
                    }
                })
            });
            let mut out = c.out.borrow_mut();
            match failed {
                Some(e) => out.diagnostics.push(crate::render::theme::template_diagnostic(&e, &self.theme.sources)),
                None => {
                    out.pages += 1;
                    noted(&mut out, &file, result);
                }
            }
            return;
        }
        // Each thread renders into one buffer it keeps: no page grows a new string from empty, and
        // the bytes go to the sink without a UTF-8 check (Tera writes only `str`s).
        let mut html = PAGE_BUFFER.with_borrow_mut(std::mem::take);
        html.clear();
        match self.theme.tera.render_to(template, &context, &mut html) {
            Ok(()) => {
                let mut out = c.out.borrow_mut();
                out.pages += 1;
                put(&mut out, sink, &file, Some(&html), None);
            }
            Err(e) => c.out.borrow_mut().diagnostics.push(crate::render::theme::template_diagnostic(&e, &self.theme.sources)),
        }
        // A page of more than a megabyte is rare (see `Held::Streamed`): a buffer grown for one is not kept.
        if html.capacity() <= KEPT_BUFFER_MAX {
            PAGE_BUFFER.with_borrow_mut(|kept| *kept = html);
        }
    }

    /// Renders one unit into `sink`.
    pub fn render_unit(&self, unit: Unit, sink: &dyn Sink) -> UnitOutput {
        let c = Collector::default();
        let site = self.site;
        let emit = |path: &str, template: &str, page: PageView, add: &dyn Fn(&mut Context)| self.emit(&c, sink, path, template, page, add);
        match unit {
            Unit::Home => {
                let home = home_view(site);
                emit("", "index.html", page(site, "home", &site.config.title, "", vec![], site.config.description.clone()), &|c| c.insert("home", &home));
            }
            Unit::Board(id) => {
                let view = board_view(site, id, &c);
                let p = page(site, "board", &view.title, &site.boards[id].path, vec![], None);
                emit(&site.boards[id].path, "board.html", p, &|ctx| ctx.insert("board", &view));
            }
            Unit::Meeting(id) => meeting_pages(site, id, &c, &emit, sink, self.gatherer.as_ref()),
            Unit::Page(id) => {
                let p = &site.pages[id];
                let body = markdown_doc(site, &p.doc, Settings::default(), &c);
                let view = ContentPageView { title: p.doc.matter.title.clone(), body_html: body.html, extra: p.doc.matter.extra.clone() };
                let pv = page(site, "page", &view.title, &p.path, vec![], p.doc.matter.description.clone());
                emit(&p.path, "page.html", pv, &|ctx| ctx.insert("content", &view));
            }
            Unit::Fixed => {
                emit("accessibility/", "accessibility.html", page(site, "accessibility", "Accessibility statement", "accessibility/", vec![], None), &|_| {});
                emit("404.html", "404.html", page(site, "not_found", "Page not found", "404.html", vec![], None), &|_| {});
            }
            Unit::Extras => {
                // Each generator sees only the linked site, from which everything withheld (exempt,
                // draft, embargoed) is already gone. They are independent, so they run in parallel;
                // each one's files are written as it makes them and its pages rendered as soon as it
                // is done, so no more than one generator's output at a time is held per thread.
                let generators: [(Generator, &str); 6] = [
                    (boards_index, "boards index"),
                    (crate::outputs::feeds::outputs, "feeds"),
                    (crate::outputs::calendar::outputs, "calendars"),
                    (crate::outputs::registers::outputs, "registers"),
                    (crate::outputs::opendata::outputs, "open data"),
                    (crate::outputs::archive::outputs, "archives"),
                ];
                let parts: Vec<(UnitOutput, Vec<String>)> = generators
                    .par_iter()
                    .map(|(generate, name)| {
                        let mut trace = crate::Trace::new();
                        let own = Collector::default();
                        let pages = self.generate(&own, sink, |extras| generate(site, extras));
                        trace.mark(&format!("  extras: {name}"));
                        (own.out.into_inner(), pages)
                    })
                    .collect();
                let added: Vec<&str> = parts.iter().flat_map(|(_, pages)| pages.iter().map(String::as_str)).collect();
                // Last: it lists the pages the others added.
                self.generate(&c, sink, |extras| crate::outputs::sitemap::outputs(site, &added, extras));
                let mut out = c.out.borrow_mut();
                for (part, _) in parts {
                    out.merge(part);
                }
            }
            Unit::Search => {
                let mut trace = crate::Trace::new();
                self.generate(&c, sink, |extras| crate::outputs::search::outputs(site, extras, self.gatherer.as_ref()));
                trace.mark("  search");
            }
            Unit::Static => {
                let mut out = c.out.borrow_mut();
                for (path, source) in &self.theme.static_files {
                    match (source, path == STYLESHEET) {
                        (StaticSource::Embedded(bytes), false) => put(&mut out, sink, path, Some(bytes), None),
                        (StaticSource::File(file), false) => put(&mut out, sink, path, None, Some(file)),
                        (source, true) => {
                            let bytes = with_code_css(source);
                            put(&mut out, sink, path, Some(&bytes), None);
                        }
                    }
                }
            }
        }
        c.out.into_inner()
    }
}

/// Writes (or copies) one file, noting it and the first failure.
fn put(out: &mut UnitOutput, sink: &dyn Sink, path: &str, bytes: Option<&[u8]>, copy: Option<&Path>) {
    let result = match (bytes, copy) {
        (Some(b), _) => sink.write(path, b),
        (None, Some(from)) => sink.copy(path, from),
        (None, None) => Ok(()),
    };
    noted(out, path, result);
}

/// Notes a file written, or the first failure.
fn noted(out: &mut UnitOutput, path: &str, result: std::io::Result<()>) {
    match result {
        Ok(()) => out.written.push(path.to_string()),
        Err(e) => {
            if out.write_error.is_none() {
                out.write_error = Some((path.to_string(), e.to_string()));
            }
        }
    }
}

/// The largest page buffer a thread keeps for its next page (see [`Renderer::emit`]).
const KEPT_BUFFER_MAX: usize = 1 << 20;

/// How a rendered page reaches its sink.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Held {
    /// Whole, in the thread's page buffer: one write for the file.
    InBuffer,
    /// Written into the file as Tera renders it. For the pages generators add: a site-wide register
    /// is megabytes of HTML on a large site (8.7 MB for 10,000 papers), which should not be held.
    Streamed,
}

thread_local! {
    /// The buffer each thread renders pages into (see [`Renderer::emit`]).
    static PAGE_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// What the whole render found, once every unit is done.
#[derive(Debug, Default)]
pub struct Finished {
    /// HTML pages written.
    pub pages: usize,
    /// Files written, pages included.
    pub files: usize,
    /// The first write that failed: (output path, error).
    pub write_error: Option<(String, String)>,
    /// The files under `content/` that pages link to, as published (output paths).
    pub assets: Vec<String>,
}

/// Adds the units' diagnostics (each template error once), checks the links between pages, and
/// copies the files under `content/` that published pages link to.
pub fn finish<'o>(site: &Site, outputs: impl IntoIterator<Item = &'o UnitOutput> + Clone, sink: &dyn Sink, diagnostics: &mut Diagnostics) -> Finished {
    let mut finished = Finished::default();
    let mut seen = HashSet::default();
    let mut ids: HashMap<&str, &PageIds> = HashMap::default();
    let mut assets: BTreeSet<&PathBuf> = BTreeSet::new();
    let mut links: Vec<&FragmentLink> = Vec::new();
    for out in outputs.clone() {
        finished.pages += out.pages;
        finished.files += out.written.len();
        if finished.write_error.is_none() {
            finished.write_error.clone_from(&out.write_error);
        }
        for d in &out.diagnostics {
            // Template errors repeat on every page that uses the template: report each once.
            let template_error = d.code == "BP040" || d.code == "BP041";
            if !template_error || seen.insert((d.file.clone(), d.start, d.message.clone())) {
                diagnostics.push(d.clone());
            }
        }
        ids.extend(out.ids.iter().map(|(url, set)| (url.as_str(), set)));
        assets.extend(out.assets.iter());
        links.extend(out.fragment_links.iter());
    }
    // No sort needed: units come in a fixed order, and diagnostics are sorted when shown.
    for link in links {
        let Some(page_ids) = ids.get(link.page.as_str()) else { continue };
        if page_ids.contains(&link.fragment) {
            continue;
        }
        let mut diagnostic = link.place.clone().label("no paragraph or heading with this id there");
        diagnostic.message = format!("there is no `#{}` in the page this links to", link.fragment);
        let help = match crate::content::model::did_you_mean(&link.fragment, page_ids.iter()) {
            Some(s) => format!("did you mean `#{s}`? Numbered paragraphs are #p1, #p2, #p2.1…"),
            None => "numbered paragraphs are #p1, #p2, #p2.1…; headings use their text in lower case with hyphens".to_string(),
        };
        diagnostics.push(diagnostic.help(help));
    }
    // Linked files are published under `files/`; only pages written there could be one already.
    let written: HashSet<&str> = if assets.is_empty() {
        HashSet::default()
    } else {
        outputs.clone().into_iter().flat_map(|o| o.written.iter().map(String::as_str)).filter(|p| p.starts_with(ASSET_DIR)).collect()
    };
    for asset in assets {
        let path = asset_url_path(asset);
        // An appendix file linked from a paper's body is already published where it belongs.
        if written.contains(path.as_str()) {
            continue;
        }
        match sink.copy(&path, &site.root.join(asset)) {
            Ok(()) => {
                finished.files += 1;
                finished.assets.push(path);
            }
            Err(e) => {
                if finished.write_error.is_none() {
                    finished.write_error = Some((path, e.to_string()));
                }
            }
        }
    }
    finished
}

/// Renders the whole site into `sink`.
pub fn render(site: &Site, theme: &Theme, preview: bool, sink: &dyn Sink, diagnostics: &mut Diagnostics) -> Finished {
    let mut trace = crate::Trace::new();
    let mut renderer = Renderer::new(site, theme, preview);
    // The search index is made only when the sink keeps files (not for `check`).
    if sink.keeps_files() {
        renderer = renderer.gathering_search();
    }
    let outputs = renderer.render(&units(site), sink);
    trace.mark("render");
    let finished = finish(site, outputs.iter(), sink, diagnostics);
    trace.mark("finish");
    drop(outputs);
    trace.mark("drop outputs");
    finished
}

/// The stylesheet's path in the output, relative to the site root.
pub const STYLESHEET: &str = "assets/style.css";

fn with_code_css(source: &StaticSource) -> Vec<u8> {
    let mut bytes = match source {
        StaticSource::Embedded(b) => b.to_vec(),
        StaticSource::File(path) => std::fs::read(path).unwrap_or_default(),
    };
    if let Some(css) = markdown::highlight_css(CODE_THEME) {
        bytes.extend_from_slice(b"\n/* Code highlighting (generated) */\n");
        bytes.extend_from_slice(css.as_bytes());
    }
    bytes
}

pub fn page(site: &Site, kind: &'static str, title: &str, path: &str, breadcrumbs: Vec<LinkView>, description: Option<String>) -> PageView {
    let mut crumbs = if kind == "home" { Vec::new() } else { vec![LinkView { title: "Home".into(), url: site.href("") }] };
    crumbs.extend(breadcrumbs);
    PageView {
        title: title.to_string(),
        kind,
        url: site.href(path),
        permalink: site.permalink(path),
        breadcrumbs: crumbs,
        description,
        // A paper's appendices share its fate: a page under a previewed page carries its banner.
        banner: site.banners.iter().filter(|(url, _)| path.starts_with(url.as_str())).max_by_key(|(url, _)| url.len()).map(|(_, b)| b.clone()),
    }
}

pub fn date_view(d: Date) -> DateView {
    DateView { iso: d.iso(), long: d.long(), medium: d.medium(), year: d.year() }
}

fn site_view(site: &Site) -> SiteView {
    let mut pages: Vec<LinkView> =
        site.pages.iter().map(|p| LinkView { title: p.doc.matter.title.clone(), url: site.href(&p.path) }).collect();
    pages.sort_by(|a, b| a.title.cmp(&b.title));
    SiteView {
        title: site.config.title.clone(),
        description: site.config.description.clone(),
        language: site.config.language.clone(),
        base_url: site.base_url.clone(),
        base_path: site.base_path.clone(),
        organisation: crate::content::model::Organisation {
            // Only web addresses become links; anything else (a `javascript:` URL) is dropped.
            website: site.config.organisation.website.clone().filter(|w| w.starts_with("https://") || w.starts_with("http://")),
            ..site.config.organisation.clone()
        },
        boards: site.boards.iter().map(|b| board_link(site, b)).collect(),
        nav: [("Boards", BOARDS_INDEX), ("Decisions", crate::outputs::registers::DECISIONS), ("Actions", crate::outputs::registers::ACTIONS), ("Search", crate::outputs::search::PAGE)]
            .into_iter()
            .map(|(title, path)| LinkView { title: title.into(), url: site.href(path) })
            .chain(pages.iter().cloned())
            .collect(),
        pages,
        home_url: site.href(""),
        accessibility_url: site.href("accessibility/"),
        stylesheet_url: site.href(STYLESHEET),
        today: date_view(site.today),
        feeds: FeedLinks { atom: site.href(crate::outputs::feeds::SITE_FEED), calendar: site.href(crate::outputs::calendar::SITE_CALENDAR), data: site.href(crate::outputs::opendata::INDEX) },
        preview: false,
    }
}

/// The list of every board.
pub const BOARDS_INDEX: &str = "boards/";

/// A module's function that adds site-wide outputs.
type Generator = fn(&Site, &mut Extras);
/// Writes a file (see [`Sink::write_with`]) and says how that went; generators may write files from
/// several threads at once.
type FileWriter<'a> = dyn Fn(&str, &mut FileFiller<'_>) -> std::io::Result<()> + Sync + 'a;
/// Writes a file's content into what it is given (see [`Sink::write_with`]).
pub type FileFiller<'a> = dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()> + 'a;
/// Renders a page a generator adds; generators may add pages from several threads at once.
pub type PageRenderer<'a> = dyn Fn(ExtraPage) + Sync + 'a;

/// What the modules that add to a site (feeds, calendars, search, registers, open data) give the
/// renderer: whole files, and pages to put through a theme template.
pub struct Extras<'a> {
    /// Whole files, when there is no writer (tests look at them here).
    pub files: Vec<OutputFile>,
    pub pages: Vec<ExtraPage>,
    /// Where whole files go as soon as they are made: open data alone is tens of megabytes on a
    /// large site, better written than held.
    writer: Option<&'a FileWriter<'a>>,
    /// Where pages go as soon as they are made, to be rendered (else they are held in `pages`).
    renderer: Option<&'a PageRenderer<'a>>,
    /// False when nothing will be kept (`check`): a generator then makes its pages but need not make
    /// whole files ([`Sink::keeps_files`]).
    pub files_wanted: bool,
    /// Problems a generator met (a file that changed while the search index read it).
    pub diagnostics: Vec<Diagnostic>,
    /// The files written through `writer`, in the order they were added, and how each write went.
    written: Vec<(String, std::io::Result<()>)>,
}

impl Default for Extras<'_> {
    fn default() -> Self {
        Extras { files: Vec::new(), pages: Vec::new(), writer: None, renderer: None, files_wanted: true, diagnostics: Vec::new(), written: Vec::new() }
    }
}

/// A page that a module adds, rendered with `template` like every other page.
#[derive(Debug)]
pub struct ExtraPage {
    /// The page's folder, `decisions/` (the page is its `index.html`).
    pub path: String,
    pub template: &'static str,
    pub page: PageView,
    /// Template variables beside `site` and `page`.
    pub values: Vec<(&'static str, tera::Value)>,
}

impl ExtraPage {
    /// A page at `path` (a folder, `decisions/`) rendered with `template`.
    pub fn new(path: impl Into<String>, template: &'static str, page: PageView, values: Vec<(&'static str, tera::Value)>) -> ExtraPage {
        ExtraPage { path: path.into(), template, page, values }
    }
}

impl Extras<'_> {
    /// Adds a page at `path` (a folder, `decisions/`) rendered with `template`.
    pub fn page(&mut self, path: impl Into<String>, template: &'static str, page: PageView, values: Vec<(&'static str, tera::Value)>) {
        self.add_page(ExtraPage::new(path, template, page, values));
    }

    fn add_page(&mut self, page: ExtraPage) {
        match self.renderer {
            Some(render) => render(page),
            None => self.pages.push(page),
        }
    }

    /// Runs `make`, which may add pages from several threads at once through the function it is given.
    pub fn pages_in_parallel<R>(&mut self, make: impl FnOnce(&PageRenderer<'_>) -> R) -> R {
        if let Some(render) = self.renderer {
            return make(render);
        }
        let held: Mutex<Vec<ExtraPage>> = Mutex::new(Vec::new());
        let result = make(&|page| held.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(page));
        let mut held = held.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        // In the order of their paths, whatever order the threads made them in.
        held.sort_by(|a, b| a.path.cmp(&b.path));
        self.pages.extend(held);
        result
    }

    /// Adds a whole file at `path`.
    pub fn file(&mut self, path: impl Into<String>, bytes: Vec<u8>) {
        match self.writer {
            Some(write) => {
                let path = path.into();
                let result = write(&path, &mut |w| w.write_all(&bytes));
                self.written.push((path, result));
            }
            None => self.files.push(OutputFile { path: path.into(), content: OutputContent::Bytes(bytes) }),
        }
    }

    /// Adds a file at each of `paths`, the `i`th made by `make(i)`: made and written in parallel,
    /// and kept in the order of `paths` (the search index is some 1,500 files at 10,000 papers).
    pub fn files_in_parallel(&mut self, paths: Vec<String>, make: impl Fn(usize) -> Vec<u8> + Sync) {
        match self.writer {
            Some(write) => {
                let results: Vec<std::io::Result<()>> = paths.par_iter().enumerate().map(|(i, path)| write(path, &mut |w| w.write_all(&make(i)))).collect();
                self.written.extend(paths.into_iter().zip(results));
            }
            None => {
                let made: Vec<Vec<u8>> = (0..paths.len()).into_par_iter().map(&make).collect();
                self.files.extend(paths.into_iter().zip(made).map(|(path, bytes)| OutputFile { path, content: OutputContent::Bytes(bytes) }));
            }
        }
    }

    /// Adds a file at `path` whose content `fill` writes, straight into the file when the sink
    /// streams ([`Sink::write_with`]): a large file is never held whole.
    pub fn file_with(&mut self, path: impl Into<String>, mut fill: impl FnMut(&mut dyn std::io::Write) -> std::io::Result<()>) {
        match self.writer {
            Some(write) => {
                let path = path.into();
                let result = write(&path, &mut fill);
                self.written.push((path, result));
            }
            None => {
                let mut bytes = Vec::new();
                // Writing into memory fails only if `fill` does, which our serialisers never do.
                let _ = fill(&mut bytes);
                self.files.push(OutputFile { path: path.into(), content: OutputContent::Bytes(bytes) });
            }
        }
    }
}

/// The boards index: every board with its next meeting.
fn boards_index(site: &Site, extras: &mut Extras) {
    let boards = board_cards(site);
    let p = page(site, "boards", "Boards and committees", BOARDS_INDEX, vec![], None);
    extras.page(BOARDS_INDEX, "boards.html", p, vec![("boards", tera::Value::from_serializable(&boards))]);
}

pub fn board_link(site: &Site, board: &crate::site::Board) -> LinkView {
    LinkView { title: board.doc.matter.title.clone(), url: site.href(&board.path) }
}

pub fn venue_text(v: &Venue) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(room) = &v.room {
        parts.push(room.trim().to_string());
    }
    if let Some(address) = &v.address {
        parts.push(address.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(", "));
    }
    let in_person = !parts.is_empty();
    if v.online.is_some() {
        parts.push(if in_person { "and online".into() } else { "Online".into() });
    }
    parts.join(", ").replace(", and online", " and online")
}

fn venue_view(v: &Venue) -> VenueView {
    let address: Vec<String> =
        v.address.iter().flat_map(|a| a.lines()).map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
    let online = v.online.clone().filter(|o| !o.trim().is_empty());
    let online_is_url = online.as_deref().is_some_and(|o| o.starts_with("https://") || o.starts_with("http://"));
    let in_person = v.room.is_some() || !address.is_empty();
    VenueView { room: v.room.clone(), hybrid: in_person && online.is_some(), address, online, online_is_url, text: venue_text(v) }
}

pub fn status_name(s: MeetingStatus) -> &'static str {
    match s {
        MeetingStatus::Scheduled => "scheduled",
        MeetingStatus::Held => "held",
        MeetingStatus::Cancelled => "cancelled",
        MeetingStatus::Postponed => "postponed",
    }
}

pub fn meeting_card(site: &Site, id: MeetingId) -> MeetingCard {
    let m = &site.meetings[id];
    let matter = m.doc.as_ref().map(|d| &d.matter);
    MeetingCard {
        title: site.meeting_title(id),
        url: site.href(&m.path),
        board: board_link(site, &site.boards[m.board]),
        date: date_view(m.date),
        time: matter.and_then(|x| x.start_time).map(|t| t.twelve_hour()),
        status: status_name(m.status),
        status_label: m.status.label(),
        venue: matter.and_then(|x| x.venue.as_ref()).map(venue_text).filter(|t| !t.is_empty()),
        minutes_url: m.minutes.map(|n| site.href(&site.minutes[n].path)),
        paper_count: m.papers.len(),
    }
}

fn home_view(site: &Site) -> HomeView {
    let upcoming: Vec<MeetingCard> =
        (0..site.meetings.len()).filter(|&m| site.meetings[m].date >= site.today).take(10).map(|m| meeting_card(site, m)).collect();
    // Sorted by date and path first, and only the newest made into cards: a site has thousands of papers.
    enum Recent {
        Paper(usize, bool),
        Minutes(usize),
    }
    let mut candidates: Vec<(Date, &str, Recent)> = Vec::new();
    for (i, p) in site.papers.iter().enumerate() {
        let m = &site.meetings[p.meeting];
        let published = p.doc.matter.published.or(m.published);
        let date = published.unwrap_or(m.date);
        if date <= site.today {
            candidates.push((date, p.path.as_str(), Recent::Paper(i, published.is_some())));
        }
    }
    for (i, n) in site.minutes.iter().enumerate() {
        let date = n.doc.matter.approved_on.unwrap_or(site.meetings[n.meeting].date);
        if date <= site.today {
            candidates.push((date, n.path.as_str(), Recent::Minutes(i)));
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let recent: Vec<DocumentCard> = candidates
        .into_iter()
        .take(12)
        .map(|(date, _, which)| match which {
            Recent::Paper(i, date_is_published) => {
                let p = &site.papers[i];
                let m = &site.meetings[p.meeting];
                DocumentCard {
                    title: p.doc.matter.title.clone(),
                    url: site.href(&p.path),
                    kind: "paper",
                    meeting: LinkView { title: site.meeting_title(p.meeting), url: site.href(&m.path) },
                    board: board_link(site, &site.boards[m.board]),
                    date: date_view(date),
                    date_is_published,
                    purpose: p.doc.matter.purpose.clone(),
                }
            }
            Recent::Minutes(i) => {
                let n = &site.minutes[i];
                let m = &site.meetings[n.meeting];
                DocumentCard {
                    title: format!("Minutes: {}", site.meeting_title(n.meeting)),
                    url: site.href(&n.path),
                    kind: "minutes",
                    meeting: LinkView { title: site.meeting_title(n.meeting), url: site.href(&m.path) },
                    board: board_link(site, &site.boards[m.board]),
                    date: date_view(date),
                    date_is_published: false,
                    purpose: None,
                }
            }
        })
        .collect();
    let boards = board_cards(site);
    HomeView { upcoming, recent, boards }
}

fn board_cards(site: &Site) -> Vec<BoardCard> {
    site.boards
        .iter()
        .map(|b| BoardCard {
            title: b.doc.matter.title.clone(),
            url: site.href(&b.path),
            summary: first_paragraph(b.doc.body()),
            next_meeting: b.meetings.iter().copied().find(|&m| site.meetings[m].date >= site.today).map(|m| meeting_card(site, m)),
        })
        .collect()
}

/// The first paragraph of Markdown as plain text, for summaries.
pub fn first_paragraph(markdown: &str) -> Option<String> {
    let para = markdown.split("\n\n").map(str::trim).find(|p| !p.is_empty() && !p.starts_with('#'))?;
    let text: String = pulldown_cmark::Parser::new(para)
        .filter_map(|e| match e {
            pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) => Some(t.into_string()),
            pulldown_cmark::Event::SoftBreak => Some(" ".into()),
            _ => None,
        })
        .collect();
    Some(text)
}

fn board_view(site: &Site, id: usize, c: &Collector) -> BoardView {
    let b = &site.boards[id];
    let description = markdown_doc(site, &b.doc, Settings::default(), c);
    let upcoming = b.meetings.iter().copied().filter(|&m| site.meetings[m].date >= site.today).map(|m| meeting_card(site, m)).collect();
    let mut past_by_year: Vec<YearOfMeetings> = Vec::new();
    for &m in b.meetings.iter().rev().filter(|&&m| site.meetings[m].date < site.today) {
        let year = site.meetings[m].date.year();
        match past_by_year.last_mut() {
            Some(y) if y.year == year => y.meetings.push(meeting_card(site, m)),
            _ => past_by_year.push(YearOfMeetings { year, meetings: vec![meeting_card(site, m)] }),
        }
    }
    BoardView {
        title: b.doc.matter.title.clone(),
        url: site.href(&b.path),
        slug: b.slug.clone(),
        description_html: description.html,
        contact: ContactView::from(b.doc.matter.contact.as_ref()),
        membership: b.doc.matter.membership.clone(),
        upcoming,
        past_by_year,
        extra: b.doc.matter.extra.clone(),
    }
}

pub fn appendix_views(site: &Site, paper: PaperId) -> Vec<AppendixView> {
    site.papers[paper]
        .appendices
        .iter()
        .map(|a| match &a.content {
            AppendixContent::Page(_) => AppendixView {
                title: a.title.clone(),
                url: site.href(&a.path),
                file_type: "Web page".into(),
                extension: None,
                size: None,
                size_bytes: None,
                exempt_ground: None,
            },
            AppendixContent::Exempt(e) => AppendixView {
                title: a.title.clone(),
                url: String::new(),
                file_type: "Exempt – not for publication".into(),
                extension: None,
                size: None,
                size_bytes: None,
                exempt_ground: Some(e.ground()),
            },
            AppendixContent::File { size, .. } => AppendixView {
                title: a.title.clone(),
                url: site.href(&a.path),
                file_type: file_type(&a.extension).into(),
                extension: Some(a.extension.to_uppercase()),
                size: Some(human_size(*size)),
                size_bytes: Some(*size),
                exempt_ground: None,
            },
        })
        .collect()
}

/// What a reader should expect to open.
pub fn file_type(extension: &str) -> &'static str {
    match extension {
        "pdf" => "PDF document",
        "csv" => "CSV spreadsheet",
        "xlsx" | "xls" | "ods" => "Spreadsheet",
        "docx" | "doc" | "odt" | "rtf" => "Word document",
        "pptx" | "ppt" | "odp" => "Presentation",
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" => "Image",
        "txt" => "Text file",
        "zip" => "ZIP archive",
        _ => "File",
    }
}

/// "2 KB", "1.4 MB": sizes as document lists show them.
pub fn human_size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB {
        format!("{bytes} bytes")
    } else if b < KB * KB {
        format!("{} KB", (b / KB).ceil())
    } else {
        format!("{:.1} MB", b / (KB * KB))
    }
}

fn meeting_view(site: &Site, id: MeetingId, c: &Collector) -> MeetingView {
    let m = &site.meetings[id];
    let board = &site.boards[m.board];
    let matter = m.doc.as_ref().map(|d| &d.matter);
    let start = matter.and_then(|x| x.start_time);
    let end = matter.and_then(|x| x.end_time);
    let time_text = match (start, end) {
        (Some(s), Some(e)) => Some(format!("{} to {}", s.twelve_hour(), e.twelve_hour())),
        (Some(s), None) => Some(s.twelve_hour()),
        _ => None,
    };
    let cover_html = match &m.doc {
        Some(d) => markdown_doc(site, d, Settings::default(), c).html,
        None => String::new(),
    };
    let agenda = m
        .agenda
        .iter()
        .map(|a| {
            let paper = a.paper.map(|p| &site.papers[p]);
            AgendaItemView {
                item: a.item.to_string(),
                title: a.title.clone(),
                url: paper.map(|p| site.href(&p.path)),
                paper_title: paper.map(|p| p.doc.matter.title.clone()),
                purpose: paper.and_then(|p| p.doc.matter.purpose.clone()),
                verbal: a.verbal,
                presenter: a.presenter.clone(),
                supplement: paper.is_some_and(|p| p.is_supplement(m)),
                withheld: a.withheld.is_some(),
                withheld_notice: a.withheld.as_ref().map(|r| r.notice().to_string()),
                exempt_ground: match &a.withheld {
                    Some(crate::site::publish::Reason::Exempt(e)) => Some(e.ground()),
                    _ => None,
                },
                appendices: a.paper.map(|p| appendix_views(site, p)).unwrap_or_default(),
            }
        })
        .collect();
    let position = board.meetings.iter().position(|&x| x == id);
    let previous = position.and_then(|i| i.checked_sub(1)).map(|i| meeting_card(site, board.meetings[i]));
    let next = position.and_then(|i| board.meetings.get(i + 1)).map(|&n| meeting_card(site, n));
    let venue = matter.and_then(|x| x.venue.as_ref());
    let time = |t: Option<crate::content::model::Time>| t.map(|t| format!("{}T{}", m.date.iso(), t.hhmm()));
    MeetingView {
        title: site.meeting_title(id),
        url: site.href(&m.path),
        board: board_link(site, board),
        date: date_view(m.date),
        start_time: start.map(|t| t.twelve_hour()),
        end_time: end.map(|t| t.twelve_hour()),
        time_text,
        venue: venue.map(venue_view),
        status: status_name(m.status),
        status_label: m.status.label(),
        status_note: matter.and_then(|x| x.status_note.clone()),
        cover_html,
        agenda,
        minutes_url: m.minutes.map(|n| site.href(&site.minutes[n].path)),
        previous,
        next,
        next_meeting_date: matter.and_then(|x| x.next_meeting).map(date_view),
        published: m.published.map(date_view),
        calendar: CalendarView {
            start: time(start),
            end: time(end),
            timezone: site.config.timezone.clone(),
            summary: site.meeting_title(id),
            location: venue.map(venue_text).filter(|t| !t.is_empty()),
        },
        upcoming: m.date >= site.today,
        extra: matter.and_then(|x| x.extra.clone()),
    }
}

/// The pages of one meeting: its agenda, papers, appendices and minutes.
/// Renders one page: output path, template, page view, and what the template gets besides.
type Emit<'a> = dyn Fn(&str, &str, PageView, &dyn Fn(&mut Context)) + 'a;

/// In a build, each paper is indexed for search from the events its page is rendered from, and the
/// meeting's other documents once its pages are made (see [`crate::outputs::search::Gatherer`]).
fn meeting_pages(site: &Site, id: MeetingId, c: &Collector, emit: &Emit<'_>, sink: &dyn Sink, gatherer: Option<&crate::outputs::search::Gatherer<'_>>) {
    let m = &site.meetings[id];
    let board = &site.boards[m.board];
    let meeting = meeting_view(site, id, c);
    let meeting_value = tera::Value::from_serializable(&meeting);
    let board_crumb = board_link(site, board);
    let meeting_crumb = LinkView { title: meeting.title.clone(), url: meeting.url.clone() };

    let p = page(site, "meeting", &meeting.title, &m.path, vec![board_crumb.clone()], None);
    emit(&m.path, "meeting.html", p, &|ctx| ctx.insert_value("meeting", meeting_value.clone()));

    let with_paper: Vec<PaperId> = m.agenda.iter().filter_map(|a| a.paper).collect();
    let position_of: HashMap<PaperId, usize> = with_paper.iter().enumerate().map(|(i, &p)| (p, i)).collect();
    for &pid in &m.papers {
        let paper = &site.papers[pid];
        let matter = &paper.doc.matter;
        let mut entry = gatherer.map(|g| g.paper(pid));
        let body = markdown_doc_indexed(site, &paper.doc, crate::outputs::search::PAPER_BODY, c, entry.as_mut());
        if let (Some(g), Some(entry)) = (gatherer, entry) {
            g.paper_done(pid, entry);
        }
        let resolver = resolver(site, paper.doc.dir(), c);
        let position = position_of.get(&pid).copied();
        let neighbour = |i: Option<usize>| {
            i.and_then(|i| with_paper.get(i)).map(|&n| LinkView {
                title: format!("Item {}: {}", site.papers[n].doc.matter.item, site.papers[n].doc.matter.title),
                url: site.href(&site.papers[n].path),
            })
        };
        let view = PaperView {
            title: matter.title.clone(),
            url: site.href(&paper.path),
            item: matter.item.to_string(),
            purpose: matter.purpose.clone(),
            summary_html: matter.summary.as_deref().map(|s| markdown::render_inline_block(s, &resolver)),
            recommendations_html: matter.recommendations.iter().map(|r| markdown::render_inline_block(r, &resolver)).collect(),
            action: matter.action.clone(),
            contact: ContactView::from(matter.contact.as_ref()),
            contents: body.headings.iter().filter(|h| h.level == 2).map(|h| LinkView { title: h.text.clone(), url: format!("#{}", h.id) }).collect(),
            body_html: body.html,
            appendices: appendix_views(site, pid),
            wards: matter.wards.clone(),
            decision_maker: matter.decision_maker.clone(),
            key_decision: matter.key_decision,
            background_papers: matter.background_papers.clone(),
            published: matter.published.map(date_view),
            supplement: paper.is_supplement(m),
            previous: neighbour(position.and_then(|i| i.checked_sub(1))),
            next: neighbour(position.map(|i| i + 1)),
            minutes_url: m.minutes.map(|n| {
                let minutes = &site.minutes[n];
                let minuted = minutes.doc.matter.items.iter().any(|i| i.item == matter.item);
                let anchor = if minuted { format!("#{}", minute_anchor(&matter.item)) } else { String::new() };
                format!("{}{anchor}", site.href(&minutes.path))
            }),
            extra: matter.extra.clone(),
        };
        let p = page(site, "paper", &view.title, &paper.path, vec![board_crumb.clone(), meeting_crumb.clone()], matter.summary.as_deref().and_then(first_paragraph));
        emit(&paper.path, "paper.html", p, &|ctx| {
            ctx.insert("paper", &view);
            ctx.insert_value("meeting", meeting_value.clone());
            ctx.insert("board", &board_crumb);
        });
        let paper_crumb = LinkView { title: format!("Item {}: {}", matter.item, matter.title), url: view.url.clone() };
        for a in &paper.appendices {
            match &a.content {
                AppendixContent::Page(doc) => {
                    let body = markdown_doc(site, doc, Settings { numbered_paragraphs: true }, c);
                    let title = doc.matter.title.clone().unwrap_or_else(|| a.title.clone());
                    let view = AppendixPageView { title: title.clone(), body_html: body.html, paper: paper_crumb.clone() };
                    let p = page(site, "appendix", &title, &a.path, vec![board_crumb.clone(), meeting_crumb.clone(), paper_crumb.clone()], None);
                    emit(&a.path, "appendix.html", p, &|ctx| {
                        ctx.insert("appendix", &view);
                        ctx.insert_value("meeting", meeting_value.clone());
                    });
                }
                AppendixContent::File { source, .. } => {
                    put(&mut c.out.borrow_mut(), sink, &a.path, None, Some(&site.root.join(source)));
                }
                AppendixContent::Exempt(_) => {}
            }
        }
    }

    if let Some(n) = m.minutes {
        let minutes = &site.minutes[n];
        let matter = &minutes.doc.matter;
        let body = markdown_doc(site, &minutes.doc, Settings::default(), c);
        let resolver = resolver(site, minutes.doc.dir(), c);
        let items = matter
            .items
            .iter()
            .map(|it| {
                let agenda = m.agenda.iter().find(|a| a.item == it.item);
                MinuteItemView {
                    item: it.item.to_string(),
                    title: it.title.clone().or_else(|| agenda.map(|a| a.title.clone())).unwrap_or_else(|| format!("Item {}", it.item)),
                    paper_url: agenda.and_then(|a| a.paper).map(|p| site.href(&site.papers[p].path)),
                    paper_title: agenda.and_then(|a| a.paper).map(|p| site.papers[p].doc.matter.title.clone()),
                    id: minute_anchor(&it.item),
                    // Nothing of an exempt minute is published but its item line and ground.
                    minute_html: match &it.exempt {
                        Some(_) => String::new(),
                        None => it.minute.as_deref().map(|s| markdown::render_inline_block(s, &resolver)).unwrap_or_default(),
                    },
                    exempt_ground: it.exempt.as_ref().map(|e| e.ground()),
                    decisions_html: match &it.exempt {
                        Some(_) => Vec::new(),
                        None => it.decisions.iter().map(|d| markdown::render_inline_block(d, &resolver)).collect(),
                    },
                    actions: match &it.exempt {
                        Some(_) => Vec::new(),
                        None => it.actions.iter().map(|a| ActionView { action: a.action.clone(), owner: a.owner.clone(), due: a.due.map(date_view) }).collect(),
                    },
                }
            })
            .collect();
        let view = MinutesView {
            title: format!("Minutes: {}", meeting.title),
            url: site.href(&minutes.path),
            status: match matter.status {
                MinutesStatus::Draft => "draft",
                MinutesStatus::Approved => "approved",
            },
            status_label: match matter.status {
                MinutesStatus::Draft => "Draft – not yet approved",
                MinutesStatus::Approved => "Approved",
            },
            approved_on: matter.approved_on.map(date_view),
            attendance: matter.attendance.clone(),
            declarations: matter.declarations.clone(),
            body_html: body.html,
            items,
            extra: matter.extra.clone(),
        };
        let p = page(site, "minutes", &view.title, &minutes.path, vec![board_crumb.clone(), meeting_crumb.clone()], None);
        emit(&minutes.path, "minutes.html", p, &|ctx| {
            ctx.insert("minutes", &view);
            ctx.insert_value("meeting", meeting_value.clone());
        });
    }
    if let Some(g) = gatherer {
        g.meeting_done(id);
    }
}

/// The id of an item's minute on the minutes page.
pub fn minute_anchor(item: &crate::content::model::ItemNo) -> String {
    format!("item-{item}")
}

/// A link resolver for Markdown in a file in `dir` (relative to the site root).
/// Where a linked file under `content/` is published: `files/` and its path under `content/`.
fn asset_url_path(asset: &Path) -> String {
    let under = asset.strip_prefix(crate::content::load::CONTENT_DIR).unwrap_or(asset);
    format!("{ASSET_DIR}{}", under.to_string_lossy().replace('\\', "/"))
}

/// Where files under `content/` that pages link to are published.
const ASSET_DIR: &str = "files/";

pub(crate) fn resolver<'a>(site: &'a Site, dir: &'a Path, c: &'a Collector) -> impl Fn(&str) -> LinkTarget + 'a {
    move |dest: &str| {
        if dest.starts_with("//") {
            return LinkTarget::Unchanged;
        }
        // A site-absolute link (`/transport-board/`) is relative to the site, which may live under a sub-path.
        if let Some(rest) = dest.strip_prefix('/') {
            return LinkTarget::Resolved(site.href(rest));
        }
        let (path_part, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let path_part = path_part.split('?').next().unwrap_or("");
        if path_part.is_empty() {
            return LinkTarget::Unchanged;
        }
        let decoded = path_part.replace("%20", " ");
        let Some(target) = normalise(&dir.join(&decoded)) else { return LinkTarget::Broken };
        if let Some(w) = site.withheld_at(&target) {
            return LinkTarget::Withheld(w.reason.notice());
        }
        let candidates = [target.clone(), target.join("meeting.md"), target.join("board.md"), target.join("index.md")];
        match candidates.iter().find_map(|c| site.urls.get(c)) {
            Some(url) => {
                let mut href = site.href(url);
                if let Some(f) = fragment {
                    href.push('#');
                    href.push_str(f);
                }
                LinkTarget::Resolved(href)
            }
            None if site.assets.contains(&target) => {
                c.out.borrow_mut().assets.insert(target.clone());
                let mut href = site.href(&asset_url_path(&target));
                if let Some(f) = fragment {
                    href.push('#');
                    href.push_str(f);
                }
                LinkTarget::Resolved(href)
            }
            None => LinkTarget::Broken,
        }
    }
}

/// Renders a document's Markdown body, turning broken links into diagnostics against its file.
fn markdown_doc<T>(site: &Site, doc: &crate::content::load::Document<T>, settings: Settings, c: &Collector) -> markdown::Rendered {
    markdown_doc_indexed(site, doc, settings, c, None)
}

/// [`markdown_doc`], giving the body's text to a search index `entry` as it is rendered.
fn markdown_doc_indexed<T>(site: &Site, doc: &crate::content::load::Document<T>, settings: Settings, c: &Collector, entry: Option<&mut crate::outputs::search::PaperEntry>) -> markdown::Rendered {
    let mut diags: Vec<Diagnostic> = Vec::new();
    let full_text = match doc.full_text(&site.root) {
        Ok(text) => text,
        Err(problem) => {
            c.out.borrow_mut().diagnostics.push(*problem);
            return markdown::Rendered::default();
        }
    };
    let (file, body_offset, text) = (doc.path.as_path(), doc.body_offset, full_text.as_ref());
    let body = &text[body_offset..];
    let dir = file.parent().unwrap_or(Path::new(""));
    let rendered = match entry {
        Some(entry) => {
            entry.body(body);
            markdown::render_walking(body, settings, &resolver(site, dir, c), Some(&mut |anchor, text| entry.run(anchor, text)))
        }
        None => markdown::render(body, settings, &resolver(site, dir, c)),
    };
    for link in &rendered.broken_links {
        let range = link.range.start + body_offset..link.range.end + body_offset;
        let escapes = normalise(&dir.join(&link.dest)).is_none_or(|t| !t.starts_with(crate::content::load::CONTENT_DIR));
        let d = if escapes {
            Diagnostic::error("BP031", file, format!("the link `{}` leads outside the content folder", link.dest))
                .label("leads outside `content/`")
                .help("link only to files inside `content/`, by a path relative to this file, or to a full https:// address")
        } else {
            let names: Vec<String> = site.urls.keys().filter(|k| k.extension().is_some_and(|e| e == "md")).map(|k| relative_from(dir, k)).collect();
            let help = match crate::content::model::did_you_mean(&link.dest, names.iter().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`? Links to other papers are paths relative to this file"),
                None => "link to another content file by its path relative to this file, e.g. `../2026-03-10/04-budget.md`".to_string(),
            };
            Diagnostic::warning("BP030", file, format!("the link `{}` leads to no page of the site", link.dest)).label("no such page").help(help)
        };
        diags.push(d.at(text, range));
    }
    if let Some(url) = site.urls.get(file) {
        let own = PageIds::new(rendered.paragraph_ids.iter().map(String::as_str).chain(rendered.headings.iter().map(|h| h.id.as_str())));
        c.out.borrow_mut().ids.push((site.href(url), own));
    }
    for link in &rendered.cross_fragment_links {
        if let Some((page, fragment)) = link.dest.split_once('#') {
            let range = link.range.start + body_offset..link.range.end + body_offset;
            let place = Diagnostic::warning("BP032", file, String::new()).at(text, range);
            let pending = FragmentLink { place, page: page.to_string(), fragment: fragment.to_string() };
            c.out.borrow_mut().fragment_links.push(pending);
        }
    }
    for lint in &rendered.lints {
        let range = lint.range.start + body_offset..lint.range.end + body_offset;
        diags.push(
            Diagnostic::warning(lint.kind.code(), file, lint.message.clone())
                .at(text, range)
                .label("hard to read for some people")
                .help(lint.kind.help()),
        );
    }
    let ids: HashSet<&str> = rendered.paragraph_ids.iter().map(String::as_str).chain(rendered.headings.iter().map(|h| h.id.as_str())).collect();
    for link in &rendered.fragment_links {
        if !link.dest.is_empty() && !ids.contains(link.dest.as_str()) && !link.dest.starts_with("fn") {
            let range = link.range.start + body_offset..link.range.end + body_offset;
            let help = match crate::content::model::did_you_mean(&link.dest, ids.iter().copied()) {
                Some(s) => format!("did you mean `#{s}`? Numbered paragraphs are #p1, #p2, #p2.1…"),
                None => "numbered paragraphs are #p1, #p2, #p2.1…; headings use their text in lower case with hyphens".to_string(),
            };
            diags.push(
                Diagnostic::warning("BP032", file, format!("there is no `#{}` in this document", link.dest))
                    .at(text, range)
                    .label("no paragraph or heading with this id")
                    .help(help),
            );
        }
    }
    c.out.borrow_mut().diagnostics.extend(diags);
    rendered
}

/// `target` written relative to `dir`, for suggestions.
fn relative_from(dir: &Path, target: &Path) -> String {
    let dir_parts: Vec<_> = dir.components().collect();
    let target_parts: Vec<_> = target.components().collect();
    let common = dir_parts.iter().zip(&target_parts).take_while(|(a, b)| a == b).count();
    let mut out: Vec<String> = std::iter::repeat_n("..".to_string(), dir_parts.len() - common).collect();
    out.extend(target_parts[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    out.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_run_longest_first_but_results_keep_the_units_order() {
        let units = [Unit::Home, Unit::Fixed, Unit::Extras, Unit::Search, Unit::Static, Unit::Board(0), Unit::Meeting(0), Unit::Meeting(1)];
        let names = longest_first(&units, |u| format!("{u:?}"));
        assert_eq!(names, units.iter().map(|u| format!("{u:?}")).collect::<Vec<_>>());
        // A subset without the long units (a preview's rebuild) is fine too.
        assert_eq!(longest_first(&units[5..], |u| format!("{u:?}")).len(), 3);
    }

    #[test]
    fn pages_made_on_several_threads_are_kept_in_path_order() {
        let page = |path: &str| PageView {
            title: path.into(),
            kind: "page",
            url: path.into(),
            permalink: path.into(),
            breadcrumbs: Vec::new(),
            description: None,
            banner: None,
        };
        let mut extras = Extras::default();
        extras.pages_in_parallel(|add| {
            rayon::join(
                || ["d/", "b/"].into_iter().for_each(|p| add(ExtraPage::new(p, "page.html", page(p), Vec::new()))),
                || ["c/", "a/"].into_iter().for_each(|p| add(ExtraPage::new(p, "page.html", page(p), Vec::new()))),
            )
        });
        let paths: Vec<&str> = extras.pages.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["a/", "b/", "c/", "d/"]);
    }
}
