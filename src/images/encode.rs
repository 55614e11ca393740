//! Decoding, resizing and encoding one image. WebP is encoded with libwebp
//! (the `webp` crate), because the `image` crate writes only lossless WebP,
//! which is larger than a JPEG for a photograph.

use std::io::Cursor;
use std::sync::Arc;

use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::{DynamicImage, ImageError, ImageReader, Limits};
use rayon::prelude::*;

use super::{ImageSettings, Problem, Rendition, ResponsiveImage};

/// Wider or taller than this is refused before decoding: a 16,000-pixel
/// photo would take hundreds of MB, and WebP cannot go past 16,383.
pub const MAX_DIMENSION: u32 = 12_000;

/// The formats reportsite resizes, from the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    Png,
    Jpeg,
    WebP,
}

impl SourceFormat {
    pub fn of(path: &str) -> Option<Self> {
        let extension = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match extension.as_str() {
            "png" => Some(Self::Png),
            "jpg" | "jpeg" => Some(Self::Jpeg),
            "webp" => Some(Self::WebP),
            _ => None,
        }
    }
}

/// Decodes `bytes` and makes every rendition. Widths come from the
/// settings, never wider than the original; the original width is one of
/// them when it is below the widest setting, served by the original file.
pub fn responsive(
    asset: &str,
    bytes: &[u8],
    format: SourceFormat,
    settings: &ImageSettings,
) -> Result<ResponsiveImage, Problem> {
    let image = decode(bytes)?;
    let (width, height) = (image.width(), image.height());
    let widths = target_widths(width, &settings.widths);
    let made: Vec<(Option<Rendition>, Option<Rendition>)> = widths
        .par_iter()
        .map(|&target| {
            let resized = resize(&image, target);
            let webp = (format != SourceFormat::WebP)
                .then(|| encode_webp(&resized, settings.quality, format == SourceFormat::Png))
                .flatten()
                .map(|bytes| rendition(asset, target, "webp", bytes));
            let fallback = if target == width {
                Some(Rendition {
                    path: asset.to_string(),
                    width,
                    bytes: Arc::from(bytes),
                })
            } else {
                encode_fallback(&resized, format, settings.quality)
                    .map(|bytes| rendition(asset, target, extension(asset), bytes))
            };
            (webp, fallback)
        })
        .collect();
    let (webp, fallback): (Vec<_>, Vec<_>) = made.into_iter().unzip();
    let mut fallback: Vec<Rendition> = fallback.into_iter().flatten().collect();
    let widest = fallback.last().map_or(usize::MAX, |r| r.bytes.len());
    if fallback.iter().all(|r| r.width != width) && bytes.len() < widest {
        // A well-compressed original (a flat diagram) can beat its resized copies.
        fallback.push(Rendition {
            path: asset.to_string(),
            width,
            bytes: Arc::from(bytes),
        });
    }
    let fallback = keep_smaller(fallback);
    let webp = keep_smaller(webp.into_iter().flatten().collect())
        .into_iter()
        .filter(|webp| smaller_than_fallback(webp, &fallback))
        .collect();
    Ok(ResponsiveImage {
        width,
        height,
        webp,
        fallback,
    })
}

/// WebP is worth offering only where it beats the original format at the
/// same width or wider (a palette PNG often does better).
fn smaller_than_fallback(webp: &Rendition, fallback: &[Rendition]) -> bool {
    fallback
        .iter()
        .filter(|r| r.width >= webp.width)
        .all(|r| webp.bytes.len() < r.bytes.len())
}

/// Drops a rendition that is not smaller than a wider one: the wider one
/// is sharper for the same bytes. `renditions` is narrowest first.
fn keep_smaller(renditions: Vec<Rendition>) -> Vec<Rendition> {
    let mut smallest_wider = usize::MAX;
    let mut kept: Vec<Rendition> = renditions
        .into_iter()
        .rev()
        .filter(|rendition| {
            let keep = rendition.bytes.len() < smallest_wider;
            smallest_wider = smallest_wider.min(rendition.bytes.len());
            keep
        })
        .collect();
    kept.reverse();
    kept
}

/// 256 MiB.
const MAX_DECODED_BYTES: u64 = 256 * 1024 * 1024;

fn decode(bytes: &[u8]) -> Result<DynamicImage, Problem> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|error| Problem::Unreadable(error.to_string()))?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DIMENSION);
    limits.max_image_height = Some(MAX_DIMENSION);
    // Set, not left to the crate's default: the most one decoded image
    // may take (a 12,000 × 5,000 RGBA image), so a small file that
    // claims huge dimensions is refused before any pixel is allocated.
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    reader.limits(limits);
    reader.decode().map_err(|error| match error {
        ImageError::Limits(_) => {
            let (width, height) = ImageReader::new(Cursor::new(bytes))
                .with_guessed_format()
                .ok()
                .and_then(|reader| reader.into_dimensions().ok())
                .unwrap_or((0, 0));
            Problem::TooManyPixels(width, height)
        }
        ImageError::Unsupported(_) => {
            Problem::Unreadable("it is not a PNG, JPEG or WebP file".to_string())
        }
        other => Problem::Unreadable(other.to_string()),
    })
}

/// The configured widths below `width`, then `width` itself if the widest
/// setting is wider (so small images are never upscaled).
pub fn target_widths(width: u32, configured: &[u32]) -> Vec<u32> {
    let mut widths: Vec<u32> = configured.iter().copied().filter(|&w| w < width).collect();
    if configured.iter().any(|&w| w >= width) || widths.is_empty() {
        widths.push(width);
    }
    widths
}

fn resize(image: &DynamicImage, width: u32) -> DynamicImage {
    if width == image.width() {
        return image.clone();
    }
    let height = scaled_height(image.width(), image.height(), width);
    image.resize_exact(width, height, FilterType::CatmullRom)
}

pub fn scaled_height(width: u32, height: u32, target: u32) -> u32 {
    let scaled = (u64::from(height) * u64::from(target) + u64::from(width) / 2) / u64::from(width);
    u32::try_from(scaled).unwrap_or(u32::MAX).max(1)
}

/// Lossy WebP, keeping transparency, or lossless when `try_lossless` and
/// that is smaller (flat diagrams); `None` if libwebp refuses (too tall).
fn encode_webp(image: &DynamicImage, quality: u8, try_lossless: bool) -> Option<Vec<u8>> {
    let (width, height) = (image.width(), image.height());
    let pixels = if image.color().has_alpha() {
        PixelsFor::Rgba(image.to_rgba8().into_raw())
    } else {
        PixelsFor::Rgb(image.to_rgb8().into_raw())
    };
    let encoder = match &pixels {
        PixelsFor::Rgba(rgba) => webp::Encoder::from_rgba(rgba, width, height),
        PixelsFor::Rgb(rgb) => webp::Encoder::from_rgb(rgb, width, height),
    };
    let lossy = encoder.encode_simple(false, f32::from(quality)).ok();
    let lossless = try_lossless
        .then(|| encoder.encode_simple(true, 75.0).ok())
        .flatten();
    [lossy, lossless]
        .into_iter()
        .flatten()
        .map(|memory| memory.to_vec())
        .min_by_key(Vec::len)
}

enum PixelsFor {
    Rgb(Vec<u8>),
    Rgba(Vec<u8>),
}

fn encode_fallback(image: &DynamicImage, format: SourceFormat, quality: u8) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    let written = match format {
        SourceFormat::Png => {
            let encoder = PngEncoder::new_with_quality(
                &mut bytes,
                CompressionType::Best,
                PngFilter::Adaptive,
            );
            image.write_with_encoder(encoder)
        }
        SourceFormat::Jpeg => {
            let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, quality);
            image.to_rgb8().write_with_encoder(encoder)
        }
        SourceFormat::WebP => return encode_webp(image, quality, false),
    };
    written.ok().map(|()| bytes)
}

fn rendition(asset: &str, width: u32, extension: &str, bytes: Vec<u8>) -> Rendition {
    Rendition {
        path: rendition_path(asset, &format!("{width}w.{extension}")),
        width,
        bytes: Arc::from(bytes),
    }
}

/// `image` (made for `from`) as the renditions of `to`, the same picture
/// under another name.
pub fn renamed(image: &ResponsiveImage, from: &str, to: &str) -> ResponsiveImage {
    let rename = |renditions: &[Rendition]| -> Vec<Rendition> {
        renditions
            .iter()
            .map(|rendition| Rendition {
                path: if rendition.path == from {
                    to.to_string()
                } else {
                    rendition_path(to, &rendition.path[stem(from).len() + 1..])
                },
                width: rendition.width,
                bytes: rendition.bytes.clone(),
            })
            .collect()
    };
    ResponsiveImage {
        width: image.width,
        height: image.height,
        webp: rename(&image.webp),
        fallback: rename(&image.fallback),
    }
}

/// `about/chart.png` + `480w.webp` → `about/chart.480w.webp`.
pub fn rendition_path(asset: &str, suffix: &str) -> String {
    format!("{}.{suffix}", stem(asset))
}

/// The asset path without its extension.
pub fn stem(asset: &str) -> &str {
    asset.rsplit_once('.').map_or(asset, |(stem, _)| stem)
}

fn extension(asset: &str) -> &str {
    asset
        .rsplit_once('.')
        .map_or("", |(_, extension)| extension)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_upscales() {
        assert_eq!(target_widths(640, &[480, 960, 1600]), vec![480, 640]);
        assert_eq!(target_widths(2400, &[480, 960, 1600]), vec![480, 960, 1600]);
        assert_eq!(target_widths(1600, &[480, 960, 1600]), vec![480, 960, 1600]);
        assert_eq!(target_widths(300, &[480, 960]), vec![300]);
    }

    #[test]
    fn drops_renditions_no_smaller_than_a_wider_one() {
        let rendition = |width: u32, len: usize| Rendition {
            path: format!("{width}"),
            width,
            bytes: Arc::from(vec![0; len]),
        };
        let kept = keep_smaller(vec![
            rendition(480, 70),
            rendition(960, 180),
            rendition(1800, 110),
        ]);
        let widths: Vec<u32> = kept.iter().map(|r| r.width).collect();
        assert_eq!(widths, vec![480, 1800]);
    }

    #[test]
    fn heights_keep_the_aspect_ratio() {
        assert_eq!(scaled_height(2400, 1350, 480), 270);
        assert_eq!(scaled_height(640, 360, 480), 270);
        assert_eq!(scaled_height(3, 1, 1), 1);
    }
}
