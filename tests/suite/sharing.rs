//! Sharing (issue 5): every resource and video has a short address that
//! redirects to it and a printable poster whose QR code scans back to the
//! page's full address.

use crate::site_test::{SiteTest, assert_contains};

/// Rasterises the QR code of a poster (its SVG path of `M x y h w v h H x
/// V y` rectangles) and decodes it with rqrr, an independent QR reader.
fn scan_qr(html: &str) -> String {
    let svg = &html[html.find("<svg").expect("an inline SVG")..];
    let size: usize = svg
        .split("viewBox=\"0 0 ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|width| width.parse().ok())
        .expect("a square viewBox");
    let path = svg
        .split(" d=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a path");
    // Drawn at eight pixels a module, as a phone camera would see it.
    const SCALE: usize = 8;
    let mut dark = vec![false; size * size];
    for rectangle in path.split('M').filter(|part| !part.is_empty()) {
        let numbers: Vec<usize> = rectangle
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .map(|n| n.parse().expect("a number"))
            .collect();
        let (left, top, width, height) = (numbers[0], numbers[1], numbers[2], numbers[3]);
        for y in top..top + height {
            for x in left..left + width {
                dark[y * size + x] = true;
            }
        }
    }
    let pixels = size * SCALE;
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(pixels, pixels, |x, y| {
        if dark[(y / SCALE) * size + x / SCALE] {
            0
        } else {
            255
        }
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on the poster");
    grids[0].decode().expect("the QR code decodes").1
}

#[test]
fn every_resource_and_video_has_a_poster_that_scans_to_its_page() {
    let site = SiteTest::demo();
    site.build_ok();
    let mut posters = 0;
    for folder in ["resources", "videos"] {
        for entry in std::fs::read_dir(site.output().join(folder)).expect("catalogue folder") {
            let folder_path = entry.expect("entry").path();
            let poster = folder_path.join("poster/index.html");
            // Filter pages live beside the entries (`format/poster/` is the
            // "Poster" format): an entry is a folder with its own page.
            if !poster.is_file() || !folder_path.join("index.html").is_file() {
                continue;
            }
            let html = std::fs::read_to_string(&poster).expect("poster");
            let slug = poster
                .parent()
                .and_then(|p| p.parent())
                .and_then(|p| p.file_name())
                .expect("slug")
                .to_string_lossy()
                .into_owned();
            // The code holds the page's own QR address, which leads to it.
            let short = &folder[..1];
            assert_eq!(
                scan_qr(&html),
                format!("https://www.example.org/{short}/{slug}/qr/"),
                "{}",
                poster.display()
            );
            assert_contains(
                &site.read_output(&format!("{short}/{slug}/qr/index.html")),
                &format!(r#"content="0; url=/{folder}/{slug}/">"#),
            );
            posters += 1;
        }
    }
    assert!(
        posters >= 30,
        "every demo resource and video has a poster ({posters})"
    );
}

#[test]
fn short_addresses_redirect_and_are_offered_on_the_page() {
    let site = SiteTest::new("catalogue-filters");
    assert_eq!(site.build().code, 0);
    let redirect = site.read_output("r/sleep/index.html");
    assert_contains(
        &redirect,
        r#"<meta http-equiv="refresh" content="0; url=/resources/sleep/">"#,
    );
    let page = site.read_output("resources/sleep/index.html");
    assert_contains(
        &page,
        r#"<a href="https://fixture.example.org/r/sleep/" class="share__link">"#,
    );
    assert_contains(
        &page,
        r#"<a href="/resources/sleep/poster/">Print a poster with a QR code</a>"#,
    );
    assert!(
        site.read_output("_redirects")
            .contains("/r/sleep/ /resources/sleep/ 301\n")
    );
}
