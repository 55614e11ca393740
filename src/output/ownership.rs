//! Which files in an existing output folder are reportsite's. Every build
//! records the files it wrote in `.reportsite-manifest`, written last; the
//! next build may replace or remove only files listed there. Anything else
//! (a file the user put there, a folder with no manifest, a symbolic link)
//! is the user's, and is left exactly as it is.
//!
//! Invariant: a path is "ours" only if the previous manifest lists it and
//! it is a regular file now; the manifest is trusted only for safe relative
//! paths (no `..`, no absolute path, no control characters).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io;
use std::path::Path;

pub use crate::content::paths::is_safe_relative;

/// The manifest's file name, at the top of the output folder.
pub const MANIFEST: &str = ".reportsite-manifest";

/// The manifest's first line: a file of that name without it is the user's.
const HEADER: &str = "# reportsite manifest 1: the files the last build wrote here. reportsite replaces or removes only these; do not edit.";

/// What is in an existing output folder, and whose it is.
pub(super) struct ExistingOutput {
    /// Regular files the previous build wrote (relative, with `/`).
    pub(super) ours: HashSet<String>,
    /// Regular files reportsite did not write.
    pub(super) users_files: HashSet<String>,
    /// Entries that are neither folders nor regular files (symbolic links,
    /// sockets), or whose names are not UTF-8: always the user's.
    pub(super) users_other: BTreeSet<String>,
    /// For each folder holding anything of the user's, the first such
    /// entry in path order: looked up once per file of the new site, so it
    /// is worked out once here rather than by scanning every entry.
    users_in_folder: HashMap<String, String>,
}

impl ExistingOutput {
    /// Lists `target` (a real folder) without following symbolic links.
    pub(super) fn read(target: &Path) -> io::Result<Self> {
        let mut files = HashSet::new();
        let mut users_other = BTreeSet::new();
        for entry in walkdir::WalkDir::new(target).min_depth(1) {
            let entry = entry.map_err(io::Error::other)?;
            let relative = entry
                .path()
                .strip_prefix(target)
                .map_err(io::Error::other)?;
            let kind = entry.file_type();
            let parts: Option<Vec<&str>> = relative.iter().map(|part| part.to_str()).collect();
            match parts {
                Some(parts) if kind.is_file() => {
                    files.insert(parts.join("/"));
                }
                Some(_) if kind.is_dir() => {}
                _ => {
                    users_other.insert(relative.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        let listed = read_manifest(&target.join(MANIFEST), files.contains(MANIFEST));
        let (ours, users_files) = match listed {
            Some(listed) => {
                // The manifest itself is ours too: it is replaced last.
                let ours: HashSet<String> = files
                    .iter()
                    .filter(|path| listed.contains(path.as_str()) || *path == MANIFEST)
                    .cloned()
                    .collect();
                files.retain(|path| !ours.contains(path));
                (ours, files)
            }
            None => (HashSet::new(), files),
        };
        let users_in_folder = first_user_entry_by_folder(users_files.iter().chain(&users_other));
        Ok(Self {
            ours,
            users_files,
            users_other,
            users_in_folder,
        })
    }

    /// Whether anything at `path` (a file, a link, or a folder holding
    /// anything of the user's) belongs to the user.
    pub(super) fn users_at(&self, path: &str) -> Option<String> {
        if self.users_files.contains(path) || self.users_other.contains(path) {
            return Some(path.to_string());
        }
        self.users_in_folder.get(path).cloned()
    }

    /// Everything of the user's, sorted.
    pub(super) fn all_users(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .users_files
            .iter()
            .chain(&self.users_other)
            .cloned()
            .collect();
        all.sort();
        all
    }
}

/// The files in `folder` that reportsite did not write (none when the
/// folder does not exist or cannot be read): a link to one is accepted,
/// with a warning, since a deploy of the folder carries it.
pub fn files_placed_by_hand(folder: &Path) -> BTreeSet<String> {
    if !std::fs::symlink_metadata(folder).is_ok_and(|metadata| metadata.is_dir()) {
        return BTreeSet::new();
    }
    ExistingOutput::read(folder).map_or_else(
        |_| BTreeSet::new(),
        |existing| existing.users_files.into_iter().collect(),
    )
}

/// Every folder that holds one of `entries`, with the first entry (in
/// path order) it holds.
fn first_user_entry_by_folder<'a>(
    entries: impl Iterator<Item = &'a String>,
) -> HashMap<String, String> {
    let mut first: HashMap<String, String> = HashMap::new();
    for entry in entries {
        for (end, _) in entry.match_indices('/') {
            let folder = &entry[..end];
            match first.get_mut(folder) {
                Some(earlier) if *earlier <= *entry => {}
                Some(earlier) => earlier.clone_from(entry),
                None => {
                    first.insert(folder.to_string(), entry.clone());
                }
            }
        }
    }
    first
}

/// The manifest for `paths` (the files of the new site).
pub(super) fn manifest_bytes<'a>(paths: impl Iterator<Item = &'a str>) -> Vec<u8> {
    let mut text = format!("{HEADER}\n");
    for path in paths {
        text.push_str(path);
        text.push('\n');
    }
    text.into_bytes()
}

/// The paths a manifest lists, if `path` is our manifest.
fn read_manifest(path: &Path, exists: bool) -> Option<HashSet<String>> {
    if !exists {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let mut lines = text.lines();
    if lines.next()? != HEADER {
        return None;
    }
    Some(
        lines
            .filter(|line| is_safe_relative(line) && *line != MANIFEST)
            .map(str::to_string)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_the_manifest_lists_are_ours() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path();
        std::fs::create_dir_all(target.join("a"))?;
        std::fs::write(target.join("a/index.html"), "ours")?;
        std::fs::write(target.join("notes.txt"), "the user's")?;
        let listed = ["a/index.html", "../outside.txt", "gone.html"];
        std::fs::write(
            target.join(MANIFEST),
            manifest_bytes(listed.iter().copied()),
        )?;
        let existing = ExistingOutput::read(target)?;
        assert_eq!(
            existing.ours,
            HashSet::from(["a/index.html".to_string(), MANIFEST.to_string()])
        );
        assert_eq!(existing.all_users(), ["notes.txt"]);
        assert_eq!(existing.users_at("notes.txt").as_deref(), Some("notes.txt"));
        assert_eq!(existing.users_at("a"), None);

        std::fs::write(target.join(MANIFEST), "a/index.html\n")?;
        let forged = ExistingOutput::read(target)?;
        assert!(forged.ours.is_empty(), "no header: not our manifest");
        assert_eq!(forged.all_users(), [MANIFEST, "a/index.html", "notes.txt"]);
        Ok(())
    }

    #[test]
    fn a_folder_holding_the_users_files_is_theirs() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path();
        std::fs::create_dir_all(target.join("docs/old"))?;
        std::fs::write(target.join("docs/old/b.pdf"), "b")?;
        std::fs::write(target.join("docs/a.pdf"), "a")?;
        let with_folder = ExistingOutput::read(target)?;
        assert_eq!(with_folder.users_at("docs").as_deref(), Some("docs/a.pdf"));
        assert_eq!(
            with_folder.users_at("docs/old").as_deref(),
            Some("docs/old/b.pdf")
        );
        assert_eq!(with_folder.users_at("doc"), None);
        Ok(())
    }
}
