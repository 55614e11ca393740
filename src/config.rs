//! `site.toml` → `SiteConfig`: title, base URL, language, contact details,
//! navigation, vocabularies (audiences, topics, formats), redirects and
//! Markdown options.
//!
//! Invariant: a config is returned even when some keys are wrong (with the
//! diagnostics), so the rest of the site is still checked in the same build.

mod languages;

pub use languages::LanguageConfig;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Code, Diagnostic, Span};
use crate::language::{TextDirection, is_language_tag};
use crate::source::FileId;
use crate::typed_toml::{TableKeys, TomlDate, TomlSource, parse_typed};

/// One entry of a vocabulary: audiences, topics or formats.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(from = "RawVocabularyTerm")]
pub struct VocabularyTerm {
    pub slug: String,
    pub label: String,
    /// The label in each declared language that has its own
    /// (`labels = { cy = "Rhieni a gofalwyr" }`), with where each code is
    /// written.
    #[serde(skip_serializing)]
    #[schemars(with = "std::collections::BTreeMap<String, String>")]
    pub labels: Vec<(Spanned<String>, String)>,
    /// Where the slug is written in `site.toml` (empty for a stand-in).
    #[serde(skip_serializing)]
    pub slug_span: std::ops::Range<usize>,
}

impl VocabularyTerm {
    /// The label in `language` (`None`: the site's own), else the site's.
    pub fn label_in(&self, language: Option<&str>) -> &str {
        language
            .and_then(|code| {
                self.labels
                    .iter()
                    .find(|(known, _)| known.get_ref().eq_ignore_ascii_case(code))
            })
            .map_or(&self.label, |(_, label)| label)
    }
}

#[derive(Deserialize, JsonSchema)]
struct RawVocabularyTerm {
    #[schemars(with = "String")]
    slug: Spanned<String>,
    label: String,
    #[serde(default)]
    #[schemars(with = "std::collections::BTreeMap<String, String>")]
    labels: std::collections::BTreeMap<Spanned<String>, String>,
}

impl From<RawVocabularyTerm> for VocabularyTerm {
    fn from(raw: RawVocabularyTerm) -> Self {
        Self {
            slug_span: raw.slug.span(),
            slug: raw.slug.into_inner(),
            label: raw.label,
            labels: raw.labels.into_iter().collect(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct Contact {
    pub report_concern_text: Option<String>,
    #[schemars(with = "Option<String>")]
    pub report_concern_url: Option<Spanned<String>>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct NavItem {
    pub label: String,
    #[schemars(with = "String")]
    pub url: Spanned<String>,
}

/// `[quick_exit]`: pages on these topics show an "Exit this page" button
/// that leaves at once for `url`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct QuickExitConfig {
    #[schemars(with = "Vec<String>")]
    pub topics: Vec<Spanned<String>>,
    #[schemars(with = "String")]
    pub url: Spanned<String>,
}

/// `[accessibility]`: what the generated accessibility statement says.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct AccessibilityConfig {
    /// When the statement was last reviewed (a warning after a year).
    #[schemars(with = "TomlDate")]
    pub reviewed: Spanned<toml::value::Datetime>,
    /// When it was first prepared.
    #[schemars(with = "Option<TomlDate>")]
    pub prepared: Option<toml::value::Datetime>,
    /// `"full"`, `"partial"` or `"none"`: compliance with WCAG 2.2 AA.
    #[schemars(with = "String")]
    pub compliance: Spanned<String>,
    /// What is known not to be accessible, one item each.
    #[serde(default)]
    pub known_problems: Vec<String>,
    /// What the partnership is doing to improve.
    pub improving: Option<String>,
    /// How the site was tested.
    pub tested: Option<String>,
}

/// `[images]`: how images are resized for phones and wide screens.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
pub struct ImagesConfig {
    /// Widths to resize to, in pixels; never wider than the original.
    #[schemars(with = "Option<Vec<u32>>")]
    widths: Option<Spanned<Vec<u32>>>,
    /// Lossy quality (1-100) for JPEG and WebP.
    #[schemars(with = "Option<u8>")]
    quality: Option<Spanned<u8>>,
    /// The largest file, in kB, published as it is when it cannot be
    /// resized (GIF, SVG).
    max_size_kb: Option<u64>,
}

impl ImagesConfig {
    pub const DEFAULT_WIDTHS: [u32; 3] = [480, 960, 1600];

    pub fn widths(&self) -> Vec<u32> {
        let mut widths = self
            .widths
            .as_ref()
            .map_or_else(|| Self::DEFAULT_WIDTHS.to_vec(), |w| w.get_ref().clone());
        widths.sort_unstable();
        widths.dedup();
        widths
    }

    pub fn quality(&self) -> u8 {
        self.quality.as_ref().map_or(80, |q| *q.get_ref())
    }

    pub fn max_size_bytes(&self) -> u64 {
        self.max_size_kb.unwrap_or(1024).saturating_mul(1024)
    }
}

/// `[search]`: how the search index is split.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
pub struct SearchConfig {
    /// Pages per index bundle. Pagefind indexes one page at a time, so a
    /// large site is split into bundles built side by side (and reused one
    /// by one when their pages are unchanged); the search page merges them.
    #[schemars(with = "Option<usize>")]
    pages_per_bundle: Option<Spanned<usize>>,
}

impl SearchConfig {
    /// Every real partnership site fits in one bundle: the fewest downloads.
    const DEFAULT_PAGES_PER_BUNDLE: usize = 2_500;
    const ALLOWED: std::ops::RangeInclusive<usize> = 10..=100_000;

    pub fn pages_per_bundle(&self) -> usize {
        self.pages_per_bundle
            .as_ref()
            .map_or(Self::DEFAULT_PAGES_PER_BUNDLE, |n| *n.get_ref())
    }
}

/// `[catalogue]`: how long lists are split into pages.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
pub struct CatalogueConfig {
    /// Entries per list page: catalogue lists and filter pages, events,
    /// and the pages a section lists (news). Longer lists go on to
    /// `page/2/` and on.
    #[schemars(with = "Option<usize>")]
    per_page: Option<Spanned<usize>>,
}

impl CatalogueConfig {
    /// Fifty cards keep a list page well under 100 kB and a phone's
    /// scrolling short.
    const DEFAULT_PER_PAGE: usize = 50;
    const ALLOWED: std::ops::RangeInclusive<usize> = 5..=500;

    pub fn per_page(&self) -> usize {
        self.per_page
            .as_ref()
            .map_or(Self::DEFAULT_PER_PAGE, |n| *n.get_ref())
    }
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
pub struct MarkdownConfig {
    #[serde(default)]
    pub raw_html: bool,
}

/// The JSON schema of `site.toml`, from the type it is read into.
pub fn site_toml_schema() -> schemars::Schema {
    crate::typed_toml::toml_schema_for::<RawSiteConfig>()
}

/// `site.toml` as written; required keys are checked after deserializing so
/// that every missing key is reported at once.
#[derive(Debug, Deserialize, JsonSchema)]
struct RawSiteConfig {
    title: Option<String>,
    #[schemars(with = "Option<String>")]
    base_url: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    language: Option<Spanned<String>>,
    description: Option<String>,
    contact: Option<Contact>,
    /// The languages besides `language` the site is published in.
    #[serde(default)]
    languages: Vec<LanguageConfig>,
    #[serde(default)]
    nav: Vec<NavItem>,
    #[serde(default)]
    audiences: Vec<VocabularyTerm>,
    #[serde(default)]
    topics: Vec<VocabularyTerm>,
    #[serde(default)]
    formats: Vec<VocabularyTerm>,
    /// Old addresses and where they now lead: the keys are data, so any
    /// key is allowed.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    redirects: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    markdown: MarkdownConfig,
    #[serde(default)]
    images: ImagesConfig,
    #[serde(default)]
    search: SearchConfig,
    #[serde(default)]
    catalogue: CatalogueConfig,
    accessibility: Option<AccessibilityConfig>,
    quick_exit: Option<QuickExitConfig>,
    /// Editing in the browser (off unless this table is written).
    cms: Option<CmsConfig>,
}

/// `[cms]`: the browser editor at `/admin/`, and the Git host it saves to
/// when the site is published (on the editor's computer, `reportsite
/// serve` is its backend instead).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct CmsConfig {
    /// `github` or `gitlab`.
    pub backend: CmsBackend,
    /// The repository, `owner/name` (GitLab: `group/name`, groups nested).
    /// Without it the editor works only on the editor's own computer,
    /// through `reportsite serve`.
    #[serde(default)]
    #[schemars(with = "String")]
    pub repo: Option<Spanned<String>>,
    /// The branch the site is built from.
    #[serde(default = "default_branch")]
    pub branch: String,
    /// The sign-in service the editor uses to reach the Git host on the
    /// live site (Decap's `base_url`); left out, Netlify's is used, which
    /// works for sites Netlify hosts.
    #[serde(default)]
    #[schemars(with = "String")]
    pub auth_url: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CmsBackend {
    Github,
    Gitlab,
}

impl CmsBackend {
    pub fn name(self) -> &'static str {
        match self {
            CmsBackend::Github => "github",
            CmsBackend::Gitlab => "gitlab",
        }
    }
}

fn default_branch() -> String {
    "main".to_string()
}

#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub file: FileId,
    pub title: String,
    /// Without a trailing slash: `https://www.example.org` or `https://x.org/sub`.
    pub base_url: String,
    pub language: String,
    /// Where `language` is written, when it is.
    pub language_span: Option<std::ops::Range<usize>>,
    /// Which way the site's own language is written.
    pub direction: TextDirection,
    /// The other languages, in the order `site.toml` lists them.
    pub languages: Vec<LanguageConfig>,
    pub description: Option<String>,
    pub contact: Contact,
    pub nav: Vec<NavItem>,
    pub audiences: Vec<VocabularyTerm>,
    pub topics: Vec<VocabularyTerm>,
    pub formats: Vec<VocabularyTerm>,
    pub redirects: BTreeMap<Spanned<String>, Spanned<String>>,
    pub markdown: MarkdownConfig,
    pub images: ImagesConfig,
    pub search: SearchConfig,
    pub catalogue: CatalogueConfig,
    pub accessibility: Option<AccessibilityConfig>,
    pub quick_exit: Option<QuickExitConfig>,
    pub cms: Option<CmsConfig>,
}

impl SiteConfig {
    /// The path part of the base URL, without a trailing slash (`""` or `/sub`).
    /// `https://www.example.org`: `base_url` without its path (which is
    /// `base_path`), for making a site-root href whole.
    pub fn origin(&self) -> &str {
        self.base_url
            .strip_suffix(self.base_path())
            .unwrap_or(&self.base_url)
    }

    pub fn base_path(&self) -> &str {
        let after_scheme = self
            .base_url
            .split_once("://")
            .map_or(self.base_url.as_str(), |(_, rest)| rest);
        match after_scheme.find('/') {
            Some(index) => after_scheme[index..].trim_end_matches('/'),
            None => "",
        }
    }

    /// The `[[languages]]` table of a declared language code.
    pub fn declared_language(&self, code: &str) -> Option<&LanguageConfig> {
        self.languages
            .iter()
            .find(|language| language.code() == code)
    }

    pub fn vocabulary(&self, kind: VocabularyKind) -> &[VocabularyTerm] {
        match kind {
            VocabularyKind::Audience => &self.audiences,
            VocabularyKind::Topic => &self.topics,
            VocabularyKind::Format => &self.formats,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VocabularyKind {
    Audience,
    Topic,
    Format,
}

/// Parses `site.toml`. `base_url_override` is `--base-url`.
pub fn parse_site_config(
    file: FileId,
    text: &str,
    base_url_override: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<SiteConfig> {
    let source = TomlSource {
        file,
        text,
        offset: 0,
    };
    let raw: RawSiteConfig = parse_typed(source, &TableKeys::of::<RawSiteConfig>(), diagnostics)?;
    let config = check_required(file, raw, base_url_override, diagnostics);
    if let Some(config) = &config {
        check_values(config, diagnostics);
    }
    config
}

fn check_required(
    file: FileId,
    raw: RawSiteConfig,
    base_url_override: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<SiteConfig> {
    let missing = |key: &str| {
        Diagnostic::error(
            Code::MissingKey,
            Span::file_start(file),
            format!("site.toml has no '{key}'"),
        )
        .with_help(format!("add `{key} = \"...\"` to site.toml"))
    };
    let before = diagnostics.len();
    if raw.title.is_none() {
        diagnostics.push(missing("title"));
    }
    if raw.base_url.is_none() && base_url_override.is_none() {
        diagnostics.push(missing("base_url"));
    }
    if let Some(base_url) = &raw.base_url
        && let Some(problem) = crate::web_address::base_url_problem(base_url.get_ref())
    {
        diagnostics.push(
            Diagnostic::error(
                Code::InvalidValue,
                Span::new(file, base_url.span()),
                format!("base_url '{}' {problem}", base_url.get_ref().escape_debug()),
            )
            .with_help("write the address the site is published at, such as base_url = \"https://www.example-scp.org.uk/\""),
        );
    }
    let contact = raw.contact.clone();
    match &contact {
        None => diagnostics.push(missing("[contact]").with_help(
            "a safeguarding site must say how to report a concern: add a [contact] table with report_concern_text and report_concern_url",
        )),
        Some(contact) => {
            if contact.report_concern_text.is_none() {
                diagnostics.push(missing("contact.report_concern_text"));
            }
            if contact.report_concern_url.is_none() {
                diagnostics.push(missing("contact.report_concern_url"));
            }
        }
    }
    if diagnostics.len() > before {
        return None;
    }
    let base_url = base_url_override
        .map(str::to_string)
        .or_else(|| raw.base_url.map(Spanned::into_inner))?;
    let language = raw.language.as_ref().map_or_else(
        || "en-GB".to_string(),
        |language| language.get_ref().clone(),
    );
    Some(SiteConfig {
        file,
        title: raw.title?,
        base_url: base_url.trim_end_matches('/').to_string(),
        language: language.clone(),
        language_span: raw.language.as_ref().map(Spanned::span),
        direction: TextDirection::of(&language),
        languages: raw.languages,
        description: raw.description,
        contact: contact?,
        nav: raw.nav,
        audiences: raw.audiences,
        topics: raw.topics,
        formats: raw.formats,
        redirects: raw.redirects,
        markdown: raw.markdown,
        images: raw.images,
        search: raw.search,
        catalogue: raw.catalogue,
        accessibility: raw.accessibility,
        quick_exit: raw.quick_exit,
        cms: raw.cms,
    })
}

/// Values that parse but make no sense: the quick exit, images, search
/// and duplicate vocabulary slugs.
fn check_values(config: &SiteConfig, diagnostics: &mut Vec<Diagnostic>) {
    check_site_language(config, diagnostics);
    languages::check_languages(
        config.file,
        &config.language,
        &config.languages,
        diagnostics,
    );
    check_quick_exit(config, diagnostics);
    check_cms(config, diagnostics);
    check_images(config, diagnostics);
    check_search(config, diagnostics);
    check_catalogue(config, diagnostics);
    for (name, terms) in [
        ("audiences", &config.audiences),
        ("topics", &config.topics),
        ("formats", &config.formats),
    ] {
        let mut seen = std::collections::HashSet::new();
        for term in terms {
            languages::check_labels(config, term, diagnostics);
            if !seen.insert(term.slug.as_str()) {
                diagnostics.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        Span::new(config.file, term.slug_span.clone()),
                        format!("the slug '{}' is declared twice in [[{name}]]", term.slug),
                    )
                    .with_help("give each vocabulary entry its own slug"),
                );
            }
        }
    }
}

/// `[cms] repo` names a repository at the Git host, and `auth_url` is a
/// whole https address.
fn check_cms(config: &SiteConfig, diagnostics: &mut Vec<Diagnostic>) {
    let Some(cms) = &config.cms else {
        return;
    };
    if let Some(repo) = &cms.repo
        && !is_repository_name(repo.get_ref(), cms.backend)
    {
        diagnostics.push(
            Diagnostic::error(
                Code::InvalidValue,
                Span::new(config.file, repo.span()),
                format!("'{}' is not a repository name", repo.get_ref().escape_debug()),
            )
            .with_help("write the repository as owner/name, as in its web address: repo = \"northshire/website\""),
        );
    }
    if let Some(auth_url) = &cms.auth_url
        && !url::Url::parse(auth_url.get_ref()).is_ok_and(|url| url.scheme() == "https")
    {
        diagnostics.push(
            Diagnostic::error(
                Code::InvalidValue,
                Span::new(config.file, auth_url.span()),
                format!("'{}' is not an https address", auth_url.get_ref().escape_debug()),
            )
            .with_help("write the sign-in service's whole address, such as auth_url = \"https://auth.northshirescp.org.uk\""),
        );
    }
}

/// `owner/name`, each part plain (GitLab allows nested groups, so more
/// parts may come first).
pub fn is_repository_name(repo: &str, backend: CmsBackend) -> bool {
    let parts: Vec<&str> = repo.split('/').collect();
    let plain = |part: &&str| {
        !part.is_empty()
            && part != &"."
            && part != &".."
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    let nested_allowed = backend == CmsBackend::Gitlab;
    let shape_ok = parts.len() == 2 || (nested_allowed && parts.len() > 2);
    shape_ok && parts.iter().all(plain)
}

/// `language` must be a BCP 47 tag: it is every page's `lang`.
fn check_site_language(config: &SiteConfig, diagnostics: &mut Vec<Diagnostic>) {
    if is_language_tag(&config.language) {
        return;
    }
    let span = config.language_span.clone().unwrap_or(0..0);
    diagnostics.push(
        Diagnostic::error(
            Code::InvalidValue,
            Span::new(config.file, span),
            format!("'{}' is not a language tag", config.language),
        )
        .with_help("write a BCP 47 language tag such as language = \"en-GB\" or \"cy\""),
    );
}

/// Resizing needs at least one sensible width and a quality in range.
fn check_images(config: &SiteConfig, diagnostics: &mut Vec<Diagnostic>) {
    let images = &config.images;
    if let Some(widths) = &images.widths
        && (widths.get_ref().is_empty()
            || widths.get_ref().iter().any(|w| !(16..=4096).contains(w)))
    {
        diagnostics.push(
            Diagnostic::error(
                Code::InvalidValue,
                Span::new(config.file, widths.span()),
                "image widths must be between 16 and 4096 pixels, at least one",
            )
            .with_help("the default is widths = [480, 960, 1600]"),
        );
    }
    if let Some(quality) = &images.quality
        && !(1..=100).contains(quality.get_ref())
    {
        diagnostics.push(
            Diagnostic::error(
                Code::InvalidValue,
                Span::new(config.file, quality.span()),
                "image quality must be between 1 and 100",
            )
            .with_help("80 keeps photos sharp at a small size"),
        );
    }
}

/// Bundles too small make many downloads; too large, slow builds.
fn check_search(config: &SiteConfig, diagnostics: &mut Vec<Diagnostic>) {
    let limit = SizeLimit {
        allowed: SearchConfig::ALLOWED,
        message: "pages_per_bundle must be between 10 and 100,000",
        help: "leave it out for the default, 2,500 pages per bundle",
    };
    limit.check(config, config.search.pages_per_bundle.as_ref(), diagnostics);
}

/// A page of 1 or 2 entries makes a list of hundreds of pages; one of
/// thousands makes a page too heavy for a phone.
fn check_catalogue(config: &SiteConfig, diagnostics: &mut Vec<Diagnostic>) {
    let limit = SizeLimit {
        allowed: CatalogueConfig::ALLOWED,
        message: "per_page must be between 5 and 500",
        help: "leave it out for the default, 50 entries per list page",
    };
    limit.check(config, config.catalogue.per_page.as_ref(), diagnostics);
}

/// The sizes a `site.toml` count may take, and what to say at one outside.
struct SizeLimit {
    allowed: std::ops::RangeInclusive<usize>,
    message: &'static str,
    help: &'static str,
}

impl SizeLimit {
    fn check(
        &self,
        config: &SiteConfig,
        value: Option<&Spanned<usize>>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let Some(value) = value.filter(|value| !self.allowed.contains(value.get_ref())) else {
            return;
        };
        diagnostics.push(
            Diagnostic::error(
                Code::InvalidValue,
                Span::new(config.file, value.span()),
                self.message,
            )
            .with_help(self.help),
        );
    }
}

/// The quick-exit topics must be declared, and the address must be a
/// whole web address (it leaves the site).
fn check_quick_exit(config: &SiteConfig, diagnostics: &mut Vec<Diagnostic>) {
    let Some(quick_exit) = &config.quick_exit else {
        return;
    };
    for topic in &quick_exit.topics {
        if config
            .topics
            .iter()
            .any(|term| &term.slug == topic.get_ref())
        {
            continue;
        }
        let help = crate::diagnostics::suggest::did_you_mean(
            topic.get_ref(),
            config.topics.iter().map(|t| t.slug.as_str()),
        )
        .unwrap_or_else(|| "use a slug from [[topics]]".to_string());
        diagnostics.push(
            Diagnostic::error(
                Code::UnknownTopic,
                Span::new(config.file, topic.span()),
                format!("'{}' is not a topic declared in site.toml", topic.get_ref()),
            )
            .with_help(help),
        );
    }
    let url = quick_exit.url.get_ref();
    if crate::web_address::web_address_problem(url).is_some() {
        diagnostics.push(
            Diagnostic::error(
                Code::InvalidValue,
                Span::new(config.file, quick_exit.url.span()),
                "the quick exit must lead to a whole web address",
            )
            .with_help("use an everyday site, such as url = \"https://www.bbc.co.uk/weather\""),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    fn parse(text: &str) -> (Option<SiteConfig>, Vec<Diagnostic>) {
        let mut sources = SourceMap::new();
        let file = sources.add("site.toml", text.to_string());
        let mut diagnostics = Vec::new();
        let config = parse_site_config(file, text, None, &mut diagnostics);
        (config, diagnostics)
    }

    const MINIMAL: &str = "title = \"T\"\nbase_url = \"https://x.org/sub/\"\n[contact]\nreport_concern_text = \"Call 999\"\nreport_concern_url = \"/help/\"\n";

    #[test]
    fn base_path_comes_from_base_url() {
        let (config, diagnostics) = parse(MINIMAL);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(
            config.map(|c| c.base_path().to_string()),
            Some("/sub".into())
        );
    }

    #[test]
    fn missing_contact_is_an_error() {
        let (config, diagnostics) = parse("title = \"T\"\nbase_url = \"https://x.org\"\n");
        assert!(config.is_none());
        assert_eq!(diagnostics[0].code, Code::MissingKey);
    }
}
