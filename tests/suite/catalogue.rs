//! Resource and video catalogues (issue 5): filter pages for every value
//! and every audience × topic pair with entries, never an empty one, with
//! counts; A–Z; links from the home page; filters in the page for the
//! progressive script.

use crate::rendering::main_of;
use crate::site_test::{SiteTest, assert_contains};

fn built() -> SiteTest {
    let site = SiteTest::new("catalogue-filters");
    site.build_ok();
    site
}

/// The titles listed on a catalogue page, in order.
fn listed_titles(html: &str) -> Vec<String> {
    html.split(r#"<h3 class="card__title"><a href=""#)
        .skip(1)
        .map(|rest| {
            let text = &rest[rest.find('>').map_or(0, |i| i + 1)..];
            text[..text.find("</a>").unwrap_or(0)].to_string()
        })
        .collect()
}

#[test]
fn a_page_for_every_value_and_every_audience_topic_pair_with_entries() {
    let site = built();
    let pages = [
        (
            "resources/audience/parents-and-carers/index.html",
            vec!["Safe sleep leaflet", "Apps for parents"],
        ),
        (
            "resources/audience/practitioners/index.html",
            vec!["Safe sleep leaflet", "Sleep assessment toolkit"],
        ),
        (
            "resources/topic/safer-sleeping/index.html",
            vec!["Safe sleep leaflet", "Sleep assessment toolkit"],
        ),
        (
            "resources/format/toolkit/index.html",
            vec!["Sleep assessment toolkit"],
        ),
        (
            "resources/priority/babies/index.html",
            vec!["Safe sleep leaflet", "Sleep assessment toolkit"],
        ),
        (
            "resources/audience/parents-and-carers/topic/online-safety/index.html",
            vec!["Apps for parents"],
        ),
        (
            "resources/audience/practitioners/topic/safer-sleeping/index.html",
            vec!["Safe sleep leaflet", "Sleep assessment toolkit"],
        ),
        (
            "resources/a-z/index.html",
            vec![
                "Apps for parents",
                "Safe sleep leaflet",
                "Sleep assessment toolkit",
            ],
        ),
        (
            "resources/index.html",
            vec![
                "Safe sleep leaflet",
                "Apps for parents",
                "Sleep assessment toolkit",
            ],
        ),
    ];
    for (path, titles) in pages {
        assert_eq!(listed_titles(&site.read_output(path)), titles, "{path}");
    }
    assert!(
        !site
            .output()
            .join("resources/audience/practitioners/topic/online-safety")
            .exists(),
        "no empty pair page"
    );
}

#[test]
fn filter_links_carry_counts_and_mark_the_current_value() {
    let site = built();
    let html = site.read_output("resources/audience/parents-and-carers/index.html");
    assert_contains(
        &html,
        r#"<a href="/resources/audience/parents-and-carers/" data-value="parents-and-carers" aria-current="page">Parents and carers <span class="filters__count">(2)</span></a>"#,
    );
    assert_contains(
        &html,
        r#"<a href="/resources/audience/parents-and-carers/topic/safer-sleeping/" data-value="safer-sleeping">Safer sleeping <span class="filters__count">(1)</span></a>"#,
    );
    assert!(
        !html.contains("data-complete"),
        "a filtered page is not the full list the script filters"
    );
    let all = site.read_output("resources/index.html");
    assert!(all.contains(r#"data-complete"#));
    assert_contains(
        &all,
        r#"data-audience="parents-and-carers practitioners" data-topic="safer-sleeping" data-format="leaflet" data-priority="babies" data-published="2025-05-01""#,
    );
    insta::assert_snapshot!("catalogue-filter-page", main_of(&html));
}

#[test]
fn home_links_to_each_audience_so_anything_is_two_clicks_away() {
    let site = built();
    let home = site.read_output("index.html");
    for (url, label) in [
        (
            "/resources/audience/parents-and-carers/",
            "Resources for parents and carers</a> (2)",
        ),
        (
            "/resources/audience/practitioners/",
            "Resources for practitioners</a> (2)",
        ),
    ] {
        assert!(
            home.contains(&format!(r#"<a href="{url}">{label}"#)),
            "{url} in {home}"
        );
    }
}

#[test]
fn content_may_link_to_a_filter_page() {
    let site = SiteTest::new("catalogue-filters");
    site.write("content/about.md", "+++\ntitle = \"About\"\n+++\nSee [resources for parents](/resources/audience/parents-and-carers/) and [nothing](/resources/audience/pirates/).\n");
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0].location(), "content/about.md:4:84");
}

#[test]
fn exports_parse_back_to_the_model() {
    let site = built();
    let json: serde_json::Value =
        serde_json::from_str(&site.read_output("resources.json")).expect("resources.json parses");
    let records = json.as_array().expect("an array");
    let titles: Vec<&str> = records.iter().filter_map(|r| r["title"].as_str()).collect();
    assert_eq!(
        titles,
        [
            "Safe sleep leaflet",
            "Apps for parents",
            "Sleep assessment toolkit"
        ]
    );
    assert_eq!(
        records[0]["audiences"],
        serde_json::json!(["parents-and-carers", "practitioners"])
    );
    assert_eq!(records[0]["priorities"], serde_json::json!(["babies"]));
    assert_eq!(
        records[0]["page"],
        "https://fixture.example.org/resources/sleep/"
    );
    assert_eq!(records[0]["published"], "2025-05-01");

    let csv_text = site.read_output("resources.csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(&header[..4], ["title", "page", "summary", "audiences"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|row| row.expect("row")).collect();
    assert_eq!(rows.len(), records.len());
    assert_eq!(&rows[0][3], "parents-and-carers; practitioners");
    assert_eq!(&rows[2][0], "Sleep assessment toolkit");

    let page = site.read_output("open-data/index.html");
    assert_contains(&page, r#"<a href="/resources.csv">Resources as CSV</a>"#);
    assert_contains(
        &page,
        "<th scope=\"row\"><code>review_by</code></th><td>date</td>",
    );
}

#[test]
fn finances_are_exported_with_totals() {
    let site = SiteTest::new("finances-do-not-add-up");
    assert_eq!(site.build().code, 0);
    let json: serde_json::Value =
        serde_json::from_str(&site.read_output("reports/2024-25/finances.json")).expect("parses");
    assert_eq!(json["total_income"], 100_000);
    assert_eq!(json["income"][0]["label"], "County council");
    let csv_text = site.read_output("reports/2024-25/finances.csv");
    assert_eq!(
        csv_text,
        "section,label,amount\nincome,County council,100000\nexpenditure,Staffing,80000\ntotal,Total income,100000\ntotal,Total expenditure,80000\nreserves,Opening reserves,50000\nreserves,Closing reserves,60000\n"
    );
}

#[test]
fn a_priority_page_gathers_everything_tagged_with_it_by_kind() {
    let site = built();
    let html = site.read_output("priorities/babies/index.html");
    assert_contains(
        &html,
        r##"<li><a href="#tagged-resources">Resources (2)</a></li><li><a href="#tagged-news">News (1)</a></li>"##,
    );
    assert_contains(&html, "Everything on this priority (3)");
    assert_contains(
        &html,
        r#"<a href="/news/sleep-guidance/">New sleep guidance</a>"#,
    );
}

#[test]
fn editors_page_lists_overdue_and_soon_due_reviews() {
    let site = SiteTest::new("catalogue-filters");
    let resource = |title: &str, review_by: &str| {
        format!(
            "+++\ntitle = \"{title}\"\nsummary = \"x\"\naudiences = [\"parents-and-carers\"]\ntopics = [\"online-safety\"]\nformat = \"leaflet\"\nurl = \"https://www.example.org/x\"\npublished = 2024-01-01\nreview_by = {review_by}\n+++\nx\n"
        )
    };
    site.write(
        "content/resources/old.md",
        &resource("An old leaflet", "2025-12-01"),
    );
    site.write(
        "content/resources/soon.md",
        &resource("A leaflet due soon", "2026-02-15"),
    );
    let build = site.build_ok();
    assert!(
        build.stderr.contains("warning[review-overdue]"),
        "{}",
        build.stderr
    );
    let html = site.read_output("editors/reviews/index.html");
    assert!(html.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(
        html.contains("Past their review date (1)")
            && html.contains("Due in the next three months (1)"),
        "{html}"
    );
    assert_contains(
        &html,
        r#"<a href="/resources/old/">An old leaflet</a></th><td><time datetime="2025-12-01">1 December 2025</time></td><td><code>content/resources/old.md</code>"#,
    );
    assert_contains(
        &html,
        r#"<a href="/resources/soon/">A leaflet due soon</a>"#,
    );
}

#[test]
fn catalogue_page_and_poster_snapshots() {
    let site = built();
    insta::assert_snapshot!(
        "catalogue-page",
        main_of(&site.read_output("resources/index.html"))
    );
    insta::assert_snapshot!(
        "poster-page",
        main_of(&site.read_output("resources/sleep/poster/index.html"))
    );
}

/// A resource with the given tags, for the related-entries test.
fn tagged_resource(title: &str, topics: &str, priorities: &str, published: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\nsummary = \"{title} summary.\"\n\
         audiences = [\"parents-and-carers\"]\ntopics = [{topics}]\nformat = \"leaflet\"\n\
         url = \"https://www.example.org/{published}\"\npublished = {published}\n\
         review_by = 2027-06-01\npriorities = [{priorities}]\n+++\nAbout it.\n"
    )
}

/// The titles in a page's "Related" section, in order.
fn related_titles(site: &SiteTest, page: &str) -> Vec<String> {
    let html = site.read_output(page);
    html.split_once(r#"id="related-heading""#)
        .map(|(_, related)| listed_titles(&related[..related.find("</section>").unwrap_or(0)]))
        .unwrap_or_default()
}

#[test]
fn related_entries_share_the_most_topics_then_priorities_newest_first() {
    let site = SiteTest::new("catalogue-filters");
    let both = r#""safer-sleeping", "online-safety""#;
    let resources = [
        (
            "both",
            "Sleep and screens",
            both,
            r#""babies""#,
            "2024-01-01",
        ),
        ("old", "Old screens guide", both, "", "2020-01-01"),
        (
            "night",
            "Night-time checklist",
            r#""safer-sleeping""#,
            "",
            "2026-01-01",
        ),
    ];
    for (file, title, topics, priorities, published) in resources {
        let text = tagged_resource(title, topics, priorities, published);
        site.write(&format!("content/resources/{file}.md"), &text);
    }
    site.build_ok();
    // Two shared topics beat a newer page; then a shared priority; then
    // the newest.
    assert_eq!(
        related_titles(&site, "resources/both/index.html"),
        [
            "Old screens guide",
            "Safe sleep leaflet",
            "Sleep assessment toolkit"
        ]
    );
    assert_eq!(
        related_titles(&site, "resources/night/index.html"),
        [
            "Safe sleep leaflet",
            "Sleep assessment toolkit",
            "Sleep and screens"
        ]
    );
    // Nothing shared, nothing shown: only two pages share online safety.
    assert_eq!(
        related_titles(&site, "resources/apps/index.html"),
        ["Sleep and screens", "Old screens guide"]
    );
}

/// Issue 17, resources by language: an entry in another language, or with
/// a version in one, is listed on that language's page, named in itself
/// and in English, linked from the filters and the home page; English
/// (the site's language, whatever its region) gets no page.
#[test]
fn resources_in_other_languages_have_their_own_pages() {
    let site = SiteTest::new("resources-in-other-languages");
    let build = site.build_ok();
    assert!(
        build.stderr.contains("0 errors, 0 warnings"),
        "{}",
        build.stderr
    );
    let polish = site.read_output("resources/language/pl/index.html");
    assert_contains(&polish, "<h1>Resources in Polski / Polish</h1>");
    assert_contains(
        &polish,
        r#"<a href="/resources/sleep-polish/">Bezpieczny sen niemowląt</a>"#,
    );
    assert_contains(
        &polish,
        r#"<a href="/resources/crying-baby/">Coping with a crying baby</a>"#,
    );
    assert!(!polish.contains("Reading with your child"), "{polish}");
    let urdu = site.read_output("resources/language/ur/index.html");
    assert_contains(
        &urdu,
        r#"<a href="/resources/crying-baby/">Coping with a crying baby</a>"#,
    );
    assert!(!urdu.contains("Bezpieczny sen"), "{urdu}");
    assert!(
        !site
            .output()
            .join("resources/language/en/index.html")
            .exists(),
        "the site's own language has no page"
    );
    let all = site.read_output("resources/index.html");
    assert_contains(
        &all,
        r#"<a href="/resources/language/pl/" data-value="pl"><span lang="pl">Polski</span> / Polish <span class="filters__count">(2)</span></a>"#,
    );
    assert_contains(
        &all,
        r#"data-published="2025-03-01" data-language="pl ur">"#,
    );
    let home = site.read_output("index.html");
    assert_contains(
        &home,
        r#"<li><a href="/resources/language/ur/"><span lang="ur">اردو</span> / Urdu</a> (1)</li>"#,
    );
    let crying = site.read_output("resources/crying-baby/index.html");
    assert_contains(
        &crying,
        r#"<li><span lang="pl">Polski</span>: <a href="/resources/crying-baby/go/pl/" hreflang="pl" lang="pl">Ulotka po polsku</a>"#,
    );
    // The link out goes through the page's own address, which leads on.
    assert_contains(
        &site.read_output("resources/crying-baby/go/pl/index.html"),
        r#"<meta http-equiv="refresh" content="0; url=https://www.example.org/crying-pl">"#,
    );
    let export: serde_json::Value =
        serde_json::from_str(&site.read_output("resources.json")).expect("JSON export");
    let languages: Vec<&serde_json::Value> = export
        .as_array()
        .expect("a list of entries")
        .iter()
        .map(|entry| &entry["other_languages"])
        .collect();
    assert_eq!(
        languages,
        [
            &serde_json::json!(["pl"]),
            &serde_json::json!(["pl", "ur"]),
            &serde_json::json!([])
        ]
    );
}
