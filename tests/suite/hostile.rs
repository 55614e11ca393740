//! Hostile and odd input (issue 15): hostile paths, URLs that are not web
//! addresses, text that must stay text in every output, pathological
//! Markdown, runaway templates, odd encodings and line endings, missing
//! pieces, duplicates. Each gets a diagnostic at the file and line where it
//! was written, exit 1 and nothing written, or a documented behaviour.

use crate::site_test::{SiteTest, assert_contains, files_under};

/// Writes `files` into a copy of `fixture`, then asserts that `build`
/// exits 1 and writes nothing, and that `check --format json` reports
/// `code` at a location starting with `location` (`content/x.md:3:` or a
/// whole `file:line:col`). Returns the site for further checks.
#[track_caller]
fn assert_refused(fixture: &str, files: &[(&str, &str)], code: &str, location: &str) -> SiteTest {
    let site = SiteTest::new(fixture);
    for (path, text) in files {
        site.write(path, text);
    }
    assert_build_refused(&site, code, location);
    site
}

#[track_caller]
fn assert_build_refused(site: &SiteTest, code: &str, location: &str) {
    let before = site.siblings();
    let build = site.build();
    assert_eq!(build.code, 1, "{}", build.stderr);
    assert!(!site.output().exists(), "a refused build wrote public/");
    assert_eq!(site.siblings(), before, "a refused build left files behind");
    let (exit, diagnostics) = site.check_json();
    assert_eq!(exit, 1);
    assert!(
        diagnostics
            .iter()
            .any(|found| found.code == code && found.location().starts_with(location)),
        "no {code} at {location} in {diagnostics:#?}"
    );
}

fn page(front: &str, body: &str) -> String {
    format!("+++\ntitle = \"X\"\n{front}+++\n{body}\n")
}

#[test]
fn slugs_that_climb_out_or_are_not_one_plain_part() {
    for slug in ["../../../escape", "a/b", "Capital Letters", ""] {
        let text = page(&format!("slug = \"{slug}\"\n"), "Text.");
        assert_refused(
            "link-relative-md",
            &[("content/x.md", &text)],
            "invalid-value",
            "content/x.md:3:8",
        );
    }
}

#[test]
fn an_alias_cannot_inject_a_redirect_rule() {
    // A line break or a space in an alias would add a rule of the
    // editor's choosing to _redirects.
    for alias in [
        "/old\\n/admin/* https://evil.example 301",
        "/old /admin/* https://evil.example",
        "/old\\t/x",
        "old-without-slash",
        "/a/../../etc/",
        "/robots.txt",
        "/pagefind/pagefind.js",
        "/_redirects",
        "/.reportsite-manifest",
    ] {
        let text = page(&format!("aliases = [\"{alias}\"]\n"), "Text.");
        let site = assert_refused(
            "link-relative-md",
            &[("content/x.md", &text)],
            if alias == "/robots.txt" {
                "duplicate-url"
            } else {
                "invalid-value"
            },
            "content/x.md:3:12",
        );
        assert!(!site.output().exists(), "{alias}");
    }
}

#[test]
fn redirect_keys_and_targets_are_plain_addresses() {
    for (rule, column) in [
        ("\"/a b\" = \"/about/\"", "1"),
        ("\"/a\\n/admin/*\" = \"/about/\"", "1"),
        (
            "\"/a\" = \"https://example.org/x\\n/admin/* https://evil.example 301\"",
            "8",
        ),
        ("\"/a\" = \"https://exa mple.org/\"", "8"),
        ("\"/a\" = \"javascript:alert(1)\"", "8"),
    ] {
        let site = SiteTest::new("link-relative-md");
        let text = std::fs::read_to_string(site.root.join("site.toml")).expect("site.toml");
        let lines = text.lines().count();
        site.write("site.toml", &format!("{text}\n[redirects]\n{rule}\n"));
        let build = site.build();
        assert_eq!(build.code, 1, "{rule}: {}", build.stderr);
        assert!(!site.output().exists(), "{rule}");
        let (_, diagnostics) = site.check_json();
        let at = format!("site.toml:{}:{column}", lines + 3);
        assert!(
            diagnostics.iter().any(|found| found.location() == at),
            "{rule}: nothing at {at} in {diagnostics:#?}"
        );
    }
}

#[test]
fn urls_that_are_not_web_addresses_are_refused_where_written() {
    for (written, code) in [
        ("javascript:alert(1)", "broken-link"),
        ("data:text/html,hello", "broken-link"),
        ("//evil.example/x", "broken-link"),
        ("vbscript:x", "broken-link"),
        ("<https://exa mple.org/>", "broken-link"),
    ] {
        let text = page("", &format!("Read [this]({written})."));
        let site = assert_refused(
            "link-relative-md",
            &[("content/x.md", &text)],
            code,
            "content/x.md:4:1",
        );
        let (_, diagnostics) = site.check_json();
        assert!(
            diagnostics
                .iter()
                .all(|found| found.file.as_deref() == Some("content/x.md")),
            "{written} is reported only where it is written: {diagnostics:#?}"
        );
    }
}

#[test]
fn site_toml_addresses_are_checked_where_read() {
    for (key, value, code) in [
        ("base_url", "javascript:alert(1)", "invalid-value"),
        ("base_url", "https://", "invalid-value"),
        ("base_url", "https://example.org/?x=1", "invalid-value"),
        ("report_concern_url", "javascript:alert(1)", "invalid-value"),
        ("report_concern_url", "//evil.example/", "invalid-value"),
    ] {
        let site = SiteTest::new("link-relative-md");
        let text = std::fs::read_to_string(site.root.join("site.toml")).expect("site.toml");
        let line = text
            .lines()
            .position(|line| line.starts_with(key))
            .expect("the key is in the fixture")
            + 1;
        let replaced: Vec<String> = text
            .lines()
            .map(|line| {
                if line.starts_with(key) {
                    format!("{key} = \"{value}\"")
                } else {
                    line.to_string()
                }
            })
            .collect();
        site.write("site.toml", &(replaced.join("\n") + "\n"));
        assert_build_refused(&site, code, &format!("site.toml:{line}:"));
    }
    let site = SiteTest::new("link-relative-md");
    let run = site.run(&["build", "--base-url", "https://example.org/\n/x"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!site.output().exists());
}

#[test]
fn front_matter_url_must_be_a_whole_web_address() {
    let site = SiteTest::new("catalogue-filters");
    site.replace(
        "content/resources/apps.md",
        "url = \"https://www.example.org/apps-for-parents\"",
        "url = \"https://www.example.org/apps for parents\"",
    );
    assert_build_refused(&site, "invalid-value", "content/resources/apps.md:7:7");
}

/// Text from front matter stays text in HTML, XML, JSON and CSV.
#[test]
fn hostile_text_is_escaped_for_every_output() {
    let site = SiteTest::new("catalogue-filters");
    site.replace(
        "content/resources/apps.md",
        "title = \"Apps for parents\"",
        "title = \"=HYPERLINK(\\\"http://evil.example\\\") </title><script>alert(1)</script>\"",
    );
    site.replace(
        "content/resources/apps.md",
        "summary = \"Apps for parents summary.\"",
        "summary = \"@SUM(1) \\\"><img src=x onerror=alert(1)> & more\"",
    );
    site.build_ok();
    for (path, file) in files_under(&site.output()) {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        if path.ends_with(".json") {
            let parsed: Result<serde_json::Value, _> = serde_json::from_str(&text);
            assert!(
                parsed.is_ok() || path.starts_with("pagefind/"),
                "{path} is not JSON"
            );
            continue;
        }
        if path.ends_with(".csv") || path.starts_with("pagefind/") {
            continue;
        }
        for raw in ["<script>alert", "<img src=x", "\"><img"] {
            assert!(!text.contains(raw), "{path} holds raw {raw:?}");
        }
    }
    for feed in ["atom.xml", "sitemap.xml"] {
        let text = site.read_output(feed);
        assert!(roxmltree::Document::parse(&text).is_ok(), "{feed} is XML");
    }
    let csv = site.read_output("resources.csv");
    assert_contains(&csv, "\"'=HYPERLINK(");
    assert_contains(&csv, "'@SUM(1)");
    assert!(
        !csv.lines()
            .any(|line| line.starts_with("=") || line.contains(",=") || line.contains(",@")),
        "a cell may run as a formula:\n{csv}"
    );
}

#[cfg(unix)]
#[test]
fn symbolic_links_out_of_the_site_or_in_a_loop() {
    let site = SiteTest::new("link-relative-md");
    let outside = site.root.parent().expect("parent").join("outside");
    std::fs::create_dir_all(outside.join("deep")).expect("folder");
    for name in ["a.md", "b.md", "deep/c.md"] {
        std::fs::write(
            outside.join(name),
            "+++\ntitle = \"Secret\"\n+++\nSecret.\n",
        )
        .expect("write");
    }
    let content = site.root.join("content");
    std::os::unix::fs::symlink(&outside, content.join("folder-out")).expect("link");
    std::os::unix::fs::symlink(outside.join("a.md"), content.join("file-out.md")).expect("link");
    std::os::unix::fs::symlink(".", content.join("loop")).expect("link");
    std::os::unix::fs::symlink("y", content.join("x")).expect("link");
    std::os::unix::fs::symlink("x", content.join("y")).expect("link");
    std::os::unix::fs::symlink("nowhere.md", content.join("gone.md")).expect("link");
    let build = site.build();
    assert_eq!(build.code, 1, "{}", build.stderr);
    assert!(!site.output().exists());
    let (_, diagnostics) = site.check_json();
    let messages: Vec<&str> = diagnostics
        .iter()
        .map(|found| found.message.as_str())
        .collect();
    let outside_site: Vec<&&str> = messages
        .iter()
        .filter(|message| message.contains("leads outside the site"))
        .collect();
    assert_eq!(
        outside_site.len(),
        2,
        "one diagnostic per link, none per file behind it: {messages:#?}"
    );
    for expected in [
        "content/folder-out leads outside the site",
        "content/file-out.md leads outside the site",
        "content/loop: it is a link back to a folder that holds it",
        "content/x: it is a symbolic link that leads round in a loop",
        "content/gone.md: it is a symbolic link to something that does not exist",
    ] {
        assert!(
            messages.iter().any(|message| message.contains(expected)),
            "{expected} not in {messages:#?}"
        );
    }
    assert!(!build.stderr.contains("Secret"));
    assert!(
        diagnostics
            .iter()
            .any(|found| found.location() == "content/folder-out:1:1"
                && found.code == "path-outside-site"),
        "the link itself is the place to fix: {diagnostics:#?}"
    );
}

#[test]
fn absolute_and_climbing_file_paths_are_refused() {
    let site = SiteTest::new("catalogue-filters");
    site.replace(
        "content/resources/apps.md",
        "url = \"https://www.example.org/apps-for-parents\"",
        "file = \"/etc/passwd\"",
    );
    assert_build_refused(&site, "missing-file", "content/resources/apps.md:7:8");
    site.replace(
        "content/resources/apps.md",
        "file = \"/etc/passwd\"",
        "file = \"../../../../../../etc/passwd\"",
    );
    assert_build_refused(&site, "path-outside-site", "content/resources/apps.md:7:8");
}

#[test]
fn missing_pieces_are_named() {
    for (setup, message) in [
        ("no content", "this site has no content/ folder"),
        ("empty content", "content/ has no pages"),
        ("site.toml folder", "site.toml in this folder is a folder"),
    ] {
        let site = SiteTest::new("link-relative-md");
        match setup {
            "no content" => std::fs::remove_dir_all(site.root.join("content")),
            "empty content" => std::fs::remove_dir_all(site.root.join("content"))
                .and_then(|()| std::fs::create_dir(site.root.join("content"))),
            _ => std::fs::remove_file(site.root.join("site.toml"))
                .and_then(|()| std::fs::create_dir(site.root.join("site.toml"))),
        }
        .expect("set up");
        let build = site.build();
        assert_eq!(build.code, 1, "{setup}: {}", build.stderr);
        assert_contains(&build.stderr, message);
        assert!(!site.output().exists(), "{setup}");
    }
}

#[test]
fn line_endings_and_byte_order_marks_keep_lines_right() {
    for (name, text) in [
        (
            "crlf",
            "+++\r\ntitle = \"X\"\r\n+++\r\nText [a](@/nowhere.md)\r\n",
        ),
        (
            "lone cr",
            "+++\rtitle = \"X\"\r+++\rText [a](@/nowhere.md)\r",
        ),
        (
            "bom",
            "\u{feff}+++\ntitle = \"X\"\n+++\nText [a](@/nowhere.md)\n",
        ),
        (
            "nul",
            "+++\ntitle = \"X\"\n+++\nText [a](@/nowhere.md) \u{0}\n",
        ),
    ] {
        let site = SiteTest::new("link-relative-md");
        site.write("content/x.md", text);
        let (exit, diagnostics) = site.check_json();
        assert_eq!(exit, 1, "{name}");
        assert!(
            diagnostics
                .iter()
                .any(|found| found.code == "broken-link" && found.location() == "content/x.md:4:10"),
            "{name}: {diagnostics:#?}"
        );
    }
}

#[test]
fn file_names_with_spaces_and_accents_get_plain_addresses() {
    let site = SiteTest::new("link-relative-md");
    site.write("content/Annual Report 2025.md", &page("", "The report."));
    site.write("content/Café Ünïcode/index.md", &page("", "Café."));
    site.write(
        "content/x.md",
        &page(
            "",
            "[report](<@/Annual Report 2025.md>), [café](<@/Café Ünïcode/index.md>)",
        ),
    );
    site.build_ok();
    assert!(
        site.output()
            .join("annual-report-2025/index.html")
            .is_file()
    );
    assert!(site.output().join("cafe-unicode/index.html").is_file());
    let x = site.read_output("x/index.html");
    assert_contains(&x, "href=\"/annual-report-2025/\"");
}

#[test]
fn files_differing_only_in_letter_case_collide() {
    let site = SiteTest::new("link-relative-md");
    site.write("content/About.md", &page("", "Again."));
    assert_build_refused(&site, "duplicate-url", "content/about.md:1:1");
    let (_, diagnostics) = site.check_json();
    assert!(
        diagnostics
            .iter()
            .any(|found| found.message.contains("content/About.md"))
    );
    let statics = SiteTest::new("link-relative-md");
    statics.write(
        "static/Logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    statics.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let build = statics.build();
    assert_eq!(build.code, 1, "{}", build.stderr);
    assert_contains(&build.stderr, "differs only in letter case");
}

#[test]
fn duplicates_are_reported_at_the_second() {
    assert_refused(
        "link-relative-md",
        &[(
            "content/x.md",
            "+++\ntitle = \"X\"\ntitle = \"Y\"\n+++\nText\n",
        )],
        "invalid-toml",
        "content/x.md:3:1",
    );
    assert_refused(
        "link-relative-md",
        &[(
            "glossary.toml",
            "[[terms]]\nterm = \"LSCP\"\nmeaning = \"a\"\n\n[[terms]]\nterm = \"LSCP\"\nmeaning = \"b\"\n",
        )],
        "invalid-value",
        "glossary.toml:6:8",
    );
    let site = SiteTest::new("link-relative-md");
    let text = std::fs::read_to_string(site.root.join("site.toml")).expect("site.toml");
    let line = text.lines().count() + 3;
    site.write(
        "site.toml",
        &format!("{text}\n[[topics]]\nslug = \"online-safety\"\nlabel = \"Again\"\n"),
    );
    assert_build_refused(&site, "invalid-value", &format!("site.toml:{line}:8"));
}

#[test]
fn numbers_and_dates_that_cannot_be() {
    assert_refused(
        "link-relative-md",
        &[(
            "content/x.md",
            &page("weight = 99999999999999999999999\n", "Text."),
        )],
        "invalid-value",
        "content/x.md:3:10",
    );
    assert_refused(
        "link-relative-md",
        &[("content/x.md", &page("date = 2025-02-30\n", "Text."))],
        "invalid-toml",
        "content/x.md:3:",
    );
}

#[test]
fn runaway_templates_stop_at_their_line() {
    for (template, says) in [
        ("{% include \"404.html\" %}", "includes itself"),
        (
            "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}\n{{ f(0) }}",
            "calls itself",
        ),
        (
            "{{ \"a\\nb\" | indent(1000000000) }}",
            "the indent width 1000000000",
        ),
        ("{{ [1] | slice(1000000000000) }}", "the slice count"),
        ("{{ \"%999999999s\" | format(1) }}", "a width in the format"),
        (
            "{% set s = \"x\" * 10000000 %}{% for i in range(20) %}{{ s }}{% endfor %}",
            "over 64 MB",
        ),
        (
            "line one\n{{ page.title | no_such_filter }}",
            "unknown filter",
        ),
        (
            "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}",
            "runs too long",
        ),
    ] {
        let site = SiteTest::new("link-relative-md");
        site.write("layouts/404.html", template);
        let build = site.build();
        assert_eq!(build.code, 1, "{template}: {}", build.stderr);
        assert_contains(&build.stderr, "layouts/404.html:");
        assert_contains(&build.stderr, says);
        assert!(!site.output().exists());
    }
}

/// Each of these must build, or fail with a diagnostic, in bounded time
/// and memory (the test run would stall or abort otherwise).
#[test]
fn pathological_markdown_builds_or_is_refused() {
    let nested_quotes = ">".repeat(50_000) + " deep";
    let nested_lists: String = (0..2_000)
        .map(|depth| format!("{}- item\n", "  ".repeat(depth)))
        .collect();
    let brackets = "[".repeat(50_000) + "x";
    let identical_headings = "## Same\n\n".repeat(20_000);
    let many_links = "[a](@/about.md) ".repeat(50_000);
    let nested_images = "![".repeat(5_000) + "x" + &"](a.png)".repeat(5_000);
    for (name, body) in [
        ("nested quotes", nested_quotes),
        ("nested lists", nested_lists),
        ("brackets", brackets),
        ("identical headings", identical_headings),
        ("many links", many_links),
        ("nested images", nested_images),
    ] {
        let site = SiteTest::new("link-relative-md");
        site.write("content/x.md", &page("", &body));
        let build = site.build();
        assert!(
            build.code == 0 || build.code == 1,
            "{name}: exit {}\n{}",
            build.code,
            build.stderr.chars().take(2_000).collect::<String>()
        );
        if build.code == 1 {
            assert!(!site.output().exists(), "{name}");
            assert_contains(&build.stderr, "content/x.md");
        }
    }
}

/// Thousands of problems in one long line: the human report shows the
/// first hundred of the file and counts the rest, in time linear in the
/// input (it used to take minutes).
#[test]
fn thousands_of_problems_in_one_line_are_counted() {
    let site = SiteTest::new("link-relative-md");
    let body = "[a](@/nowhere.md) ".repeat(5_000);
    site.write("content/x.md", &page("", &body));
    let build = site.build();
    assert_eq!(build.code, 1);
    assert_eq!(build.stderr.matches("error[broken-link]").count(), 100);
    assert_contains(
        &build.stderr,
        "note: 4900 more problems in content/x.md are not shown (4900 broken-link); `--format json` lists every one",
    );
    let (_, diagnostics) = site.check_json();
    assert_eq!(diagnostics.len(), 5_000);
}

#[test]
fn site_files_cannot_take_the_builds_own_names() {
    for (path, says) in [
        (
            "static/_redirects",
            "static/_redirects has the name of a file the build writes itself",
        ),
        (
            "static/robots.txt",
            "static/robots.txt has the name of a file the build writes itself",
        ),
        (
            "static/pagefind/pagefind.js",
            "static/pagefind/pagefind.js has the name",
        ),
        ("content/a\nb.pdf", "content/a\\nb.pdf has a line break"),
    ] {
        let site = SiteTest::new("link-relative-md");
        site.write(path, "/old /elsewhere 301\n");
        let build = site.build();
        assert_eq!(build.code, 1, "{path}: {}", build.stderr);
        assert_contains(&build.stderr, says);
        assert!(!site.output().exists(), "{path}");
    }
}

#[test]
fn a_file_with_a_space_is_linked_either_way() {
    let site = SiteTest::new("link-relative-md");
    site.write("content/ICON leaflet.pdf", "%PDF-1.4\n");
    site.write(
        "content/x.md",
        &page(
            "",
            "[one](<ICON leaflet.pdf>) and [two](ICON%20leaflet.pdf).",
        ),
    );
    site.build_ok();
    assert!(site.output().join("ICON leaflet.pdf").is_file());
    let x = site.read_output("x/index.html");
    assert_eq!(x.matches("href=\"/ICON%20leaflet.pdf\"").count(), 2, "{x}");
}

#[test]
fn money_that_cannot_be() {
    let chapter = "content/reports/2024-25/finances.toml";
    for (from, to, says) in [
        (
            "amount = 300000",
            "amount = -300000",
            "an income or spending line cannot be -300000",
        ),
        (
            "amount = 300000",
            "amount = 9223372036854775807",
            "9223372036854775807 is more than any partnership's budget",
        ),
    ] {
        let site = SiteTest::new("finances-two-years");
        site.replace(chapter, from, to);
        assert_build_refused(&site, "invalid-amount", &format!("{chapter}:5:10"));
        assert_contains(&site.build().stderr, says);
    }
    // Many lines near the limit: the sums cannot overflow.
    let site = SiteTest::new("finances-two-years");
    let text = std::fs::read_to_string(site.root.join(chapter)).expect("finances");
    let lines = "[[income]]\nlabel = \"More\"\namount = 1000000000000\n".repeat(20_000);
    site.write(chapter, &format!("{text}{lines}"));
    let build = site.build();
    assert!(build.code == 0 || build.code == 1, "{}", build.stderr);
}

#[test]
fn thousands_of_rows_of_the_wrong_shape_are_each_reported_at_their_line() {
    let site = SiteTest::new("data-table-row-short");
    let rows: String = (0..3_000)
        .map(|row| {
            if row % 3 == 0 {
                "  [\"x\"],\n"
            } else {
                "  [\"x\", \"y\"],\n"
            }
        })
        .collect();
    let table =
        format!("[[tables]]\ncaption = \"P\"\ncolumns = [\"a\", \"b\"]\nrows = [\n{rows}]\n");
    site.write("content/governance.toml", &table);
    let (exit, diagnostics) = site.check_json();
    assert_eq!(exit, 1);
    let short: Vec<String> = diagnostics
        .iter()
        .filter(|found| found.code == "invalid-value")
        .map(|found| found.location())
        .collect();
    assert_eq!(short.len(), 1_000);
    assert_eq!(short[0], "content/governance.toml:5:3");
    assert_eq!(short[1], "content/governance.toml:8:3");
}

/// A PNG whose header claims 60,000 × 60,000 pixels (14 GB decoded) in a
/// file of a few bytes, and images cut short.
#[test]
fn decompression_bombs_and_truncated_images() {
    let mut bomb = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = b"IHDR".to_vec();
    header.extend(60_000_u32.to_be_bytes());
    header.extend(60_000_u32.to_be_bytes());
    header.extend([8, 6, 0, 0, 0]);
    bomb.extend(13_u32.to_be_bytes());
    bomb.extend(&header);
    bomb.extend(crc32fast::hash(&header).to_be_bytes());
    bomb.extend([0; 64]);
    let mut truncated_png = Vec::new();
    image::RgbImage::from_pixel(64, 64, image::Rgb([1, 2, 3]))
        .write_to(
            &mut std::io::Cursor::new(&mut truncated_png),
            image::ImageFormat::Png,
        )
        .expect("encode");
    truncated_png.truncate(truncated_png.len() / 2);
    let truncated_jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00".to_vec();
    for (name, bytes, code) in [
        ("bomb.png", bomb, "image-too-large"),
        ("half.png", truncated_png, "image-unreadable"),
        ("half.jpg", truncated_jpeg, "image-unreadable"),
    ] {
        let site = SiteTest::new("link-relative-md");
        std::fs::write(site.root.join("content").join(name), bytes).expect("write");
        site.write("content/x.md", &page("", &format!("![A picture]({name})")));
        assert_build_refused(&site, code, "content/x.md:4:14");
    }
}

/// Found by the fuzzer: thousands of `{` without `=` made the toml
/// crate's parser recurse until the stack overflowed (the process
/// aborted). Every TOML text is now checked for nesting first.
#[test]
fn thousands_of_open_braces_are_a_diagnostic_not_a_crash() {
    let braces = "{a ".repeat(5_000);
    for (path, text) in [
        (
            "content/x.md",
            format!("+++\ntitle = \"X\"\nx = {braces}\n+++\nText.\n"),
        ),
        ("site.toml", format!("x = {braces}\n")),
        (
            "content/about.toml",
            format!("[[tables]]\nrows = [{braces}\n"),
        ),
        ("glossary.toml", format!("[[terms]]\nterm = {braces}\n")),
    ] {
        let site = SiteTest::new("link-relative-md");
        site.write(path, &text);
        let build = site.build();
        assert_eq!(
            build.code,
            1,
            "{path}: {}",
            build.stderr.chars().take(500).collect::<String>()
        );
        assert_contains(&build.stderr, "brackets nested more than 64 deep");
        assert_contains(&build.stderr, &format!("--> {path}:"));
    }
}
