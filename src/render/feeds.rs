//! Machine-readable files: the Atom feed of news and new resources and
//! videos (`atom.xml`, written with `atom_syndication`), `sitemap.xml` of
//! every public page, and `robots.txt` pointing at it.
//!
//! Invariant: editors' pages, posters (print copies of pages), redirects
//! and the 404 page are in none of them; output is sorted and depends only
//! on the content (dates from front matter, else the file's day).

use std::fmt::Write;
use std::sync::Arc;

use atom_syndication::{Category, Entry, Feed, FixedDateTime, Link, Person, Text};

use super::RenderedFile;
use crate::content::{Date, PageId, Site, feed_path};
use crate::escape;
use crate::links::PageRecord;

/// How many entries the feed keeps: readers only look at the newest.
const FEED_ENTRIES: usize = 50;

pub const SITEMAP_PATH: &str = "sitemap.xml";
pub const ROBOTS_PATH: &str = "robots.txt";

pub fn render_machine_files(
    site: &Site,
    pages: &[PageRecord],
    build_date: Date,
) -> Vec<RenderedFile> {
    let feeds = site.feed_languages().into_iter().map(|language| {
        file(
            &feed_path(language),
            render_feed(site, language, build_date),
        )
    });
    feeds
        .chain([
            sitemap_file(site, pages),
            file(ROBOTS_PATH, render_robots(site)),
        ])
        .collect()
}

fn file(path: &str, text: String) -> RenderedFile {
    RenderedFile {
        path: path.to_string(),
        bytes: Arc::from(text.into_bytes()),
    }
}

/// News, resources and videos in `language` (`None`: the site's own) by
/// date, newest first.
fn feed_items(site: &Site, language: Option<&str>) -> Vec<(Date, PageId)> {
    let mut items: Vec<(Date, PageId)> = site
        .page_ids()
        .filter(|&id| site.page(id).language.as_deref() == language)
        .filter_map(|id| Some((site.feed_date(id)?, id)))
        .collect();
    items.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    items.truncate(FEED_ENTRIES);
    items
}

fn render_feed(site: &Site, language: Option<&str>, build_date: Date) -> String {
    let base = &site.config.base_url;
    let items = feed_items(site, language);
    let updated = items.first().map_or(build_date, |(date, _)| *date);
    let entries: Vec<Entry> = items
        .iter()
        .map(|&(date, id)| feed_entry(site, id, date))
        .collect();
    let declared = language.and_then(|code| site.config.declared_language(code));
    let title = declared
        .and_then(|language| language.title.clone())
        .unwrap_or_else(|| site.config.title.clone());
    let description = declared
        .and_then(|language| language.description.clone())
        .or_else(|| site.config.description.clone());
    let tag = language.unwrap_or(&site.config.language);
    let home = match language {
        None => format!("{base}/"),
        Some(code) => format!("{base}/{code}/"),
    };
    let feed = Feed {
        title: Text::plain(site.strings.text(tag, "feed_title", &[("site", &title)])),
        id: home.clone(),
        updated: day_start(updated),
        authors: vec![Person {
            name: title,
            uri: Some(home.clone()),
            ..Person::default()
        }],
        links: vec![
            link(format!("{base}/{}", feed_path(language)), "self"),
            link(home, "alternate"),
        ],
        subtitle: description.map(Text::plain),
        lang: Some(tag.to_string()),
        entries,
        ..Feed::default()
    };
    feed.to_string()
}

fn feed_entry(site: &Site, id: PageId, date: Date) -> Entry {
    let page = site.page(id);
    let permalink = format!("{}{}", site.config.base_url, page.url);
    Entry {
        title: Text::plain(page.title.clone()),
        id: permalink.clone(),
        updated: day_start(date),
        published: Some(day_start(date)),
        links: vec![link(permalink, "alternate")],
        summary: page.summary.clone().map(Text::plain),
        categories: vec![Category {
            term: page.kind_name().to_string(),
            scheme: None,
            label: Some(
                site.strings
                    .text(site.language_of(id), kind_key(&page.kind), &[]),
            ),
        }],
        ..Entry::default()
    }
}

fn link(href: String, rel: &str) -> Link {
    Link {
        href,
        rel: rel.to_string(),
        ..Link::default()
    }
}

/// Midnight UTC of `date` (front matter holds days, not times).
fn day_start(date: Date) -> FixedDateTime {
    FixedDateTime::parse_from_rfc3339(&format!("{date}T00:00:00Z")).unwrap_or_default()
}

/// `sitemap.xml` alone: after an edit, the only machine file that can
/// change (undated pages are dated by their file).
pub fn sitemap_file(site: &Site, pages: &[PageRecord]) -> RenderedFile {
    file(SITEMAP_PATH, render_sitemap(site, pages))
}

/// Every public page, with the day it last changed where known, and a
/// translated page's versions as `xhtml:link` alternates.
fn render_sitemap(site: &Site, pages: &[PageRecord]) -> String {
    let base = &site.config.base_url;
    let mut urls: Vec<SitemapEntry> = site
        .page_ids()
        .map(|id| {
            let page = site.page(id);
            let changed = last_changed(site, pages, id);
            (page.url.to_string(), changed, alternates(site, id))
        })
        .collect();
    urls.extend(
        site.listing_urls()
            .into_iter()
            .map(|url| (url, None, Vec::new())),
    );
    urls.sort();
    urls.dedup_by(|a, b| a.0 == b.0);
    let translated = urls.iter().any(|(_, _, alternates)| !alternates.is_empty());
    let mut xml = String::from(if translated {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
    } else {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    });
    for (url, changed, alternates) in urls {
        let _ = write!(
            xml,
            "<url><loc>{}</loc>",
            escape::xml(&format!("{base}{url}"))
        );
        if let Some(changed) = changed {
            let _ = write!(xml, "<lastmod>{changed}</lastmod>");
        }
        for (lang, url) in alternates {
            let _ = write!(
                xml,
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                escape::xml(&lang),
                escape::xml(&format!("{base}{url}"))
            );
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// One `<url>` of the sitemap: the address, the day it last changed, and
/// its versions in other languages as (language, address).
type SitemapEntry = (String, Option<Date>, Vec<(String, String)>);

/// Each version of a translated page (itself included) as (language, URL);
/// empty for a page with no translation.
fn alternates(site: &Site, id: PageId) -> Vec<(String, String)> {
    let versions = site.versions(id);
    if versions.len() < 2 {
        return Vec::new();
    }
    versions
        .into_iter()
        .map(|version| {
            let url = site.page(version).url.to_string();
            (site.language_of(version).to_string(), url)
        })
        .collect()
}

/// `reviewed` or `published` for catalogue entries, `date` for the rest,
/// else the day the file last changed.
fn last_changed(site: &Site, pages: &[PageRecord], id: PageId) -> Option<Date> {
    let page = site.page(id);
    page.catalogue_fields()
        .map(|fields| fields.reviewed.unwrap_or(fields.published))
        .or(page.date)
        .or(pages[id.0].modified)
}

fn render_robots(site: &Site) -> String {
    let base_path = site.config.base_path();
    format!(
        "User-agent: *\nDisallow: {base_path}/editors/\n\nSitemap: {}/{SITEMAP_PATH}\n",
        site.config.base_url
    )
}

/// The interface string naming a kind of page in a feed's categories.
fn kind_key(kind: &crate::content::PageKind) -> &'static str {
    use crate::content::PageKind;
    match kind {
        PageKind::Plain => "kind_page",
        PageKind::News(_) => "kind_news",
        PageKind::Report(_) | PageKind::Chapter(_) => "kind_report",
        PageKind::Priority(_) => "kind_priority",
        PageKind::Resource(_) => "kind_resource",
        PageKind::Video(_) => "kind_video",
        PageKind::Event(_) => "kind_event",
    }
}
