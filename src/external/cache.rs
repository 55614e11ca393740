//! The external link cache (`.reportsite/links.json` under the site): each
//! URL's last outcome and when it was checked, so a second run within the
//! time-to-live makes no request at all.
//!
//! Invariant: an unreadable or outdated cache is treated as empty, never
//! as an error; the cache is written whole (via `output`) after each run.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::Outcome;

const VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CacheEntry {
    /// Seconds since the Unix epoch.
    pub checked_at: u64,
    pub outcome: Outcome,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct LinkCache {
    version: u32,
    pub entries: BTreeMap<String, CacheEntry>,
}

impl LinkCache {
    /// Reads the cache; a missing, corrupt or older-format file is empty.
    pub fn read(path: &Path) -> Self {
        std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<LinkCache>(&bytes).ok())
            .filter(|cache| cache.version == VERSION)
            .unwrap_or_default()
    }

    /// The outcome for `url` if it was checked less than `ttl` seconds ago.
    pub fn fresh(&self, url: &str, now: u64, ttl: u64) -> Option<&Outcome> {
        self.entries
            .get(url)
            .filter(|entry| now.saturating_sub(entry.checked_at) < ttl)
            .map(|entry| &entry.outcome)
    }

    pub fn record(&mut self, url: String, outcome: Outcome, now: u64) {
        self.entries.insert(
            url,
            CacheEntry {
                checked_at: now,
                outcome,
            },
        );
    }

    pub fn to_json(&self) -> Vec<u8> {
        let cache = LinkCache {
            version: VERSION,
            entries: self.entries.clone(),
        };
        serde_json::to_vec_pretty(&cache).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_after_the_ttl() {
        let mut cache = LinkCache::default();
        cache.record("https://a.example/".into(), Outcome::Ok, 1_000);
        assert!(cache.fresh("https://a.example/", 1_500, 3_600).is_some());
        assert!(cache.fresh("https://a.example/", 5_000, 3_600).is_none());
        assert!(cache.fresh("https://b.example/", 1_500, 3_600).is_none());
    }

    #[test]
    fn corrupt_cache_reads_as_empty() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("links.json");
        std::fs::write(&path, "{ not json")?;
        assert!(LinkCache::read(&path).entries.is_empty());
        Ok(())
    }
}
