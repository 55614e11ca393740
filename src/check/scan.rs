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
    /// Every URL used, in document order (repeats kept).
    pub urls: Vec<String>,
}

/// Scans one HTML document. Malformed HTML never fails the scan: browsers
/// recover, and so does lol_html. One handler walking each element's
/// attributes measured faster than one selector per attribute.
pub fn scan_html(html: &[u8]) -> PageScan {
    let scan = RefCell::new(PageScan::default());
    let settings = Settings::new().append_element_content_handler(element!("*", |element| {
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
    }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    // A scan that stops early still reports what it found before the fault.
    if rewriter.write(html).is_ok() {
        let _ = rewriter.end();
    } else {
        drop(rewriter);
    }
    scan.take()
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
    fn finds_css_urls() {
        let css = "a { background: url(\"/img/a.png\") } b { src: url( /f.woff2 ) }";
        let urls = css_urls(css);
        assert_eq!(urls[0].1, "/img/a.png");
        assert_eq!(&css[urls[0].0..urls[0].0 + 10], "/img/a.png");
        assert_eq!(urls[1].1, "/f.woff2");
    }
}
