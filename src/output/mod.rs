//! Writing the site. A new output folder is built in a temporary folder
//! beside the target and renamed into place; an existing one is updated
//! in place as one transaction (`update.rs`): only changed files are
//! written, through a temporary folder, and put back on failure. Every
//! build leaves a manifest of what it wrote (`ownership.rs`), and only
//! files it lists are ever replaced or removed.
//!
//! Invariant: the only module that writes to disk (the site, and the
//! caches through `cache.rs` and `write_file`). It writes only into an `OutputFolder`
//! (`target.rs`: never the site, its parents or its sources), never
//! changes or deletes a file an earlier build did not write (unless
//! `--clean`), and after `write_site` returns, the target holds either
//! the complete new site or exactly what it held before, with no
//! temporary folder left beside it.

mod cache;
mod ownership;
mod target;
mod update;

use std::collections::BTreeSet;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::rendered::RenderedFile;
pub use cache::{CacheEntry, CacheUpdate, StaleCache, update_cache};
pub use ownership::{MANIFEST, files_placed_by_hand, is_safe_relative};
pub use target::{OutputFolder, SOURCE_FOLDERS, UnsafeOutput, cache_path, real_path};

/// What writing the site did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteSummary {
    /// New or changed files.
    pub written: usize,
    /// Files already there with the same bytes.
    pub unchanged: usize,
    /// Files of the old output the new site no longer has.
    pub removed: usize,
    /// Files reportsite did not write, left as they were.
    pub left_alone: Vec<String>,
    /// Files reportsite did not write, removed because of `--clean`.
    pub cleaned: Vec<String>,
}

/// Why the site was not written.
#[derive(Debug)]
pub enum WriteError {
    Io(io::Error),
    /// Files reportsite did not write are where the new site has files
    /// (or folders); nothing was touched.
    UsersFilesInTheWay(Vec<String>),
}

impl From<io::Error> for WriteError {
    fn from(error: io::Error) -> Self {
        Self::Io(error)
    }
}

impl std::error::Error for WriteError {}

impl fmt::Display for WriteError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io(error) => write!(formatter, "{error}"),
            Self::UsersFilesInTheWay(paths) => write!(
                formatter,
                "{} reportsite did not write {} where the new site has files of the same names: {}",
                count_files(paths.len()),
                if paths.len() == 1 {
                    "it, and it is"
                } else {
                    "them, and they are"
                },
                list_paths(paths)
            ),
        }
    }
}

/// "1 file", "3 files".
pub fn count_files(count: usize) -> String {
    if count == 1 {
        "1 file".to_string()
    } else {
        format!("{count} files")
    }
}

/// The first ten paths, then how many more.
pub fn list_paths(paths: &[String]) -> String {
    const SHOWN: usize = 10;
    let mut listed = paths
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if paths.len() > SHOWN {
        listed.push_str(&format!(" and {} more", paths.len() - SHOWN));
    }
    listed
}

/// Writes `files` into `folder`, with a manifest of them. With `clean`,
/// files reportsite did not write are removed; without, they are kept,
/// and the write is refused if any is in the new site's way.
pub fn write_site(
    folder: &OutputFolder,
    files: &[RenderedFile],
    clean: bool,
) -> Result<WriteSummary, WriteError> {
    if let Some(mut staged) = StagedSite::begin(folder)? {
        staged.add(files)?;
        return staged.finish();
    }
    refuse_unsafe_paths(files)?;
    let mut files = files.to_vec();
    files.push(RenderedFile {
        path: MANIFEST.to_string(),
        bytes: ownership::manifest_bytes(files.iter().map(|file| file.path.as_str())).into(),
    });
    let target = folder.path();
    let parent = parent_of(target)?;
    update::update_in_place(target, &parent, &folder_name(target), &files, clean)
}

/// A new output folder being written: files go into a temporary folder
/// beside the target, in as many parts as come (a build writes its pages
/// while the search index is still being made), and `finish` adds the
/// manifest and renames it into place. Dropped unfinished, the temporary
/// folder is removed and the target never appears.
pub struct StagedSite {
    staging: tempfile::TempDir,
    target: PathBuf,
    written: Vec<String>,
}

impl StagedSite {
    /// A staged write when `folder` does not exist yet; `None` when it
    /// does (it is then updated in place by `write_site`).
    pub fn begin(folder: &OutputFolder) -> Result<Option<Self>, WriteError> {
        let target = folder.path();
        if std::fs::symlink_metadata(target).is_ok() {
            return Ok(None);
        }
        let parent = parent_of(target)?;
        std::fs::create_dir_all(&parent)?;
        let staging = tempfile::Builder::new()
            .prefix(&format!(".{}.building-", folder_name(target)))
            .tempdir_in(&parent)?;
        Ok(Some(Self {
            staging,
            target: target.to_path_buf(),
            written: Vec::new(),
        }))
    }

    /// Writes `files` (none of them written before) into the new folder.
    pub fn add(&mut self, files: &[RenderedFile]) -> Result<(), WriteError> {
        refuse_unsafe_paths(files)?;
        write_files(self.staging.path(), files)?;
        self.written
            .extend(files.iter().map(|file| file.path.clone()));
        Ok(())
    }

    /// Writes the manifest of every file added and puts the folder in
    /// place.
    pub fn finish(mut self) -> Result<WriteSummary, WriteError> {
        // In path order, whatever order the parts came in.
        self.written.sort();
        let manifest = ownership::manifest_bytes(self.written.iter().map(String::as_str));
        std::fs::write(self.staging.path().join(MANIFEST), manifest)?;
        // Should a folder with files appear at the target meanwhile, the
        // rename fails rather than replace it.
        std::fs::rename(self.staging.path(), &self.target)?;
        let _kept = self.staging.keep();
        Ok(WriteSummary {
            written: self.written.len(),
            ..WriteSummary::default()
        })
    }
}

fn refuse_unsafe_paths(files: &[RenderedFile]) -> Result<(), WriteError> {
    match files
        .iter()
        .find(|file| !is_safe_relative(&file.path) || file.path == MANIFEST)
    {
        Some(bad) => Err(WriteError::Io(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "refused to write '{}', which is not a plain path inside the output folder",
                bad.path.escape_debug()
            ),
        ))),
        None => Ok(()),
    }
}

fn folder_name(target: &Path) -> String {
    target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".to_string())
}

/// Writes one file whole: to a temporary file beside it, then renamed, so
/// a reader never sees half of it. Used for the caches.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> RenderedFile {
        RenderedFile {
            path: path.to_string(),
            bytes: text.as_bytes().into(),
        }
    }

    fn write_with(target: &Path, files: &[RenderedFile], clean: bool) -> io::Result<WriteSummary> {
        let root = target.with_file_name("site");
        let folder = OutputFolder::choose(&root, target).map_err(io::Error::other)?;
        write_site(&folder, files, clean).map_err(|error| io::Error::other(error.to_string()))
    }

    fn write(target: &Path, files: &[RenderedFile]) -> io::Result<WriteSummary> {
        write_with(target, files, false)
    }

    fn staged(target: &Path) -> io::Result<StagedSite> {
        let root = target.with_file_name("site");
        let folder = OutputFolder::choose(&root, target).map_err(io::Error::other)?;
        StagedSite::begin(&folder)
            .map_err(|error| io::Error::other(error.to_string()))?
            .ok_or_else(|| io::Error::other("the target exists"))
    }

    #[test]
    fn a_new_folder_takes_its_files_in_parts_and_appears_whole() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("public");
        let mut site = staged(&target)?;
        site.add(&[file("b/index.html", "b"), file("index.html", "home")])
            .map_err(|error| io::Error::other(error.to_string()))?;
        assert!(!target.exists(), "nothing at the target before finish");
        site.add(&[file("a/index.json", "index")])
            .map_err(|error| io::Error::other(error.to_string()))?;
        let summary = site
            .finish()
            .map_err(|error| io::Error::other(error.to_string()))?;
        assert_eq!(summary.written, 3);
        assert_eq!(
            std::fs::read_to_string(target.join(MANIFEST))?,
            String::from_utf8_lossy(&ownership::manifest_bytes(
                ["a/index.json", "b/index.html", "index.html"].into_iter()
            )),
            "the manifest lists every part's files in path order"
        );
        assert!(
            listing(dir.path())
                .iter()
                .all(|path| path.starts_with("public/")),
            "no temporary folder left beside it"
        );
        Ok(())
    }

    #[test]
    fn a_new_folder_left_unfinished_leaves_nothing() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("public");
        let mut site = staged(&target)?;
        site.add(&[file("index.html", "home")])
            .map_err(|error| io::Error::other(error.to_string()))?;
        drop(site);
        assert_eq!(listing(dir.path()), Vec::<String>::new());
        Ok(())
    }

    #[test]
    fn replaces_old_output_completely() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("public");
        write(&target, &[file("old.html", "old")])?;
        write(&target, &[file("a/index.html", "new")])?;
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
        write(&target, &first)?;
        let kept = std::fs::metadata(target.join("a/index.html"))?.modified()?;
        let second = [
            file("a/index.html", "a"),
            file("b/index.html", "b, changed"),
            file("c/index.html", "c as a folder"),
            file("new/page.html", "new"),
        ];
        let summary = write(&target, &second)?;
        assert_eq!(
            (summary.written, summary.unchanged, summary.removed),
            (3, 1, 2)
        );
        assert_eq!(
            listing(&target),
            [
                MANIFEST,
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
        let again = write(&target, &second)?;
        assert_eq!((again.written, again.unchanged, again.removed), (0, 4, 0));
        Ok(())
    }

    #[test]
    fn a_failed_update_puts_everything_back() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("public");
        write(
            &target,
            &[
                file("a/index.html", "a"),
                file("b.html", "b"),
                file("keep/x.html", "x"),
            ],
        )?;
        let before = listing(&target);
        let manifest = std::fs::read(target.join(MANIFEST))?;
        // A file named like a folder still in use cannot be renamed into
        // place (even by root): the commit fails after it has moved and
        // placed other files, which must all be undone.
        let result = write(
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
        assert_eq!(std::fs::read(target.join(MANIFEST))?, manifest);
        assert_eq!(
            listing(dir.path()).len(),
            before.len() + 1,
            "no temporary folders left"
        );
        Ok(())
    }

    #[test]
    fn the_users_files_are_left_alone() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("public");
        std::fs::create_dir_all(target.join("docs"))?;
        std::fs::write(target.join("docs/minutes.pdf"), "the user's")?;
        std::fs::write(target.join("same.html"), "same")?;
        let summary = write(&target, &[file("a.html", "a"), file("same.html", "same")])?;
        assert_eq!(summary.left_alone, ["docs/minutes.pdf"]);
        assert_eq!((summary.written, summary.unchanged), (1, 1));
        // The next build no longer has a.html or same.html: both were ours.
        let next = write(&target, &[file("b.html", "b")])?;
        assert_eq!(next.removed, 2);
        assert_eq!(next.left_alone, ["docs/minutes.pdf"]);
        assert_eq!(
            std::fs::read_to_string(target.join("docs/minutes.pdf"))?,
            "the user's"
        );
        assert_eq!(
            listing(&target),
            [MANIFEST, "b.html", "docs/", "docs/minutes.pdf"]
        );
        Ok(())
    }

    #[test]
    fn the_users_file_in_the_way_stops_the_write_unless_clean() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("public");
        std::fs::create_dir_all(&target)?;
        std::fs::write(target.join("index.html"), "the user's page")?;
        std::fs::write(target.join("notes.txt"), "notes")?;
        let files = [file("index.html", "ours"), file("notes.txt/x.html", "x")];
        let refused = write(&target, &files);
        let message = refused
            .err()
            .map(|error| error.to_string())
            .unwrap_or_default();
        assert!(message.contains("index.html, notes.txt"), "{message}");
        assert_eq!(listing(&target), ["index.html", "notes.txt"]);
        assert_eq!(
            std::fs::read_to_string(target.join("index.html"))?,
            "the user's page"
        );
        let cleaned = write_with(&target, &files, true)?;
        assert_eq!(cleaned.cleaned, ["index.html", "notes.txt"]);
        assert_eq!(
            listing(&target),
            [MANIFEST, "index.html", "notes.txt/", "notes.txt/x.html"]
        );
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_a_symbolic_link() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("public");
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir_all(&target)?;
        std::fs::create_dir_all(&elsewhere)?;
        std::os::unix::fs::symlink(&elsewhere, target.join("a"))?;
        assert!(write(&target, &[file("a/index.html", "x")]).is_err());
        assert!(listing(&elsewhere).is_empty());
        Ok(())
    }

    #[test]
    fn refuses_paths_that_leave_the_folder() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("public");
        for path in ["../escape.html", "/etc/x", "a/../../b", MANIFEST, "a\nb"] {
            assert!(write(&target, &[file(path, "x")]).is_err(), "{path}");
        }
        assert_eq!(listing(dir.path()), Vec::<String>::new());
        Ok(())
    }
}
