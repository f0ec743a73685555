//! The rebuild loop: one thread owns the session and the watcher, rebuilds after each batch of changes,
//! logs it, and tells the browsers.

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Receiver;

use serde::Deserialize;

use super::watch::Watcher;
use super::{Broken, Reload, Shared};
use crate::diagnostics;
use crate::incremental::session::{Rebuild, Session};

/// What the rebuild thread is told.
#[derive(Debug)]
pub enum Message {
    /// Source paths (absolute) that changed.
    Changed(Vec<PathBuf>),
    /// Finish and return.
    Stop,
}

/// What the browser and terminal say when the engine panics.
const CRASHED: &str = "boardpack stopped with an internal error while building the site. This is a bug: \
please report it with the message printed in the terminal. Save a file to try again.";

pub struct Rebuilder {
    /// The engine's options, `base_url` aside.
    options: crate::Options,
    /// `127.0.0.1:1111`: where the preview is served.
    host: String,
    /// The site's base path, as last read from `site.yaml` (`None` while it cannot be read).
    base_path: Option<String>,
    output: PathBuf,
    session: Session,
    shared: Arc<Shared>,
    watcher: Watcher,
}

impl Rebuilder {
    pub fn new(
        options: crate::Options,
        host: String,
        base_path: Option<String>,
        output: PathBuf,
        shared: Arc<Shared>,
        watcher: Watcher,
    ) -> Rebuilder {
        let session = Session::new(
            preview_options(&options, &host, base_path.as_deref()),
            output.clone(),
        );
        Rebuilder {
            options,
            host,
            base_path,
            output,
            session,
            shared,
            watcher,
        }
    }

    /// Builds the site, reports on `first`, then rebuilds after every batch of changes until told to stop.
    pub fn run(mut self, changes: Receiver<Message>, first: tokio::sync::oneshot::Sender<()>) {
        eprintln!("{} building {} …", clock(), self.options.root.display());
        self.rebuild(&[]);
        let _ = first.send(());
        let mut pending: Option<Message> = None;
        while let Some(message) = pending.take().or_else(|| changes.recv().ok()) {
            let mut changed = BTreeSet::new();
            let Message::Changed(paths) = message else {
                return;
            };
            changed.extend(paths);
            // Changes that came in during the last rebuild make one rebuild, not one each.
            loop {
                match changes.try_recv() {
                    Ok(Message::Changed(paths)) => changed.extend(paths),
                    Ok(Message::Stop) => return,
                    Err(_) => break,
                }
            }
            self.watcher.refresh();
            let changed: Vec<PathBuf> = changed.into_iter().collect();
            eprintln!(
                "{} changed: {}",
                clock(),
                describe_paths(&self.options.root, &changed)
            );
            self.rebuild(&changed);
            // The search index, left until the open page had its reload; unless more saves are waiting.
            if self.session.has_deferred() {
                // Once the author pauses: a save that comes first is rebuilt first.
                match changes.recv_timeout(SEARCH_QUIET) {
                    Ok(message) => {
                        pending = Some(message);
                        continue;
                    }
                    Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                }
                // Without the lock: pages stay readable meanwhile (files are replaced by rename).
                let deferred = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    self.session.rebuild_deferred()
                }));
                match deferred {
                    Ok(Some(r)) if !r.failed() => {
                        eprintln!(
                            "{} search index and PDF packs updated in {} ms",
                            clock(),
                            r.elapsed.as_millis()
                        );
                        // An open search page reloads for the new index (the old one is gone).
                        let version = {
                            let mut status = self
                                .shared
                                .status
                                .write()
                                .unwrap_or_else(|e| e.into_inner());
                            status.generation += 1;
                            self.shared.version(&status)
                        };
                        // Only the search page, unless pages changed too (their PDF packs came).
                        let search_only = r.written.iter().all(|p| p.starts_with("search/"));
                        let _ = self.shared.reloads.send(Reload {
                            version,
                            search_only,
                        });
                    }
                    Ok(_) => {}
                    Err(_) => eprintln!("{} error: {CRASHED}", clock()),
                }
            }
        }
    }

    fn rebuild(&mut self, changed: &[PathBuf]) {
        let shared = Arc::clone(&self.shared);
        let files = shared.files.blocking_write();
        if changed.contains(&self.options.root.join("site.yaml")) {
            self.follow_base_path();
        }
        // A bug in the engine must not end the preview: say so, and start afresh on the next save.
        let rebuild = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.session.rebuild(changed)
        }));
        let failure = match &rebuild {
            Ok(rebuild) => rebuild.failed().then(|| broken(rebuild)),
            Err(_) => {
                self.session = Session::new(
                    preview_options(&self.options, &self.host, self.base_path.as_deref()),
                    self.output.clone(),
                );
                Some(Broken {
                    errors: 1,
                    warnings: 0,
                    text: CRASHED.to_string(),
                })
            }
        };
        let version = {
            let mut status = self
                .shared
                .status
                .write()
                .unwrap_or_else(|e| e.into_inner());
            status.generation += 1;
            status.broken = failure;
            if let Some(base) = &self.base_path {
                status.base_path = base.clone();
            }
            self.shared.version(&status)
        };
        drop(files);
        match &rebuild {
            Ok(rebuild) => log(rebuild),
            Err(_) => eprintln!("{} error: {CRASHED}", clock()),
        }
        // No browser listening is not a problem.
        let _ = self.shared.reloads.send(Reload {
            version,
            search_only: false,
        });
    }

    /// When `site.yaml` gives the site a new base path, starts a new session for it (links change on
    /// every page).
    fn follow_base_path(&mut self) {
        let Some(new) = base_path(&self.options.root) else {
            return;
        };
        if self.base_path.as_deref() == Some(new.as_str()) {
            return;
        }
        eprintln!(
            "{} the base path is now {new}: building every page again",
            clock()
        );
        self.base_path = Some(new);
        // A fresh session starts from an empty folder.
        if let Err(error) = std::fs::remove_dir_all(&self.output)
            && error.kind() != std::io::ErrorKind::NotFound
        {
            eprintln!("warning: cannot clear the preview folder: {error}");
        }
        self.session = Session::new(
            preview_options(&self.options, &self.host, self.base_path.as_deref()),
            self.output.clone(),
        );
    }
}

/// How long the sources must be quiet before the search index is brought up to date.
const SEARCH_QUIET: std::time::Duration = std::time::Duration::from_millis(700);

/// The engine's options for the preview: `base_url` is the local server, at the site's own base path,
/// so every link (feeds and canonical links included) leads to the preview. When `site.yaml`'s
/// `base_url` cannot be read, it is left alone so the engine reports the problem.
fn preview_options(
    options: &crate::Options,
    host: &str,
    base_path: Option<&str>,
) -> crate::Options {
    let mut options = options.clone();
    options.base_url = base_path.map(|path| format!("http://{host}{path}"));
    options.preview = true;
    options
}

/// The path part of `site.yaml`'s `base_url`, as `/` or `/committees/`, when it can be read.
pub fn base_path(root: &Path) -> Option<String> {
    #[derive(Deserialize)]
    struct BaseUrl {
        base_url: String,
    }
    let text = std::fs::read_to_string(root.join("site.yaml")).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let (config, _unknown) = crate::content::yaml::from_str::<BaseUrl>(text).ok()?;
    path_of_url(&config.base_url)
}

/// `https://host/a/b` → `/a/b/`; `None` for what is not an http(s) address with a host.
fn path_of_url(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    if rest.is_empty() || rest.starts_with('/') {
        return None;
    }
    let path = rest.find('/').map_or("", |i| &rest[i..]);
    let path = path
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_matches('/');
    Some(if path.is_empty() {
        "/".to_string()
    } else {
        format!("/{path}/")
    })
}

fn broken(rebuild: &Rebuild) -> Broken {
    let diags: Vec<_> = rebuild.diagnostics.iter().cloned().collect();
    let mut diags = diags;
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Broken {
        errors: rebuild.diagnostics.error_count(),
        warnings: rebuild.diagnostics.warning_count(),
        text: diagnostics::render_human(&diags, false),
    }
}

/// Prints the rebuild's diagnostics and one line on what it did.
fn log(rebuild: &Rebuild) {
    let errors = rebuild.diagnostics.error_count();
    let warnings = rebuild.diagnostics.warning_count();
    if !rebuild.diagnostics.is_empty() {
        let mut diags: Vec<_> = rebuild.diagnostics.iter().cloned().collect();
        diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        eprint!("{}", diagnostics::render_human(&diags, color));
    }
    let ms = rebuild.elapsed.as_millis();
    if rebuild.failed() {
        eprintln!(
            "{} build failed in {ms} ms: {}; the browser shows the problems until they are fixed",
            clock(),
            diagnostics::summary(errors, warnings)
        );
    } else {
        eprintln!(
            "{} built in {ms} ms: {} pages rendered, {} files written, {} removed; {}",
            clock(),
            rebuild.rendered,
            rebuild.written.len(),
            rebuild.removed.len(),
            diagnostics::summary(errors, warnings)
        );
    }
}

/// Changed paths for the log, relative to the site root; a long list is cut short.
fn describe_paths(root: &Path, paths: &[PathBuf]) -> String {
    const SHOWN: usize = 8;
    let mut names: Vec<String> = paths
        .iter()
        .take(SHOWN)
        .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
        .collect();
    if paths.len() > SHOWN {
        names.push(format!("and {} more", paths.len() - SHOWN));
    }
    names.join(", ")
}

/// The wall-clock time, to tell log lines apart.
fn clock() -> String {
    jiff::ZonedDateTime::now().strftime("%H:%M:%S").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths() {
        assert_eq!(
            path_of_url("https://papers.example.org/").as_deref(),
            Some("/")
        );
        assert_eq!(
            path_of_url("https://papers.example.org").as_deref(),
            Some("/")
        );
        assert_eq!(
            path_of_url("https://example.org/committees").as_deref(),
            Some("/committees/")
        );
        assert_eq!(
            path_of_url(" http://example.org/a/b/ ").as_deref(),
            Some("/a/b/")
        );
        assert_eq!(path_of_url("example.org/a"), None);
        assert_eq!(path_of_url("https:///a"), None);
    }

    #[test]
    fn preview_points_base_url_at_the_server() {
        let options = crate::Options::new("/site");
        let preview = preview_options(&options, "127.0.0.1:1111", Some("/committees/"));
        assert_eq!(
            preview.base_url.as_deref(),
            Some("http://127.0.0.1:1111/committees/")
        );
        assert!(preview.preview);
        assert_eq!(
            preview_options(&options, "127.0.0.1:1111", None).base_url,
            None
        );
    }

    #[test]
    fn long_change_lists_are_cut_short() {
        let root = Path::new("/site");
        let paths: Vec<PathBuf> = (0..10)
            .map(|i| root.join(format!("content/{i}.md")))
            .collect();
        let text = describe_paths(root, &paths);
        assert!(text.starts_with("content/0.md, content/1.md"), "{text}");
        assert!(text.ends_with("and 2 more"), "{text}");
    }
}
