//! Which resources and videos are related to each other: up to three other
//! entries sharing the most topics (worth 2 each) and then priorities
//! (1 each), newest first among equals, then by `PageId`.
//!
//! Entries are grouped by their exact topic and priority lists, because
//! only those decide the score. Finding a page's related entries then
//! costs the number of distinct groups, not the number of entries: a site
//! with 40,000 resources on a dozen topics has a few hundred groups, and
//! scoring every entry for every page would be quadratic.
//!
//! Invariant: the same result as scoring every entry, in the same order.

use std::cmp::Reverse;
use std::collections::HashMap;

use super::{CatalogueFields, Date, PageId, Site};

/// How many related entries a page shows.
pub const RELATED_LIMIT: usize = 3;

/// Catalogue entries grouped by the tags that score relatedness.
#[derive(Debug, Default)]
pub struct RelatedIndex {
    groups: Vec<TagGroup>,
}

#[derive(Debug)]
struct TagGroup {
    topics: Vec<String>,
    priorities: Vec<String>,
    /// Best first: newest, then lowest `PageId`.
    entries: Vec<(Reverse<Date>, PageId)>,
}

impl RelatedIndex {
    pub fn build(site: &Site) -> Self {
        let mut by_tags: HashMap<(Vec<String>, Vec<String>), Vec<_>> = HashMap::new();
        let entries = site
            .own_catalogues()
            .flat_map(|catalogue| catalogue.entries.iter().copied());
        for id in entries {
            let Some(fields) = site.page(id).catalogue_fields() else {
                continue;
            };
            by_tags
                .entry((fields.topics.clone(), priority_stems(fields)))
                .or_default()
                .push((Reverse(fields.published), id));
        }
        let groups = by_tags
            .into_iter()
            .map(|((topics, priorities), mut entries)| {
                entries.sort_unstable();
                TagGroup {
                    topics,
                    priorities,
                    entries,
                }
            })
            .collect();
        RelatedIndex { groups }
    }

    /// Up to `RELATED_LIMIT` entries related to `id`, best first.
    pub fn related_to(&self, site: &Site, id: PageId) -> Vec<PageId> {
        let Some(fields) = site.page(id).catalogue_fields() else {
            return Vec::new();
        };
        let mut candidates: Vec<(Reverse<usize>, Reverse<Date>, PageId)> = Vec::new();
        for group in &self.groups {
            let score = score(fields, group);
            if score == 0 {
                continue;
            }
            // A group's entries tie on score, so only its best few can win.
            let best = group
                .entries
                .iter()
                .filter(|(_, other)| *other != id)
                .take(RELATED_LIMIT);
            candidates.extend(best.map(|&(published, other)| (Reverse(score), published, other)));
        }
        if candidates.len() > RELATED_LIMIT {
            candidates.select_nth_unstable(RELATED_LIMIT - 1);
            candidates.truncate(RELATED_LIMIT);
        }
        candidates.sort_unstable();
        candidates.into_iter().map(|(_, _, other)| other).collect()
    }
}

fn priority_stems(fields: &CatalogueFields) -> Vec<String> {
    fields
        .priorities
        .iter()
        .map(|tag| tag.get_ref().clone())
        .collect()
}

/// Two points per shared topic, one per shared priority, counted over the
/// group's tags as written.
fn score(fields: &CatalogueFields, group: &TagGroup) -> usize {
    let topics = group
        .topics
        .iter()
        .filter(|topic| fields.topics.contains(topic))
        .count();
    let priorities = group
        .priorities
        .iter()
        .filter(|stem| fields.priorities.iter().any(|mine| mine.get_ref() == *stem))
        .count();
    topics * 2 + priorities
}
