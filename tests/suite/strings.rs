//! Interface strings: `t()` in templates, the built-in tables (English,
//! Welsh, Polish, Urdu), a site's `i18n/<code>.toml` over them, plurals by
//! CLDR rules, and the `missing-translation` warning (issue 17, point 4).

use crate::site_test::{SiteTest, assert_contains};

#[test]
fn a_site_table_missing_keys_warns_once_at_the_file_and_falls_back_to_english() {
    let site = SiteTest::new("i18n-missing-translation");
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 0, "{diagnostics:?}");
    let missing: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.code == "missing-translation")
        .collect();
    assert_eq!(missing.len(), 1, "{diagnostics:?}");
    assert_eq!(missing[0].severity, "warning");
    assert_eq!(missing[0].location(), "i18n/ro.toml:1:1");
    assert_contains(&missing[0].message, "report_a_concern");
    assert_contains(&missing[0].message, "results_count");
    assert!(!missing[0].message.contains("skip_to_content"));
    let unknown = diagnostics
        .iter()
        .find(|d| d.code == "unknown-key")
        .expect("the misspelt key is reported");
    assert_eq!(unknown.location(), "i18n/ro.toml:3:1");
    assert_eq!(
        unknown.help.as_deref(),
        Some("did you mean 'report_a_concern'?")
    );
    site.build_ok();
    let page = site.read_output("about/index.html");
    assert_contains(&page, "<p id=\"skip\">Salt la conținutul principal</p>");
    assert_contains(&page, "<p id=\"fallback\">Report a concern</p>");
}

#[test]
fn a_site_table_overrides_one_english_string_and_plurals_follow_cldr() {
    let site = SiteTest::new("i18n-override-and-plurals");
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 0, "{diagnostics:?}");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    site.build_ok();
    let page = site.read_output("about/index.html");
    assert_contains(
        &page,
        "<p id=\"override\">Tell us you are worried about a child</p>",
    );
    // The default base template shows the site's string too.
    assert_contains(
        &page,
        "<aside class=\"concern\" aria-label=\"Tell us you are worried about a child\">",
    );
    for english in ["0 results", "1 result<", "2 results"] {
        assert_contains(&page, english);
    }
    for welsh in [
        "0 canlyniad",
        "1 canlyniad",
        "2 ganlyniad",
        "3 chanlyniad",
        "6 chanlyniad",
        "7 canlyniad",
    ] {
        assert_contains(
            &page,
            &format!("<p class=\"cy-count\" lang=\"cy\">{welsh}</p>"),
        );
    }
}

#[test]
fn an_unknown_string_is_a_template_error_at_its_line() {
    let site = SiteTest::new("i18n-unknown-string");
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    let error = &diagnostics[0];
    assert_eq!(error.code, "template-error");
    assert_eq!(error.location(), "layouts/page.html:4:7");
    assert_contains(&error.message, "did you mean 'report_a_concern'?");
    assert!(!site.output().exists());
}

#[test]
fn a_welsh_site_shows_the_built_in_welsh_strings() {
    let site = SiteTest::new("i18n-welsh-site");
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 0, "{diagnostics:?}");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    site.build_ok();
    let page = site.read_output("about/index.html");
    for welsh in [
        "<a class=\"skip-link\" href=\"#main-content\">Neidio i'r prif gynnwys</a>",
        "<aside class=\"concern\" aria-label=\"Adrodd am bryder\">",
        "Cysylltu â'r bartneriaeth",
        "Adrodd am bryder</a></li>",
    ] {
        assert_contains(&page, welsh);
    }
    assert!(!page.contains("Skip to main content"));
}
