//! The decisions register and the action tracker, from the structured decisions and actions of minutes.

use crate::render::Extras;
use crate::site::Site;

/// The decisions register's folder.
pub const DECISIONS: &str = "decisions/";
/// The action tracker's folder.
pub const ACTIONS: &str = "actions/";

pub fn outputs(site: &Site, extras: &mut Extras) {
    let p = crate::render::page(site, "decisions", "Decisions register", DECISIONS, vec![], None);
    extras.page(DECISIONS, "decisions.html", p, vec![]);
    let p = crate::render::page(site, "actions", "Action tracker", ACTIONS, vec![], None);
    extras.page(ACTIONS, "actions.html", p, vec![]);
}
