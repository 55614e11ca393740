//! Resolves every link and image in the content: `@/path.md#anchor`,
//! relative `.md` paths, `#anchor`, site-root URLs and files beside a page.
//!
//! Invariant: a link that resolves to nothing is an error at the exact span
//! of its URL, with the nearest real target as help. Anchors are recorded as
//! `AnchorRef`s and checked against the written pages by `check`, because
//! templates and data add ids too. Outside URLs (`https:`, `mailto:`) are
//! passed through for the external check.

use std::collections::{HashMap, HashSet};

use super::outline::{LinkRef, PageOutline};
use crate::content::paths::join_relative;
use crate::content::{PageId, Site};
use crate::diagnostics::{Code, Diagnostic, Span, suggest};

/// One page's links resolved: its hrefs in order, the anchors they point
/// at, and what is wrong with them.
#[derive(Debug)]
pub struct PageLinks {
    pub hrefs: Vec<String>,
    /// For each link, the language tag of the page it lands on when that
    /// is not the linking page's (a Welsh page's link that falls back to
    /// the English page), for `hreflang`.
    pub languages: Vec<Option<String>>,
    pub anchors: Vec<AnchorRef>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A link's fragment, to be found among the ids of the written target page.
#[derive(Debug, Clone)]
pub struct AnchorRef {
    pub span: Span,
    pub target: PageId,
    pub fragment: String,
}

/// What a link points at once resolved.
enum Target {
    /// A page, maybe with a fragment.
    Page(PageId, Option<String>),
    /// A fragment on the page the link is on.
    OwnAnchor(PageId, String),
    /// A file or other URL the build writes (site-root path, no base path).
    File(String),
    /// A file in the output folder that reportsite did not write.
    PlacedByHand(String),
    /// Left as written: outside URLs.
    Verbatim,
}

/// Resolves the links of one page (after its body changed).
/// What resolving finds besides hrefs: problems, and anchors to check later.
pub(super) struct Found<'a> {
    pub(super) diagnostics: &'a mut Vec<Diagnostic>,
    pub(super) anchors: Vec<AnchorRef>,
}

impl Found<'_> {
    /// Records what a resolved target means for later checks.
    fn note(&mut self, target: &Target, span: &Span) {
        if let Target::PlacedByHand(path) = target {
            self.diagnostics.push(
                Diagnostic::warning(
                    Code::FileNotInSite,
                    span.clone(),
                    format!("'{path}' is in the output folder, but reportsite did not write it: a build into an empty folder (a fresh deploy) would not have it"),
                )
                .with_help("put the file in static/, or beside the page, so every build publishes it"),
            );
            return;
        }
        let (page, fragment) = match target {
            Target::Page(page, Some(fragment)) | Target::OwnAnchor(page, fragment) => {
                (page, fragment)
            }
            _ => return,
        };
        self.anchors.push(AnchorRef {
            span: span.clone(),
            target: *page,
            fragment: fragment.clone(),
        });
    }
}

pub(super) struct Resolver<'a> {
    site: &'a Site,
    base_path: &'a str,
    /// Every page by its site-root URL.
    page_urls: HashMap<&'a str, PageId>,
    /// Listings, open-data files and pages that no content file makes.
    listing_urls: HashSet<String>,
}

impl<'a> Resolver<'a> {
    pub(super) fn new(site: &'a Site) -> Self {
        let page_urls = site
            .page_ids()
            .map(|id| (site.page(id).url.as_str(), id))
            .collect();
        let listing_urls = site.generated_urls().into_iter().collect();
        Self {
            site,
            base_path: site.config.base_path(),
            page_urls,
            listing_urls,
        }
    }

    pub(super) fn resolve_page(&self, page: PageId, outline: &PageOutline) -> PageLinks {
        let mut diagnostics = Vec::new();
        let mut found = Found {
            diagnostics: &mut diagnostics,
            anchors: Vec::new(),
        };
        let (hrefs, languages) = outline
            .links
            .iter()
            .map(|link| self.resolve(page, link, &mut found))
            .unzip();
        let anchors = found.anchors;
        PageLinks {
            hrefs,
            languages,
            anchors,
            diagnostics,
        }
    }

    /// Where a link lands: `None` when it does not resolve (reported
    /// already), else the page, when it is one.
    pub(super) fn landing_page(&self, page: PageId, link: &LinkRef) -> Option<Option<PageId>> {
        match self.target(page, link) {
            Ok(Target::Page(landing, _)) => Some(Some(landing)),
            Ok(_) => Some(None),
            Err(_) => None,
        }
    }

    /// A link's href, and the language it lands in when that is not the
    /// page's own.
    fn resolve(
        &self,
        page: PageId,
        link: &LinkRef,
        found: &mut Found<'_>,
    ) -> (String, Option<String>) {
        let span = Span::new(self.site.page(page).file, link.span.clone());
        match self.target(page, link) {
            Ok(target) => {
                found.note(&target, &span);
                if !link.is_image {
                    self.check_link_text(page, link, &target, found);
                }
                let language = match &target {
                    Target::Page(landing, _) if !link.is_image => {
                        let landing = self.site.language_of(*landing);
                        (landing != self.site.language_of(page)).then(|| landing.to_string())
                    }
                    _ => None,
                };
                (self.href(target, &link.url), language)
            }
            Err(problem) => {
                found.diagnostics.push(problem.into_diagnostic(span));
                // comrak writes dangerous links (javascript:, data:, …) as
                // an empty href; the href kept must be what the page holds,
                // so the output check does not report the link again.
                let href = if has_scheme(&link.url) && !is_web_mail_or_phone(&link.url) {
                    String::new()
                } else {
                    link.url.clone()
                };
                (href, None)
            }
        }
    }

    /// A `site.toml` URL as written (an `@/` content path, a site-root URL
    /// the build writes, or an `https://` URL), for pages in `language` (`None`: the
    /// site's own): an `@/` path goes to that language's version.
    pub(super) fn resolve_config_url(
        &self,
        value: &toml::Spanned<String>,
        language: Option<&str>,
        found: &mut Found<'_>,
    ) -> String {
        let written = value.get_ref().as_str();
        let span = Span::new(self.site.config.file, value.span());
        let (path, fragment) = match written.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (written, None),
        };
        let target = if written.starts_with("https://") || written.starts_with("http://") {
            web_address(written)
        } else if written.starts_with("//") {
            Err(Problem {
                code: Code::InvalidValue,
                message: format!(
                    "'{}' leaves out https: (a protocol-relative address)",
                    written.escape_debug()
                ),
                help: Some("write the whole address, starting https://".to_string()),
            })
        } else if let Some(content_path) = path.strip_prefix("@/") {
            self.content_link(language, content_path, fragment, written)
        } else if path.starts_with('/') {
            self.site_root_link(path, fragment, written)
        } else {
            Err(Problem {
                code: Code::InvalidValue,
                message: format!("'{written}' is not a link this site can check"),
                help: Some("write an @/ content path such as \"@/about/_index.md\", a site-root URL such as \"/about/\", or an https:// address".to_string()),
            })
        };
        match target {
            Ok(target) => {
                found.note(&target, &span);
                self.href(target, written)
            }
            Err(problem) => {
                found.diagnostics.push(problem.into_diagnostic(span));
                written.to_string()
            }
        }
    }

    /// Warns about link text that makes no sense out of context, offering
    /// the target page's title.
    fn check_link_text(
        &self,
        page: PageId,
        link: &LinkRef,
        target: &Target,
        found: &mut Found<'_>,
    ) {
        if link.text.trim().is_empty() {
            let span = Span::new(self.site.page(page).file, link.link_span.clone());
            let suggestion = match target {
                Target::Page(target, _) | Target::OwnAnchor(target, _) => {
                    self.site.page(*target).title.clone()
                }
                _ => "the name of the page it opens".to_string(),
            };
            found.diagnostics.push(
                Diagnostic::error(
                    Code::EmptyLinkText,
                    span,
                    "this link has no text, so screen readers cannot say where it goes",
                )
                .with_help(format!(
                    "put words between the brackets, for example [{suggestion}]({})",
                    link.url
                )),
            );
            return;
        }
        let Some(problem) = super::link_text::vague_link_text(&link.text, &link.url) else {
            return;
        };
        let help = match target {
            Target::Page(target, _) | Target::OwnAnchor(target, _) => {
                format!(
                    "say where it goes, for example [{}]({})",
                    self.site.page(*target).title,
                    link.url
                )
            }
            _ => {
                "say what the link opens, for example the name of the page or document".to_string()
            }
        };
        let span = Span::new(self.site.page(page).file, link.link_span.clone());
        found.diagnostics.push(
            Diagnostic::warning(
                Code::VagueLinkText,
                span,
                format!("{problem}: '{}'", link.text.trim()),
            )
            .with_help(help),
        );
    }

    /// The title of the page a `site.toml` URL names, if it names one.
    pub(super) fn title_of(&self, written: &str) -> Option<String> {
        let path = written.split('#').next().unwrap_or(written);
        let page = match path.strip_prefix("@/") {
            Some(content_path) => self.site.page_by_path(content_path),
            None => self.page_at_url(path),
        };
        page.map(|page| self.site.page(page).title.clone())
    }

    fn href(&self, target: Target, written: &str) -> String {
        match target {
            Target::Page(target, fragment) => {
                let url = &self.site.page(target).url;
                match fragment {
                    Some(fragment) => format!("{}{url}#{fragment}", self.base_path),
                    None => format!("{}{url}", self.base_path),
                }
            }
            Target::File(path) | Target::PlacedByHand(path) => format!("{}{path}", self.base_path),
            Target::OwnAnchor(..) | Target::Verbatim => written.to_string(),
        }
    }

    fn target(&self, page: PageId, link: &LinkRef) -> Result<Target, Problem> {
        let url = link.url.as_str();
        if url.is_empty() || url == "#" {
            return Err(Problem::placeholder(url));
        }
        if let Some(fragment) = url.strip_prefix('#') {
            return fragment_or_placeholder(fragment)
                .map(|()| Target::OwnAnchor(page, fragment.to_string()));
        }
        if has_scheme(url) || url.starts_with("//") {
            return scheme_link(url);
        }
        let (path, fragment) = match url.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (url, None),
        };
        if let Some(content_path) = path.strip_prefix("@/") {
            return self.content_link(self.language_of(page), content_path, fragment, url);
        }
        let folder = self.site.page(page).content_path.folder();
        if path.ends_with(".md") {
            let joined = join_relative(folder, path).ok_or_else(|| Problem::no_page(url, None))?;
            return self.content_link(self.language_of(page), &joined, fragment, url);
        }
        if path.starts_with('/') {
            return self.site_root_link(path, fragment, url);
        }
        let joined = join_relative(folder, path).ok_or_else(|| Problem::no_file(url, None))?;
        self.site_root_link(&format!("/{joined}"), fragment, url)
    }

    fn language_of(&self, page: PageId) -> Option<&str> {
        self.site.page(page).language.as_deref()
    }

    /// A content path's page, in the linking page's language when it has
    /// a version in it (the anchor is then checked on that version).
    fn content_link(
        &self,
        language: Option<&str>,
        path: &str,
        fragment: Option<&str>,
        written: &str,
    ) -> Result<Target, Problem> {
        let Some(target) = self.site.page_by_path(path) else {
            let candidates: Vec<String> = self
                .site
                .pages
                .iter()
                .map(|page| format!("@/{}", page.content_path))
                .collect();
            let help = suggest::did_you_mean_page(
                &format!("@/{path}"),
                candidates.iter().map(String::as_str),
            );
            return Err(Problem::no_page(written, help));
        };
        self.with_fragment(self.site.version_in(target, language), fragment)
    }

    fn site_root_link(
        &self,
        path: &str,
        fragment: Option<&str>,
        written: &str,
    ) -> Result<Target, Problem> {
        let path = path.split('?').next().unwrap_or(path);
        // `sp%20ace.pdf` names the file `sp ace.pdf`, as in a browser.
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let path = decoded.as_ref();
        if let Some(page) = self.page_at_url(path) {
            return self.with_fragment(page, fragment);
        }
        if self.site.assets.contains_key(path.trim_start_matches('/'))
            || self.listing_urls.contains(path)
        {
            return Ok(Target::File(path.to_string()));
        }
        if self
            .site
            .placed_by_hand
            .contains(path.trim_start_matches('/'))
        {
            return Ok(Target::PlacedByHand(path.to_string()));
        }
        let with_slash = format!("{}/", path.trim_end_matches('/'));
        let help = if self.page_urls.contains_key(with_slash.as_str()) {
            Some(format!("did you mean '{with_slash}'?"))
        } else {
            let candidates = self
                .page_urls
                .keys()
                .copied()
                .chain(self.site.assets.keys().map(String::as_str));
            suggest::did_you_mean(path, candidates)
        };
        Err(Problem::no_file(written, help))
    }

    fn page_at_url(&self, path: &str) -> Option<PageId> {
        self.page_urls.get(path).copied()
    }

    fn with_fragment(&self, target: PageId, fragment: Option<&str>) -> Result<Target, Problem> {
        match fragment {
            None => Ok(Target::Page(target, None)),
            Some(fragment) => {
                fragment_or_placeholder(fragment)?;
                Ok(Target::Page(target, Some(fragment.to_string())))
            }
        }
    }
}

/// `page.md#` has nothing after the `#`: a placeholder, not an anchor.
fn fragment_or_placeholder(fragment: &str) -> Result<(), Problem> {
    if fragment.is_empty() {
        Err(Problem::placeholder("#"))
    } else {
        Ok(())
    }
}

struct Problem {
    code: Code,
    message: String,
    help: Option<String>,
}

impl Problem {
    fn placeholder(url: &str) -> Self {
        Self {
            code: Code::PlaceholderLink,
            message: if url.is_empty() {
                "this link has no target".to_string()
            } else {
                "this link points nowhere ('#' alone)".to_string()
            },
            help: Some(
                "link to the page you mean, such as [text](@/about/_index.md), or remove the link"
                    .to_string(),
            ),
        }
    }

    fn no_page(url: &str, help: Option<String>) -> Self {
        let without_fragment = url.split('#').next().unwrap_or(url);
        Self {
            code: Code::BrokenLink,
            message: format!("no page at '{without_fragment}'"),
            help,
        }
    }

    fn no_file(url: &str, help: Option<String>) -> Self {
        Self {
            code: Code::BrokenLink,
            message: format!("nothing is published at '{url}'"),
            help,
        }
    }

    fn into_diagnostic(self, span: Span) -> Diagnostic {
        Diagnostic::error(self.code, span, self.message).with_optional_help(self.help)
    }
}

/// `https:`, `mailto:`, `tel:`: a scheme before any `/`, `?` or `#`.
/// A link with a scheme: `https://`/`http://` addresses must be whole,
/// `mailto:`/`tel:` well formed; any other scheme (`javascript:`, `data:`,
/// `file:`) and protocol-relative `//host` links are refused.
fn scheme_link(url: &str) -> Result<Target, Problem> {
    let lower = url.get(..11).unwrap_or(url).to_ascii_lowercase();
    if lower.starts_with("http:") || lower.starts_with("https:") {
        return web_address(url);
    }
    if is_web_mail_or_phone(url) {
        return match super::shape::mail_or_phone_problem(url) {
            Some(message) => Err(Problem {
                code: Code::BrokenLink,
                message,
                help: Some(
                    "write mailto:name@example.org, or tel: followed by the number".to_string(),
                ),
            }),
            None => Ok(Target::Verbatim),
        };
    }
    let shown = url.chars().take(60).collect::<String>();
    let message = if lower.starts_with("javascript:") {
        format!("'{}' only works with JavaScript", shown.escape_debug())
    } else if url.starts_with("//") {
        format!(
            "'{}' leaves out https: (a protocol-relative address)",
            shown.escape_debug()
        )
    } else {
        format!(
            "'{}' is not a kind of link this site publishes",
            shown.escape_debug()
        )
    };
    Err(Problem {
        code: Code::BrokenLink,
        message,
        help: Some(
            "link to a page of the site, or to a whole https:// address, mailto: or tel:"
                .to_string(),
        ),
    })
}

/// A whole `http(s)://` address, or what is wrong with it.
fn web_address(url: &str) -> Result<Target, Problem> {
    match crate::web_address::web_address_problem(url) {
        None => Ok(Target::Verbatim),
        Some(problem) => Err(Problem {
            code: Code::BrokenLink,
            message: format!("'{}' {problem}", url.escape_debug()),
            help: Some("write the whole address as a browser shows it, such as https://www.example.org/page".to_string()),
        }),
    }
}

fn is_web_mail_or_phone(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    ["http:", "https:", "mailto:", "tel:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(colon) => {
            let scheme = &url[..colon];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !url[..colon].contains(['/', '?', '#'])
        }
        None => false,
    }
}
