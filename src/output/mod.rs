//! Writing the site. A new output folder is built in a temporary folder
//! beside the target and renamed into place; an existing one is updated
//! in place as one transaction (`update.rs`): only changed files are
//! written, through a temporary folder, and put back on failure.
//!
//! Invariant: the only module that writes to disk (the site, and the
//! external link cache through `write_file`). After `write_site`
//! returns, the target holds either the complete new site or exactly what
//! it held before, and no temporary folder is left beside it.

mod update;

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::RenderedFile;

/// What writing the site did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteSummary {
    /// New or changed files.
    pub written: usize,
    /// Files already there with the same bytes.
    pub unchanged: usize,
    /// Files of the old output the new site no longer has.
    pub removed: usize,
}

/// Writes `files` as the complete contents of `target`.
pub fn write_site(target: &Path, files: &[RenderedFile]) -> io::Result<WriteSummary> {
    let parent = parent_of(target)?;
    std::fs::create_dir_all(&parent)?;
    let name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".to_string());
    if let Some(existing) = update::ExistingOutput::read(target) {
        return update::update_in_place(target, &parent, &name, files, &existing);
    }
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.building-"))
        .tempdir_in(&parent)?;
    write_files(staging.path(), files)?;
    swap_in(staging.keep(), target, &parent, &name)?;
    Ok(WriteSummary {
        written: files.len(),
        ..WriteSummary::default()
    })
}

/// Writes one file whole: to a temporary file beside it, then renamed, so
/// a reader never sees half of it. Used for the external link cache.
pub fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let parent = parent_of(path)?;
    std::fs::create_dir_all(&parent)?;
    let mut temporary = tempfile::NamedTempFile::new_in(&parent)?;
    std::io::Write::write_all(&mut temporary, bytes)?;
    temporary
        .persist(path)
        .map(|_| ())
        .map_err(|error| error.error)
}

fn parent_of(target: &Path) -> io::Result<PathBuf> {
    let absolute = if target.is_absolute() {
        target.to_path_buf()
    } else {
        std::env::current_dir()?.join(target)
    };
    absolute.parent().map(Path::to_path_buf).ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "the output folder cannot be the root of the file system",
        )
    })
}

/// Creates each folder once, then writes the files in parallel.
fn write_files(folder: &Path, files: &[RenderedFile]) -> io::Result<()> {
    let folders: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|file| Path::new(&file.path).parent())
        .map(|parent| folder.join(parent))
        .collect();
    for parent in &folders {
        std::fs::create_dir_all(parent)?;
    }
    files
        .par_iter()
        .try_for_each(|file| std::fs::write(folder.join(&file.path), &file.bytes))
}

/// Moves the old output aside, the new one into place, then deletes the
/// old. If the second rename fails, the old output is put back.
fn swap_in(staging: PathBuf, target: &Path, parent: &Path, name: &str) -> io::Result<()> {
    let cleanup = |result: io::Result<()>| {
        if result.is_err() {
            let _ = std::fs::remove_dir_all(&staging);
        }
        result
    };
    if !target.exists() {
        return cleanup(std::fs::rename(&staging, target));
    }
    let old = tempfile::Builder::new()
        .prefix(&format!(".{name}.old-"))
        .tempdir_in(parent)?
        .keep();
    // The reserved name must be free for the rename on every platform.
    cleanup(std::fs::remove_dir(&old))?;
    cleanup(std::fs::rename(target, &old))?;
    if let Err(error) = std::fs::rename(&staging, target) {
        let _ = std::fs::rename(&old, target);
        let _ = std::fs::remove_dir_all(&staging);
        return Err(error);
    }
    std::fs::remove_dir_all(&old)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> RenderedFile {
        RenderedFile {
            path: path.to_string(),
            bytes: text.as_bytes().into(),
        }
    }

    #[test]
    fn replaces_old_output_completely() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("public");
        write_site(&target, &[file("old.html", "old")])?;
        write_site(&target, &[file("a/index.html", "new")])?;
        assert!(!target.join("old.html").exists());
        assert_eq!(std::fs::read_to_string(target.join("a/index.html"))?, "new");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())?.collect();
        assert_eq!(leftovers.len(), 1, "only public/ remains");
        Ok(())
    }

    fn listing(folder: &Path) -> Vec<String> {
        let mut found: Vec<String> = walkdir::WalkDir::new(folder)
            .min_depth(1)
            .into_iter()
            .filter_map(Result::ok)
            .map(|entry| {
                let relative = entry.path().strip_prefix(folder).unwrap_or(entry.path());
                let slash = if entry.file_type().is_dir() { "/" } else { "" };
                format!("{}{slash}", relative.display())
            })
            .collect();
        found.sort();
        found
    }

    #[test]
    fn updates_only_what_changed() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("public");
        let first = [
            file("a/index.html", "a"),
            file("b/index.html", "b"),
            file("gone/deep/x.css", "x"),
            file("c", "c as a file"),
        ];
        write_site(&target, &first)?;
        let kept = std::fs::metadata(target.join("a/index.html"))?.modified()?;
        let second = [
            file("a/index.html", "a"),
            file("b/index.html", "b, changed"),
            file("c/index.html", "c as a folder"),
            file("new/page.html", "new"),
        ];
        let summary = write_site(&target, &second)?;
        assert_eq!(
            summary,
            WriteSummary {
                written: 3,
                unchanged: 1,
                removed: 2
            }
        );
        assert_eq!(
            listing(&target),
            [
                "a/",
                "a/index.html",
                "b/",
                "b/index.html",
                "c/",
                "c/index.html",
                "new/",
                "new/page.html"
            ]
        );
        assert_eq!(
            std::fs::read_to_string(target.join("b/index.html"))?,
            "b, changed"
        );
        assert_eq!(
            std::fs::metadata(target.join("a/index.html"))?.modified()?,
            kept,
            "an unchanged file is not rewritten"
        );
        assert_eq!(
            listing(dir.path()).len(),
            listing(&target).len() + 1,
            "no temporary folders left"
        );
        let again = write_site(&target, &second)?;
        assert_eq!((again.written, again.unchanged, again.removed), (0, 4, 0));
        Ok(())
    }

    #[test]
    fn a_failed_update_puts_everything_back() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("public");
        write_site(
            &target,
            &[
                file("a/index.html", "a"),
                file("b.html", "b"),
                file("keep/x.html", "x"),
            ],
        )?;
        let before = listing(&target);
        // A file named like a folder still in use cannot be renamed into
        // place (even by root): the commit fails after it has moved and
        // placed other files, which must all be undone.
        let result = write_site(
            &target,
            &[
                file("a/index.html", "changed"),
                file("aa/new.html", "new"),
                file("keep", "a file over a folder"),
                file("keep/x.html", "x"),
            ],
        );
        assert!(result.is_err(), "the update cannot succeed");
        assert_eq!(listing(&target), before);
        assert_eq!(std::fs::read_to_string(target.join("a/index.html"))?, "a");
        assert_eq!(std::fs::read_to_string(target.join("b.html"))?, "b");
        assert_eq!(
            listing(dir.path()).len(),
            before.len() + 1,
            "no temporary folders left"
        );
        Ok(())
    }
}
