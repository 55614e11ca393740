//! The output-level link check: every URL in every written page and
//! stylesheet must name a file the build writes, and every `#fragment` an
//! id on the target page, whether Markdown, a template or data made it.
//!
//! Invariant: a problem in a Markdown link is reported at the Markdown span
//! (content links were resolved by `links`, their anchors are checked
//! here); one in a template at the template line where the URL is written,
//! otherwise naming the template and the page it was rendering.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::scan::{PageScan, Unnamed, css_urls, scan_html};
use crate::content::{PageId, Site};
use crate::diagnostics::{Code, Diagnostic, Span, WHILE_RENDERING, merge_repeats, suggest};
use crate::links::ResolvedLinks;
use crate::links::shape::mail_or_phone_problem;
use crate::load::TemplateFile;
use crate::render::{RenderedFile, template_for};
use crate::source::SourceMap;

pub struct CheckInput<'a> {
    pub site: &'a Site,
    pub outlines: &'a [crate::links::PageOutline],
    pub files: &'a [RenderedFile],
    pub links: &'a ResolvedLinks,
    pub templates: &'a [TemplateFile],
    pub sources: &'a SourceMap,
}

/// Checks every link in the output and pushes what is broken.
pub fn check_links(input: &CheckInput<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let index = OutputIndex::new(input);
    check_anchor_refs(input, &index, diagnostics);
    let shared = check_site_root_urls(&index);
    let page_problems: Vec<Diagnostic> = input
        .files
        .par_iter()
        .filter(|file| file.path.ends_with(".html"))
        .flat_map_iter(|file| check_page(input, &index, &shared, &file.path))
        .collect();
    diagnostics.extend(merge_repeats(page_problems));
    check_stylesheets(input, &index, diagnostics);
    check_duplicate_ids(input, &index, diagnostics);
    check_unnamed(input, &index, diagnostics);
}

/// Links and buttons with no text, tables with no header cell and frames
/// with no title, made by templates (Markdown's own are reported at their
/// line before rendering).
fn check_unnamed(
    input: &CheckInput<'_>,
    index: &OutputIndex<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut found = Vec::new();
    for (path, scan) in &index.scans {
        let page = index.pages.get(*path).copied();
        let from_markdown = markdown_hrefs(input, page);
        let (label, template) = page_and_template(input, page, path);
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
                    format!(
                        "{what} in the page made by layouts/{template}{WHILE_RENDERING}{label})"
                    ),
                )
                .with_help(help),
            );
        }
    }
    found.sort_by(|a, b| a.message.cmp(&b.message));
    diagnostics.extend(merge_repeats(found));
}

/// An id used twice on a page breaks its anchor links and confuses
/// assistive technology. A Markdown heading's id that a template also uses
/// is reported at the heading; the rest name the template and the page.
fn check_duplicate_ids(
    input: &CheckInput<'_>,
    index: &OutputIndex<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut found = Vec::new();
    for (path, scan) in &index.scans {
        let page = index.pages.get(*path).copied();
        for id in &scan.duplicate_ids {
            let heading = page.and_then(|page| {
                input.outlines[page.0]
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
                        format!("the id '{id}' is used twice in the page made by layouts/{template}{WHILE_RENDERING}{label})"),
                    )
                    .with_help("give each element on a page its own id")
                }
            });
        }
    }
    found.sort_by(|a, b| a.message.cmp(&b.message));
    diagnostics.extend(merge_repeats(found));
}

/// What the build writes: every path, the ids of every page, and which
/// page each HTML file belongs to.
struct OutputIndex<'a> {
    written: HashSet<String>,
    scans: HashMap<&'a str, PageScan>,
    pages: HashMap<String, PageId>,
    origin: &'a str,
    base_path: &'a str,
}

/// What is wrong with one URL.
#[derive(Clone)]
struct UrlProblem {
    code: Code,
    message: String,
    help: Option<String>,
}

impl<'a> OutputIndex<'a> {
    fn new(input: &CheckInput<'a>) -> Self {
        let scans = input
            .files
            .par_iter()
            .filter(|file| file.path.ends_with(".html"))
            .map(|file| (file.path.as_str(), scan_html(&file.bytes)))
            .collect();
        let config = &input.site.config;
        let base_path = config.base_path();
        let pages: HashMap<String, PageId> = input
            .site
            .page_ids()
            .map(|id| (input.site.page(id).url.output_file(), id))
            .collect();
        // A page that failed to render is still a page: links to it are not
        // broken, and its own error says what to fix.
        let mut written: HashSet<String> =
            input.files.iter().map(|file| file.path.clone()).collect();
        written.extend(pages.keys().cloned());
        Self {
            written,
            scans,
            pages,
            origin: &config.base_url[..config.base_url.len() - base_path.len()],
            base_path,
        }
    }

    /// Checks a URL found in the file at `from` (an output path).
    fn check_url(&self, from: &str, url: &str) -> Result<(), UrlProblem> {
        let Some(site_path) = self.internal_path(from, url)? else {
            return Ok(());
        };
        let (path, fragment) = match site_path.split_once('#') {
            Some((path, fragment)) => (path.to_string(), Some(fragment.to_string())),
            None => (site_path, None),
        };
        let path = path.split('?').next().unwrap_or_default();
        let file = if path.is_empty() {
            from.to_string()
        } else {
            output_file_of(&percent_decode(path))
        };
        if !self.written.contains(&file) {
            return Err(self.nothing_published(url, &file));
        }
        match fragment {
            Some(fragment) if file.ends_with(".html") => self.check_fragment(&file, &fragment, url),
            _ => Ok(()),
        }
    }

    /// The site-root path (without the base path) of an internal URL;
    /// `None` for outside URLs.
    fn internal_path(&self, from: &str, url: &str) -> Result<Option<String>, UrlProblem> {
        if url.is_empty() || url == "#" {
            return Err(problem(
                Code::PlaceholderLink,
                format!("a link points nowhere ('{url}')"),
                None,
            ));
        }
        if let Some(fragment) = url.strip_prefix('#') {
            return Ok(Some(format!("#{fragment}")));
        }
        let lower = url.to_ascii_lowercase();
        if lower.starts_with("javascript:") {
            return Err(problem(
                Code::BrokenLink,
                format!("'{url}' only works with JavaScript"),
                Some("link to a page or file instead".into()),
            ));
        }
        if let Some(message) = mail_or_phone_problem(url) {
            return Err(problem(
                Code::BrokenLink,
                message,
                Some("write mailto:name@example.org, or tel: followed by the number".into()),
            ));
        }
        let site_root = match url.strip_prefix(self.origin) {
            // The same host but outside the base path is another website.
            Some(rest) if !self.under_base_path(rest) => return Ok(None),
            Some(rest) if rest.starts_with('/') || rest.is_empty() => {
                format!("/{}", rest.trim_start_matches('/'))
            }
            _ if url.starts_with("//") || has_scheme(url) => return Ok(None),
            _ if url.starts_with('/') => url.to_string(),
            _ => format!("/{}", join(folder_of(from), url)),
        };
        if self.base_path.is_empty() {
            return Ok(Some(site_root));
        }
        match site_root.strip_prefix(self.base_path) {
            Some(rest) if rest.is_empty() || rest.starts_with(['/', '#', '?']) => {
                Ok(Some(rest.to_string()))
            }
            _ => Err(problem(
                Code::BrokenLink,
                format!(
                    "'{url}' is outside the site's base path '{}'",
                    self.base_path
                ),
                Some(format!("start site links with {}/", self.base_path)),
            )),
        }
    }

    /// A URL whose meaning does not depend on the page it is on.
    fn is_site_root(&self, url: &str) -> bool {
        (url.starts_with('/') && !url.starts_with("//")) || url.starts_with(self.origin)
    }

    fn under_base_path(&self, path: &str) -> bool {
        path.strip_prefix(self.base_path)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '#', '?']))
    }

    fn check_fragment(&self, file: &str, fragment: &str, url: &str) -> Result<(), UrlProblem> {
        let target = if url.starts_with('#') {
            "the page itself".to_string()
        } else {
            url_of(file)
        };
        let fragment = percent_decode(fragment);
        let Some(scan) = self.scans.get(file) else {
            return Ok(());
        };
        if scan.ids.contains(&fragment) {
            return Ok(());
        }
        let help = suggest::did_you_mean(&fragment, scan.ids.iter().map(String::as_str))
            .map(|h| h.replacen('\'', "'#", 1));
        Err(problem(
            Code::MissingAnchor,
            format!("there is no id '#{fragment}' on {target}"),
            help,
        ))
    }

    fn nothing_published(&self, url: &str, file: &str) -> UrlProblem {
        let as_folder = format!(
            "{}/index.html",
            file.trim_end_matches("/index.html")
                .trim_end_matches(".html")
        );
        let help = if self.written.contains(as_folder.as_str()) {
            Some(format!("did you mean '{}'?", url_of(&as_folder)))
        } else {
            let urls: Vec<String> = self.written.iter().map(|path| url_of(path)).collect();
            suggest::did_you_mean(&url_of(file), urls.iter().map(String::as_str))
        };
        problem(
            Code::BrokenLink,
            format!("nothing is published at '{url}'"),
            help,
        )
    }
}

/// Every `#fragment` of a content or `site.toml` link must be an id on the
/// written target page.
fn check_anchor_refs(
    input: &CheckInput<'_>,
    index: &OutputIndex<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for anchor in &input.links.anchors {
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

/// The URLs in one written HTML file that did not come from Markdown.
fn check_page(
    input: &CheckInput<'_>,
    index: &OutputIndex<'_>,
    shared: &HashMap<String, Option<UrlProblem>>,
    path: &str,
) -> Vec<Diagnostic> {
    let Some(scan) = index.scans.get(path) else {
        return Vec::new();
    };
    let page = index.pages.get(path).copied();
    let resolved = markdown_hrefs(input, page);
    let from_config = input
        .links
        .nav
        .iter()
        .chain([&input.links.report_concern])
        .map(String::as_str);
    let mut checked: HashSet<&str> = resolved.into_iter().chain(from_config).collect();
    let mut problems = Vec::new();
    for url in &scan.urls {
        if !checked.insert(url.as_str()) {
            continue;
        }
        let result = match shared.get(url) {
            Some(known) => known.clone().map_or(Ok(()), Err),
            None => index.check_url(path, url),
        };
        if let Err(problem) = result {
            problems.push(template_diagnostic(input, page, path, url, problem));
        }
    }
    problems
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
        Some(span) => Diagnostic::error(
            problem.code,
            span,
            format!("{}{WHILE_RENDERING}{label})", problem.message),
        ),
        None => Diagnostic::global(
            problem.code,
            format!(
                "{} in the page made by layouts/{template}{WHILE_RENDERING}{label})",
                problem.message
            ),
        ),
    }
    .with_optional_help(problem.help)
}

/// The hrefs a page's Markdown became: `links` checked them already.
fn markdown_hrefs<'a>(input: &'a CheckInput<'_>, page: Option<PageId>) -> HashSet<&'a str> {
    page.map(|id| input.links.hrefs[id.0].iter().map(String::as_str).collect())
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

fn check_stylesheets(
    input: &CheckInput<'_>,
    index: &OutputIndex<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
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
}

fn problem(code: Code, message: String, help: Option<String>) -> UrlProblem {
    UrlProblem {
        code,
        message,
        help,
    }
}

/// `/a/b/` → `a/b/index.html`; `/css/site.css` → `css/site.css`.
fn output_file_of(site_path: &str) -> String {
    let trimmed = site_path.trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_string()
    }
}

/// `a/b/index.html` → `/a/b/`.
fn url_of(output_path: &str) -> String {
    match output_path.strip_suffix("index.html") {
        Some(folder) => format!("/{folder}"),
        None => format!("/{output_path}"),
    }
}

fn folder_of(output_path: &str) -> &str {
    output_path
        .rsplit_once('/')
        .map_or("", |(folder, _)| folder)
}

/// Joins a relative URL onto a folder, resolving `.` and `..` the way a
/// browser does (never above the root).
fn join(folder: &str, relative: &str) -> String {
    let mut segments: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    let ends_with_slash =
        relative.ends_with('/') || relative.ends_with("/.") || relative.ends_with("/..");
    for segment in relative.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    let mut joined = segments.join("/");
    if ends_with_slash && !joined.is_empty() {
        joined.push('/');
    }
    joined
}

fn has_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// `%20` → space; invalid escapes are kept as written.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = bytes
            .get(index + 1..index + 3)
            .and_then(|pair| std::str::from_utf8(pair).ok());
        match (
            bytes[index],
            hex.and_then(|pair| u8::from_str_radix(pair, 16).ok()),
        ) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                index += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_relative_urls_like_a_browser() {
        assert_eq!(join("a/b", "../c/"), "a/c/");
        assert_eq!(join("a/b", "x.png"), "a/b/x.png");
        assert_eq!(join("", "../../x"), "x");
    }

    #[test]
    fn maps_urls_and_files() {
        assert_eq!(output_file_of("/a/b/"), "a/b/index.html");
        assert_eq!(output_file_of("/"), "index.html");
        assert_eq!(url_of("a/b/index.html"), "/a/b/");
        assert_eq!(url_of("css/site.css"), "/css/site.css");
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("caf%C3%A9%20x"), "café x");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
