//! The zip package of a `.docx`: parts, their relationships, and the limits that keep a hostile file
//! (a zip bomb, a million entries) from taking the machine down.
//!
//! Every limit is enforced on the bytes actually unpacked, not only on the sizes the archive declares,
//! because the declared sizes are whatever the file's author wrote.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::super::{ReadError, limits};
use super::xml::{self, Element};

/// How much a package may unpack.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Entries in the archive; a Word document has a few dozen.
    pub entries: usize,
    /// One XML part, unpacked.
    pub part: u64,
    /// One image, unpacked.
    pub image: u64,
    /// All parts and images read, together.
    pub total: u64,
    /// Parts larger than this are only read when they unpack to at most `ratio` times their packed
    /// size: text compresses well, but not a thousandfold.
    pub ratio_floor: u64,
    pub ratio: u64,
}

impl Limits {
    /// The [`limits`](crate::import::limits) the README states.
    pub const DEFAULT: Limits = Limits {
        entries: limits::ZIP_ENTRIES,
        part: limits::PART_BYTES,
        image: limits::IMAGE_BYTES,
        total: limits::UNPACKED_BYTES,
        ratio_floor: 10_000_000,
        ratio: 200,
    };
}

/// One relationship of a part (`_rels/*.rels`).
#[derive(Debug, Clone)]
pub(crate) struct Rel {
    pub kind: String,
    /// A part path inside the package, or the address as written when `external`.
    pub target: String,
    pub external: bool,
}

#[derive(Debug, Default)]
pub(crate) struct Rels {
    by_id: HashMap<String, Rel>,
    /// In file order, for lookups by type.
    order: Vec<String>,
}

impl Rels {
    pub fn get(&self, id: &str) -> Option<&Rel> {
        self.by_id.get(id)
    }

    /// The first internal part whose relationship type ends with `suffix` (`/styles`): the suffix is
    /// the same in the transitional and the strict namespaces.
    pub fn part_of_type(&self, suffix: &str) -> Option<&str> {
        self.order
            .iter()
            .filter_map(|id| self.by_id.get(id))
            .find(|r| !r.external && r.kind.ends_with(suffix))
            .map(|r| r.target.as_str())
    }
}

/// What reading an image gave.
pub(crate) enum ImageBytes {
    Bytes(Vec<u8>),
    Missing,
    /// Over the picture limit, which it carries for the note.
    TooLarge(u64),
    Damaged(String),
}

pub(crate) struct Package<'z> {
    zip: ZipArchive<Cursor<&'z [u8]>>,
    /// Lower-cased part name → entry index: part names are case-insensitive in a package.
    names: HashMap<String, usize>,
    limits: Limits,
    unpacked: u64,
}

impl<'z> Package<'z> {
    pub fn open(bytes: &'z [u8], limits: Limits) -> Result<Package<'z>, ReadError> {
        let zip = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| ReadError::Corrupt(format!("the zip archive is damaged ({e})")))?;
        if zip.len() > limits.entries {
            return Err(ReadError::Corrupt(format!(
                "the zip archive has {} entries, more than the {} boardpack reads; a Word document has a few dozen",
                zip.len(),
                limits.entries
            )));
        }
        let mut names = HashMap::new();
        for i in 0..zip.len() {
            if let Some(Ok(name)) = zip.name_for_index(i) {
                names
                    .entry(name.trim_start_matches('/').to_ascii_lowercase())
                    .or_insert(i);
            }
        }
        Ok(Package {
            zip,
            names,
            limits,
            unpacked: 0,
        })
    }

    pub fn has(&self, path: &str) -> bool {
        self.names.contains_key(&path.to_ascii_lowercase())
    }

    /// Unpacks a part, at most `limit` bytes of it. `Ok(None)` when the package has no such part.
    fn read(&mut self, path: &str, limit: u64) -> Result<Option<Vec<u8>>, ReadError> {
        let Some(&index) = self.names.get(&path.to_ascii_lowercase()) else {
            return Ok(None);
        };
        let too_large = |what: String| ReadError::TooLarge { what, limit };
        let mut file = self
            .zip
            .by_index(index)
            .map_err(|e| ReadError::Corrupt(format!("{path}: {e}")))?;
        let declared = file.size();
        if declared > limit {
            return Err(too_large(format!(
                "{path} ({} unpacked)",
                super::super::megabytes(declared)
            )));
        }
        let packed = file.compressed_size().max(1);
        if declared > self.limits.ratio_floor && declared / packed > self.limits.ratio {
            return Err(too_large(format!(
                "{path}, which unpacks to {} times its packed size,",
                declared / packed
            )));
        }
        // The declared size is only a hint: never reserve much on its word.
        let mut buf = Vec::with_capacity(declared.min(1 << 20) as usize);
        if let Err(e) = file
            .by_ref()
            .take(limit.saturating_add(1))
            .read_to_end(&mut buf)
        {
            // zip refuses to unpack past the declared size: a part that tries is a zip bomb, not damage.
            if e.to_string().contains("larger than its declared") {
                return Err(too_large(format!(
                    "{path}, which unpacks to more than its declared size,"
                )));
            }
            return Err(ReadError::Corrupt(format!("{path}: {e}")));
        }
        if buf.len() as u64 > limit {
            return Err(too_large(path.to_string()));
        }
        self.unpacked = self.unpacked.saturating_add(buf.len() as u64);
        if self.unpacked > self.limits.total {
            return Err(ReadError::TooLarge {
                what: "the document's unpacked parts".into(),
                limit: self.limits.total,
            });
        }
        Ok(Some(buf))
    }

    /// Unpacks and parses an XML part. `Ok(None)` when the package has no such part.
    pub fn xml(&mut self, path: &str) -> Result<Option<Element>, ReadError> {
        match self.read(path, self.limits.part)? {
            Some(bytes) => xml::parse(path, &bytes).map(Some),
            None => Ok(None),
        }
    }

    /// An image's bytes. Only running out of the whole budget is an error: one oversized or damaged
    /// picture is left out with a note rather than failing the document.
    pub fn image(&mut self, path: &str) -> Result<ImageBytes, ReadError> {
        match self.read(path, self.limits.image) {
            Ok(Some(bytes)) => Ok(ImageBytes::Bytes(bytes)),
            Ok(None) => Ok(ImageBytes::Missing),
            Err(ReadError::TooLarge { .. }) if self.unpacked <= self.limits.total => {
                Ok(ImageBytes::TooLarge(self.limits.image))
            }
            Err(ReadError::Corrupt(why)) => Ok(ImageBytes::Damaged(why)),
            Err(e) => Err(e),
        }
    }

    /// The relationships of a part (`""` for the package itself). A part without a `.rels` has none.
    pub fn rels(&mut self, part: &str) -> Result<Rels, ReadError> {
        let rels_path = match part.rsplit_once('/') {
            Some((folder, name)) => format!("{folder}/_rels/{name}.rels"),
            None if part.is_empty() => "_rels/.rels".to_string(),
            None => format!("_rels/{part}.rels"),
        };
        let Some(root) = self.xml(&rels_path)? else {
            return Ok(Rels::default());
        };
        let mut rels = Rels::default();
        for r in root.elements().filter(|e| e.name.ends_with("Relationship")) {
            let (Some(id), Some(target)) = (r.attr("Id"), r.attr("Target")) else {
                continue;
            };
            let external = r
                .attr("TargetMode")
                .is_some_and(|m| m.eq_ignore_ascii_case("External"));
            let target = if external {
                target.to_string()
            } else {
                resolve(part, target)
            };
            let rel = Rel {
                kind: r.attr("Type").unwrap_or_default().to_string(),
                target,
                external,
            };
            if !rels.by_id.contains_key(id) {
                rels.order.push(id.to_string());
                rels.by_id.insert(id.to_string(), rel);
            }
        }
        Ok(rels)
    }
}

/// Resolves a relationship target against the folder of the part that names it: `media/image1.png`
/// from `word/document.xml` is `word/media/image1.png`; `/word/media/x.png` is absolute.
pub(crate) fn resolve(source_part: &str, target: &str) -> String {
    let target = percent_decode(target).replace('\\', "/");
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => match source_part.rsplit_once('/') {
            Some((folder, _)) => format!("{folder}/{target}"),
            None => target,
        },
    };
    let mut segments: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.join("/")
}

/// Decodes `%20`-style escapes in a part name; anything that is not a valid escape stays as written.
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes.get(i), hex) {
            (Some(b'%'), Some(b)) => {
                out.push(b);
                i += 3;
            }
            (Some(&b), _) => {
                out.push(b);
                i += 1;
            }
            (None, _) => break,
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_source_folder() {
        assert_eq!(
            resolve("word/document.xml", "media/image1.png"),
            "word/media/image1.png"
        );
        assert_eq!(
            resolve("word/document.xml", "../media/x.png"),
            "media/x.png"
        );
        assert_eq!(
            resolve("word/document.xml", "/word/media/x.png"),
            "word/media/x.png"
        );
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(
            resolve("word/document.xml", "media/image%201.png"),
            "word/media/image 1.png"
        );
        assert_eq!(resolve("a.xml", "../../../x"), "x");
    }
}
