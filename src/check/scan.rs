//! One streaming lol_html pass over a written HTML page: every `id` (and
//! `<a name>`) it defines, and every URL it uses (`href`, `src`, `srcset`,
//! `poster`, `action`, `<track src>`, `<link href>`). Plus `url(...)` in CSS.
//!
//! Invariant: reads only; the page bytes are not changed.

use std::cell::RefCell;
use std::collections::HashSet;

use lol_html::{HtmlRewriter, Settings, element};

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

/// What the element handlers learn about tables and frames.
#[derive(Debug, Default)]
struct Naming {
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
    scan.unnamed.extend(unnamed_links_and_buttons(html));
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

/// Tables need a `th` (a table's cells come after its start, and tables
/// rarely nest, so a `th` belongs to the last table opened); frames need a
/// `title`.
fn naming_handlers<'h>(
    naming: &'h RefCell<Naming>,
    settings: Settings<'h, 'static>,
) -> Settings<'h, 'static> {
    settings
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

/// Links and buttons with nothing a screen reader can say: no text, no
/// image alt text, no `aria-label`. Found on the bytes, not with a
/// lol_html text handler, which would make every page's parse several
/// times slower.
fn unnamed_links_and_buttons(html: &[u8]) -> Vec<Unnamed> {
    let text = String::from_utf8_lossy(html);
    let mut found = Vec::new();
    for (tag, close) in [("<a ", "</a>"), ("<button", "</button>")] {
        let mut rest = text.as_ref();
        while let Some(at) = rest.find(tag) {
            let element = &rest[at..];
            let Some(start_end) = element.find('>') else {
                break;
            };
            let start_tag = &element[..start_end];
            let inner = element[start_end + 1..]
                .split(close)
                .next()
                .unwrap_or_default();
            let named = has_text(inner)
                || has_value(inner, "alt=\"")
                || has_value(start_tag, "aria-label=\"");
            if !named && (tag == "<button" || start_tag.contains("href=")) {
                found.push(match tag {
                    "<a " => Unnamed::Link(
                        attribute(start_tag, "href=\"")
                            .unwrap_or_default()
                            .to_string(),
                    ),
                    _ => Unnamed::Button,
                });
            }
            rest = &element[start_end..];
        }
    }
    found
}

/// Text outside tags that is not only white space.
fn has_text(inner: &str) -> bool {
    let mut in_tag = false;
    inner.chars().any(|c| {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag && !c.is_whitespace() => return true,
            _ => {}
        }
        false
    })
}

fn has_value(text: &str, marker: &str) -> bool {
    text.match_indices(marker).any(|(at, _)| {
        text[at + marker.len()..]
            .split('"')
            .next()
            .is_some_and(|value| !value.trim().is_empty())
    })
}

fn attribute<'t>(tag: &'t str, marker: &str) -> Option<&'t str> {
    let at = tag.find(marker)?;
    tag[at + marker.len()..].split('"').next()
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
