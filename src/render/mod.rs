//! Phase 3, render: turn the linked site into the bytes of every output file, and hand each to a
//! [`Sink`] as soon as it is made.
//!
//! The work is cut into [`Unit`]s (the home page, a board, a meeting with its papers, appendices and
//! minutes, a content page, the site-wide outputs, the static files) that render in parallel. A page is
//! written the moment it is rendered, so memory holds a unit's pages, never the site's; and `serve`
//! re-renders only the units whose inputs changed. Each unit reports what it found (diagnostics, the
//! ids of its paragraphs, the links into other pages, the files it links to) in a [`UnitOutput`], and
//! [`finish`] checks the links between pages once every unit is known.
//!
//! Laid out as: `pages` (the page kinds and the helpers outputs use to make pages like them), `units`
//! (the units, their scheduling and the [`Renderer`]), `links` (link resolution and checks), `output`
//! (the [`Output`] trait site-wide outputs implement, and [`Extras`]), `sink` (where files go),
//! `staging` (the sink of `build`), `theme` and `context` (the templates and their data).
//!
//! May use: `content`, `site` and the shared leaves; never `check`, `outputs` or above: the outputs are
//! handed in by kind ([`Outputs`], from `outputs::all`), and the search index reads papers through
//! [`Gather`].

pub mod context;
pub mod decisions;
mod links;
mod output;
mod pages;
pub mod people;
mod sink;
pub mod staging;
pub mod theme;
mod units;

pub(crate) use links::resolver;
pub use links::{FragmentLink, PageIds, finish};
pub use output::{
    BodiesOutput, Download, ExtraPage, Extras, FileFiller, Gather, MeetingFiles, MeetingOutput,
    Needs, Output, Outputs, PageRenderer, PaperReader, RenderSettings,
};
pub use pages::*;
pub use sink::{Discard, Memory, OutputContent, OutputFile, Sink};
pub use units::{Renderer, STYLESHEET, Unit, shared_reads, units};

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::diagnostics::Diagnostic;

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
    /// What the unit read of the site, as it rendered ([`crate::reads`]): what it depends on,
    /// beyond the settings, the theme and the site's shape.
    pub reads: Vec<crate::reads::Read>,
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
    pub(crate) out: std::cell::RefCell<UnitOutput>,
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
