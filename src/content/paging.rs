//! Long lists split into pages: a list's first page is its own address
//! (`/resources/`), the rest follow at `page/2/`, `page/3/`… below it
//! (`/resources/audience/parents-and-carers/page/2/`), `[catalogue]
//! per_page` entries each. The lists: each catalogue's newest-first and
//! A–Z lists and its filter pages, each events section's coming events,
//! their audience and topic lists and the past events, every plain
//! section's pages (news), and what is tagged with each priority.
//!
//! Invariant: every list has a first page, even when empty (it says there
//! is nothing yet); `Site::paged_lists` is the one list of them, so the
//! addresses checked for clashes, linked, put in the sitemap and rendered
//! are the same.

use std::ops::{Range, RangeInclusive};

use super::{PageId, PageKind, Site, UrlPath};

/// One list, and how it splits into pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paging {
    /// The first page's address, ending in `/`.
    pub base: UrlPath,
    /// How many entries the whole list has.
    pub total: usize,
    pub per_page: usize,
}

impl Paging {
    pub fn new(base: UrlPath, total: usize, per_page: usize) -> Self {
        Self {
            base,
            total,
            per_page: per_page.max(1),
        }
    }

    /// How many pages: at least one.
    pub fn page_count(&self) -> usize {
        self.total.div_ceil(self.per_page).max(1)
    }

    /// Every page's number, from 1.
    pub fn numbers(&self) -> RangeInclusive<usize> {
        1..=self.page_count()
    }

    /// The address of page `number` (1: the list's own).
    pub fn url(&self, number: usize) -> UrlPath {
        if number <= 1 {
            self.base.clone()
        } else {
            UrlPath::new(format!("{}page/{number}/", self.base))
        }
    }

    /// The addresses of the pages after the first: the ones the build
    /// writes beside the list's own.
    pub fn later_urls(&self) -> impl Iterator<Item = UrlPath> + '_ {
        (2..=self.page_count()).map(|number| self.url(number))
    }

    /// Which entries page `number` shows, as positions in the whole list.
    pub fn range(&self, number: usize) -> Range<usize> {
        let start = number.saturating_sub(1).saturating_mul(self.per_page);
        start.min(self.total)..start.saturating_add(self.per_page).min(self.total)
    }

    /// Page `number`'s share of `entries` (the whole list, in order).
    pub fn slice<'e, T>(&self, entries: &'e [T], number: usize) -> &'e [T] {
        entries.get(self.range(number)).unwrap_or(&[])
    }
}

impl Site {
    /// How a list at `base` of `total` entries is paged on this site.
    pub fn paging(&self, base: &UrlPath, total: usize) -> Paging {
        Paging::new(base.clone(), total, self.config.catalogue.per_page())
    }

    /// Whether a section lists its pages as cards, one page of them at a
    /// time: a plain section (news, about) other than the home page, the
    /// events sections and the catalogues, which have lists of their own.
    pub fn lists_its_pages(&self, id: PageId) -> bool {
        let page = self.page(id);
        page.is_section
            && matches!(page.kind, PageKind::Plain)
            && page.original.as_str() != "_index.md"
            && !self.is_events_section(id)
            && self.catalogue_of_section(id).is_none()
    }

    /// The list a content page shows, paged: a catalogue's entries, the
    /// events coming up, a plain section's pages, or what is tagged with a
    /// priority; `None` for any other page.
    pub fn page_list(&self, id: PageId) -> Option<Paging> {
        let page = self.page(id);
        let total = if let Some(catalogue) = self.catalogue_of_section(id) {
            catalogue.entries.len()
        } else if self.is_events_section(id) {
            self.events_coming(page.language.as_deref(), None).len()
        } else if self.lists_its_pages(id) {
            self.section_children(id).len()
        } else if matches!(page.kind, PageKind::Priority(_)) {
            self.tagged_with(id).len()
        } else {
            return None;
        };
        Some(self.paging(&page.url, total))
    }

    /// The catalogue whose section page `id` is.
    pub fn catalogue_of_section(&self, id: PageId) -> Option<&super::catalogue::Catalogue> {
        self.catalogues
            .iter()
            .find(|catalogue| catalogue.section == id)
    }

    /// Every list of the site that is paged, whatever its length.
    pub fn paged_lists(&self) -> Vec<Paging> {
        let mut lists: Vec<Paging> = self
            .page_ids()
            .filter_map(|id| self.page_list(id))
            .collect();
        for catalogue in &self.catalogues {
            let total = catalogue.entries.len();
            lists.push(self.paging(&catalogue.a_to_z_url(self), total));
            lists.extend(
                catalogue
                    .filter_pages
                    .iter()
                    .map(|page| self.paging(&page.url, page.members.len())),
            );
        }
        for section in self.events_sections() {
            let language = self.page(section).language.as_deref();
            for filter in self.event_filters(language) {
                let coming = self.events_coming(language, Some(&filter)).len();
                lists.push(self.paging(&filter.url, coming));
            }
            if let Some(past) = self.events_past_page(language) {
                lists.push(self.paging(&past, self.events_over(language).len()));
            }
        }
        lists
    }

    /// The pages after the first of every paged list.
    pub fn later_list_pages(&self) -> Vec<UrlPath> {
        self.paged_lists()
            .iter()
            .flat_map(|list| list.later_urls().collect::<Vec<_>>())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(total: usize) -> Paging {
        Paging::new(UrlPath::new("/resources/"), total, 50)
    }

    #[test]
    fn a_list_splits_into_pages_of_per_page_at_page_addresses() {
        let paging = list(101);
        assert_eq!(paging.page_count(), 3);
        assert_eq!(paging.url(1).as_str(), "/resources/");
        assert_eq!(paging.url(3).as_str(), "/resources/page/3/");
        assert_eq!(paging.range(1), 0..50);
        assert_eq!(paging.range(3), 100..101);
        let later: Vec<String> = paging.later_urls().map(|url| url.to_string()).collect();
        assert_eq!(later, ["/resources/page/2/", "/resources/page/3/"]);
    }

    #[test]
    fn an_empty_or_exact_list_has_no_empty_last_page() {
        assert_eq!(list(0).page_count(), 1);
        assert_eq!(list(0).range(1), 0..0);
        assert_eq!(list(100).page_count(), 2);
        assert_eq!(list(50).later_urls().count(), 0);
        let entries: Vec<usize> = (0..60).collect();
        assert_eq!(list(60).slice(&entries, 2), &entries[50..]);
        assert!(list(60).slice(&entries, 9).is_empty());
    }
}
