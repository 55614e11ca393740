//! What `reportsite engagement` prints: one item per content page with its
//! uses, the same summed per priority, audience, topic, format and
//! language, the old addresses still used and the addresses not found
//! (each with the `[redirects]` entry to add), as JSON, CSV or text.
//!
//! Invariant: holds counts and the site's own names only.

use super::EngagementOptions;
use super::addresses::{AddressBook, content_link};
use super::tally::{Finished, Month};
use crate::config::VocabularyKind;
pub use crate::content::engagement::{
    EngagementReport as Report, Group, Item, NotFound, OldAddress, Period, Uses,
};
use crate::content::{PageId, Site};

/// What marks a report file this command wrote.
pub const WRITTEN_BY: &str = "reportsite engagement";

impl Report {
    pub fn new(
        site: &Site,
        book: &AddressBook<'_>,
        options: &EngagementOptions,
        finished: Finished,
    ) -> Self {
        let tally = &finished.tally;
        let period = Period {
            start: options.since.or(tally.first_day).map(|day| day.to_string()),
            end: options.until.or(tally.last_day).map(|day| day.to_string()),
            lines: tally.lines,
            unparsed: tally.unparsed,
            unparsed_at: tally
                .unparsed_at
                .iter()
                .map(|(log, line)| {
                    let name = options
                        .logs
                        .get(*log)
                        .map(|path| path.display().to_string());
                    format!("{}:{line}", name.unwrap_or_default())
                })
                .collect(),
            bots_excluded: tally.bots_excluded,
            visitors: finished.site_visitors,
            other_page_views: tally.other_page_views,
        };
        let items: Vec<Item> = site
            .page_ids()
            .map(|id| item(site, id, &finished))
            .collect();
        let ids: Vec<PageId> = site.page_ids().collect();
        Self {
            written_by: WRITTEN_BY.to_string(),
            priorities: priority_groups(site, &ids, &items),
            audiences: vocabulary_groups(site, &ids, &items, VocabularyKind::Audience),
            topics: vocabulary_groups(site, &ids, &items, VocabularyKind::Topic),
            formats: vocabulary_groups(site, &ids, &items, VocabularyKind::Format),
            languages: language_groups(site, &ids, &items),
            old_addresses: old_addresses(tally),
            not_found: not_found(site, book, tally),
            period,
            items,
        }
    }
}

fn item(site: &Site, id: PageId, finished: &Finished) -> Item {
    let page = site.page(id);
    let months = finished.tally.by_page.get(&id);
    let mut uses = Uses::default();
    let by_month = months
        .into_iter()
        .flatten()
        .map(|(month, counted)| {
            uses.add(counted);
            (month_name(*month), *counted)
        })
        .collect();
    let cost = page.catalogue_fields().and_then(|fields| fields.cost);
    let cost_note = page
        .catalogue_fields()
        .and_then(|fields| fields.cost_note.clone());
    Item {
        path: format!("content/{}", page.content_path.as_str()),
        url: format!("{}{}", site.config.base_path(), page.url),
        kind: page.kind_name().to_string(),
        language: site.language_of(id).to_string(),
        title: page.title.clone(),
        visitors: finished.visitors.get(&id).copied().unwrap_or_default(),
        cost,
        cost_note,
        cost_per_use: cost.and_then(|cost| per_use(u64::from(cost), uses.uses())),
        uses,
        by_month,
    }
}

fn month_name((year, month): Month) -> String {
    format!("{year:04}-{month:02}")
}

/// Pounds per use, to the penny; none when nothing was used.
fn per_use(cost: u64, uses: u64) -> Option<f64> {
    (uses > 0).then(|| (cost as f64 / uses as f64 * 100.0).round() / 100.0)
}

/// Sums the items whose page `belongs` to each group.
fn group<'a>(
    ids: &[PageId],
    items: &[Item],
    slug: &str,
    label: &str,
    belongs: impl Fn(PageId) -> bool + 'a,
) -> Group {
    let mut uses = Uses::default();
    let mut count = 0;
    let (mut cost, mut costed_uses) = (None::<u64>, 0);
    for (id, item) in ids.iter().zip(items) {
        if !belongs(*id) {
            continue;
        }
        count += 1;
        uses.add(&item.uses);
        if let Some(item_cost) = item.cost {
            cost = Some(cost.unwrap_or_default() + u64::from(item_cost));
            costed_uses += item.uses.uses();
        }
    }
    Group {
        slug: slug.to_string(),
        label: label.to_string(),
        items: count,
        uses,
        cost,
        cost_per_use: cost.and_then(|cost| per_use(cost, costed_uses)),
    }
}

fn priority_groups(site: &Site, ids: &[PageId], items: &[Item]) -> Vec<Group> {
    site.page_ids()
        .filter(|id| matches!(site.page(*id).kind, crate::content::PageKind::Priority(_)))
        .filter(|id| !site.page(*id).is_translation())
        .map(|priority| {
            let page = site.page(priority);
            let stem = page.content_path.stem().to_string();
            group(ids, items, &stem, &page.title, |id| {
                let tagged = site.page(id).priority_tags();
                tagged.iter().any(|tag| *tag.get_ref() == stem)
            })
        })
        .collect()
}

fn vocabulary_groups(
    site: &Site,
    ids: &[PageId],
    items: &[Item],
    kind: VocabularyKind,
) -> Vec<Group> {
    site.config
        .vocabulary(kind)
        .iter()
        .map(|term| {
            group(ids, items, &term.slug, &term.label, |id| {
                site.page(id)
                    .catalogue_fields()
                    .is_some_and(|fields| match kind {
                        VocabularyKind::Audience => fields.audiences.contains(&term.slug),
                        VocabularyKind::Topic => fields.topics.contains(&term.slug),
                        VocabularyKind::Format => fields.format == term.slug,
                    })
            })
        })
        .collect()
}

fn language_groups(site: &Site, ids: &[PageId], items: &[Item]) -> Vec<Group> {
    let mut codes: Vec<&str> = ids.iter().map(|id| site.language_of(*id)).collect();
    codes.sort_unstable();
    codes.dedup();
    codes
        .into_iter()
        .map(|code| {
            let name = crate::language::LanguageNames::of(code)
                .english
                .unwrap_or_else(|| code.to_string());
            group(ids, items, code, &name, |id| site.language_of(id) == code)
        })
        .collect()
}

fn old_addresses(tally: &super::tally::Tally) -> Vec<OldAddress> {
    let mut old: Vec<OldAddress> = tally
        .old_addresses
        .iter()
        .map(|(path, hits)| OldAddress {
            path: path.clone(),
            hits: *hits,
        })
        .collect();
    old.sort_by(|a, b| b.hits.cmp(&a.hits).then_with(|| a.path.cmp(&b.path)));
    old
}

/// Addresses that were asked for and not there, most asked first, each
/// with the page of the site nearest to it (the link check's suggester).
fn not_found(site: &Site, book: &AddressBook<'_>, tally: &super::tally::Tally) -> Vec<NotFound> {
    let urls: Vec<(String, PageId)> = site
        .page_ids()
        .map(|id| (site.page(id).url.to_string(), id))
        .collect();
    let mut missing: Vec<NotFound> = tally
        .not_found
        .iter()
        .map(|(path, hits)| {
            let nearest = crate::diagnostics::suggest::nearest_page(
                path,
                urls.iter().map(|(url, _)| url.as_str()),
            );
            let suggestion = nearest
                .and_then(|url| urls.iter().find(|(known, _)| known == url))
                .filter(|_| book.counted(path).is_none())
                .map(|(_, id)| format!("\"{path}\" = \"{}\"", content_link(site, *id)));
            NotFound {
                path: path.clone(),
                hits: *hits,
                suggestion,
            }
        })
        .collect();
    missing.sort_by(|a, b| b.hits.cmp(&a.hits).then_with(|| a.path.cmp(&b.path)));
    missing
}

/// The items table, one row per content page.
pub fn items_csv(report: &Report) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "path",
        "url",
        "kind",
        "title",
        "views",
        "downloads",
        "plays",
        "qr_scans",
        "short_link_visits",
        "outbound",
        "visitors",
        "cost",
        "cost_per_use",
    ])?;
    for item in &report.items {
        let optional = |value: Option<String>| value.unwrap_or_default();
        writer.write_record([
            item.path.clone(),
            item.url.clone(),
            item.kind.to_string(),
            item.title.clone(),
            item.uses.views.to_string(),
            item.uses.downloads.to_string(),
            item.uses.plays.to_string(),
            item.uses.qr_scans.to_string(),
            item.uses.short_link_visits.to_string(),
            item.uses.outbound.to_string(),
            item.visitors.to_string(),
            optional(item.cost.map(|cost| cost.to_string())),
            optional(item.cost_per_use.map(|cost| format!("{cost:.2}"))),
        ])?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| csv::Error::from(error.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// What a person reads: the period, the most used pages, the priorities,
/// and the redirects worth adding.
pub fn human(report: &Report) -> String {
    let period = &report.period;
    let mut out = format!(
        "Engagement from {} to {}: {} lines read ({} not readable), {} requests from bots left out, {} visitors (each once a day).\n",
        period.start.as_deref().unwrap_or("-"),
        period.end.as_deref().unwrap_or("-"),
        period.lines,
        period.unparsed,
        period.bots_excluded,
        period.visitors,
    );
    if !period.unparsed_at.is_empty() {
        out.push_str(&format!(
            "Not readable: {}\n",
            period.unparsed_at.join(", ")
        ));
    }
    let mut used: Vec<&Item> = report
        .items
        .iter()
        .filter(|item| item.uses.uses() > 0)
        .collect();
    used.sort_by(|a, b| {
        b.uses
            .uses()
            .cmp(&a.uses.uses())
            .then_with(|| a.url.cmp(&b.url))
    });
    out.push_str("\nMost used (views, downloads, plays; cost per use)\n");
    for item in used.iter().take(10) {
        out.push_str(&format!(
            "  {:>6}  {}  ({} views, {} downloads, {} plays){}\n",
            item.uses.uses(),
            item.title,
            item.uses.views,
            item.uses.downloads,
            item.uses.plays,
            item.cost_per_use
                .map(|cost| format!("; £{cost:.2} per use"))
                .unwrap_or_default()
        ));
    }
    out.push_str("\nPriorities\n");
    for priority in &report.priorities {
        out.push_str(&format!(
            "  {:>6}  {} ({} pages)\n",
            priority.uses.uses(),
            priority.label,
            priority.items
        ));
    }
    let suggestions: Vec<&NotFound> = report
        .not_found
        .iter()
        .filter(|missing| missing.suggestion.is_some())
        .collect();
    if !suggestions.is_empty() {
        out.push_str(
            "\nAddresses not found that people still ask for: add to [redirects] in site.toml\n",
        );
        for missing in suggestions.iter().take(10) {
            out.push_str(&format!(
                "  {}    # {} requests\n",
                missing.suggestion.as_deref().unwrap_or_default(),
                missing.hits
            ));
        }
    }
    out
}
