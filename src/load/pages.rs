//! Builds a typed `Page` from one file's front matter: required keys,
//! dates, vocabulary slugs, reporting years, and file references.
//!
//! Invariant: a page is returned whenever the file has a title-able shape,
//! even with errors, so links to it still resolve and one build reports
//! every problem.

use toml::Spanned;

use super::files::FileRefs;
use super::front_matter::{ContentKind, FrontMatter};
use super::pdf::PdfPages;
use super::values::Checker;
use crate::config::{SiteConfig, VocabularyKind};
use crate::content::{
    Alternative, CatalogueFields, Chapter, ContentPath, Date, Page, PageKind, Priority,
    PriorityStatus, Report, Resource, ResourceTarget, Video, VideoSource,
};
use crate::diagnostics::{Code, Diagnostic, Span, suggest};
use crate::source::FileId;

/// Everything `build_page` needs besides the front matter.
pub struct PageInput<'a> {
    pub file: FileId,
    pub content_path: ContentPath,
    pub kind: ContentKind,
    pub body_offset: usize,
    pub config: &'a SiteConfig,
    pub files: &'a FileRefs<'a>,
    pub build_date: Date,
}

/// Checks the front matter and builds the page, pushing every problem.
pub fn build_page(
    input: PageInput<'_>,
    front: FrontMatter,
    diagnostics: &mut Vec<Diagnostic>,
) -> Page {
    let mut checker = Checker {
        file: input.file,
        diagnostics,
    };
    let title = checker
        .required(&front.page.title, "title")
        .map(|title| title.get_ref().clone());
    if needs_summary(input.kind) {
        checker.required(&front.page.summary, "summary");
    }
    if input.kind == ContentKind::News {
        checker.required(&front.page.date, "date");
    }
    let date = front
        .page
        .date
        .as_ref()
        .and_then(|value| checker.date(value));
    let kind = build_kind(&input, &front, &mut checker);
    let slug = front
        .slug
        .as_ref()
        .and_then(|slug| checker.slug(slug))
        .map(|slug| slug.as_str());
    Page {
        file: input.file,
        url: input.content_path.to_url(slug),
        is_section: input.content_path.is_section_index(),
        title: title.unwrap_or_else(|| input.content_path.stem().to_string()),
        summary: front.page.summary.map(Spanned::into_inner),
        date,
        weight: front.page.weight.map(Spanned::into_inner),
        aliases: front.page.aliases,
        slug_span: front.slug.as_ref().map(Spanned::span),
        body_offset: input.body_offset,
        kind: kind.unwrap_or(PageKind::Plain),
        show_engagement: front
            .engagement
            .show_engagement
            .filter(|shown| *shown.get_ref())
            .map(|shown| shown.span()),
        language: None,
        original: input.content_path.clone(),
        content_path: input.content_path,
    }
}

/// The kinds whose cards show a summary, which they must therefore have.
pub fn needs_summary(kind: ContentKind) -> bool {
    matches!(
        kind,
        ContentKind::Priority
            | ContentKind::Resource
            | ContentKind::Video
            | ContentKind::News
            | ContentKind::Event
    )
}

/// A page standing in for a file whose front matter could not be read, so
/// links to it do not add noise to the real error.
pub fn placeholder_page(file: FileId, content_path: ContentPath) -> Page {
    Page {
        file,
        url: content_path.to_url(None),
        is_section: content_path.is_section_index(),
        title: content_path.stem().to_string(),
        summary: None,
        date: None,
        weight: None,
        aliases: Vec::new(),
        slug_span: None,
        body_offset: 0,
        kind: PageKind::Plain,
        show_engagement: None,
        language: None,
        original: content_path.clone(),
        content_path,
    }
}

fn build_kind(
    input: &PageInput<'_>,
    front: &FrontMatter,
    checker: &mut Checker<'_>,
) -> Option<PageKind> {
    match input.kind {
        ContentKind::ReportSection => build_report(front, checker).map(PageKind::Report),
        ContentKind::Chapter => {
            let weight = checker.required(&front.page.weight, "weight")?;
            Some(PageKind::Chapter(Chapter {
                weight: *weight.get_ref(),
                priorities: front.priorities.clone().unwrap_or_default(),
            }))
        }
        ContentKind::Priority => build_priority(front, checker).map(PageKind::Priority),
        ContentKind::Resource => build_resource(input, front, checker).map(PageKind::Resource),
        ContentKind::Video => build_video(input, front, checker).map(PageKind::Video),
        ContentKind::News => Some(PageKind::News(front.priorities.clone().unwrap_or_default())),
        ContentKind::Event => {
            super::events::build_event(&front.event, front.priorities.as_ref(), checker)
                .map(PageKind::Event)
        }
        ContentKind::Section | ContentKind::Plain => Some(PageKind::Plain),
    }
}

fn build_report(front: &FrontMatter, checker: &mut Checker<'_>) -> Option<Report> {
    let year = checker.required(&front.report.year, "year");
    let published = checker.required_date(&front.report.published, "published");
    let period_start = checker.required_date(&front.report.period_start, "period_start");
    let period_end = checker.required_date(&front.report.period_end, "period_end");
    let year = year?;
    checker.reporting_year(year);
    Some(Report {
        year: year.get_ref().clone(),
        published: published?,
        period_start: period_start?,
        period_end: period_end?,
    })
}

fn build_priority(front: &FrontMatter, checker: &mut Checker<'_>) -> Option<Priority> {
    let status = checker.required(&front.priority.status, "status");
    let years = checker.required(&front.priority.years, "years");
    let lead = checker.required(&front.priority.lead, "lead");
    let status = match status?.get_ref().as_str() {
        "current" => PriorityStatus::Current,
        "past" => PriorityStatus::Past,
        other => {
            let span = checker.span(status?.span());
            checker.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    span,
                    format!("'{other}' is not a priority status"),
                )
                .with_help("write status = \"current\" or status = \"past\""),
            );
            return None;
        }
    };
    let years = years?;
    for year in years.get_ref() {
        checker.reporting_year(year);
    }
    let impact = front
        .priority
        .impact
        .iter()
        .map(|entry| {
            let year = Spanned::new(entry.span(), entry.get_ref().year.clone());
            checker.reporting_year(&year);
            entry.get_ref().clone()
        })
        .collect();
    Some(Priority {
        status,
        years: plain_list(Some(years.get_ref())),
        lead: lead?.get_ref().clone(),
        impact,
    })
}

fn build_resource(
    input: &PageInput<'_>,
    front: &FrontMatter,
    checker: &mut Checker<'_>,
) -> Option<Resource> {
    let fields = build_catalogue_fields(input, front, checker);
    let target = match (&front.resource.file, &front.resource.url) {
        (Some(file), Some(url)) => {
            let second = if file.span().start > url.span().start {
                file.span()
            } else {
                url.span()
            };
            let span = checker.span(second);
            checker.push(
                Diagnostic::error(
                    Code::ConflictingKeys,
                    span,
                    "a resource has either `file` or `url`, not both",
                )
                .with_help(
                    "keep `file` for a document published here, or `url` for a page elsewhere",
                ),
            );
            None
        }
        (Some(file), None) => file_target(input, file, checker),
        (None, Some(url)) => url_target(url, checker),
        (None, None) => {
            let file = checker.file;
            checker.push(
                Diagnostic::error(Code::MissingKey, Span::file_start(file), "a resource needs `file` or `url`")
                    .with_help("add `file = \"leaflet.pdf\"` for a document beside the page, or `url = \"https://...\"` for a page elsewhere"),
            );
            None
        }
    };
    let pdf_pages = match (&target, &front.resource.file) {
        (Some(ResourceTarget::File(path)), Some(written)) => {
            pdf_pages(input, path, written, checker)
        }
        _ => None,
    };
    let alternatives = front
        .resource
        .alternatives
        .iter()
        .filter_map(|alternative| build_alternative(input, alternative, checker))
        .collect();
    Some(Resource {
        fields: fields?,
        target: target?,
        pdf_pages,
        alternatives,
        source: front.resource.source.clone(),
    })
}

/// A `file` beside the page (or under `static/`), as a published path.
fn file_target(
    input: &PageInput<'_>,
    file: &Spanned<String>,
    checker: &mut Checker<'_>,
) -> Option<ResourceTarget> {
    input
        .files
        .resolve(file, input.content_path.folder(), checker.diagnostics)
        .map(ResourceTarget::File)
}

/// A `url` of a page elsewhere, checked to be a whole web address.
fn url_target(url: &Spanned<String>, checker: &mut Checker<'_>) -> Option<ResourceTarget> {
    checker
        .web_url(url)
        .map(|address| ResourceTarget::Url(address, url.span()))
}

/// An alternative version: a file beside the page or a web address, and
/// maybe its language.
fn build_alternative(
    input: &PageInput<'_>,
    alternative: &super::front_matter::RawAlternative,
    checker: &mut Checker<'_>,
) -> Option<Alternative> {
    if let Some(language) = &alternative.language {
        checker.language(language);
    }
    let target = match (&alternative.file, &alternative.url) {
        (Some(file), None) => file_target(input, file, checker),
        (None, Some(url)) => url_target(url, checker),
        _ => {
            let file = checker.file;
            checker.push(
                Diagnostic::error(
                    Code::MissingKey,
                    Span::file_start(file),
                    format!(
                        "the alternative '{}' needs one of `file` or `url`",
                        alternative.label
                    ),
                )
                .with_help("give each [[alternatives]] entry a `file` beside the page or a `url`"),
            );
            None
        }
    }?;
    Some(Alternative {
        label: alternative.label.clone(),
        target,
        language: alternative.language.as_ref().map(|l| l.get_ref().clone()),
    })
}

/// The page count of a `.pdf` file; a file named `.pdf` that is not one is
/// a warning (its size is still shown).
fn pdf_pages(
    input: &PageInput<'_>,
    path: &crate::content::UrlPath,
    written: &Spanned<String>,
    checker: &mut Checker<'_>,
) -> Option<u32> {
    if !path.as_str().to_ascii_lowercase().ends_with(".pdf") {
        return None;
    }
    let asset = input
        .files
        .assets
        .get(path.as_str().trim_start_matches('/'))?;
    match super::pdf::count_pdf_pages(&asset.bytes) {
        PdfPages::Count(pages) => Some(pages),
        PdfPages::Unknown => None,
        PdfPages::NotAPdf => {
            let span = checker.span(written.span());
            checker.push(
                Diagnostic::warning(
                    Code::UnreadablePdf,
                    span,
                    format!("'{}' is not a readable PDF", written.get_ref()),
                )
                .with_help("export the document again as PDF, or give the file its real extension"),
            );
            None
        }
    }
}

fn build_video(
    input: &PageInput<'_>,
    front: &FrontMatter,
    checker: &mut Checker<'_>,
) -> Option<Video> {
    let fields = build_catalogue_fields(input, front, checker);
    let folder = input.content_path.folder();
    let provider = checker.required(&front.video.provider, "provider");
    let duration = checker.required(&front.video.duration, "duration");
    // Captions are required unless the page says why there are none.
    let captions = match (&front.video.captions, &front.video.no_captions) {
        (None, Some(_)) => None,
        (captions, _) => checker.required(captions, "captions"),
    };
    let source = provider.and_then(|provider| video_source(input, front, provider, checker));
    let needs_poster = matches!(
        source,
        Some(VideoSource::YouTube { .. } | VideoSource::Vimeo { .. })
    );
    let poster = match &front.video.poster {
        Some(poster) => input.files.resolve(poster, folder, checker.diagnostics),
        None if needs_poster => {
            checker.missing("poster");
            None
        }
        None => None,
    };
    let captions = match captions {
        Some(captions) => Some(input.files.resolve(captions, folder, checker.diagnostics)?),
        None => None,
    };
    let duration = duration.and_then(|duration| checker.duration(duration));
    Some(Video {
        fields: fields?,
        source: source?,
        duration: duration?,
        captions,
        no_captions: front
            .video
            .no_captions
            .as_ref()
            .map(|reason| reason.get_ref().clone()),
        poster_span: front
            .video
            .poster
            .as_ref()
            .map(|poster| Span::new(input.file, poster.span())),
        video_id_span: front
            .video
            .video_id
            .as_ref()
            .map(|video_id| Span::new(input.file, video_id.span())),
        poster,
    })
}

fn video_source(
    input: &PageInput<'_>,
    front: &FrontMatter,
    provider: &Spanned<String>,
    checker: &mut Checker<'_>,
) -> Option<VideoSource> {
    match provider.get_ref().as_str() {
        "youtube" | "vimeo" => {
            let id = checker.required(&front.video.video_id, "video_id")?;
            let id = checker.video_id(id)?;
            Some(if provider.get_ref() == "youtube" {
                VideoSource::YouTube { video_id: id }
            } else {
                VideoSource::Vimeo { video_id: id }
            })
        }
        "file" => {
            let src = checker.required(&front.video.src, "src")?;
            let src = input
                .files
                .resolve(src, input.content_path.folder(), checker.diagnostics)?;
            Some(VideoSource::File { src })
        }
        other => {
            let span = checker.span(provider.span());
            checker.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    span,
                    format!("'{other}' is not a video provider"),
                )
                .with_optional_help(
                    suggest::did_you_mean(other, ["youtube", "vimeo", "file"]).or_else(|| {
                        Some("write provider = \"youtube\", \"vimeo\" or \"file\"".into())
                    }),
                ),
            );
            None
        }
    }
}

fn build_catalogue_fields(
    input: &PageInput<'_>,
    front: &FrontMatter,
    checker: &mut Checker<'_>,
) -> Option<CatalogueFields> {
    let audiences = checker.required(&front.catalogue.audiences, "audiences");
    let topics = checker.required(&front.catalogue.topics, "topics");
    let format = checker.required(&front.catalogue.format, "format");
    let published = checker.required_date(&front.catalogue.published, "published");
    let review_by = checker.required_date(&front.catalogue.review_by, "review_by");
    let reviewed = front
        .catalogue
        .reviewed
        .as_ref()
        .and_then(|value| checker.date(value));
    let config = input.config;
    if let Some(audiences) = audiences {
        checker.vocabulary(config, VocabularyKind::Audience, audiences.get_ref());
    }
    if let Some(topics) = topics {
        checker.vocabulary(config, VocabularyKind::Topic, topics.get_ref());
    }
    if let Some(format) = format {
        checker.vocabulary(config, VocabularyKind::Format, std::slice::from_ref(format));
    }
    if let (Some(review_by), Some(span)) = (review_by, front.catalogue.review_by.as_ref()) {
        checker.review_date(review_by, span.span(), input.build_date);
    }
    if let Some(language) = &front.catalogue.language {
        checker.language(language);
    }
    let cost = front
        .catalogue
        .cost
        .as_ref()
        .and_then(|cost| checker.whole_pounds(cost));
    Some(CatalogueFields {
        audiences: plain_list(Some(audiences?.get_ref())),
        topics: plain_list(Some(topics?.get_ref())),
        priorities: front.priorities.clone().unwrap_or_default(),
        format: format?.get_ref().clone(),
        published: published?,
        review_by: review_by?,
        reviewed,
        language: front
            .catalogue
            .language
            .as_ref()
            .map(|l| l.get_ref().clone()),
        cost,
        cost_note: front.catalogue.cost_note.clone(),
    })
}

fn plain_list(values: Option<&[Spanned<String>]>) -> Vec<String> {
    values
        .unwrap_or_default()
        .iter()
        .map(|value| value.get_ref().clone())
        .collect()
}
