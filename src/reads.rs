//! What a render unit read of the site, recorded as it renders: a shared leaf, which every phase
//! may use.
//!
//! The build cache and `serve` reuse a unit's pages while everything it read is unchanged. Listing a
//! unit's inputs by hand went wrong as pages grew (a page's title in every page's navigation, a
//! board's body in open data): so the inputs are not declared but recorded, at the few places every
//! read passes through: the site's lists of boards, meetings, papers, minutes, pages and people
//! ([`crate::site::Entities`]), and a document's body ([`crate::content::load::Document::body`]).
//! Anything else a page shows comes from the settings, the theme or the site's shape, which every
//! unit depends on.
//!
//! The record is kept per thread, for the unit that thread is rendering. Work a unit hands to other
//! threads must take the record with it ([`carry`]): the site-wide units, whose outputs run in
//! parallel, do so where they fan out.

use std::cell::RefCell;
use std::sync::{Arc, Mutex};

/// Reads are noted in a fast hash set (as `crate::hash`'s, which a leaf may not use).
type Set<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

/// The kinds of record in the site's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entity {
    Board,
    Meeting,
    Paper,
    Minutes,
    Page,
    Person,
    Notice,
    Decision,
}

impl Entity {
    pub const ALL: [Entity; 8] = [
        Entity::Board,
        Entity::Meeting,
        Entity::Paper,
        Entity::Minutes,
        Entity::Page,
        Entity::Person,
        Entity::Notice,
        Entity::Decision,
    ];

    /// One letter for the stable form of a read ([`crate::incremental`] keeps them).
    pub fn letter(self) -> char {
        match self {
            Entity::Board => 'b',
            Entity::Meeting => 'm',
            Entity::Paper => 'p',
            Entity::Minutes => 'n',
            Entity::Page => 'g',
            Entity::Person => 'e',
            Entity::Notice => 'o',
            Entity::Decision => 'd',
        }
    }

    pub fn from_letter(letter: char) -> Option<Entity> {
        Entity::ALL.into_iter().find(|e| e.letter() == letter)
    }
}

/// One read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Read {
    /// One record of a list, by its place: its front matter and what linking made of it.
    One(Entity, usize),
    /// A whole list, walked: every record's front matter, and which records there are.
    All(Entity),
    /// A document's whole text, body and all, by the document's address in memory.
    Text(usize),
}

/// The reads of one unit, shared with the threads it hands work to.
pub type Record = Arc<Mutex<Set<Read>>>;

thread_local! {
    static RECORDING: RefCell<Option<Record>> = const { RefCell::new(None) };
}

/// Notes a read for the unit this thread renders, if any.
pub fn record(read: Read) {
    RECORDING.with_borrow(|recording| match recording {
        Some(record) => {
            record
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .insert(read);
        }
        None => {}
    });
}

/// Runs `f` with a new record on this thread, and gives what it read.
pub fn recording<T>(f: impl FnOnce() -> T) -> (T, Vec<Read>) {
    let record = Record::default();
    let value = carry(Some(&record), f);
    let mut reads: Vec<Read> = std::mem::take(
        &mut *record
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    )
    .into_iter()
    .collect();
    reads.sort_unstable();
    (value, reads)
}

/// The record of the unit this thread renders, to hand with work to another thread ([`carry`]).
pub fn current() -> Option<Record> {
    RECORDING.with_borrow(Clone::clone)
}

/// Runs `f` recording into `record` (from [`current`] on the thread that handed the work over), and
/// puts back this thread's own record after.
pub fn carry<T>(record: Option<&Record>, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<Record>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            RECORDING.with_borrow_mut(|r| *r = previous);
        }
    }
    let previous = RECORDING.with_borrow_mut(|r| std::mem::replace(r, record.cloned()));
    let _restore = Restore(previous);
    f()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_holds_each_read_once_in_order_and_nothing_after() {
        let ((), reads) = recording(|| {
            record(Read::One(Entity::Paper, 2));
            record(Read::All(Entity::Board));
            record(Read::One(Entity::Paper, 2));
        });
        assert_eq!(
            reads,
            [Read::One(Entity::Paper, 2), Read::All(Entity::Board)]
        );
        assert!(current().is_none());
    }

    #[test]
    fn work_carried_to_another_thread_records_into_the_same_unit() {
        let ((), reads) = recording(|| {
            let record = current();
            std::thread::scope(|s| {
                s.spawn(|| carry(record.as_ref(), || super::record(Read::Text(7))));
            });
        });
        assert_eq!(reads, [Read::Text(7)]);
    }

    #[test]
    fn a_nested_record_does_not_leak_into_the_outer_one() {
        let ((), outer) = recording(|| {
            record(Read::All(Entity::Page));
            let ((), inner) = recording(|| record(Read::All(Entity::Meeting)));
            assert_eq!(inner, [Read::All(Entity::Meeting)]);
        });
        assert_eq!(outer, [Read::All(Entity::Page)]);
    }
}
