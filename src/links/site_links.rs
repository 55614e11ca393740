//! Every link of the site resolved: each page's links (in parallel), then
//! the links `site.toml` gives and the old addresses. The one place the
//! resolver (`resolve.rs`) and the redirects (`redirects.rs`) meet, so
//! neither imports the other's caller.

use rayon::prelude::*;

use super::outline::PageOutline;
use super::redirects::{Redirect, resolve_redirects};
use super::resolve::{AnchorRef, Found, PageLinks, Resolver};
use crate::content::Site;
use crate::diagnostics::Diagnostic;

/// The href to render for each link of each page, in outline order, and
/// for the URLs `site.toml` gives.
#[derive(Debug, Default)]
pub struct ResolvedLinks {
    pub hrefs: Vec<Vec<String>>,
    pub nav: Vec<String>,
    pub report_concern: String,
    /// Every `#fragment` a page's links point at, by page.
    pub page_anchors: Vec<Vec<AnchorRef>>,
    /// The same for `site.toml` links and redirects.
    pub other_anchors: Vec<AnchorRef>,
    /// Aliases and `[redirects]`, sorted by old address.
    pub redirects: Vec<Redirect>,
    /// What resolving each page's links found wrong, by page; `serve`
    /// replaces one page's when only its body changed.
    pub page_diagnostics: Vec<Vec<Diagnostic>>,
    /// Problems with `site.toml` links, aliases and redirects.
    pub other_diagnostics: Vec<Diagnostic>,
}

impl ResolvedLinks {
    /// Every `#fragment` a link in content or `site.toml` points at.
    pub fn anchors(&self) -> impl Iterator<Item = &AnchorRef> {
        self.page_anchors
            .iter()
            .flatten()
            .chain(&self.other_anchors)
    }

    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.page_diagnostics
            .iter()
            .flatten()
            .chain(&self.other_diagnostics)
    }
}

pub fn resolve_links(site: &Site, outlines: &[PageOutline]) -> ResolvedLinks {
    let resolver = Resolver::new(site);
    let pages: Vec<PageLinks> = site
        .page_ids()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|page| resolver.resolve_page(page, &outlines[page.0]))
        .collect();
    let mut other_diagnostics = Vec::new();
    let mut found = Found {
        diagnostics: &mut other_diagnostics,
        anchors: Vec::new(),
    };
    let config = &site.config;
    let nav = config
        .nav
        .iter()
        .map(|item| resolver.resolve_config_url(&item.url, &mut found))
        .collect();
    let report_concern = config
        .contact
        .report_concern_url
        .as_ref()
        .map(|url| resolver.resolve_config_url(url, &mut found))
        .unwrap_or_default();
    let redirects = resolve_redirects(site, &resolver, &mut found);
    let other_anchors = found.anchors;
    let mut links = ResolvedLinks {
        hrefs: Vec::with_capacity(pages.len()),
        nav,
        report_concern,
        page_anchors: Vec::with_capacity(pages.len()),
        other_anchors,
        redirects,
        page_diagnostics: Vec::with_capacity(pages.len()),
        other_diagnostics,
    };
    for page in pages {
        links.hrefs.push(page.hrefs);
        links.page_anchors.push(page.anchors);
        links.page_diagnostics.push(page.diagnostics);
    }
    links
}
