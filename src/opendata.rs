//! Open data: JSON exports of boards, members, meetings, agenda items, papers, decisions and actions,
//! with a JSON Schema.

use crate::render::Extras;
use crate::site::Site;

/// The open data index, relative to the site root.
pub const INDEX: &str = "data/index.json";

pub fn outputs(_site: &Site, _extras: &mut Extras) {}
