//! A unit's dependencies, as recorded while it rendered ([`crate::reads`]), in a form that outlives
//! the build (the records' paths, not their places in memory), and what each is worth now.
//!
//! A unit is reused while every dependency it recorded last time is worth what it was then: the
//! fingerprint of a unit is the hash of its dependencies' values ([`Values::fingerprint`]). Nothing
//! here lists what a page shows: a new page or output that reads a record is fingerprinted on it
//! because it read it.

use std::hash::{Hash, Hasher};

use crate::hash::Map as HashMap;
use crate::reads::{Entity, Read};
use crate::site::{EachList, Entities, Listed, Site};

/// What every dependency of the site is worth now, by its stable name (see [`name`]).
pub(crate) struct Values {
    values: HashMap<String, u64>,
    /// A document's address → its stable name, to name the [`Read::Text`] reads.
    texts: HashMap<usize, String>,
    /// What a file under the site stands for ([`file`]): valued when asked, since a site has
    /// more files than any one unit links.
    file: Box<dyn Fn(&std::path::Path) -> u64 + Sync + Send>,
}

/// The stable name of a dependency: a letter for its kind, then the record's page path; `t` and
/// the file's path for a document's whole text; the letter in capitals for a whole list.
fn one(entity: Entity, path: &str) -> String {
    format!("{}{path}", entity.letter())
}

fn all(entity: Entity) -> String {
    entity.letter().to_ascii_uppercase().to_string()
}

fn text(path: &std::path::Path) -> String {
    format!("t{}", path.display())
}

/// A file a unit's pages link (an image, a document; path relative to the site root), which its PDF
/// packs embed: the unit depends on its bytes.
pub(crate) fn file(path: &std::path::Path) -> String {
    format!("f{}", path.display())
}

/// The stable name of the dependency that a unit's reading the whole text of every document stands
/// for (the search index, which reads them on other units' threads as they render).
pub(crate) const EVERY_TEXT: &str = "*";

impl Values {
    /// What every record of `site` is worth: its document's front matter (`matter` by document
    /// address), what linking made of it, and for an attached file its bytes (`file`);
    /// and every document's whole text (`whole` by address, with its path).
    pub(crate) fn of(
        site: &Site,
        matter: &dyn Fn(usize) -> u64,
        whole: &[(usize, &std::path::Path, u64)],
        file: impl Fn(&std::path::Path) -> u64 + Sync + Send + 'static,
    ) -> Values {
        fn address<T>(doc: &crate::content::load::Doc<T>) -> usize {
            std::sync::Arc::as_ptr(doc).addr()
        }
        let mut values = HashMap::default();
        let mut every_text = crate::hash::fingerprinter();
        let mut texts = HashMap::default();
        for &(at, path, hash) in whole {
            let name = text(path);
            (&name, hash).hash(&mut every_text);
            values.insert(name.clone(), hash);
            texts.insert(at, name);
        }
        values.insert(EVERY_TEXT.to_string(), every_text.finish());
        /// Values each list's records and the list as a whole.
        struct Lists<'a> {
            values: &'a mut HashMap<String, u64>,
            root: &'a std::path::Path,
            matter: &'a dyn Fn(usize) -> u64,
            file: &'a (dyn Fn(&std::path::Path) -> u64 + Sync + Send),
        }
        impl EachList for Lists<'_> {
            fn list<T: Listed>(&mut self, list: &Entities<T>) {
                let file = |source: &std::path::Path| (self.file)(&self.root.join(source));
                let mut whole = crate::hash::fingerprinter();
                list.len().hash(&mut whole);
                for record in list.unrecorded() {
                    let mut h = crate::hash::fingerprinter();
                    record.linked(&mut h, self.matter, &file);
                    let value = h.finish();
                    (record.path(), value).hash(&mut whole);
                    self.values.insert(one(T::ENTITY, record.path()), value);
                }
                self.values.insert(all(T::ENTITY), whole.finish());
            }
        }
        site.each_list(&mut Lists {
            values: &mut values,
            root: &site.root,
            matter,
            file: &file,
        });
        // A withheld copy's text is its source's, named as that.
        for n in site.minutes.unrecorded() {
            if let Some(name) = texts.get(&n.source().addr()).cloned() {
                texts.insert(address(&n.doc), name);
            }
        }
        Values {
            values,
            texts,
            file: Box::new(file),
        }
    }

    /// The stable names of what a unit read. A document not read from a file has no stable name:
    /// `None`, and the unit is rendered every time.
    pub(crate) fn names(&self, site: &Site, reads: &[Read]) -> Option<Vec<String>> {
        reads
            .iter()
            .map(|read| match *read {
                Read::One(entity, i) => Some(one(entity, site.path_of(entity, i)?)),
                Read::All(entity) => Some(all(entity)),
                Read::Text(at) => self.texts.get(&at).cloned(),
            })
            .collect()
    }

    /// The fingerprint of dependencies as they are now; `None` when one of them is gone.
    pub(crate) fn fingerprint(&self, names: &[String]) -> Option<u64> {
        let mut h = crate::hash::fingerprinter();
        for name in names {
            let value = match name.strip_prefix('f') {
                Some(path) => (self.file)(std::path::Path::new(path)),
                None => *self.values.get(name)?,
            };
            (name, value).hash(&mut h);
        }
        Some(h.finish())
    }
}
