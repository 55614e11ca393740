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

/// Walks `folder` (which may not exist: then the walk is empty). A link
/// that leads outside the site is refused once, where it is, and never
/// followed; a link that leads round in a loop is reported, not followed.
pub fn walk_folder(site_root: &Path, folder: &Path) -> Walk {
    let mut walk = Walk::default();
    if !folder.is_dir() {
        return walk;
    }
    let refused_links = std::cell::RefCell::new(Vec::new());
    let entries = walkdir::WalkDir::new(folder)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            if is_hidden(entry.file_name()) {
                return false;
            }
            let leaves = entry.path_is_symlink()
                && entry
                    .path()
                    .canonicalize()
                    .is_ok_and(|real| !real.starts_with(site_root));
            if leaves {
                refused_links
                    .borrow_mut()
                    .push(relative_to(folder, entry.path()));
            }
            !leaves
        });
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error
                    .path()
                    .map(|p| relative_to(folder, p))
                    .unwrap_or_default();
                walk.unreadable.push((path, describe_walk_error(&error)));
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
    walk.refused.extend(refused_links.into_inner());
    walk.refused.sort();
    walk
}

/// Why an entry could not be walked, in an editor's words.
fn describe_walk_error(error: &walkdir::Error) -> String {
    if error.loop_ancestor().is_some() {
        return "it is a link back to a folder that holds it, which would go round for ever"
            .to_string();
    }
    match error.io_error() {
        Some(io) if io.raw_os_error() == Some(40) => {
            "it is a symbolic link that leads round in a loop".to_string()
        }
        Some(io) if io.kind() == std::io::ErrorKind::NotFound => {
            "it is a symbolic link to something that does not exist".to_string()
        }
        Some(io) => io.to_string(),
        None => error.to_string(),
    }
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
