//! The bundled demo site (the repository root) builds cleanly into a
//! complete site, and every internal link in it points at a written file.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use crate::site_test::{BUILD_EPOCH, assert_contains};

#[test]
fn demo_site_builds_with_no_diagnostics() {
    let out = tempfile::tempdir().expect("temporary folder");
    let target = out.path().join("public");
    let root = env!("CARGO_MANIFEST_DIR");
    let output = Command::new(env!("CARGO_BIN_EXE_reportsite"))
        .args(["build", "--root", root, "--output"])
        .arg(&target)
        .env("SOURCE_DATE_EPOCH", BUILD_EPOCH)
        .output()
        .expect("run reportsite");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_contains(&stderr, "0 errors, 0 warnings");
    let pages = html_files(&target);
    assert!(pages.len() >= 40, "only {} pages", pages.len());
    for required in [
        "index.html",
        "404.html",
        "report-a-concern/index.html",
        "reports/2023-24/finances/index.html",
        "reports/2024-25/index.html",
        "priorities/safeguarding-babies/index.html",
        "parents-and-carers/index.html",
        "children-and-young-people/index.html",
        "practitioners/index.html",
        "about/index.html",
    ] {
        assert!(target.join(required).is_file(), "missing {required}");
    }
    assert_parent_resources_two_clicks_from_home(&target);
    assert_no_third_party_request_before_a_click(&target, &pages);
    let broken = broken_internal_links(&target, &pages);
    assert!(broken.is_empty(), "broken internal links: {broken:?}");
    assert_every_page_links_the_default_icon(&target, &pages);
    // Issue 15: the 2023-24 report says its income and spending cover
    // different bodies, so its finances page must not subtract them.
    let finances = read(&target, "reports/2023-24/finances/index.html");
    assert_contains(&finances, "so they are not compared");
    assert!(!finances.contains("Income above spending"));
}

/// Issue 15: every page named an icon that did not exist, so each visit
/// asked for `/favicon.ico` and got a 404. The default icon is written and
/// every page, redirect pages included, links to it.
fn assert_every_page_links_the_default_icon(public: &Path, pages: &[String]) {
    let svg = std::fs::read_to_string(public.join("favicon.svg")).expect("favicon.svg is written");
    assert!(
        svg.starts_with("<svg ") && svg.len() < 1024,
        "a tiny SVG: {svg}"
    );
    let ico = std::fs::read(public.join("favicon.ico")).expect("favicon.ico is written");
    assert!(
        ico.starts_with(&[0, 0, 1, 0]) && ico.len() < 1024,
        "a tiny ICO"
    );
    let without_icon: Vec<&String> = pages
        .iter()
        .filter(|page| {
            !read(public, page)
                .contains(r#"<link rel="icon" href="/favicon.svg" type="image/svg+xml">"#)
        })
        .collect();
    assert!(
        without_icon.is_empty(),
        "pages with no icon: {without_icon:?}"
    );
}

/// Nothing in a page's first HTML makes the browser fetch from another
/// host: images, scripts, stylesheets, frames and media are all the
/// site's own (a video's player is added only after a press).
fn assert_no_third_party_request_before_a_click(public: &Path, pages: &[String]) {
    let mut offending = BTreeSet::new();
    for page in pages {
        let html = read(public, page);
        for tag in html.split('<').skip(1) {
            let name = tag.split([' ', '>', '/']).next().unwrap_or_default();
            let loads = match name {
                "img" | "script" | "iframe" | "video" | "audio" | "source" | "track" | "embed" => {
                    ["src", "srcset", "poster"].as_slice()
                }
                "link" => ["href"].as_slice(),
                "object" => ["data"].as_slice(),
                _ => continue,
            };
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            for attribute in loads {
                for value in attribute_values(&format!(" {tag}"), attribute) {
                    if value.contains("//") && !value.starts_with("https://www.example.org/") {
                        offending.insert(format!("{page}: <{name} {attribute}=\"{value}\">"));
                    }
                }
            }
        }
    }
    assert!(
        offending.is_empty(),
        "third-party requests in the initial HTML: {offending:?}"
    );
}

/// Home → "Resources for parents and carers" → every resource whose
/// front matter names that audience: two clicks, no JavaScript.
fn assert_parent_resources_two_clicks_from_home(public: &Path) {
    let listing = "/resources/audience/parents-and-carers/";
    let home = std::fs::read_to_string(public.join("index.html")).expect("home page");
    assert!(
        home.contains(&format!(r#"href="{listing}""#)),
        "the home page links to {listing}"
    );
    let page =
        std::fs::read_to_string(public.join("resources/audience/parents-and-carers/index.html"))
            .expect("listing");
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/resources");
    let mut expected = 0;
    for entry in walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
    {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let for_parents = text
            .lines()
            .any(|line| line.starts_with("audiences") && line.contains("\"parents-and-carers\""));
        if entry.path().extension().is_some_and(|ext| ext == "md") && for_parents {
            let relative = entry
                .path()
                .strip_prefix(&content)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            let slug = relative
                .trim_end_matches("/index.md")
                .trim_end_matches(".md");
            assert!(
                page.contains(&format!(r#"href="/resources/{slug}/""#)),
                "{slug} is listed on {listing}"
            );
            expected += 1;
        }
    }
    assert!(
        expected >= 5,
        "the demo has resources for parents ({expected})"
    );
}

#[test]
fn the_independent_scan_finds_planted_breaks() {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::create_dir_all(dir.path().join("a")).expect("folder");
    let page = r##"<p id="top"><a href="/a/#top">ok</a> <a href="/a/#gone">anchor</a> <a href="/b/">page</a> <img src="/x.png" alt=""></p>"##;
    std::fs::write(dir.path().join("a/index.html"), page).expect("write page");
    let broken = broken_internal_links(dir.path(), &["a/index.html".to_string()]);
    let expected: BTreeSet<String> = [
        "a/index.html -> /a/#gone",
        "a/index.html -> /b/",
        "a/index.html -> /x.png",
    ]
    .into_iter()
    .map(str::to_string)
    .collect();
    assert_eq!(broken, expected);
}

fn html_files(root: &Path) -> Vec<String> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "html"))
        .map(|entry| {
            entry
                .path()
                .strip_prefix(root)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

/// An independent scan (plain string search, not the build's lol_html
/// pass) of every `href`, `src` and `srcset` starting with `/` or `#`:
/// each must name a written file, and each fragment an `id` on its page.
fn broken_internal_links(root: &Path, pages: &[String]) -> BTreeSet<String> {
    let ids: std::collections::HashMap<&str, BTreeSet<String>> = pages
        .iter()
        .map(|page| {
            (
                page.as_str(),
                attribute_values(&read(root, page), "id").collect(),
            )
        })
        .collect();
    let mut broken = BTreeSet::new();
    for page in pages {
        let html = read(root, page);
        let urls = ["href", "src"]
            .into_iter()
            .flat_map(|name| attribute_values(&html, name).collect::<Vec<_>>())
            .chain(attribute_values(&html, "srcset").flat_map(|set| {
                set.split(',')
                    .filter_map(|c| c.split_whitespace().next().map(str::to_string))
                    .collect::<Vec<_>>()
            }));
        for url in urls.filter(|url| url.starts_with('/') || url.starts_with('#')) {
            let (path, fragment) = url.split_once('#').unwrap_or((url.as_str(), ""));
            let file = match path {
                "" => page.clone(),
                _ if path.ends_with('/') => format!("{}index.html", &path[1..]),
                _ => path[1..].to_string(),
            };
            let exists = root.join(&file).is_file();
            let anchor_ok = fragment.is_empty()
                || ids
                    .get(file.as_str())
                    .is_some_and(|ids| ids.contains(fragment));
            if !exists || !anchor_ok {
                broken.insert(format!("{page} -> {url}"));
            }
        }
    }
    broken
}

fn read(root: &Path, page: &str) -> String {
    std::fs::read_to_string(root.join(page)).expect("read page")
}

/// The values of ` name="…"` attributes, entities for `&` decoded.
fn attribute_values(html: &str, name: &str) -> impl Iterator<Item = String> {
    let marker = format!(" {name}=\"");
    let values: Vec<String> = html
        .match_indices(&marker)
        .map(|(at, _)| {
            let rest = &html[at + marker.len()..];
            rest[..rest.find('"').unwrap_or(rest.len())].replace("&amp;", "&")
        })
        .collect();
    values.into_iter()
}

/// The page-weight budgets of the default theme, on the demo site: CSS
/// under 15 kB, JavaScript under 10 kB, every HTML page under 50 kB.
#[test]
fn demo_pages_stay_within_the_weight_budgets() {
    let out = tempfile::tempdir().expect("temporary folder");
    let target = out.path().join("public");
    let status = Command::new(env!("CARGO_BIN_EXE_reportsite"))
        .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--output"])
        .arg(&target)
        .env("SOURCE_DATE_EPOCH", BUILD_EPOCH)
        .output()
        .expect("run reportsite");
    assert_eq!(status.status.code(), Some(0));
    let size = |path: &str| std::fs::metadata(target.join(path)).expect("file").len();
    assert!(
        size("css/site.css") < 15_000,
        "CSS is {} bytes",
        size("css/site.css")
    );
    assert!(
        size("js/site.js") < 10_000,
        "JavaScript is {} bytes",
        size("js/site.js")
    );
    let heavy: Vec<String> = html_files(&target)
        .into_iter()
        .filter(|page| size(page) >= 50_000)
        .map(|page| format!("{page}: {} bytes", size(&page)))
        .collect();
    assert!(heavy.is_empty(), "pages over 50 kB: {heavy:?}");
    let home = read(&target, "index.html");
    assert_contains(
        &home,
        r#"<meta http-equiv="Content-Security-Policy" content="default-src 'self';"#,
    );
    assert!(
        home.contains(r#"<script src="/js/site.js" defer></script>"#),
        "the only script never blocks rendering"
    );
}
