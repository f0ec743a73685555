//! The rendering machinery: the [`Unit`]s the site is cut into, how they are scheduled on the threads,
//! and the [`Renderer`] that runs a unit, renders each page with the theme and hands it to the sink.

use std::path::Path;
use std::sync::Mutex;

use rayon::prelude::*;
use tera::Context;

use super::context::PageView;
use super::links::markdown_doc;
use super::output::{
    BodiesOutput, ExtraPage, Extras, Gather, MeetingFiles, Needs, Output, RenderSettings,
};
use super::pages::*;
use super::theme::{StaticSource, Theme};
use super::{Collector, FileFiller, Sink, UnitOutput};
use crate::content::markdown::{self, Settings};
use crate::render::context::*;
use crate::site::{BoardId, MeetingId, Site};

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
    /// A person's page.
    Person(crate::site::PersonId),
    /// A decision record's page.
    Decision(crate::site::decisions::DecisionId),
    /// The accessibility statement and the 404 page.
    Fixed,
    /// Feeds, calendars, sitemap, registers, open data, archives, the boards index.
    Extras,
    /// The outputs that read every document's body ([`Needs::Bodies`]): the search page and its index.
    Search,
    /// The theme's static files.
    Static,
}

/// Every unit of `site`, in a fixed order.
pub fn units(site: &Site) -> Vec<Unit> {
    let mut units = vec![
        Unit::Home,
        Unit::Fixed,
        Unit::Extras,
        Unit::Search,
        Unit::Static,
    ];
    units.extend((0..site.boards.len()).map(Unit::Board));
    units.extend((0..site.meetings.len()).map(Unit::Meeting));
    units.extend((0..site.pages.len()).map(Unit::Page));
    units.extend((0..site.people.len()).map(Unit::Person));
    units.extend((0..site.decisions.len()).map(Unit::Decision));
    units
}

/// Runs `run` on every unit in parallel, and gives the results in the units' order. The two longest
/// units, the search index and the site-wide extras, start first and on different threads: left to
/// rayon's splitting of the list, both fell to the same thread, one after the other, and the build
/// waited for them.
fn longest_first<T: Send>(units: &[Unit], run: impl Fn(Unit) -> T + Sync) -> Vec<T> {
    let search = units.iter().position(|u| matches!(u, Unit::Search));
    let extras = units.iter().position(|u| matches!(u, Unit::Extras));
    let rest: Vec<usize> = (0..units.len())
        .filter(|&i| Some(i) != search && Some(i) != extras)
        .collect();
    let one = |i: usize| (i, run(units[i]));
    let (first, (second, mut all)) = rayon::join(
        || search.map(one),
        || {
            rayon::join(
                || extras.map(one),
                || {
                    rest.par_iter()
                        .with_max_len(1)
                        .map(|&i| one(i))
                        .collect::<Vec<_>>()
                },
            )
        },
    );
    all.extend(first);
    all.extend(second);
    all.sort_unstable_by_key(|&(i, _)| i);
    all.into_iter().map(|(_, out)| out).collect()
}

/// Runs every unit, in parallel, for a build that gathers the search index as it renders ([`Gather`]),
/// and gives the results in the units' order. The site-wide extras, the longest unit, start first; the
/// meetings are taken one at a time, in the index's order (`meeting_order`, from
/// [`Gather::meeting_order`]), by whichever thread is free, so their documents come to the index
/// nearly in turn and few wait; the search unit, which finishes the index, comes last.
fn search_last<T: Send>(
    meeting_order: Vec<MeetingId>,
    units: &[Unit],
    run: impl Fn(Unit) -> T + Sync,
) -> Vec<T> {
    let position = |wanted: Unit| units.iter().position(|&u| u == wanted);
    let (search, extras) = (position(Unit::Search), position(Unit::Extras));
    let mut queue: Vec<usize> = meeting_order
        .into_iter()
        .filter_map(|m| position(Unit::Meeting(m)))
        .collect();
    queue.extend((0..units.len()).filter(|&i| {
        Some(i) != search && Some(i) != extras && !matches!(units[i], Unit::Meeting(_))
    }));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let one = |i: usize| (i, run(units[i]));
    let take_in_turn = |_| {
        let mut mine = Vec::new();
        while let Some(&i) = queue.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed)) {
            mine.push(one(i));
        }
        mine
    };
    let (first, mut all) = rayon::join(
        || extras.map(one),
        || {
            (0..rayon::current_num_threads())
                .into_par_iter()
                .flat_map_iter(take_in_turn)
                .collect::<Vec<_>>()
        },
    );
    all.extend(first);
    all.extend(search.map(one));
    all.sort_unstable_by_key(|&(i, _)| i);
    all.into_iter().map(|(_, out)| out).collect()
}

/// Renders units of one site with one theme.
pub struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    /// Converted to a template value once: shared by reference (Tera's values are Arc-backed), so a
    /// page costs only its own data, not another copy of the site.
    site_view: tera::Value,
    settings: RenderSettings<'a>,
    /// When the gatherers of the [`BodiesOutput`]s (the search index) read the documents as the
    /// meetings' pages render, with the place of their output in `settings.outputs.bodies`; otherwise
    /// such an output reads every document itself.
    gatherers: Vec<(usize, Box<dyn Gather + 'a>)>,
}

impl<'a> Renderer<'a> {
    /// A renderer of `site` with `theme`. `everything`: it is to render every unit, once, in a build,
    /// so the search index gathers the documents as the meetings' pages render them.
    pub fn new(
        site: &'a Site,
        theme: &'a Theme,
        settings: RenderSettings<'a>,
        everything: bool,
    ) -> Self {
        let mut view = site_view(site);
        view.preview = settings.preview;
        let gatherers = if everything && !settings.checking {
            settings
                .outputs
                .bodies
                .iter()
                .enumerate()
                .map(|(i, o)| (i, o.gatherer(site, settings.cache)))
                .collect()
        } else {
            Vec::new()
        };
        Renderer {
            site,
            theme,
            site_view: tera::Value::from_serializable(&view),
            settings,
            gatherers,
        }
    }

    /// The site-wide outputs that need `needs` and are made in this run (`check` leaves out those it
    /// need not run).
    fn outputs_needing(&self, needs: Needs) -> impl Iterator<Item = &'a dyn Output> + '_ {
        let checking = self.settings.checking;
        self.settings
            .outputs
            .site
            .iter()
            .copied()
            .filter(move |o| o.needs() == needs && (o.checked() || !checking))
    }

    /// Renders `units` in parallel into `sink`; the outputs come back in the order of `units`.
    pub fn render(&self, units: &[Unit], sink: &dyn Sink) -> Vec<UnitOutput> {
        if !crate::trace::enabled() {
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
        match self.gatherers.first() {
            Some((_, g)) => search_last(g.meeting_order(), units, run),
            None => longest_first(units, run),
        }
    }

    /// Runs a generator of site-wide outputs: its files are written as it makes them, then its pages
    /// are rendered (in parallel: registers and archives make hundreds, some of them large). Returns
    /// the pages' paths.
    fn generate(
        &self,
        c: &Collector,
        sink: &dyn Sink,
        generate: impl FnOnce(&mut Extras),
    ) -> Vec<String> {
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
            self.emit_as(
                &own,
                sink,
                &e.path,
                e.template,
                e.page,
                &values,
                Held::Streamed,
            );
            rendered
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push((e.path, own.out.into_inner()));
        };
        let mut extras = Extras {
            writer: Some(&write),
            renderer: Some(&render),
            files_wanted: !self.settings.checking,
            cache: self.settings.cache.map(Path::to_path_buf),
            ..Extras::default()
        };
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
        let mut rendered = rendered
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
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
    fn emit(
        &self,
        c: &Collector,
        sink: &dyn Sink,
        path: &str,
        template: &str,
        page: PageView,
        add: &dyn Fn(&mut Context),
    ) {
        self.emit_as(c, sink, path, template, page, add, Held::InBuffer);
    }

    fn emit_as(
        &self,
        c: &Collector,
        sink: &dyn Sink,
        path: &str,
        template: &str,
        page: PageView,
        add: &dyn Fn(&mut Context),
        held: Held,
    ) {
        let mut context = Context::new();
        context.insert_value("site", self.site_view.clone());
        context.insert("page", &page);
        add(&mut context);
        let file = if path.ends_with(".html") {
            path.to_string()
        } else {
            format!("{path}index.html")
        };
        // `check` keeps nothing: every page is rendered into nothing, so its template is still checked.
        if held == Held::Streamed || self.settings.checking {
            let mut failed = None;
            let result = sink.write_with(&file, &mut |w| {
                self.theme
                    .tera
                    .render_to(template, &context, w)
                    .map_err(|e| match e.kind() {
                        // The file could not be written (a full disk, say): a write error, not the template's.
                        tera::ErrorKind::Io(kind) => std::io::Error::new(
                            *kind,
                            std::error::Error::source(&e)
                                .map_or_else(|| e.to_string(), |s| s.to_string()),
                        ),
                        _ => {
                            let io = std::io::Error::other(e.to_string());
                            failed = Some(e);
                            io
                        }
                    })
            });
            let mut out = c.out.borrow_mut();
            match failed {
                Some(e) => out
                    .diagnostics
                    .push(crate::render::theme::template_diagnostic(
                        &e,
                        &self.theme.sources,
                    )),
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
            Err(e) => {
                c.out
                    .borrow_mut()
                    .diagnostics
                    .push(crate::render::theme::template_diagnostic(
                        &e,
                        &self.theme.sources,
                    ))
            }
        }
        // A page of more than a megabyte is rare (see `Held::Streamed`): a buffer grown for one is not kept.
        if html.capacity() <= KEPT_BUFFER_MAX {
            PAGE_BUFFER.with_borrow_mut(|kept| *kept = html);
        }
    }

    /// Makes the files the outputs make for meeting `id` ([`Output::meeting_files`]) and writes them;
    /// gives the links to them, each with the page that shows it.
    fn meeting_files(
        &self,
        id: MeetingId,
        sink: &dyn Sink,
        c: &Collector,
    ) -> Vec<(String, DownloadView)> {
        let mut links = Vec::new();
        for output in self.settings.outputs.meetings {
            let mut files = MeetingFiles {
                cache: self.settings.cache.map(Path::to_path_buf),
                checking: self.settings.checking,
                ..MeetingFiles::default()
            };
            output.meeting_files(self.site, self.theme, id, &mut files);
            let mut out = c.out.borrow_mut();
            out.diagnostics.append(&mut files.diagnostics);
            for download in files.downloads {
                put(&mut out, sink, &download.path, Some(&download.bytes), None);
                links.push((
                    download.linked_from.clone(),
                    download_view(self.site, &download),
                ));
            }
        }
        links
    }

    /// Renders one unit into `sink`, recording what it read of the site ([`UnitOutput::reads`]).
    pub fn render_unit(&self, unit: Unit, sink: &dyn Sink) -> UnitOutput {
        let (mut out, reads) = crate::reads::recording(|| self.render_unit_unrecorded(unit, sink));
        out.reads = reads;
        out
    }

    fn render_unit_unrecorded(&self, unit: Unit, sink: &dyn Sink) -> UnitOutput {
        let c = Collector::default();
        let site = self.site;
        let emit = |path: &str, template: &str, page: PageView, add: &dyn Fn(&mut Context)| {
            self.emit(&c, sink, path, template, page, add)
        };
        match unit {
            Unit::Home => {
                let home = home_view(site);
                emit(
                    "",
                    "index.html",
                    page(
                        site,
                        "home",
                        &site.config.title,
                        "",
                        vec![],
                        site.config.description.clone(),
                    ),
                    &|c| c.insert("home", &home),
                );
            }
            Unit::Board(id) => {
                let view = board_view(site, id, &c);
                let p = page(
                    site,
                    "board",
                    &view.title,
                    &site.boards[id].path,
                    vec![],
                    None,
                );
                emit(&site.boards[id].path, "board.html", p, &|ctx| {
                    ctx.insert("board", &view)
                });
            }
            Unit::Meeting(id) => {
                let downloads = self.meeting_files(id, sink, &c);
                meeting_pages(site, id, &c, &emit, sink, &self.gatherers, &downloads);
            }
            Unit::Page(id) => {
                let p = &site.pages[id];
                let body = markdown_doc(site, &p.doc, Settings::default(), &c);
                let view = ContentPageView {
                    title: p.doc.matter.title.clone(),
                    body_html: body.html,
                    extra: p.doc.matter.extra.clone(),
                };
                let pv = page(
                    site,
                    "page",
                    &view.title,
                    &p.path,
                    vec![],
                    p.doc.matter.description.clone(),
                );
                emit(&p.path, "page.html", pv, &|ctx| {
                    ctx.insert("content", &view)
                });
            }
            Unit::Person(id) => {
                let person = &site.people[id];
                let view = crate::render::people::person_view(site, id, &c);
                let p = page(
                    site,
                    "person",
                    &view.name,
                    &person.path,
                    vec![LinkView {
                        title: "People".into(),
                        url: site.href(crate::site::people::PEOPLE),
                    }],
                    None,
                );
                emit(&person.path, "person.html", p, &|ctx| {
                    ctx.insert("person", &view)
                });
            }
            Unit::Decision(id) => {
                let d = &site.decisions[id];
                let view = crate::render::decisions::decision_view(site, id, &c);
                let mut crumbs = vec![LinkView {
                    title: "Decisions".into(),
                    url: site.href(crate::site::paths::DECISIONS),
                }];
                if d.by_officer() {
                    crumbs.push(LinkView {
                        title: "Officer decisions".into(),
                        url: site.href(&format!("{}officers/", crate::site::paths::DECISIONS)),
                    });
                }
                let p = page(site, "decision", &view.line.title, &d.path, crumbs, None);
                emit(&d.path, "decision.html", p, &|ctx| {
                    ctx.insert("decision", &view)
                });
            }
            Unit::Fixed => {
                emit(
                    "accessibility/",
                    "accessibility.html",
                    page(
                        site,
                        "accessibility",
                        "Accessibility statement",
                        "accessibility/",
                        vec![],
                        None,
                    ),
                    &|_| {},
                );
                emit(
                    "404.html",
                    "404.html",
                    page(
                        site,
                        "not_found",
                        "Page not found",
                        "404.html",
                        vec![],
                        None,
                    ),
                    &|_| {},
                );
            }
            Unit::Extras => {
                // The site-wide outputs list every record, and fan out over threads as they like:
                // they depend on every list, whatever a thread recorded; the bodies they read are
                // recorded where the work is handed out (here and in `Extras`).
                for entity in crate::reads::Entity::ALL {
                    crate::reads::record(crate::reads::Read::All(entity));
                }
                let record = crate::reads::current();
                // Each output sees only the linked site, from which everything withheld (exempt,
                // draft, embargoed) is already gone. Those that need no more are independent, so they
                // run in parallel; each one's files are written as it makes them and its pages rendered
                // as soon as it is done, so no more than one output's pages at a time are held per thread.
                let independent: Vec<&dyn Output> = self.outputs_needing(Needs::Site).collect();
                let parts: Vec<(UnitOutput, Vec<String>)> = independent
                    .par_iter()
                    .map(|output| {
                        crate::reads::carry(record.as_ref(), || {
                            let mut trace = crate::trace::Trace::new();
                            let own = Collector::default();
                            let pages =
                                self.generate(&own, sink, |extras| output.make(site, &[], extras));
                            trace.mark(&format!("  extras: {}", output.name()));
                            (own.out.into_inner(), pages)
                        })
                    })
                    .collect();
                let added: Vec<&str> = parts
                    .iter()
                    .flat_map(|(_, pages)| pages.iter().map(String::as_str))
                    .collect();
                // Last: they list the pages the others added (the sitemap).
                for output in self.outputs_needing(Needs::AddedPages) {
                    self.generate(&c, sink, |extras| output.make(site, &added, extras));
                }
                let mut out = c.out.borrow_mut();
                for (part, _) in parts {
                    out.merge(part);
                }
            }
            Unit::Search => {
                let bodies: &[&dyn BodiesOutput] = self.settings.outputs.bodies;
                for (i, output) in bodies.iter().enumerate() {
                    let mut trace = crate::trace::Trace::new();
                    match self.gatherers.iter().find(|(at, _)| *at == i) {
                        Some((_, gathered)) => {
                            self.generate(&c, sink, |extras| gathered.make(extras))
                        }
                        None => self.generate(&c, sink, |extras| output.make(site, extras)),
                    };
                    trace.mark(&format!("  {}", output.name()));
                }
            }
            Unit::Static => {
                let mut out = c.out.borrow_mut();
                for (path, source) in &self.theme.static_files {
                    match (source, path == STYLESHEET) {
                        (StaticSource::Embedded(bytes), false) => {
                            put(&mut out, sink, path, Some(bytes), None)
                        }
                        (StaticSource::File(file), false) => {
                            put(&mut out, sink, path, None, Some(file))
                        }
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
pub(super) fn put(
    out: &mut UnitOutput,
    sink: &dyn Sink,
    path: &str,
    bytes: Option<&[u8]>,
    copy: Option<&Path>,
) {
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

/// What every page reads of the site, beside its own unit's reads: the site's part of every page
/// (its navigation lists the boards and the free-standing pages by title).
pub fn shared_reads(site: &Site) -> Vec<crate::reads::Read> {
    crate::reads::recording(|| site_view(site)).1
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_run_longest_first_but_results_keep_the_units_order() {
        let units = [
            Unit::Home,
            Unit::Fixed,
            Unit::Extras,
            Unit::Search,
            Unit::Static,
            Unit::Board(0),
            Unit::Meeting(0),
            Unit::Meeting(1),
        ];
        let names = longest_first(&units, |u| format!("{u:?}"));
        assert_eq!(
            names,
            units.iter().map(|u| format!("{u:?}")).collect::<Vec<_>>()
        );
        // A subset without the long units (a preview's rebuild) is fine too.
        assert_eq!(longest_first(&units[5..], |u| format!("{u:?}")).len(), 3);
    }
}
