//! Long lists a page at a time: a generated catalogue of a thousand
//! resources, news and events, each list split at `[catalogue] per_page`
//! (50 unless set) into pages at `page/2/`…, every page reached by a link,
//! named in the head (`rel="prev"`/`"next"`), counted right, in the
//! sitemap, and the catalogue's entries in `entries.json` for the filter
//! script.

use std::collections::BTreeSet;

use crate::site_test::{SiteTest, assert_contains};

const FIXTURE: &str = "long-lists";

/// Writes `count` resources: even ones for parents and carers, odd ones
/// for practitioners, every third about safer sleeping; resource `n` is
/// published `n` days after 1 January 2023, so the newest is the last.
fn write_resources(site: &SiteTest, count: usize) {
    let first = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).expect("a date");
    for n in 1..=count {
        let published = first + chrono::Days::new(n as u64);
        let audience = if n % 2 == 0 {
            "parents-and-carers"
        } else {
            "practitioners"
        };
        let topic = if n % 3 == 0 {
            "safer-sleeping"
        } else {
            "online-safety"
        };
        site.write(
            &format!("content/resources/resource-{n:04}.md"),
            &format!(
                "+++\ntitle = \"Resource {n:04}\"\nsummary = \"What resource {n} is for.\"\naudiences = [\"{audience}\"]\ntopics = [\"{topic}\"]\nformat = \"leaflet\"\nurl = \"https://www.example.org/r{n}\"\npublished = {published}\nreview_by = 2027-06-01\n+++\nAbout it.\n"
            ),
        );
    }
}

/// Every `href` of the elements that start with `opening` (up to their
/// first `href`), in order.
fn hrefs_after(html: &str, opening: &str) -> Vec<String> {
    html.match_indices(opening)
        .filter_map(|(at, _)| {
            let rest = &html[at..];
            let start = rest.find("href=\"")? + 6;
            let end = rest[start..].find('"')?;
            Some(rest[start..start + end].to_string())
        })
        .collect()
}

fn next_in_head(html: &str) -> Option<String> {
    hrefs_after(html, "<link rel=\"next\"").into_iter().next()
}

/// Follows a list's `rel="next"` from `first` to its last page: each
/// page's address and the addresses its cards link to.
fn walk_list(site: &SiteTest, first: &str) -> Vec<(String, Vec<String>)> {
    let mut pages = Vec::new();
    let mut next = Some(first.to_string());
    while let Some(url) = next {
        assert!(pages.len() < 100, "a list that never ends at {url}");
        let html = site.read_output(&format!("{}index.html", url.trim_start_matches('/')));
        let cards = hrefs_after(&html, "class=\"card__title\">");
        next = next_in_head(&html);
        pages.push((url, cards));
    }
    pages
}

#[test]
fn a_thousand_resources_go_fifty_to_a_page_each_linked_and_counted() {
    let site = SiteTest::new(FIXTURE);
    write_resources(&site, 1000);
    site.build_ok();

    let pages = walk_list(&site, "/resources/");
    let urls: Vec<&str> = pages.iter().map(|(url, _)| url.as_str()).collect();
    let expected: Vec<String> = std::iter::once("/resources/".to_string())
        .chain((2..=20).map(|n| format!("/resources/page/{n}/")))
        .collect();
    assert_eq!(urls, expected);
    assert!(pages.iter().all(|(_, cards)| cards.len() == 50));
    let listed: Vec<&String> = pages.iter().flat_map(|(_, cards)| cards).collect();
    let newest_first: Vec<String> = (1..=1000)
        .rev()
        .map(|n| format!("/resources/resource-{n:04}/"))
        .collect();
    assert_eq!(
        listed,
        newest_first.iter().collect::<Vec<_>>(),
        "every resource once, newest first"
    );
    assert!(!site.output().join("resources/page/21").exists());
    assert!(!site.output().join("resources/page/1").exists());

    // Each page's numbers and the previous/next links reach every page.
    let mut linked = BTreeSet::new();
    for (url, _) in &pages {
        let html = site.read_output(&format!("{}index.html", url.trim_start_matches('/')));
        let start = html
            .find("<nav class=\"pager\"")
            .expect("a page-number navigation");
        let nav = &html[start..start + html[start..].find("</nav>").expect("its end")];
        linked.extend(hrefs_after(nav, "<a "));
        assert_contains(nav, &format!("href=\"{url}\" aria-label=\"Page "));
    }
    assert_eq!(linked, expected.iter().cloned().collect::<BTreeSet<_>>());

    let tenth = site.read_output("resources/page/10/index.html");
    assert_contains(
        &tenth,
        "<title>Resources (page 10 of 20) – Fixture Partnership</title>",
    );
    assert_contains(&tenth, "<link rel=\"prev\" href=\"/resources/page/9/\">");
    assert_contains(&tenth, "<link rel=\"next\" href=\"/resources/page/11/\">");
    assert_contains(
        &tenth,
        "<link rel=\"canonical\" href=\"https://fixture.example.org/resources/page/10/\">",
    );
    assert_contains(&tenth, "<span data-count>1000</span>");
    assert_contains(&tenth, "Showing 451 to 500 of 1000.");
    assert_contains(
        &tenth,
        "href=\"/resources/page/10/\" aria-label=\"Page 10\" aria-current=\"page\">10</a>",
    );
    assert_contains(&tenth, "<li class=\"pager__gap\">&ctdot;</li>");
    assert_contains(
        &tenth,
        "data-entries=\"/resources/entries.json\" data-sort=\"newest\"",
    );
    assert!(
        !tenth.contains("data-complete"),
        "no page holds every entry"
    );
    // The filters count the whole catalogue, on every page.
    assert_contains(
        &tenth,
        "Parents and carers <span class=\"filters__count\">(500)</span>",
    );
    let last = site.read_output("resources/page/20/index.html");
    assert_contains(&last, "Showing 951 to 1000 of 1000.");
    assert!(next_in_head(&last).is_none());
    assert!(!last.contains("rel=\"next\""));
}

/// `entries.json`: all thousand, newest first, with their cards' words
/// and facets, and the A–Z order as positions.
fn assert_entries_index_holds_every_entry(site: &SiteTest) {
    let index: serde_json::Value =
        serde_json::from_str(&site.read_output("resources/entries.json")).expect("JSON");
    let entries = index["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 1000);
    assert_eq!(entries[0]["url"], "/resources/resource-1000/");
    assert_eq!(entries[0]["title"], "Resource 1000");
    assert_eq!(entries[0]["summary"], "What resource 1000 is for.");
    assert_eq!(entries[0]["facets"]["audience"], "parents-and-carers");
    assert_eq!(entries[0]["facets"]["topic"], "online-safety");
    let order: Vec<u64> = index["a_to_z"]
        .as_array()
        .expect("order")
        .iter()
        .filter_map(serde_json::Value::as_u64)
        .collect();
    assert_eq!(order.len(), 1000);
    assert_eq!(
        order[0], 999,
        "Resource 0001 is last by date, first by title"
    );
    assert_eq!(
        order.iter().collect::<BTreeSet<_>>().len(),
        1000,
        "each entry once"
    );
}

#[test]
fn filter_and_a_to_z_lists_are_paged_and_the_entries_index_holds_the_whole_catalogue() {
    let site = SiteTest::new(FIXTURE);
    write_resources(&site, 1000);
    site.build_ok();

    let parents = walk_list(&site, "/resources/audience/parents-and-carers/");
    assert_eq!(parents.len(), 10);
    assert_eq!(
        parents[9].0,
        "/resources/audience/parents-and-carers/page/10/"
    );
    let even: BTreeSet<String> = (1..=1000)
        .filter(|n| n % 2 == 0)
        .map(|n| format!("/resources/resource-{n:04}/"))
        .collect();
    let listed: BTreeSet<String> = parents
        .iter()
        .flat_map(|(_, cards)| cards.clone())
        .collect();
    assert_eq!(listed, even);

    // Parents and carers × safer sleeping: every sixth, 166 of them.
    let pair = walk_list(
        &site,
        "/resources/audience/parents-and-carers/topic/safer-sleeping/",
    );
    let sizes: Vec<usize> = pair.iter().map(|(_, cards)| cards.len()).collect();
    assert_eq!(sizes, [50, 50, 50, 16]);
    let fourth = site.read_output(
        "resources/audience/parents-and-carers/topic/safer-sleeping/page/4/index.html",
    );
    assert_contains(&fourth, "<span data-count>166</span>");
    assert_contains(&fourth, "Showing 151 to 166 of 166.");
    assert!(
        !fourth.contains("data-entries="),
        "a filter page is the fallback without JavaScript, not filtered again"
    );

    let a_to_z = walk_list(&site, "/resources/a-z/");
    assert_eq!(a_to_z.len(), 20);
    assert_eq!(a_to_z[0].1[0], "/resources/resource-0001/");
    assert_eq!(a_to_z[19].1[49], "/resources/resource-1000/");
    assert_contains(
        &site.read_output("resources/a-z/page/2/index.html"),
        "data-entries=\"/resources/entries.json\" data-sort=\"a-z\"",
    );

    assert_entries_index_holds_every_entry(&site);
    let sitemap = site.read_output("sitemap.xml");
    for url in [
        "/resources/page/20/",
        "/resources/a-z/page/20/",
        "/resources/audience/parents-and-carers/page/10/",
        "/resources/audience/parents-and-carers/topic/safer-sleeping/page/4/",
    ] {
        assert_contains(
            &sitemap,
            &format!("<loc>https://fixture.example.org{url}</loc>"),
        );
    }
    let heaviest = crate::site_test::files_under(&site.output())
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, file)| (std::fs::metadata(file).expect("size").len(), path))
        .max()
        .expect("pages");
    assert!(heaviest.0 < 100_000, "the heaviest page: {heaviest:?}");
}

#[test]
fn news_and_events_are_paged_at_the_site_s_size() {
    let site = SiteTest::new(FIXTURE);
    site.replace(
        "site.toml",
        "[contact]",
        "[catalogue]\nper_page = 5\n\n[contact]",
    );
    for n in 1..=12 {
        site.write(
            &format!("content/news/item-{n:02}.md"),
            &format!(
                "+++\ntitle = \"News item {n:02}\"\nsummary = \"What happened, {n}.\"\ndate = 2025-03-{n:02}\npriorities = [\"babies\"]\n+++\nWhat happened.\n"
            ),
        );
    }
    // The build day is 1 January 2026: seven to come, six over.
    let event = |name: &str, day: &str| {
        site.write(
            &format!("content/events/{name}.md"),
            &format!("+++\ntitle = \"{name}\"\nsummary = \"A briefing, {name}.\"\nstart = {day}T10:00:00\nend = {day}T12:00:00\nlocation = \"County Hall\"\nbooking_url = \"https://booking.example.org/{name}\"\naudiences = [\"practitioners\"]\npriorities = [\"babies\"]\n+++\nA briefing.\n"),
        );
    };
    for n in 1..=7 {
        event(&format!("coming-{n}"), &format!("2026-02-{n:02}"));
    }
    for n in 1..=6 {
        event(&format!("over-{n}"), &format!("2025-06-{n:02}"));
    }
    site.build_ok();

    let news = walk_list(&site, "/news/");
    let sizes: Vec<usize> = news.iter().map(|(_, cards)| cards.len()).collect();
    assert_eq!(sizes, [5, 5, 2]);
    assert_eq!(news[0].1[0], "/news/item-12/", "newest first");
    let third = site.read_output("news/page/3/index.html");
    assert_contains(&third, "<h1>News (page 3 of 3)</h1>");
    assert_contains(&third, "Showing 11 to 12 of 12.");
    assert_contains(&third, "<link rel=\"prev\" href=\"/news/page/2/\">");
    assert_contains(&third, "<a href=\"/news/\">News</a>");

    let coming = walk_list(&site, "/events/");
    let coming_cards: Vec<String> = coming.iter().flat_map(|(_, cards)| cards.clone()).collect();
    let soonest_first: Vec<String> = (1..=7).map(|n| format!("/events/coming-{n}/")).collect();
    assert_eq!(coming_cards, soonest_first);
    assert_eq!(coming.len(), 2);
    let filtered = walk_list(&site, "/events/audience/practitioners/");
    assert_eq!(filtered.len(), 2);
    assert_contains(
        &site.read_output("events/index.html"),
        "Practitioners <span class=\"filters__count\">(7)</span>",
    );
    let past = walk_list(&site, "/events/past/");
    let past_cards: Vec<String> = past.iter().flat_map(|(_, cards)| cards.clone()).collect();
    let latest_first: Vec<String> = (1..=6)
        .rev()
        .map(|n| format!("/events/over-{n}/"))
        .collect();
    assert_eq!(past_cards, latest_first);
    assert_contains(
        &site.read_output("events/past/page/2/index.html"),
        "<title>Past events (page 2 of 2) – Fixture Partnership</title>",
    );
    assert_priority_lists_its_tagged_pages_a_page_at_a_time(&site);
}

/// The twelve news items tagged with the priority and the thirteen events
/// (also tagged with it, past ones too): twenty-five, five to a page,
/// grouped, each group counted whole and linked where it starts.
fn assert_priority_lists_its_tagged_pages_a_page_at_a_time(site: &SiteTest) {
    let pages = walk_list(site, "/priorities/babies/");
    let sizes: Vec<usize> = pages.iter().map(|(_, cards)| cards.len()).collect();
    assert_eq!(sizes, [5, 5, 5, 5, 5]);
    let first = site.read_output("priorities/babies/index.html");
    assert_contains(&first, "Everything on this priority (25)");
    assert_contains(&first, "<a href=\"#tagged-news\">News (12)</a>");
    assert_contains(
        &first,
        "<a href=\"/priorities/babies/page/3/#tagged-events\">Training and events (13)</a>",
    );
    assert_contains(&first, "Why it matters.");
    let third = site.read_output("priorities/babies/page/3/index.html");
    assert_contains(&third, "<h1>Safeguarding babies (page 3 of 5)</h1>");
    assert_contains(&third, "<h3 id=\"tagged-news\">News (12)</h3>");
    assert_contains(
        &third,
        "<h3 id=\"tagged-events\">Training and events (13)</h3>",
    );
    assert!(
        !third.contains("Why it matters."),
        "a later page has the list alone"
    );
    assert_contains(&third, "<body class=\"kind-priority\">");
}

#[test]
fn a_page_size_out_of_range_or_a_page_on_a_list_s_address_is_refused_at_its_line() {
    let site = SiteTest::new(FIXTURE);
    site.replace(
        "site.toml",
        "[contact]",
        "[catalogue]\nper_page = 0\n\n[contact]",
    );
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    let refused = diagnostics
        .iter()
        .find(|d| d.code == "invalid-value")
        .expect("per_page refused");
    assert!(
        refused.location().starts_with("site.toml:7:"),
        "{}",
        refused.location()
    );
    assert_contains(
        refused.help.as_deref().unwrap_or(""),
        "50 entries per list page",
    );

    let site = SiteTest::new(FIXTURE);
    write_resources(&site, 60);
    site.write(
        "content/resources/page/2.md",
        "+++\ntitle = \"Page two\"\n+++\nA page where the list's second page goes.\n",
    );
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    let clash = diagnostics
        .iter()
        .find(|d| d.code == "duplicate-url")
        .unwrap_or_else(|| panic!("the clash is reported: {diagnostics:?}"));
    assert_eq!(clash.file.as_deref(), Some("content/resources/page/2.md"));
}

#[test]
fn the_editors_review_list_goes_a_page_at_a_time_overdue_first_and_stays_out_of_the_sitemap() {
    let site = SiteTest::new(FIXTURE);
    site.replace(
        "site.toml",
        "[contact]",
        "[catalogue]\nper_page = 5\n\n[contact]",
    );
    write_resources(&site, 12);
    // Seven past their date (the build day is 1 January 2026), five due
    // within three months.
    for n in 1..=12 {
        let review_by = if n <= 7 {
            format!("2025-06-{n:02}")
        } else {
            format!("2026-02-{n:02}")
        };
        site.replace(
            &format!("content/resources/resource-{n:04}.md"),
            "review_by = 2027-06-01",
            &format!("review_by = {review_by}"),
        );
    }
    site.build_ok();

    let pages: Vec<String> = ["", "page/2/", "page/3/"]
        .iter()
        .map(|page| site.read_output(&format!("editors/reviews/{page}index.html")))
        .collect();
    assert!(!site.output().join("editors/reviews/page/4").exists());
    let rows = |html: &str| hrefs_after(html, "<th scope=\"row\">");
    assert_eq!(
        rows(&pages[0]),
        (1..=5)
            .map(|n| format!("/resources/resource-{n:04}/"))
            .collect::<Vec<_>>(),
        "the longest overdue first"
    );
    assert_contains(&pages[0], "Past their review date (7)");
    assert!(!pages[0].contains("Due in the next three months"));
    assert_contains(&pages[1], "Past their review date (7)");
    assert_contains(&pages[1], "Due in the next three months (5)");
    assert_eq!(rows(&pages[1]).len(), 5);
    assert!(!pages[2].contains("Past their review date"));
    assert_eq!(rows(&pages[2]).len(), 2);
    assert_contains(&pages[2], "Showing 11 to 12 of 12.");
    assert_contains(&pages[2], "<meta name=\"robots\" content=\"noindex\">");
    assert_contains(
        &pages[2],
        "<title>Reviews due (page 3 of 3) – Fixture Partnership</title>",
    );
    assert!(!site.read_output("sitemap.xml").contains("/editors/"));
}
