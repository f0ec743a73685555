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
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher as _};

use super::rebuild::Message;

/// The site's source files and folders, relative to the root.
pub const SOURCES: &[&str] = &["site.yaml", "content", "templates", "static", "themes"];

/// How long the sources must be quiet before a batch of changes is reported: an editor's save
/// (write a temporary file, rename it over the old one) takes well under a millisecond, and the
/// author is waiting for the page. If a save is split anyway, the second batch makes a second
/// rebuild, which ends in the same pages.
const QUIET: Duration = Duration::from_millis(8);

/// The longest a batch waits for quiet: changes that never pause (a large copy, a program writing into
/// `content/`) are still reported, every quarter of a second.
const LONGEST: Duration = Duration::from_millis(250);

pub struct Watcher {
    root: PathBuf,
    watcher: notify::RecommendedWatcher,
    /// The source folders being watched now.
    watched: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Starts watching `root`, sending each batch of changed source paths to `changes`.
    ///
    /// Batching is done here rather than with a timer-driven debouncer: a thread waits on the
    /// events, so nothing runs while no file changes, and a batch goes out as soon as the sources
    /// have been quiet for [`QUIET`], not at the next tick.
    pub fn start(root: &Path, changes: Sender<Message>) -> notify::Result<Watcher> {
        let (events_tx, events) = mpsc::channel::<notify::Result<notify::Event>>();
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            if !is_read(&event) {
                let _ = events_tx.send(event);
            }
        })?;
        let batch_root = root.to_path_buf();
        std::thread::Builder::new()
            .name("boardpack-watch".into())
            .spawn(move || batch(&batch_root, &events, &changes))
            .map_err(notify::Error::io)?;
        let mut watcher = Watcher {
            root: root.to_path_buf(),
            watcher,
            watched: BTreeSet::new(),
        };
        watcher.watcher.watch(root, RecursiveMode::NonRecursive)?;
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
                match self.watcher.watch(&dir, RecursiveMode::Recursive) {
                    Ok(()) => {
                        self.watched.insert(dir);
                    }
                    Err(error) => eprintln!("warning: cannot watch {}: {error}", dir.display()),
                }
            } else if !exists && watched {
                let _ = self.watcher.unwatch(&dir);
                self.watched.remove(&dir);
            }
        }
    }
}

/// Reads (the rebuild itself opening the files it loads) change nothing and must not make a batch.
fn is_read(event: &notify::Result<notify::Event>) -> bool {
    matches!(event, Ok(e) if matches!(e.kind, EventKind::Access(_)))
}

/// Collects events until the sources have been quiet for [`QUIET`] (or for [`LONGEST`] at most), then
/// sends the changed source paths; returns when the watcher or the rebuild loop has gone.
fn batch(
    root: &Path,
    events: &mpsc::Receiver<notify::Result<notify::Event>>,
    changes: &Sender<Message>,
) {
    while let Ok(first) = events.recv() {
        let mut batch = vec![first];
        let deadline = std::time::Instant::now() + LONGEST;
        while std::time::Instant::now() < deadline {
            match events.recv_timeout(QUIET) {
                Ok(event) => batch.push(event),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let mut ok = Vec::with_capacity(batch.len());
        for event in batch {
            match event {
                Ok(event) => ok.push(event),
                Err(error) => eprintln!("warning: watching for changes: {error}"),
            }
        }
        let paths = changed_paths(root, ok.iter());
        if !paths.is_empty() && changes.send(Message::Changed(paths)).is_err() {
            return;
        }
    }
}

/// The source paths named by `events`, sorted and without duplicates or editors' temporary files.
pub fn changed_paths<'a>(
    root: &Path,
    events: impl Iterator<Item = &'a notify::Event>,
) -> Vec<PathBuf> {
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
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut components = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let Some(top) = components.next() else {
        return false;
    };
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
        changed_paths(Path::new("/site"), events.iter())
            .iter()
            .map(|p| p.display().to_string())
            .collect()
    }

    #[test]
    fn a_vim_save_is_one_change_to_the_file() {
        let paper = "/site/content/b/2026-12-01/04-x.md";
        let events = [
            event(
                EventKind::Create(CreateKind::File),
                &["/site/content/b/2026-12-01/4913"],
            ),
            event(
                EventKind::Remove(RemoveKind::File),
                &["/site/content/b/2026-12-01/4913"],
            ),
            event(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &[paper, "/site/content/b/2026-12-01/04-x.md~"],
            ),
            event(EventKind::Create(CreateKind::File), &[paper]),
            event(
                EventKind::Modify(ModifyKind::Any),
                &["/site/content/b/2026-12-01/.04-x.md.swp"],
            ),
            event(
                EventKind::Remove(RemoveKind::File),
                &["/site/content/b/2026-12-01/04-x.md~"],
            ),
        ];
        assert_eq!(changed(&events), vec![paper]);
    }

    #[test]
    fn a_write_then_rename_reports_the_target() {
        let events = [event(
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            &[
                "/site/templates/.paper.html.tmp123",
                "/site/templates/paper.html",
            ],
        )];
        assert_eq!(changed(&events), vec!["/site/templates/paper.html"]);
    }

    #[test]
    fn deletes_and_renames_of_sources_report_both_names() {
        let events = [
            event(
                EventKind::Remove(RemoveKind::File),
                &["/site/content/b/old.md"],
            ),
            event(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &["/site/content/b/a.md", "/site/content/b/c.md"],
            ),
        ];
        assert_eq!(
            changed(&events),
            vec![
                "/site/content/b/a.md",
                "/site/content/b/c.md",
                "/site/content/b/old.md"
            ]
        );
    }

    #[test]
    fn only_sources_count() {
        let events = [
            event(EventKind::Modify(ModifyKind::Any), &["/site/site.yaml"]),
            event(EventKind::Modify(ModifyKind::Any), &["/site/README.md"]),
            event(
                EventKind::Modify(ModifyKind::Any),
                &["/site/public/index.html"],
            ),
            event(
                EventKind::Modify(ModifyKind::Any),
                &["/site/static/_headers"],
            ),
            event(
                EventKind::Modify(ModifyKind::Any),
                &["/site/content/_drafts/x.md"],
            ),
            event(
                EventKind::Modify(ModifyKind::Any),
                &["/elsewhere/content/x.md"],
            ),
            event(
                EventKind::Access(notify::event::AccessKind::Any),
                &["/site/content/b/board.md"],
            ),
            event(EventKind::Create(CreateKind::Folder), &["/site/templates"]),
        ];
        assert_eq!(
            changed(&events),
            vec![
                "/site/site.yaml",
                "/site/static/_headers",
                "/site/templates"
            ]
        );
    }

    #[test]
    fn a_burst_of_events_is_one_batch_sent_once_the_sources_are_quiet() {
        let (events_tx, events) = mpsc::channel();
        let (changes, batches) = mpsc::channel();
        let worker = std::thread::spawn(move || batch(Path::new("/site"), &events, &changes));
        let paper = "/site/content/b/2026-12-01/04-x.md";
        // Before the first event: the batch cannot go out sooner than QUIET after the last one.
        let sent = std::time::Instant::now();
        for e in [
            event(
                EventKind::Create(CreateKind::File),
                &["/site/content/b/2026-12-01/.04-x.md.tmp"],
            ),
            event(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &["/site/content/b/2026-12-01/.04-x.md.tmp", paper],
            ),
        ] {
            events_tx.send(Ok(e)).unwrap();
        }
        let Ok(Message::Changed(paths)) = batches.recv_timeout(Duration::from_secs(5)) else {
            panic!("no batch")
        };
        assert!(
            sent.elapsed() >= QUIET,
            "sent before the sources were quiet"
        );
        assert_eq!(paths, vec![PathBuf::from(paper)]);
        // Scratch files alone make no batch at all.
        events_tx
            .send(Ok(event(
                EventKind::Create(CreateKind::File),
                &["/site/content/b/4913"],
            )))
            .unwrap();
        assert!(batches.recv_timeout(QUIET * 10).is_err());
        drop(events_tx);
        worker.join().unwrap();
    }

    #[test]
    fn changes_that_never_pause_are_still_reported() {
        let (events_tx, events) = mpsc::channel();
        let (changes, batches) = mpsc::channel();
        let worker = std::thread::spawn(move || batch(Path::new("/site"), &events, &changes));
        let started = std::time::Instant::now();
        // A change every 2 ms, for longer than a batch may wait.
        let mut n = 0;
        let first = loop {
            events_tx
                .send(Ok(event(
                    EventKind::Modify(ModifyKind::Any),
                    &[&format!("/site/content/b/{n}.md")],
                )))
                .unwrap();
            n += 1;
            if let Ok(message) = batches.try_recv() {
                break message;
            }
            assert!(
                started.elapsed() < LONGEST * 8,
                "no batch while changes kept coming"
            );
            std::thread::sleep(Duration::from_millis(2));
        };
        let Message::Changed(paths) = first else {
            panic!("not a change")
        };
        assert!(!paths.is_empty());
        drop(events_tx);
        worker.join().unwrap();
    }

    #[test]
    fn reads_are_not_changes() {
        assert!(is_read(&Ok(event(
            EventKind::Access(notify::event::AccessKind::Any),
            &["/site/content/b/board.md"]
        ))));
        assert!(!is_read(&Ok(event(
            EventKind::Modify(ModifyKind::Any),
            &["/site/content/b/board.md"]
        ))));
        assert!(!is_read(&Err(notify::Error::generic("lost events"))));
    }

    #[test]
    fn scratch_files() {
        for name in [
            ".x.md.swp",
            ".x.md.swx",
            "x.md~",
            "#x.md#",
            ".#x.md",
            "4913",
            "5036",
            "x.md___jb_tmp___",
            "~$paper.docx",
            "x.tmp",
            ".DS_Store",
        ] {
            assert!(is_scratch(name), "{name}");
        }
        for name in [
            "04-paper.md",
            "2026-12-01",
            "board.md",
            "route-patronage.csv",
            ".well-known",
            "_headers",
        ] {
            assert!(!is_scratch(name), "{name}");
        }
    }
}
