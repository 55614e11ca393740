//! Components in Markdown: what each built-in one writes, and every
//! mistake an editor can make reported at its place with a fix.

use crate::site_test::SiteTest;

#[test]
fn every_built_in_component_renders_from_markdown_alone() {
    let site = SiteTest::new("components-every-kind");
    site.build_ok();
    let html = site.read_output("guidance/index.html");
    let expected = [
        "<div class=\"warning-text__text\"><span class=\"visually-hidden\">Warning: </span>\n<p>Never leave a baby to sleep on a sofa.</p>\n</div>",
        "<div class=\"inset-text\">\n<p>The partnership reviews this guidance <strong>every year</strong>.</p>\n</div>",
        "<summary class=\"details__summary\">Who can help?</summary>",
        "<a href=\"/resources/\">the resources page</a>",
        "<figcaption class=\"quote__who\">A parent in Fixtureshire</figcaption></figure>\n</div>\n</details>",
        "<span class=\"key-figures__value\">£120,000</span> <span class=\"key-figures__label\">partnership budget</span>",
        "<p class=\"card__title\"><a href=\"/resources/sleep/\">Safe sleep leaflet</a></p>",
        "data-play=\"/videos/film/play/\"",
        "<a href=\"/videos/film/\">More about this video: Film</a>",
        "<a class=\"button\" href=\"https://fixture.example.org/report\">Report a concern</a>",
        "<p><a class=\"button\" href=\"/resources/toolkit/\">Open the toolkit</a></p>",
        "<code>{{ warning() }}</code>",
    ];
    for part in expected {
        assert!(html.contains(part), "missing {part:?} in:\n{html}");
    }
    // The video card sits in the list item it was written in.
    let item = &html[html.find("<li>\n<p>Watch it here:").expect("the list item")..];
    assert!(item.find("component-video") < item.find("</li>"));
    assert_eq!(
        html.matches("<picture>").count(),
        1,
        "the poster is one picture"
    );
    assert!(!html.contains("raw HTML omitted"));
}

#[test]
fn component_mistakes_are_reported_at_their_place() {
    let site = SiteTest::new("components-every-kind");
    site.write(
        "content/mistakes.md",
        concat!(
            "+++\ntitle = \"Mistakes\"\n+++\n",
            "{{ buton(url=\"@/resources/sleep.md\", text=\"Go\") }}\n\n",
            "{{ button(url=\"@/resources/missing.md\", text=\"Go\") }}\n\n",
            "{{ button(url=\"@/resources/sleep.md\", txt=\"Go\") }}\n\n",
            "{{ figures(value1=3, label1=\"x\") }}\n\n",
            "{{ resource(page=\"@/videos/film/index.md\") }}\n\n",
            "Some words {{ contact() }}\n\n",
            "| a | b |\n|---|---|\n| {{ concern() }} | x |\n\n",
            "{% details(summary=\"Open\") %}\nNever closed.\n",
        ),
    );
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    let found: Vec<(String, String)> = diagnostics
        .iter()
        .filter(|d| d.file.as_deref() == Some("content/mistakes.md"))
        .map(|d| (d.location(), d.code.clone()))
        .collect();
    let expected = [
        ("content/mistakes.md:4:4", "unknown-component"),
        ("content/mistakes.md:6:16", "broken-link"),
        ("content/mistakes.md:8:44", "component-argument"),
        ("content/mistakes.md:8:1", "component-argument"),
        ("content/mistakes.md:10:19", "component-argument"),
        ("content/mistakes.md:12:19", "component-argument"),
        ("content/mistakes.md:14:12", "component-placement"),
        ("content/mistakes.md:18:3", "component-placement"),
        ("content/mistakes.md:20:1", "component-placement"),
    ];
    for (location, code) in expected {
        assert!(
            found.iter().any(|(l, c)| l == location && c == code),
            "no {code} at {location}: {found:?}"
        );
    }
    let unknown = diagnostics
        .iter()
        .find(|d| d.code == "unknown-component")
        .expect("the unknown component");
    assert_eq!(unknown.help.as_deref(), Some("did you mean `button`?"));
}

#[test]
fn a_site_adds_its_own_component_and_its_arguments_are_checked() {
    let site = SiteTest::new("components-every-kind");
    site.write(
        "layouts/shortcodes/callout.html",
        "<aside class=\"callout\"><p>{{ heading }}</p>{{ body }}</aside>\n",
    );
    site.write(
        "content/own.md",
        "+++\ntitle = \"Own\"\n+++\n{% callout(heading=\"Note\") %}\nWords.\n{% end %}\n",
    );
    site.build_ok();
    let html = site.read_output("own/index.html");
    assert!(
        html.contains("<aside class=\"callout\"><p>Note</p>\n<p>Words.</p>\n</aside>"),
        "{html}"
    );
    site.replace("content/own.md", "heading=", "headng=");
    let (code, diagnostics) = site.check_json();
    assert_eq!(code, 1);
    let wrong = diagnostics
        .iter()
        .find(|d| d.code == "component-argument")
        .expect("the unknown argument");
    assert_eq!(wrong.location(), "content/own.md:4:20");
    assert_eq!(wrong.help.as_deref(), Some("did you mean `heading`?"));
}
