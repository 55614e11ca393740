//! Issue 17: the languages a site declares. `[[languages]]` in site.toml
//! is checked (a tag, not the site's own, once each, with a name), and
//! every page says which way its language is written.

use crate::site_test::{SiteTest, assert_contains, codes_at};

const LANGUAGES: &str = r#"
[[languages]]
code = "cy"
name = "Cymraeg"
title = "Partneriaeth Diogelu Plant"

[[languages]]
code = "ur"
name = "اردو"
"#;

/// Adds `extra` to the end of the fixture's site.toml, and `language`
/// after its first line.
fn site_with(language: &str, extra: &str) -> SiteTest {
    let site = SiteTest::new("resources-in-other-languages");
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/resources-in-other-languages/site.toml"
    ))
    .expect("the fixture's site.toml");
    let text = text.replacen("language = \"en-GB\"\n", &format!("{language}\n"), 1);
    site.write("site.toml", &format!("{text}{extra}"));
    site
}

#[test]
fn declared_languages_build_and_pages_say_which_way_they_are_written() {
    let site = site_with("language = \"en-GB\"", LANGUAGES);
    let build = site.build_ok();
    assert!(
        build.stderr.contains("0 errors, 0 warnings"),
        "{}",
        build.stderr
    );
    assert_contains(
        &site.read_output("index.html"),
        r#"<html lang="en-GB" dir="ltr">"#,
    );
}

#[test]
fn a_right_to_left_site_language_sets_dir_rtl() {
    let site = site_with("language = \"ur\"", "");
    site.build_ok();
    assert_contains(
        &site.read_output("index.html"),
        r#"<html lang="ur" dir="rtl">"#,
    );
}

#[test]
fn bad_language_declarations_are_reported_at_the_code() {
    let declarations = r#"
[[languages]]
code = "welsh language"
name = "Cymraeg"

[[languages]]
code = "en"
name = "English"

[[languages]]
code = "pl"
name = "Polski"

[[languages]]
code = "pl-PL"
name = "Polski"

[[languages]]
code = "so"
name = " "
"#;
    let site = site_with("language = \"en-GB\"", declarations);
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    assert_eq!(
        codes_at(&diagnostics),
        [
            "invalid-value site.toml:22:8",
            "invalid-value site.toml:26:8",
            "invalid-value site.toml:34:8",
            "invalid-value site.toml:38:8",
        ],
        "{diagnostics:#?}"
    );
    let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "'welsh language' is not a language tag",
            "'en' is the site's own language ('en-GB')",
            "the language 'pl-PL' is declared twice (first as 'pl')",
            "the language 'so' has no name",
        ]
    );
}

#[test]
fn a_misspelt_language_key_is_reported_with_the_right_one() {
    let site = site_with(
        "language = \"en-GB\"",
        "\n[[languages]]\ncode = \"cy\"\nnmae = \"Cymraeg\"\n",
    );
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    assert_eq!(
        codes_at(&diagnostics),
        ["missing-key site.toml:21:1", "unknown-key site.toml:23:1"]
    );
    assert_eq!(diagnostics[1].help.as_deref(), Some("did you mean 'name'?"));
}

#[test]
fn the_site_language_must_be_a_language_tag() {
    let site = site_with("language = \"en_GB\"", "");
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    assert_eq!(codes_at(&diagnostics), ["invalid-value site.toml:3:12"]);
    assert_eq!(diagnostics[0].message, "'en_GB' is not a language tag");
}
