//! Where the site-wide outputs are published, relative to the site root: here, below every page that
//! links to them (the navigation, the feed links, the search page's links), rather than in the outputs
//! that make them.

/// The list of every board.
pub const BOARDS_INDEX: &str = "boards/";
/// The decisions register's folder.
pub const DECISIONS: &str = "decisions/";
/// The action tracker's folder.
pub const ACTIONS: &str = "actions/";
/// The search page's folder.
pub const SEARCH: &str = "search/";
/// The site's Atom feed.
pub const SITE_FEED: &str = "feed.xml";
/// The Atom feed of decision records and their status.
pub const DECISIONS_FEED: &str = "decisions/feed.xml";
/// The site-wide calendar.
pub const SITE_CALENDAR: &str = "calendar.ics";
/// The open data's list of files.
pub const DATA_INDEX: &str = "data/index.json";
