//! Words: folding (apostrophes, accents, case), splitting, stop words and Snowball stems, the same
//! rules as `search.js`; and the counting of one document's words, field by field and place by place.

use std::collections::HashMap;

use crate::content::markdown::{self, Settings};

/// Places on a page kept per word and document: enough to find where several query words meet.
pub(super) const PLACES_PER_POSTING: usize = 4;

/// Longest word indexed; longer runs are codes or addresses, not words anyone types.
pub(super) const MAX_WORD_CHARS: usize = 40;

/// Words too common to search for (English sites only). The browser gets this list in `index.json`.
pub(super) const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has",
    "have", "i", "if", "in", "into", "is", "it", "its", "of", "on", "or", "our", "such", "that",
    "the", "their", "then", "there", "these", "they", "this", "to", "was", "we", "were", "which",
    "will", "with", "would",
];

/// Where words are on a page, and how much a match there counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Title = 8,
    Summary = 3,
    Body = 1,
}

/// What a word scores in one document, and the first places on the page it is at (indices into the
/// document's anchors; 0 is the top of the page). Fixed-size, so millions of them cost no allocation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Stats {
    pub(super) score: u32,
    pub(super) len: u8,
    pub(super) places: [u16; PLACES_PER_POSTING],
}

impl Stats {
    pub(super) fn add(&mut self, weight: u32, place: u16) {
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
    pub(super) fn add_place(&mut self, place: u16) {
        let len = usize::from(self.len);
        let Err(at) = self.places[..len].binary_search(&place) else {
            return;
        };
        if at >= PLACES_PER_POSTING {
            return;
        }
        let end = (len + 1).min(PLACES_PER_POSTING);
        self.places.copy_within(at..end - 1, at + 1);
        self.places[at] = place;
        self.len = end as u8;
    }

    pub(super) fn places(&self) -> &[u16] {
        &self.places[..usize::from(self.len)]
    }
}

/// FxHash (as in rustc): the index hashes every word of the site, and SipHash's protection against
/// crafted collisions is not needed for a site's own text at build time.
#[derive(Default, Clone, Copy)]
pub(super) struct FxHasher(pub(super) u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
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
    pub(super) fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub(super) type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// A map keyed by [`packed`] words. Not [`FxMap`]: a short word's number ends in zero bytes, which
/// FxHash's multiply leaves in the low bits the table indexes by, so most words would collide.
pub(super) type NumberMap<V> = HashMap<Packed, V, foldhash::fast::FixedState>;

/// A word of at most [`PACKED_MAX`] bytes as one number ([`packed`]).
pub(super) type Packed = u128;

/// The longest word, in bytes, kept as a number: nearly every word of English text.
pub(super) const PACKED_MAX: usize = 16;

/// A folded word: nearly all fit in [`PACKED_MAX`] bytes, and are kept as one number ([`packed`]),
/// which hashes and compares far faster than a string (the index counts every word of the site).
#[derive(Debug, Clone)]
pub(super) enum Word {
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
pub(super) struct WordCounts {
    /// A word's number and its stats; number 0 is an empty slot (no word packs to 0).
    pub(super) slots: Vec<(Packed, Stats)>,
    /// Slots in use, common words included.
    pub(super) used: usize,
    /// The slots of this document's counted words.
    pub(super) counted: Vec<u32>,
    /// Which common words are in the table (the address of the language's list).
    pub(super) stop_words: usize,
}

/// [`Stats::len`] of a common word's slot: not counted.
pub(super) const STOP: u8 = u8::MAX;

thread_local! {
    /// Each thread's [`WordCounts`], empty of counted words, for its next document.
    static WORD_COUNTS: std::cell::RefCell<Option<WordCounts>> = const { std::cell::RefCell::new(None) };
}

impl WordCounts {
    pub(super) const FIRST_SLOTS: usize = 1024;

    /// The thread's table (or a new one) with `language`'s common words in it and nothing counted.
    pub(super) fn take(language: &Language) -> Self {
        let key = language.stop_words.as_ptr() as usize;
        match WORD_COUNTS.with(|t| t.borrow_mut().take()) {
            Some(t) if t.stop_words == key => t,
            _ => {
                let mut t = WordCounts {
                    slots: vec![(0, Stats::default()); Self::FIRST_SLOTS],
                    used: 0,
                    counted: Vec::new(),
                    stop_words: key,
                };
                for &n in &language.stop_packed {
                    let i = t.probe(n);
                    t.slots[i] = (
                        n,
                        Stats {
                            len: STOP,
                            ..Stats::default()
                        },
                    );
                    t.used += 1;
                }
                t
            }
        }
    }

    /// Gives the table back to the thread, emptied of counted words, for its next document.
    pub(super) fn give_back(mut self) {
        for &i in &self.counted {
            self.slots[i as usize] = (0, Stats::default());
        }
        self.used -= self.counted.len();
        self.counted.clear();
        WORD_COUNTS.with(|t| *t.borrow_mut() = Some(self));
    }

    /// The slot of `n`, or the empty slot where it would go.
    pub(super) fn probe(&self, n: Packed) -> usize {
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
    pub(super) fn count(&mut self, n: Packed, weight: u32, place: u16) {
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
    pub(super) fn grow(&mut self) {
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
    pub(super) fn words(&self) -> impl Iterator<Item = (Packed, Stats)> + '_ {
        self.counted.iter().map(|&i| self.slots[i as usize])
    }
}

/// Reads a document's text into words, remembering where on the page each one is: text is folded
/// ([`words`] says how) and counted word by word as it comes, so nothing but the current word is copied.
pub(super) struct Collector {
    pub(super) anchors: Vec<String>,
    /// The place of each anchor: its index in `anchors` plus one.
    pub(super) places: FxMap<String, usize>,
    /// The word being read, folded, and what it weighs and where on the page it is.
    pub(super) word: String,
    pub(super) piece: (u32, u16),
    /// Words of at most [`PACKED_MAX`] bytes by their number, common words marked.
    pub(super) short: WordCounts,
    pub(super) long: FxMap<String, Stats>,
}

impl Collector {
    pub(super) fn new(language: &Language) -> Self {
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
    pub(super) fn add(&mut self, field: Field, anchor: Option<&str>, text: &str) {
        self.end_word();
        self.run(field, anchor, text);
        self.end_word();
    }

    /// Adds a run of text, which may continue a word of the run before if that has the same field
    /// and anchor.
    pub(super) fn run(&mut self, field: Field, anchor: Option<&str>, text: &str) {
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
    pub(super) fn fold(&mut self, text: &str) {
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
                    let Some(c) = text[i..].chars().next() else {
                        break;
                    };
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
                    while let Some(&folded) = bytes
                        .get(i)
                        .map(|&b| &BYTE_FOLD[usize::from(b)])
                        .filter(|&&f| f > NON_ASCII)
                    {
                        // Past PACKED_MAX bytes the first ones drop off the top; such a word is read
                        // again below as a string.
                        n = (n << 8) | Packed::from(folded);
                        i += 1;
                    }
                    let len = i - start;
                    if len <= PACKED_MAX
                        && bytes
                            .get(i)
                            .is_some_and(|&b| BYTE_FOLD[usize::from(b)] == SEPARATOR)
                    {
                        self.count_packed(n << (8 * (PACKED_MAX - len)));
                    } else {
                        // Longer, or going on (after an apostrophe, into other characters, or into the
                        // next run): read as any other word.
                        self.word.extend(
                            bytes[start..i]
                                .iter()
                                .map(|&b| char::from(BYTE_FOLD[usize::from(b)])),
                        );
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
    pub(super) fn count_packed(&mut self, n: Packed) {
        let (weight, place) = self.piece;
        self.short.count(n, weight, place);
    }

    /// Counts the word being read, if any, unless it is too long or too common.
    pub(super) fn end_word(&mut self) {
        if self.word.is_empty() {
            return;
        }
        let (weight, place) = self.piece;
        if fits(&self.word) {
            match packed(&self.word) {
                Some(n) => self.count_packed(n),
                None => match self.long.get_mut(self.word.as_str()) {
                    Some(stats) => stats.add(weight, place),
                    None => self
                        .long
                        .entry(self.word.clone())
                        .or_default()
                        .add(weight, place),
                },
            }
        }
        self.word.clear();
    }

    /// Markdown, run by run, so each word knows its paragraph or heading.
    pub(super) fn markdown(&mut self, field: Field, source: &str, settings: Settings) {
        markdown::walk_sections(source, settings, &mut |anchor, text| {
            self.run(field, anchor, text)
        });
        self.end_word();
    }

    /// Markdown of one place on the page (a minute item): all its words are at `anchor`.
    pub(super) fn markdown_at(&mut self, field: Field, anchor: &str, source: &str) {
        markdown::walk_sections(source, Settings::default(), &mut |_, text| {
            self.run(field, Some(anchor), text)
        });
        self.end_word();
    }

    /// The document's words with their stats, and the anchors they are at.
    pub(super) fn finish(mut self) -> (Vec<(Word, Stats)>, Vec<String>) {
        self.end_word();
        let short = self.short.words().map(|(n, s)| (Word::Short(n), s));
        let words = short
            .chain(self.long.into_iter().map(|(w, s)| (Word::Long(w), s)))
            .collect();
        self.short.give_back();
        (words, self.anchors)
    }
}

/// The site's language, for stemming and common words.
pub(super) struct Language {
    pub(super) stemmer: Option<rust_stemmers::Stemmer>,
    pub(super) stop_words: &'static [&'static str],
    /// The same, each word's bytes as one number ([`packed`]): each document's word counts have
    /// them, marked as not counted (see [`WordCounts`]).
    pub(super) stop_packed: Vec<Packed>,
}

/// A word of at most [`PACKED_MAX`] bytes as a number, its first byte highest (distinct words,
/// distinct numbers); `None` if longer.
pub(super) fn packed(word: &str) -> Option<Packed> {
    let bytes = word.as_bytes();
    if bytes.len() > PACKED_MAX {
        return None;
    }
    // Byte by byte, not a copy into an array: a copy of a length unknown at compile time is a call.
    let n = bytes
        .iter()
        .fold(0, |n: Packed, &b| (n << 8) | Packed::from(b));
    Some(
        n.checked_shl(8 * (PACKED_MAX - bytes.len()) as u32)
            .unwrap_or(0),
    )
}

/// The word [`packed`] into `n`.
pub(super) fn unpacked(n: Packed) -> String {
    String::from_utf8_lossy(&n.to_be_bytes()[..packed_len(n)]).into_owned()
}

/// The length in bytes of a word [`packed`] into `n`.
pub(super) fn packed_len(n: Packed) -> usize {
    PACKED_MAX - (n.trailing_zeros() / 8) as usize
}

impl Language {
    /// Snowball stemmers exist for these; other languages get whole-word and prefix matching.
    pub(super) fn new(tag: &str) -> Self {
        use rust_stemmers::Algorithm::*;
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
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
        Language {
            stemmer: algorithm.map(rust_stemmers::Stemmer::create),
            stop_words,
            stop_packed,
        }
    }

    #[cfg(test)]
    pub(super) fn is_stop_word(&self, word: &str) -> bool {
        packed(word).is_some_and(|n| self.stop_packed.contains(&n))
    }

    pub(super) fn stem(&self, word: &str) -> String {
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
    folded
        .split(' ')
        .filter(|w| !w.is_empty() && fits(w))
        .for_each(&mut f);
}

/// Appends the words of `text` to `out`, folded as [`words`] says, separated by one space. A word at
/// the end of `out` is continued by a word at the start of `text`; none is ended at the end.
pub(super) fn fold_into(text: &str, out: &mut String) {
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
pub(super) fn fold_char(c: char, mut push: impl FnMut(char)) -> bool {
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
pub(super) const SEPARATOR: u8 = 0;

/// [`BYTE_FOLD`]'s mark for `'`, which is within a word (`Board's` is one word).
pub(super) const APOSTROPHE: u8 = 1;

/// [`BYTE_FOLD`]'s mark for a byte of a character beyond ASCII, folded as a character.
pub(super) const NON_ASCII: u8 = 2;

/// What each byte folds to: ASCII letters and digits to themselves in lower case, else a mark.
pub(super) static BYTE_FOLD: [u8; 256] = {
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
pub(super) fn fits(word: &str) -> bool {
    word.len() <= MAX_WORD_CHARS || word.chars().count() <= MAX_WORD_CHARS
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn all(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        words(text, |w| out.push(w.to_string()));
        out
    }

    #[test]
    fn words_fold_apostrophes_accents_and_case() {
        assert_eq!(
            all("The Board’s café-bar, 2026/27: RÉSUMÉ"),
            ["the", "boards", "cafe", "bar", "2026", "27", "resume"]
        );
        // A combining accent does not split a word.
        assert_eq!(
            all("re\u{301}sume\u{301} officers' views"),
            ["resume", "officers", "views"]
        );
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
            words
                .into_iter()
                .map(|(w, s)| {
                    (
                        match w {
                            Word::Short(n) => unpacked(n),
                            Word::Long(w) => w,
                        },
                        s.score,
                    )
                })
                .collect::<BTreeMap<String, u32>>()
        };
        let many: String = (0..3 * WordCounts::FIRST_SLOTS)
            .map(|i| format!("the word{i} of and word{i} "))
            .collect();
        let first = count(&many);
        assert_eq!(
            first.len(),
            3 * WordCounts::FIRST_SLOTS,
            "every distinct word, no common one"
        );
        assert!(
            first
                .iter()
                .all(|(w, &score)| w.starts_with("word") && score == 2),
            "each counted twice"
        );
        let second = count("The board of the council; the Board.");
        assert_eq!(
            second,
            BTreeMap::from([("board".to_string(), 2), ("council".to_string(), 1)])
        );
    }

    #[test]
    fn packed_words_keep_their_bytes_order_and_length() {
        assert_eq!(packed(""), Some(0));
        assert_eq!(packed("ab"), Some(0x6162 << 112));
        assert_eq!(
            packed("abcdefghijklmnop"),
            Some(u128::from_be_bytes(*b"abcdefghijklmnop"))
        );
        assert_eq!(packed("abcdefghijklmnopq"), None);
        for w in [
            "a",
            "to",
            "board",
            "résumé",
            "abcdefgh",
            "partnerships",
            "abcdefghijklmnop",
        ] {
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
    fn places_keep_the_first_few_in_page_order() {
        let mut s = Stats::default();
        for place in [7, 3, 3, 9, 1, 0, 12] {
            s.add(1, place);
        }
        assert_eq!(s.score, 7);
        assert_eq!(s.places(), [0, 1, 3, 7]);
    }
}
