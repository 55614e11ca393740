//! The image cache, `.reportsite/cache/images/` under the site: one folder
//! per image, named by a hash of the source bytes and the settings, holding
//! the renditions and a small manifest. An unchanged image costs one hash
//! and a few file reads on the next build.
//!
//! Invariant: the cache is only ever a shortcut. A missing, partial or
//! unreadable entry is processed again; a failed write is ignored. Entries
//! are written through `output::write_file` (atomically), and only after
//! `build` wrote the site: a failed build or `check` leaves no trace.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::encode::rendition_path;
use super::{ImageSet, ImageSettings, Rendition, ResponsiveImage};

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

    /// Saves what this build processed and removes the entries it did not
    /// use, so the cache does not grow with every edit.
    pub fn update(&self, images: &ImageSet) {
        for (key, asset) in &images.new_entries {
            if let Some(image) = images.get(asset) {
                self.store(key, asset, image);
            }
        }
        self.prune(&images.cache_keys);
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

    /// Saves `image` under `key`; the manifest goes last, so a build stopped
    /// half-way leaves an entry that is simply missed.
    fn store(&self, key: &str, asset: &str, image: &ResponsiveImage) {
        let Some(dir) = &self.dir else {
            return;
        };
        let folder = dir.join(key);
        let save = |renditions: &[Rendition]| -> Option<Vec<Entry>> {
            renditions
                .iter()
                .map(|rendition| save_entry(&folder, rendition, asset))
                .collect()
        };
        let (Some(webp), Some(fallback)) = (save(&image.webp), save(&image.fallback)) else {
            return;
        };
        let manifest = Manifest {
            version: VERSION,
            width: image.width,
            height: image.height,
            webp,
            fallback,
        };
        if let Ok(json) = serde_json::to_vec(&manifest) {
            let _ = crate::output::write_file(&folder.join(MANIFEST), &json);
        }
    }

    fn prune(&self, used: &BTreeSet<String>) {
        let Some(dir) = &self.dir else {
            return;
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !used.contains(&name) && entry.path().join(MANIFEST).is_file() {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
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

fn save_entry(folder: &Path, rendition: &Rendition, asset: &str) -> Option<Entry> {
    let suffix = (rendition.path != asset).then(|| {
        let stem = super::encode::stem(asset);
        rendition.path[stem.len() + 1..].to_string()
    });
    if let Some(suffix) = &suffix {
        crate::output::write_file(&folder.join(suffix), &rendition.bytes).ok()?;
    }
    Some(Entry {
        width: rendition.width,
        suffix,
    })
}
