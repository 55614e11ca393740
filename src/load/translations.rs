//! Which content files are translations: `about.cy.md` beside `about.md`
//! is the Welsh version of `/about/`, published at `/cy/about/`, when
//! site.toml declares `cy` (Zola's convention; `_index.cy.md` for a
//! section, `index.cy.md` in a page bundle).
//!
//! Invariant: a file whose name ends in a language tag the site does not
//! declare is refused with the nearest declared code, never published as
//! a page of its own; only plain pages and sections may be translated for
//! now (catalogue entries, priorities, reports and news need their own
//! listings per language first).

use crate::config::LanguageConfig;
use crate::content::ContentPath;
use crate::diagnostics::{Code, Diagnostic, Span, suggest};
use crate::language::is_language_tag;
use crate::source::FileId;

use super::front_matter::{ContentKind, classify};

/// What a content file is, by its name.
pub enum PageFile {
    /// A page in the site's own language.
    Own,
    /// A translation of `original` into the declared language `language`.
    Translation {
        original: ContentPath,
        language: String,
    },
    /// Refused (reported): an undeclared language, or a kind that cannot
    /// be translated yet.
    Refused,
}

/// Reads a content file's name against the declared languages.
pub fn page_file(
    file: FileId,
    path: &ContentPath,
    languages: &[LanguageConfig],
    diagnostics: &mut Vec<Diagnostic>,
) -> PageFile {
    let Some((original, suffix)) = path.language_suffix() else {
        return PageFile::Own;
    };
    let declared = languages
        .iter()
        .find(|language| language.code().eq_ignore_ascii_case(suffix));
    let Some(declared) = declared else {
        if !looks_like_language(suffix) {
            return PageFile::Own;
        }
        diagnostics.push(undeclared(file, path, suffix, languages));
        return PageFile::Refused;
    };
    let kind = classify(original.as_str());
    let translatable = matches!(kind, ContentKind::Plain | ContentKind::Section)
        && !is_catalogue_section(&original);
    if !translatable {
        diagnostics.push(
            Diagnostic::error(
                Code::TranslationNotSupported,
                Span::file_start(file),
                format!("content/{path} translates a {} page, which cannot be translated yet", kind_name(kind)),
            )
            .with_help("for now translate plain pages and sections; give a resource in another language `language = \"...\"`, or a version in one under [[alternatives]]"),
        );
        return PageFile::Refused;
    }
    PageFile::Translation {
        original,
        language: declared.code().to_string(),
    }
}

/// A suffix read as a language: a BCP 47 tag whose language is two or
/// three letters (`cy`, `pl`, `pa-Guru`), not any word after a dot.
fn looks_like_language(suffix: &str) -> bool {
    let primary = suffix.split('-').next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && is_language_tag(suffix)
}

fn undeclared(
    file: FileId,
    path: &ContentPath,
    suffix: &str,
    languages: &[LanguageConfig],
) -> Diagnostic {
    let help = suggest::did_you_mean(suffix, languages.iter().map(LanguageConfig::code))
        .unwrap_or_else(|| {
            format!(
                "declare it in site.toml ([[languages]] with code = \"{suffix}\" and its name), or rename the file without the '.{suffix}'"
            )
        });
    Diagnostic::error(
        Code::UndeclaredLanguage,
        Span::file_start(file),
        format!(
            "content/{path} is a translation into '{suffix}', which site.toml does not declare"
        ),
    )
    .with_help(help)
}

fn is_catalogue_section(original: &ContentPath) -> bool {
    matches!(
        original.as_str(),
        "resources/_index.md" | "videos/_index.md"
    )
}

fn kind_name(kind: ContentKind) -> &'static str {
    match kind {
        ContentKind::Section | ContentKind::Plain => "plain",
        ContentKind::ReportSection => "yearly report",
        ContentKind::Chapter => "report chapter",
        ContentKind::Priority => "priority",
        ContentKind::Resource => "resource",
        ContentKind::Video => "video",
        ContentKind::News => "news",
    }
}
