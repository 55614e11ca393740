//! The image cache, `.reportsite/cache/images/` under the site: one folder
//! per image, named by a hash of the source bytes and the settings, holding
//! the renditions and a small manifest. An unchanged image costs one hash
//! and a few file reads on the next build.
//!
//! Invariant: the cache is only ever a shortcut. A missing, partial or
//! unreadable entry is processed again. This module only reads the cache
//! and says what to change (`changes`): the pipeline has `output` apply
//! it, only after `build` wrote the site, so a failed build or `check`
//! leaves no trace.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::encode::rendition_path;
use super::{ImageSet, ImageSettings, Rendition, ResponsiveImage};
use crate::output::{CacheEntry, CacheUpdate, StaleCache};

/// Bump when the encoders or their settings change what they produce.
const VERSION: u32 = 1;
const MANIFEST: &str = "image.json";

pub struct ImageCache {
    dir: Option<PathBuf>,
}

#[derive(Serialize, Deserialize)]
struct Manifest {
    version: u32,
    width: u32,
    height: u32,
    webp: Vec<Entry>,
    fallback: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    width: u32,
    /// `480w.webp`: the file in the cache folder, and the end of the
    /// output path; `None` for the original, which is not copied.
    suffix: Option<String>,
}

/// The cache key: the source bytes and everything that changes the output.
pub fn key(bytes: &[u8], settings: &ImageSettings) -> String {
    let mut context = ring::digest::Context::new(&ring::digest::SHA256);
    context.update(bytes);
    let settings = format!(
        "v{VERSION} widths={:?} quality={}",
        settings.widths, settings.quality
    );
    context.update(settings.as_bytes());
    let digest = context.finish();
    digest.as_ref()[..16]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

impl ImageCache {
    /// A cache kept in `dir`; `None` keeps nothing.
    pub fn new(dir: Option<PathBuf>) -> Self {
        Self { dir }
    }

    /// What to save of this build's processing, and the entries it did
    /// not use, to remove so the cache does not grow with every edit.
    pub fn changes(&self, images: &ImageSet) -> CacheUpdate {
        let Some(dir) = &self.dir else {
            return CacheUpdate::default();
        };
        let entries = images
            .new_entries
            .iter()
            .filter_map(|(key, asset)| Some(new_entry(&dir.join(key), asset, images.get(asset)?)))
            .collect();
        CacheUpdate {
            entries,
            stale: unused_entries(dir, &images.cache_keys),
        }
    }

    /// The entry for `key`, with every rendition read back, or `None`.
    pub fn load(&self, key: &str, asset: &str, original: &Arc<[u8]>) -> Option<ResponsiveImage> {
        let folder = self.dir.as_ref()?.join(key);
        let manifest: Manifest =
            serde_json::from_slice(&std::fs::read(folder.join(MANIFEST)).ok()?).ok()?;
        if manifest.version != VERSION {
            return None;
        }
        let read = |entries: Vec<Entry>| -> Option<Vec<Rendition>> {
            entries
                .into_iter()
                .map(|entry| read_entry(&folder, entry, asset, original))
                .collect()
        };
        Some(ResponsiveImage {
            width: manifest.width,
            height: manifest.height,
            webp: read(manifest.webp)?,
            fallback: read(manifest.fallback)?,
        })
    }
}

fn read_entry(folder: &Path, entry: Entry, asset: &str, original: &Arc<[u8]>) -> Option<Rendition> {
    // Paths follow the asset, not the cache: the same bytes may be shown
    // under another name.
    let (path, bytes) = match &entry.suffix {
        Some(suffix) => (
            rendition_path(asset, suffix),
            Arc::from(std::fs::read(folder.join(suffix)).ok()?),
        ),
        None => (asset.to_string(), original.clone()),
    };
    Some(Rendition {
        path,
        width: entry.width,
        bytes,
    })
}

/// The files of `image`'s entry in `folder`; the manifest goes last, so
/// a build stopped half-way leaves an entry that is simply missed.
fn new_entry(folder: &Path, asset: &str, image: &ResponsiveImage) -> CacheEntry {
    let mut files = Vec::new();
    let mut listed = |renditions: &[Rendition]| -> Vec<Entry> {
        renditions
            .iter()
            .map(|rendition| {
                let entry = entry_for(rendition, asset);
                if let Some(suffix) = &entry.suffix {
                    files.push((folder.join(suffix), rendition.bytes.clone()));
                }
                entry
            })
            .collect()
    };
    let webp = listed(&image.webp);
    let fallback = listed(&image.fallback);
    let manifest = Manifest {
        version: VERSION,
        width: image.width,
        height: image.height,
        webp,
        fallback,
    };
    match serde_json::to_vec(&manifest) {
        Ok(json) => files.push((folder.join(MANIFEST), Arc::from(json))),
        // Without its manifest an entry is never read: keep none of it.
        Err(_) => files.clear(),
    }
    CacheEntry { files }
}

fn entry_for(rendition: &Rendition, asset: &str) -> Entry {
    let suffix = (rendition.path != asset).then(|| {
        let stem = super::encode::stem(asset);
        rendition.path[stem.len() + 1..].to_string()
    });
    Entry {
        width: rendition.width,
        suffix,
    }
}

/// The cache's entries (folders with a manifest) that this build did not use.
fn unused_entries(dir: &Path, used: &BTreeSet<String>) -> Vec<StaleCache> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            !used.contains(&name) && entry.path().join(MANIFEST).is_file()
        })
        .map(|entry| StaleCache::Folder(entry.path()))
        .collect()
}
