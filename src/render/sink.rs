//! Where rendered files go: a staging folder (`build`, see [`super::staging`]), nowhere (`check`), memory
//! (tests), the preview folder (`serve`). A file is handed over as soon as it is made.

use std::path::{Path, PathBuf};

use super::FileFiller;

/// One file of the built site, as the site-wide modules make them.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path relative to the output folder, `/`-separated.
    pub path: String,
    pub content: OutputContent,
}

#[derive(Debug, Clone)]
pub enum OutputContent {
    Bytes(Vec<u8>),
    /// Copy this file (absolute path).
    Copy(PathBuf),
}

/// Where rendered files go: a staging folder (`build`), nowhere (`check`), the preview folder (`serve`).
/// Called from many threads at once.
pub trait Sink: Sync {
    /// Writes `bytes` at `path` (relative, `/`-separated).
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()>;
    /// Copies the file `from` to `path`.
    fn copy(&self, path: &str, from: &Path) -> std::io::Result<()>;
    /// Writes at `path` what `fill` writes: for files of tens of megabytes (open data), better not
    /// held whole. Gathered and given to [`Sink::write`] unless the sink streams it to its file.
    fn write_with(&self, path: &str, fill: &mut FileFiller<'_>) -> std::io::Result<()> {
        let mut bytes = Vec::new();
        fill(&mut bytes)?;
        self.write(path, &bytes)
    }
}

/// A sink that keeps nothing, for `check`: pages are still rendered, so template errors are found.
pub struct Discard;

impl Sink for Discard {
    fn write(&self, _path: &str, _bytes: &[u8]) -> std::io::Result<()> {
        Ok(())
    }
    fn write_with(&self, _path: &str, fill: &mut FileFiller<'_>) -> std::io::Result<()> {
        fill(&mut std::io::sink())
    }
    fn copy(&self, _path: &str, from: &Path) -> std::io::Result<()> {
        // A copy that would fail in `build` fails here too.
        std::fs::metadata(from).map(|_| ())
    }
}

/// A sink that keeps every file in memory, for tests and tools that look at the output.
#[derive(Default)]
pub struct Memory(pub std::sync::Mutex<std::collections::BTreeMap<String, Vec<u8>>>);

impl Sink for Memory {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), bytes.to_vec());
        Ok(())
    }
    fn copy(&self, path: &str, from: &Path) -> std::io::Result<()> {
        let bytes = std::fs::read(from)?;
        self.write(path, &bytes)
    }
}
