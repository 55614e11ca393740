//! Choosing the output folder. A build may write only into a folder of its
//! own: never the site folder, a folder holding it, a folder inside one of
//! the site's sources, or over a file. The check runs before anything is
//! built, on real paths (symbolic links followed), so `--output .`,
//! `--output ..` or `--output content/x` are refused whatever they are
//! spelled like.
//!
//! Invariant: an `OutputFolder` exists only for a path that passed these
//! checks; `write_site` takes nothing else.

use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The site's own folders that a build reads (or keeps its caches in): an
/// output folder inside any of them is refused.
pub const SOURCE_FOLDERS: [&str; 4] = ["content", "layouts", "static", ".reportsite"];

/// An output folder that passed `OutputFolder::choose`.
#[derive(Debug, Clone)]
pub struct OutputFolder {
    /// The real, absolute path (symbolic links resolved where the folder
    /// or its parents exist).
    path: PathBuf,
}

/// Why an output folder was refused.
#[derive(Debug)]
pub enum UnsafeOutput {
    /// The output folder is the site folder itself.
    IsSiteFolder { output: PathBuf },
    /// The output folder holds the site folder.
    HoldsSite { output: PathBuf, root: PathBuf },
    /// The output folder is inside one of the site's sources.
    InsideSource { output: PathBuf, source: PathBuf },
    /// Something other than a folder is already there.
    NotAFolder { output: PathBuf },
    /// The path could not be worked out (a broken symbolic link, no
    /// permission to look).
    Unresolvable { output: PathBuf, error: io::Error },
}

impl OutputFolder {
    /// Checks `output` against the site in `root`.
    pub fn choose(root: &Path, output: &Path) -> Result<Self, UnsafeOutput> {
        let unresolvable = |error| UnsafeOutput::Unresolvable {
            output: output.to_path_buf(),
            error,
        };
        let root = real_path(root).map_err(unresolvable)?;
        let path = real_path(output).map_err(unresolvable)?;
        if path == root {
            return Err(UnsafeOutput::IsSiteFolder { output: path });
        }
        if root.starts_with(&path) {
            return Err(UnsafeOutput::HoldsSite { output: path, root });
        }
        for name in SOURCE_FOLDERS {
            let source = real_path(&root.join(name)).map_err(unresolvable)?;
            if path.starts_with(&source) {
                return Err(UnsafeOutput::InsideSource {
                    output: path,
                    source,
                });
            }
        }
        match std::fs::symlink_metadata(&path) {
            Ok(metadata) if !metadata.is_dir() => Err(UnsafeOutput::NotAFolder { output: path }),
            Ok(_) => Ok(Self { path }),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(Self { path }),
            Err(error) => Err(unresolvable(error)),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl UnsafeOutput {
    /// The one line that says what to do instead.
    fn help(&self) -> String {
        match self {
            Self::IsSiteFolder { output } | Self::HoldsSite { output, .. } => format!(
                "build into a folder of its own, such as {} (the default)",
                self.site_root().unwrap_or(output).join("public").display()
            ),
            Self::InsideSource { .. } => {
                "build into a folder outside content/, layouts/, static/ and .reportsite/, such as public/ (the default)"
                    .to_string()
            }
            Self::NotAFolder { .. } => "name a folder (new or existing), not a file".to_string(),
            Self::Unresolvable { .. } => "check the path, or name another folder".to_string(),
        }
    }

    fn site_root(&self) -> Option<&Path> {
        match self {
            Self::HoldsSite { root, .. } => Some(root),
            _ => None,
        }
    }
}

impl std::error::Error for UnsafeOutput {}

impl fmt::Display for UnsafeOutput {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::IsSiteFolder { output } => write!(
                formatter,
                "the output folder {} is the site folder itself: building there would replace the site's own files",
                output.display()
            ),
            Self::HoldsSite { output, root } => write!(
                formatter,
                "the output folder {} holds the site folder {}: building there could replace the site's own files",
                output.display(),
                root.display()
            ),
            Self::InsideSource { output, source } => write!(
                formatter,
                "the output folder {} is inside {}, which the build reads",
                output.display(),
                source.display()
            ),
            Self::NotAFolder { output } => write!(
                formatter,
                "the output folder {} is a file, not a folder",
                output.display()
            ),
            Self::Unresolvable { output, error } => write!(
                formatter,
                "cannot use {} as the output folder: {error}",
                output.display()
            ),
        }?;
        write!(formatter, "; nothing was written\n  help: {}", self.help())
    }
}

/// The absolute path with every symbolic link of its existing part
/// resolved; the part that does not exist yet is joined on, with `.` and
/// `..` taken literally (nothing there can be a link).
pub fn real_path(path: &Path) -> io::Result<PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut existing = absolute.as_path();
    let mut missing = Vec::new();
    loop {
        match existing.canonicalize() {
            Ok(real) => return Ok(join_missing(real, &missing)),
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                // A broken symbolic link is not "missing": following it
                // would write wherever it points.
                if std::fs::symlink_metadata(existing).is_ok() {
                    return Err(error);
                }
                let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else {
                    return Err(error);
                };
                missing.push(name.to_os_string());
                existing = parent;
            }
            Err(error) => return Err(error),
        }
    }
}

/// `path` (a cache file or folder under `<root>/.reportsite/`) if no part
/// of it from `.reportsite` down is a symbolic link, so writing or pruning
/// it cannot reach outside the site; `None` otherwise.
pub fn cache_path(root: &Path, path: &Path) -> Option<PathBuf> {
    let below = path.strip_prefix(root).ok()?;
    if below.components().next() != Some(Component::Normal(".reportsite".as_ref())) {
        return None;
    }
    let mut walked = root.to_path_buf();
    for part in below.components() {
        let Component::Normal(name) = part else {
            return None;
        };
        walked.push(name);
        match std::fs::symlink_metadata(&walked) {
            Ok(metadata) if metadata.file_type().is_symlink() => return None,
            Ok(_) => {}
            Err(_) => break,
        }
    }
    Some(path.to_path_buf())
}

fn join_missing(mut real: PathBuf, missing: &[std::ffi::OsString]) -> PathBuf {
    for name in missing.iter().rev() {
        match Path::new(name).components().next() {
            Some(Component::ParentDir) => {
                real.pop();
            }
            Some(Component::CurDir) | None => {}
            Some(_) => real.push(name),
        }
    }
    real
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> io::Result<(tempfile::TempDir, PathBuf)> {
        let dir = tempfile::tempdir()?;
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content/news"))?;
        std::fs::write(root.join("site.toml"), "")?;
        Ok((dir, root))
    }

    #[test]
    fn refuses_the_site_its_parents_and_its_sources() -> io::Result<()> {
        let (dir, root) = site()?;
        let refused = |output: PathBuf| OutputFolder::choose(&root, &output).err();
        assert!(matches!(
            refused(root.clone()),
            Some(UnsafeOutput::IsSiteFolder { .. })
        ));
        assert!(matches!(
            refused(root.join("content/..")),
            Some(UnsafeOutput::IsSiteFolder { .. })
        ));
        assert!(matches!(
            refused(dir.path().to_path_buf()),
            Some(UnsafeOutput::HoldsSite { .. })
        ));
        assert!(matches!(
            refused(PathBuf::from("/")),
            Some(UnsafeOutput::HoldsSite { .. })
        ));
        for inside in ["content", "content/news/out", "static/x", ".reportsite"] {
            assert!(
                matches!(
                    refused(root.join(inside)),
                    Some(UnsafeOutput::InsideSource { .. })
                ),
                "{inside}"
            );
        }
        assert!(matches!(
            refused(root.join("site.toml")),
            Some(UnsafeOutput::NotAFolder { .. })
        ));
        assert!(OutputFolder::choose(&root, &root.join("public")).is_ok());
        assert!(OutputFolder::choose(&root, &dir.path().join("elsewhere/x")).is_ok());
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn follows_symbolic_links_before_judging() -> io::Result<()> {
        let (dir, root) = site()?;
        let to_content = dir.path().join("looks-harmless");
        std::os::unix::fs::symlink(root.join("content"), &to_content)?;
        assert!(matches!(
            OutputFolder::choose(&root, &to_content.join("out")),
            Err(UnsafeOutput::InsideSource { .. })
        ));
        let broken = root.join("public");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &broken)?;
        assert!(matches!(
            OutputFolder::choose(&root, &broken),
            Err(UnsafeOutput::Unresolvable { .. })
        ));
        Ok(())
    }
}
