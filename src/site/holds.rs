//! Where the linked site keeps the documents of each kind ([`Holds`]): where `serve` puts a re-read
//! document in the place of the old one ([`crate::content::kinds::Parsed::swap_into`]) when the site
//! needs no new linking. A kind the site does not hold here is a compile error where the site is used
//! as a holder.

use crate::content::kinds::{self, ContentKind, Holds};
use crate::content::load::Doc;
use crate::site::{AppendixContent, Site};

type Matter<K> = <K as ContentKind>::Matter;

/// Puts `doc` in the place of the one of `held` with its path.
fn replace<'a, T: 'a>(mut held: impl Iterator<Item = &'a mut Doc<T>>, doc: &Doc<T>) -> bool {
    held.find(|d| d.path == doc.path)
        .map(|d| *d = doc.clone())
        .is_some()
}

/// The kinds whose documents each item of a list of the site has, as its `doc`.
macro_rules! held_in {
    ($($kind:ident in $list:ident),+ $(,)?) => {
        $(
            impl Holds<kinds::$kind> for Site {
                fn swap(&mut self, doc: &Doc<Matter<kinds::$kind>>) -> bool {
                    replace(self.$list.iter_mut().map(|held| &mut held.doc), doc)
                }
            }
        )+
    };
}

held_in! {
    Board in boards,
    Paper in papers,
    Page in pages,
    Person in people,
    Notice in notices,
}

/// Minutes are linked with their exempt items withheld ([`crate::site::Minutes::replace`]).
impl Holds<kinds::Minutes> for Site {
    fn swap(&mut self, doc: &Doc<Matter<kinds::Minutes>>) -> bool {
        self.minutes
            .iter_mut()
            .find(|m| m.doc.path == doc.path)
            .map(|m| m.replace(doc.clone()))
            .is_some()
    }
}

/// A meeting made from its papers has no document.
impl Holds<kinds::Meeting> for Site {
    fn swap(&mut self, doc: &Doc<Matter<kinds::Meeting>>) -> bool {
        replace(self.meetings.iter_mut().filter_map(|m| m.doc.as_mut()), doc)
    }
}

/// Markdown appendices are kept with their papers; attached files and exempt ones are not documents.
impl Holds<kinds::Appendix> for Site {
    fn swap(&mut self, doc: &Doc<Matter<kinds::Appendix>>) -> bool {
        let held = self
            .papers
            .iter_mut()
            .flat_map(|p| p.appendices.iter_mut())
            .filter_map(|a| match &mut a.content {
                AppendixContent::Page(doc) => Some(doc),
                _ => None,
            });
        replace(held, doc)
    }
}
