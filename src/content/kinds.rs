//! The kinds of content file, each declared once.
//!
//! A kind is a [`ContentKind`]: its name, its front matter type, which files are of it, the keys its
//! front matter accepts at each level, and the checks of one of its documents on its own. The list at
//! the end (`content_kinds!`) makes from those declarations what used to be written out kind by kind:
//! the [`Kind`] enum, [`Parsed`] (a document of any kind), [`Loaded`] (every document read, by kind),
//! the choice of a file's kind from its path, the parsing of a file as its kind, the checks of every
//! document, and what the build cache asks of a parsed document (its text, its address, putting it in
//! the place of the old one in the linked site).
//!
//! A new kind is a declaration here and a line of the list, its model (`model`) and its outputs. The
//! linked site, a later phase this one may not name, says where it keeps a kind's documents
//! ([`Holds`]); a kind it does not hold is a compile error where the site is used as a holder.

use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::content::checks;
use crate::content::load::{CONTENT_DIR, Doc, Document};
use crate::content::model::{
    AppendixMatter, BoardMatter, MeetingMatter, MinutesMatter, PageMatter, PaperMatter, SiteConfig,
};
use crate::content::decisions::NoticeMatter;
use crate::content::people::PersonMatter;
use crate::diagnostics::Diagnostic;

/// The keys a front matter accepts, by where they sit: the nesting path of the mapping that holds
/// them (its keys from the top, a list's marked `[]`, joined by `.`: `""`, `contact`,
/// `items[].actions[]`), then the keys. Keyed by the whole path, not the last key, so `items` of one
/// kind and `items` of another, or `exempt` of a paper and of its appendices, each say their own.
///
/// Only for the help of an unknown key ("did you mean…", "keys accepted here"): serde decides what is
/// unknown. The test `declared_keys_are_the_keys_serde_reads` keeps the two the same.
pub type Fields = &'static [(&'static str, &'static [&'static str])];

/// Which files are of a kind when their front matter does not say (`kind:`). The sorts of rule are
/// asked in the order written here, whatever the order of the kinds: a file's own name says more than
/// its folder (`pages/minutes.md` is minutes), a folder anywhere more than the part of `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Files {
    /// Files of this name, in any case, anywhere: `board.md`.
    Named(&'static str),
    /// Files in a folder of this name, at any depth: `appendices`.
    InFolder(&'static str),
    /// Files under this folder of `content/`: `pages`.
    Under(&'static str),
    /// Every Markdown file no other kind claims. Exactly one kind says this (checked when compiling).
    Otherwise,
}

impl Files {
    /// The place of the rule's sort in the order rules are asked.
    const fn rank(self) -> u8 {
        match self {
            Files::Named(_) => 0,
            Files::InFolder(_) => 1,
            Files::Under(_) => 2,
            Files::Otherwise => 3,
        }
    }

    fn matches(self, rel: &Path) -> bool {
        match self {
            Files::Named(name) => rel
                .file_name()
                .is_some_and(|n| n.to_string_lossy().to_lowercase() == name),
            Files::InFolder(folder) => rel
                .parent()
                .is_some_and(|p| p.components().any(|c| c.as_os_str() == folder)),
            Files::Under(folder) => rel.starts_with(Path::new(CONTENT_DIR).join(folder)),
            Files::Otherwise => true,
        }
    }
}

/// A kind of content file: everything about it that loading, checking and the build cache need.
pub trait ContentKind: 'static {
    /// As `kind:` writes it, and as messages name a file of this kind ("unknown key … for a paper").
    const NAME: &'static str;
    /// Which files are of this kind when their front matter does not say.
    const FILES: Files;
    /// The keys its front matter accepts (see [`Fields`]).
    const FIELDS: Fields;
    /// Whether `build` and `check` let the body go once it is read and checked
    /// ([`Document::let_go_of_body`]): the kinds that are most of a large site's text, each body read
    /// again only when its page is made.
    const LETS_GO_OF_BODY: bool = false;
    /// Its front matter, as the file says it.
    type Matter: DeserializeOwned + std::fmt::Debug + Send + Sync + 'static;

    /// The checks of one of its documents on its own ([`crate::content::checks`]); by default those of
    /// its text.
    fn check(doc: &Document<Self::Matter>) -> Vec<Diagnostic> {
        checks::text(doc)
    }
}

/// A decision record's keys and those of the mappings in it, at `$at` (a decision list's path).
macro_rules! decision_fields {
    ($at:literal) => {
        [
            (
                $at,
                &[
                    "id",
                    "title",
                    "decision",
                    "key_decision",
                    "budget",
                    "reasons",
                    "alternatives",
                    "declarations",
                    "reports",
                    "recommended_to",
                    "urgent",
                    "called_in",
                    "implemented",
                    "vote",
                ] as &[&str],
            ),
            (concat!($at, ".declarations[]"), DECLARATION),
            (concat!($at, ".called_in"), &["date", "by", "outcome", "took_effect"]),
            (concat!($at, ".vote"), VOTE),
            (concat!($at, ".vote.amendments[]"), AMENDMENT),
        ]
    };
}

/// A declaration of interest, in minutes or in a decision record.
const DECLARATION: &[&str] = &[
    "member",
    "person",
    "item",
    "interest",
    "type",
    "action",
    "dispensation",
];
/// A motion's vote.
const VOTE: &[&str] = &[
    "mover",
    "seconder",
    "for",
    "against",
    "abstain",
    "result",
    "casting_vote",
    "amendments",
];
/// An amendment's vote.
const AMENDMENT: &[&str] = &[
    "amendment",
    "mover",
    "seconder",
    "for",
    "against",
    "abstain",
    "result",
    "casting_vote",
];

/// Joins lists of [`Fields`] entries into one, when compiling.
const fn joined<const N: usize>(
    parts: &[&[(&'static str, &'static [&'static str])]],
) -> [(&'static str, &'static [&'static str]); N] {
    let mut out = [("", &[] as &[&str]); N];
    let (mut i, mut n) = (0, 0);
    while i < parts.len() {
        let mut j = 0;
        while j < parts[i].len() {
            out[n] = parts[i][j];
            n += 1;
            j += 1;
        }
        i += 1;
    }
    assert!(n == N, "the lengths of the parts add up to N");
    out
}

/// A contact, wherever one is given.
const CONTACT: &[&str] = &["name", "position", "phone", "email"];
/// The ground for keeping something from the public, wherever it is given.
const EXEMPTION: &[&str] = &["category", "reason"];

/// `board.md`: a board (committee), who to contact and who sits on it.
pub struct Board;

impl ContentKind for Board {
    const NAME: &'static str = "board";
    const FILES: Files = Files::Named("board.md");
    const FIELDS: Fields = &[
        (
            "",
            &["kind", "extra", "title", "slug", "contact", "membership"],
        ),
        ("contact", CONTACT),
        ("membership[]", &["group", "members"]),
        (
            "membership[].members[]",
            &[
                "name",
                "person",
                "role",
                "authority",
                "substitute",
                "start_date",
                "end_date",
            ],
        ),
    ];
    type Matter = BoardMatter;

    fn check(doc: &Document<BoardMatter>) -> Vec<Diagnostic> {
        checks::board(doc)
    }
}

/// `meeting.md`: a meeting of a board, its time and place and its agenda.
pub struct Meeting;

impl ContentKind for Meeting {
    const NAME: &'static str = "meeting";
    const FILES: Files = Files::Named("meeting.md");
    const FIELDS: Fields = &[
        (
            "",
            &[
                "kind",
                "extra",
                "meeting",
                "date",
                "start_time",
                "end_time",
                "venue",
                "status",
                "status_note",
                "published",
                "agenda",
                "next_meeting",
                "publish_from",
                "rescheduled_from",
                "sequence",
            ],
        ),
        ("venue", &["room", "address", "online"]),
        (
            "agenda[]",
            &["item", "title", "paper", "verbal", "presenter"],
        ),
    ];
    type Matter = MeetingMatter;
}

/// A paper (report) of a meeting: any Markdown file no other kind claims.
pub struct Paper;

impl ContentKind for Paper {
    const NAME: &'static str = "paper";
    const FILES: Files = Files::Otherwise;
    const FIELDS: Fields = &[
        (
            "",
            &[
                "kind",
                "extra",
                "title",
                "meeting",
                "date",
                "item",
                "slug",
                "purpose",
                "summary",
                "recommendations",
                "action",
                "contact",
                "appendices",
                "wards",
                "decision_maker",
                "key_decision",
                "background_papers",
                "published",
                "status",
                "exempt",
                "publish_from",
                "urgency",
                "key_decision_notice",
            ],
        ),
        ("contact", CONTACT),
        ("exempt", EXEMPTION),
        ("appendices[]", &["title", "file", "exempt"]),
        ("appendices[].exempt", EXEMPTION),
    ];
    const LETS_GO_OF_BODY: bool = true;
    type Matter = PaperMatter;

    fn check(doc: &Document<PaperMatter>) -> Vec<Diagnostic> {
        checks::paper(doc)
    }
}

/// `minutes.md`: the minutes of a meeting, who was there, what was decided and the actions.
pub struct Minutes;

impl ContentKind for Minutes {
    const NAME: &'static str = "minutes";
    const FILES: Files = Files::Named("minutes.md");
    const FIELDS: Fields = &MINUTES_FIELDS;
    const LETS_GO_OF_BODY: bool = true;
    type Matter = MinutesMatter;
}

const MINUTES_FIELDS: [(&str, &[&str]); 17] = joined(&[
    &[
        (
            "",
            &[
                "kind",
                "extra",
                "meeting",
                "date",
                "status",
                "approved_on",
                "published",
                "attendance",
                "declarations",
                "items",
                "action_updates",
            ],
        ),
        (
            "attendance",
            &[
                "present",
                "apologies",
                "substitutes",
                "in_attendance",
                "officers",
            ],
        ),
        ("declarations[]", DECLARATION),
        (
            "items[]",
            &[
                "item",
                "title",
                "minute",
                "decisions",
                "actions",
                "exempt",
                "public_summary",
                "public_decisions",
            ],
        ),
        (
            "items[].actions[]",
            &["action", "owner", "due", "id", "status"],
        ),
        ("items[].exempt", EXEMPTION),
        ("action_updates[]", &["id", "status", "due", "note"]),
    ],
    &decision_fields!("items[].decisions[]"),
    &decision_fields!("items[].public_decisions[]"),
]);

/// A Markdown appendix of a paper, in an `appendices` folder.
pub struct Appendix;

impl ContentKind for Appendix {
    const NAME: &'static str = "appendix";
    const FILES: Files = Files::InFolder("appendices");
    const FIELDS: Fields = &[("", &["kind", "extra", "title"])];
    const LETS_GO_OF_BODY: bool = true;
    type Matter = AppendixMatter;

    /// None here: an appendix is checked as part of its paper's page (links, lint).
    fn check(_: &Document<AppendixMatter>) -> Vec<Diagnostic> {
        Vec::new()
    }
}

/// A free-standing page under `content/pages/`, such as "About these papers".
pub struct Page;

impl ContentKind for Page {
    const NAME: &'static str = "page";
    const FILES: Files = Files::Under("pages");
    const FIELDS: Fields = &[("", &["kind", "extra", "title", "slug", "description"])];
    type Matter = PageMatter;
}

/// A person, under `content/people/`: a member, an officer or a guest, with the register of a
/// member's interests.
pub struct Person;

impl ContentKind for Person {
    const NAME: &'static str = "person";
    const FILES: Files = Files::Under("people");
    const FIELDS: Fields = &[
        (
            "",
            &[
                "kind",
                "extra",
                "name",
                "honorific",
                "other_names",
                "type",
                "represents",
                "ward",
                "party",
                "position",
                "department",
                "email",
                "phone",
                "address",
                "photo",
                "start_date",
                "end_date",
                "interests",
            ],
        ),
        ("photo", &["file", "alt"]),
        ("interests", &["updated", "document", "entries"]),
        (
            "interests.entries[]",
            &["category", "interest", "registered"],
        ),
    ];
    type Matter = PersonMatter;
}

/// A decision notice, under `content/decisions/`: decisions published the day they are made, before
/// any minutes record them.
pub struct Notice;

impl ContentKind for Notice {
    const NAME: &'static str = "notice";
    const FILES: Files = Files::Under("decisions");
    const FIELDS: Fields = &NOTICE_FIELDS;
    type Matter = NoticeMatter;
}

const NOTICE_FIELDS: [(&str, &[&str]); 7] = joined(&[
    &[
        (
            "",
            &[
                "kind",
                "extra",
                "title",
                "maker",
                "date",
                "published",
                "decisions",
            ],
        ),
        (
            "maker",
            &["board", "person", "officer", "role", "delegation"],
        ),
    ],
    &decision_fields!("decisions[]"),
]);

/// The keys `site.yaml` accepts, as a kind's are declared ([`Fields`]).
pub const SITE_CONFIG_FIELDS: Fields = &[
    (
        "",
        &[
            "title",
            "base_url",
            "language",
            "timezone",
            "theme",
            "description",
            "organisation",
            "notice_days",
            "bank_holidays",
            "licence",
            "bodies",
            "call_in",
            "jurisdiction",
        ],
    ),
    ("call_in", &["working_days", "time", "boards"]),
    (
        "organisation",
        &["name", "address", "email", "phone", "website"],
    ),
    ("licence", &["name", "url"]),
    ("bodies", &["label", "path"]),
];

/// The keys accepted at `nesting` in `fields`; none for a place it does not declare.
pub fn accepted_keys(fields: Fields, nesting: &str) -> &'static [&'static str] {
    fields
        .iter()
        .find(|(path, _)| *path == nesting)
        .map_or(&[], |(_, keys)| keys)
}

/// A kind in the list: what the list makes of each declaration, for code generic over kinds.
pub trait Listed: ContentKind {
    /// A document of this kind as a [`Parsed`].
    fn into_parsed(doc: Doc<Self::Matter>) -> Parsed;
}

/// Something to do with a kind's type, given the kind as a value ([`Kind::with`]): the one `match`
/// over kinds that code generic over them needs.
pub trait ForKind {
    type Out;
    fn run<K: Listed>(self) -> Self::Out;
}

/// Where a holder of linked documents keeps those of kind `K`: the linked site says it (a later phase,
/// which this one may not name), so that [`Parsed::swap_into`] needs only this.
pub trait Holds<K: ContentKind> {
    /// Puts `doc` in the place of the document with its path (linking it as the holder links
    /// documents of its kind); false when none has it.
    fn swap(&mut self, doc: &Doc<K::Matter>) -> bool;
}

/// Puts `doc` in the place of the document of `holder` with its path; false when none has it.
fn swap<K: ContentKind, S: Holds<K>>(holder: &mut S, doc: &Doc<K::Matter>) -> bool {
    holder.swap(doc)
}

/// Makes, from the list of kinds (each a [`ContentKind`], with the field of [`Loaded`] holding its
/// documents), every item that goes kind by kind.
macro_rules! content_kinds {
    ($($kind:ident => $field:ident),+ $(,)?) => {
        /// The kinds of content file, in the order of their list.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(rename_all = "lowercase")]
        pub enum Kind {
            $($kind),+
        }

        impl Kind {
            pub const ALL: [Kind; [$(Kind::$kind),+].len()] = [$(Kind::$kind),+];

            pub const fn name(self) -> &'static str {
                match self {
                    $(Kind::$kind => <$kind as ContentKind>::NAME),+
                }
            }

            /// Which files are of this kind when their front matter does not say.
            pub const fn files(self) -> Files {
                match self {
                    $(Kind::$kind => <$kind as ContentKind>::FILES),+
                }
            }

            /// The keys its front matter accepts.
            pub fn fields(self) -> Fields {
                match self {
                    $(Kind::$kind => <$kind as ContentKind>::FIELDS),+
                }
            }

            /// Runs `f` with this kind's type.
            pub fn with<F: ForKind>(self, f: F) -> F::Out {
                match self {
                    $(Kind::$kind => f.run::<$kind>()),+
                }
            }
        }

        $(
            impl Listed for $kind {
                fn into_parsed(doc: Doc<Self::Matter>) -> Parsed {
                    Parsed::$kind(doc)
                }
            }
        )+

        /// One parsed content file. Public, and cheap to clone, so `serve` can keep it between rebuilds.
        #[derive(Clone)]
        pub enum Parsed {
            $($kind(Doc<<$kind as ContentKind>::Matter>)),+
        }

        impl Parsed {
            pub fn kind(&self) -> Kind {
                match self {
                    $(Parsed::$kind(_) => Kind::$kind),+
                }
            }

            /// The path, the text held and where the body starts in it, and the document's address.
            fn parts(&self) -> (&Path, &str, usize, usize) {
                match self {
                    $(Parsed::$kind(d) => (
                        &d.path,
                        &d.text,
                        d.body_offset,
                        Arc::as_ptr(d).cast::<()>() as usize,
                    )),+
                }
            }

            /// Path relative to the site root.
            pub fn path(&self) -> &Path {
                self.parts().0
            }

            /// The text held: the whole file, or its front matter once the body was let go.
            pub fn text(&self) -> &str {
                self.parts().1
            }

            /// Byte offset of the Markdown body in the file.
            pub fn body_offset(&self) -> usize {
                self.parts().2
            }

            /// The document's address, which the linked site shares (it holds the very same
            /// document): the build cache finds a document's hash by it.
            pub fn address(&self) -> usize {
                self.parts().3
            }

            /// The checks of the document on its own, as its kind declares them.
            pub fn check(&self) -> Vec<Diagnostic> {
                match self {
                    $(Parsed::$kind(d) => <$kind as ContentKind>::check(d)),+
                }
            }

            /// Puts the document in the place of the one with its path in `holder` (the linked site);
            /// false when the holder does not hold it (a withheld document, say).
            pub fn swap_into<S: HoldsEvery>(&self, holder: &mut S) -> bool {
                match self {
                    $(Parsed::$kind(d) => swap::<$kind, S>(holder, d)),+
                }
            }
        }

        /// Everything read from a site folder.
        #[derive(Debug, Default)]
        pub struct Loaded {
            pub root: std::path::PathBuf,
            pub config: Option<SiteConfig>,
            $(pub $field: Vec<Doc<<$kind as ContentKind>::Matter>>,)+
            /// Files under `content/` that are not Markdown (appendix attachments), relative to the
            /// site root.
            pub assets: Vec<std::path::PathBuf>,
        }

        impl Loaded {
            /// Adds a document to those of its kind.
            pub fn push(&mut self, parsed: Parsed) {
                match parsed {
                    $(Parsed::$kind(d) => self.$field.push(d)),+
                }
            }
        }

        /// A holder of the documents of every kind: the linked site.
        pub trait HoldsEvery: $(Holds<$kind> +)+ {}

        impl<S: $(Holds<$kind> +)+> HoldsEvery for S {}

    };
}

content_kinds! {
    Board => boards,
    Meeting => meetings,
    Paper => papers,
    Minutes => minutes,
    Appendix => appendices,
    Page => pages,
    Person => people,
    Notice => notices,
}

/// The kind that takes the files no other claims; a list without exactly one does not compile.
const OTHERWISE: Kind = {
    let mut found = None;
    let mut i = 0;
    while i < Kind::ALL.len() {
        if matches!(Kind::ALL[i].files(), Files::Otherwise) {
            assert!(
                found.is_none(),
                "only one kind may take every file no other claims"
            );
            found = Some(Kind::ALL[i]);
        }
        i += 1;
    }
    match found {
        Some(kind) => kind,
        None => panic!("one kind must take every file no other claims"),
    }
};

impl Kind {
    /// The kind of a file from its name and place, when its front matter does not say.
    pub fn of_path(rel: &Path) -> Kind {
        (0..Files::Otherwise.rank())
            .find_map(|rank| {
                Kind::ALL.into_iter().find(|kind| {
                    let files = kind.files();
                    files.rank() == rank && files.matches(rel)
                })
            })
            .unwrap_or(OTHERWISE)
    }
}

impl std::str::FromStr for Kind {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Kind::ALL.into_iter().find(|k| k.name() == s).ok_or(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::collections::{BTreeMap, BTreeSet};

    use serde::de::{self, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};

    #[test]
    fn kinds_from_paths() {
        for (path, kind) in [
            ("content/b/board.md", Kind::Board),
            ("content/b/Board.MD", Kind::Board),
            ("content/b/2026-01-01/meeting.md", Kind::Meeting),
            ("content/b/2026-01-01/minutes.md", Kind::Minutes),
            ("content/b/2026-01-01/appendices/a.md", Kind::Appendix),
            ("content/pages/about.md", Kind::Page),
            ("content/b/2026-01-01/04-x.md", Kind::Paper),
            // A name says more than a folder, and a folder anywhere more than a part of `content/`.
            ("content/pages/minutes.md", Kind::Minutes),
            ("content/b/2026-01-01/appendices/board.md", Kind::Board),
            ("content/pages/appendices/a.md", Kind::Appendix),
            ("content/b/pages/x.md", Kind::Paper),
            ("content/people/daniel-okonjo.md", Kind::Person),
            ("content/b/people/x.md", Kind::Paper),
        ] {
            assert_eq!(Kind::of_path(Path::new(path)), kind, "{path}");
        }
    }

    #[test]
    fn names_read_back_as_their_kinds() {
        for kind in Kind::ALL {
            assert_eq!(kind.name().parse::<Kind>(), Ok(kind));
            assert_eq!(
                serde_json::to_value(kind).unwrap(),
                serde_json::Value::from(kind.name())
            );
        }
        assert_eq!("paperz".parse::<Kind>(), Err(()));
    }

    /// What [`trace`] found: where each struct of a type sits, by nesting path, and its keys.
    type Found = RefCell<Vec<(String, usize, &'static [&'static str])>>;

    /// A deserializer that makes nothing but records the keys of each struct the type asks for
    /// (serde's derive gives them all, as `deserialize_struct`'s `fields`), following `script`: at the
    /// struct `depth` keys down it offers the one key `script[depth]` and goes into its value; a list
    /// offers one element; anything else (a date, a number, an untagged enum) is a leaf, and ends the
    /// run with an error, as does a struct missing its keys. The runs' errors are expected: only what
    /// was recorded before them counts.
    struct Tracer<'a> {
        path: String,
        depth: usize,
        script: &'a [&'static str],
        found: &'a Found,
    }

    impl Tracer<'_> {
        fn leaf<T>() -> Result<T, de::value::Error> {
            Err(de::Error::custom("a leaf"))
        }
    }

    impl<'de> Deserializer<'de> for Tracer<'_> {
        type Error = de::value::Error;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Self::leaf()
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, Self::Error> {
            self.found
                .borrow_mut()
                .push((self.path.clone(), self.depth, fields));
            let key = self.script.get(self.depth).copied();
            let child = key.map(|key| Tracer {
                path: if self.path.is_empty() {
                    key.to_string()
                } else {
                    format!("{}.{key}", self.path)
                },
                depth: self.depth + 1,
                script: self.script,
                found: self.found,
            });
            visitor.visit_map(OneKey { key, child })
        }

        fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            let child = Tracer {
                path: format!("{}[]", self.path),
                ..self
            };
            visitor.visit_seq(OneElement(Some(child)))
        }

        fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            visitor.visit_some(self)
        }

        fn deserialize_newtype_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            visitor: V,
        ) -> Result<V::Value, Self::Error> {
            visitor.visit_newtype_struct(self)
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            unit unit_struct tuple tuple_struct map enum identifier ignored_any
        }
    }

    struct OneKey<'a> {
        key: Option<&'static str>,
        child: Option<Tracer<'a>>,
    }

    impl<'de> MapAccess<'de> for OneKey<'_> {
        type Error = de::value::Error;
        fn next_key_seed<K: de::DeserializeSeed<'de>>(
            &mut self,
            seed: K,
        ) -> Result<Option<K::Value>, Self::Error> {
            self.key
                .take()
                .map(|key| seed.deserialize(key.into_deserializer()))
                .transpose()
        }
        fn next_value_seed<V: de::DeserializeSeed<'de>>(
            &mut self,
            seed: V,
        ) -> Result<V::Value, Self::Error> {
            match self.child.take() {
                Some(child) => seed.deserialize(child),
                None => Tracer::leaf(),
            }
        }
    }

    struct OneElement<'a>(Option<Tracer<'a>>);

    impl<'de> SeqAccess<'de> for OneElement<'_> {
        type Error = de::value::Error;
        fn next_element_seed<T: de::DeserializeSeed<'de>>(
            &mut self,
            seed: T,
        ) -> Result<Option<T::Value>, Self::Error> {
            self.0
                .take()
                .map(|child| seed.deserialize(child))
                .transpose()
        }
    }

    /// Every struct in `T`, by nesting path, with the keys serde reads into it: one run per path,
    /// going down each key of each struct found.
    fn trace<T: DeserializeOwned>() -> BTreeMap<String, BTreeSet<&'static str>> {
        let mut structs = BTreeMap::new();
        let mut scripts: Vec<Vec<&'static str>> = vec![Vec::new()];
        while let Some(script) = scripts.pop() {
            let found = RefCell::new(Vec::new());
            let _ = T::deserialize(Tracer {
                path: String::new(),
                depth: 0,
                script: &script,
                found: &found,
            });
            for (path, depth, fields) in found.into_inner() {
                // The struct the script leads to; those above it were recorded on the way to it.
                if depth != script.len() || structs.contains_key(&path) {
                    continue;
                }
                assert!(script.len() < 8, "{path}: a type nested this deep?");
                scripts.extend(fields.iter().map(|f| [script.as_slice(), &[f]].concat()));
                structs.insert(path, fields.iter().copied().collect());
            }
        }
        structs
    }

    fn declared(fields: Fields) -> BTreeMap<String, BTreeSet<&'static str>> {
        let mut map = BTreeMap::new();
        for (path, keys) in fields {
            let before = map.insert(path.to_string(), keys.iter().copied().collect());
            assert!(before.is_none(), "`{path}` is declared twice");
        }
        map
    }

    struct Agreement;
    impl ForKind for Agreement {
        type Out = (
            BTreeMap<String, BTreeSet<&'static str>>,
            BTreeMap<String, BTreeSet<&'static str>>,
        );
        fn run<K: Listed>(self) -> Self::Out {
            (declared(K::FIELDS), trace::<K::Matter>())
        }
    }

    /// Each kind declares, at each nesting path, exactly the keys its front matter type reads there:
    /// a key serde reads but the declaration leaves out would be flagged with no suggestion of it, and
    /// a declared key serde does not read would be suggested and then flagged.
    ///
    /// Lists of people in minutes' `attendance` are not here: `Person` reads either a name or a
    /// mapping (an untagged enum), which reads its keys without telling serde_ignored of the unknown
    /// ones, so no unknown key is ever reported there.
    ///
    /// A decision is a line or a record ([`crate::content::decisions::DecisionMatter`]), read
    /// through `deserialize_any`, which the tracer cannot go into: each list of decisions declared is
    /// held to the keys of a record, traced on its own.
    #[test]
    fn declared_keys_are_the_keys_serde_reads() {
        let record = trace::<crate::content::decisions::DecisionRecord>();
        for kind in Kind::ALL {
            let (mut declared, traced) = kind.with(Agreement);
            let lists: Vec<String> = declared
                .keys()
                .filter(|path| path.ends_with("decisions[]"))
                .cloned()
                .collect();
            for list in lists {
                for (path, keys) in &record {
                    let at = if path.is_empty() { list.clone() } else { format!("{list}.{path}") };
                    assert_eq!(declared.remove(&at).as_ref(), Some(keys), "{at} of a {}", kind.name());
                }
            }
            assert_eq!(declared, traced, "the keys declared for a {}", kind.name());
        }
        assert_eq!(declared(SITE_CONFIG_FIELDS), trace::<SiteConfig>());
    }

    /// The test above can fail: a declaration missing a key, or with one serde does not read.
    #[test]
    fn the_agreement_test_sees_a_missing_or_extra_key() {
        let traced = trace::<BoardMatter>();
        let missing: Fields = &[
            (
                "",
                &["kind", "extra", "title", "slug", "contact", "membership"],
            ),
            ("contact", CONTACT),
            ("membership[]", &["group", "members"]),
            (
                "membership[].members[]",
                &[
                    "name",
                    "person",
                    "role",
                    "authority",
                    "start_date",
                    "end_date",
                ],
            ),
        ];
        assert_ne!(declared(missing), traced);
        let extra: Fields = &[
            (
                "",
                &["kind", "extra", "title", "slug", "contact", "membership"],
            ),
            ("contact", &["name", "position", "phone", "email", "fax"]),
            ("membership[]", &["group", "members"]),
            (
                "membership[].members[]",
                &[
                    "name",
                    "person",
                    "role",
                    "authority",
                    "substitute",
                    "start_date",
                    "end_date",
                ],
            ),
        ];
        assert_ne!(declared(extra), traced);
        assert_eq!(declared(Board::FIELDS), traced);
    }

    #[test]
    fn the_fallback_kind_is_papers() {
        assert_eq!(OTHERWISE, Kind::Paper);
    }
}
