//! Checks that need every page loaded: priority tags name real priority
//! pages, and no two pages or aliases claim one URL.
//!
//! Invariant: a duplicate is reported at the later source in content-path
//! order, naming the earlier one.

use std::collections::BTreeMap;

use crate::content::{PageKind, Site, UrlPath, paths};
use crate::diagnostics::{Code, Diagnostic, Span, suggest};

pub fn check_site(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    check_priority_tags(site, diagnostics);
    check_duplicate_urls(site, diagnostics);
    check_generated_urls_are_free(site, diagnostics);
    check_resource_sources(site, diagnostics);
    check_data_files_are_shown(site, diagnostics);
    check_translations_have_originals(site, diagnostics);
    check_engagement_is_saved(site, diagnostics);
}

/// A report or chapter asking to show its year's engagement needs a saved
/// report for that year; without one it shows nothing, and says so here.
fn check_engagement_is_saved(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    for id in site.page_ids() {
        let page = site.page(id);
        let Some(span) = page
            .show_engagement
            .clone()
            .filter(|_| page.language.is_none())
        else {
            continue;
        };
        if site.engagement_for(id).is_some() {
            continue;
        }
        diagnostics.push(
            Diagnostic::warning(
                Code::EngagementMissing,
                Span::new(page.file, span),
                "no saved engagement report lies within this report's period, so none is shown",
            )
            .with_help("count the year's access logs with `reportsite engagement --since <period_start> --until <period_end> --save LOG...`"),
        );
    }
}

/// A translation needs its page in the site's own language: that is the
/// page readers of other languages are offered, and the one it stands in
/// for.
fn check_translations_have_originals(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    for page in site.pages.iter().filter(|page| page.language.is_some()) {
        if site.page_by_path(page.original.as_str()).is_none() {
            diagnostics.push(
                Diagnostic::error(
                    Code::TranslationWithoutOriginal,
                    Span::file_start(page.file),
                    format!(
                        "content/{} translates content/{}, which does not exist",
                        page.content_path, page.original
                    ),
                )
                .with_help(format!(
                    "write content/{} in the site's own language first, or check this file's name",
                    page.original
                )),
            );
        }
    }
}

/// A resource's `source` names a page of the site by its `@/` path.
fn check_resource_sources(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    for page in site.pages.iter().filter(|page| !page.is_translation()) {
        let PageKind::Resource(resource) = &page.kind else {
            continue;
        };
        let Some(source) = &resource.source else {
            continue;
        };
        let written = source.get_ref();
        let found = written
            .strip_prefix("@/")
            .and_then(|path| site.page_by_path(path));
        if found.is_some() {
            continue;
        }
        let candidates: Vec<String> = site
            .pages
            .iter()
            .map(|p| format!("@/{}", p.content_path))
            .collect();
        let help = suggest::did_you_mean_page(written, candidates.iter().map(String::as_str))
            .unwrap_or_else(|| "name the page it comes from, such as \"@/reports/2024-25/learning-from-reviews.md\"".to_string());
        diagnostics.push(
            Diagnostic::error(
                Code::BrokenLink,
                Span::new(page.file, source.span()),
                format!("no page at '{written}'"),
            )
            .with_help(help),
        );
    }
}

/// Catalogue listings (`/resources/a-z/`, `/resources/format/poster/`),
/// posters and open-data files are written by the build: a page may not
/// take one of their addresses.
fn check_generated_urls_are_free(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    let generated: std::collections::HashSet<String> = site.generated_urls().into_iter().collect();
    for page in site
        .pages
        .iter()
        .filter(|page| generated.contains(page.url.as_str()))
    {
        diagnostics.push(
            Diagnostic::error(
                Code::DuplicateUrl,
                Span::new(page.file, page.slug_span.clone().unwrap_or(0..0)),
                format!(
                    "{} is also an address the build makes (a listing or a later page of one, a poster or open-data page)",
                    page.url
                ),
            )
            .with_help("give the page a different `slug`"),
        );
    }
}

/// A data file shows on the page of the same name; one with no such page
/// is most likely misnamed.
fn check_data_files_are_shown(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    for (path, data) in &site.data {
        let page_path = format!("{}.md", path.trim_end_matches(".toml"));
        if site.page_by_path(&page_path).is_some() {
            continue;
        }
        let pages = site.pages.iter().map(|page| page.content_path.as_str());
        let help = suggest::did_you_mean_page(&page_path, pages)
            .map(|page| format!("{page} (rename the data file to match it)"))
            .unwrap_or_else(|| {
                format!(
                    "name it after the page that shows it: content/{page_path} shows content/{path}"
                )
            });
        diagnostics.push(
            Diagnostic::warning(
                Code::DataFileUnused,
                Span::file_start(data.file),
                format!("no page shows content/{path}"),
            )
            .with_help(help),
        );
    }
}

fn check_priority_tags(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    let stems: Vec<&str> = site
        .pages
        .iter()
        .filter(|page| matches!(page.kind, PageKind::Priority(_)) && !page.is_translation())
        .map(|page| page.content_path.stem())
        .collect();
    // A translation's tags are its original's, reported there.
    for page in site.pages.iter().filter(|page| !page.is_translation()) {
        for tag in page.priority_tags() {
            if stems.contains(&tag.get_ref().as_str()) {
                continue;
            }
            let help =
                suggest::did_you_mean(tag.get_ref(), stems.iter().copied()).unwrap_or_else(|| {
                    format!(
                        "priorities are named by their file under content/priorities/: {}",
                        stems.join(", ")
                    )
                });
            diagnostics.push(
                Diagnostic::error(
                    Code::UnknownPriority,
                    Span::new(page.file, tag.span()),
                    format!("there is no priority '{}'", tag.get_ref()),
                )
                .with_help(help),
            );
        }
    }
}

/// Pages, aliases, `[redirects]` and static files all become files in the
/// output: each address must be a plain site-root path (`site_path_problem`)
/// and no two may be the same file, nor differ only in letter case (they
/// would collide on Windows and macOS). This is the one place every output
/// path computed from content is checked before anything is written.
fn check_duplicate_urls(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    let mut claimed = Claimed::default();
    claim_asset_paths(site, &mut claimed, diagnostics);
    for page in &site.pages {
        check_page_address(page, &mut claimed, diagnostics);
    }
    for url in site.generated_urls() {
        claimed.insert(
            UrlPath::new(url).output_file(),
            "a file the build makes itself (a listing, poster, feed or open-data file)".to_string(),
        );
    }
    for page in &site.pages {
        for alias in &page.aliases {
            let span = Span::new(page.file, alias.span());
            let owner = format!("an alias of content/{}", page.content_path);
            claim_old_url(alias.get_ref(), span, owner, &mut claimed, diagnostics);
        }
    }
    for id in site.page_ids() {
        if let Some(short) = site.short_url(id) {
            let page = site.page(id);
            let span = Span::new(page.file, page.slug_span.clone().unwrap_or(0..0));
            let owner = format!(
                "the short address of content/{} (give one of the two a `slug`)",
                page.content_path
            );
            claim_old_url(short.as_str(), span, owner, &mut claimed, diagnostics);
        }
    }
    for old in site.config.redirects.keys() {
        let span = Span::new(site.config.file, old.span());
        claim_old_url(
            old.get_ref(),
            span,
            "a redirect in site.toml".to_string(),
            &mut claimed,
            diagnostics,
        );
    }
}

/// Files copied from `static/` and content folders: each a plain path
/// (no control character: its name is written into the manifest one per
/// line), none the build's own file, none differing only in letter case.
fn claim_asset_paths(site: &Site, claimed: &mut Claimed, diagnostics: &mut Vec<Diagnostic>) {
    let generated: std::collections::HashSet<String> = site
        .generated_urls()
        .iter()
        .map(|url| UrlPath::new(url.as_str()).output_file())
        .collect();
    for (path, asset) in &site.assets {
        let owner = format!("the file {}/{path}", asset.folder);
        let shown = format!("{}/{}", asset.folder, path.escape_debug());
        if !paths::is_safe_relative(path) {
            diagnostics.push(
                Diagnostic::global(
                    Code::InvalidValue,
                    format!("{shown} has a line break, control character or '\\' in its name"),
                )
                .with_help("rename the file with letters, digits, spaces, '-' and '_'"),
            );
            continue;
        }
        if generated.contains(path.as_str()) || is_reserved(path) {
            diagnostics.push(
                Diagnostic::global(
                    Code::DuplicateUrl,
                    format!("{shown} has the name of a file the build writes itself"),
                )
                .with_help("rename the file; for old addresses use `aliases` or [redirects] in site.toml, not a _redirects file"),
            );
            continue;
        }
        if let Some(earlier) = claimed.insert(path.clone(), owner.clone()) {
            diagnostics.push(
                Diagnostic::global(Code::DuplicateUrl, format!("{owner} is also {earlier}"))
                    .with_help("rename one of the two files"),
            );
        }
    }
}

fn is_reserved(path: &str) -> bool {
    paths::RESERVED_OUTPUT_FILES.contains(&path)
        || paths::RESERVED_OUTPUT_FOLDERS
            .iter()
            .any(|folder| path.starts_with(folder))
}

/// A page's address: a path that can be a file, and no other page at it
/// (a bad `slug` was refused when the page was loaded).
fn check_page_address(
    page: &crate::content::Page,
    claimed: &mut Claimed,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let span = Span::new(page.file, page.slug_span.clone().unwrap_or(0..0));
    if let Some(problem) = paths::site_path_problem(page.url.as_str()) {
        diagnostics.push(
            Diagnostic::error(
                Code::InvalidValue,
                span,
                format!("the page's address: {problem}"),
            )
            .with_help("give the page a `slug`, or rename its file"),
        );
        return;
    }
    if let Some(earlier) = claimed.insert(
        page.url.output_file(),
        format!("content/{}", page.content_path),
    ) {
        diagnostics.push(
            Diagnostic::error(
                Code::DuplicateUrl,
                span,
                format!("{} is also the address of {earlier}", page.url),
            )
            .with_help("give one of the pages a different `slug`, or remove one"),
        );
    }
}

/// Output files already taken, by their name in lower case.
#[derive(Default)]
struct Claimed {
    by_folded_name: BTreeMap<String, (String, String)>,
}

impl Claimed {
    /// Claims `file` for `owner`; if it (or a name differing only in
    /// letter case) is taken, leaves it and returns who has it.
    fn insert(&mut self, file: String, owner: String) -> Option<String> {
        let folded = file.to_lowercase();
        match self.by_folded_name.get(&folded) {
            Some((taken, earlier)) if *taken == file => Some(earlier.clone()),
            Some((taken, earlier)) => Some(format!(
                "{earlier} ({taken}, which differs only in letter case: they collide on Windows and macOS)"
            )),
            None => {
                self.by_folded_name.insert(folded, (file, owner));
                None
            }
        }
    }
}

/// An old address (an alias or a redirect): a site-root path that nothing
/// else in the output uses.
fn claim_old_url(
    url: &str,
    span: Span,
    owner: String,
    claimed: &mut Claimed,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if let Some(problem) = paths::site_path_problem(url) {
        let cleaned = url
            .trim_start_matches('/')
            .split(['#', '?', ' ', '\n', '\r', '\t'])
            .next()
            .unwrap_or_default();
        let example = if cleaned.is_empty() || format!("/{cleaned}") == url {
            "/old-page/"
        } else {
            cleaned
        };
        diagnostics.push(
            Diagnostic::error(Code::InvalidValue, span, format!("the old address {problem}"))
                .with_help(format!(
                    "write the old address from the site root as one plain path (no spaces, #, ? or %) that the build does not use itself, such as \"/{}\"",
                    example.trim_start_matches('/')
                )),
        );
        return;
    }
    let file = UrlPath::new(url).output_file();
    if let Some(earlier) = claimed.insert(file, owner) {
        diagnostics.push(
            Diagnostic::error(
                Code::DuplicateUrl,
                span,
                format!("{url} is also the address of {earlier}"),
            )
            .with_help("remove this old address, or point it somewhere nothing else uses"),
        );
    }
}
