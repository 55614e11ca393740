//! Pages the build makes that no content file has (listings, posters, the
//! open-data, glossary and editors' pages): one way to give them the `page`
//! fields every template expects and to render them.
//!
//! Invariant: a generated page's `url` carries the base path and its
//! `permalink` the base URL, like a content page's.

use serde::Serialize;

use super::context::{CardContext, LinkContext, SiteContext};
use super::{RenderInput, RenderedFile};
use crate::content::UrlPath;
use crate::diagnostics::Diagnostic;

/// The `page` of a generated page.
pub struct GeneratedPage {
    pub url: UrlPath,
    pub title: String,
    pub summary: Option<String>,
    pub kind: &'static str,
    pub breadcrumbs: Vec<LinkContext>,
}

#[derive(Serialize)]
struct PageFields<'a> {
    title: &'a str,
    summary: Option<&'a str>,
    url: String,
    permalink: String,
    kind: &'static str,
    breadcrumbs: &'a [LinkContext],
    /// A later page of a section's list: the pages it shows.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    children: &'a [CardContext],
}

impl GeneratedPage {
    /// Renders `template` with `site`, `page` and the template's own
    /// values in `extra` (a `minijinja::context!`).
    pub fn render(
        &self,
        input: &RenderInput<'_>,
        site_context: &SiteContext,
        template: &str,
        extra: minijinja::Value,
    ) -> Result<RenderedFile, Diagnostic> {
        self.render_listing(input, site_context, template, &[], extra)
    }

    /// Renders a later page of a section's list, whose `page.children`
    /// are the pages it shows.
    pub fn render_listing(
        &self,
        input: &RenderInput<'_>,
        site_context: &SiteContext,
        template: &str,
        children: &[CardContext],
        extra: minijinja::Value,
    ) -> Result<RenderedFile, Diagnostic> {
        let config = &input.site.config;
        let page = PageFields {
            title: &self.title,
            summary: self.summary.as_deref(),
            url: format!("{}{}", config.base_path(), self.url),
            permalink: format!("{}{}", config.base_url, self.url),
            kind: self.kind,
            breadcrumbs: &self.breadcrumbs,
            children,
        };
        let context = minijinja::context! { site => site_context, page => page, ..extra };
        let label = format!("the generated page {}", self.url);
        let html = input
            .templates
            .render(template, context, &label, input.sources)?;
        Ok(RenderedFile {
            path: self.url.output_file(),
            bytes: html.into_bytes().into(),
        })
    }
}
