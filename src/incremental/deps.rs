//! A unit's dependencies, as recorded while it rendered ([`crate::reads`]), in a form that outlives
//! the build (the records' paths, not their places in memory), and what each is worth now.
//!
//! A unit is reused while every dependency it recorded last time is worth what it was then: the
//! fingerprint of a unit is the hash of its dependencies' values ([`Values::fingerprint`]). Nothing
//! here lists what a page shows: a new page or output that reads a record is fingerprinted on it
//! because it read it.

use std::fmt::Write as _;
use std::hash::{Hash, Hasher};

use crate::hash::{Fingerprinter, Map as HashMap};
use crate::reads::{Entity, Read};
use crate::site::{AppendixContent, Site};

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

/// Feeds `Debug` output to a hasher without making a string.
struct Feed<'a>(&'a mut Fingerprinter);

impl std::fmt::Write for Feed<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.write(s.as_bytes());
        Ok(())
    }
}

fn debug_hash(h: &mut Fingerprinter, value: &dyn std::fmt::Debug) {
    // Writing into a hasher cannot fail.
    let _ = write!(Feed(h), "{value:?}");
}

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
        let mut list = |entity: Entity, each: Vec<(&str, u64)>| {
            let mut h = crate::hash::fingerprinter();
            each.len().hash(&mut h);
            for (path, value) in each {
                (path, value).hash(&mut h);
                values.insert(one(entity, path), value);
            }
            values.insert(all(entity), h.finish());
        };
        let record = |f: &dyn Fn(&mut Fingerprinter)| {
            let mut h = crate::hash::fingerprinter();
            f(&mut h);
            h.finish()
        };
        list(
            Entity::Board,
            site.boards
                .unrecorded()
                .iter()
                .map(|b| {
                    let value = record(&|h| {
                        matter(address(&b.doc)).hash(h);
                        (&b.slug, &b.path, &b.meetings).hash(h);
                    });
                    (b.path.as_str(), value)
                })
                .collect(),
        );
        list(
            Entity::Meeting,
            site.meetings
                .unrecorded()
                .iter()
                .map(|m| {
                    let value = record(&|h| {
                        m.doc.as_ref().map(|d| matter(address(d))).hash(h);
                        (m.board, &m.path, &m.papers, m.minutes).hash(h);
                        debug_hash(h, &(m.date, m.status, &m.agenda, m.published));
                    });
                    (m.path.as_str(), value)
                })
                .collect(),
        );
        list(
            Entity::Paper,
            site.papers
                .unrecorded()
                .iter()
                .map(|p| {
                    let value = record(&|h| {
                        matter(address(&p.doc)).hash(h);
                        (p.meeting, &p.slug, &p.path).hash(h);
                        for a in &p.appendices {
                            (&a.title, &a.path, &a.extension).hash(h);
                            match &a.content {
                                AppendixContent::Page(doc) => matter(address(doc)).hash(h),
                                AppendixContent::Exempt(e) => debug_hash(h, e),
                                AppendixContent::File { source, size } => {
                                    (source, size, file(&site.root.join(source))).hash(h)
                                }
                            }
                        }
                    });
                    (p.path.as_str(), value)
                })
                .collect(),
        );
        list(
            Entity::Minutes,
            site.minutes
                .unrecorded()
                .iter()
                .map(|n| {
                    // Linking withholds exempt items in a copy of the document read: its front
                    // matter is the one read, at the address the session knows.
                    let value = record(&|h| {
                        matter(n.source().addr()).hash(h);
                        (n.meeting, &n.path).hash(h);
                    });
                    (n.path.as_str(), value)
                })
                .collect(),
        );
        list(
            Entity::Page,
            site.pages
                .unrecorded()
                .iter()
                .map(|p| {
                    let value = record(&|h| {
                        matter(address(&p.doc)).hash(h);
                        p.path.hash(h);
                    });
                    (p.path.as_str(), value)
                })
                .collect(),
        );
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
                Read::One(entity, i) => {
                    let path = match entity {
                        Entity::Board => &site.boards.unrecorded().get(i)?.path,
                        Entity::Meeting => &site.meetings.unrecorded().get(i)?.path,
                        Entity::Paper => &site.papers.unrecorded().get(i)?.path,
                        Entity::Minutes => &site.minutes.unrecorded().get(i)?.path,
                        Entity::Page => &site.pages.unrecorded().get(i)?.path,
                    };
                    Some(one(entity, path))
                }
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
