//! Every link the content and `site.toml` make, with where it is written
//! and what it resolved to: the raw material of the link report and of
//! `check --external`. A YouTube or Vimeo video counts as a link to its
//! page at the provider, written at its `video_id`.

use super::record::PageRecord;
use super::site_links::ResolvedLinks;
use crate::content::events::Booking;
use crate::content::{PageKind, ResourceTarget, Site, VideoSource};
use crate::diagnostics::Span;

/// What kind of thing a link points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Internal,
    External,
    Email,
    Phone,
}

impl LinkKind {
    pub fn of(href: &str) -> Self {
        let lower = href.to_ascii_lowercase();
        if lower.starts_with("mailto:") {
            LinkKind::Email
        } else if lower.starts_with("tel:") {
            LinkKind::Phone
        } else if lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("//")
        {
            LinkKind::External
        } else {
            LinkKind::Internal
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Internal => "internal",
            LinkKind::External => "external",
            LinkKind::Email => "email",
            LinkKind::Phone => "phone",
        }
    }
}

/// One link as written: its place, and the href it became.
#[derive(Debug, Clone)]
pub struct LinkUse {
    pub span: Span,
    pub href: String,
    pub kind: LinkKind,
    /// Set for a video's page at its provider: the provider's oEmbed
    /// endpoint, not the page (which answers for any id), says whether the
    /// video is still there.
    pub video: Option<VideoHost>,
}

/// A provider that can say whether one of its videos exists (oEmbed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VideoHost {
    YouTube,
    Vimeo,
}

impl VideoHost {
    pub fn label(self) -> &'static str {
        match self {
            VideoHost::YouTube => "YouTube",
            VideoHost::Vimeo => "Vimeo",
        }
    }
}

/// All links of the content (Markdown links and images, resources' `url`)
/// and of `site.toml` (navigation, report-a-concern, redirects elsewhere).
pub fn link_uses(site: &Site, pages: &[PageRecord], resolved: &ResolvedLinks) -> Vec<LinkUse> {
    let mut uses = Vec::new();
    for page in site.page_ids() {
        let file = site.page(page).file;
        for (link, href) in pages[page.0].links_with_hrefs() {
            uses.push(LinkUse::new(Span::new(file, link.span.clone()), href));
        }
    }
    uses.extend(video_uses(site));
    uses.extend(resource_url_uses(site));
    uses.extend(booking_uses(site));
    uses.extend(config_uses(site, resolved));
    uses
}

impl LinkUse {
    /// A link written at `span` that became `href`, not a video.
    fn new(span: Span, href: &str) -> Self {
        Self {
            span,
            href: href.to_string(),
            kind: LinkKind::of(href),
            video: None,
        }
    }
}

/// Each resource's `url` and its versions'.
fn resource_url_uses(site: &Site) -> Vec<LinkUse> {
    let mut uses = Vec::new();
    // A translation's targets are its original's, written there.
    for page in site.pages.iter().filter(|page| !page.is_translation()) {
        let PageKind::Resource(resource) = &page.kind else {
            continue;
        };
        for target in resource.targets() {
            if let ResourceTarget::Url(url, span) = target {
                uses.push(LinkUse::new(Span::new(page.file, span.clone()), url));
            }
        }
    }
    uses
}

/// Each event's `booking_url` (a translation's is its original's).
fn booking_uses(site: &Site) -> Vec<LinkUse> {
    site.pages
        .iter()
        .filter(|page| !page.is_translation())
        .filter_map(|page| match &page.kind {
            PageKind::Event(event) => match &event.booking {
                Booking::Url(url) => Some(LinkUse::new(
                    Span::new(page.file, event.booking_span.clone()),
                    url,
                )),
                Booking::Email(_) => None,
            },
            _ => None,
        })
        .collect()
}

/// The navigation, report-a-concern and quick-exit URLs of `site.toml`,
/// and its redirects to other websites.
fn config_uses(site: &Site, resolved: &ResolvedLinks) -> Vec<LinkUse> {
    let config = &site.config;
    let config_urls = config
        .nav
        .iter()
        .map(|item| &item.url)
        .zip(&resolved.nav)
        .chain(
            config
                .contact
                .report_concern_url
                .iter()
                .zip([&resolved.report_concern]),
        )
        .chain(
            config
                .quick_exit
                .iter()
                .map(|quick| (&quick.url, quick.url.get_ref())),
        );
    let mut uses: Vec<LinkUse> = config_urls
        .map(|(written, href)| LinkUse::new(Span::new(config.file, written.span()), href))
        .collect();
    for redirect in resolved
        .redirects
        .iter()
        .filter(|r| LinkKind::of(&r.to) == LinkKind::External)
    {
        if let Some(written) = config
            .redirects
            .iter()
            .find(|(from, _)| from.get_ref() == &redirect.from)
            .map(|(_, to)| to)
        {
            uses.push(LinkUse::new(
                Span::new(config.file, written.span()),
                &redirect.to,
            ));
        }
    }
    uses
}

/// Each YouTube and Vimeo video's page at its provider, at its `video_id`.
fn video_uses(site: &Site) -> Vec<LinkUse> {
    let mut uses = Vec::new();
    for page in site.pages.iter().filter(|page| !page.is_translation()) {
        let PageKind::Video(video) = &page.kind else {
            continue;
        };
        let host = match video.source {
            VideoSource::YouTube { .. } => VideoHost::YouTube,
            VideoSource::Vimeo { .. } => VideoHost::Vimeo,
            VideoSource::File { .. } => continue,
        };
        if let (Some(watch_url), Some(span)) = (video.source.watch_url(), &video.video_id_span) {
            uses.push(LinkUse {
                span: span.clone(),
                href: watch_url,
                kind: LinkKind::External,
                video: Some(host),
            });
        }
    }
    uses
}
