//! The search page and the index behind it, built at build time for static hosting.

use crate::render::Extras;
use crate::site::Site;

/// The search page's folder.
pub const PAGE: &str = "search/";

pub fn outputs(site: &Site, extras: &mut Extras) {
    let p = crate::render::page(site, "search", "Search", PAGE, vec![], None);
    extras.page(PAGE, "search.html", p, vec![]);
}
