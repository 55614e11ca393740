//! The search index cache, `.reportsite/cache/search/` under the site: one
//! file per bundle last written (`pagefind.bin`, `pagefind-part-2.bin`),
//! with the key of what it was built from (the bundle's folder, every page's
//! URL and bytes as handed to Pagefind, the language, and the reportsite
//! binary). A bundle whose pages are exactly the same is not indexed again:
//! Pagefind is the slowest phase on a large site.
//!
//! Invariant: the cache is only a shortcut. A missing, damaged or
//! mismatched file means the index is built again. This module only
//! reads the cache and says what to change (`changes`); the pipeline has
//! `output` apply it, only after `build` wrote the site.
//!
//! The format is ours and small: a header line `reportsite-search <key>
//! <sha256 of the rest>`, then for each file its path length, path, byte
//! length and bytes (lengths as 8-byte little-endian numbers).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Bundle;
use crate::output::{CacheEntry, CacheUpdate, StaleCache};
use crate::rendered::RenderedFile;

const MAGIC: &str = "reportsite-search";

pub struct SearchCache {
    folder: Option<PathBuf>,
}

impl SearchCache {
    /// A cache kept in `folder`; `None` keeps nothing.
    pub fn new(folder: Option<PathBuf>) -> Self {
        Self { folder }
    }

    fn file(folder: &Path, bundle_folder: &str) -> PathBuf {
        folder.join(format!("{}.bin", bundle_folder.replace('/', "-")))
    }

    /// The bundle in `bundle_folder` built from pages with this `key`, if
    /// kept and intact.
    pub fn get(&self, bundle_folder: &str, key: &str) -> Option<Vec<RenderedFile>> {
        let folder = self.folder.as_deref()?;
        let bytes = std::fs::read(Self::file(folder, bundle_folder)).ok()?;
        decode(&bytes, key)
    }

    /// What keeping `bundles` takes: the bundles built this time written,
    /// replacing earlier ones, and the files of bundles the site no longer
    /// has removed (a bundle read from the cache is already there).
    pub fn changes(&self, bundles: &[Bundle]) -> CacheUpdate {
        let Some(folder) = self.folder.as_deref() else {
            return CacheUpdate::default();
        };
        let mut kept = std::collections::BTreeSet::new();
        let mut entries = Vec::new();
        for bundle in bundles {
            let file = Self::file(folder, &bundle.folder);
            if !bundle.from_cache {
                let bytes = Arc::from(encode(&bundle.key, &bundle.files));
                entries.push(CacheEntry {
                    files: vec![(file.clone(), bytes)],
                });
            }
            kept.insert(file);
        }
        let stale = std::fs::read_dir(folder).map_or_else(
            |_| Vec::new(),
            |listing| {
                listing
                    .flatten()
                    .map(|entry| entry.path())
                    .filter(|path| path.extension().is_some_and(|ext| ext == "bin"))
                    .filter(|path| !kept.contains(path))
                    .map(StaleCache::File)
                    .collect()
            },
        );
        CacheUpdate { entries, stale }
    }
}

/// The key of an index: what Pagefind was given, and which program built
/// it (its size and modification time change with every new binary, and
/// so with every new Pagefind).
pub fn key(language: &str, bundle_folder: &str, pages: &[(String, Arc<[u8]>)]) -> String {
    let mut context = ring::digest::Context::new(&ring::digest::SHA256);
    context.update(env!("CARGO_PKG_VERSION").as_bytes());
    context.update(binary_identity().as_bytes());
    context.update(language.as_bytes());
    context.update(&(bundle_folder.len() as u64).to_le_bytes());
    context.update(bundle_folder.as_bytes());
    for (url, html) in pages {
        context.update(&(url.len() as u64).to_le_bytes());
        context.update(url.as_bytes());
        context.update(&(html.len() as u64).to_le_bytes());
        context.update(html);
    }
    hex(context.finish().as_ref())
}

fn binary_identity() -> String {
    std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|metadata| {
            let modified = metadata
                .modified()
                .ok()
                .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |since| since.as_nanos());
            format!("{}:{modified}", metadata.len())
        })
        // Without it, no index would ever be known to be current.
        .unwrap_or_else(|_| format!("{:?}", std::time::SystemTime::now()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

fn encode(key: &str, files: &[RenderedFile]) -> Vec<u8> {
    let mut body = Vec::new();
    for file in files {
        body.extend_from_slice(&(file.path.len() as u64).to_le_bytes());
        body.extend_from_slice(file.path.as_bytes());
        body.extend_from_slice(&(file.bytes.len() as u64).to_le_bytes());
        body.extend_from_slice(&file.bytes);
    }
    let checksum = hex(ring::digest::digest(&ring::digest::SHA256, &body).as_ref());
    let mut encoded = format!("{MAGIC} {key} {checksum}\n").into_bytes();
    encoded.extend_from_slice(&body);
    encoded
}

fn decode(bytes: &[u8], key: &str) -> Option<Vec<RenderedFile>> {
    let newline = bytes.iter().position(|&byte| byte == b'\n')?;
    let header = std::str::from_utf8(&bytes[..newline]).ok()?;
    let mut parts = header.split(' ');
    if parts.next()? != MAGIC || parts.next()? != key {
        return None;
    }
    let checksum = parts.next()?;
    let mut body = &bytes[newline + 1..];
    if hex(ring::digest::digest(&ring::digest::SHA256, body).as_ref()) != checksum {
        return None;
    }
    let mut files = Vec::new();
    while !body.is_empty() {
        let path = take(&mut body)?;
        let contents = take(&mut body)?;
        files.push(RenderedFile {
            path: String::from_utf8(path.to_vec()).ok()?,
            bytes: Arc::from(contents),
        });
    }
    Some(files)
}

/// The next length-prefixed part of `body`.
fn take<'a>(body: &mut &'a [u8]) -> Option<&'a [u8]> {
    let (length, rest) = body.split_first_chunk::<8>()?;
    let length = usize::try_from(u64::from_le_bytes(*length)).ok()?;
    if rest.len() < length {
        return None;
    }
    let (part, rest) = rest.split_at(length);
    *body = rest;
    Some(part)
}

/// Where `build` keeps the index between runs.
pub fn cache_folder(root: &Path) -> PathBuf {
    root.join(".reportsite").join("cache").join("search")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Vec<RenderedFile> {
        ["pagefind/a.pf_fragment", "pagefind/pagefind.js"]
            .iter()
            .map(|path| RenderedFile {
                path: (*path).to_string(),
                bytes: Arc::from(format!("bytes of {path}").into_bytes()),
            })
            .collect()
    }

    #[test]
    fn an_index_comes_back_only_for_its_key_and_intact() {
        let encoded = encode("k1", &files());
        let back = decode(&encoded, "k1").expect("same key");
        assert_eq!(back.len(), 2);
        assert_eq!(back[1].path, "pagefind/pagefind.js");
        assert_eq!(&*back[1].bytes, b"bytes of pagefind/pagefind.js");
        assert!(decode(&encoded, "k2").is_none(), "other inputs");
        let mut damaged = encoded.clone();
        let last = damaged.len() - 1;
        damaged[last] ^= 1;
        assert!(decode(&damaged, "k1").is_none(), "a changed byte");
        assert!(
            decode(&encoded[..encoded.len() - 3], "k1").is_none(),
            "cut short"
        );
    }
}
