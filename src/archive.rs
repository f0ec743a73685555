//! Board archives by year.

use crate::render::Extras;
use crate::site::Site;

pub fn outputs(_site: &Site, _extras: &mut Extras) {}
