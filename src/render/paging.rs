//! The page-number navigation of a long list, and what its head says
//! (`rel="prev"`/`"next"`): GOV.UK's pagination pattern, the first and
//! last pages always offered, the current one with its neighbours, and a
//! gap between.
//!
//! Invariant: a list of one page gets no navigation; every address here
//! is one `Paging::url` gives, so every page it offers is written.

use serde::Serialize;

use crate::content::paging::Paging;
use crate::interface_strings::InterfaceStrings;

/// The navigation of page `number` of a list, for templates (`pagination`).
#[derive(Debug, Serialize)]
pub struct PaginationContext {
    pub number: usize,
    /// How many pages.
    pub count: usize,
    /// The entries this page shows, counted from 1, and the list's total.
    pub first: usize,
    pub last: usize,
    pub total: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageLink>,
}

/// A page number in the navigation, or a gap (`number: None`).
#[derive(Debug, Serialize)]
pub struct PageLink {
    pub number: Option<usize>,
    pub url: String,
    pub current: bool,
}

impl PaginationContext {
    /// `None` for a list that fits on one page.
    pub fn of(paging: &Paging, number: usize, base_path: &str) -> Option<Self> {
        let count = paging.page_count();
        if count < 2 {
            return None;
        }
        let url = |number: usize| format!("{base_path}{}", paging.url(number));
        let range = paging.range(number);
        Some(Self {
            number,
            count,
            first: range.start + 1,
            last: range.end,
            total: paging.total,
            previous: (number > 1).then(|| url(number - 1)),
            next: (number < count).then(|| url(number + 1)),
            pages: shown_numbers(number, count)
                .into_iter()
                .map(|shown| PageLink {
                    number: shown,
                    url: shown.map(url).unwrap_or_default(),
                    current: shown == Some(number),
                })
                .collect(),
        })
    }
}

/// A list page's title, with "(page 2 of 5)" in `lang` after it when the
/// list has more than one page, so every page's title is its own.
pub fn paged_title(
    strings: &InterfaceStrings,
    lang: &str,
    title: String,
    pagination: Option<&PaginationContext>,
) -> String {
    let Some(pagination) = pagination else {
        return title;
    };
    let words = strings.text(
        lang,
        "page_of",
        &[
            ("number", &pagination.number.to_string()),
            ("count", &pagination.count.to_string()),
        ],
    );
    format!("{title} ({words})")
}

/// The first and last page, the current one and its neighbours; `None`
/// where numbers are left out. A gap of one number shows the number.
fn shown_numbers(current: usize, count: usize) -> Vec<Option<usize>> {
    let wanted = |n: usize| n == 1 || n == count || n.abs_diff(current) <= 1;
    let mut shown = Vec::new();
    let mut previous = 0;
    for n in (1..=count).filter(|&n| wanted(n) || (n > 1 && wanted(n - 1) && wanted(n + 1))) {
        if n > previous + 1 {
            shown.push(None);
        }
        shown.push(Some(n));
        previous = n;
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::UrlPath;

    #[test]
    fn the_navigation_keeps_both_ends_and_the_current_page_s_neighbours() {
        assert_eq!(shown_numbers(1, 20), [Some(1), Some(2), None, Some(20)]);
        assert_eq!(
            shown_numbers(10, 20),
            [Some(1), None, Some(9), Some(10), Some(11), None, Some(20)]
        );
        // A gap of one page shows the page instead.
        assert_eq!(
            shown_numbers(3, 5),
            [Some(1), Some(2), Some(3), Some(4), Some(5)]
        );
        assert_eq!(shown_numbers(2, 2), [Some(1), Some(2)]);
    }

    #[test]
    fn a_page_says_which_entries_it_shows_and_where_its_neighbours_are() {
        let paging = Paging::new(UrlPath::new("/news/"), 120, 50);
        let context = PaginationContext::of(&paging, 2, "/sub").expect("three pages");
        assert_eq!((context.first, context.last, context.total), (51, 100, 120));
        assert_eq!(context.previous.as_deref(), Some("/sub/news/"));
        assert_eq!(context.next.as_deref(), Some("/sub/news/page/3/"));
        assert!(
            PaginationContext::of(&Paging::new(UrlPath::new("/news/"), 50, 50), 1, "").is_none()
        );
    }
}
