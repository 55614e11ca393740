//! Diagnostics for content authors: plain data built where a problem is
//! found, rendered at the edges (`human`, `json`).
//!
//! Invariant: phases never print; they return `Diagnostic`s. Every code is
//! kebab-case, stable, and listed in the README's codes table.

pub mod html;
pub mod human;
pub mod json;
pub mod placeholder;
pub mod suggest;

use std::borrow::Cow;
use std::ops::Range;

use crate::source::{FileId, SourceMap};

/// A stable identifier for one rule. Printed in kebab-case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    MissingSiteToml,
    NoContent,
    FileNotInSite,
    UndeclaredLanguage,
    Placeholder,
    TranslationWithoutOriginal,
    NotUtf8,
    ReadFailed,
    MissingFrontMatter,
    UnclosedFrontMatter,
    InvalidToml,
    InvalidValue,
    MissingKey,
    ConflictingKeys,
    UnknownKey,
    UnknownAudience,
    UnknownTopic,
    UnknownFormat,
    UnknownPriority,
    BrokenLink,
    MissingAnchor,
    PlaceholderLink,
    DuplicateUrl,
    DuplicateId,
    RedirectChain,
    ExternalLinkBroken,
    VideoUnavailable,
    ExternalLinkMoved,
    RedirectLoop,
    PathOutsideSite,
    MissingFile,
    MissingAlt,
    ImageUnreadable,
    ImageTooLarge,
    InvalidCaptions,
    UnreadablePdf,
    HeadingOrder,
    RawHtmlOmitted,
    VagueLinkText,
    EmptyLinkText,
    TableWithoutHeaders,
    FrameWithoutTitle,
    ReviewOverdue,
    EngagementMissing,
    InvalidAmount,
    FinancesDoNotAddUp,
    DataFileUnused,
    StatementOutOfDate,
    TemplateSyntax,
    TemplateError,
    SearchIndexFailed,
    MissingTranslation,
    UnknownComponent,
    ComponentArgument,
    ComponentPlacement,
    ComponentSyntax,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::MissingSiteToml => "missing-site-toml",
            Code::NoContent => "no-content",
            Code::FileNotInSite => "file-not-in-site",
            Code::UndeclaredLanguage => "undeclared-language",
            Code::Placeholder => "placeholder",
            Code::TranslationWithoutOriginal => "translation-without-original",
            Code::NotUtf8 => "not-utf8",
            Code::ReadFailed => "read-failed",
            Code::MissingFrontMatter => "missing-front-matter",
            Code::UnclosedFrontMatter => "unclosed-front-matter",
            Code::InvalidToml => "invalid-toml",
            Code::InvalidValue => "invalid-value",
            Code::MissingKey => "missing-key",
            Code::ConflictingKeys => "conflicting-keys",
            Code::UnknownKey => "unknown-key",
            Code::UnknownAudience => "unknown-audience",
            Code::UnknownTopic => "unknown-topic",
            Code::UnknownFormat => "unknown-format",
            Code::UnknownPriority => "unknown-priority",
            Code::BrokenLink => "broken-link",
            Code::MissingAnchor => "missing-anchor",
            Code::PlaceholderLink => "placeholder-link",
            Code::DuplicateUrl => "duplicate-url",
            Code::DuplicateId => "duplicate-id",
            Code::RedirectChain => "redirect-chain",
            Code::ExternalLinkBroken => "external-link-broken",
            Code::VideoUnavailable => "video-unavailable",
            Code::ExternalLinkMoved => "external-link-moved",
            Code::RedirectLoop => "redirect-loop",
            Code::PathOutsideSite => "path-outside-site",
            Code::MissingFile => "missing-file",
            Code::MissingAlt => "missing-alt",
            Code::ImageUnreadable => "image-unreadable",
            Code::ImageTooLarge => "image-too-large",
            Code::InvalidCaptions => "invalid-captions",
            Code::UnreadablePdf => "unreadable-pdf",
            Code::HeadingOrder => "heading-order",
            Code::RawHtmlOmitted => "raw-html-omitted",
            Code::VagueLinkText => "vague-link-text",
            Code::EmptyLinkText => "empty-link-text",
            Code::TableWithoutHeaders => "table-without-headers",
            Code::FrameWithoutTitle => "frame-without-title",
            Code::ReviewOverdue => "review-overdue",
            Code::EngagementMissing => "engagement-missing",
            Code::InvalidAmount => "invalid-amount",
            Code::FinancesDoNotAddUp => "finances-do-not-add-up",
            Code::DataFileUnused => "data-file-unused",
            Code::StatementOutOfDate => "statement-out-of-date",
            Code::TemplateSyntax => "template-syntax",
            Code::TemplateError => "template-error",
            Code::SearchIndexFailed => "search-index-failed",
            Code::MissingTranslation => "missing-translation",
            Code::UnknownComponent => "unknown-component",
            Code::ComponentArgument => "component-argument",
            Code::ComponentPlacement => "component-placement",
            Code::ComponentSyntax => "component-syntax",
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(self.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A byte range in one file as read (front matter included).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub file: FileId,
    pub range: Range<usize>,
}

impl Span {
    pub fn new(file: FileId, range: Range<usize>) -> Self {
        Self { file, range }
    }

    /// The start of a file: where whole-file problems are reported.
    pub fn file_start(file: FileId) -> Self {
        Self { file, range: 0..0 }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// `None` only for problems with no file to point at (no `site.toml`).
    pub span: Option<Span>,
    pub label: Option<String>,
    pub help: Option<String>,
    /// The page a template was rendering when the problem appeared, shown
    /// after the message (`text`); boxed, as few diagnostics have one.
    pub rendering: Option<Box<RenderingPages>>,
}

/// The pages a template problem was found on: the first, and how many
/// others had the same problem at the same place (`merge_repeats`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderingPages {
    pub first: String,
    pub others: usize,
}

impl Diagnostic {
    pub fn error(code: Code, span: Span, message: impl Into<String>) -> Self {
        Self {
            code,
            severity: Severity::Error,
            message: message.into(),
            span: Some(span),
            label: None,
            help: None,
            rendering: None,
        }
    }

    pub fn warning(code: Code, span: Span, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(code, span, message)
        }
    }

    /// An error that belongs to no file.
    pub fn global(code: Code, message: impl Into<String>) -> Self {
        Self {
            code,
            severity: Severity::Error,
            message: message.into(),
            span: None,
            label: None,
            help: None,
            rendering: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_optional_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Names the page (its label or URL) being rendered.
    pub fn while_rendering(mut self, page: impl Into<String>) -> Self {
        self.rendering = Some(Box::new(RenderingPages {
            first: page.into(),
            others: 0,
        }));
        self
    }

    /// The message as shown, with the pages being rendered, if any.
    pub fn text(&self) -> Cow<'_, str> {
        let Some(pages) = &self.rendering else {
            return Cow::Borrowed(&self.message);
        };
        let others = match pages.others {
            0 => String::new(),
            1 => " and 1 other page".to_string(),
            n => format!(" and {n} other pages"),
        };
        Cow::Owned(format!(
            "{} (while rendering {}{others})",
            self.message, pages.first
        ))
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts diagnostics by file path, then position, then code, so output is
/// stable whatever order parallel phases produced them in.
pub fn sort_diagnostics(diagnostics: &mut [Diagnostic], sources: &SourceMap) {
    diagnostics.sort_by(|a, b| sort_key(a, sources).cmp(&sort_key(b, sources)));
}

/// One broken line in a shared template fails every page that uses it:
/// diagnostics that differ only in the page being rendered are reported
/// once, saying how many pages they stopped.
pub fn merge_repeats(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut merged: Vec<Diagnostic> = Vec::new();
    for diagnostic in diagnostics {
        let repeat = merged.iter_mut().find(|first| {
            first.span == diagnostic.span
                && first.code == diagnostic.code
                && first.message == diagnostic.message
        });
        match (repeat, diagnostic.rendering.as_ref()) {
            (Some(first), Some(pages)) => {
                if let Some(first_pages) = first.rendering.as_mut() {
                    first_pages.others += 1 + pages.others;
                }
            }
            (Some(_), None) => {}
            (None, _) => merged.push(diagnostic),
        }
    }
    merged
}

/// Turns warnings into errors (`--deny-warnings`).
pub fn deny_warnings(diagnostics: &mut [Diagnostic]) {
    for diagnostic in diagnostics {
        diagnostic.severity = Severity::Error;
    }
}

fn sort_key<'a>(
    diagnostic: &'a Diagnostic,
    sources: &'a SourceMap,
) -> (&'a str, usize, Code, Cow<'a, str>) {
    match &diagnostic.span {
        Some(span) => (
            sources.file(span.file).path.as_str(),
            span.range.start,
            diagnostic.code,
            diagnostic.text(),
        ),
        None => ("", 0, diagnostic.code, diagnostic.text()),
    }
}
