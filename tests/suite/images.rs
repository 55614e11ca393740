//! Responsive images: resized to the configured widths, WebP beside the
//! original format, `<picture>` with sizes and dimensions, and a cache that
//! makes an unchanged image free on the next build.

use crate::site_test::{SiteTest, assert_contains};

fn dimensions(site: &SiteTest, path: &str) -> (u32, u32) {
    let file = site.output().join(path);
    image::image_dimensions(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

#[test]
fn markdown_images_become_pictures_with_webp_and_widths() {
    let site = SiteTest::new("images-responsive");
    site.build_ok();
    let html = site.read_output("about/index.html");
    // The photo is 960 wide: one smaller width, and the original itself.
    assert_contains(
        &html,
        r#"<picture><source type="image/webp" srcset="/photo.480w.webp 480w, /photo.960w.webp 960w" sizes="(min-width: 42rem) 40rem, calc(100vw - 2rem)"><img src="/photo.jpg" alt="A calm landscape at dawn" srcset="/photo.480w.jpg 480w, /photo.jpg 960w" sizes="(min-width: 42rem) 40rem, calc(100vw - 2rem)" width="960" height="540" decoding="async" /></picture>"#,
    );
    assert_eq!(dimensions(&site, "photo.480w.jpg"), (480, 270));
    assert_eq!(dimensions(&site, "photo.480w.webp"), (480, 270));
    assert_eq!(dimensions(&site, "photo.960w.webp"), (960, 540));
    assert!(
        !site.output().join("photo.1600w.jpg").exists(),
        "never upscaled"
    );
    // Only the first image of a page may be in view at once: the rest wait.
    let diagram = html.split("<picture>").nth(2).expect("a second picture");
    assert_contains(diagram, r#"loading="lazy""#);
    assert!(
        !html
            .split("<picture>")
            .nth(1)
            .unwrap_or("")
            .split("</picture>")
            .next()
            .unwrap_or("")
            .contains("loading=")
    );
}

#[test]
fn renditions_no_smaller_than_the_original_are_left_out() {
    // The diagram is a 6 kB palette PNG: a resized PNG copy would be
    // larger, so the original is the only PNG offered.
    let site = SiteTest::new("images-responsive");
    site.build_ok();
    let html = site.read_output("about/index.html");
    assert_contains(&html, r#"srcset="/diagram.png 640w""#);
    assert!(!site.output().join("diagram.480w.png").exists());
    for entry in std::fs::read_dir(site.output())
        .expect("read output")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("diagram.") && name.ends_with(".webp") {
            let webp = entry.metadata().expect("metadata").len();
            let png = std::fs::metadata(site.output().join("diagram.png"))
                .expect("png")
                .len();
            assert!(
                webp < png,
                "{name} ({webp} B) is offered but not smaller than the PNG ({png} B)"
            );
        }
    }
}

#[test]
fn unchanged_images_come_from_the_cache_and_give_the_same_bytes() {
    let site = SiteTest::new("images-responsive");
    let first = site.build_ok();
    assert_contains(&first.stderr, "images: 2 resized, 0 unchanged");
    let webp = std::fs::read(site.output().join("photo.480w.webp")).expect("webp");
    let cache = site
        .output()
        .parent()
        .expect("site")
        .join(".reportsite/cache/images");
    assert_eq!(std::fs::read_dir(&cache).expect("cache folder").count(), 2);

    let second = site.build_ok();
    assert_contains(&second.stderr, "images: 0 resized, 2 unchanged");
    assert_eq!(
        std::fs::read(site.output().join("photo.480w.webp")).expect("webp"),
        webp
    );

    // An edited image is processed again, and its old entry is removed.
    std::fs::copy(
        site.output().join("photo.480w.jpg"),
        site.output()
            .parent()
            .expect("site")
            .join("content/photo.jpg"),
    )
    .expect("replace the photo");
    let third = site.build_ok();
    assert_contains(&third.stderr, "images: 1 resized, 1 unchanged");
    assert_eq!(std::fs::read_dir(&cache).expect("cache folder").count(), 2);
    assert!(!site.output().join("photo.960w.webp").exists());
}

#[test]
fn check_and_failed_builds_leave_no_cache() {
    let site = SiteTest::new("images-responsive");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(site.siblings(), ["content", "site.toml"]);
}

#[test]
fn video_posters_are_resized_too() {
    let site = SiteTest::demo();
    site.build_ok();
    let html = site.read_output("videos/safer-sleeping-for-your-baby/index.html");
    assert_contains(
        &html,
        r#"<picture><source type="image/webp" srcset="/videos/safer-sleeping-for-your-baby/poster."#,
    );
    assert_contains(&html, r#"width="640" height="360""#);
}
