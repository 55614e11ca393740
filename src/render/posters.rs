//! A printable one-page poster for every resource and video at
//! `<page>/poster/`: title, summary, who it is for, and a QR code of the
//! page's full address, drawn at build time as inline SVG.
//!
//! Invariant: the QR code encodes the page's absolute URL (the base URL
//! included), so a scan from a staffroom wall lands on the live page.

use std::fmt::Write;

use fast_qr::{ECL, QRBuilder};
use rayon::prelude::*;
use serde::Serialize;

use super::context::SiteContext;
use super::generated::GeneratedPage;
use super::kinds::{breadcrumbs, link_to};
use super::{RenderInput, RenderedFile};
use crate::config::{VocabularyKind, VocabularyTerm};
use crate::content::{PageId, Site, UrlPath};
use crate::diagnostics::Diagnostic;

#[derive(Serialize)]
struct PosterContext {
    qr_svg: String,
    page_url: String,
    short_url: String,
    audiences: Vec<String>,
    format: String,
}

/// Every poster, or the template errors.
pub fn render_posters(
    input: &RenderInput<'_>,
    site_contexts: &super::SiteContexts,
) -> (Vec<RenderedFile>, Vec<Diagnostic>) {
    let site = input.site;
    // Drawing a QR code (choosing its mask) is the costly part: in parallel.
    let results: Vec<Result<RenderedFile, Diagnostic>> = site
        .page_ids()
        .filter_map(|id| site.poster_url(id).map(|url| (id, url)))
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(id, url)| {
            let site_context = site_contexts.for_page(site.page(id));
            render_poster(input, site_context, id, url)
        })
        .collect();
    super::split_results(results)
}

fn render_poster(
    input: &RenderInput<'_>,
    site_context: &SiteContext,
    id: PageId,
    url: UrlPath,
) -> Result<RenderedFile, Diagnostic> {
    let site = input.site;
    let page = site.page(id);
    let page_url = format!("{}{}", site.config.base_url, page.url);
    let short_url = site.short_url(id).map_or_else(
        || page_url.clone(),
        |short| format!("{}{short}", site.config.base_url),
    );
    let fields = page.catalogue_fields();
    let language = page.language.as_deref();
    let labels = |kind, slugs: &[String]| -> Vec<String> {
        slugs
            .iter()
            .map(|slug| label(site, kind, slug, language))
            .collect()
    };
    let qr_label = site.strings.text(site.language_of(id), "qr_code", &[]);
    // The code holds the page's own QR address, so scans count apart.
    let qr_url = site.qr_url(id).map_or_else(
        || page_url.clone(),
        |qr| format!("{}{qr}", site.config.base_url),
    );
    let poster = PosterContext {
        qr_svg: qr_svg(&qr_url, &qr_label),
        audiences: fields
            .map(|f| labels(VocabularyKind::Audience, &f.audiences))
            .unwrap_or_default(),
        format: fields
            .map(|f| label(site, VocabularyKind::Format, &f.format, language))
            .unwrap_or_default(),
        page_url,
        short_url,
    };
    let mut trail = breadcrumbs(site, id);
    trail.push(link_to(site, id));
    let generated = GeneratedPage {
        url,
        title: page.title.clone(),
        summary: page.summary.clone(),
        kind: "poster",
        breadcrumbs: trail,
    };
    generated.render(
        input,
        site_context,
        "poster.html",
        minijinja::context! { poster => poster },
    )
}

/// A QR code as a small inline SVG: one unit per module, each row's dark
/// runs drawn as one rectangle, with the four-module quiet zone scanners
/// need. CSS sets its printed size. Quartile error correction (25% of the
/// code can be lost) because posters on a staffroom wall get scuffed.
/// `text` as a QR code in inline SVG, named `label` for screen readers.
pub fn qr_svg(text: &str, label: &str) -> String {
    const QUIET: usize = 4;
    let Ok(code) = QRBuilder::new(text).ecl(ECL::Q).build() else {
        return String::new();
    };
    let width = code.size;
    let dark = |row: usize, column: usize| code.data[row * width + column].value();
    let size = width + 2 * QUIET;
    let mut path = String::new();
    for row in 0..width {
        let mut column = 0;
        while column < width {
            if !dark(row, column) {
                column += 1;
                continue;
            }
            let start = column;
            while column < width && dark(row, column) {
                column += 1;
            }
            let (x, y, run) = (start + QUIET, row + QUIET, column - start);
            // Writing to a String cannot fail.
            let _ = write!(path, "M{x} {y}h{run}v1H{x}V{y}");
        }
    }
    format!(
        r##"<svg role="img" aria-label="{label}" class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size}" height="{size}" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/><path fill="#000" d="{path}"/></svg>"##,
        label = crate::escape::html_attribute(label),
    )
}

fn label(site: &Site, kind: VocabularyKind, slug: &str, language: Option<&str>) -> String {
    site.config
        .vocabulary(kind)
        .iter()
        .find(|term: &&VocabularyTerm| term.slug == slug)
        .map_or_else(
            || slug.to_string(),
            |term| term.label_in(language).to_string(),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_code_is_inline_svg() {
        let svg = qr_svg("https://www.example.org/resources/icon-leaflet/", "QR code");
        assert!(
            svg.starts_with(r#"<svg role="img" aria-label="QR code" class="qr" xmlns="#),
            "{svg}"
        );
        assert!(svg.ends_with("</svg>"));
        assert!(!svg.contains("<?xml"));
    }
}
