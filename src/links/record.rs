//! One record per page: everything the build knows about a page's
//! Markdown, kept together and indexed by `PageId`. The body itself is in
//! the `SourceMap` (`Page::body`), read once; the record holds what was
//! made from it and when its file last changed.
//!
//! Invariant: `record_page` depends only on the `Site` and the page's own
//! body, so a rebuild that re-reads one body replaces exactly that
//! page's record and leaves the `Site` as it was.

use rayon::prelude::*;

use super::outline::{LinkRef, PageOutline, markdown_options, outline_page};
use super::resolve::{PageLinks, Resolver};
use crate::content::components::{ArgKind, ArgValue, BodyPlace, ComponentCall, find_components};
use crate::content::{Date, PageId, Site};
use crate::diagnostics::placeholder::{TextKind, find_placeholders};
use crate::diagnostics::{Code, Diagnostic, Span};
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
    pub components: PageComponents,
}

/// A page's components: the calls, the body with them marked (only when
/// there are any), and the page each card's link lands on.
#[derive(Debug, Default)]
pub struct PageComponents {
    pub calls: Vec<ComponentCall>,
    pub marked_body: Option<String>,
    /// By component link, in `PageOutline::links` order.
    pub landing: Vec<Option<PageId>>,
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
    let written = site.page(page);
    let place = BodyPlace {
        file: written.file,
        offset: written.body_offset,
    };
    let found = find_components(body, place, &site.components);
    let mut outline = outline_page(written, &found.body, &options, &found.calls, &mut lints);
    lints.extend(found.diagnostics);
    add_component_links(&mut outline, &found.calls, site);
    lints.extend(find_placeholders(
        written.file,
        body,
        written.body_offset,
        TextKind::Markdown,
    ));
    let links = resolver.resolve_page(page, &outline);
    let landing = check_cards(site, resolver, page, &outline, &found.calls, &mut lints);
    let marked_body = match found.body {
        std::borrow::Cow::Owned(marked) => Some(marked),
        std::borrow::Cow::Borrowed(_) => None,
    };
    PageRecord {
        modified,
        outline,
        lints,
        links,
        components: PageComponents {
            calls: found.calls,
            marked_body,
            landing,
        },
    }
}

/// The components' addresses, after the Markdown's, as links to resolve
/// and check like any other: a button's words are its link text.
fn add_component_links(outline: &mut PageOutline, calls: &[ComponentCall], site: &Site) {
    for call in calls {
        for (arg, kind) in call.link_args(&site.components) {
            let ArgValue::Text(url) = &arg.value else {
                continue;
            };
            let text = match (kind, call.arg("text")) {
                (ArgKind::Link, Some(ArgValue::Text(words))) => words.clone(),
                _ => url.clone(),
            };
            outline.links.push(LinkRef {
                url: url.clone(),
                span: arg.value_span.clone(),
                link_span: call.span.clone(),
                text,
                is_image: false,
            });
        }
    }
}

/// The page each component link lands on; a card's must be a page of its
/// kind (a `resource` card shows a resource).
fn check_cards(
    site: &Site,
    resolver: &Resolver<'_>,
    page: PageId,
    outline: &PageOutline,
    calls: &[ComponentCall],
    lints: &mut Vec<Diagnostic>,
) -> Vec<Option<PageId>> {
    let kinds = calls
        .iter()
        .flat_map(|call| call.link_args(&site.components).map(|(_, kind)| kind));
    let links = outline.links[outline.markdown_links..].iter();
    links
        .zip(kinds)
        .map(|(link, kind)| {
            let resolved = resolver.landing_page(page, link);
            let landing = resolved.flatten();
            let wanted = match kind {
                ArgKind::Resource => "resource",
                ArgKind::Video => "video",
                _ => return landing,
            };
            let fits = landing.is_some_and(|id| site.page(id).kind_name() == wanted);
            if !fits && resolved.is_some() {
                lints.push(
                    Diagnostic::error(
                        Code::ComponentArgument,
                        Span::new(site.page(page).file, link.span.clone()),
                        format!(
                            "'{}' is not a {wanted}, so a {wanted} card cannot show it",
                            link.url
                        ),
                    )
                    .with_help(format!(
                        "name a {wanted}'s content file, such as @/{wanted}s/<name>.md"
                    )),
                );
            }
            landing.filter(|_| fits)
        })
        .collect()
}

impl PageRecord {
    /// The outline's links with the href each became, in outline order.
    pub fn links_with_hrefs(&self) -> impl Iterator<Item = (&super::outline::LinkRef, &String)> {
        self.outline.links.iter().zip(&self.links.hrefs)
    }
}
