//! `[[languages]]` in `site.toml`: the languages a site is published in
//! besides its own (`language`), each with its name in itself, which way
//! it is written, and its own title, description, contact details and
//! navigation where they differ (missing ones fall back to the site's).
//!
//! Invariant: after `check_languages`, every code is a BCP 47 tag, none is
//! the site's own language or another's, and every name is written.

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use super::{Contact, NavItem};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::language::{TextDirection, is_language_tag, primary_subtag};
use crate::source::FileId;

/// One `[[languages]]` table.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct LanguageConfig {
    /// BCP 47 (`cy`, `pl`, `ur`); also the URL prefix (`/cy/`).
    #[schemars(with = "String")]
    pub code: Spanned<String>,
    /// The language's name in itself (`Cymraeg`), for the switcher.
    pub name: String,
    /// Which way it is written; worked out from the script when left out.
    pub dir: Option<TextDirection>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub contact: Option<Contact>,
    #[serde(default)]
    pub nav: Vec<NavItem>,
}

impl LanguageConfig {
    pub fn code(&self) -> &str {
        self.code.get_ref()
    }

    /// The direction written in `site.toml`, or the script's.
    pub fn direction(&self) -> TextDirection {
        self.dir.unwrap_or_else(|| TextDirection::of(self.code()))
    }
}

/// Reports a code that is not a language tag, the site's own language
/// declared again, a language declared twice, and a name left empty.
pub(super) fn check_languages(
    file: FileId,
    site_language: &str,
    languages: &[LanguageConfig],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<String, &str> = HashMap::new();
    for language in languages {
        let code = language.code();
        let span = Span::new(file, language.code.span());
        let problem = if !is_language_tag(code) {
            Some((
                format!("'{code}' is not a language tag"),
                "write a BCP 47 language tag such as \"cy\", \"pl\" or \"ur\"".to_string(),
            ))
        } else if primary_subtag(code) == primary_subtag(site_language) {
            Some((
                format!("'{code}' is the site's own language ('{site_language}')"),
                "the site's own language is `language` at the top of site.toml; [[languages]] lists the others".to_string(),
            ))
        } else if let Some(first) = seen.insert(primary_subtag(code), code) {
            Some((
                format!("the language '{code}' is declared twice (first as '{first}')"),
                "declare each language once".to_string(),
            ))
        } else if language.name.trim().is_empty() {
            Some((
                format!("the language '{code}' has no name"),
                "write the language's name in itself, such as name = \"Cymraeg\"".to_string(),
            ))
        } else {
            None
        };
        if let Some((message, help)) = problem {
            diagnostics.push(Diagnostic::error(Code::InvalidValue, span, message).with_help(help));
        }
    }
}

/// A vocabulary label in a language the site does not declare is never
/// shown: most likely a mistyped code.
pub(super) fn check_labels(
    config: &super::SiteConfig,
    term: &super::VocabularyTerm,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let declared = || config.languages.iter().map(LanguageConfig::code);
    for (code, _) in &term.labels {
        if declared().any(|known| known.eq_ignore_ascii_case(code.get_ref())) {
            continue;
        }
        let help = crate::diagnostics::suggest::did_you_mean(code.get_ref(), declared())
            .unwrap_or_else(|| {
                let declared: Vec<&str> = declared().collect();
                format!(
                    "labels are for the languages in [[languages]] ({}); correct the code, or declare '{}' there",
                    declared.join(", "),
                    code.get_ref()
                )
            });
        // Nothing breaks (the label is never shown), so a warning: a site
        // may leave labels in while a language is being prepared.
        diagnostics.push(
            Diagnostic::warning(
                Code::UndeclaredLanguage,
                Span::new(config.file, code.span()),
                format!(
                    "the label of '{}' is in '{}', which site.toml does not declare",
                    term.slug,
                    code.get_ref()
                ),
            )
            .with_help(help),
        );
    }
}
