//! Rebuilding after a change, for `serve`. The common edit, words in the
//! body of one or more pages with their front matter untouched, redoes only
//! those pages: their outline, links, rendering and check, plus the anchor
//! check of every page linking to them. Anything else (front matter,
//! templates, `site.toml`, data, a new, deleted or renamed file) runs every
//! phase again.
//!
//! Invariant: the session after `rebuild` equals `Session::new` over the
//! same files: same output bytes, same diagnostics. A body edit leaves every
//! input of every other page as it was, and nothing that depends on a body
//! (its HTML, its ids, its links) is read by another page except through
//! the anchor check, which is redone.

use std::time::{Duration, Instant};

use super::Caches;
use super::session::{PhaseContext, Session, SiteState};
use crate::content::PageId;
use crate::links::{self, PageRecord};
use crate::load::{self, front_matter::split_front_matter};
use crate::render::{self, RenderedFile};

/// What a rebuild did, for the one-line terminal report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rebuilt {
    /// Only these pages' bodies changed; this many pages were rendered.
    Pages(usize),
    /// Every phase ran again.
    Everything,
}

/// One page's file, re-read, with the record its body now makes.
struct BodyEdit {
    page: PageId,
    text: String,
    record: PageRecord,
}

impl Session {
    /// Brings the session up to date with the files at `changed` (paths
    /// relative to the site root, with `/`), and says how.
    pub fn rebuild(&mut self, changed: &[String], caches: &Caches) -> (Rebuilt, Duration) {
        let started = Instant::now();
        if let Some(pages) = self.rebuild_bodies(changed, caches) {
            return (Rebuilt::Pages(pages), started.elapsed());
        }
        // The full path below indexes everything anyway.
        *self = Session::new(&self.options, caches);
        (Rebuilt::Everything, started.elapsed())
    }

    /// The fast path; `None` when the change needs every phase.
    fn rebuild_bodies(&mut self, changed: &[String], caches: &Caches) -> Option<usize> {
        let state = self.state.as_ref()?;
        // A page whose front matter failed is a placeholder with no body:
        // only a full load says what it becomes.
        if changed.is_empty()
            || self.load_diagnostics.iter().any(|found| found.is_error())
            || !state.render_diagnostics.is_empty()
            || !state.image_diagnostics.is_empty()
        {
            return None;
        }
        // An editor's temporary file, written and gone within the batch,
        // changes nothing.
        let changed: Vec<&String> = changed
            .iter()
            .filter(|path| self.options.root.join(path).exists() || self.knows(state, path))
            .collect();
        if changed.is_empty() {
            return Some(0);
        }
        let edits = changed
            .iter()
            .map(|path| self.body_edit(state, path))
            .collect::<Option<Vec<BodyEdit>>>()?;
        if edits.iter().any(|edit| shows_other_images(state, edit)) {
            return None;
        }
        let state = self.state.as_mut()?;
        let mut pages = Vec::with_capacity(edits.len());
        // The `Site` stays as it is: each edited page's text and record are
        // replaced, nothing else.
        for edit in edits {
            self.sources
                .replace(state.site.page(edit.page).file, edit.text);
            state.pages[edit.page.0] = edit.record;
            pages.push(edit.page);
        }
        let context = PhaseContext {
            root: &self.options.root,
            templates: &self.templates,
            template_files: &self.template_files,
            sources: &self.sources,
            build_date: self.options.build_date,
            caches,
        };
        rerender(state, &context, &pages)
    }

    /// Whether the last load read `path` (a source file or an asset).
    fn knows(&self, state: &SiteState, path: &str) -> bool {
        let asset = path
            .strip_prefix("content/")
            .or_else(|| path.strip_prefix("static/"));
        asset.is_some_and(|asset| state.site.assets.contains_key(asset))
            || self.sources.files().any(|(_, file)| file.path == path)
    }

    /// Re-reads `path`; `Some` only if it is a page's file whose front
    /// matter is byte for byte what it was.
    fn body_edit(&self, state: &SiteState, path: &str) -> Option<BodyEdit> {
        let page = state
            .site
            .page_ids()
            .find(|&id| self.sources.file(state.site.page(id).file).path == path)?;
        let file = state.site.page(page).file;
        let old_text = &self.sources.file(file).text;
        let text = load::reread_file(&self.options.root, path)?;
        let old_split = split_front_matter(file, old_text).ok()?;
        let split = split_front_matter(file, &text).ok()?;
        if text.get(..split.body_offset)? != old_text.get(..old_split.body_offset)? {
            return None;
        }
        let modified = load::modified_date(&self.options.root.join(path), self.options.build_date);
        let body = text.get(split.body_offset..)?;
        let record = links::record_page(&state.site, page, body, modified);
        Some(BodyEdit { page, text, record })
    }
}

/// Whether the edit adds or removes an image: images are processed for
/// the whole site, so that takes the full path.
fn shows_other_images(state: &SiteState, edit: &BodyEdit) -> bool {
    let images = |record: &PageRecord| -> Vec<String> {
        record
            .links_with_hrefs()
            .filter(|(link, _)| link.is_image)
            .map(|(_, href)| href.clone())
            .collect()
    };
    images(&state.pages[edit.page.0]) != images(&edit.record)
}

/// Renders the edited pages again and re-checks them; `None` if one now
/// fails to render (the full path then reports it the usual way).
fn rerender(state: &mut SiteState, context: &PhaseContext<'_>, pages: &[PageId]) -> Option<usize> {
    let input = state.render_input(context);
    let rendered = pages
        .iter()
        .map(|&page| render::render_page(&input, &state.site_contexts, page).ok())
        .collect::<Option<Vec<RenderedFile>>>()?;
    let mut positions = Vec::with_capacity(rendered.len());
    for file in &rendered {
        positions.push(
            state
                .files
                .binary_search_by(|known| known.path.as_str().cmp(&file.path))
                .ok()?,
        );
    }
    for (file, position) in rendered.into_iter().zip(&positions) {
        state.files[*position] = file;
    }
    // The sitemap dates undated pages by their file, which just changed.
    let sitemap = render::feeds::sitemap_file(&state.site, &state.pages);
    let at = state
        .files
        .binary_search_by(|known| known.path.as_str().cmp(&sitemap.path))
        .ok()?;
    state.files[at] = sitemap;
    let changed: Vec<&RenderedFile> = positions.iter().map(|&at| &state.files[at]).collect();
    let mut check = std::mem::take(&mut state.check);
    check.recheck(&state.check_input(context, &state.files), &changed);
    state.check = check;
    // Indexing every page takes longer than the edit itself: the caller
    // refreshes it (serve, when the editor pauses).
    state.search_stale = true;
    Some(pages.len())
}
