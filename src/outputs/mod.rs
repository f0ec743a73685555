//! Phase 4, outputs: the site-wide outputs, made from the linked site (which holds only what may be
//! published): feeds, calendars, the sitemap, the registers, open data, archives, the boards index and
//! search. Each implements [`Output`] and is in [`ALL`], the one list the
//! renderer runs: a new output (a PDF pack, a forward plan) is a module here and a line there.
//!
//! May use: `content`, `site`, `check` and `render` (the page helpers and the machinery), and each
//! other. Nothing below may use this folder.

pub mod archive;
pub mod boards;
pub mod calendar;
pub mod feeds;
pub mod opendata;
pub mod pdf;
pub mod registers;
pub mod search;
pub mod sitemap;

use crate::render::Output;

/// Every site-wide output, in the order their results are merged. The renderer runs those that need
/// only the site in parallel, then those that list the pages the others added, and gives those that
/// read every body a unit of their own (see [`Needs`](crate::render::Needs)).
pub static ALL: &[&dyn Output] = &[
    &boards::BoardsIndex,
    &feeds::Feeds,
    &calendar::Calendars,
    &registers::RegisterPages,
    &opendata::OpenData,
    &archive::Archives,
    &sitemap::Sitemap,
    &search::Search,
    &pdf::PdfPacks,
];
