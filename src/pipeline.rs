//! Runs the phases in order: load → resolve → render → check → write. `build`
//! writes the site; `check` runs every check and writes nothing.
//!
//! Invariant: nothing is written unless the whole run produced no error
//! (warnings too under `--deny-warnings`).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::check::{self, CheckInput};
use crate::content::{Date, Site};
use crate::diagnostics::{self, Diagnostic};
use crate::images::{self, ImageCache};
use crate::links::uses::LinkUse;
use crate::links::{self, PageOutline, markdown_options};
use crate::load::{self, LoadOptions, TemplateFile};
use crate::output;
use crate::render::{self, RenderInput, RenderedFile, templates::Templates};
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
    let (mut report, files) = run(options, &cache);
    if !report.has_errors()
        && let Some(files) = files
    {
        let started = Instant::now();
        report.write_error = output::write_site(&options.output, &files.files).err();
        report.timings.write = started.elapsed();
        if report.write_error.is_none() {
            cache.update(&files.images);
        }
    }
    report
}

/// Runs every check of `build` and writes nothing (not even the cache).
pub fn check(options: &BuildOptions) -> BuildReport {
    let cache = ImageCache::new(image_cache_dir(&options.root));
    run(options, &cache).0
}

/// Where resized images are kept between builds.
pub fn image_cache_dir(root: &std::path::Path) -> PathBuf {
    root.join(".reportsite").join("cache").join("images")
}

/// What a run would write.
pub struct SiteFiles {
    pub files: Vec<RenderedFile>,
    /// The resized images, for the image cache.
    pub images: images::ImageSet,
}

/// Every phase up to (not including) writing.
pub fn run(options: &BuildOptions, cache: &ImageCache) -> (BuildReport, Option<SiteFiles>) {
    let mut sources = SourceMap::new();
    let mut diagnostics = Vec::new();
    let load_options = LoadOptions {
        base_url: options.base_url.as_deref(),
        build_date: options.build_date,
    };
    let started = Instant::now();
    let loaded = load::load_site(&options.root, &load_options, &mut sources, &mut diagnostics);
    let templates = Templates::new(&loaded.templates, &sources, &mut diagnostics);
    let load_time = started.elapsed();
    let mut report = BuildReport {
        diagnostics: Vec::new(),
        sources: SourceMap::new(),
        pages: 0,
        files: 0,
        links: Vec::new(),
        timings: PhaseTimings {
            load: load_time,
            ..PhaseTimings::default()
        },
        images_resized: 0,
        images_cached: 0,
        write_error: None,
    };
    let mut files = None;
    if let Some(site) = &loaded.site {
        let context = PhaseContext {
            site,
            templates: &templates,
            template_files: &loaded.templates,
            sources: &sources,
            build_date: options.build_date,
            image_cache: cache,
        };
        let (rendered, links) =
            resolve_render_check(&context, &mut diagnostics, &mut report.timings);
        report.pages = site.pages.len();
        report.files = rendered.files.len();
        report.images_resized = rendered.images.processed;
        report.images_cached = rendered.images.cached;
        report.links = links;
        files = Some(rendered);
    }
    if options.deny_warnings {
        diagnostics::deny_warnings(&mut diagnostics);
    }
    diagnostics::sort_diagnostics(&mut diagnostics, &sources);
    diagnostics.dedup();
    report.diagnostics = diagnostics;
    report.sources = sources;
    (report, files)
}

/// What the phases after loading share.
struct PhaseContext<'a> {
    site: &'a Site,
    templates: &'a Templates,
    template_files: &'a [TemplateFile],
    sources: &'a SourceMap,
    build_date: Date,
    image_cache: &'a ImageCache,
}

/// resolve → render → check: the files to write and every link used.
fn resolve_render_check(
    context: &PhaseContext<'_>,
    diagnostics: &mut Vec<Diagnostic>,
    timings: &mut PhaseTimings,
) -> (SiteFiles, Vec<LinkUse>) {
    let site = context.site;
    let started = Instant::now();
    let outlines = outline_pages(site, diagnostics);
    let links = links::resolve_links(site, &outlines, diagnostics);
    timings.resolve = started.elapsed();
    let started = Instant::now();
    let images = images::process_images(site, &outlines, &links, context.image_cache, diagnostics);
    timings.images = started.elapsed();
    let input = RenderInput {
        site,
        outlines: &outlines,
        links: &links,
        images: &images,
        templates: context.templates,
        sources: context.sources,
        build_date: context.build_date,
    };
    let started = Instant::now();
    let files = render::render_site(&input, diagnostics);
    timings.render = started.elapsed();
    let started = Instant::now();
    let check_input = CheckInput {
        site,
        outlines: &outlines,
        files: &files,
        links: &links,
        templates: context.template_files,
        sources: context.sources,
    };
    check::check_links(&check_input, diagnostics);
    timings.check = started.elapsed();
    let files = SiteFiles { files, images };
    (files, links::uses::link_uses(site, &outlines, &links))
}

fn outline_pages(site: &Site, diagnostics: &mut Vec<Diagnostic>) -> Vec<PageOutline> {
    let options = markdown_options(site.config.markdown.raw_html);
    let results: Vec<(PageOutline, Vec<Diagnostic>)> = site
        .pages
        .par_iter()
        .map(|page| {
            let mut page_diagnostics = Vec::new();
            let outline = links::outline_page(page, &options, &mut page_diagnostics);
            (outline, page_diagnostics)
        })
        .collect();
    results
        .into_iter()
        .map(|(outline, page_diagnostics)| {
            diagnostics.extend(page_diagnostics);
            outline
        })
        .collect()
}
