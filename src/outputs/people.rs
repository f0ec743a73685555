//! The list of everyone: current members grouped by council, party and ward, officers, others, and
//! past members. Each person's own page is a unit of its own ([`crate::render::Unit::Person`]).

use crate::render::people::people_view;
use crate::render::{Extras, Output, page};
use crate::site::Site;
use crate::site::people::PEOPLE;

/// The people index, as a site-wide output; a site without person files has none.
pub struct PeopleIndex;

impl Output for PeopleIndex {
    fn name(&self) -> &'static str {
        "people index"
    }

    fn make(&self, site: &Site, _added: &[&str], extras: &mut Extras) {
        if site.people.is_empty() {
            return;
        }
        let view = people_view(site);
        let p = page(
            site,
            "people",
            "Councillors and officers",
            PEOPLE,
            vec![],
            Some("Members of the boards, with their roles, attendance and registered interests, and the officers who advise them.".into()),
        );
        extras.page(
            PEOPLE,
            "people.html",
            p,
            vec![("people", tera::Value::from_serializable(&view))],
        );
    }
}
