//! The one driver of `check` and `build`: read, link and check the site ([`Session::plan`]), decide
//! which units the cache holds as they would render now, render the others, and finish into where
//! the output goes. A clean build is this with an empty cache; `check` is this with nowhere to put
//! files; `serve` runs the same plan against what it rendered last ([`Session::rebuild`]).
//!
//! A unit is reused while everything it read as it rendered is unchanged ([`super::deps`]), and,
//! when files are kept, once every file it wrote is in the cache with the bytes it had. The output
//! is byte-identical to a clean build's (`tests/build_cache.rs` holds it to that over random edits
//! of every kind of source). The staging folder makes a failed build write nothing.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use rayon::prelude::*;

use super::session::{Plan, Session};
use super::store::{self, Opened, Stored, StoredUnit};
use crate::BuildError;
use crate::Checked;
use crate::Context;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::hash::{Map as HashMap, Set as HashSet};
use crate::render::staging::{Staging, WriteError};
use crate::render::{self, Discard, FileFiller, Sink, UnitOutput};
use crate::trace::Trace;

/// Where a run's output goes: the one thing `check`, `check_into` and `build` differ in.
pub(crate) enum Destination<'a> {
    /// Nowhere (`check`).
    Nowhere,
    /// Into a sink, every file (a test's memory, say). The cache is read, never written.
    Sink(&'a dyn Sink),
    /// Into a folder, swapped in whole once the site is found good.
    Folder {
        output: &'a Path,
        force: bool,
        deny_warnings: bool,
    },
}

/// What a run did.
pub(crate) struct Ran {
    pub(crate) checked: Checked,
    pub(crate) result: Result<(), BuildError>,
    /// The first write into the destination that failed: (output path, error).
    pub(crate) write_error: Option<(String, String)>,
}

/// What the cache holds for this run: the stored units, if the cache is usable, and why not.
fn open(cache: &Path, diagnostics: &mut Diagnostics) -> Option<Stored> {
    match store::open(cache) {
        Opened::Usable(stored) => Some(stored),
        Opened::Missing | Opened::Foreign => None,
        Opened::Damaged(warning) => {
            diagnostics.push(warning);
            None
        }
    }
}

/// [`Session::plan`], its steps traced.
fn planned(session: &mut Session, diagnostics: &mut Diagnostics) -> Option<Plan> {
    let mut phases = Vec::new();
    let plan = session.plan(&[], diagnostics, &mut phases);
    if crate::trace::enabled() {
        for (name, took) in phases {
            eprintln!(
                "trace:   plan: {name} {:.1} ms",
                took.as_secs_f64() * 1000.0
            );
        }
        let (files, from_records) = session.files_from_records();
        eprintln!("trace:   plan: {from_records} of {files} content files from the cache");
    }
    plan
}

/// The pages of the reused units.
fn cached_pages(plan: &Plan, reused: &HashSet<usize>, stored: Option<&Stored>) -> usize {
    reused
        .iter()
        .filter_map(|&i| stored?.units.get(&plan.keyed[i].1))
        .map(|u| u.output.pages)
        .sum()
}

/// Of `candidates`, the units whose every file the cache holds with the bytes it had; a warning if
/// some were missing or changed.
fn with_their_files(
    plan: &Plan,
    candidates: Vec<usize>,
    stored: &Stored,
    cache: &Path,
    diagnostics: &mut Diagnostics,
) -> HashSet<usize> {
    let checked: Vec<(usize, Option<PathBuf>)> = candidates
        .par_iter()
        .map(|&i| {
            let unit = &stored.units[&plan.keyed[i].1];
            let bad = unit
                .files
                .iter()
                .find(|&&hash| store::read_file(cache, hash).is_none())
                .map(|&hash| store::file_path(cache, hash));
            (i, bad)
        })
        .collect();
    if let Some(bad) = checked.iter().find_map(|(_, bad)| bad.as_ref()) {
        let count = checked.iter().filter(|(_, bad)| bad.is_some()).count();
        diagnostics.push(store::damaged(
            bad,
            &format!("{count} of the pages' files kept there are missing or were changed"),
        ));
    }
    checked
        .iter()
        .filter(|(_, bad)| bad.is_none())
        .map(|(i, _)| *i)
        .collect()
}

/// Runs `context` into `destination`: see the module's documentation.
pub(crate) fn run(context: &Context, destination: Destination<'_>) -> Ran {
    let started = Instant::now();
    let mut trace = Trace::new();
    let mut diagnostics = Diagnostics::new();
    let outcome = |diagnostics, finished: &render::Finished, cached, result, write_error| Ran {
        checked: Checked {
            diagnostics,
            pages: finished.pages,
            files: finished.files,
            cached,
            elapsed: started.elapsed(),
        },
        result,
        write_error,
    };
    let none = render::Finished::default();
    let staging = match &destination {
        Destination::Folder { output, force, .. } => match Staging::begin(output, *force) {
            Ok(s) => Some(s),
            Err(e) => {
                let checked = run(context, Destination::Nowhere).checked;
                return Ran {
                    checked,
                    result: Err(BuildError::Write(e)),
                    write_error: None,
                };
            }
        },
        _ => None,
    };
    let cache = context.cache.as_deref();
    let mut stored = cache.and_then(|c| open(c, &mut diagnostics));
    trace.mark("open cache");
    let records = stored
        .as_mut()
        .map(|s| std::mem::take(&mut s.files))
        .unwrap_or_default();
    let mut session = Session::for_run(context.options.clone(), records, cache.is_some());
    let Some(plan) = planned(&mut session, &mut diagnostics) else {
        return outcome(diagnostics, &none, 0, Err(BuildError::Invalid), None);
    };
    trace.mark("plan");
    let Some(theme) = session.theme() else {
        return outcome(diagnostics, &none, 0, Err(BuildError::Invalid), None);
    };
    // A site with errors is rendered whole, to find what else is wrong (links to the pages the
    // errors took away); nothing of it is kept.
    let invalid = diagnostics.has_errors();
    let candidates = match &stored {
        Some(s) if !invalid => plan.reusable(s),
        _ => Vec::new(),
    };
    // A unit's files are reused only where files are kept: into a sink or a folder, from the cache.
    let reused: HashSet<usize> = match (&destination, &stored, cache) {
        (Destination::Nowhere, _, _) => candidates.into_iter().collect(),
        (_, Some(s), Some(c)) => with_their_files(&plan, candidates, s, c, &mut diagnostics),
        _ => HashSet::default(),
    };
    trace.mark("check cache");

    let todo = plan.to_render(&reused);
    let everything = todo.len() == plan.keyed.len();
    let renderer = render::Renderer::new(&plan.site, theme, context.settings(), everything);
    let keeping = Keeping {
        inner: match (&destination, &staging) {
            (Destination::Sink(sink), _) => *sink,
            (_, Some(staging)) => staging,
            _ => &Discard,
        },
        staged: staging.as_ref().map(|s| s.folder().to_path_buf()),
        cache: cache.filter(|_| staging.is_some() && !invalid),
        hashes: Mutex::default(),
    };
    let rendered = renderer.render(&todo, &keeping);
    drop(renderer);
    trace.mark("render");

    // The reused units' files, placed from the cache after the rendered units wrote theirs.
    let stored_units = stored.as_ref().map(|s| &s.units);
    let place_error: Option<(String, String)> = match cache {
        Some(cache) if !matches!(destination, Destination::Nowhere) => reused
            .par_iter()
            .filter_map(|&i| {
                let unit = &stored_units?[&plan.keyed[i].1];
                unit.output
                    .written
                    .iter()
                    .zip(&unit.files)
                    .find_map(|(path, &hash)| {
                        let from = store::file_path(cache, hash);
                        let placed = match &staging {
                            Some(staging) => staging.link(path, &from),
                            None => keeping.inner.copy(path, &from),
                        };
                        placed.err().map(|e| (path.clone(), e.to_string()))
                    })
            })
            .min(),
        _ => None,
    };
    trace.mark("place cached files");

    let merged = plan.merge(&reused, stored.as_ref(), &rendered);
    let finished = render::finish(&plan.site, merged, &keeping, &mut diagnostics);
    trace.mark("finish");
    let cached = cached_pages(&plan, &reused, stored.as_ref());
    let write_error = finished.write_error.clone().or(place_error);
    let hashes = keeping
        .hashes
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    let (
        Some(staging),
        Destination::Folder {
            output,
            deny_warnings,
            ..
        },
    ) = (staging, destination)
    else {
        let result = if invalid {
            Err(BuildError::Invalid)
        } else {
            Ok(())
        };
        return outcome(diagnostics, &finished, cached, result, write_error);
    };
    let blocked = diagnostics.has_errors() || (deny_warnings && !diagnostics.is_empty());
    if blocked {
        return outcome(
            diagnostics,
            &finished,
            cached,
            Err(BuildError::Invalid),
            None,
        );
    }
    if let Some((path, error)) = write_error {
        let error = BuildError::Write(WriteError::Io {
            path: output.join(path),
            error: std::io::Error::other(error),
        });
        return outcome(diagnostics, &finished, cached, Err(error), None);
    }
    let retired = match staging.swap() {
        Ok(retired) => retired,
        Err(e) => {
            return outcome(
                diagnostics,
                &finished,
                cached,
                Err(BuildError::Write(e)),
                None,
            );
        }
    };
    trace.mark("commit");

    // The previous site is removed while the cache is saved: each takes about a tenth of a build
    // after one edit, and the one waits on the disk while the other encodes.
    let (saved, removed) = std::thread::scope(|scope| {
        let removing = scope.spawn(|| retired.remove());
        let saved = cache.map(|cache| {
            let kept = Kept {
                plan: &plan,
                reused: &reused,
                stored: stored.as_ref(),
                hashes: &hashes,
            };
            save(&kept, rendered, &mut session, cache)
        });
        let removed = removing
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (saved, removed)
    });
    if let (Some(Err(e)), Some(cache)) = (saved, cache) {
        diagnostics.push(
            Diagnostic::warning(
                "BP053",
                cache,
                format!("the build cache cannot be written: {e}; the site was built, but the next build will render everything"),
            )
            .help("check there is space on the disk and that you may write to the cache folder, or pass --no-cache"),
        );
    }
    trace.mark("save cache");
    let result = removed.map_err(BuildError::Write);
    outcome(diagnostics, &finished, cached, result, None)
}

/// What a good build leaves for the next one to reuse.
struct Kept<'a> {
    plan: &'a Plan,
    reused: &'a HashSet<usize>,
    stored: Option<&'a Stored>,
    /// The hash of every file written, by output path; `None` for one the cache could not keep.
    hashes: &'a HashMap<String, Option<u64>>,
}

/// Saves what the next build may reuse ([`keep`]), unless it is what the cache holds already: then the
/// manifest stands as it is (writing it is a tenth of such a build).
fn save(
    kept: &Kept<'_>,
    rendered: Vec<UnitOutput>,
    session: &mut Session,
    cache: &Path,
) -> std::io::Result<()> {
    let same = kept.stored.is_some_and(|s| s.global == kept.plan.global)
        && kept.reused.len() == kept.plan.keyed.len()
        && session.records_unchanged();
    if same {
        return Ok(());
    }
    let mut stored = keep(kept, rendered);
    stored.files = session.take_file_records();
    store::save(cache, &stored, kept.stored)
}

/// What the next build may reuse: every unit with recorded dependencies whose files were all kept.
fn keep(kept: &Kept<'_>, rendered: Vec<UnitOutput>) -> Stored {
    let plan = kept.plan;
    let mut stored = Stored {
        global: plan.global,
        ..Stored::default()
    };
    let mut rendered = rendered.into_iter();
    for (i, (unit, key)) in plan.keyed.iter().enumerate() {
        let kept_unit = if kept.reused.contains(&i) {
            kept.stored
                .and_then(|s| s.units.get(key))
                .map(|u| StoredUnit {
                    deps: u.deps.clone(),
                    fingerprint: u.fingerprint,
                    output: u.output.clone(),
                    files: u.files.clone(),
                })
        } else {
            let output = rendered.next();
            let recorded = output.as_ref().and_then(|o| plan.recorded(*unit, o));
            match (output, recorded) {
                (Some(output), Some((deps, fingerprint))) if output.write_error.is_none() => output
                    .written
                    .iter()
                    .map(|p| kept.hashes.get(p).copied().flatten())
                    .collect::<Option<Vec<u64>>>()
                    .map(|files| StoredUnit {
                        deps,
                        fingerprint,
                        output,
                        files,
                    }),
                _ => None,
            }
        };
        if let Some(unit) = kept_unit {
            stored.units.insert(key.clone(), unit);
        }
    }
    stored
}

/// Where the rendered files go, keeping in the cache (when there is one to keep them in) every file
/// written, with its hash (see [`store::keep_file`]); `None` for a file that could not be kept, whose
/// unit is then not kept either.
struct Keeping<'a> {
    inner: &'a dyn Sink,
    /// The staging folder the files are written into, when they are kept in the cache.
    staged: Option<PathBuf>,
    cache: Option<&'a Path>,
    hashes: Mutex<HashMap<String, Option<u64>>>,
}

impl Keeping<'_> {
    fn kept(&self, path: &str, bytes: Option<&[u8]>) {
        let (Some(cache), Some(staged)) = (self.cache, &self.staged) else {
            return;
        };
        let staged = staged.join(path);
        let hash = match bytes {
            Some(bytes) => Some(store::hash_bytes(bytes)),
            None => std::fs::read(&staged).ok().map(|b| store::hash_bytes(&b)),
        };
        let hash = hash.filter(|&h| store::keep_file(cache, h, &staged).is_ok());
        self.hashes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), hash);
    }
}

impl Sink for Keeping<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.inner.write(path, bytes)?;
        self.kept(path, Some(bytes));
        Ok(())
    }
    fn write_with(&self, path: &str, fill: &mut FileFiller<'_>) -> std::io::Result<()> {
        self.inner.write_with(path, fill)?;
        self.kept(path, None);
        Ok(())
    }
    fn copy(&self, path: &str, from: &Path) -> std::io::Result<()> {
        self.inner.copy(path, from)?;
        self.kept(path, None);
        Ok(())
    }
}
