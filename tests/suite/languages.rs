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
            "missing-translation site.toml:38:8",
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
            "there are no interface strings in 'so': its pages show the English words",
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

/// Issue 17, point 2: `about.cy.md` is the Welsh version of `/about/`,
/// published under `/cy/` with its own slug; the versions list each other
/// (`hreflang`, reciprocal, with `x-default`) and a language switcher
/// offers them, each name in its own language.
#[test]
fn a_translation_is_published_under_its_language_and_linked_both_ways() {
    let site = SiteTest::new("translated-pages");
    let build = site.build_ok();
    assert!(
        build.stderr.contains("0 errors, 0 warnings"),
        "{}",
        build.stderr
    );
    let welsh = site.read_output("cy/amdanom/index.html");
    assert_contains(&welsh, r#"<html lang="cy" dir="ltr">"#);
    for html in [&welsh, &site.read_output("about/index.html")] {
        assert_contains(
            html,
            r#"<link rel="alternate" hreflang="en-GB" href="https://fixture.example.org/about/">"#,
        );
        assert_contains(
            html,
            r#"<link rel="alternate" hreflang="cy" href="https://fixture.example.org/cy/amdanom/">"#,
        );
        assert_contains(
            html,
            r#"<link rel="alternate" hreflang="ur" href="https://fixture.example.org/ur/about/">"#,
        );
        assert_contains(
            html,
            r#"<link rel="alternate" hreflang="x-default" href="https://fixture.example.org/about/">"#,
        );
    }
    assert_contains(
        &welsh,
        r#"<li><a href="/about/" lang="en-GB" hreflang="en-GB">English</a></li><li><span lang="cy" aria-current="page">Cymraeg</span></li>"#,
    );
    assert_contains(
        &site.read_output("ur/about/index.html"),
        r#"<html lang="ur" dir="rtl">"#,
    );
    // A link goes to the version in the linking page's language where
    // there is one, and to the site's own language otherwise.
    assert_contains(
        &site.read_output("cy/index.html"),
        r#"<a href="/cy/amdanom/">amdanom ni</a>"#,
    );
    assert_contains(
        &site.read_output("index.html"),
        r#"<a href="/about/">about us</a>"#,
    );
    // No Welsh contact page: the link falls back to English; its text
    // already says so, so no second marker.
    assert_contains(
        &welsh,
        r#"<a href="/contact/" hreflang="en-GB">Ffoniwch ni</a> (yn Saesneg)."#,
    );
    assert!(
        !site
            .read_output("contact/index.html")
            .contains("hreflang=\"cy\""),
        "a page with no translation lists no versions"
    );
}

#[test]
fn translation_files_are_checked_by_name() {
    let site = SiteTest::new("translated-pages");
    site.write(
        "content/about.fr.md",
        "+++\ntitle = \"À propos\"\n+++\nBonjour.\n",
    );
    site.write(
        "content/news.cy.md",
        "+++\ntitle = \"Newyddion\"\n+++\nDim.\n",
    );
    site.write(
        "content/about.v2.md",
        "+++\ntitle = \"About, second draft\"\n+++\nDraft.\n",
    );
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    assert_eq!(
        codes_at(&diagnostics),
        [
            "undeclared-language content/about.fr.md:1:1",
            "translation-without-original content/news.cy.md:1:1",
        ],
        "{diagnostics:#?}"
    );
    assert_eq!(
        diagnostics[1].message,
        "content/news.cy.md translates content/news.md, which does not exist"
    );
}

/// An anchor is checked on the page a link lands on: in a Welsh page,
/// `@/about.md#who-we-are` lands on the Welsh version, which has no such
/// heading.
#[test]
fn an_anchor_is_checked_on_the_version_the_link_lands_on() {
    let site = SiteTest::new("translated-pages");
    site.replace(
        "content/_index.cy.md",
        "(@/about.md)",
        "(@/about.md#who-we-are)",
    );
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    assert_eq!(
        codes_at(&diagnostics),
        ["missing-anchor content/_index.cy.md:4:33"],
        "{diagnostics:#?}"
    );
}

/// A language's own title, contact words and navigation are used on its
/// pages (`@/` in its navigation goes to its versions); what it leaves
/// out is the site's, with links still sent to its versions where they
/// exist.
#[test]
fn a_language_has_its_own_title_contact_and_navigation() {
    let site = SiteTest::new("translated-pages");
    site.build_ok();
    let welsh = site.read_output("cy/amdanom/index.html");
    assert_contains(
        &welsh,
        "<title>Amdanom ni – Partneriaeth Enghreifftiol</title>",
    );
    assert_contains(&welsh, r#"<a href="/cy/amdanom/""#);
    assert_contains(&welsh, ">Amdanom ni</a>");
    assert!(
        !welsh.contains(">Contact us</a>"),
        "Welsh pages have Welsh navigation"
    );
    assert_contains(
        &welsh,
        "Os yw plentyn mewn perygl uniongyrchol, ffoniwch 999.",
    );
    let urdu = site.read_output("ur/about/index.html");
    assert_contains(&urdu, "<title>ہمارے بارے میں – Fixture Partnership</title>");
    assert_contains(&urdu, r#"<a href="/ur/about/""#);
    assert_contains(&urdu, r#"<a href="/contact/""#);
    let english = site.read_output("about/index.html");
    assert_contains(&english, ">Contact us</a>");
}

/// The sitemap lists each version of a translated page with its
/// alternates (Google's `xhtml:link` form); a page with none has none.
#[test]
fn the_sitemap_lists_each_version_with_its_alternates() {
    let site = SiteTest::new("translated-pages");
    site.build_ok();
    let sitemap = site.read_output("sitemap.xml");
    assert_contains(&sitemap, r#"xmlns:xhtml="http://www.w3.org/1999/xhtml""#);
    assert_contains(
        &sitemap,
        r#"<url><loc>https://fixture.example.org/cy/amdanom/</loc><lastmod>"#,
    );
    assert_contains(
        &sitemap,
        r#"<xhtml:link rel="alternate" hreflang="en-GB" href="https://fixture.example.org/about/"/><xhtml:link rel="alternate" hreflang="cy" href="https://fixture.example.org/cy/amdanom/"/><xhtml:link rel="alternate" hreflang="ur" href="https://fixture.example.org/ur/about/"/></url>"#,
    );
    let contact = sitemap
        .lines()
        .find(|line| line.contains("/contact/</loc>"))
        .expect("the contact page in the sitemap");
    assert!(!contact.contains("xhtml:link"), "{contact}");
}

/// A translated resource, priority and news item give only their words
/// (title, summary, slug, body); their facts are their originals'. The
/// Welsh catalogue lists only what is in Welsh, with Welsh filter labels
/// from `labels`, and the priority page lists the Welsh version.
#[test]
fn translated_catalogue_entries_take_their_facts_from_the_original() {
    let site = SiteTest::new("translated-catalogue");
    let build = site.build_ok();
    assert_contains(&build.stderr, "0 errors, 0 warnings");
    let resource = site.read_output("cy/resources/babi-yn-crio/index.html");
    assert_contains(&resource, r#"<html lang="cy" dir="ltr">"#);
    assert_contains(&resource, "<h1>Ymdopi â babi sy&#39;n crio</h1>");
    assert_contains(&resource, r#"href="/cy/resources/babi-yn-crio/go/""#);
    assert_contains(
        &site.read_output("cy/resources/babi-yn-crio/go/index.html"),
        r#"url=https://www.example.org/crying">"#,
    );
    assert_contains(
        &resource,
        r#"href="/cy/priorities/safeguarding-babies/">Diogelu babanod</a>"#,
    );
    assert_contains(
        &resource,
        r#"<span class="button__detail"> (ar example.org) (yn Saesneg)</span>"#,
    );
    // The Welsh catalogue: the Welsh entry, and the English one that has a
    // Welsh version (marked as English); not the English-only one.
    let catalogue = site.read_output("cy/resources/index.html");
    assert_contains(&catalogue, "Ymdopi â babi sy&#39;n crio");
    assert_contains(&catalogue, r#"data-language="cy" lang="en-GB">"#);
    assert_contains(&catalogue, "Reading with your child");
    assert!(
        !catalogue.contains("Safe bath time"),
        "the Welsh catalogue lists only what a Welsh reader can use"
    );
    let audience = site.read_output("cy/resources/audience/parents-and-carers/index.html");
    assert_contains(&audience, "<h1>Adnoddau: Rhieni a gofalwyr</h1>");
    assert_contains(
        &site.read_output("cy/resources/a-z/index.html"),
        "<h1>Adnoddau o A i Y</h1>",
    );
    let priority = site.read_output("cy/priorities/safeguarding-babies/index.html");
    assert_contains(&priority, r#"href="/cy/resources/babi-yn-crio/""#);
    // Its own short address and poster, in Welsh, apart from the original's.
    assert_contains(
        &site.read_output("cy/r/babi-yn-crio/index.html"),
        "/cy/resources/babi-yn-crio/",
    );
    let poster = site.read_output("cy/resources/babi-yn-crio/poster/index.html");
    assert_contains(&poster, r#"<html lang="cy" dir="ltr">"#);
    assert_contains(&poster, r#"aria-label="Cod QR""#);
    assert_contains(&poster, "Rhieni a gofalwyr");
    assert_contains(&poster, "https://fixture.example.org/cy/r/babi-yn-crio/");
    // The site's own catalogue is as before: both entries, no Welsh.
    let own = site.read_output("resources/index.html");
    assert_contains(&own, "Reading with your child");
    assert!(!own.contains("Ymdopi"), "{own}");
    // The news item keeps its original's date.
    assert_contains(
        &site.read_output("cy/news/new-leaflet/index.html"),
        "2025-03-02",
    );
}

/// A translation that repeats a fact is refused at the key (the facts are
/// the original's); a label in an undeclared language at its code.
#[test]
fn a_translation_may_not_repeat_facts_and_labels_need_declared_languages() {
    let site = SiteTest::new("translated-catalogue");
    site.replace(
        "content/resources/crying-baby.cy.md",
        "slug = \"babi-yn-crio\"",
        "slug = \"babi-yn-crio\"\naudiences = [\"parents-and-carers\"]",
    );
    site.replace(
        "site.toml",
        "labels = { cy = \"Rhieni",
        "labels = { cw = \"Rhieni",
    );
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    assert_eq!(
        codes_at(&diagnostics),
        [
            "unknown-key content/resources/crying-baby.cy.md:5:1",
            "undeclared-language site.toml:12:12",
        ],
        "{diagnostics:#?}"
    );
    assert_eq!(
        diagnostics[0].help.as_deref(),
        Some(
            "a translation gives only its words (title, summary, slug and the text); its audiences is content/resources/crying-baby.md's: remove it here"
        )
    );
    assert_contains(diagnostics[1].help.as_deref().unwrap_or_default(), "cy");
}

/// Each language with news, resources or videos has its own Atom feed,
/// named by its pages; the site's own feed has none of the translations.
#[test]
fn each_language_has_its_own_feed() {
    let site = SiteTest::new("translated-catalogue");
    site.build_ok();
    let welsh = site.read_output("cy/atom.xml");
    assert_contains(&welsh, r#"xml:lang="cy""#);
    assert_contains(
        &welsh,
        "<title>Partneriaeth Enghreifftiol: newyddion ac adnoddau newydd</title>",
    );
    assert_contains(
        &welsh,
        "https://fixture.example.org/cy/resources/babi-yn-crio/",
    );
    assert!(!welsh.contains("Reading with your child"), "{welsh}");
    let own = site.read_output("atom.xml");
    assert_contains(&own, "Reading with your child");
    assert!(!own.contains("/cy/"), "{own}");
    assert_contains(
        &site.read_output("cy/index.html"),
        r#"type="application/atom+xml" title="Partneriaeth Enghreifftiol: newyddion ac adnoddau newydd" href="/cy/atom.xml""#,
    );
}

/// Each language is searched in its own Pagefind index: `/cy/search/`
/// loads `pagefind/cy/`, which holds only the Welsh pages, and the site's
/// own index holds none of them.
#[test]
fn each_language_is_searched_in_its_own_index() {
    let site = SiteTest::new("translated-catalogue");
    let build = site.build_ok();
    assert_contains(&build.stderr, "search: 14 pages indexed");
    let search = site.read_output("cy/search/index.html");
    assert_contains(&search, r#"<html lang="cy" dir="ltr">"#);
    assert_contains(&search, "<h1>Chwilio</h1>");
    assert_contains(&search, r#"data-search="/pagefind/cy/""#);
    assert_contains(&search, r#"<a href="/cy/resources/">Adnoddau</a>"#);
    assert_contains(
        &site.read_output("cy/index.html"),
        r#"action="/cy/search/""#,
    );
    let welsh_entry = site.read_output("pagefind/cy/pagefind-entry.json");
    assert_contains(&welsh_entry, r#""cy""#);
    assert_contains(&welsh_entry, r#""page_count":5"#);
    let own_entry = site.read_output("pagefind/pagefind-entry.json");
    assert_contains(&own_entry, r#""page_count":9"#);
    assert!(!own_entry.contains(r#""cy""#), "{own_entry}");
}

/// A Welsh page's link to a page with no Welsh version lands on the English
/// one, says so (`hreflang`, and "(yn Saesneg)" from the interface strings)
/// and an English card on a Welsh page carries `lang`.
#[test]
fn a_link_that_falls_back_to_the_site_language_says_so() {
    let site = SiteTest::new("translated-catalogue");
    site.build_ok();
    let news = site.read_output("cy/news/new-leaflet/index.html");
    assert_contains(
        &news,
        r#"<a href="/cy/resources/babi-yn-crio/">y daflen</a>"#,
    );
    assert_contains(
        &news,
        r#"<a href="/resources/reading/" hreflang="en-GB">Reading with your child (yn Saesneg)</a>"#,
    );
    let priority = site.read_output("cy/priorities/safeguarding-babies/index.html");
    assert_contains(
        &priority,
        r#"<li class="card card--resource" lang="en-GB">"#,
    );
    assert_contains(
        &priority,
        r##"<a href="#tagged-resources">Adnoddau (2)</a>"##,
    );
    // On the English pages nothing changes.
    let own = site.read_output("priorities/safeguarding-babies/index.html");
    assert!(!own.contains(r#"card--resource" lang"#), "{own}");
    assert!(!own.contains("(yn Saesneg)"), "{own}");
}

/// The English interface strings a Welsh page must not show: every plain
/// string of the built-in English table that the Welsh table words
/// differently, long enough not to be a word of the content by chance.
fn english_only_strings() -> Vec<String> {
    let table = |code: &str| -> toml::Table {
        let path = format!("{}/i18n/{code}.toml", env!("CARGO_MANIFEST_DIR"));
        toml::from_str(&std::fs::read_to_string(path).expect("a built-in table"))
            .expect("valid TOML")
    };
    let (english, welsh) = (table("en"), table("cy"));
    english
        .iter()
        .filter_map(|(key, value)| {
            let text = value.as_str()?;
            let distinct = welsh.get(key).and_then(toml::Value::as_str) != Some(text);
            (distinct && text.len() >= 8 && !text.contains('{')).then(|| text.to_string())
        })
        .collect()
}

/// A Welsh-first site (written to the README's conventions, with an
/// English translation) shows every interface string in Welsh on every
/// Welsh page: content pages, listings, filter pages, the priority, the
/// report with its finances, search, and the generated pages.
#[test]
fn a_welsh_first_site_shows_no_english_interface_words_on_welsh_pages() {
    let site = SiteTest::new("welsh-first-site");
    let build = site.build_ok();
    assert_contains(&build.stderr, "0 errors, 0 warnings");
    let english = english_only_strings();
    assert!(english.len() > 100, "{}", english.len());
    let mut welsh_pages = 0;
    for (path, file) in crate::site_test::files_under(&site.output()) {
        if !path.ends_with(".html") || path.starts_with("en/") {
            continue;
        }
        let html = std::fs::read_to_string(&file).expect("a page");
        if html.contains("http-equiv=\"refresh\"") {
            continue;
        }
        assert_contains(&html, r#"<html lang="cy" dir="ltr">"#);
        welsh_pages += 1;
        // `data-` and `value` attributes hold machine values (the search
        // filter's `kind:Priority`), which no reader sees.
        let text = strip_data_attributes(&html)
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        for words in &english {
            assert!(
                !text.contains(words.as_str()),
                "{path} shows '{words}' in English"
            );
        }
    }
    assert!(welsh_pages >= 15, "{welsh_pages} Welsh pages");
    // The English version is English, with its own labels.
    let english_home = site.read_output("en/index.html");
    assert_contains(&english_home, r#"<html lang="en" dir="ltr">"#);
    assert_contains(&english_home, "Skip to main content");
}

/// `html` without its `data-` and `value` attributes.
fn strip_data_attributes(html: &str) -> String {
    let mut kept = String::with_capacity(html.len());
    let mut rest = html;
    let next = |text: &str| {
        [" data-", " value=\""]
            .iter()
            .filter_map(|a| text.find(a))
            .min()
    };
    while let Some(at) = next(rest) {
        kept.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let value_end = after
            .find("=\"")
            .filter(|&eq| !after[..eq].contains([' ', '>']))
            .and_then(|eq| after[eq + 2..].find('"').map(|end| eq + 2 + end + 1));
        rest = match value_end {
            Some(end) => &after[end..],
            None => after,
        };
    }
    kept.push_str(rest);
    kept
}
