//! Issue 19: what the site's own access log can count. The build gives
//! each thing worth counting its own address (a video's `play/`, a
//! resource's links out through `go/`, a poster's `qr/`), and resources and
//! videos may say what they cost to make.

use crate::site_test::{SiteTest, assert_contains, codes_at};

/// Pressing play asks the video's `play/` address (and the poster link
/// goes there without JavaScript); a resource's link to another website
/// goes through its `go/` address. Both are redirect pages that say the
/// reader is leaving, name no other site as canonical, and are in
/// `_redirects` for hosts that serve real redirects.
#[test]
fn plays_and_links_out_have_their_own_addresses() {
    let site = SiteTest::demo();
    site.build_ok();
    let video = site.read_output("videos/icon-babies-cry-you-can-cope/index.html");
    assert_contains(
        &video,
        r#"data-play="/videos/icon-babies-cry-you-can-cope/play/""#,
    );
    assert_contains(
        &video,
        r#"<a class="video__poster" href="/videos/icon-babies-cry-you-can-cope/play/">"#,
    );
    let play = site.read_output("videos/icon-babies-cry-you-can-cope/play/index.html");
    assert_contains(
        &play,
        r#"content="0; url=https://www.youtube.com/watch?v=Ic0nC0pe7aB">"#,
    );
    assert_contains(&play, "<h1>Taking you to another website</h1>");
    assert!(!play.contains("rel=\"canonical\""), "{play}");
    let resource = site.read_output("resources/nspcc/index.html");
    assert_contains(&resource, r#"href="/resources/nspcc/go/""#);
    assert!(!resource.contains(r#"href="https://www.nspcc.org.uk/""#));
    let out = site.read_output("resources/nspcc/go/index.html");
    assert_contains(&out, r#"content="0; url=https://www.nspcc.org.uk/">"#);
    let redirects = site.read_output("_redirects");
    for line in [
        "/videos/icon-babies-cry-you-can-cope/play/ https://www.youtube.com/watch?v=Ic0nC0pe7aB 301",
        "/resources/nspcc/go/ https://www.nspcc.org.uk/ 301",
        "/r/nspcc/qr/ /resources/nspcc/ 301",
    ] {
        assert_contains(&redirects, line);
    }
}

/// `cost` is whole pounds and a fact of the original: a translation that
/// repeats it is told to leave it to the original.
#[test]
fn costs_are_whole_pounds_given_by_the_original() {
    let site = SiteTest::new("translated-catalogue");
    let page = "content/resources/crying-baby.md";
    site.replace(
        page,
        "published = 2025-03-01",
        "cost = -5\npublished = 2025-03-01",
    );
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    assert_eq!(
        codes_at(&diagnostics),
        [format!("invalid-value {page}:9:8")]
    );
    site.replace(page, "cost = -5", "cost = 1200.50");
    let (_, diagnostics) = site.check_json();
    assert_eq!(
        codes_at(&diagnostics),
        [format!("invalid-value {page}:9:8")]
    );
    site.replace(
        page,
        "cost = 1200.50",
        "cost = 1200\ncost_note = \"Design and print of 2,000 copies\"",
    );
    let (code, diagnostics) = site.check_json();
    assert_eq!((code, diagnostics.len()), (0, 0), "{diagnostics:#?}");
    let translation = "content/resources/crying-baby.cy.md";
    site.replace(translation, "slug = ", "cost = 1200\nslug = ");
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    assert_eq!(
        codes_at(&diagnostics),
        [format!("unknown-key {translation}:4:1")]
    );
}
