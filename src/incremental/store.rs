//! The build cache on disk (`build --cache DIR`): what the last good build rendered, so that the next
//! build, in another process and perhaps on another machine (a CI cache), renders only what changed.
//!
//! Two parts under `DIR/build/`:
//! - `manifest`: per render unit, its fingerprint and what rendering it found (the files it wrote,
//!   with each file's hash; its diagnostics; the ids of its paragraphs; its links to check), behind
//!   a header naming the boardpack that wrote it and a checksum of the whole;
//! - `files/`: the files themselves, each named by the hash of its bytes. A file is hard-linked
//!   from the staged output where the two folders share a disk, so the cache costs no second copy.
//!
//! Nothing read from here is trusted: a manifest from another boardpack is ignored, one whose checksum
//! fails is ignored with a warning, and a file is used only after its bytes hash to the name the
//! manifest gives it (a file changed in place through the output's hard link is caught so).

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

use crate::codec::{self, Decoder, Encoder, Unframed};
use crate::diagnostics::{Diagnostic, Excerpt, Position, Severity};
use crate::hash::Map as HashMap;
use crate::render::{FragmentLink, PageIds, UnitOutput};

/// Changes whenever the same site may render differently, or the manifest's layout changes.
/// Any other build of boardpack, even of the same version, may render the same site differently.
const FORMAT: &str = concat!(
    "boardpack ",
    env!("CARGO_PKG_VERSION"),
    " ",
    env!("BOARDPACK_BUILD_ID"),
    " build/2"
);
const MAGIC: &[u8; 8] = b"BPBUILD\n";

/// What the last good build left.
#[derive(Default)]
pub(crate) struct Stored {
    /// The global fingerprint it was rendered under: a unit is reused only under the same one.
    pub(crate) global: u64,
    /// By [`unit_key`](super::session): only units with a fingerprint are kept.
    pub(crate) units: HashMap<String, StoredUnit>,
    /// By path relative to the site root.
    pub(crate) files: HashMap<PathBuf, FileRecord>,
}

/// What is kept of one content file: enough to skip its YAML and its document checks while its
/// bytes are the same.
#[derive(Clone)]
pub(crate) struct FileRecord {
    /// The hash of its bytes, as the session makes it.
    pub(crate) hash: u64,
    /// Its front matter as JSON ([`crate::content::yaml::from_plain_str`]).
    pub(crate) json: String,
    /// What reading it found.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// What the checks of one document found.
    pub(crate) checks: Vec<Diagnostic>,
}

/// One unit as last rendered.
pub(crate) struct StoredUnit {
    /// What the unit read as it rendered, by stable name ([`super::deps`]).
    pub(crate) deps: Vec<String>,
    /// What `deps` were worth then.
    pub(crate) fingerprint: u64,
    pub(crate) output: UnitOutput,
    /// The hash of each file in `output.written`, in the same order: its name under `files/`.
    pub(crate) files: Vec<u64>,
}

/// What opening the cache found.
pub(crate) enum Opened {
    /// No manifest (the first build with this cache).
    Missing,
    /// Written by another boardpack: ignored without a word, as a new version is expected to.
    Foreign,
    /// Cut short, altered or unreadable: ignored, with this warning.
    Damaged(Diagnostic),
    Usable(Stored),
}

fn folder(dir: &Path) -> PathBuf {
    dir.join("build")
}

fn manifest_path(dir: &Path) -> PathBuf {
    folder(dir).join("manifest")
}

/// Where the file with `hash` is kept.
pub(crate) fn file_path(dir: &Path, hash: u64) -> PathBuf {
    folder(dir)
        .join("files")
        .join(format!("{:02x}", hash >> 56))
        .join(format!("{hash:016x}"))
}

/// The hash a file is kept by.
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    codec::checksum(bytes)
}

/// Reads the manifest of the cache in `dir`.
pub(crate) fn open(dir: &Path) -> Opened {
    let path = manifest_path(dir);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Opened::Missing,
        Err(e) => return Opened::Damaged(damaged(&path, &format!("it cannot be read ({e})"))),
    };
    match codec::unframe(&bytes, MAGIC, FORMAT) {
        Unframed::Foreign => Opened::Foreign,
        Unframed::Damaged(why) => Opened::Damaged(damaged(&path, why)),
        Unframed::Body(body) => match decode(&mut Decoder(body)) {
            Some(stored) => Opened::Usable(stored),
            None => Opened::Damaged(damaged(&path, "it cannot be read")),
        },
    }
}

/// The code of the warning that the cache is damaged.
pub(crate) const DAMAGED: &str = "BP052";

/// The warning for a damaged cache.
pub(crate) fn damaged(path: &Path, why: &str) -> Diagnostic {
    Diagnostic::warning(
        DAMAGED,
        path,
        format!("the build cache is damaged: {why}; it was not used, and what it held was rendered again"),
    )
    .help("nothing to do: this build replaces it; if it happens again, delete the cache folder")
}

/// Writes `stored` as the cache's manifest (through a temporary file and a rename, so a build that
/// stops half-way leaves the old manifest or the new one), then removes the files that `previous`
/// kept and `stored` no longer names.
pub(crate) fn save(dir: &Path, stored: &Stored, previous: Option<&Stored>) -> io::Result<()> {
    let mut body = Encoder(Vec::with_capacity(1 << 20));
    encode(stored, &mut body);
    codec::write_framed(&manifest_path(dir), MAGIC, FORMAT, &body.0)?;
    if let Some(previous) = previous {
        let kept: crate::hash::Set<u64> = stored
            .units
            .values()
            .flat_map(|u| u.files.iter().copied())
            .collect();
        for hash in previous.units.values().flat_map(|u| u.files.iter()) {
            if !kept.contains(hash) {
                let _ = std::fs::remove_file(file_path(dir, *hash));
            }
        }
    }
    Ok(())
}

/// The bytes of the kept file `hash`, if it is there and its bytes still hash to its name.
pub(crate) fn read_file(dir: &Path, hash: u64) -> Option<Vec<u8>> {
    let bytes = std::fs::read(file_path(dir, hash)).ok()?;
    (hash_bytes(&bytes) == hash).then_some(bytes)
}

/// Keeps the staged file `staged` (whose bytes hash to `hash`) in the cache: a hard link where the
/// folders share a disk, else a copy. A file already kept is left alone.
pub(crate) fn keep_file(dir: &Path, hash: u64, staged: &Path) -> io::Result<()> {
    let path = file_path(dir, hash);
    if path.exists() {
        return Ok(());
    }
    let link = || std::fs::hard_link(staged, &path);
    let result = match link() {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            link()
        }
        other => other,
    };
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        // Another disk, or a file system without hard links: a copy, in through a rename.
        Err(_) => {
            let temporary = path.with_extension(format!("tmp-{}", std::process::id()));
            std::fs::copy(staged, &temporary)?;
            std::fs::rename(&temporary, &path)
        }
    }
}

// The manifest's body, in the encoding of `codec`: any failure to read makes it unusable.

fn encode(stored: &Stored, out: &mut Encoder) {
    out.u64(stored.global);
    let mut keys: Vec<&String> = stored.units.keys().collect();
    // In key order, so the same build writes the same manifest.
    keys.sort();
    out.len(keys.len());
    for key in keys {
        let unit = &stored.units[key];
        out.str(key);
        out.len(unit.deps.len());
        for dep in &unit.deps {
            out.str(dep);
        }
        out.u64(unit.fingerprint);
        let o = &unit.output;
        out.len(o.written.len());
        for (path, hash) in o.written.iter().zip(&unit.files) {
            out.str(path);
            out.u64(*hash);
        }
        out.len(o.pages);
        out.len(o.diagnostics.len());
        for d in &o.diagnostics {
            put_diagnostic(out, d);
        }
        out.len(o.ids.len());
        for (url, ids) in &o.ids {
            out.str(url);
            out.str(ids.as_str());
        }
        out.len(o.fragment_links.len());
        for link in &o.fragment_links {
            let (place, page, fragment) = link.parts();
            put_diagnostic(out, place);
            out.str(page);
            out.str(fragment);
        }
        out.len(o.assets.len());
        for asset in &o.assets {
            out.str(&asset.to_string_lossy());
        }
    }
    let mut paths: Vec<&PathBuf> = stored.files.keys().collect();
    paths.sort();
    out.len(paths.len());
    for path in paths {
        let record = &stored.files[path];
        out.str(&path.to_string_lossy());
        out.u64(record.hash);
        out.str(&record.json);
        for list in [&record.diagnostics, &record.checks] {
            out.len(list.len());
            for d in list {
                put_diagnostic(out, d);
            }
        }
    }
}

fn decode(r: &mut Decoder) -> Option<Stored> {
    let global = r.u64()?;
    let count = r.len()?;
    let mut units = HashMap::default();
    for _ in 0..count {
        let key = r.str()?.to_string();
        let mut deps = Vec::new();
        for _ in 0..r.len()? {
            deps.push(r.str()?.to_string());
        }
        let fingerprint = r.u64()?;
        let mut output = UnitOutput::default();
        let mut files = Vec::new();
        for _ in 0..r.len()? {
            output.written.push(r.str()?.to_string());
            files.push(r.u64()?);
        }
        output.pages = r.len()?;
        for _ in 0..r.len()? {
            output.diagnostics.push(read_diagnostic(r)?);
        }
        for _ in 0..r.len()? {
            let url = r.str()?.to_string();
            output.ids.push((url, PageIds::from_joined(r.str()?)));
        }
        for _ in 0..r.len()? {
            let place = read_diagnostic(r)?;
            let page = r.str()?.to_string();
            let fragment = r.str()?.to_string();
            output
                .fragment_links
                .push(FragmentLink::from_parts(place, page, fragment));
        }
        let mut assets = BTreeSet::new();
        for _ in 0..r.len()? {
            assets.insert(PathBuf::from(r.str()?));
        }
        output.assets = assets;
        units.insert(
            key,
            StoredUnit {
                deps,
                fingerprint,
                output,
                files,
            },
        );
    }
    let mut files = HashMap::default();
    for _ in 0..r.len()? {
        let path = PathBuf::from(r.str()?);
        let hash = r.u64()?;
        let json = r.str()?.to_string();
        let mut diagnostics = Vec::new();
        for _ in 0..r.len()? {
            diagnostics.push(read_diagnostic(r)?);
        }
        let mut checks = Vec::new();
        for _ in 0..r.len()? {
            checks.push(read_diagnostic(r)?);
        }
        files.insert(
            path,
            FileRecord {
                hash,
                json,
                diagnostics,
                checks,
            },
        );
    }
    r.0.is_empty().then_some(Stored {
        global,
        units,
        files,
    })
}

fn put_position(out: &mut Encoder, p: Option<Position>) {
    match p {
        None => out.u8(0),
        Some(p) => {
            out.u8(1);
            out.len(p.line);
            out.len(p.column);
        }
    }
}

fn put_diagnostic(out: &mut Encoder, d: &Diagnostic) {
    out.str(d.code);
    out.u8(match d.severity {
        Severity::Error => 0,
        Severity::Warning => 1,
    });
    out.str(&d.file.to_string_lossy());
    put_position(out, d.start);
    put_position(out, d.end);
    match &d.excerpt {
        None => out.u8(0),
        Some(e) => {
            out.u8(1);
            out.len(e.first_line);
            out.str(&e.text);
            out.len(e.span.start);
            out.len(e.span.end);
        }
    }
    out.str(&d.message);
    out.opt_str(d.label.as_deref());
    out.opt_str(d.help.as_deref());
}

fn read_position(r: &mut Decoder) -> Option<Option<Position>> {
    match r.u8()? {
        0 => Some(None),
        1 => Some(Some(Position {
            line: r.len()?,
            column: r.len()?,
        })),
        _ => None,
    }
}

fn read_diagnostic(r: &mut Decoder) -> Option<Diagnostic> {
    let code = crate::diagnostics::intern_code(r.str()?);
    let severity = match r.u8()? {
        0 => Severity::Error,
        1 => Severity::Warning,
        _ => return None,
    };
    let file = PathBuf::from(r.str()?);
    let start = read_position(r)?;
    let end = read_position(r)?;
    let excerpt = match r.u8()? {
        0 => None,
        1 => {
            let first_line = r.len()?;
            let text = r.str()?.to_string();
            let span = r.len()?..r.len()?;
            // An excerpt's span must lie on character boundaries of its text, as showing it slices there.
            if span.start > span.end
                || !text.is_char_boundary(span.start)
                || !text.is_char_boundary(span.end)
            {
                return None;
            }
            Some(Excerpt {
                first_line,
                text,
                span,
            })
        }
        _ => return None,
    };
    let message = r.str()?.to_string();
    let label = r.opt_str()?.map(str::to_string);
    let help = r.opt_str()?.map(str::to_string);
    let mut d = Diagnostic::new(code, severity, file, message);
    d.start = start;
    d.end = end;
    d.excerpt = excerpt;
    d.label = label;
    d.help = help;
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Stored {
        let mut output = UnitOutput {
            written: vec!["a/index.html".into(), "a/b.pdf".into()],
            pages: 1,
            ..UnitOutput::default()
        };
        let mut d = Diagnostic::warning("BP031", "content/a.md", "a problem — with “quotes”");
        d.start = Some(Position { line: 3, column: 2 });
        d.excerpt = Some(Excerpt {
            first_line: 3,
            text: "é line\n".into(),
            span: 0..2,
        });
        d.help = Some("fix it".into());
        output.diagnostics.push(d.clone());
        output
            .ids
            .push(("/a/".into(), PageIds::from_joined("p1\np2\n")));
        output
            .fragment_links
            .push(FragmentLink::from_parts(d, "/b/".into(), "p9".into()));
        output.assets.insert(PathBuf::from("content/a/map.png"));
        let mut units = HashMap::default();
        units.insert(
            "meeting:a".to_string(),
            StoredUnit {
                deps: vec!["pa/".into(), "B".into(), "tcontent/a/1.md".into()],
                fingerprint: 42,
                output,
                files: vec![1, 2],
            },
        );
        let mut files = HashMap::default();
        files.insert(
            PathBuf::from("content/a.md"),
            FileRecord {
                hash: 9,
                json: r#"{"title":"A"}"#.into(),
                diagnostics: vec![Diagnostic::warning("BP004", "content/a.md", "odd")],
                checks: vec![Diagnostic::warning("BP068", "content/a.md", "no summary")],
            },
        );
        Stored {
            global: 7,
            units,
            files,
        }
    }

    #[test]
    fn a_manifest_reads_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), &sample(), None).unwrap();
        let Opened::Usable(stored) = open(dir.path()) else {
            panic!("the manifest just written is usable")
        };
        assert_eq!(stored.global, 7);
        let unit = &stored.units["meeting:a"];
        assert_eq!(unit.fingerprint, 42);
        assert_eq!(unit.deps, ["pa/", "B", "tcontent/a/1.md"]);
        assert_eq!(unit.files, [1, 2]);
        let expected = &sample().units["meeting:a"].output;
        assert_eq!(unit.output.written, expected.written);
        assert_eq!(unit.output.diagnostics, expected.diagnostics);
        assert_eq!(unit.output.assets, expected.assets);
        assert_eq!(unit.output.ids[0].1.as_str(), "p1\np2\n");
        assert_eq!(unit.output.fragment_links[0].parts().2, "p9");
        let record = &stored.files[Path::new("content/a.md")];
        assert_eq!((record.hash, record.json.as_str()), (9, r#"{"title":"A"}"#));
        assert_eq!(record.diagnostics[0].code, "BP004");
        assert_eq!(record.checks[0].code, "BP068");
    }

    #[test]
    fn every_cut_and_every_changed_byte_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), &sample(), None).unwrap();
        let path = manifest_path(dir.path());
        let good = std::fs::read(&path).unwrap();
        for cut in 0..good.len() {
            std::fs::write(&path, &good[..cut]).unwrap();
            assert!(
                matches!(open(dir.path()), Opened::Damaged(_)),
                "cut at {cut} was not refused"
            );
        }
        let format_end = MAGIC.len() + 1 + FORMAT.len();
        for at in (0..good.len()).filter(|&i| i < MAGIC.len() || i >= format_end) {
            let mut bad = good.clone();
            bad[at] ^= 0x20;
            std::fs::write(&path, &bad).unwrap();
            assert!(
                matches!(open(dir.path()), Opened::Damaged(_)),
                "a change at byte {at} was not refused"
            );
        }
    }

    #[test]
    fn a_manifest_of_another_version_is_foreign() {
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), &sample(), None).unwrap();
        let path = manifest_path(dir.path());
        let text = std::fs::read(&path).unwrap();
        let at = MAGIC.len() + 1;
        let mut other = text.clone();
        other[at..at + 9].copy_from_slice(b"boardpacx");
        std::fs::write(&path, &other).unwrap();
        assert!(matches!(open(dir.path()), Opened::Foreign));
    }

    #[test]
    fn a_manifest_of_another_build_of_the_same_version_is_foreign() {
        // What boardpack 0.1.0 wrote before the cache was keyed on the build (issue 26): another
        // commit's binary, same version, must not have its pages reused.
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), &sample(), None).unwrap();
        let good = std::fs::read(manifest_path(dir.path())).unwrap();
        let Unframed::Body(body) = codec::unframe(&good, MAGIC, FORMAT) else {
            panic!("the manifest just saved reads back");
        };
        let older = concat!("boardpack ", env!("CARGO_PKG_VERSION"), " build/1");
        codec::write_framed(&manifest_path(dir.path()), MAGIC, older, body).unwrap();
        assert!(matches!(open(dir.path()), Opened::Foreign));
        assert!(FORMAT.contains(env!("BOARDPACK_BUILD_ID")));
        assert_eq!(env!("BOARDPACK_BUILD_ID").len(), 32);
    }

    #[test]
    fn a_kept_file_is_used_only_while_its_bytes_match_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let staged = dir.path().join("page.html");
        std::fs::write(&staged, b"<p>hello</p>").unwrap();
        let hash = hash_bytes(b"<p>hello</p>");
        keep_file(dir.path(), hash, &staged).unwrap();
        assert_eq!(read_file(dir.path(), hash).unwrap(), b"<p>hello</p>");
        // Changed in place through the output's hard link: refused.
        std::fs::write(&staged, b"<p>hullo</p>").unwrap();
        assert_eq!(read_file(dir.path(), hash), None);
        assert_eq!(read_file(dir.path(), hash ^ 1), None);
    }

    #[test]
    fn files_no_longer_named_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let staged = dir.path().join("x");
        for (i, text) in ["one", "two"].iter().enumerate() {
            std::fs::write(&staged, text).unwrap();
            keep_file(dir.path(), i as u64 + 1, &staged).unwrap();
            std::fs::remove_file(&staged).unwrap();
        }
        let previous = sample();
        let mut now = sample();
        now.units.get_mut("meeting:a").unwrap().files = vec![1];
        now.units.get_mut("meeting:a").unwrap().output.written.pop();
        save(dir.path(), &now, Some(&previous)).unwrap();
        assert!(file_path(dir.path(), 1).exists());
        assert!(!file_path(dir.path(), 2).exists());
    }
}
