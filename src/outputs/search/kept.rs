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
const FORMAT: &str = concat!("boardpack ", env!("CARGO_PKG_VERSION"), " search/1");

/// What is kept of one document's entry.
#[derive(Clone)]
pub(super) struct KeptDoc {
    snippet: String,
    anchors: Vec<String>,
    words: Vec<(Word, Stats)>,
}

impl KeptDoc {
    pub(super) fn of(d: &Indexed) -> KeptDoc {
        KeptDoc {
            snippet: d.snippet.clone(),
            anchors: d.anchors.clone(),
            words: d.words.clone(),
        }
    }

    pub(super) fn indexed(&self, meta: Meta) -> Indexed {
        Indexed {
            meta,
            snippet: self.snippet.clone(),
            anchors: self.anchors.clone(),
            words: self.words.clone(),
            problem: None,
        }
    }
}

/// The kept documents of a cache folder, by fingerprint.
pub(super) struct Kept {
    path: PathBuf,
    pub(super) docs: HashMap<u64, KeptDoc>,
}

impl Kept {
    /// The documents kept in `cache` (none if there are none, or the file cannot be trusted).
    pub(super) fn open(cache: &Path) -> Kept {
        let path = cache.join("search").join("documents");
        let docs = std::fs::read(&path)
            .ok()
            .and_then(|bytes| match codec::unframe(&bytes, MAGIC, FORMAT) {
                Unframed::Body(body) => decode(&mut Decoder(body)),
                _ => None,
            })
            .unwrap_or_default();
        Kept { path, docs }
    }

    /// Keeps `docs` in place of what was kept. Failing to write costs the next build time only.
    pub(super) fn save(&self, docs: &HashMap<u64, KeptDoc>) {
        let mut body = Encoder::default();
        let mut keys: Vec<&u64> = docs.keys().collect();
        keys.sort_unstable();
        body.len(keys.len());
        for key in keys {
            body.u64(*key);
            encode(&mut body, &docs[key]);
        }
        let _ = codec::write_atomically(&self.path, &codec::frame(MAGIC, FORMAT, &body.0));
    }
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

fn encode(out: &mut Encoder, d: &KeptDoc) {
    out.str(&d.snippet);
    out.len(d.anchors.len());
    for a in &d.anchors {
        out.str(a);
    }
    out.len(d.words.len());
    for (word, stats) in &d.words {
        match word {
            Word::Short(n) => {
                out.u8(0);
                out.u64(*n as u64);
                out.u64((*n >> 64) as u64);
            }
            Word::Long(w) => {
                out.u8(1);
                out.str(w);
            }
        }
        out.u64(u64::from(stats.score));
        out.u8(stats.len);
        for place in stats.places {
            out.len(usize::from(place));
        }
    }
}

fn decode(r: &mut Decoder) -> Option<HashMap<u64, KeptDoc>> {
    let mut docs = HashMap::default();
    for _ in 0..r.len()? {
        let key = r.u64()?;
        let snippet = r.str()?.to_string();
        let mut anchors = Vec::new();
        for _ in 0..r.len()? {
            anchors.push(r.str()?.to_string());
        }
        let mut words = Vec::new();
        for _ in 0..r.len()? {
            let word = match r.u8()? {
                0 => {
                    let low = u128::from(r.u64()?);
                    let high = u128::from(r.u64()?);
                    Word::Short(low | (high << 64))
                }
                1 => Word::Long(r.str()?.to_string()),
                _ => return None,
            };
            let score = u32::try_from(r.u64()?).ok()?;
            let len = r.u8()?;
            let mut places = [0u16; PLACES_PER_POSTING];
            for place in &mut places {
                *place = u16::try_from(r.len()?).ok()?;
            }
            if usize::from(len) > PLACES_PER_POSTING {
                return None;
            }
            words.push((word, Stats { score, len, places }));
        }
        docs.insert(
            key,
            KeptDoc {
                snippet,
                anchors,
                words,
            },
        );
    }
    r.is_done().then_some(docs)
}
