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

pub mod check;
pub mod context;
pub mod diagnostics;
pub mod frontmatter;
pub mod lint;
pub mod load;
pub mod markdown;
pub mod model;
pub mod new;
pub mod output;
pub mod render;
pub mod site;
pub mod theme;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use diagnostics::{Diagnostic, Diagnostics};
use model::{Date, MinutesStatus, PaperStatus};

/// What to build and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site folder (holding `site.yaml` and `content/`).
    pub root: PathBuf,
    /// Overrides `base_url` of `site.yaml`.
    pub base_url: Option<String>,
    /// Include draft papers and minutes.
    pub drafts: bool,
    /// The day to build for; today (in the site's time zone) when `None`.
    pub as_of: Option<Date>,
}

impl Options {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Options { root: root.into(), base_url: None, drafts: false, as_of: None }
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
    let withheld = if options.drafts { Vec::new() } else { withhold_drafts(&mut loaded, &mut diagnostics) };
    let today = options.as_of.unwrap_or_else(|| today_in(loaded.config.as_ref().map_or("Europe/London", |c| c.timezone.as_str())));
    let link_options = site::LinkOptions { base_url: options.base_url.clone(), today, withheld };
    let mut files = Vec::new();
    if let Some(site) = site::link(loaded, &link_options, &mut diagnostics) {
        check::run(&site, &mut diagnostics);
        if let Some(theme) = theme::load(&options.root, &site.config.theme, &mut diagnostics) {
            files = render::render(&site, &theme, &mut diagnostics);
        }
    }
    let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
    Checked { diagnostics, files, pages, elapsed: started.elapsed() }
}

/// Takes draft papers and minutes out of the build, remembering where they were.
fn withhold_drafts(loaded: &mut load::Loaded, diagnostics: &mut Diagnostics) -> Vec<site::Withheld> {
    let mut withheld = Vec::new();
    loaded.papers.retain(|p| {
        let keep = p.matter.status != PaperStatus::Draft;
        if !keep {
            withheld.push(site::Withheld { path: p.path.clone(), meeting: p.matter.meeting.clone(), date: p.matter.date, item: Some(p.matter.item.clone()) });
        }
        keep
    });
    loaded.minutes.retain(|m| {
        let keep = m.matter.status != MinutesStatus::Draft;
        if !keep && m.key_range("status").is_none() {
            // Unapproved minutes are drafts by default; say so, or a clerk wonders where they went.
            diagnostics.push(
                Diagnostic::warning("BP037", &m.path, "these minutes have no `status`, so they are treated as a draft and not published")
                    .help("add `status: approved` once the minutes are approved (or build with --drafts to preview them)"),
            );
        }
        if !keep {
            withheld.push(site::Withheld { path: m.path.clone(), meeting: m.matter.meeting.clone(), date: m.matter.date, item: None });
        }
        keep
    });
    withheld
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

/// Today's date in the named time zone (falling back to the system's).
pub fn today_in(timezone: &str) -> Date {
    let now = jiff::ZonedDateTime::now();
    let local = match jiff::tz::TimeZone::get(timezone) {
        Ok(tz) => now.with_time_zone(tz),
        Err(_) => now,
    };
    Date(local.date())
}

/// A diagnostic for a failed write, for the CLI.
pub fn write_error_diagnostic(e: &output::WriteError) -> Diagnostic {
    let (file, help) = match e {
        output::WriteError::NotOurs(p) => (p.clone(), "choose a new or empty folder with `--output DIR`, or pass `--force` to replace this one"),
        output::WriteError::Io { path, .. } => (path.clone(), "check there is space on the disk and that you may write to this folder"),
    };
    Diagnostic::error("BP050", file, e.to_string()).help(help)
}
