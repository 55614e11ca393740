//! Splits `+++` TOML front matter from the Markdown body and reads it into
//! `FrontMatter`, checking keys against the kind of content.
//!
//! Invariant: spans stay relative to the whole file (the TOML starts after
//! the opening `+++` line, the body after the closing one).

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Code, Diagnostic, Span};
use crate::source::FileId;
use crate::typed_toml::{KeySet, TomlSource, parse_typed};

/// Where the parts of a `.md` file are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitFile {
    pub toml: Range<usize>,
    pub body_offset: usize,
}

/// Every front-matter key any kind accepts; which are allowed where is
/// `schema_for`'s job.
#[derive(Debug, Default, Deserialize)]
pub struct FrontMatter {
    pub title: Option<Spanned<String>>,
    pub summary: Option<Spanned<String>>,
    pub date: Option<Spanned<toml::value::Datetime>>,
    pub draft: Option<bool>,
    pub slug: Option<Spanned<String>>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    pub weight: Option<Spanned<i64>>,
    pub year: Option<Spanned<String>>,
    pub published: Option<Spanned<toml::value::Datetime>>,
    pub period_start: Option<Spanned<toml::value::Datetime>>,
    pub period_end: Option<Spanned<toml::value::Datetime>>,
    pub priorities: Option<Vec<Spanned<String>>>,
    pub status: Option<Spanned<String>>,
    pub years: Option<Spanned<Vec<Spanned<String>>>>,
    pub lead: Option<Spanned<String>>,
    pub audiences: Option<Spanned<Vec<Spanned<String>>>>,
    pub topics: Option<Spanned<Vec<Spanned<String>>>>,
    pub format: Option<Spanned<String>>,
    pub file: Option<Spanned<String>>,
    pub url: Option<Spanned<String>>,
    pub review_by: Option<Spanned<toml::value::Datetime>>,
    pub reviewed: Option<Spanned<toml::value::Datetime>>,
    pub language: Option<Spanned<String>>,
    pub provider: Option<Spanned<String>>,
    pub video_id: Option<Spanned<String>>,
    pub src: Option<Spanned<String>>,
    pub duration: Option<Spanned<String>>,
    pub captions: Option<Spanned<String>>,
    pub poster: Option<Spanned<String>>,
    pub no_captions: Option<Spanned<String>>,
    #[serde(default)]
    pub impact: Vec<Spanned<crate::content::Impact>>,
    /// Other versions of a resource: easy read, translations.
    #[serde(default)]
    pub alternatives: Vec<RawAlternative>,
    /// Where a resource comes from: an `@/` page such as a learning review.
    pub source: Option<Spanned<String>>,
}

/// One `[[alternatives]]` entry as written.
#[derive(Debug, Deserialize)]
pub struct RawAlternative {
    pub label: String,
    pub file: Option<Spanned<String>>,
    pub url: Option<Spanned<String>>,
    pub language: Option<Spanned<String>>,
}

/// The kind of content a file is, from where it sits under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentKind {
    Section,
    ReportSection,
    Chapter,
    Priority,
    Resource,
    Video,
    News,
    Plain,
}

/// Classifies a content path (`reports/2024-25/finances.md` is a chapter).
pub fn classify(content_path: &str) -> ContentKind {
    let segments: Vec<&str> = content_path.split('/').collect();
    let is_index = segments.last() == Some(&"_index.md");
    match (segments.as_slice(), is_index) {
        (["reports", _, "_index.md"], _) => ContentKind::ReportSection,
        (_, true) => ContentKind::Section,
        (["reports", _, _], _) => ContentKind::Chapter,
        (["priorities", _], _) => ContentKind::Priority,
        (["resources", ..], _) => ContentKind::Resource,
        (["videos", ..], _) => ContentKind::Video,
        (["news", ..], _) => ContentKind::News,
        _ => ContentKind::Plain,
    }
}

/// Finds the `+++` fences. The opening fence must be line 1.
pub fn split_front_matter(file: FileId, text: &str) -> Result<SplitFile, Diagnostic> {
    let first_line_end = text.find('\n').map_or(text.len(), |index| index + 1);
    if text[..first_line_end].trim_end() != "+++" {
        // The first three characters (not bytes: the file may start with
        // an emoji), within the first line.
        let end = text
            .char_indices()
            .nth(3)
            .map_or(text.len(), |(index, _)| index)
            .min(first_line_end);
        return Err(Diagnostic::error(
            Code::MissingFrontMatter,
            Span::new(file, 0..end),
            "this file has no front matter",
        )
        .with_help(
            "start the file with a `+++` line, then `title = \"...\"`, then a closing `+++` line",
        ));
    }
    let mut line_start = first_line_end;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |index| line_start + index + 1);
        if text[line_start..line_end].trim_end() == "+++" {
            return Ok(SplitFile {
                toml: first_line_end..line_start,
                body_offset: line_end,
            });
        }
        line_start = line_end;
    }
    Err(Diagnostic::error(
        Code::UnclosedFrontMatter,
        Span::new(file, 0..3),
        "the front matter opened here is never closed",
    )
    .with_help("add a line holding only `+++` after the last front-matter key"))
}

/// Parses the front matter of one file, with the keys its kind allows.
pub fn parse_front_matter(
    file: FileId,
    text: &str,
    split: &SplitFile,
    kind: ContentKind,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<FrontMatter> {
    // The opening fence becomes blank space, so every span the TOML parser
    // and `Spanned` values give is already a byte offset in the whole file.
    let mut padded = " ".repeat(split.toml.start.saturating_sub(1));
    padded.push('\n');
    padded.push_str(&text[split.toml.clone()]);
    let source = TomlSource {
        file,
        text: &padded,
        offset: 0,
    };
    parse_typed(source, schema_for(kind), diagnostics)
}

// The keys each kind of content accepts (DESIGN.md's content table).
#[rustfmt::skip]
mod keys {
    use crate::typed_toml::KeySet;

    const fn keys(keys: &'static [&'static str]) -> KeySet {
        KeySet { keys, tables: &[] }
    }

    pub const SECTION: KeySet = keys(&["title", "summary", "draft", "date", "aliases", "weight"]);
    pub const REPORT: KeySet = keys(&[
        "title", "summary", "draft", "date", "aliases", "weight",
        "year", "published", "period_start", "period_end",
    ]);
    pub const PAGE: KeySet = keys(&["title", "summary", "date", "draft", "slug", "aliases", "weight"]);
    pub const NEWS: KeySet = keys(&[
        "title", "summary", "date", "draft", "slug", "aliases", "weight", "priorities",
    ]);
    pub const CHAPTER: KeySet = keys(&[
        "title", "summary", "date", "draft", "slug", "aliases", "weight", "priorities",
    ]);
    pub const PRIORITY: KeySet = KeySet {
        keys: &["title", "summary", "date", "draft", "slug", "aliases", "weight", "status", "years", "lead"],
        tables: &[("impact", &IMPACT)],
    };
    const IMPACT: KeySet = KeySet {
        keys: &["year", "did", "difference", "voice", "next", "little_progress"],
        tables: &[("figures", &keys(&["label", "value"]))],
    };
    pub const RESOURCE: KeySet = KeySet {
        keys: &[
            "title", "summary", "date", "draft", "slug", "aliases", "weight",
            "audiences", "topics", "priorities", "format", "file", "url",
            "published", "review_by", "reviewed", "language", "source",
        ],
        tables: &[("alternatives", &keys(&["label", "file", "url", "language"]))],
    };
    pub const VIDEO: KeySet = keys(&[
        "title", "summary", "date", "draft", "slug", "aliases", "weight",
        "audiences", "topics", "priorities", "format",
        "published", "review_by", "reviewed", "language",
        "provider", "video_id", "src", "duration", "captions", "poster", "no_captions",
    ]);
}

fn schema_for(kind: ContentKind) -> &'static KeySet {
    match kind {
        ContentKind::Section => &keys::SECTION,
        ContentKind::ReportSection => &keys::REPORT,
        ContentKind::Chapter => &keys::CHAPTER,
        ContentKind::Priority => &keys::PRIORITY,
        ContentKind::Resource => &keys::RESOURCE,
        ContentKind::Video => &keys::VIDEO,
        ContentKind::News => &keys::NEWS,
        ContentKind::Plain => &keys::PAGE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    fn split(text: &str) -> Result<SplitFile, Code> {
        let mut sources = SourceMap::new();
        let file = sources.add("a.md", text.to_string());
        split_front_matter(file, text).map_err(|d| d.code)
    }

    #[test]
    fn splits_fences() {
        let text = "+++\ntitle = \"x\"\n+++\nBody\n";
        assert_eq!(
            split(text),
            Ok(SplitFile {
                toml: 4..16,
                body_offset: 20
            })
        );
    }

    #[test]
    fn reports_missing_and_unclosed() {
        assert_eq!(split(""), Err(Code::MissingFrontMatter));
        assert_eq!(split("# Hello"), Err(Code::MissingFrontMatter));
        assert_eq!(
            split("+++\ntitle = \"x\"\n"),
            Err(Code::UnclosedFrontMatter)
        );
    }

    #[test]
    fn classifies_content() {
        assert_eq!(
            classify("reports/2024-25/_index.md"),
            ContentKind::ReportSection
        );
        assert_eq!(
            classify("reports/2024-25/finances.md"),
            ContentKind::Chapter
        );
        assert_eq!(classify("reports/_index.md"), ContentKind::Section);
        assert_eq!(classify("resources/icon/index.md"), ContentKind::Resource);
        assert_eq!(classify("about.md"), ContentKind::Plain);
    }
}
