//! Walks a folder of the site in a stable order and refuses any file that
//! resolves, through symlinks, outside the site root.
//!
//! Invariant: every path returned is inside the canonical site root; hidden
//! files (a name starting with `.`) are skipped.

use std::path::{Path, PathBuf};

/// One file found by the walk.
#[derive(Debug)]
pub struct WalkedFile {
    /// Relative to the walked folder, with `/` separators.
    pub relative: String,
    pub absolute: PathBuf,
}

#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<WalkedFile>,
    /// Files under the folder that lead outside the site (symlinks).
    pub refused: Vec<String>,
    /// Entries that could not be read, with the reason.
    pub unreadable: Vec<(String, String)>,
}

/// Walks `folder` (which may not exist: then the walk is empty).
pub fn walk_folder(site_root: &Path, folder: &Path) -> Walk {
    let mut walk = Walk::default();
    if !folder.is_dir() {
        return walk;
    }
    let entries = walkdir::WalkDir::new(folder)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| !is_hidden(entry.file_name()));
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error
                    .path()
                    .map(|p| relative_to(folder, p))
                    .unwrap_or_default();
                walk.unreadable.push((path, error.to_string()));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = relative_to(folder, entry.path());
        match entry.path().canonicalize() {
            Ok(real) if real.starts_with(site_root) => walk.files.push(WalkedFile {
                relative,
                absolute: real,
            }),
            Ok(_) => walk.refused.push(relative),
            Err(error) => walk.unreadable.push((relative, error.to_string())),
        }
    }
    walk
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|name| name.starts_with('.') && name.len() > 1)
}

/// `folder/a/b.md` → `a/b.md`, always with `/`.
fn relative_to(folder: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(folder).unwrap_or(path);
    relative
        .components()
        .map(|component| component.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
