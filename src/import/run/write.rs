//! Writing an import's files: every file or none.
//!
//! Apart from the import's walk because this is the only part that touches the disk. It refuses
//! before writing if any file exists, and keeps a record of what it made ([`Made`]) so a failed
//! write or a failed `check` takes exactly that back.

use std::path::{Path, PathBuf};

use super::Imported;
use super::report::plural;
use crate::diagnostics::Diagnostic;

/// Writes every file of every import, refusing first if any exists; on a failed write, removes what
/// it wrote, so the site is as it was.
pub fn write_all(imported: &[Imported]) -> Result<(), Box<Diagnostic>> {
    write_files(imported).map(|_| ())
}

/// Writes every import, then runs `check` on the files it wrote. An import succeeds only whole: when
/// the check finds an error in a new file (a paper whose item another paper of the meeting has, a
/// picture the PDF packs cannot read), every file written is taken back, and the errors come with a
/// BP090 at each source they came from, saying that nothing was imported.
///
/// `Ok` holds the check's warnings on the new files, for the report.
pub fn write_checked(
    root: &Path,
    imported: &[Imported],
) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let made = write_files(imported).map_err(|d| vec![*d])?;
    let diags = check_written(root, imported);
    if !diags.iter().any(Diagnostic::is_error) {
        return Ok(diags);
    }
    made.undo();
    let mut out = diags;
    for i in imported {
        let errors = out
            .iter()
            .filter(|d| d.is_error() && i.files.iter().any(|(p, _)| same_file(root, p, &d.file)))
            .count();
        if errors > 0 {
            out.push(
                Diagnostic::error(
                    "BP090",
                    &i.source,
                    format!(
                        "`boardpack check` found {errors} error{} in the paper made from this report (above), so nothing was imported",
                        plural(errors)
                    ),
                )
                .help("fix what the errors say (often: give another --item), or see the paper with --dry-run; the site is as it was"),
            );
        }
    }
    Err(out)
}

/// Whether `written` (a path an import wrote, under `root`) is the file a diagnostic names.
fn same_file(root: &Path, written: &Path, named: &Path) -> bool {
    let rel = written.strip_prefix(root).unwrap_or(written);
    named == written || named == rel || named.ends_with(rel)
}

/// Writes every file, refusing first if any exists; on a failed write, removes what it wrote. The
/// [`Made`] it returns can take everything back.
fn write_files(imported: &[Imported]) -> Result<Made, Box<Diagnostic>> {
    for i in imported {
        for (path, _) in &i.files {
            if path.exists() {
                return Err(Box::new(
                    Diagnostic::error("BP051", path, "this file already exists; nothing was imported")
                        .help("give another --item, or move the existing paper aside first: import never overwrites"),
                ));
            }
        }
    }
    let mut made = Made::default();
    for (path, bytes) in imported.iter().flat_map(|i| i.files.iter()) {
        if let Err(e) = made.write(path, bytes) {
            made.undo();
            return Err(Box::new(
                Diagnostic::error(
                    "BP050",
                    path,
                    format!("cannot write this file: {e}; nothing was imported"),
                )
                .help(
                    "check that there is space on the disk and that you may write to this folder",
                ),
            ));
        }
    }
    Ok(made)
}

/// What an import has made so far, so a failure can take exactly that away (and nothing it did not make).
#[derive(Default)]
struct Made {
    files: Vec<PathBuf>,
    folders: Vec<PathBuf>,
}

impl Made {
    fn write(&mut self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        if let Some(parent) = path.parent() {
            let mut missing: Vec<&Path> = parent
                .ancestors()
                .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
                .collect();
            missing.reverse();
            for folder in missing {
                std::fs::create_dir(folder)?;
                self.folders.push(folder.to_path_buf());
            }
        }
        // `create_new`: a file that appeared since the check is someone's, and is left alone.
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)?;
        self.files.push(path.to_path_buf());
        std::io::Write::write_all(&mut file, bytes)?;
        file.sync_all()
    }

    fn undo(&self) {
        for file in &self.files {
            let _ = std::fs::remove_file(file);
        }
        for folder in self.folders.iter().rev() {
            let _ = std::fs::remove_dir(folder);
        }
    }
}

/// `boardpack check`'s findings in the files an import wrote (drafts included, as imported papers are).
pub fn check_written(root: &Path, imported: &[Imported]) -> Vec<Diagnostic> {
    let mut options = crate::Options::new(root);
    options.drafts = true;
    let written: Vec<PathBuf> = imported
        .iter()
        .flat_map(|i| {
            i.files
                .iter()
                .map(|(p, _)| p.strip_prefix(root).unwrap_or(p).to_path_buf())
        })
        .collect();
    let checked = crate::check(&options);
    checked
        .diagnostics
        .into_sorted()
        .into_iter()
        .filter(|d| written.iter().any(|w| d.file == *w || d.file.ends_with(w)))
        .collect()
}
