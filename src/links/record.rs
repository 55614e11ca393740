//! One record per page: everything the build knows about a page's
//! Markdown, kept together and indexed by `PageId`. The body itself is in
//! the `SourceMap` (`Page::body`), read once; the record holds what was
//! made from it and when its file last changed.
//!
//! Invariant: `record_page` depends only on the `Site` and the page's own
//! body, so a rebuild that re-reads one body replaces exactly that
//! page's record and leaves the `Site` as it was.

use rayon::prelude::*;

use super::outline::{PageOutline, markdown_options, outline_page};
use super::resolve::{PageLinks, Resolver};
use crate::content::{Date, PageId, Site};
use crate::diagnostics::Diagnostic;
use crate::diagnostics::placeholder::{TextKind, find_placeholders};
use crate::source::SourceMap;

/// What the build knows about one page's Markdown.
#[derive(Debug)]
pub struct PageRecord {
    /// When the page's file last changed (no later than the build date),
    /// for `lastmod` in the sitemap when the front matter has no date.
    pub modified: Option<Date>,
    /// Headings, links and images, with their spans.
    pub outline: PageOutline,
    /// The Markdown lints found while outlining.
    pub lints: Vec<Diagnostic>,
    /// Each link resolved to an href, anchors to check, problems.
    pub links: PageLinks,
}

/// Every page's record, in parallel, by `PageId`; `modified` is by
/// `PageId` too.
pub fn record_pages(
    site: &Site,
    sources: &SourceMap,
    modified: Vec<Option<Date>>,
) -> Vec<PageRecord> {
    let resolver = Resolver::new(site);
    site.page_ids()
        .zip(modified)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(page, modified)| {
            let body = site.page(page).body(sources);
            record_with(site, &resolver, page, body, modified)
        })
        .collect()
}

/// One page's record from its body as it is now (a rebuild's re-read).
pub fn record_page(site: &Site, page: PageId, body: &str, modified: Option<Date>) -> PageRecord {
    record_with(site, &Resolver::new(site), page, body, modified)
}

fn record_with(
    site: &Site,
    resolver: &Resolver<'_>,
    page: PageId,
    body: &str,
    modified: Option<Date>,
) -> PageRecord {
    let options = markdown_options(site.config.markdown.raw_html);
    let mut lints = Vec::new();
    let outline = outline_page(site.page(page), body, &options, &mut lints);
    let written = site.page(page);
    lints.extend(find_placeholders(
        written.file,
        body,
        written.body_offset,
        TextKind::Markdown,
    ));
    let links = resolver.resolve_page(page, &outline);
    PageRecord {
        modified,
        outline,
        lints,
        links,
    }
}

impl PageRecord {
    /// The outline's links with the href each became, in outline order.
    pub fn links_with_hrefs(&self) -> impl Iterator<Item = (&super::outline::LinkRef, &String)> {
        self.outline.links.iter().zip(&self.links.hrefs)
    }
}
