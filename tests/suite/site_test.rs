//! `SiteTest`: copy a fixture site to a temporary folder, run the real
//! `reportsite` binary in it, and read what it wrote.

use std::path::{Path, PathBuf};
use std::process::Command;

/// 2026-01-01: review dates in fixtures are judged against this day.
pub const BUILD_EPOCH: &str = "1767225600";

/// A closed port on this computer: where `check --external` asks about
/// videos unless a test names a stand-in, so no test reaches YouTube or
/// Vimeo.
const NO_VIDEO_PROVIDER: &str = "http://127.0.0.1:9/no-network";

/// Every file under `folder`: its path relative to it (with `/`) and its
/// full path, sorted.
pub fn files_under(folder: &Path) -> Vec<(String, PathBuf)> {
    let mut files: Vec<(String, PathBuf)> = walkdir::WalkDir::new(folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let relative = entry
                .path()
                .strip_prefix(folder)
                .expect("inside the folder")
                .to_string_lossy()
                .replace('\\', "/");
            (relative, entry.into_path())
        })
        .collect();
    files.sort();
    files
}

/// `code file:line:col` for each diagnostic, as tests compare them.
pub fn codes_at(diagnostics: &[JsonDiagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|found| format!("{} {}", found.code, found.location()))
        .collect()
}

/// Asserts that `haystack` holds `needle`, showing the whole haystack when
/// it does not.
#[track_caller]
pub fn assert_contains(haystack: &str, needle: &str) {
    assert!(
        haystack.contains(needle),
        "expected {needle:?} in:\n{haystack}"
    );
}

pub struct SiteTest {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
    /// The oEmbed endpoints `check --external` asks about videos.
    youtube_oembed: String,
    vimeo_oembed: String,
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stderr: String,
}

/// One diagnostic as `--format json` printed it.
#[derive(Debug, serde::Deserialize)]
pub struct JsonDiagnostic {
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub code: String,
    pub severity: String,
    pub message: String,
    pub help: Option<String>,
}

impl JsonDiagnostic {
    /// `content/a.md:4:21`, the place an editor jumps to.
    pub fn location(&self) -> String {
        format!(
            "{}:{}:{}",
            self.file.as_deref().unwrap_or("-"),
            self.line.unwrap_or(0),
            self.column.unwrap_or(0)
        )
    }
}

impl SiteTest {
    /// A copy of `tests/fixtures/<name>`.
    pub fn new(name: &str) -> Self {
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        assert!(source.is_dir(), "no fixture {}", source.display());
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("site");
        copy_tree(&source, &root);
        Self::in_folder(dir, root)
    }

    /// A copy of the demo site (the repository's `site.toml`, `glossary.toml`
    /// and `content/`).
    pub fn demo() -> Self {
        let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("site");
        copy_tree(&repository.join("content"), &root.join("content"));
        for file in ["site.toml", "glossary.toml"] {
            std::fs::copy(repository.join(file), root.join(file)).expect("copy the demo's TOML");
        }
        Self::in_folder(dir, root)
    }

    fn in_folder(dir: tempfile::TempDir, root: PathBuf) -> Self {
        Self {
            _dir: dir,
            root,
            youtube_oembed: NO_VIDEO_PROVIDER.to_string(),
            vimeo_oembed: NO_VIDEO_PROVIDER.to_string(),
        }
    }

    /// Asks the given oEmbed endpoints (a stand-in's) about videos.
    pub fn asking_about_videos_at(mut self, youtube: String, vimeo: String) -> Self {
        self.youtube_oembed = youtube;
        self.vimeo_oembed = vimeo;
        self
    }

    /// Every text file of the site, for tests that rewrite content.
    pub fn text_files(&self) -> Vec<PathBuf> {
        walkdir::WalkDir::new(&self.root)
            .into_iter()
            .filter_map(Result::ok)
            .map(|entry| entry.into_path())
            .filter(|path| {
                path.extension()
                    .is_some_and(|ext| ext == "md" || ext == "toml")
            })
            .collect()
    }

    /// Runs `reportsite <args>` in the site folder.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_reportsite"))
            .args(args)
            .current_dir(&self.root)
            .env("SOURCE_DATE_EPOCH", BUILD_EPOCH)
            .env("NO_COLOR", "1")
            .env("REPORTSITE_YOUTUBE_OEMBED", &self.youtube_oembed)
            .env("REPORTSITE_VIMEO_OEMBED", &self.vimeo_oembed)
            .output()
            .expect("run reportsite");
        Run {
            code: output.status.code().unwrap_or(-1),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    /// `build`, which must succeed (its diagnostics shown if not).
    #[track_caller]
    pub fn build_ok(&self) -> Run {
        let run = self.build();
        assert_eq!(run.code, 0, "{}", run.stderr);
        run
    }

    /// `check --format json`, parsed.
    pub fn check_json(&self) -> (i32, Vec<JsonDiagnostic>) {
        self.check_json_with(&[])
    }

    /// `check --format json <extra>`, parsed.
    pub fn check_json_with(&self, extra: &[&str]) -> (i32, Vec<JsonDiagnostic>) {
        let mut args = vec!["check", "--format", "json"];
        args.extend_from_slice(extra);
        let run = self.run(&args);
        let diagnostics = run
            .stderr
            .lines()
            .map(|line| {
                serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))
            })
            .collect();
        (run.code, diagnostics)
    }

    pub fn output(&self) -> PathBuf {
        self.root.join("public")
    }

    pub fn read_output(&self, path: &str) -> String {
        let path = self.output().join(path);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    /// Rewrites a site file with `from` replaced by `to` (which must occur).
    #[track_caller]
    pub fn replace(&self, path: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.root.join(path)).expect("read site file");
        assert!(text.contains(from), "{path} has no {from:?}");
        self.write(path, &text.replace(from, to));
    }

    pub fn write(&self, path: &str, text: &str) {
        let path = self.root.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
        std::fs::write(path, text).expect("write file");
    }

    /// Names in the folder holding the site: the output folder must never
    /// have a temporary sibling left behind.
    pub fn siblings(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.root)
            .expect("read site folder")
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}
