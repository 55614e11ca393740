//! A `Session` is one full run of the phases, kept: the sources, the site,
//! one record per page (`PageRecord`: outline, lints, links, file date),
//! the images, the rendered files and the check's per-file findings. `build` and `check` use it once; `serve`
//! keeps it and hands it changes (`rebuild.rs`).
//!
//! Invariant: whatever path produced a session, `files()` and
//! `diagnostics()` equal those of a fresh full run over the same inputs.

use std::time::Instant;

use super::{BuildOptions, Caches, PhaseTimings};
use crate::check::{self, CheckInput, CheckState};
use crate::content::Site;
use crate::diagnostics::{self, Diagnostic};
use crate::images::{self, ImageSet};
use crate::links::uses::LinkUse;
use crate::links::{self, PageRecord, ResolvedLinks};
use crate::load::{self, LoadOptions};
use crate::output::CacheUpdate;
use crate::render::SiteContexts;
use crate::render::{self, RenderInput, RenderedFile, templates::Templates};
use crate::search::{self, SearchIndex};
use crate::source::{SourceMap, TemplateFile};

pub struct Session {
    pub options: BuildOptions,
    pub sources: SourceMap,
    pub(super) template_files: Vec<TemplateFile>,
    pub(super) templates: Templates,
    /// Loading, `site.toml` and template problems.
    pub(super) load_diagnostics: Vec<Diagnostic>,
    /// `None` when `site.toml` could not be read.
    pub(super) state: Option<SiteState>,
    pub timings: PhaseTimings,
}

/// Everything after loading, for a site that has a `site.toml`.
pub(super) struct SiteState {
    /// Built once by `load`; never changed (a rebuild replaces records).
    pub(super) site: Site,
    /// What is known about each page's Markdown, by `PageId`.
    pub(super) pages: Vec<PageRecord>,
    /// `site.toml` links and redirects.
    pub(super) links: ResolvedLinks,
    pub(super) images: ImageSet,
    pub(super) image_diagnostics: Vec<Diagnostic>,
    pub(super) site_contexts: SiteContexts,
    /// Sorted by path.
    pub(super) files: Vec<RenderedFile>,
    /// Template failures (already merged across pages).
    pub(super) render_diagnostics: Vec<Diagnostic>,
    pub(super) check: CheckState,
    /// The search index (its files are also in `files`).
    pub(super) search: SearchIndex,
    pub(super) search_diagnostics: Vec<Diagnostic>,
    /// A fast rebuild changed pages and left the index for later
    /// (`Session::refresh_search`).
    pub(super) search_stale: bool,
}

/// What `build` does once the check is done while the search index is
/// still being made: it is given every diagnostic found so far (none
/// from the search) and the state, whose `files` are then the rendered
/// pages without the index.
pub(super) type WhileIndexing<'a> = &'a mut dyn FnMut(&[Diagnostic], &SiteState);

impl Session {
    /// Runs every phase up to (not including) writing.
    pub fn new(options: &BuildOptions, caches: &Caches) -> Self {
        Self::new_while_indexing(options, caches, &mut |_, _| {})
    }

    /// `new`, calling `while_indexing` beside the search index.
    pub(super) fn new_while_indexing(
        options: &BuildOptions,
        caches: &Caches,
        while_indexing: WhileIndexing<'_>,
    ) -> Self {
        let mut sources = SourceMap::new();
        let mut load_diagnostics = Vec::new();
        let placed_by_hand = crate::output::files_placed_by_hand(&options.output);
        let load_options = LoadOptions {
            base_url: options.base_url.as_deref(),
            placed_by_hand: &placed_by_hand,
            build_date: options.build_date,
        };
        let started = Instant::now();
        let loaded = load::load_site(
            &options.root,
            &load_options,
            &mut sources,
            &mut load_diagnostics,
        );
        let pages = loaded.site.as_ref().map_or(0, |site| site.pages.len());
        let templates = Templates::new(
            &loaded.templates,
            &loaded.strings,
            pages,
            &sources,
            &mut load_diagnostics,
        );
        let mut timings = PhaseTimings {
            load: started.elapsed(),
            ..PhaseTimings::default()
        };
        let state = loaded.site.map(|site| {
            let context = PhaseContext {
                root: &options.root,
                templates: &templates,
                template_files: &loaded.templates,
                sources: &sources,
                build_date: options.build_date,
                caches,
            };
            let mut while_indexing = |state: &SiteState| {
                let found = gather_diagnostics(options, &sources, &load_diagnostics, Some(state));
                while_indexing(&found, state);
            };
            SiteState::new(site, &context, &mut timings, &mut while_indexing)
        });
        timings.total = started.elapsed();
        Self {
            options: options.clone(),
            sources,
            template_files: loaded.templates,
            templates,
            load_diagnostics,
            state,
            timings,
        }
    }

    /// Every diagnostic, sorted, as `build` reports them.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        gather_diagnostics(
            &self.options,
            &self.sources,
            &self.load_diagnostics,
            self.state.as_ref(),
        )
    }

    /// The search index's files (also among `files`).
    pub fn search_files(&self) -> &[RenderedFile] {
        self.state.as_ref().map_or(&[], |state| &state.search.files)
    }

    /// The files a build writes, sorted by path (empty without a site).
    pub fn files(&self) -> &[RenderedFile] {
        self.state.as_ref().map_or(&[], |state| &state.files)
    }

    pub fn images(&self) -> Option<&ImageSet> {
        self.state.as_ref().map(|state| &state.images)
    }

    /// Whether the search index still shows pages as they were before the
    /// last fast rebuild.
    pub fn search_is_stale(&self) -> bool {
        self.state.as_ref().is_some_and(|state| state.search_stale)
    }

    /// Indexes the pages again after fast rebuilds: `serve` does it once
    /// the editor pauses, so a change of words shows at once.
    pub fn refresh_search(&mut self, caches: &Caches) {
        if let Some(state) = self.state.as_mut() {
            state.refresh_search(caches);
        }
    }

    /// What keeping the search index for the next build takes (after
    /// `build` wrote it): nothing for a stale or empty index.
    pub fn search_cache_changes(&self, cache: &search::cache::SearchCache) -> CacheUpdate {
        match &self.state {
            Some(state) if !state.search_stale && !state.search.bundles.is_empty() => {
                cache.changes(&state.search.bundles)
            }
            _ => CacheUpdate::default(),
        }
    }

    /// Search bundles taken from the cache, and all bundles.
    pub fn search_bundles(&self) -> (usize, usize) {
        self.state.as_ref().map_or((0, 0), |state| {
            (state.search.reused(), state.search.bundles.len())
        })
    }

    /// The URLs of the pages in the search index.
    pub fn search_pages(&self) -> &[String] {
        self.state.as_ref().map_or(&[], |state| &state.search.pages)
    }

    pub fn page_count(&self) -> usize {
        self.state
            .as_ref()
            .map_or(0, |state| state.site.pages.len())
    }

    /// Every link in the content and `site.toml`, for the link report.
    pub fn link_uses(&self) -> Vec<LinkUse> {
        self.state.as_ref().map_or_else(Vec::new, |state| {
            links::uses::link_uses(&state.site, &state.pages, &state.links)
        })
    }
}

/// Every diagnostic of the phases run so far, sorted, as `build` reports
/// them.
fn gather_diagnostics(
    options: &BuildOptions,
    sources: &SourceMap,
    load_diagnostics: &[Diagnostic],
    state: Option<&SiteState>,
) -> Vec<Diagnostic> {
    let mut found = load_diagnostics.to_vec();
    if let Some(state) = state {
        state.collect_diagnostics(&mut found);
    }
    if options.deny_warnings {
        diagnostics::deny_warnings(&mut found);
    }
    diagnostics::sort_diagnostics(&mut found, sources);
    found.dedup();
    found
}

/// What the phases after loading share.
pub(super) struct PhaseContext<'a> {
    pub(super) root: &'a std::path::Path,
    pub(super) templates: &'a Templates,
    pub(super) template_files: &'a [TemplateFile],
    pub(super) sources: &'a SourceMap,
    pub(super) build_date: crate::content::Date,
    pub(super) caches: &'a Caches,
}

impl SiteState {
    /// resolve → images → render → check, with the search index made
    /// beside the check and `while_indexing`.
    fn new(
        site: Site,
        context: &PhaseContext<'_>,
        timings: &mut PhaseTimings,
        while_indexing: &mut dyn FnMut(&Self),
    ) -> Self {
        let started = Instant::now();
        let modified =
            load::modified_dates(context.root, &site, context.sources, context.build_date);
        let pages = links::record_pages(&site, context.sources, modified);
        let links = links::resolve_links(&site);
        timings.resolve = started.elapsed();
        let started = Instant::now();
        let mut image_diagnostics = Vec::new();
        let images = images::process_images(
            &site,
            &pages,
            &context.caches.images,
            &mut image_diagnostics,
        );
        timings.images = started.elapsed();
        let site_contexts = render::site_contexts(&site, &links);
        let mut state = Self {
            site,
            pages,
            links,
            images,
            image_diagnostics,
            site_contexts,
            files: Vec::new(),
            render_diagnostics: Vec::new(),
            check: CheckState::default(),
            search: SearchIndex::default(),
            search_diagnostics: Vec::new(),
            search_stale: false,
        };
        let started = Instant::now();
        let mut render_diagnostics = Vec::new();
        let files = render::render_site(
            &state.render_input(context),
            &state.site_contexts,
            &mut render_diagnostics,
        );
        state.files = files;
        state.render_diagnostics = render_diagnostics;
        timings.render = started.elapsed();
        // Pagefind is the slowest phase and leaves cores idle: the check,
        // and then what `build` does meanwhile (writing the pages), run
        // beside it.
        let (search, search_time) = std::thread::scope(|scope| {
            let (site, files) = (&state.site, &state.files);
            let search = scope.spawn(move || {
                let started = Instant::now();
                let index = search::build_index(site, files, &context.caches.search);
                (index, started.elapsed())
            });
            let started = Instant::now();
            let check = check::check_links(&state.check_input(context, &state.files));
            state.check = check;
            timings.check = started.elapsed();
            while_indexing(&state);
            search.join().unwrap_or_else(|_| {
                let stopped = search::failure("the indexing thread stopped unexpectedly");
                (Err(stopped), std::time::Duration::ZERO)
            })
        });
        state.set_search(search);
        timings.search = search_time;
        state
    }

    /// Indexes the rendered pages again and puts the index files among the
    /// files (replacing any earlier ones).
    pub(super) fn refresh_search(&mut self, caches: &Caches) {
        let prefix = format!("{}/", crate::content::search_layout::BUNDLE_FOLDER);
        self.files.retain(|file| !file.path.starts_with(&prefix));
        let index = search::build_index(&self.site, &self.files, &caches.search);
        self.set_search(index);
    }

    /// Puts a new index's files among the files (there are none before).
    fn set_search(&mut self, index: Result<SearchIndex, Diagnostic>) {
        self.search_stale = false;
        self.search_diagnostics.clear();
        match index {
            Ok(index) => {
                self.files.extend(index.files.iter().cloned());
                self.files.sort_by(|a, b| a.path.cmp(&b.path));
                self.search = index;
            }
            Err(diagnostic) => {
                self.search = SearchIndex::default();
                self.search_diagnostics.push(diagnostic);
            }
        }
    }

    pub(super) fn render_input<'a>(&'a self, context: &PhaseContext<'a>) -> RenderInput<'a> {
        RenderInput {
            site: &self.site,
            pages: &self.pages,
            links: &self.links,
            images: &self.images,
            templates: context.templates,
            sources: context.sources,
            build_date: context.build_date,
        }
    }

    pub(super) fn check_input<'a>(
        &'a self,
        context: &PhaseContext<'a>,
        files: &'a [RenderedFile],
    ) -> CheckInput<'a> {
        CheckInput {
            site: &self.site,
            pages: &self.pages,
            files,
            links: &self.links,
            templates: context.template_files,
            sources: context.sources,
        }
    }

    fn collect_diagnostics(&self, found: &mut Vec<Diagnostic>) {
        for page in &self.pages {
            found.extend(page.lints.iter().cloned());
            found.extend(page.links.diagnostics.iter().cloned());
        }
        found.extend(self.links.diagnostics.iter().cloned());
        found.extend(self.image_diagnostics.iter().cloned());
        found.extend(self.render_diagnostics.iter().cloned());
        found.extend(self.check.diagnostics());
        found.extend(self.search_diagnostics.iter().cloned());
    }
}
