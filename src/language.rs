//! Languages: whether a text is a BCP 47 tag (ICU's parser), which way
//! a language is written (ICU's likely scripts: `ur` and `pa-Arab` right
//! to left, `pa-Guru` left to right), whether a tag names the site's own
//! language, and what a language is called, in itself and in English
//! (`Polski / Polish`, from the ISO 639 tables of the `isolang` crate,
//! CLDR's autonyms).
//!
//! Invariant: imports nothing from the crate; tags are compared by their
//! primary language subtag, case blind: `en` and `en-GB` are one language
//! to a reader choosing a leaflet.

use icu_locale::{Direction, LocaleDirectionality};
use icu_locale_core::{LanguageIdentifier, Locale};
use isolang::Language;

/// Whether `text` is a BCP 47 tag as ICU reads it: a language, then
/// script, region, variants and extensions, each in its own shape.
pub fn is_language_tag(text: &str) -> bool {
    Locale::try_from_str(text).is_ok()
}

/// Which way a language is written: `rtl` or `ltr`, as HTML's `dir`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum TextDirection {
    Ltr,
    Rtl,
}

impl TextDirection {
    /// The direction of the language's likely script; left to right when
    /// the tag is not one ICU knows.
    pub fn of(tag: &str) -> Self {
        let Ok(language) = LanguageIdentifier::try_from_str(tag) else {
            return TextDirection::Ltr;
        };
        match LocaleDirectionality::new_extended().get(&language) {
            Some(Direction::RightToLeft) => TextDirection::Rtl,
            _ => TextDirection::Ltr,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TextDirection::Ltr => "ltr",
            TextDirection::Rtl => "rtl",
        }
    }
}

/// The primary language subtag, lower-case: `pa-Guru` → `pa`.
pub fn primary_subtag(tag: &str) -> String {
    tag.split('-')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Whether `tag` is a language other than the site's (`site_language`).
pub fn is_other_language(tag: &str, site_language: &str) -> bool {
    primary_subtag(tag) != primary_subtag(site_language)
}

/// A language's names: in itself, and in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageNames {
    /// `Polski`; `None` when the tables do not know it.
    pub own: Option<String>,
    /// `Polish`; `None` when the tables do not know the language.
    pub english: Option<String>,
}

impl LanguageNames {
    pub fn of(tag: &str) -> Self {
        let primary = primary_subtag(tag);
        let language = match primary.len() {
            2 => Language::from_639_1(&primary),
            3 => Language::from_639_3(&primary),
            _ => None,
        };
        Self {
            own: language
                .and_then(|language| language.to_autonym())
                .map(capitalised),
            english: language.map(|language| language.to_name().to_string()),
        }
    }

    /// `Polski / Polish`: the name a reader of the language knows first,
    /// then the site's (English) name; one name when they are the same;
    /// the tag itself for a language the tables do not know.
    pub fn label(&self, tag: &str) -> String {
        match (&self.own, &self.english) {
            (Some(own), Some(english)) if own != english => format!("{own} / {english}"),
            (Some(name), _) | (None, Some(name)) => name.clone(),
            (None, None) => tag.to_string(),
        }
    }
}

/// CLDR writes many autonyms in lower case (`polski`), as they are
/// written inside a sentence; standing alone as a label, they begin with
/// a capital. Scripts without case are unchanged.
fn capitalised(name: &str) -> String {
    let mut characters = name.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_languages_in_themselves_and_in_english() {
        assert_eq!(LanguageNames::of("pl").label("pl"), "Polski / Polish");
        assert_eq!(LanguageNames::of("ur").label("ur"), "اردو / Urdu");
        assert_eq!(LanguageNames::of("cy-GB").label("cy-GB"), "Cymraeg / Welsh");
        assert_eq!(LanguageNames::of("en").label("en"), "English");
        assert_eq!(LanguageNames::of("qqq").label("qqq"), "qqq");
    }

    #[test]
    fn knows_which_way_a_language_is_written() {
        for tag in ["ur", "ar", "he", "fa", "ps", "yi", "pa-Arab", "ckb"] {
            assert_eq!(TextDirection::of(tag), TextDirection::Rtl, "{tag}");
        }
        for tag in ["en-GB", "cy", "pl", "pa-Guru", "pa", "so", "not a tag"] {
            assert_eq!(TextDirection::of(tag), TextDirection::Ltr, "{tag}");
        }
    }

    #[test]
    fn language_tags() {
        for tag in ["en-GB", "pl", "pa-Guru", "ur-PK", "cy", "zh-Hant-TW"] {
            assert!(is_language_tag(tag), "{tag}");
        }
        for text in ["english", "e", "pl_PL", "en-", "", "12"] {
            assert!(!is_language_tag(text), "{text}");
        }
    }

    #[test]
    fn compares_languages_by_their_primary_subtag() {
        assert!(!is_other_language("en", "en-GB"));
        assert!(!is_other_language("EN-us", "en-GB"));
        assert!(is_other_language("pl", "en-GB"));
        assert_eq!(primary_subtag("pa-Guru"), "pa");
    }
}
