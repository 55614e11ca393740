//! What is tagged with a priority, as its page lists it: grouped the way a
//! reader looks for things (resources, videos, report chapters, news,
//! events), each group in reading order, shown in the priority page's
//! language where there is a version in it. A long list goes on to the
//! priority page's `page/2/`… like any other (`Site::page_list`).

use super::{PageId, PageKind, Site};

/// The groups of a priority page, in the order it shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TaggedGroup {
    Resources,
    Videos,
    ReportChapters,
    News,
    Events,
}

impl TaggedGroup {
    pub const ALL: [TaggedGroup; 5] = [
        TaggedGroup::Resources,
        TaggedGroup::Videos,
        TaggedGroup::ReportChapters,
        TaggedGroup::News,
        TaggedGroup::Events,
    ];

    /// The group a kind of page is listed in, if it can be tagged.
    pub fn of(kind: &PageKind) -> Option<TaggedGroup> {
        match kind {
            PageKind::Resource(_) => Some(TaggedGroup::Resources),
            PageKind::Video(_) => Some(TaggedGroup::Videos),
            PageKind::Chapter(_) => Some(TaggedGroup::ReportChapters),
            PageKind::News(_) => Some(TaggedGroup::News),
            PageKind::Event(_) => Some(TaggedGroup::Events),
            _ => None,
        }
    }

    /// The interface string naming the group, and its anchor on the page.
    pub fn key_and_anchor(self) -> (&'static str, &'static str) {
        match self {
            TaggedGroup::Resources => ("tagged_resources", "tagged-resources"),
            TaggedGroup::Videos => ("tagged_videos", "tagged-videos"),
            TaggedGroup::ReportChapters => ("tagged_reports", "tagged-reports"),
            TaggedGroup::News => ("tagged_news", "tagged-news"),
            TaggedGroup::Events => ("tagged_events", "tagged-events"),
        }
    }
}

impl Site {
    /// Everything tagged with the priority `id` is the page of (or a
    /// translation of it): found among the originals, each in `id`'s
    /// language where it has a version in it, grouped, each group in
    /// reading order. Empty for any other page.
    pub fn tagged_with(&self, id: PageId) -> Vec<(TaggedGroup, PageId)> {
        let page = self.page(id);
        if !matches!(page.kind, PageKind::Priority(_)) {
            return Vec::new();
        }
        let stem = page.original.stem();
        let mut tagged: Vec<PageId> = self
            .page_ids()
            .filter(|&other| {
                let other = self.page(other);
                !other.is_translation()
                    && other
                        .priority_tags()
                        .iter()
                        .any(|tag| tag.get_ref() == stem)
            })
            .map(|other| self.in_language_of(other, id))
            .collect();
        self.sort_reading_order(&mut tagged);
        let mut grouped: Vec<(TaggedGroup, PageId)> = tagged
            .into_iter()
            .filter_map(|other| Some((TaggedGroup::of(&self.page(other).kind)?, other)))
            .collect();
        // Stable: reading order is kept within each group.
        grouped.sort_by_key(|(group, _)| *group);
        grouped
    }
}
