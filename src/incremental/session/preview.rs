//! `serve`'s destination for the one plan ([`Session::plan`]): what it rendered last stays in memory
//! in the build cache's own form ([`Stored`]), the units to render and to reuse are chosen as a
//! cached build chooses them ([`Plan::reusable`]), and only the files whose bytes changed are written
//! over the preview, in place. A full render goes through a staging folder, as `build` does.
//!
//! What differs from `build` is only what a preview wants: the pages an edit touches come first, and
//! the search index and an edited meeting's PDF packs follow ([`Session::rebuild_deferred`]).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{Session, hash_bytes};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::hash::{Map as HashMap, Set as HashSet};
use crate::incremental::store::{Stored, StoredUnit};
use crate::render::{self, Sink, Unit};

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
    /// True when everything was rendered (the first build, or a change to the site's shape).
    pub full: bool,
    pub elapsed: Duration,
    /// Time taken by each step (`load`, `link`, `render`, `write`…), for `serve`'s log and benchmarks.
    pub phases: Vec<(&'static str, Duration)>,
}

impl Rebuild {
    /// True when the site had errors and the output was not touched.
    pub fn failed(&self) -> bool {
        self.diagnostics.has_errors()
    }
}

/// What the last good render left.
pub(super) struct Rendered {
    /// Every unit as last rendered, with what it read, as the build cache keeps them (without files).
    stored: Stored,
    /// Units rendered without part of their output (a meeting without its PDF packs), to render
    /// again whatever they read.
    partial: HashSet<String>,
    /// Linked files under `content/` already published (output paths).
    assets: HashSet<String>,
    /// The hash of every file written, so a file rendered again the same (a feed, a calendar) is not
    /// written again.
    written: HashMap<String, u64>,
}

impl Session {
    /// Rebuilds after the files in `changed` (absolute, or relative to the site root) changed. The
    /// first call builds everything whatever it is given.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Rebuild {
        let started = Instant::now();
        let mut diagnostics = Diagnostics::new();
        let mut phases: Vec<(&'static str, Duration)> = Vec::new();
        let failed = |diagnostics, started: Instant| Rebuild {
            diagnostics,
            written: vec![],
            removed: vec![],
            rendered: 0,
            full: false,
            elapsed: started.elapsed(),
            phases: vec![],
        };
        let Some(plan) = self.plan(changed, &mut diagnostics, &mut phases) else {
            return failed(diagnostics, started);
        };
        if diagnostics.has_errors() {
            return failed(diagnostics, started);
        }
        let mut mark = Instant::now();
        let mut phase = |name: &'static str, phases: &mut Vec<(&'static str, Duration)>| {
            phases.push((name, mark.elapsed()));
            mark = Instant::now();
        };
        let Some((_, theme, _)) = &self.theme else {
            return failed(diagnostics, started);
        };
        let previous = self
            .rendered
            .as_ref()
            .filter(|r| r.stored.global == plan.global);
        let full = previous.is_none();
        let mut reused: HashSet<usize> = match previous {
            Some(r) => plan
                .reusable(&r.stored)
                .into_iter()
                .filter(|&i| !r.partial.contains(&plan.keyed[i].1))
                .collect(),
            None => HashSet::default(),
        };
        let search = plan.keyed.iter().position(|(u, _)| *u == Unit::Search);
        // Indexing every document for search takes about a second at 10,000 papers: after an edit, the
        // pages come first and the index follows (`rebuild_deferred`), so the browser reloads at once.
        let include_deferred = std::mem::take(&mut self.include_deferred);
        self.deferred = !full && !include_deferred && search.is_some_and(|i| !reused.contains(&i));
        if self.deferred {
            reused.extend(search);
        }
        let todo = plan.to_render(&reused);
        // Typesetting a meeting's PDF pack takes a few hundred milliseconds: the edited meeting's pages
        // come first without their PDF links, and the packs follow with the search index.
        let defer_pdf = !full
            && !include_deferred
            && self.options.pdf
            && todo.iter().any(|u| matches!(u, Unit::Meeting(_)));
        self.deferred |= defer_pdf;
        phase("fingerprint", &mut phases);
        let mut context = crate::Context::new(&self.options, crate::Mode::Build);
        if defer_pdf {
            context.outputs.meetings = &[];
        }
        let site = &plan.site;
        let renderer = render::Renderer::new(site, theme, context.settings(), full);

        let mut result = Rebuild {
            diagnostics: Diagnostics::new(),
            written: vec![],
            removed: vec![],
            rendered: 0,
            full,
            elapsed: Duration::ZERO,
            phases: vec![],
        };
        let outputs = if full {
            let staging = match crate::render::staging::Staging::begin(&self.output, true) {
                Ok(s) => s,
                Err(e) => {
                    diagnostics.push(crate::write_error_diagnostic(&e));
                    return failed(diagnostics, started);
                }
            };
            let hashing = Hashing {
                inner: &staging,
                hashes: Default::default(),
            };
            let outputs = renderer.render(&todo, &hashing);
            let finished = render::finish(site, outputs.iter(), &hashing, &mut diagnostics);
            if diagnostics.has_errors() || finished.write_error.is_some() {
                push_write_error(&mut diagnostics, finished.write_error);
                return failed(diagnostics, started);
            }
            let written = hashing
                .hashes
                .into_inner()
                .unwrap_or_else(|e| e.into_inner());
            if let Err(e) = staging.commit() {
                diagnostics.push(crate::write_error_diagnostic(&e));
                return failed(diagnostics, started);
            }
            result.written = outputs
                .iter()
                .flat_map(|o| o.written.iter().cloned())
                .collect();
            self.rendered = Some(Rendered {
                stored: Stored::default(),
                partial: HashSet::default(),
                assets: finished.assets.into_iter().collect(),
                written,
            });
            outputs
        } else {
            let Some(rendered) = self.rendered.as_mut() else {
                return failed(diagnostics, started);
            };
            let memory = render::Memory::default();
            let outputs = renderer.render(&todo, &memory);
            phase("render", &mut phases);
            let merged = plan.merge(&reused, Some(&rendered.stored), &outputs);
            // Files the unchanged units link to are on disk already: copy only new ones.
            let linked = OnlyNew {
                inner: &memory,
                known: &rendered.assets,
            };
            let finished = render::finish(site, merged, &linked, &mut diagnostics);
            if diagnostics.has_errors() || finished.write_error.is_some() {
                push_write_error(&mut diagnostics, finished.write_error);
                return failed(diagnostics, started);
            }
            phase("finish", &mut phases);
            let files = memory.0.into_inner().unwrap_or_else(|e| e.into_inner());
            let files: Vec<(String, Vec<u8>)> = files
                .into_iter()
                .filter(|(path, bytes)| rendered.written.get(path) != Some(&hash_bytes(bytes)))
                .collect();
            for (path, bytes) in &files {
                rendered.written.insert(path.clone(), hash_bytes(bytes));
                if let Err(e) = replace_file(&self.output, path, bytes) {
                    diagnostics.push(
                        Diagnostic::error(
                            "BP050",
                            self.output.join(path),
                            format!("cannot write the preview: {e}"),
                        )
                        .help("check there is space on the disk"),
                    );
                    return failed(diagnostics, started);
                }
            }
            result.written = files.into_iter().map(|(path, _)| path).collect();
            rendered.assets.extend(finished.assets);
            outputs
        };
        result.rendered = outputs.iter().map(|o| o.pages).sum();
        let Some(rendered) = self.rendered.as_mut() else {
            return failed(diagnostics, started);
        };
        let keys: Vec<&String> = plan
            .keyed
            .iter()
            .enumerate()
            .filter(|(i, _)| !reused.contains(i))
            .map(|(_, (_, key))| key)
            .collect();
        for ((unit, key), out) in todo.iter().zip(keys).zip(outputs) {
            let now: HashSet<&String> = out.written.iter().collect();
            if let Some(old) = rendered.stored.units.get(key) {
                for gone in old.output.written.iter().filter(|p| !now.contains(p)) {
                    rendered.written.remove(gone);
                    if std::fs::remove_file(self.output.join(gone)).is_ok() {
                        result.removed.push(gone.clone());
                    }
                }
            }
            // A meeting rendered without its packs is rendered again by the deferred rebuild, as is
            // a unit that read what has no stable name.
            let recorded = plan.recorded(*unit, &out);
            if recorded.is_none() || (defer_pdf && matches!(unit, Unit::Meeting(_))) {
                rendered.partial.insert(key.clone());
            } else {
                rendered.partial.remove(key);
            }
            let (deps, fingerprint) = recorded.unwrap_or_default();
            rendered.stored.units.insert(
                key.clone(),
                StoredUnit {
                    deps,
                    fingerprint,
                    output: out,
                    files: Vec::new(),
                },
            );
        }
        rendered.stored.global = plan.global;
        phase("write", &mut phases);
        drop(renderer);
        self.keep_linked(
            plan.site,
            plan.link_diagnostics,
            plan.config_hash,
            plan.shape,
        );
        result.diagnostics = diagnostics;
        result.phases = phases;
        result.elapsed = started.elapsed();
        result
    }

    /// True when the last rebuild left the search index, or an edited meeting's PDF packs, for
    /// [`Session::rebuild_deferred`].
    pub fn has_deferred(&self) -> bool {
        self.deferred
    }

    /// Brings up to date what the last rebuild left for later (the search index, the PDF packs of the
    /// meetings it rendered); `None` if nothing was.
    pub fn rebuild_deferred(&mut self) -> Option<Rebuild> {
        if !self.deferred {
            return None;
        }
        self.include_deferred = true;
        Some(self.rebuild(&[]))
    }
}

/// Writes a file of the preview through a temporary file and a rename, so the server, which may be
/// reading it, sees the old file or the new one, never half of one.
fn replace_file(root: &Path, path: &str, bytes: &[u8]) -> std::io::Result<()> {
    let temporary = format!("{path}.boardpack-tmp");
    crate::render::staging::write_file(root, &temporary, bytes)?;
    std::fs::rename(root.join(&temporary), root.join(path))
}

fn push_write_error(diagnostics: &mut Diagnostics, error: Option<(String, String)>) {
    if let Some((path, error)) = error {
        diagnostics.push(
            Diagnostic::error("BP050", path, format!("cannot write the preview: {error}"))
                .help("check there is space on the disk"),
        );
    }
}

/// A sink that copies only files it has not written before (the linked attachments), into `inner`.
struct OnlyNew<'a> {
    inner: &'a dyn Sink,
    known: &'a HashSet<String>,
}

impl Sink for OnlyNew<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.inner.write(path, bytes)
    }
    fn copy(&self, path: &str, from: &Path) -> std::io::Result<()> {
        if self.known.contains(path) {
            Ok(())
        } else {
            self.inner.copy(path, from)
        }
    }
}

/// A sink that notes the hash of every file written through it.
struct Hashing<'a> {
    inner: &'a dyn Sink,
    hashes: std::sync::Mutex<HashMap<String, u64>>,
}

impl Sink for Hashing<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.inner.write(path, bytes)?;
        self.hashes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), hash_bytes(bytes));
        Ok(())
    }
    fn copy(&self, path: &str, from: &Path) -> std::io::Result<()> {
        self.inner.copy(path, from)
    }
}
