//! Loading: read `site.toml`, walk `content/`, `static/` and `layouts/`
//! (the embedded defaults first, then the site's own files over them), split
//! front matter and build each kind of content.
//!
//! Invariant: the only module that reads the site from disk. Every file is
//! read once into the `SourceMap`; nothing outside the site root is read.

mod cross_checks;
mod data;
mod engagement;
mod events;
mod files;
mod finances;
pub mod front_matter;
mod glossary;
mod pages;
mod pdf;
mod statement;
mod strings;
mod translations;
mod values;
mod walk;
mod webvtt;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use include_dir::{Dir, include_dir};
use rayon::prelude::*;

use crate::config::{SiteConfig, parse_site_config};
use crate::content::components::ComponentSpecs;
use crate::content::{Asset, ContentPath, DataFile, Date, Finances, Page, PageKind, Site};
use crate::diagnostics::placeholder::{TextKind, find_placeholders};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::interface_strings::InterfaceStrings;
use crate::source::{FileId, SourceMap, TemplateFile, decode_utf8};
use files::FileRefs;
use front_matter::{FrontMatterKeys, KeySet, classify, parse_front_matter, split_front_matter};
use pages::{PageInput, build_page, placeholder_page};
use translations::PageFile;

// What the fuzz targets (`src/fuzz/`) reach inside the loader.
#[cfg(test)]
pub(crate) use {pages::placeholder_page as fuzz_placeholder_page, pdf::count_pdf_pages};

/// The captions check, for the fuzz targets.
#[cfg(test)]
pub(crate) fn check_captions_text(file: FileId, sources: &SourceMap) -> Vec<Diagnostic> {
    webvtt::check_webvtt(file, sources.file(file))
}

/// Every parser of a TOML file beside the pages, for the fuzz targets.
#[cfg(test)]
pub(crate) fn parse_data_texts(file: FileId, text: &str, diagnostics: &mut Vec<Diagnostic>) {
    let _ = data::parse_data_file(file, text, diagnostics);
    let _ = finances::parse_finances(file, text, "2024-25", diagnostics);
    let _ = glossary::parse_glossary(file, text, diagnostics);
}

static DEFAULT_LAYOUTS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/layouts");
static DEFAULT_STATIC: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/static");

pub struct LoadOptions<'a> {
    pub base_url: Option<&'a str>,
    /// Files in the output folder that reportsite did not write.
    pub placed_by_hand: &'a BTreeSet<String>,
    /// Today, or `SOURCE_DATE_EPOCH`: review dates are compared with it.
    pub build_date: Date,
}

/// What loading produced: the site (if `site.toml` could be read) and the
/// templates to render it with.
pub struct Loaded {
    pub site: Option<Site>,
    pub templates: Vec<TemplateFile>,
    /// The interface strings: built-in tables, the site's `i18n/` over them.
    pub strings: InterfaceStrings,
}

pub fn load_site(
    root: &Path,
    options: &LoadOptions<'_>,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> Loaded {
    // Containment checks compare canonical paths, so the root must be one.
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let given_root = root;
    let root = canonical_root.as_path();
    let templates = load_templates(root, sources, diagnostics);
    let strings = strings::load_interface_strings(root, sources, diagnostics);
    let site = load_config(root, given_root, options, sources, diagnostics).map(|config| {
        strings::check_declared_languages(&config, &strings, diagnostics);
        let mut site = load_content(root, config, options, sources, diagnostics);
        site.strings = strings.clone();
        site.components = component_specs(&templates, sources);
        site
    });
    Loaded {
        site,
        templates,
        strings,
    }
}

/// The day a file last changed, never later than `build_date` (so builds
/// with `SOURCE_DATE_EPOCH` are reproducible).
pub fn modified_date(path: &Path, build_date: Date) -> Option<Date> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let days = modified
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs()
        / 86_400;
    Some(Date::from_unix_days(i64::try_from(days).ok()?).min(build_date))
}

/// The day each page's file last changed, by `PageId`, in parallel.
pub fn modified_dates(
    root: &Path,
    site: &Site,
    sources: &SourceMap,
    build_date: Date,
) -> Vec<Option<Date>> {
    site.pages
        .par_iter()
        .map(|page| modified_date(&root.join(&sources.file(page.file).path), build_date))
        .collect()
}

/// Reads one content file again (serve, after an edit), refusing a file
/// that is not UTF-8 or whose real path now leads outside the site: the
/// caller then loads the whole site, which reports why.
pub fn reread_file(root: &Path, relative: &str) -> Option<String> {
    let canonical_root = root.canonicalize().ok()?;
    let path = canonical_root.join(relative).canonicalize().ok()?;
    if !path.starts_with(&canonical_root) {
        return None;
    }
    decode_utf8(std::fs::read(path).ok()?).ok()
}

fn load_config(
    root: &Path,
    given_root: &Path,
    options: &LoadOptions<'_>,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<SiteConfig> {
    let path = root.join("site.toml");
    if path.is_dir() {
        diagnostics.push(
            Diagnostic::global(
                Code::MissingSiteToml,
                format!(
                    "site.toml in {} is a folder, not a file",
                    describe_folder(given_root)
                ),
            )
            .with_help("rename that folder, and put the site's settings in a file named site.toml"),
        );
        return None;
    }
    if !path.is_file() {
        diagnostics.push(
            Diagnostic::global(
                Code::MissingSiteToml,
                format!("there is no site.toml in {}", describe_folder(given_root)),
            )
            .with_help("run reportsite in the site's folder, or point at it with --root DIR"),
        );
        return None;
    }
    let file = read_source(&path, "site.toml", sources, diagnostics)?;
    let text = sources.file(file).text.clone();
    let config = parse_site_config(file, &text, options.base_url, diagnostics);
    diagnostics.extend(find_placeholders(file, &text, 0, TextKind::Toml));
    config
}

/// Reads one file into the `SourceMap`. A file that is not UTF-8 is still
/// added (lossily, for display) and reported at its first invalid byte.
fn read_source(
    path: &Path,
    relative: &str,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<FileId> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            diagnostics.push(Diagnostic::global(
                Code::ReadFailed,
                format!("could not read {relative}: {error}"),
            ));
            return None;
        }
    };
    match decode_utf8(bytes.clone()) {
        Ok(text) => Some(sources.add(relative, text)),
        Err(offset) => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let file = sources.add(relative, text);
            diagnostics.push(
                Diagnostic::error(
                    Code::NotUtf8,
                    // The lossy text holds U+FFFD (3 bytes) where the bad byte was.
                    Span::new(
                        file,
                        offset..offset + char::REPLACEMENT_CHARACTER.len_utf8(),
                    ),
                    format!("{relative} is not UTF-8 text"),
                )
                .with_help("save the file as UTF-8 in your editor (\"Save with encoding: UTF-8\")"),
            );
            None
        }
    }
}

fn load_templates(
    root: &Path,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<TemplateFile> {
    let mut by_name: BTreeMap<String, FileId> = BTreeMap::new();
    for file in embedded_files(&DEFAULT_LAYOUTS) {
        let text = String::from_utf8_lossy(file.contents()).into_owned();
        let name = file.path().to_string_lossy().replace('\\', "/");
        let id = sources.add(format!("layouts/{name}"), text);
        by_name.insert(name, id);
    }
    let walk = walk::walk_folder(root, &root.join("layouts"));
    report_walk_problems(&walk, "layouts", sources, diagnostics);
    for walked in walk.files {
        let relative = format!("layouts/{}", walked.relative);
        if let Some(id) = read_source(&walked.absolute, &relative, sources, diagnostics) {
            by_name.insert(walked.relative, id);
        }
    }
    by_name
        .into_iter()
        .map(|(name, file)| TemplateFile { name, file })
        .collect()
}

/// The built-in components, and a site's own: each
/// `layouts/shortcodes/<name>.html` not named like a built-in one takes
/// the variables its template uses, and holds words if it shows `body`.
/// (A template that does not parse is reported when templates are read.)
fn component_specs(templates: &[TemplateFile], sources: &SourceMap) -> ComponentSpecs {
    // What every component template is given besides its arguments.
    const GIVEN: &[&str] = &[
        "site",
        "page",
        "lang",
        "dir",
        "args",
        "href",
        "card",
        "video",
        "t",
        "date_long",
    ];
    let mut specs = ComponentSpecs::built_in();
    for template in templates {
        let Some(name) = template
            .name
            .strip_prefix("shortcodes/")
            .and_then(|name| name.strip_suffix(".html"))
            .filter(|name| {
                name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                    && name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
            })
        else {
            continue;
        };
        let env = minijinja::Environment::new();
        let Ok(parsed) = env.template_from_str(&sources.file(template.file).text) else {
            continue;
        };
        let used = parsed.undeclared_variables(false);
        let takes_body = used.contains("body");
        let mut variables: Vec<String> = used
            .into_iter()
            .filter(|variable| !GIVEN.contains(&variable.as_str()))
            .collect();
        variables.sort();
        specs.add_site_component(name, variables, takes_body);
    }
    specs
}

fn embedded_files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut files: Vec<_> = dir.files().collect();
    for sub in dir.dirs() {
        files.extend(embedded_files(sub));
    }
    files
}

fn load_content(
    root: &Path,
    config: SiteConfig,
    options: &LoadOptions<'_>,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> Site {
    statement::check_statement(&config, options.build_date, diagnostics);
    let mut assets = load_static(root, sources, diagnostics);
    let stylesheets = register_stylesheets(&assets, sources);
    let walk = walk::walk_folder(root, &root.join("content"));
    report_walk_problems(&walk, "content", sources, diagnostics);
    report_missing_content(root, &walk, diagnostics);
    let refused: BTreeSet<String> = walk.refused.iter().cloned().collect();
    let mut markdown = Vec::new();
    let mut data_files = Vec::new();
    for walked in walk.files {
        if walked.relative.ends_with(".md") {
            markdown.push(walked);
        } else if walked.relative.ends_with(".toml") {
            data_files.push(walked);
        } else {
            match std::fs::read(&walked.absolute) {
                Ok(bytes) => {
                    let asset = Asset {
                        bytes: Arc::from(bytes),
                        folder: "content",
                    };
                    assets.insert(walked.relative, asset);
                }
                Err(error) => diagnostics.push(Diagnostic::global(
                    Code::ReadFailed,
                    format!("could not read content/{}: {error}", walked.relative),
                )),
            }
        }
    }
    let read: Vec<(FileId, ContentPath)> = markdown
        .iter()
        .filter_map(|walked| {
            let relative = format!("content/{}", walked.relative);
            read_source(&walked.absolute, &relative, sources, diagnostics)
                .map(|file| (file, ContentPath::new(walked.relative.clone())))
        })
        .collect();
    let (finances, data) = load_data_files(&data_files, sources, diagnostics);
    let loading = PageLoading {
        config: &config,
        assets: &assets,
        refused: &refused,
        build_date: options.build_date,
        keys: &FrontMatterKeys::new(),
    };
    let mut pages = build_pages(read, &loading, sources, diagnostics);
    add_home_page_if_missing(&mut pages, &config, sources);
    check_captions(&pages, &assets, sources, diagnostics);
    let mut site = Site::new(config, pages, assets, finances, data, options.build_date);
    site.placed_by_hand = options.placed_by_hand.clone();
    site.stylesheets = stylesheets;
    site.glossary = load_glossary(root, sources, diagnostics);
    site.engagement = engagement::load_engagement(root, sources, diagnostics);
    cross_checks::check_site(&site, diagnostics);
    site
}

/// A page whose front matter failed: it exists, so links to it add no
/// noise, but it has no body (its text is not Markdown to read).
fn placeholder_without_body(file: FileId, content_path: ContentPath, text: &str) -> Page {
    let mut page = placeholder_page(file, content_path);
    page.body_offset = text.len();
    page
}

/// What every page is loaded against: the site's settings and files, the
/// build date, and each kind's front-matter keys.
struct PageLoading<'a> {
    config: &'a SiteConfig,
    assets: &'a BTreeMap<String, Asset>,
    refused: &'a BTreeSet<String>,
    build_date: Date,
    keys: &'a FrontMatterKeys,
}

fn build_pages(
    read: Vec<(FileId, ContentPath)>,
    loading: &PageLoading<'_>,
    sources: &SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Page> {
    let languages = &loading.config.languages;
    let mut own = Vec::new();
    let mut translated = Vec::new();
    for (file, content_path) in read {
        match translations::page_file(file, &content_path, languages, diagnostics) {
            PageFile::Own => own.push((file, content_path)),
            PageFile::Translation { original, language } => {
                translated.push((file, content_path, original, language));
            }
            PageFile::Refused => {}
        }
    }
    // Originals first: a translation takes its facts from its original.
    let mut pages = load_in_parallel(own, diagnostics, |(file, content_path), found| {
        let text = &sources.file(file).text;
        load_own_page(file, content_path, text, loading, found)
    });
    pages.sort_by(|a, b| a.content_path.cmp(&b.content_path));
    let translations = load_in_parallel(translated, diagnostics, |translation, found| {
        let (file, content_path, original, language) = translation;
        let file_text = &sources.file(file).text;
        let original = pages
            .binary_search_by(|page| page.content_path.cmp(&original))
            .map_err(|_| original);
        let reading = translations::Reading {
            file,
            content_path,
            language,
            keys: loading.keys,
        };
        translations::load_translation(reading, file_text, original.map(|i| &pages[i]), found)
    });
    pages.extend(translations);
    pages.sort_by(|a, b| a.content_path.cmp(&b.content_path));
    pages
}

/// Loads each of `items` as a page on rayon's threads, gathering every
/// page's diagnostics in the items' order.
fn load_in_parallel<T: Send>(
    items: Vec<T>,
    diagnostics: &mut Vec<Diagnostic>,
    load: impl Fn(T, &mut Vec<Diagnostic>) -> Option<Page> + Sync,
) -> Vec<Page> {
    let results: Vec<(Option<Page>, Vec<Diagnostic>)> = items
        .into_par_iter()
        .map(|item| {
            let mut found = Vec::new();
            let page = load(item, &mut found);
            (page, found)
        })
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    for (page, found) in results {
        pages.extend(page);
        diagnostics.extend(found);
    }
    pages
}

fn load_own_page(
    file: FileId,
    content_path: ContentPath,
    text: &str,
    loading: &PageLoading<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Page> {
    let split = match split_front_matter(file, text) {
        Ok(split) => split,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return Some(placeholder_without_body(file, content_path, text));
        }
    };
    let kind = classify(content_path.as_str());
    let key_set = KeySet::own(kind);
    let Some(front) = parse_front_matter(file, text, &split, key_set, loading.keys, diagnostics)
    else {
        return Some(placeholder_without_body(file, content_path, text));
    };
    if front.page.draft == Some(true) {
        return None;
    }
    diagnostics.extend(find_placeholders(
        file,
        &text[split.toml.clone()],
        split.toml.start,
        TextKind::Toml,
    ));
    let files = FileRefs {
        file,
        assets: loading.assets,
        refused: loading.refused,
    };
    let input = PageInput {
        file,
        kind,
        body_offset: split.body_offset,
        content_path,
        config: loading.config,
        files: &files,
        build_date: loading.build_date,
    };
    Some(build_page(input, front, diagnostics))
}

/// Static files: the embedded defaults, then the site's `static/` over them.
fn load_static(
    root: &Path,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Asset> {
    let mut assets = BTreeMap::new();
    for file in embedded_files(&DEFAULT_STATIC) {
        let name = file.path().to_string_lossy().replace('\\', "/");
        assets.insert(
            name,
            Asset {
                bytes: Arc::from(file.contents()),
                folder: "static",
            },
        );
    }
    let walk = walk::walk_folder(root, &root.join("static"));
    report_walk_problems(&walk, "static", sources, diagnostics);
    // A site's own icon replaces the default one whatever its format: a
    // site with only `favicon.ico` must not keep linking the default SVG.
    if walk
        .files
        .iter()
        .any(|walked| crate::content::is_site_icon(&walked.relative))
    {
        assets.retain(|name, _| !crate::content::is_site_icon(name));
    }
    for walked in walk.files {
        match std::fs::read(&walked.absolute) {
            Ok(bytes) => {
                let asset = Asset {
                    bytes: Arc::from(bytes),
                    folder: "static",
                };
                assets.insert(walked.relative, asset);
            }
            Err(error) => diagnostics.push(Diagnostic::global(
                Code::ReadFailed,
                format!("could not read static/{}: {error}", walked.relative),
            )),
        }
    }
    assets
}

/// `glossary.toml` at the site root, if there is one.
fn load_glossary(
    root: &Path,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<crate::content::Glossary> {
    let path = root.join("glossary.toml");
    if !path.is_file() {
        return None;
    }
    let file = read_source(&path, "glossary.toml", sources, diagnostics)?;
    let text = sources.file(file).text.clone();
    glossary::parse_glossary(file, &text, diagnostics)
}

/// Every video's captions file is read as text and checked as WebVTT.
fn check_captions(
    pages: &[Page],
    assets: &BTreeMap<String, Asset>,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for page in pages {
        let PageKind::Video(video) = &page.kind else {
            continue;
        };
        let Some(captions) = &video.captions else {
            continue;
        };
        let path = captions.as_str().trim_start_matches('/');
        let Some(asset) = assets.get(path) else {
            continue;
        };
        let label = format!("{}/{path}", asset.folder);
        match decode_utf8(asset.bytes.to_vec()) {
            Ok(text) => {
                let file = sources.add(label, text);
                diagnostics.extend(webvtt::check_webvtt(file, sources.file(file)));
            }
            Err(offset) => {
                let file = sources.add(
                    label.clone(),
                    String::from_utf8_lossy(&asset.bytes).into_owned(),
                );
                diagnostics.push(Diagnostic::error(
                    Code::NotUtf8,
                    Span::new(
                        file,
                        offset..offset + char::REPLACEMENT_CHARACTER.len_utf8(),
                    ),
                    format!("{label} is not UTF-8 text"),
                ));
            }
        }
    }
}

/// Every site has a home page: without `content/_index.md`, an empty one
/// titled after the site lists the top-level sections.
/// A site with no `content/` folder, or one with no page in it, would
/// build as a single empty home page: almost certainly the wrong folder.
fn report_missing_content(root: &Path, walk: &walk::Walk, diagnostics: &mut Vec<Diagnostic>) {
    let content = root.join("content");
    let problem = if !content.is_dir() {
        "this site has no content/ folder"
    } else if !walk.files.iter().any(|file| file.relative.ends_with(".md")) {
        "content/ has no pages (no .md files)"
    } else {
        return;
    };
    diagnostics.push(
        Diagnostic::global(Code::NoContent, problem.to_string()).with_help(
            "check that --root names the site's folder; a site needs at least content/_index.md, its home page",
        ),
    );
}

fn add_home_page_if_missing(pages: &mut Vec<Page>, config: &SiteConfig, sources: &mut SourceMap) {
    if pages
        .iter()
        .any(|page| page.content_path.as_str() == "_index.md")
    {
        return;
    }
    let file = sources.add("content/_index.md", String::new());
    let mut home = placeholder_page(file, ContentPath::new("_index.md"));
    home.title.clone_from(&config.title);
    pages.push(home);
    pages.sort_by(|a, b| a.content_path.cmp(&b.content_path));
}

/// Puts the static stylesheets in the `SourceMap`, so a broken `url(...)`
/// in one is reported at its line.
fn register_stylesheets(
    assets: &BTreeMap<String, Asset>,
    sources: &mut SourceMap,
) -> BTreeMap<String, FileId> {
    assets
        .iter()
        .filter(|(path, _)| path.ends_with(".css"))
        .map(|(path, asset)| {
            let text = String::from_utf8_lossy(&asset.bytes).into_owned();
            (path.clone(), sources.add(format!("static/{path}"), text))
        })
        .collect()
}

/// Reads every TOML file under `content/`: each report's `finances.toml`,
/// and the data files beside pages.
fn load_data_files(
    data_files: &[walk::WalkedFile],
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> (BTreeMap<String, Finances>, BTreeMap<String, DataFile>) {
    let mut finances = BTreeMap::new();
    let mut data = BTreeMap::new();
    for walked in data_files {
        let relative = format!("content/{}", walked.relative);
        let Some(file) = read_source(&walked.absolute, &relative, sources, diagnostics) else {
            continue;
        };
        let text = sources.file(file).text.clone();
        let segments: Vec<&str> = walked.relative.split('/').collect();
        if let ["reports", year, "finances.toml"] = segments.as_slice() {
            if let Some(parsed) = finances::parse_finances(file, &text, year, diagnostics) {
                finances.insert(format!("reports/{year}"), parsed);
            }
        } else if let Some(parsed) = data::parse_data_file(file, &text, diagnostics) {
            data.insert(walked.relative.clone(), parsed);
        }
    }
    (finances, data)
}

fn describe_folder(folder: &Path) -> String {
    if folder == Path::new(".") {
        "this folder".to_string()
    } else {
        folder.display().to_string()
    }
}

/// Links out of the site and entries that cannot be read. Each is named
/// as a file of its own (with no text), so editors' tools that jump to
/// `file:line` land on it.
fn report_walk_problems(
    walk: &walk::Walk,
    folder: &str,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut at =
        |path: &str| Span::new(sources.add(format!("{folder}/{path}"), String::new()), 0..0);
    for refused in &walk.refused {
        diagnostics.push(
            Diagnostic::error(
                Code::PathOutsideSite,
                at(refused),
                format!("{folder}/{refused} leads outside the site, so it is not read"),
            )
            .with_help("replace the link with a copy of the file inside the site"),
        );
    }
    for (path, reason) in &walk.unreadable {
        diagnostics.push(
            Diagnostic::error(
                Code::ReadFailed,
                at(path),
                format!("could not read {folder}/{path}: {reason}"),
            )
            .with_help("remove the link, or replace it with the file or folder itself"),
        );
    }
}

/// The JSON schemas of the TOML files a site holds besides site.toml, by
/// file name: a report's finances, the glossary, and data beside a page.
pub fn file_schemas() -> Vec<(&'static str, schemars::Schema)> {
    vec![
        ("finances.schema.json", finances::finances_schema()),
        ("glossary.schema.json", glossary::glossary_schema()),
        ("page-data.schema.json", data::data_file_schema()),
    ]
}
