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
    let soon = Date::from_unix_days(days_since_epoch(today) + DUE_SOON_DAYS);
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

/// Days from 1970-01-01 to `date` (the inverse of `Date::from_unix_days`).
fn days_since_epoch(date: Date) -> i64 {
    let (year, month, day) = (
        i64::from(date.year),
        i64::from(date.month),
        i64::from(date.day),
    );
    let shifted_year = if month <= 2 { year - 1 } else { year };
    let era = shifted_year.div_euclid(400);
    let year_of_era = shifted_year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        for days in [0, 20_415, -1, 11_016, 30_000] {
            assert_eq!(days_since_epoch(Date::from_unix_days(days)), days);
        }
    }
}
