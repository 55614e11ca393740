//! The resource and video catalogues: every entry, the facets it can be
//! filtered by (audience, topic, format, priority, and the languages other
//! than the site's that it or one of its versions is in) with counts, and the
//! filter pages pre-rendered for each value and each audience × topic pair
//! that has entries, so filtering works with JavaScript off.
//!
//! Invariant: no empty filter page; entries newest first, then by title;
//! the URLs here are the only catalogue URLs, used by links, render and
//! the export alike.

use std::collections::BTreeMap;

use super::{PageId, PageKind, Site, UrlPath};
use crate::config::VocabularyKind;
use crate::language::{LanguageNames, is_other_language, primary_subtag};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FacetKind {
    Audience,
    Topic,
    Format,
    Priority,
    /// A language other than the site's: the entry's own, or a version's.
    Language,
}

impl FacetKind {
    pub const ALL: [FacetKind; 5] = [
        FacetKind::Audience,
        FacetKind::Topic,
        FacetKind::Format,
        FacetKind::Priority,
        FacetKind::Language,
    ];

    /// The URL segment and the query-string key (`audience`).
    pub fn key(self) -> &'static str {
        match self {
            FacetKind::Audience => "audience",
            FacetKind::Topic => "topic",
            FacetKind::Format => "format",
            FacetKind::Priority => "priority",
            FacetKind::Language => "language",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FacetKind::Audience => "Who it is for",
            FacetKind::Topic => "Topic",
            FacetKind::Format => "Format",
            FacetKind::Priority => "Partnership priority",
            FacetKind::Language => "Language",
        }
    }
}

/// One value of a facet and the entries that have it.
#[derive(Debug, Clone)]
pub struct FacetValue {
    pub slug: String,
    pub label: String,
    pub members: Vec<PageId>,
}

#[derive(Debug, Clone)]
pub struct Facet {
    pub kind: FacetKind,
    pub values: Vec<FacetValue>,
}

/// A pre-rendered filtered listing.
#[derive(Debug, Clone)]
pub struct FilterPage {
    pub url: UrlPath,
    /// The filters applied, in facet order.
    pub filters: Vec<(FacetKind, String)>,
    pub members: Vec<PageId>,
}

#[derive(Debug, Clone)]
pub struct Catalogue {
    /// The section page (`resources/_index.md`) the catalogue belongs to.
    pub section: PageId,
    /// `resources` or `videos`.
    pub name: String,
    /// The declared language of a translated catalogue
    /// (`resources/_index.cy.md`), which lists the entries translated into
    /// it; `None` for the site's own.
    pub language: Option<String>,
    /// Every entry, newest first.
    pub entries: Vec<PageId>,
    pub facets: Vec<Facet>,
    pub filter_pages: Vec<FilterPage>,
}

impl Catalogue {
    /// The catalogues of a site: one per `resources/` and `videos/` section,
    /// then one per translation of such a section, listing what a reader of
    /// its language can use: the entries translated into it, and the
    /// site's own entries that are in it or have a version in it (an
    /// English page for a leaflet that also comes in Polish). Untranslated
    /// pages are not copied under the prefix.
    pub fn build_all(site: &Site) -> Vec<Catalogue> {
        let mut own = Vec::new();
        let mut translated = Vec::new();
        for name in ["resources", "videos"] {
            let Some(section) = site.page_by_path(&format!("{name}/_index.md")) else {
                continue;
            };
            let catalogue = Catalogue::build(site, name, section);
            for version in site.versions(section).into_iter().skip(1) {
                let language = site.page(version).language.as_deref();
                let entries = catalogue
                    .entries
                    .iter()
                    .map(|&entry| site.version_in(entry, language))
                    .filter(|&entry| {
                        site.page(entry).language.as_deref() == language
                            || language.is_some_and(|code| is_available_in(site, entry, code))
                    })
                    .collect();
                translated.push(Catalogue::with_entries(site, name, version, entries));
            }
            own.push(catalogue);
        }
        own.extend(translated);
        own
    }

    fn build(site: &Site, name: &str, section: PageId) -> Catalogue {
        let entries: Vec<PageId> = site
            .page_ids()
            .filter(|&id| {
                let page = site.page(id);
                page.catalogue_fields().is_some()
                    && !page.is_translation()
                    && page.content_path.as_str().starts_with(&format!("{name}/"))
            })
            .collect();
        Catalogue::with_entries(site, name, section, entries)
    }

    fn with_entries(
        site: &Site,
        name: &str,
        section: PageId,
        mut entries: Vec<PageId>,
    ) -> Catalogue {
        entries.sort_by_cached_key(|&id| {
            let page = site.page(id);
            let published = page.catalogue_fields().map(|fields| fields.published);
            (std::cmp::Reverse(published), page.title.to_lowercase())
        });
        let language = site.page(section).language.as_deref();
        let facets: Vec<Facet> = FacetKind::ALL
            .into_iter()
            .map(|kind| facet(site, &entries, kind, language))
            .collect();
        let base = site.page(section).url.clone();
        let filter_pages = filter_pages(&base, &facets);
        Catalogue {
            section,
            name: name.to_string(),
            language: site.page(section).language.clone(),
            entries,
            facets,
            filter_pages,
        }
    }

    /// The address of the catalogue's entries for the filter script, so
    /// it can filter the whole catalogue from any page of its list:
    /// `/resources/entries.json`.
    pub fn entries_index_path(&self, site: &Site) -> String {
        format!("{}entries.json", site.page(self.section).url)
    }

    /// Every entry from A to Z by title (the A–Z list, and its order in
    /// `entries.json`).
    pub fn by_title(&self, site: &Site) -> Vec<PageId> {
        let mut by_title = self.entries.clone();
        by_title.sort_by_cached_key(|&id| site.page(id).title.to_lowercase());
        by_title
    }

    /// The URL of the A–Z listing of the whole catalogue.
    pub fn a_to_z_url(&self, site: &Site) -> UrlPath {
        UrlPath::new(format!("{}a-z/", site.page(self.section).url))
    }
}

/// The values of one facet among `entries`, in vocabulary order, each
/// with its members (empty values left out), labelled in `language`
/// (`None`: the site's own) where the site gives a label in it.
fn facet(site: &Site, entries: &[PageId], kind: FacetKind, language: Option<&str>) -> Facet {
    let mut members: BTreeMap<String, Vec<PageId>> = BTreeMap::new();
    for &id in entries {
        for slug in facet_values(site, id, kind) {
            members.entry(slug).or_default().push(id);
        }
    }
    let ordered: Vec<(String, String)> = match kind {
        FacetKind::Language => language_values(&members),
        FacetKind::Priority => site
            .page_ids()
            .filter(|&id| {
                let page = site.page(id);
                matches!(page.kind, PageKind::Priority(_)) && !page.is_translation()
            })
            .map(|id| {
                let title = &site.page(site.version_in(id, language)).title;
                (site.page(id).content_path.stem().to_string(), title.clone())
            })
            .collect(),
        _ => site
            .config
            .vocabulary(vocabulary_of(kind))
            .iter()
            .map(|term| (term.slug.clone(), term.label_in(language).to_string()))
            .collect(),
    };
    let values = ordered
        .into_iter()
        .filter_map(|(slug, label)| {
            let members = members.remove(&slug)?;
            Some(FacetValue {
                slug,
                label,
                members,
            })
        })
        .collect();
    Facet { kind, values }
}

/// Whether an entry of the site's own language is itself in `language`,
/// or has a version in it.
fn is_available_in(site: &Site, id: PageId, language: &str) -> bool {
    other_languages(site, id).contains(&primary_subtag(language))
}

/// The slugs an entry has for one facet.
pub fn facet_values(site: &Site, id: PageId, kind: FacetKind) -> Vec<String> {
    let Some(fields) = site.page(id).catalogue_fields() else {
        return Vec::new();
    };
    match kind {
        FacetKind::Audience => fields.audiences.clone(),
        FacetKind::Topic => fields.topics.clone(),
        FacetKind::Format => vec![fields.format.clone()],
        FacetKind::Priority => fields
            .priorities
            .iter()
            .map(|tag| tag.get_ref().clone())
            .collect(),
        FacetKind::Language => other_languages(site, id),
    }
}

/// The languages other than the site's that an entry is in, or one of a
/// resource's versions is in: their primary subtags, sorted, once each.
fn other_languages(site: &Site, id: PageId) -> Vec<String> {
    let page = site.page(id);
    let own = page
        .catalogue_fields()
        .and_then(|fields| fields.language.as_deref());
    let versions: Vec<&str> = match &page.kind {
        PageKind::Resource(resource) => resource
            .alternatives
            .iter()
            .filter_map(|alternative| alternative.language.as_deref())
            .collect(),
        _ => Vec::new(),
    };
    let mut languages: Vec<String> = own
        .into_iter()
        .chain(versions)
        .filter(|tag| is_other_language(tag, &site.config.language))
        .map(primary_subtag)
        .collect();
    languages.sort();
    languages.dedup();
    languages
}

/// The language values present, each labelled in itself and in English
/// (`Polski / Polish`), in order of the English name.
fn language_values(present: &BTreeMap<String, Vec<PageId>>) -> Vec<(String, String)> {
    let mut values: Vec<(String, String, String)> = present
        .keys()
        .map(|slug| {
            let names = LanguageNames::of(slug);
            let label = names.label(slug);
            (
                names.english.unwrap_or_else(|| slug.clone()),
                slug.clone(),
                label,
            )
        })
        .collect();
    values.sort();
    values
        .into_iter()
        .map(|(_, slug, label)| (slug, label))
        .collect()
}

fn vocabulary_of(kind: FacetKind) -> VocabularyKind {
    match kind {
        FacetKind::Audience => VocabularyKind::Audience,
        FacetKind::Topic => VocabularyKind::Topic,
        FacetKind::Format | FacetKind::Priority | FacetKind::Language => VocabularyKind::Format,
    }
}

/// One page per facet value, and one per audience × topic pair with
/// entries (`/resources/audience/parents-and-carers/topic/online-safety/`).
fn filter_pages(base: &UrlPath, facets: &[Facet]) -> Vec<FilterPage> {
    let mut pages = Vec::new();
    for facet in facets {
        for value in &facet.values {
            pages.push(FilterPage {
                url: UrlPath::new(format!("{base}{}/{}/", facet.kind.key(), value.slug)),
                filters: vec![(facet.kind, value.slug.clone())],
                members: value.members.clone(),
            });
        }
    }
    let by_kind = |kind: FacetKind| facets.iter().find(|facet| facet.kind == kind);
    if let (Some(audiences), Some(topics)) =
        (by_kind(FacetKind::Audience), by_kind(FacetKind::Topic))
    {
        for audience in &audiences.values {
            for topic in &topics.values {
                let members: Vec<PageId> = audience
                    .members
                    .iter()
                    .copied()
                    .filter(|id| topic.members.contains(id))
                    .collect();
                if members.is_empty() {
                    continue;
                }
                pages.push(FilterPage {
                    url: UrlPath::new(format!(
                        "{base}audience/{}/topic/{}/",
                        audience.slug, topic.slug
                    )),
                    filters: vec![
                        (FacetKind::Audience, audience.slug.clone()),
                        (FacetKind::Topic, topic.slug.clone()),
                    ],
                    members,
                });
            }
        }
    }
    pages
}
