//! `build` and `check` with a cache folder (`--cache DIR`, by default `.boardpack-cache/`): the
//! [`Session`]'s planning (every file read and hashed, the site linked and checked, every unit
//! fingerprinted) against the [`store`] the last good build left, so that only the units whose
//! fingerprints changed are rendered. The rest are taken from the cache: their files (each checked
//! against its hash) and what rendering them found, so link checks and warnings are as a clean build's.
//!
//! The output is byte-identical to a clean build's (`tests/build_cache.rs` holds it to that over
//! random edits). The same staging folder as a clean build makes a failed build write nothing.

use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

use rayon::prelude::*;

use super::session::{Plan, Session};
use super::store::{self, Opened, Stored, StoredUnit};
use crate::BuildError;
use crate::Checked;
use crate::Options;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::hash::{Map as HashMap, Set as HashSet};
use crate::render::staging::Staging;
use crate::render::{self, Discard, FileFiller, Sink, UnitOutput};
use crate::trace::Trace;

/// What the cache holds for this build: the stored units, if the cache is usable, and why not.
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

/// A site with errors is not rendered by the plan, but a clean `check` renders it and finds more
/// (links to the pages the errors took away): what a site with errors reports is the clean check's,
/// with the cache's own warning if it had one.
fn uncached(options: &Options, diagnostics: Diagnostics) -> Checked {
    let mut checked = crate::check_into(options, &Discard).0;
    for d in diagnostics.iter().filter(|d| d.code == store::DAMAGED) {
        checked.diagnostics.push(d.clone());
    }
    checked
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

/// The units of `plan` that `previous` holds with the same fingerprint, by their place in the plan.
fn unchanged(plan: &Plan, previous: &Stored) -> Vec<usize> {
    if previous.global != plan.global {
        return Vec::new();
    }
    plan.keyed
        .iter()
        .enumerate()
        .filter(|(_, (_, key))| {
            previous
                .units
                .get(key)
                .is_some_and(|u| plan.still(&Some((u.deps.clone(), u.fingerprint))))
        })
        .map(|(i, _)| i)
        .collect()
}

fn outcome(
    diagnostics: Diagnostics,
    finished: &render::Finished,
    cached: usize,
    started: Instant,
) -> Checked {
    Checked {
        diagnostics,
        pages: finished.pages,
        files: finished.files,
        cached,
        elapsed: started.elapsed(),
    }
}

/// The pages of the reused units.
fn cached_pages(plan: &Plan, reused: &HashSet<usize>, stored: Option<&Stored>) -> usize {
    reused
        .iter()
        .filter_map(|&i| stored?.units.get(&plan.keyed[i].1))
        .map(|u| u.output.pages)
        .sum()
}

/// `check` with a cache: the units unchanged since the last build are not rendered; what rendering
/// them found (warnings, ids, links) comes from the cache. Writes nothing, the cache included.
pub(crate) fn check(options: &Options, cache: &Path) -> Checked {
    let started = Instant::now();
    let mut trace = Trace::new();
    let mut diagnostics = Diagnostics::new();
    let mut stored = open(cache, &mut diagnostics);
    trace.mark("open cache");
    let records = stored
        .as_mut()
        .map(|s| std::mem::take(&mut s.files))
        .unwrap_or_default();
    let mut session = Session::for_build(options.clone(), cache, records);
    let Some(plan) = planned(&mut session, &mut diagnostics) else {
        return uncached(options, diagnostics);
    };
    trace.mark("plan");
    let Some(theme) = session.theme() else {
        return outcome(diagnostics, &render::Finished::default(), 0, started);
    };
    let reused: HashSet<usize> = stored
        .as_ref()
        .map(|s| unchanged(&plan, s))
        .unwrap_or_default()
        .into_iter()
        .collect();
    let todo = to_render(&plan, &reused);
    let outputs = options.outputs();
    let renderer = render::Renderer::new(&plan.site, theme, options.preview, &outputs)
        .with_cache(Some(cache.to_path_buf()));
    let rendered = renderer.render(&todo, &Discard);
    trace.mark("render");
    let merged = merge(&plan, &reused, stored.as_ref(), &rendered);
    let finished = render::finish(&plan.site, merged, &Discard, &mut diagnostics);
    trace.mark("finish");
    let cached = cached_pages(&plan, &reused, stored.as_ref());
    outcome(diagnostics, &finished, cached, started)
}

/// The units of the plan not reused, in its order.
fn to_render(plan: &Plan, reused: &HashSet<usize>) -> Vec<render::Unit> {
    plan.keyed
        .iter()
        .enumerate()
        .filter(|(i, _)| !reused.contains(i))
        .map(|(_, (u, _))| *u)
        .collect()
}

/// Every unit's output in the plan's order: the stored one for a reused unit, else the one rendered
/// (which come in the same order, less the reused).
fn merge<'a>(
    plan: &Plan,
    reused: &HashSet<usize>,
    stored: Option<&'a Stored>,
    rendered: &'a [UnitOutput],
) -> Vec<&'a UnitOutput> {
    let mut rendered = rendered.iter();
    plan.keyed
        .iter()
        .enumerate()
        .filter_map(|(i, (_, key))| {
            if reused.contains(&i) {
                stored.and_then(|s| s.units.get(key)).map(|u| &u.output)
            } else {
                rendered.next()
            }
        })
        .collect()
}

/// `build` with a cache: see the module's documentation.
pub(crate) fn build(
    options: &Options,
    output_dir: &Path,
    cache: &Path,
    force: bool,
    deny_warnings: bool,
) -> (Checked, Result<(), BuildError>) {
    let started = Instant::now();
    let mut trace = Trace::new();
    let mut diagnostics = Diagnostics::new();
    let staging = match Staging::begin(output_dir, force) {
        Ok(s) => s,
        Err(e) => return (check(options, cache), Err(BuildError::Write(e))),
    };
    let mut stored = open(cache, &mut diagnostics);
    trace.mark("open cache");
    let records = stored
        .as_mut()
        .map(|s| std::mem::take(&mut s.files))
        .unwrap_or_default();
    let mut session = Session::for_build(options.clone(), output_dir, records);
    let none = render::Finished::default();
    let Some(plan) = planned(&mut session, &mut diagnostics) else {
        return (uncached(options, diagnostics), Err(BuildError::Invalid));
    };
    trace.mark("plan");
    let Some(theme) = session.theme() else {
        return (
            outcome(diagnostics, &none, 0, started),
            Err(BuildError::Invalid),
        );
    };

    // A unit is reused only once every file it wrote is in the cache with the bytes it had.
    let candidates = stored
        .as_ref()
        .map(|s| unchanged(&plan, s))
        .unwrap_or_default();
    let checked: Vec<(usize, Option<std::path::PathBuf>)> = candidates
        .par_iter()
        .map(|&i| {
            let unit = &stored
                .as_ref()
                .expect("candidates come from the store")
                .units[&plan.keyed[i].1];
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
    let reused: HashSet<usize> = checked
        .iter()
        .filter(|(_, bad)| bad.is_none())
        .map(|(i, _)| *i)
        .collect();
    trace.mark("check cache");

    let todo = to_render(&plan, &reused);
    let outputs = options.outputs();
    let mut renderer = render::Renderer::new(&plan.site, theme, options.preview, &outputs)
        .with_cache(Some(cache.to_path_buf()));
    // Rendering everything, the search index reads the papers as their pages render, as a clean
    // build's does; otherwise it reads every document itself.
    if todo.len() == plan.keyed.len() {
        renderer = renderer.gathering();
    }
    let keeping = Keeping {
        inner: &staging,
        staged: staging.folder(),
        cache,
        hashes: Mutex::default(),
    };
    let rendered = renderer.render(&todo, &keeping);
    drop(renderer);
    trace.mark("render");

    // The reused units' files, linked from the cache after the rendered units wrote theirs.
    let stored_units = stored.as_ref().map(|s| &s.units);
    let place_error: Option<(String, String)> = reused
        .par_iter()
        .filter_map(|&i| {
            let unit = &stored_units?[&plan.keyed[i].1];
            unit.output
                .written
                .iter()
                .zip(&unit.files)
                .find_map(|(path, &hash)| {
                    staging
                        .link(path, &store::file_path(cache, hash))
                        .err()
                        .map(|e| (path.clone(), e.to_string()))
                })
        })
        .min();
    trace.mark("link cached files");

    let merged = merge(&plan, &reused, stored.as_ref(), &rendered);
    let finished = render::finish(&plan.site, merged, &staging, &mut diagnostics);
    trace.mark("finish");
    let cached = cached_pages(&plan, &reused, stored.as_ref());
    let blocked = diagnostics.has_errors() || (deny_warnings && !diagnostics.is_empty());
    if blocked {
        return (
            outcome(diagnostics, &finished, cached, started),
            Err(BuildError::Invalid),
        );
    }
    if let Some((path, error)) = finished.write_error.clone().or(place_error) {
        let error = BuildError::Write(render::staging::WriteError::Io {
            path: output_dir.join(path),
            error: std::io::Error::other(error),
        });
        return (outcome(diagnostics, &finished, cached, started), Err(error));
    }
    let hashes = keeping
        .hashes
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    let retired = match staging.swap() {
        Ok(retired) => retired,
        Err(e) => {
            return (
                outcome(diagnostics, &finished, cached, started),
                Err(BuildError::Write(e)),
            );
        }
    };
    trace.mark("commit");

    // The previous site is removed while the cache is saved: each takes about a tenth of a build
    // after one edit, and the one waits on the disk while the other encodes.
    let (saved, removed) = std::thread::scope(|scope| {
        let removing = scope.spawn(|| retired.remove());
        let saved = save(
            &plan,
            &reused,
            stored.as_ref(),
            rendered,
            &hashes,
            &mut session,
            cache,
        );
        let removed = removing
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (saved, removed)
    });
    if let Err(e) = saved {
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
    (outcome(diagnostics, &finished, cached, started), result)
}

/// Saves what the next build may reuse ([`keep`]), unless it is what the cache holds already: then the
/// manifest stands as it is (writing it is a tenth of such a build).
fn save(
    plan: &Plan,
    reused: &HashSet<usize>,
    stored: Option<&Stored>,
    rendered: Vec<UnitOutput>,
    hashes: &HashMap<String, Option<u64>>,
    session: &mut Session,
    cache: &Path,
) -> std::io::Result<()> {
    let same = stored.is_some_and(|s| s.global == plan.global)
        && reused.len() == plan.keyed.len()
        && session.records_unchanged();
    if same {
        return Ok(());
    }
    let mut kept = keep(plan, reused, stored, rendered, hashes);
    kept.files = session.take_file_records();
    store::save(cache, &kept, stored)
}

/// What the next build may reuse: every unit with a fingerprint whose files were all kept.
fn keep(
    plan: &Plan,
    reused: &HashSet<usize>,
    stored: Option<&Stored>,
    rendered: Vec<UnitOutput>,
    hashes: &HashMap<String, Option<u64>>,
) -> Stored {
    let mut kept = Stored {
        global: plan.global,
        ..Stored::default()
    };
    let mut rendered = rendered.into_iter();
    for (i, (unit, key)) in plan.keyed.iter().enumerate() {
        let unit = if reused.contains(&i) {
            stored.and_then(|s| s.units.get(key)).map(|u| StoredUnit {
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
                    .map(|p| hashes.get(p).copied().flatten())
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
        if let Some(unit) = unit {
            kept.units.insert(key.clone(), unit);
        }
    }
    kept
}

/// The staging folder, keeping in the cache every file written through it (see [`store::keep_file`]),
/// with its hash; `None` for a file that could not be kept, whose unit is then not kept either.
struct Keeping<'a> {
    inner: &'a Staging,
    staged: &'a Path,
    cache: &'a Path,
    hashes: Mutex<HashMap<String, Option<u64>>>,
}

impl Keeping<'_> {
    fn kept(&self, path: &str, bytes: Option<&[u8]>) {
        let staged = self.staged.join(path);
        let hash = match bytes {
            Some(bytes) => Some(store::hash_bytes(bytes)),
            None => std::fs::read(&staged).ok().map(|b| store::hash_bytes(&b)),
        };
        let hash = hash.filter(|&h| store::keep_file(self.cache, h, &staged).is_ok());
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
