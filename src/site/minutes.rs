//! The items of linked minutes, exempt ones withheld by type.
//!
//! The minute of an exempt ("Part 2") item is never published: only its number, its title and the
//! ground of its exemption are. Filtering in every consumer (pages, search, registers, open data, PDF)
//! kept that true only as long as each remembered to, so linking takes the items out of the minutes'
//! front matter and holds each as a [`MinuteItem`]: an [`OpenItem`] with its minute, decisions and
//! actions, or an [`ExemptItem`], which has no field that could hold them. The front matter *text* the
//! linked document keeps (diagnostics point into it) has the exempt items' minute, decisions and
//! actions blanked out too ([`withheld_ranges`]), so nothing in the linked site holds a byte of them.
//!
//! The minutes' Markdown body is not touched: it is published whole, as it always was; a clerk keeps
//! an exempt item's minute in its `minute:`, never in the body.

use std::ops::Range;

use crate::content::frontmatter;
use crate::content::load::{Doc, Document};
use crate::content::model::{
    ActionMatter, DecisionMatter, Exemption, ItemNo, MinuteItemMatter, MinutesMatter,
};
use crate::content::yaml::{self, Spanned};
use crate::site::MeetingId;

#[derive(Debug)]
pub struct Minutes {
    /// Its front matter holds no `items` (they are in [`Minutes::items`]), and its text has the exempt
    /// items' minutes, decisions and actions blanked out.
    pub doc: Doc<MinutesMatter>,
    /// The items, in the order written; an exempt one holds only what may be published.
    pub items: Vec<MinuteItem>,
    pub meeting: MeetingId,
    pub path: String,
    /// The people its attendance lists and declarations name ([`crate::site::people`]).
    pub people: crate::site::people::MinutesPeople,
    /// The address of the loaded document `doc` was made from, which the preview's session knows
    /// documents by ([`Minutes::source`]).
    source: usize,
}

impl Minutes {
    /// Minutes of `meeting` at `path`, with their items taken out of `doc` ([`withhold_items`]).
    pub fn new(doc: Doc<MinutesMatter>, meeting: MeetingId, path: String) -> Self {
        let source = std::sync::Arc::as_ptr(&doc).cast::<()>() as usize;
        let (doc, items) = withhold_items(doc);
        Minutes {
            doc,
            items,
            meeting,
            path,
            people: Default::default(),
            source,
        }
    }

    /// Puts a newly loaded `doc` in the place of the one these minutes were made from, as linking
    /// would (the preview does this when only a body changed).
    pub fn replace(&mut self, doc: Doc<MinutesMatter>) {
        let people = std::mem::take(&mut self.people);
        *self = Minutes::new(doc, self.meeting, std::mem::take(&mut self.path));
        self.people = people;
    }

    /// The address of the loaded document these minutes were made from: `doc` may be a copy, with
    /// the exempt items withheld.
    pub fn source(&self) -> *const () {
        self.source as *const ()
    }

    /// The item that minutes agenda item `item`, if any.
    pub fn item(&self, item: &ItemNo) -> Option<&MinuteItem> {
        self.items.iter().find(|it| it.item() == item)
    }
}

/// One item of linked minutes.
#[derive(Debug)]
pub enum MinuteItem {
    Open(OpenItem),
    Exempt(ExemptItem),
}

/// The minute of an item that is published.
#[derive(Debug)]
pub struct OpenItem {
    pub item: ItemNo,
    /// The title the minutes give it, if any (pages fall back to the agenda's).
    pub title: Option<String>,
    /// Markdown.
    pub minute: Option<String>,
    /// Each a line of Markdown or a record ([`crate::site::decisions`]).
    pub decisions: Vec<DecisionMatter>,
    pub actions: Vec<ActionMatter>,
}

/// An exempt item: what of it may be published, and nothing else. It has no field for a minute,
/// decision or action (a test destructures it whole, so adding one is a deliberate act).
#[derive(Debug)]
pub struct ExemptItem {
    pub item: ItemNo,
    /// The title the minutes give it, which the minutes page prints as the item's line, as it
    /// always has (else the agenda's public title).
    pub title: Option<String>,
    pub exemption: Exemption,
    /// The fair summary of its proceedings that may be published (LGA 1972 s.100C(2)), Markdown.
    pub public_summary: Option<String>,
    /// The decisions that may be published (`public_decisions:`).
    pub public_decisions: Vec<DecisionMatter>,
    /// The `id:`s of its actions, never published: later minutes may update those actions, and an
    /// update of a withheld action is not a mistake; nor may another action take the same id.
    pub action_ids: Vec<String>,
}

impl MinuteItem {
    /// The agenda item it minutes.
    pub fn item(&self) -> &ItemNo {
        match self {
            MinuteItem::Open(it) => &it.item,
            MinuteItem::Exempt(it) => &it.item,
        }
    }

    /// The title the minutes give it, if any.
    pub fn title(&self) -> Option<&str> {
        match self {
            MinuteItem::Open(it) => it.title.as_deref(),
            MinuteItem::Exempt(it) => it.title.as_deref(),
        }
    }

    /// The item when it is published.
    pub fn open(&self) -> Option<&OpenItem> {
        match self {
            MinuteItem::Open(it) => Some(it),
            MinuteItem::Exempt(_) => None,
        }
    }
}

/// What the registers read of a minute item, open or exempt: its number and the title it gives.
pub trait Minuted {
    fn number(&self) -> &ItemNo;
    fn own_title(&self) -> Option<&str>;
}

impl Minuted for OpenItem {
    fn number(&self) -> &ItemNo {
        &self.item
    }
    fn own_title(&self) -> Option<&str> {
        self.title.as_deref()
    }
}

impl Minuted for MinuteItem {
    fn number(&self) -> &ItemNo {
        self.item()
    }
    fn own_title(&self) -> Option<&str> {
        self.title()
    }
}

impl From<MinuteItemMatter> for MinuteItem {
    fn from(m: MinuteItemMatter) -> Self {
        match m.exempt {
            Some(exemption) => MinuteItem::Exempt(ExemptItem {
                item: m.item,
                title: m.title,
                exemption,
                public_summary: m.public_summary,
                public_decisions: m.public_decisions,
                action_ids: m
                    .actions
                    .iter()
                    .filter_map(|a| a.id.as_deref().map(str::trim).filter(|s| !s.is_empty()))
                    .map(str::to_string)
                    .collect(),
            }),
            None => MinuteItem::Open(OpenItem {
                item: m.item,
                title: m.title,
                minute: m.minute,
                // Public either way; `check` says these keys are for exempt items.
                decisions: m.decisions.into_iter().chain(m.public_decisions).collect(),
                actions: m.actions,
            }),
        }
    }
}

/// Takes the items out of loaded minutes: the document comes back with no `items` in its front matter
/// and the text of its exempt items blanked, and the items come back as [`MinuteItem`]s.
///
/// A document shared with someone else (the preview's parse cache) is copied, not changed.
pub(crate) fn withhold_items(mut doc: Doc<MinutesMatter>) -> (Doc<MinutesMatter>, Vec<MinuteItem>) {
    if doc.matter.items.is_empty() {
        return (doc, Vec::new());
    }
    let blank = withheld_ranges(&doc);
    let document = std::sync::Arc::make_mut(&mut doc);
    let items = std::mem::take(&mut document.matter.items);
    document.blank(&blank);
    (doc, items.into_iter().map(MinuteItem::from).collect())
}

/// The byte ranges of the front matter text to blank: all of each exempt item's entry but its `item`,
/// `title`, `exempt`, `public_summary` and `public_decisions` and its actions' `id`s (kept, with the indentation and dash before them, so
/// diagnostics about them point and quote as before). Comments inside the entry go too.
///
/// Should the text not read as the parsed front matter did, the whole front matter is blanked: better
/// a diagnostic that quotes nothing than a minute kept.
fn withheld_ranges(doc: &Document<MinutesMatter>) -> Vec<Range<usize>> {
    let exempt: Vec<usize> = (0..doc.matter.items.len())
        .filter(|&i| doc.matter.items[i].exempt.is_some())
        .collect();
    if exempt.is_empty() {
        return Vec::new();
    }
    let Ok(split) = frontmatter::split(&doc.text) else {
        let front = 0..doc.body_offset;
        return vec![front];
    };
    let yaml = split.yaml_offset..split.yaml_offset + split.yaml.len();
    let everything = || vec![yaml.clone()];
    let Some(tree) = yaml::spanned(split.yaml) else {
        return everything();
    };
    let Some(Spanned::Sequence { items, .. }) = tree.get("items") else {
        return everything();
    };
    if items.len() != doc.matter.items.len() {
        return everything();
    }
    let mut out = Vec::new();
    for i in exempt {
        let entry = &items[i];
        let Spanned::Mapping { entries, .. } = entry else {
            return everything();
        };
        let mut kept: Vec<Range<usize>> = Vec::new();
        for (key, value) in entries {
            let Spanned::Scalar { value: name, .. } = key else {
                continue;
            };
            match name.as_str() {
                "item" | "title" | "exempt" | "public_summary" | "public_decisions" => kept.push(key.span().start..value.span().end),
                "actions" => {
                    if let Spanned::Sequence { items: actions, .. } = value {
                        for action in actions {
                            if let Spanned::Mapping { entries, .. } = action {
                                kept.extend(entries.iter().filter(|(k, _)| matches!(k, Spanned::Scalar { value, .. } if value == "id")).map(|(k, v)| k.span().start..v.span().end));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        let kept: Vec<Range<usize>> = kept
            .into_iter()
            .map(|r| with_line_lead(split.yaml, r))
            .collect();
        out.extend(
            minus(entry.span(), &kept)
                .into_iter()
                .map(|r| r.start + split.yaml_offset..r.end + split.yaml_offset),
        );
    }
    out
}

/// `range`, taking in the spaces and dashes before it when only those stand between it and the start
/// of its line (`      - id: X`).
fn with_line_lead(text: &str, range: Range<usize>) -> Range<usize> {
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    if text[line_start..range.start]
        .chars()
        .all(|c| c == ' ' || c == '-' || c == '\t')
    {
        line_start..range.end
    } else {
        range
    }
}

/// The parts of `whole` outside every range of `kept`.
fn minus(whole: Range<usize>, kept: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut kept = kept.to_vec();
    kept.sort_by_key(|r| r.start);
    let mut out = Vec::new();
    let mut at = whole.start;
    for r in kept {
        if r.start > at {
            out.push(at..r.start.min(whole.end));
        }
        at = at.max(r.end);
    }
    if at < whole.end {
        out.push(at..whole.end);
    }
    out.retain(|r| !r.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn minutes(text: &str) -> Doc<MinutesMatter> {
        let split = frontmatter::split(text).unwrap();
        let (matter, _) = yaml::from_str::<MinutesMatter>(split.yaml).unwrap();
        std::sync::Arc::new(Document::new(
            PathBuf::from("content/b/2026-03-10/minutes.md"),
            text.to_string(),
            split.body_offset,
            matter,
        ))
    }

    const TEXT: &str = "---
meeting: b
date: 2026-03-10
status: approved
items:
  - item: 1
    minute: Open minute.
    decisions:
      - Open decision.
  - item: 2
    title: Land at Quay Street
    minute: |
      CANARY minute, two lines
      of it.
    # CANARY comment
    exempt:
      category: 3
      reason: Commercial.
    decisions:
      - CANARY decision
    public_summary: The Board considered an offer for the land.
    public_decisions:
      - decision: The Board agreed to sell the land.
        id: quay-street-sale
    actions:
      - id: AU-X
        action: CANARY action
        owner: CANARY owner
      - action: CANARY second action
  - item: 3
    minute: After.
action_updates:
  - id: AU-X
    status: done
---
The body.
";

    #[test]
    fn exempt_items_keep_only_what_may_be_published() {
        let (doc, items) = withhold_items(minutes(TEXT));
        assert!(doc.matter.items.is_empty());
        assert!(!doc.text.contains("CANARY"), "{}", doc.text);
        assert_eq!(doc.text.len(), TEXT.len(), "offsets do not move");
        assert_eq!(doc.text.lines().count(), TEXT.lines().count());
        assert!(
            doc.text
                .contains("  - item: 2\n    title: Land at Quay Street\n")
        );
        assert!(
            doc.text
                .contains("    exempt:\n      category: 3\n      reason: Commercial.\n")
        );
        assert!(
            doc.text.contains("\n      - id: AU-X\n"),
            "ids stay where they were"
        );
        assert!(doc.text.contains(
            "    public_summary: The Board considered an offer for the land.\n    public_decisions:\n      - decision: The Board agreed to sell the land.\n        id: quay-street-sale\n"
        ), "what may be published stays: {}", doc.text);
        assert!(doc.text.contains("minute: Open minute.") && doc.text.contains("minute: After."));
        assert!(
            doc.text
                .ends_with("action_updates:\n  - id: AU-X\n    status: done\n---\nThe body.\n")
        );
        assert_eq!(items.len(), 3);
        match &items[1] {
            MinuteItem::Exempt(e) => {
                assert_eq!(e.item, ItemNo::new(2));
                assert_eq!(e.title.as_deref(), Some("Land at Quay Street"));
                assert_eq!(e.exemption.category, 3);
                assert_eq!(e.action_ids, vec!["AU-X".to_string()]);
                assert_eq!(
                    e.public_summary.as_deref(),
                    Some("The Board considered an offer for the land.")
                );
                assert_eq!(e.public_decisions[0].text(), "The Board agreed to sell the land.");
            }
            other => panic!("{other:?}"),
        }
        assert!(items[0].open().is_some() && items[2].open().is_some());
    }

    #[test]
    fn an_exempt_item_has_no_field_for_text() {
        // Destructured whole, with no `..`: a field added to `ExemptItem` (a minute, say) fails to
        // compile here, and whoever adds it reads why it must not hold text. The two that do hold
        // text hold what the law says is public: the fair summary (LGA 1972 s.100C(2)) and the
        // decisions the clerk lists as public, each under a key of its own.
        let e = ExemptItem {
            item: ItemNo::new(1),
            title: None,
            exemption: Exemption {
                category: 1,
                reason: None,
            },
            public_summary: None,
            public_decisions: Vec::new(),
            action_ids: Vec::new(),
        };
        let ExemptItem {
            item,
            title,
            exemption,
            public_summary,
            public_decisions,
            action_ids,
        } = e;
        let _: (
            ItemNo,
            Option<String>,
            Exemption,
            Option<String>,
            Vec<DecisionMatter>,
            Vec<String>,
        ) = (
            item,
            title,
            exemption,
            public_summary,
            public_decisions,
            action_ids,
        );
    }

    #[test]
    fn a_shared_document_is_copied_not_changed() {
        let loaded = minutes(TEXT);
        let (doc, _) = withhold_items(loaded.clone());
        assert!(loaded.text.contains("CANARY minute") && loaded.matter.items.len() == 3);
        assert!(!std::sync::Arc::ptr_eq(&loaded, &doc));
    }

    #[test]
    fn flow_style_items_are_blanked_too() {
        let text = "---\nmeeting: b\ndate: 2026-03-10\nitems: [{item: 1, exempt: {category: 1}, minute: CANARY}]\n---\n";
        let (doc, _) = withhold_items(minutes(text));
        assert!(!doc.text.contains("CANARY"), "{}", doc.text);
        assert!(doc.text.contains("item: 1") && doc.text.contains("exempt: {category: 1}"));
    }

    /// The whole linked site, as `build` (bodies let go) and `serve` (bodies kept, preview) link it,
    /// holds nothing of an exempt item's minute, decisions or actions, anywhere: not in the minutes'
    /// items, front matter or text, nor in what the registers collect.
    #[test]
    fn the_linked_site_holds_no_text_of_an_exempt_minute() {
        use crate::content::load::{Bodies, load};
        let dir = tempfile::tempdir().unwrap();
        let write = |path: &str, text: &str| {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "site.yaml",
            "title: T\nbase_url: https://example.org/\ntimezone: Europe/London\n",
        );
        write("content/b/board.md", "---\ntitle: B\n---\n");
        write(
            "content/b/2026-03-10/meeting.md",
            "---\nmeeting: b\ndate: 2026-03-10\nagenda:\n  - item: 1\n    title: Open\n  - item: 2\n    title: Land at Quay Street\n  - item: 3\n    title: After\n---\n",
        );
        write("content/b/2026-03-10/minutes.md", TEXT);
        for (bodies, preview) in [(Bodies::LetGo, false), (Bodies::Keep, true)] {
            let mut diagnostics = crate::diagnostics::Diagnostics::new();
            let mut loaded = load(dir.path(), bodies, &mut diagnostics);
            let now: crate::content::model::Moment = "2026-10-01T12:00".parse().unwrap();
            let (withheld, previewed) =
                crate::site::publish::withhold(&mut loaded, now, false, preview, &mut diagnostics);
            let options = crate::site::LinkOptions {
                base_url: None,
                today: now.date(),
                withheld,
                previewed,
            };
            let site = crate::site::link(loaded, &options, &mut diagnostics).unwrap();
            assert!(!diagnostics.has_errors(), "{diagnostics:?}");
            assert_eq!(site.minutes.len(), 1);
            let everything = format!("{site:?}");
            assert!(
                everything.contains("Land at Quay Street") && everything.contains("Open minute.")
            );
            assert!(!everything.contains("CANARY"), "{everything}");
            let registers = crate::site::registers::collect(&site);
            assert!(!format!("{registers:?}").contains("CANARY"));
            // The body is published as ever, and reading it again does not bring the minute back.
            let text = site.minutes[0].doc.full_text(&site.root).unwrap();
            assert!(text.ends_with("---\nThe body.\n") && !text.contains("CANARY"));
        }
    }

    #[test]
    fn ranges_outside_kept_ones() {
        assert_eq!(minus(0..10, &[2..4, 3..6]), vec![0..2, 6..10]);
        let all = 0..10;
        assert_eq!(minus(0..10, &[all]), Vec::<Range<usize>>::new());
        assert_eq!(with_line_lead("a\n  - id: x", 6..11), 2..11);
        assert_eq!(with_line_lead("a: id: x", 3..8), 3..8);
    }
}
