//! `glossary.toml` at the site root: `[[terms]]` with `term` and `meaning`.
//!
//! Invariant: a term is listed once; a repeat is an error at the repeat.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::content::{Glossary, GlossaryTerm};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::source::FileId;
use crate::typed_toml::{TableKeys, TomlSource, parse_typed};

/// The JSON schema of `glossary.toml`.
pub fn glossary_schema() -> schemars::Schema {
    crate::typed_toml::toml_schema_for::<RawGlossary>()
}

#[derive(Deserialize, JsonSchema)]
struct RawGlossary {
    #[serde(default)]
    terms: Vec<RawTerm>,
}

#[derive(Deserialize, JsonSchema)]
struct RawTerm {
    #[schemars(with = "String")]
    term: Spanned<String>,
    meaning: String,
}

pub fn parse_glossary(
    file: FileId,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Glossary> {
    let raw: RawGlossary = parse_typed(
        TomlSource {
            file,
            text,
            offset: 0,
        },
        &TableKeys::of::<RawGlossary>(),
        diagnostics,
    )?;
    let mut terms: Vec<GlossaryTerm> = Vec::new();
    for entry in raw.terms {
        let term = entry.term.get_ref().trim().to_string();
        if terms.iter().any(|known| known.term == term) {
            diagnostics.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    Span::new(file, entry.term.span()),
                    format!("'{term}' is in the glossary twice"),
                )
                .with_help("keep one entry for each term"),
            );
            continue;
        }
        terms.push(GlossaryTerm {
            term,
            meaning: entry.meaning,
        });
    }
    Some(Glossary { terms })
}
