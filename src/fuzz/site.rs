//! The whole-site fuzz target: a small site (the `link-relative-md`
//! fixture) with a fuzzed page and, after a `\u{1}` in the input, a fuzzed
//! glossary, run through every phase up to writing. It needs a folder, as
//! the loader reads a site from disk: one in memory (`/dev/shm`) where the
//! system has it.

use std::path::Path;

use super::Outcome;
use crate::content::Date;
use crate::images::ImageCache;
use crate::pipeline::{BuildOptions, Caches, Session};
use crate::search::cache::SearchCache;

pub(super) fn check_site_with_page(input: &[u8]) -> Outcome {
    let Ok(dir) = temporary_folder() else {
        return Outcome::default();
    };
    let root = dir.path().join("site");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/link-relative-md");
    if copy_folder(&fixture, &root).is_err() {
        return Outcome::default();
    }
    let text = String::from_utf8_lossy(input);
    let (page, glossary) = text.split_once('\u{1}').unwrap_or((&text, ""));
    let _ = std::fs::write(root.join("content/x.md"), page);
    if !glossary.is_empty() {
        let _ = std::fs::write(root.join("glossary.toml"), glossary);
    }
    let options = BuildOptions {
        output: root.join("public"),
        root,
        base_url: None,
        deny_warnings: false,
        build_date: Date::from_unix_days(20_454),
    };
    let caches = Caches {
        images: ImageCache::new(None),
        search: SearchCache::new(None),
    };
    let session = Session::new(&options, &caches);
    let diagnostics = session.diagnostics();
    if !diagnostics
        .iter()
        .any(crate::diagnostics::Diagnostic::is_error)
    {
        for file in session.files() {
            assert!(
                crate::output::is_safe_relative(&file.path),
                "a clean build would write {:?}",
                file.path
            );
        }
    }
    Outcome {
        sources: session.sources,
        diagnostics,
    }
}

fn temporary_folder() -> std::io::Result<tempfile::TempDir> {
    let memory = Path::new("/dev/shm");
    if memory.is_dir() {
        tempfile::tempdir_in(memory)
    } else {
        tempfile::tempdir()
    }
}

fn copy_folder(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_folder(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
