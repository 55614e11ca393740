//! Per-kind parts of a page's template context: breadcrumbs, listings,
//! report chapter navigation, priority pages, resource and video details.
//!
//! Invariant: listings are ordered deterministically (weight, then date
//! newest first, then title), whatever order pages were loaded in.

use super::context::{
    AlternativeContext, CardContext, CatalogueContext, ChapterLink, FinancesContext, LinkContext,
    PriorityContext, ReportContext, ResourceContext, SearchFilters, TaggedGroupContext,
    VideoContext, YearLink, YearOnYear, YearOnYearRow,
};
use crate::config::{SiteConfig, VocabularyKind, VocabularyTerm};
use crate::content::finances::format_pounds;
use crate::content::tagged::TaggedGroup;
use crate::content::{
    CatalogueFields, Page, PageId, PageKind, PriorityStatus, ResourceTarget, Site, VideoLength,
    VideoSource,
};
use crate::interface_strings::InterfaceStrings;
use crate::language::LanguageNames;

fn url_of(site: &Site, id: PageId) -> String {
    format!("{}{}", site.config.base_path(), site.page(id).url)
}

pub(super) fn link_to(site: &Site, id: PageId) -> LinkContext {
    LinkContext {
        label: site.page(id).title.clone(),
        url: url_of(site, id),
    }
}

/// Home › Section › … (the page itself is not included).
pub(super) fn breadcrumbs(site: &Site, id: PageId) -> Vec<LinkContext> {
    let mut trail = Vec::new();
    let mut current = site.parent_section(id);
    while let Some(section) = current {
        trail.push(link_to(site, section));
        current = site.parent_section(section);
    }
    trail.reverse();
    trail
}

pub fn card(site: &Site, id: PageId) -> CardContext {
    let page = site.page(id);
    CardContext {
        title: page.title.clone(),
        url: url_of(site, id),
        summary: page.summary.clone(),
        date: page.date.map(Into::into),
        kind: page.kind_name(),
        meta: card_meta(site, page),
        lang: None,
    }
}

/// A card shown on the page `viewer`: in another language than the
/// viewer's, it says which.
pub fn card_on(site: &Site, id: PageId, viewer: PageId) -> CardContext {
    let language = site.language_of(id);
    CardContext {
        lang: (language != site.language_of(viewer)).then(|| language.to_string()),
        ..card(site, id)
    }
}

/// The facts under a card's title, in the card's language.
fn card_meta(site: &Site, page: &Page) -> Vec<String> {
    let language = page.language.as_deref().unwrap_or(&site.config.language);
    match &page.kind {
        PageKind::Resource(resource) => {
            vec![
                term(
                    &site.config,
                    VocabularyKind::Format,
                    &resource.fields.format,
                )
                .label,
            ]
        }
        PageKind::Video(video) => vec![site.strings.text(
            language,
            "video_duration",
            &[(
                "duration",
                &spoken_length(&site.strings, language, video.duration),
            )],
        )],
        PageKind::Priority(priority) => {
            vec![
                site.strings
                    .text(language, status_key(priority.status), &[]),
            ]
        }
        PageKind::Report(report) => vec![site.strings.text(
            language,
            "published_on",
            &[(
                "date",
                &site.strings.long_date(
                    language,
                    report.published.year,
                    report.published.month,
                    report.published.day,
                ),
            )],
        )],
        _ => Vec::new(),
    }
}

/// The pages a section lists, in reading order: on a section whose list
/// is paged, those of page `number`.
pub fn children_cards(site: &Site, id: PageId, number: usize) -> Vec<CardContext> {
    if !site.page(id).is_section {
        return Vec::new();
    }
    let children = site.section_children(id);
    let shown = match site.page_list(id).filter(|_| site.lists_its_pages(id)) {
        Some(list) => list.slice(children, number),
        None => children,
    };
    shown
        .iter()
        .map(|&child| card_on(site, child, id))
        .collect()
}

/// For a report or one of its chapters: the chapter list and neighbours.
pub fn report_context(site: &Site, id: PageId) -> Option<ReportContext> {
    let page = site.page(id);
    let report_id = match page.kind {
        PageKind::Report(_) => id,
        PageKind::Chapter(_) => site.parent_section(id)?,
        _ => return None,
    };
    let report_page = site.page(report_id);
    let PageKind::Report(report) = &report_page.kind else {
        return None;
    };
    let chapters: Vec<PageId> = site
        .section_children(report_id)
        .iter()
        .copied()
        .filter(|&child| matches!(site.page(child).kind, PageKind::Chapter(_)))
        .collect();
    // Reading order: the report's summary page, then each chapter.
    let order: Vec<PageId> = std::iter::once(report_id)
        .chain(chapters.iter().copied())
        .collect();
    let position = order.iter().position(|&p| p == id)?;
    let listed = listed_chapters(chapters.len(), position, id == report_id);
    Some(ReportContext {
        year: report.year.clone(),
        title: report_page.title.clone(),
        url: url_of(site, report_id),
        published: report.published.into(),
        period_start: report.period_start.into(),
        period_end: report.period_end.into(),
        chapter_count: chapters.len(),
        first_listed: listed.start + 1,
        chapters_shortened: listed.len() < chapters.len(),
        chapters: chapters[listed]
            .iter()
            .map(|&chapter| ChapterLink {
                title: site.page(chapter).title.clone(),
                url: url_of(site, chapter),
                current: chapter == id,
            })
            .collect(),
        previous: position.checked_sub(1).map(|p| link_to(site, order[p])),
        next: order.get(position + 1).map(|&p| link_to(site, p)),
        is_index: id == report_id,
        engagement: report_engagement(site, id),
    })
}

/// How many resources and videos a report's engagement table lists.
const MOST_USED: usize = 10;

fn report_engagement(site: &Site, id: PageId) -> Option<super::context::ReportEngagement> {
    site.page(id).show_engagement.as_ref()?;
    let saved = site.engagement_for(id)?;
    let day = |text: &Option<String>| crate::content::Date::parse_iso(text.as_deref()?);
    let mut entries: Vec<&crate::content::engagement::Item> = saved
        .items
        .iter()
        .filter(|item| matches!(item.kind.as_str(), "resource" | "video"))
        .filter(|item| item.language == site.config.language && item.uses.uses() > 0)
        .collect();
    entries.sort_by(|a, b| {
        b.uses
            .uses()
            .cmp(&a.uses.uses())
            .then_with(|| a.url.cmp(&b.url))
    });
    Some(super::context::ReportEngagement {
        start: day(&saved.period.start)?.into(),
        end: day(&saved.period.end)?.into(),
        totals: saved.totals(),
        visitors: saved.period.visitors,
        most_used: entries
            .into_iter()
            .take(MOST_USED)
            .map(|item| super::context::UsedEntry {
                title: item.title.clone(),
                url: item.url.clone(),
                uses: item.uses,
            })
            .collect(),
    })
}

/// Chapter pages of a long report list only the chapters around them
/// (the report's own page lists all): a list of hundreds on every chapter
/// is no help on a phone, and would make the site grow with the square of
/// the chapters.
const CHAPTER_LIST_LIMIT: usize = 25;
const CHAPTERS_AROUND: usize = 5;

/// Which chapters (0-based, in order) a page of the report lists; the
/// report's page is `position` 0, its chapters 1 and on.
fn listed_chapters(count: usize, position: usize, is_index: bool) -> std::ops::Range<usize> {
    if is_index || count <= CHAPTER_LIST_LIMIT {
        return 0..count;
    }
    let current = position.saturating_sub(1);
    let start = current
        .saturating_sub(CHAPTERS_AROUND)
        .min(count - (2 * CHAPTERS_AROUND + 1));
    start..(start + 2 * CHAPTERS_AROUND + 1)
}

/// A priority page's context, with page `number` of what is tagged with
/// it (`tagged`: `Site::tagged_with`, found once for all its pages).
pub fn priority_context(
    site: &Site,
    id: PageId,
    tagged: &[(TaggedGroup, PageId)],
    number: usize,
) -> Option<PriorityContext> {
    let page = site.page(id);
    let PageKind::Priority(priority) = &page.kind else {
        return None;
    };
    let years = priority
        .years
        .iter()
        .map(|year| YearLink {
            year: year.clone(),
            url: site
                .page_by_path(&format!("reports/{year}/_index.md"))
                .map(|report| url_of(site, report)),
        })
        .collect();
    Some(PriorityContext {
        status: match priority.status {
            PriorityStatus::Current => "current",
            PriorityStatus::Past => "past",
        },
        status_label: site
            .strings
            .text(site.language_of(id), status_key(priority.status), &[]),
        lead: priority.lead.clone(),
        years,
        tagged_count: tagged.len(),
        impact: priority.impact.clone(),
        tagged: group_tagged(site, tagged, id, number),
    })
}

/// The groups of what is tagged (empty ones left out), each counting all
/// of its pages, with the cards of those on page `number` and a link to
/// where the group starts.
fn group_tagged(
    site: &Site,
    tagged: &[(TaggedGroup, PageId)],
    viewer: PageId,
    number: usize,
) -> Vec<TaggedGroupContext> {
    let language = site.language_of(viewer);
    let paging = site.paging(&site.page(viewer).url, tagged.len());
    let shown = paging.range(number);
    let base_path = site.config.base_path();
    TaggedGroup::ALL
        .into_iter()
        .filter_map(|group| {
            let first = tagged.iter().position(|(g, _)| *g == group)?;
            let (key, anchor) = group.key_and_anchor();
            let first_page = first / paging.per_page + 1;
            let items = tagged
                .iter()
                .enumerate()
                .filter(|(at, (g, _))| *g == group && shown.contains(at))
                .map(|(_, &(_, page))| card_on(site, page, viewer))
                .collect();
            let link = if first_page == number {
                format!("#{anchor}")
            } else {
                format!("{base_path}{}#{anchor}", paging.url(first_page))
            };
            Some(TaggedGroupContext {
                label: site.strings.text(language, key, &[]),
                id: anchor,
                count: tagged.iter().filter(|(g, _)| *g == group).count(),
                link,
                items,
            })
        })
        .collect()
}

/// The interface string naming a priority's status.
fn status_key(status: PriorityStatus) -> &'static str {
    match status {
        PriorityStatus::Current => "priority_status_current",
        PriorityStatus::Past => "priority_status_past",
    }
}

/// On the reports section page, when two or more yearly reports have
/// finances: income, spending, difference and reserves side by side.
pub fn finances_by_year(site: &Site, id: PageId) -> Option<YearOnYear> {
    if site.page(id).original.as_str() != "reports/_index.md" {
        return None;
    }
    let years: Vec<(&str, &crate::content::Finances)> = site
        .finances
        .iter()
        .map(|(folder, finances)| (folder.rsplit('/').next().unwrap_or(folder), finances))
        .collect();
    if years.len() < 2 {
        return None;
    }
    let language = site.language_of(id);
    let row =
        |key: &'static str, amount: fn(&crate::content::Finances) -> Option<i64>| YearOnYearRow {
            label: site.strings.text(language, key, &[]),
            amounts: years
                .iter()
                .map(|(_, f)| amount(f).map_or_else(|| "–".to_string(), format_pounds))
                .collect(),
        };
    Some(YearOnYear {
        years: years.iter().map(|(year, _)| (*year).to_string()).collect(),
        rows: vec![
            row("total_income", |f| Some(f.total_income)),
            row("total_spending", |f| Some(f.total_expenditure)),
            row("income_less_spending", |f| {
                f.comparable
                    .then(|| f.total_income.saturating_sub(f.total_expenditure))
            }),
            row("reserves_at_start", |f| {
                f.reserves.as_ref().and_then(|r| r.opening)
            }),
            row("reserves_at_end", |f| {
                f.reserves.as_ref().and_then(|r| r.closing)
            }),
        ]
        .into_iter()
        .filter(|row| row.amounts.iter().any(|amount| amount != "–"))
        .collect(),
    })
}

/// The quick-exit address, when the page is about a topic the site marks
/// as sensitive in `[quick_exit]`.
pub fn quick_exit(site: &Site, id: PageId) -> Option<String> {
    let config = site.config.quick_exit.as_ref()?;
    let fields = site.page(id).catalogue_fields()?;
    let sensitive = config
        .topics
        .iter()
        .any(|topic| fields.topics.contains(topic.get_ref()));
    sensitive.then(|| config.url.get_ref().clone())
}

/// Up to three other resources or videos that share the most topics (and
/// then priorities) with this one, newest first among equals.
/// On a translation: its original's, each in the translation's language
/// where it has a version in it.
pub fn related(site: &Site, id: PageId) -> Vec<CardContext> {
    let language = site.page(id).language.as_deref();
    let related = site.related.related_to(site, site.version_in(id, None));
    related
        .into_iter()
        .map(|other| card_on(site, site.version_in(other, language), id))
        .collect()
}

/// Links to the priority pages a page is tagged with.
pub fn priority_links(site: &Site, id: PageId) -> Vec<LinkContext> {
    site.page(id)
        .priority_tags()
        .iter()
        .filter_map(|tag| site.priority_by_stem(tag.get_ref()))
        .map(|priority| link_to(site, site.in_language_of(priority, id)))
        .collect()
}

fn term(config: &SiteConfig, kind: VocabularyKind, slug: &str) -> VocabularyTerm {
    config
        .vocabulary(kind)
        .iter()
        .find(|term| term.slug == slug)
        .cloned()
        .unwrap_or_else(|| VocabularyTerm {
            slug: slug.to_string(),
            label: slug.to_string(),
            labels: Vec::new(),
            slug_span: 0..0,
        })
}

fn catalogue_context(config: &SiteConfig, fields: &CatalogueFields) -> CatalogueContext {
    let terms =
        |kind, slugs: &[String]| slugs.iter().map(|slug| term(config, kind, slug)).collect();
    CatalogueContext {
        audiences: terms(VocabularyKind::Audience, &fields.audiences),
        topics: terms(VocabularyKind::Topic, &fields.topics),
        format: term(config, VocabularyKind::Format, &fields.format),
        published: fields.published.into(),
        review_by: fields.review_by.into(),
        reviewed: fields.reviewed.map(Into::into),
        language: fields.language.clone(),
    }
}

pub fn resource_context(site: &Site, id: PageId) -> Option<ResourceContext> {
    let PageKind::Resource(resource) = &site.page(id).kind else {
        return None;
    };
    // Links to other websites go through the page's own `go/` addresses,
    // so a click is counted before the reader leaves.
    let outbound = site.outbound_links(id);
    let through = |alternative: Option<usize>, href: String| {
        outbound
            .iter()
            .find(|link| link.alternative == alternative)
            .map_or(href, |link| {
                format!("{}{}", site.config.base_path(), link.from)
            })
    };
    let mut target = describe_target(site, &resource.target);
    target.href = through(None, target.href);
    let page_language = site.language_of(id);
    let document_language = resource
        .fields
        .language
        .clone()
        .unwrap_or_else(|| site.config.language.clone());
    let translated = site.page(id).is_translation();
    let target_lang = (translated
        && crate::language::primary_subtag(&document_language)
            != crate::language::primary_subtag(page_language))
    .then(|| document_language.clone());
    let target_marker = (target_lang.is_some() && document_language == site.config.language)
        .then(|| fallback_marker(site, page_language));
    let alternatives = resource
        .alternatives
        .iter()
        .enumerate()
        .map(|(at, alternative)| {
            let described = describe_target(site, &alternative.target);
            let detail = match (&described.file_type, &described.file_size, &described.host) {
                (Some(kind), Some(size), _) => format!("{kind}, {size}"),
                (_, _, Some(host)) => format!("on {host}"),
                _ => String::new(),
            };
            AlternativeContext {
                label: alternative.label.clone(),
                href: through(Some(at), described.href),
                language: alternative.language.clone(),
                language_name: alternative
                    .language
                    .as_deref()
                    .and_then(|tag| LanguageNames::of(tag).own),
                detail,
            }
        })
        .collect();
    let source = resource
        .source
        .as_ref()
        .and_then(|source| source.get_ref().strip_prefix("@/"))
        .and_then(|path| site.page_by_path(path))
        .map(|page| link_to(site, page));
    Some(ResourceContext {
        catalogue: catalogue_context(&site.config, &resource.fields),
        href: target.href,
        is_file: target.file_type.is_some(),
        file_type: target.file_type,
        file_size: target.file_size,
        file_pages: resource.pdf_pages.map(|pages| {
            site.strings
                .count_text(site.language_of(id), "file_pages", u64::from(pages), &[])
        }),
        host: target.host,
        alternatives,
        source,
        target_lang,
        target_marker,
    })
}

/// "(in English)" in `page_language`: what a link or document in the
/// site's own language says on a translated page.
pub fn fallback_marker(site: &Site, page_language: &str) -> String {
    let own = &site.config.language;
    match crate::language::primary_subtag(own).as_str() {
        "en" => site.strings.text(page_language, "link_in_english", &[]),
        _ => {
            let name = LanguageNames::of(own).own.unwrap_or_else(|| own.clone());
            site.strings
                .text(page_language, "link_in_language", &[("language", &name)])
        }
    }
}

/// How a file or web address is shown: its href, and for a file its type
/// and size, for a web address its host.
struct TargetDescription {
    href: String,
    file_type: Option<String>,
    file_size: Option<String>,
    host: Option<String>,
}

fn describe_target(site: &Site, target: &ResourceTarget) -> TargetDescription {
    match target {
        ResourceTarget::File(path) => TargetDescription {
            href: format!("{}{path}", site.config.base_path()),
            file_type: Some(
                path.as_str()
                    .rsplit_once('.')
                    .map_or_else(|| "File".to_string(), |(_, ext)| ext.to_uppercase()),
            ),
            file_size: site
                .assets
                .get(path.as_str().trim_start_matches('/'))
                .map(|asset| human_size(asset.bytes.len())),
            host: None,
        },
        ResourceTarget::Url(url, _) => TargetDescription {
            href: url.clone(),
            file_type: None,
            file_size: None,
            host: url.split_once("://").map(|(_, rest)| {
                rest.split('/')
                    .next()
                    .unwrap_or(rest)
                    .trim_start_matches("www.")
                    .to_string()
            }),
        },
    }
}

/// The Pagefind filters of a content page: its kind (on `<main>`), and a
/// resource's or video's format (audiences and topics are marked where
/// they are listed). One filter per attribute: Pagefind splits no lists.
pub fn search_filters(site: &Site, id: PageId) -> SearchFilters {
    let page = site.page(id);
    let kind = page.kind.label();
    let format = page.catalogue_fields().and_then(|fields| {
        site.config
            .formats
            .iter()
            .find(|term| term.slug == fields.format)
    });
    SearchFilters {
        kind: format!("kind:{kind}"),
        // A colon would end the filter's name early.
        format: format.map(|term| {
            let label = term.label_in(page.language.as_deref());
            format!("format:{}", label.replace(':', " "))
        }),
    }
}

pub fn video_context(
    site: &Site,
    id: PageId,
    images: &crate::images::ImageSet,
) -> Option<VideoContext> {
    let PageKind::Video(video) = &site.page(id).kind else {
        return None;
    };
    let base_path = site.config.base_path();
    let (provider, provider_label, watch_url, embed_url, src_url) = match &video.source {
        VideoSource::YouTube { video_id } => (
            "youtube",
            "YouTube",
            video.source.watch_url(),
            Some(format!(
                "https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1"
            )),
            None,
        ),
        VideoSource::Vimeo { video_id } => (
            "vimeo",
            "Vimeo",
            video.source.watch_url(),
            Some(format!(
                "https://player.vimeo.com/video/{video_id}?autoplay=1&dnt=1"
            )),
            None,
        ),
        VideoSource::File { src } => (
            "file",
            "this website",
            None,
            None,
            Some(format!("{base_path}{src}")),
        ),
    };
    Some(VideoContext {
        catalogue: catalogue_context(&site.config, &video.fields),
        provider,
        provider_label,
        play_url: site
            .play_url(id)
            .map(|(play, _)| format!("{base_path}{play}")),
        watch_url,
        embed_url,
        src_url,
        duration: spoken_length(&site.strings, site.language_of(id), video.duration),
        duration_iso: video.duration.iso_8601(),
        captions_url: video
            .captions
            .as_ref()
            .map(|captions| format!("{base_path}{captions}")),
        no_captions: video.no_captions.clone(),
        poster_url: video
            .poster
            .as_ref()
            .map(|poster| format!("{base_path}{poster}")),
        poster_image: video
            .poster
            .as_ref()
            .and_then(|poster| images.get(poster.as_str().trim_start_matches('/')))
            .map(|image| super::pictures::picture_context(image, base_path)),
    })
}

/// The report's finances on its `finances.md` chapter, or on the report's
/// own page when it has no such chapter.
pub fn finances_context(site: &Site, id: PageId) -> Option<FinancesContext> {
    let page = site.page(id);
    let folder = page.original.folder();
    let finances = site.finances.get(folder)?;
    let shows_here = match page.kind {
        PageKind::Chapter(_) => page.original.file_name() == "finances.md",
        PageKind::Report(_) => site
            .page_by_path(&format!("{folder}/finances.md"))
            .is_none(),
        _ => false,
    };
    shows_here.then(|| FinancesContext::new(finances, &site.strings, site.language_of(id)))
}

/// "4 minutes 5 seconds" for 4:05, in `language`; a zero part is left
/// out (but a length of nothing is "0 seconds").
fn spoken_length(strings: &InterfaceStrings, language: &str, length: VideoLength) -> String {
    let (hours, minutes, seconds) = length.parts();
    let mut spoken = Vec::new();
    for (count, key) in [(hours, "duration_hours"), (minutes, "duration_minutes")] {
        if count > 0 {
            spoken.push(strings.count_text(language, key, count, &[]));
        }
    }
    if seconds > 0 || spoken.is_empty() {
        spoken.push(strings.count_text(language, "duration_seconds", seconds, &[]));
    }
    spoken.join(" ")
}

fn human_size(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_reports_list_the_chapters_around_the_page() {
        assert_eq!(listed_chapters(10, 4, false), 0..10, "short: all");
        assert_eq!(listed_chapters(100, 0, true), 0..100, "report page: all");
        assert_eq!(listed_chapters(100, 1, false), 0..11, "first chapter");
        assert_eq!(listed_chapters(100, 50, false), 44..55, "centred on 49");
        assert_eq!(listed_chapters(100, 100, false), 89..100, "last chapter");
    }

    #[test]
    fn sizes_are_readable() {
        assert_eq!(human_size(500), "500 bytes");
        assert_eq!(human_size(2048), "2 KB");
    }
}
