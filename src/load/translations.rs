//! Which content files are translations: `about.cy.md` beside `about.md`
//! is the Welsh version of `/about/`, published at `/cy/about/`, when
//! site.toml declares `cy` (Zola's convention; `_index.cy.md` for a
//! section, `index.cy.md` in a page bundle).
//!
//! A translation gives the words a reader sees (title, summary, body) and
//! may give its own `slug`; every fact (a resource's file and audiences, a
//! video's captions, a news item's date, a chapter's place) is its
//! original's, so the versions cannot drift apart.
//!
//! Invariant: a file whose name ends in a language tag the site does not
//! declare is refused with the nearest declared code, never published as
//! a page of its own; a translation's kind is its original's, with the
//! original's spans (checks of those facts report at the original only).

use toml::Spanned;

use crate::config::LanguageConfig;
use crate::content::{ContentPath, Page, UrlPath};
use crate::diagnostics::placeholder::{TextKind, find_placeholders};
use crate::diagnostics::{Code, Diagnostic, Span, suggest};
use crate::language::is_language_tag;
use crate::source::FileId;

use super::front_matter::{
    FrontMatterKeys, KeySet, classify, parse_front_matter, split_front_matter,
};
use super::pages::{needs_summary, placeholder_page};
use super::values::Checker;

/// What a content file is, by its name.
pub enum PageFile {
    /// A page in the site's own language.
    Own,
    /// A translation of `original` into the declared language `language`.
    Translation {
        original: ContentPath,
        language: String,
    },
    /// Refused (reported): a language the site does not declare.
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

/// A translation's file, to be read against its original.
pub struct Reading<'a> {
    pub file: FileId,
    pub content_path: ContentPath,
    /// The declared code it is in.
    pub language: String,
    pub keys: &'a FrontMatterKeys,
}

/// A translation as a page: its own title, summary, address and body, the
/// rest from `original`. `Err` holds the path of an original that has no
/// page: a stand-in is returned, and the cross checks report it.
pub fn load_translation(
    reading: Reading<'_>,
    text: &str,
    original: Result<&Page, ContentPath>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Page> {
    let original = match original {
        Ok(original) => original,
        Err(path) => return Some(stand_in(reading, path, text.len())),
    };
    let kind = classify(original.content_path.as_str());
    let split = match split_front_matter(reading.file, text) {
        Ok(split) => split,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return Some(stand_in(reading, original.content_path.clone(), text.len()));
        }
    };
    let key_set = KeySet {
        kind,
        translation: true,
    };
    let first_new = diagnostics.len();
    let front = parse_front_matter(
        reading.file,
        text,
        &split,
        key_set,
        reading.keys,
        diagnostics,
    );
    explain_repeated_facts(
        &mut diagnostics[first_new..],
        reading.keys,
        key_set,
        original,
    );
    let Some(front) = front else {
        return Some(stand_in(reading, original.content_path.clone(), text.len()));
    };
    if front.page.draft == Some(true) {
        return None;
    }
    diagnostics.extend(find_placeholders(
        reading.file,
        &text[split.toml.clone()],
        split.toml.start,
        TextKind::Toml,
    ));
    let mut checker = Checker {
        file: reading.file,
        diagnostics,
    };
    let title = checker.required(&front.page.title, "title").cloned();
    if needs_summary(kind) {
        checker.required(&front.page.summary, "summary");
    }
    let date = front.page.date.as_ref().and_then(|date| checker.date(date));
    let slug = front.slug.as_ref().and_then(|slug| checker.slug(slug));
    let address = match slug {
        Some(slug) => original.content_path.to_url(Some(slug)),
        None => original.url.clone(),
    };
    Some(Page {
        file: reading.file,
        url: in_language(&reading.language, &address),
        is_section: original.is_section,
        title: title.map_or_else(|| original.title.clone(), Spanned::into_inner),
        summary: front.page.summary.map(Spanned::into_inner),
        date: date.or(original.date),
        weight: front
            .page
            .weight
            .map(Spanned::into_inner)
            .or(original.weight),
        aliases: front.page.aliases,
        slug_span: front.slug.as_ref().map(Spanned::span),
        body_offset: split.body_offset,
        kind: original.kind.clone(),
        show_engagement: original.show_engagement.clone(),
        language: Some(reading.language),
        original: original.content_path.clone(),
        content_path: reading.content_path,
    })
}

/// `/about/` in Welsh: `/cy/about/`.
fn in_language(language: &str, address: &UrlPath) -> UrlPath {
    UrlPath::new(format!("/{language}{address}"))
}

/// A translation whose words could not be read, or whose original is
/// missing: it exists, so links to it add no noise, but it has no body.
fn stand_in(reading: Reading<'_>, original: ContentPath, text_len: usize) -> Page {
    let mut page = placeholder_page(reading.file, reading.content_path);
    page.url = in_language(&reading.language, &original.to_url(None));
    page.body_offset = text_len;
    page.language = Some(reading.language);
    page.original = original;
    page
}

/// A key its original's kind takes but a translation does not is a fact
/// repeated: say where the fact comes from instead of listing keys.
fn explain_repeated_facts(
    found: &mut [Diagnostic],
    keys: &FrontMatterKeys,
    key_set: KeySet,
    original: &Page,
) {
    let own_keys = keys.of(KeySet::own(key_set.kind));
    for diagnostic in found.iter_mut().filter(|d| d.code == Code::UnknownKey) {
        let repeated = own_keys
            .names()
            .find(|name| diagnostic.message == format!("unknown key '{name}'"));
        if let Some(name) = repeated {
            diagnostic.help = Some(format!(
                "a translation gives only its words (title, summary, slug and the text); its {name} is content/{}'s: remove it here",
                original.content_path
            ));
        }
    }
}
