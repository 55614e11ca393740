//! `<img>` → `<picture>`: a WebP `<source>` and the original format, each
//! with a `srcset` of the resized widths, `sizes` for the content column,
//! and the image's own `width` and `height` so nothing moves as it loads.
//!
//! Invariant: only images the image step processed, and not already
//! responsive (a component's), are changed; alt text,
//! title and everything else the Markdown wrote stay as they were.

use std::cell::Cell;

use lol_html::html_content::ContentType;
use lol_html::{RewriteStrSettings, element, rewrite_str};

use super::context::PictureContext;
use crate::images::{ImageSet, Rendition, ResponsiveImage, scaled_height};

/// The content column is at most 40rem wide, less 2rem of padding on a
/// phone: the browser picks the smallest rendition that fills it.
pub const CONTENT_SIZES: &str = "(min-width: 42rem) 40rem, calc(100vw - 2rem)";

/// What a template needs to write a `<picture>`.
/// `width` and `height` are those of the `src` (the widest rendition), so
/// the browser reserves the right shape before anything arrives.
pub fn picture_context(image: &ResponsiveImage, base_path: &str) -> PictureContext {
    let widest = image.fallback.iter().max_by_key(|r| r.width);
    let width = widest.map_or(image.width, |r| r.width);
    PictureContext {
        src: widest.map_or_else(String::new, |r| {
            format!("{base_path}/{}", url_path(&r.path))
        }),
        srcset: srcset(&image.fallback, base_path),
        webp_srcset: srcset(&image.webp, base_path),
        width,
        height: scaled_height(image.width, image.height, width),
        sizes: CONTENT_SIZES.to_string(),
    }
}

/// Rewrites the images of a page body. The first image is likely in view
/// when the page opens, so only the later ones load lazily.
pub fn rewrite_images(html: String, images: &ImageSet, base_path: &str) -> String {
    if images.images.is_empty() || !html.contains("<img") {
        return html;
    }
    let seen = Cell::new(0usize);
    let handler = element!("img[src]", |img| {
        let Some(src) = img.get_attribute("src") else {
            return Ok(());
        };
        // Markdown writes no srcset: one that has it came from a
        // component's template, already a <picture>.
        if img.has_attribute("srcset") {
            return Ok(());
        }
        let asset = src
            .strip_prefix(base_path)
            .and_then(|path| path.strip_prefix('/'))
            .map(|path| {
                percent_encoding::percent_decode_str(path)
                    .decode_utf8_lossy()
                    .into_owned()
            });
        let Some(image) = asset.as_deref().and_then(|asset| images.get(asset)) else {
            return Ok(());
        };
        let picture = picture_context(image, base_path);
        img.set_attribute("src", &picture.src)?;
        img.set_attribute("srcset", &picture.srcset)?;
        img.set_attribute("sizes", &picture.sizes)?;
        img.set_attribute("width", &picture.width.to_string())?;
        img.set_attribute("height", &picture.height.to_string())?;
        if seen.replace(seen.get() + 1) > 0 {
            img.set_attribute("loading", "lazy")?;
        }
        img.set_attribute("decoding", "async")?;
        let source = if picture.webp_srcset.is_empty() {
            String::new()
        } else {
            format!(
                "<source type=\"image/webp\" srcset=\"{}\" sizes=\"{}\">",
                crate::escape::html_attribute(&picture.webp_srcset),
                picture.sizes
            )
        };
        img.before(&format!("<picture>{source}"), ContentType::Html);
        img.after("</picture>", ContentType::Html);
        Ok(())
    });
    let settings = RewriteStrSettings::new().append_element_content_handler(handler);
    // The HTML is comrak's own output; if lol_html ever refused it, the
    // plain images are still correct.
    match rewrite_str(&html, settings) {
        Ok(rewritten) => rewritten,
        Err(_) => html,
    }
}

fn srcset(renditions: &[Rendition], base_path: &str) -> String {
    renditions
        .iter()
        .map(|r| format!("{base_path}/{} {}w", url_path(&r.path), r.width))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a path in a `srcset` must not hold as it is: `%` (read as an
/// escape), spaces and commas (which split candidates), control characters.
const SRCSET_ESCAPES: &percent_encoding::AsciiSet =
    &percent_encoding::CONTROLS.add(b'%').add(b' ').add(b',');

fn url_path(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, SRCSET_ESCAPES).to_string()
}
