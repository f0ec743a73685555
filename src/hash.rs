//! Hashing for the build's own maps and for the preview's fingerprints.
//!
//! std's SipHash resists hash flooding, which a build of the site's own files does not need, and it
//! was a quarter of a one-paper rebuild at 10,000 papers. foldhash is the hasher hashbrown itself uses.

use std::hash::BuildHasher;

/// A hash map with a fast hasher. Iteration order varies between runs, as with std's: nothing that
/// reaches the output may depend on it.
pub type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
/// A hash set with a fast hasher (see [`Map`]).
pub type Set<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

/// A hasher for fingerprints: the same input always gives the same value, in every process.
pub type Fingerprinter = foldhash::quality::FoldHasher<'static>;

/// A new [`Fingerprinter`].
pub fn fingerprinter() -> Fingerprinter {
    foldhash::quality::FixedState::default().build_hasher()
}

/// The fingerprint of one value.
pub fn fingerprint(value: &(impl std::hash::Hash + ?Sized)) -> u64 {
    foldhash::quality::FixedState::default().hash_one(value)
}
