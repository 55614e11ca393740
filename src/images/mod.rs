//! Responsive images: every raster image a page shows (Markdown images and
//! video posters) is resized to the configured widths (never wider than the
//! original), encoded as WebP and in its own format, so a phone downloads a
//! 480-pixel WebP and a wide screen a sharper one.
//!
//! Invariant: runs between resolve and render, on bytes `load` already read;
//! the only disk it touches is its own cache (`cache.rs`). Each image is
//! processed once however many pages show it, in parallel, and an image
//! whose source and settings are unchanged is taken from the cache.

mod cache;
pub(crate) mod encode;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;

pub use cache::ImageCache;
pub use encode::scaled_height;

use crate::content::Site;
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::links::PageRecord;

/// One resized copy of an image.
#[derive(Debug, Clone)]
pub struct Rendition {
    /// Output path, relative to the output folder: `about/chart.480w.webp`.
    pub path: String,
    pub width: u32,
    pub bytes: Arc<[u8]>,
}

/// An image ready for `<picture>`: its size and its renditions, narrowest
/// first. The widest fallback rendition is the `src`.
#[derive(Debug, Clone)]
pub struct ResponsiveImage {
    pub width: u32,
    pub height: u32,
    pub webp: Vec<Rendition>,
    /// In the original's format; the original itself at its own width.
    pub fallback: Vec<Rendition>,
}

/// Every processed image by asset path (`about/chart.png`), and how long
/// processing took.
#[derive(Debug, Default)]
pub struct ImageSet {
    pub images: BTreeMap<String, ResponsiveImage>,
    /// Images taken from the cache / processed this run.
    pub cached: usize,
    pub processed: usize,
    /// The cache entries this build used; the others can go.
    pub cache_keys: BTreeSet<String>,
    /// Processed this run, to be cached once the build is written:
    /// (cache key, asset path).
    pub new_entries: Vec<(String, String)>,
}

impl ImageSet {
    pub fn get(&self, asset_path: &str) -> Option<&ResponsiveImage> {
        self.images.get(asset_path)
    }

    /// Files to write besides the assets (the original is already one).
    pub fn renditions(&self) -> impl Iterator<Item = &Rendition> {
        self.images
            .values()
            .flat_map(|image| image.webp.iter().chain(&image.fallback))
    }
}

/// An asset path and where it is first shown.
type Shown = (String, Span);

/// Where a page shows an image: the asset and the span that names it.
struct ImageUse {
    asset: String,
    span: Span,
}

/// What a build asks of the image step.
pub struct ImageSettings {
    pub widths: Vec<u32>,
    pub quality: u8,
    pub max_size_bytes: u64,
}

/// Resizes every image the site shows. Problems are reported at the first
/// place an image is used.
pub fn process_images(
    site: &Site,
    pages: &[PageRecord],
    cache: &ImageCache,
    diagnostics: &mut Vec<Diagnostic>,
) -> ImageSet {
    let settings = ImageSettings {
        widths: site.config.images.widths(),
        quality: site.config.images.quality(),
        max_size_bytes: site.config.images.max_size_bytes(),
    };
    let mut first_use: BTreeMap<String, Span> = BTreeMap::new();
    for image_use in image_uses(site, pages) {
        first_use.entry(image_use.asset).or_insert(image_use.span);
    }
    // The same picture under several names is processed once.
    let keyed: Vec<(String, String, Span)> = first_use
        .into_par_iter()
        .filter_map(|(asset, span)| {
            let bytes = &site.assets.get(&asset)?.bytes;
            Some((cache::key(bytes, &settings), asset, span))
        })
        .collect();
    let mut groups: BTreeMap<String, Vec<Shown>> = BTreeMap::new();
    for (key, asset, span) in keyed {
        groups.entry(key).or_default().push((asset, span));
    }
    let results: Vec<(Vec<Shown>, Result<Outcome, Diagnostic>)> = groups
        .into_par_iter()
        .filter_map(|(key, members)| {
            let (asset, span) = members.first()?;
            let bytes = &site.assets.get(asset)?.bytes;
            let result = process_one(asset, bytes, &settings, cache, span.clone(), key);
            Some((members, result))
        })
        .collect();
    let mut set = ImageSet::default();
    for (members, result) in results {
        set.add(members, result, diagnostics);
    }
    set
}

impl ImageSet {
    /// Records one processed picture for every name it is shown under.
    fn add(
        &mut self,
        members: Vec<Shown>,
        result: Result<Outcome, Diagnostic>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let (key, image, fresh) = match result {
            Ok(Outcome::Cached(key, image)) => (key, image, false),
            Ok(Outcome::Processed(key, image)) => (key, image, true),
            Ok(Outcome::AsItIs) => return,
            Err(diagnostic) => return diagnostics.push(diagnostic),
        };
        let Some((first, _)) = members.first() else {
            return;
        };
        if fresh {
            self.processed += 1;
            self.new_entries.push((key.clone(), first.clone()));
        } else {
            self.cached += 1;
        }
        self.cache_keys.insert(key);
        for (asset, _) in &members[1..] {
            self.images
                .insert(asset.clone(), encode::renamed(&image, first, asset));
        }
        self.images.insert(first.clone(), image);
    }
}

enum Outcome {
    Cached(String, ResponsiveImage),
    Processed(String, ResponsiveImage),
    /// Published unchanged (an SVG or GIF within the size limit).
    AsItIs,
}

fn process_one(
    asset: &str,
    bytes: &Arc<[u8]>,
    settings: &ImageSettings,
    cache: &ImageCache,
    span: Span,
    key: String,
) -> Result<Outcome, Diagnostic> {
    let Some(format) = encode::SourceFormat::of(asset) else {
        return check_unresized_size(asset, bytes, settings, span).map(|()| Outcome::AsItIs);
    };
    if let Some(image) = cache.load(&key, asset, bytes) {
        return Ok(Outcome::Cached(key, image));
    }
    let image = encode::responsive(asset, bytes, format, settings)
        .map_err(|problem| problem.into_diagnostic(asset, span))?;
    Ok(Outcome::Processed(key, image))
}

fn check_unresized_size(
    asset: &str,
    bytes: &[u8],
    settings: &ImageSettings,
    span: Span,
) -> Result<(), Diagnostic> {
    if (bytes.len() as u64) <= settings.max_size_bytes {
        return Ok(());
    }
    Err(too_large(asset, bytes.len(), settings, span).with_help(format!(
        "reportsite can only resize PNG, JPEG and WebP images; save it as one of those, or make the file smaller than {} kB (raise [images] max_size_kb in site.toml only if you must)",
        settings.max_size_bytes / 1024
    )))
}

fn too_large(asset: &str, len: usize, settings: &ImageSettings, span: Span) -> Diagnostic {
    Diagnostic::error(
        Code::ImageTooLarge,
        span,
        format!(
            "'{asset}' is {} kB, over the {} kB limit, and cannot be resized",
            len / 1024,
            settings.max_size_bytes / 1024
        ),
    )
}

/// Why an image could not be processed.
pub(crate) enum Problem {
    Unreadable(String),
    /// Wider or taller than decoding safely allows: its width and height.
    TooManyPixels(u32, u32),
}

impl Problem {
    fn into_diagnostic(self, asset: &str, span: Span) -> Diagnostic {
        match self {
            Problem::Unreadable(reason) => Diagnostic::error(
                Code::ImageUnreadable,
                span,
                format!("'{asset}' cannot be read as an image: {reason}"),
            )
            .with_help("open it in an image editor and save it again as PNG or JPEG; the file may be damaged or have the wrong extension"),
            Problem::TooManyPixels(width, height) => Diagnostic::error(
                Code::ImageTooLarge,
                span,
                if width == 0 {
                    format!("'{asset}' is too large to resize safely")
                } else {
                    format!("'{asset}' is {width} × {height} pixels, too large to resize safely")
                },
            )
            .with_help(format!(
                "images may be at most {} pixels wide or high; scale it down in an image editor before adding it",
                encode::MAX_DIMENSION
            )),
        }
    }
}

/// Every image shown by a page: Markdown images that name a site file,
/// and video posters.
fn image_uses(site: &Site, pages: &[PageRecord]) -> Vec<ImageUse> {
    let base_path = site.config.base_path();
    let mut uses = Vec::new();
    for id in site.page_ids() {
        let page = site.page(id);
        for (link, href) in pages[id.0].links_with_hrefs() {
            let asset = href
                .strip_prefix(base_path)
                .and_then(|path| path.strip_prefix('/'))
                .map(|path| {
                    percent_encoding::percent_decode_str(path)
                        .decode_utf8_lossy()
                        .into_owned()
                });
            if let Some(asset) = asset.filter(|_| link.is_image) {
                let span = Span::new(page.file, link.span.clone());
                uses.push(ImageUse { asset, span });
            }
        }
        // A translation shows its original's poster, counted there.
        if let crate::content::PageKind::Video(video) = &page.kind
            && !page.is_translation()
            && let (Some(poster), Some(span)) = (&video.poster, &video.poster_span)
        {
            let asset = poster.as_str().trim_start_matches('/').to_string();
            uses.push(ImageUse {
                asset,
                span: span.clone(),
            });
        }
    }
    uses
}
