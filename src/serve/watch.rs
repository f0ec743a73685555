//! Watching the site's sources: `site.yaml`, `content/`, `templates/`, `static/` and `themes/`.
//!
//! Each folder is watched recursively and the site root alone (not recursively), so a folder created
//! later (a first `templates/`) is noticed and watched from then on, and nothing else under the root
//! (`.git`, a `public/` written by `build`) costs a watch or an event.
//!
//! Editors save through temporary files (vim's `4913` and `.x.md.swp`, `x.md~` backups, emacs `#x#`,
//! JetBrains `___jb_tmp___`…). Their paths are dropped; the file they replace shows up under its own name
//! (a rename's target), which is the path the engine needs.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify_debouncer_full::notify::{self, EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::rebuild::Message;

/// The site's source files and folders, relative to the root.
pub const SOURCES: &[&str] = &["site.yaml", "content", "templates", "static", "themes"];

/// How long a path must be quiet before its change is reported: long enough to see an editor's
/// multi-step save as one change, short enough not to be felt.
const DEBOUNCE: Duration = Duration::from_millis(50);

pub struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    /// The source folders being watched now.
    watched: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Starts watching `root`, sending each debounced batch of changed source paths to `changes`.
    pub fn start(root: &Path, changes: Sender<Message>) -> notify::Result<Watcher> {
        let handler_root = root.to_path_buf();
        let debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| match result {
            Ok(events) => {
                let paths = changed_paths(&handler_root, events.iter().map(|e| &e.event));
                if !paths.is_empty() {
                    let _ = changes.send(Message::Changed(paths));
                }
            }
            Err(errors) => {
                for error in errors {
                    eprintln!("warning: watching for changes: {error}");
                }
            }
        })?;
        let mut watcher = Watcher { root: root.to_path_buf(), debouncer, watched: BTreeSet::new() };
        watcher.debouncer.watch(root, RecursiveMode::NonRecursive)?;
        watcher.refresh();
        Ok(watcher)
    }

    /// Watches source folders that have appeared since the last call and forgets ones that went.
    pub fn refresh(&mut self) {
        for name in SOURCES.iter().filter(|n| !n.contains('.')) {
            let dir = self.root.join(name);
            let exists = dir.is_dir();
            let watched = self.watched.contains(&dir);
            if exists && !watched {
                match self.debouncer.watch(&dir, RecursiveMode::Recursive) {
                    Ok(()) => {
                        self.watched.insert(dir);
                    }
                    Err(error) => eprintln!("warning: cannot watch {}: {error}", dir.display()),
                }
            } else if !exists && watched {
                let _ = self.debouncer.unwatch(&dir);
                self.watched.remove(&dir);
            }
        }
    }
}

/// The source paths named by `events`, sorted and without duplicates or editors' temporary files.
pub fn changed_paths<'a>(root: &Path, events: impl Iterator<Item = &'a notify::Event>) -> Vec<PathBuf> {
    let mut paths = BTreeSet::new();
    for event in events {
        // Reads (opening a file, closing it unchanged) change nothing.
        if matches!(event.kind, EventKind::Access(_)) {
            continue;
        }
        for path in &event.paths {
            if is_source(root, path) {
                paths.insert(path.clone());
            }
        }
    }
    paths.into_iter().collect()
}

/// Is `path` one of the site's sources (and not an editor's scratch file)?
fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else { return false };
    let mut components = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let Some(top) = components.next() else { return false };
    if !SOURCES.contains(&top.as_ref()) {
        return false;
    }
    // `content/` also leaves out names starting with `_` (the loader does).
    let left_out = |name: &str| is_scratch(name) || (top == "content" && name.starts_with('_'));
    components.all(|name| !left_out(&name))
}

/// Editors' swap, backup, lock and save-in-progress files, and other files no site is made of.
fn is_scratch(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    // Hidden files are never part of a site (`content/` ignores them; vim's `.x.md.swp` is one).
    (name.starts_with('.') && name != ".well-known")
        || name.ends_with('~')                                   // vim, emacs, gedit backups
        || (name.starts_with('#') && name.ends_with('#'))        // emacs auto-save
        || name.starts_with("~$")                                // Microsoft Office owner files
        || (!name.is_empty() && name.bytes().all(|b| b.is_ascii_digit())) // vim's `4913` write test
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")                        // JetBrains safe write
        || [".swp", ".swx", ".swo", ".tmp", ".temp", ".bak", ".part", ".crdownload"].iter().any(|ext| lower.ends_with(ext))
        || lower == "thumbs.db"
        || lower == "desktop.ini"
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, ModifyKind, RemoveKind, RenameMode};

    fn event(kind: EventKind, paths: &[&str]) -> notify::Event {
        let mut e = notify::Event::new(kind);
        for p in paths {
            e = e.add_path(PathBuf::from(p));
        }
        e
    }

    fn changed(events: &[notify::Event]) -> Vec<String> {
        changed_paths(Path::new("/site"), events.iter()).iter().map(|p| p.display().to_string()).collect()
    }

    #[test]
    fn a_vim_save_is_one_change_to_the_file() {
        let paper = "/site/content/b/2026-12-01/04-x.md";
        let events = [
            event(EventKind::Create(CreateKind::File), &["/site/content/b/2026-12-01/4913"]),
            event(EventKind::Remove(RemoveKind::File), &["/site/content/b/2026-12-01/4913"]),
            event(EventKind::Modify(ModifyKind::Name(RenameMode::Both)), &[paper, "/site/content/b/2026-12-01/04-x.md~"]),
            event(EventKind::Create(CreateKind::File), &[paper]),
            event(EventKind::Modify(ModifyKind::Any), &["/site/content/b/2026-12-01/.04-x.md.swp"]),
            event(EventKind::Remove(RemoveKind::File), &["/site/content/b/2026-12-01/04-x.md~"]),
        ];
        assert_eq!(changed(&events), vec![paper]);
    }

    #[test]
    fn a_write_then_rename_reports_the_target() {
        let events = [event(
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            &["/site/templates/.paper.html.tmp123", "/site/templates/paper.html"],
        )];
        assert_eq!(changed(&events), vec!["/site/templates/paper.html"]);
    }

    #[test]
    fn deletes_and_renames_of_sources_report_both_names() {
        let events = [
            event(EventKind::Remove(RemoveKind::File), &["/site/content/b/old.md"]),
            event(EventKind::Modify(ModifyKind::Name(RenameMode::Both)), &["/site/content/b/a.md", "/site/content/b/c.md"]),
        ];
        assert_eq!(changed(&events), vec!["/site/content/b/a.md", "/site/content/b/c.md", "/site/content/b/old.md"]);
    }

    #[test]
    fn only_sources_count() {
        let events = [
            event(EventKind::Modify(ModifyKind::Any), &["/site/site.yaml"]),
            event(EventKind::Modify(ModifyKind::Any), &["/site/README.md"]),
            event(EventKind::Modify(ModifyKind::Any), &["/site/public/index.html"]),
            event(EventKind::Modify(ModifyKind::Any), &["/site/static/_headers"]),
            event(EventKind::Modify(ModifyKind::Any), &["/site/content/_drafts/x.md"]),
            event(EventKind::Modify(ModifyKind::Any), &["/elsewhere/content/x.md"]),
            event(EventKind::Access(notify::event::AccessKind::Any), &["/site/content/b/board.md"]),
            event(EventKind::Create(CreateKind::Folder), &["/site/templates"]),
        ];
        assert_eq!(changed(&events), vec!["/site/site.yaml", "/site/static/_headers", "/site/templates"]);
    }

    #[test]
    fn scratch_files() {
        for name in [".x.md.swp", ".x.md.swx", "x.md~", "#x.md#", ".#x.md", "4913", "5036", "x.md___jb_tmp___", "~$paper.docx", "x.tmp", ".DS_Store"] {
            assert!(is_scratch(name), "{name}");
        }
        for name in ["04-paper.md", "2026-12-01", "board.md", "route-patronage.csv", ".well-known", "_headers"] {
            assert!(!is_scratch(name), "{name}");
        }
    }
}
