//! Checks that need every page loaded: priority tags name real priority
//! pages, and no two pages or aliases claim one URL.
//!
//! Invariant: a duplicate is reported at the later source in content-path
//! order, naming the earlier one.

use std::collections::BTreeMap;

use crate::content::{PageKind, Site};
use crate::diagnostics::{Code, Diagnostic, Span, suggest};

pub fn check_site(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    check_priority_tags(site, diagnostics);
    check_duplicate_urls(site, diagnostics);
    check_data_files_are_shown(site, diagnostics);
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
        let help = suggest::did_you_mean(&page_path, pages)
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
        .filter(|page| matches!(page.kind, PageKind::Priority(_)))
        .map(|page| page.content_path.stem())
        .collect();
    for page in &site.pages {
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

fn check_duplicate_urls(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    // URL → the content path that first claimed it.
    let mut claimed: BTreeMap<String, String> = BTreeMap::new();
    for page in &site.pages {
        let url = page.url.as_str().to_string();
        if let Some(earlier) = claimed.get(&url) {
            diagnostics.push(
                Diagnostic::error(
                    Code::DuplicateUrl,
                    Span::new(page.file, page.slug_span.clone().unwrap_or(0..0)),
                    format!("{} is also the address of content/{earlier}", page.url),
                )
                .with_help("give one of the pages a different `slug`, or remove one"),
            );
        } else {
            claimed.insert(url, page.content_path.to_string());
        }
    }
    for page in &site.pages {
        for alias in &page.aliases {
            let url = alias.get_ref();
            let span = Span::new(page.file, alias.span());
            if !url.starts_with('/') {
                diagnostics.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        span,
                        format!("the alias '{url}' is not a site-root path"),
                    )
                    .with_help(format!(
                        "write the old address from the site root, such as \"/{url}\""
                    )),
                );
                continue;
            }
            if let Some(earlier) = claimed.get(url.as_str()) {
                diagnostics.push(
                    Diagnostic::error(
                        Code::DuplicateUrl,
                        span,
                        format!("{url} is also the address of content/{earlier}"),
                    )
                    .with_help("remove the alias, or point it at a URL nothing else uses"),
                );
                continue;
            }
            claimed.insert(url.clone(), format!("{} (an alias)", page.content_path));
        }
    }
}
