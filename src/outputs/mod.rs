//! Phase 4, outputs: the site-wide outputs made from the linked site.
//!
//! May use: `content`, `site`, `render` (the page helpers and the machinery) and `check`'s results,
//! never `serve` or `import`.

pub mod archive;
pub mod calendar;
pub mod feeds;
pub mod opendata;
pub mod registers;
pub mod search;
pub mod sitemap;
