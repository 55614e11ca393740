//! The only types templates see. Built from the `Site` for one page at a
//! time; every URL in here already carries the base URL's path.
//!
//! Invariant: templates never compute URLs themselves; what they print is
//! resolved (and so checked) here or in `links`.

use serde::Serialize;

use crate::config::VocabularyTerm;
use crate::content::finances::format_pounds;
use crate::content::{Date, Finances};
use crate::interface_strings::InterfaceStrings;

#[derive(Serialize, Clone)]
pub struct SiteContext {
    pub title: String,
    pub base_url: String,
    pub base_path: String,
    pub language: String,
    /// `ltr` or `rtl`: which way the site's language is written.
    pub dir: &'static str,
    pub description: Option<String>,
    pub contact: ContactContext,
    pub nav: Vec<LinkContext>,
    pub home_url: String,
    /// The generated open-data page, when there is one.
    pub open_data_url: Option<String>,
    /// The generated glossary page, when there is one.
    pub glossary_url: Option<String>,
    /// The generated accessibility statement and cookies pages.
    pub accessibility_url: Option<String>,
    pub cookies_url: Option<String>,
    pub css_url: String,
    pub js_url: String,
    /// The site's icon (`static/favicon.*`), linked from every page so no
    /// browser asks for a missing `/favicon.ico`.
    pub icon: Option<IconContext>,
    /// The Atom feed of news and new resources.
    pub feed_url: String,
    /// The search page, when there is one.
    pub search_url: Option<String>,
    /// Scheme and host of `base_url`, for absolute image addresses.
    pub origin: String,
}

#[derive(Serialize, Clone)]
pub struct IconContext {
    pub url: String,
    /// The media type for `<link type>`, when the extension tells it.
    pub media_type: Option<&'static str>,
}

#[derive(Serialize, Clone)]
pub struct ContactContext {
    pub report_concern_text: String,
    pub report_concern_url: String,
    pub phone: Option<String>,
    pub phone_href: Option<String>,
    pub email: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct LinkContext {
    pub label: String,
    pub url: String,
}

#[derive(Serialize, Clone)]
pub struct DateContext {
    pub iso: String,
    pub long: String,
}

impl From<Date> for DateContext {
    fn from(date: Date) -> Self {
        Self {
            iso: date.to_string(),
            long: date.long_form(),
        }
    }
}

#[derive(Serialize, Clone)]
pub struct TocEntry {
    pub level: u8,
    pub text: String,
    pub id: String,
}

/// A page in a listing.
#[derive(Serialize, Clone)]
pub struct CardContext {
    pub title: String,
    pub url: String,
    pub summary: Option<String>,
    pub date: Option<DateContext>,
    pub kind: &'static str,
    /// Short facts shown under the title: format, duration, status.
    pub meta: Vec<String>,
    /// The card's language, when it is not the page's it is shown on (an
    /// English fallback on a Welsh page), for `lang` (WCAG 3.1.2).
    pub lang: Option<String>,
}

#[derive(Serialize)]
pub struct PageContext {
    pub title: String,
    pub summary: Option<String>,
    pub url: String,
    pub permalink: String,
    pub content: String,
    pub toc: Vec<TocEntry>,
    pub date: Option<DateContext>,
    pub kind: &'static str,
    pub breadcrumbs: Vec<LinkContext>,
    pub children: Vec<CardContext>,
    pub report: Option<ReportContext>,
    pub priority: Option<PriorityContext>,
    pub resource: Option<ResourceContext>,
    pub video: Option<VideoContext>,
    pub finances: Option<FinancesContext>,
    pub priorities: Vec<LinkContext>,
    /// On the reports section: finances side by side when two or more
    /// years have them.
    pub finances_by_year: Option<YearOnYear>,
    /// For resources and videos: others on the same topics or priorities.
    pub related: Vec<CardContext>,
    /// Where "Exit this page" leads, on pages about a sensitive topic.
    pub quick_exit: Option<String>,
    /// For resources and videos: the short address and the poster.
    pub share: Option<ShareContext>,
    /// The data file beside the page, as written (`page.data.members`).
    pub data: Option<serde_json::Value>,
    /// Its `[[tables]]`, rendered after the page's text.
    pub tables: Vec<crate::content::DataTable>,
    /// Pagefind filters of a content page: set only on pages the search
    /// index takes.
    pub search: Option<SearchFilters>,
    /// For training and events: when, where, how to book.
    pub event: Option<EventContext>,
}

/// One language version of a page, for `hreflang` and the switcher.
#[derive(Serialize)]
pub struct VersionContext {
    /// Its language tag.
    pub lang: String,
    /// The language's name in itself (`Cymraeg`).
    pub name: String,
    pub url: String,
    pub permalink: String,
    /// The page being rendered.
    pub current: bool,
}

#[derive(Serialize)]
pub struct SearchFilters {
    /// `kind:Resource`
    pub kind: String,
    /// `format:Leaflet`
    pub format: Option<String>,
}

#[derive(Serialize)]
pub struct ChapterLink {
    pub title: String,
    pub url: String,
    pub current: bool,
}

#[derive(Serialize)]
pub struct ReportContext {
    pub year: String,
    pub title: String,
    pub url: String,
    pub published: DateContext,
    pub period_start: DateContext,
    pub period_end: DateContext,
    /// The chapters this page lists: all, or on the chapters of a long
    /// report those around the current one (`chapters_shortened`).
    pub chapters: Vec<ChapterLink>,
    pub chapter_count: usize,
    /// The number of the first listed chapter (for `<ol start>`).
    pub first_listed: usize,
    pub chapters_shortened: bool,
    pub previous: Option<LinkContext>,
    pub next: Option<LinkContext>,
    pub is_index: bool,
    /// What was used in the report's year, when the page asks for it
    /// (`show_engagement = true`) and a saved engagement report covers it.
    pub engagement: Option<ReportEngagement>,
}

/// A yearly report's quotable engagement: the saved report's period, its
/// totals and the most used resources and videos.
#[derive(Serialize)]
pub struct ReportEngagement {
    pub start: DateContext,
    pub end: DateContext,
    pub totals: crate::content::engagement::Uses,
    pub visitors: u64,
    pub most_used: Vec<UsedEntry>,
}

#[derive(Serialize)]
pub struct UsedEntry {
    pub title: String,
    pub url: String,
    pub uses: crate::content::engagement::Uses,
}

#[derive(Serialize)]
pub struct YearLink {
    pub year: String,
    pub url: Option<String>,
}

#[derive(Serialize)]
pub struct PriorityContext {
    pub status: &'static str,
    pub status_label: String,
    pub lead: String,
    pub years: Vec<YearLink>,
    /// Everything tagged with the priority, grouped by kind.
    pub tagged: Vec<TaggedGroupContext>,
    pub tagged_count: usize,
    pub impact: Vec<crate::content::Impact>,
}

/// One kind of page tagged with a priority ("Resources", 5 of them): all
/// of them counted, the cards of those on this page of the list.
#[derive(Serialize)]
pub struct TaggedGroupContext {
    pub label: String,
    pub id: &'static str,
    pub count: usize,
    /// Where the group starts: its anchor, on this page or an earlier one.
    pub link: String,
    pub items: Vec<CardContext>,
}

#[derive(Serialize)]
pub struct CatalogueContext {
    pub audiences: Vec<VocabularyTerm>,
    pub topics: Vec<VocabularyTerm>,
    pub format: VocabularyTerm,
    pub published: DateContext,
    pub review_by: DateContext,
    pub reviewed: Option<DateContext>,
    pub language: Option<String>,
}

#[derive(Serialize)]
pub struct ResourceContext {
    pub catalogue: CatalogueContext,
    pub href: String,
    pub is_file: bool,
    pub file_type: Option<String>,
    pub file_size: Option<String>,
    pub file_pages: Option<String>,
    pub alternatives: Vec<AlternativeContext>,
    pub source: Option<LinkContext>,
    pub host: Option<String>,
    /// On a translation whose document is in another language (the
    /// English leaflet on its Polish page): that language, for
    /// `hreflang`, and the words saying so when it is the site's own.
    pub target_lang: Option<String>,
    pub target_marker: Option<String>,
}

#[derive(Serialize)]
pub struct AlternativeContext {
    pub label: String,
    pub href: String,
    pub language: Option<String>,
    /// The language's name in itself (`Polski`), where known.
    pub language_name: Option<String>,
    /// "PDF, 12 KB" for a file; the host for a page elsewhere.
    pub detail: String,
}

#[derive(Serialize)]
pub struct VideoContext {
    pub catalogue: CatalogueContext,
    pub provider: &'static str,
    pub provider_label: &'static str,
    /// The video's `play/` address: fetched when play is pressed, and where
    /// the poster link goes without JavaScript (it redirects to `watch_url`).
    pub play_url: Option<String>,
    pub watch_url: Option<String>,
    pub embed_url: Option<String>,
    pub src_url: Option<String>,
    pub duration: String,
    pub duration_iso: String,
    pub captions_url: Option<String>,
    pub no_captions: Option<String>,
    pub poster_url: Option<String>,
    /// The poster resized, when it could be.
    pub poster_image: Option<PictureContext>,
}

/// A resized image, for `m.picture` in the templates.
#[derive(Serialize)]
pub struct PictureContext {
    /// The widest rendition in the original format.
    pub src: String,
    pub srcset: String,
    /// Empty when WebP would not be smaller (a WebP original).
    pub webp_srcset: String,
    pub width: u32,
    pub height: u32,
    pub sizes: String,
}

#[derive(Serialize)]
pub struct FinanceRow {
    pub label: String,
    pub amount: String,
}

#[derive(Serialize)]
pub struct FinancesContext {
    pub caption: String,
    pub income: Vec<FinanceRow>,
    pub expenditure: Vec<FinanceRow>,
    pub total_income: String,
    pub total_expenditure: String,
    /// Income less spending, with its label; `None` when the figures cover
    /// different bodies (`comparable = false`) and must not be subtracted.
    pub difference: Option<String>,
    pub difference_label: String,
    pub opening: Option<String>,
    pub closing: Option<String>,
    pub note: Option<String>,
    /// Income against spending as an inline SVG chart with a text alternative.
    pub chart_svg: String,
}

impl FinancesContext {
    /// A report's finances, with their words in `language`.
    pub fn new(finances: &Finances, strings: &InterfaceStrings, language: &str) -> Self {
        let rows = |lines: &[crate::content::finances::FinanceLine]| {
            lines
                .iter()
                .map(|line| FinanceRow {
                    label: line.label.clone(),
                    amount: format_pounds(line.amount),
                })
                .collect()
        };
        let difference = finances
            .total_income
            .saturating_sub(finances.total_expenditure);
        let reserves = finances.reserves.clone().unwrap_or_default();
        Self {
            caption: finances.caption.clone(),
            income: rows(&finances.income),
            expenditure: rows(&finances.expenditure),
            total_income: format_pounds(finances.total_income),
            total_expenditure: format_pounds(finances.total_expenditure),
            difference: finances.comparable.then(|| format_pounds(difference.abs())),
            difference_label: strings.text(
                language,
                match difference >= 0 {
                    true => "income_above_spending",
                    false => "spending_above_income",
                },
                &[],
            ),
            opening: reserves.opening.map(format_pounds),
            closing: reserves.closing.map(format_pounds),
            note: reserves.note,
            chart_svg: super::charts::finances_chart(
                finances,
                "finances-chart",
                &super::charts::FinanceWords::new(strings, language, finances),
            ),
        }
    }
}

#[derive(Serialize)]
pub struct ShareContext {
    /// The absolute short address (`https://…/r/icon-leaflet/`).
    pub short_url: String,
    pub poster_url: String,
}

/// A year-on-year table: one row per figure, one column per year.
#[derive(Serialize)]
pub struct YearOnYear {
    pub years: Vec<String>,
    pub rows: Vec<YearOnYearRow>,
}

#[derive(Serialize)]
pub struct YearOnYearRow {
    pub label: String,
    /// Formatted amounts, "–" where a year has no figure.
    pub amounts: Vec<String>,
}

/// The 404 page's context: no page, only the site.
#[derive(Serialize)]
pub struct NotFoundContext {
    pub title: String,
    pub url: String,
    pub kind: &'static str,
}

#[derive(Serialize, Clone)]
pub struct EventContext {
    /// "Tuesday 10 March 2026, 9:30am to 12:30pm".
    pub when: String,
    /// For `<time datetime>`: the start as ISO 8601.
    pub start_iso: String,
    pub location: Option<String>,
    pub online: bool,
    pub booking_url: Option<String>,
    pub booking_email: Option<String>,
    pub cost: Option<String>,
    pub capacity: Option<u32>,
    pub audiences: Vec<String>,
    pub topics: Vec<String>,
    /// This event's calendar file.
    pub ics_url: String,
    pub is_past: bool,
}

/// One event in a list.
#[derive(Serialize)]
pub struct EventCard {
    pub title: String,
    pub url: String,
    pub summary: Option<String>,
    pub when: String,
    pub start_iso: String,
    pub place: String,
}

/// The events section's list (or one audience's or topic's): what is
/// coming, the filters, and where the rest are.
#[derive(Serialize)]
pub struct EventsListing {
    pub upcoming: Vec<EventCard>,
    pub past_url: Option<String>,
    pub calendar_url: String,
    pub filters: Vec<EventFacet>,
    /// On a filter page: what it shows, and the whole list.
    pub current: Option<String>,
    pub all_url: String,
    /// Which events this page shows, when the list has more pages.
    pub pagination: Option<super::paging::PaginationContext>,
}

/// The audiences (or topics) events are for, each linking to its list.
#[derive(Serialize)]
pub struct EventFacet {
    /// `audience` or `topic`.
    pub key: &'static str,
    pub values: Vec<EventFilterLink>,
}

#[derive(Serialize)]
pub struct EventFilterLink {
    pub label: String,
    pub url: String,
    /// How many are coming up.
    pub count: usize,
    pub current: bool,
}
