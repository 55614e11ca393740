//! The output-level link check (issue 4): every URL in every written page
//! and stylesheet names a written file, every fragment an id on its page,
//! and a failure points at the Markdown, template or CSS line that made it.

use crate::site_test::{SiteTest, assert_contains};

/// Checks the fixture and asserts its first diagnostic's code and place,
/// exit 1 and no output, and snapshots the text.
fn assert_link_error(fixture: &str, code: &str, location: &str) {
    let site = SiteTest::new(fixture);
    let build = site.build();
    assert_eq!(build.code, 1, "{fixture}:\n{}", build.stderr);
    assert!(
        !site.output().exists(),
        "{fixture}: a failed build wrote public/"
    );
    let (_, diagnostics) = site.check_json();
    let first = diagnostics
        .first()
        .unwrap_or_else(|| panic!("{fixture}: no diagnostics"));
    assert_eq!(
        (first.code.as_str(), first.location().as_str()),
        (code, location),
        "{first:?}"
    );
    insta::assert_snapshot!(fixture, build.stderr);
}

#[test]
fn every_kind_of_working_link_passes() {
    let site = SiteTest::new("links-every-kind-working");
    let build = site.build_ok();
    assert!(
        build.stderr.contains("0 errors, 0 warnings"),
        "{}",
        build.stderr
    );
    let about = site.read_output("about/index.html");
    for href in [
        r#"href="/advice/#safer-sleep""#,
        r#"href="/advice/""#,
        r##"href="#who-we-are""##,
        r##"href="#main-content""##,
        r#"href="/videos/film/#transcript""#,
        r#"href="/advice/leaflet.pdf""#,
        r#"src="/reading.png""#,
    ] {
        assert!(about.contains(href), "{href} in {about}");
    }
}

#[test]
fn broken_site_root_link_in_a_template() {
    assert_link_error(
        "template-link-broken",
        "broken-link",
        "layouts/page.html:4:13",
    );
}

#[test]
fn anchor_that_no_template_produces() {
    assert_link_error(
        "template-anchor-missing",
        "missing-anchor",
        "layouts/page.html:4:13",
    );
}

#[test]
fn broken_image_srcset_candidate() {
    assert_link_error(
        "template-srcset-broken",
        "broken-link",
        "layouts/page.html:4:54",
    );
}

#[test]
fn broken_css_url() {
    assert_link_error(
        "stylesheet-url-broken",
        "broken-link",
        "static/css/site.css:3:20",
    );
}

#[test]
fn markdown_link_to_an_id_missing_from_the_rendered_page() {
    assert_link_error(
        "markdown-anchor-not-in-template",
        "missing-anchor",
        "content/about.md:4:56",
    );
    let (_, diagnostics) = SiteTest::new("markdown-anchor-not-in-template").check_json();
    assert_eq!(
        diagnostics.len(),
        1,
        "#main-content comes from the template and is fine: {diagnostics:?}"
    );
}

#[test]
fn malformed_mailto() {
    assert_link_error("mailto-malformed", "broken-link", "content/about.md:4:25");
}

#[test]
fn aliases_and_redirects_land() {
    let site = SiteTest::new("redirects-land");
    site.build_ok();
    for (file, target) in [
        ("old-site/icon.html", "/resources/icon/"),
        ("leaflets/icon/index.html", "/resources/icon/"),
        ("icon.html", "/resources/icon/"),
        ("old-site/news/index.html", "/news/"),
        ("old-site/lullaby.html", "https://www.lullabytrust.org.uk/"),
    ] {
        let html = site.read_output(file);
        assert!(
            html.contains(&format!(
                r#"<meta http-equiv="refresh" content="0; url={target}">"#
            )),
            "{file}: {html}"
        );
        assert!(
            html.contains(&format!(r#"<a href="{target}">"#)),
            "{file} has a visible link: {html}"
        );
        // Canonical names a page of this site, never another site's.
        assert_eq!(
            html.contains(r#"<link rel="canonical" href=""#),
            target.starts_with('/'),
            "{file}: {html}"
        );
    }
    let redirects = site.read_output("_redirects");
    assert_contains(&redirects, "/old-site/icon.html /resources/icon/ 301\n");
    assert_contains(&redirects, "/leaflets/icon /resources/icon/ 301\n");
}

#[test]
fn redirects_with_a_base_path() {
    let site = SiteTest::new("redirects-land");
    let build = site.run(&["build", "--base-url", "https://example.org/lrscp"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let redirects = site.read_output("_redirects");
    assert_contains(
        &redirects,
        "/lrscp/old-site/icon.html /lrscp/resources/icon/ 301\n",
    );
    let html = site.read_output("old-site/icon.html");
    assert_contains(
        &html,
        r#"<link rel="canonical" href="https://example.org/lrscp/resources/icon/">"#,
    );
}

#[test]
fn redirect_loop() {
    assert_link_error("redirect-loop", "redirect-loop", "site.toml:21:17");
}

#[test]
fn redirect_chain() {
    assert_link_error("redirect-chain", "redirect-chain", "site.toml:21:17");
}

#[test]
fn redirect_to_a_missing_page() {
    assert_link_error("redirect-target-missing", "broken-link", "site.toml:21:17");
}

#[test]
fn alias_colliding_with_a_page() {
    assert_link_error(
        "alias-collides-with-page",
        "duplicate-url",
        "content/contact.md:3:12",
    );
}

#[test]
fn vague_link_text_is_a_warning_with_the_target_title() {
    let site = SiteTest::new("link-text-vague");
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 0, "warnings do not fail a build");
    let found: Vec<(&str, String)> = diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.location()))
        .collect();
    assert_eq!(
        found,
        [
            ("vague-link-text", "content/about.md:4:21".to_string()),
            ("vague-link-text", "content/about.md:4:62".to_string())
        ]
    );
    assert_eq!(
        diagnostics[0].help.as_deref(),
        Some("say where it goes, for example [Safer sleep advice](advice.md)")
    );
    assert_eq!(site.run(&["check", "--deny-warnings"]).code, 1);
}

#[test]
fn json_link_report_lists_every_link_with_its_status() {
    let site = SiteTest::new("link-to-missing-page");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_reportsite"))
        .args(["check", "--format", "json"])
        .current_dir(&site.root)
        .output()
        .expect("run reportsite");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert_eq!(lines[0]["file"], "content/about.md");
    assert_eq!(lines[0]["line"], 4);
    assert_eq!(lines[0]["column"], 21);
    assert_eq!(lines[0]["status"], "broken-link");
    assert_eq!(lines[1]["file"], "site.toml");
    assert_eq!(lines[1]["kind"], "external");
    assert_eq!(lines[1]["status"], "not-checked");
}

#[test]
fn heading_id_that_a_template_also_uses() {
    assert_link_error(
        "heading-id-used-by-template",
        "duplicate-id",
        "content/guide/_index.md:6:1",
    );
}

#[test]
fn link_without_text() {
    assert_link_error(
        "link-text-empty",
        "empty-link-text",
        "content/about.md:4:18",
    );
}

#[test]
fn template_elements_a_screen_reader_cannot_name() {
    let site = SiteTest::new("template-unnamed-elements");
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    let codes: Vec<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "empty-link-text",
            "table-without-headers",
            "frame-without-title"
        ]
    );
    assert!(
        diagnostics
            .iter()
            .all(|d| d.message.contains("layouts/page.html")
                && d.message.contains("content/about.md"))
    );
}
