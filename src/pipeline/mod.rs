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
use crate::search::cache::SearchCache;
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
    /// Search bundles taken from the cache, and all bundles.
    pub search_bundles: (usize, usize),
    /// Set when content was fine but the output folder could not be written.
    pub write_error: Option<output::WriteError>,
    /// What `build` wrote, when it wrote.
    pub written: Option<output::WriteSummary>,
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
    /// Wall-clock time of the whole run (the search index is built while
    /// the check runs, so this is less than the sum).
    pub total: Duration,
}

impl PhaseTimings {
    /// One line for `--timings`: each phase in milliseconds.
    pub fn describe(&self) -> String {
        let phases = [
            ("load", self.load),
            ("resolve", self.resolve),
            ("images", self.images),
            ("render", self.render),
            ("check", self.check),
            ("search", self.search),
            ("write", self.write),
        ];
        let listed: Vec<String> = phases
            .iter()
            .map(|(name, time)| format!("{name} {} ms", time.as_millis()))
            .collect();
        format!(
            "timings: {} (total {} ms; search runs beside check)",
            listed.join(", "),
            self.total.as_millis()
        )
    }
}

impl BuildReport {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// The caches under `.reportsite/cache/`: read by every run, written only
/// by a `build` that wrote the site (and by `serve` for images), and kept
/// only where `.reportsite/` really is inside the site.
pub struct Caches {
    pub images: ImageCache,
    pub search: SearchCache,
}

impl Caches {
    pub fn for_site(root: &std::path::Path) -> Self {
        Self {
            images: ImageCache::new(output::cache_path(root, &image_cache_dir(root))),
            search: SearchCache::new(output::cache_path(
                root,
                &crate::search::cache::cache_folder(root),
            )),
        }
    }
}

/// Where and how `build` writes: the checked output folder, and whether
/// `--clean` may remove files reportsite did not write.
pub struct WriteTarget {
    pub folder: output::OutputFolder,
    pub clean: bool,
}

impl WriteTarget {
    /// `options.output`, refused if it is the site, holds it, or lies in
    /// one of its sources.
    pub fn choose(options: &BuildOptions, clean: bool) -> Result<Self, output::UnsafeOutput> {
        let folder = output::OutputFolder::choose(&options.root, &options.output)?;
        Ok(Self { folder, clean })
    }
}

/// Builds the site and writes it if there were no errors. A new output
/// folder gets the pages while the search index is being made (in a
/// temporary folder, only put in place if the index too is made without
/// error); an existing one is updated once everything is ready.
pub fn build(options: &BuildOptions, target: &WriteTarget) -> BuildReport {
    let caches = Caches::for_site(&options.root);
    let mut early = EarlyWrite::default();
    let session = Session::new_while_indexing(options, &caches, &mut |found, state| {
        if !found.iter().any(Diagnostic::is_error) {
            early.start(&target.folder, &state.files);
        }
    });
    let mut write_time = Duration::ZERO;
    let diagnostics = session.diagnostics();
    let mut write_error = None;
    let mut written = None;
    if !diagnostics.iter().any(Diagnostic::is_error) && session.state.is_some() {
        let started = Instant::now();
        let result = match early.staged {
            Some(Ok(mut staged)) => staged
                .add(session.search_files())
                .and_then(|()| staged.finish()),
            Some(Err(error)) => Err(error),
            None => output::write_site(&target.folder, session.files(), target.clean),
        };
        match result {
            Ok(summary) => written = Some(summary),
            Err(error) => write_error = Some(error),
        }
        write_time = started.elapsed();
        if write_error.is_none() {
            if let Some(images) = session.images() {
                output::update_cache(&caches.images.changes(images));
            }
            output::update_cache(&session.search_cache_changes(&caches.search));
        }
    }
    let mut report = BuildReport::new(session, diagnostics);
    report.timings.write = early.time + write_time;
    report.timings.total += write_time;
    report.write_error = write_error;
    report.written = written;
    report
}

/// The pages written into a new output folder beside the search index:
/// dropped unfinished (an error after all), the temporary folder goes.
#[derive(Default)]
struct EarlyWrite {
    staged: Option<Result<output::StagedSite, output::WriteError>>,
    time: Duration,
}

impl EarlyWrite {
    fn start(&mut self, folder: &output::OutputFolder, pages: &[crate::rendered::RenderedFile]) {
        let started = Instant::now();
        self.staged = match output::StagedSite::begin(folder) {
            Ok(Some(mut staged)) => Some(staged.add(pages).map(|()| staged)),
            Ok(None) => None,
            Err(error) => Some(Err(error)),
        };
        self.time = started.elapsed();
    }
}

/// Runs every check of `build` and writes nothing (not even the cache).
pub fn check(options: &BuildOptions) -> BuildReport {
    let session = Session::new(options, &Caches::for_site(&options.root));
    let diagnostics = session.diagnostics();
    BuildReport::new(session, diagnostics)
}

/// The site as read, with its links and redirects resolved, for commands
/// that use the content model without rendering (`engagement`): `None`
/// when there are errors, which come back with the sources they point into.
pub fn load_model(
    options: &BuildOptions,
) -> (
    Option<(crate::content::Site, crate::links::ResolvedLinks)>,
    Vec<Diagnostic>,
    SourceMap,
) {
    let mut sources = SourceMap::new();
    let mut diagnostics = Vec::new();
    let placed_by_hand = output::files_placed_by_hand(&options.output);
    let load_options = crate::load::LoadOptions {
        base_url: options.base_url.as_deref(),
        placed_by_hand: &placed_by_hand,
        build_date: options.build_date,
    };
    let loaded =
        crate::load::load_site(&options.root, &load_options, &mut sources, &mut diagnostics);
    let model = loaded.site.map(|site| {
        let links = crate::links::resolve_links(&site);
        diagnostics.extend(links.diagnostics.iter().cloned());
        (site, links)
    });
    let model = model.filter(|_| !diagnostics.iter().any(Diagnostic::is_error));
    crate::diagnostics::sort_diagnostics(&mut diagnostics, &sources);
    (model, diagnostics, sources)
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
            search_bundles: session.search_bundles(),
            write_error: None,
            written: None,
            diagnostics,
            sources: session.sources,
        }
    }
}
