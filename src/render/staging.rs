//! Phase 4, write: put the rendered files on disk, all or nothing.
//!
//! The new site is written into a temporary folder beside the output and swapped in with renames only
//! when every file is written, so a failed or interrupted build leaves the previous site as it was.
//! boardpack marks the folders it makes, and refuses to replace a folder it did not make that holds
//! other files (a clerk's `--output ~/Documents` must never wipe their documents).

use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::{OutputContent, OutputFile};

/// The file that marks a folder as boardpack's output.
pub const MARKER: &str = ".boardpack-output";

/// Why the output could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The output folder exists, holds files and was not made by boardpack.
    NotOurs(PathBuf),
    /// The output folder is, holds or lies inside one of the site's sources or the build cache:
    /// replacing it would delete that source, or publish the cache ([`refuse_overlap`]).
    Overlaps {
        /// What is refused: "the output folder" or "the build cache".
        subject: &'static str,
        /// Where it was asked for.
        path: PathBuf,
        /// The source or cache it overlaps.
        other: PathBuf,
        /// What `other` is, in the clerk's words ("the site's content folder").
        what: &'static str,
        /// How the two overlap ("is", "holds", "lies inside").
        how: &'static str,
    },
    Io {
        path: PathBuf,
        error: io::Error,
    },
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::NotOurs(p) => write!(
                f,
                "the output folder {} already holds files that boardpack did not write; refusing to replace it (choose an empty or new folder, or pass --force)",
                p.display()
            ),
            WriteError::Overlaps {
                subject,
                path,
                other,
                what,
                how,
            } => write!(
                f,
                "{subject} {} {how} {what} ({}); building so would delete or publish it, so nothing was written",
                path.display(),
                other.display()
            ),
            WriteError::Io { path, error } => write!(f, "cannot write {}: {error}", path.display()),
        }
    }
}

impl std::error::Error for WriteError {}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |error| WriteError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// The site's own sources, which no build may replace, hold or write into: (path under the site
/// folder, what it is).
const SOURCES: &[(&str, &str)] = &[
    ("site.yaml", "the site's configuration"),
    ("content", "the site's content folder"),
    ("templates", "the site's templates folder"),
    ("static", "the site's static folder"),
    ("themes", "the site's themes folder"),
];

/// Refuses an output folder that is, holds or lies inside one of the site's sources or the cache
/// (`build --output S --force` once deleted the site `S` itself), and a cache that lies inside the
/// output (the next build would publish what the cache keeps of withheld papers) or inside a
/// source (static files are copied into the site). Paths are compared as the file system resolves
/// them (links followed, `..` taken out), whether or not they exist yet.
pub fn refuse_overlap(root: &Path, output: &Path, cache: Option<&Path>) -> Result<(), WriteError> {
    let root = resolved(root).map_err(io_err(root))?;
    let output = resolved(output).map_err(io_err(output))?;
    let cache = match cache {
        Some(c) => Some(resolved(c).map_err(io_err(c))?),
        None => None,
    };
    let sources: Vec<(PathBuf, &'static str)> = SOURCES
        .iter()
        .map(|(name, what)| (root.join(name), *what))
        .collect();
    let overlap = |subject: &'static str, path: &Path, other: &Path, what: &'static str| {
        let how = if path == other {
            "is"
        } else if other.starts_with(path) {
            "holds"
        } else if path.starts_with(other) {
            "lies inside"
        } else {
            return Ok(());
        };
        Err(WriteError::Overlaps {
            subject,
            path: path.to_path_buf(),
            other: other.to_path_buf(),
            what,
            how,
        })
    };
    for (source, what) in &sources {
        overlap("the output folder", &output, source, what)?;
    }
    if let Some(cache) = &cache {
        overlap("the output folder", &output, cache, "the build cache")?;
        for (source, what) in &sources {
            overlap("the build cache", cache, source, what)?;
        }
    }
    Ok(())
}

/// `path` made absolute, its links resolved as far as it exists and `.`/`..` taken out of the rest.
fn resolved(path: &Path) -> io::Result<PathBuf> {
    use std::path::Component;
    let absolute = std::path::absolute(path)?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    let mut base = loop {
        match std::fs::canonicalize(existing) {
            Ok(real) => break real,
            Err(_) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    existing = parent;
                }
                // `..` at the end, or the root itself missing: resolve lexically from here.
                _ => break existing.to_path_buf(),
            },
        }
    };
    for name in rest.iter().rev() {
        base.push(name);
    }
    let mut out = PathBuf::new();
    for part in base.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    Ok(out)
}

/// A new site being written beside `output`: pages go into a hidden staging folder as they are
/// rendered, and [`Staging::commit`] swaps it in with two renames. Dropped without a commit (an error, a
/// panic), the staging folder is removed and `output` stays as it was.
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    retired: PathBuf,
    committed: bool,
}

impl Staging {
    /// Checks that `output` may be replaced and makes the staging folder.
    pub fn begin(output: &Path, force: bool) -> Result<Staging, WriteError> {
        let output = if output.is_absolute() {
            output.to_path_buf()
        } else {
            std::env::current_dir()
                .map_err(io_err(output))?
                .join(output)
        };
        let parent = output.parent().unwrap_or(Path::new("/"));
        std::fs::create_dir_all(parent).map_err(io_err(parent))?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let staging = parent.join(format!(".{name}.boardpack-new-{}", std::process::id()));
        let retired = parent.join(format!(".{name}.boardpack-old-{}", std::process::id()));
        restore_killed(parent, &name, &output)?;
        if output.exists() && !force && !is_ours_or_empty(&output)? {
            return Err(WriteError::NotOurs(output));
        }
        clear_leftovers(parent, &name)?;
        std::fs::create_dir(&staging).map_err(io_err(&staging))?;
        let marker = staging.join(MARKER);
        std::fs::write(
            &marker,
            b"This folder is written by boardpack; each build replaces it whole.\n",
        )
        .map_err(io_err(&marker))?;
        Ok(Staging {
            output,
            staging,
            retired,
            committed: false,
        })
    }

    /// The staging folder files are written into.
    pub fn folder(&self) -> &Path {
        &self.staging
    }

    /// Puts the file `from` (kept by the build cache, never written again) at `path` as a hard link,
    /// or a copy where the two are on different disks. A file already at `path` is left as it is.
    pub fn link(&self, path: &str, from: &Path) -> io::Result<()> {
        let dest = self.staging.join(path);
        match with_folder(&dest, || std::fs::hard_link(from, &dest)) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Err(e),
            Err(_) => std::fs::copy(from, &dest).map(|_| ()),
        }
    }

    /// Swaps the new site in for the old one, and removes the old one.
    pub fn commit(self) -> Result<(), WriteError> {
        self.swap()?.remove()
    }

    /// Swaps the new site in for the old one, which is left to [`Retired::remove`] (so a build can
    /// remove it while it does other work: it is a tenth of a build that reuses the last one).
    ///
    /// Where the system exchanges two folders in one step (Linux's `renameat2` with
    /// `RENAME_EXCHANGE`), `output` is never missing: a reader or a kill sees the old site or the
    /// new one. Elsewhere it is two renames, old away then new in; a build killed between them
    /// leaves the old site in a hidden folder beside `output`, which the next build puts back
    /// ([`restore_killed`]) before anything else.
    pub fn swap(mut self) -> Result<Retired, WriteError> {
        self.committed = true;
        let (output, staging, retired) = (&self.output, &self.staging, &self.retired);
        let fail = |e: io::Error| {
            let _ = std::fs::remove_dir_all(staging);
            WriteError::Io {
                path: output.clone(),
                error: e,
            }
        };
        match exchange(staging, output) {
            // The old site is now where the new one was staged.
            Ok(true) => return Ok(Retired(Some(staging.clone()))),
            Ok(false) => {}
            Err(e) => return Err(fail(e)),
        }
        if output.exists() {
            std::fs::rename(output, retired).map_err(fail)?;
        }
        if let Err(e) = std::fs::rename(staging, output) {
            // Put the previous site back.
            if retired.exists() {
                let _ = std::fs::rename(retired, output);
            }
            return Err(fail(e));
        }
        Ok(Retired(retired.exists().then(|| retired.clone())))
    }
}

/// Exchanges the folders `a` and `b` in one step where the system can; false (nothing done) where
/// it cannot, or where `b` does not exist yet, and the caller renames.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        // `b` is missing (a first build), or the kernel or file system has no exchange.
        Err(Errno::NOENT | Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// No one-step exchange here: the caller renames twice (see [`Staging::swap`]).
#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
}

/// Puts back the site a build killed between the two renames of [`Staging::swap`] left in a
/// hidden folder beside `output`, when `output` is missing and that build's process is gone.
fn restore_killed(parent: &Path, name: &str, output: &Path) -> Result<(), WriteError> {
    if output.exists() {
        return Ok(());
    }
    let prefix = format!(".{name}.boardpack-old-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(());
    };
    let mut left: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_prefix(prefix.as_str()))
                .is_some_and(|pid| process_gone(pid, true))
        })
        .map(|e| e.path())
        .collect();
    // Only one build can have been between its renames while `output` was missing; should there be
    // more, the newest folder is the last site.
    left.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    match left.pop() {
        Some(site) => std::fs::rename(&site, output).map_err(io_err(output)),
        None => Ok(()),
    }
}

/// Whether the process numbered `pid` (a staging folder's suffix) is known to have ended, or is
/// this one (an earlier run with the same number). Where that cannot be known, `unknown` is the
/// answer: false to remove a folder (it may be a running build's), true to put a site back (the
/// output is missing, and a running build would have put it back within microseconds).
fn process_gone(pid: &str, unknown: bool) -> bool {
    match pid.parse::<u32>() {
        Ok(pid) if pid == std::process::id() => true,
        Ok(pid) => process_alive(pid).map_or(unknown, |alive| !alive),
        Err(_) => false,
    }
}

/// Whether a process numbered `pid` runs: `kill` with no signal asks without signalling, and only
/// "no such process" (ESRCH) says it has gone.
#[cfg(unix)]
fn process_alive(pid: u32) -> Option<bool> {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return Some(false);
    };
    // SAFETY: signal 0 sends nothing; the call only checks that the process exists.
    let sent = unsafe { libc::kill(pid, 0) };
    Some(sent == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH))
}

/// No way to ask here.
#[cfg(not(unix))]
fn process_alive(_pid: u32) -> Option<bool> {
    None
}

/// The previous site, moved aside by [`Staging::swap`]; the new one is in place.
#[must_use = "the previous site stays on disk until it is removed"]
pub struct Retired(Option<PathBuf>);

impl Retired {
    /// Removes the previous site.
    pub fn remove(self) -> Result<(), WriteError> {
        match &self.0 {
            Some(retired) => remove_tree(retired).map_err(io_err(retired)),
            None => Ok(()),
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

impl crate::render::Sink for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        write_file(&self.staging, path, bytes)
    }
    fn write_with(&self, path: &str, fill: &mut crate::render::FileFiller<'_>) -> io::Result<()> {
        let dest = self.staging.join(path);
        let file = with_folder(&dest, || std::fs::File::create(&dest))?;
        let mut out = io::BufWriter::with_capacity(1 << 16, file);
        fill(&mut out)?;
        io::Write::flush(&mut out)
    }
    fn copy(&self, path: &str, from: &Path) -> io::Result<()> {
        let dest = self.staging.join(path);
        match std::fs::copy(from, &dest) {
            Err(e)
                if e.kind() == io::ErrorKind::NotFound
                    && !dest.parent().is_some_and(Path::exists) =>
            {
                if let Some(dir) = dest.parent() {
                    std::fs::create_dir_all(dir)?;
                }
                std::fs::copy(from, &dest).map(|_| ())
            }
            other => other.map(|_| ()),
        }
    }
}

/// Writes `bytes` to `root/path`, making its folder if it is missing ([`with_folder`]).
pub fn write_file(root: &Path, path: &str, bytes: &[u8]) -> io::Result<()> {
    let dest = root.join(path);
    with_folder(&dest, || std::fs::write(&dest, bytes))
}

/// Runs `make` (which creates the file `dest`), and again after making `dest`'s folder if that is
/// missing: most files are the first in a folder of their own, but trying first saves a system call
/// for the rest.
fn with_folder<T>(dest: &Path, mut make: impl FnMut() -> io::Result<T>) -> io::Result<T> {
    match make() {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(dir) = dest.parent() {
                std::fs::create_dir_all(dir)?;
            }
            make()
        }
        other => other,
    }
}

/// Removes a folder tree, its subfolders in parallel: deleting the previous site is a large share of
/// a rebuild over an existing output.
fn remove_tree(dir: &Path) -> io::Result<()> {
    if !std::fs::symlink_metadata(dir)?.is_dir() {
        // `--force` over a file: it was exchanged for the site like a folder.
        return std::fs::remove_file(dir);
    }
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)?.collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            std::fs::remove_file(entry.path())
        }
    })?;
    std::fs::remove_dir(dir)
}

/// Writes `files` as the complete contents of `output`, replacing what was there only on success.
pub fn write_site(output: &Path, files: &[OutputFile], force: bool) -> Result<(), WriteError> {
    use crate::render::Sink;
    let staging = Staging::begin(output, force)?;
    files.par_iter().try_for_each(|f| match &f.content {
        OutputContent::Bytes(bytes) => staging.write(&f.path, bytes).map_err(|e| WriteError::Io {
            path: staging.staging.join(&f.path),
            error: e,
        }),
        OutputContent::Copy(source) => staging.copy(&f.path, source).map_err(|e| WriteError::Io {
            path: source.clone(),
            error: e,
        }),
    })?;
    staging.commit()
}

/// Removes the staging folders of builds into the same output that were killed (their process is gone),
/// and of an earlier run with our own process id.
fn clear_leftovers(parent: &Path, name: &str) -> Result<(), WriteError> {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let gone = [
            format!(".{name}.boardpack-new-"),
            format!(".{name}.boardpack-old-"),
        ]
        .iter()
        .any(|prefix| {
            file_name
                .strip_prefix(prefix.as_str())
                .is_some_and(|pid| process_gone(pid, false))
        });
        if gone {
            let path = entry.path();
            std::fs::remove_dir_all(&path).map_err(io_err(&path))?;
        }
    }
    Ok(())
}

fn is_ours_or_empty(output: &Path) -> Result<bool, WriteError> {
    if !output.is_dir() {
        return Ok(false);
    }
    if output.join(MARKER).is_file() {
        return Ok(true);
    }
    let mut entries = std::fs::read_dir(output).map_err(io_err(output))?;
    Ok(entries.next().is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            content: OutputContent::Bytes(text.as_bytes().to_vec()),
        }
    }

    #[test]
    fn replaces_its_own_output_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(
            &out,
            &[file("a/index.html", "one"), file("old.html", "x")],
            false,
        )
        .unwrap();
        write_site(&out, &[file("a/index.html", "two")], false).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "two"
        );
        assert!(!out.join("old.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn refuses_a_folder_it_did_not_make() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("thesis.docx"), "precious").unwrap();
        let err = write_site(dir.path(), &[file("index.html", "x")], false).unwrap_err();
        assert!(matches!(err, WriteError::NotOurs(_)));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("thesis.docx")).unwrap(),
            "precious"
        );
    }

    #[test]
    fn a_failed_write_keeps_the_previous_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &[file("index.html", "old")], false).unwrap();
        let bad = OutputFile {
            path: "copy.pdf".into(),
            content: OutputContent::Copy(dir.path().join("missing.pdf")),
        };
        assert!(write_site(&out, &[file("index.html", "new"), bad], false).is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "old"
        );
    }
}
