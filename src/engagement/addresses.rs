//! Which address in a log is which thing of the site: a page (a view), a
//! resource's document (a download), a video file (a play), or one of the
//! redirect pages the build writes (a short link, a QR code, a link out, a
//! play, an old address).
//!
//! Invariant: a path is looked up as the site serves it: without the base
//! path, query or fragment, percent-decoded, `index.html` and a missing
//! trailing slash on a folder both meaning the folder.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::content::{PageId, PageKind, ResourceTarget, Site, VideoSource};
use crate::links::redirects::{Redirect, RedirectPurpose};

/// What a request for an address counts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    View(PageId),
    /// A resource's document; `file` numbers the file, for telling one
    /// reader's range requests apart from another file's.
    Download {
        page: PageId,
        file: u32,
    },
    /// A video file on this site: its requests are the plays.
    VideoFile {
        page: PageId,
        file: u32,
    },
    /// One of `redirects`, by its place.
    Redirected(usize),
}

pub struct AddressBook<'a> {
    by_path: HashMap<String, Counted>,
    base_path: &'a str,
    pub redirects: &'a [Redirect],
}

impl<'a> AddressBook<'a> {
    pub fn new(site: &'a Site, redirects: &'a [Redirect]) -> Self {
        let mut by_path = HashMap::new();
        let mut files = 0_u32;
        let mut next_file = || {
            files += 1;
            files
        };
        for id in site.page_ids() {
            let page = site.page(id);
            by_path.insert(page.url.to_string(), Counted::View(id));
            // A translation takes its files from its original, which is
            // the page they count for.
            if page.is_translation() {
                continue;
            }
            match &page.kind {
                PageKind::Resource(resource) => {
                    let targets = std::iter::once(&resource.target)
                        .chain(resource.alternatives.iter().map(|alt| &alt.target));
                    for target in targets {
                        if let ResourceTarget::File(path) = target {
                            let file = next_file();
                            by_path.insert(path.to_string(), Counted::Download { page: id, file });
                        }
                    }
                }
                PageKind::Video(video) => {
                    if let VideoSource::File { src } = &video.source {
                        let file = next_file();
                        by_path.insert(src.to_string(), Counted::VideoFile { page: id, file });
                    }
                }
                _ => {}
            }
        }
        for (at, redirect) in redirects.iter().enumerate() {
            by_path.insert(
                normalise(&redirect.from).into_owned(),
                Counted::Redirected(at),
            );
        }
        Self {
            by_path,
            base_path: site.config.base_path(),
            redirects,
        }
    }

    /// What a site path (from `site_path`) counts as, if anything.
    pub fn counted(&self, site_path: &str) -> Option<Counted> {
        self.by_path.get(site_path).copied()
    }

    /// `target` (a request's path and query) as a site-root path: the
    /// key of `counted`, and what not-found requests are grouped by.
    pub fn site_path<'t>(&self, target: &'t str) -> Cow<'t, str> {
        let path = target.split(['?', '#']).next().unwrap_or_default();
        match percent_encoding::percent_decode_str(path).decode_utf8_lossy() {
            Cow::Borrowed(text) => normalise(self.without_base(text)),
            Cow::Owned(text) => Cow::Owned(normalise(self.without_base(&text)).into_owned()),
        }
    }

    fn without_base<'p>(&self, path: &'p str) -> &'p str {
        path.strip_prefix(self.base_path)
            .filter(|rest| rest.starts_with('/'))
            .unwrap_or(path)
    }

    pub fn purpose(&self, at: usize) -> Option<(RedirectPurpose, Option<PageId>, &str)> {
        self.redirects
            .get(at)
            .map(|redirect| (redirect.purpose, redirect.page, redirect.from.as_str()))
    }
}

/// `/a/index.html` and `/a` are the folder `/a/`; a file keeps its name.
fn normalise(path: &str) -> Cow<'_, str> {
    if let Some(folder) = path.strip_suffix("index.html") {
        return Cow::Borrowed(folder);
    }
    let last = path.rsplit('/').next().unwrap_or_default();
    if path.ends_with('/') || last.contains('.') {
        Cow::Borrowed(path)
    } else {
        Cow::Owned(format!("{path}/"))
    }
}

/// Whether an address not in the book is an HTML page of the site (a
/// listing, a filter page) rather than a style sheet, script, image, font,
/// search index file or feed.
pub fn is_page_address(path: &str) -> bool {
    path.ends_with('/') && !path.contains("/pagefind/")
}

/// The content file's address for a `[redirects]` suggestion: `@/…`.
pub fn content_link(site: &Site, id: PageId) -> String {
    format!("@/{}", site.page(id).content_path.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_one_address_however_asked() {
        assert_eq!(normalise("/resources/icon/index.html"), "/resources/icon/");
        assert_eq!(normalise("/resources/icon"), "/resources/icon/");
        assert_eq!(normalise("/resources/icon/"), "/resources/icon/");
        assert_eq!(
            normalise("/resources/icon/leaflet.pdf"),
            "/resources/icon/leaflet.pdf"
        );
        assert_eq!(normalise("/old/icon.html"), "/old/icon.html");
    }
}
