//! Where a decision's record is written: its file, and its node in that file's front matter, found
//! in the YAML tree ([`yaml::spanned`]) by the list, item and order linking knows it by, so that each
//! check points at the very value at fault, even where the same name or date is written twice.

use std::cell::OnceCell;
use std::path::Path;

use crate::content::decisions::{DecisionMatter, DecisionRecord, NoticeMatter};
use crate::content::frontmatter;
use crate::content::load::Document;
use crate::content::model::MinutesMatter;
use crate::content::yaml::{self, Spanned};
use crate::diagnostics::Diagnostic;
use crate::site::Site;
use crate::site::decisions::{Decision, MinuteRef};
use crate::site::minutes::Minutes;

/// A file's front matter as a YAML tree, and where that front matter starts in the file's text.
pub(super) struct Tree {
    root: Spanned,
    offset: usize,
}

impl Tree {
    fn of<T>(doc: &Document<T>) -> Option<Tree> {
        let front = doc.text.get(..doc.body_offset).unwrap_or(&doc.text);
        let split = frontmatter::split(front).ok()?;
        Some(Tree {
            root: yaml::spanned(split.yaml)?,
            offset: split.yaml_offset,
        })
    }

    pub(super) fn root(&self) -> Node<'_> {
        Node {
            node: &self.root,
            offset: self.offset,
        }
    }
}

/// The trees of notices and minutes, each read once, when first asked for.
pub(super) struct Trees {
    notices: Vec<OnceCell<Option<Tree>>>,
    minutes: Vec<OnceCell<Option<Tree>>>,
}

impl Trees {
    pub(super) fn new(site: &Site) -> Self {
        Trees {
            notices: (0..site.notices.len()).map(|_| OnceCell::new()).collect(),
            minutes: (0..site.minutes.len()).map(|_| OnceCell::new()).collect(),
        }
    }

    fn notice(&self, site: &Site, n: usize) -> Option<&Tree> {
        let doc = &site.notices.unrecorded().get(n)?.doc;
        self.notices.get(n)?.get_or_init(|| Tree::of(doc)).as_ref()
    }

    pub(super) fn minutes(&self, site: &Site, n: usize) -> Option<&Tree> {
        let doc = &site.minutes.unrecorded().get(n)?.doc;
        // Only minutes that can have something to point at are read.
        let text = &doc.text;
        if !text.contains("public_") && !text.contains("decision:") {
            return None;
        }
        self.minutes.get(n)?.get_or_init(|| Tree::of(doc)).as_ref()
    }
}

/// A node of a front matter tree, with the offset that makes its span one of the file's text.
#[derive(Clone, Copy)]
pub(super) struct Node<'a> {
    pub(super) node: &'a Spanned,
    offset: usize,
}

impl<'a> Node<'a> {
    fn with(self, node: &'a Spanned) -> Node<'a> {
        Node {
            node,
            offset: self.offset,
        }
    }

    /// The value of `key`, in a mapping.
    pub(super) fn get(self, key: &str) -> Option<Node<'a>> {
        self.node.get(key).map(|n| self.with(n))
    }

    /// The key `key` itself, in a mapping.
    pub(super) fn key(self, key: &str) -> Option<Node<'a>> {
        let Spanned::Mapping { entries, .. } = self.node else {
            return None;
        };
        entries
            .iter()
            .find(|(k, _)| matches!(k, Spanned::Scalar { value, .. } if value == key))
            .map(|(k, _)| self.with(k))
    }

    /// The `i`th item, in a sequence.
    pub(super) fn item(self, i: usize) -> Option<Node<'a>> {
        match self.node {
            Spanned::Sequence { items, .. } => items.get(i).map(|n| self.with(n)),
            _ => None,
        }
    }

    /// The items, in a sequence (none, in anything else).
    pub(super) fn items(self) -> impl Iterator<Item = Node<'a>> {
        let items: &'a [Spanned] = match self.node {
            Spanned::Sequence { items, .. } => items,
            _ => &[],
        };
        items.iter().map(move |n| self.with(n))
    }

    pub(super) fn range(self) -> std::ops::Range<usize> {
        let span = self.node.span();
        span.start + self.offset..span.end + self.offset
    }
}

/// The file a decision's record is written in (its notice's, else its minutes'), and the record's
/// node in it, when it could be found.
pub(super) struct Place<'a> {
    doc: Doc<'a>,
    pub(super) record: Option<Node<'a>>,
}

#[derive(Clone, Copy)]
enum Doc<'a> {
    Notice(&'a Document<NoticeMatter>),
    Minutes(&'a Document<MinutesMatter>),
}

impl<'a> Place<'a> {
    /// The file of `d`'s record, without its node: for finding whether there is anything to report.
    pub(super) fn unplaced(site: &'a Site, d: &Decision) -> Option<Place<'a>> {
        let doc = match (d.notice, &d.minute) {
            (Some(n), _) => Doc::Notice(&site.notices.unrecorded().get(n)?.doc),
            (None, Some(m)) => Doc::Minutes(&site.minutes.unrecorded().get(m.minutes)?.doc),
            (None, None) => return None,
        };
        Some(Place { doc, record: None })
    }

    pub(super) fn of(site: &'a Site, trees: &'a Trees, d: &Decision) -> Option<Place<'a>> {
        if let Some(n) = d.notice {
            let notice = site.notices.unrecorded().get(n)?;
            let record = trees.notice(site, n).and_then(|tree| {
                let k = notice
                    .doc
                    .matter
                    .decisions
                    .iter()
                    .position(|e| match e {
                        DecisionMatter::Record(r) => same_record(r, d),
                        // A line of a notice is a record of its text alone.
                        DecisionMatter::Text(t) => {
                            d.record.id.is_none()
                                && d.record.decision == *t
                                && d.record.reasons.is_none()
                                && d.record.vote.is_none()
                        }
                    })?;
                tree.root().get("decisions")?.item(k)
            });
            return Some(Place {
                doc: Doc::Notice(&notice.doc),
                record,
            });
        }
        let m = d.minute.as_ref()?;
        let minutes = site.minutes.unrecorded().get(m.minutes)?;
        let record = trees
            .minutes(site, m.minutes)
            .and_then(|tree| minute_record(tree, minutes, m))
            .filter(|node| {
                matches!(node.node.get("decision"), Some(Spanned::Scalar { value, .. }) if *value == d.record.decision)
            });
        Some(Place {
            doc: Doc::Minutes(&minutes.doc),
            record,
        })
    }

    pub(super) fn path(&self) -> &'a Path {
        match self.doc {
            Doc::Notice(d) => &d.path,
            Doc::Minutes(d) => &d.path,
        }
    }

    fn text(&self) -> &'a str {
        match self.doc {
            Doc::Notice(d) => &d.text,
            Doc::Minutes(d) => &d.text,
        }
    }

    /// At `node`, else at the file.
    pub(super) fn at_node(&self, d: Diagnostic, node: Option<Node<'_>>) -> Diagnostic {
        match node {
            Some(node) => d.at(self.text(), node.range()),
            None => d,
        }
    }

    /// At `node`, else where `written` is first written whole as a value.
    pub(super) fn at_node_or_text(
        &self,
        d: Diagnostic,
        node: Option<Node<'_>>,
        written: &str,
    ) -> Diagnostic {
        match (node, self.doc) {
            (Some(_), _) => self.at_node(d, node),
            (None, Doc::Notice(doc)) => doc.at_text(d, written.trim()),
            (None, Doc::Minutes(doc)) => doc.at_text(d, written.trim()),
        }
    }

    /// At `node`, else at `value` after the first `key:` that has it.
    pub(super) fn at_node_or_value(
        &self,
        d: Diagnostic,
        node: Option<Node<'_>>,
        key: &str,
        value: &str,
    ) -> Diagnostic {
        match (node, self.doc) {
            (Some(_), _) => self.at_node(d, node),
            (None, Doc::Notice(doc)) => doc.at_value(d, key, value),
            (None, Doc::Minutes(doc)) => doc.at_value(d, key, value),
        }
    }

    /// At `node`, else at the first `key:` in the front matter.
    pub(super) fn at_node_or_key(
        &self,
        d: Diagnostic,
        node: Option<Node<'_>>,
        key: &str,
    ) -> Diagnostic {
        if node.is_some() {
            return self.at_node(d, node);
        }
        let text = self.text();
        let needle = format!("{key}:");
        let front = match self.doc {
            Doc::Notice(doc) => text.get(..doc.body_offset),
            Doc::Minutes(doc) => text.get(..doc.body_offset),
        }
        .unwrap_or(text);
        match front.find(&needle) {
            Some(at) => d.at(text, at..at + key.len()),
            None => d,
        }
    }
}

/// Whether a notice's record `r` is the decision `d`: the same id when one is written, else the same
/// record (a decision without an id is known by its place, which the record's content stands for).
fn same_record(r: &DecisionRecord, d: &Decision) -> bool {
    match r.id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(id) => id == d.id,
        None => {
            d.record.id.as_deref().is_none_or(|s| s.trim().is_empty())
                && serde_json::to_value(r)
                    .ok()
                    .is_some_and(|a| serde_json::to_value(&d.record).ok() == Some(a))
        }
    }
}

/// The node of the record `m` points at: in its item's `decisions` then `public_decisions` (as an
/// open item lists them both), or an exempt item's `public_decisions` (its `decisions` are blanked).
fn minute_record<'a>(tree: &'a Tree, minutes: &Minutes, m: &MinuteRef) -> Option<Node<'a>> {
    let at = minutes.items.iter().position(|it| it.item() == &m.item)?;
    let item = tree.root().get("items")?.item(at)?;
    let lists: &[&str] = if m.exempt {
        &["public_decisions"]
    } else {
        &["decisions", "public_decisions"]
    };
    lists
        .iter()
        .filter_map(|key| item.get(key))
        .flat_map(Node::items)
        .nth(m.order)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::ItemNo;
    use std::path::PathBuf;

    fn minutes(text: &str) -> Minutes {
        let split = frontmatter::split(text).unwrap();
        let (matter, _) = yaml::from_str::<MinutesMatter>(split.yaml).unwrap();
        let doc = std::sync::Arc::new(Document::new(
            PathBuf::from("content/b/2026-03-10/minutes.md"),
            text.to_string(),
            split.body_offset,
            matter,
        ));
        Minutes::new(doc, 0, "b/2026-03-10/minutes/".to_string())
    }

    fn decision_at(minutes: &Minutes, item: u32, order: usize, exempt: bool) -> Option<String> {
        let tree = Tree::of(&minutes.doc)?;
        let m = MinuteRef {
            minutes: 0,
            item: ItemNo::new(item),
            order,
            exempt,
        };
        let node = minute_record(&tree, minutes, &m)?;
        let at = node.get("decision")?.range();
        Some(minutes.doc.text[at].to_string())
    }

    /// An open item lists its `decisions` then its `public_decisions`, as linking does; an exempt
    /// item's withheld `decisions` are blanked, so its order counts `public_decisions` alone.
    #[test]
    fn a_minute_record_is_found_by_its_item_and_order() {
        let m = minutes(
            "---\nmeeting: b\ndate: 2026-03-10\nstatus: approved\nitems:\n  - item: 1\n    decisions:\n      - A line.\n      - decision: First.\n    public_decisions:\n      - decision: Second.\n  - item: 2\n    exempt:\n      category: 3\n    decisions:\n      - decision: Withheld.\n    public_decisions:\n      - decision: Public.\n---\n",
        );
        assert_eq!(decision_at(&m, 1, 1, false).as_deref(), Some("First."));
        assert_eq!(decision_at(&m, 1, 2, false).as_deref(), Some("Second."));
        assert_eq!(
            decision_at(&m, 1, 0, false),
            None,
            "a line of text is no record"
        );
        assert_eq!(decision_at(&m, 2, 0, true).as_deref(), Some("Public."));
        assert_eq!(decision_at(&m, 2, 1, true), None);
        assert_eq!(decision_at(&m, 3, 0, false), None, "no such item");
    }
}
