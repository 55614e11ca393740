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
    /// The same for each declared language, in site.toml's order: its own
    /// `[[languages.nav]]` and report-a-concern address, or the site's,
    /// with `@/` paths sent to that language's versions.
    pub languages: Vec<LanguageLinks>,
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

/// The navigation and report-a-concern address for one language.
#[derive(Debug, Default)]
pub struct LanguageLinks {
    pub nav: Vec<String>,
    pub report_concern: String,
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
        .map(|item| resolver.resolve_config_url(&item.url, None, &mut found))
        .collect();
    let report_concern = config
        .contact
        .report_concern_url
        .as_ref()
        .map(|url| resolver.resolve_config_url(url, None, &mut found))
        .unwrap_or_default();
    let languages = config
        .languages
        .iter()
        .map(|language| {
            let code = Some(language.code());
            let nav_items = match language.nav.is_empty() {
                true => &config.nav,
                false => &language.nav,
            };
            let report_concern = language
                .contact
                .as_ref()
                .and_then(|contact| contact.report_concern_url.as_ref())
                .or(config.contact.report_concern_url.as_ref());
            LanguageLinks {
                nav: nav_items
                    .iter()
                    .map(|item| resolver.resolve_config_url(&item.url, code, &mut found))
                    .collect(),
                report_concern: report_concern
                    .map(|url| resolver.resolve_config_url(url, code, &mut found))
                    .unwrap_or_default(),
            }
        })
        .collect();
    let redirects = resolve_redirects(site, &resolver, &mut found);
    let anchors = found.anchors;
    ResolvedLinks {
        nav,
        report_concern,
        languages,
        anchors,
        redirects,
        diagnostics,
    }
}
