//! The versions of a page in the site's languages: a translation
//! (`about.cy.md`) and its original (`about.md`) are found here, for
//! links, parents, the language switcher and every per-language listing.
//!
//! Invariant: the site's own version comes first, then the translations in
//! the order site.toml declares their languages.

use std::collections::BTreeMap;

use super::{ContentPath, PageId, Site};

impl Site {
    /// Each translated page's translations, keyed by its original. A
    /// translation whose original does not exist is left out (it is
    /// reported by the cross checks).
    pub(super) fn find_translations(&self) -> BTreeMap<ContentPath, Vec<PageId>> {
        let order = |code: &str| {
            self.config
                .languages
                .iter()
                .position(|language| language.code() == code)
        };
        let mut translations: BTreeMap<ContentPath, Vec<PageId>> = BTreeMap::new();
        for id in self.page_ids() {
            let page = self.page(id);
            if page.language.is_some() && self.page_by_path(page.original.as_str()).is_some() {
                translations
                    .entry(page.original.clone())
                    .or_default()
                    .push(id);
            }
        }
        for versions in translations.values_mut() {
            versions
                .sort_by_key(|&id| order(self.page(id).language.as_deref().unwrap_or_default()));
        }
        translations
    }

    /// Every version of a page, the site's own language first, then its
    /// translations in declared order; just the page when it has none.
    pub fn versions(&self, id: PageId) -> Vec<PageId> {
        let original = &self.page(id).original;
        let Some(original_id) = self.page_by_path(original.as_str()) else {
            return vec![id];
        };
        let mut versions = vec![original_id];
        versions.extend(self.translations.get(original).into_iter().flatten());
        versions
    }

    /// The language tag a page is in: a translation's declared code, else
    /// the site's own language.
    pub fn language_of(&self, id: PageId) -> &str {
        self.page(id)
            .language
            .as_deref()
            .unwrap_or(&self.config.language)
    }

    /// The version of `target` in the language of the page `from`, if
    /// there is one; `target` otherwise.
    pub fn in_language_of(&self, target: PageId, from: PageId) -> PageId {
        self.version_in(target, self.page(from).language.as_deref())
    }

    /// The version of `target` in `language` (`None`: the site's own), if
    /// there is one; `target` otherwise.
    pub fn version_in(&self, target: PageId, language: Option<&str>) -> PageId {
        if self.translations.is_empty() {
            return target;
        }
        self.versions(target)
            .into_iter()
            .find(|&version| self.page(version).language.as_deref() == language)
            .unwrap_or(target)
    }

    /// Whether any page is a translation into the declared `code`.
    pub fn has_pages_in(&self, code: &str) -> bool {
        self.pages
            .iter()
            .any(|page| page.language.as_deref() == Some(code))
    }
}
