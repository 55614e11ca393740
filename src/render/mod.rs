//! The render phase: each page's Markdown to HTML, its template context, and
//! the page through its minijinja template, in parallel with rayon.
//!
//! Invariant: no disk access. Output is a sorted list of `RenderedFile`s, the
//! same whatever order the threads finished in.

mod catalogue;
mod charts;
pub mod cms_admin;
mod components;
pub mod context;
pub mod digest;
mod engagement;
mod events;
pub mod feeds;
mod generated;
mod glossary;
mod kinds;
pub mod markdown;
mod open_data;
pub mod paging;
mod pictures;
mod posters;
mod redirects;
mod reviews;
mod statements;
pub mod templates;

use rayon::prelude::*;

use crate::content::{PageId, PageKind, Site};
use crate::diagnostics::Diagnostic;
use crate::links::{PageOutline, PageRecord, ResolvedLinks, markdown_options};
use crate::source::SourceMap;
use context::{
    ContactContext, IconContext, LinkContext, NotFoundContext, PageContext, SiteContext, TocEntry,
    VersionContext,
};
use templates::Templates;

use crate::language::LanguageNames;

pub use crate::rendered::RenderedFile;

/// Everything the render phase reads.
pub struct RenderInput<'a> {
    pub site: &'a Site,
    /// Each page's outline and resolved links, by `PageId`.
    pub pages: &'a [PageRecord],
    /// `site.toml` links and redirects.
    pub links: &'a ResolvedLinks,
    /// Resized images, for `<picture>` and the renditions to write.
    pub images: &'a crate::images::ImageSet,
    pub templates: &'a Templates,
    pub sources: &'a SourceMap,
    /// Today (or `SOURCE_DATE_EPOCH`): what is due for review is judged by it.
    pub build_date: crate::content::Date,
}

/// Renders every page, the 404 page and copies every asset.
pub fn render_site(
    input: &RenderInput<'_>,
    site_contexts: &SiteContexts,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<RenderedFile> {
    let site_context = &site_contexts.own;
    let results: Vec<Result<RenderedFile, Diagnostic>> = input
        .site
        .page_ids()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|page| render_page(input, site_contexts, page))
        .collect();
    let (mut files, mut failures) = split_results(results);
    match render_not_found(input, site_context) {
        Ok(file) => files.push(file),
        Err(diagnostic) => failures.push(diagnostic),
    }
    let (redirect_files, redirect_failures) = redirects::render_redirects(
        &input.links.redirects,
        site_context,
        input.templates,
        input.sources,
    );
    files.extend(redirect_files);
    failures.extend(redirect_failures);
    let (listing_files, listing_failures) = catalogue::render_listings(input, site_contexts);
    files.extend(listing_files);
    failures.extend(listing_failures);
    let (poster_files, poster_failures) = posters::render_posters(input, site_contexts);
    files.extend(poster_files);
    failures.extend(poster_failures);
    files.extend(open_data::render_exports(input.site));
    files.extend(catalogue::render_entries_indexes(input.site));
    files.extend(events::render_calendars(input));
    files.extend(cms_admin::render_admin(input.site));
    files.extend(feeds::render_machine_files(
        input.site,
        input.pages,
        input.build_date,
    ));
    let (generated_files, generated_failures) =
        split_results(render_generated_pages(input, site_contexts));
    files.extend(generated_files);
    failures.extend(generated_failures);
    diagnostics.extend(crate::diagnostics::merge_repeats(failures));
    files.extend(input.site.assets.iter().map(|(path, asset)| RenderedFile {
        path: path.clone(),
        bytes: asset.bytes.clone(),
    }));
    files.extend(
        input
            .images
            .renditions()
            .filter(|r| !input.site.assets.contains_key(&r.path))
            .map(|rendition| RenderedFile {
                path: rendition.path.clone(),
                bytes: rendition.bytes.clone(),
            }),
    );
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The pages no content file has, but for the catalogues' listings and
/// the posters: the later pages of sections' lists, events' lists, the
/// open-data, editors', glossary, statement and search pages.
fn render_generated_pages(
    input: &RenderInput<'_>,
    site_contexts: &SiteContexts,
) -> Vec<Result<RenderedFile, Diagnostic>> {
    let site_context = &site_contexts.own;
    let single = [
        open_data::render_open_data_page(input, site_context),
        engagement::render_engagement_page(input, site_context),
        glossary::render_glossary_page(input, site_context),
        statements::render_accessibility_statement(input, site_context),
        statements::render_cookies_page(input, site_context),
    ];
    single
        .into_iter()
        .flatten()
        .chain(events::render_past_events_pages(input, site_contexts))
        .chain(events::render_event_filter_pages(input, site_contexts))
        .chain(render_later_section_pages(input, site_contexts))
        .chain(statements::render_search_pages(input, site_contexts))
        .chain(reviews::render_reviews_pages(input, site_context))
        .collect()
}

/// Renders one content page through its template.
pub fn render_page(
    input: &RenderInput<'_>,
    site_contexts: &SiteContexts,
    id: PageId,
) -> Result<RenderedFile, Diagnostic> {
    let site = input.site;
    let page = site.page(id);
    let site_context = site_contexts.for_page(page);
    let options = markdown_options(site.config.markdown.raw_html);
    let record = &input.pages[id.0];
    let terms = glossary_terms(site, site_context, id);
    let link_languages = link_languages(site, id, &record.links.languages);
    let components = components::render_components(input, site_context, id, record)?;
    let body = record
        .components
        .marked_body
        .as_deref()
        .unwrap_or_else(|| page.body(input.sources));
    let parts = markdown::BodyParts {
        outline: &record.outline,
        hrefs: &record.links.hrefs,
        languages: &link_languages,
        terms: terms.as_ref(),
        components: &components,
    };
    let content = markdown::render_markdown(body, &options, &parts);
    let content = pictures::rewrite_images(content, input.images, site.config.base_path());
    let mut page_context = page_context(site, id, &record.outline, content, input.images);
    page_context.event = events::event_context(site, id, input.build_date);
    let template = template_for(site, id);
    let catalogue = site
        .catalogue_of_section(id)
        .map(|catalogue| catalogue::section_context(site, catalogue));
    let pagination = site
        .page_list(id)
        .and_then(|list| paging::PaginationContext::of(&list, 1, site.config.base_path()));
    let is_home = page.original.as_str() == "_index.md";
    let language = page.language.as_deref();
    let audiences = is_home.then(|| catalogue::audience_links(site, language));
    let languages = is_home.then(|| match language {
        None => catalogue::language_links(site, None),
        Some(code) => catalogue::links_in_language(site, code),
    });
    let (lang, dir) = page_language(site, id);
    let context = minijinja::context! {
        site => site_context,
        page => page_context,
        catalogue => catalogue,
        audiences => audiences,
        languages => languages,
        lang => lang,
        dir => dir,
        in_own_language => language.is_none(),
        versions => versions(site, id),
        events => events::events_listing(site, id),
        pagination => pagination,
    };
    let label = format!("content/{}", page.content_path);
    let html = input
        .templates
        .render(template, context, &label, input.sources)?;
    Ok(RenderedFile {
        path: page.url.output_file(),
        bytes: html.into_bytes().into(),
    })
}

/// The pages after the first of each plain section's list (news) and
/// each priority's list of what is tagged with it: the page's heading and
/// that part of its list.
fn render_later_section_pages(
    input: &RenderInput<'_>,
    site_contexts: &SiteContexts,
) -> Vec<Result<RenderedFile, Diagnostic>> {
    let site = input.site;
    let base_path = site.config.base_path();
    let sections = site.page_ids().filter(|&id| {
        site.lists_its_pages(id) || matches!(site.page(id).kind, PageKind::Priority(_))
    });
    let mut rendered = Vec::new();
    for id in sections {
        let Some(list) = site.page_list(id) else {
            continue;
        };
        let page = site.page(id);
        let language = site.language_of(id);
        let tagged = site.tagged_with(id);
        for number in 2..=list.page_count() {
            let pagination = paging::PaginationContext::of(&list, number, base_path);
            let title = page.title.clone();
            let mut trail = kinds::breadcrumbs(site, id);
            trail.push(LinkContext {
                label: page.title.clone(),
                url: format!("{base_path}{}", page.url),
            });
            let generated = generated::GeneratedPage {
                url: list.url(number),
                title: paging::paged_title(&site.strings, language, title, pagination.as_ref()),
                summary: page.summary.clone(),
                kind: page.kind_name(),
                breadcrumbs: trail,
            };
            let (lang, dir) = page_language(site, id);
            rendered.push(generated.render_listing(
                input,
                site_contexts.for_page(page),
                template_for(site, id),
                &kinds::children_cards(site, id, number),
                minijinja::context! {
                    pagination => pagination,
                    lang => lang,
                    dir => dir,
                    priority => kinds::priority_context(site, id, &tagged, number),
                },
            ));
        }
    }
    rendered
}

/// How each link of a page that lands in another language is marked: a
/// translation's link that falls back to the site's own language says so
/// in words ("(in English)", in the page's language).
fn link_languages(
    site: &Site,
    id: PageId,
    languages: &[Option<String>],
) -> Vec<Option<markdown::LinkLanguage>> {
    let page_language = site.language_of(id);
    let marker = site
        .page(id)
        .is_translation()
        .then(|| kinds::fallback_marker(site, page_language));
    languages
        .iter()
        .map(|landing| {
            let hreflang = landing.clone()?;
            let falls_back = hreflang == site.config.language;
            Some(markdown::LinkLanguage {
                hreflang,
                marker: marker.clone().filter(|_| falls_back),
            })
        })
        .collect()
}

/// The glossary to annotate a page with: every page but the glossary's own.
fn glossary_terms<'s>(
    site: &'s Site,
    site_context: &SiteContext,
    id: PageId,
) -> Option<markdown::Terms<'s>> {
    let url = site_context.glossary_url.as_ref()?;
    let glossary = site.glossary.as_ref()?;
    let own = format!("{}{}", site.config.base_path(), site.page(id).url);
    (&own != url).then(|| markdown::Terms {
        glossary,
        url: url.clone(),
    })
}

fn render_not_found(
    input: &RenderInput<'_>,
    site_context: &SiteContext,
) -> Result<RenderedFile, Diagnostic> {
    let site = input.site;
    let page = NotFoundContext {
        title: site
            .strings
            .text(&site.config.language, "page_not_found", &[]),
        url: format!("{}/404.html", site_context.base_path),
        kind: "not-found",
    };
    let context = minijinja::context! { site => site_context, page => page };
    let html = input
        .templates
        .render("404.html", context, "the 404 page", input.sources)?;
    Ok(RenderedFile {
        path: "404.html".to_string(),
        bytes: html.into_bytes().into(),
    })
}

/// Files that rendered, and the diagnostics of those that did not, in order.
fn split_results(
    results: Vec<Result<RenderedFile, Diagnostic>>,
) -> (Vec<RenderedFile>, Vec<Diagnostic>) {
    let mut files = Vec::with_capacity(results.len());
    let mut failures = Vec::new();
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(diagnostic) => failures.push(diagnostic),
        }
    }
    (files, failures)
}

/// The page's language tag and which way it is written.
fn page_language(site: &Site, id: PageId) -> (String, &'static str) {
    let config = &site.config;
    let lang = site.language_of(id);
    let dir = match site.page(id).language.as_deref() {
        Some(code) => config
            .declared_language(code)
            .map_or(config.direction, |language| language.direction()),
        None => config.direction,
    };
    (lang.to_string(), dir.as_str())
}

/// Every version of a page in another language, for `hreflang` links and
/// the language switcher; empty when the page has no translation.
fn versions(site: &Site, id: PageId) -> Vec<VersionContext> {
    let versions = site.versions(id);
    if versions.len() < 2 {
        return Vec::new();
    }
    let base_path = site.config.base_path();
    versions
        .into_iter()
        .map(|version| {
            let lang = site.language_of(version).to_string();
            let page = site.page(version);
            let name = match page.language.as_deref() {
                Some(code) => site
                    .config
                    .declared_language(code)
                    .map_or_else(|| lang.clone(), |language| language.name.clone()),
                None => LanguageNames::of(&lang).own.unwrap_or_else(|| lang.clone()),
            };
            VersionContext {
                url: format!("{base_path}{}", page.url),
                permalink: format!("{}{}", site.config.base_url, page.url),
                current: version == id,
                lang,
                name,
            }
        })
        .collect()
}

/// Which template shows a page.
pub fn template_for(site: &Site, id: PageId) -> &'static str {
    let page = site.page(id);
    match &page.kind {
        _ if page.original.as_str() == "_index.md" => "home.html",
        PageKind::Report(_) | PageKind::Chapter(_) => "report.html",
        PageKind::Priority(_) => "priority.html",
        PageKind::Resource(_) => "resource.html",
        PageKind::Video(_) => "video.html",
        PageKind::Event(_) => "event.html",
        _ if page.is_section && site.is_events_section(id) => "events.html",
        _ if page.is_section && is_catalogue(page.original.as_str()) => "list.html",
        _ if page.is_section => "section.html",
        _ => "page.html",
    }
}

fn is_catalogue(content_path: &str) -> bool {
    content_path.starts_with("resources/") || content_path.starts_with("videos/")
}

/// What every template sees as `site`.
/// What every template sees as `site`: the site's own, and one per
/// declared language (its title, description, contact details and
/// navigation where site.toml gives them, else the site's).
pub struct SiteContexts {
    pub own: SiteContext,
    languages: Vec<(String, SiteContext)>,
}

impl SiteContexts {
    /// The `site` of a page in its language.
    pub fn for_page(&self, page: &crate::content::Page) -> &SiteContext {
        self.for_language(page.language.as_deref())
    }

    /// The `site` of `language` (`None`: the site's own).
    pub fn for_language(&self, language: Option<&str>) -> &SiteContext {
        language
            .and_then(|code| self.languages.iter().find(|(known, _)| known == code))
            .map_or(&self.own, |(_, context)| context)
    }
}

pub fn site_contexts(site: &Site, links: &ResolvedLinks) -> SiteContexts {
    let own = site_context(site, links);
    let languages = site
        .config
        .languages
        .iter()
        .zip(&links.languages)
        .map(|(language, language_links)| {
            (
                language.code().to_string(),
                language_site_context(&own, site, language, language_links),
            )
        })
        .collect();
    SiteContexts { own, languages }
}

/// The site's own context with a language's own words and links.
fn language_site_context(
    own: &SiteContext,
    site: &Site,
    language: &crate::config::LanguageConfig,
    links: &crate::links::LanguageLinks,
) -> SiteContext {
    let mut context = own.clone();
    context.language = language.code().to_string();
    context.dir = language.direction().as_str();
    if let Some(title) = &language.title {
        context.title.clone_from(title);
    }
    if language.description.is_some() {
        context.description.clone_from(&language.description);
    }
    let labels = match language.nav.is_empty() {
        true => &site.config.nav,
        false => &language.nav,
    };
    context.nav = nav_links(labels, &links.nav);
    context
        .contact
        .report_concern_url
        .clone_from(&links.report_concern);
    if let Some(contact) = &language.contact {
        if let Some(text) = &contact.report_concern_text {
            context.contact.report_concern_text.clone_from(text);
        }
        if contact.phone.is_some() {
            context.contact.phone.clone_from(&contact.phone);
            context.contact.phone_href = contact.phone.as_deref().map(phone_href);
        }
        if contact.email.is_some() {
            context.contact.email.clone_from(&contact.email);
        }
    }
    context.home_url = site
        .page_by_path(&format!("_index.{}.md", language.code()))
        .map_or(own.home_url.clone(), |home| {
            format!("{}{}", own.base_path, site.page(home).url)
        });
    if site.feed_languages().contains(&Some(language.code())) {
        let path = crate::content::feed_path(Some(language.code()));
        context.feed_url = format!("{}/{path}", own.base_path);
    }
    if let Some(search) = site.search_page_in(Some(language.code())) {
        context.search_url = Some(format!("{}{search}", own.base_path));
    }
    context
}

/// Navigation items as written, each with its resolved address.
fn nav_links(items: &[crate::config::NavItem], hrefs: &[String]) -> Vec<LinkContext> {
    items
        .iter()
        .zip(hrefs)
        .map(|(item, url)| LinkContext {
            label: item.label.clone(),
            url: url.clone(),
        })
        .collect()
}

fn phone_href(phone: &str) -> String {
    format!(
        "tel:{}",
        phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect::<String>()
    )
}

pub fn site_context(site: &Site, links: &ResolvedLinks) -> SiteContext {
    let config = &site.config;
    let base_path = config.base_path().to_string();
    let nav = nav_links(&config.nav, &links.nav);
    let phone_href = config.contact.phone.as_deref().map(phone_href);
    SiteContext {
        title: config.title.clone(),
        base_url: config.base_url.clone(),
        language: config.language.clone(),
        dir: config.direction.as_str(),
        description: config.description.clone(),
        contact: ContactContext {
            report_concern_text: config
                .contact
                .report_concern_text
                .clone()
                .unwrap_or_default(),
            report_concern_url: links.report_concern.clone(),
            phone: config.contact.phone.clone(),
            phone_href,
            email: config.contact.email.clone(),
        },
        nav,
        home_url: format!("{base_path}/"),
        open_data_url: site.open_data_page().map(|url| format!("{base_path}{url}")),
        glossary_url: site.glossary_page().map(|url| format!("{base_path}{url}")),
        accessibility_url: site
            .accessibility_page()
            .map(|url| format!("{base_path}{url}")),
        cookies_url: site.cookies_page().map(|url| format!("{base_path}{url}")),
        css_url: format!("{base_path}/css/site.css"),
        js_url: format!("{base_path}/js/site.js"),
        icon: site.icon().map(|name| IconContext {
            url: format!("{base_path}/{name}"),
            media_type: icon_media_type(name),
        }),
        feed_url: format!("{base_path}/{}", crate::content::feed_path(None)),
        search_url: site.search_page().map(|url| format!("{base_path}{url}")),
        origin: config.origin().to_string(),
        base_path,
    }
}

/// `<link rel="icon" type>` for the icon formats browsers know.
fn icon_media_type(name: &str) -> Option<&'static str> {
    match name.rsplit_once('.')?.1.to_ascii_lowercase().as_str() {
        "svg" => Some("image/svg+xml"),
        "png" => Some("image/png"),
        "ico" => Some("image/x-icon"),
        "gif" => Some("image/gif"),
        "webp" => Some("image/webp"),
        _ => None,
    }
}

fn page_context(
    site: &Site,
    id: PageId,
    outline: &PageOutline,
    content: String,
    images: &crate::images::ImageSet,
) -> PageContext {
    let page = site.page(id);
    let base_path = site.config.base_path();
    let toc = outline
        .headings
        .iter()
        .filter(|heading| heading.level == 2)
        .map(|heading| TocEntry {
            level: heading.level,
            text: heading.text.clone(),
            id: heading.id.clone(),
        })
        .collect();
    PageContext {
        title: page.title.clone(),
        summary: page.summary.clone(),
        url: format!("{base_path}{}", page.url),
        permalink: format!("{}{}", site.config.base_url, page.url),
        content,
        toc,
        date: page.date.map(Into::into),
        kind: page.kind_name(),
        breadcrumbs: kinds::breadcrumbs(site, id),
        children: kinds::children_cards(site, id, 1),
        report: kinds::report_context(site, id),
        priority: kinds::priority_context(site, id, &site.tagged_with(id), 1),
        resource: kinds::resource_context(site, id),
        video: kinds::video_context(site, id, images),
        finances: kinds::finances_context(site, id),
        priorities: kinds::priority_links(site, id),
        finances_by_year: kinds::finances_by_year(site, id),
        related: kinds::related(site, id),
        quick_exit: kinds::quick_exit(site, id),
        share: site
            .short_url(id)
            .zip(site.poster_url(id))
            .map(|(short, poster)| context::ShareContext {
                short_url: format!("{}{short}", site.config.base_url),
                poster_url: format!("{base_path}{poster}"),
            }),
        data: site.page_data(id).map(|data| data.value.clone()),
        tables: site
            .page_data(id)
            .map(|data| data.tables.clone())
            .unwrap_or_default(),
        search: Some(kinds::search_filters(site, id)),
        event: None,
    }
}
