//! The site's lists of records (boards, meetings, papers, minutes, pages), which note every read
//! for the unit being rendered ([`crate::reads`]): taking one record by its place notes that record,
//! walking the list notes the whole list. The build cache's fingerprints are made from those notes.

use std::hash::Hasher;
use std::ops::{Index, IndexMut};
use std::path::Path;

use crate::reads::{self, Entity, Read};

/// A record kept in one of the site's lists (declared in `site_lists!`, `site/mod.rs`).
pub trait Listed {
    const ENTITY: Entity;

    /// Its page's path: the record's stable name in the build cache.
    fn path(&self) -> &str;

    /// Feeds `h` what the record is worth to a page that reads it: its document's front matter
    /// (`matter`, by the document's address: [`crate::content::load::Doc`]), what linking made of
    /// it, and any attached file's bytes (`file`, by its path under the site root).
    fn linked(
        &self,
        h: &mut dyn Hasher,
        matter: &dyn Fn(usize) -> u64,
        file: &dyn Fn(&Path) -> u64,
    );
}

/// A walk over each of the site's lists ([`crate::site::Site::each_list`]).
pub trait EachList {
    fn list<T: Listed>(&mut self, list: &Entities<T>);
}

/// Feeds a value's `Debug` form to a hasher without making a string: for linked values that are
/// not `Hash` (dates, exemptions).
pub fn debug_hash(h: &mut dyn Hasher, value: &dyn std::fmt::Debug) {
    struct Feed<'a>(&'a mut dyn Hasher);
    impl std::fmt::Write for Feed<'_> {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.write(s.as_bytes());
            Ok(())
        }
    }
    use std::fmt::Write as _;
    // Writing into a hasher cannot fail.
    let _ = write!(Feed(h), "{value:?}");
}

/// The address of a document, by which the build cache knows its front matter's hash.
pub fn address<T>(doc: &crate::content::load::Doc<T>) -> usize {
    std::sync::Arc::as_ptr(doc).addr()
}

/// One of the site's lists (see the module's documentation).
#[derive(Debug)]
pub struct Entities<T>(Vec<T>);

impl<T: Listed> Entities<T> {
    /// Walks every record: a read of the whole list.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        reads::record(Read::All(T::ENTITY));
        self.0.iter()
    }

    /// The record at `index`, if there is one: a read of it.
    pub fn get(&self, index: usize) -> Option<&T> {
        let found = self.0.get(index);
        if found.is_some() {
            reads::record(Read::One(T::ENTITY, index));
        }
        found
    }

    /// How many records there are (the site's shape, on which every page depends: not a read).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// For linking and the build cache, which read outside any unit: noted as nothing.
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.0.iter_mut()
    }

    /// Walks every record in parallel: a read of the whole list.
    pub fn par_iter(&self) -> rayon::slice::Iter<'_, T>
    where
        T: Sync,
    {
        use rayon::prelude::*;
        reads::record(Read::All(T::ENTITY));
        self.0.par_iter()
    }

    /// Adds a record (linking).
    pub fn push(&mut self, item: T) {
        self.0.push(item);
    }

    /// The list itself, for linking, which builds and orders it before any unit renders.
    pub(super) fn vec_mut(&mut self) -> &mut Vec<T> {
        &mut self.0
    }

    /// Walks every record without noting it: for what is not a unit's render (the fingerprints
    /// themselves, the checks), where a note would be misleading.
    pub fn unrecorded(&self) -> &[T] {
        &self.0
    }
}

impl<T> Default for Entities<T> {
    fn default() -> Self {
        Entities(Vec::new())
    }
}

impl<T> From<Vec<T>> for Entities<T> {
    fn from(items: Vec<T>) -> Self {
        Entities(items)
    }
}

impl<T> FromIterator<T> for Entities<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        Entities(items.into_iter().collect())
    }
}

impl<'a, T: Listed> IntoIterator for &'a mut Entities<T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

impl<T: Listed> Index<usize> for Entities<T> {
    type Output = T;
    fn index(&self, index: usize) -> &T {
        reads::record(Read::One(T::ENTITY, index));
        &self.0[index]
    }
}

impl<T: Listed> IndexMut<usize> for Entities<T> {
    fn index_mut(&mut self, index: usize) -> &mut T {
        &mut self.0[index]
    }
}

impl<'a, T: Listed> IntoIterator for &'a Entities<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Thing;
    impl Listed for Thing {
        const ENTITY: Entity = Entity::Paper;
        fn path(&self) -> &str {
            ""
        }
        fn linked(&self, _: &mut dyn Hasher, _: &dyn Fn(usize) -> u64, _: &dyn Fn(&Path) -> u64) {}
    }

    #[test]
    fn taking_one_notes_it_and_walking_notes_the_list() {
        let things = Entities::from(vec![Thing, Thing]);
        let (_, reads) = reads::recording(|| {
            let _ = &things[1];
            let _ = things.get(5);
            things.len()
        });
        assert_eq!(reads, [Read::One(Entity::Paper, 1)]);
        let (_, reads) = reads::recording(|| things.iter().count());
        assert_eq!(reads, [Read::All(Entity::Paper)]);
    }
}
