//! One streaming lol_html pass over a written HTML page: every `id` (and
//! `<a name>`) it defines, and every URL it uses (`href`, `src`, `srcset`,
//! `poster`, `action`, `<track src>`, `<link href>`). Plus `url(...)` in CSS.
//!
//! Invariant: reads only; the page bytes are not changed.

use std::cell::RefCell;
use std::collections::HashSet;

use lol_html::{HtmlRewriter, Settings, element, text};

#[derive(Debug, Default)]
pub struct PageScan {
    pub ids: HashSet<String>,
    /// Ids used more than once, in the order found.
    pub duplicate_ids: Vec<String>,
    /// What a screen reader cannot name or read: links and buttons with no
    /// text, tables with no header cell, frames with no title.
    pub unnamed: Vec<Unnamed>,
    /// Every URL used, in document order (repeats kept).
    pub urls: Vec<String>,
}

/// One element an assistive technology cannot name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unnamed {
    /// A link with no text (its href).
    Link(String),
    Button,
    TableWithoutHeaders,
    FrameWithoutTitle,
}

/// Elements still open whose text decides whether they have a name.
#[derive(Debug, Default)]
struct Naming {
    /// Links and buttons seen, each with whether it has text yet.
    named: Vec<(Unnamed, bool)>,
    /// Tables seen, each with whether it has a header cell yet.
    tables: Vec<bool>,
    untitled_frames: usize,
}

/// Scans one HTML document. Malformed HTML never fails the scan: browsers
/// recover, and so does lol_html. One handler walking each element's
/// attributes measured faster than one selector per attribute.
pub fn scan_html(html: &[u8]) -> PageScan {
    let scan = RefCell::new(PageScan::default());
    let naming = RefCell::new(Naming::default());
    let settings = naming_handlers(&naming, Settings::new()).append_element_content_handler(
        element!("*", |element| {
            for attribute in element.attributes() {
                match attribute.name_preserve_case().as_str() {
                    "id" => {
                        let mut scan = scan.borrow_mut();
                        let id = attribute.value();
                        if !scan.ids.insert(id.clone()) {
                            scan.duplicate_ids.push(id);
                        }
                    }
                    "name" if element.tag_name() == "a" => {
                        scan.borrow_mut().ids.insert(attribute.value());
                    }
                    "srcset" => {
                        let urls = srcset_urls(&attribute.value())
                            .map(str::to_string)
                            .collect::<Vec<_>>();
                        scan.borrow_mut().urls.extend(urls);
                    }
                    "href" | "src" | "poster" | "action" => {
                        scan.borrow_mut()
                            .urls
                            .push(attribute.value().trim().to_string());
                    }
                    _ => {}
                }
            }
            Ok(())
        }),
    );
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    // A scan that stops early still reports what it found before the fault.
    if rewriter.write(html).is_ok() {
        let _ = rewriter.end();
    } else {
        drop(rewriter);
    }
    let mut scan = scan.take();
    let naming = naming.take();
    scan.unnamed.extend(
        naming
            .named
            .into_iter()
            .filter(|(_, named)| !named)
            .map(|(element, _)| element),
    );
    let headless = naming
        .tables
        .iter()
        .filter(|has_header| !**has_header)
        .count();
    scan.unnamed
        .extend(std::iter::repeat_n(Unnamed::TableWithoutHeaders, headless));
    scan.unnamed.extend(std::iter::repeat_n(
        Unnamed::FrameWithoutTitle,
        naming.untitled_frames,
    ));
    scan
}

/// Links and buttons are named by their text, an image's alt text or
/// `aria-label`; tables need a `th`; frames need a `title`. Links do not
/// nest, so text belongs to the last one opened.
fn naming_handlers<'h>(
    naming: &'h RefCell<Naming>,
    settings: Settings<'h, 'static>,
) -> Settings<'h, 'static> {
    let labelled = |element: &lol_html::html_content::Element<'_, '_>| {
        element
            .get_attribute("aria-label")
            .is_some_and(|label| !label.trim().is_empty())
    };
    settings
        .append_element_content_handler(element!("a[href], button", move |element| {
            let kind = if element.tag_name() == "a" {
                Unnamed::Link(element.get_attribute("href").unwrap_or_default())
            } else {
                Unnamed::Button
            };
            naming.borrow_mut().named.push((kind, labelled(element)));
            Ok(())
        }))
        .append_element_content_handler(text!("a[href], button", move |chunk| {
            if !chunk.as_str().trim().is_empty()
                && let Some(last) = naming.borrow_mut().named.last_mut()
            {
                last.1 = true;
            }
            Ok(())
        }))
        .append_element_content_handler(element!("a img[alt], button img[alt]", move |element| {
            if element
                .get_attribute("alt")
                .is_some_and(|alt| !alt.trim().is_empty())
                && let Some(last) = naming.borrow_mut().named.last_mut()
            {
                last.1 = true;
            }
            Ok(())
        }))
        .append_element_content_handler(element!("table", move |_| {
            naming.borrow_mut().tables.push(false);
            Ok(())
        }))
        .append_element_content_handler(element!("table th", move |_| {
            if let Some(last) = naming.borrow_mut().tables.last_mut() {
                *last = true;
            }
            Ok(())
        }))
        .append_element_content_handler(element!("iframe", move |element| {
            if element
                .get_attribute("title")
                .is_none_or(|title| title.trim().is_empty())
            {
                naming.borrow_mut().untitled_frames += 1;
            }
            Ok(())
        }))
}

/// `a.jpg 480w, b.jpg 800w` → `a.jpg`, `b.jpg`.
pub fn srcset_urls(srcset: &str) -> impl Iterator<Item = &str> {
    srcset
        .split(',')
        .filter_map(|candidate| candidate.split_whitespace().next())
}

/// Every `url(...)` in a stylesheet, quotes removed, with its byte offset.
pub fn css_urls(css: &str) -> Vec<(usize, String)> {
    let mut urls = Vec::new();
    let mut rest = css;
    let mut consumed = 0;
    while let Some(start) = rest.find("url(") {
        let after = start + 4;
        let Some(length) = rest[after..].find(')') else {
            break;
        };
        let raw = rest[after..after + length].trim();
        let unquoted = raw.trim_matches(|c| c == '"' || c == '\'');
        let leading = rest[after..].len()
            - rest[after..]
                .trim_start()
                .trim_start_matches(['"', '\''])
                .len();
        urls.push((consumed + after + leading, unquoted.to_string()));
        consumed += after + length + 1;
        rest = &rest[after + length + 1..];
    }
    urls
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ids_and_every_kind_of_url() {
        let html = br#"<html><body id="top"><a href="/a/#x" name="n">A</a>
            <img src="/i.png" srcset="/i-480.png 480w, /i-800.png 800w" alt="">
            <video poster="/p.png"><track src="/c.vtt"></video>
            <form action="/search/"></form><link href="/s.css" rel="stylesheet">
            <h2 id="more">More</h2></body></html>"#;
        let scan = scan_html(html);
        let mut ids: Vec<_> = scan.ids.iter().map(String::as_str).collect();
        ids.sort_unstable();
        assert_eq!(ids, ["more", "n", "top"]);
        let urls: Vec<_> = scan.urls.iter().map(String::as_str).collect();
        assert_eq!(
            urls,
            [
                "/a/#x",
                "/i.png",
                "/i-480.png",
                "/i-800.png",
                "/p.png",
                "/c.vtt",
                "/search/",
                "/s.css"
            ]
        );
    }

    #[test]
    fn finds_what_a_screen_reader_cannot_name() {
        let html = br#"<a href="/a/">Home</a><a href="/b/"><img src="/i.png" alt="Logo"></a>
            <a href="/c/" aria-label="Close"></a><a href="/d/"> </a><button><span></span></button>
            <table><tr><th>H</th></tr></table><table><tr><td>x</td></tr></table>
            <iframe src="/f/" title="Video"></iframe><iframe src="/g/"></iframe>"#;
        let scan = scan_html(html);
        assert_eq!(
            scan.unnamed,
            [
                Unnamed::Link("/d/".to_string()),
                Unnamed::Button,
                Unnamed::TableWithoutHeaders,
                Unnamed::FrameWithoutTitle
            ]
        );
    }

    #[test]
    fn finds_css_urls() {
        let css = "a { background: url(\"/img/a.png\") } b { src: url( /f.woff2 ) }";
        let urls = css_urls(css);
        assert_eq!(urls[0].1, "/img/a.png");
        assert_eq!(&css[urls[0].0..urls[0].0 + 10], "/img/a.png");
        assert_eq!(urls[1].1, "/f.woff2");
    }
}
