//! The output-level link check: every URL in every written page and
//! stylesheet must name a file the build writes, and every `#fragment` an
//! id on the target page, whether Markdown, a template or data made it.
//!
//! Invariant: a problem in a Markdown link is reported at the Markdown span
//! (content links were resolved by `links`, their anchors are checked
//! here); one in a URL an editor wrote as a value (a resource's `url`, a
//! version's `url`, `[quick_exit] url`) at that value; one in a template at
//! the template line where the URL is written, otherwise naming the
//! template and the page it was rendering.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use super::output_index::{OutputIndex, UrlProblem};
use super::scan::{PageScan, Unnamed, css_urls, scan_html};
use crate::content::{PageId, PageKind, ResourceTarget, Site};
use crate::diagnostics::{Code, Diagnostic, Span, merge_repeats, suggest};
use crate::links::{PageRecord, ResolvedLinks, all_anchors};
use crate::render::{RenderedFile, template_for};
use crate::source::{SourceMap, TemplateFile};

pub struct CheckInput<'a> {
    pub site: &'a Site,
    /// Each page's outline and resolved links, by `PageId`.
    pub pages: &'a [PageRecord],
    pub files: &'a [RenderedFile],
    pub links: &'a ResolvedLinks,
    pub templates: &'a [TemplateFile],
    pub sources: &'a SourceMap,
}

/// What the output check keeps between runs, so `serve` re-checks only the
/// pages a change touched (and the pages linking to their ids).
#[derive(Default)]
pub struct CheckState {
    scans: HashMap<String, PageScan>,
    /// Every output path, and the output file of every page (a page that
    /// failed to render is still a page: links to it are not broken).
    written: HashSet<String>,
    pages: HashMap<String, PageId>,
    /// Per HTML file, before repeats are merged.
    files: BTreeMap<String, FileProblems>,
    /// Output file → the files whose template URLs name one of its ids.
    fragment_users: HashMap<String, BTreeSet<String>>,
    anchors: Vec<Diagnostic>,
    stylesheets: Vec<Diagnostic>,
}

/// What is wrong in one written HTML file.
#[derive(Default)]
struct FileProblems {
    urls: Vec<Diagnostic>,
    duplicate_ids: Vec<Diagnostic>,
    unnamed: Vec<Diagnostic>,
    /// Files whose ids this file's template URLs point at.
    fragment_targets: BTreeSet<String>,
}

/// Checks every link in the output.
pub fn check_links(input: &CheckInput<'_>) -> CheckState {
    let scans: HashMap<String, PageScan> = input
        .files
        .par_iter()
        .filter(|file| file.path.ends_with(".html"))
        .map(|file| (file.path.clone(), scan_html(&file.bytes)))
        .collect();
    let pages: HashMap<String, PageId> = input
        .site
        .page_ids()
        .map(|id| (input.site.page(id).url.output_file(), id))
        .collect();
    let mut written: HashSet<String> = input.files.iter().map(|file| file.path.clone()).collect();
    written.extend(pages.keys().cloned());
    // Files the user put in the output folder are published with it; a
    // Markdown link to one is warned about where it is written.
    written.extend(input.site.placed_by_hand.iter().cloned());
    let mut state = CheckState {
        scans,
        written,
        pages,
        ..CheckState::default()
    };
    let index = state.index(input.site);
    let shared = check_site_root_urls(&index);
    let files: BTreeMap<String, FileProblems> = index
        .scans
        .par_iter()
        .map(|(path, scan)| {
            (
                path.clone(),
                check_file(input, &index, Some(&shared), path, scan),
            )
        })
        .collect();
    let anchors = check_anchor_refs(input, &index);
    let stylesheets = check_stylesheets(input, &index);
    state.files = files;
    state.anchors = anchors;
    state.stylesheets = stylesheets;
    state.index_fragment_users();
    state
}

impl CheckState {
    fn index<'a>(&'a self, site: &'a Site) -> OutputIndex<'a> {
        let config = &site.config;
        let base_path = config.base_path();
        OutputIndex {
            written: &self.written,
            scans: &self.scans,
            pages: &self.pages,
            origin: config.origin(),
            base_path,
            written_values: urls_written_as_values(site),
        }
    }

    fn index_fragment_users(&mut self) {
        self.fragment_users.clear();
        for (path, problems) in &self.files {
            for target in &problems.fragment_targets {
                self.fragment_users
                    .entry(target.clone())
                    .or_default()
                    .insert(path.clone());
            }
        }
    }

    /// Every problem found, merged the same way however it was reached.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut diagnostics = self.anchors.clone();
        let urls = self.files.values().flat_map(|f| f.urls.iter().cloned());
        diagnostics.extend(merge_repeats(urls.collect()));
        diagnostics.extend(self.stylesheets.iter().cloned());
        let duplicate_ids = self.files.values().flat_map(|f| f.duplicate_ids.iter());
        diagnostics.extend(merge_sorted_by_message(duplicate_ids));
        let unnamed = self.files.values().flat_map(|f| f.unnamed.iter());
        diagnostics.extend(merge_sorted_by_message(unnamed));
        diagnostics
    }

    /// Re-checks after the files at `changed` were rendered again (same
    /// paths, new bytes): their own URLs, ids and names, every content
    /// anchor, and the files whose template URLs point at ids that changed.
    pub fn recheck(&mut self, input: &CheckInput<'_>, changed: &[&RenderedFile]) {
        let mut to_check: BTreeSet<String> = BTreeSet::new();
        for file in changed {
            let scan = scan_html(&file.bytes);
            let old = self.scans.insert(file.path.clone(), scan);
            let ids_changed = old.is_none_or(|old| old.ids != self.scans[&file.path].ids);
            if ids_changed && let Some(users) = self.fragment_users.get(&file.path) {
                to_check.extend(users.iter().cloned());
            }
            to_check.insert(file.path.clone());
        }
        let index = self.index(input.site);
        let rechecked: Vec<(String, FileProblems)> = to_check
            .into_iter()
            .filter_map(|path| {
                let scan = index.scans.get(&path)?;
                let problems = check_file(input, &index, None, &path, scan);
                Some((path, problems))
            })
            .collect();
        let anchors = check_anchor_refs(input, &index);
        self.files.extend(rechecked);
        self.anchors = anchors;
        self.index_fragment_users();
    }
}

fn merge_sorted_by_message<'a>(found: impl Iterator<Item = &'a Diagnostic>) -> Vec<Diagnostic> {
    let mut found: Vec<Diagnostic> = found.cloned().collect();
    found.sort_by(|a, b| a.text().cmp(&b.text()));
    merge_repeats(found)
}

/// Everything wrong in one written HTML file.
fn check_file(
    input: &CheckInput<'_>,
    index: &OutputIndex<'_>,
    shared: Option<&HashMap<String, Option<UrlProblem>>>,
    path: &str,
    scan: &PageScan,
) -> FileProblems {
    let page = index.pages.get(path).copied();
    let (urls, fragment_targets) = check_page(input, index, shared, path, scan, page);
    FileProblems {
        urls,
        duplicate_ids: duplicate_id_problems(input, page, path, scan),
        unnamed: unnamed_problems(input, page, path, scan),
        fragment_targets,
    }
}

/// Links and buttons with no text, tables with no header cell and frames
/// with no title, made by templates (Markdown's own are reported at their
/// line before rendering).
fn unnamed_problems(
    input: &CheckInput<'_>,
    page: Option<PageId>,
    path: &str,
    scan: &PageScan,
) -> Vec<Diagnostic> {
    let from_markdown = markdown_hrefs(input, page);
    let (label, template) = page_and_template(input, page, path);
    let mut found = Vec::new();
    for unnamed in &scan.unnamed {
        let (code, what, help) = match unnamed {
            Unnamed::Link(href) if from_markdown.contains(href.as_str()) => continue,
            Unnamed::Link(href) => (
                Code::EmptyLinkText,
                format!("a link to '{href}' has no text"),
                "put words inside the link, or an aria-label",
            ),
            Unnamed::Button => (
                Code::EmptyLinkText,
                "a button has no text".to_string(),
                "put words inside the button, or an aria-label",
            ),
            Unnamed::TableWithoutHeaders => (
                Code::TableWithoutHeaders,
                "a table has no header cells".to_string(),
                "mark the first row or column with <th scope=\"col\"> or <th scope=\"row\">",
            ),
            Unnamed::FrameWithoutTitle => (
                Code::FrameWithoutTitle,
                "a frame has no title".to_string(),
                "give the iframe a title that says what it shows",
            ),
        };
        found.push(
            Diagnostic::global(
                code,
                format!("{what} in the page made by layouts/{template}"),
            )
            .while_rendering(label.clone())
            .with_help(help),
        );
    }
    found
}

/// An id used twice on a page breaks its anchor links and confuses
/// assistive technology. A Markdown heading's id that a template also uses
/// is reported at the heading; the rest name the template and the page.
fn duplicate_id_problems(
    input: &CheckInput<'_>,
    page: Option<PageId>,
    path: &str,
    scan: &PageScan,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for id in &scan.duplicate_ids {
        let heading = page.and_then(|page| {
            input.pages[page.0]
                .outline
                .headings
                .iter()
                .find(|heading| &heading.id == id)
                .map(|heading| (page, heading))
        });
        found.push(match heading {
            Some((page, heading)) => Diagnostic::error(
                Code::DuplicateId,
                Span::new(input.site.page(page).file, heading.span.clone()),
                format!("this heading's id '{id}' is also used by the page's template"),
            )
            .with_help("reword the heading, so its id is different"),
            None => {
                let (label, template) = page_and_template(input, page, path);
                Diagnostic::global(
                    Code::DuplicateId,
                    format!("the id '{id}' is used twice in the page made by layouts/{template}"),
                )
                .while_rendering(label)
                .with_help("give each element on a page its own id")
            }
        });
    }
    found
}

/// Every `#fragment` of a content or `site.toml` link must be an id on the
/// written target page.
fn check_anchor_refs(input: &CheckInput<'_>, index: &OutputIndex<'_>) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for anchor in all_anchors(input.pages, input.links) {
        let page = input.site.page(anchor.target);
        let file = page.url.output_file();
        let Some(scan) = index.scans.get(file.as_str()) else {
            continue;
        };
        if scan.ids.contains(&anchor.fragment) {
            continue;
        }
        let help = suggest::did_you_mean(&anchor.fragment, scan.ids.iter().map(String::as_str))
            .map(|help| help.replacen('\'', "'#", 1));
        diagnostics.push(
            Diagnostic::error(
                Code::MissingAnchor,
                anchor.span.clone(),
                format!(
                    "there is no heading or id '#{}' on content/{}",
                    anchor.fragment, page.content_path
                ),
            )
            .with_optional_help(help),
        );
    }
    diagnostics
}

/// Site-root URLs mean the same on every page (the navigation, the
/// stylesheet, the footer): each distinct one is checked once, not once per
/// page. The value is the problem, if any.
fn check_site_root_urls(index: &OutputIndex<'_>) -> HashMap<String, Option<UrlProblem>> {
    let distinct: HashSet<&str> = index
        .scans
        .values()
        .flat_map(|scan| scan.urls.iter().map(String::as_str))
        .filter(|url| index.is_site_root(url))
        .collect();
    distinct
        .into_par_iter()
        .map(|url| (url.to_string(), index.check_url("", url).err()))
        .collect()
}

/// The URLs in one written HTML file that did not come from Markdown:
/// what is wrong with them, and the files whose ids they point at.
fn check_page(
    input: &CheckInput<'_>,
    index: &OutputIndex<'_>,
    shared: Option<&HashMap<String, Option<UrlProblem>>>,
    path: &str,
    scan: &PageScan,
    page: Option<PageId>,
) -> (Vec<Diagnostic>, BTreeSet<String>) {
    let resolved = markdown_hrefs(input, page);
    let from_config = input
        .links
        .nav
        .iter()
        .chain([&input.links.report_concern])
        .map(String::as_str);
    let mut checked: HashSet<&str> = resolved.into_iter().chain(from_config).collect();
    let mut problems = Vec::new();
    let mut fragment_targets = BTreeSet::new();
    for url in &scan.urls {
        if !checked.insert(url.as_str()) {
            continue;
        }
        if url.contains('#')
            && let Some(target) = index.fragment_target(path, url)
        {
            fragment_targets.insert(target);
        }
        let result = match shared.and_then(|shared| shared.get(url)) {
            Some(known) => known.clone().map_or(Ok(()), Err),
            None => index.check_url(path, url),
        };
        let Err(problem) = result else {
            continue;
        };
        match index.written_values.get(url.as_str()) {
            Some(spans) => problems.extend(spans.iter().map(|span| {
                Diagnostic::error(problem.code, span.clone(), problem.message.clone())
                    .with_optional_help(problem.help.clone())
            })),
            None => problems.push(template_diagnostic(input, page, path, url, problem)),
        }
    }
    (problems, fragment_targets)
}

/// Every URL written as a TOML value that a template shows as it is: each
/// resource's `url` and its versions' (in front matter), and `[quick_exit]
/// url` (in `site.toml`). A page on the site's own host that is not
/// published is the editor's mistake, so it is reported at the value, not
/// at the template that printed it.
fn urls_written_as_values(site: &Site) -> HashMap<&str, Vec<Span>> {
    let mut written: HashMap<&str, Vec<Span>> = HashMap::new();
    for page in site.pages.iter().filter(|page| !page.is_translation()) {
        let PageKind::Resource(resource) = &page.kind else {
            continue;
        };
        for target in resource.targets() {
            if let ResourceTarget::Url(url, range) = target {
                let span = Span::new(page.file, range.clone());
                written.entry(url.as_str()).or_default().push(span);
            }
        }
    }
    if let Some(quick_exit) = &site.config.quick_exit {
        let span = Span::new(site.config.file, quick_exit.url.span());
        let url = quick_exit.url.get_ref().as_str();
        written.entry(url).or_default().push(span);
    }
    written
}

/// Points at the template line that writes `url`, if it is written there
/// literally; otherwise names the template and the page.
fn template_diagnostic(
    input: &CheckInput<'_>,
    page: Option<PageId>,
    path: &str,
    url: &str,
    problem: UrlProblem,
) -> Diagnostic {
    let (label, template) = page_and_template(input, page, path);
    let literal = input.templates.iter().find_map(|file| {
        let text = &input.sources.file(file.file).text;
        find_attribute_value(text, url).map(|at| Span::new(file.file, at..at + url.len()))
    });
    match literal {
        Some(span) => Diagnostic::error(problem.code, span, problem.message),
        None => Diagnostic::global(
            problem.code,
            format!("{} in the page made by layouts/{template}", problem.message),
        ),
    }
    .while_rendering(label)
    .with_optional_help(problem.help)
}

/// The hrefs a page's Markdown became: `links` checked them already.
fn markdown_hrefs<'a>(input: &'a CheckInput<'_>, page: Option<PageId>) -> HashSet<&'a str> {
    page.map(|id| {
        input.pages[id.0]
            .links
            .hrefs
            .iter()
            .map(String::as_str)
            .collect()
    })
    .unwrap_or_default()
}

/// How a written page is named in messages, and the template that made it.
fn page_and_template(
    input: &CheckInput<'_>,
    page: Option<PageId>,
    path: &str,
) -> (String, &'static str) {
    match page {
        Some(id) => (
            format!("content/{}", input.site.page(id).content_path),
            template_for(input.site, id),
        ),
        None if path == "404.html" => ("the 404 page".to_string(), "404.html"),
        None => (
            format!("the generated page {path}"),
            "a generated page's template",
        ),
    }
}

/// Where `url` is written whole in a template: inside quotes, or as one
/// candidate of a `srcset` list.
fn find_attribute_value(text: &str, url: &str) -> Option<usize> {
    let is_boundary = |c: Option<char>| c.is_none_or(|c| "\"' ,".contains(c));
    text.match_indices(url).map(|(at, _)| at).find(|&at| {
        is_boundary(text[..at].chars().next_back())
            && is_boundary(text[at + url.len()..].chars().next())
    })
}

fn check_stylesheets(input: &CheckInput<'_>, index: &OutputIndex<'_>) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for (path, &file) in &input.site.stylesheets {
        let text = &input.sources.file(file).text;
        for (offset, url) in css_urls(text) {
            if url.starts_with("data:") || url.starts_with('#') {
                continue;
            }
            if let Err(problem) = index.check_url(path, &url) {
                diagnostics.push(
                    Diagnostic::error(
                        problem.code,
                        Span::new(file, offset..offset + url.len()),
                        problem.message,
                    )
                    .with_optional_help(problem.help),
                );
            }
        }
    }
    diagnostics
}
