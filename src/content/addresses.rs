//! The site-root addresses the build makes that no content file has: short
//! links, posters, catalogue listings, open-data files, the generated
//! pages (open data, glossary, accessibility statement, cookies, search,
//! reviews) and the feeds, each language's included. Links, render and
//! the output checks all ask here, so they agree.
//!
//! Invariant: a generated page is only made where no content page has its
//! address (`free_address`).

use chrono::Datelike;

use super::{Date, PageId, PageKind, ResourceTarget, Site, UrlPath};

/// A same-origin address that leads to another website (`<page>go/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboundLink {
    /// Which alternative of the resource it is for; `None` for its own `url`.
    pub alternative: Option<usize>,
    pub from: UrlPath,
    pub to: String,
}

impl Site {
    /// The short, shareable address of a resource (`/r/<name>/`) or a
    /// video (`/v/<name>/`), `<name>` being the last part of its address.
    /// It redirects to the page; keep an old one working after a rename
    /// with an alias.
    pub fn short_url(&self, id: PageId) -> Option<UrlPath> {
        let prefix = match self.page(id).kind {
            PageKind::Resource(_) => "r",
            PageKind::Video(_) => "v",
            _ => return None,
        };
        Some(self.named_address(id, prefix))
    }

    /// The address a poster's QR code holds: its short address with `qr/`
    /// (`/r/<name>/qr/`). It redirects to the page like the short address,
    /// and being its own, scans are counted apart from shared links.
    pub fn qr_url(&self, id: PageId) -> Option<UrlPath> {
        let short = self.short_url(id)?;
        Some(UrlPath::new(format!("{short}qr/")))
    }

    /// `/<prefix>/<name>/`, `<name>` being the last part of the page's
    /// address; a translation's is under its language (`/pl/r/<name>/`),
    /// so the Polish poster's code opens the Polish page.
    fn named_address(&self, id: PageId, prefix: &str) -> UrlPath {
        let page = self.page(id);
        let name = page
            .url
            .as_str()
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or_default();
        let language = page
            .language
            .as_deref()
            .map(|code| format!("/{code}"))
            .unwrap_or_default();
        UrlPath::new(format!("{language}/{prefix}/{name}/"))
    }

    /// Where a resource's links to other websites go first: `<page>go/`
    /// for its own `url`, `<page>go/<alternative>/` for an alternative's
    /// (named by its language, or its label). Each is a redirect page, so
    /// the click is in the site's own log before the reader leaves.
    pub fn outbound_links(&self, id: PageId) -> Vec<OutboundLink> {
        let PageKind::Resource(resource) = &self.page(id).kind else {
            return Vec::new();
        };
        let page_url = self.page(id).url.as_str();
        let own = match &resource.target {
            ResourceTarget::Url(url, _) => Some(OutboundLink {
                alternative: None,
                from: UrlPath::new(format!("{page_url}go/")),
                to: url.clone(),
            }),
            ResourceTarget::File(_) => None,
        };
        let mut names = std::collections::BTreeSet::new();
        let alternatives =
            resource
                .alternatives
                .iter()
                .enumerate()
                .filter_map(|(at, alternative)| {
                    let ResourceTarget::Url(url, _) = &alternative.target else {
                        return None;
                    };
                    let named = alternative
                        .language
                        .clone()
                        .unwrap_or_else(|| slug::slugify(&alternative.label));
                    // Two alternatives named alike keep apart by their place.
                    let name = match names.insert(named.clone()) && !named.is_empty() {
                        true => named,
                        false => format!("{}", at + 1),
                    };
                    Some(OutboundLink {
                        alternative: Some(at),
                        from: UrlPath::new(format!("{page_url}go/{name}/")),
                        to: url.clone(),
                    })
                });
        own.into_iter().chain(alternatives).collect()
    }

    /// What pressing play on a video's poster fetches (`<page>play/`), so
    /// plays are in the site's own log: a redirect page to the video at
    /// its provider, which is also where the poster link goes without
    /// JavaScript. `None` for a video file on this site (its requests are
    /// the plays).
    pub fn play_url(&self, id: PageId) -> Option<(UrlPath, String)> {
        let PageKind::Video(video) = &self.page(id).kind else {
            return None;
        };
        let watch = video.source.watch_url()?;
        Some((UrlPath::new(format!("{}play/", self.page(id).url)), watch))
    }

    /// The printable poster of a resource or video: `<page>/poster/`.
    pub fn poster_url(&self, id: PageId) -> Option<UrlPath> {
        let page = self.page(id);
        page.catalogue_fields()?;
        Some(UrlPath::new(format!("{}poster/", page.url)))
    }

    /// Site-root URLs the build writes that no content file makes: the
    /// listings and other generated pages, the open-data files, the feed,
    /// sitemap and robots.txt, the editors' page and the posters.
    pub fn generated_urls(&self) -> Vec<String> {
        let exports = self
            .export_paths()
            .into_iter()
            .chain(self.feed_languages().into_iter().map(feed_path))
            .chain(["sitemap.xml", "robots.txt"].map(String::from))
            .map(|path| format!("/{path}"))
            .chain(self.calendar_paths())
            .chain(
                self.catalogues
                    .iter()
                    .map(|catalogue| catalogue.entries_index_path(self)),
            );
        let reviews = self.reviews_paging();
        let editors = self
            .reviews_page()
            .into_iter()
            .chain(
                reviews
                    .iter()
                    .flat_map(|list| list.later_urls().collect::<Vec<_>>()),
            )
            .chain(self.engagement_page())
            .chain(self.search_pages())
            .map(|url| url.to_string());
        let posters = self
            .page_ids()
            .filter_map(|id| self.poster_url(id))
            .map(|url| url.to_string());
        self.listing_urls()
            .into_iter()
            .chain(exports)
            .chain(editors)
            .chain(posters)
            .chain(self.admin_files())
            .collect()
    }

    /// The browser editor's files, when site.toml has `[cms]`.
    pub fn admin_files(&self) -> Vec<String> {
        let files = [
            "/admin/",
            "/admin/config.yml",
            "/admin/manual-init.js",
            "/admin/admin.js",
        ];
        match self.config.cms {
            Some(_) => files.map(String::from).to_vec(),
            None => Vec::new(),
        }
    }

    /// The generated pages a reader or a search engine may land on: the
    /// catalogue listings and filter pages, the later pages of every long
    /// list, open data, the glossary, the accessibility statement and the
    /// cookies page.
    pub fn listing_urls(&self) -> Vec<String> {
        let listings = self.catalogues.iter().flat_map(|catalogue| {
            let a_to_z = catalogue.a_to_z_url(self).to_string();
            catalogue
                .filter_pages
                .iter()
                .map(|page| page.url.to_string())
                .chain([a_to_z])
        });
        let past_events = self.events_sections().flat_map(|id| {
            let language = self.page(id).language.as_deref();
            self.events_past_page(language).into_iter().chain(
                self.event_filters(language)
                    .into_iter()
                    .map(|filter| filter.url),
            )
        });
        let pages = self
            .open_data_page()
            .into_iter()
            .chain(past_events)
            .chain(self.glossary_page())
            .chain(self.accessibility_page())
            .chain(self.cookies_page())
            .chain(self.later_list_pages())
            .map(|url| url.to_string());
        listings.chain(pages).collect()
    }

    /// The open-data files, as output paths (`resources.csv`; `events.csv`
    /// when the site has events).
    pub fn export_paths(&self) -> Vec<String> {
        let events = self.events_in(None).next().map(|_| "events".to_string());
        let catalogues = self
            .own_catalogues()
            .map(|catalogue| catalogue.name.clone())
            .chain(events)
            .flat_map(|name| ["json", "csv"].map(|ext| format!("{name}.{ext}")));
        let finances = self
            .finances
            .keys()
            .flat_map(|folder| ["json", "csv"].map(|ext| format!("{folder}/finances.{ext}")));
        catalogues.chain(finances).collect()
    }

    /// `/open-data/`, generated unless a content page already has it or
    /// there is nothing to export.
    pub fn open_data_page(&self) -> Option<UrlPath> {
        let url = "/open-data/";
        let taken = self.pages.iter().any(|page| page.url.as_str() == url);
        (!taken && !self.export_paths().is_empty()).then(|| UrlPath::new(url))
    }

    /// `/glossary/`, generated when the site has a `glossary.toml` and no
    /// content page at that address.
    pub fn glossary_page(&self) -> Option<UrlPath> {
        let url = "/glossary/";
        let taken = self.pages.iter().any(|page| page.url.as_str() == url);
        let has_terms = self
            .glossary
            .as_ref()
            .is_some_and(|glossary| !glossary.terms.is_empty());
        (!taken && has_terms).then(|| UrlPath::new(url))
    }

    /// `/accessibility-statement/`, generated from `[accessibility]` in
    /// `site.toml` unless a content page has that address.
    pub fn accessibility_page(&self) -> Option<UrlPath> {
        self.config.accessibility.as_ref()?;
        self.free_address("/accessibility-statement/")
    }

    /// `/search/`: the site's own search page, unless a content page has
    /// that address.
    pub fn search_page(&self) -> Option<UrlPath> {
        self.free_address("/search/")
    }

    /// The search page of `language` (`None`: the site's own), which
    /// searches only the pages in it: `/cy/search/` for Welsh, when the
    /// site has pages in Welsh.
    pub fn search_page_in(&self, language: Option<&str>) -> Option<UrlPath> {
        let Some(code) = language else {
            return self.search_page();
        };
        self.has_pages_in(code)
            .then(|| self.free_address(&format!("/{code}/search/")))
            .flatten()
    }

    /// Every language's search page.
    pub fn search_pages(&self) -> Vec<UrlPath> {
        std::iter::once(None)
            .chain(self.config.languages.iter().map(|l| Some(l.code())))
            .filter_map(|language| self.search_page_in(language))
            .collect()
    }

    /// `/cookies/`: every site says what cookies it sets (none).
    pub fn cookies_page(&self) -> Option<UrlPath> {
        self.free_address("/cookies/")
    }

    fn free_address(&self, url: &str) -> Option<UrlPath> {
        let taken = self.pages.iter().any(|page| page.url.as_str() == url);
        (!taken).then(|| UrlPath::new(url))
    }

    /// `/editors/reviews/`: what is overdue or soon due for review, for the
    /// partnership's editors (not for search or the sitemap).
    pub fn reviews_page(&self) -> Option<UrlPath> {
        let url = "/editors/reviews/";
        let taken = self.pages.iter().any(|page| page.url.as_str() == url);
        let has_entries = self
            .own_catalogues()
            .any(|catalogue| !catalogue.entries.is_empty());
        (!taken && has_entries).then(|| UrlPath::new(url))
    }

    /// `/editors/engagement/`: what the saved engagement reports say is
    /// used, for the partnership's editors (not for search or the sitemap).
    pub fn engagement_page(&self) -> Option<UrlPath> {
        if self.engagement.is_empty() {
            return None;
        }
        self.free_address("/editors/engagement/")
    }

    /// The saved engagement report a yearly report or chapter shows (with
    /// `show_engagement = true`): the latest that lies within the report's
    /// period.
    pub fn engagement_for(&self, id: PageId) -> Option<&super::engagement::EngagementReport> {
        let report = match &self.page(id).kind {
            PageKind::Report(report) => report,
            PageKind::Chapter(_) => match &self.page(self.parent_section(id)?).kind {
                PageKind::Report(report) => report,
                _ => return None,
            },
            _ => return None,
        };
        let (start, end) = (
            report.period_start.to_string(),
            report.period_end.to_string(),
        );
        self.engagement.iter().rev().find(|saved| {
            let within = |day: &Option<String>| {
                day.as_deref()
                    .is_some_and(|day| day >= start.as_str() && day <= end.as_str())
            };
            within(&saved.period.start) && within(&saved.period.end)
        })
    }

    /// The day a page goes in the feed by: a news item's date, a resource's
    /// or video's publication; `None` for pages that are not in it.
    pub fn feed_date(&self, id: PageId) -> Option<Date> {
        let page = self.page(id);
        match &page.kind {
            PageKind::News(_) => page.date,
            PageKind::Resource(_) | PageKind::Video(_) => {
                page.catalogue_fields().map(|fields| fields.published)
            }
            // When it was announced (`date`), else the day it starts, but
            // never after the build's day: an event to come must not head
            // the feed from the future.
            PageKind::Event(event) => page.date.or_else(|| {
                let start = event.start.date();
                let start = Date::new(
                    start.year(),
                    u8::try_from(start.month()).ok()?,
                    u8::try_from(start.day()).ok()?,
                )?;
                Some(start.min(self.today))
            }),
            _ => None,
        }
    }

    /// The languages with a feed: the site's own (`None`), and each
    /// declared language with news, resources or videos in it.
    pub fn feed_languages(&self) -> Vec<Option<&str>> {
        let declared = self
            .config
            .languages
            .iter()
            .map(|l| l.code())
            .filter(|&code| {
                self.page_ids().any(|id| {
                    self.page(id).language.as_deref() == Some(code) && self.feed_date(id).is_some()
                })
            });
        std::iter::once(None).chain(declared.map(Some)).collect()
    }
}

/// The Atom feed's output path: `atom.xml`, or `cy/atom.xml` for a
/// language's own.
pub fn feed_path(language: Option<&str>) -> String {
    match language {
        None => "atom.xml".to_string(),
        Some(code) => format!("{code}/atom.xml"),
    }
}
