//! boardpack: a static site generator for the board packs of councils and public bodies.
//!
//! A build runs as a pipeline, one folder per phase, and every phase reports problems as
//! [`Diagnostic`](diagnostics::Diagnostic) values instead of stopping:
//!
//! 1. [`content`]: read `site.yaml` and every file under `content/`, split and parse front matter;
//! 2. [`site`]: take out what may not be published ([`site::publish`]), link boards, meetings, papers and
//!    minutes, and give every page its URL; [`check`](mod@check) then looks for the mistakes that would still build;
//! 3. [`render`]: render Markdown and run the theme's Tera templates, in parallel units, into a sink;
//!    the site-wide [`outputs`] (feeds, calendars, registers, open data, search…) are
//!    [`render::Output`]s (and the search index and PDF packs, each a trait of its own) in lists by
//!    kind, [`outputs::all`], that the renderer schedules;
//! 4. [`render::staging`]: write the result, all or nothing.
//!
//! A folder may use itself and those before it, never one after: `content` ← `site` ← `check`, `render`
//! ← `outputs`, with the shared leaves (`diagnostics`, `hash`, `escape`, `trace`, `reads`) below all and [`serve`],
//! [`import`], [`new`] and this file on top (`tests/layout.rs` holds the code to it).
//!
//! [`check()`] runs phases 1–3 without writing; [`build`] runs all four and refuses to write when any
//! error was found. [`import`] stands beside the pipeline and feeds it: Word and text reports in, paper
//! files out.

pub mod check;
pub mod codec;
pub mod content;
pub mod diagnostics;
pub mod escape;
pub mod hash;
pub mod import;
pub mod incremental;
pub mod new;
pub mod outputs;
pub mod reads;
pub mod render;
pub mod serve;
pub mod site;
mod trace;

// The paths these modules had before the pipeline was put in folders, which tools, examples and tests use.
pub use content::{frontmatter, load, markdown, model, yaml};
pub use incremental::session;
pub use outputs::search;

use std::path::{Path, PathBuf};
use std::time::Duration;

use diagnostics::{Diagnostic, Diagnostics};
use model::{Date, Moment};
use trace::Trace;

/// What to build and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site folder (holding `site.yaml` and `content/`).
    pub root: PathBuf,
    /// Overrides `base_url` of `site.yaml`.
    pub base_url: Option<String>,
    /// Include draft papers and minutes.
    pub drafts: bool,
    /// Preview (`serve`): drafts, embargoed and exempt documents are rendered, each with a banner
    /// saying it is not for publication. Never set for `build`.
    pub preview: bool,
    /// The moment to build for (embargoes lift, "upcoming" is judged); now, in the site's time zone,
    /// when `None`.
    pub as_of: Option<Moment>,
    /// Make the PDF packs (the agenda reports pack of each meeting, each paper as a PDF).
    pub pdf: bool,
    /// Where work is kept between builds (the PDF packs), or `None` to keep nothing. The CLI's
    /// default is `.boardpack-cache/` in the site folder ([`default_cache`]).
    pub cache: Option<PathBuf>,
}

impl Options {
    /// Options for the site at `root`: PDF packs made, no cache.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Options {
            root: root.into(),
            base_url: None,
            drafts: false,
            preview: false,
            as_of: None,
            pdf: true,
            cache: None,
        }
    }
}

/// What a run is for. It decides what is made, never how a page looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Find every problem, keep nothing: whole files made only of data already checked (feeds,
    /// calendars, open data, the search index) are not made; every page is, to check its template.
    Check,
    /// Make everything (`build`, `serve`, a test looking at the files).
    Build,
}

/// A run's options resolved once, before anything is read (ripgrep's `LowArgs` → `HiArgs`): what
/// is made, where work is kept, for what. Everything below takes it whole; nothing is switched on
/// later or inferred from where the output goes.
#[derive(Clone)]
pub struct Context {
    pub options: Options,
    pub mode: Mode,
    /// The outputs made: every one, less the PDF packs with `--no-pdf`.
    pub outputs: render::Outputs<'static>,
    /// Where work is kept between runs; never in a preview, which shows what may not be published.
    pub cache: Option<PathBuf>,
}

impl Context {
    pub fn new(options: &Options, mode: Mode) -> Context {
        Context {
            options: options.clone(),
            mode,
            outputs: outputs::all(options.pdf),
            cache: options.cache.clone().filter(|_| !options.preview),
        }
    }

    /// How the renderer runs.
    pub fn settings(&self) -> render::RenderSettings<'_> {
        render::RenderSettings {
            outputs: self.outputs,
            preview: self.options.preview,
            checking: self.mode == Mode::Check,
            cache: self.cache.as_deref(),
        }
    }
}

/// The cache folder a site keeps when none is named: `.boardpack-cache/` in the site folder
/// (`new site` git-ignores it; hidden, so `serve` does not watch it).
pub fn default_cache(root: &Path) -> PathBuf {
    root.join(".boardpack-cache")
}

/// The outcome of checking or building a site.
#[derive(Debug)]
pub struct Checked {
    pub diagnostics: Diagnostics,
    /// HTML pages rendered.
    pub pages: usize,
    /// Files rendered or copied, pages included.
    pub files: usize,
    /// HTML pages among `pages` taken from the cache ([`Options::cache`]) instead of rendered.
    pub cached: usize,
    pub elapsed: Duration,
}

/// Loads, links and renders the site without writing anything. With a cache
/// ([`Options::cache`]), the pages unchanged since the last build are not rendered again: what
/// rendering them found comes from the cache ([`incremental::driver`]).
pub fn check(options: &Options) -> Checked {
    incremental::driver::run(
        &Context::new(options, Mode::Check),
        incremental::driver::Destination::Nowhere,
    )
    .checked
}

/// Loads, links and renders the site into `sink`, every file (e.g. [`render::Memory`] to look at
/// the output). The sink receives files even when the site has errors; the caller decides what to
/// keep. Gives the first write that failed, if one did.
pub fn check_into(
    options: &Options,
    sink: &dyn render::Sink,
) -> (Checked, Option<(String, String)>) {
    render_into(options, Mode::Build, sink)
}

/// [`check_into`] for a run of `mode`: with [`Mode::Check`], the sink is given what `check` renders.
pub fn render_into(
    options: &Options,
    mode: Mode,
    sink: &dyn render::Sink,
) -> (Checked, Option<(String, String)>) {
    let ran = incremental::driver::run(
        &Context::new(options, mode),
        incremental::driver::Destination::Sink(sink),
    );
    (ran.checked, ran.write_error)
}

/// Everything between loading and rendering: withholds what must not be published, links the site and
/// runs the checks across documents. (The checks of each document on its own are run as it is read,
/// once for as long as its bytes are the same: [`incremental::session`].)
pub(crate) fn prepare(
    options: &Options,
    mut loaded: load::Loaded,
    diagnostics: &mut Diagnostics,
) -> Option<site::Site> {
    let mut trace = Trace::new();
    let now = options.as_of.unwrap_or_else(|| {
        now_in(
            loaded
                .config
                .as_ref()
                .map_or("Europe/London", |c| c.timezone.as_str()),
        )
    });
    let (withheld, previewed) = site::publish::withhold(
        &mut loaded,
        now,
        options.drafts,
        options.preview,
        diagnostics,
    );
    trace.mark("withhold");
    let link_options = site::LinkOptions {
        base_url: options.base_url.clone(),
        today: now.date(),
        withheld,
        previewed,
    };
    let site = site::link(loaded, &link_options, diagnostics)?;
    trace.mark("link");
    check::site_wide(&site, diagnostics);
    trace.mark("check");
    site::publish::check_notice(&site, diagnostics);
    trace.mark("notice");
    Some(site)
}

/// Why a build wrote nothing.
#[derive(Debug)]
pub enum BuildError {
    /// The site has errors (all of them are in the diagnostics).
    Invalid,
    Write(render::staging::WriteError),
}

/// Checks the site and, when it has no errors (and no warnings if `deny_warnings`), puts it in
/// `output_dir`. Pages are written into a staging folder as they render and swapped in at the end;
/// on any error the staging folder is removed and `output_dir` is left as it was.
///
/// With a cache ([`Options::cache`]), only the pages whose inputs changed since the last good build
/// with that cache are rendered; the output is the same, byte for byte ([`incremental::driver`]).
pub fn build(
    options: &Options,
    output_dir: &Path,
    force: bool,
    deny_warnings: bool,
) -> (Checked, Result<(), BuildError>) {
    if let Err(e) =
        render::staging::refuse_overlap(&options.root, output_dir, options.cache.as_deref())
    {
        let checked = Checked {
            diagnostics: Diagnostics::new(),
            pages: 0,
            files: 0,
            cached: 0,
            elapsed: Duration::ZERO,
        };
        return (checked, Err(BuildError::Write(e)));
    }
    let ran = incremental::driver::run(
        &Context::new(options, Mode::Build),
        incremental::driver::Destination::Folder {
            output: output_dir,
            force,
            deny_warnings,
        },
    );
    (ran.checked, ran.result)
}

/// The current moment in the named time zone (falling back to the system's).
pub fn now_in(timezone: &str) -> Moment {
    let now = jiff::ZonedDateTime::now();
    let local = match jiff::tz::TimeZone::get(timezone) {
        Ok(tz) => now.with_time_zone(tz),
        Err(_) => now,
    };
    Moment(local.datetime())
}

/// Today's date in the named time zone.
pub fn today_in(timezone: &str) -> Date {
    now_in(timezone).date()
}

/// A diagnostic for a failed write, for the CLI.
pub fn write_error_diagnostic(e: &render::staging::WriteError) -> Diagnostic {
    use render::staging::WriteError;
    let (code, file, help) = match e {
        WriteError::NotOurs(p) => (
            "BP050",
            p,
            "choose a new or empty folder with `--output DIR`, or pass `--force` to replace this one",
        ),
        WriteError::Overlaps { path, .. } => (
            "BP054",
            path,
            "choose an output folder outside the site's sources (the default is `public`), and keep the cache (`--cache`) outside the output and the sources; `--force` never replaces a source",
        ),
        WriteError::Io { path, .. } => (
            "BP050",
            path,
            "check there is space on the disk and that you may write to this folder",
        ),
    };
    Diagnostic::error(code, file.clone(), e.to_string()).help(help)
}
