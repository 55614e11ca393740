//! Watching the site for edits: notify (inotify on Linux) over `content/`,
//! `layouts/`, `static/`, `i18n/` and `data/` (saved engagement reports),
//! and the site folder itself for `site.toml` and the other data files,
//! batched with a short quiet period.
//!
//! Invariant: editors' side files (swap, backup, lock and temporary files,
//! anything hidden) and everything outside those folders (`public/`,
//! `.reportsite/`, `target/`) never trigger a rebuild. A batch lists the
//! changed paths relative to the site root, sorted, with `/`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

/// The folders whose every file is an input.
const WATCHED_FOLDERS: [&str; 5] = ["content", "layouts", "static", "i18n", "data"];
/// How long the files must be quiet before a rebuild starts: long enough
/// for an editor's save (write, rename) or a `git checkout` burst, short
/// enough not to be noticed.
const QUIET: Duration = Duration::from_millis(25);
/// A steady stream of changes still gets a rebuild this often.
const LONGEST_WAIT: Duration = Duration::from_millis(250);

pub struct SiteWatcher {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    root: PathBuf,
    watched: BTreeSet<String>,
}

/// What waiting for a batch of changes ended with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WatchOutcome {
    /// These inputs changed (paths relative to the site root, with `/`).
    Changed(Vec<String>),
    /// Nothing changed within the time given.
    Quiet,
    /// The watcher has stopped; no more batches will come.
    Stopped,
}

impl SiteWatcher {
    pub fn new(root: &Path) -> notify::Result<Self> {
        let root = root.canonicalize().map_err(notify::Error::io)?;
        let (sender, events) = channel();
        let mut watcher = notify::recommended_watcher(sender)?;
        watcher.watch(&root, RecursiveMode::NonRecursive)?;
        let mut site_watcher = Self {
            watcher,
            events,
            root,
            watched: BTreeSet::new(),
        };
        site_watcher.watch_folders();
        Ok(site_watcher)
    }

    /// Watches each input folder that exists and is not watched yet (one
    /// may be created while serving).
    fn watch_folders(&mut self) {
        for folder in WATCHED_FOLDERS {
            let path = self.root.join(folder);
            if path.is_dir()
                && !self.watched.contains(folder)
                && self.watcher.watch(&path, RecursiveMode::Recursive).is_ok()
            {
                self.watched.insert(folder.to_string());
            }
        }
    }

    /// Waits for the next batch of changed inputs; `None` once the watcher
    /// has stopped.
    pub fn next_batch(&mut self) -> Option<Vec<String>> {
        match self.next_batch_within(None) {
            WatchOutcome::Changed(changed) => Some(changed),
            WatchOutcome::Quiet => Some(Vec::new()),
            WatchOutcome::Stopped => None,
        }
    }

    /// As `next_batch`, but gives up with `WatchOutcome::Quiet` when
    /// nothing changes within `wait` (`None`: wait for ever).
    pub fn next_batch_within(&mut self, wait: Option<Duration>) -> WatchOutcome {
        let mut changed = BTreeSet::new();
        let deadline = wait.map(|wait| Instant::now() + wait);
        while changed.is_empty() {
            let event = match deadline {
                None => match self.events.recv() {
                    Ok(event) => event,
                    Err(_) => return WatchOutcome::Stopped,
                },
                Some(deadline) => match self
                    .events
                    .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                {
                    Ok(event) => event,
                    Err(RecvTimeoutError::Timeout) => return WatchOutcome::Quiet,
                    Err(RecvTimeoutError::Disconnected) => return WatchOutcome::Stopped,
                },
            };
            self.collect(event, &mut changed);
        }
        let started = Instant::now();
        while started.elapsed() < LONGEST_WAIT {
            match self.events.recv_timeout(QUIET) {
                Ok(event) => self.collect(event, &mut changed),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return WatchOutcome::Stopped,
            }
        }
        self.watch_folders();
        WatchOutcome::Changed(changed.into_iter().collect())
    }

    fn collect(&self, event: notify::Result<Event>, changed: &mut BTreeSet<String>) {
        let Ok(event) = event else {
            // The watcher lost track (say, too many events): rebuild all.
            changed.insert("site.toml".to_string());
            return;
        };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in &event.paths {
            if let Some(relative) = input_path(&self.root, path) {
                changed.insert(relative);
            }
        }
    }
}

/// The path relative to the site root if it is a site input, `None` for
/// output, caches and editors' side files.
pub fn input_path(root: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(root).ok()?;
    let parts: Vec<&str> = relative
        .components()
        .map(|part| part.as_os_str().to_str())
        .collect::<Option<_>>()?;
    let (first, last) = (parts.first()?, parts.last()?);
    if parts.iter().any(|part| is_side_file(part)) {
        return None;
    }
    let is_input = WATCHED_FOLDERS.contains(first) || (parts.len() == 1 && last.ends_with(".toml"));
    is_input.then(|| parts.join("/"))
}

/// Files editors and tools write beside the real one.
fn is_side_file(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || [
            ".swp",
            ".swx",
            ".swo",
            ".tmp",
            ".bak",
            ".orig",
            ".crdownload",
            "___jb_tmp___",
            "___jb_old___",
        ]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_inputs_and_drops_side_files() {
        let root = Path::new("/site");
        let keep = |path: &str| input_path(root, &root.join(path));
        assert_eq!(keep("content/a.md"), Some("content/a.md".into()));
        assert_eq!(keep("layouts/page.html"), Some("layouts/page.html".into()));
        assert_eq!(keep("site.toml"), Some("site.toml".into()));
        assert_eq!(keep("glossary.toml"), Some("glossary.toml".into()));
        // `engagement --save` under serve: the editors' page follows.
        assert_eq!(
            keep("data/engagement/2025-10-01--2025-10-31.json"),
            Some("data/engagement/2025-10-01--2025-10-31.json".into())
        );
        for ignored in [
            "content/.a.md.swp",
            "content/a.md~",
            "content/#a.md#",
            "content/.#a.md",
            "content/4913",
            "content/a.md.tmp",
            "public/index.html",
            ".reportsite/links.json",
            "target/debug/x",
            "README.md",
            "content/.git/x",
        ] {
            assert_eq!(keep(ignored), None, "{ignored}");
        }
    }
}
