//! The output folder: written whole or not at all, and `--base-url`
//! respected in every link.

use crate::site_test::{SiteTest, assert_contains};

#[test]
fn failed_build_keeps_the_previous_output_exactly() {
    let site = SiteTest::new("link-relative-md");
    assert_eq!(site.build().code, 0);
    let before = site.read_output("about/index.html");
    site.write(
        "content/about.md",
        "+++\ntitle = \"About\"\n+++\n[broken](@/nowhere.md)\n",
    );
    site.write("content/new-page.md", "+++\ntitle = \"New\"\n+++\nNew.\n");
    let failed = site.build();
    assert_eq!(failed.code, 1, "{}", failed.stderr);
    assert_eq!(site.read_output("about/index.html"), before);
    assert!(
        !site.output().join("new-page").exists(),
        "nothing of the failed build is written"
    );
    assert_eq!(site.siblings(), ["content", "public", "site.toml"]);
}

#[test]
fn successful_rebuild_replaces_the_whole_output() {
    let site = SiteTest::new("link-relative-md");
    assert_eq!(site.build().code, 0);
    std::fs::write(site.output().join("stale.html"), "old").expect("write stale file");
    assert_eq!(site.build().code, 0);
    assert!(
        !site.output().join("stale.html").exists(),
        "the old output is replaced, not merged"
    );
    assert_eq!(site.siblings(), ["content", "public", "site.toml"]);
}

#[test]
fn check_writes_nothing() {
    let site = SiteTest::new("link-relative-md");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!site.output().exists());
}

#[test]
fn base_url_override_prefixes_every_internal_link() {
    let site = SiteTest::new("link-relative-md");
    let run = site.run(&["build", "--base-url", "https://preview.example.org/lrscp/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.read_output("about/index.html");
    assert_contains(&html, r#"href="/lrscp/advice/#safer-sleep""#);
    assert_contains(&html, r#"href="/lrscp/sub/contact/""#);
    assert_contains(&html, r#"href="/lrscp/css/site.css""#);
    assert_contains(
        &html,
        r#"<link rel="canonical" href="https://preview.example.org/lrscp/about/">"#,
    );
    assert!(
        !html.contains(r#"href="/advice/"#),
        "an unprefixed link slipped through"
    );
}

#[test]
fn output_folder_option() {
    let site = SiteTest::new("link-relative-md");
    let run = site.run(&["build", "--output", "elsewhere/site"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.root.join("elsewhere/site/about/index.html").is_file());
    assert!(!site.output().exists());
}
