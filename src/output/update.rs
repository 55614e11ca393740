//! Updating an existing output folder in place, as one transaction: only
//! files whose bytes changed are written, files the new site no longer has
//! are removed, and a failure part way puts every moved file back. Only
//! our files (`ownership.rs`) are replaced or removed: a file of the
//! user's in the way of the new site stops the update before anything is
//! touched, unless `--clean` asked for the user's files to go.
//!
//! Why not rebuild the folder and swap it in every time: creating some
//! 30,000 files and deleting as many again costs seconds on a large site
//! (the file system allocates and frees an inode for each), while a rebuild
//! usually changes a handful. Unchanged files keep their inode and mtime,
//! which also keeps `rsync` and deploy tools quick.

use std::collections::{BTreeSet, HashSet};
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::ownership::{ExistingOutput, MANIFEST};
use super::{WriteError, WriteSummary, write_files};
use crate::rendered::RenderedFile;

/// What an update has to do.
struct Plan<'a> {
    /// New or different files, to be written (the manifest last).
    changed: Vec<&'a RenderedFile>,
    /// Existing files to move aside: the old versions of changed files,
    /// files the new site no longer has, and (`--clean`) the user's files.
    moved_out: Vec<String>,
    /// Our files the new site no longer has (also in `moved_out`).
    removed: Vec<String>,
    /// The user's files removed by `--clean` (also in `moved_out`).
    cleaned: Vec<String>,
    /// The user's files, kept as they are.
    left_alone: Vec<String>,
    unchanged: usize,
}

/// What the new site does with one of its files.
enum FileStep {
    /// The same bytes are there already (ours, or the user's: then it
    /// becomes ours without being touched).
    Keep,
    Write,
    /// Something of the user's is at this path or on the way to it.
    Blocked(String),
}

fn plan<'a>(
    target: &Path,
    files: &'a [RenderedFile],
    existing: &ExistingOutput,
    clean: bool,
) -> Result<Plan<'a>, WriteError> {
    let steps: Vec<FileStep> = files
        .par_iter()
        .map(|file| file_step(target, file, existing))
        .collect();
    let mut blocked = BTreeSet::new();
    let mut adopted = HashSet::new();
    let mut changed = Vec::new();
    for (file, step) in files.iter().zip(steps) {
        match step {
            FileStep::Keep if existing.users_files.contains(&file.path) => {
                adopted.insert(file.path.as_str());
            }
            FileStep::Keep => {}
            FileStep::Write => changed.push(file),
            FileStep::Blocked(user) => {
                blocked.insert(user);
                changed.push(file);
            }
        }
    }
    if !blocked.is_empty() && !clean {
        return Err(WriteError::UsersFilesInTheWay(
            blocked.into_iter().collect(),
        ));
    }
    // The manifest goes last: until it is placed, the old one stands.
    changed.sort_by_key(|file| file.path == MANIFEST);
    let new_paths: HashSet<&str> = files.iter().map(|file| file.path.as_str()).collect();
    let mut removed: Vec<String> = existing
        .ours
        .iter()
        .filter(|path| !new_paths.contains(path.as_str()))
        .cloned()
        .collect();
    removed.sort();
    let users: Vec<String> = existing
        .all_users()
        .into_iter()
        .filter(|path| !adopted.contains(path.as_str()))
        .collect();
    let (cleaned, left_alone) = if clean {
        users
            .into_iter()
            .partition(|path| !path.contains('\u{FFFD}'))
    } else {
        (Vec::new(), users)
    };
    let moved_out: BTreeSet<String> = changed
        .iter()
        .filter(|file| existing.ours.contains(&file.path))
        .map(|file| file.path.clone())
        .chain(removed.iter().cloned())
        .chain(cleaned.iter().cloned())
        .collect();
    Ok(Plan {
        unchanged: files.len() - changed.len(),
        changed,
        moved_out: moved_out.into_iter().collect(),
        removed,
        cleaned,
        left_alone,
    })
}

/// Decides one file: blocked if anything of the user's is at its path or
/// at a folder on the way, kept if the same bytes are there.
fn file_step(target: &Path, file: &RenderedFile, existing: &ExistingOutput) -> FileStep {
    let path = file.path.as_str();
    let on_the_way = path
        .match_indices('/')
        .map(|(end, _)| &path[..end])
        .find(|folder| {
            existing.users_files.contains(*folder) || existing.users_other.contains(*folder)
        });
    if let Some(folder) = on_the_way {
        return FileStep::Blocked(folder.to_string());
    }
    let theirs = existing.users_at(path);
    let same_file = existing.ours.contains(path) || existing.users_files.contains(path);
    if same_file && same_bytes(&target.join(path), file) {
        return FileStep::Keep;
    }
    match theirs {
        Some(user) => FileStep::Blocked(user),
        None => FileStep::Write,
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

/// Brings `target` to exactly `files` plus the user's files. On failure,
/// `target` holds what it held before and the temporary folders beside it
/// are gone.
pub(super) fn update_in_place(
    target: &Path,
    parent: &Path,
    name: &str,
    files: &[RenderedFile],
    clean: bool,
) -> Result<WriteSummary, WriteError> {
    let existing = ExistingOutput::read(target)?;
    let plan = plan(target, files, &existing, clean)?;
    let manifest_changed = plan.changed.iter().any(|file| file.path == MANIFEST);
    let summary = WriteSummary {
        written: plan.changed.len() - usize::from(manifest_changed),
        unchanged: plan.unchanged - usize::from(!manifest_changed),
        removed: plan.removed.len(),
        left_alone: plan.left_alone.clone(),
        cleaned: plan.cleaned.clone(),
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
        return Err(error.into());
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
        let emptied: Vec<&String> = plan.removed.iter().chain(&plan.cleaned).collect();
        self.remove_emptied_folders(&emptied);
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
    fn remove_emptied_folders(&mut self, removed: &[&String]) {
        let mut folders: Vec<PathBuf> = removed
            .iter()
            .flat_map(|path| Path::new(path.as_str()).ancestors().skip(1))
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
        // Never through a symbolic link: the plan has refused any in the way.
        let is_folder =
            |path: &Path| std::fs::symlink_metadata(path).is_ok_and(|metadata| metadata.is_dir());
        if is_folder(folder) {
            return Ok(());
        }
        let missing: Vec<PathBuf> = folder
            .ancestors()
            .take_while(|ancestor| !is_folder(ancestor))
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
