//! Papers and appendices as indexed by earlier builds, kept in the build cache (`--cache DIR`, file
//! `DIR/search/documents`): reading a document's words is most of the index's time (0.7 s of CPU
//! at 10,000 papers), and after one edit all but one of them are the same.
//!
//! A document is found by a fingerprint of everything its entry is made from: its file's text, its
//! title, address, board, date and kind, the titles of its appendices, and the site's language. Only
//! papers and appendix pages are kept: a meeting's or minutes' entry draws on other documents
//! (agenda titles), and they are few. The file is rewritten with the documents of this build only,
//! so it never grows past the site. A damaged or foreign file is ignored (it is only a shortcut:
//! the index is the same either way, which the build cache's tests hold to).

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use super::gather::{Indexed, Meta, Source};
use super::words::{PLACES_PER_POSTING, Stats, Word};
use crate::codec::{self, Decoder, Encoder, Unframed};
use crate::hash::Map as HashMap;
use crate::site::{AppendixContent, Site};

const MAGIC: &[u8; 8] = b"BPSRCH1\n";
const FORMAT: &str = concat!(
    "boardpack ",
    env!("CARGO_PKG_VERSION"),
    " ",
    env!("BOARDPACK_BUILD_ID"),
    " search/1"
);

/// The kept documents of a cache folder: the file's body, and where each document's entry lies in
/// it. An entry is decoded only when its document is found unchanged, and written back as it was read.
pub(super) struct Kept {
    path: PathBuf,
    body: Vec<u8>,
    docs: HashMap<u64, std::ops::Range<usize>>,
}

/// The entries of this build, in the index's order, for [`Kept::save`].
#[derive(Default)]
pub(super) struct Keeping {
    body: Encoder,
    count: usize,
}

/// Where a cache folder keeps the documents.
fn documents_path(cache: &Path) -> PathBuf {
    cache.join("search").join("documents")
}

/// Document `d`'s entry, encoded as it is kept.
pub(super) fn entry(d: &Indexed) -> Vec<u8> {
    let mut entry = Encoder::default();
    encode(&mut entry, d);
    entry.0
}

impl Keeping {
    /// Room for entries of `bytes` in all (their keys and lengths included).
    pub(super) fn with_capacity(bytes: usize) -> Keeping {
        Keeping {
            body: Encoder(Vec::with_capacity(bytes)),
            count: 0,
        }
    }

    /// Adds document `key`'s entry, encoded ([`entry`]).
    pub(super) fn push(&mut self, key: u64, entry: &[u8]) {
        self.body.u64(key);
        self.body.len(entry.len());
        self.body.0.extend_from_slice(entry);
        self.count += 1;
    }

    /// Appends the entries of `later`, which come after these in the index's order.
    pub(super) fn append(&mut self, later: Keeping) {
        self.body.0.extend_from_slice(&later.body.0);
        self.count += later.count;
    }
}

impl Kept {
    /// No documents, to be kept in `cache` (a build that reads every document anew).
    pub(super) fn none(cache: &Path) -> Kept {
        Kept {
            path: documents_path(cache),
            body: Vec::new(),
            docs: HashMap::default(),
        }
    }

    /// The documents kept in `cache` (none if there are none, or the file cannot be trusted).
    pub(super) fn open(cache: &Path) -> Kept {
        let path = documents_path(cache);
        let mut kept = Kept {
            path,
            body: Vec::new(),
            docs: HashMap::default(),
        };
        let Ok(bytes) = std::fs::read(&kept.path) else {
            return kept;
        };
        let Unframed::Body(body) = codec::unframe(&bytes, MAGIC, FORMAT) else {
            return kept;
        };
        let start = bytes.len() - body.len();
        let mut r = Decoder(body);
        let Some(docs) = entries(&mut r, body.len()) else {
            return kept;
        };
        kept.docs = docs
            .into_iter()
            .map(|(key, range)| (key, start + range.start..start + range.end))
            .collect();
        kept.body = bytes;
        kept
    }

    /// The entry kept for `key`, as indexed for `meta`.
    pub(super) fn get(&self, key: u64, meta: &Meta) -> Option<Indexed> {
        let range = self.docs.get(&key)?.clone();
        decode(&mut Decoder(&self.body[range]), meta.clone())
    }

    /// Adds document `key`'s entry to what this build keeps: the bytes read, if it was found here,
    /// else `d` encoded.
    pub(super) fn keep(&self, keeping: &mut Keeping, key: u64, d: &Indexed) {
        match self.docs.get(&key) {
            Some(range) => keeping.push(key, &self.body[range.clone()]),
            None => keeping.push(key, &entry(d)),
        }
    }

    /// Keeps this build's entries in place of what was kept, unless they are the same. Failing to
    /// write costs the next build time only.
    pub(super) fn save(&self, keeping: Keeping, reused: usize) {
        if reused == self.docs.len() && keeping.count == reused {
            return;
        }
        // The count goes in front of the entries in place: no second copy of them (48 MB at 10,000
        // papers).
        let mut count = Encoder::default();
        count.len(keeping.count);
        let mut body = keeping.body.0;
        body.splice(0..0, count.0);
        let _ = codec::write_framed(&self.path, MAGIC, FORMAT, &body);
    }
}

/// Where each entry of a body lies, by key.
fn entries(r: &mut Decoder, total: usize) -> Option<Vec<(u64, std::ops::Range<usize>)>> {
    let mut found = Vec::new();
    for _ in 0..r.len()? {
        let key = r.u64()?;
        let len = r.len()?;
        let start = total - r.0.len();
        r.bytes(len)?;
        found.push((key, start..start + len));
    }
    r.is_done().then_some(found)
}

/// The fingerprint of what a document's entry is made from, for the documents that are kept.
pub(super) fn key(site: &Site, language: &str, meta: &Meta, source: Source) -> Option<u64> {
    let mut h = crate::hash::fingerprinter();
    (
        language,
        meta.kind.value(),
        meta.board,
        meta.date.map(|d| d.iso()),
        &meta.title,
        &meta.path,
    )
        .hash(&mut h);
    match source {
        Source::Paper(i) => {
            let paper = &site.papers[i];
            paper.doc.text.hash(&mut h);
            for a in &paper.appendices {
                (&a.title, matches!(a.content, AppendixContent::Exempt(_))).hash(&mut h);
            }
        }
        Source::Appendix(i, j) => match &site.papers[i].appendices[j].content {
            AppendixContent::Page(doc) => doc.text.hash(&mut h),
            _ => return None,
        },
        _ => return None,
    }
    Some(h.finish())
}

fn encode(out: &mut Encoder, d: &Indexed) {
    out.str(&d.snippet);
    out.len(d.anchors.len());
    for a in &d.anchors {
        out.str(a);
    }
    out.len(d.words.len());
    for (word, stats) in &d.words {
        match word {
            // Most words fit the low half: lengths, not fixed widths, keep the file small.
            Word::Short(n) => {
                out.u8(0);
                out.len(*n as u64 as usize);
                out.len((*n >> 64) as u64 as usize);
            }
            Word::Long(w) => {
                out.u8(1);
                out.str(w);
            }
        }
        out.len(stats.score as usize);
        out.u8(stats.len);
        for place in &stats.places[..usize::from(stats.len).min(PLACES_PER_POSTING)] {
            out.len(usize::from(*place));
        }
    }
}

fn decode(r: &mut Decoder, meta: Meta) -> Option<Indexed> {
    let snippet = r.str()?.to_string();
    let mut anchors = Vec::new();
    for _ in 0..r.len()? {
        anchors.push(r.str()?.to_string());
    }
    let count = r.len()?;
    let mut words = Vec::with_capacity(count.min(r.0.len()));
    for _ in 0..count {
        let word = match r.u8()? {
            0 => {
                let low = u128::from(u64::try_from(r.len()?).ok()?);
                let high = u128::from(u64::try_from(r.len()?).ok()?);
                Word::Short(low | (high << 64))
            }
            1 => Word::Long(r.str()?.to_string()),
            _ => return None,
        };
        let score = u32::try_from(r.len()?).ok()?;
        let len = r.u8()?;
        if usize::from(len) > PLACES_PER_POSTING {
            return None;
        }
        let mut places = [0u16; PLACES_PER_POSTING];
        for place in &mut places[..usize::from(len)] {
            *place = u16::try_from(r.len()?).ok()?;
        }
        words.push((word, Stats { score, len, places }));
    }
    r.is_done().then_some(Indexed {
        meta,
        snippet,
        anchors,
        words,
        problem: None,
    })
}
