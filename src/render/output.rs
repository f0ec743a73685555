//! The contract between the renderer and the site-wide outputs: the [`Output`] trait an output
//! implements, the [`Gather`] hooks through which the search index reads papers as their pages render,
//! and [`Extras`], into which an output puts its files and pages.

use std::sync::Mutex;

use rayon::prelude::*;

use super::context::PageView;
use super::sink::{OutputContent, OutputFile};
use super::theme::Theme;
use crate::diagnostics::Diagnostic;
use crate::site::{MeetingId, PaperId, Site};

/// What a site-wide output reads of the site, which decides when it runs and with what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// The linked site (front matter, links, URLs): runs in the extras unit ([`Unit::Extras`](super::Unit::Extras)), beside
    /// every other output that needs no more, in parallel.
    Site,
    /// The site and the paths of the pages the [`Needs::Site`] outputs added (the sitemap): runs in the
    /// same unit, once they are done.
    AddedPages,
}

/// A site-wide output: files and pages made from the linked site, from which everything withheld
/// (exempt, draft, embargoed) is already gone. The idea is mdBook's `Renderer`: the output says what
/// it needs and makes its files and pages into [`Extras`]; the renderer owns the scheduling, the sinks,
/// the templates and the streaming, so an output cannot make a build slower by the way it is run.
///
/// An output that reads every document's body ([`BodiesOutput`]) or makes files for each meeting
/// ([`MeetingOutput`]) is one of those instead: each kind has its own small trait, and its own list
/// in [`Outputs`].
pub trait Output: Sync {
    /// Its name, for traces (`BOARDPACK_TRACE`) and the build cache.
    fn name(&self) -> &'static str;

    /// What it reads, which decides when it runs.
    fn needs(&self) -> Needs {
        Needs::Site
    }

    /// Whether `check` runs it. `check` keeps no file ([`RenderSettings::checking`]): an output made only of
    /// whole files (feeds, calendars, the sitemap) has nothing to check there, since what it is made
    /// from is checked already; one that adds pages runs, so its templates are checked, and is told
    /// to skip its files (`Extras::files_wanted`).
    fn checked(&self) -> bool {
        true
    }

    /// Makes its files and pages. `added` holds the paths of the pages that the [`Needs::Site`]
    /// outputs added, for a [`Needs::AddedPages`] output; it is empty for the others.
    fn make(&self, site: &Site, added: &[&str], extras: &mut Extras);
}

/// An output that reads every document's body (the search index): it runs in a unit of its own
/// ([`Unit::Search`](super::Unit::Search)), started first as the longest; or, when it gathers the
/// bodies as the meetings render ([`BodiesOutput::gatherer`]), last.
pub trait BodiesOutput: Sync {
    fn name(&self) -> &'static str;

    /// Makes its files and pages, reading every document itself.
    fn make(&self, site: &Site, extras: &mut Extras);

    /// Something that reads the documents as their meetings render, so each paper's body is read and
    /// parsed once, for its page and for this output; its [`Gather::make`] then makes the output in
    /// place of [`BodiesOutput::make`]. `cache` is where it may keep what it read for the next build.
    fn gatherer<'s>(&self, site: &'s Site, cache: Option<&std::path::Path>)
    -> Box<dyn Gather + 's>;
}

/// An output that makes files for each meeting before its pages render, which those pages link
/// with their size (the PDF packs). Run in the meeting's unit, so they are made in parallel across
/// meetings, and in `check` too (their files are then dropped): what cannot be made is an error
/// either way.
pub trait MeetingOutput: Sync {
    fn name(&self) -> &'static str;

    fn meeting_files(
        &self,
        site: &Site,
        theme: &Theme,
        meeting: MeetingId,
        files: &mut MeetingFiles,
    );
}

/// The outputs a run makes, by kind.
#[derive(Clone, Copy)]
pub struct Outputs<'a> {
    /// Made from the site, in the extras unit, in the order their results are merged.
    pub site: &'a [&'a dyn Output],
    /// Made from every document's body, in the search unit.
    pub bodies: &'a [&'a dyn BodiesOutput],
    /// Made for each meeting, in its unit.
    pub meetings: &'a [&'a dyn MeetingOutput],
}

impl Outputs<'_> {
    /// Every output's name, in a fixed order: what the build cache keys its pages on.
    pub fn names(&self) -> Vec<&'static str> {
        let site = self.site.iter().map(|o| o.name());
        let bodies = self.bodies.iter().map(|o| o.name());
        site.chain(bodies)
            .chain(self.meetings.iter().map(|o| o.name()))
            .collect()
    }
}

/// How the renderer runs, resolved once by the caller from the run's options (ripgrep's `HiArgs`):
/// nothing is switched on afterwards, and nothing is inferred from where the output goes.
#[derive(Clone, Copy)]
pub struct RenderSettings<'a> {
    pub outputs: Outputs<'a>,
    /// `serve`: drafts, embargoed and exempt documents shown, each with a banner.
    pub preview: bool,
    /// `check`: nothing made is kept, so outputs made only of whole files (feeds, calendars, open
    /// data, the search index) are not made; every page still is, so its template is checked.
    pub checking: bool,
    /// Where outputs may keep work between builds (the PDF packs, the search index's documents).
    pub cache: Option<&'a std::path::Path>,
}

/// What [`MeetingOutput::meeting_files`] is given and gives back.
#[derive(Debug, Default)]
pub struct MeetingFiles {
    /// Where an output may keep work between builds (`build --cache DIR`), or `None` for none.
    pub cache: Option<std::path::PathBuf>,
    /// Only checking (`check`): nothing made is kept, so an output makes only what finds every
    /// problem, and may leave out files that repeat what it already made.
    pub checking: bool,
    /// The files made, each linked from one page.
    pub downloads: Vec<Download>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A file made for a meeting, and the page that links it.
#[derive(Debug)]
pub struct Download {
    /// Output path, `transport-board/2026-06-16/agenda-pack.pdf`.
    pub path: String,
    /// The folder of the page that links it (the meeting's or a paper's `path`).
    pub linked_from: String,
    /// The link's words, "Agenda reports pack".
    pub label: String,
    /// "PDF".
    pub format: &'static str,
    /// Its page count, for a paged document.
    pub pages: Option<usize>,
    pub bytes: Vec<u8>,
}

/// Reads the documents of each meeting as its pages are rendered (see [`BodiesOutput::gatherer`]).
pub trait Gather: Sync {
    /// The order in which it would like the meetings rendered: it takes documents in its own order,
    /// so the few that come early wait.
    fn meeting_order(&self) -> Vec<MeetingId>;
    /// Begins reading a paper; its page's body is given to the reader, then [`PaperReader::done`].
    fn paper(&self, paper: PaperId) -> Box<dyn PaperReader + '_>;
    /// The meeting's pages are made: reads its other documents.
    fn meeting_done(&self, meeting: MeetingId);
    /// Makes the output from what was read, once every meeting is rendered.
    fn make(&self, extras: &mut Extras);
}

/// A paper's body as its page is rendered: whole, then run by run of its text.
pub trait PaperReader {
    /// The body's Markdown, before its runs are given.
    fn body(&mut self, body: &str);
    /// A run of the body's text (the runs `markdown::render_walking` gives).
    fn run(&mut self, anchor: Option<&str>, text: &str);
    /// The paper is read.
    fn done(self: Box<Self>);
}

/// Writes a file (see [`Sink::write_with`](super::Sink::write_with)) and says how that went; generators may write files from
/// several threads at once.
pub(crate) type FileWriter<'a> =
    dyn Fn(&str, &mut FileFiller<'_>) -> std::io::Result<()> + Sync + 'a;

/// Writes a file's content into what it is given (see [`Sink::write_with`](super::Sink::write_with)).
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
    pub(crate) writer: Option<&'a FileWriter<'a>>,
    /// Where pages go as soon as they are made, to be rendered (else they are held in `pages`).
    pub(crate) renderer: Option<&'a PageRenderer<'a>>,
    /// False when nothing will be kept (`check`): a generator then makes its pages but need not make
    /// whole files ([`RenderSettings::checking`]).
    pub files_wanted: bool,
    /// Problems a generator met (a file that changed while the search index read it).
    pub diagnostics: Vec<Diagnostic>,
    /// The files written through `writer`, in the order they were added, and how each write went.
    pub(crate) written: Vec<(String, std::io::Result<()>)>,
    /// Where an output may keep work between builds (`build --cache DIR`), or `None` for none.
    pub cache: Option<std::path::PathBuf>,
}

impl Default for Extras<'_> {
    fn default() -> Self {
        Extras {
            files: Vec::new(),
            pages: Vec::new(),
            writer: None,
            renderer: None,
            files_wanted: true,
            diagnostics: Vec::new(),
            written: Vec::new(),
            cache: None,
        }
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
    pub fn new(
        path: impl Into<String>,
        template: &'static str,
        page: PageView,
        values: Vec<(&'static str, tera::Value)>,
    ) -> ExtraPage {
        ExtraPage {
            path: path.into(),
            template,
            page,
            values,
        }
    }
}

impl Extras<'_> {
    /// Adds a page at `path` (a folder, `decisions/`) rendered with `template`.
    pub fn page(
        &mut self,
        path: impl Into<String>,
        template: &'static str,
        page: PageView,
        values: Vec<(&'static str, tera::Value)>,
    ) {
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
        let result = make(&|page| {
            held.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(page)
        });
        let mut held = held
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
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
            None => self.files.push(OutputFile {
                path: path.into(),
                content: OutputContent::Bytes(bytes),
            }),
        }
    }

    /// Adds a file at each of `paths`, the `i`th made by `make(i)`: made and written in parallel,
    /// and kept in the order of `paths` (the search index is some 1,500 files at 10,000 papers).
    pub fn files_in_parallel(
        &mut self,
        paths: Vec<String>,
        make: impl Fn(usize) -> Vec<u8> + Sync,
    ) {
        match self.writer {
            Some(write) => {
                let record = crate::reads::current();
                let results: Vec<std::io::Result<()>> = paths
                    .par_iter()
                    .enumerate()
                    .map(|(i, path)| {
                        crate::reads::carry(record.as_ref(), || {
                            write(path, &mut |w| w.write_all(&make(i)))
                        })
                    })
                    .collect();
                self.written.extend(paths.into_iter().zip(results));
            }
            None => {
                let record = crate::reads::current();
                let made: Vec<Vec<u8>> = (0..paths.len())
                    .into_par_iter()
                    .map(|i| crate::reads::carry(record.as_ref(), || make(i)))
                    .collect();
                self.files
                    .extend(paths.into_iter().zip(made).map(|(path, bytes)| OutputFile {
                        path,
                        content: OutputContent::Bytes(bytes),
                    }));
            }
        }
    }

    /// Adds a file at `path` whose content `fill` writes, straight into the file when the sink
    /// streams ([`Sink::write_with`](super::Sink::write_with)): a large file is never held whole.
    pub fn file_with(
        &mut self,
        path: impl Into<String>,
        mut fill: impl FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) {
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
                self.files.push(OutputFile {
                    path: path.into(),
                    content: OutputContent::Bytes(bytes),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
                || {
                    ["d/", "b/"]
                        .into_iter()
                        .for_each(|p| add(ExtraPage::new(p, "page.html", page(p), Vec::new())))
                },
                || {
                    ["c/", "a/"]
                        .into_iter()
                        .for_each(|p| add(ExtraPage::new(p, "page.html", page(p), Vec::new())))
                },
            )
        });
        let paths: Vec<&str> = extras.pages.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["a/", "b/", "c/", "d/"]);
    }
}
