//! boardpack: a static site generator for the board packs of councils and public bodies.
//!
//! A build runs in four phases, one module each, and every phase reports problems as
//! [`Diagnostic`](diagnostics::Diagnostic) values instead of stopping:
//!
//! 1. [`load`]: read `site.yaml` and every file under `content/`, split and parse front matter;
//! 2. [`site`]: link boards, meetings, papers and minutes, and give every page its URL; [`check`] then
//!    looks for the mistakes that would still build;
//! 3. [`render`]: render Markdown and run the theme's Tera templates, in parallel;
//! 4. [`output`]: write the result, all or nothing.
//!
//! [`check`] runs phases 1–3 without writing; [`build`] runs all four and refuses to write when any
//! error was found.

pub mod archive;
pub mod calendar;
pub mod check;
pub mod context;
pub mod diagnostics;
pub mod feeds;
pub mod frontmatter;
pub mod lint;
pub mod load;
pub mod markdown;
pub mod model;
pub mod new;
pub mod opendata;
pub mod output;
pub mod publish;
pub mod registers;
pub mod render;
pub mod search;
pub mod serve;
pub mod session;
pub mod site;
pub mod sitemap;
pub mod theme;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use diagnostics::{Diagnostic, Diagnostics};
use model::{Date, Moment};

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
}

impl Options {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Options { root: root.into(), base_url: None, drafts: false, preview: false, as_of: None }
    }
}

/// The outcome of checking a site: what was found, and the rendered files when nothing blocked them.
#[derive(Debug)]
pub struct Checked {
    pub diagnostics: Diagnostics,
    pub files: Vec<render::OutputFile>,
    /// Number of HTML pages among `files`.
    pub pages: usize,
    pub elapsed: Duration,
}

/// Loads, links and renders the site without writing anything.
pub fn check(options: &Options) -> Checked {
    let started = Instant::now();
    let mut diagnostics = Diagnostics::new();
    let mut loaded = load::load(&options.root, &mut diagnostics);
    let now = options.as_of.unwrap_or_else(|| now_in(loaded.config.as_ref().map_or("Europe/London", |c| c.timezone.as_str())));
    let withheld = publish::withhold(&mut loaded, now, options.drafts, &mut diagnostics);
    let today = now.date();
    let link_options = site::LinkOptions { base_url: options.base_url.clone(), today, withheld };
    let mut files = Vec::new();
    if let Some(site) = site::link(loaded, &link_options, &mut diagnostics) {
        check::run(&site, &mut diagnostics);
        publish::check_notice(&site, &mut diagnostics);
        if let Some(theme) = theme::load(&options.root, &site.config.theme, &mut diagnostics) {
            files = render::render(&site, &theme, &mut diagnostics);
        }
    }
    let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
    Checked { diagnostics, files, pages, elapsed: started.elapsed() }
}

/// Why a build wrote nothing.
#[derive(Debug)]
pub enum BuildError {
    /// The site has errors (all of them are in the diagnostics).
    Invalid,
    Write(output::WriteError),
}

/// Checks the site and, when it has no errors (and no warnings if `deny_warnings`), writes it to `output`.
pub fn build(options: &Options, output_dir: &Path, force: bool, deny_warnings: bool) -> (Checked, Result<(), BuildError>) {
    let mut checked = check(options);
    let blocked = checked.diagnostics.has_errors() || (deny_warnings && !checked.diagnostics.is_empty());
    if blocked {
        return (checked, Err(BuildError::Invalid));
    }
    let started = Instant::now();
    let result = output::write_site(output_dir, &checked.files, force).map_err(BuildError::Write);
    checked.elapsed += started.elapsed();
    (checked, result)
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
pub fn write_error_diagnostic(e: &output::WriteError) -> Diagnostic {
    let (file, help) = match e {
        output::WriteError::NotOurs(p) => (p.clone(), "choose a new or empty folder with `--output DIR`, or pass `--force` to replace this one"),
        output::WriteError::Io { path, .. } => (path.clone(), "check there is space on the disk and that you may write to this folder"),
    };
    Diagnostic::error("BP050", file, e.to_string()).help(help)
}
