//! Updating an existing output folder in place, as one transaction: only
//! files whose bytes changed are written, files the new site no longer has
//! are removed, and a failure part way puts every moved file back.
//!
//! Why not rebuild the folder and swap it in every time: creating some
//! 30,000 files and deleting as many again costs seconds on a large site
//! (the file system allocates and frees an inode for each), while a rebuild
//! usually changes a handful. Unchanged files keep their inode and mtime,
//! which also keeps `rsync` and deploy tools quick.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{WriteSummary, write_files};
use crate::render::RenderedFile;

/// The files of an existing output folder, relative with `/`.
pub(super) struct ExistingOutput {
    files: HashSet<String>,
}

impl ExistingOutput {
    /// Lists `target`; `None` when it is not a plain folder of files and
    /// folders (a symlink, a file, a socket inside), which the caller then
    /// replaces whole instead.
    pub(super) fn read(target: &Path) -> Option<Self> {
        let metadata = std::fs::symlink_metadata(target).ok()?;
        if !metadata.is_dir() {
            return None;
        }
        let mut files = HashSet::new();
        for entry in walkdir::WalkDir::new(target).min_depth(1) {
            let entry = entry.ok()?;
            let kind = entry.file_type();
            if kind.is_dir() {
                continue;
            }
            if !kind.is_file() {
                return None;
            }
            let relative = entry.path().strip_prefix(target).ok()?;
            let parts: Option<Vec<&str>> = relative.iter().map(|part| part.to_str()).collect();
            files.insert(parts?.join("/"));
        }
        Some(Self { files })
    }
}

/// What an update has to do.
struct Plan<'a> {
    /// New or different files, to be written.
    changed: Vec<&'a RenderedFile>,
    /// Existing files to move aside: the old versions of changed files, and
    /// files the new site no longer has.
    moved_out: Vec<String>,
    /// Files the new site no longer has (also in `moved_out`).
    removed: Vec<String>,
    unchanged: usize,
}

fn plan<'a>(target: &Path, files: &'a [RenderedFile], existing: &ExistingOutput) -> Plan<'a> {
    let same: Vec<bool> = files
        .par_iter()
        .map(|file| {
            existing.files.contains(&file.path) && same_bytes(&target.join(&file.path), file)
        })
        .collect();
    let new_paths: HashSet<&str> = files.iter().map(|file| file.path.as_str()).collect();
    let mut removed: Vec<String> = existing
        .files
        .iter()
        .filter(|path| !new_paths.contains(path.as_str()))
        .cloned()
        .collect();
    removed.sort();
    let changed: Vec<&RenderedFile> = files
        .iter()
        .zip(&same)
        .filter(|(_, same)| !**same)
        .map(|(file, _)| file)
        .collect();
    let mut moved_out: Vec<String> = changed
        .iter()
        .filter(|file| existing.files.contains(&file.path))
        .map(|file| file.path.clone())
        .chain(removed.iter().cloned())
        .collect();
    moved_out.sort();
    Plan {
        unchanged: files.len() - changed.len(),
        changed,
        moved_out,
        removed,
    }
}

/// Whether the file at `path` holds exactly `file`'s bytes (the size is
/// compared first, so most changed files are never read).
fn same_bytes(path: &Path, file: &RenderedFile) -> bool {
    let Ok(metadata) = std::fs::metadata(path) else {
        return false;
    };
    if metadata.len() != file.bytes.len() as u64 {
        return false;
    }
    std::fs::read(path).is_ok_and(|bytes| *bytes == *file.bytes)
}

/// Brings `target` to exactly `files`. On failure, `target` holds what it
/// held before and the temporary folders beside it are gone.
pub(super) fn update_in_place(
    target: &Path,
    parent: &Path,
    name: &str,
    files: &[RenderedFile],
    existing: &ExistingOutput,
) -> io::Result<WriteSummary> {
    let plan = plan(target, files, existing);
    let summary = WriteSummary {
        written: plan.changed.len(),
        unchanged: plan.unchanged,
        removed: plan.removed.len(),
    };
    if plan.changed.is_empty() && plan.moved_out.is_empty() {
        return Ok(summary);
    }
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.building-"))
        .tempdir_in(parent)?;
    let backup = tempfile::Builder::new()
        .prefix(&format!(".{name}.old-"))
        .tempdir_in(parent)?;
    let changed: Vec<RenderedFile> = plan.changed.iter().map(|file| (*file).clone()).collect();
    write_files(staging.path(), &changed)?;
    let mut transaction = Transaction {
        target,
        staging: staging.path(),
        backup: backup.path(),
        moved_out: Vec::new(),
        removed_folders: Vec::new(),
        created_folders: Vec::new(),
        placed: Vec::new(),
    };
    if let Err(error) = transaction.commit(&plan) {
        transaction.roll_back();
        return Err(error);
    }
    // Dropping the temporary folders deletes the old versions.
    Ok(summary)
}

/// The steps of one update, recorded so they can be undone.
struct Transaction<'a> {
    target: &'a Path,
    staging: &'a Path,
    backup: &'a Path,
    moved_out: Vec<String>,
    /// Folders emptied by removed files, deepest first.
    removed_folders: Vec<PathBuf>,
    /// Folders made for new files, outermost first.
    created_folders: Vec<PathBuf>,
    placed: Vec<String>,
}

impl Transaction<'_> {
    fn commit(&mut self, plan: &Plan<'_>) -> io::Result<()> {
        for path in &plan.moved_out {
            let aside = self.backup.join(path);
            if let Some(folder) = aside.parent() {
                std::fs::create_dir_all(folder)?;
            }
            std::fs::rename(self.target.join(path), aside)?;
            self.moved_out.push(path.clone());
        }
        self.remove_emptied_folders(&plan.removed);
        for file in &plan.changed {
            let destination = self.target.join(&file.path);
            if let Some(folder) = destination.parent() {
                self.create_folders(folder)?;
            }
            std::fs::rename(self.staging.join(&file.path), &destination)?;
            self.placed.push(file.path.clone());
        }
        Ok(())
    }

    /// Removes folders left empty by removed files, so a folder can become
    /// a file (and the output has no empty leftovers).
    fn remove_emptied_folders(&mut self, removed: &[String]) {
        let mut folders: Vec<PathBuf> = removed
            .iter()
            .flat_map(|path| Path::new(path).ancestors().skip(1))
            .filter(|folder| !folder.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .collect();
        // Deepest first, each once.
        folders.sort_by_key(|folder| std::cmp::Reverse(folder.components().count()));
        let mut seen = HashSet::new();
        for folder in folders {
            if seen.insert(folder.clone()) && std::fs::remove_dir(self.target.join(&folder)).is_ok()
            {
                self.removed_folders.push(folder);
            }
        }
    }

    fn create_folders(&mut self, folder: &Path) -> io::Result<()> {
        if folder.is_dir() {
            return Ok(());
        }
        let missing: Vec<PathBuf> = folder
            .ancestors()
            .take_while(|ancestor| !ancestor.is_dir())
            .map(Path::to_path_buf)
            .collect();
        for ancestor in missing.into_iter().rev() {
            std::fs::create_dir(&ancestor)?;
            self.created_folders.push(ancestor);
        }
        Ok(())
    }

    /// Undoes every recorded step, newest first; best effort, as the
    /// error that stopped the commit is what gets reported.
    fn roll_back(&mut self) {
        for path in self.placed.drain(..).rev() {
            let _ = std::fs::remove_file(self.target.join(path));
        }
        for folder in self.created_folders.drain(..).rev() {
            let _ = std::fs::remove_dir(folder);
        }
        for folder in self.removed_folders.drain(..).rev() {
            let _ = std::fs::create_dir_all(self.target.join(folder));
        }
        for path in self.moved_out.drain(..).rev() {
            let destination = self.target.join(&path);
            if let Some(folder) = destination.parent() {
                let _ = std::fs::create_dir_all(folder);
            }
            let _ = std::fs::rename(self.backup.join(&path), destination);
        }
    }
}
