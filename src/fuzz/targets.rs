//! The fuzz targets: one per parser or checker a site's files reach, and
//! one whole `check` of a small site with a fuzzed page and glossary.

use arbitrary::Unstructured;

use super::{Outcome, Target};
use crate::content::ContentPath;
use crate::load::front_matter::{
    ContentKind, FrontMatterKeys, KeySet, parse_front_matter, split_front_matter,
};
use crate::source::{SourceMap, decode_utf8};

pub(super) fn all() -> Vec<Target> {
    vec![
        Target {
            name: "front-matter",
            generate: |u| text_after(u, "+++\ntitle = \"T\"\n", 60),
            check: check_front_matter,
        },
        Target {
            name: "site-toml",
            generate: |u| text_after(u, SMALL_SITE_TOML, 40),
            check: |input| with_text(input, "site.toml", check_site_toml),
        },
        Target {
            name: "data-toml",
            generate: |u| {
                let skeleton = u.choose(&DATA_SKELETONS)?;
                text_after(u, skeleton, 60)
            },
            check: |input| with_text(input, "content/a.toml", check_data_toml),
        },
        Target {
            name: "webvtt",
            generate: |u| text_after(u, "WEBVTT\n\n", 60),
            check: |input| {
                with_text(
                    input,
                    "content/videos/v/captions.vtt",
                    |file, sources, found| {
                        found.extend(crate::load::check_captions_text(file, sources));
                    },
                )
            },
        },
        Target {
            name: "pdf",
            generate: |u| text_after(u, "%PDF-1.4\n", 80),
            check: |input| {
                let _ = crate::load::count_pdf_pages(input);
                Outcome::default()
            },
        },
        Target {
            name: "image",
            generate: generate_image,
            check: check_image,
        },
        Target {
            name: "markdown",
            generate: |u| text_after(u, "", 80),
            check: check_markdown,
        },
        Target {
            name: "site",
            generate: |u| text_after(u, "+++\ntitle = \"X\"\n", 40),
            check: super::site::check_site_with_page,
        },
    ]
}

/// Beginnings of the TOML files beside pages, so fuzzed values land
/// where they are read (amounts, rows, glossary terms).
const DATA_SKELETONS: [&str; 4] = [
    "[[income]]\nlabel = \"A\"\namount = ",
    "[reserves]\nopening = ",
    "[[tables]]\ncaption = \"C\"\ncolumns = [\"a\"]\nrows = [",
    "[[terms]]\nterm = \"",
];

const SMALL_SITE_TOML: &str = "title = \"T\"\nbase_url = \"https://x.example/\"\n[contact]\nreport_concern_text = \"Call 999\"\nreport_concern_url = \"https://x.example/report\"\n";

/// `prefix` (sometimes) and then fuzzed text.
fn text_after(
    u: &mut Unstructured<'_>,
    prefix: &str,
    fragments: usize,
) -> arbitrary::Result<Vec<u8>> {
    let mut text = if u.ratio(3, 4)? {
        prefix.to_string()
    } else {
        String::new()
    };
    text.push_str(&super::fuzz_text(u, fragments)?);
    Ok(text.into_bytes())
}

/// Decodes `input` as a file would be read (BOM removed, lone CRs made
/// line feeds) and hands it to `check` with its `FileId`.
fn with_text(
    input: &[u8],
    path: &str,
    check: impl FnOnce(crate::source::FileId, &SourceMap, &mut Vec<crate::diagnostics::Diagnostic>),
) -> Outcome {
    let mut outcome = Outcome::default();
    let Ok(text) = decode_utf8(input.to_vec()) else {
        return outcome;
    };
    let file = outcome.sources.add(path, text);
    check(file, &outcome.sources, &mut outcome.diagnostics);
    outcome
}

fn check_front_matter(input: &[u8]) -> Outcome {
    with_text(input, "content/x.md", |file, sources, found| {
        let text = &sources.file(file).text;
        let split = match split_front_matter(file, text) {
            Ok(split) => split,
            Err(diagnostic) => {
                found.push(diagnostic);
                return;
            }
        };
        let keys = FrontMatterKeys::new();
        for kind in ContentKind::ALL {
            for translation in [false, true] {
                let key_set = KeySet { kind, translation };
                let _ = parse_front_matter(file, text, &split, key_set, &keys, found);
            }
        }
    })
}

fn check_site_toml(
    file: crate::source::FileId,
    sources: &SourceMap,
    found: &mut Vec<crate::diagnostics::Diagnostic>,
) {
    let _ = crate::config::parse_site_config(file, &sources.file(file).text, None, found);
}

fn check_data_toml(
    file: crate::source::FileId,
    sources: &SourceMap,
    found: &mut Vec<crate::diagnostics::Diagnostic>,
) {
    let text = &sources.file(file).text;
    crate::load::parse_data_texts(file, text, found);
}

fn generate_image(u: &mut Unstructured<'_>) -> arbitrary::Result<Vec<u8>> {
    const MAGIC: [&[u8]; 3] = [
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        b"\xff\xd8\xff\xe0\0\x10JFIF\0",
        b"RIFF\0\0\0\0WEBPVP8 ",
    ];
    let mut bytes = u.choose(&MAGIC)?.to_vec();
    let rest = u.len();
    bytes.extend_from_slice(u.bytes(rest)?);
    Ok(bytes)
}

fn check_image(input: &[u8]) -> Outcome {
    let settings = crate::images::ImageSettings {
        widths: vec![480, 960],
        quality: 80,
        max_size_bytes: 1 << 20,
    };
    for format in [
        crate::images::encode::SourceFormat::Png,
        crate::images::encode::SourceFormat::Jpeg,
        crate::images::encode::SourceFormat::WebP,
    ] {
        let _ = crate::images::encode::responsive("x.png", input, format, &settings);
    }
    Outcome::default()
}

fn check_markdown(input: &[u8]) -> Outcome {
    let mut outcome = Outcome::default();
    let Ok(body) = decode_utf8(input.to_vec()) else {
        return outcome;
    };
    let prefix = "+++\ntitle = \"X\"\n+++\n";
    let file = outcome
        .sources
        .add("content/x.md", format!("{prefix}{body}"));
    let mut page = crate::load::fuzz_placeholder_page(file, ContentPath::new("x.md"));
    page.body_offset = prefix.len();
    let place = crate::content::components::BodyPlace {
        file,
        offset: prefix.len(),
    };
    let specs = crate::content::components::ComponentSpecs::built_in();
    let found = crate::content::components::find_components(&body, place, &specs);
    // Every component's block gets markup, as a page's would.
    let components: std::collections::HashMap<usize, String> = found
        .calls
        .iter()
        .flat_map(|call| std::iter::once(call.line).chain(call.end_line))
        .map(|line| (line, "<div>component</div>".to_string()))
        .collect();
    for raw_html in [false, true] {
        let options = crate::links::markdown_options(raw_html);
        let outline = crate::links::outline_page(
            &page,
            &found.body,
            &options,
            &found.calls,
            &mut outcome.diagnostics,
        );
        let hrefs: Vec<String> = outline.links.iter().map(|link| link.url.clone()).collect();
        let parts = crate::render::markdown::BodyParts {
            outline: &outline,
            hrefs: &hrefs,
            languages: &[],
            terms: None,
            components: &components,
        };
        let _ = crate::render::markdown::render_markdown(&found.body, &options, &parts);
    }
    outcome.diagnostics.extend(found.diagnostics);
    outcome
}
