//! The editors' engagement page (`/editors/engagement/`): the latest saved
//! engagement report, to read and to quote: totals, each priority and
//! audience, month by month (a chart with its table), the least-used
//! resources and videos, cost per use, and old links worth redirecting.
//! Kept out of search and the sitemap (`noindex`), like the reviews page.
//!
//! Invariant: every figure is the saved report's; nothing is counted here.

use serde::Serialize;

use super::context::SiteContext;
use super::generated::GeneratedPage;
use super::{RenderInput, RenderedFile};
use crate::content::engagement::{EngagementReport, Group, Item, Uses};
use crate::diagnostics::Diagnostic;

/// How many of the least-used entries are listed.
const LEAST_USED: usize = 10;

#[derive(Serialize)]
struct Row {
    name: String,
    url: Option<String>,
    uses: Uses,
    total: u64,
    cost: Option<String>,
    cost_note: Option<String>,
    cost_per_use: Option<String>,
}

pub fn render_engagement_page(
    input: &RenderInput<'_>,
    site_context: &SiteContext,
) -> Option<Result<RenderedFile, Diagnostic>> {
    let site = input.site;
    let url = site.engagement_page()?;
    let report = site.engagement.last()?;
    let language = &site.config.language;
    let text = |key: &str, slots: &[(&str, &str)]| site.strings.text(language, key, slots);
    let (start, end) = (
        report.period.start.clone().unwrap_or_default(),
        report.period.end.clone().unwrap_or_default(),
    );
    let page = GeneratedPage {
        url,
        title: text("engagement_title", &[]),
        summary: Some(text(
            "engagement_summary",
            &[("start", &start), ("end", &end)],
        )),
        kind: "editors",
        breadcrumbs: Vec::new(),
    };
    let totals = report.totals();
    let months = months(report);
    let chart = super::charts::count_chart(
        "uses-by-month",
        &text("month_by_month", &[]),
        &text(
            "engagement_chart_description",
            &[("start", &start), ("end", &end)],
        ),
        &months,
    );
    let extra = minijinja::context! {
        start, end,
        totals => totals,
        visitors => report.period.visitors,
        bots_excluded => report.period.bots_excluded,
        priorities => groups(&report.priorities),
        audiences => groups(&report.audiences),
        months => months,
        chart => chart,
        least_used => least_used(report, language),
        costed => costed(report),
        redirects => report.not_found.iter().filter(|missing| missing.suggestion.is_some()).take(20).collect::<Vec<_>>(),
        old_addresses => &report.old_addresses,
    };
    Some(page.render(input, site_context, "engagement.html", extra))
}

/// Uses (views, downloads, plays) per month, over every item.
fn months(report: &EngagementReport) -> Vec<(String, u64)> {
    let mut by_month: std::collections::BTreeMap<&str, u64> = std::collections::BTreeMap::new();
    for item in &report.items {
        for (month, uses) in &item.by_month {
            *by_month.entry(month.as_str()).or_default() += uses.uses();
        }
    }
    by_month
        .into_iter()
        .map(|(month, uses)| (month.to_string(), uses))
        .collect()
}

fn pounds(amount: f64) -> String {
    format!("£{amount:.2}")
}

fn groups(groups: &[Group]) -> Vec<Row> {
    groups
        .iter()
        .map(|group| Row {
            name: group.label.clone(),
            url: None,
            uses: group.uses,
            total: group.uses.uses(),
            cost: group.cost.map(|cost| format!("£{cost}")),
            cost_note: None,
            cost_per_use: group.cost_per_use.map(pounds),
        })
        .collect()
}

fn row(item: &Item) -> Row {
    Row {
        name: item.title.clone(),
        url: Some(item.url.clone()),
        uses: item.uses,
        total: item.uses.uses(),
        cost: item.cost.map(|cost| format!("£{cost}")),
        cost_note: item.cost_note.clone(),
        cost_per_use: item.cost_per_use.map(pounds),
    }
}

/// Resources and videos in the site's own language, fewest uses first.
fn least_used(report: &EngagementReport, language: &str) -> Vec<Row> {
    let mut entries: Vec<&Item> = report
        .items
        .iter()
        .filter(|item| matches!(item.kind.as_str(), "resource" | "video"))
        .filter(|item| item.language == language)
        .collect();
    entries.sort_by(|a, b| {
        a.uses
            .uses()
            .cmp(&b.uses.uses())
            .then_with(|| a.url.cmp(&b.url))
    });
    entries.into_iter().take(LEAST_USED).map(row).collect()
}

/// Entries that say what they cost, dearest per use first.
fn costed(report: &EngagementReport) -> Vec<Row> {
    let mut entries: Vec<&Item> = report
        .items
        .iter()
        .filter(|item| item.cost.is_some())
        .collect();
    entries.sort_by(|a, b| {
        let per_use = |item: &Item| item.cost_per_use.unwrap_or(f64::INFINITY);
        per_use(b)
            .total_cmp(&per_use(a))
            .then_with(|| a.url.cmp(&b.url))
    });
    entries.into_iter().map(row).collect()
}
