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
        if output.exists() && !force && !is_ours_or_empty(&output)? {
            return Err(WriteError::NotOurs(output));
        }
        let parent = output.parent().unwrap_or(Path::new("/"));
        std::fs::create_dir_all(parent).map_err(io_err(parent))?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let staging = parent.join(format!(".{name}.boardpack-new-{}", std::process::id()));
        let retired = parent.join(format!(".{name}.boardpack-old-{}", std::process::id()));
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
    pub fn swap(mut self) -> Result<Retired, WriteError> {
        self.committed = true;
        let (output, staging, retired) = (&self.output, &self.staging, &self.retired);
        if output.exists() {
            std::fs::rename(output, retired).map_err(|e| {
                let _ = std::fs::remove_dir_all(staging);
                WriteError::Io {
                    path: output.clone(),
                    error: e,
                }
            })?;
        }
        if let Err(e) = std::fs::rename(staging, output) {
            // Put the previous site back.
            if retired.exists() {
                let _ = std::fs::rename(retired, output);
            }
            let _ = std::fs::remove_dir_all(staging);
            return Err(WriteError::Io {
                path: output.clone(),
                error: e,
            });
        }
        Ok(Retired(retired.exists().then(|| retired.clone())))
    }
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
    let can_see_processes = Path::new("/proc/self").exists();
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let pid = [
            format!(".{name}.boardpack-new-"),
            format!(".{name}.boardpack-old-"),
        ]
        .iter()
        .find_map(|prefix| file_name.strip_prefix(prefix.as_str()).map(str::to_string));
        let Some(pid) = pid.filter(|p| p.chars().all(|c| c.is_ascii_digit())) else {
            continue;
        };
        let gone = pid == std::process::id().to_string()
            || (can_see_processes && !Path::new("/proc").join(&pid).exists());
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
