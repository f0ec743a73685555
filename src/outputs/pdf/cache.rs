//! Typeset PDFs kept between builds: a pack is typeset again only when its source, images, theme
//! or fonts changed, or boardpack did. Typesetting is the slowest thing a build does (about 6 ms a
//! page), and most meetings of a site never change again.
//!
//! An entry is found by a 128-bit fingerprint of everything the PDF is made from, and holds the PDF
//! with its own checksum: an entry that was cut short or altered is never used (a warning says it
//! was made again), so a damaged cache can cost time but never publish a wrong PDF.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::engine::Typeset;

const MAGIC: &[u8; 8] = b"BPPDF01\n";
/// Magic, page count, length, checksum.
const HEADER: usize = 8 + 8 + 8 + 16;

/// What an entry is made from, which finds it.
pub type Key = u128;

/// A 128-bit fingerprint of `parts`, from two seeds of the fixed hasher.
pub fn key(parts: &[&[u8]]) -> Key {
    use std::hash::{BuildHasher, Hasher};
    let mut halves = [0u64; 2];
    for (seed, half) in halves.iter_mut().enumerate() {
        let mut h =
            foldhash::quality::FixedState::with_seed(0x6270_6466 + seed as u64).build_hasher();
        for part in parts {
            h.write_usize(part.len());
            h.write(part);
        }
        *half = h.finish();
    }
    (u128::from(halves[0]) << 64) | u128::from(halves[1])
}

fn entry(dir: &Path, key: Key) -> PathBuf {
    dir.join("pdf").join(format!("{key:032x}.pdf"))
}

/// What reading an entry found.
pub enum Found {
    Hit(Typeset),
    Missing,
    /// There is an entry, but it is damaged: the file, for the warning.
    Damaged(PathBuf),
}

/// The entry for `key` in the cache folder `dir`.
pub fn get(dir: &Path, key: Key) -> Found {
    let path = entry(dir, key);
    let Ok(bytes) = std::fs::read(&path) else {
        return Found::Missing;
    };
    match parse(bytes) {
        Some(typeset) => Found::Hit(typeset),
        None => Found::Damaged(path),
    }
}

/// The entry's PDF, in the entry's own buffer (a pack is half a megabyte, and a large site's cached
/// build reads a gigabyte of them: no second copy).
fn parse(mut bytes: Vec<u8>) -> Option<Typeset> {
    let header = bytes.get(..HEADER)?;
    if &header[..8] != MAGIC {
        return None;
    }
    let pages = u64::from_le_bytes(header[8..16].try_into().ok()?);
    let len = u64::from_le_bytes(header[16..24].try_into().ok()?);
    let sum = u128::from_le_bytes(header[24..40].try_into().ok()?);
    let pdf = &bytes[HEADER..];
    if pdf.len() as u64 != len || key(&[pdf]) != sum {
        return None;
    }
    bytes.drain(..HEADER);
    Some(Typeset {
        pdf: bytes,
        pages: pages as usize,
    })
}

/// Keeps `typeset` as the entry for `key`. Written to a temporary file and renamed, so a build
/// stopped half-way never leaves half an entry; a cache that cannot be written only costs time.
pub fn put(dir: &Path, key: Key, typeset: &Typeset) {
    let path = entry(dir, key);
    let Some(folder) = path.parent() else { return };
    if std::fs::create_dir_all(folder).is_err() {
        return;
    }
    let Ok(mut file) = tempfile::NamedTempFile::new_in(folder) else {
        return;
    };
    let mut header = Vec::with_capacity(HEADER);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&(typeset.pages as u64).to_le_bytes());
    header.extend_from_slice(&(typeset.pdf.len() as u64).to_le_bytes());
    header.extend_from_slice(&key_of_pdf(&typeset.pdf).to_le_bytes());
    if file
        .write_all(&header)
        .and_then(|()| file.write_all(&typeset.pdf))
        .is_ok()
    {
        let _ = file.persist(&path);
    }
}

fn key_of_pdf(pdf: &[u8]) -> Key {
    key(&[pdf])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_comes_back_whole_and_a_damaged_one_never() {
        let dir = tempfile::tempdir().unwrap();
        let k = key(&[b"source"]);
        assert!(matches!(get(dir.path(), k), Found::Missing));
        put(
            dir.path(),
            k,
            &Typeset {
                pdf: b"%PDF-1.7 pretend".to_vec(),
                pages: 3,
            },
        );
        match get(dir.path(), k) {
            Found::Hit(t) => assert_eq!((t.pdf.as_slice(), t.pages), (&b"%PDF-1.7 pretend"[..], 3)),
            _ => panic!("the entry was not found"),
        }
        // Cut short, then altered in place: neither is used.
        let path = entry(dir.path(), k);
        let whole = std::fs::read(&path).unwrap();
        std::fs::write(&path, &whole[..whole.len() - 3]).unwrap();
        assert!(matches!(get(dir.path(), k), Found::Damaged(_)));
        let mut altered = whole.clone();
        let last = altered.len() - 1;
        altered[last] ^= 1;
        std::fs::write(&path, &altered).unwrap();
        assert!(matches!(get(dir.path(), k), Found::Damaged(_)));
        std::fs::write(&path, b"").unwrap();
        assert!(matches!(get(dir.path(), k), Found::Damaged(_)));
    }

    #[test]
    fn keys_differ_with_any_part_and_with_where_parts_split() {
        assert_ne!(key(&[b"ab", b"c"]), key(&[b"a", b"bc"]));
        assert_ne!(key(&[b"abc"]), key(&[b"abd"]));
        assert_eq!(key(&[b"abc"]), key(&[b"abc"]));
    }
}
