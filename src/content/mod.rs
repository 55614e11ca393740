//! The content model: `Site`, `Page` and each kind of content (yearly
//! `Report`, report `Chapter`, `Priority`, `Resource`, `Video`), plus the
//! content path → URL mapping.
//!
//! Invariant: no I/O here. A `Site` is immutable once loaded; later phases
//! take `&Site` and refer to pages by `PageId`.

mod addresses;
pub mod catalogue;
pub mod components;
pub mod date;
pub mod engagement;
pub mod events;
pub mod finances;
pub mod paging;
pub mod paths;
pub mod related;
pub mod reviews;
pub mod search_layout;
pub mod tagged;
mod versions;
pub mod video_length;

use std::cmp::Reverse;
use std::collections::BTreeMap;

use toml::Spanned;

pub use addresses::{OutboundLink, feed_path};
pub use date::Date;
pub use finances::Finances;
pub use paths::{ContentPath, UrlPath};
pub use video_length::VideoLength;

use crate::config::SiteConfig;
use crate::interface_strings::InterfaceStrings;
use crate::source::FileId;

/// A handle to one page or section of a `Site`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageId(pub usize);

#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    /// Pages and sections, sorted by content path.
    pub pages: Vec<Page>,
    /// Files copied as they are: bundle files and `static/`, by output path.
    pub assets: BTreeMap<String, Asset>,
    /// Report finances by the report's folder (`reports/2024-25`).
    pub finances: BTreeMap<String, Finances>,
    /// Data files beside pages, by content path (`about/governance.toml`).
    pub data: BTreeMap<String, DataFile>,
    /// Static stylesheets in the `SourceMap`, by output path (`css/site.css`).
    pub stylesheets: BTreeMap<String, FileId>,
    /// `glossary.toml`, when the site has one.
    pub glossary: Option<Glossary>,
    /// Saved engagement reports (`data/engagement/`), the latest last.
    pub engagement: Vec<engagement::EngagementReport>,
    /// The interface strings (built-in tables, the site's `i18n/` over them).
    pub strings: InterfaceStrings,
    /// Files in the output folder that reportsite did not write (relative
    /// paths): links to them work, with a warning.
    pub placed_by_hand: std::collections::BTreeSet<String>,
    /// The build's day (`SOURCE_DATE_EPOCH`, else today): what is past is
    /// judged by it alone, so a build is reproducible.
    pub today: Date,
    /// The section listing each page, by `PageId`.
    parents: Vec<Option<PageId>>,
    /// Each section's pages in reading order, by `PageId`.
    children: Vec<Vec<PageId>>,
    /// The resource and video catalogues, with their filter pages.
    pub catalogues: Vec<catalogue::Catalogue>,
    /// Catalogue entries grouped for finding each one's related entries.
    pub related: related::RelatedIndex,
    /// The components pages may use (built in, and the site's own).
    pub components: components::ComponentSpecs,
    /// Every page in the site's own language that has translations, with
    /// them, in the order site.toml declares the languages.
    translations: BTreeMap<ContentPath, Vec<PageId>>,
}

/// A TOML data file beside a page: its content for templates, and the
/// tables it declares.
#[derive(Debug, Clone)]
pub struct DataFile {
    pub file: FileId,
    pub value: serde_json::Value,
    pub tables: Vec<DataTable>,
}

/// A table of figures or facts, rendered with a caption and header cells.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DataTable {
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// `glossary.toml`: the abbreviations and terms readers meet.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    pub terms: Vec<GlossaryTerm>,
}

#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
pub struct GlossaryTerm {
    /// As it appears in text: `LRSCP`, `Early help`.
    pub term: String,
    /// What it stands for or means, in one line.
    pub meaning: String,
}

impl GlossaryTerm {
    /// An abbreviation (`CAMHS`) is marked up as `<abbr>`; a phrase is not.
    pub fn is_abbreviation(&self) -> bool {
        self.term.chars().any(|c| c.is_ascii_uppercase())
            && self
                .term
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '&')
    }
}

/// A file copied to the output unchanged.
#[derive(Debug, Clone)]
pub struct Asset {
    pub bytes: std::sync::Arc<[u8]>,
    /// The folder it came from, for messages: `content` or `static`.
    pub folder: &'static str,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub file: FileId,
    pub content_path: ContentPath,
    pub url: UrlPath,
    /// `_index.md`: a section that lists the pages in its folder.
    pub is_section: bool,
    pub title: String,
    pub summary: Option<String>,
    pub date: Option<Date>,
    pub weight: Option<i64>,
    pub aliases: Vec<Spanned<String>>,
    /// Where `slug` is set, for diagnostics about the URL it makes.
    pub slug_span: Option<std::ops::Range<usize>>,
    /// The byte where the Markdown body starts in the file (the end of
    /// the file for a placeholder, which has no body); the text itself is
    /// in the `SourceMap` (`body`).
    pub body_offset: usize,
    pub kind: PageKind,
    /// Where `show_engagement = true` is written, on a report or chapter
    /// that shows what was used in its year (a translation takes its
    /// original's).
    pub show_engagement: Option<std::ops::Range<usize>>,
    /// The declared language a translation is in (`cy` for
    /// `about.cy.md`); `None` in the site's own language.
    pub language: Option<String>,
    /// The page in the site's own language that this one translates
    /// (`about.md`); its own content path when it is in that language.
    pub original: ContentPath,
}

#[derive(Debug, Clone)]
pub enum PageKind {
    Plain,
    /// A news item, maybe tagged with priorities.
    News(Vec<Spanned<String>>),
    Report(Report),
    Chapter(Chapter),
    Priority(Priority),
    Resource(Resource),
    Video(Video),
    Event(events::Event),
}

/// A yearly report: `reports/<year>/_index.md`.
#[derive(Debug, Clone)]
pub struct Report {
    pub year: String,
    pub published: Date,
    pub period_start: Date,
    pub period_end: Date,
}

/// A chapter of a yearly report: `reports/<year>/*.md`.
#[derive(Debug, Clone)]
pub struct Chapter {
    pub weight: i64,
    pub priorities: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriorityStatus {
    Current,
    Past,
}

#[derive(Debug, Clone)]
pub struct Priority {
    pub status: PriorityStatus,
    pub years: Vec<String>,
    pub lead: String,
    /// What the priority achieved, year by year, under the same headings.
    pub impact: Vec<Impact>,
}

/// One year of a priority's impact. Every part is optional; the headings
/// are the same on every priority so readers can compare them.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize, schemars::JsonSchema)]
pub struct Impact {
    pub year: String,
    pub did: Option<String>,
    pub difference: Option<String>,
    #[serde(default)]
    pub figures: Vec<Figure>,
    pub voice: Option<String>,
    pub next: Option<String>,
    pub little_progress: Option<String>,
}

/// A figure that shows a difference: "Practitioners trained", "120".
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize, schemars::JsonSchema)]
pub struct Figure {
    pub label: String,
    pub value: String,
}

/// What resources and videos share: how they are found and when they are
/// reviewed.
#[derive(Debug, Clone)]
pub struct CatalogueFields {
    pub audiences: Vec<String>,
    pub topics: Vec<String>,
    /// Priority file stems, with their place in the front matter.
    pub priorities: Vec<Spanned<String>>,
    pub format: String,
    pub published: Date,
    pub review_by: Date,
    pub reviewed: Option<Date>,
    pub language: Option<String>,
    /// What it cost to make, in whole pounds, and what that covers: for the
    /// engagement report's cost per use, never shown to readers.
    pub cost: Option<u32>,
    pub cost_note: Option<String>,
}

#[derive(Debug, Clone)]
pub enum ResourceTarget {
    /// A file beside the page, as a site-root URL path (`/resources/x/x.pdf`).
    File(UrlPath),
    /// A page elsewhere, and where `url` is written in the front matter.
    Url(String, std::ops::Range<usize>),
}

#[derive(Debug, Clone)]
pub struct Resource {
    pub fields: CatalogueFields,
    pub target: ResourceTarget,
    /// For a PDF file, its number of pages when it can be read.
    pub pdf_pages: Option<u32>,
    /// Other versions: easy read, child-friendly, translations.
    pub alternatives: Vec<Alternative>,
    /// The page it comes from (`@/…`), with where that is written.
    pub source: Option<Spanned<String>>,
}

impl Resource {
    /// The resource's own file or address, then each other version's.
    pub fn targets(&self) -> impl Iterator<Item = &ResourceTarget> {
        std::iter::once(&self.target).chain(self.alternatives.iter().map(|version| &version.target))
    }
}

/// Another version of a resource.
#[derive(Debug, Clone)]
pub struct Alternative {
    pub label: String,
    pub target: ResourceTarget,
    pub language: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VideoSource {
    YouTube { video_id: String },
    Vimeo { video_id: String },
    File { src: UrlPath },
}

impl VideoSource {
    /// The video's own page at its provider, which a reader without
    /// JavaScript is sent to; `None` for a file on this site.
    pub fn watch_url(&self) -> Option<String> {
        match self {
            VideoSource::YouTube { video_id } => {
                Some(format!("https://www.youtube.com/watch?v={video_id}"))
            }
            VideoSource::Vimeo { video_id } => Some(format!("https://vimeo.com/{video_id}")),
            VideoSource::File { .. } => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Video {
    pub fields: CatalogueFields,
    pub source: VideoSource,
    pub duration: VideoLength,
    /// The WebVTT captions; `None` only when `no_captions` says why.
    pub captions: Option<UrlPath>,
    /// Why a video has no captions (a video with no speech, say).
    pub no_captions: Option<String>,
    pub poster: Option<UrlPath>,
    /// Where `poster` is written, for problems with the image itself.
    pub poster_span: Option<crate::diagnostics::Span>,
    /// Where `video_id` is written, for a video its provider no longer has.
    pub video_id_span: Option<crate::diagnostics::Span>,
}

impl Site {
    /// Assembles a site; `pages` must be sorted by content path. The
    /// section tree is worked out once here, so listings cost nothing later.
    pub fn new(
        config: SiteConfig,
        pages: Vec<Page>,
        assets: BTreeMap<String, Asset>,
        finances: BTreeMap<String, Finances>,
        data: BTreeMap<String, DataFile>,
        today: Date,
    ) -> Self {
        let mut site = Self {
            config,
            pages,
            assets,
            finances,
            data,
            stylesheets: BTreeMap::new(),
            glossary: None,
            engagement: Vec::new(),
            strings: InterfaceStrings::default(),
            placed_by_hand: std::collections::BTreeSet::new(),
            today,
            parents: Vec::new(),
            children: Vec::new(),
            catalogues: Vec::new(),
            related: related::RelatedIndex::default(),
            components: components::ComponentSpecs::built_in(),
            translations: BTreeMap::new(),
        };
        site.translations = site.find_translations();
        site.parents = site
            .page_ids()
            .map(|id| site.find_parent_section(id))
            .collect();
        let mut children = vec![Vec::new(); site.pages.len()];
        for id in site.page_ids() {
            if let Some(parent) = site.parents[id.0] {
                children[parent.0].push(id);
            }
        }
        for list in &mut children {
            site.sort_reading_order(list);
        }
        site.children = children;
        site.catalogues = catalogue::Catalogue::build_all(&site);
        site.related = related::RelatedIndex::build(&site);
        site
    }

    /// Reading order: `weight` first, then newest date, then title.
    pub fn sort_reading_order(&self, pages: &mut [PageId]) {
        pages.sort_by_cached_key(|&id| {
            let page = self.page(id);
            let weight = match &page.kind {
                PageKind::Chapter(chapter) => Some(chapter.weight),
                _ => page.weight,
            };
            let date = page
                .date
                .or_else(|| page.catalogue_fields().map(|f| f.published));
            (
                weight.unwrap_or(i64::MAX),
                Reverse(date),
                page.title.to_lowercase(),
            )
        });
    }

    pub fn page(&self, id: PageId) -> &Page {
        &self.pages[id.0]
    }

    pub fn page_ids(&self) -> impl Iterator<Item = PageId> + '_ {
        (0..self.pages.len()).map(PageId)
    }

    /// The page at a content path (`priorities/safeguarding-babies.md`).
    pub fn page_by_path(&self, path: &str) -> Option<PageId> {
        self.pages
            .binary_search_by(|page| page.content_path.as_str().cmp(path))
            .ok()
            .map(PageId)
    }

    /// The section that lists a page: the nearest `_index.md` above it.
    pub fn parent_section(&self, id: PageId) -> Option<PageId> {
        self.parents.get(id.0).copied().flatten()
    }

    /// The pages a section lists, in reading order: pages in its folder,
    /// bundles in its sub-folders, and the `_index.md` of each sub-folder.
    pub fn section_children(&self, section: PageId) -> &[PageId] {
        self.children.get(section.0).map_or(&[], Vec::as_slice)
    }

    /// The nearest section above a page in the page's own language: a
    /// translation is listed by the translation of a section (`_index.cy.md`).
    fn find_parent_section(&self, id: PageId) -> Option<PageId> {
        let page = self.page(id);
        let index_name = match &page.language {
            Some(code) => format!("_index.{code}.md"),
            None => "_index.md".to_string(),
        };
        let mut folder = page.original.folder().to_string();
        if page.is_section {
            folder = parent_folder(&folder)?.to_string();
        }
        loop {
            let index = if folder.is_empty() {
                index_name.clone()
            } else {
                format!("{folder}/{index_name}")
            };
            if let Some(section) = self.page_by_path(&index) {
                return Some(section);
            }
            folder = parent_folder(&folder)?.to_string();
        }
    }

    /// The data file beside a page: `a/b.toml` for `a/b.md`.
    pub fn page_data(&self, id: PageId) -> Option<&DataFile> {
        let path = self.page(id).original.as_str();
        self.data
            .get(&format!("{}.toml", path.trim_end_matches(".md")))
    }

    /// The site's icon in `static/`: `favicon.svg` (sharp at any size),
    /// else `favicon.png`, else `favicon.ico`, else any other `favicon.*`.
    /// The default icon is there unless the site has its own.
    pub fn icon(&self) -> Option<&str> {
        ["favicon.svg", "favicon.png", "favicon.ico"]
            .into_iter()
            .find(|name| self.assets.contains_key(*name))
            .or_else(|| {
                self.assets
                    .keys()
                    .map(String::as_str)
                    .find(|name| is_site_icon(name))
            })
    }

    /// The catalogues in the site's own language: the ones the open data,
    /// the editors' reviews and relatedness are about.
    pub fn own_catalogues(&self) -> impl Iterator<Item = &catalogue::Catalogue> {
        self.catalogues
            .iter()
            .filter(|catalogue| catalogue.language.is_none())
    }

    /// A priority's page by its file stem.
    pub fn priority_by_stem(&self, stem: &str) -> Option<PageId> {
        self.page_by_path(&format!("priorities/{stem}.md"))
    }
}

impl PageKind {
    /// What a reader calls this kind of page: the search filter's value
    /// and the feed category's label.
    pub fn label(&self) -> &'static str {
        match self {
            PageKind::Plain => "Page",
            PageKind::News(_) => "News",
            PageKind::Report(_) | PageKind::Chapter(_) => "Yearly report",
            PageKind::Priority(_) => "Priority",
            PageKind::Resource(_) => "Resource",
            PageKind::Video(_) => "Video",
            PageKind::Event(_) => "Event",
        }
    }
}

impl Page {
    /// The Markdown body, as the `SourceMap` holds the file now.
    pub fn body<'a>(&self, sources: &'a crate::source::SourceMap) -> &'a str {
        sources
            .file(self.file)
            .text
            .get(self.body_offset..)
            .unwrap_or_default()
    }

    /// The kind's name as templates, the feed and the open data see it
    /// (a plain page with children is a "section").
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            PageKind::Plain if self.is_section => "section",
            PageKind::Plain => "page",
            PageKind::News(_) => "news",
            PageKind::Report(_) => "report",
            PageKind::Chapter(_) => "chapter",
            PageKind::Priority(_) => "priority",
            PageKind::Resource(_) => "resource",
            PageKind::Video(_) => "video",
            PageKind::Event(_) => "event",
        }
    }

    /// A version in a declared language (`about.cy.md`), whose facts are
    /// its original's.
    pub fn is_translation(&self) -> bool {
        self.language.is_some()
    }

    pub fn catalogue_fields(&self) -> Option<&CatalogueFields> {
        match &self.kind {
            PageKind::Resource(resource) => Some(&resource.fields),
            PageKind::Video(video) => Some(&video.fields),
            _ => None,
        }
    }

    /// The priorities this page is tagged with.
    pub fn priority_tags(&self) -> &[Spanned<String>] {
        match &self.kind {
            PageKind::Chapter(chapter) => &chapter.priorities,
            PageKind::News(priorities) => priorities,
            PageKind::Resource(resource) => &resource.fields.priorities,
            PageKind::Video(video) => &video.fields.priorities,
            PageKind::Event(event) => &event.priorities,
            _ => &[],
        }
    }
}

/// `favicon.svg`, `favicon.ico`, `favicon.png`, …: a site icon, at the
/// root of `static/` (a path relative to it).
pub fn is_site_icon(static_path: &str) -> bool {
    static_path
        .strip_prefix("favicon.")
        .is_some_and(|extension| !extension.is_empty() && !extension.contains('/'))
}

fn parent_folder(folder: &str) -> Option<&str> {
    if folder.is_empty() {
        None
    } else {
        Some(folder.rsplit_once('/').map_or("", |(parent, _)| parent))
    }
}
