//! Interface strings: the words the templates show ("Skip to main
//! content", "3 results"), one table per language, looked up by key and
//! filled in with named values. Plural strings hold one form per CLDR
//! category, chosen by the language's CLDR plural rules (`icu_plurals`,
//! compiled data).
//!
//! Invariant: no I/O (`load/` reads the built-in and the site's tables);
//! a string missing in a language is taken from the site's default
//! language, then from English, so every page shows a string for every
//! key that any table has.

use std::collections::BTreeMap;

use icu_locale_core::Locale;

use crate::language::primary_subtag;
use icu_plurals::{PluralCategory, PluralRules};

/// The language whose table has every key: the last fallback.
pub const FALLBACK_LANGUAGE: &str = "en";

/// Every language's table, by primary language subtag (`en`, `cy`).
#[derive(Clone, Debug, Default)]
pub struct InterfaceStrings {
    tables: BTreeMap<String, StringTable>,
}

/// One language's strings, by key.
pub type StringTable = BTreeMap<String, Message>;

/// One string: plain text with `{name}` slots, or one such text per CLDR
/// plural category (`other` always present).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    Text(String),
    Plural(BTreeMap<String, String>),
}

/// The CLDR plural categories, as written in a table.
pub const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

impl InterfaceStrings {
    pub fn new(tables: BTreeMap<String, StringTable>) -> Self {
        Self { tables }
    }

    pub fn table(&self, language: &str) -> Option<&StringTable> {
        self.tables.get(language)
    }

    /// The message for `key` on a page in `language` (a BCP 47 tag) of a
    /// site whose default is `default_language`: from the page's
    /// language, else the default's, else English. Gives the table's
    /// language too, whose plural rules apply.
    pub fn lookup(
        &self,
        language: &str,
        default_language: &str,
        key: &str,
    ) -> Option<(&str, &Message)> {
        [
            primary_subtag(language),
            primary_subtag(default_language),
            FALLBACK_LANGUAGE.to_string(),
        ]
        .into_iter()
        .find_map(|wanted| {
            let (language, table) = self.tables.get_key_value(&wanted)?;
            table.get(key).map(|message| (language.as_str(), message))
        })
    }

    /// The text of `key` in `language` (falling back as `lookup` does),
    /// its `{name}` slots filled from `values`, unescaped: for words made
    /// in Rust that a template then prints. A key no table has (a bug:
    /// the built-in English table has every key Rust asks for) gives the
    /// key itself.
    pub fn text(&self, language: &str, key: &str, values: &[(&str, &str)]) -> String {
        self.filled(language, key, None, values)
    }

    /// The text of a plural `key` for `count` in `language` (its CLDR
    /// form), with `{count}` and the other slots filled in.
    pub fn count_text(
        &self,
        language: &str,
        key: &str,
        count: u64,
        values: &[(&str, &str)],
    ) -> String {
        self.filled(language, key, Some(count), values)
    }

    /// `key`'s text (its form for `count`, if given) with its slots filled
    /// from `values`, and `{count}` from `count`.
    fn filled(
        &self,
        language: &str,
        key: &str,
        count: Option<u64>,
        values: &[(&str, &str)],
    ) -> String {
        let Some((table_language, message)) = self.lookup(language, language, key) else {
            return key.to_string();
        };
        let text = message.text_for(table_language, count);
        let count = count.map(|count| count.to_string());
        fill_in(text, |name| match (name, &count) {
            ("count", Some(count)) => Some(count.clone()),
            _ => values
                .iter()
                .find(|(wanted, _)| *wanted == name)
                .map(|(_, value)| (*value).to_string()),
        })
        .unwrap_or_else(|_| text.to_string())
    }

    /// Every form of `key` in `language` by CLDR category (a plain string is
    /// its `other` form): for a script that picks the form itself, by the
    /// browser's `Intl.PluralRules`, which follows the same CLDR rules.
    pub fn forms(&self, language: &str, key: &str) -> BTreeMap<String, String> {
        match self.lookup(language, language, key) {
            Some((_, Message::Plural(forms))) => forms.clone(),
            Some((_, Message::Text(text))) => BTreeMap::from([("other".to_string(), text.clone())]),
            None => BTreeMap::from([("other".to_string(), key.to_string())]),
        }
    }

    /// A date in words, "1 October 2025" (`date_long`, with the month's
    /// name from `month_1` … `month_12`), in `language`.
    pub fn long_date(&self, language: &str, year: i32, month: u8, day: u8) -> String {
        let month_name = self.text(language, &format!("month_{month}"), &[]);
        self.text(
            language,
            "date_long",
            &[
                ("day", &day.to_string()),
                ("month", &month_name),
                ("year", &year.to_string()),
            ],
        )
    }

    /// Every key any table has, for "did you mean".
    pub fn all_keys(&self) -> impl Iterator<Item = &str> {
        let mut keys: Vec<&str> = self
            .tables
            .values()
            .flat_map(|table| table.keys().map(String::as_str))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys.into_iter()
    }
}

/// The CLDR cardinal plural category of `count` in `language`, by the
/// CLDR rules compiled into `icu_plurals`; a language it does not know
/// takes the root rules (everything `other`).
pub fn plural_category(language: &str, count: u64) -> &'static str {
    let Ok(locale) = Locale::try_from_str(language) else {
        return "other";
    };
    let Ok(rules) = PluralRules::try_new_cardinal((&locale).into()) else {
        return "other";
    };
    match rules.category_for(count) {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

impl Message {
    /// The text for `count` (plural strings) in `language`: the form of
    /// its category, or `other` when the table has no such form.
    pub fn text_for(&self, language: &str, count: Option<u64>) -> &str {
        match self {
            Message::Text(text) => text,
            Message::Plural(forms) => {
                let category = count.map_or("other", |count| plural_category(language, count));
                forms
                    .get(category)
                    .or_else(|| forms.get("other"))
                    .map_or("", String::as_str)
            }
        }
    }
}

/// Fills each `{name}` in `text` with `value(name)`; a `{` not followed by
/// a name and `}` is kept as written. Fails with the first name that has
/// no value.
pub fn fill_in<F>(text: &str, mut value: F) -> Result<String, String>
where
    F: FnMut(&str) -> Option<String>,
{
    let mut filled = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name_length = after
            .find(|character: char| !(character.is_ascii_alphanumeric() || character == '_'))
            .unwrap_or(after.len());
        if name_length > 0 && after[name_length..].starts_with('}') {
            let name = &after[..name_length];
            filled.push_str(&value(name).ok_or_else(|| name.to_string())?);
            rest = &after[name_length + 1..];
        } else {
            filled.push('{');
            rest = after;
        }
    }
    filled.push_str(rest);
    Ok(filled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_has_one_and_other() {
        assert_eq!(plural_category("en-GB", 0), "other");
        assert_eq!(plural_category("en-GB", 1), "one");
        assert_eq!(plural_category("en", 2), "other");
        assert_eq!(plural_category("en", 11), "other");
    }

    #[test]
    fn welsh_has_six_categories() {
        let categories: Vec<_> = [0, 1, 2, 3, 4, 6, 7, 10, 100]
            .into_iter()
            .map(|count| plural_category("cy", count))
            .collect();
        assert_eq!(
            categories,
            [
                "zero", "one", "two", "few", "other", "many", "other", "other", "other"
            ]
        );
    }

    #[test]
    fn polish_has_few_and_many() {
        assert_eq!(plural_category("pl", 1), "one");
        assert_eq!(plural_category("pl", 3), "few");
        assert_eq!(plural_category("pl", 5), "many");
        assert_eq!(plural_category("pl", 22), "few");
    }

    #[test]
    fn plural_message_picks_the_form_or_other() {
        let forms = [
            ("one", "{count} canlyniad"),
            ("other", "{count} o ganlyniadau"),
        ]
        .into_iter()
        .map(|(category, text)| (category.to_string(), text.to_string()))
        .collect();
        let message = Message::Plural(forms);
        assert_eq!(message.text_for("cy", Some(1)), "{count} canlyniad");
        assert_eq!(message.text_for("cy", Some(2)), "{count} o ganlyniadau");
    }

    #[test]
    fn lookup_falls_back_to_the_default_then_english() {
        let table = |key: &str, text: &str| {
            StringTable::from([(key.to_string(), Message::Text(text.to_string()))])
        };
        let strings = InterfaceStrings::new(BTreeMap::from([
            ("en".to_string(), table("search", "Search")),
            ("cy".to_string(), table("search", "Chwilio")),
            ("pl".to_string(), StringTable::new()),
        ]));
        let found = |language| {
            strings
                .lookup(language, "cy", "search")
                .map(|(code, _)| code)
        };
        assert_eq!(found("pl-PL"), Some("cy"));
        assert_eq!(found("en-GB"), Some("en"));
        assert_eq!(
            strings.lookup("pl", "pl", "search").map(|(code, _)| code),
            Some("en")
        );
        assert!(strings.lookup("pl", "pl", "nothing").is_none());
    }

    #[test]
    fn text_for_rust_fills_values_in_the_language_or_english() {
        let table = |text: &str| {
            StringTable::from([("published_on".to_string(), Message::Text(text.to_string()))])
        };
        let strings = InterfaceStrings::new(BTreeMap::from([
            ("en".to_string(), table("Published {date}")),
            ("cy".to_string(), table("Cyhoeddwyd {date}")),
        ]));
        let date = [("date", "1 Mai 2025")];
        assert_eq!(
            strings.text("cy-GB", "published_on", &date),
            "Cyhoeddwyd 1 Mai 2025"
        );
        assert_eq!(
            strings.text("pl", "published_on", &date),
            "Published 1 Mai 2025"
        );
        assert_eq!(strings.text("en", "no_such_key", &[]), "no_such_key");
    }

    #[test]
    fn long_dates_name_the_month_in_the_language() {
        let text = |key: &str, value: &str| (key.to_string(), Message::Text(value.to_string()));
        let strings = InterfaceStrings::new(BTreeMap::from([
            (
                "en".to_string(),
                StringTable::from([
                    text("date_long", "{day} {month} {year}"),
                    text("month_10", "October"),
                ]),
            ),
            (
                "cy".to_string(),
                StringTable::from([text("month_10", "Hydref")]),
            ),
        ]));
        assert_eq!(strings.long_date("en-GB", 2025, 10, 1), "1 October 2025");
        assert_eq!(strings.long_date("cy", 2025, 10, 1), "1 Hydref 2025");
    }

    #[test]
    fn fill_in_replaces_named_slots_only() {
        let value = |name: &str| (name == "count").then(|| "3".to_string());
        assert_eq!(fill_in("{count} results", value), Ok("3 results".into()));
        assert_eq!(fill_in("a { b } {", value), Ok("a { b } {".into()));
        assert_eq!(fill_in("{title}", value), Err("title".into()));
    }
}
