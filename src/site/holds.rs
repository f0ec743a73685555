//! Where the linked site keeps the documents of each kind ([`Holds`]): what the checks of every
//! document read ([`crate::content::kinds::check_each`]), and where `serve` puts a re-read document in
//! the place of the old one ([`crate::content::kinds::Parsed::swap_into`]) when the site needs no new
//! linking. A kind the site does not hold here is a compile error where the site is used as a holder.

use crate::content::kinds::{self, ContentKind, Holds};
use crate::content::load::Doc;
use crate::site::{AppendixContent, Site};

/// The kinds whose documents each item of a list of the site has, as its `doc`.
macro_rules! held_in {
    ($($kind:ident in $list:ident),+ $(,)?) => {
        $(
            impl Holds<kinds::$kind> for Site {
                fn documents(&self) -> impl Iterator<Item = &Doc<<kinds::$kind as ContentKind>::Matter>> {
                    self.$list.iter().map(|held| &held.doc)
                }
                fn documents_mut(
                    &mut self,
                ) -> impl Iterator<Item = &mut Doc<<kinds::$kind as ContentKind>::Matter>> {
                    self.$list.iter_mut().map(|held| &mut held.doc)
                }
            }
        )+
    };
}

held_in! {
    Board in boards,
    Paper in papers,
    Minutes in minutes,
    Page in pages,
}

/// A meeting made from its papers has no document.
impl Holds<kinds::Meeting> for Site {
    fn documents(&self) -> impl Iterator<Item = &Doc<<kinds::Meeting as ContentKind>::Matter>> {
        self.meetings.iter().filter_map(|m| m.doc.as_ref())
    }
    fn documents_mut(
        &mut self,
    ) -> impl Iterator<Item = &mut Doc<<kinds::Meeting as ContentKind>::Matter>> {
        self.meetings.iter_mut().filter_map(|m| m.doc.as_mut())
    }
}

/// Markdown appendices are kept with their papers; attached files and exempt ones are not documents.
impl Holds<kinds::Appendix> for Site {
    fn documents(&self) -> impl Iterator<Item = &Doc<<kinds::Appendix as ContentKind>::Matter>> {
        self.papers
            .iter()
            .flat_map(|p| &p.appendices)
            .filter_map(|a| match &a.content {
                AppendixContent::Page(doc) => Some(doc),
                _ => None,
            })
    }
    fn documents_mut(
        &mut self,
    ) -> impl Iterator<Item = &mut Doc<<kinds::Appendix as ContentKind>::Matter>> {
        self.papers
            .iter_mut()
            .flat_map(|p| &mut p.appendices)
            .filter_map(|a| match &mut a.content {
                AppendixContent::Page(doc) => Some(doc),
                _ => None,
            })
    }
}
