//! Where the search index goes in the output: the bundle folders under
//! `pagefind/`, one set per language the site has pages in (`pagefind/`
//! for the site's own, `pagefind/cy/` for Welsh), so each language is
//! searched with its own words and stemming. The search phase writes them
//! and each language's search page names its own, so both read it from
//! the model.
//!
//! Invariant: depends only on the number of indexed pages in each
//! language and `[search] pages_per_bundle`.

use super::Site;

/// Where the index and its scripts are written.
pub const BUNDLE_FOLDER: &str = "pagefind";

/// The languages the index is split by: the site's own (`None`), then
/// each declared language that has pages, in declared order.
pub fn search_languages(site: &Site) -> Vec<Option<&str>> {
    let declared = site
        .config
        .languages
        .iter()
        .map(|language| language.code())
        .filter(|&code| site.has_pages_in(code))
        .map(Some);
    std::iter::once(None).chain(declared).collect()
}

/// A language's bundle folders, at most `[search] pages_per_bundle`
/// indexed pages in each: `pagefind` (or `pagefind/cy`), then
/// `pagefind/part-2`, and so on; its search page merges them.
pub fn bundle_folders(site: &Site, language: Option<&str>) -> Vec<String> {
    let first = match language {
        None => BUNDLE_FOLDER.to_string(),
        Some(code) => format!("{BUNDLE_FOLDER}/{code}"),
    };
    folders_for(
        &first,
        indexed_page_count(site, language),
        site.config.search.pages_per_bundle(),
    )
}

fn folders_for(first: &str, pages: usize, per_bundle: usize) -> Vec<String> {
    let count = pages.div_ceil(per_bundle.max(1)).max(1);
    (0..count)
        .map(|number| match number {
            0 => first.to_string(),
            _ => format!("{first}/part-{}", number + 1),
        })
        .collect()
}

/// The content pages in `language` and, in the site's own, the glossary:
/// what the search phase indexes for it.
fn indexed_page_count(site: &Site, language: Option<&str>) -> usize {
    let pages = site
        .pages
        .iter()
        .filter(|page| page.language.as_deref() == language)
        .count();
    pages + usize::from(language.is_none() && site.glossary_page().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_sites_are_split_into_bundles() {
        assert_eq!(folders_for("pagefind", 0, 2_500), ["pagefind"]);
        assert_eq!(folders_for("pagefind", 2_500, 2_500), ["pagefind"]);
        assert_eq!(
            folders_for("pagefind", 2_501, 2_500),
            ["pagefind", "pagefind/part-2"]
        );
        assert_eq!(folders_for("pagefind", 25, 10).len(), 3);
        assert_eq!(
            folders_for("pagefind/cy", 11, 10),
            ["pagefind/cy", "pagefind/cy/part-2"]
        );
    }
}
