//! iCalendar (RFC 5545) feeds of meetings: one for the site, one per board, one per meeting.

use crate::render::Extras;
use crate::site::Site;

/// The site-wide calendar, relative to the site root.
pub const SITE_CALENDAR: &str = "calendar.ics";

pub fn outputs(_site: &Site, _extras: &mut Extras) {}
