//! The site's lists, declared once: each list's field, its record type and what the build cache
//! values a record by ([`Listed`]). A new kind's records are listed here, and only here, for the
//! cache and for code that walks every list ([`Site::each_list`]).

use std::path::Path;

use super::{
    AppendixContent, Board, EachList, Listed, Meeting, Minutes, Page, Paper, Person, Site, entities,
};
use super::decisions::{Decision, Notice};

/// The site's lists: each list's field, its record type (which names its [`crate::reads::Entity`])
/// and what the build cache values a record by besides its front matter ([`Listed::linked`]). The
/// one place a new kind's records are listed for the cache.
macro_rules! site_lists {
    ($($list:ident: $record:ident => |$r:ident, $h:ident, $matter:ident, $file:ident| $linked:block)+) => {
        $(
            impl Listed for $record {
                const ENTITY: crate::reads::Entity = crate::reads::Entity::$record;
                fn path(&self) -> &str {
                    &self.path
                }
                fn linked(
                    &self,
                    mut hasher: &mut dyn std::hash::Hasher,
                    $matter: &dyn Fn(usize) -> u64,
                    $file: &dyn Fn(&Path) -> u64,
                ) {
                    let ($r, $h) = (self, &mut hasher);
                    $linked
                }
            }
        )+

        impl Site {
            /// The page path of record `i` of the list of `entity`, unrecorded.
            pub fn path_of(&self, entity: crate::reads::Entity, i: usize) -> Option<&str> {
                match entity {
                    $(crate::reads::Entity::$record => self.$list.unrecorded().get(i).map(Listed::path),)+
                }
            }

            /// Walks each list, unrecorded.
            pub fn each_list(&self, walk: &mut impl EachList) {
                $(walk.list(&self.$list);)+
            }
        }
    };
}

site_lists! {
    boards: Board => |b, h, matter, _file| {
        use std::hash::Hash;
        matter(entities::address(&b.doc)).hash(h);
        (&b.slug, &b.meetings, &b.members, b.contact).hash(h);
    }
    meetings: Meeting => |m, h, matter, _file| {
        use std::hash::Hash;
        m.doc.as_ref().map(|d| matter(entities::address(d))).hash(h);
        (m.board, &m.papers, m.minutes, &m.decisions).hash(h);
        entities::debug_hash(h, &(m.date, m.status, &m.agenda, m.published));
    }
    papers: Paper => |p, h, matter, file| {
        use std::hash::Hash;
        matter(entities::address(&p.doc)).hash(h);
        (p.meeting, &p.slug, p.contact).hash(h);
        for a in &p.appendices {
            (&a.title, &a.path, &a.extension).hash(h);
            match &a.content {
                AppendixContent::Page(doc) => matter(entities::address(doc)).hash(h),
                AppendixContent::Exempt(e) => entities::debug_hash(h, e),
                AppendixContent::File { source, size } => (source, size, file(source)).hash(h),
            }
        }
    }
    minutes: Minutes => |n, h, matter, _file| {
        use std::hash::Hash;
        // Linking withholds exempt items in a copy of the document read: its front matter is
        // the one read, at the address the session knows.
        matter(n.source().addr()).hash(h);
        (n.meeting, &n.people).hash(h);
    }
    pages: Page => |p, h, matter, _file| {
        use std::hash::Hash;
        matter(entities::address(&p.doc)).hash(h);
    }
    people: Person => |p, h, matter, _file| {
        use std::hash::Hash;
        matter(entities::address(&p.doc)).hash(h);
        (&p.id, &p.memberships, &p.attendance, &p.attended, &p.declarations, &p.votes, &p.decided).hash(h);
    }
    notices: Notice => |n, h, matter, _file| {
        use std::hash::Hash;
        matter(entities::address(&n.doc)).hash(h);
        n.maker.hash(h);
    }
    // Made from notices and minutes, not read from a file of its own: worth all it holds.
    decisions: Decision => |d, h, _matter, _file| {
        entities::debug_hash(h, d);
    }
}
