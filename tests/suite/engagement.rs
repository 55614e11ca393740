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

const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";
const SAFARI: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1";
const GOOGLEBOT: &str = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

/// One request, as nginx's default (combined) format writes it.
fn combined(client: &str, day: u8, method: &str, path: &str, status: u16, agent: &str) -> String {
    format!(
        "{client} - - [{day:02}/Oct/2025:10:00:00 +0100] \"{method} {path} HTTP/1.1\" {status} 1234 \"-\" \"{agent}\"\n"
    )
}

/// The same in Cloudflare Logpush's JSON, with RFC 3339 times.
fn cloudflare(client: &str, day: u8, path: &str, status: u16, agent: &str) -> String {
    serde_json::json!({
        "ClientIP": client, "ClientRequestMethod": "GET", "ClientRequestURI": path,
        "EdgeResponseStatus": status, "ClientRequestUserAgent": agent,
        "EdgeStartTimestamp": format!("2025-10-{day:02}T10:00:00Z"), "ClientRequestHost": "example.org",
    })
    .to_string()
        + "\n"
}

fn gzip(text: &str) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(text.as_bytes()).expect("gzip");
    encoder.finish().expect("gzip")
}

fn engagement(site: &SiteTest, args: &[&str]) -> (i32, String, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_reportsite"))
        .arg("engagement")
        .args(args)
        .current_dir(&site.root)
        .output()
        .expect("run reportsite");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn item<'a>(report: &'a serde_json::Value, url: &str) -> &'a serde_json::Value {
    report["items"]
        .as_array()
        .and_then(|items| items.iter().find(|item| item["url"] == url))
        .unwrap_or_else(|| panic!("no item {url}"))
}

/// The logs of one made-up fortnight, written three ways (nginx plain,
/// Apache gzip, Cloudflare JSON lines), each request with the count it is
/// meant to make; the expected figures are summed from those here, then
/// compared with what `engagement` counted.
#[test]
fn each_request_counts_as_the_rules_say() {
    let site = SiteTest::demo();
    site.replace(
        "content/resources/icon-leaflet/index.md",
        "published = ",
        "cost = 1200\npublished = ",
    );
    let expected = write_fortnight(&site);
    let leaflet = "/resources/icon-leaflet/";
    let (views, downloads) = (expected.views, expected.downloads);
    let (code, stdout, stderr) = engagement(
        &site,
        &[
            "--format",
            "json",
            "logs/cloudflare.json",
            "logs/access.log.2.gz",
            "logs/access.log",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON object");
    let period = &report["period"];
    assert_eq!(period["lines"], expected.lines);
    assert_eq!(period["unparsed"], 2);
    assert_eq!(
        period["unparsed_at"],
        serde_json::json!([
            format!("logs/access.log.2.gz:{}", expected.zipped_bad),
            format!("logs/access.log:{}", expected.plain_bad)
        ])
    );
    assert_eq!(period["bots_excluded"], expected.bots);
    assert_eq!(
        (period["start"].as_str(), period["end"].as_str()),
        (Some("2025-10-01"), Some("2025-10-09"))
    );
    let icon = item(&report, leaflet);
    assert_eq!(icon["path"], "content/resources/icon-leaflet/index.md");
    assert_eq!(icon["kind"], "resource");
    assert_eq!(
        (
            &icon["views"],
            &icon["downloads"],
            &icon["short_link_visits"],
            &icon["qr_scans"]
        ),
        (&views.into(), &downloads.into(), &1.into(), &2.into())
    );
    assert_eq!(icon["cost"], 1200);
    assert_eq!(icon["cost_per_use"], 1200.0 / f64::from(views + downloads));
    assert_eq!(icon["by_month"]["2025-10"]["views"], views);
    assert_counted_addresses(&report);
    let babies = group(&report, "priorities", "safeguarding-babies");
    assert!(
        babies["views"].as_u64() >= Some(u64::from(views)),
        "{babies}"
    );
    let parents = group(&report, "audiences", "parents-and-carers");
    assert_eq!(parents["downloads"], downloads);
    assert_nothing_identifies_anyone(&site);
}

/// A play, a link out, an old address, and an address not found with the
/// redirect to add for it.
fn assert_counted_addresses(report: &serde_json::Value) {
    let video = item(report, "/videos/icon-babies-cry-you-can-cope/");
    assert_eq!(video["plays"], 1);
    assert_eq!(item(report, "/resources/nspcc/")["outbound"], 1);
    assert_eq!(
        report["old_addresses"],
        serde_json::json!([{"path": "/icon/", "hits": 1}])
    );
    assert_eq!(
        report["not_found"],
        serde_json::json!([{"path": "/resources/icon-leaflett/", "hits": 2,
            "suggestion": "\"/resources/icon-leaflett/\" = \"@/resources/icon-leaflet/index.md\""}])
    );
}

/// One priority's, audience's... sums.
fn group<'a>(report: &'a serde_json::Value, kind: &str, slug: &str) -> &'a serde_json::Value {
    report[kind]
        .as_array()
        .and_then(|groups| groups.iter().find(|group| group["slug"] == slug))
        .unwrap_or_else(|| panic!("no {kind} {slug}"))
}

/// What `write_fortnight` meant each log to count.
struct Fortnight {
    lines: usize,
    views: u32,
    downloads: u32,
    bots: u32,
    plain_bad: usize,
    zipped_bad: usize,
}

/// Writes the three logs, each request with the count it should make.
fn write_fortnight(site: &SiteTest) -> Fortnight {
    let leaflet = "/resources/icon-leaflet/";
    let pdf = "/resources/icon-leaflet/icon-leaflet.pdf";
    let mut plain = String::new();
    let mut zipped = String::new();
    let mut json = String::new();
    // Views: with and without the slash, as index.html, a 304, and from
    // the CDN; HEAD, a 500 and bots do not count.
    plain += &combined("203.0.113.1", 1, "GET", leaflet, 200, FIREFOX);
    plain += &combined(
        "203.0.113.1",
        1,
        "GET",
        "/resources/icon-leaflet",
        200,
        FIREFOX,
    );
    zipped += &combined(
        "203.0.113.2",
        2,
        "GET",
        "/resources/icon-leaflet/index.html?from=mail",
        304,
        SAFARI,
    );
    json += &cloudflare("198.51.100.3", 3, leaflet, 200, SAFARI);
    plain += &combined("203.0.113.1", 1, "HEAD", leaflet, 200, FIREFOX);
    plain += &combined("203.0.113.1", 1, "GET", leaflet, 500, FIREFOX);
    plain += &combined("66.249.66.1", 1, "GET", leaflet, 200, GOOGLEBOT);
    json += &cloudflare("66.249.66.1", 2, leaflet, 200, GOOGLEBOT);
    let views: u32 = 4;
    let bots = 2;
    // Downloads: two whole, and a reader's six range requests on one day
    // (one download), the same reader's next day (another).
    plain += &combined("203.0.113.1", 1, "GET", pdf, 200, FIREFOX);
    zipped += &combined("203.0.113.2", 2, "GET", pdf, 200, SAFARI);
    for part in 0..6 {
        let day = if part < 5 { 4 } else { 5 };
        plain += &combined("203.0.113.9", day, "GET", pdf, 206, SAFARI);
    }
    let downloads: u32 = 4;
    // Assets are not views.
    for asset in [
        "/css/site.css",
        "/js/site.js",
        "/favicon.svg",
        "/pagefind/pagefind.js",
        "/atom.xml",
    ] {
        plain += &combined("203.0.113.1", 1, "GET", asset, 200, FIREFOX);
    }
    counted_addresses(&mut plain, &mut zipped, &mut json);
    // Not found, twice, near a page; and lines that are not log lines.
    plain += &combined(
        "203.0.113.8",
        9,
        "GET",
        "/resources/icon-leaflett/",
        404,
        FIREFOX,
    );
    json += &cloudflare("198.51.100.5", 9, "/resources/icon-leaflett", 404, SAFARI);
    let plain_bad = plain.lines().count() + 1;
    plain += "this is not a log line\n";
    let zipped_bad = zipped.lines().count() + 1;
    zipped += "{\"ClientIP\": 1}\n";
    site.write("logs/access.log", &plain);
    std::fs::write(site.root.join("logs/access.log.2.gz"), gzip(&zipped)).expect("gzip log");
    site.write("logs/cloudflare.json", &json);
    let lines = [&plain, &zipped, &json]
        .iter()
        .map(|log| log.lines().count())
        .sum::<usize>();

    Fortnight {
        lines,
        views,
        downloads,
        bots,
        plain_bad,
        zipped_bad,
    }
}

/// The addresses the build makes to count things: a short link served as
/// a 301 by the host, a QR scan (twice), an old address, a play and a link
/// out from the CDN.
fn counted_addresses(plain: &mut String, zipped: &mut String, json: &mut String) {
    *plain += &combined("203.0.113.5", 6, "GET", "/r/icon-leaflet/", 301, SAFARI);
    *zipped += &combined("203.0.113.6", 6, "GET", "/r/icon-leaflet/qr/", 200, SAFARI);
    *zipped += &combined("203.0.113.6", 6, "GET", "/r/icon-leaflet/qr/", 200, SAFARI);
    *plain += &combined("203.0.113.7", 7, "GET", "/icon/", 200, FIREFOX);
    *json += &cloudflare(
        "198.51.100.4",
        8,
        "/videos/icon-babies-cry-you-can-cope/play/",
        200,
        SAFARI,
    );
    *json += &cloudflare("198.51.100.4", 8, "/resources/nspcc/go/", 200, SAFARI);
}

/// Nothing a person could be known by is in any output.
fn assert_nothing_identifies_anyone(site: &SiteTest) {
    for format in ["json", "csv", "human"] {
        let (_, out, err) = engagement(
            site,
            &[
                "--format",
                format,
                "logs/access.log",
                "logs/cloudflare.json",
            ],
        );
        for secret in [
            "203.0.113.",
            "198.51.100.",
            "66.249.66.1",
            "Firefox",
            "Safari",
            "Googlebot",
        ] {
            assert!(
                !out.contains(secret) && !err.contains(secret),
                "{format} shows {secret}"
            );
        }
    }
}

/// `--since` and `--until` bound the days; a log that is not there, a bad
/// date and a site with errors are refused with a clear message.
#[test]
fn days_are_bounded_and_bad_input_is_refused() {
    let site = SiteTest::demo();
    let mut log = String::new();
    for day in 1..=9 {
        log += &combined("203.0.113.1", day, "GET", "/resources/nspcc/", 200, FIREFOX);
    }
    site.write("access.log", &log);
    let (code, stdout, _) = engagement(
        &site,
        &[
            "--format",
            "json",
            "--since",
            "2025-10-03",
            "--until",
            "2025-10-05",
            "access.log",
        ],
    );
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(item(&report, "/resources/nspcc/")["views"], 3);
    assert_eq!(
        item(&report, "/resources/nspcc/")["visitors"],
        3,
        "one a day"
    );
    let (code, _, stderr) = engagement(&site, &["missing.log"]);
    assert_eq!(code, 2);
    assert_contains(&stderr, "missing.log");
    let (code, _, stderr) = engagement(&site, &["--since", "1 Oct", "access.log"]);
    assert_eq!(code, 2);
    assert_contains(&stderr, "--since '1 Oct' is not a date");
    site.replace(
        "content/resources/nspcc.md",
        "format = ",
        "format = \"nope\"\nformat_was = ",
    );
    let (code, _, stderr) = engagement(&site, &["access.log"]);
    assert_eq!(code, 1);
    assert_contains(&stderr, "content/resources/nspcc.md");
}

/// A million lines are read in blocks counted in parallel: no line is
/// lost or split where one block ends and the next begins.
#[test]
fn a_million_lines_stream_through_in_blocks() {
    let site = SiteTest::new("translated-catalogue");
    let lines = 1_000_000;
    let mut log = String::with_capacity(lines * 100);
    for at in 0..lines {
        let client = at % 997;
        log += &format!(
            "10.0.{}.{} - - [0{}/Oct/2025:10:00:00 +0000] \"GET /resources/reading/ HTTP/1.1\" 200 1 \"-\" \"Mozilla/5.0 Firefox/140.0\"\n",
            client / 256,
            client % 256,
            1 + at % 9
        );
    }
    site.write("big.log", &log);
    let (code, stdout, stderr) = engagement(&site, &["--format", "json", "big.log"]);
    assert_eq!(code, 0, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(report["period"]["lines"], lines);
    assert_eq!(report["period"]["unparsed"], 0);
    let reading = item(&report, "/resources/reading/");
    assert_eq!(reading["views"], lines);
    // 997 clients on each of 9 days: estimated (HyperLogLog++, standard
    // error 1.6%, its key new each run) past a few hundred; 7% is over
    // four standard errors, so this does not fail by chance.
    let visitors = reading["visitors"].as_f64().expect("a number");
    let exact = f64::from(997 * 9);
    assert!((visitors - exact).abs() / exact < 0.07, "{visitors}");
}

/// `--save` keeps the counts in data/engagement/ (nothing about anyone),
/// the next build shows them to editors at /editors/engagement/ (noindex,
/// the redirects to add, cost per use), a file reportsite did not write is
/// never replaced, and a saved file that is not a report is an error at
/// its line.
#[test]
fn saved_counts_become_the_editors_page() {
    let site = SiteTest::demo();
    site.replace(
        "content/resources/icon-leaflet/index.md",
        "published = ",
        "cost = 900\ncost_note = \"Design & print\"\npublished = ",
    );
    let mut log = String::new();
    for day in 1..=3 {
        log += &combined(
            "203.0.113.1",
            day,
            "GET",
            "/resources/icon-leaflet/",
            200,
            FIREFOX,
        );
    }
    log += &combined(
        "203.0.113.2",
        4,
        "GET",
        "/resources/icon-leaflett/",
        404,
        SAFARI,
    );
    site.write("access.log", &log);
    let (code, _, stderr) = engagement(&site, &["--save", "access.log"]);
    assert_eq!(code, 0, "{stderr}");
    let saved = "data/engagement/2025-10-01--2025-10-04.json";
    assert_contains(&stderr, &format!("saved {saved}"));
    let text = std::fs::read_to_string(site.root.join(saved)).expect("saved report");
    for secret in ["203.0.113.", "Firefox", "Safari"] {
        assert!(!text.contains(secret), "{secret} saved");
    }
    site.build_ok();
    let page = site.read_output("editors/engagement/index.html");
    assert_contains(&page, r#"<meta name="robots" content="noindex">"#);
    assert_contains(&page, "<h1>What is used</h1>");
    assert_contains(&page, "Views: 3.");
    assert_contains(
        &page,
        r#"<th scope="row">2025-10</th><td class="numeric">3</td>"#,
    );
    assert_contains(&page, "£300.00");
    assert_contains(
        &page,
        "<br>Design &amp; print</th><td class=\"numeric\">£900</td>",
    );
    assert_contains(
        &page,
        "<code>&quot;/resources/icon-leaflett/&quot; = &quot;@/resources/icon-leaflet/index.md&quot;</code>",
    );
    assert!(
        !site
            .read_output("sitemap.xml")
            .contains("/editors/engagement/")
    );
    // A file of the editor's own (a report it did not write) is kept.
    let edited = text.replace("\"written_by\": \"reportsite engagement\",", "");
    site.write(saved, &edited);
    let (code, _, stderr) = engagement(&site, &["--save", "access.log"]);
    assert_eq!(code, 2);
    assert_contains(&stderr, "is not a file reportsite wrote");
    assert_eq!(
        std::fs::read_to_string(site.root.join(saved)).expect("kept"),
        edited
    );
    site.write(saved, "{\"mine\": true}\n");
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    assert_eq!(
        codes_at(&diagnostics),
        [format!("invalid-value {saved}:1:14")]
    );
}

/// A yearly report can quote its year's use: `show_engagement = true`
/// shows the totals and the most used resources and videos from the saved
/// report within its period; without one, a warning at the key says how
/// to make it.
#[test]
fn a_yearly_report_quotes_its_years_engagement() {
    let site = SiteTest::demo();
    let report = "content/reports/2024-25/_index.md";
    site.replace(
        report,
        "published = ",
        "show_engagement = true\npublished = ",
    );
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 0);
    let line = std::fs::read_to_string(site.root.join(report))
        .expect("report")
        .lines()
        .position(|line| line.starts_with("show_engagement"))
        .expect("the key")
        + 1;
    assert_eq!(
        codes_at(&diagnostics),
        [format!("engagement-missing {report}:{line}:19")]
    );
    let mut log = String::new();
    for client in 1..=4 {
        log += &format!(
            "203.0.113.{client} - - [15/Oct/2024:10:00:00 +0100] \"GET /resources/icon-leaflet/ HTTP/1.1\" 200 1 \"-\" \"{FIREFOX}\"\n"
        );
    }
    site.write("access.log", &log);
    let (code, _, stderr) = engagement(&site, &["--save", "access.log"]);
    assert_eq!(code, 0, "{stderr}");
    let build = site.build_ok();
    assert_contains(&build.stderr, "0 errors, 0 warnings");
    let page = site.read_output("reports/2024-25/index.html");
    assert_contains(&page, "How the website's resources were used");
    assert_contains(&page, "Views: 4.");
    assert_contains(
        &page,
        r#"<a href="/resources/icon-leaflet/">Babies cry, you can cope: ICON leaflet for parents</a></th><td class="numeric">4</td>"#,
    );
}

/// `digest` writes what is new or updated since a day as email HTML (no
/// style sheet, script or image; a 600-pixel table; content escaped) and
/// plain text, grouped by audience, every link an absolute address of a
/// file the build writes (resources and videos by their short addresses,
/// counted as short-link visits); it never replaces a file of yours.
#[test]
fn the_digest_lists_what_is_new_in_mail_safe_html() {
    let site = SiteTest::demo();
    site.replace(
        "content/resources/icon-leaflet/index.md",
        "published = 2023-10-02",
        "published = 2025-11-01",
    );
    site.replace(
        "content/resources/icon-leaflet/index.md",
        "title = \"",
        "title = \"<b>New</b> & ",
    );
    site.build_ok();
    let out = site.root.join("mail");
    let out_arg = out.to_string_lossy().into_owned();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_reportsite"))
        .args(["digest", "--since", "2025-10-02", "--out", &out_arg])
        .current_dir(&site.root)
        .output()
        .expect("run digest");
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let html = std::fs::read_to_string(out.join("digest-2025-10-02.html")).expect("html");
    let text = std::fs::read_to_string(out.join("digest-2025-10-02.txt")).expect("text");
    for refused in ["<script", "<style", "<link", "<img", "class="] {
        assert!(!html.contains(refused), "{refused} in the digest");
    }
    assert_contains(&html, r#"width="600""#);
    assert_contains(&html, "New and updated since 2 October 2025");
    assert_contains(&html, "For Parents and carers");
    assert_contains(&html, "&lt;b&gt;New&lt;/b&gt; &amp; Babies cry");
    assert_contains(&text, "<b>New</b> & Babies cry");
    assert_contains(&text, "https://www.example.org/r/icon-leaflet/");
    // The news of 6 October 2025 is in; the NSPCC page (published 2023,
    // reviewed 1 October 2025) is not.
    assert_contains(&html, "Health sessions in family hubs");
    assert!(!html.contains("/r/nspcc/"), "an old resource is listed");
    let hrefs: Vec<&str> = html
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert!(hrefs.len() >= 3, "{hrefs:?}");
    for href in hrefs {
        let path = href
            .strip_prefix("https://www.example.org/")
            .unwrap_or_else(|| panic!("{href} is not an address of the site"));
        let file = site.output().join(path).join("index.html");
        assert!(
            file.is_file() || site.output().join(path).is_file(),
            "{href} leads nowhere"
        );
    }
    std::fs::write(out.join("digest-2025-10-02.html"), "mine").expect("write");
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_reportsite"))
        .args(["digest", "--since", "2025-10-02", "--out", &out_arg])
        .current_dir(&site.root)
        .output()
        .expect("run digest");
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(out.join("digest-2025-10-02.html")).expect("kept"),
        "mine"
    );
}
