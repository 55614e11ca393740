//! `reportsite digest`: what is new or updated since a day, ready to paste
//! into the mailing tool schools and practitioners already receive: email
//! HTML (inline styles, a 600-pixel table, no style sheet, no script, no
//! images) and the same as plain text. Resources and videos are grouped by
//! audience and linked by their short addresses, so the digest's clicks
//! are counted as short-link visits; news and yearly reports follow.
//!
//! Invariant: every link is an absolute address of a page the build
//! writes, and all text from content is escaped for HTML.

use crate::content::{Date, PageId, PageKind, Site};
use crate::escape::{html_attribute, html_text};

/// The two forms of one digest.
pub struct Digest {
    pub html: String,
    pub text: String,
    /// How many pages it lists (one listed for two audiences counts once).
    pub entries: usize,
}

/// One page in the digest.
struct Entry {
    title: String,
    summary: String,
    url: String,
    updated: bool,
}

/// A heading and the pages under it.
struct Group {
    heading: String,
    entries: Vec<Entry>,
}

/// The digest of what was published, reviewed or dated from `since`;
/// `report_concern` is the resolved address of the report-a-concern page.
pub fn digest(site: &Site, since: Date, report_concern: &str) -> Digest {
    let language = site.config.language.as_str();
    let groups = groups(site, since);
    let entries = groups
        .iter()
        .flat_map(|group| group.entries.iter().map(|entry| entry.url.as_str()))
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let title = site.strings.text(
        language,
        "digest_title",
        &[(
            "date",
            &site
                .strings
                .long_date(language, since.year, since.month, since.day),
        )],
    );
    Digest {
        html: html(site, &title, &groups, &absolute(site, report_concern)),
        text: text(site, &title, &groups, &absolute(site, report_concern)),
        entries,
    }
}

/// New since `since`: published then or later; updated: reviewed then or
/// later. Originals only (a translation is not news of its own).
fn change(site: &Site, id: PageId, since: Date) -> Option<bool> {
    let page = site.page(id);
    if page.language.is_some() {
        return None;
    }
    match &page.kind {
        PageKind::Resource(_) | PageKind::Video(_) => {
            let fields = page.catalogue_fields()?;
            match (
                fields.published >= since,
                fields.reviewed.is_some_and(|day| day >= since),
            ) {
                (true, _) => Some(false),
                (false, true) => Some(true),
                _ => None,
            }
        }
        PageKind::News(_) => page.date.filter(|day| *day >= since).map(|_| false),
        PageKind::Report(report) => (report.published >= since).then_some(false),
        _ => None,
    }
}

fn entry(site: &Site, id: PageId, updated: bool) -> Entry {
    let page = site.page(id);
    let address = site.short_url(id).unwrap_or_else(|| page.url.clone());
    Entry {
        title: page.title.clone(),
        summary: page.summary.clone().unwrap_or_default(),
        url: format!("{}{address}", site.config.base_url),
        updated,
    }
}

fn groups(site: &Site, since: Date) -> Vec<Group> {
    let language = site.config.language.as_str();
    let changed: Vec<(PageId, bool)> = site
        .page_ids()
        .filter_map(|id| change(site, id, since).map(|updated| (id, updated)))
        .collect();
    let mut groups: Vec<Group> = site
        .config
        .audiences
        .iter()
        .map(|audience| Group {
            heading: site.strings.text(
                language,
                "digest_for_audience",
                &[("audience", audience.label_in(None))],
            ),
            entries: changed
                .iter()
                .filter(|(id, _)| {
                    site.page(*id)
                        .catalogue_fields()
                        .is_some_and(|fields| fields.audiences.contains(&audience.slug))
                })
                .map(|&(id, updated)| entry(site, id, updated))
                .collect(),
        })
        .collect();
    let of_kind = |wanted: fn(&PageKind) -> bool| -> Vec<Entry> {
        changed
            .iter()
            .filter(|(id, _)| wanted(&site.page(*id).kind))
            .map(|&(id, updated)| entry(site, id, updated))
            .collect()
    };
    groups.push(Group {
        heading: site.strings.text(language, "digest_news", &[]),
        entries: of_kind(|kind| matches!(kind, PageKind::News(_))),
    });
    groups.push(Group {
        heading: site.strings.text(language, "digest_reports", &[]),
        entries: of_kind(|kind| matches!(kind, PageKind::Report(_))),
    });
    groups.retain(|group| !group.entries.is_empty());
    groups
}

/// A site-root href (with the base path) or an outside address, absolute.
fn absolute(site: &Site, href: &str) -> String {
    if crate::output_path::has_scheme(href) {
        return href.to_string();
    }
    format!("{}{href}", site.config.origin())
}

const FONT: &str = "font-family: Arial, Helvetica, sans-serif;";

fn html(site: &Site, title: &str, groups: &[Group], concern_url: &str) -> String {
    let language = site.config.language.as_str();
    let updated = site.strings.text(language, "digest_updated", &[]);
    let mut rows = String::new();
    for group in groups {
        rows.push_str(&format!(
            r#"<tr><td style="padding: 24px 0 8px 0; {FONT} font-size: 22px; font-weight: bold; color: #0b0c0c;">{}</td></tr>"#,
            html_text(&group.heading)
        ));
        for entry in &group.entries {
            let marker = match entry.updated {
                true => format!(
                    " <span style=\"color: #505a5f;\">({})</span>",
                    html_text(&updated)
                ),
                false => String::new(),
            };
            rows.push_str(&format!(
                r#"<tr><td style="padding: 0 0 16px 0; {FONT} font-size: 16px; line-height: 1.5; color: #0b0c0c;"><a href="{url}" style="color: #1d70b8; font-weight: bold; text-decoration: underline;">{title}</a>{marker}<br>{summary}<br><span style="color: #505a5f;">{shown}</span></td></tr>"#,
                url = html_attribute(&entry.url),
                title = html_text(&entry.title),
                summary = html_text(&entry.summary),
                shown = html_text(&entry.url),
            ));
        }
    }
    format!(
        r#"<!DOCTYPE html>
<!-- Written by reportsite digest: paste into your mailing tool. -->
<html lang="{lang}" dir="{dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
</head>
<body style="margin: 0; padding: 0; background: #ffffff;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td align="center" style="padding: 16px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width: 100%; max-width: 600px;">
<tr><td style="padding: 0 0 8px 0; {FONT} font-size: 16px; color: #505a5f;">{site}</td></tr>
<tr><td style="padding: 0 0 8px 0; {FONT} font-size: 28px; font-weight: bold; color: #0b0c0c;"><h1 style="margin: 0; font-size: 28px;">{title}</h1></td></tr>
{rows}
<tr><td style="padding: 24px 0 0 0; border-top: 1px solid #b1b4b6; {FONT} font-size: 14px; color: #505a5f;">{concern} <a href="{concern_url}" style="color: #1d70b8;">{concern_url_text}</a></td></tr>
</table>
</td></tr></table>
</body>
</html>
"#,
        lang = html_attribute(language),
        dir = crate::language::TextDirection::of(language).as_str(),
        title = html_text(title),
        site = html_text(&site.config.title),
        concern = html_text(
            site.config
                .contact
                .report_concern_text
                .as_deref()
                .unwrap_or_default()
        ),
        concern_url = html_attribute(concern_url),
        concern_url_text = html_text(&site.strings.text(language, "how_to_report_a_concern", &[])),
    )
}

fn text(site: &Site, title: &str, groups: &[Group], concern_url: &str) -> String {
    let language = site.config.language.as_str();
    let updated = site.strings.text(language, "digest_updated", &[]);
    let mut out = format!("{}\n{title}\n", site.config.title);
    for group in groups {
        out.push_str(&format!(
            "\n{}\n{}\n",
            group.heading,
            "-".repeat(group.heading.chars().count())
        ));
        for entry in &group.entries {
            let marker = match entry.updated {
                true => format!(" ({updated})"),
                false => String::new(),
            };
            out.push_str(&format!(
                "\n{}{marker}\n{}\n{}\n",
                entry.title, entry.summary, entry.url
            ));
        }
    }
    out.push_str(&format!(
        "\n{}\n{}: {concern_url}\n",
        site.config
            .contact
            .report_concern_text
            .as_deref()
            .unwrap_or_default(),
        site.strings.text(language, "how_to_report_a_concern", &[])
    ));
    out
}
