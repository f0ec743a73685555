//! The search page and the index behind it, built at build time for static hosting.
//!
//! # Why an index of our own
//!
//! A static site has no server to ask, so the browser must search an index made at build time. The
//! options weighed (the full comparison is in the README, "Search"):
//!
//! - **Pagefind** indexes the built HTML well and shards its index, but it is a separate Node/binary
//!   tool that would have to run after every `boardpack build`, and its search runs as WebAssembly,
//!   which the site's policy (`script-src 'self'`, no `'wasm-unsafe-eval'`) does not allow.
//! - **tinysearch** is WebAssembly too (same policy problem), needs a Rust-to-Wasm toolchain at build
//!   time, and keeps only whole-word Bloom filters: no ranking by field, no prefixes, no paragraph links.
//! - **elasticlunr-rs** writes one JSON index for elasticlunr.js: every search downloads all of it,
//!   which at 10,000 papers is tens of megabytes.
//!
//! So boardpack builds a compact index itself, in one pass over the linked site:
//!
//! - **Words**: folded (apostrophes dropped, accents removed, lower case), split at anything that is not a
//!   letter or digit, common words dropped; [`words`] here and `fold`/`words` in `search.js` do the
//!   same thing. Words are grouped by their Snowball stem (`decisions`, `decision` and `decided` find
//!   each other), and each shard maps the *words as written* to their stem's postings, so the browser
//!   needs no stemmer: it looks up what was typed, or, for the word being typed, every word it begins.
//! - **Shards by word prefix**: `t/<prefix>.json` holds the words starting with that prefix (two
//!   letters, more where a shard would pass [`SHARD_LIMIT`]), so a query downloads one small file per
//!   word, whatever the size of the site. The postings of common stems are files of their own
//!   (`p/<n>.json`, see [`INLINE_LIMIT`]), stored once however many words and shards lead to them.
//! - **Postings** give, per document, a score (title 8, summary 3, body 1 per occurrence) and where on
//!   the page the word is: the numbered paragraph (`#p2.1`), minute (`#item-4`) or heading, with the ids
//!   the page has (see [`crate::content::markdown::walk_sections`]), so a result links straight to the place.
//! - **Documents** are numbered in (board, year, kind) order, so the filters are a few id ranges in
//!   `index.json` and need no download per document; titles, addresses, dates and snippets are in
//!   `d/<n>.json`, [`DOCS_PER_CHUNK`] documents each, fetched only for the results shown.
//! - The folder's name carries a hash of its contents, so a browser never mixes files of two builds.
//!
//! Only what the linked site publishes is indexed: withheld papers and minutes are already gone from it,
//! and exempt minute items, exempt appendices and the agenda lines of withheld items are left out here.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;

use crate::render::context::LinkView;
use crate::diagnostics::Diagnostic;
use crate::content::load::Document;
use crate::content::markdown::{self, Settings};
use crate::content::model::Date;
use crate::render::{Extras, Gather, Needs, Output, PaperReader};
use crate::site::{AppendixContent, BoardId, MeetingId, PaperId, Site};

pub use crate::site::paths::SEARCH as PAGE;

/// The search script, under the theme's static files.
pub const SCRIPT: &str = "assets/search.js";

/// A shard is split by one more letter of its words' prefix when its JSON is larger than this, so
/// one word of a query costs at most about this much to download (a single very common word can
/// still pass it: its postings cannot be split).
pub const SHARD_LIMIT: usize = 48 * 1024;

/// Postings longer than this (in bytes of text) are a file of their own, `p/<n>.json`, shared by every
/// shard with a word of that stem; shorter ones are written into the shards. So a common stem is
/// stored once, and shards stay small without being split many times. (So are the postings of a stem
/// in more than a quarter of all documents, however short: on a small site too, the words everyone
/// types are fetched once, and shared by every shard whose words lead to them.)
pub const INLINE_LIMIT: usize = 1024;

/// Documents per `d/<n>.json` file: small enough that showing ten results fetches little.
pub const DOCS_PER_CHUNK: usize = 25;

/// Places on a page kept per word and document: enough to find where several query words meet.
const PLACES_PER_POSTING: usize = 4;

/// Longest word indexed; longer runs are codes or addresses, not words anyone types.
const MAX_WORD_CHARS: usize = 40;

/// Boards listed by name on the search page for readers without JavaScript; more are left to the
/// boards index.
const MAX_BOARD_LINKS: usize = 12;

/// The longest snippet shown under a result, in characters.
const SNIPPET_CHARS: usize = 220;

/// Words too common to search for (English sites only). The browser gets this list in `index.json`.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has", "have", "i", "if",
    "in", "into", "is", "it", "its", "of", "on", "or", "our", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "we", "were", "which", "will", "with", "would",
];

/// What a document is: the order is the order of the kind filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Paper,
    Appendix,
    Minutes,
    Meeting,
    Board,
    Page,
}

impl Kind {
    const ALL: [Kind; 6] = [Kind::Paper, Kind::Appendix, Kind::Minutes, Kind::Meeting, Kind::Board, Kind::Page];

    /// The value of the `kind` filter in the page's address.
    pub fn value(self) -> &'static str {
        match self {
            Kind::Paper => "paper",
            Kind::Appendix => "appendix",
            Kind::Minutes => "minutes",
            Kind::Meeting => "meeting",
            Kind::Board => "board",
            Kind::Page => "page",
        }
    }

    /// What a result of this kind is called.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Paper => "Report",
            Kind::Appendix => "Appendix",
            Kind::Minutes => "Minutes",
            Kind::Meeting => "Agenda",
            Kind::Board => "Board",
            Kind::Page => "Page",
        }
    }

    /// The filter's label.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Paper => "Reports",
            Kind::Appendix => "Appendices",
            Kind::Minutes => "Minutes",
            Kind::Meeting => "Meeting agendas",
            Kind::Board => "Boards",
            Kind::Page => "Other pages",
        }
    }
}

/// Where words are on a page, and how much a match there counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title = 8,
    Summary = 3,
    Body = 1,
}

/// A document to index, before its text is read: enough to give it its place in the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Source {
    Paper(usize),
    Appendix(usize, usize),
    Minutes(usize),
    Meeting(usize),
    Board(usize),
    Page(usize),
}

/// The facts shown for a result.
#[derive(Debug, Clone)]
struct Meta {
    kind: Kind,
    board: Option<BoardId>,
    date: Option<Date>,
    title: String,
    /// Site-relative URL path.
    path: String,
}

impl Meta {
    fn year(&self) -> i16 {
        self.date.map_or(0, |d| d.year())
    }
}

/// What a word scores in one document, and the first places on the page it is at (indices into the
/// document's anchors; 0 is the top of the page). Fixed-size, so millions of them cost no allocation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Stats {
    score: u32,
    len: u8,
    places: [u16; PLACES_PER_POSTING],
}

impl Stats {
    fn add(&mut self, weight: u32, place: u16) {
        self.score = self.score.saturating_add(weight);
        // Words come in page order: most often at the last place kept, or after it.
        let len = usize::from(self.len);
        match len.checked_sub(1).map(|i| self.places[i]) {
            Some(last) if last == place => {}
            Some(last) if last < place && len < PLACES_PER_POSTING => {
                self.places[len] = place;
                self.len += 1;
            }
            Some(last) if last < place => {}
            _ => self.add_place(place),
        }
    }

    /// Keeps the first few places, in page order.
    fn add_place(&mut self, place: u16) {
        let len = usize::from(self.len);
        let Err(at) = self.places[..len].binary_search(&place) else { return };
        if at >= PLACES_PER_POSTING {
            return;
        }
        let end = (len + 1).min(PLACES_PER_POSTING);
        self.places.copy_within(at..end - 1, at + 1);
        self.places[at] = place;
        self.len = end as u8;
    }

    fn places(&self) -> &[u16] {
        &self.places[..usize::from(self.len)]
    }
}

/// FxHash (as in rustc): the index hashes every word of the site, and SipHash's protection against
/// crafted collisions is not needed for a site's own text at build time.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        // Most words fit in one number: the rest of the bytes at once, not one by one.
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// A map keyed by [`packed`] words. Not [`FxMap`]: a short word's number ends in zero bytes, which
/// FxHash's multiply leaves in the low bits the table indexes by, so most words would collide.
type NumberMap<V> = HashMap<Packed, V, foldhash::fast::FixedState>;

/// A word of at most [`PACKED_MAX`] bytes as one number ([`packed`]).
type Packed = u128;

/// The longest word, in bytes, kept as a number: nearly every word of English text.
const PACKED_MAX: usize = 16;

/// One document, read.
struct Indexed {
    meta: Meta,
    snippet: String,
    /// Anchors (ids on the page) its words are at; the top of the page is place 0 and not listed.
    anchors: Vec<String>,
    /// Its words, folded, with their stats.
    words: Vec<(Word, Stats)>,
    /// Its file changed since it was loaded.
    problem: Option<Diagnostic>,
}

/// A folded word: nearly all fit in [`PACKED_MAX`] bytes, and are kept as one number ([`packed`]),
/// which hashes and compares far faster than a string (the index counts every word of the site).
#[derive(Debug)]
enum Word {
    Short(Packed),
    Long(String),
}

/// One document's word counts by [`packed`] word: open addressing with linear probing, kept by each
/// thread from one document to the next (see [`WordCounts::take`]). The index counts every word of the
/// site, some 1,500 a paper, and a general map's entry costs several times a probe here.
///
/// Common words stay in the table for good, marked as such (`STOP`), so one probe tells a word to
/// count from one to leave out. They are put in first, and first again whenever the table grows, so
/// no common word's probe sequence runs through a counted word's slot: clearing the counted words at
/// the end of a document leaves the common words findable.
struct WordCounts {
    /// A word's number and its stats; number 0 is an empty slot (no word packs to 0).
    slots: Vec<(Packed, Stats)>,
    /// Slots in use, common words included.
    used: usize,
    /// The slots of this document's counted words.
    counted: Vec<u32>,
    /// Which common words are in the table (the address of the language's list).
    stop_words: usize,
}

/// [`Stats::len`] of a common word's slot: not counted.
const STOP: u8 = u8::MAX;

thread_local! {
    /// Each thread's [`WordCounts`], empty of counted words, for its next document.
    static WORD_COUNTS: std::cell::RefCell<Option<WordCounts>> = const { std::cell::RefCell::new(None) };
}

impl WordCounts {
    const FIRST_SLOTS: usize = 1024;

    /// The thread's table (or a new one) with `language`'s common words in it and nothing counted.
    fn take(language: &Language) -> Self {
        let key = language.stop_words.as_ptr() as usize;
        match WORD_COUNTS.with(|t| t.borrow_mut().take()) {
            Some(t) if t.stop_words == key => t,
            _ => {
                let mut t = WordCounts { slots: vec![(0, Stats::default()); Self::FIRST_SLOTS], used: 0, counted: Vec::new(), stop_words: key };
                for &n in &language.stop_packed {
                    let i = t.probe(n);
                    t.slots[i] = (n, Stats { len: STOP, ..Stats::default() });
                    t.used += 1;
                }
                t
            }
        }
    }

    /// Gives the table back to the thread, emptied of counted words, for its next document.
    fn give_back(mut self) {
        for &i in &self.counted {
            self.slots[i as usize] = (0, Stats::default());
        }
        self.used -= self.counted.len();
        self.counted.clear();
        WORD_COUNTS.with(|t| *t.borrow_mut() = Some(self));
    }

    /// The slot of `n`, or the empty slot where it would go.
    fn probe(&self, n: Packed) -> usize {
        // Words are packed from the top byte down: fold the two halves, then a multiply's top bits.
        let folded = (n as u64) ^ ((n >> 64) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let mask = self.slots.len() - 1;
        // The table's size is a power of two: the multiply's top log2(size) bits index it.
        let shift = 64 - self.slots.len().trailing_zeros();
        let mut i = (folded.wrapping_mul(0xff51_afd7_ed55_8ccd) >> shift) as usize;
        loop {
            let key = self.slots[i].0;
            if key == n || key == 0 {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// Counts `n` once more, with `weight` at `place`, unless it is a common word.
    fn count(&mut self, n: Packed, weight: u32, place: u16) {
        let mut i = self.probe(n);
        if self.slots[i].0 == 0 {
            if (self.used + 1) * 2 > self.slots.len() {
                self.grow();
                i = self.probe(n);
            }
            self.slots[i].0 = n;
            self.used += 1;
            self.counted.push(i as u32);
        }
        let stats = &mut self.slots[i].1;
        if stats.len != STOP {
            stats.add(weight, place);
        }
    }

    /// Twice the slots: common words go back in first (see the type's comment), then counted ones.
    fn grow(&mut self) {
        let doubled = vec![(0, Stats::default()); self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        for (n, stats) in old.iter().filter(|(n, s)| *n != 0 && s.len == STOP) {
            let i = self.probe(*n);
            self.slots[i] = (*n, *stats);
        }
        let mut counted = std::mem::take(&mut self.counted);
        for c in &mut counted {
            let (n, stats) = old[*c as usize];
            let i = self.probe(n);
            self.slots[i] = (n, stats);
            *c = i as u32;
        }
        self.counted = counted;
    }

    /// The counted words with their stats, in the order they were first met.
    fn words(&self) -> impl Iterator<Item = (Packed, Stats)> + '_ {
        self.counted.iter().map(|&i| self.slots[i as usize])
    }
}

/// Reads a document's text into words, remembering where on the page each one is: text is folded
/// ([`words`] says how) and counted word by word as it comes, so nothing but the current word is copied.
struct Collector {
    anchors: Vec<String>,
    /// The place of each anchor: its index in `anchors` plus one.
    places: FxMap<String, usize>,
    /// The word being read, folded, and what it weighs and where on the page it is.
    word: String,
    piece: (u32, u16),
    /// Words of at most [`PACKED_MAX`] bytes by their number, common words marked.
    short: WordCounts,
    long: FxMap<String, Stats>,
}

impl Collector {
    fn new(language: &Language) -> Self {
        Collector {
            anchors: Vec::new(),
            places: FxMap::default(),
            word: String::new(),
            piece: (0, 0),
            short: WordCounts::take(language),
            long: FxMap::default(),
        }
    }

    /// Adds a piece of text: its words are separate from those before and after it.
    fn add(&mut self, field: Field, anchor: Option<&str>, text: &str) {
        self.end_word();
        self.run(field, anchor, text);
        self.end_word();
    }

    /// Adds a run of text, which may continue a word of the run before if that has the same field
    /// and anchor.
    fn run(&mut self, field: Field, anchor: Option<&str>, text: &str) {
        if text.trim().is_empty() {
            self.end_word();
            return;
        }
        // Text comes in page order: its anchor is most often the last one seen, or a new one.
        let place = match anchor {
            None => 0,
            Some(a) if self.anchors.last().is_some_and(|last| last == a) => self.anchors.len(),
            Some(a) => match self.places.get(a) {
                Some(&i) => i,
                None => {
                    self.anchors.push(a.to_string());
                    self.places.insert(a.to_string(), self.anchors.len());
                    self.anchors.len()
                }
            },
        };
        let piece = (field as u32, u16::try_from(place).unwrap_or(u16::MAX));
        if piece != self.piece {
            self.end_word();
            self.piece = piece;
        }
        self.fold(text);
    }

    /// Folds `text` into words (see [`words`]), counting each as it ends; a word at the end of `text`
    /// is left open, for the next run to continue.
    fn fold(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match BYTE_FOLD[usize::from(bytes[i])] {
                SEPARATOR => {
                    // Most separators follow a word already counted: no call for nothing.
                    if !self.word.is_empty() {
                        self.end_word();
                    }
                    i += 1;
                }
                APOSTROPHE => i += 1,
                NON_ASCII => {
                    // `i` is always at a character boundary: ASCII bytes are characters, others are
                    // stepped over whole.
                    let Some(c) = text[i..].chars().next() else { break };
                    i += c.len_utf8();
                    if fold_char(c, |d| self.word.push(d)) {
                        self.end_word();
                    }
                }
                _ if self.word.is_empty() => {
                    // A word starts here, most often all ASCII letters and digits: it is folded into
                    // its number ([`packed`]) as it is read, and counted without being copied.
                    let start = i;
                    let mut n: Packed = 0;
                    while let Some(&folded) = bytes.get(i).map(|&b| &BYTE_FOLD[usize::from(b)]).filter(|&&f| f > NON_ASCII) {
                        // Past PACKED_MAX bytes the first ones drop off the top; such a word is read
                        // again below as a string.
                        n = (n << 8) | Packed::from(folded);
                        i += 1;
                    }
                    let len = i - start;
                    if len <= PACKED_MAX && bytes.get(i).is_some_and(|&b| BYTE_FOLD[usize::from(b)] == SEPARATOR) {
                        self.count_packed(n << (8 * (PACKED_MAX - len)));
                    } else {
                        // Longer, or going on (after an apostrophe, into other characters, or into the
                        // next run): read as any other word.
                        self.word.extend(bytes[start..i].iter().map(|&b| char::from(BYTE_FOLD[usize::from(b)])));
                    }
                }
                folded => {
                    self.word.push(char::from(folded));
                    i += 1;
                }
            }
        }
    }

    /// Counts a word of at most [`PACKED_MAX`] bytes, given as its number ([`packed`]), unless it is
    /// too common.
    fn count_packed(&mut self, n: Packed) {
        let (weight, place) = self.piece;
        self.short.count(n, weight, place);
    }

    /// Counts the word being read, if any, unless it is too long or too common.
    fn end_word(&mut self) {
        if self.word.is_empty() {
            return;
        }
        let (weight, place) = self.piece;
        if fits(&self.word) {
            match packed(&self.word) {
                Some(n) => self.count_packed(n),
                None => match self.long.get_mut(self.word.as_str()) {
                    Some(stats) => stats.add(weight, place),
                    None => self.long.entry(self.word.clone()).or_default().add(weight, place),
                },
            }
        }
        self.word.clear();
    }

    /// Markdown, run by run, so each word knows its paragraph or heading.
    fn markdown(&mut self, field: Field, source: &str, settings: Settings) {
        markdown::walk_sections(source, settings, &mut |anchor, text| self.run(field, anchor, text));
        self.end_word();
    }

    /// Markdown of one place on the page (a minute item): all its words are at `anchor`.
    fn markdown_at(&mut self, field: Field, anchor: &str, source: &str) {
        markdown::walk_sections(source, Settings::default(), &mut |_, text| self.run(field, Some(anchor), text));
        self.end_word();
    }

    /// The document's words with their stats, and the anchors they are at.
    fn finish(mut self) -> (Vec<(Word, Stats)>, Vec<String>) {
        self.end_word();
        let short = self.short.words().map(|(n, s)| (Word::Short(n), s));
        let words = short.chain(self.long.into_iter().map(|(w, s)| (Word::Long(w), s))).collect();
        self.short.give_back();
        (words, self.anchors)
    }
}

/// The site's language, for stemming and common words.
struct Language {
    stemmer: Option<rust_stemmers::Stemmer>,
    stop_words: &'static [&'static str],
    /// The same, each word's bytes as one number ([`packed`]): each document's word counts have
    /// them, marked as not counted (see [`WordCounts`]).
    stop_packed: Vec<Packed>,
}

/// A word of at most [`PACKED_MAX`] bytes as a number, its first byte highest (distinct words,
/// distinct numbers); `None` if longer.
fn packed(word: &str) -> Option<Packed> {
    let bytes = word.as_bytes();
    if bytes.len() > PACKED_MAX {
        return None;
    }
    // Byte by byte, not a copy into an array: a copy of a length unknown at compile time is a call.
    let n = bytes.iter().fold(0, |n: Packed, &b| (n << 8) | Packed::from(b));
    Some(n.checked_shl(8 * (PACKED_MAX - bytes.len()) as u32).unwrap_or(0))
}

/// The word [`packed`] into `n`.
fn unpacked(n: Packed) -> String {
    String::from_utf8_lossy(&n.to_be_bytes()[..packed_len(n)]).into_owned()
}

/// The length in bytes of a word [`packed`] into `n`.
fn packed_len(n: Packed) -> usize {
    PACKED_MAX - (n.trailing_zeros() / 8) as usize
}

impl Language {
    /// Snowball stemmers exist for these; other languages get whole-word and prefix matching.
    fn new(tag: &str) -> Self {
        use rust_stemmers::Algorithm::*;
        let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        let algorithm = match primary.as_str() {
            "en" => Some(English),
            "fr" => Some(French),
            "de" => Some(German),
            "es" => Some(Spanish),
            "it" => Some(Italian),
            "nl" => Some(Dutch),
            "pt" => Some(Portuguese),
            "sv" => Some(Swedish),
            "da" => Some(Danish),
            "no" | "nb" | "nn" => Some(Norwegian),
            "fi" => Some(Finnish),
            _ => None,
        };
        let stop_words = if primary == "en" { STOP_WORDS } else { &[] };
        let stop_packed = stop_words.iter().filter_map(|w| packed(w)).collect();
        Language { stemmer: algorithm.map(rust_stemmers::Stemmer::create), stop_words, stop_packed }
    }

    #[cfg(test)]
    fn is_stop_word(&self, word: &str) -> bool {
        packed(word).is_some_and(|n| self.stop_packed.contains(&n))
    }

    fn stem(&self, word: &str) -> String {
        match &self.stemmer {
            // Numbers and codes are kept whole: "2026" is not "2026s".
            Some(s) if word.chars().any(char::is_alphabetic) => s.stem(word).into_owned(),
            _ => word.to_string(),
        }
    }
}

/// Splits `text` into index words and gives each to `f`: apostrophes and accents dropped (`Board’s` →
/// `boards`, `café` → `cafe`), lower case, split at anything that is not a letter or digit, words
/// longer than [`MAX_WORD_CHARS`] left out. `search.js` folds queries the same way, so what is typed
/// finds what was written.
pub fn words(text: &str, mut f: impl FnMut(&str)) {
    let mut folded = String::with_capacity(text.len());
    fold_into(text, &mut folded);
    folded.split(' ').filter(|w| !w.is_empty() && fits(w)).for_each(&mut f);
}

/// Appends the words of `text` to `out`, folded as [`words`] says, separated by one space. A word at
/// the end of `out` is continued by a word at the start of `text`; none is ended at the end.
fn fold_into(text: &str, out: &mut String) {
    let mut in_word = !out.is_empty() && !out.ends_with(' ');
    for c in text.chars() {
        let ends_word = match BYTE_FOLD[usize::from(u8::try_from(c).unwrap_or(0x80))] {
            SEPARATOR => true,
            APOSTROPHE => false,
            NON_ASCII => fold_char(c, |d| {
                out.push(d);
                in_word = true;
            }),
            folded => {
                out.push(char::from(folded));
                in_word = true;
                false
            }
        };
        if ends_word && in_word {
            out.push(' ');
            in_word = false;
        }
    }
}

/// Folds a character beyond ASCII: its letters, in lower case and without accents, go to `push`.
/// True if it ends a word (punctuation, spaces); false within one (letters, `’`, combining accents).
fn fold_char(c: char, mut push: impl FnMut(char)) -> bool {
    use unicode_normalization::char::{decompose_canonical, is_combining_mark};
    if c == '\u{2019}' || is_combining_mark(c) {
        // `Board’s` is one word, and so is a word with combining accents.
        return false;
    }
    if !c.is_alphanumeric() {
        return true;
    }
    for lower in c.to_lowercase() {
        decompose_canonical(lower, |d| {
            if !is_combining_mark(d) {
                push(d);
            }
        });
    }
    false
}

/// [`BYTE_FOLD`]'s mark for a byte that ends a word.
const SEPARATOR: u8 = 0;
/// [`BYTE_FOLD`]'s mark for `'`, which is within a word (`Board's` is one word).
const APOSTROPHE: u8 = 1;
/// [`BYTE_FOLD`]'s mark for a byte of a character beyond ASCII, folded as a character.
const NON_ASCII: u8 = 2;

/// What each byte folds to: ASCII letters and digits to themselves in lower case, else a mark.
static BYTE_FOLD: [u8; 256] = {
    let mut table = [NON_ASCII; 256];
    let mut b = 0u8;
    while b < 128 {
        table[b as usize] = if b.is_ascii_alphanumeric() {
            b.to_ascii_lowercase()
        } else if b == b'\'' {
            APOSTROPHE
        } else {
            SEPARATOR
        };
        b += 1;
    }
    table
};

/// Is a folded word short enough to index?
fn fits(word: &str) -> bool {
    word.len() <= MAX_WORD_CHARS || word.chars().count() <= MAX_WORD_CHARS
}

/// `text` with runs of white space as one space, cut at a word boundary to at most `max` characters.
fn clip(text: &str, max: usize) -> String {
    let mut out = String::new();
    for (i, w) in text.split_whitespace().enumerate() {
        let needed = w.chars().count() + usize::from(i > 0);
        if out.chars().count() + needed > max {
            out.push('…');
            return out;
        }
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The plain text of a piece of Markdown (a summary, a minute).
fn plain(source: &str) -> String {
    markdown::sections(source, Settings::default()).into_iter().map(|s| s.text).collect::<Vec<_>>().join(" ")
}

/// The start of a Markdown text, enough for a snippet (cut at a line end, so no markup is cut in two).
fn opening(source: &str) -> &str {
    match source.char_indices().nth(SNIPPET_CHARS * 4) {
        Some((end, _)) => source[..end].rfind('\n').map_or(&source[..end], |line| &source[..line]),
        None => source,
    }
}

/// Every published document, in index order: by board, year and kind (so each filter is a few id
/// ranges), then date and address.
fn sources(site: &Site) -> Vec<(Meta, Source)> {
    let mut out = Vec::new();
    for (i, p) in site.papers.iter().enumerate() {
        let m = &site.meetings[p.meeting];
        let meta = |kind, title: String, path: &str| Meta { kind, board: Some(m.board), date: Some(m.date), title, path: path.to_string() };
        out.push((meta(Kind::Paper, p.doc.matter.title.clone(), &p.path), Source::Paper(i)));
        for (j, a) in p.appendices.iter().enumerate() {
            if let AppendixContent::Page(doc) = &a.content {
                let title = doc.matter.title.clone().unwrap_or_else(|| a.title.clone());
                out.push((meta(Kind::Appendix, title, &a.path), Source::Appendix(i, j)));
            }
        }
    }
    for (i, n) in site.minutes.iter().enumerate() {
        let m = &site.meetings[n.meeting];
        let meta = Meta { kind: Kind::Minutes, board: Some(m.board), date: Some(m.date), title: format!("Minutes: {}", site.meeting_title(n.meeting)), path: n.path.clone() };
        out.push((meta, Source::Minutes(i)));
    }
    for (i, m) in site.meetings.iter().enumerate() {
        let meta = Meta { kind: Kind::Meeting, board: Some(m.board), date: Some(m.date), title: site.meeting_title(i), path: m.path.clone() };
        out.push((meta, Source::Meeting(i)));
    }
    for (i, b) in site.boards.iter().enumerate() {
        let meta = Meta { kind: Kind::Board, board: Some(i), date: None, title: b.doc.matter.title.clone(), path: b.path.clone() };
        out.push((meta, Source::Board(i)));
    }
    for (i, p) in site.pages.iter().enumerate() {
        let meta = Meta { kind: Kind::Page, board: None, date: None, title: p.doc.matter.title.clone(), path: p.path.clone() };
        out.push((meta, Source::Page(i)));
    }
    out.sort_by(|(a, _), (b, _)| {
        (a.board.unwrap_or(usize::MAX), a.year(), a.kind, a.date, &a.path).cmp(&(b.board.unwrap_or(usize::MAX), b.year(), b.kind, b.date, &b.path))
    });
    out
}

/// A document's whole text and where its body starts. Papers, appendices and minutes are read again
/// (see `Document::let_go_of_body`); one that changed since it was loaded is reported in `problem` and
/// indexed without its body (the build then fails).
fn full_text<'a, T>(site: &Site, doc: &'a Document<T>, problem: &mut Option<Diagnostic>) -> (Cow<'a, str>, usize) {
    match doc.full_text(&site.root) {
        Ok(text) => (text, doc.body_offset),
        Err(d) => {
            *problem = Some(*d);
            (Cow::Borrowed(""), 0)
        }
    }
}

/// A paper being indexed. Its front matter's words are read when it is begun, its body's as they
/// come: from a parse of its own ([`index_document`]), or, in a build, from the events the page was
/// rendered from ([`Gatherer`]). Both ways give the same entry.
pub struct PaperEntry {
    collector: Collector,
    meta: Meta,
    /// The summary as plain text: the result's snippet, unless it is empty.
    summary: String,
    /// The opening of the body, for a paper without a summary.
    opening: String,
}

pub use crate::render::PAPER_BODY;

impl PaperEntry {
    /// Begins paper `i`'s entry in `c`, which already has its title.
    fn new(site: &Site, mut c: Collector, meta: Meta, i: usize) -> Self {
        let p = &site.papers[i];
        let matter = &p.doc.matter;
        let summary = matter.summary.as_deref().map(plain).unwrap_or_default();
        c.add(Field::Summary, None, &summary);
        for r in &matter.recommendations {
            c.add(Field::Body, None, &plain(r));
        }
        for text in [&matter.action, &matter.decision_maker].into_iter().flatten() {
            c.add(Field::Body, None, text);
        }
        if let Some(contact) = &matter.contact {
            for text in [&contact.name, &contact.position].into_iter().flatten() {
                c.add(Field::Body, None, text);
            }
        }
        for w in matter.wards.iter().chain(matter.background_papers.iter().flatten()) {
            c.add(Field::Body, None, w);
        }
        // Exempt appendices are listed on the page with their ground, but nothing of them is indexed.
        for a in p.appendices.iter().filter(|a| !matches!(a.content, AppendixContent::Exempt(_))) {
            c.add(Field::Body, None, &a.title);
        }
        PaperEntry { collector: c, meta, summary, opening: String::new() }
    }

    /// The body's text, before its runs are given.
    pub fn body(&mut self, body: &str) {
        if self.summary.trim().is_empty() {
            self.opening = plain(opening(body));
        }
    }

    /// A run of the body's text (see [`markdown::walk_sections`]).
    pub fn run(&mut self, anchor: Option<&str>, text: &str) {
        self.collector.run(Field::Body, anchor, text);
    }

    fn finish(self, problem: Option<Diagnostic>) -> Indexed {
        let snippet = if self.summary.trim().is_empty() { self.opening } else { self.summary };
        let (words, anchors) = self.collector.finish();
        Indexed { meta: self.meta, snippet: clip(&snippet, SNIPPET_CHARS), anchors, words, problem }
    }
}

/// Reads one document: its words, where they are, and its snippet.
fn index_document(site: &Site, language: &Language, meta: Meta, source: Source) -> Indexed {
    let mut problem = None;
    let mut c = Collector::new(language);
    c.add(Field::Title, None, &meta.title);
    let snippet = match source {
        Source::Paper(i) => {
            let mut entry = PaperEntry::new(site, c, meta, i);
            let (text, at) = full_text(site, &site.papers[i].doc, &mut problem);
            let body = &text[at..];
            entry.body(body);
            markdown::walk_sections(body, PAPER_BODY, &mut |anchor, text| entry.run(anchor, text));
            return entry.finish(problem);
        }
        Source::Appendix(i, j) => match &site.papers[i].appendices[j].content {
            AppendixContent::Page(doc) => {
                let (text, at) = full_text(site, doc, &mut problem);
                let body = &text[at..];
                c.markdown(Field::Body, body, Settings { numbered_paragraphs: true });
                plain(opening(body))
            }
            _ => String::new(),
        },
        Source::Minutes(i) => {
            let n = &site.minutes[i];
            let (text, at) = full_text(site, &n.doc, &mut problem);
            let body = &text[at..];
            let matter = &n.doc.matter;
            let m = &site.meetings[n.meeting];
            let mut titles = Vec::new();
            // Nothing of an exempt item is indexed, not even its title: search never leads to it.
            for it in matter.items.iter().filter(|it| it.exempt.is_none()) {
                let anchor = crate::render::minute_anchor(&it.item);
                let title = it.title.clone().or_else(|| m.agenda.iter().find(|a| a.item == it.item).map(|a| a.title.clone()));
                if let Some(title) = title {
                    c.add(Field::Summary, Some(&anchor), &title);
                    titles.push(format!("{} {title}", it.item));
                }
                if let Some(minute) = &it.minute {
                    c.markdown_at(Field::Body, &anchor, minute);
                }
                for d in &it.decisions {
                    c.markdown_at(Field::Body, &anchor, d);
                }
                for a in &it.actions {
                    c.add(Field::Body, Some(&anchor), &a.action);
                    if let Some(owner) = &a.owner {
                        c.add(Field::Body, Some(&anchor), owner);
                    }
                }
            }
            let a = &matter.attendance;
            for p in a.present.iter().chain(&a.apologies).chain(&a.substitutes).chain(&a.in_attendance).chain(&a.officers) {
                for text in [Some(&p.name), p.role.as_ref(), p.authority.as_ref()].into_iter().flatten() {
                    c.add(Field::Body, None, text);
                }
            }
            for d in &matter.declarations {
                c.add(Field::Body, None, &d.member);
                c.add(Field::Body, None, &d.interest);
            }
            c.markdown(Field::Body, body, Settings::default());
            if titles.is_empty() { plain(opening(body)) } else { format!("Items: {}", titles.join("; ")) }
        }
        Source::Meeting(i) => {
            let m = &site.meetings[i];
            let matter = m.doc.as_ref().map(|d| &d.matter);
            let mut titles = Vec::new();
            // Withheld items keep their agenda line on the page, but search never leads to them.
            for a in m.agenda.iter().filter(|a| a.withheld.is_none()) {
                c.add(Field::Summary, None, &a.title);
                if let Some(p) = a.paper {
                    c.add(Field::Body, None, &site.papers[p].doc.matter.title);
                }
                if let Some(presenter) = &a.presenter {
                    c.add(Field::Body, None, presenter);
                }
                titles.push(format!("{} {}", a.item, a.title));
            }
            if let Some(matter) = matter {
                if let Some(venue) = &matter.venue {
                    c.add(Field::Body, None, &crate::render::venue_text(venue));
                }
                if let Some(note) = &matter.status_note {
                    c.add(Field::Summary, None, note);
                }
            }
            if let Some(doc) = &m.doc {
                c.markdown(Field::Body, doc.body(), Settings::default());
            }
            let status = match m.status {
                crate::content::model::MeetingStatus::Cancelled | crate::content::model::MeetingStatus::Postponed => {
                    let note = matter.and_then(|x| x.status_note.as_deref()).unwrap_or("");
                    format!("{}. {note} ", m.status.label())
                }
                _ => String::new(),
            };
            if titles.is_empty() { status } else { format!("{status}Agenda: {}", titles.join("; ")) }
        }
        Source::Board(i) => {
            let b = &site.boards[i];
            for g in &b.doc.matter.membership {
                for member in &g.members {
                    for text in [Some(&member.name), member.role.as_ref(), member.authority.as_ref()].into_iter().flatten() {
                        c.add(Field::Body, None, text);
                    }
                }
            }
            if let Some(name) = b.doc.matter.contact.as_ref().and_then(|x| x.name.as_ref()) {
                c.add(Field::Body, None, name);
            }
            c.markdown(Field::Summary, b.doc.body(), Settings::default());
            plain(opening(b.doc.body()))
        }
        Source::Page(i) => {
            let p = &site.pages[i];
            if let Some(d) = &p.doc.matter.description {
                c.add(Field::Summary, None, d);
            }
            c.markdown(Field::Body, p.doc.body(), Settings::default());
            p.doc.matter.description.clone().unwrap_or_else(|| plain(opening(p.doc.body())))
        }
    };
    let (words, anchors) = c.finish();
    Indexed { meta, snippet: clip(&snippet, SNIPPET_CHARS), anchors, words, problem }
}

/// One document's entry in a stem's postings, as the tests write them (the index itself encodes
/// each entry as it comes: see [`StemPostings`]).
#[derive(Debug, Clone)]
#[cfg(test)]
struct Posting {
    doc: u32,
    stats: Stats,
}

/// The whole index, before it is cut into files.
struct Index {
    /// Each document's facts, snippet and anchors (joined by spaces, as the index files give them:
    /// one string, not one per anchor, for the whole build).
    docs: Vec<(Meta, String, String)>,
    /// Every word as written → its stem's number.
    words: BTreeMap<String, usize>,
    /// Postings of each stem, by number, encoded.
    stems: Vec<Encoded>,
    /// Files that changed while they were read.
    problems: Vec<Diagnostic>,
}

/// A stem's postings, encoded entry by entry as documents come, in document order (see
/// [`encode_postings`]): a few bytes an entry, where the entries themselves would be twenty.
#[derive(Default)]
struct StemPostings {
    text: String,
    docs: usize,
    /// The document being read, if it has words of this stem, and their stats so far: several words
    /// of one stem in one document are one entry (scores add up, places merge).
    pending: Option<(u32, Stats)>,
    /// The document of the last entry encoded.
    last_doc: u32,
}

impl StemPostings {
    /// Adds `doc`'s stats for one word of this stem; true if it is the document's first word of it
    /// (its entry is then encoded by [`StemPostings::flush`] once the document is all merged).
    fn add(&mut self, doc: u32, stats: &Stats) -> bool {
        match &mut self.pending {
            Some((pending_doc, merged)) if *pending_doc == doc => {
                merged.score = merged.score.saturating_add(stats.score);
                for &place in stats.places() {
                    merged.add_place(place);
                }
                false
            }
            _ => {
                debug_assert!(self.pending.is_none(), "the last document's entry is encoded when it is merged");
                self.pending = Some((doc, *stats));
                true
            }
        }
    }

    /// Encodes the pending entry, if any.
    fn flush(&mut self) {
        if let Some((doc, stats)) = self.pending.take() {
            let previous = if self.docs == 0 { 0 } else { self.last_doc };
            encode_entry(&mut self.text, self.docs > 0, doc - previous, &stats);
            self.last_doc = doc;
            self.docs += 1;
        }
    }
}

/// The stems met so far, numbered as met, with their postings.
#[derive(Default)]
struct Stems {
    ids: FxMap<String, usize>,
    names: Vec<String>,
    postings: Vec<StemPostings>,
}

impl Stems {
    /// The number of `stem`, numbered now if it is new.
    fn id(&mut self, stem: String) -> usize {
        if let Some(&id) = self.ids.get(&stem) {
            return id;
        }
        self.ids.insert(stem.clone(), self.names.len());
        self.names.push(stem);
        self.postings.push(StemPostings::default());
        self.names.len() - 1
    }
}

/// The documents indexed so far, merged in the index's order: each word's stem, each stem's postings.
#[derive(Default)]
struct Merged {
    docs: Vec<(Meta, String, String)>,
    // Every word's stem number, by the word (packed into a number when it fits: see `Word`), and
    // every word as written with its stem's number.
    short_stem: NumberMap<usize>,
    long_stem: FxMap<String, usize>,
    names: Vec<(String, usize)>,
    stems: Stems,
    problems: Vec<Diagnostic>,
    /// The stems of the document being added, whose entries are encoded once it is all read.
    touched: Vec<usize>,
}

impl Merged {
    /// Adds the next document.
    fn add(&mut self, language: &Language, d: Indexed) {
        let doc = u32::try_from(self.docs.len()).unwrap_or(u32::MAX);
        for (word, stats) in d.words {
            let known = match &word {
                Word::Short(n) => self.short_stem.get(n),
                Word::Long(w) => self.long_stem.get(w),
            };
            let stem = match known {
                Some(&stem) => stem,
                None => {
                    let name = match &word {
                        Word::Short(n) => unpacked(*n),
                        Word::Long(w) => w.clone(),
                    };
                    let stem = self.stems.id(language.stem(&name));
                    match word {
                        Word::Short(n) => self.short_stem.insert(n, stem),
                        Word::Long(w) => self.long_stem.insert(w, stem),
                    };
                    self.names.push((name, stem));
                    stem
                }
            };
            if self.stems.postings[stem].add(doc, &stats) {
                self.touched.push(stem);
            }
        }
        // Encoded now, while each stem's postings are still in cache from the loop above: left for
        // the stem's next document, each entry cost a second trip to memory.
        for stem in self.touched.drain(..) {
            self.stems.postings[stem].flush();
        }
        self.docs.push((d.meta, d.snippet, d.anchors.join(" ")));
        self.problems.extend(d.problem);
    }

    fn finish(self) -> Index {
        let Merged { docs, names, stems, problems, .. } = self;
        // Every entry is encoded already: each document's, as it was merged.
        let Stems { names: stem_names, postings: mut stems, .. } = stems;
        // Stems are numbered in their alphabetical order.
        let mut order: Vec<usize> = (0..stems.len()).collect();
        order.sort_unstable_by(|&a, &b| stem_names[a].cmp(&stem_names[b]));
        let mut rank = vec![0; stems.len()];
        for (r, &s) in order.iter().enumerate() {
            rank[s] = r;
        }
        let words = names.into_iter().map(|(name, stem)| (name, rank[stem])).collect();
        let all_docs = docs.len();
        let stems = order
            .into_iter()
            .map(|s| {
                let p = std::mem::take(&mut stems[s]);
                Encoded::from_text(p.text, p.docs, all_docs)
            })
            .collect();
        Index { docs, words, stems, problems }
    }
}

/// Indexes every document, reading each one itself (`serve`, which renders a few pages at a time).
fn build_index(site: &Site) -> Index {
    let language = Language::new(&site.config.language);
    let mut merged = Merged::default();
    // In batches, so only a batch of documents' word lists is in memory at once.
    for batch in sources(site).chunks(512) {
        let indexed: Vec<Indexed> = batch.par_iter().map(|(meta, source)| index_document(site, &language, meta.clone(), *source)).collect();
        for d in indexed {
            merged.add(&language, d);
        }
    }
    merged.finish()
}

/// The index of a build, gathered as its pages are rendered: a paper is indexed from the events its
/// page was rendered from (so its body is read and parsed once, not twice), other documents as their
/// meeting's pages are made. Documents are merged in the index's order, which is the order
/// [`Gatherer::meeting_order`] gives the meetings: the few that come early wait until it is their turn.
pub struct Gatherer<'s> {
    site: &'s Site,
    language: Language,
    sources: Vec<(Meta, Source)>,
    /// Where each paper, and each other document, is in `sources`.
    paper_at: Vec<usize>,
    at: HashMap<Source, usize>,
    /// Documents handed in, not yet taken into `state`: handing one in never waits for a merge.
    inbox: std::sync::Mutex<Vec<(usize, Indexed)>>,
    state: std::sync::Mutex<Gathering>,
}

#[derive(Default)]
struct Gathering {
    /// The next document to merge, by its place in `sources`.
    next: usize,
    /// Documents indexed before their turn.
    waiting: BTreeMap<usize, Indexed>,
    merged: Merged,
}

impl<'s> Gatherer<'s> {
    pub fn new(site: &'s Site) -> Self {
        let sources = sources(site);
        let mut paper_at = vec![0; site.papers.len()];
        let mut at = HashMap::new();
        for (i, (_, source)) in sources.iter().enumerate() {
            match *source {
                Source::Paper(p) => paper_at[p] = i,
                other => {
                    at.insert(other, i);
                }
            }
        }
        Gatherer { site, language: Language::new(&site.config.language), sources, paper_at, at, inbox: Default::default(), state: Default::default() }
    }

    /// The meetings in the order the index takes their documents: by board, then date (so year by year).
    pub fn meeting_order(site: &Site) -> Vec<usize> {
        let mut order: Vec<usize> = (0..site.meetings.len()).collect();
        order.sort_by_key(|&m| (site.meetings[m].board, site.meetings[m].date, m));
        order
    }

    /// Begins a paper's entry; give it its body with [`PaperEntry::body`] and [`PaperEntry::run`],
    /// then hand it back with [`Gatherer::paper_done`].
    pub fn paper(&self, paper: usize) -> PaperEntry {
        let meta = self.sources[self.paper_at[paper]].0.clone();
        let mut c = Collector::new(&self.language);
        c.add(Field::Title, None, &meta.title);
        PaperEntry::new(self.site, c, meta, paper)
    }

    pub fn paper_done(&self, paper: usize, entry: PaperEntry) {
        self.offer(self.paper_at[paper], entry.finish(None));
    }

    /// Indexes the meeting's documents other than its papers: the meeting, its minutes, its papers'
    /// Markdown appendices.
    pub fn meeting_done(&self, meeting: usize) {
        let site = self.site;
        let m = &site.meetings[meeting];
        let mut others = vec![Source::Meeting(meeting)];
        others.extend(m.minutes.map(Source::Minutes));
        for &p in &m.papers {
            others.extend((0..site.papers[p].appendices.len()).map(|j| Source::Appendix(p, j)));
        }
        for source in others {
            if let Some(&at) = self.at.get(&source) {
                self.offer(at, index_document(site, &self.language, self.sources[at].0.clone(), source));
            }
        }
    }

    /// Hands in `d`, merged when its turn comes with every document after it that is ready. The
    /// merging is done by whichever thread finds no other merging: the others go back to rendering.
    /// Boards and pages belong to no meeting: they are indexed here, when their turn comes.
    fn offer(&self, at: usize, d: Indexed) {
        self.inbox.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((at, d));
        while let Ok(mut state) = self.state.try_lock() {
            let handed: Vec<(usize, Indexed)> = std::mem::take(&mut *self.inbox.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
            if handed.is_empty() {
                break;
            }
            state.waiting.extend(handed);
            self.advance(&mut state, false);
        }
    }

    /// Merges what is ready; when `all`, indexes here whatever is not (a document whose meeting was not
    /// rendered), so the index always has every document.
    fn advance(&self, state: &mut Gathering, all: bool) {
        while let Some((meta, source)) = self.sources.get(state.next) {
            let d = match state.waiting.remove(&state.next) {
                Some(d) => d,
                None if all || matches!(source, Source::Board(_) | Source::Page(_)) => index_document(self.site, &self.language, meta.clone(), *source),
                None => break,
            };
            state.merged.add(&self.language, d);
            state.next += 1;
        }
    }

    /// The whole index, once every meeting's pages are made.
    fn finish(&self) -> Index {
        let mut state = std::mem::take(&mut *self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        state.waiting.extend(std::mem::take(&mut *self.inbox.lock().unwrap_or_else(std::sync::PoisonError::into_inner)));
        self.advance(&mut state, true);
        state.merged.finish()
    }
}

/// The search index is read as the meetings render: each paper from its page's parse.
impl Gather for Gatherer<'_> {
    fn meeting_order(&self) -> Vec<MeetingId> {
        Gatherer::meeting_order(self.site)
    }

    fn paper(&self, paper: PaperId) -> Box<dyn PaperReader + '_> {
        Box::new(Reading { gatherer: self, paper, entry: Gatherer::paper(self, paper) })
    }

    fn meeting_done(&self, meeting: MeetingId) {
        Gatherer::meeting_done(self, meeting);
    }

    fn make(&self, extras: &mut Extras) {
        outputs(self.site, extras, Some(self));
    }
}

/// A paper being read for the index as its page renders; handed back to its gatherer when done.
struct Reading<'g, 's> {
    gatherer: &'g Gatherer<'s>,
    paper: PaperId,
    entry: PaperEntry,
}

impl PaperReader for Reading<'_, '_> {
    fn body(&mut self, body: &str) {
        self.entry.body(body);
    }

    fn run(&mut self, anchor: Option<&str>, text: &str) {
        self.entry.run(anchor, text);
    }

    fn done(self: Box<Self>) {
        let Reading { gatherer, paper, entry } = *self;
        gatherer.paper_done(paper, entry);
    }
}

/// The search page and its index, as a site-wide output: the one that reads every document's body.
pub struct Search;

impl Output for Search {
    fn name(&self) -> &'static str {
        "search"
    }

    fn needs(&self) -> Needs {
        Needs::Bodies
    }

    fn make(&self, site: &Site, _added: &[&str], extras: &mut Extras) {
        outputs(site, extras, None);
    }

    fn gatherer<'s>(&self, site: &'s Site) -> Option<Box<dyn Gather + 's>> {
        Some(Box::new(Gatherer::new(site)))
    }
}

/// Lower-case base-36 digits: short numbers for the postings text.
fn base36(mut n: u64, out: &mut String) {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    // Most numbers in postings (gaps, scores, places) are one digit: written without the loop.
    if n < 36 {
        out.push(char::from(DIGITS[n as usize]));
        return;
    }
    let mut buf = [0u8; 13];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = DIGITS[(n % 36) as usize];
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.extend(buf[i..].iter().map(|&b| char::from(b)));
}

/// A stem's postings as text: entries `gap,score[,place.place…]` separated by spaces, where `gap` is
/// the document number less the previous entry's, numbers are base 36, and places are left out when
/// the word is only at the top of the page (place 0).
#[cfg(test)]
fn encode_postings(postings: &[Posting]) -> String {
    let mut out = String::with_capacity(postings.len() * 8);
    let mut previous = 0u32;
    for (i, p) in postings.iter().enumerate() {
        encode_entry(&mut out, i > 0, p.doc - previous, &p.stats);
        previous = p.doc;
    }
    out
}

/// Appends one entry of [`encode_postings`] to `out` (after a space unless it is the first).
fn encode_entry(out: &mut String, spaced: bool, gap: u32, stats: &Stats) {
    if spaced {
        out.push(' ');
    }
    base36(u64::from(gap), out);
    out.push(',');
    base36(u64::from(stats.score), out);
    if stats.places() != [0] {
        for (j, place) in stats.places().iter().enumerate() {
            out.push(if j == 0 { ',' } else { '.' });
            base36(u64::from(*place), out);
        }
    }
}

/// One shard file: `w` maps each word (as written) to its stem's entry in `p`.
#[derive(Serialize)]
struct Shard<'a> {
    w: BTreeMap<&'a str, usize>,
    p: Vec<Entry<'a>>,
}

/// A stem's postings in a shard: the text itself, or, when longer than [`INLINE_LIMIT`],
/// `[n, documents]`: the text is in `p/<n>.json`, and is in that many documents (so the browser can
/// weigh the download before it makes it).
#[derive(Serialize)]
#[serde(untagged)]
enum Entry<'a> {
    Inline(&'a str),
    External([usize; 2]),
}

fn encode_shard(words: &[(&str, usize)], encoded: &[Encoded]) -> Vec<u8> {
    let mut local: BTreeMap<usize, usize> = BTreeMap::new();
    let mut shard = Shard { w: BTreeMap::new(), p: Vec::new() };
    for &(word, stem) in words {
        let n = *local.entry(stem).or_insert_with(|| {
            let e = &encoded[stem];
            shard.p.push(if e.external { Entry::External([stem, e.docs]) } else { Entry::Inline(&e.text) });
            shard.p.len() - 1
        });
        shard.w.insert(word, n);
    }
    serde_json::to_vec(&shard).unwrap_or_default()
}

/// A stem's postings as text, how many documents they list, and whether they are a file of their own.
struct Encoded {
    text: String,
    docs: usize,
    external: bool,
}

impl Encoded {
    #[cfg(test)]
    fn new(postings: &[Posting], all_docs: usize) -> Self {
        Encoded::from_text(encode_postings(postings), postings.len(), all_docs)
    }

    /// Postings already encoded, listing `docs` of the site's `all_docs` documents.
    fn from_text(text: String, docs: usize, all_docs: usize) -> Self {
        let external = text.len() > INLINE_LIMIT || docs * 4 > all_docs;
        Encoded { text, docs, external }
    }
}

/// The first `n` characters of a word.
fn prefix(word: &str, n: usize) -> &str {
    word.char_indices().nth(n).map_or(word, |(i, _)| &word[..i])
}

/// Cuts the sorted words into shards by prefix: two characters, then one more wherever a shard would
/// pass [`SHARD_LIMIT`]. A word is always in the shard of the longest key that begins it (words as
/// long as a split key stay in that key's shard), which is how `search.js` finds it.
fn shards<'a>(key: &'a str, depth: usize, words: &[(&'a str, usize)], encoded: &[Encoded], out: &mut Vec<(String, Vec<u8>)>) {
    const MIN_DEPTH: usize = 2;
    const MAX_DEPTH: usize = 8;
    if depth >= MIN_DEPTH {
        let bytes = encode_shard(words, encoded);
        if bytes.len() <= SHARD_LIMIT || depth >= MAX_DEPTH {
            out.push((key.to_string(), bytes));
            return;
        }
    }
    let (own, longer): (Vec<_>, Vec<_>) = words.iter().partition(|(w, _)| w.chars().count() <= depth);
    if !own.is_empty() {
        out.push((key.to_string(), encode_shard(&own, encoded)));
    }
    let mut start = 0;
    while start < longer.len() {
        let child = prefix(longer[start].0, depth + 1);
        let end = start + longer[start..].iter().take_while(|(w, _)| prefix(w, depth + 1) == child).count();
        shards(child, depth + 1, &longer[start..end], encoded, out);
        start = end;
    }
}

/// The file name of a shard: its key when that is plain ASCII letters and digits, else `_` and the
/// key's UTF-8 bytes in hex (`search.js` names them the same way).
pub fn shard_file(key: &str) -> String {
    if key.bytes().all(|b| b.is_ascii_alphanumeric()) {
        format!("{key}.json")
    } else {
        let mut name = String::from("_");
        for b in key.bytes() {
            let _ = write!(name, "{b:02x}");
        }
        name.push_str(".json");
        name
    }
}

/// `index.json`: what the browser needs before it reads any shard.
#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    docs: usize,
    chunk: usize,
    stop: &'a [&'a str],
    shards: Vec<&'a str>,
    /// `[value, label]` of each kind, in filter order; groups give kinds by index.
    kinds: Vec<[&'static str; 2]>,
    /// `[slug, title]` of each board; groups give boards by index.
    boards: Vec<[&'a str; 2]>,
    /// `[first document, count, board (-1: none), year (0: none), kind]`: the documents of each
    /// combination, as consecutive numbers.
    groups: Vec<[i64; 5]>,
}

/// One file of the index, made when it is wanted: each is made twice, once for the folder's name (a
/// hash of every file) and once to be written, so the index's files (35 MB at 10,000 papers, ten times
/// that at 100,000) are never all held at once.
enum IndexFile {
    /// `p/<stem>.json`: a common stem's postings.
    Postings(usize),
    /// `t/<key>.json`: the words of a prefix, by number in the shard list.
    Shard(usize),
    /// `d/<n>.json`: the titles, addresses, dates and snippets of a chunk of documents.
    Docs(usize),
    /// `index.json`.
    Manifest,
}

/// `text` as a JSON string. Postings are base-36 digits and punctuation, which JSON writes as they
/// are: quoted without serde_json's character-by-character escaping (made twice per index file).
fn json_string(text: &str) -> Vec<u8> {
    if text.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        let mut out = Vec::with_capacity(text.len() + 2);
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
        out
    } else {
        serde_json::to_vec(text).unwrap_or_default()
    }
}

/// Makes the index, then gives `emit` the index folder's name (which carries a hash of the files'
/// contents, so a browser never mixes two builds), each file's path under that folder, and a function
/// that makes file `i`: the files are made on every thread, and the build's last step waits for them.
/// Returns the folder's name and the files that changed while they were read.
fn index_files(site: &Site, index: Index, emit: &mut dyn FnMut(&str, Vec<String>, &(dyn Fn(usize) -> Vec<u8> + Sync))) -> (String, Vec<Diagnostic>) {
    let language = Language::new(&site.config.language);
    let encoded = &index.stems;
    let words: Vec<(&str, usize)> = index.words.iter().map(|(w, &s)| (w.as_str(), s)).collect();
    let mut shard_list = Vec::new();
    shards("", 0, &words, encoded, &mut shard_list);

    let mut groups: Vec<[i64; 5]> = Vec::new();
    for (i, (meta, _, _)) in index.docs.iter().enumerate() {
        let board = meta.board.map_or(-1, |b| b as i64);
        let kind = Kind::ALL.iter().position(|&k| k == meta.kind).unwrap_or(0) as i64;
        let key = [board, i64::from(meta.year()), kind];
        match groups.last_mut() {
            Some(g) if g[2..] == key => g[1] += 1,
            _ => groups.push([i as i64, 1, key[0], key[1], key[2]]),
        }
    }
    let manifest = Manifest {
        version: 1,
        docs: index.docs.len(),
        chunk: DOCS_PER_CHUNK,
        stop: language.stop_words,
        shards: shard_list.iter().map(|(k, _)| k.as_str()).collect(),
        kinds: Kind::ALL.iter().map(|k| [k.value(), k.label()]).collect(),
        boards: site.boards.iter().map(|b| [b.slug.as_str(), b.doc.matter.title.as_str()]).collect(),
        groups,
    };
    let manifest = serde_json::to_vec(&manifest).unwrap_or_default();

    // Every file by its path, in the order the folder's hash takes them.
    let mut files: BTreeMap<String, IndexFile> = BTreeMap::new();
    for (stem, _) in encoded.iter().enumerate().filter(|(_, e)| e.external) {
        files.insert(format!("p/{stem}.json"), IndexFile::Postings(stem));
    }
    for (n, (key, _)) in shard_list.iter().enumerate() {
        files.insert(format!("t/{}", shard_file(key)), IndexFile::Shard(n));
    }
    for n in 0..index.docs.len().div_ceil(DOCS_PER_CHUNK) {
        files.insert(format!("d/{n}.json"), IndexFile::Docs(n));
    }
    files.insert("index.json".into(), IndexFile::Manifest);
    let make = |file: &IndexFile| -> Cow<'_, [u8]> {
        match *file {
            IndexFile::Postings(stem) => Cow::Owned(json_string(&encoded[stem].text)),
            IndexFile::Shard(n) => Cow::Borrowed(&shard_list[n].1),
            IndexFile::Docs(n) => {
                let chunk = &index.docs[n * DOCS_PER_CHUNK..((n + 1) * DOCS_PER_CHUNK).min(index.docs.len())];
                let records: Vec<(&str, &str, String, String, &str, &str)> = chunk
                    .iter()
                    .map(|(meta, snippet, anchors)| {
                        let (iso, medium) = meta.date.map_or((String::new(), String::new()), |d| (d.iso(), d.medium()));
                        (meta.title.as_str(), meta.path.as_str(), iso, medium, snippet.as_str(), anchors.as_str())
                    })
                    .collect();
                Cow::Owned(serde_json::to_vec(&records).unwrap_or_default())
            }
            IndexFile::Manifest => Cow::Borrowed(&manifest),
        }
    };

    // The folder's name: a hash of each file's path and bytes, the files hashed in parallel and their
    // hashes taken in the order of their paths, so the name depends on the contents alone.
    let files: Vec<(String, IndexFile)> = files.into_iter().collect();
    let hashes: Vec<u64> = files.par_iter().map(|(path, file)| content_hash(&[path.as_bytes(), &make(file)])).collect();
    let mut hash = FxHasher(CONTENT_HASH_SEED);
    hashes.into_iter().for_each(|h| hash.add(h));
    let folder = format!("index-{:012x}/", hash.0 >> 16);
    let (paths, files): (Vec<String>, Vec<IndexFile>) = files.into_iter().unzip();
    emit(&folder, paths, &|i| make(&files[i]).into_owned());
    (folder, index.problems)
}

/// A hash of `parts` that stays the same from build to build and version to version (the index
/// folder's name is made of it). [`FxHasher`] reads eight bytes at a step, and each step is a
/// bijection of its state, so contents that differ in one place always differ in hash.
fn content_hash(parts: &[&[u8]]) -> u64 {
    let mut h = FxHasher(CONTENT_HASH_SEED);
    for part in parts {
        // With its length: parts that differ only in where one ends and the next begins differ.
        std::hash::Hasher::write(&mut h, part);
        h.add(part.len() as u64);
    }
    h.0
}

const CONTENT_HASH_SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// `search` in `search.html`.
#[derive(Debug, Serialize)]
pub struct SearchView {
    /// The index folder (ends in `/`): `search.js` reads `index.json` and the shards from it.
    pub index_url: String,
    pub script_url: String,
    /// Filter options: only what the index holds.
    pub boards: Vec<FilterOption>,
    pub years: Vec<i16>,
    pub kinds: Vec<FilterOption>,
    /// Other ways to find papers, for readers without JavaScript.
    pub boards_index_url: String,
    pub decisions_url: String,
    pub board_links: Vec<LinkView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FilterOption {
    pub value: String,
    pub label: String,
}

/// The search page and, when files are wanted, the index: `gathered` as the build rendered the
/// pages, or read here.
pub fn outputs(site: &Site, extras: &mut Extras, gathered: Option<&Gatherer<'_>>) {
    // For `check`, only the page: its template is what there is to check.
    let folder = if extras.files_wanted {
        let mut trace = crate::trace::Trace::new();
        let index = match gathered {
            Some(g) => g.finish(),
            None => build_index(site),
        };
        trace.mark("  search: documents indexed");
        let (folder, problems) = index_files(site, index, &mut |folder, paths, make| {
            extras.files_in_parallel(paths.into_iter().map(|path| format!("{PAGE}{folder}{path}")).collect(), make);
        });
        extras.diagnostics.extend(problems);
        folder
    } else {
        "index/".to_string()
    };
    let base = format!("{PAGE}{folder}");
    let mut years = BTreeSet::new();
    let mut kinds = BTreeSet::new();
    let read_here;
    let all: &[(Meta, Source)] = match gathered {
        Some(g) => &g.sources,
        None => {
            read_here = sources(site);
            &read_here
        }
    };
    for (meta, _) in all {
        if meta.date.is_some() {
            years.insert(meta.year());
        }
        kinds.insert(meta.kind);
    }
    let view = SearchView {
        index_url: site.href(&base),
        script_url: site.href(SCRIPT),
        boards: site.boards.iter().map(|b| FilterOption { value: b.slug.clone(), label: b.doc.matter.title.clone() }).collect(),
        years: years.into_iter().rev().collect(),
        kinds: kinds.into_iter().map(|k| FilterOption { value: k.value().into(), label: k.plural().into() }).collect(),
        boards_index_url: site.href(crate::render::BOARDS_INDEX),
        decisions_url: site.href(crate::site::paths::DECISIONS),
        // Each board's page is its archive; a long list of boards is left to the boards index.
        board_links: if site.boards.len() <= MAX_BOARD_LINKS { site.boards.iter().map(|b| crate::render::board_link(site, b)).collect() } else { Vec::new() },
    };
    let p = crate::render::page(site, "search", "Search", PAGE, vec![], Some("Search the agendas, reports and minutes.".into()));
    extras.page(PAGE, "search.html", p, vec![("search", tera::Value::from_serializable(&view))]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        words(text, |w| out.push(w.to_string()));
        out
    }

    #[test]
    fn content_hashes_tell_apart_a_changed_byte_and_a_moved_boundary() {
        let base = content_hash(&[b"t/bo.json", b"{\"w\":{}}"]);
        assert_eq!(base, content_hash(&[b"t/bo.json", b"{\"w\":{}}"]));
        assert_ne!(base, content_hash(&[b"t/bo.json", b"{\"w\":{ }"]));
        assert_ne!(base, content_hash(&[b"t/bo.jso", b"n{\"w\":{}}"]));
        // Bytes past the last whole eight, and a trailing zero, count too.
        assert_ne!(content_hash(&[b"abcdefghi"]), content_hash(&[b"abcdefghj"]));
        assert_ne!(content_hash(&[b"ab"]), content_hash(&[b"ab\0"]));
    }

    #[test]
    fn json_strings_are_serde_jsons() {
        for text in ["", "0,3 1,2,a.b", "say \"hi\"", "back\\slash", "tab\there", "café ✓"] {
            assert_eq!(json_string(text), serde_json::to_vec(text).unwrap(), "{text:?}");
        }
    }

    #[test]
    fn words_fold_apostrophes_accents_and_case() {
        assert_eq!(all("The Board’s café-bar, 2026/27: RÉSUMÉ"), ["the", "boards", "cafe", "bar", "2026", "27", "resume"]);
        // A combining accent does not split a word.
        assert_eq!(all("re\u{301}sume\u{301} officers' views"), ["resume", "officers", "views"]);
        assert_eq!(all(&"x".repeat(MAX_WORD_CHARS + 1)), Vec::<String>::new());
    }

    proptest::proptest! {
        /// The index's counting (most words folded straight into a number) finds the words [`words`]
        /// gives, as often, common words left out.
        #[test]
        fn the_index_counts_the_words_that_words_gives(text in "(?s)[A-Za-z0-9 ,.'’\u{301}éÉßİ½Ⅻ\n-]{0,80}|\\PC{0,40}") {
            let language = Language::new("en");
            let mut expected: BTreeMap<String, u32> = BTreeMap::new();
            words(&text, |w| {
                if !language.is_stop_word(w) {
                    *expected.entry(w.to_string()).or_default() += 1;
                }
            });
            let mut c = Collector::new(&language);
            c.add(Field::Body, None, &text);
            let (counted, _) = c.finish();
            let counted: BTreeMap<String, u32> = counted
                .into_iter()
                .map(|(word, stats)| (match word { Word::Short(n) => unpacked(n), Word::Long(w) => w }, stats.score))
                .collect();
            proptest::prop_assert_eq!(counted, expected);
        }
    }

    /// A document with more words than the table's first slots makes it grow; the next document on
    /// the thread starts with nothing counted, and common words are still left out of both.
    #[test]
    fn word_counts_grow_and_start_empty_for_the_next_document() {
        let language = Language::new("en");
        let count = |text: &str| {
            let mut c = Collector::new(&language);
            c.add(Field::Body, None, text);
            let (words, _) = c.finish();
            words.into_iter().map(|(w, s)| (match w { Word::Short(n) => unpacked(n), Word::Long(w) => w }, s.score)).collect::<BTreeMap<String, u32>>()
        };
        let many: String = (0..3 * WordCounts::FIRST_SLOTS).map(|i| format!("the word{i} of and word{i} ")).collect();
        let first = count(&many);
        assert_eq!(first.len(), 3 * WordCounts::FIRST_SLOTS, "every distinct word, no common one");
        assert!(first.iter().all(|(w, &score)| w.starts_with("word") && score == 2), "each counted twice");
        let second = count("The board of the council; the Board.");
        assert_eq!(second, BTreeMap::from([("board".to_string(), 2), ("council".to_string(), 1)]));
    }

    #[test]
    fn packed_words_keep_their_bytes_order_and_length() {
        assert_eq!(packed(""), Some(0));
        assert_eq!(packed("ab"), Some(0x6162 << 112));
        assert_eq!(packed("abcdefghijklmnop"), Some(u128::from_be_bytes(*b"abcdefghijklmnop")));
        assert_eq!(packed("abcdefghijklmnopq"), None);
        for w in ["a", "to", "board", "résumé", "abcdefgh", "partnerships", "abcdefghijklmnop"] {
            assert_eq!(packed_len(packed(w).unwrap()), w.len(), "{w}");
            assert_eq!(unpacked(packed(w).unwrap()), w);
        }
    }

    #[test]
    fn stop_words_are_sorted_and_each_is_found() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        // Every stop word fits the packed test.
        let en = Language::new("en");
        assert_eq!(en.stop_packed.len(), STOP_WORDS.len());
        assert!(STOP_WORDS.iter().all(|w| en.is_stop_word(w)));
        assert!(!en.is_stop_word("thee") && !en.is_stop_word("") && !en.is_stop_word("withdrawn"));
    }

    #[test]
    fn stems_group_forms_but_numbers_stay_whole() {
        let en = Language::new("en-GB");
        assert_eq!(en.stem("decisions"), en.stem("decision"));
        assert_eq!(en.stem("2026"), "2026");
        assert!(en.is_stop_word("the") && !en.is_stop_word("bus"));
        let other = Language::new("cy");
        assert_eq!(other.stem("penderfyniadau"), "penderfyniadau");
        assert!(!other.is_stop_word("the"));
    }

    #[test]
    fn base36_numbers() {
        for (n, text) in [(0, "0"), (9, "9"), (35, "z"), (36, "10"), (1295, "zz"), (u64::MAX, "3w5e11264sgsf")] {
            let mut out = String::from(",");
            base36(n, &mut out);
            assert_eq!(out, format!(",{text}"));
        }
    }

    #[test]
    fn postings_are_compact_text() {
        let p = |doc, score, places: &[u16]| {
            let mut stats = Stats { score, ..Stats::default() };
            places.iter().for_each(|&place| stats.add_place(place));
            Posting { doc, stats }
        };
        assert_eq!(encode_postings(&[p(3, 8, &[0]), p(40, 1, &[2, 5])]), "3,8 11,1,2.5");
    }

    #[test]
    fn places_keep_the_first_few_in_page_order() {
        let mut s = Stats::default();
        for place in [7, 3, 3, 9, 1, 0, 12] {
            s.add(1, place);
        }
        assert_eq!(s.score, 7);
        assert_eq!(s.places(), [0, 1, 3, 7]);
    }

    #[test]
    fn big_shards_split_by_longer_prefixes_and_every_word_has_one_home() {
        // Inline postings of nearly the inline limit: enough of them to pass the shard limit.
        let encoded: Vec<Encoded> = (0..80).map(|_| Encoded { text: "1,1 ".repeat(INLINE_LIMIT / 4 - 1), docs: 1, external: false }).collect();
        let mut owned: Vec<String> = vec!["co".into(), "da".into()];
        owned.extend((0..40).map(|i| format!("coa{i:02}")));
        owned.extend((0..38).map(|i| format!("cob{i:02}")));
        owned.sort();
        let words: Vec<(&str, usize)> = owned.iter().enumerate().map(|(i, w)| (w.as_str(), i)).collect();
        let mut out = Vec::new();
        shards("", 0, &words, &encoded, &mut out);
        let keys: Vec<&str> = out.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["co", "coa", "cob", "da"]);
        assert!(out.iter().all(|(_, bytes)| bytes.len() <= SHARD_LIMIT));
        // The longest key that begins a word is its shard.
        for (word, _) in words {
            let home = keys.iter().filter(|k| word.starts_with(*k)).max_by_key(|k| k.len()).unwrap();
            let (_, bytes) = out.iter().find(|(k, _)| k == home).unwrap();
            let shard: serde_json::Value = serde_json::from_slice(bytes).unwrap();
            assert!(shard["w"].get(word).is_some(), "{word} is not in shard {home}");
        }
    }

    #[test]
    fn long_postings_are_files_of_their_own() {
        let p = |doc| Posting { doc, stats: Stats { score: 1, len: 1, places: [0; PLACES_PER_POSTING] } };
        let many: Vec<Posting> = (0..INLINE_LIMIT as u32).map(p).collect();
        // Long postings, postings in over a quarter of the documents, and the rest.
        let encoded = [Encoded::new(&many, 10_000), Encoded::new(&[p(1)], 3), Encoded::new(&[p(1)], 10)];
        assert!(encoded[0].external && encoded[1].external && !encoded[2].external);
        let encoded = vec![Encoded { docs: 7, ..Encoded::new(&many, 10_000) }, Encoded::new(&[p(1)], 10)];
        let shard: serde_json::Value = serde_json::from_slice(&encode_shard(&[("big", 0), ("bigs", 0), ("small", 1)], &encoded)).unwrap();
        assert_eq!(shard, serde_json::json!({"w": {"big": 0, "bigs": 0, "small": 1}, "p": [[0, 7], "1,1"]}));
    }

    #[test]
    fn shard_files_are_plain_or_hex() {
        assert_eq!(shard_file("co"), "co.json");
        assert_eq!(shard_file("ŵy"), "_c5b579.json");
    }

    #[test]
    fn snippets_are_cut_at_words() {
        assert_eq!(clip("one  two\nthree", 9), "one two…");
        assert_eq!(clip("short", 20), "short");
    }
}
