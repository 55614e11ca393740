//! The accessibility statement (from `[accessibility]`, under the headings
//! of the UK government's model statement) and the cookies page.
//!
//! Invariant: the statement's contact details are the site's `[contact]`,
//! so there is one place to change them.

use serde::Serialize;

use super::context::SiteContext;
use super::generated::GeneratedPage;
use super::{RenderInput, RenderedFile};
use crate::content::Date;
use crate::content::search_layout::{bundle_folders, search_languages};
use crate::diagnostics::Diagnostic;

#[derive(Serialize)]
struct StatementContext<'a> {
    compliance: &'a str,
    compliance_words: &'static str,
    known_problems: &'a [String],
    improving: Option<&'a str>,
    tested: Option<&'a str>,
    reviewed: Option<String>,
    prepared: Option<String>,
}

pub fn render_accessibility_statement(
    input: &RenderInput<'_>,
    site_context: &SiteContext,
) -> Option<Result<RenderedFile, Diagnostic>> {
    let site = input.site;
    let url = site.accessibility_page()?;
    let statement = site.config.accessibility.as_ref()?;
    let compliance = statement.compliance.get_ref().as_str();
    let long_date =
        |value: &toml::value::Datetime| Date::from_toml(value).map(|date| date.long_form());
    let context = StatementContext {
        compliance,
        compliance_words: match compliance {
            "full" => "fully compliant",
            "partial" => "partially compliant",
            _ => "not compliant",
        },
        known_problems: &statement.known_problems,
        improving: statement.improving.as_deref(),
        tested: statement.tested.as_deref(),
        reviewed: long_date(statement.reviewed.get_ref()),
        prepared: statement.prepared.as_ref().and_then(long_date),
    };
    let page = GeneratedPage {
        url,
        title: site
            .strings
            .text(&site.config.language, "accessibility_statement", &[]),
        summary: Some(site.strings.text(
            &site.config.language,
            "accessibility_summary",
            &[("site", &site.config.title)],
        )),
        kind: "accessibility",
        breadcrumbs: Vec::new(),
    };
    Some(page.render(
        input,
        site_context,
        "accessibility.html",
        minijinja::context! { statement => context },
    ))
}

/// `/search/`, and `/cy/search/` for each language with pages: search as
/// you type in that language's own index with JavaScript; without it, how
/// to browse that language's catalogues instead.
pub fn render_search_pages(
    input: &RenderInput<'_>,
    site_contexts: &super::SiteContexts,
) -> Vec<Result<RenderedFile, Diagnostic>> {
    search_languages(input.site)
        .into_iter()
        .filter_map(|language| {
            let url = input.site.search_page_in(language)?;
            let site_context = site_contexts.for_language(language);
            Some(render_search_page(input, site_context, language, url))
        })
        .collect()
}

fn render_search_page(
    input: &RenderInput<'_>,
    site_context: &SiteContext,
    language: Option<&str>,
    url: crate::content::UrlPath,
) -> Result<RenderedFile, Diagnostic> {
    let site = input.site;
    let tag = language.unwrap_or(&site.config.language);
    let page = GeneratedPage {
        url,
        title: site.strings.text(tag, "search", &[]),
        summary: Some(site.strings.text(tag, "search_summary", &[])),
        kind: "search",
        breadcrumbs: Vec::new(),
    };
    let catalogues: Vec<minijinja::Value> = site
        .catalogues
        .iter()
        .filter(|catalogue| catalogue.language.as_deref() == language)
        .map(|catalogue| {
            let section = site.page(catalogue.section);
            minijinja::context! {
                title => section.title.clone(),
                url => format!("{}{}", site_context.base_path, section.url),
                a_to_z => format!("{}{}", site_context.base_path, catalogue.a_to_z_url(site)),
            }
        })
        .collect();
    let mut bundles: Vec<String> = bundle_folders(site, language)
        .into_iter()
        .map(|folder| format!("{}/{folder}/", site_context.base_path))
        .collect();
    // The first bundle loads Pagefind; the others are merged into it.
    let bundle = bundles.remove(0);
    // What the search script says, in the page's language: it picks the
    // plural form with the browser's CLDR rules.
    let messages = serde_json::json!({
        "results": site.strings.forms(tag, "search_results_for"),
        "firstShown": site.strings.text(tag, "search_first_shown", &[]),
        "none": site.strings.text(tag, "search_no_results", &[]),
        "failed": site.strings.text(tag, "search_could_not_start", &[]),
        // The kinds are filtered by their English names (the index's
        // filter values) and shown in the page's language.
        "kinds": {
            "Resource": site.strings.text(tag, "kind_resource", &[]),
            "Video": site.strings.text(tag, "kind_video", &[]),
            "News": site.strings.text(tag, "kind_news", &[]),
            "Yearly report": site.strings.text(tag, "kind_report", &[]),
            "Priority": site.strings.text(tag, "kind_priority", &[]),
            "Page": site.strings.text(tag, "kind_page", &[]),
            "Glossary": site.strings.text(tag, "kind_glossary", &[]),
        },
    });
    let extra = minijinja::context! {
        catalogues => catalogues,
        bundle => bundle,
        more_bundles => bundles,
        messages => messages.to_string(),
    };
    page.render(input, site_context, "search.html", extra)
}

pub fn render_cookies_page(
    input: &RenderInput<'_>,
    site_context: &SiteContext,
) -> Option<Result<RenderedFile, Diagnostic>> {
    let url = input.site.cookies_page()?;
    let page = GeneratedPage {
        url,
        title: input
            .site
            .strings
            .text(&input.site.config.language, "cookies", &[]),
        summary: Some(
            input
                .site
                .strings
                .text(&input.site.config.language, "cookies_summary", &[]),
        ),
        kind: "cookies",
        breadcrumbs: Vec::new(),
    };
    Some(page.render(input, site_context, "cookies.html", minijinja::context! {}))
}
