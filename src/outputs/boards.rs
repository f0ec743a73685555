//! The boards index: every board with its next meeting.

use crate::render::{Extras, Output, board_cards, page};
use crate::site::Site;

pub use crate::site::paths::BOARDS_INDEX;

/// The boards index: every board with its next meeting.
fn boards_index(site: &Site, extras: &mut Extras) {
    let boards = board_cards(site);
    let p = page(
        site,
        "boards",
        "Boards and committees",
        BOARDS_INDEX,
        vec![],
        None,
    );
    extras.page(
        BOARDS_INDEX,
        "boards.html",
        p,
        vec![("boards", tera::Value::from_serializable(&boards))],
    );
}

/// The boards index, as a site-wide output.
pub struct BoardsIndex;

impl Output for BoardsIndex {
    fn name(&self) -> &'static str {
        "boards index"
    }

    fn make(&self, site: &Site, _added: &[&str], extras: &mut Extras) {
        boards_index(site, extras);
    }
}
