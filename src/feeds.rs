//! Atom 1.0 feeds of newly published papers and minutes: one for the site, one per board.

use crate::render::Extras;
use crate::site::Site;

/// The site-wide feed, relative to the site root.
pub const SITE_FEED: &str = "feed.xml";

pub fn outputs(_site: &Site, _extras: &mut Extras) {}
