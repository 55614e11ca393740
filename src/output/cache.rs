//! Keeping the build's caches under `.reportsite/cache/`: the image and
//! search caches decide what to keep and what has gone stale
//! (`CacheUpdate`), and this applies it, so `output` stays the only module
//! that writes or deletes.
//!
//! Invariant: every file is written whole (`write_file`); an entry's files
//! are written in order and the first failure skips the rest, so an entry
//! whose manifest comes last is either complete or simply missed. A failed
//! write or removal is ignored: a cache is only a shortcut.

use std::path::PathBuf;
use std::sync::Arc;

use super::write_file;

/// What one cache wants written and removed after a good build.
#[derive(Default)]
pub struct CacheUpdate {
    pub entries: Vec<CacheEntry>,
    pub stale: Vec<StaleCache>,
}

/// Files written in order, as one entry.
#[derive(Default)]
pub struct CacheEntry {
    pub files: Vec<(PathBuf, Arc<[u8]>)>,
}

/// An entry the build no longer uses.
pub enum StaleCache {
    Folder(PathBuf),
    File(PathBuf),
}

/// Writes the new entries, then removes the stale ones.
pub fn update_cache(update: &CacheUpdate) {
    for entry in &update.entries {
        for (path, bytes) in &entry.files {
            if write_file(path, bytes).is_err() {
                break;
            }
        }
    }
    for stale in &update.stale {
        // Ignored on failure: the entry is redone or dropped next time.
        let _ = match stale {
            StaleCache::Folder(folder) => std::fs::remove_dir_all(folder),
            StaleCache::File(file) => std::fs::remove_file(file),
        };
    }
}
