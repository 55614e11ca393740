//! Interface strings: the built-in tables (`i18n/en.toml`, `cy.toml`,
//! `pl.toml`, `ur.toml`, embedded), then the site's own `i18n/<code>.toml`
//! over them key by key.
//! A site file's keys are checked against the English table (a key it does
//! not have is a likely typo), and a site file without every English key is
//! one `missing-translation` warning at the file, listing them.
//!
//! Invariant: the built-in tables parse without a diagnostic and the Welsh,
//! Polish and Urdu ones have every English key (tested below).

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;

use include_dir::{Dir, include_dir};
use toml::de::{DeTable, DeValue};

use crate::diagnostics::{Code, Diagnostic, Span, suggest};
use crate::interface_strings::{
    FALLBACK_LANGUAGE, InterfaceStrings, Message, PLURAL_CATEGORIES, StringTable,
};
use crate::language::primary_subtag;
use crate::source::{FileId, SourceMap};
use crate::typed_toml::{TomlSource, nesting_too_deep};

static BUILT_IN_STRINGS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/i18n");

/// One `i18n/<code>.toml`: its language and its strings, each with the
/// span of its key.
struct TableFile {
    file: FileId,
    language: String,
    entries: Vec<(String, Range<usize>, Message)>,
}

pub fn load_interface_strings(
    root: &Path,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> InterfaceStrings {
    let mut tables = built_in_tables(sources, diagnostics);
    let site_files = read_site_tables(root, sources, diagnostics);
    for table_file in &site_files {
        let table = tables.entry(table_file.language.clone()).or_default();
        for (key, _, message) in &table_file.entries {
            table.insert(key.clone(), message.clone());
        }
    }
    let english: BTreeSet<&str> = tables
        .get(FALLBACK_LANGUAGE)
        .map(|table| table.keys().map(String::as_str).collect())
        .unwrap_or_default();
    for table_file in &site_files {
        if table_file.language == FALLBACK_LANGUAGE {
            continue;
        }
        report_unknown_keys(table_file, &english, diagnostics);
        let has = &tables[&table_file.language];
        let missing: Vec<&str> = english
            .iter()
            .copied()
            .filter(|key| !has.contains_key(*key))
            .collect();
        if !missing.is_empty() {
            diagnostics.push(missing_translation(table_file, &missing, sources));
        }
    }
    InterfaceStrings::new(tables)
}

/// The embedded tables, by language.
fn built_in_tables(
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, StringTable> {
    let mut tables = BTreeMap::new();
    for embedded in BUILT_IN_STRINGS.files() {
        let name = embedded.path().to_string_lossy().replace('\\', "/");
        let Some(code) = name.strip_suffix(".toml") else {
            continue;
        };
        let text = String::from_utf8_lossy(embedded.contents()).into_owned();
        let file = sources.add(format!("i18n/{name}"), text.clone());
        let parsed = parse_string_table(file, code, &text, diagnostics);
        let table = parsed
            .entries
            .into_iter()
            .map(|(key, _, message)| (key, message))
            .collect();
        tables.insert(parsed.language, table);
    }
    tables
}

fn read_site_tables(
    root: &Path,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<TableFile> {
    let folder = root.join("i18n");
    if !folder.is_dir() {
        return Vec::new();
    }
    let walk = super::walk::walk_folder(root, &folder);
    super::report_walk_problems(&walk, "i18n", sources, diagnostics);
    let mut files = Vec::new();
    for walked in walk.files {
        let Some(code) = walked.relative.strip_suffix(".toml") else {
            continue;
        };
        if code.contains('/') {
            continue;
        }
        let relative = format!("i18n/{}", walked.relative);
        if let Some(file) = super::read_source(&walked.absolute, &relative, sources, diagnostics) {
            let text = sources.file(file).text.clone();
            files.push(parse_string_table(file, code, &text, diagnostics));
        }
    }
    files
}

/// Reads one table: each key a string, or a table of plural forms by CLDR
/// category with `other` among them.
fn parse_string_table(
    file: FileId,
    code: &str,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> TableFile {
    let mut table_file = TableFile {
        file,
        language: primary_subtag(code),
        entries: Vec::new(),
    };
    let source = TomlSource {
        file,
        text,
        offset: 0,
    };
    if let Some(too_deep) = nesting_too_deep(source) {
        diagnostics.push(too_deep);
        return table_file;
    }
    let table = match DeTable::parse(text) {
        Ok(table) => table,
        Err(error) => {
            let span = error.span().unwrap_or(0..0);
            diagnostics.push(Diagnostic::error(
                Code::InvalidToml,
                Span::new(file, span),
                format!("invalid TOML: {}", error.message().trim()),
            ));
            return table_file;
        }
    };
    for (key, value) in table.get_ref() {
        let key_span = key.span();
        match message_from(
            file,
            (key.get_ref(), &key_span),
            value.get_ref(),
            diagnostics,
        ) {
            Some(message) => {
                table_file
                    .entries
                    .push((key.get_ref().to_string(), key_span, message));
            }
            None if !matches!(value.get_ref(), DeValue::Table(_)) => {
                diagnostics.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        Span::new(file, value.span()),
                        format!("the interface string '{}' is not text", key.get_ref()),
                    )
                    .with_help(
                        "write it in quotes, or as a table of plural forms: \
                         { one = \"{count} result\", other = \"{count} results\" }",
                    ),
                );
            }
            None => {}
        }
    }
    table_file
}

/// A string or a table of plural forms; `None` (reported, for a table)
/// for anything else.
fn message_from(
    file: FileId,
    (key, key_span): (&str, &Range<usize>),
    value: &DeValue<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Message> {
    match value {
        DeValue::String(text) => Some(Message::Text(text.to_string())),
        DeValue::Table(forms) => {
            let mut plural = BTreeMap::new();
            for (category, form) in forms {
                let known = PLURAL_CATEGORIES.contains(&category.get_ref().as_ref());
                match form.get_ref() {
                    DeValue::String(text) if known => {
                        plural.insert(category.get_ref().to_string(), text.to_string());
                    }
                    _ if !known => diagnostics.push(
                        Diagnostic::error(
                            Code::InvalidValue,
                            Span::new(file, category.span()),
                            format!(
                                "'{}' is not a CLDR plural category (in '{key}')",
                                category.get_ref()
                            ),
                        )
                        .with_help(
                            suggest::did_you_mean(category.get_ref(), PLURAL_CATEGORIES)
                                .unwrap_or_else(|| {
                                    "use zero, one, two, few, many or other".to_string()
                                }),
                        ),
                    ),
                    _ => diagnostics.push(Diagnostic::error(
                        Code::InvalidValue,
                        Span::new(file, form.span()),
                        format!("the '{}' form of '{key}' is not text", category.get_ref()),
                    )),
                }
            }
            if plural.contains_key("other") {
                Some(Message::Plural(plural))
            } else {
                diagnostics.push(
                    Diagnostic::error(
                        Code::MissingKey,
                        Span::new(file, key_span.clone()),
                        format!("the plural string '{key}' has no 'other' form"),
                    )
                    .with_help("add other = \"…\", the form for any count not listed"),
                );
                None
            }
        }
        _ => None,
    }
}

fn report_unknown_keys(
    table_file: &TableFile,
    english: &BTreeSet<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (key, span, _) in &table_file.entries {
        if english.contains(key.as_str()) {
            continue;
        }
        diagnostics.push(
            Diagnostic::warning(
                Code::UnknownKey,
                Span::new(table_file.file, span.clone()),
                format!("'{key}' is not an interface string of the English table"),
            )
            .with_help(
                suggest::did_you_mean(key, english.iter().copied()).unwrap_or_else(|| {
                    "a string of your own templates goes in i18n/en.toml first".to_string()
                }),
            ),
        );
    }
}

/// One warning at the top of the file, naming every missing key.
/// A language the site is written in (its own, or a declared one) with no
/// string table at all, built in or the site's: its pages show the English
/// words, which a reader of that language should not meet unannounced.
pub fn check_declared_languages(
    config: &crate::config::SiteConfig,
    strings: &InterfaceStrings,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let own = (
        config.language.as_str(),
        config.language_span.clone().unwrap_or(0..0),
    );
    let declared = config
        .languages
        .iter()
        .map(|language| (language.code(), language.code.span()));
    for (code, span) in std::iter::once(own).chain(declared) {
        let primary = primary_subtag(code);
        if !crate::language::is_language_tag(code) || strings.table(&primary).is_some() {
            continue;
        }
        diagnostics.push(
            Diagnostic::warning(
                Code::MissingTranslation,
                Span::new(config.file, span),
                format!("there are no interface strings in '{code}': its pages show the English words"),
            )
            .with_help(format!(
                "add i18n/{primary}.toml with a translation of every key of the English table (built in: en, cy, pl, ur)"
            )),
        );
    }
}

fn missing_translation(
    table_file: &TableFile,
    missing: &[&str],
    sources: &SourceMap,
) -> Diagnostic {
    let text = &sources.file(table_file.file).text;
    let first_line = text.find('\n').unwrap_or(text.len());
    let path = &sources.file(table_file.file).path;
    let count = missing.len();
    let strings = if count == 1 { "string" } else { "strings" };
    Diagnostic::warning(
        Code::MissingTranslation,
        Span::new(table_file.file, 0..first_line),
        format!(
            "{path} has no translation of {count} interface {strings} (English is shown): {}",
            missing.join(", ")
        ),
    )
    .with_help(format!(
        "translate them in {path}; `reportsite check --format json` lists them"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built_ins() -> (BTreeMap<String, StringTable>, Vec<Diagnostic>) {
        let mut sources = SourceMap::new();
        let mut diagnostics = Vec::new();
        let tables = built_in_tables(&mut sources, &mut diagnostics);
        (tables, diagnostics)
    }

    #[test]
    fn built_in_tables_parse_cleanly() {
        let (tables, diagnostics) = built_ins();
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        for code in ["en", "cy", "pl", "ur"] {
            assert!(tables.contains_key(code), "no built-in {code}.toml");
        }
    }

    #[test]
    fn built_in_welsh_has_every_english_key() {
        let (tables, _) = built_ins();
        let missing: Vec<&String> = tables["en"]
            .keys()
            .filter(|key| !tables["cy"].contains_key(*key))
            .collect();
        assert!(missing.is_empty(), "missing in cy.toml: {missing:?}");
        let extra: Vec<&String> = tables["cy"]
            .keys()
            .filter(|key| !tables["en"].contains_key(*key))
            .collect();
        assert!(extra.is_empty(), "not in en.toml: {extra:?}");
    }

    #[test]
    fn welsh_plurals_have_all_six_forms() {
        let (tables, _) = built_ins();
        for (key, message) in &tables["cy"] {
            if let Message::Plural(forms) = message {
                let categories: Vec<&str> = forms.keys().map(String::as_str).collect();
                assert_eq!(
                    categories,
                    ["few", "many", "one", "other", "two", "zero"],
                    "{key}"
                );
            }
        }
    }

    /// `code`'s built-in table has every key of the English one and no other.
    fn assert_same_keys_as_english(tables: &BTreeMap<String, StringTable>, code: &str) {
        let missing: Vec<&String> = tables["en"]
            .keys()
            .filter(|key| !tables[code].contains_key(*key))
            .collect();
        assert!(missing.is_empty(), "missing in {code}.toml: {missing:?}");
        let extra: Vec<&String> = tables[code]
            .keys()
            .filter(|key| !tables["en"].contains_key(*key))
            .collect();
        assert!(
            extra.is_empty(),
            "in {code}.toml, not in en.toml: {extra:?}"
        );
    }

    /// Every plural string of `code`'s built-in table gives exactly the
    /// categories the language's CLDR rules choose for whole counts, and
    /// `other` (the form for fractions, where no whole count takes it).
    fn assert_plurals_follow_cldr(tables: &BTreeMap<String, StringTable>, code: &str) {
        let mut expected: BTreeSet<&str> = (0..=1000)
            .map(|count| crate::interface_strings::plural_category(code, count))
            .collect();
        expected.insert("other");
        let mut plurals = 0;
        for (key, message) in &tables[code] {
            if let Message::Plural(forms) = message {
                plurals += 1;
                let categories: BTreeSet<&str> = forms.keys().map(String::as_str).collect();
                assert_eq!(categories, expected, "{code}.toml: {key}");
            }
        }
        assert!(plurals > 0, "{code}.toml has no plural strings");
    }

    #[test]
    fn built_in_polish_and_urdu_have_every_english_key() {
        let (tables, _) = built_ins();
        assert_same_keys_as_english(&tables, "pl");
        assert_same_keys_as_english(&tables, "ur");
    }

    #[test]
    fn polish_and_urdu_plurals_have_their_cldr_forms() {
        let (tables, _) = built_ins();
        assert_plurals_follow_cldr(&tables, "pl");
        assert_plurals_follow_cldr(&tables, "ur");
        // The rules as compiled: Polish one, few, many (and other for
        // fractions); Urdu one and other.
        let polish: BTreeSet<&str> = (0..=1000)
            .map(|count| crate::interface_strings::plural_category("pl", count))
            .collect();
        assert_eq!(polish, BTreeSet::from(["few", "many", "one"]));
        let urdu: BTreeSet<&str> = (0..=1000)
            .map(|count| crate::interface_strings::plural_category("ur", count))
            .collect();
        assert_eq!(urdu, BTreeSet::from(["one", "other"]));
    }

    #[test]
    fn a_plural_table_needs_other_and_known_categories() {
        let mut diagnostics = Vec::new();
        let mut sources = SourceMap::new();
        let text =
            "a = { one = \"x\" }\nb = { one = \"x\", other = \"y\", sevral = \"z\" }\nc = 3\n";
        let file = sources.add("i18n/xx.toml", text.to_string());
        let parsed = parse_string_table(file, "xx", text, &mut diagnostics);
        assert_eq!(parsed.entries.len(), 1);
        let codes: Vec<_> = diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["missing-key", "invalid-value", "invalid-value"]);
    }
}
