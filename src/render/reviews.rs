//! The editors' review pages (`/editors/reviews/`, then `page/2/`…):
//! every resource and video past its review date, and those due in the
//! next three months (`Site::review_queue`), with the file to edit. Kept
//! out of search and the sitemap (`noindex`).

use serde::Serialize;

use super::context::SiteContext;
use super::generated::GeneratedPage;
use super::paging::{PaginationContext, paged_title};
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

/// Every page of the review list: overdue entries first, then those due
/// soon, `[catalogue] per_page` to a page, each heading counting the
/// whole list.
pub fn render_reviews_pages(
    input: &RenderInput<'_>,
    site_context: &SiteContext,
) -> Vec<Result<RenderedFile, Diagnostic>> {
    let site = input.site;
    let Some(paging) = site.reviews_paging() else {
        return Vec::new();
    };
    let queue = site.review_queue();
    let all = queue.all();
    let language = &site.config.language;
    let soon = site.due_soon_until();
    let summary = site.strings.text(
        language,
        "reviews_summary",
        &[(
            "date",
            &site
                .strings
                .long_date(language, soon.year, soon.month, soon.day),
        )],
    );
    paging
        .numbers()
        .map(|number| {
            let range = paging.range(number);
            let (overdue, due_soon): (Vec<_>, Vec<_>) = all[range.clone()]
                .iter()
                .zip(range)
                .partition(|(_, at)| *at < queue.overdue.len());
            let pagination = PaginationContext::of(&paging, number, site.config.base_path());
            let title = site.strings.text(language, "reviews_due", &[]);
            let page = GeneratedPage {
                url: paging.url(number),
                title: paged_title(&site.strings, language, title, pagination.as_ref()),
                summary: Some(summary.clone()),
                kind: "editors",
                breadcrumbs: Vec::new(),
            };
            let listed = |part: Vec<(&(Date, PageId), usize)>| {
                items(
                    site,
                    &part.into_iter().map(|(item, _)| *item).collect::<Vec<_>>(),
                )
            };
            let extra = minijinja::context! {
                today => site.today.long_form(),
                overdue => listed(overdue),
                due_soon => listed(due_soon),
                overdue_count => queue.overdue.len(),
                due_soon_count => queue.due_soon.len(),
                pagination => pagination,
            };
            page.render(input, site_context, "reviews.html", extra)
        })
        .collect()
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
