//! Escaping text for the place it is written, one function per output
//! context, so every module that writes markup by hand escapes alike.
//! What each context needs (the HTML and XML specifications):
//!
//! - HTML text (and SVG text): `&` and `<`, or the text could start a
//!   character reference or a tag; `>` too, by custom. [`html_text`]:
//!   the chart's SVG `<title>`.
//! - A double-quoted HTML attribute: those, and `"`, which would end the
//!   value. [`html_attribute`]: the glossary's `<abbr title>` (and its
//!   term, which has always had `"` escaped too).
//! - XML text and double-quoted attributes: the same four, spelt with
//!   XML's predefined entities (`&amp;` `&lt;` `&gt;` `&quot;`), so
//!   [`xml`] is the attribute set under its own name: `sitemap.xml`
//!   (the Atom feed is written by `atom_syndication`, which escapes).
//! - A template value, which may land in text or in a double- or
//!   single-quoted attribute: those, and `'`. [`html_anywhere`]: the
//!   minijinja formatter, and the serve overlay and 404 page, which
//!   have always escaped all five.
//!
//! The first three come from the `html-escape` crate (no dependencies of
//! its own; already built for Pagefind). `html-escape` spells `'` as
//! `&#x27;`, and no maintained escaping crate spells it `&#39;` (askama
//! writes `&#39;` but every other character as a number too; minijinja,
//! v_htmlescape and tera add `/` as `&#x2f;`; pulldown-cmark's and
//! comrak's escapers leave `'` alone). The templates have always written
//! `&#39;`; with the crate's spelling every one of the demo site's 265
//! HTML pages would change (915 apostrophes, one byte more each, which a
//! browser shows the same; the warning in every page's header has one),
//! and a build could no longer be compared byte for byte with one from
//! before. So [`html_anywhere`] is the one escaper written here: one
//! short loop, tested below.
//!
//! Invariant: imports nothing from the crate; no caller escapes less than
//! its own copy did before this module.

use std::borrow::Cow;

/// `&`, `<` and `>` as `&amp;` `&lt;` `&gt;`: for text between tags (SVG
/// `<title>`), never inside an attribute.
pub fn html_text(text: &str) -> Cow<'_, str> {
    html_escape::encode_text(text)
}

/// `&`, `<`, `>` and `"`: for a value between double quotes (`title="…"`),
/// and for text that escaped `"` before (the glossary's term).
pub fn html_attribute(text: &str) -> Cow<'_, str> {
    html_escape::encode_double_quoted_attribute(text)
}

/// `&`, `<`, `>` and `"` as XML's predefined entities: for XML text and
/// double-quoted attributes (`<loc>` in `sitemap.xml`).
pub fn xml(text: &str) -> Cow<'_, str> {
    html_escape::encode_double_quoted_attribute(text)
}

/// `&`, `<`, `>`, `"` and `'` (as `&#39;`): for text whose place is not
/// known, a template value or the serve overlay. `/` is left alone
/// (minijinja's own escaper writes it as `&#x2f;`, which bloats URLs).
pub fn html_anywhere(text: &str) -> Cow<'_, str> {
    let Some(first) = text.find(['&', '<', '>', '"', '\'']) else {
        return Cow::Borrowed(text);
    };
    let mut escaped = String::with_capacity(text.len() + 16);
    escaped.push_str(&text[..first]);
    for character in text[first..].chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    Cow::Owned(escaped)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: &str = r#"Tom & Jerry's <b>"bold"</b> café/Straße"#;

    #[test]
    fn html_text_escapes_ampersand_and_angle_brackets() {
        assert_eq!(
            html_text(ALL),
            r#"Tom &amp; Jerry's &lt;b&gt;"bold"&lt;/b&gt; café/Straße"#
        );
    }

    #[test]
    fn html_attribute_also_escapes_double_quotes() {
        assert_eq!(
            html_attribute(ALL),
            "Tom &amp; Jerry's &lt;b&gt;&quot;bold&quot;&lt;/b&gt; café/Straße"
        );
    }

    #[test]
    fn xml_uses_the_predefined_entities() {
        assert_eq!(
            xml(ALL),
            "Tom &amp; Jerry's &lt;b&gt;&quot;bold&quot;&lt;/b&gt; café/Straße"
        );
        assert_eq!(
            xml("https://example.org/a?b=1&c=2"),
            "https://example.org/a?b=1&amp;c=2"
        );
    }

    #[test]
    fn html_anywhere_escapes_all_five_and_leaves_slashes() {
        assert_eq!(
            html_anywhere(ALL),
            "Tom &amp; Jerry&#39;s &lt;b&gt;&quot;bold&quot;&lt;/b&gt; café/Straße"
        );
        assert_eq!(html_anywhere("'"), "&#39;");
    }

    #[test]
    fn text_with_nothing_to_escape_is_borrowed() {
        let plain = "Ysgol Gymraeg — 10% off, naïve/plain";
        for escaped in [
            html_text(plain),
            html_attribute(plain),
            xml(plain),
            html_anywhere(plain),
        ] {
            assert!(matches!(escaped, Cow::Borrowed(_)), "{escaped}");
            assert_eq!(escaped, plain);
        }
    }
}
