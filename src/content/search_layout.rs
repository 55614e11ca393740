//! Where the search index goes in the output: the bundle folders under
//! `pagefind/`. The search phase writes them and the search page names
//! them, so both read it from the model.
//!
//! Invariant: depends only on the number of indexed pages and
//! `[search] pages_per_bundle`.

use super::Site;

/// Where the index and its scripts are written.
pub const BUNDLE_FOLDER: &str = "pagefind";

/// The site's bundle folders, at most `[search] pages_per_bundle` indexed
/// pages in each: `pagefind`, then `pagefind/part-2`, and so on; the
/// search page merges them.
pub fn bundle_folders(site: &Site) -> Vec<String> {
    folders_for(
        indexed_page_count(site),
        site.config.search.pages_per_bundle(),
    )
}

fn folders_for(pages: usize, per_bundle: usize) -> Vec<String> {
    let count = pages.div_ceil(per_bundle.max(1)).max(1);
    (0..count)
        .map(|number| match number {
            0 => BUNDLE_FOLDER.to_string(),
            _ => format!("{BUNDLE_FOLDER}/part-{}", number + 1),
        })
        .collect()
}

/// The content pages and the glossary: what the search phase indexes.
fn indexed_page_count(site: &Site) -> usize {
    site.page_ids().count() + usize::from(site.glossary_page().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_sites_are_split_into_bundles() {
        assert_eq!(folders_for(0, 2_500), ["pagefind"]);
        assert_eq!(folders_for(2_500, 2_500), ["pagefind"]);
        assert_eq!(folders_for(2_501, 2_500), ["pagefind", "pagefind/part-2"]);
        assert_eq!(folders_for(25, 10).len(), 3);
    }
}
