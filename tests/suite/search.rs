//! The search index: built with Pagefind from the content pages only, each
//! once, with its script and WebAssembly under `pagefind/`.

use std::collections::BTreeSet;

use reportsite::content::Date;
use reportsite::pipeline::{BuildOptions, check};

use crate::site_test::{SiteTest, assert_contains, files_under};

#[test]
fn every_content_page_is_indexed_once_and_nothing_else() {
    let site = SiteTest::demo();
    let report = check(&BuildOptions {
        root: site.root.clone(),
        output: site.output(),
        base_url: None,
        deny_warnings: false,
        build_date: Date::from_unix_days(20_454),
    });
    assert!(!report.has_errors(), "{:?}", report.diagnostics.first());
    let pages = &report.search_pages;
    let unique: BTreeSet<&String> = pages.iter().collect();
    assert_eq!(unique.len(), pages.len(), "a page is indexed twice");
    // Every content page, and the glossary.
    assert_eq!(pages.len(), report.pages + 1);
    assert!(
        pages.contains(&"/resources/icon-leaflet/".to_string()),
        "{pages:?}"
    );
    assert!(pages.contains(&"/glossary/".to_string()));
    for page in pages {
        for left_out in [
            "/editors/",
            "/poster/",
            "/icon/",
            "/yearly-report/",
            "/search/",
            "/format/",
            "/a-z/",
        ] {
            assert!(
                !page.ends_with(left_out) && !page.contains("/editors/"),
                "{page} is indexed"
            );
        }
    }
}

#[test]
fn the_search_page_works_without_javascript_and_loads_the_index_from_the_site() {
    let site = SiteTest::demo();
    site.build_ok();
    for file in [
        "pagefind/pagefind.js",
        "pagefind/pagefind-entry.json",
        "pagefind/wasm.en.pagefind",
    ] {
        assert!(site.output().join(file).is_file(), "{file} is missing");
    }
    assert!(
        !site.output().join("pagefind/pagefind-ui.js").exists(),
        "the unused UI is left out"
    );
    let html = site.read_output("search/index.html");
    assert_contains(&html, r#"data-search="/pagefind/""#);
    assert_contains(&html, "script-src 'self' 'wasm-unsafe-eval'");
    assert_contains(&html, "<noscript>");
    assert_contains(&html, r#"<a href="/resources/">"#);
    let resource = site.read_output("resources/icon-leaflet/index.html");
    assert_contains(&resource, "data-pagefind-body");
    assert!(
        !resource.contains("wasm-unsafe-eval"),
        "only the search page allows WebAssembly"
    );
    let listing = site.read_output("resources/format/leaflet/index.html");
    assert!(
        !listing.contains("data-pagefind-body"),
        "filter pages are not indexed"
    );
}

/// Every file under `public/pagefind/`, with its bytes.
fn search_bundle(site: &SiteTest) -> std::collections::BTreeMap<String, Vec<u8>> {
    files_under(&site.output().join("pagefind"))
        .into_iter()
        .map(|(relative, path)| (relative, std::fs::read(path).expect("read bundle file")))
        .collect()
}

#[test]
fn an_index_of_unchanged_words_is_reused_and_equals_a_fresh_one() {
    let site = SiteTest::demo();
    let first = site.build_ok();
    assert_contains(&first.stderr, "pages indexed");
    let fresh = search_bundle(&site);
    let again = site.build_ok();
    assert_contains(&again.stderr, "pages unchanged (from the cache)");
    assert_eq!(search_bundle(&site), fresh, "the reused index is the same");

    // New words: indexed again, and the new word is in the index.
    let path = "content/resources/icon-leaflet/index.md";
    let text = std::fs::read_to_string(site.root.join(path)).expect("read page");
    site.write(
        path,
        &format!("{text}\nZebracrossing advice for parents.\n"),
    );
    let edited = site.build_ok();
    assert_contains(&edited.stderr, "pages indexed");
    assert_ne!(search_bundle(&site), fresh);

    // A damaged cache is never used: the index is built again, the same.
    let cache = site.root.join(".reportsite/cache/search/pagefind.bin");
    let mut bytes = std::fs::read(&cache).expect("the cache was written");
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&cache, bytes).expect("damage the cache");
    let edited_bundle = search_bundle(&site);
    let rebuilt = site.build_ok();
    assert_contains(&rebuilt.stderr, "pages indexed");
    assert_eq!(search_bundle(&site), edited_bundle);
}

#[test]
fn check_and_failed_builds_leave_no_search_cache() {
    let site = SiteTest::demo();
    assert_eq!(site.run(&["check"]).code, 0);
    site.write(
        "content/broken.md",
        "+++\ntitle = \"Broken\"\n+++\n[x](@/nowhere.md)\n",
    );
    assert_eq!(site.build().code, 1);
    assert!(!site.root.join(".reportsite/cache/search").exists());
}
