//! Phase 4, outputs: the site-wide outputs, made from the linked site (which holds only what may be
//! published): feeds, calendars, the sitemap, the registers, open data, archives, the boards index and
//! search. Each implements the trait of its kind ([`Output`], [`BodiesOutput`],
//! [`MeetingOutput`]) and is in that kind's list here ([`all`]): a new output (a forward plan) is a
//! module here and a line there.
//!
//! May use: `content`, `site`, `check` and `render` (the page helpers and the machinery), and each
//! other. Nothing below may use this folder.

pub mod archive;
pub mod boards;
pub mod calendar;
pub mod decision_feed;
pub mod decision_records;
pub mod decision_status;
pub mod feeds;
pub mod opendata;
pub mod pdf;
pub mod people;
pub mod registers;
pub mod search;
pub mod sitemap;

use crate::render::{BodiesOutput, MeetingOutput, Output, Outputs};

/// Every output made from the site, in the order their results are merged. The renderer runs those
/// that need only the site in parallel, then those that list the pages the others added (see
/// [`Needs`](crate::render::Needs)).
pub static SITE: &[&dyn Output] = &[
    &boards::BoardsIndex,
    &people::PeopleIndex,
    &feeds::Feeds,
    &calendar::Calendars,
    &registers::RegisterPages,
    &decision_records::DecisionRegisters,
    &opendata::OpenData,
    &archive::Archives,
    &sitemap::Sitemap,
];

/// The outputs that read every document's body, each in a unit of its own.
pub static BODIES: &[&dyn BodiesOutput] = &[&search::Search];

/// The outputs made per meeting: the PDF packs, which `--no-pdf` leaves out.
pub static PACKS: &[&dyn MeetingOutput] = &[&pdf::PdfPacks];

/// Every output, the PDF packs with `packs`.
pub fn all(packs: bool) -> Outputs<'static> {
    Outputs {
        site: SITE,
        bodies: BODIES,
        meetings: if packs { PACKS } else { &[] },
    }
}
