//! What the partnership's editors must review: every resource and video
//! past its `review_by` date, and those due within three months, judged by
//! the build's day; shown a page at a time at `/editors/reviews/`.
//!
//! Invariant: overdue means the same as the `review-overdue` warning
//! (`review_by` before the build's day).

use super::paging::Paging;
use super::{Date, PageId, Site};

/// Days ahead that count as "due soon".
pub const DUE_SOON_DAYS: i64 = 92;

/// The entries due for review, each list soonest due first.
#[derive(Debug, Default)]
pub struct ReviewQueue {
    pub overdue: Vec<(Date, PageId)>,
    pub due_soon: Vec<(Date, PageId)>,
}

impl ReviewQueue {
    /// Overdue first, then due soon: the order the pages list them in.
    pub fn all(&self) -> Vec<(Date, PageId)> {
        self.overdue.iter().chain(&self.due_soon).copied().collect()
    }
}

impl Site {
    /// The last day that counts as "due soon".
    pub fn due_soon_until(&self) -> Date {
        Date::from_unix_days(self.today.unix_days() + DUE_SOON_DAYS)
    }

    /// The site's own catalogues' entries due for review.
    pub fn review_queue(&self) -> ReviewQueue {
        let soon = self.due_soon_until();
        let mut queue = ReviewQueue::default();
        for catalogue in self.own_catalogues() {
            for &id in &catalogue.entries {
                let Some(fields) = self.page(id).catalogue_fields() else {
                    continue;
                };
                if fields.review_by < self.today {
                    queue.overdue.push((fields.review_by, id));
                } else if fields.review_by <= soon {
                    queue.due_soon.push((fields.review_by, id));
                }
            }
        }
        queue.overdue.sort();
        queue.due_soon.sort();
        queue
    }

    /// How the review page's list is paged (none without the page).
    pub fn reviews_paging(&self) -> Option<Paging> {
        let url = self.reviews_page()?;
        let queue = self.review_queue();
        Some(self.paging(&url, queue.overdue.len() + queue.due_soon.len()))
    }
}
