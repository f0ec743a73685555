//! The search page and the index behind it, built at build time for static hosting.
//!
//! # Why an index of our own
//!
//! A static site has no server to ask, so the browser must search an index made at build time. The
//! options weighed (the full comparison is in the README, "Search"):
//!
//! - **Pagefind** indexes the built HTML well and shards its index, but it is a separate Node/binary
//!   tool that would have to run after every `boardpack build`, and its search runs as WebAssembly,
//!   which the site's policy (`script-src 'self'`, no `'wasm-unsafe-eval'`) does not allow.
//! - **tinysearch** is WebAssembly too (same policy problem), needs a Rust-to-Wasm toolchain at build
//!   time, and keeps only whole-word Bloom filters: no ranking by field, no prefixes, no paragraph links.
//! - **elasticlunr-rs** writes one JSON index for elasticlunr.js: every search downloads all of it,
//!   which at 10,000 papers is tens of megabytes.
//!
//! So boardpack builds a compact index itself, in one pass over the linked site:
//!
//! - **Words**: folded (apostrophes dropped, accents removed, lower case), split at anything that is not a
//!   letter or digit, common words dropped; [`words`] here and `fold`/`words` in `search.js` do the
//!   same thing. Words are grouped by their Snowball stem (`decisions`, `decision` and `decided` find
//!   each other), and each shard maps the *words as written* to their stem's postings, so the browser
//!   needs no stemmer: it looks up what was typed, or, for the word being typed, every word it begins.
//! - **Shards by word prefix**: `t/<prefix>.json` holds the words starting with that prefix (two
//!   letters, more where a shard would pass [`SHARD_LIMIT`]), so a query downloads one small file per
//!   word, whatever the size of the site. The postings of common stems are files of their own
//!   (`p/<n>.json`, see [`INLINE_LIMIT`]), stored once however many words and shards lead to them.
//! - **Postings** give, per document, a score (title 8, summary 3, body 1 per occurrence) and where on
//!   the page the word is: the numbered paragraph (`#p2.1`), minute (`#item-4`) or heading, with the ids
//!   the page has (see [`crate::content::markdown::walk_sections`]), so a result links straight to the place.
//! - **Documents** are numbered in (board, year, kind) order, so the filters are a few id ranges in
//!   `index.json` and need no download per document; titles, addresses, dates and snippets are in
//!   `d/<n>.json`, [`DOCS_PER_CHUNK`] documents each, fetched only for the results shown.
//! - The folder's name carries a hash of its contents, so a browser never mixes files of two builds.
//!
//! Only what the linked site publishes is indexed: withheld papers and minutes are already gone from it,
//! and exempt minute items, exempt appendices and the agenda lines of withheld items are left out here.

//!
//! The code is cut by concern: `words` folds, splits and stems text and counts a document's words;
//! `gather` reads the documents (on their own, or from their pages' parse as a build renders them);
//! `index` merges them and writes the index's files; this module has the page and the [`Search`] output.

mod gather;
mod index;
mod kept;
mod words;

use std::collections::BTreeSet;

use serde::Serialize;

use crate::render::context::LinkView;
use crate::render::{BodiesOutput, Extras, Gather};
use crate::site::Site;

use gather::*;
use index::*;
use words::*;

pub use gather::{Gatherer, PaperEntry};
pub use index::shard_file;
pub use words::words;

pub use crate::site::paths::SEARCH as PAGE;

/// The search script, under the theme's static files.
pub const SCRIPT: &str = "assets/search.js";

/// A shard is split by one more letter of its words' prefix when its JSON is larger than this, so
/// one word of a query costs at most about this much to download (a single very common word can
/// still pass it: its postings cannot be split).
pub const SHARD_LIMIT: usize = 48 * 1024;

/// Postings longer than this (in bytes of text) are a file of their own, `p/<n>.json`, shared by every
/// shard with a word of that stem; shorter ones are written into the shards. So a common stem is
/// stored once, and shards stay small without being split many times. (So are the postings of a stem
/// in more than a quarter of all documents, however short: on a small site too, the words everyone
/// types are fetched once, and shared by every shard whose words lead to them.)
pub const INLINE_LIMIT: usize = 1024;

/// Documents per `d/<n>.json` file: small enough that showing ten results fetches little. Ten results
/// are ten files whatever the size (the best-scoring documents are anywhere in the index), so this sets
/// what showing them costs: 8 documents is about 5 KB a file (25 was 16 KB, and 160 KB of a query).
pub const DOCS_PER_CHUNK: usize = 8;

/// Boards listed by name on the search page for readers without JavaScript; more are left to the
/// boards index.
const MAX_BOARD_LINKS: usize = 12;

/// The longest snippet shown under a result, in characters.
const SNIPPET_CHARS: usize = 220;

/// What a document is: the order is the order of the kind filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Paper,
    Appendix,
    Minutes,
    Meeting,
    Board,
    Page,
}

impl Kind {
    const ALL: [Kind; 6] = [
        Kind::Paper,
        Kind::Appendix,
        Kind::Minutes,
        Kind::Meeting,
        Kind::Board,
        Kind::Page,
    ];

    /// The value of the `kind` filter in the page's address.
    pub fn value(self) -> &'static str {
        match self {
            Kind::Paper => "paper",
            Kind::Appendix => "appendix",
            Kind::Minutes => "minutes",
            Kind::Meeting => "meeting",
            Kind::Board => "board",
            Kind::Page => "page",
        }
    }

    /// What a result of this kind is called.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Paper => "Report",
            Kind::Appendix => "Appendix",
            Kind::Minutes => "Minutes",
            Kind::Meeting => "Agenda",
            Kind::Board => "Board",
            Kind::Page => "Page",
        }
    }

    /// The filter's label.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Paper => "Reports",
            Kind::Appendix => "Appendices",
            Kind::Minutes => "Minutes",
            Kind::Meeting => "Meeting agendas",
            Kind::Board => "Boards",
            Kind::Page => "Other pages",
        }
    }
}

pub use crate::render::PAPER_BODY;

/// The search page and its index, as a site-wide output: the one that reads every document's body.
pub struct Search;

impl BodiesOutput for Search {
    fn name(&self) -> &'static str {
        "search"
    }

    fn make(&self, site: &Site, extras: &mut Extras) {
        outputs(site, extras, None);
    }

    fn gatherer<'s>(
        &self,
        site: &'s Site,
        cache: Option<&std::path::Path>,
    ) -> Box<dyn Gather + 's> {
        Box::new(Gatherer::new(site).keeping_in(cache))
    }
}

/// `search` in `search.html`.
#[derive(Debug, Serialize)]
pub struct SearchView {
    /// The index folder (ends in `/`): `search.js` reads `index.json` and the shards from it.
    pub index_url: String,
    pub script_url: String,
    /// Filter options: only what the index holds.
    pub boards: Vec<FilterOption>,
    pub years: Vec<i16>,
    pub kinds: Vec<FilterOption>,
    /// Other ways to find papers, for readers without JavaScript.
    pub boards_index_url: String,
    pub decisions_url: String,
    pub board_links: Vec<LinkView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FilterOption {
    pub value: String,
    pub label: String,
}

/// The search page and, when files are wanted, the index: `gathered` as the build rendered the
/// pages, or read here.
pub fn outputs(site: &Site, extras: &mut Extras, gathered: Option<&Gatherer<'_>>) {
    // For `check`, only the page: its template is what there is to check.
    let folder = if extras.files_wanted {
        let mut trace = crate::trace::Trace::new();
        let index = match gathered {
            Some(g) => g.finish(),
            None => build_index(site, extras.cache.as_deref()),
        };
        trace.mark("  search: documents indexed");
        let (folder, problems) = index_files(site, index, &mut |folder, paths, make| {
            extras.files_in_parallel(
                paths
                    .into_iter()
                    .map(|path| format!("{PAGE}{folder}{path}"))
                    .collect(),
                make,
            );
        });
        extras.diagnostics.extend(problems);
        folder
    } else {
        "index/".to_string()
    };
    let base = format!("{PAGE}{folder}");
    let mut years = BTreeSet::new();
    let mut kinds = BTreeSet::new();
    let read_here;
    let all: &[(Meta, Source)] = match gathered {
        Some(g) => &g.sources,
        None => {
            read_here = sources(site);
            &read_here
        }
    };
    for (meta, _) in all {
        if meta.date.is_some() {
            years.insert(meta.year());
        }
        kinds.insert(meta.kind);
    }
    let view = SearchView {
        index_url: site.href(&base),
        script_url: site.href(SCRIPT),
        boards: site
            .boards
            .iter()
            .map(|b| FilterOption {
                value: b.slug.clone(),
                label: b.doc.matter.title.clone(),
            })
            .collect(),
        years: years.into_iter().rev().collect(),
        kinds: kinds
            .into_iter()
            .map(|k| FilterOption {
                value: k.value().into(),
                label: k.plural().into(),
            })
            .collect(),
        boards_index_url: site.href(&site.bodies_index()),
        decisions_url: site.href(crate::site::paths::DECISIONS),
        // Each board's page is its archive; a long list of boards is left to the boards index.
        board_links: if site.boards.len() <= MAX_BOARD_LINKS {
            site.boards
                .iter()
                .map(|b| crate::render::board_link(site, b))
                .collect()
        } else {
            Vec::new()
        },
    };
    let p = crate::render::page(
        site,
        "search",
        "Search",
        PAGE,
        vec![],
        Some("Search the agendas, reports and minutes.".into()),
    );
    extras.page(
        PAGE,
        "search.html",
        p,
        vec![("search", tera::Value::from_serializable(&view))],
    );
}
