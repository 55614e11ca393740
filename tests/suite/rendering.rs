//! What a page looks like once rendered: links resolved, heading ids,
//! bundle files copied, and the HTML of representative pages.

use crate::site_test::{SiteTest, assert_contains, codes_at};

#[test]
fn relative_md_links_resolve_to_page_urls() {
    let site = SiteTest::new("link-relative-md");
    site.build_ok();
    let about = site.read_output("about/index.html");
    assert_contains(&about, r#"<a href="/advice/#safer-sleep">advice</a>"#);
    assert_contains(&about, r#"<a href="/sub/contact/">contact</a>"#);
    let contact = site.read_output("sub/contact/index.html");
    assert_contains(&contact, r#"<a href="/about/">Back</a>"#);
    let advice = site.read_output("advice/index.html");
    assert_contains(&advice, r#"<h2 id="safer-sleep">Safer sleep</h2>"#);
}

#[test]
fn decorative_images_get_empty_alt_and_files_are_copied() {
    let site = SiteTest::new("image-without-alt");
    site.write("content/about.md", "+++\ntitle = \"About\"\n+++\n![Our team at a training day](team.png)\n\n![](border.png \"decorative\")\n");
    site.build_ok();
    let html = site.read_output("about/index.html");
    assert_contains(
        &html,
        r#"<img src="/team.png" alt="Our team at a training day" srcset="/team.png 32w""#,
    );
    assert_contains(
        &html,
        r#"<img src="/border.png" alt="" srcset="/border.png 32w""#,
    );
    assert!(site.output().join("team.png").is_file());
}

#[test]
fn report_chapter_html() {
    let site = SiteTest::new("finances-do-not-add-up");
    site.build_ok();
    let html = site.read_output("reports/2024-25/finances/index.html");
    assert_contains(
        &html,
        r#"<th scope="row">County council</th><td class="numeric">£100,000</td>"#,
    );
    insta::assert_snapshot!("report-chapter-html", main_of(&html));
}

#[test]
fn a_long_report_lists_nearby_chapters_on_each_chapter() {
    let site = SiteTest::new("finances-do-not-add-up");
    for number in 2..=40 {
        site.write(
            &format!("content/reports/2024-25/part-{number}.md"),
            &format!("+++\ntitle = \"Part {number}\"\nweight = {number}\n+++\nText.\n"),
        );
    }
    site.build_ok();
    let chapter = site.read_output("reports/2024-25/part-20/index.html");
    let nav = &chapter[chapter.find("report-chapters").expect("chapter list")..];
    let nav = &nav[..nav.find("</nav>").expect("end of the list")];
    // Chapter 1 is the finances; part 20 is chapter 20, listed with the
    // five before and after it.
    assert_contains(nav, r#"<ol start="15">"#);
    assert_eq!(nav.matches("<li>").count(), 11, "{nav}");
    assert_contains(nav, r#"<a href="/reports/2024-25/part-15/">Part 15</a>"#);
    assert_contains(
        nav,
        r#"<a href="/reports/2024-25/part-20/" aria-current="page">Part 20</a>"#,
    );
    assert_contains(nav, r#"<a href="/reports/2024-25/part-25/">Part 25</a>"#);
    assert_contains(nav, r#"<a href="/reports/2024-25/">All 40 chapters</a>"#);
    let report = site.read_output("reports/2024-25/index.html");
    let all = &report[report.find("report-chapters").expect("chapter list")..];
    let all = &all[..all.find("</nav>").expect("end of the list")];
    assert_eq!(
        all.matches("<li>").count(),
        40,
        "the report's page lists all"
    );
    assert!(!all.contains("All 40 chapters"));
}

/// The `<main>` element: the part of a page the content decides.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").unwrap_or(0);
    let end = html
        .find("</main>")
        .map_or(html.len(), |end| end + "</main>".len());
    &html[start..end]
}

#[test]
fn data_table_beside_a_page_is_rendered_with_headers() {
    let site = SiteTest::new("data-table-row-short");
    site.write(
        "content/governance.toml",
        "[[tables]]\ncaption = \"Partners\"\ncolumns = [\"Organisation\", \"Role\"]\nrows = [[\"Leicestershire Police\", \"Safeguarding partner\"]]\n",
    );
    site.build_ok();
    let html = site.read_output("governance/index.html");
    assert_contains(&html, "<caption>Partners</caption>");
    assert_contains(
        &html,
        r#"<th scope="col">Organisation</th><th scope="col">Role</th>"#,
    );
    assert_contains(
        &html,
        r#"<th scope="row">Leicestershire Police</th><td>Safeguarding partner</td>"#,
    );
}

#[test]
fn pdf_download_shows_type_size_and_pages() {
    let site = SiteTest::new("resource-pdf");
    let build = site.build();
    assert_eq!(
        build.code, 0,
        "a file that is not a PDF is a warning: {}",
        build.stderr
    );
    let html = site.read_output("resources/briefing/index.html");
    assert_contains(
        &html,
        r#"<span class="button__detail"> (PDF, 133 bytes, 3 pages)</span>"#,
    );
    let broken = site.read_output("resources/broken/index.html");
    assert_contains(
        &broken,
        r#"<span class="button__detail"> (PDF, 23 bytes)</span>"#,
    );
    let (_, diagnostics) = site.check_json();
    let found = codes_at(&diagnostics);
    assert_eq!(
        found,
        ["unreadable-pdf content/resources/broken/index.md:7:8"]
    );
}

#[test]
fn reports_archive_compares_finances_year_on_year() {
    let site = SiteTest::new("finances-two-years");
    site.build_ok();
    let html = site.read_output("reports/index.html");
    assert_contains(
        &html,
        r#"<th scope="col" class="numeric">2023-24</th><th scope="col" class="numeric">2024-25</th>"#,
    );
    assert_contains(
        &html,
        r#"<tr><th scope="row">Total income</th><td class="numeric">£364,633</td><td class="numeric">£300,000</td></tr>"#,
    );
    assert_contains(
        &html,
        r#"<tr><th scope="row">Income less spending</th><td class="numeric">£158,362</td><td class="numeric">-£20,000</td></tr>"#,
    );
    assert_contains(
        &html,
        r#"<tr><th scope="row">Reserves at the start of the year</th><td class="numeric">£95,350</td><td class="numeric">–</td></tr>"#,
    );
    assert!(
        !html.contains("Reserves at the end of the year"),
        "a row with no figure in any year is left out"
    );
    let one_year = SiteTest::new("finances-do-not-add-up");
    assert_eq!(one_year.build().code, 0);
    assert!(
        !one_year.output().join("reports/index.html").is_file()
            || !one_year
                .read_output("reports/index.html")
                .contains("year-on-year")
    );
}

/// Issue 15: when the report says income and spending cover different
/// bodies (`comparable = false`), nothing subtracts one from the other: no
/// difference on the chapter, none year on year, no reserves warning.
#[test]
fn finances_that_cover_different_bodies_are_not_compared() {
    let site = SiteTest::new("finances-cover-different-bodies");
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 0);
    assert!(
        diagnostics.is_empty(),
        "closing reserves are not worked out from income less spending: {diagnostics:?}"
    );
    site.build_ok();
    let html = site.read_output("reports/2024-25/finances/index.html");
    assert_contains(
        &html,
        "<p>Income and spending cover different bodies, so they are not compared.</p>",
    );
    assert_contains(
        &html,
        "Income £364,633 and spending £206,271, which cover different bodies and are not compared.",
    );
    assert!(
        !html.contains("above spending") && !html.contains("above income"),
        "no difference is printed"
    );
    site.replace(
        "content/reports/2024-25/finances.toml",
        "comparable = false",
        "comparable = true",
    );
    site.build_ok();
    assert_contains(
        &site.read_output("reports/2024-25/finances/index.html"),
        "<p>Income above spending: £158,362.</p>",
    );
}

#[test]
fn comparable_must_be_true_or_false() {
    let site = SiteTest::new("finances-cover-different-bodies");
    site.replace(
        "content/reports/2024-25/finances.toml",
        "comparable = false",
        "comparable = \"no\"",
    );
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    assert_eq!(diagnostics[0].code, "invalid-value", "{diagnostics:?}");
    assert_eq!(
        diagnostics[0].location(),
        "content/reports/2024-25/finances.toml:4:14"
    );
    site.replace(
        "content/reports/2024-25/finances.toml",
        "comparable = \"no\"",
        "comparible = false",
    );
    let (_, diagnostics) = site.check_json();
    assert_eq!(diagnostics[0].code, "unknown-key", "{diagnostics:?}");
    assert_eq!(
        diagnostics[0].help.as_deref(),
        Some("did you mean 'comparable'?")
    );
}

#[test]
fn the_year_on_year_table_leaves_out_a_difference_that_is_not_comparable() {
    let site = SiteTest::new("finances-two-years");
    site.replace(
        "content/reports/2023-24/finances.toml",
        "currency = \"GBP\"",
        "currency = \"GBP\"\ncomparable = false",
    );
    site.build_ok();
    assert_contains(
        &site.read_output("reports/index.html"),
        r#"<tr><th scope="row">Income less spending</th><td class="numeric">–</td><td class="numeric">-£20,000</td></tr>"#,
    );
}

/// Issue 15: a site's own `static/favicon.*` replaces the default icon
/// whatever its format; the pages link the site's icon and the default one
/// is not published beside it.
#[test]
fn a_sites_own_icon_replaces_the_default() {
    let site = SiteTest::new("site-icon-overrides-default");
    site.build_ok();
    let own = std::fs::read(site.root.join("static/favicon.ico")).expect("the fixture's icon");
    let published = std::fs::read(site.output().join("favicon.ico")).expect("favicon.ico");
    assert_eq!(published, own, "the site's own favicon.ico is published");
    assert!(
        !site.output().join("favicon.svg").exists(),
        "the default SVG icon is left out"
    );
    assert_contains(
        &site.read_output("about/index.html"),
        r#"<link rel="icon" href="/favicon.ico" type="image/x-icon">"#,
    );
    let own_svg = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>"#;
    site.write("static/favicon.svg", own_svg);
    site.build_ok();
    assert_eq!(site.read_output("favicon.svg"), own_svg);
    assert_contains(
        &site.read_output("about/index.html"),
        r#"<link rel="icon" href="/favicon.svg" type="image/svg+xml">"#,
    );
}

#[test]
fn first_use_of_a_glossary_term_links_to_its_entry() {
    let site = SiteTest::new("glossary-terms");
    site.build_ok();
    let about = site.read_output("about/index.html");
    let expected = concat!(
        r#"<p>Ask <a class="glossary-term" href="/glossary/#camhs"><abbr title="Child and Adolescent Mental Health Services">CAMHS</abbr></a> for help. "#,
        r#"CAMHS again. <a href="https://www.example.org/">CAMHS link</a> and <code>CAMHS</code> code. "#,
        r#"<a class="glossary-term" href="/glossary/#early-help">Early help</a> is free.</p>"#
    );
    assert!(about.contains(expected), "{about}");
    assert!(
        about.contains(r#"<h2 id="camhs-support">CAMHS support</h2>"#),
        "headings are left alone"
    );
    let glossary = site.read_output("glossary/index.html");
    assert_contains(&glossary, r#"<dt id="camhs"><abbr>CAMHS</abbr></dt>"#);
    assert_contains(&glossary, r#"<dt id="early-help">Early help</dt>"#);
}

#[test]
fn a_term_listed_twice_in_the_glossary_is_an_error() {
    let site = SiteTest::new("glossary-terms");
    site.write("glossary.toml", "[[terms]]\nterm = \"ICB\"\nmeaning = \"a\"\n\n[[terms]]\nterm = \"ICB\"\nmeaning = \"b\"\n");
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    assert_eq!(diagnostics[0].location(), "glossary.toml:6:8");
}

#[test]
fn priority_impact_renders_under_the_same_headings_every_year() {
    let site = SiteTest::new("priority-impact");
    site.build_ok();
    let html = site.read_output("priorities/babies/index.html");
    for fragment in [
        r#"<h2 id="impact-2023-24">Impact in 2023-24</h2>"#,
        "<h3>What we did</h3><p>Promoted the ICON programme",
        "<h3>What difference it made</h3>",
        "<caption>Figures for 2023-24</caption>",
        r#"<tr><th scope="row">Learning events</th><td class="numeric">More than the year before</td></tr>"#,
        "<h3>What is next</h3>",
    ] {
        assert!(html.contains(fragment), "{fragment} in {html}");
    }
    assert!(
        !html.contains("What children and families told us"),
        "empty parts are left out"
    );
}

#[test]
fn misspelt_impact_key_and_bad_year_are_reported() {
    let site = SiteTest::new("priority-impact");
    site.replace(
        "content/priorities/babies.md",
        "difference =",
        "diffrence =",
    );
    site.replace(
        "content/priorities/babies.md",
        "year = \"2023-24\"",
        "year = \"2023-25\"",
    );
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    let found = codes_at(&diagnostics);
    assert_eq!(
        found,
        [
            "invalid-value content/priorities/babies.md:8:1",
            "unknown-key content/priorities/babies.md:11:1"
        ]
    );
    assert_eq!(
        diagnostics[1].help.as_deref(),
        Some("did you mean 'difference'?")
    );
}

#[test]
fn resource_shows_other_versions_and_where_it_comes_from() {
    let site = SiteTest::new("resource-versions");
    let build = site.build_ok();
    assert!(
        build.stderr.contains("0 errors, 0 warnings"),
        "{}",
        build.stderr
    );
    let html = site.read_output("resources/icon/index.html");
    assert_contains(
        &html,
        r#"<li><a href="/resources/icon/icon-easy-read.pdf">Easy read version</a> (PDF, 9 bytes)</li>"#,
    );
    assert_contains(
        &html,
        r#"<a href="/resources/icon/go/pl/" hreflang="pl" lang="pl">Ulotka po polsku (Polish)</a> (on example.org)"#,
    );
    assert_contains(
        &html,
        r#"<dt>Comes from</dt><dd><a href="/reports/2024-25/learning/">Learning from reviews</a></dd>"#,
    );
}

#[test]
fn resource_source_must_name_a_page() {
    let site = SiteTest::new("resource-versions");
    site.replace(
        "content/resources/icon/index.md",
        "learning.md",
        "lerning.md",
    );
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    assert_eq!(
        format!("{} {}", diagnostics[0].code, diagnostics[0].location()),
        "broken-link content/resources/icon/index.md:10:10"
    );
    assert_eq!(
        diagnostics[0].help.as_deref(),
        Some("did you mean '@/reports/2024-25/learning.md'?")
    );
}

#[test]
fn a_video_may_have_no_captions_only_when_it_says_why() {
    let site = SiteTest::new("video-captions-missing");
    site.replace(
        "content/videos/phones/index.md",
        "captions = \"captions.vtt\"\n",
        "",
    );
    let (code, diagnostics) = site.check_json();
    assert_eq!(
        (code, diagnostics[0].code.as_str()),
        (1, "missing-key"),
        "{diagnostics:?}"
    );
    site.replace(
        "content/videos/phones/index.md",
        "duration",
        "no_captions = \"It has music and no words.\"\nduration",
    );
    site.build_ok();
    let html = site.read_output("videos/phones/index.html");
    assert_contains(
        &html,
        "<dt>Captions</dt><dd>None: It has music and no words.</dd>",
    );
}

#[test]
fn accessibility_statement_follows_the_model_and_warns_when_old() {
    let site = SiteTest::new("accessibility-statement");
    site.build_ok();
    let (_, diagnostics) = site.check_json();
    let found = codes_at(&diagnostics);
    assert_eq!(found, ["statement-out-of-date site.toml:22:12"]);
    let html = site.read_output("accessibility-statement/index.html");
    for heading in [
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website's accessibility",
        "Compliance status",
        "Non-accessible content",
        "What we're doing to improve accessibility",
        "Preparation of this accessibility statement",
    ] {
        assert!(
            html.contains(&format!(">{heading}</h")),
            "{heading} in {html}"
        );
    }
    assert_contains(&html, "This website is partially compliant with");
    assert_contains(&html, "<li>Old PDFs may not work with screen readers.</li>");
    assert_contains(
        &html,
        r#"<a href="mailto:help@example.org">help@example.org</a>"#,
    );
    assert_contains(&html, "It was last reviewed on 1 June 2024.");
    assert!(
        site.read_output("cookies/index.html")
            .contains("This website does not set any cookies")
    );
}

#[test]
fn unknown_compliance_level_is_an_error() {
    let site = SiteTest::new("accessibility-statement");
    site.replace(
        "site.toml",
        "compliance = \"partial\"",
        "compliance = \"mostly\"",
    );
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    let found = codes_at(&diagnostics);
    assert!(
        found.contains(&"invalid-value site.toml:23:14".to_string()),
        "{found:?}"
    );
}

#[test]
fn pages_on_sensitive_topics_offer_a_quick_exit() {
    let site = SiteTest::new("quick-exit");
    site.build_ok();
    let sensitive = site.read_output("resources/help-at-home/index.html");
    assert_contains(
        &sensitive,
        r#"<a class="quick-exit__button" href="https://www.bbc.co.uk/weather" rel="nofollow noreferrer" data-quick-exit>Exit this page</a>"#,
    );
    assert!(
        !site
            .read_output("resources/apps/index.html")
            .contains("data-quick-exit")
    );
    site.replace(
        "site.toml",
        "topics = [\"domestic-abuse\"]",
        "topics = [\"domestic-abuse\", \"domestic\"]",
    );
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    assert_eq!(diagnostics[0].code, "unknown-topic");
    assert_eq!(
        diagnostics[0].help.as_deref(),
        Some("did you mean 'domestic-abuse'?")
    );
}
