//! The editors' review page (`/editors/reviews/`): every resource and video
//! past its review date, and those due in the next three months, with the
//! file to edit. Kept out of search and the sitemap (`noindex`).
//!
//! Invariant: the same dates as the `review-overdue` warnings.

use serde::Serialize;

use super::context::SiteContext;
use super::generated::GeneratedPage;
use super::{RenderInput, RenderedFile};
use crate::content::{Date, PageId, Site};
use crate::diagnostics::Diagnostic;

#[derive(Serialize)]
struct ReviewItem {
    title: String,
    url: String,
    file: String,
    review_by: String,
    review_by_iso: String,
}

/// Days ahead that count as "due soon".
const DUE_SOON_DAYS: i64 = 92;

pub fn render_reviews_page(
    input: &RenderInput<'_>,
    site_context: &SiteContext,
) -> Option<Result<RenderedFile, Diagnostic>> {
    let site = input.site;
    let url = site.reviews_page()?;
    let today = input.build_date;
    let soon = Date::from_unix_days(today.unix_days() + DUE_SOON_DAYS);
    let mut overdue = Vec::new();
    let mut due_soon = Vec::new();
    for catalogue in site.own_catalogues() {
        for &id in &catalogue.entries {
            let Some(fields) = site.page(id).catalogue_fields() else {
                continue;
            };
            if fields.review_by < today {
                overdue.push((fields.review_by, id));
            } else if fields.review_by <= soon {
                due_soon.push((fields.review_by, id));
            }
        }
    }
    overdue.sort();
    due_soon.sort();
    let page = GeneratedPage {
        url,
        title: site.strings.text(&site.config.language, "reviews_due", &[]),
        summary: Some(
            site.strings.text(
                &site.config.language,
                "reviews_summary",
                &[(
                    "date",
                    &site
                        .strings
                        .long_date(&site.config.language, soon.year, soon.month, soon.day),
                )],
            ),
        ),
        kind: "editors",
        breadcrumbs: Vec::new(),
    };
    let extra = minijinja::context! {
        today => today.long_form(),
        overdue => items(site, &overdue),
        due_soon => items(site, &due_soon),
    };
    Some(page.render(input, site_context, "reviews.html", extra))
}

fn items(site: &Site, dated: &[(Date, PageId)]) -> Vec<ReviewItem> {
    dated
        .iter()
        .map(|&(review_by, id)| {
            let page = site.page(id);
            ReviewItem {
                title: page.title.clone(),
                url: format!("{}{}", site.config.base_path(), page.url),
                file: format!("content/{}", page.content_path),
                review_by: review_by.long_form(),
                review_by_iso: review_by.to_string(),
            }
        })
        .collect()
}
