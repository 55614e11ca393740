//! The links of the site that belong to no page resolved: those
//! `site.toml` gives and the old addresses (each page's own are resolved
//! in `record.rs`). The one place the resolver (`resolve.rs`) and the
//! redirects (`redirects.rs`) meet, so neither imports the other's caller.

use super::record::PageRecord;
use super::redirects::{Redirect, resolve_redirects};
use super::resolve::{AnchorRef, Found, Resolver};
use crate::content::Site;
use crate::diagnostics::Diagnostic;

/// The links `site.toml` gives (the navigation, the report-a-concern
/// address) resolved, and the old addresses that redirect; each page's own
/// links are in its `PageRecord`.
#[derive(Debug, Default)]
pub struct ResolvedLinks {
    pub nav: Vec<String>,
    pub report_concern: String,
    /// Every `#fragment` these links point at.
    pub anchors: Vec<AnchorRef>,
    /// Aliases and `[redirects]`, sorted by old address.
    pub redirects: Vec<Redirect>,
    /// Problems with `site.toml` links, aliases and redirects.
    pub diagnostics: Vec<Diagnostic>,
}

/// Every `#fragment` a link in content or `site.toml` points at.
pub fn all_anchors<'a>(
    pages: &'a [PageRecord],
    links: &'a ResolvedLinks,
) -> impl Iterator<Item = &'a AnchorRef> {
    pages
        .iter()
        .flat_map(|page| &page.links.anchors)
        .chain(&links.anchors)
}

/// The links `site.toml` gives, and the redirects.
pub fn resolve_links(site: &Site) -> ResolvedLinks {
    let resolver = Resolver::new(site);
    let mut diagnostics = Vec::new();
    let mut found = Found {
        diagnostics: &mut diagnostics,
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
    let anchors = found.anchors;
    ResolvedLinks {
        nav,
        report_concern,
        anchors,
        redirects,
        diagnostics,
    }
}
