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
        title: "Accessibility statement".to_string(),
        summary: Some(format!(
            "How accessible the {} website is, and how to tell us about a problem.",
            site.config.title
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

/// `/search/`: search as you type with JavaScript; without it, how to
/// browse the catalogues instead.
pub fn render_search_page(
    input: &RenderInput<'_>,
    site_context: &SiteContext,
) -> Option<Result<RenderedFile, Diagnostic>> {
    let url = input.site.search_page()?;
    let page = GeneratedPage {
        url,
        title: "Search".to_string(),
        summary: Some(
            "Find leaflets, videos, advice and our reports by a word or two.".to_string(),
        ),
        kind: "search",
        breadcrumbs: Vec::new(),
    };
    let catalogues: Vec<minijinja::Value> = input
        .site
        .own_catalogues()
        .map(|catalogue| {
            let section = input.site.page(catalogue.section);
            minijinja::context! {
                title => section.title.clone(),
                url => format!("{}{}", site_context.base_path, section.url),
                a_to_z => format!("{}{}", site_context.base_path, catalogue.a_to_z_url(input.site)),
            }
        })
        .collect();
    let mut bundles: Vec<String> = crate::content::search_layout::bundle_folders(input.site)
        .into_iter()
        .map(|folder| format!("{}/{folder}/", site_context.base_path))
        .collect();
    // The first bundle loads Pagefind; the others are merged into it.
    let bundle = bundles.remove(0);
    let extra = minijinja::context! {
        catalogues => catalogues,
        bundle => bundle,
        more_bundles => bundles,
    };
    Some(page.render(input, site_context, "search.html", extra))
}

pub fn render_cookies_page(
    input: &RenderInput<'_>,
    site_context: &SiteContext,
) -> Option<Result<RenderedFile, Diagnostic>> {
    let url = input.site.cookies_page()?;
    let page = GeneratedPage {
        url,
        title: "Cookies".to_string(),
        summary: Some("This website does not set any cookies.".to_string()),
        kind: "cookies",
        breadcrumbs: Vec::new(),
    };
    Some(page.render(input, site_context, "cookies.html", minijinja::context! {}))
}
