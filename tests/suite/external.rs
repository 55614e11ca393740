//! `check --external` against a stand-in server on 127.0.0.1: never a real
//! outside host.

use std::time::Instant;

use crate::site_test::{SiteTest, codes_at};
use crate::stand_in::StandIn;

const EVERY_BEHAVIOUR: [&str; 7] = [
    "/ok",
    "/moved",
    "/temporary",
    "/missing",
    "/busy",
    "/slow",
    "/no-head",
];

/// A page linking to each path of the stand-in, then to `/missing` again.
fn site_linking_to(server: &StandIn, paths: &[&str]) -> SiteTest {
    let site = SiteTest::new("external-links");
    let body: String = paths
        .iter()
        .map(|path| format!("- [The {} page]({})\n", &path[1..], server.url(path)))
        .collect();
    let again = server.url("/missing");
    site.write(
        "content/links.md",
        &format!("+++\ntitle = \"Links\"\n+++\n{body}\nAgain: [the missing page]({again}).\n"),
    );
    site
}

#[test]
fn each_outside_link_is_checked_and_reported_where_it_is_used() {
    let server = StandIn::start();
    let site = site_linking_to(&server, &EVERY_BEHAVIOUR);
    let started = Instant::now();
    let (code, diagnostics) = site.check_json_with(&["--external", "--external-timeout", "1"]);
    assert_eq!(
        code, 1,
        "a broken outside link fails the check: {diagnostics:?}"
    );
    assert!(
        started.elapsed().as_secs_f64() >= 1.0,
        "Retry-After: 1 was honoured"
    );
    let found = codes_at(&diagnostics);
    assert_eq!(
        found,
        [
            "external-link-moved content/links.md:5:20",
            "external-link-broken content/links.md:7:22",
            "external-link-broken content/links.md:9:19",
            "external-link-broken content/links.md:12:27",
        ]
    );
    let moved_help = format!("link to '{}' instead", server.url("/ok"));
    assert_eq!(diagnostics[0].help.as_deref(), Some(moved_help.as_str()));
    assert!(
        diagnostics[1].message.contains("404 Not Found"),
        "{}",
        diagnostics[1].message
    );
    assert!(
        diagnostics[2]
            .message
            .contains("no answer before the timeout"),
        "{}",
        diagnostics[2].message
    );
}

#[test]
fn the_checker_is_polite_and_retries_as_asked() {
    let server = StandIn::start();
    let site = site_linking_to(
        &server,
        &["/ok", "/moved", "/temporary", "/busy", "/no-head"],
    );
    let (_, diagnostics) = site.check_json_with(&["--external"]);
    assert_eq!(
        diagnostics.len(),
        2,
        "one moved link, one missing: {diagnostics:?}"
    );
    assert_eq!(server.count("/busy"), 2, "one 429, then the retry");
    let no_head: Vec<String> = server
        .seen()
        .iter()
        .filter(|r| r.path == "/no-head")
        .map(|r| r.method.clone())
        .collect();
    assert_eq!(no_head, ["HEAD", "GET"], "HEAD refused, so GET");
    assert!(
        server
            .seen()
            .iter()
            .all(|request| request.user_agent.starts_with("reportsite/"))
    );
    assert_eq!(
        server.count("/ok"),
        3,
        "once for itself, once after each redirect to it"
    );
    assert_eq!(server.count("/missing"), 2, "HEAD, then GET to be sure");
}

#[test]
fn a_second_run_within_the_ttl_makes_no_request() {
    let server = StandIn::start();
    let site = site_linking_to(&server, &["/ok", "/moved", "/missing"]);
    let (code, first) = site.check_json_with(&["--external"]);
    assert_eq!(code, 1, "{first:?}");
    assert!(site.root.join(".reportsite/links.json").is_file());
    let before = server.seen().len();
    let (again, cached) = site.check_json_with(&["--external"]);
    assert_eq!(again, 1);
    assert_eq!(
        server.seen().len(),
        before,
        "every answer came from the cache"
    );
    assert_eq!(cached.len(), first.len());
    let (_, expired) = site.check_json_with(&["--external", "--cache-ttl", "0"]);
    assert!(
        server.seen().len() > before,
        "with no time-to-live the links are checked again"
    );
    assert_eq!(expired.len(), first.len());
}

/// Issue 15: a YouTube or Vimeo watch page answers 200 for any id, so each
/// video is asked about at its provider's oEmbed endpoint (here the
/// stand-in's): removed (404), private (401) or not embeddable (403) is an
/// error at `video_id`; a fault at the provider says nothing either way.
#[test]
fn videos_gone_or_private_are_reported_at_their_id() {
    let server = StandIn::start();
    let site = SiteTest::new("video-gone-or-private")
        .asking_about_videos_at(server.url("/oembed/youtube"), server.url("/oembed/vimeo"));
    let (code, diagnostics) = site.check_json_with(&["--external"]);
    assert_eq!(code, 1, "{diagnostics:?}");
    let found = codes_at(&diagnostics);
    assert_eq!(
        found,
        [
            "video-unavailable content/videos/gone/index.md:10:12",
            "video-unavailable content/videos/not-embeddable/index.md:10:12",
            "video-unavailable content/videos/private/index.md:10:12",
        ]
    );
    assert!(
        diagnostics[0].message.starts_with("YouTube cannot show the video at 'https://www.youtube.com/watch?v=Gone0000000' (404 Not Found)"),
        "{}",
        diagnostics[0].message
    );
    assert!(
        diagnostics[1].message.starts_with("Vimeo ")
            && diagnostics[1].message.contains("(403 Forbidden)"),
        "{}",
        diagnostics[1].message
    );
    let asked: std::collections::BTreeSet<String> = server
        .seen()
        .into_iter()
        .map(|request| request.path)
        .collect();
    assert!(
        asked.contains(
            "/oembed/youtube?url=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3DGone0000000&format=json"
        ),
        "{asked:?}"
    );
    assert!(
        asked.contains("/oembed/vimeo?url=https%3A%2F%2Fvimeo.com%2FForbidden1"),
        "{asked:?}"
    );
    assert_eq!(asked.len(), 5, "each video is asked about: {asked:?}");
    let before = server.seen().len();
    let (_, cached) = site.check_json_with(&["--external"]);
    assert_eq!(
        server.seen().len(),
        before,
        "the answers came from the cache"
    );
    assert_eq!(cached.len(), diagnostics.len());
}

#[test]
fn without_external_outside_links_are_not_fetched() {
    let server = StandIn::start();
    let site = site_linking_to(&server, &EVERY_BEHAVIOUR);
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 0, "{diagnostics:?}");
    assert!(server.seen().is_empty());
}

#[test]
fn demo_site_passes_the_external_check_against_a_stand_in() {
    // No test may reach a real outside host, so every outside address in a
    // copy of the demo is pointed at the stand-in (keeping its host and path
    // in the new path): this proves each is a well-formed link the checker
    // handles, once per address, and that the demo has no other problem.
    let server = StandIn::start();
    let site = SiteTest::demo().asking_about_videos_at(
        server.url("/ok/oembed/youtube"),
        server.url("/ok/oembed/vimeo"),
    );
    let prefix = server.url("/ok/");
    for path in site.text_files() {
        let text = std::fs::read_to_string(&path).expect("read text file");
        let rewritten: String = text
            .split_inclusive('\n')
            .map(|line| {
                if line.starts_with("base_url") {
                    line.to_string()
                } else {
                    line.replace("https://", &prefix)
                }
            })
            .collect();
        std::fs::write(&path, rewritten).expect("rewrite text file");
    }
    let (code, diagnostics) = site.check_json_with(&["--external"]);
    assert_eq!(code, 0, "{diagnostics:?}");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let requested: std::collections::BTreeSet<String> = server
        .seen()
        .into_iter()
        .map(|request| request.path)
        .collect();
    assert!(
        requested.len() >= 10,
        "the demo links to many outside pages: {requested:?}"
    );
    assert_eq!(
        requested.len(),
        server.seen().len(),
        "each outside address is fetched once"
    );
}
