//! The index writer: documents merged in order into postings by stem, then written as shards by word
//! prefix, postings files, document chunks and the manifest, in a folder named by their hash.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::site::Site;

use super::*;

/// One document's entry in a stem's postings, as the tests write them (the index itself encodes
/// each entry as it comes: see [`StemPostings`]).
#[derive(Debug, Clone)]
#[cfg(test)]
pub(super) struct Posting {
    pub(super) doc: u32,
    pub(super) stats: Stats,
}

/// The whole index, before it is cut into files.
pub(super) struct Index {
    /// Each document's facts, snippet and anchors (joined by spaces, as the index files give them:
    /// one string, not one per anchor, for the whole build).
    pub(super) docs: Vec<(Meta, String, String)>,
    /// Every word as written → its stem's number.
    pub(super) words: BTreeMap<String, usize>,
    /// Postings of each stem, by number, encoded.
    pub(super) stems: Vec<Encoded>,
    /// Files that changed while they were read.
    pub(super) problems: Vec<Diagnostic>,
}

/// A stem's postings, encoded entry by entry as documents come, in document order (see
/// [`encode_postings`]): a few bytes an entry, where the entries themselves would be twenty.
#[derive(Default)]
pub(super) struct StemPostings {
    pub(super) text: String,
    pub(super) docs: usize,
    /// The document being read, if it has words of this stem, and their stats so far: several words
    /// of one stem in one document are one entry (scores add up, places merge).
    pub(super) pending: Option<(u32, Stats)>,
    /// The document of the last entry encoded.
    pub(super) last_doc: u32,
    /// The document of the first entry encoded (see [`StemPostings::append`]).
    pub(super) first_doc: u32,
}

impl StemPostings {
    /// Adds `doc`'s stats for one word of this stem; true if it is the document's first word of it
    /// (its entry is then encoded by [`StemPostings::flush`] once the document is all merged).
    pub(super) fn add(&mut self, doc: u32, stats: &Stats) -> bool {
        match &mut self.pending {
            Some((pending_doc, merged)) if *pending_doc == doc => {
                merged.score = merged.score.saturating_add(stats.score);
                for &place in stats.places() {
                    merged.add_place(place);
                }
                false
            }
            _ => {
                debug_assert!(
                    self.pending.is_none(),
                    "the last document's entry is encoded when it is merged"
                );
                self.pending = Some((doc, *stats));
                true
            }
        }
    }

    /// Encodes the pending entry, if any.
    pub(super) fn flush(&mut self) {
        if let Some((doc, stats)) = self.pending.take() {
            let previous = if self.docs == 0 { 0 } else { self.last_doc };
            encode_entry(&mut self.text, self.docs > 0, doc - previous, &stats);
            if self.docs == 0 {
                self.first_doc = doc;
            }
            self.last_doc = doc;
            self.docs += 1;
        }
    }

    /// Appends the postings of `later`, whose documents all come after this one's: only its first
    /// entry's gap changes (it was counted from 0, and now counts from this one's last document).
    pub(super) fn append(&mut self, later: StemPostings) {
        debug_assert!(self.pending.is_none() && later.pending.is_none());
        if later.docs == 0 {
            return;
        }
        if self.docs == 0 {
            *self = later;
            return;
        }
        debug_assert!(later.first_doc > self.last_doc);
        // The first entry is `gap,score…`: its gap is replaced, the rest is taken as it is.
        let rest = later.text.find(',').map_or("", |at| &later.text[at..]);
        self.text.reserve(later.text.len() + 2);
        self.text.push(' ');
        base36(u64::from(later.first_doc - self.last_doc), &mut self.text);
        self.text.push_str(rest);
        self.docs += later.docs;
        self.last_doc = later.last_doc;
    }
}

/// The stems met so far, numbered as met, with their postings.
#[derive(Default)]
pub(super) struct Stems {
    pub(super) ids: FxMap<String, usize>,
    pub(super) names: Vec<String>,
    pub(super) postings: Vec<StemPostings>,
}

impl Stems {
    /// The number of `stem`, numbered now if it is new.
    pub(super) fn id(&mut self, stem: String) -> usize {
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
/// A run of the documents can be merged on its own ([`Merged::starting_at`]) and appended to the
/// runs before it ([`Merged::append`]), so the documents can be merged on every thread.
#[derive(Default)]
pub(super) struct Merged {
    /// The number of the first document (0 unless this is a later run of the documents).
    pub(super) first: u32,
    pub(super) docs: Vec<(Meta, String, String)>,
    // Every word's stem number, by the word (packed into a number when it fits: see `Word`), and
    // every word as written with its stem's number.
    pub(super) short_stem: NumberMap<usize>,
    pub(super) long_stem: FxMap<String, usize>,
    pub(super) names: Vec<(String, usize)>,
    pub(super) stems: Stems,
    pub(super) problems: Vec<Diagnostic>,
    /// The stems of the document being added, whose entries are encoded once it is all read.
    pub(super) touched: Vec<usize>,
}

impl Merged {
    /// An empty run of documents whose first is document `first`.
    pub(super) fn starting_at(first: usize) -> Merged {
        Merged {
            first: u32::try_from(first).unwrap_or(u32::MAX),
            ..Merged::default()
        }
    }

    /// Adds the next document.
    pub(super) fn add(&mut self, language: &Language, d: Indexed) {
        let doc = u32::try_from(self.docs.len())
            .unwrap_or(u32::MAX)
            .saturating_add(self.first);
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

    /// Appends `later`, the run of documents right after this one's, as if they had been added here
    /// one by one: its stems are found or numbered here by name, its postings appended to theirs.
    pub(super) fn append(&mut self, later: Merged) {
        debug_assert_eq!(
            later.first as usize,
            self.first as usize + self.docs.len(),
            "runs are appended in order"
        );
        let Merged {
            docs,
            short_stem,
            long_stem,
            stems,
            problems,
            ..
        } = later;
        let ids: Vec<usize> = stems
            .names
            .into_iter()
            .map(|name| self.stems.id(name))
            .collect();
        for (id, postings) in ids.iter().zip(stems.postings) {
            self.stems.postings[*id].append(postings);
        }
        // The words new here, with their names (the index sorts them by name at the end).
        for (n, stem) in short_stem {
            if self.short_stem.insert(n, ids[stem]).is_none() {
                self.names.push((unpacked(n), ids[stem]));
            }
        }
        for (w, stem) in long_stem {
            if !self.long_stem.contains_key(&w) {
                self.long_stem.insert(w.clone(), ids[stem]);
                self.names.push((w, ids[stem]));
            }
        }
        self.docs.extend(docs);
        self.problems.extend(problems);
    }

    pub(super) fn finish(self) -> Index {
        let Merged {
            docs,
            names,
            stems,
            problems,
            ..
        } = self;
        // Every entry is encoded already: each document's, as it was merged.
        let Stems {
            names: stem_names,
            postings: mut stems,
            ..
        } = stems;
        // Stems are numbered in their alphabetical order.
        let mut order: Vec<usize> = (0..stems.len()).collect();
        order.sort_unstable_by(|&a, &b| stem_names[a].cmp(&stem_names[b]));
        let mut rank = vec![0; stems.len()];
        for (r, &s) in order.iter().enumerate() {
            rank[s] = r;
        }
        let words = names
            .into_iter()
            .map(|(name, stem)| (name, rank[stem]))
            .collect();
        let all_docs = docs.len();
        let stems = order
            .into_iter()
            .map(|s| {
                let p = std::mem::take(&mut stems[s]);
                Encoded::from_text(p.text, p.docs, all_docs)
            })
            .collect();
        Index {
            docs,
            words,
            stems,
            problems,
        }
    }
}

/// Lower-case base-36 digits: short numbers for the postings text.
pub(super) fn base36(mut n: u64, out: &mut String) {
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
pub(super) fn encode_postings(postings: &[Posting]) -> String {
    let mut out = String::with_capacity(postings.len() * 8);
    let mut previous = 0u32;
    for (i, p) in postings.iter().enumerate() {
        encode_entry(&mut out, i > 0, p.doc - previous, &p.stats);
        previous = p.doc;
    }
    out
}

/// Appends one entry of [`encode_postings`] to `out` (after a space unless it is the first).
pub(super) fn encode_entry(out: &mut String, spaced: bool, gap: u32, stats: &Stats) {
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
pub(super) struct Shard<'a> {
    pub(super) w: BTreeMap<&'a str, usize>,
    pub(super) p: Vec<Entry<'a>>,
}

/// A stem's postings in a shard: the text itself, or, when longer than [`INLINE_LIMIT`],
/// `[n, documents]`: the text is in `p/<n>.json`, and is in that many documents (so the browser can
/// weigh the download before it makes it).
#[derive(Serialize)]
#[serde(untagged)]
pub(super) enum Entry<'a> {
    Inline(&'a str),
    External([usize; 2]),
}

pub(super) fn encode_shard(words: &[(&str, usize)], encoded: &[Encoded]) -> Vec<u8> {
    let mut local: BTreeMap<usize, usize> = BTreeMap::new();
    let mut shard = Shard {
        w: BTreeMap::new(),
        p: Vec::new(),
    };
    for &(word, stem) in words {
        let n = *local.entry(stem).or_insert_with(|| {
            let e = &encoded[stem];
            shard.p.push(if e.external {
                Entry::External([stem, e.docs])
            } else {
                Entry::Inline(&e.text)
            });
            shard.p.len() - 1
        });
        shard.w.insert(word, n);
    }
    serde_json::to_vec(&shard).unwrap_or_default()
}

/// A stem's postings as text, how many documents they list, and whether they are a file of their own.
pub(super) struct Encoded {
    pub(super) text: String,
    pub(super) docs: usize,
    pub(super) external: bool,
}

impl Encoded {
    #[cfg(test)]
    pub(super) fn new(postings: &[Posting], all_docs: usize) -> Self {
        Encoded::from_text(encode_postings(postings), postings.len(), all_docs)
    }

    /// Postings already encoded, listing `docs` of the site's `all_docs` documents.
    pub(super) fn from_text(text: String, docs: usize, all_docs: usize) -> Self {
        let external = text.len() > INLINE_LIMIT || docs * 4 > all_docs;
        Encoded {
            text,
            docs,
            external,
        }
    }
}

/// The first `n` characters of a word.
pub(super) fn prefix(word: &str, n: usize) -> &str {
    word.char_indices().nth(n).map_or(word, |(i, _)| &word[..i])
}

/// Cuts the sorted words into shards by prefix: two characters, then one more wherever a shard would
/// pass [`SHARD_LIMIT`]. A word is always in the shard of the longest key that begins it (words as
/// long as a split key stay in that key's shard), which is how `search.js` finds it.
pub(super) fn shards<'a>(
    key: &'a str,
    depth: usize,
    words: &[(&'a str, usize)],
    encoded: &[Encoded],
    out: &mut Vec<(String, Vec<u8>)>,
) {
    const MIN_DEPTH: usize = 2;
    const MAX_DEPTH: usize = 8;
    if depth >= MIN_DEPTH {
        let bytes = encode_shard(words, encoded);
        if bytes.len() <= SHARD_LIMIT || depth >= MAX_DEPTH {
            out.push((key.to_string(), bytes));
            return;
        }
    }
    let (own, longer): (Vec<_>, Vec<_>) =
        words.iter().partition(|(w, _)| w.chars().count() <= depth);
    if !own.is_empty() {
        out.push((key.to_string(), encode_shard(&own, encoded)));
    }
    let mut start = 0;
    while start < longer.len() {
        let child = prefix(longer[start].0, depth + 1);
        let end = start
            + longer[start..]
                .iter()
                .take_while(|(w, _)| prefix(w, depth + 1) == child)
                .count();
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
pub(super) struct Manifest<'a> {
    pub(super) version: u32,
    pub(super) docs: usize,
    pub(super) chunk: usize,
    pub(super) stop: &'a [&'a str],
    pub(super) shards: Vec<&'a str>,
    /// `[value, label]` of each kind, in filter order; groups give kinds by index.
    pub(super) kinds: Vec<[&'static str; 2]>,
    /// `[slug, title]` of each board; groups give boards by index.
    pub(super) boards: Vec<[&'a str; 2]>,
    /// `[first document, count, board (-1: none), year (0: none), kind]`: the documents of each
    /// combination, as consecutive numbers.
    pub(super) groups: Vec<[i64; 5]>,
}

/// One file of the index, made when it is wanted: each is made twice, once for the folder's name (a
/// hash of every file) and once to be written, so the index's files (35 MB at 10,000 papers, ten times
/// that at 100,000) are never all held at once.
pub(super) enum IndexFile {
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
pub(super) fn json_string(text: &str) -> Vec<u8> {
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
pub(super) fn index_files(
    site: &Site,
    index: Index,
    emit: &mut dyn FnMut(&str, Vec<String>, &(dyn Fn(usize) -> Vec<u8> + Sync)),
) -> (String, Vec<Diagnostic>) {
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
        boards: site
            .boards
            .iter()
            .map(|b| [b.slug.as_str(), b.doc.matter.title.as_str()])
            .collect(),
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
                let chunk = &index.docs
                    [n * DOCS_PER_CHUNK..((n + 1) * DOCS_PER_CHUNK).min(index.docs.len())];
                let records: Vec<(&str, &str, String, String, &str, &str)> = chunk
                    .iter()
                    .map(|(meta, snippet, anchors)| {
                        let (iso, medium) = meta
                            .date
                            .map_or((String::new(), String::new()), |d| (d.iso(), d.medium()));
                        (
                            meta.title.as_str(),
                            meta.path.as_str(),
                            iso,
                            medium,
                            snippet.as_str(),
                            anchors.as_str(),
                        )
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
    let hashes: Vec<u64> = files
        .par_iter()
        .map(|(path, file)| content_hash(&[path.as_bytes(), &make(file)]))
        .collect();
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
pub(super) fn content_hash(parts: &[&[u8]]) -> u64 {
    let mut h = FxHasher(CONTENT_HASH_SEED);
    for part in parts {
        // With its length: parts that differ only in where one ends and the next begins differ.
        std::hash::Hasher::write(&mut h, part);
        h.add(part.len() as u64);
    }
    h.0
}

pub(super) const CONTENT_HASH_SEED: u64 = 0xcbf2_9ce4_8422_2325;

#[cfg(test)]
mod tests {
    use super::*;

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
        for text in [
            "",
            "0,3 1,2,a.b",
            "say \"hi\"",
            "back\\slash",
            "tab\there",
            "café ✓",
        ] {
            assert_eq!(
                json_string(text),
                serde_json::to_vec(text).unwrap(),
                "{text:?}"
            );
        }
    }

    /// Documents of words drawn from a small vocabulary (long and short words, words of one stem),
    /// as the index would get them.
    fn sample_documents(count: usize) -> Vec<Indexed> {
        const VOCABULARY: [&str; 12] = [
            "decision",
            "decisions",
            "decided",
            "budget",
            "transport",
            "consultation",
            "internationalisation",
            "counterproductively",
            "school",
            "schools",
            "flood",
            "zebra",
        ];
        let mut seed = 0x9e37_79b9_u64;
        (0..count)
            .map(|i| {
                let mut words: Vec<(Word, Stats)> = Vec::new();
                for word in VOCABULARY {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    if (seed >> 33) % 3 != 0 {
                        continue;
                    }
                    let mut stats = Stats::default();
                    stats.add(((seed >> 40) % 9 + 1) as u32, ((seed >> 50) % 40) as u16);
                    let word = packed(word).map_or_else(|| Word::Long(word.into()), Word::Short);
                    words.push((word, stats));
                }
                Indexed {
                    meta: Meta {
                        kind: Kind::Paper,
                        board: None,
                        date: None,
                        title: format!("Paper {i}"),
                        path: format!("p/{i}/"),
                    },
                    snippet: format!("Snippet {i}"),
                    anchors: vec![format!("p{i}")],
                    words,
                    problem: None,
                }
            })
            .collect()
    }

    fn summary(
        index: &Index,
    ) -> (
        Vec<(String, usize)>,
        Vec<(String, usize, bool)>,
        Vec<String>,
    ) {
        (
            index.words.iter().map(|(w, &s)| (w.clone(), s)).collect(),
            index
                .stems
                .iter()
                .map(|e| (e.text.clone(), e.docs, e.external))
                .collect(),
            index
                .docs
                .iter()
                .map(|(m, s, a)| format!("{} {s} {a}", m.path))
                .collect(),
        )
    }

    #[test]
    fn runs_merged_apart_and_appended_are_one_merge() {
        let language = Language::new("en");
        let whole = {
            let mut merged = Merged::default();
            for d in sample_documents(300) {
                merged.add(&language, d);
            }
            summary(&merged.finish())
        };
        assert!(
            whole.1.iter().any(|(_, docs, _)| *docs > 50),
            "some stems are common"
        );
        for cuts in [
            vec![1],
            vec![150],
            vec![7, 8, 9, 200],
            vec![299],
            vec![0, 0, 300],
        ] {
            let documents = sample_documents(300);
            let mut bounds = vec![0];
            bounds.extend(&cuts);
            bounds.push(documents.len());
            let mut documents = documents.into_iter();
            let mut runs = bounds.windows(2).map(|w| {
                let mut run = Merged::starting_at(w[0]);
                for d in documents.by_ref().take(w[1].saturating_sub(w[0])) {
                    run.add(&language, d);
                }
                run
            });
            let mut merged = runs.next().expect("one run at least");
            for run in runs {
                merged.append(run);
            }
            assert_eq!(summary(&merged.finish()), whole, "cut at {cuts:?}");
        }
    }

    #[test]
    fn base36_numbers() {
        for (n, text) in [
            (0, "0"),
            (9, "9"),
            (35, "z"),
            (36, "10"),
            (1295, "zz"),
            (u64::MAX, "3w5e11264sgsf"),
        ] {
            let mut out = String::from(",");
            base36(n, &mut out);
            assert_eq!(out, format!(",{text}"));
        }
    }

    #[test]
    fn postings_are_compact_text() {
        let p = |doc, score, places: &[u16]| {
            let mut stats = Stats {
                score,
                ..Stats::default()
            };
            places.iter().for_each(|&place| stats.add_place(place));
            Posting { doc, stats }
        };
        assert_eq!(
            encode_postings(&[p(3, 8, &[0]), p(40, 1, &[2, 5])]),
            "3,8 11,1,2.5"
        );
    }

    #[test]
    fn big_shards_split_by_longer_prefixes_and_every_word_has_one_home() {
        // Inline postings of nearly the inline limit: enough of them to pass the shard limit.
        let encoded: Vec<Encoded> = (0..80)
            .map(|_| Encoded {
                text: "1,1 ".repeat(INLINE_LIMIT / 4 - 1),
                docs: 1,
                external: false,
            })
            .collect();
        let mut owned: Vec<String> = vec!["co".into(), "da".into()];
        owned.extend((0..40).map(|i| format!("coa{i:02}")));
        owned.extend((0..38).map(|i| format!("cob{i:02}")));
        owned.sort();
        let words: Vec<(&str, usize)> = owned
            .iter()
            .enumerate()
            .map(|(i, w)| (w.as_str(), i))
            .collect();
        let mut out = Vec::new();
        shards("", 0, &words, &encoded, &mut out);
        let keys: Vec<&str> = out.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["co", "coa", "cob", "da"]);
        assert!(out.iter().all(|(_, bytes)| bytes.len() <= SHARD_LIMIT));
        // The longest key that begins a word is its shard.
        for (word, _) in words {
            let home = keys
                .iter()
                .filter(|k| word.starts_with(*k))
                .max_by_key(|k| k.len())
                .unwrap();
            let (_, bytes) = out.iter().find(|(k, _)| k == home).unwrap();
            let shard: serde_json::Value = serde_json::from_slice(bytes).unwrap();
            assert!(
                shard["w"].get(word).is_some(),
                "{word} is not in shard {home}"
            );
        }
    }

    #[test]
    fn long_postings_are_files_of_their_own() {
        let p = |doc| Posting {
            doc,
            stats: Stats {
                score: 1,
                len: 1,
                places: [0; PLACES_PER_POSTING],
            },
        };
        let many: Vec<Posting> = (0..INLINE_LIMIT as u32).map(p).collect();
        // Long postings, postings in over a quarter of the documents, and the rest.
        let encoded = [
            Encoded::new(&many, 10_000),
            Encoded::new(&[p(1)], 3),
            Encoded::new(&[p(1)], 10),
        ];
        assert!(encoded[0].external && encoded[1].external && !encoded[2].external);
        let encoded = vec![
            Encoded {
                docs: 7,
                ..Encoded::new(&many, 10_000)
            },
            Encoded::new(&[p(1)], 10),
        ];
        let shard: serde_json::Value = serde_json::from_slice(&encode_shard(
            &[("big", 0), ("bigs", 0), ("small", 1)],
            &encoded,
        ))
        .unwrap();
        assert_eq!(
            shard,
            serde_json::json!({"w": {"big": 0, "bigs": 0, "small": 1}, "p": [[0, 7], "1,1"]})
        );
    }

    #[test]
    fn shard_files_are_plain_or_hex() {
        assert_eq!(shard_file("co"), "co.json");
        assert_eq!(shard_file("ŵy"), "_c5b579.json");
    }
}
