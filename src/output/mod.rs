//! Writing the site: everything goes into a temporary folder beside the
//! target, which is swapped in only when every file was written.
//!
//! Invariant: the only module that writes to disk (the site, and the
//! external link cache through `write_file`). After `write_site`
//! returns, the target holds either the complete new site or exactly what
//! it held before, and no temporary folder is left beside it.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::RenderedFile;

/// Writes `files` as the complete contents of `target`.
pub fn write_site(target: &Path, files: &[RenderedFile]) -> io::Result<()> {
    let parent = parent_of(target)?;
    std::fs::create_dir_all(&parent)?;
    let name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".to_string());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.building-"))
        .tempdir_in(&parent)?;
    write_files(staging.path(), files)?;
    swap_in(staging.keep(), target, &parent, &name)
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
}
