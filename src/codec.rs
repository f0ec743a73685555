//! The binary encoding of what builds keep on disk between runs (the build cache's manifest, the
//! search index's documents): a shared leaf, which every phase may use.
//!
//! A file is a frame: eight magic bytes, a format string naming the boardpack that wrote it, the
//! body's length and a checksum, then the body. Integers are little-endian (LEB128 for counts and
//! lengths), strings a length and UTF-8 bytes. Every read is bounds-checked and gives `None` on the
//! first thing out of place, so a damaged file is refused, never trusted and never a panic.

use std::io::{self, Write as _};
use std::path::Path;

/// The checksum of a frame's body (and the hash files are kept by).
pub fn checksum(bytes: &[u8]) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = foldhash::quality::FixedState::with_seed(0x0062_7062_7569_6c64).build_hasher();
    h.write(bytes);
    h.write_usize(bytes.len());
    h.finish()
}

/// Writes into a body.
#[derive(Default)]
pub struct Encoder(pub Vec<u8>);

impl Encoder {
    pub fn u8(&mut self, n: u8) {
        self.0.push(n);
    }

    pub fn u64(&mut self, n: u64) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }

    /// A count or length, in LEB128.
    pub fn len(&mut self, mut n: usize) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }

    pub fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    pub fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.u8(0),
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
        }
    }
}

/// Reads what an [`Encoder`] wrote; `None` as soon as anything is out of place.
pub struct Decoder<'a>(pub &'a [u8]);

impl<'a> Decoder<'a> {
    pub fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    pub fn u8(&mut self) -> Option<u8> {
        self.bytes(1).map(|b| b[0])
    }

    pub fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.bytes(8)?.try_into().ok()?))
    }

    pub fn len(&mut self) -> Option<usize> {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            n |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return usize::try_from(n).ok();
            }
        }
        None
    }

    pub fn str(&mut self) -> Option<&'a str> {
        let n = self.len()?;
        std::str::from_utf8(self.bytes(n)?).ok()
    }

    pub fn opt_str(&mut self) -> Option<Option<&'a str>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.str()?)),
            _ => None,
        }
    }

    /// True when everything was read.
    pub fn is_done(&self) -> bool {
        self.0.is_empty()
    }
}

/// The frame's header for `body`: what comes before it in the file.
fn header(magic: &[u8; 8], format: &str, body: &[u8]) -> Vec<u8> {
    let mut out = Encoder(Vec::with_capacity(64));
    out.0.extend_from_slice(magic);
    out.str(format);
    out.u64(body.len() as u64);
    out.u64(checksum(body));
    out.0
}

/// The frame around `body`.
pub fn frame(magic: &[u8; 8], format: &str, body: &[u8]) -> Vec<u8> {
    let mut out = header(magic, format, body);
    out.extend_from_slice(body);
    out
}

/// Writes `body` in its frame at `path`, as [`write_atomically`] does, without copying the body (the
/// build cache's manifest is hundreds of megabytes at 100,000 papers).
pub fn write_framed(path: &Path, magic: &[u8; 8], format: &str, body: &[u8]) -> io::Result<()> {
    write_parts_atomically(path, &[&header(magic, format, body), body])
}

/// What [`unframe`] found.
pub enum Unframed<'a> {
    /// Written by another boardpack (another format string): to be ignored without a word.
    Foreign,
    /// Not a frame of this kind, cut short or changed: why.
    Damaged(&'static str),
    Body(&'a [u8]),
}

/// The body of a frame, if it is whole and of this `format`.
pub fn unframe<'a>(bytes: &'a [u8], magic: &[u8; 8], format: &str) -> Unframed<'a> {
    let Some(rest) = bytes.strip_prefix(magic.as_slice()) else {
        return Unframed::Damaged("it is not a boardpack cache file");
    };
    let mut reader = Decoder(rest);
    let Some(written_by) = reader.str() else {
        return Unframed::Damaged("it is cut short");
    };
    if written_by != format {
        return Unframed::Foreign;
    }
    let (Some(length), Some(sum)) = (reader.u64(), reader.u64()) else {
        return Unframed::Damaged("it is cut short");
    };
    let body = reader.0;
    if body.len() as u64 != length || checksum(body) != sum {
        return Unframed::Damaged("it is cut short or was changed");
    }
    Unframed::Body(body)
}

/// Writes `bytes` at `path` through a temporary file and a rename, so a process that stops half-way
/// leaves the old file or the new one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_parts_atomically(path, &[bytes])
}

fn write_parts_atomically(path: &Path, parts: &[&[u8]]) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let temporary = path.with_extension(format!("tmp-{}", std::process::id()));
    let mut file = std::fs::File::create(&temporary)?;
    for part in parts {
        file.write_all(part)?;
    }
    drop(file);
    std::fs::rename(&temporary, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_and_any_cut_is_refused() {
        let mut e = Encoder::default();
        e.u8(7);
        e.u64(u64::MAX - 3);
        e.len(300);
        e.str("é and “quotes”");
        e.opt_str(None);
        e.opt_str(Some(""));
        let framed = frame(b"BPTEST1\n", "test 1", &e.0);
        let Unframed::Body(body) = unframe(&framed, b"BPTEST1\n", "test 1") else {
            panic!("a frame just made is whole")
        };
        let mut d = Decoder(body);
        assert_eq!(d.u8(), Some(7));
        assert_eq!(d.u64(), Some(u64::MAX - 3));
        assert_eq!(d.len(), Some(300));
        assert_eq!(d.str(), Some("é and “quotes”"));
        assert_eq!(d.opt_str(), Some(None));
        assert_eq!(d.opt_str(), Some(Some("")));
        assert!(d.is_done());
        assert!(matches!(
            unframe(&framed, b"BPTEST1\n", "test 2"),
            Unframed::Foreign
        ));
        for cut in 0..framed.len() {
            assert!(matches!(
                unframe(&framed[..cut], b"BPTEST1\n", "test 1"),
                Unframed::Damaged(_)
            ));
        }
    }
}
