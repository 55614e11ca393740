//! Runs the phases in order: load → resolve → render → check → write. `build`
//! writes the site; `check` runs every check and writes nothing.
//!
//! Invariant: nothing is written unless the whole run produced no error
//! (warnings too under `--deny-warnings`).

use std::path::PathBuf;
use std::time::{Duration, Instant};

mod rebuild;
mod session;

pub use rebuild::Rebuilt;

pub use session::Session;

use crate::content::Date;
use crate::diagnostics::Diagnostic;
use crate::images::ImageCache;
use crate::links::uses::LinkUse;
use crate::output;
use crate::source::SourceMap;

/// What to build, already checked by the command line.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    pub base_url: Option<String>,
    pub deny_warnings: bool,
    pub build_date: Date,
}

/// The result of a run: every diagnostic, the sources they point into, and
/// how many pages were written.
pub struct BuildReport {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: SourceMap,
    pub pages: usize,
    pub files: usize,
    /// Every link in the content and `site.toml`, for the link report.
    pub links: Vec<LinkUse>,
    /// How long each phase took.
    pub timings: PhaseTimings,
    /// Images resized this run, and images taken from the cache.
    pub images_resized: usize,
    pub images_cached: usize,
    /// The URLs of the pages in the search index.
    pub search_pages: Vec<String>,
    /// Set when content was fine but the output folder could not be written.
    pub write_error: Option<std::io::Error>,
}

/// Wall-clock time of each phase, for the benchmark and `--timings`.
#[derive(Debug, Clone, Copy, Default)]
pub struct PhaseTimings {
    pub load: Duration,
    pub resolve: Duration,
    /// Resizing images (or reading them from the cache).
    pub images: Duration,
    pub render: Duration,
    /// Building the search index.
    pub search: Duration,
    pub check: Duration,
    pub write: Duration,
}

impl BuildReport {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Builds the site and writes it if there were no errors.
pub fn build(options: &BuildOptions) -> BuildReport {
    let cache = ImageCache::new(image_cache_dir(&options.root));
    let session = Session::new(options, &cache);
    let mut write_time = Duration::ZERO;
    let diagnostics = session.diagnostics();
    let mut write_error = None;
    if !diagnostics.iter().any(Diagnostic::is_error) && session.state.is_some() {
        let started = Instant::now();
        write_error = output::write_site(&options.output, session.files()).err();
        write_time = started.elapsed();
        if write_error.is_none()
            && let Some(images) = session.images()
        {
            cache.update(images);
        }
    }
    let mut report = BuildReport::new(session, diagnostics);
    report.timings.write = write_time;
    report.write_error = write_error;
    report
}

/// Runs every check of `build` and writes nothing (not even the cache).
pub fn check(options: &BuildOptions) -> BuildReport {
    let cache = ImageCache::new(image_cache_dir(&options.root));
    let session = Session::new(options, &cache);
    let diagnostics = session.diagnostics();
    BuildReport::new(session, diagnostics)
}

/// Where resized images are kept between builds.
pub fn image_cache_dir(root: &std::path::Path) -> PathBuf {
    root.join(".reportsite").join("cache").join("images")
}

impl BuildReport {
    fn new(session: Session, diagnostics: Vec<Diagnostic>) -> Self {
        let images = session.images();
        Self {
            pages: session.page_count(),
            files: session.files().len(),
            links: session.link_uses(),
            timings: session.timings,
            images_resized: images.map_or(0, |images| images.processed),
            images_cached: images.map_or(0, |images| images.cached),
            search_pages: session.search_pages().to_vec(),
            write_error: None,
            diagnostics,
            sources: session.sources,
        }
    }
}
