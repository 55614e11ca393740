//! The Atom feed, sitemap and robots.txt, read back with real parsers
//! (feed-rs, roxmltree) from the demo site's build.

use std::collections::BTreeSet;

use crate::site_test::{SiteTest, assert_contains};

fn page_exists(site: &SiteTest, url: &str) -> bool {
    let path = url
        .strip_prefix("https://www.example.org/")
        .unwrap_or_else(|| panic!("{url} is not on the site"));
    site.output().join(path).join("index.html").is_file()
}

/// The pages in the site's own language in a content folder: its files
/// and bundles, less its section page and translations (`x.pl.md`).
fn entries_in(site: &SiteTest, folder: &str) -> usize {
    std::fs::read_dir(site.root.join("content").join(folder))
        .expect("a content folder")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with("_index") && name.matches('.').count() <= 1)
        .count()
}

#[test]
fn the_feed_lists_news_resources_videos_and_events_newest_first() {
    let site = SiteTest::demo();
    site.build_ok();
    let xml = std::fs::read(site.output().join("atom.xml")).expect("atom.xml");
    let feed = feed_rs::parser::parse(xml.as_slice()).expect("a valid Atom feed");
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
    let news = entries_in(&site, "news");
    let resources = entries_in(&site, "resources");
    let videos = entries_in(&site, "videos");
    let events = entries_in(&site, "events");
    assert_eq!(
        feed.entries.len(),
        (news + resources + videos + events).min(50)
    );
    let mut kinds = BTreeSet::new();
    let mut previous = None;
    for entry in &feed.entries {
        let link = &entry.links.first().expect("a link").href;
        assert!(page_exists(&site, link), "{link} is not a page");
        assert!(
            !link.contains("/editors/") && !link.contains("/poster/"),
            "{link}"
        );
        assert!(entry.summary.is_some(), "{link} has no summary");
        let published = entry.published.expect("published");
        // Nothing heads the feed from the future: an event to come with no
        // `date` goes in by the build's day (1 January 2026).
        assert!(
            published.date_naive() <= chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a day"),
            "{link} is dated {published}"
        );
        if let Some(previous) = previous {
            assert!(published <= previous, "not newest first at {link}");
        }
        previous = Some(published);
        kinds.extend(entry.categories.iter().map(|c| c.term.clone()));
    }
    assert_eq!(
        kinds,
        BTreeSet::from([
            "event".to_string(),
            "news".to_string(),
            "resource".to_string(),
            "video".to_string()
        ])
    );
    let home = site.read_output("index.html");
    assert_contains(
        &home,
        r#"<link rel="alternate" type="application/atom+xml""#,
    );
}

#[test]
fn the_sitemap_lists_every_public_page_once_and_nothing_else() {
    let site = SiteTest::demo();
    site.build_ok();
    let xml = site.read_output("sitemap.xml");
    let document = roxmltree::Document::parse(&xml).expect("valid XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let mut locs = Vec::new();
    for url in root.children().filter(roxmltree::Node::is_element) {
        let loc = url
            .children()
            .find(|n| n.has_tag_name("loc"))
            .and_then(|n| n.text())
            .expect("loc")
            .to_string();
        if let Some(lastmod) = url.children().find(|n| n.has_tag_name("lastmod")) {
            let day = lastmod.text().expect("lastmod text");
            assert!(day.len() == 10 && day.as_bytes()[4] == b'-', "{loc}: {day}");
        }
        assert!(page_exists(&site, &loc), "{loc} is not a page");
        let page = std::fs::read_to_string(
            site.output()
                .join(loc.trim_start_matches("https://www.example.org/"))
                .join("index.html"),
        )
        .expect("page");
        assert!(!page.contains("noindex"), "{loc} asks not to be indexed");
        locs.push(loc);
    }
    let unique: BTreeSet<&String> = locs.iter().collect();
    assert_eq!(unique.len(), locs.len(), "a page is listed twice");
    for absent in ["/editors/", "/404"] {
        assert!(
            locs.iter().all(|loc| !loc.contains(absent)),
            "{absent} is listed"
        );
    }
    // Printable posters (`<resource>/poster/`) copy their page: left out.
    for loc in &locs {
        let is_poster_copy = loc.ends_with("/poster/") && !loc.ends_with("/format/poster/");
        assert!(!is_poster_copy, "{loc} is a poster copy");
    }
    // Old addresses only redirect.
    assert!(
        locs.iter().all(|loc| !loc.ends_with("/icon/")),
        "a redirect is listed"
    );
    for present in [
        "https://www.example.org/",
        "https://www.example.org/resources/",
        "https://www.example.org/glossary/",
        "https://www.example.org/accessibility-statement/",
    ] {
        assert!(
            locs.iter().any(|loc| loc == present),
            "{present} is missing"
        );
    }
    // Every content page is there.
    let pages = walkdir::WalkDir::new(site.root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .count();
    assert!(
        locs.len() >= pages,
        "{} listed for {pages} content files",
        locs.len()
    );
    let robots = site.read_output("robots.txt");
    assert_contains(&robots, "Sitemap: https://www.example.org/sitemap.xml");
    assert_contains(&robots, "Disallow: /editors/");
}

#[test]
fn pages_carry_sharing_metadata() {
    let site = SiteTest::demo();
    site.build_ok();
    let video = site.read_output("videos/safer-sleeping-for-your-baby/index.html");
    assert_contains(
        &video,
        r#"<meta property="og:description" content="A short film"#,
    );
    assert_contains(
        &video,
        r#"<meta property="og:image" content="https://www.example.org/videos/safer-sleeping-for-your-baby/poster."#,
    );
    assert_contains(&video, r#"<meta name="description" content="A short film"#);
    assert_contains(&video, r#"<meta property="og:locale" content="en_GB">"#);
    let news = site.read_output("news/priorities-2025-27/index.html");
    assert_contains(&news, r#"<meta property="og:type" content="article">"#);
}
